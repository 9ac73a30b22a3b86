import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestApi, type Caller, type TestApi } from '../support/test-api.js';
import { expectError, freshCaller, minimalRules, RBAC_FAILED, type Json } from './support.js';

let api: TestApi;
const owner: Caller = freshCaller('member');
const colleague: Caller = { ...freshCaller('member'), project: owner.project };
const reader: Caller = { ...freshCaller('reader'), project: owner.project };
const stranger: Caller = freshCaller('member');

type Spec = { name: string; severity: string; state: string; enabled: boolean; repeat_actions: boolean; type?: 'event'; by?: Caller };
const specs: Spec[] = [
  { name: 'delta', severity: 'moderate', state: 'ok', enabled: true, repeat_actions: false },
  { name: 'alpha', severity: 'critical', state: 'alarm', enabled: true, repeat_actions: true },
  { name: 'echo', severity: 'low', state: 'insufficient data', enabled: false, repeat_actions: false },
  { name: 'bravo', severity: 'low', state: 'alarm', enabled: true, repeat_actions: false, by: colleague },
  { name: 'foxtrot', severity: 'critical', state: 'ok', enabled: false, repeat_actions: true, type: 'event' },
  { name: 'charlie', severity: 'moderate', state: 'insufficient data', enabled: true, repeat_actions: false },
  { name: 'golf', severity: 'low', state: 'ok', enabled: true, repeat_actions: false, by: colleague },
];
const created: Json[] = [];

beforeAll(async () => {
  api = await startTestApi();
  for (const { by, type, ...spec } of specs) {
    const body = type === 'event' ? { ...spec, type, event_rule: {} } : { ...spec, type: 'prometheus', prometheus_rule: minimalRules.prometheus };
    const reply = await api.call('POST', '/v2/alarms', { as: by ?? owner, body });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    created.push(reply.body as Json);
    await sleep(3);
  }
  expect((await api.call('POST', '/v2/alarms', { as: stranger, body: { name: 'stranger', type: 'prometheus', prometheus_rule: minimalRules.prometheus } })).status).toBe(201);
});

afterAll(async () => {
  await api?.stop();
});

const list = (query = '', as: Caller | null = owner) => api.call('GET', `/v2/alarms${query ? `?${query}` : ''}`, { as });
const names = (reply: { status: number; body: unknown }): string[] => {
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return (reply.body as Json[]).map((alarm) => String(alarm.name));
};
const sorted = (values: string[]) => [...values].sort();

describe('GET /v2/alarms scoping (§6.5)', () => {
  it("lists the caller's project only, newest first", async () => {
    const reply = await list();
    expect(names(reply)).toEqual([...specs].reverse().map((spec) => spec.name));
    expect(reply.body).toEqual([...created].reverse());
  });

  it('a reader of the project sees the same list', async () => {
    expect(sorted(names(await list('', reader)))).toEqual(sorted(specs.map((spec) => spec.name)));
  });

  it("scopes admins to their own project too, unless all_projects", async () => {
    expect(names(await list('', ADMIN))).not.toContain('alpha');
    const all = names(await list('q.field=all_projects&q.op=eq&q.value=true', ADMIN));
    expect(all).toEqual(expect.arrayContaining([...specs.map((spec) => spec.name), 'stranger']));
  });

  it('all_projects is admin only: 403 for others', async () => {
    expectError(await list('q.field=all_projects&q.op=eq&q.value=true'), 403, RBAC_FAILED);
    expectError(await list('q.field=all_projects&q.value=1', reader), 403, RBAC_FAILED);
  });

  it('all_projects=false keeps the project scoping (15.0.0 CVE fixed)', async () => {
    expect(sorted(names(await list('q.field=all_projects&q.value=false')))).toEqual(sorted(specs.map((spec) => spec.name)));
    expect(names(await list('q.field=all_projects&q.value=false', stranger))).toEqual(['stranger']);
  });

  it('all_projects must be a strict boolean', async () => {
    expectError(await list('q.field=all_projects&q.value=maybe', ADMIN), 400);
  });

  it('a project filter for another project is 401 for non-admins, allowed for admins', async () => {
    expectError(await list(`q.field=project_id&q.value=${stranger.project}`), 401, `Not Authorized to access project ${stranger.project}`);
    expect(sorted(names(await list(`q.field=project_id&q.value=${owner.project}`)))).toEqual(sorted(specs.map((spec) => spec.name)));
    expect(names(await list(`q.field=project_id&q.value=${stranger.project}`, ADMIN))).toEqual(['stranger']);
  });

  it('needs an identity', async () => {
    expectError(await list('', null), 401);
  });
});

