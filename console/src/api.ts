/** The console's only way to the service: the public v2 API, with the signed-in noauth identity's headers. */
export interface Identity {
  userId: string;
  projectId: string;
  roles: string;
}

const KEY = 'aodh-console-identity';

export function loadIdentity(): Identity | undefined {
  const raw = sessionStorage.getItem(KEY);
  return raw ? (JSON.parse(raw) as Identity) : undefined;
}

export function saveIdentity(identity: Identity | undefined): void {
  if (identity) sessionStorage.setItem(KEY, JSON.stringify(identity));
  else sessionStorage.removeItem(KEY);
}

/** Readers (no admin/member role) get no edit controls; the API refuses them anyway. */
export function canEdit(identity: Identity): boolean {
  const roles = identity.roles.split(',').map((role) => role.trim().toLowerCase());
  return roles.includes('admin') || roles.includes('member');
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function api<T>(identity: Identity, method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { 'x-user-id': identity.userId, 'x-project-id': identity.projectId, 'x-roles': identity.roles };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const fault = (parsed as { error_message?: { faultstring?: string } } | undefined)?.error_message?.faultstring;
    throw new ApiError(response.status, fault ?? `HTTP ${response.status}`);
  }
  return parsed as T;
}

export type { Alarm, Change } from './types.js';
