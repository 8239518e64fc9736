//! Money, VAT and cost arithmetic: exact decimals, one rounding rule (half away from zero).
//!
//! Document amounts are integers in the currency's minor unit (`*_minor`); unit costs are integers
//! in ten-thousandths of the currency unit per base unit (`*_e4`). Floats never appear.

use rust_decimal::prelude::*;
use rust_decimal::RoundingStrategy::MidpointAwayFromZero;

use crate::error::{Error, Result};

/// Largest amount of one line or document, in minor units: far above any real sale, far below
/// where sums of millions of lines could overflow an i64.
pub const AMOUNT_MINOR_MAX: i64 = 1_000_000_000_000_000; // 10^15

/// Currencies Onebook knows, with their minor units (ISO 4217, and IDR/VND as used in practice).
pub fn minor_units(currency: &str) -> Option<u32> {
    Some(match currency {
        "AED" | "SAR" | "QAR" | "THB" | "MXN" | "USD" | "EUR" | "GBP" | "CNY" | "HKD" | "TWD" | "MYR" | "SGD"
        | "PHP" | "BRL" | "ARS" | "COP" | "PEN" | "INR" | "EGP" | "MAD" | "TRY" | "ZAR" | "NGN" | "KES" | "AUD"
        | "CAD" | "CHF" | "PKR" | "BDT" | "LKR" => 2,
        "IDR" | "VND" | "JPY" | "KRW" | "CLP" | "PYG" | "UGX" => 0,
        "KWD" | "BHD" | "OMR" | "JOD" | "TND" | "IQD" | "LYD" => 3,
        _ => return None,
    })
}

/// Round to `dp` decimal places, half away from zero (never banker's rounding).
pub fn round(value: Decimal, dp: u32) -> Decimal {
    value.round_dp_with_strategy(dp, MidpointAwayFromZero)
}

/// An amount in currency units rounded to whole minor units.
pub fn to_minor(value: Decimal, minor_units: u32, field: &str) -> Result<i64> {
    let scaled = round(value * Decimal::from(10i64.pow(minor_units)), 0);
    let minor = scaled.to_i64().filter(|m| m.abs() <= AMOUNT_MINOR_MAX);
    minor.ok_or_else(|| Error::AmountOutOfRange { field: field.into(), amount: value.to_string() })
}

/// Minor units back to a decimal amount with exactly `minor_units` places.
pub fn from_minor(minor: i64, minor_units: u32) -> Decimal {
    Decimal::from_i128_with_scale(minor as i128, minor_units)
}

/// Format minor units as a plain decimal string (`1234.50`), the form money travels in.
pub fn minor_str(minor: i64, minor_units: u32) -> String {
    from_minor(minor, minor_units).to_string()
}

/// Format an exact decimal amount rounded to the currency's minor unit.
pub fn amount_str(value: Decimal, minor_units: u32) -> String {
    let mut v = round(value, minor_units);
    v.rescale(minor_units);
    v.to_string()
}

/// The money of one document line, in minor units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct LineAmounts {
    pub net_minor: i64,
    pub vat_minor: i64,
    pub gross_minor: i64,
}

impl LineAmounts {
    pub fn plus(self, other: LineAmounts) -> LineAmounts {
        LineAmounts {
            net_minor: self.net_minor + other.net_minor,
            vat_minor: self.vat_minor + other.vat_minor,
            gross_minor: self.gross_minor + other.gross_minor,
        }
    }
}

/// VAT of one line as DESIGN.md says: prices including VAT give gross = qty x price and
/// VAT = gross x r/(1+r); prices excluding VAT give net = qty x price and VAT = net x r.
/// Each value is rounded half away from zero to the minor unit.
pub fn line_amounts(
    qty: Decimal,
    price: Decimal,
    vat_rate_pct: Decimal,
    vat_included: bool,
    minor_units: u32,
    field: &str,
) -> Result<LineAmounts> {
    let extended = qty
        .checked_mul(price)
        .ok_or_else(|| Error::AmountOutOfRange { field: field.into(), amount: format!("{qty} x {price}") })?;
    let hundred = Decimal::ONE_HUNDRED;
    if vat_included {
        let gross_minor = to_minor(extended, minor_units, field)?;
        let vat_minor =
            round(Decimal::from(gross_minor) * vat_rate_pct / (hundred + vat_rate_pct), 0).to_i64().unwrap_or(0);
        Ok(LineAmounts { net_minor: gross_minor - vat_minor, vat_minor, gross_minor })
    } else {
        let net_minor = to_minor(extended, minor_units, field)?;
        let vat_minor = round(Decimal::from(net_minor) * vat_rate_pct / hundred, 0).to_i64().unwrap_or(0);
        Ok(LineAmounts { net_minor, vat_minor, gross_minor: net_minor + vat_minor })
    }
}

