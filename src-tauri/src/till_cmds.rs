//! The first-run wizard's two choices and the change counter the windows poll. Each command
//! parses, calls one library function, and maps its result (see `commands`).

use onebook::{Locale, ShopSetup, Timestamp};
use serde::Deserialize;
use tauri::State;

use crate::commands::{locale_of, with_book, Reply, Till, UiError};

/// What the wizard asks: the shop and its owner's account.
#[derive(Debug, Deserialize)]
pub struct NewShop {
    name: String,
    tax_number: String,
    currency: String,
    /// The default VAT rate in percent, as typed (`7`, `5.5`).
    vat: String,
    time_zone: String,
    /// The shop's language (and the owner's), a locale tag.
    language: String,
    owner: String,
    owner_name: String,
    pin: String,
}

/// The wizard's "create my shop": the shop and the owner's PIN, in one transaction
/// (`Book::start_shop`); the owner then signs in with that PIN.
#[tauri::command]
pub async fn start_shop(till: State<'_, Till>, shop: NewShop, locale: String) -> Reply<String> {
    let loc = locale_of(&locale);
    let fail = |e: onebook::Error| UiError::from_book(&e, loc);
    let vat = onebook::money::parse_vat_rate(&shop.vat, "vat").map_err(fail)?;
    let language = Locale::parse(&shop.language)
        .ok_or_else(|| fail(onebook::Error::invalid("language", "one of the seven languages")))?;
    let owner_name = shop.owner_name.trim().to_string();
    let setup = ShopSetup {
        tax_number: Some(shop.tax_number),
        locale: language,
        owner_username: shop.owner.trim().to_string(),
        owner_name: (!owner_name.is_empty()).then_some(owner_name),
        ..ShopSetup::new(shop.name, shop.currency, vat, shop.time_zone)
    };
    let pin = shop.pin;
    with_book(&till, loc, move |book| book.start_shop(&setup, &pin, Timestamp::now()).map(|owner| owner.username)).await
}

/// The wizard's "open the demo shop" (`onebook::demo::seed`): the same demo as `onebook demo`.
#[tauri::command]
pub async fn open_demo(till: State<'_, Till>, locale: String) -> Reply<usize> {
    with_book(&till, locale_of(&locale), |book| {
        onebook::demo::seed(book, Timestamp::now()).map(|(products, _)| products)
    })
    .await
}

/// The book's change counter (`Book::data_version`): it moves when another process commits to
/// the same book, and the window then reads again what it shows.
#[tauri::command]
pub async fn data_version(till: State<'_, Till>) -> Reply<i64> {
    with_book(&till, Locale::En, |book| book.data_version()).await
}

/// The till's scan: the sale with the scanned line quoted and the scanned product's stock, in one
/// round trip (`Book::quote_scan`), so the next scan never waits behind a second request.
#[tauri::command]
pub async fn quote_scan(
    window: tauri::Window,
    till: State<'_, Till>,
    draft: serde_json::Value,
    code: String,
    locale: String,
) -> Reply<onebook::desktop::ScanQuote> {
    let loc = locale_of(&locale);
    let actor = till.actor(window.label(), loc, true)?;
    with_book(&till, loc, move |book| {
        let draft = crate::commands::sale_draft(draft)?;
        book.quote_scan(&actor, &draft, &code, Timestamp::now())
    })
    .await
}

/// The window says a screen is ready for its person (`sign-in`: the PIN pad takes keys; `till`:
/// the scan field has the focus). The milliseconds since the process started are printed (the
/// start-up figure a test reads without WebDriver) and returned (the page keeps them).
#[tauri::command]
pub fn ui_ready(window: tauri::Window, stage: String) -> u128 {
    let ms = crate::STARTED.get().map(|t| t.elapsed().as_millis()).unwrap_or(0);
    eprintln!("onebook-desktop: {stage} ready in window {} {ms} ms after start", window.label());
    ms
}

/// Ctrl+N: another window on the same book in this process (a cashier at the till and the owner
/// at the counter, each signed in on their own). Sales in either reach both (`stock-changed`).
#[tauri::command]
pub async fn open_window(app: tauri::AppHandle) -> Result<String, UiError> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(2);
    let label = format!("till-{}", NEXT.fetch_add(1, Ordering::Relaxed));
    tauri::WebviewWindowBuilder::new(&app, &label, tauri::WebviewUrl::App("index.html".into()))
        .title("Onebook")
        .inner_size(1100.0, 720.0)
        .build()
        .map_err(UiError::internal)?;
    Ok(label)
}
