/**
 * The annual data security risk assessment (条例 art. 33, method of GB/T 45577-2025): projects,
 * registers, checklist conclusions, risks and the likelihood × impact matrix. Pure: types, value
 * lists and rules only (no I/O); the matrix and the checklist themselves are data (resources/risk/).
 */
import { z } from 'zod';
import { PROCESSING_METHODS } from './code-lists';

// ---------------------------------------------------------------- value lists

/** GB/T 45577 phases, in order. */
export const RISK_PHASES = ['评估准备', '信息调研', '风险识别', '风险分析与评价', '评估总结'] as const;
export type RiskPhase = (typeof RISK_PHASES)[number];
export const RISK_PHASES_EN: Record<RiskPhase, string> = {
  评估准备: 'Preparation',
  信息调研: 'Information survey',
  风险识别: 'Risk identification',
  风险分析与评价: 'Risk analysis and evaluation',
  评估总结: 'Summary',
};
export const PHASE_STATUSES = ['未开始', '进行中', '已完成'] as const;
export type PhaseStatus = (typeof PHASE_STATUSES)[number];
export const PHASE_STATUSES_EN: Record<PhaseStatus, string> = { 未开始: 'Not started', 进行中: 'In progress', 已完成: 'Done' };

/** The four areas of the checklist (GB/T 45577 risk identification). */
export const CHECK_AREAS = ['数据安全管理', '数据处理活动', '数据安全技术', '个人信息保护'] as const;
export type CheckArea = (typeof CHECK_AREAS)[number];
export const CHECK_AREAS_EN: Record<CheckArea, string> = {
  数据安全管理: 'Data security management',
  数据处理活动: 'Data processing activities',
  数据安全技术: 'Data security technology',
  个人信息保护: 'Personal information protection',
};

/** Conclusion of one checklist item ('' = not assessed yet). */
export const CHECK_CONCLUSIONS = ['符合', '部分符合', '不符合', '不适用'] as const;
export const CONCLUSION_NOT_APPLICABLE = CHECK_CONCLUSIONS[3];
export type CheckConclusion = (typeof CHECK_CONCLUSIONS)[number];
export const CHECK_CONCLUSIONS_EN: Record<CheckConclusion, string> = { 符合: 'Compliant', 部分符合: 'Partly compliant', 不符合: 'Non-compliant', 不适用: 'Not applicable' };

/** Processing activities (the eight of 数据安全法 art. 3, as in the template's 处理方式). */
export const ACTIVITY_KINDS = PROCESSING_METHODS;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const MEASURE_KINDS = [
  '加密存储', '加密传输', '数据备份', '数据标识', '访问控制', '身份鉴别', '安全审计', '数据脱敏', '数据水印', '数据防泄漏',
  '数据销毁', '安全管理制度', '人员管理', '应急处置', '其他',
] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];
export const EFFECTIVENESS = ['有效', '部分有效', '无效', '未评估'] as const;
export type Effectiveness = (typeof EFFECTIVENESS)[number];

export const PROVISION_MODES = ['提供', '委托处理', '共同处理'] as const;
export type ProvisionMode = (typeof PROVISION_MODES)[number];
export const YES_NO = ['是', '否'] as const;

/** Lawful routes for an outbound transfer (数据出境安全评估办法, 标准合同, 认证, 豁免情形). */
export const CROSS_BORDER_BASES = ['安全评估', '标准合同', '个人信息保护认证', '豁免情形', '未办理'] as const;

export const INCIDENT_SEVERITIES = ['特别重大', '重大', '较大', '一般'] as const;
export const INCIDENT_STATUSES = ['处置中', '已处置'] as const;

export const SOURCE_KINDS = ['内部人员', '外部攻击', '第三方', '技术缺陷', '管理缺陷', '环境与物理', '其他'] as const;

export const RISK_STATUSES = ['待整改', '整改中', '已整改', '已接受'] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];
/** Statuses that still need remediation (and so can be overdue). */
export const OPEN_RISK_STATUSES: readonly RiskStatus[] = ['待整改', '整改中'];

// ---------------------------------------------------------------- registers

const text = (max: number) => z.string().max(max);
const ids = z.array(z.number().int().min(1)).max(10_000);
const date = z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)]);

