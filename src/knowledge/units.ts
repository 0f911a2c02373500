import { KnowledgeFormatError, type ChunkedUnit, type KnowledgeFacet, type Tip, type TipExample, type TipReference, type TipSource } from './types.js';

/** One chunked knowledge file, as the build assembles it. */
export interface ChunkedFile {
  readonly file: string;
  /** The user's guidance (`"primary": true` in its `.search.json`): its tips come first. */
  readonly primary: boolean;
  readonly units: readonly ChunkedUnit[];
}

/**
 * The tips of the whole knowledge: every unit of every file, primary files first (then the others,
 * each in the order given), with each extending unit folded into the one it extends: that one
 * keeps its id, title, text and citation and gains the extension's facets, examples, references
 * and related ids. Fails on a duplicate id, an extension of an unknown or extending unit, and a
 * `see` naming no unit, with the file and line to fix.
 *
 * @example
 * const tips = assembleUnits([{ file: 'guide.md', primary: true, units }, { file: 'more.md', primary: false, units: more }]);
 */
export function assembleUnits(files: readonly ChunkedFile[]): Tip[] {
  const ordered = [...files.filter((f) => f.primary), ...files.filter((f) => !f.primary)];
  const tips = new Map<string, { -readonly [K in keyof Tip]: Tip[K] }>();
  const extensions: { unit: ChunkedUnit; target: string }[] = [];
  const guidanceIds = new Set(files.filter((f) => f.primary).flatMap((f) => f.units.map((u) => u.id)));
  for (const { primary, units } of ordered) {
    const companion = !primary && deepensGuidance(units, guidanceIds);
    for (const unit of units) {
      if (unit.extends) {
        extensions.push({ unit, target: unit.extends });
        continue;
      }
      const other = tips.get(unit.id);
      if (other) {
        throw new KnowledgeFormatError(
          `Duplicate tip id "${unit.id}" (${where(other.source)} and ${where(unit.source)}): give one tip another title or id.`,
        );
      }
      const { extends: _none, ...own } = unit;
      tips.set(unit.id, { ...own, primary, ...(companion ? { companion } : {}), extensions: [] });
    }
  }
  for (const { unit, target } of extensions) {
    const tip = tips.get(target);
    if (!tip) {
      const extending = extensions.some((e) => e.unit.id === target);
      throw new KnowledgeFormatError(
        `${where(unit.source)}: "${unit.title}" extends "${target}", ${extending ? 'which itself extends another unit: extend that one' : 'which no knowledge file has'}.`,
      );
    }
    tip.facets = [...tip.facets, ...unit.facets];
    tip.examples = [...tip.examples, ...unit.examples];
    tip.references = [...tip.references, ...unit.references];
    tip.see = [...new Set([...tip.see, ...unit.see])];
    tip.extensions = [...tip.extensions, { title: unit.title, source: unit.source }];
  }
  for (const tip of tips.values()) {
    const unknown = tip.see.find((id) => id === tip.id || !tips.has(id));
    if (unknown) throw new KnowledgeFormatError(`${where(tip.source)}: "${tip.title}" has see: "${unknown}", which is ${unknown === tip.id ? 'itself' : 'no unit'}.`);
  }
  return [...tips.values()];
}

/**
 * Whether a file of units deepens the guidance: one of them extends a guidance tip or names one
 * as related (`see`). Answers call such a file the companion to the guidance; a file that does
 * neither (an operator's wiki page dropped in as it is) is named by its file only, since it was
 * not written as the guidance's companion.
 */
function deepensGuidance(units: readonly ChunkedUnit[], guidanceIds: ReadonlySet<string>): boolean {
  return units.some((u) => (u.extends !== undefined && guidanceIds.has(u.extends)) || u.see.some((id) => guidanceIds.has(id)));
}

/**
 * The knowledge as if only `files` existed (the `KNOWLEDGE_FILES` setting): the tips of the other
 * files dropped, and what their extensions added to a kept tip (facets, examples, references)
 * taken off again. `see` ids of dropped tips go too.
 */
export function restrictToFiles(tips: readonly Tip[], files: ReadonlySet<string>): Tip[] {
  const kept = tips.filter((t) => files.has(t.source.file));
  const ids = new Set(kept.map((t) => t.id));
  const inFiles = <T extends { readonly source?: TipSource | undefined }>(list: readonly T[]) =>
    list.filter((x) => x.source === undefined || files.has(x.source.file));
  return kept.map((tip) => ({
    ...tip,
    facets: inFiles<KnowledgeFacet>(tip.facets),
    examples: inFiles<TipExample>(tip.examples),
    references: inFiles<TipReference>(tip.references),
    extensions: tip.extensions.filter((e) => files.has(e.source.file)),
    see: tip.see.filter((id) => ids.has(id)),
  }));
}

/** A tip's own content and each extension's, apart: what search indexes (and restricts) per file. */
export interface TipPart {
  /** `undefined` for the tip's own part, else the extension's index in `tip.extensions`. */
  readonly extension: number | undefined;
  readonly title: string;
  readonly file: string;
  readonly facets: readonly KnowledgeFacet[];
  readonly examples: readonly TipExample[];
}

/** The tip's own part first, then one per extension, each with the facets and examples written in it. */
export function tipParts(tip: Tip): TipPart[] {
  const owner = (source: TipSource | undefined): number | undefined => {
    if (!source) return undefined;
    const i = tip.extensions.findIndex((e) => contains(e.source, source));
    return i < 0 ? undefined : i;
  };
  const part = (extension: number | undefined, title: string, file: string): TipPart => ({
    extension,
    title,
    file,
    facets: tip.facets.filter((f) => owner(f.source) === extension),
    examples: tip.examples.filter((e) => owner(e.source) === extension),
  });
  return [part(undefined, tip.title, tip.source.file), ...tip.extensions.map((e, i) => part(i, e.title, e.source.file))];
}

function contains(outer: TipSource, inner: TipSource): boolean {
  return outer.file === inner.file && outer.lineStart <= inner.lineStart && inner.lineEnd <= outer.lineEnd;
}

function where(source: TipSource): string {
  return `${source.file}:${source.lineStart}`;
}
