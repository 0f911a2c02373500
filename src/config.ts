import { z } from 'zod';

/** Node server settings, parsed from the environment. */
export const nodeConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  HOST: z.string().min(1).default('0.0.0.0'),
  INDEX_DIR: z.string().min(1).default('build/index'),
});

export type NodeConfig = z.infer<typeof nodeConfigSchema>;

/** Parses the environment or throws one readable error listing every bad variable. */
export function parseNodeConfig(env: Record<string, string | undefined>): NodeConfig {
  const parsed = nodeConfigSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
}
