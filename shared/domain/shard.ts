import { createHash } from 'node:crypto';

/**
 * Fixed count of virtual shards. Alarms hash onto them once, at creation, and keep
 * their shard for life; evaluator fan-out groups shards, so adding evaluator
 * capacity regroups shards and never migrates data.
 */
export const VIRTUAL_SHARDS = 256;

export function shardOf(alarmId: string, shards = VIRTUAL_SHARDS): number {
  return createHash('md5').update(alarmId).digest().readUInt32BE(0) % shards;
}
