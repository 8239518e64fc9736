-- Onebook ledger schema, version 1.
-- Money on documents is stored as integer minor units (exact SUMs in SQL);
-- unit prices as decimal text; unit costs as integer ten-thousandths of the
-- currency unit per base unit (cost_e4), so quantity x cost sums stay exact.
-- Times are UTC, RFC 3339 with microseconds, so text order is time order.

CREATE TABLE shop (
    id                      INTEGER PRIMARY KEY CHECK (id = 1),
    name                    TEXT NOT NULL,
    tax_number              TEXT,
    currency                TEXT NOT NULL,
    minor_units             INTEGER NOT NULL CHECK (minor_units BETWEEN 0 AND 4),
    vat_default             TEXT NOT NULL,
    time_zone               TEXT NOT NULL,
    retail_reserve_default  INTEGER NOT NULL DEFAULT 0 CHECK (retail_reserve_default >= 0),
    locale                  TEXT NOT NULL DEFAULT 'en',
    created_at              TEXT NOT NULL
);

-- This database's identity as a replicating device (DESIGN.md section 7).
CREATE TABLE device (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    device_id       TEXT NOT NULL,
    series_prefix   TEXT NOT NULL,
    next_seq        INTEGER NOT NULL DEFAULT 1,  -- dense numbering of this device's ledger rows
    last_occurred_at TEXT                        -- no document may be dated before this
);

CREATE TABLE users (
    id          TEXT PRIMARY KEY,
    username    TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('owner', 'cashier', 'accountant', 'warehouse')),
    locale      TEXT NOT NULL DEFAULT 'en',
    active      INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL
);

CREATE TABLE products (
    id              TEXT PRIMARY KEY,
    sku             TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    base_unit       TEXT NOT NULL,
    vat_rate        TEXT NOT NULL,              -- percent, e.g. '5'
    retail_reserve  INTEGER CHECK (retail_reserve IS NULL OR retail_reserve >= 0), -- NULL: shop default
    allow_negative  INTEGER NOT NULL DEFAULT 0,
    category        TEXT,
    avg_cost_e4     INTEGER NOT NULL DEFAULT 0, -- moving average cost per base unit
    version         INTEGER NOT NULL DEFAULT 1,
    updated_at      TEXT NOT NULL
);

CREATE TABLE product_units (
    product_id      TEXT NOT NULL REFERENCES products(id),
    unit            TEXT NOT NULL,
    factor_to_base  INTEGER NOT NULL CHECK (factor_to_base > 0),
    PRIMARY KEY (product_id, unit)
) WITHOUT ROWID;

CREATE TABLE barcodes (
    code        TEXT PRIMARY KEY,
    product_id  TEXT NOT NULL,
    unit        TEXT NOT NULL,
    FOREIGN KEY (product_id, unit) REFERENCES product_units(product_id, unit)
) WITHOUT ROWID;
CREATE INDEX barcodes_product ON barcodes(product_id);

CREATE TABLE price_lists (
    code            TEXT PRIMARY KEY,
    vat_included    INTEGER NOT NULL
);
INSERT INTO price_lists (code, vat_included) VALUES ('retail', 1), ('wholesale', 0);

CREATE TABLE prices (
    price_list  TEXT NOT NULL REFERENCES price_lists(code),
    product_id  TEXT NOT NULL,
    unit        TEXT NOT NULL,
    price       TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (price_list, product_id, unit),
    FOREIGN KEY (product_id, unit) REFERENCES product_units(product_id, unit)
) WITHOUT ROWID;

-- Wholesale buyers. price_tier and credit_limit are there for the buyers issue.
CREATE TABLE customers (
    id                  TEXT PRIMARY KEY,
    code                TEXT NOT NULL UNIQUE,
    name                TEXT NOT NULL,
    tax_number          TEXT,
    payment_terms_days  INTEGER NOT NULL DEFAULT 0 CHECK (payment_terms_days >= 0),
    price_tier          TEXT,
    credit_limit        TEXT,
    locale              TEXT,
    created_at          TEXT NOT NULL
);

CREATE TABLE locations (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
);
INSERT INTO locations (code, name) VALUES ('main', 'Main');

CREATE TABLE stock_balances (
    product_id  TEXT NOT NULL REFERENCES products(id),
    location    TEXT NOT NULL REFERENCES locations(code),
    qty_base    INTEGER NOT NULL,
    PRIMARY KEY (product_id, location)
) WITHOUT ROWID;

