//! A small wholesale shop for the buyers tests: one rice cooker sold by the piece and the carton
//! of 24, at 1 000.00 a carton on the wholesale list (VAT 5 % on top: 1 050.00 a carton).
#![allow(dead_code)]

use onebook::document::*;
use onebook::{Actor, Book, BuyerTerms, Customer, NewUser, ProductInput, Role, ShopSetup, Terms, Timestamp};
use rust_decimal::Decimal;

pub fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

pub fn t(text: &str) -> Timestamp {
    Timestamp::parse(text, chrono_tz::Asia::Dubai, "t").unwrap()
}

/// "Now" in every test: after all the dated documents.
pub fn now() -> Timestamp {
    t("2026-05-15T12:00:00")
}

pub struct Shop {
    pub _dir: tempfile::TempDir,
    pub book: Book,
    pub owner: Actor,
    pub accountant: Actor,
    pub cashier: Actor,
}

pub fn shop() -> Shop {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Book::open(dir.path().join("shop.sqlite3")).unwrap();
    let t0 = t("2026-01-01T08:00:00");
    let owner = book.init(&ShopSetup::new("Buyers Stall", "AED", d("5"), "Asia/Dubai"), t0).unwrap();
    let user = |name: &str, role| NewUser { username: name.into(), display_name: None, role, locale: None };
    let accountant = book.add_user(&owner, &user("lina", Role::Accountant), t0).unwrap();
    let cashier = book.add_user(&owner, &user("mei", Role::Cashier), t0).unwrap();
    book.upsert_product(
        &owner,
        ProductInput {
            sku: "RC".into(),
            name: "Rice cooker".into(),
            base_unit: "piece".into(),
            vat_rate_pct: Some(d("5")),
            retail_reserve: None,
            allow_negative: false,
            category: None,
            units: vec![("carton".into(), 24)],
            barcodes: vec![("piece".into(), "6290001000015".into()), ("carton".into(), "16290001000012".into())],
            retail_prices: vec![("piece".into(), d("60.00"))],
            wholesale_prices: vec![("carton".into(), d("1000.00"))],
        },
        t0,
    )
    .unwrap();
    Shop { _dir: dir, book, owner, accountant, cashier }
}

impl Shop {
    pub fn buyer(&mut self, code: &str, tier: Option<&str>, limit: Option<&str>, terms: Terms) {
        let c = Customer {
            code: code.into(),
            name: format!("{code} Trading"),
            tax_number: None,
            payment_terms_days: 0,
            locale: None,
        };
        let bt = BuyerTerms { tier: tier.map(str::to_string), credit_limit: limit.map(d), terms: Some(terms) };
        self.book.add_buyer(&self.owner, &c, &bt, t("2026-01-01T08:00:00")).unwrap();
    }

    pub fn receive(&mut self, date: &str, cartons: &str) {
        let draft = DocumentDraft::Receipt(ReceiptDraft {
            date: Some(date.into()),
            supplier: None,
            lines: vec![ReceiptLine {
                sku: Some("RC".into()),
                barcode: None,
                qty: d(cartons),
                unit: Some("carton".into()),
                unit_cost: d("700"),
            }],
            note: None,
        });
        self.book.post(&self.owner, &draft, now()).unwrap();
    }

    pub fn documents(&self) -> i64 {
        self.book.connection().query_row("SELECT count(*) FROM documents", [], |r| r.get(0)).unwrap()
    }
}

pub fn invoice(date: &str, buyer: &str, cartons: &str) -> DocumentDraft {
    DocumentDraft::Invoice(InvoiceDraft {
        date: Some(date.into()),
        buyer: buyer.into(),
        lines: vec![SaleLine {
            sku: Some("RC".into()),
            barcode: None,
            qty: d(cartons),
            unit: Some("carton".into()),
            price: None,
        }],
        override_reason: None,
        note: None,
    })
}
