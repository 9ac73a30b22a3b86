/**
 * `npm run dlq:replay [-- --max N]`: puts dead-lettered notifications back on the transition
 * queue. Reads TRANSITION_QUEUE_URL and DEAD_LETTER_QUEUE_URL (and the usual AWS SDK settings;
 * AWS_ENDPOINT_URL_SQS for the local emulator, printed by `npm start`). Exits 1 when the replay
 * stopped early (a refused send, a delete that kept failing), saying how many went back first.
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { ReplayIncompleteError, replayDeadLetters } from '../infra/ops/replay-dead-letters.js';

const maxFlag = process.argv.indexOf('--max');
const max = maxFlag >= 0 ? Number(process.argv[maxFlag + 1]) : undefined;
const transitionQueueUrl = process.env.TRANSITION_QUEUE_URL;
const deadLetterQueueUrl = process.env.DEAD_LETTER_QUEUE_URL;
if (!transitionQueueUrl || !deadLetterQueueUrl || (max !== undefined && !(max > 0))) {
  process.stderr.write('usage: TRANSITION_QUEUE_URL=… DEAD_LETTER_QUEUE_URL=… npm run dlq:replay [-- --max N]\n');
  process.exit(2);
}
const sqs = new SQSClient({});
try {
  const moved = await replayDeadLetters({ sqs, transitionQueueUrl, deadLetterQueueUrl, ...(max ? { max } : {}) });
  process.stdout.write(`replayed ${moved} dead-lettered notification(s)\n`);
} catch (error) {
  if (!(error instanceof ReplayIncompleteError)) throw error;
  process.stdout.write(`replayed ${error.moved} dead-lettered notification(s)\n`);
  process.stderr.write(`replay stopped: ${error.message}\n`);
  process.exitCode = 1;
} finally {
  sqs.destroy();
}
