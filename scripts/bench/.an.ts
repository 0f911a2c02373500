import { analyzeSnippet } from '../../src/analyze/analyze-snippet.js';
import { KIB, pythonSnippet } from './python-snippets.js';
const code = pythonSnippet(Number(process.argv[2] ?? 2) * KIB);
for (let i = 0; i < 50; i++) analyzeSnippet(code);
const n = Number(process.argv[3] ?? 500); const t = performance.now();
for (let i = 0; i < n; i++) analyzeSnippet(code);
console.log('ms/analyze', ((performance.now() - t) / n).toFixed(3));
