//! The book against a plain model of the rules (DESIGN.md, sections 3 and 4).
//!
//! A stall at Dragon Mart, told at random: goods arrive, the till sells pieces, the owner invoices
//! cartons and pallets, customers bring things back to the till, buyers send cartons back to the
//! warehouse, the warehouse hand scans returns in and counts the shelf. And people get things
//! wrong: the cashier tries to book a delivery, someone asks for 0.3 of a carton of six, a unit
//! nobody defined, more back than was ever sold, the same credit note scanned in twice.
//!
//! For every step the book must agree with a model a merchant could check with pencil and paper:
//! the same document (number, status, movements, money), or the same refusal for the same reason;
//! and after every step the same stock, equal to the sum of the movements, and the same moving
//! average cost.
//!
//! 1 000 stories by default (CI); more with `ONEBOOK_PROPTEST_CASES=20000 cargo test --test model`.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::Instant;

use onebook::document::{
    CountDraft, CountLine, InvoiceDraft, ReceiptDraft, ReceiptLine, ReceiveReturnDraft, RetailReturnDraft, ReturnLine,
    SaleDraft, SaleLine, WholesaleReturnDraft,
};
use onebook::{Actor, Book, Customer, Document, DocumentDraft, NewUser, ProductInput, Role, ShopSetup, Timestamp};
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError, TestError, TestRunner};
use rust_decimal::prelude::*;
use rust_decimal::RoundingStrategy::MidpointAwayFromZero;

// ---------------------------------------------------------------------------------------------
// The shop: what the owner set up before the first customer walked in.

/// Base units kept back from retail when a product names no reserve of its own.
const SHOP_RESERVE: i64 = 2;
const SHOP_VAT: &str = "5";
/// The one wholesale buyer, on 30 days.
const BUYER: &str = "GULF-TRADING";
/// A SKU that is in nobody's catalog (a typo at the keyboard).
const GHOST_SKU: &str = "NO-SUCH-SKU";

/// One product as the owner entered it. Every product counts in pieces.
struct Item {
    sku: &'static str,
    name: &'static str,
    /// Packaging units besides the piece, with their factor in pieces.
    units: &'static [(&'static str, i64)],
    /// Prices including VAT, per unit.
    retail: &'static [(&'static str, &'static str)],
    /// Prices excluding VAT, per unit.
    wholesale: &'static [(&'static str, &'static str)],
    /// `None`: the shop's default reserve.
    reserve: Option<i64>,
    allow_negative: bool,
    /// `None`: the shop's default VAT.
    vat: Option<&'static str>,
    barcodes: &'static [(&'static str, &'static str)],
}

const CATALOG: [Item; 4] = [
    // Power banks: pieces at the till, cartons of 24 and pallets of 200 cartons at the counter.
    // One carton is always kept back for wholesale. No retail price per pallet.
    Item {
        sku: "PB-10K",
        name: "Power bank 10 000 mAh",
        units: &[("carton", 24), ("pallet", 4800)],
        retail: &[("piece", "89.99"), ("carton", "2099.50")],
        wholesale: &[("piece", "61.125"), ("carton", "1450"), ("pallet", "280000")],
        reserve: Some(24),
        allow_negative: false,
        vat: None,
        barcodes: &[("piece", "4006381333931"), ("carton", "10012345678902")],
    },
    // Chargers come six to a carton: half a carton is 3 pieces, 0.3 of one is no number of
    // pieces. Buyers get no price by the dozen (a price the owner never set).
    Item {
        sku: "CHG-20W",
        name: "USB-C charger 20 W",
        units: &[("carton", 6), ("dozen", 12)],
        retail: &[("piece", "3.375"), ("carton", "19.99"), ("dozen", "38")],
        wholesale: &[("piece", "2.10"), ("carton", "12.345")],
        reserve: Some(6),
        allow_negative: false,
        vat: None,
        barcodes: &[],
    },
    // Cables arrive in bulk and are counted later: the owner allows negative stock, so neither
    // the zero floor nor the reserve stops a sale. Zero-rated. No retail price per carton.
    Item {
        sku: "CBL-USBC",
        name: "USB-C cable 1 m",
        units: &[("dozen", 12), ("carton", 24)],
        retail: &[("piece", "9.95"), ("dozen", "99")],
        wholesale: &[("piece", "4.4444"), ("dozen", "52"), ("carton", "100")],
        reserve: Some(12),
        allow_negative: true,
        vat: Some("0"),
        barcodes: &[("dozen", "5901234123457")],
    },
    // Earbuds: pieces only, the shop's default reserve.
    Item {
        sku: "EAR-PRO",
        name: "Wireless earbuds",
        units: &[],
        retail: &[("piece", "149")],
        wholesale: &[("piece", "99.50")],
        reserve: None,
        allow_negative: false,
        vat: None,
        barcodes: &[("piece", "036000291452")],
    },
];

fn dec(text: &str) -> Decimal {
    Decimal::from_str_exact(text).expect("a decimal")
}

impl Item {
    fn factor(&self, unit: &str) -> Option<i64> {
        if unit == "piece" {
            return Some(1);
        }
        self.units.iter().find(|(u, _)| *u == unit).map(|(_, f)| *f)
    }

    fn price(&self, wholesale: bool, unit: &str) -> Option<Decimal> {
        let list = if wholesale { self.wholesale } else { self.retail };
        list.iter().find(|(u, _)| *u == unit).map(|(_, p)| dec(p))
    }

    fn reserve(&self) -> i64 {
        self.reserve.unwrap_or(SHOP_RESERVE)
    }

    fn vat(&self) -> Decimal {
        dec(self.vat.unwrap_or(SHOP_VAT))
    }

