-- user_version 10
-- application_id 1146312497
-- index sqlite_autoindex_accepted_package_1 on accepted_package (automatic)
-- index sqlite_autoindex_accepted_package_2 on accepted_package (automatic)
CREATE TABLE accepted_package (id INTEGER PRIMARY KEY, uscc TEXT NOT NULL, unit_name TEXT NOT NULL, sequence INTEGER NOT NULL CHECK (sequence >= 1), kind TEXT NOT NULL CHECK (kind IN ('initial', 'change', 'annual', 'deregistration')), digest TEXT NOT NULL UNIQUE, previous_digest TEXT, created_at TEXT NOT NULL, signer_fingerprint TEXT NOT NULL, accepted_at TEXT NOT NULL, accepted_by TEXT NOT NULL, file_sm3 TEXT NOT NULL, systems INTEGER NOT NULL, resources INTEGER NOT NULL, items INTEGER NOT NULL, catalog_entries INTEGER NOT NULL, UNIQUE (uscc, sequence)) STRICT;
CREATE TABLE audit_head (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, hash TEXT NOT NULL) STRICT;
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, seq);
CREATE TABLE audit_log (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, entity TEXT NOT NULL, entity_id TEXT, before_json TEXT, after_json TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL) STRICT;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TABLE catalog_entry (resource_id INTEGER PRIMARY KEY REFERENCES entry (id), fields_json TEXT NOT NULL, answers_json TEXT NOT NULL DEFAULT '{}', updated_at TEXT NOT NULL , listed INTEGER NOT NULL DEFAULT 1 CHECK (listed IN (0, 1))) STRICT;
-- index sqlite_autoindex_counterpart_key_1 on counterpart_key (automatic)
CREATE TABLE counterpart_key (id INTEGER PRIMARY KEY, role TEXT NOT NULL CHECK (role IN ('unit', 'bureau')), fingerprint TEXT NOT NULL UNIQUE, public_key_der BLOB NOT NULL, label TEXT NOT NULL DEFAULT '', uscc TEXT NOT NULL DEFAULT '', confirmed_at TEXT NOT NULL, confirmed_by TEXT NOT NULL, revoked_at TEXT) STRICT;
CREATE INDEX edit_batch_state ON edit_batch (undone, id);
CREATE TABLE edit_batch (id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, label TEXT NOT NULL, entry_count INTEGER NOT NULL, -- 0 can be undone, 1 undone (can be redone), 2 discarded (a later edit cleared the redo stack) undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1, 2)) , label_en TEXT NOT NULL DEFAULT '') STRICT;
CREATE TABLE edit_change (batch_id INTEGER NOT NULL REFERENCES edit_batch (id), entry_id INTEGER NOT NULL REFERENCES entry (id), before_json TEXT NOT NULL, after_json TEXT NOT NULL, PRIMARY KEY (batch_id, entry_id)) STRICT, WITHOUT ROWID;
CREATE INDEX entry_category ON entry (category_code, data_id) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX entry_data_id ON entry (data_id) WHERE deleted_at IS NULL;
CREATE INDEX entry_deleted ON entry (deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX entry_findings ON entry (data_id) WHERE deleted_at IS NULL AND finding_count > 0;
CREATE INDEX entry_grid ON entry (id, data_id, level_rank, level_state, kind, system_id, resource_id, category_code, is_pi, is_sensitive_pi, suggested_rank, finding_count) WHERE deleted_at IS NULL;
CREATE INDEX entry_item_name ON entry (item_name, data_id) WHERE deleted_at IS NULL;
CREATE INDEX entry_level ON entry (level_rank, data_id) WHERE deleted_at IS NULL;
CREATE INDEX entry_lowering ON entry (data_id) WHERE deleted_at IS NULL AND level_rank > 0 AND level_rank < suggested_rank;
CREATE INDEX entry_pi ON entry (data_id) WHERE deleted_at IS NULL AND is_pi = '是';
CREATE INDEX entry_resource ON entry (resource_id, kind, level_rank) WHERE deleted_at IS NULL;
CREATE INDEX entry_resource_name ON entry (resource_name, data_id) WHERE deleted_at IS NULL;
CREATE INDEX entry_sensitive_pi ON entry (data_id) WHERE deleted_at IS NULL AND is_sensitive_pi = '是';
CREATE INDEX entry_state ON entry (level_state, data_id) WHERE deleted_at IS NULL;
CREATE INDEX entry_tree ON entry (system_id, kind, resource_id, data_id) WHERE deleted_at IS NULL;
CREATE INDEX entry_updated ON entry (updated_at, data_id) WHERE deleted_at IS NULL;
CREATE TABLE entry (id INTEGER PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('resource', 'item')), system_id INTEGER NOT NULL REFERENCES system (id), -- an item's resource; a resource points to itself resource_id INTEGER NOT NULL REFERENCES entry (id) DEFERRABLE INITIALLY DEFERRED, data_id TEXT NOT NULL, resource_name TEXT NOT NULL, item_name TEXT NOT NULL DEFAULT '', item_code TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '', industry TEXT NOT NULL DEFAULT '', category1 TEXT NOT NULL DEFAULT '', category2 TEXT NOT NULL DEFAULT '', category3 TEXT NOT NULL DEFAULT '', category4 TEXT NOT NULL DEFAULT '', category_code TEXT NOT NULL DEFAULT '', scheme_id TEXT NOT NULL DEFAULT '', scheme_version INTEGER, processing_degree TEXT NOT NULL DEFAULT '', impact_objects TEXT NOT NULL DEFAULT '', impact_degree TEXT NOT NULL DEFAULT '', -- 参考级别: for a resource the highest of its own suggestion and its items' levels (就高从严) suggested_level TEXT NOT NULL DEFAULT '', suggested_rank INTEGER NOT NULL DEFAULT 0, -- the rank the entry's own facts give (for a resource: without its items) own_suggested_rank INTEGER NOT NULL DEFAULT 0, level TEXT NOT NULL DEFAULT '', level_source TEXT NOT NULL DEFAULT '', level_state TEXT NOT NULL DEFAULT '', level_rank INTEGER NOT NULL DEFAULT 0, rationale TEXT NOT NULL DEFAULT '', is_pi TEXT NOT NULL DEFAULT '', is_sensitive_pi TEXT NOT NULL DEFAULT '', record_count INTEGER, person_count INTEGER, data_source TEXT NOT NULL DEFAULT '', storage_location TEXT NOT NULL DEFAULT '', sharing TEXT NOT NULL DEFAULT '', openness TEXT NOT NULL DEFAULT '', update_frequency TEXT NOT NULL DEFAULT '', owner_department TEXT NOT NULL DEFAULT '', owner_person TEXT NOT NULL DEFAULT '', reviewed_at TEXT NOT NULL DEFAULT '', -- quality findings (written by the quality engine) finding_count INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT) STRICT;
CREATE TRIGGER entry_dirty_delete AFTER DELETE ON entry BEGIN INSERT OR IGNORE INTO entry_dirty (entry_id) VALUES (old.id); END;
CREATE TRIGGER entry_dirty_insert AFTER INSERT ON entry BEGIN INSERT OR IGNORE INTO entry_dirty (entry_id) VALUES (new.id); END;
CREATE TRIGGER entry_dirty_update AFTER UPDATE OF kind, system_id, resource_id, data_id, resource_name, item_name, item_code, description, industry, category1, category2, category3, category4, category_code, scheme_id, scheme_version, processing_degree, impact_objects, impact_degree, suggested_level, suggested_rank, own_suggested_rank, level, level_source, level_state, level_rank, rationale, is_pi, is_sensitive_pi, record_count, person_count, data_source, storage_location, sharing, openness, update_frequency, owner_department, owner_person, reviewed_at, created_at, updated_at, deleted_at ON entry BEGIN INSERT OR IGNORE INTO entry_dirty (entry_id) VALUES (new.id); END;
CREATE TRIGGER entry_fts_delete AFTER DELETE ON entry BEGIN DELETE FROM entry_fts WHERE rowid = old.id; END;
CREATE TRIGGER entry_fts_insert AFTER INSERT ON entry BEGIN INSERT INTO entry_fts (rowid, data_id, resource_name, item_name, item_code, description, categories) VALUES (new.id, new.data_id || char(1, 1), new.resource_name || char(1, 1), new.item_name || char(1, 1), new.item_code || char(1, 1), new.description || char(1, 1), new.category1 || ' ' || new.category2 || ' ' || new.category3 || ' ' || new.category4 || char(1, 1)); END;
CREATE TRIGGER entry_fts_update AFTER UPDATE OF data_id, resource_name, item_name, item_code, description, category1, category2, category3, category4 ON entry BEGIN DELETE FROM entry_fts WHERE rowid = old.id; INSERT INTO entry_fts (rowid, data_id, resource_name, item_name, item_code, description, categories) VALUES (new.id, new.data_id || char(1, 1), new.resource_name || char(1, 1), new.item_name || char(1, 1), new.item_code || char(1, 1), new.description || char(1, 1), new.category1 || ' ' || new.category2 || ' ' || new.category3 || ' ' || new.category4 || char(1, 1)); END;
CREATE TABLE entry_dirty (entry_id INTEGER PRIMARY KEY) STRICT;
CREATE VIRTUAL TABLE entry_fts USING fts5 (data_id, resource_name, item_name, item_code, description, categories, content = '', contentless_delete = 1, tokenize = 'trigram');
CREATE TABLE 'entry_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
CREATE TABLE 'entry_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
CREATE TABLE 'entry_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB, origin INTEGER);
CREATE TABLE 'entry_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE VIRTUAL TABLE entry_fts_terms USING fts5vocab (entry_fts, instance);
-- index sqlite_autoindex_filing_1 on filing (automatic)
CREATE TABLE filing (sequence INTEGER PRIMARY KEY CHECK (sequence >= 1), kind TEXT NOT NULL CHECK (kind IN ('initial', 'change', 'annual', 'deregistration')), digest TEXT NOT NULL UNIQUE, previous_digest TEXT, created_at TEXT NOT NULL, actor TEXT NOT NULL, signer_fingerprint TEXT NOT NULL, sealed_to TEXT, file_name TEXT NOT NULL, file_sm3 TEXT NOT NULL, file_bytes INTEGER NOT NULL, systems INTEGER NOT NULL, resources INTEGER NOT NULL, items INTEGER NOT NULL, catalog_entries INTEGER NOT NULL) STRICT;
CREATE INDEX level_history_entry ON level_history (entry_id, id);
CREATE TABLE level_history (id INTEGER PRIMARY KEY, entry_id INTEGER NOT NULL REFERENCES entry (id), at TEXT NOT NULL, actor TEXT NOT NULL, from_level TEXT NOT NULL, to_level TEXT NOT NULL, source TEXT NOT NULL, state TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '') STRICT;
CREATE TABLE recognizer_hit (entry_id INTEGER NOT NULL REFERENCES entry (id), recognizer_id TEXT NOT NULL, basis TEXT NOT NULL CHECK (basis IN ('name', 'sample')), matched INTEGER NOT NULL, total INTEGER NOT NULL, at TEXT NOT NULL, score REAL, terms_json TEXT NOT NULL DEFAULT '[]', context_json TEXT NOT NULL DEFAULT '[]', PRIMARY KEY (entry_id, recognizer_id, basis)) STRICT, WITHOUT ROWID;
CREATE TABLE recognizer_pack (slot INTEGER PRIMARY KEY CHECK (slot = 1), pack_id TEXT NOT NULL, name TEXT NOT NULL, version INTEGER NOT NULL, pack_json TEXT NOT NULL, digest TEXT NOT NULL, imported_at TEXT NOT NULL) STRICT;
CREATE UNIQUE INDEX scheme_in_use ON scheme (industry) WHERE in_use = 1;
-- index sqlite_autoindex_scheme_1 on scheme (automatic)
CREATE TABLE scheme (id TEXT PRIMARY KEY, name TEXT NOT NULL, industry TEXT NOT NULL, active_version INTEGER NOT NULL, -- 1: the scheme that grades entries of its 行业领域 (one per industry; several schemes, -- e.g. two for 卫生健康, may share an industry) in_use INTEGER NOT NULL DEFAULT 0 CHECK (in_use IN (0, 1))) STRICT;
-- index sqlite_autoindex_scheme_version_1 on scheme_version (automatic)
CREATE TABLE scheme_version (scheme_id TEXT NOT NULL REFERENCES scheme (id), version INTEGER NOT NULL, created_at TEXT NOT NULL, origin TEXT NOT NULL CHECK (origin IN ('builtin', 'import', 'edit')), definition_json TEXT NOT NULL, digest TEXT NOT NULL, PRIMARY KEY (scheme_id, version)) STRICT;
-- index sqlite_autoindex_setting_1 on setting (automatic)
CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE UNIQUE INDEX signing_key_one_current ON signing_key ((retired_at IS NULL)) WHERE retired_at IS NULL;
-- index sqlite_autoindex_signing_key_1 on signing_key (automatic)
CREATE TABLE signing_key (id INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL UNIQUE, public_key_der BLOB NOT NULL, private_key_pkcs8 BLOB NOT NULL, user_id TEXT NOT NULL, created_at TEXT NOT NULL, retired_at TEXT) STRICT;
CREATE UNIQUE INDEX system_name ON system (name) WHERE deleted_at IS NULL;
CREATE TABLE system (id INTEGER PRIMARY KEY, name TEXT NOT NULL, mlps_level TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, deleted_at TEXT) STRICT;
CREATE TABLE unit_profile (id INTEGER PRIMARY KEY CHECK (id = 1), unit_name TEXT NOT NULL DEFAULT '', uscc TEXT NOT NULL DEFAULT '', unit_type TEXT NOT NULL DEFAULT '', competent_department TEXT NOT NULL DEFAULT '', address TEXT NOT NULL DEFAULT '', officer_name TEXT NOT NULL DEFAULT '', officer_title TEXT NOT NULL DEFAULT '', officer_phone TEXT NOT NULL DEFAULT '', officer_email TEXT NOT NULL DEFAULT '', management_body TEXT NOT NULL DEFAULT '', preparer_name TEXT NOT NULL DEFAULT '', preparer_phone TEXT NOT NULL DEFAULT '', filing_kind TEXT NOT NULL DEFAULT '', filing_date TEXT NOT NULL DEFAULT '', updated_at TEXT) STRICT;
CREATE TABLE workspace (id INTEGER PRIMARY KEY CHECK (id = 1), uid TEXT NOT NULL, role TEXT NOT NULL CHECK (role IN ('unit', 'bureau')), name TEXT NOT NULL, created_at TEXT NOT NULL, created_by_app TEXT NOT NULL) STRICT;
