import type { OpenAPIRegistry, ResponseConfig } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { PROBLEM_CONTENT_TYPE } from '../problem.js';
import { problemSchema } from './schemas.js';

/** Named examples of a media type; each `value` is checked against the schema by a test. */
export type Examples = Record<string, { readonly summary: string; readonly value: unknown }>;

/** Builds `content` for one JSON media type with its schema and named examples. */
export function jsonContent(schema: z.ZodType, examples?: Examples, mediaType = 'application/json') {
  return { [mediaType]: { schema, ...(examples ? { examples } : {}) } };
}

const REQUEST_ID_HEADER = {
  'X-Request-Id': { description: 'Identifies the request in the logs.', schema: { type: 'string' } },
} as const;

/** `RateLimit-*` headers (draft-ietf-httpapi-ratelimit-headers) on rate-limited routes. */
export const RATE_LIMIT_HEADERS = {
  'RateLimit-Limit': { description: 'Requests allowed in the window (the bucket size).', schema: { type: 'integer' } },
  'RateLimit-Remaining': {
    description: 'Requests left now (on Workers only a refusal says 0: the platform does not tell).',
    schema: { type: 'integer' },
  },
  'RateLimit-Reset': { description: 'Seconds until the quota is whole again.', schema: { type: 'integer' } },
} as const;

/** Headers on every response. */
export function standardHeaders(rateLimited = false) {
  return rateLimited ? { ...REQUEST_ID_HEADER, ...RATE_LIMIT_HEADERS } : { ...REQUEST_ID_HEADER };
}

interface ProblemExample {
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly errors?: readonly { path: string; message: string }[];
}

/** The OpenAPI description of a problem+json response, with one example (the response itself is `problemResponse` in http/problem.ts). */
export function problemResponseDoc(
  status: number,
  description: string,
  example: ProblemExample,
  headers = {},
): ResponseConfig {
  return {
    description,
    headers: { ...REQUEST_ID_HEADER, ...headers },
    content: {
      [PROBLEM_CONTENT_TYPE]: {
        schema: problemSchema,
        examples: {
          problem: {
            summary: description,
            value: { ...example, status, requestId: 'c0a80164-2b1f-4c4e-9d0e-5b8f0e6b7a21' },
          },
        },
      },
    },
  };
}

/** 400 / 413 / 415 of a route that takes a JSON body. */
export const JSON_BODY_ERRORS: Record<string, ResponseConfig> = {
  400: problemResponseDoc(400, 'Malformed JSON, or a missing, mistyped, empty or too long field.', {
    type: 'urn:pymem:problem:validation',
    title: 'Invalid request body',
    detail: 'question: question must not be empty',
    errors: [{ path: 'question', message: 'question must not be empty' }],
  }),
  413: problemResponseDoc(413, 'The body is over 128 KiB.', {
    type: 'urn:pymem:problem:payload-too-large',
    title: 'Payload Too Large',
    detail: 'The request body is over 128 KiB.',
  }),
  415: problemResponseDoc(415, 'The body was not sent as `application/json`.', {
    type: 'urn:pymem:problem:unsupported-media-type',
    title: 'Unsupported Media Type',
    detail: 'Send the body as JSON with "Content-Type: application/json" (got "text/plain").',
  }),
};

/** 401 / 429 of a route behind API keys and rate limits. */
export const API_ERRORS: Record<string, ResponseConfig> = {
  401: problemResponseDoc(
    401,
    'API keys are configured and the request has no valid `Authorization: Bearer <key>`.',
    {
      type: 'urn:pymem:problem:unauthorized',
      title: 'Unauthorized',
      detail: 'This endpoint needs an API key: send "Authorization: Bearer <key>".',
    },
    { 'WWW-Authenticate': { description: 'The Bearer challenge (RFC 6750).', schema: { type: 'string' } } },
  ),
  429: problemResponseDoc(
    429,
    'Too many requests from this key or client address.',
    {
      type: 'urn:pymem:problem:rate-limited',
      title: 'Too Many Requests',
      detail: 'Too many requests (the limit is 60); retry in 1 s.',
    },
    {
      ...RATE_LIMIT_HEADERS,
      'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } },
    },
  ),
};

/** 403 of a route a widget key may call, outside its allowed origins. */
export const WIDGET_ERRORS: Record<string, ResponseConfig> = {
  403: problemResponseDoc(
    403,
    'A widget key used from an origin not in `ALLOWED_ORIGINS`, or on a route outside its scope.',
    {
      type: 'urn:pymem:problem:forbidden',
      title: 'Forbidden',
      detail:
        'A widget key is only accepted from the allowed origins (ALLOWED_ORIGINS); this request came from https://evil.example.',
    },
  ),
};

/** 401 / 503 of an operator route behind `adminAuth`. */
export const ADMIN_ERRORS: Record<string, ResponseConfig> = {
  401: problemResponseDoc(
    401,
    'No or a wrong admin token.',
    {
      type: 'urn:pymem:problem:unauthorized',
      title: 'Unauthorized',
      detail: 'This operator endpoint needs "Authorization: Bearer <ADMIN_TOKEN>".',
    },
    { 'WWW-Authenticate': { description: 'The Bearer challenge (RFC 6750).', schema: { type: 'string' } } },
  ),
  503: problemResponseDoc(503, '`ADMIN_TOKEN` is not set: operator routes are disabled.', {
    type: 'urn:pymem:problem:unavailable',
    title: 'Service Unavailable',
    detail: 'This operator endpoint is disabled: set ADMIN_TOKEN to enable it.',
  }),
};

/** The security schemes: API keys (and widget keys) and the admin token, all bearer tokens. */
export function registerSecuritySchemes(registry: OpenAPIRegistry): void {
  registry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description:
      'An API key from `API_KEYS` (full access), or a publishable widget key from `WIDGET_KEYS` (ask, ask/stream, feedback and tips, from `ALLOWED_ORIGINS` only). The admin token is accepted too. Needed only when keys are configured.',
  });
  registry.registerComponent('securitySchemes', 'adminToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'The `ADMIN_TOKEN`; operator routes answer 503 while it is not set.',
  });
}

/** 422 / 503 of a route that analyzes pasted code (`/v1/analyze`, and `/v1/ask` with a `snippet`). */
export const ANALYSIS_ERRORS: Record<string, ResponseConfig> = {
  422: problemResponseDoc(
    422,
    'The code is too costly to analyze: it went over the analysis work budget (1,100,000 units). Retrying will not help; send less code.',
    {
      type: 'urn:pymem:problem:analysis-budget',
      title: 'Code Too Costly To Analyze',
      detail:
        'The analysis went over its budget of 1,100,000 work units while parsing. The code is too costly to analyze (it nests or fails to parse in ways real code does not); send less of it.',
    },
  ),
  503: problemResponseDoc(
    503,
    'No analysis thread was free in time, or the analysis ran past its time (`ANALYSIS_TIMEOUT_MS`), or too many analyses were waiting (`ANALYSIS_QUEUE`): the server is busy. Retry after `Retry-After`.',
    {
      type: 'urn:pymem:problem:analysis-unavailable',
      title: 'Analysis Unavailable',
      detail:
        'No analysis thread was free within the time budget of 3,000 ms (ANALYSIS_TIMEOUT_MS): the server is busy. Retry in 3 s.',
    },
    { 'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } } },
  ),
};
