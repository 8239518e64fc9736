//! Voids at the till: a line taken off the open sale, or the whole open sale cancelled, before it
//! is paid and committed. Nothing left the shelf and no money changed hands, so a void is neither
//! a document nor a stock movement; it is an immutable record (what, how much, who, which till,
//! when, why) that the day's Z report counts under "returns and voids", so the owner sees how
//! often and how much a cashier cancels.
//!
//! The amount of a voided line is what the till showed: the price given with the line (the till's
//! quote), else the retail list price of its unit, VAT included, rounded like a sale line.

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use crate::document::SaleLine;
use crate::error::{Error, Result};
use crate::money;
use crate::people::{Action, Actor};
use crate::time::Timestamp;

/// At most this many lines in one void (an open sale longer than this is not a till's).
const LINES_MAX: usize = 500;
/// The longest reason kept.
const REASON_CHARS_MAX: usize = 500;

/// A single line taken off the open sale, or the whole open sale cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VoidScope {
    Line,
    Sale,
}

impl VoidScope {
    pub fn as_str(self) -> &'static str {
        match self {
            VoidScope::Line => "line",
            VoidScope::Sale => "sale",
        }
    }
}

/// What the till sends when it cancels: the lines as they were on the open sale, and why.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoidDraft {
    pub scope: VoidScope,
    /// One line for `line`; every line of the open sale for `sale`.
    pub lines: Vec<SaleLine>,
    pub reason: String,
}

/// One voided line as recorded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VoidLine {
    pub sku: String,
    pub name: String,
    pub unit: String,
    pub qty: String,
    pub qty_base: i64,
    pub unit_price: String,
    pub gross: String,
}

/// A recorded void.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Void {
    pub id: String,
    pub scope: VoidScope,
    pub occurred_at: String,
    pub user: String,
    pub device_id: String,
    pub reason: String,
    pub lines: Vec<VoidLine>,
    /// The voided lines' amount, VAT included, in the currency's decimals.
    pub gross: String,
}

