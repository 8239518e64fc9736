//! The library's one error type: every refusal carries a stable code and the facts that explain it.
//!
//! Front ends never match on message text: they read [`Error::code`] and show
//! [`Error::message`] (a Fluent message in the user's language, built from [`Error::args`]).

use crate::i18n::Locale;

/// Every way an Onebook operation can be refused or fail.
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
pub enum Error {
    #[error("the database has not been set up: run `onebook init` first")]
    NotInitialized,
    #[error("the database is already set up for shop {shop}")]
    AlreadyInitialized { shop: String },
    #[error("the database was made by a newer Onebook (schema {found}, this version knows {supported})")]
    DatabaseTooNew { found: i64, supported: i64 },
    #[error("the file is not an Onebook database: {detail}")]
    NotAnOnebookDatabase { detail: String },
    #[error("database error: {detail}")]
    Storage { detail: String },
    #[error("database busy: another till holds the lock")]
    Busy,
    #[error("cannot read {path}: {detail}")]
    Io { path: String, detail: String },
    #[error("the disk is full: nothing was written")]
    DiskFull,
    /// The operating system refused a write (a full disk, a size limit, a failing disk).
    #[error("the disk refused to write: nothing was written ({detail})")]
    WriteRefused { detail: String },
    #[error("the database {path} is damaged ({detail}); last good backup: {backup}")]
    DatabaseCorrupt { path: String, detail: String, backup: String },
    #[error("{path} cannot be restored: {detail}")]
    BackupInvalid { path: String, detail: String },
    #[error("the book {path} is encrypted: give its passphrase to open it")]
    BookEncrypted { path: String },
    #[error("wrong passphrase for {path}: the book stays locked")]
    WrongPassphrase { path: String },
    #[error("the book {path} is already encrypted")]
    AlreadyEncrypted { path: String },
    #[error("the book {path} is not encrypted")]
    NotEncrypted { path: String },

    #[error("{field}: {reason}")]
    InvalidInput { field: String, reason: String },
    #[error("{field}: unknown currency {value}")]
    UnknownCurrency { field: String, value: String },
    #[error("{field}: unknown time zone {value}")]
    UnknownTimeZone { field: String, value: String },
    #[error("{field}: unsupported language {value}")]
    UnknownLocale { field: String, value: String },

    #[error("unknown user {username}")]
    UnknownUser { username: String },
    #[error("user {username} already exists")]
    DuplicateUser { username: String },
    #[error("{username} ({role}) may not {action}")]
    PermissionDenied { username: String, role: String, action: String },

    #[error("{field}: unknown product {sku}")]
    UnknownProduct { field: String, sku: String },
    #[error("{field}: unknown barcode {code}")]
    UnknownBarcode { field: String, code: String },
    #[error("{field}: {sku} has no unit {unit}")]
    UnknownUnit { field: String, sku: String, unit: String },
    #[error("{field}: barcode {code} has a wrong check digit (expected {expected})")]
    BadCheckDigit { field: String, code: String, expected: u32 },
    #[error("{field}: {code} is not a valid barcode (EAN-8, UPC-A, EAN-13 or GTIN-14 digits)")]
    BadBarcode { field: String, code: String },
    #[error("{field}: barcode {code} already belongs to {sku}")]
    DuplicateBarcode { field: String, code: String, sku: String },
    #[error("{field}: {sku} appears twice")]
    DuplicateSku { field: String, sku: String },
    #[error("{field}: unit {unit} of {sku} is {old_factor} base units and cannot become {new_factor}")]
    UnitFactorChanged { field: String, sku: String, unit: String, old_factor: i64, new_factor: i64 },
    #[error("{field}: {sku} has no {list} price for {unit}")]
    NoPrice { field: String, sku: String, unit: String, list: String },

    #[error("{field}: quantity must be more than zero (got {qty})")]
    QtyNotPositive { field: String, qty: String },
    #[error("{field}: {qty} {unit} is {base} {base_unit}, not a whole number")]
    FractionalBaseQty { field: String, qty: String, unit: String, base: String, base_unit: String },
    #[error("{field}: quantity {qty} is too large")]
    QtyTooLarge { field: String, qty: String },
    #[error("{field}: amount {amount} is out of range")]
    AmountOutOfRange { field: String, amount: String },

