//! The bench book builder shared by benches/ledger.rs and benches/month.rs: a product catalog made
//! through the CSV import, then opening receipts and sale documents written straight into the
//! ledger's tables by bulk SQL (keeping every invariant the library keeps), and the running sums
//! rebuilt from them. Also the figures' helpers (percentiles, durations).
#![allow(dead_code)] // each bench uses its own part of it

use std::fmt::Write as _;
use std::time::Duration;

use chrono::{DateTime, Utc};
use onebook::barcode::with_check_digit;
use onebook::{Actor, Book, NewUser, Role, ShopSetup, Timestamp};
use rusqlite::{params, Connection, TransactionBehavior};
use rust_decimal::Decimal;

/// A folder for a bench's files under target/bench-tmp (removed with the returned handle).
pub fn bench_dir(prefix: &str) -> std::io::Result<tempfile::TempDir> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("bench-tmp");
    std::fs::create_dir_all(&root)?;
    tempfile::Builder::new().prefix(prefix).tempdir_in(&root)
}

/// A new bench book at `path`: the shop (AED, 5 % VAT included in retail prices, Asia/Dubai,
/// series prefix A) set up at `t0`, and a cashier. Returns the book, the owner and the cashier.
pub fn new_shop(path: &std::path::Path, t0: Timestamp) -> onebook::Result<(Book, Actor, Actor)> {
    let mut book = Book::open(path)?;
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
    Ok((book, owner, cashier))
}

/// When the generated sales happen: evenly from `start` to `end`, except that a share of them may
/// fall in one busy span (the measured month of benches/month.rs).
pub struct Trade {
    pub start_us: i64,
    pub end_us: i64,
    /// (start, end, share of the documents).
    pub busy: Option<(i64, i64, f64)>,
}

impl Trade {
    pub fn uniform(start: &str, end: &str) -> Trade {
        Trade { start_us: micros_of(start), end_us: micros_of(end), busy: None }
    }

    /// The instant (µs) of document `doc` of `docs`, increasing with `doc`.
    pub fn at(&self, doc: usize, docs: usize) -> i64 {
        let (doc, docs) = (doc as i64, docs.max(1) as i64);
        let Some((bs, be, share)) = self.busy else {
            let step = ((self.end_us - self.start_us) / docs).max(1);
            return self.start_us + doc * step;
        };
        let n_busy = ((docs as f64 * share).round() as i64).clamp(1, docs);
        let n_other = docs - n_busy;
        let (pre_span, post_span) = (bs - self.start_us, self.end_us - be);
        let n_pre = if pre_span + post_span > 0 {
            (n_other as f64 * pre_span as f64 / (pre_span + post_span) as f64).round() as i64
        } else {
            0
        };
        let n_post = n_other - n_pre;
        if doc < n_pre {
            self.start_us + doc * (pre_span / n_pre)
        } else if doc < n_pre + n_busy {
            bs + (doc - n_pre) * ((be - bs) / n_busy)
        } else {
            be + (doc - n_pre - n_busy) * (post_span / n_post.max(1))
        }
    }
}

/// Carton size and pallet size in cartons, for every product.
pub const CARTON: i64 = 24;
pub const PALLET_CARTONS: i64 = 200;
/// Documents per bulk-load transaction.
pub const DOCS_PER_TX: usize = 100_000;

