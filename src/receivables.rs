//! What buyers owe: invoices less their credit notes and the payments applied to them; payments
//! with their allocations and unapplied credit; the credit check of a new invoice; the aging table.
//!
//! An invoice's open amount at an instant is its gross, less the credit notes referring to it and
//! the payment allocations to it, recorded before that instant. Money a buyer paid that is not
//! applied to an invoice (and a credit note larger than what was still open) is the buyer's
//! credit: it lowers the balance and the aging total, and counts against overdue amounts.

use rusqlite::{params, Connection, OptionalExtension};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::buyers::BuyerAccount;
use crate::error::{Error, Result};
use crate::money;
use crate::people::{Action, Actor};
use crate::report::AgingRow;
use crate::shop::Shop;
use crate::time::Timestamp;

/// A payment received from a buyer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaymentInput {
    pub buyer: String,
    pub amount: Decimal,
    /// `cash`, `bank` (transfer), `cheque` or `card`.
    pub method: String,
    /// Invoices it settles, in order. Without an amount an invoice takes what is left of the
    /// payment, up to its open amount. With no invoices named the payment settles the buyer's
    /// open invoices oldest due first. What remains is unapplied credit.
    #[serde(default)]
    pub invoices: Vec<AllocationInput>,
    #[serde(default)]
    pub reference: Option<String>,
    /// When it was received (as a document `date`); default now.
    #[serde(default)]
    pub date: Option<String>,
    /// Paid in another currency: `amount` is in it, converted at the day's rate (crate::fx).
    #[serde(default)]
    pub currency: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AllocationInput {
    pub invoice: String,
    #[serde(default)]
    pub amount: Option<Decimal>,
}

impl AllocationInput {
    /// `INV-A-000001` or `INV-A-000001=250.00`.
    pub fn parse(text: &str, field: &str) -> Result<AllocationInput> {
        match text.split_once('=') {
            Some((inv, amount)) => Ok(AllocationInput {
                invoice: inv.trim().to_string(),
                amount: Some(money::parse_decimal(amount, field)?),
            }),
            None => Ok(AllocationInput { invoice: text.trim().to_string(), amount: None }),
        }
    }
}

/// A recorded payment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PaymentRecord {
    pub pay_no: String,
    pub buyer: String,
    pub method: String,
    pub amount: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    pub occurred_at: String,
    pub user: String,
    pub allocations: Vec<Allocation>,
    pub unapplied: String,
    /// What the buyer owes after this payment (negative: the buyer is in credit).
    pub balance_after: String,
    /// Paid in another currency: that currency, the amount in it and the rate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub foreign_amount: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Allocation {
    pub invoice: String,
    pub amount: String,
    pub open_after: String,
}

/// A buyer's position, in minor units.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Position {
    /// Sum of the invoices' positive open amounts.
    pub invoiced_open: i64,
    /// Unapplied payments plus over-credited invoices.
    pub credit: i64,
    /// Open amounts of invoices past due, less the buyer's credit (never below zero).
    pub overdue: i64,
}

impl Position {
    pub fn balance(&self) -> i64 {
        self.invoiced_open - self.credit
    }
}

/// One invoice with its open amount.
struct OpenInvoice {
    id: String,
    doc_no: String,
    due_at: Option<String>,
    open: i64,
}

