//! The `onebook` command line as a merchant uses it: set up, import the catalog, sell by the piece,
//! invoice by the carton, and see one stock number move.

mod common;
use common::{json, ok, onebook};

const CSV: &str = "\
sku,name,base_unit,vat_rate,reserve,units,barcodes,retail_prices,wholesale_prices
RC-100,Rice cooker 1.8 L,piece,5,30,carton=24; pallet=200 carton,piece=6290001000015; carton=16290001000012,piece=89.00,carton=1680.00
KT-200,Kettle 1.7 L,piece,5,,carton=12,piece=6290001000022,piece=45.00; carton=490.00,carton=420.00
";

#[test]
fn two_cartons_invoiced_and_the_till_sees_48_fewer() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.sqlite3");
    let csv = dir.path().join("products.csv");
    std::fs::write(&csv, CSV).unwrap();

    ok(onebook(&db, &["init", "--shop", "Dragon Mart 101", "--currency", "AED", "--vat", "5", "--tz", "Asia/Dubai"]));
    ok(onebook(&db, &["user", "add", "mei", "--role", "cashier", "--user-lang", "zh-CN"]));
    ok(onebook(
        &db,
        &["buyer", "add", "B001", "--name", "Al Noor Trading", "--terms", "30", "--tax-number", "100998877600003"],
    ));
    let import = json(onebook(&db, &["--json", "import", "products", csv.to_str().unwrap()]));
    assert_eq!((import["created"].as_u64(), import["skipped"].as_u64()), (Some(2), Some(0)));

    let receipt = dir.path().join("receipt.json");
    std::fs::write(&receipt, r#"{"kind":"receipt","supplier":"Ningbo","lines":[{"sku":"RC-100","qty":5,"unit":"carton","unit_cost":"1200.00"}]}"#).unwrap();
    ok(onebook(&db, &["post", receipt.to_str().unwrap()]));
    let stock = json(onebook(&db, &["--json", "stock", "6290001000015"]));
    assert_eq!(stock["on_hand"], 120);
    assert_eq!(stock["on_hand_mixed"], "5 ctn");
    assert_eq!(stock["avg_cost"], "50.0000");

    // The owner invoices two cartons, scanned by the carton's GTIN-14.
    let invoice = dir.path().join("invoice.json");
    std::fs::write(&invoice, r#"{"kind":"invoice","buyer":"B001","lines":[{"barcode":"16290001000012","qty":2}]}"#)
        .unwrap();
    let inv = json(onebook(&db, &["--json", "post", invoice.to_str().unwrap()]));
    assert_eq!(inv["doc_no"], "INV-A-000001");
    assert_eq!(inv["lines"][0]["unit"], "carton");
    assert_eq!(inv["lines"][0]["qty_base"], 48);
    assert_eq!(
        (inv["net"].as_str(), inv["vat"].as_str(), inv["gross"].as_str()),
        (Some("3360.00"), Some("168.00"), Some("3528.00"))
    );
    // The till sees 48 fewer, in mixed units.
    let stock = json(onebook(&db, &["--json", "stock", "RC-100"]));
    assert_eq!(stock["on_hand"], 72);
    assert_eq!(stock["on_hand_mixed"], "3 ctn");
    assert_eq!(stock["available_retail"], 42, "72 on hand, 30 kept for wholesale");

    // The cashier sells 40 pieces: fine. The next 3 would eat into the wholesale reserve: refused,
    // in the cashier's own language, and nothing changes.
    let sale = dir.path().join("sale.json");
    std::fs::write(&sale, r#"{"kind":"sale","lines":[{"barcode":"6290001000015","qty":40}],"payments":[{"method":"card","amount":"3000"},{"method":"cash","amount":"600"}]}"#).unwrap();
    let s = json(onebook(&db, &["--json", "--user", "mei", "post", sale.to_str().unwrap()]));
    assert_eq!(s["gross"], "3560.00");
    assert_eq!(s["change"], "40.00");
    std::fs::write(&sale, r#"{"kind":"sale","lines":[{"sku":"RC-100","qty":3}]}"#).unwrap();
    let refused = onebook(&db, &["--user", "mei", "post", sale.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(refused.stdout.is_empty());
    let stderr = String::from_utf8(refused.stderr).unwrap();
    assert!(stderr.contains("reserved-for-wholesale"), "{stderr}");
    assert!(stderr.contains("RC-100") && stderr.contains("批发"), "Chinese for the cashier: {stderr}");
    let stock = json(onebook(&db, &["--json", "stock", "RC-100"]));
    assert_eq!((stock["on_hand"].as_i64(), stock["available_retail"].as_i64()), (Some(32), Some(2)));
    assert_eq!(stock["reserved_for_wholesale"], false);
    // The last 2 above the reserve sell; then the till shows the SKU as reserved for wholesale.
    std::fs::write(&sale, r#"{"kind":"sale","lines":[{"sku":"RC-100","qty":2}]}"#).unwrap();
    ok(onebook(&db, &["--user", "mei", "post", sale.to_str().unwrap()]));
    let stock = json(onebook(&db, &["--json", "stock", "RC-100"]));
    assert_eq!((stock["on_hand"].as_i64(), stock["available_retail"].as_i64()), (Some(30), Some(0)));
    assert_eq!(stock["reserved_for_wholesale"], true);

    // A cashier cannot receive goods.
    let denied = onebook(&db, &["--json", "--user", "mei", "post", receipt.to_str().unwrap()]);
    assert_eq!(denied.status.code(), Some(1));
    let err: serde_json::Value = serde_json::from_slice(&denied.stderr).unwrap();
    assert_eq!(err["error"]["code"], "permission-denied");

    // The month report sees both channels from the one ledger.
    let month = chrono::Utc::now().format("%Y-%m").to_string();
    let report = json(onebook(&db, &["--json", "report", "month", &month]));
    if report["period_start"].as_str().unwrap() <= inv["occurred_at"].as_str().unwrap() {
        assert_eq!(report["channels"]["wholesale"]["gross_sales"], "3360.00");
        assert_eq!(report["channels"]["retail"]["sold_qty_base"], 42);
        assert_eq!(report["channels"]["total"]["orders"], 3);
    }
    ok(onebook(&db, &["check"]));
}

#[test]
fn a_list_of_documents_reports_each_outcome_and_keeps_the_good_ones() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.sqlite3");
    let csv = dir.path().join("products.csv");
    std::fs::write(&csv, CSV).unwrap();
    ok(onebook(&db, &["init", "--shop", "S", "--currency", "AED", "--vat", "5", "--tz", "Asia/Dubai"]));
    ok(onebook(&db, &["import", "products", csv.to_str().unwrap()]));
    let list = dir.path().join("list.json");
    std::fs::write(
        &list,
        r#"[
          {"kind":"receipt","lines":[{"sku":"KT-200","qty":1,"unit":"carton","unit_cost":"300"}]},
          {"kind":"sale","lines":[{"sku":"KT-200","qty":13}]},
          {"kind":"sale","lines":[{"sku":"KT-200","qty":2}]}
        ]"#,
    )
    .unwrap();
    let out = onebook(&db, &["--json", "post", list.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "one of three was refused");
    let lines: Vec<serde_json::Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["ok"], true);
    assert_eq!(lines[1]["error"]["code"], "insufficient-stock");
    assert_eq!(lines[2]["document"]["doc_no"], "S-A-000001", "gapless: the refused sale took no number");
    let stock = json(onebook(&db, &["--json", "stock", "KT-200"]));
    assert_eq!(stock["on_hand"], 10);
}

#[test]
fn errors_speak_every_language() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.sqlite3");
    let mut seen = std::collections::HashSet::new();
    for lang in ["en", "zh-CN", "zh-TW", "es", "pt", "ar", "th"] {
        let out = onebook(&db, &["--lang", lang, "stock", "X"]);
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains("not-initialized"), "{lang}: {stderr}");
        assert!(seen.insert(stderr.clone()), "{lang} repeats another language: {stderr}");
    }
}
