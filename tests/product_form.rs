//! The owner's product edit screen, through the library: what is typed is what is stored, each
//! bad value is refused naming its own field with nothing written, and only the owner may save.

use onebook::barcode::with_check_digit;
use onebook::product_form::{FormBarcode, FormPrice, FormUnit, ProductForm};
use onebook::{Actor, Book, Locale, NewUser, Role, ShopSetup, Timestamp};
use rust_decimal::Decimal;

fn shop(dir: &std::path::Path) -> (Book, Actor) {
    let mut book = Book::open(dir.join("shop.sqlite3")).unwrap();
    let setup =
        ShopSetup { locale: Locale::En, ..ShopSetup::new("Kedai Maju", "MYR", Decimal::from(6), "Asia/Kuala_Lumpur") };
    let owner = book.init(&setup, Timestamp::now()).unwrap();
    (book, owner)
}

/// A kettle sold by the piece and by the carton of 12, as the owner types it.
fn kettle(piece_code: &str, carton_code: &str) -> ProductForm {
    ProductForm {
        sku: "KETTLE-17".into(),
        name: "Electric kettle 1.7 L".into(),
        base_unit: "piece".into(),
        vat_rate: "6".into(),
        reserve: "5".into(),
        allow_negative: false,
        category: "Kitchen".into(),
        units: vec![FormUnit { unit: "carton".into(), factor: "12".into() }],
        barcodes: vec![
            FormBarcode { unit: "piece".into(), code: piece_code.into() },
            FormBarcode { unit: "carton".into(), code: carton_code.into() },
        ],
        prices: vec![
            FormPrice { unit: "piece".into(), retail: "89.90".into(), wholesale: "75".into() },
            FormPrice { unit: "carton".into(), retail: String::new(), wholesale: "840".into() },
        ],
        new: true,
    }
}

fn price(book: &Book, code: &str, list: &str, unit: &str) -> Option<String> {
    book.stock(code).unwrap().prices.into_iter().find(|p| p.list == list && p.unit == unit).map(|p| p.price)
}

#[test]
fn a_new_product_reads_back_as_typed_and_scans_by_both_codes() {
    let dir = tempfile::tempdir().unwrap();
    let (mut book, owner) = shop(dir.path());
    let (piece, carton) = (with_check_digit("955123400001"), with_check_digit("955123400002"));
    let saved = book.save_product_form(&owner, &kettle(&piece, &carton), Timestamp::now()).unwrap();
    let back = book.product_form("KETTLE-17").unwrap();
    assert_eq!(saved, back);
    assert_eq!(back.name, "Electric kettle 1.7 L");
    assert_eq!(back.reserve, "5");
    assert_eq!(back.category, "Kitchen");
    assert_eq!(back.units, vec![FormUnit { unit: "carton".into(), factor: "12".into() }]);
    assert_eq!(back.barcodes.len(), 2);
    let carton_prices = back.prices.iter().find(|p| p.unit == "carton").unwrap();
    assert_eq!(Decimal::from_str_exact(&carton_prices.wholesale).unwrap(), Decimal::from(840));
    assert!(carton_prices.retail.is_empty());
    // The carton's barcode is a carton at the till and the counter.
    let scanned = book.stock(&carton).unwrap();
    assert_eq!((scanned.sku.as_str(), scanned.scanned_unit.as_str()), ("KETTLE-17", "carton"));
    assert_eq!(book.product_form(&piece).unwrap().sku, "KETTLE-17");
    // "New" with a SKU already in the catalog is refused, not an update of the other product.
    let mut again = kettle("", "");
    again.barcodes.clear();
    again.name = "Another kettle".into();
    let e = book.save_product_form(&owner, &again, Timestamp::now()).unwrap_err();
    assert_eq!((e.code(), e.field()), ("duplicate-sku", Some("sku")));
    assert_eq!(book.product_form("KETTLE-17").unwrap().name, "Electric kettle 1.7 L");
}

#[test]
fn an_edited_price_is_the_tills_price_and_bad_fields_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let (mut book, owner) = shop(dir.path());
    let (piece, carton) = (with_check_digit("955123400011"), with_check_digit("955123400012"));
    book.save_product_form(&owner, &kettle(&piece, &carton), Timestamp::now()).unwrap();

    let mut form = book.product_form("KETTLE-17").unwrap();
    form.prices[0].retail = "79.50".into();
    book.save_product_form(&owner, &form, Timestamp::now()).unwrap();
    assert_eq!(
        price(&book, &piece, "retail", "piece").map(|p| Decimal::from_str_exact(&p).unwrap()),
        Some(Decimal::new(7950, 2))
    );

    // A third barcode whose last digit is one off: refused on that row, nothing written.
    let before = book.product_form("KETTLE-17").unwrap();
    let good = with_check_digit("955123400013");
    let last = good.chars().last().unwrap().to_digit(10).unwrap();
    let bad = format!("{}{}", &good[..good.len() - 1], (last + 1) % 10);
    let mut form = before.clone();
    form.prices[0].retail = "60".into();
    form.barcodes.push(FormBarcode { unit: "piece".into(), code: bad });
    let e = book.save_product_form(&owner, &form, Timestamp::now()).unwrap_err();
    assert_eq!((e.code(), e.field()), ("bad-check-digit", Some("barcodes[2].code")));
    assert!(e.message(Locale::Th).contains(&last.to_string()), "the message names the right check digit");
    assert_eq!(book.product_form("KETTLE-17").unwrap(), before);

    // A wholesale price that is not a number names its row and list.
    let mut form = before.clone();
    form.prices[1].wholesale = "8,40O".into();
    let e = book.save_product_form(&owner, &form, Timestamp::now()).unwrap_err();
    assert_eq!(e.field(), Some("prices[1].wholesale"));
    // A factor that is not a whole number names its unit row.
    let mut form = before.clone();
    form.units[0].factor = "12.5".into();
    let e = book.save_product_form(&owner, &form, Timestamp::now()).unwrap_err();
    assert_eq!(e.field(), Some("units[0].factor"));
    assert_eq!(book.product_form("KETTLE-17").unwrap(), before);
}

#[test]
fn a_cashier_sees_the_form_but_may_not_save_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut book, owner) = shop(dir.path());
    let (piece, carton) = (with_check_digit("955123400021"), with_check_digit("955123400022"));
    book.save_product_form(&owner, &kettle(&piece, &carton), Timestamp::now()).unwrap();
    let user = NewUser { username: "aina".into(), display_name: None, role: Role::Cashier, locale: None };
    let cashier = book.add_user(&owner, &user, Timestamp::now()).unwrap();
    let mut form = book.product_form("KETTLE-17").unwrap();
    form.prices[0].retail = "1".into();
    let e = book.save_product_form(&cashier, &form, Timestamp::now()).unwrap_err();
    assert_eq!(e.code(), "permission-denied");
    let unchanged = price(&book, "KETTLE-17", "retail", "piece").map(|p| Decimal::from_str_exact(&p).unwrap());
    assert_eq!(unchanged, Some(Decimal::new(8990, 2)));
}
