import { z } from 'zod';

/**
 * Zod schemas of the response bodies, for the OpenAPI document and the MCP tools' structured
 * output. The request schemas live in `src/http/schemas.ts`, where the routes validate with them.
 * Tests check real responses parse to themselves (no undocumented field) and that the keys match
 * the TypeScript types.
 */

export const tipSourceSchema = z
  .object({
    file: z.string().meta({ description: 'Knowledge file the tip comes from.' }),
    lineStart: z.number().int().min(1).meta({ description: 'First line (1-based, inclusive).' }),
    lineEnd: z.number().int().min(1).meta({ description: 'Last line (1-based, inclusive).' }),
  })
  .meta({ id: 'TipSource', description: 'Where a tip stands in its knowledge file.' });

export const tipExampleSchema = z
  .object({
    language: z.string().meta({ example: 'python' }),
    code: z.string(),
  })
  .meta({ id: 'TipExample', description: 'A code example of a tip.' });

const tipId = z.string().meta({
  description: 'Stable tip id: `section-slug--title-slug`.',
  example: 'avoid-memory-leaks--weak-references',
});

export const tipSummarySchema = z
  .object({ id: tipId, title: z.string(), section: z.string() })
  .meta({ id: 'TipSummary', description: 'A tip in the catalogue.' });

export const tipSchema = z
  .object({
    id: tipId,
    title: z.string(),
    section: z.string(),
    text: z.string().meta({ description: "The tip's guidance, markdown." }),
    examples: z.array(tipExampleSchema),
    source: tipSourceSchema,
  })
  .meta({ id: 'Tip', description: 'One whole tip of the guidance.' });

export const tipListSchema = z
  .object({ tips: z.array(tipSummarySchema) })
  .meta({ id: 'TipList', description: 'Every tip, in guidance order.' });

const score = z.number().min(0).max(1).meta({ description: 'Fused hybrid retrieval score, 0–1.' });

export const searchResultSchema = z
  .object({
    id: tipId,
    title: z.string(),
    section: z.string(),
    score,
    text: z.string(),
    examples: z.array(tipExampleSchema),
    source: tipSourceSchema,
  })
  .meta({ id: 'SearchResult' });

export const searchResponseSchema = z
  .object({ results: z.array(searchResultSchema).meta({ description: 'Best first.' }) })
  .meta({ id: 'SearchResponse' });

const positionSchema = z
  .object({
    line: z.number().int().min(0).meta({ description: '0-based line.' }),
    character: z.number().int().min(0).meta({ description: '0-based UTF-16 offset in the line.' }),
  })
  .meta({ id: 'Position', description: 'A position in the pasted code (LSP style).' });

export const rangeSchema = z
  .object({ start: positionSchema, end: positionSchema.meta({ description: 'Exclusive.' }) })
  .meta({ id: 'Range', description: 'A half-open span of the pasted code, `end` exclusive (LSP style).' });

export const findingSchema = z
  .object({
    rule: z.string().meta({ description: 'Stable kebab-case rule id.', example: 'string-concat-in-loop' }),
    severity: z.enum(['warning', 'info']).meta({ description: '`warning`: a likely memory problem; `info`: worth knowing, often fine.' }),
    message: z.string(),
    range: rangeSchema,
    citation: tipSummarySchema.meta({ description: 'The tip that explains the finding and its fix.' }),
    suggestion: z.string().optional().meta({ description: 'A rewrite, when an obvious one exists.' }),
  })
  .meta({ id: 'Finding', description: 'A memory anti-pattern found in the code.' });

export const syntaxErrorSchema = z
  .object({ range: rangeSchema, message: z.string() })
  .meta({ id: 'SyntaxError', description: 'A place where the code does not parse as Python.' });

export const analysisResultSchema = z
  .object({
    findings: z.array(findingSchema).meta({ description: 'In source order.' }),
    syntaxErrors: z.array(syntaxErrorSchema).meta({ description: 'In source order; what parsed is still analyzed.' }),
    truncated: z.boolean().meta({
      description: 'Whether findings or syntax errors were cut to their limits (250 findings, 100 syntax errors); the first ones in source order are kept.',
    }),
  })
  .meta({ id: 'AnalysisResult' });

export const citationSchema = z
  .object({
    n: z.number().int().min(1).meta({ description: 'The `[n]` marker in the answer text.' }),
    id: tipId,
    title: z.string(),
    section: z.string(),
    score,
    source: tipSourceSchema,
  })
  .meta({ id: 'Citation', description: 'A tip the answer stands on.' });

