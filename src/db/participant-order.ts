/**
 * The first rows of the Participants list as it last stood, so the next visit
 * shows them before the whole roster is unsealed (issue #18: at 5,000
 * participants and 400 groups the first row waited about a second at 4x CPU).
 *
 * What is kept: the ids of the first `ORDER_KEPT` participants in the list's
 * order, each with the id of their group — never a name or a code. The rows
 * themselves are read fresh by id when shown, so a rename shows at once; only
 * who comes first can be out of date, until the full read replaces it (a
 * person added elsewhere — sync, a merged backup — appears then).
 *
 * Ids next to group ids say who is in which group, so the list is sealed
 * under the team key (`meta` is otherwise plain), and an erasure deletes it
 * (erasure.ts). Anything that does not open or look right reads as "none":
 * the page then simply waits for the full read, as it did before.
 */
import type { Vault } from '../crypto/vault';
import type { AplisDatabase } from './schema';

/** The `meta` row holding the sealed first ids. */
export const PARTICIPANT_ORDER_KEY = 'participant-order';

/** How many of the list's first ids are kept: two pages of the list. */
export const ORDER_KEPT = 100;

/** A participant id and the id of their group (null: in none). */
export type OrderEntry = readonly [participantId: string, cohortId: string | null];

function isOrder(value: unknown): value is OrderEntry[] {
  return (
    Array.isArray(value) &&
    value.every(
      (entry) =>
        Array.isArray(entry) &&
        entry.length === 2 &&
        typeof entry[0] === 'string' &&
        (entry[1] === null || typeof entry[1] === 'string'),
    )
  );
}

const same = (a: readonly OrderEntry[], b: readonly OrderEntry[]) =>
  a.length === b.length && a.every((entry, i) => entry[0] === b[i]![0] && entry[1] === b[i]![1]);

export function participantOrderStore(db: AplisDatabase, vault: Vault) {
  async function read(): Promise<OrderEntry[] | undefined> {
    const row = await db.meta.get(PARTICIPANT_ORDER_KEY);
    if (!row || !vault.isUnlocked) return undefined;
    try {
      const value = await vault.unseal('meta', PARTICIPANT_ORDER_KEY, row.value);
      return isOrder(value) ? value : undefined;
    } catch {
      // Sealed under a key this session does not hold, or damaged: no head start.
      return undefined;
    }
  }

  return {
    read,
    /** Keeps the first `ORDER_KEPT` of `order` (the whole list's order), unless already kept. */
    async save(order: readonly OrderEntry[]): Promise<void> {
      const first = order.slice(0, ORDER_KEPT);
      const kept = await read();
      if (kept && same(kept, first)) return;
      const sealed = await vault.seal('meta', PARTICIPANT_ORDER_KEY, first);
      await db.meta.put({ key: PARTICIPANT_ORDER_KEY, value: sealed });
    },
    /** How many participant rows there are (damaged ones too), without opening any. */
    count: () => db.participants.count(),
  };
}
