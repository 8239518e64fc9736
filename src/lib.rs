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
//! | [`buyers`] | wholesale buyers' tier, credit limit, payment terms and due dates |
//! | [`pricing`] | tier and buyer prices with quantity breaks and effective dates |
//! | [`receivables`] | payments, open balances, the credit check, receivables aging |
//! | [`orders`] | express reorder from a past invoice, bulk order upload |
//! | [`open_orders`] | quotes, open wholesale orders reserving stock, their deliveries and cancels |
//! | [`audit`] | the hash-chained, append-only audit trail of sensitive acts |
//! | [`background`] | the till's background work: cloud sync, planned backups |
//! | [`backup`] | checked backups with rotation, restore, the integrity check at open |
//! | [`crypt`] | optional encryption at rest (SQLCipher): the passphrase, encrypt, decrypt, change it |
//! | [`close`] | the period lock (month close) and the daily close of a till (Z report) |
//! | [`devices`] | receipt printers (ESC/POS over TCP, serial, file), the cash drawer, serial scanners |
//! | [`export`] | the month pack: figures and journals as XLSX or CSV, the summary PDF with its chart |
//! | [`desktop`] | the app's start-up: the first run (shop and owner's PIN at once), the demo on request, the change counter |
//! | [`voids`] | lines or open sales cancelled at the till before payment, for the Z report |
//! | [`invoice_pdf`] | the A4 wholesale invoice and credit note as PDF, shaped text in every script |
//! | [`fx`] | daily exchange rates, cash in another currency converted to the shop's |
//! | [`signin`] | staff PINs (argon2id), lock after wrong attempts, the owner's approval by PIN |
//! | [`statement`] | a buyer's statement of account for a period, as data and as a PDF |
//! | [`sync`] | the cloud ledger: this device's log, merging other devices', conflicts; PostgreSQL (feature `cloud`) |

pub mod audit;
pub mod background;
pub mod backup;
pub mod barcode;
pub mod buyers;
pub mod catalog;
pub mod close;
pub mod crypt;
pub mod db;
pub mod demo;
pub mod desktop;
pub mod devices;
pub mod document;
pub mod error;
pub mod export;
pub(crate) mod fonts;
pub mod fx;
pub mod i18n;
pub mod ids;
pub mod invoice_pdf;
mod journal;
pub mod money;
pub mod open_orders;
pub mod orders;
pub mod people;
pub mod pricing;
pub mod product_form;
pub mod receivables;
pub mod report;
pub mod rollups;
pub mod search;
mod sheet;
pub mod shop;
pub mod signin;
pub mod statement;
pub mod stock;
pub mod sync;
pub mod time;
pub mod transfer;
pub mod units;
pub mod voids;
pub mod words;

use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use audit::{AuditEntry, VerifyReport};
pub use backup::{BackupReport, LastBackup, RestoreReport};
pub use buyers::{BuyerAccount, BuyerTerms, Terms};
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
    /// Set by [`Book::checkpoint_in_background`]; stopped when the book is dropped.
    checkpointer: Option<db::Checkpointer>,
    /// The passphrase of an encrypted book (none: a plain book), for every connection it opens.
    key: Option<crypt::Passphrase>,
    /// The catalog in memory, checked against the file's catalog version before each use.
    catalog: catalog::CatalogCache,
    /// Set by [`Book::apply_in_background`]; stopped (after writing out the last sale) when the
    /// book is dropped.
    applier: Option<journal::Applier>,
}

impl Book {
    /// Open (creating and migrating if needed) the book at `path`.
    pub fn open(path: impl AsRef<Path>) -> Result<Book> {
        let path = path.as_ref().to_path_buf();
        Ok(Book {
            conn: db::open(&path)?,
            path,
            checkpointer: None,
            key: None,
            catalog: Default::default(),
            applier: None,
        })
    }

    /// Open the book at `path` with its passphrase when it is encrypted (see [`crypt`]). Without
    /// one an encrypted book is refused (`book-encrypted`), with a wrong one too
    /// (`wrong-passphrase`); a passphrase given for a plain book is not used.
    pub fn open_with_passphrase(path: impl AsRef<Path>, passphrase: Option<&str>) -> Result<Book> {
        let path = path.as_ref().to_path_buf();
        let key = crypt::key_for(&path, passphrase.map(crypt::Passphrase::new).as_ref())?;
        Ok(Book {
            conn: db::open_keyed(&path, key.as_ref())?,
            path,
            checkpointer: None,
            key,
            catalog: Default::default(),
            applier: None,
        })
    }

