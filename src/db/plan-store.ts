/**
 * Writes to a young person's plan that touch more than one table.
 *
 * "Remove my plan from this device" deletes the plan row for real and leaves
 * only an audit entry (ids and the action name, no content), so staff can
 * see that a plan was completed and removed — never what it said.
 */
import { auditEntry, type AuditEntry } from '../domain/audit';
import type { Plan } from '../domain/plan';
import type { Repositories } from './repositories';
import type { AplisDatabase } from './schema';

export function planStore(db: AplisDatabase, repos: Repositories) {
  return {
    /** The participant's plan, or null. (One per participant; the newest wins if a merge left two.) */
    async forParticipant(participantId: string): Promise<Plan | null> {
      const { items } = await repos.plans.listWhere('participantId', participantId);
      return items.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0] ?? null;
    },

    /** When this participant's plans were removed from the device, newest first. */
    async removals(participantId: string): Promise<AuditEntry[]> {
      const { items } = await repos.audit.listWhere('action', 'plan-removed');
      return items
        .filter((e) => e.related?.participantId === participantId)
        .sort((a, b) => b.at.localeCompare(a.at));
    },

    /** Deletes every plan row of the participant and records that it happened, in one transaction. */
    async remove(participantId: string, actorId: string, now = new Date()): Promise<void> {
      const rows = await db.plans.where('participantId').equals(participantId).primaryKeys();
      const entry = auditEntry(
        {
          actorId,
          action: 'plan-removed',
          subject: { table: 'plans', id: rows[0] ?? participantId },
          related: { participantId },
        },
        now,
      );
      // Seal before the transaction: never await WebCrypto inside one.
      const auditRow = await repos.audit.toRow(entry);
      const tombstones = await repos.tombstones('plans', rows);
      // Tombstones in the same transaction: a backup merged later deletes it there too.
      await db.transaction('rw', [db.plans, db.audit, db.tombstones], async () => {
        await db.plans.bulkDelete(rows);
        await db.tombstones.bulkPut(tombstones);
        await db.audit.add({
          ...auditRow,
          at: Date.parse(entry.at),
          action: entry.action,
        });
      });
    },
  };
}

export type PlanStore = ReturnType<typeof planStore>;
