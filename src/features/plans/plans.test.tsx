import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Organisation } from '../../domain/organisation';
import { aParticipant } from '../../testing/factories';
import { renderApp, SLOW } from '../../testing/render-app';

const young = aParticipant({ code: 'L26-01', chosenName: 'Zane Paraugs' });
const other = aParticipant({ code: 'L26-02', chosenName: 'Otra Persona' });

async function openStaffView(organisation: Partial<Organisation> = {}) {
  const app = await renderApp({
    setup: 'organisation',
    unlocked: true,
    route: `/participants/${young.id}/plan`,
    seed: async ({ repos }) => {
      await repos.participants.bulkPut([young, other]);
      const current = await repos.organisation.get('organisation');
      await repos.organisation.put({ ...current!, ...organisation });
    },
  });
  await screen.findByRole(
    'heading',
    { level: 1, name: /Healthy-relationship plan · L26-01/ },
    SLOW,
  );
  return app;
}

async function handOver(app: Awaited<ReturnType<typeof openStaffView>>, language: RegExp) {
  await app.user.click(screen.getByRole('radio', { name: language }));
  await app.user.click(screen.getByRole('button', { name: 'Hand over' }));
}

describe('healthy-relationship plans', () => {
  it('hands the device over showing only the plan, in the young person’s language, and keeps staff screens out of reach', async () => {
    const app = await openStaffView();
    expect(screen.getByText('No plan has been started yet.')).toBeInTheDocument();
    await handOver(app, /Latviešu/);

    await screen.findByRole('heading', { level: 1, name: 'Mans plāns' }, SLOW);
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
    const onScreen = document.body.textContent ?? '';
    expect(onScreen).not.toContain('Zane Paraugs');
    expect(onScreen).not.toContain('Otra Persona');
    expect(onScreen).not.toContain('L26-0');
    // Prompt and examples in the plan's language; every question can be skipped.
    expect(screen.getByText(/Uz ko tu ceri savā dzīvē/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Iziet ātri' })).toBeInTheDocument();

    const hopes = screen.getAllByLabelText('Tava atbilde')[0]!;
    await app.user.type(hopes, 'Es gribu mācīties par pavāru');
    const self = screen.getByRole('group', { name: 'Ar sevi' });
    await app.user.type(within(self).getByLabelText('1. solis'), 'Гулять каждый день');
    await screen.findByText('Saglabāts');

    // A staff route (a link, the back button, a typed in-app address) leads back to the plan.
    const kiosk = `/kiosk/plan/${young.id}`;
    await app.router.navigate('/settings');
    await waitFor(() => expect(app.router.state.location.pathname).toBe(kiosk));
    await screen.findByRole('heading', { level: 1, name: 'Mans plāns' }, SLOW);
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
    await app.router.navigate(`/kiosk/plan/${other.id}`);
    await waitFor(() => expect(app.router.state.location.pathname).toBe(kiosk));
    await app.router.navigate(-1);
    await waitFor(() => expect(app.router.state.location.pathname).toBe(kiosk));
    await screen.findByRole('heading', { level: 1, name: 'Mans plāns' }, SLOW);
    expect(screen.getAllByLabelText('Tava atbilde')[0]).toHaveValue('Es gribu mācīties par pavāru');

    // The young person can switch the plan's language themselves; what they wrote stays.
    await app.user.click(screen.getByRole('radio', { name: 'English' }));
    await screen.findByRole('heading', { level: 1, name: 'My plan' }, SLOW);
    expect(screen.getAllByLabelText('Your answer')[0]).toHaveValue('Es gribu mācīties par pavāru');
    await screen.findByText('Saved');
    const [saved] = (await app.services.repos.plans.listWhere('participantId', young.id)).items;
    expect(saved?.language).toBe('en');

    // Leaving needs a staff passphrase.
    await app.user.click(screen.getByRole('button', { name: 'Give the device back' }));
    await app.user.type(screen.getByLabelText('Staff passphrase'), 'not the passphrase');
    await app.user.click(screen.getByRole('button', { name: 'Leave' }));
    expect(await screen.findByText('That passphrase is not right.', {}, SLOW)).toBeInTheDocument();
    await app.user.type(screen.getByLabelText('Staff passphrase'), app.passphrase!);
    await app.user.click(screen.getByRole('button', { name: 'Leave' }));

    // The staff view: which parts have something written, never what.
    await screen.findByText('2 of 7 parts have something written.', { exact: false }, SLOW);
    expect(document.body.textContent).not.toContain('pavāru');
    expect(document.body.textContent).not.toContain('Гулять');
    expect(screen.getByRole('navigation', { name: 'Main sections' })).toBeInTheDocument();
  });

  it('removes the plan from the device for real and leaves staff only the fact that it was completed', async () => {
    const app = await openStaffView();
    await handOver(app, /English/);
    await screen.findByRole('heading', { level: 1, name: 'My plan' }, SLOW);
    await app.user.type(screen.getAllByLabelText('Your answer')[0]!, 'A secret hope QX-19');
    await screen.findByText('Saved');
    expect(await app.db.plans.count()).toBe(1);

    await app.user.click(screen.getByRole('button', { name: 'Remove my plan from this device' }));
    expect(screen.getByText('Remove your plan from this device?')).toBeInTheDocument();
    await app.user.click(screen.getByRole('button', { name: 'Yes, remove it' }));
    await screen.findByRole(
      'heading',
      { name: 'Your plan has been removed from this device.' },
      SLOW,
    );
    expect(document.body.textContent).not.toContain('QX-19');
    expect(await app.db.plans.count()).toBe(0);
    expect(await app.db.tombstones.where('table').equals('plans').count()).toBe(1);
    const audit = await app.services.repos.audit.list();
    expect(
      audit.items.filter((e) => e.action === 'plan-removed').map((e) => e.related?.participantId),
    ).toEqual([young.id]);

    await app.user.click(screen.getByRole('button', { name: 'Give the device back' }));
    await app.user.type(screen.getByLabelText('Staff passphrase'), app.passphrase!);
    await app.user.click(screen.getByRole('button', { name: 'Leave' }));
    expect(
      await screen.findByText(/A plan was completed and removed from this device/, {}, SLOW),
    ).toBeInTheDocument();
    expect(screen.getByText('No plan has been started yet.')).toBeInTheDocument();
  });

  it('says beside the field when an answer is too long, and keeps what was typed', async () => {
    const app = await openStaffView();
    await handOver(app, /English/);
    await screen.findByRole('heading', { level: 1, name: 'My plan' }, SLOW);
    const boundaries = screen.getAllByLabelText('Your answer')[3]!;
    await app.user.click(boundaries);
    await app.user.paste('No. '.repeat(501));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This is longer than fits on the plan. Please make it a little shorter (at most 2000 characters).',
    );
    expect(boundaries).toHaveAttribute('aria-invalid', 'true');
    expect(boundaries).toHaveValue('No. '.repeat(501));
    expect(screen.getByText('Not saved yet. What you wrote is still here.')).toBeInTheDocument();
    const stored = await app.services.repos.plans.listWhere('participantId', young.id);
    expect(stored.items[0]?.boundaries).toBe('');
  });

  it('locks after five wrong passphrases at the kiosk exit', async () => {
    const app = await openStaffView();
    await handOver(app, /English/);
    await screen.findByRole('heading', { level: 1, name: 'My plan' }, SLOW);
    await app.user.click(screen.getByRole('button', { name: 'Give the device back' }));
    for (let i = 0; i < 5; i++) {
      await app.user.type(screen.getByLabelText('Staff passphrase'), `wrong ${i}`);
      await app.user.click(screen.getByRole('button', { name: 'Leave' }));
      if (i < 4) await screen.findByText('That passphrase is not right.', {}, SLOW);
    }
    await screen.findByRole('heading', { name: 'Aplis is locked' }, SLOW);
    expect(app.services.vault.isUnlocked).toBe(false);
  });

  it('lets a coordinator set the support contacts a plan prints, with a message beside an empty field', async () => {
    const app = await renderApp({ setup: 'organisation', unlocked: true, route: '/settings' });
    const section = await screen.findByRole(
      'region',
      { name: "Support contacts on young people's plans" },
      SLOW,
    );
    await app.user.click(within(section).getByRole('button', { name: 'Add a contact' }));
    await app.user.type(within(section).getByLabelText('Name of the contact'), 'Our centre');
    await app.user.click(within(section).getByRole('button', { name: 'Save contacts' }));
    expect(within(section).getByText('Write a phone number.')).toBeInTheDocument();
    expect(within(section).getByLabelText('Name of the contact')).toHaveValue('Our centre');

    await app.user.type(within(section).getByLabelText('Phone number'), '+371 2000 0000');
    await app.user.click(within(section).getByRole('checkbox', { name: /116 006/ }));
    await app.user.click(within(section).getByRole('button', { name: 'Save contacts' }));
    await within(section).findByText('Contacts saved.');
    const organisation = await app.services.repos.organisation.get('organisation');
    expect(organisation?.supportContacts).toEqual([
      { label: 'Our centre', phone: '+371 2000 0000' },
    ]);
    expect(organisation?.helplines).toEqual(['children']);
  });

  it('shows the support lines on the plan screen itself, and claims nothing the organisation switched off', async () => {
    const app = await openStaffView({
      helplines: ['children'],
      supportContacts: [{ label: 'Our centre', phone: '+371 2000 0000' }],
    });
    await handOver(app, /English/);
    await screen.findByRole('heading', { level: 1, name: 'My plan' }, SLOW);
    const lines = screen.getByRole('region', { name: 'Support lines' });
    expect(within(lines).getByRole('link', { name: '116 111' })).toHaveAttribute(
      'href',
      'tel:116111',
    );
    expect(within(lines).getByRole('link', { name: '+371 2000 0000' })).toHaveAttribute(
      'href',
      'tel:+37120000000',
    );
    // Switched off: not shown, and nothing says "always".
    expect(within(lines).queryByText('116 006')).not.toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/always/i);
    expect(screen.getByText('These numbers are printed on your plan too.')).toBeVisible();
  });

  it('lets a coordinator change the alert words that flag a kiosk comment', async () => {
    const app = await renderApp({ setup: 'organisation', unlocked: true, route: '/settings' });
    const section = await screen.findByRole(
      'region',
      { name: 'Alert words in young people’s comments' },
      SLOW,
    );
    const words = within(section).getByLabelText('Words and phrases, one per line');
    expect((words as HTMLTextAreaElement).value).toContain('draud');
    await app.user.clear(words);
    await app.user.type(words, 'cold{enter}{enter}  tired  {enter}cold');
    await app.user.click(within(section).getByRole('button', { name: 'Save the alert words' }));
    await within(section).findByText('The alert words are saved.');
    expect((await app.services.repos.organisation.get('organisation'))?.alertWords).toEqual([
      'cold',
      'tired',
    ]);
    await app.user.click(
      within(section).getByRole('button', { name: 'Go back to the default list' }),
    );
    await waitFor(async () =>
      expect(
        (await app.services.repos.organisation.get('organisation'))?.alertWords,
      ).toBeUndefined(),
    );
  });
});
