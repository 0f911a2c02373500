import { z } from 'zod';
import {
  ANALYSIS_ERRORS,
  API_ERRORS,
  JSON_BODY_ERRORS,
  jsonContent,
  standardHeaders,
  WIDGET_ERRORS,
} from '../openapi/components.js';
import { type OperationGroup, requestExamples, responseExamples } from '../openapi/registry.js';
import { answerSchema } from '../openapi/schemas.js';
import { askRequestSchema } from '../schemas.js';

const requestSchema = askRequestSchema.meta({
  id: 'AskRequest',
  description:
    'A question (≤ 2,000 characters, not blank), optionally with pasted Python code (`snippet`, ≤ 64 KiB of UTF-8) whose identifiers steer retrieval and the language it is in when the client knows it (`snippetLanguage`, an editor\'s language id such as `python` or `go`: code in another language is not analyzed and makes the question that runtime\'s), how many tips to cite at most (`k`, 1–10, default 3), and the conversation before it (`history`: `[{ role: "user" | "assistant", content }]`, oldest first, at most 10 turns and 16 KiB of content) that a follow-up ("why?", "what about dicts?") is resolved against: of it, the last 4 user turns and 2,000 characters are read.',
});

/** The answer to "how do I build a big string efficiently?", as the service gives it. */
export const STRING_ANSWER_EXAMPLE = {
  answerId: '74830392-5e39-4d0e-850d-a85f936c8ecc',
  answer:
    "The guidance covers this under **Optimize String Usage**:\n\n- **String Concatenation**: Use `str.join()` for concatenating multiple strings instead of using `+`, as it is more memory efficient. [1]\n\nExample for **String Concatenation** [1]:\n\n```python\nstrings = ['a', 'b', 'c']\nresult = ''.join(strings)\n```\n\n**Sources**\n\n1. String Concatenation (Optimize String Usage), python-memory-guidance.md lines 78–82",
  abstained: false,
  citations: [
    {
      n: 1,
      id: 'optimize-string-usage--string-concatenation',
      title: 'String Concatenation',
      section: 'Optimize String Usage',
      score: 0.7323,
      source: { file: 'python-memory-guidance.md', lineStart: 78, lineEnd: 82 },
    },
  ],
  examples: [
    {
      language: 'python',
      code: "strings = ['a', 'b', 'c']\nresult = ''.join(strings)",
      citation: 'optimize-string-usage--string-concatenation',
    },
  ],
  mode: 'extractive' as const,
  coverage: 'answer' as const,
  confidence: 'medium' as const,
};

const COVERED_SECTIONS =
  "Understand Python's Memory Management; Use Built-in Data Structures Wisely; Optimize Code for Memory Efficiency; Be Cautious with Global Variables; Manage Large Data Sets Efficiently; Avoid Memory Leaks; Monitor and Profile Memory Usage; Optimize String Usage";

/** `POST /v1/ask`. */
export const askOperations: OperationGroup = (registry, { apiSecurity }) => {
  registry.registerPath({
    method: 'post',
    path: '/v1/ask',
    operationId: 'ask',
    tags: ['Answers'],
    summary: 'Ask a question',
    description:
      'A grounded answer: every sentence but the lead is a tip\'s own text, cited `[n]`, with the tips\' example code (only the examples that fit the question). `k` is the most tips cited: a further tip is cited only when it is relevant on its own. When the guidance does not answer the question it abstains (`abstained: true`, nothing cited) instead of guessing, and says why (`abstainReason`: another runtime, no memory angle, nothing relevant enough); a Python memory question no tip answers gets `coverage: "related"` with at most two related tips, marked as related. Widget keys may call it.',
    security: apiSecurity,
    request: {
      body: {
        required: true,
        content: jsonContent(
          requestSchema,
          requestExamples(askRequestSchema, {
            question: { summary: 'A question', value: { question: 'how do I build a big string efficiently?' } },
            followUp: {
              summary: 'A follow-up, with the conversation before it',
              value: {
                question: 'what about dicts?',
                history: [
                  { role: 'user', content: 'are tuples smaller than lists?' },
                  {
                    role: 'assistant',
                    content: 'The guidance covers this under **Use Built-in Data Structures Wisely** …',
                  },
                ],
              },
            },
            withSnippet: {
              summary: 'A question with pasted code',
              value: {
                question: 'why does this use so much memory?',
                snippet: "s = ''\nfor line in lines:\n    s += line\n",
                k: 2,
              },
            },
          }),
        ),
      },
    },
    responses: {
      200: {
        description: 'An answer, or an abstention.',
        headers: standardHeaders(true),
        content: jsonContent(
          answerSchema,
          responseExamples(answerSchema, {
            answered: { summary: 'Answered from one tip', value: STRING_ANSWER_EXAMPLE },
            abstained: {
              summary: 'Not covered by the guidance',
              value: {
                answerId: '53d4ccee-913d-426d-9215-0b146b52a981',
                answer: `The guidance I answer from doesn't cover this question, so I won't guess. It covers Python memory topics: ${COVERED_SECTIONS}.`,
                abstained: true,
                citations: [],
                examples: [],
                mode: 'extractive',
                coverage: 'none',
                confidence: 'low',
                abstainReason: 'out_of_scope',
              },
            },
            otherRuntime: {
              summary: 'About another runtime ("How do I increase the Java heap size with -Xmx?")',
              value: {
                answerId: 'da894a90-48f0-8dd7-bb27-9a3ca524f650',
                answer: `This looks like a question about Java and the JVM, not about memory in Python (CPython): the guidance I answer from doesn't cover this question, so I won't guess. It covers Python memory topics: ${COVERED_SECTIONS}.`,
                abstained: true,
                citations: [],
                examples: [],
                mode: 'extractive',
                coverage: 'none',
                abstainReason: 'other_runtime',
                confidence: 'low',
              },
            },
            related: {
              summary:
                'A Python memory question no tip answers: related tips, not an answer ("Does using __slots__ in a class reduce the memory of each instance?")',
              value: {
                answerId: '7851c29d-4ec8-8527-9f69-8bcfbd7cc770',
                answer: `The guidance I answer from doesn't cover this question, so I won't guess an answer.\n\nThis tip is on a related topic (related, not an answer to your question):\n\n- **Memory Profiling Tools** (Monitor and Profile Memory Usage, python-memory-guidance.md lines 58–66): Use tools like \`memory_profiler\` and \`tracemalloc\` to monitor and profile your application's memory usage.\n\nThe guidance covers: ${COVERED_SECTIONS}.`,
                abstained: true,
                citations: [],
                examples: [],
                mode: 'extractive',
                coverage: 'related',
                related: [
                  {
                    id: 'monitor-and-profile-memory-usage--memory-profiling-tools',
                    title: 'Memory Profiling Tools',
                    section: 'Monitor and Profile Memory Usage',
                    score: 0.5807,
                    source: { file: 'python-memory-guidance.md', lineStart: 58, lineEnd: 66 },
                  },
                ],
                abstainReason: 'low_similarity',
                confidence: 'low',
              },
            },
          }),
        ),
      },
      ...JSON_BODY_ERRORS,
      ...ANALYSIS_ERRORS,
      ...API_ERRORS,
      ...WIDGET_ERRORS,
    },
  });
};

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
