//! Cloud-ledger benchmark: prints figures, asserts nothing about speed.
//!
//! Against a private PostgreSQL server on loopback (started like the tests do, tests/sync_pg),
//! with two tills A and B of one tenant:
//!
//! 1. the till's sale commit latency (`Book::post`, a 3-line sale) without sync, with both tills
//!    syncing in the background, and without again (so drift shows), interleaved on one file;
//! 2. the lag from a sale committed on A to the balance visible on B (both syncing with the
//!    default pacing: push checked every 100 ms, pull woken by NOTIFY): p50, p95, p99;
//! 3. catch-up: B offline while A makes 100 000 movements (10-line sales), then B's one `sync
//!    once`, beside A's push of the same entries.
//!
//! `ONEBOOK_BENCH_SCALE` multiplies the sample counts and movements (default 1.0). Run by
//! `cargo test` (no `--bench` argument) it only does a tiny smoke run.

#[path = "../tests/sync_pg/mod.rs"]
mod sync_pg;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use onebook::document::{ReceiptDraft, ReceiptLine, SaleDraft, SaleLine};
use onebook::sync::cloud::RunOptions;
use onebook::{Actor, Book, DocumentDraft, ProductInput, ShopSetup, Timestamp};
use rust_decimal::Decimal;

const PRODUCTS: usize = 20;

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn sku(i: usize) -> String {
    format!("P{i:03}")
}

fn sale(first: usize, lines: usize) -> DocumentDraft {
    DocumentDraft::Sale(SaleDraft {
        date: None,
        lines: (0..lines)
            .map(|k| SaleLine {
                sku: Some(sku((first + k) % PRODUCTS)),
                barcode: None,
                qty: Decimal::ONE,
                unit: None,
                price: None,
            })
            .collect(),
        payments: None,
        override_reason: None,
        note: None,
    })
}

fn till(dir: &std::path::Path, prefix: &str) -> (Book, Actor, std::path::PathBuf) {
    let path = dir.join(format!("{prefix}.sqlite3"));
    let mut book = Book::open(&path).unwrap();
    let setup =
        ShopSetup { series_prefix: Some(prefix.into()), ..ShopSetup::new("Bench Mart", "THB", d("7"), "Asia/Bangkok") };
    let owner = book.init(&setup, Timestamp::now()).unwrap();
    book.checkpoint_in_background().unwrap();
    (book, owner, path)
}

