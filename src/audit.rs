//! The audit trail: every sensitive act (a price override, a sale below the stock floor, a new
//! staff account, a restore from backup, and later voids, credit overrides, refunds without
//! receipt, drawer openings, period closes), who did it, when, on which device, with the values
//! before and after.
//!
//! Entries are written in the same transaction as the act they record, so an act is never without
//! its entry nor an entry without its act. The table is append-only (triggers refuse UPDATE and
//! DELETE) and hash-chained: each entry stores `sha256(previous hash ‖ canonical entry bytes)`, so
//! someone who edits the file directly (dropping the triggers first) breaks the chain, and
//! [`verify`] names the first entry that no longer fits.
//!
//! The canonical bytes of an entry are the compact JSON array
//! `[seq, id, at, user_id, username, role, device_id, action, subject, before, after, reason]`,
//! with `before` and `after` as the exact JSON text stored (or null). The first entry's previous
//! hash is 32 zero bytes. Hashes are stored as lowercase hex.
//!
//! What the chain cannot show on its own: the newest entries cut off the end (the remaining chain
//! is still valid). [`verify`] therefore also checks that every document carrying an override has
//! its entry; a copy held elsewhere (a backup, the cloud ledger) anchors the rest.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::Result;
use crate::people::Actor;
use crate::time::Timestamp;

/// The acts recorded, by their stable names.
pub mod acts {
    /// A sale or invoice line sold at a price other than the list's.
    pub const PRICE_OVERRIDE: &str = "price-override";
    /// A document allowed below the stock floor (`override_reason`).
    pub const NEGATIVE_STOCK_OVERRIDE: &str = "negative-stock-override";
    /// A staff account created (its role is in `after`).
    pub const USER_ADD: &str = "user-add";
    /// A staff account's role or state changed.
    pub const USER_CHANGE: &str = "user-change";
    /// The book replaced by a backup.
    pub const BACKUP_RESTORE: &str = "backup-restore";
    // For acts that are not in the library yet; their issues record them under these names.
    pub const VOID: &str = "void";
    pub const CREDIT_OVERRIDE: &str = "credit-override";
    pub const REFUND_WITHOUT_RECEIPT: &str = "refund-without-receipt";
    pub const DRAWER_OPENED: &str = "drawer-opened";
    pub const PERIOD_CLOSE: &str = "period-close";
    /// Too many wrong PINs: the user's sign-in locked for a while.
    pub const SIGN_IN_LOCKED: &str = "sign-in-locked";
    /// An act a session's role may not do, approved by someone's PIN at that moment.
    pub const APPROVAL: &str = "approval";
    /// The book encrypted under the owner's passphrase (never recorded).
    pub const ENCRYPTION_ON: &str = "encryption-on";
    /// The encrypted book's passphrase changed.
    pub const PASSPHRASE_CHANGE: &str = "passphrase-change";
    /// The book turned back into a plain file.
    pub const ENCRYPTION_OFF: &str = "encryption-off";
    /// The till's inactivity lock changed (minutes before and after).
    pub const LOCK_SETTING: &str = "lock-setting";
    /// A till restored from a backup re-based on the cloud's copy of its log (renumbered documents in `after`).
    pub const SYNC_REBASE: &str = "sync-rebase";
}

/// A new entry: what happened, to what, and the values around it.
#[derive(Debug, Clone, Default)]
pub struct NewEntry<'a> {
    pub action: &'a str,
    pub subject: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub reason: Option<String>,
}

/// One recorded entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub id: String,
    pub at: String,
    pub user_id: String,
    pub username: String,
    pub role: String,
    pub device_id: String,
    pub action: String,
    pub subject: String,
    /// JSON text as stored (the UI parses it).
    pub before: Option<String>,
    pub after: Option<String>,
    pub reason: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

/// What [`verify`] found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VerifyReport {
    pub ok: bool,
    /// Entries read.
    pub entries: i64,
    /// The first entry that does not fit the chain (or the first act without its entry).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_broken: Option<Broken>,
}

