//! Resolving a conflict merging found: an oversold product (two offline tills sold the last
//! units) is settled by counting what is really on the shelf. The count is an ordinary count
//! document; the conflict leaves the list on every till once the count has been merged there
//! (the balance is no longer below zero).
//!
//! "Resolve with a transfer" (stock moved from another location) waits for the stock-transfer
//! document of the library; [`conflict_sku`] is what it will start from too.

use rusqlite::{Connection, OptionalExtension};
use rust_decimal::Decimal;

use crate::document::{CountDraft, CountLine, DocumentDraft};
use crate::error::{Error, Result};

/// The SKU of an oversold conflict still open here.
pub(crate) fn conflict_sku(conn: &Connection, conflict_id: i64) -> Result<String> {
    let found: Option<(String, i64)> = conn
        .query_row(
            "SELECT p.sku, COALESCE(b.qty_base, 0) FROM sync_conflicts c
               JOIN products p ON p.id = c.product_id
               LEFT JOIN stock_balances b ON b.product_id = c.product_id AND b.location = 'main'
              WHERE c.id = ?1 AND c.kind = 'oversold'",
            [conflict_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match found {
        Some((sku, balance)) if balance < 0 => Ok(sku),
        Some(_) => Err(Error::invalid("conflict", "already resolved: the balance is no longer below zero")),
        None => Err(Error::invalid("conflict", "no oversold product with this number")),
    }
}

/// The count document that resolves conflict `conflict_id`: the product counted at `counted`
/// base units (a number, zero or more).
pub(crate) fn count_draft(conn: &Connection, conflict_id: i64, counted: &str) -> Result<DocumentDraft> {
    let counted =
        Decimal::from_str_exact(counted.trim()).map_err(|_| Error::invalid("qty", "the counted quantity, a number"))?;
    if counted.is_sign_negative() {
        return Err(Error::invalid("qty", "a count is zero or more"));
    }
    let sku = conflict_sku(conn, conflict_id)?;
    Ok(DocumentDraft::Count(CountDraft {
        date: None,
        lines: vec![CountLine { sku: Some(sku), barcode: None, qty: counted, unit: None }],
        note: Some(format!("sync conflict {conflict_id}")),
    }))
}
