import { describe, expect, it } from 'vitest';
import { formatGatewayClaim } from '../../support/jwt-authorizer.js';
import { isAdmin } from '../../../shared/domain/identity.js';
import { type AdminScope, DEFAULT_CLAIMS, jwtClaimsIdentity } from '../../../shared/identity/jwt-claims.js';
import { allows } from '../../../shared/services/policy.js';

/** Claim parsing is read in the admin project `p`, so the admin role stays `admin` there. */
const IN_P: AdminScope = { role: 'admin', projectIds: ['p'] };
const resolve = (claims: Record<string, unknown> | undefined, names = DEFAULT_CLAIMS, scope = IN_P) =>
  jwtClaimsIdentity(names, scope).resolve({ headers: {}, ...(claims ? { claims } : {}) });

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

describe('cloud admin in JWT mode (Keystone admin_project semantics)', () => {
  const token = (project: string, roles: string) => ({ sub: 'u', project_id: project, roles });
  const byDefault = (claims: Record<string, unknown>) => jwtClaimsIdentity().resolve({ headers: {}, claims });

  it.each(['[admin]', '[Admin]', '[ADMIN member]'])('by default no token is cloud admin, whatever the case of %s', (roles) => {
    const identity = byDefault(token('p', roles));
    expect(identity?.roles).toEqual(['member']);
    expect(identity && isAdmin(identity)).toBe(false);
    expect(identity && allows('get_alarms:all_projects', identity, {})).toBe(false);
  });

  it('keeps the admin role what it implies in its own project: member and reader', () => {
    const identity = byDefault(token('p', '[admin]'));
    expect(identity && allows('create_alarm', identity, { project_id: 'p' })).toBe(true);
    expect(identity && allows('get_alarm', identity, { project_id: 'other' })).toBe(false);
  });

  it('makes the admin role cloud admin in a designated admin project only', () => {
    const scope: AdminScope = { role: 'admin', projectIds: ['cloud', 'ops'] };
    const inAdminProject = resolve(token('ops', '[Admin]'), DEFAULT_CLAIMS, scope);
    expect(inAdminProject?.roles).toEqual(['admin']);
    expect(inAdminProject && allows('get_alarms:all_projects', inAdminProject, {})).toBe(true);
    expect(resolve(token('p', '[admin]'), DEFAULT_CLAIMS, scope)?.roles).toEqual(['member']);
    expect(resolve(token('cloud', '[member]'), DEFAULT_CLAIMS, scope)?.roles).toEqual(['member']);
  });

  it('honours a configured admin role, and then a literal admin role is only a project admin', () => {
    const scope: AdminScope = { role: 'Cloud-Admin', projectIds: ['cloud'] };
    expect(resolve(token('cloud', '[cloud-admin reader]'), DEFAULT_CLAIMS, scope)?.roles).toEqual(['admin', 'reader']);
    expect(resolve(token('cloud', '[admin]'), DEFAULT_CLAIMS, scope)?.roles).toEqual(['member']);
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
