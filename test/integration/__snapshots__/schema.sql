-- user_version 4
-- application_id 1146312497
CREATE TABLE audit_head (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, hash TEXT NOT NULL) STRICT;
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, seq);
CREATE TABLE audit_log (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, entity TEXT NOT NULL, entity_id TEXT, before_json TEXT, after_json TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL) STRICT;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TABLE catalog_entry (resource_id INTEGER PRIMARY KEY REFERENCES entry (id), fields_json TEXT NOT NULL, answers_json TEXT NOT NULL DEFAULT '{}', updated_at TEXT NOT NULL) STRICT;
CREATE TABLE edit_batch (id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, label TEXT NOT NULL, entry_count INTEGER NOT NULL, undone INTEGER NOT NULL DEFAULT 0) STRICT;
CREATE TABLE edit_change (batch_id INTEGER NOT NULL REFERENCES edit_batch (id), entry_id INTEGER NOT NULL REFERENCES entry (id), before_json TEXT NOT NULL, after_json TEXT NOT NULL, PRIMARY KEY (batch_id, entry_id)) STRICT, WITHOUT ROWID;
CREATE INDEX entry_category ON entry (category_code, id);
CREATE UNIQUE INDEX entry_data_id ON entry (data_id) WHERE deleted_at IS NULL;
CREATE INDEX entry_level ON entry (level_rank, id);
CREATE INDEX entry_resource ON entry (resource_id, level_rank);
CREATE INDEX entry_state ON entry (level_state, id);
CREATE INDEX entry_tree ON entry (system_id, resource_id, kind, id);
CREATE TABLE entry (id INTEGER PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('resource', 'item')), system_id INTEGER NOT NULL REFERENCES system (id), -- an item's resource; a resource points to itself resource_id INTEGER NOT NULL REFERENCES entry (id) DEFERRABLE INITIALLY DEFERRED, data_id TEXT NOT NULL, resource_name TEXT NOT NULL, item_name TEXT NOT NULL DEFAULT '', item_code TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '', industry TEXT NOT NULL DEFAULT '', category1 TEXT NOT NULL DEFAULT '', category2 TEXT NOT NULL DEFAULT '', category3 TEXT NOT NULL DEFAULT '', category4 TEXT NOT NULL DEFAULT '', category_code TEXT NOT NULL DEFAULT '', scheme_id TEXT NOT NULL DEFAULT '', scheme_version INTEGER, processing_degree TEXT NOT NULL DEFAULT '', impact_objects TEXT NOT NULL DEFAULT '', impact_degree TEXT NOT NULL DEFAULT '', suggested_level TEXT NOT NULL DEFAULT '', level TEXT NOT NULL DEFAULT '', level_source TEXT NOT NULL DEFAULT '', level_state TEXT NOT NULL DEFAULT '', level_rank INTEGER NOT NULL DEFAULT 0, rationale TEXT NOT NULL DEFAULT '', is_pi TEXT NOT NULL DEFAULT '', is_sensitive_pi TEXT NOT NULL DEFAULT '', record_count INTEGER, person_count INTEGER, data_source TEXT NOT NULL DEFAULT '', storage_location TEXT NOT NULL DEFAULT '', sharing TEXT NOT NULL DEFAULT '', openness TEXT NOT NULL DEFAULT '', update_frequency TEXT NOT NULL DEFAULT '', owner_department TEXT NOT NULL DEFAULT '', owner_person TEXT NOT NULL DEFAULT '', reviewed_at TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT) STRICT;
CREATE TRIGGER entry_fts_delete AFTER DELETE ON entry BEGIN DELETE FROM entry_fts WHERE rowid = old.id; END;
CREATE TRIGGER entry_fts_insert AFTER INSERT ON entry BEGIN INSERT INTO entry_fts (rowid, data_id, resource_name, item_name, item_code, description, categories) VALUES (new.id, new.data_id, new.resource_name, new.item_name, new.item_code, new.description, new.category1 || ' ' || new.category2 || ' ' || new.category3 || ' ' || new.category4); END;
CREATE TRIGGER entry_fts_update AFTER UPDATE OF data_id, resource_name, item_name, item_code, description, category1, category2, category3, category4 ON entry BEGIN DELETE FROM entry_fts WHERE rowid = old.id; INSERT INTO entry_fts (rowid, data_id, resource_name, item_name, item_code, description, categories) VALUES (new.id, new.data_id, new.resource_name, new.item_name, new.item_code, new.description, new.category1 || ' ' || new.category2 || ' ' || new.category3 || ' ' || new.category4); END;
CREATE VIRTUAL TABLE entry_fts USING fts5 (data_id, resource_name, item_name, item_code, description, categories, content = '', contentless_delete = 1, tokenize = 'trigram');
CREATE TABLE 'entry_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
CREATE TABLE 'entry_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
CREATE TABLE 'entry_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB, origin INTEGER);
CREATE TABLE 'entry_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE INDEX level_history_entry ON level_history (entry_id, id);
CREATE TABLE level_history (id INTEGER PRIMARY KEY, entry_id INTEGER NOT NULL REFERENCES entry (id), at TEXT NOT NULL, actor TEXT NOT NULL, from_level TEXT NOT NULL, to_level TEXT NOT NULL, source TEXT NOT NULL, state TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '') STRICT;
CREATE TABLE recognizer_hit (entry_id INTEGER NOT NULL REFERENCES entry (id), recognizer_id TEXT NOT NULL, basis TEXT NOT NULL CHECK (basis IN ('name', 'sample')), matched INTEGER NOT NULL, total INTEGER NOT NULL, at TEXT NOT NULL, PRIMARY KEY (entry_id, recognizer_id, basis)) STRICT, WITHOUT ROWID;
-- index sqlite_autoindex_scheme_1 on scheme (automatic)
CREATE TABLE scheme (id TEXT PRIMARY KEY, name TEXT NOT NULL, industry TEXT NOT NULL, active_version INTEGER NOT NULL) STRICT;
-- index sqlite_autoindex_scheme_version_1 on scheme_version (automatic)
CREATE TABLE scheme_version (scheme_id TEXT NOT NULL REFERENCES scheme (id), version INTEGER NOT NULL, created_at TEXT NOT NULL, origin TEXT NOT NULL CHECK (origin IN ('builtin', 'import', 'edit')), definition_json TEXT NOT NULL, digest TEXT NOT NULL, PRIMARY KEY (scheme_id, version)) STRICT;
-- index sqlite_autoindex_setting_1 on setting (automatic)
CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE UNIQUE INDEX system_name ON system (name) WHERE deleted_at IS NULL;
CREATE TABLE system (id INTEGER PRIMARY KEY, name TEXT NOT NULL, mlps_level TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, deleted_at TEXT) STRICT;
CREATE TABLE unit_profile (id INTEGER PRIMARY KEY CHECK (id = 1), unit_name TEXT NOT NULL DEFAULT '', uscc TEXT NOT NULL DEFAULT '', unit_type TEXT NOT NULL DEFAULT '', competent_department TEXT NOT NULL DEFAULT '', address TEXT NOT NULL DEFAULT '', officer_name TEXT NOT NULL DEFAULT '', officer_title TEXT NOT NULL DEFAULT '', officer_phone TEXT NOT NULL DEFAULT '', officer_email TEXT NOT NULL DEFAULT '', management_body TEXT NOT NULL DEFAULT '', preparer_name TEXT NOT NULL DEFAULT '', preparer_phone TEXT NOT NULL DEFAULT '', filing_kind TEXT NOT NULL DEFAULT '', filing_date TEXT NOT NULL DEFAULT '', updated_at TEXT) STRICT;
CREATE TABLE workspace (id INTEGER PRIMARY KEY CHECK (id = 1), uid TEXT NOT NULL, role TEXT NOT NULL CHECK (role IN ('unit', 'bureau')), name TEXT NOT NULL, created_at TEXT NOT NULL, created_by_app TEXT NOT NULL) STRICT;
