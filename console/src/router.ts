/**
 * Path routing under /console (/console/alarms/<id>) with history.pushState. The static hook (and CloudFront) answer
 * every /console/* path that is not an asset with index.html, so a deep link or a reload opens the same page.
 */
import { useEffect, useState } from 'preact/hooks';

export const BASE = '/console';
const CHANGE = 'console:navigate';

function current(): string {
  // Links from the first slice were hash routes (#/alarms/<id>): still honoured, and rewritten to the path.
  if (location.hash.startsWith('#/')) history.replaceState(null, '', `${BASE}${location.hash.slice(1)}`);
  return location.pathname.slice(BASE.length).replace(/^\/?/, '/');
}

export function navigate(route: string): void {
  history.pushState(null, '', `${BASE}${route}`);
  dispatchEvent(new Event(CHANGE));
}

/** In-app links stay in the page: a plain click on an <a href="/console/…"> is a pushState, not a page load. */
function onClick(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = (event.target as Element | null)?.closest?.('a');
  if (!link || link.target || link.origin !== location.origin) return;
  if (link.pathname !== BASE && !link.pathname.startsWith(`${BASE}/`)) return;
  event.preventDefault();
  navigate(link.pathname.slice(BASE.length) || '/');
}

export function useRoute(): string {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const onChange = () => setRoute(current());
    addEventListener('popstate', onChange);
    addEventListener(CHANGE, onChange);
    document.addEventListener('click', onClick);
    return () => {
      removeEventListener('popstate', onChange);
      removeEventListener(CHANGE, onChange);
      document.removeEventListener('click', onClick);
    };
  }, []);
  return route;
}
