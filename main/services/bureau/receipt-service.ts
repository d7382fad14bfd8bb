/**
 * Unit side of receipts (回执): import a receipt from the bureau — its signature checked against
 * the bureau key this unit confirmed, its filing matched against the unit's filing history —
 * and keep the per-entry outcomes, which the inventory shows inline and the filing history
 * shows as each filing's outcome.
 */
import { createDigestHasher, type DigestHasher } from '../../crypto/index';
import { DomainError } from '../../domain/errors';
import { LIMITS } from '../../domain/package/index';
import type { EntryDecision, EntryReceiptStatus, UnitFilingOutcome, UnitReceipt } from '../../domain/bureau';
import { normalizeUscc } from '../../domain/uscc';
import { createBureauReceiptRepo, type BureauReceiptRepo } from '../../db/repos/bureau-receipt-repo';
import { wrongRole } from '../errors';
import { readFileBounded } from '../package/files';
import type { KeyService } from '../package/key-service';
import type { OpenState, Session } from '../session';
import { openReceipt } from './receipt-format';

export interface ReceiptDeps {
  session: Session;
  actor: (operator: string) => string;
  now: () => Date;
  keys: KeyService;
}

const unknownSigner = (fp: string) =>
  new DomainError(
    'RECEIPT_UNKNOWN_SIGNER',
    `回执不是由本单位已确认的区数据局密钥签名的（签名者指纹 ${fp}），未导入`,
    `The receipt is not signed by the bureau key this unit confirmed (signer ${fp}); not imported`,
    { fingerprint: fp },
  );
const notOurs = (uscc: string) => new DomainError('RECEIPT_NOT_OURS', `此回执是给另一单位（${uscc}）的`, `This receipt is for another unit (${uscc})`, { uscc });
const unknownFiling = (seq: number) =>
  new DomainError('RECEIPT_UNKNOWN_FILING', `本单位的报送记录中没有与回执相符的第 ${seq} 号备案包`, `The filing history has no package ${seq} matching this receipt`, { sequence: seq });
const already = () => new DomainError('RECEIPT_ALREADY_IMPORTED', '该回执已导入', 'This receipt has already been imported');

const repos = new WeakMap<object, BureauReceiptRepo>();
const repoOf = (s: OpenState) => {
  let r = repos.get(s.store.db);
  if (!r) repos.set(s.store.db, (r = createBureauReceiptRepo(s.store.db)));
  return r;
};

export function createReceiptService(deps: ReceiptDeps) {
  let hasherPromise: Promise<DigestHasher> | undefined;
  const hasher = () => (hasherPromise ??= createDigestHasher());
  const unit = (): OpenState => {
    const s = deps.session.requireOpen();
    if (s.info.role !== 'unit') throw wrongRole('填报单位');
    return s;
  };

  return {
    async importReceipt(file: string): Promise<UnitReceipt> {
      const s = unit();
      const bytes = readFileBounded(file, LIMITS.maxFileBytes, (size) => new DomainError('RECEIPT_INVALID', '回执文件过大', 'The receipt file is too large', { size }));
      const opened = openReceipt(bytes, await hasher());
      const fp = opened.signer.fingerprint();
      const key = deps.keys.counterpart(s, fp);
      if (!key || key.role !== 'bureau' || key.revokedAt !== null) throw unknownSigner(fp);
      const p = opened.payload;
      const own = normalizeUscc(s.store.profile.get().profile.uscc);
      if (own !== '' && p.uscc !== own) throw notOurs(p.uscc);
      const repo = repoOf(s);
      return s.store.tx(() => {
        const filing = s.store.filings.filings().find((f) => f.sequence === p.filingSequence);
        if (!filing || filing.digest !== p.filingDigest) throw unknownFiling(p.filingSequence);
        if (repo.byDigest(opened.digest)) throw already();
        const at = deps.now().toISOString();
        const actor = deps.actor(s.operator);
        const returned = p.entries.filter((e) => e.decision === 'return').length;
        const id = repo.insert(
          {
            filingSequence: p.filingSequence,
            filingDigest: p.filingDigest,
            decision: p.decision,
            comment: p.comment,
            decidedAt: p.decidedAt,
            decidedBy: p.decidedBy,
            issuedAt: p.issuedAt,
            importedAt: at,
            importedBy: actor,
            bureauFingerprint: fp,
            receiptDigest: opened.digest,
            accepted: p.entries.length - returned,
            returned,
          },
          p.entries,
        );
        s.store.audit.append({
          actor,
          action: 'receipt.import',
          entity: 'unit_receipt',
          entityId: String(id),
          at,
          after: { filingSequence: p.filingSequence, decision: p.decision, comment: p.comment, returned, accepted: p.entries.length - returned, digest: opened.digest },
        });
        return repo.byId(id)!;
      });
    },

    list(): UnitFilingOutcome[] {
      const s = unit();
      const receipts = repoOf(s).all();
      const latest = new Map<number, UnitReceipt>();
      for (const r of receipts) latest.set(r.filingSequence, r);
      return s.store.filings.filings().map((f) => {
        const r = latest.get(f.sequence) ?? null;
        return { sequence: f.sequence, kind: f.kind, digest: f.digest, createdAt: f.createdAt, status: r ? r.decision : 'awaiting', receipt: r };
      });
    },

    entryStatuses(i: { dataIds?: readonly string[] | undefined; decision?: EntryDecision | undefined; offset: number; limit: number }): { total: number; rows: EntryReceiptStatus[] } {
      const s = unit();
      return repoOf(s).entryStatuses(i, i.offset, i.limit);
    },
  };
}

export type ReceiptService = ReturnType<typeof createReceiptService>;
