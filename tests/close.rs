//! Closing the day and the month: the Z report of a till with cash, card and split payments and a
//! cash refund, worked out by hand; the period lock refusing every kind of document dated into a
//! closed month with the book unchanged; and the same through the real `onebook` binary.
//!
//! Shop: AED (2 decimals), Asia/Dubai (UTC+4), VAT 5 %. Product RC: piece 105.00 at retail (VAT
//! included: 5.00 of VAT per piece), carton of 6 at wholesale 450.00 (VAT excluded).

mod common;

use onebook::close::DayCloseInput;
use onebook::document::*;
use onebook::receivables::PaymentInput;
use onebook::{Actor, Book, Customer, Error, Locale, NewUser, ProductInput, Role, ShopSetup, Timestamp};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn dubai(text: &str) -> Timestamp {
    Timestamp::parse(text, chrono_tz::Asia::Dubai, "t").unwrap()
}

fn pay(method: &str, amount: &str) -> PaymentDraft {
    PaymentDraft { method: method.into(), amount: d(amount), currency: None }
}

fn sale(date: &str, pieces: &str, payments: Vec<PaymentDraft>) -> DocumentDraft {
    DocumentDraft::Sale(SaleDraft {
        date: Some(date.into()),
        lines: vec![SaleLine { sku: Some("RC".into()), barcode: None, qty: d(pieces), unit: None, price: None }],
        payments: Some(payments),
        override_reason: None,
        note: None,
    })
}

fn retail_return(date: Option<&str>, ticket: &str, pieces: &str) -> DocumentDraft {
    DocumentDraft::RetailReturn(RetailReturnDraft {
        date: date.map(str::to_string),
        ticket: ticket.into(),
        restock: Some(true),
        lines: vec![ReturnLine { line: Some(1), sku: None, barcode: None, qty: d(pieces), unit: None }],
        note: None,
    })
}

fn receipt(date: &str, cartons: &str) -> DocumentDraft {
    DocumentDraft::Receipt(ReceiptDraft {
        date: Some(date.into()),
        supplier: Some("Ningbo".into()),
        lines: vec![ReceiptLine {
            sku: Some("RC".into()),
            barcode: None,
            qty: d(cartons),
            unit: Some("carton".into()),
            unit_cost: d("300"),
        }],
        note: None,
    })
}

fn invoice(date: &str) -> DocumentDraft {
    DocumentDraft::Invoice(InvoiceDraft {
        date: Some(date.into()),
        buyer: "B1".into(),
        lines: vec![SaleLine {
            sku: Some("RC".into()),
            barcode: None,
            qty: d("1"),
            unit: Some("carton".into()),
            price: None,
        }],
        override_reason: None,
        note: None,
    })
}

fn wholesale_return(date: &str, invoice: &str) -> DocumentDraft {
    DocumentDraft::WholesaleReturn(WholesaleReturnDraft {
        date: Some(date.into()),
        invoice: invoice.into(),
        restock: Some(true),
        lines: vec![ReturnLine { line: Some(1), sku: None, barcode: None, qty: d("2"), unit: Some("piece".into()) }],
        note: None,
    })
}

fn receive(date: &str, cn: &str) -> DocumentDraft {
    DocumentDraft::ReceiveReturn(ReceiveReturnDraft { date: Some(date.into()), return_no: cn.into() })
}

fn count(date: &str, pieces: &str) -> DocumentDraft {
    DocumentDraft::Count(CountDraft {
        date: Some(date.into()),
        lines: vec![CountLine { sku: Some("RC".into()), barcode: None, qty: d(pieces), unit: None }],
        note: None,
    })
}

fn day(date: Option<&str>, counted: &str, float: Option<&str>) -> DayCloseInput {
    DayCloseInput {
        device: None,
        date: date.map(str::to_string),
        counted: counted.into(),
        float: float.map(str::to_string),
    }
}

