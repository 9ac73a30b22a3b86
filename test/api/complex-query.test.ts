import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestApi, type Caller, type TestApi } from '../support/test-api.js';
import { expectError, freshCaller, minimalRules, type Json } from './support.js';

let api: TestApi;
const owner: Caller = freshCaller('member');
const reader: Caller = { ...freshCaller('reader'), project: owner.project };
const stranger: Caller = freshCaller('member');
const ids: Record<string, string> = {};

async function create(as: Caller, name: string, extra: Json = {}): Promise<string> {
  const reply = await api.call('POST', '/v2/alarms', { as, body: { name, type: 'prometheus', prometheus_rule: minimalRules.prometheus, ...extra } });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  await sleep(3);
  return String((reply.body as Json).alarm_id);
}

beforeAll(async () => {
  api = await startTestApi();
  ids.one = await create(owner, 'cq-one', { severity: 'critical', state: 'alarm' });
  ids.two = await create(owner, 'cq-two', { enabled: false });
  ids.three = await create(owner, 'cq-three', { type: 'event', event_rule: {}, prometheus_rule: undefined });
  ids.foreign = await create(stranger, 'cq-foreign');
  expect((await api.call('PUT', `/v2/alarms/${ids.one}/state`, { as: owner, body: 'ok' })).status).toBe(200);
  expect((await api.call('PUT', `/v2/alarms/${ids.foreign}/state`, { as: stranger, body: 'alarm' })).status).toBe(200);
});

afterAll(async () => {
  await api?.stop();
});

const queryAlarms = (body: unknown, as: Caller | null = owner) => api.call('POST', '/v2/query/alarms', { as, body });
const queryHistory = (body: unknown, as: Caller | null = owner) => api.call('POST', '/v2/query/alarms/history', { as, body });
const f = (filter: unknown) => ({ filter: JSON.stringify(filter) });
const names = (reply: { status: number; body: unknown }) => {
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return (reply.body as Json[]).map((alarm) => alarm.name).sort();
};