    fn input(&self) -> ProductInput {
        let pairs = |list: &[(&str, &str)]| list.iter().map(|(u, p)| (u.to_string(), dec(p))).collect();
        ProductInput {
            sku: self.sku.into(),
            name: self.name.into(),
            base_unit: "piece".into(),
            vat_rate_pct: self.vat.map(dec),
            retail_reserve: self.reserve,
            allow_negative: self.allow_negative,
            category: None,
            units: self.units.iter().map(|(u, f)| (u.to_string(), *f)).collect(),
            barcodes: self.barcodes.iter().map(|(u, c)| (u.to_string(), c.to_string())).collect(),
            retail_prices: pairs(self.retail),
            wholesale_prices: pairs(self.wholesale),
        }
    }
}

/// The people at the shop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Person {
    Owner,
    Cashier,
    Warehouse,
    Accountant,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Job {
    Sell,
    Invoice,
    RetailReturn,
    WholesaleReturn,
    ReceiveReturn,
    GoodsReceipt,
    StockCount,
}

/// DESIGN.md section 1: the owner does everything; the cashier sells and takes returns at the
/// till; the warehouse hand receives goods, scans wholesale returns in and counts stock; the
/// accountant only reads.
fn may(person: Person, job: Job) -> bool {
    match person {
        Person::Owner => true,
        Person::Cashier => matches!(job, Job::Sell | Job::RetailReturn),
        Person::Warehouse => matches!(job, Job::GoodsReceipt | Job::ReceiveReturn | Job::StockCount),
        Person::Accountant => false,
    }
}

// ---------------------------------------------------------------------------------------------
// What happens at the shop: the operations of a story.

/// A line of a sale, invoice, receipt or count, as typed or scanned.
#[derive(Debug, Clone)]
struct Line {
    /// Index into `CATALOG`; one past its end is the SKU nobody has.
    product: usize,
    /// As typed (`None`: the base unit, or the scanned code's unit).
    unit: Option<&'static str>,
    qty: Decimal,
    /// Scan the barcode of (product, unit) instead of typing the SKU, where there is one.
    scan: bool,
    /// Sales and invoices: a price typed over the list price (only the owner may).
    price: Option<Decimal>,
    /// Receipts: the supplier's cost per unit entered.
    cost: Decimal,
}

/// A line of a return: which line of the original document (`line` is a pick, see `line_no`).
#[derive(Debug, Clone)]
struct Pick {
    line: usize,
    unit: Option<&'static str>,
    qty: Decimal,
}

#[derive(Debug, Clone)]
enum Op {
    Receipt {
        by: Option<Person>,
        lines: Vec<Line>,
    },
    Sale {
        by: Option<Person>,
        lines: Vec<Line>,
    },
    Invoice {
        by: Option<Person>,
        lines: Vec<Line>,
    },
    /// `ticket`: the how-many-th most recent ticket the customer brings back.
    RetailReturn {
        by: Option<Person>,
        ticket: usize,
        restock: Option<bool>,
        lines: Vec<Pick>,
    },
    WholesaleReturn {
        by: Option<Person>,
        invoice: usize,
        restock: Option<bool>,
        lines: Vec<Pick>,
    },
    /// `credit_note`: the how-many-th most recent credit note the warehouse scans in.
    ReceiveReturn {
        by: Option<Person>,
        credit_note: usize,
    },
    Count {
        by: Option<Person>,
        lines: Vec<Line>,
    },
}

impl Op {
    fn kind(&self) -> &'static str {
        match self {
            Op::Receipt { .. } => "receipt",
            Op::Sale { .. } => "sale",
            Op::Invoice { .. } => "invoice",
            Op::RetailReturn { .. } => "retail_return",
            Op::WholesaleReturn { .. } => "wholesale_return",
            Op::ReceiveReturn { .. } => "receive_return",
            Op::Count { .. } => "count",
        }
    }

    /// Who does it: whoever the story says, or the person whose job it is.
    fn person(&self) -> Person {
        let (by, usual) = match self {
            Op::Receipt { by, .. } => (by, Person::Warehouse),
            Op::Sale { by, .. } => (by, Person::Cashier),
            Op::Invoice { by, .. } => (by, Person::Owner),
            Op::RetailReturn { by, .. } => (by, Person::Cashier),
            Op::WholesaleReturn { by, .. } => (by, Person::Owner),
            Op::ReceiveReturn { by, .. } => (by, Person::Warehouse),
            Op::Count { by, .. } => (by, Person::Warehouse),
        };
        by.unwrap_or(usual)
    }
}

/// Units typed without looking at the product: some it has, some it has not (nobody defined a
/// box; only the power bank comes by the pallet), one typed sloppily.
const TYPED_UNITS: &[&str] = &["carton", "dozen", "pallet", "box", " Carton"];
/// A return names the line's own unit (by leaving it out) or types one.
const RETURN_UNITS: &[(Option<&str>, usize)] =
    &[(None, 10), (Some("piece"), 3), (Some("carton"), 1), (Some("dozen"), 1), (Some("box"), 1)];
// Quantities with their weights: mostly whole units, now and then a fraction, zero or a minus sign.
const SELL_QTY: &[(&str, usize)] = &[
    ("1", 10),
    ("2", 5),
    ("3", 3),
    ("4", 1),
    ("5", 1),
    ("0.5", 2),
    ("0.25", 1),
    ("1.5", 1),
    ("0.3", 1),
    ("0", 1),
    ("-1", 1),
];
const RECEIVE_QTY: &[(&str, usize)] = &[
    ("2", 2),
    ("3", 2),
    ("4", 1),
    ("5", 3),
    ("6", 1),
    ("8", 1),
    ("10", 3),
    ("12", 1),
    ("20", 2),
    ("30", 1),
    ("40", 1),
    ("0.5", 2),
    ("0.25", 1),
    ("1.5", 1),
    ("0.3", 1),
    ("0", 1),
    ("-5", 1),
];
const COUNT_QTY: &[(&str, usize)] =
    &[("0", 2), ("1", 1), ("3", 1), ("12", 1), ("30", 1), ("60", 1), ("0.5", 1), ("1.5", 1), ("0.3", 1), ("-1", 1)];
