//! Quotes and open wholesale orders (DESIGN.md section 3: "Open wholesale orders reserve their
//! quantity too").
//!
//! - A **quote** (`Q-A-000001`) prices lines for a buyer with the buyer's prices of the day and
//!   holds them until its `valid_until` day. It reserves nothing.
//! - An **order** (`O-A-000001`) is a quote accepted (at the quote's prices) or placed directly
//!   (from a draft or a bulk-upload sheet, at today's prices). From its commit on it reserves each
//!   line's base quantity: the till may not sell those units, nor may any other invoice take them.
//! - A **delivery** posts a wholesale invoice for chosen lines and quantities (default: all that is
//!   left) at the order's prices and, in the same transaction, releases exactly what it delivered.
//!   An order with nothing left is closed. A **cancel** (with its reason) releases the rest.
//!
//! Every row is append-only: what an order still reserves is its lines less its delivery and cancel
//! events, a sum ([`crate::stock::reserved_by_orders`]). Quotes, orders and events replicate to the
//! cloud ledger as immutable records.

use std::collections::HashMap;
use std::io::Read;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::buyers::BuyerAccount;
use crate::catalog::Product;
use crate::document::{Document, DocumentDraft, InvoiceDraft, OrderDelivery, PostOptions, SaleLine};
use crate::error::{Error, Result};
use crate::money::{self, LineAmounts};
use crate::people::{Action, Actor};
use crate::pricing::PriceBasis;
use crate::shop::{Device, Shop};
use crate::stock::Channel;
use crate::time::Timestamp;

/// How long a quote holds its prices when the draft does not say.
pub const QUOTE_VALID_DAYS: i64 = 30;

/// A quote or an order to save: the buyer and the lines (as an invoice draft has them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderDraft {
    /// Optional: `quote`, `order`, or `invoice` (a draft from `order upload` or `reorder`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    pub buyer: String,
    pub lines: Vec<SaleLine>,
    /// Quotes: the last day (`YYYY-MM-DD`, the shop's calendar) the prices hold; default 30 days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Accepted so an invoice draft can be placed as an order as it is; not used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub override_reason: Option<String>,
}

impl OrderDraft {
    /// Read a draft from JSON text (the format of `post`'s invoice drafts; `code` lines too).
    pub fn from_json(text: &str) -> Result<OrderDraft> {
        let value = crate::document::parse_json(text)?;
        if let Some(kind) = value.get("kind").and_then(|k| k.as_str()) {
            if !matches!(kind, "quote" | "order" | "invoice") {
                return Err(Error::invalid("kind", format!("`{kind}` is not one of quote, order, invoice")));
            }
        }
        // The invoice draft's reader resolves `code` lines and names the field at fault.
        let mut as_invoice = value.clone();
        if let Some(obj) = as_invoice.as_object_mut() {
            obj.insert("kind".into(), serde_json::Value::String("invoice".into()));
            obj.remove("valid_until");
        }
        let invoice = match DocumentDraft::from_value(as_invoice)? {
            DocumentDraft::Invoice(d) => d,
            _ => return Err(Error::invalid("kind", "expected an order")),
        };
        let valid_until = match value.get("valid_until") {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(s)) => Some(s.clone()),
            Some(_) => return Err(Error::invalid("valid_until", "a date, YYYY-MM-DD")),
        };
        Ok(OrderDraft {
            kind: value.get("kind").and_then(|k| k.as_str()).map(str::to_string),
            buyer: invoice.buyer,
            lines: invoice.lines,
            valid_until,
            note: invoice.note,
            date: invoice.date,
            override_reason: invoice.override_reason,
        })
    }
}

/// One line of a quote or order, with what became of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrderLine {
    pub line: i64,
    pub sku: String,
    pub name: String,
    pub unit: String,
    pub qty: String,
    pub factor_to_base: i64,
    pub base_unit: String,
    /// Ordered, in base units.
    pub qty_base: i64,
    /// Per unit, VAT excluded.
    pub unit_price: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub price_overridden: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price_basis: Option<PriceBasis>,
    pub vat_rate_pct: String,
    pub net: String,
    pub vat: String,
    pub gross: String,
    /// Base units delivered (invoiced) so far.
    pub delivered: i64,
    /// Base units released by a cancel.
    pub cancelled: i64,
    /// Base units still reserved (orders) or quoted (quotes).
    pub remaining: i64,
    #[serde(skip)]
    product_id: String,
}

