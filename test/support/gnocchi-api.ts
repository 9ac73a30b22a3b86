import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { createApiHandler } from '../../functions/api/app.js';
import { readApiSettings } from '../../functions/runtime/env.js';
import { buildApiDeps, documentClient } from '../../functions/runtime/wiring.js';
import { startApiServer } from '../../infra/local/api-server.js';
import { createTables, tableNamesFor } from '../../shared/adapters/dynamodb/create-tables.js';
import { GnocchiHttpValidationApi } from '../../shared/metric-sources/gnocchi/validation-api.js';
import { GNOCCHI_ADMIN_HEADERS } from './gnocchi.js';

export interface ApiOnGnocchi {
  /** POSTs an alarm as an admin of `project`; the parsed JSON answer. */
  createAlarm(body: unknown, project?: string): Promise<{ status: number; body: unknown }>;
  stop(): Promise<void>;
}

/**
 * The real API handler (buildApiDeps, as deployed) on DynamoDB Local, validating gnocchi rules
 * against the real Gnocchi at `gnocchiUrl`. The one change to the deployed wiring: its Gnocchi
 * client sends the basic-auth admin header, since this Gnocchi runs with `auth_mode = basic`.
 */
export async function startApiOnGnocchi(gnocchiUrl: string): Promise<ApiOnGnocchi> {
  const tables = tableNamesFor(`g${randomUUID().slice(0, 8)}`);
  const raw = new DynamoDBClient({ endpoint: inject('dynamoEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  await createTables(raw, tables);
  const settings = readApiSettings({ ALARMS_TABLE: tables.alarms, HISTORY_TABLE: tables.history, QUOTAS_TABLE: tables.quotas, AUTH_MODE: 'noauth', GNOCCHI_URL: gnocchiUrl });
  const deps = buildApiDeps(settings, documentClient(raw));
  deps.alarms.gnocchi = new GnocchiHttpValidationApi({ baseUrl: gnocchiUrl, authHeaders: GNOCCHI_ADMIN_HEADERS });
  const server = await startApiServer({ handler: createApiHandler(deps), port: 0 });
  return {
    async createAlarm(body, project = 'p1') {
      const headers = { 'content-type': 'application/json', 'x-user-id': 'u1', 'x-project-id': project, 'x-roles': 'admin' };
      const response = await fetch(`${server.url}/v2/alarms`, { method: 'POST', headers, body: JSON.stringify(body) });
      return { status: response.status, body: (await response.json()) as unknown };
    },
    async stop() {
      await server.stop();
      raw.destroy();
    },
  };
}