/// A Dubai stall with product RC and buyer B1, set up at `t0`; returns the book, the owner and a cashier.
fn stall(dir: &tempfile::TempDir, t0: Timestamp) -> (Book, Actor, Actor) {
    let mut book = Book::open(dir.path().join("shop.sqlite3")).unwrap();
    let owner = book.init(&ShopSetup::new("Dragon Mart 101", "AED", d("5"), "Asia/Dubai"), t0).unwrap();
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
            units: vec![("carton".into(), 6)],
            barcodes: vec![],
            retail_prices: vec![("piece".into(), d("105.00"))],
            wholesale_prices: vec![("carton".into(), d("450.00"))],
        },
        t0,
    )
    .unwrap();
    let buyer =
        Customer { code: "B1".into(), name: "Al Noor".into(), tax_number: None, payment_terms_days: 30, locale: None };
    book.add_customer(&owner, &buyer, t0).unwrap();
    let cashier = book
        .add_user(
            &owner,
            &NewUser { username: "mei".into(), display_name: None, role: Role::Cashier, locale: None },
            t0,
        )
        .unwrap();
    (book, owner, cashier)
}

#[test]
fn the_z_report_counts_cash_card_split_payments_and_a_cash_refund() {
    let dir = tempfile::tempdir().unwrap();
    let (mut book, owner, mei) = stall(&dir, dubai("2026-11-10T08:00:00"));
    let now = dubai("2026-11-10T20:00:00");
    book.post(&owner, &receipt("2026-11-10T08:30:00", "5"), now).unwrap();
    // S1: 2 pieces = 210.00, 250.00 cash given, 40.00 change: the drawer keeps 210.00.
    let s1 = book.post(&mei, &sale("2026-11-10T10:00:00", "2", vec![pay("cash", "250")]), now).unwrap();
    assert_eq!(s1.change.as_deref(), Some("40.00"));
    // S2: 1 piece = 105.00 by card.
    book.post(&mei, &sale("2026-11-10T11:00:00", "1", vec![pay("card", "105")]), now).unwrap();
    // S3: 3 pieces = 315.00 split: card 100.00, e-wallet 15.00, cash 250.00 given: 50.00 change,
    // the drawer keeps 200.00.
    let split = vec![pay("card", "100"), pay("ewallet", "15"), pay("cash", "250")];
    let s3 = book.post(&mei, &sale("2026-11-10T12:00:00", "3", split), now).unwrap();
    assert_eq!(s3.change.as_deref(), Some("50.00"));
    // One piece of S1 comes back: S1 was paid in cash, so 105.00 goes back out of the drawer.
    let rr = book.post(&mei, &retail_return(Some("2026-11-10T15:00:00"), &s1.doc_no, "1"), now).unwrap();
    assert_eq!(rr.gross, "105.00");
    // A buyer pays 50.00 in cash at the counter: it goes into the drawer too.
    let payment = PaymentInput {
        buyer: "B1".into(),
        amount: d("50"),
        method: "cash".into(),
        invoices: vec![],
        reference: None,
        date: Some("2026-11-10T16:00:00".into()),
        currency: None,
    };
    book.record_payment(&owner, &payment, now).unwrap();

    // The cashier counts 550.00 with a float of 200.00.
    let z = book.close_day(&mei, &day(None, "550", Some("200")), now).unwrap();
    assert_eq!(z.doc_no, "Z-A-000001");
    assert_eq!(z.business_day, "2026-11-10");
    assert_eq!(z.closed_by, "mei");
    assert_eq!(z.continues, None);
    assert_eq!(z.sales_count, 3);
    // 210 + 105 + 315 = 630.00; VAT included at 5 %: 630 × 5/105 = 30.00.
    assert_eq!(z.sales_gross, "630.00");
    assert_eq!(z.sales_vat, "30.00");
    assert_eq!(z.first_ticket.as_deref(), Some("S-A-000001"));
    assert_eq!(z.last_ticket.as_deref(), Some("S-A-000003"));
    let methods: Vec<(&str, &str, &str, &str)> =
        z.methods.iter().map(|m| (m.method.as_str(), m.sales.as_str(), m.refunds.as_str(), m.net.as_str())).collect();
    // Cash kept 210 + 200 = 410, refunded 105; card 105 + 100 = 205; e-wallet 15.
    assert_eq!(
        methods,
        vec![
            ("cash", "410.00", "105.00", "305.00"),
            ("card", "205.00", "0.00", "205.00"),
            ("ewallet", "15.00", "0.00", "15.00")
        ]
    );
    assert_eq!(z.cash_tendered, "500.00"); // 250 + 250
    assert_eq!(z.change_given, "90.00"); // 40 + 50
    assert_eq!(z.returns_count, 1);
    assert_eq!(z.returns_gross, "105.00");
    assert_eq!(z.buyer_payments_cash, "50.00");
    assert_eq!(z.opening_float, "200.00");
    // Expected: 200 float + 500 tendered − 90 change + 50 buyer − 105 refund = 555.00.
    assert_eq!(z.expected_cash, "555.00");
    assert_eq!(z.counted_cash, "550.00");
    assert_eq!(z.difference, "-5.00");

    // Kept as a document: shown again unchanged, and the database refuses to edit it.
    assert_eq!(book.day_close(&owner, "Z-A-000001").unwrap(), z);
    let edit = book.connection().execute("UPDATE day_closes SET counted_cash_minor = 55500", []);
    assert!(edit.is_err(), "a Z report cannot be edited");
    assert!(book.connection().execute("DELETE FROM day_closes", []).is_err());

    // Nothing can be slipped into what the Z counted.
    let late = book.post(&mei, &sale("2026-11-10T19:00:00", "1", vec![pay("cash", "105")]), now);
    assert_eq!(late.unwrap_err().code(), "date-before-last-document");

    // A second Z the same evening covers only what came after the first.
    let later = dubai("2026-11-10T21:30:00");
    book.post(&mei, &sale("2026-11-10T21:00:00", "1", vec![pay("cash", "105")]), later).unwrap();
    let z2 = book.close_day(&mei, &day(Some("2026-11-10"), "105", None), later).unwrap();
    assert_eq!(z2.doc_no, "Z-A-000002");
    assert_eq!(z2.continues.as_deref(), Some("Z-A-000001"));
    assert_eq!(z2.from, z.to);
    assert_eq!((z2.sales_count, z2.sales_gross.as_str()), (1, "105.00"));
    assert_eq!((z2.expected_cash.as_str(), z2.difference.as_str()), ("105.00", "0.00"));
    assert_eq!(z2.returns_count, 0);

    // Next morning the day is closed to its end (nothing more), and then it is closed for good.
    let morning = dubai("2026-11-11T09:00:00");
    let z3 = book.close_day(&owner, &day(Some("2026-11-10"), "0", None), morning).unwrap();
    assert_eq!((z3.doc_no.as_str(), z3.sales_count), ("Z-A-000003", 0));
    assert_eq!(z3.to, dubai("2026-11-11T00:00:00").to_db());
    let again = book.close_day(&owner, &day(Some("2026-11-10"), "0", None), morning).unwrap_err();
    assert_eq!(again.code(), "day-already-closed");
    assert_eq!(again.field(), Some("date"));
    assert!(book.invariant_violations().unwrap().is_empty());
}

