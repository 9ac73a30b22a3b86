import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PrometheusHarness, startPrometheus } from '../support/prometheus.js';
import { MEMBER, OTHER, READER, startTestApi, type TestApi } from '../support/test-api.js';
import { expectError, type Json, uniqueName } from './support.js';

const STEP = 60;
// Ten samples a minute apart, ending well in the past (promtool writes them as a block).
const T0 = Math.floor(Date.now() / 1000 / STEP) * STEP - 30 * STEP;
const VALUES = [10, 10, 90, 90, 90, 10, 10, 90, 10, 10];
const iso = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 19);
const at = (step: number) => iso(T0 + step * STEP);
// One step before the first sample (no data yet) to one step after the last.
const RANGE = { start: at(-1), end: at(VALUES.length) };

let prometheus: PrometheusHarness;
let api: TestApi;

beforeAll(async () => {
  // Labelled with MEMBER's project: a member's prometheus rule is scoped to it (§3.3.2), in a replay too.
  const lines = VALUES.map((value, i) => `latency{project="${MEMBER.project}"} ${value} ${T0 + i * STEP}`);
  prometheus = await startPrometheus({ waitForFirstScrape: false, backfill: `# TYPE latency gauge\n${lines.join('\n')}\n# EOF\n` });
  api = await startTestApi({ PROMETHEUS_URL: prometheus.url });
});

afterAll(async () => {
  await api?.stop();
  await prometheus?.stop();
});

const rule = (extra: Json = {}) => ({ query: 'latency', threshold: 50, comparison_operator: 'gt', ...extra });
const body = (extra: Json = {}, ruleExtra: Json = {}) => ({ name: uniqueName('bt'), type: 'prometheus', prometheus_rule: rule(ruleExtra), ...extra });
const backtest = (alarm: Json, range: Json = RANGE, as = MEMBER) => api.call('POST', '/v2/backtest', { as, body: { alarm, ...range } });
const toOk = (value: number) => `Transition to ok due to 1 samples inside threshold, most recent: ${value.toFixed(1)}`;
const toAlarm = (value: number) => `Transition to alarm due to 1 samples outside threshold, most recent: ${value.toFixed(1)}`;