/// The share of an original line's money that a (partial) return takes.
///
/// Computed cumulatively: the returns of a line so far take round(total x returned/sold), so
/// returning a line in any number of parts gives back exactly the original amounts, never a cent
/// more or less.
pub fn return_share(original: LineAmounts, sold_base: i64, returned_before: i64, returning: i64) -> LineAmounts {
    debug_assert!(sold_base > 0 && returned_before + returning <= sold_base);
    let share = |total: i64, part: i64| -> i64 {
        round(Decimal::from(total) * Decimal::from(part) / Decimal::from(sold_base), 0).to_i64().unwrap_or(0)
    };
    let after = returned_before + returning;
    let net_minor = share(original.net_minor, after) - share(original.net_minor, returned_before);
    let vat_minor = share(original.vat_minor, after) - share(original.vat_minor, returned_before);
    LineAmounts { net_minor, vat_minor, gross_minor: net_minor + vat_minor }
}

/// A cost per base unit, in ten-thousandths, from a decimal per *entered* unit.
pub fn cost_e4_per_base(cost_per_unit: Decimal, factor_to_base: i64, field: &str) -> Result<i64> {
    let per_base = cost_per_unit / Decimal::from(factor_to_base);
    let e4 = round(per_base * Decimal::from(10_000), 0);
    e4.to_i64()
        .filter(|v| *v >= 0 && *v <= AMOUNT_MINOR_MAX)
        .ok_or_else(|| Error::AmountOutOfRange { field: field.into(), amount: cost_per_unit.to_string() })
}

/// A cost in ten-thousandths as a decimal with 4 places.
pub fn cost_from_e4(e4: i64) -> Decimal {
    Decimal::from_i128_with_scale(e4 as i128, 4)
}

/// Moving average cost after taking `qty_in` units at `cost_in_e4` onto `on_hand` units at
/// `avg_e4`: (h·a + q·c)/(h + q), or c when nothing (or less than nothing) was on hand.
/// Kept to 4 decimal places, half away from zero.
pub fn moving_average_e4(on_hand: i64, avg_e4: i64, qty_in: i64, cost_in_e4: i64) -> i64 {
    debug_assert!(qty_in > 0);
    if on_hand <= 0 {
        return cost_in_e4;
    }
    let num = on_hand as i128 * avg_e4 as i128 + qty_in as i128 * cost_in_e4 as i128;
    let den = (on_hand + qty_in) as i128;
    div_round_half_away(num, den) as i64
}

/// Integer division rounded half away from zero.
pub fn div_round_half_away(num: i128, den: i128) -> i128 {
    debug_assert!(den != 0);
    let q = num / den;
    let r = num % den;
    if 2 * r.abs() >= den.abs() {
        q + if (num < 0) != (den < 0) { -1 } else { 1 }
    } else {
        q
    }
}

/// Parse a decimal given as text, exactly (no silent rounding of long fractions).
pub fn parse_decimal(text: &str, field: &str) -> Result<Decimal> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Error::invalid(field, "a number is required"));
    }
    if looks_exponential(t) {
        return Err(Error::invalid(field, format!("write {t} without an exponent")));
    }
    Decimal::from_str_exact(t).map_err(|_| Error::invalid(field, format!("{t} is not a number")))
}

/// Is this a number written with an exponent (`1e3`, `-2.5E-4`), as opposed to a word?
pub fn looks_exponential(text: &str) -> bool {
    let Some((mantissa, exp)) = text.split_once(['e', 'E']) else { return false };
    let mantissa = mantissa.trim_start_matches(['-', '+']);
    let exp = exp.trim_start_matches(['-', '+']);
    !mantissa.is_empty()
        && mantissa.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && mantissa.bytes().any(|b| b.is_ascii_digit())
        && !exp.is_empty()
        && exp.bytes().all(|b| b.is_ascii_digit())
}

