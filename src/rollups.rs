//! Running sums of the ledger (migration 0004), written in the same transaction as each document
//! and movement, so month figures are read from a few thousand rows whatever the ledger's size.
//!
//! A bucket is a UTC quarter hour (`YYYY-MM-DDTHH:MM`, minutes 00/15/30/45). Every real time zone
//! is a whole number of quarter hours from UTC, so a shop's month is a whole number of buckets.
//! [`rebuild`] recomputes every sum from the ledger; a test checks it equals the running sums.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{Error, Result};
use crate::time::Timestamp;

/// The quarter hour a stored instant (`Timestamp::to_db`) falls in.
pub(crate) fn bucket_of(at_db: &str) -> String {
    // 'YYYY-MM-DDTHH:MM...': keep the hour, floor the minutes to a quarter.
    let minute: u32 = at_db.get(14..16).and_then(|m| m.parse().ok()).unwrap_or(0);
    format!("{}{:02}", &at_db[..14.min(at_db.len())], minute / 15 * 15)
}

/// The bucket an instant starts, if it is the start of one (a quarter-hour boundary).
pub(crate) fn boundary(at: Timestamp) -> Option<String> {
    use chrono::Timelike;
    let t = at.0;
    (t.minute() % 15 == 0 && t.second() == 0 && t.nanosecond() == 0).then(|| bucket_of(&at.to_db()))
}

fn to_i64(v: i128) -> Result<i64> {
    i64::try_from(v).map_err(|_| Error::Storage { detail: format!("running sum out of range: {v}") })
}

/// What one document adds to the running sums and takes of the device's movement numbers, kept
/// in memory while its rows are written and written once at its end ([`batched`]): a 3-line sale
/// otherwise upserts the same sums row ten times and bumps the device row once per movement.
#[derive(Default)]
struct Pending {
    /// Per (bucket, kind, vat rate): documents, lines, net, VAT, base units, cost, value change.
    sums: Vec<((String, String, String), [i128; 7])>,
    /// The device's next movement number, once the document has taken one.
    next_seq: Option<i64>,
}

thread_local! {
    /// The document being written on this thread, when its writes are batched.
    static PENDING: std::cell::RefCell<Option<Pending>> = const { std::cell::RefCell::new(None) };
}

/// Run `write` (one document's rows, in the transaction `tx`) with its running sums and movement
/// numbers kept in memory, then write them to `tx` in a few statements. Nothing is kept when
/// `write` fails (the caller rolls the transaction back). Nested calls join the outer batch.
pub(crate) fn batched<T>(tx: &Connection, write: impl FnOnce() -> Result<T>) -> Result<T> {
    struct Clear;
    impl Drop for Clear {
        fn drop(&mut self) {
            PENDING.with(|p| *p.borrow_mut() = None);
        }
    }
    if PENDING.with(|p| p.borrow().is_some()) {
        return write();
    }
    PENDING.with(|p| *p.borrow_mut() = Some(Pending::default()));
    let _clear = Clear;
    let out = write()?;
    let pending = PENDING.with(|p| p.borrow_mut().take()).unwrap_or_default();
    if let Some(next) = pending.next_seq {
        tx.prepare_cached("UPDATE device SET next_seq = ?1 WHERE id = 1")?.execute([next])?;
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO ledger_sums (bucket, kind, vat_rate, docs, lines, net_minor, vat_minor, qty_base, cost_e4,
                                 value_delta_e4)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (bucket, kind, vat_rate) DO UPDATE SET docs = docs + excluded.docs,
             lines = lines + excluded.lines, net_minor = net_minor + excluded.net_minor,
             vat_minor = vat_minor + excluded.vat_minor, qty_base = qty_base + excluded.qty_base,
             cost_e4 = cost_e4 + excluded.cost_e4, value_delta_e4 = value_delta_e4 + excluded.value_delta_e4",
    )?;
    for ((bucket, kind, vat), v) in &pending.sums {
        st.execute(params![
            bucket,
            kind,
            vat,
            to_i64(v[0])?,
            to_i64(v[1])?,
            to_i64(v[2])?,
            to_i64(v[3])?,
            to_i64(v[4])?,
            to_i64(v[5])?,
            to_i64(v[6])?
        ])?;
    }
    Ok(out)
}

/// Add `delta` to the pending sums of (bucket, kind, vat) when a document is being batched;
/// false when not (the caller writes the row itself).
fn pend(bucket: &str, kind: &str, vat: &str, delta: [i128; 7]) -> bool {
    PENDING.with(|p| {
        let mut p = p.borrow_mut();
        let Some(p) = p.as_mut() else { return false };
        match p.sums.iter_mut().find(|((b, k, v), _)| b == bucket && k == kind && v == vat) {
            Some((_, sums)) => sums.iter_mut().zip(delta).for_each(|(s, d)| *s += d),
            None => p.sums.push(((bucket.to_string(), kind.to_string(), vat.to_string()), delta)),
        }
        true
    })
}

