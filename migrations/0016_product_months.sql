-- Per product and UTC month, the product's stock as its last movement of that month left it, so
-- the month report finds every product's stock at a period's end (the slow-mover ranking) in one
-- indexed pass instead of walking each product's movements back through the ledger.
--
-- One row per (product, UTC calendar month 'YYYY-MM') in which the product moved, written in the
-- same transaction as the movement (crate::rollups::add_product_month); filled from the ledger by
-- crate::rollups::rebuild_product_months right after this migration.
--   first_at, last_at     the first and last movement's instant in that month (stored form)
--   balance_after, avg_cost_after_e4   the last movement's (latest instant; of movements at the
--                         same instant, the one recorded last)
--   last_sale_at          the latest sale or invoice of the product in this month or any earlier
--                         one (NULL if none): the ranking's "last sale" without a walk back
CREATE TABLE product_months (
    product_id          TEXT NOT NULL,
    month               TEXT NOT NULL,
    first_at            TEXT NOT NULL,
    last_at             TEXT NOT NULL,
    balance_after       INTEGER NOT NULL,
    avg_cost_after_e4   INTEGER NOT NULL,
    last_sale_at        TEXT,
    PRIMARY KEY (product_id, month)
) WITHOUT ROWID;
