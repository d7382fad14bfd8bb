/**
 * 008: annual data security risk assessment (条例 art. 33, GB/T 45577).
 *  - risk_project: one per year; team, phases, the project's own copy of the matrix and of the
 *    checklist pack (so a later pack or matrix change does not rewrite a finished year), the
 *    report's narrative sections (JSON, checked by the service).
 *  - risk_scope: the inventory resources assessed (entry ids of resource rows).
 *  - risk_register: processing activities, measures, provision/entrustment, cross-border
 *    transfers, incidents and risk sources; fields as JSON per kind (checked by zod in the API).
 *  - risk_check: one checklist item's conclusion and evidence notes.
 *  - risk_attachment: evidence files, stored in the workspace with their SM3.
 *  - risk_item: the risks, rated by likelihood × impact on the project's matrix.
 * Deleting a project deletes everything in it (ON DELETE CASCADE).
 */
import type { Migration } from './types';

export const migration008: Migration = {
  version: 8,
  name: 'risk-assessment',
  up(db) {
    db.exec(`
      CREATE TABLE risk_project (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL UNIQUE CHECK (year BETWEEN 2000 AND 2100),
        title TEXT NOT NULL,
        copied_from INTEGER REFERENCES risk_project (id) ON DELETE SET NULL,
        team_json TEXT NOT NULL DEFAULT '[]',
        phases_json TEXT NOT NULL DEFAULT '[]',
        matrix_json TEXT NOT NULL,
        checklist_json TEXT NOT NULL,
        narrative_json TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE risk_scope (
        project_id INTEGER NOT NULL REFERENCES risk_project (id) ON DELETE CASCADE,
        resource_id INTEGER NOT NULL REFERENCES entry (id) ON DELETE CASCADE,
        PRIMARY KEY (project_id, resource_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE risk_register (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES risk_project (id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('activity', 'measure', 'provision', 'crossBorder', 'incident', 'source')),
        fields_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX risk_register_by_project ON risk_register (project_id, kind, id);

      CREATE TABLE risk_check (
        project_id INTEGER NOT NULL REFERENCES risk_project (id) ON DELETE CASCADE,
        item_id TEXT NOT NULL,
        conclusion TEXT NOT NULL CHECK (conclusion IN ('', '符合', '部分符合', '不符合', '不适用')),
        notes TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        PRIMARY KEY (project_id, item_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE risk_attachment (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES risk_project (id) ON DELETE CASCADE,
        item_id TEXT NOT NULL,
        filename TEXT NOT NULL,
        size INTEGER NOT NULL CHECK (size >= 0),
        sm3 TEXT NOT NULL,
        content BLOB NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX risk_attachment_by_item ON risk_attachment (project_id, item_id);

      CREATE TABLE risk_item (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES risk_project (id) ON DELETE CASCADE,
        fields_json TEXT NOT NULL,
        likelihood INTEGER NOT NULL CHECK (likelihood >= 1),
        impact INTEGER NOT NULL CHECK (impact >= 1),
        status TEXT NOT NULL,
        deadline TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX risk_item_by_project ON risk_item (project_id, id);
    `);
  },
};
