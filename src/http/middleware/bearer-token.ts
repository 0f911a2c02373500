const utf8 = new TextEncoder();

/** What an `Authorization` header held: a bearer token, nothing, or something else. */
export type BearerToken = { readonly token: string } | { readonly error: 'missing' | 'malformed' };

/** Reads `Authorization: Bearer <token>` (scheme case-insensitive, RFC 6750 token characters). */
export function readBearerToken(header: string | undefined): BearerToken {
  if (!header) return { error: 'missing' };
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header);
  return match?.[1] ? { token: match[1] } : { error: 'malformed' };
}

/** The `WWW-Authenticate` challenge for a 401 (RFC 6750 §3). */
export function bearerChallenge(realm: string, error?: 'invalid_request' | 'invalid_token'): string {
  return error ? `Bearer realm="${realm}", error="${error}"` : `Bearer realm="${realm}"`;
}

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', utf8.encode(text)));
}

/** Compares equal-length digests in time independent of where they differ. */
function digestsEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** A set of secret keys, matched in constant time; each has a loggable id (a hash prefix). */
export interface KeyRing {
  readonly size: number;
  /** The id of the key equal to `token`, or undefined. Every key is compared, whatever matches. */
  match(token: string): Promise<string | undefined>;
}

/**
 * Hashes the keys once; a presented token is hashed and compared with every key's digest, so
 * the time taken says nothing about which key, or how much of one, matched.
 *
 * @example
 * const ring = createKeyRing(['0123456789abcdef-key']);
 * await ring.match('0123456789abcdef-key'); // 'k_3f1c0b9e' (first 8 hex of its SHA-256)
 */
export function createKeyRing(keys: readonly string[]): KeyRing {
  const digests = Promise.all(keys.map(async (key) => ({ digest: await sha256(key) })));
  return {
    size: keys.length,
    async match(token) {
      const presented = await sha256(token);
      let found: string | undefined;
      for (const { digest } of await digests) {
        if (digestsEqual(digest, presented) && found === undefined) found = `k_${hex(digest).slice(0, 8)}`;
      }
      return found;
    },
  };
}
