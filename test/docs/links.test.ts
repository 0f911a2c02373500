import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docFiles } from './doc-examples.js';

/** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- _]/gu, '')
    .replace(/ /g, '-');
}

function anchorsIn(markdown: string): Set<string> {
  const anchors = new Set<string>();
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(`{3,}|~{3,})/.test(line)) inFence = !inFence;
    const heading = inFence ? null : /^#{1,6}\s+(.*)$/.exec(line);
    if (heading?.[1]) anchors.add(anchorOf(heading[1]));
  }
  return anchors;
}

const ROOT = resolve(import.meta.dirname, '../..');

describe('links between the docs', () => {
  it('reach a file that exists and, with #anchor, one of its headings', () => {
    const broken: string[] = [];
    for (const file of docFiles(ROOT)) {
      const text = readFileSync(join(ROOT, file), 'utf8')
        .replace(/(`{3,}|~{3,})[\s\S]*?\1/g, '')
        .replace(/`[^`\n]*`/g, '');
      for (const [, target = ''] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/i.test(target) || target.startsWith('<')) continue;
        const [path = '', anchor] = target.split('#');
        const resolved = path ? normalize(join(dirname(join(ROOT, file)), path)) : join(ROOT, file);
        if (!existsSync(resolved)) {
          broken.push(`${file}: ${target} (no such file)`);
          continue;
        }
        if (anchor && resolved.endsWith('.md') && !anchorsIn(readFileSync(resolved, 'utf8')).has(anchor))
          broken.push(`${file}: ${target} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });
});
