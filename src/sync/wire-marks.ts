/**
 * A mark as a register document carries it (format 4, codec.ts `SlimMark`).
 *
 * At rest a mark's payload is the envelope `{ m: { v, t, a }, b: mark }`
 * (db/row-meta.ts), and the mark repeats its own id and its meeting's id, which
 * the clear fields and the register already say: about 115 of its ~250 bytes.
 * In a register, a mark this device can open travels slim instead:
 *
 * - clear: `id`, `participantId` (the blind value, as at rest), `updatedAt`,
 *   `version` — what the engine compares and stamps, as for every mark;
 * - `w`: `[author, mark without id and meetingId]`, sealed by the vault under
 *   the seal context `attendance-register` (`WIRE_MARK`): the team key of the
 *   newest generation this device holds, as every team row it writes — a
 *   colleague deactivated since cannot open or forge it, as they cannot a
 *   mark at rest. The additional data is
 *   `attendance-register/<meetingId>/<markId>@<updatedAt>~<participantId>#<version>`,
 *   so a slim mark moved into another meeting's register, given another id,
 *   another person's value or other stamps, does not open: it is refused alone
 *   (apply counts it damaged), as a mark whose at-rest seal fails.
 *
 * The receiving device opens `w`, puts the id and meeting back and seals the
 * mark at rest itself (`sealEnvelope`, its own newest team key): the at-rest
 * format is unchanged, only the bytes differ from the author's device (a
 * fresh IV). Version, time and author are those the author sealed.
 *
 * A mark this device cannot open or that is not a plain versioned mark of this
 * meeting (one sealed before versions, moved from another table, a box, one
 * of a key generation it does not hold) travels as it is at rest, as in
 * format 3: the register holds both kinds.
 */
import { boxFormat } from '../crypto/sealed-box';
import type { Vault } from '../crypto/vault';
import { MARKS_TABLE } from '../db/registers';
import { openRowWithMeta, sealEnvelope } from '../db/row-meta';
import { isSlimMark, type SlimMark, type SyncRecord } from './codec';

/** The seal context of a slim mark's `w` (a team row to the vault: key-classes.ts). */
export const WIRE_MARK = 'attendance-register';

/** The id part of a slim mark's additional data: everything it is bound to but its version. */
export function wireId(
  meetingId: string,
  mark: Pick<SlimMark, 'id' | 'updatedAt' | 'participantId'>,
) {
  return `${meetingId}/${mark.id}@${mark.updatedAt}~${mark.participantId}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The mark as a format-4 register carries it: slim when this device opens it
 * and it is a versioned mark of this meeting whose payload names its own id
 * and meeting; otherwise exactly as it is (a slim mark stays as it came).
 */
export async function slimMark(
  vault: Vault,
  meetingId: string,
  mark: SyncRecord,
): Promise<SyncRecord> {
  if (isSlimMark(mark)) return mark;
  const { id, participantId, updatedAt, version, sealed } = mark;
  if (
    mark.meetingId !== meetingId ||
    mark.sealedAs !== undefined ||
    typeof participantId !== 'string' ||
    typeof updatedAt !== 'number' ||
    typeof version !== 'number' ||
    !(sealed instanceof Uint8Array) ||
    boxFormat(sealed) !== undefined
  )
    return mark;
  try {
    const opened = await openRowWithMeta(vault, MARKS_TABLE, {
      id,
      sealed: sealed as Uint8Array<ArrayBuffer>,
      updatedAt,
      version,
    });
    const value = opened.value;
    if (!opened.meta || opened.box || !isPlainObject(value)) return mark;
    if (value.id !== id || value.meetingId !== meetingId) return mark;
    const { id: _id, meetingId: _meeting, ...own } = value;
    const slim: SlimMark = {
      id,
      meetingId,
      participantId,
      updatedAt,
      version,
      w: new Uint8Array(),
    };
    slim.w = await vault.seal(
      WIRE_MARK,
      wireId(meetingId, slim),
      [opened.meta.author, own],
      version,
    );
    return slim as unknown as SyncRecord;
  } catch {
    return mark; // not this device's to open (damaged, a newer key): it travels as it is
  }
}

/**
 * A slim mark as a row to apply: opened, its id and meeting put back, sealed
 * at rest by this device. One that does not open here comes back with an
 * empty `sealed`, which apply refuses as damaged (alone, reported once).
 */
export async function fullMark(vault: Vault, mark: SlimMark): Promise<SyncRecord> {
  const { id, meetingId, participantId, updatedAt, version } = mark;
  const clear = { id, meetingId, participantId, updatedAt, version };
  let opened: unknown;
  try {
    opened = await vault.unseal(WIRE_MARK, wireId(meetingId, mark), mark.w, version);
  } catch {
    // Damaged, moved, or of a key generation this session does not hold (the vault
    // noted that one: the pull asks for an unlock again).
    opened = undefined;
  }
  if (
    !Array.isArray(opened) ||
    opened.length !== 2 ||
    typeof opened[0] !== 'string' ||
    !isPlainObject(opened[1]) ||
    'id' in opened[1] ||
    'meetingId' in opened[1]
  )
    return { ...clear, sealed: new Uint8Array() };
  const [author, own] = opened as [string, Record<string, unknown>];
  const sealed = await sealEnvelope(
    vault,
    MARKS_TABLE,
    id,
    { id, meetingId, ...own },
    { version, updatedAt, author },
  );
  return { ...clear, sealed };
}
