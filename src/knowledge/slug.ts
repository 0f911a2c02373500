/**
 * Lower-case, ASCII, dash-separated slug: stable across runs and platforms.
 *
 * @example slugify("Use `with` Statement") // "use-with-statement"
 */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The stable id of a tip: its section slug and its title slug. */
export function tipId(section: string, title: string): string {
  return `${slugify(section)}--${slugify(title)}`;
}
