/**
 * Demo only: fictional referrals, screenings and enrolments for the demo
 * organisation's participants, so the journey page, the audit log and meeting
 * mode's missing-episode signal have something to show. Every word invented.
 */
import type { AppServices } from '../../app/services';
import { auditEntry, type AuditEntry } from '../../domain/audit';
import { addDays } from '../../domain/calendar-date';
import type { Cohort } from '../../domain/cohort';
import type { Enrolment } from '../../domain/enrolment';
import type { Participant } from '../../domain/participant';
import type { Referral } from '../../domain/referral';
import { emptyNeeds, proposeOutcome, type Screening } from '../../domain/screening';
import { screeningTemplateContentSchema } from '../../domain/screening-template';
import type { UiLanguage } from '../../i18n/languages';
import { shippedTemplateFile } from './templates/shipped';

const words = {
  lv: {
    reason: 'Sociālā darbiniece iesaka vienaudžu atbalsta grupu; jaunietis pats izrādīja interesi.',
    organisation: 'Demo sociālais dienests',
    youngPerson: 'Saruna centrā; vēlas pievienoties grupai.',
    socialWorker: 'Telefonsaruna ar sociālo darbinieci; bažu nav.',
    rationale: 'Riski nav konstatēti; grupa atbilst vecumam un valodai.',
    override:
      'Pazušanas gadījumi bija pirms pārcelšanās; tagad dzīvesvieta ir stabila (apstiprina sociālā darbiniece).',
  },
  en: {
    reason:
      'The social worker recommends a peer support group; the young person asked about it too.',
    organisation: 'Demo social service',
    youngPerson: 'Talked at the centre; wants to join the group.',
    socialWorker: 'Phone call with the social worker; no concerns.',
    rationale: 'No risks found; the group fits their age and language.',
    override:
      'The missing episodes were before the move; the placement is stable now (confirmed by the social worker).',
  },
  ru: {
    reason:
      'Социальный работник рекомендует группу поддержки сверстников; подросток и сам спрашивал о ней.',
    organisation: 'Демо-социальная служба',
    youngPerson: 'Поговорили в центре; хочет присоединиться к группе.',
    socialWorker: 'Телефонный разговор с социальным работником; поводов для беспокойства нет.',
    rationale: 'Рисков не выявлено; группа подходит по возрасту и языку.',
    override:
      'Случаи исчезновения были до переезда; сейчас место проживания стабильное (подтверждает социальный работник).',
  },
  uk: {
    reason:
      'Соціальний працівник рекомендує групу підтримки однолітків; молода людина й сама питала про неї.',
    organisation: 'Демо-соціальна служба',
    youngPerson: 'Поговорили в центрі; хоче приєднатися до групи.',
    socialWorker: 'Телефонна розмова із соціальним працівником; приводів для занепокоєння немає.',
    rationale: 'Ризиків не виявлено; група підходить за віком і мовою.',
    override:
      'Випадки зникнення були до переїзду; зараз місце проживання стабільне (підтверджує соціальний працівник).',
  },
} satisfies Record<UiLanguage, Record<string, string>>;

export async function addDemoJourneys(
  services: AppServices,
  input: { participants: Participant[]; cohorts: Cohort[]; today: string; lng: UiLanguage },
): Promise<void> {
  const { repos, vault } = services;
  const actorId = vault.session?.staffId;
  if (!actorId) return;
  const text = words[input.lng];
  const template = screeningTemplateContentSchema.parse(shippedTemplateFile(input.lng));
  const referrals: Referral[] = [];
  const screenings: Screening[] = [];
  const enrolments: Enrolment[] = [];
  const audit: AuditEntry[] = [];
  const at = (date: string) => new Date(`${date}T10:00:00Z`);

  for (const cohort of input.cohorts) {
    cohort.participantIds.forEach((participantId, i) => {
      const referredOn = addDays(cohort.firstDate, -30 - i);
      const screenedOn = addDays(input.today, -20 - i);
      const participant = input.participants.find((p) => p.id === participantId)!;
      // One young person had recent missing episodes: amber, a group with a written reason.
      const missing = i === 2;
      const answers: Screening['answers'] = {};
      for (const q of template.questions) {
        const safe = q.risk.yes === 'green' ? 'yes' : 'no';
        answers[q.id] = { answer: missing && q.id === 'missing-episodes' ? 'yes' : safe, note: '' };
      }
      const referral: Referral = {
        id: crypto.randomUUID(),
        participantId,
        legalName: '',
        ...(participant.birthYear
          ? { dateOfBirth: `${participant.birthYear}-0${(i % 9) + 1}-15` }
          : { ageAtReferral: 16 }),
        referrer: { role: 'social-worker', organisation: text.organisation, contact: '' },
        reason: text.reason,
        consent: { youngPerson: true, guardian: true },
        referredOn,
        createdAt: at(referredOn).toISOString(),
      };
      const proposed = proposeOutcome(template.questions, answers)!;
      const screening: Screening = {
        id: crypto.randomUUID(),
        participantId,
        template: { id: template.id, version: template.version, language: template.language },
        questions: template.questions,
        answers,
        conversations: [
          { with: 'social-worker', date: screenedOn, who: '', summary: text.socialWorker },
          { with: 'young-person', date: screenedOn, who: '', summary: text.youngPerson },
        ],
        needs: emptyNeeds(),
        groupFit: {
          language: cohort.language,
          composition: cohort.composition,
          accessNeeds: '',
          times: '',
        },
        proposedOutcome: proposed,
        outcome: 'group',
        rationale: text.rationale,
        ...(proposed !== 'group' ? { overrideReason: text.override } : {}),
        completedOn: screenedOn,
        completedBy: actorId,
        createdAt: at(screenedOn).toISOString(),
      };
      const enrolment: Enrolment = {
        id: crypto.randomUUID(),
        participantId,
        cohortId: cohort.id,
        status: 'enrolled',
        enrolledOn: addDays(screenedOn, 1),
        createdAt: at(addDays(screenedOn, 1)).toISOString(),
      };
      referrals.push(referral);
      screenings.push(screening);
      enrolments.push(enrolment);
      const related = { participantId };
      audit.push(
        auditEntry(
          {
            actorId,
            action: 'referral-created',
            subject: { table: 'referrals', id: referral.id },
            related,
          },
          at(referredOn),
        ),
        auditEntry(
          {
            actorId,
            action: 'screening-outcome-set',
            subject: { table: 'screenings', id: screening.id },
            related,
          },
          at(screenedOn),
        ),
        ...(proposed !== 'group'
          ? [
              auditEntry(
                {
                  actorId,
                  action: 'screening-outcome-overridden',
                  subject: { table: 'screenings', id: screening.id },
                  related,
                },
                at(screenedOn),
              ),
            ]
          : []),
        auditEntry(
          {
            actorId,
            action: 'enrolled',
            subject: { table: 'enrolments', id: enrolment.id },
            related: { participantId, cohortId: cohort.id },
          },
          at(addDays(screenedOn, 1)),
        ),
      );
    });
  }
  await repos.referrals.bulkPut(referrals);
  await repos.screenings.bulkPut(screenings);
  await repos.enrolments.bulkPut(enrolments);
  await repos.audit.bulkPut(audit);
}
