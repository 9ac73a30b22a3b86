import { html } from 'htm/preact';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { type Identity, loadIdentity, saveIdentity } from './api.js';
import { AlarmDetail } from './pages/detail.js';
import { AlarmList } from './pages/list.js';
import { SignIn } from './pages/sign-in.js';

/** Hash routing, so every page is a plain link (#/alarms/<id>) with no server-side rewrites. */
function useRoute(): string {
  const [route, setRoute] = useState(location.hash.slice(1) || '/');
  useEffect(() => {
    const onChange = () => setRoute(location.hash.slice(1) || '/');
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

function App() {
  const [identity, setIdentity] = useState<Identity | undefined>(loadIdentity());
  const route = useRoute();
  const signIn = (next: Identity | undefined) => {
    saveIdentity(next);
    setIdentity(next);
  };
  if (!identity) return html`<main><${SignIn} onSignIn=${signIn} /></main>`;
  const detail = /^\/alarms\/([^/]+)$/.exec(route);
  return html`<header>
      <a href="#/">Aodh alarms</a>
      <span> signed in as ${identity.userId || '(no user)'} / ${identity.projectId} (${identity.roles || 'no roles'})</span>
      <button type="button" onClick=${() => signIn(undefined)}>Sign out</button>
    </header>
    <main>${detail?.[1] ? html`<${AlarmDetail} identity=${identity} id=${decodeURIComponent(detail[1])} />` : html`<${AlarmList} identity=${identity} />`}</main>`;
}

const root = document.getElementById('app');
if (root) render(html`<${App} />`, root);
