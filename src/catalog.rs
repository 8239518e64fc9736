//! The catalog: products, their packaging units and factors, barcodes, prices, and the CSV import.
//!
//! A product's stock is counted in its base unit; every other unit is an exact whole number of
//! base units, resolved once (a pallet of 200 cartons of 24 is 4 800 pieces). A barcode belongs to
//! exactly one (product, unit), with its check digit verified.

use std::collections::{HashMap, HashSet};
use std::io::Read;

use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use rust_decimal::Decimal;

use crate::error::{Error, Result, RowError};
use crate::i18n::Locale;
use crate::people::{Action, Actor};
use crate::shop::Shop;
use crate::time::Timestamp;
use crate::units::normalize_unit;

/// Most units one product may have.
const UNITS_MAX: usize = 16;
/// Most rows one import may hold.
pub const IMPORT_ROWS_MAX: usize = 2_000_000;
/// From this many rows an import rebuilds the barcodes' by-product index instead of updating it.
const BULK_IMPORT_ROWS: usize = 10_000;

/// A product as given by the owner or a file, before it is checked.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct ProductInput {
    pub sku: String,
    pub name: String,
    pub base_unit: String,
    /// Percent; the shop default when absent.
    pub vat_rate_pct: Option<Decimal>,
    /// Base units kept back from retail for wholesale; the shop default when absent.
    pub retail_reserve: Option<i64>,
    pub allow_negative: bool,
    pub category: Option<String>,
    /// Packaging units with their factor to the base unit (already resolved).
    pub units: Vec<(String, i64)>,
    pub barcodes: Vec<(String, String)>,
    pub retail_prices: Vec<(String, Decimal)>,
    pub wholesale_prices: Vec<(String, Decimal)>,
}

/// A product as stored, with what the till and the counter need.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Product {
    pub id: String,
    pub sku: String,
    pub name: String,
    pub base_unit: String,
    pub vat_rate_pct: Decimal,
    pub retail_reserve: Option<i64>,
    pub allow_negative: bool,
    pub category: Option<String>,
    pub avg_cost_e4: i64,
}

pub(crate) fn product_from_row(r: &rusqlite::Row) -> rusqlite::Result<Product> {
    Ok(Product {
        id: r.get(0)?,
        sku: r.get(1)?,
        name: r.get(2)?,
        base_unit: r.get(3)?,
        vat_rate_pct: Decimal::from_str_exact(&r.get::<_, String>(4)?).unwrap_or_default(),
        retail_reserve: r.get(5)?,
        allow_negative: r.get::<_, i64>(6)? != 0,
        category: r.get(7)?,
        avg_cost_e4: r.get(8)?,
    })
}

pub(crate) const PRODUCT_COLS: &str =
    "id, sku, name, base_unit, vat_rate, retail_reserve, allow_negative, category, avg_cost_e4";

pub(crate) fn product_by_sku(conn: &Connection, sku: &str) -> Result<Option<Product>> {
    let mut st = conn.prepare_cached(&format!("SELECT {PRODUCT_COLS} FROM products WHERE sku = ?1"))?;
    Ok(st.query_row([sku], product_from_row).optional()?)
}

pub(crate) fn product_by_id(conn: &Connection, id: &str) -> Result<Product> {
    let mut st = conn.prepare_cached(&format!("SELECT {PRODUCT_COLS} FROM products WHERE id = ?1"))?;
    Ok(st.query_row([id], product_from_row)?)
}

/// The (product, unit) a barcode belongs to.
pub(crate) fn product_by_barcode(conn: &Connection, code: &str) -> Result<Option<(Product, String)>> {
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "SELECT {}, b.unit FROM barcodes b JOIN products p ON p.id = b.product_id WHERE b.code = ?1",
            PRODUCT_COLS.split(", ").map(|c| format!("p.{c}")).collect::<Vec<_>>().join(", ")
        )
    });
    let mut st = conn.prepare_cached(&SQL)?;
    Ok(st.query_row([code], |r| Ok((product_from_row(r)?, r.get::<_, String>(9)?))).optional()?)
}

pub(crate) fn unit_factor(conn: &Connection, product_id: &str, unit: &str) -> Result<Option<i64>> {
    let mut st = conn.prepare_cached("SELECT factor_to_base FROM product_units WHERE product_id = ?1 AND unit = ?2")?;
    Ok(st.query_row(params![product_id, unit], |r| r.get(0)).optional()?)
}

/// The price of a (product, unit) in a list ('retail' or 'wholesale').
pub(crate) fn price(conn: &Connection, list: &str, product_id: &str, unit: &str) -> Result<Option<Decimal>> {
    let mut st =
        conn.prepare_cached("SELECT price FROM prices WHERE price_list = ?1 AND product_id = ?2 AND unit = ?3")?;
    let text: Option<String> = st.query_row(params![list, product_id, unit], |r| r.get(0)).optional()?;
    Ok(text.and_then(|t| Decimal::from_str_exact(&t).ok()))
}

/// A product checked against the rules and the catalog, ready to write.
#[derive(Debug, Clone)]
pub(crate) struct CheckedProduct {
    input: ProductInput,
    vat_rate: Decimal,
    existing_id: Option<String>,
}

/// Check one product. `seen_*` hold the SKUs and barcodes of earlier rows of the same import, so
/// a file that repeats itself is caught before anything is written.
pub(crate) fn check_product(
    conn: &Connection,
    shop: &Shop,
    input: ProductInput,
    seen_skus: &mut HashSet<String>,
    seen_barcodes: &mut HashMap<String, String>,
) -> Result<CheckedProduct> {
    check_product_in(conn, shop, input, seen_skus, seen_barcodes, false)
}

