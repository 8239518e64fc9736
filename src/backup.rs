//! Nothing lost: backups to a folder with rotation, each one checked before it counts; restore
//! that refuses anything but a sound Onebook book and keeps the current file aside first; and the
//! integrity check at open, which refuses a damaged file and names the way back.
//!
//! A backup is SQLite's `VACUUM INTO`: a consistent snapshot read in one transaction (tills keep
//! selling meanwhile, WAL readers do not block writers), written compact to a temporary name,
//! flushed to disk, opened and checked (`PRAGMA integrity_check`, Onebook's application id and a
//! schema this build knows, balance = sum of movements), then renamed into place. Only then is it
//! recorded and the folder rotated: the newest backup of each of the last 7 days, 4 ISO weeks and
//! 12 months is kept (the newest in each bucket, as restic's `forget --keep-*` does); files that
//! are not Onebook backups are never touched.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDateTime, TimeZone, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::Serialize;

use crate::audit::{self, NewEntry};
use crate::db::{APPLICATION_ID, SCHEMA_VERSION};
use crate::error::{Error, Result};
use crate::people::{Action, Actor};
use crate::time::Timestamp;

/// How many backups rotation keeps, per bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Keep {
    pub daily: usize,
    pub weekly: usize,
    pub monthly: usize,
}

/// 7 daily, 4 weekly, 12 monthly.
pub const KEEP: Keep = Keep { daily: 7, weekly: 4, monthly: 12 };

const PREFIX: &str = "onebook-";
const SUFFIX: &str = ".sqlite3";
const STAMP: &str = "%Y%m%dT%H%M%S%6fZ";

/// A backup taken and checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BackupReport {
    pub path: String,
    pub taken_at: String,
    pub bytes: u64,
    pub schema_version: i64,
    /// `ok`: the backup opened and passed `PRAGMA integrity_check`.
    pub integrity: String,
    /// Every balance in the backup equals the sum of its movements.
    pub ledger_ok: bool,
    /// Backups in the folder after rotation.
    pub kept: usize,
    /// Backups rotation removed.
    pub removed: Vec<String>,
}

/// The last good backup, so the app can warn when it is old or its file is gone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LastBackup {
    pub path: String,
    pub taken_at: String,
    pub bytes: u64,
    /// The file is still there (a backup on a removed USB stick is not).
    pub file_present: bool,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RestoreReport {
    pub restored_from: String,
    pub database: String,
    /// Where the replaced file was kept (none when there was no file).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kept_aside: Option<String>,
    pub schema_version: i64,
    pub documents: i64,
}

/// Where backups go unless told otherwise: `backups/` beside the database file.
pub fn default_dir(db_path: &Path) -> PathBuf {
    db_path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).join("backups")
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |e| {
        if e.raw_os_error() == Some(28) {
            // ENOSPC
            Error::DiskFull
        } else {
            Error::Io { path: path.display().to_string(), detail: e.to_string() }
        }
    }
}

/// Flush a file (or a folder's entries) to the disk.
fn sync(path: &Path) -> Result<()> {
    std::fs::File::open(path).and_then(|f| f.sync_all()).map_err(io(path))
}

fn is_corruption(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::DatabaseCorrupt)
}

/// `PRAGMA quick_check` when the book opens, before anything else reads it. O(size of the file)
/// but without the index cross-checks of `integrity_check`. A file that is not SQLite at all is
/// left to the caller's `not-onebook-database`.
/// Books above this size get only a header and schema check at open (see `check_on_open`).
const OPEN_CHECK_BYTES_MAX: u64 = 256 * 1024 * 1024;

