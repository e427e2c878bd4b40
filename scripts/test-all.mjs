// `npm test`: unit + component tests (vitest), then the production build and
// the end-to-end tests in real Chromium (Playwright). Prints one closing line
// with the totals of both suites: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'aplis-test-'));
const vitestJson = join(dir, 'vitest.json');
const playwrightJson = join(dir, 'playwright.json');

function run(command, args, env = {}) {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  return (
    spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1
  );
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

let passed = 0;
let failed = 0;
const problems = [];

// 1. Unit and component tests.
const vitestStatus = run('npx', ['vitest', 'run'], { VITEST_JSON: vitestJson });
const vitest = readJson(vitestJson);
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  if (vitest.numTotalTests === 0) problems.push('vitest ran no tests');
} else problems.push('vitest produced no results');
if (vitestStatus !== 0 && !(vitest && vitest.numFailedTests > 0))
  problems.push(`vitest exited with ${vitestStatus}`);

// 2. Production build, then end-to-end tests against `vite preview`.
const buildStatus = run('npx', ['vite', 'build']);
if (buildStatus !== 0) {
  problems.push('the production build failed, so the end-to-end tests could not run');
} else {
  const e2eStatus = run('npx', ['playwright', 'test'], { PLAYWRIGHT_JSON: playwrightJson });
  const e2e = readJson(playwrightJson);
  if (e2e?.stats) {
    const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = e2e.stats;
    passed += expected + flaky;
    failed += unexpected;
    // A skipped end-to-end test is a failure: the suite must never skip silently.
    if (skipped > 0) {
      failed += skipped;
      problems.push(`${skipped} end-to-end test(s) were skipped`);
    }
    if (expected + unexpected + flaky === 0) problems.push('the end-to-end suite ran no tests');
    for (const error of e2e.errors ?? [])
      problems.push(`playwright: ${String(error.message ?? error).split('\n')[0]}`);
  } else
    problems.push('the end-to-end suite produced no results (is Chromium installed? see README)');
  if (e2eStatus !== 0 && !(e2e?.stats?.unexpected > 0))
    problems.push(`playwright exited with ${e2eStatus}`);
}

for (const problem of problems) console.log(`problem: ${problem}`);
if (!existsSync(vitestJson)) console.log('(no vitest report written)');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || problems.length > 0 ? 1 : 0);
