/**
 * The browser tests' set-up: the web site built into a temporary directory, the whole federation serving
 * it (a fresh database per file, the demo county seeded), and the npm-shipped Chromium (./browser.ts) driven by
 * playwright-core.
 * Screenshots of the key screens go to web/test-results/ (not committed) as the run's artifacts.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestFederation, type TestFederation } from '@scf/federation/testing';
import { buildWeb } from '../build.js';
import { launchChromium } from './browser.js';

/** The demo accounts' password (DEMO_PASSWORD of @scf/seed, which fed.seed sets). */
export const DEMO_PASSWORD = 'demo-pass-2026';
export const COUNTY = '140925';
export const TOWNSHIP = '140925100';
export const VILLAGE = '140925100207';
export const VILLAGE_CLERK = `${VILLAGE}.a`;
/** 凤凰镇's 计生 desk, which decides 流动人口婚育证明 (ZM-JS-007). */
export const TOWNSHIP_CLERK = `${TOWNSHIP}.d3.a`;
export const DIRECTOR = `${COUNTY}.director`;

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results');

export interface Site {
  fed: TestFederation;
  browser: Browser;
  origin: string;
  /** A fresh browser profile: its own storage, service workers and network state, like another computer. */
  newContext(options?: Parameters<Browser['newContext']>[0]): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function startSite(): Promise<Site> {
  const dir = mkdtempSync(join(tmpdir(), 'scf-web-'));
  const webRoot = await buildWeb(dir);
  const fed = await startTestFederation({ webRoot });
  let browser: Browser | undefined;
  try {
    await fed.seed(COUNTY);
    browser = await launchChromium();
  } catch (e) {
    await fed.close();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const contexts: BrowserContext[] = [];
  mkdirSync(RESULTS, { recursive: true });
  return {
    fed,
    browser,
    origin: fed.gatewayOrigin,
    async newContext(options) {
      const c = await browser!.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1100, height: 900 }, ...options });
      c.setDefaultTimeout(20_000);
      contexts.push(c);
      return c;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser?.close().catch(() => undefined);
      await fed.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot as web/test-results/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(RESULTS, `${name}.png`), fullPage: true });
}

/** Signs in on the window app's sign-in screen, as staff do. */
export async function signInToApp(page: Page, origin: string, username: string): Promise<void> {
  await page.goto(`${origin}/`);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('.app-bar').waitFor();
}

/** A valid 18-digit resident ID (GB 11643 check digit) of someone born in 宁武县 on `birth`. */
export function residentId(birth = '19900101', serial = '123'): string {
  const first17 = `${COUNTY}${birth}${serial}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}
