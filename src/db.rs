//! The SQLite file: opening it with the durability settings a till needs, and its migrations.
//!
//! Migrations are the numbered files of `migrations/`, embedded in the binary. Each is applied in
//! one transaction together with the bump of `PRAGMA user_version`, so a crash leaves the schema
//! either before or after a migration, never half-recorded. A database made by a newer Onebook is
//! refused rather than opened.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::error::{Error, Result};

/// The embedded migrations, in order. Only ever append to this list.
const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("../migrations/0001_ledger.sql")),
    (2, include_str!("../migrations/0002_buyers.sql")),
    (3, include_str!("../migrations/0003_audit.sql")),
    (4, include_str!("../migrations/0004_rollups.sql")),
    (5, include_str!("../migrations/0005_close.sql")),
    (6, include_str!("../migrations/0006_sync.sql")),
    (7, include_str!("../migrations/0007_voids.sql")),
    (8, include_str!("../migrations/0008_fx.sql")),
    (9, include_str!("../migrations/0009_signin.sql")),
    (10, include_str!("../migrations/0010_backup_plan.sql")),
    (11, include_str!("../migrations/0011_orders.sql")),
    (12, include_str!("../migrations/0012_speed.sql")),
    (14, include_str!("../migrations/0014_till_lock.sql")),
    (15, include_str!("../migrations/0015_station.sql")),
    (16, include_str!("../migrations/0016_product_months.sql")),
    (17, include_str!("../migrations/0017_sync_rebase.sql")),
    (18, include_str!("../migrations/0018_transfers.sql")),
    (19, include_str!("../migrations/0019_catalog_version.sql")),
    (20, include_str!("../migrations/0020_catalog_changes.sql")),
    (21, include_str!("../migrations/0021_value_in_time_order.sql")),
    (22, include_str!("../migrations/0022_month_ends.sql")),
    (23, include_str!("../migrations/0023_sale_journal.sql")),
];

/// The schema version this build writes and understands.
pub const SCHEMA_VERSION: i64 = MIGRATIONS[MIGRATIONS.len() - 1].0;

/// Marks the file as Onebook's (`PRAGMA application_id`), so a foreign SQLite file is refused.
pub const APPLICATION_ID: i32 = 0x4F42_4B31; // "OBK1"

/// How long a till waits for another till's write transaction before reporting `Busy`.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// What a front end says while a book made by an earlier version is upgraded: (from, to).
type UpgradeNotice = Box<dyn Fn(i64, i64) + Send + Sync>;
static UPGRADE_NOTICE: std::sync::OnceLock<UpgradeNotice> = std::sync::OnceLock::new();

/// Have `notice(from, to)` called when a book of an earlier schema version is about to be
/// upgraded to this build's: its migrations run as it is opened, and on a book of millions of
/// lines rebuilding the running sums takes a minute or more, so the person waiting is told why.
/// One per process (the front end's); later calls change nothing.
pub fn on_upgrade(notice: impl Fn(i64, i64) + Send + Sync + 'static) {
    let _ = UPGRADE_NOTICE.set(Box::new(notice));
}

/// Open (creating if needed) and migrate the database at `path`.
pub fn open(path: &Path) -> Result<Connection> {
    open_keyed(path, None)
}

/// [`open`] with the passphrase of an encrypted book (see [`crate::crypt`]): the key is given
/// first thing, before any read. An encrypted file without one is refused (`book-encrypted`);
/// a passphrase given for a plain file is not used.
pub fn open_keyed(path: &Path, passphrase: Option<&crate::crypt::Passphrase>) -> Result<Connection> {
    if let Some(parent) = path.parent() {
        if !parent.as_os_str().is_empty() && !parent.exists() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::Io { path: parent.display().to_string(), detail: e.to_string() })?;
        }
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let key = crate::crypt::key_for(path, passphrase)?;
    let mut conn = Connection::open_with_flags(path, flags)?;
    crate::crypt::unlock(&conn, path, key.as_ref())?;
    // Never a silent start on a broken file: a damaged one is refused, naming the last good backup.
    crate::backup::check_on_open(&conn, path)?;
    configure(&conn)?;
    if key.is_some() {
        // No memory map on an encrypted book: pages must pass through SQLCipher, and a file it
        // writes through a map (VACUUM INTO, an export) gets a zero salt.
        conn.execute_batch("PRAGMA mmap_size = 0;")?;
    }
    migrate(&mut conn)?;
    // Sales acknowledged just before a crash are written out before anyone reads. One that
    // cannot be does not keep the book shut (it can still be read, printed from and backed up):
    // it stays in the journal, and every write transaction reports why (`write_tx`).
    let _ = crate::document::settle_pending(&conn);
    Ok(conn)
}

