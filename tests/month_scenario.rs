//! A month at a Dubai stall, every figure of the month report worked out by hand below.
//!
//! Shop: AED (2 decimals), Asia/Dubai (UTC+4), VAT 5 %. Month: March 2026, 31 days,
//! from 2026-02-28T20:00Z to 2026-03-31T20:00Z.
//!
//! Products (retail prices include VAT, wholesale prices exclude it):
//! - RC rice cooker: piece, carton = 6; retail piece 105.00; wholesale carton 450.00; reserve 2.
//! - CB USB cable: piece, dozen = 12, carton = 24; retail piece 10.50, dozen 115.50; wholesale carton 168.00.
//! - DS dish soap: bottle, carton = 12; VAT 0 %; retail bottle 8.00; wholesale carton 72.00.

use onebook::document::*;
use onebook::{Book, Customer, ProductInput, ShopSetup, Timestamp};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn at(text: &str) -> Option<String> {
    Some(text.to_string())
}

fn sale(date: &str, lines: &[(&str, &str, &str)]) -> DocumentDraft {
    DocumentDraft::Sale(SaleDraft {
        date: at(date),
        lines: lines
            .iter()
            .map(|(sku, qty, unit)| SaleLine {
                sku: Some(sku.to_string()),
                barcode: None,
                qty: d(qty),
                unit: Some(unit.to_string()),
                price: None,
            })
            .collect(),
        payments: None,
        override_reason: None,
        note: None,
    })
}

fn invoice(date: &str, buyer: &str, lines: &[(&str, &str, &str)]) -> DocumentDraft {
    let DocumentDraft::Sale(s) = sale(date, lines) else { unreachable!() };
    DocumentDraft::Invoice(InvoiceDraft {
        date: s.date,
        buyer: buyer.into(),
        lines: s.lines,
        override_reason: None,
        note: None,
    })
}

fn receipt(date: &str, lines: &[(&str, &str, &str, &str)]) -> DocumentDraft {
    DocumentDraft::Receipt(ReceiptDraft {
        date: at(date),
        supplier: Some("Ningbo".into()),
        lines: lines
            .iter()
            .map(|(sku, qty, unit, cost)| ReceiptLine {
                sku: Some(sku.to_string()),
                barcode: None,
                qty: d(qty),
                unit: Some(unit.to_string()),
                unit_cost: d(cost),
            })
            .collect(),
        note: None,
    })
}

fn ret_line(line: i64, qty: &str, unit: &str) -> ReturnLine {
    ReturnLine { line: Some(line), sku: None, barcode: None, qty: d(qty), unit: Some(unit.into()) }
}

fn product(
    sku: &str,
    base: &str,
    vat: &str,
    units: &[(&str, i64)],
    retail: &[(&str, &str)],
    wholesale: &[(&str, &str)],
    reserve: Option<i64>,
) -> ProductInput {
    ProductInput {
        sku: sku.into(),
        name: format!("{sku} product"),
        base_unit: base.into(),
        vat_rate_pct: Some(d(vat)),
        retail_reserve: reserve,
        allow_negative: false,
        category: None,
        units: units.iter().map(|(u, f)| (u.to_string(), *f)).collect(),
        barcodes: vec![],
        retail_prices: retail.iter().map(|(u, p)| (u.to_string(), d(p))).collect(),
        wholesale_prices: wholesale.iter().map(|(u, p)| (u.to_string(), d(p))).collect(),
    }
}

