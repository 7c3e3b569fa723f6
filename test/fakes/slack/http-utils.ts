/**
 * What Slack's HTTP adds to the plumbing in ../common/http.ts: the Web API and response URLs
 * answer `application/json; charset=utf-8`, as Slack does.
 */
import { sendJson as sendPlainJson } from '../common/http.ts';

export const sendJson: typeof sendPlainJson = (res, status, body, headers = {}) =>
  sendPlainJson(res, status, body, {
    'content-type': 'application/json; charset=utf-8',
    ...headers,
  });
