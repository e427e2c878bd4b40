import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../i18n/format';
import { useLanguage } from '../../../i18n/i18n';
import { notesOpenUntil } from '../../../domain/note-lock';
import type { MeetingNote } from '../../../domain/meeting';
import type { Participant } from '../../../domain/participant';
import { Notice } from '../../../ui/notice';
import { displayName } from '../api/queries';
import type { MeetingNoteEditor } from './use-meeting-note';

export const noteTags = [
  'conflict',
  'alliance',
  'withdrawal',
  'disclosure',
  'dominance',
  'laughter',
  'new-member',
] as const;

interface NotesSectionProps {
  editor: MeetingNoteEditor;
  meetingDate: string;
  roster: Participant[];
  sharedScreen: boolean;
}

function Scale({
  legend,
  name,
  value,
  disabled,
  onChange,
}: {
  legend: string;
  name: string;
  value: number | undefined;
  disabled: boolean;
  onChange: (value: number) => void;
}) {
  const { t } = useTranslation('meeting');
  return (
    <fieldset className="choice-row scale" disabled={disabled}>
      <legend>{legend}</legend>
      <p className="field-hint">{t('notes.scaleHint')}</p>
      <div className="scale-choices">
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className="status-choice">
            <input
              type="radio"
              name={name}
              value={n}
              checked={value === n}
              onChange={() => onChange(n)}
            />
            <span>{n}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Mood, engagement, tags, free text and optional observations about individuals. */
export function NotesSection({ editor, meetingDate, roster, sharedScreen }: NotesSectionProps) {
  const { t } = useTranslation('meeting');
  const lng = useLanguage();
  const { note, update, editable, access } = editor;
  const observations = note.observations ?? {};
  return (
    <div className="notes">
      {access === 'open' ? (
        <p className="field-hint">
          {t('notes.openUntil', { date: formatDate(notesOpenUntil(meetingDate), lng) })}
        </p>
      ) : access === 'read-only' ? (
        <Notice tone="info" title={t('notes.lockedFacilitator')} />
      ) : !editor.editingLocked ? (
        <Notice tone="info" title={t('notes.lockedCoordinator')}>
          <button type="button" className="btn" onClick={editor.startLockedEdit}>
            {t('notes.changeLocked')}
          </button>
        </Notice>
      ) : (
        <Notice tone="warning" title={t('notes.changingLocked')} />
      )}
      {editor.theirs ? <ColleagueChanged editor={editor} theirs={editor.theirs} /> : null}
      <Scale
        legend={t('notes.mood')}
        name="mood"
        value={note.mood}
        disabled={!editable}
        onChange={(mood) => update({ mood })}
      />
      <Scale
        legend={t('notes.engagement')}
        name="engagement"
        value={note.engagement}
        disabled={!editable}
        onChange={(engagement) => update({ engagement })}
      />
      <fieldset className="choice-row" disabled={!editable}>
        <legend>{t('notes.tags')}</legend>
        <div className="tag-choices">
          {noteTags.map((tag) => (
            <label key={tag} className="check-row tag-choice">
              <input
                type="checkbox"
                checked={note.tags.includes(tag)}
                onChange={(e) =>
                  update({
                    tags: e.target.checked
                      ? [...note.tags, tag]
                      : note.tags.filter((x) => x !== tag),
                  })
                }
              />
              {t(`notes.tag.${tag}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="meeting-note-text">{t('notes.text')}</label>
        <div id="meeting-note-text-hint" className="field-hint">
          {t('notes.textHint')}
        </div>
        <textarea
          id="meeting-note-text"
          rows={6}
          maxLength={20_000}
          readOnly={!editable}
          aria-describedby="meeting-note-text-hint"
          value={note.text}
          onChange={(e) => update({ text: e.target.value })}
        />
      </div>
      {roster.length > 0 ? (
        <details className="observations">
          <summary>{t('notes.observations')}</summary>
          <p className="field-hint">{t('notes.observationsHint')}</p>
          {roster.map((p) => (
            <div className="field" key={p.id}>
              <label htmlFor={`observation-${p.id}`}>{displayName(p, sharedScreen)}</label>
              <textarea
                id={`observation-${p.id}`}
                rows={2}
                maxLength={2_000}
                readOnly={!editable}
                value={observations[p.id] ?? ''}
                onChange={(e) => {
                  const next = { ...observations, [p.id]: e.target.value };
                  if (!e.target.value) delete next[p.id];
                  update({ observations: next });
                }}
              />
            </div>
          ))}
        </details>
      ) : null}
      <SaveStatus editor={editor} />
    </div>
  );
}

/** A colleague's newer notes came in while these were being changed: both kept, the person picks. */
function ColleagueChanged({ editor, theirs }: { editor: MeetingNoteEditor; theirs: MeetingNote }) {
  const { t } = useTranslation('meeting');
  return (
    <Notice tone="warning" live title={t('notes.colleagueChanged')}>
      <p>{t('notes.colleagueKept')}</p>
      {theirs.text ? <blockquote className="colleague-text">{theirs.text}</blockquote> : null}
      <div className="button-row">
        <button type="button" className="btn" onClick={editor.keepMine}>
          {t('notes.keepMine')}
        </button>
        <button type="button" className="btn" onClick={editor.takeTheirs}>
          {t('notes.takeTheirs')}
        </button>
      </div>
    </Notice>
  );
}

export function SaveStatus({ editor }: { editor: MeetingNoteEditor }) {
  const { t } = useTranslation('meeting');
  if (editor.access !== 'open') {
    if (!editor.editingLocked) return null;
    return (
      <>
        {editor.lockedSaveFailed ? (
          <Notice tone="error" live title={t('common:errors.saveFailed')} />
        ) : null}
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void editor.saveLockedEdit()}
        >
          {t('notes.saveLocked')}
        </button>
      </>
    );
  }
  if (editor.status === 'error') {
    return (
      <Notice tone="error" live title={t('common:errors.saveFailed')}>
        <button type="button" className="btn" onClick={() => void editor.retry()}>
          {t('notes.retry')}
        </button>
      </Notice>
    );
  }
  return (
    <p className="save-status" role="status">
      {editor.status === 'saving'
        ? t('notes.saving')
        : editor.status === 'saved'
          ? t('notes.saved')
          : ''}
    </p>
  );
}
