//! The counter's hardware: a sale's receipt reaches a real network printer socket, a real serial
//! line (a socat pseudo-terminal pair) and a spool file; the bytes are decoded here, command by
//! command, and must say what the ledger says. A serial scanner's codes arrive one per scan and
//! keep arriving after the scanner is unplugged and plugged back in.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use onebook::devices::{Paper, PaperState, ReceiptOptions, ScanEvent, Scanner, ScannerConfig, Suffix, Target};
use onebook::{Book, Document, DocumentDraft, Locale, ProductInput, ShopSetup, Timestamp};
use rust_decimal::Decimal;

// ---------------------------------------------------------------------------------------------
// An ESC/POS decoder, written from the command reference, independent of the library's encoder.

/// Code page 858, bytes 0x80..=0xFF (from the code page's published table).
const PC858: &str = "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈ€ÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u{ad}±‗¾¶§÷¸°¨·¹³²■\u{a0}";

/// A `GS v 0` image: bytes per row, rows, 1 bit per dot (1 = black).
#[derive(Debug, Clone)]
struct Image {
    width_bytes: usize,
    height: usize,
    bits: Vec<u8>,
}

/// What came out, in order: a text line, an image, a barcode.
#[derive(Debug, Clone)]
enum Element {
    Text(String),
    Image(Image),
    Barcode(String),
}

#[derive(Debug, Default)]
struct Decoded {
    elements: Vec<Element>,
    images: Vec<Image>,
    initialised: bool,
    code_page: Option<u8>,
    lines: Vec<String>,
    barcodes: Vec<String>,
    cuts: usize,
    drawer_kicks: usize,
    /// Anything after the cut (there must be nothing).
    bytes_after_cut: usize,
}

impl Decoded {
    fn text(&self) -> String {
        self.lines.join("\n")
    }
    /// The right-hand figure of the line starting with `label` (after trimming).
    fn figure_after(&self, label: &str) -> Option<String> {
        self.lines
            .iter()
            .find(|l| l.trim_start().starts_with(label))
            .map(|l| l.split_whitespace().last().unwrap_or("").to_string())
    }
}

fn decode(bytes: &[u8]) -> Decoded {
    let table: Vec<char> = PC858.chars().collect();
    assert_eq!(table.len(), 128);
    let mut d = Decoded::default();
    let mut line = String::new();
    let mut i = 0;
    let arg = |i: usize, n: usize| -> &[u8] {
        assert!(i + n <= bytes.len(), "command at {i} cut short");
        &bytes[i..i + n]
    };
    while i < bytes.len() {
        if d.cuts > 0 {
            d.bytes_after_cut += 1;
        }
        match bytes[i] {
            0x1B => {
                let cmd = arg(i + 1, 1)[0];
                i += 2;
                match cmd {
                    b'@' => d.initialised = true,
                    b't' => {
                        d.code_page = Some(arg(i, 1)[0]);
                        i += 1;
                    }
                    b'a' | b'E' | b'd' => {
                        assert!(cmd != b'a' || arg(i, 1)[0] <= 2, "alignment 0, 1 or 2");
                        i += 1;
                    }
                    b'p' => {
                        let a = arg(i, 3);
                        assert!(a[0] <= 1 || a[0] == 48 || a[0] == 49, "drawer pin");
                        d.drawer_kicks += 1;
                        i += 3;
                    }
                    other => panic!("unknown ESC {other:#x} at {i}"),
                }
            }
            0x1D => {
                let cmd = arg(i + 1, 1)[0];
                i += 2;
                match cmd {
                    b'!' | b'h' | b'w' | b'H' => i += 1,
                    b'k' => {
                        let m = arg(i, 1)[0];
                        assert_eq!(m, 73, "Code128 is GS k 73");
                        let n = arg(i + 1, 1)[0] as usize;
                        let data = arg(i + 2, n);
                        assert_eq!(&data[..2], b"{B", "code set B chosen first");
                        d.barcodes.push(String::from_utf8(data[2..].to_vec()).unwrap());
                        d.elements.push(Element::Barcode(d.barcodes.last().unwrap().clone()));
                        i += 2 + n;
                    }
                    b'v' => {
                        let a = arg(i, 6);
                        assert_eq!((a[0], a[1]), (b'0', 0), "GS v 0, normal density");
                        let width_bytes = a[2] as usize + 256 * a[3] as usize;
                        let height = a[4] as usize + 256 * a[5] as usize;
                        let bits = arg(i + 6, width_bytes * height).to_vec();
                        let image = Image { width_bytes, height, bits };
                        d.images.push(image.clone());
                        d.elements.push(Element::Image(image));
                        i += 6 + width_bytes * height;
                    }
                    b'V' => {
                        let m = arg(i, 1)[0];
                        i += if m == 65 || m == 66 { 2 } else { 1 };
                        d.cuts += 1;
                    }
                    other => panic!("unknown GS {other:#x} at {i}"),
                }
            }
            b'\n' => {
                d.elements.push(Element::Text(line.clone()));
                d.lines.push(std::mem::take(&mut line));
                i += 1;
            }
            b if b < 0x20 || b == 0x7F => panic!("control byte {b:#x} at {i} in text"),
            b if b < 0x80 => {
                line.push(b as char);
                i += 1;
            }
            b => {
                line.push(table[(b - 0x80) as usize]);
                i += 1;
            }
        }
    }
    assert!(line.is_empty(), "text after the last line feed: {line:?}");
    d
}

// ---------------------------------------------------------------------------------------------
// A small shop with a sale: 2 cartons of 24 cables at 5 % VAT, 3 loose bread rolls at 0 %.

fn shop(dir: &Path) -> (Book, Document) {
    let mut book = Book::open(dir.join("shop.sqlite3")).unwrap();
    let now = Timestamp::now();
    let owner = book
        .init(
            &ShopSetup {
                tax_number: Some("100234567800003".into()),
                series_prefix: Some("A".into()),
                ..ShopSetup::new("Al Noor Trading", "AED", Decimal::from(5), "Asia/Dubai")
            },
            now,
        )
        .unwrap();
    book.add_user(
        &owner,
        &onebook::NewUser { username: "maria".into(), display_name: None, role: onebook::Role::Cashier, locale: None },
        now,
    )
    .unwrap();
    let product =
        |sku: &str, name: &str, vat: i64, units: Vec<(String, i64)>, prices: Vec<(String, Decimal)>| ProductInput {
            sku: sku.into(),
            name: name.into(),
            base_unit: "piece".into(),
            vat_rate_pct: Some(Decimal::from(vat)),
            retail_reserve: Some(0),
            allow_negative: false,
            category: None,
            units,
            barcodes: vec![],
            retail_prices: prices,
            wholesale_prices: vec![],
        };
    let mut cable = product(
        "CABLE-USBC",
        "USB-C cable 1 m",
        5,
        vec![("carton".into(), 24)],
        vec![("piece".into(), Decimal::new(1200, 2)), ("carton".into(), Decimal::new(26000, 2))],
    );
    cable.barcodes = vec![("piece".into(), "6291041500213".into())];
    book.upsert_product(&owner, cable, now).unwrap();
    book.upsert_product(
        &owner,
        product("ROLL", "Bread roll", 0, vec![], vec![("piece".into(), Decimal::new(150, 2))]),
        now,
    )
    .unwrap();
    let receipt = serde_json::json!({"kind": "receipt", "lines": [
        {"sku": "CABLE-USBC", "qty": 2000, "unit": "carton", "unit_cost": "150"},
        {"sku": "ROLL", "qty": 5000, "unit_cost": "0.5"}]});
    book.post(&owner, &DocumentDraft::from_value(receipt).unwrap(), now).unwrap();
    let sale = book.post(&book.actor(Some("maria")).unwrap(), &sale_draft(), now).unwrap();
    (book, sale)
}

fn sale_draft() -> DocumentDraft {
    DocumentDraft::from_value(serde_json::json!({"kind": "sale", "lines": [
        {"sku": "CABLE-USBC", "qty": 2, "unit": "carton"},
        {"sku": "ROLL", "qty": 3}],
        "payments": [{"method": "card", "amount": "100"}, {"method": "cash", "amount": "500"}]}))
    .unwrap()
}

fn dec(text: &str) -> Decimal {
    Decimal::from_str_exact(&text.replace(',', "")).unwrap()
}

fn options(paper: Paper, kick_drawer: bool) -> ReceiptOptions {
    ReceiptOptions { paper, locale: Locale::En, kick_drawer }
}

