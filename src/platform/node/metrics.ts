import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ObservedRequest, RequestMetrics } from '../../http/middleware/metrics.js';

export interface PrometheusMetricsOptions {
  /** Also export the Node process metrics (CPU, memory, event loop lag, GC). Default true. */
  readonly processMetrics?: boolean;
}

const LABELS = ['method', 'route', 'status'] as const;

/**
 * Request metrics in a prom-client registry of their own (Node only: prom-client uses Node APIs).
 * Series are labelled by route pattern, never by raw path, so their number stays bounded.
 *
 * @example
 * const metrics = createPrometheusMetrics();
 * app.use(observeRequests([measureRequests(metrics)])); // GET /metrics renders metrics.render()
 */
export function createPrometheusMetrics(options: PrometheusMetricsOptions = {}): RequestMetrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'pymem_' });
  const registers = [registry];

  const requests = new Counter({
    name: 'pymem_http_requests_total',
    help: 'HTTP requests, by method, route pattern and status.',
    labelNames: LABELS,
    registers,
  });
  const duration = new Histogram({
    name: 'pymem_http_request_duration_seconds',
    help: 'HTTP request duration in seconds (to the last byte for streamed answers), by method, route pattern and status.',
    labelNames: LABELS,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const answers = new Counter({
    name: 'pymem_answers_total',
    help: 'Answers given (abstentions included), by route.',
    labelNames: ['route'],
    registers,
  });
  const abstentions = new Counter({
    name: 'pymem_abstentions_total',
    help: 'Answers that abstained: the guidance did not cover the question.',
    labelNames: ['route'],
    registers,
  });
  const topScore = new Histogram({
    name: 'pymem_answer_top_score',
    help: 'Best cited tip score of answers that cited tips.',
    labelNames: ['route'],
    buckets: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
    registers,
  });
  const findings = new Counter({
    name: 'pymem_findings_total',
    help: 'Analyzer findings returned, by route.',
    labelNames: ['route'],
    registers,
  });
  const toolCalls = new Counter({
    name: 'pymem_mcp_tool_calls_total',
    help: 'MCP tool calls, by tool.',
    labelNames: ['tool'],
    registers,
  });

  return {
    observe(request: ObservedRequest) {
      const labels = { method: request.method, route: request.route, status: String(request.status) };
      requests.inc(labels);
      duration.observe(labels, request.seconds);
      const outcome = request.outcome;
      if (!outcome) return;
      const route = { route: request.route };
      if (outcome.abstained !== undefined) {
        answers.inc(route);
        if (outcome.abstained) abstentions.inc(route);
      }
      if (outcome.topScore !== undefined && outcome.abstained !== undefined) topScore.observe(route, outcome.topScore);
      if (outcome.findings !== undefined) findings.inc(route, outcome.findings);
      if (outcome.tool) toolCalls.inc({ tool: outcome.tool });
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
