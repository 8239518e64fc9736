//! Wholesale buyers' commercial terms: price tier, credit limit, payment terms and the due date
//! they give an invoice.

use chrono::{Datelike, NaiveDate, TimeZone, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::catalog::Customer;
use crate::error::{Error, Result};
use crate::money;
use crate::people::{Action, Actor};
use crate::shop::Shop;
use crate::time::Timestamp;

/// When an invoice falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Terms {
    /// Net N days after the invoice (0 is cash).
    Net { days: i64 },
    /// The end of the invoice's month (shop time zone), plus N days.
    EndOfMonth { days: i64 },
}

impl Terms {
    /// `cash`, `net30`, `net 30`, `30`, `eom`, `eom+30`.
    pub fn parse(text: &str, field: &str) -> Result<Terms> {
        let t = text.trim().to_lowercase().replace(' ', "");
        let bad = || Error::invalid(field, format!("`{text}`: cash, N days (net30 or 30), eom or eom+N"));
        let days = |s: &str| -> Result<i64> {
            let d: i64 = s.parse().map_err(|_| bad())?;
            if !(0..=3650).contains(&d) {
                return Err(Error::invalid(field, "payment terms are 0 to 3650 days"));
            }
            Ok(d)
        };
        Ok(match t.as_str() {
            "cash" | "cod" => Terms::Net { days: 0 },
            "eom" | "endofmonth" => Terms::EndOfMonth { days: 0 },
            _ if t.starts_with("eom+") => Terms::EndOfMonth { days: days(&t[4..])? },
            _ if t.starts_with("net") => Terms::Net { days: days(&t[3..])? },
            _ => Terms::Net { days: days(&t)? },
        })
    }

    fn kind_str(self) -> &'static str {
        match self {
            Terms::Net { .. } => "net",
            Terms::EndOfMonth { .. } => "eom",
        }
    }

    fn days(self) -> i64 {
        match self {
            Terms::Net { days } | Terms::EndOfMonth { days } => days,
        }
    }

    fn from_db(kind: &str, days: i64) -> Terms {
        if kind == "eom" {
            Terms::EndOfMonth { days }
        } else {
            Terms::Net { days }
        }
    }

    /// The due date of an invoice dated `at`.
    pub fn due_date(self, at: Timestamp, shop: &Shop) -> Timestamp {
        match self {
            Terms::Net { days } => at.add_days(days),
            Terms::EndOfMonth { days } => {
                // The last instant of the local month: one microsecond before the next month's midnight.
                let local = at.0.with_timezone(&shop.tz);
                let (y, m) =
                    if local.month() == 12 { (local.year() + 1, 1) } else { (local.year(), local.month() + 1) };
                let next =
                    NaiveDate::from_ymd_opt(y, m, 1).expect("first of month").and_hms_opt(0, 0, 0).expect("midnight");
                let start = shop
                    .tz
                    .from_local_datetime(&next)
                    .earliest()
                    .map(|d| d.with_timezone(&Utc))
                    .unwrap_or_else(|| Utc.from_utc_datetime(&next));
                Timestamp(start - chrono::Duration::seconds(1)).add_days(days)
            }
        }
    }
}

impl std::fmt::Display for Terms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Terms::Net { days: 0 } => write!(f, "cash"),
            Terms::Net { days } => write!(f, "net {days}"),
            Terms::EndOfMonth { days: 0 } => write!(f, "eom"),
            Terms::EndOfMonth { days } => write!(f, "eom+{days}"),
        }
    }
}

/// A buyer's commercial terms, as the owner sets them. `None` leaves a setting as it is
/// (when updating) or empty (when adding).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BuyerTerms {
    /// The price tier (`A`, `B`, `C`); an empty text removes it.
    pub tier: Option<String>,
    /// The most the buyer may owe; zero or less removes the limit (no credit check).
    pub credit_limit: Option<Decimal>,
    pub terms: Option<Terms>,
}

/// A buyer with the terms an invoice needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BuyerAccount {
    #[serde(skip)]
    pub id: String,
    pub code: String,
    pub name: String,
    pub tier: Option<String>,
    /// Minor units; `None` means no credit check.
    #[serde(skip)]
    pub credit_limit_minor: Option<i64>,
    pub credit_limit: Option<String>,
    pub terms: Terms,
}

/// A buyer by code.
pub(crate) fn account(conn: &Connection, shop: &Shop, code: &str) -> Result<BuyerAccount> {
    conn.prepare_cached(
        "SELECT id, code, name, price_tier, credit_limit, payment_terms_days, terms_kind FROM customers WHERE code = ?1",
    )?
    .query_row([code.trim()], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, i64>(5)?,
            r.get::<_, String>(6)?,
        ))
    })
    .optional()?
    .map(|(id, code, name, tier, limit, days, kind)| {
        let limit_minor = limit.and_then(|l| l.parse::<i64>().ok());
        BuyerAccount {
            id,
            code,
            name,
            tier,
            credit_limit_minor: limit_minor,
            credit_limit: limit_minor.map(|l| money::minor_str(l, shop.minor_units)),
            terms: Terms::from_db(&kind, days),
        }
    })
    .ok_or_else(|| Error::UnknownCustomer { field: "buyer".into(), code: code.into() })
}