/// A delivery or a cancel of an order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrderEvent {
    /// `delivered` or `cancelled`.
    pub kind: String,
    pub at: String,
    pub user: String,
    /// The invoice of a delivery.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invoice: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// (order line, base units released).
    pub lines: Vec<EventLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventLine {
    pub line: i64,
    pub qty_base: i64,
}

/// A quote or an order as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Order {
    #[serde(skip)]
    pub id: String,
    pub doc_no: String,
    /// `quote` or `order`.
    pub kind: String,
    /// Quotes: `quoted`, `accepted` or `expired`. Orders: `open`, `delivered` or `cancelled`.
    pub status: String,
    pub buyer: String,
    pub buyer_name: String,
    pub created_at: String,
    pub user: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<String>,
    /// An order: the quote it was accepted from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// A quote: the order it became.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub currency: String,
    pub net: String,
    pub vat: String,
    pub gross: String,
    /// Base units still reserved, over all lines (0 for a quote, which reserves nothing).
    pub reserved: i64,
    pub lines: Vec<OrderLine>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<OrderEvent>,
}

/// One line of a delivery: an order line and the quantity in that line's unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeliverLine {
    pub line: i64,
    pub qty: Decimal,
}

impl DeliverLine {
    /// `N=QTY` (order line N, QTY in the line's unit).
    pub fn parse(text: &str, field: &str) -> Result<DeliverLine> {
        let (line, qty) =
            text.split_once('=').ok_or_else(|| Error::invalid(field, format!("`{text}`: expected LINE=QTY")))?;
        let line = line.trim().parse::<i64>().map_err(|_| Error::invalid(field, format!("`{line}` is not a line")))?;
        Ok(DeliverLine { line, qty: money::parse_decimal(qty, field)? })
    }
}

/// What a delivery did: the invoice it posted and the order after it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Delivery {
    pub order: Order,
    pub invoice: Document,
}

/// A line about to be written: resolved, priced, with its money.
struct NewLine {
    product: Product,
    unit: String,
    qty: Decimal,
    factor: i64,
    qty_base: i64,
    price: Decimal,
    overridden: bool,
    basis: Option<PriceBasis>,
    vat_rate: Decimal,
    amounts: LineAmounts,
}

// ---------------------------------------------------------------------------------------------
// Saving

fn clean(text: &Option<String>, field: &str, max: usize) -> Result<Option<String>> {
    match text.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) if t.chars().count() > max => Err(Error::invalid(field, format!("at most {max} characters"))),
        Some(t) => Ok(Some(t.to_string())),
    }
}

/// Resolve and price a draft's lines for a buyer at `at` (its own price, its tier's, the list).
fn price_draft(
    tx: &Connection,
    actor: &Actor,
    shop: &Shop,
    buyer: &BuyerAccount,
    d: &OrderDraft,
    at: Timestamp,
) -> Result<Vec<NewLine>> {
    if d.lines.is_empty() {
        return Err(Error::NoLines);
    }
    if d.lines.len() > crate::document::LINES_MAX {
        return Err(Error::TooManyLines { max: crate::document::LINES_MAX });
    }
    let mut out = vec![];
    for (i, l) in d.lines.iter().enumerate() {
        let field = format!("lines[{i}]");
        let r = crate::document::resolve_line(tx, &l.sku, &l.barcode, &l.unit, l.qty, &field, false)?;
        let (price, overridden, basis) = match l.price {
            Some(p) => {
                actor.require(Action::OverridePrice)?;
                (money::check_price(p, &format!("{field}.price"))?, true, PriceBasis::overridden())
            }
            None => {
                let (p, b) = crate::pricing::resolve(tx, buyer, &r.product, &r.unit, r.qty, at)?.ok_or_else(|| {
                    Error::NoPrice {
                        field: format!("{field}.unit"),
                        sku: r.product.sku.clone(),
                        unit: r.unit.clone(),
                        list: "wholesale".into(),
                    }
                })?;
                (p, false, b)
            }
        };
        let vat_rate = r.product.vat_rate_pct;
        let amounts = money::line_amounts(r.qty, price, vat_rate, false, shop.minor_units, &format!("{field}.qty"))?;
        out.push(NewLine {
            product: r.product,
            unit: r.unit,
            qty: r.qty,
            factor: r.factor,
            qty_base: r.qty_base,
            price,
            overridden,
            basis: Some(basis),
            vat_rate,
            amounts,
        });
    }
    Ok(out)
}

