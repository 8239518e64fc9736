//! The month pack: the March month of tests/month_scenario.rs exported as XLSX and CSV, read back
//! by independent readers (Python's openpyxl for the workbook, the csv crate for the files), and
//! checked against the library's month report to the last digit, in several locales and currencies.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use onebook::document::*;
use onebook::export::{column_label, part_title, ExportFormat, ExportProgress};
use onebook::report::ChannelFigures;
use onebook::{Actor, Book, Customer, Locale, MonthReport, ProductInput, ShopSetup, Timestamp};
use rust_decimal::Decimal;
use serde_json::Value;

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

/// A price of the scenario in this shop's currency: AED prices as written, scaled for others
/// (x100 for a 0-decimal currency, so every price stays a whole number of its minor unit).
fn price(p: &str, scale: i64) -> Decimal {
    d(p) * Decimal::from(scale)
}

fn lines(items: &[(&str, &str, &str)]) -> Vec<SaleLine> {
    items
        .iter()
        .map(|(sku, qty, unit)| SaleLine {
            sku: Some(sku.to_string()),
            barcode: None,
            qty: d(qty),
            unit: Some(unit.to_string()),
            price: None,
        })
        .collect()
}

fn sale(date: &str, items: &[(&str, &str, &str)]) -> DocumentDraft {
    DocumentDraft::Sale(SaleDraft {
        date: Some(date.into()),
        lines: lines(items),
        payments: None,
        override_reason: None,
        note: None,
    })
}

fn invoice(date: &str, buyer: &str, items: &[(&str, &str, &str)]) -> DocumentDraft {
    DocumentDraft::Invoice(InvoiceDraft {
        date: Some(date.into()),
        buyer: buyer.into(),
        lines: lines(items),
        override_reason: None,
        note: None,
    })
}

