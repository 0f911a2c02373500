/** The parts of an RFC 9457 problem the widget shows. */
export interface Problem {
  readonly status?: number;
  readonly title?: string;
  readonly detail?: string;
  readonly requestId?: string;
}

export type ApiErrorKind = 'network' | 'rate-limited' | 'problem' | 'interrupted';

/**
 * Why a call to the service failed: it could not be reached (`network`), it is rate limiting
 * (`rate-limited`, with `retryAfter` seconds), it answered with a problem (`problem`), or the
 * answer stream broke off (`interrupted`).
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly details: { readonly status?: number; readonly retryAfter?: number; readonly problem?: Problem } = {},
  ) {
    super(message);
  }
}

/** Seconds to wait from a `Retry-After` header (delta-seconds or an HTTP date); `fallback` when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now = Date.now(), fallback = 30): number {
  if (!header) return fallback;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? fallback : Math.max(0, Math.ceil((date - now) / 1000));
}

/** The ApiError for a non-2xx response, reading its problem+json body when there is one. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  let problem: Problem = {};
  try {
    problem = (await response.json()) as Problem;
  } catch {
    // Not JSON (a proxy's error page, say): the status says enough.
  }
  if (response.status === 429) {
    const retryAfter = retryAfterSeconds(response.headers.get('retry-after'));
    return new ApiError('rate-limited', problem.detail ?? 'Too many requests.', { status: 429, retryAfter, problem });
  }
  return new ApiError('problem', problem.detail ?? `The service answered ${response.status}.`, {
    status: response.status,
    problem,
  });
}
