//! The month pack as one XLSX workbook, a sheet per part: typed cells (numbers as numbers, times
//! as dates with a date format, money with the currency's decimals), a frozen header row, and a
//! totals row of SUM formulas whose cached results are the exact totals.

use std::path::{Path, PathBuf};

use chrono::{Datelike, Timelike};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook, Worksheet, XlsxError};

use super::{unwritable, Cell, Column, Kind, Layout, Part, Sink, Total};
use crate::error::{Error, Result};

/// Excel's limit on a sheet name.
const SHEET_NAME_CHARS_MAX: usize = 31;

pub(crate) struct XlsxSink {
    path: PathBuf,
    tmp: PathBuf,
    layout: Layout,
    workbook: Workbook,
    sheet: Option<usize>,
    sheets: usize,
    row: u32,
    bold: Format,
    money: Format,
    money_total: Format,
    int: Format,
    time: Format,
    decimals: Vec<Format>,
}

fn xlsx_error(path: &Path, e: XlsxError) -> Error {
    match e {
        XlsxError::IoError(io) => unwritable(path, io),
        other => Error::Storage { detail: format!("xlsx: {other}") },
    }
}

/// `#,##0.00` for 2 decimals, `#,##0` for none: Excel shows the separators of the reader's locale.
fn number_format(places: u32) -> String {
    if places == 0 {
        "#,##0".into()
    } else {
        format!("#,##0.{}", "0".repeat(places as usize))
    }
}

impl XlsxSink {
    pub(crate) fn create(path: &Path, layout: Layout) -> Result<XlsxSink> {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp = path.with_file_name(format!(".{name}.part"));
        // Find out now, before reading a month of journals, whether the file can be written.
        std::fs::File::create(&tmp).map_err(|e| unwritable(path, e))?;
        let mu = layout.minor_units;
        let money = Format::new().set_num_format(number_format(mu));
        Ok(XlsxSink {
            path: path.into(),
            tmp,
            workbook: Workbook::new(),
            sheet: None,
            sheets: 0,
            row: 0,
            bold: Format::new().set_bold(),
            money_total: money.clone().set_bold(),
            money,
            int: Format::new().set_num_format("0"),
            time: Format::new().set_num_format("yyyy-mm-dd hh:mm:ss"),
            decimals: (0..=4).map(|p| Format::new().set_num_format(number_format(p))).collect(),
            layout,
        })
    }

    fn sheet(&mut self) -> Result<&mut Worksheet> {
        let i = self.sheet.expect("a part is open");
        self.workbook.worksheet_from_index(i).map_err(|e| Error::Storage { detail: format!("xlsx: {e}") })
    }

    fn write(&mut self, col: u16, cell: &Cell) -> Result<()> {
        let row = self.row;
        let number = |s: &str| -> f64 { s.parse::<f64>().unwrap_or(0.0) };
        let i = self.sheet.expect("a part is open");
        // Borrow the formats and the sheet as separate fields: no Format is cloned per cell.
        let (path, tz) = (&self.path, self.layout.tz);
        let sheet = self.workbook.worksheet_from_index(i).map_err(|e| xlsx_error(path, e))?;
        let done = match cell {
            Cell::Empty => return Ok(()),
            Cell::Text(s) => sheet.write_string(row, col, s),
            Cell::Int(v) => sheet.write_number_with_format(row, col, *v as f64, &self.int),
            Cell::Money(s) => sheet.write_number_with_format(row, col, number(s), &self.money),
            Cell::Decimal(s, p) => {
                sheet.write_number_with_format(row, col, number(s), &self.decimals[(*p as usize).min(4)])
            }
            Cell::Time(t) => {
                let local = t.0.with_timezone(&tz);
                let dt = ExcelDateTime::from_ymd(local.year() as u16, local.month() as u8, local.day() as u8)
                    .and_then(|d| d.and_hms(local.hour() as u16, local.minute() as u8, local.second()))
                    .map_err(|e| xlsx_error(path, e))?;
                sheet.write_datetime_with_format(row, col, &dt, &self.time)
            }
        };
        done.map(|_| ()).map_err(|e| xlsx_error(path, e))
    }
}

impl Drop for XlsxSink {
    fn drop(&mut self) {
        // Still there only when the export failed before the rename.
        let _ = std::fs::remove_file(&self.tmp);
    }
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

impl Sink for XlsxSink {
    fn begin(&mut self, part: Part, columns: &[Column]) -> Result<()> {
        let title: String = part.title(self.layout.locale).chars().take(SHEET_NAME_CHARS_MAX).collect();
        let title: String =
            title.chars().map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c }).collect::<String>().trim().into();
        self.workbook.add_worksheet_with_constant_memory();
        self.sheet = Some(self.sheets);
        self.sheets += 1;
        self.row = 0;
        let (path, locale, bold) = (self.path.clone(), self.layout.locale, self.bold.clone());
        let sheet = self.sheet()?;
        let e = |e| xlsx_error(&path, e);
        // A localized name that Excel refuses (or a duplicate) falls back to the stable key.
        if sheet.set_name(&title).is_err() {
            sheet.set_name(part.key()).map_err(e)?;
        }
        for (i, c) in columns.iter().enumerate() {
            let width = match c.kind {
                Kind::Text if c.key == "name" || c.key == "buyer_name" || c.key == "label" => 32.0,
                Kind::Time => 20.0,
                Kind::Text => 14.0,
                _ => 14.0,
            };
            sheet.set_column_width(i as u16, width).map_err(e)?;
            sheet.write_string_with_format(0, i as u16, c.label(locale), &bold).map_err(e)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(e)?;
        Ok(())
    }

    fn row(&mut self, cells: &[Cell]) -> Result<()> {
        self.row += 1;
        for (i, cell) in cells.iter().enumerate() {
            self.write(i as u16, cell)?;
        }
        Ok(())
    }

    fn end(&mut self, totals: &[Total]) -> Result<String> {
        let last_data_row = self.row;
        if !totals.is_empty() {
            self.row += 1;
            let (row, path, locale, bold) = (self.row, self.path.clone(), self.layout.locale, self.bold.clone());
            let label = crate::i18n::message(locale, "report-total", &[]);
            let (money_total, int) = (self.money_total.clone(), self.int.clone());
            let sheet = self.sheet()?;
            let e = |e| xlsx_error(&path, e);
            sheet.write_string_with_format(row, 0, label, &bold).map_err(e)?;
            for t in totals {
                let (text, format) = match &t.value {
                    Cell::Money(s) => (s.clone(), &money_total),
                    Cell::Int(v) => (v.to_string(), &int),
                    _ => continue,
                };
                let col = t.col as u16;
                if t.formula && last_data_row > 0 {
                    // Rows are 1-based in formulas: the data sits in rows 2 ..= last_data_row + 1.
                    let letters = column_letters(t.col);
                    let sum = format!("=SUM({letters}2:{letters}{})", last_data_row + 1);
                    sheet.write_formula_with_format(row, col, Formula::new(sum).set_result(text), format).map_err(e)?;
                } else {
                    sheet.write_number_with_format(row, col, text.parse::<f64>().unwrap_or(0.0), format).map_err(e)?;
                }
            }
        }
        Ok(self.sheet()?.name())
    }

    fn finish(mut self: Box<Self>) -> Result<()> {
        let tmp = self.tmp.clone();
        self.workbook.save(&tmp).map_err(|e| xlsx_error(&self.path, e))?;
        std::fs::rename(&tmp, &self.path).map_err(|e| unwritable(&self.path, e))?;
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
}
