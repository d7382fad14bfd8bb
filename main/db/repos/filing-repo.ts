/**
 * Filing packages in the database:
 *  - unit side: the filing history (one row per exported package; its sequence number is the
 *    primary key, so two packages can never share one);
 *  - bureau side: the accepted-packages registry (per unit: sequence and package digest), against
 *    which replays, rollbacks and forks are refused;
 *  - the read-only export queries that give the package its payload (systems, live entries in a
 *    stable order); the catalog rows come from the catalog repository.
 */
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../connection';
import type { PackageCounts } from '../../domain/package/bagit';
import type { FilingKindCode } from '../../domain/package/constants';
import type { AcceptedPackage, FilingRecord } from '../../domain/package/history';
import type { PackageEntry } from '../../domain/package/schema';

export type FilingCounts = PackageCounts;

/** A `filing` row as stored (also the first columns of `filing_withdrawn`). */
export interface RawFiling {
  sequence: number;
  kind: FilingKindCode;
  digest: string;
  previous_digest: string | null;
  created_at: string;
  actor: string;
  signer_fingerprint: string;
  sealed_to: string | null;
  file_name: string;
  file_sm3: string;
  file_bytes: number;
  systems: number;
  resources: number;
  items: number;
  catalog_entries: number;
}

interface RawAccepted {
  id: number;
  uscc: string;
  unit_name: string;
  sequence: number;
  kind: FilingKindCode;
  digest: string;
  previous_digest: string | null;
  created_at: string;
  signer_fingerprint: string;
  accepted_at: string;
  accepted_by: string;
  file_sm3: string;
  systems: number;
  resources: number;
  items: number;
  catalog_entries: number;
}

const counts = (r: { systems: number; resources: number; items: number; catalog_entries: number }): FilingCounts => ({
  systems: r.systems,
  resources: r.resources,
  items: r.items,
  catalogEntries: r.catalog_entries,
});

export const filingOf = (r: RawFiling): FilingRecord => ({
  sequence: r.sequence,
  kind: r.kind,
  digest: r.digest,
  previousDigest: r.previous_digest,
  createdAt: r.created_at,
  actor: r.actor,
  signerFingerprint: r.signer_fingerprint,
  sealedTo: r.sealed_to,
  fileName: r.file_name,
  fileSm3: r.file_sm3,
  fileBytes: r.file_bytes,
  counts: counts(r),
});

const accepted = (r: RawAccepted): AcceptedPackage => ({
  id: r.id,
  uscc: r.uscc,
  unitName: r.unit_name,
  sequence: r.sequence,
  kind: r.kind,
  digest: r.digest,
  previousDigest: r.previous_digest,
  createdAt: r.created_at,
  signerFingerprint: r.signer_fingerprint,
  acceptedAt: r.accepted_at,
  acceptedBy: r.accepted_by,
  fileSm3: r.file_sm3,
  counts: counts(r),
});

/** The package's entry columns, named as data/inventory.json names them. */
const EXPORT_ENTRY_COLUMNS = `
  e.kind AS kind, e.data_id AS dataId, r.data_id AS resourceDataId, s.name AS systemName,
  e.resource_name AS resourceName, e.item_name AS itemName, e.item_code AS itemCode, e.description AS description,
  e.industry AS industry, e.category1 AS category1, e.category2 AS category2, e.category3 AS category3,
  e.category4 AS category4, e.category_code AS categoryCode, e.processing_degree AS processingDegree,
  e.impact_objects AS impactObjects, e.impact_degree AS impactDegree, e.level AS level,
  e.suggested_level AS suggestedLevel, e.level_source AS levelSource, e.level_state AS levelState,
  e.rationale AS rationale, e.is_pi AS isPersonalInfo, e.is_sensitive_pi AS isSensitivePersonalInfo,
  e.record_count AS recordCount, e.person_count AS personCount, e.data_source AS dataSource,
  e.storage_location AS storageLocation, e.sharing AS sharing, e.openness AS openness,
  e.update_frequency AS updateFrequency, e.owner_department AS ownerDepartment, e.owner_person AS ownerPerson,
  e.reviewed_at AS reviewedAt, e.scheme_id AS schemeId, e.scheme_version AS schemeVersion`;

/**
 * Live entries, each resource and then its items, by 数据编号, read in index order (no sort of
 * the wide rows): the live resources' 数据编号 in order from entry_data_id (unique, so each is
 * one step of the order), and for each the entries pointing to it from entry_export (migration
 * 012: resource_id, kind DESC — the resource before its items — then data_id). The join order
 * and both indexes are fixed (CROSS JOIN, INDEXED BY) so that the planner cannot trade them for
 * a sort. `e.kind DESC` is `e.kind = 'item'` (kind is 'resource' or 'item', by CHECK).
 */
export const EXPORT_ENTRY_SQL = `
  SELECT ${EXPORT_ENTRY_COLUMNS}
    FROM entry r INDEXED BY entry_data_id
   CROSS JOIN entry e INDEXED BY entry_export ON e.resource_id = r.id
    JOIN system s ON s.id = e.system_id
   WHERE r.deleted_at IS NULL AND e.deleted_at IS NULL
   ORDER BY r.data_id, e.kind DESC, e.data_id`;

