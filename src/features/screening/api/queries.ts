/**
 * Read side of referral → screening → enrolment. Local data: staleTime
 * Infinity; every mutation in ./mutations.ts invalidates `screeningQueries.all`.
 * Screenings and referrals are coordinators' data: the queries that read them
 * run only for a coordinator.
 */
import { useQuery } from '@tanstack/react-query';
import { useServices } from '../../../services/services';
import { legacyScreeningDraftId, screeningDraftId } from '../../../crypto/record-ids';
import type { AuditAction } from '../../../domain/audit';
import { todayInRiga } from '../../../domain/calendar-date';
import type { Cohort } from '../../../domain/cohort';
import type { Enrolment } from '../../../domain/enrolment';
import { ATTENDED } from '../../../domain/attendance-rules';
import { oneFollowUpPerRule } from '../../../domain/follow-up';
import { latestReferral } from '../../../domain/enrolment-facts';
import type { Attendance } from '../../../domain/meeting';
import type { Referral } from '../../../domain/referral';
import {
  DEFAULT_SCREENING_VALIDITY_DAYS,
  clearanceOf,
  newestScreeningFirst,
  type Clearance,
  type Screening,
} from '../../../domain/screening';
import {
  currentTemplate,
  screeningTemplateContentSchema,
  type ScreeningTemplateContent,
} from '../../../domain/screening-template';
import type { SupportPathway } from '../../../domain/support-pathway';
import { ORGANISATION_ID } from '../../../db/keyring-store';
import { useIsCoordinator } from '../../../entities/staff/queries';
import { isUiLanguage } from '../../../i18n/languages';
import { shippedTemplateFile } from '../templates/shipped';
import { screeningQueries } from '../../../entities/screenings/keys';

export { screeningQueries };

const shippedTemplates = new Map<string, ScreeningTemplateContent>();
function shippedTemplate(lng: string): ScreeningTemplateContent {
  let template = shippedTemplates.get(lng);
  if (!template) {
    template = screeningTemplateContentSchema.parse(shippedTemplateFile(lng));
    shippedTemplates.set(lng, template);
  }
  return template;
}

/** Days a group screening stays current, from the organisation's settings. */
export function useScreeningValidityDays(): number {
  const { repos } = useServices();
  const query = useQuery({
    queryKey: [...screeningQueries.all, 'validity-days'],
    queryFn: async () =>
      (await repos.organisation.get(ORGANISATION_ID))?.screeningValidityDays ??
      DEFAULT_SCREENING_VALIDITY_DAYS,
  });
  return query.data ?? DEFAULT_SCREENING_VALIDITY_DAYS;
}

/** The screening template to use now in a language: the newest own copy, else the shipped one. */
export function useScreeningTemplate(language: string) {
  const { repos } = useServices();
  const lng = isUiLanguage(language) ? language : 'lv';
  return useQuery({
    queryKey: [...screeningQueries.all, 'template', lng],
    queryFn: async () => {
      const copies = await repos.screeningTemplates.list();
      return currentTemplate(shippedTemplate(lng), copies.items);
    },
  });
}

export interface AttendanceSummary {
  total: number;
  attended: number;
  excused: number;
  absent: number;
}

function summarise(marks: readonly Attendance[]): AttendanceSummary {
  return {
    total: marks.length,
    attended: marks.filter((m) => ATTENDED.has(m.status)).length,
    excused: marks.filter((m) => m.status === 'excused').length,
    absent: marks.filter((m) => m.status === 'absent').length,
  };
}

export interface Journey {
  participant: NonNullable<
    Awaited<ReturnType<ReturnType<typeof useServices>['repos']['participants']['get']>>
  >;
  referral: Referral | undefined;
  screenings: Screening[];
  enrolments: Enrolment[];
  cohorts: Cohort[];
  attendance: AttendanceSummary;
  openFollowUps: number;
  /** Individual-support plans agreed after screenings, newest first. */
  pathways: SupportPathway[];
  /** When concerns about the person were raised (for offering a re-screening). */
  concernsRaisedAt: string[];
  damaged: number;
}

/** Everything about one participant's path, for the journey page (coordinators only). */
export function useJourney(participantId: string) {
  const { repos } = useServices();
  const isCoordinator = useIsCoordinator();
  return useQuery({
    queryKey: [...screeningQueries.all, 'journey', participantId],
    enabled: isCoordinator,
    queryFn: async (): Promise<Journey | null> => {
      const participant = await repos.participants.get(participantId);
      if (!participant) return null;
      const [referrals, screenings, enrolments, cohorts, attendance, followUps, pathways] =
        await Promise.all([
          repos.referrals.listWhere('participantId', participantId),
          repos.screenings.listWhere('participantId', participantId),
          repos.enrolments.list(),
          repos.cohorts.list(),
          repos.attendance.listWhere('participantId', participantId),
          repos.followUps.listWhere('participantId', participantId),
          repos.supportPathways.listWhere('participantId', participantId),
        ]);
      // Concerns may be sealed for coordinators only; if they cannot be read, none are shown.
      const concerns = await repos.concerns
        .listWhere('participantId', participantId)
        .catch(() => ({ items: [], damaged: [] }));
      return {
        participant,
        referral: latestReferral(referrals.items),
        // Newest first, the same order `latestScreening` picks from.
        screenings: screenings.items.sort(newestScreeningFirst),
        enrolments: enrolments.items,
        cohorts: cohorts.items.sort((a, b) => a.name.localeCompare(b.name)),
        attendance: summarise(attendance.items),
        openFollowUps: oneFollowUpPerRule(followUps.items).filter((f) => f.status !== 'closed')
          .length,
        pathways: pathways.items.sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
        concernsRaisedAt: concerns.items.map((c) => c.raisedAt),
        damaged:
          referrals.damaged.length +
          screenings.damaged.length +
          enrolments.damaged.length +
          cohorts.damaged.length +
          attendance.damaged.length +
          followUps.damaged.length +
          pathways.damaged.length,
      };
    },
  });
}

