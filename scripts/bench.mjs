// Performance measurements in a real browser (Debian's Chromium, or
// CHROMIUM_PATH), printed, not asserted: the exit code is 0 when a target is
// missed and non-zero only when the measurement itself fails.
//
//   1. rows:   10,000 rows written and read back through the sealed
//              repositories (validate → AES-GCM → Dexie) versus plain Dexie
//              with no encryption. Runs tests/bench/bench.html from Vite's
//              dev server (port 5174). Target: encrypted ≤ 2× raw.
//   2. unlock: the production build (`vite preview`, port 4174), from clicking
//              Unlock on the unlock screen to the Today heading being
//              visible, with PBKDF2 at 600,000 iterations in a Worker.
//              Target: ≤ 1500 ms, and no main-thread task > 100 ms.
//   3. calendar: 400 groups and 4,000 meetings sealed into a fresh database,
//              then the real month view and group list rendered with the
//              real providers (tests/bench/calendar.html, Vite's dev server,
//              so development React: pessimistic), timed from navigating to
//              them with their data cached to the next painted frame.
//              Target: month view ≤ 200 ms.
//   4. backup: 5,000 participants, 60,000 attendance rows and 20,000 notes
//              sealed into a database (tests/bench/backup.html, Vite's dev
//              server); backup export, restore into an empty database, and
//              merge of a copy with 10 % of rows changed, with the backup
//              passphrase derived at 600,000 PBKDF2 iterations in the Worker.
//              Runs in a browser profile on disk, as an installed app does.
//              Targets: export ≤ 5 s, restore ≤ 10 s, merge ≤ 10 s; also the
//              file size against the raw JSON of the same data.
//   5. attendance: 60,000 attendance rows sealed into a fresh database, then
//              the real meeting-mode screen (tests/bench/attendance.html,
//              Vite's dev server: development React, pessimistic) and 100
//              real taps on its attendance radios, each timed from the click
//              to the repository's put resolving (validated, sealed with
//              AES-GCM, committed to IndexedDB).
//              Target: median ≤ 50 ms, worst ≤ 150 ms.
//   6. reports: 400 cohorts and 60,000 attendance rows (plain data, "after
//              data is loaded"). The domain computation (organisation
//              overview, funder report, one cohort report) timed in Node
//              through Vite's SSR loader, then the real reports page and a
//              cohort report rendered in Chromium from a filled query cache
//              (tests/bench/reports.html, development React: pessimistic).
//              Target: ≤ 500 ms.
//   7. lcp:   Lighthouse 12 (mobile: simulated slow 4G, 4× CPU slowdown,
//              Moto G Power screen) on the production build's first screen
//              in a fresh profile (the welcome screen a new device shows),
//              ROUNDS runs. Targets: LCP ≤ 2.0 s, performance ≥ 0.97.
//   8. lowend: parts 5 and 6 again with Chromium's CPU slowed 4× through the
//              DevTools protocol (Emulation.setCPUThrottlingRate), as on a
//              cheap phone: an attendance tap timed from the click to the
//              frame after its radio shows checked, at 60,000 rows; the
//              reports page and a group report (400 groups, 60,000 rows)
//              from navigation to painted; and Today, a group page, meeting
//              mode and Participants in the whole app (tests/bench/pages.html:
//              400 groups, 5,000 participants, 60,000 sealed attendance rows),
//              each opened by clicking its menu link / a link, with the last
//              page's data dropped from the query cache, to the frame after
//              its heading and first rows/cards are in the DOM (≥ 3 rounds,
//              median and worst). Targets: tap ≤ 100 ms p95, each screen ≤ 1 s.
//   9. sync:  team sync through the development sync server
//              (scripts/sync-server.mjs, in memory, port BENCH_SYNC_PORT,
//              default 5922), reached by the page at /sync/ on its own
//              origin as the app does (tests/bench/sync.html on Vite's dev
//              server; the real controller, engine and PouchDB). Two
//              browser profiles on disk are two devices. Device A holds the
//              benchmark organisation (5,000 participants, 60,000 attendance
//              rows, 20,000 notes) and connects (first push); device B joins
//              with a join code, a staff member unlocks, and the live sync
//              pulls until every row is in B's database and its participants
//              list opens (first pull); then 10 edits on A timed until B
//              holds them (live); then 10 marks made on B while its network
//              is off, timed from reconnecting until the server and A have
//              them; and the server's stored bytes (the JSON of every doc
//              in _all_docs?include_docs=true) against the raw JSON of the
//              same rows. Also the initial JS (scripts/size.mjs) and whether
//              PouchDB stays out of it. Targets: first pull ≤ 90 s, change
//              on B ≤ 3 s median, offline marks ≤ 2 s, storage ≤ 2.5× raw.
//              `--sync-scale=0.1` runs a tenth of the organisation (a smoke run).
//              Not part of the default run (`--only=sync` only): at full size
//              one round takes tens of minutes on a shared machine.
//
// Usage: npm run bench [-- --build] [-- --only=rows|unlock|calendar|backup|attendance|reports|lcp|lowend|pages|sync] [-- --rounds=3] [-- --rows=10000] [-- --sync-scale=1]
// BENCH_CPU_PROFILE=<file> saves a CPU profile of the attendance taps (parts 5
// and 8) and prints the functions with the most self time.
// BENCH_JSON=<file> writes the measured numbers as JSON (so far the lowend part).
// BENCH_DIST and BENCH_PREVIEW_PORT point the production-build parts at another
// build folder and port (two worktrees on one machine).
// BENCH_REACT=production runs the dev-server pages (rows, calendar, attendance,
// reports, lowend) on React's production build — what a phone actually runs —
// instead of the development build (pessimistic: extra checks, no bail-outs).
// `--only=lowend` runs production React unless BENCH_REACT=development.
// `--only=pages` runs only part 8's four pages (Today, group page, meeting
// mode, Participants), also on production React.
//   --build   rebuild dist/ first (otherwise only built when dist/ is missing)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
};
const ROUNDS = Number(option('rounds', '3'));
const ROW_COUNT = Number(option('rows', '10000'));
const ONLY = option('only', 'all');
const REBUILD = args.includes('--build');
// BENCH_DEV_PORT lets two benches run side by side on one machine.
const DEV_PORT = Number(process.env.BENCH_DEV_PORT ?? 5174);
/**
 * Which React build the dev-server bench pages run: 'development' (pessimistic)
 * or 'production'. The low-end part stands for a phone, which runs production.
 */
const REACT_MODE =
  (process.env.BENCH_REACT ??
    (ONLY === 'lowend' || ONLY === 'pages' ? 'production' : 'development')) === 'production'
    ? 'production'
    : 'development';
const PREVIEW_PORT = Number(process.env.BENCH_PREVIEW_PORT ?? 4174);
const DIST = process.env.BENCH_DIST ?? 'dist';
const LCP_TARGET_MS = 2000;
const PERFORMANCE_TARGET = 0.97;
const ROWS_TARGET = 2;
const UNLOCK_TARGET_MS = 1500;
const MAIN_THREAD_TARGET_MS = 100;
const CALENDAR_TARGET_MS = 200;
const CALENDAR_COHORTS = 400;
const CALENDAR_MEETINGS_PER_COHORT = 10;
const BACKUP_EXPORT_TARGET_MS = 5000;
const BACKUP_RESTORE_TARGET_MS = 10_000;
const BACKUP_MERGE_TARGET_MS = 10_000;
const ATTENDANCE_ROWS = 60_000;
const ATTENDANCE_TAPS = 100;
const ATTENDANCE_MEDIAN_TARGET_MS = 50;
const ATTENDANCE_WORST_TARGET_MS = 150;
const REPORTS_TARGET_MS = 500;
const LOWEND_CPU_RATE = 4;
const LOWEND_TAP_P95_TARGET_MS = 100;
const LOWEND_SCREEN_TARGET_MS = 1000;
const REPORTS_COHORTS = 400;
const DEMO_PASSPHRASE = 'aplis demo 2026';
const SYNC_SCALE = Number(option('sync-scale', '1'));
/** Sync rounds take minutes each: two unless --rounds says otherwise. */
const SYNC_ROUNDS = args.some((a) => a.startsWith('--rounds=')) ? ROUNDS : 2;
const SYNC_PORT = Number(process.env.BENCH_SYNC_PORT ?? 5922);
// Vite's dev server (vite.config.ts) passes /sync/ on to APLIS_SYNC_PORT.
process.env.APLIS_SYNC_PORT = String(SYNC_PORT);
const SYNC_FIRST_PULL_TARGET_MS = 90_000;
const SYNC_LIVE_TARGET_MS = 3000;
const SYNC_OFFLINE_TARGET_MS = 2000;
const SYNC_STORAGE_TARGET = 2.5;
const SYNC_LIVE_CHANGES = 10;
const SYNC_OFFLINE_MARKS = 10;
/** Nothing in the sync part waits longer than this for one step (then it fails, saying which). */
const SYNC_STEP_TIMEOUT_MS = 40 * 60_000;

