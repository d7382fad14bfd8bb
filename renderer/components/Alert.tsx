/** Messages: role="alert" for errors and results that must be heard, role="status" for quiet news. */
import type { ReactNode } from 'react';

type Tone = 'error' | 'warning' | 'success' | 'info';

export function Alert({ tone = 'error', testId, children, id }: { tone?: Tone; testId?: string; children: ReactNode; id?: string }) {
  return (
    <div role="alert" id={id} className={`alert alert-${tone}`} data-testid={testId}>
      {children}
    </div>
  );
}

export function Status({ tone = 'info', testId, children, id }: { tone?: Tone; testId?: string; children: ReactNode; id?: string }) {
  return (
    <div role="status" id={id} className={`status-msg status-${tone}`} data-testid={testId}>
      {children}
    </div>
  );
}
