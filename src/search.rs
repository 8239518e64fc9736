//! Finding products as people type: for the catalog's list, the wholesale counter's line search
//! and the till's search box. A query matches a barcode exactly, the start of a SKU, or words
//! anywhere in the name (every word, in any order, case folded for Latin letters; Arabic, Thai and
//! Chinese match as written). Results come a page at a time, ordered by SKU, with the total, so a
//! list of 100 000 products can be scrolled without loading it (the screen asks for the rows in
//! view).

use rusqlite::{Connection, ToSql};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::units::Unit;
use crate::Book;

/// Most rows one page may hold.
pub const PAGE_MAX: usize = 500;
/// Most words a query may have.
const WORDS_MAX: usize = 8;

/// One product in a list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProductRow {
    pub sku: String,
    pub name: String,
    pub base_unit: String,
    /// Its packaging units with their factors, largest first (`carton` × 24).
    pub units: Vec<Unit>,
    /// On hand in base units, and the way people count it ("5 ctn + 3 pcs").
    pub on_hand: i64,
    pub on_hand_mixed: String,
    /// The retail price of one base unit (with the currency's decimals), when there is one.
    pub retail_price: Option<String>,
    pub vat_rate_pct: String,
}

/// A page of a product list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProductPage {
    /// How many products match the query in all.
    pub total: i64,
    pub offset: usize,
    pub rows: Vec<ProductRow>,
}

/// `%`, `_` and `\` taken literally in a LIKE pattern (with `ESCAPE '\'`).
fn like_escape(word: &str) -> String {
    let mut s = String::with_capacity(word.len() + 2);
    for c in word.chars() {
        if matches!(c, '%' | '_' | '\\') {
            s.push('\\');
        }
        s.push(c);
    }
    s
}

/// The WHERE clause and its parameters for a query (empty: every product).
fn filter(query: &str) -> Result<(String, Vec<String>)> {
    let words: Vec<&str> = query.split_whitespace().collect();
    if words.is_empty() {
        return Ok(("1".into(), vec![]));
    }
    if words.len() > WORDS_MAX {
        return Err(Error::invalid("query", format!("at most {WORDS_MAX} words")));
    }
    if query.chars().count() > 200 {
        return Err(Error::invalid("query", "at most 200 characters"));
    }
    let mut params = Vec::new();
    // Every word somewhere in the name (LIKE folds ASCII case).
    let name: Vec<String> = words
        .iter()
        .map(|w| {
            params.push(format!("%{}%", like_escape(w)));
            format!("p.name LIKE ?{} ESCAPE '\\'", params.len())
        })
        .collect();
    // Or the whole query as the start of the SKU, or exactly a barcode.
    params.push(format!("{}%", like_escape(query.trim())));
    let sku = format!("p.sku LIKE ?{} ESCAPE '\\'", params.len());
    params.push(query.trim().to_string());
    let barcode = format!("p.id IN (SELECT product_id FROM barcodes WHERE code = ?{})", params.len());
    Ok((format!("(({}) OR {sku} OR {barcode})", name.join(" AND ")), params))
}

pub(crate) fn page(conn: &Connection, query: &str, offset: usize, limit: usize) -> Result<ProductPage> {
    if limit == 0 || limit > PAGE_MAX {
        return Err(Error::invalid("limit", format!("a page holds 1 to {PAGE_MAX} rows")));
    }
    let (where_clause, params) = filter(query)?;
    let args: Vec<&dyn ToSql> = params.iter().map(|p| p as &dyn ToSql).collect();
    let total: i64 =
        conn.query_row(&format!("SELECT count(*) FROM products p WHERE {where_clause}"), args.as_slice(), |r| {
            r.get(0)
        })?;
    let mut st = conn.prepare(&format!(
        "SELECT p.id, p.sku, p.name, p.base_unit, p.vat_rate,
                (SELECT COALESCE(SUM(qty_base), 0) FROM stock_balances b WHERE b.product_id = p.id),
                (SELECT price FROM prices r WHERE r.price_list = 'retail' AND r.product_id = p.id AND r.unit = p.base_unit)
         FROM products p WHERE {where_clause} ORDER BY p.sku LIMIT {limit} OFFSET {offset}"
    ))?;
    type Raw = (String, String, String, String, String, i64, Option<String>);
    let raw: Vec<Raw> = st
        .query_map(args.as_slice(), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut units_of = conn.prepare_cached(
        "SELECT unit, factor_to_base FROM product_units WHERE product_id = ?1 ORDER BY factor_to_base DESC, unit",
    )?;
    let minor_units: u32 = conn.query_row("SELECT minor_units FROM shop WHERE id = 1", [], |r| r.get(0))?;
    let mut rows = Vec::with_capacity(raw.len());
    for (id, sku, name, base_unit, vat_rate_pct, on_hand, retail_price) in raw {
        // With the currency's decimals, as the till shows it.
        let retail_price = retail_price
            .and_then(|p| rust_decimal::Decimal::from_str_exact(&p).ok())
            .map(|p| crate::money::amount_str(p, minor_units));
        let units: Vec<Unit> = units_of
            .query_map([&id], |r| Ok(Unit { unit: r.get(0)?, factor_to_base: r.get(1)? }))?
            .collect::<rusqlite::Result<_>>()?;
        let on_hand_mixed = crate::units::mixed(on_hand, &units, &base_unit);
        rows.push(ProductRow { sku, name, base_unit, units, on_hand, on_hand_mixed, retail_price, vat_rate_pct });
    }
    Ok(ProductPage { total, offset, rows })
}

impl Book {
    /// A page of the products matching `query` (empty: all), ordered by SKU: `offset` rows
    /// skipped, at most `limit` (1 to [`PAGE_MAX`]) returned, with the number matching in all.
    /// Anyone signed in may look products up; the database is only read.
    pub fn products_page(&self, query: &str, offset: usize, limit: usize) -> Result<ProductPage> {
        let tx = self.conn.unchecked_transaction()?;
        let page = page(&tx, query, offset, limit);
        tx.finish()?;
        page
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_in_a_query_are_taken_literally() {
        assert_eq!(like_escape("50%_off\\"), "50\\%\\_off\\\\");
        let (clause, params) = filter("usb  cable").unwrap();
        assert_eq!(params, vec!["%usb%", "%cable%", "usb  cable%", "usb  cable"]);
        assert!(clause.contains("p.name LIKE ?1") && clause.contains("p.name LIKE ?2"), "{clause}");
        assert_eq!(filter("   ").unwrap().0, "1");
        assert!(filter("a b c d e f g h i").is_err());
    }
}
