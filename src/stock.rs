//! The stock pool: append-only movements in base units, the balance kept beside them in the same
//! transaction, the moving average cost, and what each channel may still sell.

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use rust_decimal::Decimal;

use crate::catalog::Product;
use crate::error::{Error, Result};
use crate::shop::{Device, Shop};
use crate::time::Timestamp;
use crate::units::Unit;

/// The selling location: the till and invoices sell from it; other locations (a warehouse) feed it
/// by transfers (crate::transfer).
pub const MAIN: &str = "main";

/// Kinds of movement, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MovementKind {
    Sale,
    Invoice,
    RetailReturn,
    WholesaleReturn,
    Receipt,
    Adjustment,
    Transfer,
}

impl MovementKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MovementKind::Sale => "sale",
            MovementKind::Invoice => "invoice",
            MovementKind::RetailReturn => "retail_return",
            MovementKind::WholesaleReturn => "wholesale_return",
            MovementKind::Receipt => "receipt",
            MovementKind::Adjustment => "adjustment",
            MovementKind::Transfer => "transfer",
        }
    }
}

/// How a movement sets its unit cost.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Costing {
    /// Outgoing (or a count's adjustment): at the moving average of the moment.
    AtAverage,
    /// Incoming at a given cost per base unit, moving the average like a receipt.
    Incoming { cost_e4: i64 },
}

/// One movement to write.
pub(crate) struct NewMovement<'a> {
    pub product: &'a Product,
    pub qty_base: i64,
    pub kind: MovementKind,
    pub document_id: &'a str,
    pub line_no: i64,
    pub costing: Costing,
    pub at: Timestamp,
    pub user_id: &'a str,
}

/// The base units of product `?1` that open wholesale orders still reserve, as an SQL expression:
/// their lines less what was delivered or cancelled (quotes reserve nothing). One text for every
/// statement that reads it.
macro_rules! reserved_expr {
    () => {
        "(SELECT COALESCE(SUM(qty_base), 0) FROM order_lines WHERE product_id = ?1 AND kind = 'order')
         - (SELECT COALESCE(SUM(qty_base), 0) FROM order_event_lines WHERE product_id = ?1)"
    };
}

/// The balance of a product at the selling location.
pub(crate) fn balance(conn: &Connection, product_id: &str) -> Result<i64> {
    balance_at(conn, product_id, MAIN)
}

/// The balance of a product at one location.
pub(crate) fn balance_at(conn: &Connection, product_id: &str, location: &str) -> Result<i64> {
    let mut st = conn.prepare_cached("SELECT qty_base FROM stock_balances WHERE product_id = ?1 AND location = ?2")?;
    Ok(st.query_row(params![product_id, location], |r| r.get(0)).optional()?.unwrap_or(0))
}

