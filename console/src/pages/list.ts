import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { type Alarm, api, canEdit, type Identity } from '../api.js';

const REFRESH_MS = 10_000;
const COLUMNS = ['name', 'state', 'severity', 'type', 'enabled'] as const;

/** All alarms the identity may see, filtered by state and sorted by a column, refreshed every 10 s. */
export function AlarmList({ identity }: { identity: Identity }) {
  const [alarms, setAlarms] = useState<Alarm[]>([]);
  const [error, setError] = useState('');
  const [state, setState] = useState('');
  const [sort, setSort] = useState<(typeof COLUMNS)[number]>('name');
  useEffect(() => {
    const load = () =>
      api<Alarm[]>(identity, 'GET', '/v2/alarms')
        .then((list) => (setAlarms(list), setError('')))
        .catch((failure: Error) => setError(failure.message));
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, [identity]);
  const counts = new Map<string, number>();
  for (const alarm of alarms) counts.set(alarm.state, (counts.get(alarm.state) ?? 0) + 1);
  const shown = alarms.filter((alarm) => !state || alarm.state === state).sort((a, b) => String(a[sort]).localeCompare(String(b[sort])));
  return html`<h1>Alarms</h1>
    ${canEdit(identity) && html`<p><a href="/console/alarms/new" id="new-alarm">New alarm</a></p>`}
    ${error && html`<p role="alert">${error}</p>`}
    <p id="counts">${[...counts].map(([name, count]) => `${name}: ${count}`).join(' · ') || 'no alarms'}</p>
    <label for="state-filter">State</label>
    <select id="state-filter" value=${state} onChange=${(event: Event) => setState((event.target as HTMLSelectElement).value)}>
      <option value="">any</option><option>ok</option><option>alarm</option><option>insufficient data</option>
    </select>
    <label for="sort">Sort by</label>
    <select id="sort" value=${sort} onChange=${(event: Event) => setSort((event.target as HTMLSelectElement).value as typeof sort)}>
      ${COLUMNS.map((column) => html`<option>${column}</option>`)}
    </select>
    <table>
      <thead><tr>${COLUMNS.map((column) => html`<th scope="col">${column}</th>`)}</tr></thead>
      <tbody>
        ${shown.map(
          (alarm) => html`<tr data-alarm=${alarm.alarm_id}>
            <td><a href=${`/console/alarms/${encodeURIComponent(alarm.alarm_id)}`}>${alarm.name}</a></td>
            <td class="state">${alarm.state}</td><td>${alarm.severity}</td><td>${alarm.type}</td><td>${alarm.enabled ? 'yes' : 'no'}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
}