describe('POST /v2/query/alarms (§6.12)', () => {
  it('without a filter lists what the caller may see, newest first, as full alarms', async () => {
    const reply = await queryAlarms({});
    expect(names(reply)).toEqual(['cq-one', 'cq-three', 'cq-two']);
    expect((reply.body as Json[]).map((alarm) => alarm.name)).toEqual(['cq-three', 'cq-two', 'cq-one']);
    const event = (reply.body as Json[])[0] as Json;
    expect(event.event_rule).toEqual({ event_type: '*', query: [] });
    expect(event).not.toHaveProperty('rule');
    expect(names(await queryAlarms({}, reader))).toEqual(['cq-one', 'cq-three', 'cq-two']);
  });

  it('an admin sees every project', async () => {
    expect(names(await queryAlarms(f({ '=~': { name: '^cq-' } }), ADMIN))).toEqual(['cq-foreign', 'cq-one', 'cq-three', 'cq-two']);
  });

  it.each([
    ['=', { '=': { name: 'cq-one' } }, ['cq-one']],
    ['!=', { '!=': { name: 'cq-one' } }, ['cq-three', 'cq-two']],
    ['= on a boolean', { '=': { enabled: false } }, ['cq-two']],
    ['in', { in: { name: ['cq-one', 'cq-two', 'nope'] } }, ['cq-one', 'cq-two']],
    ['=~ (regex)', { '=~': { name: 't[wh]' } }, ['cq-three', 'cq-two']],
    ['and', { and: [{ '=': { state: 'insufficient data' } }, { '=': { type: 'prometheus' } }] }, ['cq-two']],
    ['or', { or: [{ '=': { severity: 'critical' } }, { '=': { type: 'event' } }] }, ['cq-one', 'cq-three']],
    ['not', { not: { '=': { name: 'cq-one' } } }, ['cq-three', 'cq-two']],
    ['upper-case operators', { AND: [{ IN: { name: ['cq-one', 'cq-two'] } }, { NOT: { '=': { name: 'cq-two' } } }] }, ['cq-one']],
    ['the user alias', { '=': { user: owner.user } }, ['cq-one', 'cq-three', 'cq-two']],
    ['the project alias for the own project', { '=': { project: owner.project } }, ['cq-one', 'cq-three', 'cq-two']],
    ['timestamps as ISO 8601', { '>': { timestamp: '2000-01-01T00:00:00' } }, ['cq-one', 'cq-three', 'cq-two']],
    ['timestamps, nothing before 2000', { '<=': { state_timestamp: '2000-01-01T00:00:00' } }, []],
    ['=< and => spellings', { and: [{ '=>': { timestamp: '2000-01-01T00:00:00' } }, { '=<': { timestamp: '2999-01-01T00:00:00' } }] }, ['cq-one', 'cq-three', 'cq-two']],
  ])('filters with %s', async (_label, filter, expected) => {
    expect(names(await queryAlarms(f(filter)))).toEqual(expected);
  });

  it('orders by orderby, case-insensitive, and limits', async () => {
    const asc = await queryAlarms({ orderby: JSON.stringify([{ name: 'asc' }]) });
    expect((asc.body as Json[]).map((alarm) => alarm.name)).toEqual(['cq-one', 'cq-three', 'cq-two']);
    const desc = await queryAlarms({ orderby: JSON.stringify([{ name: 'DESC' }]), limit: 2 });
    expect(desc.status).toBe(200);
    expect((desc.body as Json[]).map((alarm) => alarm.name)).toEqual(['cq-two', 'cq-three']);
  });

  it('orders by severity by meaning', async () => {
    const reply = await queryAlarms({ orderby: JSON.stringify([{ severity: 'desc' }, { name: 'asc' }]) });
    expect(reply.status).toBe(200);
    expect((reply.body as Json[]).map((alarm) => alarm.name)).toEqual(['cq-one', 'cq-three', 'cq-two']);
  });

  it.each([
    ['not JSON', '{"=": '],
    ['two keys in a node', JSON.stringify({ '=': { name: 'a' }, '!=': { name: 'b' } })],
    ['an unknown operator', JSON.stringify({ like: { name: 'a' } })],
    ['and with one operand', JSON.stringify({ and: [{ '=': { name: 'a' } }] })],
    ['in with no items', JSON.stringify({ in: { name: [] } })],
    ['an unknown field', JSON.stringify({ '=': { nonexistent: 'a' } })],
    ['a metadata field', JSON.stringify({ '=': { 'metadata.foo': 'a' } })],
    ['an object value', JSON.stringify({ '=': { name: { a: 1 } } })],
  ])('rejects a filter that is %s', async (_label, filter) => {
    expectError(await queryAlarms({ filter }), 400, /^Filter expression not valid: /);
  });

  it('rejects a bad orderby', async () => {
    expectError(await queryAlarms({ orderby: JSON.stringify([{ name: 'up' }]) }), 400, /^Order-by expression not valid: /);
    expectError(await queryAlarms({ orderby: JSON.stringify([{ nonexistent: 'asc' }]) }), 400, /^Order-by expression not valid: /);
    expectError(await queryAlarms({ orderby: 'not json' }), 400, /^Order-by expression not valid: /);
  });

  it('rejects a non-positive limit', async () => {
    expectError(await queryAlarms({ limit: 0 }), 400, 'Limit should be positive');
    expectError(await queryAlarms({ limit: -3 }), 400, 'Limit should be positive');
  });

  it('rejects an unparsable timestamp', async () => {
    expectError(await queryAlarms(f({ '>': { timestamp: 'yesterday' } })), 400, 'Failed to parse the timestamp value yesterday');
  });

  it('rejects a body that is not an object or a filter that is not a string', async () => {
    expectError(await queryAlarms({ filter: { '=': { name: 'a' } } }), 400);
    expectError(await api.call('POST', '/v2/query/alarms', { as: owner, rawBody: '[1]', headers: { 'content-type': 'application/json' } }), 400);
    expectError(await api.call('POST', '/v2/query/alarms', { as: owner, rawBody: '{"filter": ', headers: { 'content-type': 'application/json' } }), 400, 'Request is not in valid JSON format');
  });

  it('is 401 for a non-admin naming another project, through either spelling', async () => {
    expectError(await queryAlarms(f({ '=': { project_id: stranger.project } })), 401, `Not Authorized to access project ${stranger.project}`);
    expectError(await queryAlarms(f({ '=': { project: stranger.project } }), reader), 401, `Not Authorized to access project ${stranger.project}`);
    expectError(
      await queryAlarms(f({ or: [{ '=': { name: 'x' } }, { '!=': { project_id: stranger.project } }] })),
      401,
      `Not Authorized to access project ${stranger.project}`,
    );
    expect(names(await queryAlarms(f({ '=': { project_id: stranger.project } }), ADMIN))).toEqual(['cq-foreign']);
  });

  it('never leaks another project through or', async () => {
    expect(names(await queryAlarms(f({ or: [{ '=': { name: 'cq-foreign' } }, { '=': { name: 'cq-one' } }] })))).toEqual(['cq-one']);
  });

  it('needs an identity', async () => {
    expectError(await queryAlarms({}, null), 401);
  });
});

