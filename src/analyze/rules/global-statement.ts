import type { Rule } from '../rule.js';
import { enclosingFunction } from '../syntax.js';

/** `global name` inside a function (Ruff's PLW0603). */
export const globalStatement: Rule = {
  id: 'global-statement',
  severity: 'info',
  summary: '`global` statement inside a function',
  create(ctx) {
    return {
      enter: {
        ScopeStatement(statement) {
          if (statement.firstChild?.name !== 'global' || !enclosingFunction(statement)) return;
          const names = ctx.text(statement).replace(/^global\s+/, '');
          ctx.report({
            node: statement,
            message:
              `\`global ${names}\` lets this function rebind module-level state: whatever it stores there stays alive as long as the module ` +
              `(usually the whole process) and is shared by every caller.`,
            suggestion: 'Pass the value in as an argument and return the new value, or keep the state on an object whose lifetime you control.',
          });
        },
      },
    };
  },
};
