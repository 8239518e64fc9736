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
