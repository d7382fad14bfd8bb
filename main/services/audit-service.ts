/** Reading and verifying the audit log. Entries are written by the other services, never here. */
import type { Session } from './session';

export function createAuditService(deps: { session: Session }) {
  return {
    list(offset: number, limit: number) {
      return deps.session.requireOpen().store.audit.list(offset, limit);
    },
    verify() {
      return deps.session.requireOpen().store.audit.verify();
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
