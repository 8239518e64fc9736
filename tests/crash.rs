//! The crash test: the real `onebook` binary posts a list of sales and invoices, one transaction
//! and one JSON line per document, and is killed with SIGKILL at a pseudo-random moment, over and
//! over (at least 100 kills; `ONEBOOK_CRASH_CYCLES` raises it): mostly 5..150 ms after its first
//! acknowledgement, in the middle of its postings, and one run in four 0..150 ms after its start.
//! After every kill the book is opened again with the library (which recovers the WAL) and must
//! show:
//!
//! - every document the child acknowledged, whole: the same lines and totals it printed;
//! - at most one more document than it acknowledged in that run (committed just before the kill,
//!   not yet printed), and that one whole too, and the next one of the list;
//! - no half-written document anywhere: every line of a sale, invoice or receipt has exactly its
//!   one movement, every sale its payment, every header the sums of its lines;
//! - gapless numbers 1..N in every series, a dense ledger sequence;
//! - balance = sum of movements (the invariant), balance = opening − everything sold, and a sound
//!   SQLite file (`PRAGMA integrity_check`).

mod common;

use common::{d, Lcg};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use onebook::catalog::{Customer, ProductInput};
use onebook::document::{ReceiptDraft, ReceiptLine};
use onebook::{Book, DocumentDraft, ShopSetup, Timestamp};
use rust_decimal::Decimal;
use serde_json::{json, Value};

/// At least this many SIGKILLs land on a child that is still running.
const CYCLES_DEFAULT: usize = 100;
/// Documents in each run's list: more than a child can post before its kill.
const DOCS_PER_RUN: usize = 400;
/// Cartons received of each product before the first run.
const OPENING_CARTONS: i64 = 1_000_000;
/// The currency's decimals (AED).
const MINOR_UNITS: u32 = 2;