const RETURN_QTY: &[(&str, usize)] =
    &[("1", 7), ("2", 2), ("3", 1), ("0.5", 2), ("0.25", 1), ("1.5", 1), ("0.3", 1), ("0", 1), ("-1", 1)];
/// Costs per unit entered, from free samples to a pallet's worth.
const COSTS: &[(&str, usize)] =
    &[("2.40", 1), ("3", 1), ("55.55", 1), ("100", 1), ("0.35", 1), ("1234.5678", 1), ("0", 1), ("61", 1)];

/// Draw from a list, each entry as often as its weight says.
fn weighted<T: Clone + std::fmt::Debug + 'static>(list: &[(T, usize)]) -> impl Strategy<Value = T> {
    let all: Vec<T> = list.iter().flat_map(|(t, w)| std::iter::repeat_n(t.clone(), *w)).collect();
    prop::sample::select(all)
}

fn qty(list: &'static [(&'static str, usize)]) -> impl Strategy<Value = Decimal> {
    weighted(list).prop_map(dec)
}

fn person() -> impl Strategy<Value = Person> {
    prop_oneof![Just(Person::Owner), Just(Person::Cashier), Just(Person::Warehouse), Just(Person::Accountant)]
}

/// Mostly the person whose job it is; now and then whoever happens to stand at the screen.
fn by() -> impl Strategy<Value = Option<Person>> {
    prop_oneof![10 => Just(None), 1 => person().prop_map(Some)]
}

fn product() -> impl Strategy<Value = usize> {
    prop_oneof![40 => 0..CATALOG.len(), 1 => Just(CATALOG.len())]
}

/// Mostly one of the product's own units (`None`: its base unit), now and then a typed one.
fn unit_of(product: usize) -> BoxedStrategy<Option<&'static str>> {
    let typed = prop::sample::select(TYPED_UNITS).prop_map(Some);
    match CATALOG.get(product) {
        Some(item) => {
            // The base unit weighs as much as all packagings together: the till counts pieces.
            let mut own = vec![None; item.units.len()];
            own.push(Some("piece"));
            own.extend(item.units.iter().map(|(u, _)| Some(*u)));
            prop_oneof![12 => prop::sample::select(own), 1 => typed].boxed()
        }
        None => prop_oneof![Just(None), typed].boxed(),
    }
}

fn line(quantities: &'static [(&'static str, usize)]) -> impl Strategy<Value = Line> {
    product().prop_flat_map(move |product| {
        (Just(product), unit_of(product), qty(quantities), prop::bool::weighted(0.3))
            .prop_map(|(product, unit, qty, scan)| Line { product, unit, qty, scan, price: None, cost: Decimal::ZERO })
    })
}

fn selling_line() -> impl Strategy<Value = Line> {
    (line(SELL_QTY), prop_oneof![25 => Just(None), 1 => Just(Some(dec("1.99")))])
        .prop_map(|(l, price)| Line { price, ..l })
}

fn receipt_line() -> impl Strategy<Value = Line> {
    (line(RECEIVE_QTY), qty(COSTS)).prop_map(|(l, cost)| Line { cost, ..l })
}

fn pick() -> impl Strategy<Value = Pick> {
    (0..16usize, weighted(RETURN_UNITS), qty(RETURN_QTY)).prop_map(|(line, unit, qty)| Pick { line, unit, qty })
}

fn picks() -> impl Strategy<Value = Vec<Pick>> {
    use prop::collection::vec;
    prop_oneof![3 => vec(pick(), 1..2), 1 => vec(pick(), 2..3)]
}

fn restock() -> impl Strategy<Value = Option<bool>> {
    prop_oneof![Just(None), Just(Some(true)), Just(Some(false))]
}

/// One line most of the time, two or three now and then.
fn lines<S: Strategy<Value = Line>>(line: fn() -> S) -> impl Strategy<Value = Vec<Line>> {
    use prop::collection::vec;
    prop_oneof![3 => vec(line(), 1..2), 2 => vec(line(), 2..4)]
}

fn op() -> impl Strategy<Value = Op> {
    use prop::collection::vec;
    let count_line = || line(COUNT_QTY);
    prop_oneof![
        5 => (by(), lines(receipt_line)).prop_map(|(by, lines)| Op::Receipt { by, lines }),
        6 => (by(), lines(selling_line)).prop_map(|(by, lines)| Op::Sale { by, lines }),
        4 => (by(), lines(selling_line)).prop_map(|(by, lines)| Op::Invoice { by, lines }),
        3 => (by(), 0..4usize, restock(), picks())
            .prop_map(|(by, ticket, restock, lines)| Op::RetailReturn { by, ticket, restock, lines }),
        4 => (by(), 0..4usize, restock(), picks())
            .prop_map(|(by, invoice, restock, lines)| Op::WholesaleReturn { by, invoice, restock, lines }),
        2 => (by(), 0..3usize).prop_map(|(by, credit_note)| Op::ReceiveReturn { by, credit_note }),
        1 => (by(), vec(count_line(), 1..3)).prop_map(|(by, lines)| Op::Count { by, lines }),
    ]
}

