//! Rows as they travel: a row of a local table as a JSON object of its columns, and back.
//!
//! Replication copies the very rows the origin device wrote (ids, numbers, amounts, costs), so a
//! document reads the same on every device. Only tables of [`TABLES`] travel, and a column is
//! written back only if the local table has it, so a payload cannot name anything else.

use rusqlite::types::{Value, ValueRef};
use rusqlite::Connection;
use serde_json::{Map, Value as Json};

use crate::error::{Error, Result};

/// The tables whose rows replicate.
pub(crate) const TABLES: &[&str] = &[
    "users",
    "customers",
    "products",
    "product_units",
    "barcodes",
    "prices",
    "documents",
    "document_lines",
    "payments",
    "credit_overrides",
    "movements",
    "buyer_payments",
    "payment_allocations",
    "price_rules",
    "period_closes",
    "day_closes",
    "voids",
    "void_lines",
    "stock_quotas",
    "fx_rates",
    "orders",
    "order_lines",
    "order_events",
    "order_event_lines",
    "locations",
    "document_locations",
];

fn checked(table: &str) -> Result<&'static str> {
    TABLES
        .iter()
        .find(|t| **t == table)
        .copied()
        .ok_or_else(|| Error::Cloud { detail: format!("a replicated entry names the table {table:?}") })
}

fn to_json(v: ValueRef<'_>) -> Json {
    match v {
        ValueRef::Null => Json::Null,
        ValueRef::Integer(i) => Json::from(i),
        ValueRef::Real(f) => Json::from(f),
        ValueRef::Text(t) => Json::String(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Json::String(b.iter().map(|x| format!("{x:02x}")).collect()),
    }
}

fn from_json(v: &Json) -> Value {
    match v {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Integer(*b as i64),
        Json::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Real(n.as_f64().unwrap_or(0.0)),
        },
        Json::String(s) => Value::Text(s.clone()),
        other => Value::Text(other.to_string()),
    }
}

/// The rows of `table` matching `where_sql` (with `?1` bound to `key`), in primary-key order.
pub(crate) fn select(conn: &Connection, table: &str, where_sql: &str, key: &str) -> Result<Vec<Json>> {
    let table = checked(table)?;
    let mut st = conn.prepare_cached(&format!("SELECT * FROM {table} WHERE {where_sql}"))?;
    let names: Vec<String> = st.column_names().map(|s| s.to_string()).collect();
    let mut rows = st.query([key])?;
    let mut out = vec![];
    while let Some(r) = rows.next()? {
        let mut obj = Map::new();
        for (i, n) in names.iter().enumerate() {
            obj.insert(n.clone(), to_json(r.get_ref(i)?));
        }
        out.push(Json::Object(obj));
    }
    Ok(out)
}

/// The columns the local table has.
fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut st = conn.prepare_cached(&format!("SELECT name FROM pragma_table_info('{table}')"))?;
    let cols = st.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(cols)
}

/// How [`insert`] treats a row whose key is already there.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum OnConflict {
    /// Keep what is there (immutable rows that came twice).
    Ignore,
    /// Replace the listed columns (last writer wins on catalog rows).
    Update,
}

/// Insert one row given as a JSON object; columns the local table lacks are dropped, and
/// `skip` columns are left to the local device (its own derived state).
pub(crate) fn insert(
    conn: &Connection,
    table: &str,
    row: &Json,
    conflict: OnConflict,
    key: &[&str],
    skip: &[&str],
) -> Result<usize> {
    let table = checked(table)?;
    let obj = row.as_object().ok_or_else(|| Error::Cloud { detail: format!("a row of {table} is not an object") })?;
    let local = columns(conn, table)?;
    let cols: Vec<&String> =
        local.iter().filter(|c| obj.contains_key(c.as_str()) && !skip.contains(&c.as_str())).collect();
    if cols.is_empty() {
        return Ok(0);
    }
    let names = cols.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ");
    let marks = (1..=cols.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
    let tail = match conflict {
        OnConflict::Ignore => " ON CONFLICT DO NOTHING".to_string(),
        OnConflict::Update => {
            let sets: Vec<String> =
                cols.iter().filter(|c| !key.contains(&c.as_str())).map(|c| format!("{c} = excluded.{c}")).collect();
            if sets.is_empty() {
                format!(" ON CONFLICT ({}) DO NOTHING", key.join(", "))
            } else {
                format!(" ON CONFLICT ({}) DO UPDATE SET {}", key.join(", "), sets.join(", "))
            }
        }
    };
    let sql = format!("INSERT INTO {table} ({names}) VALUES ({marks}){tail}");
    let values: Vec<Value> = cols.iter().map(|c| from_json(&obj[c.as_str()])).collect();
    let mut st = conn.prepare_cached(&sql)?;
    Ok(st.execute(rusqlite::params_from_iter(values))?)
}

/// A text field of a row object.
pub(crate) fn text<'a>(row: &'a Json, col: &str) -> Result<&'a str> {
    row.get(col)
        .and_then(|v| v.as_str())
        .ok_or_else(|| Error::Cloud { detail: format!("a replicated row lacks {col}") })
}

/// An integer field of a row object.
pub(crate) fn int(row: &Json, col: &str) -> Result<i64> {
    row.get(col)
        .and_then(|v| v.as_i64())
        .ok_or_else(|| Error::Cloud { detail: format!("a replicated row lacks {col}") })
}
