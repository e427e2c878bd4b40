import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CustomProgramme } from '../../domain/programme';
import { aCustomProgramme, aStaffMember } from '../../testing/factories';
import { renderApp, SLOW, type RenderedApp } from '../../testing/render-app';

afterEach(() => {
  vi.restoreAllMocks();
});

async function openEditor(
  programme: CustomProgramme = aCustomProgramme(),
  options: { slowStaffRead?: boolean } = {},
) {
  const app = await renderApp({
    setup: 'organisation',
    unlocked: true,
    route: `/programmes/${programme.id}/edit`,
    seed: async ({ repos }) => {
      await repos.programmes.put(programme);
      if (options.slowStaffRead) {
        // A slow device: the signed-in person's row opens after the programme's.
        const read = repos.staff.get.bind(repos.staff);
        vi.spyOn(repos.staff, 'get').mockImplementation(async (id) => {
          await new Promise((resolve) => setTimeout(resolve, 300));
          return read(id);
        });
      }
    },
  });
  await screen.findByRole('heading', { level: 1, name: 'Edit programme' }, SLOW);
  return { app, programme };
}

/** "Meeting 1 Alpha", … as the meeting headings read, top to bottom. */
function meetingHeadings(): string[] {
  return screen
    .getAllByText(/^Meeting \d+$/)
    .map((number) => number.closest('summary')!.textContent ?? '');
}

/** The editor block of meeting `number`, opened as a user would by clicking its heading. */
async function meetingEditor(app: RenderedApp, number: number): Promise<HTMLElement> {
  const summary = screen.getByText(`Meeting ${number}`).closest('summary')!;
  const details = summary.closest('details')!;
  if (!details.open) await app.user.click(summary);
  return details;
}

async function savedProgramme(app: RenderedApp, id: string): Promise<CustomProgramme> {
  const saved = await app.services.repos.programmes.get(id);
  if (!saved) throw new Error(`programme ${id} is not in the database`);
  return saved;
}

/** Waits until the status line says everything is saved and the database holds what `check` expects. */
async function expectSaved(app: RenderedApp, id: string, check: (saved: CustomProgramme) => void) {
  await waitFor(async () => {
    expect(screen.getByText('All changes saved')).toBeInTheDocument();
    check(await savedProgramme(app, id));
  }, SLOW);
}

