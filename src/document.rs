//! Documents: retail sale, wholesale invoice, retail return, wholesale return (credit note),
//! goods receipt and stock count. Each is committed in one transaction with its lines, movements,
//! balances and gapless number, or not at all, and is never edited afterwards.
//!
//! Checks run in a fixed order, so the same input always meets the same refusal:
//! permission, date, line count, each line in order (product, unit, quantity, price), stock per
//! product in order of first appearance, then payment.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use rust_decimal::prelude::*;
use serde::{Deserialize, Deserializer, Serialize};

use crate::catalog::{Catalog, CatalogCache, Product};
use crate::db::CachedRow;
use crate::error::{Error, Result};
use crate::money::{self, LineAmounts};
use crate::people::{Action, Actor};
use crate::shop::{Device, Shop};
use crate::stock::{self, Channel, Costing, MovementKind, NewMovement};
use crate::time::Timestamp;

/// Most lines one document may have.
pub const LINES_MAX: usize = 1000;
/// Most documents one `post` file may hold.
pub const DRAFTS_MAX: usize = 100_000;

/// The kinds of document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Sale,
    Invoice,
    RetailReturn,
    WholesaleReturn,
    Receipt,
    Count,
    Transfer,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Sale => "sale",
            Kind::Invoice => "invoice",
            Kind::RetailReturn => "retail_return",
            Kind::WholesaleReturn => "wholesale_return",
            Kind::Receipt => "receipt",
            Kind::Count => "count",
            Kind::Transfer => "transfer",
        }
    }

    pub fn parse(text: &str) -> Option<Kind> {
        Some(match text {
            "sale" => Kind::Sale,
            "invoice" => Kind::Invoice,
            "retail_return" => Kind::RetailReturn,
            "wholesale_return" => Kind::WholesaleReturn,
            "receipt" => Kind::Receipt,
            "count" => Kind::Count,
            "transfer" => Kind::Transfer,
            _ => return None,
        })
    }

    /// The letters in front of the document number.
    fn series_code(self) -> &'static str {
        match self {
            Kind::Sale => "S",
            Kind::Invoice => "INV",
            Kind::RetailReturn => "RR",
            Kind::WholesaleReturn => "CN",
            Kind::Receipt => "GR",
            Kind::Count => "SC",
            Kind::Transfer => "TR",
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Drafts: what a person, a file or the app asks to record.

pub(crate) fn de_decimal<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Decimal, D::Error> {
    use serde::de::Error as _;
    match serde_json::Value::deserialize(d)? {
        // With serde_json's arbitrary_precision the number keeps its exact text.
        serde_json::Value::Number(n) => decimal_text(&n.to_string()).map_err(D::Error::custom),
        serde_json::Value::String(s) => decimal_text(&s).map_err(D::Error::custom),
        other => Err(D::Error::custom(format!("expected a number, found {}", json_type(&other)))),
    }
}

fn de_opt_decimal<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<Decimal>, D::Error> {
    use serde::de::Error as _;
    match serde_json::Value::deserialize(d)? {
        serde_json::Value::Null => Ok(None),
        serde_json::Value::Number(n) => decimal_text(&n.to_string()).map(Some).map_err(D::Error::custom),
        serde_json::Value::String(s) => decimal_text(&s).map(Some).map_err(D::Error::custom),
        other => Err(D::Error::custom(format!("expected a number, found {}", json_type(&other)))),
    }
}

fn decimal_text(text: &str) -> std::result::Result<Decimal, String> {
    let t = text.trim();
    if money::looks_exponential(t) {
        // 1e3 is a valid JSON number, but nobody scans 1e3 cartons: ask for the plain form.
        return Decimal::from_scientific(t).map_err(|_| format!("{t} is not a number this book can hold")).and_then(
            |d| if d.abs() > Decimal::from(1_000_000_000_000i64) { Err(format!("{t} is too large")) } else { Ok(d) },
        );
    }
    Decimal::from_str_exact(t).map_err(|_| {
        if t.trim_start_matches('-').chars().all(|c| c.is_ascii_digit() || c == '.') && !t.is_empty() {
            format!("{t} is too large")
        } else {
            format!("`{t}` is not a number")
        }
    })
}

fn json_type(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "true/false",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "text",
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::Object(_) => "an object",
    }
}

/// A line that sells: by SKU or barcode, in any of the product's units.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaleLine {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub barcode: Option<String>,
    #[serde(deserialize_with = "de_decimal")]
    pub qty: Decimal,
    /// Defaults to the barcode's unit, or the base unit for a SKU.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// A price override per unit (needs the owner's permission).
    #[serde(default, deserialize_with = "de_opt_decimal", skip_serializing_if = "Option::is_none")]
    pub price: Option<Decimal>,
}

/// A line of a goods receipt: what arrived and what it cost per unit entered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReceiptLine {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub barcode: Option<String>,
    #[serde(deserialize_with = "de_decimal")]
    pub qty: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(deserialize_with = "de_decimal")]
    pub unit_cost: Decimal,
}

