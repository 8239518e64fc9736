//! The month pack as one XLSX workbook, a sheet per part: typed cells (numbers as numbers, times
//! as dates with a date format, money with the currency's decimals), a frozen header row, and a
//! totals row of SUM formulas whose cached results are the exact totals.
//!
//! Written here as SpreadsheetML straight into the zip, a row at a time: a month's journals are a
//! million rows, and a general writer (per-cell objects, a second pass through temporary files,
//! default compression) took minutes over them. Each sheet is one deflated zip entry streamed
//! while the ledger is read (fast compression level); strings are inline (no shared-string
//! table to hold in memory); cells carry no reference where they follow one another (the format
//! allows it: a cell without `r` is the next one in its row); the styles are a fixed handful
//! written once.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::{unwritable, Cell, Column, Kind, Layout, Part, Sink, Total};
use crate::error::Result;

/// Excel's limit on a sheet name.
const SHEET_NAME_CHARS_MAX: usize = 31;
/// Deflate level of the sheets: the fastest; the XML's repetition compresses well even so.
const DEFLATE_LEVEL: i64 = 1;
/// A sheet's XML is handed to the compressor in pieces of about this size.
const FLUSH_BYTES: usize = 256 * 1024;

/// The cell styles (indexes into `cellXfs` of styles.xml, written by [`styles_xml`]).
const STYLE_BOLD: u8 = 1;
const STYLE_MONEY: u8 = 2;
const STYLE_MONEY_TOTAL: u8 = 3;
const STYLE_INT: u8 = 4;
const STYLE_TIME: u8 = 5;
/// Decimals with 0 to 4 places: styles 6 to 10.
const STYLE_DECIMAL_0: u8 = 6;
const DECIMAL_PLACES_MAX: u32 = 4;

const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

pub(crate) struct XlsxSink {
    path: PathBuf,
    tmp: PathBuf,
    layout: Layout,
    zip: Option<ZipWriter<BufWriter<File>>>,
    /// Sheet names so far, in order.
    sheets: Vec<String>,
    /// Rows written in the open sheet (the header is row 1).
    row: u32,
    /// XML of the open sheet not yet handed to the compressor.
    buf: String,
}

/// `#,##0.00` for 2 decimals, `#,##0` for none: Excel shows the separators of the reader's locale.
fn number_format(places: u32) -> String {
    if places == 0 {
        "#,##0".into()
    } else {
        format!("#,##0.{}", "0".repeat(places as usize))
    }
}

/// Text as XML character data (or an attribute value): the five escapes, and characters XML 1.0
/// cannot carry (control characters other than tab and newlines) left out.
fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

/// Whether `s` is a plain decimal numeral (`-12.50`), which a cell's value can hold as written.
fn is_plain_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let mut dot = false;
    !digits.is_empty()
        && !digits.starts_with('.')
        && !digits.ends_with('.')
        && digits.bytes().all(|b| match b {
            b'0'..=b'9' => true,
            b'.' if !dot => {
                dot = true;
                true
            }
            _ => false,
        })
}

/// The serial number Excel keeps a date and time as: days since 1899-12-30, the time of day as the
/// fraction (whole seconds, as the shop's clock shows them).
fn excel_serial(local: NaiveDateTime) -> f64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).expect("a date").and_hms_opt(0, 0, 0).expect("a time");
    let secs = (local - epoch).num_seconds();
    secs.div_euclid(86_400) as f64 + secs.rem_euclid(86_400) as f64 / 86_400.0
}

