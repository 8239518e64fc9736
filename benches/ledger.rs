//! Ledger benchmark: prints figures, asserts nothing about speed.
//!
//! `cargo bench --bench ledger` builds a book of 100 000 products (3 units each) through the
//! product CSV import, bulk-loads 5 million sale lines over five months with plain SQL, then
//! measures:
//!
//! 1. the commit latency of a 3-line retail sale (`Book::post`) beside a bare one-row SQLite commit
//!    on the same file with the same durability settings, interleaved so both see the same load;
//! 2. barcode lookup (`Book::stock`) over random barcodes;
//! 3. the product CSV import into a fresh book (timed while building the big book);
//! 4. the month report over the month holding about 1 million sale lines.
//!
//! `ONEBOOK_BENCH_SCALE` (float, default 1.0) multiplies products and lines (0.02 for a quick run).
//! `ONEBOOK_BENCH_KEEP` set to anything keeps the database (its path is printed) for analysis.
//! `ONEBOOK_BENCH_ONLY=import` stops after the import (for profiling it).
//! `ONEBOOK_BENCH_REUSE=<file>` measures 1, 2 and 4 on a book kept by an earlier run (same scale;
//! it is migrated on opening) instead of building one; 3 is still measured in a fresh book.
//! Run by `cargo test --all-targets` (no `--bench` argument) it only does a tiny smoke run.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use onebook::barcode::with_check_digit;
use onebook::document::{SaleDraft, SaleLine};
use onebook::{Book, DocumentDraft, ImportOptions, NewUser, Role, ShopSetup, Timestamp};
use rusqlite::{params, Connection, TransactionBehavior};
use rust_decimal::Decimal;

const PRODUCTS_FULL: f64 = 100_000.0;
const LINES_FULL: f64 = 5_000_000.0;
const SALES_FULL: f64 = 2_000.0;
const LOOKUPS_FULL: f64 = 100_000.0;
const REPORT_RUNS: usize = 5;
/// Time budgets, so a pathologically slow path still lets the bench finish (the count is printed).
const LOOKUP_WARMUP_BUDGET: Duration = Duration::from_secs(5);
const LOOKUP_BUDGET: Duration = Duration::from_secs(120);
const REPORT_BUDGET: Duration = Duration::from_secs(120);
/// The measured month (shop time, Asia/Dubai) and the span of generated trade around it.
const MONTH: &str = "2026-08";
const TRADE_START: &str = "2026-05-31T20:00:00.000000Z"; // 2026-06-01 00:00 in Dubai
const TRADE_END: &str = "2026-10-31T20:00:00.000000Z"; // 2026-11-01 00:00 in Dubai
/// Carton size and pallet size in cartons, for every product.
const CARTON: i64 = 24;
const PALLET_CARTONS: i64 = 200;
/// Documents per bulk-load transaction.
const DOCS_PER_TX: usize = 100_000;

