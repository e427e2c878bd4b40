import { Fragment, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from './notice';

interface RecoveryCodeStepProps {
  code: string;
  onDone: () => void;
}

/**
 * Shows the recovery code once. It is never stored in the clear, so this is
 * the only moment anyone can copy it: the user must confirm before going on.
 */
export function RecoveryCodeStep({ code, onDone }: RecoveryCodeStepProps) {
  const { t } = useTranslation('setup');
  const [confirmed, setConfirmed] = useState(false);
  const checkId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  return (
    <div className="recovery-step">
      <h1 ref={headingRef} tabIndex={-1}>
        {t('recovery.title')}
      </h1>
      <p>{t('recovery.intro')}</p>
      <p className="recovery-code" translate="no">
        <span className="visually-hidden">{t('recovery.codeLabel')}: </span>
        {/* Lines break only between groups, never inside one: a group split over
            two lines is easily copied wrong, and this screen is never shown again. */}
        <span data-testid="recovery-code">
          {code.split('-').map((group, i) => (
            <Fragment key={i}>
              {i > 0 ? (
                <>
                  -<wbr />
                </>
              ) : null}
              <span className="recovery-group">{group}</span>
            </Fragment>
          ))}
        </span>
      </p>
      <Notice tone="warning">
        <p>{t('recovery.warning')}</p>
      </Notice>
      <div className="print-only">
        <p>{t('recovery.printNote')}</p>
      </div>
      <div className="button-row no-print">
        <button type="button" className="btn" onClick={() => window.print()}>
          {t('recovery.print')}
        </button>
      </div>
      <div className="check-row no-print">
        <input
          id={checkId}
          type="checkbox"
          checked={confirmed}
          onChange={(e) => setConfirmed(e.target.checked)}
        />
        <label htmlFor={checkId}>{t('recovery.confirm')}</label>
      </div>
      <button
        type="button"
        className="btn btn-primary btn-block no-print"
        disabled={!confirmed}
        onClick={onDone}
      >
        {t('recovery.continue')}
      </button>
    </div>
  );
}