/// The stock of a product over every location (what its moving average and inventory value are
/// of, and the `balance_after` a movement records) and at one location, in one read.
pub(crate) fn total_and_at(conn: &Connection, product_id: &str, location: &str) -> Result<(i64, i64)> {
    let mut st = conn.prepare_cached(
        "SELECT COALESCE(SUM(qty_base), 0), COALESCE(SUM(CASE WHEN location = ?2 THEN qty_base END), 0)
         FROM stock_balances WHERE product_id = ?1",
    )?;
    Ok(st.query_row(params![product_id, location], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

/// [`total_and_at`] and the product's moving average, in one statement (a sale runs it per line).
fn stock_and_average(conn: &Connection, product_id: &str, location: &str) -> Result<(i64, i64, i64)> {
    let mut st = conn.prepare_cached(
        "SELECT COALESCE(SUM(qty_base), 0), COALESCE(SUM(CASE WHEN location = ?2 THEN qty_base END), 0),
                (SELECT avg_cost_e4 FROM products WHERE id = ?1)
         FROM stock_balances WHERE product_id = ?1",
    )?;
    let (total, here, avg): (i64, i64, Option<i64>) =
        st.query_row(params![product_id, location], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok((total, here, avg.ok_or(rusqlite::Error::QueryReturnedNoRows)?))
}

fn avg_cost_e4(conn: &Connection, product_id: &str) -> Result<i64> {
    let mut st = conn.prepare_cached("SELECT avg_cost_e4 FROM products WHERE id = ?1")?;
    Ok(st.query_row([product_id], |r| r.get(0))?)
}

/// Write one movement, its balance and (for incoming stock) the new average, in the caller's
/// transaction. Returns the unit cost the movement was recorded at.
pub(crate) fn apply(tx: &Transaction, device: &Device, m: NewMovement) -> Result<i64> {
    apply_at(tx, device, m, MAIN)
}

/// [`apply`] at a given location. The average cost and the movement's `balance_after` are of the
/// product's stock over every location (the moving average is one per product); the balance
/// written is the location's.
pub(crate) fn apply_at(tx: &Transaction, device: &Device, m: NewMovement, location: &str) -> Result<i64> {
    debug_assert!(m.qty_base != 0);
    let pid = &m.product.id;
    let (on_hand, here, avg) = stock_and_average(tx, pid, location)?;
    let (unit_cost, avg_after) = match m.costing {
        Costing::AtAverage => (avg, avg),
        Costing::Incoming { cost_e4 } => {
            debug_assert!(m.qty_base > 0);
            (cost_e4, crate::money::moving_average_e4(on_hand, avg, m.qty_base, cost_e4))
        }
    };
    let after = on_hand
        .checked_add(m.qty_base)
        .filter(|b| b.abs() <= crate::units::QTY_BASE_MAX * 10)
        // Named at the line that would carry the balance past any real stock.
        .ok_or_else(|| Error::QtyTooLarge {
            field: format!("lines[{}].qty", m.line_no - 1),
            qty: m.qty_base.to_string(),
        })?;
    let here_after = here + m.qty_base;
    let at_db = m.at.to_db();
    let seq = crate::rollups::take_seq(tx)?;
    tx.prepare_cached(
        "INSERT INTO movements (id, device_id, device_seq, product_id, location, qty_base, kind, document_id,
                                line_no, unit_cost_e4, avg_cost_after_e4, balance_after, occurred_at, user_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        crate::ids::new_id(),
        device.device_id,
        seq,
        pid,
        location,
        m.qty_base,
        m.kind.as_str(),
        m.document_id,
        m.line_no,
        unit_cost,
        avg_after,
        after,
        at_db,
        m.user_id
    ])?;
    let moved = Moved { location, here_after };
    settle(tx, pid, m.kind.as_str(), m.qty_base, unit_cost, (on_hand, avg), (after, avg_after), &at_db, moved)?;
    crate::rollups::add_product_month(tx, pid, &at_db, m.kind.as_str(), after, avg_after)?;
    Ok(unit_cost)
}

/// Set a product's balance and the dates the slow-mover ranking reads (documents never go back in
/// time on a device, yet max/COALESCE keep them right whatever the order, as replication needs).
fn write_balance(tx: &Connection, pid: &str, location: &str, after: i64, at: &str, kind: &str) -> Result<()> {
    let is_sale = matches!(kind, "sale" | "invoice");
    let is_receipt = kind == "receipt";
    let changed = tx
        .prepare_cached(
            "UPDATE stock_balances SET qty_base = ?3,
                 last_moved_at = max(COALESCE(last_moved_at, ''), ?4),
                 first_moved_at = min(COALESCE(first_moved_at, ?4), ?4),
                 last_sale_at = CASE WHEN ?5 THEN max(COALESCE(last_sale_at, ''), ?4) ELSE last_sale_at END,
                 first_receipt_at = CASE WHEN ?6 THEN min(COALESCE(first_receipt_at, ?4), ?4) ELSE first_receipt_at END
             WHERE product_id = ?1 AND location = ?2",
        )?
        .execute(params![pid, location, after, at, is_sale, is_receipt])?;
    if changed == 0 {
        tx.prepare_cached(
            "INSERT INTO stock_balances (product_id, location, qty_base, last_moved_at, first_moved_at, last_sale_at,
                                         first_receipt_at)
             VALUES (?1, ?2, ?3, ?4, ?4, CASE WHEN ?5 THEN ?4 END, CASE WHEN ?6 THEN ?4 END)",
        )?
        .execute(params![pid, location, after, at, is_sale, is_receipt])?;
    }
    Ok(())
}

/// Book here a movement another device recorded (its row already inserted): the balance, the
/// moving average (stock coming in at a cost moves it, as on the origin), and the running sums.
/// Returns the balance after it at its location. Addition commutes, so every order of merging
/// ends at one balance.
#[allow(clippy::too_many_arguments)]
pub(crate) fn replay(
    tx: &Connection,
    pid: &str,
    location: &str,
    qty_base: i64,
    kind: &str,
    unit_cost_e4: i64,
    at: &str,
) -> Result<i64> {
    let (on_hand, here) = total_and_at(tx, pid, location)?;
    let avg = avg_cost_e4(tx, pid)?;
    // Stock moved between locations keeps the average, as on its origin.
    let incoming = qty_base > 0 && kind != "adjustment" && kind != "transfer";
    let avg_after = if incoming { crate::money::moving_average_e4(on_hand, avg, qty_base, unit_cost_e4) } else { avg };
    let after = on_hand + qty_base;
    let here_after = here + qty_base;
    let moved = Moved { location, here_after };
    settle(tx, pid, kind, qty_base, unit_cost_e4, (on_hand, avg), (after, avg_after), at, moved)?;
    Ok(here_after)
}

/// Where a movement lands: its location and that location's balance after it.
struct Moved<'a> {
    location: &'a str,
    here_after: i64,
}

/// What a movement changes beside its own row, whoever recorded it: the balance and its dates, the
/// moving average, the running sums. `before` and `after` are (on hand, average cost).
#[allow(clippy::too_many_arguments)]
fn settle(
    tx: &Connection,
    pid: &str,
    kind: &str,
    qty_base: i64,
    unit_cost_e4: i64,
    before: (i64, i64),
    after: (i64, i64),
    at: &str,
    moved: Moved,
) -> Result<()> {
    write_balance(tx, pid, moved.location, moved.here_after, at, kind)?;
    if after.1 != before.1 {
        tx.prepare_cached("UPDATE products SET avg_cost_e4 = ?2 WHERE id = ?1")?.execute(params![pid, after.1])?;
    }
    crate::rollups::add_movement(tx, at, kind, qty_base, unit_cost_e4, before, after)
}

/// The base units of a product that open wholesale orders still reserve (their lines less what
/// was delivered or cancelled; quotes reserve nothing). Read in the caller's transaction.
pub(crate) fn reserved_by_orders(conn: &Connection, product_id: &str) -> Result<i64> {
    let mut st = conn.prepare_cached(RESERVED_SQL)?;
    Ok(st.query_row([product_id], |r| r.get(0))?)
}

/// What a sale or invoice checks of a product before taking it, in one read: the balance at the
/// selling location, the base units open orders reserve, and whether any till holds a quota of it.
///
/// `holds`: whether any order line or quota exists at all ([`any_holds`]); when none does, the
/// balance alone is read.
pub(crate) fn take_state(conn: &Connection, product_id: &str, holds: bool) -> Result<(i64, i64, bool)> {
    if !holds {
        return Ok((balance(conn, product_id)?, 0, false));
    }
    let mut st = conn.prepare_cached(concat!(
        "SELECT COALESCE((SELECT qty_base FROM stock_balances WHERE product_id = ?1 AND location = ?2), 0), ",
        reserved_expr!(),
        ", EXISTS (SELECT 1 FROM stock_quotas WHERE product_id = ?1)"
    ))?;
    Ok(st.query_row(params![product_id, MAIN], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?)
}

/// Does anything hold stock back beside the balance: an order's lines (quotes included) or a
/// quota of the cloud ledger? Read once per document; a shop that uses neither then reads each
/// product's balance alone in [`take_state`].
pub(crate) fn any_holds(conn: &Connection) -> Result<bool> {
    let mut st =
        conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM order_lines) OR EXISTS (SELECT 1 FROM stock_quotas)")?;
    Ok(st.query_row([], |r| r.get(0))?)
}

const RESERVED_SQL: &str = concat!("SELECT ", reserved_expr!());

/// The base units of a product kept back from retail for wholesale.
pub fn reserve_of(product: &Product, shop: &Shop) -> i64 {
    product.retail_reserve.unwrap_or(shop.retail_reserve_default)
}

/// The selling channel a check is made for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Retail,
    Wholesale,
}

