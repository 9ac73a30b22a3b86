import { html } from 'htm/preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { type Alarm, api, canEdit, type Change, type Identity } from '../api.js';
import { navigate } from '../router.js';
import { StateChart } from './state-chart.js';

/** The rule in words: the `<type>_rule` object's fields, as "field value" pairs. */
function ruleInWords(alarm: Alarm): string {
  const rule = alarm[`${alarm.type.replace(/-/g, '_')}_rule`];
  if (!rule || typeof rule !== 'object') return alarm.type;
  return `${alarm.type}: ${Object.entries(rule as Record<string, unknown>).map(([key, value]) => `${key.replace(/_/g, ' ')} ${JSON.stringify(value)}`).join(', ')}`;
}

/** One alarm: rule, state and reason, its state timeline, and (for editors) set-state, enable/disable, delete. */
export function AlarmDetail({ identity, id }: { identity: Identity; id: string }) {
  const [alarm, setAlarm] = useState<Alarm>();
  const [history, setHistory] = useState<Change[]>([]);
  const [error, setError] = useState('');
  const path = `/v2/alarms/${encodeURIComponent(id)}`;
  const load = useCallback(async () => {
    try {
      // Independent reads: fetched together so the page waits for one round trip, not two.
      const [next, changes] = await Promise.all([api<Alarm>(identity, 'GET', path), api<Change[]>(identity, 'GET', `${path}/history`)]);
      setAlarm(next);
      setHistory(changes);
      setError('');
    } catch (failure) {
      setError((failure as Error).message);
    }
  }, [identity, path]);
  useEffect(() => void load(), [load]);
  const act = (method: string, suffix: string, body?: unknown) => async () => {
    try {
      await api(identity, method, `${path}${suffix}`, body);
      if (method === 'DELETE') navigate('/');
      else await load();
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  if (!alarm) return html`<p role=${error ? 'alert' : 'status'}>${error || 'Loading…'}</p>`;
  const editor = canEdit(identity);
  return html`<h1>${alarm.name}</h1>
    ${error && html`<p role="alert">${error}</p>`}
    <p>${ruleInWords(alarm)}</p>
    <p>State: <strong id="state">${alarm.state}</strong> — ${alarm.state_reason ?? ''}</p>
    <p>Severity ${alarm.severity}; ${alarm.enabled ? 'enabled' : 'disabled'}</p>
    ${editor &&
    html`<div id="edit-controls">
      ${['ok', 'alarm', 'insufficient data'].map((state) => html`<button type="button" onClick=${act('PUT', '/state', state)}>Set ${state}</button> `)}
      <button type="button" onClick=${act('PUT', '', { ...alarm, enabled: !alarm.enabled })}>${alarm.enabled ? 'Disable' : 'Enable'}</button>
      <button type="button" onClick=${act('DELETE', '')}>Delete</button>
      <a href=${`/console/alarms/${encodeURIComponent(alarm.alarm_id)}/edit`}>Edit</a>
    </div>`}
    <h2>Timeline</h2>
    <${StateChart} history=${history} state=${alarm.state} />
    <ol id="timeline">
      ${history.map((change) => html`<li><time>${change.timestamp}</time> ${change.type}: ${change.detail}</li>`)}
    </ol>`;
}
