/**
 * Applying rows pulled from the sync server: the same rules as merging a
 * backup (backup/merge.ts planMerge — versions, tombstones, erasure
 * markers, the keyring only added to but for a newer roster, stamps from the
 * future refused; a roster that fails its MAC refused where it can be checked,
 * and the wraps of people a newer roster marks inactive dropped:
 * keyring-revocation.ts) and
 * the same checks of each row before it is taken (backup/genuine.ts), over
 * just the batch's rows and this device's copies of them.
 *
 * Unlike a file merge, any unlocked session applies, a facilitator's too:
 * a device carries coordinators' rows it cannot open, and those are taken
 * as they are (their owner's session checks them when it opens them), as a
 * merge does. Before anyone has unlocked (a device that just joined), only
 * key wraps are applied, so a staff member can then unlock.
 *
 * Crypto (keyed tombstone ids, opening rows to check them) runs first,
 * outside Dexie; the batch is then planned again and written in one
 * transaction, so a write made meanwhile is never overwritten blindly.
 */
import { productionKdfPolicy, type KdfPolicy } from '../../crypto/kdf';
import type { Vault } from '../../crypto/vault';
import { genuineRows, type RefusedRow } from '../backup/genuine';
import { planMerge, writePlan, type MergeSummary, type TombstoneIdOf } from '../backup/merge';
import { keyedMergeInput } from '../backup/tombstone-ids';
import { createRepositories } from '../repositories';
import { flattenRegisters, logicalName, MARKS_TABLE } from '../registers';
import { legacyTombstoneId } from '../tombstones';
import type { AplisDatabase, RegisterRow } from '../schema';
import { compareRowOrder } from '../row-meta';
import { checkIncomingRosters, dropRevokedWraps, outbidForgedRoster } from '../keyring-revocation';
import {
  knownStamps,
  rememberGraves,
  rememberMarkStamps,
  rememberStamps,
  registerStamps,
  rowStamp,
} from './state';

type Row = Record<string, unknown> & { id: string };
type Tables = Record<string, Row[]>;

export interface ApplyOptions {
  now?: number;
  policy?: KdfPolicy;
  /** The document id of each incoming row, by `table/id`: recorded so the row is not pushed back. */
  docIdOf?: (table: string, rowId: string) => string | undefined;
  /**
   * For a mark that came in a register: that register, whose one entry keeps
   * the stamps of its marks (state.ts registerStamps) instead of an entry per
   * mark; `legacyId`, where a build before kept the mark's own stamp.
   */
  registerOf?: (
    markId: string,
  ) => { regId: string; meetingId: string; legacyId?: string } | undefined;
  /** Which document holds each row (state.ts rememberGraves), kept in the same transaction. */
  graves?: readonly { tombstoneId: string; docId: string }[];
}

export interface ApplyResult {
  summary: MergeSummary;
  /** Rows that failed their check (genuine.ts): nothing of this device changed for them. */
  refused: RefusedRow[];
  /**
   * Rows older than the copy this device already pushed or applied for the
   * same document: the server's document went back (a replayed body).
   */
  older: number;
  /**
   * This device's copies that are newer than what arrived for their document
   * (replays and late stale writes alike): the server holds an older body,
   * and the engine puts these back once.
   */
  newer: { table: string; record: Row; replay: boolean }[];
  /**
   * Rows whose documents should no longer hold a body: deleted here by a
   * tombstone or an erasure in the batch (`buried` false: the document holds
   * this device's copy), or arriving after one that beats them (`buried`:
   * the copy that arrived is the one to remove).
   */
  gone: { table: string; id: string; buried: boolean; meetingId?: string }[];
  /**
   * Key wraps dropped because a roster this session verified marks their
   * holder inactive (keyring-revocation.ts): their documents should no
   * longer hold a body.
   */
  revoked: string[];
}

/**
 * Leaves out rows older than this device's copy when that copy is the one it
 * last pushed or applied for the document: a replay, not someone's edit.
 */