/// Monday morning's delivery: two cartons of power banks (one of them the wholesale reserve),
/// three cartons of chargers and ten earbuds; no cables yet (they may go negative anyway).
fn opening_delivery() -> Op {
    let line = |product: usize, unit: &'static str, qty: &str, cost: &str| Line {
        product,
        unit: Some(unit),
        qty: dec(qty),
        scan: false,
        price: None,
        cost: dec(cost),
    };
    Op::Receipt {
        by: None,
        lines: vec![line(0, "carton", "2", "1200"), line(1, "carton", "3", "9.90"), line(3, "piece", "10", "61")],
    }
}

/// The opening delivery, then anything at all, 5 to 40 steps in all.
fn story() -> impl Strategy<Value = Vec<Op>> {
    prop::collection::vec(op(), 4..40).prop_map(|mut ops| {
        ops.insert(0, opening_delivery());
        ops
    })
}

// ---------------------------------------------------------------------------------------------
// How the screen turns a line into a draft.

fn unit_name(typed: &str) -> String {
    typed.trim().to_lowercase()
}

/// (sku, barcode, unit) of a draft line: the scanned code stands for its unit.
fn named(l: &Line) -> (Option<String>, Option<String>, Option<String>) {
    let code = CATALOG.get(l.product).filter(|_| l.scan).and_then(|item| {
        let unit = l.unit.map(unit_name).unwrap_or_else(|| "piece".into());
        item.barcodes.iter().find(|(u, _)| *u == unit).map(|(_, c)| c.to_string())
    });
    match code {
        Some(code) => (None, Some(code), None),
        None => {
            let sku = CATALOG.get(l.product).map_or(GHOST_SKU, |i| i.sku);
            (Some(sku.into()), None, l.unit.map(String::from))
        }
    }
}

fn sale_line(l: &Line) -> SaleLine {
    let (sku, barcode, unit) = named(l);
    SaleLine { sku, barcode, qty: l.qty, unit, price: l.price }
}

fn receipt_line_draft(l: &Line) -> ReceiptLine {
    let (sku, barcode, unit) = named(l);
    ReceiptLine { sku, barcode, qty: l.qty, unit, unit_cost: l.cost }
}

fn count_line(l: &Line) -> CountLine {
    let (sku, barcode, unit) = named(l);
    CountLine { sku, barcode, qty: l.qty, unit }
}

/// The line number a return names: one of the document's lines, or (rarely) one past the last.
fn line_no(pick: usize, lines: usize) -> i64 {
    if pick == 15 {
        lines as i64 + 1
    } else {
        (pick % lines) as i64 + 1
    }
}

/// The index of the how-many-th most recent document, if there is any.
fn recent(len: usize, pick: usize) -> Option<usize> {
    (len > 0).then(|| len - 1 - pick % len)
}

// ---------------------------------------------------------------------------------------------
// Money, as DESIGN.md section 3 defines it: exact decimals, rounded half away from zero to the
// fils (AED has 2 decimals), per line; documents add up their lines.

#[derive(Debug, Clone, Copy, Default)]
struct Amounts {
    net: i64,
    vat: i64,
    gross: i64,
}

impl Amounts {
    fn add(self, o: Amounts) -> Amounts {
        Amounts { net: self.net + o.net, vat: self.vat + o.vat, gross: self.gross + o.gross }
    }

    fn text(self) -> [String; 3] {
        [self.net, self.vat, self.gross].map(|m| Decimal::new(m, 2).to_string())
    }
}

fn whole(value: Decimal) -> i64 {
    value.round_dp_with_strategy(0, MidpointAwayFromZero).to_i64().expect("fits")
}

fn fils(amount: Decimal) -> i64 {
    whole(amount * Decimal::ONE_HUNDRED)
}

/// Retail prices include VAT: gross = qty x price, VAT = gross x r/(1+r).
fn vat_included(qty: Decimal, price: Decimal, rate: Decimal) -> Amounts {
    let gross = fils(qty * price);
    let vat = whole(Decimal::from(gross) * rate / (Decimal::ONE_HUNDRED + rate));
    Amounts { net: gross - vat, vat, gross }
}

/// Wholesale prices exclude VAT: net = qty x price, VAT = net x r.
fn vat_excluded(qty: Decimal, price: Decimal, rate: Decimal) -> Amounts {
    let net = fils(qty * price);
    let vat = whole(Decimal::from(net) * rate / Decimal::ONE_HUNDRED);
    Amounts { net, vat, gross: net + vat }
}

/// A partial return takes its share of the line's net and VAT. The share is taken of everything
/// returned so far, less what earlier returns took, so a line returned in parts gives back the
/// line to the fils (the library's reading of "its share"; DESIGN.md does not say how to round).
fn return_share(line: Amounts, sold: i64, before: i64, now: i64) -> Amounts {
    let share = |total: i64, part: i64| whole(Decimal::from(total) * Decimal::from(part) / Decimal::from(sold));
    let net = share(line.net, before + now) - share(line.net, before);
    let vat = share(line.vat, before + now) - share(line.vat, before);
    Amounts { net, vat, gross: net + vat }
}

/// A quantity in a unit as whole base units: zero (except in a count), less than zero, and
/// fractions of a piece are refused.
fn to_base(qty: Decimal, factor: i64, zero_ok: bool) -> Result<i64, &'static str> {
    if qty < Decimal::ZERO || (qty.is_zero() && !zero_ok) {
        return Err("qty-not-positive");
    }
    let base = qty * Decimal::from(factor);
    if !base.fract().is_zero() {
        return Err("fractional-base-qty");
    }
    Ok(base.to_i64().expect("fits"))
}