    /// Is the book at `path` encrypted (so that opening it needs the passphrase)? A missing file
    /// is not. The app asks this before opening, to show the passphrase prompt.
    pub fn is_encrypted(path: impl AsRef<Path>) -> Result<bool> {
        crypt::is_encrypted(path.as_ref())
    }

    /// Another connection to this book, with its passphrase when it has one: for long reads (the
    /// month pack) that must not hold the till's connection while sales go on.
    pub fn reader(&self) -> Result<Book> {
        let conn = db::open_keyed(&self.path, self.key.as_ref())?;
        Ok(Book {
            conn,
            path: self.path.clone(),
            checkpointer: None,
            key: self.key.clone(),
            catalog: Default::default(),
            applier: None,
        })
    }

    /// Is this open book encrypted?
    pub fn encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// Encrypt this plain book under `passphrase`: exported to a new file, checked (opens with
    /// the key, integrity, every row, balance = sum of movements), then swapped in; the plain file
    /// is overwritten. Backups are encrypted from then on. Owner only. Close other tills first.
    pub fn encrypt(&mut self, actor: &Actor, passphrase: &str, now: Timestamp) -> Result<crypt::EncryptionReport> {
        crypt::encrypt(self, actor, passphrase, now)
    }

    /// Re-encrypt this encrypted book under a new passphrase (checked the same way). Owner only.
    pub fn change_passphrase(&mut self, actor: &Actor, new: &str, now: Timestamp) -> Result<crypt::EncryptionReport> {
        crypt::change_passphrase(self, actor, new, now)
    }

    /// Turn this encrypted book back into a plain one (checked the same way). Owner only.
    pub fn decrypt(&mut self, actor: &Actor, now: Timestamp) -> Result<crypt::EncryptionReport> {
        crypt::decrypt(self, actor, now)
    }

    /// For a long-running till: copy the write-ahead log into the database file on a thread of
    /// its own, so no sale's commit ever waits for that copy and its flush to disk (SQLite
    /// otherwise does it inside the commit that fills the log). Stops when the book is dropped.
    pub fn checkpoint_in_background(&mut self) -> Result<()> {
        if self.checkpointer.is_none() {
            self.checkpointer = Some(db::Checkpointer::start(&self.conn, &self.path, self.key.as_ref())?);
        }
        Ok(())
    }

    /// For a till: write each sale's document, movements and running sums out of the sale journal
    /// on a thread of its own, so a sale's call returns once its journal row is durable (see
    /// [`document`]'s sale journal). Without it each sale is written out before its call returns.
    /// Stops, after writing out the last sale, when the book is dropped.
    pub fn apply_in_background(&mut self) -> Result<()> {
        if self.applier.is_none() {
            self.applier = Some(journal::Applier::start(&self.path, self.key.as_ref())?);
            // The applier's commit after each sale makes this connection drop its page cache and
            // its memory map of the file (SQLite does both when another connection has written):
            // unmapping and mapping the file again, then faulting its pages back in, cost a sale
            // about 30 µs, more than reading the few pages it needs with read() (measured with
            // the ledger bench's book).
            self.conn.execute_batch("PRAGMA mmap_size = 0")?;
        }
        Ok(())
    }

    /// Wait until every sale acknowledged so far is written out in the ledger (with
    /// [`Book::apply_in_background`] this is a moment after each sale; without, always).
    pub fn written_out(&self) -> Result<()> {
        if let Some(a) = &self.applier {
            a.wait_idle();
        }
        document::settle_pending_with(&self.conn, Some(&self.catalog), document::Flush::Later)?;
        Ok(())
    }

    /// The book's connection for a read: acknowledged sales still in the journal are written out
    /// first (nothing reads a ledger without them). Should that fail, the read goes on and the
    /// next write reports why.
    fn conn(&self) -> &Connection {
        // This book's applier is waited for here (a scan right after a sale), not in SQLite's sleeps.
        self.applier_idle();
        let _ = document::settle_pending_with(&self.conn, Some(&self.catalog), document::Flush::Later);
        &self.conn
    }

    /// Before a sale: the applier done with the one before (waited for here, to the microsecond,
    /// rather than in SQLite's busy wait, which sleeps a millisecond or more at a time).
    fn applier_idle(&self) {
        if let Some(a) = &self.applier {
            a.wait_idle();
        }
    }