/// Refuse taking `qty_base` out of the pool for a channel when the rules forbid it.
///
/// Retail may sell only above the wholesale reserve; wholesale down to zero; neither below zero
/// unless the product allows negative stock (then no floor applies) or the owner overrides.
/// When both would be broken the stock shortage is named, since it is the harder fact.
///
/// `reserved` is what open wholesale orders other than the one being delivered still hold: it is
/// kept from every channel, and retail keeps its reserve floor above it as well.
pub(crate) fn check_take(
    product: &Product,
    shop: &Shop,
    on_hand: i64,
    reserved: i64,
    qty_base: i64,
    channel: Channel,
    overridden: bool,
) -> Result<()> {
    if product.allow_negative || overridden {
        return Ok(());
    }
    if qty_base > on_hand {
        return Err(Error::InsufficientStock {
            sku: product.sku.clone(),
            on_hand,
            requested: qty_base,
            base_unit: product.base_unit.clone(),
        });
    }
    let reserve = reserve_of(product, shop);
    let floor = if channel == Channel::Retail { reserve } else { 0 };
    if reserved > 0 && qty_base > on_hand - reserved - floor {
        return Err(Error::ReservedByOrders {
            sku: product.sku.clone(),
            on_hand,
            reserved,
            reserve: floor,
            available: (on_hand - reserved - floor).max(0),
            requested: qty_base,
            base_unit: product.base_unit.clone(),
        });
    }
    if channel == Channel::Retail && on_hand - qty_base < reserve {
        return Err(Error::ReservedForWholesale {
            sku: product.sku.clone(),
            on_hand,
            reserve,
            available: (on_hand - reserve).max(0),
            requested: qty_base,
            base_unit: product.base_unit.clone(),
        });
    }
    Ok(())
}

