//! Time: instants in UTC, passed in by the caller (never read inside business rules), and the
//! shop's calendar months in its own time zone.

use chrono::{DateTime, Datelike, NaiveDate, SecondsFormat, TimeZone, Utc};
use chrono_tz::Tz;

use crate::error::{Error, Result};

/// An instant, UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub DateTime<Utc>);

impl Timestamp {
    pub fn now() -> Timestamp {
        Timestamp(Utc::now())
    }

    /// The stored form: RFC 3339 with microseconds and `Z`, so text order is time order.
    pub fn to_db(self) -> String {
        self.0.to_rfc3339_opts(SecondsFormat::Micros, true)
    }

    pub fn from_db(text: &str) -> Result<Timestamp> {
        DateTime::parse_from_rfc3339(text)
            .map(|t| Timestamp(t.with_timezone(&Utc)))
            .map_err(|e| Error::Storage { detail: format!("bad time {text}: {e}") })
    }

    /// Parse a time given by a person or a file: RFC 3339 (`2026-11-03T10:15:00+04:00`), or a
    /// local date-time / date without offset, read in the shop's time zone.
    pub fn parse(text: &str, tz: Tz, field: &str) -> Result<Timestamp> {
        let t = text.trim();
        if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
            return Ok(Timestamp(dt.with_timezone(&Utc)));
        }
        let naive = chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S")
            .or_else(|_| chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S"))
            .or_else(|_| chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M"))
            .or_else(|_| NaiveDate::parse_from_str(t, "%Y-%m-%d").map(|d| d.and_hms_opt(12, 0, 0).expect("noon")))
            .map_err(|_| Error::invalid(field, format!("{t} is not a date and time (2026-11-03T10:15:00+04:00)")))?;
        tz.from_local_datetime(&naive)
            .earliest()
            .map(|dt| Timestamp(dt.with_timezone(&Utc)))
            .ok_or_else(|| Error::invalid(field, format!("{t} does not exist in {tz}")))
    }

    pub fn add_days(self, days: i64) -> Timestamp {
        Timestamp(self.0 + chrono::Duration::days(days))
    }

    pub fn add_minutes(self, minutes: i64) -> Timestamp {
        Timestamp(self.0 + chrono::Duration::minutes(minutes))
    }
}

/// Parse an IANA time zone name (`Asia/Dubai`).
pub fn parse_tz(name: &str, field: &str) -> Result<Tz> {
    name.trim().parse::<Tz>().map_err(|_| Error::UnknownTimeZone { field: field.into(), value: name.into() })
}

/// A calendar month in the shop's time zone, as the UTC instants [start, end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Month {
    pub year: i32,
    pub month: u32,
    pub start: Timestamp,
    pub end: Timestamp,
    pub days: u32,
}

impl Month {
    /// Parse `YYYY-MM` in the given time zone.
    pub fn parse(text: &str, tz: Tz) -> Result<Month> {
        let bad = || Error::invalid("month", format!("{text} is not a month (YYYY-MM)"));
        let (y, m) = text.trim().split_once('-').ok_or_else(bad)?;
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u32 = m.parse().map_err(|_| bad())?;
        if !(1..=12).contains(&month) || !(1970..=9999).contains(&year) {
            return Err(bad());
        }
        let first = NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(bad)?;
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)
        }
        .ok_or_else(bad)?;
        let at_midnight = |d: NaiveDate| -> Result<Timestamp> {
            let naive = d.and_hms_opt(0, 0, 0).expect("midnight");
            tz.from_local_datetime(&naive).earliest().map(|dt| Timestamp(dt.with_timezone(&Utc))).ok_or_else(bad)
        };
        Ok(Month {
            year,
            month,
            start: at_midnight(first)?,
            end: at_midnight(next)?,
            days: (next - first).num_days() as u32,
        })
    }

    pub fn label(&self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

/// The calendar day of an instant in the shop's zone (for daily figures).
pub fn local_date(t: Timestamp, tz: Tz) -> NaiveDate {
    let local = t.0.with_timezone(&tz);
    NaiveDate::from_ymd_opt(local.year(), local.month(), local.day()).expect("valid date")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_in_dubai_starts_at_local_midnight() {
        let m = Month::parse("2026-02", chrono_tz::Asia::Dubai).unwrap();
        assert_eq!(m.start.to_db(), "2026-01-31T20:00:00.000000Z");
        assert_eq!(m.end.to_db(), "2026-02-28T20:00:00.000000Z");
        assert_eq!(m.days, 28);
        assert!(Month::parse("2026-13", chrono_tz::UTC).is_err());
    }
}
