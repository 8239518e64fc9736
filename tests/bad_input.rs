//! Bad input: malformed product CSV files and document JSON are refused with a clear error that
//! names the row or field at fault, and the book is left logically unchanged: a dump of every
//! table (and the schema version) taken before and after the attempt is identical.
//!
//! One table of cases runs through the library, a second through the real `onebook` binary. Each
//! case runs on its own copy of one fixture book, so a case that wrongly commits cannot disturb
//! the next, and every failure of a run is reported together at the end. `BAD_INPUT_SHOW=1`
//! prints every refusal with its code, field and English message.

use std::fmt::Write as _;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

use onebook::barcode::with_check_digit;
use onebook::catalog::CSV_COLUMNS;
use onebook::document::drafts_from_json;
use onebook::error::RowError;
use onebook::{
    Actor, Book, Customer, DocumentDraft, Error, ImportOptions, Locale, NewUser, ProductInput, Role, ShopSetup,
    Timestamp,
};
use rusqlite::types::ValueRef;
use rusqlite::Connection;
use rust_decimal::Decimal;
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------------
// The fixture book

/// When the fixture's history happens; the bad input arrives a day later.
const T0: &str = "2026-11-01T06:00:00.000000Z";

fn at(minutes: i64) -> Timestamp {
    Timestamp::from_db(T0).expect("T0").add_minutes(minutes)
}

fn now() -> Timestamp {
    at(24 * 60)
}

/// Barcodes of the fixture, with valid check digits unless said otherwise.
struct Codes {
    cable_piece: String,
    cable_carton: String,
    kettle_piece: String,
    soap_bottle: String,
    /// Valid EAN-13 that no product owns.
    unknown: String,
    /// The cable's piece code with its last digit wrong.
    bad_check: String,
    /// The check digit `bad_check` should have had.
    bad_check_expected: String,
    fan_piece: String,
    fan_carton: String,
    lamp_piece: String,
}

fn codes() -> Codes {
    let cable_piece = with_check_digit("629100000001");
    let last = cable_piece.as_bytes()[12] - b'0';
    let wrong = (last + 1) % 10;
    Codes {
        bad_check: format!("{}{wrong}", &cable_piece[..12]),
        bad_check_expected: last.to_string(),
        cable_piece,
        cable_carton: with_check_digit("1629100000001"),
        kettle_piece: with_check_digit("629100000002"),
        soap_bottle: with_check_digit("629100000003"),
        unknown: with_check_digit("629100000099"),
        fan_piece: with_check_digit("629100000011"),
        fan_carton: with_check_digit("1629100000011"),
        lamp_piece: with_check_digit("629100000012"),
    }
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str_exact(s).expect("decimal")
}

fn pairs<T: Clone>(items: &[(&str, T)]) -> Vec<(String, T)> {
    items.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
}

fn fixture_products(c: &Codes) -> Vec<ProductInput> {
    vec![
        ProductInput {
            sku: "CABLE-USBC".into(),
            name: "USB-C cable 1 m".into(),
            base_unit: "piece".into(),
            vat_rate_pct: None,
            retail_reserve: None,
            allow_negative: false,
            category: Some("mobile".into()),
            units: pairs(&[("carton", 24), ("pallet", 4800)]),
            barcodes: pairs(&[("piece", c.cable_piece.clone()), ("carton", c.cable_carton.clone())]),
            retail_prices: pairs(&[("piece", dec("12.50")), ("carton", dec("280"))]),
            wholesale_prices: pairs(&[("piece", dec("10")), ("carton", dec("220"))]),
        },
        ProductInput {
            sku: "KETTLE-17".into(),
            name: "Electric kettle 1.7 L".into(),
            base_unit: "piece".into(),
            vat_rate_pct: Some(dec("5")),
            retail_reserve: None,
            allow_negative: false,
            category: Some("kitchen".into()),
            units: pairs(&[("carton", 12)]),
            barcodes: pairs(&[("piece", c.kettle_piece.clone())]),
            retail_prices: pairs(&[("piece", dec("45"))]),
            // Wholesale by the carton only: an invoice of loose kettles has no price.
            wholesale_prices: pairs(&[("carton", dec("420"))]),
        },
        ProductInput {
            sku: "SOAP-750".into(),
            name: "Dish soap 750 ml".into(),
            base_unit: "bottle".into(),
            vat_rate_pct: None,
            // Six bottles kept back for wholesale.
            retail_reserve: Some(6),
            allow_negative: false,
            category: Some("household".into()),
            units: pairs(&[("dozen", 12)]),
            barcodes: pairs(&[("bottle", c.soap_bottle.clone())]),
            retail_prices: pairs(&[("bottle", dec("8"))]),
            wholesale_prices: pairs(&[("dozen", dec("80"))]),
        },
    ]
}

fn post_json(book: &mut Book, actor: &Actor, draft: Value, when: Timestamp) -> String {
    let draft = DocumentDraft::from_value(draft).expect("fixture draft parses");
    book.post(actor, &draft, when).expect("fixture document posts").doc_no
}

/// A template book: shop, owner and cashier, a buyer, three products with units, barcodes and
/// prices, opening stock, one sale, one invoice and one return against the sale.
///
/// Stock afterwards: CABLE-USBC 190 pieces, KETTLE-17 60 pieces, SOAP-750 12 bottles (6 reserved).
/// S-A-000001 line 1 sold 3 cables (1 returned), line 2 one kettle (returned in full).
/// INV-A-000001 to B001: line 1 two cartons of cable, line 2 a dozen soap.
struct Template {
    dir: tempfile::TempDir,
    path: PathBuf,
    codes: Codes,
}

fn build_template() -> Template {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("template.sqlite3");
    let codes = codes();
    {
        let mut book = Book::open(&path).expect("open");
        let owner = book
            .init(
                &ShopSetup {
                    tax_number: Some("100234567800003".into()),
                    owner_name: Some("Wang Wei".into()),
                    series_prefix: Some("A".into()),
                    ..ShopSetup::new("Bad Input Trading", "AED", dec("5"), "Asia/Dubai")
                },
                at(0),
            )
            .expect("init");
        let cashier = book
            .add_user(
                &owner,
                &NewUser {
                    username: "cashier".into(),
                    display_name: Some("Sara".into()),
                    role: Role::Cashier,
                    locale: Some(Locale::En),
                },
                at(1),
            )
            .expect("cashier");
        book.add_customer(
            &owner,
            &Customer {
                code: "B001".into(),
                name: "Gulf Traders LLC".into(),
                tax_number: Some("100999888700003".into()),
                payment_terms_days: 30,
                locale: None,
            },
            at(2),
        )
        .expect("buyer");
        for p in fixture_products(&codes) {
            book.upsert_product(&owner, p, at(3)).expect("product");
        }
        let gr = post_json(
            &mut book,
            &owner,
            json!({"kind": "receipt", "supplier": "Shenzhen Supply", "lines": [
                {"sku": "CABLE-USBC", "qty": 10, "unit": "carton", "unit_cost": "120"},
                {"sku": "KETTLE-17", "qty": 5, "unit": "carton", "unit_cost": "300"},
                {"sku": "SOAP-750", "qty": 2, "unit": "dozen", "unit_cost": "60"}
            ]}),
            at(10),
        );
        assert_eq!(gr, "GR-A-000001");
        let sale = post_json(
            &mut book,
            &cashier,
            json!({"kind": "sale", "lines": [
                {"sku": "CABLE-USBC", "qty": 3},
                {"barcode": codes.kettle_piece, "qty": 1}
            ], "payments": [{"method": "cash", "amount": "100"}]}),
            at(20),
        );
        assert_eq!(sale, "S-A-000001");
        let inv = post_json(
            &mut book,
            &owner,
            json!({"kind": "invoice", "buyer": "B001", "lines": [
                {"sku": "CABLE-USBC", "qty": 2, "unit": "carton"},
                {"sku": "SOAP-750", "qty": 1, "unit": "dozen"}
            ]}),
            at(30),
        );
        assert_eq!(inv, "INV-A-000001");
        let rr = post_json(
            &mut book,
            &cashier,
            json!({"kind": "retail_return", "ticket": "S-A-000001", "lines": [
                {"line": 1, "qty": 1},
                {"line": 2, "qty": 1}
            ]}),
            at(40),
        );
        assert_eq!(rr, "RR-A-000001");
        for (code, on_hand) in [("CABLE-USBC", 190), ("KETTLE-17", 60), ("SOAP-750", 12)] {
            assert_eq!(book.stock(code).expect("stock").on_hand, on_hand, "{code}");
        }
        assert!(book.invariant_violations().expect("invariant").is_empty());
        book.connection().query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).expect("checkpoint");
    }
    Template { dir, path, codes }
}

impl Template {
    /// A private copy of the template book for one case.
    fn copy(&self, name: &str) -> PathBuf {
        let path = self.dir.path().join(format!("{name}.sqlite3"));
        std::fs::copy(&self.path, &path).expect("copy template");
        let wal = PathBuf::from(format!("{}-wal", self.path.display()));
        if wal.exists() {
            std::fs::copy(&wal, format!("{}-wal", path.display())).expect("copy wal");
        }
        path
    }
}