/// [`check_product`]; `catalog_empty` (known by the caller, in the same transaction) skips the
/// lookups of the SKU and the barcodes in the catalog: an import into a new shop does none.
fn check_product_in(
    conn: &Connection,
    shop: &Shop,
    mut input: ProductInput,
    seen_skus: &mut HashSet<String>,
    seen_barcodes: &mut HashMap<String, String>,
    catalog_empty: bool,
) -> Result<CheckedProduct> {
    input.sku = input.sku.trim().to_string();
    input.name = input.name.trim().to_string();
    input.base_unit = normalize_unit(&input.base_unit);
    if input.sku.is_empty() || input.sku.chars().count() > 64 || input.sku.chars().any(char::is_control) {
        return Err(Error::invalid("sku", "1 to 64 printable characters"));
    }
    if input.name.is_empty() || input.name.chars().count() > 200 {
        return Err(Error::invalid("name", "1 to 200 characters"));
    }
    if input.base_unit.is_empty() || input.base_unit.len() > 32 {
        return Err(Error::invalid("base_unit", "1 to 32 characters"));
    }
    if !seen_skus.insert(input.sku.clone()) {
        return Err(Error::DuplicateSku { field: "sku".into(), sku: input.sku.clone() });
    }
    let vat_rate = match input.vat_rate_pct {
        Some(r) => crate::money::parse_vat_rate(&r.to_string(), "vat_rate")?,
        None => shop.vat_default_pct,
    };
    if let Some(r) = input.retail_reserve {
        if !(0..=crate::units::QTY_BASE_MAX).contains(&r) {
            return Err(Error::invalid("reserve", format!("{r} must be 0 or more base units")));
        }
    }
    let existing = if catalog_empty { None } else { product_by_sku(conn, &input.sku)? };
    if let Some(p) = &existing {
        if p.base_unit != input.base_unit {
            return Err(Error::invalid(
                "base_unit",
                format!("{} counts in {}, not {}", p.sku, p.base_unit, input.base_unit),
            ));
        }
    }
    // Units: the base unit is always there with factor 1.
    let mut units: Vec<(String, i64)> = vec![(input.base_unit.clone(), 1)];
    for (unit, factor) in &input.units {
        let unit = normalize_unit(unit);
        if unit.is_empty() || unit.len() > 32 {
            return Err(Error::invalid("units", "a unit needs a name"));
        }
        if *factor <= 0 || *factor > crate::units::QTY_BASE_MAX {
            return Err(Error::invalid("units", format!("{unit}: factor {factor} must be a whole number above 0")));
        }
        if unit == input.base_unit {
            if *factor != 1 {
                return Err(Error::invalid("units", format!("{unit} is the base unit, its factor is 1")));
            }
            continue;
        }
        if units.iter().any(|(u, _)| *u == unit) {
            return Err(Error::invalid("units", format!("{unit} is given twice")));
        }
        units.push((unit, *factor));
    }
    if units.len() > UNITS_MAX {
        return Err(Error::invalid("units", format!("at most {UNITS_MAX} units")));
    }
    if let Some(p) = &existing {
        for (unit, factor) in &units {
            if let Some(old) = unit_factor(conn, &p.id, unit)? {
                if old != *factor {
                    return Err(Error::UnitFactorChanged {
                        field: "units".into(),
                        sku: p.sku.clone(),
                        unit: unit.clone(),
                        old_factor: old,
                        new_factor: *factor,
                    });
                }
            }
        }
    }
    let known_unit = |unit: &str, field: &str| -> Result<String> {
        let unit = normalize_unit(unit);
        if units.iter().any(|(u, _)| *u == unit) {
            return Ok(unit);
        }
        if let Some(p) = &existing {
            if unit_factor(conn, &p.id, &unit)?.is_some() {
                return Ok(unit);
            }
        }
        Err(Error::UnknownUnit { field: field.into(), sku: input.sku.clone(), unit })
    };
    let mut barcodes = vec![];
    for (unit, code) in &input.barcodes {
        let unit = known_unit(unit, "barcodes")?;
        let code = crate::barcode::validate(code, "barcodes")?;
        if let Some(other) = seen_barcodes.get(&code) {
            return Err(Error::DuplicateBarcode { field: "barcodes".into(), code, sku: other.clone() });
        }
        if let Some((owner, owner_unit)) = if catalog_empty { None } else { product_by_barcode(conn, &code)? } {
            if owner.sku != input.sku || owner_unit != unit {
                return Err(Error::DuplicateBarcode { field: "barcodes".into(), code, sku: owner.sku });
            }
        }
        seen_barcodes.insert(code.clone(), input.sku.clone());
        barcodes.push((unit, code));
    }
    let check_prices = |list: &[(String, Decimal)], field: &str| -> Result<Vec<(String, Decimal)>> {
        let mut out: Vec<(String, Decimal)> = vec![];
        for (unit, price) in list {
            let unit = known_unit(unit, field)?;
            let price = crate::money::check_price(*price, field)?;
            if out.iter().any(|(u, _)| *u == unit) {
                return Err(Error::invalid(field, format!("two prices for {unit}")));
            }
            out.push((unit, price));
        }
        Ok(out)
    };
    let retail_prices = check_prices(&input.retail_prices, "retail_prices")?;
    let wholesale_prices = check_prices(&input.wholesale_prices, "wholesale_prices")?;
    input.units = units;
    input.barcodes = barcodes;
    input.retail_prices = retail_prices;
    input.wholesale_prices = wholesale_prices;
    input.category = input.category.map(|c| c.trim().to_string()).filter(|c| !c.is_empty());
    Ok(CheckedProduct { input, vat_rate, existing_id: existing.map(|p| p.id) })
}

/// Write a checked product (insert or update), inside the caller's transaction.
pub(crate) fn write_product(tx: &Transaction, p: &CheckedProduct, now: Timestamp) -> Result<String> {
    let id = write_product_rows(tx, p, now)?;
    crate::sync::log_product(tx, &id, now)?;
    // Its barcodes were checked free (ON CONFLICT DO NOTHING takes none of another product's).
    bump_version_for(tx, &id)?;
    Ok(id)
}

