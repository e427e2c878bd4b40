/**
 * Demo only: the invented words of the demo journeys (referral reasons,
 * conversation summaries, rationales) in every language the app offers.
 */
import type { UiLanguage } from '../../i18n/languages';

export const demoJourneyWords = {
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
