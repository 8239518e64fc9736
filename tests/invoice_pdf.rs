//! The A4 wholesale invoice as PDF, read back the way anyone else would: `pdftotext` for the text
//! (number, buyer, tax number, total), `pdftoppm` for the pages (saved under
//! `target/test-output/invoice-*.png` to be looked at), in English, Arabic, Thai and Chinese.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use onebook::document::*;
use onebook::{Actor, Book, BuyerTerms, Customer, Locale, ProductInput, ShopSetup, Terms, Timestamp};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn t(text: &str) -> Timestamp {
    Timestamp::parse(text, chrono_tz::Asia::Dubai, "t").unwrap()
}

/// Products in four scripts: (sku, name, VAT %, wholesale price of a carton of 12).
const PRODUCTS: [(&str, &str, &str, &str); 4] = [
    ("RC-18", "Rice cooker 1.8 L", "5", "1000.00"),
    ("BR-5", "أرز بسمتي ٥ كغ", "0", "240.00"),
    ("FS-7", "น้ำปลาแท้ ตราปลาหมึก", "5", "96.50"),
    ("TP-1", "电饭煲内胆 不粘锅", "5", "310.25"),
];

/// Buyers, one per language: (code, name, tax number, locale).
const BUYERS: [(&str, &str, &str, Locale); 4] = [
    ("GULF", "Gulf Traders LLC", "100111222300003", Locale::En),
    ("NOOR", "شركة النور للتجارة العامة", "100333444500003", Locale::Ar),
    ("SIAM", "บริษัท สยามค้าส่ง จำกัด", "0105561234567", Locale::Th),
    ("HUAL", "上海华联贸易有限公司", "91310000MA1K4XYZ7Q", Locale::ZhCn),
];

struct Shop {
    _dir: tempfile::TempDir,
    book: Book,
    owner: Actor,
}

fn shop() -> Shop {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Book::open(dir.path().join("shop.sqlite3")).unwrap();
    let t0 = t("2026-01-01T08:00:00");
    let owner = book
        .init(
            &ShopSetup {
                name: "Al Noor Wholesale".into(),
                tax_number: Some("100234567800003".into()),
                currency: "AED".into(),
                vat_default_pct: d("5"),
                time_zone: "Asia/Dubai".into(),
                locale: Locale::En,
                retail_reserve_default: 0,
                owner_username: "owner".into(),
                owner_name: None,
                series_prefix: None,
            },
            t0,
        )
        .unwrap();
    for (sku, name, vat, price) in PRODUCTS {
        book.upsert_product(
            &owner,
            ProductInput {
                sku: sku.into(),
                name: name.into(),
                base_unit: "piece".into(),
                vat_rate_pct: Some(d(vat)),
                retail_reserve: None,
                allow_negative: false,
                category: None,
                units: vec![("carton".into(), 12)],
                barcodes: vec![],
                retail_prices: vec![("piece".into(), d("10.00"))],
                wholesale_prices: vec![("carton".into(), d(price))],
            },
            t0,
        )
        .unwrap();
        let receipt = DocumentDraft::Receipt(ReceiptDraft {
            date: Some("2026-01-02".into()),
            supplier: None,
            lines: vec![ReceiptLine {
                sku: Some(sku.into()),
                barcode: None,
                qty: d("1000"),
                unit: Some("carton".into()),
                unit_cost: d("50"),
            }],
            note: None,
        });
        book.post(&owner, &receipt, t("2026-01-02T09:00:00")).unwrap();
    }
    for (code, name, tax, locale) in BUYERS {
        let c = Customer {
            code: code.into(),
            name: name.into(),
            tax_number: Some(tax.into()),
            payment_terms_days: 0,
            locale: Some(locale),
        };
        let terms = BuyerTerms { tier: None, credit_limit: None, terms: Some(Terms::Net { days: 30 }) };
        book.add_buyer(&owner, &c, &terms, t0).unwrap();
    }
    Shop { _dir: dir, book, owner }
}

