/** What every X route receives. */
import type { UserRecord, XStore } from '../store.ts';
import type { XEndpoint } from '../types.ts';

export interface XCall {
  store: XStore;
  /** The token's account. */
  me: UserRecord;
  /** Path parameters (`:id`, `:username`). */
  path: Record<string, string>;
  query: Record<string, string>;
  /** Parsed JSON or urlencoded body (POST and PUT). */
  body: Record<string, unknown>;
}

export interface XAnswer {
  status: number;
  body: unknown;
}

export interface XRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  endpoint: XEndpoint;
  /** Path pattern; named groups become `path`. */
  pattern: RegExp;
  handle(call: XCall): XAnswer;
}