/// The device's next movement number (dense per device), taken in `tx`. In a batched document
/// the row is read once and written back once, at the document's end.
pub(crate) fn take_seq(tx: &Connection) -> Result<i64> {
    let Some(kept) = PENDING.with(|p| p.borrow().as_ref().map(|p| p.next_seq)) else {
        return Ok(tx
            .prepare_cached("UPDATE device SET next_seq = next_seq + 1 WHERE id = 1 RETURNING next_seq - 1")?
            .query_row([], |r| r.get(0))?);
    };
    let next = match kept {
        Some(next) => next,
        None => tx.prepare_cached("SELECT next_seq FROM device WHERE id = 1")?.query_row([], |r| r.get(0))?,
    };
    PENDING.with(|p| p.borrow_mut().as_mut().map(|p| p.next_seq = Some(next + 1)));
    Ok(next)
}

/// One document line of `kind` at `at_db`.
pub(crate) fn add_line(
    conn: &Connection,
    at_db: &str,
    kind: &str,
    vat_rate: &str,
    net_minor: i64,
    vat_minor: i64,
    qty_base: i64,
) -> Result<()> {
    let bucket = bucket_of(at_db);
    if pend(&bucket, kind, vat_rate, [0, 1, net_minor as i128, vat_minor as i128, qty_base as i128, 0, 0]) {
        return Ok(());
    }
    conn.prepare_cached(
        "INSERT INTO ledger_sums (bucket, kind, vat_rate, lines, net_minor, vat_minor, qty_base)
         VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6)
         ON CONFLICT (bucket, kind, vat_rate) DO UPDATE SET lines = lines + 1,
             net_minor = net_minor + excluded.net_minor, vat_minor = vat_minor + excluded.vat_minor,
             qty_base = qty_base + excluded.qty_base",
    )?
    .execute(params![bucket, kind, vat_rate, net_minor, vat_minor, qty_base])?;
    Ok(())
}

/// One document of `kind` at `at_db`.
pub(crate) fn add_document(conn: &Connection, at_db: &str, kind: &str) -> Result<()> {
    if pend(&bucket_of(at_db), kind, "", [1, 0, 0, 0, 0, 0, 0]) {
        return Ok(());
    }
    conn.prepare_cached(
        "INSERT INTO ledger_sums (bucket, kind, vat_rate, docs) VALUES (?1, ?2, '', 1)
         ON CONFLICT (bucket, kind, vat_rate) DO UPDATE SET docs = docs + 1",
    )?
    .execute(params![bucket_of(at_db), kind])?;
    Ok(())
}

/// One movement: `qty_base` at `unit_cost_e4` (its COGS). Its change of inventory value is kept
/// by [`add_product_month`], from the movement's row and its neighbours in time.
pub(crate) fn add_movement(
    conn: &Connection,
    at_db: &str,
    kind: &str,
    qty_base: i64,
    unit_cost_e4: i64,
    _before: (i64, i64),
    _after: (i64, i64),
) -> Result<()> {
    let cost = qty_base as i128 * unit_cost_e4 as i128;
    if pend(&bucket_of(at_db), kind, "", [0, 0, 0, 0, 0, cost, 0]) {
        return Ok(());
    }
    conn.prepare_cached(
        "INSERT INTO ledger_sums (bucket, kind, vat_rate, cost_e4) VALUES (?1, ?2, '', ?3)
         ON CONFLICT (bucket, kind, vat_rate) DO UPDATE SET cost_e4 = cost_e4 + excluded.cost_e4",
    )?
    .execute(params![bucket_of(at_db), kind, to_i64(cost)?])?;
    Ok(())
}

/// Add `delta_e4` to the inventory value change of `bucket` (movement rows of `kind`).
fn add_value_delta(conn: &Connection, bucket: &str, kind: &str, delta_e4: i128) -> Result<()> {
    if delta_e4 == 0 || pend(bucket, kind, "", [0, 0, 0, 0, 0, 0, delta_e4]) {
        return Ok(());
    }
    conn.prepare_cached(
        "INSERT INTO ledger_sums (bucket, kind, vat_rate, value_delta_e4) VALUES (?1, ?2, '', ?3)
         ON CONFLICT (bucket, kind, vat_rate) DO UPDATE SET value_delta_e4 = value_delta_e4 + excluded.value_delta_e4",
    )?
    .execute(params![bucket, kind, to_i64(delta_e4)?])?;
    Ok(())
}