fn receipt(date: &str, scale: i64, items: &[(&str, &str, &str, &str)]) -> DocumentDraft {
    DocumentDraft::Receipt(ReceiptDraft {
        date: Some(date.into()),
        supplier: Some("Ningbo".into()),
        lines: items
            .iter()
            .map(|(sku, qty, unit, cost)| ReceiptLine {
                sku: Some(sku.to_string()),
                barcode: None,
                qty: d(qty),
                unit: Some(unit.to_string()),
                unit_cost: price(cost, scale),
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
    scale: i64,
) -> ProductInput {
    ProductInput {
        sku: sku.into(),
        name: format!("{sku} product"),
        base_unit: base.into(),
        vat_rate_pct: Some(d(vat)),
        retail_reserve: None,
        allow_negative: false,
        category: None,
        units: units.iter().map(|(u, f)| (u.to_string(), *f)).collect(),
        barcodes: vec![],
        retail_prices: retail.iter().map(|(u, p)| (u.to_string(), price(p, scale))).collect(),
        wholesale_prices: wholesale.iter().map(|(u, p)| (u.to_string(), price(p, scale))).collect(),
    }
}

/// The month of tests/month_scenario.rs (March 2026 at a Dubai stall): receipts, sales, two
/// invoices, a restocked and a written-off retail return, a credit note received back, a count.
fn march(path: &Path, currency: &str, scale: i64, locale: Locale) -> (Book, Actor, Timestamp) {
    let mut book = Book::open(path).unwrap();
    let tz = chrono_tz::Asia::Dubai;
    let t0 = Timestamp::parse("2026-02-01T09:00:00", tz, "t").unwrap();
    let now = Timestamp::parse("2026-04-02T12:00:00", tz, "t").unwrap();
    let setup = ShopSetup { locale, ..ShopSetup::new("Scenario Stall", currency, d("5"), "Asia/Dubai") };
    let owner = book.init(&setup, t0).unwrap();
    for (code, terms) in [("B1", 30), ("B2", 7)] {
        let c = Customer {
            code: code.into(),
            name: format!("{code} Trading"),
            tax_number: None,
            payment_terms_days: terms,
            locale: None,
        };
        book.add_customer(&owner, &c, t0).unwrap();
    }
    let products = [
        product("RC", "piece", "5", &[("carton", 6)], &[("piece", "105.00")], &[("carton", "450.00")], scale),
        product(
            "CB",
            "piece",
            "5",
            &[("dozen", 12), ("carton", 24)],
            &[("piece", "10.50"), ("dozen", "115.50")],
            &[("carton", "168.00")],
            scale,
        ),
        product("DS", "bottle", "0", &[("carton", 12)], &[("bottle", "8.00")], &[("carton", "72.00")], scale),
    ];
    for p in products {
        book.upsert_product(&owner, p, t0).unwrap();
    }
    let post = |book: &mut Book, draft: DocumentDraft| book.post(&owner, &draft, now).unwrap();
    post(
        &mut book,
        receipt(
            "2026-02-20T09:00:00",
            scale,
            &[("RC", "5", "carton", "300.00"), ("CB", "2", "carton", "120.00"), ("DS", "4", "carton", "48.00")],
        ),
    );
    post(&mut book, sale("2026-02-28T23:30:00", &[("CB", "1", "piece")]));
    let s2 = post(&mut book, sale("2026-03-02T10:00:00", &[("RC", "2", "piece"), ("CB", "1", "dozen")]));
    let inv1 = post(
        &mut book,
        invoice("2026-03-03T11:00:00", "B1", &[("RC", "2", "carton"), ("CB", "1", "carton"), ("DS", "1", "carton")]),
    );
    post(&mut book, receipt("2026-03-05T09:00:00", scale, &[("RC", "2", "carton", "330.00")]));
    post(&mut book, sale("2026-03-06T15:00:00", &[("DS", "3", "bottle"), ("RC", "1", "piece")]));
    for (date, line, qty, restock) in [("2026-03-08T12:00:00", 1, "1", true), ("2026-03-10T12:00:00", 2, "2", false)] {
        let draft = DocumentDraft::RetailReturn(RetailReturnDraft {
            date: Some(date.into()),
            ticket: s2.doc_no.clone(),
            restock: Some(restock),
            lines: vec![ret_line(line, qty, "piece")],
            note: None,
        });
        post(&mut book, draft);
    }
    let cn1 = post(
        &mut book,
        DocumentDraft::WholesaleReturn(WholesaleReturnDraft {
            date: Some("2026-03-12T10:00:00".into()),
            invoice: inv1.doc_no.clone(),
            restock: None,
            lines: vec![ret_line(1, "1", "carton")],
            note: None,
        }),
    );
    post(
        &mut book,
        DocumentDraft::ReceiveReturn(ReceiveReturnDraft {
            date: Some("2026-03-14T10:00:00".into()),
            return_no: cn1.doc_no.clone(),
        }),
    );
    post(
        &mut book,
        DocumentDraft::Count(CountDraft {
            date: Some("2026-03-15T18:00:00".into()),
            lines: vec![CountLine { sku: Some("CB".into()), barcode: None, qty: d("10"), unit: None }],
            note: None,
        }),
    );
    post(&mut book, sale("2026-03-20T13:00:00", &[("CB", "5", "piece")]));
    post(&mut book, invoice("2026-03-22T10:00:00", "B2", &[("DS", "2", "carton")]));
    post(&mut book, sale("2026-03-31T23:59:00", &[("RC", "1", "piece")]));
    post(&mut book, sale("2026-04-01T00:10:00", &[("CB", "1", "piece")]));
    (book, owner, now)
}

/// The workbook as openpyxl reads it (tests/export/dump_xlsx.py).
fn read_xlsx(path: &Path) -> Vec<Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/export/dump_xlsx.py");
    let out = Command::new("python3").arg(script).arg(path).output().expect("python3 runs (scripts/setup.sh)");
    assert!(out.status.success(), "openpyxl could not read the workbook: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice::<Value>(&out.stdout).unwrap().as_array().unwrap().clone()
}

fn text(cell: &Value) -> &str {
    cell["v"].as_str().unwrap_or("")
}

/// A numeric cell's value, exactly as the reader gives it; fails on a string or a date.
fn number(cell: &Value) -> Decimal {
    assert_eq!(cell["t"], "n", "a number cell: {cell}");
    d(cell["v"].as_str().unwrap_or_else(|| panic!("a value: {cell}")))
}

/// A totals cell: a SUM formula whose cached result is the exact total, or a plain number.
fn total(cell: &Value) -> Decimal {
    if cell["t"] == "f" {
        assert!(cell["v"].as_str().unwrap().starts_with("=SUM("), "{cell}");
        assert_eq!(cell["cached_t"], "n", "{cell}");
        d(cell["cached"].as_str().unwrap())
    } else {
        number(cell)
    }
}

fn sheet<'a>(sheets: &'a [Value], locale: Locale, key: &str) -> &'a Value {
    let name = part_title(key, locale);
    sheets.iter().find(|s| s["name"] == name.as_str()).unwrap_or_else(|| panic!("no sheet {name}"))
}

fn rows(sheet: &Value) -> &Vec<Value> {
    sheet["rows"].as_array().unwrap()
}

/// Column index of a header, by its localized label.
fn column(sheet: &Value, key: &str, locale: Locale) -> usize {
    let label = column_label(key, locale);
    rows(sheet)[0].as_array().unwrap().iter().position(|c| text(c) == label).unwrap_or_else(|| panic!("no {label}"))
}

/// The report's figure for a summary key, read field by field (independently of the exporter).
fn figure(f: &ChannelFigures, key: &str) -> Option<String> {
    Some(match key {
        "orders" => f.orders.to_string(),
        "lines" => f.lines.to_string(),
        "gross_sales" => f.gross_sales.clone(),
        "returns" => f.returns.clone(),
        "net_sales" => f.net_sales.clone(),
        "cogs" => f.cogs.clone(),
        "gross_margin" => f.gross_margin.clone(),
        "margin_pct" => return f.margin_pct.clone(),
        "return_rate_pct" => return f.return_rate_pct.clone(),
        "sold_qty_base" => f.sold_qty_base.to_string(),
        "returned_qty_base" => f.returned_qty_base.to_string(),
        "return_rate_qty_pct" => return f.return_rate_qty_pct.clone(),
        "average_order_value" => return f.average_order_value.clone(),
        "lines_per_order" => return f.lines_per_order.clone(),
        other => panic!("unexpected figure {other}"),
    })
}

const MONEY_FIGURES: [&str; 6] = ["gross_sales", "returns", "net_sales", "cogs", "gross_margin", "average_order_value"];

fn money_format(minor_units: u32) -> String {
    if minor_units == 0 {
        "#,##0".into()
    } else {
        format!("#,##0.{}", "0".repeat(minor_units as usize))
    }
}

fn export(book: &Book, owner: &Actor, format: ExportFormat, out: &Path, locale: Locale) -> Vec<ExportProgress> {
    let mut seen = vec![];
    let report = book.export_month(owner, "2026-03", format, out, locale, &mut |p| seen.push(p)).unwrap();
    assert_eq!(report.rows, seen.last().unwrap().total, "the last progress covers every row");
    seen
}

fn check_workbook(currency: &str, scale: i64, minor_units: u32, locale: Locale) {
    let dir = tempfile::tempdir().unwrap();
    let (book, owner, _) = march(&dir.path().join("shop.sqlite3"), currency, scale, locale);
    let r: MonthReport = book.report_month(&owner, "2026-03").unwrap();
    let path = dir.path().join("march.xlsx");
    let progress = export(&book, &owner, ExportFormat::Xlsx, &path, locale);
    assert!(progress.windows(2).all(|w| w[0].done <= w[1].done), "progress only moves forward");
    let last = progress.last().unwrap();
    assert_eq!(last.done, last.total);

    let sheets = read_xlsx(&path);
    let keys = [
        "summary",
        "vat",
        "slow_movers",
        "sales_journal",
        "returns_journal",
        "receipts",
        "stock_valuation",
        "receivables_aging",
    ];
    assert_eq!(sheets.len(), keys.len());
    for (s, key) in sheets.iter().zip(keys) {
        assert_eq!(s["name"], part_title(key, locale).as_str(), "sheet names in the user's language");
        assert_eq!(s["freeze"], "A2", "{key}: the header row is frozen");
        assert!(rows(s)[0].as_array().unwrap().iter().all(|c| c["t"] == "s"), "{key}: a header row of text");
        for c in rows(s)[0].as_array().unwrap() {
            assert!(!text(c).starts_with("export-"), "{key}: a header without its message: {c}");
        }
        let header = rows(s)[0].as_array().unwrap();
        if locale != Locale::En {
            let translated = header.iter().filter(|c| !text(c).is_ascii()).count();
            assert!(translated * 2 > header.len(), "{key}: headers in {}: {header:?}", locale.tag());
        }
    }
    let money = money_format(minor_units);

    // Summary: every figure per channel equals the report's, as a number with the right format.
    let summary = sheet(&sheets, locale, "summary");
    let by_key: BTreeMap<&str, &Vec<Value>> =
        rows(summary)[1..].iter().map(|row| (text(&row[0]), row.as_array().unwrap())).collect();
    assert_eq!(text(&by_key["gross_sales"][1]), column_label("gross_sales", locale), "figure names localized");
    assert!(by_key.values().all(|row| !text(&row[1]).starts_with("export-")), "every figure has a name");
    for key in [
        "orders",
        "lines",
        "gross_sales",
        "returns",
        "net_sales",
        "cogs",
        "gross_margin",
        "margin_pct",
        "return_rate_pct",
        "sold_qty_base",
        "returned_qty_base",
        "return_rate_qty_pct",
        "average_order_value",
        "lines_per_order",
    ] {
        let row = by_key.get(key).unwrap_or_else(|| panic!("summary lacks {key}"));
        for (i, f) in [&r.channels.retail, &r.channels.wholesale, &r.channels.total].iter().enumerate() {
            let cell = &row[2 + i];
            match figure(f, key) {
                Some(expected) => {
                    assert_eq!(number(cell), d(&expected), "{currency} {key} column {i}");
                    if MONEY_FIGURES.contains(&key) {
                        assert_eq!(cell["fmt"], money.as_str(), "{key}: money in {currency} decimals");
                    }
                }
                None => assert!(cell["v"].is_null(), "{key}: no figure, an empty cell"),
            }
        }
    }
    let inv = &r.inventory;
    for (key, expected) in [
        ("inventory_value_start", &inv.value_start),
        ("inventory_value_end", &inv.value_end),
        ("inventory_value_average", &inv.average),
        ("turnover_days", inv.turnover_days.as_ref().unwrap()),
    ] {
        assert_eq!(number(&by_key[key][4]), d(expected), "{currency} {key}");
    }
    assert_eq!(text(&by_key["currency"][4]), currency);
    assert_eq!(by_key["period_start"][4]["t"], "d", "the period start is a date");
    assert_eq!(by_key["period_start"][4]["v"], "2026-03-01T00:00:00", "local midnight in Dubai");

    // VAT by rate, row for row, with a totals row.
    let vat = sheet(&sheets, locale, "vat");
    assert_eq!(rows(vat).len(), 1 + r.vat_by_rate.len() + 1);
    for (row, v) in rows(vat)[1..].iter().zip(&r.vat_by_rate) {
        assert_eq!(number(&row[0]), d(&v.rate_pct));
        for (i, a) in [&v.sales_net, &v.sales_vat, &v.returns_net, &v.returns_vat, &v.vat_due].iter().enumerate() {
            assert_eq!(number(&row[1 + i]), d(a), "{currency} VAT {} column {i}", v.rate_pct);
        }
    }
    let due: Decimal = r.vat_by_rate.iter().map(|v| d(&v.vat_due)).sum();
    assert_eq!(total(&rows(vat).last().unwrap()[5]), due);

    // Sales journal: dates are dates, re-summed per channel it gives the report's gross sales.
    let sales = sheet(&sheets, locale, "sales_journal");
    let (date, channel, net, qty_base) = (
        column(sales, "date", locale),
        column(sales, "channel", locale),
        column(sales, "net", locale),
        column(sales, "qty_base", locale),
    );
    let body = &rows(sales)[1..rows(sales).len() - 1];
    assert_eq!(body.len() as i64, r.channels.total.lines);
    let first = &body[0];
    assert_eq!(first[date]["t"], "d", "a real date: {}", first[date]);
    assert_eq!(first[date]["v"], "2026-03-02T10:00:00", "the first March sale, in the shop's time");
    assert!(first[date]["fmt"].as_str().unwrap().contains("yyyy"), "a date format");
    let mut per_channel: BTreeMap<String, (Decimal, i64)> = BTreeMap::new();
    for row in body {
        assert_eq!(row[net]["fmt"], money.as_str());
        let e = per_channel.entry(text(&row[channel]).to_string()).or_default();
        e.0 += number(&row[net]);
        e.1 += number(&row[qty_base]).to_string().parse::<i64>().unwrap();
    }
    assert_eq!(per_channel["retail"], (d(&r.channels.retail.gross_sales), r.channels.retail.sold_qty_base));
    assert_eq!(per_channel["wholesale"], (d(&r.channels.wholesale.gross_sales), r.channels.wholesale.sold_qty_base));
    assert_eq!(total(&rows(sales).last().unwrap()[net]), d(&r.channels.total.gross_sales), "the totals row");

    // Returns journal likewise.
    let returns = sheet(&sheets, locale, "returns_journal");
    let (channel, net) = (column(returns, "channel", locale), column(returns, "net", locale));
    let body = &rows(returns)[1..rows(returns).len() - 1];
    let mut per_channel: BTreeMap<String, Decimal> = BTreeMap::new();
    for row in body {
        *per_channel.entry(text(&row[channel]).to_string()).or_default() += number(&row[net]);
    }
    assert_eq!(per_channel["retail"], d(&r.channels.retail.returns));
    assert_eq!(per_channel["wholesale"], d(&r.channels.wholesale.returns));
    assert_eq!(total(&rows(returns).last().unwrap()[net]), d(&r.channels.total.returns));

    // Goods receipts of March: the one receipt of 2 cartons of rice cookers (12 pieces).
    let receipts = sheet(&sheets, locale, "receipts");
    assert_eq!(rows(receipts).len(), 1 + 1 + 1);
    let row = &rows(receipts)[1];
    assert_eq!(number(&row[column(receipts, "qty_base", locale)]), d("12"));
    assert_eq!(number(&row[column(receipts, "value", locale)]), price("660", scale), "2 x 330 a carton");
    assert_eq!(row[column(receipts, "value", locale)]["fmt"], money.as_str());

    // Stock valuation at month end: its total is the report's inventory value at the end.
    let stock = sheet(&sheets, locale, "stock_valuation");
    let value = column(stock, "value", locale);
    assert_eq!(rows(stock).len(), 1 + 3 + 1, "three products in stock, and the totals row");
    assert_eq!(total(&rows(stock).last().unwrap()[value]), d(&r.inventory.value_end));
    let on_hand: Vec<(String, Decimal)> = rows(stock)[1..4]
        .iter()
        .map(|row| (text(&row[0]).to_string(), number(&row[column(stock, "on_hand", locale)])))
        .collect();
    assert_eq!(on_hand, vec![("CB".into(), d("5")), ("DS".into(), d("9")), ("RC".into(), d("33"))], "worked by hand");

    // Receivables aging of wholesale buyers at the end of the month.
    let aging = sheet(&sheets, locale, "receivables_aging");
    let t = column(aging, "total", locale);
    for (row, a) in rows(aging)[1..].iter().zip(&r.receivables_aging) {
        assert_eq!(text(&row[0]), a.buyer);
        assert_eq!(number(&row[t]), d(&a.total));
    }
    let owed: Decimal = r.receivables_aging.iter().map(|a| d(&a.total)).sum();
    assert_eq!(total(&rows(aging).last().unwrap()[t]), owed);
}

#[test]
fn the_workbook_read_by_openpyxl_equals_the_report_in_dirhams_and_english() {
    check_workbook("AED", 1, 2, Locale::En);
}

#[test]
fn the_workbook_read_by_openpyxl_equals_the_report_in_yen_and_chinese() {
    check_workbook("JPY", 100, 0, Locale::ZhCn);
}

#[test]
fn the_workbook_read_by_openpyxl_equals_the_report_in_kuwaiti_dinars_and_arabic() {
    check_workbook("KWD", 1, 3, Locale::Ar);
}

fn read_csv(path: &Path) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let rows =
        r.records().map(|rec| header.iter().cloned().zip(rec.unwrap().iter().map(String::from)).collect()).collect();
    (header, rows)
}

#[test]
fn the_csv_journals_re_summed_give_the_report_per_channel() {
    let dir = tempfile::tempdir().unwrap();
    let (book, owner, _) = march(&dir.path().join("shop.sqlite3"), "AED", 1, Locale::Es);
    let r = book.report_month(&owner, "2026-03").unwrap();
    // The hand-worked figures of tests/month_scenario.rs.
    assert_eq!(
        (r.channels.retail.gross_sales.as_str(), r.channels.wholesale.gross_sales.as_str()),
        ("584.00", "1284.00")
    );
    assert_eq!((r.channels.retail.returns.as_str(), r.channels.wholesale.returns.as_str()), ("118.33", "450.00"));
    let out: PathBuf = dir.path().join("pack");
    export(&book, &owner, ExportFormat::Csv, &out, Locale::Es);

    let mut files: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    files.sort();
    assert_eq!(
        files,
        [
            "receipts.csv",
            "receivables_aging.csv",
            "returns_journal.csv",
            "sales_journal.csv",
            "slow_movers.csv",
            "stock_valuation.csv",
            "summary.csv",
            "vat.csv"
        ]
    );

    let (header, sales) = read_csv(&out.join("sales_journal.csv"));
    assert_eq!(
        header,
        [
            "date",
            "doc_no",
            "channel",
            "buyer",
            "buyer_name",
            "line_no",
            "sku",
            "name",
            "unit",
            "qty",
            "qty_base",
            "net",
            "vat_rate_pct",
            "vat",
            "gross"
        ],
        "stable English column names, whatever the user's language"
    );
    let plain = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-');
    let mut per_channel: BTreeMap<String, Decimal> = BTreeMap::new();
    for row in &sales {
        for k in ["net", "vat", "gross"] {
            assert!(plain(&row[k]) && row[k].split('.').nth(1).map(str::len) == Some(2), "{k}: {}", row[k]);
        }
        chrono::DateTime::parse_from_rfc3339(&row["date"]).expect("ISO 8601 with the offset");
        *per_channel.entry(row["channel"].clone()).or_default() += d(&row["net"]);
    }
    assert_eq!(sales[0]["date"], "2026-03-02T10:00:00+04:00");
    assert_eq!(per_channel["retail"], d(&r.channels.retail.gross_sales));
    assert_eq!(per_channel["wholesale"], d(&r.channels.wholesale.gross_sales));

    let (_, returns) = read_csv(&out.join("returns_journal.csv"));
    let mut per_channel: BTreeMap<String, Decimal> = BTreeMap::new();
    for row in &returns {
        *per_channel.entry(row["channel"].clone()).or_default() += d(&row["net"]);
    }
    assert_eq!(per_channel["retail"], d(&r.channels.retail.returns));
    assert_eq!(per_channel["wholesale"], d(&r.channels.wholesale.returns));
    let written_off: Vec<&str> = returns.iter().filter(|r| r["restock"] == "no").map(|r| r["net"].as_str()).collect();
    assert_eq!(written_off, ["18.33"], "the damaged cables, worked by hand");

    let (header, summary) = read_csv(&out.join("summary.csv"));
    assert_eq!(header, ["figure", "retail", "wholesale", "total"]);
    let gross = summary.iter().find(|row| row["figure"] == "gross_sales").unwrap();
    assert_eq!((gross["retail"].as_str(), gross["total"].as_str()), ("584.00", "1868.00"));
}

#[test]
fn the_till_keeps_selling_while_the_month_is_exported() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.sqlite3");
    let (book, owner, now) = march(&db, "AED", 1, Locale::En);
    let mut till = Book::open(&db).unwrap();
    let cashier = till.actor(None).unwrap();
    let mut sold = None;
    let mut progress = |_: ExportProgress| {
        if sold.is_none() {
            // Mid-export, from another connection: a sale commits at once.
            let draft = DocumentDraft::Sale(SaleDraft {
                date: None,
                lines: lines(&[("CB", "1", "piece")]),
                payments: None,
                override_reason: None,
                note: None,
            });
            sold = Some(till.post(&cashier, &draft, now.add_minutes(1)).unwrap().doc_no);
        }
    };
    let out = dir.path().join("april.xlsx");
    let report = book.export_month(&owner, "2026-04", ExportFormat::Xlsx, &out, Locale::En, &mut progress).unwrap();
    let sold = sold.expect("the export reported progress");
    // The export read one snapshot: the sale made during it is not in this pack, and is in the next.
    let journal = |sheets: &[Value]| -> Vec<String> {
        rows(sheet(sheets, Locale::En, "sales_journal"))[1..].iter().map(|r| text(&r[1]).to_string()).collect()
    };
    assert!(!journal(&read_xlsx(&out)).contains(&sold), "{report:?}");
    book.export_month(&owner, "2026-04", ExportFormat::Xlsx, &out, Locale::En, &mut |_| {}).unwrap();
    assert!(journal(&read_xlsx(&out)).contains(&sold));
}

