-- user_version 3
-- application_id 1146312497
CREATE TABLE audit_head (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, hash TEXT NOT NULL) STRICT;
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, seq);
CREATE TABLE audit_log (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, entity TEXT NOT NULL, entity_id TEXT, before_json TEXT, after_json TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL) STRICT;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
-- index sqlite_autoindex_setting_1 on setting (automatic)
CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE unit_profile (id INTEGER PRIMARY KEY CHECK (id = 1), unit_name TEXT NOT NULL DEFAULT '', uscc TEXT NOT NULL DEFAULT '', unit_type TEXT NOT NULL DEFAULT '', competent_department TEXT NOT NULL DEFAULT '', address TEXT NOT NULL DEFAULT '', officer_name TEXT NOT NULL DEFAULT '', officer_title TEXT NOT NULL DEFAULT '', officer_phone TEXT NOT NULL DEFAULT '', officer_email TEXT NOT NULL DEFAULT '', management_body TEXT NOT NULL DEFAULT '', preparer_name TEXT NOT NULL DEFAULT '', preparer_phone TEXT NOT NULL DEFAULT '', filing_kind TEXT NOT NULL DEFAULT '', filing_date TEXT NOT NULL DEFAULT '', updated_at TEXT) STRICT;
CREATE TABLE workspace (id INTEGER PRIMARY KEY CHECK (id = 1), uid TEXT NOT NULL, role TEXT NOT NULL CHECK (role IN ('unit', 'bureau')), name TEXT NOT NULL, created_at TEXT NOT NULL, created_by_app TEXT NOT NULL) STRICT;
