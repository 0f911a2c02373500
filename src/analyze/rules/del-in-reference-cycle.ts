import type { SyntaxNode } from '@lezer/common';
import { calleeName } from '../calls.js';
import { firstCycle, sharedReferenceLinks, type ReferenceLink } from '../reference-links.js';
import type { Rule, RuleContext } from '../rule.js';
import { shorten } from '../shorten.js';
import { childNamed, definedName, NESTED_SCOPES } from '../syntax.js';
import { forEachNamed } from '../walk.js';

const ASSIGNMENTS = new Set(['AssignStatement']);
interface Finalized {
  readonly name: string;
  readonly finalizer: SyntaxNode;
  reported: boolean;
}

/**
 * `__del__` on a class whose instances end up in a reference cycle: built by its own methods
 * (two-way links, `self.x = self`, `self.callback = self.method`) or by code that links two of its
 * instances (`a = Node(); b = Node(); a.peer = b; b.peer = a`). Such instances are only freed by the
 * cyclic collector, so the finalizer runs late and at an unpredictable time.
 */
export const delInReferenceCycle: Rule = {
  id: 'del-in-reference-cycle',
  severity: 'warning',
  summary: '`__del__` on a class whose instances form reference cycles',
  triggers: ['__del__'],
  create(ctx) {
    const classes = new Map<string, Finalized>();
    const cyclesElsewhere: { closing: ReferenceLink; instances: Map<string, string> }[] = [];

    const report = (cls: Finalized, closing: ReferenceLink) => {
      if (cls.reported) return;
      cls.reported = true;
      ctx.report({
        node: cls.finalizer,
        message: `\`${cls.name}\` defines \`__del__\`, and \`${shorten(ctx.text(closing.node))}\` puts its instances in a reference cycle: \`__del__\` runs only when the cyclic garbage collector gets to them.`,
        suggestion:
          'Break the cycle with a weak reference (`weakref.ref` / `weakref.proxy`), and do cleanup explicitly: a context manager, a `close()` method, or `weakref.finalize(self, cleanup, resource)`.',
      });
    };

    const scanScope = (scope: SyntaxNode) => {
      const cycle = firstCycle(sharedReferenceLinks(scope, ctx));
      if (cycle) cyclesElsewhere.push({ closing: cycle.closing, instances: instancesIn(scope, ctx) });
    };

    return {
      enter: {
        ClassDefinition(cls) {
          const methods = classMethods(cls);
          const finalizer = methods.find((m) => definedName(m, ctx.source) === '__del__');
          if (!finalizer) return;
          const entry: Finalized = {
            name: definedName(cls, ctx.source) ?? 'This class',
            finalizer: childNamed(finalizer, 'VariableName') ?? finalizer,
            reported: false,
          };
          classes.set(entry.name, entry);
          const methodNames = new Set(methods.map((m) => definedName(m, ctx.source)));
          for (const method of methods) {
            const cycle = firstCycle(sharedReferenceLinks(method, ctx));
            if (cycle) {
              report(entry, cycle.closing);
              return;
            }
            const bound = boundMethodOnSelf(method, methodNames, ctx);
            if (bound) {
              report(entry, bound);
              return;
            }
          }
        },
        Script: scanScope,
        FunctionDefinition: scanScope,
      },
      finish() {
        for (const { closing, instances } of cyclesElsewhere) {
          for (const name of [closing.holder, closing.held]) {
            const cls = classes.get(instances.get(name) ?? '');
            if (cls) report(cls, closing);
          }
        }
      },
    };
  },
};

/** `self.callback = self.method`, with `method` one of the class's: the instance holds itself through the bound method. */
function boundMethodOnSelf(
  method: SyntaxNode,
  methodNames: ReadonlySet<string | undefined>,
  ctx: RuleContext,
): ReferenceLink | undefined {
  const body = childNamed(method, 'Body');
  let link: ReferenceLink | undefined;
  if (!body) return undefined;
  forEachNamed(body, ASSIGNMENTS, NESTED_SCOPES, (statement) => {
    if (link) return;
    const target = statement.firstChild;
    const value = target?.nextSibling?.name === 'AssignOp' ? target.nextSibling.nextSibling : null;
    if (!target || !value || value.nextSibling || !ctx.text(target).startsWith('self.')) return;
    const property = value.lastChild;
    if (
      value.name === 'MemberExpression' &&
      value.firstChild &&
      ctx.text(value.firstChild) === 'self' &&
      property?.name === 'PropertyName' &&
      methodNames.has(ctx.text(property))
    ) {
      link = { holder: 'self', held: 'self', node: statement };
    }
  });
  return link;
}

/** `name = ClassName(...)` in a scope: which class each name holds an instance of. */
function instancesIn(scope: SyntaxNode, ctx: RuleContext): Map<string, string> {
  const instances = new Map<string, string>();
  const body = scope.name === 'Script' ? scope : childNamed(scope, 'Body');
  if (!body) return instances;
  forEachNamed(body, ASSIGNMENTS, NESTED_SCOPES, (statement) => {
    const target = statement.firstChild;
    const value = target?.nextSibling?.name === 'AssignOp' ? target.nextSibling.nextSibling : null;
    if (target?.name !== 'VariableName' || value?.name !== 'CallExpression') return;
    const cls = calleeName(value, ctx.source);
    if (cls) instances.set(ctx.text(target), cls);
  });
  return instances;
}

function classMethods(cls: SyntaxNode): SyntaxNode[] {
  const body = childNamed(cls, 'Body');
  const methods: SyntaxNode[] = [];
  for (let child = body?.firstChild; child; child = child.nextSibling) {
    if (child.name === 'FunctionDefinition') methods.push(child);
    else if (child.name === 'DecoratedStatement') {
      const def = childNamed(child, 'FunctionDefinition');
      if (def) methods.push(def);
    }
  }
  return methods;
}