    /// After a sale: its writing out, on the applier or here.
    fn write_out(&self) {
        match &self.applier {
            Some(a) => a.wake(),
            None => {
                let _ = document::settle_pending_with(&self.conn, Some(&self.catalog), document::Flush::Later);
            }
        }
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

    // The shop, this device and the staff are never changed by writing sales out of the journal:
    // read without looking at it (they are read inside reads that already did).
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
        sync::log_user(&tx, &created.user_id, now)?;
        let device = shop::device(&tx)?;
        let after = serde_json::json!({ "username": created.username, "role": created.role.as_str(),
                                        "locale": created.locale.tag() });
        let entry = audit::NewEntry {
            action: audit::acts::USER_ADD,
            subject: created.username.clone(),
            after: Some(after),
            ..Default::default()
        };
        audit::record(&tx, actor, &device.device_id, now, entry)?;
        tx.commit()?;
        Ok(created)
    }

    /// Take a backup into `dir` (see [`backup::default_dir`]), check that it opens and passes
    /// `PRAGMA integrity_check`, and rotate the folder (7 daily, 4 weekly, 12 monthly). Owner only.
    pub fn backup(&mut self, actor: &Actor, dir: &Path, now: Timestamp) -> Result<BackupReport> {
        backup::backup(&mut self.conn, self.key.as_ref(), actor, dir, now)
    }

    /// "Back up now": into the plan's folder when a plan is set, else the `backups` folder beside
    /// the book ([`backup::default_dir`]). The app's button and `onebook backup` without `--to`.
    pub fn backup_now(&mut self, actor: &Actor, now: Timestamp) -> Result<BackupReport> {
        let dir = match backup::plan(self.conn())? {
            Some(plan) => PathBuf::from(plan.folder),
            None => backup::default_dir(&self.path),
        };
        self.backup(actor, &dir, now)
    }

    /// Back this till up into `folder` every `every_hours` hours while it works and at each daily
    /// close (the app and `onebook backup due` call [`Book::backup_if_due`]). Owner only.
    pub fn set_backup_plan(
        &mut self,
        actor: &Actor,
        folder: &Path,
        every_hours: i64,
        now: Timestamp,
    ) -> Result<backup::BackupPlan> {
        backup::set_plan(&mut self.conn, actor, folder, every_hours, now)
    }

    /// Take the planned backup if one is due; `None` when not due or no plan is set.
    pub fn backup_if_due(&mut self, now: Timestamp) -> Result<Option<BackupReport>> {
        backup::backup_if_due(&mut self.conn, self.key.as_ref(), now, false)
    }

    /// The last good backup, its age, the plan, and what needs the owner (stale, folder missing).
    pub fn backup_status(&self, now: Timestamp) -> Result<backup::BackupStatus> {
        backup::status(self.conn(), now)
    }

    /// The last good backup taken of this book, and whether its file is still there.
    pub fn last_backup(&self) -> Result<Option<LastBackup>> {
        backup::last_backup(self.conn())
    }

    /// Replace the book at `db_path` with the backup `from` (which must be a sound Onebook book;
    /// the current file is kept aside, renamed with a timestamp). `username` acts (default: the
    /// first owner) and must be allowed to restore. Works when the current file is damaged and
    /// cannot be opened. Open the book again afterwards.
    pub fn restore(db_path: &Path, from: &Path, username: Option<&str>, now: Timestamp) -> Result<RestoreReport> {
        backup::restore(db_path, from, username, None, now)
    }

    /// [`Book::restore`] with the passphrase of an encrypted backup (and of the current book, when
    /// that one is encrypted too). The restored book keeps the backup's encryption.
    pub fn restore_with_passphrase(
        db_path: &Path,
        from: &Path,
        username: Option<&str>,
        passphrase: Option<&str>,
        now: Timestamp,
    ) -> Result<RestoreReport> {
        backup::restore(db_path, from, username, passphrase.map(crypt::Passphrase::new).as_ref(), now)
    }

    /// Every audit entry, oldest first (owner and accountant).
    pub fn audit_list(&self, actor: &Actor) -> Result<Vec<AuditEntry>> {
        actor.require(Action::ViewAudit)?;
        audit::list(self.conn())
    }

    /// Recompute the audit trail's hash chain and name the first entry that does not fit.
    pub fn audit_verify(&self, actor: &Actor) -> Result<VerifyReport> {
        actor.require(Action::ViewAudit)?;
        audit::verify(self.conn())
    }

    pub fn add_customer(&mut self, actor: &Actor, customer: &Customer, now: Timestamp) -> Result<()> {
        catalog::add_customer(&mut self.conn, actor, customer, now)
    }

