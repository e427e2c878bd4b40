/**
 * A row's authenticated metadata: its version, when it was written and by
 * whom. Sealed inside the payload as an envelope `{ m: { v, t, a }, b: row }`,
 * with the version also in the additional data (crypto/seal.ts), so:
 *
 * - changing the clear `version` or `updatedAt` of a row makes it damaged,
 *   never newer: the clear copies exist for indexes and for merging rows a
 *   device cannot open (a facilitator's device carries coordinators' rows);
 * - an older ciphertext of a row, replayed under newer clear stamps, is
 *   damaged too — its sealed version and time are the old ones;
 * - whoever reads a row knows who wrote it last (`a`, a staff id), which the
 *   clear columns cannot forge.
 *
 * Rows sealed before v8 have no envelope and no `version` on disk: they open
 * with the old `table/id` additional data until the first unlock re-seals
 * them (row-upgrade.ts).
 */
import { DamagedRecordError } from '../crypto/errors';
import { sealedGeneration, type Sealed } from '../crypto/seal';
import type { BoxFormat } from '../crypto/sealed-box';
import type { Vault } from '../crypto/vault';
import type { SealedRow } from './rows';

export interface RowMeta {
  /** 1 for a new row; one more than the stored row's on every write. */
  version: number;
  /** Epoch ms of the write. */
  updatedAt: number;
  /** The staff id of the session that wrote it ('' when nobody is signed in, as in set-up). */
  author: string;
}

interface Envelope {
  m: { v: number; t: number; a: string };
  b: unknown;
}

/** The metadata of the next write of a row whose stored version is `current`. */
export function nextRowMeta(current: number | undefined, vault: Vault, now = Date.now()): RowMeta {
  return { version: (current ?? 0) + 1, updatedAt: now, author: vault.session?.staffId ?? '' };
}

export function sealEnvelope(
  vault: Vault,
  table: string,
  id: string,
  value: unknown,
  meta: RowMeta,
): Promise<Sealed> {
  const envelope: Envelope = {
    m: { v: meta.version, t: meta.updatedAt, a: meta.author },
    b: value,
  };
  return vault.seal(table, id, envelope, meta.version);
}

function isEnvelope(value: unknown): value is Envelope {
  if (typeof value !== 'object' || value === null || !('m' in value) || !('b' in value))
    return false;
  const m = (value as { m: unknown }).m;
  return (
    typeof m === 'object' &&
    m !== null &&
    Number.isSafeInteger((m as Envelope['m']).v) &&
    typeof (m as Envelope['m']).t === 'number' &&
    typeof (m as Envelope['m']).a === 'string'
  );
}

/**
 * Opens a row and checks its clear metadata against the sealed copy. Returns
 * the row's own value and the authenticated metadata (undefined for a row
 * sealed before v8). `sealedAs` is the table the payload was sealed under;
 * `table` names the row in errors.
 */
export async function openRowWithMeta(
  vault: Vault,
  sealedAs: string,
  row: Pick<SealedRow, 'id' | 'sealed' | 'updatedAt' | 'version'>,
  table: string = sealedAs,
): Promise<{ value: unknown; meta?: RowMeta; box?: BoxFormat }> {
  if (row.version === undefined) {
    const legacy = await vault.unsealRow(sealedAs, row.id, row.sealed);
    return { value: legacy.value, ...(legacy.box ? { box: legacy.box } : {}) };
  }
  if (!Number.isSafeInteger(row.version) || row.version < 1)
    throw new DamagedRecordError(table, row.id);
  const unsealed = await vault.unsealRow(sealedAs, row.id, row.sealed, row.version);
  const opened = unsealed.value;
  if (!isEnvelope(opened) || opened.m.v !== row.version || opened.m.t !== row.updatedAt)
    throw new DamagedRecordError(table, row.id);
  return {
    value: opened.b,
    meta: { version: opened.m.v, updatedAt: opened.m.t, author: opened.m.a },
    // A sealed box (crypto/sealed-box.ts): the caller checks it is new (db/box-ledger.ts).
    ...(unsealed.box ? { box: unsealed.box } : {}),
  };
}

export async function openEnvelope(
  vault: Vault,
  sealedAs: string,
  row: Pick<SealedRow, 'id' | 'sealed' | 'updatedAt' | 'version'>,
  table: string = sealedAs,
): Promise<unknown> {
  return (await openRowWithMeta(vault, sealedAs, row, table)).value;
}

/** True when every plain index field of `row` equals the one computed from its opened value. */
export function sameIndex(row: object, index: object): boolean {
  const clear = row as Record<string, unknown>;
  return Object.entries(index).every(([key, value]) => clear[key] === value);
}

type Ordered = Readonly<Record<string, unknown>>;

function bytesOrder(a: unknown, b: unknown): number {
  if (!(a instanceof Uint8Array) || !(b instanceof Uint8Array)) return 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** The team key generation a row's sealed bytes name (seal.ts): 1 for any other row. */
export function rowGeneration(row: object): number {
  return sealedGeneration((row as Ordered).sealed) ?? 1;
}

/**
 * Which of two copies of one row wins, on every device alike: the higher
 * version (a row from before v8 counts as 0), then the later write time,
 * then the newer team key generation, then the sealed bytes, so two devices
 * holding the same pair pick the same one. Positive when `a` wins. Compares
 * the clear copies: a copy whose clear fields lie opens as damaged
 * (openRowWithMeta), never as the winner.
 *
 * The generation comes only after version and time: a re-seal under a newer
 * key (row-upgrade.ts) keeps both, so it beats the same write under the old
 * key and never a real edit (one more version) made anywhere meanwhile. The
 * generation byte is in the additional data, so it cannot be raised without
 * the newer key.
 */
export function compareRowOrder(a: object, b: object): number {
  const [x, y] = [a as Ordered, b as Ordered];
  const version = (row: Ordered) => (typeof row.version === 'number' ? row.version : 0);
  const time = (row: Ordered) => (typeof row.updatedAt === 'number' ? row.updatedAt : 0);
  return (
    version(x) - version(y) ||
    time(x) - time(y) ||
    rowGeneration(x) - rowGeneration(y) ||
    bytesOrder(x.sealed, y.sealed)
  );
}
