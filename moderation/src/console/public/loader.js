// @ts-check
/**
 * Ignoring an answer that arrives after a newer request: a slow first load must not overwrite
 * what a later one (another filter, another item, a sign-out) already showed.
 *
 *   const loads = latest();
 *   async function load() {
 *     const isLatest = loads(); // a new request: every earlier one is outdated from now on
 *     try {
 *       const data = await graphql(QUERY);
 *       if (!isLatest()) return; // a newer request, or a reset, came meanwhile
 *       render(data);
 *     } catch (error) {
 *       if (isLatest()) showError(error);
 *     }
 *   }
 *   loads.cancel(); // at reset: every request made so far is outdated
 *
 * `isLatest()` may be asked after each await (and in `catch` / `finally`): it stays true until
 * the next `loads()` or `loads.cancel()`.
 *
 * @returns {(() => () => boolean) & { cancel(): void }}
 */
export function latest() {
  let generation = 0;
  const begin = () => {
    const mine = ++generation;
    return () => mine === generation;
  };
  begin.cancel = () => {
    generation++;
  };
  return begin;
}