/// A buyer's invoices with their open amounts, counting what was recorded before `until`
/// (everything when `None`), oldest due first.
fn invoices_of(conn: &Connection, customer_id: &str, until: Option<Timestamp>) -> Result<Vec<OpenInvoice>> {
    let until = until.map(|t| t.to_db()).unwrap_or_else(|| "9999".into());
    let mut st = conn.prepare_cached(
        "SELECT i.id, i.doc_no, i.due_at, i.gross_minor
            - COALESCE((SELECT SUM(n.gross_minor) FROM documents n
                        WHERE n.ref_document_id = i.id AND n.kind = 'wholesale_return' AND n.occurred_at < ?2), 0)
            - COALESCE((SELECT SUM(a.amount_minor) FROM payment_allocations a JOIN buyer_payments p ON p.id = a.payment_id
                        WHERE a.invoice_id = i.id AND p.occurred_at < ?2), 0)
         FROM documents i
         WHERE i.customer_id = ?1 AND i.kind = 'invoice' AND i.occurred_at < ?2
         ORDER BY COALESCE(i.due_at, i.occurred_at), i.occurred_at, i.number",
    )?;
    let rows = st.query_map(params![customer_id, until], |r| {
        Ok(OpenInvoice { id: r.get(0)?, doc_no: r.get(1)?, due_at: r.get(2)?, open: r.get(3)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Payments not applied to any invoice, recorded before `until`.
fn unapplied(conn: &Connection, customer_id: &str, until: Option<Timestamp>) -> Result<i64> {
    let until = until.map(|t| t.to_db()).unwrap_or_else(|| "9999".into());
    Ok(conn.query_row(
        "SELECT COALESCE(SUM(p.amount_minor - COALESCE((SELECT SUM(a.amount_minor) FROM payment_allocations a
                                                        WHERE a.payment_id = p.id), 0)), 0)
         FROM buyer_payments p WHERE p.customer_id = ?1 AND p.occurred_at < ?2",
        params![customer_id, until],
        |r| r.get(0),
    )?)
}

/// The buyer's position at `at`, from everything recorded before `until`.
pub(crate) fn position(
    conn: &Connection,
    customer_id: &str,
    at: Timestamp,
    until: Option<Timestamp>,
) -> Result<Position> {
    let mut p = Position { credit: unapplied(conn, customer_id, until)?, ..Default::default() };
    let mut past_due = 0;
    for inv in invoices_of(conn, customer_id, until)? {
        if inv.open < 0 {
            p.credit += -inv.open;
            continue;
        }
        p.invoiced_open += inv.open;
        if let Some(due) = inv.due_at.as_deref().map(Timestamp::from_db).transpose()? {
            if due < at {
                past_due += inv.open;
            }
        }
    }
    p.overdue = (past_due - p.credit).max(0);
    Ok(p)
}

/// The credit check of a new invoice of `gross_minor` for a buyer at `at`. A buyer without a
/// limit is not checked. Returns the refusal (to be raised, or overridden by the owner).
pub(crate) fn credit_refusal(
    conn: &Connection,
    shop: &Shop,
    buyer: &BuyerAccount,
    gross_minor: i64,
    at: Timestamp,
) -> Result<Option<(Error, Position)>> {
    let Some(limit) = buyer.credit_limit_minor else {
        return Ok(None);
    };
    let p = position(conn, &buyer.id, at, None)?;
    let s = |v: i64| money::minor_str(v, shop.minor_units);
    let (open, overdue, invoice, limit_s) = (s(p.balance()), s(p.overdue), s(gross_minor), s(limit));
    if p.overdue > 0 {
        let e = Error::BuyerOverdue { buyer: buyer.code.clone(), limit: limit_s, open, overdue };
        return Ok(Some((e, p)));
    }
    if p.balance() + gross_minor > limit {
        let e = Error::CreditLimitExceeded { buyer: buyer.code.clone(), limit: limit_s, open, invoice };
        return Ok(Some((e, p)));
    }
    Ok(None)
}

/// The owner's decision to let an invoice through a credit refusal.
pub(crate) struct Override<'a> {
    pub refusal: &'a Error,
    pub reason: &'a str,
    pub position: Position,
    pub gross_minor: i64,
}

/// Record that the owner let an invoice through a credit refusal.
pub(crate) fn record_override(
    conn: &Connection,
    doc_id: &str,
    buyer: &BuyerAccount,
    o: &Override,
    actor: &Actor,
    at: Timestamp,
) -> Result<()> {
    conn.execute(
        "INSERT INTO credit_overrides (document_id, refusal, reason, limit_minor, open_minor, overdue_minor,
                                       invoice_minor, user_id, occurred_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            doc_id,
            o.refusal.code(),
            o.reason,
            buyer.credit_limit_minor,
            o.position.balance(),
            o.position.overdue,
            o.gross_minor,
            actor.user_id,
            at.to_db()
        ],
    )?;
    Ok(())
}

/// A credit override as recorded with its invoice.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CreditOverride {
    pub refusal: String,
    pub reason: String,
    pub limit: Option<String>,
    pub open: String,
    pub overdue: String,
    pub invoice: String,
    pub user: String,
    pub occurred_at: String,
}

