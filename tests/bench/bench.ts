/**
 * Rows benchmark, run in Chromium by scripts/bench.mjs: the same rows written
 * and read back through the sealed repository (validate → AES-GCM → Dexie)
 * and through plain Dexie with no encryption.
 *
 * Each round uses fresh databases and deletes them afterwards. Not part of
 * the production build (Vite builds index.html only).
 */
import Dexie, { type Table } from 'dexie';
import { generateDataKey } from '../../src/crypto/keyring';
import { Vault } from '../../src/crypto/vault';
import { attendanceRepository, participantRepository } from '../../src/db/repositories';
import { AplisDatabase } from '../../src/db/schema';
import { attendanceStatuses, type Attendance } from '../../src/domain/meeting';
import type { Participant } from '../../src/domain/participant';

export type RowKind = 'attendance' | 'participants';

export interface Timing {
  write: number;
  read: number;
  total: number;
}

export interface RoundResult {
  encrypted: Timing;
  raw: Timing;
  /**
   * The plain objects plus the `updatedAt` the repository adds, so the raw
   * table maintains the same indexes as the sealed one: shows how much of the
   * difference is the extra index rather than the encryption.
   */
  rawSameIndexes: Timing;
  /** Validating and sealing every row alone (toRow), no database: the crypto share of a write. */
  sealOnly: number;
  /** Bytes of one stored row's sealed payload, for context. */
  sealedBytesPerRow: number;
}

export interface BenchOptions {
  kind?: RowKind;
  rows?: number;
  /** Which variant runs first in this round (alternate between rounds to spread warm-up effects). */
  rawFirst?: boolean;
}

declare global {
  interface Window {
    runBench: (options?: BenchOptions) => Promise<RoundResult>;
  }
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const FIRST_NAMES = [
  'Anna',
  'Līga',
  'Marta',
  'Jānis',
  'Kristaps',
  'Olena',
  'Sofija',
  'Daniils',
  'Elza',
  'Rūta',
  'Artjoms',
  'Ieva',
];

function attendanceRows(count: number): Attendance[] {
  // Realistic shape: ~40 meetings × their participants.
  const meetings = Array.from({ length: Math.ceil(count / 250) + 40 }, () => crypto.randomUUID());
  const participants = Array.from({ length: 250 }, () => crypto.randomUUID());
  // Distinct (meeting, person) pairs, drawn at random: one mark per pair is
  // all the app stores (a mark's id is keyed by the pair, db/blind-index.ts).
  const pairs = Array.from({ length: meetings.length * participants.length }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(Math.random() * (pairs.length - i));
    [pairs[i], pairs[j]] = [pairs[j]!, pairs[i]!];
  }
  return pairs.slice(0, count).map((pair) => {
    const status = pick(attendanceStatuses);
    const row: Attendance = {
      id: crypto.randomUUID(),
      meetingId: meetings[Math.floor(pair / participants.length)]!,
      participantId: participants[pair % participants.length]!,
      status,
    };
    if (status === 'late' || status === 'left-early')
      row.time = `1${Math.floor(Math.random() * 10)}:${pick(['05', '15', '40'])}`;
    if (status === 'excused')
      row.reason = pick(['Ill', 'School exam', 'Family matter, told the coordinator in advance']);
    return row;
  });
}

function participantRows(count: number): Participant[] {
  const createdAt = new Date().toISOString();
  return Array.from({ length: count }, (_, i) => ({
    id: crypto.randomUUID(),
    code: `L25-${String(i % 1000).padStart(3, '0')}`,
    chosenName: `${pick(FIRST_NAMES)} ${String.fromCharCode(65 + (i % 26))}.`,
    gender: pick(['girl', 'boy', 'other', 'unspecified'] as const),
    birthYear: 2005 + (i % 10),
    languages: i % 3 === 0 ? ['lv', 'ru'] : ['lv'],
    createdAt,
  }));
}

/** The same tables and indexes as AplisDatabase, holding plain (unsealed) objects. */
class RawDatabase extends Dexie {
  attendance!: Table<Attendance, string>;
  participants!: Table<Participant, string>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({
      attendance: '&id, meetingId, participantId, updatedAt',
      participants: '&id, updatedAt',
    });
  }
}

let roundNumber = 0;

interface BenchRepository<T> {
  bulkPut(values: readonly T[]): Promise<void>;
  list(): Promise<{ items: T[]; damaged: string[] }>;
  toRow(value: T): Promise<unknown>;
}