/// The product and unit a line names, in the order the library checks them.
fn resolve(l: &Line) -> Result<(usize, String, i64), &'static str> {
    let item = CATALOG.get(l.product).ok_or("unknown-product")?;
    let unit = l.unit.map(unit_name).unwrap_or_else(|| "piece".into());
    let factor = item.factor(&unit).ok_or("unknown-unit")?;
    Ok((l.product, unit, factor))
}

// ---------------------------------------------------------------------------------------------
// The model: what a careful merchant would write in a notebook.

/// A line of a ticket or invoice, and how much of it has come back.
#[derive(Debug, Clone)]
struct SoldLine {
    product: usize,
    unit: String,
    qty_base: i64,
    returned: i64,
    /// The moving average when it left: what a restocked return comes back at.
    cost: Decimal,
    money: Amounts,
}

#[derive(Debug, Clone)]
struct Sold {
    doc_no: String,
    lines: Vec<SoldLine>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Waiting {
    ToReceive,
    Received,
    WrittenOff,
}

#[derive(Debug, Clone)]
struct CreditNote {
    doc_no: String,
    state: Waiting,
    /// (product, base units, cost per base unit)
    lines: Vec<(usize, i64, Decimal)>,
}

/// What a committed document must look like.
#[derive(Debug, Clone, PartialEq)]
struct Facts {
    doc_no: String,
    status: String,
    movements: i64,
    line_bases: Vec<i64>,
    /// net, VAT, gross; `None` where the model does not follow the money (a receive-return).
    money: Option<[String; 3]>,
}

impl Facts {
    fn of(doc: &Document, with_money: bool) -> Facts {
        Facts {
            doc_no: doc.doc_no.clone(),
            status: doc.status.clone(),
            movements: doc.movements,
            line_bases: doc.lines.iter().map(|l| l.qty_base).collect(),
            money: with_money.then(|| [doc.net.clone(), doc.vat.clone(), doc.gross.clone()]),
        }
    }
}

type Outcome = Result<Facts, &'static str>;

#[derive(Default)]
struct Model {
    on_hand: [i64; CATALOG.len()],
    avg: [Decimal; CATALOG.len()],
    tickets: Vec<Sold>,
    invoices: Vec<Sold>,
    credit_notes: Vec<CreditNote>,
    last_number: HashMap<&'static str, u32>,
}

impl Model {
    /// The next number of a series: gapless, and only a committed document takes one.
    fn number(&mut self, series: &'static str) -> String {
        let n = self.last_number.entry(series).or_insert(0);
        *n += 1;
        format!("{series}-A-{n:06}")
    }

    /// Goods coming in at a cost per piece move the average like a receipt: (h·a + q·c)/(h + q),
    /// or c when nothing (or less than nothing) was on hand; 4 places, half away from zero.
    fn take_in(&mut self, p: usize, q: i64, c: Decimal) {
        let h = self.on_hand[p];
        self.avg[p] = if h <= 0 {
            c
        } else {
            ((Decimal::from(h) * self.avg[p] + Decimal::from(q) * c) / Decimal::from(h + q))
                .round_dp_with_strategy(4, MidpointAwayFromZero)
        };
        self.on_hand[p] = h + q;
    }

    /// Stock per product, summed over the document, in order of first appearance. Retail sells
    /// only above the reserve, wholesale down to zero; a product allowed to go negative has no
    /// floor at all. When both rules are broken the shortage is named.
    fn check_take(&self, takes: &[(usize, i64)], retail: bool) -> Result<(), &'static str> {
        let mut order = vec![];
        let mut total = [0i64; CATALOG.len()];
        for &(p, q) in takes {
            if !order.contains(&p) {
                order.push(p);
            }
            total[p] += q;
        }
        for p in order {
            if CATALOG[p].allow_negative {
                continue;
            }
            if total[p] > self.on_hand[p] {
                return Err("insufficient-stock");
            }
            if retail && self.on_hand[p] - total[p] < CATALOG[p].reserve() {
                return Err("reserved-for-wholesale");
            }
        }
        Ok(())
    }

    /// One step of the story: the draft the screen sends (for `op.person()`), and what must happen.
    fn step(&mut self, op: &Op) -> (DocumentDraft, Outcome) {
        let by = op.person();
        match op {
            Op::Receipt { lines, .. } => {
                let draft = ReceiptDraft {
                    date: None,
                    supplier: Some("Shenzhen Power Co.".into()),
                    lines: lines.iter().map(receipt_line_draft).collect(),
                    note: None,
                };
                (DocumentDraft::Receipt(draft), self.receive_goods(by, lines))
            }
            Op::Sale { lines, .. } => {
                let draft = SaleDraft {
                    date: None,
                    lines: lines.iter().map(sale_line).collect(),
                    payments: None,
                    override_reason: None,
                    note: None,
                };
                (DocumentDraft::Sale(draft), self.sell(by, lines, false))
            }
            Op::Invoice { lines, .. } => {
                let draft = InvoiceDraft {
                    date: None,
                    buyer: BUYER.into(),
                    lines: lines.iter().map(sale_line).collect(),
                    override_reason: None,
                    note: None,
                };
                (DocumentDraft::Invoice(draft), self.sell(by, lines, true))
            }
            Op::RetailReturn { ticket, restock, lines, .. }
            | Op::WholesaleReturn { invoice: ticket, restock, lines, .. } => {
                let wholesale = matches!(op, Op::WholesaleReturn { .. });
                let docs = if wholesale { &self.invoices } else { &self.tickets };
                let doc = recent(docs.len(), *ticket);
                let (doc_no, n) = match doc {
                    Some(i) => (docs[i].doc_no.clone(), docs[i].lines.len()),
                    None if wholesale => ("INV-A-999999".into(), 1),
                    None => ("S-A-999999".into(), 1),
                };
                let picks: Vec<(i64, Option<&str>, Decimal)> =
                    lines.iter().map(|p| (line_no(p.line, n), p.unit, p.qty)).collect();
                let return_lines = picks
                    .iter()
                    .map(|&(line, unit, qty)| ReturnLine {
                        line: Some(line),
                        sku: None,
                        barcode: None,
                        qty,
                        unit: unit.map(String::from),
                    })
                    .collect();
                let draft = if wholesale {
                    DocumentDraft::WholesaleReturn(WholesaleReturnDraft {
                        date: None,
                        invoice: doc_no,
                        restock: *restock,
                        lines: return_lines,
                        note: None,
                    })
                } else {
                    DocumentDraft::RetailReturn(RetailReturnDraft {
                        date: None,
                        ticket: doc_no,
                        restock: *restock,
                        lines: return_lines,
                        note: None,
                    })
                };
                (draft, self.take_back(by, wholesale, doc, restock.unwrap_or(true), &picks))
            }
            Op::ReceiveReturn { credit_note, .. } => {
                let cn = recent(self.credit_notes.len(), *credit_note);
                let return_no = cn.map_or("CN-A-999999".into(), |i| self.credit_notes[i].doc_no.clone());
                (DocumentDraft::ReceiveReturn(ReceiveReturnDraft { date: None, return_no }), self.scan_in(by, cn))
            }
            Op::Count { lines, .. } => {
                let draft = CountDraft { date: None, lines: lines.iter().map(count_line).collect(), note: None };
                (DocumentDraft::Count(draft), self.count(by, lines))
            }
        }
    }

