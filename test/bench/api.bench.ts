import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createApiHandler } from '../../functions/api/app.js';
import { readApiSettings } from '../../functions/runtime/env.js';
import { buildApiDeps, documentClient } from '../../functions/runtime/wiring.js';
import { startApiServer } from '../../infra/local/api-server.js';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local.js';
import { createTables, tableNamesFor } from '../../shared/adapters/dynamodb/create-tables.js';
import { round, rssSampler, settledHeapMb, summarise, timedPool } from './stats.js';

const HEADERS = { 'content-type': 'application/json', 'x-user-id': 'bench-user', 'x-project-id': 'bench', 'x-roles': 'member' };
const TOTAL = 10_000;
const TIMED_CREATES = 1_000;
const PAGE = 100;

function alarm(index: number) {
  return {
    name: `bench-${index}`,
    type: 'prometheus',
    severity: index % 10 === 0 ? 'critical' : 'low',
    prometheus_rule: { query: `avg(cpu_util{instance="i-${index}"})`, threshold: 80, comparison_operator: 'gt' },
  };
}

/**
 * The API over real HTTP on DynamoDB Local: timed creates, then a full walk through
 * 10,000 alarms of one project in 100-item pages (default order), and filtered lists.
 */
export async function benchApi(): Promise<{ result: Record<string, unknown>; summary: string }> {
  const dynamo = await startDynamoDbLocal();
  const raw = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const tables = tableNamesFor('bench');
  await createTables(raw, tables);
  const settings = readApiSettings({ ALARMS_TABLE: tables.alarms, HISTORY_TABLE: tables.history, QUOTAS_TABLE: tables.quotas, AUTH_MODE: 'noauth' });
  const server = await startApiServer({ handler: createApiHandler(buildApiDeps(settings, documentClient(raw))), port: 0 });
  const rss = rssSampler();
  const post = async (index: number) => {
    const response = await fetch(`${server.url}/v2/alarms`, { method: 'POST', headers: HEADERS, body: JSON.stringify(alarm(index)) });
    if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`);
  };
  try {
    let start = performance.now();
    const creates = summarise(await timedPool(TIMED_CREATES, 16, post), performance.now() - start);
    await timedPool(TOTAL - TIMED_CREATES, 32, (i) => post(i + TIMED_CREATES));

    const pageLatencies: number[] = [];
    let marker: string | undefined;
    let seen = 0;
    let heapAtPage10 = 0;
    start = performance.now();
    for (;;) {
      const t0 = performance.now();
      const response = await fetch(`${server.url}/v2/alarms?limit=${PAGE}${marker ? `&marker=${marker}` : ''}`, { headers: HEADERS });
      const page = (await response.json()) as Array<{ alarm_id: string }>;
      pageLatencies.push(performance.now() - t0);
      if (page.length === 0) break;
      seen += page.length;
      marker = page.at(-1)?.alarm_id;
      if (seen === 10 * PAGE) heapAtPage10 = settledHeapMb();
    }
    const pages = summarise(pageLatencies, performance.now() - start);
    const heapGrowthMb = round(settledHeapMb() - heapAtPage10, 1);
    if (seen !== TOTAL) throw new Error(`pagination saw ${seen} alarms, expected ${TOTAL}`);

    start = performance.now();
    const filtered = summarise(
      await timedPool(50, 4, async () => {
        const response = await fetch(`${server.url}/v2/alarms?q.field=severity&q.op=eq&q.value=critical&limit=${PAGE}`, { headers: HEADERS });
        if ((await response.json() as unknown[]).length !== PAGE) throw new Error('filtered page short');
      }),
      performance.now() - start,
    );
    const result = { creates, list_pages_100: pages, filtered_list_100: filtered, alarms_paged: seen, heap_growth_page10_to_end_mb: heapGrowthMb, peak_rss_mb: rss.peakMb() };
    const summary = `api: create ${creates.ops_per_s}/s p99 ${creates.p99_ms} ms; list page(100) p50 ${pages.p50_ms} ms p99 ${pages.p99_ms} ms over ${seen} alarms (heap page 10→100: ${heapGrowthMb} MB); filtered p99 ${filtered.p99_ms} ms; peak RSS ${rss.peakMb()} MB`;
    return { result, summary };
  } finally {
    rss.stop();
    await server.stop();
    raw.destroy();
    await dynamo.stop();
  }
}
