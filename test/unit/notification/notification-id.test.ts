import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { notificationIdFor } from '../../../shared/services/notification/notification-id.js';

const UUID_V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('notificationIdFor', () => {
  it('is a version-8 UUID, the same for the same transition and action', () => {
    const id = notificationIdFor('t-1', 'http://x/hook');
    expect(id).toMatch(UUID_V8);
    expect(notificationIdFor('t-1', 'http://x/hook')).toBe(id);
  });

  it('is fixed by the hash (a change would make every in-flight notification look new)', () => {
    // printf 't-1\nhttp://x/hook' | openssl dgst -sha256 → 5d92b3175b1dc1db57e9bec903349358…;
    // byte 6 c1 → 81 (version 8), byte 8 57 → 97 (variant 10xx).
    expect(notificationIdFor('t-1', 'http://x/hook')).toBe('5d92b317-5b1d-81db-97e9-bec903349358');
  });

  it('differs when the transition or the action differs, including on the separator', () => {
    const ids = new Set([
      notificationIdFor('t-1', 'http://x/hook'),
      notificationIdFor('t-2', 'http://x/hook'),
      notificationIdFor('t-1', 'http://x/hook2'),
      notificationIdFor('t-1\nhttp://x', '/hook'),
    ]);
    expect(ids.size).toBe(4);
  });

  it('is well formed for any input', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (transition, action) => UUID_V8.test(notificationIdFor(transition, action))));
  });
});
