/**
 * Intake of one verified filing package into the bureau's tables: everything the review and the
 * district view need is computed first (row hashes, flags, quality findings, statistics), then
 * ONE transaction re-checks the unit's chain, records the package in the registry of 006
 * (accepted_package), stores the filing with its rows, computes the diff against the unit's
 * previous filing, and appends the audit entry. A refusal anywhere writes nothing.
 */
import { createHash } from 'node:crypto';
import { CATALOG_FIELD_KEYS, computeReviewFlags, ENTRY_FIELD_KEYS, packRow, type BureauFinding, type IntakeFileResult, type KeyRotationNotice, type QualityDigest } from '../../domain/bureau';
import { checkQuality, type QualityCategories, type QualityCode } from '../../domain/quality';
import type { CatalogEntry, Entry } from '../../domain/inventory';
import { problems, toVerifyError, type AcceptedPackage, type BagInfo, type PackageCatalogEntry, type PackageEntry, type VerifyReport } from '../../domain/package/index';
import { DomainError } from '../../domain/errors';
import type { BureauRepo, CatalogInsert, EntryInsert } from '../../db/repos/bureau-repo';
import { BUILTIN_QUALITY_SETTINGS } from '../builtin-resources';
import type { OpenState } from '../session';
import type { OpenedPackage } from './open-package';

const hashOf = (s: string) => createHash('sha256').update(s).digest('base64').slice(0, 22);

/** The quality rules of the unit side, run over the filed rows. */
export function qualityOf(
  entries: readonly PackageEntry[],
  catalog: readonly PackageCatalogEntry[],
  systems: readonly { name: string; mlpsLevel: string }[],
  today: string,
  categories?: QualityCategories,
): { findings: BureauFinding[]; digest: QualityDigest } {
  const systemIds = new Map(systems.map((s, i) => [s.name, i + 1] as const));
  const ids = new Map<string, number>();
  entries.forEach((e, i) => ids.set(e.dataId, i + 1));
  const asEntries: Entry[] = entries.map((e, i) => ({
    ...e,
    id: i + 1,
    systemId: systemIds.get(e.systemName) ?? 0,
    resourceId: ids.get(e.resourceDataId) ?? i + 1,
    deleted: false,
    updatedAt: '',
  }));
  const asCatalog: CatalogEntry[] = catalog.map((c) => {
    const { inventoryLevel: _l, ...fields } = c;
    void _l;
    return { ...fields, resourceId: ids.get(c.dataId) ?? 0, updatedAt: '' };
  });
  const report = checkQuality({ entries: asEntries, catalog: asCatalog, systems: systems.map((s, i) => ({ id: i + 1, mlpsLevel: s.mlpsLevel })), today, settings: BUILTIN_QUALITY_SETTINGS, categories });
  const findings: BureauFinding[] = report.findings.map((f) => ({
    code: f.code,
    dimension: f.dimension,
    severity: f.severity,
    sheet: f.sheet,
    dataId: f.dataId ?? '',
    field: f.field ?? '',
    message_zh: f.message_zh,
    message_en: f.message_en,
  }));
  const byCode = new Map<string, QualityDigest['byCode'][number]>();
  let errors = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    const c = byCode.get(f.code);
    if (c) c.count++;
    else byCode.set(f.code, { code: f.code as QualityCode, dimension: f.dimension, severity: f.severity, count: 1 });
  }
  return { findings, digest: { errors, warnings: findings.length - errors, byCode: [...byCode.values()].sort((a, b) => b.count - a.count) } };
}

export interface PreparedFiling {
  entries: EntryInsert[];
  catalog: CatalogInsert[];
  findings: BureauFinding[];
  quality: QualityDigest;
  stats: { category: string; level: string; kind: 'resource' | 'item'; n: number }[];
  flagged: number;
  flagCounts: Record<string, number>;
}

/** Everything computed from the package before the transaction. */
export function prepareFiling(
  opened: Required<Pick<OpenedPackage, 'payload'>>['payload'],
  baseLevels: ReadonlyMap<string, string> | undefined,
  today: string,
  categories?: QualityCategories,
): PreparedFiling {
  const { inventory, catalog } = opened;
  const flags = computeReviewFlags({ entries: inventory.entries, catalog: catalog.entries, systems: inventory.systems, baseLevels });
  const flagCounts: Record<string, number> = {};
  for (const codes of flags.values()) for (const c of codes) flagCounts[c] = (flagCounts[c] ?? 0) + 1;
  const stats = new Map<string, { category: string; level: string; kind: 'resource' | 'item'; n: number }>();
  const entries: EntryInsert[] = inventory.entries.map((e) => {
    const fields = packRow(ENTRY_FIELD_KEYS, e);
    const key = `${e.category1}\u0000${e.level}\u0000${e.kind}`;
    const s = stats.get(key);
    if (s) s.n++;
    else stats.set(key, { category: e.category1, level: e.level, kind: e.kind, n: 1 });
    return { dataId: e.dataId, kind: e.kind, resourceDataId: e.resourceDataId, level: e.level, h: hashOf(fields), flags: (flags.get(e.dataId) ?? []).join(','), fields };
  });
  const cat: CatalogInsert[] = catalog.entries.map((c) => {
    const fields = packRow(CATALOG_FIELD_KEYS, c);
    return { dataId: c.dataId, level: c.level, h: hashOf(fields), fields };
  });
  const q = qualityOf(inventory.entries, catalog.entries, inventory.systems, today, categories);
  return { entries, catalog: cat, findings: q.findings, quality: q.digest, stats: [...stats.values()], flagged: flags.size, flagCounts };
}

