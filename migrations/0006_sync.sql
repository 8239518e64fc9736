-- The cloud ledger, this device's side (DESIGN.md section 7, src/sync/).

-- Where this device replicates to; absent until it is registered with a tenant.
CREATE TABLE sync_config (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    server          TEXT NOT NULL,      -- the server's URL without credentials
    login           TEXT NOT NULL,      -- this device's own PostgreSQL role
    secret          TEXT NOT NULL,
    tenant_id       TEXT NOT NULL,
    tenant_name     TEXT NOT NULL,
    registered_at   TEXT NOT NULL
);

-- This device's log: one entry per committed change (a document, a receipt of a return, a
-- catalog row, a buyer's payment, a price rule, a month or day close, a void), numbered densely from 1, written in the change's own transaction.
CREATE TABLE sync_log (
    seq         INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('doc', 'receive', 'product', 'user', 'customer', 'payment',
                                          'price_rule', 'period_close', 'day_close', 'void', 'quota', 'fx_rate')),
    payload     TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE TRIGGER sync_log_no_update BEFORE UPDATE ON sync_log
BEGIN SELECT RAISE(ABORT, 'onebook: the sync log is append-only'); END;
CREATE TRIGGER sync_log_no_delete BEFORE DELETE ON sync_log
BEGIN SELECT RAISE(ABORT, 'onebook: the sync log is append-only'); END;

-- How far the server has acknowledged this device's log, and the last outcome of a sync.
CREATE TABLE sync_state (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    pushed_seq      INTEGER NOT NULL DEFAULT 0,
    last_sync_at    TEXT,
    last_error      TEXT,
    last_error_at   TEXT
);
INSERT INTO sync_state (id) VALUES (1);

-- Per other device: the last of its entries applied here (rows past it are pulled).
CREATE TABLE sync_cursors (
    device_id   TEXT PRIMARY KEY,
    seq         INTEGER NOT NULL
) WITHOUT ROWID;

-- Last writer wins on catalog rows: the stamp (time|device) of the version held here.
CREATE TABLE sync_versions (
    entity  TEXT NOT NULL,
    key     TEXT NOT NULL,
    stamp   TEXT NOT NULL,
    PRIMARY KEY (entity, key)
) WITHOUT ROWID;

-- What merging found for the owner: a balance taken below zero by another device's movement
-- (two offline tills sold the last unit), a return received twice, a catalog row refused.
CREATE TABLE sync_conflicts (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('oversold', 'received_twice', 'catalog')),
    product_id      TEXT,
    document_id     TEXT,
    device_id       TEXT NOT NULL,
    balance_after   INTEGER,
    detail          TEXT,
    detected_at     TEXT NOT NULL
);
CREATE INDEX sync_conflicts_product ON sync_conflicts(product_id);

-- The other devices of the tenant as the server lists them (to name a till by its series prefix).
CREATE TABLE sync_peers (
    device_id       TEXT PRIMARY KEY,
    series_prefix   TEXT NOT NULL
) WITHOUT ROWID;

-- Stock a till may sell while offline (escrow): set by the owner while online, replicated, last
-- writer wins. While a till is offline it sells a product with quotas only within its own; the
-- others keep every till's unused quota out of what they sell.
CREATE TABLE stock_quotas (
    device_id   TEXT NOT NULL,
    product_id  TEXT NOT NULL REFERENCES products(id),
    qty_base    INTEGER NOT NULL CHECK (qty_base >= 0),
    set_at      TEXT NOT NULL,          -- sales from this instant count against it
    user_id     TEXT NOT NULL REFERENCES users(id),
    PRIMARY KEY (device_id, product_id)
) WITHOUT ROWID;
CREATE INDEX stock_quotas_product ON stock_quotas(product_id);