/// What the till and the counter see of one product.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StockView {
    pub sku: String,
    pub name: String,
    pub base_unit: String,
    /// The unit the looked-up code stands for (a carton's barcode gives `carton`).
    pub scanned_unit: String,
    pub units: Vec<Unit>,
    pub on_hand: i64,
    pub on_hand_mixed: String,
    pub reserve: i64,
    /// Base units open wholesale orders still reserve (kept from the till and other buyers).
    pub reserved_by_orders: i64,
    /// Base units the till may still sell; `None` when negative stock is allowed.
    pub available_retail: Option<i64>,
    pub available_wholesale: Option<i64>,
    /// The till shows the product as reserved for wholesale.
    pub reserved_for_wholesale: bool,
    pub allow_negative: bool,
    pub vat_rate_pct: String,
    pub avg_cost: String,
    pub prices: Vec<PriceView>,
    pub barcodes: Vec<BarcodeView>,
    /// The balance per location, main first, when another location than main holds stock (the
    /// figures above are main's, the selling location).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub by_location: Vec<crate::transfer::LocationStock>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct BarcodeView {
    pub unit: String,
    pub code: String,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct PriceView {
    pub list: String,
    pub unit: String,
    pub price: String,
}

/// What a scan reads live, beside the catalog in memory: all in one statement, so one snapshot.
struct Live {
    version: String,
    reserve_default: i64,
    avg_cost_e4: i64,
    on_hand: i64,
    reserved: i64,
    /// Other locations holding stock, by location.
    elsewhere: Vec<(String, i64)>,
}