describe('back-test against a real Prometheus with backfilled history', () => {
  it('replays an unsaved alarm at every evaluation interval: exactly the expected timeline, transitions and notifications', async () => {
    const reply = await backtest(body({ alarm_actions: ['https://hooks.example/alarm?token=s3cret'], ok_actions: ['http://receiver.example/ok'] }));
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const result = reply.body as Json;
    const states = ['ok', 'ok', 'alarm', 'alarm', 'alarm', 'ok', 'ok', 'alarm', 'ok', 'ok'];
    const reasons = [toOk(10), toOk(10), toAlarm(90), toAlarm(90), toAlarm(90), toOk(10), toOk(10), toAlarm(90), toOk(10), toOk(10)];
    expect(result.timeline).toEqual([
      // Before the first sample the instant query is empty: insufficient data, the state a new alarm has already.
      { timestamp: at(-1), state: 'insufficient data', reason: 'Not evaluated yet' },
      ...states.map((state, i) => ({ timestamp: at(i), state, reason: reasons[i] })),
    ]);
    expect(result.transitions).toEqual([
      { timestamp: at(0), previous: 'insufficient data', state: 'ok', reason: toOk(10) },
      { timestamp: at(2), previous: 'ok', state: 'alarm', reason: toAlarm(90) },
      { timestamp: at(5), previous: 'alarm', state: 'ok', reason: toOk(10) },
      { timestamp: at(7), previous: 'ok', state: 'alarm', reason: toAlarm(90) },
      { timestamp: at(8), previous: 'alarm', state: 'ok', reason: toOk(10) },
    ]);
    const notifications = result.notifications as Json[];
    expect(notifications.map((n) => [n.timestamp, n.action])).toEqual([
      [at(0), 'http://receiver.example/ok'],
      [at(2), 'https://hooks.example/alarm?token=REDACTED'],
      [at(5), 'http://receiver.example/ok'],
      [at(7), 'https://hooks.example/alarm?token=REDACTED'],
      [at(8), 'http://receiver.example/ok'],
    ]);
    // The notifier's §4.1 payload, as it would be sent.
    expect(notifications[1]?.payload).toEqual({
      actions: ['https://hooks.example/alarm?token=REDACTED'],
      alarm_id: expect.any(String),
      alarm_name: expect.any(String),
      severity: 'low',
      previous: 'ok',
      current: 'alarm',
      reason: toAlarm(90),
      reason_data: { type: 'threshold', disposition: 'outside', count: 1, most_recent: 90 },
    });
    expect(result.summary).toEqual({ steps: 11, transitions: 5, time_in_alarm_s: 240, time_in_ok_s: 360, time_in_insufficient_data_s: 60 });
  });

  it('a saved alarm replays from insufficient data with pending_period carried step to step, and nothing is written', async () => {
    const created = await api.call('POST', '/v2/alarms', { as: MEMBER, body: body({}, { pending_period: 120 }) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = (created.body as Json).alarm_id as string;
    const reply = await api.call('POST', `/v2/alarms/${id}/backtest`, { as: READER, body: RANGE });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const result = reply.body as Json;
    expect((result.transitions as Json[]).map((t) => [t.timestamp, t.state])).toEqual([
      [at(0), 'ok'],
      // 90 from step 2, held for pending_period 120 s: alarm at step 4. The lone 90 at step 7 is called off at step 8.
      [at(4), 'alarm'],
      [at(5), 'ok'],
    ]);
    expect((result.timeline as Json[])[3]).toMatchObject({ state: 'ok', reason: expect.stringMatching(/^Pending alarm since /) });
    expect((result.timeline as Json[])[9]?.reason).toMatch(/\(pending alarm called off\)$/);
    const stored = await api.call('GET', `/v2/alarms/${id}`, { as: MEMBER });
    expect(stored.body).toMatchObject({ state: 'insufficient data', state_reason: 'Not evaluated yet' });
    const history = await api.call('GET', `/v2/alarms/${id}/history`, { as: MEMBER });
    expect((history.body as Json[]).map((row) => row.type)).toEqual(['creation']);
  });

  it('time constraints: outside them the state is kept, as the evaluator does', async () => {
    // A one-minute window at step 2 only: the alarm reaches alarm there and nothing else is evaluated.
    const minute = new Date((T0 + 2 * STEP) * 1000);
    const cron = `${minute.getUTCMinutes()} ${minute.getUTCHours()} * * *`;
    const reply = await backtest(body({ time_constraints: [{ name: 'one-minute', start: cron, duration: 60 }] }));
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const result = reply.body as Json;
    expect((result.transitions as Json[]).map((t) => [t.timestamp, t.state])).toEqual([[at(2), 'alarm']]);
    expect(result.summary).toMatchObject({ time_in_alarm_s: 8 * STEP, time_in_insufficient_data_s: 3 * STEP });
  });
});

describe('back-test: RBAC, validation and limits', () => {
  it('the saved alarm of another project is 404; an unsaved body needs create_alarm (a reader gets 403)', async () => {
    const created = await api.call('POST', '/v2/alarms', { as: MEMBER, body: body() });
    const id = (created.body as Json).alarm_id as string;
    expectError(await api.call('POST', `/v2/alarms/${id}/backtest`, { as: OTHER, body: RANGE }), 404, `Alarm ${id} not found`);
    expectError(await backtest(body(), RANGE, READER), 403, 'RBAC Authorization Failed');
  });

  it('an unsaved body is validated as POST /v2/alarms validates it, and is not stored', async () => {
    const invalid = { name: uniqueName('bt'), type: 'prometheus', prometheus_rule: { query: 'latency', comparison_operator: 'gt' } };
    const created = await api.call('POST', '/v2/alarms', { as: MEMBER, body: invalid });
    expect(created.status).toBe(400);
    expectError(await backtest(invalid), 400, (created.body as { error_message: { faultstring: string } }).error_message.faultstring);
    const named = body();
    expect((await backtest(named)).status).toBe(200);
    const listed = await api.call('GET', `/v2/alarms?q.field=name&q.op=eq&q.value=${named.name}`, { as: MEMBER });
    expect(listed.body).toEqual([]);
    expectError(await api.call('POST', '/v2/backtest', { as: MEMBER, body: RANGE }), 400, 'Mandatory field missing: alarm');
  });

  it('400 naming the limit: start before end, end not in the future, at most 7 days', async () => {
    expectError(await backtest(body(), { start: at(5), end: at(5) }), 400, 'Invalid input for field/attribute start. Value should be before end');
    const future = iso(Date.now() / 1000 + 3600);
    expectError(await backtest(body(), { start: at(0), end: future }), 400, 'Invalid input for field/attribute end. Value should not be in the future (a back-test replays history)');
    const weekAndAMinute = { start: iso(T0 - 7 * 86400 - 60), end: at(0) };
    expectError(await backtest(body(), weekAndAMinute), 400, 'Invalid input for field/attribute end. The range should be at most 7 days (604800 s), got 604860 s');
    expectError(await backtest(body(), { start: 'yesterday', end: at(0) }), 400, /^Invalid input for field\/attribute start\. Value: 'yesterday'\./);
    expectError(await backtest(body(), { start: at(0) }), 400, 'Mandatory field missing: end');
  });

  it('event and composite alarms are refused', async () => {
    const event = { name: uniqueName('bt'), type: 'event', event_rule: { event_type: 'compute.instance.*' } };
    expectError(await backtest(event), 400, 'backtest supports threshold alarm types; event is not one');
    const composite = { name: uniqueName('bt'), type: 'composite', composite_rule: { or: [{ type: 'prometheus', ...rule() }, { type: 'prometheus', ...rule({ threshold: 5 }) }] } };
    expectError(await backtest(composite), 400, 'backtest supports threshold alarm types; composite is not one');
  });
});

describe('back-test: limits that depend on the deployment', () => {
  it('at most 10,080 steps of EVALUATION_INTERVAL; a source the API is not given is 503', async () => {
    const fine = await startTestApi({ EVALUATION_INTERVAL: '30' });
    try {
      const sixDays = { start: iso(T0 - 6 * 86400), end: at(0) };
      const reply = await fine.call('POST', '/v2/backtest', { as: MEMBER, body: { alarm: body(), ...sixDays } });
      expectError(reply, 400, 'Invalid input for field/attribute end. The range should be at most 1440 steps of the evaluation interval (30 s), got 17280');
      const unconfigured = await fine.call('POST', '/v2/backtest', { as: MEMBER, body: { alarm: body(), ...RANGE } });
      expectError(unconfigured, 503, /^backtest: metric source unavailable: /);
    } finally {
      await fine.stop();
    }
  });
});
