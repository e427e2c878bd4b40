// `npm start` (after install and build): the sync server beside `vite preview`,
// one command. Ctrl-C stops both, and if either stops on its own the other is
// stopped too, so nothing is left running in the background.
//
// APLIS_PORT (default 4173) is the app's port, APLIS_SYNC_PORT (default 5984)
// the sync server's; the preview passes http://localhost:4173/sync/… on to it
// (vite.config.ts). The sync data stays in .sync-data/ (git-ignored) between runs.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const syncPort = process.env.APLIS_SYNC_PORT ?? '5984';
const appPort = process.env.APLIS_PORT ?? '4173';
const viteBin = join(
  dirname(createRequire(import.meta.url).resolve('vite/package.json')),
  'bin/vite.js',
);
const env = { ...process.env, APLIS_SYNC_PORT: syncPort };

const children = [
  spawn(
    process.execPath,
    [
      'scripts/sync-server.mjs',
      '--port',
      syncPort,
      '--dir',
      '.sync-data',
      // Ready to try sync with (README: Team sync). This server listens on this
      // machine only and is never for real data.
      '--db',
      'aplis',
      '--user',
      'aplis:aplis',
      // The coordinator's account may make an account per joining device (deploy/README.md).
      '--db-admin',
      'aplis:aplis',
    ],
    {
      stdio: 'inherit',
      env,
    },
  ),
  // Vite's own script, not `npx vite`: npx does not pass a SIGTERM on to it.
  spawn(process.execPath, [viteBin, 'preview', '--port', appPort, '--strictPort'], {
    stdio: 'inherit',
    env,
  }),
];

let exitCode = 0;
let stopping = false;
function stopAll(code) {
  if (!stopping) exitCode = code;
  stopping = true;
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
}

for (const child of children) {
  child.on('exit', (code) => {
    // One stopped: stop the other (a sync server without the app, or the app
    // without its sync server, is not what `npm start` promises).
    stopAll(code ?? 0);
    if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) process.exit(exitCode);
  });
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