// ---------------------------------------------------------------------------------------------
// The logical dump

fn render(v: ValueRef) -> String {
    match v {
        ValueRef::Null => "NULL".into(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(f) => format!("{f:?}"),
        ValueRef::Text(t) => match std::str::from_utf8(t) {
            Ok(s) => format!("{s:?}"),
            Err(_) => format!("text{t:?}"),
        },
        ValueRef::Blob(b) => format!("x'{}'", b.iter().map(|x| format!("{x:02x}")).collect::<String>()),
    }
}

/// Every row of every table, in a fixed order, plus the schema and its version: two books with
/// the same dump hold the same facts.
fn dump(conn: &Connection) -> String {
    let mut out = String::new();
    for pragma in ["user_version", "application_id"] {
        let v: i64 = conn.query_row(&format!("PRAGMA {pragma}"), [], |r| r.get(0)).expect("pragma");
        writeln!(out, "{pragma} = {v}").unwrap();
    }
    let mut st = conn
        .prepare("SELECT type, name, tbl_name, COALESCE(sql, '') FROM sqlite_master ORDER BY type, name")
        .expect("schema");
    let schema: Vec<(String, String, String, String)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .expect("schema rows")
        .collect::<Result<_, _>>()
        .expect("schema rows");
    for (kind, name, table, sql) in &schema {
        writeln!(out, "schema {kind} {name} on {table}: {sql}").unwrap();
    }
    let tables: Vec<&String> = schema
        .iter()
        .filter(|(kind, name, _, _)| kind == "table" && !name.starts_with("sqlite_"))
        .map(|(_, name, _, _)| name)
        .collect();
    assert!(tables.len() >= 10, "the dump sees the ledger's tables: {tables:?}");
    for table in tables {
        let columns = conn.prepare(&format!("SELECT * FROM \"{table}\"")).expect("select").column_count();
        let order: Vec<String> = (1..=columns).map(|i| i.to_string()).collect();
        let mut st = conn.prepare(&format!("SELECT * FROM \"{table}\" ORDER BY {}", order.join(", "))).expect("select");
        let mut rows = st.query([]).expect("rows");
        let mut n = 0;
        while let Some(row) = rows.next().expect("row") {
            let cells: Vec<String> = (0..columns).map(|i| render(row.get_ref(i).expect("cell"))).collect();
            writeln!(out, "{table}: {}", cells.join(" | ")).unwrap();
            n += 1;
        }
        writeln!(out, "{table}: {n} rows").unwrap();
    }
    out
}

fn dump_file(path: &Path) -> String {
    let book = Book::open(path).expect("open for dump");
    dump(book.connection())
}

/// The lines of two dumps that differ, for a readable failure.
fn dump_diff(before: &str, after: &str) -> String {
    let b: Vec<&str> = before.lines().collect();
    let a: Vec<&str> = after.lines().collect();
    let mut out = String::new();
    for l in b.iter().filter(|l| !a.contains(l)).take(10) {
        writeln!(out, "      - {l}").unwrap();
    }
    for l in a.iter().filter(|l| !b.contains(l)).take(10) {
        writeln!(out, "      + {l}").unwrap();
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Product CSV files

const HEADER: &str =
    "sku,name,base_unit,vat_rate,reserve,allow_negative,category,units,barcodes,retail_prices,wholesale_prices";

/// One row of the product CSV, by column name.
#[derive(Clone)]
struct CsvRow(Vec<String>);

impl CsvRow {
    fn set(mut self, column: &str, value: &str) -> CsvRow {
        let i = CSV_COLUMNS.iter().position(|c| *c == column).expect("a CSV column");
        self.0[i] = value.to_string();
        self
    }

    fn line(&self) -> String {
        self.0.iter().map(|c| cell(c)).collect::<Vec<_>>().join(",")
    }
}

fn cell(v: &str) -> String {
    if v.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v.to_string()
    }
}

fn fan(c: &Codes) -> CsvRow {
    CsvRow(
        [
            "FAN-16",
            "Stand fan 16 in",
            "piece",
            "5",
            "0",
            "no",
            "home",
            "carton=4",
            &format!("piece={}; carton={}", c.fan_piece, c.fan_carton),
            "piece=99; carton=380",
            "piece=80; carton=300",
        ]
        .map(String::from)
        .to_vec(),
    )
}

fn lamp(c: &Codes) -> CsvRow {
    CsvRow(
        [
            "LAMP-9W",
            "LED bulb 9 W E27",
            "piece",
            "5",
            "",
            "no",
            "lighting",
            "carton=100; pallet=40 carton",
            &format!("piece={}", c.lamp_piece),
            "piece=6",
            "carton=450",
        ]
        .map(String::from)
        .to_vec(),
    )
}

/// A file: the header, then the given lines (line 2 onwards).
fn csv_file(lines: &[String]) -> Vec<u8> {
    let mut text = format!("{HEADER}\n");
    for l in lines {
        text.push_str(l);
        text.push('\n');
    }
    text.into_bytes()
}

fn csv_rows(rows: &[CsvRow]) -> Vec<u8> {
    csv_file(&rows.iter().map(CsvRow::line).collect::<Vec<_>>())
}

// ---------------------------------------------------------------------------------------------
// Cases

enum Input {
    Csv(Vec<u8>),
    Json(String),
}

/// A row the import must list as bad.
struct ExpRow {
    line: u64,
    /// The column it must name; `None` when no single column is at fault.
    column: Option<&'static str>,
    code: &'static str,
    mentions: Vec<String>,
}

fn row(line: u64, column: Option<&'static str>, code: &'static str, mentions: &[&str]) -> ExpRow {
    ExpRow { line, column, code, mentions: mentions.iter().map(|m| m.to_string()).collect() }
}

struct Case {
    name: &'static str,
    user: &'static str,
    input: Input,
    /// The stable code expected (more than one only where either is a fair reading).
    codes: Vec<&'static str>,
    /// The field the error must name; `None`: the error is about no single field.
    field: Option<&'static str>,
    rows: Vec<ExpRow>,
    /// What the English message must contain: the offending value, field or fact.
    mentions: Vec<String>,
    /// Other languages whose message must differ from English once they are translated.
    locales: Vec<Locale>,
}

impl Case {
    fn json(
        name: &'static str,
        text: impl Into<String>,
        code: &'static str,
        field: Option<&'static str>,
        mentions: &[&str],
    ) -> Case {
        Case {
            name,
            user: "owner",
            input: Input::Json(text.into()),
            codes: vec![code],
            field,
            rows: vec![],
            mentions: mentions.iter().map(|m| m.to_string()).collect(),
            locales: vec![],
        }
    }

    fn csv(name: &'static str, bytes: Vec<u8>, rows: Vec<ExpRow>) -> Case {
        Case {
            name,
            user: "owner",
            input: Input::Csv(bytes),
            codes: vec!["import-rejected"],
            field: None,
            mentions: vec![rows.len().to_string()],
            rows,
            locales: vec![],
        }
    }

    fn by(mut self, user: &'static str) -> Case {
        self.user = user;
        self
    }

    fn or_code(mut self, code: &'static str) -> Case {
        self.codes.push(code);
        self
    }

    fn in_locales(mut self, locales: &[Locale]) -> Case {
        self.locales = locales.to_vec();
        self
    }
}

fn sale(lines: Value) -> String {
    json!({"kind": "sale", "lines": lines}).to_string()
}

fn cable(qty: Value) -> Value {
    json!({"sku": "CABLE-USBC", "qty": qty})
}

fn csv_cases(c: &Codes) -> Vec<Case> {
    let f = || fan(c);
    let one = |r: CsvRow| csv_rows(&[r]);
    vec![
        Case::csv(
            "csv: a quote opened and never closed",
            csv_file(&[lamp(c).line(), "\"FAN-16,Stand fan 16 in,piece,5,0,no,home,carton=4,,piece=99,".to_string()]),
            vec![row(3, None, "invalid-input", &["quote"])],
        )
        .in_locales(&[Locale::ZhCn]),
        Case::csv(
            "csv: a stray comma gives a row 12 fields",
            csv_file(&[f().set("name", "Stand fan").line().replacen("Stand fan", "Stand fan, 16 in", 1)]),
            vec![row(2, None, "invalid-input", &["12", "11"])],
        ),
        Case::csv(
            "csv: a row with too few fields",
            csv_file(&["FAN-16,Stand fan 16 in,piece".into()]),
            vec![row(2, None, "invalid-input", &["3", "11"])],
        ),
        Case::csv(
            "csv: an unknown column",
            b"sku,name,colour\nFAN-16,Stand fan,black\n".to_vec(),
            vec![row(1, Some("colour"), "invalid-input", &["colour"])],
        ),
        Case::csv(
            "csv: the sku column is missing",
            b"name,base_unit\nStand fan,piece\n".to_vec(),
            vec![row(1, Some("sku"), "invalid-input", &["sku"])],
        ),
        Case::csv(
            "csv: a column given twice",
            b"sku,name,sku\nFAN-16,Stand fan,FAN-17\n".to_vec(),
            vec![row(1, Some("sku"), "invalid-input", &["sku", "twice"])],
        ),
        Case::csv(
            "csv: semicolons instead of commas (European Excel)",
            b"sku;name;base_unit\nFAN-16;Stand fan;piece\n".to_vec(),
            vec![
                row(1, Some("sku;name;base_unit"), "invalid-input", &["sku;name;base_unit"]),
                row(1, Some("sku"), "invalid-input", &["sku"]),
                row(1, Some("name"), "invalid-input", &["name"]),
            ],
        ),
        Case::csv(
            "csv: an empty file",
            Vec::new(),
            vec![row(1, Some("sku"), "invalid-input", &["sku"]), row(1, Some("name"), "invalid-input", &["name"])],
        ),
        Case::csv(
            "csv: invalid UTF-8 in the header",
            b"sku,name,cat\xe9gorie\nFAN-16,Stand fan,home\n".to_vec(),
            vec![row(1, None, "invalid-input", &["UTF-8"])],
        ),
        Case::csv("csv: an empty sku", one(f().set("sku", "")), vec![row(2, Some("sku"), "invalid-input", &["sku"])]),
        Case::csv(
            "csv: an empty name",
            one(f().set("name", "  ")),
            vec![row(2, Some("name"), "invalid-input", &["name"])],
        ),
        Case::csv(
            "csv: the same sku twice in the file",
            csv_rows(&[f(), lamp(c).set("sku", "FAN-16")]),
            vec![row(3, Some("sku"), "duplicate-sku", &["FAN-16"])],
        )
        .in_locales(&[Locale::ZhCn, Locale::Ar]),
        Case::csv(
            "csv: a barcode with a wrong check digit",
            one(f().set("barcodes", &format!("piece={}", c.bad_check))),
            vec![row(2, Some("barcodes"), "bad-check-digit", &[&c.bad_check, &c.bad_check_expected])],
        )
        .in_locales(&[Locale::ZhCn]),
        Case::csv(
            "csv: a barcode of the wrong length",
            one(f().set("barcodes", "piece=12345")),
            vec![row(2, Some("barcodes"), "bad-barcode", &["12345"])],
        ),
        Case::csv(
            "csv: a barcode with letters",
            one(f().set("barcodes", "piece=40063813339A1")),
            vec![row(2, Some("barcodes"), "bad-barcode", &["40063813339A1"])],
        ),
        Case::csv(
            "csv: a barcode without its unit",
            one(f().set("barcodes", &c.fan_piece)),
            vec![row(2, Some("barcodes"), "invalid-input", &[&c.fan_piece, "unit=value"])],
        ),
        Case::csv(
            "csv: the same barcode on two products of the file",
            csv_rows(&[f(), lamp(c).set("barcodes", &format!("piece={}", c.fan_piece))]),
            vec![row(3, Some("barcodes"), "duplicate-barcode", &[&c.fan_piece, "FAN-16"])],
        ),
        Case::csv(
            "csv: a barcode another product already owns",
            one(f().set("barcodes", &format!("piece={}", c.cable_piece))),
            vec![row(2, Some("barcodes"), "duplicate-barcode", &[&c.cable_piece, "CABLE-USBC"])],
        ),
        Case::csv(
            "csv: a barcode for a unit the product does not have",
            one(f().set("barcodes", &format!("crate={}", c.fan_carton))),
            vec![row(2, Some("barcodes"), "unknown-unit", &["crate", "FAN-16"])],
        ),
        Case::csv(
            "csv: a price for a unit the product does not have",
            one(f().set("retail_prices", "piece=99; box=10")),
            vec![row(2, Some("retail_prices"), "unknown-unit", &["box", "FAN-16"])],
        ),
        Case::csv(
            "csv: a unit nested in an unknown unit",
            one(f().set("units", "carton=4; pallet=50 crate")),
            vec![row(2, Some("units"), "invalid-input", &["crate"])],
        ),
        Case::csv(
            "csv: units nested in each other",
            one(f().set("units", "carton=2 box; box=3 carton")),
            vec![row(2, Some("units"), "invalid-input", &["carton", "box"])],
        ),
        Case::csv(
            "csv: a unit factor of zero",
            one(f().set("units", "carton=0")),
            vec![row(2, Some("units"), "invalid-input", &["carton=0"])],
        ),
        Case::csv(
            "csv: a negative unit factor",
            one(f().set("units", "carton=-4")),
            vec![row(2, Some("units"), "invalid-input", &["carton=-4"])],
        ),
        Case::csv(
            "csv: a fractional unit factor",
            one(f().set("units", "carton=2.5")),
            vec![row(2, Some("units"), "invalid-input", &["carton=2.5"])],
        ),
        Case::csv(
            "csv: a unit factor beyond any stock",
            one(f().set("units", "carton=99999999999999999999")),
            vec![row(2, Some("units"), "invalid-input", &["99999999999999999999", "!above 0"])],
        ),
        Case::csv(
            "csv: nested factors that multiply past any stock",
            one(f().set("units", "carton=1000000000; pallet=100000000000 carton").set("barcodes", "")),
            vec![row(2, Some("units"), "invalid-input", &["pallet", "!9223372036854775807", "!above 0"])],
        ),
        Case::csv(
            "csv: a unit defined twice",
            one(f().set("units", "carton=4; carton=6")),
            vec![row(2, Some("units"), "invalid-input", &["carton"])],
        ),
        Case::csv(
            "csv: a negative price",
            one(f().set("retail_prices", "piece=-5")),
            vec![row(2, Some("retail_prices"), "invalid-input", &["-5"])],
        ),
        Case::csv(
            "csv: a price with letters",
            one(f().set("wholesale_prices", "piece=12abc")),
            vec![row(2, Some("wholesale_prices"), "invalid-input", &["12abc"])],
        ),
        Case::csv(
            "csv: a price with an exponent",
            one(f().set("retail_prices", "piece=1e3")),
            vec![row(2, Some("retail_prices"), "invalid-input", &["1e3"])],
        ),
        Case::csv(
            "csv: a huge price",
            one(f().set("retail_prices", "piece=99999999999999999999999")),
            vec![row(2, Some("retail_prices"), "amount-out-of-range", &["99999999999999999999999"])],
        ),
        Case::csv(
            "csv: two prices for one unit",
            one(f().set("retail_prices", "piece=99; piece=98")),
            vec![row(2, Some("retail_prices"), "invalid-input", &["piece"])],
        ),
        Case::csv(
            "csv: a VAT rate of 150",
            one(f().set("vat_rate", "150")),
            vec![row(2, Some("vat_rate"), "invalid-input", &["150"])],
        ),
        Case::csv(
            "csv: a reserve of -1",
            one(f().set("reserve", "-1")),
            vec![row(2, Some("reserve"), "invalid-input", &["-1"])],
        ),
        Case::csv(
            "csv: allow_negative `maybe`",
            one(f().set("allow_negative", "maybe")),
            vec![row(2, Some("allow_negative"), "invalid-input", &["maybe"])],
        ),
        Case::csv(
            "csv: invalid UTF-8 bytes in a cell",
            {
                let mut bytes = csv_rows(&[lamp(c)]);
                bytes.extend_from_slice(b"FAN-16,Stand fan \xff\xfe 16 in,piece,5,0,no,home,carton=4,,,\n");
                bytes
            },
            vec![row(3, Some("name"), "invalid-input", &["UTF-8"])],
        ),
        Case::csv(
            "csv: changing the factor of an existing unit",
            one(f().set("sku", "CABLE-USBC").set("units", "carton=12").set("barcodes", "")),
            vec![row(2, Some("units"), "unit-factor-changed", &["carton", "CABLE-USBC", "24", "12"])],
        )
        .in_locales(&[Locale::ZhCn]),
        Case::csv(
            "csv: changing the base unit of an existing product",
            one(f().set("sku", "CABLE-USBC").set("base_unit", "bottle").set("units", "").set("barcodes", "")),
            vec![row(2, Some("base_unit"), "invalid-input", &["piece", "bottle"])],
        ),
        Case::csv(
            "csv: a price of `free`",
            one(f().set("retail_prices", "piece=free")),
            vec![row(2, Some("retail_prices"), "invalid-input", &["free", "!exponent"])],
        ),
        Case::csv(
            "csv: a sku with a tab in it",
            one(f().set("sku", "FAN\t16")),
            vec![row(2, Some("sku"), "invalid-input", &["sku"])],
        ),
        Case::csv(
            "csv: a sku of 65 characters",
            one(f().set("sku", &"S".repeat(65))),
            vec![row(2, Some("sku"), "invalid-input", &["sku", "64"])],
        ),
        Case::csv(
            "csv: Excel's byte-order mark and CRLF, a bad row counted from the header",
            {
                let mut b = b"\xEF\xBB\xBF".to_vec();
                let text = String::from_utf8(csv_rows(&[lamp(c), f().set("vat_rate", "150")])).expect("utf-8");
                b.extend_from_slice(text.replace('\n', "\r\n").as_bytes());
                b
            },
            vec![row(3, Some("vat_rate"), "invalid-input", &["150"])],
        ),
        Case::csv(
            "csv: a name over two lines moves the next row to line 4",
            csv_rows(&[lamp(c).set("name", "LED bulb\n9 W E27"), f().set("reserve", "many")]),
            vec![row(4, Some("reserve"), "invalid-input", &["many"])],
        ),
        Case::csv(
            "csv: good and bad rows together: nothing imported, every bad row listed",
            csv_rows(&[
                f(),
                lamp(c).set("sku", "LAMP-12W").set("barcodes", &format!("piece={}", c.bad_check)),
                lamp(c),
                f().set("sku", "FAN-20").set("vat_rate", "150").set("barcodes", ""),
                lamp(c).set("sku", "FAN-16").set("barcodes", ""),
            ]),
            vec![
                row(3, Some("barcodes"), "bad-check-digit", &[&c.bad_check]),
                row(5, Some("vat_rate"), "invalid-input", &["150"]),
                row(6, Some("sku"), "duplicate-sku", &["FAN-16"]),
            ],
        ),
    ]
}

fn json_cases(c: &Codes) -> Vec<Case> {
    let long_note = "x".repeat(501);
    let many_lines: Vec<Value> = (0..1001).map(|_| cable(json!(1))).collect();
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    vec![
        // Not a document at all.
        Case::json("json: not JSON at all", "hello, till", "invalid-input", Some("line 1 column 1"), &["JSON"]),
        Case::json(
            "json: truncated JSON",
            r#"{"kind": "sale", "lines": [{"sku": "CABLE-USBC", "qty": 1}"#,
            "invalid-input",
            Some("line 1 column *"),
            &["JSON"],
        ),
        Case::json("json: nested 200 deep", deep, "invalid-input", Some("line 1 column *"), &["JSON"]),
        Case::json("json: a number where a document is expected", "42", "invalid-input", Some("*"), &["object"]),
        Case::json(
            "json: a number where a line is expected",
            sale(json!([42])),
            "invalid-input",
            Some("lines[0]"),
            &["lines[0]"],
        ),
        Case::json(
            "json: lines is an object",
            r#"{"kind": "sale", "lines": {"sku": "CABLE-USBC", "qty": 1}}"#,
            "invalid-input",
            Some("lines"),
            &["lines"],
        ),
        Case::json(
            "json: kind is missing",
            json!({"lines": [cable(json!(1))]}).to_string(),
            "invalid-input",
            Some("kind"),
            &["kind", "sale"],
        ),
        Case::json(
            "json: an unknown kind",
            json!({"kind": "refund", "lines": [cable(json!(1))]}).to_string(),
            "invalid-input",
            Some("kind"),
            &["refund"],
        ),
        Case::json(
            "json: kind is a number",
            json!({"kind": 5, "lines": [cable(json!(1))]}).to_string(),
            "invalid-input",
            Some("kind"),
            &["kind"],
        ),
        Case::json(
            "json: lines are missing",
            json!({"kind": "sale"}).to_string(),
            "invalid-input",
            Some("lines"),
            &["lines"],
        ),
        Case::json(
            "json: an unknown field `qyt`",
            sale(json!([{"sku": "CABLE-USBC", "qyt": 1}])),
            "invalid-input",
            Some("lines[0]*"),
            &["qyt"],
        )
        .in_locales(&[Locale::ZhCn]),
        Case::json(
            "json: qty is missing",
            sale(json!([{"sku": "CABLE-USBC"}])),
            "invalid-input",
            Some("lines[0]*"),
            &["qty"],
        ),
        Case::json(
            "json: qty is true",
            sale(json!([cable(json!(true))])),
            "invalid-input",
            Some("lines[0].qty"),
            &["lines[0].qty"],
        ),
        Case::json(
            "json: qty is null",
            sale(json!([cable(Value::Null)])),
            "invalid-input",
            Some("lines[0].qty"),
            &["lines[0].qty", "null"],
        ),
        Case::json(
            "json: qty is a list",
            sale(json!([cable(json!([1]))])),
            "invalid-input",
            Some("lines[0].qty"),
            &["lines[0].qty"],
        ),
        Case::json(
            "json: qty is the text abc",
            sale(json!([cable(json!("abc"))])),
            "invalid-input",
            Some("lines[0].qty"),
            &["abc"],
        ),
        Case::json(
            "json: qty with a decimal comma",
            sale(json!([cable(json!("1,5"))])),
            "invalid-input",
            Some("lines[0].qty"),
            &["1,5"],
        ),
        Case::json(
            "json: qty 0",
            sale(json!([cable(json!(0))])),
            "qty-not-positive",
            Some("lines[0].qty"),
            &["lines[0].qty", "0"],
        )
        .in_locales(&[Locale::ZhCn, Locale::Ar]),
        Case::json(
            "json: qty -1",
            sale(json!([cable(json!(-1))])),
            "qty-not-positive",
            Some("lines[0].qty"),
            &["-1"],
        ),
        Case::json(
            "json: 0.3 of a carton of 24",
            sale(json!([{"sku": "CABLE-USBC", "qty": 0.3, "unit": "carton"}])),
            "fractional-base-qty",
            Some("lines[0].qty"),
            &["0.3", "carton", "7.2", "piece"],
        )
        .in_locales(&[Locale::ZhCn]),
        Case::json(
            "json: qty 1e30",
            r#"{"kind": "sale", "lines": [{"sku": "CABLE-USBC", "qty": 1e30}]}"#,
            "qty-too-large",
            Some("lines[0].qty"),
            &["lines[0].qty"],
        )
        .or_code("invalid-input"),
        Case::json(
            "json: qty 1e15",
            r#"{"kind": "sale", "lines": [{"sku": "CABLE-USBC", "qty": 1e15}]}"#,
            "qty-too-large",
            Some("lines[0].qty"),
            &["too large"],
        )
        .or_code("invalid-input"),
        Case::json(
            "json: qty 99999999999999999999999999999",
            r#"{"kind": "sale", "lines": [{"sku": "CABLE-USBC", "qty": 99999999999999999999999999999}]}"#,
            "qty-too-large",
            Some("lines[0].qty"),
            &["99999999999999999999999999999", "too large"],
        )
        .or_code("invalid-input"),
        Case::json(
            "json: qty 9999999999999 pieces",
            sale(json!([cable(json!(9999999999999i64))])),
            "qty-too-large",
            Some("lines[0].qty"),
            &["9999999999999"],
        ),
        Case::json(
            "json: an unknown SKU",
            sale(json!([{"sku": "NOPE-1", "qty": 1}])),
            "unknown-product",
            Some("lines[0].sku"),
            &["NOPE-1"],
        )
        .in_locales(&[Locale::ZhCn, Locale::Ar]),
        Case::json(
            "json: sku is a list",
            sale(json!([{"sku": ["CABLE-USBC"], "qty": 1}])),
            "invalid-input",
            Some("lines[0].sku"),
            &["lines[0].sku"],
        ),
        Case::json(
            "json: an unknown barcode with a valid check digit",
            sale(json!([{"barcode": c.unknown, "qty": 1}])),
            "unknown-barcode",
            Some("lines[0].barcode"),
            &[&c.unknown],
        ),
        Case::json(
            "json: a barcode with a wrong check digit on the second line",
            sale(json!([cable(json!(1)), {"barcode": c.bad_check, "qty": 1}])),
            "bad-check-digit",
            Some("lines[1].barcode"),
            &[&c.bad_check, &c.bad_check_expected],
        )
        .in_locales(&[Locale::ZhCn]),
        Case::json(
            "json: a barcode with letters",
            sale(json!([{"barcode": "ABC123", "qty": 1}])),
            "bad-barcode",
            Some("lines[0].barcode"),
            &["ABC123"],
        ),
        Case::json(
            "json: a barcode given as a JSON number",
            format!(r#"{{"kind": "sale", "lines": [{{"barcode": {}, "qty": 1}}]}}"#, c.cable_piece),
            "invalid-input",
            Some("lines[0].barcode"),
            &["lines[0].barcode"],
        ),
        Case::json(
            "json: an unknown unit",
            sale(json!([{"sku": "CABLE-USBC", "qty": 1, "unit": "crate"}])),
            "unknown-unit",
            Some("lines[0].unit"),
            &["crate", "CABLE-USBC"],
        ),
        Case::json(
            "json: both sku and barcode",
            sale(json!([{"sku": "CABLE-USBC", "barcode": c.cable_piece, "qty": 1}])),
            "invalid-input",
            Some("lines[0]"),
            &["lines[0]", "sku", "barcode"],
        ),
        Case::json(
            "json: neither sku nor barcode",
            sale(json!([{"qty": 1}])),
            "invalid-input",
            Some("lines[0]"),
            &["lines[0]", "sku", "barcode"],
        ),
        Case::json("json: no lines", sale(json!([])), "no-lines", None, &["lines"]),
        Case::json(
            "json: 1001 lines",
            sale(Value::Array(many_lines)),
            "too-many-lines",
            None,
            &["1000"],
        )
        .or_code("invalid-input"),
        Case::json(
            "json: a note of 501 characters",
            json!({"kind": "sale", "lines": [cable(json!(1))], "note": long_note}).to_string(),
            "invalid-input",
            Some("note"),
            &["500"],
        ),
        // Wholesale.
        Case::json(
            "json: an invoice to an unknown buyer",
            json!({"kind": "invoice", "buyer": "ZZZ-9", "lines": [cable(json!(1))]}).to_string(),
            "unknown-customer",
            Some("buyer"),
            &["ZZZ-9"],
        ),
        Case::json(
            "json: an invoice without a buyer",
            json!({"kind": "invoice", "lines": [cable(json!(1))]}).to_string(),
            "invalid-input",
            Some("buyer"),
            &["buyer"],
        ),
        Case::json(
            "json: an invoice of loose kettles, which have no wholesale price",
            json!({"kind": "invoice", "buyer": "B001", "lines": [{"sku": "KETTLE-17", "qty": 1}]}).to_string(),
            "no-price",
            Some("lines[0].unit"),
            &["KETTLE-17", "wholesale", "piece"],
        ),
        Case::json(
            "json: an invoice beyond stock",
            json!({"kind": "invoice", "buyer": "B001", "lines": [{"sku": "CABLE-USBC", "qty": 9, "unit": "carton"}]})
                .to_string(),
            "insufficient-stock",
            None,
            &["CABLE-USBC", "190", "216"],
        ),
        // Returns.
        Case::json(
            "json: a return of an unknown ticket",
            json!({"kind": "retail_return", "ticket": "S-A-999999", "lines": [{"line": 1, "qty": 1}]}).to_string(),
            "unknown-document",
            Some("ticket"),
            &["S-A-999999"],
        )
        .by("cashier")
        .in_locales(&[Locale::ZhCn]),
        Case::json(
            "json: an invoice number given as a ticket",
            json!({"kind": "retail_return", "ticket": "INV-A-000001", "lines": [{"line": 1, "qty": 1}]}).to_string(),
            "wrong-document-kind",
            Some("ticket"),
            &["INV-A-000001", "invoice", "sale"],
        )
        .by("cashier"),
        Case::json(
            "json: a ticket number given as an invoice",
            json!({"kind": "wholesale_return", "invoice": "S-A-000001", "lines": [{"line": 1, "qty": 1}]})
                .to_string(),
            "wrong-document-kind",
            Some("invoice"),
            &["S-A-000001", "sale", "invoice"],
        ),
        Case::json(
            "json: returning more than was sold",
            json!({"kind": "retail_return", "ticket": "S-A-000001", "lines": [{"line": 1, "qty": 3}]}).to_string(),
            "over-return",
            Some("lines[0].qty"),
            &["S-A-000001", "CABLE-USBC", "3", "1"],
        )
        .by("cashier")
        .in_locales(&[Locale::ZhCn]),
        Case::json(
            "json: returning again what was already returned in full",
            json!({"kind": "retail_return", "ticket": "S-A-000001", "lines": [{"barcode": c.kettle_piece, "qty": 1}]})
                .to_string(),
            "over-return",
            Some("lines[0].qty"),
            &["S-A-000001", "KETTLE-17"],
        )
        .by("cashier"),
        Case::json(
            "json: three returns of one line in one document, two left",
            json!({"kind": "retail_return", "ticket": "S-A-000001", "lines": [
                {"line": 1, "qty": 1}, {"line": 1, "qty": 1}, {"line": 1, "qty": 1}
            ]})
            .to_string(),
            "over-return",
            Some("lines[2].qty"),
            &["CABLE-USBC"],
        )
        .by("cashier"),
        Case::json(
            "json: returning 3 cartons of an invoice line of 2",
            json!({"kind": "wholesale_return", "invoice": "INV-A-000001", "lines": [{"line": 1, "qty": 3}]})
                .to_string(),
            "over-return",
            Some("lines[0].qty"),
            &["INV-A-000001", "CABLE-USBC", "48", "72"],
        ),
        Case::json(
            "json: a return line number that does not exist",
            json!({"kind": "retail_return", "ticket": "S-A-000001", "lines": [{"line": 9, "qty": 1}]}).to_string(),
            "unknown-line",
            Some("lines[0].line"),
            &["S-A-000001", "9"],
        )
        .by("cashier"),
        Case::json(
            "json: returning a product that was not on the ticket",
            json!({"kind": "retail_return", "ticket": "S-A-000001", "lines": [{"sku": "SOAP-750", "qty": 1}]})
                .to_string(),
            "product-not-on-document",
            Some("lines[0]*"),
            &["SOAP-750", "S-A-000001"],
        )
        .by("cashier"),
        Case::json(
            "json: a return line given by both line and sku",
            json!({"kind": "retail_return", "ticket": "S-A-000001", "lines": [{"line": 1, "sku": "CABLE-USBC", "qty": 1}]})
                .to_string(),
            "invalid-input",
            Some("lines[0]"),
            &["lines[0]"],
        )
        .by("cashier"),
        Case::json(
            "json: a return of quantity 0",
            json!({"kind": "retail_return", "ticket": "S-A-000001", "lines": [{"line": 1, "qty": 0}]}).to_string(),
            "qty-not-positive",
            Some("lines[0].qty"),
            &["0"],
        )
        .by("cashier"),
        Case::json(
            "json: receiving an unknown credit note",
            json!({"kind": "receive_return", "return": "CN-A-000009"}).to_string(),
            "unknown-document",
            Some("return"),
            &["CN-A-000009"],
        ),
        Case::json(
            "json: receiving a retail return as a credit note",
            json!({"kind": "receive_return", "return": "RR-A-000001"}).to_string(),
            "wrong-document-kind",
            Some("return"),
            &["RR-A-000001"],
        ),
        // Permissions.
        Case::json(
            "json: a cashier posting a goods receipt",
            json!({"kind": "receipt", "lines": [{"sku": "CABLE-USBC", "qty": 1, "unit_cost": "5"}]}).to_string(),
            "permission-denied",
            None,
            &["cashier", "goods-receipt"],
        )
        .by("cashier")
        .in_locales(&[Locale::ZhCn, Locale::Ar]),
        Case::json(
            "json: a cashier overriding a price",
            sale(json!([{"sku": "CABLE-USBC", "qty": 1, "price": "1.00"}])),
            "permission-denied",
            None,
            &["cashier", "override-price"],
        )
        .by("cashier"),
        Case::json(
            "json: a cashier raising an invoice",
            json!({"kind": "invoice", "buyer": "B001", "lines": [cable(json!(1))]}).to_string(),
            "permission-denied",
            None,
            &["cashier", "invoice"],
        )
        .by("cashier"),
        Case::json(
            "json: a cashier overriding the stock floor",
            json!({"kind": "sale", "lines": [cable(json!(1000))], "override_reason": "boss said so"}).to_string(),
            "permission-denied",
            None,
            &["cashier", "override-negative-stock"],
        )
        .by("cashier"),
        // Prices, stock and payment.
        Case::json(
            "json: a negative price override",
            sale(json!([{"sku": "CABLE-USBC", "qty": 1, "price": "-5"}])),
            "invalid-input",
            Some("lines[0].price"),
            &["-5"],
        ),
        Case::json(
            "json: a price override in words",
            sale(json!([{"sku": "CABLE-USBC", "qty": 1, "price": "cheap"}])),
            "invalid-input",
            Some("lines[0].price"),
            &["cheap"],
        ),
        Case::json(
            "json: a sale beyond stock",
            sale(json!([cable(json!(1000))])),
            "insufficient-stock",
            None,
            &["CABLE-USBC", "190", "1000"],
        )
        .by("cashier")
        .in_locales(&[Locale::ZhCn]),
        Case::json(
            "json: a sale into the wholesale reserve",
            sale(json!([{"barcode": c.soap_bottle, "qty": 10}])),
            "reserved-for-wholesale",
            None,
            &["SOAP-750", "6"],
        )
        .by("cashier"),
        Case::json(
            "json: payment short",
            json!({"kind": "sale", "lines": [cable(json!(1))], "payments": [{"method": "cash", "amount": "1.00"}]})
                .to_string(),
            "payment-short",
            None,
            &["1.00", "12.50"],
        )
        .by("cashier"),
        Case::json(
            "json: card paying more than the total",
            json!({"kind": "sale", "lines": [cable(json!(1))], "payments": [{"method": "card", "amount": "100"}]})
                .to_string(),
            "non-cash-overpaid",
            None,
            &["100", "12.50"],
        )
        .by("cashier"),
        Case::json(
            "json: paid in an unknown way",
            json!({"kind": "sale", "lines": [cable(json!(1))], "payments": [{"method": "bitcoin", "amount": "20"}]})
                .to_string(),
            "invalid-input",
            Some("payments[0].method"),
            &["bitcoin"],
        )
        .by("cashier"),
        Case::json(
            "json: paid a fraction of a fils",
            json!({"kind": "sale", "lines": [cable(json!(1))], "payments": [{"method": "cash", "amount": "20.005"}]})
                .to_string(),
            "invalid-input",
            Some("payments[0].amount"),
            &["20.005"],
        )
        .by("cashier"),
        Case::json(
            "json: a receipt at a negative cost",
            json!({"kind": "receipt", "lines": [{"sku": "CABLE-USBC", "qty": 1, "unit_cost": "-3"}]}).to_string(),
            "invalid-input",
            Some("lines[0].unit_cost"),
            &["-3"],
        ),
        Case::json(
            "json: a receipt line without a cost",
            json!({"kind": "receipt", "lines": [{"sku": "CABLE-USBC", "qty": 1}]}).to_string(),
            "invalid-input",
            Some("lines[0]*"),
            &["unit_cost"],
        ),
        Case::json(
            "json: a count of -5",
            json!({"kind": "count", "lines": [{"sku": "CABLE-USBC", "qty": -5}]}).to_string(),
            "qty-not-positive",
            Some("lines[0].qty"),
            &["-5"],
        ),
        Case::json(
            "json: a return in a unit the product does not have",
            json!({"kind": "retail_return", "ticket": "S-A-000001", "lines": [{"sku": "CABLE-USBC", "qty": 1, "unit": "crate"}]})
                .to_string(),
            "unknown-unit",
            Some("lines[0].unit"),
            &["crate", "CABLE-USBC"],
        )
        .by("cashier"),
        Case::json(
            "json: returning half a piece",
            json!({"kind": "retail_return", "ticket": "S-A-000001", "lines": [{"line": 1, "qty": 0.5}]}).to_string(),
            "fractional-base-qty",
            Some("lines[0].qty"),
            &["0.5"],
        )
        .by("cashier"),
        Case::json(
            "json: a receipt at a cost beyond any price",
            json!({"kind": "receipt", "lines": [{"sku": "CABLE-USBC", "qty": 1, "unit_cost": "99999999999999999999"}]})
                .to_string(),
            "amount-out-of-range",
            Some("lines[0].unit_cost"),
            &["99999999999999999999"],
        ),
        Case::json(
            "json: a sale whose amount is beyond any till",
            sale(json!([cable(json!(1000000000000i64))])),
            "amount-out-of-range",
            Some("lines[0]*"),
            &["lines[0]"],
        ),
        Case::json(
            "json: a receipt whose lines add up past any stock",
            json!({"kind": "receipt", "lines": (0..11)
                .map(|_| json!({"sku": "CABLE-USBC", "qty": 1000000000000i64, "unit_cost": "0"}))
                .collect::<Vec<_>>()})
            .to_string(),
            "qty-too-large",
            // The cable already has stock, so the tenth line is the one that crosses the limit.
            Some("lines[9].qty"),
            &["lines[9].qty"],
        ),
        // Dates.
        Case::json(
            "json: a date before the last document",
            json!({"kind": "sale", "date": "2026-10-01", "lines": [cable(json!(1))]}).to_string(),
            "date-before-last-document",
            Some("date"),
            &["2026-10-01"],
        )
        .in_locales(&[Locale::ZhCn]),
        Case::json(
            "json: a date that is not a date",
            json!({"kind": "sale", "date": "yesterday", "lines": [cable(json!(1))]}).to_string(),
            "invalid-input",
            Some("date"),
            &["yesterday"],
        ),
        Case::json(
            "json: the 30th of February",
            json!({"kind": "sale", "date": "2026-02-30", "lines": [cable(json!(1))]}).to_string(),
            "invalid-input",
            Some("date"),
            &["2026-02-30"],
        ),
        Case::json(
            "json: a date in the future",
            json!({"kind": "sale", "date": "2030-01-01", "lines": [cable(json!(1))]}).to_string(),
            "invalid-input",
            Some("date"),
            &["2030-01-01"],
        ),
        Case::json(
            "json: a date given as a number",
            json!({"kind": "sale", "date": 20261102, "lines": [cable(json!(1))]}).to_string(),
            "invalid-input",
            Some("date"),
            &["date"],
        ),
    ]
}

// ---------------------------------------------------------------------------------------------
// Checking one case

/// The text of `error-{code}` in a locale's file, to tell a translated message from a copy.
fn ftl_line(locale: Locale, code: &str) -> Option<String> {
    let id = format!("error-{code} =");
    let src = onebook::i18n::SOURCES.iter().find(|(l, _)| *l == locale).map(|(_, s)| *s)?;
    src.lines().find(|l| l.starts_with(&id)).map(str::to_string)
}

/// A message people can read: not empty, not a bare message id, not opening on an empty field.
fn message_problems(what: &str, message: &str) -> Vec<String> {
    let mut p = vec![];
    let t = message.trim();
    if t.is_empty() {
        p.push(format!("{what}: the message is empty"));
    } else if t.starts_with("error-") && !t.contains(' ') {
        p.push(format!("{what}: no message, only its id {t}"));
    } else if t.starts_with(':') {
        p.push(format!("{what}: the message opens on an empty field name: {t:?}"));
    }
    p
}

fn locale_problems(what: &str, err: &Error, locales: &[Locale]) -> Vec<String> {
    let mut p = vec![];
    let en = err.message(Locale::En);
    for &l in locales {
        let msg = err.message(l);
        p.extend(message_problems(&format!("{what} [{}]", l.tag()), &msg));
        // Translations are still being written: only a translated message must differ.
        let translated = ftl_line(l, err.code()).is_some_and(|line| Some(line) != ftl_line(Locale::En, err.code()));
        if translated && msg == en {
            p.push(format!("{what}: the {} message is the English one: {msg:?}", l.tag()));
        }
    }
    p
}

/// `mention` must be in the message; `!mention` must not be (a wrong claim or a number the user
/// never wrote).
fn mention_problems(what: &str, message: &str, mentions: &[String]) -> Vec<String> {
    let mut p = vec![];
    for m in mentions {
        match m.strip_prefix('!') {
            Some(absent) if message.contains(absent) => {
                p.push(format!("{what}: message should not say {absent:?}: {message:?}"))
            }
            Some(_) => {}
            None if !message.contains(m.as_str()) => {
                p.push(format!("{what}: message does not mention {m:?}: {message:?}"))
            }
            None => {}
        }
    }
    p
}

fn field_matches(expected: &str, actual: &str) -> bool {
    match expected.strip_suffix('*') {
        Some(prefix) => actual.starts_with(prefix) && !actual.trim().is_empty(),
        None => actual == expected,
    }
}

fn check_rows(case: &Case, rows: &[RowError], count: usize) -> Vec<String> {
    let mut p = vec![];
    let header: Vec<String> = match &case.input {
        Input::Csv(bytes) => String::from_utf8_lossy(bytes.split(|b| *b == b'\n').next().unwrap_or_default())
            .split(',')
            .map(|h| h.trim().to_lowercase())
            .collect(),
        Input::Json(_) => vec![],
    };
    if count != rows.len() {
        p.push(format!("count {count} but {} rows listed", rows.len()));
    }
    let got: Vec<String> = rows
        .iter()
        .map(|r| format!("line {} [{}] {}: {}", r.line, r.column.as_deref().unwrap_or("-"), r.code, r.message))
        .collect();
    if rows.len() != case.rows.len() {
        p.push(format!("{} bad rows listed, expected {}: {got:#?}", rows.len(), case.rows.len()));
        return p;
    }
    for (i, (r, e)) in rows.iter().zip(&case.rows).enumerate() {
        let what = format!("row {i} (line {})", r.line);
        if r.line != e.line {
            p.push(format!("{what}: line {} expected {}: {}", r.line, e.line, got[i]));
        }
        if r.code != e.code || r.error.code() != e.code {
            p.push(format!("{what}: code {} expected {}: {}", r.code, e.code, got[i]));
        }
        if let Some(col) = e.column {
            if r.column.as_deref() != Some(col) {
                p.push(format!("{what}: column {:?} expected {col:?}: {}", r.column, got[i]));
            }
        }
        p.extend(message_problems(&what, &r.message));
        p.extend(mention_problems(&what, &r.message, &e.mentions));
        // The column is one the file (or the documented format) has, so a screen can point at it.
        if let Some(col) = r.column.as_deref() {
            if !header.iter().any(|h| h == col) && !CSV_COLUMNS.contains(&col) {
                p.push(format!("{what}: column {col:?} is not a column of the file: {}", got[i]));
            }
        }
        p.extend(locale_problems(&what, &r.error, &case.locales));
    }
    p
}

fn check_error(case: &Case, err: &Error) -> Vec<String> {
    let mut p = vec![];
    if !case.codes.contains(&err.code()) {
        p.push(format!("code {} expected {}: {err:?}", err.code(), case.codes.join(" or ")));
    }
    match (case.field, err.field()) {
        (Some(e), Some(a)) if field_matches(e, a) => {}
        (Some(e), a) => p.push(format!("field {a:?} expected {e:?}: {err:?}")),
        (None, Some(a)) if a.trim().is_empty() => p.push(format!("names an empty field: {err:?}")),
        (None, _) => {}
    }
    let en = err.message(Locale::En);
    p.extend(message_problems("message", &en));
    p.extend(mention_problems("message", &en, &case.mentions));
    if let Some(f) = err.field().filter(|f| !f.trim().is_empty()) {
        if !en.contains(f) {
            p.push(format!("message does not name its field {f:?}: {en:?}"));
        }
    }
    match err {
        Error::ImportRejected { count, rows } => p.extend(check_rows(case, rows, *count)),
        _ => {
            if !case.rows.is_empty() {
                p.push(format!("expected an import refusal listing rows, got {err:?}"));
            }
            p.extend(locale_problems("message", err, &case.locales));
        }
    }
    p
}

/// Run one case on its own copy of the book: it must be refused as expected and change nothing.
fn run_case(t: &Template, index: usize, case: &Case) -> Vec<String> {
    let path = t.copy(&format!("case-{index}"));
    let mut book = Book::open(&path).expect("open copy");
    let actor = book.actor(Some(case.user)).expect("actor");
    let before = dump(book.connection());
    let outcome = catch_unwind(AssertUnwindSafe(|| match &case.input {
        Input::Csv(bytes) => book
            .import_products(&actor, bytes.as_slice(), ImportOptions::default(), &mut |_| {}, now())
            .map(|r| format!("imported: {r:?}")),
        Input::Json(text) => DocumentDraft::from_json(text)
            .and_then(|draft| book.post(&actor, &draft, now()))
            .map(|doc| format!("posted {}", doc.doc_no)),
    }));
    let mut p = match outcome {
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            vec![format!("panicked: {msg}")]
        }
        Ok(Ok(done)) => vec![format!("accepted, expected {}: {done}", case.codes.join(" or "))],
        Ok(Err(err)) => {
            if std::env::var_os("BAD_INPUT_SHOW").is_some() {
                eprintln!("{}\n  [{}] {:?}: {}", case.name, err.code(), err.field(), err.message(Locale::En));
                if let Error::ImportRejected { rows, .. } = &err {
                    for r in rows {
                        eprintln!("    line {} [{}]: {}", r.line, r.column.as_deref().unwrap_or("-"), r.message);
                    }
                }
            }
            check_error(case, &err)
        }
    };
    let after = dump(book.connection());
    if before != after {
        p.push(format!("the book changed:\n{}", dump_diff(&before, &after)));
    }
    match book.invariant_violations() {
        Ok(v) if v.is_empty() => {}
        other => p.push(format!("ledger invariant broken: {other:?}")),
    }
    drop(book);
    std::fs::remove_file(&path).ok();
    p
}

#[test]
fn every_bad_input_is_refused_by_name_and_changes_nothing() {
    let started = Instant::now();
    let t = build_template();
    let mut cases = csv_cases(&t.codes);
    cases.extend(json_cases(&t.codes));
    assert!(cases.len() >= 50, "at least 50 cases, have {}", cases.len());
    let mut names = std::collections::HashSet::new();
    for case in &cases {
        assert!(names.insert(case.name), "two cases named {}", case.name);
    }
    let mut failures = vec![];
    for (i, case) in cases.iter().enumerate() {
        let problems = run_case(&t, i, case);
        if !problems.is_empty() {
            failures.push(format!("{}:\n    {}", case.name, problems.join("\n    ")));
        }
    }
    eprintln!("{} bad inputs checked in {:?}, {} failed", cases.len(), started.elapsed(), failures.len());
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// Partial successes: these change the book, so each outcome is checked instead of the dump.

fn count(book: &Book, sql: &str) -> i64 {
    book.connection().query_row(sql, [], |r| r.get(0)).expect("count")
}

#[test]
fn skip_bad_imports_the_good_rows_and_lists_the_bad() {
    let t = build_template();
    let path = t.copy("skip-bad");
    let mut book = Book::open(&path).expect("open");
    let owner = book.actor(None).expect("owner");
    let c = &t.codes;
    let file = csv_rows(&[
        fan(c),
        lamp(c).set("sku", "LAMP-12W").set("barcodes", &format!("piece={}", c.bad_check)),
        lamp(c),
        fan(c).set("sku", "FAN-20").set("vat_rate", "150").set("barcodes", ""),
    ]);
    let docs_before = count(&book, "SELECT count(*) FROM documents");
    let moves_before = count(&book, "SELECT count(*) FROM movements");
    let report = book
        .import_products(&owner, file.as_slice(), ImportOptions { skip_bad: true }, &mut |_| {}, now())
        .expect("skip_bad imports");
    assert_eq!((report.rows, report.created, report.updated, report.skipped), (4, 2, 0, 2), "{report:?}");
    let bad: Vec<(u64, Option<&str>, &str)> =
        report.errors.iter().map(|e| (e.line, e.column.as_deref(), e.code)).collect();
    assert_eq!(bad, vec![(3, Some("barcodes"), "bad-check-digit"), (5, Some("vat_rate"), "invalid-input")]);
    let skus: Vec<String> = {
        let mut st = book.connection().prepare("SELECT sku FROM products ORDER BY sku").expect("skus");
        st.query_map([], |r| r.get(0)).expect("skus").collect::<Result<_, _>>().expect("skus")
    };
    assert_eq!(skus, ["CABLE-USBC", "FAN-16", "KETTLE-17", "LAMP-9W", "SOAP-750"]);
    let fan = book.stock(&c.fan_carton).expect("fan by its carton code");
    assert_eq!((fan.sku.as_str(), fan.scanned_unit.as_str(), fan.on_hand), ("FAN-16", "carton", 0));
    let lamp = book.stock("LAMP-9W").expect("lamp");
    assert!(lamp.units.iter().any(|u| u.unit == "pallet" && u.factor_to_base == 4000), "{:?}", lamp.units);
    assert!(book.stock("LAMP-12W").is_err() && book.stock("FAN-20").is_err());
    assert_eq!(count(&book, "SELECT count(*) FROM documents"), docs_before);
    assert_eq!(count(&book, "SELECT count(*) FROM movements"), moves_before);
    assert!(book.invariant_violations().expect("invariant").is_empty());
}

#[test]
fn a_list_posts_its_good_documents_and_names_each_bad_one() {
    let t = build_template();
    let path = t.copy("list");
    let mut book = Book::open(&path).expect("open");
    let cashier = book.actor(Some("cashier")).expect("cashier");
    let text = json!([
        {"kind": "sale", "lines": [{"sku": "CABLE-USBC", "qty": 2}]},
        {"kind": "sale", "lines": [{"sku": "CABLE-USBC", "qty": "abc"}]},
        {"kind": "sale", "lines": [{"sku": "CABLE-USBC", "qty": 1}, {"sku": "NOPE-1", "qty": 1}]},
        {"kind": "sale", "lines": [{"barcode": t.codes.cable_carton, "qty": 1}]},
        {"kind": "sale", "lines": [{"sku": "CABLE-USBC", "qty": 1000}]}
    ])
    .to_string();
    let drafts = drafts_from_json(&text).expect("a list");
    assert_eq!(drafts.len(), 5);
    let outcomes: Vec<Result<String, Error>> =
        drafts.into_iter().map(|d| d.and_then(|d| book.post(&cashier, &d, now())).map(|doc| doc.doc_no)).collect();
    assert_eq!(outcomes[0].as_deref(), Ok("S-A-000002"));
    let e = outcomes[1].as_ref().expect_err("qty abc");
    assert_eq!((e.code(), e.field()), ("invalid-input", Some("[1].lines[0].qty")), "{e:?}");
    assert!(e.message(Locale::En).contains("abc"));
    let e = outcomes[2].as_ref().expect_err("unknown sku");
    assert_eq!((e.code(), e.field()), ("unknown-product", Some("lines[1].sku")), "{e:?}");
    // Numbers stay gapless: the refused documents took none.
    assert_eq!(outcomes[3].as_deref(), Ok("S-A-000003"));
    let e = outcomes[4].as_ref().expect_err("beyond stock");
    assert_eq!(e.code(), "insufficient-stock", "{e:?}");
    // 190 on hand, 2 pieces and a carton of 24 sold.
    assert_eq!(book.stock("CABLE-USBC").expect("stock").on_hand, 190 - 2 - 24);
    assert_eq!(count(&book, "SELECT count(*) FROM documents WHERE kind = 'sale'"), 3);
    assert!(book.invariant_violations().expect("invariant").is_empty());
}

// ---------------------------------------------------------------------------------------------
// The same refusals through the real binary

struct CliCase {
    name: &'static str,
    /// Arguments after `--db PATH`; `{file}` stands for the input file.
    args: Vec<&'static str>,
    file: Vec<u8>,
    /// Text stderr must contain.
    stderr_has: Vec<String>,
    /// With `--json`: the error object stderr must hold (code, field, lines of bad rows).
    json_error: Option<(&'static str, Option<&'static str>, Vec<u64>)>,
    /// For a list with `--json`: (index, code) of each line stdout must hold.
    json_outcomes: Vec<(u64, &'static str)>,
}

fn cli(name: &'static str, args: &[&'static str], file: impl Into<Vec<u8>>) -> CliCase {
    CliCase {
        name,
        args: args.to_vec(),
        file: file.into(),
        stderr_has: vec![],
        json_error: None,
        json_outcomes: vec![],
    }
}

impl CliCase {
    fn stderr(mut self, has: &[&str]) -> CliCase {
        self.stderr_has = has.iter().map(|s| s.to_string()).collect();
        self
    }

    fn json_error(mut self, code: &'static str, field: Option<&'static str>, rows: &[u64]) -> CliCase {
        self.json_error = Some((code, field, rows.to_vec()));
        self
    }
}

fn run_cli(db: &Path, args: &[String]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_onebook"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("ONEBOOK_DB")
        .env_remove("ONEBOOK_USER")
        .env_remove("ONEBOOK_LANG")
        .env_remove("ONEBOOK_PROGRESS")
        .env("LANG", "C")
        .output()
        .expect("run onebook")
}

fn check_cli(t: &Template, index: usize, case: &CliCase) -> Vec<String> {
    let mut p = vec![];
    let db = t.copy(&format!("cli-{index}"));
    let file = t.dir.path().join(format!("cli-{index}.input"));
    std::fs::write(&file, &case.file).expect("input file");
    let args: Vec<String> = case.args.iter().map(|a| a.replace("{file}", &file.display().to_string())).collect();
    let before = dump_file(&db);
    let out = run_cli(&db, &args);
    let after = dump_file(&db);
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let shown = format!("\n      status: {}\n      stdout: {stdout:?}\n      stderr: {stderr:?}", out.status);
    if out.status.success() || out.status.code().is_none() {
        p.push(format!("exit status is not a refusal{shown}"));
    }
    if before != after {
        p.push(format!("the book changed:\n{}", dump_diff(&before, &after)));
    }
    for s in &case.stderr_has {
        if !stderr.contains(s.as_str()) {
            p.push(format!("stderr does not contain {s:?}{shown}"));
        }
    }
    if case.json_outcomes.is_empty() && !stdout.trim().is_empty() {
        p.push(format!("stdout is not empty{shown}"));
    }
    if let Some((code, field, rows)) = &case.json_error {
        match serde_json::from_str::<Value>(stderr.trim()) {
            Err(e) => p.push(format!("stderr is not one JSON value ({e}){shown}")),
            Ok(v) => {
                let err = &v["error"];
                if err["code"] != json!(code) {
                    p.push(format!("JSON code {} expected {code}{shown}", err["code"]));
                }
                if let Some(f) = field {
                    if err["field"] != json!(f) {
                        p.push(format!("JSON field {} expected {f}{shown}", err["field"]));
                    }
                }
                if err["message"].as_str().is_none_or(|m| m.trim().is_empty()) {
                    p.push(format!("JSON error has no message{shown}"));
                }
                let got: Vec<u64> = err["rows"]
                    .as_array()
                    .map(|a| a.iter().filter_map(|r| r["line"].as_u64()).collect())
                    .unwrap_or_default();
                if &got != rows {
                    p.push(format!("JSON rows at lines {got:?} expected {rows:?}{shown}"));
                }
            }
        }
    }
    if !case.json_outcomes.is_empty() {
        let lines: Vec<Value> = stdout.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
        let got: Vec<(u64, String)> = lines
            .iter()
            .map(|l| (l["index"].as_u64().unwrap_or(999), l["error"]["code"].as_str().unwrap_or("ok").to_string()))
            .collect();
        let want: Vec<(u64, String)> = case.json_outcomes.iter().map(|(i, c)| (*i, c.to_string())).collect();
        if got != want {
            p.push(format!("outcomes {got:?} expected {want:?}{shown}"));
        }
    }
    std::fs::remove_file(&db).ok();
    p
}

#[test]
fn the_cli_refuses_bad_input_by_name_and_changes_nothing() {
    let t = build_template();
    let c = &t.codes;
    let bad_csv = csv_rows(&[
        fan(c),
        lamp(c).set("sku", "LAMP-12W").set("barcodes", &format!("piece={}", c.bad_check)),
        lamp(c),
        fan(c).set("sku", "FAN-20").set("vat_rate", "150").set("barcodes", ""),
    ]);
    let unknown_sku = sale(json!([{"sku": "NOPE-1", "qty": 1}]));
    let zh_translated = ftl_line(Locale::ZhCn, "unknown-product") != ftl_line(Locale::En, "unknown-product");
    let mut cases = vec![
        cli("post: an unknown SKU", &["post", "{file}"], unknown_sku.clone()).stderr(&[
            "[unknown-product]",
            "lines[0].sku",
            "NOPE-1",
        ]),
        cli("post --json: qty 0", &["--json", "post", "{file}"], sale(json!([cable(json!(0))]))).json_error(
            "qty-not-positive",
            Some("lines[0].qty"),
            &[],
        ),
        cli("post: truncated JSON", &["post", "{file}"], r#"{"kind": "sale", "lines": [{"sku": "CABLE-USBC""#)
            .stderr(&["[invalid-input]", "line 1 column"]),
        cli("post: invalid UTF-8", &["post", "{file}"], {
            let mut b = br#"{"kind": "sale", "note": "caf"#.to_vec();
            b.extend_from_slice(b"\xe9\"");
            b.extend_from_slice(br#", "lines": [{"sku": "CABLE-USBC", "qty": 1}]}"#);
            b
        })
        .stderr(&["[invalid-input]", "line 1 column 30", "UTF-8"]),
        cli(
            "post --json: an over-return",
            &["--json", "--user", "cashier", "post", "{file}"],
            json!({"kind": "retail_return", "ticket": "S-A-000001", "lines": [{"line": 2, "qty": 1}]}).to_string(),
        )
        .json_error("over-return", Some("lines[0].qty"), &[]),
        cli(
            "post: a cashier posting a goods receipt",
            &["--user", "cashier", "post", "{file}"],
            json!({"kind": "receipt", "lines": [{"sku": "CABLE-USBC", "qty": 1, "unit_cost": "5"}]}).to_string(),
        )
        .stderr(&["[permission-denied]", "cashier", "goods-receipt"]),
        cli("post: an unknown user", &["--user", "nobody", "post", "{file}"], unknown_sku.clone())
            .stderr(&["[unknown-user]", "nobody"]),
        cli("post: a missing file", &["post", "{file}.missing"], Vec::new()).stderr(&["[io]", ".missing"]),
        cli("import: good and bad rows", &["import", "products", "{file}"], bad_csv.clone()).stderr(&[
            "[import-rejected]",
            "line 3 [barcodes]",
            &c.bad_check,
            "line 5 [vat_rate]",
            "150",
        ]),
        cli("import --json: good and bad rows", &["--json", "import", "products", "{file}"], bad_csv).json_error(
            "import-rejected",
            None,
            &[3, 5],
        ),
        cli("import: invalid UTF-8 in a cell", &["import", "products", "{file}"], {
            let mut b = format!("{HEADER}\n").into_bytes();
            b.extend_from_slice(b"FAN-16,Stand fan \xff,piece,5,0,no,home,carton=4,,,\n");
            b
        })
        .stderr(&["[import-rejected]", "line 2 [name]", "UTF-8"]),
        cli(
            "import --json: a quote never closed",
            &["--json", "import", "products", "{file}"],
            csv_file(&["\"FAN-16,Stand fan,piece".into()]),
        )
        .json_error("import-rejected", None, &[2]),
    ];
    // A list of bad documents with --json: one line per document on stdout, nothing posted.
    let mut list = cli(
        "post --json: a list of two bad documents",
        &["--json", "post", "{file}"],
        json!([
            {"kind": "sale", "lines": [{"sku": "CABLE-USBC", "qty": -1}]},
            {"kind": "sale", "lines": [{"sku": "CABLE-USBC", "qyt": 1}]}
        ])
        .to_string(),
    );
    list.json_outcomes = vec![(0, "qty-not-positive"), (1, "invalid-input")];
    cases.push(list);
    // In Chinese once translated: the code stays, the words change.
    let zh = cli("post --lang zh-CN: an unknown SKU", &["--lang", "zh-CN", "post", "{file}"], unknown_sku)
        .stderr(&["[unknown-product]", "NOPE-1"]);
    cases.push(zh);
    let mut failures = vec![];
    for (i, case) in cases.iter().enumerate() {
        let problems = check_cli(&t, i, case);
        if !problems.is_empty() {
            failures.push(format!("{}:\n    {}", case.name, problems.join("\n    ")));
        }
    }
    if zh_translated {
        let db = t.copy("cli-zh");
        let file = t.dir.path().join("cli-zh.json");
        std::fs::write(&file, sale(json!([{"sku": "NOPE-1", "qty": 1}]))).expect("file");
        let en = run_cli(&db, &["post".into(), file.display().to_string()]);
        let zh = run_cli(&db, &["--lang".into(), "zh-CN".into(), "post".into(), file.display().to_string()]);
        if en.stderr == zh.stderr {
            failures.push(format!("--lang zh-CN: the error is still English: {}", String::from_utf8_lossy(&zh.stderr)));
        }
    }
    assert!(failures.is_empty(), "{} of {} CLI cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}
