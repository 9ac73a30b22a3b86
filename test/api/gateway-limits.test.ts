import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMBER, startTestApi, type TestApi } from '../support/test-api.js';
import { expectError, prometheusAlarm, type Json } from './support.js';

/** B8/B9: what the front refuses is a 4xx with Aodh's envelope, never a reset or a bare status. */
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  await api?.stop();
});

const identity = `x-user-id: ${MEMBER.user}\r\nx-project-id: ${MEMBER.project}\r\nx-roles: ${MEMBER.roles}\r\n`;

/** One raw HTTP/1.1 exchange, so that a reset or a bare status line shows as what it is. */
function rawRequest(head: string, body: Buffer = Buffer.alloc(0)): Promise<{ status: number; body: unknown }> {
  const { hostname, port } = new URL(api.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(head);
      socket.end(body);
    });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
      const split = text.indexOf('\r\n\r\n');
      let payload = text.slice(split + 4);
      if (/transfer-encoding: chunked/i.test(text.slice(0, split))) payload = dechunk(payload);
      try {
        resolve({ status, body: JSON.parse(payload) as unknown });
      } catch {
        resolve({ status, body: payload });
      }
    });
  });
}

function dechunk(text: string): string {
  let out = '';
  for (let rest = text; ; ) {
    const lineEnd = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, lineEnd), 16);
    if (!(size > 0)) return out;
    out += rest.slice(lineEnd + 2, lineEnd + 2 + size);
    rest = rest.slice(lineEnd + 2 + size + 2);
  }
}

const asReply = (reply: { status: number; body: unknown }) => ({ ...reply, headers: new Headers(), text: '' });

describe('B9: API Gateway HTTP API limits at the local front', () => {
  it('a 64 KiB header is 431 with the envelope', async () => {
    const reply = await rawRequest(`GET /v2/alarms HTTP/1.1\r\nhost: x\r\n${identity}x-big: ${'a'.repeat(64 * 1024)}\r\nconnection: close\r\n\r\n`);
    expectError(asReply(reply), 431, /larger than the limit of 10240 bytes/);
  });

  it('a 1 MiB query string is 414 with the envelope', async () => {
    const reply = await rawRequest(`GET /v2/alarms?q.field=name&q.value=${'a'.repeat(1024 * 1024)} HTTP/1.1\r\nhost: x\r\n${identity}connection: close\r\n\r\n`);
    expectError(asReply(reply), 414, /longer than the limit of 10240 bytes/);
  });

  it('1,000 filters are 414 with the envelope', async () => {
    const query = Array.from({ length: 1000 }, (_, i) => `q.field=name&q.op=eq&q.value=v${i}`).join('&');
    expectError(await api.call('GET', `/v2/alarms?${query}`, { as: MEMBER }), 414);
  });

  it('a head past even Node\'s parser limit is still an envelope, not a reset', async () => {
    const reply = await rawRequest(`GET /v2/alarms HTTP/1.1\r\nhost: x\r\nx-big: ${'a'.repeat(3 * 1024 * 1024)}\r\nconnection: close\r\n\r\n`);
    expectError(asReply(reply), 431);
  });

  it.each(['FOO', 'PROPFIND', 'PURGE'])('an unknown method (%s) is 400 with the envelope', async (method) => {
    const reply = await rawRequest(`${method} /v2/alarms HTTP/1.1\r\nhost: x\r\n${identity}connection: close\r\n\r\n`);
    expectError(asReply(reply), 400, /Unsupported HTTP method/);
  });

  it('a request line and headers under 10,240 bytes pass', async () => {
    expect((await api.call('GET', `/v2/alarms?q.field=name&q.value=${'a'.repeat(9000)}`, { as: MEMBER })).status).toBe(200);
  });
});

describe('B8: bodies that are not JSON documents', () => {
  it('invalid UTF-8 is a 400', async () => {
    const json = Buffer.from(JSON.stringify(prometheusAlarm({ description: 'XX' })));
    const at = json.indexOf('XX');
    json[at] = 0xff;
    json[at + 1] = 0xfe;
    const head = `POST /v2/alarms HTTP/1.1\r\nhost: x\r\n${identity}content-type: application/json\r\ncontent-length: ${json.length}\r\nconnection: close\r\n\r\n`;
    expectError(asReply(await rawRequest(head, json)), 400, 'Request is not in valid JSON format');
  });

  it.each(['multipart/form-data', 'multipart/form-data; boundary=xyz', 'application/x-www-form-urlencoded'])('a %s body is 415, even when its bytes are JSON', async (type) => {
    const reply = await api.call('POST', '/v2/alarms', { as: MEMBER, rawBody: JSON.stringify(prometheusAlarm()), headers: { 'content-type': type } });
    expectError(reply, 415, `Unknown mimetype: ${type.split(';')[0] ?? ''}`);
  });

  it('a real multipart form is 415 too', async () => {
    const form = new FormData();
    form.append('data', JSON.stringify(prometheusAlarm()));
    const response = await fetch(`${api.url}/v2/alarms`, { method: 'POST', body: form, headers: { 'x-user-id': 'u', 'x-project-id': 'p', 'x-roles': 'member' } });
    expect(response.status).toBe(415);
    expect(((await response.json()) as Json).error_message).toMatchObject({ faultcode: 'Client' });
  });
});
