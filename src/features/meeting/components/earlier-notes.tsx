import { useTranslation } from 'react-i18next';
import type { Meeting, MeetingNote } from '../../../domain/meeting';
import { formatDate } from '../../../i18n/format';
import { useLanguage } from '../../../i18n/i18n';

interface EarlierNotesProps {
  earlier: { meeting: Meeting; note: MeetingNote | null }[];
}

/** How the group has been developing: earlier meetings' notes, latest first, one tap away. */
export function EarlierNotes({ earlier }: EarlierNotesProps) {
  const { t } = useTranslation('meeting');
  const lng = useLanguage();
  const withNotes = earlier.filter((e) => e.note);
  return (
    <details className="panel earlier-notes">
      <summary>{t('earlier.title', { count: withNotes.length })}</summary>
      {withNotes.length === 0 ? <p className="muted">{t('earlier.none')}</p> : null}
      <ol className="earlier-list">
        {withNotes.map(({ meeting, note }) => (
          <li key={meeting.id}>
            <h3>
              {t('earlier.meeting', { number: meeting.number })} ·{' '}
              <time dateTime={meeting.date}>{formatDate(meeting.date, lng)}</time>
            </h3>
            <p className="meta">
              {note!.mood ? <span>{t('earlier.mood', { value: note!.mood })}</span> : null}
              {note!.engagement ? (
                <span>{t('earlier.engagement', { value: note!.engagement })}</span>
              ) : null}
              {note!.tags.map((tag) => (
                <span key={tag} className="badge badge-quiet">
                  {t(`notes.tag.${tag}`, { defaultValue: tag })}
                </span>
              ))}
            </p>
            {note!.text ? <p className="note-text">{note!.text}</p> : null}
            {note!.handover ? (
              <p className="note-text">
                <strong>{t('earlier.handover')}</strong> {note!.handover}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </details>
  );
}