/// Where and how the chain breaks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Broken {
    /// The `seq` of the entry (for `missing-entry`, the entry found where another was expected).
    pub seq: i64,
    pub id: String,
    /// `changed` (the entry's content no longer matches its hash), `missing-entry` (entries before
    /// it were removed), `chain-broken` (its previous hash is not the previous entry's: entries
    /// were swapped or replaced), `act-without-entry` (a document's override has no entry: the
    /// tail of the trail was cut).
    pub reason: String,
    /// The `seq` expected at this place.
    pub expected_seq: i64,
}

const GENESIS: [u8; 32] = [0; 32];

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<[u8; 32]> {
    if text.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

/// The canonical bytes of an entry (see the module docs).
fn canonical(e: &AuditEntry) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!([
        e.seq,
        e.id,
        e.at,
        e.user_id,
        e.username,
        e.role,
        e.device_id,
        e.action,
        e.subject,
        e.before,
        e.after,
        e.reason
    ]))
    .expect("strings serialize")
}

fn chain_hash(prev: &[u8; 32], e: &AuditEntry) -> String {
    let mut h = Sha256::new();
    h.update(prev);
    h.update(canonical(e));
    hex(&h.finalize())
}

/// Append an entry. Call it inside the transaction of the act it records.
pub(crate) fn record(conn: &Connection, actor: &Actor, device_id: &str, at: Timestamp, e: NewEntry) -> Result<i64> {
    let last: Option<(i64, String)> = conn
        .prepare_cached("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (seq, prev_hash) = match last {
        Some((s, h)) => (s + 1, h),
        None => (1, hex(&GENESIS)),
    };
    let prev = unhex(&prev_hash).unwrap_or(GENESIS);
    let mut entry = AuditEntry {
        seq,
        id: crate::ids::new_id(),
        at: at.to_db(),
        user_id: actor.user_id.clone(),
        username: actor.username.clone(),
        role: actor.role.as_str().to_string(),
        device_id: device_id.to_string(),
        action: e.action.to_string(),
        subject: e.subject,
        before: e.before.map(|v| v.to_string()),
        after: e.after.map(|v| v.to_string()),
        reason: e.reason,
        prev_hash,
        hash: String::new(),
    };
    entry.hash = chain_hash(&prev, &entry);
    conn.prepare_cached(
        "INSERT INTO audit_log (seq, id, at, user_id, username, role, device_id, action, subject, before, after,
                                reason, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        entry.seq,
        entry.id,
        entry.at,
        entry.user_id,
        entry.username,
        entry.role,
        entry.device_id,
        entry.action,
        entry.subject,
        entry.before,
        entry.after,
        entry.reason,
        entry.prev_hash,
        entry.hash
    ])?;
    Ok(seq)
}

