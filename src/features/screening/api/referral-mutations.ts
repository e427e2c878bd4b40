/** Write side of a referral: a new participant and their referral, in one transaction. */
import { useMutation } from '@tanstack/react-query';
import { useServices } from '../../../services/services';
import { auditEntry } from '../../../domain/audit';
import { todayInRiga } from '../../../domain/calendar-date';
import type { Participant } from '../../../domain/participant';
import { nextParticipantCode } from '../../../domain/participant-code';
import {
  formAge,
  validateReferral,
  type Referral,
  type ReferralForm,
} from '../../../domain/referral';
import { actorOf, RefusedError, useInvalidate } from './write-support';

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
