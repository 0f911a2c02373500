import type { ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { LOW_CONFIDENCE_NOTE, MODEL_ID } from './chat-completion.js';
import { chatCompletionRequestSchema } from './chat-request.js';
import { jsonContent, standardHeaders } from '../../http/openapi/components.js';
import { requestExamples, responseExamples, type OperationGroup } from '../../http/openapi/registry.js';
import { answerSchema, citationSchema } from '../../http/openapi/schemas.js';

const DICTS_ANSWER =
  'The guidance has 2 tips on this, from **Use Built-in Data Structures Wisely**:\n\n- **List and Dictionary Sizes**: Be mindful of the memory overhead associated with lists and dictionaries. Use generators or iterators where possible to avoid loading large data sets into memory all at once. [1]\n- **Tuples over Lists**: Use tuples instead of lists for collections that do not need to be modified, as tuples have a smaller memory footprint. [2]\n\n**Sources**\n\n1. List and Dictionary Sizes (Use Built-in Data Structures Wisely), python-memory-guidance.md line 10\n2. Tuples over Lists (Use Built-in Data Structures Wisely), python-memory-guidance.md line 11';

export const openAiErrorSchema = z
  .object({
    error: z.object({
      message: z.string().meta({ description: 'What went wrong and how to fix it.' }),
      type: z.enum([
        'invalid_request_error',
        'authentication_error',
        'permission_error',
        'rate_limit_error',
        'server_error',
      ]),
      param: z.string().nullable().meta({ description: 'The offending field on a 400 (`messages.2.content`).' }),
      code: z.string().nullable().meta({
        description:
          'The problem type in snake case: `validation`, `model_not_found`, `unauthorized`, `rate_limited`, …',
      }),
    }),
  })
  .meta({
    id: 'OpenAiError',
    description:
      "OpenAI's error body, which its clients parse: every error of the OpenAI-compatible routes has this shape (not problem+json).",
  });

export const modelSchema = z
  .object({ id: z.literal(MODEL_ID), object: z.literal('model'), created: z.number().int(), owned_by: z.string() })
  .meta({ id: 'Model', description: 'The one model: the guidance, answered as `POST /v1/ask` answers.' });

export const modelListSchema = z
  .object({ object: z.literal('list'), data: z.array(modelSchema) })
  .meta({ id: 'ModelList' });

const usageSchema = z
  .object({
    prompt_tokens: z.number().int().min(0),
    completion_tokens: z.number().int().min(0),
    total_tokens: z.number().int().min(0),
  })
  .meta({ id: 'Usage', description: 'Estimated as one token per four characters (no tokenizer is involved).' });

export const pymemAnswerMetaSchema = answerSchema
  .pick({
    answerId: true,
    abstained: true,
    confidence: true,
    abstainReason: true,
    coverage: true,
    related: true,
    mode: true,
    followUp: true,
    assumedPython: true,
    triage: true,
  })
  .meta({
    id: 'PymemAnswerMeta',
    description:
      'The `/v1/ask` fields that are not the text: `answerId` for `POST /v1/feedback`, the confidence, why it abstained, whether the guidance answers (`coverage`; with `related`, the message text lists the related tips too, marked as related), the follow-up reading, whether it assumed Python (`assumedPython`), and whether it answers a report no tip clearly matches with the steps to find its cause (`triage`).',
  });

export const chatCompletionSchema = z
  .object({
    id: z.string().meta({ description: '`chatcmpl-` and a UUID.' }),
    object: z.literal('chat.completion'),
    created: z.number().int().meta({ description: 'Unix seconds.' }),
    model: z.literal(MODEL_ID),
    system_fingerprint: z
      .string()
      .meta({ description: '`fp_` and the start of the knowledge hash: changes when the guidance does.' }),
    choices: z
      .array(
        z.object({
          index: z.literal(0),
          message: z.object({ role: z.literal('assistant'), content: z.string(), refusal: z.null() }),
          logprobs: z.null(),
          finish_reason: z.literal('stop'),
        }),
      )
      .length(1),
    usage: usageSchema,
    citations: z
      .array(citationSchema)
      .meta({ description: 'The cited tips, numbered as the `[n]` and the Sources list in the content.' }),
    pymem: pymemAnswerMetaSchema,
  })
  .meta({
    id: 'ChatCompletion',
    description: `OpenAI's \`chat.completion\`. The content is the \`/v1/ask\` answer's markdown, ending in its numbered **Sources**; a \`low\`-confidence answer ends with: ${LOW_CONFIDENCE_NOTE}`,
  });

const STREAM_EXAMPLE = [
  `data: {"id":"chatcmpl-6b1f…","object":"chat.completion.chunk","created":1795560000,"model":"${MODEL_ID}","system_fingerprint":"fp_1f1b100dda9d","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}`,
  '',
  `data: {"id":"chatcmpl-6b1f…","object":"chat.completion.chunk","created":1795560000,"model":"${MODEL_ID}","system_fingerprint":"fp_1f1b100dda9d","choices":[{"index":0,"delta":{"content":"The guidance has 2 tips "},"logprobs":null,"finish_reason":null}]}`,
  '',
  `data: {"id":"chatcmpl-6b1f…","object":"chat.completion.chunk","created":1795560000,"model":"${MODEL_ID}","system_fingerprint":"fp_1f1b100dda9d","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"citations":[…],"pymem":{"answerId":"…","abstained":false,"confidence":"high","mode":"extractive"}}`,
  '',
  'data: [DONE]',
  '',
  '',
].join('\n');

function openAiErrorResponse(
  description: string,
  type: string,
  code: string,
  message: string,
  param: string | null = null,
): ResponseConfig {
  return {
    description,
    headers: standardHeaders(),
    content: jsonContent(openAiErrorSchema, {
      error: { summary: description, value: { error: { message, type, param, code } } },
    }),
  };
}

const OPENAI_ERRORS: Record<string, ResponseConfig> = {
  401: openAiErrorResponse(
    'API keys are configured and the request has no valid `Authorization: Bearer <key>`.',
    'authentication_error',
    'unauthorized',
    'This endpoint needs an API key: send "Authorization: Bearer <key>".',
  ),
  429: {
    ...openAiErrorResponse(
      'Too many requests from this key or client address.',
      'rate_limit_error',
      'rate_limited',
      'Too many requests (the limit is 60); retry in 1 s.',
    ),
    headers: {
      ...standardHeaders(true),
      'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } },
    },
  },
};

/** `GET /v1/models`, `GET /v1/models/{model}`, `POST /v1/chat/completions`. */
export const openAiCompatOperations: OperationGroup = (registry, { apiSecurity }) => {
  registry.registerPath({
    method: 'get',
    path: '/v1/models',
    operationId: 'listModels',
    tags: ['OpenAI-compatible'],
    summary: 'The models (one)',
    description: `OpenAI's model list, for tools that take an "OpenAI base URL": one model, \`${MODEL_ID}\`.`,
    security: apiSecurity,
    responses: {
      200: {
        description: 'The list.',
        headers: standardHeaders(true),
        content: jsonContent(
          modelListSchema,
          responseExamples(modelListSchema, {
            list: {
              summary: 'The one model',
              value: {
                object: 'list',
                data: [{ id: MODEL_ID, object: 'model', created: 1795478400, owned_by: 'pymem-assistant' }],
              },
            },
          }),
        ),
      },
      ...OPENAI_ERRORS,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/models/{model}',
    operationId: 'getModel',
    tags: ['OpenAI-compatible'],
    summary: 'One model',
    security: apiSecurity,
    request: { params: z.object({ model: z.string().meta({ example: MODEL_ID }) }) },
    responses: {
      200: { description: 'The model.', headers: standardHeaders(true), content: jsonContent(modelSchema) },
      404: openAiErrorResponse(
        'No such model.',
        'invalid_request_error',
        'model_not_found',
        `The model "gpt-4o" does not exist; this service has one model, "${MODEL_ID}" (GET /v1/models).`,
      ),
      ...OPENAI_ERRORS,
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/v1/chat/completions',
    operationId: 'createChatCompletion',
    tags: ['OpenAI-compatible'],
    summary: 'Chat completion (OpenAI-compatible)',
    description:
      "OpenAI's chat completions, answered from the guidance: the last message (the user's) is the question (its ``` blocks the snippet), the user and assistant messages before it the follow-up history (the last 10 turns and 16 KiB of them; older ones are dropped); system messages are not answered from. Other standard fields (`temperature`, `max_tokens`, `tools`, …) are accepted and ignored; `n` must be 1. With `stream: true` the answer comes as `chat.completion.chunk` events ending with `data: [DONE]`; the chunk with `finish_reason` carries `citations` and `pymem`, and `stream_options.include_usage` adds a last chunk with the usage. Errors are OpenAI's `{ error }` body.",
    security: apiSecurity,
    request: {
      body: {
        required: true,
        content: jsonContent(
          chatCompletionRequestSchema.meta({
            id: 'ChatCompletionRequest',
            description: "OpenAI's request body; unknown fields are ignored.",
          }),
          requestExamples(chatCompletionRequestSchema, {
            followUp: {
              summary: 'A follow-up',
              value: {
                model: MODEL_ID,
                messages: [
                  { role: 'user', content: 'are tuples smaller than lists?' },
                  {
                    role: 'assistant',
                    content: 'The guidance covers this under **Use Built-in Data Structures Wisely** …',
                  },
                  { role: 'user', content: 'what about dicts?' },
                ],
              },
            },
            streamed: {
              summary: 'Streamed',
              value: {
                model: MODEL_ID,
                stream: true,
                messages: [{ role: 'user', content: 'how do weak references help?' }],
              },
            },
          }),
        ),
      },
    },
    responses: {
      200: {
        description: 'The completion, or with `stream: true` the event stream.',
        headers: standardHeaders(true),
        content: {
          ...jsonContent(
            chatCompletionSchema,
            responseExamples(chatCompletionSchema, {
              followUp: {
                summary: '"what about dicts?" after "are tuples smaller than lists?"',
                value: {
                  id: 'chatcmpl-34e98387-d452-470a-82ec-ce139df5dc72',
                  object: 'chat.completion',
                  created: 1795559692,
                  model: MODEL_ID,
                  system_fingerprint: 'fp_1f1b100dda9d',
                  choices: [
                    {
                      index: 0,
                      message: { role: 'assistant', content: DICTS_ANSWER, refusal: null },
                      logprobs: null,
                      finish_reason: 'stop',
                    },
                  ],
                  usage: { prompt_tokens: 13, completion_tokens: 163, total_tokens: 176 },
                  citations: [
                    {
                      n: 1,
                      id: 'use-built-in-data-structures-wisely--list-and-dictionary-sizes',
                      title: 'List and Dictionary Sizes',
                      section: 'Use Built-in Data Structures Wisely',
                      score: 0.7763,
                      source: { file: 'python-memory-guidance.md', lineStart: 10, lineEnd: 10 },
                    },
                    {
                      n: 2,
                      id: 'use-built-in-data-structures-wisely--tuples-over-lists',
                      title: 'Tuples over Lists',
                      section: 'Use Built-in Data Structures Wisely',
                      score: 0.524,
                      source: { file: 'python-memory-guidance.md', lineStart: 11, lineEnd: 11 },
                    },
                  ],
                  pymem: {
                    answerId: 'd7b5deb1-fcbc-42da-b764-1be26198c5f0',
                    abstained: false,
                    confidence: 'high',
                    mode: 'extractive',
                    followUp: {
                      rule: 'continuation',
                      searchedFor: 'what about dicts?\nare tuples smaller than lists?',
                    },
                  },
                },
              },
            }),
          ),
          'text/event-stream': { schema: z.string(), example: STREAM_EXAMPLE },
        },
      },
      400: openAiErrorResponse(
        'Malformed JSON, or a bad field.',
        'invalid_request_error',
        'validation',
        'messages.1.role: the last message must be the user\'s question (role "user")',
        'messages.1.role',
      ),
      404: openAiErrorResponse(
        'An unknown model.',
        'invalid_request_error',
        'model_not_found',
        `The model "gpt-4o" does not exist; this service has one model, "${MODEL_ID}" (GET /v1/models).`,
      ),
      413: openAiErrorResponse(
        'The body is over 128 KiB.',
        'invalid_request_error',
        'payload_too_large',
        'The request body is over 128 KiB.',
      ),
      415: openAiErrorResponse(
        'The body was not sent as `application/json`.',
        'invalid_request_error',
        'unsupported_media_type',
        'Send the body as JSON with "Content-Type: application/json" (got "text/plain").',
      ),
      422: openAiErrorResponse(
        'Code in the question (a fenced block) is too costly to analyze: over the analysis work budget.',
        'invalid_request_error',
        'analysis_budget',
        'The analysis went over its budget of 450,000 work units while parsing. The code is too costly to analyze (it nests or fails to parse in ways real code does not); send less of it.',
      ),
      503: {
        ...openAiErrorResponse(
          'No analysis thread was free in time for the code in the question: the server is busy.',
          'server_error',
          'analysis_unavailable',
          'No analysis thread was free within the time budget of 3,000 ms (ANALYSIS_TIMEOUT_MS): the server is busy. Retry in 3 s.',
        ),
        headers: {
          ...standardHeaders(),
          'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } },
        },
      },
      ...OPENAI_ERRORS,
    },
  });
};
