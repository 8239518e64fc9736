//! A buyer's order sheet as it arrives: a CSV file, an Excel workbook (XLSX: its first sheet), or
//! lines pasted from a spreadsheet (tab separated). Each becomes the same CSV text, so one reader
//! checks every line the same way.

use std::io::{Cursor, Read};

use crate::error::{Error, Result};

/// Most bytes an order sheet may have (a document holds at most a few thousand lines).
const SHEET_MAX_BYTES: u64 = 16 * 1024 * 1024;

/// The sheet as CSV text: XLSX (recognised by its zip signature) is read from its first
/// worksheet; tab-separated text (a paste from a spreadsheet) has its tabs read as columns.
pub(crate) fn as_csv(mut source: impl Read) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    source
        .by_ref()
        .take(SHEET_MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::invalid("file", format!("cannot read the order sheet: {e}")))?;
    if bytes.len() as u64 > SHEET_MAX_BYTES {
        return Err(Error::invalid("file", format!("an order sheet is at most {SHEET_MAX_BYTES} bytes")));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return xlsx_first_sheet(&bytes);
    }
    let first_line = bytes.split(|b| *b == b'\n').next().unwrap_or(&[]);
    if first_line.contains(&b'\t') && !first_line.contains(&b',') {
        let rows: Vec<Vec<String>> = String::from_utf8_lossy(&bytes)
            .lines()
            .map(|l| l.split('\t').map(|c| c.trim().to_string()).collect())
            .collect();
        return Ok(to_csv(&rows));
    }
    Ok(bytes)
}

fn to_csv(rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().flexible(true).from_writer(vec![]);
    for r in rows {
        // Writing to memory cannot fail.
        let _ = w.write_record(r);
    }
    w.into_inner().unwrap_or_default()
}

fn bad_workbook(why: impl std::fmt::Display) -> Error {
    Error::invalid("file", format!("not a readable Excel workbook (XLSX): {why}"))
}

fn zip_text(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>> {
    let mut file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(bad_workbook(e)),
    };
    let mut text = String::new();
    file.by_ref().take(SHEET_MAX_BYTES * 8).read_to_string(&mut text).map_err(bad_workbook)?;
    Ok(Some(text))
}

/// The rows of the workbook's first worksheet, as text (numbers as Excel stored them).
fn xlsx_first_sheet(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(bad_workbook)?;
    let shared: Vec<String> = match zip_text(&mut zip, "xl/sharedStrings.xml")? {
        Some(xml) => elements(&xml, "si").into_iter().map(texts_of).collect(),
        None => vec![],
    };
    let sheet = zip_text(&mut zip, "xl/worksheets/sheet1.xml")?.ok_or_else(|| bad_workbook("it has no worksheet"))?;
    let mut rows: Vec<Vec<String>> = vec![];
    for row in elements(&sheet, "row") {
        let mut cells: Vec<String> = vec![];
        for cell in elements(row, "c") {
            let head = &cell[..cell.find('>').unwrap_or(cell.len())];
            let column = attribute(head, "r").map(|r| column_index(&r)).unwrap_or(cells.len());
            let kind = attribute(head, "t").unwrap_or_default();
            let value = match kind.as_str() {
                "s" => {
                    let i: usize =
                        inner(cell, "v").trim().parse().map_err(|_| bad_workbook("a shared string index"))?;
                    shared.get(i).cloned().ok_or_else(|| bad_workbook("a shared string out of range"))?
                }
                "inlineStr" => texts_of(cell),
                _ => unescape(inner(cell, "v")),
            };
            if cells.len() <= column {
                cells.resize(column + 1, String::new());
            }
            cells[column] = value.trim().to_string();
        }
        rows.push(cells);
    }
    Ok(to_csv(&rows))
}

/// Every `<tag …>…</tag>` (or `<tag …/>`) in `xml`, whole, in order.
fn elements<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut out = vec![];
    let mut rest = xml;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start + open.len()..];
        // `<c` must not match `<cols`: the name ends at a space, `>` or `/`.
        if !after.starts_with([' ', '>', '/']) {
            rest = after;
            continue;
        }
        let head_end = after.find('>').map(|i| i + 1).unwrap_or(after.len());
        let (end, next) = if after[..head_end].ends_with("/>") {
            (start + open.len() + head_end, start + open.len() + head_end)
        } else {
            match after.find(&close) {
                Some(i) => (start + open.len() + i + close.len(), start + open.len() + i + close.len()),
                None => (rest.len(), rest.len()),
            }
        };
        out.push(&rest[start..end]);
        rest = &rest[next..];
    }
    out
}

/// The text inside the first `<tag>…</tag>` of `xml`.
fn inner<'a>(xml: &'a str, tag: &str) -> &'a str {
    elements(xml, tag)
        .into_iter()
        .next()
        .and_then(|e| {
            let start = e.find('>')? + 1;
            let end = e.rfind("</")?;
            (end >= start).then(|| &e[start..end])
        })
        .unwrap_or("")
}

/// Every `<t>` text inside `xml` joined (rich text runs are several).
fn texts_of(xml: &str) -> String {
    elements(xml, "t").into_iter().map(|t| unescape(inner(t, "t"))).collect()
}

fn attribute(head: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let start = head.find(&key)? + key.len();
    let end = head[start..].find('"')? + start;
    Some(unescape(&head[start..end]))
}

/// `B12` → 1 (the column, from 0).
fn column_index(reference: &str) -> usize {
    reference
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .fold(0usize, |n, c| n * 26 + (c.to_ascii_uppercase() as usize - 'A' as usize + 1))
        .saturating_sub(1)
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let Some(end) = tail.find(';') else {
            out.push_str(tail);
            return out;
        };
        let entity = &tail[1..end];
        let c = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16).ok().and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match c {
            Some(c) => out.push(c),
            None => out.push_str(&tail[..=end]),
        }
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_and_texts_are_read_from_the_sheet_xml() {
        assert_eq!(column_index("A1"), 0);
        assert_eq!(column_index("C7"), 2);
        assert_eq!(column_index("AA3"), 26);
        assert_eq!(unescape("Tea &amp; biscuits &#x41;&#66; &lt;1&gt;"), "Tea & biscuits AB <1>");
        let si = r#"<si><r><t>Rice </t></r><r><rPr/><t xml:space="preserve">cooker</t></r></si>"#;
        assert_eq!(texts_of(si), "Rice cooker");
        let xml = r#"<cols><col/></cols><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1"><v>2.5</v></c></row>"#;
        assert_eq!(elements(xml, "c").len(), 2, "<cols> is not a cell");
    }

    #[test]
    fn a_paste_from_a_spreadsheet_reads_as_columns() {
        let csv = as_csv("code\tqty\tunit\nRC-18\t2\tcarton\n".as_bytes()).unwrap();
        assert_eq!(String::from_utf8(csv).unwrap(), "code,qty,unit\nRC-18,2,carton\n");
        let plain = "code,qty\nRC-18,2\n";
        assert_eq!(as_csv(plain.as_bytes()).unwrap(), plain.as_bytes());
        assert_eq!(as_csv(&b"PK\x03\x04broken"[..]).unwrap_err().field(), Some("file"));
    }
}