    #[error(
        "{sku}: only {available} {base_unit} can be sold at the till, the rest ({reserve}) is reserved for wholesale"
    )]
    ReservedForWholesale { sku: String, on_hand: i64, reserve: i64, available: i64, requested: i64, base_unit: String },
    #[error("{sku}: {requested} {base_unit} asked, {on_hand} on hand")]
    InsufficientStock { sku: String, on_hand: i64, requested: i64, base_unit: String },

    #[error("{field}: unknown document {doc_no}")]
    UnknownDocument { field: String, doc_no: String },
    #[error("{field}: {doc_no} is a {found}, expected a {expected}")]
    WrongDocumentKind { field: String, doc_no: String, found: String, expected: String },
    #[error("{field}: {doc_no} has no line {line}")]
    UnknownLine { field: String, doc_no: String, line: i64 },
    #[error("{field}: {doc_no} has no line for {sku}")]
    ProductNotOnDocument { field: String, doc_no: String, sku: String },
    #[error("{field}: {sku} line {line} of {doc_no}: {sold} sold, {returned} already returned, {requested} asked")]
    OverReturn { field: String, doc_no: String, line: i64, sku: String, sold: i64, returned: i64, requested: i64 },
    #[error("{doc_no} is not waiting to be received (status {status})")]
    NotToReceive { doc_no: String, status: String },
    #[error("{field}: date {date} is before the last committed document ({last})")]
    DateBeforeLastDocument { field: String, date: String, last: String },
    #[error("{field}: unknown buyer {code}")]
    UnknownCustomer { field: String, code: String },
    #[error("buyer {code} already exists")]
    DuplicateCustomer { code: String },
    #[error("paid {paid}, the total is {total}")]
    PaymentShort { paid: String, total: String },
    #[error("card and e-wallet payments ({non_cash}) exceed the total {total}")]
    NonCashOverpaid { non_cash: String, total: String },
    #[error("a document has no lines")]
    NoLines,
    #[error("a document may have at most {max} lines")]
    TooManyLines { max: usize },
    #[error("{count} rows of the file are wrong; nothing was imported")]
    ImportRejected { count: usize, rows: Vec<RowError> },

    #[error("buyer {buyer}: a balance of {open} plus this invoice of {invoice} passes the credit limit of {limit}")]
    CreditLimitExceeded { buyer: String, limit: String, open: String, invoice: String },
    #[error("buyer {buyer} has {overdue} overdue (balance {open}, credit limit {limit})")]
    BuyerOverdue { buyer: String, limit: String, open: String, overdue: String },
    #[error("{field}: {amount} is more than the {open} still open on {doc_no}")]
    AllocationExceedsOpen { field: String, doc_no: String, open: String, amount: String },
    #[error("{count} lines of the order are wrong; no draft was made")]
    OrderRejected { count: usize, rows: Vec<RowError> },

    #[error("{field}: {date} is in {month}, and the books are closed through {closed_through}")]
    PeriodClosed { field: String, date: String, month: String, closed_through: String },
    #[error("{field}: {month} is already closed (the books are closed through {closed_through})")]
    PeriodAlreadyClosed { field: String, month: String, closed_through: String },
    #[error("{field}: {month} is not over yet")]
    MonthNotOver { field: String, month: String },
    #[error("{field}: the day {day} of till {device} is already closed ({doc_no})")]
    DayAlreadyClosed { field: String, device: String, day: String, doc_no: String },
    #[error("{field}: unknown till {device}")]
    UnknownDevice { field: String, device: String },
    #[error("the printer {device} cannot be reached ({detail}); the sale is kept, print it again")]
    PrinterOffline { device: String, detail: String },
    #[error("the printer {device} is out of paper; the sale is kept: load paper and print again")]
    PrinterOutOfPaper { device: String },
    #[error("{field}: no {kind} is set for this till")]
    NoDevice { field: String, kind: String },
    #[error("{field}: neither the code page nor a font can print {script} text ({text})")]
    UnprintableText { field: String, text: String, script: String },
    #[error("{field}: {value} is not a month (YYYY-MM, e.g. 2026-03)")]
    BadMonth { field: String, value: String },
    #[error("{field}: {value} is not an export format (xlsx, csv or pdf)")]
    UnknownExportFormat { field: String, value: String },
    #[error("{field}: cannot write the export to {path}: {detail}")]
    ExportNotWritable { field: String, path: String, detail: String },

    #[error("this device is not registered with a cloud ledger: run `onebook sync register` first")]
    SyncNotConfigured,
    #[error("the cloud ledger refused or could not be reached: {detail}")]
    Cloud { detail: String },
    #[error("another device of tenant {tenant} already numbers its documents with series prefix {prefix}")]
    SeriesPrefixTaken { tenant: String, prefix: String },
    #[error("this device is already registered with tenant {tenant}")]
    AlreadyRegistered { tenant: String },
    #[error("wrong PIN for {username}; {attempts_left} attempts left before the lock")]
    WrongPin { username: String, attempts_left: i64 },
    #[error("{username} is locked out until {until} after too many wrong PINs")]
    SignInLocked { username: String, until: String },
    #[error("{username} has no PIN yet")]
    NoPin { username: String },
    #[error("nobody is signed in at this till")]
    NotSignedIn,
    #[error("{username} cannot unlock the till {locked_by} locked: only {locked_by} or an owner can")]
    UnlockRefused { username: String, locked_by: String },
    #[error("{field}: no exchange rate of {currency} on or before {date}")]
    NoRate { field: String, currency: String, date: String },
    #[error("{sku}: this till is offline and may sell only its quota of {quota} {base_unit} ({used} sold); {requested} asked")]
    QuotaExceeded { sku: String, quota: i64, used: i64, requested: i64, base_unit: String },
    #[error("{sku}: {held} of {on_hand} {base_unit} are held for other tills' quotas; {requested} asked")]
    HeldForOtherTills { sku: String, on_hand: i64, held: i64, requested: i64, base_unit: String },
    #[error("{sku}: {requested} {base_unit} asked; {on_hand} on hand, {reserved} reserved by open orders, {reserve} kept for wholesale: {available} available")]
    ReservedByOrders {
        sku: String,
        on_hand: i64,
        reserved: i64,
        reserve: i64,
        available: i64,
        requested: i64,
        base_unit: String,
    },
    #[error("{field}: {sku} line {line} of {doc_no}: {ordered} ordered, {delivered} delivered or cancelled, {requested} asked")]
    OverDelivery { field: String, doc_no: String, line: i64, sku: String, ordered: i64, delivered: i64, requested: i64 },
    #[error("{doc_no} is {status}: nothing is left to deliver or cancel")]
    OrderClosed { doc_no: String, status: String },
    #[error("{field}: quote {doc_no} expired on {valid_until}")]
    QuoteExpired { field: String, doc_no: String, valid_until: String },
    #[error("quote {doc_no} was already accepted as order {order}")]
    QuoteAlreadyAccepted { doc_no: String, order: String },

    #[error("{field}: unknown location {code}")]
    UnknownLocation { field: String, code: String },
    #[error("{field}: location {code} already exists")]
    DuplicateLocation { field: String, code: String },
    #[error("{field}: stock cannot move from {location} to itself")]
    SameLocation { field: String, location: String },
    #[error("{field}: {sku}: {requested} {base_unit} asked, {on_hand} at {location}")]
    InsufficientStockAt {
        field: String,
        sku: String,
        location: String,
        on_hand: i64,
        requested: i64,
        base_unit: String,
    },
}

