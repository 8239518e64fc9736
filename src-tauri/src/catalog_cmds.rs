//! The stockroom's commands: a product's edit form and its save, the product CSV import with
//! progress. Goods receipts and stock counts are documents: the UI posts them with
//! `quote_document` / `post_document` (commands.rs). Each command parses, calls one `Book`
//! function, and maps the result or the error.

use onebook::product_form::ProductForm;
use onebook::{ImportOptions, ImportReport, Timestamp};
use serde::Serialize;
use tauri::{AppHandle, Emitter, State};

use crate::commands::{locale_of, with_book, Reply, Till, UiError};

/// The product behind a SKU or barcode, every field as the edit screen shows it.
#[tauri::command]
pub async fn product_form(
    window: tauri::Window,
    till: State<'_, Till>,
    code: String,
    locale: String,
) -> Reply<ProductForm> {
    let locale = locale_of(&locale);
    till.actor(window.label(), locale, false)?;
    with_book(&till, locale, move |book| book.product_form(&code)).await
}

/// Save a product (owner; the library refuses the others). Every window is told the catalog changed.
#[tauri::command]
pub async fn save_product(
    app: AppHandle,
    window: tauri::Window,
    till: State<'_, Till>,
    form: ProductForm,
    locale: String,
) -> Reply<ProductForm> {
    let locale = locale_of(&locale);
    let actor = till.actor(window.label(), locale, false)?;
    let saved = with_book(&till, locale, move |book| book.save_product_form(&actor, &form, Timestamp::now())).await?;
    let _ = app.emit("catalog-changed", serde_json::json!({ "sku": saved.sku }));
    Ok(saved)
}

/// What an import did, or why it did nothing: the bad rows (line, column, message in the window's
/// language) when the file was refused as a whole.
#[derive(Debug, Serialize)]
pub struct ImportOutcome {
    /// Written (all rows, or the good ones with `skip_bad`).
    report: Option<ImportReport>,
    /// Nothing written: these rows are bad.
    rejected: Vec<onebook::error::RowError>,
}

/// Import the product CSV at `path`, reporting progress as `import-progress` events. It runs on a
/// connection of its own, so the till's commands are not queued behind it.
#[tauri::command]
pub async fn import_products(
    app: AppHandle,
    window: tauri::Window,
    till: State<'_, Till>,
    path: String,
    skip_bad: bool,
    locale: String,
) -> Reply<ImportOutcome> {
    let locale = locale_of(&locale);
    // Row messages in the window's language, whatever the person's own.
    let mut actor = till.actor(window.label(), locale, false)?;
    actor.locale = locale;
    let mut book = with_book(&till, locale, |book| book.reader()).await?;
    tauri::async_runtime::spawn_blocking(move || {
        let path = path.trim().to_string();
        let file = std::fs::File::open(&path)
            .map_err(|e| onebook::Error::Io { path: path.clone(), detail: e.to_string() })
            .map_err(|e| UiError::from_book(&e, locale))?;
        let mut progress = |p: onebook::ImportProgress| {
            let _ = app.emit("import-progress", p);
        };
        let options = ImportOptions { skip_bad };
        match book.import_products(&actor, std::io::BufReader::new(file), options, &mut progress, Timestamp::now()) {
            Ok(report) => {
                let _ = app.emit("catalog-changed", serde_json::json!({}));
                Ok(ImportOutcome { report: Some(report), rejected: vec![] })
            }
            Err(onebook::Error::ImportRejected { rows, .. }) => Ok(ImportOutcome { report: None, rejected: rows }),
            Err(e) => Err(UiError::from_book(&e, locale)),
        }
    })
    .await
    .map_err(UiError::internal)?
}
