/**
 * Kiosk mode: the young person's plan and nothing else — no menus, no other
 * names. Leaving needs a staff passphrase; a few minutes without input show a
 * neutral "Paused" screen; quick exit (button or Shift × 3) works throughout.
 * Reached only through "Hand over" on the staff view (see app/kiosk.ts).
 */
import type { TFunction } from 'i18next';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Navigate, useParams } from 'react-router';
import { kioskPath, useKiosk } from '../../../session/kiosk';
import { useDeviceSettings } from '../../../session/device-settings';
import { useAutoLock, useLock, useLockFromOtherTabs } from '../../../session/lock';
import { QuickExitButton, useQuickExit, useQuickExitShortcut } from '../../../session/quick-exit';
import { emptyPlan, type Plan } from '../../../domain/plan';
import { Loading } from '../../../ui/page';
import { useOrganisation } from '../../../entities/organisation/queries';
import { useSavePlanMutation } from '../api/mutations';
import { usePlan } from '../api/queries';
import { supportContactsFor } from '../plan-texts';
import { useAutosave } from '../../../ui/use-autosave';
import { usePlanT } from '../use-plan-t';
import { KioskExit } from '../components/kiosk-exit';
import { PausedScreen } from '../components/paused-screen';
import { PlanEditor } from '../components/plan-editor';
import { PlanOutputs } from '../components/plan-outputs';
import { PlanPrint } from '../components/plan-print';
import '../components/plans.css';
import { useLanguage } from '../../../i18n/i18n';

/** How long without input before the plan is hidden behind "Paused". */
export const PAUSE_AFTER_MS = 3 * 60_000;
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'input'] as const;

export function KioskPage() {
  const { participantId = '' } = useParams();
  const { state } = useKiosk();
  // Not handed over (for example after a reload and a staff unlock): the staff view.
  if (!state) return <Navigate to={`/participants/${participantId}/plan`} replace />;
  // Another plan's address typed in kiosk mode: back to the one handed over.
  if (state.participantId !== participantId)
    return <Navigate to={kioskPath(state.participantId)} replace />;
  return <KioskScreen participantId={participantId} />;
}

function useIdle(ms: number): [boolean, () => void] {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    let last = Date.now();
    const mark = () => {
      last = Date.now();
    };
    for (const name of ACTIVITY_EVENTS)
      window.addEventListener(name, mark, { passive: true, capture: true });
    const timer = window.setInterval(() => {
      if (Date.now() - last >= ms) setIdle(true);
    }, 1000);
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, mark, { capture: true });
      window.clearInterval(timer);
    };
  }, [ms]);
  return [idle, useCallback(() => setIdle(false), [])];
}

function KioskScreen({ participantId }: { participantId: string }) {
  const stored = usePlan(participantId);
  if (stored.isError) throw stored.error;
  if (stored.isPending) return <Loading />;
  return <KioskSession participantId={participantId} stored={stored.data} />;
}

type Mode = 'plan' | 'exit' | 'removed';

/**
 * Holds the plan being written for the whole kiosk session, so the paused
 * screen can unmount the plan without losing a letter.
 */
function KioskSession({ participantId, stored }: { participantId: string; stored: Plan | null }) {
  const lng = useLanguage();
  const lock = useLock();
  const device = useDeviceSettings();
  useLockFromOtherTabs();
  useAutoLock(device.data?.autoLockMinutes ?? 10, lock);
  const [plan, setPlan] = useState<Plan>(() => stored ?? emptyPlan(participantId, lng));
  // Quick exit goes to the recipe page in the language on the screen.
  useQuickExitShortcut(useQuickExit(plan.language));
  const [paused, resume] = useIdle(PAUSE_AFTER_MS);
  const [mode, setMode] = useState<Mode>('plan');
  // In the plan's language, which may differ from the app's.
  const t: TFunction<'plans'> | null = usePlanT(plan.language);
  const organisation = useOrganisation();
  const save = useSavePlanMutation();
  const removed = useRef(false);
  const autosave = useAutosave(
    useCallback(
      async (value: Plan) => {
        // After "remove", nothing may write the plan back.
        if (!removed.current) await save.mutateAsync(value);
      },
      [save],
    ),
  );
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (!t) return;
    if (paused) document.title = t('paused.title');
    else document.title = `${t(mode === 'removed' ? 'remove.done' : 'title')} · Aplis`;
  }, [t, mode, paused]);
  useEffect(() => {
    if (!paused) headingRef.current?.focus();
  }, [mode, paused]);

  if (!t) return <Loading />;
  if (paused) return <PausedScreen t={t} lang={plan.language} onContinue={resume} />;
  if (mode === 'exit') return <KioskExit onCancel={() => setMode('plan')} />;
  const contacts = supportContactsFor(t, organisation.data);

  function change(next: Plan) {
    setPlan(next);
    autosave.schedule(next);
  }

  return (
    <div className="kiosk" lang={plan.language}>
      <header className="kiosk-bar no-print">
        <QuickExitButton label={t('quickExit')} language={plan.language} shortcut={false} />
        <button type="button" className="btn" onClick={() => setMode('exit')}>
          {t('done')}
        </button>
      </header>
      <main id="main" className="kiosk-main no-print">
        {mode === 'removed' ? (
          <section className="panel" aria-labelledby="kiosk-title">
            <h1 id="kiosk-title" ref={headingRef} tabIndex={-1}>
              {t('remove.done')}
            </h1>
            <p>{t('remove.giveBack')}</p>
          </section>
        ) : (
          <>
            <h1 id="kiosk-title" ref={headingRef} tabIndex={-1}>
              {t('title')}
            </h1>
            <p className="plan-intro">{t('intro')}</p>
            <PlanEditor
              plan={plan}
              t={t}
              onChange={change}
              contacts={contacts}
              status={autosave.status}
              onRetry={() => void autosave.retry()}
            />
            <PlanOutputs
              plan={plan}
              t={t}
              contacts={contacts}
              beforeRemove={async () => {
                removed.current = true;
                await autosave.retry();
              }}
              onRemoved={() => setMode('removed')}
              onRemoveFailed={() => {
                removed.current = false;
              }}
            />
          </>
        )}
      </main>
      {mode === 'plan' ? <PlanPrint plan={plan} t={t} contacts={contacts} /> : null}
    </div>
  );
}
