//! Barcodes: GS1 check digits (EAN-8, UPC-A, EAN-13, GTIN-14) verified before a code is stored.

use crate::error::{Error, Result};

/// The GS1 check digit for the digits before it (mod-10, weights 3 and 1 from the right).
pub fn gs1_check_digit(body: &[u8]) -> u32 {
    let sum: u32 =
        body.iter().rev().enumerate().map(|(i, d)| u32::from(d - b'0') * if i % 2 == 0 { 3 } else { 1 }).sum();
    (10 - sum % 10) % 10
}

/// Verify a scanned or typed code: 8, 12, 13 or 14 digits with a correct check digit.
/// Returns the code as stored (unchanged: a UPC-A stays 12 digits).
pub fn validate(code: &str, field: &str) -> Result<String> {
    let code = code.trim();
    let bytes = code.as_bytes();
    if !matches!(bytes.len(), 8 | 12 | 13 | 14) || !bytes.iter().all(u8::is_ascii_digit) {
        return Err(Error::BadBarcode { field: field.into(), code: code.into() });
    }
    let (body, check) = bytes.split_at(bytes.len() - 1);
    let expected = gs1_check_digit(body);
    if u32::from(check[0] - b'0') != expected {
        return Err(Error::BadCheckDigit { field: field.into(), code: code.into(), expected });
    }
    Ok(code.to_string())
}

/// Whether a scanned or typed code is taken as a barcode (8 to 14 digits) rather than a SKU.
pub fn looks_like_barcode(code: &str) -> bool {
    let code = code.trim();
    (8..=14).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit())
}

/// Append the check digit to a body of 7, 11, 12 or 13 digits (used by the demo catalog).
pub fn with_check_digit(body: &str) -> String {
    format!("{body}{}", gs1_check_digit(body.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_codes_pass() {
        for code in ["4006381333931", "96385074", "036000291452", "10012345678902", "5901234123457"] {
            assert_eq!(validate(code, "b").unwrap(), code, "{code}");
        }
    }

    #[test]
    fn wrong_check_digit_names_the_expected_one() {
        assert_eq!(
            validate("4006381333932", "b"),
            Err(Error::BadCheckDigit { field: "b".into(), code: "4006381333932".into(), expected: 1 })
        );
    }

    #[test]
    fn wrong_shapes_are_refused() {
        for code in ["", "123", "40063813339a1", "400638133393100", "12345678901"] {
            assert!(matches!(validate(code, "b"), Err(Error::BadBarcode { .. })), "{code}");
        }
    }

    #[test]
    fn codes_of_8_to_14_digits_are_taken_as_barcodes() {
        for code in ["96385074", " 4006381333931\n", "10012345678902", "12345679"] {
            assert!(looks_like_barcode(code), "{code:?}");
        }
        for code in ["KIT-0101", "1234567", "400638133393100", "RC", "", "4006381 333931"] {
            assert!(!looks_like_barcode(code), "{code:?}");
        }
    }

    #[test]
    fn check_digit_is_appended() {
        assert_eq!(with_check_digit("400638133393"), "4006381333931");
    }
}