/// Durability first: WAL so readers never block the till, `synchronous=FULL` so an acknowledged
/// sale survives a power cut, foreign keys enforced.
fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // A file that is not SQLite at all fails here, on the first read of its header.
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") && !mode.eq_ignore_ascii_case("memory") {
        return Err(Error::Storage { detail: format!("cannot switch to WAL (journal mode {mode})") });
    }
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;")?;
    // Reads through a memory map instead of a read() per page, and a 64 MB page cache: a scan at
    // the till or a month report touches indexes spread over a multi-GB ledger.
    conn.execute_batch("PRAGMA mmap_size = 2147483648; PRAGMA cache_size = -65536;")?;
    // A sale uses about 20 statements: with rusqlite's default cache of 16 every one of them
    // would be compiled again on every sale (measured by benches/ledger.rs).
    conn.set_prepared_statement_cache_capacity(128);
    // Keep one plan per statement: with STAT4 SQLite otherwise re-plans a cached statement for
    // new parameter values, and rusqlite's cache then recompiles it on nearly every use.
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    Ok(())
}

fn migrate(conn: &mut Connection) -> Result<()> {
    // Take the write lock first, so two processes opening a new file at once migrate it once.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let app_id: i32 = tx.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if version > SCHEMA_VERSION {
        return Err(Error::DatabaseTooNew { found: version, supported: SCHEMA_VERSION });
    }
    if version == 0 {
        let tables: i64 = tx.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        if tables > 0 {
            return Err(Error::NotAnOnebookDatabase { detail: "it holds tables of another program".into() });
        }
        tx.execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID}"))?;
    } else if app_id != APPLICATION_ID {
        return Err(Error::NotAnOnebookDatabase { detail: format!("application id {app_id:#x}") });
    }
    if version > 0 && version < SCHEMA_VERSION {
        if let Some(notice) = UPGRADE_NOTICE.get() {
            notice(version, SCHEMA_VERSION);
        }
    }
    for (number, sql) in MIGRATIONS.iter().filter(|(n, _)| *n > version) {
        tx.execute_batch(sql).map_err(|e| Error::Storage { detail: format!("migration {number}: {e}") })?;
        if *number == 4 {
            // The running sums start from the ledger already in the file.
            crate::rollups::rebuild(&tx)?;
        }
        if *number == 16 {
            // Each product's month rows start from the ledger already in the file.
            crate::rollups::rebuild_product_months(&tx)?;
        }
        if *number == 18 {
            crate::transfer::allow_transfer_documents(&tx)?;
        }
        if *number == 21 {
            // The inventory value's running sums, in time order, from the ledger already in the file.
            crate::rollups::rebuild(&tx)?;
        }
        if *number == 22 {
            // Each product's stock at the month ends already in the ledger.
            crate::rollups::rebuild_month_ends(&tx)?;
        }
        // Recorded inside the same transaction as the migration itself.
        tx.execute_batch(&format!("PRAGMA user_version = {number}"))?;
    }
    tx.commit()?;
    Ok(())
}

/// Begin the write transaction of one change of stock or money. `IMMEDIATE` takes the write
/// lock up front, so checks made inside it (stock, numbering) cannot be overtaken by another till.
/// Sales still waiting in the journal are written out first, so every write sees them.
pub(crate) fn write_tx(conn: &mut Connection) -> Result<rusqlite::Transaction<'_>> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    crate::document::settle(&tx, None)?;
    Ok(tx)
}

/// A thread with its own connection that checkpoints the WAL (PASSIVE: never blocks a writer)
/// a few times a second, while the book's own connection stops checkpointing in its commits.
pub(crate) struct Checkpointer {
    stop: Option<std::sync::mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Checkpointer {
    const EVERY: Duration = Duration::from_millis(250);

    pub(crate) fn start(
        book: &Connection,
        path: &Path,
        key: Option<&crate::crypt::Passphrase>,
    ) -> Result<Checkpointer> {
        let conn =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        crate::crypt::unlock(&conn, path, key)?;
        conn.busy_timeout(Duration::from_millis(50))?;
        conn.execute_batch("PRAGMA synchronous = FULL;")?;
        let (stop, stopped) = std::sync::mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("onebook-checkpoint".into())
            .spawn(move || {
                while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(Self::EVERY) {
                    // Busy (a reader on an old snapshot, another checkpoint): the next round does it.
                    let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
                }
            })
            .map_err(|e| Error::Storage { detail: format!("cannot start the checkpoint thread: {e}") })?;
        book.execute_batch("PRAGMA wal_autocheckpoint = 0;")?;
        Ok(Checkpointer { stop: Some(stop), thread: Some(thread) })
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// `query_row` through the statement cache: the statements of a scan or a sale run thousands of
/// times a day, and compiling one costs more than running it.
pub(crate) trait CachedRow {
    fn cached_row<T, P, F>(&self, sql: &str, params: P, f: F) -> rusqlite::Result<T>
    where
        P: rusqlite::Params,
        F: FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>;
}

impl CachedRow for Connection {
    fn cached_row<T, P, F>(&self, sql: &str, params: P, f: F) -> rusqlite::Result<T>
    where
        P: rusqlite::Params,
        F: FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    {
        self.prepare_cached(sql)?.query_row(params, f)
    }
}

/// The schema version recorded in the file.
pub fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}
