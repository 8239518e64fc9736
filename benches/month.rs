//! Month-end benchmark (issue 5): prints figures, asserts nothing about speed.
//!
//! `cargo bench --bench month` builds a book of 100 000 products and 10 million sale lines over
//! two years (the builder of benches/common, bulk SQL), a tenth of them (about 1 million lines) in
//! the measured month, then prints:
//!
//! - the machine's yardstick: a plain `SELECT count(*), sum(..)` over that month's sale lines;
//! - `report month` over the month: median and p95 of several runs, each on a fresh connection
//!   (`Book::open`) after one warm-up run (the file's pages in the OS cache);
//! - the full XLSX month pack: wall time, file size, rows written, rows/s.
//!
//! `ONEBOOK_BENCH_SCALE` (float, default 1.0) multiplies products and lines (0.1 while iterating).
//! `ONEBOOK_BENCH_BOOK=<file>`: build the book there and keep it, or reuse it when it is there
//! already (same scale; it is migrated on opening). About 8 GB at full scale: delete it after.
//! A book built in the run (or any, with `ONEBOOK_BENCH_CHECK=1`) is checked first with the
//! library's own checks: balances equal the movements, and the report from the running sums
//! equals the report recomputed from the ledger.
//! Run by `cargo test --all-targets` (no `--bench` argument) it only does a tiny smoke run.

mod common;

use std::time::{Duration, Instant};

use common::*;
use onebook::export::ExportFormat;
use onebook::i18n::Locale;
use onebook::{Book, ImportOptions, Timestamp};
use rusqlite::Connection;

const PRODUCTS_FULL: f64 = 100_000.0;
const LINES_FULL: f64 = 10_000_000.0;
/// Share of the sale documents in the measured month.
const MONTH_SHARE: f64 = 0.1;
const REPORT_RUNS: usize = 9;
/// The measured month (shop time, Asia/Dubai, UTC+4) and the two years of trade around it.
const MONTH: &str = "2026-08";
const MONTH_START: &str = "2026-07-31T20:00:00.000000Z";
const MONTH_END: &str = "2026-08-31T20:00:00.000000Z";
const TRADE_START: &str = "2024-10-31T20:00:00.000000Z"; // 2024-11-01 00:00 in Dubai
const TRADE_END: &str = "2026-10-31T20:00:00.000000Z"; // 2026-11-01 00:00 in Dubai