/// The rows of [`write_product`], without its entry in the cloud ledger's log.
fn write_product_rows(tx: &Transaction, p: &CheckedProduct, now: Timestamp) -> Result<String> {
    let i = &p.input;
    let now_s = now.to_db();
    let id = match &p.existing_id {
        Some(id) => {
            tx.prepare_cached(
                "UPDATE products SET name = ?2, vat_rate = ?3, retail_reserve = ?4, allow_negative = ?5,
                        category = ?6, version = version + 1, updated_at = ?7 WHERE id = ?1",
            )?
            .execute(params![
                id,
                i.name,
                p.vat_rate.to_string(),
                i.retail_reserve,
                i.allow_negative as i64,
                i.category,
                now_s
            ])?;
            id.clone()
        }
        None => {
            let id = crate::ids::new_id();
            tx.prepare_cached(
                "INSERT INTO products (id, sku, name, base_unit, vat_rate, retail_reserve, allow_negative,
                                       category, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                id,
                i.sku,
                i.name,
                i.base_unit,
                p.vat_rate.to_string(),
                i.retail_reserve,
                i.allow_negative as i64,
                i.category,
                now_s
            ])?;
            tx.prepare_cached("INSERT INTO stock_balances (product_id, location, qty_base) VALUES (?1, 'main', 0)")?
                .execute([&id])?;
            id
        }
    };
    let mut st = tx.prepare_cached(
        "INSERT INTO product_units (product_id, unit, factor_to_base) VALUES (?1, ?2, ?3)
         ON CONFLICT (product_id, unit) DO NOTHING",
    )?;
    for (unit, factor) in &i.units {
        st.execute(params![id, unit, factor])?;
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO barcodes (code, product_id, unit) VALUES (?1, ?2, ?3) ON CONFLICT (code) DO NOTHING",
    )?;
    for (unit, code) in &i.barcodes {
        st.execute(params![code, id, unit])?;
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO prices (price_list, product_id, unit, price, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (price_list, product_id, unit) DO UPDATE SET price = excluded.price, updated_at = excluded.updated_at",
    )?;
    for (list, prices) in [("retail", &i.retail_prices), ("wholesale", &i.wholesale_prices)] {
        for (unit, price) in prices {
            st.execute(params![list, id, unit, price.to_string(), now_s])?;
        }
    }
    Ok(id)
}

/// Add or update one product (the owner's edit screen and the demo catalog use this).
pub(crate) fn upsert_product(
    conn: &mut Connection,
    actor: &Actor,
    input: ProductInput,
    now: Timestamp,
) -> Result<Product> {
    actor.require(Action::EditCatalog)?;
    let shop = crate::shop::load(conn)?;
    let tx = crate::db::write_tx(conn)?;
    let checked = check_product(&tx, &shop, input, &mut HashSet::new(), &mut HashMap::new())?;
    let id = write_product(&tx, &checked, now)?;
    let product = product_by_id(&tx, &id)?;
    tx.commit()?;
    Ok(product)
}

// ---------------------------------------------------------------------------------------------
// CSV import

/// The columns of the product CSV (README, "Product CSV"). Only `sku` and `name` are required.
pub const CSV_COLUMNS: [&str; 11] = [
    "sku",
    "name",
    "base_unit",
    "vat_rate",
    "reserve",
    "allow_negative",
    "category",
    "units",
    "barcodes",
    "retail_prices",
    "wholesale_prices",
];

/// How an import treats bad rows.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions {
    /// Import the good rows and report the bad ones, instead of importing nothing.
    pub skip_bad: bool,
}

/// Where a long import is.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct ImportProgress {
    pub phase: ImportPhase,
    pub done: usize,
    pub total: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportPhase {
    Checking,
    Writing,
}

/// What an import did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ImportReport {
    pub rows: usize,
    pub created: usize,
    pub updated: usize,
    pub skipped: usize,
    pub errors: Vec<RowError>,
}

fn row_error(line: u64, column: Option<&str>, error: Error, locale: Locale) -> RowError {
    // A whole-row or header problem has no column to point at.
    let column = column
        .map(str::to_string)
        .or_else(|| error.field().map(str::to_string))
        .filter(|c| !matches!(c.as_str(), "row" | "header" | "file" | ""));
    RowError { line, column, code: error.code(), message: error.message(locale), error: Box::new(error) }
}

/// Split `carton=24; dozen=12` into pairs.
fn pairs(cell: &str, column: &str) -> Result<Vec<(String, String)>> {
    let mut out = vec![];
    for part in cell.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (k, v) =
            part.split_once('=').ok_or_else(|| Error::invalid(column, format!("`{part}` should be unit=value")))?;
        out.push((normalize_unit(k), v.trim().to_string()));
    }
    Ok(out)
}

/// Resolve `carton=24; pallet=200 carton` to factors in base units.
fn resolve_units(cell: &str, base_unit: &str) -> Result<Vec<(String, i64)>> {
    let raw = pairs(cell, "units")?;
    let mut resolved: HashMap<String, i64> = HashMap::new();
    resolved.insert(base_unit.to_string(), 1);
    let mut pending: Vec<(String, i64, String)> = vec![];
    for (unit, value) in &raw {
        let mut words = value.split_whitespace();
        let first = words.next().unwrap_or("");
        let n: i64 = match first.parse::<i64>() {
            Ok(n) if n > 0 && n <= crate::units::QTY_BASE_MAX => n,
            Ok(n) if n > crate::units::QTY_BASE_MAX => {
                return Err(Error::invalid("units", format!("{unit}={value}: the factor {first} is too large")))
            }
            Err(_) if !first.is_empty() && first.bytes().all(|b| b.is_ascii_digit()) => {
                return Err(Error::invalid("units", format!("{unit}={value}: the factor {first} is too large")))
            }
            _ => {
                return Err(Error::invalid(
                    "units",
                    format!("{unit}={value}: the factor must be a whole number above 0"),
                ))
            }
        };
        let of = words.next().map(normalize_unit).unwrap_or_else(|| base_unit.to_string());
        if words.next().is_some() {
            return Err(Error::invalid("units", format!("{unit}={value}: write it as `200 carton`")));
        }
        pending.push((unit.clone(), n, of));
    }
    // Nesting may refer to units defined later in the cell: resolve until nothing moves.
    let mut order = vec![];
    while !pending.is_empty() {
        let before = pending.len();
        pending.retain(|(unit, n, of)| match resolved.get(of) {
            Some(f) => {
                // Too large a nesting stays at an impossible factor, refused with the user's words below.
                let factor = n.checked_mul(*f).filter(|f| *f <= crate::units::QTY_BASE_MAX).unwrap_or(-1);
                resolved.insert(unit.clone(), factor);
                order.push((unit.clone(), factor));
                false
            }
            None => true,
        });
        if let Some((unit, _)) = order.iter().find(|(_, f)| *f < 0) {
            let value = raw.iter().find(|(u, _)| u == unit).map(|(_, v)| v.as_str()).unwrap_or("");
            return Err(Error::invalid(
                "units",
                format!("{unit}={value}: that is more than {} base units", crate::units::QTY_BASE_MAX),
            ));
        }
        if pending.len() == before {
            let (unit, n, of) = &pending[0];
            if pending.iter().any(|(u, _, _)| u == of) {
                return Err(Error::invalid("units", format!("{unit}={n} {of}: the units are defined by each other")));
            }
            return Err(Error::invalid("units", format!("{unit}={n} {of}: {of} is not a unit of this product")));
        }
    }
    Ok(order)
}

