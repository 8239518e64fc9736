//! The concurrency test: four tills (real `onebook` processes) post at the same moment against
//! the same three SKUs of one book. Two cashiers sell pieces at retail, two owners invoice
//! cartons; together they ask for about twice the stock, so many documents are refused. Then:
//!
//! - every acknowledged document is in the book, unchanged, and the book holds nothing else:
//!   no sale is lost and none is invented;
//! - the only refusals are `insufficient-stock` and `reserved-for-wholesale` (never `busy` or a
//!   storage error: the library takes the write lock up front and waits for it);
//! - no balance ever went below zero, and no retail sale took the reserved SKU below its reserve
//!   (read from every movement's `balance_after`, which must also chain exactly);
//! - per SKU, opening stock − the acknowledged lines = the final balance; the invariant holds;
//!   every series is gapless though four processes took numbers from it at once.

mod common;

use common::{d, Lcg};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Instant;

use onebook::catalog::{Customer, ProductInput};
use onebook::document::{ReceiptDraft, ReceiptLine};
use onebook::{Book, DocumentDraft, NewUser, Role, ShopSetup, Timestamp};
use rust_decimal::Decimal;
use serde_json::{json, Value};

const CARTON: i64 = 24;
/// Opening stock of each SKU, in pieces: 20 cartons and 20 pieces.
const OPENING: i64 = 500;
/// The SKU kept back from retail for wholesale, and how much.
const RESERVED_SKU: &str = "RICE-5KG";
const RESERVE: i64 = 200;
const SKUS: [&str; 3] = [RESERVED_SKU, "KETTLE", "CABLE"];
/// Wholesale asks for at most this many cartons of the reserved SKU in all, less than what
/// lies above its reserve, so only retail selling can bring it down to the reserve.
const WHOLESALE_RESERVED_CARTONS_MAX: i64 = 10;

fn setup(db: &Path) {
    let mut book = Book::open(db).unwrap();
    let now = Timestamp::now();
    let owner = book
        .init(
            &ShopSetup {
                series_prefix: Some("A".into()),
                ..ShopSetup::new("Four Tills Trading", "AED", Decimal::from(5), "Asia/Dubai")
            },
            now,
        )
        .unwrap();
    for (name, role) in [("till1", Role::Cashier), ("till2", Role::Cashier), ("manager", Role::Owner)] {
        let new = NewUser { username: name.into(), display_name: None, role, locale: None };
        book.add_user(&owner, &new, now).unwrap();
    }
    for code in ["B1", "B2"] {
        let c = Customer {
            code: code.into(),
            name: format!("Buyer {code}"),
            tax_number: None,
            payment_terms_days: 30,
            locale: None,
        };
        book.add_customer(&owner, &c, now).unwrap();
    }
    for (sku, rp, rc, wp, wc) in [
        (RESERVED_SKU, "24.50", "560.00", "19.75", "450.00"),
        ("KETTLE", "45.00", "1020.00", "36.50", "840.00"),
        ("CABLE", "12.95", "295.00", "8.40", "190.00"),
    ] {
        book.upsert_product(
            &owner,
            ProductInput {
                sku: sku.into(),
                name: format!("Product {sku}"),
                base_unit: "piece".into(),
                vat_rate_pct: None,
                retail_reserve: if sku == RESERVED_SKU { Some(RESERVE) } else { None },
                allow_negative: false,
                category: None,
                units: vec![("carton".into(), CARTON)],
                barcodes: vec![],
                retail_prices: vec![("piece".into(), d(rp)), ("carton".into(), d(rc))],
                wholesale_prices: vec![("piece".into(), d(wp)), ("carton".into(), d(wc))],
            },
            now,
        )
        .unwrap();
    }
    // 20 cartons and 20 loose pieces of each.
    let mut lines = vec![];
    for sku in SKUS {
        let line = |qty: i64, unit: &str| ReceiptLine {
            sku: Some(sku.into()),
            barcode: None,
            qty: Decimal::from(qty),
            unit: Some(unit.into()),
            unit_cost: d(if unit == "carton" { "240.00" } else { "10.00" }),
        };
        lines.push(line(OPENING / CARTON, "carton"));
        lines.push(line(OPENING % CARTON, "piece"));
    }
    let receipt = DocumentDraft::Receipt(ReceiptDraft { date: None, supplier: None, lines, note: None });
    book.post(&owner, &receipt, now).unwrap();
}

