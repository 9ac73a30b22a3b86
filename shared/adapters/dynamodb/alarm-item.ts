import type { NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import type { Alarm } from '../../domain/alarm.js';
import type { AlarmChange } from '../../domain/history.js';
import { parseTimestamp } from '../../domain/time.js';
import { decodeRule, encodeRule, RULE_ATTRIBUTE } from './rule-attribute.js';

/** A document-client item: plain JS values, marshalled by lib-dynamodb. */
export type Item = Record<string, NativeAttributeValue>;

/** How an alarm joins the sparse indexes; decided by configuration, not stored by the caller. */
export interface IndexMembership {
  shardOf: (alarmId: string) => number;
  isScheduledType: (type: string) => boolean;
  isEventType: (type: string) => boolean;
}

/** Attributes that exist only to feed keys and indexes; never part of a domain object. */
const ALARM_DERIVED = ['gsi_project', 'gsi_user', 'ts_key', 'eval_shard', 'event_project'] as const;
const HISTORY_DERIVED = ['hist_key', 'gsi_on_behalf_of', 'expires_at'] as const;

/** Keys cannot be empty strings and Aodh allows project_id "", hence the prefix. */
export const projectKey = (projectId: string): string => `p#${projectId}`;
export const userKey = (userId: string): string => `u#${userId}`;

/** '#' sorts below every character of a stored timestamp, so this orders like the tuple (timestamp, alarm_id). */
export const tsKey = (timestamp: string, alarmId: string): string => `${timestamp}#${alarmId}`;

export const histKey = (change: Pick<AlarmChange, 'timestamp' | 'event_id'>): string => `${change.timestamp}#${change.event_id}`;

export function toAlarmItem(alarm: Alarm, membership: IndexMembership): Item {
  const { rule, ...attributes } = alarm;
  const item: Item = {
    ...attributes,
    [RULE_ATTRIBUTE]: encodeRule(rule),
    gsi_project: projectKey(alarm.project_id),
    gsi_user: userKey(alarm.user_id),
    ts_key: tsKey(alarm.timestamp, alarm.alarm_id),
  };
  // Absent rather than null: a GSI key attribute must be missing for the item to stay out of the sparse index.
  if (alarm.enabled && membership.isScheduledType(alarm.type)) item['eval_shard'] = membership.shardOf(alarm.alarm_id);
  if (alarm.enabled && membership.isEventType(alarm.type)) item['event_project'] = projectKey(alarm.project_id);
  return item;
}

export function fromAlarmItem(item: Item): Alarm {
  const { [RULE_ATTRIBUTE]: encoded, ...alarm } = item;
  for (const name of ALARM_DERIVED) delete alarm[name];
  return { ...alarm, rule: decodeRule(encoded, alarm['rule']) } as Alarm;
}

/** Epoch seconds after which the row is gone; undefined keeps it forever (ttl <= 0, as Aodh's -1 default). */
export function expiresAt(timestamp: string, ttlSeconds: number | undefined): number | undefined {
  if (ttlSeconds === undefined || ttlSeconds <= 0) return undefined;
  const written = parseTimestamp(timestamp);
  return written && Math.floor(written.getTime() / 1000) + ttlSeconds;
}

export function toHistoryItem(change: AlarmChange, ttlSeconds: number | undefined): Item {
  return {
    ...change,
    hist_key: histKey(change),
    gsi_on_behalf_of: projectKey(change.on_behalf_of),
    expires_at: expiresAt(change.timestamp, ttlSeconds),
  };
}

export function fromHistoryItem(item: Item): AlarmChange {
  const change: Item = { ...item };
  for (const name of HISTORY_DERIVED) delete change[name];
  return change as AlarmChange;
}

/** Where a by-project Query resumes: the index key plus the table key of the (possibly deleted) last alarm seen. */
export function projectStartKey(projectId: string, after: Pick<Alarm, 'alarm_id' | 'timestamp'>): Item {
  return { gsi_project: projectKey(projectId), ts_key: tsKey(after.timestamp, after.alarm_id), alarm_id: after.alarm_id };
}

/** DynamoDB orders string keys by UTF-8 bytes; JS `<` compares UTF-16 units, which differ above U+FFFF. */
export function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export function compareAlarms(a: Pick<Alarm, 'alarm_id' | 'timestamp'>, b: Pick<Alarm, 'alarm_id' | 'timestamp'>): number {
  return compareBytes(tsKey(a.timestamp, a.alarm_id), tsKey(b.timestamp, b.alarm_id));
}
