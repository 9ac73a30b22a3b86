import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoAlarmStore } from '#shared/adapters/dynamodb/dynamo-alarm-store.js';
import { GnocchiHttpValidationApi } from '#shared/alarm-types/gnocchi-http.js';
import { alarmTypes } from '#shared/alarm-types/registry.js';
import { systemClock } from '#shared/domain/time.js';
import { jwtClaimsIdentity } from '#shared/identity/jwt-claims.js';
import { noauthIdentity } from '#shared/identity/noauth.js';
import { notifiers } from '#shared/notifiers/registry.js';
import type { ApiDeps } from '../api/deps.js';
import type { ApiSettings } from './env.js';

/**
 * The composition root: the only place that picks adapters. The SDK reads endpoint
 * overrides (AWS_ENDPOINT_URL_DYNAMODB) itself, which is how `npm start` points this
 * same code at the local emulator.
 */
export function isScheduledType(type: string): boolean {
  return alarmTypes[type]?.trigger === 'scheduled';
}

export function documentClient(client = new DynamoDBClient({})): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false } });
}

export function buildApiDeps(settings: ApiSettings, client: DynamoDBDocumentClient = documentClient()): ApiDeps {
  const store = new DynamoAlarmStore({
    client,
    tables: settings.tables,
    historyTtlSeconds: settings.alarmHistoryTimeToLive,
    isScheduledType,
  });
  return {
    alarms: {
      store,
      alarmTypes,
      notifiers,
      clock: systemClock,
      newId: randomUUID,
      settings,
      ...(settings.gnocchiUrl ? { gnocchi: new GnocchiHttpValidationApi({ baseUrl: settings.gnocchiUrl }) } : {}),
    },
    identity: settings.authMode === 'noauth' ? noauthIdentity : jwtClaimsIdentity(),
    maxBodyBytes: settings.maxBodyBytes,
    corsAllowedOrigins: settings.corsAllowedOrigins,
  };
}
