/**
 * Which form field an Aodh 400 is about. The API's envelope carries only the faultstring, so the field is read out of
 * Aodh's own wording (shared/validation; the admin-only action scheme is a 401): "Invalid input for field/attribute <f>. …", "<f> count exceeds …",
 * "<type>_rule must be set …", "aggregation_method should be …", and the action messages. Undefined: the form shows
 * the message at the top instead.
 */
export function faultField(faultstring: string): string | undefined {
  const named = /^Invalid input for field\/attribute (\w+)\./.exec(faultstring) ?? /^(\w+) count exceeds maximum value/.exec(faultstring);
  if (named?.[1]) return named[1];
  if (/^\w+_rule must be set for /.test(faultstring)) return 'rule';
  if (/^aggregation_method should be in /.test(faultstring)) return 'aggregation_method';
  if (/^Unknown alarm type /.test(faultstring)) return 'type';
  if (/^(Unable to parse|Unsupported|Invalid) action |not authorized to create action/.test(faultstring)) return 'alarm_actions';
  return undefined;
}

/** The form's own fields; any other rule field's message goes next to the rule's JSON. */
export const FORM_FIELDS = ['name', 'description', 'type', 'severity', 'threshold', 'comparison_operator', 'rule', 'alarm_actions', 'enabled'] as const;
export type FormField = (typeof FORM_FIELDS)[number];

/** Alarm attributes the form has no input for: their messages go at the top of the form. */
const OTHER_TOP_LEVEL = ['data', 'body', 'ok_actions', 'insufficient_data_actions', 'repeat_actions', 'state', 'time_constraints', 'project_id', 'user_id', 'evaluate_timestamp'];

/** The input a faultstring belongs next to: one of the form's, "rule" for the rule's other fields, or none. */
export function fieldInForm(faultstring: string): FormField | undefined {
  const field = faultField(faultstring);
  if (!field || OTHER_TOP_LEVEL.includes(field)) return undefined;
  return (FORM_FIELDS as readonly string[]).includes(field) ? (field as FormField) : 'rule';
}
