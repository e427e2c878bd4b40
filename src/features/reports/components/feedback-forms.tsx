/**
 * The two forms of the feedback kiosk: the check-out after each meeting and
 * the final one after the last. Every answer may stay empty; nothing asks who
 * is answering.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Meeting } from '../../../domain/meeting';
import {
  FEEDBACK_COMMENT_MAX,
  FEEDBACK_TEXT_MAX,
  recommendAnswers,
  threeWay,
  type Feedback,
} from '../../../domain/reports/feedback';
import { TextAreaField } from '../../../ui/field';
import { SaveActions } from '../../../ui/save-actions';
import { useSaveFeedbackMutation } from '../api/mutations';

const FACES = ['😢', '🙁', '😐', '🙂', '😄'] as const;

/** Each kiosk screen's heading takes focus, so a screen reader starts there. */
export function useFocusOnMount() {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}

function ThreeWayQuestion({
  name,
  legend,
  value,
  onChange,
}: {
  name: string;
  legend: string;
  value: string | undefined;
  onChange: (v: (typeof threeWay)[number]) => void;
}) {
  const { t } = useTranslation('reports');
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div className="answer-row">
        {threeWay.map((v) => (
          <label key={v} className="answer-option">
            <input type="radio" name={name} checked={value === v} onChange={() => onChange(v)} />
            {t(`kiosk.answers.${v}`)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function CheckoutForm({
  meeting,
  onSent,
}: {
  meeting: Meeting;
  /** `true` when the young person answered "No" to feeling safe. */
  onSent: (feltUnsafe: boolean) => void;
}) {
  const { t } = useTranslation('reports');
  const save = useSaveFeedbackMutation();
  const heading = useFocusOnMount();
  const [safe, setSafe] = useState<(typeof threeWay)[number]>();
  const [useful, setUseful] = useState<(typeof threeWay)[number]>();
  const [feeling, setFeeling] = useState<number>();
  const [comment, setComment] = useState('');
  const tooLong = comment.length > FEEDBACK_COMMENT_MAX;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (tooLong) return;
    const feedback: Feedback = {
      id: crypto.randomUUID(),
      kind: 'checkout',
      meetingId: meeting.id,
      cohortId: meeting.cohortId,
      date: meeting.date,
      ...(safe ? { safe } : {}),
      ...(useful ? { useful } : {}),
      ...(feeling !== undefined ? { feeling } : {}),
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    };
    await save.mutateAsync(feedback);
    onSent(safe === 'no');
  }

  return (
    <main id="main" className="feedback-kiosk">
      <h1 ref={heading} tabIndex={-1}>
        {t('kiosk.title')}
      </h1>
      <p>{t('kiosk.intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ThreeWayQuestion name="safe" legend={t('kiosk.safe')} value={safe} onChange={setSafe} />
        <ThreeWayQuestion
          name="useful"
          legend={t('kiosk.useful')}
          value={useful}
          onChange={setUseful}
        />
        <fieldset>
          <legend>{t('kiosk.feeling')}</legend>
          <div className="face-scale">
            {FACES.map((face, i) => (
              <label key={face} className="face-option">
                <input
                  type="radio"
                  name="feeling"
                  checked={feeling === i + 1}
                  onChange={() => setFeeling(i + 1)}
                />
                <span className="face" aria-hidden="true">
                  {face}
                </span>
                <span className="face-label">{t(`kiosk.faces.${i + 1}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <TextAreaField
          label={t('kiosk.comment')}
          hint={t('kiosk.commentHint')}
          value={comment}
          onChange={setComment}
          error={tooLong ? t('kiosk.tooLong', { max: FEEDBACK_COMMENT_MAX }) : undefined}
        />
        <SaveActions
          saving={save.isPending}
          failed={save.isError}
          failedText={t('kiosk.saveFailed')}
          saveLabel={t('kiosk.send')}
        />
      </form>
    </main>
  );
}

export function FinalForm({ meeting, onSent }: { meeting: Meeting; onSent: () => void }) {
  const { t } = useTranslation('reports');
  const save = useSaveFeedbackMutation();
  const heading = useFocusOnMount();
  const [helped, setHelped] = useState('');
  const [change, setChange] = useState('');
  const [recommend, setRecommend] = useState<(typeof recommendAnswers)[number]>();
  const tooLong = (s: string) =>
    s.length > FEEDBACK_TEXT_MAX ? t('kiosk.tooLong', { max: FEEDBACK_TEXT_MAX }) : undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (tooLong(helped) || tooLong(change)) return;
    await save.mutateAsync({
      id: crypto.randomUUID(),
      kind: 'final',
      meetingId: meeting.id,
      cohortId: meeting.cohortId,
      date: meeting.date,
      ...(helped.trim() ? { helped: helped.trim() } : {}),
      ...(change.trim() ? { change: change.trim() } : {}),
      ...(recommend ? { recommend } : {}),
    });
    onSent();
  }

  return (
    <main id="main" className="feedback-kiosk">
      <h1 ref={heading} tabIndex={-1}>
        {t('kiosk.finalTitle')}
      </h1>
      <p>{t('kiosk.finalIntro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextAreaField
          label={t('kiosk.helped')}
          rows={4}
          value={helped}
          onChange={setHelped}
          error={tooLong(helped)}
        />
        <TextAreaField
          label={t('kiosk.change')}
          rows={4}
          value={change}
          onChange={setChange}
          error={tooLong(change)}
        />
        <fieldset>
          <legend>{t('kiosk.recommend')}</legend>
          <div className="answer-row">
            {recommendAnswers.map((v) => (
              <label key={v} className="answer-option">
                <input
                  type="radio"
                  name="recommend"
                  checked={recommend === v}
                  onChange={() => setRecommend(v)}
                />
                {t(`kiosk.recommendAnswers.${v}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <SaveActions
          saving={save.isPending}
          failed={save.isError}
          failedText={t('kiosk.saveFailed')}
          saveLabel={t('kiosk.send')}
        />
      </form>
    </main>
  );
}
