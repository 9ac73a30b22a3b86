import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { toHistoryItem } from '../../shared/adapters/dynamodb/alarm-item.js';
import { documentClientFor } from '../../shared/adapters/dynamodb/dynamo-alarm-store.js';
import { batchWrite } from '../../shared/adapters/dynamodb/paging.js';
import { ADMIN, startTestApi, type TestApi } from '../support/test-api.js';
import { expectError, freshCaller, minimalRules, type Json } from './support.js';

const ROWS = 3000;
let api: TestApi;
const raw = new DynamoDBClient({ endpoint: inject('dynamoEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
const documents = documentClientFor(raw);

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  await api?.stop();
  raw.destroy();
});

/** Rows of the alarm still in the history table, hidden or not. */
async function storedRows(alarmId: string): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new QueryCommand({ TableName: api.tables.history, KeyConditionExpression: 'alarm_id = :a', ExpressionAttributeValues: { ':a': alarmId }, Select: 'COUNT', ExclusiveStartKey: start }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

/** An alarm with a long history, as years of transitions leave it. */
async function alarmWithHistory(caller: ReturnType<typeof freshCaller>): Promise<string> {
  const created = await api.call('POST', '/v2/alarms', { as: caller, body: { name: 'long', type: 'prometheus', prometheus_rule: minimalRules.prometheus } });
  const alarmId = String((created.body as Json).alarm_id);
  const rows = Array.from({ length: ROWS - 1 }, (_, index) => ({
    PutRequest: {
      Item: toHistoryItem(
        {
          event_id: randomUUID(), alarm_id: alarmId, type: 'state transition', detail: '{"state": "alarm"}', user_id: 'aodh', project_id: 'service',
          on_behalf_of: caller.project, timestamp: `2023-01-01T00:00:${String(index % 60).padStart(2, '0')}.${String(index).padStart(6, '0')}`, severity: 'low',
        },
        undefined,
      ),
    },
  }));
  await batchWrite(documents, api.tables.history, rows);
  expect(await storedRows(alarmId)).toBe(ROWS);
  return alarmId;
}

const historyQuery = (as: ReturnType<typeof freshCaller>, alarmId: string) =>
  api.call('POST', '/v2/query/alarms/history', { as, body: { filter: JSON.stringify({ '=': { alarm_id: alarmId } }) } });

describe('deleting an alarm with a long history (issue 11 A7)', () => {
  it(`answers within a second with ${ROWS} history rows, hides them at once, and a repeated DELETE finishes the clean-up`, async () => {
    const caller = freshCaller('member');
    const alarmId = await alarmWithHistory(caller);
    expect(((await historyQuery(caller, alarmId)).body as Json[]).length).toBe(ROWS);

    const started = Date.now();
    const deleted = await api.call('DELETE', `/v2/alarms/${alarmId}`, { as: caller });
    const elapsed = Date.now() - started;
    expect(deleted.status).toBe(204);
    expect(elapsed, `DELETE took ${elapsed} ms`).toBeLessThan(1000);

    // No history query sees the rows, even before they are gone.
    expect((await historyQuery(caller, alarmId)).body).toEqual([]);
    expect((await historyQuery(ADMIN, alarmId)).body).toEqual([]);
    expectError(await api.call('GET', `/v2/alarms/${alarmId}/history`, { as: caller }), 404);

    // Each repeat answers 404 as Aodh does and carries the clean-up on, until nothing is left.
    let remaining = await storedRows(alarmId);
    for (let attempt = 0; remaining > 0 && attempt < 100; attempt++) {
      expectError(await api.call('DELETE', `/v2/alarms/${alarmId}`, { as: caller }), 404, `Alarm ${alarmId} not found`);
      const left = await storedRows(alarmId);
      expect(left).toBeLessThan(remaining);
      remaining = left;
    }
    expect(remaining).toBe(0);
    expect((await historyQuery(ADMIN, alarmId)).body).toEqual([]);
  }, 180_000);
});
