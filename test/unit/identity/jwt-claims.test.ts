import { describe, expect, it } from 'vitest';
import { formatGatewayClaim } from '../../support/jwt-authorizer.js';
import { DEFAULT_CLAIMS, jwtClaimsIdentity } from '../../../shared/identity/jwt-claims.js';

const resolve = (claims: Record<string, unknown> | undefined, names = DEFAULT_CLAIMS) => jwtClaimsIdentity(names).resolve({ headers: {}, ...(claims ? { claims } : {}) });

describe('jwtClaimsIdentity', () => {
  it('maps sub, project_id and roles', () => {
    expect(resolve({ sub: 'u', project_id: 'p', roles: '[member]' })).toEqual({ userId: 'u', projectId: 'p', roles: ['member'] });
  });

  it.each([
    ['API Gateway "[a b]" string', '[member reader]', ['member', 'reader']],
    ['a plain array (claims from a JWT library)', ['member', 'reader'], ['member', 'reader']],
    ['one role without brackets', 'admin', ['admin']],
    ['comma-separated', 'member,reader', ['member', 'reader']],
    ['mixed case, lowered as Keystone roles are', '[Admin MEMBER]', ['admin', 'member']],
    ['empty "[]"', '[]', []],
    ['an empty array', [], []],
    ['an empty string', '', []],
    ['absent', undefined, []],
    ['a number (not a role list)', 3, []],
  ])('reads roles given as %s', (_name, roles, expected) => {
    expect(resolve({ sub: 'u', project_id: 'p', ...(roles !== undefined ? { roles } : {}) })?.roles).toEqual(expected);
  });

  it.each([
    ['no claims at all (no authorizer in front)', undefined],
    ['no project_id', { sub: 'u', roles: '[admin]' }],
    ['an empty project_id', { sub: 'u', project_id: '', roles: '[admin]' }],
    ['a blank project_id', { sub: 'u', project_id: '   ', roles: '[admin]' }],
    ['a non-string project_id', { sub: 'u', project_id: 42 }],
    ['no sub', { project_id: 'p', roles: '[member]' }],
    ['an empty sub', { sub: '', project_id: 'p' }],
  ])('has no identity with %s', (_name, claims) => {
    expect(resolve(claims)).toBeUndefined();
  });

  it('reads no identity from Keystone headers in jwt mode: only verified claims count', () => {
    expect(jwtClaimsIdentity().resolve({ headers: { 'x-project-id': 'p', 'x-user-id': 'u', 'x-roles': 'admin' } })).toBeUndefined();
  });

  it('trims surrounding blanks from ids', () => {
    expect(resolve({ sub: ' u ', project_id: ' p ' })).toMatchObject({ userId: 'u', projectId: 'p' });
  });

  it('honours configured claim names (e.g. Cognito custom attributes and groups)', () => {
    const names = { user: 'username', project: 'custom:project_id', roles: 'cognito:groups' };
    expect(resolve({ username: 'alice', 'custom:project_id': 'p', 'cognito:groups': '[admin]' }, names)).toEqual({ userId: 'alice', projectId: 'p', roles: ['admin'] });
  });
});

describe('formatGatewayClaim (what API Gateway hands the function)', () => {
  it.each([
    ['a string', 'abc', 'abc'],
    ['a number', 1700000000, '1700000000'],
    ['a boolean', true, 'true'],
    ['an array', ['member', 'reader'], '[member reader]'],
    ['an empty array', [], '[]'],
    ['an object, keys sorted', { b: 1, a: ['x'] }, 'map[a:[x] b:1]'],
  ])('stringifies %s', (_name, value, expected) => {
    expect(formatGatewayClaim(value)).toBe(expected);
  });

  it('round-trips array roles through the mapping', () => {
    expect(resolve({ sub: 'u', project_id: 'p', roles: formatGatewayClaim(['Member', 'reader']) })?.roles).toEqual(['member', 'reader']);
  });
});
