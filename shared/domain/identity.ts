/** Who is calling: resolved from the request by an IdentityResolver (noauth headers, JWT claims, Keystone). */
export interface Identity {
  userId: string;
  projectId: string;
  roles: string[];
}

/** `context_is_admin` = `role:admin` (Aodh's legacy admin: admin in any project is cloud admin). */
export function isAdmin(identity: Identity): boolean {
  return identity.roles.includes('admin');
}
