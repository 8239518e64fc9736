//! Ledger benchmark: prints figures, asserts nothing about speed.
//!
//! `cargo bench --bench ledger` builds a book of 100 000 products (3 units each) through the
//! product CSV import, bulk-loads 5 million sale lines over five months with plain SQL, then
//! measures:
//!
//! 1. the commit latency of a 3-line retail sale (`Book::post`, with the applier as the desktop
//!    till runs it) beside a bare one-row SQLite commit on the same file with the same durability
//!    settings, interleaved so both see the same load; and when the sale is written out into the
//!    ledger, the same sales written out in their own call, and sales back to back;
//! 2. barcode lookup (`Book::stock`) over random barcodes;
//! 3. the product CSV import into a fresh book (timed while building the big book);
//! 4. the month report over the month holding about 1 million sale lines;
//! 5. product search as people type (`Book::products_page`): 1 to 4 letters of a word of the name,
//!    the start of a SKU, or a whole barcode; the first page of 50 and the total.
//!
//! `ONEBOOK_BENCH_SCALE` (float, default 1.0) multiplies products and lines (0.02 for a quick run).
//! `ONEBOOK_BENCH_KEEP` set to anything keeps the database (its path is printed) for analysis.
//! `ONEBOOK_BENCH_ONLY=import` stops after the import (for profiling it).
//! `ONEBOOK_BENCH_REUSE=<file>` measures 1, 2 and 4 on a book kept by an earlier run (same scale;
//! it is migrated on opening) instead of building one; 3 is still measured in a fresh book.
//! Run by `cargo test --all-targets` (no `--bench` argument) it only does a tiny smoke run.

mod common;

use std::time::{Duration, Instant};

use common::*;
use onebook::document::{SaleDraft, SaleLine};
use onebook::{Book, DocumentDraft, ImportOptions, Timestamp};
use rusqlite::{Connection, TransactionBehavior};
use rust_decimal::Decimal;

