/**
 * The bureau workspace (区数据局): trust registry, intake (one call, or a job that works through
 * many packages between other calls and can be cancelled between packages), review of a filing,
 * decisions, receipts, the district view and versions. Every change is one transaction with its
 * audit entry; a refused package changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createDigestHasher, type DigestHasher } from '../../crypto/index';
import {
  CATALOG_FIELD_KEYS,
  ENTRY_FIELD_KEYS,
  unpackRow,
  FILING_STATUSES,
  flagOf,
  rankOf,
  fieldChanges,
  type BureauFiling,
  type BureauUnit,
  type DiffRow,
  type DiffSummary,
  type DistrictCatalogRow,
  type DistrictSummary,
  type EntryDecision,
  type FilingDecision,
  type FilingStatus,
  type IntakeFileResult,
  type IntakeJob,
  type IntakeSummary,
  type KeyRotationNotice,
  type OverdueUnit,
  type QualityDigest,
  type ReceiptBuildResult,
  type ReceiptPayload,
  type ReviewEntry,
  type ReviewFlagCode,
  type ReviewOverview,
  type DiffChange,
  type DiffSection,
} from '../../domain/bureau';
import { DomainError, isDomainError } from '../../domain/errors';
import { groupFingerprint, normalizeFingerprint } from '../../domain/package/keys';
import { LIMITS, PACKAGE_EXTENSION, type PackageCatalogEntry, type PackageEntry, type VerifyError } from '../../domain/package/index';
import { SHEET3_COLUMNS } from '../../domain/sheets/layout';
import { headerRow, sheet3Row } from '../../domain/sheets/export';
import { checkUscc } from '../../domain/uscc';
import { normalizeText } from '../../domain/text';
import { createBureauRepo, type BureauRepo } from '../../db/repos/bureau-repo';
import { writeXlsx } from '../excel/xlsx-write';
import { wrongRole } from '../errors';
import { qualityCategories } from '../quality-service';
import { outputExists, readFileBounded, stageFile } from '../package/files';
import type { KeyService } from '../package/key-service';
import type { OpenState, Session } from '../session';
import { openPackage, type OpenContext, type OpenedPackage } from './open-package';
import { prepareFiling, refused, storeFiling } from './intake';
import { buildReceipt, RECEIPT_EXTENSION } from './receipt-format';

export interface BureauDeps {
  session: Session;
  actor: (operator: string) => string;
  now: () => Date;
  appVersion: string;
  keys: KeyService;
}

const repos = new WeakMap<object, BureauRepo>();
/** The bureau repository of an open workspace (prepared once per connection). */
export function bureauRepoOf(s: OpenState): BureauRepo {
  let r = repos.get(s.store.db);
  if (!r) repos.set(s.store.db, (r = createBureauRepo(s.store.db)));
  return r;
}

// ---- errors
const unitNotFound = (uscc: string) => new DomainError('BUREAU_UNIT_NOT_FOUND', `未登记统一社会信用代码为 ${uscc} 的单位`, `No unit with the code ${uscc} is registered`, { uscc });
const usccInvalid = () => new DomainError('KEY_USCC_INVALID', '统一社会信用代码不正确', 'The unified social credit code is not valid');
const filingNotFound = (id: number) => new DomainError('BUREAU_FILING_NOT_FOUND', `找不到编号为 ${id} 的备案`, `No filing ${id}`, { id });
const jobNotFound = (id: string) => new DomainError('BUREAU_JOB_NOT_FOUND', '找不到该接收任务（可能已结束很久或程序已重启）', 'No such intake job (it may have ended long ago, or the program restarted)', { id });
const jobRunning = () => new DomainError('BUREAU_JOB_RUNNING', '已有一个接收任务在进行，请等待完成或取消后再开始', 'An intake job is already running; wait for it or cancel it first');
const noPackages = () => new DomainError('BUREAU_NO_PACKAGES', `所选位置中没有备案包（${PACKAGE_EXTENSION}）`, `No filing packages (${PACKAGE_EXTENSION}) were found there`);
const fingerprintMalformed = () => new DomainError('KEY_FINGERPRINT_MALFORMED', '指纹应为 64 位十六进制数字（16 组，每组 4 位）', 'A fingerprint is 64 hex digits (16 groups of 4)');
const fingerprintMismatch = (expected: string, given: string) =>
  new DomainError('KEY_FINGERPRINT_MISMATCH', '您核对的指纹与该公钥不一致，未登记。请与对方重新核对', 'The fingerprint you confirmed does not match this key; nothing was registered. Check it again with the unit', { expected, given });
const notUnknownSigner = () =>
  new DomainError('BUREAU_SIGNER_KNOWN', '该备案包的签名公钥已登记（或备案包无法读取），无需从备案包登记', 'The signing key of this package is already registered (or the package cannot be read); nothing to register');
const unitHasKey = (uscc: string) =>
  new DomainError(
    'BUREAU_UNIT_HAS_KEY',
    `单位 ${uscc} 已登记了有效公钥；新公钥须由该单位用现有密钥签名宣告（密钥轮换），或在核对后手工添加`,
    `Unit ${uscc} already has a registered key; a new key must be announced in a package signed with the current one (rotation) or added by hand after checking`,
    { uscc },
  );
