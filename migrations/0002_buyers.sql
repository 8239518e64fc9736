-- Onebook schema, version 2: wholesale buyers' price tiers, own prices, terms, credit and payments.
-- Money is integer minor units; prices decimal text; times UTC RFC 3339 with microseconds.

-- Payment terms: 'net' = due payment_terms_days after the invoice (0 is cash);
-- 'eom' = due at the end of the invoice's month (shop time zone), plus payment_terms_days.
ALTER TABLE customers ADD COLUMN terms_kind TEXT NOT NULL DEFAULT 'net' CHECK (terms_kind IN ('net', 'eom'));

-- Wholesale price rules, append-only, so the history is kept. scope 'tier' names a tier code in
-- scope_key ('A'), scope 'buyer' a customer id. A rule applies from effective_from, to quantities of
-- at least min_qty in its unit (a quantity break); the latest rule recorded for the same
-- (scope, key, product, unit, min_qty) and an effective date at or before the invoice wins.
CREATE TABLE price_rules (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    scope           TEXT NOT NULL CHECK (scope IN ('tier', 'buyer')),
    scope_key       TEXT NOT NULL,
    product_id      TEXT NOT NULL,
    unit            TEXT NOT NULL,
    min_qty         TEXT NOT NULL DEFAULT '1',
    price           TEXT NOT NULL,
    effective_from  TEXT NOT NULL,
    recorded_at     TEXT NOT NULL,
    user_id         TEXT NOT NULL REFERENCES users(id),
    FOREIGN KEY (product_id, unit) REFERENCES product_units(product_id, unit)
);
CREATE INDEX price_rules_lookup ON price_rules(scope, scope_key, product_id, unit, effective_from);
CREATE TRIGGER price_rules_no_update BEFORE UPDATE ON price_rules
BEGIN SELECT RAISE(ABORT, 'onebook: price history is append-only'); END;
CREATE TRIGGER price_rules_no_delete BEFORE DELETE ON price_rules
BEGIN SELECT RAISE(ABORT, 'onebook: price history is append-only'); END;

-- Why an invoice line has its price: JSON {source, tier, min_qty, effective_from}.
ALTER TABLE document_lines ADD COLUMN price_basis TEXT;

-- The owner let an invoice through a credit refusal: the reason and the figures of the moment.
CREATE TABLE credit_overrides (
    document_id     TEXT PRIMARY KEY REFERENCES documents(id),
    refusal         TEXT NOT NULL,              -- the error code that was overridden
    reason          TEXT NOT NULL,
    limit_minor     INTEGER,
    open_minor      INTEGER NOT NULL,
    overdue_minor   INTEGER NOT NULL,
    invoice_minor   INTEGER NOT NULL,
    user_id         TEXT NOT NULL REFERENCES users(id),
    occurred_at     TEXT NOT NULL
) WITHOUT ROWID;

-- Money received from a buyer, with a gapless number (PAY-A-000001) in the series table.
CREATE TABLE buyer_payments (
    id              TEXT PRIMARY KEY,           -- UUIDv7
    pay_no          TEXT NOT NULL UNIQUE,
    customer_id     TEXT NOT NULL REFERENCES customers(id),
    method          TEXT NOT NULL CHECK (method IN ('cash', 'bank', 'cheque', 'card')),
    amount_minor    INTEGER NOT NULL CHECK (amount_minor > 0),
    reference       TEXT,
    occurred_at     TEXT NOT NULL,
    user_id         TEXT NOT NULL REFERENCES users(id),
    device_id       TEXT NOT NULL
);
CREATE INDEX buyer_payments_customer ON buyer_payments(customer_id, occurred_at);

-- How much of a payment settles which invoice; the rest of the payment is unapplied credit.
CREATE TABLE payment_allocations (
    payment_id      TEXT NOT NULL REFERENCES buyer_payments(id),
    invoice_id      TEXT NOT NULL REFERENCES documents(id),
    amount_minor    INTEGER NOT NULL CHECK (amount_minor > 0),
    PRIMARY KEY (payment_id, invoice_id)
) WITHOUT ROWID;
CREATE INDEX payment_allocations_invoice ON payment_allocations(invoice_id);

CREATE TRIGGER credit_overrides_no_update BEFORE UPDATE ON credit_overrides
BEGIN SELECT RAISE(ABORT, 'onebook: committed documents are immutable'); END;
CREATE TRIGGER credit_overrides_no_delete BEFORE DELETE ON credit_overrides
BEGIN SELECT RAISE(ABORT, 'onebook: committed documents are immutable'); END;
CREATE TRIGGER buyer_payments_no_update BEFORE UPDATE ON buyer_payments
BEGIN SELECT RAISE(ABORT, 'onebook: payments are immutable'); END;
CREATE TRIGGER buyer_payments_no_delete BEFORE DELETE ON buyer_payments
BEGIN SELECT RAISE(ABORT, 'onebook: payments are immutable'); END;
CREATE TRIGGER payment_allocations_no_update BEFORE UPDATE ON payment_allocations
BEGIN SELECT RAISE(ABORT, 'onebook: payments are immutable'); END;
CREATE TRIGGER payment_allocations_no_delete BEFORE DELETE ON payment_allocations
BEGIN SELECT RAISE(ABORT, 'onebook: payments are immutable'); END;
