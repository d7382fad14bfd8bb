/**
 * The bureau's tables (migration 009): units, received filings with their entries, catalog rows,
 * findings, flags and statistics, diffs between filings, review decisions, receipts issued, and
 * the district view's queries. The caller (services/bureau) runs writes inside store.tx().
 */
import type { Db } from '../connection';
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type {
  BureauFiling,
  BureauFinding,
  DiffChange,
  DiffSection,
  EntryDecision,
  FilingDecision,
  FilingStatus,
  ReviewDecisionInfo,
} from '../../domain/bureau';
import type { FilingKindCode } from '../../domain/package/constants';

export interface UnitRow {
  uscc: string;
  name: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  registeredAt: string;
  registeredBy: string;
}

export interface UnitKeyRow {
  uscc: string;
  fingerprint: string;
  label: string;
  confirmedAt: string;
  confirmedBy: string;
  revokedAt: string | null;
}

export interface FilingInsert {
  acceptedPackageId: number;
  uscc: string;
  unitName: string;
  sequence: number;
  kind: FilingKindCode;
  digest: string;
  previousDigest: string | null;
  createdAt: string;
  receivedAt: string;
  receivedBy: string;
  signerFingerprint: string;
  fileName: string;
  fileSm3: string;
  systems: number;
  resources: number;
  items: number;
  catalogEntries: number;
  baseFilingId: number | null;
  flags: number;
  flagCounts: string;
  qualityErrors: number;
  qualityWarnings: number;
  qualityDigest: string;
  profileJson: string;
  systemsJson: string;
  rotationJson: string | null;
}

export interface EntryInsert {
  dataId: string;
  kind: 'resource' | 'item';
  resourceDataId: string;
  level: string;
  h: string;
  flags: string;
  fields: string;
}

export interface CatalogInsert {
  dataId: string;
  level: string;
  h: string;
  fields: string;
}

interface RawFiling {
  id: number;
  uscc: string;
  unit_name: string;
  sequence: number;
  kind: FilingKindCode;
  digest: string;
  previous_digest: string | null;
  created_at: string;
  received_at: string;
  received_by: string;
  signer_fingerprint: string;
  file_name: string;
  file_sm3: string;
  systems: number;
  resources: number;
  items: number;
  catalog_entries: number;
  base_filing_id: number | null;
  status: FilingStatus;
  decided_at: string | null;
  decided_by: string | null;
  decision_comment: string;
  flags: number;
  quality_errors: number;
  quality_warnings: number;
  receipt_issued_at: string | null;
}

const filingOf = (r: RawFiling): BureauFiling => ({
  id: r.id,
  uscc: r.uscc,
  unitName: r.unit_name,
  sequence: r.sequence,
  kind: r.kind,
  digest: r.digest,
  previousDigest: r.previous_digest,
  createdAt: r.created_at,
  receivedAt: r.received_at,
  receivedBy: r.received_by,
  signerFingerprint: r.signer_fingerprint,
  fileName: r.file_name,
  fileSm3: r.file_sm3,
  counts: { systems: r.systems, resources: r.resources, items: r.items, catalogEntries: r.catalog_entries },
  baseFilingId: r.base_filing_id,
  status: r.status,
  decidedAt: r.decided_at,
  decidedBy: r.decided_by,
  decisionComment: r.decision_comment,
  flags: r.flags,
  qualityErrors: r.quality_errors,
  qualityWarnings: r.quality_warnings,
  receiptIssuedAt: r.receipt_issued_at,
});

const FILING_COLS = `id, uscc, unit_name, sequence, kind, digest, previous_digest, created_at, received_at, received_by,
  signer_fingerprint, file_name, file_sm3, systems, resources, items, catalog_entries, base_filing_id, status, decided_at,
  decided_by, decision_comment, flags, quality_errors, quality_warnings, receipt_issued_at`;

/** Level rank in SQL (the same order as domain/levels.ts). */
const rank = (col: string) =>
  `(CASE ${col} WHEN '核心数据' THEN 6 WHEN '重要数据' THEN 5 WHEN '一般数据4级' THEN 4 WHEN '一般数据3级' THEN 3 WHEN '一般数据2级' THEN 2 WHEN '一般数据1级' THEN 1 ELSE 0 END)`;

/** `a LIKE %s%` with the wildcards of s escaped. */
export const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface DiffFilter {
  section?: DiffSection | undefined;
  change?: DiffChange | undefined;
  kind?: 'resource' | 'item' | undefined;
  levelChange?: 'raised' | 'lowered' | undefined;
}

