//! Starting an invoice draft quickly: again from a past invoice (express reorder), or from a
//! buyer's order sheet (bulk CSV upload). Both make a draft for `post`; neither records anything.

use std::collections::HashMap;
use std::io::Read;

use rusqlite::Connection;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::buyers::BuyerAccount;
use crate::catalog::Product;
use crate::document::{DocumentDraft, InvoiceDraft, Kind, SaleLine};
use crate::error::{Error, Result, RowError};
use crate::i18n::Locale;
use crate::people::{Action, Actor};
use crate::shop::Shop;
use crate::time::Timestamp;

/// Most lines an order sheet may hold (a document's limit).
const ORDER_LINES_MAX: usize = crate::document::LINES_MAX;

/// One line of a draft as it would be priced today.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DraftLine {
    pub line: usize,
    pub sku: String,
    pub name: String,
    pub unit: String,
    pub qty: String,
    pub qty_base: i64,
    /// Today's price for this buyer, when there is one.
    pub unit_price: Option<String>,
    pub price_basis: Option<crate::pricing::PriceBasis>,
    /// What the wholesale channel can still take of this product after the lines before it.
    pub available: Option<i64>,
}

/// What changed since the invoice a reorder copies.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReorderChange {
    pub line: usize,
    pub sku: String,
    /// `price_changed`, `short` (not enough stock now) or `no_price`.
    pub change: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_price: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_price: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub available: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requested: Option<i64>,
}

/// A new invoice draft made from a past one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reorder {
    pub from: String,
    pub buyer: String,
    /// Ready for `post`.
    pub draft: DocumentDraft,
    pub lines: Vec<DraftLine>,
    pub changes: Vec<ReorderChange>,
}

/// A draft made from an order sheet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrderUpload {
    pub buyer: String,
    /// Ready for `post`.
    pub draft: DocumentDraft,
    pub lines: Vec<DraftLine>,
}

/// Price and availability of resolved lines for a buyer at `at`.
fn draft_lines(
    conn: &Connection,
    buyer: &BuyerAccount,
    lines: &[(Product, String, Decimal, i64)],
    at: Timestamp,
) -> Result<Vec<DraftLine>> {
    let mut taken: HashMap<String, i64> = HashMap::new();
    let mut out = vec![];
    for (i, (p, unit, qty, qty_base)) in lines.iter().enumerate() {
        let priced = crate::pricing::resolve(conn, buyer, p, unit, *qty, at)?;
        let available = if p.allow_negative {
            None
        } else {
            let before = taken.get(&p.id).copied().unwrap_or(0);
            // What open orders reserve is not there for a new invoice.
            let reserved = crate::stock::reserved_by_orders(conn, &p.id)?;
            Some((crate::stock::balance(conn, &p.id)? - reserved - before).max(0))
        };
        *taken.entry(p.id.clone()).or_insert(0) += qty_base;
        out.push(DraftLine {
            line: i + 1,
            sku: p.sku.clone(),
            name: p.name.clone(),
            unit: unit.clone(),
            qty: qty.normalize().to_string(),
            qty_base: *qty_base,
            unit_price: priced.as_ref().map(|(price, _)| price.normalize().to_string()),
            price_basis: priced.map(|(_, b)| b),
            available,
        });
    }
    Ok(out)
}

fn invoice_draft(buyer: &str, lines: &[DraftLine]) -> DocumentDraft {
    DocumentDraft::Invoice(InvoiceDraft {
        date: None,
        buyer: buyer.to_string(),
        lines: lines
            .iter()
            .map(|l| SaleLine {
                sku: Some(l.sku.clone()),
                barcode: None,
                qty: Decimal::from_str_exact(&l.qty).unwrap_or_default(),
                unit: Some(l.unit.clone()),
                price: None,
            })
            .collect(),
        override_reason: None,
        note: None,
    })
}

