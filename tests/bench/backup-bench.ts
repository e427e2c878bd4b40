/**
 * Backup benchmark, run in Chromium by scripts/bench.mjs (`--only=backup`):
 * an organisation with 5,000 participants, 60,000 attendance rows and 20,000
 * notes, sealed in bulk in the page; then
 *
 *   export   createBackup (read every table, encode, PBKDF2 at 600,000, AES-GCM)
 *   restore  openBackup + restoreIntoEmpty into a fresh database
 *   merge    a copy with 10 % of rows changed (edited, added, deleted) merged
 *            back: openBackup + previewMerge + applyMerge
 *
 * and the file's size against the raw JSON of the same (decrypted) data.
 * Every database is deleted afterwards.
 */
import Dexie from 'dexie';
import { deriveBitsOffThread, productionKdfPolicy, type KdfPolicy } from '../../src/crypto/kdf';
import { Vault } from '../../src/crypto/vault';
import { createBackup, openBackup, restoreIntoEmpty } from '../../src/db/backup/backup';
import { applyMerge, previewMerge } from '../../src/db/backup/merge';
import { tombstonesFor } from '../../src/db/tombstones';
import { keyringStore } from '../../src/db/keyring-store';
import { changeMarks } from '../../src/db/registers';
import { createRepositories } from '../../src/db/repositories';
import { AplisDatabase } from '../../src/db/schema';
import { syncBenchData } from './sync-data';

export interface BackupBenchOptions {
  participants?: number;
  attendance?: number;
  notes?: number;
}

export interface BackupBenchResult {
  rows: number;
  seedMs: number;
  exportMs: number;
  restoreMs: number;
  restoreOpenMs: number;
  mergeMs: number;
  mergeOpenMs: number;
  mergePreviewMs: number;
  mergeApplyMs: number;
  merged: { added: number; updated: number; deleted: number };
  fileBytes: number;
  rawJsonBytes: number;
  restoredEqual: boolean;
  /** Context: plain Dexie bulkAdd of 5,000 random rows, no crypto, on this machine right now. */
  rawWriteRowsPerSecond: number;
}

declare global {
  interface Window {
    runBackupBench: (options?: BackupBenchOptions) => Promise<BackupBenchResult>;
  }
}

const STAFF_PASSPHRASE = 'bench staff passphrase';
const BACKUP_PASSPHRASE = 'bench backup passphrase';
/** Staff wraps are not what is measured: a cheap derivation for setting up. */
const setupPolicy: KdfPolicy = { iterations: 1_000, floor: 1_000 };
const backupOptions = { policy: productionKdfPolicy, derive: deriveBitsOffThread };

const data = (options: Required<BackupBenchOptions>, staffId: string) =>
  syncBenchData(options, staffId);

/** Seals in batches (thousands of WebCrypto calls at once starve the page) and writes. */
async function bulkSeal<T extends { id: string }>(
  repo: { bulkPut(values: readonly T[]): Promise<void> },
  rows: readonly T[],
) {
  for (let i = 0; i < rows.length; i += 5_000) await repo.bulkPut(rows.slice(i, i + 5_000));
}

function device(name: string) {
  const db = new AplisDatabase(name);
  const vault = new Vault();
  return {
    db,
    vault,
    keyring: keyringStore(db, vault, { policy: setupPolicy, derive: deriveBitsOffThread }),
    repos: createRepositories(db, vault),
  };
}

async function dump(db: AplisDatabase): Promise<string> {
  const parts: string[] = [];
  for (const table of db.tables) {
    if (table.name === 'meta') continue;
    const rows = await table.toArray();
    parts.push(
      table.name,
      JSON.stringify(rows, (_k, v: unknown) =>
        v instanceof Uint8Array ? Array.from(v).join(',') : v,
      ),
    );
  }
  return parts.join('\n');
}

/** How fast this browser writes rows at all, for context: the floor under restore and merge. */
async function rawWriteRate(name: string): Promise<number> {
  const db = new AplisDatabase(name);
  try {
    const rows = Array.from({ length: 5_000 }, () => ({
      id: crypto.randomUUID(),
      meetingId: crypto.randomUUID(),
      updatedAt: Date.now(),
      sealed: crypto.getRandomValues(new Uint8Array(160)),
    }));
    const t0 = performance.now();
    await db.notes.bulkAdd(rows);
    return (rows.length / (performance.now() - t0)) * 1000;
  } finally {
    db.close();
    await Dexie.delete(name);
  }
}

const status = (text: string) => {
  document.getElementById('status')!.textContent = text;
};

