import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RequireRole } from '../../../session/require-role';
import { useSyncStatus, useVaultSession } from '../../../services/services';
import type { Staff } from '../../../domain/staff';
import { Notice } from '../../../ui/notice';
import { RecoveryCodeStep } from '../../../ui/recovery-code-step';
import { Loading, Page } from '../../../ui/page';
import { useStaffList } from '../../../entities/staff/queries';
import { rosterRole } from '../../../db/keyring-store';
import { useDeactivateStaffMutation, useSetRoleMutation } from '../api/mutations';
import { useRoster, useStaffWithoutNewestKey, useStaffWithPassphrase } from '../api/queries';
import { describeStorageError } from '../../../ui/storage-errors';
import { formatDate } from '../../../i18n/format';
import { AwayForm } from '../components/away-form';
import { ResealProgress } from '../components/reseal-progress';
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
  const roster = useRoster();
  const withoutNewestKey = useStaffWithoutNewestKey();
  const deactivate = useDeactivateStaffMutation();
  const changeRole = useSetRoleMutation();
  // With sync on, the person's device can still fetch from the server until their account there is closed.
  const syncOn = useSyncStatus().connected;
  const [deactivated, setDeactivated] = useState<Staff | null>(null);
  /** Shown once after a coordinator's deactivation replaced the recovery code. */
  const [newRecoveryCode, setNewRecoveryCode] = useState<string | null>(null);
  const [settingFor, setSettingFor] = useState<{
    person: Staff;
    coordinator: boolean;
    pending?: 'add' | 'promote';
  } | null>(null);

  if (staff.isPending || withPassphrase.isPending || roster.isPending) return <Loading />;
  // The roster decides roles, never the staff row (which any team member can
  // rewrite). Without a verified roster nobody is offered a coordinator's key.
  const roleOf = (person: Staff) => (roster.data ? rosterRole(roster.data, person.id) : undefined);
  const people = [...(staff.data?.items ?? [])].sort(
    (a, b) => Number(b.active) - Number(a.active) || a.displayName.localeCompare(b.displayName),
  );

  function status(person: Staff): string {
    if (!person.active) return t('status.inactive');
    if (!withPassphrase.data?.has(person.id)) return t('status.noPassphrase');
    return withoutNewestKey.data?.has(person.id) ? t('status.needsNewKey') : t('status.active');
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
      {roster.isError ? (
        <Notice tone="error" title={describeStorageError(roster.error, t)} />
      ) : null}
      {newRecoveryCode ? (
        <>
          <Notice tone="warning" live title={t('actions.newRecoveryCode')} />
          <RecoveryCodeStep code={newRecoveryCode} onDone={() => setNewRecoveryCode(null)} />
        </>
      ) : settingFor ? (
        <StaffPassphraseForm
          staff={settingFor.person}
          coordinator={settingFor.coordinator}
          pending={settingFor.pending}
          onDone={() => setSettingFor(null)}
        />
      ) : (
        <>
          <div className="table-wrap">
            <table className="staff-table">
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
                    <td>
                      {roleOf(person) ? t(`common:roles.${roleOf(person)}`) : '—'}
                      {roleOf(person) === 'facilitator' && person.role === 'coordinator' ? (
                        <div className="muted">{t('roles.unconfirmed')}</div>
                      ) : null}
                    </td>
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
                            disabled={!roster.data}
                            onClick={() =>
                              setSettingFor({
                                person,
                                coordinator: roleOf(person) === 'coordinator',
                              })
                            }
                          >
                            {t('actions.setPassphrase', { name: person.displayName })}
                          </button>
                          {roleOf(person) === 'facilitator' ? (
                            <button
                              type="button"
                              className="btn btn-small"
                              onClick={() =>
                                setSettingFor({ person, coordinator: true, pending: 'promote' })
                              }
                            >
                              {t('roles.makeCoordinator', { name: person.displayName })}
                            </button>
                          ) : null}
                          {roleOf(person) === 'coordinator' ? (
                            <button
                              type="button"
                              className="btn btn-small"
                              onClick={() => {
                                if (
                                  window.confirm(
                                    t('roles.makeFacilitatorConfirm', { name: person.displayName }),
                                  )
                                ) {
                                  changeRole.mutate({ staffId: person.id, role: 'facilitator' });
                                }
                              }}
                            >
                              {t('roles.makeFacilitator', { name: person.displayName })}
                            </button>
                          ) : null}
                          <button
                            type="button"
                            className="btn btn-small btn-danger"
                            onClick={() => {
                              const confirmKey = syncOn
                                ? 'actions.deactivateConfirmSync'
                                : 'actions.deactivateConfirm';
                              if (window.confirm(t(confirmKey, { name: person.displayName }))) {
                                setDeactivated(null);
                                deactivate.mutate(person, {
                                  onSuccess: ({ recoveryCode }) => {
                                    setDeactivated(syncOn ? person : null);
                                    setNewRecoveryCode(recoveryCode ?? null);
                                  },
                                });
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
          <ResealProgress />
          {deactivated ? (
            <Notice
              tone="warning"
              live
              title={t('actions.revokeServerReminder', { name: deactivated.displayName })}
            />
          ) : null}
          {deactivate.isError ? (
            <Notice tone="error" live title={t('common:errors.saveFailed')} />
          ) : null}
          {changeRole.isError ? (
            <Notice tone="error" live title={describeStorageError(changeRole.error, t)} />
          ) : null}
          <Notice tone="info">{t('copiesNote')}</Notice>
          <AwayForm staff={people} />
          <StaffForm
            onAdded={(person, pending) =>
              setSettingFor(
                pending
                  ? { person, coordinator: true, pending: 'add' }
                  : { person, coordinator: false },
              )
            }
          />
        </>
      )}
    </Page>
  );
}