/// A new invoice draft with the lines of `doc_no`, priced today, with what changed.
pub(crate) fn reorder(conn: &Connection, actor: &Actor, shop: &Shop, doc_no: &str, now: Timestamp) -> Result<Reorder> {
    actor.require(Action::Invoice)?;
    let doc = crate::document::load(conn, shop, doc_no)?;
    if doc.kind != Kind::Invoice {
        return Err(Error::WrongDocumentKind {
            field: "invoice".into(),
            doc_no: doc_no.into(),
            found: doc.kind.as_str().into(),
            expected: Kind::Invoice.as_str().into(),
        });
    }
    let buyer_code = doc.buyer.clone().unwrap_or_default();
    let buyer = crate::buyers::account(conn, shop, &buyer_code)?;
    let mut resolved = vec![];
    for l in &doc.lines {
        let p = crate::catalog::product_by_sku(conn, &l.sku)?
            .ok_or_else(|| Error::UnknownProduct { field: format!("lines[{}]", l.line - 1), sku: l.sku.clone() })?;
        let qty = Decimal::from_str_exact(&l.qty).unwrap_or_default();
        resolved.push((p, l.unit.clone(), qty, l.qty_base));
    }
    let lines = draft_lines(conn, &buyer, &resolved, now)?;
    let mut changes = vec![];
    for (old, new) in doc.lines.iter().zip(&lines) {
        let old_price = old.unit_price.as_deref().and_then(|p| Decimal::from_str_exact(p).ok());
        let new_price = new.unit_price.as_deref().and_then(|p| Decimal::from_str_exact(p).ok());
        let change = |kind: &str| ReorderChange {
            line: new.line,
            sku: new.sku.clone(),
            change: kind.into(),
            old_price: None,
            new_price: None,
            available: None,
            requested: None,
        };
        match (old_price, new_price) {
            (_, None) => changes
                .push(ReorderChange { old_price: old_price.map(|p| p.normalize().to_string()), ..change("no_price") }),
            (Some(o), Some(n)) if o != n => changes.push(ReorderChange {
                old_price: Some(o.normalize().to_string()),
                new_price: Some(n.normalize().to_string()),
                ..change("price_changed")
            }),
            _ => {}
        }
        if let Some(avail) = new.available {
            if avail < new.qty_base {
                changes.push(ReorderChange {
                    available: Some(avail),
                    requested: Some(new.qty_base),
                    ..change("short")
                });
            }
        }
    }
    Ok(Reorder {
        from: doc.doc_no,
        buyer: buyer.code.clone(),
        draft: invoice_draft(&buyer.code, &lines),
        lines,
        changes,
    })
}

/// The column of an order sheet a header names.
#[derive(Clone, Copy, PartialEq)]
enum Col {
    Code,
    Sku,
    Barcode,
    Qty,
    Unit,
}

/// Turn an order sheet (CSV: `sku` or `barcode` or `code`, `qty`, optional `unit`) into an
/// invoice draft for `buyer`. Every line is checked; with any bad line no draft is made and each
/// bad line is listed with its line number (the header is line 1) and reason.
pub(crate) fn upload(
    conn: &Connection,
    actor: &Actor,
    shop: &Shop,
    buyer: &str,
    source: impl Read,
    locale: Locale,
    now: Timestamp,
) -> Result<OrderUpload> {
    actor.require(Action::Invoice)?;
    let account = crate::buyers::account(conn, shop, buyer)?;
    // CSV as it is; an Excel workbook's first sheet or a paste from a spreadsheet, made CSV.
    let text = crate::sheet::as_csv(source)?;
    let mut reader =
        csv::ReaderBuilder::new().has_headers(true).flexible(true).trim(csv::Trim::All).from_reader(text.as_slice());
    let headers =
        reader.headers().map_err(|e| Error::invalid("line 1", format!("cannot read the header: {e}")))?.clone();
    let mut cols: Vec<Option<Col>> = vec![];
    for (i, h) in headers.iter().enumerate() {
        let h = if i == 0 { h.trim_start_matches('\u{feff}') } else { h };
        cols.push(match h.trim().to_lowercase().as_str() {
            "code" | "sku_or_barcode" => Some(Col::Code),
            "sku" => Some(Col::Sku),
            "barcode" | "ean" | "gtin" => Some(Col::Barcode),
            "qty" | "quantity" => Some(Col::Qty),
            "unit" => Some(Col::Unit),
            _ => None,
        });
    }
    let has = |c: Col| cols.contains(&Some(c));
    if !has(Col::Qty) || !(has(Col::Code) || has(Col::Sku) || has(Col::Barcode)) {
        return Err(Error::invalid("header", "the order sheet needs a qty column and a sku, barcode or code column"));
    }
    let mut good: Vec<(Product, String, Decimal, i64)> = vec![];
    let mut bad: Vec<RowError> = vec![];
    let row_error = |line: u64, column: Option<&str>, e: Error| RowError {
        line,
        column: column.map(str::to_string),
        code: e.code(),
        message: e.message(locale),
        error: Box::new(e),
    };
    let mut rows = 0usize;
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                bad.push(row_error(line, None, Error::invalid(format!("line {line}"), e.to_string())));
                continue;
            }
        };
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        rows += 1;
        if rows > ORDER_LINES_MAX {
            return Err(Error::TooManyLines { max: ORDER_LINES_MAX });
        }
        let cell = |c: Col| -> Option<&str> {
            cols.iter().position(|x| *x == Some(c)).and_then(|i| record.get(i)).map(str::trim).filter(|v| !v.is_empty())
        };
        match order_line(conn, &account, &cell, now) {
            Ok(l) => good.push(l),
            Err(b) => {
                let (column, e) = *b;
                bad.push(row_error(line, column, e))
            }
        }
    }
    if !bad.is_empty() {
        return Err(Error::OrderRejected { count: bad.len(), rows: bad });
    }
    if good.is_empty() {
        return Err(Error::NoLines);
    }
    let lines = draft_lines(conn, &account, &good, now)?;
    Ok(OrderUpload { buyer: account.code.clone(), draft: invoice_draft(&account.code, &lines), lines })
}

