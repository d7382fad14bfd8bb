/**
 * 004: the inventory (systems, sheet-2 entries for resources and items, the sheet-3 catalog),
 * classification schemes with versions, level history, undoable edit batches, recogniser counts,
 * and a trigram full-text index so that Chinese substrings are found.
 */
import type { Migration } from './types';

export const migration004: Migration = {
  version: 4,
  name: 'inventory',
  up(db) {
    db.exec(`
      CREATE TABLE scheme (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        industry TEXT NOT NULL,
        active_version INTEGER NOT NULL,
        -- 1: the scheme that grades entries of its 行业领域 (one per industry; several schemes,
        -- e.g. two for 卫生健康, may share an industry)
        in_use INTEGER NOT NULL DEFAULT 0 CHECK (in_use IN (0, 1))
      ) STRICT;
      CREATE UNIQUE INDEX scheme_in_use ON scheme (industry) WHERE in_use = 1;

      CREATE TABLE scheme_version (
        scheme_id TEXT NOT NULL REFERENCES scheme (id),
        version INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('builtin', 'import', 'edit')),
        definition_json TEXT NOT NULL,
        digest TEXT NOT NULL,
        PRIMARY KEY (scheme_id, version)
      ) STRICT;

      CREATE TABLE system (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        mlps_level TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        deleted_at TEXT
      ) STRICT;
      CREATE UNIQUE INDEX system_name ON system (name) WHERE deleted_at IS NULL;

      CREATE TABLE entry (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('resource', 'item')),
        system_id INTEGER NOT NULL REFERENCES system (id),
        -- an item's resource; a resource points to itself
        resource_id INTEGER NOT NULL REFERENCES entry (id) DEFERRABLE INITIALLY DEFERRED,
        data_id TEXT NOT NULL,
        resource_name TEXT NOT NULL,
        item_name TEXT NOT NULL DEFAULT '',
        item_code TEXT NOT NULL DEFAULT '',
        description TEXT NOT NULL DEFAULT '',
        industry TEXT NOT NULL DEFAULT '',
        category1 TEXT NOT NULL DEFAULT '',
        category2 TEXT NOT NULL DEFAULT '',
        category3 TEXT NOT NULL DEFAULT '',
        category4 TEXT NOT NULL DEFAULT '',
        category_code TEXT NOT NULL DEFAULT '',
        scheme_id TEXT NOT NULL DEFAULT '',
        scheme_version INTEGER,
        processing_degree TEXT NOT NULL DEFAULT '',
        impact_objects TEXT NOT NULL DEFAULT '',
        impact_degree TEXT NOT NULL DEFAULT '',
        -- 参考级别: for a resource the highest of its own suggestion and its items' levels (就高从严)
        suggested_level TEXT NOT NULL DEFAULT '',
        suggested_rank INTEGER NOT NULL DEFAULT 0,
        -- the rank the entry's own facts give (for a resource: without its items)
        own_suggested_rank INTEGER NOT NULL DEFAULT 0,
        level TEXT NOT NULL DEFAULT '',
        level_source TEXT NOT NULL DEFAULT '',
        level_state TEXT NOT NULL DEFAULT '',
        level_rank INTEGER NOT NULL DEFAULT 0,
        rationale TEXT NOT NULL DEFAULT '',
        is_pi TEXT NOT NULL DEFAULT '',
        is_sensitive_pi TEXT NOT NULL DEFAULT '',
        record_count INTEGER,
        person_count INTEGER,
        data_source TEXT NOT NULL DEFAULT '',
        storage_location TEXT NOT NULL DEFAULT '',
        sharing TEXT NOT NULL DEFAULT '',
        openness TEXT NOT NULL DEFAULT '',
        update_frequency TEXT NOT NULL DEFAULT '',
        owner_department TEXT NOT NULL DEFAULT '',
        owner_person TEXT NOT NULL DEFAULT '',
        reviewed_at TEXT NOT NULL DEFAULT '',
        -- quality findings (written by the quality engine)
        finding_count INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      ) STRICT;
      -- Indexes cover live rows only (the grid never mixes live and deleted rows), so counts
      -- and filters need no look-up of deleted_at. Most end in data_id, the grid's default order.
      CREATE UNIQUE INDEX entry_data_id ON entry (data_id) WHERE deleted_at IS NULL;
      CREATE INDEX entry_tree ON entry (system_id, kind, resource_id, data_id) WHERE deleted_at IS NULL;
      CREATE INDEX entry_resource ON entry (resource_id, kind, level_rank) WHERE deleted_at IS NULL;
      CREATE INDEX entry_level ON entry (level_rank, data_id) WHERE deleted_at IS NULL;
      CREATE INDEX entry_state ON entry (level_state, data_id) WHERE deleted_at IS NULL;
      CREATE INDEX entry_category ON entry (category_code, data_id) WHERE deleted_at IS NULL;
      CREATE INDEX entry_resource_name ON entry (resource_name, data_id) WHERE deleted_at IS NULL;
      CREATE INDEX entry_item_name ON entry (item_name, data_id) WHERE deleted_at IS NULL;
      CREATE INDEX entry_updated ON entry (updated_at, data_id) WHERE deleted_at IS NULL;
      CREATE INDEX entry_deleted ON entry (deleted_at) WHERE deleted_at IS NOT NULL;
      CREATE INDEX entry_pi ON entry (data_id) WHERE deleted_at IS NULL AND is_pi = '是';
      CREATE INDEX entry_sensitive_pi ON entry (data_id) WHERE deleted_at IS NULL AND is_sensitive_pi = '是';
      CREATE INDEX entry_lowering ON entry (data_id) WHERE deleted_at IS NULL AND level_rank > 0 AND level_rank < suggested_rank;
      CREATE INDEX entry_findings ON entry (data_id) WHERE deleted_at IS NULL AND finding_count > 0;
      -- Every filter column by id: a search result (a list of ids from entry_fts) is filtered,
      -- counted and ordered by data_id from this index alone, without reading the wide rows.
      CREATE INDEX entry_grid ON entry (id, data_id, level_rank, level_state, kind, system_id, resource_id, category_code,
        is_pi, is_sensitive_pi, suggested_rank, finding_count) WHERE deleted_at IS NULL;

      -- Substring search: trigrams find 3+ characters (MATCH); 1–2 characters are the prefix of a
      -- trigram, found through entry_fts_terms. Each value ends with two U+0001 so that its last
      -- characters start a trigram too.
      CREATE VIRTUAL TABLE entry_fts USING fts5 (
        data_id, resource_name, item_name, item_code, description, categories,
        content = '', contentless_delete = 1, tokenize = 'trigram'
      );
      CREATE VIRTUAL TABLE entry_fts_terms USING fts5vocab (entry_fts, instance);
      CREATE TRIGGER entry_fts_insert AFTER INSERT ON entry BEGIN
        INSERT INTO entry_fts (rowid, data_id, resource_name, item_name, item_code, description, categories)
        VALUES (new.id, new.data_id || char(1, 1), new.resource_name || char(1, 1), new.item_name || char(1, 1),
                new.item_code || char(1, 1), new.description || char(1, 1),
                new.category1 || ' ' || new.category2 || ' ' || new.category3 || ' ' || new.category4 || char(1, 1));
      END;
      CREATE TRIGGER entry_fts_update AFTER UPDATE OF data_id, resource_name, item_name, item_code, description,
          category1, category2, category3, category4 ON entry BEGIN
        DELETE FROM entry_fts WHERE rowid = old.id;
        INSERT INTO entry_fts (rowid, data_id, resource_name, item_name, item_code, description, categories)
        VALUES (new.id, new.data_id || char(1, 1), new.resource_name || char(1, 1), new.item_name || char(1, 1),
                new.item_code || char(1, 1), new.description || char(1, 1),
                new.category1 || ' ' || new.category2 || ' ' || new.category3 || ' ' || new.category4 || char(1, 1));
      END;
      CREATE TRIGGER entry_fts_delete AFTER DELETE ON entry BEGIN
        DELETE FROM entry_fts WHERE rowid = old.id;
      END;

      CREATE TABLE catalog_entry (
        resource_id INTEGER PRIMARY KEY REFERENCES entry (id),
        fields_json TEXT NOT NULL,
        answers_json TEXT NOT NULL DEFAULT '{}',
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE level_history (
        id INTEGER PRIMARY KEY,
        entry_id INTEGER NOT NULL REFERENCES entry (id),
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        from_level TEXT NOT NULL,
        to_level TEXT NOT NULL,
        source TEXT NOT NULL,
        state TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX level_history_entry ON level_history (entry_id, id);

      CREATE TABLE edit_batch (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        label TEXT NOT NULL,
        entry_count INTEGER NOT NULL,
        -- 0 can be undone, 1 undone (can be redone), 2 discarded (a later edit cleared the redo stack)
        undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1, 2))
      ) STRICT;
      CREATE INDEX edit_batch_state ON edit_batch (undone, id);
      CREATE TABLE edit_change (
        batch_id INTEGER NOT NULL REFERENCES edit_batch (id),
        entry_id INTEGER NOT NULL REFERENCES entry (id),
        before_json TEXT NOT NULL,
        after_json TEXT NOT NULL,
        PRIMARY KEY (batch_id, entry_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE recognizer_hit (
        entry_id INTEGER NOT NULL REFERENCES entry (id),
        recognizer_id TEXT NOT NULL,
        basis TEXT NOT NULL CHECK (basis IN ('name', 'sample')),
        matched INTEGER NOT NULL,
        total INTEGER NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (entry_id, recognizer_id, basis)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
