import { QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { createQueryClient } from '../../services/query-client';
import { createServices, ServicesProvider, type AppServices } from '../../services/services';
import { deriveBits } from '../../crypto/kdf';
import { reportsRecentMissingEpisodes } from '../../domain/screening';
import { testKdfPolicy } from '../../testing/vault-fixture';
import { useCurrentStaff } from '../staff/queries';
import { createDemoOrganisation } from '../../features/setup/demo-data';
import { useMissingRiskParticipantIds } from './missing-risk';

function wrapperFor(services: AppServices) {
  const queryClient = createQueryClient();
  return ({ children }: { children: ReactNode }) => (
    <ServicesProvider services={services}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </ServicesProvider>
  );
}

describe('useMissingRiskParticipantIds', () => {
  it('gives a coordinator the ids whose latest screening records missing episodes', async () => {
    const services = createServices({
      dbName: `aplis-test-${crypto.randomUUID()}`,
      policy: testKdfPolicy,
      derive: deriveBits,
    });
    await createDemoOrganisation(services, 'en');
    const screenings = (await services.repos.screenings.list()).items;
    const expected = screenings
      .filter((s) => reportsRecentMissingEpisodes(s))
      .map((s) => s.participantId)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(screenings.length);

    const { result } = renderHook(() => useMissingRiskParticipantIds(), {
      wrapper: wrapperFor(services),
    });
    expect(result.current.size).toBe(0); // empty while loading
    await waitFor(() => expect([...result.current].sort()).toEqual(expected));
  });

  it('is empty for a facilitator, who never reads screenings', async () => {
    const services = createServices({
      dbName: `aplis-test-${crypto.randomUUID()}`,
      policy: testKdfPolicy,
      derive: deriveBits,
    });
    await createDemoOrganisation(services, 'en');
    const facilitator = (await services.repos.staff.list()).items.find(
      (s) => s.role === 'facilitator',
    )!;
    await services.keyring.setPassphrase(facilitator.id, 'a facilitator passphrase');
    services.vault.lock();
    await services.keyring.unlock('a facilitator passphrase', 'passphrase');
    expect(services.vault.session?.staffId).toBe(facilitator.id);

    const { result } = renderHook(
      () => ({ ids: useMissingRiskParticipantIds(), role: useCurrentStaff().data?.role }),
      { wrapper: wrapperFor(services) },
    );
    await waitFor(() => expect(result.current.role).toBe('facilitator'));
    expect(result.current.ids.size).toBe(0);
  });
});
