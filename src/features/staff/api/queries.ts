import { useQuery } from '@tanstack/react-query';
import { useServices } from '../../../services/services';
import { staffPassphraseQueryKey } from './mutations';

/** Which staff members can sign in on this device (have a passphrase wrap). */
export function useStaffWithPassphrase() {
  const { keyring } = useServices();
  // Local data (client default staleTime Infinity); the staff mutations invalidate staffQueries.all.
  return useQuery({
    queryKey: staffPassphraseQueryKey,
    queryFn: () => keyring.staffWithPassphrase(),
  });
}