window.runBackupBench = async (input = {}) => {
  const options = { participants: 5_000, attendance: 60_000, notes: 20_000, ...input };
  const run = Date.now();
  const a = device(`aplis-bench-backup-a-${run}`);
  const b = device(`aplis-bench-backup-b-${run}`);
  try {
    status('seeding');
    const t0 = performance.now();
    const { staffId } = await a.keyring.createOrganisation({
      organisation: { name: 'Bench centre', supportContacts: [] },
      coordinator: { displayName: 'Bench coordinator', languages: ['lv'] },
      passphrase: STAFF_PASSPHRASE,
    });
    const plain = data(options, staffId);
    await bulkSeal(a.repos.participants, plain.participants);
    await bulkSeal(a.repos.attendance, plain.attendance);
    await bulkSeal(a.repos.notes, plain.notes);
    const seedMs = performance.now() - t0;
    const rawJsonBytes = new TextEncoder().encode(JSON.stringify(plain)).length;

    status('export');
    const e0 = performance.now();
    const file = await createBackup(a.db, a.vault, BACKUP_PASSPHRASE, backupOptions);
    const exportMs = performance.now() - e0;

    status('restore');
    const r0 = performance.now();
    const opened = await openBackup(b.db, file.bytes, BACKUP_PASSPHRASE, backupOptions);
    const restoreOpenMs = performance.now() - r0;
    await restoreIntoEmpty(b.db, opened);
    const restoreMs = performance.now() - r0;
    const restoredEqual = (await dump(a.db)) === (await dump(b.db));

    // Device B changes 10 % of the rows: 8 % edited, 1 % added, 1 % deleted.
    status('changing 10 %');
    await b.keyring.unlock(STAFF_PASSPHRASE, 'passphrase');
    await new Promise((resolve) => setTimeout(resolve, 5)); // newer updatedAt than A's rows
    const share = (rows: readonly unknown[], pct: number) => Math.round(rows.length * pct);
    await bulkSeal(
      b.repos.participants,
      plain.participants
        .slice(0, share(plain.participants, 0.08))
        .map((p) => ({ ...p, chosenName: `${p.chosenName} (edited)` })),
    );
    await bulkSeal(
      b.repos.attendance,
      plain.attendance
        .slice(0, share(plain.attendance, 0.08))
        .map((row) => ({ ...row, status: 'excused' as const, reason: 'Told us in advance' })),
    );
    await bulkSeal(
      b.repos.notes,
      plain.notes
        .slice(0, share(plain.notes, 0.08))
        .map((n) => ({ ...n, text: `${n.text} Edited afterwards.` })),
    );
    const more = data(
      {
        participants: share(plain.participants, 0.01),
        attendance: share(plain.attendance, 0.01),
        notes: share(plain.notes, 0.01),
      },
      staffId,
    );
    await bulkSeal(b.repos.participants, more.participants);
    await bulkSeal(b.repos.attendance, more.attendance);
    await bulkSeal(b.repos.notes, more.notes);
    for (const [name, rows] of [
      ['participants', plain.participants],
      ['notes', plain.notes],
    ] as const) {
      const ids = rows.slice(rows.length - share(rows, 0.01)).map((r) => r.id);
      const tombstones = await tombstonesFor(b.vault, name, ids);
      await b.db.transaction('rw', [b.db.table(name), b.db.tombstones], async () => {
        await b.db.table(name).bulkDelete(ids);
        await b.db.tombstones.bulkPut(tombstones);
      });
    }
    const goneMarks = plain.attendance.slice(
      plain.attendance.length - share(plain.attendance, 0.01),
    );
    const markTombstones = await tombstonesFor(
      b.vault,
      'attendance',
      goneMarks.map((m) => m.id),
    );
    await b.db.transaction('rw', [b.db.registers, b.db.tombstones], () =>
      changeMarks(b.db, [], goneMarks, { tombstones: markTombstones }),
    );
    const changed = await createBackup(b.db, b.vault, BACKUP_PASSPHRASE, backupOptions);

    status('merge');
    const m0 = performance.now();
    const incoming = await openBackup(a.db, changed.bytes, BACKUP_PASSPHRASE, backupOptions);
    const m1 = performance.now();
    const preview = await previewMerge(a.db, a.vault, incoming, { policy: setupPolicy });
    const m2 = performance.now();
    const merged = await applyMerge(a.db, a.vault, incoming, preview, { policy: setupPolicy });
    const m3 = performance.now();
    status('raw write rate');
    const rawWriteRowsPerSecond = await rawWriteRate(`aplis-bench-backup-raw-${run}`);
    status('done');
    return {
      rows: file.rows,
      seedMs,
      exportMs,
      restoreMs,
      restoreOpenMs,
      mergeMs: m3 - m0,
      mergeOpenMs: m1 - m0,
      mergePreviewMs: m2 - m1,
      mergeApplyMs: m3 - m2,
      merged: { added: merged.added, updated: merged.updated, deleted: merged.deleted },
      fileBytes: file.bytes.length,
      rawJsonBytes,
      restoredEqual,
      rawWriteRowsPerSecond,
    };
  } finally {
    a.vault.lock();
    b.vault.lock();
    a.db.close();
    b.db.close();
    await Dexie.delete(a.db.name);
    await Dexie.delete(b.db.name);
  }
};

status('ready');