/// A line of a stock count: what is on the shelf (zero is a valid count).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountLine {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub barcode: Option<String>,
    #[serde(deserialize_with = "de_decimal")]
    pub qty: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// A line of a return: the line of the referenced document (by number, or by product).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReturnLine {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub barcode: Option<String>,
    #[serde(deserialize_with = "de_decimal")]
    pub qty: Decimal,
    /// Defaults to the unit of the returned line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaymentDraft {
    pub method: String,
    /// In `currency` when given (cash only; converted at the day's rate), else the shop's.
    #[serde(deserialize_with = "de_decimal")]
    pub amount: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaleDraft {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub lines: Vec<SaleLine>,
    /// Defaults to exact cash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payments: Option<Vec<PaymentDraft>>,
    /// The owner lets this document take stock below its floor; the reason is recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub override_reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvoiceDraft {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub buyer: String,
    pub lines: Vec<SaleLine>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub override_reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetailReturnDraft {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The ticket number printed on the receipt (`S-A-000123`).
    pub ticket: String,
    /// Back on the shelf (default), or written off as damaged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restock: Option<bool>,
    pub lines: Vec<ReturnLine>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WholesaleReturnDraft {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The invoice number (`INV-A-000042`).
    pub invoice: String,
    /// Waits as "to receive" until the warehouse confirms it (default), or written off at once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restock: Option<bool>,
    pub lines: Vec<ReturnLine>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReceiveReturnDraft {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The credit note waiting to be received (`CN-A-000003`).
    #[serde(rename = "return")]
    pub return_no: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReceiptDraft {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplier: Option<String>,
    pub lines: Vec<ReceiptLine>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountDraft {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub lines: Vec<CountLine>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Anything that can be posted.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DocumentDraft {
    Sale(SaleDraft),
    Invoice(InvoiceDraft),
    RetailReturn(RetailReturnDraft),
    WholesaleReturn(WholesaleReturnDraft),
    ReceiveReturn(ReceiveReturnDraft),
    Receipt(ReceiptDraft),
    Count(CountDraft),
    /// Stock moved between locations (crate::transfer).
    Transfer(crate::transfer::TransferDraft),
    /// A goods receipt into a location other than main: a `receipt` with `"location"`.
    #[serde(rename = "receipt")]
    ReceiptAt(crate::transfer::LocatedReceipt),
}

const DRAFT_KINDS: &str = "sale, invoice, retail_return, wholesale_return, receive_return, receipt, count, transfer";

impl DocumentDraft {
    /// Read one draft from a JSON value, naming the field at fault (`lines[2].qty`).
    pub fn from_value(mut value: serde_json::Value) -> Result<DocumentDraft> {
        let found = json_type(&value);
        let obj = value
            .as_object_mut()
            .ok_or_else(|| Error::invalid("document", format!("a document is a JSON object, found {found}")))?;
        let kind = match obj.remove("kind") {
            Some(serde_json::Value::String(k)) => k,
            Some(other) => return Err(Error::invalid("kind", format!("expected text, found {}", json_type(&other)))),
            None => return Err(Error::invalid("kind", format!("missing; one of {DRAFT_KINDS}"))),
        };
        lines_by_code(obj)?;
        // A receipt may name the location it brings stock into (default main).
        let location = if kind == "receipt" { obj.remove("location") } else { None };
        fn parse<T: serde::de::DeserializeOwned>(v: serde_json::Value) -> Result<T> {
            serde_path_to_error::deserialize(v).map_err(|e| {
                let path = e.path().to_string();
                let reason = e.into_inner().to_string();
                // A missing field is reported at its parent: name the field itself.
                let missing = reason.strip_prefix("missing field `").and_then(|r| r.split('`').next());
                let field = match (path.as_str(), missing) {
                    (".", Some(m)) => m.to_string(),
                    (".", None) => "document".to_string(),
                    (p, Some(m)) => format!("{p}.{m}"),
                    (p, None) => p.to_string(),
                };
                Error::invalid(field, reason)
            })
        }
        Ok(match kind.as_str() {
            "sale" => DocumentDraft::Sale(parse(value)?),
            "invoice" => DocumentDraft::Invoice(parse(value)?),
            "retail_return" => DocumentDraft::RetailReturn(parse(value)?),
            "wholesale_return" => DocumentDraft::WholesaleReturn(parse(value)?),
            "receive_return" => DocumentDraft::ReceiveReturn(parse(value)?),
            "receipt" => match location {
                None => DocumentDraft::Receipt(parse(value)?),
                Some(serde_json::Value::String(location)) => {
                    DocumentDraft::ReceiptAt(crate::transfer::LocatedReceipt { location, receipt: parse(value)? })
                }
                Some(other) => {
                    return Err(Error::invalid("location", format!("expected text, found {}", json_type(&other))))
                }
            },
            "count" => DocumentDraft::Count(parse(value)?),
            "transfer" => DocumentDraft::Transfer(parse(value)?),
            other => return Err(Error::invalid("kind", format!("`{other}` is not one of {DRAFT_KINDS}"))),
        })
    }

    /// Read one draft from JSON text.
    pub fn from_json(text: &str) -> Result<DocumentDraft> {
        DocumentDraft::from_value(parse_json(text)?)
    }

    /// The draft as JSON (the format `post` reads).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("drafts serialize")
    }
}

/// A line may name its product by `code`, what was scanned or typed, whichever it is: 8 to 14
/// digits are a barcode (the unit it stands for, check digit verified), anything else a SKU. The
/// till and the counter pass the code on as it came, without knowing which it is.
fn lines_by_code(obj: &mut serde_json::Map<String, serde_json::Value>) -> Result<()> {
    let Some(serde_json::Value::Array(lines)) = obj.get_mut("lines") else { return Ok(()) };
    for (i, line) in lines.iter_mut().enumerate() {
        let Some(line) = line.as_object_mut() else { continue };
        let Some(code) = line.remove("code") else { continue };
        let field = format!("lines[{i}].code");
        let serde_json::Value::String(code) = code else {
            return Err(Error::invalid(field, format!("expected text, found {}", json_type(&code))));
        };
        if line.contains_key("sku") || line.contains_key("barcode") || line.contains_key("line") {
            return Err(Error::invalid(field, "give code, sku or barcode, only one"));
        }
        let key = if crate::barcode::looks_like_barcode(&code) { "barcode" } else { "sku" };
        line.insert(key.into(), serde_json::Value::String(code.trim().to_string()));
    }
    Ok(())
}

/// Parse JSON text, with the line and column of a syntax error.
pub fn parse_json(text: &str) -> Result<serde_json::Value> {
    serde_json::from_str(text)
        .map_err(|e| Error::invalid(format!("line {} column {}", e.line(), e.column()), format!("not valid JSON: {e}")))
}

/// Read a `post` file: one document, or a list of them. Each element is parsed on its own, so
/// one bad document is reported in its place without hiding the others.
pub fn drafts_from_json(text: &str) -> Result<Vec<Result<DocumentDraft>>> {
    match parse_json(text)? {
        serde_json::Value::Array(items) => {
            if items.len() > DRAFTS_MAX {
                return Err(Error::invalid("file", format!("at most {DRAFTS_MAX} documents per file")));
            }
            Ok(items
                .into_iter()
                .enumerate()
                .map(|(i, v)| DocumentDraft::from_value(v).map_err(|e| e.in_field(&format!("[{i}]"))))
                .collect())
        }
        other => Ok(vec![DocumentDraft::from_value(other)]),
    }
}

// ---------------------------------------------------------------------------------------------
// Posting

struct Ctx<'a, 'c> {
    tx: &'a Transaction<'c>,
    shop: &'a Shop,
    device: &'a Device,
    actor: &'a Actor,
    at: Timestamp,
    options: &'a PostOptions,
    /// The open order an invoice delivers (crate::open_orders), when it delivers one.
    delivery: Option<&'a OrderDelivery>,
    /// The catalog in memory, current in this transaction (else codes and prices are read in SQL).
    catalog: Option<&'a Catalog>,
    /// A sale written out from the journal: the id and number it was acknowledged with.
    reserved: Option<&'a Reserved>,
}

/// What an invoice that delivers an open order brings with it: each line's agreed price (and
/// why), and the base units per product the order itself still reserves, which this invoice may
/// take while every other sale and invoice may not.
pub(crate) struct OrderDelivery {
    /// Per line of the invoice draft: price, its basis, whether the owner typed it.
    pub(crate) prices: Vec<(Decimal, Option<crate::pricing::PriceBasis>, bool)>,
    /// Product id -> base units of the order's own reservation.
    pub(crate) own: HashMap<String, i64>,
}

/// What the owner decides at posting time, beside the draft itself.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PostOptions {
    /// Issue an invoice the credit check refuses (over the limit, or the buyer has overdue
    /// invoices); owner only. The reason and the figures are recorded with the invoice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_override_reason: Option<String>,
}

impl Ctx<'_, '_> {
    /// One movement of this document, at its time and by its user.
    fn move_stock(
        &self,
        product: &Product,
        qty_base: i64,
        kind: MovementKind,
        document_id: &str,
        line_no: i64,
        costing: Costing,
    ) -> Result<i64> {
        let m = NewMovement {
            product,
            qty_base,
            kind,
            document_id,
            line_no,
            costing,
            at: self.at,
            user_id: &self.actor.user_id,
        };
        stock::apply(self.tx, self.device, m)
    }

    /// [`Ctx::move_stock`] at a location other than main (a receipt into the warehouse).
    fn move_stock_at(
        &self,
        product: &Product,
        qty_base: i64,
        kind: MovementKind,
        (document_id, line_no): (&str, i64),
        costing: Costing,
        location: &str,
    ) -> Result<i64> {
        let m = NewMovement {
            product,
            qty_base,
            kind,
            document_id,
            line_no,
            costing,
            at: self.at,
            user_id: &self.actor.user_id,
        };
        stock::apply_at(self.tx, self.device, m, location)
    }
}

/// A line resolved to a product, a unit and whole base units.
pub(crate) struct Resolved {
    pub(crate) product: Product,
    pub(crate) unit: String,
    pub(crate) qty: Decimal,
    pub(crate) factor: i64,
    pub(crate) qty_base: i64,
}

pub(crate) fn resolve_line(
    conn: &Connection,
    sku: &Option<String>,
    barcode: &Option<String>,
    unit: &Option<String>,
    qty: Decimal,
    field: &str,
    allow_zero: bool,
) -> Result<Resolved> {
    resolve_line_in(None, conn, sku, barcode, unit, qty, field, allow_zero)
}

/// [`resolve_line`], through the catalog in memory when the caller holds it current.
#[allow(clippy::too_many_arguments)]
pub(crate) fn resolve_line_in(
    catalog: Option<&Catalog>,
    conn: &Connection,
    sku: &Option<String>,
    barcode: &Option<String>,
    unit: &Option<String>,
    qty: Decimal,
    field: &str,
    allow_zero: bool,
) -> Result<Resolved> {
    let (product, scanned_unit) = match (sku, barcode) {
        (Some(_), Some(_)) => return Err(Error::invalid(field, "give sku or barcode, not both")),
        (None, None) => return Err(Error::invalid(field, "sku or barcode is required")),
        (Some(sku), None) => {
            let found = match catalog {
                Some(c) => c.by_sku(sku.trim()).map(|e| e.product.clone()),
                None => crate::catalog::product_by_sku(conn, sku.trim())?,
            };
            let p = found.ok_or_else(|| Error::UnknownProduct { field: format!("{field}.sku"), sku: sku.clone() })?;
            let u = p.base_unit.clone();
            (p, u)
        }
        (None, Some(code)) => {
            let f = format!("{field}.barcode");
            let code = crate::barcode::validate(code, &f)?;
            let found = match catalog {
                Some(c) => c.by_barcode(&code).map(|(e, u)| (e.product.clone(), u.to_string())),
                None => crate::catalog::product_by_barcode(conn, &code)?,
            };
            found.ok_or(Error::UnknownBarcode { field: f, code })?
        }
    };
    let unit = unit.as_deref().map(crate::units::normalize_unit).unwrap_or(scanned_unit);
    let factor = match catalog.and_then(|c| c.by_id(&product.id)) {
        Some(e) => e.factor(&unit),
        None => crate::catalog::unit_factor(conn, &product.id, &unit)?,
    };
    let factor = factor.ok_or_else(|| Error::UnknownUnit {
        field: format!("{field}.unit"),
        sku: product.sku.clone(),
        unit: unit.clone(),
    })?;
    let qf = format!("{field}.qty");
    let qty_base = if allow_zero {
        crate::units::to_base_allow_zero(qty, &unit, factor, &product.base_unit, &qf)?
    } else {
        crate::units::to_base(qty, &unit, factor, &product.base_unit, &qf)?
    };
    Ok(Resolved { product, unit, qty: qty.normalize(), factor, qty_base })
}

/// The instant a document is dated: as given (not before the last document, not in the future),
/// or now (never before the last document, even if the clock stepped back).
pub(crate) fn resolve_time(conn: &Connection, shop: &Shop, date: &Option<String>, now: Timestamp) -> Result<Timestamp> {
    let last: Option<String> = conn.cached_row("SELECT last_occurred_at FROM device WHERE id = 1", [], |r| r.get(0))?;
    let last = last.map(|l| Timestamp::from_db(&l)).transpose()?;
    match date {
        Some(text) => {
            let at = Timestamp::parse(text, shop.tz, "date")?;
            if at > now.add_days(1) {
                return Err(Error::invalid("date", format!("{} is in the future", at.to_db())));
            }
            // The period lock comes before the last-document rule: it is the reason that matters.
            crate::close::check_open(conn, shop, at, "date")?;
            if let Some(last) = last {
                if at < last {
                    return Err(Error::DateBeforeLastDocument {
                        field: "date".into(),
                        date: text.trim().to_string(),
                        last: last.to_db(),
                    });
                }
            }
            Ok(at)
        }
        None => {
            let at = match last {
                Some(last) if last > now => last,
                _ => now,
            };
            crate::close::check_open(conn, shop, at, "date")?;
            Ok(at)
        }
    }
}

fn check_lines<T>(lines: &[T]) -> Result<()> {
    if lines.is_empty() {
        return Err(Error::NoLines);
    }
    if lines.len() > LINES_MAX {
        return Err(Error::TooManyLines { max: LINES_MAX });
    }
    Ok(())
}

fn clean_text(text: &Option<String>, field: &str, max: usize) -> Result<Option<String>> {
    match text.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) if t.chars().count() > max => Err(Error::invalid(field, format!("at most {max} characters"))),
        Some(t) => Ok(Some(t.to_string())),
    }
}

/// Header fields of a document row.
#[derive(Default)]
struct Header {
    status: &'static str,
    customer_id: Option<String>,
    ref_document_id: Option<String>,
    restock: Option<bool>,
    supplier: Option<String>,
    note: Option<String>,
    override_reason: Option<String>,
    due_at: Option<Timestamp>,
    totals: LineAmounts,
}

/// The next number of `kind`'s series on this device and a new document id, not yet taken:
/// read in the caller's write transaction, so nothing else can take it meanwhile.
fn next_number(tx: &Connection, device: &Device, kind: Kind, at: Timestamp) -> Result<Reserved> {
    let series = format!("{}-{}", kind.series_code(), device.series_prefix);
    let last: Option<i64> =
        tx.cached_row("SELECT last_number FROM series WHERE series = ?1", [&series], |r| r.get(0)).optional()?;
    let number = last.unwrap_or(0) + 1;
    let doc_no = format!("{series}-{number:06}");
    Ok(Reserved { id: crate::ids::new_id(), series, number, doc_no, at: at.to_db() })
}

/// Take `r`'s number: it must be the next of its series (numbers stay gapless).
fn take_reserved(tx: &Connection, r: &Reserved) -> Result<()> {
    // Written with a plain update (an upsert with RETURNING builds a temporary table each time).
    let taken = tx
        .prepare_cached("UPDATE series SET last_number = ?2 WHERE series = ?1 AND last_number = ?2 - 1")?
        .execute(params![r.series, r.number])?;
    if taken == 0 {
        let last: Option<i64> =
            tx.cached_row("SELECT last_number FROM series WHERE series = ?1", [&r.series], |r| r.get(0)).optional()?;
        if last.is_some() || r.number != 1 {
            return Err(Error::Storage {
                detail: format!("{} does not follow the last number of its series ({last:?})", r.doc_no),
            });
        }
        tx.prepare_cached("INSERT INTO series (series, last_number) VALUES (?1, 1)")?.execute([&r.series])?;
    }
    Ok(())
}

/// The next number of `kind`'s series on this device, taken, and a new document id.
fn take_number(tx: &Connection, device: &Device, kind: Kind, at: Timestamp) -> Result<Reserved> {
    let r = next_number(tx, device, kind, at)?;
    take_reserved(tx, &r)?;
    Ok(r)
}

/// Insert the document row with the next number of its series (or the number it was acknowledged
/// with, from the journal); returns (id, doc_no).
fn insert_document(c: &Ctx, kind: Kind, h: &Header) -> Result<(String, String)> {
    let Reserved { id, series, number, doc_no, .. } = match c.reserved {
        Some(r) => {
            take_reserved(c.tx, r)?;
            r.clone()
        }
        None => take_number(c.tx, c.device, kind, c.at)?,
    };
    c.tx.prepare_cached(
        "INSERT INTO documents (id, kind, series, number, doc_no, status, customer_id, ref_document_id, restock,
                                supplier, note, override_reason, occurred_at, due_at, user_id, device_id,
                                net_minor, vat_minor, gross_minor)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
    )?
    .execute(params![
        id,
        kind.as_str(),
        series,
        number,
        doc_no,
        if h.status.is_empty() { "committed" } else { h.status },
        h.customer_id,
        h.ref_document_id,
        h.restock.map(|r| r as i64),
        h.supplier,
        h.note,
        h.override_reason,
        c.at.to_db(),
        h.due_at.map(|d| d.to_db()),
        c.actor.user_id,
        c.device.device_id,
        h.totals.net_minor,
        h.totals.vat_minor,
        h.totals.gross_minor
    ])?;
    crate::rollups::add_document(c.tx, &c.at.to_db(), kind.as_str())?;
    Ok((id, doc_no))
}

#[derive(Default)]
struct LineRow<'a> {
    unit_price: Option<Decimal>,
    price_overridden: bool,
    vat_included: Option<bool>,
    vat_rate: Decimal,
    amounts: LineAmounts,
    unit_cost_e4: Option<i64>,
    ref_line_no: Option<i64>,
    counted_base: Option<i64>,
    price_basis: Option<crate::pricing::PriceBasis>,
    _p: std::marker::PhantomData<&'a ()>,
}