const rotationNotFound = (id: number) => new DomainError('BUREAU_ROTATION_NOT_FOUND', '该备案没有待确认的密钥轮换', 'This filing announces no pending key rotation', { id });
const rotationStale = () =>
  new DomainError('BUREAU_ROTATION_STALE', '宣告轮换的旧密钥已不是该单位的有效密钥，不能应用', 'The key that announced the rotation is no longer a current key of the unit; it cannot be applied');
const receiptIssued = () => new DomainError('BUREAU_RECEIPT_ISSUED', '该备案的回执已发出，不能再更改审核意见', 'The receipt of this filing has been issued; decisions can no longer change');
const commentNeeded = () => new DomainError('BUREAU_COMMENT_REQUIRED', '退回或附意见时须填写意见', 'Returning, or accepting with remarks, needs a comment');
const entryNotFound = (dataId: string) => new DomainError('BUREAU_ENTRY_NOT_FOUND', `该备案中没有数据编号为 ${dataId} 的条目`, `The filing has no entry ${dataId}`, { dataId });
const returnedEntries = (n: number) =>
  new DomainError('BUREAU_RETURNED_ENTRIES', `有 ${n} 条被退回的条目，不能直接“已备案”，请选择“附意见备案”或“退回修改”`, `${n} entries are returned: choose accepted with remarks, or returned, instead of accepted`, { returned: n });
const notDecided = () => new DomainError('BUREAU_NOT_DECIDED', '该备案尚未作出审核结论，不能出具回执', 'The filing has not been decided yet; no receipt can be issued');
const badDate = () => new DomainError('BUREAU_BAD_DATE', '日期格式应为 YYYY-MM-DD', 'A date is YYYY-MM-DD');

const fileNameOf = (p: string) => path.basename(p);

/** Files and folders → the package files, in a stable order (a folder: its .dsp files, not recursive). */
export function expandPaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(p);
    } catch {
      st = undefined;
    }
    if (st?.isDirectory()) {
      const names = fs.readdirSync(p).filter((n) => n.toLowerCase().endsWith(PACKAGE_EXTENSION)).sort();
      for (const n of names) out.push(path.join(p, n));
    } else out.push(p);
  }
  return out;
}

function asOfIso(asOf: string | undefined, now: Date): string {
  if (asOf === undefined || asOf === '') return now.toISOString();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(`${asOf}T23:59:59.999Z`))) throw badDate();
  return `${asOf}T23:59:59.999Z`;
}

function yearBefore(iso: string): string {
  const d = new Date(iso);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  return d.toISOString();
}

interface Job {
  view: IntakeJob;
  files: string[];
  cancel: boolean;
}

