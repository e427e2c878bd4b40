import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { uiLanguages } from '../../../i18n/languages';
import { useNavigate } from 'react-router';
import { RequireRole } from '../../../session/require-role';
import { describeStorageError } from '../../../ui/storage-errors';
import { todayInRiga } from '../../../domain/calendar-date';
import type { Participant } from '../../../domain/participant';
import {
  MAX_AGE,
  MIN_AGE,
  formAge,
  referrerRoles,
  validateReferral,
  type ReferralField,
  type ReferralForm,
} from '../../../domain/referral';
import { Field, TextAreaField } from '../../../ui/field';
import { Notice } from '../../../ui/notice';
import { Page } from '../../../ui/page';
import { useCreateReferralMutation } from '../api/referral-mutations';
import { RadioGroup } from '../../../ui/radio-group';
import { CheckboxField } from '../../../ui/checkbox-field';
import { SelectField } from '../../../ui/select-field';
import '../components/screening.css';

const genders: Participant['gender'][] = ['girl', 'boy', 'other', 'unspecified'];
const languages = uiLanguages;

export function ReferralPage() {
  const { t } = useTranslation('screening');
  return (
    <RequireRole allowed="coordinator" title={t('referral.title')}>
      <ReferralFormView />
    </RequireRole>
  );
}

function ReferralFormView() {
  const { t } = useTranslation('screening');
  const navigate = useNavigate();
  const create = useCreateReferralMutation();
  const [submitted, setSubmitted] = useState(false);
  const [form, setForm] = useState<ReferralForm>({
    chosenName: '',
    gender: '',
    languages: ['lv'],
    legalName: '',
    ageKnown: 'dob',
    dateOfBirth: '',
    age: '',
    referrerRole: '',
    referrerOrganisation: '',
    referrerContact: '',
    reason: '',
    consentYoungPerson: false,
    consentGuardian: false,
  });
  const set = <K extends keyof ReferralForm>(key: K, value: ReferralForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const today = todayInRiga();
  const problems = validateReferral(form, today);
  const age = formAge(form, today);

  const problem = (field: ReferralField) => {
    const code = problems[field];
    return submitted && code
      ? t(`referral.problems.${code}`, { min: MIN_AGE, max: MAX_AGE })
      : undefined;
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(problems).length > 0) return;
    const participant = await create.mutateAsync(form);
    await navigate(`/participants/${participant.id}`);
  }

  return (
    <Page title={t('referral.title')}>
      <p className="lede">{t('referral.intro')}</p>
      <form onSubmit={(e) => void submit(e).catch(() => undefined)} noValidate>
        <section className="panel" aria-labelledby="ref-person">
          <h2 id="ref-person">{t('referral.person')}</h2>
          <Field
            label={t('referral.chosenName')}
            hint={t('referral.chosenNameHint')}
            value={form.chosenName}
            onChange={(e) => set('chosenName', e.target.value)}
            error={problem('chosenName')}
            autoComplete="off"
          />
          <p className="muted">{t('referral.codeNote')}</p>
          <Field
            label={t('referral.legalName')}
            hint={t('referral.legalNameHint')}
            value={form.legalName}
            onChange={(e) => set('legalName', e.target.value)}
            autoComplete="off"
          />
          <RadioGroup
            legend={t('referral.gender')}
            hint={t('referral.genderHint')}
            name="gender"
            value={form.gender}
            options={genders.map((g) => ({ value: g, label: t(`gender.${g}`) }))}
            onChange={(v) => set('gender', v)}
            error={problem('gender')}
          />
          <fieldset className="choice-row">
            <legend>{t('referral.languages')}</legend>
            <div className="radio-options">
              {languages.map((l) => (
                <label key={l} className="radio-row">
                  <input
                    type="checkbox"
                    checked={form.languages.includes(l)}
                    onChange={(e) =>
                      set(
                        'languages',
                        e.target.checked
                          ? [...form.languages, l]
                          : form.languages.filter((x) => x !== l),
                      )
                    }
                  />
                  {t(`language.${l}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <RadioGroup
            legend={t('referral.ageKnown')}
            name="age-known"
            value={form.ageKnown}
            options={[
              { value: 'dob', label: t('referral.byDob') },
              { value: 'age', label: t('referral.byAge') },
            ]}
            onChange={(v) => set('ageKnown', v)}
          />
          {form.ageKnown === 'dob' ? (
            <Field
              label={t('referral.dateOfBirth')}
              type="date"
              max={today}
              value={form.dateOfBirth}
              onChange={(e) => set('dateOfBirth', e.target.value)}
              error={problem('dateOfBirth')}
            />
          ) : (
            <Field
              label={t('referral.age')}
              hint={t('referral.ageHint', { min: MIN_AGE, max: MAX_AGE })}
              type="number"
              inputMode="numeric"
              value={form.age}
              onChange={(e) => set('age', e.target.value)}
              error={problem('age')}
            />
          )}
        </section>

        <section className="panel" aria-labelledby="ref-referrer">
          <h2 id="ref-referrer">{t('referral.referrer')}</h2>
          <SelectField
            label={t('referral.referrerRole')}
            value={form.referrerRole}
            onChange={(v) => set('referrerRole', v as ReferralForm['referrerRole'])}
            error={problem('referrerRole')}
            options={[
              { value: '', label: t('referral.choose') },
              ...referrerRoles.map((r) => ({ value: r, label: t(`referrerRole.${r}`) })),
            ]}
          />
          <div className="form-grid">
            <Field
              label={t('referral.referrerOrganisation')}
              value={form.referrerOrganisation}
              onChange={(e) => set('referrerOrganisation', e.target.value)}
              autoComplete="off"
            />
            <Field
              label={t('referral.referrerContact')}
              value={form.referrerContact}
              onChange={(e) => set('referrerContact', e.target.value)}
              autoComplete="off"
            />
          </div>
          <TextAreaField
            label={t('referral.reason')}
            hint={t('referral.reasonHint')}
            value={form.reason}
            onChange={(v) => set('reason', v)}
            error={problem('reason')}
            rows={4}
          />
        </section>

        <section className="panel" aria-labelledby="ref-consent">
          <h2 id="ref-consent">{t('referral.consent')}</h2>
          <CheckboxField
            label={t('referral.consentYoungPerson')}
            checked={form.consentYoungPerson}
            onChange={(v) => set('consentYoungPerson', v)}
            error={problem('consentYoungPerson')}
          />
          <CheckboxField
            label={t('referral.consentGuardian')}
            checked={form.consentGuardian}
            onChange={(v) => set('consentGuardian', v)}
            error={problem('consentGuardian')}
          />
          <p className="muted">
            {age !== undefined && age < 18
              ? t('referral.guardianNeeded')
              : t('referral.guardianIfUnder18')}
          </p>
        </section>

        {submitted && Object.keys(problems).length > 0 ? (
          <Notice tone="error" live title={t('referral.fix')} />
        ) : null}
        {create.isError ? (
          <Notice tone="error" live title={describeStorageError(create.error, t)} />
        ) : null}
        <div className="button-row">
          <button type="button" className="btn" onClick={() => void navigate('/participants')}>
            {t('actions.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>
            {create.isPending ? t('actions.saving') : t('referral.save')}
          </button>
        </div>
      </form>
    </Page>
  );
}