/// A cashier's sales: a few pieces (now and then a carton), mostly of the reserved SKU.
fn cashier_list(rng: &mut Lcg, n: usize) -> Vec<Value> {
    (0..n)
        .map(|_| {
            let lines: Vec<Value> = (0..1 + rng.below(2))
                .map(|_| {
                    let sku = match rng.below(5) {
                        0..=2 => RESERVED_SKU,
                        3 => "KETTLE",
                        _ => "CABLE",
                    };
                    if rng.below(40) == 0 {
                        json!({"sku": sku, "qty": 1, "unit": "carton"})
                    } else {
                        json!({"sku": sku, "qty": 1 + rng.below(3), "unit": "piece"})
                    }
                })
                .collect();
            json!({"kind": "sale", "lines": lines})
        })
        .collect()
}

/// An owner's invoices: a carton or two (now and then loose pieces).
fn owner_list(rng: &mut Lcg, n: usize) -> Vec<Value> {
    let mut reserved_cartons = 0;
    (0..n)
        .map(|i| {
            let mut lines = vec![];
            for _ in 0..if rng.below(4) == 0 { 2 } else { 1 } {
                let mut sku = SKUS[rng.below(3) as usize];
                let qty = if rng.below(4) == 0 { 2 } else { 1 };
                if sku == RESERVED_SKU {
                    if reserved_cartons + qty > WHOLESALE_RESERVED_CARTONS_MAX / 2 {
                        sku = if i % 2 == 0 { "KETTLE" } else { "CABLE" };
                    } else {
                        reserved_cartons += qty;
                    }
                }
                if rng.below(8) == 0 && sku != RESERVED_SKU {
                    lines.push(json!({"sku": sku, "qty": 1 + rng.below(10), "unit": "piece"}));
                } else {
                    lines.push(json!({"sku": sku, "qty": qty, "unit": "carton"}));
                }
            }
            json!({"kind": "invoice", "buyer": if i % 2 == 0 { "B1" } else { "B2" }, "lines": lines})
        })
        .collect()
}

fn asked(list: &[Value]) -> BTreeMap<String, i64> {
    let mut out = BTreeMap::new();
    for doc in list {
        for l in doc["lines"].as_array().unwrap() {
            let factor = if l["unit"] == "carton" { CARTON } else { 1 };
            *out.entry(l["sku"].as_str().unwrap().to_string()).or_insert(0) += l["qty"].as_i64().unwrap() * factor;
        }
    }
    out
}

struct Till {
    user: &'static str,
    list: Vec<Value>,
    child: Child,
}

