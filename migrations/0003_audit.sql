-- Onebook schema, version 3: the audit trail and the record of backups.
-- (Version 2 is the buyers migration; migrate() applies each number above the file's version, in
-- list order, so this file also applies cleanly on a version-1 file.)

-- Every sensitive act, who did it, when, on which device, with the values before and after.
-- Append-only, and hash-chained: hash = sha256(prev_hash || canonical bytes of the entry), hex,
-- where the canonical bytes are the JSON array
-- [seq, id, at, user_id, username, role, device_id, action, subject, before, after, reason]
-- and the first entry's prev_hash is 64 zeros. `onebook audit verify` recomputes the chain.
CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,        -- 1, 2, 3, ... dense
    id          TEXT NOT NULL UNIQUE,       -- UUIDv7
    at          TEXT NOT NULL,              -- UTC, RFC 3339 with microseconds
    user_id     TEXT NOT NULL,              -- no foreign key: a restored book may not know the user
    username    TEXT NOT NULL,
    role        TEXT NOT NULL,
    device_id   TEXT NOT NULL,
    action      TEXT NOT NULL,              -- price-override, negative-stock-override, user-add, backup-restore, ...
    subject     TEXT NOT NULL,              -- what it is about: a document number, a user name, a file
    before      TEXT,                       -- JSON, or NULL
    after       TEXT,                       -- JSON, or NULL
    reason      TEXT,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_log_action ON audit_log(action, subject);

-- Documents recorded before the trail existed have no entries; verify looks only at later ones.
CREATE TABLE audit_start (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    last_document_rowid INTEGER NOT NULL
);
INSERT INTO audit_start (id, last_document_rowid) SELECT 1, COALESCE(max(rowid), 0) FROM documents;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'onebook: the audit trail is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'onebook: the audit trail is append-only'); END;

-- Backups that were taken and passed their check (the newest says how old the last good one is).
CREATE TABLE backups (
    id              TEXT PRIMARY KEY,       -- UUIDv7
    taken_at        TEXT NOT NULL,
    path            TEXT NOT NULL,
    bytes           INTEGER NOT NULL,
    schema_version  INTEGER NOT NULL,
    user_id         TEXT NOT NULL
);
CREATE INDEX backups_time ON backups(taken_at);
