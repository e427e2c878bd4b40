/**
 * Erasing a participant: every row about them goes, for real, in one
 * transaction — the participant, their referral, screenings, enrolments,
 * attendance, concerns and follow-ups about them, their healthy-relationship
 * plan, their before/after measure answers, drafts of forms about them, their observations inside meeting notes,
 * their place on group rosters. Audit entries that name them are emptied in
 * place (audit-log.ts: the chain keeps their position, so the log still
 * checks as intact). What stays is one audit entry saying an erasure happened
 * (no name, no content), and
 * tombstones (ids only) so a later merge of an older backup deletes the rows
 * on that device too instead of bringing them back.
 *
 * Needs a coordinator's session: notes and the audit log must be opened to
 * find the mentions. Everything is read and sealed before the transaction,
 * which then only deletes and writes.
 */
import { auditEntry } from '../domain/audit';
import { jitteredNow } from './tombstones';
import { changeMarks, flattenRegisters, type MarkRef } from './registers';
import { PARTICIPANT_ORDER_KEY } from './participant-order';
import type { Repositories } from './repositories';
import type { AplisDatabase, SealedRow, SealedTableName, TombstoneRow } from './schema';

/** Tables whose rows belong to one participant, found by the plain `participantId` index. */
const OWNED_BY_PARTICIPANT = [
  'referrals',
  'screenings',
  'enrolments',
  'concerns',
  'followUps',
  'plans',
  'supportPathways',
  'measureResponses',
] as const satisfies readonly SealedTableName[];

export type ErasureCounts = Partial<Record<SealedTableName, number>>;

export interface ErasurePlan {
  participantId: string;
  deletes: Map<SealedTableName, string[]>;
  /** Rows kept but rewritten without the person: notes, cohorts. */
  rewrites: Map<SealedTableName, SealedRow[]>;
  /** Audit entries naming the person, emptied (redacted) in their chain. */
  auditDeletes: string[];
  /** Their attendance marks, taken out of the meetings' registers (registers.ts). */
  marks: MarkRef[];
}

