//! Wholesale prices per buyer: named tiers (A, B, C) with quantity breaks, the buyer's own
//! prices, each effective from a date, with the whole history kept.
//!
//! An invoice line is priced, at the invoice's date, by the first that applies:
//! 1. the buyer's own price for the product and unit, at the largest quantity break not above the
//!    line's quantity;
//! 2. the buyer's tier price, the same way;
//! 3. the shop's `wholesale` price list.
//!
//! For each (scope, product, unit, break) the rule in force is the one with the latest effective
//! date at or before the invoice (the latest recorded, when two share a date). Rules are never
//! changed or deleted: a new price is a new rule, so any past invoice can be explained.

use rusqlite::{params, Connection};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::buyers::BuyerAccount;
use crate::catalog::Product;
use crate::error::{Error, Result};
use crate::money;
use crate::people::{Action, Actor};
use crate::shop::Shop;
use crate::time::Timestamp;

/// Who a price rule is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PriceScope {
    /// Every buyer of a tier (`A`).
    Tier(String),
    /// One buyer, by code.
    Buyer(String),
}

/// A wholesale price to record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PriceRuleInput {
    pub scope: PriceScope,
    /// SKU or barcode (a carton's barcode selects the carton).
    pub product: String,
    /// Defaults to the barcode's unit, or the base unit.
    pub unit: Option<String>,
    /// VAT excluded, per unit.
    pub price: Decimal,
    /// The quantity break, in `unit` (default 1).
    pub min_qty: Option<Decimal>,
    /// From when (`2026-12-01` is that day's local midnight); default now.
    pub effective_from: Option<String>,
}

/// Why a line has its price; shown on the invoice line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceBasis {
    /// `buyer` (own price), `tier`, `wholesale_list` or `override` (typed by the owner).
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<String>,
    /// The quantity break that applied (`10` for 10+), when above 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_qty: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_from: Option<String>,
}

impl PriceBasis {
    pub fn list() -> PriceBasis {
        PriceBasis { source: "wholesale_list".into(), tier: None, min_qty: None, effective_from: None }
    }

    pub fn overridden() -> PriceBasis {
        PriceBasis { source: "override".into(), tier: None, min_qty: None, effective_from: None }
    }

    pub fn to_db(&self) -> String {
        serde_json::to_string(self).expect("basis serializes")
    }

    pub fn from_db(text: &str) -> Option<PriceBasis> {
        serde_json::from_str(text).ok()
    }
}

/// A recorded rule, as listed in a product's price history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PriceRule {
    pub scope: String,
    /// The tier code, or the buyer's code.
    pub key: String,
    pub sku: String,
    pub unit: String,
    pub min_qty: String,
    pub price: String,
    pub effective_from: String,
    pub recorded_at: String,
    pub user: String,
}

/// A resolved price with its reason.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    pub sku: String,
    pub unit: String,
    pub qty: String,
    pub price: String,
    pub basis: PriceBasis,
}

/// `2026-12-01` is the local midnight starting that day; a full date-time is taken as given.
pub fn parse_effective(text: &str, shop: &Shop, field: &str) -> Result<Timestamp> {
    let t = text.trim();
    if let Ok(d) = chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        use chrono::TimeZone;
        let naive = d.and_hms_opt(0, 0, 0).expect("midnight");
        return shop
            .tz
            .from_local_datetime(&naive)
            .earliest()
            .map(|dt| Timestamp(dt.with_timezone(&chrono::Utc)))
            .ok_or_else(|| Error::invalid(field, format!("{t} does not exist in {}", shop.tz)));
    }
    Timestamp::parse(t, shop.tz, field)
}

/// Record a tier or buyer price (owner only). The previous price stays in the history.
pub(crate) fn set_price(
    conn: &mut Connection,
    actor: &Actor,
    input: &PriceRuleInput,
    now: Timestamp,
) -> Result<PriceRule> {
    actor.require(Action::ManagePrices)?;
    let shop = crate::shop::load(conn)?;
    let tx = crate::db::write_tx(conn)?;
    let (scope, key) = match &input.scope {
        PriceScope::Tier(t) => ("tier", crate::buyers::normalize_tier(t, "tier")?),
        PriceScope::Buyer(code) => ("buyer", crate::buyers::account(&tx, &shop, code)?.id),
    };
    let (product, scanned) = crate::stock::resolve_code(&tx, input.product.trim(), "product")?;
    let unit = input.unit.as_deref().map(crate::units::normalize_unit).unwrap_or(scanned);
    if crate::catalog::unit_factor(&tx, &product.id, &unit)?.is_none() {
        return Err(Error::UnknownUnit { field: "unit".into(), sku: product.sku.clone(), unit });
    }
    let price = money::check_price(input.price, "price")?;
    let min_qty = input.min_qty.unwrap_or(Decimal::ONE);
    if min_qty <= Decimal::ZERO {
        return Err(Error::QtyNotPositive { field: "min_qty".into(), qty: min_qty.normalize().to_string() });
    }
    let from = match &input.effective_from {
        Some(t) => parse_effective(t, &shop, "effective_from")?,
        None => now,
    };
    tx.execute(
        "INSERT INTO price_rules (scope, scope_key, product_id, unit, min_qty, price, effective_from, recorded_at, user_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            scope,
            key,
            product.id,
            unit,
            min_qty.normalize().to_string(),
            price.normalize().to_string(),
            from.to_db(),
            now.to_db(),
            actor.user_id
        ],
    )?;
    let id = tx.last_insert_rowid();
    let rule = rule_by_rowid(&tx, id)?;
    crate::sync::log_record(&tx, "price_rule", &id.to_string(), now)?;
    tx.commit()?;
    Ok(rule)
}

