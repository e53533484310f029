/** Graph API errors, shaped like Graph's: `{ error: { message, type, code, error_subcode?, fbtrace_id } }`. */
export interface GraphErrorBody {
  message: string;
  type: string;
  code: number;
  error_subcode?: number;
  is_transient?: boolean;
  error_user_title?: string;
  error_user_msg?: string;
}

export class GraphApiError extends Error {
  readonly status: number;
  readonly error: GraphErrorBody;
  readonly headers: Record<string, string>;

  constructor(status: number, error: GraphErrorBody, headers: Record<string, string> = {}) {
    super(error.message);
    this.status = status;
    this.error = error;
    this.headers = headers;
  }
}

export function unsupported(method: string, id: string): GraphApiError {
  return new GraphApiError(400, {
    message: `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    type: 'GraphMethodException',
    code: 100,
    error_subcode: 33,
  });
}

export function invalidParameter(message: string): GraphApiError {
  return new GraphApiError(400, { message: `(#100) ${message}`, type: 'OAuthException', code: 100 });
}

export function nonexistingField(field: string, nodeType: string): GraphApiError {
  return invalidParameter(`Tried accessing nonexisting field (${field}) on node type (${nodeType})`);
}

const RATE_LIMIT_MESSAGES: Record<number, Omit<GraphErrorBody, 'code'>> = {
  4: { message: '(#4) Application request limit reached', type: 'OAuthException', is_transient: true },
  17: { message: '(#17) User request limit reached', type: 'OAuthException', is_transient: true, error_subcode: 2446079 },
  32: { message: '(#32) Page request limit reached', type: 'OAuthException', is_transient: true },
  613: { message: '(#613) Calls to this api have exceeded the rate limit.', type: 'OAuthException', is_transient: true },
};

export function rateLimitError(code: number, status: number, headers: Record<string, string>): GraphApiError {
  const known = RATE_LIMIT_MESSAGES[code] ?? RATE_LIMIT_MESSAGES[4]!;
  return new GraphApiError(status, { ...known, code }, headers);
}

function wwwAuthenticate(message: string): Record<string, string> {
  return { 'www-authenticate': `OAuth "Facebook Platform" "invalid_token" "${message.replace(/"/g, "'")}"` };
}

export function missingToken(): GraphApiError {
  const message = 'An access token is required to request this resource.';
  return new GraphApiError(400, { message, type: 'OAuthException', code: 104 }, wwwAuthenticate(message));
}

export function invalidToken(): GraphApiError {
  const message = 'Invalid OAuth access token - Cannot parse access token';
  return new GraphApiError(400, { message, type: 'OAuthException', code: 190 }, wwwAuthenticate(message));
}

export function expiredToken(now: number): GraphApiError {
  const stamp = (ms: number) => new Date(ms).toUTCString().replace('GMT', 'UTC');
  const message = `Error validating access token: Session has expired on ${stamp(now - 3_600_000)}. The current time is ${stamp(now)}.`;
  return new GraphApiError(400, { message, type: 'OAuthException', code: 190, error_subcode: 463 }, wwwAuthenticate(message));
}

export function transientServerError(status: number): GraphApiError {
  return new GraphApiError(status, {
    message: 'An unexpected error has occurred. Please retry your request later.',
    type: 'OAuthException',
    is_transient: true,
    code: 2,
  });
}
