import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { GNOCCHI_ADMIN_HEADERS } from './gnocchi.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The broker that starts the run's one real Gnocchi on first use (gnocchi-global-setup.ts). */
    gnocchiBroker: string;
  }
}

/**
 * The run's one real Gnocchi, started on first use by any suite and shared by all (about
 * 10–20 s). Suites keep out of each other's way with their own names and ids (see below).
 * Call from a beforeAll with a generous timeout.
 */
export async function sharedGnocchi(): Promise<GnocchiAdmin> {
  const response = await fetch(inject('gnocchiBroker'));
  const answer = (await response.json()) as { url?: string; error?: string };
  if (!response.ok || !answer.url) throw new Error(answer.error ?? `the Gnocchi broker answered HTTP ${response.status}`);
  return new GnocchiAdmin(answer.url);
}

export interface GnocchiAnswer {
  status: number;
  body: unknown;
}

export type Measure = { timestamp: string; value: number };

/** Gnocchi's REST API as its admin, to seed what the tests read (archive policies, resources, measures). */
export class GnocchiAdmin {
  constructor(readonly url: string) {}

  async request(method: string, path: string, body?: unknown): Promise<GnocchiAnswer> {
    const headers = { ...GNOCCHI_ADMIN_HEADERS, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) };
    const response = await fetch(`${this.url}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed };
  }

  private async expectOk(method: string, path: string, body?: unknown): Promise<unknown> {
    const answer = await this.request(method, path, body);
    if (answer.status >= 300) throw new Error(`Gnocchi ${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /** An archive policy of its own (a unique name), 60 s granularity over a week. */
  async archivePolicy(aggregationMethods: string[]): Promise<string> {
    const name = `test-${randomUUID().slice(0, 8)}`;
    await this.expectOk('POST', '/v1/archive_policy', { name, back_window: 0, aggregation_methods: aggregationMethods, definition: [{ granularity: '60s', points: 10_080 }] });
    return name;
  }

  /** Creates a resource type unless it exists (several suites may ask for the same one). */
  async resourceType(name: string, attributes: Record<string, unknown>): Promise<void> {
    const answer = await this.request('POST', '/v1/resource_type', { name, attributes });
    if (answer.status !== 201 && answer.status !== 409) throw new Error(`Gnocchi resource type ${name}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }

  /** A resource with one metric per entry of `metrics` (name → archive policy); returns the metric ids by name. */
  async resource(type: string, id: string, metrics: Record<string, string>, attributes: Record<string, unknown> = {}): Promise<Record<string, string>> {
    const metricBodies = Object.fromEntries(Object.entries(metrics).map(([name, policy]) => [name, { archive_policy_name: policy }]));
    const created = (await this.expectOk('POST', `/v1/resource/${type}`, { id, metrics: metricBodies, ...attributes })) as { metrics: Record<string, string> };
    return created.metrics;
  }

  /** A metric on no resource, for gnocchi_aggregation_by_metrics_threshold. */
  async metric(archivePolicy: string): Promise<string> {
    return ((await this.expectOk('POST', '/v1/metric', { archive_policy_name: archivePolicy })) as { id: string }).id;
  }

  /**
   * Posts measures and waits until they are aggregates: `refresh=true` makes Gnocchi process
   * what is pending on the spot, so a test never waits for metricd's next cycle.
   */
  async measures(metricId: string, measures: Measure[]): Promise<void> {
    await this.expectOk('POST', `/v1/metric/${metricId}/measures`, measures);
    await this.expectOk('GET', `/v1/metric/${metricId}/measures?refresh=true`);
  }
}

/** One measure per minute at the given values, the first at `firstMinute` (an ISO minute, UTC). */
export function perMinute(firstMinute: string, values: number[]): Measure[] {
  const first = Date.parse(`${firstMinute}Z`);
  return values.map((value, i) => ({ timestamp: new Date(first + i * 60_000).toISOString().replace('.000Z', ''), value }));
}
