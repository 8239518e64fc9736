//! The month summary as one printable A4 page (two when the shop has many VAT rates and slow
//! movers): every figure of the month report per channel and in total, a bar chart of daily sales
//! by channel, VAT by rate and the top slow movers, labelled in the reader's language.
//!
//! Drawn with the invoice's PDF writer ([`crate::invoice_pdf::pdf`]): text shaped with rustybuzz
//! (Arabic joined right to left, Thai marks placed, CJK embedded), fonts subset, and a ToUnicode
//! map so `pdftotext` reads the figures back. The daily sales come from the same read snapshot as
//! the report and must add up to its gross sales per channel, or the summary is refused.

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection};
use serde::Serialize;

use super::{channel_rows, column_label, Cell};
use crate::error::{Error, Result};
use crate::i18n::{self, Locale};
use crate::invoice_pdf::pdf::{self, Align, Pdf};
use crate::money;
use crate::report::MonthReport;
use crate::shop::Shop;
use crate::time::{Month, Timestamp};

/// One day of the month in the shop's time zone: gross sales (line amounts excluding VAT, before
/// returns) per channel, as money text with the currency's decimals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DaySales {
    /// `YYYY-MM-DD`, the shop's local calendar day.
    pub date: String,
    pub retail: String,
    pub wholesale: String,
}

/// Daily sums in minor units, index 0 = the 1st of the month.
struct Daily {
    days: Vec<(NaiveDate, i64, i64)>,
}

/// Gross sales per local day and channel in one query: from the quarter-hour running sums
/// (crate::rollups) when the month starts and ends on quarter hours (every real time zone), else
/// from the document lines. Each bucket or line is put on the shop's local day it falls in.
fn daily(conn: &Connection, m: &Month, tz: chrono_tz::Tz) -> Result<Daily> {
    let first = crate::time::local_date(m.start, tz);
    let mut days: Vec<(NaiveDate, i64, i64)> =
        (0..m.days).map(|i| (first + chrono::Days::new(i as u64), 0i64, 0i64)).collect();
    let (sql, from, to, bucketed) = match (crate::rollups::boundary(m.start), crate::rollups::boundary(m.end)) {
        (Some(from), Some(to)) => (
            "SELECT bucket, kind, SUM(net_minor) FROM ledger_sums
                 WHERE bucket >= ?1 AND bucket < ?2 AND kind IN ('sale', 'invoice') AND vat_rate <> ''
                 GROUP BY bucket, kind",
            from,
            to,
            true,
        ),
        _ => (
            "SELECT occurred_at, kind, net_minor FROM document_lines
                 WHERE occurred_at >= ?1 AND occurred_at < ?2 AND kind IN ('sale', 'invoice')",
            m.start.to_db(),
            m.end.to_db(),
            false,
        ),
    };
    let mut st = conn.prepare(sql)?;
    let mut rows = st.query(params![from, to])?;
    while let Some(r) = rows.next()? {
        let at: String = r.get(0)?;
        let kind: String = r.get(1)?;
        let net: i64 = r.get(2)?;
        // A bucket is `YYYY-MM-DDTHH:MM` in UTC: the instant it starts.
        let instant = if bucketed { Timestamp::from_db(&format!("{at}:00Z"))? } else { Timestamp::from_db(&at)? };
        let date = crate::time::local_date(instant, tz);
        let index = (date - first).num_days();
        let Some(day) = usize::try_from(index).ok().and_then(|i| days.get_mut(i)) else {
            return Err(Error::Storage { detail: format!("sales at {at} fall outside {}", m.label()) });
        };
        if kind == "sale" {
            day.1 += net;
        } else {
            day.2 += net;
        }
    }
    Ok(Daily { days })
}

impl Daily {
    /// The daily sums must add up to the report's gross sales of each channel (same snapshot).
    fn check(&self, report: &MonthReport, mu: u32) -> Result<()> {
        let retail: i64 = self.days.iter().map(|d| d.1).sum();
        let wholesale: i64 = self.days.iter().map(|d| d.2).sum();
        for (channel, sum, figure) in [
            ("retail", retail, &report.channels.retail.gross_sales),
            ("wholesale", wholesale, &report.channels.wholesale.gross_sales),
        ] {
            if money::minor_str(sum, mu) != *figure {
                return Err(Error::Storage {
                    detail: format!("daily {channel} sales add up to {} but the month has {figure}", sum),
                });
            }
        }
        Ok(())
    }

