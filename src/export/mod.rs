//! The month pack: every month-end figure and the journals an accountant checks them against,
//! exported as one XLSX workbook (a sheet per part) or a folder of CSV files (a file per part),
//! and the printable summary with a chart of daily sales as PDF ([`pdf`]).
//!
//! The figures come from [`crate::report`] (the same numbers as `report month`, to the last
//! digit); the journals are read from the ledger in one read transaction taken at the same
//! snapshot as the report, so every part agrees. An export only reads: the till keeps selling.

mod csv;
pub mod pdf;
mod xlsx;

use std::path::{Path, PathBuf};

use rusqlite::{params, Connection};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::i18n::Locale;
use crate::money;
use crate::people::{Action, Actor};
use crate::report::{ChannelFigures, MonthReport};
use crate::shop::Shop;
use crate::time::{Month, Timestamp};

/// Progress is reported every this many rows (and at the end of each part).
const PROGRESS_EVERY_ROWS: u64 = 2_000;

/// The file format of a month pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Xlsx,
    Csv,
    /// The printable A4 summary with the chart of daily sales.
    Pdf,
}

impl ExportFormat {
    /// `xlsx`, `csv` or `pdf` (any case).
    pub fn parse(text: &str) -> Result<ExportFormat> {
        match text.trim().to_ascii_lowercase().as_str() {
            "xlsx" => Ok(ExportFormat::Xlsx),
            "csv" => Ok(ExportFormat::Csv),
            "pdf" => Ok(ExportFormat::Pdf),
            _ => Err(Error::UnknownExportFormat { field: "format".into(), value: text.into() }),
        }
    }
}

/// Where an export has got to: rows written out of the rows the pack holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ExportProgress {
    /// The part being written (`sales_journal`).
    pub part: &'static str,
    pub done: u64,
    pub total: u64,
}

/// One part written: its key, how many data rows, and the file (CSV) or sheet name (XLSX).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartWritten {
    pub part: &'static str,
    pub rows: u64,
    pub name: String,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportReport {
    pub month: String,
    pub format: ExportFormat,
    /// The workbook (XLSX) or the folder of CSV files.
    pub path: String,
    pub parts: Vec<PartWritten>,
    pub rows: u64,
}

/// The parts of the pack, in the order they are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Summary,
    Vat,
    SlowMovers,
    SalesJournal,
    ReturnsJournal,
    Receipts,
    StockValuation,
    ReceivablesAging,
}

impl Part {
    /// The stable key: the CSV file name (without `.csv`) and the sheet's message id suffix.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Part::Summary => "summary",
            Part::Vat => "vat",
            Part::SlowMovers => "slow_movers",
            Part::SalesJournal => "sales_journal",
            Part::ReturnsJournal => "returns_journal",
            Part::Receipts => "receipts",
            Part::StockValuation => "stock_valuation",
            Part::ReceivablesAging => "receivables_aging",
        }
    }

    pub(crate) fn title(self, locale: Locale) -> String {
        part_title(self.key(), locale)
    }
}

/// The key of the part written last (progress reaches its total there).
pub const LAST_PART: &str = "receivables_aging";

/// A part's name in the user's language (the sheet name), from its stable key.
pub fn part_title(key: &str, locale: Locale) -> String {
    crate::i18n::message(locale, &format!("export-part-{}", key.replace('_', "-")), &[])
}

/// What a column holds, which decides the cell type and number format in XLSX.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Text,
    Int,
    Money,
    /// A decimal with this many places (percentages 2, days 1, unit costs 4).
    Decimal(u32),
    /// Mixed: the summary's value columns, typed per cell.
    Any,
    Time,
}

/// One column of a part: its stable CSV name and what it holds.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Column {
    pub key: &'static str,
    pub kind: Kind,
    /// Only in the workbook (a localized label beside the stable key).
    pub xlsx_only: bool,
}

const fn col(key: &'static str, kind: Kind) -> Column {
    Column { key, kind, xlsx_only: false }
}

impl Column {
    /// The header a person reads in the workbook, in their language.
    pub(crate) fn label(&self, locale: Locale) -> String {
        column_label(self.key, locale)
    }
}