fn parse_bool(cell: &str, column: &str) -> Result<bool> {
    match cell.trim().to_lowercase().as_str() {
        "" | "no" | "false" | "0" | "n" => Ok(false),
        "yes" | "true" | "1" | "y" => Ok(true),
        other => Err(Error::invalid(column, format!("`{other}` should be yes or no"))),
    }
}

/// Turn one CSV record into a product input.
fn product_from_record(get: &dyn Fn(&str) -> String) -> Result<ProductInput> {
    let sku = get("sku");
    let base_unit = {
        let b = normalize_unit(&get("base_unit"));
        if b.is_empty() {
            "piece".to_string()
        } else {
            b
        }
    };
    let vat = get("vat_rate");
    let reserve = get("reserve");
    let price_pairs = |column: &str| -> Result<Vec<(String, Decimal)>> {
        pairs(&get(column), column)?.into_iter().map(|(u, v)| Ok((u, crate::money::parse_price(&v, column)?))).collect()
    };
    Ok(ProductInput {
        sku,
        name: get("name"),
        vat_rate_pct: if vat.trim().is_empty() { None } else { Some(crate::money::parse_vat_rate(&vat, "vat_rate")?) },
        retail_reserve: if reserve.trim().is_empty() {
            None
        } else {
            Some(reserve.trim().parse::<i64>().ok().filter(|r| *r >= 0).ok_or_else(|| {
                Error::invalid("reserve", format!("`{reserve}` should be a whole number of base units"))
            })?)
        },
        allow_negative: parse_bool(&get("allow_negative"), "allow_negative")?,
        category: Some(get("category")),
        units: resolve_units(&get("units"), &base_unit)?,
        barcodes: pairs(&get("barcodes"), "barcodes")?,
        retail_prices: price_pairs("retail_prices")?,
        wholesale_prices: price_pairs("wholesale_prices")?,
        base_unit,
    })
}

/// Import the product CSV: every row is checked first; with any bad row nothing is written
/// (unless `skip_bad`), otherwise all rows are written in one transaction.
pub(crate) fn import_products(
    conn: &mut Connection,
    actor: &Actor,
    source: impl Read,
    options: ImportOptions,
    progress: &mut dyn FnMut(ImportProgress),
    now: Timestamp,
) -> Result<ImportReport> {
    actor.require(Action::EditCatalog)?;
    // The rows an import writes reference only what its checks found or what it writes itself
    // (a unit of the product, a product of the file or the catalog, the two price lists): SQLite's
    // own foreign-key lookups, about 1.8 million for 100 000 products, would only repeat those
    // checks. They are off for the import's transaction and on again whatever its outcome (the
    // setting cannot change inside a transaction, so it is set around it).
    conn.execute_batch("PRAGMA foreign_keys = OFF")?;
    let result = import_products_checked(conn, actor, source, options, progress, now);
    let restored = conn.execute_batch("PRAGMA foreign_keys = ON");
    let report = result?;
    restored?;
    Ok(report)
}

