import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../../ui/link';
import { RequireRole } from '../../../session/require-role';
import { auditActions, type AuditAction } from '../../../domain/audit';
import { formatDate } from '../../../i18n/format';
import { Field } from '../../../ui/field';
import { Notice } from '../../../ui/notice';
import { Loading, Page } from '../../../ui/page';
import { useStaffList } from '../../../entities/staff/queries';
import { useAuditLog, useParticipantCodes } from '../api/queries';
import { SelectField } from '../../../ui/select-field';
import { AuditIntegrity } from '../components/audit-integrity';
import '../components/screening.css';

export function AuditPage() {
  const { t } = useTranslation('screening');
  return (
    <RequireRole allowed="coordinator" title={t('audit.title')}>
      <AuditView />
    </RequireRole>
  );
}

function AuditView() {
  const { t, i18n } = useTranslation('screening');
  const lng = i18n.resolvedLanguage ?? 'lv';
  const [filter, setFilter] = useState<{ action: AuditAction | ''; from: string; to: string }>({
    action: '',
    from: '',
    to: '',
  });
  const log = useAuditLog(filter);
  const staff = useStaffList();
  const codes = useParticipantCodes();
  const who = (id: string) => staff.data?.items.find((s) => s.id === id)?.displayName ?? '—';
  const time = (iso: string) =>
    new Intl.DateTimeFormat(lng, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

  return (
    <Page title={t('audit.title')}>
      <p className="lede">{t('audit.intro')}</p>
      <AuditIntegrity />
      <form className="panel" onSubmit={(e) => e.preventDefault()} aria-label={t('audit.filter')}>
        <div className="form-grid">
          <SelectField
            label={t('audit.action')}
            value={filter.action}
            onChange={(v) => setFilter((f) => ({ ...f, action: v as AuditAction | '' }))}
            options={[
              { value: '', label: t('audit.allActions') },
              ...auditActions.map((a) => ({
                value: a,
                label: t(`auditAction.${a}`, { defaultValue: a }),
              })),
            ]}
          />
          <Field
            label={t('audit.from')}
            type="date"
            value={filter.from}
            onChange={(e) => setFilter((f) => ({ ...f, from: e.target.value }))}
          />
          <Field
            label={t('audit.to')}
            type="date"
            value={filter.to}
            onChange={(e) => setFilter((f) => ({ ...f, to: e.target.value }))}
          />
        </div>
      </form>
      {log.isPending ? <Loading /> : null}
      {log.data?.damaged ? (
        <Notice tone="warning" title={t('journey.damaged', { count: log.data.damaged })} />
      ) : null}
      {log.data && log.data.entries.length === 0 ? (
        <p className="muted">{t('audit.none')}</p>
      ) : null}
      {log.data && log.data.entries.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.participant')}</th>
              </tr>
            </thead>
            <tbody>
              {log.data.entries.map((e) => {
                const participantId = e.related?.participantId;
                return (
                  <tr key={e.id}>
                    <td>
                      {formatDate(e.at, lng)} {time(e.at)}
                    </td>
                    <td>{t(`auditAction.${e.action}`, { defaultValue: e.action })}</td>
                    <td>{who(e.actorId)}</td>
                    <td>
                      {participantId ? (
                        <Link className="code" to={`/participants/${participantId}`}>
                          {codes.data?.get(participantId) ?? t('audit.removed')}
                        </Link>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </Page>
  );
}