fn pct(v: &mut [Duration], p: f64) -> Duration {
    v.sort();
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn start_sync(path: &std::path::Path, stop: &Arc<AtomicBool>) -> std::thread::JoinHandle<()> {
    let (path, stop) = (path.to_path_buf(), stop.clone());
    std::thread::spawn(move || {
        let mut book = Book::open(&path).unwrap();
        let owner = book.actor(None).unwrap();
        book.sync_run(&owner, &stop, &RunOptions::default(), |_| {}).unwrap();
    })
}

fn time_sales(book: &mut Book, owner: &Actor, n: usize, at: &mut usize) -> Vec<Duration> {
    (0..n)
        .map(|_| {
            *at += 1;
            let t = Instant::now();
            book.post(owner, &sale(*at, 3), Timestamp::now()).unwrap();
            t.elapsed()
        })
        .collect()
}

fn main() {
    let smoke = !std::env::args().any(|a| a == "--bench") && std::env::var_os("ONEBOOK_BENCH_SCALE").is_none();
    let scale: f64 = if smoke {
        0.01
    } else {
        std::env::var("ONEBOOK_BENCH_SCALE").ok().and_then(|s| s.parse().ok()).unwrap_or(1.0)
    };
    let sales = ((300.0 * scale) as usize).max(10);
    let samples = ((200.0 * scale) as usize).max(10);
    let movements = ((100_000.0 * scale) as usize).max(1000);
    if smoke {
        println!("smoke run (not under `cargo bench`): figures meaningless");
    }
    println!("onebook sync bench: {sales} sales per phase, {samples} lag samples, {movements} movements to catch up");

    let server = sync_pg::PgServer::start();
    let dir = tempfile::tempdir().unwrap();
    let (mut a, a_owner, a_path) = till(dir.path(), "A");
    let (mut b, b_owner, b_path) = till(dir.path(), "B");
    for i in 0..PRODUCTS {
        let p = ProductInput {
            sku: sku(i),
            name: format!("Product {i}"),
            base_unit: "piece".into(),
            vat_rate_pct: Some(d("7")),
            retail_reserve: None,
            allow_negative: false,
            category: None,
            units: vec![],
            barcodes: vec![],
            retail_prices: vec![("piece".into(), d("10"))],
            wholesale_prices: vec![],
        };
        a.upsert_product(&a_owner, p, Timestamp::now()).unwrap();
        let r = DocumentDraft::Receipt(ReceiptDraft {
            date: None,
            supplier: None,
            lines: vec![ReceiptLine {
                sku: Some(sku(i)),
                barcode: None,
                qty: Decimal::from(10_000_000),
                unit: None,
                unit_cost: d("4"),
            }],
            note: None,
        });
        a.post(&a_owner, &r, Timestamp::now()).unwrap();
    }
    a.sync_register(&a_owner, &server.admin_url, "bench", Timestamp::now()).unwrap();
    b.sync_register(&b_owner, &server.admin_url, "bench", Timestamp::now()).unwrap();
    a.sync_once(&a_owner, Timestamp::now()).unwrap();
    b.sync_once(&b_owner, Timestamp::now()).unwrap();

    // 1. Sale latency without and with sync running.
    let mut at = 0;
    let mut off1 = time_sales(&mut a, &a_owner, sales, &mut at);
    let stop = Arc::new(AtomicBool::new(false));
    let syncers = [start_sync(&a_path, &stop), start_sync(&b_path, &stop)];
    std::thread::sleep(Duration::from_millis(300));
    let mut on = time_sales(&mut a, &a_owner, sales, &mut at);

    // 2. Lag from A's commit to B's balance.
    let reader = rusqlite::Connection::open(&b_path).unwrap();
    let pid: String = reader.query_row("SELECT id FROM products WHERE sku = 'P000'", [], |r| r.get(0)).unwrap();
    let balance = |c: &rusqlite::Connection| -> i64 {
        c.query_row("SELECT qty_base FROM stock_balances WHERE product_id = ?1", [&pid], |r| r.get(0)).unwrap()
    };
    // Let B catch up with the sales so far.
    let a_id = a.device().unwrap().device_id;
    let a_head: i64 = a.connection().query_row("SELECT max(seq) FROM sync_log", [], |r| r.get(0)).unwrap();
    let wait = Instant::now();
    loop {
        let cursor: i64 = reader
            .query_row("SELECT COALESCE((SELECT seq FROM sync_cursors WHERE device_id = ?1), 0)", [&a_id], |r| r.get(0))
            .unwrap();
        if cursor >= a_head || wait.elapsed() > Duration::from_secs(60) {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let mut lags = Vec::with_capacity(samples);
    let mut expect = balance(&reader);
    for k in 0..samples {
        let t = Instant::now();
        a.post(&a_owner, &sale(0, 1), Timestamp::now()).unwrap();
        expect -= 1;
        while balance(&reader) > expect {
            if t.elapsed() > Duration::from_secs(30) {
                panic!("B never saw sale {k}");
            }
            std::thread::sleep(Duration::from_micros(500));
        }
        lags.push(t.elapsed());
        std::thread::sleep(Duration::from_millis(k as u64 * 7 % 50));
    }
    stop.store(true, Ordering::SeqCst);
    for s in syncers {
        s.join().unwrap();
    }
    let mut off2 = time_sales(&mut a, &a_owner, sales, &mut at);

    let mut off: Vec<Duration> = off1.iter().chain(off2.iter()).copied().collect();
    println!(
        "sale commit (3 lines) without sync: p50 {} p99 {} (before {} / after {})",
        ms(pct(&mut off, 0.5)),
        ms(pct(&mut off, 0.99)),
        ms(pct(&mut off1, 0.5)),
        ms(pct(&mut off2, 0.5))
    );
    let (on50, off50) = (pct(&mut on, 0.5), pct(&mut off, 0.5));
    println!(
        "sale commit (3 lines) with sync running: p50 {} p99 {}; with/without p50 = {:.3}",
        ms(on50),
        ms(pct(&mut on, 0.99)),
        on50.as_secs_f64() / off50.as_secs_f64()
    );
    println!(
        "lag commit on A -> balance on B: p50 {} p95 {} p99 {} max {} ({} samples)",
        ms(pct(&mut lags, 0.5)),
        ms(pct(&mut lags, 0.95)),
        ms(pct(&mut lags, 0.99)),
        ms(pct(&mut lags, 1.0)),
        lags.len()
    );

    // 3. Catch-up: B offline while A makes `movements` movements in 10-line sales.
    a.sync_once(&a_owner, Timestamp::now()).unwrap();
    b.sync_once(&b_owner, Timestamp::now()).unwrap();
    let docs = movements / 10;
    let t = Instant::now();
    for k in 0..docs {
        a.post(&a_owner, &sale(k, 10), Timestamp::now()).unwrap();
    }
    let made = t.elapsed();
    let t = Instant::now();
    let pushed = a.sync_once(&a_owner, Timestamp::now()).unwrap();
    let push = t.elapsed();
    let t = Instant::now();
    let pulled = b.sync_once(&b_owner, Timestamp::now()).unwrap();
    let catch_up = t.elapsed();
    println!(
        "catch-up: {} movements in {} entries made on A in {:.1} s; A pushed them in {:.2} s; B pulled and merged {} in {:.2} s ({:.0} movements/s)",
        docs * 10,
        docs,
        made.as_secs_f64(),
        push.as_secs_f64(),
        pulled.pulled,
        catch_up.as_secs_f64(),
        (docs * 10) as f64 / catch_up.as_secs_f64()
    );
    assert_eq!(pushed.pushed, docs, "every entry pushed once");
    assert_eq!(pulled.pulled, docs, "every entry merged once");
    assert!(b.invariant_violations().unwrap().is_empty());
}
