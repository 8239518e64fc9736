//! The commands the UI invokes: parse, call one `Book` function on a blocking thread, map.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use onebook::sync::SyncStatus;
use onebook::{Actor, Book, BuyerAccount, Document, DocumentDraft, Locale, StockView, Timestamp};
use serde::Serialize;
use tauri::{AppHandle, Emitter, State};

/// The open book, shared by the commands (and by every window of the process); SQLite work runs
/// under its lock on a blocking thread. An encrypted book stays closed (`None`) until the window
/// gives its passphrase (`open_book`).
pub struct Till {
    pub book: Arc<Mutex<Option<Book>>>,
    /// Who works in each window, by the window's label: the cashier in one and the owner in
    /// another each act as themselves, on the same book.
    pub desks: Mutex<HashMap<String, Desk>>,
    /// The book's file, for opening an encrypted one.
    pub path: std::path::PathBuf,
}

/// An error as the UI shows it: a stable code to branch on, the message in the user's language,
/// and the field at fault (`lines[2].qty`) when there is one.
#[derive(Debug, Serialize)]
pub struct UiError {
    code: String,
    message: String,
    field: Option<String>,
    /// For `permission-denied`: the act refused (`override-price`), which an owner may approve.
    #[serde(skip_serializing_if = "Option::is_none")]
    action: Option<String>,
}

impl UiError {
    /// The error's stable code (`no-device`).
    pub(crate) fn code(&self) -> &str {
        &self.code
    }

    pub(crate) fn from_book(e: &onebook::Error, locale: Locale) -> UiError {
        let action = match e {
            onebook::Error::PermissionDenied { action, .. } => Some(action.clone()),
            _ => None,
        };
        UiError { code: e.code().to_string(), message: e.message(locale), field: e.field().map(str::to_string), action }
    }

    pub(crate) fn internal(detail: impl ToString) -> UiError {
        UiError { code: "internal".into(), message: detail.to_string(), field: None, action: None }
    }
}

pub(crate) type Reply<T> = Result<T, UiError>;

pub(crate) fn locale_of(tag: &str) -> Locale {
    Locale::parse(tag).unwrap_or(Locale::En)
}

/// Run `work` with the book on a blocking thread, so the window never waits on SQLite.
pub(crate) async fn with_book<T, F>(till: &Till, locale: Locale, work: F) -> Reply<T>
where
    T: Send + 'static,
    F: FnOnce(&mut Book) -> onebook::Result<T> + Send + 'static,
{
    let book = Arc::clone(&till.book);
    let path = till.path.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let mut book = book.lock().map_err(|_| UiError::internal("the book's lock is poisoned"))?;
        // Still closed: the book is encrypted and the window has not given its passphrase yet.
        let book = book.as_mut().ok_or_else(|| onebook::Error::BookEncrypted { path: path.display().to_string() });
        book.and_then(work).map_err(|e| UiError::from_book(&e, locale))
    })
    .await
    .map_err(UiError::internal)?
}

/// Open an encrypted book with the passphrase typed at start (a wrong one is refused with the
/// library's message), then start its background work; nothing happens for a book already open.
#[tauri::command]
pub async fn open_book(till: State<'_, Till>, passphrase: String, locale: String) -> Reply<()> {
    let locale = locale_of(&locale);
    let slot = Arc::clone(&till.book);
    let path = till.path.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let mut slot = slot.lock().map_err(|_| UiError::internal("the book's lock is poisoned"))?;
        if slot.is_none() {
            let fail = |e: onebook::Error| UiError::from_book(&e, locale);
            let mut book = Book::open_with_passphrase(&path, Some(&passphrase)).map_err(fail)?;
            book.checkpoint_in_background().map_err(fail)?;
            book.apply_in_background().map_err(fail)?;
            crate::start_background(&path, Some(&passphrase));
            *slot = Some(book);
        }
        Ok(())
    })
    .await
    .map_err(UiError::internal)?
}

/// Who is at the till, and the shop's settings the screen shows.
#[derive(Debug, Serialize)]
pub struct Session {
    shop: String,
    currency: String,
    user: String,
    role: onebook::Role,
    /// The user's own language, the picker's starting point.
    locale: Locale,
    /// What this person may do (`invoice`, `retail-return`, ...): the window hides the rest.
    actions: Vec<&'static str>,
}

