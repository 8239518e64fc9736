//! Finding products as people type: words of the name in any order, the start of a SKU, a barcode;
//! a page at a time with the total, so the catalog's list can scroll 100 000 products.

mod common;

use onebook::barcode::with_check_digit;
use onebook::{Actor, Book, DocumentDraft, Locale, ProductInput, ShopSetup, Timestamp};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn product(sku: &str, name: &str, carton: Option<i64>, barcode: Option<&str>) -> ProductInput {
    ProductInput {
        sku: sku.into(),
        name: name.into(),
        base_unit: "piece".into(),
        vat_rate_pct: Some(d("5")),
        retail_reserve: Some(0),
        allow_negative: false,
        category: None,
        units: carton.map(|c| vec![("carton".into(), c)]).unwrap_or_default(),
        barcodes: barcode.map(|b| vec![("piece".into(), b.to_string())]).unwrap_or_default(),
        retail_prices: vec![("piece".into(), d("12.50"))],
        wholesale_prices: vec![],
    }
}

fn shop(dir: &std::path::Path) -> (Book, Actor) {
    let mut book = Book::open(dir.join("shop.sqlite3")).unwrap();
    let now = Timestamp::now();
    let owner = book
        .init(&ShopSetup { locale: Locale::En, ..ShopSetup::new("Al Noor Trading", "AED", d("5"), "Asia/Dubai") }, now)
        .unwrap();
    let cable_code = with_check_digit("629104150021");
    for p in [
        product("CABLE-USBC", "USB-C cable 1 m", Some(24), Some(&cable_code)),
        product("CABLE-MICRO", "Cable USB micro 2 m", Some(24), None),
        product("CHG-20W", "USB charger 20 W", None, None),
        product("RICE-5", "أرز بسمتي ٥ كغ", Some(4), None),
        product("FISH-SAUCE", "น้ำปลาแท้ ตราปลาหมึก", None, None),
        product("COOKER-18", "电饭煲 1.8 L", None, None),
        product("SALE-50", "Tea 50% extra", None, None),
    ] {
        book.upsert_product(&owner, p, now).unwrap();
    }
    for i in 1..=250 {
        book.upsert_product(&owner, product(&format!("ITEM-{i:04}"), &format!("Item number {i}"), None, None), now)
            .unwrap();
    }
    // 5 cartons and 3 pieces of the USB-C cable on the shelf.
    let receipt =
        serde_json::json!({"kind": "receipt", "lines": [{"sku": "CABLE-USBC", "qty": 123, "unit_cost": "4"}]});
    book.post(&owner, &DocumentDraft::from_value(receipt).unwrap(), now).unwrap();
    (book, owner)
}

fn skus(book: &Book, query: &str) -> Vec<String> {
    book.products_page(query, 0, 500).unwrap().rows.into_iter().map(|r| r.sku).collect()
}

#[test]
fn words_in_any_order_a_sku_start_or_a_barcode_find_the_product() {
    let dir = tempfile::tempdir().unwrap();
    let (book, _) = shop(dir.path());
    // Every word, any order, any case; a product missing one word is not found.
    assert_eq!(skus(&book, "usb cable"), vec!["CABLE-MICRO", "CABLE-USBC"]);
    assert_eq!(skus(&book, "CABLE usb"), vec!["CABLE-MICRO", "CABLE-USBC"]);
    assert_eq!(skus(&book, "usb"), vec!["CABLE-MICRO", "CABLE-USBC", "CHG-20W"]);
    // The start of a SKU, and a barcode exactly.
    assert_eq!(skus(&book, "CHG"), vec!["CHG-20W"]);
    assert_eq!(skus(&book, &with_check_digit("629104150021")), vec!["CABLE-USBC"]);
    assert!(skus(&book, "629104150").is_empty(), "a barcode matches whole");
    // Arabic, Thai and Chinese as written.
    assert_eq!(skus(&book, "بسمتي"), vec!["RICE-5"]);
    assert_eq!(skus(&book, "ปลาหมึก"), vec!["FISH-SAUCE"]);
    assert_eq!(skus(&book, "电饭"), vec!["COOKER-18"]);
    // A % or _ is a character, not a wildcard.
    assert_eq!(skus(&book, "50%"), vec!["SALE-50"]);
    assert!(skus(&book, "%").len() == 1 && skus(&book, "_").is_empty());

    let row = &book.products_page("usb-c", 0, 10).unwrap().rows[0];
    assert_eq!((row.sku.as_str(), row.on_hand, row.on_hand_mixed.as_str()), ("CABLE-USBC", 123, "5 ctn + 3 pcs"));
    assert_eq!(row.retail_price.as_deref(), Some("12.50"));
    assert_eq!((row.units[0].unit.as_str(), row.units[0].factor_to_base), ("carton", 24));
}