    pub fn upsert_product(&mut self, actor: &Actor, input: ProductInput, now: Timestamp) -> Result<Product> {
        catalog::upsert_product(&mut self.conn, actor, input, now)
    }

    /// The product behind a SKU or barcode as the edit screen shows it (every field as text).
    pub fn product_form(&self, code: &str) -> Result<product_form::ProductForm> {
        product_form::load(self.conn(), code)
    }

    /// Save the edit screen's product (owner): one transaction; an error names the field at fault.
    pub fn save_product_form(
        &mut self,
        actor: &Actor,
        form: &product_form::ProductForm,
        now: Timestamp,
    ) -> Result<product_form::ProductForm> {
        product_form::save(&mut self.conn, actor, form, now)
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
        self.post_with(actor, draft, &document::PostOptions::default(), now)
    }

    /// What `post` would record, by the same rules, prices and stock checks, without recording it
    /// (nothing is written; the number shown is the one the next document would take).
    pub fn quote(&mut self, actor: &Actor, draft: &DocumentDraft, now: Timestamp) -> Result<Document> {
        self.applier_idle();
        document::quote(&mut self.conn, &self.catalog, actor, draft, now)
    }

    /// A committed document by its number.
    pub fn document(&self, doc_no: &str) -> Result<Document> {
        document::load(self.conn(), &self.shop()?, doc_no)
    }

    /// Stock and availability of the product behind a barcode or SKU.
    pub fn stock(&self, code: &str) -> Result<StockView> {
        stock::view_cached(self.conn(), &self.catalog, code)
    }

    /// Add a wholesale buyer with its tier, credit limit and payment terms (owner).
    pub fn add_buyer(
        &mut self,
        actor: &Actor,
        customer: &Customer,
        terms: &BuyerTerms,
        now: Timestamp,
    ) -> Result<BuyerAccount> {
        buyers::add_buyer(&mut self.conn, actor, customer, terms, now)
    }

    /// Every wholesale buyer with its tier, credit limit and terms, by code (who may invoice).
    pub fn buyers(&self, actor: &Actor) -> Result<Vec<BuyerAccount>> {
        let tx = self.conn().unchecked_transaction()?;
        let list = buyers::list(&tx, actor, &shop::load(&tx)?);
        tx.finish()?;
        list
    }

    /// Change a buyer's tier, credit limit or payment terms (owner).
    pub fn set_buyer_terms(&mut self, actor: &Actor, code: &str, terms: &BuyerTerms) -> Result<BuyerAccount> {
        buyers::set_terms(&mut self.conn, actor, code, terms)
    }

    /// Record a tier or buyer wholesale price, effective from a date (owner). History is kept.
    pub fn set_price(
        &mut self,
        actor: &Actor,
        rule: &pricing::PriceRuleInput,
        now: Timestamp,
    ) -> Result<pricing::PriceRule> {
        pricing::set_price(&mut self.conn, actor, rule, now)
    }

    /// Every tier and buyer price recorded for a product, oldest first.
    pub fn price_history(&self, code: &str) -> Result<Vec<pricing::PriceRule>> {
        pricing::history(self.conn(), code)
    }

    /// The price a buyer pays for `qty` of a product in a unit at an instant, and why.
    pub fn quote_price(
        &self,
        buyer: &str,
        code: &str,
        unit: Option<&str>,
        qty: rust_decimal::Decimal,
        at: Timestamp,
    ) -> Result<pricing::Quote> {
        pricing::quote(self.conn(), &self.shop()?, buyer, code, unit, qty, at)
    }

    /// Record a document with the owner's posting decisions (a credit override with its reason).
    pub fn post_with(
        &mut self,
        actor: &Actor,
        draft: &DocumentDraft,
        options: &document::PostOptions,
        now: Timestamp,
    ) -> Result<Document> {
        self.applier_idle();
        let doc = document::post_with(&mut self.conn, &self.catalog, actor, draft, options, now)?;
        self.write_out();
        Ok(doc)
    }

    /// Record a buyer's payment and apply it to invoices (owner or accountant).
    pub fn record_payment(
        &mut self,
        actor: &Actor,
        payment: &receivables::PaymentInput,
        now: Timestamp,
    ) -> Result<receivables::PaymentRecord> {
        receivables::record_payment(&mut self.conn, actor, payment, now)
    }

    /// The receivables aging table at an instant (`None`: now).
    pub fn aging(&self, actor: &Actor, at: Timestamp) -> Result<receivables::AgingTable> {
        receivables::aging(self.conn(), actor, &self.shop()?, at)
    }