describe('editing an organisation’s own programme', () => {
  it('opens straight into the editor for a coordinator, never saying only coordinators may edit', async () => {
    // Watch every change to the page, so even a brief flash of the message is caught.
    const seen = new Set<string>();
    const observer = new MutationObserver(() => seen.add(document.body.textContent ?? ''));
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    await openEditor(aCustomProgramme(), { slowStaffRead: true });
    observer.disconnect();

    expect(
      [...seen].filter((text) => text.includes('Only coordinators can edit programmes.')),
    ).toEqual([]);
    expect(screen.getByRole('textbox', { name: 'Title' })).toHaveValue('Our own programme');
    expect(meetingHeadings()).toEqual(['Meeting 1 Alpha', 'Meeting 2 Beta', 'Meeting 3 Gamma']);
  });

  it('saves a changed topic without a Save button', async () => {
    const { app, programme } = await openEditor();
    const meeting = await meetingEditor(app, 2);

    const topic = within(meeting).getByLabelText('Topic');
    await app.user.clear(topic);
    await app.user.type(topic, 'Trust and friendship');

    await expectSaved(app, programme.id, (saved) => {
      expect(saved.meetings.map((m) => m.topic)).toEqual([
        'Alpha',
        'Trust and friendship',
        'Gamma',
      ]);
    });
    expect(
      within(meeting).getByText('Trust and friendship', { selector: 'summary span' }),
    ).toBeInTheDocument();
  });

  it('saves a changed programme title', async () => {
    const { app, programme } = await openEditor();

    const title = screen.getByRole('textbox', { name: 'Title' });
    await app.user.clear(title);
    await app.user.type(title, 'Lotus for Valmiera');

    await expectSaved(app, programme.id, (saved) => expect(saved.title).toBe('Lotus for Valmiera'));
  });

  it('renumbers the meetings when one is moved down', async () => {
    const { app, programme } = await openEditor();
    const first = await meetingEditor(app, 1);

    await app.user.click(within(first).getByRole('button', { name: 'Move Meeting 1 down' }));

    expect(meetingHeadings()).toEqual(['Meeting 1 Beta', 'Meeting 2 Alpha', 'Meeting 3 Gamma']);
    await expectSaved(app, programme.id, (saved) => {
      expect(saved.meetings.map((m) => [m.number, m.topic])).toEqual([
        [1, 'Beta'],
        [2, 'Alpha'],
        [3, 'Gamma'],
      ]);
    });
  });

  it('cannot move the first meeting up or the last one down', async () => {
    const { app } = await openEditor();

    expect(
      within(await meetingEditor(app, 1)).getByRole('button', { name: 'Move Meeting 1 up' }),
    ).toBeDisabled();
    expect(
      within(await meetingEditor(app, 3)).getByRole('button', { name: 'Move Meeting 3 down' }),
    ).toBeDisabled();
  });

  it('renumbers the meetings after one is removed, once the user confirms', async () => {
    const { app, programme } = await openEditor();
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    const second = await meetingEditor(app, 2);

    await app.user.click(within(second).getByRole('button', { name: 'Remove this meeting' }));

    expect(confirm).toHaveBeenCalledWith('Remove meeting 2 and all its activities?');
    expect(meetingHeadings()).toEqual(['Meeting 1 Alpha', 'Meeting 2 Gamma']);
    await expectSaved(app, programme.id, (saved) => {
      expect(saved.meetings.map((m) => [m.number, m.topic])).toEqual([
        [1, 'Alpha'],
        [2, 'Gamma'],
      ]);
    });
  });

  it('keeps the meeting when the removal is not confirmed', async () => {
    const { app, programme } = await openEditor();
    vi.spyOn(window, 'confirm').mockReturnValue(false);
    const put = vi.spyOn(app.services.repos.programmes, 'put');

    await app.user.click(
      within(await meetingEditor(app, 2)).getByRole('button', { name: 'Remove this meeting' }),
    );

    expect(meetingHeadings()).toEqual(['Meeting 1 Alpha', 'Meeting 2 Beta', 'Meeting 3 Gamma']);
    expect(put).not.toHaveBeenCalled();
    expect((await savedProgramme(app, programme.id)).meetings).toHaveLength(3);
  });

  it('adds a numbered, untitled meeting at the end, open for writing', async () => {
    const { app, programme } = await openEditor();

    await app.user.click(screen.getByRole('button', { name: 'Add a meeting' }));

    expect(meetingHeadings()).toEqual([
      'Meeting 1 Alpha',
      'Meeting 2 Beta',
      'Meeting 3 Gamma',
      'Meeting 4 (no topic yet)',
    ]);
    const added = screen.getByText('Meeting 4').closest('details')!;
    expect(added.open).toBe(true);
    await waitFor(() =>
      expect(document.activeElement, 'focus after adding a meeting').toBe(
        added.querySelector('summary'),
      ),
    );
    await expectSaved(app, programme.id, (saved) => {
      expect(saved.meetings).toHaveLength(4);
      expect(saved.meetings[3]).toMatchObject({ number: 4, topic: '' });
      // The blank meeting starts with one activity that fills the meeting.
      expect(saved.meetings[3]!.activities.map((a) => a.minutes)).toEqual([90]);
    });
  });

  it('warns when the activities do not add up to the meeting length', async () => {
    const { app, programme } = await openEditor();
    const meeting = await meetingEditor(app, 1);
    expect(within(meeting).getByText('Activities add up to 90 of 90 minutes.')).toBeInTheDocument();
    expect(within(meeting).queryByText('80 of 90 min')).not.toBeInTheDocument();

    const checkOut = within(meeting).getByRole('group', { name: 'Activity 2' });
    // A number field: set the value the way a user's edit ends up (typing would pass through "2", "20"…).
    fireEvent.change(within(checkOut).getByLabelText('Minutes'), { target: { value: '20' } });

    expect(within(meeting).getByText('Activities add up to 80 of 90 minutes.')).toBeInTheDocument();
    expect(within(meeting.querySelector('summary')!).getByText('80 of 90 min')).toBeInTheDocument();
    // The other meetings still add up.
    expect(
      within(await meetingEditor(app, 2)).queryByText(/\d+ of 90 min$/),
    ).not.toBeInTheDocument();
    // A draft may be off while it is being written: it is saved anyway.
    await expectSaved(app, programme.id, (saved) => {
      expect(saved.meetings[0]!.activities.map((a) => a.minutes)).toEqual([60, 20]);
    });
  });

  it('warns when an activity is removed and the meeting falls short', async () => {
    const { app } = await openEditor();
    const meeting = await meetingEditor(app, 3);

    await app.user.click(within(meeting).getByRole('button', { name: 'Remove Activity 1' }));

    expect(within(meeting).getByText('Activities add up to 30 of 90 minutes.')).toBeInTheDocument();
    expect(within(meeting.querySelector('summary')!).getByText('30 of 90 min')).toBeInTheDocument();
  });

  it('keeps the change on screen when saving fails, and saves it on "Try saving again"', async () => {
    const { app, programme } = await openEditor();
    const put = vi
      .spyOn(app.services.repos.programmes, 'put')
      .mockRejectedValueOnce(Object.assign(new Error('disk full'), { name: 'QuotaExceededError' }));

    const title = screen.getByRole('textbox', { name: 'Title' });
    await app.user.type(title, '!');

    expect(
      await screen.findByText(
        'That could not be saved. Everything you typed is still here — please try again.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Your changes are still on screen and have not been lost.'),
    ).toBeInTheDocument();
    expect(title).toHaveValue('Our own programme!');
    expect((await savedProgramme(app, programme.id)).title).toBe('Our own programme');

    await app.user.click(screen.getByRole('button', { name: 'Try saving again' }));

    await expectSaved(app, programme.id, (saved) => expect(saved.title).toBe('Our own programme!'));
    expect(put).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('button', { name: 'Try saving again' })).not.toBeInTheDocument();
  });
});

