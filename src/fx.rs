//! Foreign cash: the owner's daily exchange rates, and a payment in another currency converted
//! to the shop's currency, which is what the books hold (change is given in the shop's currency).
//!
//! A rate is the number of shop currency units for one unit of the foreign currency, applying from
//! a local day until the next rate of that currency. The converted amount is the foreign amount
//! times the rate, rounded half away from zero to the shop's minor unit (DESIGN.md section 3).

use rusqlite::{params, Connection, OptionalExtension};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::money;
use crate::people::{Action, Actor};
use crate::shop::Shop;
use crate::time::{local_date, Timestamp};

/// One day's rate of a currency.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rate {
    pub currency: String,
    pub day: String,
    pub rate: String,
}

/// A payment in a foreign currency, converted.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Converted {
    pub shop_minor: i64,
    pub currency: String,
    pub foreign_minor: i64,
    pub rate: Decimal,
}

fn currency_code(text: &str, shop: &Shop, field: &str) -> Result<String> {
    let code = text.trim().to_uppercase();
    if money::minor_units(&code).is_none() {
        return Err(Error::UnknownCurrency { field: field.into(), value: text.into() });
    }
    if code == shop.currency {
        return Err(Error::invalid(field, format!("{code} is the shop's own currency")));
    }
    Ok(code)
}

/// Record the rate of `currency` from local day `day` (default today). Owner (price keeper) only.
pub(crate) fn set_rate(
    conn: &mut Connection,
    actor: &Actor,
    currency: &str,
    rate: Decimal,
    day: Option<&str>,
    now: Timestamp,
) -> Result<Rate> {
    actor.require(Action::ManagePrices)?;
    let shop = crate::shop::load(conn)?;
    let code = currency_code(currency, &shop, "currency")?;
    if rate <= Decimal::ZERO || rate.normalize().scale() > 8 {
        return Err(Error::invalid("rate", "a positive number with at most 8 decimals"));
    }
    let day = match day {
        Some(d) => chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
            .map_err(|_| Error::invalid("date", format!("{d:?} is not a date YYYY-MM-DD")))?,
        None => local_date(now, shop.tz),
    };
    let tx = crate::db::write_tx(conn)?;
    tx.execute(
        "INSERT INTO fx_rates (currency, day, rate, recorded_at, user_id) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (currency, day) DO UPDATE SET rate = excluded.rate, recorded_at = excluded.recorded_at,
                                                   user_id = excluded.user_id",
        params![code, day.to_string(), rate.normalize().to_string(), now.to_db(), actor.user_id],
    )?;
    crate::sync::log_record(&tx, "fx_rate", &format!("{code}|{day}"), now)?;
    tx.commit()?;
    Ok(Rate { currency: code, day: day.to_string(), rate: rate.normalize().to_string() })
}

/// Every rate recorded, newest day first per currency.
pub(crate) fn rates(conn: &Connection) -> Result<Vec<Rate>> {
    let mut st = conn.prepare("SELECT currency, day, rate FROM fx_rates ORDER BY currency, day DESC")?;
    let rows = st.query_map([], |r| Ok(Rate { currency: r.get(0)?, day: r.get(1)?, rate: r.get(2)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Convert `amount` of `currency` paid at `at` (field names the payment for errors).
pub(crate) fn convert(
    conn: &Connection,
    shop: &Shop,
    currency: &str,
    amount: Decimal,
    at: Timestamp,
    field: &str,
) -> Result<Converted> {
    let code = currency_code(currency, shop, &format!("{field}.currency"))?;
    let mu = money::minor_units(&code).expect("checked");
    if amount.normalize().scale() > mu {
        return Err(Error::invalid(
            format!("{field}.amount"),
            format!("{amount} has more decimals than {code} allows"),
        ));
    }
    let day = local_date(at, shop.tz).to_string();
    let rate: Option<String> = conn
        .prepare_cached("SELECT rate FROM fx_rates WHERE currency = ?1 AND day <= ?2 ORDER BY day DESC LIMIT 1")?
        .query_row(params![code, day], |r| r.get(0))
        .optional()?;
    let rate = rate.ok_or_else(|| Error::NoRate {
        field: format!("{field}.currency"),
        currency: code.clone(),
        date: day.clone(),
    })?;
    let rate = Decimal::from_str_exact(&rate).map_err(|e| Error::Storage { detail: e.to_string() })?;
    let shop_minor = money::to_minor(amount * rate, shop.minor_units, &format!("{field}.amount"))?;
    Ok(Converted {
        shop_minor,
        foreign_minor: money::to_minor(amount, mu, &format!("{field}.amount"))?,
        currency: code,
        rate,
    })
}

/// A foreign amount as shown: its minor units in that currency's decimals.
pub(crate) fn amount_text(currency: &str, foreign_minor: i64) -> String {
    money::minor_str(foreign_minor, money::minor_units(currency).unwrap_or(2))
}