    fn public(&self, mu: u32) -> Vec<DaySales> {
        self.days
            .iter()
            .map(|(date, r, w)| DaySales {
                date: date.format("%Y-%m-%d").to_string(),
                retail: money::minor_str(*r, mu),
                wholesale: money::minor_str(*w, mu),
            })
            .collect()
    }
}

/// The daily sales of a month per channel, read in the export's snapshot and checked against
/// the month report.
pub(crate) fn daily_sales(
    conn: &Connection,
    actor: &crate::people::Actor,
    shop: &Shop,
    month_text: &str,
) -> Result<Vec<DaySales>> {
    let m = parse_month(month_text, shop)?;
    super::with_snapshot(conn, actor, shop, month_text, |conn, report| {
        let d = daily(conn, &m, shop.tz)?;
        d.check(report, shop.minor_units)?;
        Ok(d.public(shop.minor_units))
    })
}

fn parse_month(month_text: &str, shop: &Shop) -> Result<Month> {
    Month::parse(month_text, shop.tz).map_err(|_| Error::BadMonth { field: "month".into(), value: month_text.into() })
}

/// The summary's PDF: the month report and the daily sales from one read snapshot.
pub(crate) fn month_summary(
    conn: &Connection,
    actor: &crate::people::Actor,
    shop: &Shop,
    month_text: &str,
    locale: Locale,
) -> Result<Vec<u8>> {
    let m = parse_month(month_text, shop)?;
    let (report, d) = super::with_snapshot(conn, actor, shop, month_text, |conn, report| {
        let d = daily(conn, &m, shop.tz)?;
        d.check(report, shop.minor_units)?;
        Ok((report.clone(), d))
    })?;
    render(shop, &report, &d, locale)
}

const LEFT: f32 = 40.0;
const RIGHT: f32 = 555.0;
const ROW_H: f32 = 12.5;
/// Right edges of the figures table's value columns: retail, wholesale, total.
const VALUE_COLS: [f32; 3] = [375.0, 465.0, RIGHT];
/// Lowest baseline of a table row before the page breaks.
const ROWS_BOTTOM: f32 = 790.0;

/// The chart's plot area on the first page, in points from the top left: (left, top, right, bottom).
/// Public so a test can find the bars in a rendered page.
pub const CHART_PLOT: (f32, f32, f32, f32) = (82.0, 392.0, RIGHT, 572.0);
/// Retail bars: blue; wholesale bars: orange (RGB, 0 to 1).
pub const RETAIL_RGB: (f32, f32, f32) = (0.16, 0.42, 0.75);
pub const WHOLESALE_RGB: (f32, f32, f32) = (0.94, 0.52, 0.10);

/// The horizontal span (left, right) in points of day `index` (0 = the 1st) of a `days`-day month.
pub fn chart_day_span(days: u32, index: u32) -> (f32, f32) {
    let (x0, _, x1, _) = CHART_PLOT;
    let slot = (x1 - x0) / days.max(1) as f32;
    (x0 + slot * index as f32, x0 + slot * (index + 1) as f32)
}

/// The page is laid out left to right; for a right-to-left language (Arabic) every text is placed
/// at its mirror image across the page's middle, anchored on the other side: labels on the right,
/// their figures on their left, table columns in the opposite order. The text itself is shaped as
/// the invoice shapes it (Arabic joined right to left; numbers and codes stay left to right).
struct Doc {
    pdf: Pdf,
    locale: Locale,
    rtl: bool,
}

/// `x` mirrored across the middle of the printed width.
fn mirror_x(x: f32) -> f32 {
    LEFT + RIGHT - x
}

fn mirror_align(align: Align) -> Align {
    match align {
        Align::Left => Align::Right,
        Align::Right => Align::Left,
        Align::Center => Align::Center,
    }
}

impl Doc {
    fn page(&self) -> usize {
        self.pdf.page_count() - 1
    }