/// Where a movement just recorded sits among its product's movements in time order.
struct Neighbours {
    /// The movement before it (latest instant; of movements at one instant, the one recorded
    /// last): its instant, balance after and average after.
    before: Option<(String, i64, i64)>,
    /// The instant of the movement after it, when it was dated before movements already there.
    next_at: Option<String>,
}

/// The movement of product `pid` just recorded at `at_db` (its row already inserted, the last
/// recorded), worth `value_e4` (its balance after x its average after): the running sums' change
/// of inventory value. The inventory value at an instant is, per product, the value its latest
/// movement before then left (latest instant; of movements at one instant, the one recorded
/// last: DESIGN.md section 4 as the ledger reads it). So each movement adds its value less that
/// of the movement before it in that order, and a movement dated before later ones (a till's
/// history merged late) also takes its value off the next one's bucket, which it now precedes.
fn add_value(conn: &Connection, pid: &str, at_db: &str, kind: &str, value_e4: i128) -> Result<Neighbours> {
    // The row just inserted is the latest of its instant (the largest rowid of all): in time
    // order, the one before it is, of the other rows, the latest instant up to its own and of
    // that instant the largest rowid. Two seeks in the covering index (an ORDER BY on rowid
    // would sort in a temporary b-tree at every movement).
    let before = conn
        .prepare_cached(
            "SELECT occurred_at, balance_after, avg_cost_after_e4, max(rowid) FROM movements
             WHERE product_id = ?1 AND rowid <> (SELECT max(rowid) FROM movements)
               AND occurred_at = (SELECT max(occurred_at) FROM movements WHERE product_id = ?1 AND occurred_at <= ?2
                                  AND rowid <> (SELECT max(rowid) FROM movements))",
        )?
        .query_row(params![pid, at_db], |r| {
            Ok(match r.get::<_, Option<String>>(0)? {
                Some(at) => Some((at, r.get(1)?, r.get(2)?)),
                None => None,
            })
        })?;
    let before_e4 = before.as_ref().map_or(0, |(_, balance, avg)| *balance as i128 * *avg as i128);
    add_value_delta(conn, &bucket_of(at_db), kind, value_e4 - before_e4)?;
    // The movement after it: the earliest later instant, of that instant the smallest rowid.
    let next: Option<(String, String)> = conn
        .prepare_cached(
            "SELECT occurred_at, kind, min(rowid) FROM movements
             WHERE product_id = ?1
               AND occurred_at = (SELECT min(occurred_at) FROM movements WHERE product_id = ?1 AND occurred_at > ?2)",
        )?
        .query_row(params![pid, at_db], |r| {
            Ok(match r.get::<_, Option<String>>(0)? {
                Some(at) => Some((at, r.get(1)?)),
                None => None,
            })
        })?;
    if let Some((next_at, next_kind)) = &next {
        add_value_delta(conn, &bucket_of(next_at), next_kind, before_e4 - value_e4)?;
    }
    Ok(Neighbours { before, next_at: next.map(|(at, _)| at) })
}

/// The shop's time zone, whose local midnights end its months (None before the shop is set up).
fn shop_tz(conn: &Connection) -> Result<Option<chrono_tz::Tz>> {
    let name: Option<String> =
        conn.prepare_cached("SELECT time_zone FROM shop WHERE id = 1")?.query_row([], |r| r.get(0)).optional()?;
    name.map(|n| crate::time::parse_tz(&n, "time_zone")).transpose()
}

thread_local! {
    /// The shop month (time zone, start, end as stored instants) a movement fell in last: nearly
    /// every movement falls in the same one, and then no month end lies between it and the
    /// movement before it when that one is in the month too.
    static LAST_MONTH: std::cell::RefCell<Option<(chrono_tz::Tz, String, String)>> =
        const { std::cell::RefCell::new(None) };
}