/**
 * The same rows by the general query (a sort of the joined rows). Only used when the query above
 * misses a live entry, which it would only if a live entry pointed to a deleted resource (the
 * services never leave one so): then the package still lists every live entry as before.
 */
const EXPORT_ENTRY_SORTED_SQL = `
  SELECT ${EXPORT_ENTRY_COLUMNS}
    FROM entry e
    JOIN entry r ON r.id = e.resource_id
    JOIN system s ON s.id = e.system_id
   WHERE e.deleted_at IS NULL
   ORDER BY r.data_id, e.kind = 'item', e.data_id`;

export function createFilingRepo(db: Db) {
  const filingsAll = db.prepare<[], RawFiling>('SELECT * FROM filing ORDER BY sequence DESC');
  const filingLast = db.prepare<[], RawFiling>('SELECT * FROM filing ORDER BY sequence DESC LIMIT 1');
  const filingInsert = db.prepare(
    `INSERT INTO filing (sequence, kind, digest, previous_digest, created_at, actor, signer_fingerprint, sealed_to,
                         file_name, file_sm3, file_bytes, systems, resources, items, catalog_entries)
     VALUES (@sequence, @kind, @digest, @previousDigest, @createdAt, @actor, @signerFingerprint, @sealedTo,
             @fileName, @fileSm3, @fileBytes, @systems, @resources, @items, @catalogEntries)`,
  );
  const acceptedLast = db.prepare<[string], RawAccepted>('SELECT * FROM accepted_package WHERE uscc = ? ORDER BY sequence DESC LIMIT 1');
  const acceptedByDigest = db.prepare<[string], RawAccepted>('SELECT * FROM accepted_package WHERE digest = ?');
  const acceptedPage = db.prepare<[number, number], RawAccepted>('SELECT * FROM accepted_package ORDER BY id DESC LIMIT ? OFFSET ?');
  const acceptedCount = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM accepted_package');
  const acceptedInsert = db.prepare(
    `INSERT INTO accepted_package (uscc, unit_name, sequence, kind, digest, previous_digest, created_at, signer_fingerprint,
                                   accepted_at, accepted_by, file_sm3, systems, resources, items, catalog_entries)
     VALUES (@uscc, @unitName, @sequence, @kind, @digest, @previousDigest, @createdAt, @signerFingerprint,
             @acceptedAt, @acceptedBy, @fileSm3, @systems, @resources, @items, @catalogEntries)`,
  );
  const systems = db.prepare<[], { name: string; mlpsLevel: string }>('SELECT name, mlps_level AS mlpsLevel FROM system WHERE deleted_at IS NULL ORDER BY id');
  // Prepared on first use: EXPORT_ENTRY_SQL names migration 012's index, and the migration tests
  // use this repository on databases of earlier versions.
  let exportReads: { entries: Statement<[], PackageEntry>; sorted: Statement<[], PackageEntry>; live: Statement<[], number> } | undefined;
  const exportStatements = () =>
    (exportReads ??= {
      entries: db.prepare<[], PackageEntry>(EXPORT_ENTRY_SQL),
      sorted: db.prepare<[], PackageEntry>(EXPORT_ENTRY_SORTED_SQL),
      live: db.prepare<[], number>('SELECT count(*) FROM entry WHERE deleted_at IS NULL').pluck(),
    });

  return {
    // ---- unit side
    filings(): FilingRecord[] {
      return filingsAll.all().map(filingOf);
    },
    lastFiling(): FilingRecord | undefined {
      const r = filingLast.get();
      return r && filingOf(r);
    },
    insertFiling(f: FilingRecord): void {
      const { counts: c, ...rest } = f;
      filingInsert.run({ ...rest, ...c });
    },

    // ---- bureau side
    lastAccepted(uscc: string): AcceptedPackage | undefined {
      const r = acceptedLast.get(uscc);
      return r && accepted(r);
    },
    acceptedByDigest(digest: string): AcceptedPackage | undefined {
      const r = acceptedByDigest.get(digest);
      return r && accepted(r);
    },
    acceptedList(offset: number, limit: number): { total: number; rows: AcceptedPackage[] } {
      return { total: acceptedCount.get()!.n, rows: acceptedPage.all(limit, offset).map(accepted) };
    },
    insertAccepted(a: Omit<AcceptedPackage, 'id'>): number {
      const { counts: c, ...rest } = a;
      return Number(acceptedInsert.run({ ...rest, ...c }).lastInsertRowid);
    },

    // ---- export reads (the caller runs them in one transaction, for one consistent state)
    exportSystems(): { name: string; mlpsLevel: string }[] {
      return systems.all();
    },
    /** Live entries: each resource, then its items, by 数据编号. */
    exportEntries(): PackageEntry[] {
      const st = exportStatements();
      const rows = st.entries.all();
      return rows.length === st.live.get() ? rows : st.sorted.all();
    },
  };
}

export type FilingRepo = ReturnType<typeof createFilingRepo>;
