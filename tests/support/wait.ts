/** Retries `check` until it returns a value (not undefined) or the time is up; returns it and the time taken. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs: number, intervalMs = 50) {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return { value, elapsedMs: Date.now() - started };
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
