/**
 * The audit log's store: every line is sealed (its action and time only
 * inside the payload) and linked into this device's chain
 * (domain/audit-chain.ts), so a line cut out, changed, moved or slipped in
 * is found by `verify`, and an erasure can empty a line without breaking
 * the chain (`redactAuditEntries`).
 *
 * Two writers on one device (two tabs, two mutations at once) must not both
 * take number n+1. Links need WebCrypto, which must never be awaited inside a
 * Dexie transaction, so a write computes its links against the head it read,
 * then checks inside the transaction that the head is still the same; when
 * another writer got there first it starts again with the new head.
 */
import type { Table } from 'dexie';
import { boxLedger } from './box-ledger';
import { isSealedBox } from '../crypto/sealed-box';
import { fromBase64, randomBytes, toBase64 } from '../crypto/bytes';
import { sha256Base64 as sha256 } from '../crypto/digest';
import { DamagedRecordError } from '../crypto/errors';
import { hmac, verifyHmac } from '../crypto/subkeys';
import type { Vault } from '../crypto/vault';
import type { AuditEntry } from '../domain/audit';
import {
  TEAM_ACTIONS,
  canonicalJson,
  earliestBreak,
  firstBreakInChain,
  linkInput,
  redactionInput,
  type AuditBreak,
  type AuditVerdict,
  type ChainFields,
  type CheckedLine,
  type LinkAuthor,
  type NamedEntry,
} from '../domain/audit-chain';
import type { AplisDatabase, AuditRow, TombstoneRow } from './schema';
import { nextRowMeta, openRowWithMeta, sealEnvelope } from './row-meta';
import {
  checkRow,
  resealRows,
  sealedRows,
  type LegacyReseal,
  type ListResult,
  type RowCheck,
} from './sealed-table';
import { tombstonesFor } from './tombstones';

/** The `meta` key of this device's chain id (device state: it never travels in a backup). */
export const AUDIT_CHAIN_KEY = 'auditChain';
/** Writers racing for the head: each retry means another line was written, so this is ample. */
const MAX_ATTEMPTS = 50;

const loadSchema = () => import('../domain/audit').then((m) => m.auditEntrySchema);

/** A line as sealed: the entry and its nonce (domain/audit.ts). */
const loadSealedSchema = () =>
  import('../domain/audit').then(
    (m) => m.sealedAuditEntrySchema as unknown as typeof m.auditEntrySchema,
  );

/** An entry as the rest of the app knows it: the nonce is the chain's business. */
function withoutNonce(entry: AuditEntry): AuditEntry {
  const { nonce: _nonce, ...rest } = entry as AuditEntry & { nonce?: string };
  return rest;
}

/** Thrown inside a write's transaction when another writer moved the chain's head. */
class ChainMoved extends Error {}

interface Head {
  seq: number;
  link: string;
}

/** A line sealed and digested, waiting for its place in the chain. */
interface SealedLine {
  id: string;
  sealed: Uint8Array<ArrayBuffer>;
  digest: string;
  /** The sealed time and version (row-meta.ts): a line is written once, as version 1. */
  updatedAt: number;
  version: number;
}

/** What an erasure writes: chained lines emptied, older unchained lines deleted. */
export interface AuditRedaction {
  rows: AuditRow[];
  deletes: string[];
  /** Keyed tombstones of `deletes`, made before the transaction (HMAC). */
  tombstones: TombstoneRow[];
}

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  try {
    return fromBase64(base64);
  } catch {
    return new Uint8Array(0);
  }
}

function chainOf(row: AuditRow): ChainFields | undefined {
  const { chain, seq, prev, digest, link, by } = row;
  if (typeof chain !== 'string' || typeof seq !== 'number') return undefined;
  if (typeof prev !== 'string' || typeof digest !== 'string' || typeof link !== 'string')
    return undefined;
  if (by !== 'coordinator' && by !== 'team') return undefined;
  return { chain, seq, prev, digest, link, by };
}

