//! The sale journal with the applier, as the desktop till runs it: a sale's call returns once its
//! number and journal row are durable, and its document, lines, movements and balances are written
//! out on the applier's thread. Every sale must read back at once, exactly as acknowledged; the
//! next sale's stock check must count it though it may not be written out yet; a sale beyond the
//! stock is refused and leaves nothing; the last sale is written out when the book is dropped.
//! (A journal row left by a killed process is written out when the book opens: tests/crash.rs,
//! where the child posts with the applier. Four processes each with an applier: tests/concurrency.rs.)

mod common;

use common::{d, Lcg};
use std::path::{Path, PathBuf};

use onebook::catalog::ProductInput;
use onebook::document::{ReceiptDraft, ReceiptLine, SaleDraft, SaleLine};
use onebook::{Actor, Book, DocumentDraft, ShopSetup, Timestamp};
use rust_decimal::Decimal;

/// (sku, pieces per carton, retail piece price, retail carton price)
const PRODUCTS: &[(&str, i64, &str, &str)] =
    &[("TEA-100", 12, "4.50", "50.00"), ("RICE-5", 4, "21.00", "80.00"), ("OIL-1L", 6, "9.75", "55.00")];
/// Pieces of each product on hand before the sales.
const OPENING: i64 = 240;

fn setup(path: &Path) -> (Book, Actor) {
    let mut book = Book::open(path).unwrap();
    let now = Timestamp::now();
    let owner = book.init(&ShopSetup::new("Journal Test", "AED", Decimal::from(5), "Asia/Dubai"), now).unwrap();
    for &(sku, carton, piece_price, carton_price) in PRODUCTS {
        book.upsert_product(
            &owner,
            ProductInput {
                sku: sku.into(),
                name: format!("Product {sku}"),
                base_unit: "piece".into(),
                vat_rate_pct: None,
                retail_reserve: Some(0),
                allow_negative: false,
                category: None,
                units: vec![("carton".into(), carton)],
                barcodes: vec![],
                retail_prices: vec![("piece".into(), d(piece_price)), ("carton".into(), d(carton_price))],
                wholesale_prices: vec![],
            },
            now,
        )
        .unwrap();
    }
    let lines = PRODUCTS
        .iter()
        .map(|&(sku, ..)| ReceiptLine {
            sku: Some(sku.into()),
            barcode: None,
            qty: Decimal::from(OPENING),
            unit: Some("piece".into()),
            unit_cost: d("1.00"),
        })
        .collect();
    let receipt = DocumentDraft::Receipt(ReceiptDraft { date: None, supplier: None, lines, note: None });
    book.post(&owner, &receipt, now).unwrap();
    (book, owner)
}

/// A new book in a temporary folder, its stock received, with the applier running as at a till.
fn till() -> (tempfile::TempDir, PathBuf, Book, Actor) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("till.sqlite3");
    let (mut book, owner) = setup(&path);
    book.apply_in_background().unwrap();
    (dir, path, book, owner)
}

fn sale(lines: &[(&str, i64, &str)]) -> DocumentDraft {
    DocumentDraft::Sale(SaleDraft {
        date: None,
        lines: lines
            .iter()
            .map(|&(sku, qty, unit)| SaleLine {
                sku: Some(sku.into()),
                barcode: None,
                qty: Decimal::from(qty),
                unit: Some(unit.into()),
                price: None,
            })
            .collect(),
        payments: None,
        override_reason: None,
        note: None,
    })
}

