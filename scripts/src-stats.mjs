#!/usr/bin/env node
// `node scripts/src-stats.mjs [dir]`: the house's measurements (docs/architecture.md) over
// src/**/*.{ts,js} (no .d.ts): files, median and 90th percentile of lines per file, the share of
// non-blank lines that are import (or re-export) lines, and lines over 120 characters.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? '.', 'src');
const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.(?:ts|js)$/.test(f) && !f.endsWith('.d.ts'))
  .map((f) => join(root, f));

const counts = [];
let nonBlank = 0;
let imports = 0;
let long = 0;
for (const file of files) {
  const lines = readFileSync(file, 'utf8').split('\n');
  counts.push(lines.length);
  let inImport = false;
  for (const line of lines) {
    const s = line.trim();
    if (s) nonBlank++;
    if (line.length > 120) long++;
    const starts =
      s.startsWith('import ') || (s.startsWith('export {') && s.includes(' from ')) || s.startsWith('export *');
    if (starts || inImport) {
      imports++;
      // A multi-line `import {` runs until its ` from ` line.
      inImport = (s.startsWith('import {') && !s.includes(' from ')) || (inImport && !s.includes(' from '));
    }
  }
}
counts.sort((a, b) => a - b);
const median =
  counts.length % 2 ? counts[(counts.length - 1) / 2] : (counts[counts.length / 2 - 1] + counts[counts.length / 2]) / 2;
console.log(
  `files ${files.length}, median lines ${median}, p90 ${counts[Math.floor(counts.length * 0.9)]}, ` +
    `import share ${((100 * imports) / nonBlank).toFixed(1)}%, lines over 120 characters ${long}`,
);
