import type { Page } from 'playwright-core';

export interface WatchOptions {
  /**
   * The page may be a refusal (a 400 in French) or a feed in Chromium's XML viewer: the console
   * line for the document's own status, and for the /favicon.ico the viewer asks for on its own,
   * are not problems. Any other failed sub-resource still is.
   */
  refusalPages?: boolean;
  /** Each call returns what happened since the previous call, not since the first navigation. */
  drain?: boolean;
}

/**
 * What a page must never do, collected by listeners and an init script: a dialog, a console
 * error, a page error, a CSP violation, a call of the corpus's marker `window.__pwned`. Call it
 * before the first navigation; the function it returns lists what happened.
 */
export async function watch(page: Page, options: WatchOptions = {}) {
  const problems: string[] = [];
  await page.addInitScript(() => {
    const w = window as unknown as { __pwned: (id: string) => void; __problems: string[] };
    w.__problems = [];
    w.__pwned = (id) => w.__problems.push(`executed ${id}`);
    document.addEventListener('securitypolicyviolation', (e) => w.__problems.push(`CSP ${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on('dialog', (d) => {
    problems.push(`dialog ${d.message()}`);
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (options.refusalPages) {
      const url = m.location().url;
      if (m.text().startsWith('Failed to load resource') && (url === page.url() || url === new URL('/favicon.ico', page.url()).href)) return;
      problems.push(`console ${m.text()} (${url})`);
      return;
    }
    problems.push(`console ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror ${e.message}`));
  return async () => {
    const inPage = await page.evaluate(() => (window as unknown as { __problems?: string[] }).__problems ?? []).catch(() => []);
    const all = [...problems, ...inPage];
    if (options.drain) problems.length = 0;
    return all;
  };
}