pub(crate) fn credit_override_of(conn: &Connection, shop: &Shop, doc_no: &str) -> Result<Option<CreditOverride>> {
    let s = |v: i64| money::minor_str(v, shop.minor_units);
    Ok(conn
        .query_row(
            "SELECT o.refusal, o.reason, o.limit_minor, o.open_minor, o.overdue_minor, o.invoice_minor, u.username,
                    o.occurred_at
             FROM credit_overrides o JOIN documents d ON d.id = o.document_id JOIN users u ON u.id = o.user_id
             WHERE d.doc_no = ?1",
            [doc_no.trim()],
            |r| {
                Ok(CreditOverride {
                    refusal: r.get(0)?,
                    reason: r.get(1)?,
                    limit: r.get::<_, Option<i64>>(2)?.map(s),
                    open: s(r.get(3)?),
                    overdue: s(r.get(4)?),
                    invoice: s(r.get(5)?),
                    user: r.get(6)?,
                    occurred_at: r.get(7)?,
                })
            },
        )
        .optional()?)
}

fn parse_method(text: &str) -> Result<&'static str> {
    Ok(match text.trim().to_lowercase().as_str() {
        "cash" => "cash",
        "bank" | "transfer" | "bank-transfer" | "bank_transfer" => "bank",
        "cheque" | "check" => "cheque",
        "card" => "card",
        other => return Err(Error::invalid("method", format!("`{other}`: cash, bank, cheque or card"))),
    })
}