if (
  ![
    'all',
    'rows',
    'unlock',
    'calendar',
    'backup',
    'attendance',
    'reports',
    'lcp',
    'lowend',
    'pages',
    'sync',
  ].includes(ONLY) ||
  !(ROUNDS >= 1) ||
  !(ROW_COUNT >= 1) ||
  !(SYNC_SCALE > 0 && SYNC_SCALE <= 1)
) {
  console.error(
    'usage: node scripts/bench.mjs [--build] [--only=rows|unlock|calendar|backup|attendance|reports|lcp|lowend|pages|sync] [--rounds=N] [--rows=N] [--sync-scale=0..1]',
  );
  process.exit(2);
}

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  console.error(
    `bench: no Chromium at ${chromiumPath}. Install one (Debian/Ubuntu: \`sudo apt-get install -y chromium\`) ` +
      'or set CHROMIUM_PATH to a Chrome/Chromium binary.',
  );
  process.exit(1);
}

const viteBin = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (value) => `${Math.round(value)}`;
const sleep = (millis) => new Promise((resolve) => setTimeout(resolve, millis));

/* ---- Clean-up: everything started here is stopped here, also on errors ---- */

const cleanups = [];
async function cleanUp() {
  while (cleanups.length) {
    const fn = cleanups.pop();
    try {
      await fn();
    } catch {
      // Keep going: the remaining resources still need stopping.
    }
  }
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    void cleanUp().finally(() => process.exit(130));
  });
}

/* ---- Browser ------------------------------------------------------------ */

const { chromium } = await import('@playwright/test');
let browser;
async function launchBrowser() {
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox'],
    headless: true,
  });
  cleanups.push(() => browser.close());
  return browser;
}

function watchPage(page, label) {
  const errors = [];
  page.on('pageerror', (error) => errors.push(`${label}: ${error.message}`));
  page.on('console', (message) => {
    // A missing /favicon.ico on the bench page is not an error of the app.
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) {
      errors.push(`${label} console: ${message.text()} (${message.location().url})`);
    }
  });
  return errors;
}

