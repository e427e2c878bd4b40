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
import { moveFollowUp, screeningFollowUp, type FollowUp } from '../../domain/follow-up';
import type { Meeting } from '../../domain/meeting';
import type { Participant } from '../../domain/participant';
import { ageOn, type Referral } from '../../domain/referral';
import { askedQuestions, emptyNeeds, proposeOutcome, type Screening } from '../../domain/screening';
import {
  screeningTemplateContentSchema,
  type AnswerValue,
  type SafetyQuestion,
} from '../../domain/screening-template';
import type { Staff } from '../../domain/staff';
import type { SupportPathway } from '../../domain/support-pathway';
import type { UiLanguage } from '../../i18n/languages';
import { shippedTemplateFile } from './templates/shipped';

const words = {
  lv: {
    reason: {
      lotus:
        'Sociālā darbiniece iesaka Lotus grupu par veselīgām attiecībām; jauniete pati izrādīja interesi.',
      'peer-support':
        'Sociālā darbiniece iesaka vienaudžu atbalsta grupu; jaunietis pats izrādīja interesi.',
    } as Record<string, string>,
    organisation: 'Demo sociālais dienests',
    youngPerson: 'Saruna centrā; vēlas pievienoties grupai un tai piekrīt.',
    socialWorker: 'Telefonsaruna ar sociālo darbinieci; bažu nav.',
    rationale: 'Riski nav konstatēti; grupa atbilst vecumam un valodai.',
    override:
      'Pazušanas gadījumi bija pirms pārcelšanās; tagad dzīvesvieta ir stabila (apstiprina sociālā darbiniece).',
    supported: {
      reason: 'Sociālā darbiniece iesaka Lotus grupu; jauniete pēdējā laikā ir ļoti nomākta.',
      socialWorker: 'Telefonsaruna ar sociālo darbinieci: ģimene meklē palīdzību.',
      youngPerson: 'Saruna centrā. Jauniete pastāstīja, ka šonedēļ domājusi nodarīt sev pāri.',
      selfHarmNote:
        'Tajā pašā dienā: palikām kopā ar viņu, zvanījām uz dežūrtālruni; māte viņu paņēma; krīzes komanda viņu pieņēma nākamajā rītā.',
      rationale:
        'Paškaitējuma domas tagad: vispirms individuāls atbalsts un ārstniecība, grupu var apsvērt vēlāk.',
      agreedSupport:
        'Divas reizes nedēļā saruna ar atbildīgo darbinieci; psihiatra konsultācija; drošības plāns kopā ar māti.',
      closingNote:
        'Krīzes komanda viņu pieņēma nākamajā rītā; atbildīgā darbiniece zvana divas reizes nedēļā.',
    },
  },
  en: {
    reason: {
      lotus:
        'The social worker recommends the Lotus group on healthy relationships; the young person asked about it too.',
      'peer-support':
        'The social worker recommends a peer support group; the young person asked about it too.',
    } as Record<string, string>,
    organisation: 'Demo social service',
    youngPerson: 'Talked at the centre; wants to join the group and agrees to it.',
    socialWorker: 'Phone call with the social worker; no concerns.',
    rationale: 'No risks found; the group fits their age and language.',
    override:
      'The missing episodes were before the move; the placement is stable now (confirmed by the social worker).',
    supported: {
      reason:
        'The social worker recommends the Lotus group; the young person has been very low lately.',
      socialWorker: 'Phone call with the social worker: the family is looking for help.',
      youngPerson:
        'Talked at the centre. She said she has thought about harming herself this week.',
      selfHarmNote:
        'Same day: stayed with her and called the duty phone; her mother collected her; the crisis team saw her the next morning.',
      rationale:
        'Thoughts of self-harm now: individual support and treatment first; a group can be considered later.',
      agreedSupport:
        'Talks with her key worker twice a week; a psychiatrist appointment; a safety plan together with her mother.',
      closingNote: 'The crisis team saw her the next morning; her key worker calls twice a week.',
    },
  },
  ru: {
    reason: {
      lotus:
        'Социальный работник рекомендует группу Lotus о здоровых отношениях; девушка и сама спрашивала о ней.',
      'peer-support':
        'Социальный работник рекомендует группу поддержки сверстников; подросток и сам спрашивал о ней.',
    } as Record<string, string>,
    organisation: 'Демо-социальная служба',
    youngPerson: 'Поговорили в центре; хочет присоединиться к группе и согласен(на) на участие.',
    socialWorker: 'Телефонный разговор с социальным работником; поводов для беспокойства нет.',
    rationale: 'Рисков не выявлено; группа подходит по возрасту и языку.',
    override:
      'Случаи исчезновения были до переезда; сейчас место проживания стабильное (подтверждает социальный работник).',
    supported: {
      reason:
        'Социальный работник рекомендует группу Lotus; в последнее время девушка очень подавлена.',
      socialWorker: 'Телефонный разговор с социальным работником: семья ищет помощь.',
      youngPerson:
        'Разговор в центре. Девушка рассказала, что на этой неделе думала причинить себе вред.',
      selfHarmNote:
        'В тот же день: остались с ней и позвонили дежурному специалисту; мама забрала её; кризисная команда приняла её на следующее утро.',
      rationale:
        'Мысли о самоповреждении сейчас: сначала индивидуальная поддержка и лечение, группу можно рассмотреть позже.',
      agreedSupport:
        'Два раза в неделю разговор с ответственным специалистом; консультация психиатра; план безопасности вместе с мамой.',
      closingNote:
        'Кризисная команда приняла её на следующее утро; ответственный специалист звонит два раза в неделю.',
    },
  },
  uk: {
    reason: {
      lotus:
        'Соціальний працівник рекомендує групу Lotus про здорові стосунки; дівчина й сама питала про неї.',
      'peer-support':
        'Соціальний працівник рекомендує групу підтримки однолітків; молода людина й сама питала про неї.',
    } as Record<string, string>,
    organisation: 'Демо-соціальна служба',
    youngPerson: 'Поговорили в центрі; хоче приєднатися до групи і погоджується на участь.',
    socialWorker: 'Телефонна розмова із соціальним працівником; приводів для занепокоєння немає.',
    rationale: 'Ризиків не виявлено; група підходить за віком і мовою.',
    override:
      'Випадки зникнення були до переїзду; зараз місце проживання стабільне (підтверджує соціальний працівник).',
    supported: {
      reason:
        'Соціальний працівник рекомендує групу Lotus; останнім часом дівчина дуже пригнічена.',
      socialWorker: 'Телефонна розмова із соціальним працівником: родина шукає допомоги.',
      youngPerson:
        'Розмова в центрі. Дівчина розповіла, що цього тижня думала заподіяти собі шкоду.',
      selfHarmNote:
        'Того ж дня: залишилися з нею і зателефонували черговому фахівцю; мама забрала її; кризова команда прийняла її наступного ранку.',
      rationale:
        'Думки про самоушкодження зараз: спершу індивідуальна підтримка та лікування, групу можна розглянути пізніше.',
      agreedSupport:
        'Двічі на тиждень розмова з відповідальним фахівцем; консультація психіатра; план безпеки разом із мамою.',
      closingNote:
        'Кризова команда прийняла її наступного ранку; відповідальний фахівець телефонує двічі на тиждень.',
    },
  },
} satisfies Record<UiLanguage, unknown>;

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

  function screen(
    participantId: string,
    age: number,
    screenedOn: string,
    fields: Pick<Screening, 'outcome' | 'rationale' | 'groupFit'> &
      Partial<Pick<Screening, 'overrideReason' | 'nextStep'>> & {
        answers: Record<string, { answer: AnswerValue; note?: string }>;
        youngPerson: string;
      },
  ): Screening {
    const questions = askedQuestions(template.questions, age);
    const answers: Screening['answers'] = {};
    for (const q of questions) {
      const given = fields.answers[q.id];
      answers[q.id] = { answer: given?.answer ?? safeAnswer(q), note: given?.note ?? '' };
    }
    const proposed = proposeOutcome(questions, answers, age)!;
    const screening: Screening = {
      id: crypto.randomUUID(),
      participantId,
      template: { id: template.id, version: template.version, language: template.language },
      questions,
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
      needs: emptyNeeds(),
      groupFit: fields.groupFit,
      proposedOutcome: proposed,
      outcome: fields.outcome,
      rationale: fields.rationale,
      ...(fields.overrideReason ? { overrideReason: fields.overrideReason } : {}),
      ...(fields.nextStep ? { nextStep: fields.nextStep } : {}),
      age,
      completedOn: screenedOn,
      completedBy: actorId!,
      createdAt: at(screenedOn).toISOString(),
    };
    screenings.push(screening);
    const subject = { table: 'screenings', id: screening.id };
    audit.push(
      auditEntry(
        {
          actorId: actorId!,
          action: 'screening-created',
          subject,
          related: related(participantId),
        },
        at(screenedOn),
      ),
      auditEntry(
        {
          actorId: actorId!,
          action: 'screening-outcome-set',
          subject,
          related: related(participantId),
        },
        at(screenedOn),
      ),
      ...(screening.overrideReason
        ? [
            auditEntry(
              {
                actorId: actorId!,
                action: 'screening-outcome-overridden',
                subject,
                related: related(participantId),
              },
              at(screenedOn),
            ),
          ]
        : []),
    );
    return screening;
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
    const screening = screen(supported.id, age, screenedOn, {
      answers: { 'self-harm-now': { answer: 'yes', note: s.selfHarmNote } },
      youngPerson: s.youngPerson,
      outcome: 'individual-support',
      rationale: s.rationale,
      nextStep: { ownerId: actorId, by: screenedOn },
      groupFit: { language: 'lv', composition: 'girls', accessNeeds: '', times: '' },
    });
    const created = at(screenedOn);
    const pathway: SupportPathway = {
      id: crypto.randomUUID(),
      participantId: supported.id,
      screeningId: screening.id,
      keyWorkerId: keyWorker.id,
      agreedSupport: s.agreedSupport,
      reviewOn: addDays(input.today, 8),
      groupScreeningFrom: addDays(input.today, 36),
      createdAt: created.toISOString(),
      updatedAt: created.toISOString(),
    };
    pathways.push(pathway);
    const nextStep = screeningFollowUp(
      {
        kind: 'screening-next-step',
        participantId: supported.id,
        screeningId: screening.id,
        ownerId: actorId,
        dueDate: screenedOn,
      },
      created,
    );
    const closed = moveFollowUp(nextStep, 'closed', {
      by: actorId,
      closingNote: s.closingNote,
      now: at(addDays(screenedOn, 1)),
    });
    if (closed.ok) followUps.push(closed.followUp);
    followUps.push(
      screeningFollowUp(
        {
          kind: 'support-review',
          participantId: supported.id,
          screeningId: screening.id,
          ownerId: keyWorker.id,
          dueDate: pathway.reviewOn,
          pathwayId: pathway.id,
        },
        created,
      ),
    );
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