/** Field schemas of each register (inputs are strict: unknown keys are refused). */
export const registerFieldSchemas = {
  /** 数据处理活动: one processing activity of some resources. */
  activity: z.strictObject({
    resourceIds: ids.default([]),
    activity: z.enum(ACTIVITY_KINDS),
    purpose: text(1000).default(''),
    scope: text(1000).default(''),
    systems: text(500).default(''),
    parties: text(500).default(''),
    notes: text(2000).default(''),
  }),
  /** 安全措施: a measure and how effective the team found it. */
  measure: z.strictObject({
    resourceIds: ids.default([]),
    measure: z.enum(MEASURE_KINDS),
    description: text(2000).default(''),
    effectiveness: z.enum(EFFECTIVENESS).default('未评估'),
    notes: text(2000).default(''),
  }),
  /** 对外提供、委托处理、共同处理. */
  provision: z.strictObject({
    resourceIds: ids.default([]),
    mode: z.enum(PROVISION_MODES),
    recipient: text(300).min(1),
    purpose: text(1000).default(''),
    agreement: text(1000).default(''),
    assessed: z.enum(YES_NO).default('否'),
    assessmentNotes: text(2000).default(''),
  }),
  /** 数据出境. */
  crossBorder: z.strictObject({
    resourceIds: ids.default([]),
    recipient: text(300).min(1),
    country: text(100).default(''),
    purpose: text(1000).default(''),
    volume: text(200).default(''),
    basis: z.enum(CROSS_BORDER_BASES).default('未办理'),
    reference: text(300).default(''),
    notes: text(2000).default(''),
  }),
  /** 数据安全事件 of the year and how they were handled. */
  incident: z.strictObject({
    resourceIds: ids.default([]),
    title: text(300).min(1),
    occurredAt: date.default(''),
    severity: z.enum(INCIDENT_SEVERITIES).default('一般'),
    description: text(2000).default(''),
    handling: text(2000).default(''),
    reported: z.enum(YES_NO).default('否'),
    status: z.enum(INCIDENT_STATUSES).default('处置中'),
  }),
  /** 风险源 (the GB/T 45577 risk-source list). */
  source: z.strictObject({
    resourceIds: ids.default([]),
    name: text(300).min(1),
    kind: z.enum(SOURCE_KINDS).default('其他'),
    description: text(2000).default(''),
  }),
} as const;

export type RegisterKind = keyof typeof registerFieldSchemas;
export const REGISTER_KINDS = Object.keys(registerFieldSchemas) as RegisterKind[];
export type RegisterFields<K extends RegisterKind = RegisterKind> = z.output<(typeof registerFieldSchemas)[K]>;
export type RegisterFieldsInput<K extends RegisterKind = RegisterKind> = z.input<(typeof registerFieldSchemas)[K]>;

export interface RegisterRecord<K extends RegisterKind = RegisterKind> {
  id: number;
  projectId: number;
  kind: K;
  fields: RegisterFields<K>;
  createdAt: string;
  updatedAt: string;
}

// ---------------------------------------------------------------- risks

export const riskFieldsSchema = z.strictObject({
  title: text(300).min(1),
  description: text(2000).default(''),
  /** Weakness (脆弱性) the risk source exploits. */
  weakness: text(2000).default(''),
  sourceIds: ids.default([]),
  /** Checklist item ids (e.g. 'M-01'). */
  itemIds: z.array(z.string().min(1).max(40)).max(500).default([]),
  resourceIds: ids.default([]),
  /** Register ids of processing activities. */
  activityIds: ids.default([]),
  /** 1-based row of the matrix (likelihood) and column (impact). */
  likelihood: z.number().int().min(1).max(9),
  impact: z.number().int().min(1).max(9),
  owner: text(100).default(''),
  remediation: text(2000).default(''),
  deadline: date.default(''),
  status: z.enum(RISK_STATUSES).default('待整改'),
});
export type RiskFields = z.output<typeof riskFieldsSchema>;
export type RiskFieldsInput = z.input<typeof riskFieldsSchema>;

export interface RiskRecord extends RiskFields {
  id: number;
  projectId: number;
  /** Index into the matrix's levels (0 = lowest) and that level's names. */
  levelIndex: number;
  level: string;
  levelEn: string;
  color: string;
  /** An open risk whose remediation deadline has passed. */
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
}

// ---------------------------------------------------------------- matrix

