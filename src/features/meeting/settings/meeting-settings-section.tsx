import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../../ui/link';
import { ABSENCE_THRESHOLD_RANGE, DEFAULT_ABSENCE_THRESHOLD } from '../../../domain/absence-rules';
import { concernTypes, type ConcernType } from '../../../domain/concern';
import { Notice } from '../../../ui/notice';
import { useIsCoordinator } from '../../../entities/staff/queries';
import { useOrganisation } from '../../../entities/organisation/queries';
import { useSetSharedScreen } from '../api/mutations';
import { useSharedScreen } from '../api/queries';
import { useSaveMeetingSettingsMutation } from '../api/settings';

/** Settings for meeting mode: shared screen (this device), and for coordinators the follow-up rules and concern checklists. */
export function MeetingSettingsSection() {
  const { t } = useTranslation('meeting');
  const isCoordinator = useIsCoordinator();
  const stored = useSharedScreen();
  const setShared = useSetSharedScreen();
  // Held here too: the query cache tells React only after a tick, and a
  // controlled checkbox would flick back in between.
  const [chosen, setChosen] = useState<boolean | null>(null);
  const sharedScreen = chosen ?? stored;
  return (
    <section className="panel" aria-labelledby="settings-meeting">
      <h2 id="settings-meeting">{t('settings.title')}</h2>
      <label className="check-row">
        <input
          type="checkbox"
          checked={sharedScreen}
          onChange={(e) => {
            setChosen(e.target.checked);
            setShared.set(e.target.checked);
          }}
        />
        {t('settings.sharedScreen')}
      </label>
      <p className="field-hint">{t('settings.sharedScreenHint')}</p>
      {isCoordinator ? (
        <>
          <p>
            <Link className="btn" to="/follow-ups">
              {t('followUps.open')}
            </Link>
          </p>
          <CoordinatorMeetingSettings />
        </>
      ) : null}
    </section>
  );
}

function CoordinatorMeetingSettings() {
  const { t } = useTranslation('meeting');
  const organisation = useOrganisation();
  if (!organisation.data) return null;
  return (
    <ChecklistForm
      key={organisation.data.createdAt}
      threshold={organisation.data.absenceThreshold ?? DEFAULT_ABSENCE_THRESHOLD}
      own={organisation.data.concernChecklists ?? {}}
      defaults={Object.fromEntries(concernTypes.map((c) => [c, t(`concern.checklist.${c}`)]))}
    />
  );
}

function ChecklistForm({
  threshold,
  own,
  defaults,
}: {
  threshold: number;
  own: Record<string, string>;
  defaults: Record<string, string>;
}) {
  const { t } = useTranslation('meeting');
  const id = useId();
  const save = useSaveMeetingSettingsMutation();
  const [value, setValue] = useState(threshold);
  const [texts, setTexts] = useState<Record<ConcernType, string>>(
    () =>
      Object.fromEntries(
        concernTypes.map((c) => [c, own[c]?.trim() ? own[c] : defaults[c]]),
      ) as Record<ConcernType, string>,
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    // A text left as the shipped default is stored empty, so it follows the language.
    const checklists = Object.fromEntries(
      concernTypes.map((c) => [c, texts[c].trim() === defaults[c]?.trim() ? '' : texts[c]]),
    );
    save.mutate({ absenceThreshold: value, concernChecklists: checklists });
  }

  const choices = [];
  for (let n = ABSENCE_THRESHOLD_RANGE.min; n <= ABSENCE_THRESHOLD_RANGE.max; n++) choices.push(n);
  return (
    <form onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-threshold`}>{t('settings.threshold')}</label>
        <div className="field-hint">{t('settings.thresholdHint')}</div>
        <select
          id={`${id}-threshold`}
          value={value}
          onChange={(e) => setValue(Number(e.target.value))}
        >
          {choices.map((n) => (
            <option key={n} value={n}>
              {t('settings.thresholdChoice', { count: n })}
            </option>
          ))}
        </select>
      </div>
      <h3>{t('settings.checklists')}</h3>
      <p className="field-hint">{t('settings.checklistsHint')}</p>
      {concernTypes.map((c) => (
        <div className="field" key={c}>
          <label htmlFor={`${id}-${c}`}>{t(`concern.types.${c}`)}</label>
          <textarea
            id={`${id}-${c}`}
            rows={4}
            maxLength={4_000}
            value={texts[c]}
            onChange={(e) => setTexts((all) => ({ ...all, [c]: e.target.value }))}
          />
        </div>
      ))}
      {save.isError ? <Notice tone="error" live title={t('common:errors.saveFailed')} /> : null}
      {save.isSuccess ? <Notice tone="success" live title={t('settings.saved')} /> : null}
      <button type="submit" className="btn btn-primary" disabled={save.isPending}>
        {t('settings.save')}
      </button>
    </form>
  );
}
