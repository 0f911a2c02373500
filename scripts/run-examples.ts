/**
 * `npm run examples`: runs every python example of knowledge/ and checks what it prints against
 * what its file states (scripts/lib/knowledge-examples.ts), then prints
 * "N examples executed, N passed, N skipped (reason)" and each failure. Exits 1 on a failure, and
 * on a skip when PYMEM_REQUIRE_PYTHON_PACKAGES=1. `npm test` runs the same check.
 */
import {
  collectExamples,
  findPython,
  formatExampleReport,
  readPythonPackages,
  runExamples,
} from './lib/knowledge-examples.js';
import { KNOWLEDGE_DIR } from './lib/paths.js';

const packages = readPythonPackages();
const python = await findPython(process.env, packages);
const results = await runExamples(await collectExamples(KNOWLEDGE_DIR), { python, packages });
console.log(formatExampleReport(results, python));
const requireAll = process.env.PYMEM_REQUIRE_PYTHON_PACKAGES === '1';
const bad = results.filter((r) => r.outcome.status === 'failed' || (requireAll && r.outcome.status === 'skipped'));
process.exitCode = bad.length === 0 ? 0 : 1;
