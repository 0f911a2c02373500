import type { TipSource } from '../../knowledge/types.js';

/**
 * Where a cited (or related) tip is in the guidance, for a sources line: `python-memory-guidance.md lines 78–82`.
 */
export function citationLocation(citation: { readonly source: TipSource }): string {
  const { file, lineStart, lineEnd } = citation.source;
  return lineStart === lineEnd ? `${file} line ${lineStart}` : `${file} lines ${lineStart}–${lineEnd}`;
}