    /// The aging table as of a date given by a person (`2026-12-31`: the end of that day), or now.
    pub fn aging_as_of(&self, actor: &Actor, at: Option<&str>, now: Timestamp) -> Result<receivables::AgingTable> {
        let shop = self.shop()?;
        let at = at.map(|t| receivables::parse_as_of(t, &shop)).transpose()?.unwrap_or(now);
        receivables::aging(self.conn(), actor, &shop, at)
    }

    /// A buyer's terms, balance, credit and open invoices now.
    pub fn buyer_balance(&self, actor: &Actor, code: &str, now: Timestamp) -> Result<receivables::BuyerBalance> {
        actor.require(Action::ViewReports)?;
        receivables::balance(self.conn(), &self.shop()?, code, now)
    }

    /// A new invoice draft with the lines of a past invoice at today's prices, and what changed.
    pub fn reorder(&self, actor: &Actor, invoice: &str, now: Timestamp) -> Result<orders::Reorder> {
        orders::reorder(self.conn(), actor, &self.shop()?, invoice, now)
    }

    /// An invoice draft from a buyer's order sheet (CSV, an Excel workbook's first sheet, or lines
    /// pasted from a spreadsheet), or every bad line of it.
    pub fn upload_order(
        &self,
        actor: &Actor,
        buyer: &str,
        source: impl Read,
        now: Timestamp,
    ) -> Result<orders::OrderUpload> {
        orders::upload(self.conn(), actor, &self.shop()?, buyer, source, actor.locale, now)
    }

    /// Save a quote for a buyer at the buyer's prices of today; it reserves nothing (owner).
    pub fn save_quote(
        &mut self,
        actor: &Actor,
        draft: &open_orders::OrderDraft,
        now: Timestamp,
    ) -> Result<open_orders::Order> {
        open_orders::save(&mut self.conn, actor, draft, "quote", now)
    }

    /// Accept a quote: an order at the quote's prices, reserving its stock (owner).
    pub fn accept_quote(&mut self, actor: &Actor, quote: &str, now: Timestamp) -> Result<open_orders::Order> {
        open_orders::accept(&mut self.conn, actor, quote, now)
    }

    /// Place an order from a draft at today's prices; it reserves its stock until delivered (owner).
    pub fn place_order(
        &mut self,
        actor: &Actor,
        draft: &open_orders::OrderDraft,
        now: Timestamp,
    ) -> Result<open_orders::Order> {
        open_orders::save(&mut self.conn, actor, draft, "order", now)
    }

    /// Place an order from a buyer's order sheet (CSV), or list every bad line and place nothing.
    pub fn place_uploaded_order(
        &mut self,
        actor: &Actor,
        buyer: &str,
        source: impl Read,
        now: Timestamp,
    ) -> Result<open_orders::Order> {
        open_orders::place_upload(&mut self.conn, actor, buyer, source, now)
    }

    /// Deliver an open order (all that is left, or the given lines): its invoice, and the order
    /// released by exactly what was delivered, in one transaction.
    pub fn deliver_order(
        &mut self,
        actor: &Actor,
        order: &str,
        lines: &[open_orders::DeliverLine],
        options: &document::PostOptions,
        now: Timestamp,
    ) -> Result<open_orders::Delivery> {
        open_orders::deliver(&mut self.conn, actor, order, lines, options, now)
    }

    /// Cancel what is left of an open order, with the reason (owner).
    pub fn cancel_order(
        &mut self,
        actor: &Actor,
        order: &str,
        reason: &str,
        now: Timestamp,
    ) -> Result<open_orders::Order> {
        open_orders::cancel(&mut self.conn, actor, order, reason, now)
    }

    /// A quote or order by number, with its lines, deliveries and cancels.
    pub fn order(&self, doc_no: &str, now: Timestamp) -> Result<open_orders::Order> {
        open_orders::load(self.conn(), &self.shop()?, doc_no, "order", now)
    }

    /// Quotes and orders, newest first (only open orders with `open_only`; one buyer's with `buyer`).
    pub fn orders(&self, open_only: bool, buyer: Option<&str>, now: Timestamp) -> Result<Vec<open_orders::Order>> {
        open_orders::list(self.conn(), &self.shop()?, open_only, buyer, now)
    }

    /// The month-end figures for `YYYY-MM`.
    pub fn report_month(&self, actor: &Actor, month: &str) -> Result<MonthReport> {
        report::month(self.conn(), actor, &self.shop()?, month)
    }

