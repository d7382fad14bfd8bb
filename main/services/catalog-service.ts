/**
 * Important-data identification (the Annex G questionnaire) and the important-data catalog
 * (sheet 3 of the bureau's template), one row per resource.
 *
 * The questionnaire proposes; it never changes the inventory. Answers are kept per resource
 * (catalog_entry.answers_json; a resource with answers and no catalog row has listed = 0). A
 * 重要数据 or 核心数据 proposal drafts the resource's catalog row from what the inventory knows
 * (draftCatalogRow), filling only fields that are empty: what the officer wrote is never
 * overwritten. The resource's own level is the officer's to set in the inventory; when it
 * disagrees with the catalog, the quality check says so (CATALOG_LEVEL_MISMATCH).
 *
 * Every change is written with its audit entry (changed fields, before → after) in one transaction.
 */
import {
  CARRIER_KINDS, DATA_SOURCES, MLPS_LEVELS, PROCESSING_METHODS, SECURITY_MEASURES, isIn, joinMulti, splitMulti,
} from '../domain/code-lists';
import { isMainlandPhone, normalizeDate } from '../domain/contact';
import { DomainError } from '../domain/errors';
import { draftCatalogRow, evaluateQuestionnaire, type Answer, type FactorSet, type IdentificationResult } from '../domain/identification';
import type { CatalogEntry, CatalogFields } from '../domain/inventory';
import { SHEET3_HEADERS, checkQuality, type Finding, type QualitySettings } from '../domain/quality';
import { normalizeText } from '../domain/text';
import type { CatalogRow } from '../db/repos/catalog-repo';
import type { EntryRecord } from '../db/repos/inventory-repo';
import type { Store } from '../db/store';
import type { Session } from './session';

export type CatalogChangesInput = { [K in keyof CatalogFields]?: CatalogFields[K] | undefined };

export const BLANK_CATALOG: CatalogFields = {
  name: '', category: '', level: '', description: '', carrierKind: '', carrierSystem: '', dataSource: '', recordCount: null,
  volumeGb: null, personCount: null, coverage: '', timeSpan: '', purpose: '', processingMethods: '', usageScope: '', provision: '',
  crossBorder: '', crossBorderAssessment: '', retention: '', securityMeasures: '', mlpsLevel: '', basis: '', identifiedAt: '',
  department: '', person: '', phone: '',
};
const CATALOG_KEYS = Object.keys(BLANK_CATALOG) as (keyof CatalogFields)[];
const NUMBER_KEYS = new Set<keyof CatalogFields>(['recordCount', 'volumeGb', 'personCount']);

