import type { z } from 'zod';
import { analyzeSnippet } from '../../analyze/analyze-snippet.js';
import { analyzeRequestSchema } from './analyze.js';
import { ANALYSIS_ERRORS, API_ERRORS, JSON_BODY_ERRORS, jsonContent, standardHeaders } from '../openapi/components.js';
import { requestExamples, responseExamples, type OperationGroup } from '../openapi/registry.js';
import { analysisResultSchema, findingSchema } from '../openapi/schemas.js';

const requestSchema = analyzeRequestSchema.meta({
  id: 'AnalyzeRequest',
  description:
    'Python code as pasted (≤ 64 KiB of UTF-8, not blank; indented code is fine), an optional file name, and `includeInfo` for the info tier.',
});

const LOOP_EXAMPLE = { code: "s = ''\nfor line in open('log.txt'):\n    s += line\n", filename: 'report.py' };
/** What the analyzer finds in it, as JSON (the service adds each finding's `explanation`). */
const LOOP_FINDINGS = JSON.parse(JSON.stringify(analyzeSnippet(LOOP_EXAMPLE.code).findings)) as z.infer<
  typeof findingSchema
>[];

/** `POST /v1/analyze`. */
export const analyzeOperations: OperationGroup = (registry, { apiSecurity }) => {
  registry.registerPath({
    method: 'post',
    path: '/v1/analyze',
    operationId: 'analyzeSnippet',
    tags: ['Analysis'],
    summary: 'Find memory anti-patterns in Python code',
    description:
      "Parses the code (syntax errors tolerated) and reports memory anti-patterns, each with its range (0-based, LSP style), a suggestion when one is obvious, a structured `fix` (text edits) when a safe mechanical rewrite exists, the knowledge unit that explains it (with the guidance tip it deepens) and, in `explanation`, that unit's `why`, quoted with its lines. Only `warning` findings unless `includeInfo` is true. At most 250 findings and 100 syntax errors are returned (`truncated` says whether there were more). Code nested deeper than 200 brackets or 1,000 parse levels, or with too many syntax errors to recover from, is analyzed up to where the parser stopped (a syntax error says so); code too costly to analyze at all is a 422.",
    security: apiSecurity,
    request: {
      body: {
        required: true,
        content: jsonContent(
          requestSchema,
          requestExamples(analyzeRequestSchema, {
            loop: { summary: 'A string built in a loop over an unclosed file', value: LOOP_EXAMPLE },
            withInfo: {
              summary: 'With the info tier',
              value: {
                code: "with open(p, 'rb') as f:\n    digest = hashlib.sha256(f.read()).hexdigest()\n",
                includeInfo: true,
              },
            },
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
              // The analyzer's real output for the request example (the service adds each finding's `explanation` from its knowledge).
              value: {
                findings: LOOP_FINDINGS,
                syntaxErrors: [],
                truncated: false,
              },
            },
            syntaxError: {
              summary: 'Code that does not parse',
              value: {
                findings: [],
                syntaxErrors: [
                  {
                    range: { start: { line: 0, character: 6 }, end: { line: 0, character: 7 } },
                    message: 'invalid syntax before ":"',
                  },
                ],
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
