import { html } from 'htm/preact';
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { canEdit, type Identity, loadIdentity, saveIdentity } from './api.js';
import { AlarmForm } from './form/alarm-form.js';
import { AlarmDetail } from './pages/detail.js';
import { AlarmList } from './pages/list.js';
import { SignIn } from './pages/sign-in.js';
import { useRoute } from './router.js';

/** The page for a route: /, /alarms/new, /alarms/<id>, /alarms/<id>/edit (the forms for editors only). */
function page(identity: Identity, route: string) {
  const editor = canEdit(identity);
  if (route === '/alarms/new' && editor) return html`<${AlarmForm} identity=${identity} />`;
  const match = /^\/alarms\/([^/]+)(\/edit)?$/.exec(route);
  const id = match?.[1] ? decodeURIComponent(match[1]) : undefined;
  if (id && match?.[2] && editor) return html`<${AlarmForm} identity=${identity} id=${id} />`;
  if (id) return html`<${AlarmDetail} identity=${identity} id=${id} />`;
  return html`<${AlarmList} identity=${identity} />`;
}

function App() {
  const [identity, setIdentity] = useState<Identity | undefined>(loadIdentity());
  const route = useRoute();
  const signIn = (next: Identity | undefined) => {
    saveIdentity(next);
    setIdentity(next);
  };
  if (!identity) return html`<main><${SignIn} onSignIn=${signIn} /></main>`;
  return html`<header>
      <a href="/console/">Aodh alarms</a>
      <span> signed in as ${identity.userId || '(no user)'} / ${identity.projectId} (${identity.roles || 'no roles'})</span>
      <button type="button" onClick=${() => signIn(undefined)}>Sign out</button>
    </header>
    <main>${page(identity, route)}</main>`;
}

const root = document.getElementById('app');
if (root) render(html`<${App} />`, root);
