/**
 * The quality check of the whole workspace: every rule of main/domain/quality.ts over the live
 * sheet-2 rows, the catalog (sheet 3) and the systems, with the category trees of the schemes so
 * that a 分类编码 is checked against its path. Today's date comes from the injectable clock, the
 * thresholds from resources/quality.json.
 *
 * The last report is kept in memory for the open workspace (per store, so a lock or another
 * workspace starts afresh) with the connection's change counter at the time: any write since
 * (an edit, an undo, a catalog save, an import) makes it stale, and the next call checks again.
 * Each check stores every entry's finding count (only the counts that changed are written), so
 * that the grid's "with findings" filter reflects it.
 *
 * Each check also stores its summary (scores and counts) with what it was made from: the audit
 * head (every write of the workspace is audited), the day and the rules. The first summary of a
 * session (after an unlock) is that stored one while nothing was written since, so the scores show
 * at once; the findings and the resource scores still check again (every row read into memory).
 */
import { QUALITY_RULES, checkQuality, scoreByResource, scoreFindings, type DimensionScores, type Finding, type QualityCategories, type QualityCode, type QualityDimension, type QualitySettings, type QualityTotals, type Severity } from '../domain/quality';
import { flattenCategories, type FlatCategory, type SchemeDefinition } from '../domain/scheme';
import type { AuditEntry } from '../domain/audit';
import type { CatalogEntry } from '../domain/inventory';
import type { CheckedEntry } from '../db/repos/quality-repo';
import type { Store } from '../db/store';
import { canonicalJson } from '../domain/canonical-json';
import { sm3Hex } from '../crypto/sm3';
import { catalogEntryOf } from './catalog-service';
import { GENERIC_SCHEME_ID } from './grading-service';
import type { Session } from './session';

export interface QualitySummaryView {
  scores: DimensionScores;
  totals: QualityTotals;
  byCode: { code: string; dimension: QualityDimension; severity: Severity; count: number; message_zh: string; message_en: string }[];
  errors: number;
  warnings: number;
  checkedAt: string;
  ms: number;
}

export interface ResourceScoreView {
  resourceId: number;
  dataId: string;
  name: string;
  systemName: string;
  scores: DimensionScores;
  findings: number;
}

export interface FindingFilter {
  dimension?: QualityDimension | undefined;
  severity?: Severity | undefined;
  code?: string | undefined;
  resourceId?: number | undefined;
  entryId?: number | undefined;
}

interface Report {
  /** The store's change counter when the report was made (after its finding counts were written). */
  version: number;
  today: string;
  findings: Finding[];
  summary: QualitySummaryView;
  /** Built on first use. */
  byResource?: ResourceScoreView[];
  entries: readonly CheckedEntry[];
  catalog: readonly { resourceId: number }[];
}

/** yyyy-mm-dd of a moment in the machine's time zone (the officer's calendar day). */
export function localDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A rule's message without the finding's details, for the list of rules that fired. */
function ruleMessage(code: QualityCode): [string, string] {
  const r = QUALITY_RULES[code];
  return [r.zh.replace('{field}', '…').replace('{x}', '…'), r.en.replace('{field}', '…').replace('{x}', '…')];
}

// Flattened category trees of scheme versions (a stored version never changes).
const flatCache = new Map<string, FlatCategory[]>();

/** The category trees of every scheme's active version, for the code-versus-path checks. */
export function qualityCategories(store: Store): QualityCategories {
  const bySchemeId: Record<string, FlatCategory[]> = {};
  for (const s of store.schemes.activeDefinitions()) {
    const key = `${s.id}@${s.activeVersion}`;
    let flat = flatCache.get(key);
    if (!flat) {
      flat = flattenCategories(JSON.parse(s.definitionJson) as SchemeDefinition);
      flatCache.set(key, flat);
    }
    bySchemeId[s.id] = flat;
  }
  return { activeSchemeId: GENERIC_SCHEME_ID, bySchemeId };
}

/** Where the last summary is stored, and the version of its form (bump it when the check's logic changes). */
const STORED_SUMMARY_KEY = 'quality.lastSummary';
const STORED_SUMMARY_FORM = 1;
/** Audited actions that write nothing the check reads (an unlock that installed built-in resources excepted). */
const READ_ONLY_ACTIONS = new Set(['workspace.unlock', 'workspace.passphrase.change', 'settings.update', 'excel.export', 'excel.exportFindings', 'scheme.export', 'keys.backup']);

