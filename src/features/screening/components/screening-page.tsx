import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { uiLanguages } from '../../../i18n/languages';
import { Link, useNavigate, useParams } from 'react-router';
import { NotFound } from '../../../ui/not-found';
import { RequireRole } from '../../../session/require-role';
import { describeStorageError } from '../../../ui/storage-errors';
import { todayInRiga } from '../../../domain/calendar-date';
import { currentAge } from '../../../domain/referral';
import {
  askedQuestions,
  compositionPreferences,
  conversationWith,
  emptyNeeds,
  emptyPathway,
  isOverride,
  needAreas,
  needsNextStep,
  needsSameDayResponse,
  outcomes,
  proposeScreening,
  screeningDraftSchema,
  validateScreening,
  type Outcome,
  type ScreeningDraft,
  type ScreeningField,
} from '../../../domain/screening';
import {
  answerValues,
  riskOf,
  signalOf,
  type ScreeningTemplateContent,
} from '../../../domain/screening-template';
import { useOrganisation } from '../../../entities/organisation/queries';
import { useStaffList } from '../../../entities/staff/queries';
import { SameDayPathway } from './same-day-pathway';
import { Field, TextAreaField } from '../../../ui/field';
import { Notice } from '../../../ui/notice';
import { Loading, Page } from '../../../ui/page';
import { useCompleteScreeningMutation, useSaveScreeningDraftMutation } from '../api/mutations';
import { useJourney, useScreeningDraft, useScreeningTemplate } from '../api/queries';
import { RadioGroup } from '../../../ui/radio-group';
import { SelectField } from '../../../ui/select-field';
import './screening.css';

export function ScreeningPage() {
  const { t } = useTranslation('screening');
  return (
    <RequireRole allowed="coordinator" title={t('screening.title')}>
      <ScreeningLoader />
    </RequireRole>
  );
}

function emptyDraft(language: string): ScreeningDraft {
  return {
    answers: {},
    conversations: [
      { with: 'social-worker', date: todayInRiga(), who: '', summary: '' },
      { with: 'young-person', date: todayInRiga(), who: '', summary: '' },
    ],
    outcome: '',
    rationale: '',
    overrideReason: '',
    nextStepOwnerId: '',
    nextStepBy: '',
    rescreenOn: '',
    needs: emptyNeeds(),
    groupFit: { language, composition: 'any', accessNeeds: '', times: '' },
  };
}

function ScreeningLoader() {
  const { participantId = '' } = useParams();
  const { t, i18n } = useTranslation('screening');
  const journey = useJourney(participantId);
  const template = useScreeningTemplate(i18n.resolvedLanguage ?? 'lv');
  const draft = useScreeningDraft(participantId);
  if (journey.isPending || template.isPending || draft.isPending) return <Loading />;
  if (journey.isError) throw journey.error;
  if (template.isError) throw template.error;
  if (!journey.data) return <NotFound />;
  // A draft older than the latest completed screening is stale (e.g. a save that
  // landed just after completing): start afresh rather than restore it.
  const latestAt = journey.data.screenings[0]?.createdAt ?? '';
  const fresh = draft.data && draft.data.savedAt > latestAt ? draft.data.value : undefined;
  const saved = screeningDraftSchema.safeParse(fresh);
  const initial = saved.success
    ? saved.data
    : emptyDraft(journey.data.participant.languages[0] ?? 'lv');
  const participant = journey.data.participant;
  const age =
    currentAge(journey.data.referral, todayInRiga()) ??
    (participant.birthYear ? Number(todayInRiga().slice(0, 4)) - participant.birthYear : undefined);
  return (
    <Page
      title={t('screening.title')}
      actions={
        <Link className="btn" to={`/participants/${participantId}`}>
          {t('screening.back')}
        </Link>
      }
    >
      <p className="lede">
        {t('screening.intro', {
          code: journey.data.participant.code,
          name: journey.data.participant.chosenName,
        })}
      </p>
      {saved.success ? <Notice tone="info" title={t('screening.draftRestored')} /> : null}
      <ScreeningForm
        participantId={participantId}
        template={template.data}
        initial={initial}
        age={age}
      />
    </Page>
  );
}

