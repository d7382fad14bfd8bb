/** The shape of audit entries and of a chain verification, as every layer sees them. */

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  prevHash: string;
  hash: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  count: number;
  headHash: string;
  /** The first entry at which the chain breaks, with the reason. */
  brokenAt?: { seq: number; reason: 'hash' | 'prev' | 'gap' | 'head' };
}
