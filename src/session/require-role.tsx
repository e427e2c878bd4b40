import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import type { StaffRole } from '../domain/staff';
import { useCurrentStaff } from '../entities/staff/queries';
import { Notice } from '../ui/notice';
import { Loading, Page } from '../ui/page';
import { useUnlockLanding } from './unlock-landing';

interface RequireRoleProps {
  allowed: StaffRole;
  title: string;
  children: ReactNode;
}

/**
 * Guards a screen by role, for direct URLs as well as links. The role is the
 * keys the session holds (useCurrentStaff): a facilitator who rewrote their own
 * staff row still has no coordinator key, so still no coordinators' screen.
 * (Where it matters more than the UI, the data itself is kept from other roles
 * by the key hierarchy; this is the screen-level check.)
 */
export function RequireRole({ allowed, title, children }: RequireRoleProps) {
  const { t } = useTranslation();
  const staff = useCurrentStaff();
  const landing = useUnlockLanding();
  const location = useLocation();
  if (staff.isPending) return <Loading />;
  if (staff.data?.role !== allowed || !staff.data.active) {
    // Just unlocked on someone else's screen (a coordinator locked here): start on Today.
    if (landing === location.key) return <Navigate to="/" replace />;
    return (
      <Page title={title}>
        <Notice tone="info">{t(`roleRequired.${allowed}`)}</Notice>
      </Page>
    );
  }
  return <>{children}</>;
}