async function withoutReplays(
  db: AplisDatabase,
  incoming: Tables,
  local: Tables,
  { docIdOf, registerOf }: Pick<ApplyOptions, 'docIdOf' | 'registerOf'>,
): Promise<{ tables: Tables; older: number; newer: ApplyResult['newer'] }> {
  let older = 0;
  const tables: Tables = {};
  const newer: ApplyResult['newer'] = [];
  for (const [name, rows] of Object.entries(incoming)) {
    if (name === 'tombstones') {
      tables[name] = rows;
      continue;
    }
    const mine = new Map((local[name] ?? []).map((r) => [r.id, r]));
    const losing = rows.filter((r) => {
      const copy = mine.get(r.id);
      return copy !== undefined && compareRowOrder(r, copy) < 0;
    });
    const registers = losing.map((r) => (name === MARKS_TABLE ? registerOf?.(r.id) : undefined));
    const [byDoc, byRegister] = await Promise.all([
      knownStamps(
        db,
        losing.map((r) => docIdOf?.(name, r.id) ?? ''),
      ),
      registerStamps(
        db,
        registers.map((g) => g?.regId ?? ''),
      ),
    ]);
    const known = losing.map((r, i) => byRegister[i]?.s[r.id] ?? byDoc[i]);
    const replays = new Set(
      losing.filter((r, i) => known[i] === rowStamp(mine.get(r.id)!)).map((r) => r.id),
    );
    older += replays.size;
    for (const r of losing)
      newer.push({ table: name, record: mine.get(r.id)!, replay: replays.has(r.id) });
    tables[name] = rows.filter((r) => !replays.has(r.id));
  }
  return { tables, older, newer };
}

function physical(db: AplisDatabase, name: string) {
  return db.table(name === MARKS_TABLE ? 'registers' : name);
}

/**
 * This device's copies of a batch's rows: by id, and whole tables for those
 * the batch deletes from (a tombstone names no row: the row is found by its
 * keyed id), with every tombstone.
 */
async function readLocal(db: AplisDatabase, incoming: Tables): Promise<Tables> {
  const tombTables = new Set(
    (incoming.tombstones ?? []).map((t) => String((t as { table?: unknown }).table)),
  );
  if ((incoming.tombstones ?? []).some((t) => t.erased === true))
    for (const t of db.tables) if (t.name !== 'meta') tombTables.add(logicalName(t.name));
  const local: Tables = { tombstones: (await db.tombstones.toArray()) as unknown as Row[] };
  const names = new Set([...Object.keys(incoming), ...tombTables]);
  names.delete('tombstones');
  for (const name of names) {
    if (!db.tables.some((t) => logicalName(t.name) === name)) continue;
    const table = physical(db, name);
    const whole = tombTables.has(name);
    if (name === MARKS_TABLE) {
      const registers = (
        whole
          ? await table.toArray()
          : await table.bulkGet([
              ...new Set((incoming[name] ?? []).map((m) => String(m.meetingId))),
            ])
      ) as (RegisterRow | undefined)[];
      local[name] = flattenRegisters(
        registers.filter((r): r is RegisterRow => !!r),
      ) as unknown as Row[];
    } else {
      local[name] = (
        whole
          ? await table.toArray()
          : (await table.bulkGet((incoming[name] ?? []).map((r) => r.id))).filter(Boolean)
      ) as Row[];
    }
  }
  return local;
}

function tablesOf(db: AplisDatabase, incoming: Tables) {
  // An erasure marker deletes rows about the person in every table.
  if ((incoming.tombstones ?? []).some((t) => t.erased === true)) return db.tables;
  const names = new Set([...Object.keys(incoming), 'tombstones', 'meta', MARKS_TABLE]);
  for (const t of incoming.tombstones ?? []) names.add(String(t.table));
  return db.tables.filter((t) => names.has(logicalName(t.name)));
}

