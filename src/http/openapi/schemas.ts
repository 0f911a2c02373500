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

const facetKind = z.enum(['why', 'how', 'measure', 'caveats']).meta({
  description:
    '`why`: the mechanism; `how`: the API, with the exact calls; `measure`: how to see the effect yourself; `caveats`: when the advice is wrong.',
});

export const tipExampleSchema = z
  .object({
    language: z.string().meta({ example: 'python' }),
    code: z.string(),
    output: z.string().optional().meta({
      description:
        'What the example prints, as the knowledge states it (`...` stands for any text); checked by running it.',
    }),
    facet: facetKind
      .optional()
      .meta({ description: "The facet the example illustrates; absent for the tip's own example." }),
    source: tipSourceSchema
      .optional()
      .meta({ description: "The example's lines (for an extension's example, in the extending file)." }),
  })
  .meta({ id: 'TipExample', description: 'A code example of a tip.' });

export const tipFacetSchema = z
  .object({
    kind: facetKind,
    text: z.string().meta({ description: 'Markdown, self-contained sentences that can be quoted as they stand.' }),
    source: tipSourceSchema.meta({ description: "The facet's lines (an extension's facet cites the extending file)." }),
  })
  .meta({ id: 'TipFacet', description: 'A deeper view of a tip: why, how, measure or caveats.' });

export const tipReferenceSchema = z
  .object({
    title: z.string(),
    url: z.string().meta({
      description: 'The primary source: documentation page, PEP, library manual.',
      example: 'https://docs.python.org/3/library/weakref.html',
    }),
    source: tipSourceSchema,
  })
  .meta({ id: 'TipReference', description: 'A primary reference of a tip.' });

const tipId = z.string().meta({
  description: 'Stable tip id: `section-slug--title-slug`.',
  example: 'avoid-memory-leaks--weak-references',
});

export const tipSummarySchema = z
  .object({ id: tipId, title: z.string(), section: z.string() })
  .meta({ id: 'TipSummary', description: 'A tip, by id, title and section.' });

export const catalogueEntrySchema = tipSummarySchema
  .extend({
    file: z
      .string()
      .meta({ description: 'The knowledge file the tip is written in.', example: 'python-memory-guidance.md' }),
    facets: z.array(facetKind).meta({ description: 'The facets the tip has, in order (a kind may repeat).' }),
  })
  .meta({ id: 'CatalogueEntry', description: 'A tip in the catalogue.' });

/** A unit marker's words (`when`, `beside`, `triage`, `decisive`): lower-case words or phrases, absent when unset. */
const markerWords = (description: string) => z.array(z.string()).optional().meta({ description });

export const tipSchema = z
  .object({
    id: tipId,
    title: z.string(),
    section: z.string(),
    text: z.string().meta({ description: "The tip's short text, markdown." }),
    examples: z
      .array(tipExampleSchema)
      .meta({ description: 'Its own examples, then those of the units that extend it.' }),
    source: tipSourceSchema,
    facets: z
      .array(tipFacetSchema)
      .meta({ description: 'Why, how, measure, caveats: its own, then those of the units that extend it.' }),
    references: z.array(tipReferenceSchema),
    primary: z.boolean().meta({ description: "From a primary file (the user's guidance): cited before other tips." }),
    companion: z.boolean().optional().meta({
      description:
        'From a file that deepens the guidance (one of its units extends or `see`s a guidance tip): answers call it "the companion to the guidance". Absent for the guidance\'s tips and for units of any other file (an operator\'s wiki page), which answers name by their file.',
    }),
    see: z.array(tipId).meta({ description: 'Ids of related tips.' }),
    when: markerWords(
      'Words one of which a question must contain for this unit to be cited (`<!-- when: django, queryset -->`): a unit about one library. Absent for a unit any matching question may cite.',
    ),
    beside: markerWords(
      'Words of a question for which this unit is cited beside a tip it `see`s when that tip is cited first (`<!-- beside: leak, keeps growing -->`). Absent for a unit cited only on its own merit.',
    ),
    triage: markerWords(
      'Words of a report (a bug report, a pasted log, a one-line "memory leak") for which this unit is cited first when no unit clearly matches the report (`<!-- triage: leak, keeps growing -->`): it says how to find the cause. Absent for other units.',
    ),
    decisive: markerWords(
      'On a triage unit: words of a report for which it is cited first whatever the ranking (`<!-- decisive: kernel died, dead kernel -->`): a notebook kernel that died with no traceback. Absent for other units.',
    ),
    triageLead: z
      .number()
      .gt(0)
      .max(1)
      .optional()
      .describe(
        "On a triage unit: the lead of a report's best unit over its sixth under which this unit is cited first (`<!-- lead: 0.2 -->`); absent when it is the default, 0.06.",
      ),
    extensions: z
      .array(z.object({ title: z.string(), source: tipSourceSchema }))
      .meta({ description: 'Units of other knowledge files folded into this tip (`<!-- extends: id -->`).' }),
  })
  .meta({ id: 'Tip', description: 'One whole tip of the knowledge.' });

