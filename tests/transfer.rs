//! Stock locations and transfers: a warehouse beside the shop floor, goods received into it, moved
//! to `main` (the selling location) by a transfer document at the moving average, so the
//! inventory value does not change; refusals that name the field and leave the book unchanged;
//! the command line; and replication to another till, where a transfer covers an oversell.

mod common;
mod sync_pg;

use std::collections::BTreeMap;
use std::path::Path;

use common::{json, ok, onebook};
use onebook::document::*;
use onebook::transfer::{TransferDraft, TransferLine};
use onebook::{Actor, Book, Error, NewUser, ProductInput, Role, ShopSetup, Timestamp};
use rust_decimal::prelude::*;

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

/// Pieces per carton.
const CARTON: i64 = 6;

fn product(sku: &str, allow_negative: bool) -> ProductInput {
    ProductInput {
        sku: sku.into(),
        name: format!("{sku} name"),
        base_unit: "piece".into(),
        vat_rate_pct: Some(d("7")),
        retail_reserve: None,
        allow_negative,
        category: None,
        units: vec![("carton".into(), CARTON)],
        barcodes: vec![],
        retail_prices: vec![("piece".into(), d("10.00"))],
        wholesale_prices: vec![("carton".into(), d("50.00"))],
    }
}

fn receipt(sku: &str, pieces: i64, cost: &str, date: &str) -> DocumentDraft {
    DocumentDraft::Receipt(ReceiptDraft {
        date: Some(date.into()),
        supplier: Some("Mill".into()),
        lines: vec![ReceiptLine {
            sku: Some(sku.into()),
            barcode: None,
            qty: Decimal::from(pieces),
            unit: None,
            unit_cost: d(cost),
        }],
        note: None,
    })
}

fn transfer(from: &str, to: &str, sku: &str, qty: &str, unit: Option<&str>, date: Option<&str>) -> DocumentDraft {
    DocumentDraft::Transfer(TransferDraft {
        date: date.map(str::to_string),
        from: from.into(),
        to: to.into(),
        lines: vec![TransferLine { sku: Some(sku.into()), barcode: None, qty: d(qty), unit: unit.map(str::to_string) }],
        note: None,
    })
}

fn sale(sku: &str, pieces: i64, date: Option<&str>) -> DocumentDraft {
    DocumentDraft::Sale(SaleDraft {
        date: date.map(str::to_string),
        lines: vec![SaleLine {
            sku: Some(sku.into()),
            barcode: None,
            qty: Decimal::from(pieces),
            unit: None,
            price: None,
        }],
        payments: None,
        override_reason: None,
        note: None,
    })
}

struct Shop {
    book: Book,
    owner: Actor,
    cashier: Actor,
    keeper: Actor,
    _dir: tempfile::TempDir,
}

/// A shop with RICE (no negative stock) and SALT (negative allowed), and a warehouse.
fn shop() -> Shop {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Book::open(dir.path().join("shop.sqlite3")).unwrap();
    let owner = book.init(&ShopSetup::new("Lucky Mart", "THB", d("7"), "Asia/Bangkok"), Timestamp::now()).unwrap();
    let user = |name: &str, role| NewUser { username: name.into(), display_name: None, role, locale: None };
    let cashier = book.add_user(&owner, &user("nok", Role::Cashier), Timestamp::now()).unwrap();
    let keeper = book.add_user(&owner, &user("wit", Role::Warehouse), Timestamp::now()).unwrap();
    book.upsert_product(&owner, product("RICE", false), Timestamp::now()).unwrap();
    book.upsert_product(&owner, product("SALT", true), Timestamp::now()).unwrap();
    book.add_location(&owner, "warehouse", "Back warehouse").unwrap();
    Shop { book, owner, cashier, keeper, _dir: dir }
}

