//! The cloud ledger, this device's side (DESIGN.md section 7): the device's own log, merging the
//! logs of the other devices of the shop, the conflicts merging finds, and the sync status.
//!
//! - **The log.** Once the device is registered, every committed change that other tills must see
//!   (a document with its lines, payments and movements; a return received; a product with its
//!   units, barcodes and prices; a user; a buyer; a buyer's payment, a price rule, a month or day
//!   close, a void) appends one entry to `sync_log` in the change's
//!   own transaction, numbered densely from 1. Registration first writes the history already in
//!   the file, so a shop can start replicating at any time.
//! - **Merging.** Entries of other devices are applied in their order, one SQLite transaction per
//!   batch together with the cursor of that device, so each is applied exactly once. A document
//!   inserts the very rows its device wrote and books its movements here ([`crate::stock::replay`]);
//!   movements add up, so any order of merging ends with the same balances. Catalog rows replace
//!   older ones (last writer wins, by time and device). An entry whose product, user, buyer or
//!   referenced document has not arrived yet waits, and its device's stream with it.
//! - **Conflicts are shown.** A merged movement that takes a balance below zero (two offline tills
//!   sold the last unit) is recorded for the owner with the sales involved; both sales stand. It is
//!   resolved by a stock count (or a receipt) bringing the balance back to zero or above.
//!
//! The network side, PostgreSQL, is [`cloud`] (cargo feature `cloud`).

#[cfg(feature = "cloud")]
pub mod cloud;
pub mod quota;
#[cfg(feature = "cloud")]
pub mod rebase;
pub(crate) mod resolve;
pub(crate) mod rows;

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::{json, Value as Json};

use crate::db::CachedRow;
use crate::error::{Error, Result};
use crate::time::Timestamp;
use rows::OnConflict;

/// Who may run this till's sync: anyone who sells here (the till syncs for its cashier) or manages it.
pub(crate) fn require_sync(actor: &crate::people::Actor) -> Result<()> {
    use crate::people::Action;
    actor.require(Action::Sell).or_else(|_| actor.require(Action::ManageSync))
}

/// Whether this device is registered, so its changes go to its log.
pub(crate) fn enabled(conn: &Connection) -> Result<bool> {
    Ok(conn.cached_row("SELECT EXISTS (SELECT 1 FROM sync_config)", [], |r| r.get(0))?)
}

fn append(conn: &Connection, kind: &str, payload: &Json, now: Timestamp) -> Result<()> {
    conn.prepare_cached("INSERT INTO sync_log (kind, payload, created_at) VALUES (?1, ?2, ?3)")?.execute(params![
        kind,
        payload.to_string(),
        now.to_db()
    ])?;
    Ok(())
}

fn own_device(conn: &Connection) -> Result<String> {
    Ok(conn.cached_row("SELECT device_id FROM device WHERE id = 1", [], |r| r.get(0))?)
}

/// The rows of one document, as its entry carries them.
fn document_rows(conn: &Connection, doc_id: &str) -> Result<Json> {
    Ok(json!({
        "documents": rows::select(conn, "documents", "id = ?1", doc_id)?,
        "document_lines": rows::select(conn, "document_lines", "document_id = ?1 ORDER BY line_no", doc_id)?,
        "payments": rows::select(conn, "payments", "document_id = ?1 ORDER BY seq", doc_id)?,
        "credit_overrides": rows::select(conn, "credit_overrides", "document_id = ?1", doc_id)?,
        "movements": rows::select(conn, "movements", "document_id = ?1 ORDER BY device_seq", doc_id)?,
        // Locations other than main that the document moves stock at, and its from/to (transfers).
        "locations": rows::select(conn, "locations", crate::transfer::LOCATIONS_OF_DOCUMENT, doc_id)?,
        "document_locations": rows::select(conn, "document_locations", "document_id = ?1", doc_id)?,
    }))
}

