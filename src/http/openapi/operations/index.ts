import type { OperationGroup } from '../registry.js';
import { analyzeOperations } from './analyze.js';
import { askStreamOperations } from './ask-stream.js';
import { askOperations } from './ask.js';
import { botOperations } from './bots.js';
import { feedbackOperations } from './feedback.js';
import { healthOperations } from './health.js';
import { mcpOperations } from './mcp.js';
import { metricsOperations } from './metrics.js';
import { openAiCompatOperations } from './openai-compat.js';
import { referenceOperations } from './reference.js';
import { searchOperations } from './search.js';
import { tipOperations } from './tips.js';
import { widgetOperations } from './widget.js';

/** Every route group's operations, in the order the document lists them. */
export const OPERATION_GROUPS: readonly OperationGroup[] = [
  askOperations,
  askStreamOperations,
  searchOperations,
  tipOperations,
  analyzeOperations,
  openAiCompatOperations,
  feedbackOperations,
  mcpOperations,
  botOperations,
  widgetOperations,
  healthOperations,
  metricsOperations,
  referenceOperations,
];

/** The document's tags, in display order. */
export const TAGS = [
  { name: 'Answers', description: 'Grounded, cited answers and search over the guidance.' },
  { name: 'Tips', description: 'The guidance, tip by tip.' },
  { name: 'Analysis', description: 'Memory anti-patterns in pasted Python, each cited to a tip.' },
  {
    name: 'OpenAI-compatible',
    description: 'Chat completions and models in OpenAI\'s shapes, for tools that take an "OpenAI base URL".',
  },
  { name: 'Feedback', description: "Readers' verdicts on answers, and what to improve." },
  { name: 'MCP', description: 'The Model Context Protocol server for editors and assistants.' },
  { name: 'Chat bots', description: "Slack and Discord webhooks, verified by the platforms' signatures." },
  { name: 'Widget', description: 'The embeddable help-desk widget and its demo page.' },
  { name: 'Service', description: 'Health and metrics.' },
  { name: 'Reference', description: 'This document and its interactive page.' },
] as const;
