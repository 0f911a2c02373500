import { askedFacets } from '../../src/answer/facets.js';
import type { Tip } from '../../src/knowledge/types.js';
import { defaultScopeReader } from '../../src/retrieval/scope.js';
import { tokenize } from '../../src/retrieval/tokenize.js';

/**
 * The English of glossary entries that no reader of a question reads: not a word of the
 * knowledge (as search tokenizes it), not scope evidence, not a facet cue. A glossary entry whose
 * English none of them reads is read for nothing.
 */
export function englishNoReaderReads(tips: readonly Tip[], english: Iterable<string>): string[] {
  const reader = defaultScopeReader();
  const knowledgeWords = new Set(
    tips.flatMap((tip) => tokenize([tip.title, tip.text, ...tip.facets.map((f) => f.text)].join('\n'))),
  );
  return [...new Set(english)].filter((words) => {
    const searched = tokenize(words).some((term) => knowledgeWords.has(term));
    const scope = reader.read(words, undefined, '');
    const evidence = scope.memory.score + scope.python.score + (scope.runtime?.score ?? 0) > 0;
    return !searched && !evidence && askedFacets(words).length === 0;
  });
}
