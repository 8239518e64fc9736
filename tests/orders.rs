//! Quotes and open wholesale orders (issue 7): an order reserves its stock against the till and
//! every other buyer; delivering part of it releases exactly what was delivered; full delivery
//! closes it; a cancel releases the rest; over-delivery is refused with nothing written; a quote
//! reserves nothing; only the owner manages and delivers orders. Through the library and the CLI.
//!
//! The shop: a rice cooker sold by the piece (60.00 retail) and the carton of 24 (1 000.00
//! wholesale, or 45.00 a loose piece, VAT 5 % on top), 10 pieces kept back from the till for
//! wholesale (the floor).

use std::process::Output;

use onebook::document::*;
use onebook::open_orders::{DeliverLine, OrderDraft};
use onebook::{Actor, Book, BuyerTerms, Customer, Error, NewUser, ProductInput, Role, ShopSetup, Terms, Timestamp};
use rust_decimal::Decimal;

mod common;

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

/// Pieces in a carton, and the floor kept from the till.
const CARTON: i64 = 24;
const FLOOR: i64 = 10;

struct Shop {
    _dir: tempfile::TempDir,
    book: Book,
    owner: Actor,
    cashier: Actor,
    accountant: Actor,
    warehouse: Actor,
}

fn shop(cartons: i64) -> Shop {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Book::open(dir.path().join("shop.sqlite3")).unwrap();
    let now = Timestamp::now();
    let owner = book.init(&ShopSetup::new("Order Stall", "AED", d("5"), "Asia/Dubai"), now).unwrap();
    let user = |name: &str, role| NewUser { username: name.into(), display_name: None, role, locale: None };
    let cashier = book.add_user(&owner, &user("mei", Role::Cashier), now).unwrap();
    let accountant = book.add_user(&owner, &user("lina", Role::Accountant), now).unwrap();
    let warehouse = book.add_user(&owner, &user("omar", Role::Warehouse), now).unwrap();
    book.upsert_product(
        &owner,
        ProductInput {
            sku: "RC".into(),
            name: "Rice cooker".into(),
            base_unit: "piece".into(),
            vat_rate_pct: Some(d("5")),
            retail_reserve: Some(FLOOR),
            allow_negative: false,
            category: None,
            units: vec![("carton".into(), CARTON)],
            barcodes: vec![],
            retail_prices: vec![("piece".into(), d("60.00"))],
            wholesale_prices: vec![("carton".into(), d("1000.00")), ("piece".into(), d("45.00"))],
        },
        now,
    )
    .unwrap();
    for (code, limit) in [("B1", None), ("B2", None), ("TIGHT", Some(d("1000")))] {
        let c = Customer {
            code: code.into(),
            name: format!("{code} Trading"),
            tax_number: None,
            payment_terms_days: 0,
            locale: None,
        };
        let terms = BuyerTerms { tier: None, credit_limit: limit, terms: Some(Terms::Net { days: 30 }) };
        book.add_buyer(&owner, &c, &terms, now).unwrap();
    }
    let receipt = DocumentDraft::Receipt(ReceiptDraft {
        date: None,
        supplier: None,
        lines: vec![ReceiptLine {
            sku: Some("RC".into()),
            barcode: None,
            qty: Decimal::from(cartons),
            unit: Some("carton".into()),
            unit_cost: d("700"),
        }],
        note: None,
    });
    book.post(&owner, &receipt, now).unwrap();
    Shop { _dir: dir, book, owner, cashier, accountant, warehouse }
}

fn order_draft(buyer: &str, cartons: &str) -> OrderDraft {
    OrderDraft::from_json(&format!(
        r#"{{"buyer":"{buyer}","lines":[{{"sku":"RC","qty":"{cartons}","unit":"carton"}}]}}"#
    ))
    .unwrap()
}

