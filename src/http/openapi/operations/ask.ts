import { askRequestSchema } from '../../schemas.js';
import { ANALYSIS_ERRORS, API_ERRORS, JSON_BODY_ERRORS, WIDGET_ERRORS, jsonContent, standardHeaders } from '../components.js';
import { requestExamples, responseExamples, type OperationGroup } from '../registry.js';
import { answerSchema } from '../schemas.js';

const requestSchema = askRequestSchema.meta({
  id: 'AskRequest',
  description:
    'A question (≤ 2,000 characters, not blank), optionally with pasted Python code (`snippet`, ≤ 64 KiB of UTF-8) whose identifiers steer retrieval, how many tips to cite at most (`k`, 1–10, default 3), and the conversation before it (`history`: `[{ role: "user" | "assistant", content }]`, oldest first, at most 10 turns and 16 KiB of content) that a follow-up ("why?", "what about dicts?") is resolved against.',
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
      score: 0.6047,
      source: { file: 'python-memory-guidance.md', lineStart: 78, lineEnd: 82 },
    },
  ],
  examples: [
    { language: 'python', code: "strings = ['a', 'b', 'c']\nresult = ''.join(strings)", citation: 'optimize-string-usage--string-concatenation' },
  ],
  mode: 'extractive' as const,
  confidence: 'medium' as const,
};

/** `POST /v1/ask`. */
export const askOperations: OperationGroup = (registry, { apiSecurity }) => {
  registry.registerPath({
    method: 'post',
    path: '/v1/ask',
    operationId: 'ask',
    tags: ['Answers'],
    summary: 'Ask a question',
    description:
      "A grounded answer: every sentence but the lead is a tip's own text, cited `[n]`, with the tips' example code. When no tip is relevant enough the answer abstains (`abstained: true`, nothing cited) instead of guessing. Widget keys may call it.",
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
                  { role: 'assistant', content: 'The guidance covers this under **Use Built-in Data Structures Wisely** …' },
                ],
              },
            },
            withSnippet: {
              summary: 'A question with pasted code',
              value: { question: 'why does this use so much memory?', snippet: "s = ''\nfor line in lines:\n    s += line\n", k: 2 },
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
                answer:
                  "The guidance I answer from doesn't cover this question, so I won't guess. It covers Python memory topics: Understand Python's Memory Management; Use Built-in Data Structures Wisely; Optimize Code for Memory Efficiency; Be Cautious with Global Variables; Manage Large Data Sets Efficiently; Avoid Memory Leaks; Monitor and Profile Memory Usage; Optimize String Usage.",
                abstained: true,
                citations: [],
                examples: [],
                mode: 'extractive',
                confidence: 'low',
                abstainReason: 'out_of_scope',
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