export function auditLog(db: AplisDatabase, vault: Vault) {
  const ledger = boxLedger(db);
  const { fromRow, openAll } = sealedRows<AuditEntry, AuditRow>(
    {
      name: 'audit',
      schema: loadSealedSchema,
      ledger,
      vault,
    },
    db.audit,
  );

  /**
   * This device's chain id, or a new one to claim. It is stored by the first
   * write's own transaction (`claimChain`), so a write that fails leaves
   * nothing behind, and two tabs claiming at once agree (one retries).
   */
  async function chainId(): Promise<string> {
    const row = await db.meta.get(AUDIT_CHAIN_KEY);
    return typeof row?.value === 'string' ? row.value : crypto.randomUUID();
  }

  /** Inside a write's transaction: the chain id is still `chain`, stored if new. */
  async function claimChain(chain: string): Promise<void> {
    const row = await db.meta.get(AUDIT_CHAIN_KEY);
    if (row === undefined) await db.meta.put({ key: AUDIT_CHAIN_KEY, value: chain });
    else if (row.value !== chain) throw new ChainMoved();
  }

  async function headOf(chain: string): Promise<Head> {
    const last = await db.audit
      .where('[chain+seq]')
      .between([chain, 0], [chain, Infinity], true, true)
      .last();
    return { seq: last?.seq ?? 0, link: last?.link ?? '' };
  }

  async function sealLines(entries: readonly AuditEntry[]): Promise<SealedLine[]> {
    const schema = await loadSchema();
    return Promise.all(
      entries.map(async (entry) => {
        const valid = schema.parse(entry);
        // The nonce makes the clear digest unguessable from ids, actions and times.
        const payload = { ...valid, nonce: toBase64(randomBytes(16)) };
        const meta = nextRowMeta(undefined, vault);
        const [sealed, digest] = await Promise.all([
          sealEnvelope(vault, 'audit', valid.id, payload, meta),
          sha256(canonicalJson(payload)),
        ]);
        // Sealed under the coordinator key: no box may ever stand in for it (box-ledger.ts).
        if (!isSealedBox(sealed)) await ledger.remember('audit', [valid.id]);
        return { id: valid.id, sealed, digest, updatedAt: meta.updatedAt, version: meta.version };
      }),
    );
  }

  async function linkKey(by: LinkAuthor): Promise<CryptoKey> {
    return by === 'coordinator'
      ? vault.coordinatorSubkey('auditChain')
      : vault.teamSubkey('auditChain');
  }

  async function linkLines(lines: SealedLine[], chain: string, head: Head): Promise<AuditRow[]> {
    const by: LinkAuthor = vault.hasCoordinatorKey ? 'coordinator' : 'team';
    const key = await linkKey(by);
    const rows: AuditRow[] = [];
    let { seq, link: prev } = head;
    for (const line of lines) {
      seq += 1;
      const fields = { chain, seq, prev, digest: line.digest, by };
      const link = toBase64(await hmac(key, linkInput(fields)));
      const { id, sealed, updatedAt, version } = line;
      rows.push({ id, sealed, updatedAt, version, ...fields, link });
      prev = link;
    }
    return rows;
  }

  /**
   * Appends `entries` to this device's chain and runs `body` in the same
   * transaction (over `tables` too): the lines and the change they record are
   * saved together or not at all. `body` may run more than once if another
   * writer took the head first; each run is a fresh transaction.
   */
  async function append<T>(
    entries: readonly AuditEntry[],
    tables: readonly Table[],
    body: () => Promise<T>,
  ): Promise<T> {
    const scope = [...new Set<Table>([db.audit, db.meta, ...tables])];
    if (entries.length === 0) return db.transaction('rw', scope, body);
    const lines = await sealLines(entries);
    for (let attempt = 1; ; attempt += 1) {
      const chain = await chainId();
      const head = await headOf(chain);
      const rows = await linkLines(lines, chain, head);
      try {
        return await db.transaction('rw', scope, async () => {
          await claimChain(chain);
          const now = await headOf(chain);
          if (now.seq !== head.seq || now.link !== head.link) throw new ChainMoved();
          if (rows.length > 0) await db.audit.bulkAdd(rows);
          return body();
        });
      } catch (error) {
        if (!(error instanceof ChainMoved) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /** Lines about an erased person, emptied (chained) or deleted (older, unchained). Coordinators only. */
  async function redactionFor(ids: readonly string[]): Promise<AuditRedaction> {
    const rows = (await db.audit.bulkGet([...ids])).filter((r): r is AuditRow => !!r);
    const key = await vault.coordinatorSubkey('auditChain');
    const redacted: AuditRow[] = [];
    const deletes: string[] = [];
    for (const row of rows) {
      const chained = chainOf(row);
      if (!chained) {
        deletes.push(row.id);
        continue;
      }
      const proof = toBase64(await hmac(key, redactionInput(chained.link)));
      const { sealedAs: _moved, ...kept } = row;
      // One version more, so the emptied line wins over its full copy on every device.
      redacted.push({
        ...kept,
        sealed: new Uint8Array(0),
        redacted: proof,
        updatedAt: Date.now(),
        version: (row.version ?? 0) + 1,
      });
    }
    return { rows: redacted, deletes, tombstones: await tombstonesFor(vault, 'audit', deletes) };
  }

  /** Writes a redaction inside the caller's transaction (which must include audit and tombstones). */
  async function writeRedaction(redaction: AuditRedaction): Promise<void> {
    if (redaction.rows.length > 0) await db.audit.bulkPut(redaction.rows);
    if (redaction.deletes.length > 0) {
      await db.audit.bulkDelete(redaction.deletes);
      await db.tombstones.bulkPut(redaction.tombstones);
    }
  }

  /** Checks every chain on the device (merged backups bring other devices' chains). Coordinators only. */
  async function verify(): Promise<AuditVerdict> {
    const rows = await db.audit.toArray();
    const schema = await loadSchema();
    const [coordinatorKey, teamKey] = await Promise.all([
      vault.coordinatorSubkey('auditChain'),
      vault.teamSubkey('auditChain'),
    ]);
    const opened = await Promise.all(
      rows.map(async (row) => {
        if (row.redacted) return { row };
        try {
          const { value: plain } = await openRowWithMeta(
            vault,
            row.sealedAs ?? 'audit',
            row,
            'audit',
          );
          const parsed = schema.safeParse(plain);
          if (!parsed.success || parsed.data.id !== row.id) return { row };
          const entry: NamedEntry = { at: parsed.data.at, action: parsed.data.action };
          return { row, plain, entry };
        } catch (error) {
          if (error instanceof DamagedRecordError) return { row };
          throw error;
        }
      }),
    );

    const chains = new Map<string, CheckedLine[]>();
    const unchained: { entry?: NamedEntry }[] = [];
    for (const { row, plain, entry } of opened) {
      const fields = chainOf(row);
      if (!fields) {
        unchained.push({ entry });
        continue;
      }
      const key = fields.by === 'coordinator' ? coordinatorKey : teamKey;
      const linkValid = await verifyHmac(key, bytesOf(fields.link), linkInput(fields));
      let contentValid: boolean;
      if (row.redacted)
        contentValid = await verifyHmac(
          coordinatorKey,
          bytesOf(row.redacted),
          redactionInput(fields.link),
        );
      else
        contentValid =
          entry !== undefined &&
          (await sha256(canonicalJson(plain))) === fields.digest &&
          (fields.by === 'coordinator' || TEAM_ACTIONS.has(entry.action));
      const line: CheckedLine = {
        seq: fields.seq,
        prev: fields.prev,
        link: fields.link,
        linkValid,
        contentValid,
        redacted: !!row.redacted,
        ...(entry ? { entry } : {}),
      };
      chains.set(fields.chain, [...(chains.get(fields.chain) ?? []), line]);
    }

    const breaks: AuditBreak[] = [];
    for (const lines of chains.values()) {
      const found = firstBreakInChain(lines);
      if (found) breaks.push(found);
    }
    // Lines from before v9 carry no chain. One dated after the chains began was not written by the app.
    const chainedDates = [...chains.values()].flatMap((l) => l.flatMap((x) => x.entry?.at ?? []));
    const start = chainedDates.sort()[0];
    let older = 0;
    for (const { entry } of unchained) {
      if (!entry) breaks.push({ kind: 'unreadable' });
      else if (start !== undefined && entry.at > start) breaks.push({ kind: 'outside', entry });
      else older += 1;
    }
    const first = earliestBreak(breaks);
    if (first) return { intact: false, first, lines: rows.length };
    return {
      intact: true,
      lines: rows.length,
      redacted: rows.filter((r) => r.redacted).length,
      unchained: older,
    };
  }

  return {
    append,
    redactionFor,
    writeRedaction,
    verify,

    /** Empties the lines (erasure): content gone, place in the chain kept. Coordinators only. */
    async redactAuditEntries(ids: readonly string[]): Promise<void> {
      const redaction = await redactionFor(ids);
      await db.transaction('rw', [db.audit, db.tombstones], () => writeRedaction(redaction));
    },

    /** A line from a file: genuine when it opens; an emptied line is checked by `verify`. */
    async check(row: AuditRow): Promise<RowCheck> {
      return row.redacted ? 'unknown' : checkRow(fromRow, row);
    },

    /** Lines from before v8 get their version (row-upgrade.ts); their plaintext, nonce included, is kept. */
    async resealLegacy(): Promise<LegacyReseal> {
      const legacy = await db.audit.filter((r) => r.version === undefined && !r.redacted).toArray();
      return resealRows(
        legacy,
        async (row) =>
          (await openRowWithMeta(vault, row.sealedAs ?? 'audit', row, 'audit')).value as {
            id: string;
          },
        async (plain) => {
          const row = legacy.find((r) => r.id === plain.id)!;
          const meta = nextRowMeta(undefined, vault);
          const { sealedAs: _moved, ...kept } = row;
          return {
            ...kept,
            sealed: await sealEnvelope(vault, 'audit', row.id, plain, meta),
            updatedAt: meta.updatedAt,
            version: meta.version,
          };
        },
        (fresh, before) =>
          db.transaction('rw', db.audit, async () => {
            const now = await db.audit.bulkGet(before.map((r) => r.id));
            await db.audit.bulkPut(
              fresh.filter((_, i) => now[i]?.updatedAt === before[i]!.updatedAt),
            );
          }),
      );
    },

    async get(id: string): Promise<AuditEntry | undefined> {
      const row = await db.audit.get(id);
      return row && !row.redacted ? withoutNonce(await fromRow(row)) : undefined;
    },

    /**
     * Every line still holding its content. Only coordinators can open the
     * log; anyone else sees none of it (not an error: a facilitator's screen
     * may ask whether a plan was removed).
     */
    async list(): Promise<ListResult<AuditEntry>> {
      if (!vault.hasCoordinatorKey) return { items: [], damaged: [] };
      const { items, damaged } = await openAll(
        await db.audit.filter((row) => !row.redacted).toArray(),
      );
      return { items: items.map(withoutNonce), damaged };
    },

    async put(entry: AuditEntry): Promise<AuditEntry> {
      await append([entry], [], () => Promise.resolve());
      return entry;
    },

    async bulkPut(entries: readonly AuditEntry[]): Promise<void> {
      await append(entries, [], () => Promise.resolve());
    },
  };
}

export type AuditLog = ReturnType<typeof auditLog>;
