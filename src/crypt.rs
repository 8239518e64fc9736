//! Encryption at rest (optional, per shop): the book and its backups encrypted by SQLCipher with a
//! key derived from the owner's passphrase (PBKDF2-HMAC-SHA512, 256 000 rounds, a random salt per
//! file; AES-256 pages with an HMAC each). A book without a passphrase is plain SQLite, as before.
//!
//! Every connection the library opens on an encrypted file gives the key first (`PRAGMA key`),
//! before anything reads a page; a wrong key fails on that first read. Whether a file is encrypted
//! is read from its first bytes: a plain SQLite file starts with `SQLite format 3\0`, an SQLCipher
//! file with its random salt.
//!
//! Turning encryption on or off, and changing the passphrase, all go the same careful way: the
//! book is exported (`sqlcipher_export`) into a new file under the new key, that file is opened
//! as the library opens a book, passes `integrity_check`, holds every row of every table and
//! balance = sum of movements, gets its audit entry, and only then replaces the book by a rename.
//! A plain file replaced this way is overwritten with zeros before it is removed.
//!
//! There is no way back without the passphrase: no master key, no recovery question. A lost
//! passphrase with no plain backup means the books are gone.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::Serialize;

use crate::audit::{self, NewEntry};
use crate::error::{Error, Result};
use crate::people::{Action, Actor};
use crate::time::Timestamp;
use crate::Book;

/// The first bytes of every plain SQLite file.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Shortest passphrase accepted: the key is only as strong as what the owner types.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// The owner's passphrase. Never printed (its `Debug` hides it) and wiped from memory on drop.
#[derive(Clone, PartialEq, Eq)]
pub struct Passphrase(String);

impl Passphrase {
    pub fn new(text: impl Into<String>) -> Passphrase {
        Passphrase(text.into())
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(..)")
    }
}

impl Drop for Passphrase {
    fn drop(&mut self) {
        let mut bytes = std::mem::take(&mut self.0).into_bytes();
        bytes.iter_mut().for_each(|b| *b = 0);
        std::hint::black_box(&bytes);
    }
}

/// What turning encryption on or off, or changing the passphrase, did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EncryptionReport {
    pub database: String,
    /// The book is encrypted now.
    pub encrypted: bool,
    /// Documents in the new file (the same as before: checked).
    pub documents: i64,
    /// Every balance in the new file equals the sum of its movements (checked).
    pub ledger_ok: bool,
    /// Backups of this book still on disk that are not encrypted: they hold the books in the
    /// clear until the owner removes them (never removed here: they may be the only way back).
    pub plain_backups: Vec<String>,
}

/// Is the file at `path` an encrypted book? A missing or empty file is not. A file that is
/// neither plain SQLite nor the size of a whole number of pages is not one either (it is left
/// to the `not-onebook-database` refusal).
pub fn is_encrypted(path: &Path) -> Result<bool> {
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(Error::Io { path: path.display().to_string(), detail: e.to_string() }),
    };
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len < 1024 || len % 512 != 0 {
        return Ok(false);
    }
    let mut head = [0u8; 16];
    file.read_exact(&mut head).map_err(|e| Error::Io { path: path.display().to_string(), detail: e.to_string() })?;
    Ok(&head != SQLITE_MAGIC)
}

/// The key this connection needs: the passphrase when the file is encrypted, none when it is
/// plain (a passphrase given for a plain book is not used). Refuses an encrypted file without one.
pub(crate) fn key_for(path: &Path, passphrase: Option<&Passphrase>) -> Result<Option<Passphrase>> {
    if !is_encrypted(path)? {
        return Ok(None);
    }
    match passphrase {
        Some(p) => Ok(Some(p.clone())),
        None => Err(Error::BookEncrypted { path: path.display().to_string() }),
    }
}

