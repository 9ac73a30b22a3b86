import { shardOf } from '../../../shared/domain/shard.js';
import type { AlarmStore } from '../../../shared/ports/alarm-store.js';

/** What a contract test may vary per store; everything else is CONTRACT_CONFIG. */
export interface ContractStoreOptions {
  historyTtlSeconds?: number;
  now?: () => Date;
}

/** Builds an empty, isolated store configured with CONTRACT_CONFIG plus the given options. */
export type MakeStore = (options?: ContractStoreOptions) => Promise<AlarmStore>;

const SCHEDULED_TYPES = new Set(['gnocchi_resources_threshold', 'composite', 'prometheus', 'loadbalancer_member_health']);

/** Few shards, so that the shard tests also see other alarms sharing a shard. */
export const CONTRACT_SHARDS = 4;

export const CONTRACT_CONFIG = {
  isScheduledType: (type: string) => SCHEDULED_TYPES.has(type),
  isEventType: (type: string) => type === 'event',
  shardOf: (alarmId: string) => shardOf(alarmId, CONTRACT_SHARDS),
};

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** Runs `work` over `items` with at most `width` in flight (the emulator dislikes hundreds of parallel requests). */
export async function inBatches<T>(items: T[], width: number, work: (item: T) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < items.length; start += width) await Promise.all(items.slice(start, start + width).map(work));
}