fn raw_count(path: &Path, sql: &str) -> i64 {
    rusqlite::Connection::open(path).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn with_the_applier_every_sale_reads_back_at_once_and_the_next_check_counts_it() {
    let (_dir, path, mut book, owner) = till();
    let mut on_hand: Vec<i64> = vec![OPENING; PRODUCTS.len()];
    let mut rng = Lcg(5);
    let mut sold = 0;
    // Sales back to back (each posted right after the one before returned) until one product
    // cannot fill the next sale.
    loop {
        let a = rng.below(PRODUCTS.len() as u64) as usize;
        let b = (a + 1 + rng.below(PRODUCTS.len() as u64 - 1) as usize) % PRODUCTS.len();
        let (qa, unit_a) = if rng.below(3) == 0 { (1, "carton") } else { (1 + rng.below(5) as i64, "piece") };
        let base_a = if unit_a == "carton" { qa * PRODUCTS[a].1 } else { qa };
        let qb = 1 + rng.below(3) as i64;
        let draft = sale(&[(PRODUCTS[a].0, qa, unit_a), (PRODUCTS[b].0, qb, "piece")]);
        if on_hand[a] < base_a || on_hand[b] < qb {
            // Refused against stock that includes every sale just acknowledged.
            let e = book.post(&owner, &draft, Timestamp::now()).expect_err("beyond the stock");
            assert_eq!(e.code(), "insufficient-stock", "{e:?}");
            break;
        }
        let doc = book.post(&owner, &draft, Timestamp::now()).unwrap();
        sold += 1;
        on_hand[a] -= base_a;
        on_hand[b] -= qb;
        // Read back at once, whether or not the applier is done: exactly as acknowledged.
        assert_eq!(book.document(&doc.doc_no).unwrap(), doc, "sale {sold} as read back");
        assert_eq!(doc.doc_no, format!("S-A-{sold:06}"), "gapless numbers");
        for (i, &(sku, ..)) in PRODUCTS.iter().enumerate() {
            assert_eq!(book.stock(sku).unwrap().on_hand, on_hand[i], "{sku} after sale {sold}");
        }
    }
    assert!(sold >= 60, "only {sold} sales before the stock ran out");
    book.written_out().unwrap();
    assert_eq!(raw_count(&path, "SELECT count(*) FROM sale_journal"), 0, "the refused sale left nothing waiting");
    assert_eq!(raw_count(&path, "SELECT count(*) FROM documents WHERE kind = 'sale'"), sold);
    assert_eq!(raw_count(&path, "SELECT count(*) FROM movements WHERE kind = 'sale'"), 2 * sold);
    assert!(book.invariant_violations().unwrap().is_empty());
    drop(book);
    let book = Book::open(&path).unwrap();
    for (i, &(sku, ..)) in PRODUCTS.iter().enumerate() {
        assert_eq!(book.stock(sku).unwrap().on_hand, on_hand[i], "{sku} after reopening");
    }
}

#[test]
fn dropping_the_book_writes_out_its_last_sale() {
    let (_dir, path, mut book, owner) = till();
    let docs: Vec<String> = (0..5)
        .map(|_| book.post(&owner, &sale(&[("TEA-100", 1, "piece")]), Timestamp::now()).unwrap().doc_no)
        .collect();
    drop(book);
    // Read without the library, which would write out a journal it found.
    assert_eq!(raw_count(&path, "SELECT count(*) FROM sale_journal"), 0);
    let written = raw_count(&path, "SELECT count(*) FROM documents WHERE kind = 'sale'");
    assert_eq!(written, docs.len() as i64);
    assert_eq!(
        raw_count(
            &path,
            "SELECT qty_base FROM stock_balances WHERE product_id = (SELECT id FROM products WHERE sku = 'TEA-100')"
        ),
        OPENING - 5
    );
}

#[test]
fn a_journal_row_that_cannot_be_written_out_is_kept_and_named_by_every_write() {
    let (_dir, path, book, owner) = till();
    drop(book);
    // A row no Onebook wrote (the file edited by hand, say): the library cannot write it out.
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute("INSERT INTO sale_journal (body) VALUES ('{\"draft\": 42}')", [])
        .unwrap();
    // The book still opens and reads: the stock, a report of the shop.
    let mut book = Book::open(&path).unwrap();
    assert_eq!(book.stock("TEA-100").unwrap().on_hand, OPENING);
    // Every write says which row and why, and changes nothing.
    let e = book.post(&owner, &sale(&[("TEA-100", 1, "piece")]), Timestamp::now()).expect_err("refused");
    assert_eq!(e.code(), "storage", "{e:?}");
    assert!(e.message(onebook::Locale::En).contains("sale journal row 1"), "{}", e.message(onebook::Locale::En));
    drop(book);
    assert_eq!(raw_count(&path, "SELECT count(*) FROM sale_journal"), 1, "the row is kept");
    assert_eq!(raw_count(&path, "SELECT count(*) FROM documents WHERE kind = 'sale'"), 0);
}
