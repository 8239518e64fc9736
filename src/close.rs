//! Closing: the period lock (the owner closes a month; nothing may be dated into it afterwards) and
//! the daily close of a till (the Z report: sales by payment method, returns, expected against
//! counted cash), kept as a numbered, immutable document of its own.
//!
//! Decisions, so they are made once:
//! - Closing a month closes every earlier month too (the books are closed *through* it). A month
//!   can be closed only once it is over in the shop's time zone, and a close is never undone: the
//!   accountant has filed it. Corrections go into the open period (a return dated today of goods
//!   sold in a closed month is an ordinary return).
//! - The lock is checked where every document, buyer payment and Z report gets its date
//!   ([`crate::document::resolve_time`]), so no kind can slip past it.
//! - A Z report covers the documents of one device dated in `[from, to)`: the business day in the
//!   shop's zone, from the end of the previous Z of that day (a second Z covers only what came
//!   after the first), to now (today) or the day's end (a past day). A past day that is already
//!   closed to its end is refused. After a Z, no document may be dated before its end.
//! - Refunds: a retail return does not record how the money went back, so the Z derives it from
//!   the ticket: back to the card and e-wallet the ticket was paid with, up to what they paid
//!   (less earlier refunds of that ticket), and cash for the rest.
//! - Voids: a line or an open sale cancelled before payment is no document (crate::voids); the
//!   Z counts the voids of its device and range and their amount, beside the returns. They move
//!   no cash and no stock, so they do not enter the expected cash.
//! - Expected cash = opening float + cash kept by sales (tendered − change) + buyers' cash
//!   payments taken on this device − cash refunds; difference = counted − expected.

use std::collections::HashMap;

use chrono::{NaiveDate, TimeZone, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::money;
use crate::people::{Action, Actor};
use crate::shop::Shop;
use crate::time::{local_date, Month, Timestamp};

/// A month closed by the owner.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodClose {
    /// The month closed (`YYYY-MM`); every earlier month is closed with it.
    pub month: String,
    /// What was closed through before (none: this is the first close).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previously_closed_through: Option<String>,
    /// No document may be dated before this instant (UTC).
    pub locked_before: String,
    pub closed_at: String,
    pub closed_by: String,
}

/// Refuse an instant that falls in a closed period. `field` names the input that dated it.
pub(crate) fn check_open(conn: &Connection, shop: &Shop, at: Timestamp, field: &str) -> Result<()> {
    // The latest close, without sorting the closes in a temporary b-tree on every sale.
    let latest: (Option<String>, Option<String>) = conn
        .prepare_cached("SELECT through_month, max(end_at) FROM period_closes")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    if let (Some(through), Some(end_at)) = latest {
        if at < Timestamp::from_db(&end_at)? {
            let day = local_date(at, shop.tz);
            return Err(Error::PeriodClosed {
                field: field.into(),
                date: day.format("%Y-%m-%d").to_string(),
                month: day.format("%Y-%m").to_string(),
                closed_through: through,
            });
        }
    }
    Ok(())
}

/// The month the books are closed through, if any.
pub(crate) fn closed_through(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT through_month FROM period_closes ORDER BY end_at DESC LIMIT 1", [], |r| r.get(0))
        .optional()?)
}

/// Close the books through `month` (`YYYY-MM`): owner only, the month must be over, recorded with
/// who and when and in the audit trail, in one transaction.
pub(crate) fn close_month(conn: &mut Connection, actor: &Actor, month: &str, now: Timestamp) -> Result<PeriodClose> {
    actor.require(Action::CloseMonth)?;
    let shop = crate::shop::load(conn)?;
    let device = crate::shop::device(conn)?;
    let m = Month::parse(month, shop.tz)?;
    if m.end > now {
        return Err(Error::MonthNotOver { field: "month".into(), month: m.label() });
    }
    let tx = crate::db::write_tx(conn)?;
    let previous: Option<(String, String)> = tx
        .query_row("SELECT through_month, end_at FROM period_closes ORDER BY end_at DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    if let Some((through, end_at)) = &previous {
        if Timestamp::from_db(end_at)? >= m.end {
            return Err(Error::PeriodAlreadyClosed {
                field: "month".into(),
                month: m.label(),
                closed_through: through.clone(),
            });
        }
    }
    tx.execute(
        "INSERT INTO period_closes (through_month, end_at, closed_at, user_id, device_id) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![m.label(), m.end.to_db(), now.to_db(), actor.user_id, device.device_id],
    )?;
    let previously = previous.map(|(t, _)| t);
    let entry = crate::audit::NewEntry {
        action: crate::audit::acts::PERIOD_CLOSE,
        subject: m.label(),
        before: Some(serde_json::json!({ "closed_through": previously })),
        after: Some(serde_json::json!({ "closed_through": m.label(), "locked_before": m.end.to_db() })),
        reason: None,
    };
    crate::audit::record(&tx, actor, &device.device_id, now, entry)?;
    crate::sync::log_record(&tx, "period_close", &m.label(), now)?;
    tx.commit()?;
    Ok(PeriodClose {
        month: m.label(),
        previously_closed_through: previously,
        locked_before: m.end.to_db(),
        closed_at: now.to_db(),
        closed_by: actor.username.clone(),
    })
}

