// @ts-check
/**
 * The console's only door to the service: GraphQL over POST with a JSON body (the server's CSRF
 * prevention refuses anything else) and the session cookie.
 */

/** A GraphQL error: `message` is already French and can be shown as is. */
export class ApiError extends Error {
  /**
   * @param {string} message
   * @param {string} code the server's `extensions.code` (`UNAUTHENTICATED`, `FORBIDDEN`…), or `NETWORK` / `INTERNAL`
   */
  constructor(message, code) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

let sessionExpired = () => {};

/**
 * Called once by the app: what to do when the server says the session is gone.
 * @param {() => void} handler
 */
export function onSessionExpired(handler) {
  sessionExpired = handler;
}

/**
 * Sends one operation of `queries.js`; resolves with its `data`, or rejects with an `ApiError`.
 * The answer is `any`: each view annotates what it keeps with the typedefs of `types.js`.
 * @param {string} query
 * @param {Record<string, unknown>} [variables]
 * @returns {Promise<any>}
 */
export async function graphql(query, variables = {}) {
  let response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError('Le service de modération ne répond pas. Vérifiez votre connexion et réessayez.', 'NETWORK');
  }
  let payload;
  try {
    payload = await response.json();
  } catch {
    throw new ApiError('Réponse inattendue du service de modération. Merci de réessayer.', 'INTERNAL');
  }
  const error = payload.errors?.[0];
  if (error) {
    const code = error.extensions?.code ?? 'INTERNAL';
    if (code === 'UNAUTHENTICATED') sessionExpired();
    throw new ApiError(error.message, code);
  }
  return payload.data;
}