/// The column letters of a zero-based index (0 = A, 26 = AA).
fn column_letters(mut col: usize) -> String {
    let mut out = vec![];
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII")
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, not starting or ending
/// with an apostrophe, not the reserved `History`, not a name already taken (case aside).
fn sheet_name_ok(name: &str, taken: &[String]) -> bool {
    !name.is_empty()
        && name.chars().count() <= SHEET_NAME_CHARS_MAX
        && !name.chars().any(|c| "[]:*?/\\".contains(c))
        && !name.starts_with('\'')
        && !name.ends_with('\'')
        && !name.eq_ignore_ascii_case("history")
        && !taken.iter().any(|t| t.to_lowercase() == name.to_lowercase())
}

fn styles_xml(minor_units: u32) -> String {
    // Custom number formats from id 164; each format code once.
    let mut codes: Vec<String> = vec![number_format(minor_units), "yyyy-mm-dd hh:mm:ss".into()];
    for p in 0..=DECIMAL_PLACES_MAX {
        let code = number_format(p);
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    let id = |code: &str| 164 + codes.iter().position(|c| c == code).expect("listed");
    let mut x = String::new();
    let _ = write!(x, r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="{MAIN_NS}">"#);
    let _ = write!(x, r#"<numFmts count="{}">"#, codes.len());
    for (i, code) in codes.iter().enumerate() {
        let _ = write!(x, r#"<numFmt numFmtId="{}" formatCode="{code}"/>"#, 164 + i);
    }
    x.push_str(
        r#"</numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#,
    );
    // In the order of the STYLE_ constants.
    let mut xfs: Vec<(usize, u8)> = vec![
        (0, 0),
        (0, 1),
        (id(&number_format(minor_units)), 0),
        (id(&number_format(minor_units)), 1),
        (1, 0), // the built-in "0"
        (id("yyyy-mm-dd hh:mm:ss"), 0),
    ];
    xfs.extend((0..=DECIMAL_PLACES_MAX).map(|p| (id(&number_format(p)), 0)));
    let _ = write!(x, r#"<cellXfs count="{}">"#, xfs.len());
    for (fmt, font) in xfs {
        let _ = write!(
            x,
            r#"<xf numFmtId="{fmt}" fontId="{font}" fillId="0" borderId="0" xfId="0"{}{}/>"#,
            if fmt != 0 { r#" applyNumberFormat="1""# } else { "" },
            if font != 0 { r#" applyFont="1""# } else { "" }
        );
    }
    x.push_str(r#"</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#);
    x
}

impl XlsxSink {
    pub(crate) fn create(path: &Path, layout: Layout) -> Result<XlsxSink> {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp = path.with_file_name(format!(".{name}.part"));
        // Find out now, before reading a month of journals, whether the file can be written.
        let file = File::create(&tmp).map_err(|e| unwritable(path, e))?;
        Ok(XlsxSink {
            path: path.into(),
            tmp,
            layout,
            zip: Some(ZipWriter::new(BufWriter::with_capacity(1 << 20, file))),
            sheets: vec![],
            row: 0,
            buf: String::with_capacity(FLUSH_BYTES + 4096),
        })
    }

    fn zip(&mut self) -> &mut ZipWriter<BufWriter<File>> {
        self.zip.as_mut().expect("the workbook is open until finish")
    }

    fn start_entry(&mut self, name: &str, large: bool) -> Result<()> {
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .compression_level(Some(DEFLATE_LEVEL))
            .large_file(large);
        let path = self.path.clone();
        self.zip().start_file(name, options).map_err(|e| unwritable(&path, e))
    }

    fn flush(&mut self) -> Result<()> {
        let buf = std::mem::take(&mut self.buf);
        let path = self.path.clone();
        self.zip().write_all(buf.as_bytes()).map_err(|e| unwritable(&path, e))?;
        self.buf = buf;
        self.buf.clear();
        Ok(())
    }

    fn entry(&mut self, name: &str, text: &str) -> Result<()> {
        self.start_entry(name, false)?;
        let path = self.path.clone();
        self.zip().write_all(text.as_bytes()).map_err(|e| unwritable(&path, e))
    }

    /// One number cell with its style: `value` as written when it is a plain numeral.
    fn number(&mut self, style: u8, value: &str) {
        let _ = write!(self.buf, r#"<c s="{style}"><v>"#);
        if is_plain_number(value) {
            self.buf.push_str(value);
        } else {
            let _ = write!(self.buf, "{}", value.parse::<f64>().unwrap_or(0.0));
        }
        self.buf.push_str("</v></c>");
    }

    fn text(&mut self, style: Option<u8>, text: &str) {
        match style {
            Some(s) => {
                let _ = write!(self.buf, r#"<c s="{s}" t="inlineStr"><is><t>"#);
            }
            None => self.buf.push_str(r#"<c t="inlineStr"><is><t>"#),
        }
        if text.starts_with(char::is_whitespace) || text.ends_with(char::is_whitespace) {
            // Leading or trailing spaces are kept only when the element says so.
            self.buf.truncate(self.buf.len() - "<t>".len());
            self.buf.push_str(r#"<t xml:space="preserve">"#);
        }
        push_escaped(&mut self.buf, text);
        self.buf.push_str("</t></is></c>");
    }

    fn cell(&mut self, cell: &Cell) {
        match cell {
            Cell::Empty => self.buf.push_str("<c/>"),
            Cell::Text(s) => self.text(None, s),
            Cell::Int(v) => {
                let _ = write!(self.buf, r#"<c s="{STYLE_INT}"><v>{v}</v></c>"#);
            }
            Cell::Money(s) => self.number(STYLE_MONEY, s),
            Cell::Decimal(s, p) => self.number(STYLE_DECIMAL_0 + (*p).min(DECIMAL_PLACES_MAX) as u8, s),
            Cell::Time(t) => {
                let local = t.0.with_timezone(&self.layout.tz).naive_local();
                let _ = write!(self.buf, r#"<c s="{STYLE_TIME}"><v>{}</v></c>"#, excel_serial(local));
            }
        }
    }
}

impl Drop for XlsxSink {
    fn drop(&mut self) {
        // Still there only when the export failed before the rename.
        let _ = std::fs::remove_file(&self.tmp);
    }
}

impl Sink for XlsxSink {
    fn begin(&mut self, part: Part, columns: &[Column]) -> Result<()> {
        let title: String = part.title(self.layout.locale).chars().take(SHEET_NAME_CHARS_MAX).collect();
        let title: String =
            title.chars().map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c }).collect::<String>().trim().into();
        // A localized name that Excel refuses (or a duplicate) falls back to the stable key.
        let name = if sheet_name_ok(&title, &self.sheets) { title } else { part.key().to_string() };
        self.sheets.push(name);
        self.row = 1;
        self.start_entry(&format!("xl/worksheets/sheet{}.xml", self.sheets.len()), true)?;
        self.buf.clear();
        let first = self.sheets.len() == 1;
        let _ = write!(
            self.buf,
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheetViews><sheetView {}workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>"#,
            if first { r#"tabSelected="1" "# } else { "" }
        );
        for (i, c) in columns.iter().enumerate() {
            let width = match c.kind {
                Kind::Text if c.key == "name" || c.key == "buyer_name" || c.key == "label" => 32.0,
                Kind::Time => 20.0,
                _ => 14.0,
            };
            // Excel's stored width of a column that shows `width` characters (with its padding).
            let _ = write!(
                self.buf,
                r#"<col min="{n}" max="{n}" width="{}" customWidth="1"/>"#,
                width + 0.7109375,
                n = i + 1
            );
        }
        self.buf.push_str(r#"</cols><sheetData><row r="1">"#);
        let locale = self.layout.locale;
        for c in columns {
            self.text(Some(STYLE_BOLD), &c.label(locale));
        }
        self.buf.push_str("</row>");
        Ok(())
    }

    fn row(&mut self, cells: &[Cell]) -> Result<()> {
        self.row += 1;
        let _ = write!(self.buf, r#"<row r="{}">"#, self.row);
        for cell in cells {
            self.cell(cell);
        }
        self.buf.push_str("</row>");
        if self.buf.len() >= FLUSH_BYTES {
            self.flush()?;
        }
        Ok(())
    }

    fn end(&mut self, totals: &[Total]) -> Result<String> {
        let last_data_row = self.row;
        if !totals.is_empty() {
            let row = self.row + 1;
            let label = crate::i18n::message(self.layout.locale, "report-total", &[]);
            let _ = write!(self.buf, r#"<row r="{row}"><c r="A{row}" s="{STYLE_BOLD}" t="inlineStr"><is><t>"#);
            push_escaped(&mut self.buf, &label);
            self.buf.push_str("</t></is></c>");
            let mut totals: Vec<&Total> = totals.iter().filter(|t| t.col > 0).collect();
            totals.sort_by_key(|t| t.col);
            for t in totals {
                let (text, style) = match &t.value {
                    Cell::Money(s) => (s.clone(), STYLE_MONEY_TOTAL),
                    Cell::Int(v) => (v.to_string(), STYLE_INT),
                    _ => continue,
                };
                let text = if is_plain_number(&text) { text } else { text.parse::<f64>().unwrap_or(0.0).to_string() };
                let letters = column_letters(t.col);
                let _ = write!(self.buf, r#"<c r="{letters}{row}" s="{style}">"#);
                if t.formula && last_data_row > 1 {
                    // The data sits in rows 2 ..= last_data_row; the cached result is the exact total.
                    let _ = write!(self.buf, "<f>SUM({letters}2:{letters}{last_data_row})</f>");
                }
                let _ = write!(self.buf, "<v>{text}</v></c>");
            }
            self.buf.push_str("</row>");
        }
        self.buf.push_str("</sheetData></worksheet>");
        self.flush()?;
        Ok(self.sheets.last().cloned().unwrap_or_default())
    }

    fn finish(mut self: Box<Self>) -> Result<()> {
        let n = self.sheets.len();
        let mut workbook = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><bookViews><workbookView/></bookViews><sheets>"#
        );
        for (i, name) in self.sheets.iter().enumerate() {
            workbook.push_str(r#"<sheet name=""#);
            push_escaped(&mut workbook, name);
            let _ = write!(workbook, r#"" sheetId="{}" r:id="rId{}"/>"#, i + 1, i + 1);
        }
        workbook.push_str("</sheets></workbook>");
        let mut rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#.to_string();
        for i in 1..=n {
            let _ = write!(
                rels,
                r#"<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>"#
            );
        }
        let _ = write!(
            rels,
            r#"<Relationship Id="rId{}" Type="{REL_NS}/styles" Target="styles.xml"/></Relationships>"#,
            n + 1
        );
        let mut types = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#.to_string();
        for i in 1..=n {
            let _ = write!(
                types,
                r#"<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
            );
        }
        types.push_str("</Types>");
        let root_rels = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
        );
        self.entry("xl/workbook.xml", &workbook)?;
        self.entry("xl/_rels/workbook.xml.rels", &rels)?;
        self.entry("xl/styles.xml", &styles_xml(self.layout.minor_units))?;
        self.entry("[Content_Types].xml", &types)?;
        self.entry("_rels/.rels", &root_rels)?;
        let path = self.path.clone();
        let zip = self.zip.take().expect("open until now");
        let mut file = zip.finish().map_err(|e| unwritable(&path, e))?;
        file.flush().map_err(|e| unwritable(&path, e))?;
        drop(file);
        std::fs::rename(&self.tmp, &self.path).map_err(|e| unwritable(&self.path, e))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_excel() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn money_formats_follow_the_currency_decimals() {
        assert_eq!(number_format(0), "#,##0");
        assert_eq!(number_format(2), "#,##0.00");
        assert_eq!(number_format(3), "#,##0.000");
    }

    #[test]
    fn dates_are_excel_serials_in_whole_seconds() {
        let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").unwrap();
        assert_eq!(excel_serial(at("1900-03-01T00:00:00")), 61.0);
        assert_eq!(excel_serial(at("2026-03-02T12:00:00")), 46083.5);
        assert_eq!(excel_serial(at("2026-03-02T06:00:00")), 46083.25);
    }

    #[test]
    fn only_plain_numerals_are_written_as_they_are() {
        for ok in ["0", "12", "-12.50", "0.0001"] {
            assert!(is_plain_number(ok), "{ok}");
        }
        for not in ["", "-", ".5", "5.", "1e5", "1,000", "1.2.3", "NaN"] {
            assert!(!is_plain_number(not), "{not}");
        }
    }

    #[test]
    fn text_is_escaped_and_stripped_of_what_xml_cannot_hold() {
        let mut out = String::new();
        push_escaped(&mut out, "A&B <c> \"d\" 'e'\u{1}\tf");
        assert_eq!(out, "A&amp;B &lt;c&gt; &quot;d&quot; &apos;e&apos;\tf");
    }

    #[test]
    fn sheet_names_excel_refuses_are_caught() {
        let taken = vec!["Summary".to_string()];
        assert!(sheet_name_ok("Sales journal", &taken));
        assert!(!sheet_name_ok("summary", &taken));
        assert!(!sheet_name_ok("'quoted'", &taken));
        assert!(!sheet_name_ok("History", &taken));
        assert!(!sheet_name_ok(&"x".repeat(32), &taken));
    }
}