pub(crate) fn check_on_open(conn: &Connection, path: &Path) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(30))?;
    // quick_check reads the whole file (about 2.6 ms per MB here; 43 s for a 5 GB book): past
    // this size the till would wait at every start, so a large book is checked in full by each
    // backup instead, and at open only its header and schema are read.
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > OPEN_CHECK_BYTES_MAX {
        return match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)) {
            Ok(_) => Ok(()),
            Err(e) if is_corruption(&e) => Err(Error::DatabaseCorrupt {
                path: path.display().to_string(),
                detail: e.to_string(),
                backup: last_good_hint(conn, path).unwrap_or_else(|| "none".into()),
            }),
            Err(e) => Err(e.into()),
        };
    }
    let outcome = conn
        .prepare("PRAGMA quick_check")
        .and_then(|mut st| st.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>());
    let problems = match outcome {
        Ok(rows) if rows.len() == 1 && rows[0] == "ok" => return Ok(()),
        Ok(rows) => rows.into_iter().take(3).collect::<Vec<_>>().join("; "),
        Err(e) if is_corruption(&e) => e.to_string(),
        Err(e) => return Err(e.into()),
    };
    Err(Error::DatabaseCorrupt {
        path: path.display().to_string(),
        detail: problems,
        backup: last_good_hint(conn, path).unwrap_or_else(|| "none".into()),
    })
}

/// The newest backup we can find for a damaged book: its record, if still readable, else the
/// newest file in the default folder.
fn last_good_hint(conn: &Connection, db_path: &Path) -> Option<String> {
    let recorded: Option<String> = conn
        .query_row("SELECT path FROM backups ORDER BY taken_at DESC LIMIT 1", [], |r| r.get(0))
        .optional()
        .ok()
        .flatten()
        .filter(|p: &String| Path::new(p).is_file());
    recorded.or_else(|| {
        let dir = default_dir(db_path);
        backups_in(&dir).ok()?.into_iter().max_by_key(|(t, _)| *t).map(|(_, p)| p.display().to_string())
    })
}

/// The Onebook backups in a folder, with the instant in their name.
fn backups_in(dir: &Path) -> Result<Vec<(NaiveDateTime, PathBuf)>> {
    let mut out = vec![];
    for entry in std::fs::read_dir(dir).map_err(io(dir))? {
        let entry = entry.map_err(io(dir))?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(stamp) = name.strip_prefix(PREFIX).and_then(|n| n.strip_suffix(SUFFIX)) else { continue };
        if let Ok(t) = NaiveDateTime::parse_from_str(stamp, STAMP) {
            if entry.file_type().map(|t| t.is_file()).unwrap_or(false) {
                out.push((t, entry.path()));
            }
        }
    }
    Ok(out)
}

/// What a checked file holds.
pub(crate) struct FileCheck {
    pub(crate) schema_version: i64,
    pub(crate) ledger_ok: bool,
    pub(crate) documents: i64,
}

/// Open a file and check it is a sound Onebook book: SQLite, `integrity_check` ok, Onebook's
/// application id, a schema this build reads, a shop set up.
pub(crate) fn check_file(conn: &Connection, path: &Path) -> Result<FileCheck> {
    let invalid = |detail: String| Error::BackupInvalid { path: path.display().to_string(), detail };
    let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(|e| invalid(e.to_string()))?;
    if app_id != APPLICATION_ID {
        return Err(invalid(format!("not an Onebook database (application id {app_id:#x})")));
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| invalid(e.to_string()))?;
    if version > SCHEMA_VERSION {
        return Err(Error::DatabaseTooNew { found: version, supported: SCHEMA_VERSION });
    }
    if version < 1 {
        return Err(invalid("no Onebook schema".into()));
    }
    let rows: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut st| st.query_map([], |r| r.get::<_, String>(0))?.collect())
        .map_err(|e| invalid(e.to_string()))?;
    if rows.len() != 1 || rows[0] != "ok" {
        return Err(invalid(format!("integrity check: {}", rows.into_iter().take(3).collect::<Vec<_>>().join("; "))));
    }
    let shops: i64 =
        conn.query_row("SELECT count(*) FROM shop", [], |r| r.get(0)).map_err(|e| invalid(e.to_string()))?;
    if shops != 1 {
        return Err(invalid("no shop is set up in it".into()));
    }
    let ledger_ok = crate::stock::invariant_violations(conn).map_err(|e| invalid(e.to_string()))?.is_empty();
    let documents =
        conn.query_row("SELECT count(*) FROM documents", [], |r| r.get(0)).map_err(|e| invalid(e.to_string()))?;
    Ok(FileCheck { schema_version: version, ledger_ok, documents })
}