/// One bad row of an imported file: where, and why.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RowError {
    /// Line number in the file, counting the header as line 1.
    pub line: u64,
    /// The column at fault, when one is.
    pub column: Option<String>,
    pub code: &'static str,
    pub message: String,
    #[serde(skip)]
    pub error: Box<Error>,
}

/// Every stable error code, for tests that check each has a message in every language.
pub const ALL_CODES: &[&str] = &[
    "not-initialized",
    "already-initialized",
    "database-too-new",
    "not-onebook-database",
    "storage",
    "busy",
    "io",
    "disk-full",
    "write-refused",
    "database-corrupt",
    "backup-invalid",
    "book-encrypted",
    "wrong-passphrase",
    "already-encrypted",
    "not-encrypted",
    "invalid-input",
    "unknown-currency",
    "unknown-time-zone",
    "unknown-locale",
    "unknown-user",
    "duplicate-user",
    "permission-denied",
    "unknown-product",
    "unknown-barcode",
    "unknown-unit",
    "bad-check-digit",
    "bad-barcode",
    "duplicate-barcode",
    "duplicate-sku",
    "unit-factor-changed",
    "no-price",
    "qty-not-positive",
    "fractional-base-qty",
    "qty-too-large",
    "amount-out-of-range",
    "reserved-for-wholesale",
    "insufficient-stock",
    "unknown-document",
    "wrong-document-kind",
    "unknown-line",
    "product-not-on-document",
    "over-return",
    "not-to-receive",
    "date-before-last-document",
    "unknown-customer",
    "duplicate-customer",
    "payment-short",
    "non-cash-overpaid",
    "no-lines",
    "too-many-lines",
    "import-rejected",
    "credit-limit-exceeded",
    "buyer-overdue",
    "allocation-exceeds-open",
    "order-rejected",
    "period-closed",
    "period-already-closed",
    "month-not-over",
    "day-already-closed",
    "unknown-device",
    "printer-offline",
    "printer-out-of-paper",
    "no-device",
    "unprintable-text",
    "bad-month",
    "unknown-export-format",
    "export-not-writable",
    "sync-not-configured",
    "cloud",
    "series-prefix-taken",
    "already-registered",
    "quota-exceeded",
    "held-for-other-tills",
    "no-rate",
    "wrong-pin",
    "sign-in-locked",
    "no-pin",
    "reserved-by-orders",
    "over-delivery",
    "order-closed",
    "quote-expired",
    "quote-already-accepted",
    "not-signed-in",
    "unlock-refused",
    "unknown-location",
    "duplicate-location",
    "same-location",
    "insufficient-stock-at",
];

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Every variant that names the field at fault, listed once: `field()` and `in_field()` both
/// use it, so a new variant cannot get one and miss the other.
macro_rules! match_field {
    ($value:expr, $f:ident => $found:expr, _ => $none:expr) => {
        match $value {
            Error::InvalidInput { field: $f, .. }
            | Error::UnknownCurrency { field: $f, .. }
            | Error::UnknownTimeZone { field: $f, .. }
            | Error::UnknownLocale { field: $f, .. }
            | Error::UnknownProduct { field: $f, .. }
            | Error::UnknownBarcode { field: $f, .. }
            | Error::UnknownUnit { field: $f, .. }
            | Error::BadCheckDigit { field: $f, .. }
            | Error::BadBarcode { field: $f, .. }
            | Error::DuplicateBarcode { field: $f, .. }
            | Error::DuplicateSku { field: $f, .. }
            | Error::UnitFactorChanged { field: $f, .. }
            | Error::NoPrice { field: $f, .. }
            | Error::QtyNotPositive { field: $f, .. }
            | Error::FractionalBaseQty { field: $f, .. }
            | Error::QtyTooLarge { field: $f, .. }
            | Error::AmountOutOfRange { field: $f, .. }
            | Error::UnknownDocument { field: $f, .. }
            | Error::WrongDocumentKind { field: $f, .. }
            | Error::UnknownLine { field: $f, .. }
            | Error::ProductNotOnDocument { field: $f, .. }
            | Error::OverReturn { field: $f, .. }
            | Error::DateBeforeLastDocument { field: $f, .. }
            | Error::UnknownCustomer { field: $f, .. }
            | Error::AllocationExceedsOpen { field: $f, .. }
            | Error::PeriodClosed { field: $f, .. }
            | Error::PeriodAlreadyClosed { field: $f, .. }
            | Error::MonthNotOver { field: $f, .. }
            | Error::DayAlreadyClosed { field: $f, .. }
            | Error::UnknownDevice { field: $f, .. }
            | Error::UnprintableText { field: $f, .. }
            | Error::BadMonth { field: $f, .. }
            | Error::UnknownExportFormat { field: $f, .. }
            | Error::ExportNotWritable { field: $f, .. }
            | Error::NoRate { field: $f, .. }
            | Error::NoDevice { field: $f, .. }
            | Error::OverDelivery { field: $f, .. }
            | Error::QuoteExpired { field: $f, .. }
            | Error::UnknownLocation { field: $f, .. }
            | Error::DuplicateLocation { field: $f, .. }
            | Error::SameLocation { field: $f, .. }
            | Error::InsufficientStockAt { field: $f, .. } => $found,
            _ => $none,
        }
    };
}

