/**
 * API contract for the annual data security risk assessment (条例 art. 33, GB/T 45577): projects,
 * scope, registers, checklist, attachments, risks, heat map and the report. Pure: zod and types.
 * Stable: later changes are additive only.
 */
import { z } from 'zod';
import {
  CHECK_CONCLUSIONS, NARRATIVE_KEYS, phaseStateSchema, registerFieldSchemas, riskFieldsSchema, riskMatrixSchema, teamMemberSchema,
  type ChecklistItem, type ChecklistSummary, type HeatMap, type RegisterKind, type RegisterRecord, type ReportResult, type RiskProject,
  type RiskProjectSummary, type RiskRecord, type ScopeResource,
} from '../../domain/risk';

export type {
  ChecklistItem, ChecklistSummary, HeatMap, RegisterKind, RegisterRecord, ReportResult, RiskProject, RiskProjectSummary, RiskRecord, ScopeResource,
};

const out = <T>() => undefined as unknown as T;
const id = z.number().int().min(1);
const projectId = id;
const year = z.number().int().min(2000).max(2100);
const pathStr = z.string().min(1).max(4096);

const registerSave = <K extends RegisterKind>(kind: K) =>
  z.strictObject({
    projectId,
    kind: z.literal(kind),
    /** Absent: a new record. */
    id: id.optional(),
    fields: registerFieldSchemas[kind],
  });

/** One section of the report as the team sees it before generating (default text when the team wrote none). */
export interface ReportSectionPreview {
  key: (typeof NARRATIVE_KEYS)[number];
  title: string;
  titleEn: string;
  /** What the team wrote ('' = none). */
  narrative: string;
  /** What the report will say when narrative is ''. */
  generated: string;
}