/// What a receipt must say about the sale, whatever the paper.
fn assert_receipt_matches(d: &Decoded, sale: &Document, columns: usize) {
    assert!(d.initialised, "the printer is reset first");
    assert_eq!(d.code_page, Some(19), "code page PC858 is selected");
    assert_eq!(d.barcodes, vec![sale.doc_no.clone()], "the ticket number is the barcode the returns screen types back");
    assert_eq!(d.cuts, 1);
    assert_eq!(d.bytes_after_cut, 0, "the cut ends the receipt");
    for l in &d.lines {
        assert!(l.chars().count() <= columns, "{l:?} is wider than {columns} columns");
    }
    let text = d.text();
    assert!(text.contains("Al Noor"), "shop header: {text}");
    assert!(text.contains("100234567800003"), "the shop's tax number");
    assert!(d.lines.iter().any(|l| l.contains(&sale.doc_no)), "the ticket number in words");
    assert!(text.contains("maria"), "the staff member");
    // Lines with their units: 2 cartons of 24 and 3 loose pieces, each with its amount.
    assert_eq!(sale.lines.len(), 2);
    let carton = d.lines.iter().position(|l| l.contains("2 ctn × 24")).expect("2 ctn × 24 printed");
    assert!(d.lines[carton - 1].contains("USB-C cable"), "the name above its quantity");
    assert_eq!(d.lines[carton].split_whitespace().last().map(dec), Some(dec(&sale.lines[0].gross)));
    let rolls = d.lines.iter().position(|l| l.trim_start().starts_with("3 pcs")).expect("3 pcs printed");
    assert!(d.lines[rolls - 1].contains("Bread roll"));
    assert_eq!(d.lines[rolls].split_whitespace().last().map(dec), Some(dec(&sale.lines[1].gross)));
    // Totals as the ledger has them, VAT by rate adding up to the sale's VAT.
    assert_eq!(d.figure_after("TOTAL").map(|f| dec(&f)), Some(dec(&sale.gross)));
    assert_eq!(d.figure_after("Net").map(|f| dec(&f)), Some(dec(&sale.net)));
    let vat_lines: Vec<&String> =
        d.lines.iter().filter(|l| l.trim_start().starts_with("VAT ") && l.contains('%')).collect();
    assert_eq!(vat_lines.len(), 2, "one VAT line per rate (5 % and 0 %): {vat_lines:?}");
    let vat_sum: Decimal = vat_lines.iter().map(|l| dec(l.split_whitespace().last().unwrap())).sum();
    assert_eq!(vat_sum, dec(&sale.vat));
    // Payments and change.
    assert_eq!(d.figure_after("Card").map(|f| dec(&f)), Some(Decimal::from(100)));
    assert_eq!(d.figure_after("Cash").map(|f| dec(&f)), Some(Decimal::from(500)));
    let change = Decimal::from(600) - dec(&sale.gross);
    assert_eq!(d.figure_after("Change").map(|f| dec(&f)), Some(change), "change is tendered minus total");
}

#[test]
fn a_receipt_on_58_and_80_mm_paper_says_what_the_ledger_says() {
    let dir = tempfile::tempdir().unwrap();
    let (book, sale) = shop(dir.path());
    for (paper, columns) in [(Paper::Mm58, 32), (Paper::Mm80, 48)] {
        let bytes = book.receipt_bytes(&sale.doc_no, &options(paper, false)).unwrap();
        let d = decode(&bytes);
        assert_receipt_matches(&d, &sale, columns);
        assert_eq!(d.drawer_kicks, 0, "no drawer unless asked");
        assert!(d.lines.iter().any(|l| l.len() == columns && l.chars().all(|c| c == '-')), "rules span the paper");
    }
    // A cash sale with the drawer option opens the drawer once; a card-only sale never does.
    let d = decode(&book.receipt_bytes(&sale.doc_no, &options(Paper::Mm80, true)).unwrap());
    assert_eq!(d.drawer_kicks, 1);
    let mut book = book;
    let card_only = DocumentDraft::from_value(serde_json::json!({"kind": "sale",
        "lines": [{"sku": "ROLL", "qty": 2}], "payments": [{"method": "card", "amount": "3"}]}))
    .unwrap();
    let card_sale = book.post(&book.actor(Some("maria")).unwrap(), &card_only, Timestamp::now()).unwrap();
    let d = decode(&book.receipt_bytes(&card_sale.doc_no, &options(Paper::Mm80, true)).unwrap());
    assert_eq!(d.drawer_kicks, 0, "a card sale does not open the drawer");
    assert_eq!(d.barcodes, vec![card_sale.doc_no]);
}

#[test]
fn spanish_and_portuguese_receipts_print_their_accents_through_the_code_page() {
    let dir = tempfile::tempdir().unwrap();
    let (book, sale) = shop(dir.path());
    let es = decode(
        &book
            .receipt_bytes(&sale.doc_no, &ReceiptOptions { locale: Locale::Es, ..options(Paper::Mm80, false) })
            .unwrap(),
    );
    assert!(es.text().contains("Efectivo") && es.text().contains("Le atendió maria"), "{}", es.text());
    let pt = decode(
        &book
            .receipt_bytes(&sale.doc_no, &ReceiptOptions { locale: Locale::Pt, ..options(Paper::Mm58, false) })
            .unwrap(),
    );
    assert!(pt.text().contains("Cartão"), "{}", pt.text());
    // Amounts follow the language: 1.234,56 in Portuguese.
    let total = pt.lines.iter().find(|l| l.starts_with("TOTAL")).unwrap();
    assert!(total.ends_with(&sale.gross.replace('.', ",")), "{total} vs {}", sale.gross);
}

/// Where rendered samples go to be looked at: `target/test-output/`.
fn test_output() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().unwrap().join("test-output");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The receipt as the paper would show it, as a PNG: images as they are, text lines and barcodes
/// drawn with the library's line renderer (only for looking at; nothing is asserted on it).
fn save_png(d: &Decoded, width_dots: usize, path: &Path) {
    let mut rows: Vec<Vec<bool>> = vec![];
    let mut push = |image: &Image| {
        for y in 0..image.height {
            rows.push(
                (0..width_dots)
                    .map(|x| {
                        x / 8 < image.width_bytes && image.bits[y * image.width_bytes + x / 8] & (0x80 >> (x % 8)) != 0
                    })
                    .collect(),
            );
        }
    };
    for e in &d.elements {
        let drawn = match e {
            Element::Image(image) => image.clone(),
            Element::Text(t) | Element::Barcode(t) => {
                let shown = if matches!(e, Element::Barcode(_)) { format!("||||| {t} |||||") } else { t.clone() };
                let place = if matches!(e, Element::Barcode(_)) {
                    onebook::devices::raster::Place::Center
                } else {
                    onebook::devices::raster::Place::Left
                };
                let r = onebook::devices::raster::line(&[(&shown, place)], width_dots, Locale::En);
                Image { width_bytes: r.width_dots / 8, height: r.height_dots, bits: r.bits }
            }
        };
        push(&drawn);
    }
    let file = std::fs::File::create(path).unwrap();
    let mut enc = png::Encoder::new(std::io::BufWriter::new(file), width_dots as u32, rows.len() as u32);
    enc.set_color(png::ColorType::Grayscale);
    enc.set_depth(png::BitDepth::Eight);
    let mut w = enc.write_header().unwrap();
    let data: Vec<u8> = rows.iter().flat_map(|r| r.iter().map(|b| if *b { 0u8 } else { 255u8 })).collect();
    w.write_image_data(&data).unwrap();
}

#[test]
fn arabic_thai_and_chinese_receipts_print_their_labels_as_shaped_images() {
    let dir = tempfile::tempdir().unwrap();
    let (book, sale) = shop(dir.path());
    for (locale, paper, dots) in [
        (Locale::Ar, Paper::Mm80, 576),
        (Locale::Th, Paper::Mm58, 384),
        (Locale::ZhCn, Paper::Mm80, 576),
        (Locale::ZhTw, Paper::Mm58, 384),
    ] {
        let bytes = book.receipt_bytes(&sale.doc_no, &ReceiptOptions { locale, ..options(paper, true) }).unwrap();
        let d = decode(&bytes);
        assert_eq!(d.barcodes, vec![sale.doc_no.clone()], "{}: the ticket barcode", locale.tag());
        assert_eq!(d.cuts, 1);
        assert_eq!(d.drawer_kicks, 1);
        // The labels (receipt, date, net, VAT, total, payments, change, staff, thanks) are images
        // spanning the paper, each with ink on it.
        assert!(d.images.len() >= 10, "{}: {} images", locale.tag(), d.images.len());
        for image in &d.images {
            assert_eq!(image.width_bytes * 8, dots, "{}: an image spans the paper", locale.tag());
            assert!(image.bits.iter().any(|b| *b != 0), "{}: a blank image", locale.tag());
        }
        // Lines the code page holds still go as text: the items with their units and amounts.
        let carton = d.lines.iter().find(|l| l.contains("2 ctn × 24")).expect("the carton line as text");
        assert_eq!(carton.split_whitespace().last().map(dec), Some(dec(&sale.lines[0].gross)));
        assert!(d.text().contains("USB-C cable"));
        // Where the ink lies: a pair line has its label at one edge and its figure at the other;
        // the staff line sits on the side the language starts from (right in Arabic).
        let ink_in = |image: &Image, from: usize, to: usize| {
            (0..image.height)
                .any(|y| (from..to).any(|x| image.bits[y * image.width_bytes + x / 8] & (0x80 >> (x % 8)) != 0))
        };
        let edge = dots / 8;
        let both = d.images.iter().filter(|i| ink_in(i, 0, edge) && ink_in(i, dots - edge, dots)).count();
        assert!(both >= 9, "{}: {both} label-and-figure lines", locale.tag());
        let one_side = |i: &Image| (ink_in(i, 0, edge), ink_in(i, dots - edge, dots));
        let (left_only, right_only) = (
            d.images.iter().filter(|i| one_side(i) == (true, false)).count(),
            d.images.iter().filter(|i| one_side(i) == (false, true)).count(),
        );
        if locale.is_rtl() {
            assert!(right_only >= 1 && left_only == 0, "{}: text starts at the right", locale.tag());
        } else {
            assert!(left_only >= 1 && right_only == 0, "{}: text starts at the left", locale.tag());
        }
        save_png(&d, dots, &test_output().join(format!("receipt-{}.png", locale.tag())));
    }
}

