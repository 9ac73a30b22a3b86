import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { type Alarm, ApiError, api, type Identity } from '../api.js';
import { navigate } from '../router.js';
import { ALARM_TYPES, bodyOf, type Draft, DraftError, draftOf, EMPTY_DRAFT, OPERATORS, SEVERITIES } from './draft.js';
import { type FormField, fieldInForm } from './fault-field.js';

interface Fault {
  field?: FormField;
  message: string;
}

/**
 * Create (no id: POST /v2/alarms) or edit (PUT /v2/alarms/<id> of the alarm as read, with the form's changes).
 * The API validates; a 400's faultstring is shown next to the input it names, tied to it by aria-describedby.
 */
export function AlarmForm({ identity, id }: { identity: Identity; id?: string }) {
  const [base, setBase] = useState<Alarm>();
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [fault, setFault] = useState<Fault>();
  const [saving, setSaving] = useState(false);
  const path = id ? `/v2/alarms/${encodeURIComponent(id)}` : '/v2/alarms';
  useEffect(() => {
    if (!id) return;
    api<Alarm>(identity, 'GET', path)
      .then((alarm) => (setBase(alarm), setDraft(draftOf(alarm))))
      .catch((failure: Error) => setFault({ message: failure.message }));
  }, [identity, id, path]);

  const save = async (event: Event) => {
    event.preventDefault();
    setSaving(true);
    try {
      const saved = await api<Alarm>(identity, id ? 'PUT' : 'POST', path, bodyOf(draft, base));
      navigate(`/alarms/${encodeURIComponent(saved.alarm_id)}`);
    } catch (failure) {
      const message = (failure as Error).message;
      const field = failure instanceof DraftError ? failure.field : failure instanceof ApiError && failure.status < 500 ? fieldInForm(message) : undefined;
      setFault(field ? { field, message } : { message });
      setSaving(false);
    }
  };

  const set = (name: keyof Draft) => (event: Event) => {
    const target = event.target as HTMLInputElement;
    setDraft({ ...draft, [name]: target.type === 'checkbox' ? target.checked : target.value });
  };
  /** The fault's message element, when it is this field's; its id is what the input's aria-describedby names. */
  const faultFor = (name: FormField) =>
    fault?.field === name ? html`<span id=${`${name}-error`} class="field-error" role="alert">${fault.message}</span>` : '';
  const described = (name: FormField) => (fault?.field === name ? { 'aria-describedby': `${name}-error`, 'aria-invalid': 'true' } : {});
  const text = (name: FormField & keyof Draft, label: string, extra: Record<string, unknown> = {}) =>
    html`<p><label for=${name}>${label}</label> <input id=${name} name=${name} value=${draft[name] as string} onInput=${set(name)} ...${extra} ...${described(name)} /> ${faultFor(name)}</p>`;
  const choice = (name: FormField & keyof Draft, label: string, options: string[]) =>
    html`<p><label for=${name}>${label}</label> <select id=${name} name=${name} value=${draft[name] as string} onChange=${set(name)} ...${described(name)}>
      ${options.map((option) => html`<option value=${option}>${option || '(default)'}</option>`)}
    </select> ${faultFor(name)}</p>`;
  const area = (name: FormField & keyof Draft, label: string, rows: number) =>
    html`<p><label for=${name}>${label}</label><br /><textarea id=${name} name=${name} rows=${rows} cols="60" value=${draft[name] as string} onInput=${set(name)} ...${described(name)}></textarea> ${faultFor(name)}</p>`;

  if (id && !base) return html`<p role=${fault ? 'alert' : 'status'}>${fault?.message ?? 'Loading…'}</p>`;
  return html`<h1>${id ? `Edit ${base?.name ?? ''}` : 'New alarm'}</h1>
    <form id="alarm-form" onSubmit=${save} noValidate>
      ${fault && !fault.field && html`<p role="alert">${fault.message}</p>`}
      ${text('name', 'Name', { required: true })} ${text('description', 'Description')}
      ${choice('type', 'Type', ALARM_TYPES.includes(draft.type) ? ALARM_TYPES : [draft.type, ...ALARM_TYPES])}
      ${choice('severity', 'Severity', SEVERITIES)}
      ${text('threshold', 'Threshold', { inputMode: 'decimal' })}
      ${choice('comparison_operator', 'Comparison operator', ['', ...OPERATORS])}
      ${area('rule', 'Other rule fields (JSON), e.g. query for prometheus, metric and resource_id for gnocchi', 5)}
      ${area('alarm_actions', 'Alarm actions (one URL a line)', 3)}
      <p><input type="checkbox" id="enabled" name="enabled" checked=${draft.enabled} onChange=${set('enabled')} /> <label for="enabled">Enabled</label></p>
      <button type="submit" disabled=${saving}>${id ? 'Save' : 'Create'}</button>
      <a href=${id ? `/console/alarms/${encodeURIComponent(id)}` : '/console/'}>Cancel</a>
    </form>`;
}