export const riskMatrixSchema = z.strictObject({
  format: z.literal('datasteward-risk-matrix/1'),
  id: z.string().min(1).max(80),
  name: z.string().min(1).max(200),
  version: z.number().int().min(1),
  source: z.string().max(500).optional(),
  /** Rows: likelihood, lowest first (value 1…n). */
  likelihood: z.array(z.strictObject({ label: z.string().min(1).max(40), labelEn: z.string().max(60), description: z.string().max(400).default('') })).min(2).max(9),
  /** Columns: impact, lowest first (value 1…n). */
  impact: z.array(z.strictObject({ label: z.string().min(1).max(40), labelEn: z.string().max(60), description: z.string().max(400).default('') })).min(2).max(9),
  /** Risk levels, lowest first. */
  levels: z.array(z.strictObject({ name: z.string().min(1).max(20), nameEn: z.string().max(40), color: z.string().regex(/^#[0-9a-fA-F]{6}$/) })).min(2).max(9),
  /** cells[l-1][i-1] = index into levels. */
  cells: z.array(z.array(z.number().int().min(0))),
});
export type RiskMatrix = z.output<typeof riskMatrixSchema>;

export class RiskPackError extends Error {
  constructor(message: string, readonly issues: string[]) {
    super(message);
  }
}

/** Check a matrix: shape, level indexes in range, and monotone (more likely or more severe is never a lower level). */
export function parseRiskMatrix(json: unknown): RiskMatrix {
  const r = riskMatrixSchema.safeParse(json);
  if (!r.success) throw new RiskPackError('invalid risk matrix', r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const m = r.data;
  const issues: string[] = [];
  if (m.cells.length !== m.likelihood.length) issues.push(`cells: ${m.cells.length} rows, expected ${m.likelihood.length}`);
  m.cells.forEach((row, li) => {
    if (row.length !== m.impact.length) issues.push(`cells[${li}]: ${row.length} columns, expected ${m.impact.length}`);
    row.forEach((v, ii) => {
      if (v >= m.levels.length) issues.push(`cells[${li}][${ii}]: level ${v} out of range`);
      if (ii > 0 && v < row[ii - 1]!) issues.push(`cells[${li}][${ii}]: lower than the cell to its left`);
      if (li > 0 && v < (m.cells[li - 1]?.[ii] ?? 0)) issues.push(`cells[${li}][${ii}]: lower than the cell below it`);
    });
  });
  if (issues.length > 0) throw new RiskPackError('invalid risk matrix', issues);
  return m;
}

/** The level of a (likelihood, impact) pair, both 1-based; null when outside the matrix. */
export function rateRisk(m: RiskMatrix, likelihood: number, impact: number): { index: number; name: string; nameEn: string; color: string } | null {
  const idx = m.cells[likelihood - 1]?.[impact - 1];
  if (idx === undefined) return null;
  const l = m.levels[idx]!;
  return { index: idx, name: l.name, nameEn: l.nameEn, color: l.color };
}

/** Open and past its deadline (deadline and today as yyyy-mm-dd; a deadline is the last allowed day). */
export function isOverdue(r: { status: RiskStatus; deadline: string }, today: string): boolean {
  return OPEN_RISK_STATUSES.includes(r.status) && r.deadline !== '' && r.deadline < today;
}

export interface HeatMapCell {
  likelihood: number;
  impact: number;
  levelIndex: number;
  color: string;
  /** Risks rated in this cell (ids), and how many of them are open. */
  riskIds: number[];
  open: number;
}

export interface HeatMap {
  likelihood: { value: number; label: string; labelEn: string }[];
  impact: { value: number; label: string; labelEn: string }[];
  levels: { name: string; nameEn: string; color: string; count: number }[];
  /** rows[l-1][i-1]. */
  rows: HeatMapCell[][];
  overdue: number;
}

export function heatMap(m: RiskMatrix, risks: { id: number; likelihood: number; impact: number; status: RiskStatus; deadline: string }[], today: string): HeatMap {
  const rows: HeatMapCell[][] = m.cells.map((row, li) =>
    row.map((levelIndex, ii) => ({ likelihood: li + 1, impact: ii + 1, levelIndex, color: m.levels[levelIndex]!.color, riskIds: [], open: 0 })),
  );
  const counts = m.levels.map(() => 0);
  let overdue = 0;
  for (const r of risks) {
    const cell = rows[r.likelihood - 1]?.[r.impact - 1];
    if (!cell) continue;
    cell.riskIds.push(r.id);
    counts[cell.levelIndex]!++;
    if (OPEN_RISK_STATUSES.includes(r.status)) cell.open++;
    if (isOverdue(r, today)) overdue++;
  }
  return {
    likelihood: m.likelihood.map((x, i) => ({ value: i + 1, label: x.label, labelEn: x.labelEn })),
    impact: m.impact.map((x, i) => ({ value: i + 1, label: x.label, labelEn: x.labelEn })),
    levels: m.levels.map((l, i) => ({ ...l, count: counts[i]! })),
    rows,
    overdue,
  };
}

// ---------------------------------------------------------------- checklist

export const checklistPackSchema = z.strictObject({
  format: z.literal('datasteward-risk-checklist/1'),
  id: z.string().min(1).max(80),
  name: z.string().min(1).max(200),
  version: z.number().int().min(1),
  source: z.string().max(1000).optional(),
  items: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[A-Z]{1,3}-\d{2,3}$/),
        area: z.enum(CHECK_AREAS),
        title: z.string().min(1).max(200),
        titleEn: z.string().min(1).max(300),
        /** What to check (how the assessor decides). */
        requirement: z.string().min(1).max(1000),
        /** The same in English, shown when the interface is in English (the Chinese text otherwise). */
        requirementEn: z.string().min(1).max(1500).optional(),
        /** Legal or standard basis; '[M]' marks one not verified against the text. */
        basis: z.string().max(400),
        /** Inventory-driven items are only relevant when the scope has personal information, etc. */
        appliesTo: z.enum(['all', 'personal-info', 'cross-border', 'provision']).default('all'),
      }),
    )
    .min(1)
    .max(1000),
});
export type ChecklistPack = z.output<typeof checklistPackSchema>;
export type ChecklistItemDef = ChecklistPack['items'][number];

export function parseChecklistPack(json: unknown): ChecklistPack {
  const r = checklistPackSchema.safeParse(json);
  if (!r.success) throw new RiskPackError('invalid checklist pack', r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const seen = new Set<string>();
  const dup = r.data.items.filter((i) => (seen.has(i.id) ? true : (seen.add(i.id), false))).map((i) => i.id);
  if (dup.length > 0) throw new RiskPackError('invalid checklist pack', dup.map((d) => `duplicate item id ${d}`));
  return r.data;
}

export interface AttachmentMeta {
  id: number;
  itemId: string;
  filename: string;
  size: number;
  /** SM3 of the stored bytes, hex. */
  sm3: string;
  createdAt: string;
}

export interface ChecklistItem extends ChecklistItemDef {
  conclusion: CheckConclusion | '';
  notes: string;
  attachments: AttachmentMeta[];
  updatedAt: string | null;
  /** Why the item looks not applicable to this assessment (from its appliesTo and the facts), if it does. */
  notApplicableHint?: { zh: string; en: string } | null;
}

/** What decides whether an item with a limited appliesTo concerns this assessment. */
export interface ApplicabilityFacts {
  /** Some data resource in the scope, or one of its items, is marked as (sensitive) personal information. */
  personalInfo: boolean;
  /** Entries in the provision / entrustment / joint-processing register. */
  provisions: number;
  /** Entries in the cross-border transfer register. */
  crossBorder: number;
}

/**
 * Why an item looks not applicable, or null. A suggestion for the team (who may know of a transfer
 * the registers do not list yet), never a conclusion made for them.
 */
export function notApplicableHint(appliesTo: ChecklistItemDef['appliesTo'], facts: ApplicabilityFacts): { zh: string; en: string } | null {
  switch (appliesTo) {
    case 'personal-info':
      return facts.personalInfo
        ? null
        : { zh: '评估范围内的数据资源及其数据项均未标为个人信息', en: 'No data resource in the scope, nor any of its data items, is marked as personal information' };
    case 'provision':
      return facts.provisions > 0 ? null : { zh: '“提供、委托与共同处理”登记中没有记录', en: 'The register of provision, entrustment and joint processing is empty' };
    case 'cross-border':
      return facts.crossBorder > 0 ? null : { zh: '“数据出境”登记中没有记录', en: 'The register of cross-border transfers is empty' };
    default:
      return null;
  }
}

export interface ChecklistSummary {
  total: number;
  assessed: number;
  byConclusion: Record<CheckConclusion, number>;
  byArea: { area: CheckArea; total: number; assessed: number; nonCompliant: number }[];
}

export function summarizeChecklist(items: Pick<ChecklistItem, 'area' | 'conclusion'>[]): ChecklistSummary {
  const byConclusion = { 符合: 0, 部分符合: 0, 不符合: 0, 不适用: 0 } as Record<CheckConclusion, number>;
  const byArea = CHECK_AREAS.map((area) => ({ area, total: 0, assessed: 0, nonCompliant: 0 }));
  let assessed = 0;
  for (const it of items) {
    const a = byArea.find((x) => x.area === it.area)!;
    a.total++;
    if (it.conclusion) {
      assessed++;
      a.assessed++;
      byConclusion[it.conclusion]++;
      if (it.conclusion === '不符合' || it.conclusion === '部分符合') a.nonCompliant++;
    }
  }
  return { total: items.length, assessed, byConclusion, byArea };
}

/** Attachments: at most this many bytes each. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** A file name safe to store and to write back: no folders, no control or reserved characters, at most 120 characters. */
export function sanitizeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  let s = base.normalize('NFC').replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').replace(/^[.\s]+/, '').replace(/[.\s]+$/, '').trim();
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(s)) s = `_${s}`;
  if (s.length > 120) {
    const dot = s.lastIndexOf('.');
    const ext = dot > 0 && s.length - dot <= 10 ? s.slice(dot) : '';
    s = s.slice(0, 120 - ext.length) + ext;
  }
  return s || 'attachment';
}