#[test]
fn text_no_font_can_draw_is_refused_not_printed_as_garbage() {
    let dir = tempfile::tempdir().unwrap();
    let (mut book, _) = shop(dir.path());
    let owner = book.actor(None).unwrap();
    // Ge'ez script: neither the printer's code page nor any installed font has it.
    let name = "ቡና Coffee";
    let input = ProductInput {
        sku: "BUNA".into(),
        name: name.into(),
        base_unit: "piece".into(),
        vat_rate_pct: None,
        retail_reserve: Some(0),
        allow_negative: true,
        category: None,
        units: vec![],
        barcodes: vec![],
        retail_prices: vec![("piece".into(), Decimal::from(10))],
        wholesale_prices: vec![],
    };
    book.upsert_product(&owner, input, Timestamp::now()).unwrap();
    let draft = DocumentDraft::from_value(serde_json::json!({"kind": "sale", "lines": [{"sku": "BUNA", "qty": 1}]}));
    let sale = book.post(&owner, &draft.unwrap(), Timestamp::now()).unwrap();
    let e = book.receipt_bytes(&sale.doc_no, &options(Paper::Mm80, false)).unwrap_err();
    assert_eq!(e.code(), "unprintable-text");
    assert_eq!(e.field(), Some("lines[0].name"));
    for locale in onebook::i18n::ALL {
        assert!(!e.message(locale).starts_with("error-"), "{}", locale.tag());
    }
    // A spool file given such a receipt stays untouched, and the sale stays committed.
    let spool = dir.path().join("spool.bin");
    let to = Target::parse(spool.to_str().unwrap(), "to").unwrap();
    let e = book.print_receipt(&owner, &sale.doc_no, &to, &options(Paper::Mm58, false)).unwrap_err();
    assert_eq!(e.code(), "unprintable-text");
    assert!(!spool.exists());
    assert_eq!(book.document(&sale.doc_no).unwrap(), sale);
}

// ---------------------------------------------------------------------------------------------
// TCP: a real listener on 127.0.0.1.

fn listener() -> (TcpListener, u16) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    (l, port)
}

/// Paper sensor answers to `DLE EOT 4` (ESC/POS: fixed bits 0x12, 0x0C near end, 0x60 out).
const PAPER_OK: u8 = 0x12;
const PAPER_LOW: u8 = 0x1E;
const PAPER_OUT: u8 = 0x72;

/// A network printer: accepts `count` connections; when asked about its paper (`DLE EOT 4`) it
/// answers `paper` (`None`: it never answers, like a one-way print server), and hands back what
/// each connection sent besides the question, whole (read until the printer-side EOF).
fn printer(l: TcpListener, count: usize, paper: Option<u8>) -> mpsc::Receiver<Vec<u8>> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for _ in 0..count {
            let (mut s, _) = l.accept().unwrap();
            let mut got = vec![0u8; 3];
            let n = read_up_to(&mut s, &mut got);
            got.truncate(n);
            if got == [0x10, 0x04, 0x04] {
                got.clear();
                if let Some(b) = paper {
                    let _ = s.write_all(&[b]);
                }
            }
            s.read_to_end(&mut got).unwrap();
            tx.send(got).unwrap();
        }
    });
    rx
}

fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> usize {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) | Err(_) => break,
            Ok(k) => n += k,
        }
    }
    n
}

/// A network printer with paper that answers at once.
fn receive(l: TcpListener, count: usize) -> mpsc::Receiver<Vec<u8>> {
    printer(l, count, Some(PAPER_OK))
}

#[test]
fn a_network_printer_gets_the_whole_receipt_and_an_offline_one_keeps_the_sale() {
    let dir = tempfile::tempdir().unwrap();
    let (book, sale) = shop(dir.path());
    let cashier = book.actor(Some("maria")).unwrap();
    let (l, port) = listener();
    let got = receive(l, 1);
    let to = Target::parse(&format!("tcp://127.0.0.1:{port}"), "to").unwrap();
    let report = book.print_receipt(&cashier, &sale.doc_no, &to, &options(Paper::Mm80, true)).unwrap();
    let bytes = got.recv_timeout(Duration::from_secs(10)).unwrap();
    assert_eq!(bytes.len(), report.bytes, "every byte arrived");
    assert_eq!(report.paper, PaperState::Ok, "the printer was asked about its paper and has some");
    let d = decode(&bytes);
    assert_receipt_matches(&d, &sale, 48);
    assert_eq!(d.drawer_kicks, 1, "a cash sale opens the drawer");
    assert!(report.drawer_kicked);

    // The printer is switched off: nothing listens on its port any more.
    let (l, dead_port) = listener();
    drop(l);
    let off = Target::parse(&format!("tcp://127.0.0.1:{dead_port}"), "to").unwrap();
    let e = book.print_receipt(&cashier, &sale.doc_no, &off, &options(Paper::Mm58, false)).unwrap_err();
    assert_eq!(e.code(), "printer-offline");
    assert!(e.message(Locale::En).contains(&format!("127.0.0.1:{dead_port}")), "{}", e.message(Locale::En));
    for locale in onebook::i18n::ALL {
        assert!(!e.message(locale).contains("error-"), "{} has the message", locale.tag());
    }
    // The sale is still there, whole, and the receipt can be printed again once the printer is back.
    let again = book.document(&sale.doc_no).unwrap();
    assert_eq!(again, sale);
    let (l, port) = listener();
    let got = receive(l, 1);
    let back = Target::parse(&format!("tcp://127.0.0.1:{port}"), "to").unwrap();
    book.print_receipt(&cashier, &sale.doc_no, &back, &options(Paper::Mm58, false)).unwrap();
    assert_receipt_matches(&decode(&got.recv_timeout(Duration::from_secs(10)).unwrap()), &sale, 32);
}

#[test]
fn a_printer_out_of_paper_gets_no_job_and_the_sale_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (book, sale) = shop(dir.path());
    let cashier = book.actor(Some("maria")).unwrap();
    let opts = options(Paper::Mm80, true);
    let expected = book.receipt_bytes(&sale.doc_no, &opts).unwrap();

    // The roll is out: the job is refused before a byte of it is sent (no half receipt, no drawer).
    let (l, port) = listener();
    let got = printer(l, 1, Some(PAPER_OUT));
    let to = Target::parse(&format!("tcp://127.0.0.1:{port}"), "to").unwrap();
    let e = book.print_receipt(&cashier, &sale.doc_no, &to, &opts).unwrap_err();
    assert_eq!(e.code(), "printer-out-of-paper");
    assert!(e.message(Locale::En).contains(&format!("127.0.0.1:{port}")), "{}", e.message(Locale::En));
    for locale in onebook::i18n::ALL {
        assert!(!e.message(locale).contains("error-"), "{} has the message", locale.tag());
    }
    assert!(got.recv_timeout(Duration::from_secs(10)).unwrap().is_empty(), "nothing but the question was sent");
    assert_eq!(book.document(&sale.doc_no).unwrap(), sale, "the sale is kept");

    // A new roll, nearly finished: the receipt prints, and the report says to change it soon.
    let (l, port) = listener();
    let got = printer(l, 1, Some(PAPER_LOW));
    let to = Target::parse(&format!("tcp://127.0.0.1:{port}"), "to").unwrap();
    let report = book.print_receipt(&cashier, &sale.doc_no, &to, &opts).unwrap();
    assert_eq!(report.paper, PaperState::Low);
    assert_eq!(got.recv_timeout(Duration::from_secs(10)).unwrap(), expected);

    // A printer that never answers prints all the same (its paper is unknown).
    let (l, port) = listener();
    let got = printer(l, 1, None);
    let to = Target::parse(&format!("tcp://127.0.0.1:{port}"), "to").unwrap();
    let report = book.print_receipt(&cashier, &sale.doc_no, &to, &opts).unwrap();
    assert_eq!(report.paper, PaperState::Unknown);
    assert_eq!(got.recv_timeout(Duration::from_secs(10)).unwrap(), expected);

    // status=off: not even asked; the job is all the printer gets.
    let (l, port) = listener();
    let got = printer(l, 1, Some(PAPER_OUT));
    let to = Target::parse(&format!("tcp://127.0.0.1:{port}?status=off"), "to").unwrap();
    let report = book.print_receipt(&cashier, &sale.doc_no, &to, &opts).unwrap();
    assert_eq!(report.paper, PaperState::Unknown);
    assert_eq!(got.recv_timeout(Duration::from_secs(10)).unwrap(), expected);
}

/// A USB printer's device file refuses writes with "no space" while its paper is out (Linux usblp).
/// /dev/full is a real character device that answers every write exactly so.
#[test]
fn a_usb_printer_device_that_says_no_space_is_out_of_paper() {
    let dir = tempfile::tempdir().unwrap();
    let (book, sale) = shop(dir.path());
    let cashier = book.actor(Some("maria")).unwrap();
    let to = Target::parse("/dev/full", "to").unwrap();
    let e = book.print_receipt(&cashier, &sale.doc_no, &to, &options(Paper::Mm58, false)).unwrap_err();
    assert_eq!(e.code(), "printer-out-of-paper");
    assert!(e.message(Locale::En).contains("/dev/full"));
    // A spool file in a folder that is not there is offline, not out of paper.
    let gone = Target::parse(&format!("file://{}/no/such/spool.bin", dir.path().display()), "to").unwrap();
    let e = book.print_receipt(&cashier, &sale.doc_no, &gone, &options(Paper::Mm58, false)).unwrap_err();
    assert_eq!(e.code(), "printer-offline");
    assert_eq!(book.document(&sale.doc_no).unwrap(), sale);
}