#[test]
fn four_tills_at_once_lose_nothing_oversell_nothing_and_conserve_stock() {
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tills.onebook");
    setup(&db);

    let mut rng = Lcg(0xC0_5EED_7111);
    let plans: Vec<(&'static str, Vec<Value>)> = vec![
        ("till1", cashier_list(&mut rng, 150)),
        ("till2", cashier_list(&mut rng, 150)),
        ("owner", owner_list(&mut rng, 25)),
        ("manager", owner_list(&mut rng, 25)),
    ];
    // Together they ask for far more than there is.
    let mut demand: BTreeMap<String, i64> = BTreeMap::new();
    let mut retail_reserved_demand = 0;
    for (user, list) in &plans {
        for (sku, q) in asked(list) {
            *demand.entry(sku.clone()).or_insert(0) += q;
            if user.starts_with("till") && sku == RESERVED_SKU {
                retail_reserved_demand += q;
            }
        }
    }
    for sku in SKUS {
        assert!(
            demand[sku] > OPENING + OPENING / 2,
            "the tills ask for {} of {sku}, not enough to run out",
            demand[sku]
        );
    }
    assert!(
        retail_reserved_demand > 2 * (OPENING - RESERVE),
        "retail asks for {retail_reserved_demand} of {RESERVED_SKU}"
    );

    // Start every till; each opens the book, then waits for its list on stdin, so all of them
    // begin posting at the same moment.
    let mut tills: Vec<Till> = plans
        .into_iter()
        .map(|(user, list)| {
            let child = Command::new(env!("CARGO_BIN_EXE_onebook"))
                .arg("--db")
                .arg(&db)
                .args(["--user", user, "--json", "post", "-"])
                .env_remove("ONEBOOK_LANG")
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("start the onebook binary");
            Till { user, list, child }
        })
        .collect();
    let texts: Vec<String> = tills.iter().map(|t| serde_json::to_string(&t.list).unwrap()).collect();
    let mut readers = vec![];
    for t in tills.iter_mut() {
        let stdout = t.child.stdout.take().unwrap();
        let mut stderr = t.child.stderr.take().unwrap();
        readers.push(std::thread::spawn(move || {
            let lines: Vec<Value> = BufReader::new(stdout)
                .lines()
                .map(|l| {
                    let l = l.unwrap();
                    serde_json::from_str(&l).unwrap_or_else(|e| panic!("{e}: {l}"))
                })
                .collect();
            let mut err = String::new();
            stderr.read_to_string(&mut err).ok();
            (lines, err)
        }));
    }
    // Hand out the lists, then close every stdin at once.
    let mut stdins: Vec<_> = tills.iter_mut().map(|t| t.child.stdin.take().unwrap()).collect();
    for (stdin, text) in stdins.iter_mut().zip(&texts) {
        // A till that died at start-up has closed its stdin; the checks below show its stderr.
        stdin.write_all(text.as_bytes()).ok();
    }
    drop(stdins);
    let posting = Instant::now();

    let mut acked: HashMap<String, (usize, Value)> = HashMap::new();
    let mut refusals: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut sold_acked: BTreeMap<String, i64> = BTreeMap::new();
    let mut ok_per_till = vec![];
    for (k, (t, reader)) in tills.iter_mut().zip(readers).enumerate() {
        let status = t.child.wait().unwrap();
        let (lines, stderr) = reader.join().expect("reader");
        let who = format!("{} (process {k})", t.user);
        assert!(stderr.is_empty(), "{who} wrote to stderr: {stderr}");
        assert_eq!(lines.len(), t.list.len(), "{who}: one line per document");
        let mut ok = 0;
        let mut last_number: HashMap<String, i64> = HashMap::new();
        for (i, line) in lines.iter().enumerate() {
            assert_eq!(line["index"].as_u64(), Some(i as u64), "{who}: lines in order\n{line}");
            if line["ok"] == Value::Bool(true) {
                ok += 1;
                let doc = &line["document"];
                let doc_no = doc["doc_no"].as_str().unwrap().to_string();
                assert_eq!(doc["user"].as_str(), Some(t.user), "{who}: {doc_no} recorded under another user");
                assert_eq!(doc["kind"], t.list[i]["kind"], "{who}: {doc_no} kind");
                let (lines_out, lines_in) = (doc["lines"].as_array().unwrap(), t.list[i]["lines"].as_array().unwrap());
                assert_eq!(lines_out.len(), lines_in.len(), "{who}: {doc_no} line count");
                assert_eq!(doc["movements"].as_i64(), Some(lines_in.len() as i64), "{who}: {doc_no} movements");
                for (o, w) in lines_out.iter().zip(lines_in) {
                    assert_eq!((&o["sku"], &o["unit"]), (&w["sku"], &w["unit"]), "{who}: {doc_no} line");
                    let factor = if w["unit"] == "carton" { CARTON } else { 1 };
                    let qty_base = o["qty_base"].as_i64().unwrap();
                    assert_eq!(qty_base, w["qty"].as_i64().unwrap() * factor, "{who}: {doc_no} qty_base");
                    *sold_acked.entry(o["sku"].as_str().unwrap().to_string()).or_insert(0) += qty_base;
                }
                // One till posts one document after another: its numbers only go up.
                let (series, n) = doc_no.rsplit_once('-').unwrap();
                let n: i64 = n.parse().unwrap();
                if let Some(prev) = last_number.insert(series.to_string(), n) {
                    assert!(n > prev, "{who}: {doc_no} numbered after {series}-{prev}");
                }
                assert!(acked.insert(doc_no.clone(), (k, doc.clone())).is_none(), "{doc_no} acknowledged twice");
            } else {
                assert_eq!(line["ok"], Value::Bool(false), "{who}: {line}");
                let code = line["error"]["code"].as_str().unwrap_or("?").to_string();
                let kind = t.list[i]["kind"].as_str().unwrap();
                let allowed: &[&str] = if kind == "sale" {
                    &["insufficient-stock", "reserved-for-wholesale"]
                } else {
                    &["insufficient-stock"]
                };
                assert!(allowed.contains(&code.as_str()), "{who}: {kind} {i} refused with {code}: {line}");
                *refusals.entry((kind.to_string(), code)).or_insert(0) += 1;
            }
        }
        let refused = t.list.len() - ok;
        assert_eq!(status.code(), Some(if refused > 0 { 1 } else { 0 }), "{who}: exit status {status:?}");
        ok_per_till.push((t.user, ok, refused));
    }
    let posting_time = posting.elapsed();

    let book = Book::open(&db).unwrap();
    let conn = book.connection();

    // No sale lost, none invented: the book holds exactly the acknowledged documents.
    let in_book: HashSet<String> = {
        let mut st = conn.prepare("SELECT doc_no FROM documents WHERE kind IN ('sale', 'invoice')").unwrap();
        let rows = st.query_map([], |r| r.get::<_, String>(0)).unwrap();
        rows.collect::<Result<_, _>>().unwrap()
    };
    let acked_nos: HashSet<String> = acked.keys().cloned().collect();
    assert_eq!(in_book.len(), acked.len(), "documents in the book vs acknowledgements");
    assert_eq!(in_book, acked_nos, "the book's documents are the acknowledged ones");
    for (doc_no, (_, printed)) in &acked {
        let stored = serde_json::to_value(book.document(doc_no).unwrap()).unwrap();
        assert_eq!(&stored, printed, "{doc_no} differs from its acknowledgement");
    }

    // No balance below zero, no retail sale below the reserve, and balances that chain.
    let mut st = conn
        .prepare(
            "SELECT p.sku, m.kind, m.qty_base, m.balance_after, m.device_seq FROM movements m
             JOIN products p ON p.id = m.product_id ORDER BY m.device_seq",
        )
        .unwrap();
    let moves: Vec<(String, String, i64, i64, i64)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut running: BTreeMap<String, i64> = BTreeMap::new();
    let mut retail_reserved_sold = 0;
    for (i, (sku, kind, qty, after, seq)) in moves.iter().enumerate() {
        assert_eq!(*seq, i as i64 + 1, "movement sequence is dense");
        let bal = running.entry(sku.clone()).or_insert(0);
        *bal += qty;
        assert_eq!(*after, *bal, "movement {seq} of {sku}: balance_after does not chain");
        assert!(*after >= 0, "movement {seq} ({kind}) took {sku} to {after}");
        if sku == RESERVED_SKU && kind == "sale" {
            retail_reserved_sold -= qty;
            assert!(*after >= RESERVE, "retail sale (movement {seq}) took {sku} to {after}, below its reserve");
        }
    }
    assert!(retail_reserved_sold <= OPENING - RESERVE, "retail sold {retail_reserved_sold} of {RESERVED_SKU}");

    // Conservation per SKU: opening − acknowledged lines = final balance.
    for sku in SKUS {
        let view = book.stock(sku).unwrap();
        let sold = sold_acked.get(sku).copied().unwrap_or(0);
        assert_eq!(view.on_hand, OPENING - sold, "{sku}: opening {OPENING} − acknowledged {sold} ≠ on hand");
        assert_eq!(running[sku], view.on_hand, "{sku}: movements sum vs balance");
        assert!(view.on_hand >= 0, "{sku} below zero");
    }
    assert_eq!(book.invariant_violations().unwrap(), vec![], "balance = sum of movements");
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");

    // Gapless numbers per series, though four processes drew from them at once.
    let mut st = conn
        .prepare(
            "SELECT d.series, count(*), min(d.number), max(d.number), s.last_number
             FROM documents d LEFT JOIN series s ON s.series = d.series GROUP BY d.series",
        )
        .unwrap();
    let series: Vec<(String, i64, i64, i64, Option<i64>)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (s, n, lo, hi, last) in &series {
        assert_eq!((*lo, *hi, *last), (1, *n, Some(*n)), "series {s} is not gapless 1..{n}");
    }

    // The stock ran out and the reserve held: both refusals were met.
    assert!(refusals.keys().any(|(_, c)| c == "insufficient-stock"), "nothing ran out: {refusals:?}");
    assert!(
        refusals.contains_key(&("sale".to_string(), "reserved-for-wholesale".to_string())),
        "no sale met the reserve: {refusals:?}"
    );
    let mut order: Vec<(i64, usize)> = {
        let mut st = conn
            .prepare(
                "SELECT d.doc_no, min(m.device_seq) FROM documents d JOIN movements m ON m.document_id = d.id
                 GROUP BY d.id",
            )
            .unwrap();
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))).unwrap();
        rows.filter_map(|r| {
            let (no, seq) = r.unwrap();
            acked.get(&no).map(|(k, _)| (seq, *k))
        })
        .collect()
    };
    order.sort();
    // How often the ledger passes from one till's document to another's (shown, not asserted:
    // SQLite's busy handler lets a till post in bursts while the others back off).
    let switches = order.windows(2).filter(|w| w[0].1 != w[1].1).count();
    println!(
        "concurrency test: {} processes {ok_per_till:?} (user, acknowledged, refused); refusals {refusals:?}; \
         demand {demand:?} against {OPENING} each; final {:?}; {switches} switches between tills in the ledger; \
         posting {:.2} s, total {:.2} s",
        tills.len(),
        SKUS.iter().map(|s| (s, OPENING - sold_acked.get(*s).copied().unwrap_or(0))).collect::<Vec<_>>(),
        posting_time.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
}
