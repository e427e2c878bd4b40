import { markId } from '../../db/blind-index';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { attendanceId } from '../../domain/attendance-rules';
import { concernDraftId } from '../../crypto/record-ids';
import type { Cohort } from '../../domain/cohort';
import { generateBoxKeys } from '../../crypto/sealed-box';
import type { CoordinatorBoxRow } from '../../db/schema';
import { aCustomProgramme, aStaffMember } from '../../testing/factories';
import { fakeSync, SYNCED_STATUS } from '../../testing/fake-sync';
import { renderApp, SLOW } from '../../testing/render-app';

const lotusFiles = import.meta.glob<{
  meetings: { topic: string; activities: { title: string }[] }[];
}>('/sessions/lotus/*.json', { eager: true, import: 'default' });

/** Meeting 5 of the demo's Lotus group, after `change` edits the group (and what else it needs). */
async function openLotusMeetingWith(
  change: (
    services: Awaited<ReturnType<typeof renderApp>>['services'],
    cohort: Cohort,
  ) => Promise<Cohort>,
) {
  let meetingId = '';
  const app = await renderApp({
    setup: 'demo',
    unlocked: true,
    seed: async (services) => {
      const lotus = (await services.repos.cohorts.list()).items.find(
        (c) => c.programmeId === 'lotus',
      )!;
      await services.repos.cohorts.put(await change(services, lotus));
      meetingId = (await services.repos.meetings.listWhere('cohortId', lotus.id)).items.find(
        (m) => m.number === 5,
      )!.id;
    },
  });
  await app.router.navigate(`/meetings/${meetingId}`);
  await screen.findByRole('heading', { level: 2, name: 'Agenda' }, SLOW);
  return app;
}

async function openTodaysLotusMeeting(sync?: ReturnType<typeof fakeSync>) {
  const app = await renderApp({ setup: 'demo', unlocked: true, ...(sync ? { sync } : {}) });
  await app.user.click(
    await screen.findByRole('link', { name: 'Lotus — Riga, autumn — meeting 5' }, SLOW),
  );
  await screen.findByRole('heading', { level: 1, name: 'Lotus — Riga, autumn — meeting 5' }, SLOW);
  return app;
}

