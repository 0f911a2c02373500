import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { feedbackRequestSchema, feedbackSummaryQuerySchema } from '../schemas.js';
import {
  ADMIN_ERRORS,
  API_ERRORS,
  JSON_BODY_ERRORS,
  WIDGET_ERRORS,
  jsonContent,
  problemResponseDoc,
  standardHeaders,
} from '../openapi/components.js';
import { requestExamples, responseExamples, type OperationGroup } from '../openapi/registry.js';

const requestSchema = feedbackRequestSchema.meta({
  id: 'FeedbackRequest',
  description: `A verdict on an answer, by its \`answerId\`; a later one replaces it. \`comment\` ≤ ${LIMITS.feedbackCommentChars.toLocaleString('en')} characters.`,
});

export const feedbackReceiptSchema = z
  .object({
    answerId: z.string(),
    helpful: z.boolean(),
    comment: z.string().nullable(),
    recordedAt: z.string().meta({ description: 'ISO 8601.' }),
  })
  .meta({ id: 'FeedbackReceipt' });

export const feedbackSummarySchema = z
  .object({
    totals: z.object({
      answers: z.number().int(),
      abstained: z.number().int(),
      feedback: z.number().int(),
      helpful: z.number().int(),
      unhelpful: z.number().int(),
    }),
    leastHelpful: z
      .array(
        z.object({
          question: z.string().meta({ description: 'The latest wording of the question.' }),
          unhelpful: z.number().int(),
          helpful: z.number().int(),
          abstained: z.boolean(),
          citations: z.array(z.string()).meta({ description: "Tips the question's latest answer cited." }),
          comments: z
            .array(z.string())
            .meta({ description: 'Up to three most recent comments with an unhelpful vote.' }),
          lastFeedbackAt: z.string(),
        }),
      )
      .meta({ description: 'Most unhelpful votes first.' }),
    abstained: z
      .array(z.object({ question: z.string(), count: z.number().int(), lastAskedAt: z.string() }))
      .meta({ description: 'Questions the guidance did not cover, most often asked first.' }),
  })
  .meta({ id: 'FeedbackSummary', description: 'What to improve in the knowledge.' });

const UNAVAILABLE = problemResponseDoc(
  503,
  'Nothing was recorded: storing the verdict failed just now (`urn:pymem:problem:storage-unavailable`: a full or read-only disk, D1 unavailable; retry after `Retry-After`), or feedback is not stored on this server at all (`urn:pymem:problem:unavailable`: no `FEEDBACK_DB` on Node, no `DB` binding on Workers).',
  {
    type: 'urn:pymem:problem:storage-unavailable',
    title: 'Storage Unavailable',
    detail:
      'Feedback could not be stored just now, so nothing was recorded; retry in 5 s. The request id identifies the failure in the logs.',
  },
  {
    'Retry-After': {
      description: 'Seconds to wait before retrying (storage failures only).',
      schema: { type: 'integer' },
    },
  },
);

/** `POST /v1/feedback` and `GET /v1/feedback/summary`. */
export const feedbackOperations: OperationGroup = (registry, { apiSecurity, adminSecurity }) => {
  registry.registerPath({
    method: 'post',
    path: '/v1/feedback',
    operationId: 'sendFeedback',
    tags: ['Feedback'],
    summary: 'Rate an answer',
    description:
      "A reader's thumbs up or down on an answer, stored durably (SQLite on Node, D1 on Workers). Widget keys may call it.",
    security: apiSecurity,
    request: {
      body: {
        required: true,
        content: jsonContent(
          requestSchema,
          requestExamples(feedbackRequestSchema, {
            unhelpful: {
              summary: 'Not helpful, with a comment',
              value: {
                answerId: '74830392-5e39-4d0e-850d-a85f936c8ecc',
                helpful: false,
                comment: 'I asked about numpy arrays.',
              },
            },
          }),
        ),
      },
    },
    responses: {
      200: {
        description: 'Stored.',
        headers: standardHeaders(true),
        content: jsonContent(
          feedbackReceiptSchema,
          responseExamples(feedbackReceiptSchema, {
            stored: {
              summary: 'Stored',
              value: {
                answerId: '74830392-5e39-4d0e-850d-a85f936c8ecc',
                helpful: false,
                comment: 'I asked about numpy arrays.',
                recordedAt: '2026-05-04T10:21:07.000Z',
              },
            },
          }),
        ),
      },
      404: problemResponseDoc(404, 'No answer has this `answerId`.', {
        type: 'urn:pymem:problem:unknown-answer',
        title: 'Unknown answer',
        detail:
          'No answer has the id "74830392-5e39-4d0e-850d-a85f936c8ecc": send the answerId of an answer from POST /v1/ask or /v1/ask/stream.',
      }),
      ...JSON_BODY_ERRORS,
      ...API_ERRORS,
      ...WIDGET_ERRORS,
      503: UNAVAILABLE,
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/v1/feedback/summary',
    operationId: 'getFeedbackSummary',
    tags: ['Feedback'],
    summary: 'Least helpful answers and abstained questions (admin)',
    description:
      'What readers found unhelpful and what the guidance could not answer, to improve the knowledge. Needs the admin token.',
    security: adminSecurity,
    request: {
      query: feedbackSummaryQuerySchema.extend({
        limit: feedbackSummaryQuerySchema.shape.limit.meta({
          description: `Entries of each list (1–${LIMITS.summaryLimitMax}).`,
          example: 20,
        }),
      }),
    },
    responses: {
      200: {
        description: 'The summary.',
        headers: standardHeaders(true),
        content: jsonContent(
          feedbackSummarySchema,
          responseExamples(feedbackSummarySchema, {
            summary: {
              summary: 'One unhelpful answer, one abstained question',
              value: {
                totals: { answers: 42, abstained: 5, feedback: 9, helpful: 7, unhelpful: 2 },
                leastHelpful: [
                  {
                    question: 'how do I shrink a pandas dataframe?',
                    unhelpful: 2,
                    helpful: 0,
                    abstained: false,
                    citations: ['manage-large-data-sets-efficiently--use-numpy-and-pandas'],
                    comments: ['I asked about numpy arrays.'],
                    lastFeedbackAt: '2026-05-04T10:21:07.000Z',
                  },
                ],
                abstained: [
                  { question: 'what is the capital of France?', count: 3, lastAskedAt: '2026-05-04T09:02:44.000Z' },
                ],
              },
            },
          }),
        ),
      },
      400: problemResponseDoc(400, 'A bad `limit`.', {
        type: 'urn:pymem:problem:validation',
        title: 'Invalid query parameters',
        detail: `limit: limit must be at most ${LIMITS.summaryLimitMax}`,
        errors: [{ path: 'limit', message: `limit must be at most ${LIMITS.summaryLimitMax}` }],
      }),
      401: ADMIN_ERRORS[401]!,
      429: API_ERRORS[429]!,
      503: problemResponseDoc(503, '`ADMIN_TOKEN` is not set, or feedback is not stored on this server.', {
        type: 'urn:pymem:problem:unavailable',
        title: 'Service Unavailable',
        detail: 'This operator endpoint is disabled: set ADMIN_TOKEN to enable it.',
      }),
    },
  });
};
