import type { AlarmServiceDeps } from '#shared/services/alarms/deps.js';
import type { IdentityResolver } from '#shared/ports/identity-resolver.js';

export interface ApiDeps {
  alarms: AlarmServiceDeps;
  identity: IdentityResolver;
  maxBodyBytes: number;
  corsAllowedOrigins: string[];
  /** The WWW-Authenticate value sent with a 401 for a missing or invalid credential (Keystone mode). */
  authenticateChallenge?: string;
}