/// A small deterministic generator (no rand crate): the same data on every run.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// SplitMix64 finaliser: a per-product property from its index.
pub fn mix(i: u64) -> u64 {
    let mut z = i.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

pub fn sku(i: usize) -> String {
    format!("BN{i:06}")
}

/// EAN-13 of the piece.
pub fn piece_barcode(i: usize) -> String {
    with_check_digit(&format!("62{i:010}"))
}

/// GTIN-14 of the carton (indicator 1) and the pallet (indicator 2).
pub fn case_barcode(indicator: u8, i: usize) -> String {
    with_check_digit(&format!("{indicator}62{i:010}"))
}

/// Retail price of a piece, in fils (AED minor units): 1.50 to 301.49.
pub fn piece_price_minor(i: usize) -> i64 {
    150 + (mix(i as u64) % 30_000) as i64
}

/// Retail price of a carton: 90 % of 24 pieces.
pub fn carton_price_minor(i: usize) -> i64 {
    piece_price_minor(i) * CARTON * 90 / 100
}

/// Moving average cost per piece in ten-thousandths: 55 % of the retail piece price.
pub fn cost_e4(i: usize) -> i64 {
    piece_price_minor(i) * 55
}

pub fn money(minor: i64) -> String {
    Decimal::new(minor, 2).normalize().to_string()
}

pub const VARIANTS: [&str; 8] = ["Black", "White", "Silver", "Red", "Blue", "Mini", "Pro", "Max"];

/// The product CSV: piece, carton=24 and pallet=200 carton, a barcode for each, retail and
/// wholesale prices.
pub fn product_csv(n: usize) -> String {
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
pub struct SaleGen {
    rng: Lcg,
    products: usize,
}

/// One generated sale line: product index, carton (else piece), quantity in that unit.
pub struct GenLine {
    pub product: usize,
    pub carton: bool,
    pub qty: i64,
}

impl SaleGen {
    pub fn new(products: usize) -> SaleGen {
        SaleGen { rng: Lcg(20_261_122), products }
    }

    pub fn lines_in_next_doc(&mut self) -> usize {
        1 + self.rng.below(5) as usize
    }

    /// 80 % of lines go to the most popular 20 % of the products.
    pub fn next_line(&mut self) -> GenLine {
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

pub fn micros_of(text: &str) -> i64 {
    DateTime::parse_from_rfc3339(text).expect("a valid time").timestamp_micros()
}

pub fn time_text(micros: i64) -> String {
    Timestamp(DateTime::<Utc>::from_timestamp_micros(micros).expect("in range")).to_db()
}

/// VAT included at 5 %: (net, vat) of a gross amount, VAT rounded half away from zero.
pub fn split_gross(gross: i64) -> (i64, i64) {
    let vat = (gross * 5 * 2 + 105) / 210;
    (gross - vat, vat)
}

pub struct BulkStats {
    pub receipts: usize,
    pub receipt_lines: usize,
    pub sales: usize,
    pub sale_lines: usize,
    pub movements: i64,
}

/// Bulk-load the opening receipts and the sales straight into the tables, keeping every
/// invariant the library keeps: dense device sequence, balances, numbering, the copies of kind
/// and time on lines.
pub fn bulk_load(
    path: &std::path::Path,
    products: usize,
    target_lines: usize,
    trade: &Trade,
) -> rusqlite::Result<BulkStats> {
    let began = std::time::Instant::now();
    let mut conn = Connection::open(path)?;
    // A throwaway file being filled: no rollback journal (a failed build is deleted, not
    // recovered), pages written once straight to the file instead of through the WAL.
    let mode: String = conn.query_row("PRAGMA journal_mode = OFF", [], |r| r.get(0))?;
    assert_eq!(mode, "off", "the bulk load owns the file");
    conn.execute_batch(
        "PRAGMA synchronous = OFF; PRAGMA cache_size = -1500000;
         PRAGMA temp_store = MEMORY; PRAGMA threads = 2;",
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

    // The secondary indexes of the tables filled here (documents by kind and time, ...) are
    // dropped for the load and made again from their own SQL after it: one sort each. Their keys
    // arrive in order anyway, as do those of the constraints' indexes (UUIDv7 ids, dense
    // numbers), which stay. Not the movements by product: a shop's book gets that index one
    // movement at a time at random places, its pages about two thirds full; made by a sort, every
    // page is packed full and each of the first sales measured on it would split three pages.
    let indexes: Vec<(String, String)> = {
        let mut st = conn.prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
             AND tbl_name IN ('documents', 'document_lines', 'movements', 'payments')
             AND name <> 'movements_product_time' ORDER BY name",
        )?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (name, _) in &indexes {
        conn.execute_batch(&format!("DROP INDEX \"{name}\""))?;
    }

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

    let start_us = trade.start_us;
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
                let at = time_text(trade.at(doc, docs) + 1);
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
        eprint!("\r  bulk load: {doc}/{docs} sale documents ({})", secs(began.elapsed()));
    }
    eprintln!();
    let loaded = began.elapsed();
    stats.sales = docs;
    stats.sale_lines = written_lines;
    assert!(balance.iter().all(|b| *b > 0), "opening stock covers every sale");

    let t = std::time::Instant::now();
    for (_, sql) in &indexes {
        conn.execute_batch(sql)?;
    }
    let indexed = t.elapsed();
    let t = std::time::Instant::now();
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
    // The rebuild writes the month rows in key order (product, month), packing their pages full;
    // a shop adds them month after month at each product's place. Written again in that order.
    tx.execute_batch(
        "CREATE TEMP TABLE bulk_months AS SELECT * FROM product_months;
         DELETE FROM product_months;
         INSERT INTO product_months SELECT * FROM bulk_months ORDER BY month, product_id;
         DROP TABLE bulk_months;",
    )?;
    tx.commit()?;
    stats.movements = seq - 1;
    // Back to the book's own journal; Book::open finds it as the library left it.
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    assert_eq!(mode, "wal");
    eprintln!(
        "  bulk load: rows {}, indexes {} ({}), running sums rebuilt {}",
        secs(loaded),
        secs(indexed),
        indexes.len(),
        secs(t.elapsed())
    );
    Ok(stats)
}

pub fn percentile(sorted: &[Duration], q: f64) -> Duration {
    let k = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[k - 1]
}

pub fn us(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

pub fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

pub fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

pub struct Summary {
    pub p50: Duration,
    pub p99: Duration,
    pub mean: Duration,
    pub max: Duration,
}

pub fn summary(mut v: Vec<Duration>) -> Summary {
    v.sort();
    let mean = v.iter().sum::<Duration>() / v.len() as u32;
    Summary { p50: percentile(&v, 0.50), p99: percentile(&v, 0.99), mean, max: *v.last().expect("samples") }
}

pub fn env_scale() -> f64 {
    match std::env::var("ONEBOOK_BENCH_SCALE") {
        Ok(s) => s.trim().parse::<f64>().ok().filter(|v| *v > 0.0).expect("ONEBOOK_BENCH_SCALE is a positive number"),
        Err(_) => 1.0,
    }
}