/// The plain scan the report is measured against: every sale line of the month, found through
/// the documents' time index, counted and summed.
fn yardstick(path: &std::path::Path) -> rusqlite::Result<(Duration, i64, i64)> {
    let conn = Connection::open(path)?;
    let t = Instant::now();
    let (n, sum) = conn.query_row(
        "SELECT count(*), sum(l.net_minor) FROM documents d JOIN document_lines l ON l.document_id = d.id
         WHERE d.kind = 'sale' AND d.occurred_at >= ?1 AND d.occurred_at < ?2",
        [MONTH_START, MONTH_END],
        |r| Ok((r.get(0)?, r.get::<_, Option<i64>>(1)?.unwrap_or(0))),
    )?;
    Ok((t.elapsed(), n, sum))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let smoke = !std::env::args().any(|a| a == "--bench") && std::env::var_os("ONEBOOK_BENCH_SCALE").is_none();
    let scale = if smoke { 0.0002 } else { env_scale() };
    let products = ((PRODUCTS_FULL * scale).round() as usize).max(100);
    let lines = ((LINES_FULL * scale).round() as usize).max(1000);
    let runs = if smoke { 2 } else { REPORT_RUNS };
    if smoke {
        println!("smoke run (not under `cargo bench`): tiny book, figures meaningless");
    }
    println!("onebook month bench: scale {scale}, {products} products, {lines} sale lines over two years");

    let dir = bench_dir("month-")?;
    let kept = std::env::var_os("ONEBOOK_BENCH_BOOK").map(std::path::PathBuf::from);
    let path = kept.clone().unwrap_or_else(|| dir.path().join("bench.onebook.sqlite3"));
    println!("database: {}", path.display());

    let built = !path.exists();
    if !built {
        println!("reusing the book (not rebuilt)");
    } else {
        let t = Instant::now();
        let t0 = Timestamp::from_db("2024-10-30T06:00:00.000000Z")?;
        let (mut book, owner, _) = new_shop(&path, t0)?;
        let csv = product_csv(products);
        book.import_products(&owner, csv.as_bytes(), ImportOptions::default(), &mut |_| {}, t0.add_minutes(1))?;
        drop(book);
        let trade = Trade {
            busy: Some((micros_of(MONTH_START), micros_of(MONTH_END), MONTH_SHARE)),
            ..Trade::uniform(TRADE_START, TRADE_END)
        };
        let stats = bulk_load(&path, products, lines, &trade)?;
        println!(
            "built in {}: {} sales with {} lines, {} movements; file {:.2} GB",
            secs(t.elapsed()),
            stats.sales,
            stats.sale_lines,
            stats.movements,
            std::fs::metadata(&path)?.len() as f64 / 1e9
        );
    }

    // Migrations (a book built by an older build) run here, outside the figures.
    let open = Instant::now();
    let book = Book::open(&path)?;
    let owner = book.actor(Some("owner"))?;
    println!("Book::open: {}", secs(open.elapsed()));
    let warm = book.report_month(&owner, MONTH)?;
    // The book is what the library would have written: balances equal the movements, and the
    // report from the running sums equals the report recomputed from the ledger itself.
    // Checked on the book just built, or when ONEBOOK_BENCH_CHECK is set (a reused book, new code).
    if built || std::env::var_os("ONEBOOK_BENCH_CHECK").is_some() {
        let t = Instant::now();
        let violations = book.invariant_violations()?;
        assert!(
            violations.is_empty(),
            "balances differ from the movements: {:?}",
            &violations[..violations.len().min(5)]
        );
        let from_ledger = book.report_month_from_ledger(&owner, MONTH)?;
        assert_eq!(from_ledger, warm, "the running sums agree with the ledger");
        println!("consistency: balances = movements, report = report from the ledger ({})", secs(t.elapsed()));
    }
    drop(book);

    let (scan, scan_lines, scan_sum) = yardstick(&path)?;
    let (scan2, ..) = yardstick(&path)?;
    println!(
        "yardstick: plain scan of the month's {scan_lines} sale lines (count, sum): {} (again {})",
        ms(scan),
        ms(scan2)
    );
    assert_eq!(scan_lines, warm.channels.retail.lines, "the report counts the lines the scan counts");
    let _ = scan_sum;

    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let book = Book::open(&path)?;
        let owner = book.actor(Some("owner"))?;
        let t = Instant::now();
        let r = book.report_month(&owner, MONTH)?;
        times.push(t.elapsed());
        assert_eq!(r, warm, "the same figures on every run");
    }
    let shown: Vec<String> = times.iter().map(|d| format!("{:.1}", d.as_secs_f64() * 1e3)).collect();
    times.sort();
    println!(
        "report month {MONTH} over {} sale lines ({} products): median {}  p95 {}  of {runs} runs [{} ms] \
         (target < 200 ms)",
        warm.channels.retail.lines,
        products,
        ms(times[times.len() / 2]),
        ms(percentile(&times, 0.95)),
        shown.join(", ")
    );

    let book = Book::open(&path)?;
    let out = dir.path().join(format!("month-{MONTH}.xlsx"));
    let t = Instant::now();
    let report = book.export_month(&owner, MONTH, ExportFormat::Xlsx, &out, Locale::En, &mut |_| {})?;
    let took = t.elapsed();
    let bytes = std::fs::metadata(&out)?.len();
    println!(
        "XLSX month pack: {} ({} rows in {} sheets, {:.1} MB, {:.0} rows/s) (target < 20 s)",
        secs(took),
        report.rows,
        report.parts.len(),
        bytes as f64 / 1e6,
        report.rows as f64 / took.as_secs_f64()
    );
    std::fs::remove_file(&out)?;
    if let Some(kept) = kept {
        println!("kept the book in {} (delete it when done)", kept.display());
    }
    Ok(())
}
