-- Sales acknowledged but not yet written out: the till's durable commit of a retail sale is one
-- row here, the checked sale with the next number of its series; its number (the series row),
-- document, lines, payments, movements, balances and running sums are written from this row right after, by the
-- book's applier, in a commit that needs no flush of its own (the row here is the durable
-- record: after a crash the book writes it out when it is opened). Every write transaction
-- writes out what waits here before it reads anything (crate::db::write_tx), and a book's reads
-- do too, so nothing ever sees a sale half-applied. Empty but for the moment after a sale.
--   seq    the order the sales were acknowledged in, which is the order they are written out
--   body   JSON: the sale's draft, who posted it, its instant, its id and number
CREATE TABLE sale_journal (
    seq   INTEGER PRIMARY KEY,
    body  TEXT NOT NULL
);
