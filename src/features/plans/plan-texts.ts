/**
 * Texts for the printed plan, taken from the `plans` namespace in the plan's
 * language. Support lines: the default helplines the organisation prints and
 * its own contacts.
 */
import type { TFunction } from 'i18next';
import type { Organisation } from '../../domain/organisation';
import { planSupportContacts, type SupportContact } from '../../domain/plan';
import type { PlanPdfTexts } from '../../pdf/plan-pdf';

export function planPdfTexts(t: TFunction<'plans'>): PlanPdfTexts {
  return {
    title: t('title'),
    nameLabel: t('pdf.nameLabel'),
    dateLabel: t('pdf.dateLabel'),
    sections: {
      hopes: t('sections.hopes.title'),
      strengths: t('sections.strengths.title'),
      selfCare: t('sections.selfCare.title'),
      boundaries: t('sections.boundaries.title'),
      trustedPeople: t('sections.trustedPeople.title'),
      helpPlaces: t('sections.helpPlaces.title'),
    },
    actionsTitle: t('sections.actions.title'),
    areaHeader: t('areaHeader'),
    actionHeader: (n) => t('actionHeader', { n }),
    areas: {
      self: t('areas.self'),
      family: t('areas.family'),
      peers: t('areas.peers'),
      partners: t('areas.partners'),
    },
    contactsTitle: t('contactsTitle'),
    page: (n, total) => t('pdf.page', { n, total }),
  };
}

export function supportContactsFor(
  t: TFunction<'plans'>,
  organisation: Organisation | null | undefined,
): SupportContact[] {
  return planSupportContacts((id) => t(`helplines.${id}`), organisation ?? null);
}