// ---------------------------------------------------------------- project

export interface TeamMember {
  name: string;
  role: string;
  organisation: string;
}

export interface PhaseState {
  phase: RiskPhase;
  status: PhaseStatus;
  note: string;
}

/** Narrative sections of the report the team writes (and may leave empty: the report then writes a default text). */
export const NARRATIVE_KEYS = ['overview', 'method', 'processor', 'data', 'measures', 'risks', 'provision', 'crossBorder', 'other', 'conclusion'] as const;
export type NarrativeKey = (typeof NARRATIVE_KEYS)[number];
export const NARRATIVE_TITLES: Record<NarrativeKey, { zh: string; en: string }> = {
  overview: { zh: '评估概述', en: 'Overview' },
  method: { zh: '评估方法', en: 'Method' },
  processor: { zh: '数据处理者及数据安全负责人', en: 'Processor and officer' },
  data: { zh: '重要数据情况', en: 'Important data' },
  measures: { zh: '数据安全管理制度及措施', en: 'Policies and measures' },
  risks: { zh: '发现的数据安全风险及事件处置', en: 'Risks and incidents' },
  provision: { zh: '提供、委托处理、共同处理', en: 'Provision, entrustment, joint processing' },
  crossBorder: { zh: '数据出境', en: 'Cross-border transfer' },
  other: { zh: '其他需要报告的情况', en: 'Other matters' },
  conclusion: { zh: '评估结论', en: 'Conclusions' },
};
export type Narrative = Record<NarrativeKey, string>;

