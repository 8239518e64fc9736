-- Automatic backups (src/backup.rs): where to, and how often while the till works. Each till
-- backs up its own file; this setting is the till's own and does not replicate.
CREATE TABLE backup_plan (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    folder      TEXT NOT NULL,
    every_hours INTEGER NOT NULL CHECK (every_hours BETWEEN 1 AND 168),
    set_at      TEXT NOT NULL,
    user_id     TEXT NOT NULL REFERENCES users(id)
);