#[test]
fn a_warehouse_clerk_may_not_print_till_receipts() {
    let dir = tempfile::tempdir().unwrap();
    let (mut book, sale) = shop(dir.path());
    let owner = book.actor(None).unwrap();
    let clerk = onebook::NewUser {
        username: "somchai".into(),
        display_name: None,
        role: onebook::Role::Warehouse,
        locale: None,
    };
    let clerk = book.add_user(&owner, &clerk, Timestamp::now()).unwrap();
    let spool = dir.path().join("spool.bin");
    let to = Target::File { path: spool.clone() };
    let e = book.print_receipt(&clerk, &sale.doc_no, &to, &options(Paper::Mm80, true)).unwrap_err();
    assert_eq!(e.code(), "permission-denied");
    assert!(!spool.exists(), "nothing was printed and no drawer opened");
}

/// From a committed sale to its receipt written to a TCP printer, 200 times per language: p50
/// and p99. English goes as text; Arabic and Thai labels as shaped images.
#[test]
fn benchmark_sale_to_receipt_on_a_network_printer() {
    let dir = tempfile::tempdir().unwrap();
    let (mut book, _) = shop(dir.path());
    let cashier = book.actor(Some("maria")).unwrap();
    let rounds = 200;
    for locale in [Locale::En, Locale::Ar, Locale::Th] {
        let (l, port) = listener();
        let got = receive(l, rounds);
        let to = Target::parse(&format!("tcp://127.0.0.1:{port}"), "to").unwrap();
        let opts = ReceiptOptions { locale, ..options(Paper::Mm80, true) };
        let mut times = vec![];
        let mut size = 0;
        for _ in 0..rounds {
            let sale = book.post(&cashier, &sale_draft(), Timestamp::now()).unwrap();
            let start = Instant::now();
            let report = book.print_receipt(&cashier, &sale.doc_no, &to, &opts).unwrap();
            let bytes = got.recv_timeout(Duration::from_secs(10)).unwrap();
            times.push(start.elapsed());
            assert_eq!(bytes.len(), report.bytes);
            size = bytes.len();
        }
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "sale to receipt on tcp://127.0.0.1, {} ({rounds} receipts, 80 mm, {size} bytes, read back whole): \
             p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
            locale.tag(),
            ms(times[rounds / 2]),
            ms(times[rounds * 99 / 100]),
            ms(times[rounds - 1])
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Serial: a real pseudo-terminal pair, one end for the library, the other for the "device".

struct Pty {
    child: Child,
    a: PathBuf,
    b: PathBuf,
}

impl Pty {
    /// `socat pty,raw,echo=0,link=A pty,raw,echo=0,link=B`, ready when both links are there.
    fn start(a: &Path, b: &Path) -> Pty {
        let child = Command::new("socat")
            .arg("-d")
            .arg("-d")
            .arg(format!("pty,raw,echo=0,link={}", a.display()))
            .arg(format!("pty,raw,echo=0,link={}", b.display()))
            .stderr(Stdio::null())
            .spawn()
            .expect("socat is installed (scripts/setup.sh)");
        let deadline = Instant::now() + Duration::from_secs(10);
        while !(a.exists() && b.exists()) {
            assert!(Instant::now() < deadline, "socat made no ptys");
            std::thread::sleep(Duration::from_millis(20));
        }
        // Both links can exist a moment before socat's transfer loop runs.
        std::thread::sleep(Duration::from_millis(100));
        Pty { child, a: a.to_path_buf(), b: b.to_path_buf() }
    }

    /// Unplug: the whole pair disappears at once, as a USB adapter does.
    fn unplug(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
        let _ = std::fs::remove_file(&self.a);
        let _ = std::fs::remove_file(&self.b);
    }

    /// The device end, opened for writing what a scanner sends.
    fn device(&self) -> std::fs::File {
        std::fs::OpenOptions::new().read(true).write(true).open(&self.b).unwrap()
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The printer at the device end: when `paper` is given, it first reads the paper question
/// (`DLE EOT 4`) and answers it; then it reads `len` bytes of the job, in a thread (whatever
/// arrived when the line closes).
fn serial_printer(path: &Path, len: usize, paper: Option<u8>) -> mpsc::Receiver<Vec<u8>> {
    let mut f = std::fs::OpenOptions::new().read(true).write(true).open(path).unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        if let Some(b) = paper {
            let mut question = [0u8; 3];
            assert_eq!(read_up_to(&mut f, &mut question), 3);
            assert_eq!(question, [0x10, 0x04, 0x04], "DLE EOT 4 first");
            f.write_all(&[b]).unwrap();
        }
        let mut got = vec![];
        let mut chunk = [0u8; 4096];
        while got.len() < len {
            match f.read(&mut chunk) {
                Ok(0) | Err(_) => break,
                Ok(n) => got.extend_from_slice(&chunk[..n]),
            }
        }
        let _ = tx.send(got);
    });
    rx
}

fn next_event(scanner: &mut Scanner, within: Duration) -> ScanEvent {
    let deadline = Instant::now() + within;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        assert!(!left.is_zero(), "no scanner event within {within:?}");
        if let Some(ev) = scanner.next_event(left) {
            return ev;
        }
    }
}

#[test]
fn a_receipt_written_to_a_serial_printer_is_read_back_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (book, sale) = shop(dir.path());
    let pty = Pty::start(&dir.path().join("printer"), &dir.path().join("device"));
    let opts = options(Paper::Mm58, true);
    let expected = book.receipt_bytes(&sale.doc_no, &opts).unwrap();
    let got = serial_printer(&pty.b, expected.len(), Some(PAPER_OK));
    let to = Target::parse(&format!("serial://{}?baud=19200", pty.a.display()), "to").unwrap();
    let report = book.print_receipt(&book.actor(Some("maria")).unwrap(), &sale.doc_no, &to, &opts).unwrap();
    assert_eq!(report.bytes, expected.len());
    assert_eq!(report.paper, PaperState::Ok);
    let bytes = got.recv_timeout(Duration::from_secs(10)).unwrap();
    assert_eq!(bytes, expected, "raw mode: no byte translated or lost (LF stays LF, 0x1B stays)");
    let d = decode(&bytes);
    assert_receipt_matches(&d, &sale, 32);
    assert_eq!(d.drawer_kicks, 1);

    // The same printer with its roll out: refused before the job, and the sale is kept.
    let pty = Pty::start(&dir.path().join("printer2"), &dir.path().join("device2"));
    let got = serial_printer(&pty.b, 1, Some(PAPER_OUT));
    let to = Target::parse(&format!("serial://{}?baud=19200", pty.a.display()), "to").unwrap();
    let e = book.print_receipt(&book.actor(Some("maria")).unwrap(), &sale.doc_no, &to, &opts).unwrap_err();
    assert_eq!(e.code(), "printer-out-of-paper");
    drop(pty);
    assert!(got.recv_timeout(Duration::from_secs(10)).unwrap().is_empty(), "no byte of the job was sent");

    // A serial printer that is not there is offline, and the sale is kept.
    let gone = Target::parse(&format!("serial://{}", dir.path().join("nothing").display()), "to").unwrap();
    let e = book.print_receipt(&book.actor(None).unwrap(), &sale.doc_no, &gone, &opts).unwrap_err();
    assert_eq!(e.code(), "printer-offline");
    assert_eq!(book.document(&sale.doc_no).unwrap(), sale);
}

#[test]
fn a_serial_scanner_yields_one_event_per_scan_and_recovers_from_an_unplug() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("scanner"), dir.path().join("device"));
    let pty = Pty::start(&a, &b);
    let mut scanner = Scanner::new(ScannerConfig { port: a.clone(), baud: 9600, suffix: Suffix::CrLf });
    assert!(matches!(next_event(&mut scanner, Duration::from_secs(5)), ScanEvent::Connected { .. }));

    let mut device = pty.device();
    // Two scans in one burst, then one that arrives in pieces, as slow serial lines deliver it.
    device.write_all(b"6291041500213\r\n4006381333931\r\n").unwrap();
    assert_eq!(next_event(&mut scanner, Duration::from_secs(5)), ScanEvent::Code { code: "6291041500213".into() });
    assert_eq!(next_event(&mut scanner, Duration::from_secs(5)), ScanEvent::Code { code: "4006381333931".into() });
    device.write_all(b"S-A-00").unwrap();
    device.flush().unwrap();
    std::thread::sleep(Duration::from_millis(150));
    device.write_all(b"0001\r\n").unwrap();
    assert_eq!(next_event(&mut scanner, Duration::from_secs(5)), ScanEvent::Code { code: "S-A-000001".into() });

    // Unplugged: the scanner says so once, and keeps trying.
    drop(device);
    pty.unplug();
    assert!(matches!(next_event(&mut scanner, Duration::from_secs(5)), ScanEvent::Disconnected { .. }));
    assert_eq!(scanner.next_event(Duration::from_millis(700)), None, "one disconnect event per outage");

    // Plugged back in at the same place: it reconnects on its own and scans arrive again.
    let pty = Pty::start(&a, &b);
    assert!(matches!(next_event(&mut scanner, Duration::from_secs(10)), ScanEvent::Connected { .. }));
    let mut device = pty.device();
    device.write_all(b"6291041500213\r\n").unwrap();
    assert_eq!(next_event(&mut scanner, Duration::from_secs(5)), ScanEvent::Code { code: "6291041500213".into() });
}

// ---------------------------------------------------------------------------------------------
// The command line, as a merchant runs it.