/// A column's header (or a summary figure's name) in the user's language, from its stable key.
pub fn column_label(key: &str, locale: Locale) -> String {
    crate::i18n::message(locale, &format!("export-col-{}", key.replace('_', "-")), &[])
}

/// One cell. Money and decimals travel as exact decimal text; the XLSX writer turns them into
/// numbers, the CSV writer writes the text as it is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Text(String),
    Int(i64),
    Money(String),
    Decimal(String, u32),
    Time(Timestamp),
}

/// One cell of a totals row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Total {
    pub col: usize,
    pub value: Cell,
    pub formula: bool,
}

/// A total that a SUM over the column's rows reproduces exactly.
fn sum_of(col: usize, value: Cell) -> Total {
    Total { col, value, formula: true }
}

/// A total of exact values whose rows are each rounded: the rounded exact sum, as a value.
fn exact(col: usize, value: Cell) -> Total {
    Total { col, value, formula: false }
}

/// A destination for the parts: the workbook or the CSV folder.
pub(crate) trait Sink {
    fn begin(&mut self, part: Part, columns: &[Column]) -> Result<()>;
    fn row(&mut self, cells: &[Cell]) -> Result<()>;
    /// Close the part with its totals row (workbook only): per column, the exact total, and
    /// whether a SUM formula over the rows gives it too (not when the rows are rounded shares).
    fn end(&mut self, totals: &[Total]) -> Result<String>;
    fn finish(self: Box<Self>) -> Result<()>;
}

/// The shape of the pack as the writers need it.
pub(crate) struct Layout {
    pub minor_units: u32,
    pub tz: chrono_tz::Tz,
    pub locale: Locale,
}

pub(crate) fn unwritable(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::ExportNotWritable { field: "out".into(), path: path.display().to_string(), detail: e.to_string() }
}

/// Export the month pack of `YYYY-MM` to `out` (a `.xlsx` file, or a folder for CSV; for XLSX an
/// existing folder gets `onebook-YYYY-MM.xlsx`). Headers and sheet names are in `locale`; CSV
/// column names are stable. `progress` hears rows done out of the total. Nothing is written to
/// the book; a failed export leaves no half-written file behind.
#[allow(clippy::too_many_arguments)] // Book::export_month's parameters, plus the connection and shop
pub(crate) fn month_pack(
    conn: &Connection,
    actor: &Actor,
    shop: &Shop,
    month_text: &str,
    format: ExportFormat,
    out: &Path,
    locale: Locale,
    progress: &mut dyn FnMut(ExportProgress),
) -> Result<ExportReport> {
    actor.require(Action::ViewReports)?;
    let month = Month::parse(month_text, shop.tz)
        .map_err(|_| Error::BadMonth { field: "month".into(), value: month_text.into() })?;
    if format == ExportFormat::Pdf {
        // One page drawn in well under a second: no progress to report.
        return summary_pdf(conn, actor, shop, &month, out, locale);
    }
    let layout = Layout { minor_units: shop.minor_units, tz: shop.tz, locale };
    let (path, sink): (PathBuf, Box<dyn Sink>) = match format {
        ExportFormat::Xlsx => {
            let path = if out.is_dir() { out.join(format!("onebook-{}.xlsx", month.label())) } else { out.into() };
            let sink = xlsx::XlsxSink::create(&path, layout)?;
            (path, Box::new(sink))
        }
        ExportFormat::Csv => (out.into(), Box::new(csv::CsvSink::create(out, shop.tz)?)),
        ExportFormat::Pdf => unreachable!("written above"),
    };
    let mut parts = vec![];
    let mut sink = sink;
    with_snapshot(conn, actor, shop, month_text, |conn, report| {
        write_pack(conn, shop, &month, report, locale, sink.as_mut(), &mut parts, progress)
    })?;
    sink.finish()?;
    Ok(ExportReport {
        month: month.label(),
        format,
        path: path.display().to_string(),
        rows: parts.iter().map(|p| p.rows).sum(),
        parts,
    })
}

