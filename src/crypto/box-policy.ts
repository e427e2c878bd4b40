/**
 * Which rows may be sealed boxes (sealed-box.ts). A box proves nothing about
 * its author — anyone with the coordinators' public key, which is in the
 * clear, can make one — so it is accepted only for the append-only rows a
 * facilitator must be able to write without the coordinator key: a concern
 * raised in a meeting, and the follow-up and audit line that raising it
 * creates (features/meeting: useRaiseConcernMutation, db/meeting-store.ts
 * raiseConcern). Every other coordinators' record — screenings, referrals,
 * support pathways, measure answers, coordinators' drafts, any other
 * follow-up or audit line — is refused as damaged when it is a box, and the
 * vault refuses to seal one as a box in the first place.
 *
 * Checked on the opened payload, because the table alone allows too much: a
 * box in `followUps` claiming to be a closed absence follow-up, or in
 * `audit` claiming another action, is not something a concern creates.
 * That a box is *new* (never replaces a row a coordinator wrote) is checked
 * by the repositories against the device's ledger (db/box-ledger.ts).
 */

/** Tables in which a box can ever be accepted. */
export const BOX_TABLES: ReadonlySet<string> = new Set(['concerns', 'followUps', 'audit']);

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** A follow-up as raising a concern makes it: open, unassigned, pointing at its concern. */
function isConcernFollowUp(value: Fields): boolean {
  return (
    value.kind === 'concern' &&
    value.status === 'open' &&
    isText(value.concernId) &&
    value.ownerId === undefined &&
    value.closedAt === undefined &&
    value.closedBy === undefined &&
    value.closingNote === undefined
  );
}

/** The audit line raising a concern writes: `concern-raised`, about the concern, with its follow-up. */
function isConcernRaised(value: Fields): boolean {
  const subject = value.subject;
  const related = value.related;
  return (
    value.action === 'concern-raised' &&
    isObject(subject) &&
    subject.table === 'concerns' &&
    isText(subject.id) &&
    isObject(related) &&
    isText(related.followUpId)
  );
}

/**
 * A row's own value: rows sealed since v8 are an envelope `{ m, b }` with
 * the authenticated metadata beside the value (db/row-meta.ts).
 */
function bodyOf(value: unknown): unknown {
  return isObject(value) && isObject(value.m) && 'b' in value ? value.b : value;
}

/** True when `sealed` (a row's value, or its envelope) may be a box in `table` under `id`. */
export function boxAccepts(table: string, id: string, sealed: unknown): boolean {
  const value = bodyOf(sealed);
  if (!BOX_TABLES.has(table) || !isObject(value) || value.id !== id) return false;
  if (table === 'concerns') return true;
  if (table === 'followUps') return isConcernFollowUp(value);
  return isConcernRaised(value);
}
