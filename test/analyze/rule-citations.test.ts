import { describe, expect, it } from 'vitest';
import { RULE_CITATIONS } from '../../src/analyze/rule-citations.js';
import { RULES } from '../../src/analyze/rules/index.js';
import { builtIndex } from '../helpers/built-index.js';

describe('rule citations', () => {
  it('cite tips that exist in the chunked guidance, with their exact title and section', async () => {
    const { knowledge } = await builtIndex();
    const tips = new Map(knowledge.tips.map((t) => [t.id, t]));
    for (const [rule, citation] of Object.entries(RULE_CITATIONS)) {
      const tip = tips.get(citation.id);
      expect(tip, `${rule} cites ${citation.id}`).toBeDefined();
      expect({ id: tip?.id, title: tip?.title, section: tip?.section }).toEqual(citation);
    }
  });

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
});
