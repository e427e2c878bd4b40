import { useCallback, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { todayInRiga } from '../../../../domain/calendar-date';
import { completeScreening } from '../../../../domain/screening-complete';
import type { ScreeningDraft, ScreeningField } from '../../../../domain/screening-form';
import type { ScreeningTemplateContent } from '../../../../domain/screening-template';
import { useServices } from '../../../../services/services';
import { Notice } from '../../../../ui/notice';
import { describeStorageError } from '../../../../ui/storage-errors';
import { useAutosave } from '../../../../ui/use-autosave';
import { useStaffList } from '../../../../entities/staff/queries';
import {
  useCompleteScreeningMutation,
  useSaveScreeningDraftMutation,
} from '../../api/screening-mutations';
import { ConversationsSection } from './conversations-section';
import { GroupFitSection } from './group-fit-section';
import { NeedsSection } from './needs-section';
import { OutcomeSection } from './outcome-section';
import { SafetySection } from './safety-section';

/**
 * The screening form. Every change is kept as a sealed draft (so a lock or
 * reload loses nothing), and `completeScreening` — the same rule the save
 * runs — gives the proposal and the problems shown.
 */
export function ScreeningForm({
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
  const navigate = useNavigate();
  const { vault } = useServices();
  const staff = useStaffList();
  const active = staff.data?.items.filter((m) => m.active);
  const staffOptions = [
    { value: '', label: t('screening.chooseStaff') },
    ...(active ?? []).map((m) => ({ value: m.id, label: m.displayName })),
  ];
  const [draft, setDraft] = useState<ScreeningDraft>(initial);
  const [submitted, setSubmitted] = useState(false);
  const complete = useCompleteScreeningMutation();
  // Once completing has begun, no draft is written again.
  const done = useRef(false);
  const { mutateAsync: saveDraft } = useSaveScreeningDraftMutation(participantId);
  const autosave = useAutosave<ScreeningDraft>(
    useCallback((d) => (done.current ? Promise.resolve() : saveDraft(d)), [saveDraft]),
  );

  const set = <K extends keyof ScreeningDraft>(key: K, value: ScreeningDraft[K]) => {
    if (done.current) return;
    const next = { ...draft, [key]: value };
    setDraft(next);
    autosave.schedule(next);
  };

  const today = todayInRiga();
  const input = { ...draft, participantId, age };
  const actor = {
    staffId: vault.session?.staffId ?? '',
    activeStaffIds: active?.map((m) => m.id),
  };
  const review = completeScreening(template, input, actor, today);
  const { problems } = review;
  const problem = (field: ScreeningField) => {
    const code = problems[field];
    return submitted && code ? t(`screening.problems.${code}`) : undefined;
  };
  const sectionProps = { draft, set, problem };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (!review.completed) return;
    done.current = true;
    try {
      await complete.mutateAsync({ template, input });
    } catch (error) {
      done.current = false;
      throw error;
    }
    await navigate(`/participants/${participantId}`);
  }

  return (
    <form onSubmit={(e) => void submit(e).catch(() => undefined)} noValidate>
      <ConversationsSection {...sectionProps} today={today} />
      <SafetySection
        draft={draft}
        set={set}
        questions={review.questions}
        version={template.version}
        submitted={submitted}
      />
      <NeedsSection {...sectionProps} />
      <GroupFitSection draft={draft} set={set} />
      <OutcomeSection {...sectionProps} review={review} staffOptions={staffOptions} today={today} />

      {submitted && Object.keys(problems).length > 0 ? (
        <Notice tone="error" live title={t('screening.fix')} />
      ) : null}
      {complete.isError ? (
        <Notice tone="error" live title={describeStorageError(complete.error, t)} />
      ) : null}
      <p className="muted" role="status">
        {autosave.status === 'error'
          ? t('screening.draftFailed')
          : autosave.status === 'saved'
            ? t('screening.draftSaved')
            : autosave.status === 'saving'
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
