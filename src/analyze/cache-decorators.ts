import type { SyntaxNode } from '@lezer/common';
import { decorators, decoratorTarget } from './syntax.js';

const LRU = new Set(['lru_cache', 'functools.lru_cache']);
const UNBOUNDED = new Set(['cache', 'functools.cache']);

/** An `lru_cache`/`cache` decorator on a `def`, and whether its size is unbounded. */
export interface CacheDecorator {
  readonly node: SyntaxNode;
  readonly name: string;
  readonly unbounded: boolean;
}

/**
 * The memoizing decorator of a `def`: `@lru_cache`, `@lru_cache(maxsize=None)`,
 * `@functools.cache`... `undefined` when there is none.
 */
export function cacheDecorator(def: SyntaxNode, source: string): CacheDecorator | undefined {
  for (const decorator of decorators(def)) {
    const { name, args } = decoratorTarget(decorator, source);
    if (UNBOUNDED.has(name)) return { node: decorator, name, unbounded: true };
    if (LRU.has(name)) return { node: decorator, name, unbounded: args !== undefined && hasNoMaxsize(args, source) };
  }
  return undefined;
}

/** The decorator names on a `def` (`staticmethod`, `property`, `functools.lru_cache`...). */
export function decoratorNames(def: SyntaxNode, source: string): string[] {
  return decorators(def).map((d) => decoratorTarget(d, source).name);
}

/** `(maxsize=None)` or `(None)` in a flat decorator argument list. */
function hasNoMaxsize(args: SyntaxNode, source: string): boolean {
  const first = args.firstChild?.nextSibling;
  if (!first) return false;
  if (first.name === 'None') return true;
  for (let child = args.firstChild; child; child = child.nextSibling) {
    if (child.name === 'VariableName' && source.slice(child.from, child.to) === 'maxsize') {
      return child.nextSibling?.name === 'AssignOp' && child.nextSibling.nextSibling?.name === 'None';
    }
  }
  return false;
}
