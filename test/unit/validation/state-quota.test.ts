import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../shared/errors.js';
import { parseQuotaBody, parseStateBody } from '../../../shared/validation/alarm-body.js';
import { UnknownAttributeError } from '../../../shared/validation/errors.js';
import { expectThrows } from '../../support/expect-error.js';

describe('parseStateBody (§6.8)', () => {
  it.each(['ok', 'alarm', 'insufficient data'])('accepts %j', (state) => {
    expect(parseStateBody(state)).toBe(state);
  });

  it.each<[unknown, string]>([
    ['insufficient_data', 'insufficient_data'],
    ['OK', 'OK'],
    [5, '5'],
    [null, 'None'],
    [{ state: 'ok' }, "{'state': 'ok'}"],
  ])('refuses %j (shown by WSME as %s) with Aodh\'s own "state invalid": WSME does not validate an Enum body', (body) => {
    expectThrows(() => parseStateBody(body), InvalidInputError, 'state invalid');
  });

  it('refuses no body at all as WSME\'s missing argument', () => {
    expectThrows(() => parseStateBody(undefined), InvalidInputError, 'Missing argument: "state"');
  });
});

describe('parseQuotaBody (§6.14)', () => {
  it('parses and coerces', () => {
    expect(parseQuotaBody({ project_id: 'p', quotas: [{ resource: 'alarms', limit: '10' }] })).toStrictEqual({ project_id: 'p', quotas: [{ resource: 'alarms', limit: 10 }] });
    expect(parseQuotaBody({ project_id: 'p', quotas: [{ resource: 'alarms', limit: -1 }] }).quotas).toEqual([{ resource: 'alarms', limit: -1 }]);
    expect(parseQuotaBody({ project_id: 'p' })).toEqual({ project_id: 'p', quotas: [] });
  });

  it.each<[string, unknown, string]>([
    ['an unknown resource', { project_id: 'p', quotas: [{ resource: 'alarm', limit: 1 }] }, "Invalid input for field/attribute resource. Value: 'alarm'. Value should be one of: alarms"],
    ['a limit below -1', { project_id: 'p', quotas: [{ resource: 'alarms', limit: -2 }] }, "Invalid input for field/attribute limit. Value: '-2'. Value should be greater or equal to -1"],
    ['a missing limit', { project_id: 'p', quotas: [{ resource: 'alarms' }] }, "Invalid input for field/attribute limit. Value: 'None'. Mandatory field missing."],
    ['a missing resource', { project_id: 'p', quotas: [{ limit: 1 }] }, "Invalid input for field/attribute resource. Value: 'None'. Mandatory field missing."],
    ['a missing project', { quotas: [] }, "Invalid input for field/attribute project_id. Value: 'None'. Mandatory field missing."],
    ['a body that is not an object', 'x', "Invalid input for field/attribute data. Value: 'x'. Wrong type. Expected '<class 'dict'>', got '<class 'str'>'"],
  ])('refuses %s', (_name, body, message) => {
    expectThrows(() => parseQuotaBody(body), InvalidInputError, message);
  });

  it('refuses unknown attributes', () => {
    expectThrows(() => parseQuotaBody({ project_id: 'p', quotas: [{ resource: 'alarms', limit: 1, x: 1 }] }), UnknownAttributeError, 'Unknown attribute for argument data.quotas: x');
  });
});
