//! Stock quotas (escrow) for tills that may go offline (DESIGN.md section 7).
//!
//! Where a shop wants a hard guarantee against overselling, the owner gives a till a quota of a
//! product while online. While that till is offline it sells the product only within its quota
//! (its own sales since the quota was set count against it; its returns give back). Every other
//! till keeps the unused part of every other till's quota out of what it sells, online or not;
//! a till without a quota of a product that has quotas sells none of it while offline. Quotas
//! replicate like catalog rows (last writer wins).

use rusqlite::{params, Connection, OptionalExtension};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::json;

use crate::catalog::Product;
use crate::db::CachedRow;
use crate::error::{Error, Result};
use crate::people::{Action, Actor};
use crate::time::Timestamp;

/// How long after its last successful sync a till counts as offline.
pub const OFFLINE_AFTER_SECS: i64 = 60;

/// One till's quota of one product.
#[derive(Debug, Clone, Serialize)]
pub struct Quota {
    pub device_id: String,
    pub series_prefix: Option<String>,
    pub sku: String,
    pub qty_base: i64,
    /// Sold by that till since the quota was set (returns deducted), as merged here.
    pub used_base: i64,
    pub base_unit: String,
    pub set_at: String,
}

/// Name a till by its series prefix (`B`) or device id: this one, or one the server listed.
fn resolve_till(conn: &Connection, till: &str) -> Result<String> {
    let t = till.trim();
    let own: (String, String) =
        conn.query_row("SELECT device_id, series_prefix FROM device WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
    if t == own.0 || t.eq_ignore_ascii_case(&own.1) {
        return Ok(own.0);
    }
    conn.query_row(
        "SELECT device_id FROM sync_peers WHERE device_id = ?1 OR upper(series_prefix) = upper(?1)",
        [t],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| Error::UnknownDevice { field: "till".into(), device: t.into() })
}

/// Net base units `device` took out of `product` since `since` (sales and invoices, less returns).
fn used(conn: &Connection, device: &str, product: &str, since: &str) -> Result<i64> {
    Ok(conn.cached_row(
        "SELECT COALESCE(-sum(qty_base), 0) FROM movements
          WHERE product_id = ?1 AND device_id = ?2 AND occurred_at >= ?3
            AND kind IN ('sale', 'invoice', 'retail_return', 'wholesale_return')",
        params![product, device, since],
        |r| r.get(0),
    )?)
}

/// Give `till` a quota of `qty` base units of `sku` (0 takes it away). Owner only; the device
/// must be registered, since quotas only mean something between tills.
pub(crate) fn set(
    conn: &mut Connection,
    actor: &Actor,
    till: &str,
    sku: &str,
    qty: Decimal,
    now: Timestamp,
) -> Result<Quota> {
    actor.require(Action::ManageSync)?;
    if !super::enabled(conn)? {
        return Err(Error::SyncNotConfigured);
    }
    let device = resolve_till(conn, till)?;
    let product = crate::catalog::product_by_sku(conn, sku.trim())?
        .ok_or_else(|| Error::UnknownProduct { field: "sku".into(), sku: sku.into() })?;
    let qty_base = crate::units::to_base_allow_zero(qty, &product.base_unit, 1, &product.base_unit, "qty")?;
    let tx = crate::db::write_tx(conn)?;
    tx.execute(
        "INSERT INTO stock_quotas (device_id, product_id, qty_base, set_at, user_id) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (device_id, product_id) DO UPDATE SET qty_base = excluded.qty_base, set_at = excluded.set_at,
                                                           user_id = excluded.user_id",
        params![device, product.id, qty_base, now.to_db(), actor.user_id],
    )?;
    let key = format!("{device}|{}", product.id);
    let stamp = super::stamp(&tx, now)?;
    super::set_version(&tx, "quota", &key, &stamp)?;
    let rows = super::rows::select(&tx, "stock_quotas", "device_id || '|' || product_id = ?1", &key)?;
    super::append(&tx, "quota", &json!({ "stamp": stamp, "rows": { "stock_quotas": rows } }), now)?;
    tx.commit()?;
    list(conn)?
        .into_iter()
        .find(|q| q.device_id == device && q.sku == product.sku)
        .ok_or_else(|| Error::Storage { detail: "the quota just set is missing".into() })
}

/// Every quota, with what each till has used of it.
pub(crate) fn list(conn: &Connection) -> Result<Vec<Quota>> {
    let mut st = conn.prepare(
        "SELECT q.device_id, COALESCE(p.series_prefix, (SELECT series_prefix FROM device WHERE device_id = q.device_id)),
                pr.sku, q.qty_base, pr.base_unit, q.set_at, q.product_id
           FROM stock_quotas q JOIN products pr ON pr.id = q.product_id
           LEFT JOIN sync_peers p ON p.device_id = q.device_id
          ORDER BY pr.sku, q.device_id",
    )?;
    let rows = st.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
        ))
    })?;
    let mut out = vec![];
    for row in rows {
        let (device_id, series_prefix, sku, qty_base, base_unit, set_at, pid) = row?;
        let used_base = used(conn, &device_id, &pid, &set_at)?;
        out.push(Quota { device_id, series_prefix, sku, qty_base, used_base, base_unit, set_at });
    }
    Ok(out)
}

/// Whether this till is offline at `at`: registered, and no successful sync in the last minute
/// (or the last attempt failed).
pub(crate) fn offline(conn: &Connection, at: Timestamp) -> Result<bool> {
    let (last_sync, last_error): (Option<String>, Option<String>) =
        conn.cached_row("SELECT last_sync_at, last_error_at FROM sync_state WHERE id = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    let Some(last_sync) = last_sync else { return Ok(true) };
    if last_error.is_some_and(|e| e > last_sync) {
        return Ok(true);
    }
    let last = Timestamp::from_db(&last_sync)?;
    Ok((at.0 - last.0).num_seconds() > OFFLINE_AFTER_SECS)
}

/// Refuse taking `qty_base` of `product` on this till when quotas forbid it (see the module).
/// `any`: whether any quota holds stock of the product (the caller read it with the balance).
pub(crate) fn check(
    conn: &Connection,
    device: &str,
    product: &Product,
    qty_base: i64,
    at: Timestamp,
    any: bool,
) -> Result<()> {
    if !any || product.allow_negative {
        return Ok(());
    }
    let quotas: Vec<(String, i64, String)> = {
        let mut st =
            conn.prepare_cached("SELECT device_id, qty_base, set_at FROM stock_quotas WHERE product_id = ?1")?;
        let rows = st.query_map([&product.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    if offline(conn, at)? {
        let (quota, used_now) = match quotas.iter().find(|(d, ..)| d == device) {
            Some((_, q, since)) => (*q, used(conn, device, &product.id, since)?),
            None => (0, 0),
        };
        if used_now + qty_base > quota {
            return Err(Error::QuotaExceeded {
                sku: product.sku.clone(),
                quota,
                used: used_now,
                requested: qty_base,
                base_unit: product.base_unit.clone(),
            });
        }
        return Ok(());
    }
    let mut held = 0;
    for (d, q, since) in quotas.iter().filter(|(d, ..)| d != device) {
        held += (q - used(conn, d, &product.id, since)?).max(0);
    }
    let on_hand = crate::stock::balance(conn, &product.id)?;
    if held > 0 && on_hand - held < qty_base {
        return Err(Error::HeldForOtherTills {
            sku: product.sku.clone(),
            on_hand,
            held,
            requested: qty_base,
            base_unit: product.base_unit.clone(),
        });
    }
    Ok(())
}