/// An order may reserve only what every other order leaves of the stock on hand.
fn check_reservable(tx: &Connection, shop: &Shop, lines: &[NewLine]) -> Result<()> {
    let mut order: Vec<&Product> = vec![];
    let mut totals: HashMap<&str, i64> = HashMap::new();
    for l in lines {
        let t = totals.entry(l.product.id.as_str()).or_insert_with(|| {
            order.push(&l.product);
            0
        });
        *t += l.qty_base;
    }
    for p in order {
        let on_hand = crate::stock::balance(tx, &p.id)?;
        let reserved = crate::stock::reserved_by_orders(tx, &p.id)?;
        crate::stock::check_take(p, shop, on_hand, reserved, totals[p.id.as_str()], Channel::Wholesale, false)?;
    }
    Ok(())
}

fn today(shop: &Shop, now: Timestamp) -> NaiveDate {
    crate::time::local_date(now, shop.tz)
}

fn parse_valid_until(text: &Option<String>, shop: &Shop, now: Timestamp) -> Result<String> {
    let today = today(shop, now);
    let day = match text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        None => today + chrono::Duration::days(QUOTE_VALID_DAYS),
        Some(t) => {
            let d = NaiveDate::parse_from_str(t, "%Y-%m-%d")
                .map_err(|_| Error::invalid("valid_until", format!("`{t}` is not a date (YYYY-MM-DD)")))?;
            if d < today {
                return Err(Error::invalid("valid_until", format!("{t} is already past")));
            }
            d
        }
    };
    Ok(day.format("%Y-%m-%d").to_string())
}

/// Write a quote or an order with its lines and the next number of its series; returns its id.
#[allow(clippy::too_many_arguments)]
fn insert(
    tx: &Transaction,
    device: &Device,
    actor: &Actor,
    kind: &str,
    buyer: &BuyerAccount,
    lines: &[NewLine],
    quote_id: Option<&str>,
    valid_until: Option<String>,
    note: Option<String>,
    at: Timestamp,
) -> Result<String> {
    let series = format!("{}-{}", if kind == "quote" { "Q" } else { "O" }, device.series_prefix);
    let number: i64 = tx
        .prepare_cached(
            "INSERT INTO series (series, last_number) VALUES (?1, 1)
             ON CONFLICT (series) DO UPDATE SET last_number = last_number + 1 RETURNING last_number",
        )?
        .query_row([&series], |r| r.get(0))?;
    let doc_no = format!("{series}-{number:06}");
    let id = crate::ids::new_id();
    let totals = lines.iter().fold(LineAmounts::default(), |t, l| t.plus(l.amounts));
    tx.prepare_cached(
        "INSERT INTO orders (id, kind, series, number, doc_no, customer_id, quote_id, valid_until, note, created_at,
                             user_id, device_id, net_minor, vat_minor, gross_minor)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?
    .execute(params![
        id,
        kind,
        series,
        number,
        doc_no,
        buyer.id,
        quote_id,
        valid_until,
        note,
        at.to_db(),
        actor.user_id,
        device.device_id,
        totals.net_minor,
        totals.vat_minor,
        totals.gross_minor
    ])?;
    for (i, l) in lines.iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO order_lines (order_id, line_no, kind, product_id, unit, qty, factor_to_base, qty_base,
                                      unit_price, price_overridden, price_basis, vat_rate, net_minor, vat_minor,
                                      gross_minor)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )?
        .execute(params![
            id,
            i as i64 + 1,
            kind,
            l.product.id,
            l.unit,
            l.qty.normalize().to_string(),
            l.factor,
            l.qty_base,
            l.price.normalize().to_string(),
            l.overridden as i64,
            l.basis.as_ref().map(|b| b.to_db()),
            l.vat_rate.normalize().to_string(),
            l.amounts.net_minor,
            l.amounts.vat_minor,
            l.amounts.gross_minor
        ])?;
    }
    Ok(id)
}

fn require_kind(o: &Order, expected: &str, field: &str) -> Result<()> {
    if o.kind != expected {
        return Err(Error::WrongDocumentKind {
            field: field.into(),
            doc_no: o.doc_no.clone(),
            found: o.kind.clone(),
            expected: expected.into(),
        });
    }
    Ok(())
}

