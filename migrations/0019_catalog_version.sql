-- The catalog's version (issue 2, speed): the till keeps products, units, barcodes and prices in
-- memory and reads this one row to know whether its copy is still the catalog in the file.
--
-- The library writes a new random version in the same transaction as every catalog edit, import
-- and merge of another device's product (crate::catalog::bump_version), not by a trigger: a
-- trigger would run once per row of a 100 000-row import. Random rather than counted, so a
-- restored backup or another file never shows a version a till has already seen with other rows.
CREATE TABLE catalog_version (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    version  TEXT NOT NULL
);
INSERT INTO catalog_version (id, version) VALUES (1, lower(hex(randomblob(16))));