    /// A delivery: each line in whole pieces at its cost per piece (4 places).
    fn receive_goods(&mut self, by: Person, lines: &[Line]) -> Outcome {
        if !may(by, Job::GoodsReceipt) {
            return Err("permission-denied");
        }
        let mut arriving = vec![];
        for l in lines {
            let (p, _, factor) = resolve(l)?;
            let base = to_base(l.qty, factor, false)?;
            let per_piece = (l.cost / Decimal::from(factor)).round_dp_with_strategy(4, MidpointAwayFromZero);
            let net = fils(l.qty * l.cost);
            arriving.push((p, base, per_piece, Amounts { net, vat: 0, gross: net }));
        }
        let mut money = Amounts::default();
        for &(p, base, cost, amounts) in &arriving {
            self.take_in(p, base, cost);
            money = money.add(amounts);
        }
        Ok(Facts {
            doc_no: self.number("GR"),
            status: "committed".into(),
            movements: arriving.len() as i64,
            line_bases: arriving.iter().map(|a| a.1).collect(),
            money: Some(money.text()),
        })
    }

    /// A ticket at the till (retail list, VAT included) or an invoice at the counter
    /// (wholesale list, VAT excluded). Permission, then each line (product, unit, quantity,
    /// price), then stock.
    fn sell(&mut self, by: Person, lines: &[Line], wholesale: bool) -> Outcome {
        if !may(by, if wholesale { Job::Invoice } else { Job::Sell }) {
            return Err("permission-denied");
        }
        let mut sold = vec![];
        for l in lines {
            let (p, unit, factor) = resolve(l)?;
            let qty_base = to_base(l.qty, factor, false)?;
            let item = &CATALOG[p];
            let price = match l.price {
                Some(price) if by == Person::Owner => price,
                Some(_) => return Err("permission-denied"),
                None => item.price(wholesale, &unit).ok_or("no-price")?,
            };
            let money =
                if wholesale { vat_excluded(l.qty, price, item.vat()) } else { vat_included(l.qty, price, item.vat()) };
            sold.push(SoldLine { product: p, unit, qty_base, returned: 0, cost: self.avg[p], money });
        }
        let takes: Vec<(usize, i64)> = sold.iter().map(|s| (s.product, s.qty_base)).collect();
        self.check_take(&takes, !wholesale)?;
        for &(p, q) in &takes {
            self.on_hand[p] -= q;
        }
        let money = sold.iter().fold(Amounts::default(), |t, s| t.add(s.money));
        let doc_no = self.number(if wholesale { "INV" } else { "S" });
        let facts = Facts {
            doc_no: doc_no.clone(),
            status: "committed".into(),
            movements: sold.len() as i64,
            line_bases: takes.iter().map(|t| t.1).collect(),
            money: Some(money.text()),
        };
        let doc = Sold { doc_no, lines: sold };
        if wholesale {
            self.invoices.push(doc);
        } else {
            self.tickets.push(doc);
        }
        Ok(facts)
    }

