import { expect } from 'vitest';
import type { Alarm, JsonObject, JsonValue } from '../../../shared/domain/alarm.js';
import { parseEvent, type AodhEvent } from '../../../shared/listener/event.js';
import { makeAlarm } from '../../support/alarm-factory.js';

export const PROJECT = 'project-a';

/** An enabled event alarm of PROJECT, state ok, as the API stores it (`op` defaulted, value as text). */
export function eventAlarm(rule: { event_type?: string; query?: JsonObject[] } = {}, overrides: Partial<Alarm> = {}): Alarm {
  return makeAlarm({
    alarm_id: 'alarm-1',
    type: 'event',
    description: 'Alarm when * event occurred.',
    state: 'ok',
    project_id: PROJECT,
    rule: { event_type: rule.event_type ?? '*', query: rule.query ?? [] },
    ...overrides,
  });
}

/** One stored query item. */
export const cond = (field: string, op: string, value: string, type?: string): JsonObject =>
  type === undefined ? { field, op, value } : { field, op, type, value };

/** The Ceilometer event dict an OpenStack forwarder puts in `detail` (§5.1). */
export function ceilometerDetail(traits: JsonValue[], extra: JsonObject = {}): JsonObject {
  return {
    message_id: 'c5a7e2d4-0f5e-4a5c-9b59-3f1f0e6a1f00',
    event_type: 'compute.instance.update',
    generated: '2024-05-01T10:00:00.123456',
    traits: [['project_id', 1, PROJECT], ...traits],
    ...extra,
  };
}

/** An EventBridge envelope around `detail`. */
export function envelope(detail: JsonValue, extra: JsonObject = {}): JsonObject {
  return {
    version: '0',
    id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    'detail-type': 'Ceilometer Event',
    source: 'openstack.ceilometer',
    account: '123456789012',
    time: '2024-05-01T10:00:01Z',
    region: 'eu-west-1',
    resources: [],
    detail,
    ...extra,
  };
}

/** A native event from an AWS or custom service. */
export function nativeEnvelope(detail: JsonObject, extra: JsonObject = {}): JsonObject {
  return envelope(detail, { 'detail-type': 'Order Failed', source: 'com.example.orders', ...extra });
}

export function parsed(input: unknown): AodhEvent {
  const result = parseEvent(input);
  if (!result.ok) expect.fail(`expected a valid event, got: ${result.reason}`);
  return result.event;
}

/** A parsed Ceilometer event of PROJECT carrying these extra traits. */
export const ceilometerEvent = (traits: JsonValue[], extra: JsonObject = {}): AodhEvent => parsed(envelope(ceilometerDetail(traits, extra)));
