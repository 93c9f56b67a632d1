import { build } from 'esbuild';
import { copyFileSync, cpSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** Where the built site is; the gateway serves it at `/`. */
export const webRoot = join(here, 'dist');

/**
 * Builds the site into web/dist: one small bundle per page (ES2017, minified — thin clients on slow links
 * run old browsers and pay for every byte), the HTML and CSS as they are, and ECharts copied from its
 * package for the dashboard page only (the page loads it, and the Excel writer, after its figures). Nothing is fetched from outside at run time.
 */
export async function buildWeb(outDir = webRoot): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: { app: join(here, 'src/app/main.ts'), dashboard: join(here, 'src/dashboard/main.ts'), 'dashboard-xlsx': join(here, 'src/dashboard/xlsx.ts'), track: join(here, 'src/track/main.ts'), sw: join(here, 'src/sw.ts') },
    outdir: outDir,
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2017',
    sourcemap: false,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
  });
  cpSync(join(here, 'public'), outDir, { recursive: true });
  const require = createRequire(import.meta.url);
  copyFileSync(require.resolve('echarts/dist/echarts.min.js'), join(outDir, 'echarts.min.js'));
  return outDir;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(`built ${await buildWeb()}`);
}
