import { acceptableOffers } from './accept.js';

const TITLE = 'Method Not Allowed';
const STATUS = `405 ${TITLE}`;

/**
 * The `error_message` Aodh answers for a method a resource does not serve. pecan raises
 * webob's HTTPMethodNotAllowed; pecan renders it as JSON when the client prefers JSON, else
 * webob renders HTML or plain text by the raw Accept header; Aodh's ParsableErrorMiddleware
 * then wraps what it can parse as JSON as an object and anything else as a string. The
 * texts are webob 1.8's templates, byte for byte (`curl` sends `*\/*` and gets the HTML).
 */
export function methodNotAllowedMessage(method: string, accept: string | undefined): unknown {
  if (acceptableOffers(accept || '*/*', ['text/plain', 'text/html', 'application/json'])[0] === 'application/json') {
    return { code: 405, title: TITLE, description: '' };
  }
  const explanation = `The method ${method} is not allowed for this resource. `;
  const webob = acceptableOffers(accept ?? '', ['text/html', 'application/json'])[0];
  if (webob === 'text/html') {
    return `<html>\n <head>\n  <title>${STATUS}</title>\n </head>\n <body>\n  <h1>${STATUS}</h1>\n  ${escapeHtml(explanation)}<br /><br />\n\n </body>\n</html>`;
  }
  if (webob === 'application/json') return { message: `${explanation}<br /><br />\n`, code: STATUS, title: TITLE };
  return `${STATUS}\n\n${explanation}\n\n `;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');
}
