/**
 * Filing packages (备案包): build and sign on a unit workspace, with the filing history; verify
 * anywhere; accept on a bureau workspace (verify, then record the unit's sequence and digest in
 * one transaction, so replays, rollbacks and forks are refused from then on).
 *
 * Build: the state is read in one transaction; the package is made in memory (canonical JSON →
 * BagIt → signature → zip → optional seal); the file is staged beside its final name; then ONE
 * transaction re-reads the last sequence, records the filing and its audit entry; then the file
 * is renamed into place. So a sequence number is never given to two packages, and a package
 * that was not recorded never appears under its name.
 */
import path from 'node:path';
import { createDigestHasher, DEFAULT_SM2_USER_ID, Sm2PrivateKey, type DigestHasher, type SpkiPublicKey } from '../../crypto/index';
import { DomainError } from '../../domain/errors';
import { checkProfile, type UnitProfile } from '../../domain/profile';
import { normalizeText } from '../../domain/text';
import {
  CATALOG_FORMAT,
  EMPTY_CATALOG_FIELDS,
  FILING_KIND_LABELS,
  INVENTORY_FORMAT,
  LIMITS,
  PACKAGE_EXTENSION,
  PAYLOAD,
  PROFILE_FORMAT,
  chinaDate,
  checkEntryName,
  problems,
  toVerifyError,
  type AcceptResult,
  type AcceptedPackage,
  type BuildResult,
  type FilingKindCode,
  type FilingRecord,
  type PackageCatalogEntry,
  type PackageEntry,
  type VerifyReport,
  BAG_INFO_KEY_ROTATION,
  KEY_ROTATION_FORMAT,
  PAYLOAD_CHANGE_REPORT,
  PAYLOAD_CHANGE_TEXT,
  PAYLOAD_KEY_ROTATION,
  changeReportText,
  computeChangeReport,
  type FilingHistoryRow,
  type KeyRotationFile,
} from '../../domain/package/index';
import type { CatalogEntry, CatalogFields } from '../../domain/inventory';
import { sheetCatalogOf } from '../excel/export-build';
import type { OpenState, Session } from '../session';
import { wrongRole } from '../errors';
import { buildBag, canonicalBytes, payloadCompressed, type PayloadFile } from './bag';
import { readFileBounded, stageFile } from './files';
import { parsePublicKeyPem, type KeyService } from './key-service';
import { sealPackage } from './seal';
import { zipSubset } from './zip';
import { filedFiles, filedStateFor } from './filed-state';
import { canonicalBuffer } from './canonical-writer';
import { verifyPackage, type TrustAnchor, type VerifiedPackage } from './verify';
import { allocShared, createPayloadPreparer, type PayloadPreparer } from './payload-prep';

/**
 * Adds files to a package's payload (under data/). The hook for the bureau-template workbook:
 * when the Excel export exists, a contributor returns `{ path: 'data/备案清单.xlsx', bytes }`
 * built from the same state; the manifests, Payload-Oxum and signature then cover it like any
 * other payload file. Contributors must be deterministic for a given state.
 */
export type PayloadContributor = (ctx: { state: OpenState; kind: FilingKindCode; createdAt: string; content: PackageContent }) => Promise<PayloadFile[]> | PayloadFile[];

/** The state the package is made of, read once (one transaction) for the JSON and every contributor. */
export interface PackageContent {
  /** The profile as exported: with the package's filing kind and date. */
  profile: UnitProfile;
  systems: readonly { name: string; mlpsLevel: string }[];
  /** Live entries: each resource, then its items, by 数据编号 (the template's order). */
  entries: readonly PackageEntry[];
  /** The listed catalog rows of live resources, as sheet 3 shows them. */
  sheetCatalog: readonly CatalogEntry[];
}