export const knowledgeFileSchema = z
  .object({
    name: z.string().meta({ example: 'python-memory-guidance.md' }),
    kind: z.enum(['markdown', 'search-phrases', 'examples']).meta({
      description:
        '`markdown` is chunked into tips; `search-phrases` (`*.search.json`) and `examples` (`*.examples.json`) are its sidecars.',
    }),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .meta({ description: "sha256 of the file's bytes: compare with `sha256sum` of the file you gave." }),
    bytes: z.number().int().min(0),
    units: z.number().int().min(0).optional().meta({ description: 'Markdown: the tips it defines.' }),
    extensions: z
      .number()
      .int()
      .min(0)
      .optional()
      .meta({ description: "Markdown: its units that extend another file's tip." }),
    primary: z
      .boolean()
      .optional()
      .meta({ description: "Markdown: a primary source (the user's guidance), cited first." }),
    enabled: z
      .boolean()
      .meta({ description: 'Answers may use it: every file, unless `KNOWLEDGE_FILES` leaves it out.' }),
  })
  .meta({ id: 'KnowledgeFile', description: 'A file of the knowledge the index was built from.' });

export const tipListSchema = z
  .object({
    tips: z.array(catalogueEntrySchema),
    files: z.array(knowledgeFileSchema).meta({ description: 'Every knowledge file, primary first, with its hash.' }),
  })
  .meta({ id: 'TipList', description: 'Every tip answers may use, primary files first, and every knowledge file.' });

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

const textEditSchema = z
  .object({
    range: rangeSchema.meta({ description: 'The span to replace, in the code as sent (an empty range inserts).' }),
    newText: z
      .string()
      .meta({ description: 'What replaces it; inserted lines carry the indentation of the code as sent.' }),
  })
  .meta({ id: 'TextEdit', description: 'Replace a span of the code with new text (LSP `TextEdit`).' });

export const fixSchema = z
  .object({
    description: z.string().meta({ example: 'Collect the pieces in a list and join them once after the loop.' }),
    edits: z.array(textEditSchema).min(1).meta({ description: 'Apply all of them together; they never overlap.' }),
  })
  .meta({
    id: 'Fix',
    description:
      "A mechanical rewrite that keeps the program's meaning (initial values, order, index), given only where the analyzer checked that it does.",
  });

export const findingCitationSchema = tipSummarySchema
  .extend({
    guidance: tipSummarySchema.meta({
      description:
        "The guidance tip the unit deepens (its `see:` tip, or the unit itself when the explanation is a section extending it): the user's guidance, reachable from every finding.",
    }),
    explainedBy: z.string().meta({
      description:
        "The heading of the knowledge section whose `why` explains the finding: the unit's title, or the title of the section that extends the guidance tip.",
    }),
  })
  .meta({
    id: 'FindingCitation',
    description:
      'The knowledge unit that explains the finding and its fix: the unit a plain question about the same problem is answered from (`GET /v1/tips/{id}`).',
  });

