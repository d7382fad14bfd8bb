/**
 * The change report of a change filing (变更报送): what changed since the last filed package, in
 * data/change-report.json (canonical JSON; schema: docs/package-schema/change-report.schema.json)
 * and as text for a person in data/变更说明.txt. Entries and catalog rows are matched by 数据编号,
 * systems by name; a changed row lists each field with its value before and after; a level raised
 * or lowered is listed again with the 定级理由 it carries now. Pure.
 */
import { z } from 'zod';
import { compareLevels } from '../levels';
import { SHEET1_LABELS, SHEET2_COLUMNS, SHEET3_COLUMNS } from '../sheets/layout';
import { FILING_KIND_LABELS, type FilingKindCode } from './constants';
import { EMPTY_CATALOG_FIELDS, ENTRY_RULES, type PackageCatalogEntry, type PackageEntry } from './schema';

export const CHANGE_REPORT_FORMAT = 'datasteward-change-report/1';
export const PAYLOAD_CHANGE_REPORT = 'data/change-report.json';
export const PAYLOAD_CHANGE_TEXT = 'data/变更说明.txt';

/** Profile fields that change with every package and are not a change of the unit. */
const PROFILE_IGNORED = new Set(['filingKind', 'filingDate']);

/** The state a change is computed from (what data/profile.json, inventory.json and catalog.json hold). */
export interface FiledState {
  profile: Record<string, unknown>;
  systems: readonly { name: string; mlpsLevel: string }[];
  entries: readonly PackageEntry[];
  catalog: readonly PackageCatalogEntry[];
}

const value = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const fieldChange = z.strictObject({ field: z.string().max(100), label: z.string().max(100), before: value, after: value });
const entryRef = z.strictObject({
  kind: z.enum(['resource', 'item']),
  dataId: z.string().max(100),
  resourceDataId: z.string().max(100),
  name: z.string().max(400),
  level: z.string().max(20),
});
const catalogRef = z.strictObject({ dataId: z.string().max(100), name: z.string().max(200), level: z.string().max(20) });
const systemRef = z.strictObject({ name: z.string().max(200), mlpsLevel: z.string().max(20) });

export const changeReportSchema = z.strictObject({
  format: z.literal(CHANGE_REPORT_FORMAT),
  /** The filed package this report is computed against. */
  previous: z.strictObject({ sequence: z.number().int().min(1), digest: z.string().regex(/^[0-9a-f]{64}$/), kind: z.string().max(20), createdAt: z.string().max(40) }),
  summary: z.strictObject({
    profileFields: z.number().int().min(0),
    systemsAdded: z.number().int().min(0),
    systemsRemoved: z.number().int().min(0),
    systemsChanged: z.number().int().min(0),
    entriesAdded: z.number().int().min(0),
    entriesRemoved: z.number().int().min(0),
    entriesChanged: z.number().int().min(0),
    levelsRaised: z.number().int().min(0),
    levelsLowered: z.number().int().min(0),
    catalogAdded: z.number().int().min(0),
    catalogRemoved: z.number().int().min(0),
    catalogChanged: z.number().int().min(0),
  }),
  profile: z.array(fieldChange).max(100),
  systems: z.strictObject({
    added: z.array(systemRef).max(100_000),
    removed: z.array(systemRef).max(100_000),
    changed: z.array(z.strictObject({ name: z.string().max(200), changes: z.array(fieldChange).max(10) })).max(100_000),
  }),
  entries: z.strictObject({
    added: z.array(entryRef).max(2_000_000),
    removed: z.array(entryRef).max(2_000_000),
    changed: z.array(entryRef.extend({ changes: z.array(fieldChange).max(100) })).max(2_000_000),
  }),
  /** Level raises and lowerings (also among entries.changed), with the 定级理由 as filed now. */
  levels: z
    .array(
      z.strictObject({
        kind: z.enum(['resource', 'item']),
        dataId: z.string().max(100),
        name: z.string().max(400),
        before: z.string().max(20),
        after: z.string().max(20),
        direction: z.enum(['raised', 'lowered']),
        rationale: z.string().max(2000),
      }),
    )
    .max(2_000_000),
  catalog: z.strictObject({
    added: z.array(catalogRef).max(1_000_000),
    removed: z.array(catalogRef).max(1_000_000),
    changed: z.array(catalogRef.extend({ changes: z.array(fieldChange).max(100) })).max(1_000_000),
  }),
});
export type ChangeReport = z.infer<typeof changeReportSchema>;
type FieldChange = z.infer<typeof fieldChange>;
type Value = z.infer<typeof value>;

const ENTRY_LABELS = new Map<string, string>(SHEET2_COLUMNS.map((c) => [c.key as string, c.header]));
ENTRY_LABELS.set('suggestedLevel', '参考级别');
ENTRY_LABELS.set('levelSource', '定级来源');
ENTRY_LABELS.set('levelState', '定级状态');
ENTRY_LABELS.set('resourceDataId', '所属数据资源编号');
const CATALOG_LABELS = new Map<string, string>(SHEET3_COLUMNS.map((c) => [c.key as string, c.header]));
CATALOG_LABELS.set('inventoryLevel', '清单中的级别');
const PROFILE_LABELS = new Map<string, string>(SHEET1_LABELS.map((l) => [l.key as string, l.label]));

