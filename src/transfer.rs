//! Stock locations and transfers between them (DESIGN.md section 3).
//!
//! `main` is the selling location: the till and invoices sell from it. Other locations (a
//! warehouse, a back room) hold stock that goods receipts may bring in and transfers move. A
//! transfer is a document of its own gapless series per device (`TR-A-000001`): one transaction
//! writes, per line, a movement out of `from` and one into `to` (kind `transfer`), both at the
//! product's moving average, so the average and the inventory value do not change.
//!
//! Checks run in a fixed order: permission, date, locations (`from`, then `to`), line count, each
//! line in order (product, unit, quantity), then stock at `from` per product in order of first
//! appearance (out of main, open wholesale orders' reservations stay behind).

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::people::{Action, Actor};
use crate::shop::{Device, Shop};
use crate::stock::{Costing, MovementKind, NewMovement, MAIN};
use crate::time::Timestamp;

/// The rows of `locations` a document's replication entry carries: those (other than main) its
/// movements, or its from/to, name. `?1` is the document id (see crate::sync).
pub(crate) const LOCATIONS_OF_DOCUMENT: &str = "code <> 'main' AND code IN (
        SELECT location FROM movements WHERE document_id = ?1
        UNION SELECT from_location FROM document_locations WHERE document_id = ?1
        UNION SELECT to_location FROM document_locations WHERE document_id = ?1) ORDER BY code";

/// Most locations a shop may have.
pub const LOCATIONS_MAX: i64 = 200;

/// A line of a transfer: a product by SKU or barcode, in any of its units.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransferLine {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub barcode: Option<String>,
    #[serde(deserialize_with = "crate::document::de_decimal")]
    pub qty: Decimal,
    /// Defaults to the barcode's unit, or the base unit for a SKU.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// Stock moved from one location to another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransferDraft {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The location the stock leaves (a location code, e.g. `warehouse`).
    pub from: String,
    /// The location it arrives at (`main` to make it sellable).
    pub to: String,
    pub lines: Vec<TransferLine>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A goods receipt into a location other than main (JSON: a `receipt` with `"location"`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LocatedReceipt {
    pub location: String,
    #[serde(flatten)]
    pub receipt: crate::document::ReceiptDraft,
}

/// A location as listed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Location {
    pub code: String,
    pub name: String,
    /// Products with stock (other than zero) here.
    pub products: i64,
    /// Base units here, over every product.
    pub units: i64,
}

/// One location's balance of a product, as `onebook stock` shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LocationStock {
    pub location: String,
    pub on_hand: i64,
    pub on_hand_mixed: String,
}

/// Change `documents.kind`'s CHECK to allow `transfer` (migration 0018). SQLite cannot alter a
/// CHECK; widening one changes nothing stored, so the documented writable-schema edit is used
/// (https://sqlite.org/lang_altertable.html, section 7) instead of rebuilding the table that every
/// ledger table refers to: the columns other migrations added stay as they are.
pub(crate) fn allow_transfer_documents(tx: &Transaction) -> Result<()> {
    let sql: String =
        tx.query_row("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'documents'", [], |r| r.get(0))?;
    if sql.contains("'transfer'") {
        return Ok(());
    }
    let old = "'receipt', 'count')";
    if !sql.contains(old) {
        return Err(Error::Storage { detail: "migration 18: the documents table has an unexpected kind check".into() });
    }
    let new_sql = sql.replacen(old, "'receipt', 'count', 'transfer')", 1);
    let version: i64 = tx.query_row("PRAGMA schema_version", [], |r| r.get(0))?;
    tx.execute_batch("PRAGMA writable_schema = ON")?;
    let edited =
        tx.execute("UPDATE sqlite_master SET sql = ?1 WHERE type = 'table' AND name = 'documents'", params![new_sql]);
    // Bump the schema cookie so this and every other connection reads the new check.
    let bumped = tx.execute_batch(&format!("PRAGMA schema_version = {}", version + 1));
    tx.execute_batch("PRAGMA writable_schema = OFF")?;
    edited?;
    bumped?;
    Ok(())
}

fn check_code(code: &str, field: &str) -> Result<String> {
    let c = code.trim().to_lowercase();
    let ok = !c.is_empty()
        && c.len() <= 32
        && c.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-' || ch == '_');
    if !ok {
        return Err(Error::invalid(field, "1 to 32 letters a-z, digits, - or _"));
    }
    Ok(c)
}

/// The location a code names, or `unknown-location` at `field`.
pub(crate) fn resolve(conn: &Connection, code: &str, field: &str) -> Result<String> {
    let c = code.trim().to_lowercase();
    let found: Option<String> =
        conn.prepare_cached("SELECT code FROM locations WHERE code = ?1")?.query_row([&c], |r| r.get(0)).optional()?;
    found.ok_or_else(|| Error::UnknownLocation { field: field.into(), code: code.trim().into() })
}

