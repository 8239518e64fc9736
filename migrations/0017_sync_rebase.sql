-- Re-basing a till restored from a backup onto the cloud's copy of its own log (src/sync/rebase.rs).
--
-- The cloud holds entries this file lacks (documents made after the backup) under the same log
-- numbers, document numbers and movement numbers as the documents made here since the restore.
-- The rebase, in one transaction, renumbers those local documents and movements past the
-- cloud's and rewrites the tail of the log. Only while a row of `sync_rebasing` exists (inside
-- that transaction) may the log's tail be replaced, a document's number change, or a movement's
-- device number change; nothing else of a committed document or movement, ever.
CREATE TABLE sync_rebasing (
    id  INTEGER PRIMARY KEY CHECK (id = 1)
);

DROP TRIGGER sync_log_no_update;
DROP TRIGGER sync_log_no_delete;
CREATE TRIGGER sync_log_no_update BEFORE UPDATE ON sync_log
WHEN NOT EXISTS (SELECT 1 FROM sync_rebasing)
BEGIN SELECT RAISE(ABORT, 'onebook: the sync log is append-only'); END;
CREATE TRIGGER sync_log_no_delete BEFORE DELETE ON sync_log
WHEN NOT EXISTS (SELECT 1 FROM sync_rebasing)
BEGIN SELECT RAISE(ABORT, 'onebook: the sync log is append-only'); END;

DROP TRIGGER movements_no_update;
CREATE TRIGGER movements_no_update BEFORE UPDATE ON movements
WHEN NOT (EXISTS (SELECT 1 FROM sync_rebasing)
          AND NEW.id = OLD.id AND NEW.device_id = OLD.device_id AND NEW.product_id = OLD.product_id
          AND NEW.location = OLD.location AND NEW.qty_base = OLD.qty_base AND NEW.kind = OLD.kind
          AND NEW.document_id = OLD.document_id AND NEW.line_no = OLD.line_no
          AND NEW.unit_cost_e4 = OLD.unit_cost_e4 AND NEW.avg_cost_after_e4 = OLD.avg_cost_after_e4
          AND NEW.balance_after = OLD.balance_after AND NEW.occurred_at = OLD.occurred_at
          AND NEW.user_id = OLD.user_id)
BEGIN SELECT RAISE(ABORT, 'onebook: movements are append-only'); END;

DROP TRIGGER documents_only_receive;
CREATE TRIGGER documents_only_receive BEFORE UPDATE ON documents
WHEN NOT ((OLD.status = 'to_receive' AND NEW.status = 'received'
          AND NEW.id = OLD.id AND NEW.kind = OLD.kind AND NEW.doc_no = OLD.doc_no
          AND NEW.number = OLD.number AND NEW.series = OLD.series
          AND NEW.occurred_at = OLD.occurred_at AND NEW.user_id = OLD.user_id
          AND NEW.net_minor = OLD.net_minor AND NEW.vat_minor = OLD.vat_minor
          AND NEW.gross_minor = OLD.gross_minor
          AND NEW.ref_document_id IS OLD.ref_document_id
          AND NEW.customer_id IS OLD.customer_id)
       OR (EXISTS (SELECT 1 FROM sync_rebasing)
          AND NEW.id = OLD.id AND NEW.kind = OLD.kind AND NEW.series = OLD.series AND NEW.status = OLD.status
          AND NEW.occurred_at = OLD.occurred_at AND NEW.user_id = OLD.user_id
          AND NEW.net_minor = OLD.net_minor AND NEW.vat_minor = OLD.vat_minor
          AND NEW.gross_minor = OLD.gross_minor
          AND NEW.ref_document_id IS OLD.ref_document_id
          AND NEW.customer_id IS OLD.customer_id
          AND NEW.received_at IS OLD.received_at AND NEW.received_by IS OLD.received_by))
BEGIN SELECT RAISE(ABORT, 'onebook: committed documents are immutable'); END;
