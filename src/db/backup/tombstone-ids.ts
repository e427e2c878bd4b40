/**
 * Keyed tombstone ids for a merge (tombstones.ts): a tombstone names no row,
 * so the merge computes the keyed id of each row a tombstone could delete
 * and matches on that. HMAC is WebCrypto, so this runs before the merge's
 * transaction, and only for the rows that can meet a tombstone: a file's rows
 * this device lacks (in tables with tombstones), and this device's rows the
 * file lacks (in tables the file has tombstones for).
 *
 * Tombstones written before they were keyed (`rowId` in the clear, from an
 * older file or a device not yet re-keyed) are re-keyed here too, so the
 * merge only ever stores keyed ones.
 */
import type { Vault } from '../../crypto/vault';
import type { TombstoneRow } from '../schema';
import { blindOf, isBlind, isClearPerson } from '../blind-index';
import { legacyTombstoneId, tombstoneToken } from '../tombstones';

type Row = Record<string, unknown> & { id: string };
type Tables = Record<string, Row[]>;

export interface KeyedMergeInput {
  local: Tables;
  incoming: Tables;
  /** The keyed tombstone id of a row worked out here; undefined for any other row. */
  tombstoneIdOf: (table: string, rowId: string) => string | undefined;
}

/** Tombstones with their row's id in the clear, re-keyed (the rest as they are). */
export async function rekeyTombstones(
  key: CryptoKey,
  tombstones: readonly TombstoneRow[],
): Promise<TombstoneRow[]> {
  return Promise.all(
    tombstones.map(async (t) =>
      t.rowId === undefined
        ? t
        : {
            id: await tombstoneToken(key, t.table, t.rowId),
            table: t.table,
            deletedAt: t.deletedAt,
          },
    ),
  );
}

export async function keyedMergeInput(
  vault: Vault,
  local: Tables,
  incoming: Tables,
): Promise<KeyedMergeInput> {
  const key = await vault.teamSubkey('opaqueId');
  const rekey = async (tables: Tables): Promise<Tables> =>
    tables.tombstones
      ? {
          ...tables,
          tombstones: (await rekeyTombstones(
            key,
            tables.tombstones as unknown as TombstoneRow[],
          )) as unknown as Row[],
        }
      : tables;
  const [mine, theirs] = await Promise.all([rekey(local), rekey(incoming)]);
  const tombTables = (tables: Tables) =>
    new Set(((tables.tombstones ?? []) as unknown as TombstoneRow[]).map((t) => t.table));
  const incomingTombTables = tombTables(theirs);
  const anyTombTables = new Set([...incomingTombTables, ...tombTables(mine)]);

  const wanted: [string, string][] = [];
  for (const name of Object.keys({ ...mine, ...theirs })) {
    if (name === 'tombstones') continue;
    const localIds = new Set((mine[name] ?? []).map((r) => r.id));
    const incomingIds = new Set((theirs[name] ?? []).map((r) => r.id));
    if (anyTombTables.has(name))
      for (const id of incomingIds) if (!localIds.has(id)) wanted.push([name, id]);
    if (incomingTombTables.has(name))
      for (const id of localIds) if (!incomingIds.has(id)) wanted.push([name, id]);
  }
  // Erasure markers are tombstones of participants: every person a row of
  // either side is about needs their marker's id then.
  const tombs = [...(mine.tombstones ?? []), ...(theirs.tombstones ?? [])];
  // A row's person column holds a blind value (blind-index.ts), or on rows
  // not yet blinded the id itself: a blind value is traced back to its
  // person through the participants either side holds.
  const blinded: [string, string][] = [];
  if (tombs.some((t) => t.erased)) {
    const people = new Set<string>();
    const columns = new Set<string>();
    for (const [name, rows] of [...Object.entries(mine), ...Object.entries(theirs)])
      for (const row of rows) {
        if (name === 'participants') people.add(row.id);
        else if (isClearPerson(row.participantId)) people.add(row.participantId);
        else if (isBlind(row.participantId)) columns.add(row.participantId as string);
      }
    if (columns.size > 0)
      for (const person of people) {
        const blind = await blindOf(vault, person);
        if (columns.has(blind)) blinded.push([blind, person]);
      }
    for (const person of people) wanted.push(['participants', person]);
  }
  const tokens = new Map<string, string>();
  await Promise.all(
    wanted.map(async ([name, id]) =>
      tokens.set(legacyTombstoneId(name, id), await tombstoneToken(key, name, id)),
    ),
  );
  // The erasure check asks for the marker of whatever the column holds.
  for (const [blind, person] of blinded)
    tokens.set(
      legacyTombstoneId('participants', blind),
      tokens.get(legacyTombstoneId('participants', person))!,
    );
  return {
    local: mine,
    incoming: theirs,
    tombstoneIdOf: (name, id) => tokens.get(legacyTombstoneId(name, id)),
  };
}