/// Balance per (SKU, location) as stored, and as the sum of the movements: they must agree.
fn balances(book: &Book) -> BTreeMap<(String, String), i64> {
    let c = book.connection();
    let read = |sql: &str| -> BTreeMap<(String, String), i64> {
        let mut st = c.prepare(sql).unwrap();
        let rows = st.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?))).unwrap();
        rows.map(|r| r.unwrap()).filter(|(_, q): &(_, i64)| *q != 0).collect()
    };
    let stored =
        read("SELECT p.sku, b.location, b.qty_base FROM stock_balances b JOIN products p ON p.id = b.product_id");
    let summed = read(
        "SELECT p.sku, m.location, SUM(m.qty_base) FROM movements m JOIN products p ON p.id = m.product_id
         GROUP BY p.sku, m.location",
    );
    assert_eq!(stored, summed, "balance = sum of movements per (product, location)");
    assert!(book.invariant_violations().unwrap().is_empty());
    stored
}

fn at(book: &Book, sku: &str, location: &str) -> i64 {
    balances(book).get(&(sku.to_string(), location.to_string())).copied().unwrap_or(0)
}

/// Every row of every table, as text: what a refused document must leave exactly as it was.
fn dump(book: &Book) -> String {
    let c = book.connection();
    let mut tables: Vec<String> = {
        let mut st = c.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").unwrap();
        st.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
    };
    tables.retain(|t| !t.starts_with("sqlite_"));
    let mut out = String::new();
    for t in tables {
        let mut st = c.prepare(&format!("SELECT * FROM \"{t}\" ORDER BY 1")).unwrap();
        let n = st.column_count();
        let mut rows = st.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let cells: Vec<String> =
                (0..n).map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap())).collect();
            out.push_str(&format!("{t}: {}\n", cells.join(" | ")));
        }
    }
    out
}