export interface PackageDeps {
  session: Session;
  actor: (operator: string) => string;
  now: () => Date;
  appVersion: string;
  keys: KeyService;
  /** Extra payload files, e.g. data/备案清单.xlsx once the Excel export exists. */
  contributors?: PayloadContributor[];
  /** zlib level of the package zip (1–9; default: see writeZip). */
  zipLevel?: number;
  /**
   * The payload worker script (dist/main/payload-worker.cjs): the inventory JSON is hashed and
   * deflated there while the workbook is made. Without it, all of it runs in this thread.
   */
  payloadWorker?: string | undefined;
}

export interface BuildInput {
  kind: FilingKindCode;
  outPath: string;
  /** PEM of the key to seal for; overrides the imported bureau key. */
  sealTo?: string | undefined;
  /** false: do not seal even when a bureau key is known. Default: seal when a key is known. */
  seal?: boolean | undefined;
  overwrite?: boolean | undefined;
  /**
   * Rotate the signing key: a new key is generated and announced in this package (data/key-rotation.json
   * and bag-info), which the current (old) key signs; once the package is recorded the new key is current.
   */
  rotateKey?: boolean | undefined;
}

const profileIncomplete = (issues: unknown) =>
  new DomainError('PROFILE_INCOMPLETE', '单位信息不完整或有误，不能生成备案包，请先补全', 'The unit profile is incomplete or wrong; complete it before making a filing package', { issues });
const sequenceMoved = () =>
  new DomainError('PACKAGE_SEQUENCE_MOVED', '生成期间另有备案包被记录，请重新生成', 'Another package was recorded while this one was being made; make it again');
const packageRefused = (report: VerifyReport) =>
  new DomainError(
    'PACKAGE_REFUSED',
    `备案包未通过验证，未接收：${report.errors.map((e) => e.code).join('、')}`,
    `The package did not verify and was not accepted: ${report.errors.map((e) => e.code).join(', ')}`,
    { report },
  );
const noPreviousFiling = () =>
  new DomainError(
    'PACKAGE_NO_PREVIOUS_FILING',
    '还没有已报送的备案包，不能生成变更报送：变更报告要与上一次报送的内容对比。请先生成首次报送',
    'There is no filed package yet, so there is nothing to compare a change filing with; make an initial filing first',
  );
const previousContentMissing = (sequence: number) =>
  new DomainError(
    'PACKAGE_PREVIOUS_CONTENT_MISSING',
    `第 ${sequence} 号备案包的内容没有保存在本工作区（由旧版本生成），无法计算变更报告；请先生成一次年度报送或首次报送`,
    `The content of package ${sequence} is not kept in this workspace (an older version made it), so no change report can be computed; make an annual or initial filing first`,
    { sequence },
  );
const withdrawNotLast = (sequence: number, last: number | undefined) =>
  new DomainError(
    'PACKAGE_WITHDRAW_NOT_LAST',
    last === undefined ? `没有可标记为未报送的备案包` : `只能将最近一次的备案包（第 ${last} 号）标记为未报送，第 ${sequence} 号不是`,
    last === undefined ? 'There is no package to mark as not sent' : `Only the latest package (number ${last}) can be marked as not sent; ${sequence} is not it`,
    { sequence, last: last ?? null },
  );
const unreadable = (size: number) =>
  new DomainError('PACKAGE_TOO_LARGE', '备案包文件过大，拒绝读取', 'The package file is too large; refused', { size, limit: LIMITS.maxFileBytes });

function catalogEntryOf(dataId: string, inventoryLevel: PackageEntry['level'], fields: Partial<CatalogFields>): PackageCatalogEntry {
  const out: Record<string, unknown> = { dataId, inventoryLevel };
  for (const [k, empty] of Object.entries(EMPTY_CATALOG_FIELDS)) {
    const v = (fields as Record<string, unknown>)[k];
    out[k] = v === undefined || (v !== null && typeof v !== typeof empty && empty !== null) ? empty : v;
  }
  return out as PackageCatalogEntry;
}