fn session_of(book: &Book, actor: &Actor) -> onebook::Result<Session> {
    let shop = book.shop()?;
    Ok(Session {
        shop: shop.name,
        currency: shop.currency,
        user: actor.username.clone(),
        role: actor.role,
        locale: actor.locale,
        actions: onebook::people::allowed_actions(actor.role),
    })
}

/// The person at the till, as the shell keeps it: set only by a PIN the library accepted, never
/// by the window. Every command acts as `user`, or as `approver` for the one sale an owner's PIN
/// approved; a locked till acts as nobody until the same person or an owner unlocks it.
#[derive(Debug, Default)]
pub struct Desk {
    user: Option<Actor>,
    locked: bool,
    approver: Option<Actor>,
}

/// One window's desk, under the lock of all of them.
pub(crate) struct DeskRef<'a> {
    desks: MutexGuard<'a, HashMap<String, Desk>>,
    label: &'a str,
}

impl std::ops::Deref for DeskRef<'_> {
    type Target = Desk;
    fn deref(&self) -> &Desk {
        &self.desks[self.label]
    }
}

impl std::ops::DerefMut for DeskRef<'_> {
    fn deref_mut(&mut self) -> &mut Desk {
        self.desks.get_mut(self.label).expect("DeskRef::new inserted it")
    }
}

impl Till {
    /// The desk of the window labelled `label` (nobody signed in, for a new window).
    pub(crate) fn desk<'a>(&'a self, label: &'a str) -> DeskRef<'a> {
        // The desks hold plain values: a panic elsewhere cannot leave one half-written.
        let mut desks = self.desks.lock().unwrap_or_else(|p| p.into_inner());
        desks.entry(label.to_string()).or_default();
        DeskRef { desks, label }
    }

    /// A closed window's desk is forgotten: nobody acts there any more.
    pub(crate) fn forget_desk(&self, label: &str) {
        self.desks.lock().unwrap_or_else(|p| p.into_inner()).remove(label);
    }

    /// Who acts now in the window labelled `label`: the signed-in, unlocked person (the approver
    /// of the sale under way, for sales).
    pub(crate) fn actor(&self, label: &str, locale: Locale, for_sale: bool) -> Reply<Actor> {
        let desk = self.desk(label);
        match (&desk.user, desk.locked) {
            (Some(user), false) => {
                Ok(if for_sale { desk.approver.clone().unwrap_or_else(|| user.clone()) } else { user.clone() })
            }
            _ => Err(UiError::from_book(&onebook::Error::NotSignedIn, locale)),
        }
    }
}

/// What the sign-in screen shows: the shop, its staff, the demo PINs while they hold, the lock
/// timeout, and whether someone is signed in (a reloaded window) or the till is locked.
#[derive(Debug, Serialize)]
pub struct Door {
    shop: String,
    users: Vec<onebook::signin::SignInUser>,
    demo_pins: Vec<(String, String)>,
    /// Seconds without input before the window locks (0: never); `ONEBOOK_LOCK_AFTER_SECONDS`
    /// overrides the till's setting (tests, a kiosk).
    lock_after_seconds: i64,
    session: Option<Session>,
    locked_by: Option<String>,
}

#[tauri::command]
pub async fn door(window: tauri::Window, till: State<'_, Till>, locale: String) -> Reply<Door> {
    let (user, locked) = {
        let desk = till.desk(window.label());
        (desk.user.clone(), desk.locked)
    };
    with_book(&till, locale_of(&locale), move |book| {
        let env = std::env::var("ONEBOOK_LOCK_AFTER_SECONDS").ok().and_then(|s| s.trim().parse::<i64>().ok());
        let lock_after_seconds = match env {
            Some(s) => s.max(0),
            None => book.lock_after_minutes()? * 60,
        };
        Ok(Door {
            shop: book.shop()?.name,
            users: book.sign_in_users()?,
            // Checking the demo PINs is 5 argon2 verifications (slow on purpose): the window asks
            // for them after the sign-in screen is up (`demo_pins`), so start-up never waits on them.
            demo_pins: Vec::new(),
            lock_after_seconds,
            session: match &user {
                Some(u) if !locked => Some(session_of(book, u)?),
                _ => None,
            },
            locked_by: user.filter(|_| locked).map(|u| u.username),
        })
    })
    .await
}

