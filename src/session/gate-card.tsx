import { useEffect, type ReactNode } from 'react';
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