    /// The month report recomputed from the ledger's lines and movements instead of the running
    /// sums kept with each document: the same figures, slower. For checking.
    pub fn report_month_from_ledger(&self, actor: &Actor, month: &str) -> Result<MonthReport> {
        report::month_from_ledger(self.conn(), actor, &self.shop()?, month)
    }

    /// Running sums (crate::rollups) that differ from a rebuild from the ledger (always empty).
    pub fn rollup_disagreements(&mut self) -> Result<Vec<(Option<String>, Option<String>)>> {
        rollups::disagreements(&mut self.conn)
    }

    /// Close the books through a month (`YYYY-MM`, owner only): no document may be dated into it
    /// or any earlier month afterwards. Recorded in the audit trail.
    pub fn close_month(&mut self, actor: &Actor, month: &str, now: Timestamp) -> Result<close::PeriodClose> {
        close::close_month(&mut self.conn, actor, month, now)
    }

    /// The month the books are closed through, if any.
    pub fn closed_through(&self) -> Result<Option<String>> {
        close::closed_through(self.conn())
    }

    /// Close a till's business day: the Z report, kept as a numbered document (cashier or owner).
    pub fn close_day(&mut self, actor: &Actor, input: &close::DayCloseInput, now: Timestamp) -> Result<close::ZReport> {
        let mut z = close::close_day(&mut self.conn, actor, input, now)?;
        // The daily close is also a backup point, when the till has a backup plan.
        match backup::backup_if_due(&mut self.conn, self.key.as_ref(), now, true) {
            Ok(Some(r)) => z.backup = Some(r.path),
            Ok(None) => {}
            Err(e) => z.backup_error = Some(e.message(actor.locale)),
        }
        Ok(z)
    }

    /// Record a void: a line or the whole open sale cancelled at this till before payment, with
    /// the reason. One transaction; no stock moves; the day's Z report counts it.
    pub fn void(&mut self, actor: &Actor, draft: &voids::VoidDraft, now: Timestamp) -> Result<voids::Void> {
        voids::record(&mut self.conn, actor, draft, now)
    }

    /// A past Z report by its number (`Z-A-000001`).
    pub fn day_close(&self, actor: &Actor, doc_no: &str) -> Result<close::ZReport> {
        close::show(self.conn(), actor, doc_no)
    }

    /// Export the month pack of `YYYY-MM` (every month-end figure, the sales and returns journals,
    /// goods receipts, stock valuation and receivables aging) as XLSX or CSV to `out`, with
    /// headers in `locale`. Reads one snapshot of the ledger and never takes the write lock.
    pub fn export_month(
        &self,
        actor: &Actor,
        month: &str,
        format: export::ExportFormat,
        out: &Path,
        locale: Locale,
        progress: &mut dyn FnMut(export::ExportProgress),
    ) -> Result<export::ExportReport> {
        export::month_pack(self.conn(), actor, &self.shop()?, month, format, out, locale, progress)
    }

    /// Export the month pack into `exports/` beside the book (made when missing), as the app's
    /// month view does: `onebook-YYYY-MM.xlsx` or `.pdf`, or the folder `onebook-YYYY-MM` of CSV
    /// files. The format is `xlsx`, `csv` or `pdf`.
    pub fn export_month_beside(
        &self,
        actor: &Actor,
        month: &str,
        format: &str,
        locale: Locale,
        progress: &mut dyn FnMut(export::ExportProgress),
    ) -> Result<export::ExportReport> {
        let format = export::ExportFormat::parse(format)?;
        let dir = self.path.parent().map(|p| p.join("exports")).unwrap_or_else(|| PathBuf::from("exports"));
        std::fs::create_dir_all(&dir)
            .map_err(|e| Error::Io { path: dir.display().to_string(), detail: e.to_string() })?;
        let name = match format {
            export::ExportFormat::Xlsx => format!("onebook-{month}.xlsx"),
            export::ExportFormat::Csv => format!("onebook-{month}"),
            export::ExportFormat::Pdf => format!("onebook-{month}.pdf"),
        };
        self.export_month(actor, month, format, &dir.join(name), locale, progress)
    }

    /// Set a user's PIN (4-12 digits) or password (8-64 characters): one's own, or anyone's by
    /// whoever manages users. Only its argon2id hash is kept.
    pub fn set_pin(&mut self, actor: &Actor, username: &str, pin: &str, now: Timestamp) -> Result<()> {
        signin::set_pin(&mut self.conn, actor, username, pin, now)
    }

