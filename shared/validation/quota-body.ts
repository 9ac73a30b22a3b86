import type { Quota } from '../domain/quota.js';
import { parseObject, type ObjectSpec } from './fields.js';

const QUOTA_BODY = {
  project_id: { type: 'string', mandatory: true, minLength: 1, maxLength: 128 },
  // Aodh leaves `quotas` optional and then fails on it; an absent list is simply "set nothing".
  quotas: {
    type: 'object[]',
    default: [],
    fields: {
      resource: { type: 'enum', values: ['alarms'], mandatory: true },
      limit: { type: 'int', min: -1, mandatory: true },
    },
  },
} as const satisfies ObjectSpec;

/** `POST /v2/quotas` (§6.14): `{"project_id": P, "quotas": [{"resource": "alarms", "limit": N}]}`. */
export function parseQuotaBody(body: unknown): { project_id: string; quotas: Quota[] } {
  const parsed = parseObject(body, QUOTA_BODY, 'data');
  return { project_id: parsed.project_id as string, quotas: parsed.quotas as unknown as Quota[] };
}