    /// A return against a ticket or an invoice, line by line: never more than was sold on that
    /// line, counting earlier returns and earlier lines of this one. A retail return restocks at
    /// once (at the cost the goods left at) or writes off; a wholesale one waits to be received,
    /// or is written off.
    fn take_back(
        &mut self,
        by: Person,
        wholesale: bool,
        doc: Option<usize>,
        restock: bool,
        picks: &[(i64, Option<&str>, Decimal)],
    ) -> Outcome {
        if !may(by, if wholesale { Job::WholesaleReturn } else { Job::RetailReturn }) {
            return Err("permission-denied");
        }
        let docs = if wholesale { &self.invoices } else { &self.tickets };
        let i = doc.ok_or("unknown-document")?;
        let original = &docs[i];
        let mut returned: Vec<i64> = original.lines.iter().map(|l| l.returned).collect();
        let mut back = vec![];
        for &(line, unit, qty) in picks {
            let k = (line - 1) as usize;
            let sold = original.lines.get(k).ok_or("unknown-line")?;
            let unit = unit.map(unit_name).unwrap_or_else(|| sold.unit.clone());
            let factor = CATALOG[sold.product].factor(&unit).ok_or("unknown-unit")?;
            let base = to_base(qty, factor, false)?;
            if returned[k] + base > sold.qty_base {
                return Err("over-return");
            }
            let money = return_share(sold.money, sold.qty_base, returned[k], base);
            returned[k] += base;
            back.push((sold.product, base, sold.cost, money));
        }
        let docs = if wholesale { &mut self.invoices } else { &mut self.tickets };
        for (l, r) in docs[i].lines.iter_mut().zip(returned) {
            l.returned = r;
        }
        let money = back.iter().fold(Amounts::default(), |t, b| t.add(b.3));
        let line_bases = back.iter().map(|b| b.1).collect();
        if wholesale {
            let doc_no = self.number("CN");
            let state = if restock { Waiting::ToReceive } else { Waiting::WrittenOff };
            let lines = back.iter().map(|&(p, q, c, _)| (p, q, c)).collect();
            self.credit_notes.push(CreditNote { doc_no: doc_no.clone(), state, lines });
            let status = if restock { "to_receive" } else { "committed" };
            return Ok(Facts { doc_no, status: status.into(), movements: 0, line_bases, money: Some(money.text()) });
        }
        if restock {
            for &(p, q, c, _) in &back {
                self.take_in(p, q, c);
            }
        }
        Ok(Facts {
            doc_no: self.number("RR"),
            status: "committed".into(),
            movements: if restock { back.len() as i64 } else { 0 },
            line_bases,
            money: Some(money.text()),
        })
    }

    /// The warehouse scans a credit note in: only one that waits, and only once.
    fn scan_in(&mut self, by: Person, cn: Option<usize>) -> Outcome {
        if !may(by, Job::ReceiveReturn) {
            return Err("permission-denied");
        }
        let i = cn.ok_or("unknown-document")?;
        if self.credit_notes[i].state != Waiting::ToReceive {
            return Err("not-to-receive");
        }
        self.credit_notes[i].state = Waiting::Received;
        let lines = self.credit_notes[i].lines.clone();
        for &(p, q, c) in &lines {
            self.take_in(p, q, c);
        }
        Ok(Facts {
            doc_no: self.credit_notes[i].doc_no.clone(),
            status: "received".into(),
            movements: lines.len() as i64,
            line_bases: lines.iter().map(|l| l.1).collect(),
            money: None,
        })
    }

    /// A stock count sets the balance to what is on the shelf (lines of a product add up); one
    /// adjustment per product that was off, at the current average, which does not move.
    fn count(&mut self, by: Person, lines: &[Line]) -> Outcome {
        if !may(by, Job::StockCount) {
            return Err("permission-denied");
        }
        let mut counted: Vec<(usize, i64)> = vec![];
        let mut line_bases = vec![];
        for l in lines {
            let (p, _, factor) = resolve(l)?;
            let base = to_base(l.qty, factor, true)?;
            line_bases.push(base);
            match counted.iter_mut().find(|c| c.0 == p) {
                Some(c) => c.1 += base,
                None => counted.push((p, base)),
            }
        }
        let mut movements = 0;
        for (p, shelf) in counted {
            if shelf != self.on_hand[p] {
                movements += 1;
                self.on_hand[p] = shelf;
            }
        }
        Ok(Facts {
            doc_no: self.number("SC"),
            status: "committed".into(),
            movements,
            line_bases,
            money: Some(Amounts::default().text()),
        })
    }
}

// ---------------------------------------------------------------------------------------------
// The real book.

struct Staff {
    owner: Actor,
    cashier: Actor,
    warehouse: Actor,
    accountant: Actor,
}

impl Staff {
    fn get(&self, p: Person) -> &Actor {
        match p {
            Person::Owner => &self.owner,
            Person::Cashier => &self.cashier,
            Person::Warehouse => &self.warehouse,
            Person::Accountant => &self.accountant,
        }
    }
}

fn opening_day() -> Timestamp {
    Timestamp::from_db("2026-03-02T05:00:00.000000Z").expect("a time")
}

/// A new shop with its staff, one buyer and the catalog, and nothing on the shelves.
fn open_shop(path: &Path) -> (Book, Staff) {
    let t0 = opening_day();
    let mut book = Book::open(path).expect("open");
    let setup = ShopSetup {
        retail_reserve_default: SHOP_RESERVE,
        owner_username: "amal".into(),
        ..ShopSetup::new("Dragon Mart stall 4-117", "AED", dec(SHOP_VAT), "Asia/Dubai")
    };
    let owner = book.init(&setup, t0).expect("init");
    let mut hire = |username: &str, role: Role| {
        let user = NewUser { username: username.into(), display_name: None, role, locale: None };
        book.add_user(&owner, &user, t0).expect("add user")
    };
    let cashier = hire("bilal", Role::Cashier);
    let warehouse = hire("chen", Role::Warehouse);
    let accountant = hire("dana", Role::Accountant);
    let buyer = Customer {
        code: BUYER.into(),
        name: "Gulf Trading LLC".into(),
        tax_number: None,
        payment_terms_days: 30,
        locale: None,
    };
    book.add_customer(&owner, &buyer, t0).expect("add buyer");
    for item in &CATALOG {
        book.upsert_product(&owner, item.input(), t0).expect("add product");
    }
    (book, Staff { owner, cashier, warehouse, accountant })
}