#[test]
fn a_transfer_moves_stock_at_the_average_and_the_inventory_value_stays() {
    let Shop { mut book, owner, cashier, keeper, .. } = shop();
    // Only the owner adds locations; `main` is there from the start.
    let e = book.add_location(&cashier, "backroom", "Back room").unwrap_err();
    assert_eq!(e.code(), "permission-denied");
    let e = book.add_location(&owner, "Warehouse", "Again").unwrap_err();
    assert_eq!((e.code(), e.field()), ("duplicate-location", Some("code")));
    let codes: Vec<String> = book.locations().unwrap().into_iter().map(|l| l.code).collect();
    assert_eq!(codes, ["main", "warehouse"]);

    // 60 pieces at 4.00 onto the shop floor; 4 cartons at 33.00 (5.50 a piece) into the warehouse,
    // received by the warehouse keeper, as a file would give it.
    book.post(&owner, &receipt("RICE", 60, "4.00", "2026-03-02"), Timestamp::now()).unwrap();
    let into_warehouse = DocumentDraft::from_json(
        r#"{"kind":"receipt","location":"warehouse","date":"2026-03-03","supplier":"Mill",
            "lines":[{"sku":"RICE","qty":4,"unit":"carton","unit_cost":"33.00"}]}"#,
    )
    .unwrap();
    // The draft reads back from its own JSON, location and all (what the app sends).
    assert_eq!(DocumentDraft::from_value(into_warehouse.to_json()).unwrap(), into_warehouse);
    let back = transfer("warehouse", "main", "RICE", "2", Some("carton"), None);
    assert_eq!(DocumentDraft::from_value(back.to_json()).unwrap(), back);
    let gr = book.post(&keeper, &into_warehouse, Timestamp::now()).unwrap();
    assert_eq!((gr.from_location.as_deref(), gr.to_location.as_deref()), (None, Some("warehouse")));
    assert_eq!((at(&book, "RICE", "main"), at(&book, "RICE", "warehouse")), (60, 24));
    // One moving average over both locations: (60 x 4.00 + 24 x 5.50) / 84, to 4 places.
    let avg = ((d("60") * d("4.00") + d("24") * d("5.50")) / d("84")).round_dp(4);
    let view = book.stock("RICE").unwrap();
    assert_eq!(d(&view.avg_cost), avg);
    // The till sees main; the per-location list shows both.
    assert_eq!(view.on_hand, 60);
    let per: Vec<(String, i64)> = view.by_location.iter().map(|s| (s.location.clone(), s.on_hand)).collect();
    assert_eq!(per, [("main".to_string(), 60), ("warehouse".to_string(), 24)]);
    assert_eq!(view.by_location[1].on_hand_mixed, "4 ctn");

    // Main sells: 65 pieces are more than the floor holds, though the shop owns 84.
    let e = book.post(&cashier, &sale("RICE", 65, Some("2026-03-04")), Timestamp::now()).unwrap_err();
    assert_eq!(e.code(), "insufficient-stock");

    let month =
        |b: &Book| (b.report_month(&owner, "2026-03").unwrap(), b.report_month_from_ledger(&owner, "2026-03").unwrap());
    let (before, before_ledger) = month(&book);
    // The value is every location's stock at the average: 84 x avg.
    let value = (d("84") * avg).round_dp(2);
    assert_eq!(d(&before.inventory.value_end), value);
    assert_eq!(before.inventory.value_end, before_ledger.inventory.value_end);
    // Slow movers count the stock of every location too.
    let rice: Vec<i64> = before.slow_movers.iter().filter(|s| s.sku == "RICE").map(|s| s.on_hand).collect();
    assert_eq!(rice, [84]);

    // The keeper moves 2 cartons to the floor.
    let tr = book
        .post(
            &keeper,
            &transfer("warehouse", "main", "RICE", "2", Some("carton"), Some("2026-03-05")),
            Timestamp::now(),
        )
        .unwrap();
    assert_eq!(tr.kind, Kind::Transfer);
    assert!(tr.doc_no.starts_with("TR-") && tr.doc_no.ends_with("-000001"), "{}", tr.doc_no);
    assert_eq!((tr.from_location.as_deref(), tr.to_location.as_deref()), (Some("warehouse"), Some("main")));
    assert_eq!((tr.lines[0].qty_base, tr.movements, tr.gross.as_str()), (12, 2, "0.00"));
    assert_eq!((at(&book, "RICE", "main"), at(&book, "RICE", "warehouse")), (72, 12));
    // Both movements at the average; the average and the month's value unchanged.
    let moves: Vec<(String, i64, String, i64)> = {
        let mut st = book
            .connection()
            .prepare(
                "SELECT location, qty_base, kind, unit_cost_e4 FROM movements WHERE document_id = ?1 ORDER BY qty_base",
            )
            .unwrap();
        let rows = st.query_map([&tr.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).unwrap();
        rows.map(|r| r.unwrap()).collect()
    };
    let avg_e4 = (avg * d("10000")).to_i64().unwrap();
    assert_eq!(
        moves,
        [
            ("warehouse".to_string(), -12, "transfer".to_string(), avg_e4),
            ("main".to_string(), 12, "transfer".to_string(), avg_e4)
        ]
    );
    assert_eq!(d(&book.stock("RICE").unwrap().avg_cost), avg);
    let (after, after_ledger) = month(&book);
    assert_eq!(after.inventory, before.inventory, "a transfer changes no value");
    assert_eq!(after.inventory, after_ledger.inventory);
    assert_eq!(after.channels, before.channels, "a transfer is no sale and no cost of goods");
    assert_eq!(book.rollup_disagreements().unwrap(), vec![]);

    // Now the floor holds enough; the document reads back the same.
    book.post(&cashier, &sale("RICE", 65, Some("2026-03-06")), Timestamp::now()).unwrap();
    assert_eq!(at(&book, "RICE", "main"), 7);
    assert_eq!(book.document(&tr.doc_no).unwrap(), tr);
    // The cashier may not move stock; a second transfer takes the next number of the series.
    let e = book.post(&cashier, &transfer("warehouse", "main", "RICE", "1", None, None), Timestamp::now()).unwrap_err();
    assert_eq!(e.code(), "permission-denied");
    let tr2 = book
        .transfer(
            &owner,
            &TransferDraft {
                date: None,
                from: "main".into(),
                to: "warehouse".into(),
                lines: vec![TransferLine { sku: Some("RICE".into()), barcode: None, qty: d("7"), unit: None }],
                note: Some("back to the shelf".into()),
            },
            Timestamp::now(),
        )
        .unwrap();
    assert_eq!(tr2.doc_no, tr.doc_no.replace("-000001", "-000002"));
    assert_eq!((at(&book, "RICE", "main"), at(&book, "RICE", "warehouse")), (0, 19));
    // A product that may go negative may leave a location empty-handed.
    book.post(&owner, &transfer("warehouse", "main", "SALT", "5", None, None), Timestamp::now()).unwrap();
    assert_eq!((at(&book, "SALT", "main"), at(&book, "SALT", "warehouse")), (5, -5));
}

