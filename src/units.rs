//! Units and quantities: exact conversion to whole base units, and display in mixed units.

use rust_decimal::prelude::*;

use crate::error::{Error, Result};

/// Largest quantity of one line in base units (a limit on everything: no overflow downstream).
pub const QTY_BASE_MAX: i64 = 1_000_000_000_000; // 10^12

/// A packaging unit of a product and its exact whole factor to the base unit.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Unit {
    pub unit: String,
    pub factor_to_base: i64,
}

/// Convert a quantity entered in a unit to whole base units, refusing zero, negatives,
/// quantities that are not a whole number of base units, and absurd sizes.
pub fn to_base(qty: Decimal, unit: &str, factor_to_base: i64, base_unit: &str, field: &str) -> Result<i64> {
    if qty <= Decimal::ZERO {
        return Err(Error::QtyNotPositive { field: field.into(), qty: qty.normalize().to_string() });
    }
    to_base_allow_zero(qty, unit, factor_to_base, base_unit, field)
}

/// As [`to_base`], but zero is a valid answer (a stock count may find nothing on the shelf).
pub fn to_base_allow_zero(qty: Decimal, unit: &str, factor_to_base: i64, base_unit: &str, field: &str) -> Result<i64> {
    if qty < Decimal::ZERO {
        return Err(Error::QtyNotPositive { field: field.into(), qty: qty.normalize().to_string() });
    }
    let too_large = || Error::QtyTooLarge { field: field.into(), qty: qty.normalize().to_string() };
    let base = qty.checked_mul(Decimal::from(factor_to_base)).ok_or_else(too_large)?;
    if !base.fract().is_zero() {
        return Err(Error::FractionalBaseQty {
            field: field.into(),
            qty: qty.normalize().to_string(),
            unit: unit.into(),
            base: base.normalize().to_string(),
            base_unit: base_unit.into(),
        });
    }
    base.to_i64().filter(|b| *b <= QTY_BASE_MAX).ok_or_else(too_large)
}

/// Short names people write on a shelf label; unknown units are shown as they are.
pub fn abbreviation(unit: &str) -> &str {
    match unit {
        "piece" => "pcs",
        "carton" => "ctn",
        "dozen" => "dz",
        "pallet" => "plt",
        "bottle" => "btl",
        "box" => "box",
        "pack" => "pk",
        other => other,
    }
}

/// A quantity in base units shown the way people count it: 123 pieces with a carton of 24 is
/// "5 ctn + 3 pcs". Uses the largest units first; a negative quantity keeps its sign in front.
pub fn mixed(qty_base: i64, units: &[Unit], base_unit: &str) -> String {
    let mut sorted: Vec<&Unit> = units.iter().filter(|u| u.factor_to_base > 1).collect();
    sorted.sort_by(|a, b| b.factor_to_base.cmp(&a.factor_to_base).then(a.unit.cmp(&b.unit)));
    let sign = if qty_base < 0 { "-" } else { "" };
    let mut rest = qty_base.unsigned_abs() as i64;
    let mut parts = Vec::new();
    for u in sorted {
        let n = rest / u.factor_to_base;
        if n > 0 {
            parts.push(format!("{n} {}", abbreviation(&u.unit)));
            rest %= u.factor_to_base;
        }
    }
    if rest > 0 || parts.is_empty() {
        parts.push(format!("{rest} {}", abbreviation(base_unit)));
    }
    format!("{sign}{}", parts.join(" + "))
}

/// Canonical unit names: lower case, trimmed, plural 's' kept as written.
pub fn normalize_unit(unit: &str) -> String {
    unit.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn half_a_carton_is_twelve_pieces_but_a_third_of_one_is_refused() {
        assert_eq!(to_base(d("0.5"), "carton", 24, "piece", "q").unwrap(), 12);
        assert!(matches!(to_base(d("0.3"), "carton", 24, "piece", "q"), Err(Error::FractionalBaseQty { .. })));
        assert!(matches!(to_base(d("0"), "carton", 24, "piece", "q"), Err(Error::QtyNotPositive { .. })));
        assert!(matches!(to_base(d("-1"), "carton", 24, "piece", "q"), Err(Error::QtyNotPositive { .. })));
        assert!(matches!(
            to_base(d("99999999999999999"), "pallet", 4800, "piece", "q"),
            Err(Error::QtyTooLarge { .. })
        ));
    }

    #[test]
    fn mixed_units_read_like_a_shelf() {
        let units = vec![
            Unit { unit: "piece".into(), factor_to_base: 1 },
            Unit { unit: "carton".into(), factor_to_base: 24 },
            Unit { unit: "pallet".into(), factor_to_base: 4800 },
        ];
        assert_eq!(mixed(123, &units, "piece"), "5 ctn + 3 pcs");
        assert_eq!(mixed(4800 + 48, &units, "piece"), "1 plt + 2 ctn");
        assert_eq!(mixed(0, &units, "piece"), "0 pcs");
        assert_eq!(mixed(-25, &units, "piece"), "-1 ctn + 1 pcs");
    }
}
