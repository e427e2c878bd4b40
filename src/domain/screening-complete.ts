/**
 * Completing a screening: the one rule that turns what the coordinator filled
 * in into what is written. The screening page calls it on every change (to
 * show the proposal and the problems) and the save calls it again on the same
 * input, so the page cannot propose one thing and the record say another.
 */
import { auditEntry, type AuditEntry } from './audit';
import { screeningFollowUp, type FollowUp, type ScreeningFollowUpKind } from './follow-up';
import {
  askedQuestions,
  isOverride,
  needsNextStep,
  needsSameDayResponse,
  proposeScreening,
  recordedNeeds,
  type Outcome,
  type Proposal,
  type Screening,
} from './screening';
import {
  emptyPathway,
  isConversationWith,
  validateScreening,
  type ScreeningDraft,
  type ScreeningField,
  type ScreeningForm,
  type ScreeningProblem,
} from './screening-form';
import type { SafetyQuestion, ScreeningTemplateContent } from './screening-template';
import type { SupportPathway } from './support-pathway';

/** What the coordinator filled in, for whom, and the young person's age if known. */
export type ScreeningInput = ScreeningDraft & { participantId: string; age?: number | undefined };

export interface ScreeningActor {
  /** The staff member completing the screening. */
  staffId: string;
  /**
   * Staff who can still sign in: only they may own a next step or be a key
   * worker. Not checked while unknown (the page's staff list still loading);
   * the save always passes it.
   */
  activeStaffIds?: readonly string[] | undefined;
}

/** What to write when the screening is complete, in one transaction. */
export interface CompletedScreening {
  screening: Screening;
  followUps: FollowUp[];
  pathway?: SupportPathway;
  audit: AuditEntry[];
}

export interface ScreeningReview {
  /** The questions asked of this young person, in template order. */
  questions: SafetyQuestion[];
  proposal: Proposal | undefined;
  /** The outcome chosen, or the proposal until one is chosen. */
  outcome: Outcome | '';
  /** A group chosen against the proposal: needs a written reason. */
  overriding: boolean;
  withNextStep: boolean;
  sameDay: boolean;
  problems: Partial<Record<ScreeningField, ScreeningProblem>>;
  /** Present only when there are no problems. */
  completed?: CompletedScreening;
}

/** The form as validated: the chosen outcome falls back to the proposal. */
function formOf(input: ScreeningInput, outcome: Outcome | ''): ScreeningForm {
  return {
    ...input,
    outcome,
    nextStepOwnerId: input.nextStepOwnerId ?? '',
    pathway: input.pathway ?? emptyPathway(),
  };
}

export function completeScreening(
  template: Pick<ScreeningTemplateContent, 'id' | 'version' | 'language' | 'questions'>,
  input: ScreeningInput,
  actor: ScreeningActor,
  today: string,
  now: Date = new Date(),
): ScreeningReview {
  const questions = askedQuestions(template.questions, input.age);
  const proposal = proposeScreening(template.questions, input.answers, input.age);
  const outcome: Outcome | '' = input.outcome || proposal?.outcome || '';
  const form = formOf(input, outcome);
  const problems = validateScreening(template.questions, form, today);
  const withNextStep = needsNextStep(outcome, questions, input.answers);
  // Owners are staff members who can still sign in, never free text.
  const active = actor.activeStaffIds;
  const isActiveStaff = (id: string) => !active || active.includes(id);
  if (withNextStep && !problems.nextStepOwner && !isActiveStaff(form.nextStepOwnerId))
    problems.nextStepOwner = 'no-next-step-owner';
  if (
    outcome === 'individual-support' &&
    !problems.keyWorker &&
    !isActiveStaff(form.pathway!.keyWorkerId)
  )
    problems.keyWorker = 'no-key-worker';
  const review: ScreeningReview = {
    questions,
    proposal,
    outcome,
    overriding: isOverride(proposal?.outcome, outcome || undefined),
    withNextStep,
    sameDay: needsSameDayResponse(questions, input.answers),
    problems,
  };
  if (Object.keys(problems).length > 0 || !proposal || !outcome) return review;
  const completed = record({ template, input, form, proposal, outcome, actor, today, now });
  return { ...review, completed };
}