/// The summary PDF written to `out` (an existing folder gets `onebook-YYYY-MM.pdf`), through a
/// temporary file renamed into place, so a failed export leaves no half-written file.
fn summary_pdf(
    conn: &Connection,
    actor: &Actor,
    shop: &Shop,
    month: &Month,
    out: &Path,
    locale: Locale,
) -> Result<ExportReport> {
    let path: PathBuf = if out.is_dir() { out.join(format!("onebook-{}.pdf", month.label())) } else { out.into() };
    let bytes = pdf::month_summary(conn, actor, shop, &month.label(), locale)?;
    let part_path = path.with_extension("pdf.part");
    std::fs::write(&part_path, &bytes).map_err(|e| unwritable(&path, e))?;
    std::fs::rename(&part_path, &path).map_err(|e| {
        let _ = std::fs::remove_file(&part_path);
        unwritable(&path, e)
    })?;
    Ok(ExportReport {
        month: month.label(),
        format: ExportFormat::Pdf,
        path: path.display().to_string(),
        parts: vec![PartWritten { part: Part::Summary.key(), rows: 1, name: Part::Summary.title(locale) }],
        rows: 1,
    })
}

/// Run `read` with the month report in one read transaction: the report and every journal
/// come from the same snapshot of the ledger, and no write lock is taken, so tills keep selling.
fn with_snapshot<T>(
    conn: &Connection,
    actor: &Actor,
    shop: &Shop,
    month_text: &str,
    read: impl FnOnce(&Connection, &MonthReport) -> Result<T>,
) -> Result<T> {
    let snapshot = conn.unchecked_transaction()?;
    let report = crate::report::month(&snapshot, actor, shop, month_text)?;
    let result = read(&snapshot, &report)?;
    // A read transaction: ending it releases nothing but the snapshot.
    snapshot.finish()?;
    Ok(result)
}

struct Rows<'a> {
    sink: &'a mut dyn Sink,
    progress: &'a mut dyn FnMut(ExportProgress),
    part: &'static str,
    done: u64,
    total: u64,
    in_part: u64,
}

impl Rows<'_> {
    fn row(&mut self, cells: &[Cell]) -> Result<()> {
        self.sink.row(cells)?;
        self.done += 1;
        self.in_part += 1;
        if self.done % PROGRESS_EVERY_ROWS == 0 {
            (self.progress)(ExportProgress { part: self.part, done: self.done, total: self.total });
        }
        Ok(())
    }

    fn begin(&mut self, part: Part, columns: &[Column]) -> Result<()> {
        self.part = part.key();
        self.in_part = 0;
        self.sink.begin(part, columns)
    }

    fn end(&mut self, totals: &[Total], parts: &mut Vec<PartWritten>) -> Result<()> {
        let name = self.sink.end(totals)?;
        parts.push(PartWritten { part: self.part, rows: self.in_part, name });
        (self.progress)(ExportProgress { part: self.part, done: self.done, total: self.total });
        Ok(())
    }
}

fn count(conn: &Connection, sql: &str, m: &Month) -> Result<u64> {
    Ok(conn.query_row(sql, params![m.start.to_db(), m.end.to_db()], |r| r.get::<_, i64>(0))? as u64)
}

const RETURN_KINDS: &str = "('retail_return', 'wholesale_return')";

/// The figures of the summary: key, kind, and where each channel's value comes from.
fn channel_rows() -> Vec<(&'static str, Kind, fn(&ChannelFigures) -> Cell)> {
    fn opt_dec(v: &Option<String>, dp: u32) -> Cell {
        v.as_ref().map(|s| Cell::Decimal(s.clone(), dp)).unwrap_or(Cell::Empty)
    }
    vec![
        ("orders", Kind::Int, |f| Cell::Int(f.orders)),
        ("lines", Kind::Int, |f| Cell::Int(f.lines)),
        ("gross_sales", Kind::Money, |f| Cell::Money(f.gross_sales.clone())),
        ("returns", Kind::Money, |f| Cell::Money(f.returns.clone())),
        ("net_sales", Kind::Money, |f| Cell::Money(f.net_sales.clone())),
        ("cogs", Kind::Money, |f| Cell::Money(f.cogs.clone())),
        ("gross_margin", Kind::Money, |f| Cell::Money(f.gross_margin.clone())),
        ("margin_pct", Kind::Decimal(2), |f| opt_dec(&f.margin_pct, 2)),
        ("return_rate_pct", Kind::Decimal(2), |f| opt_dec(&f.return_rate_pct, 2)),
        ("sold_qty_base", Kind::Int, |f| Cell::Int(f.sold_qty_base)),
        ("returned_qty_base", Kind::Int, |f| Cell::Int(f.returned_qty_base)),
        ("return_rate_qty_pct", Kind::Decimal(2), |f| opt_dec(&f.return_rate_qty_pct, 2)),
        ("average_order_value", Kind::Money, |f| {
            f.average_order_value.as_ref().map(|s| Cell::Money(s.clone())).unwrap_or(Cell::Empty)
        }),
        ("lines_per_order", Kind::Decimal(2), |f| opt_dec(&f.lines_per_order, 2)),
    ]
}

