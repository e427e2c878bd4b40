import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Staff } from '../../../domain/staff';
import { Notice } from '../../../ui/notice';

interface GrantCoordinatorStepProps {
  staff: Staff;
  busy: boolean;
  error: string | undefined;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * The step before anyone is given the coordinator key (added as a
 * coordinator, made one, or a coordinator's passphrase set here): the person's
 * name and the role, said plainly, and an explicit yes. The roster is what
 * decides, but a person confirms what it is about to do.
 */
export function GrantCoordinatorStep({
  staff,
  busy,
  error,
  onConfirm,
  onCancel,
}: GrantCoordinatorStepProps) {
  const { t } = useTranslation('staff');
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // A new step replaces the previous screen: move focus to it, for keyboard and screen reader users.
  useEffect(() => heading.current?.focus(), []);

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {t('grant.title', { name: staff.displayName })}
      </h2>
      <dl className="grant-summary">
        <dt>{t('grant.name')}</dt>
        <dd>{staff.displayName}</dd>
        <dt>{t('grant.role')}</dt>
        <dd>{t('common:roles.coordinator')}</dd>
      </dl>
      <p>{t('grant.explain', { name: staff.displayName })}</p>
      {error ? <Notice tone="error" live title={error} /> : null}
      <div className="button-row">
        <button type="button" className="btn" onClick={onCancel}>
          {t('grant.cancel')}
        </button>
        <button type="button" className="btn btn-primary" disabled={busy} onClick={onConfirm}>
          {t('grant.confirm', { name: staff.displayName })}
        </button>
      </div>
    </section>
  );
}
