//! What the desktop app's start-up and its windows need from the library: the first run (a new
//! shop with its owner's PIN in one transaction, or the demo shop), the rule that decides when an
//! empty book gets the demo shop before the window opens, and the change counter a window polls
//! to see what another process (another till, the CLI) committed to the same book.

use std::path::Path;

use crate::error::{Error, Result};
use crate::{demo, shop, signin, Actor, Book, ShopSetup, Timestamp};

/// The environment variable that asks for the demo shop in an empty book (`scripts/try.sh` sets
/// it, so the README's first command opens the app on the demo shop): `1`, `true` or `yes`.
pub const DEMO_ENV: &str = "ONEBOOK_DEMO";

/// Does this start ask for the demo shop ([`DEMO_ENV`])?
pub fn demo_requested() -> bool {
    std::env::var(DEMO_ENV)
        .map(|v| matches!(v.trim().to_ascii_lowercase().as_str(), "1" | "true" | "yes"))
        .unwrap_or(false)
}

/// How the app's book was opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opened {
    /// It has a shop: the window shows the sign-in screen.
    Ready,
    /// It was empty and the demo shop was created in it (products, documents).
    DemoSeeded { products: usize, documents: usize },
    /// It is empty: the window shows the first-run wizard.
    FirstRun,
}

/// Open (creating its folder and file if needed) the book the app works on. An empty book gets
/// the demo shop when `demo` is asked ([`demo_requested`]), else it waits for the first-run wizard.
pub fn open_app_book(path: &Path, demo: bool, now: Timestamp) -> Result<(Book, Opened)> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::Io { path: dir.display().to_string(), detail: e.to_string() })?;
    }
    let mut book = Book::open(path)?;
    let opened = match book.shop() {
        Ok(_) => Opened::Ready,
        Err(Error::NotInitialized) if demo => {
            let (products, documents) = demo::seed(&mut book, now)?;
            Opened::DemoSeeded { products, documents }
        }
        Err(Error::NotInitialized) => Opened::FirstRun,
        Err(e) => return Err(e),
    };
    Ok((book, opened))
}

impl Book {
    /// Has this book no shop yet (the window shows the first-run wizard)?
    pub fn needs_first_run(&self) -> Result<bool> {
        match self.shop() {
            Ok(_) => Ok(false),
            Err(Error::NotInitialized) => Ok(true),
            Err(e) => Err(e),
        }
    }

    /// The first run: the shop ([`Book::init`]'s checks) and its owner's PIN, in one transaction,
    /// so a shop never exists that nobody can sign in to. A PIN of the wrong form is refused
    /// (field `pin`) before anything is written; a book that has a shop refuses
    /// (`already-initialized`).
    pub fn start_shop(&mut self, setup: &ShopSetup, owner_pin: &str, now: Timestamp) -> Result<Actor> {
        let hash = signin::pin_hash(owner_pin)?;
        let tx = crate::db::write_tx(&mut self.conn)?;
        let owner = shop::init_in(&tx, setup, now)?;
        signin::set_pin_in(&tx, &owner, &owner.username, &hash, now)?;
        tx.commit()?;
        Ok(owner)
    }

    /// A number that changes when another connection (another app process, the CLI, the
    /// background sync) commits to this book (SQLite's `data_version`): a window polls it to
    /// refresh what it shows. Commits through this same connection do not change it.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.conn().query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }
}

/// What the till shows after a scan: the sale as it would be with the scanned line
/// ([`Book::quote`]) and the stock of the product scanned ([`Book::stock`]), read together under
/// one lock, so a scan costs the window one round trip.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ScanQuote {
    pub quote: crate::Document,
    pub stock: crate::StockView,
}

impl Book {
    /// The till's scan: `draft` (the sale with the scanned line) quoted, and the stock of `code`.
    /// A refused line is refused as [`Book::quote`] refuses it (nothing is read further).
    pub fn quote_scan(
        &mut self,
        actor: &crate::Actor,
        draft: &crate::DocumentDraft,
        code: &str,
        now: Timestamp,
    ) -> Result<ScanQuote> {
        let quote = self.quote(actor, draft, now)?;
        let stock = self.stock(code)?;
        Ok(ScanQuote { quote, stock })
    }
}