/// An invoice of `cartons[i]` cartons of each product in turn.
fn invoice(s: &mut Shop, buyer: &str, cartons: &[u32]) -> Document {
    let lines = cartons
        .iter()
        .enumerate()
        .map(|(i, n)| SaleLine {
            sku: Some(PRODUCTS[i % PRODUCTS.len()].0.into()),
            barcode: None,
            qty: Decimal::from(*n),
            unit: Some("carton".into()),
            price: None,
        })
        .collect();
    let draft = DocumentDraft::Invoice(InvoiceDraft {
        date: Some("2026-03-10".into()),
        buyer: buyer.into(),
        lines,
        override_reason: None,
        note: None,
    });
    s.book.post(&s.owner, &draft, t("2026-03-10T10:00:00")).unwrap()
}

/// The gross of an invoice worked out here from the price list: per line, net = qty × price, VAT
/// rounded half away from zero to fils per line, as an `1,234.50` text.
fn expected_gross(cartons: &[u32]) -> String {
    let mut total = Decimal::ZERO;
    for (i, n) in cartons.iter().enumerate() {
        let (_, _, vat, price) = PRODUCTS[i % PRODUCTS.len()];
        let net = Decimal::from(*n) * d(price);
        total += net
            + (net * d(vat) / Decimal::from(100))
                .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    }
    onebook::i18n::format_number(Locale::En, &format!("{:.2}", total))
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

/// Render every page at 60 dpi as `<name>-<page>.png`; returns the files.
fn pdftoppm(pdf: &Path, name: &str) -> Vec<PathBuf> {
    let dir = test_output();
    let prefix = dir.join(name);
    let out = Command::new("pdftoppm").args(["-png", "-r", "60"]).arg(pdf).arg(&prefix).output().unwrap();
    assert!(out.status.success(), "pdftoppm: {}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "pdftoppm complains: {}", String::from_utf8_lossy(&out.stderr));
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(&format!("{name}-")))
        .collect();
    pages.sort();
    pages
}

/// Dark pixels of a rendered page (a blank page has none).
fn ink(png_path: &Path) -> usize {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(png_path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    buf[..info.buffer_size()].chunks(channels).filter(|px| px[0] < 128).count()
}

#[test]
fn an_invoice_reads_back_in_english_arabic_thai_and_chinese() {
    let mut s = shop();
    let cartons = [2, 3, 5, 7];
    let gross = expected_gross(&cartons);
    for (code, name, tax, locale) in BUYERS {
        let inv = invoice(&mut s, code, &cartons);
        assert_eq!(onebook::i18n::format_number(Locale::En, &inv.gross), gross);
        // Without a locale the buyer's own language is used.
        let bytes = s.book.invoice_pdf(&s.owner, &inv.doc_no, None).unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
        let tag = locale.tag();
        let path = test_output().join(format!("invoice-{tag}.pdf"));
        std::fs::write(&path, &bytes).unwrap();
        let text = pdftotext(&path);
        let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains(&inv.doc_no), "{tag}: number missing in\n{text}");
        assert!(flat.contains(name), "{tag}: buyer {name} missing in\n{text}");
        assert!(text.contains(tax), "{tag}: buyer's tax number missing in\n{text}");
        assert!(text.contains("100234567800003"), "{tag}: the shop's tax number missing");
        assert!(text.contains(&gross), "{tag}: gross {gross} missing in\n{text}");
        assert!(text.contains("2026-04-09"), "{tag}: due date (net 30 from 10 March) missing in\n{text}");
        assert!(text.contains("ctn × 12"), "{tag}: unit and factor missing");
        // The total in words, worked out by hand from 5,606.97 (see expected_gross): in English on
        // every invoice, and in the buyer's language beside it.
        assert!(flat.contains("Five thousand six hundred six dirhams and ninety-seven fils only"), "{tag}:\n{text}");
        let local_words = match locale {
            Locale::Ar => Some("فقط خمسة آلاف وستمائة وستة دراهم وسبعة وتسعون فلساً لا غير"),
            Locale::Th => Some("ห้าพันหกร้อยหก AED 97/100"),
            Locale::ZhCn => Some("AED 伍仟陆佰零陆元玖角柒分"),
            _ => None,
        };
        if let Some(words) = local_words {
            // Compared without spaces and bidi marks: pdftotext splits an Arabic ending (فلس اً).
            let bare = |t: &str| -> String {
                t.chars().filter(|c| !c.is_whitespace() && !('\u{202A}'..='\u{202E}').contains(c)).collect()
            };
            assert!(bare(&text).contains(&bare(words)), "{tag}: {words} missing in\n{text}");
        }
        // English is always there; the buyer's language beside it.
        assert!(text.contains("Tax invoice"));
        let local_title = onebook::i18n::message(locale, "invoice-title", &[]);
        assert!(flat.contains(&local_title), "{tag}: title {local_title} missing in\n{text}");
        let pages = pdftoppm(&path, &format!("invoice-{tag}"));
        assert_eq!(pages.len(), 1, "{tag}: a four-line invoice is one page");
        assert!(ink(&pages[0]) > 2000, "{tag}: the page is drawn");
        if locale == Locale::ZhCn {
            // The CJK font is subset: the whole collection would be 19 MB.
            assert!(bytes.len() < 1_000_000, "a Chinese invoice is {} bytes", bytes.len());
            println!("Chinese invoice: {} bytes", bytes.len());
        }
    }
}

#[test]
fn an_english_buyer_gets_english_only_and_any_locale_can_be_asked_for() {
    let mut s = shop();
    let inv = invoice(&mut s, "GULF", &[1]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("en.pdf");
    std::fs::write(&path, s.book.invoice_pdf(&s.owner, &inv.doc_no, None).unwrap()).unwrap();
    let text = pdftotext(&path);
    assert!(!text.contains(&onebook::i18n::message(Locale::Es, "invoice-title", &[])));
    assert!(!text.contains(" / "), "no second language for an English buyer:\n{text}");
    for locale in onebook::i18n::ALL {
        let bytes = s.book.invoice_pdf(&s.owner, &inv.doc_no, Some(locale)).unwrap();
        std::fs::write(&path, &bytes).unwrap();
        let text = pdftotext(&path);
        let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let label = onebook::i18n::message(locale, "invoice-due-date", &[]);
        assert!(flat.contains(&label), "{}: {label} missing in\n{text}", locale.tag());
    }
}

#[test]
fn a_credit_note_renders_with_the_same_module() {
    let mut s = shop();
    let inv = invoice(&mut s, "NOOR", &[4, 2]);
    let draft = DocumentDraft::WholesaleReturn(WholesaleReturnDraft {
        date: Some("2026-03-12".into()),
        invoice: inv.doc_no.clone(),
        restock: Some(true),
        lines: vec![ReturnLine { line: Some(1), sku: None, barcode: None, qty: d("1"), unit: None }],
        note: None,
    });
    let cn = s.book.post(&s.owner, &draft, t("2026-03-12T10:00:00")).unwrap();
    let bytes = s.book.invoice_pdf(&s.owner, &cn.doc_no, None).unwrap();
    let path = test_output().join("invoice-credit-note-ar.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let text = pdftotext(&path);
    assert!(text.contains("Credit note"), "{text}");
    assert!(text.contains(&cn.doc_no) && text.contains(&inv.doc_no), "the note and the invoice it corrects:\n{text}");
    // One carton of the rice cooker at 1 000.00 plus 5 % VAT.
    assert!(text.contains("1,050.00"), "{text}");
    assert_eq!(pdftoppm(&path, "invoice-credit-note-ar").len(), 1);
}

#[test]
fn a_hundred_line_invoice_runs_over_pages_and_keeps_its_total() {
    let mut s = shop();
    let cartons: Vec<u32> = (0..100).map(|i| 1 + i % 9).collect();
    let inv = invoice(&mut s, "HUAL", &cartons);
    let started = std::time::Instant::now();
    let bytes = s.book.invoice_pdf(&s.owner, &inv.doc_no, None).unwrap();
    let first = started.elapsed();
    let started = std::time::Instant::now();
    let again = s.book.invoice_pdf(&s.owner, &inv.doc_no, None).unwrap();
    let warm = started.elapsed();
    println!(
        "100-line invoice PDF: {:.1} ms first (fonts read), {:.1} ms warm, {} bytes",
        first.as_secs_f64() * 1000.0,
        warm.as_secs_f64() * 1000.0,
        again.len()
    );
    let path = test_output().join("invoice-100-lines.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let text = pdftotext(&path);
    assert!(text.contains(&expected_gross(&cartons)), "{text}");
    let pages = text.matches("Page ").count();
    assert!(pages >= 3, "100 lines run over pages, each numbered: {pages}");
    assert!(text.contains(&format!("Page {pages} of {pages}")), "{text}");
    // Every line is there, numbered.
    for n in [1, 50, 100] {
        assert!(text.lines().any(|l| l.trim_start().starts_with(&format!("{n} "))), "line {n} missing");
    }
}

#[test]
fn unknown_numbers_and_till_sales_are_refused_in_the_users_language() {
    let mut s = shop();
    let err = s.book.invoice_pdf(&s.owner, "INV-A-999999", None).unwrap_err();
    assert_eq!(err.code(), "unknown-document");
    assert!(err.message(Locale::Ar).contains("INV-A-999999"));
    assert_ne!(err.message(Locale::Ar), err.message(Locale::En));
    let sale = DocumentDraft::Sale(SaleDraft {
        date: Some("2026-03-10".into()),
        lines: vec![SaleLine {
            sku: Some("RC-18".into()),
            barcode: None,
            qty: d("1"),
            unit: Some("piece".into()),
            price: None,
        }],
        payments: None,
        override_reason: None,
        note: None,
    });
    let sale = s.book.post(&s.owner, &sale, t("2026-03-10T11:00:00")).unwrap();
    let err = s.book.invoice_pdf(&s.owner, &sale.doc_no, None).unwrap_err();
    assert_eq!(err.code(), "wrong-document-kind");
    assert!(err.message(Locale::Th).contains(&sale.doc_no));
}

#[test]
fn the_cli_writes_the_pdf() {
    let mut s = shop();
    let inv = invoice(&mut s, "SIAM", &[1, 1, 1]);
    let db = s.book.path().to_path_buf();
    let out_dir = tempfile::tempdir().unwrap();
    let pdf = out_dir.path().join("invoice.pdf");
    let out = common::ok(common::onebook(
        &db,
        &["print", "invoice", &inv.doc_no, "--out", pdf.to_str().unwrap(), "--locale", "zh-CN"],
    ));
    assert!(out.contains(&inv.doc_no), "{out}");
    let text = pdftotext(&pdf);
    assert!(text.contains(&inv.doc_no) && text.contains("增值税发票"), "{text}");
    let out = common::onebook(&db, &["--json", "print", "invoice", "INV-Z-1", "--out", pdf.to_str().unwrap()]);
    assert!(!out.status.success());
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["error"]["code"], "unknown-document");
}

#[test]
fn a_name_no_font_can_draw_is_refused_not_printed_as_boxes() {
    let mut s = shop();
    // Ge'ez script: no installed font has it.
    let c = Customer {
        code: "ADDIS".into(),
        name: "ቡና Trading".into(),
        tax_number: None,
        payment_terms_days: 0,
        locale: Some(Locale::En),
    };
    s.book.add_buyer(&s.owner, &c, &BuyerTerms::default(), t("2026-01-01T08:00:00")).unwrap();
    let inv = invoice(&mut s, "ADDIS", &[1]);
    let err = s.book.invoice_pdf(&s.owner, &inv.doc_no, None).unwrap_err();
    assert_eq!(err.code(), "unprintable-text");
    assert_eq!(err.field(), Some("buyer.name"));
}

#[test]
fn a_cashier_may_not_print_a_wholesale_invoice() {
    let mut s = shop();
    let inv = invoice(&mut s, "GULF", &[1]);
    let user =
        onebook::NewUser { username: "mei".into(), display_name: None, role: onebook::Role::Cashier, locale: None };
    let cashier = s.book.add_user(&s.owner, &user, t("2026-01-01T08:00:00")).unwrap();
    let err = s.book.invoice_pdf(&cashier, &inv.doc_no, None).unwrap_err();
    assert_eq!(err.code(), "permission-denied");
}