fn import_products_checked(
    conn: &mut Connection,
    actor: &Actor,
    mut source: impl Read,
    options: ImportOptions,
    progress: &mut dyn FnMut(ImportProgress),
    now: Timestamp,
) -> Result<ImportReport> {
    let shop = crate::shop::load(conn)?;
    let locale = actor.locale;
    let mut bytes = vec![];
    source.read_to_end(&mut bytes).map_err(|e| Error::Io { path: "products CSV".into(), detail: e.to_string() })?;
    // Excel writes a byte-order mark before the header.
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    // Excel ends lines with CR LF; the csv crate then counts positions one line short
    // (rust-csv#395), so row numbers in errors would be wrong. Plain LF is counted right.
    let body: Vec<u8> = if body.contains(&b'\r') {
        let mut out = Vec::with_capacity(body.len());
        for (i, b) in body.iter().enumerate() {
            if !(*b == b'\r' && body.get(i + 1) == Some(&b'\n')) {
                out.push(*b);
            }
        }
        out
    } else {
        body.to_vec()
    };
    let body = &body[..];
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(body);
    let headers = reader
        .headers()
        .map_err(|e| Error::ImportRejected {
            count: 1,
            rows: vec![row_error(1, None, Error::invalid("header", csv_reason(&e)), locale)],
        })?
        .clone();
    let names: Vec<String> = headers.iter().map(|h| h.trim().to_lowercase()).collect();
    let mut header_errors = vec![];
    for (i, name) in names.iter().enumerate() {
        if !CSV_COLUMNS.contains(&name.as_str()) {
            header_errors.push(row_error(
                1,
                Some(name),
                Error::invalid(
                    name.clone(),
                    format!("unknown column (column {}); the columns are {}", i + 1, CSV_COLUMNS.join(", ")),
                ),
                locale,
            ));
        } else if names[..i].contains(name) {
            header_errors.push(row_error(1, Some(name), Error::invalid(name.clone(), "column given twice"), locale));
        }
    }
    for required in ["sku", "name"] {
        if !names.iter().any(|n| n == required) {
            header_errors.push(row_error(
                1,
                Some(required),
                Error::invalid(required, "required column is missing"),
                locale,
            ));
        }
    }
    if !header_errors.is_empty() {
        return Err(Error::ImportRejected { count: header_errors.len(), rows: header_errors });
    }

    let mut records = vec![];
    let mut errors = vec![];
    for result in reader.byte_records() {
        if records.len() + errors.len() >= IMPORT_ROWS_MAX {
            return Err(Error::invalid("file", format!("at most {IMPORT_ROWS_MAX} rows per import")));
        }
        match result {
            Ok(rec) => {
                let line = rec.position().map(|p| p.line()).unwrap_or(0);
                match csv::StringRecord::from_byte_record(rec) {
                    Ok(s) => records.push((line, s)),
                    Err(e) => {
                        let col = e.utf8_error().field();
                        let column = names.get(col).cloned().unwrap_or_default();
                        errors.push(row_error(
                            line,
                            Some(&column),
                            Error::invalid(column.clone(), "the text is not valid UTF-8 (save the file as UTF-8)"),
                            locale,
                        ));
                    }
                }
            }
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                errors.push(row_error(line, None, Error::invalid("row", csv_reason(&e)), locale));
                if !matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. }) {
                    break; // the reader cannot go on after an I/O error
                }
            }
        }
    }
    let total = records.len() + errors.len();
    let step = (total / 100).max(1000);
    let mut seen_skus = HashSet::with_capacity(records.len());
    let mut seen_barcodes = HashMap::with_capacity(records.len() * 3);
    let mut checked = Vec::with_capacity(records.len());
    // Checked and written in one write transaction: what the rows were checked against (a
    // barcode free, a SKU new) cannot be changed by another till before they are written.
    let tx = crate::db::write_tx(conn)?;
    let catalog_empty = !tx.query_row("SELECT EXISTS (SELECT 1 FROM products)", [], |r| r.get::<_, bool>(0))?;
    let columns: Vec<Option<usize>> = CSV_COLUMNS.iter().map(|c| names.iter().position(|n| n == c)).collect();
    for (i, (line, rec)) in records.iter().enumerate() {
        let get = |column: &str| -> String {
            CSV_COLUMNS
                .iter()
                .position(|c| *c == column)
                .and_then(|k| columns[k])
                .and_then(|i| rec.get(i))
                .unwrap_or("")
                .to_string()
        };
        let result = product_from_record(&get)
            .and_then(|input| check_product_in(&tx, &shop, input, &mut seen_skus, &mut seen_barcodes, catalog_empty));
        match result {
            Ok(c) => checked.push(c),
            Err(e) => errors.push(row_error(*line, None, e, locale)),
        }
        if i % step == 0 {
            progress(ImportProgress { phase: ImportPhase::Checking, done: i, total });
        }
    }
    drop(records);
    progress(ImportProgress { phase: ImportPhase::Checking, done: total, total });
    errors.sort_by_key(|e| e.line);
    if !errors.is_empty() && !options.skip_bad {
        // Nothing was written: the transaction ends with nothing to undo.
        tx.rollback()?;
        return Err(Error::ImportRejected { count: errors.len(), rows: errors });
    }
    let log = crate::sync::enabled(&tx)?;
    // A large import builds the barcodes' by-product index once at the end (sorted, page by page)
    // instead of inserting into it row by row; in this transaction, so no reader sees it missing.
    let rebuild_index = checked.len() >= BULK_IMPORT_ROWS;
    if rebuild_index {
        tx.execute_batch("DROP INDEX barcodes_product")?;
    }
    // Products already in the catalog are updated one by one; new ones are written table by table
    // in multi-row statements (see write_new_products).
    let (new, known): (Vec<&CheckedProduct>, Vec<&CheckedProduct>) =
        checked.iter().partition(|c| c.existing_id.is_none());
    let (created, updated) = (new.len(), known.len());
    for (i, c) in known.iter().enumerate() {
        let id = write_product_rows(&tx, c, now)?;
        if log {
            crate::sync::log_product(&tx, &id, now)?;
        }
        if i % step == 0 {
            progress(ImportProgress { phase: ImportPhase::Writing, done: i, total: checked.len() });
        }
    }
    let ids = write_new_products(&tx, &new, now, &mut |done| {
        progress(ImportProgress { phase: ImportPhase::Writing, done: updated + done, total: checked.len() })
    })?;
    if log {
        for id in &ids {
            crate::sync::log_product(&tx, id, now)?;
        }
    }
    if rebuild_index {
        // The same definition as migration 0012.
        tx.execute_batch("CREATE INDEX barcodes_product ON barcodes(product_id, unit)")?;
    }
    if !checked.is_empty() {
        bump_version(&tx)?;
    }
    tx.commit()?;
    progress(ImportProgress { phase: ImportPhase::Writing, done: checked.len(), total: checked.len() });
    Ok(ImportReport { rows: total, created, updated, skipped: errors.len(), errors })
}

/// Rows per multi-row INSERT of [`write_new_products`] (at most 9 values a row: 900 parameters).
const ROWS_PER_INSERT: usize = 100;

/// `INSERT ... VALUES row, row ...` of `values`, `ROWS_PER_INSERT` rows a statement; `row` is
/// the template of one row, e.g. `(?, 'main', 0)`, with `width` parameters. One statement keeps its
/// cursors open from row to row, so rows given in key order are appended without a seek from the
/// root of each B-tree for each of them.
fn insert_rows(tx: &Transaction, head: &str, row: &str, tail: &str, width: usize, values: &[Value]) -> Result<()> {
    debug_assert_eq!(values.len() % width, 0);
    let sql_for = |rows: usize| format!("{head} VALUES {} {tail}", vec![row; rows].join(", "));
    let full = sql_for(ROWS_PER_INSERT);
    for chunk in values.chunks(width * ROWS_PER_INSERT) {
        let rows = chunk.len() / width;
        let sql = if rows == ROWS_PER_INSERT { full.clone() } else { sql_for(rows) };
        tx.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(chunk.iter()))?;
    }
    Ok(())
}

