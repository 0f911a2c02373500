import { z } from 'zod';
import { askRequestSchema } from '../../schemas.js';
import {
  ANALYSIS_ERRORS,
  API_ERRORS,
  JSON_BODY_ERRORS,
  WIDGET_ERRORS,
  jsonContent,
  standardHeaders,
} from '../components.js';
import { requestExamples, type OperationGroup } from '../registry.js';

const STREAM_EXAMPLE = [
  'event: citations',
  'data: {"citations":[{"n":1,"id":"avoid-memory-leaks--weak-references","title":"Weak References","section":"Avoid Memory Leaks","score":0.7879,"source":{"file":"python-memory-guidance.md","lineStart":45,"lineEnd":54}}],"coverage":"answer"}',
  '',
  'event: delta',
  'data: {"text":"The guidance covers "}',
  '',
  'event: delta',
  'data: {"text":"this under **Avoid "}',
  '',
  'event: done',
  'data: {"answerId":"904377e4-ca7c-41e5-8e8b-9f29e953ae06","answer":"The guidance covers this under **Avoid Memory Leaks**: …","abstained":false,"citations":[…],"examples":[…],"coverage":"answer","confidence":"medium","mode":"extractive"}',
  '',
  '',
].join('\n');

/** `POST /v1/ask/stream`. */
export const askStreamOperations: OperationGroup = (registry, { apiSecurity }) => {
  registry.registerPath({
    method: 'post',
    path: '/v1/ask/stream',
    operationId: 'askStream',
    tags: ['Answers'],
    summary: 'Ask a question, answer streamed (Server-Sent Events)',
    description:
      'The `/v1/ask` answer as Server-Sent Events: `event: citations` first (`{ citations, coverage, related? }`: whether the guidance answers, known before the text; `related` lists the related tips of a `coverage: "related"` answer), then `event: delta` pieces of the markdown (`{ text }`), then `event: done` with exactly the `/v1/ask` body (an `Answer`). A failure after the stream started is `event: error` with a problem+json body; a bad request is a plain 4xx problem+json before any event. Widget keys may call it.',
    security: apiSecurity,
    request: {
      body: {
        required: true,
        content: jsonContent(
          askRequestSchema,
          requestExamples(askRequestSchema, {
            question: { summary: 'A question', value: { question: 'how do weak references help?' } },
          }),
        ),
      },
    },
    responses: {
      200: {
        description: 'The event stream.',
        headers: standardHeaders(true),
        content: { 'text/event-stream': { schema: z.string(), example: STREAM_EXAMPLE } },
      },
      ...JSON_BODY_ERRORS,
      ...ANALYSIS_ERRORS,
      ...API_ERRORS,
      ...WIDGET_ERRORS,
    },
  });
};
