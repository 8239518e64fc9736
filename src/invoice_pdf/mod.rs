//! The A4 wholesale invoice and credit note as PDF: seller and buyer with their tax numbers, the
//! number, issue and due dates, the lines with their units (`ctn × 24`), VAT by rate and the totals,
//! labelled in the buyer's language beside English (English alone for an English-speaking buyer).
//!
//! Text is shaped and embedded by [`pdf`]: Arabic joined right to left, Thai marks placed, Chinese
//! from Noto Sans CJK, every font subset to the glyphs on the page. Text no installed font has is
//! refused with [`Error::UnprintableText`] naming the field, never printed as empty boxes.

pub mod pdf;

use rusqlite::OptionalExtension;
use rust_decimal::Decimal;

use crate::buyers::Terms;
use crate::document::{Document, Kind};
use crate::error::{Error, Result};
use crate::i18n::{self, Locale};
use crate::people::{Action, Actor};
use crate::shop::Shop;
use crate::Book;
use pdf::{Align, Pdf};

/// The buyer as the invoice shows it.
#[derive(Debug, Clone)]
pub struct InvoiceBuyer {
    pub code: String,
    pub name: String,
    pub tax_number: Option<String>,
    pub terms: Terms,
    pub locale: Option<Locale>,
}

impl Book {
    /// The PDF of a committed invoice or credit note (wholesale return), labelled in `locale`
    /// beside English; without a locale, in the buyer's language (else the shop's). Only reads.
    pub fn invoice_pdf(&self, actor: &Actor, doc_no: &str, locale: Option<Locale>) -> Result<Vec<u8>> {
        let shop = self.shop()?;
        let doc = crate::document::load(self.conn(), &shop, doc_no)?;
        match doc.kind {
            Kind::Invoice => actor.require(Action::Invoice)?,
            Kind::WholesaleReturn => actor.require(Action::WholesaleReturn)?,
            other => {
                return Err(Error::WrongDocumentKind {
                    field: "doc_no".into(),
                    doc_no: doc.doc_no.clone(),
                    found: other.as_str().into(),
                    expected: Kind::Invoice.as_str().into(),
                })
            }
        }
        let code = doc.buyer.clone().unwrap_or_default();
        let account = crate::buyers::account(self.conn(), &shop, &code)?;
        let (tax_number, buyer_locale): (Option<String>, Option<String>) = self
            .conn
            .query_row("SELECT tax_number, locale FROM customers WHERE code = ?1", [&code], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?
            .unwrap_or_default();
        let buyer = InvoiceBuyer {
            code: account.code,
            name: account.name,
            tax_number,
            terms: account.terms,
            locale: buyer_locale.as_deref().and_then(Locale::parse),
        };
        let locale = locale.or(buyer.locale).unwrap_or(shop.locale);
        render(&shop, &doc, &buyer, locale)
    }

    /// Write the PDF of an invoice or credit note to `path`; returns its size in bytes.
    pub fn write_invoice_pdf(
        &self,
        actor: &Actor,
        doc_no: &str,
        locale: Option<Locale>,
        path: &std::path::Path,
    ) -> Result<usize> {
        let bytes = self.invoice_pdf(actor, doc_no, locale)?;
        std::fs::write(path, &bytes).map_err(|e| Error::ExportNotWritable {
            field: "out".into(),
            path: path.display().to_string(),
            detail: e.to_string(),
        })?;
        Ok(bytes.len())
    }
}

const LEFT: f32 = 40.0;
const RIGHT: f32 = 555.0;
/// Lowest baseline for a table row before the page breaks.
const ROWS_BOTTOM: f32 = 770.0;
const ROW_H: f32 = 14.0;

struct Page<'a> {
    pdf: Pdf,
    locale: Locale,
    _shop: &'a Shop,
}

