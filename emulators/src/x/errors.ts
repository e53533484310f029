/** X API v2's error answers: problem JSON, `Invalid Request` with its parameters, `Not Found Error` entries. */
export class XApiError extends Error {
  readonly status: number;
  readonly body: Record<string, unknown>;

  constructor(status: number, body: Record<string, unknown>) {
    super(String(body.detail ?? body.title ?? status));
    this.status = status;
    this.body = body;
  }
}

export const problem = (status: number, title: string, detail: string, type = 'about:blank') => new XApiError(status, { title, detail, type, status });

export function invalidRequest(parameter: string, values: string[], message: string): XApiError {
  return new XApiError(400, {
    errors: [{ parameters: { [parameter]: values }, message }],
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: 'https://api.twitter.com/2/problems/invalid-request',
  });
}

export function notFound(kind: 'tweet' | 'user', parameter: string, value: string): Record<string, unknown> {
  return {
    value,
    detail: `Could not find ${kind} with ${parameter}: [${value}].`,
    title: 'Not Found Error',
    resource_type: kind,
    parameter,
    resource_id: value,
    type: 'https://api.twitter.com/2/problems/resource-not-found',
  };
}

/** The 404 of a write on a tweet that does not exist (or no longer). */
export const tweetNotFound = (id: string | undefined) =>
  problem(404, 'Not Found Error', `Could not find tweet with id: [${id}].`, 'https://api.twitter.com/2/problems/resource-not-found');