fn sale(pieces: i64) -> DocumentDraft {
    DocumentDraft::from_json(&format!(r#"{{"kind":"sale","lines":[{{"sku":"RC","qty":{pieces}}}]}}"#)).unwrap()
}

fn invoice(buyer: &str, pieces: i64) -> DocumentDraft {
    DocumentDraft::from_json(&format!(
        r#"{{"kind":"invoice","buyer":"{buyer}","lines":[{{"sku":"RC","qty":{pieces}}}]}}"#
    ))
    .unwrap()
}

impl Shop {
    /// What the till would do with a sale of `pieces` (the same checks as posting, rolled back).
    fn till_takes(&mut self, pieces: i64) -> onebook::Result<()> {
        self.book.quote(&self.cashier, &sale(pieces), Timestamp::now()).map(drop)
    }

    fn stock(&self) -> onebook::StockView {
        self.book.stock("RC").unwrap()
    }

    /// Every row of every table, as text: what "nothing was written" is compared on.
    fn dump(&self) -> Vec<String> {
        let conn = self.book.connection();
        let mut st = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .unwrap();
        let tables: Vec<String> = st.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
        let mut out = vec![];
        for t in tables {
            let mut st = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
            let n = st.column_count();
            let mut rows = st.query([]).unwrap();
            while let Some(r) = rows.next().unwrap() {
                let cells: Vec<String> = (0..n).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect();
                out.push(format!("{t}: {}", cells.join("|")));
            }
        }
        out.sort();
        out
    }
}

#[test]
fn an_order_reserves_its_units_against_the_till_and_other_buyers_and_delivery_releases_exactly_what_left() {
    let mut s = shop(5);
    let on_hand = 5 * CARTON; // 120 pieces
    let ordered = 3 * CARTON; // 72 pieces
    let now = Timestamp::now();
    // Before any order the till may sell everything above the floor.
    assert_eq!(s.stock().available_retail, Some(on_hand - FLOOR));

    let order = s.book.place_order(&s.owner, &order_draft("B1", "3"), now).unwrap();
    assert!(order.doc_no.starts_with("O-A-"), "{}", order.doc_no);
    assert_eq!((order.status.as_str(), order.reserved), ("open", ordered));
    // 3 cartons at the wholesale list price, VAT 5 % on top.
    assert_eq!((order.net.as_str(), order.vat.as_str(), order.gross.as_str()), ("3000.00", "150.00", "3150.00"));

    // The till sees the reservation and refuses the reserved units, with the figures.
    let v = s.stock();
    let till_can = on_hand - ordered - FLOOR; // 38
    assert_eq!((v.on_hand, v.reserved_by_orders), (on_hand, ordered));
    assert_eq!(v.available_retail, Some(till_can));
    assert_eq!(v.available_wholesale, Some(on_hand - ordered));
    s.till_takes(till_can).unwrap();
    match s.till_takes(till_can + 1).unwrap_err() {
        Error::ReservedByOrders { sku, on_hand: h, reserved, reserve, available, requested, base_unit } => {
            assert_eq!((sku.as_str(), base_unit.as_str()), ("RC", "piece"));
            assert_eq!((h, reserved, reserve, available, requested), (on_hand, ordered, FLOOR, till_can, till_can + 1));
        }
        other => panic!("expected the order's reservation, got {other:?}"),
    }
    let e = s.till_takes(till_can + 1).unwrap_err();
    assert_eq!(e.code(), "reserved-by-orders");
    let msg = e.message(onebook::Locale::En);
    for figure in ["120", "72", "38", "39"] {
        assert!(msg.contains(figure), "{msg}");
    }
    // Another buyer's invoice may take the unreserved stock down to zero, not one unit of the order.
    let others_can = on_hand - ordered; // 48
    s.book.quote(&s.owner, &invoice("B2", others_can), now).unwrap();
    match s.book.post(&s.owner, &invoice("B2", others_can + 1), now).unwrap_err() {
        Error::ReservedByOrders { reserved, reserve, available, requested, .. } => {
            assert_eq!((reserved, reserve, available, requested), (ordered, 0, others_can, others_can + 1))
        }
        other => panic!("expected the order's reservation, got {other:?}"),
    }

    // Deliver one carton of the three: an invoice at the order's price, and exactly 24 released.
    let before = s.stock();
    let d1 = s
        .book
        .deliver_order(&s.owner, &order.doc_no, &[DeliverLine { line: 1, qty: d("1") }], &Default::default(), now)
        .unwrap();
    assert_eq!(d1.invoice.kind, onebook::Kind::Invoice);
    assert_eq!(d1.invoice.buyer.as_deref(), Some("B1"));
    assert_eq!(d1.invoice.note.as_deref(), Some(order.doc_no.as_str()));
    assert_eq!((d1.invoice.lines[0].qty.as_str(), d1.invoice.lines[0].unit.as_str()), ("1", "carton"));
    assert_eq!((d1.invoice.net.as_str(), d1.invoice.gross.as_str()), ("1000.00", "1050.00"));
    assert_eq!((d1.order.status.as_str(), d1.order.reserved), ("open", ordered - CARTON));
    assert_eq!((d1.order.lines[0].delivered, d1.order.lines[0].remaining), (CARTON, ordered - CARTON));
    let after = s.stock();
    assert_eq!(after.on_hand, before.on_hand - CARTON);
    assert_eq!(after.reserved_by_orders, before.reserved_by_orders - CARTON);
    // The delivered carton left the shop and its reservation with it: the till's share is exactly
    // what it was (38), neither less (nothing released) nor more (released twice).
    assert_eq!(after.available_retail, Some(till_can));
    s.till_takes(till_can).unwrap();
    assert_eq!(s.till_takes(till_can + 1).unwrap_err().code(), "reserved-by-orders");

    // A real sale of the till's share, then the rest of the order delivered (the default: all left).
    s.book.post(&s.cashier, &sale(till_can), now).unwrap();
    let d2 = s.book.deliver_order(&s.owner, &order.doc_no, &[], &Default::default(), now).unwrap();
    assert_eq!((d2.invoice.lines[0].qty.as_str(), d2.invoice.gross.as_str()), ("2", "2100.00"));
    assert_eq!((d2.order.status.as_str(), d2.order.reserved), ("delivered", 0));
    assert_eq!(d2.order.events.len(), 2);
    let v = s.stock();
    let left = on_hand - ordered - till_can; // 10: exactly the floor
    assert_eq!((v.on_hand, v.reserved_by_orders, v.available_retail), (left, 0, Some(0)));
    assert!(v.reserved_for_wholesale, "the till shows the floor as reserved");
    // A delivered order is closed.
    let e = s.book.deliver_order(&s.owner, &order.doc_no, &[], &Default::default(), now).unwrap_err();
    assert_eq!(e, Error::OrderClosed { doc_no: order.doc_no.clone(), status: "delivered".into() });
    assert!(s.book.invariant_violations().unwrap().is_empty());
}

#[test]
fn over_delivery_is_refused_with_nothing_written_and_a_cancel_releases_the_rest() {
    let mut s = shop(4);
    let now = Timestamp::now();
    let order = s.book.place_order(&s.owner, &order_draft("B1", "2"), now).unwrap();
    s.book
        .deliver_order(&s.owner, &order.doc_no, &[DeliverLine { line: 1, qty: d("0.5") }], &Default::default(), now)
        .unwrap();
    let dump = s.dump();
    // 12 of 48 delivered: 36 left, so 1.75 cartons (42) is too many.
    let e = s
        .book
        .deliver_order(&s.owner, &order.doc_no, &[DeliverLine { line: 1, qty: d("1.75") }], &Default::default(), now)
        .unwrap_err();
    assert_eq!(
        e,
        Error::OverDelivery {
            field: "lines[0].qty".into(),
            doc_no: order.doc_no.clone(),
            line: 1,
            sku: "RC".into(),
            ordered: 2 * CARTON,
            delivered: CARTON / 2,
            requested: 42,
        }
    );
    // Two lines adding up past what is left, an unknown line, a fraction of a piece: all refused.
    let two = [DeliverLine { line: 1, qty: d("1") }, DeliverLine { line: 1, qty: d("1") }];
    assert_eq!(
        s.book.deliver_order(&s.owner, &order.doc_no, &two, &Default::default(), now).unwrap_err().code(),
        "over-delivery"
    );
    let e = s.book.deliver_order(
        &s.owner,
        &order.doc_no,
        &[DeliverLine { line: 2, qty: d("1") }],
        &Default::default(),
        now,
    );
    assert_eq!(e.unwrap_err().code(), "unknown-line");
    let e = s.book.deliver_order(
        &s.owner,
        &order.doc_no,
        &[DeliverLine { line: 1, qty: d("0.01") }],
        &Default::default(),
        now,
    );
    assert_eq!(e.unwrap_err().code(), "fractional-base-qty");
    assert_eq!(s.dump(), dump, "a refused delivery writes nothing");

    // Cancel: exactly what was left (36) comes back to the till.
    let before = s.stock();
    assert_eq!(s.book.cancel_order(&s.owner, &order.doc_no, "  ", now).unwrap_err().code(), "invalid-input");
    let cancelled = s.book.cancel_order(&s.owner, &order.doc_no, "buyer changed his mind", now).unwrap();
    assert_eq!((cancelled.status.as_str(), cancelled.reserved), ("cancelled", 0));
    assert_eq!((cancelled.lines[0].delivered, cancelled.lines[0].cancelled), (12, 36));
    assert_eq!(cancelled.events.last().unwrap().reason.as_deref(), Some("buyer changed his mind"));
    let after = s.stock();
    assert_eq!(after.on_hand, before.on_hand);
    assert_eq!(after.reserved_by_orders, before.reserved_by_orders - 36);
    assert_eq!(after.available_retail, before.available_retail.map(|a| a + 36));
    let e = s.book.cancel_order(&s.owner, &order.doc_no, "again", now).unwrap_err();
    assert_eq!(e.code(), "order-closed");
    let listed = s.book.orders(true, None, now).unwrap();
    assert!(listed.is_empty(), "no open order is left: {listed:?}");
}

#[test]
fn a_quote_reserves_nothing_until_accepted_at_its_own_prices() {
    let mut s = shop(5);
    let now = Timestamp::now();
    let before = s.stock();
    let quote = s.book.save_quote(&s.owner, &order_draft("B1", "4"), now).unwrap();
    assert!(quote.doc_no.starts_with("Q-A-"), "{}", quote.doc_no);
    assert_eq!((quote.status.as_str(), quote.reserved), ("quoted", 0));
    let today = onebook::time::local_date(now, chrono_tz::Asia::Dubai);
    assert_eq!(quote.valid_until, Some((today + chrono::Duration::days(30)).format("%Y-%m-%d").to_string()));
    let v = s.stock();
    assert_eq!((v.reserved_by_orders, v.available_retail), (0, before.available_retail));
    // The whole floor-free stock still goes to the till (a rolled-back check).
    s.till_takes(5 * CARTON - FLOOR).unwrap();

    // The buyer's own price drops after the quote: the accepted order keeps the quoted price.
    let rule = onebook::pricing::PriceRuleInput {
        scope: onebook::pricing::PriceScope::Buyer("B1".into()),
        product: "RC".into(),
        unit: Some("carton".into()),
        price: d("900"),
        min_qty: None,
        effective_from: None,
    };
    s.book.set_price(&s.owner, &rule, now).unwrap();
    let order = s.book.accept_quote(&s.owner, &quote.doc_no, now).unwrap();
    assert_eq!(
        (order.status.as_str(), order.reserved, order.quote.as_deref()),
        ("open", 4 * CARTON, Some(quote.doc_no.as_str()))
    );
    assert_eq!((order.lines[0].unit_price.as_str(), order.gross.as_str()), ("1000", "4200.00"));
    assert_eq!(s.stock().reserved_by_orders, 4 * CARTON);
    let q = s.book.order(&quote.doc_no, now).unwrap();
    assert_eq!((q.status.as_str(), q.order.as_deref()), ("accepted", Some(order.doc_no.as_str())));
    let e = s.book.accept_quote(&s.owner, &quote.doc_no, now).unwrap_err();
    assert_eq!(e, Error::QuoteAlreadyAccepted { doc_no: quote.doc_no.clone(), order: order.doc_no.clone() });
    // Delivered at the order's price, with the basis it had, not the buyer's new 900.
    let del = s
        .book
        .deliver_order(&s.owner, &order.doc_no, &[DeliverLine { line: 1, qty: d("1") }], &Default::default(), now)
        .unwrap();
    assert_eq!(del.invoice.lines[0].unit_price.as_deref(), Some("1000"));
    assert_eq!(del.invoice.lines[0].price_basis.as_ref().map(|b| b.source.as_str()), Some("wholesale_list"));
    assert!(!del.invoice.lines[0].price_overridden);

    // A second order cannot reserve more than the first leaves: 5 cartons on hand, 3 reserved.
    let e = s.book.place_order(&s.owner, &order_draft("B2", "2"), now).unwrap_err();
    match e {
        Error::ReservedByOrders { on_hand, reserved, available, requested, .. } => {
            assert_eq!((on_hand, reserved, available, requested), (4 * CARTON, 3 * CARTON, CARTON, 2 * CARTON))
        }
        other => panic!("expected the reservation, got {other:?}"),
    }
    // An expired quote is refused.
    let q2 = s.book.save_quote(&s.owner, &order_draft("B2", "1"), now).unwrap();
    let later = now.add_days(40);
    let e = s.book.accept_quote(&s.owner, &q2.doc_no, later).unwrap_err();
    assert_eq!(e.code(), "quote-expired");
    assert_eq!(s.book.order(&q2.doc_no, later).unwrap().status, "expired");
}

#[test]
fn a_delivery_meets_the_credit_check_like_any_invoice() {
    let mut s = shop(3);
    let now = Timestamp::now();
    let order = s.book.place_order(&s.owner, &order_draft("TIGHT", "2"), now).unwrap();
    let dump = s.dump();
    // 2 100.00 against a limit of 1 000.00.
    let e = s.book.deliver_order(&s.owner, &order.doc_no, &[], &Default::default(), now).unwrap_err();
    assert_eq!(e.code(), "credit-limit-exceeded");
    assert_eq!(s.dump(), dump);
    // The owner lets it through with a reason, recorded with the invoice.
    let opts = PostOptions { credit_override_reason: Some("pays on delivery".into()) };
    let del = s.book.deliver_order(&s.owner, &order.doc_no, &[], &opts, now).unwrap();
    assert_eq!(del.order.status, "delivered");
    assert!(del.invoice.credit_override.is_some());
}

#[test]
fn only_the_owner_manages_and_delivers_orders() {
    let mut s = shop(3);
    let now = Timestamp::now();
    let order = s.book.place_order(&s.owner, &order_draft("B1", "1"), now).unwrap();
    let dump = s.dump();
    for who in [s.cashier.clone(), s.accountant.clone(), s.warehouse.clone()] {
        let denied = |r: onebook::Result<onebook::open_orders::Order>| match r {
            Err(Error::PermissionDenied { action, .. }) => action,
            other => panic!("{} was let through: {other:?}", who.username),
        };
        assert_eq!(denied(s.book.place_order(&who, &order_draft("B1", "1"), now)), "manage-orders");
        assert_eq!(denied(s.book.save_quote(&who, &order_draft("B1", "1"), now)), "manage-orders");
        assert_eq!(denied(s.book.cancel_order(&who, &order.doc_no, "no", now)), "manage-orders");
        match s.book.deliver_order(&who, &order.doc_no, &[], &Default::default(), now) {
            Err(Error::PermissionDenied { action, .. }) => assert_eq!(action, "deliver-order"),
            other => panic!("{} delivered: {other:?}", who.username),
        }
    }
    assert_eq!(s.dump(), dump);
}

// ---------------------------------------------------------------------------------------------
// The CLI

fn refused(out: Output) -> serde_json::Value {
    assert_eq!(out.status.code(), Some(1), "stdout: {}", String::from_utf8_lossy(&out.stdout));
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).expect("JSON error");
    err["error"].clone()
}

const CSV: &str = "\
sku,name,base_unit,vat_rate,reserve,units,retail_prices,wholesale_prices
RC-100,Rice cooker 1.8 L,piece,5,10,carton=24,piece=60.00,carton=1000.00
";

#[test]
fn the_merchant_quotes_places_delivers_and_cancels_from_the_command_line() {
    use common::{json, ok, onebook};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.sqlite3");
    let file = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.to_str().unwrap().to_string()
    };
    ok(onebook(&db, &["init", "--shop", "Stall", "--currency", "AED", "--vat", "5", "--tz", "Asia/Dubai"]));
    ok(onebook(&db, &["user", "add", "mei", "--role", "cashier"]));
    ok(onebook(&db, &["import", "products", &file("p.csv", CSV)]));
    ok(onebook(&db, &["buyer", "add", "B001", "--name", "Al Noor"]));
    let receipt = r#"{"kind":"receipt","lines":[{"sku":"RC-100","qty":5,"unit":"carton","unit_cost":"700"}]}"#;
    ok(onebook(&db, &["post", &file("r.json", receipt)]));

    // A quote, then its acceptance: the order reserves 3 cartons (72 of 120 pieces).
    let draft = r#"{"buyer":"B001","lines":[{"code":"RC-100","qty":3,"unit":"carton"}],"valid_until":"2099-12-31"}"#;
    let q = json(onebook(&db, &["--json", "quote", "save", &file("q.json", draft)]));
    assert_eq!(
        (q["doc_no"].as_str(), q["status"].as_str(), q["reserved"].as_i64()),
        (Some("Q-A-000001"), Some("quoted"), Some(0))
    );
    assert_eq!(json(onebook(&db, &["--json", "stock", "RC-100"]))["reserved_by_orders"], 0);
    let o = json(onebook(&db, &["--json", "quote", "accept", "Q-A-000001"]));
    assert_eq!((o["doc_no"].as_str(), o["reserved"].as_i64()), (Some("O-A-000001"), Some(72)));
    let v = json(onebook(&db, &["--json", "stock", "RC-100"]));
    assert_eq!((v["reserved_by_orders"].as_i64(), v["available_retail"].as_i64()), (Some(72), Some(120 - 72 - 10)));
    let text = ok(onebook(&db, &["stock", "RC-100"]));
    assert!(text.contains("Reserved by open orders: 72 piece"), "{text}");

    // The till's cashier is refused the 39th piece, with the figures and a stable code.
    let err = refused(onebook(
        &db,
        &["--json", "--user", "mei", "post", &file("s.json", r#"{"kind":"sale","lines":[{"sku":"RC-100","qty":39}]}"#)],
    ));
    assert_eq!(err["code"], "reserved-by-orders");
    let out = onebook(
        &db,
        &[
            "--lang",
            "es",
            "--user",
            "mei",
            "post",
            &file("s.json", r#"{"kind":"sale","lines":[{"sku":"RC-100","qty":39}]}"#),
        ],
    );
    let es = String::from_utf8_lossy(&out.stderr);
    assert!(es.contains("reservadas por pedidos abiertos") && es.contains("72"), "{es}");
    // ... and may not deliver.
    assert_eq!(
        refused(onebook(&db, &["--json", "--user", "mei", "order", "deliver", "O-A-000001"]))["code"],
        "permission-denied"
    );

    // Part delivered: one carton; over-delivery refused.
    let del = json(onebook(&db, &["--json", "order", "deliver", "O-A-000001", "--line", "1=1"]));
    assert_eq!(
        (del["invoice"]["doc_no"].as_str(), del["invoice"]["gross"].as_str()),
        (Some("INV-A-000001"), Some("1050.00"))
    );
    assert_eq!(del["order"]["reserved"], 48);
    assert_eq!(
        refused(onebook(&db, &["--json", "order", "deliver", "O-A-000001", "--line", "1=2.5"]))["code"],
        "over-delivery"
    );
    let text = ok(onebook(&db, &["order", "show", "O-A-000001"]));
    assert!(text.contains("48 of 72 piece left"), "{text}");
    let open = json(onebook(&db, &["--json", "order", "list", "--open"]));
    assert_eq!(open.as_array().unwrap().len(), 1);

    // An order placed from the bulk sheet, then cancelled with its reason.
    let sheet = file("sheet.csv", "sku,qty,unit\nRC-100,1,carton\n");
    let placed = json(onebook(&db, &["--json", "order", "upload", "B001", &sheet, "--place"]));
    assert_eq!((placed["doc_no"].as_str(), placed["reserved"].as_i64()), (Some("O-A-000002"), Some(24)));
    let bad = file("bad.csv", "sku,qty,unit\nNOPE,1,carton\nRC-100,1,box\n");
    let err = refused(onebook(&db, &["--json", "order", "upload", "B001", &bad, "--place"]));
    assert_eq!(err["code"], "order-rejected");
    let c = json(onebook(&db, &["--json", "order", "cancel", "O-A-000002", "--reason", "duplicate"]));
    assert_eq!((c["status"].as_str(), c["reserved"].as_i64()), (Some("cancelled"), Some(0)));
    // Direct placement from a JSON draft; the rest of the first order delivered.
    let placed = json(onebook(
        &db,
        &[
            "--json",
            "order",
            "place",
            &file("o.json", r#"{"buyer":"B001","lines":[{"sku":"RC-100","qty":1,"unit":"carton"}]}"#),
        ],
    ));
    assert_eq!(placed["doc_no"], "O-A-000003");
    let text = ok(onebook(&db, &["order", "deliver", "O-A-000001"]));
    assert!(text.contains("INV-A-000002") && text.contains("delivered"), "{text}");
    let all = json(onebook(&db, &["--json", "order", "list", "--buyer", "B001"]));
    let statuses: Vec<&str> = all.as_array().unwrap().iter().map(|o| o["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["open", "cancelled", "delivered", "accepted"]);
    let v = json(onebook(&db, &["--json", "stock", "RC-100"]));
    // 120 received, 72 delivered; 24 still reserved by O-A-000003.
    assert_eq!((v["on_hand"].as_i64(), v["reserved_by_orders"].as_i64()), (Some(48), Some(24)));
    ok(onebook(&db, &["check"]));
}

// ---------------------------------------------------------------------------------------------
// Replication: another till of the shop holds the same reservation (a real PostgreSQL server).

#[cfg(feature = "cloud")]
mod sync_pg;

#[cfg(feature = "cloud")]
#[test]
fn an_order_and_its_delivery_reach_the_other_till_which_refuses_the_reserved_units() {
    let server = sync_pg::PgServer::any();
    let dir = tempfile::tempdir().unwrap();
    let till = |prefix: &str| {
        let mut book = Book::open(dir.path().join(format!("till-{prefix}.sqlite3"))).unwrap();
        let setup = ShopSetup {
            series_prefix: Some(prefix.into()),
            ..ShopSetup::new("Two Tills", "AED", d("5"), "Asia/Dubai")
        };
        let owner = book.init(&setup, Timestamp::now()).unwrap();
        (book, owner)
    };
    let (mut a, a_owner) = till("OA");
    let (mut b, b_owner) = till("OB");
    let tenant = format!("orders-{}", &a.device().unwrap().device_id[24..]);
    let now = Timestamp::now;
    // The catalog, the buyer and the stock are A's: B gets them from the ledger.
    a.upsert_product(
        &a_owner,
        ProductInput {
            sku: "RC".into(),
            name: "Rice cooker".into(),
            base_unit: "piece".into(),
            vat_rate_pct: Some(d("5")),
            retail_reserve: Some(FLOOR),
            allow_negative: false,
            category: None,
            units: vec![("carton".into(), CARTON)],
            barcodes: vec![],
            retail_prices: vec![("piece".into(), d("60.00"))],
            wholesale_prices: vec![("carton".into(), d("1000.00"))],
        },
        now(),
    )
    .unwrap();
    let c = Customer {
        code: "B1".into(),
        name: "B1 Trading".into(),
        tax_number: None,
        payment_terms_days: 30,
        locale: None,
    };
    a.add_customer(&a_owner, &c, now()).unwrap();
    let r = r#"{"kind":"receipt","lines":[{"sku":"RC","qty":5,"unit":"carton","unit_cost":"700"}]}"#;
    a.post(&a_owner, &DocumentDraft::from_json(r).unwrap(), now()).unwrap();
    for (book, owner) in [(&mut a, &a_owner), (&mut b, &b_owner)] {
        book.sync_register(owner, &server.admin_url, &tenant, now()).unwrap();
    }
    let sync_all = |a: &mut Book, b: &mut Book| {
        for _ in 0..2 {
            a.sync_once(&a_owner, now()).unwrap();
            b.sync_once(&b_owner, now()).unwrap();
        }
    };
    let order = a.place_order(&a_owner, &order_draft("B1", "3"), now()).unwrap();
    sync_all(&mut a, &mut b);
    let v = b.stock("RC").unwrap();
    assert_eq!((v.on_hand, v.reserved_by_orders, v.available_retail), (120, 72, Some(120 - 72 - FLOOR)));
    assert_eq!(b.post(&b_owner, &sale(120 - 72 - FLOOR + 1), now()).unwrap_err().code(), "reserved-by-orders");
    assert_eq!(b.order(&order.doc_no, now()).unwrap().status, "open");

    a.deliver_order(&a_owner, &order.doc_no, &[DeliverLine { line: 1, qty: d("1") }], &Default::default(), now())
        .unwrap();
    sync_all(&mut a, &mut b);
    let v = b.stock("RC").unwrap();
    assert_eq!((v.on_hand, v.reserved_by_orders), (120 - CARTON, 72 - CARTON));
    let seen = b.order(&order.doc_no, now()).unwrap();
    assert_eq!((seen.reserved, seen.events.len()), (72 - CARTON, 1));
    assert_eq!(seen.events[0].invoice.as_deref(), Some("INV-OA-000001"));
}

// ---------------------------------------------------------------------------------------------
// Races: orders placed and till sales posted at the same moment by separate processes.

#[test]
fn orders_and_till_sales_racing_for_the_same_stock_never_take_a_unit_twice() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command, Stdio};
    const OPENING: i64 = 200;
    const ORDERS: usize = 6;
    const ORDER_CARTONS: i64 = 2;
    const SALES: usize = 40;
    const SALE_PIECES: i64 = 3;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("race.sqlite3");
    {
        let mut book = Book::open(&db).unwrap();
        let now = Timestamp::now();
        let owner = book.init(&ShopSetup::new("Race Stall", "AED", d("5"), "Asia/Dubai"), now).unwrap();
        let cashier = NewUser { username: "mei".into(), display_name: None, role: Role::Cashier, locale: None };
        book.add_user(&owner, &cashier, now).unwrap();
        book.upsert_product(
            &owner,
            ProductInput {
                sku: "RC".into(),
                name: "Rice cooker".into(),
                base_unit: "piece".into(),
                vat_rate_pct: Some(d("5")),
                retail_reserve: Some(0),
                allow_negative: false,
                category: None,
                units: vec![("carton".into(), CARTON)],
                barcodes: vec![],
                retail_prices: vec![("piece".into(), d("60.00"))],
                wholesale_prices: vec![("carton".into(), d("1000.00"))],
            },
            now,
        )
        .unwrap();
        let c =
            Customer { code: "B1".into(), name: "B1".into(), tax_number: None, payment_terms_days: 0, locale: None };
        book.add_customer(&owner, &c, now).unwrap();
        let r = format!(r#"{{"kind":"receipt","lines":[{{"sku":"RC","qty":{OPENING},"unit_cost":"30"}}]}}"#);
        book.post(&owner, &DocumentDraft::from_json(&r).unwrap(), now).unwrap();
    }
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_onebook"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .env_remove("ONEBOOK_LANG")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    // Two tills wait for their lists on stdin; the orders start with them.
    let sales: Vec<serde_json::Value> =
        (0..SALES).map(|_| serde_json::json!({"kind": "sale", "lines": [{"sku": "RC", "qty": SALE_PIECES}]})).collect();
    let mut tills: Vec<_> = (0..2).map(|_| run(&["--user", "mei", "--json", "post", "-"])).collect();
    let order = dir.path().join("order.json");
    let draft = format!(r#"{{"buyer":"B1","lines":[{{"sku":"RC","qty":{ORDER_CARTONS},"unit":"carton"}}]}}"#);
    std::fs::write(&order, draft).unwrap();
    let orders: Vec<_> = (0..ORDERS).map(|_| run(&["--json", "order", "place", order.to_str().unwrap()])).collect();
    let text = serde_json::to_string(&sales).unwrap();
    for t in tills.iter_mut() {
        let mut stdin = t.stdin.take().unwrap();
        stdin.write_all(text.as_bytes()).unwrap();
    }
    let mut sold = 0;
    for t in tills {
        let out = t.wait_with_output().unwrap();
        for line in BufReader::new(&out.stdout[..]).lines() {
            let v: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
            if v["ok"] == true {
                sold += v["document"]["lines"][0]["qty_base"].as_i64().unwrap();
            } else {
                let code = v["error"]["code"].as_str().unwrap().to_string();
                assert!(["reserved-by-orders", "insufficient-stock"].contains(&code.as_str()), "{v}");
            }
        }
    }
    let mut placed = 0;
    for o in orders {
        let out = o.wait_with_output().unwrap();
        if out.status.success() {
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(v["reserved"], ORDER_CARTONS * CARTON);
            placed += 1;
        } else {
            let v: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
            let code = v["error"]["code"].as_str().unwrap().to_string();
            assert!(["reserved-by-orders", "insufficient-stock"].contains(&code.as_str()), "{v}");
        }
    }
    let book = Book::open(&db).unwrap();
    let v = book.stock("RC").unwrap();
    let reserved = placed * ORDER_CARTONS * CARTON;
    println!("race: {sold} pieces sold at the tills, {placed} of {ORDERS} orders placed ({reserved} reserved)");
    // Every acknowledged sale left the shelf, every placed order holds its units, and the two
    // together never pass what there was: no unit was both sold and reserved.
    assert_eq!(v.on_hand, OPENING - sold);
    assert_eq!(v.reserved_by_orders, reserved);
    assert!(sold + reserved <= OPENING, "sold {sold} + reserved {reserved} > {OPENING}");
    // They asked for far more than there was, so someone was refused.
    assert!((SALES as i64) * 2 * SALE_PIECES + (ORDERS as i64) * ORDER_CARTONS * CARTON > OPENING);
    assert!(sold < (SALES as i64) * 2 * SALE_PIECES || placed < ORDERS as i64);
    assert!(book.invariant_violations().unwrap().is_empty());
}

// ---------------------------------------------------------------------------------------------
// Migration 0011 rebuilds the sync log (its kinds gain `order`, `order_event`).

#[test]
fn migration_11_keeps_the_sync_log_its_numbers_and_its_append_only_guard() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v10.sqlite3");
    {
        // A book of schema 10, as the previous release left it, with two logged entries.
        let conn = rusqlite::Connection::open(&db).unwrap();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
        let mut files: Vec<_> = std::fs::read_dir(&root)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "sql"))
            .collect();
        files.sort();
        for f in files.iter().take(10) {
            conn.execute_batch(&std::fs::read_to_string(f).unwrap()).unwrap();
        }
        conn.execute_batch(&format!(
            "PRAGMA application_id = {}; PRAGMA user_version = 10;",
            onebook::db::APPLICATION_ID
        ))
        .unwrap();
        conn.execute_batch(
            "INSERT INTO sync_log (seq, kind, payload, created_at) VALUES (1, 'doc', '{\"n\":1}', 't1'), (7, 'fx_rate', '{}', 't2')",
        )
        .unwrap();
    }
    let book = Book::open(&db).unwrap();
    let conn = book.connection();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, onebook::db::SCHEMA_VERSION);
    let rows: Vec<(i64, String, String)> = conn
        .prepare("SELECT seq, kind, payload FROM sync_log ORDER BY seq")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows, [(1, "doc".to_string(), "{\"n\":1}".to_string()), (7, "fx_rate".to_string(), "{}".to_string())]);
    conn.execute("INSERT INTO sync_log (kind, payload, created_at) VALUES ('order_event', '{}', 't3')", []).unwrap();
    let next: i64 = conn.query_row("SELECT max(seq) FROM sync_log", [], |r| r.get(0)).unwrap();
    assert_eq!(next, 8, "numbering continues after the last entry");
    assert!(conn
        .execute("INSERT INTO sync_log (kind, payload, created_at) VALUES ('nonsense', '{}', 't')", [])
        .is_err());
    for sql in ["UPDATE sync_log SET payload = 'x' WHERE seq = 1", "DELETE FROM sync_log WHERE seq = 1"] {
        let e = conn.execute(sql, []).unwrap_err().to_string();
        assert!(e.contains("append-only"), "{sql}: {e}");
    }
}
