/**
 * The browser the web tests drive, brought by npm so that `npm install` is the only step on a fresh machine:
 * the headless Chromium that @sparticuz/chromium ships inside its package (brotli-compressed, Linux x64) and a
 * Chinese font, Noto Sans Hans from @embedpdf/fonts-sc. Nothing is downloaded at install or run time, and
 * neither a system Chromium nor system fonts are used: Chromium gets a fontconfig file of its own that names
 * only the npm font, so every screenshot shows the same glyphs on every machine (and never boxes).
 *
 * SCF_CHROMIUM=/path/to/chromium drives another Chromium instead (e.g. Debian's /usr/bin/chromium); it still
 * gets the npm font.
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';

const require = createRequire(import.meta.url);

/** Flags for a machine with no display and no network beyond loopback (see the README's test section). */
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const FIX = 'Run `npm install` at the repository root (it brings the browser and the font), or set SCF_CHROMIUM to a Chromium executable.';

/** The directory a package's files sit in, or a failure that says how to get it. */
function packageDir(name: string): string {
  try {
    return dirname(require.resolve(name));
  } catch {
    throw new Error(`The browser tests need the npm package ${name}, which is not installed. ${FIX}`);
  }
}

/**
 * The npm-shipped Chromium, unpacked once per package version into node_modules/.cache (about 210 MB; the
 * package holds it compressed). Written under a temporary name and renamed, so a run that was stopped halfway,
 * or two runs at once, never leave a half-written browser behind.
 */
async function shippedChromium(): Promise<string> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`The npm-shipped Chromium is built for Linux x64 only, not ${process.platform} ${process.arch}: set SCF_CHROMIUM to a Chromium executable.`);
  }
  const pkg = join(packageDir('@sparticuz/chromium'), '..');
  const { version } = require(join(pkg, 'package.json')) as { version: string };
  const cache = join(pkg, '..', '..', '.cache', `scf-chromium-${version}`);
  const binary = join(cache, 'chromium');
  if (existsSync(binary)) return binary;
  const packed = join(pkg, 'bin', 'chromium.br');
  if (!existsSync(packed)) throw new Error(`${packed} is missing: the @sparticuz/chromium install is incomplete. ${FIX}`);
  mkdirSync(cache, { recursive: true });
  const partial = `${binary}.${process.pid}.partial`;
  try {
    await pipeline(createReadStream(packed), createBrotliDecompress({ chunkSize: 1 << 21 }), createWriteStream(partial, { mode: 0o755 }));
    renameSync(partial, binary);
  } finally {
    rmSync(partial, { force: true });
  }
  return binary;
}

/** A fontconfig file in a fresh temporary directory that knows only the npm font (and caches there). */
function fontConfig(): { file: string; dir: string } {
  const fonts = join(packageDir('@embedpdf/fonts-sc'), '..', 'fonts');
  if (!existsSync(join(fonts, 'NotoSansHans-Regular.otf'))) throw new Error(`${fonts} has no NotoSansHans-Regular.otf. ${FIX}`);
  const dir = mkdtempSync(join(tmpdir(), 'scf-fonts-'));
  const file = join(dir, 'fonts.conf');
  writeFileSync(
    file,
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>${fonts}</dir>
  <cachedir>${join(dir, 'cache')}</cachedir>
</fontconfig>
`,
  );
  return { file, dir };
}

/** Which Chromium the tests drive: SCF_CHROMIUM when set (and it must exist), else the npm-shipped one. */
export async function chromiumExecutable(): Promise<string> {
  const chosen = process.env.SCF_CHROMIUM;
  if (chosen) {
    if (!existsSync(chosen)) throw new Error(`SCF_CHROMIUM=${chosen} does not exist. Unset it to use the npm-shipped Chromium, or point it at a Chromium executable.`);
    return chosen;
  }
  return shippedChromium();
}

/** Starts headless Chromium with the npm font; its font directory goes when the browser does. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = await chromiumExecutable();
  const fonts = fontConfig();
  try {
    const browser = await chromium.launch({
      executablePath,
      args: ARGS,
      env: { ...process.env, FONTCONFIG_FILE: fonts.file },
    });
    browser.on('disconnected', () => rmSync(fonts.dir, { recursive: true, force: true }));
    return browser;
  } catch (e) {
    rmSync(fonts.dir, { recursive: true, force: true });
    throw new Error(`Chromium at ${executablePath} did not start: ${(e as Error).message}\n${FIX}`, { cause: e });
  }
}