/// The starts of the shop's months in `(after, upto]` (stored instants), oldest first.
pub(crate) fn month_starts_between(tz: chrono_tz::Tz, after: &str, upto: &str) -> Result<Vec<String>> {
    if upto <= after {
        return Ok(vec![]);
    }
    let within = LAST_MONTH.with(|m| {
        m.borrow().as_ref().is_some_and(|(z, start, end)| *z == tz && start.as_str() <= after && upto < end.as_str())
    });
    if within {
        return Ok(vec![]);
    }
    use chrono::Datelike;
    let local = crate::time::local_date(Timestamp::from_db(upto)?, tz);
    let (mut year, mut month) = (local.year(), local.month());
    let mut out = vec![];
    loop {
        let start = crate::time::Month::parse(&format!("{year:04}-{month:02}"), tz)?.start.to_db();
        if start.as_str() <= after {
            break;
        }
        out.push(start);
        (year, month) = if month == 1 { (year - 1, 12) } else { (year, month - 1) };
    }
    out.reverse();
    let month = crate::time::Month::parse(&format!("{:04}-{:02}", local.year(), local.month()), tz)?;
    LAST_MONTH.with(|m| *m.borrow_mut() = Some((tz, month.start.to_db(), month.end.to_db())));
    Ok(out)
}

/// Whether a month of some shop may start in `(after, upto]` (stored instants). Not when both lie
/// in one UTC month clear of its first and last days: every time zone is within 14 hours of UTC,
/// so local midnight of a 1st falls between 10:00 UTC on the last day and 12:00 UTC on the 1st.
/// Most movements are answered here, without the shop's time zone.
fn may_hold_month_start(after: &str, upto: &str) -> bool {
    let clear = |at: &str| at.get(8..10).and_then(|d| d.parse::<u32>().ok()).is_some_and(|d| (2..=27).contains(&d));
    !(after.get(..7).is_some() && after.get(..7) == upto.get(..7) && clear(after) && clear(upto))
}

/// The product's latest sale or invoice at or before `upto` (stored instant).
fn latest_sale_upto(conn: &Connection, pid: &str, upto: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT occurred_at FROM movements WHERE product_id = ?1 AND occurred_at <= ?2
                                                  AND kind IN ('sale', 'invoice')
             ORDER BY occurred_at DESC LIMIT 1",
        )?
        .query_row(params![pid, upto], |r| r.get(0))
        .optional()?)
}

fn put_month_end(conn: &Connection, at: &str, pid: &str, (balance, avg): (i64, i64), sale: Option<&str>) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO stock_month_ends (at, product_id, balance_after, avg_cost_after_e4, last_sale_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (at, product_id) DO UPDATE SET balance_after = excluded.balance_after,
             avg_cost_after_e4 = excluded.avg_cost_after_e4, last_sale_at = excluded.last_sale_at",
    )?
    .execute(params![at, pid, balance, avg, sale])?;
    Ok(())
}

/// The product's rows of stock at month ends (migration 0022) after the movement just recorded
/// at `at_db`, leaving it at `after` (balance, average). The month ends between the movement
/// before it and it now hold that movement's stock: usually none, once a month the end just
/// crossed. A movement dated before later ones (history merged late) also becomes the stock at
/// the month ends up to the next movement, and a sale the latest sale at every later one.
fn keep_month_ends(
    conn: &Connection,
    pid: &str,
    at_db: &str,
    is_sale: bool,
    after: (i64, i64),
    n: &Neighbours,
) -> Result<()> {
    let crosses = |after: &str, upto: &str| may_hold_month_start(after, upto);
    let before_crosses = n.before.as_ref().is_some_and(|(at, ..)| crosses(at, at_db));
    let next_crosses = n.next_at.as_deref().is_some_and(|next| crosses(at_db, next));
    let sale_merged_late = is_sale && n.next_at.is_some();
    if !(before_crosses || next_crosses || sale_merged_late) {
        return Ok(());
    }
    let Some(tz) = shop_tz(conn)? else { return Ok(()) };
    if let Some((before_at, balance, avg)) = &n.before {
        let ends = month_starts_between(tz, before_at, at_db)?;
        if !ends.is_empty() {
            let sale = latest_sale_upto(conn, pid, before_at)?;
            for end in &ends {
                put_month_end(conn, end, pid, (*balance, *avg), sale.as_deref())?;
            }
        }
    }
    if let Some(next_at) = &n.next_at {
        let ends = month_starts_between(tz, at_db, next_at)?;
        if !ends.is_empty() {
            let sale = if is_sale { Some(at_db.to_string()) } else { latest_sale_upto(conn, pid, at_db)? };
            for end in &ends {
                put_month_end(conn, end, pid, after, sale.as_deref())?;
            }
        }
        if is_sale {
            conn.prepare_cached(
                "UPDATE stock_month_ends SET last_sale_at = ?3
                 WHERE product_id = ?1 AND at > ?2 AND (last_sale_at IS NULL OR last_sale_at < ?3)",
            )?
            .execute(params![pid, next_at, at_db])?;
        }
    }
    Ok(())
}

