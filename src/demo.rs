//! The demo shop: a Dragon Mart style electronics and household dealer with a few hundred SKUs in
//! pieces, cartons, dozens and pallets, buyers, and five weeks of history, all posted through the
//! same rules as real work (no back door into the tables).

use rust_decimal::Decimal;

use crate::catalog::{Customer, ProductInput};
use crate::document::*;
use crate::error::Result;
use crate::i18n::Locale;
use crate::people::{NewUser, Role};
use crate::shop::ShopSetup;
use crate::time::Timestamp;
use crate::Book;

/// A small deterministic generator, so the demo is the same on every machine.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// (name, category, carton size, piece price in AED, wholesale share of the retail price %)
const FAMILIES: &[(&str, &str, i64, i64)] = &[
    ("Rice cooker 1.8 L", "kitchen", 6, 89),
    ("Electric kettle 1.7 L", "kitchen", 12, 45),
    ("Blender 600 W", "kitchen", 6, 119),
    ("Air fryer 4 L", "kitchen", 4, 249),
    ("Toaster 2-slice", "kitchen", 8, 69),
    ("Steam iron", "home", 12, 79),
    ("Stand fan 16 in", "home", 4, 99),
    ("LED bulb 9 W E27", "lighting", 100, 6),
    ("LED tube 18 W", "lighting", 25, 15),
    ("Extension cord 4-way 3 m", "electrical", 24, 29),
    ("Power bank 10000 mAh", "mobile", 40, 59),
    ("USB-C cable 1 m", "mobile", 100, 12),
    ("Wall charger 20 W", "mobile", 50, 35),
    ("Wireless earbuds", "audio", 20, 89),
    ("Bluetooth speaker", "audio", 10, 129),
    ("AA batteries 4-pack", "batteries", 48, 9),
    ("Laundry detergent 3 L", "household", 4, 32),
    ("Dish soap 750 ml", "household", 12, 8),
    ("Tissue box 200", "household", 24, 5),
    ("Hair dryer 2000 W", "personal care", 10, 75),
];

const VARIANTS: &[&str] = &[
    "Black", "White", "Silver", "Red", "Blue", "Grey", "Gold", "Green", "Pro", "Lite", "Max", "Mini", "Plus", "Eco",
    "XL",
];

/// The demo shop's accounts and their PINs, shown on the sign-in screen until changed.
pub const DEMO_PINS: [(&str, &str); 5] =
    [("owner", "1111"), ("cashier", "2222"), ("amal", "3333"), ("somchai", "4444"), ("lucia", "5555")];

/// The demo accounts whose PIN is still the demo's (none once each has set their own).
pub(crate) fn pins_still_set(conn: &rusqlite::Connection) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for (name, pin) in DEMO_PINS {
        if crate::signin::pin_matches(conn, name, pin)? {
            out.push((name.to_string(), pin.to_string()));
        }
    }
    Ok(out)
}

