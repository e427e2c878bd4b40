/**
 * The screening feature's public surface: what another feature may use.
 * Settings shows how long a screening stays valid; the participant list shows
 * each person's clearance and place; the demo adds screening journeys.
 */
export { ValiditySettings } from './components/validity-settings';
export { useParticipantStatuses } from './api/queries';
export { addDemoJourneys } from './demo-journeys';
export { AuditIntegrity } from './components/audit-integrity';