/// The demo accounts whose PIN is still the demo's (`Book::demo_pins`), for the sign-in screen's
/// hint; asked after the screen is shown.
#[tauri::command]
pub async fn demo_pins(till: State<'_, Till>, locale: String) -> Reply<Vec<(String, String)>> {
    with_book(&till, locale_of(&locale), |book| book.demo_pins()).await
}

/// Sign in with a PIN (the library counts wrong ones and locks); the person then acts at this till.
#[tauri::command]
pub async fn sign_in(
    window: tauri::Window,
    till: State<'_, Till>,
    username: String,
    pin: String,
    locale: String,
) -> Reply<Session> {
    let locked_by = {
        let desk = till.desk(window.label());
        desk.user.clone().filter(|_| desk.locked)
    };
    let (actor, session) = with_book(&till, locale_of(&locale), move |book| {
        let now = Timestamp::now();
        // A locked till opens only for the same person or an owner (the library decides).
        let actor = match &locked_by {
            Some(locked) => book.unlock(locked, &username, &pin, now)?,
            None => book.sign_in(&username, &pin, now)?,
        };
        let session = session_of(book, &actor)?;
        Ok((actor, session))
    })
    .await?;
    let mut desk = till.desk(window.label());
    *desk = Desk { user: Some(actor), locked: false, approver: None };
    Ok(session)
}

/// Sign out: nobody acts at this till until the next PIN.
#[tauri::command]
pub async fn sign_out(window: tauri::Window, till: State<'_, Till>) -> Reply<()> {
    *till.desk(window.label()) = Desk::default();
    Ok(())
}

/// Lock the till (inactivity, or the cashier stepping away): the cart stays in the window, and
/// nothing is done until the same person or an owner types their PIN.
#[tauri::command]
pub async fn lock(window: tauri::Window, till: State<'_, Till>) -> Reply<()> {
    let mut desk = till.desk(window.label());
    if desk.user.is_some() {
        desk.locked = true;
        desk.approver = None;
    }
    Ok(())
}

/// Someone allowed to do `action` approves it for the cashier's sale under way with their PIN
/// typed now; the approval is in the audit trail, and the sale is then done as the approver.
#[tauri::command]
pub async fn approve(
    window: tauri::Window,
    till: State<'_, Till>,
    action: String,
    approver: String,
    pin: String,
    locale: String,
) -> Reply<String> {
    let loc = locale_of(&locale);
    let asking = till.actor(window.label(), loc, false)?;
    let Some(action) = onebook::people::ALL_ACTIONS.iter().copied().find(|a| a.as_str() == action) else {
        return Err(UiError::from_book(&onebook::Error::invalid("action", "an act of the permission table"), loc));
    };
    let who =
        with_book(&till, loc, move |book| book.approve(&asking, &approver, &pin, action, Timestamp::now())).await?;
    let name = who.username.clone();
    till.desk(window.label()).approver = Some(who);
    Ok(name)
}

/// Drop an approval not used (the sale was emptied or the approved line removed).
#[tauri::command]
pub async fn drop_approval(window: tauri::Window, till: State<'_, Till>) -> Reply<()> {
    till.desk(window.label()).approver = None;
    Ok(())
}

#[tauri::command]
pub async fn session(window: tauri::Window, till: State<'_, Till>, locale: String) -> Reply<Session> {
    let actor = till.actor(window.label(), locale_of(&locale), false)?;
    with_book(&till, locale_of(&locale), move |book| session_of(book, &actor)).await
}

/// The last good backup, its age, and what needs the owner (stale, folder missing).
#[tauri::command]
pub async fn backup_status(
    window: tauri::Window,
    till: State<'_, Till>,
    locale: String,
) -> Reply<onebook::backup::BackupStatus> {
    till.actor(window.label(), locale_of(&locale), false)?;
    with_book(&till, locale_of(&locale), |book| book.backup_status(Timestamp::now())).await
}

