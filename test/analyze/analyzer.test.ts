import { describe, expect, it } from 'vitest';
import { runRules } from '../../src/analyze/analyzer.js';
import { dedent } from '../../src/analyze/dedent.js';
import { parsePython } from '../../src/analyze/parse.js';
import type { Rule } from '../../src/analyze/rule.js';
import { gcDisabled } from '../../src/analyze/rules/gc-disabled.js';
import { SourceMap } from '../../src/analyze/source-map.js';

const broken: Rule = {
  id: 'gc-collect-in-loop',
  severity: 'warning',
  summary: 'a rule with a bug',
  create: () => ({
    enter: {
      CallExpression() {
        throw new TypeError('boom');
      },
    },
  }),
};

describe('runRules', () => {
  it('drops a rule that throws, tells onRuleError once, and keeps the other rules', () => {
    const source = new SourceMap(dedent('import gc\ngc.disable()\ngc.collect()\nprint(1)\n'));
    const { tree } = parsePython(source);
    const errors: [string, unknown][] = [];
    const findings = runRules(tree, source, [broken, gcDisabled], (rule, error) => errors.push([rule, error]));
    expect(findings.map((f) => f.rule)).toEqual(['gc-disabled']);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.[0]).toBe('gc-collect-in-loop');
    expect(String(errors[0]?.[1])).toBe('TypeError: boom');
  });
});