/** Slows the page's CPU `rate` times (1 = no slowdown), as DevTools' "4× slowdown" does. */
async function throttleCpu(context, page, rate) {
  if (rate <= 1) return;
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

/* ---- 1. Rows ------------------------------------------------------------ */

let devServer;
async function startDevServer() {
  if (devServer) return;
  const { createServer } = await import('vite');
  // Vite's dependency optimiser picks React's build from NODE_ENV, not from the mode.
  if (REACT_MODE === 'production') process.env.NODE_ENV = 'production';
  const server = await createServer({
    root,
    configFile: path.join(root, 'vite.config.ts'),
    // BENCH_REACT=production serves React's production build (what a phone
    // runs) instead of the development one; each has its own dependency cache.
    ...(REACT_MODE === 'production' ? { mode: 'production' } : {}),
    // A cache of its own, so a developer's `npm run dev` is not disturbed.
    cacheDir: path.join(root, 'node_modules', `.vite-bench-${REACT_MODE}`),
    logLevel: 'warn',
    clearScreen: false,
    server: { port: DEV_PORT, strictPort: true, hmr: false },
    // Pre-bundle the bench pages' dependencies up front, so no mid-run reload.
    optimizeDeps: {
      entries: [
        'tests/bench/bench.html',
        'tests/bench/calendar.html',
        'tests/bench/backup.html',
        'tests/bench/attendance.html',
        'tests/bench/reports.html',
        'tests/bench/pages.html',
        'tests/bench/sync.html',
      ],
    },
  });
  cleanups.push(() => server.close());
  await server.listen();
  devServer = server;
}

async function benchRows() {
  await startDevServer();

  const context = await browser.newContext();
  cleanups.push(() => context.close());
  const page = await context.newPage();
  const errors = watchPage(page, 'bench page');
  await page.goto(`http://localhost:${DEV_PORT}/tests/bench/bench.html`);
  await page.waitForFunction(() => typeof window.runBench === 'function', null, {
    timeout: 60_000,
  });

  const results = {};
  for (const kind of ['attendance', 'participants']) {
    // One small unmeasured round warms up the JIT and the code paths.
    await page.evaluate((k) => window.runBench({ kind: k, rows: 1000 }), kind);
    const rounds = [];
    for (let i = 0; i < ROUNDS; i++) {
      const rawFirst = i % 2 === 1;
      const round = await page.evaluate(
        ([k, n, r]) => window.runBench({ kind: k, rows: n, rawFirst: r }),
        [kind, ROW_COUNT, rawFirst],
      );
      rounds.push(round);
      console.log(
        `  ${kind} round ${i + 1} (${rawFirst ? 'raw first' : 'encrypted first'}): ` +
          `encrypted ${ms(round.encrypted.total)} ms (write ${ms(round.encrypted.write)}, read ${ms(round.encrypted.read)}), ` +
          `raw ${ms(round.raw.total)} ms (write ${ms(round.raw.write)}, read ${ms(round.raw.read)}); ` +
          `context: raw + updatedAt index ${ms(round.rawSameIndexes.total)} ms, sealing alone ${ms(round.sealOnly)} ms`,
      );
    }
    const pickMedian = (variant, field) => median(rounds.map((r) => r[variant][field]));
    const summary = {
      encrypted: {
        write: pickMedian('encrypted', 'write'),
        read: pickMedian('encrypted', 'read'),
        total: pickMedian('encrypted', 'total'),
      },
      raw: {
        write: pickMedian('raw', 'write'),
        read: pickMedian('raw', 'read'),
        total: pickMedian('raw', 'total'),
      },
      rawSameIndexes: pickMedian('rawSameIndexes', 'total'),
      sealOnly: median(rounds.map((r) => r.sealOnly)),
      sealedBytesPerRow: rounds[0].sealedBytesPerRow,
    };
    summary.ratio = summary.encrypted.total / summary.raw.total;
    results[kind] = summary;
    console.log(
      `  ${kind}, median of ${ROUNDS}: encrypted ${ms(summary.encrypted.total)} ms (write ${ms(summary.encrypted.write)}, ` +
        `read ${ms(summary.encrypted.read)}) vs raw ${ms(summary.raw.total)} ms (write ${ms(summary.raw.write)}, ` +
        `read ${ms(summary.raw.read)}) → ${summary.ratio.toFixed(2)}× ` +
        `(write ${(summary.encrypted.write / summary.raw.write).toFixed(2)}×, read ${(summary.encrypted.read / summary.raw.read).toFixed(2)}×; ` +
        `${summary.sealedBytesPerRow} sealed bytes per row)`,
    );
    console.log(
      `  ${kind}, context: validating + sealing alone ${ms(summary.sealOnly)} ms of the ${ms(summary.encrypted.write)} ms write; ` +
        `raw with the repository's updatedAt index ${ms(summary.rawSameIndexes)} ms → encrypted/that ` +
        `${(summary.encrypted.total / summary.rawSameIndexes).toFixed(2)}×`,
    );
  }
  if (errors.length) throw new Error(`the bench page reported errors:\n${errors.join('\n')}`);
  await context.close();
  return results;
}

/* ---- 3. Calendar -------------------------------------------------------- */

async function benchCalendar() {
  await startDevServer();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  cleanups.push(() => context.close());
  const page = await context.newPage();
  const errors = watchPage(page, 'calendar bench page');
  await page.goto(`http://localhost:${DEV_PORT}/tests/bench/calendar.html`);
  await page.waitForFunction(() => typeof window.runCalendarBench === 'function', null, {
    timeout: 60_000,
  });
  // One small unmeasured run warms up the JIT and loads every module.
  await page.evaluate(() => window.runCalendarBench({ cohorts: 20, rounds: 1 }));
  const result = await page.evaluate(
    ([cohorts, meetingsPerCohort, rounds]) =>
      window.runCalendarBench({ cohorts, meetingsPerCohort, rounds }),
    [CALENDAR_COHORTS, CALENDAR_MEETINGS_PER_COHORT, Math.max(ROUNDS, 5)],
  );
  if (errors.length)
    throw new Error(`the calendar bench page reported errors:\n${errors.join('\n')}`);
  await context.close();
  const meetings = CALENDAR_COHORTS * CALENDAR_MEETINGS_PER_COHORT;
  console.log(
    `  seeded ${CALENDAR_COHORTS} groups / ${meetings.toLocaleString('en')} meetings (sealed) in ${ms(result.seedMs)} ms; ` +
      `the month view lists ${result.meetingsInMonth} meeting links (days with more than 6 fold the rest behind "+N more")`,
  );
  console.log(
    `  first visits (load + decrypt): group list ${ms(result.firstList.painted)} ms, month view ${ms(result.firstCalendar.painted)} ms`,
  );
  result.calendar.forEach((c, i) =>
    console.log(
      `  round ${i + 1}, data cached: month view ${ms(c.painted)} ms painted (${ms(c.dom)} ms in the DOM), ` +
        `group list ${ms(result.list[i].painted)} ms painted (${ms(result.list[i].dom)} ms in the DOM), ` +
        `"Show all" ${ms(result.showAll[i]?.painted ?? NaN)} ms painted (${ms(result.showAll[i]?.dom ?? NaN)} ms in the DOM)`,
    ),
  );
  return {
    meetings,
    meetingsInMonth: result.meetingsInMonth,
    calendar: median(result.calendar.map((c) => c.painted)),
    calendarDom: median(result.calendar.map((c) => c.dom)),
    list: median(result.list.map((c) => c.painted)),
    showAll: median(result.showAll.map((c) => c.painted)),
  };
}

/* ---- 4. Backup ---------------------------------------------------------- */

/**
 * A browser profile on disk, like the one an installed app runs in. An
 * incognito-style context (Playwright's newContext) keeps IndexedDB in
 * memory, and on this machine that store writes three to five times slower
 * than the real one on disk: it would measure the wrong thing.
 */
async function persistentContext() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aplis-bench-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath,
    args: ['--no-sandbox'],
    headless: true,
  });
  cleanups.push(async () => {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return context;
}

async function benchBackup() {
  await startDevServer();
  const context = await persistentContext();
  const page = await context.newPage();
  const errors = watchPage(page, 'backup bench page');
  await page.goto(`http://localhost:${DEV_PORT}/tests/bench/backup.html`);
  await page.waitForFunction(() => typeof window.runBackupBench === 'function', null, {
    timeout: 60_000,
  });
  // One small unmeasured run warms up the JIT, the worker and every module.
  await page.evaluate(() =>
    window.runBackupBench({ participants: 50, attendance: 600, notes: 200 }),
  );
  const rounds = [];
  for (let i = 0; i < ROUNDS; i++) {
    const r = await page.evaluate(() => window.runBackupBench());
    if (!r.restoredEqual) throw new Error('the restored database differs from the original');
    rounds.push(r);
    console.log(
      `  round ${i + 1}: ${r.rows.toLocaleString('en')} rows (seeded in ${ms(r.seedMs)} ms); ` +
        `export ${ms(r.exportMs)} ms; restore ${ms(r.restoreMs)} ms (decrypt + check ${ms(r.restoreOpenMs)}); ` +
        `merge ${ms(r.mergeMs)} ms (decrypt + check ${ms(r.mergeOpenMs)}, preview ${ms(r.mergePreviewMs)}, ` +
        `apply ${ms(r.mergeApplyMs)}: ${r.merged.added} added, ${r.merged.updated} updated, ${r.merged.deleted} deleted); ` +
        `file ${(r.fileBytes / 1_048_576).toFixed(1)} MB vs raw JSON ${(r.rawJsonBytes / 1_048_576).toFixed(1)} MB; ` +
        `context: plain Dexie bulkAdd writes ${Math.round(r.rawWriteRowsPerSecond).toLocaleString('en')} rows/s here now, ` +
        `restore wrote ${Math.round(r.rows / ((r.restoreMs - r.restoreOpenMs) / 1000)).toLocaleString('en')} rows/s`,
    );
  }
  if (errors.length)
    throw new Error(`the backup bench page reported errors:\n${errors.join('\n')}`);
  await context.close();
  const pick = (field) => median(rounds.map((r) => r[field]));
  return {
    rows: rounds[0].rows,
    exportMs: pick('exportMs'),
    restoreMs: pick('restoreMs'),
    mergeMs: pick('mergeMs'),
    fileBytes: pick('fileBytes'),
    rawJsonBytes: rounds[0].rawJsonBytes,
    rawWriteRowsPerSecond: pick('rawWriteRowsPerSecond'),
  };
}

/* ---- 5. Attendance ------------------------------------------------------ */

async function benchAttendance(cpuRate = 1) {
  await startDevServer();
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  cleanups.push(() => context.close());
  const page = await context.newPage();
  const errors = watchPage(page, 'attendance bench page');
  await page.goto(`http://localhost:${DEV_PORT}/tests/bench/attendance.html`);
  await page.waitForFunction(() => typeof window.setupAttendanceBench === 'function', null, {
    timeout: 60_000,
  });
  const setup = await page.evaluate(
    (rows) => window.setupAttendanceBench({ rows, participants: 10 }),
    ATTENDANCE_ROWS,
  );
  console.log(
    `  seeded ${ATTENDANCE_ROWS.toLocaleString('en')} sealed attendance rows in ${ms(setup.seedMs)} ms ` +
      `(${setup.rowsInDatabase.toLocaleString('en')} rows in the table)`,
  );
  await page.locator('.attendance-list').waitFor({ timeout: 60_000 });
  await throttleCpu(context, page, cpuRate);
  // BENCH_CPU_PROFILE=<file>: a CPU profile of the taps (open it in DevTools),
  // and the functions that took most of it printed here.
  const profiler = process.env.BENCH_CPU_PROFILE ? await context.newCDPSession(page) : null;
  if (profiler) {
    await profiler.send('Profiler.enable');
    await profiler.send('Profiler.setSamplingInterval', { interval: 200 });
    await profiler.send('Profiler.start');
  }
  const statuses = ['Present', 'Late', 'Excused', 'Absent', 'Left early'];
  const times = [];
  const shownTimes = [];
  // A few unmeasured taps first warm up the JIT and load every code path.
  const WARM_UP = 5;
  for (let i = 0; i < ATTENDANCE_TAPS + WARM_UP; i++) {
    const name = setup.participants[i % setup.participants.length];
    const status = statuses[Math.floor(i / setup.participants.length) % statuses.length];
    const before = await page.evaluate(() => window.__attendanceBench.storedAt.length);
    await page.evaluate(() => window.armTap());
    const radio = page
      .getByRole('group', { name, exact: true })
      .getByRole('radio', { name: status, exact: true });
    const handle = await radio.elementHandle();
    // Resolves with the time from the click to the frame after the radio shows checked.
    const shown = page.evaluate(
      (el) =>
        new Promise((resolve) => {
          const tick = () => {
            const clickAt = window.__attendanceBench.clickAt;
            if (clickAt !== null && el.checked)
              requestAnimationFrame(() => resolve(performance.now() - clickAt));
            else requestAnimationFrame(tick);
          };
          tick();
        }),
      handle,
    );
    await radio.click();
    await page.waitForFunction((n) => window.__attendanceBench.storedAt.length > n, before, {
      timeout: 10_000,
    });
    const elapsed = await page.evaluate(
      (n) => window.__attendanceBench.storedAt[n] - window.__attendanceBench.clickAt,
      before,
    );
    const shownMs = await shown;
    if (i >= WARM_UP) {
      times.push(elapsed);
      shownTimes.push(shownMs);
    }
    await sleep(20); // nobody taps faster than this
  }
  if (profiler) await printProfile(profiler, process.env.BENCH_CPU_PROFILE);
  const problem = await page.evaluate(() => window.__attendanceBench.check());
  if (problem) throw new Error(`attendance bench: ${problem}`);
  if (errors.length)
    throw new Error(`the attendance bench page reported errors:\n${errors.join('\n')}`);
  await context.close();
  const sorted = [...times].sort((a, b) => a - b);
  const p95 = sorted[Math.ceil(sorted.length * 0.95) - 1];
  console.log(
    `  ${times.length} taps: median ${ms(median(times))} ms, 95th percentile ${ms(p95)} ms, ` +
      `worst ${ms(sorted.at(-1))} ms, best ${ms(sorted[0])} ms`,
  );
  const shownSorted = [...shownTimes].sort((a, b) => a - b);
  return {
    median: median(times),
    worst: sorted.at(-1),
    p95,
    shownMedian: median(shownTimes),
    shownP95: shownSorted[Math.ceil(shownSorted.length * 0.95) - 1],
    shownWorst: shownSorted.at(-1),
  };
}

/** Stops a CDP CPU profile, saves it and prints where the time went (self time per function). */
async function printProfile(profiler, file, what = 'the taps') {
  const { profile } = await profiler.send('Profiler.stop');
  (await import('node:fs')).writeFileSync(file, JSON.stringify(profile));
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = new Map();
  profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  let total = 0;
  for (const [id, us] of dt) {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const where = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(node_modules|src)\//, '$1/').replace(/\?.*$/, '')}:${lineNumber + 1}`;
    self.set(where, (self.get(where) ?? 0) + us);
    total += us;
  }
  console.log(
    `  CPU profile of ${what}: ${file} (${ms(total / 1000)} ms sampled); most self time:`,
  );
  for (const [where, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20))
    console.log(`    ${ms(us / 1000).padStart(7)} ms  ${where}`);
}

/* ---- 6. Reports --------------------------------------------------------- */

async function benchReports(cpuRate = 1) {
  await startDevServer();
  // The domain computation in Node, through Vite's SSR loader (TypeScript as is).
  const { makeReportsData, runReportsDomainBench } = await devServer.ssrLoadModule(
    '/tests/bench/reports-data.ts',
  );
  const data = makeReportsData(REPORTS_COHORTS);
  runReportsDomainBench(data, 2); // warm-up
  const node = runReportsDomainBench(data, Math.max(ROUNDS, 5));
  console.log(
    `  Node: ${data.attendance.length.toLocaleString('en')} attendance rows, ${data.cohorts.length} cohorts; ` +
      node
        .map(
          (r, i) =>
            `round ${i + 1} overview ${ms(r.overviewMs)} ms, funder ${ms(r.funderMs)} ms, cohort ${ms(r.cohortReportMs)} ms`,
        )
        .join('; '),
  );

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  cleanups.push(() => context.close());
  const page = await context.newPage();
  const errors = watchPage(page, 'reports bench page');
  await page.goto(`http://localhost:${DEV_PORT}/tests/bench/reports.html`);
  await page.waitForFunction(() => typeof window.runReportsBench === 'function', null, {
    timeout: 60_000,
  });
  await throttleCpu(context, page, cpuRate);
  await page.evaluate(() => window.runReportsBench({ cohorts: 20, rounds: 1 })); // warm-up
  const result = await page.evaluate(
    ([cohorts, rounds]) => window.runReportsBench({ cohorts, rounds }),
    [REPORTS_COHORTS, Math.max(ROUNDS, 5)],
  );
  if (errors.length)
    throw new Error(`the reports bench page reported errors:\n${errors.join('\n')}`);
  await context.close();
  result.overview.forEach((o, i) =>
    console.log(
      `  Chromium round ${i + 1}: reports page ${ms(o.painted)} ms painted (${ms(o.dom)} ms in the DOM), ` +
        `cohort report ${ms(result.cohort[i].painted)} ms painted; ` +
        `domain in the page: overview ${ms(result.domain[i].overviewMs)} ms`,
    ),
  );
  const total = (r) => r.overviewMs + r.funderMs + r.cohortReportMs;
  return {
    rows: data.attendance.length,
    nodeOverview: median(node.map((r) => r.overviewMs)),
    nodeTotal: median(node.map(total)),
    browserOverview: median(result.domain.map((r) => r.overviewMs)),
    page: median(result.overview.map((o) => o.painted)),
    cohort: median(result.cohort.map((c) => c.painted)),
  };
}

/* ---- 8. Low-end: the everyday pages ------------------------------------- */

const LOWEND_PAGES = [
  ['today', 'Today'],
  ['group', 'group page'],
  ['meeting', 'meeting mode'],
  ['participants', 'Participants'],
];

/**
 * Today, a group page, meeting mode and Participants (tests/bench/pages.html:
 * the whole app at the benchmark dataset), each opened by a click on its link
 * from a start page with the previous page's data dropped from the cache,
 * timed to the frame after its heading and first rows are in the DOM.
 * One unmeasured visit each first (loads the route's code), then ROUNDS (≥ 3).
 */
async function benchPages(cpuRate = 1) {
  await startDevServer();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  cleanups.push(() => context.close());
  const page = await context.newPage();
  const errors = watchPage(page, 'pages bench page');
  await page.goto(`http://localhost:${DEV_PORT}/tests/bench/pages.html`);
  await page.waitForFunction(() => typeof window.setupPagesBench === 'function', null, {
    timeout: 60_000,
  });
  const setup = await page.evaluate(() => window.setupPagesBench());
  console.log(
    `  seeded 400 groups, 5,000 participants, ${setup.meetings.toLocaleString('en')} meetings, ` +
      `${setup.attendance.toLocaleString('en')} attendance rows (sealed) in ${ms(setup.seedMs)} ms`,
  );
  await throttleCpu(context, page, cpuRate);
  const rounds = Math.max(ROUNDS, 3);
  const times = Object.fromEntries(LOWEND_PAGES.map(([key]) => [key, []]));
  for (const [key] of LOWEND_PAGES) await page.evaluate((p) => window.openPage(p), key); // warm-up
  // BENCH_CPU_PROFILE=<file>: the last round of each page profiled to <file>-<page>.
  const profileFile = process.env.BENCH_CPU_PROFILE;
  for (let r = 0; r < rounds; r++) {
    for (const [key] of LOWEND_PAGES) {
      const profiler = profileFile && r === rounds - 1 ? await context.newCDPSession(page) : null;
      if (profiler) {
        await profiler.send('Profiler.enable');
        await profiler.send('Profiler.setSamplingInterval', { interval: 500 });
        await profiler.send('Profiler.start');
      }
      times[key].push(await page.evaluate((p) => window.openPage(p), key));
      if (profiler) {
        console.log(`  ${key}:`);
        await printProfile(profiler, `${profileFile}-${key}`, `opening ${key}`);
      }
    }
  }
  if (errors.length) throw new Error(`the pages bench page reported errors:\n${errors.join('\n')}`);
  await context.close();
  const result = {};
  for (const [key, label] of LOWEND_PAGES) {
    const painted = times[key].map((t) => t.painted);
    console.log(
      `  ${label}: ${painted.map(ms).join(', ')} ms painted ` +
        `(${times[key].map((t) => ms(t.dom)).join(', ')} ms in the DOM; every read finished at ` +
        `${times[key].map((t) => ms(t.settled)).join(', ')} ms)`,
    );
    result[key] = {
      median: median(painted),
      worst: Math.max(...painted),
      runs: painted,
      settledMedian: median(times[key].map((t) => t.settled)),
    };
  }
  return result;
}

/* ---- 2. Unlock ---------------------------------------------------------- */

/**
 * The environment for a production build: without the NODE_ENV that the bench's
 * own Vite dev server sets to 'development' in this process (a build inheriting
 * it bundles React's development build: the sync bench printed 241 KB of initial
 * JavaScript where `npm run size -- --build` measured 178.5 KB).
 */
function buildEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  delete env.NODE_ENV;
  return env;
}