/// Log a committed document (or, `received`, the receipt of a wholesale return) in its transaction.
pub(crate) fn log_document(conn: &Connection, doc_id: &str, received: bool, now: Timestamp) -> Result<()> {
    if !enabled(conn)? {
        return Ok(());
    }
    if received {
        let (at, by): (Option<String>, Option<String>) =
            conn.query_row("SELECT received_at, received_by FROM documents WHERE id = ?1", [doc_id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        let movements = rows::select(conn, "movements", "document_id = ?1 ORDER BY device_seq", doc_id)?;
        let payload = json!({ "document_id": doc_id, "received_at": at, "received_by": by,
                              "rows": { "movements": movements } });
        append(conn, "receive", &payload, now)
    } else {
        append(conn, "doc", &json!({ "rows": document_rows(conn, doc_id)? }), now)
    }
}

/// A stamp for last-writer-wins: the time of the write, then the device, so ties break the same
/// way everywhere.
fn stamp(conn: &Connection, now: Timestamp) -> Result<String> {
    Ok(format!("{}|{}", now.to_db(), own_device(conn)?))
}

fn set_version(conn: &Connection, entity: &str, key: &str, stamp: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO sync_versions (entity, key, stamp) VALUES (?1, ?2, ?3)
         ON CONFLICT (entity, key) DO UPDATE SET stamp = excluded.stamp",
    )?
    .execute(params![entity, key, stamp])?;
    Ok(())
}

fn product_payload(conn: &Connection, id: &str, stamp: &str) -> Result<Json> {
    Ok(json!({ "stamp": stamp, "rows": {
        "products": rows::select(conn, "products", "id = ?1", id)?,
        "product_units": rows::select(conn, "product_units", "product_id = ?1 ORDER BY unit", id)?,
        "barcodes": rows::select(conn, "barcodes", "product_id = ?1 ORDER BY code", id)?,
        "prices": rows::select(conn, "prices", "product_id = ?1 ORDER BY price_list, unit", id)?,
    }}))
}

/// Log a product as it now is (its units, barcodes and prices with it).
pub(crate) fn log_product(conn: &Connection, id: &str, now: Timestamp) -> Result<()> {
    if !enabled(conn)? {
        return Ok(());
    }
    let st = stamp(conn, now)?;
    set_version(conn, "product", id, &st)?;
    append(conn, "product", &product_payload(conn, id, &st)?, now)
}

/// Log a user as it now is.
pub(crate) fn log_user(conn: &Connection, id: &str, now: Timestamp) -> Result<()> {
    if !enabled(conn)? {
        return Ok(());
    }
    let st = stamp(conn, now)?;
    set_version(conn, "user", id, &st)?;
    append(conn, "user", &json!({ "stamp": st, "rows": { "users": rows::select(conn, "users", "id = ?1", id)? } }), now)
}

/// Log a wholesale buyer as it now is.
pub(crate) fn log_customer(conn: &Connection, id: &str, now: Timestamp) -> Result<()> {
    if !enabled(conn)? {
        return Ok(());
    }
    let st = stamp(conn, now)?;
    set_version(conn, "customer", id, &st)?;
    let rows = rows::select(conn, "customers", "id = ?1", id)?;
    append(conn, "customer", &json!({ "stamp": st, "rows": { "customers": rows } }), now)
}

/// The immutable records that replicate as they are, each an entry of its own kind: the tables
/// (in insert order) and the condition selecting the record's rows by its key.
const RECORDS: &[(&str, &[(&str, &str)])] = &[
    ("payment", &[("buyer_payments", "id = ?1"), ("payment_allocations", "payment_id = ?1 ORDER BY invoice_id")]),
    ("price_rule", &[("price_rules", "id = ?1")]),
    ("period_close", &[("period_closes", "through_month = ?1")]),
    ("day_close", &[("day_closes", "doc_no = ?1")]),
    ("void", &[("voids", "id = ?1"), ("void_lines", "void_id = ?1 ORDER BY line_no")]),
    ("fx_rate", &[("fx_rates", "currency || '|' || day = ?1")]),
    ("order", &[("orders", "id = ?1"), ("order_lines", "order_id = ?1 ORDER BY line_no")]),
    ("order_event", &[("order_events", "id = ?1"), ("order_event_lines", "event_id = ?1 ORDER BY line_no")]),
];

/// Columns numbered locally (their numbers differ between devices): left to each device.
const LOCAL_KEYS: &[(&str, &str)] = &[("price_rules", "id"), ("period_closes", "seq")];

/// Log an immutable record of kind `kind` (see [`RECORDS`]) by its key, in its transaction.
pub(crate) fn log_record(conn: &Connection, kind: &str, key: &str, now: Timestamp) -> Result<()> {
    if !enabled(conn)? {
        return Ok(());
    }
    let (_, tables) = RECORDS
        .iter()
        .find(|(k, _)| *k == kind)
        .ok_or_else(|| Error::Storage { detail: format!("no record kind {kind}") })?;
    let mut rows = serde_json::Map::new();
    for (table, cond) in tables.iter() {
        rows.insert(table.to_string(), Json::Array(rows::select(conn, table, cond, key)?));
    }
    append(conn, kind, &json!({ "rows": rows }), now)
}

/// Write the history already in the file to the log (at registration, when the log is empty):
/// users, buyers, products, then every document in the order it was committed.
pub(crate) fn backfill(conn: &Connection, now: Timestamp) -> Result<u64> {
    let logged: i64 = conn.query_row("SELECT count(*) FROM sync_log", [], |r| r.get(0))?;
    if logged > 0 {
        return Ok(0);
    }
    let ids = |sql: &str| -> Result<Vec<String>> {
        let mut st = conn.prepare(sql)?;
        let v = st.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v)
    };
    let mut n = 0;
    for id in ids("SELECT id FROM users ORDER BY rowid")? {
        log_user(conn, &id, now)?;
        n += 1;
    }
    for id in ids("SELECT id FROM customers ORDER BY rowid")? {
        log_customer(conn, &id, now)?;
        n += 1;
    }
    for id in ids("SELECT id FROM products ORDER BY rowid")? {
        log_product(conn, &id, now)?;
        n += 1;
    }
    for id in ids("SELECT id FROM documents ORDER BY rowid")? {
        log_document(conn, &id, false, now)?;
        n += 1;
    }
    for (kind, sql) in [
        ("price_rule", "SELECT CAST(id AS TEXT) FROM price_rules ORDER BY id"),
        ("payment", "SELECT id FROM buyer_payments ORDER BY rowid"),
        ("void", "SELECT id FROM voids ORDER BY rowid"),
        ("day_close", "SELECT doc_no FROM day_closes ORDER BY rowid"),
        ("period_close", "SELECT through_month FROM period_closes ORDER BY seq"),
        ("fx_rate", "SELECT currency || '|' || day FROM fx_rates ORDER BY day, currency"),
        ("order", "SELECT id FROM orders ORDER BY rowid"),
        ("order_event", "SELECT id FROM order_events ORDER BY rowid"),
    ] {
        for key in ids(sql)? {
            log_record(conn, kind, &key, now)?;
            n += 1;
        }
    }
    Ok(n)
}

