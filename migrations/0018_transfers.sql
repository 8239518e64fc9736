-- Stock locations and transfers (DESIGN.md section 3). `locations` and the balances per
-- (product, location) exist since 0001, with only `main`; documents gain the kind `transfer`
-- (the CHECK is widened by src/transfer.rs, allow_transfer_documents, right after this file).
--
-- Where a document moved stock: a transfer's from and to, or the location a goods receipt brought
-- stock into when it is not main. Immutable like the document, and replicated with it.
CREATE TABLE document_locations (
    document_id     TEXT PRIMARY KEY REFERENCES documents(id),
    from_location   TEXT REFERENCES locations(code),
    to_location     TEXT REFERENCES locations(code),
    CHECK (from_location IS NULL OR to_location IS NULL OR from_location <> to_location)
) WITHOUT ROWID;
CREATE TRIGGER document_locations_no_update BEFORE UPDATE ON document_locations
BEGIN SELECT RAISE(ABORT, 'onebook: committed documents are immutable'); END;
CREATE TRIGGER document_locations_no_delete BEFORE DELETE ON document_locations
BEGIN SELECT RAISE(ABORT, 'onebook: committed documents are immutable'); END;

-- A location the ledger names is never removed.
CREATE TRIGGER locations_no_delete BEFORE DELETE ON locations
BEGIN SELECT RAISE(ABORT, 'onebook: locations are never removed'); END;
