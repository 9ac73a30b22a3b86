import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import type { Identity } from '../api.js';

/** Local (noauth) sign-in: the identity is chosen here and sent as X-User-Id / X-Project-Id / X-Roles. */
export function SignIn({ onSignIn }: { onSignIn: (identity: Identity) => void }) {
  const [userId, setUserId] = useState('demo-user');
  const [projectId, setProjectId] = useState('demo-project');
  const [roles, setRoles] = useState('member');
  const field = (id: string, label: string, value: string, set: (value: string) => void) =>
    html`<p><label for=${id}>${label}</label> <input id=${id} value=${value} onInput=${(event: Event) => set((event.target as HTMLInputElement).value)} /></p>`;
  return html`<form onSubmit=${(event: Event) => {
    event.preventDefault();
    onSignIn({ userId: userId.trim(), projectId: projectId.trim(), roles: roles.trim() });
  }}>
    <h1>Sign in (noauth)</h1>
    ${field('user', 'User id', userId, setUserId)} ${field('project', 'Project id', projectId, setProjectId)}
    ${field('roles', 'Roles (comma separated; reader = read only)', roles, setRoles)}
    <button type="submit">Sign in</button>
  </form>`;
}
