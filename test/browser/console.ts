// The web console in a real browser: the API (real AppModule, a worker in the same process) serves
// the built console (dist/web) on a port of its own, and playwright-core drives Debian's Chromium
// (CHROMIUM_PATH, found or installed by `npm test`'s set-up). The journeys change shared settings (alarm
// and grading rules, published documents), so the console runs on a database and task queue of its own:
// the API tests beside it see none of that.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../test-app';

const ROOT = path.resolve(__dirname, '../..');
export const SCREENSHOTS = path.join(ROOT, 'docs/screenshots');
export const DEMO_PASSWORD = 'Demo@2026';

/** A context's cookies and localStorage (where the console keeps its session), to open more pages signed in. */
export type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

export interface Console {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  /** A fresh browser context (its own storage, or a saved one), at 1280 px unless given. */
  context(viewport?: { width: number; height: number }, storageState?: StorageState): Promise<BrowserContext>;
  /** The Content-Security-Policy violations any page reported since the last call (and forgets them). */
  takeCspViolations(): string[];
  close(): Promise<void>;
}

/** Builds the console when apps/web changed since the last build (a no-op otherwise). */
function ensureWebBuild(): void {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', "const m = await import('./scripts/lib/run.mjs'); m.buildWeb(process.env);"], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`building the web console failed:\n${result.stdout}${result.stderr}`);
}

export async function startConsole(): Promise<Console> {
  const executablePath = process.env.CHROMIUM_PATH;
  if (!executablePath || !fs.existsSync(executablePath)) {
    throw new Error("CHROMIUM_PATH is unset or missing: run the tests with `npm test`, which finds or installs Debian's chromium");
  }
  ensureWebBuild();
  const t = await startTestApp({ isolated: 'browser', overrides: { WEB_DIR: path.join(ROOT, 'dist/web') } });
  await t.app.listen(0, '127.0.0.1');
  const address = t.app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'] });
  const contexts: BrowserContext[] = [];
  const violations: string[] = [];
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    t,
    baseUrl,
    browser,
    async context(viewport = { width: 1280, height: 900 }, storageState?: StorageState) {
      const context = await browser.newContext({ baseURL: baseUrl, viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', storageState });
      context.setDefaultTimeout(20_000);
      // The API's CSP must fit the console: every refusal the browser reports is collected, both the
      // DOM event (which names the directive) and Chromium's console message ("Refused to ...").
      await context.exposeFunction('__reportCspViolation', (text: string) => violations.push(text));
      await context.addInitScript(
        "document.addEventListener('securitypolicyviolation', (e) => window.__reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} on ${location.pathname}`));",
      );
      context.on('console', (message) => {
        if (message.type() === 'error' && /Refused to|Content Security Policy/.test(message.text())) violations.push(message.text());
      });
      contexts.push(context);
      return context;
    },
    takeCspViolations() {
      return violations.splice(0, violations.length);
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await t.close();
    },
  };
}

/** Signs in through the login page and waits for the landing page of the role. */
export async function signIn(page: Page, username: string, landing: RegExp): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(landing);
}

/** Saves a screenshot of the main page shown, for the README (docs/screenshots/<name>.png). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