/// Save a quote (reserves nothing) or place an order (reserves its lines), from a draft.
pub(crate) fn save(
    conn: &mut Connection,
    actor: &Actor,
    draft: &OrderDraft,
    kind: &str,
    now: Timestamp,
) -> Result<Order> {
    actor.require(Action::ManageOrders)?;
    let shop = crate::shop::load(conn)?;
    let device = crate::shop::device(conn)?;
    let tx = crate::db::write_tx(conn)?;
    let buyer = crate::buyers::account(&tx, &shop, &draft.buyer)?;
    let lines = price_draft(&tx, actor, &shop, &buyer, draft, now)?;
    let note = clean(&draft.note, "note", 500)?;
    let valid_until = if kind == "quote" { Some(parse_valid_until(&draft.valid_until, &shop, now)?) } else { None };
    if kind == "order" {
        check_reservable(&tx, &shop, &lines)?;
    }
    let id = insert(&tx, &device, actor, kind, &buyer, &lines, None, valid_until, note, now)?;
    crate::sync::log_record(&tx, "order", &id, now)?;
    let order = load_by_id(&tx, &shop, &id, now)?;
    tx.commit()?;
    Ok(order)
}

/// Place an order straight from a buyer's order sheet (the bulk upload's CSV): every bad line is
/// listed and nothing is placed, as `order upload` does.
pub(crate) fn place_upload(
    conn: &mut Connection,
    actor: &Actor,
    buyer: &str,
    source: impl Read,
    now: Timestamp,
) -> Result<Order> {
    actor.require(Action::ManageOrders)?;
    let shop = crate::shop::load(conn)?;
    let upload = crate::orders::upload(conn, actor, &shop, buyer, source, actor.locale, now)?;
    let DocumentDraft::Invoice(inv) = upload.draft else {
        return Err(Error::invalid("file", "the order sheet did not give an order"));
    };
    let draft = OrderDraft {
        kind: Some("order".into()),
        buyer: inv.buyer,
        lines: inv.lines,
        valid_until: None,
        note: inv.note,
        date: None,
        override_reason: None,
    };
    save(conn, actor, &draft, "order", now)
}

/// Accept a quote: an order with the quote's lines at the quote's prices, reserving its stock.
pub(crate) fn accept(conn: &mut Connection, actor: &Actor, quote_no: &str, now: Timestamp) -> Result<Order> {
    actor.require(Action::ManageOrders)?;
    let shop = crate::shop::load(conn)?;
    let device = crate::shop::device(conn)?;
    let tx = crate::db::write_tx(conn)?;
    let quote = load(&tx, &shop, quote_no, "quote", now)?;
    require_kind(&quote, "quote", "quote")?;
    if let Some(order) = &quote.order {
        return Err(Error::QuoteAlreadyAccepted { doc_no: quote.doc_no.clone(), order: order.clone() });
    }
    if quote.status == "expired" {
        return Err(Error::QuoteExpired {
            field: "quote".into(),
            doc_no: quote.doc_no.clone(),
            valid_until: quote.valid_until.clone().unwrap_or_default(),
        });
    }
    let buyer = crate::buyers::account(&tx, &shop, &quote.buyer)?;
    let mut lines = vec![];
    for (i, l) in quote.lines.iter().enumerate() {
        let field = format!("lines[{i}]");
        let product = crate::catalog::product_by_id(&tx, &l.product_id)?;
        let qty = decimal(&l.qty);
        let price = decimal(&l.unit_price);
        let vat_rate = decimal(&l.vat_rate_pct);
        let amounts = money::line_amounts(qty, price, vat_rate, false, shop.minor_units, &format!("{field}.qty"))?;
        lines.push(NewLine {
            product,
            unit: l.unit.clone(),
            qty,
            factor: l.factor_to_base,
            qty_base: l.qty_base,
            price,
            overridden: l.price_overridden,
            basis: l.price_basis.clone(),
            vat_rate,
            amounts,
        });
    }
    check_reservable(&tx, &shop, &lines)?;
    let id = insert(&tx, &device, actor, "order", &buyer, &lines, Some(&quote.id), None, quote.note.clone(), now)?;
    crate::sync::log_record(&tx, "order", &id, now)?;
    let order = load_by_id(&tx, &shop, &id, now)?;
    tx.commit()?;
    Ok(order)
}