#[test]
fn bad_input_is_refused_with_the_field_in_the_users_language() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.sqlite3");
    drop(march(&db, "AED", 1, Locale::En));
    let not_a_dir = dir.path().join("file");
    std::fs::write(&not_a_dir, "x").unwrap();
    let inside_file = not_a_dir.join("pack.xlsx");
    let cases: Vec<(Vec<&str>, &str, &str)> = vec![
        (vec!["export", "month", "2026-13", "--out", "x.xlsx"], "bad-month", "month"),
        (vec!["export", "month", "March", "--out", "x.xlsx"], "bad-month", "month"),
        (vec!["export", "month", "2026-03", "--format", "docx", "--out", "x.docx"], "unknown-export-format", "format"),
        (vec!["export", "month", "2026-03", "--out", inside_file.to_str().unwrap()], "export-not-writable", "out"),
        (
            vec!["export", "month", "2026-03", "--format", "csv", "--out", inside_file.to_str().unwrap()],
            "export-not-writable",
            "out",
        ),
        (
            vec!["export", "month", "2026-03", "--format", "pdf", "--out", inside_file.to_str().unwrap()],
            "export-not-writable",
            "out",
        ),
        (
            vec!["export", "month", "2026-03", "--format", "pdf", "--out", "x.pdf", "--locale", "xx"],
            "unknown-locale",
            "locale",
        ),
    ];
    for (args, code, field) in cases {
        let mut messages = vec![];
        for lang in ["en", "es"] {
            let mut all = vec!["--json", "--lang", lang];
            all.extend(&args);
            let out = common::onebook(&db, &all);
            assert!(!out.status.success(), "{args:?} must fail");
            let err: Value = serde_json::from_slice(&out.stderr).unwrap();
            assert_eq!(err["error"]["code"], code, "{args:?}");
            assert_eq!(err["error"]["field"], field, "{args:?}");
            messages.push(err["error"]["message"].as_str().unwrap().to_string());
        }
        assert_ne!(messages[0], messages[1], "{code}: the message is translated");
    }
    assert!(!dir.path().join("x.xlsx").exists() && !inside_file.exists(), "nothing written");
}