/// Record a payment and apply it to invoices (owner or accountant), in one transaction.
pub(crate) fn record_payment(
    conn: &mut Connection,
    actor: &Actor,
    input: &PaymentInput,
    now: Timestamp,
) -> Result<PaymentRecord> {
    actor.require(Action::RecordPayment)?;
    let shop = crate::shop::load(conn)?;
    let device = crate::shop::device(conn)?;
    let tx = crate::db::write_tx(conn)?;
    let mu = shop.minor_units;
    let buyer = crate::buyers::account(&tx, &shop, &input.buyer)?;
    let method = parse_method(&input.method)?;
    let to_minor = |v: Decimal, field: &str| -> Result<i64> {
        if v <= Decimal::ZERO {
            return Err(Error::invalid(field, "must be more than zero"));
        }
        if v.normalize().scale() > mu {
            return Err(Error::invalid(field, format!("{v} has more decimals than {} allows", shop.currency)));
        }
        money::to_minor(v, mu, field)
    };
    let reference = match input.reference.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(r) if r.chars().count() > 200 => return Err(Error::invalid("reference", "at most 200 characters")),
        Some(r) => Some(r.to_string()),
    };
    let at = crate::document::resolve_time(&tx, &shop, &input.date, now)?;
    let foreign = input.currency.as_deref().map(str::trim).filter(|c| !c.eq_ignore_ascii_case(&shop.currency));
    let fx = match foreign {
        Some(cur) => {
            if input.amount <= Decimal::ZERO {
                return Err(Error::invalid("amount", "must be more than zero"));
            }
            Some(crate::fx::convert(&tx, &shop, cur, input.amount, at, "payment")?)
        }
        None => None,
    };
    let amount = match &fx {
        Some(f) => f.shop_minor,
        None => to_minor(input.amount, "amount")?,
    };
    let open = invoices_of(&tx, &buyer.id, None)?;
    let mut left = amount;
    let mut plan: Vec<(String, String, i64, i64)> = vec![]; // (id, doc_no, amount, open after)
    if input.invoices.is_empty() {
        for inv in open.iter().filter(|i| i.open > 0) {
            if left == 0 {
                break;
            }
            let take = left.min(inv.open);
            left -= take;
            plan.push((inv.id.clone(), inv.doc_no.clone(), take, inv.open - take));
        }
    } else {
        if input.invoices.len() > 1000 {
            return Err(Error::invalid("invoices", "at most 1000 invoices per payment"));
        }
        for (i, a) in input.invoices.iter().enumerate() {
            let field = format!("invoices[{i}]");
            let no = a.invoice.trim();
            let Some(inv) = open.iter().find(|inv| inv.doc_no == no) else {
                // Say precisely why: unknown, not an invoice, or another buyer's.
                let found: Option<(String, Option<String>)> = tx
                    .query_row("SELECT kind, customer_id FROM documents WHERE doc_no = ?1", [no], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })
                    .optional()?;
                return Err(match found {
                    None => Error::UnknownDocument { field, doc_no: no.into() },
                    Some((kind, _)) if kind != "invoice" => {
                        Error::WrongDocumentKind { field, doc_no: no.into(), found: kind, expected: "invoice".into() }
                    }
                    Some(_) => Error::invalid(field, format!("{no} is not an invoice of buyer {}", buyer.code)),
                });
            };
            if plan.iter().any(|(id, ..)| *id == inv.id) {
                return Err(Error::invalid(field, format!("{no} is named twice")));
            }
            let open_now = inv.open.max(0);
            let take = match a.amount {
                Some(v) => to_minor(v, &format!("{field}.amount"))?,
                None => left.min(open_now),
            };
            if take > open_now {
                return Err(Error::AllocationExceedsOpen {
                    field: format!("{field}.amount"),
                    doc_no: no.into(),
                    open: money::minor_str(open_now, mu),
                    amount: money::minor_str(take, mu),
                });
            }
            if take > left {
                return Err(Error::invalid(
                    format!("{field}.amount"),
                    format!("the invoices take more than the payment of {}", money::minor_str(amount, mu)),
                ));
            }
            if take == 0 {
                continue;
            }
            left -= take;
            plan.push((inv.id.clone(), no.to_string(), take, open_now - take));
        }
    }
    let series = format!("PAY-{}", device.series_prefix);
    let number: i64 = tx.query_row(
        "INSERT INTO series (series, last_number) VALUES (?1, 1)
         ON CONFLICT (series) DO UPDATE SET last_number = last_number + 1 RETURNING last_number",
        [&series],
        |r| r.get(0),
    )?;
    let pay_no = format!("{series}-{number:06}");
    let id = crate::ids::new_id();
    tx.execute(
        "INSERT INTO buyer_payments (id, pay_no, customer_id, method, amount_minor, reference, occurred_at, user_id,
                                     device_id, currency, foreign_minor, rate)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            id,
            pay_no,
            buyer.id,
            method,
            amount,
            reference,
            at.to_db(),
            actor.user_id,
            device.device_id,
            fx.as_ref().map(|f| f.currency.as_str()),
            fx.as_ref().map(|f| f.foreign_minor),
            fx.as_ref().map(|f| f.rate.normalize().to_string())
        ],
    )?;
    for (inv_id, _, take, _) in &plan {
        tx.execute(
            "INSERT INTO payment_allocations (payment_id, invoice_id, amount_minor) VALUES (?1, ?2, ?3)",
            params![id, inv_id, take],
        )?;
    }
    tx.execute(
        "UPDATE device SET last_occurred_at = ?1 WHERE id = 1 AND (last_occurred_at IS NULL OR last_occurred_at < ?1)",
        [at.to_db()],
    )?;
    let balance = position(&tx, &buyer.id, at, None)?.balance();
    crate::sync::log_record(&tx, "payment", &id, at)?;
    tx.commit()?;
    let s = |v: i64| money::minor_str(v, mu);
    Ok(PaymentRecord {
        pay_no,
        buyer: buyer.code,
        method: method.into(),
        amount: s(amount),
        reference,
        occurred_at: at.to_db(),
        user: actor.username.clone(),
        allocations: plan
            .into_iter()
            .map(|(_, doc_no, take, after)| Allocation { invoice: doc_no, amount: s(take), open_after: s(after) })
            .collect(),
        unapplied: s(left),
        balance_after: s(balance),
        currency: fx.as_ref().map(|f| f.currency.clone()),
        foreign_amount: fx.as_ref().map(|f| crate::fx::amount_text(&f.currency, f.foreign_minor)),
        rate: fx.as_ref().map(|f| f.rate.normalize().to_string()),
    })
}

/// Days-past-due bucket: 0 current, 1 = 1–30, 2 = 31–60, 3 = 61–90, 4 = over 90.
fn bucket(due: Option<Timestamp>, at: Timestamp) -> usize {
    match due {
        Some(due) if due < at => match (at.0 - due.0).num_days() {
            0..=30 => 1,
            31..=60 => 2,
            61..=90 => 3,
            _ => 4,
        },
        _ => 0,
    }
}

