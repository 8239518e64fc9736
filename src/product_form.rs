//! One product as the owner's edit screen shows and saves it: every field as typed text, each
//! error naming the field at fault (`barcodes[1].code`, `prices[0].wholesale`), saved in one
//! transaction through the catalog's own checks and writer (those of `upsert_product`).
//!
//! Saving adds units, barcodes and prices and changes the ones given; it does not remove any (a
//! barcode printed on stock still scans, a unit with history keeps its factor).

use std::collections::{HashMap, HashSet};

use rusqlite::{params, Connection};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::people::{Action, Actor};
use crate::time::Timestamp;

/// A packaging unit and how many base units it holds, as typed (`carton`, `24`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormUnit {
    pub unit: String,
    pub factor: String,
}

/// A barcode and the unit it stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormBarcode {
    pub unit: String,
    pub code: String,
}

/// The retail and wholesale price of one unit; empty text sets no price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormPrice {
    pub unit: String,
    #[serde(default)]
    pub retail: String,
    #[serde(default)]
    pub wholesale: String,
}

/// A product as the edit screen holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductForm {
    pub sku: String,
    pub name: String,
    pub base_unit: String,
    /// VAT percent; empty: the shop's default.
    #[serde(default)]
    pub vat_rate: String,
    /// Base units kept back from retail for wholesale; empty: the shop's default.
    #[serde(default)]
    pub reserve: String,
    #[serde(default)]
    pub allow_negative: bool,
    #[serde(default)]
    pub category: String,
    /// Units besides the base unit.
    #[serde(default)]
    pub units: Vec<FormUnit>,
    #[serde(default)]
    pub barcodes: Vec<FormBarcode>,
    #[serde(default)]
    pub prices: Vec<FormPrice>,
    /// A new product: a SKU already in the catalog is refused instead of updated.
    #[serde(default)]
    pub new: bool,
}

/// The form of the product behind a SKU or barcode.
pub(crate) fn load(conn: &Connection, code: &str) -> Result<ProductForm> {
    let code = code.trim();
    let product = match crate::catalog::product_by_sku(conn, code)? {
        Some(p) => p,
        None => match crate::catalog::product_by_barcode(conn, code)? {
            Some((p, _)) => p,
            None => return Err(Error::UnknownProduct { field: "code".into(), sku: code.into() }),
        },
    };
    let mut units = vec![];
    {
        let mut st = conn.prepare_cached(
            "SELECT unit, factor_to_base FROM product_units WHERE product_id = ?1 AND unit <> ?2
             ORDER BY factor_to_base, unit",
        )?;
        let mut rows = st.query(params![product.id, product.base_unit])?;
        while let Some(r) = rows.next()? {
            units.push(FormUnit { unit: r.get(0)?, factor: r.get::<_, i64>(1)?.to_string() });
        }
    }
    let mut barcodes = vec![];
    {
        let mut st =
            conn.prepare_cached("SELECT unit, code FROM barcodes WHERE product_id = ?1 ORDER BY unit, code")?;
        let mut rows = st.query([&product.id])?;
        while let Some(r) = rows.next()? {
            barcodes.push(FormBarcode { unit: r.get(0)?, code: r.get(1)? });
        }
    }
    // One price row per unit, the base unit first, then by factor.
    let mut prices: Vec<FormPrice> = std::iter::once(product.base_unit.clone())
        .chain(units.iter().map(|u| u.unit.clone()))
        .map(|unit| FormPrice { unit, retail: String::new(), wholesale: String::new() })
        .collect();
    {
        let mut st = conn.prepare_cached(
            "SELECT price_list, unit, price FROM prices
             WHERE product_id = ?1 AND price_list IN ('retail', 'wholesale')",
        )?;
        let mut rows = st.query([&product.id])?;
        while let Some(r) = rows.next()? {
            let (list, unit, price): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            let price = Decimal::from_str_exact(&price).map(|d| d.to_string()).unwrap_or(price);
            let Some(row) = prices.iter_mut().find(|p| p.unit == unit) else { continue };
            if list == "retail" {
                row.retail = price;
            } else {
                row.wholesale = price;
            }
        }
    }
    Ok(ProductForm {
        vat_rate: product.vat_rate_pct.normalize().to_string(),
        reserve: product.retail_reserve.map(|r| r.to_string()).unwrap_or_default(),
        allow_negative: product.allow_negative,
        category: product.category.unwrap_or_default(),
        sku: product.sku,
        name: product.name,
        base_unit: product.base_unit,
        units,
        barcodes,
        prices,
        new: false,
    })
}