#[test]
fn refused_transfers_name_the_field_in_every_language_and_change_nothing() {
    let Shop { mut book, owner, cashier, .. } = shop();
    book.post(&owner, &receipt("RICE", 24, "4.00", "2026-03-02"), Timestamp::now()).unwrap();
    book.post(&owner, &transfer("main", "warehouse", "RICE", "4", Some("carton"), None), Timestamp::now()).unwrap();
    assert_eq!((at(&book, "RICE", "main"), at(&book, "RICE", "warehouse")), (0, 24));
    let cases: &[(&str, &str, &str)] = &[
        (
            r#"{"kind":"transfer","from":"attic","to":"main","lines":[{"sku":"RICE","qty":1}]}"#,
            "unknown-location",
            "from",
        ),
        (
            r#"{"kind":"transfer","from":"warehouse","to":"attic","lines":[{"sku":"RICE","qty":1}]}"#,
            "unknown-location",
            "to",
        ),
        (
            r#"{"kind":"transfer","from":"warehouse","to":"warehouse","lines":[{"sku":"RICE","qty":1}]}"#,
            "same-location",
            "to",
        ),
        (
            r#"{"kind":"transfer","from":"warehouse","to":"main","lines":[{"sku":"RICE","qty":25}]}"#,
            "insufficient-stock-at",
            "lines[0].qty",
        ),
        // Lines of one product add up: 3 cartons and 7 pieces are 25.
        (
            r#"{"kind":"transfer","from":"warehouse","to":"main","lines":[{"sku":"RICE","qty":3,"unit":"carton"},{"sku":"RICE","qty":7}]}"#,
            "insufficient-stock-at",
            "lines[0].qty",
        ),
        (
            r#"{"kind":"transfer","from":"main","to":"warehouse","lines":[{"sku":"RICE","qty":1}]}"#,
            "insufficient-stock-at",
            "lines[0].qty",
        ),
        (
            r#"{"kind":"transfer","from":"warehouse","to":"main","lines":[{"sku":"RICE","qty":"0.5"}]}"#,
            "fractional-base-qty",
            "lines[0].qty",
        ),
        (
            r#"{"kind":"transfer","from":"warehouse","to":"main","lines":[{"sku":"RICE","qty":"0.1","unit":"carton"}]}"#,
            "fractional-base-qty",
            "lines[0].qty",
        ),
        (
            r#"{"kind":"transfer","from":"warehouse","to":"main","lines":[{"sku":"RICE","qty":0}]}"#,
            "qty-not-positive",
            "lines[0].qty",
        ),
        (
            r#"{"kind":"transfer","from":"warehouse","to":"main","lines":[{"sku":"NOPE","qty":1}]}"#,
            "unknown-product",
            "lines[0].sku",
        ),
        (
            r#"{"kind":"transfer","from":"warehouse","to":"main","lines":[{"sku":"RICE","qty":1,"unit":"pallet"}]}"#,
            "unknown-unit",
            "lines[0].unit",
        ),
        (
            r#"{"kind":"receipt","location":"attic","lines":[{"sku":"RICE","qty":1,"unit_cost":"1"}]}"#,
            "unknown-location",
            "location",
        ),
    ];
    for (text, code, field) in cases {
        let before = dump(&book);
        let draft = DocumentDraft::from_json(text).unwrap();
        let e = book.post(&owner, &draft, Timestamp::now()).unwrap_err();
        assert_eq!((e.code(), e.field()), (*code, Some(*field)), "{text}: {e}");
        for locale in onebook::i18n::ALL {
            let m = e.message(locale);
            assert!(!m.is_empty() && !m.contains("error-") && m.contains(field), "{locale:?}: {m}");
        }
        assert_eq!(dump(&book), before, "{text} changed the book");
    }
    // No lines, a missing location, a cashier: refused the same way.
    let no_lines =
        DocumentDraft::from_json(r#"{"kind":"transfer","from":"warehouse","to":"main","lines":[]}"#).unwrap();
    let before = dump(&book);
    assert_eq!(book.post(&owner, &no_lines, Timestamp::now()).unwrap_err(), Error::NoLines);
    let missing =
        DocumentDraft::from_json(r#"{"kind":"transfer","to":"main","lines":[{"sku":"RICE","qty":1}]}"#).unwrap_err();
    assert_eq!(missing.field(), Some("from"));
    let e = book.post(&cashier, &transfer("warehouse", "main", "RICE", "1", None, None), Timestamp::now()).unwrap_err();
    assert_eq!(e.code(), "permission-denied");
    assert_eq!(dump(&book), before);
    // And the same file, right, goes through.
    book.post(&owner, &transfer("warehouse", "main", "RICE", "24", None, None), Timestamp::now()).unwrap();
    assert_eq!((at(&book, "RICE", "main"), at(&book, "RICE", "warehouse")), (24, 0));

    // An open order holds 2 cartons at main: they stay for its delivery.
    let buyer = onebook::Customer {
        code: "B1".into(),
        name: "Buyer One".into(),
        tax_number: None,
        payment_terms_days: 30,
        locale: None,
    };
    book.add_customer(&owner, &buyer, Timestamp::now()).unwrap();
    let order: onebook::open_orders::OrderDraft =
        serde_json::from_str(r#"{"buyer":"B1","lines":[{"sku":"RICE","qty":2,"unit":"carton"}]}"#).unwrap();
    book.place_order(&owner, &order, Timestamp::now()).unwrap();
    let before = dump(&book);
    let e = book.post(&owner, &transfer("main", "warehouse", "RICE", "13", None, None), Timestamp::now()).unwrap_err();
    assert_eq!(e.code(), "reserved-by-orders");
    assert_eq!(dump(&book), before);
    book.post(&owner, &transfer("main", "warehouse", "RICE", "12", None, None), Timestamp::now()).unwrap();
    assert_eq!((at(&book, "RICE", "main"), at(&book, "RICE", "warehouse")), (12, 12));
    // The invariant is checked per location: a warehouse balance off by one is found.
    book.connection()
        .execute("UPDATE stock_balances SET qty_base = qty_base + 1 WHERE location = 'warehouse'", [])
        .unwrap();
    assert_eq!(book.invariant_violations().unwrap(), vec![("RICE@warehouse".to_string(), 13, 12)]);
}

const CSV: &str = "\
sku,name,base_unit,vat_rate,reserve,units,barcodes,retail_prices,wholesale_prices
RC-100,Rice cooker 1.8 L,piece,5,0,carton=24,piece=6290001000015; carton=16290001000012,piece=89.00,carton=1680.00
";

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

#[test]
fn a_merchant_receives_into_the_warehouse_and_transfers_to_the_floor_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.sqlite3");
    ok(onebook(&db, &["init", "--shop", "Dragon Mart 101", "--currency", "AED", "--vat", "5", "--tz", "Asia/Dubai"]));
    ok(onebook(&db, &["import", "products", &write(dir.path(), "p.csv", CSV)]));
    let added = ok(onebook(&db, &["location", "add", "warehouse", "Back store"]));
    assert!(added.contains("warehouse"), "{added}");
    let receipt = r#"{"kind":"receipt","location":"warehouse","supplier":"Ningbo",
                      "lines":[{"sku":"RC-100","qty":5,"unit":"carton","unit_cost":"1200.00"}]}"#;
    let gr = json(onebook(&db, &["--json", "post", &write(dir.path(), "gr.json", receipt)]));
    assert_eq!(gr["to_location"], "warehouse", "{gr}");
    let list = json(onebook(&db, &["--json", "location", "list"]));
    assert_eq!(list[1]["code"], "warehouse");
    assert_eq!(
        (list[0]["units"].as_i64(), list[1]["units"].as_i64(), list[1]["products"].as_i64()),
        (Some(0), Some(120), Some(1))
    );

    // The carton's barcode on the transfer line: 2 cartons to the floor.
    let tr = r#"{"kind":"transfer","from":"warehouse","to":"main","lines":[{"code":"16290001000012","qty":2}],"note":"for the weekend"}"#;
    let out = ok(onebook(&db, &["post", &write(dir.path(), "tr.json", tr)]));
    assert!(out.contains("TR-A-000001"), "{out}");
    let stock = json(onebook(&db, &["--json", "stock", "RC-100"]));
    assert_eq!(stock["on_hand"], 48);
    assert_eq!(stock["avg_cost"], "50.0000");
    assert_eq!(stock["by_location"][0]["location"], "main");
    assert_eq!(stock["by_location"][1]["on_hand"], 72);
    assert_eq!(stock["by_location"][1]["on_hand_mixed"], "3 ctn");
    let text = ok(onebook(&db, &["stock", "RC-100"]));
    assert!(text.contains("Per location") && text.contains("warehouse") && text.contains("3 ctn"), "{text}");
    let doc = json(onebook(&db, &["--json", "document", "TR-A-000001"]));
    assert_eq!(
        (doc["kind"].as_str(), doc["from_location"].as_str(), doc["to_location"].as_str()),
        (Some("transfer"), Some("warehouse"), Some("main"))
    );
    assert_eq!((doc["lines"][0]["qty_base"].as_i64(), doc["note"].as_str()), (Some(48), Some("for the weekend")));
    let shown = ok(onebook(&db, &["document", "TR-A-000001"]));
    assert!(shown.contains("From warehouse to main"), "{shown}");

    // Too much: refused with the field, in the user's language, and nothing recorded.
    let too_much =
        r#"{"kind":"transfer","from":"warehouse","to":"main","lines":[{"sku":"RC-100","qty":4,"unit":"carton"}]}"#;
    let out = onebook(&db, &["--lang", "es", "post", &write(dir.path(), "bad.json", too_much)]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("insufficient-stock-at") && err.contains("lines[0].qty") && err.contains("warehouse"),
        "{err}"
    );
    assert_eq!(json(onebook(&db, &["--json", "stock", "RC-100"]))["by_location"][1]["on_hand"], 72);
    let check = json(onebook(&db, &["--json", "check"]));
    assert_eq!(check["ok"], true);
}

// ---------------------------------------------------------------------------------------------
// Replication over the real private PostgreSQL (tests/sync_pg), as tests/sync.rs.

struct Till {
    book: Book,
    owner: Actor,
}

fn till(dir: &Path, prefix: &str) -> Till {
    let mut book = Book::open(dir.join(format!("till-{prefix}.sqlite3"))).unwrap();
    let setup =
        ShopSetup { series_prefix: Some(prefix.into()), ..ShopSetup::new("Lucky Mart", "THB", d("7"), "Asia/Bangkok") };
    let owner = book.init(&setup, Timestamp::now()).unwrap();
    Till { book, owner }
}

fn sync_all(tills: &mut [&mut Till]) {
    for _ in 0..2 {
        for t in tills.iter_mut() {
            t.book.sync_once(&t.owner, Timestamp::now()).unwrap();
        }
    }
}

fn avg_cost(book: &Book, sku: &str) -> String {
    book.stock(sku).unwrap().avg_cost
}

#[test]
fn a_transfer_replicates_and_covers_an_oversell_on_every_till() {
    let server = sync_pg::PgServer::any();
    let dir = tempfile::tempdir().unwrap();
    let mut a = till(dir.path(), "XA");
    let mut b = till(dir.path(), "XB");
    a.book.upsert_product(&a.owner, product("RICE", false), Timestamp::now()).unwrap();
    a.book.add_location(&a.owner, "warehouse", "Back warehouse").unwrap();
    a.book.post(&a.owner, &receipt("RICE", 10, "4.00", "2026-03-02"), Timestamp::now()).unwrap();
    let into = DocumentDraft::from_json(
        r#"{"kind":"receipt","location":"warehouse","lines":[{"sku":"RICE","qty":30,"unit_cost":"5.00"}]}"#,
    )
    .unwrap();
    a.book.post(&a.owner, &into, Timestamp::now()).unwrap();
    let tenant = format!("xfer-{}", &a.book.device().unwrap().device_id[24..]);
    for t in [&mut a, &mut b] {
        t.book.sync_register(&t.owner, &server.admin_url, &tenant, Timestamp::now()).unwrap();
    }
    sync_all(&mut [&mut a, &mut b]);
    // B knows the warehouse and its stock as A does.
    assert!(b.book.locations().unwrap().iter().any(|l| l.code == "warehouse"));
    assert_eq!(balances(&b.book), balances(&a.book));
    assert_eq!(at(&b.book, "RICE", "warehouse"), 30);

    // A transfer made on B appears on A with the same balances and average.
    b.book.post(&b.owner, &transfer("warehouse", "main", "RICE", "2", None, None), Timestamp::now()).unwrap();
    sync_all(&mut [&mut a, &mut b]);
    assert_eq!((at(&a.book, "RICE", "main"), at(&a.book, "RICE", "warehouse")), (12, 28));
    assert_eq!(balances(&a.book), balances(&b.book));
    assert_eq!(avg_cost(&a.book, "RICE"), avg_cost(&b.book, "RICE"));

    // Both tills sell 8 of the 12 on the floor while apart: main ends at -4 on both after merging.
    a.book.post(&a.owner, &sale("RICE", 8, None), Timestamp::now()).unwrap();
    b.book.post(&b.owner, &sale("RICE", 8, None), Timestamp::now()).unwrap();
    sync_all(&mut [&mut a, &mut b]);
    assert_eq!((at(&a.book, "RICE", "main"), at(&b.book, "RICE", "main")), (-4, -4));
    let open = |t: &Till| -> Vec<i64> {
        t.book
            .sync_conflicts(&t.owner)
            .unwrap()
            .into_iter()
            .filter(|c| c.open && c.kind == "oversold")
            .map(|c| c.id)
            .collect()
    };
    let on_a = open(&a);
    assert!(!on_a.is_empty() && !open(&b).is_empty());
    assert!(a.book.sync_status().unwrap().open_conflicts > 0);

    // The owner covers it on A from the warehouse: exactly the 4 missing.
    let cover = a.book.resolve_conflict_by_transfer(&a.owner, on_a[0], "warehouse", Timestamp::now()).unwrap();
    assert_eq!((cover.kind, cover.lines[0].qty_base), (Kind::Transfer, 4));
    assert_eq!((at(&a.book, "RICE", "main"), at(&a.book, "RICE", "warehouse")), (0, 24));
    assert!(open(&a).is_empty());
    // Covering it again is refused, and changes nothing.
    let e = a.book.resolve_conflict_by_transfer(&a.owner, on_a[0], "warehouse", Timestamp::now()).unwrap_err();
    assert_eq!((e.code(), e.field()), ("invalid-input", Some("conflict")));
    sync_all(&mut [&mut a, &mut b]);
    // B merged the transfer: the conflict left its list too, the balances are A's.
    assert!(open(&b).is_empty());
    for t in [&a, &b] {
        assert_eq!(t.book.sync_status().unwrap().open_conflicts, 0);
    }
    assert_eq!(balances(&b.book), balances(&a.book));
    assert_eq!((at(&b.book, "RICE", "main"), at(&b.book, "RICE", "warehouse")), (0, 24));
    assert_eq!(avg_cost(&a.book, "RICE"), avg_cost(&b.book, "RICE"));
    assert_eq!(b.book.document(&cover.doc_no).unwrap().from_location.as_deref(), Some("warehouse"));
}