#[test]
fn a_return_of_a_card_ticket_is_refunded_to_the_card_and_the_rest_in_cash() {
    let dir = tempfile::tempdir().unwrap();
    let (mut book, owner, mei) = stall(&dir, dubai("2026-11-10T08:00:00"));
    let now = dubai("2026-11-10T20:00:00");
    book.post(&owner, &receipt("2026-11-10T08:30:00", "1"), now).unwrap();
    // 3 pieces = 315.00: card 105.00, cash 210.00. Two pieces come back, in two returns.
    let s =
        book.post(&mei, &sale("2026-11-10T10:00:00", "3", vec![pay("card", "105"), pay("cash", "210")]), now).unwrap();
    book.post(&mei, &retail_return(Some("2026-11-10T11:00:00"), &s.doc_no, "1"), now).unwrap();
    book.post(&mei, &retail_return(Some("2026-11-10T12:00:00"), &s.doc_no, "1"), now).unwrap();
    let z = book.close_day(&mei, &day(None, "0", None), now).unwrap();
    // First return: 105.00 back to the card (all the card paid); second: 105.00 in cash.
    assert_eq!(z.methods[1].refunds, "105.00");
    assert_eq!(z.methods[0].refunds, "105.00");
    // Expected cash: 0 + 210 kept − 105 refunded = 105.00; nothing counted: 105.00 missing.
    assert_eq!(z.expected_cash, "105.00");
    assert_eq!(z.difference, "-105.00");
}

