import type { ReactNode } from 'react';

interface NoticeProps {
  tone?: 'info' | 'warning' | 'error' | 'success';
  title?: string;
  children?: ReactNode;
  /** Announce to screen readers when it appears. */
  live?: boolean;
}

export function Notice({ tone = 'info', title, children, live = false }: NoticeProps) {
  const role = live ? (tone === 'error' ? 'alert' : 'status') : undefined;
  return (
    <div className={`notice notice-${tone}`} role={role}>
      {title ? <p className="notice-title">{title}</p> : null}
      {children}
    </div>
  );
}