impl Page<'_> {
    fn current(&self) -> usize {
        self.pdf.page_count() - 1
    }

    fn text(&mut self, text: &str, x: f32, y: f32, size: f32, align: Align) {
        let shaped = pdf::shape(text, self.locale, false);
        let page = self.current();
        self.pdf.text_on(page, &shaped, (x, y), size, align, false);
    }

    fn bold(&mut self, text: &str, x: f32, y: f32, size: f32, align: Align) {
        let shaped = pdf::shape(text, self.locale, true);
        let page = self.current();
        self.pdf.text_on(page, &shaped, (x, y), size, align, false);
    }

    fn grey(&mut self, text: &str, x: f32, y: f32, size: f32, align: Align) {
        let shaped = pdf::shape(text, self.locale, false);
        let page = self.current();
        self.pdf.text_on(page, &shaped, (x, y), size, align, true);
    }

    /// Text cut with an ellipsis to fit `max` points.
    fn fitted(&mut self, text: &str, x: f32, y: f32, size: f32, max: f32) {
        let mut shaped = pdf::shape(text, self.locale, false);
        if shaped.width_em * size > max {
            let mut chars: Vec<char> = text.chars().collect();
            while !chars.is_empty() && shaped.width_em * size > max {
                chars.pop();
                let cut: String = chars.iter().collect::<String>().trim_end().to_string() + "…";
                shaped = pdf::shape(&cut, self.locale, false);
            }
        }
        let page = self.current();
        self.pdf.text_on(page, &shaped, (x, y), size, Align::Left, false);
    }

    /// `text` cut into lines no wider than `max` points at `size`, at spaces; a word is never cut (an
    /// amount in words in Chinese or Thai, written without spaces, fits one A4 line).
    fn wrapped(&self, text: &str, locale: Locale, size: f32, max: f32) -> Vec<String> {
        let fits = |t: &str| pdf::shape(t, locale, false).width_em * size <= max;
        let mut lines: Vec<String> = Vec::new();
        let mut current = String::new();
        for word in text.split(' ') {
            let candidate = if current.is_empty() { word.to_string() } else { format!("{current} {word}") };
            if fits(&candidate) || current.is_empty() {
                current = candidate;
            } else {
                lines.push(std::mem::replace(&mut current, word.to_string()));
            }
        }
        lines.push(current);
        lines
    }

    /// A label in English and, below it, in the buyer's language (grey), then the value.
    fn field(&mut self, id: &str, value: &str, x: f32, y: f32) -> f32 {
        let en = i18n::message(Locale::En, id, &[]);
        self.grey(&en, x, y, 7.5, Align::Left);
        let mut y = y;
        if self.locale != Locale::En {
            y += 10.0;
            let local = i18n::message(self.locale, id, &[]);
            self.grey(&local, x, y, 7.5, Align::Left);
        }
        self.text(value, x, y + 13.0, 10.0, Align::Left);
        y + 27.0
    }

    /// `English / local` on one line (English alone for English).
    fn both(&self, id: &str, args: &[(&str, String)]) -> String {
        let en = i18n::message(Locale::En, id, args);
        if self.locale == Locale::En {
            en
        } else {
            format!("{en} / {}", i18n::message(self.locale, id, args))
        }
    }
}

/// Refuse text no installed font can draw, naming the field.
fn check(text: &str, locale: Locale, field: &str) -> Result<()> {
    match crate::fonts::missing_char(text, locale) {
        Some(c) => Err(Error::UnprintableText {
            field: field.to_string(),
            text: text.chars().take(40).collect(),
            script: format!("U+{:04X}", c as u32),
        }),
        None => Ok(()),
    }
}

fn terms_text(terms: Terms, locale: Locale) -> String {
    let m = |id: &str, days: i64| i18n::message(locale, id, &[("days", days.to_string())]);
    match terms {
        Terms::Net { days: 0 } => m("invoice-terms-cash", 0),
        Terms::Net { days } => m("invoice-terms-net", days),
        Terms::EndOfMonth { days } => m("invoice-terms-eom", days),
    }
}

/// Column edges of the lines table: (message id, x, alignment).
const COLUMNS: [(&str, f32, Align); 8] = [
    ("invoice-col-no", 42.0, Align::Left),
    ("invoice-col-sku", 62.0, Align::Left),
    ("invoice-col-description", 128.0, Align::Left),
    ("invoice-col-unit", 276.0, Align::Left),
    ("invoice-col-qty", 362.0, Align::Right),
    ("invoice-col-price", 430.0, Align::Right),
    ("invoice-col-vat-rate", 475.0, Align::Right),
    ("invoice-col-net", 553.0, Align::Right),
];

fn table_header(p: &mut Page, y: f32) -> f32 {
    let h = if p.locale == Locale::En { 16.0 } else { 26.0 };
    let page = p.current();
    p.pdf.band(page, LEFT, y, RIGHT - LEFT, h);
    for (id, x, align) in COLUMNS {
        let en = i18n::message(Locale::En, id, &[]);
        p.bold(&en, x, y + 11.0, 8.0, align);
        if p.locale != Locale::En {
            let local = i18n::message(p.locale, id, &[]);
            p.grey(&local, x, y + 22.0, 7.5, align);
        }
    }
    y + h + 12.0
}

