//! The per-product month rows (migration 0016) the month report and the stock valuation read are
//! kept right by every kind of document: after a seeded random mix of receipts, sales, invoices,
//! retail and wholesale returns (restocked and written off), returns received, counts, voids and
//! documents merged late with earlier dates (a till's history arriving after newer documents),
//! the rows equal a recomputation from the movements done here, the report from the running sums
//! equals the report recomputed from the ledger for every month, and the exported stock valuation
//! equals each product's last movement before the month's end, worked out here.

use std::collections::BTreeMap;

use onebook::document::DocumentDraft;
use onebook::export::ExportFormat;
use onebook::{Book, Customer, Locale, ProductInput, ShopSetup, Timestamp};
use rust_decimal::Decimal;
use serde_json::json;

/// A small deterministic generator: the same mix on every run (the seed is printed on failure).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

const SKUS: [&str; 4] = ["TEA", "RICE", "OIL", "SALT"];
const MONTHS: [&str; 6] = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"];

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

/// A local time (Dubai) in month `m` (0-based from January 2026), often in the first or last hours
/// of the month, where the shop's month and the UTC month differ.
fn local_time(rng: &mut Lcg, m: u32, day_floor: u32) -> (u32, String) {
    let days: u32 = [31, 28, 31, 30, 31, 30][m as usize];
    let (day, hour) = match rng.below(4) {
        0 => (1, rng.below(4) as u32),         // 00:00-03:59 on the 1st: the previous UTC month
        1 => (days, 20 + rng.below(4) as u32), // the last evening
        _ => (1 + rng.below(days as u64) as u32, 8 + rng.below(12) as u32),
    };
    let day = day.max(day_floor).min(days);
    (day, format!("2026-{:02}-{day:02}T{hour:02}:{:02}:00", m + 1, rng.below(60)))
}

/// Every product's month rows recomputed from its movements: (product id, UTC month) ->
/// (first, last, balance after, average after, latest sale so far).
fn recomputed(book: &Book) -> BTreeMap<(String, String), (String, String, i64, i64, Option<String>)> {
    let mut st = book
        .connection()
        .prepare(
            "SELECT product_id, occurred_at, kind, balance_after, avg_cost_after_e4 FROM movements
             ORDER BY product_id, occurred_at, rowid",
        )
        .unwrap();
    let moves: Vec<(String, String, String, i64, i64)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut out: BTreeMap<(String, String), (String, String, i64, i64, Option<String>)> = BTreeMap::new();
    let mut sale_so_far: BTreeMap<String, Option<String>> = BTreeMap::new();
    for (pid, at, kind, balance, avg) in moves {
        let month = at[..7].to_string();
        let sale = sale_so_far.entry(pid.clone()).or_default();
        if kind == "sale" || kind == "invoice" {
            *sale = Some(at.clone());
        }
        // In (instant, order recorded) order: the last one seen is the month's last.
        let e = out.entry((pid, month)).or_insert_with(|| (at.clone(), at.clone(), 0, 0, None));
        e.1 = at;
        e.2 = balance;
        e.3 = avg;
        e.4 = sale.clone();
    }
    out
}

fn kept(book: &Book) -> BTreeMap<(String, String), (String, String, i64, i64, Option<String>)> {
    let mut st = book
        .connection()
        .prepare(
            "SELECT product_id, month, first_at, last_at, balance_after, avg_cost_after_e4, last_sale_at
             FROM product_months",
        )
        .unwrap();
    st.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), (r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// On hand per SKU just before `end`: the last movement before it (latest instant, then the one
/// recorded last), products with a zero balance left out, as the stock valuation lists them.
fn stock_before(book: &Book, end: &str) -> BTreeMap<String, i64> {
    let mut st = book
        .connection()
        .prepare(
            "SELECT p.sku, m.occurred_at, m.balance_after FROM movements m JOIN products p ON p.id = m.product_id
             ORDER BY m.occurred_at, m.rowid",
        )
        .unwrap();
    let mut out = BTreeMap::new();
    let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?))).unwrap();
    for (sku, at, balance) in rows.map(Result::unwrap) {
        if at.as_str() < end {
            out.insert(sku, balance);
        }
    }
    out.retain(|_, v| *v != 0);
    out
}