export const riskContract = {
  /** Every assessment project of the workspace, newest year first, with counts. */
  'risk.project.list': { input: z.strictObject({}), output: out<RiskProjectSummary[]>(), activity: true },
  /**
   * Start the assessment of a year. Scope defaults to every important and core resource of the
   * catalog. With fromProjectId: copies scope, team, registers, checklist notes (not conclusions)
   * and open risks of that project. Refused with RISK_PROJECT_EXISTS when the year has one.
   */
  'risk.project.create': {
    input: z.strictObject({ year, title: z.string().max(200).optional(), fromProjectId: id.optional() }),
    output: out<RiskProject>(),
    activity: true,
  },
  /** One project (team, phases, matrix, narrative, scope count). */
  'risk.project.get': { input: z.strictObject({ projectId }), output: out<RiskProject>(), activity: true },
  /** Change title, team, phases, narrative sections (partial: only the keys given) or the project's matrix. */
  'risk.project.update': {
    input: z.strictObject({
      projectId,
      title: z.string().min(1).max(200).optional(),
      team: z.array(teamMemberSchema).max(100).optional(),
      phases: z.array(phaseStateSchema).max(5).optional(),
      narrative: z.partialRecord(z.enum(NARRATIVE_KEYS), z.string().max(20_000)).optional(),
      /** A whole matrix (checked: shape and monotone); existing risks keep their likelihood/impact and are re-rated. */
      matrix: riskMatrixSchema.optional(),
    }),
    output: out<RiskProject>(),
    activity: true,
  },
  /** Delete a project and everything in it (registers, checklist, attachments, risks). */
  'risk.project.remove': { input: z.strictObject({ projectId }), output: out<{ removed: boolean }>(), activity: true },

  /** Resources of the inventory for the scope picker: all live resources (or only inScope), searchable, paged. */
  'risk.scope.list': {
    input: z.strictObject({
      projectId,
      inScopeOnly: z.boolean().default(false),
      search: z.string().max(100).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: out<{ total: number; rows: ScopeResource[] }>(),
    activity: true,
  },
  /** Add and remove resources of the scope. */
  'risk.scope.set': {
    input: z.strictObject({ projectId, add: z.array(id).max(100_000).default([]), remove: z.array(id).max(100_000).default([]) }),
    output: out<{ scopeCount: number }>(),
    activity: true,
  },

  /** Records of one register (activity, measure, provision, crossBorder, incident, source), oldest first. */
  'risk.register.list': {
    input: z.strictObject({ projectId, kind: z.enum(['activity', 'measure', 'provision', 'crossBorder', 'incident', 'source']), resourceId: id.optional() }),
    output: out<RegisterRecord[]>(),
    activity: true,
  },
  /** Create (no id) or replace (id) one register record; resourceIds must be live resources. */
  'risk.register.save': {
    input: z.discriminatedUnion('kind', [
      registerSave('activity'),
      registerSave('measure'),
      registerSave('provision'),
      registerSave('crossBorder'),
      registerSave('incident'),
      registerSave('source'),
    ]),
    output: out<RegisterRecord>(),
    activity: true,
  },
  /** Delete one register record (risks that point to it lose the link). */
  'risk.register.remove': { input: z.strictObject({ projectId, id }), output: out<{ removed: boolean }>(), activity: true },

  /** The project's checklist: items of its pack with conclusion, notes and attachments, and a summary. */
  'risk.checklist.get': {
    input: z.strictObject({ projectId }),
    output: out<{ pack: { id: string; name: string; version: number }; items: ChecklistItem[]; summary: ChecklistSummary }>(),
    activity: true,
  },
  /** Record one item's conclusion ('' clears it) and evidence notes. */
  'risk.checklist.save': {
    input: z.strictObject({ projectId, itemId: z.string().min(1).max(40), conclusion: z.enum([...CHECK_CONCLUSIONS, '']), notes: z.string().max(5000).default('') }),
    output: out<ChecklistItem>(),
    activity: true,
  },
  /**
   * Replace the project's checklist with a pack (JSON text, format datasteward-risk-checklist/1, as
   * resources/risk/checklist.json). Conclusions of items kept by id stay; refused with
   * RISK_CHECKLIST_INVALID (details.issues) or RISK_CHECKLIST_IN_USE (a risk links a dropped item).
   */
  'risk.checklist.importPack': {
    input: z.strictObject({ projectId, json: z.string().min(2).max(2_000_000) }),
    output: out<{ pack: { id: string; name: string; version: number }; items: ChecklistItem[]; summary: ChecklistSummary }>(),
    activity: true,
  },
  /** Attach a file (read from a path on this computer) to a checklist item: stored in the workspace with its SM3; size-limited. */
  'risk.attachment.add': {
    input: z.strictObject({ projectId, itemId: z.string().min(1).max(40), path: pathStr }),
    output: out<ChecklistItem>(),
    activity: true,
  },
  /** Write an attachment back out to a file (refuses to overwrite unless overwrite). */
  'risk.attachment.save': {
    input: z.strictObject({ attachmentId: id, path: pathStr, overwrite: z.boolean().default(false) }),
    output: out<{ path: string; bytes: number }>(),
    activity: true,
  },
  'risk.attachment.remove': { input: z.strictObject({ attachmentId: id }), output: out<{ removed: boolean }>(), activity: true },

  /** Risks of the project with level (from the project's matrix) and overdue flag; ordered by level, highest first. */
  'risk.risk.list': { input: z.strictObject({ projectId }), output: out<RiskRecord[]>(), activity: true },
  /** Create (no id) or replace (id) a risk; links must exist (sources, items, resources, activities). */
  'risk.risk.save': { input: z.strictObject({ projectId, id: id.optional(), fields: riskFieldsSchema }), output: out<RiskRecord>(), activity: true },
  'risk.risk.remove': { input: z.strictObject({ projectId, id }), output: out<{ removed: boolean }>(), activity: true },
  /** Heat-map data: the matrix with the risks in each cell, counts per level, overdue count. */
  'risk.heatmap': { input: z.strictObject({ projectId }), output: out<HeatMap>(), activity: true },

  /** The narrative sections with the text the report would generate for each, to edit before generating. */
  'risk.report.preview': { input: z.strictObject({ projectId }), output: out<ReportSectionPreview[]>(), activity: true },
  /**
   * Write the report (年度数据安全风险评估报告) to path as .docx or .pdf. PDF needs Chromium (browser
   * host, CLI) or Electron: refused with PDF_UNAVAILABLE otherwise. Refuses to overwrite unless overwrite.
   */
  'risk.report.generate': {
    input: z.strictObject({ projectId, format: z.enum(['docx', 'pdf']), path: pathStr, overwrite: z.boolean().default(false), watermark: z.string().max(100).optional() }),
    output: out<ReportResult>(),
    activity: true,
  },
  /** The report of a year (CLI): its project's, or a draft on the important and core resources, marked 草稿, when the year has none. */
  'risk.report.generateForYear': {
    input: z.strictObject({ year, format: z.enum(['docx', 'pdf']), path: pathStr, overwrite: z.boolean().default(false), watermark: z.string().max(100).optional() }),
    output: out<ReportResult>(),
    activity: true,
  },
} as const;
