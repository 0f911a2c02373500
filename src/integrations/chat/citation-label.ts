import type { Citation } from '../../answer/types.js';

/**
 * Where a cited tip is in the guidance, for a sources line: `python-memory-guidance.md lines 78–82`.
 */
export function citationLocation(citation: Citation): string {
  const { file, lineStart, lineEnd } = citation.source;
  return lineStart === lineEnd ? `${file} line ${lineStart}` : `${file} lines ${lineStart}–${lineEnd}`;
}