/// "Back up now" (where to is the library's rule: `Book::backup_now`). Owner only (the library
/// refuses the others).
#[tauri::command]
pub async fn backup_now(window: tauri::Window, till: State<'_, Till>, locale: String) -> Reply<onebook::BackupReport> {
    let actor = till.actor(window.label(), locale_of(&locale), false)?;
    with_book(&till, locale_of(&locale), move |book| book.backup_now(&actor, Timestamp::now())).await
}

/// The audit trail, filtered (act, user, local days), newest first; owner and accountant.
#[tauri::command]
pub async fn audit(
    window: tauri::Window,
    till: State<'_, Till>,
    filter: onebook::audit::AuditFilter,
    locale: String,
) -> Reply<Vec<onebook::AuditEntry>> {
    let actor = till.actor(window.label(), locale_of(&locale), false)?;
    with_book(&till, locale_of(&locale), move |book| book.audit_search(&actor, &filter)).await
}

/// `audit verify`: the hash chain intact, or the first entry that no longer fits.
#[tauri::command]
pub async fn audit_verify(
    window: tauri::Window,
    till: State<'_, Till>,
    locale: String,
) -> Reply<onebook::VerifyReport> {
    let actor = till.actor(window.label(), locale_of(&locale), false)?;
    with_book(&till, locale_of(&locale), move |book| book.audit_verify(&actor)).await
}

/// A scanned or typed code (barcode or SKU): the product, the unit it stands for, stock, prices.
#[tauri::command]
pub async fn lookup(window: tauri::Window, till: State<'_, Till>, code: String, locale: String) -> Reply<StockView> {
    till.actor(window.label(), locale_of(&locale), false)?;
    with_book(&till, locale_of(&locale), move |book| book.stock(&code)).await
}

/// The sale draft the till builds: `{lines: [{barcode|sku, qty, unit}], payments?: [...]}`.
pub(crate) fn sale_draft(mut draft: serde_json::Value) -> onebook::Result<DocumentDraft> {
    if let Some(obj) = draft.as_object_mut() {
        obj.insert("kind".into(), "sale".into());
    }
    DocumentDraft::from_value(draft)
}

/// What the sale would be (lines priced, VAT, totals, change), checked by the same rules as
/// posting, without recording anything.
#[tauri::command]
pub async fn quote_sale(
    window: tauri::Window,
    till: State<'_, Till>,
    draft: serde_json::Value,
    locale: String,
) -> Reply<Document> {
    let actor = till.actor(window.label(), locale_of(&locale), true)?;
    with_book(&till, locale_of(&locale), move |book| book.quote(&actor, &sale_draft(draft)?, Timestamp::now())).await
}

/// Record the sale; every open window is told the stock changed.
#[tauri::command]
pub async fn post_sale(
    app: AppHandle,
    window: tauri::Window,
    till: State<'_, Till>,
    draft: serde_json::Value,
    locale: String,
) -> Reply<Document> {
    let actor = till.actor(window.label(), locale_of(&locale), true)?;
    let doc =
        with_book(&till, locale_of(&locale), move |book| book.post(&actor, &sale_draft(draft)?, Timestamp::now()))
            .await?;
    // An owner's approval covers one sale: this one.
    till.desk(window.label()).approver = None;
    let skus: Vec<&str> = doc.lines.iter().map(|l| l.sku.as_str()).collect();
    // The sale is committed whatever happens to the event; a window that misses it refreshes later.
    let _ = app.emit("stock-changed", serde_json::json!({ "doc_no": doc.doc_no, "skus": skus }));
    Ok(doc)
}

/// A committed document by its number.
#[tauri::command]
pub async fn document(window: tauri::Window, till: State<'_, Till>, doc_no: String, locale: String) -> Reply<Document> {
    till.actor(window.label(), locale_of(&locale), false)?;
    with_book(&till, locale_of(&locale), move |book| book.document(&doc_no)).await
}

/// The wholesale buyers the counter picks from, with their tier, credit limit and terms.
#[tauri::command]
pub async fn buyers(window: tauri::Window, till: State<'_, Till>, locale: String) -> Reply<Vec<BuyerAccount>> {
    let actor = till.actor(window.label(), locale_of(&locale), false)?;
    with_book(&till, locale_of(&locale), move |book| book.buyers(&actor)).await
}