fn insert_line(c: &Ctx, doc_id: &str, kind: Kind, line_no: i64, r: &Resolved, row: &LineRow) -> Result<()> {
    c.tx.prepare_cached(
        "INSERT INTO document_lines (document_id, line_no, kind, occurred_at, product_id, unit, qty, factor_to_base,
                                     qty_base, unit_price, price_overridden, vat_included, vat_rate, net_minor,
                                     vat_minor, gross_minor, unit_cost_e4, ref_line_no, counted_base, price_basis)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
    )?
    .execute(params![
        doc_id,
        line_no,
        kind.as_str(),
        c.at.to_db(),
        r.product.id,
        r.unit,
        r.qty.to_string(),
        r.factor,
        r.qty_base,
        row.unit_price.map(|p| p.to_string()),
        row.price_overridden as i64,
        row.vat_included.map(|v| v as i64),
        row.vat_rate.normalize().to_string(),
        row.amounts.net_minor,
        row.amounts.vat_minor,
        row.amounts.gross_minor,
        row.unit_cost_e4,
        row.ref_line_no,
        row.counted_base,
        row.price_basis.as_ref().map(|b| b.to_db())
    ])?;
    crate::rollups::add_line(
        c.tx,
        &c.at.to_db(),
        kind.as_str(),
        &row.vat_rate.normalize().to_string(),
        row.amounts.net_minor,
        row.amounts.vat_minor,
        r.qty_base,
    )?;
    Ok(())
}

fn sum_rows(lines: &[(Resolved, LineRow)]) -> LineAmounts {
    lines.iter().fold(LineAmounts::default(), |t, (_, r)| t.plus(r.amounts))
}

fn finish(c: &Ctx) -> Result<()> {
    c.tx.prepare_cached(
        "UPDATE device SET last_occurred_at = ?1 WHERE id = 1 AND (last_occurred_at IS NULL OR last_occurred_at < ?1)",
    )?
    .execute([c.at.to_db()])?;
    Ok(())
}

/// Post a draft: check it against every rule and commit it whole, or change nothing; with the
/// owner's decisions of [`PostOptions`] (a credit override).
pub(crate) fn post_with(
    conn: &mut Connection,
    catalog: &CatalogCache,
    actor: &Actor,
    draft: &DocumentDraft,
    options: &PostOptions,
    now: Timestamp,
) -> Result<Document> {
    post_or_quote(conn, catalog, actor, draft, options, now, true)
}

/// What [`post_with`] would record (numbered, priced, checked against stock by the very same code),
/// rolled back instead of committed: the till's running total before the sale is paid.
pub(crate) fn quote(
    conn: &mut Connection,
    catalog: &CatalogCache,
    actor: &Actor,
    draft: &DocumentDraft,
    now: Timestamp,
) -> Result<Document> {
    post_or_quote(conn, catalog, actor, draft, &PostOptions::default(), now, false)
}

/// Post a draft in the caller's IMMEDIATE transaction (permission already checked by the caller):
/// everything [`post_with`] does but the commit. Returns the new document's id.
#[allow(clippy::too_many_arguments)]
pub(crate) fn post_in(
    tx: &Transaction,
    shop: &Shop,
    device: &Device,
    actor: &Actor,
    draft: &DocumentDraft,
    options: &PostOptions,
    delivery: Option<&OrderDelivery>,
    now: Timestamp,
    log: bool,
) -> Result<String> {
    Ok(post_in_catalog(tx, None, shop, device, actor, draft, options, delivery, now, log, None)?.0)
}