#[test]
fn bad_input_to_the_daily_close_names_its_field_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut book, owner, mei) = stall(&dir, dubai("2026-11-10T08:00:00"));
    let now = dubai("2026-11-10T20:00:00");
    let cases: Vec<(DayCloseInput, &str, &str)> = vec![
        (day(None, "-5", None), "invalid-input", "counted"),
        (day(None, "abc", None), "invalid-input", "counted"),
        (day(None, "10.001", None), "invalid-input", "counted"),
        (day(None, "10", Some("-1")), "invalid-input", "float"),
        (day(Some("10/11/2026"), "10", None), "invalid-input", "date"),
        (day(Some("2026-11-11"), "10", None), "invalid-input", "date"),
        (DayCloseInput { device: Some("ZZ".into()), ..day(None, "10", None) }, "unknown-device", "device"),
    ];
    for (input, code, field) in cases {
        let e = book.close_day(&mei, &input, now).unwrap_err();
        assert_eq!((e.code(), e.field()), (code, Some(field)), "{input:?}");
    }
    let warehouse = book
        .add_user(
            &owner,
            &NewUser { username: "ali".into(), display_name: None, role: Role::Warehouse, locale: None },
            now,
        )
        .unwrap();
    let e = book.close_day(&warehouse, &day(None, "10", None), now).unwrap_err();
    assert_eq!(e.code(), "permission-denied");
    let zs: i64 = book.connection().query_row("SELECT count(*) FROM day_closes", [], |r| r.get(0)).unwrap();
    assert_eq!(zs, 0);
    // The till is known by its series prefix as well as its id.
    let by_prefix = DayCloseInput { device: Some("a".into()), ..day(None, "0", None) };
    assert_eq!(book.close_day(&mei, &by_prefix, now).unwrap().doc_no, "Z-A-000001");
}

/// Everything a refused document could have touched.
fn state(book: &Book) -> Vec<i64> {
    let c = book.connection();
    let q = |sql: &str| c.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
    vec![
        q("SELECT count(*) FROM documents"),
        q("SELECT count(*) FROM document_lines"),
        q("SELECT count(*) FROM movements"),
        q("SELECT count(*) FROM payments"),
        q("SELECT count(*) FROM buyer_payments"),
        q("SELECT count(*) FROM audit_log"),
        q("SELECT count(*) FROM day_closes"),
        q("SELECT COALESCE(SUM(qty_base), 0) FROM stock_balances"),
        q("SELECT last_number FROM series WHERE series = 'S-A'"),
        q("SELECT count(*) FROM documents WHERE status = 'to_receive'"),
    ]
}