export interface ParticipantStatus {
  /** Coordinators only; undefined for facilitators (screenings are not theirs to read). */
  clearance: Clearance | undefined;
  /** The most telling active place: enrolled > offered > waitlisted. */
  place: { status: Enrolment['status']; cohortId: string } | undefined;
}

const placeRank: Partial<Record<Enrolment['status'], number>> = {
  enrolled: 3,
  offered: 2,
  waitlisted: 1,
};

/** For the participant list: each person's place and (for coordinators) clearance. */
/** `enabled` false holds the read back (a page that shows its rows first). */
export function useParticipantStatuses(enabled = true) {
  const { repos } = useServices();
  const isCoordinator = useIsCoordinator();
  const validityDays = useScreeningValidityDays();
  return useQuery({
    enabled,
    queryKey: [...screeningQueries.all, 'statuses', isCoordinator, validityDays],
    queryFn: async () => {
      const [enrolments, cohorts, screenings] = await Promise.all([
        repos.enrolments.list(),
        repos.cohorts.list(),
        isCoordinator ? repos.screenings.list() : Promise.resolve({ items: [], damaged: [] }),
      ]);
      const today = todayInRiga();
      const statuses = new Map<string, ParticipantStatus>();
      const get = (id: string) =>
        statuses.get(id) ?? {
          clearance: isCoordinator ? 'not-screened' : undefined,
          place: undefined,
        };
      for (const e of enrolments.items) {
        const rank = placeRank[e.status];
        if (!rank) continue;
        const current = get(e.participantId);
        if (!current.place || (placeRank[current.place.status] ?? 0) < rank)
          statuses.set(e.participantId, {
            ...current,
            place: { status: e.status, cohortId: e.cohortId },
          });
      }
      if (isCoordinator) {
        const byParticipant = new Map<string, Screening[]>();
        for (const s of screenings.items)
          byParticipant.set(s.participantId, [...(byParticipant.get(s.participantId) ?? []), s]);
        for (const [id, list] of byParticipant)
          statuses.set(id, { ...get(id), clearance: clearanceOf(list, today, validityDays) });
      }
      const cohortNames = new Map(cohorts.items.map((c) => [c.id, c.name]));
      return { statuses, get, cohortName: (id: string) => cohortNames.get(id) ?? '' };
    },
  });
}

/** A half-finished screening form, if one was saved. */
export function useScreeningDraft(participantId: string) {
  const { repos, vault } = useServices();
  return useQuery({
    queryKey: [...screeningQueries.all, 'draft', participantId],
    gcTime: 0,
    // Its keyed id, or the readable one it had before (renamed after unlock: db/after-unlock.ts).
    queryFn: async () =>
      (await repos.drafts.get(await screeningDraftId(vault, participantId))) ??
      (await repos.drafts.get(legacyScreeningDraftId(participantId))) ??
      null,
  });
}

/** The audit log, newest first, optionally one action and a date range (inclusive). */
export function useAuditLog(filter: { action: AuditAction | ''; from: string; to: string }) {
  const { repos } = useServices();
  const isCoordinator = useIsCoordinator();
  return useQuery({
    queryKey: [...screeningQueries.all, 'audit', filter],
    enabled: isCoordinator,
    queryFn: async () => {
      const { items, damaged } = await repos.audit.list();
      const from = filter.from ? Date.parse(`${filter.from}T00:00:00`) : -Infinity;
      const to = filter.to ? Date.parse(`${filter.to}T23:59:59.999`) : Infinity;
      return {
        entries: items
          .filter((e) => !filter.action || e.action === filter.action)
          .filter((e) => {
            const at = Date.parse(e.at);
            return at >= from && at <= to;
          })
          .sort((a, b) => b.at.localeCompare(a.at)),
        damaged: damaged.length,
      };
    },
  });
}

/**
 * Whether the audit log is intact: every device's chain checked, line by
 * line (db/audit-log.ts). Checked afresh each time it is shown, since lines
 * arrive from other features and from merges.
 */
export function useAuditIntegrity() {
  const { repos } = useServices();
  const isCoordinator = useIsCoordinator();
  return useQuery({
    queryKey: [...screeningQueries.all, 'audit', 'integrity'],
    enabled: isCoordinator,
    staleTime: 0,
    queryFn: () => repos.audit.verify(),
  });
}

/** Participant id → pseudonym code, for naming someone without opening their record. */
export function useParticipantCodes() {
  const { repos } = useServices();
  return useQuery({
    queryKey: [...screeningQueries.all, 'codes'],
    queryFn: async () =>
      new Map((await repos.participants.list()).items.map((p) => [p.id, p.code])),
  });
}