describe('GET /v2/alarms filters', () => {
  it.each([
    ['name', 'q.field=name&q.op=eq&q.value=echo', ['echo']],
    ['state', 'q.field=state&q.op=eq&q.value=alarm', ['alpha', 'bravo']],
    ['state with a space', 'q.field=state&q.value=insufficient%20data', ['charlie', 'echo']],
    ['severity', 'q.field=severity&q.value=critical', ['alpha', 'foxtrot']],
    ['type', 'q.field=type&q.value=event', ['foxtrot']],
    ['user_id', `q.field=user_id&q.value=${colleague.user}`, ['bravo', 'golf']],
    ['enabled (boolean)', 'q.field=enabled&q.op=eq&q.value=false&q.type=boolean', ['echo', 'foxtrot']],
    ['enabled (Python literal)', 'q.field=enabled&q.value=False', ['echo', 'foxtrot']],
    ['repeat_actions (boolean)', 'q.field=repeat_actions&q.value=true&q.type=boolean', ['alpha', 'foxtrot']],
    ['two filters, ANDed', 'q.field=severity&q.value=low&q.field=state&q.value=ok', ['golf']],
    ['no match', 'q.field=name&q.value=zulu', []],
  ])('filters by %s', async (_label, query, expected) => {
    expect(sorted(names(await list(query)))).toEqual(sorted(expected));
  });

  it('filters by timestamp (eq)', async () => {
    const target = created[2] as Json;
    const matched = names(await list(`q.field=timestamp&q.value=${String(target.timestamp)}`));
    expect(matched).toContain(target.name);
  });

  it('allows only eq', async () => {
    expectError(await list('q.field=name&q.op=ne&q.value=echo'), 400, "Invalid input for field/attribute op. Value: '{'ne'}'. only operations {'eq'} are allowed");
  });

  it('allows only the listed fields', async () => {
    const text = expectError(
      await list('q.field=description&q.value=x'),
      400,
      /^Invalid input for field\/attribute field\. Value: '\{'description'\}'\. only fields \{.*\} are allowed$/,
    );
    for (const field of ['all_projects', 'user_id', 'project_id', 'type', 'name', 'enabled', 'state', 'severity', 'timestamp', 'repeat_actions']) {
      expect(text).toContain(`'${field}'`);
    }
  });

  it('rejects an unsupported q.type and an unconvertible value', async () => {
    expectError(
      await list('q.field=name&q.value=x&q.type=blob'),
      400,
      "The data type blob is not supported. The supported data type list is: ['integer', 'float', 'string', 'boolean', 'datetime']",
    );
    expectError(await list('q.field=enabled&q.value=maybe&q.type=boolean'), 400, 'Unable to convert the value maybe to the expected data type boolean.');
  });
});