/// Give the key to a fresh connection, first thing, and check it opens the file.
pub(crate) fn unlock(conn: &Connection, path: &Path, key: Option<&Passphrase>) -> Result<()> {
    let Some(key) = key else { return Ok(()) };
    // SQLCipher writes its own log lines to stderr (a wrong key: "hmac check failed"); the
    // library reports through its errors instead.
    conn.query_row("PRAGMA cipher_log_level = NONE", [], |_| Ok(()))?;
    conn.pragma_update(None, "key", key.expose())?;
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)) {
        Ok(_) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(f, _)) if f.code == rusqlite::ErrorCode::NotADatabase => {
            Err(Error::WrongPassphrase { path: path.display().to_string() })
        }
        Err(e) => Err(e.into()),
    }
}

/// Open a file (a backup, a copy being checked) with the key it needs.
pub(crate) fn open_file(path: &Path, flags: rusqlite::OpenFlags, key: Option<&Passphrase>) -> Result<Connection> {
    let conn = Connection::open_with_flags(path, flags)?;
    unlock(&conn, path, key)?;
    Ok(conn)
}

fn check_passphrase(p: &str) -> Result<()> {
    if p.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(Error::invalid("passphrase", format!("at least {MIN_PASSPHRASE_CHARS} characters")));
    }
    if p.contains('\0') || p.trim() != p {
        return Err(Error::invalid("passphrase", "no spaces at either end, no NUL characters"));
    }
    Ok(())
}

/// Encrypt a plain book with a new passphrase. Owner only.
pub(crate) fn encrypt(book: &mut Book, actor: &Actor, passphrase: &str, now: Timestamp) -> Result<EncryptionReport> {
    actor.require(Action::ManageEncryption)?;
    if book.key.is_some() {
        return Err(Error::AlreadyEncrypted { path: book.path.display().to_string() });
    }
    check_passphrase(passphrase)?;
    convert(book, actor, Some(Passphrase::new(passphrase)), audit::acts::ENCRYPTION_ON, now)
}

/// Re-encrypt an encrypted book under a new passphrase. Owner only.
pub(crate) fn change_passphrase(book: &mut Book, actor: &Actor, new: &str, now: Timestamp) -> Result<EncryptionReport> {
    actor.require(Action::ManageEncryption)?;
    if book.key.is_none() {
        return Err(Error::NotEncrypted { path: book.path.display().to_string() });
    }
    check_passphrase(new)?;
    if book.key.as_ref().map(Passphrase::expose) == Some(new) {
        return Err(Error::invalid("passphrase", "the new passphrase is the current one"));
    }
    convert(book, actor, Some(Passphrase::new(new)), audit::acts::PASSPHRASE_CHANGE, now)
}

/// Turn an encrypted book back into a plain one. Owner only.
pub(crate) fn decrypt(book: &mut Book, actor: &Actor, now: Timestamp) -> Result<EncryptionReport> {
    actor.require(Action::ManageEncryption)?;
    if book.key.is_none() {
        return Err(Error::NotEncrypted { path: book.path.display().to_string() });
    }
    convert(book, actor, None, audit::acts::ENCRYPTION_OFF, now)
}

fn side(p: &Path, s: &str) -> PathBuf {
    PathBuf::from(format!("{}{s}", p.display()))
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |e| {
        if e.raw_os_error() == Some(28) {
            Error::DiskFull
        } else {
            Error::Io { path: path.display().to_string(), detail: e.to_string() }
        }
    }
}

fn remove_with_sides(p: &Path) {
    for f in [p.to_path_buf(), side(p, "-wal"), side(p, "-shm"), side(p, "-journal")] {
        let _ = std::fs::remove_file(f);
    }
}

/// Every table and its row count, to compare a copy with its source.
fn table_counts(conn: &Connection) -> Result<Vec<(String, i64)>> {
    let names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    names
        .into_iter()
        .map(|n| {
            let count =
                conn.query_row(&format!("SELECT count(*) FROM \"{}\"", n.replace('"', "\"\"")), [], |r| r.get(0))?;
            Ok((n, count))
        })
        .collect()
}