/// [`post_in`] with the catalog in memory, current in `tx`.
#[allow(clippy::too_many_arguments)]
fn post_in_catalog(
    tx: &Transaction,
    catalog: Option<&Catalog>,
    shop: &Shop,
    device: &Device,
    actor: &Actor,
    draft: &DocumentDraft,
    options: &PostOptions,
    delivery: Option<&OrderDelivery>,
    now: Timestamp,
    log: bool,
    reserved: Option<&Reserved>,
) -> Result<(String, Option<Document>)> {
    let date = match draft {
        DocumentDraft::Sale(d) => &d.date,
        DocumentDraft::Invoice(d) => &d.date,
        DocumentDraft::RetailReturn(d) => &d.date,
        DocumentDraft::WholesaleReturn(d) => &d.date,
        DocumentDraft::ReceiveReturn(d) => &d.date,
        DocumentDraft::Receipt(d) => &d.date,
        DocumentDraft::Count(d) => &d.date,
        DocumentDraft::Transfer(d) => &d.date,
        DocumentDraft::ReceiptAt(d) => &d.receipt.date,
    };
    let at = match reserved {
        Some(r) => Timestamp::from_db(&r.at)?,
        None => resolve_time(tx, shop, date, now)?,
    };
    // The document's running sums and movement numbers are written once, at its end.
    crate::rollups::batched(tx, || {
        let c = Ctx { tx, shop, device, actor, at, options, delivery, catalog, reserved };
        // A sale comes back as written (the till's hot path need not read its own rows again).
        let mut built = None;
        let doc_id = match draft {
            DocumentDraft::Sale(d) => {
                let doc = post_sale(&c, d)?;
                built.insert(doc).id.clone()
            }
            DocumentDraft::Invoice(d) => post_invoice(&c, d)?,
            DocumentDraft::RetailReturn(d) => {
                post_return(&c, Kind::RetailReturn, &d.ticket, "ticket", d.restock, &d.lines, &d.note)?
            }
            DocumentDraft::WholesaleReturn(d) => {
                post_return(&c, Kind::WholesaleReturn, &d.invoice, "invoice", d.restock, &d.lines, &d.note)?
            }
            DocumentDraft::ReceiveReturn(d) => receive_return(&c, d)?,
            DocumentDraft::Receipt(d) => post_receipt(&c, d)?,
            DocumentDraft::Count(d) => post_count(&c, d)?,
            DocumentDraft::Transfer(d) => crate::transfer::post(tx, shop, device, actor, at, d)?,
            DocumentDraft::ReceiptAt(d) => post_receipt_at(&c, &d.receipt, &d.location)?,
        };
        finish(&c)?;
        // Overrides go to the audit trail in the document's own transaction. A sale with neither a
        // typed price nor a stock override has none to record (and no credit check): no reads.
        let plain_sale = matches!(draft, DocumentDraft::Sale(d)
            if d.override_reason.is_none() && d.lines.iter().all(|l| l.price.is_none()));
        if !plain_sale {
            crate::audit::record_document(tx, actor, &device.device_id, &doc_id)?;
        }
        if log {
            // The cloud ledger's log, in the document's own transaction (nothing when not registered).
            crate::sync::log_document(tx, &doc_id, matches!(draft, DocumentDraft::ReceiveReturn(_)), now)?;
        }
        Ok((doc_id, built))
    })
}

fn post_or_quote(
    conn: &mut Connection,
    catalog: &CatalogCache,
    actor: &Actor,
    draft: &DocumentDraft,
    options: &PostOptions,
    now: Timestamp,
    commit: bool,
) -> Result<Document> {
    // Permission is checked before anything else is looked at.
    let action = match draft {
        DocumentDraft::Sale(_) => Action::Sell,
        DocumentDraft::Invoice(_) => Action::Invoice,
        DocumentDraft::RetailReturn(_) => Action::RetailReturn,
        DocumentDraft::WholesaleReturn(_) => Action::WholesaleReturn,
        DocumentDraft::ReceiveReturn(_) => Action::ReceiveReturn,
        DocumentDraft::Receipt(_) => Action::GoodsReceipt,
        DocumentDraft::Count(_) => Action::StockCount,
        DocumentDraft::Transfer(_) => Action::Transfer,
        DocumentDraft::ReceiptAt(_) => Action::GoodsReceipt,
    };
    actor.require(action)?;
    let shop = crate::shop::load(conn)?;
    let device = crate::shop::device(conn)?;
    let tx = crate::db::write_tx(conn)?;
    let catalog = catalog.get(&tx)?;
    if let (DocumentDraft::Sale(d), true) = (draft, commit) {
        // A retail sale's durable commit is its journal row (see `settle`).
        let doc = journal_sale(&tx, &catalog, &shop, &device, actor, d, now)?;
        tx.commit()?;
        return Ok(doc);
    }
    let (doc_id, built) =
        post_in_catalog(&tx, Some(&catalog), &shop, &device, actor, draft, options, None, now, commit, None)?;
    let doc = match built {
        Some(doc) => doc,
        None => load_by_id(&tx, &shop, &doc_id)?,
    };
    if commit {
        tx.commit()?;
    } else {
        tx.rollback()?;
    }
    Ok(doc)
}

// ---------------------------------------------------------------------------------------------
// The sale journal
//
// A retail sale is acknowledged once one journal row, the checked sale with the next number of
// its series, is durable: the commit a cashier waits for writes one page, as a bare one-row
// commit does, instead of the 30-odd b-tree pages its number, document, lines, payments,
// movements, balances and running sums touch. Those are written out from the journal
// row right after (`settle`), by the book's applier on a thread of its own or, without one, by
// the same call, in a commit that needs no flush: the journal row is the durable record, and a
// book that is opened after a crash writes out what it still holds. The sale is checked and
// numbered against the book as it is, and written out against the very same book: every write
// transaction (crate::db::write_tx) and every read of a book (Book::conn) writes out what waits
// first, so nothing comes between a sale and its writing out, and nothing reads a book that
// has acknowledged sales not yet in its ledger.

/// The id, number and instant a sale was acknowledged with.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Reserved {
    id: String,
    series: String,
    number: i64,
    doc_no: String,
    /// The sale's instant, stored form.
    at: String,
}

/// One row of `sale_journal`: everything needed to write the sale out exactly as it was checked.
#[derive(Serialize, Deserialize)]
struct JournalEntry {
    draft: SaleDraft,
    actor: Actor,
    /// The clock when it was posted, stored form (the cloud ledger's log records it).
    now: String,
    reserved: Reserved,
}

/// The durable half of a retail sale, in the caller's write transaction: every check the sale
/// makes when written, and its journal row with its number. Returns the sale as it will read back.
fn journal_sale(
    tx: &Transaction,
    catalog: &Catalog,
    shop: &Shop,
    device: &Device,
    actor: &Actor,
    d: &SaleDraft,
    now: Timestamp,
) -> Result<Document> {
    let at = resolve_time(tx, shop, &d.date, now)?;
    let options = PostOptions::default();
    let c =
        Ctx { tx, shop, device, actor, at, options: &options, delivery: None, catalog: Some(catalog), reserved: None };
    let plan = plan_sale(&c, d)?;
    // The number is the next of the series (the journal was written out when this transaction
    // began, so no other sale holds one): taken when the sale is written out, so that this
    // commit writes the journal's page alone, as a bare one-row commit does.
    let reserved = next_number(tx, device, Kind::Sale, at)?;
    let doc = sale_as_written(&c, &reserved.id, &reserved.doc_no, &plan.header, &plan.lines, &plan.payments);
    let entry = JournalEntry { draft: d.clone(), actor: actor.clone(), now: now.to_db(), reserved };
    let body = serde_json::to_string(&entry).map_err(|e| Error::Storage { detail: format!("sale journal: {e}") })?;
    tx.prepare_cached("INSERT INTO sale_journal (body) VALUES (?1)")?.execute([body])?;
    Ok(doc)
}

/// Write out every sale waiting in the journal, in the order they were acknowledged, in the
/// caller's write transaction. Each is written by the same code as a sale
/// posted directly, with the number and instant it was acknowledged with.
pub(crate) fn settle(tx: &Transaction, catalog: Option<&Catalog>) -> Result<()> {
    let pending: Vec<(i64, String)> = tx
        .prepare_cached("SELECT seq, body FROM sale_journal ORDER BY seq")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if pending.is_empty() {
        return Ok(());
    }
    let shop = crate::shop::load(tx)?;
    let device = crate::shop::device(tx)?;
    for (seq, body) in &pending {
        let e: JournalEntry = serde_json::from_str(body)
            .map_err(|err| Error::Storage { detail: format!("sale journal row {seq}: {err}") })?;
        let now = Timestamp::from_db(&e.now)?;
        let draft = DocumentDraft::Sale(e.draft);
        let options = PostOptions::default();
        post_in_catalog(tx, catalog, &shop, &device, &e.actor, &draft, &options, None, now, true, Some(&e.reserved))?;
        tx.prepare_cached("DELETE FROM sale_journal WHERE seq = ?1")?.execute([seq])?;
    }
    Ok(())
}

/// Does the journal hold sales not yet written out?
pub(crate) fn journal_pending(conn: &Connection) -> Result<bool> {
    Ok(conn.cached_row("SELECT EXISTS (SELECT 1 FROM sale_journal)", [], |r| r.get(0))?)
}

