-- Onebook schema, version 7: voids at the till, and the Z report's voids section.
-- Money is integer minor units; times UTC RFC 3339 with microseconds (text order is time order).

-- A line taken off an open sale, or a whole open sale cancelled, before payment. Nothing left the
-- shelf and no money changed hands, so there is no document and no movement: only this record of
-- who cancelled what on which till, when and why, which the day's Z report counts. Never edited.
CREATE TABLE voids (
    id              TEXT PRIMARY KEY,           -- UUIDv7
    device_id       TEXT NOT NULL,
    occurred_at     TEXT NOT NULL,
    user_id         TEXT NOT NULL REFERENCES users(id),
    scope           TEXT NOT NULL CHECK (scope IN ('line', 'sale')),
    reason          TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    gross_minor     INTEGER NOT NULL CHECK (gross_minor >= 0)  -- what the lines showed, VAT included
);
CREATE INDEX voids_device_time ON voids(device_id, occurred_at);
CREATE TABLE void_lines (
    void_id         TEXT NOT NULL REFERENCES voids(id),
    line_no         INTEGER NOT NULL,
    product_id      TEXT NOT NULL REFERENCES products(id),
    unit            TEXT NOT NULL,
    qty             TEXT NOT NULL,              -- in `unit`, exact decimal text
    qty_base        INTEGER NOT NULL CHECK (qty_base > 0),
    unit_price      TEXT NOT NULL,              -- the retail price shown, VAT included
    gross_minor     INTEGER NOT NULL CHECK (gross_minor >= 0),
    PRIMARY KEY (void_id, line_no)
);
CREATE TRIGGER voids_no_update BEFORE UPDATE ON voids
BEGIN SELECT RAISE(ABORT, 'onebook: voids are immutable'); END;
CREATE TRIGGER voids_no_delete BEFORE DELETE ON voids
BEGIN SELECT RAISE(ABORT, 'onebook: voids are immutable'); END;
CREATE TRIGGER void_lines_no_update BEFORE UPDATE ON void_lines
BEGIN SELECT RAISE(ABORT, 'onebook: voids are immutable'); END;
CREATE TRIGGER void_lines_no_delete BEFORE DELETE ON void_lines
BEGIN SELECT RAISE(ABORT, 'onebook: voids are immutable'); END;

-- The Z report keeps the voids it counted (Z reports made before this version counted none).
ALTER TABLE day_closes ADD COLUMN voids_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE day_closes ADD COLUMN voids_gross_minor INTEGER NOT NULL DEFAULT 0;