/// Add a location (owner). Codes are lowercase; `main` is there from the start.
pub(crate) fn add_location(conn: &mut Connection, actor: &Actor, code: &str, name: &str) -> Result<Location> {
    actor.require(Action::ManageLocations)?;
    let code = check_code(code, "code")?;
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(Error::invalid("name", "1 to 100 characters"));
    }
    let tx = crate::db::write_tx(conn)?;
    let exists: bool =
        tx.query_row("SELECT EXISTS (SELECT 1 FROM locations WHERE code = ?1)", [&code], |r| r.get(0))?;
    if exists {
        return Err(Error::DuplicateLocation { field: "code".into(), code });
    }
    let count: i64 = tx.query_row("SELECT count(*) FROM locations", [], |r| r.get(0))?;
    if count >= LOCATIONS_MAX {
        return Err(Error::invalid("code", format!("at most {LOCATIONS_MAX} locations")));
    }
    tx.execute("INSERT INTO locations (code, name) VALUES (?1, ?2)", params![code, name])?;
    tx.commit()?;
    Ok(Location { code, name: name.into(), products: 0, units: 0 })
}

/// Every location, main first, with what it holds.
pub(crate) fn locations(conn: &Connection) -> Result<Vec<Location>> {
    let mut st = conn.prepare(
        "SELECT l.code, l.name,
                (SELECT count(*) FROM stock_balances b WHERE b.location = l.code AND b.qty_base <> 0),
                (SELECT COALESCE(SUM(b.qty_base), 0) FROM stock_balances b WHERE b.location = l.code)
         FROM locations l ORDER BY l.code <> 'main', l.code",
    )?;
    let rows =
        st.query_map([], |r| Ok(Location { code: r.get(0)?, name: r.get(1)?, products: r.get(2)?, units: r.get(3)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A document's from/to locations, for reading it back.
pub(crate) fn document_locations(conn: &Connection, doc_id: &str) -> Result<(Option<String>, Option<String>)> {
    Ok(conn
        .prepare_cached("SELECT from_location, to_location FROM document_locations WHERE document_id = ?1")?
        .query_row([doc_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((None, None)))
}

/// Record where a document moved stock (a transfer's from and to, a receipt's location).
pub(crate) fn record_locations(tx: &Transaction, doc_id: &str, from: Option<&str>, to: Option<&str>) -> Result<()> {
    tx.prepare_cached("INSERT INTO document_locations (document_id, from_location, to_location) VALUES (?1, ?2, ?3)")?
        .execute(params![doc_id, from, to])?;
    Ok(())
}

/// Post a transfer in the caller's transaction (permission and date already checked by
/// crate::document). Returns the new document's id.
pub(crate) fn post(
    tx: &Transaction,
    shop: &Shop,
    device: &Device,
    actor: &Actor,
    at: Timestamp,
    d: &TransferDraft,
) -> Result<String> {
    let _ = shop;
    let from = resolve(tx, &d.from, "from")?;
    let to = resolve(tx, &d.to, "to")?;
    if from == to {
        return Err(Error::SameLocation { field: "to".into(), location: to });
    }
    if d.lines.is_empty() {
        return Err(Error::NoLines);
    }
    if d.lines.len() > crate::document::LINES_MAX {
        return Err(Error::TooManyLines { max: crate::document::LINES_MAX });
    }
    let mut resolved = Vec::with_capacity(d.lines.len());
    for (i, l) in d.lines.iter().enumerate() {
        let field = format!("lines[{i}]");
        resolved.push(crate::document::resolve_line(tx, &l.sku, &l.barcode, &l.unit, l.qty, &field, false)?);
    }
    // Stock at `from`, per product summed over the lines, in order of first appearance.
    let mut first: Vec<usize> = vec![];
    let mut totals: HashMap<&str, i64> = HashMap::new();
    for (i, r) in resolved.iter().enumerate() {
        let t = totals.entry(r.product.id.as_str()).or_insert_with(|| {
            first.push(i);
            0
        });
        *t += r.qty_base;
    }
    for i in first {
        let p = &resolved[i].product;
        let requested = totals[p.id.as_str()];
        let on_hand = crate::stock::balance_at(tx, &p.id, &from)?;
        if !p.allow_negative && requested > on_hand {
            return Err(Error::InsufficientStockAt {
                field: format!("lines[{i}].qty"),
                sku: p.sku.clone(),
                location: from.clone(),
                on_hand,
                requested,
                base_unit: p.base_unit.clone(),
            });
        }
        // Stock that open wholesale orders hold at main stays there for their delivery.
        let reserved = if from == MAIN && !p.allow_negative { crate::stock::reserved_by_orders(tx, &p.id)? } else { 0 };
        if reserved > 0 && requested > on_hand - reserved {
            return Err(Error::ReservedByOrders {
                sku: p.sku.clone(),
                on_hand,
                reserved,
                reserve: 0,
                available: (on_hand - reserved).max(0),
                requested,
                base_unit: p.base_unit.clone(),
            });
        }
    }
    let note = match d.note.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(t) if t.chars().count() > 500 => return Err(Error::invalid("note", "at most 500 characters")),
        Some(t) => Some(t.to_string()),
    };
    let at_db = at.to_db();
    let series = format!("TR-{}", device.series_prefix);
    let number: i64 = tx
        .prepare_cached(
            "INSERT INTO series (series, last_number) VALUES (?1, 1)
             ON CONFLICT (series) DO UPDATE SET last_number = last_number + 1 RETURNING last_number",
        )?
        .query_row([&series], |r| r.get(0))?;
    let doc_no = format!("{series}-{number:06}");
    let id = crate::ids::new_id();
    tx.prepare_cached(
        "INSERT INTO documents (id, kind, series, number, doc_no, status, note, occurred_at, user_id, device_id)
         VALUES (?1, 'transfer', ?2, ?3, ?4, 'committed', ?5, ?6, ?7, ?8)",
    )?
    .execute(params![id, series, number, doc_no, note, at_db, actor.user_id, device.device_id])?;
    crate::rollups::add_document(tx, &at_db, "transfer")?;
    record_locations(tx, &id, Some(&from), Some(&to))?;
    for (i, r) in resolved.iter().enumerate() {
        let line_no = i as i64 + 1;
        let movement = |qty_base: i64| NewMovement {
            product: &r.product,
            qty_base,
            kind: MovementKind::Transfer,
            document_id: &id,
            line_no,
            costing: Costing::AtAverage,
            at,
            user_id: &actor.user_id,
        };
        let cost_e4 = crate::stock::apply_at(tx, device, movement(-r.qty_base), &from)?;
        crate::stock::apply_at(tx, device, movement(r.qty_base), &to)?;
        tx.prepare_cached(
            "INSERT INTO document_lines (document_id, line_no, kind, occurred_at, product_id, unit, qty, factor_to_base,
                                         qty_base, vat_rate, unit_cost_e4)
             VALUES (?1, ?2, 'transfer', ?3, ?4, ?5, ?6, ?7, ?8, '0', ?9)",
        )?
        .execute(params![id, line_no, at_db, r.product.id, r.unit, r.qty.to_string(), r.factor, r.qty_base, cost_e4])?;
        crate::rollups::add_line(tx, &at_db, "transfer", "0", 0, 0, r.qty_base)?;
    }
    Ok(id)
}

/// The oversold conflict `conflict_id` (see `onebook sync conflicts`) as a transfer that covers
/// it: the shortfall now at main, moved from `from`. Refused when the conflict is not an open
/// oversell.
pub(crate) fn conflict_transfer(conn: &Connection, conflict_id: i64, from: &str) -> Result<TransferDraft> {
    let found: Option<(String, Option<String>, Option<i64>)> = conn
        .query_row(
            "SELECT c.kind, p.sku, b.qty_base FROM sync_conflicts c LEFT JOIN products p ON p.id = c.product_id
               LEFT JOIN stock_balances b ON b.product_id = c.product_id AND b.location = 'main' WHERE c.id = ?1",
            [conflict_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((kind, Some(sku), balance)) = found else {
        return Err(Error::invalid("conflict", format!("no oversold conflict {conflict_id}")));
    };
    if kind != "oversold" {
        return Err(Error::invalid("conflict", format!("conflict {conflict_id} is {kind}, not an oversell")));
    }
    let short = -balance.unwrap_or(0);
    if short <= 0 {
        return Err(Error::invalid("conflict", format!("conflict {conflict_id} is already resolved")));
    }
    Ok(TransferDraft {
        date: None,
        from: from.to_string(),
        to: MAIN.to_string(),
        lines: vec![TransferLine { sku: Some(sku), barcode: None, qty: Decimal::from(short), unit: None }],
        note: Some(format!("conflict {conflict_id}")),
    })
}

impl crate::Book {
    /// Owner: add a stock location (`onebook location add warehouse "Back warehouse"`).
    pub fn add_location(&mut self, actor: &Actor, code: &str, name: &str) -> Result<Location> {
        add_location(&mut self.conn, actor, code, name)
    }

    /// Every location, main first, with the products and base units it holds.
    pub fn locations(&self) -> Result<Vec<Location>> {
        locations(self.conn())
    }

    /// Post a transfer (the same as `post` with a transfer draft).
    pub fn transfer(&mut self, actor: &Actor, draft: &TransferDraft, now: Timestamp) -> Result<crate::Document> {
        self.post(actor, &crate::DocumentDraft::Transfer(draft.clone()), now)
    }

    /// The conflict screen's "cover by transfer": post a transfer of exactly the shortfall of the
    /// open oversold conflict `conflict_id` (see [`crate::Book::sync_conflicts`]) from `from`
    /// (e.g. `warehouse`) into main. The conflict is then closed (main is back at zero) here, and
    /// on every other till once the transfer has synced. Needs the owner's sync permission and
    /// the transfer permission; refused like any transfer when `from` has too little.
    pub fn resolve_conflict_by_transfer(
        &mut self,
        actor: &Actor,
        conflict_id: i64,
        from: &str,
        now: Timestamp,
    ) -> Result<crate::Document> {
        actor.require(Action::ManageSync)?;
        actor.require(Action::Transfer)?;
        let draft = conflict_transfer(self.conn(), conflict_id, from)?;
        self.transfer(actor, &draft, now)
    }
}