/// Outside any transaction: write out what waits in the journal, in a write transaction of its
/// own.
pub(crate) fn settle_pending(conn: &Connection) -> Result<()> {
    settle_pending_with(conn, None, Flush::Later)
}

/// When the commit that writes sales out of the journal reaches the disk.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Flush {
    /// In the commit, as every commit (the applier's thread: nobody waits for it, and the next
    /// sale's commit then flushes only its own pages).
    Now,
    /// With the next flushed commit (it carries this one to the disk before it): for a sale
    /// written out in its own call, whose journal row is already durable.
    Later,
}

/// [`settle_pending`] with the catalog in memory, flushed when `flush` says.
pub(crate) fn settle_pending_with(conn: &Connection, catalog: Option<&CatalogCache>, flush: Flush) -> Result<()> {
    if !conn.is_autocommit() || !journal_pending(conn)? {
        return Ok(());
    }
    let write_out = || -> Result<()> {
        let tx = Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)?;
        let catalog = catalog.map(|c| c.get(&tx)).transpose()?;
        settle(&tx, catalog.as_deref())?;
        Ok(tx.commit()?)
    };
    if flush == Flush::Now {
        return write_out();
    }
    // `synchronous` is the connection's own setting, changed outside a transaction and put back.
    let level: i64 = conn.cached_row("PRAGMA synchronous", [], |r| r.get(0))?;
    conn.execute_batch("PRAGMA synchronous = NORMAL")?;
    let written = write_out();
    conn.execute_batch(&format!("PRAGMA synchronous = {level}"))?;
    written
}

/// Lines that sell (sale or invoice) resolved and priced.
fn price_lines(
    c: &Ctx,
    lines: &[SaleLine],
    list: &str,
    vat_included: bool,
    buyer: Option<&crate::buyers::BuyerAccount>,
) -> Result<Vec<(Resolved, LineRow<'static>)>> {
    let mut out = Vec::with_capacity(lines.len());
    for (i, l) in lines.iter().enumerate() {
        let field = format!("lines[{i}]");
        let r = resolve_line_in(c.catalog, c.tx, &l.sku, &l.barcode, &l.unit, l.qty, &field, false)?;
        let no_price = || Error::NoPrice {
            field: format!("{field}.unit"),
            sku: r.product.sku.clone(),
            unit: r.unit.clone(),
            list: list.into(),
        };
        let agreed = c.delivery.and_then(|d| d.prices.get(i)).filter(|_| l.price.is_none());
        let (price, overridden, basis) = match (l.price, buyer) {
            // An invoice delivering an order: the order's price, agreed when it was placed.
            (None, Some(_)) if agreed.is_some() => {
                let (p, basis, overridden) = agreed.cloned().expect("agreed price");
                (p, overridden, basis)
            }
            (Some(p), _) => {
                c.actor.require(Action::OverridePrice)?;
                let basis = buyer.map(|_| crate::pricing::PriceBasis::overridden());
                (money::check_price(p, &format!("{field}.price"))?, true, basis)
            }
            // Invoices: the buyer's own price, its tier's, or the wholesale list (crate::pricing).
            (None, Some(b)) => {
                let (p, basis) =
                    crate::pricing::resolve(c.tx, b, &r.product, &r.unit, r.qty, c.at)?.ok_or_else(no_price)?;
                (p, false, Some(basis))
            }
            (None, None) => {
                let p = match c.catalog.and_then(|cat| cat.by_id(&r.product.id)) {
                    Some(e) => e.price(list, &r.unit),
                    None => crate::catalog::price(c.tx, list, &r.product.id, &r.unit)?,
                }
                .ok_or_else(no_price)?;
                (p, false, None)
            }
        };
        let amounts = money::line_amounts(
            r.qty,
            price,
            r.product.vat_rate_pct,
            vat_included,
            c.shop.minor_units,
            &format!("{field}.qty"),
        )?;
        let row = LineRow {
            unit_price: Some(price),
            price_overridden: overridden,
            vat_included: Some(vat_included),
            vat_rate: r.product.vat_rate_pct,
            amounts,
            price_basis: basis,
            ..Default::default()
        };
        out.push((r, row));
    }
    Ok(out)
}

/// Check the stock of each product, summed over the document's lines, in order of first appearance.
fn check_stock(c: &Ctx, lines: &[(Resolved, LineRow)], channel: Channel, overridden: bool) -> Result<()> {
    let mut order: Vec<&Product> = vec![];
    let mut totals: HashMap<&str, i64> = HashMap::new();
    for (r, _) in lines {
        let t = totals.entry(r.product.id.as_str()).or_insert_with(|| {
            order.push(&r.product);
            0
        });
        *t += r.qty_base;
    }
    let holds = stock::any_holds(c.tx)?;
    for p in order {
        // The balance, open orders' reservations and whether quotas hold any, in this transaction.
        let (on_hand, by_orders, any_quota) = stock::take_state(c.tx, &p.id, holds)?;
        let reserved = if p.allow_negative || overridden {
            0 // nothing is held back from these
        } else {
            // An order's delivery may take what the order itself reserves.
            let own = c.delivery.and_then(|d| d.own.get(&p.id)).copied().unwrap_or(0);
            (by_orders - own).max(0)
        };
        stock::check_take(p, c.shop, on_hand, reserved, totals[p.id.as_str()], channel, overridden)?;
        if !overridden {
            // Stock held for tills that may be offline (quotas of the cloud ledger).
            crate::sync::quota::check(c.tx, &c.device.device_id, p, totals[p.id.as_str()], c.at, any_quota)?;
        }
    }
    Ok(())
}

fn override_reason(c: &Ctx, reason: &Option<String>) -> Result<Option<String>> {
    let reason = clean_text(reason, "override_reason", 500)?;
    if reason.is_some() {
        c.actor.require(Action::OverrideNegativeStock)?;
    }
    Ok(reason)
}

fn write_selling_lines(
    c: &Ctx,
    doc_id: &str,
    kind: Kind,
    mk: MovementKind,
    lines: &[(Resolved, LineRow)],
) -> Result<()> {
    for (i, (r, row)) in lines.iter().enumerate() {
        let line_no = i as i64 + 1;
        insert_line(c, doc_id, kind, line_no, r, row)?;
        c.move_stock(&r.product, -r.qty_base, mk, doc_id, line_no, Costing::AtAverage)?;
    }
    Ok(())
}

/// A retail sale checked against every rule and priced, not yet written.
struct SalePlan {
    header: Header,
    lines: Vec<(Resolved, LineRow<'static>)>,
    payments: Vec<PayRow>,
}

fn plan_sale(c: &Ctx, d: &SaleDraft) -> Result<SalePlan> {
    check_lines(&d.lines)?;
    let reason = override_reason(c, &d.override_reason)?;
    let lines = price_lines(c, &d.lines, "retail", true, None)?;
    check_stock(c, &lines, Channel::Retail, reason.is_some())?;
    let gross: i64 = lines.iter().map(|(_, r)| r.amounts.gross_minor).sum();
    let payments = check_payments(c, &d.payments, gross)?;
    let note = clean_text(&d.note, "note", 500)?;
    let header = Header { override_reason: reason, note, totals: sum_rows(&lines), ..Default::default() };
    Ok(SalePlan { header, lines, payments })
}

/// Write a retail sale; returns it as [`load_by_id`] would read it back.
fn post_sale(c: &Ctx, d: &SaleDraft) -> Result<Document> {
    let SalePlan { header, lines, payments } = plan_sale(c, d)?;
    let (id, doc_no) = insert_document(c, Kind::Sale, &header)?;
    write_selling_lines(c, &id, Kind::Sale, MovementKind::Sale, &lines)?;
    for (seq, p) in payments.iter().enumerate() {
        let fx = p.fx.as_ref();
        c.tx.prepare_cached(
            "INSERT INTO payments (document_id, seq, method, amount_minor, change_minor, currency, foreign_minor, rate)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            id,
            seq as i64 + 1,
            p.method,
            p.amount,
            p.change,
            fx.map(|f| f.currency.as_str()),
            fx.map(|f| f.foreign_minor),
            fx.map(|f| f.rate.normalize().to_string())
        ])?;
    }
    Ok(sale_as_written(c, &id, &doc_no, &header, &lines, &payments))
}