    /// Where a text laid out left to right at `x` anchored `align` goes in the reader's direction.
    fn placed(&self, x: f32, align: Align) -> (f32, Align) {
        if self.rtl {
            (mirror_x(x), mirror_align(align))
        } else {
            (x, align)
        }
    }

    fn put(&mut self, text: &str, (x, y): (f32, f32), size: f32, align: Align, bold: bool, grey: bool) {
        let shaped = pdf::shape(text, self.locale, bold);
        let page = self.page();
        let (x, align) = self.placed(x, align);
        self.pdf.text_on(page, &shaped, (x, y), size, align, grey);
    }

    fn text(&mut self, text: &str, at: (f32, f32), size: f32, align: Align) {
        self.put(text, at, size, align, false, false);
    }

    fn bold(&mut self, text: &str, at: (f32, f32), size: f32, align: Align) {
        self.put(text, at, size, align, true, false);
    }

    fn grey(&mut self, text: &str, at: (f32, f32), size: f32, align: Align) {
        self.put(text, at, size, align, false, true);
    }

    /// Text cut with an ellipsis to fit `max` points, starting at `x` in the reader's direction.
    fn fitted(&mut self, text: &str, (x, y): (f32, f32), size: f32, max: f32) {
        let mut shaped = pdf::shape(text, self.locale, false);
        let mut chars: Vec<char> = text.chars().collect();
        while !chars.is_empty() && shaped.width_em * size > max {
            chars.pop();
            let cut: String = chars.iter().collect::<String>().trim_end().to_string() + "…";
            shaped = pdf::shape(&cut, self.locale, false);
        }
        let page = self.page();
        let (x, align) = self.placed(x, Align::Left);
        self.pdf.text_on(page, &shaped, (x, y), size, align, false);
    }

    fn label(&self, id: &str) -> String {
        i18n::message(self.locale, id, &[])
    }

    /// A table header: a grey band with bold labels at (x, alignment).
    fn header(&mut self, y: f32, columns: &[(String, f32, Align)]) -> f32 {
        let page = self.page();
        self.pdf.band(page, LEFT, y, RIGHT - LEFT, 15.0);
        for (label, x, align) in columns {
            self.bold(label, (*x, y + 10.5), 7.5, *align);
        }
        y + 15.0 + 10.0
    }
}

/// Refuse text no installed font can draw, naming the field.
fn check_text(text: &str, locale: Locale, field: &str) -> Result<()> {
    match crate::fonts::missing_char(text, locale) {
        Some(c) => Err(Error::UnprintableText {
            field: field.to_string(),
            text: text.chars().take(40).collect(),
            script: format!("U+{:04X}", c as u32),
        }),
        None => Ok(()),
    }
}

/// A figure as shown: numbers with the locale's separators, an empty figure as a dash.
fn shown(cell: &Cell, locale: Locale) -> String {
    match cell {
        Cell::Int(v) => i18n::format_number(locale, &v.to_string()),
        Cell::Money(s) | Cell::Decimal(s, _) => i18n::format_number(locale, s),
        Cell::Text(s) => s.clone(),
        Cell::Empty | Cell::Time(_) => "—".into(),
    }
}

/// A step for the value axis in minor units: 1, 2 or 5 times a power of ten, so that at most five
/// steps reach `max`.
fn axis_step(max_minor: i64) -> i64 {
    let raw = (max_minor.max(1) + 4) / 5;
    let mut magnitude = 1i64;
    while magnitude.saturating_mul(10) <= raw {
        magnitude *= 10;
    }
    [1, 2, 5, 10].iter().map(|k| k * magnitude).find(|s| *s >= raw).unwrap_or(10 * magnitude)
}

