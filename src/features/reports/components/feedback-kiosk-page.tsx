/**
 * The anonymous youth feedback kiosk. A facilitator opens it after a meeting
 * and hands the device over; young people answer one after another. Nothing
 * asks who they are and nothing stored names them: each form is saved with
 * the meeting only (domain/reports/feedback.ts).
 *
 * It opens in the group's working language; whoever holds the device can
 * switch it (the app's own language stays as it was).
 *
 * While it is open, in-app navigation (back button, links) is blocked;
 * leaving needs a staff passphrase. Quick exit (button or Shift × 3) works
 * throughout, and the usual auto-lock applies.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker, useNavigate, useParams } from 'react-router';
import { useDeviceSettings } from '../../../session/device-settings';
import { useAutoLock, useLock, useLockFromOtherTabs } from '../../../session/lock';
import { QuickExitButton } from '../../../session/quick-exit';
import { useServices, useVaultSession } from '../../../services/services';
import type { Meeting } from '../../../domain/meeting';
import {
  FEEDBACK_COMMENT_MAX,
  FEEDBACK_TEXT_MAX,
  recommendAnswers,
  threeWay,
  type Feedback,
} from '../../../domain/reports/feedback';
import { planSupportContacts } from '../../../domain/plan';
import { LanguageScope } from '../../../i18n/language-scope';
import { isUiLanguage, type UiLanguage } from '../../../i18n/languages';
import { useLanguage } from '../../../i18n/use-language';
import { PassphraseField } from '../../../ui/field';
import { LanguageSelect } from '../../../ui/language-select';
import { SupportLines } from '../../../ui/support-lines';
import { useOrganisation } from '../../settings/api/queries';
import { Notice } from '../../../ui/notice';
import { Loading } from '../../../ui/page';
import { useSaveFeedbackMutation } from '../api/mutations';
import { useFeedbackMeeting, useGroupLanguage } from '../api/queries';
import '../reports.css';

type Form = 'checkout' | 'final';
const FACES = ['😢', '🙁', '😐', '🙂', '😄'] as const;

export function FeedbackKioskPage() {
  return <FeedbackKiosk form="checkout" />;
}

export function FinalFeedbackKioskPage() {
  return <FeedbackKiosk form="final" />;
}

function FeedbackKiosk({ form }: { form: Form }) {
  const { meetingId = '' } = useParams();
  const { t } = useTranslation('reports');
  const meeting = useFeedbackMeeting(meetingId);
  const groupLanguage = useGroupLanguage(meeting.data?.cohortId);
  // The young person's choice; until they make one, the group's working language.
  const [chosen, setChosen] = useState<UiLanguage>();
  const appLanguage = useLanguage();
  const language =
    chosen ?? (isUiLanguage(groupLanguage.data) ? groupLanguage.data : undefined) ?? appLanguage;
  const [released, setReleased] = useState(false);
  // Every in-app navigation waits for a staff passphrase.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      !released && currentLocation.pathname !== nextLocation.pathname,
  );
  const [mode, setMode] = useState<'form' | 'thanks' | 'exit'>('form');
  const device = useDeviceSettings();
  const lock = useLock();
  useLockFromOtherTabs();
  useAutoLock(device.data?.autoLockMinutes ?? 10, lock);

  const navigate = useNavigate();
  const [feltUnsafe, setFeltUnsafe] = useState(false);
  // After the blocker has seen `released` (this effect runs after useBlocker's own).
  // Back to the meeting's close section: it shows the anonymous safety signal.
  useEffect(() => {
    if (released && meetingId) void navigate(`/meetings/${meetingId}#close`);
  }, [released, meetingId, navigate]);
  useEffect(() => {
    document.title = `${t(form === 'final' ? 'kiosk.finalTitle' : 'kiosk.title')} · Aplis`;
  }, [t, form]);

  if (meeting.isError) throw meeting.error;
  if (meeting.isPending || (meeting.data && groupLanguage.isPending)) return <Loading />;
  if (!meeting.data) {
    return (
      <main id="main" className="feedback-kiosk">
        <h1>{t('kiosk.notFound')}</h1>
      </main>
    );
  }

  const staffExit = mode === 'exit' || blocker.state === 'blocked';
  return (
    <LanguageScope lng={staffExit ? appLanguage : language}>
      <div className="kiosk" lang={staffExit ? appLanguage : language}>
        <KioskBar language={language} onLanguage={setChosen} onStaffExit={() => setMode('exit')} />
        {staffExit ? (
          <StaffExit
            onCancel={() => {
              if (blocker.state === 'blocked') blocker.reset();
              setMode('form');
            }}
            onReleased={() => {
              // A blocked back/link goes where it was going; the finish button to the group.
              if (blocker.state === 'blocked') blocker.proceed();
              else setReleased(true);
            }}
          />
        ) : mode === 'thanks' ? (
          <Thanks feltUnsafe={feltUnsafe} onNext={() => setMode('form')} />
        ) : form === 'checkout' ? (
          <CheckoutForm
            meeting={meeting.data}
            onSent={(unsafe) => {
              setFeltUnsafe(unsafe);
              setMode('thanks');
            }}
          />
        ) : (
          <FinalForm
            meeting={meeting.data}
            onSent={() => {
              setFeltUnsafe(false);
              setMode('thanks');
            }}
          />
        )}
      </div>
    </LanguageScope>
  );
}

/** Quick exit, the young person's language, and the staff's way out. */
function KioskBar({
  language,
  onLanguage,
  onStaffExit,
}: {
  language: UiLanguage;
  onLanguage: (lng: UiLanguage) => void;
  onStaffExit: () => void;
}) {
  const { t } = useTranslation('reports');
  return (
    <header className="kiosk-bar feedback-kiosk-bar">
      <QuickExitButton />
      <LanguageSelect label={t('common:language.label')} value={language} onChange={onLanguage} />
      <button type="button" className="btn" onClick={onStaffExit}>
        {t('kiosk.staffExit')}
      </button>
    </header>
  );
}

