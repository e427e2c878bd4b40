import { useTranslation } from 'react-i18next';
import type { Meeting } from '../../../domain/meeting';
import { allDefaultAlertWords, commentNeedsAttention } from '../../../domain/reports/alert-words';
import type { CheckoutSummary, FinalSummary } from '../../../domain/reports/feedback';
import { formatDate } from '../../../i18n/format';
import { useLanguage } from '../../../i18n/i18n';
import { Notice } from '../../../ui/notice';
import { TableRegion } from '../../../ui/table-region';
import { useOrganisation } from '../../../entities/organisation/queries';

/** Anonymous youth feedback of one cohort: check-outs per meeting and the end-of-programme forms. */
export function FeedbackSummary({
  meetings,
  checkouts,
  final,
}: {
  meetings: Meeting[];
  checkouts: CheckoutSummary[];
  final: FinalSummary;
}) {
  const { t } = useTranslation('reports');
  const lng = useLanguage();
  const byId = new Map(meetings.map((m) => [m.id, m]));
  const answered = checkouts.filter((c) => c.answers > 0);
  const organisation = useOrganisation();
  const alertWords = organisation.data?.alertWords ?? allDefaultAlertWords();
  const comments = answered
    .flatMap((c) => c.comments)
    .map((text) => ({ text, attention: commentNeedsAttention(text, alertWords) }));
  const unsafe = answered.filter((c) => c.safe.no > 0);
  return (
    <section className="panel" aria-labelledby="feedback-title">
      <h2 id="feedback-title">{t('feedbackReport.title')}</h2>
      <p>{t('feedbackReport.intro')}</p>
      {unsafe.length > 0 ? (
        <Notice tone="warning" title={t('feedbackReport.unsafeTitle')}>
          <ul>
            {unsafe.map((c) => {
              const m = byId.get(c.meetingId)!;
              return (
                <li key={c.meetingId}>
                  {t('feedbackReport.unsafe', {
                    count: c.safe.no,
                    number: m.number,
                    date: formatDate(m.date, lng),
                  })}
                </li>
              );
            })}
          </ul>
          <p>{t('feedbackReport.unsafeHint')}</p>
        </Notice>
      ) : null}
      {comments.some((c) => c.attention) ? (
        <Notice tone="warning" title={t('feedbackReport.attention')}>
          <p>{t('feedbackReport.attentionHint')}</p>
        </Notice>
      ) : null}
      {answered.length === 0 ? (
        <p>{t('feedbackReport.none')}</p>
      ) : (
        <TableRegion label={t('feedbackReport.caption')}>
          <table>
            <caption className="visually-hidden">{t('feedbackReport.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('matrix.meeting')}</th>
                <th scope="col">{t('feedbackReport.answers')}</th>
                <th scope="col">{t('feedbackReport.safe')}</th>
                <th scope="col">{t('feedbackReport.useful')}</th>
                <th scope="col">{t('feedbackReport.feeling')}</th>
              </tr>
            </thead>
            <tbody>
              {answered.map((c) => {
                const m = byId.get(c.meetingId)!;
                return (
                  <tr key={c.meetingId}>
                    <th scope="row">
                      {t('matrix.meetingN', { number: m.number })}, {formatDate(m.date, lng)}
                    </th>
                    <td>{c.answers}</td>
                    <td>{t('feedbackReport.threeWay', c.safe)}</td>
                    <td>{t('feedbackReport.threeWay', c.useful)}</td>
                    <td>{c.feelingAverage ?? '–'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableRegion>
      )}
      {comments.length > 0 ? (
        <>
          <h3>{t('feedbackReport.comments')}</h3>
          <ul className="feedback-comments">
            {comments.map((c, i) => (
              <li key={i} className={c.attention ? 'needs-attention' : undefined}>
                {c.attention ? (
                  <strong className="attention-label">
                    {t('feedbackReport.attentionLabel')}:{' '}
                  </strong>
                ) : null}
                {c.text}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>{t('feedbackReport.finalTitle')}</h3>
      {final.answers === 0 ? (
        <p>{t('feedbackReport.finalNone')}</p>
      ) : (
        <>
          <p>{t('feedbackReport.recommend', { count: final.answers, ...final.recommend })}</p>
          {final.helped.length > 0 ? (
            <>
              <h4>{t('feedbackReport.helped')}</h4>
              <ul className="feedback-comments">
                {final.helped.map((c, i) => (
                  <li key={i}>{c}</li>
                ))}
              </ul>
            </>
          ) : null}
          {final.change.length > 0 ? (
            <>
              <h4>{t('feedbackReport.change')}</h4>
              <ul className="feedback-comments">
                {final.change.map((c, i) => (
                  <li key={i}>{c}</li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
    </section>
  );
}