export const chainMoved = (report: VerifyReport, bagInfo: BagInfo, last: { sequence: number; digest: string }) =>
  new DomainError('PACKAGE_REFUSED', '备案包未通过验证，未接收', 'The package did not verify and was not accepted', {
    report: {
      ...report,
      ok: false,
      errors: [
        toVerifyError(
          bagInfo.sequence <= last.sequence
            ? problems.replay(bagInfo.uscc, bagInfo.sequence, last.sequence)
            : problems.fork(bagInfo.uscc, bagInfo.sequence, last.sequence, last.digest, bagInfo.previousDigest ?? 'none'),
        ),
      ],
    },
  });

export interface StoreInput {
  s: OpenState;
  repo: BureauRepo;
  report: VerifyReport;
  bagInfo: BagInfo;
  opened: Required<Pick<OpenedPackage, 'payload'>>['payload'];
  prepared: PreparedFiling;
  baseFilingId: number | null;
  fileName: string;
  at: string;
  actor: string;
}

/** The one transaction of an intake. Returns the filing id and the rotation notice (if any). */
export function storeFiling(i: StoreInput): { filingId: number; rotation: KeyRotationNotice | null } {
  const { s, repo, report, bagInfo, opened, prepared } = i;
  return s.store.tx(() => {
    const last = s.store.filings.lastAccepted(bagInfo.uscc);
    if (last && (bagInfo.sequence !== last.sequence + 1 || bagInfo.previousDigest !== last.digest)) throw chainMoved(report, bagInfo, last);
    const base = repo.lastFilingOf(bagInfo.uscc);
    if ((base?.id ?? null) !== i.baseFilingId) throw new DomainError('INTAKE_MOVED', '接收期间该单位另有备案被接收，请重试', 'Another filing of this unit was taken in meanwhile; try again');
    const accepted: Omit<AcceptedPackage, 'id'> = {
      uscc: bagInfo.uscc,
      unitName: bagInfo.unitName,
      sequence: bagInfo.sequence,
      kind: bagInfo.kind,
      digest: report.digest!,
      previousDigest: bagInfo.previousDigest,
      createdAt: bagInfo.createdAt,
      signerFingerprint: report.signer!.fingerprint,
      acceptedAt: i.at,
      acceptedBy: i.actor,
      fileSm3: report.fileSm3,
      counts: bagInfo.counts,
    };
    const acceptedId = s.store.filings.insertAccepted(accepted);
    if (!repo.unit(bagInfo.uscc)) {
      repo.insertUnit({
        uscc: bagInfo.uscc,
        name: bagInfo.unitName,
        contactName: bagInfo.contactName,
        contactPhone: bagInfo.contactPhone,
        contactEmail: bagInfo.contactEmail,
        registeredAt: i.at,
        registeredBy: i.actor,
      });
    }
    const rotationJson = opened.rotation ? JSON.stringify(opened.rotation) : null;
    const filingId = repo.insertFiling({
      acceptedPackageId: acceptedId,
      uscc: bagInfo.uscc,
      unitName: bagInfo.unitName,
      sequence: bagInfo.sequence,
      kind: bagInfo.kind,
      digest: report.digest!,
      previousDigest: bagInfo.previousDigest,
      createdAt: bagInfo.createdAt,
      receivedAt: i.at,
      receivedBy: i.actor,
      signerFingerprint: report.signer!.fingerprint,
      fileName: i.fileName,
      fileSm3: report.fileSm3,
      ...bagInfo.counts,
      baseFilingId: i.baseFilingId,
      flags: prepared.flagged,
      flagCounts: JSON.stringify(prepared.flagCounts),
      qualityErrors: prepared.quality.errors,
      qualityWarnings: prepared.quality.warnings,
      qualityDigest: JSON.stringify(prepared.quality),
      profileJson: JSON.stringify(opened.profile.profile),
      systemsJson: JSON.stringify(opened.inventory.systems),
      rotationJson,
    });
    repo.insertEntries(filingId, prepared.entries);
    repo.insertCatalog(filingId, prepared.catalog);
    repo.insertFindings(filingId, prepared.findings);
    repo.insertStats(filingId, prepared.stats);
    repo.computeDiff(filingId, i.baseFilingId ?? 0);
    s.store.audit.append({
      actor: i.actor,
      action: 'bureau.intake',
      entity: 'bureau_filing',
      entityId: String(filingId),
      at: i.at,
      after: { ...accepted, acceptedBy: undefined, fileName: i.fileName, flags: prepared.flagged, rotation: opened.rotation?.newFingerprint ?? null },
    });
    const rotation: KeyRotationNotice | null = opened.rotation
      ? {
          filingId,
          uscc: bagInfo.uscc,
          unitName: bagInfo.unitName,
          oldFingerprint: report.signer!.fingerprint,
          newFingerprint: opened.rotation.newFingerprint,
          newPublicKeyPem: opened.rotation.newPublicKeyPem,
          announcedAt: opened.rotation.announcedAt,
          appliedAt: null,
        }
      : null;
    return { filingId, rotation };
  });
}

/** A refused result for a file. */
export function refused(path: string, fileName: string, report: VerifyReport | null, errors: IntakeFileResult['errors'], extra: Partial<IntakeFileResult> = {}): IntakeFileResult {
  return {
    path,
    fileName,
    outcome: 'refused',
    filingId: null,
    uscc: report?.signer?.uscc || null,
    unitName: report?.signer?.unit || null,
    sequence: report?.sequence ?? null,
    kind: report?.kind ?? null,
    digest: report?.digest ?? null,
    counts: report?.counts ?? null,
    errors,
    codes: errors.map((e) => e.code),
    unknownSigner: null,
    rotation: null,
    ...extra,
  };
}
