/**
 * The node:http plumbing both fakes (Slack and Discord) serve with, so their route files are
 * only about what the platform would answer. What differs per platform (Slack's JSON
 * content type, Discord's multipart bodies) stays in each fake's own http-utils.ts.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** One request with its body already read: every route needs the raw text (for the log). */
export interface HttpCall {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  rawBody: string;
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Header names lower-cased (node does that) with repeated values joined, for easy asserts. */
export function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/**
 * Answers with `body` as JSON (a 204 carries no body). `headers` win over the defaults, so a
 * fake can name the exact content type its platform sends. A response already ended (a
 * client that went away, a fault that answered first) is left alone.
 */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.writableEnded || res.destroyed) return;
  if (status === 204) {
    res.writeHead(204, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Listens on 127.0.0.1 only (tests never leave the machine); resolves to the bound port. */
export async function listenOnLoopback(
  server: Server,
  port: number,
  name: string,
): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error(`${name}: no address`);
  return address.port;
}
