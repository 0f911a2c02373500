import type { SyntaxNode } from '@lezer/common';
import { callArguments, calleeName } from '../calls.js';
import { ModuleAliases, moduleFunction } from '../module-aliases.js';
import type { Rule } from '../rule.js';
import { shorten } from '../shorten.js';

/** Readers, and the keywords that limit what they load (any one is enough). */
const READERS: Readonly<Record<string, readonly string[]>> = {
  read_csv: ['chunksize', 'iterator', 'usecols', 'dtype', 'nrows'],
  read_table: ['chunksize', 'iterator', 'usecols', 'dtype', 'nrows'],
  read_json: ['chunksize', 'dtype', 'nrows'],
  read_excel: ['usecols', 'dtype', 'nrows'],
  read_parquet: ['columns', 'filters'],
};

/** `pd.read_csv(path)` / `read_json` / … with nothing limiting what is loaded. */
export const dataframeReadWholeFile: Rule = {
  id: 'dataframe-read-whole-file',
  severity: 'info',
  summary: '`pd.read_csv`/`read_json`/… of a whole file with no `chunksize`, `usecols` or `dtype`',
  triggers: ['read_'],
  create(ctx) {
    const pandas = new ModuleAliases('pandas', ['pd']);
    const calls: { call: SyntaxNode; module: string; reader: string }[] = [];
    return {
      enter: {
        ImportStatement: (statement) => pandas.addImport(statement, ctx.source),
        CallExpression(call) {
          const name = calleeName(call, ctx.source);
          const target = moduleFunction(name);
          if (target && target[1] in READERS) calls.push({ call, module: target[0], reader: target[1] });
          else if (name !== undefined && pandas.imported.has(name)) calls.push({ call, module: '', reader: name });
        },
      },
      finish() {
        for (const call of calls) {
          // A bare `read_csv(...)` counts when it was imported from pandas.
          const reader = call.module ? call.reader : pandas.imported.get(call.reader);
          if (!reader || !(reader in READERS) || (call.module && !pandas.has(call.module))) continue;
          const module = call.module || 'pd';
          const shownCall = call.call;
          const args = callArguments(shownCall, ctx.source).args;
          const limits = READERS[reader] ?? [];
          if (args.some((a) => a.star === '**' || (a.keyword !== undefined && limits.includes(a.keyword)))) continue;
          const shown = shorten(ctx.text(shownCall), 50);
          ctx.report({
            node: shownCall,
            message: `\`${shown}\` loads the whole file into one DataFrame, every column, with the widest inferred types: often several times the size of the file.`,
            suggestion:
              reader === 'read_parquet'
                ? 'Load only the columns you need with `columns=[...]` (and `filters=` for rows).'
                : `Load only what you need with \`usecols=[...]\` and compact \`dtype={...}\` (e.g. \`'category'\`, \`'float32'\`), or process it in pieces: ` +
                  `\`for chunk in ${call.module ? `${module}.${reader}` : call.reader}(path, chunksize=100_000${reader === 'read_json' ? ', lines=True' : ''}):\`.`,
          });
        }
      },
    };
  },
};
