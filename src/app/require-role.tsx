import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffRole } from '../domain/staff';
import { useCurrentStaff } from '../features/settings/api/queries';
import { Notice } from '../ui/notice';
import { Loading, Page } from '../ui/page';

interface RequireRoleProps {
  allowed: StaffRole;
  title: string;
  children: ReactNode;
}

/**
 * Guards a screen by role, for direct URLs as well as links. (Where it matters
 * more than the UI, the data itself is kept from other roles by the key
 * hierarchy; this is the screen-level check.)
 */
export function RequireRole({ allowed, title, children }: RequireRoleProps) {
  const { t } = useTranslation();
  const staff = useCurrentStaff();
  if (staff.isPending) return <Loading />;
  if (staff.data?.role !== allowed || !staff.data.active) {
    return (
      <Page title={title}>
        <Notice tone="info">{t(`roleRequired.${allowed}`)}</Notice>
      </Page>
    );
  }
  return <>{children}</>;
}