export interface RiskProject {
  id: number;
  year: number;
  title: string;
  /** The project it was started from (last year's), if any. */
  copiedFrom: number | null;
  team: TeamMember[];
  phases: PhaseState[];
  matrix: RiskMatrix;
  narrative: Narrative;
  checklistPack: { id: string; name: string; version: number };
  scopeCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface RiskProjectSummary {
  id: number;
  year: number;
  title: string;
  scopeCount: number;
  risks: number;
  openRisks: number;
  overdue: number;
  phasesDone: number;
  updatedAt: string;
}

/** A resource of the inventory as the assessment sees it. */
export interface ScopeResource {
  resourceId: number;
  dataId: string;
  name: string;
  systemName: string;
  level: string;
  /** 重要数据/核心数据 when in the important-data catalog, '' otherwise. */
  catalogLevel: string;
  inScope: boolean;
}

export const teamMemberSchema = z.strictObject({ name: text(100).min(1), role: text(100).default(''), organisation: text(300).default('') });
export const phaseStateSchema = z.strictObject({ phase: z.enum(RISK_PHASES), status: z.enum(PHASE_STATUSES), note: text(1000).default('') });

export function defaultPhases(): PhaseState[] {
  return RISK_PHASES.map((phase) => ({ phase, status: '未开始', note: '' }));
}

export function blankNarrative(): Narrative {
  return Object.fromEntries(NARRATIVE_KEYS.map((k) => [k, ''])) as Narrative;
}

export interface ReportResult {
  path: string;
  format: 'docx' | 'pdf';
  bytes: number;
  /** The report is on a draft (no project for the year). */
  draft: boolean;
  sm3: string;
  ms: number;
}