fn render(shop: &Shop, r: &MonthReport, d: &Daily, locale: Locale) -> Result<Vec<u8>> {
    check_text(&shop.name, locale, "shop.name")?;
    for (i, s) in r.slow_movers.iter().enumerate() {
        check_text(&s.name, locale, &format!("slow_movers[{i}].name"))?;
    }
    let mu = shop.minor_units;
    let num = |t: &str| i18n::format_number(locale, t);
    let mut doc = Doc { pdf: Pdf::new(), locale, rtl: locale.is_rtl() };
    doc.pdf.new_page();

    // Heading: the shop, the title, the month, currency and time zone.
    doc.bold(&shop.name, (LEFT, 52.0), 16.0, Align::Left);
    doc.bold(&doc.label("month-pdf-title"), (RIGHT, 52.0), 16.0, Align::Right);
    doc.bold(&r.month, (RIGHT, 72.0), 12.0, Align::Right);
    let period = format!(
        "{}: {} · {}: {} · {}: {}",
        column_label("currency", locale),
        r.currency,
        column_label("time_zone", locale),
        r.time_zone,
        column_label("days", locale),
        r.days
    );
    doc.grey(&period, (LEFT, 72.0), 8.0, Align::Left);
    let page = doc.page();
    doc.pdf.rule(page, LEFT, RIGHT, 82.0, 0.8);

    // Every figure per channel and in total, then the inventory figures (total only).
    let columns = [
        (column_label("label", locale), LEFT + 2.0, Align::Left),
        (column_label("retail", locale), VALUE_COLS[0], Align::Right),
        (column_label("wholesale", locale), VALUE_COLS[1], Align::Right),
        (column_label("total", locale), VALUE_COLS[2], Align::Right),
    ];
    let mut y = doc.header(94.0, &columns);
    let ch = &r.channels;
    let mut rows: Vec<(&str, [Cell; 3])> = channel_rows()
        .into_iter()
        .map(|(key, _, get)| (key, [get(&ch.retail), get(&ch.wholesale), get(&ch.total)]))
        .collect();
    let channel_figures = rows.len();
    let inv = &r.inventory;
    let total_only = |c: Cell| [Cell::Empty, Cell::Empty, c];
    rows.push(("inventory_value_start", total_only(Cell::Money(inv.value_start.clone()))));
    rows.push(("inventory_value_end", total_only(Cell::Money(inv.value_end.clone()))));
    rows.push(("inventory_value_average", total_only(Cell::Money(inv.average.clone()))));
    let turnover = inv.turnover_days.clone().map(|t| Cell::Decimal(t, 1)).unwrap_or(Cell::Empty);
    rows.push(("turnover_days", total_only(turnover)));
    for (i, (key, cells)) in rows.iter().enumerate() {
        if i % 2 == 1 {
            let page = doc.page();
            doc.pdf.fill_rect(page, (LEFT, y - 9.0), (RIGHT - LEFT, ROW_H), (0.97, 0.97, 0.97));
        }
        let strong = matches!(*key, "gross_sales" | "net_sales" | "gross_margin");
        let label = column_label(key, locale);
        if strong {
            doc.bold(&label, (LEFT + 2.0, y), 8.5, Align::Left);
        } else {
            doc.text(&label, (LEFT + 2.0, y), 8.5, Align::Left);
        }
        for (column, (cell, x)) in cells.iter().zip(VALUE_COLS).enumerate() {
            // The inventory figures are the shop's, not a channel's: only the total column.
            if i >= channel_figures && column < 2 {
                continue;
            }
            let value = shown(cell, locale);
            if strong {
                doc.bold(&value, (x, y), 8.5, Align::Right);
            } else {
                doc.text(&value, (x, y), 8.5, Align::Right);
            }
        }
        y += ROW_H;
    }
    debug_assert!(y < CHART_PLOT.1 - 30.0, "the figures table reaches the chart ({y})");

    chart(&mut doc, r, d, mu);

    // VAT by rate.
    let mut y = CHART_PLOT.3 + 40.0;
    doc.bold(&i18n::message(locale, "export-part-vat", &[]), (LEFT, y), 10.0, Align::Left);
    y += 8.0;
    let vat_cols: [(&str, f32, Align); 6] = [
        ("vat_rate_pct", LEFT + 2.0, Align::Left),
        ("sales_net", 215.0, Align::Right),
        ("sales_vat", 300.0, Align::Right),
        ("returns_net", 385.0, Align::Right),
        ("returns_vat", 470.0, Align::Right),
        ("vat_due", RIGHT, Align::Right),
    ];
    let header: Vec<(String, f32, Align)> =
        vat_cols.iter().map(|(k, x, a)| (column_label(k, locale), *x, *a)).collect();
    y = doc.header(y, &header);
    for v in &r.vat_by_rate {
        if y > ROWS_BOTTOM {
            doc.pdf.new_page();
            y = doc.header(50.0, &header);
        }
        let values = [format!("{}%", num(&v.rate_pct)), num(&v.sales_net), num(&v.sales_vat)];
        let more = [num(&v.returns_net), num(&v.returns_vat), num(&v.vat_due)];
        for (value, (_, x, align)) in values.iter().chain(more.iter()).zip(vat_cols) {
            doc.text(value, (x, y), 8.5, align);
        }
        y += ROW_H;
    }
    if r.vat_by_rate.is_empty() {
        doc.grey(&i18n::message(locale, "report-none", &[]), (LEFT + 2.0, y), 8.5, Align::Left);
        y += ROW_H;
    }

    // The top slow movers (the report's ranking).
    y += 14.0;
    if y + 40.0 > ROWS_BOTTOM {
        doc.pdf.new_page();
        y = 50.0;
    }
    doc.bold(&i18n::message(locale, "export-part-slow-movers", &[]), (LEFT, y), 10.0, Align::Left);
    y += 8.0;
    let mover_cols: [(&str, f32, Align); 6] = [
        ("rank", LEFT + 2.0, Align::Left),
        ("sku", 68.0, Align::Left),
        ("name", 150.0, Align::Left),
        ("on_hand", 400.0, Align::Right),
        ("on_hand_value", 480.0, Align::Right),
        ("days_idle", RIGHT, Align::Right),
    ];
    let header: Vec<(String, f32, Align)> =
        mover_cols.iter().map(|(k, x, a)| (column_label(k, locale), *x, *a)).collect();
    y = doc.header(y, &header);
    // As many as the first page holds (the summary stays one page), between 5 and 10.
    let fit = ((ROWS_BOTTOM - y) / ROW_H).floor().max(0.0) as usize + 1;
    let shown = fit.clamp(SLOW_MOVERS_MIN, SLOW_MOVERS_MAX).min(r.slow_movers.len());
    let movers = &r.slow_movers[..shown];
    for s in movers {
        if y > ROWS_BOTTOM {
            doc.pdf.new_page();
            y = doc.header(50.0, &header);
        }
        doc.text(&s.rank.to_string(), (mover_cols[0].1, y), 8.5, Align::Left);
        doc.fitted(&s.sku, (mover_cols[1].1, y), 8.5, mover_cols[2].1 - mover_cols[1].1 - 4.0);
        doc.fitted(&s.name, (mover_cols[2].1, y), 8.5, mover_cols[3].1 - mover_cols[2].1 - 50.0);
        doc.text(&num(&s.on_hand.to_string()), (mover_cols[3].1, y), 8.5, Align::Right);
        doc.text(&num(&s.on_hand_value), (mover_cols[4].1, y), 8.5, Align::Right);
        doc.text(&num(&s.days_idle), (mover_cols[5].1, y), 8.5, Align::Right);
        y += ROW_H;
    }
    if movers.is_empty() {
        doc.grey(&i18n::message(locale, "report-none", &[]), (LEFT + 2.0, y), 8.5, Align::Left);
    }

    // Footer on every page: shop and month, "page n of N".
    let pages = doc.pdf.page_count();
    for n in 0..pages {
        let left = pdf::shape(&format!("{} · {}", shop.name, r.month), locale, false);
        let args = [("page", (n + 1).to_string()), ("pages", pages.to_string())];
        let right = pdf::shape(&i18n::message(locale, "invoice-page", &args), locale, false);
        doc.pdf.rule(n, LEFT, RIGHT, 805.0, 0.3);
        let (at_left, at_right) = (doc.placed(LEFT, Align::Left), doc.placed(RIGHT, Align::Right));
        doc.pdf.text_on(n, &left, (at_left.0, 818.0), 7.5, at_left.1, true);
        doc.pdf.text_on(n, &right, (at_right.0, 818.0), 7.5, at_right.1, true);
    }
    let title = format!("{} {} · {}", i18n::message(locale, "month-pdf-title", &[]), r.month, shop.name);
    doc.pdf.finish(&title).map_err(|e| Error::invalid("locale", format!("a font could not be embedded: {e}")))
}