fn live(conn: &Connection, product_id: &str) -> Result<Live> {
    let mut st = conn.prepare_cached(concat!(
        "SELECT 0, (SELECT version FROM catalog_version WHERE id = 1),
                (SELECT retail_reserve_default FROM shop WHERE id = 1),
                (SELECT avg_cost_e4 FROM products WHERE id = ?1),
                (SELECT qty_base FROM stock_balances WHERE product_id = ?1 AND location = ?2), ",
        reserved_expr!(),
        " UNION ALL SELECT 1, location, qty_base, NULL, NULL, NULL FROM stock_balances
                   WHERE product_id = ?1 AND location <> ?2 AND qty_base <> 0"
    ))?;
    let mut rows = st.query(params![product_id, MAIN])?;
    let mut out =
        Live { version: String::new(), reserve_default: 0, avg_cost_e4: 0, on_hand: 0, reserved: 0, elsewhere: vec![] };
    while let Some(r) = rows.next()? {
        if r.get::<_, i64>(0)? == 0 {
            out.version = r.get(1)?;
            out.reserve_default = r.get::<_, Option<i64>>(2)?.ok_or(Error::NotInitialized)?;
            out.avg_cost_e4 = r.get::<_, Option<i64>>(3)?.unwrap_or(0);
            out.on_hand = r.get::<_, Option<i64>>(4)?.unwrap_or(0);
            out.reserved = r.get(5)?;
        } else {
            out.elsewhere.push((r.get(1)?, r.get(2)?));
        }
    }
    out.elsewhere.sort();
    Ok(out)
}

/// [`view`] through the catalog in memory: the code is resolved there, and one statement reads
/// what changes without a new catalog version (stock, reservations, the average cost) together
/// with the catalog version. When that version is not the copy's, the copy is reloaded and the
/// scan done again in one read transaction.
pub(crate) fn view_cached(conn: &Connection, cache: &crate::catalog::CatalogCache, code: &str) -> Result<StockView> {
    if !conn.is_autocommit() {
        return view(conn, &crate::shop::load(conn)?, code);
    }
    let code = code.trim();
    if let Some(catalog) = cache.held() {
        if let Some((entry, unit)) = catalog.by_code(code) {
            let live = live(conn, &entry.product.id)?;
            if live.version == catalog.version {
                return Ok(view_of(entry, unit, live));
            }
        }
    }
    // No copy, an old one, or a code it does not know: the version and the scan in one snapshot.
    conn.prepare_cached("BEGIN DEFERRED")?.execute([])?;
    let result = (|| {
        // A book not set up yet says so, whatever the code.
        crate::shop::load(conn)?;
        let catalog = cache.get(conn)?;
        match catalog.by_code(code) {
            Some((entry, unit)) => Ok(view_of(entry, unit, live(conn, &entry.product.id)?)),
            None => Err(unknown_code(code, "code")),
        }
    })();
    let end = conn.prepare_cached("COMMIT").and_then(|mut st| st.execute([]));
    match (result, end) {
        (Ok(v), Ok(_)) => Ok(v),
        (Err(e), _) => {
            if !conn.is_autocommit() {
                let _ = conn.execute_batch("ROLLBACK");
            }
            Err(e)
        }
        (Ok(_), Err(e)) => Err(e.into()),
    }
}

fn view_of(entry: &crate::catalog::Entry, scanned_unit: &str, live: Live) -> StockView {
    let product = &entry.product;
    let prices = entry
        .prices
        .iter()
        .map(|(list, unit, price)| PriceView { list: list.clone(), unit: unit.clone(), price: price.to_string() })
        .collect();
    let barcodes =
        entry.barcodes.iter().map(|(unit, code)| BarcodeView { unit: unit.clone(), code: code.clone() }).collect();
    let reserve = product.retail_reserve.unwrap_or(live.reserve_default);
    let stock = Stock { on_hand: live.on_hand, reserve, reserved: live.reserved, elsewhere: live.elsewhere };
    assemble(product, scanned_unit.to_string(), entry.units.clone(), prices, barcodes, stock, live.avg_cost_e4)
}