// ---------------------------------------------------------------------------------------------
// Merging other devices' entries

/// What became of one entry of another device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Applied {
    /// Applied (or found already here): the cursor moves past it.
    Done,
    /// Something it refers to has not arrived yet: it waits, and its device's stream with it.
    Waiting,
}

fn exists(conn: &Connection, table: &str, id: &str) -> Result<bool> {
    let sql = match table {
        "users" => "SELECT EXISTS (SELECT 1 FROM users WHERE id = ?1)",
        "customers" => "SELECT EXISTS (SELECT 1 FROM customers WHERE id = ?1)",
        "products" => "SELECT EXISTS (SELECT 1 FROM products WHERE id = ?1)",
        "documents" => "SELECT EXISTS (SELECT 1 FROM documents WHERE id = ?1)",
        "movements" => "SELECT EXISTS (SELECT 1 FROM movements WHERE id = ?1)",
        "orders" => "SELECT EXISTS (SELECT 1 FROM orders WHERE id = ?1)",
        other => return Err(Error::Cloud { detail: format!("no lookup for {other}") }),
    };
    Ok(conn.cached_row(sql, [id], |r| r.get(0))?)
}

fn list<'a>(payload: &'a Json, table: &str) -> &'a [Json] {
    payload["rows"][table].as_array().map(Vec::as_slice).unwrap_or(&[])
}