/// How many slow movers the summary lists (the workbook has the report's whole list).
const SLOW_MOVERS_MIN: usize = 5;
const SLOW_MOVERS_MAX: usize = 10;

/// The bar chart of daily sales: a pair of bars per day (retail, wholesale), a value axis with
/// grid lines in whole steps of the currency, the day of the month under each pair, a legend.
fn chart(doc: &mut Doc, r: &MonthReport, d: &Daily, mu: u32) {
    let (x0, top, x1, bottom) = CHART_PLOT;
    let page = doc.page();
    let locale = doc.locale;
    let title = i18n::message(locale, "month-pdf-chart", &[("currency", r.currency.clone())]);
    if doc.rtl {
        // Right to left: the title on the right, the legend under it on the right too, each
        // swatch to the right of its label (read first), retail first.
        doc.bold(&title, (LEFT, top - 22.0), 10.0, Align::Left);
        let mut x = RIGHT;
        for (id, rgb) in [("export-col-retail", RETAIL_RGB), ("export-col-wholesale", WHOLESALE_RGB)] {
            let label = i18n::message(locale, id, &[]);
            let shaped = pdf::shape(&label, locale, false);
            doc.pdf.fill_rect(page, (x - 8.0, top - 16.0), (8.0, 8.0), rgb);
            x -= 12.0;
            doc.pdf.text_on(page, &shaped, (x, top - 9.0), 8.0, Align::Right, false);
            x -= shaped.width_em * 8.0 + 14.0;
        }
    } else {
        doc.bold(&title, (LEFT, top - 22.0), 10.0, Align::Left);
        // Legend, right-aligned on the title's line.
        let mut x = RIGHT;
        for (id, rgb) in [("export-col-wholesale", WHOLESALE_RGB), ("export-col-retail", RETAIL_RGB)] {
            let label = i18n::message(locale, id, &[]);
            let shaped = pdf::shape(&label, locale, false);
            doc.pdf.text_on(page, &shaped, (x, top - 22.0), 8.0, Align::Right, false);
            x -= shaped.width_em * 8.0 + 12.0;
            doc.pdf.fill_rect(page, (x, top - 29.0), (8.0, 8.0), rgb);
            x -= 14.0;
        }
    }

    let max = d.days.iter().map(|(_, r, w)| (*r).max(*w)).max().unwrap_or(0).max(0);
    let step = axis_step(max);
    let steps = ((max + step - 1) / step).max(1);
    let scale_top = step * steps;
    let height = bottom - top;
    // Grid lines and their values (in currency units: the step is a whole number of minor units).
    for k in 0..=steps {
        let y = bottom - height * k as f32 / steps as f32;
        doc.pdf.line(page, (x0, y), (x1, y), 0.4, if k == 0 { 0.0 } else { 0.82 });
        let value = money::from_minor(step * k, mu).normalize().to_string();
        let shaped = pdf::shape(&i18n::format_number(locale, &value), locale, false);
        doc.pdf.text_on(page, &shaped, (x0 - 4.0, y + 2.5), 6.5, Align::Right, true);
    }
    doc.pdf.line(page, (x0, top), (x0, bottom), 0.6, 0.0);
    let days = d.days.len() as u32;
    for (i, (date, retail, wholesale)) in d.days.iter().enumerate() {
        let (left, right) = chart_day_span(days, i as u32);
        let slot = right - left;
        let bar = slot * 0.38;
        for (value, rgb, offset) in [(*retail, RETAIL_RGB, slot * 0.12), (*wholesale, WHOLESALE_RGB, slot * 0.5)] {
            if value > 0 {
                // Drawing geometry only: the figures themselves stay exact.
                let h = height * (value as f64 / scale_top as f64) as f32;
                doc.pdf.fill_rect(page, (left + offset, bottom - h), (bar, h), rgb);
            }
        }
        let shaped = pdf::shape(&date.day().to_string(), locale, false);
        doc.pdf.text_on(page, &shaped, ((left + right) / 2.0, bottom + 9.0), 6.0, Align::Center, true);
    }
    let caption = column_label("date", locale);
    let shaped = pdf::shape(&caption, locale, false);
    doc.pdf.text_on(page, &shaped, ((x0 + x1) / 2.0, bottom + 20.0), 7.0, Align::Center, true);
}