/// The form as the catalog's input, each typed value read with the field it came from.
fn to_input(form: &ProductForm) -> Result<crate::catalog::ProductInput> {
    let vat_rate_pct = match form.vat_rate.trim() {
        "" => None,
        t => Some(crate::money::parse_vat_rate(t, "vat_rate")?),
    };
    let retail_reserve = match form.reserve.trim() {
        "" => None,
        t => Some(
            t.parse::<i64>()
                .ok()
                .filter(|r| *r >= 0)
                .ok_or_else(|| Error::invalid("reserve", format!("`{t}` should be a whole number of base units")))?,
        ),
    };
    let mut units = vec![];
    for (i, u) in form.units.iter().enumerate() {
        if u.unit.trim().is_empty() && u.factor.trim().is_empty() {
            continue; // an empty row the screen left for typing
        }
        let field = format!("units[{i}].factor");
        let factor = u.factor.trim().parse::<i64>().ok().filter(|f| *f > 0).ok_or_else(|| {
            Error::invalid(field.clone(), format!("`{}` should be a whole number above 0", u.factor.trim()))
        })?;
        units.push((u.unit.clone(), factor));
    }
    let mut barcodes = vec![];
    for (i, b) in form.barcodes.iter().enumerate() {
        if b.code.trim().is_empty() {
            continue;
        }
        let code = crate::barcode::validate(&b.code, &format!("barcodes[{i}].code"))?;
        let unit = if b.unit.trim().is_empty() { form.base_unit.clone() } else { b.unit.clone() };
        barcodes.push((unit, code));
    }
    let (mut retail_prices, mut wholesale_prices) = (vec![], vec![]);
    for (i, p) in form.prices.iter().enumerate() {
        for (text, list, name) in
            [(&p.retail, &mut retail_prices, "retail"), (&p.wholesale, &mut wholesale_prices, "wholesale")]
        {
            if !text.trim().is_empty() {
                list.push((p.unit.clone(), crate::money::parse_price(text.trim(), &format!("prices[{i}].{name}"))?));
            }
        }
    }
    let category = form.category.trim();
    Ok(crate::catalog::ProductInput {
        sku: form.sku.clone(),
        name: form.name.clone(),
        base_unit: if form.base_unit.trim().is_empty() { "piece".into() } else { form.base_unit.clone() },
        vat_rate_pct,
        retail_reserve,
        allow_negative: form.allow_negative,
        category: (!category.is_empty()).then(|| category.to_string()),
        units,
        barcodes,
        retail_prices,
        wholesale_prices,
    })
}

/// Save the form: checked, then written in one transaction by the catalog; returns it as stored.
pub(crate) fn save(conn: &mut Connection, actor: &Actor, form: &ProductForm, now: Timestamp) -> Result<ProductForm> {
    actor.require(Action::EditCatalog)?;
    let input = to_input(form)?;
    let shop = crate::shop::load(conn)?;
    // One write transaction: "new" is checked against the catalog the product is written into.
    let tx = crate::db::write_tx(conn)?;
    if form.new && crate::catalog::product_by_sku(&tx, input.sku.trim())?.is_some() {
        return Err(Error::DuplicateSku { field: "sku".into(), sku: input.sku.trim().into() });
    }
    let checked = crate::catalog::check_product(&tx, &shop, input, &mut HashSet::new(), &mut HashMap::new())?;
    let id = crate::catalog::write_product(&tx, &checked, now)?;
    let saved = load(&tx, &crate::catalog::product_by_id(&tx, &id)?.sku)?;
    tx.commit()?;
    Ok(saved)
}