/// Whether every row an entry refers to is here.
fn ready(conn: &Connection, payload: &Json) -> Result<bool> {
    let opt = |row: &Json, col: &str| row.get(col).and_then(|v| v.as_str()).map(str::to_string);
    for d in list(payload, "documents") {
        for (col, table) in [("user_id", "users"), ("customer_id", "customers"), ("ref_document_id", "documents")] {
            if let Some(id) = opt(d, col) {
                if !exists(conn, table, &id)? {
                    return Ok(false);
                }
            }
        }
    }
    for table in ["document_lines", "movements"] {
        for l in list(payload, table) {
            if !exists(conn, "products", rows::text(l, "product_id")?)? {
                return Ok(false);
            }
        }
    }
    for m in list(payload, "movements") {
        if !exists(conn, "users", rows::text(m, "user_id")?)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Book the movements of an entry (each once) and record any balance they take below zero.
fn apply_movements(conn: &Connection, payload: &Json, origin: &str, now: Timestamp) -> Result<()> {
    for m in list(payload, "movements") {
        let id = rows::text(m, "id")?;
        if exists(conn, "movements", id)? {
            continue;
        }
        rows::insert(conn, "movements", m, OnConflict::Ignore, &[], &[])?;
        let pid = rows::text(m, "product_id")?;
        let qty = rows::int(m, "qty_base")?;
        let location = m.get("location").and_then(|v| v.as_str()).unwrap_or(crate::stock::MAIN);
        let after = crate::stock::replay(
            conn,
            pid,
            location,
            qty,
            rows::text(m, "kind")?,
            rows::int(m, "unit_cost_e4")?,
            rows::text(m, "occurred_at")?,
        )?;
        // The month rows keep what the movement's row says (as a rebuild from the ledger reads it).
        crate::rollups::add_product_month(
            conn,
            pid,
            rows::text(m, "occurred_at")?,
            rows::text(m, "kind")?,
            rows::int(m, "balance_after")?,
            rows::int(m, "avg_cost_after_e4")?,
        )?;
        // Oversold is of the selling location (the conflict list reads its balance).
        if qty < 0 && after < 0 && location == crate::stock::MAIN {
            let doc_id = rows::text(m, "document_id")?;
            let (allow_negative, overridden): (bool, bool) = conn.cached_row(
                "SELECT p.allow_negative, d.override_reason IS NOT NULL FROM products p, documents d
                  WHERE p.id = ?1 AND d.id = ?2",
                params![pid, doc_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            if !allow_negative && !overridden {
                conn.prepare_cached(
                    "INSERT INTO sync_conflicts (kind, product_id, document_id, device_id, balance_after, detected_at)
                     VALUES ('oversold', ?1, ?2, ?3, ?4, ?5)",
                )?
                .execute(params![pid, doc_id, origin, after, now.to_db()])?;
            }
        }
    }
    Ok(())
}

fn apply_document(conn: &Connection, payload: &Json, origin: &str, now: Timestamp) -> Result<Applied> {
    let Some(doc) = list(payload, "documents").first() else {
        return Err(Error::Cloud { detail: "a document entry without its document".into() });
    };
    if exists(conn, "documents", rows::text(doc, "id")?)? {
        return Ok(Applied::Done);
    }
    if !ready(conn, payload)? {
        return Ok(Applied::Waiting);
    }
    for l in list(payload, "locations") {
        rows::insert(conn, "locations", l, OnConflict::Ignore, &[], &[])?;
    }
    rows::insert(conn, "documents", doc, OnConflict::Ignore, &[], &[])?;
    let at = rows::text(doc, "occurred_at")?;
    let kind = rows::text(doc, "kind")?;
    crate::rollups::add_document(conn, at, kind)?;
    for l in list(payload, "document_lines") {
        rows::insert(conn, "document_lines", l, OnConflict::Ignore, &[], &[])?;
        crate::rollups::add_line(
            conn,
            at,
            kind,
            rows::text(l, "vat_rate")?,
            rows::int(l, "net_minor")?,
            rows::int(l, "vat_minor")?,
            rows::int(l, "qty_base")?,
        )?;
    }
    for table in ["payments", "credit_overrides", "document_locations"] {
        for r in list(payload, table) {
            rows::insert(conn, table, r, OnConflict::Ignore, &[], &[])?;
        }
    }
    apply_movements(conn, payload, origin, now)?;
    Ok(Applied::Done)
}

fn apply_receive(conn: &Connection, payload: &Json, origin: &str, now: Timestamp) -> Result<Applied> {
    let doc_id = payload["document_id"].as_str().unwrap_or_default();
    let by = payload["received_by"].as_str();
    if !exists(conn, "documents", doc_id)? || by.is_some_and(|b| !exists(conn, "users", b).unwrap_or(false)) {
        return Ok(Applied::Waiting);
    }
    if !ready(conn, payload)? {
        return Ok(Applied::Waiting);
    }
    let fresh = list(payload, "movements")
        .iter()
        .map(|m| rows::text(m, "id").and_then(|id| exists(conn, "movements", id)))
        .collect::<Result<Vec<bool>>>()?
        .iter()
        .any(|here| !here);
    if !fresh {
        return Ok(Applied::Done);
    }
    let changed = conn.execute(
        "UPDATE documents SET status = 'received', received_at = ?2, received_by = ?3
          WHERE id = ?1 AND status = 'to_receive'",
        params![doc_id, payload["received_at"].as_str(), by],
    )?;
    if changed == 0 {
        // Two devices received the same return while apart: both restocked, and the owner is told.
        conn.execute(
            "INSERT INTO sync_conflicts (kind, document_id, device_id, detail, detected_at)
             VALUES ('received_twice', ?1, ?2, ?3, ?4)",
            params![doc_id, origin, payload["received_at"].as_str(), now.to_db()],
        )?;
    }
    apply_movements(conn, payload, origin, now)?;
    Ok(Applied::Done)
}

/// Whether an incoming catalog row is newer than the one held here.
fn newer(conn: &Connection, entity: &str, key: &str, stamp: &str) -> Result<bool> {
    let held: Option<String> = conn
        .prepare_cached("SELECT stamp FROM sync_versions WHERE entity = ?1 AND key = ?2")?
        .query_row(params![entity, key], |r| r.get(0))
        .optional()?;
    Ok(held.is_none_or(|h| stamp > h.as_str()))
}

fn catalog_conflict(conn: &Connection, origin: &str, key: &str, detail: String, now: Timestamp) -> Result<Applied> {
    conn.execute(
        "INSERT INTO sync_conflicts (kind, product_id, device_id, detail, detected_at) VALUES ('catalog', ?1, ?2, ?3, ?4)",
        params![key, origin, detail, now.to_db()],
    )?;
    Ok(Applied::Done)
}

fn apply_product(conn: &Connection, payload: &Json, origin: &str, now: Timestamp) -> Result<Applied> {
    let stamp = payload["stamp"].as_str().unwrap_or_default();
    let Some(p) = list(payload, "products").first() else {
        return Err(Error::Cloud { detail: "a product entry without its product".into() });
    };
    let id = rows::text(p, "id")?;
    if !newer(conn, "product", id, stamp)? {
        return Ok(Applied::Done);
    }
    let sku = rows::text(p, "sku")?;
    let other: Option<String> = conn
        .query_row("SELECT id FROM products WHERE sku = ?1 AND id <> ?2", params![sku, id], |r| r.get(0))
        .optional()?;
    if other.is_some() {
        return catalog_conflict(conn, origin, id, format!("SKU {sku} was created on two devices"), now);
    }
    // The average cost is this device's own figure, from the movements booked here.
    rows::insert(conn, "products", p, OnConflict::Update, &["id"], &["avg_cost_e4"])?;
    conn.prepare_cached(
        "INSERT INTO stock_balances (product_id, location, qty_base) VALUES (?1, 'main', 0) ON CONFLICT DO NOTHING",
    )?
    .execute([id])?;
    for u in list(payload, "product_units") {
        rows::insert(conn, "product_units", u, OnConflict::Update, &["product_id", "unit"], &[])?;
    }
    for b in list(payload, "barcodes") {
        // The newest writer of a barcode takes it, from whichever product held it.
        conn.prepare_cached("DELETE FROM barcodes WHERE code = ?1 AND product_id <> ?2")?
            .execute(params![rows::text(b, "code")?, id])?;
        rows::insert(conn, "barcodes", b, OnConflict::Update, &["code"], &[])?;
    }
    for pr in list(payload, "prices") {
        rows::insert(conn, "prices", pr, OnConflict::Update, &["price_list", "product_id", "unit"], &[])?;
    }
    set_version(conn, "product", id, stamp)?;
    // Every till's copy of the catalog in memory is reloaded.
    crate::catalog::bump_version(conn)?;
    Ok(Applied::Done)
}

fn apply_user(conn: &Connection, payload: &Json, origin: &str) -> Result<Applied> {
    let stamp = payload["stamp"].as_str().unwrap_or_default();
    let Some(u) = list(payload, "users").first() else {
        return Err(Error::Cloud { detail: "a user entry without its user".into() });
    };
    let id = rows::text(u, "id")?;
    if !newer(conn, "user", id, stamp)? {
        return Ok(Applied::Done);
    }
    let mut u = u.clone();
    let name = rows::text(&u, "username")?.to_string();
    let taken: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM users WHERE username = ?1 AND id <> ?2)",
        params![name, id],
        |r| r.get(0),
    )?;
    if taken {
        // Every till set up its own owner: the other device's keeps its id, named after its device.
        let hex: Vec<char> = origin.chars().filter(|c| c.is_ascii_hexdigit()).collect();
        let short: String = hex[hex.len().saturating_sub(4)..].iter().collect();
        u["username"] = Json::String(format!("{name}@{short}"));
    }
    rows::insert(conn, "users", &u, OnConflict::Update, &["id"], &[])?;
    set_version(conn, "user", id, stamp)?;
    Ok(Applied::Done)
}

fn apply_customer(conn: &Connection, payload: &Json, origin: &str, now: Timestamp) -> Result<Applied> {
    let stamp = payload["stamp"].as_str().unwrap_or_default();
    let Some(c) = list(payload, "customers").first() else {
        return Err(Error::Cloud { detail: "a buyer entry without its buyer".into() });
    };
    let id = rows::text(c, "id")?;
    if !newer(conn, "customer", id, stamp)? {
        return Ok(Applied::Done);
    }
    let code = rows::text(c, "code")?;
    let taken: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM customers WHERE code = ?1 AND id <> ?2)",
        params![code, id],
        |r| r.get(0),
    )?;
    if taken {
        return catalog_conflict(conn, origin, id, format!("buyer code {code} was created on two devices"), now);
    }
    rows::insert(conn, "customers", c, OnConflict::Update, &["id"], &[])?;
    set_version(conn, "customer", id, stamp)?;
    Ok(Applied::Done)
}

