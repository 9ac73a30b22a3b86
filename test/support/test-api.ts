import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import type { AlarmStore } from '../../shared/ports/alarm-store.js';
import { createApiHandler } from '../../functions/api/app.js';
import { readApiSettings } from '../../functions/runtime/env.js';
import { buildApiDeps, documentClient } from '../../functions/runtime/wiring.js';
import { startApiServer } from '../../infra/local/api-server.js';
import type { JwtAuthorizer } from './jwt-authorizer.js';
import { createTables, tableNamesFor } from '../../shared/adapters/dynamodb/create-tables.js';
import type { TableNames } from '../../shared/adapters/dynamodb/schema.js';

export interface Caller {
  user: string;
  project: string;
  roles: string;
}

export const ADMIN: Caller = { user: 'admin-user', project: 'admin-project', roles: 'admin' };
export const MEMBER: Caller = { user: 'member-user', project: 'project-a', roles: 'member' };
export const READER: Caller = { user: 'reader-user', project: 'project-a', roles: 'reader' };
export const OTHER: Caller = { user: 'other-user', project: 'project-b', roles: 'member' };

export interface ApiReply {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the raw text when the body is not JSON, or undefined when empty. */
  body: unknown;
  /** The body exactly as sent, for checks of its serialisation. */
  text: string;
}

export interface TestApi {
  url: string;
  /** This API's own tables, for tests that look behind it (e.g. seeding evaluation counters). */
  tables: TableNames;
  /** The API's own store, for tests that check what was stored beyond what the API shows. */
  store: AlarmStore;
  call(method: string, path: string, options?: { as?: Caller | null; body?: unknown; rawBody?: string; headers?: Record<string, string> }): Promise<ApiReply>;
  stop(): Promise<void>;
}

/**
 * The real API handler behind a real HTTP server on a free port, on DynamoDB Local,
 * with tables of its own (a fresh prefix) so suites never see each other's data.
 * `env` overrides settings exactly as the Lambda's environment would; `authorizer` puts
 * the local API Gateway JWT authorizer in front (call with `as: null` and a token).
 */
export async function startTestApi(env: Record<string, string> = {}, options: { authorizer?: JwtAuthorizer } = {}): Promise<TestApi> {
  const prefix = `t${randomUUID().slice(0, 8)}`;
  const tables = tableNamesFor(prefix);
  const raw = new DynamoDBClient({ endpoint: inject('dynamoEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  await createTables(raw, tables);
  const settings = readApiSettings({
    ALARMS_TABLE: tables.alarms,
    HISTORY_TABLE: tables.history,
    QUOTAS_TABLE: tables.quotas,
    // Read only when ENABLE_EVALUATION_RESULTS_METRICS is on.
    COUNTERS_TABLE: tables.counters,
    AUTH_MODE: 'noauth',
    ...env,
  });
  const deps = buildApiDeps(settings, documentClient(raw));
  const server = await startApiServer({ handler: createApiHandler(deps), port: 0, ...options });
  return {
    url: server.url,
    tables,
    store: deps.alarms.store,
    async call(method, path, options = {}) {
      const as = options.as === undefined ? ADMIN : options.as;
      const headers: Record<string, string> = { ...options.headers };
      if (as) Object.assign(headers, { 'x-user-id': as.user, 'x-project-id': as.project, 'x-roles': as.roles });
      let body: string | undefined = options.rawBody;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] = 'application/json';
      }
      const response = await fetch(`${server.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await response.text();
      let parsed: unknown = text === '' ? undefined : text;
      try {
        parsed = text === '' ? undefined : JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, headers: response.headers, body: parsed, text };
    },
    async stop() {
      await server.stop();
      raw.destroy();
    },
  };
}

/** A minimal valid alarm body per type, for tests that need "some alarm". */
export function alarmBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: `alarm-${randomUUID().slice(0, 6)}`,
    type: 'prometheus',
    prometheus_rule: { query: 'avg(cpu_util)', threshold: 80, comparison_operator: 'gt' },
    ...overrides,
  };
}