/// Write products new to the catalog (checked: their SKUs and barcodes are free), table by table,
/// each in key order: the products, their balances, units, barcodes (by code), then the retail and
/// the wholesale prices. Returns their new ids in the order given.
fn write_new_products(
    tx: &Transaction,
    new: &[&CheckedProduct],
    now: Timestamp,
    progress: &mut dyn FnMut(usize),
) -> Result<Vec<String>> {
    let now_s = now.to_db();
    let text = |t: &str| Value::Text(t.to_string());
    let ids: Vec<String> = new.iter().map(|_| crate::ids::new_id()).collect();
    let mut products = Vec::with_capacity(new.len() * 9);
    let mut balances = Vec::with_capacity(new.len());
    let mut units = Vec::with_capacity(new.len() * 9);
    let mut barcodes: Vec<(&str, &str, &str)> = Vec::with_capacity(new.len() * 3);
    let (mut retail, mut wholesale) = (vec![], vec![]);
    for (p, id) in new.iter().zip(&ids) {
        let i = &p.input;
        products.extend([
            text(id),
            text(&i.sku),
            text(&i.name),
            text(&i.base_unit),
            Value::Text(p.vat_rate.to_string()),
            i.retail_reserve.map(Value::Integer).unwrap_or(Value::Null),
            Value::Integer(i.allow_negative as i64),
            i.category.as_deref().map(text).unwrap_or(Value::Null),
            text(&now_s),
        ]);
        balances.push(text(id));
        let mut own_units: Vec<&(String, i64)> = i.units.iter().collect();
        own_units.sort_by(|a, b| a.0.cmp(&b.0));
        for (unit, factor) in own_units {
            units.extend([text(id), text(unit), Value::Integer(*factor)]);
        }
        barcodes.extend(i.barcodes.iter().map(|(unit, code)| (code.as_str(), id.as_str(), unit.as_str())));
        for (list, prices) in [(&mut retail, &i.retail_prices), (&mut wholesale, &i.wholesale_prices)] {
            let mut prices: Vec<&(String, Decimal)> = prices.iter().collect();
            prices.sort_by(|a, b| a.0.cmp(&b.0));
            for (unit, price) in prices {
                list.extend([text(id), text(unit), Value::Text(price.to_string())]);
            }
        }
    }
    insert_rows(
        tx,
        "INSERT INTO products (id, sku, name, base_unit, vat_rate, retail_reserve, allow_negative, category, updated_at)",
        "(?, ?, ?, ?, ?, ?, ?, ?, ?)",
        "",
        9,
        &products,
    )?;
    insert_rows(tx, "INSERT INTO stock_balances (product_id, location, qty_base)", "(?, 'main', 0)", "", 1, &balances)?;
    progress(new.len() / 4);
    insert_rows(
        tx,
        "INSERT INTO product_units (product_id, unit, factor_to_base)",
        "(?, ?, ?)",
        "ON CONFLICT (product_id, unit) DO NOTHING",
        3,
        &units,
    )?;
    barcodes.sort_unstable();
    let barcodes: Vec<Value> =
        barcodes.into_iter().flat_map(|(code, id, unit)| [text(code), text(id), text(unit)]).collect();
    insert_rows(
        tx,
        "INSERT INTO barcodes (code, product_id, unit)",
        "(?, ?, ?)",
        "ON CONFLICT (code) DO NOTHING",
        3,
        &barcodes,
    )?;
    progress(new.len() / 2);
    for (list, values) in [("retail", &retail), ("wholesale", &wholesale)] {
        insert_rows(
            tx,
            "INSERT INTO prices (price_list, product_id, unit, price, updated_at)",
            &format!("('{list}', ?, ?, ?, '{now_s}')"),
            // New products: no row of theirs can be there yet (an upsert would cost a second seek).
            "",
            3,
            values,
        )?;
    }
    progress(new.len());
    Ok(ids)
}

fn csv_reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("{len} fields where the header has {expected_len} (a quote not closed, or a stray comma?)")
        }
        csv::ErrorKind::Utf8 { .. } => "the text is not valid UTF-8 (save the file as UTF-8)".into(),
        _ => e.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// The catalog in memory

/// Write a new catalog version, in the transaction of a catalog change (an edit, an import, a
/// merge of another device's product): every till's copy in memory is then reloaded before use.
pub(crate) fn bump_version(tx: &Connection) -> Result<()> {
    tx.prepare_cached(
        "UPDATE catalog_version SET version = lower(hex(randomblob(16))), prior = NULL, changed = NULL WHERE id = 1",
    )?
    .execute([])?;
    Ok(())
}

/// [`bump_version`] for a change of one product's own rows only (its product row, units, its
/// barcodes and prices): a till holding the version before reloads just that product.
pub(crate) fn bump_version_for(tx: &Connection, product_id: &str) -> Result<()> {
    tx.prepare_cached(
        "UPDATE catalog_version SET prior = version, changed = ?1, version = lower(hex(randomblob(16))) WHERE id = 1",
    )?
    .execute([product_id])?;
    Ok(())
}

/// The catalog version in the file.
pub(crate) fn version(conn: &Connection) -> Result<String> {
    Ok(conn.prepare_cached("SELECT version FROM catalog_version WHERE id = 1")?.query_row([], |r| r.get(0))?)
}

/// A text column, borrowed from the row (no copy for a key that is only looked up).
fn text_at<'r>(r: &'r rusqlite::Row, i: usize) -> rusqlite::Result<&'r str> {
    Ok(r.get_ref(i)?.as_str()?)
}

/// One product of the catalog in memory, with what a scan, a sale and a search need of it.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// As stored, but `avg_cost_e4` is the figure of the moment the copy was loaded: the moving
    /// average changes with every receipt without a new catalog version, so read it live.
    pub(crate) product: Product,
    /// Its units, by factor then name.
    pub(crate) units: Vec<crate::units::Unit>,
    /// (price list, unit, price), by list then unit; only lists of `price_lists`.
    pub(crate) prices: Vec<(String, String, Decimal)>,
    /// (unit, code), by unit then code.
    pub(crate) barcodes: Vec<(String, String)>,
    /// The name with ASCII letters in lower case (what SQL's LIKE folds), for the search.
    pub(crate) name_folded: String,
    pub(crate) sku_folded: String,
}

impl Entry {
    fn new(product: Product) -> Entry {
        Entry {
            name_folded: product.name.to_ascii_lowercase(),
            sku_folded: product.sku.to_ascii_lowercase(),
            product,
            units: vec![],
            prices: vec![],
            barcodes: vec![],
        }
    }

    /// The orders the lookups in SQL gave (crate::stock::view).
    fn sort(&mut self) {
        self.units.sort_by(|a, b| a.factor_to_base.cmp(&b.factor_to_base).then_with(|| a.unit.cmp(&b.unit)));
        self.prices.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
        self.barcodes.sort();
    }

    pub(crate) fn factor(&self, unit: &str) -> Option<i64> {
        self.units.iter().find(|u| u.unit == unit).map(|u| u.factor_to_base)
    }