/// Every buyer with its terms, by code: the list the counter picks from (whoever may invoice).
pub(crate) fn list(conn: &Connection, actor: &Actor, shop: &Shop) -> Result<Vec<BuyerAccount>> {
    actor.require(Action::Invoice)?;
    let codes: Vec<String> = conn
        .prepare_cached("SELECT code FROM customers ORDER BY code")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    codes.iter().map(|code| account(conn, shop, code)).collect()
}

/// The buyer's account by its id.
pub(crate) fn account_by_id(conn: &Connection, shop: &Shop, id: &str) -> Result<BuyerAccount> {
    let code: String = conn.query_row("SELECT code FROM customers WHERE id = ?1", [id], |r| r.get(0))?;
    account(conn, shop, &code)
}

/// A tier code: 1 to 16 letters, digits, `-` or `_`, kept upper case.
pub fn normalize_tier(text: &str, field: &str) -> Result<String> {
    let t = text.trim().to_uppercase();
    if t.is_empty() || t.len() > 16 || !t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        return Err(Error::invalid(field, format!("`{text}`: a tier is 1 to 16 letters or digits (A, B, GOLD)")));
    }
    Ok(t)
}

fn write_terms(conn: &Connection, shop: &Shop, customer_id: &str, t: &BuyerTerms) -> Result<()> {
    if let Some(tier) = &t.tier {
        let tier = if tier.trim().is_empty() { None } else { Some(normalize_tier(tier, "tier")?) };
        conn.execute("UPDATE customers SET price_tier = ?2 WHERE id = ?1", params![customer_id, tier])?;
    }
    if let Some(limit) = t.credit_limit {
        let minor = if limit <= Decimal::ZERO {
            None
        } else {
            if limit.normalize().scale() > shop.minor_units {
                return Err(Error::invalid(
                    "credit_limit",
                    format!("{limit} has more decimals than {} allows", shop.currency),
                ));
            }
            Some(money::to_minor(limit, shop.minor_units, "credit_limit")?)
        };
        conn.execute(
            "UPDATE customers SET credit_limit = ?2 WHERE id = ?1",
            params![customer_id, minor.map(|m| m.to_string())],
        )?;
    }
    if let Some(terms) = t.terms {
        if !(0..=3650).contains(&terms.days()) {
            return Err(Error::invalid("terms", "payment terms are 0 to 3650 days"));
        }
        conn.execute(
            "UPDATE customers SET payment_terms_days = ?2, terms_kind = ?3 WHERE id = ?1",
            params![customer_id, terms.days(), terms.kind_str()],
        )?;
    }
    Ok(())
}

/// Add a buyer with its terms, in one transaction.
pub(crate) fn add_buyer(
    conn: &mut Connection,
    actor: &Actor,
    customer: &Customer,
    terms: &BuyerTerms,
    now: Timestamp,
) -> Result<BuyerAccount> {
    actor.require(Action::ManageBuyers)?;
    let shop = crate::shop::load(conn)?;
    let tx = crate::db::write_tx(conn)?;
    let mut c = customer.clone();
    if let Some(t) = terms.terms {
        c.payment_terms_days = t.days();
    }
    let id = crate::catalog::insert_customer(&tx, &c, now)?;
    write_terms(&tx, &shop, &id, terms)?;
    crate::sync::log_customer(&tx, &id, now)?;
    let acc = account_by_id(&tx, &shop, &id)?;
    tx.commit()?;
    Ok(acc)
}

/// Change a buyer's tier, credit limit or terms. Invoices already issued keep their due dates.
pub(crate) fn set_terms(conn: &mut Connection, actor: &Actor, code: &str, terms: &BuyerTerms) -> Result<BuyerAccount> {
    actor.require(Action::ManageBuyers)?;
    let shop = crate::shop::load(conn)?;
    let tx = crate::db::write_tx(conn)?;
    let acc = account(&tx, &shop, code)?;
    write_terms(&tx, &shop, &acc.id, terms)?;
    crate::sync::log_customer(&tx, &acc.id, Timestamp::now())?;
    let acc = account_by_id(&tx, &shop, &acc.id)?;
    tx.commit()?;
    Ok(acc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_parse() {
        assert_eq!(Terms::parse("eom", "t").unwrap(), Terms::EndOfMonth { days: 0 });
        assert_eq!(Terms::parse("EOM+30", "t").unwrap(), Terms::EndOfMonth { days: 30 });
        assert_eq!(Terms::parse("net 7", "t").unwrap(), Terms::Net { days: 7 });
        assert_eq!(Terms::parse("60", "t").unwrap(), Terms::Net { days: 60 });
        assert_eq!(Terms::parse("cash", "t").unwrap(), Terms::Net { days: 0 });
        assert!(Terms::parse("soon", "t").is_err());
        assert!(Terms::parse("-3", "t").is_err());
    }
}
