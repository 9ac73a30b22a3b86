import { parseObject } from './fields.js';
import { checkJsonLimits } from './json-limits.js';

export const ACK_COMMENT_MAX = 255;

/** `PUT /v2/alarms/{id}/ack` (beyond Aodh): no body, or `{"comment": "…"}` of at most 255 characters. */
export function parseAckBody(body: unknown): { comment?: string } {
  if (body === undefined || body === null) return {};
  checkJsonLimits(body);
  const fields = parseObject(body, { comment: { type: 'string', maxLength: ACK_COMMENT_MAX, nullable: true } }, 'data');
  return typeof fields.comment === 'string' && fields.comment !== '' ? { comment: fields.comment } : {};
}