/** Only the tables this device has (a newer device's table waits for this one's upgrade). */
function known(db: AplisDatabase, incoming: Tables): Tables {
  const names = new Set(db.tables.map((t) => logicalName(t.name)));
  return Object.fromEntries(Object.entries(incoming).filter(([name]) => names.has(name)));
}

export async function applyIncoming(
  db: AplisDatabase,
  vault: Vault,
  batch: Tables,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const now = options.now ?? Date.now();
  const policy = options.policy ?? productionKdfPolicy;
  // Locked (a device that joined, before anyone unlocked): key wraps only.
  const incoming = known(db, vault.isUnlocked ? batch : { keyring: batch.keyring ?? [] });
  let checked: Tables = incoming;
  let refused: RefusedRow[] = [];
  let tombstoneIdOf: TombstoneIdOf = legacyTombstoneId;
  let older = 0;
  let newer: ApplyResult['newer'] = [];
  let forged = 0;
  if (vault.isUnlocked) {
    const local = await db.transaction('r', tablesOf(db, incoming), () => readLocal(db, incoming));
    const fresh = await withoutReplays(db, incoming, local, options);
    older = fresh.older;
    newer = fresh.newer;
    const keyed = await keyedMergeInput(vault, local, fresh.tables);
    const genuine = await genuineRows(keyed.incoming, keyed.local, createRepositories(db, vault));
    const rosters = await checkIncomingRosters(vault, genuine.tables);
    checked = rosters.tables;
    refused = [...genuine.refused, ...rosters.refused];
    forged = rosters.forged;
    tombstoneIdOf = keyed.tombstoneIdOf;
  }
  const applied = await db.transaction('rw', tablesOf(db, incoming), async () => {
    const plan = planMerge(
      await readLocal(db, checked),
      checked,
      { now, policy, refused },
      tombstoneIdOf,
    );
    await writePlan(db, plan);
    // What this device now holds of each document it took: not pushed back.
    const taken: { docId: string; stamp: string }[] = [];
    const marks: { regId: string; meetingId: string; markId: string; stamp: string }[] = [];
    const remember = (name: string, row: Row) => {
      const register = name === MARKS_TABLE ? options.registerOf?.(row.id) : undefined;
      if (register) return marks.push({ ...register, markId: row.id, stamp: rowStamp(row) });
      const docId = options.docIdOf?.(name, row.id);
      if (docId) taken.push({ docId, stamp: rowStamp(row) });
    };
    for (const [name, rows] of plan.puts) for (const row of rows) remember(name, row);
    for (const t of plan.tombstones) remember('tombstones', t as unknown as Row);
    await rememberStamps(db, taken);
    await rememberMarkStamps(db, marks);
    await rememberGraves(db, options.graves ?? []);
    const gone: ApplyResult['gone'] = [];
    for (const [table, rows] of plan.deletes)
      for (const row of rows)
        gone.push({
          table,
          id: row.id,
          buried: false,
          // A mark's register is re-packed without it (engine.ts).
          ...(table === MARKS_TABLE && typeof row.meetingId === 'string'
            ? { meetingId: row.meetingId }
            : {}),
        });
    for (const [table, ids] of plan.buried)
      for (const id of ids) gone.push({ table, id, buried: true });
    return { summary: plan.summary, gone };
  });
  // A newer roster may mark someone inactive: their wraps go here too, locked
  // or not (keyring-revocation.ts says how far an unverified roster is believed).
  const dropped = incoming.keyring?.length
    ? await dropRevokedWraps(db, vault, () => now)
    : { ids: [], verified: false };
  const revoked = dropped.verified ? dropped.ids : [];
  // A forged roster refused here: the true one is signed above it, to win everywhere.
  if (forged) await outbidForgedRoster(db, vault, forged).catch(() => false);
  return { summary: applied.summary, refused, older, newer, gone: applied.gone, revoked };
}