export function erasureStore(db: AplisDatabase, repos: Repositories) {
  async function plan(participantId: string): Promise<ErasurePlan> {
    const deletes = new Map<SealedTableName, string[]>();
    deletes.set('participants', (await db.participants.get(participantId)) ? [participantId] : []);
    // Rows carry their blind value, or the clear id until blinded (blind-index.ts).
    const keys = await repos.personKeys(participantId);
    for (const name of OWNED_BY_PARTICIPANT) {
      const table = db.table<SealedRow & { participantId: string }, string>(name);
      deletes.set(name, await table.where('participantId').anyOf(keys).primaryKeys());
    }
    const marks = flattenRegisters(
      await db.registers.where('participantIds').anyOf(keys).toArray(),
    ).filter((m) => keys.includes(m.participantId));
    deletes.set(
      'attendance',
      marks.map((m) => m.id),
    );

    // Rosters and notes: only the groups they were ever part of.
    const enrolments = await db.enrolments.where('participantId').anyOf(keys).toArray();
    const cohortIds = new Set(enrolments.map((e) => e.cohortId));
    const cohorts = (await repos.cohorts.list()).items;
    for (const cohort of cohorts)
      if (cohort.participantIds.includes(participantId)) cohortIds.add(cohort.id);
    const rewrites = new Map<SealedTableName, SealedRow[]>();
    rewrites.set(
      'cohorts',
      await Promise.all(
        cohorts
          .filter((c) => c.participantIds.includes(participantId))
          .map((c) =>
            repos.cohorts.toRow({
              ...c,
              participantIds: c.participantIds.filter((id) => id !== participantId),
            }),
          ),
      ),
    );
    const meetingIds = await db.meetings
      .where('cohortId')
      .anyOf([...cohortIds])
      .primaryKeys();
    // Drafts about them: their screening draft (a keyed id, or the readable
    // one it had before); and anyone's unsent concern from those meetings,
    // sealed for its writer alone, so it cannot be opened to check.
    const staffIds = await db.staff.toCollection().primaryKeys();
    const about = new Set([
      await repos.draftIds.screening(participantId),
      ...(await Promise.all(
        staffIds.flatMap((staffId) => meetingIds.map((m) => repos.draftIds.concern(staffId, m))),
      )),
    ]);
    const unsentConcerns = new Set(meetingIds.map((id) => `:concern:${id}`));
    deletes.set(
      'drafts',
      (await db.drafts.toCollection().primaryKeys()).filter(
        (id) =>
          about.has(id) ||
          id.includes(participantId) ||
          (id.startsWith('personal:') &&
            id.includes(':concern:') &&
            unsentConcerns.has(id.slice(id.lastIndexOf(':concern:')))),
      ),
    );
    const notes = (
      await Promise.all(meetingIds.map((id) => repos.notes.listWhere('meetingId', id)))
    )
      .flatMap((r) => r.items)
      .filter((n) => n.observations && participantId in n.observations);
    rewrites.set(
      'notes',
      await Promise.all(
        notes.map((n) => {
          const observations = { ...n.observations };
          delete observations[participantId];
          return repos.notes.toRow({ ...n, observations });
        }),
      ),
    );

    const audit = (await repos.audit.list()).items;
    const auditDeletes = audit
      .filter(
        (e) =>
          e.subject.id === participantId || Object.values(e.related ?? {}).includes(participantId),
      )
      .map((e) => e.id);
    return { participantId, deletes, rewrites, auditDeletes, marks };
  }

  /** Tombstones of one erasure: keyed ids, spread times, the person's own one marked `erased`. */
  async function tombstonesOf(erasure: ErasurePlan, at: () => number): Promise<TombstoneRow[]> {
    const lists = await Promise.all(
      // Audit lines are emptied in place, not deleted (audit-log.ts redactionFor).
      [...erasure.deletes].map(([name, ids]) => repos.tombstones(name, ids, at)),
    );
    // The erasure marker: the participant's own tombstone, which beats any edit
    // of them a merge brings, however late its stamp (backup/merge.ts).
    const [marker] = await repos.tombstones('participants', [erasure.participantId], at);
    return [...lists.flat().filter((t) => t.id !== marker!.id), { ...marker!, erased: true }];
  }

  /**
   * Reads, seals and hashes everything an erasure needs, outside any
   * transaction; the returned step only deletes and writes, inside one.
   */
  async function prepareErase(participantId: string, actorId: string) {
    const erasure = await plan(participantId);
    const record = auditEntry({
      actorId,
      action: 'participant-erased',
      subject: { table: 'participants', id: participantId },
    });
    // Lines naming them are emptied, not deleted: the chain keeps their place (audit-log.ts).
    const redaction = await repos.audit.redactionFor(erasure.auditDeletes);
    const tombstones = await tombstonesOf(erasure, jitteredNow());
    const deleted: ErasureCounts = {};
    /** Runs inside the caller's transaction; again from zero if the audit chain's head moved. */
    async function apply(): Promise<ErasureCounts> {
      for (const name of Object.keys(deleted)) delete deleted[name as SealedTableName];
      for (const [name, ids] of erasure.deletes) {
        if (ids.length === 0) continue;
        if (name === 'attendance') await changeMarks(db, [], erasure.marks);
        else await db.table(name).bulkDelete(ids);
        deleted[name] = ids.length;
      }
      for (const [name, rows] of erasure.rewrites) {
        if (rows.length > 0) await db.table(name).bulkPut(rows);
      }
      await repos.audit.writeRedaction(redaction);
      await db.tombstones.bulkPut(tombstones);
      // The list's kept first ids may name them: gone too, rebuilt by the next full read.
      await db.meta.delete(PARTICIPANT_ORDER_KEY);
      return deleted;
    }
    return { record, apply };
  }

  async function erase(participantId: string, actorId: string): Promise<ErasureCounts> {
    const { record, apply } = await prepareErase(participantId, actorId);
    // The erasure's own audit line joins the chain in the same transaction.
    return repos.audit.append([record], db.tables, apply);
  }

  return {
    plan,
    erase,

    /**
     * Deletes a group's records (retention): the group, its meetings,
     * attendance, notes, concerns, feedback, enrolments, follow-ups, its CRBA
     * assessment and measure answers; and erases every participant who was in
     * no other group. All in one transaction: all of it, or none of it.
     */
    async eraseCohort(cohortId: string, actorId: string): Promise<{ participants: number }> {
      // Opened, not read from the clear column: that holds blind values (blind-index.ts).
      const enrolments = await repos.enrolments.listWhere('cohortId', cohortId);
      const cohort = await repos.cohorts.get(cohortId);
      const members = new Set([
        ...enrolments.items.map((e) => e.participantId),
        ...(cohort?.participantIds ?? []),
      ]);
      const elsewhere = new Set<string>();
      for (const other of (await repos.cohorts.list()).items)
        if (other.id !== cohortId) other.participantIds.forEach((id) => elsewhere.add(id));
      for (const member of members)
        for (const e of await db.enrolments
          .where('participantId')
          .anyOf(await repos.personKeys(member))
          .toArray())
          if (e.cohortId !== cohortId) elsewhere.add(member);
      const onlyHere = [...members].filter((id) => !elsewhere.has(id));
      // Planned one after another (each reads what is there now); applied together below.
      const erasures: Awaited<ReturnType<typeof prepareErase>>[] = [];
      for (const participantId of onlyHere)
        erasures.push(await prepareErase(participantId, actorId));

      const meetingIds = await db.meetings.where('cohortId').equals(cohortId).primaryKeys();
      const registers = (await db.registers.bulkGet(meetingIds)).filter((r) => r !== undefined);
      const byMeeting = async (name: 'notes' | 'concerns' | 'feedback') =>
        await db
          .table<SealedRow & { meetingId: string }, string>(name)
          .where('meetingId')
          .anyOf(meetingIds)
          .primaryKeys();
      const deletes = new Map<SealedTableName, string[]>([
        ['cohorts', [cohortId]],
        ['meetings', meetingIds],
        ['enrolments', await db.enrolments.where('cohortId').equals(cohortId).primaryKeys()],
        ['attendance', flattenRegisters(registers).map((m) => m.id)],
        ['notes', await byMeeting('notes')],
        ['concerns', await byMeeting('concerns')],
        ['feedback', await byMeeting('feedback')],
        [
          'crbaAssessments',
          await db.crbaAssessments.where('cohortId').equals(cohortId).primaryKeys(),
        ],
        [
          'measureResponses',
          await db.measureResponses.where('cohortId').equals(cohortId).primaryKeys(),
        ],
        [
          'followUps',
          (await repos.followUps.list()).items
            .filter((f) => f.cohortId === cohortId)
            .map((f) => f.id),
        ],
      ]);
      const at = jitteredNow();
      const tombstones = (
        await Promise.all([...deletes].map(([name, ids]) => repos.tombstones(name, ids, at)))
      ).flat();
      await repos.audit.append(
        erasures.map((e) => e.record),
        db.tables,
        async () => {
          // The members' erasures first: their roster and note rewrites of this
          // group are then deleted with it.
          for (const { apply } of erasures) await apply();
          await db.registers.bulkDelete(registers.map((r) => r.id));
          for (const [name, ids] of deletes)
            if (name !== 'attendance') await db.table(name).bulkDelete(ids);
          await db.tombstones.bulkPut(tombstones);
        },
      );
      return { participants: onlyHere.length };
    },
  };
}

export type ErasureStore = ReturnType<typeof erasureStore>;