function build() {
  console.log('  building the production bundle (vite build)…');
  const result = spawnSync(process.execPath, [viteBin, 'build', '--outDir', DIST], {
    cwd: root,
    encoding: 'utf8',
    env: buildEnv(),
  });
  if (result.status !== 0) {
    throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
  }
}

function portInUse(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: 'localhost' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function startPreview() {
  if (await portInUse(PREVIEW_PORT)) {
    throw new Error(
      `port ${PREVIEW_PORT} is already in use; stop whatever listens there and run again`,
    );
  }
  const child = spawn(
    process.execPath,
    [viteBin, 'preview', '--port', String(PREVIEW_PORT), '--strictPort', '--outDir', DIST],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, stopped as a whole below
    },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  let exited = null;
  child.on('exit', (code) => (exited = code ?? 'signal'));
  cleanups.push(async () => {
    if (exited !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      child.kill('SIGTERM');
    }
    await Promise.race([gone, sleep(3000)]);
    if (exited === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  });
  const url = `http://localhost:${PREVIEW_PORT}/`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (exited !== null)
      throw new Error(`vite preview exited (${exited}) before serving:\n${output}`);
    try {
      const response = await fetch(url);
      if (response.ok && (await response.text()).includes('id="root"')) return url;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new Error(`vite preview did not answer on ${url} within 30 s:\n${output}`);
}

/**
 * Runs in the page before clicking Unlock. Resolves with timings once the
 * Today heading is in the DOM and visible, and again after the next frame.
 * Also records long tasks (≥ 50 ms, the browser's threshold), the longest gap
 * between animation frames, and when the key-derivation worker started and
 * answered (the Worker constructor is wrapped by the init script).
 */
function instrumentUnlock() {
  const state = {
    t0: null,
    domVisible: null,
    painted: null,
    longTasks: [],
    frames: [],
    error: null,
  };
  window.__unlockBench = state;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      state.longTasks.push({ start: entry.startTime, duration: entry.duration });
  });
  observer.observe({ type: 'longtask' });
  const workersBefore = window.__benchWorkers.length;

  return {
    workersBefore,
    start: () => {
      document.addEventListener(
        'click',
        () => {
          if (state.t0 === null) state.t0 = performance.now();
        },
        { capture: true, once: true },
      );
    },
    done: new Promise((resolve) => {
      const frame = (now) => {
        state.frames.push(now);
        if (state.painted === null) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
      const isDone = () => {
        const heading = document.querySelector('h1');
        return (
          heading !== null && heading.textContent?.trim() === 'Today' && heading.checkVisibility()
        );
      };
      const mutations = new MutationObserver(() => {
        if (state.t0 === null || state.domVisible !== null) return;
        const alert = document.querySelector('.field-error[role="alert"]');
        if (alert) {
          state.error = alert.textContent;
          mutations.disconnect();
          resolve();
          return;
        }
        if (!isDone()) return;
        state.domVisible = performance.now();
        mutations.disconnect();
        requestAnimationFrame(() =>
          setTimeout(() => {
            state.painted = performance.now();
            // Long-task entries arrive a little after their task ends.
            setTimeout(() => {
              for (const entry of observer.takeRecords())
                state.longTasks.push({ start: entry.startTime, duration: entry.duration });
              observer.disconnect();
              resolve();
            }, 300);
          }, 0),
        );
      });
      mutations.observe(document.body, { childList: true, subtree: true, characterData: true });
    }),
  };
}

async function benchUnlock() {
  const dist = path.join(root, DIST, 'index.html');
  if (REBUILD || !existsSync(dist)) build();
  else
    console.log(
      `  using the existing dist/ (built ${statSync(dist).mtime.toISOString()}); pass --build to rebuild`,
    );
  const url = await startPreview();

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  cleanups.push(() => context.close());
  await context.addInitScript(() => {
    localStorage.setItem('aplis.language', 'en');
    // Note when each Worker starts and first answers (the key derivation).
    window.__benchWorkers = [];
    const NativeWorker = window.Worker;
    window.Worker = class extends NativeWorker {
      constructor(...workerArgs) {
        super(...workerArgs);
        const record = { created: performance.now(), answered: null };
        window.__benchWorkers.push(record);
        this.addEventListener('message', () => {
          if (record.answered === null) record.answered = performance.now();
        });
      }
    };
  });
  const page = await context.newPage();
  const errors = watchPage(page, 'app');
  await page.goto(url);
  await page.getByRole('button', { name: 'Try the demo', exact: true }).click({ timeout: 30_000 });
  await page.locator('nav[aria-label]').waitFor({ state: 'visible', timeout: 120_000 });
  await page
    .getByRole('heading', { level: 1, name: 'Today', exact: true })
    .waitFor({ timeout: 30_000 });
  // What the demo's keyring actually holds (read from IndexedDB, not assumed).
  const wraps = await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const request = indexedDB.open('aplis');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const all = db.transaction('keyring').objectStore('keyring').getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            resolve(
              // Key wraps only: the box key pair and the roster have no KDF.
              all.result
                .filter((w) => w.kdf)
                .map((w) => ({
                  kind: w.holder.kind,
                  alg: w.kdf.alg,
                  iterations: w.kdf.iterations,
                })),
            );
            db.close();
          };
        };
      }),
  );
  console.log(
    `  demo keyring: ${wraps.map((w) => `${w.kind} wrap ${w.alg} × ${w.iterations.toLocaleString('en')}`).join(', ')}`,
  );
  const staffWrap = wraps.find((w) => w.kind === 'staff');
  if (!staffWrap) throw new Error('the demo keyring has no staff wrap');
  if (staffWrap.iterations < 600_000) {
    console.log(
      '  WARNING: fewer than 600,000 iterations: dist/ is not a production build; rerun with --build',
    );
  }

  const rounds = [];
  for (let i = 0; i < ROUNDS; i++) {
    await sleep(500); // let the previous screen settle
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    const field = page.getByLabel('Passphrase', { exact: true });
    await field.waitFor({ state: 'visible', timeout: 10_000 });
    await field.fill(DEMO_PASSPHRASE);
    await sleep(300);
    await page.evaluate(`(() => {
      const bench = (${instrumentUnlock.toString()})();
      window.__unlockBenchDone = bench.done;
      window.__unlockBenchWorkersBefore = bench.workersBefore;
      bench.start();
    })()`);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    const result = await page.evaluate(async () => {
      await Promise.race([
        window.__unlockBenchDone,
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error('unlock did not finish within 30 s')), 30_000),
        ),
      ]);
      const s = window.__unlockBench;
      const end = s.painted ?? performance.now();
      const inWindow = (from, to) => (task) => task.start + task.duration > from && task.start < to;
      const frameGap = (from, to) => {
        const frames = s.frames.filter((t) => t >= from && t <= to);
        let longest = 0;
        for (let j = 1; j < frames.length; j++)
          longest = Math.max(longest, frames[j] - frames[j - 1]);
        return longest;
      };
      const workers = window.__benchWorkers.slice(window.__unlockBenchWorkersBefore);
      const kdf = workers.find((w) => w.created >= s.t0);
      const kdfFrom = kdf?.created ?? s.t0;
      const kdfTo = kdf?.answered ?? end;
      return {
        error: s.error,
        domVisible: s.domVisible - s.t0,
        painted: end - s.t0,
        longestTask: Math.max(0, ...s.longTasks.filter(inWindow(s.t0, end)).map((t) => t.duration)),
        longestTaskDuringKdf: Math.max(
          0,
          ...s.longTasks.filter(inWindow(kdfFrom, kdfTo)).map((t) => t.duration),
        ),
        longestFrameGap: frameGap(s.t0, end),
        longestFrameGapDuringKdf: frameGap(kdfFrom, kdfTo),
        kdfMs: kdf?.answered != null ? kdf.answered - kdf.created : null,
        workers: workers.length,
      };
    });
    if (result.error) throw new Error(`unlock failed in round ${i + 1}: ${result.error}`);
    rounds.push(result);
    console.log(
      `  round ${i + 1}: ${ms(result.painted)} ms to the Today heading painted (${ms(result.domVisible)} ms in the DOM); ` +
        `key derivation in the worker ${result.kdfMs === null ? 'n/a' : `${ms(result.kdfMs)} ms`}; ` +
        `longest long task ${result.longestTask ? `${ms(result.longestTask)} ms` : 'none (≥ 50 ms)'} ` +
        `(during derivation ${result.longestTaskDuringKdf ? `${ms(result.longestTaskDuringKdf)} ms` : 'none'}); ` +
        `longest frame gap ${ms(result.longestFrameGap)} ms (during derivation ${ms(result.longestFrameGapDuringKdf)} ms)`,
    );
  }
  if (errors.length) throw new Error(`the app reported errors:\n${errors.join('\n')}`);
  await context.close();
  return {
    median: median(rounds.map((r) => r.painted)),
    medianDom: median(rounds.map((r) => r.domVisible)),
    longestTask: Math.max(...rounds.map((r) => r.longestTask)),
    longestTaskDuringKdf: Math.max(...rounds.map((r) => r.longestTaskDuringKdf)),
    longestFrameGap: Math.max(...rounds.map((r) => r.longestFrameGap)),
    longestFrameGapDuringKdf: Math.max(...rounds.map((r) => r.longestFrameGapDuringKdf)),
    kdfMedian: median(rounds.map((r) => r.kdfMs ?? NaN)),
  };
}

