import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createTables, tableNamesFor } from '../../../shared/adapters/dynamodb/create-tables.js';
import { documentClientFor, DynamoAlarmStore } from '../../../shared/adapters/dynamodb/dynamo-alarm-store.js';
import { MemoryEvaluationCounters } from '../../../shared/adapters/memory/memory-evaluation-counters.js';
import { systemClock } from '../../../shared/domain/time.js';
import { purgeDeletedAlarms } from '../../../shared/services/alarms/purge-deleted.js';
import { makeAlarm, makeChange } from '../../support/alarm-factory.js';
import { collect, CONTRACT_CONFIG, inBatches } from '../contracts/contract-support.js';

const client = new DynamoDBClient({ endpoint: inject('dynamoEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
afterAll(() => client.destroy());

describe('the background purge of deleted alarms (issue 11 A7)', () => {
  it("removes each pending alarm's history and counters for the shards it is given, and only those", async () => {
    const tables = tableNamesFor(`purge-${randomUUID().slice(0, 8)}`);
    await createTables(client, tables);
    const store = new DynamoAlarmStore({ client: documentClientFor(client), tables, ...CONTRACT_CONFIG });
    const counters = new MemoryEvaluationCounters();
    const alarms = await Promise.all(Array.from({ length: 4 }, () => store.createAlarm(makeAlarm())));
    for (const alarm of alarms) {
      await inBatches(Array.from({ length: 120 }, () => makeChange(alarm, { type: 'state transition' })), 20, (row) => store.appendHistory(row));
      await counters.increment([{ alarmId: alarm.alarm_id, projectId: alarm.project_id, state: 'ok' }]);
      await store.deleteAlarm(alarm.alarm_id);
    }
    const mine = [CONTRACT_CONFIG.shardOf(alarms[0]?.alarm_id ?? '')];
    const inMine = alarms.filter((alarm) => mine.includes(CONTRACT_CONFIG.shardOf(alarm.alarm_id)));

    const result = await purgeDeletedAlarms({ store, clock: systemClock, counters }, mine, Date.now() + 60_000);

    expect(result).toEqual({ purged: inMine.length, pending: 0 });
    for (const alarm of alarms) expect(await store.isPurgePending(alarm.alarm_id)).toBe(!inMine.includes(alarm));
    expect((await collect(counters.list({}))).map((row) => row.alarm_id).sort()).toEqual(alarms.filter((alarm) => !inMine.includes(alarm)).map((a) => a.alarm_id).sort());
  }, 120_000);

  it('stops at its deadline and leaves the rest pending', async () => {
    const tables = tableNamesFor(`purge-${randomUUID().slice(0, 8)}`);
    await createTables(client, tables);
    const store = new DynamoAlarmStore({ client: documentClientFor(client), tables, ...CONTRACT_CONFIG });
    const alarm = await store.createAlarm(makeAlarm());
    await inBatches(Array.from({ length: 250 }, () => makeChange(alarm, { type: 'state transition' })), 25, (row) => store.appendHistory(row));
    await store.deleteAlarm(alarm.alarm_id);

    expect(await purgeDeletedAlarms({ store, clock: systemClock }, [CONTRACT_CONFIG.shardOf(alarm.alarm_id)], Date.now())).toEqual({ purged: 0, pending: 1 });
    expect(await store.isPurgePending(alarm.alarm_id)).toBe(true);
  }, 120_000);
});
