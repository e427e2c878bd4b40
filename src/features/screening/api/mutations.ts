/**
 * Write side of referral → screening → enrolment. Every write that spans
 * tables goes through the enrolment store (one transaction); every rule is
 * checked again here against freshly read data, not only in the form.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useServices, type AppServices } from '../../../services/services';
import { screeningDraftId } from '../../../crypto/record-ids';
import { ORGANISATION_ID } from '../../../db/keyring-store';
import { auditEntry, type AuditAction, type AuditEntry } from '../../../domain/audit';
import { todayInRiga } from '../../../domain/calendar-date';
import {
  checkEnrolment,
  decideEnrolment,
  planConfirmOffer,
  planEnrol,
  planLeave,
  type Blocker,
  type Enrolment,
  type EnrolmentChange,
} from '../../../domain/enrolment';
import type { Participant } from '../../../domain/participant';
import { nextParticipantCode } from '../../../domain/participant-code';
import {
  currentAge,
  formAge,
  validateReferral,
  type Referral,
  type ReferralForm,
} from '../../../domain/referral';
import {
  DEFAULT_SCREENING_VALIDITY_DAYS,
  askedQuestions,
  isOverride,
  needsNextStep,
  proposeScreening,
  recordedNeeds,
  validateScreening,
  type Screening,
  type ScreeningForm,
} from '../../../domain/screening';
import {
  screeningFollowUp,
  type FollowUp,
  type ScreeningFollowUpKind,
} from '../../../domain/follow-up';
import type { SupportPathway } from '../../../domain/support-pathway';
import { followUpQueries } from '../../../entities/follow-ups/queries';
import { adaptTemplate, type ScreeningTemplateContent } from '../../../domain/screening-template';
import { participantQueries } from '../../../entities/participants/queries';
import { cohortQueries } from '../../../entities/cohorts/queries';
import { screeningQueries } from '../../../entities/screenings/keys';

/** A rule refused the write; `code` names which, for the message shown. */
export class RefusedError extends Error {
  constructor(readonly code: Blocker | 'override-reason-needed' | 'invalid' | 'not-found') {
    super(code);
    this.name = 'RefusedError';
  }
}

function actorOf(services: AppServices): string {
  const staffId = services.vault.session?.staffId;
  if (!staffId) throw new Error('locked');
  return staffId;
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: screeningQueries.all }),
      queryClient.invalidateQueries({ queryKey: participantQueries.all }),
      queryClient.invalidateQueries({ queryKey: cohortQueries.all }),
      queryClient.invalidateQueries({ queryKey: followUpQueries.all }),
    ]);
}

export function useCreateReferralMutation() {
  const services = useServices();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async (form: ReferralForm): Promise<Participant> => {
      const today = todayInRiga();
      if (Object.keys(validateReferral(form, today)).length > 0) throw new RefusedError('invalid');
      const actorId = actorOf(services);
      const { repos } = services;
      const existing = await repos.participants.list();
      const now = new Date();
      const age = formAge(form, today)!;
      const participant: Participant = {
        id: crypto.randomUUID(),
        code: nextParticipantCode(
          existing.items.map((p) => p.code),
          Number(today.slice(0, 4)),
        ),
        chosenName: form.chosenName.trim(),
        gender: form.gender || 'unspecified',
        birthYear:
          form.ageKnown === 'dob' ? Number(form.dateOfBirth.slice(0, 4)) : now.getFullYear() - age,
        languages: form.languages,
        createdAt: now.toISOString(),
      };
      const referral: Referral = {
        id: crypto.randomUUID(),
        participantId: participant.id,
        legalName: form.legalName.trim(),
        ...(form.ageKnown === 'dob' ? { dateOfBirth: form.dateOfBirth } : { ageAtReferral: age }),
        referrer: {
          role: form.referrerRole || 'other',
          organisation: form.referrerOrganisation.trim(),
          contact: form.referrerContact.trim(),
        },
        reason: form.reason.trim(),
        consent: { youngPerson: true, guardian: form.consentGuardian },
        referredOn: today,
        createdAt: now.toISOString(),
      };
      await services.stores.enrolment.createReferral(participant, referral, [
        auditEntry({
          actorId,
          action: 'referral-created',
          subject: { table: 'referrals', id: referral.id },
          related: { participantId: participant.id },
        }),
      ]);
      return participant;
    },
    onSuccess: invalidate,
  });
}