/// Create the demo shop in an empty book, at `now`. Returns (products, documents).
pub fn seed(book: &mut Book, now: Timestamp) -> Result<(usize, usize)> {
    let start = now.add_days(-35);
    let owner = book.init(
        &ShopSetup {
            tax_number: Some("100234567800003".into()),
            owner_name: Some("Wang Wei".into()),
            series_prefix: Some("A".into()),
            ..ShopSetup::new("Dragon Mart Electronics & Home", "AED", Decimal::from(5), "Asia/Dubai")
        },
        start,
    )?;
    for (name, role, locale) in [
        ("cashier", Role::Cashier, Locale::En),
        ("amal", Role::Cashier, Locale::Ar),
        ("somchai", Role::Warehouse, Locale::Th),
        ("lucia", Role::Accountant, Locale::Es),
    ] {
        book.add_user(
            &owner,
            &NewUser { username: name.into(), display_name: None, role, locale: Some(locale) },
            start,
        )?;
    }
    // Every demo account gets its documented PIN (README, and the sign-in screen while it holds).
    for (name, pin) in DEMO_PINS {
        book.set_pin(&owner, name, pin, start)?;
    }
    for (code, name, tax, terms, locale) in [
        ("B001", "Al Noor Trading LLC", Some("100998877600003"), 30, Some(Locale::Ar)),
        ("B002", "Glodok Jaya Elektronik", None, 7, None),
        ("B003", "Yaowarat Hardware Co.", Some("0105561234567"), 30, Some(Locale::Th)),
        ("B004", "La Merced Mayoreo SA", Some("LMM010203AB1"), 60, Some(Locale::Es)),
        ("B005", "Cholon Daily Goods", None, 0, Some(Locale::ZhCn)),
    ] {
        book.add_customer(
            &owner,
            &Customer {
                code: code.into(),
                name: name.into(),
                tax_number: tax.map(str::to_string),
                payment_terms_days: terms,
                locale,
            },
            start,
        )?;
    }
    let mut rng = Lcg(20261122);
    let mut skus = vec![];
    let mut n = 0u64;
    for (fi, (family, category, carton, price)) in FAMILIES.iter().enumerate() {
        for (vi, variant) in VARIANTS.iter().enumerate() {
            n += 1;
            let sku = format!("{}-{:02}{:02}", category[..3].to_uppercase(), fi + 1, vi + 1);
            let piece_price = Decimal::from(*price) + Decimal::new(rng.below(10) as i64 * 50, 2);
            let carton_price = (piece_price * Decimal::from(*carton) * Decimal::new(78, 2)).round_dp(2);
            let body = format!("629{:09}", 100_000 + n);
            let piece_code = crate::barcode::with_check_digit(&body);
            let carton_code = crate::barcode::with_check_digit(&format!("1{body}"));
            let mut units = vec![("carton".to_string(), *carton)];
            let mut barcodes = vec![("piece".to_string(), piece_code), ("carton".to_string(), carton_code)];
            let mut retail = vec![("piece".to_string(), piece_price)];
            let mut wholesale = vec![
                ("piece".to_string(), (piece_price * Decimal::new(72, 2)).round_dp(2)),
                ("carton".to_string(), carton_price),
            ];
            if *carton >= 24 && *carton % 12 == 0 {
                units.push(("dozen".into(), 12));
                retail.push(("dozen".into(), (piece_price * Decimal::from(11)).round_dp(2)));
                wholesale.push(("dozen".into(), (piece_price * Decimal::new(12 * 75, 2)).round_dp(2)));
            }
            if vi < 2 {
                units.push(("pallet".into(), carton * 40));
                wholesale.push(("pallet".into(), (carton_price * Decimal::new(3_800, 2)).round_dp(2)));
                barcodes.push(("pallet".into(), crate::barcode::with_check_digit(&format!("2{body}"))));
            }
            book.upsert_product(
                &owner,
                ProductInput {
                    sku: sku.clone(),
                    name: format!("{family} {variant}"),
                    base_unit: "piece".into(),
                    vat_rate_pct: None,
                    retail_reserve: if vi % 5 == 0 { Some(*carton) } else { None },
                    allow_negative: false,
                    category: Some((*category).into()),
                    units,
                    barcodes,
                    retail_prices: retail,
                    wholesale_prices: wholesale,
                },
                start,
            )?;
            skus.push((sku, *carton, *price));
        }
    }
    let warehouse = book.actor(Some("somchai"))?;
    let cashier = book.actor(Some("cashier"))?;
    let date = |t: Timestamp| Some(t.to_db());
    let mut documents = 0;
    // Opening stock: 3 to 12 cartons of everything, at about 55 % of the retail price.
    for chunk in skus.chunks(50) {
        let lines = chunk
            .iter()
            .map(|(sku, carton, price)| ReceiptLine {
                sku: Some(sku.clone()),
                barcode: None,
                qty: Decimal::from(3 + rng.below(10) as i64),
                unit: Some("carton".into()),
                unit_cost: (Decimal::from(*price * *carton) * Decimal::new(55, 2)).round_dp(2),
            })
            .collect();
        book.post(
            &warehouse,
            &DocumentDraft::Receipt(ReceiptDraft {
                date: date(start),
                supplier: Some("Ningbo Home Appliances".into()),
                lines,
                note: None,
            }),
            start,
        )?;
        documents += 1;
    }
    // Five weeks of trade: retail tickets every day, an invoice most days, a few returns.
    let mut tickets = vec![];
    let mut invoices = vec![];
    for day in 0..35 {
        for k in 0..8 {
            let at = start.add_days(day).add_minutes(60 * 9 + k * 70 + rng.below(50) as i64);
            if at > now {
                break;
            }
            let lines: Vec<SaleLine> = (0..1 + rng.below(3))
                .map(|_| SaleLine {
                    sku: Some(skus[rng.below(skus.len() as u64) as usize].0.clone()),
                    barcode: None,
                    qty: Decimal::from(1 + rng.below(2) as i64),
                    unit: None,
                    price: None,
                })
                .collect();
            let draft = DocumentDraft::Sale(SaleDraft {
                date: date(at),
                lines,
                payments: None,
                override_reason: None,
                note: None,
            });
            if let Ok(doc) = book.post(&cashier, &draft, at) {
                tickets.push(doc.doc_no);
                documents += 1;
            }
            if k == 3 {
                let buyer = format!("B00{}", 1 + rng.below(5));
                let lines = (0..1 + rng.below(4))
                    .map(|_| SaleLine {
                        sku: Some(skus[rng.below(skus.len() as u64) as usize].0.clone()),
                        barcode: None,
                        qty: Decimal::from(1 + rng.below(2) as i64),
                        unit: Some("carton".into()),
                        price: None,
                    })
                    .collect();
                let at = at.add_minutes(5);
                let draft = DocumentDraft::Invoice(InvoiceDraft {
                    date: date(at),
                    buyer,
                    lines,
                    override_reason: None,
                    note: None,
                });
                if let Ok(doc) = book.post(&owner, &draft, at) {
                    invoices.push(doc.doc_no);
                    documents += 1;
                }
            }
        }
        let at = start.add_days(day).add_minutes(60 * 19);
        if at > now {
            break;
        }
        if day % 4 == 2 && !tickets.is_empty() {
            let ticket = tickets[rng.below(tickets.len() as u64) as usize].clone();
            let draft = DocumentDraft::RetailReturn(RetailReturnDraft {
                date: date(at),
                ticket,
                restock: Some(day % 8 != 2),
                lines: vec![ReturnLine {
                    line: Some(1),
                    sku: None,
                    barcode: None,
                    qty: Decimal::ONE,
                    unit: Some("piece".into()),
                }],
                note: None,
            });
            if book.post(&cashier, &draft, at).is_ok() {
                documents += 1;
            }
        }
        if day % 9 == 4 && !invoices.is_empty() {
            let invoice = invoices[rng.below(invoices.len() as u64) as usize].clone();
            let draft = DocumentDraft::WholesaleReturn(WholesaleReturnDraft {
                date: date(at),
                invoice,
                restock: None,
                lines: vec![ReturnLine {
                    line: Some(1),
                    sku: None,
                    barcode: None,
                    qty: Decimal::from(2),
                    unit: Some("piece".into()),
                }],
                note: Some("Damaged box, goods fine".into()),
            });
            if let Ok(cn) = book.post(&owner, &draft, at) {
                documents += 1;
                let later = at.add_minutes(30);
                if day < 30 {
                    book.post(
                        &warehouse,
                        &DocumentDraft::ReceiveReturn(ReceiveReturnDraft { date: date(later), return_no: cn.doc_no }),
                        later,
                    )?;
                }
            }
        }
    }
    Ok((skus.len(), documents))
}
