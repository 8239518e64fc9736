-- Quotes and open wholesale orders (src/open_orders.rs). A quote prices lines for a buyer and
-- reserves nothing; an order (accepted from a quote, or placed directly) reserves each line's
-- base quantity until it is delivered (an invoice) or cancelled. Every row is append-only: what an
-- order still reserves is its lines minus its delivery and cancel events, a sum.
CREATE TABLE orders (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('quote', 'order')),
    series       TEXT NOT NULL,
    number       INTEGER NOT NULL,
    doc_no       TEXT NOT NULL UNIQUE,
    customer_id  TEXT NOT NULL REFERENCES customers(id),
    -- An order accepted from a quote names it.
    quote_id     TEXT REFERENCES orders(id),
    -- Quotes: the last local day the prices hold (YYYY-MM-DD).
    valid_until  TEXT,
    note         TEXT,
    created_at   TEXT NOT NULL,
    user_id      TEXT NOT NULL REFERENCES users(id),
    device_id    TEXT NOT NULL,
    net_minor    INTEGER NOT NULL,
    vat_minor    INTEGER NOT NULL,
    gross_minor  INTEGER NOT NULL,
    UNIQUE (series, number)
);
CREATE INDEX orders_customer ON orders (customer_id, created_at);
CREATE UNIQUE INDEX orders_quote ON orders (quote_id) WHERE quote_id IS NOT NULL;

CREATE TABLE order_lines (
    order_id       TEXT NOT NULL REFERENCES orders(id),
    line_no        INTEGER NOT NULL,
    -- The kind of the order (a quote's lines reserve nothing), kept beside the product for the
    -- availability sum.
    kind           TEXT NOT NULL CHECK (kind IN ('quote', 'order')),
    product_id     TEXT NOT NULL REFERENCES products(id),
    unit           TEXT NOT NULL,
    qty            TEXT NOT NULL,
    factor_to_base INTEGER NOT NULL,
    qty_base       INTEGER NOT NULL CHECK (qty_base > 0),
    unit_price     TEXT NOT NULL,
    price_overridden INTEGER NOT NULL DEFAULT 0,
    price_basis    TEXT,
    vat_rate       TEXT NOT NULL,
    net_minor      INTEGER NOT NULL,
    vat_minor      INTEGER NOT NULL,
    gross_minor    INTEGER NOT NULL,
    PRIMARY KEY (order_id, line_no)
);
CREATE INDEX order_lines_product ON order_lines (product_id, kind);

-- A delivery (with the invoice it posted) or a cancel (with its reason) of an order.
CREATE TABLE order_events (
    id           TEXT PRIMARY KEY,
    order_id     TEXT NOT NULL REFERENCES orders(id),
    kind         TEXT NOT NULL CHECK (kind IN ('delivered', 'cancelled')),
    document_id  TEXT REFERENCES documents(id),
    reason       TEXT,
    occurred_at  TEXT NOT NULL,
    user_id      TEXT NOT NULL REFERENCES users(id),
    device_id    TEXT NOT NULL
);
CREATE INDEX order_events_order ON order_events (order_id, occurred_at);

-- The base units an event releases of each order line (delivered or cancelled).
CREATE TABLE order_event_lines (
    event_id    TEXT NOT NULL REFERENCES order_events(id),
    line_no     INTEGER NOT NULL,
    product_id  TEXT NOT NULL REFERENCES products(id),
    qty_base    INTEGER NOT NULL CHECK (qty_base > 0),
    PRIMARY KEY (event_id, line_no)
);
CREATE INDEX order_event_lines_product ON order_event_lines (product_id);

-- Quotes, orders and their events replicate as immutable records (src/sync/mod.rs RECORDS): the
-- sync log's kinds gain `order` and `order_event`. SQLite cannot alter a CHECK, so the log is
-- rebuilt with its rows, numbers and append-only triggers as they were.
CREATE TABLE sync_log_0011 (
    seq         INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('doc', 'receive', 'product', 'user', 'customer', 'payment',
                                          'price_rule', 'period_close', 'day_close', 'void', 'quota', 'fx_rate',
                                          'order', 'order_event')),
    payload     TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
INSERT INTO sync_log_0011 (seq, kind, payload, created_at) SELECT seq, kind, payload, created_at FROM sync_log;
DROP TABLE sync_log;
ALTER TABLE sync_log_0011 RENAME TO sync_log;
CREATE TRIGGER sync_log_no_update BEFORE UPDATE ON sync_log
BEGIN SELECT RAISE(ABORT, 'onebook: the sync log is append-only'); END;
CREATE TRIGGER sync_log_no_delete BEFORE DELETE ON sync_log
BEGIN SELECT RAISE(ABORT, 'onebook: the sync log is append-only'); END;
