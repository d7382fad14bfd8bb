/**
 * The risk-assessment tables (migration 008). JSON columns are parsed here and checked by the
 * service; risk_item keeps likelihood, impact, status and deadline as columns too (for the heat
 * map and the overdue count without parsing every row).
 */
import type { Db } from '../connection';
import type { AttachmentMeta, ScopeResource } from '../../domain/risk';

export interface ProjectRow {
  id: number;
  year: number;
  title: string;
  copiedFrom: number | null;
  team: unknown;
  phases: unknown;
  matrix: unknown;
  checklist: unknown;
  narrative: unknown;
  createdAt: string;
  updatedAt: string;
}

export interface RegisterRow {
  id: number;
  projectId: number;
  kind: string;
  fields: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface CheckRow {
  itemId: string;
  conclusion: string;
  notes: string;
  updatedAt: string;
}

export interface AttachmentRow extends AttachmentMeta {
  projectId: number;
}

export interface RiskItemRow {
  id: number;
  projectId: number;
  fields: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

/** A resource row of the inventory as the scope picker needs it (inScope as SQLite gives it: 0 or 1). */
type ScopeRow = Omit<ScopeResource, 'inScope'> & { inScope: number };
const toScope = (r: ScopeRow): ScopeResource => ({ ...r, inScope: r.inScope === 1 });

const parse = (json: string): unknown => {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return null;
  }
};
const obj = (json: string): Record<string, unknown> => {
  const v = parse(json);
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
};

interface RawProject {
  id: number;
  year: number;
  title: string;
  copied_from: number | null;
  team_json: string;
  phases_json: string;
  matrix_json: string;
  checklist_json: string;
  narrative_json: string;
  created_at: string;
  updated_at: string;
}
const toProject = (r: RawProject): ProjectRow => ({
  id: r.id,
  year: r.year,
  title: r.title,
  copiedFrom: r.copied_from,
  team: parse(r.team_json),
  phases: parse(r.phases_json),
  matrix: parse(r.matrix_json),
  checklist: parse(r.checklist_json),
  narrative: parse(r.narrative_json),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

interface RawRegister {
  id: number;
  project_id: number;
  kind: string;
  fields_json: string;
  created_at: string;
  updated_at: string;
}
const toRegister = (r: RawRegister): RegisterRow => ({ id: r.id, projectId: r.project_id, kind: r.kind, fields: obj(r.fields_json), createdAt: r.created_at, updatedAt: r.updated_at });

interface RawRisk {
  id: number;
  project_id: number;
  fields_json: string;
  created_at: string;
  updated_at: string;
}
const toRisk = (r: RawRisk): RiskItemRow => ({ id: r.id, projectId: r.project_id, fields: obj(r.fields_json), createdAt: r.created_at, updatedAt: r.updated_at });

const SCOPE_COLUMNS = `e.id AS resourceId, e.data_id AS dataId, e.resource_name AS name, s.name AS systemName, e.level AS level,
  CASE WHEN c.listed = 1 THEN coalesce(json_extract(c.fields_json, '$.level'), '') ELSE '' END AS catalogLevel,
  CASE WHEN rs.resource_id IS NULL THEN 0 ELSE 1 END AS inScope`;
const SCOPE_FROM = `entry e JOIN system s ON s.id = e.system_id
  LEFT JOIN catalog_entry c ON c.resource_id = e.id
  LEFT JOIN risk_scope rs ON rs.resource_id = e.id AND rs.project_id = @projectId`;
const SCOPE_WHERE = `e.kind = 'resource' AND e.deleted_at IS NULL AND (@inScopeOnly = 0 OR rs.resource_id IS NOT NULL)
  AND (@q = '' OR instr(lower(e.resource_name), @q) > 0 OR instr(lower(e.data_id), @q) > 0 OR instr(lower(s.name), @q) > 0)`;

export function createRiskRepo(db: Db) {
  const projectCols = 'id, year, title, copied_from, team_json, phases_json, matrix_json, checklist_json, narrative_json, created_at, updated_at';
  const getProject = db.prepare<[number], RawProject>(`SELECT ${projectCols} FROM risk_project WHERE id = ?`);
  const byYear = db.prepare<[number], RawProject>(`SELECT ${projectCols} FROM risk_project WHERE year = ?`);
  const allProjects = db.prepare<[], RawProject>(`SELECT ${projectCols} FROM risk_project ORDER BY year DESC`);
  const insertProject = db.prepare(
    `INSERT INTO risk_project (year, title, copied_from, team_json, phases_json, matrix_json, checklist_json, narrative_json, created_at, updated_at)
     VALUES (@year, @title, @copiedFrom, @team, @phases, @matrix, @checklist, @narrative, @at, @at)`,
  );
  const updateProject = db.prepare(
    `UPDATE risk_project SET title = @title, team_json = @team, phases_json = @phases, matrix_json = @matrix, narrative_json = @narrative, updated_at = @at WHERE id = @id`,
  );
  const deleteProject = db.prepare('DELETE FROM risk_project WHERE id = ?');
  const updateChecklist = db.prepare('UPDATE risk_project SET checklist_json = ?, updated_at = ? WHERE id = ?');

  const scopeCount = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM risk_scope rs JOIN entry e ON e.id = rs.resource_id WHERE rs.project_id = ? AND e.deleted_at IS NULL');
  const scopeIds = db.prepare<[number], { id: number }>(
    'SELECT rs.resource_id AS id FROM risk_scope rs JOIN entry e ON e.id = rs.resource_id WHERE rs.project_id = ? AND e.deleted_at IS NULL ORDER BY e.data_id, e.id',
  );
  // A resource row's resource_id is its own id, so this covers the resources and their items.
  const scopePersonalInfo = db
    .prepare<[number], number>(
      `SELECT EXISTS (SELECT 1 FROM risk_scope rs JOIN entry e ON e.resource_id = rs.resource_id
        WHERE rs.project_id = ? AND e.deleted_at IS NULL AND (e.is_pi = '是' OR e.is_sensitive_pi = '是'))`,
    )
    .pluck();
  const scopeAdd = db.prepare('INSERT OR IGNORE INTO risk_scope (project_id, resource_id) VALUES (?, ?)');
  const scopeRemove = db.prepare('DELETE FROM risk_scope WHERE project_id = ? AND resource_id = ?');
  const scopePage = db.prepare<[{ projectId: number; inScopeOnly: number; q: string; limit: number; offset: number }], ScopeRow>(
    `SELECT ${SCOPE_COLUMNS} FROM ${SCOPE_FROM} WHERE ${SCOPE_WHERE} ORDER BY e.data_id, e.id LIMIT @limit OFFSET @offset`,
  );
  const scopeTotal = db.prepare<[{ projectId: number; inScopeOnly: number; q: string }], { n: number }>(`SELECT count(*) AS n FROM ${SCOPE_FROM} WHERE ${SCOPE_WHERE}`);
  const importantAndCore = db.prepare<[], { id: number }>(
    `SELECT e.id FROM catalog_entry c JOIN entry e ON e.id = c.resource_id
     WHERE c.listed = 1 AND e.kind = 'resource' AND e.deleted_at IS NULL
       AND (json_extract(c.fields_json, '$.level') IN ('重要数据', '核心数据') OR e.level IN ('重要数据', '核心数据'))
     UNION SELECT id FROM entry WHERE kind = 'resource' AND deleted_at IS NULL AND level IN ('重要数据', '核心数据')`,
  );
  const liveResource = db.prepare<[number], { id: number }>("SELECT id FROM entry WHERE id = ? AND kind = 'resource' AND deleted_at IS NULL");

  const registerCols = 'id, project_id, kind, fields_json, created_at, updated_at';
  const registers = db.prepare<[number, string], RawRegister>(`SELECT ${registerCols} FROM risk_register WHERE project_id = ? AND kind = ? ORDER BY id`);
  const allRegisters = db.prepare<[number], RawRegister>(`SELECT ${registerCols} FROM risk_register WHERE project_id = ? ORDER BY id`);
  const getRegister = db.prepare<[number], RawRegister>(`SELECT ${registerCols} FROM risk_register WHERE id = ?`);
  const insertRegister = db.prepare('INSERT INTO risk_register (project_id, kind, fields_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
  const updateRegister = db.prepare('UPDATE risk_register SET fields_json = ?, updated_at = ? WHERE id = ?');
  const deleteRegister = db.prepare('DELETE FROM risk_register WHERE id = ?');

  const checks = db.prepare<[number], { item_id: string; conclusion: string; notes: string; updated_at: string }>(
    'SELECT item_id, conclusion, notes, updated_at FROM risk_check WHERE project_id = ?',
  );
  const putCheck = db.prepare(
    `INSERT INTO risk_check (project_id, item_id, conclusion, notes, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (project_id, item_id) DO UPDATE SET conclusion = excluded.conclusion, notes = excluded.notes, updated_at = excluded.updated_at`,
  );

  const attCols = 'id, project_id AS projectId, item_id AS itemId, filename, size, sm3, created_at AS createdAt';
  const attachments = db.prepare<[number], AttachmentRow>(`SELECT ${attCols} FROM risk_attachment WHERE project_id = ? ORDER BY id`);
  const getAttachment = db.prepare<[number], AttachmentRow>(`SELECT ${attCols} FROM risk_attachment WHERE id = ?`);
  const attachmentContent = db.prepare<[number], { content: Buffer }>('SELECT content FROM risk_attachment WHERE id = ?');
  const insertAttachment = db.prepare('INSERT INTO risk_attachment (project_id, item_id, filename, size, sm3, content, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const deleteAttachment = db.prepare('DELETE FROM risk_attachment WHERE id = ?');

  const riskCols = 'id, project_id, fields_json, created_at, updated_at';
  const risks = db.prepare<[number], RawRisk>(`SELECT ${riskCols} FROM risk_item WHERE project_id = ? ORDER BY id`);
  const getRisk = db.prepare<[number], RawRisk>(`SELECT ${riskCols} FROM risk_item WHERE id = ?`);
  const insertRisk = db.prepare(
    'INSERT INTO risk_item (project_id, fields_json, likelihood, impact, status, deadline, created_at, updated_at) VALUES (@projectId, @fields, @likelihood, @impact, @status, @deadline, @at, @at)',
  );
  const updateRisk = db.prepare(
    'UPDATE risk_item SET fields_json = @fields, likelihood = @likelihood, impact = @impact, status = @status, deadline = @deadline, updated_at = @at WHERE id = @id',
  );
  const deleteRisk = db.prepare('DELETE FROM risk_item WHERE id = ?');
  const riskCounts = db.prepare<[{ today: string }], { project_id: number; risks: number; open: number; overdue: number }>(
    `SELECT project_id, count(*) AS risks, sum(status IN ('待整改', '整改中')) AS open,
       sum(status IN ('待整改', '整改中') AND deadline <> '' AND deadline < @today) AS overdue
     FROM risk_item GROUP BY project_id`,
  );

  type RiskWrite = { fields: Record<string, unknown>; likelihood: number; impact: number; status: string; deadline: string; at: string };
  const riskParams = (w: RiskWrite) => ({ fields: JSON.stringify(w.fields), likelihood: w.likelihood, impact: w.impact, status: w.status, deadline: w.deadline, at: w.at });

  return {
    getProject(id: number): ProjectRow | undefined {
      const r = getProject.get(id);
      return r && toProject(r);
    },
    projectOfYear(year: number): ProjectRow | undefined {
      const r = byYear.get(year);
      return r && toProject(r);
    },
    projects(): ProjectRow[] {
      return allProjects.all().map(toProject);
    },
    insertProject(p: { year: number; title: string; copiedFrom: number | null; team: unknown; phases: unknown; matrix: unknown; checklist: unknown; narrative: unknown; at: string }): number {
      const r = insertProject.run({
        year: p.year, title: p.title, copiedFrom: p.copiedFrom, team: JSON.stringify(p.team), phases: JSON.stringify(p.phases), matrix: JSON.stringify(p.matrix),
        checklist: JSON.stringify(p.checklist), narrative: JSON.stringify(p.narrative), at: p.at,
      });
      return Number(r.lastInsertRowid);
    },
    updateProject(p: { id: number; title: string; team: unknown; phases: unknown; matrix: unknown; narrative: unknown; at: string }): void {
      updateProject.run({ id: p.id, title: p.title, team: JSON.stringify(p.team), phases: JSON.stringify(p.phases), matrix: JSON.stringify(p.matrix), narrative: JSON.stringify(p.narrative), at: p.at });
    },
    updateChecklist(id: number, checklist: unknown, at: string): void {
      updateChecklist.run(JSON.stringify(checklist), at, id);
    },
    deleteProject(id: number): boolean {
      return deleteProject.run(id).changes > 0;
    },
    /** Per project: risks, open risks and open risks past their deadline. */
    riskCounts(today: string): Map<number, { risks: number; open: number; overdue: number }> {
      return new Map(riskCounts.all({ today }).map((r) => [r.project_id, { risks: r.risks, open: r.open ?? 0, overdue: r.overdue ?? 0 }]));
    },

    scopeCount(projectId: number): number {
      return scopeCount.get(projectId)!.n;
    },
    scopeIds(projectId: number): number[] {
      return scopeIds.all(projectId).map((r) => r.id);
    },
    /** Whether a live resource in the scope, or a live item of one, is marked as (sensitive) personal information. */
    scopeHasPersonalInfo(projectId: number): boolean {
      return scopePersonalInfo.get(projectId) === 1;
    },
    scopeAdd(projectId: number, resourceIds: number[]): number {
      let n = 0;
      for (const id of resourceIds) n += scopeAdd.run(projectId, id).changes;
      return n;
    },
    scopeRemove(projectId: number, resourceIds: number[]): number {
      let n = 0;
      for (const id of resourceIds) n += scopeRemove.run(projectId, id).changes;
      return n;
    },
    scopePage(projectId: number, inScopeOnly: boolean, q: string, offset: number, limit: number): { total: number; rows: ScopeResource[] } {
      const p = { projectId, inScopeOnly: inScopeOnly ? 1 : 0, q: q.toLowerCase() };
      return { total: scopeTotal.get(p)!.n, rows: scopePage.all({ ...p, offset, limit }).map(toScope) };
    },
    /** Live resources graded or catalogued as 重要数据 or 核心数据. */
    importantAndCoreIds(): number[] {
      return importantAndCore.all().map((r) => r.id);
    },
    isLiveResource(id: number): boolean {
      return liveResource.get(id) !== undefined;
    },

    registers(projectId: number, kind?: string): RegisterRow[] {
      return (kind ? registers.all(projectId, kind) : allRegisters.all(projectId)).map(toRegister);
    },
    getRegister(id: number): RegisterRow | undefined {
      const r = getRegister.get(id);
      return r && toRegister(r);
    },
    insertRegister(projectId: number, kind: string, fields: unknown, at: string): number {
      return Number(insertRegister.run(projectId, kind, JSON.stringify(fields), at, at).lastInsertRowid);
    },
    updateRegister(id: number, fields: unknown, at: string): void {
      updateRegister.run(JSON.stringify(fields), at, id);
    },
    deleteRegister(id: number): boolean {
      return deleteRegister.run(id).changes > 0;
    },

    checks(projectId: number): CheckRow[] {
      return checks.all(projectId).map((r) => ({ itemId: r.item_id, conclusion: r.conclusion, notes: r.notes, updatedAt: r.updated_at }));
    },
    putCheck(projectId: number, itemId: string, conclusion: string, notes: string, at: string): void {
      putCheck.run(projectId, itemId, conclusion, notes, at);
    },

    attachments(projectId: number): AttachmentRow[] {
      return attachments.all(projectId);
    },
    getAttachment(id: number): AttachmentRow | undefined {
      return getAttachment.get(id);
    },
    attachmentContent(id: number): Buffer | undefined {
      return attachmentContent.get(id)?.content;
    },
    insertAttachment(a: { projectId: number; itemId: string; filename: string; sm3: string; content: Uint8Array; at: string }): number {
      return Number(insertAttachment.run(a.projectId, a.itemId, a.filename, a.content.byteLength, a.sm3, a.content, a.at).lastInsertRowid);
    },
    deleteAttachment(id: number): boolean {
      return deleteAttachment.run(id).changes > 0;
    },

    risks(projectId: number): RiskItemRow[] {
      return risks.all(projectId).map(toRisk);
    },
    getRisk(id: number): RiskItemRow | undefined {
      const r = getRisk.get(id);
      return r && toRisk(r);
    },
    insertRisk(projectId: number, w: RiskWrite): number {
      return Number(insertRisk.run({ projectId, ...riskParams(w) }).lastInsertRowid);
    },
    updateRisk(id: number, w: RiskWrite): void {
      updateRisk.run({ id, ...riskParams(w) });
    },
    deleteRisk(id: number): boolean {
      return deleteRisk.run(id).changes > 0;
    },
  };
}

export type RiskRepo = ReturnType<typeof createRiskRepo>;
