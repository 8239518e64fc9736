//! Finding products as people type: for the catalog's list, the wholesale counter's line search
//! and the till's search box. A query matches a barcode exactly, the start of a SKU, or words
//! anywhere in the name (every word, in any order, case folded for Latin letters; Arabic, Thai and
//! Chinese match as written). Results come a page at a time, ordered by SKU, with the total, so a
//! list of 100 000 products can be scrolled without loading it (the screen asks for the rows in
//! view).

use rusqlite::Connection;
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

/// A query, checked and folded the way SQL's LIKE folds (ASCII letters only).
struct Query {
    /// Words, ASCII letters in lower case: each must be somewhere in the name.
    words: Vec<String>,
    /// The whole query (trimmed), folded: the start of a SKU.
    sku_prefix: String,
    /// The whole query (trimmed), as typed: exactly a barcode.
    code: String,
}

fn parse(query: &str) -> Result<Option<Query>> {
    // The same checks, in the same order, as the SQL filter.
    let (clause, _) = filter(query)?;
    if clause == "1" {
        return Ok(None);
    }
    Ok(Some(Query {
        words: query.split_whitespace().map(|w| w.to_ascii_lowercase()).collect(),
        sku_prefix: query.trim().to_ascii_lowercase(),
        code: query.trim().to_string(),
    }))
}

/// The page of products matching `query`, found in the catalog in memory (names, SKUs and
/// barcodes scanned there: a few milliseconds for 100 000 products, where `LIKE '%word%'` reads
/// every row of the table); the stock of the rows shown is read live, in the caller's snapshot.
pub(crate) fn page_in(
    conn: &Connection,
    catalog: &crate::catalog::Catalog,
    query: &str,
    offset: usize,
    limit: usize,
) -> Result<ProductPage> {
    if limit == 0 || limit > PAGE_MAX {
        return Err(Error::invalid("limit", format!("a page holds 1 to {PAGE_MAX} rows")));
    }
    let q = parse(query)?;
    let n = catalog.entries.len();
    // Which entries match, marked by index (entries are in SKU order).
    let mut hit = vec![q.is_none(); n];
    if let Some(q) = &q {
        // Occurrences come in increasing positions: the entry holding each is found by walking
        // the starts forward from the previous one (no search from the top per occurrence).
        let walk = |starts: &[u32], i: &mut usize, pos: usize| {
            while *i + 1 < starts.len() && starts[*i + 1] as usize <= pos {
                *i += 1;
            }
        };
        // Names: every occurrence of the longest word in the names, then the other words in
        // those names only.
        let longest = q.words.iter().max_by_key(|w| w.len()).expect("a query has a word");
        let others: Vec<&String> = q.words.iter().filter(|w| *w != longest).collect();
        let (mut i, mut last) = (0usize, usize::MAX);
        for pos in memchr::memmem::find_iter(catalog.names.as_bytes(), longest.as_bytes()) {
            walk(&catalog.name_starts, &mut i, pos);
            if i == last {
                continue;
            }
            last = i;
            let name = &catalog.entries[i].name_folded;
            hit[i] = hit[i] || others.iter().all(|w| name.contains(w.as_str()));
        }
        // SKUs starting with the query.
        if q.sku_prefix.contains('\n') {
            for (i, e) in catalog.entries.iter().enumerate() {
                hit[i] = hit[i] || e.sku_folded.starts_with(&q.sku_prefix);
            }
        } else {
            let needle = format!("\n{}", q.sku_prefix);
            let mut i = 0usize;
            for pos in memchr::memmem::find_iter(catalog.skus.as_bytes(), needle.as_bytes()) {
                walk(&catalog.sku_starts, &mut i, pos);
                hit[i] = true;
            }
        }
        // Exactly a barcode.
        if let Some((e, _)) = catalog.by_barcode(&q.code) {
            if let Some(i) = catalog.entry_index(&e.product.id) {
                hit[i] = true;
            }
        }
    }
    let total = hit.iter().filter(|h| **h).count();
    let shown: Vec<&crate::catalog::Entry> = hit
        .iter()
        .enumerate()
        .filter(|(_, h)| **h)
        .skip(offset)
        .take(limit)
        .map(|(i, _)| &catalog.entries[i])
        .collect();
    let minor_units: u32 = conn.query_row("SELECT minor_units FROM shop WHERE id = 1", [], |r| r.get(0))?;
    let mut on_hand_of =
        conn.prepare_cached("SELECT COALESCE(SUM(qty_base), 0) FROM stock_balances WHERE product_id = ?1")?;
    let mut rows = Vec::with_capacity(shown.len());
    for e in shown {
        let p = &e.product;
        let on_hand: i64 = on_hand_of.query_row([&p.id], |r| r.get(0))?;
        let mut units = e.units.clone();
        units.sort_by(|a, b| b.factor_to_base.cmp(&a.factor_to_base).then_with(|| a.unit.cmp(&b.unit)));
        // With the currency's decimals, as the till shows it.
        let retail_price = e.price("retail", &p.base_unit).map(|price| crate::money::amount_str(price, minor_units));
        let on_hand_mixed = crate::units::mixed(on_hand, &units, &p.base_unit);
        rows.push(ProductRow {
            sku: p.sku.clone(),
            name: p.name.clone(),
            base_unit: p.base_unit.clone(),
            units,
            on_hand,
            on_hand_mixed,
            retail_price,
            vat_rate_pct: p.vat_rate_pct.to_string(),
        });
    }
    Ok(ProductPage { total: total as i64, offset, rows })
}

impl Book {
    /// A page of the products matching `query` (empty: all), ordered by SKU: `offset` rows
    /// skipped, at most `limit` (1 to [`PAGE_MAX`]) returned, with the number matching in all.
    /// Anyone signed in may look products up; the database is only read.
    pub fn products_page(&self, query: &str, offset: usize, limit: usize) -> Result<ProductPage> {
        let tx = self.conn().unchecked_transaction()?;
        let page = self.catalog.get(&tx).and_then(|catalog| page_in(&tx, &catalog, query, offset, limit));
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
