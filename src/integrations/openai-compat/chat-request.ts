import { z } from 'zod';

/** A message's content: text, or content parts of which only `text` ones are understood. */
const contentSchema = z.union(
  [
    z.string(),
    z.array(
      z.looseObject({
        type: z.string({ error: 'each content part needs a type' }),
        text: z.string({ error: 'a text part needs its text as a string' }).optional(),
      }),
    ),
    z.null(),
  ],
  { error: 'content must be a string or an array of content parts' },
);

/** One message of the conversation; roles other than user and assistant are read but not answered from. */
const messageSchema = z.looseObject({
  role: z.string({ error: 'role must be a string' }).min(1, { error: 'role must not be empty' }),
  content: contentSchema.optional(),
});

/**
 * The body of `POST /v1/chat/completions`: OpenAI's, loose, so the other standard fields
 * (`temperature`, `max_tokens`, `top_p`, `stop`, `user`, `tools`, …) are accepted and ignored.
 * Answers are deterministic and always one.
 */
export const chatCompletionRequestSchema = z.looseObject({
  model: z.string({ error: 'model is required (see GET /v1/models)' }).min(1, { error: 'model must not be empty' }),
  messages: z
    .array(messageSchema, { error: 'messages must be an array of { role, content }' })
    .min(1, { error: 'messages must hold at least one message' }),
  stream: z.boolean({ error: 'stream must be true or false' }).nullish(),
  stream_options: z
    .looseObject({ include_usage: z.boolean({ error: 'include_usage must be true or false' }).nullish() })
    .nullish(),
  n: z
    .number({ error: 'n must be a number' })
    .int({ error: 'n must be an integer' })
    .min(1, { error: 'n must be 1' })
    .max(1, { error: 'n must be 1: answers are deterministic, so there is only ever one' })
    .nullish(),
});

export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;
export type ChatMessage = ChatCompletionRequest['messages'][number];
