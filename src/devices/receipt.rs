//! The till receipt of a committed sale, laid out for 58 mm or 80 mm paper and encoded as ESC/POS.
//!
//! Labels come from the Fluent messages in the receipt's language. A line the printer's code page
//! (PC858) holds goes as text; a line it cannot hold (Arabic, Thai, Chinese) is shaped and printed
//! as an image ([`super::raster`]), right to left where the language is. Text no installed font has
//! is refused with [`Error::UnprintableText`] naming the field, never printed as garbage.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use super::escpos::{self, Align, Stream};
use super::raster::{self, Place};
use crate::document::{Document, Kind};
use crate::error::{Error, Result};
use crate::i18n::{self, Locale};
use crate::shop::Shop;

/// Paper width: 58 mm holds 32 columns of the standard font, 80 mm holds 48.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Paper {
    #[serde(rename = "58")]
    Mm58,
    #[serde(rename = "80")]
    Mm80,
}

impl Paper {
    pub fn columns(self) -> usize {
        match self {
            Paper::Mm58 => 32,
            Paper::Mm80 => 48,
        }
    }

    /// `58` or `80` (with or without `mm`).
    pub fn parse(text: &str, field: &str) -> Result<Paper> {
        match text.trim().trim_end_matches("mm").trim() {
            "58" => Ok(Paper::Mm58),
            "80" => Ok(Paper::Mm80),
            _ => Err(Error::invalid(field, format!("`{text}`: paper is 58 or 80 (mm)"))),
        }
    }
}

/// How to print a receipt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReceiptOptions {
    pub paper: Paper,
    pub locale: Locale,
    /// Open the cash drawer at the end, when the sale was paid (partly) in cash.
    pub kick_drawer: bool,
}

/// Which script a character belongs to, for the refusal message.
fn script_of(c: char) -> &'static str {
    match c as u32 {
        0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => "Arabic",
        0x0E00..=0x0E7F => "Thai",
        0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x2FFFF => "CJK",
        0x0000..=0x001F | 0x007F => "control",
        _ => "other",
    }
}

fn unprintable(text: &str, c: char, field: &str) -> Error {
    Error::UnprintableText {
        field: field.to_string(),
        text: text.chars().take(40).collect(),
        script: script_of(c).to_string(),
    }
}

/// How a line goes out: as code page text, or (when the code page lacks a character) as an image.
enum Encoded {
    Text(Vec<Vec<u8>>),
    Image,
}

