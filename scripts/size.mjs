// Prints the initial JavaScript of the production build: the entry chunk and
// every chunk it imports statically (what loads before the first screen),
// gzipped. Route chunks, curriculum, locales and jsPDF load later.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 180;
// SIZE_DIST measures another build folder (e.g. one built with --outDir).
const dist = process.env.SIZE_DIST ?? 'dist';
if (!existsSync(`${dist}/.vite/manifest.json`) || process.argv.includes('--build')) {
  // NODE_ENV=development in the caller's environment would build React's development bundle.
  execSync(`npx vite build --outDir ${dist}`, {
    stdio: 'ignore',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
const manifest = JSON.parse(readFileSync(`${dist}/.vite/manifest.json`, 'utf8'));
const entry = Object.values(manifest).find((chunk) => chunk.isEntry);
const seen = new Set();
const rows = [];
(function walk(chunk) {
  if (!chunk || seen.has(chunk.file)) return;
  seen.add(chunk.file);
  const bytes = readFileSync(`${dist}/${chunk.file}`);
  rows.push({ file: chunk.file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  for (const key of chunk.imports ?? []) walk(manifest[key]);
})(entry);
const css = (entry.css ?? []).map(
  (file) => gzipSync(readFileSync(`${dist}/${file}`), { level: 9 }).length,
);
const total = rows.reduce((n, r) => n + r.gzip, 0);
for (const r of rows) console.log(`${(r.gzip / 1024).toFixed(1).padStart(7)} KB gzip  ${r.file}`);
const kb = (total / 1024).toFixed(1);
console.log(
  `initial JavaScript: ${kb} KB gzip (budget ${BUDGET_KB} KB); CSS ${(css.reduce((a, b) => a + b, 0) / 1024).toFixed(1)} KB gzip`,
);
// The static first frame's script runs before the app's, inline in the
// page's head (src/app/first-frame-script.js, minified by the build): listed
// on its own, as it is not part of the module graph above.
for (const [, code] of readFileSync(`${dist}/index.html`, 'utf8').matchAll(
  /<script>([\s\S]*?)<\/script>/g,
)) {
  console.log(
    `  + ${(gzipSync(code, { level: 9 }).length / 1024).toFixed(1)} KB gzip  first frame's script (inline in index.html, minified by the build)`,
  );
}
const jspdfInitial = rows.some((r) => readFileSync(`${dist}/${r.file}`, 'utf8').includes('jsPDF'));
if (jspdfInitial) console.log('jsPDF is in the initial bundle: it must load lazily');
process.exit(total / 1024 > BUDGET_KB || jspdfInitial ? 1 : 0);