/// An immutable record: its rows inserted once, when what they refer to is here.
fn apply_record(conn: &Connection, kind: &str, payload: &Json) -> Result<Applied> {
    let (_, tables) = RECORDS
        .iter()
        .find(|(k, _)| *k == kind)
        .ok_or_else(|| Error::Cloud { detail: format!("unknown record kind {kind}") })?;
    for (table, _) in tables.iter() {
        for row in list(payload, table) {
            for (col, target) in [
                ("user_id", "users"),
                ("customer_id", "customers"),
                ("product_id", "products"),
                ("invoice_id", "documents"),
                // Orders: the quote an order was accepted from, the order of an event, its invoice.
                ("quote_id", "orders"),
                ("order_id", "orders"),
                ("document_id", "documents"),
            ] {
                // An order's lines name the order of this very record.
                if *table == "order_lines" && col == "order_id" {
                    continue;
                }
                if let Some(id) = row.get(col).and_then(|v| v.as_str()) {
                    if !exists(conn, target, id)? {
                        return Ok(Applied::Waiting);
                    }
                }
            }
        }
    }
    for (table, _) in tables.iter() {
        let skip: Vec<&str> = LOCAL_KEYS.iter().filter(|(t, _)| t == table).map(|(_, c)| *c).collect();
        for row in list(payload, table) {
            if *table == "fx_rates" {
                // A rate corrected for the same day replaces the earlier one.
                rows::insert(conn, table, row, OnConflict::Update, &["currency", "day"], &skip)?;
            } else {
                rows::insert(conn, table, row, OnConflict::Ignore, &[], &skip)?;
            }
        }
    }
    Ok(Applied::Done)
}

