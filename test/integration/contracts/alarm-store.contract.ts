import { describe } from 'vitest';
import { ackContract } from './alarm-store-ack.contract.js';
import { deleteAndQuotaContract } from './alarm-store-deletes.contract.js';
import { historyContract } from './alarm-store-history.contract.js';
import { indexContract } from './alarm-store-indexes.contract.js';
import { listContract } from './alarm-store-lists.contract.js';
import { outboxContract } from './alarm-store-outbox.contract.js';
import { writeContract } from './alarm-store-writes.contract.js';
import type { MakeStore } from './contract-support.js';

export { CONTRACT_CONFIG, type ContractStoreOptions, type MakeStore } from './contract-support.js';

/**
 * The AlarmStore port's behaviour, which every adapter must pass. `makeStore` is called
 * once per test and must return an empty store configured with CONTRACT_CONFIG and
 * the options it is given (a plain `() => Promise<AlarmStore>` fails the TTL tests).
 */
export function alarmStoreContract(name: string, makeStore: MakeStore): void {
  describe(`AlarmStore contract: ${name}`, () => {
    writeContract(makeStore);
    listContract(makeStore);
    indexContract(makeStore);
    historyContract(makeStore);
    outboxContract(makeStore);
    deleteAndQuotaContract(makeStore);
    ackContract(makeStore);
  });
}
