import { analyzeRequestSchema } from '../../routes/analyze.js';
import { ANALYSIS_ERRORS, API_ERRORS, JSON_BODY_ERRORS, jsonContent, standardHeaders } from '../components.js';
import { requestExamples, responseExamples, type OperationGroup } from '../registry.js';
import { analysisResultSchema } from '../schemas.js';

const requestSchema = analyzeRequestSchema.meta({
  id: 'AnalyzeRequest',
  description: 'Python code as pasted (≤ 64 KiB of UTF-8, not blank; indented code is fine), an optional file name, and `includeInfo` for the info tier.',
});

/** `POST /v1/analyze`. */
export const analyzeOperations: OperationGroup = (registry, { apiSecurity }) => {
  registry.registerPath({
    method: 'post',
    path: '/v1/analyze',
    operationId: 'analyzeSnippet',
    tags: ['Analysis'],
    summary: 'Find memory anti-patterns in Python code',
    description:
      'Parses the code (syntax errors tolerated) and reports memory anti-patterns, each with its range (0-based, LSP style), a suggestion when one is obvious, a structured `fix` (text edits) when a safe mechanical rewrite exists, and the guidance tip that explains the fix. Only `warning` findings unless `includeInfo` is true. At most 250 findings and 100 syntax errors are returned (`truncated` says whether there were more). Code nested deeper than 200 brackets or 1,000 parse levels, or with too many syntax errors to recover from, is analyzed up to where the parser stopped (a syntax error says so); code too costly to analyze at all is a 422.',
    security: apiSecurity,
    request: {
      body: {
        required: true,
        content: jsonContent(
          requestSchema,
          requestExamples(analyzeRequestSchema, {
            loop: { summary: 'A string built in a loop over an unclosed file', value: { code: "s = ''\nfor line in open('log.txt'):\n    s += line\n", filename: 'report.py' } },
            withInfo: { summary: 'With the info tier', value: { code: "with open(p, 'rb') as f:\n    digest = hashlib.sha256(f.read()).hexdigest()\n", includeInfo: true } },
          }),
        ),
      },
    },
    responses: {
      200: {
        description: 'The findings and syntax errors, in source order.',
        headers: standardHeaders(true),
        content: jsonContent(
          analysisResultSchema,
          responseExamples(analysisResultSchema, {
            findings: {
              summary: 'Two findings',
              value: {
                findings: [
                  {
                    rule: 'open-without-with',
                    severity: 'warning',
                    message:
                      "`open('log.txt')` is not managed by a `with` statement: the file and its buffer stay open until the object happens to be garbage-collected, which an exception, a lingering reference or a reference cycle can delay indefinitely.",
                    range: { start: { line: 1, character: 12 }, end: { line: 1, character: 27 } },
                    citation: {
                      id: 'optimize-code-for-memory-efficiency--use-with-statement-for-file-operations',
                      title: 'Use `with` Statement for File Operations',
                      section: 'Optimize Code for Memory Efficiency',
                    },
                    suggestion: "Open it in a `with` block, which closes it when the block ends, even on errors: `with open('log.txt') as f:`.",
                  },
                  {
                    rule: 'string-concat-in-loop',
                    severity: 'warning',
                    message:
                      '`s` is a string carried across the iterations of this loop and grown with `+`. Strings are immutable, so each step can allocate a new one and copy everything built so far: quadratic time and a trail of temporary copies.',
                    range: { start: { line: 2, character: 4 }, end: { line: 2, character: 13 } },
                    citation: { id: 'optimize-string-usage--string-concatenation', title: 'String Concatenation', section: 'Optimize String Usage' },
                    suggestion:
                      "Collect the pieces in a list and join once after the loop, keeping the initial value: `parts = [s]` before the loop, `parts.append(line)` in it, then `s = ''.join(parts)`.",
                    fix: {
                      description: 'Collect the pieces of `s` in a list (starting with its current value) and join them once after the loop.',
                      edits: [
                        { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: 's_parts = [s]\n' },
                        { range: { start: { line: 2, character: 4 }, end: { line: 2, character: 13 } }, newText: 's_parts.append(line)' },
                        { range: { start: { line: 2, character: 13 }, end: { line: 2, character: 13 } }, newText: "\ns = ''.join(s_parts)" },
                      ],
                    },
                  },
                ],
                syntaxErrors: [],
                truncated: false,
              },
            },
            syntaxError: {
              summary: 'Code that does not parse',
              value: {
                findings: [],
                syntaxErrors: [{ range: { start: { line: 0, character: 6 }, end: { line: 0, character: 7 } }, message: 'invalid syntax before ":"' }],
                truncated: false,
              },
            },
          }),
        ),
      },
      ...JSON_BODY_ERRORS,
      ...ANALYSIS_ERRORS,
      ...API_ERRORS,
    },
  });
};
