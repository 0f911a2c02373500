import { describe, expect, it } from 'vitest';
import { analyzeSnippet } from '../../src/analyze/analyze-snippet.js';
import { explainFindings, findingExplanation, RULE_CITATIONS, type RuleId } from '../../src/analyze/rule-citations.js';
import { RULES } from '../../src/analyze/rules/index.js';
import { loadRealQuestions, REAL_QUESTIONS_SET } from '../../scripts/lib/eval/real-questions.js';
import { builtIndex } from '../helpers/built-index.js';
import { loadCorpus } from './corpus.js';

const index = await builtIndex();
const tips = new Map(index.knowledge.tips.map((t) => [t.id, t]));
const real = await loadRealQuestions(REAL_QUESTIONS_SET, new Set(tips.keys()));
const realQuestion = (id: string) => {
  const found = real.questions.find((q) => q.id === id);
  if (!found) throw new Error(`no real question ${id}`);
  return found.question;
};

/**
 * For each rule, a question in plain words about the same problem: a real one (test/eval/real-questions.json,
 * by id, with its source link there) where the collected questions have one, else written here.
 */
const QUESTIONS: Record<RuleId, string> = {
  'open-without-with': realQuestion('rq-dfa50e8c47'), // ResourceWarning: unclosed file
  'stored-exception': realQuestion('rq-e66ce3b1b5'), // FileSystemCache leaks memory via __traceback__
  'mutable-default-argument': realQuestion('rq-a6bcfdd19f'), // `func_args: Dict[str, object] = {}` is troubling me
  'getsizeof-container': realQuestion('rq-d0a52bac0a'), // sys.getsizeof() versus the actual total memory
  'global-container-growth': realQuestion('rq-01a48c4592'), // globals that could accumulate data
  'global-statement': realQuestion('rq-01a48c4592'),
  'two-way-reference': realQuestion('rq-c45ce99db6'), // Questioning weakref use in parent
  'repeated-string-keys': realQuestion('rq-7e2d5b9580'), // Python string interning
  'nested-float-lists': realQuestion('rq-b35e2d7247'), // numpy array versus Python list RAM
  'iterate-over-list-copy': realQuestion('rq-9de9ac59e2'), // return a generator instead of a list
  'string-concat-in-loop': 'building a long string with += in a loop is slow',
  'read-whole-file': 'f.read() loads the whole file into memory, how do I read it piece by piece?',
  'readlines-into-list': 'readlines() builds a list of every line of a huge file',
  'list-comprehension-in-reducer': 'should I pass a generator expression to sum() instead of a list comprehension?',
  'sum-of-lists': 'flattening a list of lists with sum(lists, []) is slow',
  'list-concat-in-loop': 'lst = lst + [x] in a loop is slow and uses a lot of memory',
  'list-of-large-range': 'does list(range(10000000)) take a lot of memory?',
  'cache-on-method': 'lru_cache on a method keeps my objects alive',
  'unbounded-cache': 'functools.cache grows without limit, how do I bound it?',
  'del-in-reference-cycle': 'when is __del__ called for objects in a reference cycle?',
  'gc-disabled': 'is it safe to call gc.disable() to make my program faster?',
  'gc-collect-in-loop': 'how does the garbage collector decide when to run, should I call gc.collect() in my loop?',
  'dataframe-read-whole-file': 'read only some columns of a big csv with pandas to save memory',
  'array-growth-in-loop': 'np.append in a loop is slow',
  'constant-list': 'should I use a tuple instead of a list for constant data?',
};

describe('rule citations: each rule cites the knowledge unit that explains it', () => {
  it('cover every rule exactly once, and every rule runs', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(Object.keys(RULE_CITATIONS).sort());
  });

  it('use kebab-case rule ids and one-line summaries', () => {
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(rule.summary).not.toContain('\n');
    }
  });

  it.each(Object.entries(RULE_CITATIONS))(
    '%s cites a unit of the built index, and through it a guidance tip',
    (rule, citation) => {
      const unit = tips.get(citation.id);
      expect(unit, `${rule} cites ${citation.id}`).toBeDefined();
      expect({ id: unit?.id, title: unit?.title, section: unit?.section }).toEqual({
        id: citation.id,
        title: citation.title,
        section: citation.section,
      });
      const guidance = tips.get(citation.guidance.id);
      expect(guidance?.primary, `${citation.guidance.id} is a guidance tip`).toBe(true);
      expect({ id: guidance?.id, title: guidance?.title, section: guidance?.section }).toEqual(citation.guidance);
      if (unit?.primary) {
        // A guidance tip deepened in place: the section that explains the rule extends it.
        expect(unit.id).toBe(citation.guidance.id);
        expect(unit.extensions.map((x) => x.title)).toContain(citation.explainedBy);
      } else {
        // A unit of its own, which names the guidance tip it deepens.
        expect(unit?.see).toContain(citation.guidance.id);
        expect(citation.explainedBy).toBe(unit?.title);
      }
    },
  );

  it.each(Object.entries(RULE_CITATIONS))(
    '%s is explained by its unit’s why, written in the companion',
    (_rule, citation) => {
      const why = findingExplanation(tips.get(citation.id), citation);
      expect(why?.kind).toBe('why');
      expect(why?.source.file).toBe('python-memory-companion.md');
      expect(why?.text.length).toBeGreaterThan(100);
    },
  );

  it('says what was found in the message and leaves the why to the unit: one sentence-long line, none of the why repeated', () => {
    const seen = new Set<string>();
    for (const snippet of loadCorpus()) {
      for (const finding of explainFindings(analyzeSnippet(snippet.code, { includeInfo: true }), (id) => tips.get(id))
        .findings) {
        seen.add(finding.rule);
        expect(finding.message, finding.rule).not.toContain('\n');
        expect(finding.message.length, `${finding.rule}: ${finding.message}`).toBeLessThanOrEqual(260);
        // The explanation comes from the knowledge, verbatim.
        expect(finding.explanation?.text).toBe(
          findingExplanation(tips.get(finding.citation.id), finding.citation)?.text,
        );
        // No clause of the why (split at its punctuation) is repeated in the message.
        for (const clause of (finding.explanation?.text ?? '')
          .split(/[.:;,()]/)
          .map((c) => c.trim())
          .filter((c) => c.split(' ').length >= 6)) {
          expect(finding.message, `${finding.rule} repeats "${clause}"`).not.toContain(clause);
        }
      }
    }
    expect([...seen].sort()).toEqual(Object.keys(RULE_CITATIONS).sort());
  });

  it.each(Object.entries(QUESTIONS))(
    '%s: a question in plain words about the same problem finds the cited unit in the top 3',
    async (rule, question) => {
      const citation = RULE_CITATIONS[rule as RuleId];
      const top = await index.retriever.search(question, 3);
      expect(
        top.map((s) => s.tip.id),
        question,
      ).toContain(citation.id);
    },
  );
});