function record({
  template,
  input,
  form,
  proposal,
  outcome,
  actor,
  today,
  now,
}: {
  template: Pick<ScreeningTemplateContent, 'id' | 'version' | 'language' | 'questions'>;
  input: ScreeningInput;
  form: ScreeningForm;
  proposal: Proposal;
  outcome: Outcome;
  actor: ScreeningActor;
  today: string;
  now: Date;
}): CompletedScreening {
  const { participantId } = input;
  const asked = askedQuestions(template.questions, input.age);
  const answers: Screening['answers'] = {};
  for (const q of asked) {
    const a = input.answers[q.id]!;
    answers[q.id] = { answer: a.answer, note: a.note.trim() };
  }
  const overridden = isOverride(proposal.outcome, outcome);
  const withNextStep = needsNextStep(outcome, asked, input.answers);
  const screening: Screening = {
    id: crypto.randomUUID(),
    participantId,
    template: { id: template.id, version: template.version, language: template.language },
    questions: asked,
    answers,
    // validateScreening has refused any conversation of an unknown kind.
    conversations: form.conversations.flatMap((c) =>
      isConversationWith(c.with)
        ? [{ with: c.with, date: c.date, who: c.who.trim(), summary: c.summary.trim() }]
        : [],
    ),
    needs: input.needs,
    groupFit: input.groupFit,
    proposedOutcome: proposal.outcome,
    outcome,
    rationale: form.rationale.trim(),
    ...(overridden ? { overrideReason: form.overrideReason.trim() } : {}),
    ...(withNextStep ? { nextStep: { ownerId: form.nextStepOwnerId, by: form.nextStepBy } } : {}),
    ...(outcome === 'not-now' ? { rescreenOn: form.rescreenOn } : {}),
    ...(input.age !== undefined ? { age: input.age } : {}),
    completedOn: today,
    completedBy: actor.staffId,
    createdAt: now.toISOString(),
  };

  // Every next step becomes a follow-up with its owner and due date.
  const followUps: FollowUp[] = [];
  const follow = (
    kind: ScreeningFollowUpKind,
    ownerId: string,
    dueDate: string,
    pathwayId?: string,
  ) =>
    followUps.push(
      screeningFollowUp(
        {
          kind,
          participantId,
          screeningId: screening.id,
          ownerId,
          dueDate,
          ...(pathwayId ? { pathwayId } : {}),
        },
        now,
      ),
    );
  if (outcome !== 'group') follow('screening-next-step', form.nextStepOwnerId, form.nextStepBy);
  if (outcome === 'not-now') follow('rescreen', form.nextStepOwnerId, form.rescreenOn);
  if (recordedNeeds(asked, input.answers).length > 0)
    follow('screening-need', form.nextStepOwnerId, form.nextStepBy);
  let pathway: SupportPathway | undefined;
  if (outcome === 'individual-support' && form.pathway) {
    pathway = {
      id: crypto.randomUUID(),
      participantId,
      screeningId: screening.id,
      keyWorkerId: form.pathway.keyWorkerId,
      agreedSupport: form.pathway.agreedSupport.trim(),
      reviewOn: form.pathway.reviewOn,
      groupScreeningFrom: form.pathway.groupScreeningFrom,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    follow('support-review', pathway.keyWorkerId, pathway.reviewOn, pathway.id);
  }

  const subject = { table: 'screenings', id: screening.id };
  const related = { participantId };
  const actorId = actor.staffId;
  const audit: AuditEntry[] = [
    auditEntry({ actorId, action: 'screening-created', subject, related }, now),
    auditEntry({ actorId, action: 'screening-outcome-set', subject, related }, now),
  ];
  if (overridden)
    audit.push(
      auditEntry({ actorId, action: 'screening-outcome-overridden', subject, related }, now),
    );
  return { screening, followUps, ...(pathway ? { pathway } : {}), audit };
}