/// A till's quota, last writer wins.
fn apply_quota(conn: &Connection, payload: &Json) -> Result<Applied> {
    let stamp = payload["stamp"].as_str().unwrap_or_default();
    let Some(q) = list(payload, "stock_quotas").first() else {
        return Err(Error::Cloud { detail: "a quota entry without its quota".into() });
    };
    let key = format!("{}|{}", rows::text(q, "device_id")?, rows::text(q, "product_id")?);
    if !exists(conn, "products", rows::text(q, "product_id")?)? || !exists(conn, "users", rows::text(q, "user_id")?)? {
        return Ok(Applied::Waiting);
    }
    if newer(conn, "quota", &key, stamp)? {
        rows::insert(conn, "stock_quotas", q, OnConflict::Update, &["device_id", "product_id"], &[])?;
        set_version(conn, "quota", &key, stamp)?;
    }
    Ok(Applied::Done)
}

/// Apply one entry of device `origin`, in the caller's transaction.
pub(crate) fn apply(conn: &Connection, origin: &str, kind: &str, payload: &Json, now: Timestamp) -> Result<Applied> {
    match kind {
        "doc" => apply_document(conn, payload, origin, now),
        "receive" => apply_receive(conn, payload, origin, now),
        "product" => apply_product(conn, payload, origin, now),
        "user" => apply_user(conn, payload, origin),
        "customer" => apply_customer(conn, payload, origin, now),
        "payment" | "price_rule" | "period_close" | "day_close" | "void" | "fx_rate" | "order" | "order_event" => {
            apply_record(conn, kind, payload)
        }
        "quota" => apply_quota(conn, payload),
        other => Err(Error::Cloud { detail: format!("unknown entry kind {other:?} from device {origin}") }),
    }
}

/// An entry of another device's log, as pulled.
#[derive(Debug, Clone)]
pub struct Entry {
    pub seq: i64,
    pub kind: String,
    pub payload: Json,
}

/// Apply a pulled batch of `origin`'s entries (which must continue from its cursor here) in one
/// transaction with the cursor. Returns how many were applied; a waiting entry stops the batch.
pub(crate) fn apply_batch(conn: &mut Connection, origin: &str, entries: &[Entry], now: Timestamp) -> Result<usize> {
    let tx = crate::db::write_tx(conn)?;
    let mut cursor = cursor(&tx, origin)?;
    let mut n = 0;
    for e in entries {
        if e.seq <= cursor {
            continue;
        }
        if e.seq != cursor + 1 {
            return Err(Error::Cloud { detail: format!("device {origin}: entry {} follows {cursor}", e.seq) });
        }
        tx.execute_batch("SAVEPOINT entry")?;
        match apply(&tx, origin, &e.kind, &e.payload, now) {
            Ok(Applied::Done) => {
                tx.execute_batch("RELEASE entry")?;
                cursor = e.seq;
                n += 1;
            }
            Ok(Applied::Waiting) => {
                tx.execute_batch("ROLLBACK TO entry; RELEASE entry")?;
                break;
            }
            Err(err) => {
                tx.execute_batch("ROLLBACK TO entry; RELEASE entry")?;
                return Err(Error::Cloud { detail: format!("device {origin}, entry {}: {}", e.seq, err) });
            }
        }
    }
    tx.execute(
        "INSERT INTO sync_cursors (device_id, seq) VALUES (?1, ?2) ON CONFLICT (device_id) DO UPDATE SET seq = excluded.seq",
        params![origin, cursor],
    )?;
    tx.commit()?;
    Ok(n)
}

