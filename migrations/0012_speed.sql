-- Speed (issue 2): indexes that answer the hot reads by themselves.

-- A scan at the till lists the product's barcodes with their units: with the unit in the index
-- that is one seek, not one more seek into the table per barcode.
DROP INDEX barcodes_product;
CREATE INDEX barcodes_product ON barcodes(product_id, unit);

-- A product's movements back from an instant (the month report's slow movers, the stock at a
-- month's end, the quota check) read kind, balance and average from the index itself instead of
-- fetching each row from a multi-GB table. A sale still writes one entry per movement, as before.
DROP INDEX movements_product_time;
CREATE INDEX movements_product_time ON movements(product_id, occurred_at, kind, balance_after, avg_cost_after_e4);