/// Take a backup into `dir`, check it, record it, rotate the folder. The backup of an encrypted
/// book (`key`) is encrypted under the same key, and checked with it.
pub(crate) fn backup(
    conn: &mut Connection,
    key: Option<&crate::crypt::Passphrase>,
    actor: &Actor,
    dir: &Path,
    now: Timestamp,
) -> Result<BackupReport> {
    actor.require(Action::Backup)?;
    let shop = crate::shop::load(conn)?;
    if !dir.is_dir() {
        // A missing folder is made only where its parent exists: a backup meant for an unplugged
        // USB stick must not quietly land on the till's own disk.
        match dir.parent() {
            Some(p) if p.as_os_str().is_empty() || p.is_dir() => std::fs::create_dir(dir).map_err(io(dir))?,
            _ => return Err(Error::Io { path: dir.display().to_string(), detail: "the folder does not exist".into() }),
        }
    }
    // A name from the instant; the next free microsecond if two backups share one.
    let mut at = now.0;
    let (name, path) = loop {
        let name = format!("{PREFIX}{}{SUFFIX}", at.format(STAMP));
        let path = dir.join(&name);
        if !path.exists() {
            break (name, path);
        }
        at += chrono::Duration::microseconds(1);
    };
    let partial = dir.join(format!(".{name}.partial"));
    let _ = std::fs::remove_file(&partial);
    let outcome = (|| -> Result<FileCheck> {
        conn.execute("VACUUM INTO ?1", [partial.to_str().ok_or_else(|| Error::invalid("dir", "not UTF-8"))?])?;
        if key.is_some() && !crate::crypt::is_encrypted(&partial)? {
            // Never a readable copy of an encrypted book.
            return Err(Error::Storage { detail: "the backup of an encrypted book came out plain".into() });
        }
        let check = {
            let copy = crate::crypt::open_file(&partial, OpenFlags::SQLITE_OPEN_READ_WRITE, key)?;
            // One self-contained file, whatever the source's journal mode.
            let _: String = copy.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
            check_file(&copy, &path)?
        };
        sync(&partial)?;
        std::fs::rename(&partial, &path).map_err(io(&path))?;
        sync(dir)?;
        Ok(check)
    })();
    let check = match outcome {
        Ok(c) => c,
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
    };
    let bytes = std::fs::metadata(&path).map_err(io(&path))?.len();
    let taken_at = now.to_db();
    let tx = crate::db::write_tx(conn)?;
    tx.execute(
        "INSERT INTO backups (id, taken_at, path, bytes, schema_version, user_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        rusqlite::params![
            crate::ids::new_id(),
            taken_at,
            path.display().to_string(),
            bytes as i64,
            check.schema_version,
            actor.user_id
        ],
    )?;
    tx.commit()?;
    let (kept, removed) = rotate(dir, shop.tz, KEEP)?;
    Ok(BackupReport {
        path: path.display().to_string(),
        taken_at,
        bytes,
        schema_version: check.schema_version,
        integrity: "ok".into(),
        ledger_ok: check.ledger_ok,
        kept,
        removed: removed.iter().map(|p| p.display().to_string()).collect(),
    })
}