/// The last entry of `origin` applied here.
pub(crate) fn cursor(conn: &Connection, origin: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT seq FROM sync_cursors WHERE device_id = ?1")?
        .query_row([origin], |r| r.get(0))
        .optional()?
        .unwrap_or(0))
}

/// This device's entries the server has not acknowledged, oldest first.
pub(crate) fn pending(conn: &Connection, limit: i64) -> Result<Vec<Entry>> {
    let pushed: i64 = conn.cached_row("SELECT pushed_seq FROM sync_state WHERE id = 1", [], |r| r.get(0))?;
    outbox(conn, pushed, limit)
}

/// This device's entries after `after`, oldest first.
pub(crate) fn outbox(conn: &Connection, after: i64, limit: i64) -> Result<Vec<Entry>> {
    let pushed = after;
    let mut st = conn.prepare_cached("SELECT seq, kind, payload FROM sync_log WHERE seq > ?1 ORDER BY seq LIMIT ?2")?;
    let rows = st.query_map(params![pushed, limit], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
    })?;
    let mut out = vec![];
    for row in rows {
        let (seq, kind, payload) = row?;
        let payload = serde_json::from_str(&payload).map_err(|e| Error::Storage { detail: e.to_string() })?;
        out.push(Entry { seq, kind, payload });
    }
    Ok(out)
}

/// The server holds this device's log up to `head`.
pub(crate) fn acknowledged(conn: &Connection, head: i64, now: Timestamp) -> Result<()> {
    conn.execute(
        "UPDATE sync_state SET pushed_seq = max(pushed_seq, ?1), last_sync_at = ?2, last_error = NULL WHERE id = 1",
        params![head, now.to_db()],
    )?;
    Ok(())
}

/// A round of sync succeeded (this till is online).
pub(crate) fn synced(conn: &Connection, now: Timestamp) -> Result<()> {
    conn.execute("UPDATE sync_state SET last_sync_at = ?1, last_error = NULL WHERE id = 1", [now.to_db()])?;
    Ok(())
}

/// The other devices of the tenant and their series prefixes, as the server lists them.
pub(crate) fn set_peers(conn: &Connection, peers: &[(String, String)]) -> Result<()> {
    for (device, prefix) in peers {
        conn.execute(
            "INSERT INTO sync_peers (device_id, series_prefix) VALUES (?1, ?2)
             ON CONFLICT (device_id) DO UPDATE SET series_prefix = excluded.series_prefix",
            params![device, prefix],
        )?;
    }
    Ok(())
}

