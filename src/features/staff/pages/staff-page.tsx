import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RequireRole } from '../../../session/require-role';
import { useVaultSession } from '../../../services/services';
import type { Staff } from '../../../domain/staff';
import { Notice } from '../../../ui/notice';
import { Loading, Page } from '../../../ui/page';
import { useStaffList } from '../../../entities/staff/queries';
import { useDeactivateStaffMutation } from '../api/mutations';
import { useStaffWithPassphrase } from '../api/queries';
import { formatDate } from '../../../i18n/format';
import { AwayForm } from '../components/away-form';
import { StaffForm } from '../components/staff-form';
import { StaffPassphraseForm } from '../components/staff-passphrase-form';
import { useLanguage } from '../../../i18n/i18n';

export function StaffPage() {
  const { t } = useTranslation('staff');
  return (
    <RequireRole allowed="coordinator" title={t('title')}>
      <StaffManagement />
    </RequireRole>
  );
}

function StaffManagement() {
  const { t } = useTranslation('staff');
  const lng = useLanguage();
  const session = useVaultSession();
  const staff = useStaffList();
  const withPassphrase = useStaffWithPassphrase();
  const deactivate = useDeactivateStaffMutation();
  const [settingFor, setSettingFor] = useState<Staff | null>(null);

  if (staff.isPending || withPassphrase.isPending) return <Loading />;
  const people = [...(staff.data?.items ?? [])].sort(
    (a, b) => Number(b.active) - Number(a.active) || a.displayName.localeCompare(b.displayName),
  );

  function status(person: Staff): string {
    if (!person.active) return t('status.inactive');
    return withPassphrase.data?.has(person.id) ? t('status.active') : t('status.noPassphrase');
  }

  return (
    <Page title={t('title')}>
      <p className="lede">{t('intro')}</p>
      {staff.data?.damaged.length ? (
        <Notice
          tone="warning"
          title={t('common:errors.damagedSome', { count: staff.data.damaged.length })}
        />
      ) : null}
      {settingFor ? (
        <StaffPassphraseForm staff={settingFor} onDone={() => setSettingFor(null)} />
      ) : (
        <>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t('title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('columns.name')}</th>
                  <th scope="col">{t('columns.role')}</th>
                  <th scope="col">{t('columns.status')}</th>
                  <th scope="col">{t('columns.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {people.map((person) => (
                  <tr key={person.id}>
                    <td>
                      {person.displayName}
                      {person.id === session?.staffId ? (
                        <span className="muted"> ({t('you')})</span>
                      ) : null}
                    </td>
                    <td>{t(`common:roles.${person.role}`)}</td>
                    <td>
                      {status(person)}
                      {(person.away ?? []).map((a) => (
                        <div key={`${a.from}-${a.to}`} className="muted">
                          {t('away.period', {
                            from: formatDate(a.from, lng),
                            to: formatDate(a.to, lng),
                          })}
                        </div>
                      ))}
                    </td>
                    <td>
                      {person.active && person.id !== session?.staffId ? (
                        <div className="button-row">
                          <button
                            type="button"
                            className="btn btn-small"
                            onClick={() => setSettingFor(person)}
                          >
                            {t('actions.setPassphrase', { name: person.displayName })}
                          </button>
                          <button
                            type="button"
                            className="btn btn-small btn-danger"
                            onClick={() => {
                              if (
                                window.confirm(
                                  t('actions.deactivateConfirm', { name: person.displayName }),
                                )
                              ) {
                                deactivate.mutate(person);
                              }
                            }}
                          >
                            {t('actions.deactivate', { name: person.displayName })}
                          </button>
                        </div>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {deactivate.isError ? (
            <Notice tone="error" live title={t('common:errors.saveFailed')} />
          ) : null}
          <Notice tone="info">{t('copiesNote')}</Notice>
          <AwayForm staff={people} />
          <StaffForm onAdded={(person) => setSettingFor(person)} />
        </>
      )}
    </Page>
  );
}
