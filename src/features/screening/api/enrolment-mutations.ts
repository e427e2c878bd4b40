/**
 * Write side of enrolment: every rule is checked again here against freshly
 * read data, with the same facts the journey page's preview uses
 * (`enrolmentFacts`), and every change goes through the enrolment store in
 * one transaction.
 */
import { useMutation } from '@tanstack/react-query';
import { useServices, type AppServices } from '../../../services/services';
import { ORGANISATION_ID } from '../../../db/keyring-store';
import { auditEntry, type AuditAction, type AuditEntry } from '../../../domain/audit';
import { todayInRiga } from '../../../domain/calendar-date';
import {
  checkEnrolment,
  decideEnrolment,
  planConfirmOffer,
  planEnrol,
  planLeave,
  type Enrolment,
  type EnrolmentChange,
} from '../../../domain/enrolment';
import { enrolmentFacts } from '../../../domain/enrolment-facts';
import { actorOf, RefusedError, useInvalidate } from './write-support';

/** Reads what every enrolment rule needs, fresh from storage. */
async function loadEnrolmentFacts(services: AppServices, participantId: string) {
  const { repos } = services;
  const [participant, referrals, screenings, enrolments, organisation] = await Promise.all([
    repos.participants.get(participantId),
    repos.referrals.listWhere('participantId', participantId),
    repos.screenings.listWhere('participantId', participantId),
    repos.enrolments.list(),
    repos.organisation.get(ORGANISATION_ID),
  ]);
  if (!participant) throw new RefusedError('not-found');
  return enrolmentFacts({
    participant,
    referrals: referrals.items,
    screenings: screenings.items,
    enrolments: enrolments.items,
    validityDays: organisation?.screeningValidityDays,
    today: todayInRiga(),
  });
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
      const facts = await loadEnrolmentFacts(services, input.participantId);
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
      const facts = await loadEnrolmentFacts(services, enrolment.participantId);
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
      const facts = await loadEnrolmentFacts(services, enrolment.participantId);
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
