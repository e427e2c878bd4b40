/**
 * Demo only: fictional referrals, screenings and enrolments for the demo
 * organisation's participants, so the journey page, the audit log, the
 * follow-up list and meeting mode's missing-episode signal have something to
 * show. Every word invented.
 *
 * The demo follows the product's own rules: each young person is referred,
 * then screened (with the current template), then enrolled, all before the
 * first meeting of their group; a parent's or legal representative's consent
 * is recorded only for under-18s; and one young person is routed by a red
 * answer to individual support, with a plan and follow-ups.
 */
import type { AppServices } from '../../services/services';
import { auditEntry, type AuditEntry } from '../../domain/audit';
import { addDays } from '../../domain/calendar-date';
import type { Cohort } from '../../domain/cohort';
import type { Enrolment } from '../../domain/enrolment';
import { moveFollowUp, type FollowUp } from '../../domain/follow-up';
import type { Meeting } from '../../domain/meeting';
import type { Participant } from '../../domain/participant';
import { ageOn, type Referral } from '../../domain/referral';
import { askedQuestions, type Screening } from '../../domain/screening';
import {
  completeScreening,
  type CompletedScreening,
  type ScreeningInput,
} from '../../domain/screening-complete';
import { emptyScreeningDraft } from '../../domain/screening-form';
import {
  screeningTemplateContentSchema,
  type AnswerValue,
  type SafetyQuestion,
} from '../../domain/screening-template';
import type { Staff } from '../../domain/staff';
import type { UiLanguage } from '../../i18n/languages';
import type { SupportPathway } from '../../domain/support-pathway';
import { demoJourneyWords as words } from './demo-journey-words';
import { shippedTemplateFile } from './templates/shipped';

/** The answer that raises no flag (green and no signal), for a demo screening with no risk. */
function safeAnswer(q: SafetyQuestion): AnswerValue {
  return (['no', 'yes', 'unsure'] as const).find((a) => q.risk[a] === 'green' && !q.signals?.[a])!;
}