#[test]
fn a_closed_month_refuses_every_kind_of_document_and_corrections_go_into_the_open_month() {
    let dir = tempfile::tempdir().unwrap();
    let (mut book, owner, mei) = stall(&dir, dubai("2026-10-01T08:00:00"));
    let oct = dubai("2026-10-25T18:00:00");
    book.post(&owner, &receipt("2026-10-02T09:00:00", "10"), oct).unwrap();
    let ticket = book.post(&mei, &sale("2026-10-20T10:00:00", "2", vec![pay("cash", "210")]), oct).unwrap();
    let inv = book.post(&owner, &invoice("2026-10-21T10:00:00"), oct).unwrap();
    let cn = book.post(&owner, &wholesale_return("2026-10-25T10:00:00", &inv.doc_no), oct).unwrap();
    assert_eq!(cn.status, "to_receive");

    let now = dubai("2026-11-05T10:00:00");
    // Only the owner closes a month; a month that is not over cannot be closed; bad text is refused.
    assert_eq!(book.close_month(&mei, "2026-10", now).unwrap_err().code(), "permission-denied");
    for (text, code) in [("2026-11", "month-not-over"), ("2026-13", "invalid-input"), ("October", "invalid-input")] {
        let e = book.close_month(&owner, text, now).unwrap_err();
        assert_eq!((e.code(), e.field()), (code, Some("month")), "{text}");
    }
    assert_eq!(book.closed_through().unwrap(), None);

    let closed = book.close_month(&owner, "2026-10", now).unwrap();
    assert_eq!(closed.month, "2026-10");
    assert_eq!(closed.locked_before, dubai("2026-11-01T00:00:00").to_db());
    assert_eq!(closed.closed_by, "owner");
    assert_eq!(book.closed_through().unwrap().as_deref(), Some("2026-10"));
    let audit = book.audit_list(&owner).unwrap();
    let entry = audit.iter().find(|e| e.action == "period-close").expect("the close is audited");
    assert_eq!((entry.subject.as_str(), entry.username.as_str()), ("2026-10", "owner"));
    assert!(book.audit_verify(&owner).unwrap().ok);

    // Every kind dated into October (or September, closed with it) is refused, naming the
    // period and the date, and nothing changes.
    let before = state(&book);
    let last_of_oct = "2026-10-31T12:00:00";
    let drafts = vec![
        sale(last_of_oct, "1", vec![pay("cash", "105")]),
        invoice(last_of_oct),
        retail_return(Some(last_of_oct), &ticket.doc_no, "1"),
        wholesale_return(last_of_oct, &inv.doc_no),
        receive(last_of_oct, &cn.doc_no),
        receipt(last_of_oct, "1"),
        count(last_of_oct, "5"),
        receipt("2026-09-15T12:00:00", "1"),
    ];
    for draft in &drafts {
        let e = book.post(&owner, draft, now).unwrap_err();
        assert_eq!((e.code(), e.field()), ("period-closed", Some("date")), "{draft:?}");
        assert!(book.quote(&owner, draft, now).is_err(), "a quote is refused too: {draft:?}");
    }
    let e = book.post(&owner, &sale(last_of_oct, "1", vec![pay("cash", "105")]), now).unwrap_err();
    assert_eq!(
        e,
        Error::PeriodClosed {
            field: "date".into(),
            date: "2026-10-31".into(),
            month: "2026-10".into(),
            closed_through: "2026-10".into()
        }
    );
    assert!(e.message(Locale::ZhCn).contains("2026-10"));
    let payment = PaymentInput {
        buyer: "B1".into(),
        amount: d("100"),
        method: "bank".into(),
        invoices: vec![],
        reference: None,
        date: Some(last_of_oct.into()),
        currency: None,
    };
    let e = book.record_payment(&owner, &payment, now).unwrap_err();
    assert_eq!((e.code(), e.field()), ("period-closed", Some("date")));
    let e = book.close_day(&mei, &day(Some("2026-10-20"), "0", None), now).unwrap_err();
    assert_eq!((e.code(), e.field()), ("period-closed", Some("date")));
    assert_eq!(state(&book), before, "refusals leave the book unchanged");

    // Closing a month already inside the closed period is refused; it cannot be undone either.
    for month in ["2026-10", "2026-09"] {
        let e = book.close_month(&owner, month, now).unwrap_err();
        assert_eq!((e.code(), e.field()), ("period-already-closed", Some("month")));
    }
    assert!(book.connection().execute("DELETE FROM period_closes", []).is_err());

    // Corrections go into the open period: today's return of goods sold in October, the credit
    // note received today, a payment and a sale of today.
    let rr = book.post(&mei, &retail_return(None, &ticket.doc_no, "1"), now).unwrap();
    assert_eq!(rr.refers_to.as_deref(), Some(ticket.doc_no.as_str()));
    assert!(rr.occurred_at >= dubai("2026-11-01T00:00:00").to_db());
    book.post(&owner, &receive("2026-11-05T10:00:00", &cn.doc_no), now).unwrap();
    book.record_payment(&owner, &PaymentInput { date: None, ..payment }, now).unwrap();
    book.post(&mei, &sale("2026-11-05T10:00:00", "1", vec![pay("cash", "105")]), now).unwrap();
    assert!(book.invariant_violations().unwrap().is_empty());

    // Closing December later closes November with it.
    let january = dubai("2027-01-03T10:00:00");
    let closed = book.close_month(&owner, "2026-12", january).unwrap();
    assert_eq!(closed.previously_closed_through.as_deref(), Some("2026-10"));
    let e = book.post(&owner, &receipt("2026-11-20T12:00:00", "1"), january).unwrap_err();
    assert_eq!(e.code(), "period-closed");
}

// ---------------------------------------------------------------------------------------------
// The real binary

use common::{json, ok, onebook};

