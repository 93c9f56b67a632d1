import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chromiumExecutable, launchChromium } from './browser.js';

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results');

/** Runs `fn` with SCF_CHROMIUM set to `value` (or unset), and puts the caller's back afterwards. */
async function withScfChromium<T>(value: string | undefined, fn: () => Promise<T>): Promise<T> {
  const before = process.env.SCF_CHROMIUM;
  if (value === undefined) delete process.env.SCF_CHROMIUM;
  else process.env.SCF_CHROMIUM = value;
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.SCF_CHROMIUM;
    else process.env.SCF_CHROMIUM = before;
  }
}

describe('the browser the web tests drive', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await withScfChromium(undefined, launchChromium);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('is the Chromium that npm installed, not one of the machine’s', async () => {
    const path = await withScfChromium(undefined, chromiumExecutable);
    expect(path).toMatch(/node_modules\/\.cache\/scf-chromium-[\d.]+\/chromium$/);
    expect(browser.version()).toMatch(/^\d+\./);
  });

  it('draws Chinese text in the npm-shipped Noto Sans Hans, and no system font', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 640, height: 200 } });
    // The window app's own font stack: none of these names exists here, so fontconfig must fall back.
    await page.setContent(`<html lang="zh-CN"><body style="font-family:system-ui,'PingFang SC','Microsoft YaHei',sans-serif;font-size:24px">
      <h1 id="zh">宁武县凤凰镇 便民服务室</h1><p id="mixed">流动人口婚育证明 ZM-JS-007 <b>已受理</b></p></body></html>`);
    const cdp = await page.context().newCDPSession(page);
    const { root } = await cdp.send('DOM.getDocument');
    await cdp.send('CSS.enable');
    const fontsOf = async (selector: string) => {
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      return fonts.map((f) => f.familyName);
    };
    expect(await fontsOf('#zh')).toEqual(['Noto Sans S Chinese Bold']);
    expect((await fontsOf('#mixed')).sort()).toEqual(['Noto Sans S Chinese Bold', 'Noto Sans S Chinese Regular']);
    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: join(RESULTS, 'font-zh-CN.png') });
    await page.close();
  });

  it('fails with the fix named when SCF_CHROMIUM points nowhere, instead of skipping', async () => {
    await expect(withScfChromium('/nonexistent/chromium', launchChromium)).rejects.toThrow(
      'SCF_CHROMIUM=/nonexistent/chromium does not exist. Unset it to use the npm-shipped Chromium, or point it at a Chromium executable.',
    );
  });
});
