//! The desktop app's start-up (`onebook::desktop`): an empty book waits for the first-run wizard
//! unless the demo is asked for; the wizard's shop and owner's PIN are written together or not at
//! all; a window sees through `data_version` what another process committed to its book.

mod common;

use common::{json, onebook};
use onebook::desktop::{open_app_book, Opened};
use onebook::{Book, Locale, ShopSetup, Timestamp};
use rust_decimal::Decimal;

fn thai_shop() -> ShopSetup {
    ShopSetup {
        tax_number: Some("0105561000001".into()),
        locale: Locale::Th,
        owner_username: "somsak".into(),
        owner_name: Some("สมศักดิ์".into()),
        ..ShopSetup::new("ร้านสมศักดิ์", "THB", Decimal::from(7), "Asia/Bangkok")
    }
}

#[test]
fn an_empty_book_waits_for_the_wizard_unless_the_demo_is_asked() {
    let dir = tempfile::tempdir().unwrap();
    // The folder does not exist yet: the app creates it.
    let path = dir.path().join("new/folder/book.sqlite3");
    let now = Timestamp::now();
    let (book, opened) = open_app_book(&path, false, now).unwrap();
    assert_eq!(opened, Opened::FirstRun);
    assert!(book.needs_first_run().unwrap());
    drop(book);
    // Asked for the demo, the same empty book gets the demo shop; opened again, it is ready.
    let (book, opened) = open_app_book(&path, true, now).unwrap();
    let Opened::DemoSeeded { products, .. } = opened else { panic!("expected the demo, got {opened:?}") };
    let listed = json(onebook(&path, &["--json", "products", "--limit", "1"]))["total"].as_u64().unwrap();
    assert_eq!(products as u64, listed, "the demo's products are in the book the CLI reads");
    assert!(!book.needs_first_run().unwrap());
    drop(book);
    let (_, opened) = open_app_book(&path, true, now).unwrap();
    assert_eq!(opened, Opened::Ready, "a book with a shop is never seeded again");
}

#[test]
fn the_wizard_creates_the_shop_and_the_owner_signs_in_with_the_pin_set() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    let (mut book, _) = open_app_book(&path, false, Timestamp::now()).unwrap();
    let owner = book.start_shop(&thai_shop(), "482913", Timestamp::now()).unwrap();
    assert_eq!(owner.username, "somsak");
    assert_eq!(owner.role, onebook::Role::Owner);
    assert_eq!(owner.locale, Locale::Th);
    let shop = book.shop().unwrap();
    assert_eq!((shop.name.as_str(), shop.currency.as_str()), ("ร้านสมศักดิ์", "THB"));
    assert_eq!(shop.tax_number.as_deref(), Some("0105561000001"));
    // The PIN typed in the wizard is the owner's; another is refused.
    let wrong = book.sign_in("somsak", "000000", Timestamp::now()).unwrap_err();
    assert_eq!(wrong.code(), "wrong-pin", "{wrong}");
    let signed = book.sign_in("somsak", "482913", Timestamp::now()).unwrap();
    assert_eq!(signed.user_id, owner.user_id);
    // The file holds it for any other connection (the CLI's), and a second wizard is refused.
    assert_eq!(Book::open(&path).unwrap().shop().unwrap().name, "ร้านสมศักดิ์");
    let again = book.start_shop(&thai_shop(), "482913", Timestamp::now()).unwrap_err();
    assert_eq!(again.code(), "already-initialized");
}

#[test]
fn a_refused_wizard_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    let (mut book, _) = open_app_book(&path, false, Timestamp::now()).unwrap();
    // A PIN too short: refused with its field, before anything is written.
    let e = book.start_shop(&thai_shop(), "12", Timestamp::now()).unwrap_err();
    assert_eq!((e.code(), e.field()), ("invalid-input", Some("pin")), "{e}");
    assert!(book.needs_first_run().unwrap());
    // A currency the library does not know: the shop is refused and no owner is left behind.
    let bad = ShopSetup { currency: "XYZ".into(), ..thai_shop() };
    let e = book.start_shop(&bad, "482913", Timestamp::now()).unwrap_err();
    assert_eq!((e.code(), e.field()), ("unknown-currency", Some("currency")), "{e}");
    assert!(book.needs_first_run().unwrap());
    assert!(book.sign_in_users().unwrap().is_empty(), "no account without its shop");
    // Fixed, it goes through on the same book.
    book.start_shop(&thai_shop(), "482913", Timestamp::now()).unwrap();
    assert!(!book.needs_first_run().unwrap());
}

#[test]
fn a_window_sees_what_another_process_committed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    let (book, _) = open_app_book(&path, true, Timestamp::now()).unwrap();
    let before = book.data_version().unwrap();
    assert_eq!(book.data_version().unwrap(), before, "nothing committed, nothing changed");
    // Another process (the CLI) sells a piece on the same book.
    let draft = dir.path().join("sale.json");
    std::fs::write(&draft, r#"{"kind": "sale", "lines": [{"barcode": "6290001000015", "qty": 1}]}"#).unwrap();
    let sold = json(onebook(&path, &["--json", "--user", "cashier", "post", draft.to_str().unwrap()]));
    assert!(sold["doc_no"].as_str().unwrap().starts_with("S-"), "{sold}");
    assert_ne!(book.data_version().unwrap(), before, "the window's connection sees the other commit");
}

/// The till's scan (`Book::quote_scan`): the sale with the scanned line priced, and the scanned
/// product's stock, in one call; a code the catalog does not know is refused, nothing recorded.
#[test]
fn a_scan_is_quoted_with_the_stock_of_what_was_scanned() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    let now = Timestamp::now();
    let (mut book, _) = open_app_book(&path, true, now).unwrap();
    let cashier = book.sign_in("cashier", "2222", now).unwrap();
    let piece = "6290001000015";
    let draft = |code: &str| {
        onebook::DocumentDraft::from_value(serde_json::json!({"kind": "sale", "lines": [{"code": code, "qty": 2}]}))
            .unwrap()
    };
    let before = book.stock(piece).unwrap();
    let got = book.quote_scan(&cashier, &draft(piece), piece, now).unwrap();
    assert_eq!(got.quote.lines.len(), 1);
    assert_eq!(got.quote.lines[0].sku, got.stock.sku);
    assert_eq!(got.quote.lines[0].qty_base, 2);
    assert_eq!(got.stock.on_hand, before.on_hand, "a quote records nothing");
    let refused = book.quote_scan(&cashier, &draft("NO-SUCH-CODE"), "NO-SUCH-CODE", now).unwrap_err();
    assert_eq!(refused.code(), "unknown-product");
}