const nameOf = (e: PackageEntry) => (e.kind === 'item' ? `${e.resourceName} / ${e.itemName}` : e.resourceName);
const refOf = (e: PackageEntry) => ({ kind: e.kind, dataId: e.dataId, resourceDataId: e.resourceDataId, name: nameOf(e), level: e.level });
const catRefOf = (c: PackageCatalogEntry) => ({ dataId: c.dataId, name: c.name, level: c.level });

function norm(v: unknown): Value {
  if (v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null) return v;
  return JSON.stringify(v);
}

/** The fields of a sheet-2 row and of a sheet-3 row (the schemas are closed: every row has exactly these). */
const ENTRY_KEYS = Object.keys(ENTRY_RULES).sort();
const CATALOG_KEYS = ['dataId', 'inventoryLevel', ...Object.keys(EMPTY_CATALOG_FIELDS)].sort();

/** Field-by-field differences of two rows (the given keys, or the keys of both, sorted). */
function diffFields(before: Record<string, unknown>, after: Record<string, unknown>, labels: Map<string, string>, skip?: Set<string>, fixedKeys?: readonly string[]): FieldChange[] {
  const keys = fixedKeys ?? [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  let same = true;
  for (const k of keys) {
    if (before[k] !== after[k]) {
      same = false;
      break;
    }
  }
  if (same) return [];
  const out: FieldChange[] = [];
  for (const k of keys) {
    if (skip?.has(k)) continue;
    const a = norm(before[k]);
    const b = norm(after[k]);
    if (a !== b) out.push({ field: k, label: labels.get(k) ?? k, before: a, after: b });
  }
  return out;
}

const byId = <T extends { dataId: string }>(rows: readonly T[]) => new Map(rows.map((r) => [r.dataId, r] as const));
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function computeChangeReport(
  previous: { sequence: number; digest: string; kind: FilingKindCode; createdAt: string; state: FiledState },
  current: FiledState,
): ChangeReport {
  const prev = previous.state;
  const profile = diffFields(prev.profile, current.profile, PROFILE_LABELS, PROFILE_IGNORED);

  const prevSystems = new Map(prev.systems.map((s) => [s.name, s] as const));
  const curSystems = new Map(current.systems.map((s) => [s.name, s] as const));
  const systems = {
    added: current.systems.filter((s) => !prevSystems.has(s.name)).map((s) => ({ name: s.name, mlpsLevel: s.mlpsLevel })),
    removed: prev.systems.filter((s) => !curSystems.has(s.name)).map((s) => ({ name: s.name, mlpsLevel: s.mlpsLevel })),
    changed: current.systems
      .filter((s) => prevSystems.has(s.name) && prevSystems.get(s.name)!.mlpsLevel !== s.mlpsLevel)
      .map((s) => ({ name: s.name, changes: [{ field: 'mlpsLevel', label: '网络安全等级保护级别', before: prevSystems.get(s.name)!.mlpsLevel, after: s.mlpsLevel }] })),
  };

  const prevEntries = byId(prev.entries);
  const curEntries = byId(current.entries);
  const entries: ChangeReport['entries'] = { added: [], removed: [], changed: [] };
  const levels: ChangeReport['levels'] = [];
  for (const e of current.entries) {
    const before = prevEntries.get(e.dataId);
    if (!before) {
      entries.added.push(refOf(e));
      continue;
    }
    const changes = diffFields(before as unknown as Record<string, unknown>, e as unknown as Record<string, unknown>, ENTRY_LABELS, undefined, ENTRY_KEYS);
    if (changes.length > 0) entries.changed.push({ ...refOf(e), changes });
    if (before.level !== e.level && before.level !== '' && e.level !== '') {
      const c = compareLevels(e.level, before.level);
      if (c !== 0) levels.push({ kind: e.kind, dataId: e.dataId, name: nameOf(e), before: before.level, after: e.level, direction: c > 0 ? 'raised' : 'lowered', rationale: e.rationale });
    }
  }
  for (const e of prev.entries) if (!curEntries.has(e.dataId)) entries.removed.push(refOf(e));

  const prevCatalog = byId(prev.catalog);
  const curCatalog = byId(current.catalog);
  const catalog: ChangeReport['catalog'] = { added: [], removed: [], changed: [] };
  for (const c of current.catalog) {
    const before = prevCatalog.get(c.dataId);
    if (!before) catalog.added.push(catRefOf(c));
    else {
      const changes = diffFields(before as unknown as Record<string, unknown>, c as unknown as Record<string, unknown>, CATALOG_LABELS, undefined, CATALOG_KEYS);
      if (changes.length > 0) catalog.changed.push({ ...catRefOf(c), changes });
    }
  }
  for (const c of prev.catalog) if (!curCatalog.has(c.dataId)) catalog.removed.push(catRefOf(c));
  for (const list of [entries.added, entries.removed, entries.changed, catalog.added, catalog.removed, catalog.changed, levels]) list.sort((a, b) => cmp(a.dataId, b.dataId));

  return {
    format: CHANGE_REPORT_FORMAT,
    previous: { sequence: previous.sequence, digest: previous.digest, kind: previous.kind, createdAt: previous.createdAt },
    summary: {
      profileFields: profile.length,
      systemsAdded: systems.added.length,
      systemsRemoved: systems.removed.length,
      systemsChanged: systems.changed.length,
      entriesAdded: entries.added.length,
      entriesRemoved: entries.removed.length,
      entriesChanged: entries.changed.length,
      levelsRaised: levels.filter((l) => l.direction === 'raised').length,
      levelsLowered: levels.filter((l) => l.direction === 'lowered').length,
      catalogAdded: catalog.added.length,
      catalogRemoved: catalog.removed.length,
      catalogChanged: catalog.changed.length,
    },
    profile,
    systems,
    entries,
    levels,
    catalog,
  };
}

const show = (v: Value) => (v === null || v === '' ? '（空）' : String(v));
const KIND_ZH = { resource: '数据资源', item: '数据项' } as const;

/** data/变更说明.txt: the report for a person (UTF-8, LF line ends). */
export function changeReportText(r: ChangeReport, current: { sequence: number; unitName: string; uscc: string }): string {
  const s = r.summary;
  const lines: string[] = [
    `变更说明（第 ${current.sequence} 号备案包，变更报送）`,
    `填报单位：${current.unitName}（${current.uscc}）`,
    `对比基准：第 ${r.previous.sequence} 号备案包（${FILING_KIND_LABELS[r.previous.kind as FilingKindCode]?.zh ?? r.previous.kind}，${r.previous.createdAt}），SM3 摘要 ${r.previous.digest}`,
    '',
    '一、汇总',
    `单位信息变更字段：${s.profileFields}`,
    `信息系统：新增 ${s.systemsAdded}，删除 ${s.systemsRemoved}，变更 ${s.systemsChanged}`,
    `清单条目（数据资源与数据项）：新增 ${s.entriesAdded}，删除 ${s.entriesRemoved}，变更 ${s.entriesChanged}`,
    `级别：升级 ${s.levelsRaised}，降级 ${s.levelsLowered}`,
    `重要数据目录：新增 ${s.catalogAdded}，删除 ${s.catalogRemoved}，变更 ${s.catalogChanged}`,
  ];
  const changeLines = (changes: readonly FieldChange[]) => changes.map((c) => `    ${c.label}：${show(c.before)} → ${show(c.after)}`);
  const section = (title: string, body: string[]) => {
    lines.push('', title);
    if (body.length === 0) lines.push('  无');
    else lines.push(...body);
  };
  section('二、单位信息', changeLines(r.profile));
  section('三、信息系统', [
    ...r.systems.added.map((x) => `  新增：${x.name}（等保 ${show(x.mlpsLevel)}）`),
    ...r.systems.removed.map((x) => `  删除：${x.name}`),
    ...r.systems.changed.flatMap((x) => [`  变更：${x.name}`, ...changeLines(x.changes)]),
  ]);
  section('四、级别升降（含定级理由）', r.levels.map((l) => `  ${l.direction === 'raised' ? '升级' : '降级'}：${KIND_ZH[l.kind]} ${l.dataId} ${l.name}：${l.before} → ${l.after}；定级理由：${l.rationale || '（未填写）'}`));
  section('五、清单条目', [
    ...r.entries.added.map((e) => `  新增${KIND_ZH[e.kind]}：${e.dataId} ${e.name}（${show(e.level)}）`),
    ...r.entries.removed.map((e) => `  删除${KIND_ZH[e.kind]}：${e.dataId} ${e.name}（${show(e.level)}）`),
    ...r.entries.changed.flatMap((e) => [`  变更${KIND_ZH[e.kind]}：${e.dataId} ${e.name}`, ...changeLines(e.changes)]),
  ]);
  section('六、重要数据目录', [
    ...r.catalog.added.map((c) => `  新增：${c.dataId} ${c.name}（${show(c.level)}）`),
    ...r.catalog.removed.map((c) => `  删除：${c.dataId} ${c.name}（${show(c.level)}）`),
    ...r.catalog.changed.flatMap((c) => [`  变更：${c.dataId} ${c.name}`, ...changeLines(c.changes)]),
  ]);
  return lines.join('\n') + '\n';
}

/** The published JSON Schemas of the optional payload files (docs/package-schema/). */
export function changeReportJsonSchema(): unknown {
  return { $id: 'https://datasteward.invalid/schema/package/v1/change-report.schema.json', ...z.toJSONSchema(changeReportSchema, { target: 'draft-2020-12' }) };
}