/// Lay out the document. Public for the benchmark; [`Book::invoice_pdf`] is the way in.
pub fn render(shop: &Shop, doc: &Document, buyer: &InvoiceBuyer, locale: Locale) -> Result<Vec<u8>> {
    check(&shop.name, locale, "shop.name")?;
    check(&buyer.name, locale, "buyer.name")?;
    for (i, l) in doc.lines.iter().enumerate() {
        check(&l.name, locale, &format!("lines[{i}].name"))?;
    }
    let credit = doc.kind == Kind::WholesaleReturn;
    let num = |t: &str| i18n::format_number(locale, t);
    let date = |ts: &str| -> Result<String> {
        let t = crate::time::Timestamp::from_db(ts)?;
        Ok(crate::time::local_date(t, shop.tz).format("%Y-%m-%d").to_string())
    };
    let mut p = Page { pdf: Pdf::new(), locale, _shop: shop };
    p.pdf.new_page();

    // Heading: the shop, and the kind of document in both languages.
    let title_id = if credit { "invoice-credit-note-title" } else { "invoice-title" };
    p.bold(&shop.name, LEFT, 58.0, 15.0, Align::Left);
    p.bold(&i18n::message(Locale::En, title_id, &[]), RIGHT, 58.0, 15.0, Align::Right);
    if locale != Locale::En {
        p.text(&i18n::message(locale, title_id, &[]), RIGHT, 78.0, 13.0, Align::Right);
    }
    let page = p.current();
    p.pdf.rule(page, LEFT, RIGHT, 92.0, 0.8);

    // Seller, buyer, document.
    let top = 108.0;
    let mut y = p.field("invoice-seller", &shop.name, LEFT, top);
    y = p.field("invoice-tax-number", shop.tax_number.as_deref().unwrap_or("—"), LEFT, y);
    let mut yb = p.field("invoice-buyer", &buyer.name, 215.0, top);
    yb = p.field("invoice-buyer-code", &buyer.code, 215.0, yb);
    yb = p.field("invoice-tax-number", buyer.tax_number.as_deref().unwrap_or("—"), 215.0, yb);
    let number_id = if credit { "invoice-credit-note-number" } else { "invoice-number" };
    let mut yd = p.field(number_id, &doc.doc_no, 400.0, top);
    yd = p.field("invoice-issue-date", &date(&doc.occurred_at)?, 400.0, yd);
    if credit {
        yd = p.field("invoice-refers-to", doc.refers_to.as_deref().unwrap_or("—"), 400.0, yd);
    } else {
        let due = match &doc.due_at {
            Some(d) => date(d)?,
            None => "—".into(),
        };
        yd = p.field("invoice-due-date", &due, 400.0, yd);
        yd = p.field("invoice-terms", &terms_text(buyer.terms, locale), 400.0, yd);
    }
    y = y.max(yb).max(yd) + 4.0;

    // The lines, repeating the header on each new page.
    y = table_header(&mut p, y);
    for (i, l) in doc.lines.iter().enumerate() {
        if y > ROWS_BOTTOM {
            p.pdf.new_page();
            y = table_header(&mut p, 50.0);
        }
        let unit = {
            let abbr = crate::units::abbreviation(&l.unit);
            if l.factor_to_base > 1 {
                format!("{abbr} × {}", l.factor_to_base)
            } else {
                abbr.to_string()
            }
        };
        let x = |k: usize| COLUMNS[k].1;
        p.text(&(i + 1).to_string(), x(0), y, 8.5, Align::Left);
        p.fitted(&l.sku, x(1), y, 8.5, x(2) - x(1) - 4.0);
        p.fitted(&l.name, x(2), y, 8.5, x(3) - x(2) - 6.0);
        p.text(&unit, x(3), y, 8.5, Align::Left);
        p.text(&num(&l.qty), x(4), y, 8.5, Align::Right);
        p.text(&l.unit_price.as_deref().map(num).unwrap_or_default(), x(5), y, 8.5, Align::Right);
        p.text(&format!("{}%", num(&l.vat_rate_pct)), x(6), y, 8.5, Align::Right);
        p.text(&num(&l.net), x(7), y, 8.5, Align::Right);
        y += ROW_H;
    }
    let page = p.current();
    p.pdf.rule(page, LEFT, RIGHT, y - 8.0, 0.5);

    // VAT by rate and the totals, kept together on one page.
    let by_rate = crate::devices::receipt::vat_by_rate(doc);
    let block = 40.0 + (by_rate.len() as f32 + 1.0) * ROW_H + 8.0 * ROW_H;
    if y + block > 800.0 {
        p.pdf.new_page();
        y = 60.0;
    }
    y += 12.0;
    let mu = shop.minor_units;
    let money = |d: Decimal| num(&crate::money::amount_str(d, mu));
    let summary_top = y;
    p.bold(&p.both("invoice-vat-summary", &[]), LEFT, y, 9.0, Align::Left);
    y += ROW_H;
    for (id, x, align) in [
        ("invoice-vat-rate", LEFT, Align::Left),
        ("invoice-taxable", 200.0, Align::Right),
        ("invoice-vat", 290.0, Align::Right),
    ] {
        p.grey(&i18n::message(Locale::En, id, &[]), x, y, 7.5, align);
        if locale != Locale::En {
            p.grey(&i18n::message(locale, id, &[]), x, y + 10.0, 7.5, align);
        }
    }
    y += if locale == Locale::En { ROW_H } else { ROW_H + 10.0 };
    for (rate, net, vat) in &by_rate {
        p.text(&format!("{}%", num(rate)), LEFT, y, 9.0, Align::Left);
        p.text(&money(*net), 200.0, y, 9.0, Align::Right);
        p.text(&money(*vat), 290.0, y, 9.0, Align::Right);
        y += ROW_H;
    }
    let mut yt = summary_top;
    let cur = [("currency", shop.currency.clone())];
    for (id, value, strong) in [
        ("invoice-total-net", &doc.net, false),
        ("invoice-total-vat", &doc.vat, false),
        ("invoice-total-gross", &doc.gross, true),
    ] {
        let label = p.both(id, &cur);
        let amount = format!("{} {}", num(value), shop.currency);
        if strong {
            let page = p.current();
            p.pdf.rule(page, 330.0, RIGHT, yt - 10.0, 0.5);
            p.bold(&label, 330.0, yt + 2.0, 10.0, Align::Left);
            p.bold(&amount, RIGHT, yt + 2.0, 10.0, Align::Right);
        } else {
            p.text(&label, 330.0, yt, 9.0, Align::Left);
            p.text(&amount, RIGHT, yt, 9.0, Align::Right);
        }
        yt += ROW_H + 2.0;
    }

    // The total in words, in English and in the buyer's language, as tax invoices write it.
    let gross = Decimal::from_str_exact(&doc.gross).unwrap_or_default();
    let mut yw = y.max(yt) + 6.0;
    p.grey(&p.both("invoice-amount-in-words", &[]), LEFT, yw, 7.5, Align::Left);
    yw += 12.0;
    let mut in_words = vec![(Locale::En, crate::words::amount_in_words(gross, &shop.currency, mu, Locale::En))];
    if locale != Locale::En {
        in_words.push((locale, crate::words::amount_in_words(gross, &shop.currency, mu, locale)));
    }
    for (l, words) in in_words {
        for line in p.wrapped(&words, l, 9.0, RIGHT - LEFT) {
            let (x, align) = if l.is_rtl() { (RIGHT, Align::Right) } else { (LEFT, Align::Left) };
            let shaped = pdf::shape(&line, l, false);
            let page = p.current();
            p.pdf.text_on(page, &shaped, (x, yw), 9.0, align, false);
            yw += 12.0;
        }
    }

    // Footer on every page: the number and "page n of N".
    let pages = p.pdf.page_count();
    for n in 0..pages {
        let page_label = p.both("invoice-page", &[("page", (n + 1).to_string()), ("pages", pages.to_string())]);
        let no = pdf::shape(&doc.doc_no, locale, false);
        let pl = pdf::shape(&page_label, locale, false);
        p.pdf.rule(n, LEFT, RIGHT, 805.0, 0.3);
        p.pdf.text_on(n, &no, (LEFT, 818.0), 7.5, Align::Left, true);
        p.pdf.text_on(n, &pl, (RIGHT, 818.0), 7.5, Align::Right, true);
    }
    p.pdf.finish(&doc.doc_no).map_err(|e| Error::invalid("locale", format!("a font could not be embedded: {e}")))
}