/// After every step, accepted or refused: the shelf the book shows is the model's, it is the sum
/// of the movements, and the average cost is the model's.
fn shelf_agrees(book: &Book, model: &Model, step: usize, op: &Op) -> Result<(), TestCaseError> {
    let violations = book.invariant_violations().expect("invariant query");
    prop_assert!(violations.is_empty(), "step {}: balance differs from movements: {:?}\n{:?}", step, violations, op);
    let sums: HashMap<String, i64> = {
        let mut st = book
            .connection()
            .prepare(
                "SELECT p.sku, COALESCE(SUM(m.qty_base), 0) FROM products p
                 LEFT JOIN movements m ON m.product_id = p.id GROUP BY p.sku",
            )
            .expect("prepare");
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).expect("query");
        rows.collect::<rusqlite::Result<_>>().expect("rows")
    };
    for (p, item) in CATALOG.iter().enumerate() {
        let view = book.stock(item.sku).expect("stock view");
        prop_assert_eq!(view.on_hand, model.on_hand[p], "step {}: on hand of {}\n{:?}", step, item.sku, op);
        prop_assert_eq!(sums[item.sku], model.on_hand[p], "step {}: movements of {}\n{:?}", step, item.sku, op);
        let avg = Decimal::from_str_exact(&view.avg_cost).expect("avg cost");
        prop_assert_eq!(avg, model.avg[p], "step {}: average cost of {}\n{:?}", step, item.sku, op);
    }
    Ok(())
}

/// One story, told to the book and to the model side by side.
fn tell(ops: &[Op], dir: &Path, tally: &RefCell<BTreeMap<String, u64>>) -> Result<(), TestCaseError> {
    let tmp = tempfile::Builder::new().prefix("onebook-model-").tempdir_in(dir).expect("temp dir");
    let (mut book, staff) = open_shop(&tmp.path().join("book.sqlite3"));
    let mut model = Model::default();
    for (i, op) in ops.iter().enumerate() {
        let now = opening_day().add_minutes(i as i64 + 1);
        let (draft, expected) = model.step(op);
        let got = book.post(staff.get(op.person()), &draft, now).map_err(|e| e.code());
        let outcome = match &got {
            Ok(_) => "ok",
            Err(code) => code,
        };
        *tally.borrow_mut().entry(format!("{} {outcome}", op.kind())).or_default() += 1;
        match (expected, got) {
            (Ok(want), Ok(doc)) => {
                // What `post` returns (a sale builds it from what it wrote) is what the book reads back.
                prop_assert_eq!(&book.document(&doc.doc_no).expect("posted document"), &doc, "step {}", i);
                let have = Facts::of(&doc, want.money.is_some());
                prop_assert_eq!(have, want, "step {}: {:?}", i, op);
            }
            (Err(want), Err(have)) => prop_assert_eq!(have, want, "step {}: {:?}", i, op),
            (want, have) => {
                let have = have.map(|d| d.doc_no);
                return Err(TestCaseError::fail(format!("step {i}: {op:?}\n  model: {want:?}\n  book:  {have:?}")));
            }
        }
        shelf_agrees(&book, &model, i, op)?;
    }
    // The running sums kept with each document equal a rebuild from the ledger, and the month
    // report read from them equals the one scanned from the ledger, to the last digit.
    let disagreements = book.rollup_disagreements().expect("rollups rebuild");
    prop_assert!(disagreements.is_empty(), "running sums differ from the ledger: {:?}", disagreements);
    let month = opening_day().0.format("%Y-%m").to_string();
    let fast = book.report_month(&staff.owner, &month).expect("report");
    let slow = book.report_month_from_ledger(&staff.owner, &month).expect("report from the ledger");
    prop_assert_eq!(format!("{fast:?}"), format!("{slow:?}"));
    Ok(())
}

/// Temp files go to memory where there is some: the test is about rules, not the disk.
fn scratch() -> PathBuf {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        shm.to_path_buf()
    } else {
        std::env::temp_dir()
    }
}

#[test]
fn the_book_agrees_with_a_merchants_model_of_the_rules() {
    let cases: u32 = std::env::var("ONEBOOK_PROPTEST_CASES").ok().and_then(|v| v.trim().parse().ok()).unwrap_or(1000);
    // A failing story is kept in tests/model.proptest-regressions and replayed first next time.
    let config = Config {
        cases,
        source_file: Some(file!()),
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        max_shrink_iters: 2000,
        ..Config::default()
    };
    let dir = scratch();
    let tally = RefCell::new(BTreeMap::new());
    let started = Instant::now();
    let mut runner = TestRunner::new(config);
    let result = runner.run(&story(), |ops| tell(&ops, &dir, &tally));
    let tally = tally.into_inner();
    eprintln!("{cases} stories in {:.1} s; outcomes:", started.elapsed().as_secs_f64());
    for (what, n) in &tally {
        eprintln!("  {what}: {n}");
    }
    if let Err(e) = result {
        match e {
            TestError::Fail(why, ops) => panic!("{why}\nminimal story ({} steps): {ops:#?}", ops.len()),
            TestError::Abort(why) => panic!("aborted: {why}"),
        }
    }
    // A model test that never reaches a rule proves nothing about it: with enough stories, every
    // kind of document is accepted somewhere and every refusal is met somewhere.
    if cases >= 500 {
        let kinds = ["receipt", "sale", "invoice", "retail_return", "wholesale_return", "receive_return", "count"];
        let refusals = [
            "permission-denied",
            "unknown-product",
            "unknown-unit",
            "qty-not-positive",
            "fractional-base-qty",
            "no-price",
            "insufficient-stock",
            "reserved-for-wholesale",
            "over-return",
            "not-to-receive",
            "unknown-line",
            "unknown-document",
        ];
        for kind in kinds {
            assert!(tally.contains_key(&format!("{kind} ok")), "no {kind} was ever accepted");
        }
        for code in refusals {
            assert!(tally.keys().any(|k| k.ends_with(&format!(" {code}"))), "nothing was ever refused as {code}");
        }
    }
}
