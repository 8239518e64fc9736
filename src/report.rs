//! The month-end figures of DESIGN.md section 4, per channel and in total, from the one ledger.
//!
//! Sums are exact (integers in minor units, costs in ten-thousandths) and rounded only when shown:
//! money half away from zero to the minor unit, percentages to 2 decimals, days to 1 decimal.

use rusqlite::{params, Connection};
use rust_decimal::prelude::*;
use serde::Serialize;

use crate::error::Result;
use crate::money::{self, round};
use crate::people::{Action, Actor};
use crate::shop::Shop;
use crate::time::{Month, Timestamp};

/// How many slow movers the report lists.
pub const SLOW_MOVERS_SHOWN: usize = 20;

/// Figures of one channel (or of both together).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChannelFigures {
    pub orders: i64,
    pub lines: i64,
    pub gross_sales: String,
    pub returns: String,
    pub net_sales: String,
    pub cogs: String,
    pub gross_margin: String,
    pub margin_pct: Option<String>,
    pub return_rate_pct: Option<String>,
    pub sold_qty_base: i64,
    pub returned_qty_base: i64,
    pub return_rate_qty_pct: Option<String>,
    pub average_order_value: Option<String>,
    pub lines_per_order: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Channels {
    pub retail: ChannelFigures,
    pub wholesale: ChannelFigures,
    pub total: ChannelFigures,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Inventory {
    pub value_start: String,
    pub value_end: String,
    pub average: String,
    /// None when nothing was sold at cost in the period.
    pub turnover_days: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VatRow {
    pub rate_pct: String,
    pub sales_net: String,
    pub sales_vat: String,
    pub returns_net: String,
    pub returns_vat: String,
    pub vat_due: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SlowMover {
    pub rank: usize,
    pub sku: String,
    pub name: String,
    pub on_hand: i64,
    pub on_hand_value: String,
    /// Days from the last sale (or the first receipt, if never sold) to the end of the period.
    pub days_idle: String,
    pub last_sale: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgingRow {
    pub buyer: String,
    pub name: String,
    pub current: String,
    pub days_1_30: String,
    pub days_31_60: String,
    pub days_61_90: String,
    pub days_over_90: String,
    /// Unapplied payments and over-credited invoices (crate::receivables); already taken off `total`.
    pub credit: String,
    pub total: String,
}

/// Everything the accountant reads for a month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthReport {
    pub month: String,
    pub shop: String,
    pub currency: String,
    pub time_zone: String,
    pub period_start: String,
    pub period_end: String,
    pub days: u32,
    pub channels: Channels,
    pub inventory: Inventory,
    pub vat_by_rate: Vec<VatRow>,
    pub slow_movers: Vec<SlowMover>,
    pub slow_movers_total: usize,
    pub receivables_aging: Vec<AgingRow>,
}

/// Exact sums of one channel.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    orders: i64,
    lines: i64,
    gross_minor: i64,
    returns_minor: i64,
    sold_qty: i64,
    returned_qty: i64,
    cogs_out_e4: i128,
    cogs_back_e4: i128,
}

impl Sums {
    fn plus(self, o: Sums) -> Sums {
        Sums {
            orders: self.orders + o.orders,
            lines: self.lines + o.lines,
            gross_minor: self.gross_minor + o.gross_minor,
            returns_minor: self.returns_minor + o.returns_minor,
            sold_qty: self.sold_qty + o.sold_qty,
            returned_qty: self.returned_qty + o.returned_qty,
            cogs_out_e4: self.cogs_out_e4 + o.cogs_out_e4,
            cogs_back_e4: self.cogs_back_e4 + o.cogs_back_e4,
        }
    }

    fn cogs(&self) -> Decimal {
        e4(self.cogs_out_e4 - self.cogs_back_e4)
    }

    fn figures(&self, mu: u32) -> ChannelFigures {
        let gross = money::from_minor(self.gross_minor, mu);
        let returns = money::from_minor(self.returns_minor, mu);
        let net = gross - returns;
        let cogs = self.cogs();
        let margin = net - cogs;
        let pct = |num: Decimal, den: Decimal| -> Option<String> {
            (!den.is_zero()).then(|| fixed(round(num * Decimal::ONE_HUNDRED / den, 2), 2))
        };
        ChannelFigures {
            orders: self.orders,
            lines: self.lines,
            gross_sales: money::amount_str(gross, mu),
            returns: money::amount_str(returns, mu),
            net_sales: money::amount_str(net, mu),
            cogs: money::amount_str(cogs, mu),
            gross_margin: money::amount_str(margin, mu),
            margin_pct: pct(margin, net),
            return_rate_pct: pct(returns, gross),
            sold_qty_base: self.sold_qty,
            returned_qty_base: self.returned_qty,
            return_rate_qty_pct: pct(Decimal::from(self.returned_qty), Decimal::from(self.sold_qty)),
            average_order_value: (self.orders > 0).then(|| money::amount_str(gross / Decimal::from(self.orders), mu)),
            lines_per_order: (self.orders > 0)
                .then(|| fixed(round(Decimal::from(self.lines) / Decimal::from(self.orders), 2), 2)),
        }
    }
}

fn e4(v: i128) -> Decimal {
    Decimal::from_i128_with_scale(v, 4)
}

/// A decimal with exactly `dp` places.
fn fixed(mut v: Decimal, dp: u32) -> String {
    v.rescale(dp);
    v.to_string()
}

/// Inventory value (on hand x moving average) of every product just before `at`, exact, in e4.
fn inventory_value_e4(conn: &Connection, at: Timestamp) -> Result<i128> {
    let mut st = conn.prepare_cached(
        "SELECT m.balance_after, m.avg_cost_after_e4 FROM products p
         JOIN movements m ON m.rowid = (SELECT max(rowid) FROM movements WHERE product_id = p.id AND occurred_at =
                                        (SELECT max(occurred_at) FROM movements WHERE product_id = p.id AND occurred_at < ?1))",
    )?;
    let mut rows = st.query([at.to_db()])?;
    let mut total: i128 = 0;
    while let Some(r) = rows.next()? {
        total += r.get::<_, i64>(0)? as i128 * r.get::<_, i64>(1)? as i128;
    }
    Ok(total)
}

fn channel_sums(conn: &Connection, m: &Month, sale: &str, ret: &str) -> Result<Sums> {
    let (start, end) = (m.start.to_db(), m.end.to_db());
    let mut s = Sums::default();
    (s.lines, s.gross_minor, s.sold_qty) = conn
        .prepare_cached(
            "SELECT count(*), COALESCE(SUM(net_minor), 0), COALESCE(SUM(qty_base), 0) FROM document_lines
         WHERE kind = ?1 AND occurred_at >= ?2 AND occurred_at < ?3",
        )?
        .query_row(params![sale, start, end], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    (s.returns_minor, s.returned_qty) = conn
        .prepare_cached(
            "SELECT COALESCE(SUM(net_minor), 0), COALESCE(SUM(qty_base), 0) FROM document_lines
         WHERE kind = ?1 AND occurred_at >= ?2 AND occurred_at < ?3",
        )?
        .query_row(params![ret, start, end], |r| Ok((r.get(0)?, r.get(1)?)))?;
    s.orders = conn
        .prepare_cached("SELECT count(*) FROM documents WHERE kind = ?1 AND occurred_at >= ?2 AND occurred_at < ?3")?
        .query_row(params![sale, start, end], |r| r.get(0))?;
    let cogs = |kind: &str| -> Result<i128> {
        // Summed per row in Rust: i128 cannot overflow where SQLite's i64 SUM could.
        let mut st = conn.prepare_cached(
            "SELECT qty_base, unit_cost_e4 FROM movements WHERE kind = ?1 AND occurred_at >= ?2 AND occurred_at < ?3",
        )?;
        let mut rows = st.query(params![kind, start, end])?;
        let mut total: i128 = 0;
        while let Some(r) = rows.next()? {
            total += r.get::<_, i64>(0)? as i128 * r.get::<_, i64>(1)? as i128;
        }
        Ok(total)
    };
    s.cogs_out_e4 = -cogs(sale)?;
    // Only restocked returns have movements: written-off goods do not reduce COGS.
    s.cogs_back_e4 = cogs(ret)?;
    Ok(s)
}

/// Net and VAT per rate: [sales net, sales VAT, returns net, returns VAT], in minor units.
type VatSums = std::collections::BTreeMap<Decimal, [i64; 4]>;

fn add_vat(by_rate: &mut VatSums, rate: &str, is_sale: bool, net: i64, vat: i64) {
    let rate = Decimal::from_str_exact(rate).unwrap_or_default().normalize();
    let e = by_rate.entry(rate).or_default();
    if is_sale {
        e[0] += net;
        e[1] += vat;
    } else {
        e[2] += net;
        e[3] += vat;
    }
}

fn vat_by_rate_ledger(conn: &Connection, m: &Month) -> Result<VatSums> {
    let mut st = conn.prepare_cached(
        "SELECT vat_rate, kind IN ('sale', 'invoice'), SUM(net_minor), SUM(vat_minor) FROM document_lines
         WHERE kind IN ('sale', 'invoice', 'retail_return', 'wholesale_return') AND occurred_at >= ?1 AND occurred_at < ?2
         GROUP BY vat_rate, kind IN ('sale', 'invoice')",
    )?;
    let mut by_rate = VatSums::new();
    let mut rows = st.query(params![m.start.to_db(), m.end.to_db()])?;
    while let Some(r) = rows.next()? {
        add_vat(&mut by_rate, &r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
    }
    Ok(by_rate)
}

fn vat_rows(by_rate: VatSums, mu: u32) -> Vec<VatRow> {
    let s = |v: i64| money::minor_str(v, mu);
    by_rate
        .into_iter()
        .map(|(rate, [sn, sv, rn, rv])| VatRow {
            rate_pct: rate.to_string(),
            sales_net: s(sn),
            sales_vat: s(sv),
            returns_net: s(rn),
            returns_vat: s(rv),
            vat_due: s(sv - rv),
        })
        .collect()
}

/// The sums a month report is made of.
struct MonthSums {
    retail: Sums,
    wholesale: Sums,
    vat: VatSums,
    value_start_e4: i128,
    value_end_e4: i128,
}

/// Everything scanned from the ledger itself: the definition the running sums must agree with.
fn sums_from_ledger(conn: &Connection, m: &Month) -> Result<MonthSums> {
    Ok(MonthSums {
        retail: channel_sums(conn, m, "sale", "retail_return")?,
        wholesale: channel_sums(conn, m, "invoice", "wholesale_return")?,
        vat: vat_by_rate_ledger(conn, m)?,
        value_start_e4: inventory_value_e4(conn, m.start)?,
        value_end_e4: inventory_value_e4(conn, m.end)?,
    })
}

/// The same sums from the running sums of crate::rollups: a few rows per quarter hour. None when
/// the month does not start and end on quarter hours (no real time zone does that).
fn sums_from_rollups(conn: &Connection, m: &Month) -> Result<Option<MonthSums>> {
    let (Some(from), Some(to)) = (crate::rollups::boundary(m.start), crate::rollups::boundary(m.end)) else {
        return Ok(None);
    };
    let (mut retail, mut wholesale, mut vat) = (Sums::default(), Sums::default(), VatSums::new());
    for (kind, rate, [lines, net, vat_minor, qty]) in crate::rollups::lines_between(conn, &from, &to)? {
        let (sums, is_sale) = match kind.as_str() {
            "sale" => (&mut retail, true),
            "invoice" => (&mut wholesale, true),
            "retail_return" => (&mut retail, false),
            "wholesale_return" => (&mut wholesale, false),
            _ => continue,
        };
        if is_sale {
            sums.lines += lines;
            sums.gross_minor += net;
            sums.sold_qty += qty;
        } else {
            sums.returns_minor += net;
            sums.returned_qty += qty;
        }
        add_vat(&mut vat, &rate, is_sale, net, vat_minor);
    }
    for (sums, sale, ret) in [(&mut retail, "sale", "retail_return"), (&mut wholesale, "invoice", "wholesale_return")] {
        sums.orders = crate::rollups::documents_between(conn, sale, &from, &to)?;
        sums.cogs_out_e4 = -crate::rollups::cost_between(conn, sale, &from, &to)?;
        // Only restocked returns have movements: written-off goods do not reduce COGS.
        sums.cogs_back_e4 = crate::rollups::cost_between(conn, ret, &from, &to)?;
    }
    // The value at the end: the value at the start and the month's changes (a few thousand rows).
    let value_start = crate::rollups::value_before(conn, &from)?;
    Ok(Some(MonthSums {
        retail,
        wholesale,
        vat,
        value_start_e4: value_start,
        value_end_e4: value_start + crate::rollups::value_between(conn, &from, &to)?,
    }))
}

fn slow_movers_ledger(conn: &Connection, m: &Month, mu: u32) -> Result<(usize, Vec<SlowMover>)> {
    let end = m.end.to_db();
    let mut st = conn.prepare_cached(
        "SELECT p.sku, p.name, m.balance_after, m.avg_cost_after_e4,
                (SELECT max(occurred_at) FROM movements s WHERE s.product_id = p.id AND s.occurred_at < ?1
                                                          AND s.kind IN ('sale', 'invoice')),
                (SELECT min(occurred_at) FROM movements r WHERE r.product_id = p.id AND r.kind = 'receipt'),
                (SELECT min(occurred_at) FROM movements a WHERE a.product_id = p.id)
         FROM products p
         JOIN movements m ON m.rowid = (SELECT max(rowid) FROM movements WHERE product_id = p.id AND occurred_at =
                                        (SELECT max(occurred_at) FROM movements WHERE product_id = p.id AND occurred_at < ?1))
         WHERE m.balance_after > 0",
    )?;
    let mut rows = st.query([&end])?;
    let mut out = vec![];
    while let Some(r) = rows.next()? {
        let stock = (r.get(2)?, r.get(3)?);
        let idle = Idle { last_sale: r.get(4)?, first_receipt: r.get(5)?, first_moved: r.get(6)? };
        if let Some(row) = slow_mover(m, (r.get(0)?, r.get(1)?), stock, idle)? {
            out.push(row);
        }
    }
    Ok(ranked(out, mu))
}

/// Longest idle first, then the larger value, then by SKU; ranks from 1. Returns how many there
/// are and the first SLOW_MOVERS_SHOWN, the only ones whose value and days are put into words
/// (a month of a large catalog has a hundred thousand candidates).
fn ranked(mut out: Vec<(i64, i128, SlowMover)>, mu: u32) -> (usize, Vec<SlowMover>) {
    let order = |a: &(i64, i128, SlowMover), b: &(i64, i128, SlowMover)| {
        b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.sku.cmp(&b.2.sku))
    };
    let total = out.len();
    if out.len() > SLOW_MOVERS_SHOWN {
        out.select_nth_unstable_by(SLOW_MOVERS_SHOWN, order);
        out.truncate(SLOW_MOVERS_SHOWN);
    }
    out.sort_by(order);
    let shown = out
        .into_iter()
        .enumerate()
        .map(|(i, (idle_s, value_e4, mut s))| {
            s.rank = i + 1;
            s.on_hand_value = money::amount_str(e4(value_e4), mu);
            s.days_idle = fixed(round(Decimal::from(idle_s) / Decimal::from(86_400), 1), 1);
            s
        })
        .collect();
    (total, shown)
}

/// A product's place in the ranking, from its stock at the period's end and the date it has
/// been idle since. None when it has no stock then or never moved.
/// When a product last sold, was first received and first moved (stored instants).
struct Idle {
    last_sale: Option<String>,
    first_receipt: Option<String>,
    first_moved: Option<String>,
}

fn slow_mover(
    m: &Month,
    (sku, name): (String, String),
    (on_hand, avg): (i64, i64),
    Idle { last_sale, first_receipt, first_moved }: Idle,
) -> Result<Option<(i64, i128, SlowMover)>> {
    if on_hand <= 0 {
        return Ok(None);
    }
    let since = match (&last_sale, first_receipt, first_moved) {
        (Some(s), _, _) => s.clone(),
        (None, Some(first_receipt), _) => first_receipt,
        (None, None, Some(first)) => first,
        (None, None, None) => return Ok(None),
    };
    let idle_s = (m.end.0 - Timestamp::from_db(&since)?.0).num_seconds().max(0);
    let value_e4 = on_hand as i128 * avg as i128;
    // Value and days in words only for the ones shown (see ranked).
    let (on_hand_value, days_idle) = (String::new(), String::new());
    Ok(Some((idle_s, value_e4, SlowMover { rank: 0, sku, name, on_hand, on_hand_value, days_idle, last_sale })))
}

/// A product's stock (on hand, average cost) and last sale just before `end`, walked back from
/// there through movements_product_time alone (it holds kind, balance and average): the last
/// movement gives the stock then (of movements at the same instant, the one recorded last), the
/// first sale or invoice met the last sale.
fn stock_before_from_ledger(back_from_end: &mut rusqlite::CachedStatement<'_>, id: &str, end: &str) -> Result<Stock> {
    let mut back = back_from_end.query(params![id, end])?;
    // (instant, rowid, balance, average) of the latest movement seen so far.
    let mut latest: Option<(String, i64, i64, i64)> = None;
    let mut last_sale: Option<String> = None;
    while let Some(m) = back.next()? {
        let at: String = m.get(3)?;
        match &latest {
            Some((first_at, ..)) if *first_at != at => {
                if last_sale.is_some() {
                    break;
                }
            }
            Some((_, rowid, ..)) => {
                let r: i64 = m.get(4)?;
                if r > *rowid {
                    latest = Some((at.clone(), r, m.get(1)?, m.get(2)?));
                }
            }
            None => latest = Some((at.clone(), m.get(4)?, m.get(1)?, m.get(2)?)),
        }
        let kind: String = m.get(0)?;
        if last_sale.is_none() && (kind == "sale" || kind == "invoice") {
            last_sale = Some(at);
        }
    }
    Ok((latest.map(|(_, _, on_hand, avg)| (on_hand, avg)).unwrap_or((0, 0)), last_sale))
}

/// A product's stock just before a month's end: what the slow movers and the stock valuation
/// read of it.
pub(crate) struct EndStock {
    pub product_id: String,
    pub on_hand: i64,
    pub avg_cost_e4: i64,
    /// Its latest sale or invoice before the end.
    pub last_sale_at: Option<String>,
    pub first_receipt_at: Option<String>,
    pub first_moved_at: String,
}

/// Every product that had moved before `end` (the start of one of the shop's months, stored
/// form), with its stock as its latest movement before then left it (latest instant; of
/// movements at one instant, the one recorded last), in product id order. Two sequential reads
/// side by side: the balances (a product that has not moved since `end` has its stock and dates
/// there) and the month-end rows of `end` (migration 0022: one per product that has moved since).
/// The ledger is walked back only for a product that moved since with no such row (none, as
/// the rows are kept; a month end that is not one of the shop's has none).
pub(crate) fn stock_at_end(conn: &Connection, end: &str, each: &mut dyn FnMut(EndStock) -> Result<()>) -> Result<()> {
    // Plain rows in key order, a product's locations side by side, summed here (a GROUP BY over
    // them costs SQLite several times the scan).
    let mut balances = conn.prepare_cached(
        "SELECT product_id, qty_base, last_moved_at, last_sale_at, first_receipt_at, first_moved_at
         FROM stock_balances ORDER BY product_id, location",
    )?;
    let mut month_ends = conn.prepare_cached(
        "SELECT product_id, balance_after, avg_cost_after_e4, last_sale_at FROM stock_month_ends WHERE at = ?1
         ORDER BY product_id",
    )?;
    let mut avg_now = conn.prepare_cached("SELECT avg_cost_e4 FROM products WHERE id = ?1")?;
    let mut back_from_end = conn.prepare_cached(BACK_FROM_END)?;
    type EndRow = (String, i64, i64, Option<String>);
    let next_end = |rows: &mut rusqlite::Rows<'_>| -> Result<Option<EndRow>> {
        Ok(match rows.next()? {
            Some(r) => Some((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            None => None,
        })
    };
    let mut ends = month_ends.query([end])?;
    let mut pending = next_end(&mut ends)?;
    // One product's balances over its locations: on hand, last moved, last sale, first receipt,
    // first moved.
    struct Product {
        id: String,
        qty: i64,
        last_moved: Option<String>,
        last_sale: Option<String>,
        first_receipt: Option<String>,
        first_moved: Option<String>,
    }
    let mut finish = |p: Product, pending: &mut Option<EndRow>, ends: &mut rusqlite::Rows<'_>| -> Result<()> {
        let Some(first_moved_at) = p.first_moved.filter(|at| at.as_str() < end) else { return Ok(()) };
        while pending.as_ref().is_some_and(|(id, ..)| id.as_str() < p.id.as_str()) {
            *pending = next_end(ends)?;
        }
        let settled = p.last_moved.as_deref().is_some_and(|at| at < end);
        let (on_hand, avg_cost_e4, last_sale_at) = if settled {
            (p.qty, avg_now.query_row([&p.id], |a| a.get(0))?, p.last_sale)
        } else if pending.as_ref().is_some_and(|(id, ..)| *id == p.id) {
            let (_, on_hand, avg, sale) = pending.take().expect("matched");
            *pending = next_end(ends)?;
            (on_hand, avg, sale)
        } else {
            let ((on_hand, avg), sale) = stock_before_from_ledger(&mut back_from_end, &p.id, end)?;
            (on_hand, avg, sale)
        };
        each(EndStock {
            product_id: p.id,
            on_hand,
            avg_cost_e4,
            last_sale_at,
            first_receipt_at: p.first_receipt,
            first_moved_at,
        })
    };
    let mut current: Option<Product> = None;
    let mut rows = balances.query([])?;
    while let Some(r) = rows.next()? {
        let id = r.get_ref(0)?.as_str().map_err(|e| crate::error::Error::Storage { detail: e.to_string() })?;
        let (last_moved, last_sale, first_receipt, first_moved): (
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
        ) = (r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?);
        let qty: i64 = r.get(1)?;
        match current.as_mut() {
            Some(p) if p.id == id => {
                p.qty += qty;
                p.last_moved = p.last_moved.take().max(last_moved);
                p.last_sale = p.last_sale.take().max(last_sale);
                p.first_receipt = min_some(p.first_receipt.take(), first_receipt);
                p.first_moved = min_some(p.first_moved.take(), first_moved);
            }
            _ => {
                let id = id.to_string();
                if let Some(done) =
                    current.replace(Product { id, qty, last_moved, last_sale, first_receipt, first_moved })
                {
                    finish(done, &mut pending, &mut ends)?;
                }
            }
        }
    }
    if let Some(done) = current {
        finish(done, &mut pending, &mut ends)?;
    }
    Ok(())
}

/// The earlier of two optional instants (SQL's min, which passes over NULL).
fn min_some(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// A product's movements back from an instant, newest first (movements_product_time alone).
const BACK_FROM_END: &str = "SELECT kind, balance_after, avg_cost_after_e4, occurred_at, rowid FROM movements
                             WHERE product_id = ?1 AND occurred_at < ?2 ORDER BY occurred_at DESC";

/// (on hand, average cost) and the last sale's instant.
type Stock = ((i64, i64), Option<String>);

/// Whole seconds from the Unix epoch to a stored instant, rounded up: `end - at` in whole
/// seconds (rounded toward zero, as chrono counts them) is `end - this` when `end` is a whole
/// second. Read straight from the fixed stored form; anything else goes through the parser.
fn seconds_ceil(at: &str) -> Result<i64> {
    let b = at.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> { at.get(r)?.parse().ok() };
    let fixed = b.len() >= 20 && b[4] == b'-' && b[7] == b'-' && b[10] == b'T' && b[13] == b':' && b[16] == b':';
    let parsed = fixed.then(|| {
        let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let (hh, mm, ss) = (num(11..13)?, num(14..16)?, num(17..19)?);
        let frac = at.get(19..)?;
        let frac_nonzero = frac.trim_end_matches('Z').trim_start_matches('.').bytes().any(|c| c != b'0');
        if !frac.ends_with('Z') {
            return None;
        }
        let days = chrono::NaiveDate::from_ymd_opt(y as i32, m as u32, d as u32)?
            .signed_duration_since(chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("the epoch"));
        Some(days.num_days() * 86_400 + hh * 3600 + mm * 60 + ss + frac_nonzero as i64)
    });
    match parsed.flatten() {
        Some(s) => Ok(s),
        None => {
            let t = Timestamp::from_db(at)?.0;
            Ok(t.timestamp() + (t.timestamp_subsec_nanos() > 0) as i64)
        }
    }
}

/// The ranking in one pass over every product's stock at the period's end ([`stock_at_end`]):
/// idle seconds and value for each product in stock; SKU and name only for the few shown (and
/// those tied with the last of them).
fn slow_movers(conn: &Connection, m: &Month, mu: u32) -> Result<(usize, Vec<SlowMover>)> {
    let end = m.end.to_db();
    let end_s = m.end.0.timestamp();
    debug_assert_eq!(m.end.0.timestamp_subsec_nanos(), 0, "a month ends at a whole second");
    // (idle seconds, value e4, product id, on hand, last sale)
    let mut found: Vec<(i64, i128, String, i64, Option<String>)> = vec![];
    stock_at_end(conn, &end, &mut |s| {
        if s.on_hand <= 0 {
            return Ok(());
        }
        let since = s.last_sale_at.as_deref().or(s.first_receipt_at.as_deref()).unwrap_or(&s.first_moved_at);
        let idle_s = (end_s - seconds_ceil(since)?).max(0);
        found.push((idle_s, s.on_hand as i128 * s.avg_cost_e4 as i128, s.product_id, s.on_hand, s.last_sale_at));
        Ok(())
    })?;
    let total = found.len();
    let by_idle_value = |a: &(i64, i128, String, i64, Option<String>), b: &(i64, i128, String, i64, Option<String>)| {
        b.0.cmp(&a.0).then(b.1.cmp(&a.1))
    };
    if found.len() > SLOW_MOVERS_SHOWN {
        found.select_nth_unstable_by(SLOW_MOVERS_SHOWN - 1, by_idle_value);
        let last = (found[SLOW_MOVERS_SHOWN - 1].0, found[SLOW_MOVERS_SHOWN - 1].1);
        // Keep the first ones and any tied with the last of them: the SKU decides among those.
        let mut kept = SLOW_MOVERS_SHOWN;
        for i in SLOW_MOVERS_SHOWN..found.len() {
            if (found[i].0, found[i].1) == last {
                found.swap(kept, i);
                kept += 1;
            }
        }
        found.truncate(kept);
    }
    let mut product = conn.prepare_cached("SELECT sku, name FROM products WHERE id = ?1")?;
    let mut out = vec![];
    for (idle_s, value_e4, id, on_hand, last_sale) in found {
        let (sku, name): (String, String) = product.query_row([&id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let row = SlowMover {
            rank: 0,
            sku,
            name,
            on_hand,
            on_hand_value: String::new(),
            days_idle: String::new(),
            last_sale,
        };
        out.push((idle_s, value_e4, row));
    }
    let (_, shown) = ranked(out, mu);
    Ok((total, shown))
}

/// Open wholesale balances at the end of the period, by how long past due: invoices less their
/// credit notes and the payments applied to them (see crate::receivables).
fn receivables_aging(conn: &Connection, m: &Month, mu: u32) -> Result<Vec<AgingRow>> {
    crate::receivables::aging_rows(conn, m.end, mu)
}

/// The month report for `YYYY-MM` in the shop's time zone.
pub(crate) fn month(conn: &Connection, actor: &Actor, shop: &Shop, month_text: &str) -> Result<MonthReport> {
    month_with(conn, actor, shop, month_text, false)
}

/// The month report recomputed by scanning the ledger itself, not the running sums: the two
/// must agree to the last digit (the tests hold them to it; `onebook check` may too).
pub(crate) fn month_from_ledger(
    conn: &Connection,
    actor: &Actor,
    shop: &Shop,
    month_text: &str,
) -> Result<MonthReport> {
    month_with(conn, actor, shop, month_text, true)
}

fn month_with(conn: &Connection, actor: &Actor, shop: &Shop, month_text: &str, ledger: bool) -> Result<MonthReport> {
    actor.require(Action::ViewReports)?;
    let m = Month::parse(month_text, shop.tz)?;
    let mu = shop.minor_units;
    // One read transaction: every figure comes from the same snapshot of the ledger. Inside a
    // caller's transaction (the month pack reads its journals in the same one) it joins that.
    let own = conn.is_autocommit();
    if own {
        conn.execute_batch("BEGIN DEFERRED")?;
    }
    let result = (|| -> Result<MonthReport> {
        let sums = match ledger {
            true => sums_from_ledger(conn, &m)?,
            false => match sums_from_rollups(conn, &m)? {
                Some(sums) => sums,
                None => sums_from_ledger(conn, &m)?,
            },
        };
        let MonthSums { retail, wholesale, vat, value_start_e4: value_start, value_end_e4: value_end } = sums;
        let total = retail.plus(wholesale);
        let average = e4(value_start + value_end) / Decimal::TWO;
        let cogs = total.cogs();
        let turnover_days = (!cogs.is_zero()).then(|| fixed(round(average * Decimal::from(m.days) / cogs, 1), 1));
        let (movers_total, movers) =
            if ledger { slow_movers_ledger(conn, &m, mu)? } else { slow_movers(conn, &m, mu)? };
        Ok(MonthReport {
            month: m.label(),
            shop: shop.name.clone(),
            currency: shop.currency.clone(),
            time_zone: shop.time_zone.clone(),
            period_start: m.start.to_db(),
            period_end: m.end.to_db(),
            days: m.days,
            channels: Channels {
                retail: retail.figures(mu),
                wholesale: wholesale.figures(mu),
                total: total.figures(mu),
            },
            inventory: Inventory {
                value_start: money::amount_str(e4(value_start), mu),
                value_end: money::amount_str(e4(value_end), mu),
                average: money::amount_str(average, mu),
                turnover_days,
            },
            vat_by_rate: vat_rows(vat, mu),
            slow_movers_total: movers_total,
            slow_movers: movers,
            receivables_aging: receivables_aging(conn, &m, mu)?,
        })
    })();
    if own {
        conn.execute_batch("COMMIT")?;
    }
    result
}