function useFocusOnMount() {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}

function ThreeWayQuestion({
  name,
  legend,
  value,
  onChange,
}: {
  name: string;
  legend: string;
  value: string | undefined;
  onChange: (v: (typeof threeWay)[number]) => void;
}) {
  const { t } = useTranslation('reports');
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div className="answer-row">
        {threeWay.map((v) => (
          <label key={v} className="answer-option">
            <input type="radio" name={name} checked={value === v} onChange={() => onChange(v)} />
            {t(`kiosk.answers.${v}`)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function CheckoutForm({
  meeting,
  onSent,
}: {
  meeting: Meeting;
  /** `true` when the young person answered "No" to feeling safe. */
  onSent: (feltUnsafe: boolean) => void;
}) {
  const { t } = useTranslation('reports');
  const save = useSaveFeedbackMutation();
  const heading = useFocusOnMount();
  const [safe, setSafe] = useState<(typeof threeWay)[number]>();
  const [useful, setUseful] = useState<(typeof threeWay)[number]>();
  const [feeling, setFeeling] = useState<number>();
  const [comment, setComment] = useState('');
  const tooLong = comment.length > FEEDBACK_COMMENT_MAX;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (tooLong) return;
    const feedback: Feedback = {
      id: crypto.randomUUID(),
      kind: 'checkout',
      meetingId: meeting.id,
      cohortId: meeting.cohortId,
      date: meeting.date,
      ...(safe ? { safe } : {}),
      ...(useful ? { useful } : {}),
      ...(feeling !== undefined ? { feeling } : {}),
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    };
    await save.mutateAsync(feedback);
    onSent(safe === 'no');
  }

  return (
    <main id="main" className="feedback-kiosk">
      <h1 ref={heading} tabIndex={-1}>
        {t('kiosk.title')}
      </h1>
      <p>{t('kiosk.intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ThreeWayQuestion name="safe" legend={t('kiosk.safe')} value={safe} onChange={setSafe} />
        <ThreeWayQuestion
          name="useful"
          legend={t('kiosk.useful')}
          value={useful}
          onChange={setUseful}
        />
        <fieldset>
          <legend>{t('kiosk.feeling')}</legend>
          <div className="face-scale">
            {FACES.map((face, i) => (
              <label key={face} className="face-option">
                <input
                  type="radio"
                  name="feeling"
                  checked={feeling === i + 1}
                  onChange={() => setFeeling(i + 1)}
                />
                <span className="face" aria-hidden="true">
                  {face}
                </span>
                <span className="face-label">{t(`kiosk.faces.${i + 1}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor="feedback-comment">{t('kiosk.comment')}</label>
          <div id="feedback-comment-hint" className="field-hint">
            {t('kiosk.commentHint')}
          </div>
          <textarea
            id="feedback-comment"
            rows={3}
            value={comment}
            aria-invalid={tooLong ? true : undefined}
            aria-describedby={
              tooLong ? 'feedback-comment-hint feedback-comment-error' : 'feedback-comment-hint'
            }
            onChange={(e) => setComment(e.target.value)}
          />
          {tooLong ? (
            <div id="feedback-comment-error" className="field-error" role="alert">
              {t('kiosk.tooLong', { max: FEEDBACK_COMMENT_MAX })}
            </div>
          ) : null}
        </div>
        {save.isError ? (
          <Notice tone="error" live>
            {t('kiosk.saveFailed')}
          </Notice>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            {t('kiosk.send')}
          </button>
        </div>
      </form>
    </main>
  );
}

function FinalForm({ meeting, onSent }: { meeting: Meeting; onSent: () => void }) {
  const { t } = useTranslation('reports');
  const save = useSaveFeedbackMutation();
  const heading = useFocusOnMount();
  const [helped, setHelped] = useState('');
  const [change, setChange] = useState('');
  const [recommend, setRecommend] = useState<(typeof recommendAnswers)[number]>();
  const tooLong = (s: string) => s.length > FEEDBACK_TEXT_MAX;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (tooLong(helped) || tooLong(change)) return;
    await save.mutateAsync({
      id: crypto.randomUUID(),
      kind: 'final',
      meetingId: meeting.id,
      cohortId: meeting.cohortId,
      date: meeting.date,
      ...(helped.trim() ? { helped: helped.trim() } : {}),
      ...(change.trim() ? { change: change.trim() } : {}),
      ...(recommend ? { recommend } : {}),
    });
    onSent();
  }

  const textArea = (id: string, label: string, value: string, set: (v: string) => void) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={4}
        value={value}
        aria-invalid={tooLong(value) ? true : undefined}
        aria-describedby={tooLong(value) ? `${id}-error` : undefined}
        onChange={(e) => set(e.target.value)}
      />
      {tooLong(value) ? (
        <div id={`${id}-error`} className="field-error" role="alert">
          {t('kiosk.tooLong', { max: FEEDBACK_TEXT_MAX })}
        </div>
      ) : null}
    </div>
  );

  return (
    <main id="main" className="feedback-kiosk">
      <h1 ref={heading} tabIndex={-1}>
        {t('kiosk.finalTitle')}
      </h1>
      <p>{t('kiosk.finalIntro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {textArea('feedback-helped', t('kiosk.helped'), helped, setHelped)}
        {textArea('feedback-change', t('kiosk.change'), change, setChange)}
        <fieldset>
          <legend>{t('kiosk.recommend')}</legend>
          <div className="answer-row">
            {recommendAnswers.map((v) => (
              <label key={v} className="answer-option">
                <input
                  type="radio"
                  name="recommend"
                  checked={recommend === v}
                  onChange={() => setRecommend(v)}
                />
                {t(`kiosk.recommendAnswers.${v}`)}
              </label>
            ))}
          </div>
        </fieldset>
        {save.isError ? (
          <Notice tone="error" live>
            {t('kiosk.saveFailed')}
          </Notice>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            {t('kiosk.send')}
          </button>
        </div>
      </form>
    </main>
  );
}

/**
 * After sending. Everyone sees the support lines (so seeing them tells the
 * next person nothing); someone who did not feel safe also reads that this
 * matters and whom they can talk to.
 */
function Thanks({ feltUnsafe, onNext }: { feltUnsafe: boolean; onNext: () => void }) {
  const { t } = useTranslation(['reports', 'plans']);
  const organisation = useOrganisation();
  const heading = useFocusOnMount();
  const lines = planSupportContacts((id) => t(`plans:helplines.${id}`), organisation.data ?? null);
  return (
    <main id="main" className="feedback-kiosk">
      <h1 ref={heading} tabIndex={-1}>
        {t('kiosk.thanks')}
      </h1>
      {feltUnsafe ? (
        <div className="notice notice-warning" role="status">
          <p className="notice-title">{t('kiosk.unsafeTitle')}</p>
          <p>{t('kiosk.unsafeText')}</p>
          <p>{t('kiosk.emergency')}</p>
        </div>
      ) : null}
      <SupportLines title={t('kiosk.supportTitle')} lines={lines} />
      <p>{t('kiosk.thanksText')}</p>
      <button type="button" className="btn btn-primary" onClick={onNext}>
        {t('kiosk.next')}
      </button>
    </main>
  );
}

/** Leaving the kiosk: a staff member's passphrase. Staff-facing text. */
function StaffExit({ onCancel, onReleased }: { onCancel: () => void; onReleased: () => void }) {
  const { t } = useTranslation('reports');
  const { keyring } = useServices();
  const session = useVaultSession();
  const lock = useLock();
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [wrong, setWrong] = useState(0);
  const heading = useFocusOnMount();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || !session || passphrase.length === 0) return;
    setBusy(true);
    setError(undefined);
    try {
      if (await keyring.verifyPassphrase(session.staffId, passphrase)) {
        onReleased();
        return;
      }
      setWrong(wrong + 1);
      setPassphrase('');
      // Five wrong tries lock the app; the unlock screen throttles from there.
      if (wrong + 1 >= 5) lock();
      else setError(t('kiosk.wrongPassphrase'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className="feedback-kiosk">
      <h1 ref={heading} tabIndex={-1}>
        {t('kiosk.exitTitle')}
      </h1>
      <p>{t('kiosk.exitText')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <PassphraseField
          label={t('kiosk.passphrase')}
          autoComplete="current-password"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          error={error}
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('kiosk.exit')}
          </button>
          <button type="button" className="btn" onClick={onCancel}>
            {t('kiosk.backToForm')}
          </button>
        </div>
      </form>
    </main>
  );
}