/// A VAT rate in percent, 0 to 100.
pub fn parse_vat_rate(text: &str, field: &str) -> Result<Decimal> {
    let rate = parse_decimal(text.trim_end_matches('%'), field)?;
    if rate < Decimal::ZERO || rate > Decimal::ONE_HUNDRED {
        return Err(Error::invalid(field, format!("VAT rate {rate} must be between 0 and 100")));
    }
    Ok(rate.normalize())
}

/// A price: not negative, at most 6 decimal places.
pub fn parse_price(text: &str, field: &str) -> Result<Decimal> {
    let price = parse_decimal(text, field)?;
    check_price(price, field)
}

pub fn check_price(price: Decimal, field: &str) -> Result<Decimal> {
    if price.is_sign_negative() && !price.is_zero() {
        return Err(Error::invalid(field, format!("price {price} is negative")));
    }
    if price.scale() > 6 {
        return Err(Error::invalid(field, format!("price {price} has more than 6 decimals")));
    }
    if price > Decimal::from(AMOUNT_MINOR_MAX / 1000) {
        return Err(Error::AmountOutOfRange { field: field.into(), amount: price.to_string() });
    }
    Ok(price.normalize())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn vat_included_line_splits_gross_half_away_from_zero() {
        // 3 x 10.50 = 31.50 gross at 5 %: VAT = 31.50 x 5/105 = 1.50 exactly.
        let a = line_amounts(d("3"), d("10.50"), d("5"), true, 2, "x").unwrap();
        assert_eq!(a, LineAmounts { net_minor: 3000, vat_minor: 150, gross_minor: 3150 });
        // 1 x 0.21 at 5 %: VAT = 21 x 5 / 105 = 1 minor unit exactly.
        let a = line_amounts(d("1"), d("0.21"), d("5"), true, 2, "x").unwrap();
        assert_eq!(a.vat_minor, 1);
        // 1 x 0.42 at 7 %: 42 x 7/107 = 2.747 -> 3.
        let a = line_amounts(d("1"), d("0.42"), d("7"), true, 2, "x").unwrap();
        assert_eq!((a.vat_minor, a.net_minor), (3, 39));
    }

    #[test]
    fn vat_excluded_line_rounds_net_then_vat() {
        // 7 x 0.125 = 0.875 -> 0.88 net; VAT 5 % of 88 = 4.4 -> 4.
        let a = line_amounts(d("7"), d("0.125"), d("5"), false, 2, "x").unwrap();
        assert_eq!(a, LineAmounts { net_minor: 88, vat_minor: 4, gross_minor: 92 });
        // 1 x 0.10 at 5 %: 10 x 0.05 = 0.5 -> 1 (half away from zero, not banker's 0).
        let a = line_amounts(d("1"), d("0.10"), d("5"), false, 2, "x").unwrap();
        assert_eq!(a.vat_minor, 1);
        // Zero-decimal currency: 3 x 1500.5 IDR = 4501.5 -> 4502.
        let a = line_amounts(d("3"), d("1500.5"), d("11"), false, 0, "x").unwrap();
        assert_eq!(a.net_minor, 4502);
    }

    #[test]
    fn partial_returns_add_up_to_the_line() {
        let orig = LineAmounts { net_minor: 100, vat_minor: 5, gross_minor: 105 };
        let mut sum = LineAmounts::default();
        for i in 0..3 {
            sum = sum.plus(return_share(orig, 3, i, 1));
        }
        assert_eq!(sum, orig);
    }

    #[test]
    fn moving_average_follows_the_formula() {
        // 10 on hand at 2.0000, receive 30 at 3.0000: (20 + 90) / 40 = 2.75.
        assert_eq!(moving_average_e4(10, 20_000, 30, 30_000), 27_500);
        // Nothing on hand: the receipt's cost.
        assert_eq!(moving_average_e4(0, 20_000, 5, 12_345), 12_345);
        assert_eq!(moving_average_e4(-3, 20_000, 5, 12_345), 12_345);
        // 1 at 0.0001 + 2 at 0.0002 = 0.0005/3 = 0.000166.. -> 0.0002
        assert_eq!(moving_average_e4(1, 1, 2, 2), 2);
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(div_round_half_away(5, 2), 3);
        assert_eq!(div_round_half_away(-5, 2), -3);
        assert_eq!(div_round_half_away(4, 3), 1);
        assert_eq!(round(d("2.5"), 0), d("3"));
        assert_eq!(round(d("-2.5"), 0), d("-3"));
    }
}
