//! A buyer's statement of account: balances worked out here from the documents posted, the
//! statement's lines adding up to them, and the PDF read back with `pdftotext` and rendered with
//! `pdftoppm`, in the buyer's language and in English; the CLI writes it and refuses a cashier.

mod common;

use onebook::buyers::{BuyerTerms, Terms};
use onebook::document::*;
use onebook::receivables::PaymentInput;
use onebook::{Actor, Book, Customer, Locale, NewUser, ProductInput, Role, ShopSetup, Timestamp};
use rust_decimal::Decimal;
use std::process::Command;

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn invoice(date: &str, cartons: i64) -> DocumentDraft {
    DocumentDraft::Invoice(InvoiceDraft {
        date: Some(date.into()),
        buyer: "B7".into(),
        lines: vec![SaleLine {
            sku: Some("TEA".into()),
            barcode: None,
            qty: Decimal::from(cartons),
            unit: Some("carton".into()),
            price: None,
        }],
        override_reason: None,
        note: None,
    })
}

fn pay(book: &mut Book, owner: &Actor, date: &str, amount: &str) {
    let p: PaymentInput = serde_json::from_value(serde_json::json!({
        "buyer": "B7", "amount": amount, "method": "bank", "date": date
    }))
    .unwrap();
    book.record_payment(owner, &p, Timestamp::now()).unwrap();
}