/// One movement of product `pid` at `at_db` (stored form) of `kind`, as its row stores it: the
/// balance and moving average after it. Keeps the product's row of that UTC month (see migration
/// 0016): its first and last instant, the stock the latest movement left, the latest sale so far.
/// One upsert; a sale or invoice dated before later months' rows (a till's merged history) also
/// carries its instant into their latest sale.
pub(crate) fn add_product_month(
    conn: &Connection,
    pid: &str,
    at_db: &str,
    kind: &str,
    balance_after: i64,
    avg_cost_after_e4: i64,
) -> Result<()> {
    let is_sale = matches!(kind, "sale" | "invoice");
    let month = &at_db[..7.min(at_db.len())];
    // Nearly always the month's row is there already: one plain update. Else a new month's row
    // starts from the latest sale of the product's previous row.
    let updated = conn
        .prepare_cached(
            "UPDATE product_months SET
                 first_at = min(first_at, ?3),
                 balance_after = CASE WHEN ?3 >= last_at THEN ?4 ELSE balance_after END,
                 avg_cost_after_e4 = CASE WHEN ?3 >= last_at THEN ?5 ELSE avg_cost_after_e4 END,
                 last_at = max(last_at, ?3),
                 last_sale_at = CASE WHEN ?6 THEN max(?3, COALESCE(last_sale_at, '')) ELSE last_sale_at END
             WHERE product_id = ?1 AND month = ?2",
        )?
        .execute(params![pid, month, at_db, balance_after, avg_cost_after_e4, is_sale])?;
    if updated == 0 {
        conn.prepare_cached(
            "INSERT INTO product_months (product_id, month, first_at, last_at, balance_after, avg_cost_after_e4,
                                         last_sale_at)
             VALUES (?1, ?2, ?3, ?3, ?4, ?5, CASE WHEN ?6 THEN max(?3, COALESCE(
                         (SELECT last_sale_at FROM product_months WHERE product_id = ?1 AND month < ?2
                          ORDER BY month DESC LIMIT 1), ''))
                     ELSE (SELECT last_sale_at FROM product_months WHERE product_id = ?1 AND month < ?2
                           ORDER BY month DESC LIMIT 1) END)",
        )?
        .execute(params![pid, month, at_db, balance_after, avg_cost_after_e4, is_sale])?;
    }
    let neighbours = add_value(conn, pid, at_db, kind, balance_after as i128 * avg_cost_after_e4 as i128)?;
    keep_month_ends(conn, pid, at_db, is_sale, (balance_after, avg_cost_after_e4), &neighbours)?;
    if is_sale {
        // Only a sale dated before rows of later months (merged history) changes anything here.
        conn.prepare_cached(
            "UPDATE product_months SET last_sale_at = ?3
             WHERE product_id = ?1 AND month > ?2 AND (last_sale_at IS NULL OR last_sale_at < ?3)",
        )?
        .execute(params![pid, month, at_db])?;
    }
    Ok(())
}

/// Recompute every product's month rows (migration 0016) from the movements, inside the caller's
/// transaction.
pub fn rebuild_product_months(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "DELETE FROM product_months;
         WITH ranked AS (
             SELECT product_id, substr(occurred_at, 1, 7) AS month, occurred_at, kind, balance_after, avg_cost_after_e4,
                    row_number() OVER (PARTITION BY product_id, substr(occurred_at, 1, 7)
                                       ORDER BY occurred_at DESC, rowid DESC) AS n
             FROM movements),
         months AS (
             SELECT product_id, month, min(occurred_at) AS first_at, max(occurred_at) AS last_at,
                    max(CASE WHEN kind IN ('sale', 'invoice') THEN occurred_at END) AS sale_at,
                    max(CASE WHEN n = 1 THEN balance_after END) AS balance_after,
                    max(CASE WHEN n = 1 THEN avg_cost_after_e4 END) AS avg_cost_after_e4
             FROM ranked GROUP BY product_id, month)
         INSERT INTO product_months (product_id, month, first_at, last_at, balance_after, avg_cost_after_e4, last_sale_at)
         SELECT product_id, month, first_at, last_at, balance_after, avg_cost_after_e4,
                max(sale_at) OVER (PARTITION BY product_id ORDER BY month ROWS UNBOUNDED PRECEDING)
         FROM months;",
    )?;
    Ok(())
}

