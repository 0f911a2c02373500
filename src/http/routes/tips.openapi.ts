import { z } from 'zod';
import type { Tip } from '../../knowledge/types.js';
import {
  API_ERRORS,
  JSON_BODY_ERRORS,
  jsonContent,
  problemResponseDoc,
  standardHeaders,
  WIDGET_ERRORS,
} from '../openapi/components.js';
import { type OperationGroup, requestExamples, responseExamples } from '../openapi/registry.js';
import { searchResponseSchema, tipListSchema, tipSchema } from '../openapi/schemas.js';
import { searchRequestSchema } from '../schemas.js';

const weakReferences = {
  id: 'avoid-memory-leaks--weak-references',
  title: 'Weak References',
  section: 'Avoid Memory Leaks',
  text: 'Use weak references (`weakref` module) to avoid keeping unnecessary references to objects, allowing them to be garbage collected.',
  examples: [
    {
      language: 'python',
      code: 'import weakref\n\nclass MyClass:\n    pass\n\nobj = MyClass()\nweak_obj = weakref.ref(obj)',
      source: {
        file: 'python-memory-guidance.md',
        lineStart: 46,
        lineEnd: 54,
      },
    },
    {
      language: 'python',
      code: "import weakref\n\nclass Image:\n    pass\n\nimg = Image()\nr = weakref.ref(img, lambda ref: print('gone'))\nprint(r() is img)\ndel img\nprint(r())\ntry:\n    weakref.ref([1, 2, 3])\nexcept TypeError:\n    print('lists cannot be weakly referenced')",
      facet: 'how',
      source: {
        file: 'python-memory-companion.md',
        lineStart: 2047,
        lineEnd: 2068,
      },
      output: 'True\ngone\nNone\nlists cannot be weakly referenced',
    },
  ],
  source: {
    file: 'python-memory-guidance.md',
    lineStart: 45,
    lineEnd: 54,
  },
  facets: [
    {
      kind: 'why',
      text: '`weakref.ref(obj)` refers to `obj` without adding to its reference count, so it does not keep `obj` alive: calling the reference returns the object while it exists and `None` once it has been freed. That lets caches, registries and back pointers refer to objects without extending their lives.',
      source: {
        file: 'python-memory-companion.md',
        lineStart: 2043,
        lineEnd: 2043,
      },
    },
    {
      kind: 'how',
      text: '`r = weakref.ref(obj, callback)` calls `callback(r)` when `obj` dies; `weakref.proxy(obj)` behaves like the object and raises `ReferenceError` after it is gone; `weakref.WeakValueDictionary`, `WeakKeyDictionary` and `WeakSet` are containers whose entries disappear with their objects.',
      source: {
        file: 'python-memory-companion.md',
        lineStart: 2045,
        lineEnd: 2045,
      },
    },
    {
      kind: 'caveats',
      text: "Built-in `list` and `dict` do not support weak references (a subclass of them does), and `int`, `tuple` and `bytes` do not even when subclassed (a subclass of `str` does). A class with `__slots__` supports them only if `'__weakref__'` is one of its slots. Always keep the result of `r()` in a local before using it: the object may vanish between two calls.",
      source: {
        file: 'python-memory-companion.md',
        lineStart: 2070,
        lineEnd: 2070,
      },
    },
  ],
  references: [
    {
      title: 'weakref — Weak references',
      url: 'https://docs.python.org/3/library/weakref.html',
      source: {
        file: 'python-memory-companion.md',
        lineStart: 2073,
        lineEnd: 2073,
      },
    },
    {
      title: 'PEP 205 – Weak References',
      url: 'https://peps.python.org/pep-0205/',
      source: {
        file: 'python-memory-companion.md',
        lineStart: 2074,
        lineEnd: 2074,
      },
    },
  ],
  primary: true,
  see: [],
  extensions: [
    {
      title: 'What a weak reference does and does not hold',
      source: {
        file: 'python-memory-companion.md',
        lineStart: 2040,
        lineEnd: 2074,
      },
    },
  ],
} satisfies Tip;

/** Two files of the shipped knowledge, as `GET /v1/tips` and `GET /healthz` list them. */
export const KNOWLEDGE_FILES_EXAMPLE = [
  {
    name: 'python-memory-guidance.md',
    kind: 'markdown' as const,
    sha256: '8d4b0bf39df1464499e07dba989583ae6d4f32accc9a00211aed59bb70de6406',
    bytes: 4475,
    units: 16,
    extensions: 0,
    primary: true,
    enabled: true,
  },
  {
    name: 'python-memory-companion.md',
    kind: 'markdown' as const,
    sha256: '9d199f4da35b6e82847cf2e28c5b217cbff3bf2d6dee79c5512fbfe62e5b8e23',
    bytes: 100416,
    units: 44,
    extensions: 17,
    primary: false,
    enabled: true,
  },
];