describe('POST /v2/query/alarms/history (§6.12)', () => {
  const types = (reply: { status: number; body: unknown }) => {
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return (reply.body as Json[]).map((row) => `${String(row.alarm_id)}:${String(row.type)}`);
  };

  it('shows a non-admin only rows on behalf of their project, newest first, without severity', async () => {
    const reply = await queryHistory({});
    expect(types(reply)).toEqual([`${ids.one}:state transition`, `${ids.three}:creation`, `${ids.two}:creation`, `${ids.one}:creation`]);
    for (const row of reply.body as Json[]) {
      expect(Object.keys(row).sort()).toEqual(['alarm_id', 'detail', 'event_id', 'on_behalf_of', 'project_id', 'timestamp', 'type', 'user_id']);
      expect(typeof row.detail).toBe('string');
    }
  });

  it('filters and orders', async () => {
    expect(types(await queryHistory(f({ '=': { type: 'state transition' } })))).toEqual([`${ids.one}:state transition`]);
    expect(types(await queryHistory({ ...f({ '=': { alarm_id: ids.one } }), orderby: JSON.stringify([{ timestamp: 'asc' }]) }))).toEqual([
      `${ids.one}:creation`,
      `${ids.one}:state transition`,
    ]);
    expect(types(await queryHistory(f({ '=': { severity: 'critical' } })))).toHaveLength(2);
    expect(types(await queryHistory({ limit: 1 }))).toEqual([`${ids.one}:state transition`]);
  });

  it('an admin sees every project', async () => {
    const rows = types(await queryHistory(f({ in: { alarm_id: [ids.one, ids.foreign] } }), ADMIN));
    expect(rows.sort()).toEqual([`${ids.foreign}:creation`, `${ids.foreign}:state transition`, `${ids.one}:creation`, `${ids.one}:state transition`].sort());
  });

  it('is 401 for a non-admin naming another on_behalf_of project', async () => {
    expectError(await queryHistory(f({ '=': { on_behalf_of: stranger.project } })), 401, `Not Authorized to access project ${stranger.project}`);
    expect(types(await queryHistory(f({ '=': { alarm_id: ids.foreign } })))).toEqual([]);
  });

  it('validates like the alarm query', async () => {
    expectError(await queryHistory({ filter: '{"=": {"name": "x"}}' }), 400, /^Filter expression not valid: /);
    expectError(await queryHistory({ orderby: JSON.stringify([{ event_id: 'sideways' }]) }), 400, /^Order-by expression not valid: /);
    expectError(await queryHistory({ limit: 0 }), 400, 'Limit should be positive');
    expectError(await queryHistory(f({ '<': { timestamp: 'later' } })), 400, 'Failed to parse the timestamp value later');
  });

  it('needs an identity', async () => {
    expectError(await queryHistory({}, null), 401);
  });
});