/// Recompute every product's stock at the shop's month ends (migration 0022) from the movements,
/// inside the caller's transaction: one pass over the movements in (product, time) order.
pub fn rebuild_month_ends(conn: &Connection) -> Result<()> {
    conn.execute_batch("DELETE FROM stock_month_ends")?;
    let Some(tz) = shop_tz(conn)? else { return Ok(()) };
    let (first, last): (Option<String>, Option<String>) =
        conn.query_row("SELECT min(occurred_at), max(occurred_at) FROM movements", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let (Some(first), Some(last)) = (first, last) else { return Ok(()) };
    let ends = month_starts_between(tz, &first, &last)?;
    if ends.is_empty() {
        return Ok(());
    }
    let mut st = conn.prepare(
        "SELECT product_id, occurred_at, kind, balance_after, avg_cost_after_e4 FROM movements
         ORDER BY product_id, occurred_at, rowid",
    )?;
    let mut rows = st.query([])?;
    // The product being walked, its latest movement so far (balance, average), its latest sale,
    // and the first month end not yet passed.
    let mut pid = String::new();
    let mut state: Option<(i64, i64)> = None;
    let mut sale: Option<String> = None;
    let mut next_end = 0usize;
    let text = |r: &rusqlite::Row<'_>, i: usize| -> Result<String> { Ok(r.get::<_, String>(i)?) };
    while let Some(r) = rows.next()? {
        let this = text(r, 0)?;
        if this != pid {
            pid = this;
            (state, sale, next_end) = (None, None, 0);
        }
        let at = text(r, 1)?;
        while next_end < ends.len() && ends[next_end] <= at {
            if let Some(stock) = state {
                put_month_end(conn, &ends[next_end], &pid, stock, sale.as_deref())?;
            }
            next_end += 1;
        }
        state = Some((r.get(3)?, r.get(4)?));
        if matches!(text(r, 2)?.as_str(), "sale" | "invoice") {
            sale = Some(at);
        }
    }
    Ok(())
}

/// Whether a migration has made `table` yet (a book being migrated through 0004 has neither
/// product_months nor stock_month_ends).
fn has_table(conn: &Connection, table: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)",
        [table],
        |r| r.get(0),
    )?)
}

/// The SQL form of [`bucket_of`], for rebuilding from the ledger.
macro_rules! bucket_sql {
    ($col:literal) => {
        concat!("substr(", $col, ", 1, 14) || printf('%02d', CAST(substr(", $col, ", 15, 2) AS INTEGER) / 15 * 15)")
    };
}

/// Recompute every running sum and each balance's dates from the ledger, inside the caller's
/// transaction (after migration 0004, after a bulk load, or to check the running sums).
pub fn rebuild(conn: &Connection) -> Result<()> {
    conn.execute_batch(concat!(
        "DELETE FROM ledger_sums;
         INSERT INTO ledger_sums (bucket, kind, vat_rate, lines, net_minor, vat_minor, qty_base)
         SELECT ",
        bucket_sql!("occurred_at"),
        " AS b, kind, vat_rate, count(*), SUM(net_minor), SUM(vat_minor), SUM(qty_base)
         FROM document_lines GROUP BY b, kind, vat_rate;
         INSERT INTO ledger_sums (bucket, kind, vat_rate, docs)
         SELECT ",
        bucket_sql!("occurred_at"),
        " AS b, kind, '', count(*) FROM documents GROUP BY b, kind;
         INSERT INTO ledger_sums (bucket, kind, vat_rate, cost_e4, value_delta_e4)
         SELECT b, kind, '', SUM(qty_base * unit_cost_e4), SUM(value - value_before)
         FROM (SELECT ",
        bucket_sql!("occurred_at"),
        " AS b, kind, qty_base, unit_cost_e4, balance_after * avg_cost_after_e4 AS value,
                      LAG(balance_after * avg_cost_after_e4, 1, 0)
                          OVER (PARTITION BY product_id ORDER BY occurred_at, rowid) AS value_before
               FROM movements)
         WHERE true -- the upsert below belongs to the INSERT, not to a join
         GROUP BY b, kind
         ON CONFLICT (bucket, kind, vat_rate) DO UPDATE SET cost_e4 = excluded.cost_e4,
             value_delta_e4 = excluded.value_delta_e4;
         UPDATE stock_balances SET
             last_moved_at = (SELECT max(occurred_at) FROM movements m WHERE m.product_id = stock_balances.product_id
                                                                      AND m.location = stock_balances.location),
             first_moved_at = (SELECT min(occurred_at) FROM movements m WHERE m.product_id = stock_balances.product_id
                                                                       AND m.location = stock_balances.location),
             last_sale_at = (SELECT max(occurred_at) FROM movements m WHERE m.product_id = stock_balances.product_id
                                                                     AND m.location = stock_balances.location
                                                                     AND m.kind IN ('sale', 'invoice')),
             first_receipt_at = (SELECT min(occurred_at) FROM movements m WHERE m.product_id = stock_balances.product_id
                                                                         AND m.location = stock_balances.location
                                                                         AND m.kind = 'receipt');"
    ))?;
    if has_table(conn, "product_months")? {
        rebuild_product_months(conn)?;
    }
    if has_table(conn, "stock_month_ends")? {
        rebuild_month_ends(conn)?;
    }
    Ok(())
}