/// A sale just written, as [`load_by_id`] reads it back: the same texts as stored (tests compare
/// the two for every sale they post).
fn sale_as_written(
    c: &Ctx,
    id: &str,
    doc_no: &str,
    header: &Header,
    lines: &[(Resolved, LineRow)],
    payments: &[PayRow],
) -> Document {
    let m = |v: i64| money::minor_str(v, c.shop.minor_units);
    let lines = lines
        .iter()
        .enumerate()
        .map(|(i, (r, row))| DocumentLine {
            line: i as i64 + 1,
            sku: r.product.sku.clone(),
            name: r.product.name.clone(),
            unit: r.unit.clone(),
            qty: r.qty.to_string(),
            factor_to_base: r.factor,
            qty_base: r.qty_base,
            unit_price: row.unit_price.map(|p| p.to_string()),
            price_overridden: row.price_overridden,
            vat_rate_pct: row.vat_rate.normalize().to_string(),
            net: m(row.amounts.net_minor),
            vat: m(row.amounts.vat_minor),
            gross: m(row.amounts.gross_minor),
            unit_cost: row.unit_cost_e4.map(|c| money::cost_from_e4(c).to_string()),
            returns_line: row.ref_line_no,
            counted_base: row.counted_base,
            price_basis: row.price_basis.clone(),
        })
        .collect::<Vec<_>>();
    let payments_out = payments
        .iter()
        .map(|p| {
            let fx = p.fx.as_ref().map(|f| (f.currency.clone(), f.foreign_minor, f.rate.normalize().to_string()));
            payment_view(p.method.to_string(), p.amount, p.change, fx, c.shop.minor_units)
        })
        .collect();
    Document {
        id: id.to_string(),
        doc_no: doc_no.to_string(),
        kind: Kind::Sale,
        status: "committed".into(),
        occurred_at: c.at.to_db(),
        due_at: None,
        received_at: None,
        user: c.actor.username.clone(),
        device_id: c.device.device_id.clone(),
        buyer: None,
        refers_to: None,
        restock: None,
        supplier: None,
        note: header.note.clone(),
        override_reason: header.override_reason.clone(),
        from_location: None,
        to_location: None,
        credit_override: None,
        currency: c.shop.currency.clone(),
        net: m(header.totals.net_minor),
        vat: m(header.totals.vat_minor),
        gross: m(header.totals.gross_minor),
        movements: lines.len() as i64,
        lines,
        payments: payments_out,
        change: Some(m(payments.iter().map(|p| p.change).sum())),
    }
}

/// A payment as shown: tendered and change in the shop's currency (`minor_units` decimals), and
/// the foreign cash (currency, amount in its minor units, rate as stored) when it was foreign cash.
fn payment_view(
    method: String,
    amount: i64,
    change: i64,
    fx: Option<(String, i64, String)>,
    minor_units: u32,
) -> Payment {
    let m = |v: i64| money::minor_str(v, minor_units);
    let (currency, foreign_amount, rate) = match fx {
        Some((currency, foreign, rate)) => {
            let amount = crate::fx::amount_text(&currency, foreign);
            (Some(currency), Some(amount), Some(rate))
        }
        None => (None, None, None),
    };
    Payment { method, amount: m(amount), change: m(change), currency, foreign_amount, rate }
}

/// One payment of a sale as recorded: tendered and change in the shop's currency, and the foreign
/// cash it was (amount and rate) when it was.
struct PayRow {
    method: &'static str,
    amount: i64,
    change: i64,
    fx: Option<crate::fx::Converted>,
}

/// Payments of a sale. Change comes only out of cash, in the shop's currency.
fn check_payments(c: &Ctx, payments: &Option<Vec<PaymentDraft>>, total: i64) -> Result<Vec<PayRow>> {
    let shop = c.shop;
    let Some(list) = payments else {
        return Ok(vec![PayRow { method: "cash", amount: total, change: 0, fx: None }]);
    };
    if list.is_empty() || list.len() > 10 {
        return Err(Error::invalid("payments", "one to ten payments"));
    }
    let mut out = vec![];
    for (i, p) in list.iter().enumerate() {
        let field = format!("payments[{i}]");
        let method = match p.method.trim() {
            "cash" => "cash",
            "card" => "card",
            "ewallet" | "e-wallet" => "ewallet",
            other => {
                return Err(Error::invalid(format!("{field}.method"), format!("`{other}`: cash, card or ewallet")))
            }
        };
        if p.amount <= Decimal::ZERO {
            return Err(Error::invalid(format!("{field}.amount"), "must be more than zero"));
        }
        let foreign = p.currency.as_deref().map(str::trim).filter(|cur| !cur.eq_ignore_ascii_case(&shop.currency));
        if let Some(cur) = foreign {
            if method != "cash" {
                return Err(Error::invalid(format!("{field}.currency"), "only cash is taken in another currency"));
            }
            let fx = crate::fx::convert(c.tx, shop, cur, p.amount, c.at, &field)?;
            out.push(PayRow { method, amount: fx.shop_minor, change: 0, fx: Some(fx) });
            continue;
        }
        if p.amount.normalize().scale() > shop.minor_units {
            return Err(Error::invalid(
                format!("{field}.amount"),
                format!("{} has more decimals than {} allows", p.amount, shop.currency),
            ));
        }
        let amount = money::to_minor(p.amount, shop.minor_units, &format!("{field}.amount"))?;
        out.push(PayRow { method, amount, change: 0, fx: None });
    }
    let non_cash: i64 = out.iter().filter(|p| p.method != "cash").map(|p| p.amount).sum();
    let paid: i64 = out.iter().map(|p| p.amount).sum();
    if non_cash > total {
        return Err(Error::NonCashOverpaid {
            non_cash: money::minor_str(non_cash, shop.minor_units),
            total: money::minor_str(total, shop.minor_units),
        });
    }
    if paid < total {
        return Err(Error::PaymentShort {
            paid: money::minor_str(paid, shop.minor_units),
            total: money::minor_str(total, shop.minor_units),
        });
    }
    // Change is given in the shop's currency, out of the first cash payment.
    if let Some(cash) = out.iter_mut().find(|p| p.method == "cash") {
        cash.change = paid - total;
    }
    Ok(out)
}

fn post_invoice(c: &Ctx, d: &InvoiceDraft) -> Result<String> {
    let buyer = crate::buyers::account(c.tx, c.shop, &d.buyer)?;
    check_lines(&d.lines)?;
    let reason = override_reason(c, &d.override_reason)?;
    let lines = price_lines(c, &d.lines, "wholesale", false, Some(&buyer))?;
    check_stock(c, &lines, Channel::Wholesale, reason.is_some())?;
    // Credit (crate::receivables): a buyer with a limit and overdue invoices, or taken over the
    // limit, is refused unless the owner overrides with a reason.
    let totals = sum_rows(&lines);
    let credit_reason = clean_text(&c.options.credit_override_reason, "credit_override_reason", 500)?;
    let refusal = crate::receivables::credit_refusal(c.tx, c.shop, &buyer, totals.gross_minor, c.at)?;
    if let Some((e, _)) = &refusal {
        if credit_reason.is_none() {
            return Err(e.clone());
        }
        c.actor.require(Action::OverrideCredit)?;
    }
    let note = clean_text(&d.note, "note", 500)?;
    let header = Header {
        customer_id: Some(buyer.id.clone()),
        override_reason: reason,
        note,
        due_at: Some(buyer.terms.due_date(c.at, c.shop)),
        totals,
        ..Default::default()
    };
    let (id, _) = insert_document(c, Kind::Invoice, &header)?;
    write_selling_lines(c, &id, Kind::Invoice, MovementKind::Invoice, &lines)?;
    if let (Some((e, position)), Some(why)) = (refusal, credit_reason) {
        let o = crate::receivables::Override { refusal: &e, reason: &why, position, gross_minor: totals.gross_minor };
        crate::receivables::record_override(c.tx, &id, &buyer, &o, c.actor, c.at)?;
    }
    Ok(id)
}

/// One line of a committed document, as returns need it.
struct OriginalLine {
    line_no: i64,
    product_id: String,
    unit: String,
    qty_base: i64,
    amounts: LineAmounts,
    vat_rate: Decimal,
    unit_price: Option<Decimal>,
    vat_included: Option<bool>,
}