// ---------------------------------------------------------------------------------------------
// The daily close (Z report)

/// What the cashier enters to close the day.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
pub struct DayCloseInput {
    /// This till by its device id or series prefix (default: this till).
    pub device: Option<String>,
    /// The business day `YYYY-MM-DD` in the shop's zone (default: today).
    pub date: Option<String>,
    /// Cash counted in the drawer.
    pub counted: String,
    /// Cash in the drawer when the day began (default 0).
    pub float: Option<String>,
}

/// What one payment method took in and paid back.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ZMethod {
    /// `cash`, `card` or `ewallet`.
    pub method: String,
    /// Kept by sales (cash: tendered minus change). The methods add up to the sales' gross.
    pub sales: String,
    /// Paid back on retail returns.
    pub refunds: String,
    /// Sales minus refunds.
    pub net: String,
}

/// A Z report: a plain struct a screen, a receipt printer or an export can render. Money is text
/// in the currency's decimals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ZReport {
    pub doc_no: String,
    pub shop: String,
    pub currency: String,
    pub device_id: String,
    /// The business day, `YYYY-MM-DD` in the shop's zone.
    pub business_day: String,
    /// The documents covered were dated in `[from, to)` (UTC).
    pub from: String,
    pub to: String,
    pub closed_at: String,
    pub closed_by: String,
    /// The earlier Z of the same day this one continues from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub continues: Option<String>,
    pub sales_count: i64,
    pub sales_gross: String,
    pub sales_vat: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_ticket: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_ticket: Option<String>,
    /// cash, card, ewallet, always in this order.
    pub methods: Vec<ZMethod>,
    pub cash_tendered: String,
    pub change_given: String,
    pub returns_count: i64,
    pub returns_gross: String,
    /// Lines and open sales cancelled before payment (crate::voids): how many, and their amount.
    pub voids_count: i64,
    pub voids_gross: String,
    /// Buyers' payments in cash recorded on this device (they go into the drawer).
    pub buyer_payments_cash: String,
    pub opening_float: String,
    /// float + cash kept by sales + buyers' cash − cash refunds.
    pub expected_cash: String,
    pub counted_cash: String,
    /// counted − expected: negative when cash is missing.
    pub difference: String,
    /// The automatic backup taken at this close (when a backup plan is set), or why it failed;
    /// a failed backup never undoes the close.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backup: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backup_error: Option<String>,
}

const METHODS: [&str; 3] = ["cash", "card", "ewallet"];

/// Cash amounts entered by a person: not negative, at most the currency's decimals.
fn cash_amount(text: &str, shop: &Shop, field: &str) -> Result<i64> {
    let t = text.trim();
    let v = Decimal::from_str_exact(t).map_err(|_| Error::invalid(field, format!("`{t}` is not an amount")))?;
    if v < Decimal::ZERO {
        return Err(Error::invalid(field, format!("{t}: a cash amount cannot be negative")));
    }
    if v.normalize().scale() > shop.minor_units {
        return Err(Error::invalid(field, format!("{t} has more decimals than {} allows", shop.currency)));
    }
    money::to_minor(v, shop.minor_units, field)
}

fn local_midnight(day: NaiveDate, shop: &Shop, field: &str) -> Result<Timestamp> {
    let naive = day.and_hms_opt(0, 0, 0).expect("midnight");
    shop.tz
        .from_local_datetime(&naive)
        .earliest()
        .map(|dt| Timestamp(dt.with_timezone(&Utc)))
        .ok_or_else(|| Error::invalid(field, format!("{day} has no midnight in {}", shop.time_zone)))
}

