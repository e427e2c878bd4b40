import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aStaffMember } from '../../testing/factories';
import { renderApp, SLOW } from '../../testing/render-app';
import lvReports from '../../../locales/lv/reports.json';
import enReports from '../../../locales/en/reports.json';

const reportsFiles = import.meta.glob<typeof enReports>('/locales/*/reports.json', {
  eager: true,
  import: 'default',
});

/** The demo's Lotus group (working language Latvian), or, with `workingLanguage`, in another one. */
async function demoCohort(
  services: Awaited<ReturnType<typeof renderApp>>['services'],
  workingLanguage?: 'lv' | 'en' | 'ru' | 'uk',
) {
  const cohorts = await services.repos.cohorts.list();
  const cohort = cohorts.items.find((c) => c.programmeId === 'lotus')!;
  if (!workingLanguage) return cohort;
  const changed = { ...cohort, language: workingLanguage };
  await services.repos.cohorts.put(changed);
  return changed;
}

describe('reports', () => {
  it('shows a coordinator the group report: attendance matrix, rates, mood table, no names', async () => {
    let cohortId = '';
    const app = await renderApp({
      setup: 'demo',
      unlocked: true,
      seed: async (services) => {
        cohortId = (await demoCohort(services)).id;
      },
    });
    await app.router.navigate(`/reports/cohorts/${cohortId}`);
    const matrix = await screen.findByRole('table', { name: /Attendance by participant/ }, SLOW);
    const rows = within(matrix).getAllByRole('row');
    // Header, seven girls, the per-meeting footer.
    expect(rows).toHaveLength(9);
    expect(within(matrix).getByRole('rowheader', { name: /^L\d{2}-01$/ })).toBeInTheDocument();
    expect(within(matrix).getAllByText('Excused').length).toBeGreaterThan(0);
    expect(
      screen.getByRole('table', { name: /Mood and engagement per meeting/ }),
    ).toBeInTheDocument();
    // Codes only: none of the demo's chosen names.
    expect(document.body.textContent).not.toMatch(/Alise|Beāte|Katrīna/);
  });

  it('shows each group the same attendance rate on Groups, Reports and the group report, with how it is counted', async () => {
    let cohortId = '';
    const app = await renderApp({
      setup: 'demo',
      unlocked: true,
      route: '/cohorts',
      seed: async (services) => {
        cohortId = (await demoCohort(services)).id;
      },
    });
    const percent = (text: string | null | undefined) => /(\d+)\s?%/.exec(text ?? '')?.[1];
    const card = (await screen.findByRole('link', { name: 'Lotus — Riga, autumn' }, SLOW)).closest(
      'li',
    )!;
    const onGroups = percent(/attendance (\d+\s?%)/.exec(card.textContent ?? '')?.[1]);
    expect(onGroups).toBeDefined();
    expect(screen.getByText('How is attendance counted?')).toBeInTheDocument();

    await app.router.navigate('/reports');
    const table = await screen.findByRole('table', { name: 'Groups in the period' }, SLOW);
    const row = within(table).getByRole('row', { name: /Lotus — Riga, autumn/ });
    expect(percent(within(row).getAllByRole('cell').at(-1)!.textContent)).toBe(onGroups);
    expect(screen.getByText('How is attendance counted?')).toBeInTheDocument();

    await app.router.navigate(`/reports/cohorts/${cohortId}`);
    const matrix = await screen.findByRole('table', { name: /Attendance by participant/ }, SLOW);
    const rate = screen
      .getAllByText('Attendance', { selector: 'dt' })
      .find(
        (dt) => dt.compareDocumentPosition(matrix) & Node.DOCUMENT_POSITION_FOLLOWING,
      )!.nextElementSibling;
    expect(percent(rate?.textContent)).toBe(onGroups);
    expect(screen.getByText('How is attendance counted?')).toBeInTheDocument();
  });

  it('keeps facilitators out of reports, on a direct URL too', async () => {
    const app = await renderApp({
      setup: 'organisation',
      route: '/reports',
      seed: async ({ repos, keyring }) => {
        const facilitator = aStaffMember({ displayName: 'Anna', role: 'facilitator' });
        await repos.staff.put(facilitator);
        await keyring.setPassphrase(facilitator.id, 'facilitator own passphrase');
      },
    });
    await app.user.type(
      await screen.findByLabelText('Passphrase', {}, SLOW),
      'facilitator own passphrase',
    );
    await app.user.click(screen.getByRole('button', { name: 'Unlock' }));
    // Unlocking where a coordinator left off lands on Today, not on a refusal.
    expect(await screen.findByRole('heading', { level: 1, name: 'Today' }, SLOW)).toBeVisible();
    expect(app.router.state.location.pathname).toBe('/');
    expect(screen.queryByText('Only coordinators can open this screen.')).not.toBeInTheDocument();

    // Going there on purpose is refused.
    await app.router.navigate('/reports');
    expect(
      await screen.findByText('Only coordinators can open this screen.', {}, SLOW),
    ).toBeVisible();
    expect(
      screen.queryByRole('heading', { name: 'Organisation overview' }),
    ).not.toBeInTheDocument();
  });

  it('stores an anonymous check-out from the kiosk and shows it in the group report', async () => {
    let meetingId = '';
    let cohortId = '';
    const app = await renderApp({
      setup: 'demo',
      unlocked: true,
      seed: async (services) => {
        const cohort = await demoCohort(services, 'en');
        cohortId = cohort.id;
        const meetings = await services.repos.meetings.listWhere('cohortId', cohort.id);
        meetingId = meetings.items.find((m) => m.number === 2)!.id;
      },
    });
    await app.router.navigate(`/meetings/${meetingId}/feedback`);
    await screen.findByRole('heading', { name: 'How was today?' }, SLOW);
    const safe = screen.getByRole('group', { name: 'Did you feel safe here today?' });
    await app.user.click(within(safe).getByRole('radio', { name: 'Yes' }));
    await app.user.click(screen.getByRole('radio', { name: 'Good' }));
    await app.user.type(screen.getByLabelText(/Anything else/), 'Nice snacks');
    await app.user.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByRole('heading', { name: 'Thank you!' });

    const stored = await app.services.repos.feedback.listWhere('meetingId', meetingId);
    expect(stored.items).toHaveLength(1);
    expect(stored.items[0]).toMatchObject({ kind: 'checkout', safe: 'yes', feeling: 4 });
    expect(JSON.stringify(stored.items[0])).not.toMatch(/participant/i);

    // Leaving the kiosk needs the passphrase.
    await app.user.click(screen.getByRole('button', { name: 'Staff: finish' }));
    await app.user.type(screen.getByLabelText('Passphrase'), 'wrong one');
    await app.user.click(screen.getByRole('button', { name: 'Finish' }));
    expect(await screen.findByText('That passphrase did not match. Try again.')).toBeVisible();
    await app.user.type(screen.getByLabelText('Passphrase'), app.passphrase!);
    await app.user.click(screen.getByRole('button', { name: 'Finish' }));
    // Back to the meeting's close section, where the anonymous safety signal shows.
    await waitFor(
      () => expect(app.router.state.location.pathname).toBe(`/meetings/${meetingId}`),
      SLOW,
    );

    await app.router.navigate(`/reports/cohorts/${cohortId}`);
    const table = await screen.findByRole('table', { name: 'Check-out answers per meeting' }, SLOW);
    expect(within(table).getByRole('row', { name: /Meeting 2/ })).toHaveTextContent('1 / 0 / 0');
    expect(screen.getByText('Nice snacks')).toBeVisible();
  });

  it('a "No" to feeling safe shows the support lines, and staff see a count, never who', async () => {
    let meetingId = '';
    let cohortId = '';
    const app = await renderApp({
      setup: 'demo',
      unlocked: true,
      seed: async (services) => {
        const cohort = await demoCohort(services);
        cohortId = cohort.id;
        const meetings = await services.repos.meetings.listWhere('cohortId', cohort.id);
        meetingId = meetings.items.find((m) => m.number === 2)!.id;
      },
    });
    await app.router.navigate(`/meetings/${meetingId}/feedback`);
    await screen.findByRole('heading', { name: 'How was today?' }, SLOW);
    expect(screen.getByText(/Your name is not saved with your answers/)).toBeVisible();
    expect(screen.queryByText(/nobody will know/i)).not.toBeInTheDocument();

    // First person: felt safe. The support lines are there for everyone.
    const safe = () => screen.getByRole('group', { name: 'Did you feel safe here today?' });
    await app.user.click(within(safe()).getByRole('radio', { name: 'Yes' }));
    await app.user.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByRole('heading', { name: 'Thank you!' });
    const lines = screen.getByRole('region', { name: 'If you want to talk to someone' });
    expect(within(lines).getByRole('link', { name: '116 111' })).toHaveAttribute(
      'href',
      'tel:116111',
    );
    expect(screen.queryByText(/did not feel safe/)).not.toBeInTheDocument();

    // Second person: did not feel safe, and writes a worrying comment.
    await app.user.click(screen.getByRole('button', { name: 'Next person' }));
    await app.user.click(within(safe()).getByRole('radio', { name: 'No' }));
    await app.user.type(screen.getByLabelText(/Anything else/), 'Someone threatened me');
    await app.user.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByRole('heading', { name: 'Thank you!' });
    expect(screen.getByText('Thank you for telling us that you did not feel safe.')).toBeVisible();
    expect(screen.getByText(/call 112/)).toBeVisible();
    expect(
      within(screen.getByRole('region', { name: 'If you want to talk to someone' })).getByRole(
        'link',
        { name: '116 006' },
      ),
    ).toBeVisible();
    // The next person does not see it.
    await app.user.click(screen.getByRole('button', { name: 'Next person' }));
    expect(screen.queryByText(/did not feel safe/)).not.toBeInTheDocument();

    // The facilitator's close screen: a count, no one named.
    await app.user.click(screen.getByRole('button', { name: 'Staff: finish' }));
    await app.user.type(screen.getByLabelText('Passphrase'), app.passphrase!);
    await app.user.click(screen.getByRole('button', { name: 'Finish' }));
    expect(
      await screen.findByText('1 young person did not feel safe today', {}, SLOW),
    ).toBeVisible();

    // The coordinator's group report: the same count, and the comment stands out.
    await app.router.navigate(`/reports/cohorts/${cohortId}`);
    expect(
      await screen.findByText(/Meeting 2 \(.+\): 1 young person did not feel safe\./, {}, SLOW),
    ).toBeVisible();
    expect(screen.getByText('A comment may need attention')).toBeVisible();
    expect(screen.getByText('Someone threatened me').closest('li')).toHaveClass('needs-attention');
  });

  it('opens the check-out kiosk in the group’s working language, and the young person can switch it', async () => {
    let meetingId = '';
    const app = await renderApp({
      setup: 'demo',
      unlocked: true,
      seed: async (services) => {
        const cohort = await demoCohort(services, 'lv');
        meetingId = (await services.repos.meetings.listWhere('cohortId', cohort.id)).items[0]!.id;
      },
    });
    // The app speaks English; the group works in Latvian.
    expect(document.documentElement.lang).toBe('en');
    await app.router.navigate(`/meetings/${meetingId}/feedback`);
    const latvian = await screen.findByRole('heading', { name: lvReports.kiosk.title }, SLOW);
    expect(latvian.closest('[lang]')).toHaveAttribute('lang', 'lv');

    for (const lng of ['ru', 'uk', 'en'] as const) {
      const texts = reportsFiles[`/locales/${lng}/reports.json`]!;
      await app.user.selectOptions(screen.getByRole('combobox'), lng);
      const heading = await screen.findByRole('heading', { name: texts.kiosk.title });
      expect(heading.closest('[lang]')).toHaveAttribute('lang', lng);
      expect(screen.getByRole('group', { name: texts.kiosk.safe })).toBeVisible();
      // The switch names every language in its own script.
      expect(
        within(screen.getByRole('combobox'))
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['Latviešu', 'English', 'Русский', 'Українська']);
    }
    // The app's own language has not changed, and nothing was remembered.
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('aplis.language')).not.toBe('uk');
    expect(enReports.kiosk.title).toBe('How was today?');
  });

  it('blocks the back button in the kiosk until staff enter their passphrase', async () => {
    let meetingId = '';
    const app = await renderApp({
      setup: 'demo',
      unlocked: true,
      seed: async (services) => {
        const cohort = await demoCohort(services, 'en');
        meetingId = (await services.repos.meetings.listWhere('cohortId', cohort.id)).items[0]!.id;
      },
    });
    await app.router.navigate(`/meetings/${meetingId}/feedback`);
    await screen.findByRole('heading', { name: 'How was today?' }, SLOW);
    await app.router.navigate(-1);
    expect(
      await screen.findByRole('heading', { name: 'Finish collecting feedback' }),
    ).toBeVisible();
    expect(app.router.state.location.pathname).toBe(`/meetings/${meetingId}/feedback`);
    await app.user.click(screen.getByRole('button', { name: 'Back to the feedback' }));
    expect(await screen.findByRole('heading', { name: 'How was today?' })).toBeVisible();
  });

  it('saves the child-rights self-assessment sealed and shows it in the report', async () => {
    let cohortId = '';
    const app = await renderApp({
      setup: 'demo',
      unlocked: true,
      seed: async (services) => {
        cohortId = (await demoCohort(services)).id;
      },
    });
    await app.router.navigate(`/reports/cohorts/${cohortId}`);
    await app.user.click(
      await screen.findByRole('button', { name: 'Start the self-assessment' }, SLOW),
    );
    const point = screen.getByRole('group', {
      name: /^9\. Children’s and young people’s participation/,
    });
    await app.user.click(within(point).getByRole('radio', { name: 'Met' }));
    await app.user.type(
      within(point).getByLabelText('Evidence'),
      'Youth advisory group meets monthly',
    );
    await app.user.click(screen.getByRole('button', { name: 'Save the self-assessment' }));
    expect(
      await screen.findByText(/Met: 1 · Partly: 0 · Not yet: 0 · Not rated: 9/, {}, SLOW),
    ).toBeVisible();
    expect(screen.getByText('Youth advisory group meets monthly')).toBeVisible();
    const row = await app.db.crbaAssessments.get(`crba:${cohortId}`);
    expect(new TextDecoder().decode(row!.sealed)).not.toContain('Youth advisory');
  });
  it('takes the end-of-programme form anonymously and summarises it in the report', async () => {
    let meetingId = '';
    let cohortId = '';
    const app = await renderApp({
      setup: 'demo',
      unlocked: true,
      seed: async (services) => {
        const cohort = await demoCohort(services, 'en');
        cohortId = cohort.id;
        meetingId = (await services.repos.meetings.listWhere('cohortId', cohort.id)).items[0]!.id;
      },
    });
    await app.router.navigate(`/meetings/${meetingId}/feedback/final`);
    await screen.findByRole('heading', { name: 'Looking back on the group' }, SLOW);
    await app.user.type(screen.getByLabelText('What helped you most?'), 'Being listened to');
    const recommend = screen.getByRole('group', { name: /tell a friend/ });
    await app.user.click(within(recommend).getByRole('radio', { name: 'Maybe' }));
    await app.user.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByRole('heading', { name: 'Thank you!' });
    // The next young person starts with an empty form.
    await app.user.click(screen.getByRole('button', { name: 'Next person' }));
    expect(await screen.findByLabelText('What helped you most?')).toHaveValue('');

    await app.user.click(screen.getByRole('button', { name: 'Staff: finish' }));
    await app.user.type(screen.getByLabelText('Passphrase'), app.passphrase!);
    await app.user.click(screen.getByRole('button', { name: 'Finish' }));
    // Back to the meeting's close section, where the anonymous safety signal shows.
    await waitFor(
      () => expect(app.router.state.location.pathname).toBe(`/meetings/${meetingId}`),
      SLOW,
    );
    await app.router.navigate(`/reports/cohorts/${cohortId}`);
    expect(
      await screen.findByText('1 answer. Would recommend: yes 0, maybe 1, no 0.', {}, SLOW),
    ).toBeVisible();
    expect(screen.getByText('Being listened to')).toBeVisible();
  });

  it('says next to the evidence when it is too long, and saves nothing', async () => {
    let cohortId = '';
    const app = await renderApp({
      setup: 'demo',
      unlocked: true,
      seed: async (services) => {
        cohortId = (await demoCohort(services)).id;
      },
    });
    await app.router.navigate(`/reports/cohorts/${cohortId}`);
    await app.user.click(
      await screen.findByRole('button', { name: 'Start the self-assessment' }, SLOW),
    );
    const point = screen.getByRole('group', { name: /^7\. A gender-equality perspective/ });
    const evidence = within(point).getByLabelText('Evidence');
    await app.user.click(evidence);
    await app.user.paste('x'.repeat(2001));
    await app.user.click(screen.getByRole('button', { name: 'Save the self-assessment' }));
    expect(within(point).getByRole('alert')).toHaveTextContent(
      'Please keep the evidence under 2000 characters.',
    );
    expect(evidence).toHaveAccessibleDescription(/under 2000 characters/);
    expect(await app.services.repos.crbaAssessments.get(`crba:${cohortId}`)).toBeUndefined();
  });
  it('records the before/after self-esteem answers and shows the paired change and group average', async () => {
    let cohortId = '';
    const app = await renderApp({
      setup: 'demo',
      unlocked: true,
      seed: async (services) => {
        const cohort = await demoCohort(services);
        cohortId = cohort.id;
        // Two people already answered both times: 15 → 30 and 15 → 20.
        const agreeAll = Array<number>(10).fill(1);
        const put = (participantId: string, phase: 'before' | 'after', answers: number[]) =>
          services.repos.measureResponses.put({
            id: `measure:${cohort.id}:${participantId}:${phase}`,
            scale: 'rses',
            cohortId: cohort.id,
            participantId,
            phase,
            answers,
            takenOn: '2026-03-02',
          });
        const [a, b] = cohort.participantIds;
        await put(a!, 'before', agreeAll);
        await put(a!, 'after', [0, 3, 0, 0, 3, 3, 0, 3, 3, 0]);
        await put(b!, 'before', agreeAll);
        await put(b!, 'after', [0, 3, 0, 0, 3, 3, 0, 1, 1, 1]);
      },
    });
    await app.router.navigate(`/reports/cohorts/${cohortId}`);
    const section = await screen.findByRole('region', { name: /Before and after/ }, SLOW);
    expect(
      within(section).getByText(
        /2 people have answered both times. The group average appears from three people/,
      ),
    ).toBeVisible();
    expect(within(section).getAllByText('+15').length).toBe(1);

    // A third person's week 1 answers: all ten are needed.
    await app.user.click(
      within(section).getAllByRole('button', { name: /^Enter week 1 answers for/ })[2]!,
    );
    const first = screen.getByRole('group', {
      name: '1. On the whole, I am satisfied with myself.',
    });
    await app.user.click(within(first).getByRole('radio', { name: 'Agree' }));
    await app.user.click(screen.getByRole('button', { name: 'Save the answers' }));
    expect(
      await screen.findByText(
        'Some statements have no answer yet: all ten are needed for a score.',
      ),
    ).toBeVisible();
    for (let item = 2; item <= 10; item++) {
      const group = screen.getByRole('group', { name: new RegExp(`^${item}\\. `) });
      await app.user.click(within(group).getByRole('radio', { name: 'Agree' }));
    }
    await app.user.click(screen.getByRole('button', { name: 'Save the answers' }));
    await waitFor(() =>
      expect(within(section).getAllByRole('cell', { name: '15' }).length).toBe(3),
    );
  });
});