impl Error {
    /// Stable code for machines (front ends, scripts, tests). Never changes once released.
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotInitialized => "not-initialized",
            Error::AlreadyInitialized { .. } => "already-initialized",
            Error::DatabaseTooNew { .. } => "database-too-new",
            Error::NotAnOnebookDatabase { .. } => "not-onebook-database",
            Error::Storage { .. } => "storage",
            Error::Busy => "busy",
            Error::Io { .. } => "io",
            Error::DiskFull => "disk-full",
            Error::WriteRefused { .. } => "write-refused",
            Error::DatabaseCorrupt { .. } => "database-corrupt",
            Error::BackupInvalid { .. } => "backup-invalid",
            Error::BookEncrypted { .. } => "book-encrypted",
            Error::WrongPassphrase { .. } => "wrong-passphrase",
            Error::AlreadyEncrypted { .. } => "already-encrypted",
            Error::NotEncrypted { .. } => "not-encrypted",
            Error::InvalidInput { .. } => "invalid-input",
            Error::UnknownCurrency { .. } => "unknown-currency",
            Error::UnknownTimeZone { .. } => "unknown-time-zone",
            Error::UnknownLocale { .. } => "unknown-locale",
            Error::UnknownUser { .. } => "unknown-user",
            Error::DuplicateUser { .. } => "duplicate-user",
            Error::PermissionDenied { .. } => "permission-denied",
            Error::UnknownProduct { .. } => "unknown-product",
            Error::UnknownBarcode { .. } => "unknown-barcode",
            Error::UnknownUnit { .. } => "unknown-unit",
            Error::BadCheckDigit { .. } => "bad-check-digit",
            Error::BadBarcode { .. } => "bad-barcode",
            Error::DuplicateBarcode { .. } => "duplicate-barcode",
            Error::DuplicateSku { .. } => "duplicate-sku",
            Error::UnitFactorChanged { .. } => "unit-factor-changed",
            Error::NoPrice { .. } => "no-price",
            Error::QtyNotPositive { .. } => "qty-not-positive",
            Error::FractionalBaseQty { .. } => "fractional-base-qty",
            Error::QtyTooLarge { .. } => "qty-too-large",
            Error::AmountOutOfRange { .. } => "amount-out-of-range",
            Error::ReservedForWholesale { .. } => "reserved-for-wholesale",
            Error::InsufficientStock { .. } => "insufficient-stock",
            Error::UnknownDocument { .. } => "unknown-document",
            Error::WrongDocumentKind { .. } => "wrong-document-kind",
            Error::UnknownLine { .. } => "unknown-line",
            Error::ProductNotOnDocument { .. } => "product-not-on-document",
            Error::OverReturn { .. } => "over-return",
            Error::NotToReceive { .. } => "not-to-receive",
            Error::DateBeforeLastDocument { .. } => "date-before-last-document",
            Error::UnknownCustomer { .. } => "unknown-customer",
            Error::DuplicateCustomer { .. } => "duplicate-customer",
            Error::PaymentShort { .. } => "payment-short",
            Error::NonCashOverpaid { .. } => "non-cash-overpaid",
            Error::NoLines => "no-lines",
            Error::TooManyLines { .. } => "too-many-lines",
            Error::ImportRejected { .. } => "import-rejected",
            Error::CreditLimitExceeded { .. } => "credit-limit-exceeded",
            Error::BuyerOverdue { .. } => "buyer-overdue",
            Error::AllocationExceedsOpen { .. } => "allocation-exceeds-open",
            Error::OrderRejected { .. } => "order-rejected",
            Error::PeriodClosed { .. } => "period-closed",
            Error::PeriodAlreadyClosed { .. } => "period-already-closed",
            Error::MonthNotOver { .. } => "month-not-over",
            Error::DayAlreadyClosed { .. } => "day-already-closed",
            Error::UnknownDevice { .. } => "unknown-device",
            Error::PrinterOffline { .. } => "printer-offline",
            Error::PrinterOutOfPaper { .. } => "printer-out-of-paper",
            Error::NoDevice { .. } => "no-device",
            Error::UnprintableText { .. } => "unprintable-text",
            Error::BadMonth { .. } => "bad-month",
            Error::UnknownExportFormat { .. } => "unknown-export-format",
            Error::ExportNotWritable { .. } => "export-not-writable",
            Error::SyncNotConfigured => "sync-not-configured",
            Error::Cloud { .. } => "cloud",
            Error::SeriesPrefixTaken { .. } => "series-prefix-taken",
            Error::AlreadyRegistered { .. } => "already-registered",
            Error::QuotaExceeded { .. } => "quota-exceeded",
            Error::HeldForOtherTills { .. } => "held-for-other-tills",
            Error::NoRate { .. } => "no-rate",
            Error::WrongPin { .. } => "wrong-pin",
            Error::SignInLocked { .. } => "sign-in-locked",
            Error::NoPin { .. } => "no-pin",
            Error::ReservedByOrders { .. } => "reserved-by-orders",
            Error::OverDelivery { .. } => "over-delivery",
            Error::OrderClosed { .. } => "order-closed",
            Error::QuoteExpired { .. } => "quote-expired",
            Error::QuoteAlreadyAccepted { .. } => "quote-already-accepted",
            Error::NotSignedIn => "not-signed-in",
            Error::UnlockRefused { .. } => "unlock-refused",
            Error::UnknownLocation { .. } => "unknown-location",
            Error::DuplicateLocation { .. } => "duplicate-location",
            Error::SameLocation { .. } => "same-location",
            Error::InsufficientStockAt { .. } => "insufficient-stock-at",
        }
    }

    /// The facts of the error, as named arguments of its Fluent message.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        fn s(v: &str) -> String {
            v.to_string()
        }
        match self {
            Error::NotInitialized | Error::Busy | Error::NoLines | Error::DiskFull | Error::SyncNotConfigured => vec![],
            Error::Cloud { detail } => vec![("detail", s(detail))],
            Error::SeriesPrefixTaken { tenant, prefix } => vec![("tenant", s(tenant)), ("prefix", s(prefix))],
            Error::AlreadyRegistered { tenant } => vec![("tenant", s(tenant))],
            Error::WrongPin { username, attempts_left } => {
                vec![("username", s(username)), ("attempts_left", attempts_left.to_string())]
            }
            Error::SignInLocked { username, until } => vec![("username", s(username)), ("until", s(until))],
            Error::NoPin { username } => vec![("username", s(username))],
            Error::NotSignedIn => vec![],
            Error::UnlockRefused { username, locked_by } => {
                vec![("username", s(username)), ("locked_by", s(locked_by))]
            }
            Error::NoRate { field, currency, date } => {
                vec![("field", s(field)), ("currency", s(currency)), ("date", s(date))]
            }
            Error::QuotaExceeded { sku, quota, used, requested, base_unit } => vec![
                ("sku", s(sku)),
                ("quota", quota.to_string()),
                ("used", used.to_string()),
                ("requested", requested.to_string()),
                ("base_unit", s(base_unit)),
            ],
            Error::HeldForOtherTills { sku, on_hand, held, requested, base_unit } => vec![
                ("sku", s(sku)),
                ("on_hand", on_hand.to_string()),
                ("held", held.to_string()),
                ("requested", requested.to_string()),
                ("base_unit", s(base_unit)),
            ],
            Error::DatabaseCorrupt { path, detail, backup } => {
                vec![("path", s(path)), ("detail", s(detail)), ("backup", s(backup))]
            }
            Error::BackupInvalid { path, detail } => vec![("path", s(path)), ("detail", s(detail))],
            Error::BookEncrypted { path }
            | Error::WrongPassphrase { path }
            | Error::AlreadyEncrypted { path }
            | Error::NotEncrypted { path } => vec![("path", s(path))],
            Error::AlreadyInitialized { shop } => vec![("shop", s(shop))],
            Error::DatabaseTooNew { found, supported } => {
                vec![("found", found.to_string()), ("supported", supported.to_string())]
            }
            Error::NotAnOnebookDatabase { detail } | Error::Storage { detail } | Error::WriteRefused { detail } => {
                vec![("detail", s(detail))]
            }
            Error::Io { path, detail } => vec![("path", s(path)), ("detail", s(detail))],
            Error::InvalidInput { field, reason } => vec![("field", s(field)), ("reason", s(reason))],
            Error::UnknownCurrency { field, value }
            | Error::UnknownTimeZone { field, value }
            | Error::UnknownLocale { field, value } => vec![("field", s(field)), ("value", s(value))],
            Error::UnknownUser { username } | Error::DuplicateUser { username } => vec![("username", s(username))],
            Error::PermissionDenied { username, role, action } => {
                vec![("username", s(username)), ("role", s(role)), ("action", s(action))]
            }
            Error::UnknownProduct { field, sku } | Error::DuplicateSku { field, sku } => {
                vec![("field", s(field)), ("sku", s(sku))]
            }
            Error::UnknownBarcode { field, code } | Error::BadBarcode { field, code } => {
                vec![("field", s(field)), ("code", s(code))]
            }
            Error::UnknownUnit { field, sku, unit } => vec![("field", s(field)), ("sku", s(sku)), ("unit", s(unit))],
            Error::BadCheckDigit { field, code, expected } => {
                vec![("field", s(field)), ("code", s(code)), ("expected", expected.to_string())]
            }
            Error::DuplicateBarcode { field, code, sku } => {
                vec![("field", s(field)), ("code", s(code)), ("sku", s(sku))]
            }
            Error::UnitFactorChanged { field, sku, unit, old_factor, new_factor } => vec![
                ("field", s(field)),
                ("sku", s(sku)),
                ("unit", s(unit)),
                ("old_factor", old_factor.to_string()),
                ("new_factor", new_factor.to_string()),
            ],
            Error::NoPrice { field, sku, unit, list } => {
                vec![("field", s(field)), ("sku", s(sku)), ("unit", s(unit)), ("list", s(list))]
            }
            Error::QtyNotPositive { field, qty } | Error::QtyTooLarge { field, qty } => {
                vec![("field", s(field)), ("qty", s(qty))]
            }
            Error::FractionalBaseQty { field, qty, unit, base, base_unit } => vec![
                ("field", s(field)),
                ("qty", s(qty)),
                ("unit", s(unit)),
                ("base", s(base)),
                ("base_unit", s(base_unit)),
            ],
            Error::AmountOutOfRange { field, amount } => vec![("field", s(field)), ("amount", s(amount))],
            Error::ReservedForWholesale { sku, on_hand, reserve, available, requested, base_unit } => vec![
                ("sku", s(sku)),
                ("on_hand", on_hand.to_string()),
                ("reserve", reserve.to_string()),
                ("available", available.to_string()),
                ("requested", requested.to_string()),
                ("base_unit", s(base_unit)),
            ],
            Error::InsufficientStock { sku, on_hand, requested, base_unit } => vec![
                ("sku", s(sku)),
                ("on_hand", on_hand.to_string()),
                ("requested", requested.to_string()),
                ("base_unit", s(base_unit)),
            ],
            Error::UnknownDocument { field, doc_no } => vec![("field", s(field)), ("doc_no", s(doc_no))],
            Error::WrongDocumentKind { field, doc_no, found, expected } => {
                vec![("field", s(field)), ("doc_no", s(doc_no)), ("found", s(found)), ("expected", s(expected))]
            }
            Error::UnknownLine { field, doc_no, line } => {
                vec![("field", s(field)), ("doc_no", s(doc_no)), ("line", line.to_string())]
            }
            Error::ProductNotOnDocument { field, doc_no, sku } => {
                vec![("field", s(field)), ("doc_no", s(doc_no)), ("sku", s(sku))]
            }
            Error::OverReturn { field, doc_no, line, sku, sold, returned, requested } => vec![
                ("field", s(field)),
                ("doc_no", s(doc_no)),
                ("line", line.to_string()),
                ("sku", s(sku)),
                ("sold", sold.to_string()),
                ("returned", returned.to_string()),
                ("requested", requested.to_string()),
            ],
            Error::NotToReceive { doc_no, status } => vec![("doc_no", s(doc_no)), ("status", s(status))],
            Error::DateBeforeLastDocument { field, date, last } => {
                vec![("field", s(field)), ("date", s(date)), ("last", s(last))]
            }
            Error::UnknownCustomer { field, code } => vec![("field", s(field)), ("code", s(code))],
            Error::DuplicateCustomer { code } => vec![("code", s(code))],
            Error::PaymentShort { paid, total } => vec![("paid", s(paid)), ("total", s(total))],
            Error::NonCashOverpaid { non_cash, total } => vec![("non_cash", s(non_cash)), ("total", s(total))],
            Error::TooManyLines { max } => vec![("max", max.to_string())],
            Error::ImportRejected { count, .. } | Error::OrderRejected { count, .. } => {
                vec![("count", count.to_string())]
            }
            Error::CreditLimitExceeded { buyer, limit, open, invoice } => {
                vec![("buyer", s(buyer)), ("limit", s(limit)), ("open", s(open)), ("invoice", s(invoice))]
            }
            Error::BuyerOverdue { buyer, limit, open, overdue } => {
                vec![("buyer", s(buyer)), ("limit", s(limit)), ("open", s(open)), ("overdue", s(overdue))]
            }
            Error::AllocationExceedsOpen { field, doc_no, open, amount } => {
                vec![("field", s(field)), ("doc_no", s(doc_no)), ("open", s(open)), ("amount", s(amount))]
            }
            Error::PeriodClosed { field, date, month, closed_through } => {
                vec![("field", s(field)), ("date", s(date)), ("month", s(month)), ("closed_through", s(closed_through))]
            }
            Error::PeriodAlreadyClosed { field, month, closed_through } => {
                vec![("field", s(field)), ("month", s(month)), ("closed_through", s(closed_through))]
            }
            Error::MonthNotOver { field, month } => vec![("field", s(field)), ("month", s(month))],
            Error::DayAlreadyClosed { field, device, day, doc_no } => {
                vec![("field", s(field)), ("device", s(device)), ("day", s(day)), ("doc_no", s(doc_no))]
            }
            Error::UnknownDevice { field, device } => vec![("field", s(field)), ("device", s(device))],
            Error::PrinterOffline { device, detail } => vec![("device", s(device)), ("detail", s(detail))],
            Error::PrinterOutOfPaper { device } => vec![("device", s(device))],
            Error::NoDevice { field, kind } => vec![("field", s(field)), ("kind", s(kind))],
            Error::UnprintableText { field, text, script } => {
                vec![("field", s(field)), ("text", s(text)), ("script", s(script))]
            }
            Error::BadMonth { field, value } | Error::UnknownExportFormat { field, value } => {
                vec![("field", s(field)), ("value", s(value))]
            }
            Error::ExportNotWritable { field, path, detail } => {
                vec![("field", s(field)), ("path", s(path)), ("detail", s(detail))]
            }
            Error::ReservedByOrders { sku, on_hand, reserved, reserve, available, requested, base_unit } => vec![
                ("sku", s(sku)),
                ("on_hand", on_hand.to_string()),
                ("reserved", reserved.to_string()),
                ("reserve", reserve.to_string()),
                ("available", available.to_string()),
                ("requested", requested.to_string()),
                ("base_unit", s(base_unit)),
            ],
            Error::OverDelivery { field, doc_no, line, sku, ordered, delivered, requested } => vec![
                ("field", s(field)),
                ("doc_no", s(doc_no)),
                ("line", line.to_string()),
                ("sku", s(sku)),
                ("ordered", ordered.to_string()),
                ("delivered", delivered.to_string()),
                ("requested", requested.to_string()),
            ],
            Error::OrderClosed { doc_no, status } => vec![("doc_no", s(doc_no)), ("status", s(status))],
            Error::QuoteExpired { field, doc_no, valid_until } => {
                vec![("field", s(field)), ("doc_no", s(doc_no)), ("valid_until", s(valid_until))]
            }
            Error::QuoteAlreadyAccepted { doc_no, order } => vec![("doc_no", s(doc_no)), ("order", s(order))],
            Error::UnknownLocation { field, code } | Error::DuplicateLocation { field, code } => {
                vec![("field", s(field)), ("code", s(code))]
            }
            Error::SameLocation { field, location } => vec![("field", s(field)), ("location", s(location))],
            Error::InsufficientStockAt { field, sku, location, on_hand, requested, base_unit } => vec![
                ("field", s(field)),
                ("sku", s(sku)),
                ("location", s(location)),
                ("on_hand", on_hand.to_string()),
                ("requested", requested.to_string()),
                ("base_unit", s(base_unit)),
            ],
        }
    }

    /// The input field or file column at fault, when the error names one.
    pub fn field(&self) -> Option<&str> {
        match_field!(self, field => Some(field.as_str()), _ => None)
    }

    /// The bad rows of a refused file (product import, bulk order), when the error lists them.
    pub fn rows(&self) -> Option<&[RowError]> {
        match self {
            Error::ImportRejected { rows, .. } | Error::OrderRejected { rows, .. } => Some(rows),
            _ => None,
        }
    }

    /// The message in the given language.
    pub fn message(&self, locale: Locale) -> String {
        crate::i18n::message(locale, &format!("error-{}", self.code()), &self.args())
    }

    /// Prefix the field path (`lines[2].qty`) with where the input came from.
    pub fn in_field(mut self, prefix: &str) -> Self {
        match_field!(&mut self, field => {
            *field = if field.is_empty() { prefix.to_string() } else { format!("{prefix}.{field}") };
        }, _ => {});
        self
    }

    /// A refusal of bad input, naming the field (or file position) at fault.
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidInput { field: field.into(), reason: reason.into() }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        match &e {
            rusqlite::Error::SqliteFailure(f, _)
                if f.code == rusqlite::ErrorCode::DatabaseBusy || f.code == rusqlite::ErrorCode::DatabaseLocked =>
            {
                Error::Busy
            }
            rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::DiskFull => Error::DiskFull,
            // SQLITE_IOERR_WRITE: the file could not be written (no space, a file-size limit, a
            // failing disk); the transaction was rolled back whole.
            rusqlite::Error::SqliteFailure(f, _) if f.extended_code == 778 => {
                Error::WriteRefused { detail: e.to_string() }
            }
            rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase => {
                Error::NotAnOnebookDatabase { detail: e.to_string() }
            }
            _ => Error::Storage { detail: e.to_string() },
        }
    }
}