/// (sku, name, carton factor, retail piece, retail carton, wholesale piece, wholesale carton, cost per carton)
type ProductRow =
    (&'static str, &'static str, i64, &'static str, &'static str, &'static str, &'static str, &'static str);
const PRODUCTS: &[ProductRow] = &[
    ("KET-17", "Electric kettle 1.7 L", 12, "45.00", "510.00", "36.50", "420.00", "310.00"),
    ("CBL-USBC", "USB-C cable 1 m", 24, "12.95", "295.00", "8.40", "190.00", "96.00"),
    ("BAT-AA4", "AA batteries 4-pack", 48, "9.99", "449.00", "6.15", "280.00", "190.08"),
    ("FAN-16", "Stand fan 16 in", 4, "99.00", "375.00", "72.00", "270.00", "199.99"),
    ("BLB-9W", "LED bulb 9 W E27", 100, "6.25", "590.00", "3.95", "370.00", "210.50"),
    ("IRN-ST", "Steam iron", 6, "79.50", "449.95", "58.10", "330.00", "240.00"),
];
const BUYERS: &[&str] = &["B1", "B2"];

fn setup(db: &Path) {
    let mut book = Book::open(db).unwrap();
    let now = Timestamp::now();
    let owner = book
        .init(
            &ShopSetup {
                tax_number: Some("100234567800003".into()),
                owner_name: Some("Owner".into()),
                series_prefix: Some("A".into()),
                ..ShopSetup::new("Crash Test Trading", "AED", Decimal::from(5), "Asia/Dubai")
            },
            now,
        )
        .unwrap();
    for &(sku, name, carton, rp, rc, wp, wc, _) in PRODUCTS {
        book.upsert_product(
            &owner,
            ProductInput {
                sku: sku.into(),
                name: name.into(),
                base_unit: "piece".into(),
                vat_rate_pct: None,
                retail_reserve: None,
                allow_negative: false,
                category: None,
                units: vec![("carton".into(), carton)],
                barcodes: vec![],
                retail_prices: vec![("piece".into(), d(rp)), ("carton".into(), d(rc))],
                wholesale_prices: vec![("piece".into(), d(wp)), ("carton".into(), d(wc))],
            },
            now,
        )
        .unwrap();
    }
    for (i, code) in BUYERS.iter().enumerate() {
        book.add_customer(
            &owner,
            &Customer {
                code: code.to_string(),
                name: format!("Buyer {code}"),
                tax_number: None,
                payment_terms_days: 30 * i as i64,
                locale: None,
            },
            now,
        )
        .unwrap();
    }
    let lines = PRODUCTS
        .iter()
        .map(|&(sku, _, _, _, _, _, _, cost)| ReceiptLine {
            sku: Some(sku.into()),
            barcode: None,
            qty: Decimal::from(OPENING_CARTONS),
            unit: Some("carton".into()),
            unit_cost: d(cost),
        })
        .collect();
    let receipt =
        DocumentDraft::Receipt(ReceiptDraft { date: None, supplier: Some("Opening stock".into()), lines, note: None });
    book.post(&owner, &receipt, now).unwrap();
}

/// A list of sales and invoices, mixed units, one to five lines each.
fn drafts(rng: &mut Lcg) -> Vec<Value> {
    (0..DOCS_PER_RUN)
        .map(|_| {
            let n = 1 + rng.below(5) as usize;
            let lines: Vec<Value> = (0..n)
                .map(|_| {
                    let (sku, _, carton, ..) = PRODUCTS[rng.below(PRODUCTS.len() as u64) as usize];
                    match rng.below(6) {
                        0 | 1 => json!({"sku": sku, "qty": 1 + rng.below(3), "unit": "carton"}),
                        // Half a carton is a whole number of pieces for every even carton.
                        2 if carton % 2 == 0 => json!({"sku": sku, "qty": "0.5", "unit": "carton"}),
                        3 => json!({"sku": sku, "qty": 1 + rng.below(9)}),
                        _ => json!({"sku": sku, "qty": 1 + rng.below(12), "unit": "piece"}),
                    }
                })
                .collect();
            if rng.below(5) < 3 {
                json!({"kind": "sale", "lines": lines})
            } else {
                let buyer = BUYERS[rng.below(BUYERS.len() as u64) as usize];
                json!({"kind": "invoice", "buyer": buyer, "lines": lines})
            }
        })
        .collect()
}

/// What the parent knows of one acknowledged document.
#[derive(Debug, Clone)]
struct Ack {
    lines: usize,
    net_minor: i64,
    vat_minor: i64,
    gross_minor: i64,
    movements: i64,
}

fn minor(text: &Value) -> i64 {
    let s = text.as_str().unwrap_or_else(|| panic!("money is text: {text}"));
    let v = Decimal::from_str_exact(s).unwrap_or_else(|e| panic!("{s}: {e}"));
    (v * Decimal::from(10i64.pow(MINOR_UNITS))).normalize().to_string().parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// The document the child printed matches the draft it was given, line for line.
fn assert_matches_draft(doc: &Value, draft: &Value, what: &str) {
    assert_eq!(doc["kind"], draft["kind"], "{what}: kind");
    let (lines, wanted) = (doc["lines"].as_array().unwrap(), draft["lines"].as_array().unwrap());
    assert_eq!(lines.len(), wanted.len(), "{what}: line count\n{doc}\n{draft}");
    for (i, (l, w)) in lines.iter().zip(wanted).enumerate() {
        assert_eq!(l["line"].as_i64(), Some(i as i64 + 1), "{what}: line number");
        assert_eq!(l["sku"], w["sku"], "{what}: line {i} sku");
        let unit = w["unit"].as_str().unwrap_or("piece");
        assert_eq!(l["unit"].as_str(), Some(unit), "{what}: line {i} unit");
        let want_qty = match &w["qty"] {
            Value::String(s) => d(s),
            n => d(&n.to_string()),
        };
        assert_eq!(d(l["qty"].as_str().unwrap()), want_qty, "{what}: line {i} qty");
        let factor = l["factor_to_base"].as_i64().unwrap();
        assert_eq!(
            Decimal::from(l["qty_base"].as_i64().unwrap()),
            want_qty * Decimal::from(factor),
            "{what}: qty_base"
        );
    }
    if draft["kind"] == "invoice" {
        assert_eq!(doc["buyer"], draft["buyer"], "{what}: buyer");
    }
    let sum = |k: &str| lines.iter().map(|l| minor(&l[k])).sum::<i64>();
    for k in ["net", "vat", "gross"] {
        assert_eq!(minor(&doc[k]), sum(k), "{what}: {k} is the sum of the lines\n{doc}");
    }
    assert_eq!(doc["movements"].as_i64(), Some(lines.len() as i64), "{what}: one movement per line\n{doc}");
}

/// One run of the child: what it printed before it died, and how it died.
struct Run {
    acks: Vec<Value>,
    partial_tail: bool,
    killed: bool,
    status: std::process::ExitStatus,
    stderr: String,
}

/// When the kill's delay starts counting.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Clock {
    /// From the start of the process: the kill may land while it opens the book or reads its list.
    Spawn,
    /// From its first acknowledgement: the kill lands among the postings.
    FirstAck,
}

fn run_child(db: &Path, list: &Path, from: Clock, delay: Duration) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_onebook"))
        .arg("--db")
        .arg(db)
        .arg("--json")
        .arg("post")
        .arg(list)
        .env_remove("ONEBOOK_USER")
        .env_remove("ONEBOOK_LANG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the onebook binary");
    let stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    // Read every line as it comes: an acknowledgement is a whole line, newline included.
    let (first_tx, first_rx) = std::sync::mpsc::channel::<()>();
    let reader = std::thread::spawn(move || {
        let mut r = BufReader::new(stdout);
        let (mut acks, mut partial) = (vec![], false);
        loop {
            let mut line = String::new();
            match r.read_line(&mut line) {
                Ok(0) => break,
                Ok(_) if line.ends_with('\n') => {
                    acks.push(serde_json::from_str::<Value>(&line).unwrap_or_else(|e| panic!("{e}: {line}")));
                    first_tx.send(()).ok();
                }
                // Cut off by the kill: not an acknowledgement.
                Ok(_) => partial = true,
                Err(e) => panic!("reading the child's stdout: {e}"),
            }
        }
        (acks, partial)
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        stderr.read_to_string(&mut s).ok();
        s
    });
    if from == Clock::FirstAck {
        // Without a first line (the child died, or is stuck) the checks below tell why.
        first_rx.recv_timeout(Duration::from_secs(20)).ok();
    }
    std::thread::sleep(delay);
    let killed = match child.try_wait().unwrap() {
        Some(_) => false,
        None => {
            child.kill().expect("SIGKILL the child");
            true
        }
    };
    let status = child.wait().unwrap();
    let (acks, partial_tail) = reader.join().expect("stdout reader");
    let stderr = err_reader.join().expect("stderr reader");
    // It may have finished on its own between the look and the kill.
    let killed = killed && status.signal() == Some(9);
    Run { acks, partial_tail, killed, status, stderr }
}

