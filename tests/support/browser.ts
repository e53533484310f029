/** Debian's Chromium, started as CI starts it: no sandbox (root), no network chatter. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** What a console sign-in needs from playwright's Browser (kept structural: no import here). */
interface BrowserLike<P> {
  newContext(options: { viewport: { width: number; height: number }; locale: string }): Promise<{ newPage(): Promise<P> }>;
}
interface PageLike {
  goto(url: string): Promise<unknown>;
  fill(selector: string, value: string): Promise<void>;
  click(selector: string): Promise<void>;
  waitForSelector(selector: string, options: { state: 'hidden' }): Promise<unknown>;
}

/** A new French browser context, on the moderation console, signed in. */
export async function signInToConsole<P extends PageLike>(browser: BrowserLike<P>, url: string, account: { email: string; password: string }, viewport = { width: 1280, height: 900 }): Promise<P> {
  const context = await browser.newContext({ viewport, locale: 'fr-FR' });
  const page = await context.newPage();
  await page.goto(url);
  await page.fill('#login-email', account.email);
  await page.fill('#login-password', account.password);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#login-form', { state: 'hidden' });
  return page;
}