describe('GET /v2/alarms pagination', () => {
  const all = specs.map((spec) => spec.name);

  async function pages(query: string, limit: number): Promise<string[]> {
    const seen: string[] = [];
    let marker: string | undefined;
    for (let page = 0; page < 20; page++) {
      const reply = await list(`${query}&limit=${limit}${marker ? `&marker=${marker}` : ''}`);
      const batch = reply.body as Json[];
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      expect(batch.length).toBeLessThanOrEqual(limit);
      if (batch.length === 0) break;
      seen.push(...batch.map((alarm) => String(alarm.name)));
      marker = String(batch[batch.length - 1]?.alarm_id);
    }
    return seen;
  }

  it('limit cuts the list', async () => {
    expect(names(await list('limit=3'))).toEqual([...all].reverse().slice(0, 3));
  });

  it.each(['', 'sort=timestamp:asc', 'sort=name', 'sort=name:desc', 'sort=severity:desc&sort=name', 'sort=state&sort=enabled:desc', 'sort=user_id', 'q.field=state&q.value=ok&sort=name'])(
    'visits every alarm exactly once across pages (%s)',
    async (query) => {
      const everything = names(await list(query));
      for (const limit of [1, 2, 3]) expect(await pages(query, limit)).toEqual(everything);
      if (!query.includes('q.field')) expect(sorted(everything)).toEqual(sorted(all));
    },
  );

  it('sorts by name ascending and descending', async () => {
    expect(names(await list('sort=name:asc'))).toEqual(sorted(all));
    expect(names(await list('sort=name:desc'))).toEqual(sorted(all).reverse());
    expect(names(await list('sort=timestamp:asc'))).toEqual(all);
  });

  it('sorts severity by meaning, low < moderate < critical (deliberate fix: no 501)', async () => {
    expect(names(await list('sort=severity:asc&sort=name:asc'))).toEqual(['bravo', 'echo', 'golf', 'charlie', 'delta', 'alpha', 'foxtrot']);
    expect(names(await list('sort=severity:desc&sort=name:asc'))).toEqual(['alpha', 'foxtrot', 'charlie', 'delta', 'bravo', 'echo', 'golf']);
  });

  it('rejects an unknown sort key with the full Aodh message', async () => {
    expectError(
      await list('sort=description'),
      400,
      "Invalid input for field/attribute sort. Value: 'description'. the sort parameter should be a pair of sort key and sort dir combined with ':', or only sort key specified and sort dir will be default 'asc', the supported sort keys are: ('alarm_id', 'enabled', 'name', 'type', 'severity', 'timestamp', 'user_id', 'project_id', 'state', 'repeat_actions', 'state_timestamp')",
    );
  });

  it('rejects an invalid sort direction with 400 (deliberate fix)', async () => {
    expectError(await list('sort=name:sideways'), 400);
    expectError(await list('sort=name:asc:desc'), 400);
  });

  it('rejects an unknown marker with 400 (deliberate fix), also one of another project', async () => {
    expectError(await list('marker=no-such-alarm'), 400, 'Marker no-such-alarm not found.');
    expectError(await list('sort=name&marker=no-such-alarm'), 400, 'Marker no-such-alarm not found.');
    const strangers = (await list('', stranger)).body as Json[];
    const foreign = String(strangers[0]?.alarm_id);
    expectError(await list(`marker=${foreign}`), 400, `Marker ${foreign} not found.`);
  });

  it.each(['0', '-1'])('rejects limit=%s', async (limit) => {
    expectError(await list(`limit=${limit}`), 400, `Invalid input for field/attribute limit. Value: '${limit}'. it should be a positive integer.`);
  });

  it('rejects a limit that is not an integer', async () => {
    expectError(await list('limit=abc'), 400);
  });
});

describe('hostile query strings', () => {
  it('treats a __proto__ key as an ordinary (unknown) parameter', async () => {
    const reply = await list('__proto__=x');
    expect(reply.status).toBe(200);
  });

  it('refuses a non-admin naming another project in any repeated project filter', async () => {
    const query = `q.field=project_id&q.op=eq&q.value=${owner.project}&q.field=project_id&q.op=eq&q.value=${stranger.project}`;
    expectError(await list(query), 401, `Not Authorized to access project ${stranger.project}`);
  });
});
