/**
 * The meeting feature's public surface: what another feature may use.
 * Settings shows the meeting-mode section among its own.
 */
export { MeetingSettingsSection } from './settings/meeting-settings-section';