    /// Sign `username` in with their PIN; five wrong ones in a row lock them out for five minutes.
    pub fn sign_in(&mut self, username: &str, pin: &str, now: Timestamp) -> Result<Actor> {
        signin::sign_in(&mut self.conn, username, pin, now)
    }

    /// Who may sign in at this till (owners first), and whether each has a PIN yet.
    pub fn sign_in_users(&self) -> Result<Vec<signin::SignInUser>> {
        signin::users(self.conn())
    }

    /// Unlock the till `locked` left locked: their own PIN, or an owner's. Returns who now works.
    pub fn unlock(&mut self, locked: &Actor, username: &str, pin: &str, now: Timestamp) -> Result<Actor> {
        signin::unlock(&mut self.conn, locked, username, pin, now)
    }

    /// Minutes without input before this till locks back to the sign-in screen (0: never; default 5).
    pub fn lock_after_minutes(&self) -> Result<i64> {
        signin::lock_after_minutes(self.conn())
    }

    /// Set this till's inactivity lock (0 to 240 minutes); whoever manages users. Audited.
    pub fn set_lock_after_minutes(&mut self, actor: &Actor, minutes: i64, now: Timestamp) -> Result<()> {
        signin::set_lock_after_minutes(&mut self.conn, actor, minutes, now)
    }

    /// The audit entries matching `filter` (act, user, local days), newest first (owner and accountant).
    pub fn audit_search(&self, actor: &Actor, filter: &audit::AuditFilter) -> Result<Vec<AuditEntry>> {
        actor.require(Action::ViewAudit)?;
        audit::search(self.conn(), filter)
    }

    /// The demo shop's users whose PIN is still the demo's (the sign-in screen shows them).
    pub fn demo_pins(&self) -> Result<Vec<(String, String)>> {
        demo::pins_still_set(self.conn())
    }

    /// `approver`'s PIN, typed now, approves one act `action` that `asking` may not do; returns
    /// the approver, as whom the act is then done. Recorded in the audit trail.
    pub fn approve(
        &mut self,
        asking: &Actor,
        approver: &str,
        pin: &str,
        action: Action,
        now: Timestamp,
    ) -> Result<Actor> {
        signin::approve(&mut self.conn, asking, approver, pin, action, now)
    }

    /// Record the rate of a foreign currency (shop currency units for one unit of it) from a local
    /// day (default today), for cash paid in that currency. Owner only.
    pub fn set_rate(
        &mut self,
        actor: &Actor,
        currency: &str,
        rate: rust_decimal::Decimal,
        day: Option<&str>,
        now: Timestamp,
    ) -> Result<fx::Rate> {
        fx::set_rate(&mut self.conn, actor, currency, rate, day, now)
    }

    /// Every exchange rate recorded.
    pub fn rates(&self) -> Result<Vec<fx::Rate>> {
        fx::rates(self.conn())
    }

    /// Buyer `code`'s statement of account from local day `from` to `to` (both `YYYY-MM-DD`,
    /// included): balance brought forward, invoices, credit notes and payments with the running
    /// balance, balance carried forward and what is overdue.
    pub fn buyer_statement(&self, actor: &Actor, code: &str, from: &str, to: &str) -> Result<statement::Statement> {
        statement::statement(self.conn(), actor, &self.shop()?, code, from, to)
    }

    /// The statement as an A4 PDF, in `locale` or else the buyer's language.
    pub fn buyer_statement_pdf(
        &self,
        actor: &Actor,
        code: &str,
        from: &str,
        to: &str,
        locale: Option<Locale>,
    ) -> Result<Vec<u8>> {
        let shop = self.shop()?;
        let s = statement::statement(self.conn(), actor, &shop, code, from, to)?;
        statement::render(&shop, &s, locale)
    }

    /// Where this device replicates to, what it has not pushed yet, the last sync and its error,
    /// and how many merge conflicts are still open.
    pub fn sync_status(&self) -> Result<sync::SyncStatus> {
        sync::status(self.conn())
    }

    /// The conflicts merging found (oversold stock with the sales of every device involved, a
    /// return received twice, a catalog row created on two devices). Owner only.
    pub fn sync_conflicts(&self, actor: &Actor) -> Result<Vec<sync::Conflict>> {
        actor.require(Action::ManageSync)?;
        sync::conflicts(self.conn())
    }

    /// Give a till (by series prefix or device id) a quota of `qty` base units of `sku` that it
    /// may sell while offline; the other tills hold it back. 0 takes it away. Owner only.
    pub fn set_quota(
        &mut self,
        actor: &Actor,
        till: &str,
        sku: &str,
        qty: rust_decimal::Decimal,
        now: Timestamp,
    ) -> Result<sync::quota::Quota> {
        sync::quota::set(&mut self.conn, actor, till, sku, qty, now)
    }