/// What a product's view is made of besides the catalog: stock at main and elsewhere, reserves.
struct Stock {
    on_hand: i64,
    reserve: i64,
    reserved: i64,
    elsewhere: Vec<(String, i64)>,
}

/// A product's stock view: stock per location in mixed units, and what each channel may still take
/// (retail stops at the wholesale reserve; both leave what open orders hold).
fn assemble(
    product: &Product,
    scanned_unit: String,
    units: Vec<Unit>,
    prices: Vec<PriceView>,
    barcodes: Vec<BarcodeView>,
    stock: Stock,
    avg_cost_e4: i64,
) -> StockView {
    let Stock { on_hand, reserve, reserved, elsewhere } = stock;
    let by_location = if elsewhere.is_empty() {
        vec![]
    } else {
        std::iter::once((MAIN.to_string(), on_hand))
            .chain(elsewhere)
            .map(|(location, qty)| crate::transfer::LocationStock {
                on_hand_mixed: crate::units::mixed(qty, &units, &product.base_unit),
                location,
                on_hand: qty,
            })
            .collect()
    };
    let (available_retail, available_wholesale) = if product.allow_negative {
        (None, None)
    } else {
        (Some((on_hand - reserved - reserve).max(0).min(on_hand.max(0))), Some((on_hand - reserved).max(0)))
    };
    StockView {
        sku: product.sku.clone(),
        name: product.name.clone(),
        base_unit: product.base_unit.clone(),
        scanned_unit,
        on_hand_mixed: crate::units::mixed(on_hand, &units, &product.base_unit),
        units,
        on_hand,
        reserve,
        reserved_by_orders: reserved,
        reserved_for_wholesale: available_retail == Some(0) && on_hand > 0,
        available_retail,
        available_wholesale,
        allow_negative: product.allow_negative,
        vat_rate_pct: product.vat_rate_pct.normalize().to_string(),
        avg_cost: crate::money::cost_from_e4(avg_cost_e4).to_string(),
        prices,
        barcodes,
        by_location,
    }
}

/// The error for a code that is neither a barcode nor a SKU of the catalog.
fn unknown_code(code: &str, field: &str) -> Error {
    // All digits of a barcode's length: say what is wrong with it, rather than "unknown SKU".
    if code.len() >= 8 && code.bytes().all(|b| b.is_ascii_digit()) {
        if let Err(e) = crate::barcode::validate(code, field) {
            return e;
        }
        return Error::UnknownBarcode { field: field.into(), code: code.into() };
    }
    Error::UnknownProduct { field: field.into(), sku: code.into() }
}