#[test]
fn the_cli_prints_a_receipt_to_a_spool_file_in_any_language() {
    let dir = tempfile::tempdir().unwrap();
    let (book, sale) = shop(dir.path());
    let db = book.path().to_path_buf();
    drop(book);
    let spool = dir.path().join("receipt.bin");
    let to = format!("file://{}", spool.display());
    let out = common::ok(common::onebook(
        &db,
        &["--user", "maria", "print", "receipt", &sale.doc_no, "--to", &to, "--paper", "58", "--drawer"],
    ));
    assert!(out.contains(&sale.doc_no) && out.contains("drawer"), "{out}");
    let d = decode(&std::fs::read(&spool).unwrap());
    assert_receipt_matches(&d, &sale, 32);
    assert_eq!(d.drawer_kicks, 1);

    let out = common::onebook(&db, &["--json", "print", "receipt", &sale.doc_no, "--to", &to, "--locale", "xx"]);
    assert!(!out.status.success());
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["error"]["code"], "unknown-locale");
    assert_eq!(err["error"]["field"], "locale");
    let thai = dir.path().join("thai.bin");
    common::ok(common::onebook(
        &db,
        &["print", "receipt", &sale.doc_no, "--to", thai.to_str().unwrap(), "--locale", "th"],
    ));
    assert_eq!(decode(&std::fs::read(&thai).unwrap()).barcodes, vec![sale.doc_no.clone()]);

    let test_page = dir.path().join("test.bin");
    let report = common::json(common::onebook(
        &db,
        &["--json", "print", "test", "--to", test_page.to_str().unwrap(), "--paper", "80", "--locale", "es"],
    ));
    assert_eq!(report["bytes"].as_u64(), Some(std::fs::metadata(&test_page).unwrap().len()));
    let d = decode(&std::fs::read(&test_page).unwrap());
    assert!(d.text().contains("Impresión de prueba") && d.text().contains("48"), "{}", d.text());
    assert_eq!(d.cuts, 1);

    let closed = {
        let (l, port) = listener();
        drop(l);
        port
    };
    let out = common::onebook(&db, &["print", "receipt", &sale.doc_no, "--to", &format!("tcp://127.0.0.1:{closed}")]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("printer-offline"));

    // A printer whose roll is nearly finished prints, and the cashier is told to change it.
    let (l, port) = listener();
    let got = printer(l, 1, Some(PAPER_LOW));
    let out = common::ok(common::onebook(
        &db,
        &["print", "receipt", &sale.doc_no, "--to", &format!("tcp://127.0.0.1:{port}")],
    ));
    assert!(out.contains("nearly finished"), "{out}");
    assert_receipt_matches(&decode(&got.recv_timeout(Duration::from_secs(10)).unwrap()), &sale, 48);
}

#[test]
fn the_cli_listens_to_a_serial_scanner_and_looks_each_code_up() {
    let dir = tempfile::tempdir().unwrap();
    let (book, _) = shop(dir.path());
    let db = book.path().to_path_buf();
    drop(book);
    let (a, b) = (dir.path().join("scanner"), dir.path().join("device"));
    let pty = Pty::start(&a, &b);
    let mut child = Command::new(env!("CARGO_BIN_EXE_onebook"))
        .args(["--db", db.to_str().unwrap(), "--json", "scan", "listen", "--port", a.to_str().unwrap()])
        .args(["--suffix", "lf", "--sell", "--count", "2"])
        .env("LANG", "C")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first: serde_json::Value = serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap();
    assert_eq!(first["event"], "connected");
    let mut device = pty.device();
    device.write_all(b"6291041500213\n9999999999994\n").unwrap();
    let known: serde_json::Value = serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap();
    assert_eq!(known["code"], "6291041500213");
    assert_eq!(known["product"]["sku"], "CABLE-USBC");
    let unknown: serde_json::Value = serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap();
    assert_eq!(unknown["code"], "9999999999994");
    assert!(unknown["error"]["code"].as_str().unwrap().starts_with("unknown-"), "{unknown}");
    assert!(child.wait().unwrap().success(), "stops after --count codes");
}

#[test]
fn the_daily_close_prints_on_the_receipt_printer_with_expected_and_counted_cash() {
    let dir = tempfile::tempdir().unwrap();
    let (mut book, sale) = shop(dir.path());
    let cashier = book.actor(Some("maria")).unwrap();
    let input =
        onebook::close::DayCloseInput { device: None, date: None, counted: "520".into(), float: Some("100".into()) };
    let z = book.close_day(&cashier, &input, Timestamp::now()).unwrap();
    // The one sale: 2 ctn x 260.00 + 3 x 1.50 = 524.50, paid 100 by card and 500 in cash, so
    // 75.50 change and 424.50 kept in cash. Expected: float 100 + 424.50 = 524.50; counted 520.
    assert_eq!(sale.gross, "524.50");
    let (l, port) = listener();
    let got = receive(l, 1);
    let to = Target::parse(&format!("tcp://127.0.0.1:{port}"), "to").unwrap();
    let report = book.print_day_close(&cashier, &z.doc_no, &to, &options(Paper::Mm80, true)).unwrap();
    let bytes = got.recv_timeout(Duration::from_secs(10)).unwrap();
    assert_eq!(bytes.len(), report.bytes, "every byte arrived");
    let d = decode(&bytes);
    assert_eq!(d.barcodes, vec![z.doc_no.clone()], "the Z's number as its barcode");
    assert_eq!((d.cuts, d.drawer_kicks, d.bytes_after_cut), (1, 1, 0));
    assert!(d.text().contains(&z.doc_no), "{}", d.text());
    assert!(d.lines.iter().all(|l| l.chars().count() <= 48), "{}", d.text());
    assert_eq!(d.figure_after("Tickets").as_deref(), Some("1"));
    assert_eq!(d.figure_after("Sales").as_deref(), Some("524.50"));
    assert_eq!(d.figure_after("Cash").as_deref(), Some("424.50"), "the cash method line comes first");
    assert_eq!(d.figure_after("Card").as_deref(), Some("100.00"));
    assert_eq!(d.figure_after("Change given").as_deref(), Some("75.50"));
    assert_eq!(d.figure_after("Expected cash in drawer").as_deref(), Some("524.50"));
    assert_eq!(d.figure_after("Counted cash").as_deref(), Some("520.00"));
    assert_eq!(d.figure_after("Difference").as_deref(), Some("-4.50"));

    // The warehouse clerk does not close tills, nor print their Z.
    let owner = book.actor(None).unwrap();
    let clerk =
        onebook::NewUser { username: "omar".into(), display_name: None, role: onebook::Role::Warehouse, locale: None };
    book.add_user(&owner, &clerk, Timestamp::now()).unwrap();
    let clerk = book.actor(Some("omar")).unwrap();
    let e = book.print_day_close(&clerk, &z.doc_no, &to, &options(Paper::Mm80, false)).unwrap_err();
    assert_eq!(e.code(), "permission-denied");
}

// ---------------------------------------------------------------------------------------------
// This till's remembered hardware, and what the machine has.

