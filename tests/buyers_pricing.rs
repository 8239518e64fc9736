//! Wholesale prices per buyer: tiers, quantity breaks, the buyer's own prices and effective dates;
//! express reorder and the bulk order sheet.

mod buyers_common;

use buyers_common::*;
use onebook::pricing::{PriceRuleInput, PriceScope};
use onebook::{DocumentDraft, Terms};

fn rule(scope: PriceScope, unit: &str, price: &str, min_qty: Option<&str>, from: &str) -> PriceRuleInput {
    PriceRuleInput {
        scope,
        product: "RC".into(),
        unit: Some(unit.into()),
        price: d(price),
        min_qty: min_qty.map(d),
        effective_from: Some(from.into()),
    }
}

fn priced_shop() -> Shop {
    let mut s = shop();
    s.buyer("B1", Some("A"), None, Terms::Net { days: 30 });
    s.buyer("B2", Some("a"), None, Terms::Net { days: 30 }); // tier codes are upper-cased
    s.buyer("B3", None, None, Terms::Net { days: 30 });
    let tier = || PriceScope::Tier("A".into());
    let rules = [
        rule(tier(), "carton", "950", None, "2026-01-01"),
        rule(tier(), "carton", "900", Some("10"), "2026-01-01"),
        rule(tier(), "carton", "940", None, "2026-03-01"),
        rule(PriceScope::Buyer("B2".into()), "carton", "920", None, "2026-02-01"),
    ];
    for r in &rules {
        s.book.set_price(&s.owner, r, t("2026-01-01T09:00:00")).unwrap();
    }
    s
}

#[test]
fn price_resolution_table() {
    let s = priced_shop();
    // (buyer, qty, unit, at) -> (price, source, quantity break)
    let table: &[(&str, &str, &str, &str, &str, &str, Option<&str>)] = &[
        ("B3", "1", "carton", "2026-02-10T10:00:00", "1000", "wholesale_list", None),
        ("B1", "1", "carton", "2025-12-15T10:00:00", "1000", "wholesale_list", None),
        ("B1", "1", "carton", "2026-02-10T10:00:00", "950", "tier", None),
        ("B1", "9", "carton", "2026-02-10T10:00:00", "950", "tier", None),
        ("B1", "10", "carton", "2026-02-10T10:00:00", "900", "tier", Some("10")),
        ("B1", "1", "carton", "2026-03-05T10:00:00", "940", "tier", None),
        ("B1", "12", "carton", "2026-03-05T10:00:00", "900", "tier", Some("10")),
        ("B2", "1", "carton", "2026-01-15T10:00:00", "950", "tier", None),
        ("B2", "1", "carton", "2026-02-10T10:00:00", "920", "buyer", None),
        ("B2", "10", "carton", "2026-02-10T10:00:00", "920", "buyer", None),
    ];
    for (buyer, qty, unit, at, price, source, min) in table {
        let q = s.book.quote_price(buyer, "RC", Some(unit), d(qty), t(at)).unwrap();
        let case = format!("{buyer} {qty} {unit} at {at}");
        assert_eq!(q.price, *price, "{case}");
        assert_eq!(q.basis.source, *source, "{case}");
        assert_eq!(q.basis.min_qty.as_deref(), *min, "{case}");
        if *source == "tier" {
            assert_eq!(q.basis.tier.as_deref(), Some("A"), "{case}");
        }
    }
    // No tier, buyer or list price for the piece: refused, naming the unit.
    let e = s.book.quote_price("B1", "RC", Some("piece"), d("24"), t("2026-02-10T10:00:00")).unwrap_err();
    assert_eq!(e.code(), "no-price");
    // History is kept: all four rules, in effective order.
    let h = s.book.price_history("RC").unwrap();
    let prices: Vec<&str> = h.iter().map(|r| r.price.as_str()).collect();
    assert_eq!(prices, ["950", "900", "920", "940"]);
    assert_eq!(h[2].key, "B2");
}

