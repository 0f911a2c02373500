export interface PostJsonOptions {
  readonly method?: 'POST' | 'PATCH' | 'PUT';
  readonly headers?: Record<string, string>;
  /** Retries after a 429, waiting what `Retry-After` says (capped by `maxRetryDelayMs`). */
  readonly maxRetries?: number;
  readonly maxRetryDelayMs?: number;
  /** A label for errors and logs, e.g. `chat.postMessage`; defaults to the URL's path. */
  readonly endpoint?: string;
}

const DEFAULTS = { maxRetries: 2, maxRetryDelayMs: 10_000 } as const;

/**
 * Sends JSON to a platform API and returns its reply: parsed JSON, else the text (`undefined` when
 * empty). A 429 is retried after `Retry-After`; any other non-2xx throws {@link PlatformApiError}.
 *
 * @example
 * await postJson('https://slack.com/api/chat.postMessage', message, { headers: { Authorization: `Bearer ${token}` } });
 */
export async function postJson(url: string, body: unknown, options: PostJsonOptions = {}): Promise<unknown> {
  const endpoint = options.endpoint ?? new URL(url).pathname;
  const maxRetries = options.maxRetries ?? DEFAULTS.maxRetries;
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(url, {
      method: options.method ?? 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8', ...options.headers },
      body: JSON.stringify(body),
    });
    if (res.status === 429 && attempt < maxRetries) {
      await res.body?.cancel();
      await sleep(retryDelayMs(res, options.maxRetryDelayMs ?? DEFAULTS.maxRetryDelayMs));
      continue;
    }
    const text = await res.text();
    if (!res.ok) throw new PlatformApiError(endpoint, res.status, text.slice(0, 500) || res.statusText);
    return text ? parseJsonOrText(text) : undefined;
  }
}

function retryDelayMs(res: Response, cap: number): number {
  const seconds = Number(res.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, cap) : 0;
}

function parseJsonOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text; // Slack's response_url answers a plain "ok"
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A Slack or Discord Web API call that failed (HTTP error, or Slack's `ok: false`). */
export class PlatformApiError extends Error {
  override readonly name = 'PlatformApiError';

  constructor(
    readonly endpoint: string,
    readonly status: number,
    readonly detail: string,
  ) {
    super(`${endpoint} failed (${status}): ${detail}`);
  }
}
