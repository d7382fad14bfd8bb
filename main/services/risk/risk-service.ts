/**
 * The annual data security risk assessment: projects (one per year), scope, registers, checklist
 * with evidence files, risks on the project's likelihood × impact matrix, and the report as .docx
 * or PDF. Every change is written with its audit entry in one transaction (store.tx).
 */
import fs from 'node:fs';
import path from 'node:path';
import { sm3Hex } from '../../crypto/sm3';
import { DomainError } from '../../domain/errors';
import type { CatalogFields } from '../../domain/inventory';
import {
  MAX_ATTACHMENT_BYTES, notApplicableHint, OPEN_RISK_STATUSES, REGISTER_KINDS, blankNarrative, defaultPhases, heatMap, isOverdue, parseChecklistPack, parseRiskMatrix,
  phaseStateSchema, rateRisk, registerFieldSchemas, riskFieldsSchema, RiskPackError, sanitizeFilename, summarizeChecklist, teamMemberSchema,
  type ApplicabilityFacts, type AttachmentMeta, type ChecklistItem, type ChecklistPack, type ChecklistSummary, type HeatMap, type Narrative, type NarrativeKey, type PhaseState,
  type RegisterFields, type RegisterKind, type RegisterRecord, type ReportResult, type RiskFields, type RiskMatrix, type RiskProject, type RiskProjectSummary,
  type RiskRecord, type ScopeResource, type TeamMember, NARRATIVE_KEYS, RISK_PHASES,
} from '../../domain/risk';
import { buildReport, previewNarrative, type ReportDoc, type ReportInput, type ScopeFacts } from '../../domain/risk-report';
import type { ProjectRow, RegisterRow, RiskItemRow } from '../../db/repos/risk-repo';
import type { Store } from '../../db/store';
import { wrongRole } from '../errors';
import { localDate } from '../quality-service';
import type { Session } from '../session';
import { BUILTIN_CHECKLIST, BUILTIN_RISK_MATRIX } from './packs';
import { pdfUnavailable, type HtmlToPdf } from './pdf-port';
import { reportDocx } from './report-docx';
import { reportHtml, reportPdfOptions } from './report-html';

const projectNotFound = (id: number) => new DomainError('RISK_PROJECT_NOT_FOUND', '找不到该评估项目', 'No such assessment project', { projectId: id });
const recordNotFound = (what: string, id: number) => new DomainError('RISK_RECORD_NOT_FOUND', `找不到该${what}记录`, `No such ${what} record`, { id });

function invalidLink(kind: string, ids: (number | string)[]): DomainError {
  return new DomainError(
    'RISK_INVALID_LINK',
    `关联的${kind}不存在或已删除：${ids.join('、')}`,
    `Linked ${kind} not found (or deleted): ${ids.join(', ')}`,
    { field: kind, ids },
  );
}

// ---------------------------------------------------------------- stored JSON → domain (tolerant)

function projectMatrix(row: ProjectRow): RiskMatrix {
  try {
    return parseRiskMatrix(row.matrix);
  } catch {
    return BUILTIN_RISK_MATRIX;
  }
}

function projectChecklist(row: ProjectRow): ChecklistPack {
  try {
    return parseChecklistPack(row.checklist);
  } catch {
    return BUILTIN_CHECKLIST;
  }
}

function projectTeam(row: ProjectRow): TeamMember[] {
  return Array.isArray(row.team) ? row.team.flatMap((t) => { const r = teamMemberSchema.safeParse(t); return r.success ? [r.data] : []; }) : [];
}

function projectPhases(row: ProjectRow): PhaseState[] {
  const stored = Array.isArray(row.phases) ? row.phases.flatMap((t) => { const r = phaseStateSchema.safeParse(t); return r.success ? [r.data] : []; }) : [];
  return defaultPhases().map((d) => stored.find((s) => s.phase === d.phase) ?? d);
}

function projectNarrative(row: ProjectRow): Narrative {
  const n = blankNarrative();
  const v = row.narrative && typeof row.narrative === 'object' ? (row.narrative as Record<string, unknown>) : {};
  for (const k of NARRATIVE_KEYS) if (typeof v[k] === 'string') n[k] = v[k];
  return n;
}

function registerOf(row: RegisterRow): RegisterRecord | null {
  if (!(REGISTER_KINDS as string[]).includes(row.kind)) return null;
  const kind = row.kind as RegisterKind;
  const r = registerFieldSchemas[kind].safeParse(row.fields);
  if (!r.success) return null;
  return { id: row.id, projectId: row.projectId, kind, fields: r.data, createdAt: row.createdAt, updatedAt: row.updatedAt } as RegisterRecord;
}

