import type { Tree } from '@lezer/common';
import { parser } from '@lezer/python';
import { BindingsCache } from './bindings.js';
import type { NodeVisitor, Report, Rule } from './rule.js';
import { clearSyntaxMemo } from './syntax.js';
import { RULE_CITATIONS } from './rule-citations.js';
import type { SourceMap } from './source-map.js';
import type { Finding } from './types.js';

/**
 * Runs rules over a tree in one walk: each rule registers handlers by node name, the walk calls
 * them in document order, then each rule's `finish`. Findings come back sorted by position.
 */
export function runRules(tree: Tree, source: SourceMap, rules: readonly Rule[]): Finding[] {
  const text = source.text;
  const findings: Finding[] = [];
  const handlers = new Map<string, NodeVisitor[]>();
  const finishers: (() => void)[] = [];
  const bindings = new BindingsCache(text);
  const shared = new Map<string, unknown>();

  for (const rule of rules) {
    const visitors = rule.create({
      source: text,
      text: (node) => text.slice(node.from, node.to),
      report: (report) => findings.push(toFinding(rule, report, source)),
      kindsOf: (name, at) => bindings.of(at).kinds(name),
      shared: <T>(key: string, compute: () => T): T => {
        if (!shared.has(key)) shared.set(key, compute());
        return shared.get(key) as T;
      },
    });
    for (const [name, visit] of Object.entries(visitors.enter)) {
      if (!visit) continue;
      const list = handlers.get(name);
      if (list) list.push(visit);
      else handlers.set(name, [visit]);
    }
    if (visitors.finish) finishers.push(visitors.finish);
  }

  // Handlers indexed by node type id: an array lookup per node instead of a string-keyed map.
  const byTypeId: (NodeVisitor[] | undefined)[] = [];
  for (const type of parser.nodeSet.types) byTypeId[type.id] = handlers.get(type.name);
  const cursor = tree.cursor();
  do {
    const list = byTypeId[cursor.type.id];
    if (!list) continue;
    const node = cursor.node;
    for (const visit of list) visit(node);
  } while (cursor.next());
  for (const finish of finishers) finish();
  clearSyntaxMemo();

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
