//! The commands the UI invokes: parse, call one `Book` function on a blocking thread, map.

use std::sync::{Arc, Mutex};

use onebook::sync::SyncStatus;
use onebook::{Book, BuyerAccount, Document, DocumentDraft, Locale, StockView, Timestamp};
use serde::Serialize;
use tauri::{AppHandle, Emitter, State};

/// The open book, shared by the commands; SQLite work runs under its lock on a blocking thread.
pub struct Till {
    pub book: Arc<Mutex<Book>>,
}

/// An error as the UI shows it: a stable code to branch on, the message in the user's language,
/// and the field at fault (`lines[2].qty`) when there is one.
#[derive(Debug, Serialize)]
pub struct UiError {
    code: String,
    message: String,
    field: Option<String>,
}

impl UiError {
    fn from_book(e: &onebook::Error, locale: Locale) -> UiError {
        UiError { code: e.code().to_string(), message: e.message(locale), field: e.field().map(str::to_string) }
    }

    fn internal(detail: impl ToString) -> UiError {
        UiError { code: "internal".into(), message: detail.to_string(), field: None }
    }
}

type Reply<T> = Result<T, UiError>;

fn locale_of(tag: &str) -> Locale {
    Locale::parse(tag).unwrap_or(Locale::En)
}

/// Run `work` with the book on a blocking thread, so the window never waits on SQLite.
async fn with_book<T, F>(till: &Till, locale: Locale, work: F) -> Reply<T>
where
    T: Send + 'static,
    F: FnOnce(&mut Book) -> onebook::Result<T> + Send + 'static,
{
    let book = Arc::clone(&till.book);
    tauri::async_runtime::spawn_blocking(move || {
        let mut book = book.lock().map_err(|_| UiError::internal("the book's lock is poisoned"))?;
        work(&mut book).map_err(|e| UiError::from_book(&e, locale))
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

/// The person acting: `ONEBOOK_USER` like the CLI, else the first owner (no login screen yet).
fn acting_user() -> Option<String> {
    std::env::var("ONEBOOK_USER").ok().filter(|u| !u.is_empty())
}

#[tauri::command]
pub async fn session(till: State<'_, Till>) -> Reply<Session> {
    with_book(&till, Locale::En, |book| {
        let shop = book.shop()?;
        let actor = book.actor(acting_user().as_deref())?;
        Ok(Session {
            shop: shop.name,
            currency: shop.currency,
            user: actor.username,
            role: actor.role,
            locale: actor.locale,
            actions: onebook::people::allowed_actions(actor.role),
        })
    })
    .await
}

/// A scanned or typed code (barcode or SKU): the product, the unit it stands for, stock, prices.
#[tauri::command]
pub async fn lookup(till: State<'_, Till>, code: String, locale: String) -> Reply<StockView> {
    with_book(&till, locale_of(&locale), move |book| book.stock(&code)).await
}

/// The sale draft the till builds: `{lines: [{barcode|sku, qty, unit}], payments?: [...]}`.
fn sale_draft(mut draft: serde_json::Value) -> onebook::Result<DocumentDraft> {
    if let Some(obj) = draft.as_object_mut() {
        obj.insert("kind".into(), "sale".into());
    }
    DocumentDraft::from_value(draft)
}

/// What the sale would be (lines priced, VAT, totals, change), checked by the same rules as
/// posting, without recording anything.
#[tauri::command]
pub async fn quote_sale(till: State<'_, Till>, draft: serde_json::Value, locale: String) -> Reply<Document> {
    with_book(&till, locale_of(&locale), move |book| {
        let actor = book.actor(acting_user().as_deref())?;
        book.quote(&actor, &sale_draft(draft)?, Timestamp::now())
    })
    .await
}

/// Record the sale; every open window is told the stock changed.
#[tauri::command]
pub async fn post_sale(
    app: AppHandle,
    till: State<'_, Till>,
    draft: serde_json::Value,
    locale: String,
) -> Reply<Document> {
    let doc = with_book(&till, locale_of(&locale), move |book| {
        let actor = book.actor(acting_user().as_deref())?;
        book.post(&actor, &sale_draft(draft)?, Timestamp::now())
    })
    .await?;
    let skus: Vec<&str> = doc.lines.iter().map(|l| l.sku.as_str()).collect();
    // The sale is committed whatever happens to the event; a window that misses it refreshes later.
    let _ = app.emit("stock-changed", serde_json::json!({ "doc_no": doc.doc_no, "skus": skus }));
    Ok(doc)
}

/// A committed document by its number.
#[tauri::command]
pub async fn document(till: State<'_, Till>, doc_no: String, locale: String) -> Reply<Document> {
    with_book(&till, locale_of(&locale), move |book| book.document(&doc_no)).await
}

/// The wholesale buyers the counter picks from, with their tier, credit limit and terms.
#[tauri::command]
pub async fn buyers(till: State<'_, Till>, locale: String) -> Reply<Vec<BuyerAccount>> {
    with_book(&till, locale_of(&locale), |book| {
        let actor = book.actor(acting_user().as_deref())?;
        book.buyers(&actor)
    })
    .await
}

/// What any draft (an invoice at the counter, a return) would record, without recording it.
#[tauri::command]
pub async fn quote_document(till: State<'_, Till>, draft: serde_json::Value, locale: String) -> Reply<Document> {
    with_book(&till, locale_of(&locale), move |book| {
        let actor = book.actor(acting_user().as_deref())?;
        book.quote(&actor, &DocumentDraft::from_value(draft)?, Timestamp::now())
    })
    .await
}

/// Record any draft (an invoice, a retail or wholesale return); every window is told the stock changed.
#[tauri::command]
pub async fn post_document(
    app: AppHandle,
    till: State<'_, Till>,
    draft: serde_json::Value,
    locale: String,
) -> Reply<Document> {
    let doc = with_book(&till, locale_of(&locale), move |book| {
        let actor = book.actor(acting_user().as_deref())?;
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