-- Gapless numbering: one row per series, bumped inside the document's transaction.
CREATE TABLE series (
    series      TEXT PRIMARY KEY,
    last_number INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE documents (
    id              TEXT PRIMARY KEY,           -- UUIDv7
    kind            TEXT NOT NULL CHECK (kind IN ('sale', 'invoice', 'retail_return',
                        'wholesale_return', 'receipt', 'count')),
    series          TEXT NOT NULL,
    number          INTEGER NOT NULL,
    doc_no          TEXT NOT NULL UNIQUE,
    status          TEXT NOT NULL DEFAULT 'committed' CHECK (status IN ('committed', 'to_receive', 'received')),
    customer_id     TEXT REFERENCES customers(id),
    ref_document_id TEXT REFERENCES documents(id),
    restock         INTEGER,                    -- returns: 1 back to stock, 0 written off
    supplier        TEXT,
    note            TEXT,
    override_reason TEXT,                       -- negative-stock override by the owner
    occurred_at     TEXT NOT NULL,
    due_at          TEXT,
    received_at     TEXT,
    received_by     TEXT REFERENCES users(id),
    user_id         TEXT NOT NULL REFERENCES users(id),
    device_id       TEXT NOT NULL,
    net_minor       INTEGER NOT NULL DEFAULT 0,
    vat_minor       INTEGER NOT NULL DEFAULT 0,
    gross_minor     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (series, number)
);
CREATE INDEX documents_kind_time ON documents(kind, occurred_at);
CREATE INDEX documents_time ON documents(occurred_at);
CREATE INDEX documents_ref ON documents(ref_document_id);

CREATE TABLE document_lines (
    document_id     TEXT NOT NULL REFERENCES documents(id),
    line_no         INTEGER NOT NULL,
    kind            TEXT NOT NULL,              -- copy of the document's kind, for reports
    occurred_at     TEXT NOT NULL,              -- copy of the document's time, for reports
    product_id      TEXT NOT NULL REFERENCES products(id),
    unit            TEXT NOT NULL,
    qty             TEXT NOT NULL,              -- as entered, in `unit`
    factor_to_base  INTEGER NOT NULL,
    qty_base        INTEGER NOT NULL,           -- positive; direction comes from the kind
    unit_price      TEXT,
    price_overridden INTEGER NOT NULL DEFAULT 0,
    vat_included    INTEGER,
    vat_rate        TEXT NOT NULL DEFAULT '0',
    net_minor       INTEGER NOT NULL DEFAULT 0,
    vat_minor       INTEGER NOT NULL DEFAULT 0,
    gross_minor     INTEGER NOT NULL DEFAULT 0,
    unit_cost_e4    INTEGER,                    -- receipts: cost per base unit
    ref_line_no     INTEGER,                    -- returns: the line returned
    counted_base    INTEGER,                    -- counts: the counted balance
    PRIMARY KEY (document_id, line_no)
) WITHOUT ROWID;
-- Covering index of the month report: its sums never touch the table.
CREATE INDEX document_lines_report ON document_lines(kind, occurred_at, net_minor, vat_minor, qty_base, vat_rate);

CREATE TABLE payments (
    document_id     TEXT NOT NULL REFERENCES documents(id),
    seq             INTEGER NOT NULL,
    method          TEXT NOT NULL CHECK (method IN ('cash', 'card', 'ewallet', 'bank', 'cheque')),
    amount_minor    INTEGER NOT NULL,           -- tendered
    change_minor    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (document_id, seq)
) WITHOUT ROWID;

-- The stock ledger: append-only movements in base units.
CREATE TABLE movements (
    id              TEXT PRIMARY KEY,           -- UUIDv7
    device_id       TEXT NOT NULL,
    device_seq      INTEGER NOT NULL,           -- dense per device
    product_id      TEXT NOT NULL REFERENCES products(id),
    location        TEXT NOT NULL REFERENCES locations(code),
    qty_base        INTEGER NOT NULL CHECK (qty_base <> 0),
    kind            TEXT NOT NULL CHECK (kind IN ('sale', 'invoice', 'retail_return',
                        'wholesale_return', 'receipt', 'adjustment', 'transfer')),
    document_id     TEXT NOT NULL REFERENCES documents(id),
    line_no         INTEGER NOT NULL,
    unit_cost_e4    INTEGER NOT NULL,           -- cost per base unit of this movement
    avg_cost_after_e4 INTEGER NOT NULL,         -- the product's moving average after it
    balance_after   INTEGER NOT NULL,
    occurred_at     TEXT NOT NULL,
    user_id         TEXT NOT NULL REFERENCES users(id),
    UNIQUE (device_id, device_seq)
);
CREATE INDEX movements_product_time ON movements(product_id, occurred_at);
CREATE INDEX movements_report ON movements(kind, occurred_at, qty_base, unit_cost_e4);
CREATE INDEX movements_document ON movements(document_id);

-- Committed documents and the ledger are immutable.
CREATE TRIGGER movements_no_update BEFORE UPDATE ON movements
BEGIN SELECT RAISE(ABORT, 'onebook: movements are append-only'); END;
CREATE TRIGGER movements_no_delete BEFORE DELETE ON movements
BEGIN SELECT RAISE(ABORT, 'onebook: movements are append-only'); END;
CREATE TRIGGER document_lines_no_update BEFORE UPDATE ON document_lines
BEGIN SELECT RAISE(ABORT, 'onebook: committed documents are immutable'); END;
CREATE TRIGGER document_lines_no_delete BEFORE DELETE ON document_lines
BEGIN SELECT RAISE(ABORT, 'onebook: committed documents are immutable'); END;
CREATE TRIGGER payments_no_update BEFORE UPDATE ON payments
BEGIN SELECT RAISE(ABORT, 'onebook: committed documents are immutable'); END;
CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments
BEGIN SELECT RAISE(ABORT, 'onebook: committed documents are immutable'); END;
CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
BEGIN SELECT RAISE(ABORT, 'onebook: committed documents are immutable'); END;
-- The one permitted change: a wholesale return waiting as 'to_receive' is confirmed.
CREATE TRIGGER documents_only_receive BEFORE UPDATE ON documents
WHEN NOT (OLD.status = 'to_receive' AND NEW.status = 'received'
          AND NEW.id = OLD.id AND NEW.kind = OLD.kind AND NEW.doc_no = OLD.doc_no
          AND NEW.number = OLD.number AND NEW.series = OLD.series
          AND NEW.occurred_at = OLD.occurred_at AND NEW.user_id = OLD.user_id
          AND NEW.net_minor = OLD.net_minor AND NEW.vat_minor = OLD.vat_minor
          AND NEW.gross_minor = OLD.gross_minor
          AND NEW.ref_document_id IS OLD.ref_document_id
          AND NEW.customer_id IS OLD.customer_id)
BEGIN SELECT RAISE(ABORT, 'onebook: committed documents are immutable'); END;