#[test]
fn a_till_remembers_its_printer_and_scanner_and_prints_without_being_told_where() {
    let dir = tempfile::tempdir().unwrap();
    let (book, sale) = shop(dir.path());
    let db = book.path().to_path_buf();
    drop(book);
    let show = || common::json(common::onebook(&db, &["--json", "devices", "show"]));

    // Nothing set yet: printing without an address says so, naming the field.
    let out = common::onebook(&db, &["--json", "--user", "maria", "print", "receipt", &sale.doc_no]);
    assert!(!out.status.success());
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["error"]["code"], "no-device");
    assert_eq!(err["error"]["field"], "to");
    assert!(err["error"]["message"].as_str().unwrap().contains("receipt printer"), "{err}");

    // A cashier may not change the till's hardware; the owner may.
    let (l, port) = listener();
    let printer_address = format!("tcp://127.0.0.1:{port}");
    let out = common::onebook(&db, &["--json", "--user", "maria", "devices", "set", "--printer", &printer_address]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("permission-denied"));
    let saved = common::json(common::onebook(
        &db,
        &["--json", "devices", "set", "--printer", &printer_address, "--paper", "58", "--drawer", "on"],
    ));
    assert_eq!(saved["printer"], printer_address.as_str());
    assert_eq!(saved["paper"], "58");
    assert_eq!(saved["kick_drawer"], true);
    assert_eq!(show(), saved, "remembered in the book, read back by a new process");

    // The cashier prints with no address: the till's printer, its paper (32 columns), its drawer.
    let got = receive(l, 1);
    common::ok(common::onebook(&db, &["--user", "maria", "print", "receipt", &sale.doc_no]));
    let d = decode(&got.recv_timeout(Duration::from_secs(10)).unwrap());
    assert_receipt_matches(&d, &sale, 32);
    assert_eq!(d.drawer_kicks, 1, "the till opens its drawer after a cash sale");

    // The receipt language is the till's too; an explicit option still wins.
    let (l, port) = listener();
    let got = receive(l, 2);
    let address = format!("tcp://127.0.0.1:{port}");
    common::ok(common::onebook(&db, &["devices", "set", "--printer", &address, "--locale", "es", "--paper", "80"]));
    common::ok(common::onebook(&db, &["print", "test"]));
    let d = decode(&got.recv_timeout(Duration::from_secs(10)).unwrap());
    assert!(d.text().contains("Impresión de prueba") && d.text().contains("48"), "{}", d.text());
    common::ok(common::onebook(&db, &["print", "test", "--locale", "pt", "--paper", "58"]));
    let d = decode(&got.recv_timeout(Duration::from_secs(10)).unwrap());
    assert!(!d.text().contains("Impresión de prueba") && d.text().contains("32"), "{}", d.text());

    // Bad settings are refused by field and change nothing.
    let before = show();
    for (args, field) in [
        (vec!["--printer", "usb://epson"], "printer"),
        (vec!["--paper", "70"], "paper"),
        (vec!["--drawer", "maybe"], "drawer"),
        (vec!["--locale", "xx"], "locale"),
        (vec!["--baud", "9600"], "scanner"),
        (vec!["--printer", "tcp://10.0.0.9", "--scanner", "/dev/ttyUSB0", "--baud", "1234"], "baud"),
        (vec!["--scanner", "/dev/ttyUSB0", "--suffix", "tab"], "suffix"),
    ] {
        let mut all = vec!["--json", "devices", "set"];
        all.extend(args.iter().copied());
        let out = common::onebook(&db, &all);
        assert!(!out.status.success(), "{args:?} accepted");
        let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
        assert_eq!(err["error"]["field"], field, "{args:?}: {err}");
        assert_eq!(show(), before, "{args:?} changed the settings");
    }

    // The till's scanner: `scan listen` with no port listens to it.
    let (a, b) = (dir.path().join("scanner"), dir.path().join("scanner-device"));
    let pty = Pty::start(&a, &b);
    let set = common::json(common::onebook(
        &db,
        &["--json", "devices", "set", "--scanner", a.to_str().unwrap(), "--suffix", "lf", "--baud", "19200"],
    ));
    assert_eq!(set["scanner"]["port"], a.to_str().unwrap());
    assert_eq!(set["scanner"]["baud"], 19200);
    assert_eq!(set["scanner"]["suffix"], "lf");
    assert_eq!(set["printer"], address.as_str(), "the printer is kept when only the scanner changes");
    let mut child = Command::new(env!("CARGO_BIN_EXE_onebook"))
        .args(["--db", db.to_str().unwrap(), "--json", "scan", "listen", "--sell", "--count", "1"])
        .env("LANG", "C")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first: serde_json::Value = serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap();
    assert_eq!(first["event"], "connected");
    pty.device().write_all(b"6291041500213\n").unwrap();
    let scanned: serde_json::Value = serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap();
    assert_eq!(scanned["product"]["sku"], "CABLE-USBC", "the LF suffix and the port came from the settings");
    assert!(child.wait().unwrap().success());

    // Taking the printer away: printing without an address is refused again.
    let cleared = common::json(common::onebook(&db, &["--json", "devices", "set", "--printer", "none"]));
    assert_eq!(cleared["printer"], serde_json::Value::Null);
    let out = common::onebook(&db, &["--json", "print", "test"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-device"));
}

/// A USB receipt printer, a USB serial adapter and a PC's serial port cannot exist on this test
/// machine: the test lays out the sysfs files and links the kernel makes for them, and the
/// discovery reads them as it reads /sys.
#[test]
fn discovery_lists_usb_printers_and_serial_ports_as_the_kernel_shows_them() {
    use std::os::unix::fs::symlink;
    let root = tempfile::tempdir().unwrap();
    let sys = root.path().join("sys");
    let dev = Path::new("/dev");
    let mkdir = |p: &Path| std::fs::create_dir_all(p).unwrap();
    let write = |p: &Path, s: &str| std::fs::write(p, format!("{s}\n")).unwrap();
    for bus in ["usb", "usb-serial", "platform", "pnp"] {
        mkdir(&sys.join("bus").join(bus));
    }
    mkdir(&sys.join("class/tty"));
    mkdir(&sys.join("class/usbmisc"));
    let usb1 = sys.join("devices/pci0000:00/0000:00:14.0/usb1");
    // An Epson TM-T20II on port 2: the device, its printer interface, the usbmisc node lp0.
    let epson = usb1.join("1-2");
    mkdir(&epson.join("1-2:1.0/usbmisc/lp0"));
    for (f, v) in [("idVendor", "04b8"), ("idProduct", "0e15"), ("manufacturer", "EPSON"), ("product", "TM-T20II")] {
        write(&epson.join(f), v);
    }
    symlink(epson.join("1-2:1.0"), epson.join("1-2:1.0/usbmisc/lp0/device")).unwrap();
    symlink(sys.join("bus/usb"), epson.join("1-2:1.0/subsystem")).unwrap();
    symlink(epson.join("1-2:1.0/usbmisc/lp0"), sys.join("class/usbmisc/lp0")).unwrap();
    // A CH340 USB serial adapter (a scanner in virtual COM mode) on port 3: ttyUSB0.
    let ch340 = usb1.join("1-3");
    let port = ch340.join("1-3:1.0/ttyUSB0");
    mkdir(&port.join("tty/ttyUSB0"));
    for (f, v) in [("idVendor", "1a86"), ("idProduct", "7523"), ("product", "USB Serial")] {
        write(&ch340.join(f), v);
    }
    symlink(sys.join("bus/usb-serial"), port.join("subsystem")).unwrap();
    symlink(&port, port.join("tty/ttyUSB0/device")).unwrap();
    symlink(port.join("tty/ttyUSB0"), sys.join("class/tty/ttyUSB0")).unwrap();
    // A real PC serial port (pnp), a phantom legacy port (platform) and a virtual terminal.
    for (name, parent, bus) in
        [("ttyS4", "devices/pnp0/00:05", "pnp"), ("ttyS0", "devices/platform/serial8250", "platform")]
    {
        let d = sys.join(parent);
        mkdir(&d.join("tty").join(name));
        symlink(sys.join("bus").join(bus), d.join("subsystem")).unwrap();
        symlink(&d, d.join("tty").join(name).join("device")).unwrap();
        symlink(d.join("tty").join(name), sys.join("class/tty").join(name)).unwrap();
    }
    mkdir(&sys.join("devices/virtual/tty/tty1"));
    symlink(sys.join("devices/virtual/tty/tty1"), sys.join("class/tty/tty1")).unwrap();

    let found = onebook::devices::station::discover_in(&sys, dev);
    let json = serde_json::to_value(&found).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "printers": [{"address": "file:///dev/usb/lp0",
                          "usb": {"id": "04b8:0e15", "manufacturer": "EPSON", "product": "TM-T20II"}}],
            "serial_ports": [
                {"path": "/dev/ttyS4", "kind": "builtin"},
                {"path": "/dev/ttyUSB0", "kind": "usb", "usb": {"id": "1a86:7523", "product": "USB Serial"}}
            ]
        })
    );
    // The address found is one the printer commands take.
    assert_eq!(Target::parse(&found.printers[0].address, "to").unwrap(), Target::File { path: "/dev/usb/lp0".into() });

    // On this machine's own /sys: whatever is listed exists under /dev.
    let here = onebook::devices::discover();
    for p in &here.serial_ports {
        assert!(Path::new(&p.path).exists(), "{} listed but missing", p.path);
    }
    let dir = tempfile::tempdir().unwrap();
    let (book, _) = shop(dir.path());
    let listed = common::json(common::onebook(book.path(), &["--json", "devices", "list"]));
    assert_eq!(listed, serde_json::to_value(&here).unwrap(), "the CLI lists what the library finds");
}

#[test]
fn opening_the_drawer_without_a_sale_is_in_the_audit_trail_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    let (book, _) = shop(dir.path());
    let db = book.path().to_path_buf();
    drop(book);
    let (l, port) = listener();
    // The roll is out, but a drawer needs no paper: the printer is not even asked.
    let got = printer(l, 1, Some(PAPER_OUT));
    let to = format!("tcp://127.0.0.1:{port}");
    let out = common::json(common::onebook(
        &db,
        &["--json", "--user", "maria", "drawer", "open", "--to", &to, "--reason", "change for the bakery"],
    ));
    assert_eq!(out["drawer_kicked"], true);
    let d = decode(&got.recv_timeout(Duration::from_secs(10)).unwrap());
    assert_eq!(d.drawer_kicks, 1);
    assert!(d.lines.is_empty() && d.cuts == 0, "nothing printed, no paper used");
    let trail = common::json(common::onebook(&db, &["--json", "audit", "list"]));
    let opened: Vec<&serde_json::Value> =
        trail.as_array().unwrap().iter().filter(|e| e["action"] == "drawer-opened").collect();
    assert_eq!(opened.len(), 1);
    assert_eq!(opened[0]["username"], "maria");
    assert_eq!(opened[0]["reason"], "change for the bakery");
    assert_eq!(opened[0]["subject"], to.as_str());

    // No reason, or a printer that is off: refused, and nothing enters the trail.
    let out = common::onebook(&db, &["--json", "drawer", "open", "--to", &to, "--reason", " "]);
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["error"]["field"], "reason");
    let (l, dead) = listener();
    drop(l);
    let out = common::onebook(
        &db,
        &["--json", "drawer", "open", "--to", &format!("tcp://127.0.0.1:{dead}"), "--reason", "count"],
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("printer-offline"));
    let after = common::json(common::onebook(&db, &["--json", "audit", "list"]));
    assert_eq!(
        after.as_array().unwrap().len(),
        trail.as_array().unwrap().len(),
        "no entry for a drawer that stayed shut"
    );
    assert_eq!(common::json(common::onebook(&db, &["--json", "audit", "verify"]))["ok"], true);
    // A warehouse clerk may not open the till's drawer.
    let mut book = Book::open(&db).unwrap();
    let owner = book.actor(None).unwrap();
    let clerk =
        onebook::NewUser { username: "ali".into(), display_name: None, role: onebook::Role::Warehouse, locale: None };
    let clerk = book.add_user(&owner, &clerk, Timestamp::now()).unwrap();
    let target = Target::parse(&to, "to").unwrap();
    assert_eq!(book.open_drawer(&clerk, &target, "why not", Timestamp::now()).unwrap_err().code(), "permission-denied");
}

