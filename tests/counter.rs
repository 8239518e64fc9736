//! What the desktop app's wholesale counter and till ask of the library: the buyers to pick from,
//! and lines that name their product by whatever code was scanned or typed.

mod buyers_common;

use buyers_common::*;
use onebook::{DocumentDraft, Error, Terms};
use serde_json::json;

#[test]
fn buyers_are_listed_by_code_with_their_terms_for_whoever_may_invoice() {
    let mut s = shop();
    s.buyer("B2", Some("a"), Some("5000"), Terms::parse("net 30", "terms").unwrap());
    s.buyer("B1", None, None, Terms::parse("cash", "terms").unwrap());
    let list = s.book.buyers(&s.owner).unwrap();
    let seen: Vec<_> = list.iter().map(|b| (b.code.as_str(), b.tier.as_deref(), b.credit_limit.as_deref())).collect();
    assert_eq!(seen, [("B1", None, None), ("B2", Some("A"), Some("5000.00"))]);
    assert_eq!(list[1].terms, Terms::Net { days: 30 });
    assert_eq!(list[1].name, "B2 Trading");
    // A cashier does not invoice, so does not read the buyers' credit either.
    let err = s.book.buyers(&s.cashier).unwrap_err();
    assert!(matches!(err, Error::PermissionDenied { ref action, .. } if action == "invoice"), "{err:?}");
}

#[test]
fn a_line_names_its_product_by_the_code_as_scanned() {
    let mut s = shop();
    s.receive("2026-01-02T09:00:00", "10");
    s.buyer("B1", None, None, Terms::parse("cash", "terms").unwrap());
    let quote = |s: &mut Shop, draft: serde_json::Value| {
        let draft = DocumentDraft::from_value(draft)?;
        s.book.quote(&s.owner, &draft, now())
    };
    // The carton's barcode selects the carton (24 pieces); a SKU its base unit; a unit given wins.
    let doc = quote(
        &mut s,
        json!({"kind": "invoice", "buyer": "B1", "lines": [
            {"code": "16290001000012", "qty": 1},
            {"code": " RC ", "qty": 2, "unit": "carton"},
            {"code": "6290001000015", "qty": "3", "unit": "carton"}]}),
    )
    .unwrap();
    let lines: Vec<_> = doc.lines.iter().map(|l| (l.sku.as_str(), l.unit.as_str(), l.qty_base)).collect();
    assert_eq!(lines, [("RC", "carton", 24), ("RC", "carton", 48), ("RC", "carton", 72)]);
    let sale = quote(
        &mut s,
        json!({"kind": "sale", "lines": [{"code": "6290001000015", "qty": 3}, {"code": "RC", "qty": 2}]}),
    )
    .unwrap();
    let lines: Vec<_> = sale.lines.iter().map(|l| (l.unit.as_str(), l.qty_base)).collect();
    assert_eq!(lines, [("piece", 3), ("piece", 2)]);

    // Refusals name the line and say what is wrong with the code.
    let err = |s: &mut Shop, line: serde_json::Value| {
        let e = quote(s, json!({"kind": "sale", "lines": [{"code": "6290001000015", "qty": 1}, line]})).unwrap_err();
        (e.code(), e.field().map(str::to_string))
    };
    assert_eq!(err(&mut s, json!({"code": "NO-SUCH", "qty": 1})), ("unknown-product", Some("lines[1].sku".into())));
    assert_eq!(
        err(&mut s, json!({"code": "6290001000016", "qty": 1})),
        ("bad-check-digit", Some("lines[1].barcode".into()))
    );
    assert_eq!(
        err(&mut s, json!({"code": "RC", "sku": "RC", "qty": 1})),
        ("invalid-input", Some("lines[1].code".into()))
    );
    assert_eq!(err(&mut s, json!({"code": 42, "qty": 1})), ("invalid-input", Some("lines[1].code".into())));
}
