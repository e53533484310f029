/**
 * Pointing the real SDKs at the emulators (tests and demo only).
 *
 * - facebook-nodejs-business-sdk builds every URL as `${FacebookAdsApi.GRAPH}/${VERSION}/…`
 *   (`VERSION` is `v24.0` in 24.x) from a static getter; redefining that getter on the class
 *   redirects every call (a subclass does not: the SDK reads `FacebookAdsApi.GRAPH` by name).
 *   Cursors follow `paging.next` verbatim, so the emulator writes its own URL there.
 * - twitter-api-v2 hard-codes `https://api.x.com/…` (v2, v1.1, OAuth) and sends through
 *   `https.request` with `clientSettings.httpAgent`. A plugin rewrites the URL before the request
 *   is built and an `http.Agent` makes the http URL acceptable.
 */
import { Agent } from 'node:http';
import type { ITwitterApiClientPlugin } from 'twitter-api-v2';

type GraphHolder = { readonly GRAPH: string };

/** Redirects the Facebook SDK to `baseUrl` (no version, no trailing slash); returns the undo. */
export function redirectFacebookSdk(api: GraphHolder, baseUrl: string): () => void {
  const previous = Object.getOwnPropertyDescriptor(api, 'GRAPH');
  Object.defineProperty(api, 'GRAPH', { get: () => baseUrl, configurable: true });
  return () => {
    if (previous) Object.defineProperty(api, 'GRAPH', previous);
  };
}

/** Plugin rewriting X's hosts (`api.x.com`, the older `api.twitter.com`, `upload.…`) to `baseUrl`. */
export function xEmulatorPlugin(baseUrl: string): ITwitterApiClientPlugin {
  const rewrite = (url: string) => url.replace(/^https:\/\/(?:api|upload)\.(?:x|twitter)\.com/, baseUrl);
  return {
    onBeforeRequestConfig({ params }) {
      params.url = rewrite(params.url);
    },
    onBeforeStreamRequestConfig({ params }) {
      params.url = rewrite(params.url);
    },
  };
}

/** Settings for `new TwitterApi(token, settings)` talking to the X emulator at `baseUrl`. */
export function xEmulatorSettings(baseUrl: string, agent: Agent = new Agent({ keepAlive: true })): { plugins: ITwitterApiClientPlugin[]; httpAgent: Agent } {
  return { plugins: [xEmulatorPlugin(baseUrl)], httpAgent: agent };
}
