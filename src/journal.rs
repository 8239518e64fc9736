//! The applier: a thread with its own connection that writes out the sales waiting in the sale
//! journal (see `crate::document::settle`) as soon as each is acknowledged, so the till's call
//! returns after the journal's small durable commit and the ledger's pages are written while the
//! cashier hands over the receipt.

use std::path::Path;
use std::sync::{mpsc, Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::document::Flush;
use crate::error::{Error, Result};

pub(crate) struct Applier {
    wake: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
    /// Sales the applier was woken for and has not yet been through.
    owed: Arc<(Mutex<u64>, Condvar)>,
}

impl Applier {
    /// The longest a caller waits for the applier before going on (its write transaction then
    /// writes out the journal itself, after SQLite's own wait for the lock).
    const PATIENCE: Duration = Duration::from_secs(5);

    pub(crate) fn start(path: &Path, key: Option<&crate::crypt::Passphrase>) -> Result<Applier> {
        // Opened as every book is (same settings, foreign keys, the file's checks).
        let conn = crate::db::open_keyed(path, key)?;
        // No memory map: each sale's journal commit, by the book's connection, would make SQLite
        // drop it and map the file again here, and unmapping in a process of two threads stops
        // the till's thread too (the other core's TLB is flushed) in the middle of its next sale.
        conn.execute_batch("PRAGMA mmap_size = 0")?;
        let (wake, woken) = mpsc::channel::<()>();
        let owed = Arc::new((Mutex::new(0u64), Condvar::new()));
        let done = Arc::clone(&owed);
        let thread = std::thread::Builder::new()
            .name("onebook-applier".into())
            .spawn(move || {
                let catalog = crate::catalog::CatalogCache::default();
                // Until the book is dropped (the sender with it); then once more for the last sale.
                loop {
                    let open = woken.recv().is_ok();
                    let mut seen = u64::from(open);
                    while woken.try_recv().is_ok() {
                        seen += 1;
                    }
                    // Flushed here, on this thread: the next sale's commit then carries its own
                    // pages only. An error leaves the rows in the journal: the book's next write
                    // or read writes them out, or reports why it cannot.
                    let _ = crate::document::settle_pending_with(&conn, Some(&catalog), Flush::Now);
                    let (lock, cv) = &*done;
                    if let Ok(mut owed) = lock.lock() {
                        *owed = owed.saturating_sub(seen);
                        cv.notify_all();
                    }
                    if !open {
                        break;
                    }
                }
            })
            .map_err(|e| Error::Storage { detail: format!("cannot start the applier thread: {e}") })?;
        Ok(Applier { wake: Some(wake), thread: Some(thread), owed })
    }

    /// A sale was acknowledged: write it out.
    pub(crate) fn wake(&self) {
        if let Some(w) = &self.wake {
            if let Ok(mut owed) = self.owed.0.lock() {
                *owed += 1;
            }
            let _ = w.send(());
        }
    }

    /// Wait until the applier has been through every sale it was woken for (at most `PATIENCE`).
    pub(crate) fn wait_idle(&self) {
        let (lock, cv) = &*self.owed;
        if let Ok(owed) = lock.lock() {
            let _ = cv.wait_timeout_while(owed, Self::PATIENCE, |n| *n > 0);
        }
    }
}

impl Drop for Applier {
    fn drop(&mut self) {
        drop(self.wake.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