/** Keeps the half-finished screening form, sealed, so a lock or reload loses nothing. */
export function useSaveScreeningDraftMutation(participantId: string) {
  const { repos } = useServices();
  return useMutation({
    mutationFn: (value: unknown) =>
      repos.drafts.put({
        id: screeningDraftId(participantId),
        value,
        savedAt: new Date().toISOString(),
      }),
  });
}

export interface CompleteScreeningInput {
  participantId: string;
  template: ScreeningTemplateContent;
  form: ScreeningForm;
  needs: Screening['needs'];
  groupFit: Screening['groupFit'];
}

export function useCompleteScreeningMutation() {
  const services = useServices();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async (input: CompleteScreeningInput): Promise<Screening> => {
      const { template, form, participantId } = input;
      const today = todayInRiga();
      if (Object.keys(validateScreening(template.questions, form, today)).length > 0)
        throw new RefusedError('invalid');
      if (!(await services.repos.participants.get(participantId)))
        throw new RefusedError('not-found');
      const actorId = actorOf(services);
      // The same rule as the form, on the same answers: the page cannot propose one thing and save another.
      const proposed = proposeScreening(template.questions, form.answers, form.age)!.outcome;
      const outcome = form.outcome as Screening['outcome'];
      const overridden = isOverride(proposed, outcome);
      const asked = askedQuestions(template.questions, form.age);
      const answers: Screening['answers'] = {};
      for (const q of asked) {
        const a = form.answers[q.id]!;
        answers[q.id] = { answer: a.answer, note: a.note.trim() };
      }
      const withNextStep = needsNextStep(outcome, asked, form.answers);
      // Owners are staff members who can still sign in, never free text.
      const staff = await services.repos.staff.list();
      const isActiveStaff = (id: string | undefined) =>
        staff.items.some((m) => m.id === id && m.active);
      if (withNextStep && !isActiveStaff(form.nextStepOwnerId)) throw new RefusedError('invalid');
      if (outcome === 'individual-support' && !isActiveStaff(form.pathway?.keyWorkerId))
        throw new RefusedError('invalid');
      const now = new Date();
      const screening: Screening = {
        id: crypto.randomUUID(),
        participantId,
        template: { id: template.id, version: template.version, language: template.language },
        questions: asked,
        answers,
        conversations: form.conversations.map((c) => ({
          with: c.with as Screening['conversations'][number]['with'],
          date: c.date,
          who: c.who.trim(),
          summary: c.summary.trim(),
        })),
        needs: input.needs,
        groupFit: input.groupFit,
        proposedOutcome: proposed,
        outcome,
        rationale: form.rationale.trim(),
        ...(overridden ? { overrideReason: form.overrideReason.trim() } : {}),
        ...(withNextStep
          ? { nextStep: { ownerId: form.nextStepOwnerId, by: form.nextStepBy } }
          : {}),
        ...(outcome === 'not-now' ? { rescreenOn: form.rescreenOn } : {}),
        ...(form.age !== undefined ? { age: form.age } : {}),
        completedOn: today,
        completedBy: actorId,
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
      if (recordedNeeds(asked, form.answers).length > 0)
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
      const audit: AuditEntry[] = [
        auditEntry({ actorId, action: 'screening-created', subject, related }, now),
        auditEntry({ actorId, action: 'screening-outcome-set', subject, related }, now),
      ];
      if (overridden)
        audit.push(
          auditEntry({ actorId, action: 'screening-outcome-overridden', subject, related }, now),
        );
      await services.stores.enrolment.completeScreening(
        screening,
        screeningDraftId(participantId),
        audit,
        { followUps, ...(pathway ? { pathway } : {}) },
      );
      return screening;
    },
    onSuccess: invalidate,
  });
}

/** Reads what every enrolment rule needs, fresh from storage. */
async function enrolmentFacts(services: AppServices, participantId: string) {
  const { repos } = services;
  const [participant, referrals, screenings, enrolments, organisation] = await Promise.all([
    repos.participants.get(participantId),
    repos.referrals.listWhere('participantId', participantId),
    repos.screenings.listWhere('participantId', participantId),
    repos.enrolments.list(),
    repos.organisation.get(ORGANISATION_ID),
  ]);
  if (!participant) throw new RefusedError('not-found');
  const today = todayInRiga();
  const referral = referrals.items.sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  return {
    participant,
    age:
      currentAge(referral, today) ??
      (participant.birthYear ? Number(today.slice(0, 4)) - participant.birthYear : undefined),
    screenings: screenings.items,
    enrolments: enrolments.items,
    validityDays: organisation?.screeningValidityDays ?? DEFAULT_SCREENING_VALIDITY_DAYS,
    today,
  };
}

