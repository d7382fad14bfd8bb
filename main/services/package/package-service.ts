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
import { createDigestHasher, type DigestHasher, type SpkiPublicKey } from '../../crypto/index';
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
} from '../../domain/package/index';
import type { CatalogFields } from '../../domain/inventory';
import type { OpenState, Session } from '../session';
import { wrongRole } from '../errors';
import { buildBag, canonicalBytes, type PayloadFile } from './bag';
import { readFileBounded, stageFile } from './files';
import { parsePublicKeyPem, type KeyService } from './key-service';
import { sealPackage } from './seal';
import { verifyPackage, type TrustAnchor, type VerifiedPackage } from './verify';

/**
 * Adds files to a package's payload (under data/). The hook for the bureau-template workbook:
 * when the Excel export exists, a contributor returns `{ path: 'data/备案清单.xlsx', bytes }`
 * built from the same state; the manifests, Payload-Oxum and signature then cover it like any
 * other payload file. Contributors must be deterministic for a given state.
 */
export type PayloadContributor = (ctx: { state: OpenState; kind: FilingKindCode; createdAt: string }) => Promise<PayloadFile[]> | PayloadFile[];

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
}

export interface BuildInput {
  kind: FilingKindCode;
  outPath: string;
  /** PEM of the key to seal for; overrides the imported bureau key. */
  sealTo?: string | undefined;
  /** false: do not seal even when a bureau key is known. Default: seal when a key is known. */
  seal?: boolean | undefined;
  overwrite?: boolean | undefined;
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
    const catalog = s.store.catalog
      .listed()
      .filter((r) => r.resourceLive && levels.has(r.dataId))
      .map((r) => catalogEntryOf(r.dataId, levels.get(r.dataId)!, r.fields));
    const last = s.store.filings.lastFiling();
    const exported: UnitProfile = { ...profile, filingKind: FILING_KIND_LABELS[kind].zh, filingDate: chinaDate(createdAt) };
    return { profile, exported, systems, entries, catalog, last };
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
    return verifyPackage(bytes, { ...ctx, hasher: await hasher() });
  };

  const readPackage = (file: string): Buffer => readFileBounded(file, LIMITS.maxFileBytes, unreadable);

  return {
    /** Build, sign (and seal) a package of the open unit workspace; record it in the filing history. */
    async build(input: BuildInput): Promise<BuildResult> {
      const s = deps.session.requireOpen();
      if (s.info.role !== 'unit') throw wrongRole('填报单位');
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

      const payload: PayloadFile[] = [
        { path: PAYLOAD.profile, bytes: canonicalBytes({ format: PROFILE_FORMAT, profile: state.exported }) },
        { path: PAYLOAD.inventory, bytes: canonicalBytes({ format: INVENTORY_FORMAT, systems: state.systems, entries: state.entries }) },
        { path: PAYLOAD.catalog, bytes: canonicalBytes({ format: CATALOG_FORMAT, entries: state.catalog }) },
      ];
      for (const contribute of deps.contributors ?? []) {
        for (const f of await contribute({ state: s, kind: input.kind, createdAt })) {
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
          s.store.audit.append({
            actor: record.actor,
            action: 'package.build',
            entity: 'filing',
            entityId: String(sequence),
            at: createdAt,
            after: { ...record, actor: undefined },
          });
        });
      } catch (e) {
        staged.discard();
        throw e;
      }
      staged.commit();
      return { ...record, path: outPath };
    },

    /** The unit's filing history, newest first. */
    history(): FilingRecord[] {
      const s = deps.session.requireOpen();
      return s.store.filings.filings();
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
