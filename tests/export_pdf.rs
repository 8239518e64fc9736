//! The month summary PDF, read back the way anyone else would: `pdftotext` finds the totals and
//! the title in the reader's language, `pdftoppm` renders the page (kept under
//! `target/test-output/month-*.png` to be looked at) and the chart's bars are found where the
//! days with sales are, and nowhere on a day without. Every expected figure is worked out here
//! from the documents posted, not from the library's report.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use onebook::document::*;
use onebook::export::pdf::{chart_day_span, CHART_PLOT};
use onebook::export::ExportFormat;
use onebook::{Actor, Book, Customer, Locale, ProductInput, ShopSetup, Timestamp};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn line(sku: &str, qty: &str, unit: &str) -> SaleLine {
    SaleLine { sku: Some(sku.into()), barcode: None, qty: d(qty), unit: Some(unit.into()), price: None }
}

/// A March at a Dubai stall: what each local day sold per channel, and the month's figures.
struct Month {
    _dir: tempfile::TempDir,
    db: PathBuf,
    book: Book,
    owner: Actor,
    /// Local day of March -> (retail, wholesale) net sales of the documents posted that day.
    days: BTreeMap<u32, (Decimal, Decimal)>,
    retail: Decimal,
    wholesale: Decimal,
    returns: Decimal,
    minor_units: u32,
}

/// Sales on known local days in both channels, one of them at 01:30 (the previous day in UTC),
/// one at 23:50 on the 31st and one ten minutes into April; a retail return on the 21st; no
/// sales at all on the 10th. Prices are multiplied by `scale` (100 for a 0-decimal currency).
fn march(currency: &str, scale: i64) -> Month {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.sqlite3");
    let mut book = Book::open(&db).unwrap();
    let tz = chrono_tz::Asia::Dubai;
    let t = |s: &str| Timestamp::parse(s, tz, "t").unwrap();
    let t0 = t("2026-02-01T09:00:00");
    let setup = ShopSetup::new("Souk Stall 7", currency, d("5"), "Asia/Dubai");
    let owner = book.init(&setup, t0).unwrap();
    let buyer = Customer {
        code: "B1".into(),
        name: "Gulf Traders".into(),
        tax_number: None,
        payment_terms_days: 30,
        locale: None,
    };
    book.add_customer(&owner, &buyer, t0).unwrap();
    let money = |p: &str| d(p) * Decimal::from(scale);
    for (sku, vat, piece, carton) in [("TEA", "5", "10.50", "100.00"), ("RICE", "0", "25.00", "200.00")] {
        let p = ProductInput {
            sku: sku.into(),
            name: format!("{sku} product"),
            base_unit: "piece".into(),
            vat_rate_pct: Some(d(vat)),
            retail_reserve: None,
            allow_negative: false,
            category: None,
            units: vec![("carton".into(), 12)],
            barcodes: vec![],
            retail_prices: vec![("piece".into(), money(piece))],
            wholesale_prices: vec![("carton".into(), money(carton))],
        };
        book.upsert_product(&owner, p, t0).unwrap();
    }
    let now = t("2026-04-02T12:00:00");
    let receipt = DocumentDraft::Receipt(ReceiptDraft {
        date: Some("2026-02-20T09:00:00".into()),
        supplier: None,
        lines: ["TEA", "RICE"]
            .iter()
            .map(|sku| ReceiptLine {
                sku: Some(sku.to_string()),
                barcode: None,
                qty: d("100"),
                unit: Some("carton".into()),
                unit_cost: money("60"),
            })
            .collect(),
        note: None,
    });
    book.post(&owner, &receipt, now).unwrap();

    // (local date-time, retail lines or None, wholesale lines or None)
    let sale = |date: &str, lines: Vec<SaleLine>| {
        DocumentDraft::Sale(SaleDraft {
            date: Some(date.into()),
            lines,
            payments: None,
            override_reason: None,
            note: None,
        })
    };
    let invoice = |date: &str, lines: Vec<SaleLine>| {
        DocumentDraft::Invoice(InvoiceDraft {
            date: Some(date.into()),
            buyer: "B1".into(),
            lines,
            override_reason: None,
            note: None,
        })
    };
    let drafts = vec![
        (2, sale("2026-03-02T10:00:00", vec![line("TEA", "20", "piece")])),
        (3, invoice("2026-03-03T11:00:00", vec![line("TEA", "3", "carton")])),
        // 01:30 in Dubai is 21:30 UTC on the 4th: it belongs to the 5th.
        (5, sale("2026-03-05T01:30:00", vec![line("RICE", "8", "piece")])),
        (5, sale("2026-03-05T18:00:00", vec![line("TEA", "12", "piece")])),
        (12, sale("2026-03-12T12:00:00", vec![line("RICE", "10", "piece"), line("TEA", "4", "piece")])),
        (12, invoice("2026-03-12T15:00:00", vec![line("RICE", "2", "carton")])),
        (20, sale("2026-03-20T09:00:00", vec![line("TEA", "30", "piece")])),
        (25, invoice("2026-03-25T10:00:00", vec![line("TEA", "1", "carton"), line("RICE", "1", "carton")])),
        // 23:50 on the 31st is 19:50 UTC: still March here.
        (31, sale("2026-03-31T23:50:00", vec![line("RICE", "9", "piece")])),
    ];
    let mut days: BTreeMap<u32, (Decimal, Decimal)> = BTreeMap::new();
    let (mut retail, mut wholesale, mut returns) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    let mut day20 = String::new();
    for (day, draft) in drafts {
        if day > 21 && returns.is_zero() {
            // A return of 5 pieces of the 20th's sale on the 21st: a return, not a sale of the 21st.
            let ret = DocumentDraft::RetailReturn(RetailReturnDraft {
                date: Some("2026-03-21T10:00:00".into()),
                ticket: day20.clone(),
                restock: Some(true),
                lines: vec![ReturnLine {
                    line: Some(1),
                    sku: None,
                    barcode: None,
                    qty: d("5"),
                    unit: Some("piece".into()),
                }],
                note: None,
            });
            returns = d(&book.post(&owner, &ret, now).unwrap().net);
        }
        let doc = book.post(&owner, &draft, now).unwrap();
        let net = d(&doc.net);
        let e = days.entry(day).or_default();
        match draft {
            DocumentDraft::Sale(_) => {
                e.0 += net;
                retail += net;
            }
            _ => {
                e.1 += net;
                wholesale += net;
            }
        }
        if day == 20 {
            day20 = doc.doc_no.clone();
        }
    }
    assert!(!returns.is_zero());
    // Ten minutes into April in Dubai (20:10 UTC on 31 March): not March's.
    book.post(&owner, &sale("2026-04-01T00:10:00", vec![line("TEA", "50", "piece")]), now).unwrap();
    let minor_units = if scale == 1 { 2 } else { 0 };
    Month { _dir: dir, db, book, owner, days, retail, wholesale, returns, minor_units }
}