const RULE_SELECT: &str = "SELECT r.scope, CASE r.scope WHEN 'buyer' THEN c.code ELSE r.scope_key END, p.sku, r.unit,
        r.min_qty, r.price, r.effective_from, r.recorded_at, u.username
     FROM price_rules r JOIN products p ON p.id = r.product_id JOIN users u ON u.id = r.user_id
     LEFT JOIN customers c ON r.scope = 'buyer' AND c.id = r.scope_key";

fn rule_from_row(r: &rusqlite::Row) -> rusqlite::Result<PriceRule> {
    Ok(PriceRule {
        scope: r.get(0)?,
        key: r.get(1)?,
        sku: r.get(2)?,
        unit: r.get(3)?,
        min_qty: r.get(4)?,
        price: r.get(5)?,
        effective_from: r.get(6)?,
        recorded_at: r.get(7)?,
        user: r.get(8)?,
    })
}

fn rule_by_rowid(conn: &Connection, id: i64) -> Result<PriceRule> {
    Ok(conn.query_row(&format!("{RULE_SELECT} WHERE r.id = ?1"), [id], rule_from_row)?)
}

/// Every tier and buyer price ever recorded for a product, oldest first.
pub(crate) fn history(conn: &Connection, code: &str) -> Result<Vec<PriceRule>> {
    let (product, _) = crate::stock::resolve_code(conn, code.trim(), "product")?;
    let mut st = conn.prepare(&format!("{RULE_SELECT} WHERE r.product_id = ?1 ORDER BY r.effective_from, r.id"))?;
    let rows = st.query_map([&product.id], rule_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The rule of one scope that prices `qty` of (product, unit) at `at`: (price, min_qty, effective_from).
fn scope_price(
    conn: &Connection,
    scope: &str,
    key: &str,
    product_id: &str,
    unit: &str,
    qty: Decimal,
    at: Timestamp,
) -> Result<Option<(Decimal, Decimal, String)>> {
    let mut st = conn.prepare_cached(
        "SELECT min_qty, price, effective_from FROM price_rules
         WHERE scope = ?1 AND scope_key = ?2 AND product_id = ?3 AND unit = ?4 AND effective_from <= ?5
         ORDER BY effective_from DESC, id DESC",
    )?;
    let rows = st.query_map(params![scope, key, product_id, unit, at.to_db()], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
    })?;
    // The first row seen per break is the one in force; keep the largest break the quantity reaches.
    let mut seen: Vec<Decimal> = vec![];
    let mut best: Option<(Decimal, Decimal, String)> = None;
    for row in rows {
        let (min_text, price_text, from) = row?;
        let (Ok(min), Ok(price)) = (Decimal::from_str_exact(&min_text), Decimal::from_str_exact(&price_text)) else {
            continue;
        };
        if seen.contains(&min) {
            continue;
        }
        seen.push(min);
        if min <= qty && best.as_ref().is_none_or(|(_, b, _)| min > *b) {
            best = Some((price, min, from));
        }
    }
    Ok(best)
}

/// The price of `qty` of (product, unit) for a buyer at `at`, and why; `None` when no rule and
/// no wholesale list price exists.
pub(crate) fn resolve(
    conn: &Connection,
    buyer: &BuyerAccount,
    product: &Product,
    unit: &str,
    qty: Decimal,
    at: Timestamp,
) -> Result<Option<(Decimal, PriceBasis)>> {
    let basis = |source: &str, tier: Option<String>, min: Decimal, from: String| PriceBasis {
        source: source.into(),
        tier,
        min_qty: (min != Decimal::ONE).then(|| min.normalize().to_string()),
        effective_from: Some(from),
    };
    if let Some((price, min, from)) = scope_price(conn, "buyer", &buyer.id, &product.id, unit, qty, at)? {
        return Ok(Some((price, basis("buyer", None, min, from))));
    }
    if let Some(tier) = &buyer.tier {
        if let Some((price, min, from)) = scope_price(conn, "tier", tier, &product.id, unit, qty, at)? {
            return Ok(Some((price, basis("tier", Some(tier.clone()), min, from))));
        }
    }
    Ok(crate::catalog::price(conn, "wholesale", &product.id, unit)?.map(|p| (p, PriceBasis::list())))
}

/// What a buyer would pay for `qty` of a product in a unit at `at` (for the counter and the CLI).
pub(crate) fn quote(
    conn: &Connection,
    shop: &Shop,
    buyer: &str,
    code: &str,
    unit: Option<&str>,
    qty: Decimal,
    at: Timestamp,
) -> Result<Quote> {
    let acc = crate::buyers::account(conn, shop, buyer)?;
    let (product, scanned) = crate::stock::resolve_code(conn, code.trim(), "product")?;
    let unit = unit.map(crate::units::normalize_unit).unwrap_or(scanned);
    if crate::catalog::unit_factor(conn, &product.id, &unit)?.is_none() {
        return Err(Error::UnknownUnit { field: "unit".into(), sku: product.sku.clone(), unit });
    }
    let (price, basis) = resolve(conn, &acc, &product, &unit, qty, at)?.ok_or_else(|| Error::NoPrice {
        field: "unit".into(),
        sku: product.sku.clone(),
        unit: unit.clone(),
        list: "wholesale".into(),
    })?;
    Ok(Quote { sku: product.sku, unit, qty: qty.normalize().to_string(), price: price.normalize().to_string(), basis })
}