function auditFor(
  actorId: string,
  change: EnrolmentChange,
  main: { action: AuditAction; enrolment: Enrolment },
  extra: AuditAction[] = [],
): AuditEntry[] {
  const now = new Date();
  const entry = (action: AuditAction, e: Enrolment) =>
    auditEntry(
      {
        actorId,
        action,
        subject: { table: 'enrolments', id: e.id },
        related: { participantId: e.participantId, cohortId: e.cohortId },
      },
      now,
    );
  const entries = [
    entry(main.action, main.enrolment),
    ...extra.map((a) => entry(a, main.enrolment)),
  ];
  if (change.offered) entries.push(entry('place-offered', change.offered));
  return entries;
}

export function useEnrolMutation() {
  const services = useServices();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async (input: {
      participantId: string;
      cohortId: string;
      overrideReason: string;
    }): Promise<EnrolmentChange> => {
      const facts = await enrolmentFacts(services, input.participantId);
      const cohort = await services.repos.cohorts.get(input.cohortId);
      if (!cohort) throw new RefusedError('not-found');
      const check = checkEnrolment({ cohort, ...facts });
      const decision = decideEnrolment(check, input.overrideReason);
      if (!decision.ok) throw new RefusedError(decision.reason);
      const actorId = actorOf(services);
      const change = planEnrol({
        cohort,
        participantId: input.participantId,
        status: decision.status,
        enrolments: facts.enrolments,
        today: facts.today,
        ...(check.mismatches.length > 0 ? { overrideReason: input.overrideReason } : {}),
      });
      const enrolment = change.enrolments[0]!;
      await services.stores.enrolment.applyEnrolmentChange({
        enrolments: change.enrolments,
        cohorts: [change.cohort],
        audit: auditFor(
          actorId,
          change,
          { action: decision.status === 'enrolled' ? 'enrolled' : 'waitlisted', enrolment },
          check.mismatches.length > 0 ? ['enrolment-override'] : [],
        ),
      });
      return change;
    },
    onSuccess: invalidate,
  });
}

/** Withdraw (or decline an offered place): history kept, a freed place offered to the next person. */
export function useWithdrawMutation() {
  const services = useServices();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async (input: { enrolmentId: string; reason: string }) => {
      if (!input.reason.trim()) throw new RefusedError('invalid');
      const { repos } = services;
      const [enrolment, all] = await Promise.all([
        repos.enrolments.get(input.enrolmentId),
        repos.enrolments.list(),
      ]);
      if (!enrolment) throw new RefusedError('not-found');
      const cohort = await repos.cohorts.get(enrolment.cohortId);
      if (!cohort) throw new RefusedError('not-found');
      const change = planLeave({
        enrolment,
        cohort,
        enrolments: all.items,
        today: todayInRiga(),
        reason: input.reason,
      });
      await services.stores.enrolment.applyEnrolmentChange({
        enrolments: change.enrolments,
        cohorts: [change.cohort],
        audit: auditFor(actorOf(services), change, {
          action: 'withdrawn',
          enrolment: change.enrolments[0]!,
        }),
      });
      return change;
    },
    onSuccess: invalidate,
  });
}

