//! The shop: its name, currency, VAT default, time zone and reserve default, set once at `init`.

use rusqlite::{params, Connection, OptionalExtension};
use rust_decimal::Decimal;

use crate::db::CachedRow;
use crate::error::{Error, Result};
use crate::i18n::Locale;
use crate::people::{Actor, NewUser, Role};
use crate::time::Timestamp;

/// What `init` asks for.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct ShopSetup {
    pub name: String,
    pub tax_number: Option<String>,
    pub currency: String,
    pub vat_default_pct: Decimal,
    pub time_zone: String,
    pub locale: Locale,
    pub retail_reserve_default: i64,
    pub owner_username: String,
    pub owner_name: Option<String>,
    /// Prefix of this device's document series (`A` gives `S-A-000001`), unique per till.
    pub series_prefix: Option<String>,
}

impl ShopSetup {
    /// What a first run must ask (name, currency, VAT, time zone), the rest as the wizard defaults
    /// it: owner account `owner`, English, no tax number, no default reserve, the default series
    /// prefix. Change any field with struct update syntax.
    pub fn new(
        name: impl Into<String>,
        currency: impl Into<String>,
        vat_default_pct: Decimal,
        time_zone: impl Into<String>,
    ) -> ShopSetup {
        ShopSetup {
            name: name.into(),
            tax_number: None,
            currency: currency.into(),
            vat_default_pct,
            time_zone: time_zone.into(),
            locale: Locale::En,
            retail_reserve_default: 0,
            owner_username: "owner".into(),
            owner_name: None,
            series_prefix: None,
        }
    }
}

/// The shop as stored.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Shop {
    pub name: String,
    pub tax_number: Option<String>,
    pub currency: String,
    pub minor_units: u32,
    pub vat_default_pct: Decimal,
    pub time_zone: String,
    #[serde(skip)]
    pub tz: chrono_tz::Tz,
    pub retail_reserve_default: i64,
    pub locale: Locale,
}

/// This database as a device of the merchant's ledger.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Device {
    pub device_id: String,
    pub series_prefix: String,
}

pub(crate) fn init(conn: &mut Connection, setup: &ShopSetup, now: Timestamp) -> Result<Actor> {
    let tx = crate::db::write_tx(conn)?;
    let owner = init_in(&tx, setup, now)?;
    tx.commit()?;
    Ok(owner)
}

/// [`init`] inside the caller's IMMEDIATE transaction (the first-run wizard also sets the owner's
/// PIN in it, so a shop never exists without a way in).
pub(crate) fn init_in(tx: &rusqlite::Transaction, setup: &ShopSetup, now: Timestamp) -> Result<Actor> {
    let name = setup.name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(Error::invalid("name", "the shop needs a name (at most 200 characters)"));
    }
    let currency = setup.currency.trim().to_uppercase();
    let minor_units = crate::money::minor_units(&currency)
        .ok_or_else(|| Error::UnknownCurrency { field: "currency".into(), value: setup.currency.clone() })?;
    crate::time::parse_tz(&setup.time_zone, "time_zone")?;
    let vat = crate::money::parse_vat_rate(&setup.vat_default_pct.to_string(), "vat")?;
    if setup.retail_reserve_default < 0 {
        return Err(Error::invalid("reserve", "the retail reserve cannot be negative"));
    }
    let prefix = setup.series_prefix.clone().unwrap_or_else(|| "A".into()).trim().to_uppercase();
    if prefix.is_empty() || prefix.len() > 8 || !prefix.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(Error::invalid("series_prefix", "1 to 8 letters or digits"));
    }
    if let Some(existing) = tx.query_row("SELECT name FROM shop", [], |r| r.get::<_, String>(0)).optional()? {
        return Err(Error::AlreadyInitialized { shop: existing });
    }
    tx.execute(
        "INSERT INTO shop (id, name, tax_number, currency, minor_units, vat_default, time_zone,
                           retail_reserve_default, locale, created_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            name,
            setup.tax_number.as_deref().map(str::trim).filter(|t| !t.is_empty()),
            currency,
            minor_units,
            vat.to_string(),
            setup.time_zone.trim(),
            setup.retail_reserve_default,
            setup.locale.tag(),
            now.to_db()
        ],
    )?;
    tx.execute(
        "INSERT INTO device (id, device_id, series_prefix, next_seq) VALUES (1, ?1, ?2, 1)",
        params![crate::ids::new_id(), prefix],
    )?;
    let owner = crate::people::insert_user(
        tx,
        &NewUser {
            username: setup.owner_username.clone(),
            display_name: setup.owner_name.clone(),
            role: Role::Owner,
            locale: Some(setup.locale),
        },
        now,
    )?;
    Ok(owner)
}

pub(crate) fn load(conn: &Connection) -> Result<Shop> {
    // Cached: every scan and every sale reads the shop.
    let row = conn
        .prepare_cached(
            "SELECT name, tax_number, currency, minor_units, vat_default, time_zone, retail_reserve_default, locale
             FROM shop WHERE id = 1",
        )?
        .query_row([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, u32>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, i64>(6)?,
                r.get::<_, String>(7)?,
            ))
        })
        .optional()?;
    let (name, tax_number, currency, minor_units, vat, time_zone, reserve, locale) =
        row.ok_or(Error::NotInitialized)?;
    Ok(Shop {
        name,
        tax_number,
        currency,
        minor_units,
        vat_default_pct: Decimal::from_str_exact(&vat).unwrap_or_default(),
        tz: crate::time::parse_tz(&time_zone, "time_zone")?,
        time_zone,
        retail_reserve_default: reserve,
        locale: Locale::parse(&locale).unwrap_or(Locale::En),
    })
}

pub(crate) fn device(conn: &Connection) -> Result<Device> {
    conn.cached_row("SELECT device_id, series_prefix FROM device WHERE id = 1", [], |r| {
        Ok(Device { device_id: r.get(0)?, series_prefix: r.get(1)? })
    })
    .optional()?
    .ok_or(Error::NotInitialized)
}