/** `GET /v1/tips` and `GET /v1/tips/{id}`. */
export const tipOperations: OperationGroup = (registry, { apiSecurity }) => {
  registry.registerPath({
    method: 'get',
    path: '/v1/tips',
    operationId: 'listTips',
    tags: ['Tips'],
    summary: 'The tip catalogue',
    description:
      'Every tip answers may use (all files, unless the `KNOWLEDGE_FILES` setting leaves some out), the primary file (the guidance) first, then every knowledge file with its sha256. Widget keys may call it.',
    security: apiSecurity,
    responses: {
      200: {
        description: 'The catalogue.',
        headers: standardHeaders(true),
        content: jsonContent(
          tipListSchema,
          responseExamples(tipListSchema, {
            catalogue: {
              summary: 'The first two tips',
              value: {
                tips: [
                  {
                    id: 'understand-python-s-memory-management--reference-counting',
                    title: 'Reference Counting',
                    section: "Understand Python's Memory Management",
                    file: 'python-memory-guidance.md',
                    facets: ['why', 'measure', 'caveats', 'why', 'how'],
                  },
                  {
                    id: weakReferences.id,
                    title: weakReferences.title,
                    section: weakReferences.section,
                    file: 'python-memory-guidance.md',
                    facets: ['why', 'how', 'caveats'],
                  },
                ],
                files: KNOWLEDGE_FILES_EXAMPLE,
              },
            },
          }),
        ),
      },
      ...API_ERRORS,
      ...WIDGET_ERRORS,
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/v1/tips/{id}',
    operationId: 'getTip',
    tags: ['Tips'],
    summary: 'One whole tip',
    description:
      'A tip with its text, code examples, facets (why, how, measure, caveats: its own and those of the units that extend it, each with its own source lines), references and source lines. Widget keys may call it.',
    security: apiSecurity,
    request: {
      params: z.object({
        id: z.string().meta({ description: 'A tip id from `GET /v1/tips`.', example: weakReferences.id }),
      }),
    },
    responses: {
      200: {
        description: 'The tip.',
        headers: standardHeaders(true),
        content: jsonContent(
          tipSchema,
          responseExamples(tipSchema, { weakReferences: { summary: 'Weak References', value: weakReferences } }),
        ),
      },
      404: problemResponseDoc(404, 'No tip has this id.', {
        type: 'urn:pymem:problem:unknown-tip',
        title: 'Unknown tip',
        detail: 'No tip has the id "nope". GET /v1/tips lists them.',
      }),
      ...API_ERRORS,
      ...WIDGET_ERRORS,
    },
  });
};

const requestSchema = searchRequestSchema.meta({
  id: 'SearchRequest',
  description: 'A search: the query (≤ 2,000 characters, not blank) and how many tips to return.',
});

/** `POST /v1/search`. */
export const searchOperations: OperationGroup = (registry, { apiSecurity }) => {
  registry.registerPath({
    method: 'post',
    path: '/v1/search',
    operationId: 'searchTips',
    tags: ['Answers'],
    summary: 'Search the tips',
    description:
      'The top tips for a query, best first, scored by hybrid retrieval (vector cosine and BM25, fused). Identifiers such as `gc.get_count` and typos are understood.',
    security: apiSecurity,
    request: {
      body: {
        required: true,
        content: jsonContent(
          requestSchema,
          requestExamples(searchRequestSchema, {
            identifier: { summary: 'An identifier, two results', value: { query: 'weakref.ref', k: 2 } },
            words: { summary: 'Words, default k (5)', value: { query: 'reduce memory of many small objects' } },
          }),
        ),
      },
    },
    responses: {
      200: {
        description: 'The results, best first.',
        headers: standardHeaders(true),
        content: jsonContent(
          searchResponseSchema,
          responseExamples(searchResponseSchema, {
            weakref: {
              summary: 'The best match for "weakref.ref"',
              value: {
                results: [
                  {
                    id: 'avoid-memory-leaks--weak-references',
                    title: 'Weak References',
                    section: 'Avoid Memory Leaks',
                    score: 0.6145,
                    text: 'Use weak references (`weakref` module) to avoid keeping unnecessary references to objects, allowing them to be garbage collected.',
                    examples: [
                      {
                        language: 'python',
                        code: 'import weakref\n\nclass MyClass:\n    pass\n\nobj = MyClass()\nweak_obj = weakref.ref(obj)',
                      },
                    ],
                    source: { file: 'python-memory-guidance.md', lineStart: 45, lineEnd: 54 },
                  },
                ],
              },
            },
          }),
        ),
      },
      ...JSON_BODY_ERRORS,
      ...API_ERRORS,
    },
  });
};
