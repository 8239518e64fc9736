//! A large product import (the bulk path: multi-row inserts, the barcodes index rebuilt at the end)
//! gives the same catalog a merchant scans as a small one, and a file with one bad row still
//! changes nothing.

use onebook::barcode::with_check_digit;
use onebook::{Book, Error, ImportOptions, ShopSetup, Timestamp};
use rust_decimal::Decimal;

/// More rows than the bulk threshold (10 000) and not a whole number of 100-row statements.
const N: usize = 10_050;

fn piece_code(i: usize) -> String {
    with_check_digit(&format!("629{i:09}"))
}

fn carton_code(i: usize) -> String {
    with_check_digit(&format!("1629{i:09}"))
}

fn pallet_code(i: usize) -> String {
    with_check_digit(&format!("2629{i:09}"))
}

/// Retail price of a piece in fils: 1.00 to 98.99 AED.
fn piece_fils(i: usize) -> i64 {
    100 + (i as i64 * 37) % 9_800
}

fn money(fils: i64) -> String {
    format!("{}.{:02}", fils / 100, fils % 100)
}

fn sku(i: usize) -> String {
    format!("BULK-{i:05}")
}

/// One CSV row: pallet given before the carton it is made of, prices out of unit order.
fn row(i: usize, piece_price: i64) -> String {
    format!(
        "{},Bulk item {i},piece,,,no,pallet=10 carton; carton=6,piece={}; carton={}; pallet={},\
         carton={}; piece={},piece={}\n",
        sku(i),
        piece_code(i),
        carton_code(i),
        pallet_code(i),
        money(piece_price * 6),
        money(piece_price),
        money(piece_price * 80 / 100),
    )
}

const HEADER: &str =
    "sku,name,base_unit,vat_rate,reserve,allow_negative,units,barcodes,retail_prices,wholesale_prices\n";

fn count(book: &Book, table: &str) -> i64 {
    book.connection().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

#[test]
fn a_large_import_gives_the_catalog_a_scan_relies_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Book::open(dir.path().join("shop.sqlite3")).unwrap();
    let now = Timestamp::now();
    let owner = book.init(&ShopSetup::new("Bulk Trading", "AED", Decimal::from(5), "Asia/Dubai"), now).unwrap();

    // SKUs in descending order: the bulk path writes each table in key order whatever the file's.
    let mut csv = String::from(HEADER);
    for i in (0..N).rev() {
        csv.push_str(&row(i, piece_fils(i)));
    }
    let report = book.import_products(&owner, csv.as_bytes(), ImportOptions::default(), &mut |_| {}, now).unwrap();
    assert_eq!((report.rows, report.created, report.updated, report.skipped), (N, N, 0, 0));
    assert_eq!(count(&book, "products"), N as i64);
    assert_eq!(count(&book, "barcodes"), 3 * N as i64);
    assert_eq!(count(&book, "product_units"), 3 * N as i64);
    assert_eq!(count(&book, "prices"), 3 * N as i64);
    assert_eq!(count(&book, "stock_balances"), N as i64);

    // The index dropped for the import is back, and the file is sound.
    let index: String = book
        .connection()
        .query_row("SELECT sql FROM sqlite_master WHERE name = 'barcodes_product'", [], |r| r.get(0))
        .unwrap();
    assert!(index.contains("product_id, unit"), "{index}");
    let integrity: String = book.connection().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");
    let orphans: i64 =
        book.connection().query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(orphans, 0);

    for i in (0..N).step_by(997).chain([N - 1]) {
        let v = book.stock(&piece_code(i)).unwrap();
        assert_eq!((v.sku.as_str(), v.scanned_unit.as_str(), v.on_hand), (sku(i).as_str(), "piece", 0));
        let units: Vec<(&str, i64)> = v.units.iter().map(|u| (u.unit.as_str(), u.factor_to_base)).collect();
        assert_eq!(units, [("piece", 1), ("carton", 6), ("pallet", 60)]);
        let codes: Vec<(&str, String)> = v.barcodes.iter().map(|b| (b.unit.as_str(), b.code.clone())).collect();
        assert_eq!(codes, [("carton", carton_code(i)), ("pallet", pallet_code(i)), ("piece", piece_code(i))]);
        let prices: Vec<(&str, &str, Decimal)> =
            v.prices.iter().map(|p| (p.list.as_str(), p.unit.as_str(), p.price.parse().unwrap())).collect();
        let d = |fils: i64| Decimal::new(fils, 2);
        let p = piece_fils(i);
        assert_eq!(
            prices,
            [("retail", "carton", d(p * 6)), ("retail", "piece", d(p)), ("wholesale", "piece", d(p * 80 / 100))]
        );
        assert_eq!(book.stock(&pallet_code(i)).unwrap().scanned_unit, "pallet");
        assert_eq!(book.stock(&sku(i)).unwrap().scanned_unit, "piece");
    }

    // Re-importing: two known products get new prices, one is new; a row taking another product's
    // barcode makes the whole file refused, with nothing written.
    let (a, b, fresh) = (17, 4_321, N + 5);
    let mut csv = String::from(HEADER);
    csv.push_str(&row(a, 555));
    csv.push_str(&row(b, 777));
    csv.push_str(&row(fresh, 999));
    let thief = format!("THIEF,Takes a code,piece,,,no,,piece={},piece=1.00,\n", piece_code(42));
    let with_thief = format!("{csv}{thief}");
    let prices_before: i64 = book
        .connection()
        .query_row("SELECT count(*) FROM prices WHERE price LIKE '%5.55' OR price LIKE '%7.77'", [], |r| r.get(0))
        .unwrap();
    match book.import_products(&owner, with_thief.as_bytes(), ImportOptions::default(), &mut |_| {}, now) {
        Err(Error::ImportRejected { count: 1, rows }) => {
            assert_eq!(rows[0].line, 5, "the thief's row (header is line 1)");
            assert_eq!(rows[0].code, "duplicate-barcode");
        }
        other => panic!("expected the file refused for its one bad row, got {other:?}"),
    }
    assert_eq!(count(&book, "products"), N as i64);
    let prices_after: i64 = book
        .connection()
        .query_row("SELECT count(*) FROM prices WHERE price LIKE '%5.55' OR price LIKE '%7.77'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(prices_after, prices_before);
    // The import writes with SQLite's foreign-key lookups off: they are on again whatever happened.
    let enforced =
        |book: &Book| -> i64 { book.connection().query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap() };
    assert_eq!(enforced(&book), 1, "foreign keys enforced again after a refused import");

    let report = book.import_products(&owner, csv.as_bytes(), ImportOptions::default(), &mut |_| {}, now).unwrap();
    assert_eq!((report.created, report.updated), (1, 2));
    assert_eq!(count(&book, "products"), N as i64 + 1);
    let price_of = |book: &Book, code: &str| -> Decimal {
        let v = book.stock(code).unwrap();
        v.prices.iter().find(|p| p.list == "retail" && p.unit == "piece").unwrap().price.parse().unwrap()
    };
    assert_eq!(price_of(&book, &piece_code(a)), Decimal::new(555, 2));
    assert_eq!(price_of(&book, &piece_code(b)), Decimal::new(777, 2));
    assert_eq!(price_of(&book, &piece_code(fresh)), Decimal::new(999, 2));
    assert_eq!(book.stock(&piece_code(42)).unwrap().sku, sku(42));
    assert_eq!(enforced(&book), 1, "foreign keys enforced again after an import");
    let orphans: i64 =
        book.connection().query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(orphans, 0);
}