describe('a facilitator and the organisation’s programmes', () => {
  const FACILITATOR_PASSPHRASE = 'facilitator own passphrase';

  async function signInAsFacilitator(route: string) {
    const programme = aCustomProgramme({ title: 'Lotus for Valmiera' });
    const app = await renderApp({
      setup: 'organisation',
      route,
      seed: async ({ repos, keyring }) => {
        const facilitator = aStaffMember({ displayName: 'Anna', role: 'facilitator' });
        await repos.staff.put(facilitator);
        await keyring.setPassphrase(facilitator.id, FACILITATOR_PASSPHRASE);
        await repos.programmes.put(programme);
      },
    });
    await app.user.type(
      await screen.findByLabelText('Passphrase', {}, SLOW),
      FACILITATOR_PASSPHRASE,
    );
    await app.user.click(screen.getByRole('button', { name: 'Unlock' }));
    await within(await screen.findByRole('banner', {}, SLOW)).findByText('Anna', {}, SLOW);
    return { app, programme };
  }

  it('can read a programme copy but not edit, duplicate or delete it', async () => {
    const { programme } = await signInAsFacilitator('/programmes');
    await screen.findByRole('heading', { level: 1, name: 'Programmes' }, SLOW);
    await screen.findByRole('heading', { level: 3, name: 'Lotus for Valmiera' });

    expect(screen.queryByRole('button', { name: 'Duplicate' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Edit' })).not.toBeInTheDocument();
    expect(
      screen.getAllByRole('link', { name: 'Open' }).map((a) => a.getAttribute('href')),
    ).toContain(`/programmes/${programme.id}`);
  });

  it('is told that only coordinators can edit when opening the editor', async () => {
    const { app, programme } = await signInAsFacilitator('/');
    await app.router.navigate(`/programmes/${programme.id}/edit`);

    expect(
      await screen.findByText('Only coordinators can edit programmes.', {}, SLOW),
    ).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Title' })).not.toBeInTheDocument();
  });
});
