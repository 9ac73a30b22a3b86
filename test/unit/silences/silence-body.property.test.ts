import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { notifiers } from '../../../shared/notifiers/registry.js';
import { parseSilenceCreate, parseSilenceUpdate } from '../../../shared/validation/silence-body.js';
import { isClientError } from '../../support/expect-error.js';

/** Only client errors may escape the parser: anything else would be a 500 for bad input. */
function onlyClientErrors(fn: () => unknown): boolean {
  try {
    fn();
    return true;
  } catch (error) {
    if (isClientError(error)) return true;
    throw error;
  }
}

const context = (isAdmin: boolean) => ({ notifiers, alarmTypes: ['threshold', 'event'], isAdmin, now: new Date('2026-12-05T08:00:00Z'), userId: 'u1' });
const validBodies: Record<string, unknown>[] = [
  { comment: 'c', matchers: [{ name: 'alarm_name', value: 'web-*' }, { name: 'severity', value: 'low' }], ends_at: '2026-12-06T00:00:00', expiry_actions: ['http://example.com/'] },
  { comment: 'c', matchers: [{ name: 'type', value: 'event' }], ends_at: null, recurring: { start: '0 22 * * 6', duration: 3600, timezone: 'UTC' }, notify_on_end: false },
];
const attributeNames = ['comment', 'created_by', 'matchers', 'starts_at', 'ends_at', 'recurring', 'notify_on_end', 'expiry_actions', 'silence_id', '__proto__', 'constructor'];

/** Replace or delete one attribute of a valid body, at the top level or inside a matcher or the recurrence, with arbitrary JSON. */
const mutatedBody = fc
  .tuple(fc.constantFrom(...validBodies), fc.constantFrom(...attributeNames), fc.option(fc.jsonValue(), { nil: undefined }), fc.constantFrom('top', 'matcher', 'recurring'), fc.constantFrom('name', 'value', 'start', 'duration', 'timezone'))
  .map(([body, name, value, where, innerName]) => {
    const copy = structuredClone(body);
    const target: Record<string, unknown> =
      where === 'matcher' && Array.isArray(copy.matchers) ? (copy.matchers[0] as Record<string, unknown>) : where === 'recurring' && copy.recurring ? (copy.recurring as Record<string, unknown>) : copy;
    const key = where === 'top' ? name : innerName;
    if (value === undefined) delete target[key];
    else target[key] = value;
    return copy;
  });

describe('silence body parsing never fails with anything but a client error', () => {
  it('holds for the valid bodies', () => {
    for (const body of validBodies) expect(() => parseSilenceCreate(body, context(false))).not.toThrow();
  });

  it('holds for arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.boolean(), (body, isAdmin) => onlyClientErrors(() => parseSilenceCreate(body, context(isAdmin)))), { numRuns: 500 });
  });

  it('holds for valid bodies with one attribute replaced or removed, on create and update', () => {
    fc.assert(
      fc.property(mutatedBody, fc.boolean(), (body, isAdmin) =>
        onlyClientErrors(() => parseSilenceCreate(body, context(isAdmin))) &&
        onlyClientErrors(() => parseSilenceUpdate(body, context(isAdmin), { starts_at: '2026-12-05T07:00:00', created_by: 'a' })),
      ),
      { numRuns: 1_000 },
    );
  });
});