fn decimal(text: &str) -> Decimal {
    Decimal::from_str_exact(text).unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Delivering and cancelling

#[allow(clippy::too_many_arguments)]
fn insert_event(
    tx: &Transaction,
    device: &Device,
    actor: &Actor,
    order: &Order,
    kind: &str,
    document_id: Option<&str>,
    reason: Option<&str>,
    released: &[(i64, i64)],
    at: &str,
) -> Result<String> {
    let id = crate::ids::new_id();
    tx.prepare_cached(
        "INSERT INTO order_events (id, order_id, kind, document_id, reason, occurred_at, user_id, device_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![id, order.id, kind, document_id, reason, at, actor.user_id, device.device_id])?;
    for (line, qty_base) in released {
        let product_id = &order.lines.iter().find(|l| l.line == *line).expect("order line").product_id;
        tx.prepare_cached(
            "INSERT INTO order_event_lines (event_id, line_no, product_id, qty_base) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![id, line, product_id, qty_base])?;
    }
    Ok(id)
}

fn require_open(o: &Order) -> Result<()> {
    if o.status != "open" {
        return Err(Error::OrderClosed { doc_no: o.doc_no.clone(), status: o.status.clone() });
    }
    Ok(())
}

/// Deliver an open order: a wholesale invoice of the chosen lines (in each line's unit; none given:
/// everything left) at the order's prices, and the same base units released from the order, in
/// one transaction. More than is left of a line is refused and nothing is written.
pub(crate) fn deliver(
    conn: &mut Connection,
    actor: &Actor,
    order_no: &str,
    lines: &[DeliverLine],
    options: &PostOptions,
    now: Timestamp,
) -> Result<Delivery> {
    actor.require(Action::DeliverOrder)?;
    actor.require(Action::Invoice)?;
    let shop = crate::shop::load(conn)?;
    let device = crate::shop::device(conn)?;
    let tx = crate::db::write_tx(conn)?;
    let order = load(&tx, &shop, order_no, "order", now)?;
    require_kind(&order, "order", "order")?;
    require_open(&order)?;
    // (order line index, base units) in the order asked, one entry per order line.
    let mut picks: Vec<(usize, i64)> = vec![];
    if lines.is_empty() {
        picks =
            order.lines.iter().enumerate().filter(|(_, l)| l.remaining > 0).map(|(i, l)| (i, l.remaining)).collect();
    }
    for (i, d) in lines.iter().enumerate() {
        let field = format!("lines[{i}]");
        let idx = order.lines.iter().position(|l| l.line == d.line).ok_or_else(|| Error::UnknownLine {
            field: format!("{field}.line"),
            doc_no: order.doc_no.clone(),
            line: d.line,
        })?;
        let l = &order.lines[idx];
        let qty_base = crate::units::to_base(d.qty, &l.unit, l.factor_to_base, &l.base_unit, &format!("{field}.qty"))?;
        let before = picks.iter().filter(|(k, _)| *k == idx).map(|(_, q)| q).sum::<i64>();
        if before + qty_base > l.remaining {
            return Err(Error::OverDelivery {
                field: format!("{field}.qty"),
                doc_no: order.doc_no.clone(),
                line: l.line,
                sku: l.sku.clone(),
                ordered: l.qty_base,
                delivered: l.delivered + l.cancelled + before,
                requested: qty_base,
            });
        }
        match picks.iter_mut().find(|(k, _)| *k == idx) {
            Some(p) => p.1 += qty_base,
            None => picks.push((idx, qty_base)),
        }
    }
    let mut own: HashMap<String, i64> = HashMap::new();
    for l in &order.lines {
        *own.entry(l.product_id.clone()).or_insert(0) += l.remaining;
    }
    let mut sale_lines = vec![];
    let mut prices = vec![];
    for (idx, qty_base) in &picks {
        let l = &order.lines[*idx];
        let qty = (Decimal::from(*qty_base) / Decimal::from(l.factor_to_base)).normalize();
        sale_lines.push(SaleLine {
            sku: Some(l.sku.clone()),
            barcode: None,
            qty,
            unit: Some(l.unit.clone()),
            price: None,
        });
        prices.push((decimal(&l.unit_price), l.price_basis.clone(), l.price_overridden));
    }
    let draft = DocumentDraft::Invoice(InvoiceDraft {
        date: None,
        buyer: order.buyer.clone(),
        lines: sale_lines,
        override_reason: None,
        note: Some(order.doc_no.clone()),
    });
    let delivery = OrderDelivery { prices, own };
    let doc_id = crate::document::post_in(&tx, &shop, &device, actor, &draft, options, Some(&delivery), now, true)?;
    let at: String = tx.query_row("SELECT occurred_at FROM documents WHERE id = ?1", [&doc_id], |r| r.get(0))?;
    let released: Vec<(i64, i64)> = picks.iter().map(|(idx, q)| (order.lines[*idx].line, *q)).collect();
    let event = insert_event(&tx, &device, actor, &order, "delivered", Some(&doc_id), None, &released, &at)?;
    crate::sync::log_record(&tx, "order_event", &event, now)?;
    let invoice = crate::document::load_by_id(&tx, &shop, &doc_id)?;
    let order = load_by_id(&tx, &shop, &order.id, now)?;
    tx.commit()?;
    Ok(Delivery { order, invoice })
}

/// Cancel what is left of an open order, with the reason; its reservation is released.
pub(crate) fn cancel(
    conn: &mut Connection,
    actor: &Actor,
    order_no: &str,
    reason: &str,
    now: Timestamp,
) -> Result<Order> {
    actor.require(Action::ManageOrders)?;
    let reason = clean(&Some(reason.to_string()), "reason", 500)?
        .ok_or_else(|| Error::invalid("reason", "say why the order is cancelled"))?;
    let shop = crate::shop::load(conn)?;
    let device = crate::shop::device(conn)?;
    let tx = crate::db::write_tx(conn)?;
    let order = load(&tx, &shop, order_no, "order", now)?;
    require_kind(&order, "order", "order")?;
    require_open(&order)?;
    let released: Vec<(i64, i64)> =
        order.lines.iter().filter(|l| l.remaining > 0).map(|l| (l.line, l.remaining)).collect();
    let event = insert_event(&tx, &device, actor, &order, "cancelled", None, Some(&reason), &released, &now.to_db())?;
    crate::sync::log_record(&tx, "order_event", &event, now)?;
    let order = load_by_id(&tx, &shop, &order.id, now)?;
    tx.commit()?;
    Ok(order)
}

// ---------------------------------------------------------------------------------------------
// Reading

/// A quote or order by number (`field` names the input in an unknown-number refusal).
pub(crate) fn load(conn: &Connection, shop: &Shop, doc_no: &str, field: &str, now: Timestamp) -> Result<Order> {
    let id: Option<String> = conn
        .prepare_cached("SELECT id FROM orders WHERE doc_no = ?1")?
        .query_row([doc_no.trim()], |r| r.get(0))
        .optional()?;
    let id = id.ok_or_else(|| Error::UnknownDocument { field: field.into(), doc_no: doc_no.trim().into() })?;
    load_by_id(conn, shop, &id, now)
}

fn load_by_id(conn: &Connection, shop: &Shop, id: &str, now: Timestamp) -> Result<Order> {
    let m = |v: i64| money::minor_str(v, shop.minor_units);
    let mut o = conn.query_row(
        "SELECT o.id, o.doc_no, o.kind, c.code, c.name, o.created_at, u.username, o.valid_until, q.doc_no,
                (SELECT a.doc_no FROM orders a WHERE a.quote_id = o.id), o.note, o.net_minor, o.vat_minor,
                o.gross_minor
         FROM orders o JOIN customers c ON c.id = o.customer_id JOIN users u ON u.id = o.user_id
         LEFT JOIN orders q ON q.id = o.quote_id WHERE o.id = ?1",
        [id],
        |r| {
            Ok(Order {
                id: r.get(0)?,
                doc_no: r.get(1)?,
                kind: r.get(2)?,
                status: String::new(),
                buyer: r.get(3)?,
                buyer_name: r.get(4)?,
                created_at: r.get(5)?,
                user: r.get(6)?,
                valid_until: r.get(7)?,
                quote: r.get(8)?,
                order: r.get(9)?,
                note: r.get(10)?,
                currency: shop.currency.clone(),
                net: m(r.get(11)?),
                vat: m(r.get(12)?),
                gross: m(r.get(13)?),
                reserved: 0,
                lines: vec![],
                events: vec![],
            })
        },
    )?;
    let mut st = conn.prepare_cached(
        "SELECT l.line_no, p.sku, p.name, l.unit, l.qty, l.factor_to_base, p.base_unit, l.qty_base, l.unit_price,
                l.price_overridden, l.price_basis, l.vat_rate, l.net_minor, l.vat_minor, l.gross_minor, l.product_id
         FROM order_lines l JOIN products p ON p.id = l.product_id WHERE l.order_id = ?1 ORDER BY l.line_no",
    )?;
    let lines = st.query_map([id], |r| {
        Ok(OrderLine {
            line: r.get(0)?,
            sku: r.get(1)?,
            name: r.get(2)?,
            unit: r.get(3)?,
            qty: r.get(4)?,
            factor_to_base: r.get(5)?,
            base_unit: r.get(6)?,
            qty_base: r.get(7)?,
            unit_price: r.get(8)?,
            price_overridden: r.get::<_, i64>(9)? != 0,
            price_basis: r.get::<_, Option<String>>(10)?.as_deref().and_then(PriceBasis::from_db),
            vat_rate_pct: r.get(11)?,
            net: m(r.get(12)?),
            vat: m(r.get(13)?),
            gross: m(r.get(14)?),
            delivered: 0,
            cancelled: 0,
            remaining: 0,
            product_id: r.get(15)?,
        })
    })?;
    o.lines = lines.collect::<rusqlite::Result<_>>()?;
    let mut st = conn.prepare_cached(
        "SELECT e.id, e.kind, e.occurred_at, u.username, d.doc_no, e.reason
         FROM order_events e JOIN users u ON u.id = e.user_id LEFT JOIN documents d ON d.id = e.document_id
         WHERE e.order_id = ?1 ORDER BY e.occurred_at, e.rowid",
    )?;
    let events = st.query_map([id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            OrderEvent {
                kind: r.get(1)?,
                at: r.get(2)?,
                user: r.get(3)?,
                invoice: r.get(4)?,
                reason: r.get(5)?,
                lines: vec![],
            },
        ))
    })?;
    let events = events.collect::<rusqlite::Result<Vec<_>>>()?;
    let mut st =
        conn.prepare_cached("SELECT line_no, qty_base FROM order_event_lines WHERE event_id = ?1 ORDER BY line_no")?;
    for (event_id, mut e) in events {
        let lines = st.query_map([&event_id], |r| Ok(EventLine { line: r.get(0)?, qty_base: r.get(1)? }))?;
        e.lines = lines.collect::<rusqlite::Result<_>>()?;
        for el in &e.lines {
            if let Some(l) = o.lines.iter_mut().find(|l| l.line == el.line) {
                if e.kind == "delivered" {
                    l.delivered += el.qty_base;
                } else {
                    l.cancelled += el.qty_base;
                }
            }
        }
        o.events.push(e);
    }
    for l in &mut o.lines {
        l.remaining = l.qty_base - l.delivered - l.cancelled;
    }
    let left: i64 = o.lines.iter().map(|l| l.remaining).sum();
    o.status = if o.kind == "quote" {
        let expired = o
            .valid_until
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .is_some_and(|d| d < today(shop, now));
        if o.order.is_some() {
            "accepted"
        } else if expired {
            "expired"
        } else {
            "quoted"
        }
    } else if left > 0 {
        o.reserved = left;
        "open"
    } else if o.events.iter().any(|e| e.kind == "cancelled") {
        "cancelled"
    } else {
        "delivered"
    }
    .to_string();
    Ok(o)
}

/// Quotes and orders, newest first: only open orders with `open_only`, only one buyer's with `buyer`.
pub(crate) fn list(
    conn: &Connection,
    shop: &Shop,
    open_only: bool,
    buyer: Option<&str>,
    now: Timestamp,
) -> Result<Vec<Order>> {
    let customer_id = match buyer {
        Some(code) => Some(crate::buyers::account(conn, shop, code)?.id),
        None => None,
    };
    let mut st = conn.prepare(
        "SELECT id FROM orders WHERE (?1 IS NULL OR customer_id = ?1) AND (?2 = 0 OR kind = 'order')
         ORDER BY created_at DESC, rowid DESC",
    )?;
    let ids = st
        .query_map(params![customer_id, open_only as i64], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = vec![];
    for id in ids {
        let o = load_by_id(conn, shop, &id, now)?;
        if !open_only || o.status == "open" {
            out.push(o);
        }
    }
    Ok(out)
}