#[test]
fn the_cli_closes_the_day_shows_the_z_and_closes_last_month() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.sqlite3");
    ok(onebook(&db, &["init", "--shop", "Dragon Mart 101", "--currency", "AED", "--vat", "5", "--tz", "Asia/Dubai"]));
    ok(onebook(&db, &["user", "add", "mei", "--role", "cashier"]));
    let csv = dir.path().join("products.csv");
    std::fs::write(&csv, "sku,name,units,retail_prices\nRC,Rice cooker,carton=6,piece=105.00\n").unwrap();
    ok(onebook(&db, &["import", "products", csv.to_str().unwrap()]));
    let post = |user: &str, doc: &str| {
        let file = dir.path().join("doc.json");
        std::fs::write(&file, doc).unwrap();
        onebook(&db, &["--user", user, "--json", "post", file.to_str().unwrap()])
    };
    json(post("owner", r#"{"kind":"receipt","lines":[{"sku":"RC","qty":2,"unit":"carton","unit_cost":"300"}]}"#));
    // 2 pieces = 210.00: card 100.00 and 150.00 cash given, 40.00 change (the drawer keeps 110.00).
    let s1 = json(post(
        "mei",
        r#"{"kind":"sale","lines":[{"sku":"RC","qty":2}],"payments":[{"method":"card","amount":"100"},{"method":"cash","amount":"150"}]}"#,
    ));
    assert_eq!(s1["change"], "40.00");
    // 1 piece = 105.00 in exact cash; then one piece of it comes back: 105.00 cash refund.
    let s2 = json(post("mei", r#"{"kind":"sale","lines":[{"sku":"RC","qty":1}]}"#));
    let ret = format!(
        r#"{{"kind":"retail_return","ticket":"{}","lines":[{{"line":1,"qty":1}}]}}"#,
        s2["doc_no"].as_str().unwrap()
    );
    json(post("mei", &ret));

    // Bad input is refused with its field; nothing is written.
    let bad = onebook(&db, &["--user", "mei", "--json", "close", "day", "--counted", "-5"]);
    assert_eq!(bad.status.code(), Some(1));
    let err: serde_json::Value = serde_json::from_slice(&bad.stderr).unwrap();
    assert_eq!(
        (err["error"]["code"].as_str(), err["error"]["field"].as_str()),
        (Some("invalid-input"), Some("counted"))
    );

    // Float 100.00; cash kept 110 + 105 = 215; expected 100 + 215 − 105 = 210.00; counted 205.00: 5.00 short.
    let z = json(onebook(&db, &["--user", "mei", "--json", "close", "day", "--counted", "205", "--float", "100"]));
    assert_eq!(z["doc_no"], "Z-A-000001");
    assert_eq!(z["sales_count"], 2);
    assert_eq!(z["sales_gross"], "315.00");
    assert_eq!(
        z["methods"][0],
        serde_json::json!({"method": "cash", "sales": "215.00", "refunds": "105.00", "net": "110.00"})
    );
    assert_eq!(
        z["methods"][1],
        serde_json::json!({"method": "card", "sales": "100.00", "refunds": "0.00", "net": "100.00"})
    );
    assert_eq!(z["change_given"], "40.00");
    assert_eq!(z["returns_gross"], "105.00");
    assert_eq!(z["expected_cash"], "210.00");
    assert_eq!(z["counted_cash"], "205.00");
    assert_eq!(z["difference"], "-5.00");
    // Shown again, the same report; as text, in the cashier's words.
    assert_eq!(json(onebook(&db, &["--json", "close", "show", "Z-A-000001"])), z);
    let text = ok(onebook(&db, &["close", "show", "Z-A-000001"]));
    assert!(text.contains("Z report Z-A-000001"), "{text}");
    assert!(text.contains("Expected cash in drawer") && text.contains("210.00") && text.contains("-5.00"), "{text}");
    let zh = ok(onebook(&db, &["--lang", "zh-CN", "close", "show", "Z-A-000001"]));
    assert!(zh.contains("钱箱应有现金"), "{zh}");

    // Months: a cashier may not close one; bad text names the field; last month closes.
    let denied = onebook(&db, &["--user", "mei", "close", "month", "2020-01"]);
    assert_eq!(denied.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&denied.stderr).contains("[permission-denied]"));
    let bad = onebook(&db, &["--json", "close", "month", "2026-13"]);
    let err: serde_json::Value = serde_json::from_slice(&bad.stderr).unwrap();
    assert_eq!((err["error"]["code"].as_str(), err["error"]["field"].as_str()), (Some("invalid-input"), Some("month")));
    use chrono::Datelike;
    let today = chrono::Utc::now().with_timezone(&chrono_tz::Asia::Dubai).date_naive();
    let last_month = today.with_day(1).unwrap().pred_opt().unwrap();
    let label = format!("{:04}-{:02}", last_month.year(), last_month.month());
    let closed = json(onebook(&db, &["--json", "close", "month", &label]));
    assert_eq!(closed["month"], label.as_str());
    let twice = onebook(&db, &["close", "month", &label]);
    assert_eq!(twice.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&twice.stderr).contains("[period-already-closed]"));
    let audit = ok(onebook(&db, &["audit", "list"]));
    assert!(audit.contains("period-close"), "{audit}");
    // A sale dated into the closed month is refused with the period and the field.
    let dated = format!(r#"{{"kind":"sale","date":"{}T12:00:00","lines":[{{"sku":"RC","qty":1}}]}}"#, last_month);
    let refused = post("mei", &dated);
    assert_eq!(refused.status.code(), Some(1));
    let err: serde_json::Value = serde_json::from_slice(&refused.stderr).unwrap();
    assert_eq!((err["error"]["code"].as_str(), err["error"]["field"].as_str()), (Some("period-closed"), Some("date")));
    assert!(err["error"]["message"].as_str().unwrap().contains(&label));
}

/// A void of `pieces` of RC as the till sends it (`scope`: `line` or `sale`).
fn void_draft(scope: &str, lines: &[&str], reason: &str) -> onebook::voids::VoidDraft {
    let lines: Vec<String> = lines.iter().map(|q| format!(r#"{{"sku":"RC","qty":{q}}}"#)).collect();
    let json = format!(r#"{{"scope":"{scope}","lines":[{}],"reason":"{reason}"}}"#, lines.join(","));
    onebook::voids::VoidDraft::from_json(&json).unwrap()
}

#[test]
fn the_z_report_shows_returns_and_voids_beside_cash_card_and_split_payments() {
    let dir = tempfile::tempdir().unwrap();
    let (mut book, owner, mei) = stall(&dir, dubai("2026-11-10T08:00:00"));
    let now = dubai("2026-11-10T20:00:00");
    book.post(&owner, &receipt("2026-11-10T08:30:00", "5"), now).unwrap();
    let price = d("105.00");
    let piece = |n: i64| price * Decimal::from(n);
    // A line of 2 pieces scanned by mistake is voided before the first sale is paid.
    let on_hand = book.stock("RC").unwrap().on_hand;
    let v1 = book.void(&mei, &void_draft("line", &["2"], "scanned twice"), dubai("2026-11-10T09:55:00")).unwrap();
    assert_eq!((v1.gross.as_str(), v1.user.as_str(), v1.lines.len()), ("210.00", "mei", 1));
    assert_eq!(book.stock("RC").unwrap().on_hand, on_hand, "a void moves no stock");
    // Cash: 2 pieces, 250 given. Card: 1 piece. Split: 3 pieces, card 100, e-wallet 15, cash 250.
    let s1 = book.post(&mei, &sale("2026-11-10T10:00:00", "2", vec![pay("cash", "250")]), now).unwrap();
    book.post(&mei, &sale("2026-11-10T11:00:00", "1", vec![pay("card", "105")]), now).unwrap();
    let split = vec![pay("card", "100"), pay("ewallet", "15"), pay("cash", "250")];
    book.post(&mei, &sale("2026-11-10T12:00:00", "3", split), now).unwrap();
    // A whole open sale of two lines (1 and 3 pieces) is cancelled: the buyer walked away.
    let v2 = book.void(&mei, &void_draft("sale", &["1", "3"], "customer left"), dubai("2026-11-10T13:00:00")).unwrap();
    assert_eq!(v2.lines.len(), 2);
    // One piece of the cash sale comes back.
    book.post(&mei, &retail_return(Some("2026-11-10T15:00:00"), &s1.doc_no, "1"), now).unwrap();

    // Refused voids change nothing: no reason, two lines for a line void, a warehouse hand.
    let count_voids =
        |b: &Book| b.connection().query_row("SELECT count(*) FROM voids", [], |r| r.get::<_, i64>(0)).unwrap();
    let before = count_voids(&book);
    let e = book.void(&mei, &void_draft("line", &["1"], " "), now).unwrap_err();
    assert_eq!((e.code(), e.field()), ("invalid-input", Some("reason")));
    let e = book.void(&mei, &void_draft("line", &["1", "1"], "x"), now).unwrap_err();
    assert_eq!(e.field(), Some("lines"));
    let w = NewUser { username: "ali".into(), display_name: None, role: Role::Warehouse, locale: None };
    let ali = book.add_user(&owner, &w, now).unwrap();
    assert_eq!(book.void(&ali, &void_draft("line", &["1"], "x"), now).unwrap_err().code(), "permission-denied");
    assert_eq!(count_voids(&book), before);
    // A void is kept as it was written.
    assert!(book.connection().execute("UPDATE voids SET gross_minor = 0", []).is_err());
    assert!(book.connection().execute("DELETE FROM void_lines", []).is_err());

    let counted = "1000";
    let z = book.close_day(&mei, &day(None, counted, Some("100")), now).unwrap();
    // Every figure worked out from what was rung up above.
    let money = |v: Decimal| format!("{:.2}", v);
    assert_eq!(z.sales_count, 3);
    assert_eq!(z.sales_gross, money(piece(2 + 1 + 3)));
    // The drawer keeps what cash paid of each ticket (the rest of 250 given went back as change).
    let cash_kept = piece(2) + (piece(3) - d("100") - d("15"));
    let card = piece(1) + d("100");
    assert_eq!(z.methods[0].sales, money(cash_kept));
    assert_eq!(z.methods[1].sales, money(card));
    assert_eq!(z.methods[2].sales, money(d("15")));
    assert_eq!((z.returns_count, z.returns_gross.as_str()), (1, money(piece(1)).as_str()));
    assert_eq!(z.methods[0].refunds, money(piece(1)), "the cash ticket is refunded in cash");
    assert_eq!(z.voids_count, 2);
    assert_eq!(z.voids_gross, money(piece(2) + piece(1) + piece(3)));
    // Voids move no money: expected cash is float + cash kept − the cash refund.
    let expected = d("100") + cash_kept - piece(1);
    assert_eq!(z.expected_cash, money(expected));
    assert_eq!(z.difference, money(d(counted) - expected));

    // The Z document keeps its voids, and the printed Z and `close show` say them.
    assert_eq!(book.day_close(&owner, &z.doc_no).unwrap(), z);
    let options = onebook::devices::ReceiptOptions {
        paper: onebook::devices::Paper::Mm80,
        locale: Locale::En,
        kick_drawer: false,
    };
    let printed = onebook::devices::receipt::render_day_close(&z, &options).unwrap();
    let printed = String::from_utf8_lossy(&printed);
    assert!(printed.contains("Voids (2)"), "{printed}");
    assert!(printed.contains(&money(piece(6))), "{printed}");
    drop(book);
    let db = dir.path().join("shop.sqlite3");
    let shown = common::ok(common::onebook(&db, &["close", "show", &z.doc_no]));
    let line = shown.lines().find(|l| l.starts_with("Voids")).unwrap_or_else(|| panic!("no voids line in\n{shown}"));
    assert!(line.ends_with(&format!("2 / {}", money(piece(6)))), "{line}");
}

#[test]
fn a_void_is_recorded_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let (mut book, owner, _) = stall(&dir, dubai("2026-11-10T08:00:00"));
    book.post(&owner, &receipt("2026-11-10T08:30:00", "1"), dubai("2026-11-10T09:00:00")).unwrap();
    drop(book);
    let db = dir.path().join("shop.sqlite3");
    let file = dir.path().join("void.json");
    // A carton has no retail price of its own: the till sends the price it showed.
    let line = r#"{"sku":"RC","qty":1,"unit":"carton","price":"600"}"#;
    std::fs::write(&file, format!(r#"{{"scope":"line","lines":[{line}],"reason":"wrong unit"}}"#)).unwrap();
    let v = common::json(common::onebook(&db, &["--json", "--user", "mei", "void", file.to_str().unwrap()]));
    assert_eq!(v["scope"], "line");
    assert_eq!(v["user"], "mei");
    assert_eq!(v["reason"], "wrong unit");
    assert_eq!(v["lines"][0]["qty_base"], 6);
    assert_eq!(v["gross"], "600.00");
    // A void is a sensitive act: the audit trail has who, what was voided and why, and the chain holds.
    let trail = common::json(common::onebook(&db, &["--json", "audit", "list"]));
    let entry = trail.as_array().unwrap().iter().find(|e| e["action"] == "void").expect("the void's audit entry");
    assert_eq!(entry["username"], "mei");
    assert_eq!(entry["reason"], "wrong unit");
    let before: serde_json::Value = serde_json::from_str(entry["before"].as_str().unwrap()).unwrap();
    assert_eq!(before["lines"][0]["sku"], "RC");
    assert_eq!(before["lines"][0]["unit"], "carton");
    assert_eq!(before["gross"], "600.00");
    assert_eq!(common::json(common::onebook(&db, &["--json", "audit", "verify"]))["ok"], true);
    // No reason: refused, naming the field.
    std::fs::write(&file, r#"{"scope":"line","lines":[{"sku":"RC","qty":2}],"reason":""}"#).unwrap();
    let out = common::onebook(&db, &["--json", "--user", "mei", "void", file.to_str().unwrap()]);
    assert!(!out.status.success());
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["error"]["field"], "reason");
}
