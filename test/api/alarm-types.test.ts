import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMBER, startTestApi, type TestApi } from '../support/test-api.js';
import { ALARM_KEYS, alarmOf, expectError, ISO_NAIVE, minimalRules, UUID, type Json } from './support.js';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  await api?.stop();
});

const post = (body: Json) => api.call('POST', '/v2/alarms', { as: MEMBER, body });

describe('composite alarms (§2.6)', () => {
  const tree = {
    or: [
      { type: 'prometheus', ...minimalRules.prometheus },
      {
        and: [
          { type: 'gnocchi_resources_threshold', ...minimalRules.gnocchi_resources_threshold },
          { type: 'gnocchi_aggregation_by_metrics_threshold', ...minimalRules.gnocchi_aggregation_by_metrics_threshold, granularity: 300 },
        ],
      },
    ],
  };
  const normalised = {
    or: [
      { type: 'prometheus', ...minimalRules.prometheus, comparison_operator: 'eq' },
      {
        and: [
          { type: 'gnocchi_resources_threshold', ...minimalRules.gnocchi_resources_threshold, comparison_operator: 'eq', evaluation_periods: 1, granularity: 60 },
          {
            type: 'gnocchi_aggregation_by_metrics_threshold', ...minimalRules.gnocchi_aggregation_by_metrics_threshold,
            comparison_operator: 'eq', evaluation_periods: 1, granularity: 300,
          },
        ],
      },
    ],
  };

  const gnocchiTree = tree.or[1] as Json;
  const normalisedGnocchiTree = normalised.or[1] as Json;

  it('returns the normalised tree, with no internal rule keys in the leaves (§2.5 scope_to_project is never returned)', async () => {
    const reply = await post(alarmOf('composite', tree));
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect((reply.body as Json).composite_rule).toEqual(normalised);
    const id = String((reply.body as Json).alarm_id);
    expect(((await api.call('GET', `/v2/alarms/${id}`, { as: MEMBER })).body as Json).composite_rule).toEqual(normalised);
  });

  it('creates, reads, replaces and deletes a composite alarm; leaves are normalised', async () => {
    const reply = await post(alarmOf('composite', gnocchiTree, { name: 'combo' }));
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const body = reply.body as Json;
    expect(Object.keys(body).sort()).toEqual([...ALARM_KEYS, 'composite_rule'].sort());
    expect(body).toMatchObject({
      name: 'combo', type: 'composite', description: 'composite alarm rule', enabled: true,
      state: 'insufficient data', state_reason: 'Not evaluated yet', severity: 'low', repeat_actions: false,
      ok_actions: [], alarm_actions: [], insufficient_data_actions: [], time_constraints: [],
      project_id: MEMBER.project, user_id: MEMBER.user,
    });
    expect(body.alarm_id).toMatch(UUID);
    expect(body.timestamp).toMatch(ISO_NAIVE);
    expect(body.composite_rule).toEqual(normalisedGnocchiTree);
    const id = String(body.alarm_id);
    expect((await api.call('GET', `/v2/alarms/${id}`, { as: MEMBER })).body).toEqual(body);

    const leaf = { type: 'gnocchi_resources_threshold', ...minimalRules.gnocchi_resources_threshold, threshold: 1 };
    const put = await api.call('PUT', `/v2/alarms/${id}`, {
      as: MEMBER,
      body: { name: 'combo', type: 'composite', composite_rule: { or: [leaf, gnocchiTree] } },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect((put.body as Json).composite_rule).toEqual({ or: [{ ...leaf, comparison_operator: 'eq', evaluation_periods: 1, granularity: 60 }, normalisedGnocchiTree] });
    expect((await api.call('GET', `/v2/alarms/${id}`, { as: MEMBER })).body).toEqual(put.body);

    expect((await api.call('DELETE', `/v2/alarms/${id}`, { as: MEMBER })).status).toBe(204);
    expectError(await api.call('GET', `/v2/alarms/${id}`, { as: MEMBER }), 404, `Alarm ${id} not found`);
  });

  it('accepts empty and/or arrays', async () => {
    expect((await post(alarmOf('composite', { and: [] }))).status).toBe(201);
  });

  it('rejects a key other than and/or', async () => {
    expectError(await post(alarmOf('composite', { xor: [] })), 400, 'Threshold rules should be combined with "and" or "or"');
  });

  it('rejects a leaf with only a type (one-key object)', async () => {
    expectError(await post(alarmOf('composite', { or: [{ type: 'prometheus' }, { type: 'prometheus' }] })), 400, 'Threshold rules should be combined with "and" or "or"');
  });

  it('rejects and/or whose value is not an array, and nodes that are not objects', async () => {
    const suffix = ', it should be a dict with an "and" or "or" as key, and the value of dict should be a list of basic threshold rules or sub composite rules, can be nested.';
    const pattern = new RegExp(`^Invalid input composite rule: .*${suffix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    expectError(await post(alarmOf('composite', { and: { type: 'prometheus', query: 'up', threshold: 1 } })), 400, pattern);
    expectError(await post(alarmOf('composite', { or: ['a', 'b'] })), 400, pattern);
  });

  it('rejects a leaf without type', async () => {
    expectError(await post(alarmOf('composite', { or: [{ query: 'up', threshold: 1 }] })), 400, 'type must be set in every rule');
  });

  it('rejects a leaf type that is not a threshold rule', async () => {
    const reply = await post(alarmOf('composite', { or: [{ type: 'event', event_type: 'compute.*' }] }));
    expectError(reply, 400, /^Unsupported sub-rule type :event in composite rule, should be one of: \[.*\]$/);
    const text = (reply.body as { error_message: { faultstring: string } }).error_message.faultstring;
    for (const type of ['gnocchi_aggregation_by_metrics_threshold', 'gnocchi_aggregation_by_resources_threshold', 'gnocchi_resources_threshold', 'prometheus']) {
      expect(text).toContain(`'${type}'`);
    }
    expect(text).not.toContain("'composite'");
  });

  it('validates leaf fields with the generic messages', async () => {
    const leaf = { type: 'gnocchi_resources_threshold', ...minimalRules.gnocchi_resources_threshold };
    expectError(
      await post(alarmOf('composite', { or: [{ ...leaf, evaluation_periods: 0 }, leaf] })),
      400,
      "Invalid input for field/attribute evaluation_periods. Value: '0'. Value should be greater or equal to 1",
    );
    const { threshold: _t, ...noThreshold } = leaf;
    expectError(
      await post(alarmOf('composite', { or: [noThreshold, leaf] })),
      400,
      "Invalid input for field/attribute threshold. Value: 'None'. Mandatory field missing.",
    );
  });

  it('runs the leaf type validation: a non-admin resource-search leaf is scoped to the project (deliberate fix of §13.7)', async () => {
    const type = 'gnocchi_aggregation_by_resources_threshold';
    const reply = await post(alarmOf('composite', { or: [{ type, ...minimalRules[type] }, { type: 'prometheus', query: 'up', threshold: 1 }] }));
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const leaf = ((reply.body as Json).composite_rule as { or: Json[] }).or[0] as Json;
    expect(JSON.parse(leaf.query as string)).toEqual({ and: [{ '=': { created_by_project_id: MEMBER.project } }, { '=': { server_group: 'sg1' } }] });
  });

  it('runs the leaf type validation: a resource-search leaf with a non-JSON query is 400', async () => {
    const type = 'gnocchi_aggregation_by_resources_threshold';
    const reply = await post(alarmOf('composite', { or: [{ type, ...minimalRules[type], query: 'nope' }, { type: 'prometheus', query: 'up', threshold: 1 }] }));
    expectError(reply, 400, "Invalid input for field/attribute rule/query. Value: 'nope'. ");
  });
});

describe('event alarms (§2.7)', () => {
  it('creates an event alarm with defaults: event_type *, empty query, computed description', async () => {
    const reply = await post(alarmOf('event', {}));
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const body = reply.body as Json;
    expect(Object.keys(body).sort()).toEqual([...ALARM_KEYS, 'event_rule'].sort());
    expect(body.event_rule).toEqual({ event_type: '*', query: [] });
    expect(body.description).toBe('Alarm when * event occurred.');
  });

  it('stores the query with op defaulting to eq; GET, PUT, DELETE round-trip', async () => {
    const rule = { event_type: 'compute.instance.update', query: [{ field: 'traits.instance_id', value: 'abc', type: 'string' }] };
    const reply = await post(alarmOf('event', rule));
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const body = reply.body as Json;
    expect(body.description).toBe('Alarm when compute.instance.update event occurred.');
    expect(body.event_rule).toEqual({
      event_type: 'compute.instance.update',
      query: [{ field: 'traits.instance_id', op: 'eq', value: 'abc', type: 'string' }],
    });
    const id = String(body.alarm_id);
    expect((await api.call('GET', `/v2/alarms/${id}`, { as: MEMBER })).body).toEqual(body);
    const put = await api.call('PUT', `/v2/alarms/${id}`, {
      as: MEMBER,
      body: { name: 'ev', type: 'event', event_rule: { event_type: 'image.*', query: [{ field: 'traits.size', op: 'gt', value: '10', type: 'integer' }] } },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect((put.body as Json).description).toBe('Alarm when image.* event occurred.');
    expect(((put.body as Json).event_rule as Json).event_type).toBe('image.*');
    expect((await api.call('DELETE', `/v2/alarms/${id}`, { as: MEMBER })).status).toBe(204);
  });

  it.each([
    ['a field outside the allowed characters', { field: 'traits.bad field!', value: 'x' }],
    ['an unknown op', { field: 'traits.x', op: 'like', value: 'x' }],
    ['a condition without a type (WSME Unset is not in the schema\'s list, §2.7)', { field: 'traits.x', value: 'x' }],
    ['the datetime type (converts, but the event schema refuses it, §13.6)', { field: 'traits.x', value: '2020-01-01T00:00:00', type: 'datetime' }],
  ])('rejects %s with `Query value or traits invalid`', async (_label, item) => {
    expectError(await post(alarmOf('event', { event_type: 'a', query: [item] })), 400, /^Query value or traits invalid: /);
  });

  it('rejects an event_type pattern over 1,024 characters with a 400 naming the field (issue 11 A11)', async () => {
    const pattern = `${'*a'.repeat(10_000)}`;
    expectError(await post(alarmOf('event', { event_type: pattern })), 400, `Invalid input for field/attribute event_type. Value: '${pattern}'. Value should have a maximum character requirement of 1024`);
  });

  it('rejects a value that does not convert to its type', async () => {
    const reply = await post(alarmOf('event', { query: [{ field: 'traits.n', value: 'hello', type: 'integer' }] }));
    expectError(reply, 400, 'Unable to convert the value hello to the expected data type integer.');
  });
});

describe('time constraints (§1.3)', () => {
  it('fills in description and timezone', async () => {
    const reply = await post(alarmOf('prometheus', minimalRules.prometheus, { time_constraints: [{ name: 'mornings', start: '0 11 * * *', duration: 3600 }] }));
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect((reply.body as Json).time_constraints).toEqual([
      { name: 'mornings', start: '0 11 * * *', duration: 3600, timezone: '', description: 'Time constraint at 0 11 * * * lasting for 3600 seconds' },
    ]);
  });

  it('keeps a given description and timezone', async () => {
    const tc = { name: 'tc', description: 'mine', start: '*/5 * * * *', duration: 0, timezone: 'Europe/Ljubljana' };
    const reply = await post(alarmOf('prometheus', minimalRules.prometheus, { time_constraints: [tc] }));
    expect(reply.status).toBe(201);
    expect((reply.body as Json).time_constraints).toEqual([tc]);
  });

  it('rejects duplicate names', async () => {
    const tc = { name: 'same', start: '0 11 * * *', duration: 10 };
    expectError(
      await post(alarmOf('prometheus', minimalRules.prometheus, { time_constraints: [tc, { ...tc, start: '0 12 * * *' }] })),
      400,
      'Time constraint names must be unique for a given alarm.',
    );
  });

  it('rejects a negative duration, an unknown timezone and a bad cron start', async () => {
    const base = { name: 'tc', start: '0 11 * * *', duration: 10 };
    expectError(
      await post(alarmOf('prometheus', minimalRules.prometheus, { time_constraints: [{ ...base, duration: -1 }] })),
      400,
      "Invalid input for field/attribute duration. Value: '-1'. Value should be greater or equal to 0",
    );
    expectError(
      await post(alarmOf('prometheus', minimalRules.prometheus, { time_constraints: [{ ...base, timezone: 'Mars/Olympus' }] })),
      400,
      'Timezone Mars/Olympus is not valid',
    );
    expectError(await post(alarmOf('prometheus', minimalRules.prometheus, { time_constraints: [{ ...base, start: 'every morning' }] })), 400, /start/);
  });

  it('caps the constraints per alarm at 20 (the 62 KB body of 1,250 that stalled the evaluator is refused)', async () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `tc${i}`, start: '0 0 * * *', duration: 60 }));
    expect((await post(alarmOf('prometheus', minimalRules.prometheus, { time_constraints: many(20) }))).status).toBe(201);
    const reply = await post(alarmOf('prometheus', minimalRules.prometheus, { time_constraints: many(1250) }));
    expectError(reply, 400, 'At most 20 time constraints are allowed per alarm, got 1250.');
  });

  it.each(['0 0 30 2 *', '0 0 31 4 *', '0 12 31 11 *'])('refuses the never-firing pattern %s', async (start) => {
    const reply = await post(alarmOf('prometheus', minimalRules.prometheus, { time_constraints: [{ name: 'never', start, duration: 60 }] }));
    expectError(reply, 400, `Invalid input for field/attribute start. Value: '${start}'. [${start}] never fires: no date matches it`);
  });

  it('accepts a leap-day pattern, which fires every four years', async () => {
    const reply = await post(alarmOf('prometheus', minimalRules.prometheus, { time_constraints: [{ name: 'leap', start: '0 0 29 2 *', duration: 60 }] }));
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  });

  it('refuses a start pattern longer than 256 characters', async () => {
    const start = `${Array.from({ length: 60 }, (_, i) => i).join(',')} ${Array.from({ length: 24 }, (_, i) => i).join(',')} ${'1,'.repeat(40)}1 * *`;
    const reply = await post(alarmOf('prometheus', minimalRules.prometheus, { time_constraints: [{ name: 'long', start, duration: 60 }] }));
    expectError(reply, 400, `Invalid input for field/attribute start. Value: '${start}'. Value should have a maximum character requirement of 256`);
  });
});