function repositoryFor<T>(kind: RowKind, db: AplisDatabase, vault: Vault): BenchRepository<T> {
  return (kind === 'attendance'
    ? attendanceRepository(db, vault)
    : participantRepository(db, vault)) as unknown as BenchRepository<T>;
}

async function openVault(): Promise<Vault> {
  const vault = new Vault();
  vault.open(await generateDataKey(), { staffId: crypto.randomUUID(), viaRecovery: false });
  return vault;
}

async function timeSealOnly<T extends { id: string }>(
  kind: RowKind,
  rows: readonly T[],
): Promise<number> {
  const vault = await openVault();
  const repo = repositoryFor<T>(kind, new AplisDatabase('aplis-bench-never-opened'), vault);
  const t0 = performance.now();
  await Promise.all(rows.map((row) => repo.toRow(row)));
  const elapsed = performance.now() - t0;
  vault.lock();
  return elapsed;
}

async function timeEncrypted<T extends { id: string }>(
  kind: RowKind,
  rows: readonly T[],
): Promise<[Timing, number]> {
  const name = `aplis-bench-sealed-${Date.now()}-${roundNumber}`;
  const db = new AplisDatabase(name);
  await db.open();
  const vault = await openVault();
  const repo = repositoryFor<T>(kind, db, vault);
  try {
    const t0 = performance.now();
    await repo.bulkPut(rows);
    const t1 = performance.now();
    const { items, damaged } = await repo.list();
    const t2 = performance.now();
    if (items.length !== rows.length || damaged.length > 0) {
      throw new Error(
        `sealed read-back: ${items.length} rows, ${damaged.length} damaged (expected ${rows.length}, 0)`,
      );
    }
    const first = rows[0]!;
    // A mark is stored under its keyed id (db/blind-index.ts): found by its meeting and person.
    const same = (item: T) =>
      kind === 'attendance'
        ? (['meetingId', 'participantId'] as const).every(
            (k) =>
              (item as unknown as Record<string, string>)[k] ===
              (first as unknown as Record<string, string>)[k],
          )
        : item.id === first.id;
    const back = items.find(same);
    if (JSON.stringify({ ...back, id: '' }) !== JSON.stringify({ ...first, id: '' }))
      throw new Error('sealed read-back differs from what was written');
    const stored =
      kind === 'attendance'
        ? (
            await db.registers.get((first as unknown as { meetingId: string }).meetingId)
          )?.marks.find((m) => m.id === back?.id)
        : await db.participants.get(first.id);
    return [{ write: t1 - t0, read: t2 - t1, total: t2 - t0 }, stored?.sealed.byteLength ?? 0];
  } finally {
    vault.lock();
    db.close();
    await Dexie.delete(name);
  }
}

async function timeRaw<T extends { id: string }>(
  kind: RowKind,
  rows: readonly T[],
): Promise<Timing> {
  const name = `aplis-bench-raw-${Date.now()}-${roundNumber}`;
  const db = new RawDatabase(name);
  await db.open();
  const table = (kind === 'attendance' ? db.attendance : db.participants) as unknown as Table<
    T,
    string
  >;
  try {
    const t0 = performance.now();
    await table.bulkPut(rows);
    const t1 = performance.now();
    const items = await table.toArray();
    const t2 = performance.now();
    if (items.length !== rows.length)
      throw new Error(`raw read-back: ${items.length} rows (expected ${rows.length})`);
    return { write: t1 - t0, read: t2 - t1, total: t2 - t0 };
  } finally {
    db.close();
    await Dexie.delete(name);
  }
}

window.runBench = async ({ kind = 'attendance', rows: count = 10_000, rawFirst = false } = {}) => {
  roundNumber += 1;
  // Separate but identical copies, so neither variant sees objects the other touched.
  const source: Array<{ id: string }> =
    kind === 'attendance' ? attendanceRows(count) : participantRows(count);
  const copy = () => structuredClone(source);
  let encrypted: Timing;
  let raw: Timing;
  let sealedBytesPerRow: number;
  if (rawFirst) {
    raw = await timeRaw(kind, copy());
    [encrypted, sealedBytesPerRow] = await timeEncrypted(kind, copy());
  } else {
    [encrypted, sealedBytesPerRow] = await timeEncrypted(kind, copy());
    raw = await timeRaw(kind, copy());
  }
  // Context only, not part of the comparison.
  const rawSameIndexes = await timeRaw(
    kind,
    copy().map((row) => ({ ...row, updatedAt: Date.now() })),
  );
  const sealOnly = await timeSealOnly(kind, copy());
  return { encrypted, raw, rawSameIndexes, sealOnly, sealedBytesPerRow };
};

document.getElementById('status')!.textContent = 'ready';