fn count(book: &Book, sql: &str) -> i64 {
    book.connection().query_row(sql, [], |r| r.get(0)).unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// The checks that need no knowledge of what was acknowledged.
fn assert_book_sound(book: &Book, when: &str) {
    let conn = book.connection();
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok", "{when}: integrity_check");
    assert_eq!(count(book, "SELECT count(*) FROM pragma_foreign_key_check"), 0, "{when}: foreign keys");
    assert_eq!(book.invariant_violations().unwrap(), vec![], "{when}: balance = sum of movements");

    // No half-written document.
    let half = [
        (
            "a document without lines",
            "SELECT count(*) FROM documents d
             WHERE NOT EXISTS (SELECT 1 FROM document_lines l WHERE l.document_id = d.id)",
        ),
        (
            "a line of a sale, invoice or receipt without exactly its one movement",
            "SELECT count(*) FROM document_lines l WHERE l.kind IN ('sale', 'invoice', 'receipt') AND
            (SELECT count(*) FROM movements m WHERE m.document_id = l.document_id AND m.line_no = l.line_no
               AND m.product_id = l.product_id AND m.kind = l.kind
               AND m.qty_base = CASE l.kind WHEN 'receipt' THEN l.qty_base ELSE -l.qty_base END) <> 1",
        ),
        (
            "a movement without its line",
            "SELECT count(*) FROM movements m WHERE NOT EXISTS
            (SELECT 1 FROM document_lines l WHERE l.document_id = m.document_id AND l.line_no = m.line_no)",
        ),
        (
            "a movement count that differs from the line count",
            "SELECT count(*) FROM documents d WHERE d.kind IN ('sale', 'invoice', 'receipt') AND
            (SELECT count(*) FROM movements m WHERE m.document_id = d.id)
            <> (SELECT count(*) FROM document_lines l WHERE l.document_id = d.id)",
        ),
        (
            "lines numbered other than 1..n",
            "SELECT count(*) FROM documents d WHERE (SELECT count(*) FROM document_lines l WHERE l.document_id = d.id)
            <> (SELECT COALESCE(max(line_no), 0) FROM document_lines l WHERE l.document_id = d.id)",
        ),
        (
            "a line whose kind or time is not its document's",
            "SELECT count(*) FROM document_lines l JOIN documents d ON d.id = l.document_id
            WHERE l.kind <> d.kind OR l.occurred_at <> d.occurred_at",
        ),
        (
            "a sale without its payment, or paid short",
            "SELECT count(*) FROM documents d WHERE d.kind = 'sale' AND
            (SELECT COALESCE(sum(amount_minor - change_minor), -1) FROM payments p WHERE p.document_id = d.id)
            <> d.gross_minor",
        ),
        (
            "a header that is not the sum of its lines",
            "SELECT count(*) FROM documents d WHERE d.kind IN ('sale', 'invoice') AND (
            d.net_minor <> (SELECT sum(net_minor) FROM document_lines l WHERE l.document_id = d.id) OR
            d.vat_minor <> (SELECT sum(vat_minor) FROM document_lines l WHERE l.document_id = d.id) OR
            d.gross_minor <> (SELECT sum(gross_minor) FROM document_lines l WHERE l.document_id = d.id))",
        ),
        (
            "an invoice without its buyer or due date",
            "SELECT count(*) FROM documents WHERE kind = 'invoice' AND (customer_id IS NULL OR due_at IS NULL)",
        ),
    ];
    for (what, sql) in half {
        assert_eq!(count(book, sql), 0, "{when}: {what}");
    }

    // Gapless numbers per series, matching the series counter and the printed number.
    let mut st = conn
        .prepare(
            "SELECT d.series, count(*), min(d.number), max(d.number), s.last_number,
                    sum(d.doc_no <> d.series || '-' || printf('%06d', d.number))
             FROM documents d LEFT JOIN series s ON s.series = d.series GROUP BY d.series",
        )
        .unwrap();
    let rows: Vec<(String, i64, i64, i64, Option<i64>, i64)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (series, n, lo, hi, last, bad_no) in rows {
        assert_eq!((lo, hi), (1, n), "{when}: series {series} is not gapless 1..{n}");
        assert_eq!(last, Some(n), "{when}: series {series} counter");
        assert_eq!(bad_no, 0, "{when}: series {series} document numbers");
    }
    // The ledger's own sequence is dense too.
    let (n, lo, hi, next): (i64, Option<i64>, Option<i64>, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM movements), (SELECT min(device_seq) FROM movements),
                    (SELECT max(device_seq) FROM movements), (SELECT next_seq FROM device)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!((lo.unwrap_or(1), hi.unwrap_or(0), next), (1, n, n + 1), "{when}: movement sequence");
}

