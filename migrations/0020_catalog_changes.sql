-- The catalog version (migration 0019) also names, after an edit of one product, the version
-- that edit followed and the product's id: a till whose copy in memory is that prior version
-- reads the one product again instead of the whole catalog (about a second at 100 000
-- products). Any other change (an import, a merge of another device's product) leaves both NULL
-- (crate::catalog::bump_version, bump_version_for). Columns added rather than 0019 edited: a
-- migration is never edited once it may have been applied.
ALTER TABLE catalog_version ADD COLUMN prior TEXT;
ALTER TABLE catalog_version ADD COLUMN changed TEXT;
