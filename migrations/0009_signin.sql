-- Staff sign-in (src/signin.rs): a PIN or password per user, stored as an argon2id hash (PHC
-- string); wrong attempts counted per user, and a lock for a while after too many.
ALTER TABLE users ADD COLUMN pin_hash TEXT;

CREATE TABLE sign_in_attempts (
    user_id         TEXT PRIMARY KEY REFERENCES users(id),
    failures        INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT,
    last_failure_at TEXT
) WITHOUT ROWID;