/// Every running sum and balance date, as text rows, to compare two states of them.
fn snapshot(conn: &Connection) -> Result<Vec<String>> {
    let mut out = vec![];
    for sql in [
        "SELECT bucket, kind, vat_rate, docs, lines, net_minor || ' ' || vat_minor, qty_base, cost_e4 || ' ' || value_delta_e4
         FROM ledger_sums ORDER BY bucket, kind, vat_rate",
        "SELECT 'stock_balances', product_id, location, last_moved_at, first_moved_at, last_sale_at, first_receipt_at, ''
         FROM stock_balances WHERE last_moved_at IS NOT NULL ORDER BY product_id, location",
        "SELECT 'product_months', product_id, month, first_at, last_at, balance_after, avg_cost_after_e4, last_sale_at
         FROM product_months ORDER BY product_id, month",
        "SELECT 'stock_month_ends', at, product_id, balance_after, avg_cost_after_e4, last_sale_at, '', ''
         FROM stock_month_ends ORDER BY at, product_id",
    ] {
        let mut st = conn.prepare(sql)?;
        let rows = st.query_map([], |r| {
            (0..8)
                .map(|i| r.get::<_, rusqlite::types::Value>(i).map(|v| format!("{v:?}")))
                .collect::<rusqlite::Result<Vec<_>>>()
                .map(|v| v.join("|"))
        })?;
        for row in rows {
            out.push(row?);
        }
    }
    Ok(out)
}

/// The running sums that differ from a rebuild from the ledger (each as `kept` / `rebuilt` text
/// rows); empty when they agree. Rebuilds in a transaction it then rolls back: nothing changes.
pub fn disagreements(conn: &mut Connection) -> Result<Vec<(Option<String>, Option<String>)>> {
    let tx = crate::db::write_tx(conn)?;
    let kept = snapshot(&tx)?;
    rebuild(&tx)?;
    let rebuilt = snapshot(&tx)?;
    tx.rollback()?;
    let (kept_set, rebuilt_set): (std::collections::BTreeSet<_>, std::collections::BTreeSet<_>) =
        (kept.iter().collect(), rebuilt.iter().collect());
    let mut out: Vec<(Option<String>, Option<String>)> =
        kept.iter().filter(|k| !rebuilt_set.contains(k)).map(|k| (Some(k.clone()), None)).collect();
    out.extend(rebuilt.iter().filter(|r| !kept_set.contains(r)).map(|r| (None, Some(r.clone()))));
    Ok(out)
}

/// Sums of document lines of each (kind, VAT rate) in `[from, to)` buckets:
/// (kind, vat_rate, lines, net_minor, vat_minor, qty_base).
pub(crate) fn lines_between(conn: &Connection, from: &str, to: &str) -> Result<Vec<(String, String, [i64; 4])>> {
    let mut st = conn.prepare_cached(
        "SELECT kind, vat_rate, SUM(lines), SUM(net_minor), SUM(vat_minor), SUM(qty_base) FROM ledger_sums
         WHERE bucket >= ?1 AND bucket < ?2 AND vat_rate <> '' GROUP BY kind, vat_rate",
    )?;
    let rows =
        st.query_map([from, to], |r| Ok((r.get(0)?, r.get(1)?, [r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?])))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Documents of `kind` in `[from, to)` buckets.
pub(crate) fn documents_between(conn: &Connection, kind: &str, from: &str, to: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT COALESCE(SUM(docs), 0) FROM ledger_sums WHERE bucket >= ?2 AND bucket < ?3 AND kind = ?1
                                                                 AND vat_rate = ''",
        )?
        .query_row([kind, from, to], |r| r.get(0))?)
}

/// Cost moved by movements of `kind` in `[from, to)` buckets (sum of qty x unit cost, 1e-4).
pub(crate) fn cost_between(conn: &Connection, kind: &str, from: &str, to: &str) -> Result<i128> {
    let mut st = conn.prepare_cached(
        "SELECT cost_e4 FROM ledger_sums WHERE bucket >= ?2 AND bucket < ?3 AND kind = ?1 AND vat_rate = ''",
    )?;
    let mut rows = st.query([kind, from, to])?;
    let mut total = 0i128;
    while let Some(r) = rows.next()? {
        total += r.get::<_, i64>(0)? as i128;
    }
    Ok(total)
}

