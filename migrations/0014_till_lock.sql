-- The till locks itself back to the sign-in screen after this many minutes without input
-- (src/signin.rs, lock_after_minutes); 0 never. The till's own setting: it does not replicate.
ALTER TABLE device ADD COLUMN lock_after_minutes INTEGER NOT NULL DEFAULT 5
    CHECK (lock_after_minutes BETWEEN 0 AND 240);