#[test]
fn a_month_of_trade_gives_the_figures_worked_out_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.sqlite3");
    let mut book = Book::open(&path).unwrap();
    let t0 = Timestamp::parse("2026-02-01T09:00:00", chrono_tz::Asia::Dubai, "t").unwrap();
    let now = Timestamp::parse("2026-04-02T12:00:00", chrono_tz::Asia::Dubai, "t").unwrap();
    let owner = book.init(&ShopSetup::new("Scenario Stall", "AED", d("5"), "Asia/Dubai"), t0).unwrap();
    for (code, terms) in [("B1", 30), ("B2", 7)] {
        let c = Customer {
            code: code.into(),
            name: code.into(),
            tax_number: None,
            payment_terms_days: terms,
            locale: None,
        };
        book.add_customer(&owner, &c, t0).unwrap();
    }
    book.upsert_product(
        &owner,
        product("RC", "piece", "5", &[("carton", 6)], &[("piece", "105.00")], &[("carton", "450.00")], Some(2)),
        t0,
    )
    .unwrap();
    book.upsert_product(
        &owner,
        product(
            "CB",
            "piece",
            "5",
            &[("dozen", 12), ("carton", 24)],
            &[("piece", "10.50"), ("dozen", "115.50")],
            &[("carton", "168.00")],
            None,
        ),
        t0,
    )
    .unwrap();
    book.upsert_product(
        &owner,
        product("DS", "bottle", "0", &[("carton", 12)], &[("bottle", "8.00")], &[("carton", "72.00")], None),
        t0,
    )
    .unwrap();

    let mut post = |draft: DocumentDraft| book.post(&owner, &draft, now).unwrap();

    // February. R1: RC 5 ctn at 300.00 = 30 pcs at 50.0000; CB 2 ctn at 120.00 = 48 at 5.0000;
    // DS 4 ctn at 48.00 = 48 bottles at 4.0000.
    post(receipt(
        "2026-02-20T09:00:00",
        &[("RC", "5", "carton", "300.00"), ("CB", "2", "carton", "120.00"), ("DS", "4", "carton", "48.00")],
    ));
    // S1 at 23:30 Dubai on 28 Feb (19:30Z): still February. CB 47 left.
    post(sale("2026-02-28T23:30:00", &[("CB", "1", "piece")]));

    // March.
    // S2: RC 2 pcs at 105.00 = 210.00 gross, VAT 210 x 5/105 = 10.00, net 200.00;
    //     CB 1 dozen at 115.50 gross, VAT 5.50, net 110.00. Net 310.00, VAT 15.50, gross 325.50.
    let s2 = book
        .post(
            &owner,
            &DocumentDraft::Sale(SaleDraft {
                payments: Some(vec![PaymentDraft { method: "cash".into(), amount: d("400"), currency: None }]),
                ..match sale("2026-03-02T10:00:00", &[("RC", "2", "piece"), ("CB", "1", "dozen")]) {
                    DocumentDraft::Sale(s) => s,
                    _ => unreachable!(),
                }
            }),
            now,
        )
        .unwrap();
    assert_eq!((s2.net.as_str(), s2.vat.as_str(), s2.gross.as_str()), ("310.00", "15.50", "325.50"));
    assert_eq!(s2.change.as_deref(), Some("74.50"), "400 cash for 325.50");
    let mut post = |draft: DocumentDraft| book.post(&owner, &draft, now).unwrap();
    // INV1 to B1 (net 30): RC 2 ctn at 450 = 900.00 + VAT 45.00; CB 1 ctn 168.00 + 8.40; DS 1 ctn 72.00 + 0.
    // Net 1140.00, VAT 53.40, gross 1193.40. Stock after: RC 16, CB 11, DS 36.
    let inv1 = post(invoice(
        "2026-03-03T11:00:00",
        "B1",
        &[("RC", "2", "carton"), ("CB", "1", "carton"), ("DS", "1", "carton")],
    ));
    assert_eq!((inv1.net.as_str(), inv1.vat.as_str(), inv1.gross.as_str()), ("1140.00", "53.40", "1193.40"));
    // R2: RC 2 ctn at 330.00 = 12 pcs at 55.0000: average (16 x 50 + 12 x 55) / 28 = 52.142857 -> 52.1429.
    post(receipt("2026-03-05T09:00:00", &[("RC", "2", "carton", "330.00")]));
    assert_eq!(book.stock("RC").unwrap().avg_cost, "52.1429");
    let mut post = |draft: DocumentDraft| book.post(&owner, &draft, now).unwrap();
    // S3: DS 3 bottles at 8.00 = 24.00, no VAT; RC 1 pc 105.00 = 100.00 + 5.00. RC 27, DS 33.
    post(sale("2026-03-06T15:00:00", &[("DS", "3", "bottle"), ("RC", "1", "piece")]));
    // RR1: 1 of the 2 rice cookers of S2 back on the shelf: net 200 x 1/2 = 100.00, VAT 5.00;
    // restocked at the 50.0000 it left at: average (27 x 52.1429 + 50) / 28 = 52.066368 -> 52.0664.
    let rr1 = post(DocumentDraft::RetailReturn(RetailReturnDraft {
        date: at("2026-03-08T12:00:00"),
        ticket: s2.doc_no.clone(),
        restock: Some(true),
        lines: vec![ret_line(1, "1", "piece")],
        note: None,
    }));
    assert_eq!((rr1.net.as_str(), rr1.vat.as_str()), ("100.00", "5.00"));
    // RR2: 2 cables of S2's dozen, damaged, written off: net 110 x 2/12 = 18.33, VAT 5.50 x 2/12 = 0.92.
    let rr2 = post(DocumentDraft::RetailReturn(RetailReturnDraft {
        date: at("2026-03-10T12:00:00"),
        ticket: s2.doc_no.clone(),
        restock: Some(false),
        lines: vec![ret_line(2, "2", "piece")],
        note: None,
    }));
    assert_eq!((rr2.net.as_str(), rr2.vat.as_str(), rr2.movements), ("18.33", "0.92", 0));
    // CN1: B1 sends back 1 carton of rice cookers: net 900 x 6/12 = 450.00, VAT 22.50; waits.
    let cn1 = post(DocumentDraft::WholesaleReturn(WholesaleReturnDraft {
        date: at("2026-03-12T10:00:00"),
        invoice: inv1.doc_no.clone(),
        restock: None,
        lines: vec![ret_line(1, "1", "carton")],
        note: None,
    }));
    assert_eq!((cn1.status.as_str(), cn1.movements), ("to_receive", 0));
    assert_eq!(book.stock("RC").unwrap().on_hand, 28, "a credit note adds nothing until received");
    let mut post = |draft: DocumentDraft| book.post(&owner, &draft, now).unwrap();
    // Received: +6 at 50.0000: average (28 x 52.0664 + 6 x 50) / 34 = 51.701741 -> 51.7017. RC 34.
    let received = post(DocumentDraft::ReceiveReturn(ReceiveReturnDraft {
        date: at("2026-03-14T10:00:00"),
        return_no: cn1.doc_no.clone(),
    }));
    assert_eq!((received.status.as_str(), received.movements), ("received", 1));
    assert_eq!(book.stock("RC").unwrap().avg_cost, "51.7017");
    let mut post = |draft: DocumentDraft| book.post(&owner, &draft, now).unwrap();
    // SC1: 10 cables counted (11 on the books: -1 at 5.0000); soap 2 ctn + 9 bottles = 33, no change.
    let sc1 = post(DocumentDraft::Count(CountDraft {
        date: at("2026-03-15T18:00:00"),
        lines: vec![
            CountLine { sku: Some("CB".into()), barcode: None, qty: d("10"), unit: None },
            CountLine { sku: Some("DS".into()), barcode: None, qty: d("2"), unit: Some("carton".into()) },
            CountLine { sku: Some("DS".into()), barcode: None, qty: d("9"), unit: Some("bottle".into()) },
        ],
        note: None,
    }));
    assert_eq!(sc1.movements, 1);
    // S4: CB 5 pcs at 10.50 = 52.50 gross, VAT 2.50, net 50.00. CB 5.
    post(sale("2026-03-20T13:00:00", &[("CB", "5", "piece")]));
    // INV2 to B2 (net 7, due 29 March): DS 2 ctn at 72.00 = 144.00, no VAT. DS 9.
    post(invoice("2026-03-22T10:00:00", "B2", &[("DS", "2", "carton")]));
    // S5 at 23:59 on 31 March Dubai (19:59Z): March. RC 1 pc: net 100.00, VAT 5.00, at 51.7017. RC 33.
    post(sale("2026-03-31T23:59:00", &[("RC", "1", "piece")]));
    // S6 at 00:10 on 1 April Dubai (20:10Z on 31 March): April, not in the report.
    post(sale("2026-04-01T00:10:00", &[("CB", "1", "piece")]));

    assert!(book.invariant_violations().unwrap().is_empty());
    let r = book.report_month(&owner, "2026-03").unwrap();
    // Read from the running sums kept with each document; scanning the ledger gives the same
    // figures, and so do the sums rebuilt from it.
    assert_eq!(format!("{r:?}"), format!("{:?}", book.report_month_from_ledger(&owner, "2026-03").unwrap()));
    for month in ["2026-02", "2026-04"] {
        let (fast, slow) =
            (book.report_month(&owner, month).unwrap(), book.report_month_from_ledger(&owner, month).unwrap());
        assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "{month}");
    }
    assert_eq!(book.rollup_disagreements().unwrap(), vec![]);
    assert_eq!(r.period_start, "2026-02-28T20:00:00.000000Z");
    assert_eq!(r.days, 31);

    // Retail: orders S2, S3, S4, S5; lines 2 + 2 + 1 + 1 = 6.
    // Gross 310 + 124 + 50 + 100 = 584.00; returns 100.00 + 18.33 = 118.33; net 465.67.
    // COGS: out 2x50 + 12x5 + 3x4 + 52.1429 + 5x5 + 51.7017 = 300.8446, less RR1 restocked 50
    // (RR2 was written off: no reduction) = 250.8446 -> 250.84. Margin 214.8254 -> 214.83,
    // 46.13 %. Return rate 118.33 / 584 = 20.26 %; by quantity 3 / 24 = 12.50 %.
    // AOV 584 / 4 = 146.00; lines per order 1.50.
    let retail = &r.channels.retail;
    assert_eq!((retail.orders, retail.lines), (4, 6));
    assert_eq!(retail.gross_sales, "584.00");
    assert_eq!(retail.returns, "118.33");
    assert_eq!(retail.net_sales, "465.67");
    assert_eq!(retail.cogs, "250.84");
    assert_eq!(retail.gross_margin, "214.83");
    assert_eq!(retail.margin_pct.as_deref(), Some("46.13"));
    assert_eq!(retail.return_rate_pct.as_deref(), Some("20.26"));
    assert_eq!((retail.sold_qty_base, retail.returned_qty_base), (24, 3));
    assert_eq!(retail.return_rate_qty_pct.as_deref(), Some("12.50"));
    assert_eq!(retail.average_order_value.as_deref(), Some("146.00"));
    assert_eq!(retail.lines_per_order.as_deref(), Some("1.50"));

    // Wholesale: INV1, INV2; lines 3 + 1. Gross 1140 + 144 = 1284.00; returns 450.00; net 834.00.
    // COGS: 12x50 + 24x5 + 12x4 + 24x4 = 864, less CN1 restocked 6x50 = 300: 564.00.
    // Margin 270.00, 32.37 %. Return rate 450 / 1284 = 35.05 %; by quantity 6 / 72 = 8.33 %.
    let ws = &r.channels.wholesale;
    assert_eq!((ws.orders, ws.lines), (2, 4));
    assert_eq!((ws.gross_sales.as_str(), ws.returns.as_str(), ws.net_sales.as_str()), ("1284.00", "450.00", "834.00"));
    assert_eq!((ws.cogs.as_str(), ws.gross_margin.as_str()), ("564.00", "270.00"));
    assert_eq!(ws.margin_pct.as_deref(), Some("32.37"));
    assert_eq!(ws.return_rate_pct.as_deref(), Some("35.05"));
    assert_eq!(ws.return_rate_qty_pct.as_deref(), Some("8.33"));
    assert_eq!(ws.average_order_value.as_deref(), Some("642.00"));
    assert_eq!(ws.lines_per_order.as_deref(), Some("2.00"));

    // Total: 6 orders, 10 lines; gross 1868.00, returns 568.33, net 1299.67; COGS 814.8446 ->
    // 814.84; margin 484.8254 -> 484.83, 37.30 %; return rate 30.42 %; by quantity 9 / 96 =
    // 9.375 -> 9.38 % (half away from zero); AOV 311.33; lines per order 1.67.
    let t = &r.channels.total;
    assert_eq!((t.orders, t.lines), (6, 10));
    assert_eq!((t.gross_sales.as_str(), t.returns.as_str(), t.net_sales.as_str()), ("1868.00", "568.33", "1299.67"));
    assert_eq!((t.cogs.as_str(), t.gross_margin.as_str()), ("814.84", "484.83"));
    assert_eq!(t.margin_pct.as_deref(), Some("37.30"));
    assert_eq!(t.return_rate_pct.as_deref(), Some("30.42"));
    assert_eq!(t.return_rate_qty_pct.as_deref(), Some("9.38"));
    assert_eq!(t.average_order_value.as_deref(), Some("311.33"));
    assert_eq!(t.lines_per_order.as_deref(), Some("1.67"));

    // Inventory at start: RC 30 x 50 + CB 47 x 5 + DS 48 x 4 = 1927.00.
    // At end: RC 33 x 51.7017 = 1706.1561, CB 5 x 5 = 25, DS 9 x 4 = 36: 1767.1561 -> 1767.16.
    // Average 1847.07805 -> 1847.08. Turnover 1847.07805 x 31 / 814.8446 = 70.27 -> 70.3 days.
    assert_eq!(r.inventory.value_start, "1927.00");
    assert_eq!(r.inventory.value_end, "1767.16");
    assert_eq!(r.inventory.average, "1847.08");
    assert_eq!(r.inventory.turnover_days.as_deref(), Some("70.3"));

    // VAT 0 %: sales 24 + 72 + 144 = 240.00. VAT 5 %: sales net 1628.00, VAT 15.50 + 5 + 2.50 +
    // 5 + 53.40 = 81.40; returns net 568.33, VAT 5 + 0.92 + 22.50 = 28.42; due 52.98.
    assert_eq!(r.vat_by_rate.len(), 2);
    let v0 = &r.vat_by_rate[0];
    assert_eq!((v0.rate_pct.as_str(), v0.sales_net.as_str(), v0.vat_due.as_str()), ("0", "240.00", "0.00"));
    let v5 = &r.vat_by_rate[1];
    assert_eq!(
        (
            v5.rate_pct.as_str(),
            v5.sales_net.as_str(),
            v5.sales_vat.as_str(),
            v5.returns_net.as_str(),
            v5.returns_vat.as_str(),
            v5.vat_due.as_str()
        ),
        ("5", "1628.00", "81.40", "568.33", "28.42", "52.98")
    );

    // Slow movers at 2026-03-31T20:00Z: CB last sold 20 March 09:00Z: 11 d 11 h = 11.5 days;
    // DS last sold 22 March 06:00Z: 9 d 14 h = 9.6; RC sold a minute before the end: 0.0.
    let ranking: Vec<(&str, &str, &str)> =
        r.slow_movers.iter().map(|s| (s.sku.as_str(), s.days_idle.as_str(), s.on_hand_value.as_str())).collect();
    assert_eq!(ranking, vec![("CB", "11.5", "25.00"), ("DS", "9.6", "36.00"), ("RC", "0.0", "1706.16")]);

    // Receivables at the end: INV1 1193.40 less CN1 472.50 = 720.90, due 2 April: current.
    // INV2 144.00 was due 29 March: 1-30 days.
    let aging: Vec<(&str, &str, &str, &str)> = r
        .receivables_aging
        .iter()
        .map(|a| (a.buyer.as_str(), a.current.as_str(), a.days_1_30.as_str(), a.total.as_str()))
        .collect();
    assert_eq!(aging, vec![("B1", "720.90", "0.00", "720.90"), ("B2", "0.00", "144.00", "144.00")]);

    // Reproducible: the command line gives the same figures to the last digit.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_onebook"))
        .args(["--db", path.to_str().unwrap(), "--json", "report", "month", "2026-03"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let cli: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(cli, serde_json::to_value(&r).unwrap());
}