/** A stored row as the API's CatalogEntry: every field present, 数据编号 the resource's own. */
export function catalogEntryOf(row: CatalogRow): CatalogEntry {
  const out: Record<string, unknown> = { ...BLANK_CATALOG };
  for (const k of CATALOG_KEYS) {
    const v = row.fields[k];
    if (v === undefined) continue;
    if (NUMBER_KEYS.has(k) ? v === null || typeof v === 'number' : typeof v === 'string') out[k] = v;
  }
  return { ...(out as unknown as CatalogFields), resourceId: row.resourceId, dataId: row.dataId, updatedAt: row.updatedAt };
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

function invalid(field: keyof CatalogFields, value: unknown, why_zh: string, why_en: string, extra: Record<string, unknown> = {}): DomainError {
  const header = SHEET3_HEADERS[field];
  return new DomainError('INVALID_FIELD', `“${header}”的值“${String(value ?? '')}”${why_zh}`, `${header} (${field}) "${String(value ?? '')}": ${why_en}`, { field, value, ...extra });
}

const SINGLE: Partial<Record<keyof CatalogFields, readonly string[]>> = {
  level: ['重要数据', '核心数据'],
  carrierKind: CARRIER_KINDS,
  dataSource: DATA_SOURCES,
  mlpsLevel: MLPS_LEVELS,
  crossBorder: ['是', '否'],
};
const MULTI: Partial<Record<keyof CatalogFields, readonly string[]>> = {
  processingMethods: PROCESSING_METHODS,
  securityMeasures: SECURITY_MEASURES,
};

/** Check the given catalog fields and bring them to their stored form. Refuses with INVALID_FIELD (details.field). */
export function normalizeCatalogChanges(input: CatalogChangesInput): Partial<CatalogFields> {
  const out: Record<string, unknown> = {};
  for (const [k, raw] of Object.entries(input)) {
    if (raw === undefined) continue;
    const field = k as keyof CatalogFields;
    if (!CATALOG_KEYS.includes(field)) throw new DomainError('INVALID_FIELD', `未知的目录字段 ${k}`, `Unknown catalog field ${k}`, { field: k });
    if (NUMBER_KEYS.has(field)) {
      if (raw !== null) {
        const ok = typeof raw === 'number' && Number.isFinite(raw) && raw >= 0 && (field === 'volumeGb' || Number.isSafeInteger(raw));
        if (!ok) throw invalid(field, raw, field === 'volumeGb' ? '应为非负数' : '应为非负整数', field === 'volumeGb' ? 'must be a non-negative number' : 'must be a non-negative whole number');
      }
      out[field] = raw;
      continue;
    }
    if (typeof raw !== 'string') throw invalid(field, raw, '应为文本', 'must be text');
    let v = normalizeText(raw);
    const single = SINGLE[field];
    const multi = MULTI[field];
    if (single) {
      if (v !== '' && !isIn(single, v)) throw invalid(field, raw, `不在填报模板的取值范围内（${single.join('、')}）`, `is not one of the template's values (${single.join(', ')})`, { allowed: single });
    } else if (multi) {
      const parts = splitMulti(v);
      const bad = parts.filter((p) => !isIn(multi, p));
      if (bad.length > 0)
        throw invalid(field, raw, `含有不在取值范围内的值：${bad.join('、')}（可选：${multi.join('、')}）`, `has values outside the template's list: ${bad.join(', ')}`, { allowed: multi });
      v = joinMulti(multi.filter((m) => parts.includes(m)));
    } else if (field === 'identifiedAt') {
      if (v !== '') {
        const d = normalizeDate(v);
        if (!d) throw invalid(field, raw, '不是有效日期（应为 yyyy-mm-dd）', 'is not a valid date (yyyy-mm-dd)');
        v = d;
      }
    } else if (field === 'phone') {
      if (v !== '' && !isMainlandPhone(v)) throw invalid(field, raw, '不是有效的手机或固定电话号码', 'is not a valid mobile or landline number');
    }
    out[field] = v;
  }
  return out as Partial<CatalogFields>;
}

const resourceNotFound = (id: number) =>
  new DomainError('RESOURCE_NOT_FOUND', '找不到该数据资源（或已删除）', 'No such data resource (or it is deleted)', { id });
const catalogNotFound = (id: number) =>
  new DomainError('CATALOG_ENTRY_NOT_FOUND', '该数据资源在重要数据目录中没有行', 'The resource has no row in the important-data catalog', { resourceId: id });

export function createCatalogService(deps: {
  session: Session;
  actor: (operator: string) => string;
  now: () => Date;
  factors: FactorSet;
  settings: QualitySettings;
  today: () => string;
}) {
  const factorIds = new Set(deps.factors.factors.map((f) => f.id));

  function liveResource(store: Store, id: number): EntryRecord {
    const r = store.inventory.get(id);
    if (!r || r.kind !== 'resource' || r.deleted) throw resourceNotFound(id);
    return r;
  }

  /** The sheet-3 findings of one catalog row (checkQuality restricted to it and its resource). */
  function rowFindings(store: Store, entry: CatalogEntry): Finding[] {
    const r = store.inventory.get(entry.resourceId);
    const resource = r && !r.deleted && r.kind === 'resource' ? r : undefined;
    const system = resource ? store.inventory.getSystem(resource.systemId) : undefined;
    const { findings } = checkQuality({
      entries: resource ? [resource] : [],
      catalog: [entry],
      systems: system ? [system] : [],
      today: deps.today(),
      settings: deps.settings,
    });
    return findings.filter((f) => f.sheet === 3 && f.resourceId === entry.resourceId);
  }

  function listedEntry(store: Store, resourceId: number): CatalogEntry | null {
    const row = store.catalog.get(resourceId);
    return row?.listed ? catalogEntryOf(row) : null;
  }

  return {
    // ---- identification

    identificationGet(resourceId: number): { factors: FactorSet; answers: Record<string, Answer>; result: IdentificationResult; catalog: CatalogEntry | null } {
      const { store } = deps.session.requireOpen();
      liveResource(store, resourceId);
      const row = store.catalog.get(resourceId);
      const answers = Object.fromEntries(Object.entries(row?.answers ?? {}).filter(([k]) => factorIds.has(k))) as Record<string, Answer>;
      return { factors: deps.factors, answers, result: evaluateQuestionnaire(deps.factors, answers), catalog: row?.listed ? catalogEntryOf(row) : null };
    },

    /**
     * Keep the answers; a 重要数据/核心数据 proposal drafts the catalog row (a new row from the
     * draft, or the empty fields of the existing row filled from it).
     */
    identificationSave(resourceId: number, answers: Record<string, Answer>): { result: IdentificationResult; catalog: CatalogEntry | null } {
      const s = deps.session.requireOpen();
      const store = s.store;
      const unknown = Object.keys(answers).filter((k) => !factorIds.has(k));
      if (unknown.length > 0)
        throw new DomainError('UNKNOWN_FACTOR', `问卷中没有识别因素 ${unknown.join('、')}`, `The questionnaire has no factor ${unknown.join(', ')}`, { field: 'answers', factorIds: unknown });
      const result = evaluateQuestionnaire(deps.factors, answers);
      return store.tx(() => {
        const resource = liveResource(store, resourceId);
        const row = store.catalog.get(resourceId);
        const before = row?.answers ?? {};
        const beforeProposal = evaluateQuestionnaire(deps.factors, before).proposal;
        let fields: Partial<CatalogFields> = row?.listed ? { ...row.fields } : {};
        let listed = row?.listed ?? false;
        const filled: string[] = [];
        let catalog: 'unchanged' | 'drafted' | 'filled' = 'unchanged';
        if (result.proposal === '重要数据' || result.proposal === '核心数据') {
          const system = store.inventory.getSystem(resource.systemId);
          const draft = draftCatalogRow({ resource, system, identifiedAt: deps.today() }, result);
          if (!listed) {
            fields = { ...draft };
            listed = true;
            catalog = 'drafted';
            filled.push(...Object.keys(draft));
          } else {
            for (const [k, v] of Object.entries(draft) as [keyof CatalogFields, unknown][]) {
              if (blank(fields[k]) && !blank(v)) {
                (fields as Record<string, unknown>)[k] = v;
                filled.push(k);
              }
            }
            if (filled.length > 0) catalog = 'filled';
          }
        }
        const sameAnswers = JSON.stringify(Object.entries(before).sort()) === JSON.stringify(Object.entries(answers).sort());
        if (!sameAnswers || catalog !== 'unchanged') {
          const at = deps.now().toISOString();
          store.catalog.put({ resourceId, fields, answers, listed, updatedAt: catalog === 'unchanged' && row ? row.updatedAt : at });
          store.audit.append({
            actor: deps.actor(s.operator),
            action: 'identification.save',
            entity: 'resource',
            entityId: String(resourceId),
            at,
            before: { answers: before, proposal: beforeProposal },
            after: { answers, proposal: result.proposal, basis: result.basis, catalog, ...(filled.length > 0 ? { filled: Object.fromEntries(filled.map((k) => [k, (fields as Record<string, unknown>)[k]])) } : {}) },
          });
        }
        return { result, catalog: listedEntry(store, resourceId) };
      });
    },

    // ---- the catalog

    list(input: { offset: number; limit: number; search?: string | undefined }): { total: number; rows: CatalogEntry[] } {
      const { store } = deps.session.requireOpen();
      const r = store.catalog.page(normalizeText(input.search ?? ''), input.offset, input.limit);
      return { total: r.total, rows: r.rows.map(catalogEntryOf) };
    },

    get(resourceId: number): { entry: CatalogEntry; findings: Finding[] } {
      const { store } = deps.session.requireOpen();
      const entry = listedEntry(store, resourceId);
      if (!entry) throw catalogNotFound(resourceId);
      return { entry, findings: rowFindings(store, entry) };
    },

    /** Change some fields of a resource's catalog row (a new row when it has none). */
    save(resourceId: number, input: CatalogChangesInput): { entry: CatalogEntry; findings: Finding[] } {
      const s = deps.session.requireOpen();
      const store = s.store;
      const ch = normalizeCatalogChanges(input);
      return store.tx(() => {
        const row = store.catalog.get(resourceId);
        if (!row?.listed) liveResource(store, resourceId);
        const cur: Partial<CatalogFields> = row?.listed ? row.fields : {};
        const before: Record<string, unknown> = {};
        const after: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(ch) as [keyof CatalogFields, unknown][]) {
          const old = cur[k] ?? BLANK_CATALOG[k];
          if (old !== v) {
            before[k] = old;
            after[k] = v;
          }
        }
        const created = !row?.listed;
        if (created || Object.keys(after).length > 0) {
          const at = deps.now().toISOString();
          store.catalog.put({ resourceId, fields: { ...cur, ...after }, answers: row?.answers ?? {}, listed: true, updatedAt: at });
          store.audit.append({
            actor: deps.actor(s.operator),
            action: created ? 'catalog.create' : 'catalog.save',
            entity: 'catalog_entry',
            entityId: String(resourceId),
            at,
            before: created ? null : before,
            after,
          });
        }
        const entry = listedEntry(store, resourceId)!;
        return { entry, findings: rowFindings(store, entry) };
      });
    },

    /** Take the resource out of the catalog (its identification answers stay). */
    remove(resourceId: number): { removed: boolean } {
      const s = deps.session.requireOpen();
      const store = s.store;
      return store.tx(() => {
        const row = store.catalog.get(resourceId);
        if (!row?.listed) return { removed: false };
        const at = deps.now().toISOString();
        store.catalog.put({ resourceId, fields: {}, answers: row.answers, listed: false, updatedAt: at });
        store.audit.append({
          actor: deps.actor(s.operator),
          action: 'catalog.remove',
          entity: 'catalog_entry',
          entityId: String(resourceId),
          at,
          before: { dataId: row.dataId, ...row.fields },
          after: null,
        });
        return { removed: true };
      });
    },
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