// ---------------------------------------------------------------------------------------------
// USB printers over the bus, HID scanners. This machine is a Firecracker VM: it has no USB bus at
// all (no /sys/bus/usb, no usbip or dummy_hcd), so no USB device can exist here. What stands in:
// - for the printers' descriptors, the configuration descriptor bytes of real printers, written
//   from their makers' published USB specifications (endpoint addresses as `lsusb -v` shows them),
//   parsed here as libusb parses them on a bus, and handed to the library's choice of interface;
// - for the bus itself, this machine: the commands must say plainly that there is no USB bus;
// - for a HID scanner's device node (/dev/hidraw0), one end of a socat pseudo-terminal pair
//   carrying the same report bytes a scanner sends (recorded formats: boot keyboard reports, HID
//   POS Scanned Data Reports), so the reader, its decoder and its recovery after an unplug run
//   for real.

use onebook::devices::usb::{self, Endpoint, Interface, PrinterPort};

/// A configuration descriptor (9 bytes) with its interfaces (9 bytes each) and endpoints (7 each),
/// laid out as the USB 2.0 specification (chapter 9.6) puts them on the wire.
fn config_descriptor(interfaces: &[(u8, u8, u8, u8, &[(u8, u8)])]) -> Vec<u8> {
    let mut body = vec![];
    for (number, class, subclass, protocol, endpoints) in interfaces {
        body.extend([9, 4, *number, 0, endpoints.len() as u8, *class, *subclass, *protocol, 0]);
        for (address, attributes) in *endpoints {
            body.extend([7, 5, *address, *attributes, 64, 0, 0]);
        }
    }
    let total = (9 + body.len()) as u16;
    let mut out = vec![9, 2, total as u8, (total >> 8) as u8, interfaces.len() as u8, 1, 0, 0xC0, 1];
    out.extend(body);
    out
}

/// Read a configuration descriptor back into interfaces, as libusb does from the device's bytes.
fn parse_config(bytes: &[u8]) -> Vec<Interface> {
    let mut out: Vec<Interface> = vec![];
    let mut i = 0;
    while i + 1 < bytes.len() {
        let (len, kind) = (bytes[i] as usize, bytes[i + 1]);
        assert!(len >= 2 && i + len <= bytes.len(), "a descriptor runs past the end");
        let d = &bytes[i..i + len];
        match kind {
            4 => out.push(Interface {
                number: d[2],
                alt: d[3],
                class: d[5],
                subclass: d[6],
                protocol: d[7],
                endpoints: vec![],
            }),
            5 => out.last_mut().unwrap().endpoints.push(Endpoint { address: d[2], bulk: d[3] & 0x03 == 2 }),
            _ => {}
        }
        i += len;
    }
    out
}

#[test]
fn usb_printers_are_driven_through_the_interface_their_descriptors_name() {
    const BULK: u8 = 2;
    const INTERRUPT: u8 = 3;
    // Epson TM-T20III, "USB vendor-defined class" setting: 04b8:0202, bulk OUT 64 and bulk IN 64
    // (TM-T20III Technical Reference Guide, "USB descriptor"), EP 1 OUT, EP 2 IN.
    let epson_vendor = config_descriptor(&[(0, 0xFF, 0, 0, &[(0x01, BULK), (0x82, BULK)])]);
    assert_eq!(
        usb::choose_port(0x04b8, &parse_config(&epson_vendor)),
        Some(PrinterPort { interface: 0, alt: 0, out_endpoint: 0x01, in_endpoint: Some(0x82) })
    );
    // The same printer set to "USB printer class": 04b8:0e28, class 7 / subclass 1 / bidirectional.
    let epson_class = config_descriptor(&[(0, 7, 1, 2, &[(0x01, BULK), (0x82, BULK)])]);
    assert_eq!(
        usb::choose_port(0x04b8, &parse_config(&epson_class)),
        Some(PrinterPort { interface: 0, alt: 0, out_endpoint: 0x01, in_endpoint: Some(0x82) })
    );
    // Brother TD-2120N (printer class): endpoint 1 is bulk IN (status), endpoint 2 bulk OUT (data),
    // the other way round from Epson (TD-2020/2120N/2130N Raster Command Reference, appendix A).
    let brother = config_descriptor(&[(0, 7, 1, 2, &[(0x81, BULK), (0x02, BULK)])]);
    assert_eq!(
        usb::choose_port(0x04f9, &parse_config(&brother)),
        Some(PrinterPort { interface: 0, alt: 0, out_endpoint: 0x02, in_endpoint: Some(0x81) })
    );
    // A unidirectional printer-class printer: printed to, never asked about its paper.
    let one_way = config_descriptor(&[(0, 7, 1, 1, &[(0x02, BULK)])]);
    assert_eq!(usb::choose_port(0x1234, &parse_config(&one_way)).unwrap().in_endpoint, None);
    // A printer behind a composite device (a keyboard interface first): the printer interface.
    let composite =
        config_descriptor(&[(0, 3, 1, 1, &[(0x81, INTERRUPT)]), (1, 7, 1, 2, &[(0x03, BULK), (0x84, BULK)])]);
    assert_eq!(usb::choose_port(0x0483, &parse_config(&composite)).unwrap().interface, 1);
    // Vendor-specific interfaces of unknown makers are not taken for printers (a logic analyser,
    // 08a9:0014, vendor class with bulk endpoints), nor a vendor interface without a bulk OUT.
    let analyser = config_descriptor(&[(0, 0xFF, 0xFF, 0xFF, &[(0x02, BULK), (0x86, BULK)])]);
    assert_eq!(usb::choose_port(0x08a9, &parse_config(&analyser)), None);
    let no_out = config_descriptor(&[(0, 0xFF, 0, 0, &[(0x81, BULK)])]);
    assert_eq!(usb::choose_port(0x04b8, &parse_config(&no_out)), None);

    // A raster receipt (Arabic: the longest job a till sends) goes in chunks that add up to it.
    let dir = tempfile::tempdir().unwrap();
    let (book, sale) = shop(dir.path());
    let job = book
        .receipt_bytes(&sale.doc_no, &ReceiptOptions { paper: Paper::Mm80, locale: Locale::Ar, kick_drawer: false })
        .unwrap();
    let pieces: Vec<&[u8]> = usb::chunks(&job).collect();
    assert!(pieces.iter().all(|p| !p.is_empty() && p.len() <= usb::CHUNK));
    assert_eq!(pieces.len(), job.len().div_ceil(usb::CHUNK));
    assert_eq!(pieces.concat(), job, "in order, nothing lost");
}