/// Write the whole book into a new file at `to`, under `key` (none: plain).
fn export(conn: &Connection, to: &Path, key: Option<&Passphrase>) -> Result<()> {
    let to_str = to.to_str().ok_or_else(|| Error::invalid("db", "not UTF-8"))?;
    conn.execute("ATTACH DATABASE ?1 AS onebook_export KEY ?2", [to_str, key.map(Passphrase::expose).unwrap_or("")])?;
    let outcome = (|| -> Result<()> {
        // SQLCipher writes a zero salt into a new file written through a memory map: none here.
        conn.execute_batch("PRAGMA onebook_export.mmap_size = 0")?;
        // One read transaction: a consistent snapshot, whatever else happens meanwhile.
        conn.execute_batch("BEGIN")?;
        let copied = (|| -> Result<()> {
            conn.query_row("SELECT sqlcipher_export('onebook_export')", [], |_| Ok(()))?;
            let version = crate::db::schema_version(conn)?;
            conn.execute_batch(&format!(
                "PRAGMA onebook_export.user_version = {version};
                 PRAGMA onebook_export.application_id = {};",
                crate::db::APPLICATION_ID
            ))?;
            Ok(())
        })();
        match copied {
            Ok(()) => conn.execute_batch("COMMIT").map_err(Error::from),
            Err(e) => {
                let _ = conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    })();
    let detached = conn.execute_batch("DETACH DATABASE onebook_export");
    outcome?;
    Ok(detached?)
}

/// Overwrite a file with zeros and flush it before removing it: the plain book must not stay
/// readable in the free blocks of the disk (best effort: a flash disk may keep old blocks).
fn shred(path: &Path) -> Result<()> {
    let len = std::fs::metadata(path).map_err(io(path))?.len();
    let mut f = std::fs::OpenOptions::new().write(true).open(path).map_err(io(path))?;
    let zeros = vec![0u8; 1 << 16];
    let mut left = len;
    while left > 0 {
        let n = left.min(zeros.len() as u64) as usize;
        f.write_all(&zeros[..n]).map_err(io(path))?;
        left -= n as u64;
    }
    f.sync_all().map_err(io(path))?;
    drop(f);
    std::fs::remove_file(path).map_err(io(path))
}

/// Export the book under `target`, check the new file, record the act in it, and swap it in.
fn convert(
    book: &mut Book,
    actor: &Actor,
    target: Option<Passphrase>,
    act: &'static str,
    now: Timestamp,
) -> Result<EncryptionReport> {
    let path = book.path.clone();
    let was_encrypted = book.key.is_some();
    let restart_checkpoints = book.checkpointer.take().is_some();
    // Stopped after writing out the last sale, so the journal is empty while the file is copied.
    let restart_applier = book.applier.take().is_some();
    book.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
    let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("onebook.sqlite3").to_string();
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf();
    let staging = dir.join(format!("{file_name}.converting"));
    remove_with_sides(&staging);
    let before = table_counts(&book.conn)?;
    let device = crate::shop::device(&book.conn)?;

    let staged = (|| -> Result<crate::backup::FileCheck> {
        export(&book.conn, &staging, target.as_ref())?;
        if is_encrypted(&staging)? != target.is_some() {
            return Err(Error::Storage { detail: "the exported file is not in the form asked for".into() });
        }
        // Opened as the library opens a book: key first, quick check, WAL, schema.
        let mut conn = crate::db::open_keyed(&staging, target.as_ref())?;
        let check = crate::backup::check_file(&conn, &staging)?;
        if !check.ledger_ok {
            return Err(Error::Storage { detail: "the exported file's balances differ from its movements".into() });
        }
        let after = table_counts(&conn)?;
        if after != before {
            return Err(Error::Storage { detail: "the exported file does not hold every row".into() });
        }
        let tx = crate::db::write_tx(&mut conn)?;
        audit::record(
            &tx,
            actor,
            &device.device_id,
            now,
            NewEntry {
                action: act,
                subject: path.display().to_string(),
                before: Some(serde_json::json!({ "encrypted": was_encrypted })),
                after: Some(serde_json::json!({ "encrypted": target.is_some(), "documents": check.documents })),
                reason: None,
            },
        )?;
        tx.commit()?;
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
        conn.close().map_err(|(_, e)| Error::from(e))?;
        std::fs::File::open(&staging).and_then(|f| f.sync_all()).map_err(io(&staging))?;
        Ok(check)
    })();
    let check = match staged {
        Ok(c) => c,
        Err(e) => {
            remove_with_sides(&staging);
            if restart_checkpoints {
                let _ = book.checkpoint_in_background();
            }
            if restart_applier {
                let _ = book.apply_in_background();
            }
            return Err(e);
        }
    };

    // Swap: close the book, keep the old file aside, move the new one in, reopen.
    let old = std::mem::replace(&mut book.conn, Connection::open_in_memory()?);
    old.close().map_err(|(_, e)| Error::from(e))?;
    let aside = dir.join(format!("{file_name}.replaced"));
    remove_with_sides(&aside);
    let swapped = (|| -> Result<()> {
        std::fs::rename(&path, &aside).map_err(io(&path))?;
        for s in ["-wal", "-shm"] {
            if side(&path, s).exists() {
                std::fs::rename(side(&path, s), side(&aside, s)).map_err(io(&path))?;
            }
        }
        let _ = std::fs::remove_file(side(&staging, "-shm"));
        std::fs::rename(&staging, &path).map_err(io(&path))?;
        std::fs::File::open(&dir).and_then(|f| f.sync_all()).map_err(io(&dir))
    })();
    if let Err(e) = swapped {
        // Put the book back as it was.
        if !path.exists() && aside.exists() {
            let _ = std::fs::rename(&aside, &path);
        }
        remove_with_sides(&staging);
        book.conn = crate::db::open_keyed(&path, book.key.as_ref())?;
        return Err(e);
    }
    // The old file: a plain one is overwritten before it goes; an encrypted one is just removed.
    for f in [aside.clone(), side(&aside, "-wal")] {
        if f.exists() {
            if was_encrypted {
                std::fs::remove_file(&f).map_err(io(&f))?;
            } else {
                shred(&f)?;
            }
        }
    }
    let _ = std::fs::remove_file(side(&aside, "-shm"));

    book.conn = crate::db::open_keyed(&path, target.as_ref())?;
    book.key = target;
    if restart_checkpoints {
        book.checkpoint_in_background()?;
    }
    if restart_applier {
        book.apply_in_background()?;
    }
    Ok(EncryptionReport {
        database: path.display().to_string(),
        encrypted: book.key.is_some(),
        documents: check.documents,
        ledger_ok: check.ledger_ok,
        plain_backups: plain_backups(&book.conn, &path)?,
    })
}

/// Backups of this book still on disk in the clear (recorded ones, and those in the default folder).
fn plain_backups(conn: &Connection, db_path: &Path) -> Result<Vec<String>> {
    let mut paths: Vec<PathBuf> = conn
        .prepare("SELECT path FROM backups")?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .map(PathBuf::from)
        .collect();
    if let Ok(entries) = std::fs::read_dir(crate::backup::default_dir(db_path)) {
        paths.extend(entries.filter_map(|e| e.ok()).map(|e| e.path()));
    }
    let mut out: Vec<String> = vec![];
    for p in paths {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if !name.starts_with("onebook-") || !name.ends_with(".sqlite3") || !p.is_file() {
            continue;
        }
        let plain = std::fs::File::open(&p)
            .and_then(|mut f| {
                let mut head = [0u8; 16];
                f.read_exact(&mut head).map(|_| &head == SQLITE_MAGIC)
            })
            .unwrap_or(false);
        let s = p.display().to_string();
        if plain && !out.contains(&s) {
            out.push(s);
        }
    }
    out.sort();
    Ok(out)
}