/// An amount as the summary shows it: the currency's decimals, the locale's separators.
fn shown(v: Decimal, mu: u32, locale: Locale) -> String {
    let mut v = v.round_dp_with_strategy(mu, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    v.rescale(mu);
    onebook::i18n::format_number(locale, &v.to_string())
}

fn test_output() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().unwrap().join("test-output");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext").args(["-layout", "-enc", "UTF-8"]).arg(pdf).arg("-").output().unwrap();
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The first page rendered at 50 dpi: (width, height, RGB pixels).
fn first_page(pdf: &Path, name: &str) -> (usize, usize, Vec<[u8; 3]>) {
    let prefix = test_output().join(name);
    let out = Command::new("pdftoppm")
        .args(["-r", "50", "-png", "-f", "1", "-l", "1", "-singlefile"])
        .arg(pdf)
        .arg(&prefix)
        .output()
        .unwrap();
    assert!(out.status.success(), "pdftoppm: {}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "pdftoppm complains: {}", String::from_utf8_lossy(&out.stderr));
    let png_path = prefix.with_extension("png");
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png_path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let pixels = buf[..info.buffer_size()].chunks(channels).map(|p| [p[0], p[1], p[2]]).collect();
    (info.width as usize, info.height as usize, pixels)
}

/// Pixels of the chart's bars inside `(x0, x1)` points across the plot area: (blue, orange).
fn bar_pixels(page: &(usize, usize, Vec<[u8; 3]>), (x0, x1): (f32, f32)) -> (usize, usize) {
    let (w, _, px) = page;
    let k = 50.0 / 72.0;
    let (_, top, _, bottom) = CHART_PLOT;
    // One pixel in from each side, so a neighbouring day's anti-aliased edge is not counted.
    let cols = ((x0 * k).ceil() as usize + 1)..((x1 * k).floor() as usize).saturating_sub(1);
    let rows = ((top * k) as usize)..((bottom * k) as usize);
    let (mut blue, mut orange) = (0, 0);
    for y in rows {
        for x in cols.clone() {
            let [r, g, b] = px[y * w + x].map(i32::from);
            if b - r > 40 && b > g {
                blue += 1;
            }
            if r - b > 40 && r > g {
                orange += 1;
            }
        }
    }
    (blue, orange)
}

#[test]
fn daily_sales_fall_on_the_shops_local_days() {
    let m = march("AED", 1);
    let daily = m.book.daily_sales(&m.owner, "2026-03").unwrap();
    assert_eq!(daily.len(), 31);
    for (i, day) in daily.iter().enumerate() {
        let n = i as u32 + 1;
        assert_eq!(day.date, format!("2026-03-{n:02}"));
        let (retail, wholesale) = m.days.get(&n).copied().unwrap_or_default();
        assert_eq!(d(&day.retail), retail, "retail on the {n}th");
        assert_eq!(d(&day.wholesale), wholesale, "wholesale on the {n}th");
        assert_eq!(day.retail.split_once('.').map(|(_, f)| f.len()), Some(2), "money with the currency's decimals");
    }
    assert!(d(&daily[4].retail) > Decimal::ZERO, "01:30 on the 5th in Dubai is the 5th");
    assert_eq!(d(&daily[3].retail), Decimal::ZERO, "nothing on the 4th locally");
    let sum: Decimal = daily.iter().map(|x| d(&x.retail) + d(&x.wholesale)).sum();
    assert_eq!(sum, m.retail + m.wholesale, "April's first sale is not March's");
}

#[test]
fn the_summary_reads_back_in_english_arabic_thai_and_chinese_with_a_chart_of_each_day() {
    let m = march("AED", 1);
    let mu = m.minor_units;
    for locale in [Locale::En, Locale::Ar, Locale::Th, Locale::ZhCn] {
        let tag = locale.tag();
        let path = test_output().join(format!("month-summary-{tag}.pdf"));
        let report = m.book.export_month(&m.owner, "2026-03", ExportFormat::Pdf, &path, locale, &mut |_| {}).unwrap();
        assert_eq!(report.path, path.display().to_string());
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(b"%PDF-"), "{tag}: a PDF");
        assert_eq!(bytes, m.book.month_pdf(&m.owner, "2026-03", locale).unwrap(), "{tag}: same bytes both ways");

        let text = pdftotext(&path);
        let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let title = onebook::i18n::message(locale, "month-pdf-title", &[]);
        assert!(flat.contains(&title), "{tag}: title {title} missing in\n{text}");
        assert!(text.contains("2026-03"), "{tag}: the month");
        assert!(text.contains("Souk Stall 7"), "{tag}: the shop");
        let gross = m.retail + m.wholesale;
        for (what, value) in [
            ("retail gross sales", m.retail),
            ("wholesale gross sales", m.wholesale),
            ("total gross sales", gross),
            ("returns", m.returns),
            ("total net sales", gross - m.returns),
            ("retail net sales", m.retail - m.returns),
        ] {
            let s = shown(value, mu, locale);
            assert!(text.contains(&s), "{tag}: {what} {s} missing in\n{text}");
        }
        // Average order value of the wholesale channel: three invoices.
        let aov = shown(m.wholesale / Decimal::from(3), mu, locale);
        assert!(text.contains(&aov), "{tag}: wholesale average order value {aov} missing");
        // The chart's title up to its parenthesis (extractors reorder the currency code inside
        // right-to-left text).
        let chart = onebook::i18n::message(locale, "month-pdf-chart", &[("currency", "AED".into())]);
        let words = chart.split(['(', '（']).next().unwrap().trim();
        assert!(flat.contains(words), "{tag}: chart title {chart} missing in\n{text}");

        // The chart: a blue bar on each day with retail sales, an orange one on each day with
        // wholesale sales, and nothing coloured on the others (the 10th sold nothing).
        let page = first_page(&path, &format!("month-summary-{tag}"));
        for n in 1..=31u32 {
            let (blue, orange) = bar_pixels(&page, chart_day_span(31, n - 1));
            let (retail, wholesale) = m.days.get(&n).copied().unwrap_or_default();
            assert_eq!(blue > 0, retail > Decimal::ZERO, "{tag}: retail bar on the {n}th ({blue} px)");
            assert_eq!(orange > 0, wholesale > Decimal::ZERO, "{tag}: wholesale bar on the {n}th ({orange} px)");
        }
        assert_eq!(bar_pixels(&page, chart_day_span(31, 9)), (0, 0), "{tag}: the 10th has no bar");
        // The tallest retail day (the 20th) has the tallest blue bar of the month.
        let (tallest, _) = bar_pixels(&page, chart_day_span(31, 19));
        let (second, _) = bar_pixels(&page, chart_day_span(31, 1));
        assert!(tallest > second, "{tag}: 30 pieces draw taller than 20 ({tallest} vs {second} px)");
    }
}

#[test]
fn a_zero_decimal_currency_shows_whole_amounts_and_the_cli_writes_chinese() {
    let m = march("JPY", 100);
    let out = m._dir.path().join("march-zh.pdf");
    let printed = common::ok(common::onebook(
        &m.db,
        &["export", "month", "2026-03", "--format", "pdf", "--out", out.to_str().unwrap(), "--locale", "zh-CN"],
    ));
    assert!(printed.contains("2026-03"), "the command says what it wrote: {printed}");
    let text = pdftotext(&out);
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(&onebook::i18n::message(Locale::ZhCn, "month-pdf-title", &[])), "title in\n{text}");
    let gross = shown(m.retail + m.wholesale, 0, Locale::ZhCn);
    assert!(!gross.contains('.'), "no decimals in yen: {gross}");
    assert!(text.contains(&gross), "total gross {gross} missing in\n{text}");
    assert!(text.contains(&shown(m.returns, 0, Locale::ZhCn)), "returns missing in\n{text}");

    // A cashier may not read the month's figures; a month that does not exist is refused; neither
    // leaves a file behind.
    let mut m = m;
    let new =
        onebook::NewUser { username: "mei".into(), display_name: None, role: onebook::Role::Cashier, locale: None };
    let now = Timestamp::parse("2026-04-02T12:00:00", chrono_tz::Asia::Dubai, "t").unwrap();
    let cashier = m.book.add_user(&m.owner, &new, now).unwrap();
    let refused = m.book.month_pdf(&cashier, "2026-03", Locale::En).unwrap_err();
    assert_eq!(refused.code(), "permission-denied");
    let nowhere = m._dir.path().join("never.pdf");
    let bad =
        common::onebook(&m.db, &["export", "month", "2026-13", "--format", "pdf", "--out", nowhere.to_str().unwrap()]);
    assert!(!bad.status.success(), "month 13 is refused");
    assert!(String::from_utf8_lossy(&bad.stderr).contains("bad-month"), "{}", String::from_utf8_lossy(&bad.stderr));
    assert!(!nowhere.exists());
}