/// What any draft (an invoice at the counter, a return) would record, without recording it.
#[tauri::command]
pub async fn quote_document(
    window: tauri::Window,
    till: State<'_, Till>,
    draft: serde_json::Value,
    locale: String,
) -> Reply<Document> {
    let actor = till.actor(window.label(), locale_of(&locale), false)?;
    with_book(&till, locale_of(&locale), move |book| {
        book.quote(&actor, &DocumentDraft::from_value(draft)?, Timestamp::now())
    })
    .await
}

/// Record any draft (an invoice, a retail or wholesale return); every window is told the stock changed.
#[tauri::command]
pub async fn post_document(
    app: AppHandle,
    window: tauri::Window,
    till: State<'_, Till>,
    draft: serde_json::Value,
    locale: String,
) -> Reply<Document> {
    let actor = till.actor(window.label(), locale_of(&locale), false)?;
    let doc = with_book(&till, locale_of(&locale), move |book| {
        book.post(&actor, &DocumentDraft::from_value(draft)?, Timestamp::now())
    })
    .await?;
    let skus: Vec<&str> = doc.lines.iter().map(|l| l.sku.as_str()).collect();
    let _ = app.emit("stock-changed", serde_json::json!({ "doc_no": doc.doc_no, "skus": skus }));
    Ok(doc)
}

/// Where this device replicates to and how far behind it is (the header's badge polls it).
#[tauri::command]
pub async fn sync_status(till: State<'_, Till>) -> Reply<SyncStatus> {
    with_book(&till, Locale::En, |book| book.sync_status()).await
}

// ---------------------------------------------------------------------------------------------
// The back office: the catalog list, the month view and its pack.

/// A page of the catalog (anyone signed in may look products up).
#[tauri::command]
pub async fn products_page(
    window: tauri::Window,
    till: State<'_, Till>,
    query: String,
    offset: usize,
    limit: usize,
    locale: String,
) -> Reply<onebook::search::ProductPage> {
    let locale = locale_of(&locale);
    till.actor(window.label(), locale, false)?;
    with_book(&till, locale, move |book| book.products_page(&query, offset, limit)).await
}

/// The month's figures per channel (who may see reports).
#[tauri::command]
pub async fn month_report(
    window: tauri::Window,
    till: State<'_, Till>,
    month: String,
    locale: String,
) -> Reply<onebook::MonthReport> {
    let locale = locale_of(&locale);
    let actor = till.actor(window.label(), locale, false)?;
    with_book(&till, locale, move |book| book.report_month(&actor, &month)).await
}

/// Gross sales per local day and channel, for the month view's chart.
#[tauri::command]
pub async fn daily_sales(
    window: tauri::Window,
    till: State<'_, Till>,
    month: String,
    locale: String,
) -> Reply<Vec<onebook::export::pdf::DaySales>> {
    let locale = locale_of(&locale);
    let actor = till.actor(window.label(), locale, false)?;
    with_book(&till, locale, move |book| book.daily_sales(&actor, &month)).await
}

/// Write the month pack (XLSX, CSV folder or PDF) into `exports/` beside the book, reporting
/// progress as `export-progress` events. It runs on a connection of its own, reading one snapshot:
/// the till's lock is not held, so sales go on while it writes.
#[tauri::command]
pub async fn export_month(
    app: AppHandle,
    window: tauri::Window,
    till: State<'_, Till>,
    month: String,
    format: String,
    locale: String,
) -> Reply<String> {
    let locale = locale_of(&locale);
    let actor = till.actor(window.label(), locale, false)?;
    // A connection of its own (with the book's key), so the till's lock is not held.
    let reader = with_book(&till, locale, |book| book.reader()).await?;
    tauri::async_runtime::spawn_blocking(move || {
        let fail = |e: onebook::Error| UiError::from_book(&e, locale);
        let report = reader
            .export_month_beside(&actor, &month, &format, locale, &mut |p| {
                let _ = app.emit("export-progress", p);
            })
            .map_err(fail)?;
        Ok(report.path)
    })
    .await
    .map_err(UiError::internal)?
}