export const answerExampleSchema = z
  .object({
    language: z.string(),
    code: z.string(),
    citation: z.string().meta({ description: 'Id of the cited tip the example belongs to.' }),
  })
  .meta({ id: 'AnswerExample' });

export const answerSchema = z
  .object({
    answerId: z.string().meta({ description: 'Unique per answer: a UUID (version 8, carrying a hash of the normalized question); `POST /v1/feedback` refers to it.' }),
    answer: z.string().meta({ description: 'Markdown: a lead, each cited tip as a bullet with its `[n]`, the examples, the sources.' }),
    abstained: z.boolean().meta({ description: 'True when no tip was relevant enough: nothing is cited.' }),
    citations: z.array(citationSchema),
    examples: z.array(answerExampleSchema),
    findings: z
      .array(findingSchema)
      .optional()
      .meta({ description: 'With a `snippet`: what the analyzer found in it (as `POST /v1/analyze`), in source order.' }),
    mode: z.enum(['llm', 'extractive']).optional().meta({
      description: '`extractive`: composed from the tips\' own words (the default); `llm`: written by the configured model from the retrieved tips and grounding-checked.',
    }),
    fallbackReason: z
      .enum(['no_sources', 'unsupported', 'no_citations', 'unknown_citation', 'empty_answer', 'timeout', 'provider_error'])
      .optional()
      .meta({ description: 'Set when LLM mode is on but this answer is the extractive one: why.' }),
    confidence: z.enum(['high', 'medium', 'low']).optional().meta({
      description:
        'How well the guidance matches the question, from the best cited tip\'s retrieval score (thresholds in the README, "Confidence"). Always set; `low` when abstained; `high` when pasted code had findings.',
    }),
    abstainReason: z.enum(['out_of_scope', 'low_similarity', 'empty_question']).optional().meta({
      description:
        'Set when `abstained`: `empty_question` (nothing to search for, e.g. "why?" with no history), `out_of_scope` (a topic the guidance does not cover fits better, or nothing relates), `low_similarity` (related tips, none relevant enough).',
    }),
    followUp: z
      .object({
        rule: z.enum(['elliptical', 'anaphoric', 'continuation']).meta({
          description: '`elliptical`: no topic of its own, the earlier one was searched; `anaphoric`: points back; `continuation`: "what about …" or short.',
        }),
        searchedFor: z.string().meta({ description: 'The text searched: the question with the topic it follows up on.' }),
      })
      .optional()
      .meta({ description: 'Set when the `history` sent with the question changed what was searched.' }),
  })
  .meta({ id: 'Answer', description: 'A grounded answer that quotes and cites the guidance, or an abstention.' });

export const storageHealthSchema = z
  .object({
    status: z.enum(['ok', 'failing', 'low-space', 'off']).meta({
      description: '`failing`: the latest write failed and none has succeeded since (verdicts get 503); `low-space`: under FEEDBACK_MIN_FREE_MB free (Node); `off`: no feedback store.',
    }),
    lastError: z.object({ at: z.string(), message: z.string() }).optional().meta({ description: 'The latest write failure since start-up.' }),
    freeBytes: z.number().int().min(0).optional().meta({ description: 'Node: free bytes on the disk of FEEDBACK_DB.' }),
    walBytes: z.number().int().min(0).optional().meta({ description: 'Node: size of the SQLite write-ahead log (checkpointed and truncated every minute).' }),
  })
  .meta({ id: 'StorageHealth' });

export const healthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']).meta({ description: '`degraded` while the feedback storage is failing or nearly full; answers still work.' }),
    tips: z.number().int().min(0).meta({ description: 'Tips in the loaded index.' }),
    embedder: z.string().meta({ description: 'Id of the query embedder.' }),
    knowledgeHash: z.string().regex(/^[0-9a-f]{64}$/).meta({ description: 'sha256 over the knowledge files.' }),
    storage: storageHealthSchema,
  })
  .meta({ id: 'Health' });

export const problemSchema = z
  .object({
    type: z.string().meta({ description: 'A stable URN for the kind of problem.', example: 'urn:pymem:problem:not-found' }),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string().meta({ description: 'What went wrong and how to fix it, for people.' }),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .meta({ description: 'On validation errors: one entry per offending field.' }),
    requestId: z.string().optional().meta({ description: 'Same as the `X-Request-Id` response header.' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details (`application/problem+json`).' });
