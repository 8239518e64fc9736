//! The till's work in the background, each on its own connection to the book so a sale never
//! waits for it: the cloud sync (when this device is registered) and the planned backup (checked
//! every ten minutes; taken when due). Failures are reported through `on_error` and retried.
//! Nothing is opened or checked before `start` returns: the window's start-up does not wait.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::time::Timestamp;
use crate::{Book, Error, Result};

/// How often the backup plan is looked at.
pub const BACKUP_CHECK: Duration = Duration::from_secs(600);

/// Start the background work for the book at `path`; returns at once. Runs until the process ends.
pub fn start(path: &Path, on_error: impl Fn(&str, &Error) + Send + Sync + Clone + 'static) -> Result<()> {
    start_with_passphrase(path, None, on_error)
}

/// [`start`] for an encrypted book: every connection the background work opens gives the key.
pub fn start_with_passphrase(
    path: &Path,
    passphrase: Option<&str>,
    on_error: impl Fn(&str, &Error) + Send + Sync + Clone + 'static,
) -> Result<()> {
    let path: PathBuf = path.to_path_buf();
    let passphrase = passphrase.map(crate::crypt::Passphrase::new);
    std::thread::spawn(move || {
        // One connection for the backups, opened (and checked) once, off the window's start-up.
        let mut book = match Book::open_with_passphrase(&path, passphrase.as_ref().map(|p| p.expose())) {
            Ok(book) => book,
            Err(e) => return on_error("backup", &e),
        };
        #[cfg(feature = "cloud")]
        match book.sync_status() {
            Ok(s) if s.registered => start_sync(path.clone(), passphrase.clone(), on_error.clone()),
            Ok(_) => {}
            Err(e) => on_error("sync", &e),
        }
        loop {
            if let Err(e) = book.backup_if_due(Timestamp::now()) {
                on_error("backup", &e);
            }
            std::thread::sleep(BACKUP_CHECK);
        }
    });
    Ok(())
}

/// Register this till with `tenant` on the server at `admin_url` (used once, never stored; owner
/// only) and start its background sync at once, without restarting the app (the settings screen).
#[cfg(feature = "cloud")]
pub fn register_and_sync(
    book: &mut Book,
    actor: &crate::Actor,
    admin_url: &str,
    tenant: &str,
    now: Timestamp,
    on_error: impl Fn(&str, &Error) + Send + 'static,
) -> Result<crate::sync::cloud::Registration> {
    let r = book.sync_register(actor, admin_url, tenant, now)?;
    start_sync(book.path.clone(), book.key.clone(), on_error);
    Ok(r)
}

/// The sync thread of this process: started once (at start-up when registered, or at registration).
#[cfg(feature = "cloud")]
static SYNC_STARTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

#[cfg(feature = "cloud")]
fn start_sync(
    path: PathBuf,
    passphrase: Option<crate::crypt::Passphrase>,
    on_error: impl Fn(&str, &Error) + Send + 'static,
) {
    if SYNC_STARTED.swap(true, std::sync::atomic::Ordering::SeqCst) {
        return;
    }
    sync_thread(path, passphrase, on_error)
}

#[cfg(feature = "cloud")]
fn sync_thread(
    path: PathBuf,
    passphrase: Option<crate::crypt::Passphrase>,
    on_error: impl Fn(&str, &Error) + Send + 'static,
) {
    std::thread::spawn(move || {
        static RUNNING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
        let run = || -> Result<()> {
            let mut book = Book::open_with_passphrase(&path, passphrase.as_ref().map(|p| p.expose()))?;
            let owner = book.actor(None)?;
            book.sync_run(&owner, &RUNNING, &crate::sync::cloud::RunOptions::default(), |_| {})
        };
        if let Err(e) = run() {
            on_error("sync", &e);
        }
    });
}