/* ---- 7. First paint (Lighthouse) --------------------------------------- */

async function benchLcp() {
  if (REBUILD || !existsSync(path.join(root, DIST, 'index.html'))) build();
  const url = await startPreview();
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const runs = [];
  for (let round = 0; round < ROUNDS; round++) {
    // A fresh profile each run: no service worker, no cache, no stored data.
    const chrome = await chromeLauncher.launch({
      chromePath: chromiumPath,
      chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
    });
    cleanups.push(() => chrome.kill());
    try {
      const result = await lighthouse(
        url,
        { port: chrome.port, onlyCategories: ['performance'], logLevel: 'error', output: 'json' },
        undefined,
      );
      const lhr = result.lhr;
      if (process.env.BENCH_LHR_OUT)
        (await import('node:fs')).writeFileSync(
          `${process.env.BENCH_LHR_OUT}-${round + 1}.json`,
          result.report,
        );
      if (lhr.runtimeError) throw new Error(`lighthouse: ${lhr.runtimeError.message}`);
      const audit = (id) => lhr.audits[id]?.numericValue ?? NaN;
      runs.push({
        lcp: audit('largest-contentful-paint'),
        fcp: audit('first-contentful-paint'),
        tbt: audit('total-blocking-time'),
        performance: lhr.categories.performance.score ?? NaN,
        element:
          JSON.stringify(lhr.audits['largest-contentful-paint-element']?.details ?? {}).match(
            /"snippet":"((?:[^"\\]|\\.)*)"/,
          )?.[1] ?? '',
      });
      const r = runs.at(-1);
      console.log(
        `  run ${round + 1}: LCP ${ms(r.lcp)} ms, FCP ${ms(r.fcp)} ms, TBT ${ms(r.tbt)} ms, performance ${r.performance.toFixed(2)} — ${r.element.slice(0, 80)}`,
      );
    } finally {
      await chrome.kill();
    }
  }
  return runs;
}