describe('meeting mode', () => {
  it('shows the plan in the group’s working language, marked as such, whatever the app speaks', async () => {
    await openLotusMeetingWith((_, cohort) => Promise.resolve({ ...cohort, language: 'ru' }));
    const russian = lotusFiles['/sessions/lotus/ru.json']!.meetings[4]!;
    const [first] = await screen.findAllByText(russian.activities[0]!.title, {}, SLOW);
    expect(first!.closest('[lang]')).toHaveAttribute('lang', 'ru');
    expect(screen.getAllByText(russian.topic)[0]!.closest('[lang]')).toHaveAttribute('lang', 'ru');
    expect(screen.queryByText(/the plan has no .* version yet/)).not.toBeInTheDocument();
  });

  it('falls back to a language the plan has, with a visible note, when it has none in the group’s', async () => {
    await openLotusMeetingWith(async (services, cohort) => {
      const copy = aCustomProgramme({
        language: 'lv',
        topics: ['Viens', 'Divi', 'Trīs', 'Četri', 'Pieci'],
      });
      // The copy keeps the meeting ids the group's meetings point to.
      copy.meetings = copy.meetings.map((m, i) => ({ ...m, id: `lotus-w0${i + 1}` }));
      await services.repos.programmes.put(copy);
      return { ...cohort, language: 'uk', programmeId: copy.id };
    });
    expect(
      await screen.findByText(
        'This group works in Ukrainian; the plan has no Ukrainian version yet, so it is shown in Latvian.',
        {},
        SLOW,
      ),
    ).toBeVisible();
    expect(screen.getAllByText('Pieci')[0]!.closest('[lang]')).toHaveAttribute('lang', 'lv');
  });

  it('stores a tap on an attendance status at once, as the one row for that person and meeting', async () => {
    const app = await openTodaysLotusMeeting();
    const alise = await screen.findByRole('group', { name: 'Alise' }, SLOW);
    await app.user.click(within(alise).getByRole('radio', { name: 'Late' }));
    await app.user.click(within(alise).getByRole('radio', { name: 'Present' }));
    const section = screen.getByRole('region', { name: 'Attendance' });
    expect(within(section).getByText(/Here: 1 of 7/)).toBeInTheDocument();

    const meetingId = app.router.state.location.pathname.split('/').at(-1)!;
    const participantId = (await app.services.repos.participants.list()).items.find(
      (p) => p.chosenName === 'Alise',
    )!.id;
    // Under its keyed id (db/blind-index.ts), not one anyone can work out from the two ids.
    const keyedId = await markId(app.services.vault, meetingId, participantId);
    expect(keyedId).not.toBe(attendanceId(meetingId, participantId));
    await waitFor(async () => {
      const rows = await app.services.repos.attendance.listWhere('meetingId', meetingId);
      expect(rows.items).toEqual([
        expect.objectContaining({
          id: keyedId,
          participantId,
          status: 'present',
        }),
      ]);
    });
  });

  it('shows a tap before it is stored, and puts it back with a message when storing fails, keeping what was stored', async () => {
    const app = await openTodaysLotusMeeting();
    const meetingId = app.router.state.location.pathname.split('/').at(-1)!;
    const stored = async () =>
      (await app.services.repos.attendance.listWhere('meetingId', meetingId)).items.map(
        (m) => m.status,
      );
    const alise = await screen.findByRole('group', { name: 'Alise' }, SLOW);
    const section = screen.getByRole('region', { name: 'Attendance' });
    await app.user.click(within(alise).getByRole('radio', { name: 'Present' }));
    await waitFor(async () => expect(await stored()).toEqual(['present']));

    // The next write hangs until the test lets it fail.
    const put = app.services.repos.attendance.put.bind(app.services.repos.attendance);
    let fail: (error: Error) => void = () => {};
    app.services.repos.attendance.put = () =>
      new Promise((_resolve, reject) => {
        fail = reject;
      });
    await app.user.click(within(alise).getByRole('radio', { name: 'Late' }));
    // On screen while the write is still in flight.
    expect(within(alise).getByRole('radio', { name: 'Late' })).toBeChecked();
    expect(within(alise).getByRole('radio', { name: 'Present' })).not.toBeChecked();
    await waitFor(() => expect(within(section).getByText(/late 1/)).toBeInTheDocument());
    fail(new Error('QuotaExceededError'));

    expect(
      await within(section).findByText(
        'That mark could not be saved and has been put back. Please tap it again.',
      ),
    ).toBeInTheDocument();
    expect(within(alise).getByRole('radio', { name: 'Present' })).toBeChecked();
    expect(within(alise).getByRole('radio', { name: 'Late' })).not.toBeChecked();
    await waitFor(() => expect(within(section).getByText(/present 1/)).toBeInTheDocument());
    expect(await stored()).toEqual(['present']);

    // Tapped again once storing works: stored, and the message goes.
    app.services.repos.attendance.put = put;
    await app.user.click(within(alise).getByRole('radio', { name: 'Late' }));
    await waitFor(async () => expect(await stored()).toEqual(['late']));
    expect(within(alise).getByRole('radio', { name: 'Late' })).toBeChecked();
    expect(within(section).queryByText(/could not be saved/)).not.toBeInTheDocument();
  });

  it('shows what an undo does to a typed absence reason, and never keeps an unsaved one on screen', async () => {
    const app = await openTodaysLotusMeeting();
    const meetingId = app.router.state.location.pathname.split('/').at(-1)!;
    const alise = await screen.findByRole('group', { name: 'Alise' }, SLOW);
    await app.user.click(within(alise).getByRole('radio', { name: 'Excused' }));
    const reason = within(alise).getByRole('textbox', { name: 'Reason' });
    await app.user.type(reason, 'Court date');
    await app.user.tab();
    const stored = async () =>
      (await app.services.repos.attendance.listWhere('meetingId', meetingId)).items[0]?.reason;
    await waitFor(async () => expect(await stored()).toBe('Court date'));

    // The button says it undoes the reason, not the tap.
    await app.user.click(screen.getByRole('button', { name: 'Undo reason (Alise)' }));
    await waitFor(async () => expect(await stored()).toBeUndefined());
    expect(reason, 'the field shows what is stored').toHaveValue('');
    // The removed words are quoted on screen.
    expect(
      screen.getByText(/the reason for Alise is no longer saved\. It was: “Court date”/),
    ).toBeVisible();

    // Leaving the field again does not quietly store or drop anything.
    await app.user.click(reason);
    await app.user.tab();
    expect(await stored()).toBeUndefined();
    // The next undo is the tap itself.
    expect(screen.getByRole('button', { name: 'Undo (Alise)' })).toBeInTheDocument();
  });

  it('shows a colleague’s absence reason that sync brings in, but never over one being typed', async () => {
    const sync = fakeSync(SYNCED_STATUS);
    const app = await openTodaysLotusMeeting(sync);
    const meetingId = app.router.state.location.pathname.split('/').at(-1)!;
    const alise = await screen.findByRole('group', { name: 'Alise' }, SLOW);
    await app.user.click(within(alise).getByRole('radio', { name: 'Excused' }));
    const reason = within(alise).getByRole('textbox', { name: 'Reason' });
    const row = async () =>
      (await app.services.repos.attendance.listWhere('meetingId', meetingId)).items[0]!;
    await waitFor(async () => expect((await row()).status).toBe('excused'));
    /** Another device's reason, as a pull writes it, then the screens are told. */
    const colleagueWrites = async (text: string) => {
      await app.services.repos.attendance.put({ ...(await row()), reason: text });
      sync.applied();
    };

    // The field is open but nobody typed: it shows the colleague's reason.
    await app.user.click(reason);
    await colleagueWrites('Doctor');
    await waitFor(() => expect(reason).toHaveValue('Doctor'), SLOW);

    // Typing: the typed words stay, and a note says what the colleague wrote.
    await app.user.clear(reason);
    await app.user.type(reason, 'Court date');
    await colleagueWrites('Exam');
    expect(
      await within(alise).findByText(/A colleague changed this reason to “Exam”/, {}, SLOW),
    ).toBeVisible();
    expect(reason).toHaveValue('Court date');
    expect(reason).toHaveAccessibleDescription(/A colleague changed this reason/);
    // Leaving the field saves what was typed, and the note goes.
    await app.user.tab();
    await waitFor(async () => expect((await row()).reason).toBe('Court date'));
    expect(within(alise).queryByText(/A colleague changed/)).not.toBeInTheDocument();
    expect(reason).toHaveValue('Court date');
  });

  it('shows colleague’s notes that sync brings in; over notes being written, keeps both until the person picks', async () => {
    const sync = fakeSync(SYNCED_STATUS);
    const app = await openTodaysLotusMeeting(sync);
    const meetingId = app.router.state.location.pathname.split('/').at(-1)!;
    const notes = await screen.findByLabelText('Notes', { exact: true }, SLOW);
    const colleague = crypto.randomUUID();
    const noteId = crypto.randomUUID();
    const stored = async () =>
      (await app.services.repos.notes.listWhere('meetingId', meetingId)).items.sort((a, b) =>
        b.updatedAt.localeCompare(a.updatedAt),
      )[0];
    /** A co-facilitator's notes, as a pull writes them, then the screens are told. */
    const colleagueWrites = async (text: string) => {
      await app.services.repos.notes.put({
        id: noteId,
        meetingId,
        tags: [],
        text,
        authorId: colleague,
        updatedAt: new Date(Date.now() + 1_000).toISOString(),
      });
      sync.applied();
    };

    await app.user.click(notes);
    await colleagueWrites('The group laughed a lot');
    await waitFor(() => expect(notes).toHaveValue('The group laughed a lot'), SLOW);

    await app.user.type(notes, ', then went quiet');
    await waitFor(async () =>
      expect((await stored())?.text).toBe('The group laughed a lot, then went quiet'),
    );
    await colleagueWrites('Nora arrived late and upset');
    expect(
      await screen.findByText('A colleague changed these notes while you were writing', {}, SLOW),
    ).toBeVisible();
    // Both on screen: what this person wrote in the field, the colleague's quoted.
    expect(notes).toHaveValue('The group laughed a lot, then went quiet');
    expect(screen.getByText('Nora arrived late and upset')).toBeVisible();

    await app.user.click(screen.getByRole('button', { name: 'Keep mine' }));
    await waitFor(async () =>
      expect((await stored())?.text).toBe('The group laughed a lot, then went quiet'),
    );
    expect(screen.queryByText(/A colleague changed these notes/)).not.toBeInTheDocument();
  });

  it('asks for what was seen or said before a concern is sent, and keeps what was typed', async () => {
    const app = await openTodaysLotusMeeting();
    await app.user.click(screen.getByRole('button', { name: 'Raise a concern' }));
    await app.user.click(screen.getByRole('radio', { name: 'Missing or not where expected' }));
    expect(screen.getByText(/Do not wait for the next meeting\./)).toBeInTheDocument();
    await app.user.type(
      screen.getByLabelText('What was done straight away'),
      'Called her guardian.',
    );
    await app.user.click(screen.getByRole('button', { name: 'Send to the coordinators' }));
    expect(
      await screen.findByText('Write what was seen or said, even briefly.'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('What was done straight away')).toHaveValue(
      'Called her guardian.',
    );
    // Nothing was sent (the demo's own screening follow-ups are there already).
    const followUps = (await app.services.repos.followUps.list()).items;
    expect(followUps.filter((f) => f.kind === 'concern')).toHaveLength(0);
    expect(await app.db.concerns.count()).toBe(0);
  });

  it('keeps a half-typed concern through a lock, for its writer only, and drops it once sent', async () => {
    const app = await openTodaysLotusMeeting();
    const meetingId = app.router.state.location.pathname.split('/').at(-1)!;
    await app.user.click(screen.getByRole('button', { name: 'Raise a concern' }));
    await app.user.click(screen.getByRole('radio', { name: 'Missing or not where expected' }));
    await app.user.type(
      screen.getByLabelText('What was seen or said'),
      'Said an older man waits for her after school.',
    );
    const draftId = await concernDraftId(
      app.services.vault,
      app.services.vault.session!.staffId,
      meetingId,
    );
    await waitFor(async () =>
      expect((await app.services.repos.drafts.get(draftId))?.value).toMatchObject({
        seenOrSaid: 'Said an older man waits for her after school.',
      }),
    );
    // Stored sealed: the words are nowhere in the clear.
    expect(JSON.stringify(await app.db.drafts.toArray())).not.toContain('older man');

    await app.user.click(screen.getByRole('button', { name: 'Lock' }));
    await app.user.type(await screen.findByLabelText('Passphrase', {}, SLOW), app.passphrase!);
    await app.user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByText(/Your unsent concern was kept/, {}, SLOW)).toBeInTheDocument();
    expect(screen.getByLabelText('What was seen or said')).toHaveValue(
      'Said an older man waits for her after school.',
    );
    expect(screen.getByRole('radio', { name: 'Missing or not where expected' })).toBeChecked();

    await app.user.click(screen.getByRole('button', { name: 'Send to the coordinators' }));
    expect(await screen.findByText(/The concern is saved/, {}, SLOW)).toBeInTheDocument();
    expect(await app.db.drafts.get(draftId)).toBeUndefined();
    expect(await app.db.concerns.count()).toBe(1);
  });

  it('tells a facilitator a concern could not be sent when the coordinators’ key fails its check, and keeps it as their draft', async () => {
    const app = await openTodaysLotusMeeting();
    const meetingId = app.router.state.location.pathname.split('/').at(-1)!;
    const facilitator = aStaffMember({ role: 'facilitator', displayName: 'Anna' });
    await app.services.repos.staff.put(facilitator);
    await app.services.keyring.setPassphrase(facilitator.id, 'the facilitator passphrase');
    // Someone swaps the box public key in storage, without the team key to MAC it.
    const box = (await app.db.keyring.get('coordinator-box')) as CoordinatorBoxRow;
    await app.db.keyring.put({ ...box, publicKey: (await generateBoxKeys()).publicRaw });

    await app.user.click(screen.getByRole('button', { name: 'Lock' }));
    await app.user.type(
      await screen.findByLabelText('Passphrase', {}, SLOW),
      'the facilitator passphrase',
    );
    await app.user.click(screen.getByRole('button', { name: 'Unlock' }));
    await app.user.click(await screen.findByRole('button', { name: 'Raise a concern' }, SLOW));
    await app.user.click(screen.getByRole('radio', { name: 'Missing or not where expected' }));
    await app.user.type(screen.getByLabelText('What was seen or said'), 'Not home for two nights.');
    const draftId = await concernDraftId(app.services.vault, facilitator.id, meetingId);
    await waitFor(async () =>
      expect((await app.services.repos.drafts.get(draftId))?.value).toMatchObject({
        seenOrSaid: 'Not home for two nights.',
      }),
    );
    await app.user.click(screen.getByRole('button', { name: 'Send to the coordinators' }));
    expect(
      await screen.findByText('This concern could not be sent to the coordinators.', {}, SLOW),
    ).toBeInTheDocument();
    expect(screen.getByText(/kept as your draft — nothing is lost/)).toBeInTheDocument();
    expect(screen.getByLabelText('What was seen or said')).toHaveValue('Not home for two nights.');
    expect(await app.db.concerns.count()).toBe(0);
    expect((await app.services.repos.drafts.get(draftId))?.value).toMatchObject({
      seenOrSaid: 'Not home for two nights.',
    });
  });

  it('closes notes older than 7 days; a coordinator may change them, and the change is audited', async () => {
    const app = await renderApp({ setup: 'demo', unlocked: true });
    const meetings = await app.services.repos.meetings.list();
    const lotus = (await app.services.repos.cohorts.list()).items.find((c) =>
      c.name.startsWith('Lotus'),
    )!;
    const first = meetings.items.find((m) => m.cohortId === lotus.id && m.number === 1)!;
    await app.router.navigate(`/meetings/${first.id}`);
    expect(await screen.findByText(/More than 7 days have passed/, {}, SLOW)).toBeInTheDocument();
    const text = screen.getByLabelText('Notes', { selector: 'textarea' });
    expect(text).toHaveAttribute('readonly');

    await app.user.click(screen.getByRole('button', { name: 'Change the notes' }));
    await app.user.type(text, ' Added later.');
    await app.user.click(screen.getByRole('button', { name: 'Save the change' }));
    await waitFor(async () => {
      const audit = await app.services.repos.audit.list();
      expect(audit.items.map((a) => a.action)).toContain('note-changed-after-lock');
    });
    const notes = await app.services.repos.notes.listWhere('meetingId', first.id);
    expect(notes.items[0]!.text).toMatch(/Added later\.$/);
  });

  it('records travel and meal per person once a coordinator turns them on for the group', async () => {
    const app = await openTodaysLotusMeeting();
    const alise = await screen.findByRole('group', { name: 'Alise' }, SLOW);
    expect(within(alise).queryByLabelText('Travel paid')).not.toBeInTheDocument();
    await app.user.click(screen.getByLabelText('Record travel costs and meals for this group'));
    await app.user.click(within(alise).getByRole('radio', { name: 'Present' }));
    await app.user.click(within(alise).getByLabelText('Travel paid'));
    await waitFor(async () => {
      const marks = await app.services.repos.attendance.list();
      expect(marks.items.filter((m) => m.travel === true)).toHaveLength(1);
    });
    const lotus = (await app.services.repos.cohorts.list()).items.find((c) =>
      c.name.startsWith('Lotus'),
    );
    expect(lotus?.travelAndMeal).toBe(true);
  });

  it('shows the organisation’s own checklist for a concern type once it is changed in Settings', async () => {
    const app = await renderApp({ setup: 'demo', unlocked: true, route: '/settings' });
    const field = await screen.findByRole('textbox', { name: 'Distress or self-harm' }, SLOW);
    await app.user.clear(field);
    await app.user.type(field, 'Stay with them.{enter}Ring the duty coordinator on 2000 0000.');
    await app.user.click(screen.getByRole('button', { name: 'Save meeting-mode settings' }));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();

    await app.router.navigate('/');
    await app.user.click(
      await screen.findByRole('link', { name: 'Lotus — Riga, autumn — meeting 5' }, SLOW),
    );
    await app.user.click(await screen.findByRole('button', { name: 'Raise a concern' }, SLOW));
    await app.user.click(screen.getByRole('radio', { name: 'Distress or self-harm' }));
    expect(
      screen.getByRole('checkbox', { name: 'Ring the duty coordinator on 2000 0000.' }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/call 112/)).not.toBeInTheDocument();
  });
});
