/**
 * Report data. Reports read many tables at once; every figure is computed by
 * the plain functions in domain/reports, never here.
 *
 * Local data does not go stale on its own (the client default staleTime is Infinity), and the
 * feedback and self-assessment mutations invalidate `reportQueries.all`.
 * Attendance, notes and enrolments change in other features, which do not
 * know about reports, so a report also re-reads whenever it is opened
 * (refetchOnMount 'always'): what was cached shows at once, then the fresh
 * figures replace it.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useServices, type AppServices } from '../../../services/services';
import { crbaRecordId } from '../../../crypto/record-ids';
import type { Cohort } from '../../../domain/cohort';
import type { Concern } from '../../../domain/concern';
import type { Enrolment } from '../../../domain/enrolment';
import { oneFollowUpPerRule, type FollowUp } from '../../../domain/follow-up';
import type { Attendance, Meeting, MeetingNote } from '../../../domain/meeting';
import type { Participant } from '../../../domain/participant';
import type { Referral } from '../../../domain/referral';
import type { CrbaAssessment } from '../../../domain/reports/crba';
import type { Feedback } from '../../../domain/reports/feedback';
import type { MeasureResponse } from '../../../domain/reports/measure';
import type { Screening } from '../../../domain/screening';

export interface CohortReportData {
  cohort: Cohort;
  meetings: Meeting[];
  attendance: Attendance[];
  notes: MeetingNote[];
  enrolments: Enrolment[];
  participants: Map<string, Participant>;
  concerns: Concern[];
  followUps: FollowUp[];
  feedback: Feedback[];
  crba: CrbaAssessment | undefined;
  /** Before/after answers (domain/reports/measure.ts), per person and phase. */
  measures: MeasureResponse[];
  /** Rows that could not be opened (counted, never shown). */
  damaged: number;
}

export interface OrganisationData {
  cohorts: Cohort[];
  meetings: Meeting[];
  attendance: Attendance[];
  enrolments: Enrolment[];
  referrals: Referral[];
  screenings: Screening[];
  participants: Participant[];
  feedback: Feedback[];
  damaged: number;
}

async function readMeasures(services: AppServices, cohortId: string) {
  return (await services.repos.measureResponses.listWhere('cohortId', cohortId)).items;
}

async function readCrba(services: AppServices, cohortId: string) {
  return services.repos.crbaAssessments.get(crbaRecordId(cohortId));
}

export const reportQueries = {
  all: ['reports'] as const,
  cohort: (services: AppServices, cohortId: string) =>
    queryOptions({
      queryKey: [...reportQueries.all, 'cohort', cohortId],
      refetchOnMount: 'always',
      queryFn: async (): Promise<CohortReportData | null> => {
        const { repos } = services;
        const cohort = await repos.cohorts.get(cohortId);
        if (!cohort) return null;
        const meetings = await repos.meetings.listWhere('cohortId', cohortId);
        const ids = meetings.items.map((m) => m.id);
        const perMeeting = <T>(list: (id: string) => Promise<{ items: T[]; damaged: string[] }>) =>
          Promise.all(ids.map(list)).then((results) => ({
            items: results.flatMap((r) => r.items),
            damaged: results.reduce((n, r) => n + r.damaged.length, 0),
          }));
        const [
          attendance,
          notes,
          feedback,
          enrolments,
          participants,
          concerns,
          followUps,
          crba,
          measures,
        ] = await Promise.all([
          perMeeting((id) => repos.attendance.listWhere('meetingId', id)),
          perMeeting((id) => repos.notes.listWhere('meetingId', id)),
          perMeeting((id) => repos.feedback.listWhere('meetingId', id)),
          repos.enrolments.listWhere('cohortId', cohortId),
          repos.participants.list(),
          perMeeting((id) => repos.concerns.listWhere('meetingId', id)),
          repos.followUps.list(),
          readCrba(services, cohortId),
          readMeasures(services, cohortId),
        ]);
        return {
          cohort,
          meetings: meetings.items,
          attendance: attendance.items,
          notes: notes.items,
          enrolments: enrolments.items,
          participants: new Map(participants.items.map((p) => [p.id, p])),
          concerns: concerns.items,
          followUps: oneFollowUpPerRule(followUps.items.filter((f) => f.cohortId === cohortId)),
          feedback: feedback.items,
          crba,
          measures,
          damaged:
            meetings.damaged.length +
            attendance.damaged +
            notes.damaged +
            feedback.damaged +
            enrolments.damaged.length +
            concerns.damaged +
            followUps.damaged.length,
        };
      },
    }),
  organisation: ({ repos }: AppServices) =>
    queryOptions({
      queryKey: [...reportQueries.all, 'organisation'],
      refetchOnMount: 'always',
      queryFn: async (): Promise<OrganisationData> => {
        const results = await Promise.all([
          repos.cohorts.list(),
          repos.meetings.list(),
          repos.attendance.list(),
          repos.enrolments.list(),
          repos.referrals.list(),
          repos.screenings.list(),
          repos.participants.list(),
          repos.feedback.list(),
        ]);
        const [
          cohorts,
          meetings,
          attendance,
          enrolments,
          referrals,
          screenings,
          participants,
          feedback,
        ] = results;
        return {
          cohorts: cohorts.items,
          meetings: meetings.items,
          attendance: attendance.items,
          enrolments: enrolments.items,
          referrals: referrals.items,
          screenings: screenings.items,
          participants: participants.items,
          feedback: feedback.items,
          damaged: results.reduce((n, r) => n + r.damaged.length, 0),
        };
      },
    }),
  /** What the feedback kiosk needs: the meeting and its cohort's id (no names). */
  meeting: ({ repos }: AppServices, meetingId: string) =>
    queryOptions({
      queryKey: [...reportQueries.all, 'meeting', meetingId],
      queryFn: async () => (await repos.meetings.get(meetingId)) ?? null,
    }),
  /** The group's working language: a feedback kiosk opens in it. */
  groupLanguage: ({ repos }: AppServices, cohortId: string) =>
    queryOptions({
      queryKey: [...reportQueries.all, 'group-language', cohortId],
      queryFn: async () => (await repos.cohorts.get(cohortId))?.language ?? null,
    }),
};

export function useCohortReport(cohortId: string) {
  return useQuery(reportQueries.cohort(useServices(), cohortId));
}

export function useOrganisationData() {
  return useQuery(reportQueries.organisation(useServices()));
}

export function useFeedbackMeeting(meetingId: string) {
  return useQuery(reportQueries.meeting(useServices(), meetingId));
}

export function useGroupLanguage(cohortId: string | undefined) {
  return useQuery({
    ...reportQueries.groupLanguage(useServices(), cohortId ?? ''),
    enabled: cohortId !== undefined,
  });
}