export async function addDemoJourneys(
  services: AppServices,
  input: {
    participants: Participant[];
    cohorts: Cohort[];
    meetings: Meeting[];
    staff: Staff[];
    /** The young person routed to individual support (in no group). */
    supportedId: string;
    today: string;
    lng: UiLanguage;
  },
): Promise<void> {
  const { repos, vault } = services;
  const actorId = vault.session?.staffId;
  if (!actorId) return;
  const text = words[input.lng];
  const template = screeningTemplateContentSchema.parse(shippedTemplateFile(input.lng));
  const referrals: Referral[] = [];
  const screenings: Screening[] = [];
  const enrolments: Enrolment[] = [];
  const followUps: FollowUp[] = [];
  const pathways: SupportPathway[] = [];
  const audit: AuditEntry[] = [];
  const at = (date: string) => new Date(`${date}T10:00:00Z`);
  const related = (participantId: string) => ({ participantId });

  function refer(participant: Participant, i: number, referredOn: string, reason: string) {
    const dateOfBirth = `${participant.birthYear ?? 2009}-0${(i % 9) + 1}-15`;
    const age = ageOn(dateOfBirth, referredOn);
    const referral: Referral = {
      id: crypto.randomUUID(),
      participantId: participant.id,
      legalName: '',
      dateOfBirth,
      referrer: { role: 'social-worker', organisation: text.organisation, contact: '' },
      reason,
      // A parent's or legal representative's consent only where the young person is under 18.
      consent: { youngPerson: true, guardian: age < 18 },
      referredOn,
      createdAt: at(referredOn).toISOString(),
    };
    referrals.push(referral);
    audit.push(
      auditEntry(
        {
          actorId: actorId!,
          action: 'referral-created',
          subject: { table: 'referrals', id: referral.id },
          related: related(participant.id),
        },
        at(referredOn),
      ),
    );
    return age;
  }

  /** Screens through the product's own rule (`completeScreening`), as a coordinator would. */
  function screen(
    participantId: string,
    age: number,
    screenedOn: string,
    fields: Pick<ScreeningInput, 'outcome' | 'rationale' | 'groupFit'> &
      Partial<
        Pick<ScreeningInput, 'overrideReason' | 'nextStepOwnerId' | 'nextStepBy' | 'pathway'>
      > & {
        answers: Record<string, { answer: AnswerValue; note?: string }>;
        youngPerson: string;
      },
  ): CompletedScreening {
    const answers: ScreeningInput['answers'] = {};
    for (const q of askedQuestions(template.questions, age)) {
      const given = fields.answers[q.id];
      answers[q.id] = { answer: given?.answer ?? safeAnswer(q), note: given?.note ?? '' };
    }
    const review = completeScreening(
      template,
      {
        ...emptyScreeningDraft(fields.groupFit.language, screenedOn),
        ...fields,
        participantId,
        age,
        answers,
        conversations: [
          {
            with: 'social-worker',
            date: addDays(screenedOn, -2),
            who: '',
            summary: text.socialWorker,
          },
          { with: 'young-person', date: screenedOn, who: '', summary: fields.youngPerson },
        ],
      },
      { staffId: actorId! },
      screenedOn,
      at(screenedOn),
    );
    if (!review.completed)
      throw new Error(`A demo screening breaks a rule: ${Object.keys(review.problems).join(', ')}`);
    screenings.push(review.completed.screening);
    audit.push(...review.completed.audit);
    return review.completed;
  }

  for (const cohort of input.cohorts) {
    const firstMeeting = input.meetings
      .filter((m) => m.cohortId === cohort.id)
      .map((m) => m.date)
      .sort()[0]!;
    cohort.participantIds.forEach((participantId, i) => {
      const participant = input.participants.find((p) => p.id === participantId)!;
      // Referred, screened and enrolled, in that order, before the group's first meeting.
      const screenedOn = addDays(firstMeeting, -14 - i);
      const referredOn = addDays(screenedOn, -7 - (i % 5));
      const enrolledOn = addDays(screenedOn, 2);
      const age = refer(participant, i, referredOn, text.reason[cohort.programmeId] ?? '');
      // One young person had recent missing episodes: amber, a group with a written reason.
      const missing = i === 2;
      screen(participantId, age, screenedOn, {
        answers: missing ? { 'missing-episodes': { answer: 'yes' } } : {},
        youngPerson: text.youngPerson,
        outcome: 'group',
        rationale: text.rationale,
        ...(missing ? { overrideReason: text.override } : {}),
        groupFit: {
          language: cohort.language,
          composition: cohort.composition,
          accessNeeds: '',
          times: '',
        },
      });
      const enrolment: Enrolment = {
        id: crypto.randomUUID(),
        participantId,
        cohortId: cohort.id,
        status: 'enrolled',
        enrolledOn,
        createdAt: at(enrolledOn).toISOString(),
      };
      enrolments.push(enrolment);
      audit.push(
        auditEntry(
          {
            actorId,
            action: 'enrolled',
            subject: { table: 'enrolments', id: enrolment.id },
            related: { participantId, cohortId: cohort.id },
          },
          at(enrolledOn),
        ),
      );
    });
  }

  // Red → individual support: thoughts of self-harm now. Same-day steps, a plan, follow-ups.
  const supported = input.participants.find((p) => p.id === input.supportedId);
  if (supported) {
    const s = text.supported;
    const screenedOn = addDays(input.today, -6);
    const age = refer(supported, 4, addDays(input.today, -12), s.reason);
    const keyWorker = input.staff[2] ?? input.staff[0]!;
    const { pathway, followUps: steps } = screen(supported.id, age, screenedOn, {
      answers: { 'self-harm-now': { answer: 'yes', note: s.selfHarmNote } },
      youngPerson: s.youngPerson,
      outcome: 'individual-support',
      rationale: s.rationale,
      nextStepOwnerId: actorId,
      nextStepBy: screenedOn,
      pathway: {
        keyWorkerId: keyWorker.id,
        agreedSupport: s.agreedSupport,
        reviewOn: addDays(input.today, 8),
        groupScreeningFrom: addDays(input.today, 36),
      },
      groupFit: { language: 'lv', composition: 'girls', accessNeeds: '', times: '' },
    });
    if (pathway) pathways.push(pathway);
    // The same-day next step was done the day after: closed with what happened.
    const nextStep = steps.find((f) => f.kind === 'screening-next-step')!;
    const closed = moveFollowUp(nextStep, 'closed', {
      by: actorId,
      closingNote: s.closingNote,
      now: at(addDays(screenedOn, 1)),
    });
    followUps.push(...steps.map((f) => (f === nextStep && closed.ok ? closed.followUp : f)));
    audit.push(
      auditEntry(
        {
          actorId,
          action: 'follow-up-closed',
          subject: { table: 'followUps', id: nextStep.id },
        },
        at(addDays(screenedOn, 1)),
      ),
    );
  }

  await repos.referrals.bulkPut(referrals);
  await repos.screenings.bulkPut(screenings);
  await repos.enrolments.bulkPut(enrolments);
  await repos.followUps.bulkPut(followUps);
  await repos.supportPathways.bulkPut(pathways);
  await repos.audit.bulkPut(audit);
}