    /// Every till's quotas and what each has used.
    pub fn quotas(&self) -> Result<Vec<sync::quota::Quota>> {
        sync::quota::list(self.conn())
    }

    /// This device's log entries after `after`, oldest first (what a push sends; also for moving
    /// entries by another transport).
    pub fn sync_outbox(&self, after: i64, limit: i64) -> Result<Vec<sync::Entry>> {
        sync::outbox(self.conn(), after, limit)
    }

    /// Merge entries of another device's log (they must continue from this device's cursor for
    /// it; entries already merged are skipped). Returns how many were applied.
    pub fn sync_merge(&mut self, origin: &str, entries: &[sync::Entry], now: Timestamp) -> Result<usize> {
        sync::apply_batch(&mut self.conn, origin, entries, now)
    }

    /// Register this device with tenant `tenant` on the PostgreSQL server at `admin_url` (an
    /// account that may create roles, used once and never stored). Owner only.
    #[cfg(feature = "cloud")]
    pub fn sync_register(
        &mut self,
        actor: &Actor,
        admin_url: &str,
        tenant: &str,
        now: Timestamp,
    ) -> Result<sync::cloud::Registration> {
        sync::cloud::register(&mut self.conn, actor, admin_url, tenant, now)
    }

    /// One round of sync: push this device's log, pull and merge the others'.
    #[cfg(feature = "cloud")]
    pub fn sync_once(&mut self, actor: &Actor, now: Timestamp) -> Result<sync::cloud::SyncReport> {
        sync::require_sync(actor)?;
        sync::cloud::once(&mut self.conn, now)
    }

    /// Resolve an oversold conflict with a count: `counted` (a number as typed) base units of its
    /// product found on the shelf, posted as a count document (which replicates like any other).
    /// Owner only.
    pub fn resolve_conflict_with_count(
        &mut self,
        actor: &Actor,
        conflict_id: i64,
        counted: &str,
        now: Timestamp,
    ) -> Result<Document> {
        actor.require(Action::ManageSync)?;
        let draft = sync::resolve::count_draft(self.conn(), conflict_id, counted)?;
        self.post(actor, &draft, now)
    }

    /// Re-base a till restored from a backup on the cloud's copy of its own log: the documents it
    /// made after the backup come back from the cloud, those made since the restore get the next
    /// numbers past them, and the push goes on from the cloud's head. One transaction; owner only,
    /// audited.
    #[cfg(feature = "cloud")]
    pub fn rebase_on_cloud(&mut self, actor: &Actor, now: Timestamp) -> Result<sync::rebase::Rebase> {
        sync::rebase::rebase(&mut self.conn, actor, now)
    }

    /// Keep this device in sync until `stop` is set (the app's background thread, `onebook sync
    /// run`): pushes within a moment of each commit, pulls on NOTIFY, backs off while offline.
    #[cfg(feature = "cloud")]
    pub fn sync_run(
        &mut self,
        actor: &Actor,
        stop: &std::sync::atomic::AtomicBool,
        options: &sync::cloud::RunOptions,
        on_event: impl FnMut(&sync::cloud::RunEvent),
    ) -> Result<()> {
        sync::require_sync(actor)?;
        sync::cloud::run(&mut self.conn, stop, options, on_event)
    }

    /// The month summary as an A4 PDF in `locale`: every figure of the month report per channel
    /// and in total, a bar chart of daily sales by channel, VAT by rate, the top slow movers.
    pub fn month_pdf(&self, actor: &Actor, month: &str, locale: Locale) -> Result<Vec<u8>> {
        export::pdf::month_summary(self.conn(), actor, &self.shop()?, month, locale)
    }

    /// Gross sales (excluding VAT) per local day of the month and channel, as the summary's chart
    /// draws them; they add up to the month report's gross sales.
    pub fn daily_sales(&self, actor: &Actor, month: &str) -> Result<Vec<export::pdf::DaySales>> {
        export::pdf::daily_sales(self.conn(), actor, &self.shop()?, month)
    }

    /// Products whose balance differs from the sum of their movements (always empty).
    pub fn invariant_violations(&self) -> Result<Vec<(String, i64, i64)>> {
        stock::invariant_violations(self.conn())
    }

    /// The raw connection, for tests, benchmarks and read-only tooling.
    pub fn connection(&self) -> &Connection {
        self.conn()
    }
}