fn original_lines(conn: &Connection, doc_id: &str) -> Result<Vec<OriginalLine>> {
    let mut st = conn.prepare_cached(
        "SELECT line_no, product_id, unit, qty_base, net_minor, vat_minor, gross_minor, vat_rate, unit_price, vat_included
         FROM document_lines WHERE document_id = ?1 ORDER BY line_no",
    )?;
    let rows = st.query_map([doc_id], |r| {
        Ok(OriginalLine {
            line_no: r.get(0)?,
            product_id: r.get(1)?,
            unit: r.get(2)?,
            qty_base: r.get(3)?,
            amounts: LineAmounts { net_minor: r.get(4)?, vat_minor: r.get(5)?, gross_minor: r.get(6)? },
            vat_rate: Decimal::from_str_exact(&r.get::<_, String>(7)?).unwrap_or_default(),
            unit_price: r.get::<_, Option<String>>(8)?.and_then(|p| Decimal::from_str_exact(&p).ok()),
            vat_included: r.get::<_, Option<i64>>(9)?.map(|v| v != 0),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Base units already returned per line of a document.
fn returned_so_far(conn: &Connection, doc_id: &str, kind: Kind) -> Result<HashMap<i64, i64>> {
    let mut st = conn.prepare_cached(
        "SELECT l.ref_line_no, SUM(l.qty_base) FROM document_lines l JOIN documents d ON d.id = l.document_id
         WHERE d.ref_document_id = ?1 AND d.kind = ?2 GROUP BY l.ref_line_no",
    )?;
    let rows = st.query_map(params![doc_id, kind.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The cost per base unit at which a document line's goods left the pool.
fn line_cost_e4(conn: &Connection, doc_id: &str, line_no: i64) -> Result<i64> {
    conn.prepare_cached("SELECT unit_cost_e4 FROM movements WHERE document_id = ?1 AND line_no = ?2 LIMIT 1")?
        .query_row(params![doc_id, line_no], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::Storage { detail: format!("no movement for line {line_no} of {doc_id}") })
}

/// (id, kind, status, doc_no) of a document by number.
fn find_document(conn: &Connection, doc_no: &str, field: &str) -> Result<(String, Kind, String, Option<String>)> {
    conn.prepare_cached("SELECT id, kind, status, customer_id FROM documents WHERE doc_no = ?1")?
        .query_row([doc_no.trim()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get(3)?))
        })
        .optional()?
        .map(|(id, kind, status, cust)| (id, Kind::parse(&kind).unwrap_or(Kind::Sale), status, cust))
        .ok_or_else(|| Error::UnknownDocument { field: field.into(), doc_no: doc_no.into() })
}

fn post_return(
    c: &Ctx,
    kind: Kind,
    ref_no: &str,
    ref_field: &str,
    restock: Option<bool>,
    lines: &[ReturnLine],
    note: &Option<String>,
) -> Result<String> {
    let expected = if kind == Kind::RetailReturn { Kind::Sale } else { Kind::Invoice };
    let (ref_id, ref_kind, _, customer_id) = find_document(c.tx, ref_no, ref_field)?;
    if ref_kind != expected {
        return Err(Error::WrongDocumentKind {
            field: ref_field.into(),
            doc_no: ref_no.into(),
            found: ref_kind.as_str().into(),
            expected: expected.as_str().into(),
        });
    }
    check_lines(lines)?;
    let restock = restock.unwrap_or(true);
    let originals = original_lines(c.tx, &ref_id)?;
    let mut returned = returned_so_far(c.tx, &ref_id, kind)?;
    let mut resolved = vec![];
    for (i, l) in lines.iter().enumerate() {
        let field = format!("lines[{i}]");
        // Which original line: by number, or the first line of that product with enough left.
        let orig = match (l.line, &l.sku, &l.barcode) {
            (Some(n), None, None) => originals.iter().find(|o| o.line_no == n).ok_or_else(|| Error::UnknownLine {
                field: format!("{field}.line"),
                doc_no: ref_no.into(),
                line: n,
            })?,
            (None, sku, barcode) if sku.is_some() || barcode.is_some() => {
                let (p, scanned_unit) = match (sku, barcode) {
                    (Some(s), None) => {
                        let p = crate::catalog::product_by_sku(c.tx, s.trim())?
                            .ok_or_else(|| Error::UnknownProduct { field: format!("{field}.sku"), sku: s.clone() })?;
                        (p, None)
                    }
                    (None, Some(b)) => {
                        let f = format!("{field}.barcode");
                        let code = crate::barcode::validate(b, &f)?;
                        let (p, u) = crate::catalog::product_by_barcode(c.tx, &code)?
                            .ok_or(Error::UnknownBarcode { field: f, code })?;
                        (p, Some(u))
                    }
                    _ => return Err(Error::invalid(&field, "give line, sku or barcode, only one")),
                };
                let unit = l.unit.as_deref().map(crate::units::normalize_unit).or(scanned_unit);
                let factor = match &unit {
                    Some(u) => crate::catalog::unit_factor(c.tx, &p.id, u)?.unwrap_or(1),
                    None => 1,
                };
                let want = (l.qty * Decimal::from(factor)).to_i64().unwrap_or(i64::MAX);
                let candidates: Vec<&OriginalLine> = originals.iter().filter(|o| o.product_id == p.id).collect();
                let first = *candidates.first().ok_or_else(|| Error::ProductNotOnDocument {
                    field: field.clone(),
                    doc_no: ref_no.into(),
                    sku: p.sku.clone(),
                })?;
                candidates
                    .into_iter()
                    .find(|o| o.qty_base - returned.get(&o.line_no).copied().unwrap_or(0) >= want)
                    .unwrap_or(first)
            }
            _ => return Err(Error::invalid(&field, "give line, sku or barcode, only one")),
        };
        let product = crate::catalog::product_by_id(c.tx, &orig.product_id)?;
        let unit = l.unit.as_deref().map(crate::units::normalize_unit).unwrap_or_else(|| orig.unit.clone());
        let factor = crate::catalog::unit_factor(c.tx, &product.id, &unit)?.ok_or_else(|| Error::UnknownUnit {
            field: format!("{field}.unit"),
            sku: product.sku.clone(),
            unit: unit.clone(),
        })?;
        let qty_base = crate::units::to_base(l.qty, &unit, factor, &product.base_unit, &format!("{field}.qty"))?;
        let before = returned.get(&orig.line_no).copied().unwrap_or(0);
        if before + qty_base > orig.qty_base {
            return Err(Error::OverReturn {
                field: format!("{field}.qty"),
                doc_no: ref_no.into(),
                line: orig.line_no,
                sku: product.sku.clone(),
                sold: orig.qty_base,
                returned: before,
                requested: qty_base,
            });
        }
        returned.insert(orig.line_no, before + qty_base);
        let amounts = money::return_share(orig.amounts, orig.qty_base, before, qty_base);
        let row = LineRow {
            unit_price: orig.unit_price,
            vat_included: orig.vat_included,
            vat_rate: orig.vat_rate,
            amounts,
            ref_line_no: Some(orig.line_no),
            ..Default::default()
        };
        resolved.push((Resolved { product, unit, qty: l.qty.normalize(), factor, qty_base }, row));
    }
    let note = clean_text(note, "note", 500)?;
    let status = if kind == Kind::WholesaleReturn && restock { "to_receive" } else { "committed" };
    let header = Header {
        status,
        customer_id,
        ref_document_id: Some(ref_id.clone()),
        restock: Some(restock),
        note,
        totals: sum_rows(&resolved),
        ..Default::default()
    };
    let (id, _) = insert_document(c, kind, &header)?;
    for (i, (r, row)) in resolved.iter().enumerate() {
        let line_no = i as i64 + 1;
        insert_line(c, &id, kind, line_no, r, row)?;
        // A retail return restocks at once; a wholesale one when the warehouse scans it in.
        if kind == Kind::RetailReturn && restock {
            let cost_e4 = line_cost_e4(c.tx, &ref_id, row.ref_line_no.expect("return line"))?;
            c.move_stock(
                &r.product,
                r.qty_base,
                MovementKind::RetailReturn,
                &id,
                line_no,
                Costing::Incoming { cost_e4 },
            )?;
        }
    }
    Ok(id)
}

fn receive_return(c: &Ctx, d: &ReceiveReturnDraft) -> Result<String> {
    let (id, kind, status, _) = find_document(c.tx, &d.return_no, "return")?;
    if kind != Kind::WholesaleReturn {
        return Err(Error::WrongDocumentKind {
            field: "return".into(),
            doc_no: d.return_no.clone(),
            found: kind.as_str().into(),
            expected: Kind::WholesaleReturn.as_str().into(),
        });
    }
    if status != "to_receive" {
        return Err(Error::NotToReceive { doc_no: d.return_no.clone(), status });
    }
    let ref_id: String = c.tx.cached_row("SELECT ref_document_id FROM documents WHERE id = ?1", [&id], |r| r.get(0))?;
    let lines: Vec<(i64, String, i64, i64)> = {
        let mut st = c
            .tx
            .prepare_cached("SELECT line_no, product_id, qty_base, ref_line_no FROM document_lines WHERE document_id = ?1 ORDER BY line_no")?;
        let rows = st.query_map([&id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (line_no, product_id, qty_base, ref_line) in lines {
        let product = crate::catalog::product_by_id(c.tx, &product_id)?;
        let cost_e4 = line_cost_e4(c.tx, &ref_id, ref_line)?;
        c.move_stock(&product, qty_base, MovementKind::WholesaleReturn, &id, line_no, Costing::Incoming { cost_e4 })?;
    }
    c.tx.execute(
        "UPDATE documents SET status = 'received', received_at = ?2, received_by = ?3 WHERE id = ?1",
        params![id, c.at.to_db(), c.actor.user_id],
    )?;
    Ok(id)
}

fn post_receipt(c: &Ctx, d: &ReceiptDraft) -> Result<String> {
    post_receipt_at(c, d, stock::MAIN)
}

/// A goods receipt into `location` (main, or a warehouse: crate::transfer).
fn post_receipt_at(c: &Ctx, d: &ReceiptDraft, location: &str) -> Result<String> {
    let location = crate::transfer::resolve(c.tx, location, "location")?;
    check_lines(&d.lines)?;
    let mut resolved = vec![];
    for (i, l) in d.lines.iter().enumerate() {
        let field = format!("lines[{i}]");
        let r = resolve_line(c.tx, &l.sku, &l.barcode, &l.unit, l.qty, &field, false)?;
        let cf = format!("{field}.unit_cost");
        let cost = money::check_price(l.unit_cost, &cf)?;
        let cost_e4 = money::cost_e4_per_base(cost, r.factor, &cf)?;
        let net_minor = money::to_minor(r.qty * cost, c.shop.minor_units, &cf)?;
        let row = LineRow {
            unit_price: Some(cost),
            unit_cost_e4: Some(cost_e4),
            amounts: LineAmounts { net_minor, vat_minor: 0, gross_minor: net_minor },
            ..Default::default()
        };
        resolved.push((r, row));
    }
    let supplier = clean_text(&d.supplier, "supplier", 200)?;
    let note = clean_text(&d.note, "note", 500)?;
    let header = Header { supplier, note, totals: sum_rows(&resolved), ..Default::default() };
    let (id, _) = insert_document(c, Kind::Receipt, &header)?;
    if location != stock::MAIN {
        crate::transfer::record_locations(c.tx, &id, None, Some(&location))?;
    }
    for (i, (r, row)) in resolved.iter().enumerate() {
        let line_no = i as i64 + 1;
        insert_line(c, &id, Kind::Receipt, line_no, r, row)?;
        c.move_stock_at(
            &r.product,
            r.qty_base,
            MovementKind::Receipt,
            (&id, line_no),
            Costing::Incoming { cost_e4: row.unit_cost_e4.expect("receipt cost") },
            &location,
        )?;
    }
    Ok(id)
}

fn post_count(c: &Ctx, d: &CountDraft) -> Result<String> {
    check_lines(&d.lines)?;
    let mut resolved = vec![];
    for (i, l) in d.lines.iter().enumerate() {
        let r = resolve_line(c.tx, &l.sku, &l.barcode, &l.unit, l.qty, &format!("lines[{i}]"), true)?;
        resolved.push(r);
    }
    let note = clean_text(&d.note, "note", 500)?;
    let (id, _) = insert_document(c, Kind::Count, &Header { note, ..Default::default() })?;
    // Lines of one product add up (5 cartons on one line, 3 loose pieces on another).
    let mut counted: Vec<(usize, i64)> = vec![];
    let mut first_line: HashMap<&str, usize> = HashMap::new();
    for (i, r) in resolved.iter().enumerate() {
        insert_line(
            c,
            &id,
            Kind::Count,
            i as i64 + 1,
            r,
            &LineRow { counted_base: Some(r.qty_base), ..Default::default() },
        )?;
        match first_line.get(r.product.id.as_str()) {
            Some(&k) => counted[k].1 += r.qty_base,
            None => {
                first_line.insert(r.product.id.as_str(), counted.len());
                counted.push((i, r.qty_base));
            }
        }
    }
    for (i, total) in counted {
        let r = &resolved[i];
        let on_hand = stock::balance(c.tx, &r.product.id)?;
        let diff = total - on_hand;
        if diff != 0 {
            c.move_stock(&r.product, diff, MovementKind::Adjustment, &id, i as i64 + 1, Costing::AtAverage)?;
        }
    }
    Ok(id)
}

// ---------------------------------------------------------------------------------------------
// Reading documents back

/// A committed document as shown, printed and exported. Money is text in the currency's decimals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    pub id: String,
    pub doc_no: String,
    pub kind: Kind,
    pub status: String,
    pub occurred_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub received_at: Option<String>,
    pub user: String,
    pub device_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub buyer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refers_to: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restock: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supplier: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub override_reason: Option<String>,
    /// Transfers: the location the stock left.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_location: Option<String>,
    /// Transfers, and receipts into a location other than main: where the stock arrived.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_location: Option<String>,
    /// Invoices the owner let through a credit refusal: the reason and the figures of the moment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credit_override: Option<crate::receivables::CreditOverride>,
    pub currency: String,
    pub net: String,
    pub vat: String,
    pub gross: String,
    pub lines: Vec<DocumentLine>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub payments: Vec<Payment>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<String>,
    pub movements: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentLine {
    pub line: i64,
    pub sku: String,
    pub name: String,
    pub unit: String,
    pub qty: String,
    pub factor_to_base: i64,
    pub qty_base: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit_price: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub price_overridden: bool,
    pub vat_rate_pct: String,
    pub net: String,
    pub vat: String,
    pub gross: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit_cost: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub returns_line: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counted_base: Option<i64>,
    /// Invoices: which price applied and why (buyer price, tier, quantity break, list).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price_basis: Option<crate::pricing::PriceBasis>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Payment {
    pub method: String,
    /// In the shop's currency.
    pub amount: String,
    pub change: String,
    /// Foreign cash: its currency, amount and the rate it was taken at.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub foreign_amount: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate: Option<String>,
}

pub(crate) fn load(conn: &Connection, shop: &Shop, doc_no: &str) -> Result<Document> {
    let (id, ..) = find_document(conn, doc_no, "document")?;
    load_by_id(conn, shop, &id)
}

pub(crate) fn load_by_id(conn: &Connection, shop: &Shop, id: &str) -> Result<Document> {
    let mu = shop.minor_units;
    let m = |v: i64| money::minor_str(v, mu);
    let mut doc = conn.cached_row(
        "SELECT d.id, d.doc_no, d.kind, d.status, d.occurred_at, d.due_at, d.received_at, u.username, d.device_id,
                c.code, r.doc_no, d.restock, d.supplier, d.note, d.override_reason, d.net_minor, d.vat_minor,
                d.gross_minor, (SELECT count(*) FROM movements mv WHERE mv.document_id = d.id)
         FROM documents d JOIN users u ON u.id = d.user_id
         LEFT JOIN customers c ON c.id = d.customer_id LEFT JOIN documents r ON r.id = d.ref_document_id
         WHERE d.id = ?1",
        [id],
        |r| {
            Ok(Document {
                id: r.get(0)?,
                doc_no: r.get(1)?,
                kind: Kind::parse(&r.get::<_, String>(2)?).unwrap_or(Kind::Sale),
                status: r.get(3)?,
                occurred_at: r.get(4)?,
                due_at: r.get(5)?,
                received_at: r.get(6)?,
                user: r.get(7)?,
                device_id: r.get(8)?,
                buyer: r.get(9)?,
                refers_to: r.get(10)?,
                restock: r.get::<_, Option<i64>>(11)?.map(|v| v != 0),
                supplier: r.get(12)?,
                note: r.get(13)?,
                override_reason: r.get(14)?,
                from_location: None,
                to_location: None,
                credit_override: None,
                currency: shop.currency.clone(),
                net: m(r.get(15)?),
                vat: m(r.get(16)?),
                gross: m(r.get(17)?),
                lines: vec![],
                payments: vec![],
                change: None,
                movements: r.get(18)?,
            })
        },
    )?;
    let mut st = conn.prepare_cached(
        "SELECT l.line_no, p.sku, p.name, l.unit, l.qty, l.factor_to_base, l.qty_base, l.unit_price, l.price_overridden,
                l.vat_rate, l.net_minor, l.vat_minor, l.gross_minor, l.unit_cost_e4, l.ref_line_no, l.counted_base,
                l.price_basis
         FROM document_lines l JOIN products p ON p.id = l.product_id WHERE l.document_id = ?1 ORDER BY l.line_no",
    )?;
    let lines = st.query_map([id], |r| {
        Ok(DocumentLine {
            line: r.get(0)?,
            sku: r.get(1)?,
            name: r.get(2)?,
            unit: r.get(3)?,
            qty: r.get(4)?,
            factor_to_base: r.get(5)?,
            qty_base: r.get(6)?,
            unit_price: r.get(7)?,
            price_overridden: r.get::<_, i64>(8)? != 0,
            vat_rate_pct: r.get(9)?,
            net: m(r.get(10)?),
            vat: m(r.get(11)?),
            gross: m(r.get(12)?),
            unit_cost: r.get::<_, Option<i64>>(13)?.map(|c| money::cost_from_e4(c).to_string()),
            returns_line: r.get(14)?,
            counted_base: r.get(15)?,
            price_basis: r.get::<_, Option<String>>(16)?.as_deref().and_then(crate::pricing::PriceBasis::from_db),
        })
    })?;
    doc.lines = lines.collect::<rusqlite::Result<_>>()?;
    let mut st = conn.prepare_cached(
        "SELECT method, amount_minor, change_minor, currency, foreign_minor, rate FROM payments
          WHERE document_id = ?1 ORDER BY seq",
    )?;
    let mut change_minor = 0;
    let pays = st.query_map([id], |r| {
        let fx = match (r.get::<_, Option<String>>(3)?, r.get::<_, Option<i64>>(4)?, r.get::<_, Option<String>>(5)?) {
            (Some(currency), Some(foreign), Some(rate)) => Some((currency, foreign, rate)),
            _ => None,
        };
        let change: i64 = r.get(2)?;
        Ok((payment_view(r.get(0)?, r.get(1)?, change, fx, mu), change))
    })?;
    for pay in pays {
        let (pay, change) = pay?;
        change_minor += change;
        doc.payments.push(pay);
    }
    if matches!(doc.kind, Kind::Transfer | Kind::Receipt) {
        (doc.from_location, doc.to_location) = crate::transfer::document_locations(conn, id)?;
    }
    if doc.kind == Kind::Invoice {
        doc.credit_override = crate::receivables::credit_override_of(conn, shop, &doc.doc_no)?;
    }
    if doc.kind == Kind::Sale {
        doc.change = Some(m(change_minor));
    }
    Ok(doc)
}