#[test]
fn the_invoice_line_shows_the_price_used_and_why() {
    let mut s = priced_shop();
    s.receive("2026-03-01T09:00:00", "40");
    let doc = s.book.post(&s.owner, &invoice("2026-03-05T10:00:00", "B1", "12"), now()).unwrap();
    let l = &doc.lines[0];
    assert_eq!(l.unit_price.as_deref(), Some("900"));
    let basis = l.price_basis.as_ref().unwrap();
    assert_eq!(
        (basis.source.as_str(), basis.tier.as_deref(), basis.min_qty.as_deref()),
        ("tier", Some("A"), Some("10"))
    );
    assert_eq!(doc.net, "10800.00");
    assert_eq!(doc.gross, "11340.00");
    // Read back the same.
    let again = s.book.document(&doc.doc_no).unwrap();
    assert_eq!(again.lines[0].price_basis, l.price_basis);
    // A buyer without tier or own price: the wholesale list, as before.
    let doc = s.book.post(&s.owner, &invoice("2026-03-06T10:00:00", "B3", "1"), now()).unwrap();
    assert_eq!(doc.lines[0].unit_price.as_deref(), Some("1000"));
    assert_eq!(doc.lines[0].price_basis.as_ref().unwrap().source, "wholesale_list");
}

#[test]
fn only_the_owner_sets_prices() {
    let mut s = priced_shop();
    let r = rule(PriceScope::Tier("B".into()), "carton", "990", None, "2026-01-01");
    for a in [s.cashier.clone(), s.accountant.clone()] {
        assert_eq!(s.book.set_price(&a, &r, now()).unwrap_err().code(), "permission-denied");
    }
    let bad = rule(PriceScope::Tier("B".into()), "crate", "990", None, "2026-01-01");
    assert_eq!(s.book.set_price(&s.owner, &bad, now()).unwrap_err().code(), "unknown-unit");
}

#[test]
fn express_reorder_copies_the_lines_at_todays_prices_and_says_what_changed() {
    let mut s = priced_shop();
    s.receive("2026-03-01T09:00:00", "3");
    let first = s.book.post(&s.owner, &invoice("2026-03-05T10:00:00", "B1", "2"), now()).unwrap();
    assert_eq!(first.lines[0].unit_price.as_deref(), Some("940"));
    // Since then: B1 gets its own price, and only one carton is left.
    let own = rule(PriceScope::Buyer("B1".into()), "carton", "930", None, "2026-04-01");
    s.book.set_price(&s.owner, &own, now()).unwrap();
    let r = s.book.reorder(&s.owner, &first.doc_no, now()).unwrap();
    assert_eq!(r.buyer, "B1");
    let changes: Vec<(&str, Option<&str>, Option<&str>, Option<i64>, Option<i64>)> = r
        .changes
        .iter()
        .map(|c| (c.change.as_str(), c.old_price.as_deref(), c.new_price.as_deref(), c.available, c.requested))
        .collect();
    assert_eq!(
        changes,
        [("price_changed", Some("940"), Some("930"), None, None), ("short", None, None, Some(24), Some(48))]
    );
    let DocumentDraft::Invoice(draft) = &r.draft else { panic!("an invoice draft") };
    assert_eq!((draft.buyer.as_str(), draft.lines.len(), draft.lines[0].qty), ("B1", 1, d("2")));
    // The draft is what `post` reads; with enough stock it posts at the new price.
    s.receive("2026-04-02T09:00:00", "5");
    let r = s.book.reorder(&s.owner, &first.doc_no, now()).unwrap();
    assert!(r.changes.iter().all(|c| c.change != "short"));
    let json = r.draft.to_json().to_string();
    let draft = onebook::DocumentDraft::from_json(&json).unwrap();
    let again = s.book.post(&s.owner, &draft, now()).unwrap();
    assert_eq!(again.lines[0].unit_price.as_deref(), Some("930"));
    // Only an invoice can be reordered.
    let receipt_no: String = s
        .book
        .connection()
        .query_row("SELECT doc_no FROM documents WHERE kind = 'receipt' LIMIT 1", [], |r| r.get(0))
        .unwrap();
    assert_eq!(s.book.reorder(&s.owner, &receipt_no, now()).unwrap_err().code(), "wrong-document-kind");
}