/// The change of inventory value over the `[from, to)` buckets, 1e-4.
pub(crate) fn value_between(conn: &Connection, from: &str, to: &str) -> Result<i128> {
    let mut st = conn.prepare_cached(
        "SELECT value_delta_e4 FROM ledger_sums WHERE bucket >= ?1 AND bucket < ?2 AND vat_rate = ''",
    )?;
    let mut rows = st.query([from, to])?;
    let mut total = 0i128;
    while let Some(r) = rows.next()? {
        total += r.get::<_, i64>(0)? as i128;
    }
    Ok(total)
}

/// Inventory value (on hand x moving average of every product) before the bucket `before`, 1e-4.
/// Summed by SQLite when the sum fits its 64-bit integers (it says so when not), else row by row.
pub(crate) fn value_before(conn: &Connection, before: &str) -> Result<i128> {
    let summed = conn
        .prepare_cached("SELECT COALESCE(SUM(value_delta_e4), 0) FROM ledger_sums WHERE bucket < ?1 AND vat_rate = ''")?
        .query_row([before], |r| r.get::<_, i64>(0));
    if let Ok(total) = summed {
        return Ok(total as i128);
    }
    let mut st = conn.prepare_cached("SELECT value_delta_e4 FROM ledger_sums WHERE bucket < ?1 AND vat_rate = ''")?;
    let mut rows = st.query([before])?;
    let mut total = 0i128;
    while let Some(r) = rows.next()? {
        total += r.get::<_, i64>(0)? as i128;
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_ends_between_two_instants_are_the_shops_local_midnights() {
        let tz = chrono_tz::Asia::Dubai;
        let between = |a: &str, b: &str| month_starts_between(tz, a, b).unwrap();
        assert_eq!(
            between("2026-07-31T19:00:00.000000Z", "2026-09-01T00:00:00.000000Z"),
            vec!["2026-07-31T20:00:00.000000Z", "2026-08-31T20:00:00.000000Z"]
        );
        // Within one month (asked twice: the second answer comes from the month kept).
        for _ in 0..2 {
            assert!(between("2026-08-02T10:00:00.000000Z", "2026-08-30T10:00:00.000000Z").is_empty());
        }
        // An end at the later instant counts; one at the earlier does not.
        assert_eq!(
            between("2026-08-30T10:00:00.000000Z", "2026-08-31T20:00:00.000000Z"),
            vec!["2026-08-31T20:00:00.000000Z"]
        );
        assert!(between("2026-08-31T20:00:00.000000Z", "2026-09-02T10:00:00.000000Z").is_empty());
        assert!(between("2026-09-02T10:00:00.000000Z", "2026-08-02T10:00:00.000000Z").is_empty());
    }

    #[test]
    fn no_shop_month_starts_in_the_middle_of_a_utc_month() {
        assert!(!may_hold_month_start("2026-08-02T00:00:00.000000Z", "2026-08-27T23:59:59.999999Z"));
        assert!(may_hold_month_start("2026-08-27T10:00:00.000000Z", "2026-08-28T10:00:00.000000Z"));
        assert!(may_hold_month_start("2026-08-01T11:00:00.000000Z", "2026-08-03T10:00:00.000000Z"));
        assert!(may_hold_month_start("2026-07-15T10:00:00.000000Z", "2026-08-15T10:00:00.000000Z"));
        // The latest and earliest month starts of real zones fall outside the clear days.
        for (zone, month) in [(chrono_tz::Pacific::Kiritimati, "2026-09"), (chrono_tz::Etc::GMTPlus12, "2026-09")] {
            let start = crate::time::Month::parse(month, zone).unwrap().start.to_db();
            assert!(!(3..=27).contains(&start[8..10].parse::<u32>().unwrap()), "{zone}: {start}");
        }
    }

    #[test]
    fn buckets_are_utc_quarter_hours() {
        assert_eq!(bucket_of("2026-08-01T00:00:00.000000Z"), "2026-08-01T00:00");
        assert_eq!(bucket_of("2026-08-01T13:14:59.999999Z"), "2026-08-01T13:00");
        assert_eq!(bucket_of("2026-08-01T13:15:00.000000Z"), "2026-08-01T13:15");
        assert_eq!(bucket_of("2026-08-31T23:59:00.000000Z"), "2026-08-31T23:45");
        let at = Timestamp::from_db("2026-07-31T18:30:00.000000Z").unwrap(); // midnight in Kolkata
        assert_eq!(boundary(at).as_deref(), Some("2026-07-31T18:30"));
        assert_eq!(boundary(Timestamp::from_db("2026-07-31T18:31:00.000000Z").unwrap()), None);
    }
}
