import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PassphraseFields, passphrasesValid } from '../../ui/passphrase-fields';
import { RecoveryCodeStep } from '../../ui/recovery-code-step';
import { Notice } from '../../ui/notice';
import { GateCard } from '../../session/gate-card';
import { useServices } from '../../services/services';
import { describeStorageError } from '../../ui/storage-errors';
import { rosterRole } from '../../db/keyring-store';

/**
 * After unlocking with the recovery code, a coordinator must choose a new
 * passphrase before anything else; the used recovery code is replaced and the
 * new one is shown once.
 */
export function NewPassphraseScreen() {
  const { t } = useTranslation('setup');
  const { repos, keyring, vault } = useServices();
  // Who may be chosen: coordinators by the roster, never by the staff rows
  // (team data). A damaged roster is rebuilt from the keys when the passphrase
  // is set; until then, people holding a coordinator wrap are listed.
  const coordinators = useQuery({
    queryKey: ['recovery', 'coordinators'],
    queryFn: async () => {
      const people = (await repos.staff.list()).items.filter((s) => s.active);
      const roster = await keyring.roster().catch(() => undefined);
      const holders = roster ? undefined : await keyring.staffWithCoordinatorKey();
      return people.filter((s) =>
        roster ? rosterRole(roster, s.id) === 'coordinator' : holders!.has(s.id),
      );
    },
  });
  const [staffId, setStaffId] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [newCode, setNewCode] = useState<string>();
  const selectId = useId();

  const chosen = staffId || coordinators.data?.[0]?.id || '';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (!chosen || !passphrasesValid(passphrase, confirm)) return;
    setBusy(true);
    try {
      const { recoveryCode } = await keyring.setPassphrase(chosen, passphrase);
      setNewCode(recoveryCode);
    } catch (e) {
      setError(describeStorageError(e, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <GateCard documentTitle={t('newPassphrase.title')}>
      {newCode ? (
        <RecoveryCodeStep code={newCode} onDone={() => vault.update({ viaRecovery: false })} />
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <h1>{t('newPassphrase.title')}</h1>
          <p>{t('newPassphrase.intro')}</p>
          <div className="field">
            <label htmlFor={selectId}>{t('newPassphrase.who')}</label>
            <select id={selectId} value={chosen} onChange={(e) => setStaffId(e.target.value)}>
              {coordinators.data?.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.displayName}
                </option>
              ))}
            </select>
          </div>
          <PassphraseFields
            passphrase={passphrase}
            confirm={confirm}
            onPassphrase={setPassphrase}
            onConfirm={setConfirm}
            showErrors={submitted}
          />
          {error ? <Notice tone="error" live title={error} /> : null}
          <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
            {busy ? t('form.working') : t('newPassphrase.submit')}
          </button>
        </form>
      )}
    </GateCard>
  );
}