/// doc_no -> (lines, net, vat, gross, movements) of every document in the book.
fn all_documents(book: &Book) -> HashMap<String, (String, Ack)> {
    let mut st = book
        .connection()
        .prepare(
            "SELECT d.doc_no, d.kind, d.net_minor, d.vat_minor, d.gross_minor,
                    (SELECT count(*) FROM document_lines l WHERE l.document_id = d.id),
                    (SELECT count(*) FROM movements m WHERE m.document_id = d.id)
             FROM documents d",
        )
        .unwrap();
    let rows = st
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                (
                    r.get::<_, String>(1)?,
                    Ack {
                        net_minor: r.get(2)?,
                        vat_minor: r.get(3)?,
                        gross_minor: r.get(4)?,
                        lines: r.get::<_, i64>(5)? as usize,
                        movements: r.get(6)?,
                    },
                ),
            ))
        })
        .unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

fn on_hand(book: &Book) -> BTreeMap<String, i64> {
    PRODUCTS.iter().map(|p| (p.0.to_string(), book.stock(p.0).unwrap().on_hand)).collect()
}

#[test]
fn acknowledged_documents_survive_sigkill_whole_and_numbered() {
    let cycles: usize = std::env::var("ONEBOOK_CRASH_CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .map(|n: usize| n.max(CYCLES_DEFAULT))
        .unwrap_or(CYCLES_DEFAULT);
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let db: PathBuf = dir.path().join("crash.onebook");
    setup(&db);

    // What the parent expects on hand: the opening stock less every document it knows of.
    let mut expected_on_hand: BTreeMap<String, i64> = {
        let book = Book::open(&db).unwrap();
        assert_book_sound(&book, "after setup");
        on_hand(&book)
    };
    for (sku, _, carton, ..) in PRODUCTS {
        assert_eq!(expected_on_hand[*sku], OPENING_CARTONS * carton, "opening stock of {sku}");
    }
    let mut acked: HashMap<String, Ack> = HashMap::new();
    let mut known: HashSet<String> = all_documents(&Book::open(&db).unwrap()).into_keys().collect();
    let mut rng = Lcg(0x5EED_0B00_C4A5);
    let (mut kills, mut finished, mut runs, mut unacked_commits, mut partial_lines) = (0usize, 0usize, 0usize, 0, 0);
    // Kills that left acknowledged sales in the journal, not yet written out into the ledger.
    let (mut journal_kills, mut journal_sales) = (0usize, 0i64);
    let (mut zero_ack_kills, mut max_acks, mut from_spawn) = (0usize, 0usize, 0usize);

    while kills < cycles {
        runs += 1;
        assert!(finished < cycles, "the child finished its list {finished} times before it could be killed");
        let list = drafts(&mut rng);
        let list_path = dir.path().join("list.json");
        std::fs::write(&list_path, serde_json::to_string(&list).unwrap()).unwrap();
        // Mostly 5..150 ms after the first acknowledgement, among the postings; one run in four
        // 0..150 ms after the start, often while the child opens the book or reads its list.
        let from = if rng.below(4) == 0 { Clock::Spawn } else { Clock::FirstAck };
        let delay = if from == Clock::Spawn { rng.below(151) } else { 5 + rng.below(146) };
        from_spawn += (from == Clock::Spawn) as usize;
        let run = run_child(&db, &list_path, from, Duration::from_millis(delay));
        let when = format!("run {runs} (killed {delay} ms after {from:?}, {} acknowledged)", run.acks.len());
        if run.killed {
            kills += 1;
        } else {
            finished += 1;
            assert!(run.status.success(), "{when}: the child failed on its own: {:?}\n{}", run.status, run.stderr);
            assert_eq!(run.acks.len(), list.len(), "{when}: it finished without acknowledging every document");
        }
        if run.killed && run.acks.is_empty() {
            zero_ack_kills += 1;
        }
        partial_lines += run.partial_tail as usize;
        max_acks = max_acks.max(run.acks.len());

        // Every acknowledgement, in order, says the document was recorded.
        let mut this_run: Vec<(String, Value)> = vec![];
        for (i, ack) in run.acks.iter().enumerate() {
            assert_eq!(ack["index"].as_u64(), Some(i as u64), "{when}: acknowledgements in order\n{ack}");
            assert_eq!(ack["ok"], Value::Bool(true), "{when}: document {i} was refused\n{ack}\n{}", run.stderr);
            let doc = &ack["document"];
            assert_matches_draft(doc, &list[i], &format!("{when}, acknowledgement {i}"));
            let doc_no = doc["doc_no"].as_str().unwrap().to_string();
            let record = Ack {
                lines: doc["lines"].as_array().unwrap().len(),
                net_minor: minor(&doc["net"]),
                vat_minor: minor(&doc["vat"]),
                gross_minor: minor(&doc["gross"]),
                movements: doc["movements"].as_i64().unwrap(),
            };
            assert!(acked.insert(doc_no.clone(), record).is_none(), "{when}: {doc_no} acknowledged twice");
            this_run.push((doc_no, doc.clone()));
        }

        // What the kill left in the sale journal, read from the file before the library opens it.
        let waiting: i64 = rusqlite::Connection::open(&db)
            .and_then(|c| c.query_row("SELECT count(*) FROM sale_journal", [], |r| r.get(0)))
            .unwrap_or_else(|e| panic!("{when}: reading the journal: {e}"));
        if waiting > 0 {
            journal_kills += 1;
            journal_sales += waiting;
        }
        // Restart: the library opens the book after the crash (and writes out its journal).
        let book = Book::open(&db).unwrap_or_else(|e| panic!("{when}: reopening the book: {e}"));
        assert_book_sound(&book, &when);

        // This run's acknowledgements, field for field as printed.
        for (doc_no, printed) in &this_run {
            let stored = book.document(doc_no).unwrap_or_else(|e| panic!("{when}: acknowledged {doc_no} is gone: {e}"));
            assert_eq!(
                &serde_json::to_value(&stored).unwrap(),
                printed,
                "{when}: {doc_no} differs from its acknowledgement"
            );
            for l in printed["lines"].as_array().unwrap() {
                *expected_on_hand.get_mut(l["sku"].as_str().unwrap()).unwrap() -= l["qty_base"].as_i64().unwrap();
            }
        }
        // Every acknowledgement of every run so far, by its lines and totals.
        let docs = all_documents(&book);
        for (doc_no, want) in &acked {
            let (_, got) = docs.get(doc_no).unwrap_or_else(|| panic!("{when}: acknowledged {doc_no} is gone"));
            assert_eq!(
                (got.lines, got.movements, got.net_minor, got.vat_minor, got.gross_minor),
                (want.lines, want.movements, want.net_minor, want.vat_minor, want.gross_minor),
                "{when}: {doc_no} (lines, movements, net, vat, gross) changed"
            );
        }
        // At most one document more than was acknowledged: committed, killed before it printed.
        let new: Vec<&String> = docs.keys().filter(|k| !known.contains(*k)).collect();
        let extra: Vec<&String> = new.iter().copied().filter(|k| !acked.contains_key(*k)).collect();
        assert_eq!(new.len() - extra.len(), this_run.len(), "{when}: new acknowledged documents");
        assert!(extra.len() <= 1, "{when}: {} documents committed without acknowledgement: {extra:?}", extra.len());
        if let Some(doc_no) = extra.first() {
            assert!(run.killed, "{when}: {doc_no} committed but never acknowledged by a child that finished");
            unacked_commits += 1;
            let stored = serde_json::to_value(book.document(doc_no).unwrap()).unwrap();
            // It is the next document of the list, whole.
            assert_matches_draft(&stored, &list[this_run.len()], &format!("{when}, unacknowledged {doc_no}"));
            for l in stored["lines"].as_array().unwrap() {
                *expected_on_hand.get_mut(l["sku"].as_str().unwrap()).unwrap() -= l["qty_base"].as_i64().unwrap();
            }
        }
        // Newly numbered documents continue the series after the acknowledged ones.
        if let (Some((last_ack, _)), Some(extra_no)) = (this_run.last(), extra.first()) {
            let series = |n: &str| n.rsplit_once('-').map(|(s, k)| (s.to_string(), k.parse::<i64>().unwrap())).unwrap();
            let (s1, n1) = series(last_ack);
            let (s2, n2) = series(extra_no);
            assert!(s1 != s2 || n2 > n1, "{when}: {extra_no} is numbered before {last_ack}");
        }
        known.extend(new.into_iter().cloned());
        // Conservation: opening stock minus everything the book says was sold.
        assert_eq!(on_hand(&book), expected_on_hand, "{when}: on hand = opening - sold");
        drop(book);
    }

    let total = count(&Book::open(&db).unwrap(), "SELECT count(*) FROM documents WHERE kind IN ('sale', 'invoice')");
    println!(
        "crash test: {runs} runs, {kills} SIGKILLs ({from_spawn} timed from the start, \
         {zero_ack_kills} before the first acknowledgement, \
         {finished} runs finished first), {} documents acknowledged (at most {max_acks} in one run), \
         {unacked_commits} committed but killed before acknowledging, {partial_lines} half-printed lines, \
         {journal_kills} kills left {journal_sales} sales in the journal, \
         {total} sales and invoices in the book, {:.1} s",
        acked.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(acked.len() >= kills, "too few documents acknowledged to mean anything: {}", acked.len());
    assert_eq!(total as usize, acked.len() + unacked_commits, "documents in the book");
    // The child writes each sale out of the journal beside its next postings, so some kills must
    // have landed between a sale's acknowledgement and its writing out (each then checked above).
    assert!(journal_kills > 0, "no kill landed while a sale waited in the journal");
}
