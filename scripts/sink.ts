/**
 * `npm run sink [-- --port N] [--keep N]`: a local webhook receiver to point alarm actions at
 * (http://127.0.0.1:<port>/). Each notification received (any method but GET, any path) is
 * printed on stdout as one JSON line; GET / answers the last N (default 50) as a JSON array.
 * The listening line goes to stderr, so stdout stays JSON lines. Port default: a free one.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { listenOn } from '../infra/local/listen.js';

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) {
    process.stderr.write('usage: npm run sink [-- --port N] [--keep N]\n');
    process.exit(2);
  }
  return value;
}

const port = flag('--port', 0);
const keep = flag('--keep', 50);
const received: unknown[] = [];

async function readText(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The body as JSON when it is JSON (Aodh's webhook payload is), else the text. */
function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const server = createServer((request, response) => {
  void (async () => {
    if (request.method === 'GET') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(received));
      return;
    }
    const text = await readText(request);
    const entry = { received_at: new Date().toISOString(), method: request.method, path: request.url, body: parsed(text) };
    received.push(entry);
    received.splice(0, Math.max(0, received.length - keep));
    process.stdout.write(`${JSON.stringify(entry)}\n`);
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  })().catch(() => response.writeHead(400).end());
});
const listening = await listenOn(server, port);
process.stderr.write(`sink listening on ${listening.url}/ (GET / lists the last ${keep})\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void listening.close().then(() => process.exit(0)));
