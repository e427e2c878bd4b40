// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { auditEntry } from '../domain/audit';
import type { Concern } from '../domain/concern';
import { absenceRuleKey, moveFollowUp, newFollowUp } from '../domain/follow-up';
import type { Meeting, MeetingNote } from '../domain/meeting';
import { makeTestVault, setUpOrganisation } from '../testing/vault-fixture';
import { meetingStore } from './meeting-store';

const meetingId = crypto.randomUUID();
const cohortId = crypto.randomUUID();
const participantId = crypto.randomUUID();

function absenceFollowUp() {
  return newFollowUp(
    {
      ruleKey: absenceRuleKey('absence-run', participantId, meetingId),
      kind: 'absence-run',
      participantId,
      meetingId,
      cohortId,
      absences: 2,
    },
    '2026-11-16',
  );
}

describe('meeting store', () => {
  it('adds an automatic follow-up once, and never resets one a coordinator has started', async () => {
    const t = makeTestVault();
    const { staffId } = await setUpOrganisation(t);
    const store = meetingStore(t.db, t.repos);
    expect(await store.addFollowUps([absenceFollowUp()])).toBe(1);
    const [stored] = (await t.repos.followUps.list()).items;
    const started = moveFollowUp(stored!, 'in-progress', { by: staffId });
    if (!started.ok) throw new Error('should start');
    await store.updateFollowUp(started.followUp);

    expect(await store.addFollowUps([absenceFollowUp()])).toBe(0);
    const { items } = await t.repos.followUps.list();
    expect(items).toHaveLength(1);
    expect(items[0]!.status).toBe('in-progress');
  });

  it('saves a concern with its follow-up and audit entry, ids only in the audit', async () => {
    const t = makeTestVault();
    const { staffId } = await setUpOrganisation(t);
    const concern: Concern = {
      id: crypto.randomUUID(),
      meetingId,
      cohortId,
      type: 'disclosure',
      participantId,
      seenOrSaid: 'She said “he keeps my passport”.',
      actionTaken: 'Listened; told her I would tell the coordinator.',
      stepsDone: [0, 1],
      raisedBy: staffId,
      raisedAt: new Date().toISOString(),
    };
    const followUp = newFollowUp(
      { kind: 'concern', concernId: concern.id, meetingId, cohortId, participantId },
      '2026-11-16',
    );
    const store = meetingStore(t.db, t.repos);
    await store.raiseConcern(
      concern,
      followUp,
      auditEntry({
        actorId: staffId,
        action: 'concern-raised',
        subject: { table: 'concerns', id: concern.id },
      }),
    );
    expect(await t.repos.concerns.get(concern.id)).toEqual(concern);
    expect((await t.repos.followUps.get(followUp.id))?.concernId).toBe(concern.id);
    expect(await store.countConcerns(meetingId)).toBe(1);
    // On disk: the words are sealed, only ids are plain.
    const raw = JSON.stringify(await t.db.concerns.toArray());
    expect(raw).not.toContain('passport');
    const audit = await t.repos.audit.list();
    expect(JSON.stringify(audit.items)).not.toContain('passport');
  });

  it('closes a meeting: held, notes saved, follow-ups added, all in one go', async () => {
    const t = makeTestVault();
    const { staffId } = await setUpOrganisation(t);
    const meeting: Meeting = {
      id: meetingId,
      cohortId,
      number: 5,
      planId: 'lotus-w05',
      date: '2026-11-16',
      startTime: '16:30',
      durationMinutes: 90,
      status: 'planned',
    };
    const note: MeetingNote = {
      id: crypto.randomUUID(),
      meetingId,
      mood: 4,
      tags: ['laughter'],
      text: 'Calm group.',
      authorId: staffId,
      updatedAt: new Date().toISOString(),
      handover: 'Call the social worker.',
    };
    const added = await meetingStore(t.db, t.repos).closeMeeting(
      { ...meeting, status: 'held' },
      note,
      [absenceFollowUp()],
    );
    expect(added).toBe(1);
    expect((await t.repos.meetings.get(meetingId))?.status).toBe('held');
    expect((await t.repos.notes.get(note.id))?.handover).toBe('Call the social worker.');
  });
});