#[test]
fn month_rows_equal_the_movements_after_a_random_mix_with_late_history() {
    for seed in [5u64, 16, 2026] {
        mix(seed);
    }
}

fn mix(seed: u64) {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Book::open(dir.path().join("shop.sqlite3")).unwrap();
    let tz = chrono_tz::Asia::Dubai;
    let t = |s: &str| Timestamp::parse(s, tz, "t").unwrap();
    let t0 = t("2025-12-20T09:00:00");
    let owner = book.init(&ShopSetup::new("Mix Stall", "AED", d("5"), "Asia/Dubai"), t0).unwrap();
    let buyer = Customer {
        code: "B1".into(),
        name: "Gulf Traders".into(),
        tax_number: None,
        payment_terms_days: 30,
        locale: None,
    };
    book.add_customer(&owner, &buyer, t0).unwrap();
    for (i, sku) in SKUS.iter().enumerate() {
        let p = ProductInput {
            sku: sku.to_string(),
            name: format!("{sku} product"),
            base_unit: "piece".into(),
            vat_rate_pct: Some(d(if i == 1 { "0" } else { "5" })),
            retail_reserve: Some(0),
            allow_negative: i == 3,
            category: None,
            units: vec![("carton".into(), 12)],
            barcodes: vec![],
            retail_prices: vec![("piece".into(), d("10") + Decimal::from(i as i64))],
            wholesale_prices: vec![("carton".into(), d("100") + Decimal::from(i as i64))],
        };
        book.upsert_product(&owner, p, t0).unwrap();
    }
    let now = t("2026-07-01T12:00:00");
    let mut rng = Lcg(seed);
    let (mut tickets, mut invoices, mut credit_notes) = (vec![], vec![], vec![]);
    let mut posted: BTreeMap<String, usize> = BTreeMap::new();
    let (mut month, mut day) = (0u32, 1u32);
    let mut clock = chrono::NaiveDateTime::parse_from_str("2026-01-01T00:00:00", "%Y-%m-%dT%H:%M:%S").unwrap();
    let line = |rng: &mut Lcg, max: u64| {
        let unit = if rng.below(5) == 0 { "carton" } else { "piece" };
        json!({"sku": SKUS[rng.below(4) as usize], "qty": (1 + rng.below(max)).to_string(), "unit": unit})
    };
    for op in 0..90 {
        // Time moves forward through the half year; now and then a document of an earlier month
        // arrives late (a till's history merged after newer documents): the device's mark of its
        // last document is put back, as such a merge finds it, and the document is dated then.
        let late = op > 20 && rng.below(70) < 10;
        let date = if late {
            book.connection().execute("UPDATE device SET last_occurred_at = NULL", []).unwrap();
            let earlier = rng.below(month as u64 + 1) as u32;
            local_time(&mut rng, earlier, 1).1
        } else {
            if rng.below(12) == 0 && month < 5 {
                month += 1;
                day = 1;
            }
            let (at_day, candidate) = local_time(&mut rng, month, day);
            day = at_day;
            // On-time documents never go back: at least a few minutes after the previous one.
            let candidate = chrono::NaiveDateTime::parse_from_str(&candidate, "%Y-%m-%dT%H:%M:%S").unwrap();
            clock = clock.max(candidate - chrono::Duration::minutes(7)) + chrono::Duration::minutes(7);
            clock.format("%Y-%m-%dT%H:%M:%S").to_string()
        };
        let which = if op < 3 { 0 } else { rng.below(9) };
        let value = match which {
            0 => json!({"kind": "receipt", "date": date, "lines": (0..1 + rng.below(3)).map(|_| {
                let mut l = line(&mut rng, 6);
                l["unit_cost"] = json!(format!("{}.{:02}", 40 + rng.below(40), rng.below(100)));
                l
            }).collect::<Vec<_>>()}),
            1 | 2 => json!({"kind": "sale", "date": date, "lines": (0..1 + rng.below(3)).map(|_| {
                let mut l = line(&mut rng, 5);
                l["unit"] = json!("piece");
                l
            }).collect::<Vec<_>>()}),
            3 => json!({"kind": "invoice", "date": date, "buyer": "B1",
                         "lines": (0..1 + rng.below(2)).map(|_| {
                             let mut l = line(&mut rng, 2);
                             l["unit"] = json!("carton");
                             l
                         }).collect::<Vec<_>>()}),
            4 if !tickets.is_empty() => json!({"kind": "retail_return", "date": date,
                "ticket": tickets[rng.below(tickets.len() as u64) as usize], "restock": rng.below(3) != 0,
                "lines": [{"line": 1, "qty": "1", "unit": "piece"}]}),
            5 if !invoices.is_empty() => json!({"kind": "wholesale_return", "date": date,
                "invoice": invoices[rng.below(invoices.len() as u64) as usize], "restock": rng.below(2) == 0,
                "lines": [{"line": 1, "qty": "1"}]}),
            6 if !credit_notes.is_empty() => json!({"kind": "receive_return", "date": date,
                "return": credit_notes[rng.below(credit_notes.len() as u64) as usize]}),
            7 => json!({"kind": "count", "date": date, "lines": [{"sku": SKUS[rng.below(4) as usize],
                "qty": rng.below(30).to_string(), "unit": "piece"}]}),
            _ => {
                let void = onebook::voids::VoidDraft::from_json(&format!(
                    r#"{{"scope":"line","lines":[{{"sku":"{}","qty":1}}],"reason":"scanned twice"}}"#,
                    SKUS[rng.below(4) as usize]
                ))
                .unwrap();
                if book.void(&owner, &void, t(&date)).is_ok() {
                    *posted.entry("void".into()).or_default() += 1;
                }
                continue;
            }
        };
        let kind = value["kind"].as_str().unwrap().to_string();
        let draft = DocumentDraft::from_value(value).unwrap();
        // A document the rules refuse (more back than was sold, not enough stock) changes nothing.
        let result = book.post(&owner, &draft, now);
        if let Err(e) = &result {
            *posted.entry(format!("refused {kind}: {}", e.code())).or_default() += 1;
        }
        if let Ok(doc) = result {
            match kind.as_str() {
                "sale" => tickets.push(doc.doc_no.clone()),
                "invoice" => invoices.push(doc.doc_no.clone()),
                "wholesale_return" => credit_notes.push(doc.doc_no.clone()),
                _ => {}
            }
            *posted.entry(if late { "late" } else { "on time" }.into()).or_default() += 1;
            *posted.entry(kind).or_default() += 1;
        }
    }
    for kind in ["receipt", "sale", "invoice", "retail_return", "count", "late", "void"] {
        assert!(posted.get(kind).copied().unwrap_or(0) > 0, "seed {seed}: no {kind} in the mix: {posted:?}");
    }

    assert_eq!(kept(&book), recomputed(&book), "seed {seed}: the month rows are the movements' ({posted:?})");
    assert_eq!(book.rollup_disagreements().unwrap(), vec![], "seed {seed}");
    for month in MONTHS {
        let fast = book.report_month(&owner, month).unwrap();
        let slow = book.report_month_from_ledger(&owner, month).unwrap();
        // Every figure, the inventory values too: with history merged late, the running sums
        // still give each product's value as its latest-dated movement before the instant left it.
        assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "seed {seed}: {month}");
        let out = dir.path().join(format!("pack-{month}"));
        book.export_month(&owner, month, ExportFormat::Csv, &out, Locale::En, &mut |_| {}).unwrap();
        let mut r = csv::Reader::from_path(out.join("stock_valuation.csv")).unwrap();
        let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        let (sku, on_hand) = (col("sku"), col("on_hand"));
        let exported: BTreeMap<String, i64> = r
            .records()
            .map(Result::unwrap)
            .filter(|rec| !rec[sku].is_empty())
            .map(|rec| (rec[sku].to_string(), rec[on_hand].parse().unwrap()))
            .collect();
        let end = fast.period_end.clone();
        assert_eq!(exported, stock_before(&book, &end), "seed {seed}: stock at the end of {month}");
    }
}
