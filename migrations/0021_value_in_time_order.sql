-- The running sums' inventory value (ledger_sums.value_delta_e4) now follows each product's
-- movements in time order (instant, then the order recorded), not in the order they were
-- recorded: the sum over the buckets before an instant is then, per product, the value its latest
-- movement before that instant left, which is DESIGN.md section 4's inventory value as the ledger
-- reads it, also when a till's history is merged after newer documents. Each movement adds its
-- value less the value of the movement before it in that order (crate::rollups::add_value).
-- The sums are recomputed from the ledger by crate::rollups::rebuild right after this migration.
SELECT 1;
