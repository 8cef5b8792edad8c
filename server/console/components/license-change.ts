import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LicenseCard } from '../api/types.ts';
import { useConsole } from '../console-context.ts';

/*
 * One change to a license from its card's menu (POST /admin/licenses/:id/<action>): on success
 * every page that shows this license (its order, its details, the lists) reads it again.
 */

export function useLicenseChange<Body>(licenseId: number, action: 'regenerate' | 'limit' | 'expiry' | 'deactivate', onDone: () => void) {
  const { api } = useConsole();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: Body) => api.send<{ license: LicenseCard }>('POST', `/admin/licenses/${licenseId}/${action}`, body),
    onSuccess: async () => {
      await Promise.all([
        queries.invalidateQueries({ queryKey: ['order'] }),
        queries.invalidateQueries({ queryKey: ['license', String(licenseId)] }),
        queries.invalidateQueries({ queryKey: ['orders'] }),
      ]);
      onDone();
    },
  });
}
