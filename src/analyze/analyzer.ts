import type { Tree } from '@lezer/common';
import { parser } from './grammar/parser.js';
import { AnalysisBudgetError, chargeWork } from './analysis-budget.js';
import { BindingsCache } from './bindings.js';
import { clearSyntaxMemo } from './calls.js';
import { RULE_CITATIONS, type RuleId } from './rule-citations.js';
import type { NodeVisitor, Report, Rule } from './rule.js';
import type { SourceMap } from './source-map.js';
import type { Finding } from './types.js';

/** Called when a rule throws: the rule is skipped for the rest of that analysis, the others go on. */
export type RuleErrorHandler = (rule: RuleId, error: unknown) => void;

interface Handler {
  readonly rule: number;
  readonly visit: NodeVisitor;
}

/**
 * Runs rules over a tree in one walk: each rule registers handlers by node name, the walk calls
 * them in document order, then each rule's `finish`. Findings come back sorted by position. A rule
 * that throws (a bug, on some tree shape nobody foresaw) is reported to `onRuleError` and dropped
 * from this analysis, so one rule can never take down a request. Every node walked and every
 * handler run is charged to the running analysis' work meter; running out of it
 * ({@link AnalysisBudgetError}) ends the whole analysis, it is not a rule's failure.
 */
export function runRules(
  tree: Tree,
  source: SourceMap,
  rules: readonly Rule[],
  onRuleError?: RuleErrorHandler,
): Finding[] {
  const text = source.text;
  const findings: Finding[] = [];
  const handlers = new Map<string, Handler[]>();
  const finishers: { rule: number; finish: () => void }[] = [];
  const failed = new Set<number>();
  const bindings = new BindingsCache(text);
  const shared = new Map<string, unknown>();
  const fail = (rule: number, error: unknown) => {
    if (error instanceof AnalysisBudgetError) throw error;
    failed.add(rule);
    const id = rules[rule]?.id;
    if (id) onRuleError?.(id, error);
  };

  rules.forEach((rule, index) => {
    if (rule.triggers && !rule.triggers.some((t) => text.includes(t))) return;
    let visitors;
    try {
      visitors = rule.create({
        source: text,
        text: (node) => text.slice(node.from, node.to),
        report: (report) => findings.push(toFinding(rule, report, source)),
        kindsOf: (name, at) => bindings.of(at).kinds(name),
        shared: <T>(key: string, compute: () => T): T => {
          if (!shared.has(key)) shared.set(key, compute());
          return shared.get(key) as T;
        },
      });
    } catch (error) {
      fail(index, error);
      return;
    }
    for (const [name, visit] of Object.entries(visitors.enter)) {
      if (!visit) continue;
      const list = handlers.get(name);
      if (list) list.push({ rule: index, visit });
      else handlers.set(name, [{ rule: index, visit }]);
    }
    if (visitors.finish) finishers.push({ rule: index, finish: visitors.finish });
  });

  try {
    // Handlers indexed by node type id: an array lookup per node instead of a string-keyed map.
    const byTypeId: (Handler[] | undefined)[] = [];
    for (const type of parser.nodeSet.types) byTypeId[type.id] = handlers.get(type.name);
    const cursor = tree.cursor();
    do {
      const list = byTypeId[cursor.type.id];
      if (!list) {
        chargeWork(1);
        continue;
      }
      chargeWork(1 + list.length);
      const node = cursor.node;
      for (const { rule, visit } of list) {
        if (failed.has(rule)) continue;
        try {
          visit(node);
        } catch (error) {
          fail(rule, error);
        }
      }
    } while (cursor.next());
    for (const { rule, finish } of finishers) {
      if (failed.has(rule)) continue;
      try {
        finish();
      } catch (error) {
        fail(rule, error);
      }
    }
  } finally {
    clearSyntaxMemo();
  }
  return dedupe(findings).sort(byPosition);
}

function toFinding(rule: Rule, report: Report, source: SourceMap): Finding {
  const from = report.from ?? report.node?.from ?? 0;
  const to = report.to ?? report.node?.to ?? from;
  return {
    rule: rule.id,
    severity: report.severity ?? rule.severity,
    message: report.message,
    range: source.range(from, Math.max(from, to)),
    citation: RULE_CITATIONS[rule.id],
    ...(report.suggestion !== undefined && { suggestion: report.suggestion }),
    ...(report.fix && {
      fix: {
        description: report.fix.description,
        edits: report.fix.edits.map((e) => ({ range: source.range(e.from, e.to), newText: source.reindent(e.text) })),
      },
    }),
  };
}

/** Drops a repeat of the same rule at the same range (a rule may reach one node on two paths). */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.rule}@${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function byPosition(a: Finding, b: Finding): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.rule.localeCompare(b.rule)
  );
}