#[test]
fn a_long_list_comes_a_page_at_a_time_in_sku_order_with_its_total() {
    let dir = tempfile::tempdir().unwrap();
    let (book, _) = shop(dir.path());
    let all = book.products_page("", 0, 500).unwrap();
    assert_eq!(all.total, 257);
    let mut sorted: Vec<String> = all.rows.iter().map(|r| r.sku.clone()).collect();
    sorted.sort();
    assert_eq!(all.rows.iter().map(|r| r.sku.clone()).collect::<Vec<_>>(), sorted, "ordered by SKU");
    // Pages of 40 put together are the whole list, once each.
    let mut paged = Vec::new();
    let mut offset = 0;
    loop {
        let page = book.products_page("", offset, 40).unwrap();
        assert_eq!(page.total, 257);
        if page.rows.is_empty() {
            break;
        }
        offset += page.rows.len();
        paged.extend(page.rows.into_iter().map(|r| r.sku));
    }
    assert_eq!(paged, sorted);
    // A query's total counts every match, not the page.
    let items = book.products_page("item number", 240, 20).unwrap();
    assert_eq!((items.total, items.rows.len()), (250, 10));
    assert_eq!(items.rows[0].sku, "ITEM-0241");
}

#[test]
fn impossible_pages_and_queries_are_refused_by_field() {
    let dir = tempfile::tempdir().unwrap();
    let (book, _) = shop(dir.path());
    assert_eq!(book.products_page("", 0, 0).unwrap_err().field(), Some("limit"));
    assert_eq!(book.products_page("", 0, 501).unwrap_err().field(), Some("limit"));
    assert_eq!(book.products_page("a b c d e f g h i", 0, 10).unwrap_err().field(), Some("query"));
    assert_eq!(book.products_page("", 10_000, 10).unwrap().rows.len(), 0, "past the end: an empty page");
}

#[test]
fn the_command_line_finds_what_the_library_finds() {
    let dir = tempfile::tempdir().unwrap();
    let (book, _) = shop(dir.path());
    let db = book.path().to_path_buf();
    let page = book.products_page("usb cable", 0, 20).unwrap();
    drop(book);
    let cli = common::json(common::onebook(&db, &["--json", "products", "usb cable"]));
    assert_eq!(cli, serde_json::to_value(&page).unwrap());
    let text = common::ok(common::onebook(&db, &["products", "item", "--offset", "10", "--limit", "5"]));
    assert!(text.contains("ITEM-0011") && text.contains("ITEM-0015") && !text.contains("ITEM-0016"), "{text}");
    assert!(text.contains("11–15 of 250"), "{text}");
    let out = common::onebook(&db, &["--json", "products", "--limit", "0"]);
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["error"]["field"], "limit");
}

#[test]
fn a_catalog_edit_on_another_till_is_found_and_scanned_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let (book, _) = shop(dir.path());
    let code = with_check_digit("629104150038");
    // This till holds the catalog in memory now.
    assert!(skus(&book, "kettle").is_empty());
    assert_eq!(book.stock(&code).unwrap_err().code(), "unknown-barcode");

    // Another till on the same file adds a product, then renames it and changes its price.
    let mut other = Book::open(dir.path().join("shop.sqlite3")).unwrap();
    let owner = other.actor(None).unwrap();
    let now = Timestamp::now();
    other.upsert_product(&owner, product("KETTLE-1", "Electric kettle", None, Some(&code)), now).unwrap();
    assert_eq!(skus(&book, "kettle"), vec!["KETTLE-1"]);
    assert_eq!(book.stock(&code).unwrap().sku, "KETTLE-1");

    let mut renamed = product("KETTLE-1", "Glass kettle", None, None);
    renamed.retail_prices = vec![("piece".into(), d("19.75"))];
    other.upsert_product(&owner, renamed, now).unwrap();
    let seen = book.stock(&code).unwrap();
    assert_eq!(seen.name, "Glass kettle");
    assert!(seen.prices.iter().any(|p| p.list == "retail" && p.price == "19.75"), "{:?}", seen.prices);
    assert!(skus(&book, "electric").is_empty());
    assert_eq!(skus(&book, "glass KETTLE"), vec!["KETTLE-1"]);

    // Two edits before this till looks again (it reloads the whole catalog), then an import.
    other.upsert_product(&owner, product("KETTLE-2", "Steel kettle", None, None), now).unwrap();
    other.upsert_product(&owner, product("KETTLE-0", "Travel kettle", None, None), now).unwrap();
    assert_eq!(skus(&book, "kettle"), vec!["KETTLE-0", "KETTLE-1", "KETTLE-2"]);
    let csv = "sku,name,retail_prices\nKETTLE-3,Copper kettle,piece=30\n";
    other.import_products(&owner, csv.as_bytes(), Default::default(), &mut |_| {}, now).unwrap();
    assert_eq!(skus(&book, "kettle"), vec!["KETTLE-0", "KETTLE-1", "KETTLE-2", "KETTLE-3"]);
    assert_eq!(book.products_page("kettle", 0, 10).unwrap().total, 4);
}