    pub(crate) fn price(&self, list: &str, unit: &str) -> Option<Decimal> {
        self.prices.iter().find(|(l, u, _)| l == list && u == unit).map(|(_, _, p)| *p)
    }
}

/// The products, units, barcodes and prices of one catalog version, loaded whole: a scan or a
/// sale resolves its codes and prices here without a read of the file, and the search scans the
/// names in memory. Stock and the average cost are never kept here: they are read live.
#[derive(Debug, Clone)]
pub(crate) struct Catalog {
    pub(crate) version: String,
    /// Every product, ordered by SKU (byte order, as SQLite's BINARY collation).
    pub(crate) entries: Vec<Entry>,
    by_sku: HashMap<String, u32>,
    by_id: HashMap<String, u32>,
    /// Barcode -> (entry, unit).
    by_barcode: HashMap<String, (u32, String)>,
    /// For the search: every entry's folded name, one after the other, each followed by `\n`
    /// (no query word holds one, so no match spans two names), and where each name starts.
    pub(crate) names: String,
    pub(crate) name_starts: Vec<u32>,
    /// `\n` before every folded SKU, one after the other: a SKU prefix is `\n` + the prefix.
    pub(crate) skus: String,
    pub(crate) sku_starts: Vec<u32>,
}

impl Catalog {
    /// Load the whole catalog, in the caller's read (or write) transaction.
    pub(crate) fn load(conn: &Connection) -> Result<Catalog> {
        let version = version(conn)?;
        let mut entries = Vec::new();
        let mut by_id = HashMap::new();
        {
            let mut st = conn.prepare(&format!("SELECT {PRODUCT_COLS} FROM products ORDER BY sku"))?;
            let mut rows = st.query([])?;
            while let Some(r) = rows.next()? {
                let product = product_from_row(r)?;
                by_id.insert(product.id.clone(), entries.len() as u32);
                entries.push(Entry::new(product));
            }
        }
        let mut st = conn.prepare("SELECT product_id, unit, factor_to_base FROM product_units")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            if let Some(&i) = by_id.get(text_at(r, 0)?) {
                entries[i as usize].units.push(crate::units::Unit { unit: r.get(1)?, factor_to_base: r.get(2)? });
            }
        }
        drop(rows);
        let mut st = conn.prepare(
            "SELECT product_id, price_list, unit, price FROM prices WHERE price_list IN (SELECT code FROM price_lists)",
        )?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            if let Some(&i) = by_id.get(text_at(r, 0)?) {
                let price = Decimal::from_str_exact(text_at(r, 3)?).unwrap_or_default();
                entries[i as usize].prices.push((r.get(1)?, r.get(2)?, price));
            }
        }
        drop(rows);
        let mut st = conn.prepare("SELECT code, product_id, unit FROM barcodes")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            if let Some(&i) = by_id.get(text_at(r, 1)?) {
                entries[i as usize].barcodes.push((r.get(2)?, r.get(0)?));
            }
        }
        drop(rows);
        for e in &mut entries {
            e.sort();
        }
        Ok(Catalog::indexed(version, entries))
    }

    /// Read one product again from the file (edited or new) into this catalog, now at `version`.
    /// An edited product keeps its place (its SKU does not change): only its barcodes' map entries
    /// and the search buffers are redone; a new one is placed in SKU order and everything indexed.
    fn apply_product(&mut self, conn: &Connection, product_id: &str, version: String) -> Result<()> {
        let product = conn
            .prepare_cached(&format!("SELECT {PRODUCT_COLS} FROM products WHERE id = ?1"))?
            .query_row([product_id], product_from_row)
            .optional()?;
        let fresh = match product {
            Some(product) => {
                let mut e = Entry::new(product);
                let mut st =
                    conn.prepare_cached("SELECT unit, factor_to_base FROM product_units WHERE product_id = ?1")?;
                e.units = st
                    .query_map([product_id], |r| Ok(crate::units::Unit { unit: r.get(0)?, factor_to_base: r.get(1)? }))?
                    .collect::<rusqlite::Result<_>>()?;
                let mut st = conn.prepare_cached(
                    "SELECT price_list, unit, price FROM prices
                     WHERE product_id = ?1 AND price_list IN (SELECT code FROM price_lists)",
                )?;
                e.prices = st
                    .query_map([product_id], |r| {
                        let price: String = r.get(2)?;
                        Ok((r.get(0)?, r.get(1)?, Decimal::from_str_exact(&price).unwrap_or_default()))
                    })?
                    .collect::<rusqlite::Result<_>>()?;
                let mut st = conn.prepare_cached("SELECT unit, code FROM barcodes WHERE product_id = ?1")?;
                e.barcodes =
                    st.query_map([product_id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
                e.sort();
                Some(e)
            }
            None => None,
        };
        match (self.by_id.get(product_id).map(|&i| i as usize), fresh) {
            (Some(i), Some(e)) if self.entries[i].product.sku == e.product.sku => {
                for (_, code) in &self.entries[i].barcodes {
                    self.by_barcode.remove(code);
                }
                for (unit, code) in &e.barcodes {
                    self.by_barcode.insert(code.clone(), (i as u32, unit.clone()));
                }
                self.entries[i] = e;
                self.version = version;
                self.index_text();
            }
            (_, fresh) => {
                let mut entries = std::mem::take(&mut self.entries);
                entries.retain(|x| x.product.id != product_id);
                if let Some(e) = fresh {
                    let at = entries.partition_point(|x| x.product.sku < e.product.sku);
                    entries.insert(at, e);
                }
                *self = Catalog::indexed(version, entries);
            }
        }
        Ok(())
    }

    /// The search buffers of the entries (names and SKUs, folded, one after the other).
    fn index_text(&mut self) {
        let (names, name_starts, skus, sku_starts) =
            (&mut self.names, &mut self.name_starts, &mut self.skus, &mut self.sku_starts);
        names.clear();
        name_starts.clear();
        skus.clear();
        sku_starts.clear();
        for e in &self.entries {
            name_starts.push(names.len() as u32);
            names.push_str(&e.name_folded);
            names.push('\n');
            sku_starts.push(skus.len() as u32);
            skus.push('\n');
            skus.push_str(&e.sku_folded);
        }
    }

    /// The maps and search buffers of `entries` (in SKU order).
    fn indexed(version: String, entries: Vec<Entry>) -> Catalog {
        let mut by_id = HashMap::with_capacity(entries.len());
        let mut by_sku = HashMap::with_capacity(entries.len());
        let mut by_barcode = HashMap::with_capacity(entries.len() * 3);
        for (i, e) in entries.iter().enumerate() {
            by_id.insert(e.product.id.clone(), i as u32);
            by_sku.insert(e.product.sku.clone(), i as u32);
            for (unit, code) in &e.barcodes {
                by_barcode.insert(code.clone(), (i as u32, unit.clone()));
            }
        }
        let mut catalog = Catalog {
            version,
            entries,
            by_sku,
            by_id,
            by_barcode,
            names: String::new(),
            name_starts: vec![],
            skus: String::new(),
            sku_starts: vec![],
        };
        catalog.index_text();
        catalog
    }

    pub(crate) fn by_sku(&self, sku: &str) -> Option<&Entry> {
        self.by_sku.get(sku).map(|&i| &self.entries[i as usize])
    }

    /// The position of a product in [`Catalog::entries`].
    pub(crate) fn entry_index(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).map(|&i| i as usize)
    }

    pub(crate) fn by_id(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(|&i| &self.entries[i as usize])
    }

    /// The entry and the unit a barcode stands for.
    pub(crate) fn by_barcode(&self, code: &str) -> Option<(&Entry, &str)> {
        self.by_barcode.get(code).map(|(i, unit)| (&self.entries[*i as usize], unit.as_str()))
    }

    /// A scanned or typed code: a barcode (its unit) or a SKU (the base unit).
    pub(crate) fn by_code(&self, code: &str) -> Option<(&Entry, &str)> {
        self.by_barcode(code).or_else(|| self.by_sku(code).map(|e| (e, e.product.base_unit.as_str())))
    }
}