/// Close the day of a till: count, compare, and keep the Z report as a numbered document.
pub(crate) fn close_day(
    conn: &mut Connection,
    actor: &Actor,
    input: &DayCloseInput,
    now: Timestamp,
) -> Result<ZReport> {
    actor.require(Action::CloseDay)?;
    let shop = crate::shop::load(conn)?;
    let device = crate::shop::device(conn)?;
    if let Some(d) = input.device.as_deref().map(str::trim) {
        if d != device.device_id && !d.eq_ignore_ascii_case(&device.series_prefix) {
            return Err(Error::UnknownDevice { field: "device".into(), device: d.into() });
        }
    }
    let today = local_date(now, shop.tz);
    let day = match input.date.as_deref().map(str::trim) {
        None | Some("") => today,
        Some(t) => NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .map_err(|_| Error::invalid("date", format!("{t} is not a day (YYYY-MM-DD)")))?,
    };
    if day > today {
        return Err(Error::invalid("date", format!("{day} has not begun yet")));
    }
    let counted = cash_amount(&input.counted, &shop, "counted")?;
    let float = match &input.float {
        Some(f) => cash_amount(f, &shop, "float")?,
        None => 0,
    };
    let day_start = local_midnight(day, &shop, "date")?;
    let day_end = local_midnight(day.succ_opt().ok_or_else(|| Error::invalid("date", "out of range"))?, &shop, "date")?;

    let tx = crate::db::write_tx(conn)?;
    check_open(&tx, &shop, day_start, "date")?;
    let previous: Option<(String, String)> = tx
        .query_row(
            "SELECT doc_no, to_at FROM day_closes WHERE device_id = ?1 AND business_day = ?2
             ORDER BY to_at DESC LIMIT 1",
            params![device.device_id, day.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let from = match &previous {
        Some((_, to_at)) => Timestamp::from_db(to_at)?,
        None => day_start,
    };
    if from >= day_end {
        let doc_no = previous.map(|(d, _)| d).unwrap_or_default();
        return Err(Error::DayAlreadyClosed {
            field: "date".into(),
            device: device.series_prefix.clone(),
            day: day.to_string(),
            doc_no,
        });
    }
    // Today: up to now, and past any document already dated later in the day (a clock that
    // stepped back); a past day: to its end.
    let to = if now >= day_end {
        day_end
    } else {
        let latest: Option<String> = tx.query_row(
            "SELECT MAX(occurred_at) FROM documents WHERE device_id = ?1 AND occurred_at >= ?2 AND occurred_at < ?3",
            params![device.device_id, from.to_db(), day_end.to_db()],
            |r| r.get(0),
        )?;
        let latest = latest.map(|l| Timestamp::from_db(&l)).transpose()?.unwrap_or(now);
        let after = Timestamp(latest.max(now).0 + chrono::Duration::microseconds(1));
        after.min(day_end).max(from)
    };

    let range = params![device.device_id, from.to_db(), to.to_db()];
    let (sales_count, sales_gross, sales_vat, first_ticket, last_ticket): (
        i64,
        i64,
        i64,
        Option<String>,
        Option<String>,
    ) = tx.query_row(
        "SELECT count(*), COALESCE(SUM(gross_minor), 0), COALESCE(SUM(vat_minor), 0), MIN(doc_no), MAX(doc_no)
         FROM documents WHERE kind = 'sale' AND device_id = ?1 AND occurred_at >= ?2 AND occurred_at < ?3",
        range,
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?;
    let mut tendered: HashMap<String, i64> = HashMap::new();
    let mut change = 0i64;
    {
        let mut st = tx.prepare(
            "SELECT p.method, SUM(p.amount_minor), SUM(p.change_minor) FROM payments p
             JOIN documents d ON d.id = p.document_id
             WHERE d.kind = 'sale' AND d.device_id = ?1 AND d.occurred_at >= ?2 AND d.occurred_at < ?3
             GROUP BY p.method",
        )?;
        let rows = st.query_map(range, |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?)))?;
        for row in rows {
            let (method, amount, ch) = row?;
            *tendered.entry(method).or_default() += amount;
            change += ch;
        }
    }
    let returns: Vec<(String, String, i64)> = {
        let mut st = tx.prepare(
            "SELECT id, ref_document_id, gross_minor FROM documents
             WHERE kind = 'retail_return' AND device_id = ?1 AND occurred_at >= ?2 AND occurred_at < ?3",
        )?;
        let rows = st.query_map(range, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut refunds: HashMap<&'static str, i64> = HashMap::new();
    let mut per_ticket: HashMap<String, HashMap<String, [i64; 3]>> = HashMap::new();
    for (id, ticket, _) in &returns {
        if !per_ticket.contains_key(ticket) {
            per_ticket.insert(ticket.clone(), ticket_refunds(&tx, ticket)?);
        }
        let split = per_ticket[ticket].get(id).copied().unwrap_or_default();
        for (i, m) in METHODS.iter().enumerate() {
            *refunds.entry(m).or_default() += split[i];
        }
    }
    let returns_gross: i64 = returns.iter().map(|(_, _, g)| g).sum();
    let (voids_count, voids_gross) = crate::voids::between(&tx, &device.device_id, &from.to_db(), &to.to_db())?;
    let buyer_cash: i64 = tx.query_row(
        "SELECT COALESCE(SUM(amount_minor), 0) FROM buyer_payments
         WHERE method = 'cash' AND device_id = ?1 AND occurred_at >= ?2 AND occurred_at < ?3",
        range,
        |r| r.get(0),
    )?;
    let cash_tendered = tendered.get("cash").copied().unwrap_or(0);
    let kept = |m: &str| if m == "cash" { cash_tendered - change } else { tendered.get(m).copied().unwrap_or(0) };
    let refund = |m: &str| refunds.get(m).copied().unwrap_or(0);
    // The methods account for every sale exactly: a check where the figure is made.
    debug_assert_eq!(METHODS.iter().map(|m| kept(m)).sum::<i64>(), sales_gross, "payments add up to the sales");
    let expected = float + kept("cash") + buyer_cash - refund("cash");
    let difference = counted - expected;

    let series = format!("Z-{}", device.series_prefix);
    let number: i64 = tx.query_row(
        "INSERT INTO series (series, last_number) VALUES (?1, 1)
         ON CONFLICT (series) DO UPDATE SET last_number = last_number + 1 RETURNING last_number",
        [&series],
        |r| r.get(0),
    )?;
    let doc_no = format!("{series}-{number:06}");
    tx.execute(
        "INSERT INTO day_closes (id, series, number, doc_no, device_id, business_day, from_at, to_at, closed_at,
             user_id, continues_doc_no, sales_count, sales_gross_minor, sales_vat_minor, first_ticket, last_ticket,
             sales_cash_minor, sales_card_minor, sales_ewallet_minor, cash_tendered_minor, change_minor,
             returns_count, returns_gross_minor, refund_cash_minor, refund_card_minor, refund_ewallet_minor,
             buyer_cash_minor, float_minor, expected_cash_minor, counted_cash_minor, difference_minor,
             voids_count, voids_gross_minor)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,
                 ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33)",
        params![
            crate::ids::new_id(),
            series,
            number,
            doc_no,
            device.device_id,
            day.to_string(),
            from.to_db(),
            to.to_db(),
            now.to_db(),
            actor.user_id,
            previous.map(|(d, _)| d),
            sales_count,
            sales_gross,
            sales_vat,
            first_ticket,
            last_ticket,
            kept("cash"),
            kept("card"),
            kept("ewallet"),
            cash_tendered,
            change,
            returns.len() as i64,
            returns_gross,
            refund("cash"),
            refund("card"),
            refund("ewallet"),
            buyer_cash,
            float,
            expected,
            counted,
            difference,
            voids_count,
            voids_gross
        ],
    )?;
    crate::sync::log_record(&tx, "day_close", &doc_no, now)?;
    // Nothing may be dated into what this Z has counted (the rule of `resolve_time`).
    tx.execute(
        "UPDATE device SET last_occurred_at = ?1 WHERE id = 1 AND (last_occurred_at IS NULL OR last_occurred_at < ?1)",
        [to.to_db()],
    )?;
    let report = load(&tx, &shop, &doc_no)?;
    tx.commit()?;
    Ok(report)
}

/// How each retail return of a ticket was refunded: (return id → [cash, card, ewallet]). Money goes
/// back the way it came: card, then e-wallet, up to what they paid; cash for the rest. Returns are
/// taken in the order they were made, so earlier refunds use up a method first.
fn ticket_refunds(conn: &Connection, ticket_id: &str) -> Result<HashMap<String, [i64; 3]>> {
    let mut paid = [0i64; 3];
    {
        let mut st = conn.prepare_cached(
            "SELECT method, COALESCE(SUM(amount_minor - change_minor), 0) FROM payments WHERE document_id = ?1
             GROUP BY method",
        )?;
        let rows = st.query_map([ticket_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (method, amount) = row?;
            if let Some(i) = METHODS.iter().position(|m| *m == method) {
                paid[i] += amount;
            }
        }
    }
    let mut st = conn.prepare_cached(
        "SELECT id, gross_minor FROM documents WHERE kind = 'retail_return' AND ref_document_id = ?1
         ORDER BY occurred_at, number",
    )?;
    let rows = st.query_map([ticket_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    let mut out = HashMap::new();
    for row in rows {
        let (id, gross) = row?;
        let mut left = gross;
        let mut split = [0i64; 3];
        for i in [1, 2] {
            let take = left.min(paid[i]).max(0);
            split[i] = take;
            paid[i] -= take;
            left -= take;
        }
        split[0] = left;
        paid[0] -= left;
        out.insert(id, split);
    }
    Ok(out)
}

/// A Z report by its number.
pub(crate) fn load(conn: &Connection, shop: &Shop, doc_no: &str) -> Result<ZReport> {
    let mu = shop.minor_units;
    let m = |v: i64| money::minor_str(v, mu);
    conn.query_row(
        "SELECT z.doc_no, z.device_id, z.business_day, z.from_at, z.to_at, z.closed_at, u.username, z.continues_doc_no,
                z.sales_count, z.sales_gross_minor, z.sales_vat_minor, z.first_ticket, z.last_ticket,
                z.sales_cash_minor, z.sales_card_minor, z.sales_ewallet_minor, z.cash_tendered_minor, z.change_minor,
                z.returns_count, z.returns_gross_minor, z.refund_cash_minor, z.refund_card_minor,
                z.refund_ewallet_minor, z.buyer_cash_minor, z.float_minor, z.expected_cash_minor,
                z.counted_cash_minor, z.difference_minor, z.voids_count, z.voids_gross_minor
         FROM day_closes z JOIN users u ON u.id = z.user_id WHERE z.doc_no = ?1",
        [doc_no.trim()],
        |r| {
            let sales: [i64; 3] = [r.get(13)?, r.get(14)?, r.get(15)?];
            let refunds: [i64; 3] = [r.get(20)?, r.get(21)?, r.get(22)?];
            Ok(ZReport {
                backup: None,
                backup_error: None,
                doc_no: r.get(0)?,
                shop: shop.name.clone(),
                currency: shop.currency.clone(),
                device_id: r.get(1)?,
                business_day: r.get(2)?,
                from: r.get(3)?,
                to: r.get(4)?,
                closed_at: r.get(5)?,
                closed_by: r.get(6)?,
                continues: r.get(7)?,
                sales_count: r.get(8)?,
                sales_gross: m(r.get(9)?),
                sales_vat: m(r.get(10)?),
                first_ticket: r.get(11)?,
                last_ticket: r.get(12)?,
                methods: METHODS
                    .iter()
                    .enumerate()
                    .map(|(i, method)| ZMethod {
                        method: method.to_string(),
                        sales: m(sales[i]),
                        refunds: m(refunds[i]),
                        net: m(sales[i] - refunds[i]),
                    })
                    .collect(),
                cash_tendered: m(r.get(16)?),
                change_given: m(r.get(17)?),
                returns_count: r.get(18)?,
                returns_gross: m(r.get(19)?),
                voids_count: r.get(28)?,
                voids_gross: m(r.get(29)?),
                buyer_payments_cash: m(r.get(23)?),
                opening_float: m(r.get(24)?),
                expected_cash: m(r.get(25)?),
                counted_cash: m(r.get(26)?),
                difference: m(r.get(27)?),
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::UnknownDocument { field: "doc_no".into(), doc_no: doc_no.into() })
}

/// Show a past Z report (whoever closes days or reads reports).
pub(crate) fn show(conn: &Connection, actor: &Actor, doc_no: &str) -> Result<ZReport> {
    if actor.require(Action::ViewReports).is_err() {
        actor.require(Action::CloseDay)?;
    }
    load(conn, &crate::shop::load(conn)?, doc_no)
}