/// Remember why the last sync failed (shown by the status).
pub(crate) fn failed(conn: &Connection, why: &str, now: Timestamp) -> Result<()> {
    conn.execute("UPDATE sync_state SET last_error = ?1, last_error_at = ?2 WHERE id = 1", params![why, now.to_db()])?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// What the owner sees

/// Where this device replicates to and how far it has got.
#[derive(Debug, Clone, Serialize)]
pub struct SyncStatus {
    pub registered: bool,
    pub server: Option<String>,
    pub tenant: Option<String>,
    pub device_id: String,
    /// Entries of this device not yet acknowledged by the server.
    pub pending: i64,
    pub last_sync_at: Option<String>,
    pub last_error: Option<String>,
    pub last_error_at: Option<String>,
    /// Conflicts still open (a balance still below zero).
    pub open_conflicts: i64,
    /// Per other device: entries applied here.
    pub cursors: Vec<(String, i64)>,
}

pub(crate) fn status(conn: &Connection) -> Result<SyncStatus> {
    let cfg: Option<(String, String)> = conn
        .query_row("SELECT server, tenant_name FROM sync_config WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (pushed, last_sync_at, last_error, last_error_at): (i64, Option<String>, Option<String>, Option<String>) = conn
        .query_row(
            "SELECT pushed_seq, last_sync_at, last_error, last_error_at FROM sync_state WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
    let logged: i64 = conn.query_row("SELECT COALESCE(max(seq), 0) FROM sync_log", [], |r| r.get(0))?;
    let mut st = conn.prepare("SELECT device_id, seq FROM sync_cursors ORDER BY device_id")?;
    let cursors = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
    // Open: an oversold product whose balance is still below zero (as `conflicts` says).
    let open_conflicts: i64 = conn.query_row(
        "SELECT count(*) FROM sync_conflicts c JOIN stock_balances b ON b.product_id = c.product_id AND b.location = 'main'
          WHERE c.kind = 'oversold' AND b.qty_base < 0",
        [],
        |r| r.get(0),
    )?;
    Ok(SyncStatus {
        registered: cfg.is_some(),
        server: cfg.as_ref().map(|c| c.0.clone()),
        tenant: cfg.map(|c| c.1),
        device_id: own_device(conn)?,
        pending: logged - pushed,
        last_sync_at,
        last_error,
        last_error_at,
        open_conflicts,
        cursors,
    })
}

/// One sale among those that took a product below zero.
#[derive(Debug, Clone, Serialize)]
pub struct ConflictSale {
    pub doc_no: String,
    pub device_id: String,
    /// The till's series prefix (this one's, or as the server lists the others), to tell tills apart.
    pub till: Option<String>,
    pub occurred_at: String,
    pub qty_base: i64,
}

/// A conflict found while merging.
#[derive(Debug, Clone, Serialize)]
pub struct Conflict {
    pub id: i64,
    /// `oversold`, `received_twice` or `catalog`.
    pub kind: String,
    pub sku: Option<String>,
    pub name: Option<String>,
    pub doc_no: Option<String>,
    pub device_id: String,
    pub balance_after: Option<i64>,
    /// The balance now (oversold): the conflict stays open while it is below zero.
    pub balance_now: Option<i64>,
    pub open: bool,
    pub detail: Option<String>,
    pub detected_at: String,
    /// Oversold: the sales and invoices of the product since its last receipt or count, from
    /// every device, so the owner sees both sides.
    pub sales: Vec<ConflictSale>,
}

pub(crate) fn conflicts(conn: &Connection) -> Result<Vec<Conflict>> {
    let mut st = conn.prepare(
        "SELECT c.id, c.kind, p.sku, p.name, d.doc_no, c.device_id, c.balance_after, b.qty_base, c.detail,
                c.detected_at, c.product_id
           FROM sync_conflicts c
           LEFT JOIN products p ON p.id = c.product_id
           LEFT JOIN documents d ON d.id = c.document_id
           LEFT JOIN stock_balances b ON b.product_id = c.product_id AND b.location = 'main'
          ORDER BY c.id",
    )?;
    let rows = st.query_map([], |r| {
        Ok((
            Conflict {
                id: r.get(0)?,
                kind: r.get(1)?,
                sku: r.get(2)?,
                name: r.get(3)?,
                doc_no: r.get(4)?,
                device_id: r.get(5)?,
                balance_after: r.get(6)?,
                balance_now: r.get(7)?,
                open: false,
                detail: r.get(8)?,
                detected_at: r.get(9)?,
                sales: vec![],
            },
            r.get::<_, Option<String>>(10)?,
        ))
    })?;
    let mut out = vec![];
    for row in rows {
        let (mut c, pid) = row?;
        if c.kind == "oversold" {
            c.open = c.balance_now.unwrap_or(0) < 0;
            if let Some(pid) = pid {
                let mut s = conn.prepare_cached(
                    "SELECT d.doc_no, m.device_id, m.occurred_at, -m.qty_base,
                            COALESCE((SELECT series_prefix FROM device WHERE device_id = m.device_id),
                                     (SELECT series_prefix FROM sync_peers WHERE device_id = m.device_id))
                       FROM movements m
                       JOIN documents d ON d.id = m.document_id
                      WHERE m.product_id = ?1 AND m.kind IN ('sale', 'invoice')
                        AND m.occurred_at >= COALESCE((SELECT max(occurred_at) FROM movements
                                                        WHERE product_id = ?1 AND kind IN ('receipt', 'adjustment')
                                                          AND occurred_at <= (SELECT occurred_at FROM documents
                                                                               WHERE id = (SELECT document_id FROM sync_conflicts WHERE id = ?2))), '')
                      ORDER BY m.occurred_at, d.doc_no",
                )?;
                c.sales = s
                    .query_map(params![pid, c.id], |r| {
                        Ok(ConflictSale {
                            doc_no: r.get(0)?,
                            device_id: r.get(1)?,
                            occurred_at: r.get(2)?,
                            qty_base: r.get(3)?,
                            till: r.get(4)?,
                        })
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
            }
        }
        out.push(c);
    }
    Ok(out)
}