export function createQualityService(deps: { session: Session; now: () => Date; settings: QualitySettings }) {
  const reports = new WeakMap<Store, Report>();
  /** The stored summary taken for this session's first call: valid while the change counter stays. */
  const storedSummaries = new WeakMap<Store, { version: number; today: string; summary: QualitySummaryView }>();
  const rulesDigest = sm3Hex(canonicalJson({ form: STORED_SUMMARY_FORM, rules: QUALITY_RULES, settings: deps.settings }));

  /**
   * What a summary was made from: the newest audit entry that may have changed what the check
   * reads (every write is audited; an unlock, a settings change or an export changes nothing it
   * reads, and each unlock adds an entry), the day and the rules.
   */
  function summaryBasis(store: Store, today: string): string {
    let basis: AuditEntry | undefined;
    // At most 200 entries back (then the oldest of them: a later check simply will not match).
    for (let offset = 0; offset < 200; offset += 20) {
      const { entries } = store.audit.list(offset, 20);
      const found = entries.find((e) => !READ_ONLY_ACTIONS.has(e.action) || (e.action === 'workspace.unlock' && e.after !== null && e.after !== undefined));
      basis = found ?? entries[entries.length - 1] ?? basis;
      if (found || entries.length < 20) break;
    }
    return `${basis?.seq ?? 0}:${basis?.hash ?? ''}|${today}|${rulesDigest}`;
  }

  /**
   * The live entries, from memory: all of them read on the first check of a session (or when
   * most rows were written since), afterwards only the rows written since the last check.
   */
  const mirrors = new WeakMap<Store, { byId: Map<number, CheckedEntry>; maxId: number }>();
  function liveEntries(store: Store): CheckedEntry[] {
    let m = mirrors.get(store);
    if (!m || store.quality.writtenCount() > m.byId.size / 2) {
      const all = store.quality.liveEntries();
      m = { byId: new Map(all.map((e) => [e.id, e])), maxId: all.length > 0 ? all[all.length - 1]!.id : 0 };
      mirrors.set(store, m);
    } else {
      const { ids, rows } = store.quality.writtenEntries();
      const found = new Set<number>();
      let outOfOrder = false;
      for (const e of rows) {
        found.add(e.id);
        if (e.deleted) m.byId.delete(e.id);
        else {
          // A row already kept is replaced in place; a new one goes to the end, in id order unless it was restored.
          if (!m.byId.has(e.id)) {
            if (e.id < m.maxId) outOfOrder = true;
            else m.maxId = e.id;
          }
          m.byId.set(e.id, e);
        }
      }
      for (const id of ids) if (!found.has(id)) m.byId.delete(id);
      // The check reports rows in id order.
      if (outOfOrder) m.byId = new Map([...m.byId.entries()].sort((a, b) => a[0] - b[0]));
    }
    const byId = m.byId;
    const systemNames = new Map(store.quality.systems().map((s) => [s.id, s.name]));
    const list = [...byId.values()];
    for (const e of list) e.systemName = systemNames.get(e.systemId) ?? '';
    return list;
  }

  function compute(store: Store, today: string): Report {
    const t0 = performance.now();
    const entries = liveEntries(store);
    const catalog: CatalogEntry[] = store.catalog.listed().map(catalogEntryOf);
    const systems = store.quality.systems();
    const { findings, totals } = checkQuality({ entries, catalog, systems, today, settings: deps.settings, categories: qualityCategories(store) });

    // Per-entry counts; write only those that changed (and clear those of deleted entries).
    const counts = new Map<number, number>();
    for (const f of findings) if (f.entryId !== undefined) counts.set(f.entryId, (counts.get(f.entryId) ?? 0) + 1);
    const changed: [number, number][] = [];
    for (const e of entries) {
      const n = counts.get(e.id) ?? 0;
      if (n !== e.findingCount) changed.push([e.id, n]);
    }
    const basis = summaryBasis(store, today);
    for (const e of entries) e.findingCount = counts.get(e.id) ?? 0;

    // Errors first, each severity in the check's order (sheet 2 by entry, then sheet 3).
    const ordered = [...findings.filter((f) => f.severity === 'error'), ...findings.filter((f) => f.severity !== 'error')];
    const byCode = new Map<QualityCode, { severity: Severity; count: number; errors: number }>();
    let errors = 0;
    for (const f of ordered) {
      if (f.severity === 'error') errors++;
      const c = byCode.get(f.code);
      if (c) {
        c.count++;
        if (f.severity === 'error') c.errors++;
      } else byCode.set(f.code, { severity: f.severity, count: 1, errors: f.severity === 'error' ? 1 : 0 });
    }
    const ms = Math.round(performance.now() - t0);
    const summary: QualitySummaryView = {
      scores: scoreFindings(findings, totals),
      totals,
      byCode: [...byCode.entries()]
        .sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))
        .map(([code, c]) => {
          const [message_zh, message_en] = ruleMessage(code);
          return { code, dimension: QUALITY_RULES[code].dimension, severity: c.errors > 0 ? 'error' : c.severity, count: c.count, message_zh, message_en };
        }),
      errors,
      warnings: findings.length - errors,
      checkedAt: deps.now().toISOString(),
      ms,
    };
    store.tx(() => {
      store.quality.clearDeletedFindingCounts();
      store.inventory.setFindingCounts(changed);
      store.workspace.putSetting(STORED_SUMMARY_KEY, JSON.stringify({ basis, summary }));
    });
    return {
      version: store.changeCounter(),
      today,
      findings: ordered,
      summary,
      entries,
      catalog,
    };
  }

  /** The report for the open workspace: the kept one while nothing was written since, else a new check. */
  function report(): Report {
    const { store } = deps.session.requireOpen();
    const today = localDate(deps.now());
    const kept = reports.get(store);
    if (kept && kept.version === store.changeCounter() && kept.today === today) return kept;
    const r = compute(store, today);
    reports.set(store, r);
    return r;
  }

  function byResource(r: Report): ResourceScoreView[] {
    if (r.byResource) return r.byResource;
    const scores = scoreByResource(r.findings, r.entries, r.catalog);
    const counts = new Map<number, number>();
    for (const f of r.findings) if (f.resourceId !== undefined) counts.set(f.resourceId, (counts.get(f.resourceId) ?? 0) + 1);
    const rows: ResourceScoreView[] = [];
    for (const e of r.entries) {
      if (e.kind !== 'resource') continue;
      const s = scores.get(e.id);
      if (s) rows.push({ resourceId: e.id, dataId: e.dataId, name: e.resourceName, systemName: e.systemName, scores: s, findings: counts.get(e.id) ?? 0 });
    }
    // Worst first: lowest overall score, then most findings, then 数据编号.
    rows.sort((a, b) => a.scores.overall - b.scores.overall || b.findings - a.findings || (a.dataId < b.dataId ? -1 : a.dataId > b.dataId ? 1 : 0));
    r.byResource = rows;
    return rows;
  }

  return {
    /**
     * The scores and counts: the kept report while nothing was written since; on the first call of
     * a session the stored summary when the workspace has not changed since it; else a new check.
     */
    summary(): QualitySummaryView {
      const { store } = deps.session.requireOpen();
      const today = localDate(deps.now());
      const version = store.changeCounter();
      const kept = reports.get(store);
      if (!(kept && kept.version === version && kept.today === today)) {
        let stored = storedSummaries.get(store);
        if (!stored && !kept) {
          stored = { version: -1, today, summary: undefined as unknown as QualitySummaryView };
          const json = store.quality.writtenCount() === 0 ? store.workspace.getSetting(STORED_SUMMARY_KEY) : undefined;
          const saved = json ? (JSON.parse(json) as { basis: string; summary: QualitySummaryView }) : undefined;
          if (saved && saved.basis === summaryBasis(store, today)) stored = { version, today, summary: saved.summary };
          storedSummaries.set(store, stored);
        }
        if (stored && stored.version === version && stored.today === today) return stored.summary;
      }
      return report().summary;
    },

    findings(input: FindingFilter & { offset: number; limit: number }): { total: number; findings: Finding[] } {
      const r = report();
      const f = input;
      const any = f.dimension || f.severity || f.code || f.resourceId !== undefined || f.entryId !== undefined;
      const list = any
        ? r.findings.filter(
            (x) =>
              (!f.dimension || x.dimension === f.dimension) &&
              (!f.severity || x.severity === f.severity) &&
              (!f.code || x.code === f.code) &&
              (f.resourceId === undefined || x.resourceId === f.resourceId) &&
              (f.entryId === undefined || x.entryId === f.entryId),
          )
        : r.findings;
      return { total: list.length, findings: list.slice(f.offset, f.offset + f.limit) };
    },

    byResource(input: { offset: number; limit: number }): { total: number; rows: ResourceScoreView[] } {
      const rows = byResource(report());
      return { total: rows.length, rows: rows.slice(input.offset, input.offset + input.limit) };
    },
  };
}

export type QualityService = ReturnType<typeof createQualityService>;
