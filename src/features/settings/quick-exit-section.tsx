import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeviceSettings, useSetQuickExitMutation } from '../../session/device-settings';
import { isQuickExitAddress, type QuickExitTarget } from '../../session/quick-exit-target';
import { describeStorageError } from '../../ui/storage-errors';
import { Field } from '../../ui/field';
import { Notice } from '../../ui/notice';
import { RadioGroup } from '../../ui/radio-group';

type Kind = QuickExitTarget['kind'];

/** Settings: what quick exit does and cannot do, and where it goes on this device. */
export function QuickExitSection() {
  const { t } = useTranslation('settings');
  const saved = useDeviceSettings().data?.quickExit;
  return (
    <section className="panel" aria-labelledby="settings-quick-exit">
      <h2 id="settings-quick-exit">{t('quickExit.title')}</h2>
      <p>{t('quickExit.does')}</p>
      <p>{t('quickExit.doesNot')}</p>
      {/* Starts from the stored choice, once it has loaded. */}
      {saved ? <QuickExitForm saved={saved} /> : null}
    </section>
  );
}

function QuickExitForm({ saved }: { saved: QuickExitTarget }) {
  const { t } = useTranslation('settings');
  const save = useSetQuickExitMutation();
  const [kind, setKind] = useState<Kind>(saved.kind);
  const [address, setAddress] = useState(saved.kind === 'address' ? saved.url : '');
  const [submitted, setSubmitted] = useState(false);
  const [done, setDone] = useState(false);

  const addressError =
    submitted && kind === 'address' && !isQuickExitAddress(address.trim())
      ? t('quickExit.addressInvalid')
      : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    setDone(false);
    if (kind === 'address' && !isQuickExitAddress(address.trim())) return;
    const target: QuickExitTarget = kind === 'address' ? { kind, url: address.trim() } : { kind };
    save.mutate(target, { onSuccess: () => setDone(true) });
  }

  return (
    <>
      <form onSubmit={submit} noValidate>
        <RadioGroup<Kind>
          legend={t('quickExit.target')}
          name="quick-exit-target"
          value={kind}
          onChange={(value) => {
            setKind(value);
            setDone(false);
          }}
          options={[
            { value: 'recipe', label: t('quickExit.recipe') },
            { value: 'blank', label: t('quickExit.blank') },
            { value: 'address', label: t('quickExit.address') },
          ]}
        />
        {kind === 'address' ? (
          <Field
            label={t('quickExit.addressLabel')}
            hint={t('quickExit.addressHint')}
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            value={address}
            onChange={(e) => {
              setAddress(e.target.value);
              setDone(false);
            }}
            error={addressError}
          />
        ) : null}
        <button type="submit" className="btn" disabled={save.isPending}>
          {t('quickExit.save')}
        </button>
      </form>
      {done ? <Notice tone="success" live title={t('quickExit.saved')} /> : null}
      {save.isError ? (
        <Notice tone="error" live title={describeStorageError(save.error, t)} />
      ) : null}
    </>
  );
}
