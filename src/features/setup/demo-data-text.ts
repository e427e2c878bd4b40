/**
 * The demo's words in every language Aplis speaks: organisation, staff and
 * group names, place, contacts and meeting notes. All invented. Typed to need
 * every language, so a new one cannot ship without them.
 *
 * Only demo-data.ts imports this (its name keeps it inside the `demo-data-*`
 * files the service worker never caches).
 */
import type { UiLanguage } from '../../i18n/languages';

export interface DemoText {
  organisation: string;
  coordinator: string;
  facilitators: [string, string, string];
  lotusCohort: string;
  peerCohort: string;
  place: string;
  contacts: { label: string; phone: string }[];
  notes: string[];
}

export const demoText: Record<UiLanguage, DemoText> = {
  lv: {
    organisation: 'Demo centrs «Saulgrieži»',
    coordinator: 'Ieva (demo koordinatore)',
    facilitators: ['Anna Kalniņa', 'Jānis Ozols', 'Dace Liepa'],
    lotusCohort: 'Lotus — Rīga, rudens',
    peerCohort: 'Puišu atbalsta grupa',
    // An invented street: no real address in a demo.
    place: 'Demo centrs, Izdomātā iela 1 (izdomāta adrese)',
    contacts: [
      { label: 'Demo centra «Saulgrieži» koordinatore (izdomāts numurs)', phone: '+371 6000 0001' },
      { label: 'Demo centra dežūrtālrunis (izdomāts numurs)', phone: '+371 6000 0002' },
    ],
    notes: [
      'Grupa vienojās par noteikumiem. Visi piedalījās, daži vairāk klausījās.',
      'Labs noskaņojums. Diskusija par robežām ģimenē bija dzīva.',
      'Divi dalībnieki kļuva klusāki pēc trešās aktivitātes; runājām pēc tikšanās.',
      'Daudz smieklu pie kopīgās maltītes. Jauns dalībnieks iejutās labi.',
    ],
  },
  en: {
    organisation: 'Demo centre “Solstice”',
    coordinator: 'Ieva (demo coordinator)',
    facilitators: ['Anna Kalniņa', 'Jānis Ozols', 'Dace Liepa'],
    lotusCohort: 'Lotus — Riga, autumn',
    peerCohort: 'Young men’s support group',
    // An invented street: no real address in a demo.
    place: 'Demo centre, 1 Make-Believe Street (made-up address)',
    contacts: [
      { label: 'Demo centre “Solstice” coordinator (made-up number)', phone: '+371 6000 0001' },
      { label: 'Demo centre duty phone (made-up number)', phone: '+371 6000 0002' },
    ],
    notes: [
      'The group agreed its ground rules. Everyone took part; some mostly listened.',
      'Good mood. A lively talk about boundaries in families.',
      'Two participants went quiet after the third activity; we checked in after the meeting.',
      'Lots of laughter over the shared meal. A new member settled in well.',
    ],
  },
  ru: {
    organisation: 'Демо-центр «Солнцеворот»',
    coordinator: 'Иева (демо-координатор)',
    facilitators: ['Anna Kalniņa', 'Jānis Ozols', 'Dace Liepa'],
    lotusCohort: 'Lotus — Рига, осень',
    peerCohort: 'Группа поддержки для парней',
    // An invented street: no real address in a demo.
    place: 'Демо-центр, Выдуманная улица, 1 (вымышленный адрес)',
    contacts: [
      {
        label: 'Координатор демо-центра «Солнцеворот» (вымышленный номер)',
        phone: '+371 6000 0001',
      },
      { label: 'Дежурный телефон демо-центра (вымышленный номер)', phone: '+371 6000 0002' },
    ],
    notes: [
      'Группа договорилась о правилах. Участвовали все, некоторые больше слушали.',
      'Хорошее настроение. Живой разговор о личных границах в семье.',
      'Двое участников притихли после третьего упражнения; поговорили с ними после встречи.',
      'Много смеха за общим столом. Новый участник хорошо освоился.',
    ],
  },
  uk: {
    organisation: 'Демо-центр «Сонцеворот»',
    coordinator: 'Ієва (демо-координаторка)',
    facilitators: ['Anna Kalniņa', 'Jānis Ozols', 'Dace Liepa'],
    lotusCohort: 'Lotus — Рига, осінь',
    peerCohort: 'Група підтримки для хлопців',
    // An invented street: no real address in a demo.
    place: 'Демо-центр, Вигадана вулиця, 1 (вигадана адреса)',
    contacts: [
      {
        label: 'Координаторка демо-центру «Сонцеворот» (вигаданий номер)',
        phone: '+371 6000 0001',
      },
      { label: 'Черговий телефон демо-центру (вигаданий номер)', phone: '+371 6000 0002' },
    ],
    notes: [
      'Група домовилася про правила. Брали участь усі, дехто більше слухав.',
      'Гарний настрій. Жвава розмова про особисті межі в родині.',
      'Двоє учасників притихли після третьої вправи; поговорили з ними після зустрічі.',
      'Багато сміху за спільним столом. Новий учасник добре освоївся.',
    ],
  },
};