/// Encoded text broken into lines of at most `width` bytes, at spaces where possible.
fn wrap(bytes: &[u8], width: usize) -> Vec<Vec<u8>> {
    let mut lines: Vec<Vec<u8>> = vec![];
    let mut line: Vec<u8> = vec![];
    for word in bytes.split(|b| *b == b' ').filter(|w| !w.is_empty()) {
        if !line.is_empty() && line.len() + 1 + word.len() <= width {
            line.push(b' ');
            line.extend_from_slice(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        let mut chunks = word.chunks(width.max(1)).peekable();
        while let Some(chunk) = chunks.next() {
            if chunks.peek().is_some() {
                lines.push(chunk.to_vec());
            } else {
                line = chunk.to_vec();
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A receipt line being laid out: text and the field it comes from (for refusals).
struct Layout {
    columns: usize,
    locale: Locale,
    stream: Stream,
}

impl Layout {
    fn new(options: &ReceiptOptions) -> Layout {
        Layout {
            columns: options.paper.columns(),
            locale: options.locale,
            stream: Stream::new(escpos::CODE_PAGE_PC858),
        }
    }

    fn dots(&self) -> usize {
        self.columns * raster::DOTS_PER_COLUMN
    }

    /// Code page text, or a check that the fonts can draw it.
    fn encode(&self, texts: &[&str], field: &str) -> Result<Encoded> {
        let mut out = vec![];
        for t in texts {
            match escpos::encode_text(t) {
                Ok(b) => out.push(b),
                Err(_) => {
                    for t in texts {
                        if let Some(c) = raster::missing_char(t, self.locale) {
                            return Err(unprintable(t, c, field));
                        }
                    }
                    return Ok(Encoded::Image);
                }
            }
        }
        Ok(Encoded::Text(out))
    }

    /// Shaped text as images, broken at spaces to the paper's width.
    fn image_text(&mut self, text: &str, place: Place) {
        let width = self.dots();
        let mut line = String::new();
        for word in text.split(' ').filter(|w| !w.is_empty()) {
            let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
            if !line.is_empty() && raster::width_dots(&candidate, self.locale) > width {
                self.stream.raster(&raster::line(&[(&line, place)], width, self.locale));
                line = word.to_string();
            } else {
                line = candidate;
            }
        }
        self.stream.raster(&raster::line(&[(&line, place)], width, self.locale));
    }

    /// Text wrapped at the paper's width (by characters: PC858 is one column per character).
    fn text(&mut self, text: &str, field: &str) -> Result<()> {
        self.text_at(text, field, Place::Left)
    }

    fn text_at(&mut self, text: &str, field: &str, place: Place) -> Result<()> {
        match self.encode(&[text], field)? {
            Encoded::Text(bytes) => {
                for line in wrap(&bytes[0], self.columns) {
                    self.stream.line_bytes(&line);
                }
            }
            Encoded::Image => {
                let place = match (place, self.locale.is_rtl()) {
                    (Place::Left, true) => Place::Right,
                    (p, _) => p,
                };
                self.image_text(text, place);
            }
        }
        Ok(())
    }

    /// `left` and `right` on one line, right flush; on two lines when they do not fit together.
    /// As an image in a right-to-left language, the label goes right and the figure left.
    fn pair(&mut self, left: &str, right: &str, field: &str) -> Result<()> {
        let (l, r) = match self.encode(&[left, right], field)? {
            Encoded::Text(mut t) => (t.remove(0), t.remove(0)),
            Encoded::Image => {
                let width = self.dots();
                let (label_at, figure_at) =
                    if self.locale.is_rtl() { (Place::Right, Place::Left) } else { (Place::Left, Place::Right) };
                let gap = 2 * raster::DOTS_PER_COLUMN;
                if raster::width_dots(left, self.locale) + gap + raster::width_dots(right, self.locale) <= width {
                    self.stream.raster(&raster::line(&[(left, label_at), (right, figure_at)], width, self.locale));
                } else {
                    self.image_text(left, label_at);
                    self.stream.raster(&raster::line(&[(right, figure_at)], width, self.locale));
                }
                return Ok(());
            }
        };
        if l.len() + 1 + r.len() <= self.columns {
            let mut line = l;
            line.resize(self.columns - r.len(), b' ');
            line.extend_from_slice(&r);
            self.stream.line_bytes(&line);
        } else {
            for line in wrap(&l, self.columns) {
                self.stream.line_bytes(&line);
            }
            let mut line = vec![b' '; self.columns.saturating_sub(r.len())];
            line.extend_from_slice(&r);
            self.stream.line_bytes(&line);
        }
        Ok(())
    }

    fn rule(&mut self) {
        self.stream.line_bytes(&vec![b'-'; self.columns]);
    }
}

fn label(locale: Locale, id: &str, args: &[(&str, String)]) -> String {
    i18n::message(locale, id, args)
}

/// What is printed for a quantity: `2 ctn × 24` for a pack, `3 pcs` for base units.
pub fn qty_text(qty: &str, unit: &str, factor_to_base: i64) -> String {
    let abbr = crate::units::abbreviation(unit);
    if factor_to_base > 1 {
        format!("{qty} {abbr} × {factor_to_base}")
    } else {
        format!("{qty} {abbr}")
    }
}

fn payment_label(locale: Locale, method: &str) -> String {
    match method {
        "cash" => label(locale, "receipt-cash", &[]),
        "card" => label(locale, "receipt-card", &[]),
        "ewallet" => label(locale, "receipt-ewallet", &[]),
        other => other.to_string(),
    }
}

/// VAT per rate, in the order of the rates: (rate %, net, vat).
pub fn vat_by_rate(doc: &Document) -> Vec<(String, Decimal, Decimal)> {
    let mut by: BTreeMap<Decimal, (String, Decimal, Decimal)> = BTreeMap::new();
    for l in &doc.lines {
        let rate = Decimal::from_str_exact(&l.vat_rate_pct).unwrap_or_default();
        let e = by.entry(rate.normalize()).or_insert((rate.normalize().to_string(), Decimal::ZERO, Decimal::ZERO));
        e.1 += Decimal::from_str_exact(&l.net).unwrap_or_default();
        e.2 += Decimal::from_str_exact(&l.vat).unwrap_or_default();
    }
    by.into_values().collect()
}

/// The ESC/POS bytes of the receipt of a committed sale.
pub fn render(shop: &Shop, doc: &Document, options: &ReceiptOptions) -> Result<Vec<u8>> {
    if doc.kind != Kind::Sale {
        return Err(Error::WrongDocumentKind {
            field: "doc_no".into(),
            doc_no: doc.doc_no.clone(),
            found: doc.kind.as_str().into(),
            expected: Kind::Sale.as_str().into(),
        });
    }
    let loc = options.locale;
    let mu = shop.minor_units;
    let money = |d: Decimal| i18n::format_number(loc, &crate::money::amount_str(d, mu));
    let money_text = |t: &str| i18n::format_number(loc, t);
    let mut out = Layout::new(options);

    out.stream.align(Align::Center).bold(true).size(true, true);
    match out.encode(&[&shop.name], "shop.name")? {
        // Double width halves the columns for the shop's name.
        Encoded::Text(name) => {
            for line in wrap(&name[0], out.columns / 2) {
                out.stream.line_bytes(&line);
            }
        }
        Encoded::Image => out.image_text(&shop.name, Place::Center),
    }
    out.stream.size(false, false).bold(false);
    if let Some(tax) = &shop.tax_number {
        out.text_at(&label(loc, "receipt-tax-number", &[("number", tax.clone())]), "shop.tax_number", Place::Center)?;
    }
    out.stream.align(Align::Left);
    out.pair(&label(loc, "receipt-sale", &[]), &doc.doc_no, "locale")?;
    let when = crate::time::Timestamp::from_db(&doc.occurred_at)?.0.with_timezone(&shop.tz);
    out.pair(&label(loc, "receipt-date", &[]), &when.format("%Y-%m-%d %H:%M").to_string(), "locale")?;
    out.rule();

    for (i, l) in doc.lines.iter().enumerate() {
        out.text(&l.name, &format!("lines[{i}].name"))?;
        let price = l
            .unit_price
            .as_deref()
            .and_then(|p| Decimal::from_str_exact(p).ok())
            .map(|p| format!(" @ {}", money(p)))
            .unwrap_or_default();
        let left = format!("  {}{price}", qty_text(&l.qty, &l.unit, l.factor_to_base));
        out.pair(&left, &money_text(&l.gross), &format!("lines[{i}].unit"))?;
    }
    out.rule();

    out.pair(&label(loc, "receipt-net", &[]), &money_text(&doc.net), "locale")?;
    for (rate, net, vat) in vat_by_rate(doc) {
        let text = label(loc, "receipt-vat", &[("rate", i18n::format_number(loc, &rate)), ("net", money(net))]);
        out.pair(&text, &money(vat), "locale")?;
    }
    out.stream.bold(true);
    out.pair(&label(loc, "receipt-total", &[("currency", shop.currency.clone())]), &money_text(&doc.gross), "locale")?;
    out.stream.bold(false);
    for p in &doc.payments {
        out.pair(&payment_label(loc, &p.method), &money_text(&p.amount), "locale")?;
        if let (Some(cur), Some(amount), Some(rate)) = (&p.currency, &p.foreign_amount, &p.rate) {
            // The foreign cash handed over, and the rate it was taken at.
            let args = [
                ("currency", cur.clone()),
                ("amount", i18n::format_number(loc, amount)),
                ("rate", i18n::format_number(loc, rate)),
            ];
            out.text(&label(loc, "receipt-foreign-cash", &args), "locale")?;
        }
    }
    if let Some(change) = &doc.change {
        out.pair(&label(loc, "receipt-change", &[]), &money_text(change), "locale")?;
    }
    out.text(&label(loc, "receipt-staff", &[("user", doc.user.clone())]), "user")?;
    out.stream.feed(1).align(Align::Center);
    if !out.stream.code128(&doc.doc_no) {
        return Err(Error::invalid("doc_no", "the ticket number cannot be a Code128 barcode"));
    }
    out.text_at(&label(loc, "receipt-thanks", &[]), "locale", Place::Center)?;
    out.stream.align(Align::Left);
    if options.kick_drawer && doc.payments.iter().any(|p| p.method == "cash") {
        out.stream.kick_drawer();
    }
    out.stream.cut();
    Ok(out.stream.into_bytes())
}

/// A till's daily close (Z report) on the receipt printer: what each method took in, expected
/// against counted cash, and the Z's number as a barcode. The drawer opens when asked, to count.
pub fn render_day_close(z: &crate::close::ZReport, options: &ReceiptOptions) -> Result<Vec<u8>> {
    let loc = options.locale;
    let money = |t: &str| i18n::format_number(loc, t);
    let mut out = Layout::new(options);
    out.stream.align(Align::Center).bold(true);
    let title = [("doc_no", z.doc_no.clone()), ("shop", z.shop.clone()), ("day", z.business_day.clone())];
    out.text_at(&label(loc, "z-title", &title), "locale", Place::Center)?;
    out.stream.bold(false).align(Align::Left);
    if let Some(earlier) = &z.continues {
        out.text(&label(loc, "z-continues", &[("doc_no", earlier.clone())]), "locale")?;
    }
    out.rule();
    out.pair(&label(loc, "z-tickets", &[]), &z.sales_count.to_string(), "locale")?;
    out.pair(&label(loc, "z-sales", &[]), &money(&z.sales_gross), "locale")?;
    out.pair(&label(loc, "z-vat", &[]), &money(&z.sales_vat), "locale")?;
    out.rule();
    for m in &z.methods {
        out.pair(&payment_label(loc, &m.method), &money(&m.net), "locale")?;
    }
    out.rule();
    out.pair(&label(loc, "z-cash-tendered", &[]), &money(&z.cash_tendered), "locale")?;
    out.pair(&label(loc, "z-change", &[]), &money(&z.change_given), "locale")?;
    out.pair(&format!("{} ({})", label(loc, "z-returns", &[]), z.returns_count), &money(&z.returns_gross), "locale")?;
    out.pair(&format!("{} ({})", label(loc, "z-voids", &[]), z.voids_count), &money(&z.voids_gross), "locale")?;
    out.pair(&label(loc, "z-buyer-cash", &[]), &money(&z.buyer_payments_cash), "locale")?;
    out.pair(&label(loc, "z-float", &[]), &money(&z.opening_float), "locale")?;
    out.stream.bold(true);
    out.pair(&label(loc, "z-expected", &[]), &money(&z.expected_cash), "locale")?;
    out.stream.bold(false);
    out.pair(&label(loc, "z-counted", &[]), &money(&z.counted_cash), "locale")?;
    out.stream.bold(true);
    out.pair(&label(loc, "z-difference", &[]), &money(&z.difference), "locale")?;
    out.stream.bold(false);
    out.text(&label(loc, "receipt-staff", &[("user", z.closed_by.clone())]), "user")?;
    out.stream.feed(1).align(Align::Center);
    if !out.stream.code128(&z.doc_no) {
        return Err(Error::invalid("doc_no", "the Z number cannot be a Code128 barcode"));
    }
    out.stream.align(Align::Left);
    if options.kick_drawer {
        out.stream.kick_drawer();
    }
    out.stream.cut();
    Ok(out.stream.into_bytes())
}

/// A test page: the shop's name, the paper's width as a ruler, the code page, a barcode, a cut.
pub fn test_page(shop: &Shop, options: &ReceiptOptions) -> Result<Vec<u8>> {
    let loc = options.locale;
    let mut out = Layout::new(options);
    out.stream.align(Align::Center).bold(true);
    out.text_at(&label(loc, "receipt-test-title", &[]), "locale", Place::Center)?;
    out.stream.bold(false);
    out.text_at(&shop.name, "shop.name", Place::Center)?;
    out.stream.align(Align::Left);
    out.text(&label(loc, "receipt-test-columns", &[("columns", out.columns.to_string())]), "locale")?;
    let ruler: String = (1..=out.columns).map(|i| char::from(b'0' + (i % 10) as u8)).collect();
    out.text(&ruler, "locale")?;
    out.text("ÀÁÂÃÇÉÊÍÑÓÔÕÚÜ àáâãçéêíñóôõúü €£¥", "locale")?;
    out.stream.align(Align::Center);
    out.stream.code128("TEST-PRINT");
    if options.kick_drawer {
        out.stream.kick_drawer();
    }
    out.stream.cut();
    Ok(out.stream.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_wraps_at_spaces_and_splits_only_words_longer_than_the_paper() {
        assert_eq!(
            wrap(b"Dragon Mart Electronics & Home", 16),
            vec![b"Dragon Mart".to_vec(), b"Electronics &".to_vec(), b"Home".to_vec()]
        );
        assert_eq!(wrap(b"ABCDEFGHIJ KL", 4), vec![b"ABCD".to_vec(), b"EFGH".to_vec(), b"IJ".to_vec(), b"KL".to_vec()]);
        assert_eq!(wrap(b"", 8), vec![Vec::<u8>::new()]);
    }

    #[test]
    fn quantities_show_the_pack() {
        assert_eq!(qty_text("2", "carton", 24), "2 ctn × 24");
        assert_eq!(qty_text("3", "piece", 1), "3 pcs");
    }
}
