import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import type { Examples } from './components.js';

/** A security requirement list of an operation (OpenAPI `security`). */
export type SecurityRequirements = Record<string, string[]>[];

/** What operation groups need to know about the deployment the document describes. */
export interface OperationContext {
  /** `security` of `/v1/*` and `/mcp`: an API key when keys are configured, else optional. */
  readonly apiSecurity: SecurityRequirements;
  /** `security` of the operator routes (`/metrics`, `/v1/feedback/summary`). */
  readonly adminSecurity: SecurityRequirements;
}

/**
 * One route group's contribution to the OpenAPI document: it registers its paths, built from the
 * same zod schemas its routes validate with. The list of groups is `operations/index.ts`.
 *
 * @example
 * export const healthOperations: OperationGroup = (registry) => {
 *   registry.registerPath({ method: 'get', path: '/healthz', responses: { 200: { description: 'Up' } } });
 * };
 */
export type OperationGroup = (registry: OpenAPIRegistry, context: OperationContext) => void;

/**
 * Named examples typed by the schema's input (for request bodies) so the compiler checks them;
 * a test checks every example of the document against its JSON Schema too.
 *
 * @example requestExamples(askRequestSchema, { simple: { summary: 'A question', value: { question: 'gc?' } } })
 */
export function requestExamples<S extends z.ZodType>(
  _schema: S,
  examples: Record<string, { readonly summary: string; readonly value: z.input<S> }>,
): Examples {
  return examples;
}

/** Named examples typed by the schema's output (for response bodies). */
export function responseExamples<S extends z.ZodType>(
  _schema: S,
  examples: Record<string, { readonly summary: string; readonly value: z.output<S> }>,
): Examples {
  return examples;
}
