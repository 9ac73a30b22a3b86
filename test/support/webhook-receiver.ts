import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { promisify } from 'node:util';

/** One request as the receiver saw it. */
export interface ReceivedRequest {
  method: string;
  /** Path and query, exactly as on the request line. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** https with `requestClientCertificate`: the CN of the certificate the client presented. */
  clientCertificateCn?: string;
  at: number;
}

/** How to answer one request; the default is a plain 200. */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** Wait before answering (longer than the client's timeout → a timeout). */
  delayMs?: number;
  /** Drop the connection instead of answering (the client sees a reset). */
  destroy?: boolean;
}

export interface ReceiverTls {
  cert: string;
  key: string;
  /** Ask for a client certificate, signed by this CA, without requiring one. */
  requestClientCertificate?: { ca: string };
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>` or `https://…`; append a path. */
  url: string;
  port: number;
  requests: ReceivedRequest[];
  /** Answers for the next requests, in order; once used up, requests get 200 again. */
  script(...replies: Reply[]): void;
  /** Answers for the next requests to `path` (query ignored), used before the general script: concurrent requests to different paths arrive in any order. */
  scriptPath(path: string, ...replies: Reply[]): void;
  /** Stops listening and drops connections: later requests find the port refused. */
  refuse(): Promise<void>;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function clientCn(request: IncomingMessage): string | undefined {
  const socket = request.socket as Partial<TLSSocket>;
  const cn = socket.getPeerCertificate?.().subject?.CN;
  return Array.isArray(cn) ? cn[0] : cn;
}

/** A real webhook receiver on 127.0.0.1 (node:http or node:https), scriptable per request. */
export async function startWebhookReceiver(options: { tls?: ReceiverTls } = {}): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  const queue: Reply[] = [];
  const byPath = new Map<string, Reply[]>();
  const sockets = new Set<Socket>();
  const handler = (request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      const body = await readBody(request);
      const cn = clientCn(request);
      requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body, at: Date.now(), ...(cn ? { clientCertificateCn: cn } : {}) });
      const path = (request.url ?? '').split('?', 1)[0] ?? '';
      const reply = byPath.get(path)?.shift() ?? queue.shift() ?? {};
      if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
      if (reply.destroy) return void request.socket.destroy();
      if (!response.destroyed) response.writeHead(reply.status ?? 200, { 'Content-Type': 'text/plain', ...reply.headers }).end('ok');
    })();
  };
  const { tls } = options;
  const server: Server = tls
    ? createHttpsServer({ cert: tls.cert, key: tls.key, ...(tls.requestClientCertificate ? { requestCert: true, rejectUnauthorized: false, ca: tls.requestClientCertificate.ca } : {}) }, handler)
    : createHttpServer(handler);
  server.on(tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('receiver has no TCP address');
  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    }));
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${address.port}`,
    port: address.port,
    requests,
    script: (...replies) => void queue.push(...replies),
    scriptPath: (path, ...replies) => void byPath.set(path, [...(byPath.get(path) ?? []), ...replies]),
    refuse: close,
    close,
  };
}

/** A throwaway PKI: a CA, a server certificate for 127.0.0.1/localhost and a client certificate. */
export interface TestPki {
  caCert: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** The client certificate's CN, as the receiver reports it. */
  clientCn: string;
  cleanup(): Promise<void>;
}

const openssl = (args: string[], cwd: string) => promisify(execFile)('openssl', args, { cwd });

/** Generated with the openssl CLI into a temp dir at test time: no key material in the repo. */
export async function makeTestPki(): Promise<TestPki> {
  const dir = await mkdtemp(join(tmpdir(), 'aodh-pki-'));
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await openssl(['req', '-x509', ...newKey, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=Aodh Test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  const issue = async (name: string, cn: string, extensions: string) => {
    await writeFile(join(dir, `${name}.ext`), extensions);
    await openssl(['req', ...newKey, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`], dir);
    await openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`, '-days', '2', '-extfile', `${name}.ext`], dir);
  };
  await issue('server', '127.0.0.1', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  await issue('client', 'aodh-notifier', 'extendedKeyUsage=clientAuth\n');
  const read = (file: string) => readFile(join(dir, file), 'utf8');
  return {
    caCert: await read('ca.crt'),
    serverCert: await read('server.crt'),
    serverKey: await read('server.key'),
    clientCert: await read('client.crt'),
    clientKey: await read('client.key'),
    clientCn: 'aodh-notifier',
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
