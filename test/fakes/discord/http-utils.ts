/**
 * What Discord's HTTP adds to the plumbing in ../common/http.ts: request bodies that may come
 * as multipart.
 */

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
