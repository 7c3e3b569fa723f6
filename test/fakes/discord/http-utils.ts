/**
 * Small node:http helpers, so route files are only about what Discord would answer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** One request with its body already read (the log keeps the raw text). */
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

/**
 * The JSON a request carries: the body itself, or the `payload_json` part of a multipart
 * body (discord.js switches to multipart when a message has files). `undefined` when empty.
 */
export function decodeBody(contentType: string | undefined, rawBody: string): unknown {
  if (rawBody.length === 0) return undefined;
  const boundary = /multipart\/form-data;.*boundary=("?)([^";]+)\1/i.exec(contentType ?? '')?.[2];
  if (boundary === undefined) return JSON.parse(rawBody);
  for (const part of rawBody.split(`--${boundary}`)) {
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd === -1 || !/name="payload_json"/.test(part.slice(0, headerEnd))) continue;
    return JSON.parse(part.slice(headerEnd + 4).replace(/\r\n$/, ''));
  }
  return undefined;
}
