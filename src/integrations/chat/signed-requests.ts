import type { Context } from 'hono';
import type { z } from 'zod';
import { problemResponse } from '../../http/problem.js';
import { validationProblem } from '../../http/validation.js';

/**
 * The problem+json answers of the chat endpoints, the same shapes as the rest of the API. Sent
 * directly (not thrown) so the sub-apps behave the same mounted or standalone.
 */
export const chatProblems = {
  /** A platform whose secret is not set: nothing is processed unverified. */
  notConfigured: (c: Context, platform: string, variable: string) =>
    problemResponse(c, 503, {
      type: 'urn:pymem:problem:integration-not-configured',
      title: `${platform} is not configured`,
      detail: `Set ${variable} to enable the ${platform} endpoints; until then they answer 503.`,
    }),
  unauthorized: (c: Context, detail: string) =>
    problemResponse(c, 401, { type: 'urn:pymem:problem:bad-signature', title: 'Request not verified', detail }),
  unsupportedMediaType: (c: Context, expected: string) => {
    const got = (c.req.header('content-type') ?? '').split(';')[0]?.trim();
    return problemResponse(c, 415, { detail: `Send the body as ${expected} (got ${got ? `"${got}"` : 'none'}).` });
  },
  badRequest: (c: Context, detail: string) => problemResponse(c, 400, { detail }),
  malformedJson: (c: Context) => problemResponse(c, 400, { detail: 'The body is not valid JSON.' }),
  invalidBody: (c: Context, error: z.ZodError) =>
    problemResponse(c, 400, validationProblem(error, 'Invalid request body')),
} as const;

/**
 * The raw body (already read for signature checks) parsed as JSON, or the 415/400 problem to send.
 *
 * @example const parsed = parseRawJson(c, c.var.rawBody); if (parsed instanceof Response) return parsed;
 */
export function parseRawJson(c: Context, rawBody: string): unknown {
  if (mediaType(c) !== 'application/json') return chatProblems.unsupportedMediaType(c, 'application/json');
  try {
    return JSON.parse(rawBody) as unknown;
  } catch {
    return chatProblems.malformedJson(c);
  }
}

/** The media type of the request without parameters, lowercased. */
export function mediaType(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** How far a signed request's timestamp may be from our clock: Slack's documented 5 minutes. */
export const MAX_REQUEST_AGE_SECONDS = 5 * 60;

/**
 * Whether a platform's request timestamp (Unix seconds, as a header string) is a plain integer
 * within {@link MAX_REQUEST_AGE_SECONDS} of `nowMs`. Older requests are treated as replays.
 */
export function isFreshTimestamp(header: string, nowMs: number): boolean {
  if (!/^\d{1,12}$/.test(header)) return false;
  return Math.abs(nowMs / 1000 - Number(header)) <= MAX_REQUEST_AGE_SECONDS;
}

/** Decodes lowercase or uppercase hex; `undefined` if `hex` is not whole bytes of hex digits. */
export function hexToBytes(hex: string): Uint8Array<ArrayBuffer> | undefined {
  if (hex.length % 2 !== 0 || !/^[0-9a-f]*$/i.test(hex)) return undefined;
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}
