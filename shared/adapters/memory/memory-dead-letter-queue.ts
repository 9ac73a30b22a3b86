import { TransitionQueueUnavailableError } from '../../errors.js';
import type { DeadLetter, DeadLetterQueue } from '../../ports/dead-letter-queue.js';

/** Dead letters in memory, for tests; `failNext` makes the next sends fail. */
export class MemoryDeadLetterQueue implements DeadLetterQueue {
  private readonly letters: DeadLetter[] = [];
  private failures = 0;

  async send(letter: DeadLetter): Promise<void> {
    if (this.failures > 0) {
      this.failures--;
      throw new TransitionQueueUnavailableError('dead-letter queue unavailable (test)');
    }
    this.letters.push(structuredClone(letter));
  }

  failNext(count = 1): void {
    this.failures += count;
  }

  received(): DeadLetter[] {
    return structuredClone(this.letters);
  }
}
