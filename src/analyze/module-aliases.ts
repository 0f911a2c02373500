import type { SyntaxNode } from '@lezer/common';

/**
 * Names a module is reachable by in this code: its conventional alias (`np`, `pd`) and full name,
 * plus whatever `import x as y` says. Fed `ImportStatement` nodes during the walk.
 *
 * @example
 * const numpy = new ModuleAliases('numpy', ['np']);
 * numpy.addImport(importNode, source); // import numpy as xp
 * numpy.has('xp') // true
 */
export class ModuleAliases {
  private readonly names: Set<string>;

  constructor(
    private readonly module: string,
    conventional: readonly string[],
  ) {
    this.names = new Set([module, ...conventional]);
  }

  has(name: string): boolean {
    return this.names.has(name);
  }

  /** Names imported from the module (`from pandas import read_csv as rc` → `rc` → `read_csv`). */
  readonly imported = new Map<string, string>();

  /** Records `import <module> as alias`, `import <module>` and `from <module> import name [as alias]`. */
  addImport(statement: SyntaxNode, source: string): void {
    // `lazy import numpy as xp` (Python 3.15) binds the same name when it is first used.
    const keyword = statement.firstChild?.name === 'lazy' ? statement.firstChild.nextSibling : statement.firstChild;
    if (keyword?.name === 'from') {
      this.addFromImport(keyword, source);
      return;
    }
    if (keyword?.name !== 'import') return;
    for (let child = keyword.nextSibling; child; child = child.nextSibling) {
      if (child.name !== 'VariableName' || source.slice(child.from, child.to) !== this.module) continue;
      const as = child.nextSibling;
      const alias = as?.name === 'as' ? as.nextSibling : null;
      if (alias?.name === 'VariableName') this.names.add(source.slice(alias.from, alias.to));
    }
  }

  /** `from` is the statement's `from` keyword. */
  private addFromImport(from: SyntaxNode, source: string): void {
    const module = from.nextSibling;
    if (module?.name !== 'VariableName' || source.slice(module.from, module.to) !== this.module) return;
    let child = module.nextSibling;
    if (child?.name !== 'import') return;
    for (child = child.nextSibling; child; child = child.nextSibling) {
      if (child.name !== 'VariableName') continue;
      const name = source.slice(child.from, child.to);
      const alias = child.nextSibling?.name === 'as' ? child.nextSibling.nextSibling : null;
      if (alias?.name === 'VariableName') {
        this.imported.set(source.slice(alias.from, alias.to), name);
        child = alias;
      } else {
        this.imported.set(name, name);
      }
    }
  }
}

/** `np.append` → `['np', 'append']`; only for `module.function` callees. */
export function moduleFunction(dotted: string | undefined): [string, string] | undefined {
  if (dotted === undefined) return undefined;
  const dot = dotted.lastIndexOf('.');
  return dot > 0 ? [dotted.slice(0, dot), dotted.slice(dot + 1)] : undefined;
}