function riskOf(row: RiskItemRow, m: RiskMatrix, today: string): RiskRecord | null {
  const r = riskFieldsSchema.safeParse(row.fields);
  if (!r.success) return null;
  const f = r.data;
  const rate = rateRisk(m, f.likelihood, f.impact) ?? { index: 0, name: m.levels[0]!.name, nameEn: m.levels[0]!.nameEn, color: m.levels[0]!.color };
  return {
    ...f, id: row.id, projectId: row.projectId, levelIndex: rate.index, level: rate.name, levelEn: rate.nameEn, color: rate.color,
    overdue: isOverdue(f, today), createdAt: row.createdAt, updatedAt: row.updatedAt,
  };
}

export interface RiskServiceDeps {
  session: Session;
  actor: (operator: string) => string;
  now: () => Date;
  /** How PDF is printed; absent: PDF is refused with PDF_UNAVAILABLE (the .docx still works). */
  htmlToPdf?: HtmlToPdf | undefined;
  matrix?: RiskMatrix;
  checklist?: ChecklistPack;
}

export function createRiskService(deps: RiskServiceDeps) {
  const defaultMatrix = deps.matrix ?? BUILTIN_RISK_MATRIX;
  const defaultChecklist = deps.checklist ?? BUILTIN_CHECKLIST;
  const today = () => localDate(deps.now());

  function open() {
    const s = deps.session.requireOpen();
    if (s.info.role !== 'unit') throw wrongRole('填报单位');
    return s;
  }

  function projectRow(store: Store, id: number): ProjectRow {
    const p = store.risk.getProject(id);
    if (!p) throw projectNotFound(id);
    return p;
  }

  function projectView(store: Store, row: ProjectRow): RiskProject {
    const pack = projectChecklist(row);
    return {
      id: row.id, year: row.year, title: row.title, copiedFrom: row.copiedFrom, team: projectTeam(row), phases: projectPhases(row),
      matrix: projectMatrix(row), narrative: projectNarrative(row), checklistPack: { id: pack.id, name: pack.name, version: pack.version },
      scopeCount: store.risk.scopeCount(row.id), createdAt: row.createdAt, updatedAt: row.updatedAt,
    };
  }

  function audit(store: Store, operator: string, action: string, entity: string, entityId: string | number, before: unknown, after: unknown, at: string) {
    store.audit.append({ actor: deps.actor(operator), action, entity, entityId: String(entityId), at, before, after });
  }

  function checkResources(store: Store, ids: number[]) {
    const bad = ids.filter((id) => !store.risk.isLiveResource(id));
    if (bad.length > 0) throw invalidLink('数据资源 (resource)', bad);
  }

  function registers(store: Store, projectId: number): RegisterRecord[] {
    return store.risk.registers(projectId).flatMap((r) => registerOf(r) ?? []);
  }

  function risks(store: Store, row: ProjectRow): RiskRecord[] {
    const m = projectMatrix(row);
    const t = today();
    return store.risk
      .risks(row.id)
      .flatMap((r) => riskOf(r, m, t) ?? [])
      .sort((a, b) => b.levelIndex - a.levelIndex || a.id - b.id);
  }

  function checklistItems(store: Store, row: ProjectRow): ChecklistItem[] {
    const checks = new Map(store.risk.checks(row.id).map((c) => [c.itemId, c]));
    const atts = new Map<string, AttachmentMeta[]>();
    for (const a of store.risk.attachments(row.id)) {
      const list = atts.get(a.itemId) ?? [];
      list.push({ id: a.id, itemId: a.itemId, filename: a.filename, size: a.size, sm3: a.sm3, createdAt: a.createdAt });
      atts.set(a.itemId, list);
    }
    const items = projectChecklist(row).items;
    let facts: ApplicabilityFacts | undefined;
    if (items.some((it) => it.appliesTo !== 'all')) {
      const regs = store.risk.registers(row.id);
      facts = { personalInfo: store.risk.scopeHasPersonalInfo(row.id), provisions: regs.filter((r) => r.kind === 'provision').length, crossBorder: regs.filter((r) => r.kind === 'crossBorder').length };
    }
    return items.map((it) => {
      const c = checks.get(it.id);
      return {
        ...it, conclusion: (c?.conclusion ?? '') as ChecklistItem['conclusion'], notes: c?.notes ?? '', attachments: atts.get(it.id) ?? [], updatedAt: c?.updatedAt ?? null,
        notApplicableHint: facts ? notApplicableHint(it.appliesTo, facts) : null,
      };
    });
  }

  function checkMatrix(json: unknown): RiskMatrix {
    try {
      return parseRiskMatrix(json);
    } catch (e) {
      if (e instanceof RiskPackError)
        throw new DomainError('RISK_MATRIX_INVALID', `风险矩阵不正确：${e.issues.join('；')}`, `The risk matrix is invalid: ${e.issues.join('; ')}`, { issues: e.issues });
      throw e;
    }
  }

  function checkRiskFields(store: Store, row: ProjectRow, f: RiskFields) {
    const m = projectMatrix(row);
    if (f.likelihood > m.likelihood.length || f.impact > m.impact.length)
      throw new DomainError('RISK_OUT_OF_MATRIX', `可能性应为 1–${m.likelihood.length}，影响程度应为 1–${m.impact.length}`, `Likelihood must be 1–${m.likelihood.length} and impact 1–${m.impact.length}`, {
        field: f.likelihood > m.likelihood.length ? 'likelihood' : 'impact',
      });
    checkResources(store, f.resourceIds);
    const regs = new Map(store.risk.registers(row.id).map((r) => [r.id, r.kind]));
    const badSources = f.sourceIds.filter((id) => regs.get(id) !== 'source');
    if (badSources.length > 0) throw invalidLink('风险源 (risk source)', badSources);
    const badActs = f.activityIds.filter((id) => regs.get(id) !== 'activity');
    if (badActs.length > 0) throw invalidLink('数据处理活动 (activity)', badActs);
    const items = new Set(projectChecklist(row).items.map((i) => i.id));
    const badItems = f.itemIds.filter((id) => !items.has(id));
    if (badItems.length > 0) throw invalidLink('检查项 (checklist item)', badItems);
  }

  const riskWrite = (f: RiskFields, at: string) => ({ fields: f, likelihood: f.likelihood, impact: f.impact, status: f.status, deadline: f.deadline, at });

  // ---------------------------------------------------------------- the report

  function scopeFacts(store: Store, ids: number[]): ScopeFacts[] {
    return ids.flatMap((id) => {
      const e = store.inventory.get(id);
      if (!e || e.deleted || e.kind !== 'resource') return [];
      const c = store.catalog.get(id);
      return [{
        resourceId: id, dataId: e.dataId, name: e.resourceName, systemName: e.systemName, level: e.level,
        catalog: c?.listed ? (c.fields as Partial<CatalogFields>) : null, recordCount: e.recordCount, storageLocation: e.storageLocation,
      }];
    });
  }

  function reportInputOf(store: Store, row: ProjectRow, watermark?: string): ReportInput {
    const m = projectMatrix(row);
    const rs = risks(store, row);
    const t = today();
    return {
      year: row.year, draft: false, title: row.title, profile: store.profile.get().profile, team: projectTeam(row), phases: projectPhases(row), matrix: m,
      narrative: projectNarrative(row), scope: scopeFacts(store, store.risk.scopeIds(row.id)), registers: registers(store, row.id), checklist: checklistItems(store, row),
      risks: rs, heat: heatMap(m, rs, t), today: t, ...(watermark ? { watermark } : {}),
    };
  }

  function draftInput(store: Store, year: number, watermark?: string): ReportInput {
    const t = today();
    return {
      year, draft: true, title: `${year}年度数据安全风险评估`, profile: store.profile.get().profile, team: [], phases: defaultPhases(), matrix: defaultMatrix,
      narrative: blankNarrative(), scope: scopeFacts(store, store.risk.importantAndCoreIds()), registers: [],
      checklist: defaultChecklist.items.map((i) => ({ ...i, conclusion: '', notes: '', attachments: [], updatedAt: null })), risks: [], heat: heatMap(defaultMatrix, [], t),
      today: t, ...(watermark ? { watermark } : {}),
    };
  }

  async function writeReport(doc: ReportDoc, input: { format: 'docx' | 'pdf'; path: string; overwrite: boolean }, started: number): Promise<ReportResult> {
    const target = path.resolve(input.path);
    const ext = path.extname(target).toLowerCase();
    if (ext !== `.${input.format}`)
      throw new DomainError('REPORT_WRONG_EXTENSION', `文件名应以 .${input.format} 结尾`, `The file name must end in .${input.format}`, { field: 'path' });
    if (!fs.existsSync(path.dirname(target)))
      throw new DomainError('FOLDER_NOT_FOUND', `文件夹不存在：${path.dirname(target)}`, `No such folder: ${path.dirname(target)}`, { field: 'path' });
    if (!input.overwrite && fs.existsSync(target))
      throw new DomainError('FILE_EXISTS', `文件已存在：${target}`, `The file already exists: ${target}`, { field: 'path', path: target });
    let bytes: Uint8Array;
    if (input.format === 'docx') bytes = reportDocx(doc, deps.now());
    else {
      if (!deps.htmlToPdf) throw pdfUnavailable('no PDF engine in this host');
      bytes = await deps.htmlToPdf.print(reportHtml(doc), reportPdfOptions(doc));
    }
    const tmp = `${target}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(tmp, bytes);
      fs.renameSync(tmp, target);
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      throw new DomainError('WRITE_FAILED', `无法写入文件：${(e as Error).message}`, `Cannot write the file: ${(e as Error).message}`, { path: target });
    }
    return { path: target, format: input.format, bytes: bytes.byteLength, draft: doc.draft, sm3: sm3Hex(bytes), ms: Math.round(performance.now() - started) };
  }

  return {
    // ---------------------------------------------------------------- projects

    listProjects(): RiskProjectSummary[] {
      const { store } = open();
      const counts = store.risk.riskCounts(today());
      return store.risk.projects().map((p) => {
        const c = counts.get(p.id) ?? { risks: 0, open: 0, overdue: 0 };
        return {
          id: p.id, year: p.year, title: p.title, scopeCount: store.risk.scopeCount(p.id), risks: c.risks, openRisks: c.open, overdue: c.overdue,
          phasesDone: projectPhases(p).filter((x) => x.status === '已完成').length, updatedAt: p.updatedAt,
        };
      });
    },

    createProject(input: { year: number; title?: string | undefined; fromProjectId?: number | undefined }): RiskProject {
      const s = open();
      const store = s.store;
      return store.tx(() => {
        if (store.risk.projectOfYear(input.year))
          throw new DomainError('RISK_PROJECT_EXISTS', `${input.year}年度已有评估项目`, `The year ${input.year} already has an assessment project`, { field: 'year', year: input.year });
        const from = input.fromProjectId !== undefined ? projectRow(store, input.fromProjectId) : undefined;
        const at = deps.now().toISOString();
        const title = input.title?.trim() || `${input.year}年度数据安全风险评估`;
        const id = store.risk.insertProject({
          year: input.year, title, copiedFrom: from?.id ?? null, team: from ? projectTeam(from) : [], phases: defaultPhases(),
          matrix: from ? projectMatrix(from) : defaultMatrix, checklist: defaultChecklist, narrative: blankNarrative(), at,
        });
        const copied = { scope: 0, registers: 0, risks: 0, notes: 0 };
        if (from) {
          copied.scope = store.risk.scopeAdd(id, store.risk.scopeIds(from.id));
          const idMap = new Map<number, number>();
          for (const r of store.risk.registers(from.id)) {
            if (r.kind === 'incident') continue; // incidents belong to their year
            idMap.set(r.id, store.risk.insertRegister(id, r.kind, r.fields, at));
            copied.registers++;
          }
          const items = new Set(defaultChecklist.items.map((i) => i.id));
          for (const c of store.risk.checks(from.id)) {
            if (!items.has(c.itemId) || !c.notes) continue;
            store.risk.putCheck(id, c.itemId, '', c.notes, at);
            copied.notes++;
          }
          for (const r of store.risk.risks(from.id)) {
            const f = riskFieldsSchema.safeParse(r.fields);
            if (!f.success || !OPEN_RISK_STATUSES.includes(f.data.status)) continue;
            const fields: RiskFields = {
              ...f.data,
              sourceIds: f.data.sourceIds.flatMap((x) => idMap.get(x) ?? []),
              activityIds: f.data.activityIds.flatMap((x) => idMap.get(x) ?? []),
              itemIds: f.data.itemIds.filter((x) => items.has(x)),
            };
            store.risk.insertRisk(id, riskWrite(fields, at));
            copied.risks++;
          }
        } else {
          copied.scope = store.risk.scopeAdd(id, store.risk.importantAndCoreIds());
        }
        audit(store, s.operator, 'risk.project.create', 'risk_project', id, null, { year: input.year, title, fromProjectId: from?.id ?? null, copied }, at);
        return projectView(store, projectRow(store, id));
      });
    },

    getProject(projectId: number): RiskProject {
      const { store } = open();
      return projectView(store, projectRow(store, projectId));
    },

    updateProject(input: {
      projectId: number; title?: string | undefined; team?: TeamMember[] | undefined; phases?: PhaseState[] | undefined;
      narrative?: Partial<Record<NarrativeKey, string>> | undefined; matrix?: unknown;
    }): RiskProject {
      const s = open();
      const store = s.store;
      const matrix = input.matrix !== undefined ? checkMatrix(input.matrix) : undefined;
      return store.tx(() => {
        const row = projectRow(store, input.projectId);
        const cur = projectView(store, row);
        if (matrix) {
          const out = store.risk.risks(row.id).filter((r) => {
            const f = riskFieldsSchema.safeParse(r.fields);
            return f.success && (f.data.likelihood > matrix.likelihood.length || f.data.impact > matrix.impact.length);
          });
          if (out.length > 0)
            throw new DomainError('RISK_MATRIX_TOO_SMALL', `有${out.length}项风险的可能性或影响程度超出新矩阵`, `${out.length} risks are rated outside the new matrix`, { riskIds: out.map((r) => r.id) });
        }
        const phases = input.phases ? RISK_PHASES.map((ph) => input.phases!.find((p) => p.phase === ph) ?? cur.phases.find((p) => p.phase === ph)!) : cur.phases;
        const narrative = { ...cur.narrative, ...Object.fromEntries(Object.entries(input.narrative ?? {}).filter(([, v]) => v !== undefined)) } as Narrative;
        const next = { title: input.title?.trim() || cur.title, team: input.team ?? cur.team, phases, matrix: matrix ?? cur.matrix, narrative };
        const before: Record<string, unknown> = {};
        const after: Record<string, unknown> = {};
        for (const k of ['title', 'team', 'phases', 'matrix', 'narrative'] as const) {
          if (JSON.stringify(cur[k]) !== JSON.stringify(next[k])) {
            before[k] = k === 'matrix' ? { id: cur.matrix.id, version: cur.matrix.version } : cur[k];
            after[k] = k === 'matrix' ? { id: next.matrix.id, version: next.matrix.version, cells: next.matrix.cells } : next[k];
          }
        }
        if (Object.keys(after).length === 0) return cur;
        const at = deps.now().toISOString();
        store.risk.updateProject({ id: row.id, ...next, at });
        audit(store, s.operator, 'risk.project.update', 'risk_project', row.id, before, after, at);
        return projectView(store, projectRow(store, row.id));
      });
    },

    removeProject(projectId: number): { removed: boolean } {
      const s = open();
      const store = s.store;
      return store.tx(() => {
        const row = store.risk.getProject(projectId);
        if (!row) return { removed: false };
        const at = deps.now().toISOString();
        store.risk.deleteProject(projectId);
        audit(store, s.operator, 'risk.project.remove', 'risk_project', projectId, { year: row.year, title: row.title }, null, at);
        return { removed: true };
      });
    },

    // ---------------------------------------------------------------- scope

    scopeList(input: { projectId: number; inScopeOnly: boolean; search?: string | undefined; offset: number; limit: number }): { total: number; rows: ScopeResource[] } {
      const { store } = open();
      projectRow(store, input.projectId);
      return store.risk.scopePage(input.projectId, input.inScopeOnly, (input.search ?? '').trim(), input.offset, input.limit);
    },

    scopeSet(input: { projectId: number; add: number[]; remove: number[] }): { scopeCount: number } {
      const s = open();
      const store = s.store;
      return store.tx(() => {
        projectRow(store, input.projectId);
        checkResources(store, input.add);
        const added = store.risk.scopeAdd(input.projectId, input.add);
        const removed = store.risk.scopeRemove(input.projectId, input.remove);
        if (added + removed > 0) {
          const at = deps.now().toISOString();
          audit(store, s.operator, 'risk.scope.set', 'risk_project', input.projectId, null, { added: input.add, removed: input.remove }, at);
        }
        return { scopeCount: store.risk.scopeCount(input.projectId) };
      });
    },

    // ---------------------------------------------------------------- registers

    registerList(input: { projectId: number; kind: RegisterKind; resourceId?: number | undefined }): RegisterRecord[] {
      const { store } = open();
      projectRow(store, input.projectId);
      return store.risk
        .registers(input.projectId, input.kind)
        .flatMap((r) => registerOf(r) ?? [])
        .filter((r) => input.resourceId === undefined || r.fields.resourceIds.includes(input.resourceId));
    },

    registerSave(input: { projectId: number; kind: RegisterKind; id?: number | undefined; fields: RegisterFields }): RegisterRecord {
      const s = open();
      const store = s.store;
      const parsed = registerFieldSchemas[input.kind].parse(input.fields) as RegisterFields;
      return store.tx(() => {
        projectRow(store, input.projectId);
        checkResources(store, parsed.resourceIds);
        const at = deps.now().toISOString();
        let id = input.id;
        if (id === undefined) {
          id = store.risk.insertRegister(input.projectId, input.kind, parsed, at);
          audit(store, s.operator, 'risk.register.create', `risk_${input.kind}`, id, null, parsed, at);
        } else {
          const cur = store.risk.getRegister(id);
          if (!cur || cur.projectId !== input.projectId || cur.kind !== input.kind) throw recordNotFound(input.kind, id);
          store.risk.updateRegister(id, parsed, at);
          audit(store, s.operator, 'risk.register.save', `risk_${input.kind}`, id, cur.fields, parsed, at);
        }
        return registerOf(store.risk.getRegister(id)!)!;
      });
    },

    registerRemove(input: { projectId: number; id: number }): { removed: boolean } {
      const s = open();
      const store = s.store;
      return store.tx(() => {
        const cur = store.risk.getRegister(input.id);
        if (!cur || cur.projectId !== input.projectId) return { removed: false };
        const at = deps.now().toISOString();
        store.risk.deleteRegister(input.id);
        // Risks that point to it lose the link.
        for (const r of store.risk.risks(input.projectId)) {
          const f = riskFieldsSchema.safeParse(r.fields);
          if (!f.success) continue;
          if (f.data.sourceIds.includes(input.id) || f.data.activityIds.includes(input.id)) {
            const fields = { ...f.data, sourceIds: f.data.sourceIds.filter((x) => x !== input.id), activityIds: f.data.activityIds.filter((x) => x !== input.id) };
            store.risk.updateRisk(r.id, riskWrite(fields, at));
          }
        }
        audit(store, s.operator, 'risk.register.remove', `risk_${cur.kind}`, input.id, cur.fields, null, at);
        return { removed: true };
      });
    },

    // ---------------------------------------------------------------- checklist and evidence

    checklistGet(projectId: number): { pack: { id: string; name: string; version: number }; items: ChecklistItem[]; summary: ChecklistSummary } {
      const { store } = open();
      const row = projectRow(store, projectId);
      const pack = projectChecklist(row);
      const items = checklistItems(store, row);
      return { pack: { id: pack.id, name: pack.name, version: pack.version }, items, summary: summarizeChecklist(items) };
    },

    checklistSave(input: { projectId: number; itemId: string; conclusion: ChecklistItem['conclusion']; notes: string }): ChecklistItem {
      const s = open();
      const store = s.store;
      return store.tx(() => {
        const row = projectRow(store, input.projectId);
        const cur = checklistItems(store, row).find((i) => i.id === input.itemId);
        if (!cur) throw invalidLink('检查项 (checklist item)', [input.itemId]);
        const notes = input.notes.trim();
        if (cur.conclusion !== input.conclusion || cur.notes !== notes) {
          const at = deps.now().toISOString();
          store.risk.putCheck(row.id, input.itemId, input.conclusion, notes, at);
          audit(store, s.operator, 'risk.checklist.save', 'risk_check', `${row.id}:${input.itemId}`, { conclusion: cur.conclusion, notes: cur.notes }, { conclusion: input.conclusion, notes }, at);
        }
        return checklistItems(store, row).find((i) => i.id === input.itemId)!;
      });
    },

    checklistImport(input: { projectId: number; json: string }): { pack: { id: string; name: string; version: number }; items: ChecklistItem[]; summary: ChecklistSummary } {
      const s = open();
      const store = s.store;
      let pack: ChecklistPack;
      try {
        pack = parseChecklistPack(JSON.parse(input.json) as unknown);
      } catch (e) {
        const issues = e instanceof RiskPackError ? e.issues : [(e as Error).message];
        throw new DomainError('RISK_CHECKLIST_INVALID', `检查项数据包不正确：${issues.slice(0, 5).join('；')}`, `The checklist pack is invalid: ${issues.slice(0, 5).join('; ')}`, { issues });
      }
      return store.tx(() => {
        const row = projectRow(store, input.projectId);
        const before = projectChecklist(row);
        const ids = new Set(pack.items.map((i) => i.id));
        const inUse = store.risk.risks(row.id).flatMap((r) => {
          const f = riskFieldsSchema.safeParse(r.fields);
          return f.success ? f.data.itemIds.filter((id) => !ids.has(id)) : [];
        });
        if (inUse.length > 0)
          throw new DomainError('RISK_CHECKLIST_IN_USE', `风险仍关联新数据包中没有的检查项：${[...new Set(inUse)].join('、')}`, `Risks still link items the new pack drops: ${[...new Set(inUse)].join(', ')}`, { itemIds: [...new Set(inUse)] });
        const at = deps.now().toISOString();
        store.risk.updateChecklist(row.id, pack, at);
        audit(store, s.operator, 'risk.checklist.importPack', 'risk_project', row.id, { id: before.id, version: before.version, items: before.items.length }, { id: pack.id, version: pack.version, items: pack.items.length, dropped: before.items.filter((i) => !ids.has(i.id)).map((i) => i.id) }, at);
        const fresh = projectRow(store, row.id);
        const items = checklistItems(store, fresh);
        return { pack: { id: pack.id, name: pack.name, version: pack.version }, items, summary: summarizeChecklist(items) };
      });
    },

    attachmentAdd(input: { projectId: number; itemId: string; path: string }): ChecklistItem {
      const s = open();
      const store = s.store;
      const file = path.resolve(input.path);
      let st: fs.Stats;
      try {
        st = fs.statSync(file);
      } catch {
        throw new DomainError('FILE_NOT_FOUND', `找不到文件：${file}`, `No such file: ${file}`, { field: 'path' });
      }
      if (!st.isFile()) throw new DomainError('FILE_NOT_FOUND', `不是文件：${file}`, `Not a file: ${file}`, { field: 'path' });
      if (st.size > MAX_ATTACHMENT_BYTES)
        throw new DomainError('ATTACHMENT_TOO_LARGE', `附件不能超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB（该文件 ${(st.size / 1024 / 1024).toFixed(1)} MB）`, `An attachment may be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB (this file: ${(st.size / 1024 / 1024).toFixed(1)} MB)`, { field: 'path', size: st.size, max: MAX_ATTACHMENT_BYTES });
      const content = fs.readFileSync(file);
      if (content.byteLength > MAX_ATTACHMENT_BYTES) throw new DomainError('ATTACHMENT_TOO_LARGE', '附件过大', 'The attachment is too large', { field: 'path' });
      const filename = sanitizeFilename(path.basename(file));
      const digest = sm3Hex(content);
      return store.tx(() => {
        const row = projectRow(store, input.projectId);
        if (!projectChecklist(row).items.some((i) => i.id === input.itemId)) throw invalidLink('检查项 (checklist item)', [input.itemId]);
        const at = deps.now().toISOString();
        const id = store.risk.insertAttachment({ projectId: row.id, itemId: input.itemId, filename, sm3: digest, content, at });
        audit(store, s.operator, 'risk.attachment.add', 'risk_attachment', id, null, { projectId: row.id, itemId: input.itemId, filename, size: content.byteLength, sm3: digest }, at);
        return checklistItems(store, row).find((i) => i.id === input.itemId)!;
      });
    },

    attachmentSave(input: { attachmentId: number; path: string; overwrite: boolean }): { path: string; bytes: number } {
      const s = open();
      const store = s.store;
      const a = store.risk.getAttachment(input.attachmentId);
      const content = a && store.risk.attachmentContent(a.id);
      if (!a || !content) throw recordNotFound('附件 (attachment)', input.attachmentId);
      if (sm3Hex(content) !== a.sm3)
        throw new DomainError('ATTACHMENT_CORRUPT', '附件内容与登记的 SM3 摘要不一致', 'The attachment does not match its recorded SM3 digest', { attachmentId: a.id });
      let target = path.resolve(input.path);
      if (fs.existsSync(target) && fs.statSync(target).isDirectory()) target = path.join(target, a.filename);
      if (!input.overwrite && fs.existsSync(target)) throw new DomainError('FILE_EXISTS', `文件已存在：${target}`, `The file already exists: ${target}`, { field: 'path', path: target });
      try {
        fs.writeFileSync(target, content);
      } catch (e) {
        throw new DomainError('WRITE_FAILED', `无法写入文件：${(e as Error).message}`, `Cannot write the file: ${(e as Error).message}`, { path: target });
      }
      // Evidence leaving the workspace is recorded.
      store.tx(() => audit(store, s.operator, 'risk.attachment.export', 'risk_attachment', a.id, null, { filename: a.filename, sm3: a.sm3, file: path.basename(target) }, deps.now().toISOString()));
      return { path: target, bytes: content.byteLength };
    },

    attachmentRemove(attachmentId: number): { removed: boolean } {
      const s = open();
      const store = s.store;
      return store.tx(() => {
        const a = store.risk.getAttachment(attachmentId);
        if (!a) return { removed: false };
        const at = deps.now().toISOString();
        store.risk.deleteAttachment(attachmentId);
        audit(store, s.operator, 'risk.attachment.remove', 'risk_attachment', attachmentId, { projectId: a.projectId, itemId: a.itemId, filename: a.filename, sm3: a.sm3 }, null, at);
        return { removed: true };
      });
    },

    // ---------------------------------------------------------------- risks

    riskList(projectId: number): RiskRecord[] {
      const { store } = open();
      return risks(store, projectRow(store, projectId));
    },

    riskSave(input: { projectId: number; id?: number | undefined; fields: RiskFields }): RiskRecord {
      const s = open();
      const store = s.store;
      const f = riskFieldsSchema.parse(input.fields);
      return store.tx(() => {
        const row = projectRow(store, input.projectId);
        checkRiskFields(store, row, f);
        const at = deps.now().toISOString();
        let id = input.id;
        if (id === undefined) {
          id = store.risk.insertRisk(row.id, riskWrite(f, at));
          audit(store, s.operator, 'risk.risk.create', 'risk_item', id, null, f, at);
        } else {
          const cur = store.risk.getRisk(id);
          if (!cur || cur.projectId !== row.id) throw recordNotFound('风险 (risk)', id);
          store.risk.updateRisk(id, riskWrite(f, at));
          audit(store, s.operator, 'risk.risk.save', 'risk_item', id, cur.fields, f, at);
        }
        return riskOf(store.risk.getRisk(id)!, projectMatrix(row), today())!;
      });
    },

    riskRemove(input: { projectId: number; id: number }): { removed: boolean } {
      const s = open();
      const store = s.store;
      return store.tx(() => {
        const cur = store.risk.getRisk(input.id);
        if (!cur || cur.projectId !== input.projectId) return { removed: false };
        const at = deps.now().toISOString();
        store.risk.deleteRisk(input.id);
        audit(store, s.operator, 'risk.risk.remove', 'risk_item', input.id, cur.fields, null, at);
        return { removed: true };
      });
    },

    heatmap(projectId: number): HeatMap {
      const { store } = open();
      const row = projectRow(store, projectId);
      return heatMap(projectMatrix(row), risks(store, row), today());
    },

    // ---------------------------------------------------------------- report

    reportPreview(projectId: number) {
      const { store } = open();
      return previewNarrative(reportInputOf(store, projectRow(store, projectId)));
    },

    /** The report document model of a project (for tests and the benchmark). */
    reportDoc(projectId: number, watermark?: string): ReportDoc {
      const { store } = open();
      return buildReport(reportInputOf(store, projectRow(store, projectId), watermark));
    },

    async reportGenerate(input: { projectId: number; format: 'docx' | 'pdf'; path: string; overwrite: boolean; watermark?: string | undefined }): Promise<ReportResult> {
      const started = performance.now();
      const s = open();
      const doc = buildReport(reportInputOf(s.store, projectRow(s.store, input.projectId), input.watermark));
      const r = await writeReport(doc, input, started);
      const st = deps.session.requireOpen().store;
      st.tx(() => audit(st, s.operator, 'risk.report.generate', 'risk_project', input.projectId, null, { format: r.format, file: path.basename(r.path), bytes: r.bytes, sm3: r.sm3 }, deps.now().toISOString()));
      return r;
    },

    /** The report of a year: its project's, or a draft on the important and core resources when the year has none. */
    async reportForYear(input: { year: number; format: 'docx' | 'pdf'; path: string; overwrite: boolean; watermark?: string | undefined }): Promise<ReportResult> {
      const started = performance.now();
      const s = open();
      const row = s.store.risk.projectOfYear(input.year);
      const doc = buildReport(row ? reportInputOf(s.store, row, input.watermark) : draftInput(s.store, input.year, input.watermark));
      const r = await writeReport(doc, input, started);
      const st = deps.session.requireOpen().store;
      st.tx(() =>
        audit(st, s.operator, 'risk.report.generate', 'risk_project', row?.id ?? `draft-${input.year}`, null, { year: input.year, draft: !row, format: r.format, file: path.basename(r.path), bytes: r.bytes, sm3: r.sm3 }, deps.now().toISOString()),
      );
      return r;
    },
  };
}

export type RiskService = ReturnType<typeof createRiskService>;