export interface DiffKeyRow {
  section: DiffSection;
  dataId: string;
  kind: 'resource' | 'item';
  change: DiffChange;
  levelChange: 'raised' | 'lowered' | null;
}

export interface EntryFilter {
  flaggedOnly: boolean;
  code?: string | undefined;
  decision?: EntryDecision | 'none' | undefined;
  search?: string | undefined;
}

export interface StatRow {
  filingId: number;
  category: string;
  level: string;
  kind: 'resource' | 'item';
  n: number;
}

export function createBureauRepo(db: Db) {
  const cache = new Map<string, Statement>();
  const st = (sql: string): Statement => {
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = db.prepare(sql)));
    return s;
  };

  const unitSelect = `SELECT uscc, name, contact_name AS contactName, contact_phone AS contactPhone, contact_email AS contactEmail,
    registered_at AS registeredAt, registered_by AS registeredBy FROM bureau_unit`;

  return {
    // ---- units and keys
    units(): UnitRow[] {
      return st(`${unitSelect} ORDER BY name, uscc`).all() as UnitRow[];
    },
    unit(uscc: string): UnitRow | undefined {
      return st(`${unitSelect} WHERE uscc = ?`).get(uscc) as UnitRow | undefined;
    },
    insertUnit(u: UnitRow): void {
      st(`INSERT INTO bureau_unit (uscc, name, contact_name, contact_phone, contact_email, registered_at, registered_by)
          VALUES (@uscc, @name, @contactName, @contactPhone, @contactEmail, @registeredAt, @registeredBy)`).run(u);
    },
    updateUnit(u: Pick<UnitRow, 'uscc' | 'name' | 'contactName' | 'contactPhone' | 'contactEmail'>): void {
      st(`UPDATE bureau_unit SET name = @name, contact_name = @contactName, contact_phone = @contactPhone, contact_email = @contactEmail
          WHERE uscc = @uscc`).run(u);
    },
    /** The unit keys of counterpart_key (migration 006), oldest first. */
    unitKeys(uscc?: string): UnitKeyRow[] {
      const sql = `SELECT uscc, fingerprint, label, confirmed_at AS confirmedAt, confirmed_by AS confirmedBy, revoked_at AS revokedAt
                     FROM counterpart_key WHERE role = 'unit' ${uscc === undefined ? '' : 'AND uscc = ?'} ORDER BY id`;
      return (uscc === undefined ? st(sql).all() : st(sql).all(uscc)) as UnitKeyRow[];
    },
    unitFilingStats(): { uscc: string; filings: number; lastId: number | null }[] {
      return st(`SELECT uscc, count(*) AS filings, max(id) AS lastId FROM bureau_filing GROUP BY uscc`).all() as { uscc: string; filings: number; lastId: number | null }[];
    },

    // ---- filings
    insertFiling(f: FilingInsert): number {
      const r = st(`INSERT INTO bureau_filing (accepted_package_id, uscc, unit_name, sequence, kind, digest, previous_digest, created_at,
          received_at, received_by, signer_fingerprint, file_name, file_sm3, systems, resources, items, catalog_entries, base_filing_id,
          flags, flag_counts, quality_errors, quality_warnings, quality_digest, profile_json, systems_json, rotation_json)
        VALUES (@acceptedPackageId, @uscc, @unitName, @sequence, @kind, @digest, @previousDigest, @createdAt, @receivedAt, @receivedBy,
          @signerFingerprint, @fileName, @fileSm3, @systems, @resources, @items, @catalogEntries, @baseFilingId, @flags, @flagCounts,
          @qualityErrors, @qualityWarnings, @qualityDigest, @profileJson, @systemsJson, @rotationJson)`).run(f);
      return Number(r.lastInsertRowid);
    },
    filing(id: number): BureauFiling | undefined {
      const r = st(`SELECT ${FILING_COLS} FROM bureau_filing WHERE id = ?`).get(id) as RawFiling | undefined;
      return r && filingOf(r);
    },
    filingByDigest(digest: string): BureauFiling | undefined {
      const r = st(`SELECT ${FILING_COLS} FROM bureau_filing WHERE digest = ?`).get(digest) as RawFiling | undefined;
      return r && filingOf(r);
    },
    filingExtras(id: number): { flagCounts: string; qualityDigest: string; profileJson: string; systemsJson: string; rotationJson: string | null; rotationAppliedAt: string | null } | undefined {
      return st(`SELECT flag_counts AS flagCounts, quality_digest AS qualityDigest, profile_json AS profileJson, systems_json AS systemsJson,
                        rotation_json AS rotationJson, rotation_applied_at AS rotationAppliedAt FROM bureau_filing WHERE id = ?`).get(id) as never;
    },
    filings(filter: { uscc?: string | undefined; status?: FilingStatus | undefined }, offset: number, limit: number): { total: number; rows: BureauFiling[] } {
      const where: string[] = [];
      const args: unknown[] = [];
      if (filter.uscc !== undefined) {
        where.push('uscc = ?');
        args.push(filter.uscc);
      }
      if (filter.status !== undefined) {
        where.push('status = ?');
        args.push(filter.status);
      }
      const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const total = (st(`SELECT count(*) AS n FROM bureau_filing ${w}`).get(...args) as { n: number }).n;
      const rows = st(`SELECT ${FILING_COLS} FROM bureau_filing ${w} ORDER BY received_at DESC, id DESC LIMIT ? OFFSET ?`).all(...args, limit, offset) as RawFiling[];
      return { total, rows: rows.map(filingOf) };
    },
    lastFilingOf(uscc: string): BureauFiling | undefined {
      const r = st(`SELECT ${FILING_COLS} FROM bureau_filing WHERE uscc = ? ORDER BY sequence DESC LIMIT 1`).get(uscc) as RawFiling | undefined;
      return r && filingOf(r);
    },
    rotationFilings(pendingOnly: boolean): { id: number; uscc: string; unitName: string; receivedAt: string; signer: string; rotationJson: string; appliedAt: string | null }[] {
      return st(`SELECT id, uscc, unit_name AS unitName, received_at AS receivedAt, signer_fingerprint AS signer, rotation_json AS rotationJson,
                        rotation_applied_at AS appliedAt
                   FROM bureau_filing WHERE rotation_json IS NOT NULL ${pendingOnly ? 'AND rotation_applied_at IS NULL' : ''} ORDER BY id`).all() as never;
    },
    markRotationApplied(id: number, at: string): void {
      st('UPDATE bureau_filing SET rotation_applied_at = ? WHERE id = ?').run(at, id);
    },
    setDecision(id: number, d: { status: FilingDecision; at: string; by: string; comment: string }): void {
      st('UPDATE bureau_filing SET status = ?, decided_at = ?, decided_by = ?, decision_comment = ? WHERE id = ?').run(d.status, d.at, d.by, d.comment, id);
    },
    markReceiptIssued(id: number, at: string): void {
      st('UPDATE bureau_filing SET receipt_issued_at = ? WHERE id = ?').run(at, id);
    },

    // ---- content
    insertEntries(filingId: number, rows: readonly EntryInsert[]): void {
      const ins = st(`INSERT INTO bureau_entry (filing_id, data_id, kind, resource_data_id, level, h, flags, fields) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
      for (const r of rows) ins.run(filingId, r.dataId, r.kind, r.resourceDataId, r.level, r.h, r.flags, r.fields);
    },
    insertCatalog(filingId: number, rows: readonly CatalogInsert[]): void {
      const ins = st(`INSERT INTO bureau_catalog (filing_id, data_id, level, h, fields) VALUES (?, ?, ?, ?, ?)`);
      for (const r of rows) ins.run(filingId, r.dataId, r.level, r.h, r.fields);
    },
    insertFindings(filingId: number, rows: readonly Omit<BureauFinding, never>[]): void {
      const ins = st(`INSERT INTO bureau_finding (filing_id, code, dimension, severity, sheet, data_id, field, message_zh, message_en) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
      for (const f of rows) ins.run(filingId, f.code, f.dimension, f.severity, f.sheet, f.dataId, f.field, f.message_zh, f.message_en);
    },
    insertStats(filingId: number, rows: readonly Omit<StatRow, 'filingId'>[]): void {
      const ins = st(`INSERT INTO bureau_stat (filing_id, category, level, kind, n) VALUES (?, ?, ?, ?, ?)`);
      for (const r of rows) ins.run(filingId, r.category, r.level, r.kind, r.n);
    },
    /** 数据编号 → level of every entry of a filing. */
    entryLevels(filingId: number): Map<string, string> {
      const rows = st('SELECT data_id AS d, level AS l FROM bureau_entry WHERE filing_id = ?').raw().all(filingId) as [string, string][];
      return new Map(rows);
    },
    /** The stored canonical JSON of entries (or catalog rows) of a filing, by 数据编号. */
    fieldsOf(section: DiffSection, filingId: number, dataIds: readonly string[]): Map<string, string> {
      const out = new Map<string, string>();
      if (dataIds.length === 0) return out;
      const table = section === 'entry' ? 'bureau_entry' : 'bureau_catalog';
      const one = st(`SELECT fields FROM ${table} WHERE filing_id = ? AND data_id = ?`).pluck();
      for (const d of dataIds) {
        const f = one.get(filingId, d) as string | undefined;
        if (f !== undefined) out.set(d, f);
      }
      return out;
    },
    entryKinds(filingId: number, dataIds: readonly string[]): Map<string, 'resource' | 'item'> {
      const out = new Map<string, 'resource' | 'item'>();
      const one = st('SELECT kind FROM bureau_entry WHERE filing_id = ? AND data_id = ?').pluck();
      for (const d of dataIds) {
        const k = one.get(filingId, d) as 'resource' | 'item' | undefined;
        if (k) out.set(d, k);
      }
      return out;
    },

    // ---- diffs
    diffDone(filingId: number, baseId: number): boolean {
      return st('SELECT 1 FROM bureau_diff_done WHERE filing_id = ? AND base_id = ?').get(filingId, baseId) !== undefined;
    },
    /** Compute and keep the diff of filing f against base b (0: none, everything added). */
    computeDiff(f: number, b: number): void {
      const changeLevel = `CASE WHEN ${rank('n.level')} > ${rank('o.level')} THEN 'raised' WHEN ${rank('n.level')} < ${rank('o.level')} THEN 'lowered' END`;
      st(`INSERT INTO bureau_diff (filing_id, base_id, section, data_id, kind, change, level_change)
          SELECT @f, @b, 'entry', n.data_id, n.kind, 'added', NULL FROM bureau_entry n
           WHERE n.filing_id = @f AND NOT EXISTS (SELECT 1 FROM bureau_entry o WHERE o.filing_id = @b AND o.data_id = n.data_id)`).run({ f, b });
      st(`INSERT INTO bureau_diff (filing_id, base_id, section, data_id, kind, change, level_change)
          SELECT @f, @b, 'entry', o.data_id, o.kind, 'removed', NULL FROM bureau_entry o
           WHERE o.filing_id = @b AND NOT EXISTS (SELECT 1 FROM bureau_entry n WHERE n.filing_id = @f AND n.data_id = o.data_id)`).run({ f, b });
      st(`INSERT INTO bureau_diff (filing_id, base_id, section, data_id, kind, change, level_change)
          SELECT @f, @b, 'entry', n.data_id, n.kind, 'changed', ${changeLevel}
            FROM bureau_entry n JOIN bureau_entry o ON o.filing_id = @b AND o.data_id = n.data_id
           WHERE n.filing_id = @f AND n.h <> o.h`).run({ f, b });
      st(`INSERT INTO bureau_diff (filing_id, base_id, section, data_id, kind, change, level_change)
          SELECT @f, @b, 'catalog', n.data_id, 'resource', 'added', NULL FROM bureau_catalog n
           WHERE n.filing_id = @f AND NOT EXISTS (SELECT 1 FROM bureau_catalog o WHERE o.filing_id = @b AND o.data_id = n.data_id)`).run({ f, b });
      st(`INSERT INTO bureau_diff (filing_id, base_id, section, data_id, kind, change, level_change)
          SELECT @f, @b, 'catalog', o.data_id, 'resource', 'removed', NULL FROM bureau_catalog o
           WHERE o.filing_id = @b AND NOT EXISTS (SELECT 1 FROM bureau_catalog n WHERE n.filing_id = @f AND n.data_id = o.data_id)`).run({ f, b });
      st(`INSERT INTO bureau_diff (filing_id, base_id, section, data_id, kind, change, level_change)
          SELECT @f, @b, 'catalog', n.data_id, 'resource', 'changed', NULL
            FROM bureau_catalog n JOIN bureau_catalog o ON o.filing_id = @b AND o.data_id = n.data_id
           WHERE n.filing_id = @f AND n.h <> o.h`).run({ f, b });
      st('INSERT INTO bureau_diff_done (filing_id, base_id) VALUES (@f, @b)').run({ f, b });
    },
    diffCounts(f: number, b: number): { section: DiffSection; kind: 'resource' | 'item'; change: DiffChange; levelChange: string | null; n: number }[] {
      return st(`SELECT section, kind, change, level_change AS levelChange, count(*) AS n FROM bureau_diff
                  WHERE filing_id = ? AND base_id = ? GROUP BY section, kind, change, level_change`).all(f, b) as never;
    },
    diffPage(f: number, b: number, filter: DiffFilter, offset: number, limit: number): { total: number; rows: DiffKeyRow[] } {
      const where = ['filing_id = ?', 'base_id = ?'];
      const args: unknown[] = [f, b];
      if (filter.section) {
        where.push('section = ?');
        args.push(filter.section);
      }
      if (filter.change) {
        where.push('change = ?');
        args.push(filter.change);
      }
      if (filter.kind) {
        where.push('kind = ?');
        args.push(filter.kind);
      }
      if (filter.levelChange) {
        where.push('level_change = ?');
        args.push(filter.levelChange);
      }
      const w = where.join(' AND ');
      const total = (st(`SELECT count(*) AS n FROM bureau_diff WHERE ${w}`).get(...args) as { n: number }).n;
      const rows = st(`SELECT section, data_id AS dataId, kind, change, level_change AS levelChange FROM bureau_diff WHERE ${w}
                        ORDER BY section DESC, data_id LIMIT ? OFFSET ?`).all(...args, limit, offset) as DiffKeyRow[];
      return { total, rows };
    },

    // ---- review lists
    entriesPage(filingId: number, filter: EntryFilter, offset: number, limit: number): { total: number; rows: { fields: string; flags: string; decision: EntryDecision | null; comment: string | null; decidedAt: string | null; decidedBy: string | null }[] } {
      const where = ['e.filing_id = ?'];
      const args: unknown[] = [filingId];
      if (filter.flaggedOnly || filter.code) where.push("e.flags <> ''");
      if (filter.code) {
        where.push("(',' || e.flags || ',') LIKE ?");
        args.push(`%,${filter.code},%`);
      }
      if (filter.decision === 'none') where.push('d.decision IS NULL');
      else if (filter.decision) {
        where.push('d.decision = ?');
        args.push(filter.decision);
      }
      if (filter.search) {
        where.push("e.fields LIKE ? ESCAPE '\\'");
        args.push(likePattern(filter.search));
      }
      const w = where.join(' AND ');
      const from = `bureau_entry e LEFT JOIN bureau_decision d ON d.filing_id = e.filing_id AND d.data_id = e.data_id`;
      const total = (st(`SELECT count(*) AS n FROM ${from} WHERE ${w}`).get(...args) as { n: number }).n;
      const rows = st(`SELECT e.fields AS fields, e.flags AS flags, d.decision AS decision, d.comment AS comment, d.decided_at AS decidedAt, d.decided_by AS decidedBy
                         FROM ${from} WHERE ${w} ORDER BY e.data_id LIMIT ? OFFSET ?`).all(...args, limit, offset) as never;
      return { total, rows };
    },
    findingsPage(filingId: number, filter: { severity?: string | undefined; code?: string | undefined }, offset: number, limit: number): { total: number; rows: BureauFinding[] } {
      const where = ['filing_id = ?'];
      const args: unknown[] = [filingId];
      if (filter.severity) {
        where.push('severity = ?');
        args.push(filter.severity);
      }
      if (filter.code) {
        where.push('code = ?');
        args.push(filter.code);
      }
      const w = where.join(' AND ');
      const total = (st(`SELECT count(*) AS n FROM bureau_finding WHERE ${w}`).get(...args) as { n: number }).n;
      const rows = st(`SELECT code, dimension, severity, sheet, data_id AS dataId, field, message_zh, message_en FROM bureau_finding WHERE ${w}
                        ORDER BY id LIMIT ? OFFSET ?`).all(...args, limit, offset) as BureauFinding[];
      return { total, rows };
    },

    // ---- decisions
    upsertDecision(filingId: number, dataId: string, d: ReviewDecisionInfo): void {
      st(`INSERT INTO bureau_decision (filing_id, data_id, decision, comment, decided_at, decided_by) VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT (filing_id, data_id) DO UPDATE SET decision = excluded.decision, comment = excluded.comment,
            decided_at = excluded.decided_at, decided_by = excluded.decided_by`).run(filingId, dataId, d.decision, d.comment, d.decidedAt, d.decidedBy);
    },
    deleteDecision(filingId: number, dataId: string): number {
      return st('DELETE FROM bureau_decision WHERE filing_id = ? AND data_id = ?').run(filingId, dataId).changes;
    },
    decisionCounts(filingId: number): { accepted: number; returned: number; flaggedUndecided: number } {
      const r = st(`SELECT
          (SELECT count(*) FROM bureau_decision WHERE filing_id = @f AND decision = 'accept') AS accepted,
          (SELECT count(*) FROM bureau_decision WHERE filing_id = @f AND decision = 'return') AS returned,
          (SELECT count(*) FROM bureau_entry e WHERE e.filing_id = @f AND e.flags <> ''
              AND NOT EXISTS (SELECT 1 FROM bureau_decision d WHERE d.filing_id = e.filing_id AND d.data_id = e.data_id)) AS flaggedUndecided`).get({ f: filingId });
      return r as { accepted: number; returned: number; flaggedUndecided: number };
    },
    decisions(filingId: number): { dataId: string; kind: 'resource' | 'item'; decision: EntryDecision; comment: string }[] {
      return st(`SELECT d.data_id AS dataId, coalesce(e.kind, 'item') AS kind, d.decision, d.comment FROM bureau_decision d
                   LEFT JOIN bureau_entry e ON e.filing_id = d.filing_id AND e.data_id = d.data_id
                  WHERE d.filing_id = ? ORDER BY d.data_id`).all(filingId) as never;
    },

    // ---- receipts
    insertReceipt(r: { filingId: number; decision: FilingDecision; digest: string; fileSm3: string; fileName: string; issuedAt: string; issuedBy: string }): number {
      return Number(
        st(`INSERT INTO bureau_receipt (filing_id, decision, digest, file_sm3, file_name, issued_at, issued_by) VALUES (@filingId, @decision, @digest, @fileSm3, @fileName, @issuedAt, @issuedBy)`).run(r)
          .lastInsertRowid,
      );
    },

    // ---- district
    /** Each unit's latest filing received up to asOf (ISO), optionally only accepted ones. */
    latestFilings(asOf: string, acceptedOnly: boolean): BureauFiling[] {
      const acc = acceptedOnly ? "AND g.status IN ('accepted', 'accepted_with_remarks')" : '';
      const rows = st(`SELECT ${FILING_COLS} FROM bureau_filing f
                        WHERE f.id = (SELECT g.id FROM bureau_filing g WHERE g.uscc = f.uscc AND g.received_at <= ? ${acc}
                                       ORDER BY g.sequence DESC LIMIT 1)
                        ORDER BY f.unit_name, f.uscc`).all(asOf) as RawFiling[];
      return rows.map(filingOf);
    },
    stats(filingIds: readonly number[]): StatRow[] {
      if (filingIds.length === 0) return [];
      const out: StatRow[] = [];
      const q = st('SELECT filing_id AS filingId, category, level, kind, n FROM bureau_stat WHERE filing_id = ?');
      for (const id of filingIds) out.push(...(q.all(id) as StatRow[]));
      return out;
    },
    catalogPage(filingIds: readonly number[], filter: { uscc?: string | undefined; level?: string | undefined; search?: string | undefined }, offset: number, limit: number): { total: number; rows: { fields: string; uscc: string; unitName: string; filingId: number; sequence: number }[] } {
      if (filingIds.length === 0) return { total: 0, rows: [] };
      const where = [`c.filing_id IN (${filingIds.map(() => '?').join(',')})`];
      const args: unknown[] = [...filingIds];
      if (filter.uscc) {
        where.push('f.uscc = ?');
        args.push(filter.uscc);
      }
      if (filter.level) {
        where.push('c.level = ?');
        args.push(filter.level);
      }
      if (filter.search) {
        where.push("(c.fields LIKE ? ESCAPE '\\' OR f.unit_name LIKE ? ESCAPE '\\')");
        args.push(likePattern(filter.search), likePattern(filter.search));
      }
      const w = where.join(' AND ');
      const from = 'bureau_catalog c JOIN bureau_filing f ON f.id = c.filing_id';
      const total = (db.prepare(`SELECT count(*) AS n FROM ${from} WHERE ${w}`).get(...args) as { n: number }).n;
      const rows = db
        .prepare(`SELECT c.fields AS fields, f.uscc AS uscc, f.unit_name AS unitName, f.id AS filingId, f.sequence AS sequence FROM ${from} WHERE ${w}
                  ORDER BY f.unit_name, f.uscc, c.data_id LIMIT ? OFFSET ?`)
        .all(...args, limit, offset) as never;
      return { total, rows };
    },
  };
}

export type BureauRepo = ReturnType<typeof createBureauRepo>;
