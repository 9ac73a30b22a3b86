import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { ApiReply, Caller } from '../support/test-api.js';

/** Aodh's naive-UTC ISO 8601 output (§1.1): no zone suffix, optional fraction. */
export const ISO_NAIVE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const REQUEST_ID = /^req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const RBAC_FAILED = 'RBAC Authorization Failed';

/** Asserts Aodh's error envelope (§6.1) with the given status; returns the faultstring. */
export function expectError(reply: ApiReply, status: number, faultstring?: string | RegExp): string {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(reply.body).toEqual({
    error_message: { faultcode: status >= 500 ? 'Server' : 'Client', faultstring: expect.any(String), debuginfo: null },
  });
  const actual = (reply.body as { error_message: { faultstring: string } }).error_message.faultstring;
  if (typeof faultstring === 'string') expect(actual).toBe(faultstring);
  else if (faultstring) expect(actual).toMatch(faultstring);
  return actual;
}

export function expectStatus(reply: ApiReply, status: number): void {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
}

/** A fresh caller in a fresh project, so tests never see each other's alarms. */
export function freshCaller(roles = 'member', project = `proj-${randomUUID().slice(0, 8)}`): Caller {
  return { user: `user-${randomUUID().slice(0, 8)}`, project, roles };
}

export function uniqueName(prefix = 'alarm'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export type Json = Record<string, unknown>;

/** Minimal valid bodies per alarm type, as a client would send them (no defaults). */
export const minimalRules = {
  prometheus: { query: 'avg(cpu_util)', threshold: 80 },
  gnocchi_resources_threshold: { metric: 'cpu', resource_id: 'r1', resource_type: 'instance', aggregation_method: 'mean', threshold: 80 },
  gnocchi_aggregation_by_metrics_threshold: {
    metrics: ['b3d9d8ab-05e8-439f-89ad-5e978dd2a5eb', '009d4faf-c275-46f0-8f2d-670b15bac2b0'],
    aggregation_method: 'mean',
    threshold: 60,
  },
  gnocchi_aggregation_by_resources_threshold: {
    metric: 'cpu',
    resource_type: 'instance',
    query: '{"=": {"server_group": "sg1"}}',
    aggregation_method: 'mean',
    threshold: 50,
  },
} as const;

export function alarmOf(type: string, rule: unknown, extra: Json = {}): Json {
  return { name: uniqueName(type), type, [`${type}_rule`]: rule, ...extra };
}

export function prometheusAlarm(extra: Json = {}): Json {
  return alarmOf('prometheus', { query: 'avg(cpu_util)', threshold: 80, comparison_operator: 'gt' }, extra);
}

/** The attributes every alarm response carries (§1.1, §6.6), besides `<type>_rule`. */
export const ALARM_KEYS = [
  'alarm_id', 'name', 'description', 'enabled', 'state', 'state_reason', 'severity', 'repeat_actions',
  'ok_actions', 'alarm_actions', 'insufficient_data_actions', 'time_constraints', 'type',
  'project_id', 'user_id', 'timestamp', 'state_timestamp', 'evaluate_timestamp',
];

export function historyDetail(row: unknown): Json {
  const detail = (row as { detail: unknown }).detail;
  expect(typeof detail).toBe('string');
  return JSON.parse(detail as string) as Json;
}