/// Look a product up by barcode or SKU and show its stock and availability per channel.
pub(crate) fn view(conn: &Connection, shop: &Shop, code: &str) -> Result<StockView> {
    let code = code.trim();
    let (product, scanned_unit) = resolve_code(conn, code, "code")?;
    // Units, prices and barcodes of the product in one statement: a scan at the till pays the
    // fixed cost of a statement (bind, step, reset) once instead of four times.
    let (mut units, mut prices, mut barcodes) = (vec![], vec![], vec![]);
    let (mut on_hand, mut reserved) = (0, 0);
    let mut elsewhere: Vec<(String, i64)> = vec![];
    {
        let mut st = conn.prepare_cached(concat!(
            "SELECT 0, unit, factor_to_base, NULL FROM product_units WHERE product_id = ?1
             UNION ALL SELECT 1, unit, price_list, price FROM prices
                       WHERE price_list IN (SELECT code FROM price_lists) AND product_id = ?1
             UNION ALL SELECT 2, unit, code, NULL FROM barcodes WHERE product_id = ?1
             UNION ALL SELECT 3, NULL, qty_base, NULL FROM stock_balances WHERE product_id = ?1 AND location = ?2
             UNION ALL SELECT 4, NULL, ",
            reserved_expr!(),
            ", NULL
             UNION ALL SELECT 5, location, qty_base, NULL FROM stock_balances
                       WHERE product_id = ?1 AND location <> ?2 AND qty_base <> 0"
        ))?;
        let mut rows = st.query(params![product.id, MAIN])?;
        while let Some(r) = rows.next()? {
            match r.get::<_, i64>(0)? {
                0 => units.push(Unit { unit: r.get(1)?, factor_to_base: r.get(2)? }),
                1 => {
                    let price: String = r.get(3)?;
                    let price = Decimal::from_str_exact(&price).unwrap_or_default();
                    prices.push(PriceView { list: r.get(2)?, unit: r.get(1)?, price: price.to_string() });
                }
                2 => barcodes.push(BarcodeView { unit: r.get(1)?, code: r.get(2)? }),
                3 => on_hand = r.get(2)?,
                4 => reserved = r.get(2)?,
                _ => elsewhere.push((r.get(1)?, r.get(2)?)),
            }
        }
    }
    // The orders the separate lookups gave: units by factor, prices by list and unit, barcodes by unit and code.
    units.sort_by(|a, b| a.factor_to_base.cmp(&b.factor_to_base).then_with(|| a.unit.cmp(&b.unit)));
    prices.sort_by(|a, b| a.list.cmp(&b.list).then_with(|| a.unit.cmp(&b.unit)));
    barcodes.sort_by(|a, b| a.unit.cmp(&b.unit).then_with(|| a.code.cmp(&b.code)));
    elsewhere.sort();
    let reserve = reserve_of(&product, shop);
    let avg_cost_e4 = product.avg_cost_e4;
    let stock = Stock { on_hand, reserve, reserved, elsewhere };
    Ok(assemble(&product, scanned_unit, units, prices, barcodes, stock, avg_cost_e4))
}

/// A scanned or typed code: a barcode (its unit) or a SKU (the base unit).
pub(crate) fn resolve_code(conn: &Connection, code: &str, field: &str) -> Result<(Product, String)> {
    if let Some(found) = crate::catalog::product_by_barcode(conn, code)? {
        return Ok(found);
    }
    if let Some(p) = crate::catalog::product_by_sku(conn, code)? {
        let unit = p.base_unit.clone();
        return Ok((p, unit));
    }
    // All digits of a barcode's length: say what is wrong with it, rather than "unknown SKU".
    if code.len() >= 8 && code.bytes().all(|b| b.is_ascii_digit()) {
        crate::barcode::validate(code, field)?;
        return Err(Error::UnknownBarcode { field: field.into(), code: code.into() });
    }
    Err(Error::UnknownProduct { field: field.into(), sku: code.into() })
}

/// The invariant: every balance equals the sum of its movements, per (product, location). Returns
/// the products that break it (the SKU, with `@location` when the location is not `main`).
pub fn invariant_violations(conn: &Connection) -> Result<Vec<(String, i64, i64)>> {
    let mut st = conn.prepare(
        "WITH m AS (SELECT product_id, location, SUM(qty_base) AS q FROM movements GROUP BY product_id, location),
              k AS (SELECT product_id, location FROM stock_balances UNION SELECT product_id, location FROM m)
         SELECT p.sku || CASE WHEN k.location = 'main' THEN '' ELSE '@' || k.location END,
                COALESCE(b.qty_base, 0), COALESCE(m.q, 0)
         FROM k JOIN products p ON p.id = k.product_id
         LEFT JOIN stock_balances b ON b.product_id = k.product_id AND b.location = k.location
         LEFT JOIN m ON m.product_id = k.product_id AND m.location = k.location
         WHERE COALESCE(b.qty_base, 0) <> COALESCE(m.q, 0)",
    )?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
