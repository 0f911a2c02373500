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
};

/** `GET /v1/tips` and `GET /v1/tips/{id}`. */
export const tipOperations: OperationGroup = (registry, { apiSecurity }) => {
  registry.registerPath({
    method: 'get',
    path: '/v1/tips',
    operationId: 'listTips',
    tags: ['Tips'],
    summary: 'The tip catalogue',
    description: 'Every tip of the guidance, in guidance order. Widget keys may call it.',
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
                  },
                  { id: weakReferences.id, title: weakReferences.title, section: weakReferences.section },
                ],
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
    description: 'A tip with its text, code examples and source lines. Widget keys may call it.',
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