/* ---- 9. Sync ----------------------------------------------------------- */

/** Rejects with `what` when `promise` has not settled within `ms`: no step hangs forever. */
function within(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${what} did not finish within ${Math.round(ms / 1000)} s`)),
        ms,
      );
    }),
  ]).finally(() => clearTimeout(timer));
}

const SYNC_USER = 'bench';
const SYNC_PASSWORD = 'bench sync password';
const syncServerUrl = `http://127.0.0.1:${SYNC_PORT}`;

/** The development sync server, in memory, with the bench's account. */
async function startSyncServer() {
  if (await portInUse(SYNC_PORT)) {
    throw new Error(
      `port ${SYNC_PORT} is already in use; stop whatever listens there or set BENCH_SYNC_PORT`,
    );
  }
  const profile = process.env.BENCH_SYNC_PROFILE;
  const child = spawn(
    process.execPath,
    [
      ...(profile
        ? ['--cpu-prof', '--cpu-prof-dir', profile, '--cpu-prof-name', 'server.cpuprofile']
        : []),
      path.join(root, 'scripts', 'sync-server.mjs'),
      '--in-memory',
      '--port',
      String(SYNC_PORT),
      '--user',
      `${SYNC_USER}:${SYNC_PASSWORD}`,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  let exited = null;
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  child.on('exit', (code) => (exited = code ?? 'signal'));
  cleanups.push(async () => {
    if (exited !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([gone, sleep(3000)]);
    if (exited === null) child.kill('SIGKILL');
  });
  const deadline = Date.now() + 30_000;
  while (!output.includes('sync server ready')) {
    if (exited !== null) throw new Error(`the sync server exited (${exited}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`the sync server did not start in 30 s:\n${output}`);
    await sleep(100);
  }
}

async function serverJson(method, pathname) {
  const response = await fetch(`${syncServerUrl}${pathname}`, { method });
  const text = await response.text();
  if (!response.ok)
    throw new Error(`sync server ${method} ${pathname}: ${response.status} ${text}`);
  return JSON.parse(text);
}

/** The JSON bytes of every doc the server holds (what `_all_docs?include_docs=true` returns per doc). */
async function serverDocBytes(database) {
  let bytes = 0;
  let docs = 0;
  let startkey;
  for (;;) {
    const query = new URLSearchParams({ include_docs: 'true', limit: '2000' });
    if (startkey !== undefined) {
      query.set('startkey', JSON.stringify(startkey));
      query.set('skip', '1');
    }
    const page = await serverJson('GET', `/${database}/_all_docs?${query}`);
    if (page.rows.length === 0) break;
    for (const row of page.rows) {
      if (row.id.startsWith('_design/')) continue;
      bytes += Buffer.byteLength(JSON.stringify(row.doc));
      docs += 1;
    }
    startkey = page.rows.at(-1).id;
  }
  return { bytes, docs };
}

async function syncDevice(label) {
  const context = await persistentContext();
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = watchPage(page, label);
  await page.goto(`http://localhost:${DEV_PORT}/tests/bench/sync.html`);
  await page.waitForFunction(() => typeof window.syncBench === 'object', null, {
    timeout: 120_000,
  });
  const call = (what, fn, arg, ms = SYNC_STEP_TIMEOUT_MS) =>
    within(page.evaluate(fn, arg), ms, `${label}: ${what}`);
  /** With BENCH_SYNC_PROFILE=<folder>, a CPU profile of the page during `work` (DevTools format). */
  const profiled = async (name, work) => {
    const dir = process.env.BENCH_SYNC_PROFILE;
    if (!dir) return work();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
    try {
      return await work();
    } finally {
      const { profile } = await cdp.send('Profiler.stop');
      const { mkdirSync, writeFileSync } = await import('node:fs');
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    }
  };
  return { context, page, errors, call, profiled };
}

async function syncRound(round, size) {
  const database = `aplis-bench-${Date.now().toString(36)}-${round}`;
  await serverJson('PUT', `/${database}`);
  const a = await syncDevice('device A');
  const b = await syncDevice('device B');
  try {
    const seeded = await a.call('seeding', (s) => window.syncBench.seed(s), size);
    console.log(
      `  round ${round}: seeded ${seeded.rows.toLocaleString('en')} rows on device A in ${ms(seeded.seedMs)} ms`,
    );
    const connected = await a.profiled(`a-connect-${round}`, () =>
      a.call('connect (first push)', (settings) => window.syncBench.connect(settings), {
        server: '',
        database,
        username: SYNC_USER,
        password: SYNC_PASSWORD,
      }),
    );
    const onServer = await serverJson('GET', `/${database}`);
    console.log(
      `  device A connected and pushed in ${ms(connected.pushMs)} ms (${connected.state}); ` +
        `server holds ${onServer.doc_count.toLocaleString('en')} docs; engine steps ${JSON.stringify(connected.steps)}`,
    );
    const code = await a.call('join code', () => window.syncBench.joinCode());
    const joined = await b.profiled(`b-join-${round}`, () =>
      b.call(
        'join and first pull',
        ([c, s, t]) => window.syncBench.join(c, s, t),
        [code, size, SYNC_STEP_TIMEOUT_MS],
        SYNC_STEP_TIMEOUT_MS + 60_000,
      ),
    );
    console.log(
      `  device B: joined (keyring pulled) at ${ms(joined.joinedMs)} ms, unlocked at ${ms(joined.unlockedMs)} ms, ` +
        `every row in at ${ms(joined.pulledMs)} ms, ${joined.participantsOpened.toLocaleString('en')} participants ` +
        `opened (usable) at ${ms(joined.usableMs)} ms; ${JSON.stringify(joined.counts)}; ` +
        `engine steps ${JSON.stringify(joined.steps)}`,
    );

    // Live: edits on A at random moments, each timed until B holds it.
    const ids = seeded.participantIds;
    const live = [];
    for (let i = 0; i < SYNC_LIVE_CHANGES + 1; i++) {
      await sleep(300 + Math.random() * 2000);
      const changed = await a.call(
        'a live change',
        ([id, name]) => window.syncBench.change(id, name),
        [ids[i % ids.length], `Bench edit ${round}.${i}`],
      );
      const seenAt = await b.call(
        'a live change arriving',
        ([id, at, t]) => window.syncBench.seen(id, at, t),
        [ids[i % ids.length], changed.updatedAt, 60_000],
        70_000,
      );
      if (i > 0) live.push(seenAt - changed.at); // the first one warms up
    }
    console.log(
      `  live: ${live.length} edits on A seen on B after ${live.map((v) => ms(v)).join(', ')} ms (median ${ms(median(live))} ms)`,
    );

    // Offline: B's network goes, ten marks are made, the network comes back.
    await b.context.setOffline(true);
    await sleep(1000);
    const marks = await b.call(
      'marks made offline',
      ([n, r]) => window.syncBench.markOffline(n, r),
      [SYNC_OFFLINE_MARKS, round],
    );
    await sleep(5000); // into the replica (the engine's outbox pass) and retrying
    const before = (await serverJson('GET', `/${database}`)).update_seq;
    const back = Date.now();
    await b.context.setOffline(false);
    const serverHas = (async () => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const changes = await serverJson(
          'GET',
          `/${database}/_changes?since=${encodeURIComponent(JSON.stringify(before))}`,
        );
        if (changes.results.length >= marks.length) return Date.now();
        if (Date.now() > deadline)
          throw new Error('the offline marks did not reach the server within 60 s');
        await sleep(25);
      }
    })();
    const aSees = a.call(
      'the offline marks arriving',
      ([m, t]) => window.syncBench.marksSeen(m, t),
      [marks, 60_000],
      70_000,
    );
    const [serverAt, aAt] = await Promise.all([serverHas, aSees]);
    const offline = { server: serverAt - back, a: aAt - back };
    console.log(
      `  offline: ${marks.length} marks made on B offline reached the server ${ms(offline.server)} ms ` +
        `after reconnecting, device A had them after ${ms(offline.a)} ms`,
    );

    const stored = await serverDocBytes(database);
    console.log(
      `  server: ${stored.docs.toLocaleString('en')} docs, ${(stored.bytes / 1_048_576).toFixed(1)} MB of doc JSON ` +
        `vs ${(seeded.rawJsonBytes / 1_048_576).toFixed(1)} MB raw JSON of the rows → ${(stored.bytes / seeded.rawJsonBytes).toFixed(2)}×`,
    );
    // Requests a device made while its network was off failed, as they should; a first
    // replication finds no checkpoint (`_local/…` 404), as PouchDB expects; the bench's
    // account is not an admin of the database, so the join code carries that account
    // instead of a device account of its own (device-accounts.ts: `_security` 401).
    const errors = [...a.errors, ...b.errors].filter(
      (e) =>
        !/Failed to load resource: net::ERR_INTERNET_DISCONNECTED \(http:\/\/localhost:\d+\/sync\//.test(
          e,
        ) &&
        !/status of 404 \(Not Found\) \(http:\/\/localhost:\d+\/sync\/[^/]+\/_local\//.test(e) &&
        !/status of 401 \(Unauthorized\) \(http:\/\/localhost:\d+\/sync\/[^/]+\/_security\)/.test(
          e,
        ),
    );
    if (errors.length)
      throw new Error(`the sync bench pages reported errors:\n${errors.join('\n')}`);
    return {
      rows: seeded.rows,
      pushMs: connected.pushMs,
      joinedMs: joined.joinedMs,
      pulledMs: joined.pulledMs,
      usableMs: joined.usableMs,
      live: median(live),
      liveWorst: Math.max(...live),
      offlineServer: offline.server,
      offlineA: offline.a,
      storageRatio: stored.bytes / seeded.rawJsonBytes,
      storedBytes: stored.bytes,
      rawJsonBytes: seeded.rawJsonBytes,
    };
  } finally {
    await Promise.all(
      [a, b].map((d) =>
        within(
          d.page.evaluate(() => window.syncBench.close()),
          60_000,
          'closing a device',
        ).catch(() => undefined),
      ),
    );
    await a.context.close();
    await b.context.close();
    await serverJson('DELETE', `/${database}`).catch(() => undefined);
  }
}

/** The initial JS (scripts/size.mjs) and whether any of PouchDB is in it. */
function syncBundleCheck() {
  const dist = path.join(root, DIST);
  if (REBUILD || !existsSync(path.join(dist, '.vite', 'manifest.json'))) build();
  const size = spawnSync(process.execPath, [path.join(root, 'scripts', 'size.mjs')], {
    cwd: root,
    encoding: 'utf8',
    env: buildEnv({ SIZE_DIST: DIST }),
  });
  const line = size.stdout.split('\n').find((l) => l.startsWith('initial JavaScript:')) ?? '';
  const pouch = size.stdout.split('\n').find((l) => l.includes('PouchDB')) ?? '';
  if (!line) throw new Error(`scripts/size.mjs printed no size:\n${size.stdout}\n${size.stderr}`);
  return { line, pouchInitial: pouch !== '' };
}

async function benchSync() {
  await startDevServer();
  await startSyncServer();
  const size = {
    participants: Math.round(5_000 * SYNC_SCALE),
    attendance: Math.round(60_000 * SYNC_SCALE),
    notes: Math.round(20_000 * SYNC_SCALE),
  };
  const rounds = [];
  for (let round = 1; round <= SYNC_ROUNDS; round++) rounds.push(await syncRound(round, size));
  return { rounds, bundle: syncBundleCheck() };
}

/* ---- Run ---------------------------------------------------------------- */

let exitCode = 0;
const summary = [];
/** The measured numbers, written as JSON to BENCH_JSON=<file> when set (so far: lowend). */
const results = {};
try {
  await launchBrowser();
  console.log(`Chromium ${browser.version()} at ${chromiumPath}`);
  if (ONLY === 'all' || ONLY === 'rows') {
    console.log(
      `\nRows: ${ROW_COUNT} rows written and read back, ${ROUNDS} rounds, fresh databases each round`,
    );
    const rows = await benchRows();
    for (const [kind, r] of Object.entries(rows)) {
      const met = r.ratio <= ROWS_TARGET ? 'met' : 'NOT met';
      summary.push(
        `rows (${kind}): encrypted ${ms(r.encrypted.total)} ms (write ${ms(r.encrypted.write)}, read ${ms(r.encrypted.read)}) ` +
          `vs raw ${ms(r.raw.total)} ms → ${r.ratio.toFixed(2)}× (target ≤ ${ROWS_TARGET}×: ${met})`,
      );
    }
  }
  if (ONLY === 'all' || ONLY === 'calendar') {
    console.log(
      `\nCalendar: ${CALENDAR_COHORTS} groups, ${CALENDAR_COHORTS * CALENDAR_MEETINGS_PER_COHORT} meetings, data cached`,
    );
    const c = await benchCalendar();
    const met = c.calendar <= CALENDAR_TARGET_MS ? 'met' : 'NOT met';
    summary.push(
      `calendar month view: ${ms(c.calendar)} ms median (${ms(c.calendarDom)} ms to the DOM) with ${CALENDAR_COHORTS} cohorts / ` +
        `${c.meetings.toLocaleString('en')} meetings, ${c.meetingsInMonth} links drawn ` +
        `(target ≤ ${CALENDAR_TARGET_MS} ms: ${met}); group list (first page of 48) ${ms(c.list)} ms, ` +
        `"Show all ${CALENDAR_COHORTS} groups" ${ms(c.showAll)} ms (${REACT_MODE} React build)`,
    );
  }
  if (ONLY === 'all' || ONLY === 'backup') {
    console.log(
      `\nBackup: 5,000 participants, 60,000 attendance rows, 20,000 notes; ${ROUNDS} rounds`,
    );
    const b = await benchBackup();
    const met = (value, target) => (value <= target ? 'met' : 'NOT met');
    summary.push(
      `backup (${b.rows.toLocaleString('en')} rows): export ${ms(b.exportMs)} ms (target ≤ ${BACKUP_EXPORT_TARGET_MS} ms: ${met(b.exportMs, BACKUP_EXPORT_TARGET_MS)}), ` +
        `restore ${ms(b.restoreMs)} ms (target ≤ ${BACKUP_RESTORE_TARGET_MS} ms: ${met(b.restoreMs, BACKUP_RESTORE_TARGET_MS)}), ` +
        `merge of a 10 % changed copy ${ms(b.mergeMs)} ms (target ≤ ${BACKUP_MERGE_TARGET_MS} ms: ${met(b.mergeMs, BACKUP_MERGE_TARGET_MS)}); ` +
        `file ${(b.fileBytes / 1_048_576).toFixed(1)} MB = ${(b.fileBytes / b.rawJsonBytes).toFixed(2)}× the raw JSON (${(b.rawJsonBytes / 1_048_576).toFixed(1)} MB); ` +
        `context: plain IndexedDB writes ran at ${Math.round(b.rawWriteRowsPerSecond).toLocaleString('en')} rows/s on this machine during the run`,
    );
  }
  if (ONLY === 'all' || ONLY === 'attendance') {
    console.log(
      `\nAttendance: ${ATTENDANCE_TAPS} taps in meeting mode with ${ATTENDANCE_ROWS.toLocaleString('en')} rows in the database`,
    );
    const a = await benchAttendance();
    const met =
      a.median <= ATTENDANCE_MEDIAN_TARGET_MS && a.worst <= ATTENDANCE_WORST_TARGET_MS
        ? 'met'
        : 'NOT met';
    summary.push(
      `attendance mark → stored (sealed, committed): ${ms(a.median)} ms median, ${ms(a.p95)} ms 95th percentile, ` +
        `${ms(a.worst)} ms worst over ${ATTENDANCE_TAPS} taps with ${ATTENDANCE_ROWS.toLocaleString('en')} rows ` +
        `(target ≤ ${ATTENDANCE_MEDIAN_TARGET_MS} ms median, ≤ ${ATTENDANCE_WORST_TARGET_MS} ms worst: ${met}; ${REACT_MODE} React build)`,
    );
  }
  if (ONLY === 'all' || ONLY === 'reports') {
    console.log(
      `\nReports: ${REPORTS_COHORTS} cohorts, 60,000 attendance rows, data loaded (in memory / query cache)`,
    );
    const r = await benchReports();
    const met = Math.max(r.page, r.cohort, r.nodeTotal) <= REPORTS_TARGET_MS ? 'met' : 'NOT met';
    summary.push(
      `reports (${r.rows.toLocaleString('en')} attendance rows): domain in Node ${ms(r.nodeTotal)} ms median ` +
        `(overview ${ms(r.nodeOverview)} ms; in Chromium ${ms(r.browserOverview)} ms); rendered: reports page ${ms(r.page)} ms, ` +
        `cohort report ${ms(r.cohort)} ms painted (target ≤ ${REPORTS_TARGET_MS} ms: ${met}; ${REACT_MODE} React build)`,
    );
  }
  if (ONLY === 'all' || ONLY === 'lowend') {
    console.log(`\nLow-end device: CPU slowed ${LOWEND_CPU_RATE}× (DevTools protocol)`);
    const a = await benchAttendance(LOWEND_CPU_RATE);
    const r = await benchReports(LOWEND_CPU_RATE);
    const p = await benchPages(LOWEND_CPU_RATE);
    const tapMet = a.shownP95 <= LOWEND_TAP_P95_TARGET_MS ? 'met' : 'NOT met';
    const screenMet = Math.max(r.page, r.cohort) <= LOWEND_SCREEN_TARGET_MS ? 'met' : 'NOT met';
    summary.push(
      `low-end (${LOWEND_CPU_RATE}× CPU): attendance tap → new state shown ${ms(a.shownMedian)} ms median, ` +
        `${ms(a.shownP95)} ms p95, ${ms(a.shownWorst)} ms worst (target ≤ ${LOWEND_TAP_P95_TARGET_MS} ms p95: ${tapMet}); ` +
        `stored ${ms(a.median)} ms median / ${ms(a.p95)} ms p95; reports page ${ms(r.page)} ms, group report ${ms(r.cohort)} ms ` +
        `painted (target ≤ ${LOWEND_SCREEN_TARGET_MS} ms each: ${screenMet}; ${REACT_MODE} React build)`,
    );
    for (const [key, label] of LOWEND_PAGES) {
      const t = p[key];
      const met = t.worst <= LOWEND_SCREEN_TARGET_MS ? 'met' : 'NOT met';
      summary.push(
        `low-end (${LOWEND_CPU_RATE}× CPU): ${label} opened (link click → heading and first rows painted) ` +
          `${ms(t.median)} ms median, ${ms(t.worst)} ms worst of ${t.runs.length} ` +
          `(target ≤ ${LOWEND_SCREEN_TARGET_MS} ms: ${met}; ${REACT_MODE} React build)`,
      );
    }
    results.lowend = {
      cpuRate: LOWEND_CPU_RATE,
      react: REACT_MODE,
      targetMs: { tapP95: LOWEND_TAP_P95_TARGET_MS, screen: LOWEND_SCREEN_TARGET_MS },
      tap: {
        shownMedian: a.shownMedian,
        shownP95: a.shownP95,
        shownWorst: a.shownWorst,
        storedMedian: a.median,
        storedP95: a.p95,
      },
      reportsPage: { median: r.page },
      groupReport: { median: r.cohort },
      ...Object.fromEntries(
        LOWEND_PAGES.map(([key]) => [
          key,
          { ...p[key], met: p[key].worst <= LOWEND_SCREEN_TARGET_MS },
        ]),
      ),
    };
  }
  if (ONLY === 'pages') {
    console.log(`\nLow-end device, pages only: CPU slowed ${LOWEND_CPU_RATE}× (DevTools protocol)`);
    const p = await benchPages(LOWEND_CPU_RATE);
    results.lowend = { cpuRate: LOWEND_CPU_RATE, react: REACT_MODE, ...p };
  }
  if (ONLY === 'all' || ONLY === 'lcp') {
    console.log(
      `\nFirst paint: Lighthouse mobile (slow 4G, 4× CPU), ${ROUNDS} runs, fresh profiles`,
    );
    const runs = await benchLcp();
    const lcps = runs.map((r) => r.lcp);
    const scores = runs.map((r) => r.performance);
    const met =
      median(lcps) <= LCP_TARGET_MS && median(scores) >= PERFORMANCE_TARGET ? 'met' : 'NOT met';
    summary.push(
      `first paint (Lighthouse mobile): LCP ${lcps.map((v) => (v / 1000).toFixed(2)).join(', ')} s ` +
        `(median ${(median(lcps) / 1000).toFixed(2)} s), performance ${scores.map((v) => v.toFixed(2)).join(', ')} ` +
        `(target LCP ≤ ${LCP_TARGET_MS / 1000} s, performance ≥ ${PERFORMANCE_TARGET}: ${met})`,
    );
  }
  if (ONLY === 'sync') {
    const scale = SYNC_SCALE === 1 ? '' : ` × ${SYNC_SCALE}`;
    console.log(
      `\nSync: 5,000 participants, 60,000 attendance rows, 20,000 notes${scale}; two devices, ${SYNC_ROUNDS} rounds`,
    );
    const { rounds: r, bundle } = await benchSync();
    const range = (field, f = (v) => ms(v)) => {
      const values = r.map((x) => x[field]);
      return values.length > 1
        ? `${f(Math.min(...values))}–${f(Math.max(...values))}`
        : f(values[0]);
    };
    const met = (field, target) =>
      Math.max(...r.map((x) => x[field])) <= target ? 'met' : 'NOT met';
    const s = (v) => (v / 1000).toFixed(1);
    summary.push(
      `sync first pull (${r[0].rows.toLocaleString('en')} rows${scale}): device B usable after ${range('usableMs', s)} s ` +
        `(every row in at ${range('pulledMs', s)} s; joined at ${range('joinedMs', s)} s) ` +
        `(target ≤ ${SYNC_FIRST_PULL_TARGET_MS / 1000} s: ${met('usableMs', SYNC_FIRST_PULL_TARGET_MS)}); ` +
        `device A's first push ${range('pushMs', s)} s`,
      `sync live change A → B: ${range('live')} ms median of ${SYNC_LIVE_CHANGES} (worst ${range('liveWorst')} ms) ` +
        `(target ≤ ${SYNC_LIVE_TARGET_MS} ms: ${met('live', SYNC_LIVE_TARGET_MS)})`,
      `sync ${SYNC_OFFLINE_MARKS} offline marks after reconnecting: on the server after ${range('offlineServer')} ms, ` +
        `on device A after ${range('offlineA')} ms (target ≤ ${SYNC_OFFLINE_TARGET_MS} ms to the server: ${met('offlineServer', SYNC_OFFLINE_TARGET_MS)})`,
      `sync server storage (doc JSON in _all_docs, in-memory server): ${range('storageRatio', (v) => v.toFixed(2))}× ` +
        `the raw JSON of the rows (${(r[0].storedBytes / 1_048_576).toFixed(1)} MB vs ${(r[0].rawJsonBytes / 1_048_576).toFixed(1)} MB) ` +
        `(target ≤ ${SYNC_STORAGE_TARGET}×: ${met('storageRatio', SYNC_STORAGE_TARGET)})`,
      `${bundle.line}; PouchDB ${bundle.pouchInitial ? 'IS in the initial JS: it must load lazily' : 'is not in the initial JS'}`,
    );
  }
  if (ONLY === 'all' || ONLY === 'unlock') {
    console.log(`\nUnlock: production build, PBKDF2 600,000 iterations, ${ROUNDS} rounds`);
    const u = await benchUnlock();
    const met = u.median <= UNLOCK_TARGET_MS ? 'met' : 'NOT met';
    const blocking = Math.max(u.longestTask, u.longestFrameGap);
    const mainMet = blocking <= MAIN_THREAD_TARGET_MS ? 'met' : 'NOT met';
    summary.push(
      `unlock: ${ms(u.median)} ms median (target ≤ ${UNLOCK_TARGET_MS} ms: ${met}); ` +
        `longest main-thread task during unlock ${u.longestTask ? `${ms(u.longestTask)} ms` : 'none ≥ 50 ms'}, ` +
        `longest frame gap ${ms(u.longestFrameGap)} ms (target ≤ ${MAIN_THREAD_TARGET_MS} ms: ${mainMet}); ` +
        `during key derivation (${ms(u.kdfMedian)} ms median in the worker): ` +
        `long tasks ${u.longestTaskDuringKdf ? `${ms(u.longestTaskDuringKdf)} ms` : 'none'}, frame gap ${ms(u.longestFrameGapDuringKdf)} ms`,
    );
  }
} catch (error) {
  exitCode = 1;
  console.error(
    `\nbench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
} finally {
  await cleanUp();
}

if (summary.length) {
  console.log('\nSummary');
  for (const line of summary) console.log(line);
}
if (process.env.BENCH_JSON && Object.keys(results).length) {
  (await import('node:fs')).writeFileSync(
    process.env.BENCH_JSON,
    `${JSON.stringify({ date: new Date().toISOString(), loadAverage: os.loadavg(), ...results }, null, 2)}\n`,
  );
  console.log(`numbers written to ${process.env.BENCH_JSON}`);
}
process.exit(exitCode);