/// Record a void in one transaction: checked whole, or nothing written. No stock moves.
pub(crate) fn record(conn: &mut Connection, actor: &Actor, draft: &VoidDraft, now: Timestamp) -> Result<Void> {
    actor.require(Action::Void)?;
    let reason = draft.reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid("reason", "say why the till cancels (a void needs a reason)"));
    }
    if reason.chars().count() > REASON_CHARS_MAX {
        return Err(Error::invalid("reason", format!("at most {REASON_CHARS_MAX} characters")));
    }
    match (draft.scope, draft.lines.len()) {
        (_, 0) => return Err(Error::invalid("lines", "a void names at least one line")),
        (VoidScope::Line, n) if n > 1 => {
            return Err(Error::invalid("lines", "a line void takes one line; cancel the sale to void them all"))
        }
        (_, n) if n > LINES_MAX => return Err(Error::invalid("lines", format!("at most {LINES_MAX} lines"))),
        _ => {}
    }
    let shop = crate::shop::load(conn)?;
    let device = crate::shop::device(conn)?;
    let tx = crate::db::write_tx(conn)?;
    // Dated like a document: never before the last one, nor in a closed period or a closed day.
    let at = crate::document::resolve_time(&tx, &shop, &None, now)?;
    crate::close::check_open(&tx, &shop, at, "date")?;
    let mut lines = Vec::with_capacity(draft.lines.len());
    for (i, l) in draft.lines.iter().enumerate() {
        let field = format!("lines[{i}]");
        let r = crate::document::resolve_line(&tx, &l.sku, &l.barcode, &l.unit, l.qty, &field, false)?;
        let price = match l.price {
            Some(p) => money::check_price(p, &format!("{field}.price"))?,
            None => crate::catalog::price(&tx, "retail", &r.product.id, &r.unit)?.ok_or_else(|| Error::NoPrice {
                field: format!("{field}.unit"),
                sku: r.product.sku.clone(),
                unit: r.unit.clone(),
                list: "retail".into(),
            })?,
        };
        let amounts =
            money::line_amounts(r.qty, price, r.product.vat_rate_pct, true, shop.minor_units, &format!("{field}.qty"))?;
        lines.push((r, price, amounts.gross_minor));
    }
    let gross_minor: i64 = lines.iter().map(|(_, _, g)| g).sum();
    let id = crate::ids::new_id();
    tx.execute(
        "INSERT INTO voids (id, device_id, occurred_at, user_id, scope, reason, gross_minor)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, device.device_id, at.to_db(), actor.user_id, draft.scope.as_str(), reason, gross_minor],
    )?;
    let mut out = Vec::with_capacity(lines.len());
    for (i, (r, price, gross)) in lines.iter().enumerate() {
        tx.execute(
            "INSERT INTO void_lines (void_id, line_no, product_id, unit, qty, qty_base, unit_price, gross_minor)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![id, i as i64 + 1, r.product.id, r.unit, r.qty.to_string(), r.qty_base, price.to_string(), gross],
        )?;
        out.push(VoidLine {
            sku: r.product.sku.clone(),
            name: r.product.name.clone(),
            unit: r.unit.clone(),
            qty: r.qty.to_string(),
            qty_base: r.qty_base,
            unit_price: price.to_string(),
            gross: money::minor_str(*gross, shop.minor_units),
        });
    }
    crate::sync::log_record(&tx, "void", &id, at)?;
    // A sensitive act: the audit trail has what was on the screen and why it went.
    let voided: Vec<serde_json::Value> = out
        .iter()
        .map(|l| serde_json::json!({ "sku": l.sku, "unit": l.unit, "qty": l.qty, "gross": l.gross }))
        .collect();
    let entry = crate::audit::NewEntry {
        action: crate::audit::acts::VOID,
        subject: format!("{} {id}", draft.scope.as_str()),
        before: Some(serde_json::json!({ "lines": voided, "gross": money::minor_str(gross_minor, shop.minor_units) })),
        after: None,
        reason: Some(reason.to_string()),
    };
    crate::audit::record(&tx, actor, &device.device_id, at, entry)?;
    // Later documents and Z reports are not dated before this void.
    tx.execute(
        "UPDATE device SET last_occurred_at = ?1 WHERE id = 1 AND (last_occurred_at IS NULL OR last_occurred_at < ?1)",
        [at.to_db()],
    )?;
    tx.commit()?;
    Ok(Void {
        id,
        scope: draft.scope,
        occurred_at: at.to_db(),
        user: actor.username.clone(),
        device_id: device.device_id,
        reason: reason.to_string(),
        lines: out,
        gross: money::minor_str(gross_minor, shop.minor_units),
    })
}

/// Voids of a device dated in `[from, to)`: (count, gross in minor units).
pub(crate) fn between(conn: &Connection, device_id: &str, from: &str, to: &str) -> Result<(i64, i64)> {
    Ok(conn.query_row(
        "SELECT count(*), COALESCE(SUM(gross_minor), 0) FROM voids
         WHERE device_id = ?1 AND occurred_at >= ?2 AND occurred_at < ?3",
        params![device_id, from, to],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

impl VoidDraft {
    /// Read a void from the till's JSON: `{"scope": "line", "lines": [{"sku": "TEA", "qty": 2}],
    /// "reason": "scanned twice"}`. A bad field is named by its path.
    pub fn from_json(text: &str) -> Result<VoidDraft> {
        let value = crate::document::parse_json(text)?;
        serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            let reason = e.into_inner().to_string();
            let missing = reason.strip_prefix("missing field `").and_then(|r| r.split('`').next());
            let field = match (path.as_str(), missing) {
                (".", Some(m)) => m.to_string(),
                (".", None) => "void".to_string(),
                (p, Some(m)) => format!("{p}.{m}"),
                (p, None) => p.to_string(),
            };
            Error::invalid(field, reason)
        })
    }
}