function ScreeningForm({
  participantId,
  template,
  initial,
  age,
}: {
  participantId: string;
  template: ScreeningTemplateContent;
  initial: ScreeningDraft;
  age: number | undefined;
}) {
  const { t } = useTranslation('screening');
  const staff = useStaffList();
  const organisation = useOrganisation();
  const staffOptions = [
    { value: '', label: t('screening.chooseStaff') },
    ...(staff.data?.items ?? [])
      .filter((m) => m.active)
      .map((m) => ({ value: m.id, label: m.displayName })),
  ];
  const navigate = useNavigate();
  const [draft, setDraft] = useState<ScreeningDraft>(initial);
  const [submitted, setSubmitted] = useState(false);
  const saveDraft = useSaveScreeningDraftMutation(participantId);
  // The draft as last written: "saved" is shown only when it is what is on screen.
  const [savedDraft, setSavedDraft] = useState<ScreeningDraft | null>(null);
  const complete = useCompleteScreeningMutation();
  const dirty = useRef(false);
  const done = useRef(false);

  // Keep the draft as it is typed (sealed, in `drafts`), so a lock or reload loses nothing.
  const { mutate: persist } = saveDraft;
  useEffect(() => {
    if (!dirty.current || done.current) return;
    const timer = setTimeout(() => {
      if (!done.current) persist(draft, { onSuccess: () => setSavedDraft(draft) });
    }, 400);
    return () => clearTimeout(timer);
  }, [draft, persist]);

  const update = (change: (d: ScreeningDraft) => ScreeningDraft) => {
    dirty.current = true;
    setDraft(change);
  };
  const set = <K extends keyof ScreeningDraft>(key: K, value: ScreeningDraft[K]) =>
    update((d) => ({ ...d, [key]: value }));

  const today = todayInRiga();
  const questions = askedQuestions(template.questions, age);
  const proposal = proposeScreening(template.questions, draft.answers, age);
  const proposed = proposal?.outcome;
  const outcome: Outcome | '' = draft.outcome || proposed || '';
  const pathway = draft.pathway ?? emptyPathway();
  const form = {
    ...draft,
    outcome,
    age,
    nextStepOwnerId: draft.nextStepOwnerId ?? '',
    pathway,
  };
  const problems = validateScreening(template.questions, form, today);
  const sameDay = needsSameDayResponse(questions, draft.answers);
  const withNextStep = needsNextStep(outcome, questions, draft.answers);
  const questionNumber = (id: string) => questions.findIndex((q) => q.id === id) + 1;
  const overriding = isOverride(proposed, outcome || undefined);
  const problem = (field: ScreeningField) => {
    const code = problems[field];
    return submitted && code ? t(`screening.problems.${code}`) : undefined;
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(problems).length > 0) return;
    done.current = true;
    try {
      await complete.mutateAsync({
        participantId,
        template,
        form,
        needs: draft.needs,
        groupFit: draft.groupFit,
      });
    } catch (error) {
      done.current = false;
      throw error;
    }
    await navigate(`/participants/${participantId}`);
  }

  return (
    <form onSubmit={(e) => void submit(e).catch(() => undefined)} noValidate>
      <section className="panel" aria-labelledby="sc-conversations">
        <h2 id="sc-conversations">{t('screening.conversations')}</h2>
        <p className="muted">{t('screening.conversationsHint')}</p>
        {draft.conversations.map((c, i) => (
          <div className="conversation" key={i}>
            <div className="form-grid">
              <SelectField
                label={t('screening.conversationWith', { n: i + 1 })}
                value={c.with}
                options={conversationWith.map((w) => ({ value: w, label: t(`with.${w}`) }))}
                onChange={(v) =>
                  set(
                    'conversations',
                    draft.conversations.map((x, j) => (j === i ? { ...x, with: v } : x)),
                  )
                }
              />
              <Field
                label={t('screening.conversationDate', { n: i + 1 })}
                type="date"
                max={today}
                value={c.date}
                onChange={(e) =>
                  set(
                    'conversations',
                    draft.conversations.map((x, j) =>
                      j === i ? { ...x, date: e.target.value } : x,
                    ),
                  )
                }
              />
              <Field
                label={t('screening.conversationWho', { n: i + 1 })}
                value={c.who}
                autoComplete="off"
                onChange={(e) =>
                  set(
                    'conversations',
                    draft.conversations.map((x, j) =>
                      j === i ? { ...x, who: e.target.value } : x,
                    ),
                  )
                }
              />
            </div>
            <TextAreaField
              label={t('screening.conversationSummary', { n: i + 1 })}
              value={c.summary}
              onChange={(v) =>
                set(
                  'conversations',
                  draft.conversations.map((x, j) => (j === i ? { ...x, summary: v } : x)),
                )
              }
            />
            <button
              type="button"
              className="btn btn-quiet btn-small"
              onClick={() =>
                set(
                  'conversations',
                  draft.conversations.filter((_, j) => j !== i),
                )
              }
            >
              {t('screening.removeConversation', { n: i + 1 })}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="btn"
          onClick={() =>
            set('conversations', [
              ...draft.conversations,
              { with: 'professional', date: today, who: '', summary: '' },
            ])
          }
        >
          {t('screening.addConversation')}
        </button>
        {problem('conversations') ? (
          <p className="field-error" role="alert">
            {problem('conversations')}
          </p>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="sc-safety">
        <h2 id="sc-safety">{t('screening.safety')}</h2>
        <p className="muted">{t('screening.safetyHint', { version: template.version })}</p>
        {questions.map((q, i) => {
          const answer = draft.answers[q.id];
          const risk = answer ? riskOf(q, answer.answer) : undefined;
          const signal = answer ? signalOf(q, answer.answer) : undefined;
          return (
            <div className="question" key={q.id}>
              <RadioGroup
                legend={
                  <>
                    {i + 1}. {q.text}
                  </>
                }
                hint={q.help}
                name={`q-${q.id}`}
                value={answer?.answer ?? ''}
                options={answerValues.map((a) => ({ value: a, label: t(`answer.${a}`) }))}
                onChange={(a) =>
                  set('answers', {
                    ...draft.answers,
                    [q.id]: { answer: a, note: answer?.note ?? '' },
                  })
                }
                error={submitted && !answer ? t('screening.problems.unanswered') : undefined}
              />
              {risk ? (
                <p>
                  <span className={`risk risk-${risk}`}>{t(`risk.${risk}`)}</span>
                </p>
              ) : null}
              {signal === 'same-day' ? (
                <SameDayPathway contacts={organisation.data?.supportContacts ?? []} />
              ) : null}
              {signal === 'need' ? (
                <Notice tone="info" live title={t('screening.needSignal.title')}>
                  <p>
                    {t('screening.needSignal.text', {
                      area: t(`needArea.${q.needArea ?? 'welfare'}`),
                    })}
                  </p>
                </Notice>
              ) : null}
              {signal === 'not-now' ? <p className="muted">{t('screening.notNowSignal')}</p> : null}
              <TextAreaField
                label={t('screening.note', { n: i + 1 })}
                rows={2}
                value={answer?.note ?? ''}
                onChange={(v) =>
                  answer && set('answers', { ...draft.answers, [q.id]: { ...answer, note: v } })
                }
              />
            </div>
          );
        })}
      </section>

      <section className="panel" aria-labelledby="sc-needs">
        <h2 id="sc-needs">{t('screening.needs')}</h2>
        <p className="muted">{t('screening.needsHint')}</p>
        {problem('needs') ? (
          <p className="field-error" role="alert">
            {problem('needs')}
          </p>
        ) : null}
        {needAreas.map((area) => (
          <div className="form-grid" key={area}>
            <TextAreaField
              label={t(`needArea.${area}`)}
              rows={2}
              value={draft.needs[area].need}
              onChange={(v) =>
                set('needs', { ...draft.needs, [area]: { ...draft.needs[area], need: v } })
              }
            />
            <Field
              label={t('screening.helpedBy', { area: t(`needArea.${area}`) })}
              value={draft.needs[area].helpedBy}
              autoComplete="off"
              onChange={(e) =>
                set('needs', {
                  ...draft.needs,
                  [area]: { ...draft.needs[area], helpedBy: e.target.value },
                })
              }
            />
          </div>
        ))}
      </section>

      <section className="panel" aria-labelledby="sc-fit">
        <h2 id="sc-fit">{t('screening.groupFit')}</h2>
        <SelectField
          label={t('screening.fitLanguage')}
          value={draft.groupFit.language}
          options={uiLanguages.map((l) => ({ value: l, label: t(`language.${l}`) }))}
          onChange={(v) => set('groupFit', { ...draft.groupFit, language: v })}
        />
        <RadioGroup
          legend={t('screening.fitComposition')}
          name="composition"
          value={draft.groupFit.composition}
          options={compositionPreferences.map((c) => ({ value: c, label: t(`composition.${c}`) }))}
          onChange={(v) => set('groupFit', { ...draft.groupFit, composition: v })}
        />
        <TextAreaField
          label={t('screening.fitAccess')}
          rows={2}
          value={draft.groupFit.accessNeeds}
          onChange={(v) => set('groupFit', { ...draft.groupFit, accessNeeds: v })}
        />
        <TextAreaField
          label={t('screening.fitTimes')}
          rows={2}
          value={draft.groupFit.times}
          onChange={(v) => set('groupFit', { ...draft.groupFit, times: v })}
        />
      </section>

      <section className="panel" aria-labelledby="sc-outcome">
        <h2 id="sc-outcome">{t('screening.outcome')}</h2>
        {sameDay ? <Notice tone="error" title={t('screening.sameDayReminder')} /> : null}
        {proposal ? (
          <Notice
            tone={proposal.outcome === 'group' ? 'success' : 'warning'}
            live
            title={t('screening.proposed', { outcome: t(`outcome.${proposal.outcome}`) })}
          >
            <p>{t(`screening.rule.${proposal.rule}`)}</p>
            {proposal.because.length > 0 ? (
              <ul className="because">
                {proposal.because.map((id) => {
                  const q = questions.find((x) => x.id === id)!;
                  const a = draft.answers[id]!.answer;
                  return (
                    <li key={id}>
                      {t('screening.because', {
                        n: questionNumber(id),
                        text: q.text,
                        answer: t(`answer.${a}`),
                      })}
                    </li>
                  );
                })}
              </ul>
            ) : null}
          </Notice>
        ) : (
          <p className="muted">{t('screening.proposeWhenAnswered')}</p>
        )}
        <RadioGroup
          legend={t('screening.decision')}
          name="outcome"
          value={outcome}
          options={outcomes.map((o) => ({ value: o, label: t(`outcome.${o}`) }))}
          onChange={(v) => set('outcome', v)}
          error={problem('outcome')}
        />
        {overriding ? (
          <>
            <Notice tone="warning" title={t('screening.overrideTitle')}>
              <p>{t('screening.overrideText')}</p>
            </Notice>
            <TextAreaField
              label={t('screening.overrideReason')}
              value={draft.overrideReason}
              onChange={(v) => set('overrideReason', v)}
              error={problem('overrideReason')}
            />
          </>
        ) : null}
        <TextAreaField
          label={t('screening.rationale')}
          hint={t('screening.rationaleHint')}
          value={draft.rationale}
          onChange={(v) => set('rationale', v)}
          error={problem('rationale')}
        />
        {withNextStep ? (
          <div className="form-grid">
            <SelectField
              label={t('screening.nextStepOwner')}
              value={draft.nextStepOwnerId ?? ''}
              options={staffOptions}
              onChange={(v) => set('nextStepOwnerId', v)}
              error={problem('nextStepOwner')}
            />
            <Field
              label={t('screening.nextStepBy')}
              hint={t('screening.nextStepHint')}
              type="date"
              min={today}
              value={draft.nextStepBy}
              onChange={(e) => set('nextStepBy', e.target.value)}
              error={problem('nextStepBy')}
            />
          </div>
        ) : null}
        {outcome === 'individual-support' ? (
          <fieldset className="pathway">
            <legend>{t('screening.pathway.title')}</legend>
            <p className="muted">{t('screening.pathway.hint')}</p>
            <SelectField
              label={t('screening.pathway.keyWorker')}
              value={pathway.keyWorkerId}
              options={staffOptions}
              onChange={(v) => set('pathway', { ...pathway, keyWorkerId: v })}
              error={problem('keyWorker')}
            />
            <TextAreaField
              label={t('screening.pathway.agreedSupport')}
              rows={3}
              value={pathway.agreedSupport}
              onChange={(v) => set('pathway', { ...pathway, agreedSupport: v })}
              error={problem('agreedSupport')}
            />
            <div className="form-grid">
              <Field
                label={t('screening.pathway.reviewOn')}
                type="date"
                min={today}
                value={pathway.reviewOn}
                onChange={(e) => set('pathway', { ...pathway, reviewOn: e.target.value })}
                error={problem('reviewOn')}
              />
              <Field
                label={t('screening.pathway.groupScreeningFrom')}
                hint={t('screening.pathway.groupScreeningHint')}
                type="date"
                min={today}
                value={pathway.groupScreeningFrom}
                onChange={(e) => set('pathway', { ...pathway, groupScreeningFrom: e.target.value })}
                error={problem('groupScreeningFrom')}
              />
            </div>
          </fieldset>
        ) : null}
        {outcome === 'not-now' ? (
          <Field
            label={t('screening.rescreenOn')}
            type="date"
            value={draft.rescreenOn}
            onChange={(e) => set('rescreenOn', e.target.value)}
            error={problem('rescreenOn')}
          />
        ) : null}
      </section>

      {submitted && Object.keys(problems).length > 0 ? (
        <Notice tone="error" live title={t('screening.fix')} />
      ) : null}
      {complete.isError ? (
        <Notice tone="error" live title={describeStorageError(complete.error, t)} />
      ) : null}
      <p className="muted" role="status">
        {saveDraft.isError
          ? t('screening.draftFailed')
          : savedDraft === draft
            ? t('screening.draftSaved')
            : draft !== initial
              ? t('screening.draftSaving')
              : ''}
      </p>
      <div className="button-row">
        <button type="submit" className="btn btn-primary" disabled={complete.isPending}>
          {complete.isPending ? t('actions.saving') : t('screening.complete')}
        </button>
      </div>
    </form>
  );
}
