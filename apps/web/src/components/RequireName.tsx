import type { ReactNode } from 'react';
import { useSession } from '../state/session.ts';
import { NameDialog } from './NameDialog.tsx';

/** Shows its children once this device has a display name; asks first. */
export function RequireName({ children }: { children: ReactNode }) {
  const name = useSession((s) => s.name);
  if (!name) return <NameDialog required />;
  return <>{children}</>;
}
