import { z } from 'zod';
import { API_ERRORS, WIDGET_ERRORS, jsonContent, problemResponse, standardHeaders } from '../components.js';
import { responseExamples, type OperationGroup } from '../registry.js';
import { tipListSchema, tipSchema } from '../schemas.js';

const weakReferences = {
  id: 'avoid-memory-leaks--weak-references',
  title: 'Weak References',
  section: 'Avoid Memory Leaks',
  text: 'Use weak references (`weakref` module) to avoid keeping unnecessary references to objects, allowing them to be garbage collected.',
  examples: [
    { language: 'python', code: 'import weakref\n\nclass MyClass:\n    pass\n\nobj = MyClass()\nweak_obj = weakref.ref(obj)' },
  ],
  source: { file: 'python-memory-guidance.md', lineStart: 45, lineEnd: 54 },
  facets: [],
  references: [],
  primary: true,
  see: [],
  extensions: [],
};

/** Two files of the shipped knowledge, as `GET /v1/tips` and `GET /healthz` list them. */
export const KNOWLEDGE_FILES_EXAMPLE = [
  {
    name: 'python-memory-guidance.md',
    kind: 'markdown' as const,
    sha256: '8d4b0bf39df1464499e07dba989583ae6d4f32accc9a00211aed59bb70de6406',
    bytes: 4839,
    units: 16,
    extensions: 0,
    primary: true,
    enabled: true,
  },
  {
    name: 'python-memory-companion.md',
    kind: 'markdown' as const,
    sha256: 'COMPANION_SHA',
    bytes: 1,
    units: 1,
    extensions: 1,
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
                    facets: ['why', 'measure'],
                  },
                  { id: weakReferences.id, title: weakReferences.title, section: weakReferences.section, file: 'python-memory-guidance.md', facets: ['why', 'how', 'caveats'] },
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
        content: jsonContent(tipSchema, responseExamples(tipSchema, { weakReferences: { summary: 'Weak References', value: weakReferences } })),
      },
      404: problemResponse(404, 'No tip has this id.', {
        type: 'urn:pymem:problem:unknown-tip',
        title: 'Unknown tip',
        detail: 'No tip has the id "nope". GET /v1/tips lists them.',
      }),
      ...API_ERRORS,
      ...WIDGET_ERRORS,
    },
  });
};
