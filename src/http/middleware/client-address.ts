import type { Context } from 'hono';

/** Tells the client's network address for a request, or undefined when it has none. */
export type ClientAddressResolver = (c: Context) => string | undefined;

/**
 * The address a trusted edge put in a header: `CF-Connecting-IP` on Cloudflare, which the edge
 * always sets (and overwrites) for requests from the internet.
 *
 * @example const address = headerClientAddress('cf-connecting-ip');
 */
export function headerClientAddress(header: string): ClientAddressResolver {
  return (c) => c.req.header(header)?.trim() || undefined;
}

/**
 * Behind `hops` trusted proxies, the client is the address the outermost trusted proxy appended
 * to `X-Forwarded-For`, counted from the right (entries further left are whatever the client
 * sent, so they are never trusted). With `hops` 0, or no header, it is `direct` (the socket).
 *
 * @example const address = forwardedClientAddress(1, (c) => getConnInfo(c).remote.address);
 */
export function forwardedClientAddress(hops: number, direct: ClientAddressResolver): ClientAddressResolver {
  if (hops <= 0) return direct;
  return (c) => {
    const chain = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    if (chain.length === 0) return direct(c);
    return chain[Math.max(0, chain.length - hops)];
  };
}