/// Which of these instants rotation keeps (indices into `times`), by the shop's calendar.
pub fn keep_set(times: &[NaiveDateTime], tz: chrono_tz::Tz, keep: Keep) -> Vec<usize> {
    let mut order: Vec<usize> = (0..times.len()).collect();
    order.sort_by(|a, b| times[*b].cmp(&times[*a])); // newest first
    let local = |i: usize| Utc.from_utc_datetime(&times[i]).with_timezone(&tz).date_naive();
    // The bucket of an instant: its day, its ISO week, or its month.
    let key = |bucket: usize, i: usize| {
        let d = local(i);
        match bucket {
            0 => (d.year(), d.month(), d.day()),
            1 => (d.iso_week().year(), d.iso_week().week(), 0),
            _ => (d.year(), d.month(), 0),
        }
    };
    let buckets = [keep.daily, keep.weekly, keep.monthly];
    let mut kept = vec![false; times.len()];
    for (bucket, n) in buckets.into_iter().enumerate() {
        let mut last = None;
        let mut count = 0;
        for &i in &order {
            if count >= n {
                break;
            }
            let k = key(bucket, i);
            if last != Some(k) {
                last = Some(k);
                count += 1;
                kept[i] = true;
            }
        }
    }
    (0..times.len()).filter(|i| kept[*i]).collect()
}

/// Remove the backups rotation does not keep; returns (how many remain, what was removed).
fn rotate(dir: &Path, tz: chrono_tz::Tz, keep: Keep) -> Result<(usize, Vec<PathBuf>)> {
    let files = backups_in(dir)?;
    let times: Vec<NaiveDateTime> = files.iter().map(|(t, _)| *t).collect();
    let keep_idx = keep_set(&times, tz, keep);
    let mut removed = vec![];
    for (i, (_, p)) in files.iter().enumerate() {
        if !keep_idx.contains(&i) {
            std::fs::remove_file(p).map_err(io(p))?;
            removed.push(p.clone());
        }
    }
    removed.sort();
    Ok((keep_idx.len(), removed))
}

pub(crate) fn last_backup(conn: &Connection) -> Result<Option<LastBackup>> {
    let row: Option<(String, String, i64)> = conn
        .query_row("SELECT path, taken_at, bytes FROM backups ORDER BY taken_at DESC, rowid DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    Ok(row.map(|(path, taken_at, bytes)| LastBackup {
        file_present: Path::new(&path).is_file(),
        path,
        taken_at,
        bytes: bytes as u64,
    }))
}