/// A small deterministic generator (no rand crate): the same data on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// SplitMix64 finaliser: a per-product property from its index.
fn mix(i: u64) -> u64 {
    let mut z = i.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn sku(i: usize) -> String {
    format!("BN{i:06}")
}

/// EAN-13 of the piece.
fn piece_barcode(i: usize) -> String {
    with_check_digit(&format!("62{i:010}"))
}

/// GTIN-14 of the carton (indicator 1) and the pallet (indicator 2).
fn case_barcode(indicator: u8, i: usize) -> String {
    with_check_digit(&format!("{indicator}62{i:010}"))
}

/// Retail price of a piece, in fils (AED minor units): 1.50 to 301.49.
fn piece_price_minor(i: usize) -> i64 {
    150 + (mix(i as u64) % 30_000) as i64
}

/// Retail price of a carton: 90 % of 24 pieces.
fn carton_price_minor(i: usize) -> i64 {
    piece_price_minor(i) * CARTON * 90 / 100
}

/// Moving average cost per piece in ten-thousandths: 55 % of the retail piece price.
fn cost_e4(i: usize) -> i64 {
    piece_price_minor(i) * 55
}

fn money(minor: i64) -> String {
    Decimal::new(minor, 2).normalize().to_string()
}

const VARIANTS: [&str; 8] = ["Black", "White", "Silver", "Red", "Blue", "Mini", "Pro", "Max"];

/// The product CSV: piece, carton=24 and pallet=200 carton, a barcode for each, retail and
/// wholesale prices.
fn product_csv(n: usize) -> String {
    let mut csv = String::with_capacity(n * 260);
    csv.push_str(
        "sku,name,base_unit,vat_rate,reserve,allow_negative,category,units,barcodes,retail_prices,wholesale_prices\n",
    );
    for i in 0..n {
        let p = piece_price_minor(i);
        let wholesale_carton = p * CARTON * 70 / 100;
        writeln!(
            csv,
            "{},Bench product {i:06} {},piece,,,no,cat{:02},carton={CARTON}; pallet={PALLET_CARTONS} carton,\
             piece={}; carton={}; pallet={},piece={}; carton={},piece={}; carton={}; pallet={}",
            sku(i),
            VARIANTS[i % VARIANTS.len()],
            mix(i as u64 ^ 0xCA7) % 40,
            piece_barcode(i),
            case_barcode(1, i),
            case_barcode(2, i),
            money(p),
            money(carton_price_minor(i)),
            money(p * 75 / 100),
            money(wholesale_carton),
            money(wholesale_carton * PALLET_CARTONS * 95 / 100),
        )
        .expect("write to a String");
    }
    csv
}

/// The sales to bulk-load, generated twice from the same seed: once to count documents and the
/// demand per product (so the opening stock covers it), once to write them.
struct SaleGen {
    rng: Lcg,
    products: usize,
}

/// One generated sale line: product index, carton (else piece), quantity in that unit.
struct GenLine {
    product: usize,
    carton: bool,
    qty: i64,
}

impl SaleGen {
    fn new(products: usize) -> SaleGen {
        SaleGen { rng: Lcg(20_261_122), products }
    }

    fn lines_in_next_doc(&mut self) -> usize {
        1 + self.rng.below(5) as usize
    }

    /// 80 % of lines go to the most popular 20 % of the products.
    fn next_line(&mut self) -> GenLine {
        let product = if self.rng.below(10) < 8 {
            self.rng.below((self.products as u64 / 5).max(1)) as usize
        } else {
            self.rng.below(self.products as u64) as usize
        };
        if self.rng.below(100) < 3 {
            GenLine { product, carton: true, qty: 1 }
        } else {
            GenLine { product, carton: false, qty: 1 + self.rng.below(3) as i64 }
        }
    }
}

fn micros_of(text: &str) -> i64 {
    DateTime::parse_from_rfc3339(text).expect("a valid time").timestamp_micros()
}

fn time_text(micros: i64) -> String {
    Timestamp(DateTime::<Utc>::from_timestamp_micros(micros).expect("in range")).to_db()
}

/// VAT included at 5 %: (net, vat) of a gross amount, VAT rounded half away from zero.
fn split_gross(gross: i64) -> (i64, i64) {
    let vat = (gross * 5 * 2 + 105) / 210;
    (gross - vat, vat)
}

struct BulkStats {
    receipts: usize,
    receipt_lines: usize,
    sales: usize,
    sale_lines: usize,
    movements: i64,
}

/// Bulk-load the opening receipts and the sales straight into the tables, keeping every
/// invariant the library keeps: dense device sequence, balances, numbering, the copies of kind
/// and time on lines.
fn bulk_load(path: &std::path::Path, products: usize, target_lines: usize) -> rusqlite::Result<BulkStats> {
    let mut conn = Connection::open(path)?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA cache_size = -1500000;
         PRAGMA temp_store = MEMORY;",
    )?;
    let (device_id, prefix): (String, String) =
        conn.query_row("SELECT device_id, series_prefix FROM device WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let owner_id: String = conn.query_row("SELECT id FROM users WHERE username = 'owner'", [], |r| r.get(0))?;
    let cashier_id: String = conn.query_row("SELECT id FROM users WHERE username = 'cashier'", [], |r| r.get(0))?;
    let odd_vat: i64 = conn.query_row("SELECT count(*) FROM products WHERE vat_rate <> '5'", [], |r| r.get(0))?;
    assert_eq!(odd_vat, 0, "the generator assumes every product at the 5 % default");
    let mut ids = vec![String::new(); products];
    {
        let mut st = conn.prepare("SELECT id, sku FROM products")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let sku: String = r.get(1)?;
            let i: usize = sku[2..].parse().expect("a bench SKU");
            ids[i] = r.get(0)?;
        }
    }
    assert!(ids.iter().all(|id| !id.is_empty()), "every product imported");

    // Pass 1: how many documents, and how much each product sells.
    let mut demand = vec![0i64; products];
    let mut docs = 0usize;
    {
        let mut g = SaleGen::new(products);
        let mut lines = 0;
        while lines < target_lines {
            let n = g.lines_in_next_doc().min(target_lines - lines);
            for _ in 0..n {
                let l = g.next_line();
                demand[l.product] += l.qty * if l.carton { CARTON } else { 1 };
            }
            lines += n;
            docs += 1;
        }
    }

    let start_us = micros_of(TRADE_START);
    let step_us = ((micros_of(TRADE_END) - start_us) / docs as i64).max(1);
    let mut seq: i64 = 1;
    let mut balance = vec![0i64; products];
    let mut stats = BulkStats { receipts: 0, receipt_lines: 0, sales: 0, sale_lines: 0, movements: 0 };

    let doc_sql = "INSERT INTO documents (id, kind, series, number, doc_no, status, supplier, occurred_at, user_id,
                                          device_id, net_minor, vat_minor, gross_minor)
                   VALUES (?1, ?2, ?3, ?4, ?5, 'committed', ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
    let line_sql = "INSERT INTO document_lines (document_id, line_no, kind, occurred_at, product_id, unit, qty,
                                                factor_to_base, qty_base, unit_price, price_overridden, vat_included,
                                                vat_rate, net_minor, vat_minor, gross_minor, unit_cost_e4)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 0, ?11, ?12, ?13, ?14, ?15, ?16)";
    let move_sql = "INSERT INTO movements (id, device_id, device_seq, product_id, location, qty_base, kind, document_id,
                                           line_no, unit_cost_e4, avg_cost_after_e4, balance_after, occurred_at, user_id)
                    VALUES (?1, ?2, ?3, ?4, 'main', ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?11, ?12)";

    // Opening receipts: every product gets what it will sell plus 1 000 pieces, rounded up to
    // whole cartons, 1 000 lines per receipt, an hour before trade starts.
    let receipts = products.div_ceil(1000);
    {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        {
            let mut doc_st = tx.prepare_cached(doc_sql)?;
            let mut line_st = tx.prepare_cached(line_sql)?;
            let mut move_st = tx.prepare_cached(move_sql)?;
            let series = format!("GR-{prefix}");
            for r in 0..receipts {
                let at = time_text(start_us - 3_600_000_000 + r as i64);
                let doc_id = onebook::ids::new_id();
                let range = r * 1000..((r + 1) * 1000).min(products);
                let qty_of = |i: usize| (demand[i] + 1000 + CARTON - 1) / CARTON * CARTON;
                let net_of = |i: usize| (qty_of(i) * cost_e4(i) + 50) / 100;
                let total: i64 = range.clone().map(net_of).sum();
                doc_st.execute(params![
                    doc_id,
                    "receipt",
                    series,
                    r as i64 + 1,
                    format!("{series}-{:06}", r + 1),
                    "Bench opening stock",
                    at,
                    owner_id,
                    device_id,
                    total,
                    0,
                    total
                ])?;
                for (k, i) in range.enumerate() {
                    let qty = qty_of(i);
                    let cost = cost_e4(i);
                    let line_no = k as i64 + 1;
                    let unit_price = onebook::money::cost_from_e4(cost).normalize().to_string();
                    let net = net_of(i);
                    line_st.execute(params![
                        doc_id,
                        line_no,
                        "receipt",
                        at,
                        ids[i],
                        "piece",
                        qty.to_string(),
                        1,
                        qty,
                        unit_price,
                        None::<i64>,
                        "0",
                        net,
                        0,
                        net,
                        cost
                    ])?;
                    balance[i] += qty;
                    move_st.execute(params![
                        onebook::ids::new_id(),
                        device_id,
                        seq,
                        ids[i],
                        qty,
                        "receipt",
                        doc_id,
                        line_no,
                        cost,
                        balance[i],
                        at,
                        owner_id
                    ])?;
                    seq += 1;
                }
                stats.receipts += 1;
                stats.receipt_lines += 1000.min(products - r * 1000);
            }
            let mut cost_st = tx.prepare("UPDATE products SET avg_cost_e4 = ?2 WHERE id = ?1")?;
            for (i, id) in ids.iter().enumerate() {
                cost_st.execute(params![id, cost_e4(i)])?;
            }
            tx.execute("INSERT INTO series (series, last_number) VALUES (?1, ?2)", params![series, receipts as i64])?;
        }
        tx.commit()?;
    }

    // Pass 2: the sales, the same sequence as pass 1.
    let series = format!("S-{prefix}");
    let mut g = SaleGen::new(products);
    let mut written_lines = 0usize;
    let mut doc = 0usize;
    let mut last_at = String::new();
    let mut buf: Vec<GenLine> = Vec::with_capacity(5);
    while doc < docs {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        {
            let mut doc_st = tx.prepare_cached(doc_sql)?;
            let mut line_st = tx.prepare_cached(line_sql)?;
            let mut move_st = tx.prepare_cached(move_sql)?;
            let mut pay_st = tx.prepare_cached(
                "INSERT INTO payments (document_id, seq, method, amount_minor, change_minor)
                 VALUES (?1, 1, 'cash', ?2, 0)",
            )?;
            let stop = (doc + DOCS_PER_TX).min(docs);
            while doc < stop {
                let n = g.lines_in_next_doc().min(target_lines - written_lines);
                buf.clear();
                buf.extend((0..n).map(|_| g.next_line()));
                let at = time_text(start_us + doc as i64 * step_us + 1);
                let doc_id = onebook::ids::new_id();
                let amounts: Vec<(i64, i64, i64)> = buf
                    .iter()
                    .map(|l| {
                        let price = if l.carton { carton_price_minor(l.product) } else { piece_price_minor(l.product) };
                        let gross = price * l.qty;
                        let (net, vat) = split_gross(gross);
                        (net, vat, gross)
                    })
                    .collect();
                let (net, vat, gross) = amounts.iter().fold((0, 0, 0), |(a, b, c), (n, v, g)| (a + n, b + v, c + g));
                let number = doc as i64 + 1;
                doc_st.execute(params![
                    doc_id,
                    "sale",
                    series,
                    number,
                    format!("{series}-{number:06}"),
                    None::<String>,
                    at,
                    cashier_id,
                    device_id,
                    net,
                    vat,
                    gross
                ])?;
                for (k, (l, (lnet, lvat, lgross))) in buf.iter().zip(&amounts).enumerate() {
                    let line_no = k as i64 + 1;
                    let (unit, factor, price) = if l.carton {
                        ("carton", CARTON, carton_price_minor(l.product))
                    } else {
                        ("piece", 1, piece_price_minor(l.product))
                    };
                    let qty_base = l.qty * factor;
                    line_st.execute(params![
                        doc_id,
                        line_no,
                        "sale",
                        at,
                        ids[l.product],
                        unit,
                        l.qty.to_string(),
                        factor,
                        qty_base,
                        money(price),
                        1,
                        "5",
                        lnet,
                        lvat,
                        lgross,
                        None::<i64>
                    ])?;
                    balance[l.product] -= qty_base;
                    debug_assert!(balance[l.product] > 0);
                    move_st.execute(params![
                        onebook::ids::new_id(),
                        device_id,
                        seq,
                        ids[l.product],
                        -qty_base,
                        "sale",
                        doc_id,
                        line_no,
                        cost_e4(l.product),
                        balance[l.product],
                        at,
                        cashier_id
                    ])?;
                    seq += 1;
                }
                pay_st.execute(params![doc_id, gross])?;
                written_lines += n;
                doc += 1;
                last_at = at;
            }
        }
        tx.commit()?;
        eprint!("\r  bulk load: {doc}/{docs} sale documents");
    }
    eprintln!();
    stats.sales = docs;
    stats.sale_lines = written_lines;
    assert!(balance.iter().all(|b| *b > 0), "opening stock covers every sale");

    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    {
        let mut st =
            tx.prepare("UPDATE stock_balances SET qty_base = ?2 WHERE product_id = ?1 AND location = 'main'")?;
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(st.execute(params![id, balance[i]])?, 1, "a balance row per product");
        }
        tx.execute("INSERT INTO series (series, last_number) VALUES (?1, ?2)", params![series, docs as i64])?;
        tx.execute("UPDATE device SET next_seq = ?1, last_occurred_at = ?2 WHERE id = 1", params![seq, last_at])?;
    }
    // Rows written straight to the ledger above: the running sums the library keeps with each
    // document are made from them the way migration 0004 makes them for an existing book.
    onebook::rollups::rebuild(&tx).map_err(|e| rusqlite::Error::InvalidParameterName(e.to_string()))?;
    tx.commit()?;
    stats.movements = seq - 1;
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(stats)
}

