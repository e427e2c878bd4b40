import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../ui/page';
import { LanguageSwitch } from '../ui/language-switch';
import { QuickExitButton } from './quick-exit';

interface GateCardProps {
  /** The tab title: names the screen, never a person. */
  documentTitle: string;
  wide?: boolean;
  children: ReactNode;
}

/** The frame of every screen shown before the app opens: brand, language switch, quick exit, one card. */
export function GateCard({ documentTitle, wide = false, children }: GateCardProps) {
  useEffect(() => {
    document.title = `${documentTitle} · Aplis`;
  }, [documentTitle]);
  return (
    <main className="gate" id="main">
      <div className={wide ? 'gate-card gate-card-wide' : 'gate-card'}>
        <div className="gate-top">
          <p className="brand" aria-hidden="true">
            <span className="brand-mark" /> Aplis
          </p>
          <div className="gate-actions">
            <LanguageSwitch />
            <QuickExitButton />
          </div>
        </div>
        {children}
      </div>
    </main>
  );
}

/**
 * What shows while a screen's code loads before the app opens (the welcome
 * screen, the app's frame after unlock): the same card, so Quick exit is
 * there from the first frame.
 */
export function GateLoading() {
  const { t } = useTranslation();
  return (
    <GateCard documentTitle={t('common:loading')}>
      <Loading />
    </GateCard>
  );
}