/// Replace the book at `db_path` with the backup `from`. The backup must be a sound Onebook book
/// (checked before anything is touched); the person must be allowed to restore in it, and in the
/// current book too when that one still opens. The current file is renamed aside with a
/// timestamp, never deleted; the restore is recorded in the restored book's audit trail.
pub(crate) fn restore(
    db_path: &Path,
    from: &Path,
    username: Option<&str>,
    passphrase: Option<&crate::crypt::Passphrase>,
    now: Timestamp,
) -> Result<RestoreReport> {
    if !from.is_file() {
        return Err(Error::Io { path: from.display().to_string(), detail: "no such file".into() });
    }
    let invalid = |e: rusqlite::Error| Error::BackupInvalid { path: from.display().to_string(), detail: e.to_string() };
    // An encrypted backup needs its passphrase (`book-encrypted`, `wrong-passphrase` otherwise).
    let key = crate::crypt::key_for(from, passphrase)?;
    let source = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(invalid)?;
    crate::crypt::unlock(&source, from, key.as_ref())?;
    let check = check_file(&source, from)?;
    let find = |conn: &Connection| match username {
        Some(u) => crate::people::find_user(conn, u),
        None => crate::people::first_owner(conn),
    };
    let actor = find(&source)?;
    actor.require(Action::Restore)?;

    // The current book: when it opens, its owner decides too, and its WAL is folded in first.
    let mut current_docs = None;
    if db_path.exists() {
        if let Ok(conn) = crate::db::open_keyed(db_path, passphrase) {
            if crate::shop::load(&conn).is_ok() {
                find(&conn)?.require(Action::Restore)?;
                current_docs = conn.query_row("SELECT count(*) FROM documents", [], |r| r.get::<_, i64>(0)).ok();
            }
            conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
            conn.close().map_err(|(_, e)| Error::from(e))?;
        }
    }

    let file_name = db_path.file_name().and_then(|n| n.to_str()).unwrap_or("onebook.sqlite3").to_string();
    let dir = db_path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let staging = dir.join(format!("{file_name}.restoring"));
    let side = |p: &Path, s: &str| PathBuf::from(format!("{}{s}", p.display()));
    for p in [staging.clone(), side(&staging, "-wal"), side(&staging, "-shm")] {
        let _ = std::fs::remove_file(p);
    }
    let aside = db_path.exists().then(|| dir.join(format!("{file_name}.before-restore-{}", now.0.format(STAMP))));

    let staged = (|| -> Result<()> {
        source.execute("VACUUM INTO ?1", [staging.to_str().ok_or_else(|| Error::invalid("db", "not UTF-8"))?])?;
        // Brings an older backup up to this build's schema; VACUUM INTO kept the backup's key.
        let mut conn = crate::db::open_keyed(&staging, key.as_ref())?;
        let device = crate::shop::device(&conn)?;
        let tx = crate::db::write_tx(&mut conn)?;
        audit::record(
            &tx,
            &actor,
            &device.device_id,
            now,
            NewEntry {
                action: audit::acts::BACKUP_RESTORE,
                subject: from.display().to_string(),
                before: Some(serde_json::json!({
                    "database": db_path.display().to_string(),
                    "kept_aside": aside.as_ref().map(|p| p.display().to_string()),
                    "documents": current_docs,
                })),
                after: Some(serde_json::json!({
                    "from": from.display().to_string(),
                    "schema_version": check.schema_version,
                    "documents": check.documents,
                })),
                reason: None,
            },
        )?;
        tx.commit()?;
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
        conn.close().map_err(|(_, e)| Error::from(e))?;
        sync(&staging)
    })();
    if let Err(e) = staged {
        for p in [staging.clone(), side(&staging, "-wal"), side(&staging, "-shm")] {
            let _ = std::fs::remove_file(p);
        }
        return Err(e);
    }

    // Keep the current file (and its WAL, if it could not be folded in) aside, then swap.
    if let Some(aside) = &aside {
        std::fs::rename(db_path, aside).map_err(io(db_path))?;
        for s in ["-wal", "-shm"] {
            if side(db_path, s).exists() {
                std::fs::rename(side(db_path, s), side(aside, s)).map_err(io(db_path))?;
            }
        }
    }
    let _ = std::fs::remove_file(side(&staging, "-shm"));
    std::fs::rename(&staging, db_path).map_err(io(db_path))?;
    sync(dir)?;
    Ok(RestoreReport {
        restored_from: from.display().to_string(),
        database: db_path.display().to_string(),
        kept_aside: aside.map(|p| p.display().to_string()),
        schema_version: crate::db::SCHEMA_VERSION,
        documents: check.documents,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn rotation_keeps_7_days_4_weeks_12_months() {
        // One backup every day at 02:00 UTC for 400 days, and a second one on the last day.
        let start = t("2025-01-01 02:00");
        let mut times: Vec<NaiveDateTime> = (0..400).map(|d| start + chrono::Duration::days(d)).collect();
        times.push(start + chrono::Duration::days(399) + chrono::Duration::hours(5));
        let kept = keep_set(&times, chrono_tz::UTC, KEEP);
        let kept_times: Vec<NaiveDateTime> = kept.iter().map(|i| times[*i]).collect();
        let newest = times[400];
        assert!(kept_times.contains(&newest), "the newest is always kept");
        assert!(!kept_times.contains(&times[399]), "one per day: the earlier one of the last day goes");
        // 7 days + up to 4 weeks + up to 12 months, overlapping.
        let distinct_days: std::collections::BTreeSet<_> = kept_times.iter().map(|t| t.date()).collect();
        assert_eq!(distinct_days.len(), kept.len(), "never two of one day");
        let last7 = kept_times.iter().filter(|t| **t > newest - chrono::Duration::days(7)).count();
        assert_eq!(last7, 7);
        let months: std::collections::BTreeSet<_> = kept_times.iter().map(|t| (t.year(), t.month())).collect();
        assert_eq!(months.len(), 12, "12 months covered");
        assert!(kept.len() <= 7 + 4 + 12);
        assert!(kept.len() >= 12);
    }
}

// ---------------------------------------------------------------------------------------------
// Automatic backups

/// Where and how often this till backs itself up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BackupPlan {
    pub folder: String,
    pub every_hours: i64,
}

/// What the app shows about backups: the last good one, the plan, and what needs the owner.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BackupStatus {
    pub plan: Option<BackupPlan>,
    pub last: Option<LastBackup>,
    /// Hours since the last good backup (none taken: `None`).
    pub age_hours: Option<i64>,
    /// No good backup within twice the plan's interval (or within a day without a plan).
    pub stale: bool,
    /// The plan's folder is not there (a USB stick taken out, a second disk not mounted).
    pub folder_missing: bool,
}

