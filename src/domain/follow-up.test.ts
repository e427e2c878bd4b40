import { describe, expect, it } from 'vitest';
import {
  assignFollowUp,
  absenceRuleKey,
  ruleKeyOf,
  followUpSchema,
  isOverdue,
  moveFollowUp,
  newFollowUp,
  oneFollowUpPerRule,
  sortFollowUps,
} from './follow-up';

const coordinator = 'b0000000-0000-4000-8000-000000000001';
const participant = 'a0000000-0000-4000-8000-000000000001';
const meeting = 'd0000000-0000-4000-8000-000000000001';

const concernFollowUp = () =>
  newFollowUp(
    {
      kind: 'concern',
      participantId: participant,
      meetingId: meeting,
      concernId: crypto.randomUUID(),
    },
    '2026-11-16',
    new Date('2026-11-16T15:00:00Z'),
  );

describe('follow-up life cycle', () => {
  it('starts open, due the next day for a concern, and passes its schema', () => {
    const f = concernFollowUp();
    expect(f.status).toBe('open');
    expect(f.dueDate).toBe('2026-11-17');
    expect(followUpSchema.safeParse(f).success).toBe(true);
  });

  it('goes open → in progress → closed, with a closing note', () => {
    const started = moveFollowUp(concernFollowUp(), 'in-progress', { by: coordinator });
    expect(started.ok && started.followUp.status).toBe('in-progress');
    if (!started.ok) return;
    const closed = moveFollowUp(started.followUp, 'closed', {
      by: coordinator,
      closingNote: '  Talked with the social worker; safety plan updated.  ',
      now: new Date('2026-11-17T09:00:00Z'),
    });
    expect(closed).toMatchObject({
      ok: true,
      followUp: {
        status: 'closed',
        closingNote: 'Talked with the social worker; safety plan updated.',
        closedBy: coordinator,
        closedAt: '2026-11-17T09:00:00.000Z',
      },
    });
  });

  it('refuses to close without a closing note, and changes nothing', () => {
    const f = concernFollowUp();
    expect(moveFollowUp(f, 'closed', { by: coordinator, closingNote: '   ' })).toEqual({
      ok: false,
      error: 'closing-note-required',
    });
    expect(f.status).toBe('open');
  });

  it('keeps a closed item closed, and never goes back from in progress to open', () => {
    const closed = moveFollowUp(concernFollowUp(), 'closed', {
      by: coordinator,
      closingNote: 'Done',
    });
    if (!closed.ok) throw new Error('should close');
    expect(moveFollowUp(closed.followUp, 'open', { by: coordinator })).toEqual({
      ok: false,
      error: 'not-allowed',
    });
    expect(moveFollowUp(closed.followUp, 'in-progress', { by: coordinator }).ok).toBe(false);
    const started = moveFollowUp(concernFollowUp(), 'in-progress', { by: coordinator });
    if (!started.ok) throw new Error('should start');
    expect(moveFollowUp(started.followUp, 'open', { by: coordinator }).ok).toBe(false);
    expect(assignFollowUp(closed.followUp, { ownerId: coordinator })).toBeNull();
  });

  it('takes an owner and a due date, and clears them again', () => {
    const f = assignFollowUp(concernFollowUp(), { ownerId: coordinator, dueDate: '2026-11-20' })!;
    expect(f).toMatchObject({ ownerId: coordinator, dueDate: '2026-11-20' });
    const cleared = assignFollowUp(f, { ownerId: undefined })!;
    expect(cleared.ownerId).toBeUndefined();
    expect(cleared.dueDate).toBe('2026-11-20');
  });

  it('gives an automatic follow-up the same rule key each time its rule fires for the same absence', () => {
    const a = absenceRuleKey('absence-run', participant, meeting);
    expect(absenceRuleKey('absence-run', participant, meeting)).toBe(a);
    expect(absenceRuleKey('missing-risk-absence', participant, meeting)).not.toBe(a);
    // One stored before rule keys were sealed gets its key from its fields.
    const old = { ...concernFollowUp(), kind: 'absence-run' as const, participantId: participant };
    expect(ruleKeyOf({ ...old, meetingId: meeting })).toBe(a);
  });

  it('lists open items first and overdue ones at the top', () => {
    const late = { ...concernFollowUp(), dueDate: '2026-11-10' };
    const soon = { ...concernFollowUp(), dueDate: '2026-11-18' };
    const closed = moveFollowUp(concernFollowUp(), 'closed', {
      by: coordinator,
      closingNote: 'ok',
    });
    if (!closed.ok) throw new Error('should close');
    expect(sortFollowUps([closed.followUp, soon, late]).map((f) => f.dueDate)).toEqual([
      '2026-11-10',
      '2026-11-18',
      closed.followUp.dueDate,
    ]);
    expect(isOverdue(late, '2026-11-16')).toBe(true);
    expect(isOverdue(closed.followUp, '2030-01-01')).toBe(false);
  });
});

describe('one follow-up per absence rule', () => {
  const flagged = (id: string, at: string) =>
    newFollowUp(
      {
        id,
        kind: 'absence-run',
        participantId: participant,
        meetingId: meeting,
        ruleKey: absenceRuleKey('absence-run', participant, meeting),
        absences: 2,
      },
      '2026-11-16',
      new Date(at),
    );
  const a = flagged('00000000-0000-4000-8000-00000000000a', '2026-11-16T15:00:00Z');
  const b = flagged('00000000-0000-4000-8000-00000000000b', '2026-11-16T15:00:00Z');
  const ids = (items: ReturnType<typeof flagged>[]) => oneFollowUpPerRule(items).map((f) => f.id);

  it('shows the one furthest along, whatever order they are read in, and leaves other follow-ups be', () => {
    const concern = concernFollowUp();
    // Both untouched: the lowest id, on every device.
    expect(ids([a, b, concern])).toEqual([a.id, concern.id]);
    expect(ids([concern, b, a])).toEqual([concern.id, a.id]);
    // Changed later wins over untouched; in progress over open; closed over both.
    const later = { ...b, updatedAt: '2026-11-17T09:00:00.000Z' };
    expect(ids([a, later])).toEqual([b.id]);
    const moved = moveFollowUp(a, 'in-progress', {
      by: coordinator,
      now: new Date('2026-11-16T16:00:00Z'),
    });
    if (!moved.ok) throw new Error('could not start it');
    const started = moved.followUp;
    expect(ids([later, started])).toEqual([a.id]);
    const closed = { ...later, status: 'closed' as const, closingNote: 'Called her; she is back.' };
    expect(ids([started, closed])).toEqual([b.id]);
  });
});
