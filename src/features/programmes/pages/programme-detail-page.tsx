import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { Link } from '../../../ui/link';
import { Notice } from '../../../ui/notice';
import { Loading, Page } from '../../../ui/page';
import { NotFound } from '../../../ui/not-found';
import { useIsCoordinator } from '../../../entities/staff/queries';
import { useDeleteProgrammeMutation, useDuplicateProgrammeMutation } from '../api/mutations';
import { useProgramme } from '../../../entities/programmes/queries';

export function ProgrammeDetail() {
  const { programmeId = '' } = useParams();
  const { t } = useTranslation('programmes');
  const query = useProgramme(programmeId);
  const isCoordinator = useIsCoordinator();
  const duplicate = useDuplicateProgrammeMutation();
  const remove = useDeleteProgrammeMutation();
  const navigate = useNavigate();

  if (query.isPending) return <Loading />;
  if (query.isError) throw query.error;
  if (!query.data) return <NotFound />;
  const { programme, shipped, language } = query.data;

  async function makeCopy() {
    const copy = await duplicate.mutateAsync({
      source: programme,
      language,
      title: t('copyTitle', { title: programme.title }),
    });
    await navigate(`/programmes/${copy.id}/edit`);
  }

  async function deleteCopy() {
    if (!window.confirm(t('deleteConfirm'))) return;
    await remove.mutateAsync(programme.id);
    await navigate('/programmes');
  }

  return (
    <Page
      title={programme.title}
      documentTitle={shipped ? programme.title : t('library.title')}
      actions={
        isCoordinator ? (
          <>
            <button
              type="button"
              className="btn"
              onClick={() => void makeCopy()}
              disabled={duplicate.isPending}
            >
              {t('duplicate')}
            </button>
            {!shipped ? (
              <>
                <Link className="btn btn-primary" to={`/programmes/${programme.id}/edit`}>
                  {t('edit')}
                </Link>
                <button type="button" className="btn btn-danger" onClick={() => void deleteCopy()}>
                  {t('delete')}
                </button>
              </>
            ) : null}
          </>
        ) : null
      }
    >
      <p className="lede" lang={language}>
        {programme.summary}
      </p>
      <p className="meta" lang={language}>
        {programme.audience} · {t('minutesEach', { count: programme.meetingMinutes })}
      </p>
      {shipped ? <Notice tone="info">{t('shippedNote')}</Notice> : null}
      {duplicate.isError || remove.isError ? (
        <Notice tone="error" live title={t('common:errors.saveFailed')} />
      ) : null}
      <h2>{t('meetings')}</h2>
      <ol className="meeting-list">
        {programme.meetings.map((meeting) => (
          <li key={meeting.id} className="meeting-item">
            <Link to={`/programmes/${programme.id}/meetings/${meeting.id}`} lang={language}>
              <span className="meeting-number">
                {t('meetingNumber', { number: meeting.number })}
              </span>
              <span className="meeting-topic">{meeting.topic}</span>
              {meeting.caution ? (
                <span className="badge badge-caution">{t('plan.cautionBadge')}</span>
              ) : null}
            </Link>
          </li>
        ))}
      </ol>
    </Page>
  );
}