/** What a package holds of the workspace state, read in one transaction. */
function readState(s: OpenState, kind: FilingKindCode, createdAt: string) {
  return s.store.tx(() => {
    const { profile } = s.store.profile.get();
    const systems = s.store.filings.exportSystems();
    const entries = s.store.filings.exportEntries();
    const levels = new Map<string, PackageEntry['level']>();
    for (const e of entries) if (e.kind === 'resource') levels.set(e.dataId, e.level);
    const listed = s.store.catalog.listed();
    const catalog = listed.filter((r) => r.resourceLive && levels.has(r.dataId)).map((r) => catalogEntryOf(r.dataId, levels.get(r.dataId)!, r.fields));
    const last = s.store.filings.lastFiling();
    const exported: UnitProfile = { ...profile, filingKind: FILING_KIND_LABELS[kind].zh, filingDate: chinaDate(createdAt) };
    return { profile, exported, systems, entries, catalog, sheetCatalog: sheetCatalogOf(listed), last };
  });
}

export function createPackageService(deps: PackageDeps) {
  let hasherPromise: Promise<DigestHasher> | undefined;
  const hasher = () => (hasherPromise ??= createDigestHasher());

  /** Trust, chain and unsealing key for a verification in the open workspace (if any). */
  const contextOf = (pubkeyPem: string | undefined): { trust: TrustAnchor; lastAccepted?: (uscc: string) => { sequence: number; digest: string } | undefined; recipientKey?: ReturnType<KeyService['privateKey']> } => {
    const st = deps.session.state;
    const open = st.kind === 'open' ? st : undefined;
    const given = pubkeyPem !== undefined ? parsePublicKeyPem(pubkeyPem) : undefined;
    if (!open) return { trust: given ? { kind: 'pubkey', keys: [given] } : { kind: 'none' } };
    if (open.info.role === 'unit') {
      return { trust: given ? { kind: 'pubkey', keys: [given] } : { kind: 'own-key', keys: deps.keys.ownPublicKeys(open) } };
    }
    const registry: TrustAnchor = {
      kind: 'registry',
      lookup: (fp) => {
        const c = deps.keys.counterpart(open, fp);
        return c && c.role === 'unit' ? { uscc: c.uscc, revoked: c.revokedAt !== null } : undefined;
      },
    };
    return {
      trust: given ? { kind: 'pubkey', keys: [given] } : registry,
      lastAccepted: (uscc) => open.store.filings.lastAccepted(uscc),
      recipientKey: deps.keys.privateKey(open),
    };
  };

  const verifyBytes = async (bytes: Uint8Array, pubkeyPem?: string): Promise<VerifiedPackage> => {
    const ctx = contextOf(pubkeyPem);
    const preparer = createPayloadPreparer({ workerScript: deps.payloadWorker, hasher });
    try {
      return await verifyPackage(bytes, { ...ctx, hasher: await hasher(), preparer });
    } finally {
      await preparer.close();
    }
  };

  const readPackage = (file: string): Buffer => readFileBounded(file, LIMITS.maxFileBytes, unreadable);

  /** build() with its payload preparer (started and closed by build()). */
  async function buildWith(s: OpenState, input: BuildInput, prep: PayloadPreparer): Promise<BuildResult> {
    const signer = deps.keys.signer(s);
    let recipient: SpkiPublicKey | undefined;
    if (input.sealTo !== undefined) recipient = parsePublicKeyPem(input.sealTo);
    else if (input.seal !== false) recipient = deps.keys.defaultRecipient(s);

    const createdAt = deps.now().toISOString();
    const state = readState(s, input.kind, createdAt);
    const check = checkProfile(state.profile);
    if (!check.complete) throw profileIncomplete(check.issues.filter((i) => i.severity !== 'warning'));
    const sequence = (state.last?.sequence ?? 0) + 1;
    const previousDigest = state.last?.digest ?? null;
    const counts = {
      systems: state.systems.length,
      resources: state.entries.filter((e) => e.kind === 'resource').length,
      items: state.entries.filter((e) => e.kind === 'item').length,
      catalogEntries: state.catalog.length,
    };

    if (input.kind === 'change' && !state.last) throw noPreviousFiling();
    // A change filing compares with the last filed inventory: inflated on the thread pool meanwhile.
    const previousContent = input.kind === 'change' ? s.store.filingOutcomes.content(state.last!.digest) : undefined;
    const previousFiles = previousContent ? filedFiles(previousContent) : Promise.resolve(undefined);
    // ≈ 1 KB a row at most, usually (960 bytes in the benchmark): one buffer, no joining of pieces.
    const inventory = canonicalBuffer(
      { format: INVENTORY_FORMAT, systems: state.systems, entries: state.entries },
      1200 * state.entries.length + 65_536,
      prep.parallel ? { alloc: allocShared } : {},
    );
    // Hashed and deflated in the worker while the change report and the workbook are made here.
    const inventoryPrepared = prep.make(inventory, payloadCompressed(PAYLOAD.inventory));
    inventoryPrepared.catch(() => undefined);
    const payload: PayloadFile[] = [
      { path: PAYLOAD.profile, bytes: canonicalBytes({ format: PROFILE_FORMAT, profile: state.exported }) },
      { path: PAYLOAD.inventory, bytes: inventory, prepared: inventoryPrepared },
      { path: PAYLOAD.catalog, bytes: canonicalBytes({ format: CATALOG_FORMAT, entries: state.catalog }) },
    ];
    if (input.kind === 'change') {
      const last = state.last!;
      // Rows identical in both inventories are left out of both (they add nothing to the report).
      const files = await previousFiles;
      if (!files) throw previousContentMissing(last.sequence);
      const filed = filedStateFor(files, { entries: state.entries, inventory });
      const report = computeChangeReport(
        { sequence: last.sequence, digest: last.digest, kind: last.kind, createdAt: last.createdAt, state: filed.before },
        { profile: state.exported as unknown as Record<string, unknown>, systems: state.systems, entries: filed.entries, catalog: state.catalog },
      );
      payload.push({ path: PAYLOAD_CHANGE_REPORT, bytes: canonicalBytes(report) });
      payload.push({ path: PAYLOAD_CHANGE_TEXT, bytes: new TextEncoder().encode(changeReportText(report, { sequence, unitName: normalizeText(state.profile.unitName), uscc: state.profile.uscc })) });
    }
    let rotation: { key: Sm2PrivateKey; file: KeyRotationFile } | undefined;
    if (input.rotateKey) {
      const key = Sm2PrivateKey.generate();
      const pub = key.publicKey();
      const file: KeyRotationFile = {
        format: KEY_ROTATION_FORMAT,
        previousFingerprint: signer.publicKey().fingerprint(),
        newFingerprint: pub.fingerprint(),
        newPublicKey: pub.toPem(),
        newUserId: DEFAULT_SM2_USER_ID,
        announcedAt: createdAt,
      };
      rotation = { key, file };
      payload.push({ path: PAYLOAD_KEY_ROTATION, bytes: canonicalBytes(file) });
    }
    for (const contribute of deps.contributors ?? []) {
      const content: PackageContent = { profile: state.exported, systems: state.systems, entries: state.entries, sheetCatalog: state.sheetCatalog };
      for (const f of await contribute({ state: s, kind: input.kind, createdAt, content })) {
        if (!f.path.startsWith('data/') || checkEntryName(f.path) || payload.some((p) => p.path === f.path)) throw new Error(`payload contributor gave a bad path: ${f.path}`);
        payload.push(f);
      }
    }
    const h = await hasher();
    const bag = await buildBag({
      info: {
        unitName: normalizeText(state.profile.unitName),
        uscc: state.profile.uscc,
        kind: input.kind,
        sequence,
        previousDigest,
        createdAt,
        appVersion: deps.appVersion,
        counts,
        contactName: state.profile.officerName,
        contactPhone: state.profile.officerPhone,
        contactEmail: state.profile.officerEmail,
      },
      payload,
      signer,
      hasher: h,
      ...(deps.zipLevel ? { zipLevel: deps.zipLevel } : {}),
      ...(rotation ? { extraInfo: [[BAG_INFO_KEY_ROTATION, rotation.file.newFingerprint] as const] } : {}),
    });
    const file = recipient ? sealPackage(bag.zip, recipient, new Date(createdAt)) : bag.zip;
    if (file.length > LIMITS.maxFileBytes) throw unreadable(file.length);
    const outPath = path.extname(input.outPath) === '' ? `${input.outPath}${PACKAGE_EXTENSION}` : input.outPath;
    const staged = stageFile(outPath, file, { overwrite: input.overwrite ?? false });
    const record: FilingRecord = {
      sequence,
      kind: input.kind,
      digest: bag.digest,
      previousDigest,
      createdAt,
      actor: deps.actor(s.operator),
      signerFingerprint: signer.publicKey().fingerprint(),
      sealedTo: recipient ? recipient.fingerprint() : null,
      fileName: path.basename(outPath),
      fileSm3: h.sm3(file),
      fileBytes: file.length,
      counts,
    };
    try {
      s.store.tx(() => {
        if ((s.store.filings.lastFiling()?.sequence ?? 0) !== sequence - 1) throw sequenceMoved();
        s.store.filings.insertFiling(record);
        s.store.filingOutcomes.saveContent(record.digest, filedContentOf(bag.zip, bag.baseDir));
        s.store.audit.append({
          actor: record.actor,
          action: 'package.build',
          entity: 'filing',
          entityId: String(sequence),
          at: createdAt,
          after: { ...record, actor: undefined, ...(rotation ? { keyRotation: { oldFingerprint: rotation.file.previousFingerprint, newFingerprint: rotation.file.newFingerprint } } : {}) },
        });
        if (rotation) {
          // The announced key becomes current with the package that announces it.
          s.store.filingOutcomes.retireOwnKey(rotation.file.previousFingerprint, createdAt);
          const pub = rotation.key.publicKey();
          const pkcs8 = rotation.key.toPkcs8Der();
          s.store.keys.insertOwn({ fingerprint: pub.fingerprint(), publicKeyDer: pub.toDer(), privateKeyPkcs8: pkcs8, userId: rotation.file.newUserId, createdAt });
          pkcs8.fill(0);
          s.store.filingOutcomes.insertRotation({ digest: record.digest, oldFingerprint: rotation.file.previousFingerprint, newFingerprint: rotation.file.newFingerprint, announcedAt: createdAt });
          s.store.audit.append({
            actor: record.actor,
            action: 'keys.rotate',
            entity: 'signing_key',
            entityId: rotation.file.newFingerprint,
            at: createdAt,
            after: { algorithm: 'SM2', oldFingerprint: rotation.file.previousFingerprint, newFingerprint: rotation.file.newFingerprint, announcedIn: sequence, packageDigest: record.digest },
          });
        }
      });
    } catch (e) {
      staged.discard();
      throw e;
    }
    staged.commit();
    return { ...record, path: outPath };
  }

  return {
    /** Build, sign (and seal) a package of the open unit workspace; record it in the filing history. */
    async build(input: BuildInput): Promise<BuildResult> {
      const s = deps.session.requireOpen();
      if (s.info.role !== 'unit') throw wrongRole('填报单位');
      const prep = createPayloadPreparer({ workerScript: deps.payloadWorker, hasher, level: deps.zipLevel });
      try {
        return await buildWith(s, input, prep);
      } finally {
        await prep.close();
      }
    },

    /** The unit's filing history, newest first: filed packages and those marked 未报送. */
    history(): FilingHistoryRow[] {
      const s = deps.session.requireOpen();
      return s.store.tx(() => {
        const rotations = new Map(s.store.filingOutcomes.rotations().map((r) => [r.digest, { oldFingerprint: r.oldFingerprint, newFingerprint: r.newFingerprint }] as const));
        const rows: FilingHistoryRow[] = [
          ...s.store.filings.filings().map((f): FilingHistoryRow => ({ ...f, status: 'filed', withdrawnAt: null, withdrawnBy: null, withdrawReason: null, keyRotation: rotations.get(f.digest) ?? null })),
          ...s.store.filingOutcomes.withdrawn().map(({ withdrawnAt, withdrawnBy, reason, ...f }): FilingHistoryRow => ({ ...f, status: 'withdrawn', withdrawnAt, withdrawnBy, withdrawReason: reason, keyRotation: rotations.get(f.digest) ?? null })),
        ];
        return rows.sort((a, b) => b.sequence - a.sequence || (a.status === b.status ? b.createdAt.localeCompare(a.createdAt) : a.status === 'filed' ? -1 : 1));
      });
    },

    /**
     * Mark the latest package 未报送 (exported, never delivered to the bureau): it leaves the chain,
     * so the next package takes its sequence number and names the same previous package — which is
     * what the bureau, whose last accepted package is the one before, expects. If that package had
     * announced a new key, the old key is current again (the bureau never heard of the new one).
     * Should the withdrawn file reach the bureau after all, its successor is refused there as a
     * replay (PKG_REPLAY): only mark a package 未报送 when it certainly was not delivered.
     */
    withdraw(input: { sequence: number; reason?: string | undefined }): FilingHistoryRow {
      const s = deps.session.requireOpen();
      if (s.info.role !== 'unit') throw wrongRole('填报单位');
      const at = deps.now().toISOString();
      const actor = deps.actor(s.operator);
      const reason = normalizeText(input.reason ?? '').slice(0, 500);
      return s.store.tx(() => {
        const last = s.store.filings.lastFiling();
        if (!last || last.sequence !== input.sequence) throw withdrawNotLast(input.sequence, last?.sequence);
        s.store.filingOutcomes.withdraw(last.sequence, at, actor, reason);
        const rotation = s.store.filingOutcomes.rotations().find((r) => r.digest === last.digest);
        if (rotation) {
          s.store.filingOutcomes.retireOwnKey(rotation.newFingerprint, at);
          s.store.filingOutcomes.reinstateOwnKey(rotation.oldFingerprint);
        }
        s.store.audit.append({
          actor,
          action: 'package.withdraw',
          entity: 'filing',
          entityId: String(last.sequence),
          at,
          after: { sequence: last.sequence, digest: last.digest, reason, ...(rotation ? { keyRestored: rotation.oldFingerprint, keyRetired: rotation.newFingerprint } : {}) },
        });
        return {
          ...last,
          status: 'withdrawn',
          withdrawnAt: at,
          withdrawnBy: actor,
          withdrawReason: reason,
          keyRotation: rotation ? { oldFingerprint: rotation.oldFingerprint, newFingerprint: rotation.newFingerprint } : null,
        };
      });
    },

    /**
     * Verify a package file. Writes nothing. Trust: `pubkeyPem` if given; otherwise, in a bureau
     * workspace, its registry of units' keys (plus replay/fork checks and unsealing with its key);
     * in a unit workspace, its own key; with no workspace open and no key, the signer is unknown.
     */
    async verify(input: { path: string; pubkeyPem?: string | undefined }): Promise<VerifyReport> {
      let bytes: Buffer;
      try {
        bytes = readPackage(input.path);
      } catch (e) {
        if (e instanceof DomainError && e.code === 'PACKAGE_TOO_LARGE') {
          const size = (e.details as { size: number }).size;
          return {
            ok: false, signer: null, kind: null, sequence: null, digest: null, previousDigest: null, createdAt: null, counts: null,
            fileSm3: '', fileBytes: size, sealedFor: null, trust: 'none',
            errors: [toVerifyError(problems.tooLarge('备案包文件', 'The package file', size, LIMITS.maxFileBytes))],
          };
        }
        throw e;
      }
      return (await verifyBytes(bytes, input.pubkeyPem)).report;
    },

    /** Bureau: verify against the registry and, only if it is good, record it — in one transaction. */
    async accept(input: { path: string }): Promise<AcceptResult> {
      const s = deps.session.requireOpen();
      if (s.info.role !== 'bureau') throw wrongRole('区数据局');
      const bytes = readPackage(input.path);
      const { report, bagInfo } = await verifyBytes(bytes);
      if (!report.ok || !bagInfo) throw packageRefused(report);
      const at = deps.now().toISOString();
      const actor = deps.actor(s.operator);
      const accepted = s.store.tx((): AcceptedPackage => {
        // The chain is checked again inside the transaction: nothing was accepted in between.
        const last = s.store.filings.lastAccepted(bagInfo.uscc);
        if (last && (bagInfo.sequence !== last.sequence + 1 || bagInfo.previousDigest !== last.digest)) {
          const p = bagInfo.sequence <= last.sequence ? problems.replay(bagInfo.uscc, bagInfo.sequence, last.sequence) : problems.fork(bagInfo.uscc, bagInfo.sequence, last.sequence, last.digest, bagInfo.previousDigest ?? 'none');
          throw packageRefused({ ...report, ok: false, errors: [toVerifyError(p)] });
        }
        const row: Omit<AcceptedPackage, 'id'> = {
          uscc: bagInfo.uscc,
          unitName: bagInfo.unitName,
          sequence: bagInfo.sequence,
          kind: bagInfo.kind,
          digest: report.digest!,
          previousDigest: bagInfo.previousDigest,
          createdAt: bagInfo.createdAt,
          signerFingerprint: report.signer!.fingerprint,
          acceptedAt: at,
          acceptedBy: actor,
          fileSm3: report.fileSm3,
          counts: bagInfo.counts,
        };
        const id = s.store.filings.insertAccepted(row);
        s.store.audit.append({ actor, action: 'package.accept', entity: 'accepted_package', entityId: String(id), at, after: { ...row, acceptedBy: undefined } });
        return { ...row, id };
      });
      return { report, accepted };
    },

    /** Bureau: accepted packages, newest first. */
    accepted(input: { offset: number; limit: number }): { total: number; rows: AcceptedPackage[] } {
      const s = deps.session.requireOpen();
      return s.store.filings.acceptedList(input.offset, input.limit);
    },
  };
}

export type PackageService = ReturnType<typeof createPackageService>;

/** The payload files a change report is computed from (what filing_content keeps of a filing). */
const FILED_PAYLOAD: readonly string[] = [PAYLOAD.profile, PAYLOAD.inventory, PAYLOAD.catalog];

/**
 * What the workspace keeps of a filed package: a zip of its data/profile.json, inventory.json and
 * catalog.json exactly as filed (their compressed bytes copied from the package, nothing deflated
 * again) — not the workbook or the manifests, which the next change report does not need.
 */
function filedContentOf(zip: Buffer, baseDir: string): Buffer {
  const keep = new Set(FILED_PAYLOAD.map((p) => `${baseDir}/${p}`));
  return zipSubset(zip, (name) => keep.has(name));
}

/** The state a package was made of, as the package service reads it (for a benchmark of one contributor). */
export function packageContentOf(s: OpenState, kind: FilingKindCode, createdAt: string): PackageContent {
  const st = readState(s, kind, createdAt);
  return { profile: st.exported, systems: st.systems, entries: st.entries, sheetCatalog: st.sheetCatalog };
}
