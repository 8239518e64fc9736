//! The till's work in the background, each on its own connection to the book so a sale never
//! waits for it: the cloud sync (when this device is registered) and the planned backup (checked
//! every ten minutes; taken when due). Failures are reported through `on_error` and retried.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::time::Timestamp;
use crate::{Book, Error, Result};

/// How often the backup plan is looked at.
pub const BACKUP_CHECK: Duration = Duration::from_secs(600);

/// Start the background work for the book at `path`; returns at once. Runs until the process ends.
pub fn start(path: &Path, on_error: impl Fn(&str, &Error) + Send + Sync + Clone + 'static) -> Result<()> {
    let registered = Book::open(path)?.sync_status()?.registered;
    #[cfg(feature = "cloud")]
    if registered {
        let (path, on_error): (PathBuf, _) = (path.to_path_buf(), on_error.clone());
        std::thread::spawn(move || {
            static RUNNING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
            let run = || -> Result<()> {
                let mut book = Book::open(&path)?;
                let owner = book.actor(None)?;
                book.sync_run(&owner, &RUNNING, &crate::sync::cloud::RunOptions::default(), |_| {})
            };
            if let Err(e) = run() {
                on_error("sync", &e);
            }
        });
    }
    #[cfg(not(feature = "cloud"))]
    let _ = registered;
    let path: PathBuf = path.to_path_buf();
    std::thread::spawn(move || loop {
        let due = Book::open(&path).and_then(|mut book| book.backup_if_due(Timestamp::now()));
        if let Err(e) = due {
            on_error("backup", &e);
        }
        std::thread::sleep(BACKUP_CHECK);
    });
    Ok(())
}