#[test]
fn on_a_machine_without_a_usb_bus_the_commands_say_so_and_the_sale_is_kept() {
    let no_bus = !Path::new("/sys/bus/usb").exists();
    let dir = tempfile::tempdir().unwrap();
    let (book, sale) = shop(dir.path());
    let db = book.path().to_path_buf();
    drop(book);

    let listed = common::json(common::onebook(&db, &["--json", "devices", "list"]));
    if no_bus {
        assert_eq!(listed["usb_bus"]["unavailable"], "no-usb-bus", "{listed}");
        assert_eq!(listed["usb_bus"]["printers"], serde_json::json!([]));
        let text = common::ok(common::onebook(&db, &["devices", "list"]));
        assert!(text.contains("No USB bus on this machine"), "{text}");
        let text = common::ok(common::onebook(&db, &["--lang", "th", "devices", "list"]));
        assert!(text.contains("ไม่มีบัส USB"), "{text}");
    } else {
        assert!(listed["usb_bus"]["printers"].is_array(), "{listed}");
    }

    // A USB printer's address is remembered like any other ...
    let set =
        common::json(common::onebook(&db, &["--json", "devices", "set", "--printer", "usb:04B8:0202:J7SF012345"]));
    assert_eq!(set["printer"], "usb:04b8:0202:J7SF012345");
    let out = common::onebook(&db, &["--json", "devices", "set", "--printer", "usb:4b8:202"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("printer"), "the field at fault is named");
    assert_eq!(
        common::json(common::onebook(&db, &["--json", "devices", "show"]))["printer"],
        "usb:04b8:0202:J7SF012345"
    );

    // ... and printing to it here is "offline" with the reason, the sale untouched.
    let before = common::json(common::onebook(&db, &["--json", "document", &sale.doc_no]));
    let out = common::onebook(&db, &["--json", "--user", "maria", "print", "receipt", &sale.doc_no]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("printer-offline"), "{err}");
    if no_bus {
        assert!(err.contains("no USB bus"), "{err}");
    }
    assert_eq!(common::json(common::onebook(&db, &["--json", "document", &sale.doc_no])), before);
}

/// A boot keyboard report: modifier, reserved, six key usage ids (HID 1.11, appendix B.1).
fn key_report(modifier: u8, keys: &[u8]) -> [u8; 8] {
    let mut r = [0u8; 8];
    r[0] = modifier;
    r[2..2 + keys.len()].copy_from_slice(keys);
    r
}

/// What a scanner in keyboard emulation sends for `text` + Enter, a press and a release per
/// character, from the Keyboard/Keypad usage page (HID Usage Tables 1.12, chapter 10) on a US
/// layout: a-z 0x04.., 1-9 0x1E.., 0 0x27, '-' 0x2D, Enter 0x28; capitals with left shift (0x02).
fn typed(text: &str) -> Vec<u8> {
    let mut out = vec![];
    for c in text.chars().chain(std::iter::once('\n')) {
        let (modifier, usage) = match c {
            'a'..='z' => (0, 0x04 + (c as u8 - b'a')),
            'A'..='Z' => (0x02, 0x04 + (c as u8 - b'A')),
            '1'..='9' => (0, 0x1E + (c as u8 - b'1')),
            '0' => (0, 0x27),
            '-' => (0, 0x2D),
            '\n' => (0, 0x28),
            _ => panic!("not on the table: {c}"),
        };
        out.extend(key_report(modifier, &[usage]));
        out.extend(key_report(0, &[]));
    }
    out
}

/// A HID POS Scanned Data Report (report id 2, data length, AIM id, data, continuation flag).
fn pos_report(aim: &[u8; 3], data: &[u8], more: bool) -> Vec<u8> {
    let mut r = vec![0u8; 64];
    r[0] = 0x02;
    r[1] = data.len() as u8;
    r[2..5].copy_from_slice(aim);
    r[5..5 + data.len()].copy_from_slice(data);
    r[63] = more as u8;
    r
}

#[test]
fn hid_scanner_reports_decode_to_the_codes_scanned() {
    use onebook::devices::hid::{HidDecoder, HidKind};
    // Keyboard emulation: an EAN-13, then a shelf code with capitals and dashes, fed in odd pieces
    // (a read may split a report); "11" needs a release between the two presses.
    let mut kb = HidDecoder::new(HidKind::Keyboard);
    let mut stream = typed("6291041500213");
    stream.extend(typed("S-A-000011"));
    let mut codes = vec![];
    for piece in stream.chunks(5) {
        codes.extend(kb.feed(piece));
    }
    assert_eq!(codes, ["6291041500213", "S-A-000011"]);
    // A key held across reports (no release between) types once; Enter alone is no code.
    let mut held = key_report(0, &[0x1E]).to_vec();
    held.extend(key_report(0, &[0x1E, 0x1F]));
    held.extend(key_report(0, &[]));
    held.extend(key_report(0, &[0x28]));
    held.extend(key_report(0, &[]));
    held.extend(key_report(0, &[0x28]));
    assert_eq!(kb.feed(&held), ["12"]);

    // HID POS: one report with the AIM id of EAN-13 (]E0), then a code in two reports.
    let mut pos = HidDecoder::new(HidKind::Pos);
    assert_eq!(pos.feed(&pos_report(b"]E0", b"6291041500213", false)), ["6291041500213"]);
    let long: Vec<u8> = (0..70).map(|i| b'A' + (i % 26) as u8).collect();
    let mut two = pos_report(b"]C0", &long[..56], true);
    two.extend(pos_report(b"]C0", &long[56..], false));
    assert_eq!(pos.feed(&two[..64]), Vec::<String>::new(), "continued: nothing yet");
    assert_eq!(pos.feed(&two[64..]), [String::from_utf8(long).unwrap()]);
    // Other reports (a status report, id 0x04) are not codes.
    let mut other = vec![0u8; 64];
    other[0] = 0x04;
    assert!(pos.feed(&other).is_empty());
}

#[test]
fn a_hid_scanner_reconnects_after_it_is_unplugged() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("hidraw"), dir.path().join("scanner"));
    let pty = Pty::start(&a, &b);
    let port = onebook::devices::hid::port_text(onebook::devices::hid::HidKind::Keyboard, &a);
    let mut scanner = Scanner::new(ScannerConfig { port: port.into(), baud: 9600, suffix: Suffix::Cr });
    assert!(matches!(next_event(&mut scanner, Duration::from_secs(5)), ScanEvent::Connected { .. }));
    let mut device = pty.device();
    device.write_all(&typed("6291041500213")).unwrap();
    assert_eq!(next_event(&mut scanner, Duration::from_secs(5)), ScanEvent::Code { code: "6291041500213".into() });

    // Unplugged (socat killed, the node gone): one disconnect, then quiet while it is away.
    drop(device);
    pty.unplug();
    assert!(matches!(next_event(&mut scanner, Duration::from_secs(5)), ScanEvent::Disconnected { .. }));
    assert_eq!(scanner.next_event(Duration::from_millis(700)), None, "one disconnect event per outage");

    // Plugged back in: the reader reopens it by itself and the next scan arrives.
    let pty = Pty::start(&a, &b);
    assert!(matches!(next_event(&mut scanner, Duration::from_secs(10)), ScanEvent::Connected { .. }));
    pty.device().write_all(&typed("S-A-000001")).unwrap();
    assert_eq!(next_event(&mut scanner, Duration::from_secs(5)), ScanEvent::Code { code: "S-A-000001".into() });
}

/// HID scanners cannot be plugged into this machine either: the test lays out what the kernel
/// shows for two of them (a HID POS scanner and one in keyboard emulation) and for a PS/2
/// keyboard, with the start of their report descriptors (HID 1.11 short items).
#[test]
fn discovery_lists_hid_scanners_with_the_format_their_report_descriptor_names() {
    use std::os::unix::fs::symlink;
    let root = tempfile::tempdir().unwrap();
    let sys = root.path().join("sys");
    let usb1 = sys.join("devices/pci0000:00/0000:00:14.0/usb1");
    std::fs::create_dir_all(sys.join("class/hidraw")).unwrap();
    let add = |name: &str, parent: &Path, ids: Option<(&str, &str, &str)>, descriptor: &[u8]| {
        let dev = parent.join("0003:0C2E:0B81.0001");
        let node = dev.join("hidraw").join(name);
        std::fs::create_dir_all(&node).unwrap();
        std::fs::write(dev.join("report_descriptor"), descriptor).unwrap();
        if let Some((v, p, product)) = ids {
            for (f, val) in [("idVendor", v), ("idProduct", p), ("product", product)] {
                std::fs::write(parent.join(f), format!("{val}\n")).unwrap();
            }
        }
        symlink(&dev, node.join("device")).unwrap();
        symlink(&node, sys.join("class/hidraw").join(name)).unwrap();
    };
    // Usage Page (Bar Code Scanner 0x8C), Usage (Bar Code Scanner), Collection (Application).
    add(
        "hidraw0",
        &usb1.join("1-4/1-4:1.0"),
        Some(("0c2e", "0b81", "Honeywell 1900")),
        &[0x05, 0x8C, 0x09, 0x02, 0xA1, 0x01],
    );
    // Usage Page (Generic Desktop), Usage (Keyboard), Collection (Application).
    add(
        "hidraw1",
        &usb1.join("1-5/1-5:1.0"),
        Some(("05e0", "1200", "Symbol Bar Code Scanner")),
        &[0x05, 0x01, 0x09, 0x06, 0xA1, 0x01],
    );
    // A mouse on USB, and a keyboard on no USB at all: neither is listed.
    add("hidraw2", &usb1.join("1-6/1-6:1.0"), Some(("046d", "c077", "Mouse")), &[0x05, 0x01, 0x09, 0x02, 0xA1, 0x01]);
    add("hidraw3", &sys.join("devices/platform/i8042/serio0"), None, &[0x05, 0x01, 0x09, 0x06, 0xA1, 0x01]);
    // The usb_info walk reads idVendor on the device's parent directories: put the ids one level up.
    for (iface, dev) in [("1-4/1-4:1.0", "1-4"), ("1-5/1-5:1.0", "1-5"), ("1-6/1-6:1.0", "1-6")] {
        for f in ["idVendor", "idProduct", "product"] {
            std::fs::rename(usb1.join(iface).join(f), usb1.join(dev).join(f)).unwrap();
        }
    }
    let found = onebook::devices::station::discover_in(&sys, Path::new("/dev"));
    assert_eq!(
        serde_json::to_value(&found.hid_scanners).unwrap(),
        serde_json::json!([
            {"port": "hidpos:/dev/hidraw0", "kind": "pos", "usb": {"id": "0c2e:0b81", "product": "Honeywell 1900"}},
            {"port": "hid:/dev/hidraw1", "kind": "keyboard", "usb": {"id": "05e0:1200", "product": "Symbol Bar Code Scanner"}}
        ])
    );
    // The port found is one the scanner settings take.
    let port = found.hid_scanners[0].port.clone();
    let config = ScannerConfig { port: port.into(), baud: 9600, suffix: Suffix::Cr };
    assert!(onebook::devices::hid::hid_port(&config.port).is_some());
}

/// `scan listen` on a HID POS scanner's port, as a merchant runs it: the reports (written into the
/// pty standing in for /dev/hidraw0, see above) come out as codes looked up in the catalog.
#[test]
fn the_cli_listens_to_a_hid_pos_scanner() {
    let dir = tempfile::tempdir().unwrap();
    let (book, _) = shop(dir.path());
    let db = book.path().to_path_buf();
    drop(book);
    let (a, b) = (dir.path().join("hidraw"), dir.path().join("scanner"));
    let pty = Pty::start(&a, &b);
    let port = format!("hidpos:{}", a.display());
    let mut child = Command::new(env!("CARGO_BIN_EXE_onebook"))
        .args(["--db", db.to_str().unwrap(), "--json", "scan", "listen", "--port", &port, "--sell", "--count", "1"])
        .env("LANG", "C")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first: serde_json::Value = serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap();
    assert_eq!(first["event"], "connected");
    pty.device().write_all(&pos_report(b"]E0", b"6291041500213", false)).unwrap();
    let scanned: serde_json::Value = serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap();
    assert_eq!(scanned["code"], "6291041500213");
    assert_eq!(scanned["product"]["sku"], "CABLE-USBC");
    assert!(child.wait().unwrap().success());
}
