-- Each product's stock at the end of each of the shop's months, for the products that moved
-- after it: the month report's slow movers and the stock valuation read every product's stock at
-- a month's end as one range of this table (the products that moved since) beside stock_balances
-- (the products that did not), instead of looking up each product's history one by one.
--
-- One row per (month end, product) where the product moved both before and at or after that
-- instant; written when the product's first movement after the month end is recorded (in the
-- same transaction), and corrected when a movement dated before it arrives later (a till's
-- history merged late): crate::rollups::keep_month_ends. Filled from the ledger by
-- crate::rollups::rebuild_month_ends right after this migration.
--   at                  the month end: local midnight of the shop's time zone, stored form (UTC)
--   balance_after, avg_cost_after_e4   the product's latest movement before `at` (latest instant;
--                       of movements at one instant, the one recorded last)
--   last_sale_at        the product's latest sale or invoice before `at` (NULL if none)
CREATE TABLE stock_month_ends (
    at                  TEXT NOT NULL,
    product_id          TEXT NOT NULL,
    balance_after       INTEGER NOT NULL,
    avg_cost_after_e4   INTEGER NOT NULL,
    last_sale_at        TEXT,
    PRIMARY KEY (at, product_id)
) WITHOUT ROWID;
-- A movement merged late corrects the product's rows after its instant.
CREATE INDEX stock_month_ends_product ON stock_month_ends(product_id, at);
