import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
  TransactionConflictException,
} from '@aws-sdk/client-dynamodb';
import { AlarmNotFoundError, ConflictError } from '../../errors.js';

/**
 * Turns a failed conditional alarm write into the port's errors. The alarm write is
 * always the first item of a transaction, and is sent with
 * ReturnValuesOnConditionCheckFailure=ALL_OLD: an old image means the row exists
 * and its version moved, no image means the row is gone.
 * Anything else (throttling, validation) is rethrown untouched.
 */
export function translateAlarmWriteError(error: unknown, alarmId: string, write: 'create' | 'update'): unknown {
  if (error instanceof ConditionalCheckFailedException) return conditionFailed(alarmId, write, error.Item !== undefined, error);
  if (error instanceof TransactionCanceledException) {
    const reasons = error.CancellationReasons ?? [];
    const alarmReason = reasons[0];
    if (alarmReason?.Code === 'ConditionalCheckFailed') return conditionFailed(alarmId, write, alarmReason.Item !== undefined, error);
    // Another transaction held the same item: we lost a race, which is what ConflictError means.
    if (reasons.some((reason) => reason.Code === 'TransactionConflict')) return concurrent(alarmId, error);
    return error;
  }
  if (error instanceof TransactionConflictException) return concurrent(alarmId, error);
  return error;
}

function conditionFailed(alarmId: string, write: 'create' | 'update', exists: boolean, cause: Error): Error {
  if (write === 'create') return new ConflictError(`Alarm ${alarmId} already exists`, { cause });
  return exists ? concurrent(alarmId, cause) : new AlarmNotFoundError(alarmId, { cause });
}

function concurrent(alarmId: string, cause: Error): ConflictError {
  return new ConflictError(`Alarm ${alarmId} was modified concurrently`, { cause });
}
