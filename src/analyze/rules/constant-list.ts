import type { SyntaxNode } from '@lezer/common';
import { containerUse } from '../mutation.js';
import type { Rule } from '../rule.js';
import { isModuleLevel } from '../syntax.js';

const CONSTANT_NAME = /^_*[A-Z][A-Z0-9_]*$/;
/** Below this many items the tuple's saving (16 bytes) is not worth a line. */
export const CONSTANT_LIST_MIN_ITEMS = 8;

/**
 * A private (`_UPPER_CASE`) module-level list literal of at least 8 items that nothing changes: a
 * constant, which a tuple stores in less memory (and protects from accidental mutation). Public
 * constants are left alone: another module may extend, copy or concatenate them as lists.
 */
export const constantList: Rule = {
  id: 'constant-list',
  severity: 'info',
  summary: 'UPPER_CASE module-level list that is never modified (use a tuple)',
  create(ctx) {
    const constants = new Map<string, SyntaxNode>();
    const changed = new Set<string>();
    return {
      enter: {
        AssignStatement(statement) {
          const target = statement.firstChild;
          const op = target?.nextSibling;
          const value = op?.nextSibling;
          if (target?.name !== 'VariableName' || op?.name !== 'AssignOp' || !isModuleLevel(statement)) return;
          const name = ctx.text(target);
          if (!CONSTANT_NAME.test(name)) return;
          // Bound more than once at module level: not a constant.
          if (constants.has(name) || value?.name !== 'ArrayExpression' || value.nextSibling) changed.add(name);
          else constants.set(name, value);
        },
        VariableName(node) {
          const first = ctx.source.charCodeAt(node.from);
          // Only UPPER_CASE (or _UPPER) names can be constants: skip the rest without slicing.
          if (!((first >= 65 && first <= 90) || first === 95) || !CONSTANT_NAME.test(ctx.text(node))) return;
          // `NAMES + [...]` needs a list (a tuple + a list is a TypeError): not a tuple candidate.
          if (isListArithmetic(node, ctx.source)) {
            changed.add(ctx.text(node));
            return;
          }
          const use = containerUse(node, ctx.source);
          if (use === 'grow' || use === 'shrink' || use === 'store' || (use === 'rebind' && !isModuleLevel(node)))
            changed.add(ctx.text(node));
          else if (use === 'read' && isMutatingCall(node, ctx.source)) changed.add(ctx.text(node));
        },
      },
      finish() {
        for (const [name, list] of constants) {
          const items = listItems(list);
          if (changed.has(name) || items.length < CONSTANT_LIST_MIN_ITEMS || !name.startsWith('_')) continue;
          const tuple =
            items.length === 1 ? `(${ctx.text(items[0] ?? list)},)` : `(${items.map((i) => ctx.text(i)).join(', ')})`;
          ctx.report({
            node: list,
            message: `\`${name}\` is a constant list that nothing here modifies: a tuple holds the same items in less memory and cannot be changed by accident.`,
            suggestion:
              tuple.length <= 70
                ? `\`${name} = ${tuple}\``
                : 'Write it with parentheses instead of brackets, as a tuple.',
          });
        }
      },
    };
  },
};

function listItems(list: SyntaxNode): SyntaxNode[] {
  const items: SyntaxNode[] = [];
  for (let child = list.firstChild; child; child = child.nextSibling) {
    if (child.name !== '[' && child.name !== ']' && child.name !== ',' && child.name !== 'Comment') items.push(child);
  }
  return items;
}

const MUTATORS = new Set(['sort', 'reverse']);

/** `NAME.sort()` / `NAME.reverse()`: in-place changes the grow/shrink classification does not cover. */
function isMutatingCall(node: SyntaxNode, source: string): boolean {
  const member = node.parent;
  if (member?.name !== 'MemberExpression' || member.firstChild?.from !== node.from) return false;
  const property = member.lastChild;
  return (
    property?.name === 'PropertyName' &&
    MUTATORS.has(source.slice(property.from, property.to)) &&
    member.parent?.name === 'CallExpression'
  );
}

/** `NAME + [...]`, `NAME * 2`: arithmetic whose result type depends on NAME being a list. */
function isListArithmetic(name: SyntaxNode, source: string): boolean {
  const parent = name.parent;
  if (parent?.name !== 'BinaryExpression') return false;
  for (let child = parent.firstChild; child; child = child.nextSibling) {
    if (child.name === 'ArithOp') {
      const op = source.slice(child.from, child.to);
      return op === '+' || op === '*';
    }
  }
  return false;
}
