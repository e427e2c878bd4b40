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
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker, useNavigate, useParams } from 'react-router';
import { useStaffRelease } from '../../../session/staff-release';
import { useDeviceSettings } from '../../../session/device-settings';
import { lockOtherTabs, useAutoLock, useLock, useLockFromOtherTabs } from '../../../session/lock';
import { QuickExitButton } from '../../../session/quick-exit';
import { planSupportContacts } from '../../../domain/plan';
import { LanguageScope } from '../../../ui/language-scope';
import { isUiLanguage, type UiLanguage } from '../../../i18n/languages';
import { useLanguage } from '../../../i18n/i18n';
import { PassphraseField } from '../../../ui/field';
import { LanguageSelect } from '../../../ui/language-select';
import { SupportLines } from '../../../ui/support-lines';
import { useOrganisation } from '../../../entities/organisation/queries';
import { Loading } from '../../../ui/page';
import { useFeedbackMeeting, useGroupLanguage } from '../api/queries';
import { CheckoutForm, FinalForm, useFocusOnMount } from '../components/feedback-forms';
import '../reports.css';

type Form = 'checkout' | 'final';

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
  // The device is handed to young people: no other tab stays open with names on screen.
  useEffect(() => lockOtherTabs(), []);
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
  const release = useStaffRelease(onReleased, t('kiosk.wrongPassphrase'));
  const heading = useFocusOnMount();

  return (
    <main id="main" className="feedback-kiosk">
      <h1 ref={heading} tabIndex={-1}>
        {t('kiosk.exitTitle')}
      </h1>
      <p>{t('kiosk.exitText')}</p>
      <form onSubmit={(e) => void release.submit(e)} noValidate>
        <PassphraseField
          label={t('kiosk.passphrase')}
          autoComplete="current-password"
          value={release.passphrase}
          onChange={(e) => release.setPassphrase(e.target.value)}
          error={release.error}
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={release.busy}>
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