export function createBureauService(deps: BureauDeps) {
  let hasherPromise: Promise<DigestHasher> | undefined;
  const hasher = () => (hasherPromise ??= createDigestHasher());
  const jobs = new Map<string, Job>();
  let jobSeq = 0;

  const bureau = (): OpenState => {
    const s = deps.session.requireOpen();
    if (s.info.role !== 'bureau') throw wrongRole('区数据局');
    return s;
  };
  const filingOr404 = (repo: BureauRepo, id: number): BureauFiling => {
    const f = repo.filing(id);
    if (!f) throw filingNotFound(id);
    return f;
  };

  const unitView = (s: OpenState, uscc: string): BureauUnit => {
    const repo = bureauRepoOf(s);
    const u = repo.unit(uscc);
    if (!u) throw unitNotFound(uscc);
    return unitsOf(s).find((x) => x.uscc === u.uscc)!;
  };

  const unitsOf = (s: OpenState): BureauUnit[] => {
    const repo = bureauRepoOf(s);
    const keys = repo.unitKeys();
    const stats = new Map(repo.unitFilingStats().map((r) => [r.uscc, r] as const));
    return repo.units().map((u) => {
      const st = stats.get(u.uscc);
      const last = st?.lastId ? repo.filing(st.lastId) : undefined;
      return {
        uscc: u.uscc,
        name: u.name,
        contactName: u.contactName,
        contactPhone: u.contactPhone,
        contactEmail: u.contactEmail,
        registeredAt: u.registeredAt,
        keys: keys.filter((k) => k.uscc === u.uscc).map((k) => ({ fingerprint: k.fingerprint, label: k.label, confirmedAt: k.confirmedAt, confirmedBy: k.confirmedBy, retiredAt: k.revokedAt })),
        filings: st?.filings ?? 0,
        lastFiling: last ? { id: last.id, sequence: last.sequence, kind: last.kind, receivedAt: last.receivedAt, status: last.status } : null,
      };
    });
  };

  const openContext = async (s: OpenState): Promise<OpenContext> => ({
    trust: {
      kind: 'registry',
      lookup: (fp) => {
        const c = deps.keys.counterpart(s, fp);
        return c && c.role === 'unit' ? { uscc: c.uscc, revoked: c.revokedAt !== null } : undefined;
      },
    },
    lastAccepted: (uscc) => s.store.filings.lastAccepted(uscc),
    recipientKey: deps.keys.privateKey(s),
    hasher: await hasher(),
  });

  const errorOf = (e: unknown): VerifyError[] => {
    if (isDomainError(e)) {
      const nested = (e.details as { report?: { errors?: VerifyError[] } } | undefined)?.report?.errors;
      if (nested?.length) return nested;
      return [{ code: e.code as VerifyError['code'], message: e.message_zh, message_en: e.message_en }];
    }
    throw e;
  };

  /** Intake of one file: never throws for a bad package (refused result); throws only on a broken workspace. */
  const intakeOne = async (s: OpenState, file: string, ctx: OpenContext): Promise<IntakeFileResult> => {
    const name = fileNameOf(file);
    let bytes: Buffer;
    try {
      bytes = readFileBounded(file, LIMITS.maxFileBytes, (size) => new DomainError('PKG_TOO_LARGE', '备案包文件过大，拒绝读取', 'The package file is too large; refused', { size }));
    } catch (e) {
      return refused(file, name, null, errorOf(e));
    }
    const opened = await openPackage(bytes, ctx);
    const { report, bagInfo } = opened;
    if (!report.ok || !bagInfo || !opened.payload) {
      return refused(file, name, report, report.errors, { unknownSigner: unknownSignerOf(s, opened) });
    }
    if (deps.session.state !== s) throw new DomainError('WORKSPACE_LOCKED', '工作区已锁定或关闭，接收已停止', 'The workspace was locked or closed; intake stopped');
    const repo = bureauRepoOf(s);
    const base = repo.lastFilingOf(bagInfo.uscc);
    const baseLevels = base ? repo.entryLevels(base.id) : undefined;
    // Category codes are checked against the bureau's version of the scheme the entry names; entries
    // of a scheme the bureau does not have are not checked against another one.
    const categories = { activeSchemeId: '', bySchemeId: qualityCategories(s.store).bySchemeId };
    const prepared = prepareFiling(opened.payload, baseLevels, bagInfo.createdAt.slice(0, 10), categories);
    try {
      const { filingId, rotation } = storeFiling({
        s,
        repo,
        report,
        bagInfo,
        opened: opened.payload,
        prepared,
        baseFilingId: base?.id ?? null,
        fileName: name,
        at: deps.now().toISOString(),
        actor: deps.actor(s.operator),
      });
      return {
        path: file,
        fileName: name,
        outcome: 'accepted',
        filingId,
        uscc: bagInfo.uscc,
        unitName: bagInfo.unitName,
        sequence: bagInfo.sequence,
        kind: bagInfo.kind,
        digest: report.digest,
        counts: bagInfo.counts,
        errors: [],
        codes: [],
        unknownSigner: null,
        rotation,
      };
    } catch (e) {
      return refused(file, name, report, errorOf(e));
    }
  };

  const summaryOf = (results: IntakeFileResult[]): IntakeSummary => {
    const accepted = results.filter((r) => r.outcome === 'accepted').length;
    return { total: results.length, accepted, refused: results.length - accepted, results };
  };

  const runJob = async (job: Job, s: OpenState): Promise<void> => {
    try {
      const ctx = await openContext(s);
      for (const file of job.files) {
        // Let queued calls (progress, cancel) run between packages.
        await new Promise<void>((r) => setImmediate(r));
        if (job.cancel) break;
        if (deps.session.state !== s) throw new DomainError('WORKSPACE_LOCKED', '工作区已锁定或关闭', 'The workspace was locked or closed');
        job.view.current = file;
        const r = await intakeOne(s, file, ctx);
        job.view.results.push(r);
        job.view.processed++;
        if (r.outcome === 'accepted') job.view.accepted++;
        else job.view.refused++;
      }
      job.view.state = job.cancel && job.view.processed < job.view.total ? 'cancelled' : 'done';
    } catch {
      job.view.state = 'failed';
    } finally {
      job.view.current = null;
      job.view.finishedAt = deps.now().toISOString();
    }
  };

  const copyJob = (j: Job): IntakeJob => ({ ...j.view, results: [...j.view.results] });

  // ---- diff helpers
  const ensureDiff = (s: OpenState, repo: BureauRepo, f: number, b: number) => {
    if (!repo.diffDone(f, b)) s.store.tx(() => (repo.diffDone(f, b) ? undefined : repo.computeDiff(f, b)));
  };
  const diffSummary = (repo: BureauRepo, f: number, b: number): DiffSummary => {
    const zero = () => ({ resources: 0, items: 0, catalog: 0 });
    const sum: DiffSummary = { baseFilingId: b === 0 ? null : b, added: zero(), removed: zero(), changed: zero(), raised: 0, lowered: 0 };
    for (const r of repo.diffCounts(f, b)) {
      const slot = sum[r.change];
      if (r.section === 'catalog') slot.catalog += r.n;
      else if (r.kind === 'resource') slot.resources += r.n;
      else slot.items += r.n;
      if (r.section === 'entry' && r.levelChange === 'raised') sum.raised += r.n;
      if (r.section === 'entry' && r.levelChange === 'lowered') sum.lowered += r.n;
    }
    return sum;
  };

  const reviewEntryOf = (r: { fields: string; flags: string; decision: EntryDecision | null; comment: string | null; decidedAt: string | null; decidedBy: string | null }): ReviewEntry => {
    const e = unpackRow<PackageEntry>(ENTRY_FIELD_KEYS, r.fields);
    return {
      dataId: e.dataId,
      kind: e.kind,
      resourceDataId: e.resourceDataId,
      systemName: e.systemName,
      resourceName: e.resourceName,
      itemName: e.itemName,
      category1: e.category1,
      level: e.level,
      suggestedLevel: e.suggestedLevel,
      rationale: e.rationale,
      isSensitivePersonalInfo: e.isSensitivePersonalInfo,
      flags: r.flags ? r.flags.split(',').map((c) => flagOf(c as ReviewFlagCode)) : [],
      decision: r.decision ? { decision: r.decision, comment: r.comment ?? '', decidedAt: r.decidedAt ?? '', decidedBy: r.decidedBy ?? '' } : null,
    };
  };

  const latestAcceptedIds = (repo: BureauRepo) => repo.latestFilings(deps.now().toISOString(), true).map((f) => f.id);

  const catalogRows = (repo: BureauRepo, filter: { uscc?: string | undefined; level?: string | undefined; search?: string | undefined }, offset: number, limit: number) => {
    const page = repo.catalogPage(latestAcceptedIds(repo), filter, offset, limit);
    return {
      total: page.total,
      rows: page.rows.map((r): DistrictCatalogRow => ({ ...unpackRow<PackageCatalogEntry>(CATALOG_FIELD_KEYS, r.fields), uscc: r.uscc, unitName: r.unitName, filingId: r.filingId, sequence: r.sequence })),
    };
  };

  const audit = (s: OpenState, action: string, entity: string, entityId: string, after: unknown, before?: unknown) =>
    s.store.audit.append({ actor: deps.actor(s.operator), action, entity, entityId, at: deps.now().toISOString(), after, ...(before === undefined ? {} : { before }) });

  return {
    // ---- trust registry
    units(): BureauUnit[] {
      return unitsOf(bureau());
    },

    unitSave(i: { uscc: string; name: string; contactName: string; contactPhone: string; contactEmail: string }): BureauUnit {
      const s = bureau();
      const u = checkUscc(i.uscc);
      if (!u.valid) throw usccInvalid();
      const repo = bureauRepoOf(s);
      const row = { uscc: u.normalized, name: normalizeText(i.name), contactName: normalizeText(i.contactName), contactPhone: i.contactPhone.trim(), contactEmail: i.contactEmail.trim() };
      s.store.tx(() => {
        const before = repo.unit(row.uscc);
        if (before) repo.updateUnit(row);
        else repo.insertUnit({ ...row, registeredAt: deps.now().toISOString(), registeredBy: deps.actor(s.operator) });
        audit(s, 'bureau.unit.save', 'bureau_unit', row.uscc, row, before ? { ...before, registeredBy: undefined } : undefined);
      });
      return unitView(s, row.uscc);
    },

    keyAdd(i: { uscc: string; pem: string; fingerprint: string; label?: string | undefined; name?: string | undefined }): BureauUnit {
      const s = bureau();
      const u = checkUscc(i.uscc);
      if (!u.valid) throw usccInvalid();
      const repo = bureauRepoOf(s);
      s.store.tx(() => {
        if (!repo.unit(u.normalized)) {
          if (i.name === undefined) throw unitNotFound(u.normalized);
          const row = { uscc: u.normalized, name: normalizeText(i.name), contactName: '', contactPhone: '', contactEmail: '' };
          repo.insertUnit({ ...row, registeredAt: deps.now().toISOString(), registeredBy: deps.actor(s.operator) });
          audit(s, 'bureau.unit.save', 'bureau_unit', row.uscc, row);
        }
        deps.keys.importCounterpart({ pem: i.pem, fingerprint: i.fingerprint, uscc: u.normalized, label: i.label ?? i.name });
      });
      return unitView(s, u.normalized);
    },

    keyRetire(fingerprint: string): BureauUnit {
      const s = bureau();
      const info = deps.keys.revokeCounterpart(fingerprint);
      if (!bureauRepoOf(s).unit(info.uscc)) throw unitNotFound(info.uscc);
      return unitView(s, info.uscc);
    },

    rotations(pendingOnly: boolean): KeyRotationNotice[] {
      const s = bureau();
      return bureauRepoOf(s)
        .rotationFilings(pendingOnly)
        .map((r) => {
          const rot = JSON.parse(r.rotationJson) as { newFingerprint: string; newPublicKeyPem: string; announcedAt: string };
          return { filingId: r.id, uscc: r.uscc, unitName: r.unitName, oldFingerprint: r.signer, newFingerprint: rot.newFingerprint, newPublicKeyPem: rot.newPublicKeyPem, announcedAt: rot.announcedAt, appliedAt: r.appliedAt };
        });
    },

    rotationApply(i: { filingId: number; fingerprint: string }): BureauUnit {
      const s = bureau();
      const repo = bureauRepoOf(s);
      const filing = filingOr404(repo, i.filingId);
      const extras = repo.filingExtras(filing.id)!;
      if (!extras.rotationJson || extras.rotationAppliedAt) throw rotationNotFound(filing.id);
      const rot = JSON.parse(extras.rotationJson) as { newFingerprint: string; newPublicKeyPem: string };
      const given = normalizeFingerprint(i.fingerprint);
      if (given === null) throw fingerprintMalformed();
      if (given !== rot.newFingerprint.replace(/ /g, '')) throw fingerprintMismatch(rot.newFingerprint, groupFingerprint(given));
      s.store.tx(() => {
        const old = deps.keys.counterpart(s, filing.signerFingerprint);
        if (!old || old.revokedAt !== null || old.uscc !== filing.uscc) throw rotationStale();
        deps.keys.importCounterpart({ pem: rot.newPublicKeyPem, fingerprint: rot.newFingerprint, uscc: filing.uscc, label: `轮换 ${deps.now().toISOString().slice(0, 10)}` });
        deps.keys.revokeCounterpart(filing.signerFingerprint);
        repo.markRotationApplied(filing.id, deps.now().toISOString());
        audit(s, 'bureau.rotation.apply', 'bureau_unit', filing.uscc, { filingId: filing.id, oldFingerprint: filing.signerFingerprint, newFingerprint: rot.newFingerprint, fingerprintConfirmed: true });
      });
      return unitView(s, filing.uscc);
    },

    // ---- intake
    async intake(paths: readonly string[]): Promise<IntakeSummary> {
      const s = bureau();
      const files = expandPaths(paths);
      if (files.length === 0) throw noPackages();
      const ctx = await openContext(s);
      const results: IntakeFileResult[] = [];
      for (const f of files) results.push(await intakeOne(s, f, ctx));
      return summaryOf(results);
    },

    intakeStart(paths: readonly string[]): IntakeJob {
      const s = bureau();
      if ([...jobs.values()].some((j) => j.view.state === 'running')) throw jobRunning();
      const files = expandPaths(paths);
      if (files.length === 0) throw noPackages();
      const id = `intake-${++jobSeq}-${Date.now().toString(36)}`;
      const job: Job = {
        files,
        cancel: false,
        view: { id, state: 'running', total: files.length, processed: 0, accepted: 0, refused: 0, current: null, startedAt: deps.now().toISOString(), finishedAt: null, results: [] },
      };
      jobs.set(id, job);
      // Keep the ten most recent jobs.
      for (const k of [...jobs.keys()].slice(0, Math.max(0, jobs.size - 10))) if (jobs.get(k)!.view.state !== 'running') jobs.delete(k);
      void runJob(job, s);
      return copyJob(job);
    },

    intakeProgress(jobId: string): IntakeJob {
      const j = jobs.get(jobId);
      if (!j) throw jobNotFound(jobId);
      return copyJob(j);
    },

    intakeCancel(jobId: string): IntakeJob {
      const j = jobs.get(jobId);
      if (!j) throw jobNotFound(jobId);
      if (j.view.state === 'running') j.cancel = true;
      return copyJob(j);
    },

    /** Wait for a job to end (CLI and tests). */
    async intakeWait(jobId: string): Promise<IntakeJob> {
      for (;;) {
        const j = jobs.get(jobId);
        if (!j) throw jobNotFound(jobId);
        if (j.view.state !== 'running') return copyJob(j);
        await new Promise<void>((r) => setTimeout(r, 5));
      }
    },

    async registerFromPackage(i: { path: string; fingerprint: string; name?: string | undefined; contactName?: string | undefined; contactPhone?: string | undefined; contactEmail?: string | undefined }): Promise<BureauUnit> {
      const s = bureau();
      const result = await intakeOneDryRun(s, i.path);
      const info = result.unknownSigner;
      if (!info) throw notUnknownSigner();
      const given = normalizeFingerprint(i.fingerprint);
      if (given === null) throw fingerprintMalformed();
      if (given !== info.fingerprint.replace(/ /g, '')) throw fingerprintMismatch(info.fingerprint, groupFingerprint(given));
      const repo = bureauRepoOf(s);
      const hasActiveKey = repo.unitKeys(info.uscc).some((k) => k.revokedAt === null);
      if (hasActiveKey) throw unitHasKey(info.uscc);
      s.store.tx(() => {
        const existing = repo.unit(info.uscc);
        const row = {
          uscc: info.uscc,
          name: normalizeText(i.name ?? info.unitName),
          contactName: normalizeText(i.contactName ?? info.contactName),
          contactPhone: (i.contactPhone ?? info.contactPhone).trim(),
          contactEmail: (i.contactEmail ?? info.contactEmail).trim(),
        };
        if (existing) repo.updateUnit(row);
        else repo.insertUnit({ ...row, registeredAt: deps.now().toISOString(), registeredBy: deps.actor(s.operator) });
        deps.keys.importCounterpart({ pem: info.publicKeyPem, fingerprint: i.fingerprint, uscc: info.uscc, label: row.name });
        audit(s, 'bureau.unit.register', 'bureau_unit', info.uscc, { ...row, fingerprint: info.fingerprint, fingerprintConfirmed: true, fromPackage: fileNameOf(i.path) });
      });
      return unitView(s, info.uscc);
    },

    // ---- filings and review
    filings(i: { uscc?: string | undefined; status?: FilingStatus | undefined; offset: number; limit: number }): { total: number; rows: BureauFiling[] } {
      const s = bureau();
      return bureauRepoOf(s).filings({ uscc: i.uscc, status: i.status }, i.offset, i.limit);
    },

    review(filingId: number): ReviewOverview {
      const s = bureau();
      const repo = bureauRepoOf(s);
      const filing = filingOr404(repo, filingId);
      const b = filing.baseFilingId ?? 0;
      ensureDiff(s, repo, filing.id, b);
      const extras = repo.filingExtras(filing.id)!;
      const flagCounts = JSON.parse(extras.flagCounts) as Record<ReviewFlagCode, number>;
      return {
        filing,
        base: filing.baseFilingId ? (repo.filing(filing.baseFilingId) ?? null) : null,
        diff: diffSummary(repo, filing.id, b),
        flags: Object.entries(flagCounts).map(([code, count]) => ({ code: code as ReviewFlagCode, count })),
        quality: JSON.parse(extras.qualityDigest) as QualityDigest,
        decisions: repo.decisionCounts(filing.id),
      };
    },

    diff(i: { filingId: number; against?: number | undefined; section?: DiffSection | undefined; change?: DiffChange | undefined; kind?: 'resource' | 'item' | undefined; levelChange?: 'raised' | 'lowered' | undefined; offset: number; limit: number }): { total: number; summary: DiffSummary; rows: DiffRow[] } {
      const s = bureau();
      const repo = bureauRepoOf(s);
      const filing = filingOr404(repo, i.filingId);
      const b = i.against !== undefined ? filingOr404(repo, i.against).id : (filing.baseFilingId ?? 0);
      ensureDiff(s, repo, filing.id, b);
      const page = repo.diffPage(filing.id, b, i, i.offset, i.limit);
      const ids = (section: DiffSection) => page.rows.filter((r) => r.section === section).map((r) => r.dataId);
      const after = { entry: repo.fieldsOf('entry', filing.id, ids('entry')), catalog: repo.fieldsOf('catalog', filing.id, ids('catalog')) };
      const before = { entry: repo.fieldsOf('entry', b, ids('entry')), catalog: repo.fieldsOf('catalog', b, ids('catalog')) };
      const rows = page.rows.map((r): DiffRow => {
        const a = after[r.section].get(r.dataId);
        const o = before[r.section].get(r.dataId);
        const keys = r.section === 'entry' ? ENTRY_FIELD_KEYS : CATALOG_FIELD_KEYS;
        const av = a ? unpackRow<Record<string, unknown>>(keys, a) : undefined;
        const ov = o ? unpackRow<Record<string, unknown>>(keys, o) : undefined;
        const any = (av ?? ov)!;
        const isEntry = r.section === 'entry';
        return {
          section: r.section,
          kind: r.kind,
          dataId: r.dataId,
          resourceDataId: isEntry ? String(any.resourceDataId) : r.dataId,
          resourceName: String(isEntry ? any.resourceName : any.name),
          itemName: isEntry ? String(any.itemName) : '',
          change: r.change,
          levelChange: r.levelChange,
          levelBefore: ov ? (ov.level as DiffRow['levelBefore']) : null,
          levelAfter: av ? (av.level as DiffRow['levelAfter']) : null,
          rationaleBefore: ov && isEntry ? String(ov.rationale) : null,
          rationaleAfter: av && isEntry ? String(av.rationale) : null,
          fields: av && ov ? fieldChanges(ov, av) : [],
        };
      });
      return { total: page.total, summary: diffSummary(repo, filing.id, b), rows };
    },

    entries(i: { filingId: number; flaggedOnly: boolean; code?: ReviewFlagCode | undefined; decision?: EntryDecision | 'none' | undefined; search?: string | undefined; offset: number; limit: number }): { total: number; rows: ReviewEntry[] } {
      const s = bureau();
      const repo = bureauRepoOf(s);
      filingOr404(repo, i.filingId);
      const page = repo.entriesPage(i.filingId, i, i.offset, i.limit);
      return { total: page.total, rows: page.rows.map(reviewEntryOf) };
    },

    findings(i: { filingId: number; severity?: 'error' | 'warning' | undefined; code?: string | undefined; offset: number; limit: number }) {
      const s = bureau();
      const repo = bureauRepoOf(s);
      filingOr404(repo, i.filingId);
      return repo.findingsPage(i.filingId, i, i.offset, i.limit);
    },

    decideEntries(i: { filingId: number; dataIds: readonly string[]; decision: EntryDecision; comment: string }): { decided: number; accepted: number; returned: number } {
      const s = bureau();
      const repo = bureauRepoOf(s);
      const comment = i.comment.trim();
      if (i.decision === 'return' && comment === '') throw commentNeeded();
      return s.store.tx(() => {
        const filing = filingOr404(repo, i.filingId);
        if (filing.receiptIssuedAt) throw receiptIssued();
        const unique = [...new Set(i.dataIds)];
        const kinds = repo.entryKinds(filing.id, unique);
        for (const d of unique) if (!kinds.has(d)) throw entryNotFound(d);
        const at = deps.now().toISOString();
        const by = deps.actor(s.operator);
        for (const d of unique) repo.upsertDecision(filing.id, d, { decision: i.decision, comment, decidedAt: at, decidedBy: by });
        audit(s, 'bureau.decide.entries', 'bureau_filing', String(filing.id), { decision: i.decision, comment, count: unique.length, dataIds: unique.slice(0, 1000) });
        const c = repo.decisionCounts(filing.id);
        return { decided: unique.length, accepted: c.accepted, returned: c.returned };
      });
    },

    clearDecisions(i: { filingId: number; dataIds: readonly string[] }): { cleared: number } {
      const s = bureau();
      const repo = bureauRepoOf(s);
      return s.store.tx(() => {
        const filing = filingOr404(repo, i.filingId);
        if (filing.receiptIssuedAt) throw receiptIssued();
        let cleared = 0;
        for (const d of new Set(i.dataIds)) cleared += repo.deleteDecision(filing.id, d);
        if (cleared > 0) audit(s, 'bureau.decide.clear', 'bureau_filing', String(filing.id), { count: cleared, dataIds: [...new Set(i.dataIds)].slice(0, 1000) });
        return { cleared };
      });
    },

    decideFiling(i: { filingId: number; decision: FilingDecision; comment: string }): BureauFiling {
      const s = bureau();
      const repo = bureauRepoOf(s);
      const comment = i.comment.trim();
      s.store.tx(() => {
        const filing = filingOr404(repo, i.filingId);
        if (filing.receiptIssuedAt) throw receiptIssued();
        const counts = repo.decisionCounts(filing.id);
        if (i.decision === 'accepted' && counts.returned > 0) throw returnedEntries(counts.returned);
        if (i.decision === 'accepted_with_remarks' && comment === '') throw commentNeeded();
        if (i.decision === 'returned' && comment === '' && counts.returned === 0) throw commentNeeded();
        repo.setDecision(filing.id, { status: i.decision, at: deps.now().toISOString(), by: deps.actor(s.operator), comment });
        audit(s, 'bureau.decide.filing', 'bureau_filing', String(filing.id), { decision: i.decision, comment, accepted: counts.accepted, returned: counts.returned }, { status: filing.status, comment: filing.decisionComment });
      });
      return repo.filing(i.filingId)!;
    },

    async receipt(i: { filingId: number; outPath: string; overwrite?: boolean | undefined }): Promise<ReceiptBuildResult> {
      const s = bureau();
      const repo = bureauRepoOf(s);
      const filing = filingOr404(repo, i.filingId);
      if (filing.status === 'pending' || !filing.decidedAt) throw notDecided();
      const signer = deps.keys.signer(s);
      const issuedAt = deps.now().toISOString();
      const payload: ReceiptPayload = {
        format: 'datasteward-receipt/1',
        uscc: filing.uscc,
        unitName: filing.unitName,
        filingSequence: filing.sequence,
        filingDigest: filing.digest,
        filingKind: filing.kind,
        decision: filing.status as FilingDecision,
        comment: filing.decisionComment,
        decidedAt: filing.decidedAt,
        decidedBy: filing.decidedBy ?? '',
        issuedAt,
        entries: repo.decisions(filing.id),
      };
      const h = await hasher();
      const built = await buildReceipt(payload, signer, h);
      const outPath = path.extname(i.outPath) === '' ? `${i.outPath}${RECEIPT_EXTENSION}` : i.outPath;
      const staged = stageFile(outPath, built.zip, { overwrite: i.overwrite ?? false });
      const fileSm3 = h.sm3(built.zip);
      try {
        s.store.tx(() => {
          repo.insertReceipt({ filingId: filing.id, decision: payload.decision, digest: built.digest, fileSm3, fileName: path.basename(outPath), issuedAt, issuedBy: deps.actor(s.operator) });
          repo.markReceiptIssued(filing.id, issuedAt);
          audit(s, 'bureau.receipt', 'bureau_filing', String(filing.id), { decision: payload.decision, digest: built.digest, fileSm3, entries: payload.entries.length, file: path.basename(outPath) });
        });
      } catch (e) {
        staged.discard();
        throw e;
      }
      staged.commit();
      return { path: outPath, filingId: filing.id, digest: built.digest, fileSm3, decision: payload.decision, entries: payload.entries.length };
    },

    // ---- district
    district(asOf?: string): DistrictSummary {
      const t0 = performance.now();
      const s = bureau();
      const repo = bureauRepoOf(s);
      const at = asOfIso(asOf, deps.now());
      const latest = repo.latestFilings(at, false);
      const lastYear = repo.latestFilings(yearBefore(at), false);
      const byId = new Map(latest.map((f) => [f.id, f] as const));
      const stats = repo.stats(latest.map((f) => f.id));
      const statsLast = repo.stats(lastYear.map((f) => f.id));
      const units = new Map(latest.map((f) => [f.id, { uscc: f.uscc, unitName: f.unitName, filingId: f.id, sequence: f.sequence, status: f.status, receivedAt: f.receivedAt, resources: 0, items: 0, important: 0, core: 0 }]));
      const cat = new Map<string, { key: string; resources: number; items: number }>();
      const lvl = new Map<string, { key: string; resources: number; items: number }>();
      const sts = new Map<string, { key: string; resources: number; items: number; units: number }>();
      for (const st of FILING_STATUSES) sts.set(st, { key: st, resources: 0, items: 0, units: 0 });
      for (const f of latest) sts.get(f.status)!.units++;
      const bump = (m: Map<string, { key: string; resources: number; items: number }>, key: string, kind: 'resource' | 'item', n: number) => {
        let c = m.get(key);
        if (!c) m.set(key, (c = { key, resources: 0, items: 0 }));
        if (kind === 'resource') c.resources += n;
        else c.items += n;
      };
      let resources = 0;
      let items = 0;
      for (const r of stats) {
        const u = units.get(r.filingId)!;
        if (r.kind === 'resource') {
          u.resources += r.n;
          resources += r.n;
        } else {
          u.items += r.n;
          items += r.n;
        }
        if (r.level === '重要数据') u.important += r.n;
        if (r.level === '核心数据') u.core += r.n;
        bump(cat, r.category, r.kind, r.n);
        bump(lvl, r.level, r.kind, r.n);
        bump(sts as never, byId.get(r.filingId)!.status, r.kind, r.n);
      }
      const lvlLast = new Map<string, { key: string; resources: number; items: number }>();
      for (const r of statsLast) bump(lvlLast, r.level, r.kind, r.n);
      const levelKeys = [...new Set([...lvl.keys(), ...lvlLast.keys()])].sort((a, b) => rankOf(b) - rankOf(a));
      return {
        asOf: at,
        units: latest.length,
        resources,
        items,
        byUnit: [...units.values()],
        byCategory: [...cat.values()].sort((a, b) => b.items + b.resources - (a.items + a.resources)),
        byLevel: levelKeys.filter((k) => lvl.has(k)).map((k) => lvl.get(k)!),
        byStatus: [...sts.values()],
        trend: levelKeys.map((k) => ({
          level: k,
          resources: lvl.get(k)?.resources ?? 0,
          items: lvl.get(k)?.items ?? 0,
          resourcesLastYear: lvlLast.get(k)?.resources ?? 0,
          itemsLastYear: lvlLast.get(k)?.items ?? 0,
        })),
        ms: Math.round((performance.now() - t0) * 10) / 10,
      };
    },

    catalog(i: { uscc?: string | undefined; level?: string | undefined; search?: string | undefined; offset: number; limit: number }): { total: number; rows: DistrictCatalogRow[] } {
      const s = bureau();
      return catalogRows(bureauRepoOf(s), i, i.offset, i.limit);
    },

    catalogExport(i: { uscc?: string | undefined; level?: string | undefined; search?: string | undefined; outPath: string; overwrite?: boolean | undefined }): { path: string; rows: number } {
      const s = bureau();
      const outPath = path.extname(i.outPath) === '' ? `${i.outPath}.xlsx` : i.outPath;
      if (!i.overwrite && fs.existsSync(outPath)) throw outputExists(outPath);
      const { rows } = catalogRows(bureauRepoOf(s), i, 0, 10_000_000);
      const header = ['填报单位', '统一社会信用代码', ...headerRow(SHEET3_COLUMNS)];
      const now = deps.now();
      writeXlsx(
        outPath,
        [
          {
            name: '重要数据目录（汇总）',
            widths: [28, 22, ...SHEET3_COLUMNS.map((c) => c.width)],
            header,
            rows: rows.map((r, n) => [r.unitName, r.uscc, ...sheet3Row({ ...r, resourceId: 0, updatedAt: '' }, n + 1)]),
          },
        ],
        {
          title: '重要数据目录（全区汇总）',
          subject: '重要数据目录',
          author: s.info.name,
          company: s.info.name,
          keywords: '重要数据目录;DataSteward',
          description: `由 DataSteward 于 ${now.toISOString()} 导出`,
          created: now,
          custom: { 条数: String(rows.length), 导出工具: `DataSteward ${deps.appVersion}` },
        },
      );
      s.store.tx(() => audit(s, 'bureau.catalog.export', 'bureau_catalog', path.basename(outPath), { rows: rows.length, filter: { uscc: i.uscc ?? null, level: i.level ?? null, search: i.search ?? null } }));
      return { path: outPath, rows: rows.length };
    },

    overdue(asOf?: string): OverdueUnit[] {
      const s = bureau();
      const repo = bureauRepoOf(s);
      const at = asOfIso(asOf, deps.now());
      const out: OverdueUnit[] = [];
      for (const u of repo.units()) {
        const last = repo.lastFilingOf(u.uscc);
        if (last?.kind === 'deregistration') continue;
        const from = new Date(last?.receivedAt ?? u.registeredAt);
        from.setUTCFullYear(from.getUTCFullYear() + 1);
        const due = from.toISOString();
        if (due < at) out.push({ uscc: u.uscc, unitName: u.name, lastFilingAt: last?.receivedAt ?? null, lastFilingKind: last?.kind ?? null, dueAt: due });
      }
      return out.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    },
  };

  /** Open a package without storing it (for registering its unit). */
  async function intakeOneDryRun(s: OpenState, file: string): Promise<IntakeFileResult> {
    const bytes = readFileBounded(file, LIMITS.maxFileBytes, (size) => new DomainError('PKG_TOO_LARGE', '备案包文件过大，拒绝读取', 'The package file is too large; refused', { size }));
    const opened = await openPackage(bytes, await openContext(s));
    return refused(file, fileNameOf(file), opened.report, opened.report.errors, { unknownSigner: unknownSignerOf(s, opened) });
  }

  /** What registering the signer of a refused package needs, when its key is not known here at all. */
  function unknownSignerOf(s: OpenState, opened: OpenedPackage): IntakeFileResult['unknownSigner'] {
    const { report, bagInfo } = opened;
    if (!report.errors.some((e) => e.code === 'PKG_UNKNOWN_SIGNER') || !report.signer || !bagInfo || !opened.signerPem) return null;
    if (deps.keys.counterpart(s, report.signer.fingerprint)) return null;
    return {
      fingerprint: report.signer.fingerprint,
      publicKeyPem: opened.signerPem,
      uscc: bagInfo.uscc,
      unitName: bagInfo.unitName,
      contactName: bagInfo.contactName,
      contactPhone: bagInfo.contactPhone,
      contactEmail: bagInfo.contactEmail,
      unitKnown: bureauRepoOf(s).unit(bagInfo.uscc) !== undefined,
    };
  }
}

export type BureauService = ReturnType<typeof createBureauService>;
