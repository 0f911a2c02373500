import { searchRequestSchema } from '../../schemas.js';
import { API_ERRORS, JSON_BODY_ERRORS, jsonContent, standardHeaders } from '../components.js';
import { requestExamples, responseExamples, type OperationGroup } from '../registry.js';
import { searchResponseSchema } from '../schemas.js';

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
