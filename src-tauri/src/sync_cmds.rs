//! The sync settings and conflicts screen's commands (owner): each parses, calls one library
//! function, and hands back what it returned. Registration starts the background sync at once.

use onebook::sync::cloud::{Registration, SyncReport};
use onebook::sync::Conflict;
use onebook::{Document, Timestamp};
use tauri::State;

use crate::commands::{locale_of, with_book, Reply, Till};

/// Register this till with a tenant (the admin URL is used once, never stored) and start syncing.
#[tauri::command]
pub async fn sync_register(
    window: tauri::Window,
    till: State<'_, Till>,
    server: String,
    tenant: String,
    locale: String,
) -> Reply<Registration> {
    let locale = locale_of(&locale);
    let actor = till.actor(window.label(), locale, false)?;
    with_book(&till, locale, move |book| {
        let on_error = |what: &str, e: &onebook::Error| eprintln!("onebook-desktop: {what}: [{}] {e}", e.code());
        onebook::background::register_and_sync(book, &actor, &server, &tenant, Timestamp::now(), on_error)
    })
    .await
}

/// One round of sync now: push this till's log, pull and merge the others'.
#[tauri::command]
pub async fn sync_now(window: tauri::Window, till: State<'_, Till>, locale: String) -> Reply<SyncReport> {
    let locale = locale_of(&locale);
    let actor = till.actor(window.label(), locale, false)?;
    with_book(&till, locale, move |book| book.sync_once(&actor, Timestamp::now())).await
}

/// What merging found: oversold products with every till's sales, returns received twice.
#[tauri::command]
pub async fn sync_conflicts(window: tauri::Window, till: State<'_, Till>, locale: String) -> Reply<Vec<Conflict>> {
    let locale = locale_of(&locale);
    let actor = till.actor(window.label(), locale, false)?;
    with_book(&till, locale, move |book| book.sync_conflicts(&actor)).await
}

/// Resolve an oversold conflict with the quantity counted on the shelf (a count document).
#[tauri::command]
pub async fn resolve_conflict_count(
    window: tauri::Window,
    till: State<'_, Till>,
    id: i64,
    counted: String,
    locale: String,
) -> Reply<Document> {
    let locale = locale_of(&locale);
    let actor = till.actor(window.label(), locale, false)?;
    with_book(&till, locale, move |book| book.resolve_conflict_with_count(&actor, id, &counted, Timestamp::now())).await
}

/// The stock locations (main first), for covering a conflict from another one.
#[tauri::command]
pub async fn locations(
    window: tauri::Window,
    till: State<'_, Till>,
    locale: String,
) -> Reply<Vec<onebook::transfer::Location>> {
    let locale = locale_of(&locale);
    till.actor(window.label(), locale, false)?;
    with_book(&till, locale, move |book| book.locations()).await
}

/// Resolve an oversold conflict by a transfer of exactly the shortfall from another location.
#[tauri::command]
pub async fn resolve_conflict_transfer(
    window: tauri::Window,
    till: State<'_, Till>,
    id: i64,
    from: String,
    locale: String,
) -> Reply<Document> {
    let locale = locale_of(&locale);
    let actor = till.actor(window.label(), locale, false)?;
    with_book(&till, locale, move |book| book.resolve_conflict_by_transfer(&actor, id, &from, Timestamp::now())).await
}
