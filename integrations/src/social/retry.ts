import { IntegrationError } from '../errors/index.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries transient failures (5xx) a few times with a short backoff; anything else is thrown at once. */
export async function retryTransient<T>(call: () => Promise<T>, attempts = 3, baseMs = 50): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof IntegrationError) || error.kind !== 'transient' || attempt + 1 >= attempts) throw error;
      await sleep(baseMs * 2 ** attempt);
    }
  }
}
