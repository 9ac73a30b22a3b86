import type { Context } from 'aws-lambda';
import { VIRTUAL_SHARDS } from '#shared/domain/shard.js';
import { localContext } from './lambda-context.js';

type EvaluateHandler = (event: { shards: number[]; rounds?: number }, context: Context) => Promise<unknown>;

/**
 * What the EventBridge schedules do in AWS, on a local timer: every `intervalSeconds`,
 * one round over all virtual shards through the same Lambda handler. A tick that finds
 * the previous round still running is skipped rather than stacked.
 */
export function startEvaluatorLoop(handler: EvaluateHandler, intervalSeconds: number): { stop(): Promise<void> } {
  const shards = Array.from({ length: VIRTUAL_SHARDS }, (_, shard) => shard);
  let running: Promise<unknown> | undefined;
  const tick = () => {
    if (running) return;
    running = handler({ shards, rounds: 1 }, localContext('aodh-evaluate'))
      .catch(() => undefined)
      .finally(() => (running = undefined));
  };
  const timer = setInterval(tick, intervalSeconds * 1000);
  tick();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