fn text_of(pdf: &[u8], dir: &std::path::Path, name: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext").arg("-layout").arg(&path).arg("-").output().expect("pdftotext runs");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_statement_adds_up_to_the_balance_and_prints_in_the_buyers_language() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.sqlite3");
    let mut book = Book::open(&db).unwrap();
    let t0 = Timestamp::parse("2026-01-02T08:00:00", chrono_tz::Asia::Dubai, "t").unwrap();
    let owner = book.init(&ShopSetup::new("Dragon Mart 101", "AED", d("5"), "Asia/Dubai"), t0).unwrap();
    book.add_user(
        &owner,
        &NewUser { username: "mei".into(), display_name: None, role: Role::Cashier, locale: None },
        t0,
    )
    .unwrap();
    book.upsert_product(
        &owner,
        ProductInput {
            sku: "TEA".into(),
            name: "Green tea".into(),
            base_unit: "piece".into(),
            vat_rate_pct: Some(d("5")),
            retail_reserve: None,
            allow_negative: false,
            category: None,
            units: vec![("carton".into(), 12)],
            barcodes: vec![],
            retail_prices: vec![("piece".into(), d("9.50"))],
            wholesale_prices: vec![("carton".into(), d("96.00"))],
        },
        t0,
    )
    .unwrap();
    let receipt = DocumentDraft::Receipt(ReceiptDraft {
        date: Some("2026-01-02T09:00:00".into()),
        supplier: None,
        lines: vec![ReceiptLine {
            sku: Some("TEA".into()),
            barcode: None,
            qty: d("40"),
            unit: Some("carton".into()),
            unit_cost: d("60"),
        }],
        note: None,
    });
    book.post(&owner, &receipt, Timestamp::now()).unwrap();
    let buyer = Customer {
        code: "B7".into(),
        name: "شركة النخيل".into(),
        tax_number: Some("100200300400003".into()),
        payment_terms_days: 30,
        locale: Some(Locale::Ar),
    };
    book.add_buyer(
        &owner,
        &buyer,
        &BuyerTerms { tier: None, credit_limit: None, terms: Some(Terms::Net { days: 30 }) },
        t0,
    )
    .unwrap();

    // Before the period: an invoice and a payment. In it (February): two invoices, a credit
    // note, a payment. After it: one more invoice.
    let gross = |doc: &Document| d(&doc.gross);
    let jan = book.post(&owner, &invoice("2026-01-10T10:00:00", 3), Timestamp::now()).unwrap();
    pay(&mut book, &owner, "2026-01-20T10:00:00", "100");
    let feb1 = book.post(&owner, &invoice("2026-02-03T10:00:00", 2), Timestamp::now()).unwrap();
    let cn = DocumentDraft::WholesaleReturn(WholesaleReturnDraft {
        date: Some("2026-02-10T10:00:00".into()),
        invoice: feb1.doc_no.clone(),
        restock: Some(true),
        lines: vec![ReturnLine { line: Some(1), sku: None, barcode: None, qty: d("1"), unit: Some("carton".into()) }],
        note: None,
    });
    let cn = book.post(&owner, &cn, Timestamp::now()).unwrap();
    pay(&mut book, &owner, "2026-02-15T10:00:00", "150.50");
    let feb2 = book.post(&owner, &invoice("2026-02-28T23:30:00", 1), Timestamp::now()).unwrap();
    book.post(&owner, &invoice("2026-03-01T00:30:00", 1), Timestamp::now()).unwrap();

    let opening = gross(&jan) - d("100");
    let closing = opening + gross(&feb1) - gross(&cn) - d("150.50") + gross(&feb2);
    let s = book.buyer_statement(&owner, "B7", "2026-02-01", "2026-02-28").unwrap();
    assert_eq!(d(&s.opening), opening);
    assert_eq!(d(&s.closing), closing);
    let kinds: Vec<&str> = s.lines.iter().map(|l| l.kind.as_str()).collect();
    assert_eq!(kinds, ["invoice", "credit_note", "payment", "invoice"], "the 23:30 local invoice is February's");
    assert_eq!(d(s.lines.last().unwrap().balance.as_str()), closing);
    assert_eq!(s.lines[0].due.as_deref(), Some("2026-03-05"), "net 30 from 3 February");
    // Nothing of February is overdue at its end; January's rest fell due on 9 February.
    assert_eq!(d(&s.overdue), (opening - d("150.50")).max(Decimal::ZERO));

    // The PDF in the buyer's language (Arabic) and in English.
    let ar = book.buyer_statement_pdf(&owner, "B7", "2026-02-01", "2026-02-28", None).unwrap();
    let ar_text = text_of(&ar, dir.path(), "ar.pdf");
    assert!(ar_text.contains("كشف حساب"), "{ar_text}");
    let en = book.buyer_statement_pdf(&owner, "B7", "2026-02-01", "2026-02-28", Some(Locale::En)).unwrap();
    let en_text = text_of(&en, dir.path(), "en.pdf");
    assert!(en_text.contains("Statement of account"));
    assert!(en_text.contains(&cn.doc_no) && en_text.contains(&feb2.doc_no));
    let money = |v: Decimal| onebook::i18n::format_number(Locale::En, &format!("{:.2}", v));
    assert!(en_text.contains(&money(closing)), "closing {closing} in {en_text}");
    assert!(en_text.contains(&money(opening)));
    let png = dir.path().join("page");
    let out = Command::new("pdftoppm")
        .args(["-r", "40", "-png", "-f", "1", "-l", "1"])
        .arg(dir.path().join("ar.pdf"))
        .arg(&png)
        .output()
        .unwrap();
    assert!(out.status.success());
    let rendered = std::fs::read_dir(dir.path()).unwrap().filter_map(|e| e.ok()).any(|e| {
        e.file_name().to_string_lossy().starts_with("page") && e.metadata().map(|m| m.len() > 2_000).unwrap_or(false)
    });
    assert!(rendered, "the page renders");

    // The CLI writes it; a cashier may not see a buyer's account; a bad period is named.
    drop(book);
    let pdf = dir.path().join("cli.pdf");
    let out = common::ok(common::onebook(
        &db,
        &[
            "buyer",
            "statement",
            "B7",
            "--from",
            "2026-02-01",
            "--to",
            "2026-02-28",
            "--out",
            pdf.to_str().unwrap(),
            "--locale",
            "zh-CN",
        ],
    ));
    assert!(out.contains("cli.pdf"));
    assert!(text_of(&std::fs::read(&pdf).unwrap(), dir.path(), "zh.pdf").contains("对账单"));
    let refused = common::onebook(
        &db,
        &["--user", "mei", "buyer", "statement", "B7", "--from", "2026-02-01", "--to", "2026-02-28"],
    );
    assert!(!refused.status.success());
    let bad =
        common::onebook(&db, &["--json", "buyer", "statement", "B7", "--from", "2026-02-30", "--to", "2026-02-28"]);
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("\"from\"")
            || String::from_utf8_lossy(&bad.stderr).contains("from")
    );
}
