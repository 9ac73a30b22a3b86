import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../shared/errors.js';
import { notifiers } from '../../../shared/notifiers/registry.js';
import { UnknownAttributeError } from '../../../shared/validation/errors.js';
import { parseSilenceCreate, parseSilenceUpdate } from '../../../shared/validation/silence-body.js';
import { expectThrows } from '../../support/expect-error.js';

const context = { notifiers, alarmTypes: ['threshold', 'event'], isAdmin: false, now: new Date('2026-12-05T08:00:00Z'), userId: 'u1' };
const valid = { comment: 'deploy', matchers: [{ name: 'alarm_name', value: 'web-*' }], ends_at: '2026-12-05T10:00:00' };
const weekly = { start: '0 22 * * 6', duration: 7200, timezone: 'Europe/Berlin' };

describe('silence bodies', () => {
  it('fills the defaults of a one-off silence: starts now, created by the caller, notify on end', () => {
    expect(parseSilenceCreate(valid, context)).toEqual({
      matchers: [{ name: 'alarm_name', value: 'web-*' }],
      comment: 'deploy',
      created_by: 'u1',
      starts_at: '2026-12-05T08:00:00',
      ends_at: '2026-12-05T10:00:00',
      recurring: null,
      notify_on_end: true,
      expiry_actions: [],
    });
  });

  it('accepts a recurring window without an end', () => {
    expect(parseSilenceCreate({ ...valid, ends_at: null, recurring: weekly }, context)).toMatchObject({ ends_at: null, recurring: weekly });
  });

  it('keeps the stored start and author on update, and ignores read-only attributes sent back', () => {
    const updated = parseSilenceUpdate({ ...valid, silence_id: 's1', project_id: 'p1' }, context, { starts_at: '2026-12-05T07:00:00', created_by: 'alice' });
    expect(updated).toMatchObject({ starts_at: '2026-12-05T07:00:00', created_by: 'alice' });
  });

  it.each([
    ['not an object', [], "Invalid input for field/attribute data. Value: '[]'. Wrong type. Expected '<class 'dict'>', got '<class 'list'>'"],
    ['no comment', { ...valid, comment: undefined }, "Invalid input for field/attribute comment. Value: 'None'. Mandatory field missing."],
    ['no matcher', { ...valid, matchers: [] }, "Invalid input for field/attribute matchers. Value: '[]'. At least one matcher is required: an empty list would silence every alarm of the project"],
    ['an unknown matcher', { ...valid, matchers: [{ name: 'colour', value: 'x' }] }, "Invalid input for field/attribute name. Value: 'colour'. Value should be one of: alarm_id, alarm_name, type, severity, project_id"],
    ['project_id by a non-admin', { ...valid, matchers: [{ name: 'project_id', value: 'p' }] }, "Invalid input for field/attribute name. Value: 'project_id'. Only admins may match on project_id: a silence applies to its own project"],
    ['a repeated matcher', { ...valid, matchers: [{ name: 'type', value: 'event' }, { name: 'type', value: 'event' }] }, 'Matcher names must be unique for a given silence.'],
    ['a one-off without an end', { ...valid, ends_at: undefined }, "Invalid input for field/attribute ends_at. Value: 'None'. Mandatory field missing. A one-off silence needs an end at most 2592000 seconds after starts_at"],
    ['an end in the past', { ...valid, ends_at: '2026-12-01T00:00:00' }, "Invalid input for field/attribute ends_at. Value: '2026-12-01T00:00:00'. ends_at must be later than starts_at (2026-12-05T08:00:00)"],
    ['longer than the maximum TTL', { ...valid, ends_at: '2027-03-01T00:00:00' }, "Invalid input for field/attribute ends_at. Value: '2027-03-01T00:00:00'. A one-off silence may last at most 2592000 seconds from starts_at"],
    ['a cron that never fires', { ...valid, ends_at: null, recurring: { start: '0 0 30 2 *', duration: 60 } }, "Invalid input for field/attribute start. Value: '0 0 30 2 *'. [0 0 30 2 *] never fires: no date matches it"],
    ['an unknown time zone', { ...valid, ends_at: null, recurring: { ...weekly, timezone: 'Mars/Base' } }, "Invalid input for field/attribute timezone. Value: 'Mars/Base'. Timezone Mars/Base is not valid"],
    ['a recurring duration over 7 days', { ...valid, ends_at: null, recurring: { ...weekly, duration: 8 * 86_400 } }, "Invalid input for field/attribute duration. Value: '691200'. Value should be lower or equal to 604800"],
    ['an expiry action of no scheme', { ...valid, expiry_actions: ['ftp://x'] }, 'Unsupported action ftp://x'],
  ])('refuses %s with a 400 naming the field', (_case, body, message) => {
    expectThrows(() => parseSilenceCreate(body, context), InvalidInputError, message);
  });

  it('refuses an unknown attribute, and a server-set one on create', () => {
    expectThrows(() => parseSilenceCreate({ ...valid, colour: 1 }, context), UnknownAttributeError, 'Unknown attribute for argument data: colour');
    expectThrows(() => parseSilenceCreate({ ...valid, project_id: 'p' }, context), UnknownAttributeError, 'Unknown attribute for argument data: project_id');
  });
});