type LineOut = (Product, String, Decimal, i64);
type BadCell = Box<(Option<&'static str>, Error)>;

fn bad(column: Option<&'static str>, e: Error) -> BadCell {
    Box::new((column, e))
}

/// One line of an order sheet, or the column at fault and why.
fn order_line<'r>(
    conn: &Connection,
    buyer: &BuyerAccount,
    cell: &dyn Fn(Col) -> Option<&'r str>,
    at: Timestamp,
) -> std::result::Result<LineOut, BadCell> {
    let found = match (cell(Col::Code), cell(Col::Sku), cell(Col::Barcode)) {
        (Some(code), None, None) => crate::stock::resolve_code(conn, code, "code").map_err(|e| bad(Some("code"), e))?,
        (None, Some(sku), None) => {
            let p = crate::catalog::product_by_sku(conn, sku)
                .map_err(|e| bad(Some("sku"), e))?
                .ok_or_else(|| bad(Some("sku"), Error::UnknownProduct { field: "sku".into(), sku: sku.into() }))?;
            let u = p.base_unit.clone();
            (p, u)
        }
        (None, None, Some(code)) => {
            let code = crate::barcode::validate(code, "barcode").map_err(|e| bad(Some("barcode"), e))?;
            crate::catalog::product_by_barcode(conn, &code)
                .map_err(|e| bad(Some("barcode"), e))?
                .ok_or_else(|| bad(Some("barcode"), Error::UnknownBarcode { field: "barcode".into(), code }))?
        }
        (None, None, None) => return Err(bad(None, Error::invalid("sku", "a sku or barcode is required"))),
        _ => return Err(bad(None, Error::invalid("sku", "give a sku or a barcode, not both"))),
    };
    let (product, scanned) = found;
    let unit = cell(Col::Unit).map(crate::units::normalize_unit).unwrap_or(scanned);
    let factor =
        crate::catalog::unit_factor(conn, &product.id, &unit).map_err(|e| bad(Some("unit"), e))?.ok_or_else(|| {
            bad(Some("unit"), Error::UnknownUnit { field: "unit".into(), sku: product.sku.clone(), unit: unit.clone() })
        })?;
    let qty_text = cell(Col::Qty).unwrap_or("");
    let qty = crate::money::parse_decimal(qty_text, "qty").map_err(|e| bad(Some("qty"), e))?;
    let qty_base =
        crate::units::to_base(qty, &unit, factor, &product.base_unit, "qty").map_err(|e| bad(Some("qty"), e))?;
    if crate::pricing::resolve(conn, buyer, &product, &unit, qty, at).map_err(|e| bad(Some("unit"), e))?.is_none() {
        return Err(bad(
            Some("unit"),
            Error::NoPrice { field: "unit".into(), sku: product.sku.clone(), unit, list: "wholesale".into() },
        ));
    }
    Ok((product, unit, qty.normalize(), qty_base))
}
