//! Onebook: one stock pool for wholesale and retail.
//!
//! The library holds every rule; the CLI (`src/bin/onebook.rs`) and the desktop app only parse,
//! call one function of [`Book`], and present. Map of the modules:
//!
//! | module | owns |
//! |---|---|
//! | [`db`] | the SQLite file, durability settings, migrations |
//! | [`shop`] | the shop's settings and this device's identity |
//! | [`people`] | staff, roles, permissions |
//! | [`catalog`] | products, units, barcodes, prices, buyers, the product CSV import |
//! | [`units`] | exact conversion to base units, mixed-unit display |
//! | [`barcode`] | GS1 check digits |
//! | [`money`] | decimals, rounding, VAT per line, moving average cost |
//! | [`stock`] | the movement ledger, balances, the retail reserve and availability |
//! | [`document`] | sales, invoices, returns, receipts, counts: posting and reading back |
//! | [`report`] | the month-end figures |
//! | [`i18n`] | Fluent messages in seven locales |
//! | [`time`] | instants and the shop's calendar months |

pub mod barcode;
pub mod catalog;
pub mod db;
pub mod demo;
pub mod document;
pub mod error;
pub mod i18n;
pub mod ids;
pub mod money;
pub mod people;
pub mod report;
pub mod shop;
pub mod stock;
pub mod time;
pub mod units;

use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use catalog::{Customer, ImportOptions, ImportProgress, ImportReport, Product, ProductInput};
pub use document::{Document, DocumentDraft, Kind};
pub use error::{Error, Result};
pub use i18n::Locale;
pub use people::{Action, Actor, NewUser, Role};
pub use report::MonthReport;
pub use shop::{Device, Shop, ShopSetup};
pub use stock::StockView;
pub use time::Timestamp;

/// The shop's book: one SQLite file holding the catalog, the documents and the stock ledger.
pub struct Book {
    conn: Connection,
    path: PathBuf,
}

impl Book {
    /// Open (creating and migrating if needed) the book at `path`.
    pub fn open(path: impl AsRef<Path>) -> Result<Book> {
        let path = path.as_ref().to_path_buf();
        Ok(Book { conn: db::open(&path)?, path })
    }

    /// Where the desktop app keeps its book; the CLI uses the same file by default.
    pub fn default_path() -> PathBuf {
        if let Some(p) = std::env::var_os("ONEBOOK_DB") {
            return PathBuf::from(p);
        }
        let data = std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
            .unwrap_or_else(|| PathBuf::from("."));
        data.join("app.onebook.desktop").join("onebook.sqlite3")
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Set up a new shop and its first owner.
    pub fn init(&mut self, setup: &ShopSetup, now: Timestamp) -> Result<Actor> {
        shop::init(&mut self.conn, setup, now)
    }

    pub fn shop(&self) -> Result<Shop> {
        shop::load(&self.conn)
    }

    pub fn device(&self) -> Result<Device> {
        shop::device(&self.conn)
    }

    /// The person acting: by user name, or the first owner when none is given.
    pub fn actor(&self, username: Option<&str>) -> Result<Actor> {
        match username {
            Some(u) => people::find_user(&self.conn, u),
            None => people::first_owner(&self.conn),
        }
    }

    pub fn add_user(&mut self, actor: &Actor, user: &NewUser, now: Timestamp) -> Result<Actor> {
        actor.require(Action::ManageUsers)?;
        let tx = db::write_tx(&mut self.conn)?;
        let created = people::insert_user(&tx, user, now)?;
        tx.commit()?;
        Ok(created)
    }

    pub fn add_customer(&mut self, actor: &Actor, customer: &Customer, now: Timestamp) -> Result<()> {
        catalog::add_customer(&mut self.conn, actor, customer, now)
    }

    pub fn upsert_product(&mut self, actor: &Actor, input: ProductInput, now: Timestamp) -> Result<Product> {
        catalog::upsert_product(&mut self.conn, actor, input, now)
    }

    /// Import the product CSV (README, "Product CSV").
    pub fn import_products(
        &mut self,
        actor: &Actor,
        source: impl Read,
        options: ImportOptions,
        progress: &mut dyn FnMut(ImportProgress),
        now: Timestamp,
    ) -> Result<ImportReport> {
        catalog::import_products(&mut self.conn, actor, source, options, progress, now)
    }

    /// Record a document: all of it in one transaction, or nothing.
    pub fn post(&mut self, actor: &Actor, draft: &DocumentDraft, now: Timestamp) -> Result<Document> {
        document::post(&mut self.conn, actor, draft, now)
    }

    /// A committed document by its number.
    pub fn document(&self, doc_no: &str) -> Result<Document> {
        document::load(&self.conn, &self.shop()?, doc_no)
    }

    /// Stock and availability of the product behind a barcode or SKU.
    pub fn stock(&self, code: &str) -> Result<StockView> {
        stock::view(&self.conn, &self.shop()?, code)
    }

    /// The month-end figures for `YYYY-MM`.
    pub fn report_month(&self, actor: &Actor, month: &str) -> Result<MonthReport> {
        report::month(&self.conn, actor, &self.shop()?, month)
    }

    /// Products whose balance differs from the sum of their movements (always empty).
    pub fn invariant_violations(&self) -> Result<Vec<(String, i64, i64)>> {
        stock::invariant_violations(&self.conn)
    }

    /// The raw connection, for tests, benchmarks and read-only tooling.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}
