/**
 * The plans feature's public surface: what another feature may use.
 * Settings shows the organisation's support contacts, which the plans print.
 */
export { SupportContactsSection } from './components/support-contacts-section';
