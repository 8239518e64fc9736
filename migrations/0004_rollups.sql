-- Running sums of the ledger, kept in the same transaction as each document, so the month report
-- reads a few thousand rows instead of every line of the month.
--
-- A bucket is a UTC quarter hour, 'YYYY-MM-DDTHH:MM' (minutes 00, 15, 30 or 45). Every real time
-- zone is a whole number of quarter hours from UTC, so a month in the shop's zone is a whole
-- number of buckets, and the sums do not depend on the zone (changing it needs no rebuild).
-- They are filled from the ledger by crate::rollups::rebuild right after this migration.

-- One table, so the rows a document adds (its count, its lines per VAT rate, its movements) sit
-- side by side on one page: rows of (bucket, kind) with vat_rate '' hold the document count and
-- the movements' sums; rows with a VAT rate hold the lines of that rate.
--   docs            documents of the kind (orders, for the average order value)
--   lines, net_minor, vat_minor, qty_base   document lines (amounts in minor units, qty in base units)
--   cost_e4         movements: sum of qty x unit cost (COGS), 1e-4 units
--   value_delta_e4  movements: change of inventory value (on hand x moving average, after minus
--                   before), 1e-4 units; the sum over all buckets before an instant is the
--                   inventory value then
CREATE TABLE ledger_sums (
    bucket          TEXT NOT NULL,
    kind            TEXT NOT NULL,
    vat_rate        TEXT NOT NULL,
    docs            INTEGER NOT NULL DEFAULT 0,
    lines           INTEGER NOT NULL DEFAULT 0,
    net_minor       INTEGER NOT NULL DEFAULT 0,
    vat_minor       INTEGER NOT NULL DEFAULT 0,
    qty_base        INTEGER NOT NULL DEFAULT 0,
    cost_e4         INTEGER NOT NULL DEFAULT 0,
    value_delta_e4  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (bucket, kind, vat_rate)
) WITHOUT ROWID;

-- What the slow-mover ranking needs of each product, kept with its balance.
ALTER TABLE stock_balances ADD COLUMN last_moved_at TEXT;
ALTER TABLE stock_balances ADD COLUMN last_sale_at TEXT;
ALTER TABLE stock_balances ADD COLUMN first_receipt_at TEXT;
ALTER TABLE stock_balances ADD COLUMN first_moved_at TEXT;

-- The report now reads the sums above; these indexes only served its scans of the whole month.
DROP INDEX document_lines_report;
DROP INDEX movements_report;
-- Documents by time are found through documents_kind_time (kind first).
DROP INDEX documents_time;
-- Only returns refer to another document: sales no longer add a NULL entry to this index.
DROP INDEX documents_ref;
CREATE INDEX documents_ref ON documents(ref_document_id) WHERE ref_document_id IS NOT NULL;