const PRODUCTS_FULL: f64 = 100_000.0;
const LINES_FULL: f64 = 5_000_000.0;
const SALES_FULL: f64 = 2_000.0;
const LOOKUPS_FULL: f64 = 100_000.0;
const REPORT_RUNS: usize = 5;
const SEARCHES: usize = 1_500;
const SEARCH_BUDGET: Duration = Duration::from_secs(60);
/// Time budgets, so a pathologically slow path still lets the bench finish (the count is printed).
const LOOKUP_WARMUP_BUDGET: Duration = Duration::from_secs(5);
const LOOKUP_BUDGET: Duration = Duration::from_secs(120);
const REPORT_BUDGET: Duration = Duration::from_secs(120);
/// The measured month (shop time, Asia/Dubai) and the span of generated trade around it.
const MONTH: &str = "2026-08";
const TRADE_START: &str = "2026-05-31T20:00:00.000000Z"; // 2026-06-01 00:00 in Dubai
/// The measured sales follow the history at once, in the middle of a month: a typical sale, of
/// a product already sold this month. (At the wall clock, weeks later, every line would be its
/// product's first of a new month, which writes the month end's stock: once a month per product.)
const TRADE_END: &str = "2026-10-15T20:00:00.000000Z"; // 2026-10-16 00:00 in Dubai
fn main() -> Result<(), Box<dyn std::error::Error>> {
    // `cargo bench` passes `--bench`; `cargo test --all-targets` runs this file without it, as a
    // test: then only a tiny smoke run (seconds, even unoptimised) unless a scale is asked for.
    let smoke = !std::env::args().any(|a| a == "--bench") && std::env::var_os("ONEBOOK_BENCH_SCALE").is_none();
    let scale = if smoke { 0.001 } else { env_scale() };
    let products = ((PRODUCTS_FULL * scale).round() as usize).max(100);
    let lines = ((LINES_FULL * scale).round() as usize).max(1000);
    let (sales, lookups, report_runs, warmup_sales, warmup_lookups) = if smoke {
        (20, 1000, 1, 2, 100)
    } else {
        (
            ((SALES_FULL * scale).round() as usize).clamp(200, 2000),
            ((LOOKUPS_FULL * scale).round() as usize).clamp(10_000, 100_000),
            REPORT_RUNS,
            20,
            1000,
        )
    };
    if smoke {
        println!("smoke run (not under `cargo bench`): tiny book, figures meaningless");
    }
    println!("onebook ledger bench: scale {scale}, {products} products x 3 units, {lines} sale lines");

    let dir = bench_dir("ledger-")?;
    let path = dir.path().join("bench.onebook.sqlite3");
    println!("database: {}", path.display());

    // --- Setup, and bench 3: the product CSV import into a fresh book. ---
    let setup_start = Instant::now();
    let t0 = Timestamp::from_db("2026-05-30T06:00:00.000000Z")?;
    let (mut book, owner, cashier) = new_shop(&path, t0)?;
    let csv = product_csv(products);
    println!("product CSV: {} rows, {:.1} MB", products, csv.len() as f64 / 1e6);
    let import_start = Instant::now();
    let report =
        book.import_products(&owner, csv.as_bytes(), ImportOptions::default(), &mut |_| {}, t0.add_minutes(1))?;
    let import_time = import_start.elapsed();
    assert_eq!((report.created, report.skipped), (products, 0), "every row imported");
    println!("[3] import {} products (3 units, 3 barcodes, 5 prices each): {}", report.created, secs(import_time));
    if std::env::var("ONEBOOK_BENCH_ONLY").as_deref() == Ok("import") {
        return Ok(());
    }
    drop(csv);
    drop(book);

    let reuse = std::env::var_os("ONEBOOK_BENCH_REUSE").map(std::path::PathBuf::from);
    let path = match &reuse {
        Some(kept) => {
            println!("reusing the book {} (not rebuilt)", kept.display());
            kept.clone()
        }
        None => {
            let bulk_start = Instant::now();
            let stats = bulk_load(&path, products, lines, &Trade::uniform(TRADE_START, TRADE_END))?;
            let bulk_time = bulk_start.elapsed();
            let setup_time = setup_start.elapsed();
            let db_bytes = std::fs::metadata(&path)?.len();
            println!(
                "setup: {} total, of which bulk load {} ({} sales with {} lines, {} opening receipts with {} lines, \
             {} movements); file {:.2} GB",
                secs(setup_time),
                secs(bulk_time),
                stats.sales,
                stats.sale_lines,
                stats.receipts,
                stats.receipt_lines,
                stats.movements,
                db_bytes as f64 / 1e9
            );
            path
        }
    };

    let open_start = Instant::now();
    let mut book = Book::open(&path)?;
    println!("Book::open of the loaded file: {}", secs(open_start.elapsed()));
    let (owner, cashier) = match &reuse {
        Some(_) => (book.actor(Some("owner"))?, book.actor(Some("cashier"))?),
        None => (owner, cashier),
    };
    // A reused book was checked by the run that built it (the check takes minutes at full scale).
    if reuse.is_none() {
        let check_start = Instant::now();
        let violations = book.invariant_violations()?;
        println!(
            "invariant check (all {products} products): {} violations, {}",
            violations.len(),
            secs(check_start.elapsed())
        );
        assert!(violations.is_empty(), "balance = sum of movements: {:?}", &violations[..violations.len().min(5)]);
    }

    // The first scan after opening loads the catalog into memory (as after any catalog change).
    let first_scan = Instant::now();
    book.stock(&piece_barcode(0))?;
    println!(
        "first scan after opening (loads the catalog of {products} products into memory): {}",
        ms(first_scan.elapsed())
    );

    // --- Bench 1: a 3-line retail sale vs a bare one-row commit, interleaved. ---
    let bare = Connection::open(&path)?;
    bare.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 0;
         CREATE TABLE IF NOT EXISTS bench_bare(x); CREATE TABLE IF NOT EXISTS bench_pages(b);",
    )?;
    let mut bare = bare;
    let mut bare_commit = |i: i64| -> rusqlite::Result<Duration> {
        let t = Instant::now();
        let tx = bare.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute("INSERT INTO bench_bare (x) VALUES (?1)", [i])?;
        tx.commit()?;
        Ok(t.elapsed())
    };
    // The sales' clock: from the end of the history on, 20 ms apart.
    let clock = std::cell::Cell::new(Timestamp::from_db(TRADE_END)?);
    let tick = || {
        clock.set(Timestamp(clock.get().0 + chrono::Duration::milliseconds(20)));
        clock.get()
    };
    let mut rng = Lcg(42);
    let sale_draft = |rng: &mut Lcg| -> DocumentDraft {
        let lines = (0..3)
            .map(|_| SaleLine {
                sku: None,
                barcode: Some(piece_barcode(rng.below(products as u64) as usize)),
                qty: Decimal::ONE,
                unit: None,
                price: None,
            })
            .collect();
        DocumentDraft::Sale(SaleDraft { date: None, lines, payments: None, override_reason: None, note: None })
    };
    // How many pages a sale writes: WAL frames over the warm-up sales, before any checkpoint.
    let frames = |book: &Book| -> rusqlite::Result<i64> {
        book.connection().query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| r.get::<_, i64>(1))
    };
    book.connection().execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA wal_autocheckpoint = 0;")?;
    let warmup = warmup_sales;
    for _ in 0..warmup {
        book.post(&cashier, &sale_draft(&mut rng), tick())?;
    }
    let pages_per_sale = (frames(&book)? as f64 / warmup as f64).round().max(1.0) as usize;
    // The machine's floor for a commit of that many pages: one row whose value spills over that
    // many pages, with no lookups, no indexes and no rules.
    let page_size: usize = book.connection().query_row("PRAGMA page_size", [], |r| r.get::<_, i64>(0))? as usize;
    let pages_blob = vec![7u8; (pages_per_sale - 1) * (page_size - 4)];
    let pages_conn = Connection::open(&path)?;
    pages_conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 0;")?;
    let mut pages_conn = pages_conn;
    let mut pages_commit = || -> rusqlite::Result<Duration> {
        let t = Instant::now();
        let tx = pages_conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute("INSERT INTO bench_pages (b) VALUES (?1)", [&pages_blob])?;
        tx.commit()?;
        Ok(t.elapsed())
    };
    // As the desktop till runs: the WAL is copied to the main file on a thread of its own, for
    // the bare commits as much as for the sales (neither connection checkpoints in its commits).
    book.checkpoint_in_background()?;

    // For reference, before the applier starts: each sale written out of the journal in its own
    // call (as the command line does for one document), so the call returns after both commits.
    let same_call = sales.min(500);
    let (mut same_t, mut same_bare_t) = (Vec::with_capacity(same_call), Vec::with_capacity(same_call));
    for i in 0..same_call {
        let draft = sale_draft(&mut rng);
        let t = Instant::now();
        book.post(&cashier, &draft, tick())?;
        same_t.push(t.elapsed());
        same_bare_t.push(bare_commit(1_000_000 + i as i64)?);
    }

    // As the desktop till posts: the sale's call returns once its number and journal row are
    // durable; the applier's thread writes its document, lines, movements, balances and running
    // sums (flushed there). A till's next sale comes seconds later, when the applier is long done:
    // so the next pair starts after it (`Book::written_out`, also timed: post to written out).
    book.apply_in_background()?;
    let (mut sale_t, mut bare_t, mut out_t) =
        (Vec::with_capacity(sales), Vec::with_capacity(sales), Vec::with_capacity(sales));
    for i in 0..warmup + sales {
        let draft = sale_draft(&mut rng);
        let t = Instant::now();
        let doc = book.post(&cashier, &draft, tick())?;
        let d = t.elapsed();
        book.written_out()?;
        let o = t.elapsed();
        debug_assert_eq!(doc.lines.len(), 3);
        let b = bare_commit(i as i64)?;
        if i >= warmup {
            sale_t.push(d);
            bare_t.push(b);
            out_t.push(o);
        }
    }
    let (s, b, o) = (summary(sale_t), summary(bare_t), summary(out_t));
    println!("[1] commit latency over {sales} interleaved pairs ({warmup} warm-up pairs not counted):");
    println!(
        "    3-line sale (Book::post, acknowledged: number + journal row durable):   p50 {}  p99 {}  mean {}  max {}",
        ms(s.p50),
        ms(s.p99),
        ms(s.mean),
        ms(s.max)
    );
    println!(
        "    bare 1-row commit:          p50 {}  p99 {}  mean {}  max {}",
        ms(b.p50),
        ms(b.p99),
        ms(b.mean),
        ms(b.max)
    );
    println!(
        "    ratio sale/bare:            p50 {:.2}x  p99 {:.2}x  (target <= 2x)",
        s.p50.as_secs_f64() / b.p50.as_secs_f64(),
        s.p99.as_secs_f64() / b.p99.as_secs_f64()
    );
    println!(
        "    the same sales written out into the ledger by the applier (post to flushed): p50 {}  p99 {}  = {:.2}x bare at p50",
        ms(o.p50),
        ms(o.p99),
        o.p50.as_secs_f64() / b.p50.as_secs_f64()
    );
    let (sc, sb) = (summary(same_t), summary(same_bare_t));
    println!(
        "    (reference) {same_call} sales written out in their own call, no applier: p50 {}  p99 {}  beside bare p50 {} = {:.2}x",
        ms(sc.p50),
        ms(sc.p99),
        ms(sb.p50),
        sc.p50.as_secs_f64() / sb.p50.as_secs_f64()
    );
    // Back to back, no pause: each sale waits for the applier to finish the one before.
    let burst = sales.min(500);
    let t = Instant::now();
    for _ in 0..burst {
        book.post(&cashier, &sale_draft(&mut rng), tick())?;
    }
    book.written_out()?;
    let per = t.elapsed() / burst as u32;
    println!(
        "    (throughput) {burst} sales back to back, all written out: {} per sale, {:.0} sales/s",
        ms(per),
        1.0 / per.as_secs_f64()
    );
    // The floor, after the sales (so that its pages do not load the checkpoints under them):
    // pairs of a bare commit and a commit of as many pages as a sale writes.
    let floor_pairs = sales.min(500);
    let (mut floor_bare_t, mut pages_t) = (Vec::with_capacity(floor_pairs), Vec::with_capacity(floor_pairs));
    for i in 0..floor_pairs {
        floor_bare_t.push(bare_commit(-(i as i64))?);
        pages_t.push(pages_commit()?);
    }
    let (fb, p) = (summary(floor_bare_t), summary(pages_t));
    // Their pages copied into the file before the lookups are measured, as after the sales alone.
    pages_conn.busy_timeout(Duration::from_secs(30))?;
    pages_conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    println!(
        "    (floor) bare {pages_per_sale}-page commit (the pages a sale writes, measured over {warmup} sales), \
         {floor_pairs} pairs after the sales: p50 {}  p99 {}  beside bare p50 {} = {:.2}x bare at p50",
        ms(p.p50),
        ms(p.p99),
        ms(fb.p50),
        p.p50.as_secs_f64() / fb.p50.as_secs_f64()
    );

    // --- Bench 2: barcode to price and availability. ---
    let mut rng = Lcg(7);
    let pick = |rng: &mut Lcg| -> String {
        let i = rng.below(products as u64) as usize;
        match rng.below(3) {
            0 => piece_barcode(i),
            k => case_barcode(k as u8, i),
        }
    };
    // Warm-up: 1 000 lookups, or 5 s if a lookup is slow.
    let warm = Instant::now();
    let mut warmed = 0;
    while warmed < warmup_lookups && warm.elapsed() < LOOKUP_WARMUP_BUDGET {
        book.stock(&pick(&mut rng))?;
        warmed += 1;
    }
    let codes: Vec<String> = (0..lookups).map(|_| pick(&mut rng)).collect();
    let mut look_t = Vec::with_capacity(lookups);
    let budget = Instant::now();
    for code in &codes {
        let t = Instant::now();
        let view = book.stock(code)?;
        look_t.push(t.elapsed());
        debug_assert!(!view.prices.is_empty());
        if budget.elapsed() > LOOKUP_BUDGET {
            break;
        }
    }
    let measured = look_t.len();
    let l = summary(look_t);
    println!(
        "[2] Book::stock over {measured} random barcodes of {}{} ({warmed} warm-up): p50 {}  p99 {}  mean {}  max {}  \
         (target p99 < 50 µs)",
        products * 3,
        if measured < lookups {
            format!(" (stopped by the {} s budget)", LOOKUP_BUDGET.as_secs())
        } else {
            String::new()
        },
        us(l.p50),
        us(l.p99),
        us(l.mean),
        us(l.max)
    );

    // --- Bench 5: product search as you type (the catalog list, the counter's line search). ---
    let mut rng = Lcg(11);
    let search_queries = if smoke { 30 } else { SEARCHES };
    let query = |rng: &mut Lcg| -> (&'static str, String) {
        let i = rng.below(products as u64) as usize;
        match rng.below(3) {
            0 => {
                // 1 to 4 letters of a word of the name, as typed so far.
                let name = format!("Bench product {i:06} {}", common::VARIANTS[i % common::VARIANTS.len()]);
                let words: Vec<&str> = name.split(' ').collect();
                let word = words[rng.below(words.len() as u64) as usize];
                let n = (1 + rng.below(4) as usize).min(word.len());
                ("name word prefix", word[..n].to_string())
            }
            1 => {
                let s = sku(i);
                let n = 1 + rng.below(s.len() as u64) as usize;
                ("SKU prefix", s[..n].to_string())
            }
            _ => ("barcode", if rng.below(2) == 0 { piece_barcode(i) } else { case_barcode(1, i) }),
        }
    };
    book.products_page("", 0, 50)?; // the catalog loaded into memory once, as the app does at start
    let mut by_kind: std::collections::BTreeMap<&str, Vec<Duration>> = Default::default();
    let mut all = Vec::with_capacity(search_queries);
    let mut matched = 0i64;
    let budget = Instant::now();
    for _ in 0..search_queries {
        let (kind, q) = query(&mut rng);
        let t = Instant::now();
        let page = book.products_page(&q, 0, 50)?;
        let d = t.elapsed();
        matched += page.total;
        by_kind.entry(kind).or_default().push(d);
        all.push(d);
        if budget.elapsed() > SEARCH_BUDGET {
            break;
        }
    }
    let n = all.len();
    let a = summary(all);
    println!(
        "[5] Book::products_page over {products} products, {n} queries (first page of 50 and the total, {} matches \
         in all): p50 {}  p99 {}  mean {}  max {}  (aim p99 < 20 ms)",
        matched,
        ms(a.p50),
        ms(a.p99),
        ms(a.mean),
        ms(a.max)
    );
    for (kind, v) in by_kind {
        let k = v.len();
        let s = summary(v);
        println!("    {kind:<17} {k:>5} queries: p50 {}  p99 {}  max {}", ms(s.p50), ms(s.p99), ms(s.max));
    }

    // One product edited (a price changed): the next scan reads that product again, not the catalog.
    let edit = onebook::ProductInput {
        sku: sku(1),
        name: "Bench product 000001 edited".into(),
        base_unit: "piece".into(),
        vat_rate_pct: None,
        retail_reserve: None,
        allow_negative: false,
        category: None,
        units: vec![],
        barcodes: vec![],
        retail_prices: vec![("piece".into(), Decimal::new(999, 2))],
        wholesale_prices: vec![],
    };
    book.upsert_product(&owner, edit, Timestamp::now())?;
    let after_edit = Instant::now();
    let seen = book.stock(&piece_barcode(1))?;
    println!(
        "first scan after one product's edit (reads that product again into the catalog in memory): {}",
        ms(after_edit.elapsed())
    );
    debug_assert!(seen.name.ends_with("edited"));

    // --- Bench 4: the month report. ---
    let mut runs = Vec::with_capacity(report_runs);
    let mut month_lines = 0;
    let budget = Instant::now();
    for _ in 0..report_runs {
        if !runs.is_empty() && budget.elapsed() > REPORT_BUDGET {
            break;
        }
        let t = Instant::now();
        let r = book.report_month(&owner, MONTH)?;
        runs.push(t.elapsed());
        month_lines = r.channels.retail.lines;
    }
    let shown: Vec<String> = runs.iter().map(|d| format!("{:.3}", d.as_secs_f64())).collect();
    runs.sort();
    println!(
        "[4] report_month({MONTH}) over {month_lines} sale lines: median {} of {} runs [{} s] (target < 1 s)",
        secs(runs[runs.len() / 2]),
        runs.len(),
        shown.join(", ")
    );

    println!("[3] import of {products} products into a fresh book: {} (target < 5 s)", secs(import_time));
    drop(book);
    if std::env::var_os("ONEBOOK_BENCH_KEEP").is_some() {
        let kept = dir.keep();
        println!("kept the database in {}", kept.display());
    }
    Ok(())
}