/// Set the automatic backups: into `folder`, every `every_hours`, and at each daily close. Owner.
pub(crate) fn set_plan(
    conn: &mut Connection,
    actor: &Actor,
    folder: &Path,
    every_hours: i64,
    now: Timestamp,
) -> Result<BackupPlan> {
    actor.require(Action::Backup)?;
    if !(1..=168).contains(&every_hours) {
        return Err(Error::invalid("every_hours", "1 to 168 hours"));
    }
    if !folder.is_dir() {
        return Err(Error::Io { path: folder.display().to_string(), detail: "not a folder".into() });
    }
    let folder = folder.display().to_string();
    conn.execute(
        "INSERT INTO backup_plan (id, folder, every_hours, set_at, user_id) VALUES (1, ?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET folder = excluded.folder, every_hours = excluded.every_hours,
                                        set_at = excluded.set_at, user_id = excluded.user_id",
        rusqlite::params![folder, every_hours, now.to_db(), actor.user_id],
    )?;
    Ok(BackupPlan { folder, every_hours })
}

pub(crate) fn plan(conn: &Connection) -> Result<Option<BackupPlan>> {
    Ok(conn
        .query_row("SELECT folder, every_hours FROM backup_plan WHERE id = 1", [], |r| {
            Ok(BackupPlan { folder: r.get(0)?, every_hours: r.get(1)? })
        })
        .optional()?)
}

pub(crate) fn status(conn: &Connection, now: Timestamp) -> Result<BackupStatus> {
    let plan = plan(conn)?;
    let last = last_backup(conn)?;
    let age_hours = match &last {
        Some(l) => Some((now.0 - Timestamp::from_db(&l.taken_at)?.0).num_hours()),
        None => None,
    };
    let limit = plan.as_ref().map(|p| 2 * p.every_hours).unwrap_or(24);
    Ok(BackupStatus {
        stale: age_hours.is_none_or(|h| h >= limit),
        folder_missing: plan.as_ref().is_some_and(|p| !Path::new(&p.folder).is_dir()),
        plan,
        last,
        age_hours,
    })
}

/// Take the planned backup when one is due (the plan's interval since the last good one, or
/// `force` at the daily close). Done as the first owner, since no one is at the till for it.
pub(crate) fn backup_if_due(
    conn: &mut Connection,
    key: Option<&crate::crypt::Passphrase>,
    now: Timestamp,
    force: bool,
) -> Result<Option<BackupReport>> {
    let Some(plan) = plan(conn)? else { return Ok(None) };
    if !force {
        if let Some(last) = last_backup(conn)? {
            let age = now.0 - Timestamp::from_db(&last.taken_at)?.0;
            if age.num_minutes() < plan.every_hours * 60 {
                return Ok(None);
            }
        }
    }
    // Never made anew: a missing folder is a stick taken out or a disk not mounted, and a backup
    // made beside the book would be no backup at all.
    if !Path::new(&plan.folder).is_dir() {
        return Err(Error::Io { path: plan.folder, detail: "the backup folder is not there".into() });
    }
    let owner = crate::people::first_owner(conn)?;
    backup(conn, key, &owner, Path::new(&plan.folder), now).map(Some)
}
