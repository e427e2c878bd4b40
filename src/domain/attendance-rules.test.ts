import { describe, expect, it } from 'vitest';
import { attendanceId, countAttendance, markAttendance } from './attendance-rules';
import { attendanceSchema } from './meeting';

const meetingId = '5b0c2a52-4f57-4d7a-9f43-0a9a0f6c1e01';
const alise = '1e1d1c1b-0000-4000-8000-000000000001';
const beate = '1e1d1c1b-0000-4000-8000-000000000002';

describe('attendance marks', () => {
  it('gives each person one row per meeting, whatever they are marked', () => {
    const first = markAttendance(undefined, {
      meetingId,
      participantId: alise,
      status: 'present',
      now: '16:31',
    });
    const again = markAttendance(first, {
      meetingId,
      participantId: alise,
      status: 'absent',
      now: '16:40',
    });
    expect(again.id).toBe(first.id);
    expect(first.id).toBe(attendanceId(meetingId, alise));
    expect(attendanceId(meetingId, beate)).not.toBe(first.id);
    expect(attendanceSchema.safeParse(again).success).toBe(true);
  });

  it('records the arrival time for a late mark and drops it when the person is then marked present', () => {
    const late = markAttendance(undefined, {
      meetingId,
      participantId: alise,
      status: 'late',
      now: '16:45',
    });
    expect(late.time).toBe('16:45');
    const present = markAttendance(late, {
      meetingId,
      participantId: alise,
      status: 'present',
      now: '16:50',
    });
    expect(present.time).toBeUndefined();
  });

  it('keeps travel and meal ticks when the status changes', () => {
    const first = {
      ...markAttendance(undefined, {
        meetingId,
        participantId: alise,
        status: 'present',
        now: '16:30',
      }),
      travel: true,
      meal: false,
    };
    const next = markAttendance(first, {
      meetingId,
      participantId: alise,
      status: 'left-early',
      now: '17:10',
    });
    expect(next).toMatchObject({ travel: true, meal: false, time: '17:10' });
  });

  it('counts the roster: marked by status, the rest as not marked yet', () => {
    const count = countAttendance(
      [alise, beate, '1e1d1c1b-0000-4000-8000-000000000003'],
      [
        { participantId: alise, status: 'late' },
        { participantId: beate, status: 'excused' },
        { participantId: 'someone-who-left-the-group', status: 'present' },
      ],
    );
    expect(count).toMatchObject({ unmarked: 1, attended: 1, roster: 3 });
    expect(count.byStatus).toMatchObject({ late: 1, excused: 1, present: 0 });
  });
});
