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
      // No clear action index any more (the action is sealed): open the log and look.
      const { items } = await repos.audit.list();
      return items
        .filter((e) => e.action === 'plan-removed' && e.related?.participantId === participantId)
        .sort((a, b) => b.at.localeCompare(a.at));
    },

    /** Deletes every plan row of the participant and records that it happened, in one transaction. */
    async remove(participantId: string, actorId: string, now = new Date()): Promise<void> {
      const rows = await db.plans
        .where('participantId')
        .anyOf(await repos.personKeys(participantId))
        .primaryKeys();
      const entry = auditEntry(
        {
          actorId,
          action: 'plan-removed',
          subject: { table: 'plans', id: rows[0] ?? participantId },
          related: { participantId },
        },
        now,
      );
      // The audit line joins the chain and tombstones go in the same
      // transaction: a backup merged later deletes the plan there too.
      const tombstones = await repos.tombstones('plans', rows);
      await repos.audit.append([entry], [db.plans, db.tombstones], async () => {
        await db.plans.bulkDelete(rows);
        await db.tombstones.bulkPut(tombstones);
      });
    },
  };
}

export type PlanStore = ReturnType<typeof planStore>;
