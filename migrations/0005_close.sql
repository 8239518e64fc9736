-- Onebook schema, version 5: the period lock (month closes) and the daily close (Z report).
-- Money is integer minor units; times UTC RFC 3339 with microseconds (text order is time order).

-- The owner closed the books through a month: no document, payment or Z report may be dated
-- before end_at. A close is cumulative (closing May closes every earlier month still open) and is
-- never undone: the table is append-only.
CREATE TABLE period_closes (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    through_month   TEXT NOT NULL UNIQUE,       -- 'YYYY-MM' in the shop's time zone
    end_at          TEXT NOT NULL,              -- the instant that month ends (exclusive)
    closed_at       TEXT NOT NULL,
    user_id         TEXT NOT NULL REFERENCES users(id),
    device_id       TEXT NOT NULL
);
CREATE TRIGGER period_closes_no_update BEFORE UPDATE ON period_closes
BEGIN SELECT RAISE(ABORT, 'onebook: closed periods stay closed'); END;
CREATE TRIGGER period_closes_no_delete BEFORE DELETE ON period_closes
BEGIN SELECT RAISE(ABORT, 'onebook: closed periods stay closed'); END;

-- The daily close of one till (Z report), numbered gaplessly in the series table ('Z-A'), never
-- edited. It covers the documents of its device dated in [from_at, to_at); a second Z of the same
-- business day starts where the previous one ended.
CREATE TABLE day_closes (
    id                  TEXT PRIMARY KEY,       -- UUIDv7
    series              TEXT NOT NULL,
    number              INTEGER NOT NULL,
    doc_no              TEXT NOT NULL UNIQUE,
    device_id           TEXT NOT NULL,
    business_day        TEXT NOT NULL,          -- 'YYYY-MM-DD' in the shop's time zone
    from_at             TEXT NOT NULL,
    to_at               TEXT NOT NULL,
    closed_at           TEXT NOT NULL,
    user_id             TEXT NOT NULL REFERENCES users(id),
    continues_doc_no    TEXT,                   -- the earlier Z of the same day, if any
    sales_count         INTEGER NOT NULL,
    sales_gross_minor   INTEGER NOT NULL,
    sales_vat_minor     INTEGER NOT NULL,
    first_ticket        TEXT,
    last_ticket         TEXT,
    sales_cash_minor    INTEGER NOT NULL,       -- cash kept by sales (tendered minus change)
    sales_card_minor    INTEGER NOT NULL,
    sales_ewallet_minor INTEGER NOT NULL,
    cash_tendered_minor INTEGER NOT NULL,
    change_minor        INTEGER NOT NULL,
    returns_count       INTEGER NOT NULL,
    returns_gross_minor INTEGER NOT NULL,
    refund_cash_minor   INTEGER NOT NULL,
    refund_card_minor   INTEGER NOT NULL,
    refund_ewallet_minor INTEGER NOT NULL,
    buyer_cash_minor    INTEGER NOT NULL,       -- buyers' cash payments taken on this device
    float_minor         INTEGER NOT NULL CHECK (float_minor >= 0),
    expected_cash_minor INTEGER NOT NULL,
    counted_cash_minor  INTEGER NOT NULL CHECK (counted_cash_minor >= 0),
    difference_minor    INTEGER NOT NULL,
    UNIQUE (series, number)
);
CREATE INDEX day_closes_day ON day_closes(device_id, business_day, to_at);
CREATE TRIGGER day_closes_no_update BEFORE UPDATE ON day_closes
BEGIN SELECT RAISE(ABORT, 'onebook: committed documents are immutable'); END;
CREATE TRIGGER day_closes_no_delete BEFORE DELETE ON day_closes
BEGIN SELECT RAISE(ABORT, 'onebook: committed documents are immutable'); END;