/// Every figure of the summary part, as rows of (figure key, retail, wholesale, total).
fn summary_rows(r: &MonthReport) -> Vec<(&'static str, [Cell; 3])> {
    let mut rows: Vec<(&'static str, [Cell; 3])> = channel_rows()
        .into_iter()
        .map(|(key, _, get)| (key, [get(&r.channels.retail), get(&r.channels.wholesale), get(&r.channels.total)]))
        .collect();
    let only_total = |c: Cell| [Cell::Empty, Cell::Empty, c];
    let inv = &r.inventory;
    rows.push(("inventory_value_start", only_total(Cell::Money(inv.value_start.clone()))));
    rows.push(("inventory_value_end", only_total(Cell::Money(inv.value_end.clone()))));
    rows.push(("inventory_value_average", only_total(Cell::Money(inv.average.clone()))));
    rows.push((
        "turnover_days",
        only_total(inv.turnover_days.as_ref().map(|d| Cell::Decimal(d.clone(), 1)).unwrap_or(Cell::Empty)),
    ));
    rows.push(("shop", only_total(Cell::Text(r.shop.clone()))));
    rows.push(("month", only_total(Cell::Text(r.month.clone()))));
    rows.push(("currency", only_total(Cell::Text(r.currency.clone()))));
    rows.push(("time_zone", only_total(Cell::Text(r.time_zone.clone()))));
    let ts = |s: &str| Timestamp::from_db(s).map(Cell::Time).unwrap_or(Cell::Text(s.into()));
    rows.push(("period_start", only_total(ts(&r.period_start))));
    rows.push(("period_end", only_total(ts(&r.period_end))));
    rows.push(("days", only_total(Cell::Int(r.days as i64))));
    rows
}

#[allow(clippy::too_many_arguments)] // the snapshot's parts, each needed once
fn write_pack(
    conn: &Connection,
    shop: &Shop,
    m: &Month,
    report: &MonthReport,
    locale: Locale,
    sink: &mut dyn Sink,
    parts: &mut Vec<PartWritten>,
    progress: &mut dyn FnMut(ExportProgress),
) -> Result<()> {
    let mu = shop.minor_units;
    let summary = summary_rows(report);
    let lines_in = |kinds: &str| {
        // Lines found through their documents (documents_kind_time): the lines' own copies of
        // kind and time have no index since the report reads running sums (migration 0004).
        format!(
            "SELECT count(*) FROM documents d JOIN document_lines l ON l.document_id = d.id
             WHERE d.kind IN {kinds} AND d.occurred_at >= ?1 AND d.occurred_at < ?2"
        )
    };
    // The report counted the month's sale and invoice lines already (the same snapshot).
    let sales_n = report.channels.total.lines as u64;
    let returns_n = count(conn, &lines_in(RETURN_KINDS), m)?;
    let receipts_n = count(conn, &lines_in("('receipt')"), m)?;
    let stock = stock_at(conn, m.end)?;
    let total = summary.len() as u64
        + report.vat_by_rate.len() as u64
        + report.slow_movers.len() as u64
        + sales_n
        + returns_n
        + receipts_n
        + stock.len() as u64
        + report.receivables_aging.len() as u64;
    let mut rows = Rows { sink, progress, part: "", done: 0, total, in_part: 0 };
    (rows.progress)(ExportProgress { part: Part::Summary.key(), done: 0, total });

    // Summary.
    let label = Column { key: "label", kind: Kind::Text, xlsx_only: true };
    let columns = [
        col("figure", Kind::Text),
        label,
        col("retail", Kind::Any),
        col("wholesale", Kind::Any),
        col("total", Kind::Any),
    ];
    rows.begin(Part::Summary, &columns)?;
    for (key, [retail, wholesale, total]) in summary {
        let name = column_label(key, locale);
        rows.row(&[Cell::Text(key.into()), Cell::Text(name), retail, wholesale, total])?;
    }
    rows.end(&[], parts)?;

    // VAT by rate: totals are exact sums of the report's figures (each already exact).
    let columns = [
        col("vat_rate_pct", Kind::Decimal(0)),
        col("sales_net", Kind::Money),
        col("sales_vat", Kind::Money),
        col("returns_net", Kind::Money),
        col("returns_vat", Kind::Money),
        col("vat_due", Kind::Money),
    ];
    rows.begin(Part::Vat, &columns)?;
    let mut sums = [Decimal::ZERO; 5];
    for v in &report.vat_by_rate {
        let amounts = [&v.sales_net, &v.sales_vat, &v.returns_net, &v.returns_vat, &v.vat_due];
        for (s, a) in sums.iter_mut().zip(amounts) {
            *s += Decimal::from_str_exact(a).unwrap_or_default();
        }
        let dp = v.rate_pct.split_once('.').map(|(_, f)| f.len() as u32).unwrap_or(0);
        let mut cells = vec![Cell::Decimal(v.rate_pct.clone(), dp)];
        cells.extend(amounts.iter().map(|a| Cell::Money((*a).clone())));
        rows.row(&cells)?;
    }
    let totals: Vec<Total> =
        sums.iter().enumerate().map(|(i, s)| sum_of(i + 1, Cell::Money(money::amount_str(*s, mu)))).collect();
    rows.end(&totals, parts)?;

    // Slow movers (the report's ranking, as far as it lists them).
    let columns = [
        col("rank", Kind::Int),
        col("sku", Kind::Text),
        col("name", Kind::Text),
        col("on_hand", Kind::Int),
        col("on_hand_value", Kind::Money),
        col("days_idle", Kind::Decimal(1)),
        col("last_sale", Kind::Time),
    ];
    rows.begin(Part::SlowMovers, &columns)?;
    for s in &report.slow_movers {
        let last = match &s.last_sale {
            Some(t) => Cell::Time(Timestamp::from_db(t)?),
            None => Cell::Empty,
        };
        rows.row(&[
            Cell::Int(s.rank as i64),
            Cell::Text(s.sku.clone()),
            Cell::Text(s.name.clone()),
            Cell::Int(s.on_hand),
            Cell::Money(s.on_hand_value.clone()),
            Cell::Decimal(s.days_idle.clone(), 1),
            last,
        ])?;
    }
    rows.end(&[], parts)?;

    let names = product_names(conn)?;
    journal(conn, m, mu, &names, &mut rows, parts, Part::SalesJournal)?;
    journal(conn, m, mu, &names, &mut rows, parts, Part::ReturnsJournal)?;
    receipts(conn, m, mu, &mut rows, parts)?;

    // Stock valuation at the end of the month; the total is the exact sum, rounded once, so it
    // equals the report's inventory value at the end.
    let columns = [
        col("sku", Kind::Text),
        col("name", Kind::Text),
        col("base_unit", Kind::Text),
        col("on_hand", Kind::Int),
        col("avg_cost", Kind::Decimal(4)),
        col("value", Kind::Money),
    ];
    rows.begin(Part::StockValuation, &columns)?;
    let (mut qty_total, mut value_total_e4) = (0i64, 0i128);
    for s in &stock {
        let value_e4 = s.on_hand as i128 * s.avg_cost_e4 as i128;
        qty_total += s.on_hand;
        value_total_e4 += value_e4;
        rows.row(&[
            Cell::Text(s.sku.clone()),
            Cell::Text(s.name.clone()),
            Cell::Text(s.base_unit.clone()),
            Cell::Int(s.on_hand),
            Cell::Decimal(money::cost_from_e4(s.avg_cost_e4).to_string(), 4),
            Cell::Money(money::amount_str(Decimal::from_i128_with_scale(value_e4, 4), mu)),
        ])?;
    }
    let value_total = Cell::Money(money::amount_str(Decimal::from_i128_with_scale(value_total_e4, 4), mu));
    rows.end(&[sum_of(3, Cell::Int(qty_total)), exact(5, value_total)], parts)?;

    // Receivables aging of wholesale buyers at the end of the month.
    let buckets = ["current", "days_1_30", "days_31_60", "days_61_90", "days_over_90", "credit", "total"];
    let mut columns = vec![col("buyer", Kind::Text), col("buyer_name", Kind::Text)];
    columns.extend(buckets.iter().map(|k| col(k, Kind::Money)));
    rows.begin(Part::ReceivablesAging, &columns)?;
    let mut sums = [Decimal::ZERO; 7];
    for a in &report.receivables_aging {
        let amounts = [&a.current, &a.days_1_30, &a.days_31_60, &a.days_61_90, &a.days_over_90, &a.credit, &a.total];
        for (s, v) in sums.iter_mut().zip(amounts) {
            *s += Decimal::from_str_exact(v).unwrap_or_default();
        }
        let mut cells = vec![Cell::Text(a.buyer.clone()), Cell::Text(a.name.clone())];
        cells.extend(amounts.iter().map(|v| Cell::Money((*v).clone())));
        rows.row(&cells)?;
    }
    let totals: Vec<Total> =
        sums.iter().enumerate().map(|(i, s)| sum_of(i + 2, Cell::Money(money::amount_str(*s, mu)))).collect();
    rows.end(&totals, parts)?;
    Ok(())
}

/// The sales or returns journal: one row per document line dated in the month.
fn journal(
    conn: &Connection,
    m: &Month,
    mu: u32,
    names: &ProductNames,
    rows: &mut Rows,
    parts: &mut Vec<PartWritten>,
    part: Part,
) -> Result<()> {
    let returns = part == Part::ReturnsJournal;
    let mut columns = vec![
        col("date", Kind::Time),
        col("doc_no", Kind::Text),
        col("channel", Kind::Text),
        col("buyer", Kind::Text),
        col("buyer_name", Kind::Text),
    ];
    if returns {
        columns.extend([col("refers_to", Kind::Text), col("restock", Kind::Text), col("status", Kind::Text)]);
    }
    let first_line_col = columns.len();
    columns.extend([
        col("line_no", Kind::Int),
        col("sku", Kind::Text),
        col("name", Kind::Text),
        col("unit", Kind::Text),
        col("qty", Kind::Decimal(0)),
        col("qty_base", Kind::Int),
        col("net", Kind::Money),
        col("vat_rate_pct", Kind::Decimal(0)),
        col("vat", Kind::Money),
        col("gross", Kind::Money),
    ]);
    rows.begin(part, &columns)?;
    // One query per kind, each in time order straight from documents_kind_time (only documents
    // at the same instant are sorted by number), merged here: no sort of a month of lines. SKU
    // and name come from the catalog read once, not from a lookup per line.
    let kinds: [&str; 2] = if returns { ["retail_return", "wholesale_return"] } else { ["sale", "invoice"] };
    let sql = "SELECT l.occurred_at, d.doc_no, l.kind, c.code, c.name, o.doc_no, d.restock, d.status,
                      l.line_no, l.product_id, l.unit, l.qty, l.qty_base, l.net_minor, l.vat_rate, l.vat_minor,
                      l.gross_minor
               FROM documents d
               JOIN document_lines l ON l.document_id = d.id
               LEFT JOIN customers c ON c.id = d.customer_id
               LEFT JOIN documents o ON o.id = d.ref_document_id
               WHERE d.kind = ?3 AND d.occurred_at >= ?1 AND d.occurred_at < ?2
               ORDER BY d.occurred_at, d.doc_no, l.line_no";
    let (mut st_a, mut st_b) = (conn.prepare(sql)?, conn.prepare(sql)?);
    let (start, end) = (m.start.to_db(), m.end.to_db());
    let mut qa = st_a.query(params![start, end, kinds[0]])?;
    let mut qb = st_b.query(params![start, end, kinds[1]])?;
    let (mut a, mut b) = (JournalLine::next(&mut qa)?, JournalLine::next(&mut qb)?);
    let (mut qty_total, mut net_total, mut vat_total, mut gross_total) = (0i64, 0i64, 0i64, 0i64);
    let text = |v: Option<String>| v.map(Cell::Text).unwrap_or(Cell::Empty);
    let mut cells = Vec::with_capacity(columns.len());
    loop {
        let take_a = match (&a, &b) {
            (Some(x), Some(y)) => x.key() <= y.key(),
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        let line = if take_a {
            std::mem::replace(&mut a, JournalLine::next(&mut qa)?)
        } else {
            std::mem::replace(&mut b, JournalLine::next(&mut qb)?)
        }
        .expect("a line was there");
        let channel = if line.kind == "sale" || line.kind == "retail_return" { "retail" } else { "wholesale" };
        qty_total += line.qty_base;
        net_total += line.net;
        vat_total += line.vat;
        gross_total += line.gross;
        cells.clear();
        cells.extend([
            Cell::Time(Timestamp::from_db(&line.at)?),
            Cell::Text(line.doc_no),
            Cell::Text(channel.into()),
            text(line.buyer),
            text(line.buyer_name),
        ]);
        if returns {
            let restock = match line.restock {
                Some(true) => Cell::Text("yes".into()),
                Some(false) => Cell::Text("no".into()),
                None => Cell::Empty,
            };
            cells.extend([text(line.refers_to), restock, Cell::Text(line.status)]);
        }
        let (sku, name) = names.get(&line.product_id).cloned().unwrap_or_default();
        cells.extend([
            Cell::Int(line.line_no),
            Cell::Text(sku),
            Cell::Text(name),
            Cell::Text(line.unit),
            Cell::Decimal(line.qty.clone(), places(&line.qty)),
            Cell::Int(line.qty_base),
            Cell::Money(money::minor_str(line.net, mu)),
            Cell::Decimal(line.vat_rate.clone(), places(&line.vat_rate)),
            Cell::Money(money::minor_str(line.vat, mu)),
            Cell::Money(money::minor_str(line.gross, mu)),
        ]);
        rows.row(&cells)?;
    }
    let c = first_line_col;
    rows.end(
        &[
            sum_of(c + 5, Cell::Int(qty_total)),
            sum_of(c + 6, Cell::Money(money::minor_str(net_total, mu))),
            sum_of(c + 8, Cell::Money(money::minor_str(vat_total, mu))),
            sum_of(c + 9, Cell::Money(money::minor_str(gross_total, mu))),
        ],
        parts,
    )
}

/// Goods receipts: one row per line, with the cost per base unit and the line's value.
fn receipts(conn: &Connection, m: &Month, mu: u32, rows: &mut Rows, parts: &mut Vec<PartWritten>) -> Result<()> {
    let columns = [
        col("date", Kind::Time),
        col("doc_no", Kind::Text),
        col("supplier", Kind::Text),
        col("line_no", Kind::Int),
        col("sku", Kind::Text),
        col("name", Kind::Text),
        col("unit", Kind::Text),
        col("qty", Kind::Decimal(0)),
        col("qty_base", Kind::Int),
        col("unit_cost", Kind::Decimal(4)),
        col("value", Kind::Money),
    ];
    rows.begin(Part::Receipts, &columns)?;
    let mut st = conn.prepare(
        "SELECT l.occurred_at, d.doc_no, d.supplier, l.line_no, p.sku, p.name, l.unit, l.qty, l.qty_base,
                COALESCE(l.unit_cost_e4, 0)
         FROM document_lines l JOIN documents d ON d.id = l.document_id JOIN products p ON p.id = l.product_id
         WHERE d.kind = 'receipt' AND d.occurred_at >= ?1 AND d.occurred_at < ?2
         ORDER BY d.occurred_at, d.doc_no, l.line_no",
    )?;
    let mut q = st.query(params![m.start.to_db(), m.end.to_db()])?;
    let (mut qty_total, mut value_total_e4) = (0i64, 0i128);
    while let Some(r) = q.next()? {
        let (qty_base, cost_e4): (i64, i64) = (r.get(8)?, r.get(9)?);
        let value_e4 = qty_base as i128 * cost_e4 as i128;
        qty_total += qty_base;
        value_total_e4 += value_e4;
        let qty: String = r.get(7)?;
        rows.row(&[
            Cell::Time(Timestamp::from_db(&r.get::<_, String>(0)?)?),
            Cell::Text(r.get(1)?),
            r.get::<_, Option<String>>(2)?.map(Cell::Text).unwrap_or(Cell::Empty),
            Cell::Int(r.get(3)?),
            Cell::Text(r.get(4)?),
            Cell::Text(r.get(5)?),
            Cell::Text(r.get(6)?),
            Cell::Decimal(qty.clone(), places(&qty)),
            Cell::Int(qty_base),
            Cell::Decimal(money::cost_from_e4(cost_e4).to_string(), 4),
            Cell::Money(money::amount_str(Decimal::from_i128_with_scale(value_e4, 4), mu)),
        ])?;
    }
    let value_total = Cell::Money(money::amount_str(Decimal::from_i128_with_scale(value_total_e4, 4), mu));
    rows.end(&[sum_of(8, Cell::Int(qty_total)), exact(10, value_total)], parts)
}

/// One line of a journal as the query reads it.
struct JournalLine {
    at: String,
    doc_no: String,
    kind: String,
    buyer: Option<String>,
    buyer_name: Option<String>,
    refers_to: Option<String>,
    restock: Option<bool>,
    status: String,
    line_no: i64,
    product_id: String,
    unit: String,
    qty: String,
    qty_base: i64,
    net: i64,
    vat_rate: String,
    vat: i64,
    gross: i64,
}

impl JournalLine {
    fn next(rows: &mut rusqlite::Rows<'_>) -> Result<Option<JournalLine>> {
        let Some(r) = rows.next()? else { return Ok(None) };
        Ok(Some(JournalLine {
            at: r.get(0)?,
            doc_no: r.get(1)?,
            kind: r.get(2)?,
            buyer: r.get(3)?,
            buyer_name: r.get(4)?,
            refers_to: r.get(5)?,
            restock: r.get(6)?,
            status: r.get(7)?,
            line_no: r.get(8)?,
            product_id: r.get(9)?,
            unit: r.get(10)?,
            qty: r.get(11)?,
            qty_base: r.get(12)?,
            net: r.get(13)?,
            vat_rate: r.get(14)?,
            vat: r.get(15)?,
            gross: r.get(16)?,
        }))
    }

    /// The journal's order: time, document number, line.
    fn key(&self) -> (&str, &str, i64) {
        (&self.at, &self.doc_no, self.line_no)
    }
}

/// SKU and name by product id.
type ProductNames = std::collections::HashMap<String, (String, String)>;

/// Every product's SKU and name by id, read in one pass.
fn product_names(conn: &Connection) -> Result<ProductNames> {
    let mut st = conn.prepare("SELECT id, sku, name FROM products")?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn places(decimal_text: &str) -> u32 {
    decimal_text.split_once('.').map(|(_, f)| f.len() as u32).unwrap_or(0)
}

struct StockRow {
    sku: String,
    name: String,
    base_unit: String,
    on_hand: i64,
    avg_cost_e4: i64,
}

/// On hand and moving average of every product with stock (or a negative balance) just before `at`:
/// each product's last movement before then (crate::report::stock_at_end), by SKU.
fn stock_at(conn: &Connection, at: Timestamp) -> Result<Vec<StockRow>> {
    let mut catalog: std::collections::HashMap<String, (String, String, String)> = {
        let mut st = conn.prepare("SELECT id, sku, name, base_unit FROM products")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?))))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut out = vec![];
    crate::report::stock_at_end(conn, &at.to_db(), &mut |s| {
        if s.on_hand != 0 {
            let (sku, name, base_unit) = catalog.remove(&s.product_id).unwrap_or_default();
            out.push(StockRow { sku, name, base_unit, on_hand: s.on_hand, avg_cost_e4: s.avg_cost_e4 });
        }
        Ok(())
    })?;
    out.sort_by(|a, b| a.sku.cmp(&b.sku));
    Ok(out)
}
