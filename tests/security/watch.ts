import type { Page } from 'playwright-core';

/**
 * What a page must never do, collected by listeners and an init script: a dialog, a console
 * error, a page error, a CSP violation, a call of the corpus's marker `window.__pwned`. Call it
 * before the first navigation; the function it returns lists what happened so far.
 */
export async function watch(page: Page) {
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
  page.on('console', (m) => m.type() === 'error' && problems.push(`console ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`pageerror ${e.message}`));
  return async () => [...problems, ...((await page.evaluate(() => (window as unknown as { __problems: string[] }).__problems)) ?? [])];
}