/// Record the sensitive acts of a document just posted (price overrides, a negative-stock
/// override), inside its transaction.
pub(crate) fn record_document(conn: &Connection, actor: &Actor, device_id: &str, doc_id: &str) -> Result<()> {
    let (doc_no, kind, at, reason): (String, String, String, Option<String>) = conn
        .prepare_cached("SELECT doc_no, kind, occurred_at, override_reason FROM documents WHERE id = ?1")?
        .query_row([doc_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    let at = Timestamp::from_db(&at)?;
    let list = if kind == "invoice" { "wholesale" } else { "retail" };
    let overridden: Vec<(i64, String, String, String, Option<String>)> = conn
        .prepare_cached(
            "SELECT l.line_no, p.sku, l.product_id, l.unit, l.unit_price FROM document_lines l
             JOIN products p ON p.id = l.product_id
             WHERE l.document_id = ?1 AND l.price_overridden = 1 ORDER BY l.line_no",
        )?
        .query_map([doc_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (line_no, sku, product_id, unit, price) in overridden {
        let list_price = crate::catalog::price(conn, list, &product_id, &unit)?.map(|p| p.normalize().to_string());
        record(
            conn,
            actor,
            device_id,
            at,
            NewEntry {
                action: acts::PRICE_OVERRIDE,
                subject: format!("{doc_no} line {line_no}"),
                before: Some(serde_json::json!({ "sku": sku, "unit": unit, "list": list, "price": list_price })),
                after: Some(serde_json::json!({ "sku": sku, "unit": unit, "price": price })),
                reason: None,
            },
        )?;
    }
    // An invoice the credit check refused, issued on the owner's word: the figures and the reason.
    let credit: Option<(String, String, Option<i64>, i64, i64, i64)> = conn
        .prepare_cached(
            "SELECT refusal, reason, limit_minor, open_minor, overdue_minor, invoice_minor
             FROM credit_overrides WHERE document_id = ?1",
        )?
        .query_row([doc_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
        .optional()?;
    if let Some((refusal, why, limit, open, overdue, invoice)) = credit {
        let mu: u32 = conn.query_row("SELECT minor_units FROM shop WHERE id = 1", [], |r| r.get(0))?;
        let m = |v: i64| crate::money::minor_str(v, mu);
        record(
            conn,
            actor,
            device_id,
            at,
            NewEntry {
                action: acts::CREDIT_OVERRIDE,
                subject: doc_no.clone(),
                before: Some(serde_json::json!({ "refusal": refusal, "limit": limit.map(m), "open": m(open),
                                                 "overdue": m(overdue) })),
                after: Some(serde_json::json!({ "open": m(open + invoice), "invoice": m(invoice) })),
                reason: Some(why),
            },
        )?;
    }
    if let Some(reason) = reason {
        // Balances of each product before and after the document, from its movements.
        let moves: Vec<(String, i64, i64)> = conn
            .prepare_cached(
                "SELECT p.sku, m.qty_base, m.balance_after FROM movements m JOIN products p ON p.id = m.product_id
                 WHERE m.document_id = ?1 ORDER BY m.device_seq",
            )?
            .query_map([doc_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut before = serde_json::Map::new();
        let mut after = serde_json::Map::new();
        for (sku, qty, balance_after) in moves {
            before.entry(sku.clone()).or_insert_with(|| (balance_after - qty).into());
            after.insert(sku, balance_after.into());
        }
        record(
            conn,
            actor,
            device_id,
            at,
            NewEntry {
                action: acts::NEGATIVE_STOCK_OVERRIDE,
                subject: doc_no,
                before: Some(serde_json::Value::Object(before)),
                after: Some(serde_json::Value::Object(after)),
                reason: Some(reason),
            },
        )?;
    }
    Ok(())
}

fn read_entry(r: &rusqlite::Row) -> rusqlite::Result<AuditEntry> {
    Ok(AuditEntry {
        seq: r.get(0)?,
        id: r.get(1)?,
        at: r.get(2)?,
        user_id: r.get(3)?,
        username: r.get(4)?,
        role: r.get(5)?,
        device_id: r.get(6)?,
        action: r.get(7)?,
        subject: r.get(8)?,
        before: r.get(9)?,
        after: r.get(10)?,
        reason: r.get(11)?,
        prev_hash: r.get(12)?,
        hash: r.get(13)?,
    })
}

const COLUMNS: &str =
    "seq, id, at, user_id, username, role, device_id, action, subject, before, after, reason, prev_hash, hash";

/// Every entry, oldest first.
pub(crate) fn list(conn: &Connection) -> Result<Vec<AuditEntry>> {
    let mut st = conn.prepare(&format!("SELECT {COLUMNS} FROM audit_log ORDER BY seq"))?;
    let rows = st.query_map([], read_entry)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What the owner's audit browser asks for: one act, one user, a range of the shop's local days
/// (both ends included, `YYYY-MM-DD`), at most `limit` entries (default 500), newest first.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AuditFilter {
    pub action: Option<String>,
    pub username: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub limit: Option<i64>,
}

/// The start of a local day in the shop's time zone, as stored text (`field` names the bad input).
fn day_start(day: &str, tz: chrono_tz::Tz, field: &str, plus_days: i64) -> Result<String> {
    let date = chrono::NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d")
        .map_err(|_| crate::error::Error::invalid(field, format!("{day} is not a date (2026-11-03)")))?;
    let date = date + chrono::Duration::days(plus_days);
    Ok(Timestamp::parse(&format!("{date}T00:00"), tz, field)?.to_db())
}

/// The entries matching `filter`, newest first.
pub(crate) fn search(conn: &Connection, filter: &AuditFilter) -> Result<Vec<AuditEntry>> {
    let tz = crate::shop::load(conn)?.tz;
    let some = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    let from = some(&filter.from).map(|d| day_start(&d, tz, "from", 0)).transpose()?;
    let to = some(&filter.to).map(|d| day_start(&d, tz, "to", 1)).transpose()?;
    let limit = filter.limit.unwrap_or(500);
    if !(1..=10_000).contains(&limit) {
        return Err(crate::error::Error::invalid("limit", "1 to 10000 entries"));
    }
    let mut st = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM audit_log
         WHERE (?1 IS NULL OR action = ?1) AND (?2 IS NULL OR username = ?2)
           AND (?3 IS NULL OR at >= ?3) AND (?4 IS NULL OR at < ?4)
         ORDER BY seq DESC LIMIT ?5"
    ))?;
    let rows = st.query_map(params![some(&filter.action), some(&filter.username), from, to, limit], read_entry)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Recompute the chain; name the first entry that does not fit.
pub(crate) fn verify(conn: &Connection) -> Result<VerifyReport> {
    let mut st = conn.prepare(&format!("SELECT {COLUMNS} FROM audit_log ORDER BY seq"))?;
    let mut rows = st.query([])?;
    let mut prev_hash = hex(&GENESIS);
    let mut expected_seq = 1;
    let mut entries = 0;
    let broken = |e: &AuditEntry, reason: &str, expected_seq: i64| Broken {
        seq: e.seq,
        id: e.id.clone(),
        reason: reason.to_string(),
        expected_seq,
    };
    while let Some(row) = rows.next()? {
        let e = read_entry(row)?;
        entries += 1;
        let problem = if e.seq != expected_seq {
            Some("missing-entry")
        } else if e.prev_hash != prev_hash {
            Some("chain-broken")
        } else if unhex(&e.prev_hash).map(|p| chain_hash(&p, &e)).as_deref() != Some(e.hash.as_str()) {
            Some("changed")
        } else {
            None
        };
        if let Some(reason) = problem {
            return Ok(VerifyReport { ok: false, entries, first_broken: Some(broken(&e, reason, expected_seq)) });
        }
        prev_hash = e.hash.clone();
        expected_seq += 1;
    }
    // The tail: every document with an override must have its entry.
    let orphan: Option<(String, String)> = conn
        .query_row(
            "SELECT d.id, d.doc_no FROM documents d
             WHERE d.rowid > (SELECT last_document_rowid FROM audit_start WHERE id = 1)
               AND ((d.override_reason IS NOT NULL
                     AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.action = ?1 AND a.subject = d.doc_no))
                    OR EXISTS (SELECT 1 FROM document_lines l WHERE l.document_id = d.id AND l.price_overridden = 1
                               AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.action = ?2
                                               AND a.subject = d.doc_no || ' line ' || l.line_no)))
             ORDER BY d.occurred_at, d.doc_no LIMIT 1",
            [acts::NEGATIVE_STOCK_OVERRIDE, acts::PRICE_OVERRIDE],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((id, doc_no)) = orphan {
        let b = Broken {
            seq: expected_seq,
            id: format!("{doc_no} ({id})"),
            reason: "act-without-entry".into(),
            expected_seq,
        };
        return Ok(VerifyReport { ok: false, entries, first_broken: Some(b) });
    }
    Ok(VerifyReport { ok: true, entries, first_broken: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips() {
        let bytes: [u8; 32] = core::array::from_fn(|i| (i * 7) as u8);
        assert_eq!(unhex(&hex(&bytes)), Some(bytes));
        assert_eq!(unhex("zz"), None);
    }
}