/// Every word `pdftotext -bbox` finds on the first page: (text, x min, y min, x max), in points.
fn words(pdf: &Path) -> Vec<(String, f32, f32, f32)> {
    let out = Command::new("pdftotext").args(["-bbox", "-f", "1", "-l", "1"]).arg(pdf).arg("-").output().unwrap();
    assert!(out.status.success(), "pdftotext -bbox: {}", String::from_utf8_lossy(&out.stderr));
    let html = String::from_utf8(out.stdout).unwrap();
    let attr = |tag: &str, name: &str| -> f32 {
        let at = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[at..].split('"').next().unwrap().parse().unwrap()
    };
    html.split("<word ")
        .skip(1)
        .map(|w| {
            let (tag, rest) = w.split_once('>').unwrap();
            let text = rest.split("</word>").next().unwrap().replace("&amp;", "&");
            (text, attr(tag, "xMin"), attr(tag, "yMin"), attr(tag, "xMax"))
        })
        .collect()
}

fn is_arabic(text: &str) -> bool {
    text.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c) || ('\u{FE70}'..='\u{FEFF}').contains(&c))
}

/// The words on the line of the first word equal to `figure`: (the figure's x min, words there).
fn line_of(words: &[(String, f32, f32, f32)], figure: &str) -> (f32, f32, Vec<(String, f32, f32, f32)>) {
    let (_, x_min, y, x_max) = words.iter().find(|w| w.0 == figure).unwrap_or_else(|| panic!("{figure} not found"));
    let on_line = words.iter().filter(|w| (w.2 - y).abs() < 2.0).cloned().collect();
    (*x_min, *x_max, on_line)
}