/// The aging rows at `at` (exclusive: what was recorded before it), one per buyer with anything
/// open or in credit, by buyer code. `total` is the buckets less the buyer's credit.
pub(crate) fn aging_rows(conn: &Connection, at: Timestamp, mu: u32) -> Result<Vec<AgingRow>> {
    let buyers: Vec<(String, String, String)> = {
        let mut st = conn.prepare_cached("SELECT id, code, name FROM customers ORDER BY code")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let s = |v: i64| money::minor_str(v, mu);
    let mut out = vec![];
    for (id, code, name) in buyers {
        let mut b = [0i64; 5];
        let mut credit = unapplied(conn, &id, Some(at))?;
        for inv in invoices_of(conn, &id, Some(at))? {
            if inv.open < 0 {
                credit += -inv.open;
            } else if inv.open > 0 {
                let due = inv.due_at.as_deref().map(Timestamp::from_db).transpose()?;
                b[bucket(due, at)] += inv.open;
            }
        }
        if b.iter().all(|v| *v == 0) && credit == 0 {
            continue;
        }
        out.push(AgingRow {
            buyer: code,
            name,
            current: s(b[0]),
            days_1_30: s(b[1]),
            days_31_60: s(b[2]),
            days_61_90: s(b[3]),
            days_over_90: s(b[4]),
            credit: s(credit),
            total: s(b.iter().sum::<i64>() - credit),
        });
    }
    Ok(out)
}

/// The receivables aging table at an instant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgingTable {
    pub at: String,
    pub currency: String,
    pub rows: Vec<AgingRow>,
    pub totals: AgingRow,
}

/// `2026-12-31` means as of the end of that local day; a date-time is taken as given.
pub fn parse_as_of(text: &str, shop: &Shop) -> Result<Timestamp> {
    if chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").is_ok() {
        return Ok(crate::pricing::parse_effective(text, shop, "at")?.add_days(1));
    }
    Timestamp::parse(text, shop.tz, "at")
}

pub(crate) fn aging(conn: &Connection, actor: &Actor, shop: &Shop, at: Timestamp) -> Result<AgingTable> {
    actor.require(Action::ViewReports)?;
    let mu = shop.minor_units;
    let rows = aging_rows(conn, at, mu)?;
    let sum = |f: fn(&AgingRow) -> &String| -> String {
        let total: Decimal = rows.iter().map(|r| Decimal::from_str_exact(f(r)).unwrap_or_default()).sum();
        money::amount_str(total, mu)
    };
    let totals = AgingRow {
        buyer: String::new(),
        name: String::new(),
        current: sum(|r| &r.current),
        days_1_30: sum(|r| &r.days_1_30),
        days_31_60: sum(|r| &r.days_31_60),
        days_61_90: sum(|r| &r.days_61_90),
        days_over_90: sum(|r| &r.days_over_90),
        credit: sum(|r| &r.credit),
        total: sum(|r| &r.total),
    };
    Ok(AgingTable { at: at.to_db(), currency: shop.currency.clone(), rows, totals })
}

/// A buyer's account at an instant: terms, limit, balance and each open invoice.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BuyerBalance {
    #[serde(flatten)]
    pub account: BuyerAccount,
    pub at: String,
    pub open: String,
    pub credit: String,
    pub balance: String,
    pub overdue: String,
    pub invoices: Vec<OpenInvoiceView>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpenInvoiceView {
    pub invoice: String,
    pub due_at: Option<String>,
    pub open: String,
}

pub(crate) fn balance(conn: &Connection, shop: &Shop, code: &str, at: Timestamp) -> Result<BuyerBalance> {
    let account = crate::buyers::account(conn, shop, code)?;
    let s = |v: i64| money::minor_str(v, shop.minor_units);
    let p = position(conn, &account.id, at, None)?;
    let invoices = invoices_of(conn, &account.id, None)?
        .into_iter()
        .filter(|i| i.open > 0)
        .map(|i| OpenInvoiceView { invoice: i.doc_no, due_at: i.due_at, open: s(i.open) })
        .collect();
    Ok(BuyerBalance {
        account,
        at: at.to_db(),
        open: s(p.invoiced_open),
        credit: s(p.credit),
        balance: s(p.balance()),
        overdue: s(p.overdue),
        invoices,
    })
}