/** Moves someone to another group: the old place ends as "transferred", the new one follows the rules. */
export function useTransferMutation() {
  const services = useServices();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async (input: {
      enrolmentId: string;
      toCohortId: string;
      reason: string;
      overrideReason: string;
    }) => {
      if (!input.reason.trim()) throw new RefusedError('invalid');
      const { repos } = services;
      const enrolment = await repos.enrolments.get(input.enrolmentId);
      if (!enrolment || enrolment.cohortId === input.toCohortId)
        throw new RefusedError('not-found');
      const facts = await enrolmentFacts(services, enrolment.participantId);
      const [from, to] = await Promise.all([
        repos.cohorts.get(enrolment.cohortId),
        repos.cohorts.get(input.toCohortId),
      ]);
      if (!from || !to) throw new RefusedError('not-found');
      const check = checkEnrolment({ cohort: to, ...facts });
      const decision = decideEnrolment(check, input.overrideReason);
      if (!decision.ok) throw new RefusedError(decision.reason);
      const leave = planLeave({
        enrolment,
        cohort: from,
        enrolments: facts.enrolments,
        today: facts.today,
        reason: input.reason,
        status: 'transferred',
        transferredTo: to.id,
      });
      const join = planEnrol({
        cohort: to,
        participantId: enrolment.participantId,
        status: decision.status,
        enrolments: facts.enrolments,
        today: facts.today,
        ...(check.mismatches.length > 0 ? { overrideReason: input.overrideReason } : {}),
      });
      const actorId = actorOf(services);
      await services.stores.enrolment.applyEnrolmentChange({
        enrolments: [...leave.enrolments, ...join.enrolments],
        cohorts: [leave.cohort, join.cohort],
        audit: [
          ...auditFor(actorId, leave, { action: 'transferred', enrolment: leave.enrolments[0]! }),
          ...auditFor(
            actorId,
            join,
            {
              action: decision.status === 'enrolled' ? 'enrolled' : 'waitlisted',
              enrolment: join.enrolments[0]!,
            },
            check.mismatches.length > 0 ? ['enrolment-override'] : [],
          ),
        ],
      });
      return { leave, join };
    },
    onSuccess: invalidate,
  });
}

/** The coordinator confirms an offered place; the screening must still be current. */
export function useConfirmOfferMutation() {
  const services = useServices();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async (input: { enrolmentId: string; overrideReason: string }) => {
      const { repos } = services;
      const enrolment = await repos.enrolments.get(input.enrolmentId);
      if (!enrolment || enrolment.status !== 'offered') throw new RefusedError('not-found');
      const cohort = await repos.cohorts.get(enrolment.cohortId);
      if (!cohort) throw new RefusedError('not-found');
      const facts = await enrolmentFacts(services, enrolment.participantId);
      const check = checkEnrolment({ cohort, ...facts, ignoreEnrolmentId: enrolment.id });
      const decision = decideEnrolment({ ...check, full: false }, input.overrideReason);
      if (!decision.ok) throw new RefusedError(decision.reason);
      const change = planConfirmOffer({
        enrolment,
        cohort,
        today: facts.today,
        ...(check.mismatches.length > 0 ? { overrideReason: input.overrideReason } : {}),
      });
      await services.stores.enrolment.applyEnrolmentChange({
        enrolments: change.enrolments,
        cohorts: [change.cohort],
        audit: auditFor(
          actorOf(services),
          change,
          { action: 'enrolled', enrolment: change.enrolments[0]! },
          check.mismatches.length > 0 ? ['enrolment-override'] : [],
        ),
      });
      return change;
    },
    onSuccess: invalidate,
  });
}

export function useSaveValidityDaysMutation() {
  const services = useServices();
  const invalidate = useInvalidate();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (days: number) => {
      const organisation = await services.repos.organisation.get(ORGANISATION_ID);
      if (!organisation) throw new RefusedError('not-found');
      const actorId = actorOf(services);
      await services.repos.organisation.put({ ...organisation, screeningValidityDays: days });
      await services.repos.audit.put(
        auditEntry({
          actorId,
          action: 'screening-settings-changed',
          subject: { table: 'organisation', id: ORGANISATION_ID },
        }),
      );
    },
    onSuccess: async () => {
      await invalidate();
      await queryClient.invalidateQueries({ queryKey: ['organisation'] });
    },
  });
}

/** Adapting the screening template always saves a copy with the next version. */
export function useAdaptTemplateMutation() {
  const services = useServices();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async (input: {
      base: ScreeningTemplateContent;
      title: string;
      questions: ScreeningTemplateContent['questions'];
    }) => {
      const actorId = actorOf(services);
      const copies = await services.repos.screeningTemplates.list();
      const copy = adaptTemplate(
        input.base,
        {
          title: input.title.trim(),
          questions: input.questions.map((q) => ({ ...q, text: q.text.trim() })),
        },
        copies.items.filter((c) => c.language === input.base.language).map((c) => c.version),
      );
      await services.repos.screeningTemplates.put(copy);
      await services.repos.audit.put(
        auditEntry({
          actorId,
          action: 'screening-template-adapted',
          subject: { table: 'screeningTemplates', id: copy.id },
        }),
      );
      return copy;
    },
    onSuccess: invalidate,
  });
}