#[test]
fn the_command_line_writes_the_pack_and_times_the_demo_shop() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    common::ok(common::onebook(&db, &["demo"]));
    let month = chrono::Utc::now().format("%Y-%m").to_string();
    let out = dir.path().join("demo.xlsx");
    let started = std::time::Instant::now();
    let pack =
        common::json(common::onebook(&db, &["--json", "export", "month", &month, "--out", out.to_str().unwrap()]));
    let xlsx_ms = started.elapsed().as_millis();
    let started = std::time::Instant::now();
    let csv_dir = dir.path().join("csv");
    common::json(common::onebook(
        &db,
        &["--json", "export", "month", &month, "--format", "csv", "--out", csv_dir.to_str().unwrap()],
    ));
    let csv_ms = started.elapsed().as_millis();
    println!("demo shop, month {month}: {} rows; XLSX export {xlsx_ms} ms, CSV export {csv_ms} ms (debug build, whole CLI run)", pack["rows"]);
    assert_eq!(pack["parts"].as_array().unwrap().len(), 8);
    let report = common::json(common::onebook(&db, &["--json", "report", "month", &month]));
    let sheets = read_xlsx(&out);
    let summary = sheet(&sheets, Locale::En, "summary");
    let gross = rows(summary).iter().find(|r| text(&r[0]) == "gross_sales").unwrap();
    assert_eq!(number(&gross[4]), d(report["channels"]["total"]["gross_sales"].as_str().unwrap()));
}

#[test]
fn a_cashier_cannot_export_the_month() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.sqlite3");
    let (mut book, owner, now) = march(&db, "AED", 1, Locale::En);
    let new =
        onebook::NewUser { username: "mei".into(), display_name: None, role: onebook::Role::Cashier, locale: None };
    let cashier = book.add_user(&owner, &new, now).unwrap();
    let out = dir.path().join("march.xlsx");
    let err = book.export_month(&cashier, "2026-03", ExportFormat::Xlsx, &out, Locale::En, &mut |_| {}).unwrap_err();
    assert_eq!(err.code(), "permission-denied");
    assert!(!out.exists(), "nothing written");
}
