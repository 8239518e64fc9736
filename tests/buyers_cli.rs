//! The buyers' commands as the owner and the accountant type them: tiers, terms, credit refusal
//! and override, payments, aging, reorder and the order sheet.

use std::process::Output;

mod common;
use common::{json, ok, onebook};

fn refused(out: Output) -> serde_json::Value {
    assert_eq!(out.status.code(), Some(1), "stdout: {}", String::from_utf8_lossy(&out.stdout));
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).expect("JSON error");
    err["error"].clone()
}

const CSV: &str = "\
sku,name,base_unit,vat_rate,units,barcodes,wholesale_prices
RC-100,Rice cooker 1.8 L,piece,5,carton=24,piece=6290001000015; carton=16290001000012,carton=1000.00
";

#[test]
fn a_buyer_on_tier_a_with_credit_terms_orders_pays_and_reorders() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.sqlite3");
    let file = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.to_str().unwrap().to_string()
    };
    ok(onebook(&db, &["init", "--shop", "Stall", "--currency", "AED", "--vat", "5", "--tz", "Asia/Dubai"]));
    ok(onebook(&db, &["user", "add", "lina", "--role", "accountant"]));
    ok(onebook(&db, &["import", "products", &file("p.csv", CSV)]));
    let b = json(onebook(
        &db,
        &[
            "--json",
            "buyer",
            "add",
            "B001",
            "--name",
            "Al Noor",
            "--tier",
            "a",
            "--credit-limit",
            "3000",
            "--terms",
            "eom",
        ],
    ));
    assert_eq!((b["tier"].as_str(), b["credit_limit"].as_str()), (Some("A"), Some("3000.00")));
    assert_eq!(b["terms"]["kind"], "end_of_month");
    let r = json(onebook(&db, &["--json", "tier", "set", "A", "RC-100", "950", "--unit", "carton"]));
    assert_eq!(r["price"], "950");
    json(onebook(&db, &["--json", "tier", "set", "A", "16290001000012", "900", "--min-qty", "10"]));
    let q = json(onebook(&db, &["--json", "price", "quote", "B001", "RC-100", "--qty", "10", "--unit", "carton"]));
    assert_eq!((q["price"].as_str(), q["basis"]["min_qty"].as_str()), (Some("900"), Some("10")));

    ok(onebook(
        &db,
        &[
            "post",
            &file(
                "r.json",
                r#"{"kind":"receipt","lines":[{"sku":"RC-100","qty":20,"unit":"carton","unit_cost":"700"}]}"#,
            ),
        ],
    ));
    let inv = r#"{"kind":"invoice","buyer":"B001","lines":[{"sku":"RC-100","qty":2,"unit":"carton"}]}"#;
    let doc = json(onebook(&db, &["--json", "post", &file("i.json", inv)]));
    assert_eq!(
        (doc["gross"].as_str(), doc["lines"][0]["price_basis"]["source"].as_str()),
        (Some("1995.00"), Some("tier"))
    );
    let inv_no = doc["doc_no"].as_str().unwrap().to_string();

    // A second one takes B001 over 3 000: refused with the figures; the owner overrides.
    let e = refused(onebook(&db, &["--json", "post", &file("i2.json", inv)]));
    assert_eq!(e["code"], "credit-limit-exceeded");
    assert!(e["message"].as_str().unwrap().contains("3000.00"), "{e}");
    let doc2 = json(onebook(&db, &["--json", "post", "--credit-override", "good payer", &file("i3.json", inv)]));
    assert_eq!(doc2["credit_override"]["reason"], "good payer");

    // The accountant records a bank transfer against the first invoice, with 5.00 left over.
    let pay = json(onebook(
        &db,
        &["--json", "--user", "lina", "pay", "B001", "2000", "--method", "bank", "--invoice", &inv_no],
    ));
    assert_eq!((pay["unapplied"].as_str(), pay["balance_after"].as_str()), (Some("5.00"), Some("1990.00")));
    let aging = json(onebook(&db, &["--json", "--user", "lina", "aging"]));
    assert_eq!(aging["rows"][0]["total"], "1990.00");
    assert_eq!(aging["rows"][0]["credit"], "5.00");
    assert!(ok(onebook(&db, &["aging", "--at", "2099-01-31"])).contains("B001"));

    // Reorder: the draft on stdout is what `post` reads.
    let draft = ok(onebook(&db, &["reorder", &inv_no]));
    let d: serde_json::Value = serde_json::from_str(&draft).unwrap();
    assert_eq!((d["kind"].as_str(), d["buyer"].as_str()), (Some("invoice"), Some("B001")));
    let re = json(onebook(&db, &["--json", "reorder", &inv_no]));
    assert_eq!(re["changes"].as_array().unwrap().len(), 0);

    // The order sheet: every bad line listed, exit 1, nothing made.
    let sheet = file("o.csv", "code,qty,unit\nRC-100,2,carton\nXX-1,1,carton\nRC-100,0.5,piece\n");
    let e = refused(onebook(&db, &["--json", "order", "upload", "B001", &sheet]));
    assert_eq!(e["code"], "order-rejected");
    let lines: Vec<u64> = e["rows"].as_array().unwrap().iter().map(|r| r["line"].as_u64().unwrap()).collect();
    assert_eq!(lines, [3, 4]);
    let sheet = file("o2.csv", "code,qty,unit\nRC-100,2,carton\n16290001000012,10\n");
    let up = json(onebook(&db, &["--json", "order", "upload", "B001", &sheet]));
    assert_eq!(up["lines"][1]["unit_price"], "900");
}