fn percentile(sorted: &[Duration], q: f64) -> Duration {
    let k = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[k - 1]
}

fn us(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

struct Summary {
    p50: Duration,
    p99: Duration,
    mean: Duration,
    max: Duration,
}

fn summary(mut v: Vec<Duration>) -> Summary {
    v.sort();
    let mean = v.iter().sum::<Duration>() / v.len() as u32;
    Summary { p50: percentile(&v, 0.50), p99: percentile(&v, 0.99), mean, max: *v.last().expect("samples") }
}

fn env_scale() -> f64 {
    match std::env::var("ONEBOOK_BENCH_SCALE") {
        Ok(s) => s.trim().parse::<f64>().ok().filter(|v| *v > 0.0).expect("ONEBOOK_BENCH_SCALE is a positive number"),
        Err(_) => 1.0,
    }
}

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

    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("bench-tmp");
    std::fs::create_dir_all(&root)?;
    let dir = tempfile::Builder::new().prefix("ledger-").tempdir_in(&root)?;
    let path = dir.path().join("bench.onebook.sqlite3");
    println!("database: {}", path.display());

    // --- Setup, and bench 3: the product CSV import into a fresh book. ---
    let setup_start = Instant::now();
    let t0 = Timestamp::from_db("2026-05-30T06:00:00.000000Z")?;
    let mut book = Book::open(&path)?;
    let owner = book.init(
        &ShopSetup {
            series_prefix: Some("A".into()),
            ..ShopSetup::new("Bench Trading LLC", "AED", Decimal::from(5), "Asia/Dubai")
        },
        t0,
    )?;
    let cashier = book.add_user(
        &owner,
        &NewUser { username: "cashier".into(), display_name: None, role: Role::Cashier, locale: None },
        t0,
    )?;
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
            let stats = bulk_load(&path, products, lines)?;
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

    // --- Bench 1: a 3-line retail sale vs a bare one-row commit, interleaved. ---
    let bare = Connection::open(&path)?;
    bare.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 0;
         CREATE TABLE IF NOT EXISTS bench_bare(x);",
    )?;
    // As the desktop till runs: the WAL is copied to the main file on a thread of its own, for
    // the bare commits as much as for the sales (neither connection checkpoints in its commits).
    book.checkpoint_in_background()?;
    let mut bare = bare;
    let mut bare_commit = |i: i64| -> rusqlite::Result<Duration> {
        let t = Instant::now();
        let tx = bare.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute("INSERT INTO bench_bare (x) VALUES (?1)", [i])?;
        tx.commit()?;
        Ok(t.elapsed())
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
    let warmup = warmup_sales;
    let (mut sale_t, mut bare_t) = (Vec::with_capacity(sales), Vec::with_capacity(sales));
    for i in 0..warmup + sales {
        let draft = sale_draft(&mut rng);
        let t = Instant::now();
        let doc = book.post(&cashier, &draft, Timestamp::now())?;
        let d = t.elapsed();
        debug_assert_eq!(doc.lines.len(), 3);
        let b = bare_commit(i as i64)?;
        if i >= warmup {
            sale_t.push(d);
            bare_t.push(b);
        }
    }
    let (s, b) = (summary(sale_t), summary(bare_t));
    println!("[1] commit latency over {sales} interleaved pairs ({warmup} warm-up pairs not counted):");
    println!(
        "    3-line sale (Book::post):   p50 {}  p99 {}  mean {}  max {}",
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

    // Diagnostic: the same sale without the fsync (synchronous=OFF on the book's connection for
    // these few sales only), to split the library's own work from the durability cost.
    book.connection().execute_batch("PRAGMA synchronous = OFF")?;
    let nosync_sales = sales.min(200);
    let mut nosync = Vec::with_capacity(nosync_sales);
    for _ in 0..nosync_sales {
        let draft = sale_draft(&mut rng);
        let t = Instant::now();
        book.post(&cashier, &draft, Timestamp::now())?;
        nosync.push(t.elapsed());
    }
    book.connection().execute_batch("PRAGMA synchronous = FULL")?;
    let n = summary(nosync);
    println!("    (diagnostic) sale with synchronous=OFF, {nosync_sales} sales: p50 {}  p99 {}", ms(n.p50), ms(n.p99));

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
