//! The till's running total: a quote is the sale `post` would record, by the same rules, and it
//! records nothing.

use onebook::{Book, DocumentDraft, Timestamp};

fn sale(json: serde_json::Value) -> DocumentDraft {
    DocumentDraft::from_value(json).unwrap()
}

#[test]
fn a_quoted_rice_cooker_is_the_sale_that_follows_and_leaves_the_shelf_alone() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Book::open(dir.path().join("quote.sqlite3")).unwrap();
    let now = Timestamp::now();
    onebook::demo::seed(&mut book, now).unwrap();
    let cashier = book.actor(Some("cashier")).unwrap();
    let before = book.stock("6290001000015").unwrap().on_hand;
    let draft = sale(serde_json::json!({"kind": "sale",
        "lines": [{"barcode": "6290001000015", "qty": 1}],
        "payments": [{"method": "cash", "amount": "100"}]}));

    let quoted = book.quote(&cashier, &draft, now).unwrap();
    assert_eq!(book.stock("6290001000015").unwrap().on_hand, before, "a quote moves no stock");
    assert!(quoted.change.is_some(), "cash tendered above the total gives change");
    assert_eq!(book.invariant_violations().unwrap(), vec![]);

    let posted = book.post(&cashier, &draft, now).unwrap();
    assert_eq!(
        (&posted.doc_no, &posted.net, &posted.vat, &posted.gross, &posted.change),
        (&quoted.doc_no, &quoted.net, &quoted.vat, &quoted.gross, &quoted.change),
        "the quote is what was then recorded, number included"
    );
    assert_eq!(book.stock("6290001000015").unwrap().on_hand, before - 1);
}

#[test]
fn a_quote_is_refused_as_the_sale_would_be() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Book::open(dir.path().join("quote.sqlite3")).unwrap();
    let now = Timestamp::now();
    onebook::demo::seed(&mut book, now).unwrap();
    let cashier = book.actor(Some("cashier")).unwrap();
    let too_many = sale(serde_json::json!({"kind": "sale", "lines": [{"barcode": "6290001000015", "qty": 100000}]}));
    let quote_error = book.quote(&cashier, &too_many, now).unwrap_err();
    let post_error = book.post(&cashier, &too_many, now).unwrap_err();
    assert_eq!(quote_error, post_error);
    assert_eq!(quote_error.code(), "insufficient-stock");
}