/// The book's copy of the catalog: reloaded when the version in the file is not its own (an edit
/// here or on another till, an import, a merge, a restored backup).
#[derive(Default)]
pub(crate) struct CatalogCache {
    current: std::cell::RefCell<Option<std::sync::Arc<Catalog>>>,
}

impl CatalogCache {
    /// The catalog as of the caller's transaction: one read of the version row when the copy is
    /// current, a reload otherwise.
    pub(crate) fn get(&self, conn: &Connection) -> Result<std::sync::Arc<Catalog>> {
        let v = version(conn)?;
        self.get_at(conn, &v)
    }

    /// [`CatalogCache::get`] when the caller has read the version itself (in the same snapshot).
    pub(crate) fn get_at(&self, conn: &Connection, version: &str) -> Result<std::sync::Arc<Catalog>> {
        if let Some(c) = self.current.borrow().as_ref() {
            if c.version == version {
                return Ok(c.clone());
            }
        }
        // One product edited since the copy was made: that product alone is read again.
        // (Taken out of the cache meanwhile: on an error the next use loads the whole catalog.)
        let held = self.current.borrow_mut().take();
        if let Some(mut held) = held {
            let (prior, changed): (Option<String>, Option<String>) = conn
                .prepare_cached("SELECT prior, changed FROM catalog_version WHERE id = 1")?
                .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            if let (Some(prior), Some(changed)) = (prior, changed) {
                if prior == held.version {
                    // In place when no scan still holds this copy (the usual case), else on a copy.
                    std::sync::Arc::make_mut(&mut held).apply_product(conn, &changed, version.to_string())?;
                    *self.current.borrow_mut() = Some(held.clone());
                    return Ok(held);
                }
            }
        }
        let loaded = std::sync::Arc::new(Catalog::load(conn)?);
        *self.current.borrow_mut() = Some(loaded.clone());
        Ok(loaded)
    }

    /// The copy held, whatever its version (to be checked by the caller).
    pub(crate) fn held(&self) -> Option<std::sync::Arc<Catalog>> {
        self.current.borrow().clone()
    }
}

// ---------------------------------------------------------------------------------------------
// Wholesale buyers

/// A wholesale buyer.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Customer {
    pub code: String,
    pub name: String,
    pub tax_number: Option<String>,
    /// Net N days; 0 is cash.
    pub payment_terms_days: i64,
    pub locale: Option<Locale>,
}

pub(crate) fn add_customer(conn: &mut Connection, actor: &Actor, c: &Customer, now: Timestamp) -> Result<()> {
    actor.require(Action::ManageBuyers)?;
    let tx = crate::db::write_tx(conn)?;
    let id = insert_customer(&tx, c, now)?;
    crate::sync::log_customer(&tx, &id, now)?;
    tx.commit()?;
    Ok(())
}

/// Check and insert a buyer inside the caller's transaction; returns its id.
pub(crate) fn insert_customer(tx: &Transaction, c: &Customer, now: Timestamp) -> Result<String> {
    let code = c.code.trim();
    if code.is_empty() || code.len() > 32 {
        return Err(Error::invalid("code", "1 to 32 characters"));
    }
    if c.name.trim().is_empty() {
        return Err(Error::invalid("name", "the buyer needs a name"));
    }
    if !(0..=3650).contains(&c.payment_terms_days) {
        return Err(Error::invalid("terms", "payment terms are 0 to 3650 days"));
    }
    if tx.query_row("SELECT 1 FROM customers WHERE code = ?1", [code], |_| Ok(())).optional()?.is_some() {
        return Err(Error::DuplicateCustomer { code: code.into() });
    }
    let id = crate::ids::new_id();
    tx.execute(
        "INSERT INTO customers (id, code, name, tax_number, payment_terms_days, locale, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            id,
            code,
            c.name.trim(),
            c.tax_number.as_deref().map(str::trim).filter(|t| !t.is_empty()),
            c.payment_terms_days,
            c.locale.map(|l| l.tag()),
            now.to_db()
        ],
    )?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_units_resolve_to_one_factor() {
        let u = resolve_units("pallet=200 carton; carton=24; dozen=12", "piece").unwrap();
        assert!(u.contains(&("carton".into(), 24)));
        assert!(u.contains(&("pallet".into(), 4800)));
        assert!(u.contains(&("dozen".into(), 12)));
        assert!(resolve_units("pallet=200 crate", "piece").is_err());
        assert!(resolve_units("carton=0", "piece").is_err());
        assert!(resolve_units("carton=2.5", "piece").is_err());
    }
}
