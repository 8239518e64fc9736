//! Cash in another currency: a tourist pays dollars or yen at a dirham till, a buyer settles an
//! invoice in dollars. Every converted amount and every change is worked out here, rounded half
//! away from zero in the shop's currency; the books hold the shop's currency, the payment keeps the
//! foreign amount and the rate; the Z report counts the cash kept in the shop's currency.

mod common;

use onebook::buyers::{BuyerTerms, Terms};
use onebook::close::DayCloseInput;
use onebook::document::*;
use onebook::receivables::PaymentInput;
use onebook::{Book, Customer, Error, ProductInput, ShopSetup, Timestamp};
use rust_decimal::{Decimal, RoundingStrategy};

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

/// Shop currency (2 decimals), half away from zero.
fn aed(v: Decimal) -> Decimal {
    v.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

fn sale(pieces: i64, payments: Vec<(&str, &str, Option<&str>)>) -> DocumentDraft {
    DocumentDraft::Sale(SaleDraft {
        date: None,
        lines: vec![SaleLine {
            sku: Some("PERF".into()),
            barcode: None,
            qty: Decimal::from(pieces),
            unit: None,
            price: None,
        }],
        payments: Some(
            payments
                .into_iter()
                .map(|(m, a, c)| PaymentDraft { method: m.into(), amount: d(a), currency: c.map(str::to_string) })
                .collect(),
        ),
        override_reason: None,
        note: None,
    })
}

#[test]
fn foreign_cash_is_converted_at_the_days_rate_and_change_is_given_in_dirhams() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.sqlite3");
    let mut book = Book::open(&db).unwrap();
    let now = Timestamp::now();
    let owner = book.init(&ShopSetup::new("Dragon Mart 101", "AED", d("5"), "Asia/Dubai"), now).unwrap();
    book.upsert_product(
        &owner,
        ProductInput {
            sku: "PERF".into(),
            name: "Perfume".into(),
            base_unit: "piece".into(),
            vat_rate_pct: Some(d("5")),
            retail_reserve: None,
            allow_negative: false,
            category: None,
            units: vec![("carton".into(), 10)],
            barcodes: vec![],
            retail_prices: vec![("piece".into(), d("49.99"))],
            wholesale_prices: vec![("carton".into(), d("400.00"))],
        },
        now,
    )
    .unwrap();
    let receipt = DocumentDraft::Receipt(ReceiptDraft {
        date: None,
        supplier: None,
        lines: vec![ReceiptLine {
            sku: Some("PERF".into()),
            barcode: None,
            qty: d("100"),
            unit: None,
            unit_cost: d("20"),
        }],
        note: None,
    });
    book.post(&owner, &receipt, now).unwrap();

    // Without a rate, dollars are refused by name, and nothing is recorded.
    let docs =
        |b: &Book| -> i64 { b.connection().query_row("SELECT count(*) FROM documents", [], |r| r.get(0)).unwrap() };
    let before = docs(&book);
    let e = book.post(&owner, &sale(2, vec![("cash", "30", Some("USD"))]), now).unwrap_err();
    assert!(matches!(&e, Error::NoRate { currency, .. } if currency == "USD"), "{e:?}");
    assert_eq!(e.field(), Some("payments[0].currency"));
    assert!(e.message(onebook::Locale::Es).contains("tipo de cambio de USD"));
    assert_eq!(docs(&book), before);

    book.set_rate(&owner, "usd", d("3.6725"), None, now).unwrap();
    book.set_rate(&owner, "JPY", d("0.02451"), None, now).unwrap();
    assert!(matches!(book.set_rate(&owner, "AED", d("1"), None, now), Err(Error::InvalidInput { .. })));
    assert!(matches!(book.set_rate(&owner, "XYZ", d("1"), None, now), Err(Error::UnknownCurrency { .. })));

    // Two perfumes, 99.98 AED, paid with 30 dollars: 30 x 3.6725 = 110.175 -> 110.18; change 10.20.
    let total = d("49.99") * d("2");
    let doc = book.post(&owner, &sale(2, vec![("cash", "30", Some("USD"))]), now).unwrap();
    let in_aed = aed(d("30") * d("3.6725"));
    assert_eq!(in_aed, d("110.18"));
    let p = &doc.payments[0];
    assert_eq!(d(&p.amount), in_aed);
    assert_eq!(d(&p.change), in_aed - total);
    assert_eq!(
        (p.currency.as_deref(), p.foreign_amount.as_deref(), p.rate.as_deref()),
        (Some("USD"), Some("30.00"), Some("3.6725"))
    );
    assert_eq!(d(doc.change.as_deref().unwrap()), in_aed - total);
    // The receipt shows the dollars handed over and the rate.
    let opts = onebook::devices::receipt::ReceiptOptions {
        paper: onebook::devices::receipt::Paper::Mm80,
        locale: onebook::Locale::En,
        kick_drawer: false,
    };
    let bytes = onebook::devices::receipt::render(&book.shop().unwrap(), &doc, &opts).unwrap();
    let printed = String::from_utf8_lossy(&bytes);
    assert!(printed.contains("USD 30.00 at 3.6725"), "{printed}");

    // Yen have no decimals: 2 000 yen x 0.02451 = 49.02, short of 49.99, so a card pays the rest.
    let yen = aed(d("2000") * d("0.02451"));
    let card = total / d("2") - yen;
    let split = book
        .post(&owner, &sale(1, vec![("cash", "2000", Some("JPY")), ("card", &card.to_string(), None)]), now)
        .unwrap();
    assert_eq!(split.payments.len(), 2);
    // The sale as `post` returned it is the sale the book reads back, foreign cash and all.
    assert_eq!(book.document(&split.doc_no).unwrap(), split);
    assert_eq!(book.document(&doc.doc_no).unwrap(), doc);
    assert_eq!(d(&split.payments[0].amount), yen);
    assert_eq!(d(split.change.as_deref().unwrap()), Decimal::ZERO);
    // A fraction of a yen, a card in dollars and an unknown currency are refused by field.
    let e = book.post(&owner, &sale(1, vec![("cash", "2000.5", Some("JPY"))]), now).unwrap_err();
    assert_eq!(e.field(), Some("payments[0].amount"));
    let e = book.post(&owner, &sale(1, vec![("card", "20", Some("USD"))]), now).unwrap_err();
    assert_eq!(e.field(), Some("payments[0].currency"));
    let e = book.post(&owner, &sale(1, vec![("cash", "20", Some("ZZZ"))]), now).unwrap_err();
    assert!(matches!(e, Error::UnknownCurrency { .. }));

    // A buyer settles an invoice in dollars: the books get dirhams at the rate.
    let buyer = Customer {
        code: "B1".into(),
        name: "Gulf Traders".into(),
        tax_number: None,
        payment_terms_days: 30,
        locale: None,
    };
    book.add_buyer(
        &owner,
        &buyer,
        &BuyerTerms { tier: None, credit_limit: None, terms: Some(Terms::Net { days: 30 }) },
        now,
    )
    .unwrap();
    let inv = DocumentDraft::Invoice(InvoiceDraft {
        date: None,
        buyer: "B1".into(),
        lines: vec![SaleLine {
            sku: Some("PERF".into()),
            barcode: None,
            qty: d("1"),
            unit: Some("carton".into()),
            price: None,
        }],
        override_reason: None,
        note: None,
    });
    let inv = book.post(&owner, &inv, now).unwrap();
    let pay = PaymentInput {
        buyer: "B1".into(),
        amount: d("99.99"),
        method: "bank".into(),
        invoices: vec![],
        reference: None,
        date: None,
        currency: Some("USD".into()),
    };
    let paid = book.record_payment(&owner, &pay, now).unwrap();
    let usd_in_aed = aed(d("99.99") * d("3.6725"));
    assert_eq!(d(&paid.amount), usd_in_aed);
    assert_eq!(paid.foreign_amount.as_deref(), Some("99.99"));
    assert_eq!(d(&paid.balance_after), d(&inv.gross) - usd_in_aed);

    // The day's Z counts the cash kept in dirhams: what the dollar sale kept, plus the yen.
    let z = book.close_day(&owner, &DayCloseInput { counted: "0".into(), ..Default::default() }, now).unwrap();
    assert_eq!(d(&z.expected_cash), total + yen, "cash kept: the dollar sale's total and the yen, in dirhams");
    assert_eq!(d(&z.change_given), in_aed - total);

    // The CLI lists the rates.
    drop(book);
    let list = common::json(common::onebook(&db, &["--json", "rate", "list"]));
    assert_eq!(list.as_array().unwrap().len(), 2);
}