export const findingSchema = z
  .object({
    rule: z.string().meta({ description: 'Stable kebab-case rule id.', example: 'string-concat-in-loop' }),
    severity: z
      .enum(['warning', 'info'])
      .meta({ description: '`warning`: a likely memory problem; `info`: worth knowing, often fine.' }),
    message: z
      .string()
      .meta({ description: 'What was found, where, in one sentence; why it costs memory is the `explanation`.' }),
    range: rangeSchema,
    citation: findingCitationSchema,
    explanation: z.object({ text: z.string(), source: tipSourceSchema }).optional().meta({
      description:
        "Why the pattern costs memory: the cited unit's `why`, quoted from the knowledge with its lines (the same text a question about it is answered with). Absent when the service's `KNOWLEDGE_FILES` leaves that text out.",
    }),
    suggestion: z.string().optional().meta({ description: 'A rewrite, when an obvious one exists.' }),
    fix: fixSchema.optional(),
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
      description:
        'Whether findings or syntax errors were cut to their limits (250 findings, 100 syntax errors); the first ones in source order are kept.',
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
    source: tipSourceSchema.meta({
      description:
        "Where the unit is written (for a guidance tip, the guidance's lines even when a quoted facet is the companion's).",
    }),
    quoted: z
      .array(
        z
          .object({
            part: z
              .enum(['text', 'why', 'how', 'measure', 'caveats'])
              .meta({ description: "`text`: the unit's short text; otherwise the facet quoted." }),
            source: tipSourceSchema.meta({
              description:
                "The lines the quoted part stands on (a companion facet of a guidance tip: the companion's lines).",
            }),
          })
          .meta({ id: 'QuotedPart' }),
      )
      .optional()
      .meta({
        description:
          'What the answer quotes from this unit, in order: its short text and/or the facets that fit the question. Empty when a follow-up found nothing new to quote and points at the unit\'s references; the further citations of such an answer are the closest units not quoted yet, offered as related by their short text (`["text"]`).',
      }),
  })
  .meta({ id: 'Citation', description: 'A unit (tip) the answer stands on.' });

export const answerExampleSchema = z
  .object({
    language: z.string(),
    code: z.string(),
    citation: z.string().meta({ description: 'Id of the cited tip the example belongs to.' }),
    facet: facetKind
      .optional()
      .meta({ description: "The facet the example illustrates; absent for the unit's own example." }),
    output: z.string().optional().meta({
      description:
        'What the example prints, as the knowledge states it (checked by `npm test`; `...` stands for any text).',
    }),
    source: tipSourceSchema.optional().meta({ description: "The example's lines in its knowledge file." }),
  })
  .meta({ id: 'AnswerExample' });

export const relatedTipSchema = z
  .object({
    id: tipId,
    title: z.string(),
    section: z.string(),
    score,
    source: tipSourceSchema,
  })
  .meta({
    id: 'RelatedTip',
    description:
      'A tip on a neighbouring topic, listed with `coverage: "related"`: not an answer to the question, and not cited.',
  });