#[test]
fn a_bulk_order_with_bad_lines_lists_every_one_and_creates_nothing() {
    let mut s = priced_shop();
    s.receive("2026-03-01T09:00:00", "40");
    let before = s.documents();
    let csv = "\
code,qty,unit
RC,2,carton
NOPE,1,carton
RC,1,crate
RC,0.3,carton
16290001000012,1,
6290001000016,1,
RC,-2,carton
";
    let e = s.book.upload_order(&s.owner, "B1", csv.as_bytes(), now()).unwrap_err();
    assert_eq!(e.code(), "order-rejected");
    let rows: Vec<(u64, &str, Option<&str>)> =
        e.rows().unwrap().iter().map(|r| (r.line, r.code, r.column.as_deref())).collect();
    assert_eq!(
        rows,
        [
            (3, "unknown-product", Some("code")),
            (4, "unknown-unit", Some("unit")),
            (5, "fractional-base-qty", Some("qty")),
            (7, "bad-check-digit", Some("code")),
            (8, "qty-not-positive", Some("qty")),
        ]
    );
    assert!(e.message(onebook::Locale::En).contains('5'));
    assert_eq!(s.documents(), before, "nothing was created");

    // The good lines alone make a draft: a carton scanned by its barcode, a SKU in pieces.
    let csv = "sku,barcode,qty,unit\nRC,,2,carton\n,16290001000012,1,\nRC,,24,piece\n";
    let e = s.book.upload_order(&s.owner, "B1", csv.as_bytes(), now()).unwrap_err();
    // 24 pieces has no wholesale price for the piece: that line is bad too, named with its unit.
    assert_eq!(e.rows().unwrap().iter().map(|r| (r.line, r.code)).collect::<Vec<_>>(), [(4, "no-price")]);
    let csv = "sku,barcode,qty,unit\nRC,,2,carton\n,16290001000012,10,\n";
    let up = s.book.upload_order(&s.owner, "B1", csv.as_bytes(), now()).unwrap();
    let prices: Vec<Option<&str>> = up.lines.iter().map(|l| l.unit_price.as_deref()).collect();
    assert_eq!(prices, [Some("940"), Some("900")]);
    assert_eq!(s.documents(), before);
    let doc = s.book.post(&s.owner, &up.draft, now()).unwrap();
    assert_eq!(doc.lines.len(), 2);
    assert_eq!(doc.net, "10880.00");
}

/// The same sheets as an Excel workbook and as lines pasted from a spreadsheet (tab separated):
/// the same bad lines named, the same draft.
#[test]
fn an_order_sheet_comes_as_a_workbook_or_a_paste_and_reads_like_its_csv() {
    let mut s = priced_shop();
    s.receive("2026-03-01T09:00:00", "40");
    let before = s.documents();
    // Codes as text, quantities as numbers, as a buyer's Excel has them.
    let rows: [(&str, f64, &str); 7] = [
        ("RC", 2.0, "carton"),
        ("NOPE", 1.0, "carton"),
        ("RC", 1.0, "crate"),
        ("RC", 0.3, "carton"),
        ("16290001000012", 1.0, ""),
        ("6290001000016", 1.0, ""),
        ("RC", -2.0, "carton"),
    ];
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["code", "qty", "unit"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (i, (code, qty, unit)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, *code).unwrap();
        ws.write_number(r, 1, *qty).unwrap();
        if !unit.is_empty() {
            ws.write_string(r, 2, *unit).unwrap();
        }
    }
    let xlsx = wb.save_to_buffer().unwrap();
    let e = s.book.upload_order(&s.owner, "B1", xlsx.as_slice(), now()).unwrap_err();
    assert_eq!(e.code(), "order-rejected");
    let lines: Vec<(u64, &str)> = e.rows().unwrap().iter().map(|r| (r.line, r.code)).collect();
    assert_eq!(
        lines,
        [
            (3, "unknown-product"),
            (4, "unknown-unit"),
            (5, "fractional-base-qty"),
            (7, "bad-check-digit"),
            (8, "qty-not-positive")
        ]
    );
    assert_eq!(s.documents(), before, "nothing was created");

    // The good lines pasted from a spreadsheet: tabs between the columns.
    let paste = "sku\tbarcode\tqty\tunit\nRC\t\t2\tcarton\n\t16290001000012\t10\t\n";
    let csv = "sku,barcode,qty,unit\nRC,,2,carton\n,16290001000012,10,\n";
    let pasted = s.book.upload_order(&s.owner, "B1", paste.as_bytes(), now()).unwrap();
    let from_csv = s.book.upload_order(&s.owner, "B1", csv.as_bytes(), now()).unwrap();
    assert_eq!(pasted, from_csv);
    assert_eq!(pasted.lines.iter().map(|l| l.unit_price.as_deref()).collect::<Vec<_>>(), [Some("940"), Some("900")]);
    // Something that is neither: refused by field, nothing created.
    let e = s.book.upload_order(&s.owner, "B1", &b"PK\x03\x04 not really a zip"[..], now()).unwrap_err();
    assert_eq!(e.field(), Some("file"));
    assert_eq!(s.documents(), before);
}