#[test]
fn the_arabic_summary_reads_right_to_left_labels_right_of_their_figures() {
    let m = march("AED", 1);
    let mu = m.minor_units;
    let mut seen = vec![];
    for locale in [Locale::Ar, Locale::En] {
        let tag = locale.tag();
        let path = test_output().join(format!("month-summary-layout-{tag}.pdf"));
        m.book.export_month(&m.owner, "2026-03", ExportFormat::Pdf, &path, locale, &mut |_| {}).unwrap();
        let words = words(&path);
        // The total gross sales row: its label and the three figures of its channels.
        let total = shown(m.retail + m.wholesale, mu, locale);
        let retail = shown(m.retail, mu, locale);
        let (total_min, total_max, line) = line_of(&words, &total);
        let (retail_min, retail_max, _) = line_of(&words, &retail);
        let label: Vec<_> = line.iter().filter(|w| w.0.chars().any(char::is_alphabetic)).collect();
        assert!(!label.is_empty(), "{tag}: a label on the gross sales line: {line:?}");
        let label_min = label.iter().map(|w| w.1).fold(f32::MAX, f32::min);
        let label_max = label.iter().map(|w| w.3).fold(f32::MIN, f32::max);
        if locale == Locale::Ar {
            assert!(label.iter().all(|w| is_arabic(&w.0)), "ar: the label is Arabic: {label:?}");
            assert!(label_min > total_max && label_min > retail_max, "ar: label {label:?} right of its figures");
            assert!(retail_min > total_max, "ar: columns mirrored: retail {retail_min} right of total {total_max}");
            assert!(label_min > 297.5, "ar: the label on the right half of the page ({label_min})");
            // The chart's title ends at the right margin and its legend sits under it on the right
            // (pdftotext gives Arabic words in drawing order: matched by band, not by spelling).
            let top = CHART_PLOT.1;
            let band = |from: f32, to: f32| -> Vec<&(String, f32, f32, f32)> {
                words.iter().filter(|w| w.2 > top - from && w.2 < top - to && is_arabic(&w.0)).collect()
            };
            let title = band(40.0, 26.0);
            assert!(!title.is_empty(), "ar: the chart's title above the chart: {words:?}");
            assert!(title.iter().map(|w| w.3).fold(f32::MIN, f32::max) > 550.0, "ar: title at the right: {title:?}");
            let legend = band(26.0, 0.0);
            assert_eq!(legend.len(), 2, "ar: retail and wholesale in the legend: {legend:?}");
            assert!(legend.iter().all(|w| w.1 > 297.5), "ar: the legend on the right: {legend:?}");
        } else {
            assert!(label_max < retail_min && retail_max < total_min, "en: label, retail, total left to right");
            assert!(label_max < 297.5, "en: the label on the left half ({label_max})");
        }
        // Numbers read left to right in both: the figure is found whole, digits in order.
        assert!(words.iter().any(|w| w.0 == total), "{tag}: {total} read whole");
        seen.push((tag, label_min));
    }
    // Rendered for looking at (target/test-output/month-summary-layout-ar.png).
    for (tag, _) in &seen {
        let pdf = test_output().join(format!("month-summary-layout-{tag}.pdf"));
        let png = test_output().join(format!("month-summary-layout-{tag}"));
        let out = Command::new("pdftoppm")
            .args(["-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile"])
            .arg(&pdf)
            .arg(&png)
            .output()
            .unwrap();
        assert!(out.status.success(), "pdftoppm: {}", String::from_utf8_lossy(&out.stderr));
    }
}