export const answerSchema = z
  .object({
    answerId: z.string().meta({
      description:
        'Unique per answer: a UUID (version 8, carrying a hash of the normalized question); `POST /v1/feedback` refers to it.',
    }),
    answer: z.string().meta({
      description:
        "Markdown: a lead naming the source (the guidance, or the companion file and its lines), each cited unit's short text as a bullet with its `[n]`, the facet that fits the question as a labelled paragraph (**Why**, **How**, **Measure**, **Caveats**, with its lines), the examples, the sources. A follow-up quotes only what the earlier answers did not.",
    }),
    abstained: z.boolean().meta({
      description:
        'True when the guidance does not answer the question (`coverage` `none` or `related`): nothing is cited.',
    }),
    citations: z.array(citationSchema),
    examples: z.array(answerExampleSchema),
    findings: z.array(findingSchema).optional().meta({
      description: 'With a `snippet`: what the analyzer found in it (as `POST /v1/analyze`), in source order.',
    }),
    mode: z.enum(['llm', 'extractive']).optional().meta({
      description:
        "`extractive`: composed from the tips' own words (the default); `llm`: written by the configured model from the retrieved tips and grounding-checked.",
    }),
    fallbackReason: z
      .enum([
        'no_sources',
        'unsupported',
        'no_citations',
        'unknown_citation',
        'empty_answer',
        'timeout',
        'provider_error',
      ])
      .optional()
      .meta({ description: 'Set when LLM mode is on but this answer is the extractive one: why.' }),
    confidence: z.enum(['high', 'medium', 'low']).optional().meta({
      description:
        'How well the guidance matches the question, from the best cited tip\'s retrieval score (thresholds calibrated on real questions, see the README, "Confidence"). Always set; `low` when abstained or `coverage` is `related`; at most `medium` when the question\'s only memory words are hints ("instead of", "large"); `high` when pasted code had findings.',
    }),
    abstainReason: z
      .enum(['out_of_scope', 'low_similarity', 'empty_question', 'other_runtime', 'not_memory'])
      .optional()
      .meta({
        description:
          'Set when `abstained`: `other_runtime` (about another runtime or language: the JVM heap, Node.js, a browser, C, GPU memory, PyPy), `not_memory` (a Python question with no memory, resource or object-lifetime angle), `empty_question` (nothing to search for, e.g. "why?" with no history, or a question written mostly in letters search cannot read: Chinese is read through a glossary of its memory terms, and a question with none of them is this), `out_of_scope` (a topic the guidance does not cover fits better, or nothing relates), `low_similarity` (related tips, none relevant enough; also the reason with `coverage: "related"`). Clients should treat an unknown value like `out_of_scope`.',
      }),
    coverage: z.enum(['answer', 'related', 'none']).optional().meta({
      description:
        'Whether the guidance answers the question. `answer`: the cited tips answer it. `related`: a Python memory question no tip answers; `abstained` is true, nothing is cited, and `related` lists at most two tips on neighbouring topics (say they are related, not the answer). `none`: abstained. Always set by `POST /v1/ask`.',
    }),
    related: z
      .array(relatedTipSchema)
      .max(2)
      .optional()
      .meta({ description: 'With `coverage: "related"`: the related tips, best first.' }),
    assumedPython: z.literal(true).optional().meta({
      description:
        'Set when the answer reads the question as a Python question though it names no language, Python library, Python API or code ("The app is leaking"): the answer text says so above its sources, and that its tips do not apply to another runtime. Only on answered questions (`coverage: "answer"`), at a conversation\'s first question.',
    }),
    triage: z.literal(true).optional().meta({
      description:
        'Set when the question reports a problem ("leak", "keeps growing"; "MemoryError", "OOMKilled", "killed": the words of a `triage` unit) and its best unit barely leads the others (and, under 80 words, the question names none of that unit\'s APIs): the answer opens by saying no tip clearly matches it, cites first the unit that says how to find the cause (which kind of growth it is; which allocation sets the peak), then the closest unit. Its `confidence` is `low`. Never on a follow-up. A report with a `decisive` word of the unit (a notebook kernel that died) gets it whatever the ranking.',
    }),
    followUp: z
      .object({
        rule: z.enum(['elliptical', 'anaphoric', 'continuation']).meta({
          description:
            '`elliptical`: no topic of its own, the earlier one was searched; `anaphoric`: points back; `continuation`: "what about …" or short.',
        }),
        searchedFor: z
          .string()
          .meta({ description: 'The text searched: the question with the topic it follows up on.' }),
      })
      .optional()
      .meta({ description: 'Set when the `history` sent with the question changed what was searched.' }),
    facet: facetKind.optional().meta({
      description:
        'The facet the question asked for: by its wording ("why …" → `why`; "how do I …", "show me", "example" → `how`; "how much …", "does it save" → `measure`; "when not to …", "downside" → `caveats`), or for a follow-up without such words, by the question it continues. The answer quotes that facet of its first unit when the unit has it. Absent when none was asked for.',
    }),
  })
  .meta({ id: 'Answer', description: 'A grounded answer that quotes and cites the guidance, or an abstention.' });

export const storageHealthSchema = z
  .object({
    status: z.enum(['ok', 'failing', 'low-space', 'off']).meta({
      description:
        '`failing`: the latest write failed and none has succeeded since (verdicts get 503); `low-space`: under FEEDBACK_MIN_FREE_MB free (Node); `off`: no feedback store.',
    }),
    lastError: z
      .object({ at: z.string(), message: z.string() })
      .optional()
      .meta({ description: 'The latest write failure since start-up.' }),
    freeBytes: z.number().int().min(0).optional().meta({ description: 'Node: free bytes on the disk of FEEDBACK_DB.' }),
    walBytes: z
      .number()
      .int()
      .min(0)
      .optional()
      .meta({ description: 'Node: size of the SQLite write-ahead log (checkpointed and truncated every minute).' }),
  })
  .meta({ id: 'StorageHealth' });

export const healthSchema = z
  .object({
    status: z
      .enum(['ok', 'degraded'])
      .meta({ description: '`degraded` while the feedback storage is failing or nearly full; answers still work.' }),
    tips: z
      .number()
      .int()
      .min(0)
      .meta({ description: 'Tips answers may use (all of the index, unless `KNOWLEDGE_FILES` leaves files out).' }),
    embedder: z.string().meta({ description: 'Id of the query embedder.' }),
    knowledgeHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .meta({ description: 'sha256 over the knowledge files.' }),
    files: z
      .array(knowledgeFileSchema)
      .meta({ description: 'Every knowledge file, primary first, with its hash and whether answers use it.' }),
    storage: storageHealthSchema,
  })
  .meta({ id: 'Health' });

export const problemSchema = z
  .object({
    type: z
      .string()
      .meta({ description: 'A stable URN for the kind of problem.', example: 'urn:pymem:problem:not-found' }),
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
