//! `onebook`: the command line over the Onebook library. Each subcommand parses its input, calls
//! one library function and prints the result (text in the user's language, or `--json`).

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use onebook::i18n::{self, Locale};
use onebook::{Book, Error, Timestamp};
use rust_decimal::Decimal;

#[derive(Parser)]
#[command(name = "onebook", version, about = "One book for wholesale and retail: one stock pool, one ledger")]
struct Cli {
    /// The database file (default: the desktop app's, or $ONEBOOK_DB).
    #[arg(long, global = true, env = "ONEBOOK_DB")]
    db: Option<PathBuf>,
    /// Who is acting (default: the first owner).
    #[arg(long, global = true, env = "ONEBOOK_USER")]
    user: Option<String>,
    /// Language of messages: en, zh-CN, zh-TW, es, pt, ar, th (default: the user's).
    #[arg(long, global = true, env = "ONEBOOK_LANG")]
    lang: Option<String>,
    /// Print stable, documented JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
    /// An encrypted book's passphrase: the first line of this file (`-`: of standard input).
    /// Or set ONEBOOK_PASSPHRASE. Never on the command line itself.
    #[arg(long, global = true)]
    passphrase_file: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Set up a new shop and its first owner.
    Init {
        #[arg(long)]
        shop: String,
        #[arg(long)]
        currency: String,
        /// Default VAT rate in percent.
        #[arg(long)]
        vat: String,
        /// IANA time zone, e.g. Asia/Dubai.
        #[arg(long)]
        tz: String,
        #[arg(long)]
        tax_number: Option<String>,
        /// Base units kept back from retail for wholesale, unless a product says otherwise.
        #[arg(long, default_value_t = 0)]
        reserve: i64,
        #[arg(long, default_value = "owner")]
        owner: String,
        #[arg(long)]
        owner_name: Option<String>,
        /// Prefix of this till's document numbers.
        #[arg(long, default_value = "A")]
        series: String,
    },
    /// Staff accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Wholesale buyers.
    Buyer {
        #[command(subcommand)]
        command: BuyerCommand,
    },
    /// Import data.
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
    /// Record documents from a JSON file (or - for standard input).
    Post {
        file: String,
        /// Owner: issue invoices the credit check refuses; the reason is recorded with each.
        #[arg(long)]
        credit_override: Option<String>,
    },
    /// Record a void at this till (a line or the open sale cancelled before payment) from a JSON
    /// file (or - for standard input): {"scope": "line"|"sale", "lines": [...], "reason": "..."}.
    Void { file: String },
    /// Show a committed document.
    Document { doc_no: String },
    /// Stock of a product by SKU or barcode.
    Stock { code: String },
    /// Find products: words of the name (any order), the start of a SKU, or a barcode; a page at a time.
    Products {
        /// What to look for (nothing: every product).
        #[arg(default_value = "")]
        query: String,
        /// Rows to skip.
        #[arg(long, default_value_t = 0)]
        offset: usize,
        /// Rows to show (at most 500).
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Reports.
    Report {
        #[command(subcommand)]
        command: ReportCommand,
    },
    /// Exports for the accountant.
    Export {
        #[command(subcommand)]
        command: ExportCommand,
    },
    /// Wholesale price tiers (A, B, C).
    Tier {
        #[command(subcommand)]
        command: TierCommand,
    },
    /// Wholesale prices: history and what a buyer pays.
    Price {
        #[command(subcommand)]
        command: PriceCommand,
    },
    /// Record a buyer's payment: onebook pay B001 500 --method bank [--invoice INV-A-000001[=AMOUNT]]...
    Pay {
        buyer: String,
        amount: String,
        /// cash, bank (transfer), cheque or card.
        #[arg(long, default_value = "bank")]
        method: String,
        /// Invoices it settles, in order; `INV-A-000001=250` names the amount.
        #[arg(long = "invoice")]
        invoices: Vec<String>,
        #[arg(long)]
        reference: Option<String>,
        #[arg(long)]
        date: Option<String>,
        /// Paid in another currency (USD): the amount is in it, converted at the day's rate.
        #[arg(long)]
        currency: Option<String>,
    },
    /// Exchange rates for cash in other currencies: `rate set USD 3.6725 [--date D]`, `rate list`.
    Rate {
        #[command(subcommand)]
        command: RateCommand,
    },
    /// Stock locations (main sells; a warehouse feeds it by transfers): `location add`, `location list`.
    Location {
        #[command(subcommand)]
        command: LocationCommand,
    },
    /// Receivables aging (current, 1-30, 31-60, 61-90, 90+ days past due).
    Aging {
        /// As of this date (end of that day) or instant; default now.
        #[arg(long)]
        at: Option<String>,
    },
    /// A new invoice draft from a past invoice, at today's prices, with what changed.
    Reorder { invoice: String },
    /// Bulk orders; open wholesale orders that reserve stock: place, deliver, cancel, list, show.
    Order {
        #[command(subcommand)]
        command: OrderCommand,
    },
    /// Quotes for buyers (they reserve nothing until accepted as orders).
    Quote {
        #[command(subcommand)]
        command: QuoteCommand,
    },
    /// Create the demo shop in an empty database.
    Demo,
    /// Verify the ledger: every balance equals the sum of its movements.
    Check,
    /// Back up the book into a folder (default: backups/ beside it), check the copy, rotate.
    Backup {
        /// The folder (made if its parent exists).
        #[arg(long)]
        to: Option<PathBuf>,
        /// Only show when the last good backup was taken.
        #[arg(long)]
        status: bool,
        /// Owner: back up automatically into this folder (every --every hours, and at each daily close).
        #[arg(long)]
        plan: Option<PathBuf>,
        #[arg(long, default_value_t = 24)]
        every: i64,
        /// Take the planned backup only if it is due (for a scheduler: cron, systemd timer).
        #[arg(long)]
        due: bool,
    },
    /// Replace the book with a backup (the current file is kept aside first).
    Restore { file: PathBuf },
    /// Owner: encrypt the book and its future backups under a passphrase (from
    /// --new-passphrase-file, else ONEBOOK_PASSPHRASE / --passphrase-file, else standard input).
    Encrypt {
        #[arg(long)]
        new_passphrase_file: Option<PathBuf>,
    },
    /// Owner: change an encrypted book's passphrase (the new one from --new-passphrase-file, else
    /// the next line of standard input).
    Passphrase {
        #[arg(long)]
        new_passphrase_file: Option<PathBuf>,
    },
    /// Owner: turn an encrypted book back into a plain file.
    Decrypt,
    /// The audit trail of sensitive acts.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Closing: the month (period lock) and the till's day (Z report).
    Close {
        #[command(subcommand)]
        command: CloseCommand,
    },
    /// Receipt printers: print (again) a sale's receipt, or a test page.
    Print {
        #[command(subcommand)]
        command: PrintCommand,
    },
    /// Serial barcode scanners.
    Scan {
        #[command(subcommand)]
        command: ScanCommand,
    },
    /// Open the cash drawer without a sale (recorded in the audit trail with the reason).
    Drawer {
        #[command(subcommand)]
        command: DrawerCommand,
    },
    /// This till's receipt printer and scanner, and the hardware the machine has.
    Devices {
        #[command(subcommand)]
        command: DevicesCommand,
    },
    /// The cloud ledger (PostgreSQL): register this device, sync, the status and the conflicts.
    Sync {
        #[command(subcommand)]
        command: SyncCommand,
    },
}

#[derive(Subcommand)]
enum RateCommand {
    /// Owner: units of the shop's currency for one unit of CURRENCY, from a local day (default today).
    Set {
        currency: String,
        rate: String,
        #[arg(long)]
        date: Option<String>,
    },
    /// Every rate recorded.
    List,
}

#[derive(Subcommand)]
enum LocationCommand {
    /// Owner: add a location, e.g. `location add warehouse "Back warehouse"`.
    Add { code: String, name: String },
    /// Every location with the products and base units it holds.
    List,
}

#[derive(Subcommand)]
enum SyncCommand {
    /// Owner: register this device with a tenant on a PostgreSQL server. The URL's account must
    /// be allowed to create roles; it is used once and never stored.
    Register {
        #[arg(long, env = "ONEBOOK_SYNC_ADMIN_URL")]
        server: String,
        /// The merchant's name on the server; every device of the shop gives the same.
        #[arg(long)]
        tenant: String,
    },
    /// Where this device replicates to, entries not yet pushed, the last sync, open conflicts.
    Status,
    /// One round: push this device's log, pull and merge the other devices'.
    Once,
    /// Keep syncing (push on each commit, pull on NOTIFY, back off while offline) until stopped.
    Run {
        /// Pull at least this often even without a notification.
        #[arg(long, default_value_t = 5000)]
        poll_ms: u64,
        /// Stop after this many seconds (default: run until interrupted).
        #[arg(long)]
        seconds: Option<u64>,
    },
    /// Owner: what merging found (oversold stock with every device's sales, returns received twice).
    Conflicts,
    /// Owner: cover an open oversold conflict with a transfer of its shortfall from a location into main.
    Resolve {
        /// The conflict's number (as `sync conflicts` lists it).
        conflict: i64,
        /// The location the stock comes from, e.g. warehouse.
        #[arg(long)]
        from: String,
    },
    /// Owner: give a till (series prefix) a quota of a product it may sell while offline (0 removes it).
    Quota { till: String, sku: String, qty: String },
    /// Every till's quotas and what each has used.
    Quotas,
    /// Owner: a till restored from a backup takes back from the cloud the documents it made after
    /// the backup; those made since the restore get the next numbers (audited).
    Rebase,
}

#[derive(clap::Args)]
struct PrinterArgs {
    /// The printer: tcp://HOST[:9100], serial:///dev/ttyUSB0[?baud=9600], file:///PATH or a path
    /// (default: this till's printer, see `onebook devices set`).
    #[arg(long)]
    to: Option<String>,
    /// Paper width in mm: 58 (32 columns) or 80 (48 columns) (default: this till's, else 80).
    #[arg(long)]
    paper: Option<String>,
    /// Language of the receipt (default: the shop's).
    #[arg(long)]
    locale: Option<String>,
    /// Open the cash drawer (after a sale: only when it was paid in cash).
    #[arg(long)]
    drawer: bool,
}

#[derive(Subcommand)]
enum PrintCommand {
    /// onebook print receipt S-A-000001 --to tcp://192.168.1.50 [--paper 58] [--drawer]
    Receipt {
        doc_no: String,
        #[command(flatten)]
        printer: PrinterArgs,
    },
    /// A till's daily close: onebook print z Z-A-000001 --to tcp://192.168.1.50 [--drawer]
    Z {
        doc_no: String,
        #[command(flatten)]
        printer: PrinterArgs,
    },
    /// A test page: the paper's columns, the code page, a barcode, a cut.
    Test {
        #[command(flatten)]
        printer: PrinterArgs,
    },
    /// onebook print invoice INV-A-000001 --out invoice.pdf [--locale ar]: the A4 invoice or credit note.
    Invoice {
        doc_no: String,
        /// Where to write the PDF.
        #[arg(long)]
        out: std::path::PathBuf,
        /// The language beside English (default: the buyer's, else the shop's).
        #[arg(long)]
        locale: Option<String>,
    },
}

#[derive(Subcommand)]
enum CloseCommand {
    /// Owner: close the books through YYYY-MM (and every earlier month); nothing can be dated into them.
    Month { month: String },
    /// Close a till's day: the Z report with expected and counted cash, kept as a document.
    Day {
        /// The till, by series prefix or device id (default: this one).
        #[arg(long)]
        device: Option<String>,
        /// The business day YYYY-MM-DD in the shop's time zone (default: today).
        #[arg(long)]
        date: Option<String>,
        /// Cash counted in the drawer.
        #[arg(long, allow_hyphen_values = true)]
        counted: String,
        /// Cash in the drawer when the day began (default 0).
        #[arg(long = "float", allow_hyphen_values = true)]
        opening_float: Option<String>,
    },
    /// Show a past Z report (Z-A-000001).
    Show { doc_no: String },
}

#[derive(Subcommand)]
enum ScanCommand {
    /// Print each code a serial scanner sends, reconnecting when it is unplugged and back.
    Listen {
        /// The scanner's serial port (default: this till's scanner, see `onebook devices set`).
        #[arg(long)]
        port: Option<String>,
        /// Baud rate (default: the till's setting, else 9600).
        #[arg(long)]
        baud: Option<String>,
        /// What ends a scan: cr, lf or crlf (default: the till's setting, else cr).
        #[arg(long)]
        suffix: Option<String>,
        /// Look each code up in the catalog, as the till does.
        #[arg(long)]
        sell: bool,
        /// Stop after this many codes (default: listen until interrupted).
        #[arg(long)]
        count: Option<u64>,
    },
}

#[derive(Subcommand)]
enum DrawerCommand {
    /// onebook drawer open --reason "change for the bakery" [--to ADDRESS]
    Open {
        /// Why the drawer is opened without a sale.
        #[arg(long)]
        reason: String,
        /// The printer the drawer hangs on (default: this till's printer).
        #[arg(long)]
        to: Option<String>,
    },
}

#[derive(Subcommand)]
enum DevicesCommand {
    /// The serial ports and USB receipt printers this machine has.
    List,
    /// This till's printer, paper, drawer, receipt language and scanner.
    Show,
    /// Owner: change this till's hardware settings (only what is given changes).
    Set {
        /// The receipt printer's address (tcp://…, serial://…, file://… or a path), or `none`.
        #[arg(long)]
        printer: Option<String>,
        /// Paper width: 58 or 80 (mm).
        #[arg(long)]
        paper: Option<String>,
        /// Open the cash drawer after a cash sale: on or off.
        #[arg(long)]
        drawer: Option<String>,
        /// The receipts' language (default: the shop's), or `none`.
        #[arg(long)]
        locale: Option<String>,
        /// The serial scanner's port, or `none`.
        #[arg(long)]
        scanner: Option<String>,
        /// The scanner's baud rate.
        #[arg(long)]
        baud: Option<String>,
        /// What ends a scan: cr, lf or crlf.
        #[arg(long)]
        suffix: Option<String>,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Recompute the hash chain; name the first broken entry.
    Verify,
    /// Show every entry.
    List,
}

#[derive(Subcommand)]
enum UserCommand {
    Add {
        username: String,
        #[arg(long)]
        role: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long = "user-lang")]
        user_lang: Option<String>,
    },
    /// Set a user's PIN (4-12 digits) or password, read from standard input.
    Pin { username: String },
    /// Check a user's PIN (read from standard input): five wrong ones in a row lock them out.
    SignIn { username: String },
    /// Show, or set (owner), the minutes without input before the desktop till locks (0: never).
    LockAfter { minutes: Option<i64> },
}

#[derive(Subcommand)]
enum BuyerCommand {
    Add {
        code: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        tax_number: Option<String>,
        /// Payment terms: N days (net), cash, eom (end of month) or eom+N.
        #[arg(long, default_value = "0")]
        terms: String,
        #[arg(long = "buyer-lang")]
        buyer_lang: Option<String>,
        /// Price tier (A, B, C...).
        #[arg(long)]
        tier: Option<String>,
        /// Most the buyer may owe; invoices over it are refused.
        #[arg(long)]
        credit_limit: Option<String>,
    },
    /// Change a buyer's tier, credit limit (0 removes it) or terms.
    Set {
        code: String,
        #[arg(long)]
        tier: Option<String>,
        #[arg(long)]
        credit_limit: Option<String>,
        #[arg(long)]
        terms: Option<String>,
    },
    /// The buyer's own price for a product: onebook buyer price B001 RC-100 1550 --unit carton
    Price {
        code: String,
        product: String,
        price: String,
        #[command(flatten)]
        rule: RuleArgs,
    },
    /// Balance, credit and open invoices of a buyer.
    Balance { code: String },
    /// The buyer's statement of account for a period (local days, both included); as a PDF in
    /// the buyer's language with --out, else printed.
    Statement {
        code: String,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        #[arg(long)]
        out: Option<std::path::PathBuf>,
        /// The PDF's language (default: the buyer's, else the shop's).
        #[arg(long)]
        locale: Option<String>,
    },
}

#[derive(clap::Args)]
struct RuleArgs {
    /// Unit of the price (default: the barcode's unit, or the base unit).
    #[arg(long)]
    unit: Option<String>,
    /// Quantity break: the price applies from this quantity up (in the unit).
    #[arg(long)]
    min_qty: Option<String>,
    /// Effective from (YYYY-MM-DD: that day's start); default now.
    #[arg(long)]
    from: Option<String>,
}

#[derive(Subcommand)]
enum TierCommand {
    /// A tier price: onebook tier set A RC-100 1600 --unit carton [--min-qty 10] [--from 2026-12-01]
    Set {
        tier: String,
        product: String,
        price: String,
        #[command(flatten)]
        rule: RuleArgs,
    },
}

#[derive(Subcommand)]
enum PriceCommand {
    /// Every tier and buyer price recorded for a product.
    History { product: String },
    /// What a buyer pays: onebook price quote B001 RC-100 --qty 10 --unit carton [--at DATE]
    Quote {
        buyer: String,
        product: String,
        #[arg(long, default_value = "1")]
        qty: String,
        #[arg(long)]
        unit: Option<String>,
        #[arg(long)]
        at: Option<String>,
    },
}

#[derive(Subcommand)]
enum OrderCommand {
    /// An invoice draft from a CSV order sheet (sku or barcode or code, qty, unit); with --place,
    /// an open order that reserves its stock.
    Upload {
        buyer: String,
        file: PathBuf,
        #[arg(long)]
        place: bool,
    },
    /// Place an order from a JSON draft (or - for standard input): {"buyer": "B001", "lines": [...]}.
    Place { file: String },
    /// Deliver an open order: an invoice of what is left, or of `--line N=QTY` (QTY in the line's unit).
    Deliver {
        order: String,
        #[arg(long = "line")]
        lines: Vec<String>,
        /// Owner: issue the invoice even if the credit check refuses it; the reason is recorded.
        #[arg(long)]
        credit_override: Option<String>,
    },
    /// Cancel what is left of an open order, releasing its reservation.
    Cancel {
        order: String,
        #[arg(long)]
        reason: String,
    },
    /// Quotes and orders, newest first.
    List {
        /// Only open orders.
        #[arg(long)]
        open: bool,
        #[arg(long)]
        buyer: Option<String>,
    },
    /// A quote or order with its lines, deliveries and cancels.
    Show { order: String },
}

#[derive(Subcommand)]
enum QuoteCommand {
    /// Save a quote from a JSON draft (or -): {"buyer": "B001", "lines": [...], "valid_until": "2026-12-31"}.
    Save { file: String },
    /// Accept a quote: an order at the quote's prices that reserves its stock.
    Accept { quote: String },
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Products from the documented CSV.
    Products {
        file: PathBuf,
        /// Import the good rows and list the bad ones, instead of importing nothing.
        #[arg(long)]
        skip_bad: bool,
    },
}

#[derive(Subcommand)]
enum ExportCommand {
    /// The month pack: every month-end figure and the journals behind them, as XLSX or CSV.
    Month {
        /// YYYY-MM, in the shop's time zone.
        month: String,
        /// xlsx (one workbook, a sheet per part), csv (a folder, a file per part) or pdf (the
        /// printable summary with a chart of daily sales).
        #[arg(long, default_value = "xlsx")]
        format: String,
        /// The workbook or PDF to write, or the folder for the CSV files.
        #[arg(long)]
        out: PathBuf,
        /// The language of the headers and the PDF (default: the user's).
        #[arg(long)]
        locale: Option<String>,
    },
}

#[derive(Subcommand)]
enum ReportCommand {
    /// Every month-end figure, per channel and in total.
    Month { month: String },
}

/// The language to speak: the flag, else the acting user's, else the environment's, else English.
fn pick_locale(flag: &Option<String>, user: Option<Locale>) -> Locale {
    flag.as_deref()
        .and_then(Locale::parse)
        .or(user)
        .or_else(|| std::env::var("LANG").ok().and_then(|l| Locale::parse(&l)))
        .unwrap_or(Locale::En)
}

fn t(locale: Locale, id: &str, args: &[(&str, String)]) -> String {
    i18n::message(locale, id, args)
}

fn print_json(value: &impl serde::Serialize) {
    let out = serde_json::to_string_pretty(value).expect("serializable");
    println!("{out}");
}

fn error_json(e: &Error, locale: Locale) -> serde_json::Value {
    let mut v = serde_json::json!({ "code": e.code(), "message": e.message(locale) });
    if let Some(f) = e.field() {
        v["field"] = f.into();
    }
    if let Some(rows) = e.rows() {
        v["rows"] = serde_json::to_value(rows).expect("rows");
    }
    v
}

fn report_error(e: &Error, locale: Locale, json: bool) {
    if json {
        eprintln!("{}", serde_json::json!({ "error": error_json(e, locale) }));
        return;
    }
    eprintln!("{} [{}]: {}", t(locale, "cli-error", &[]), e.code(), e.message(locale));
    if matches!(e, Error::BookEncrypted { .. } | Error::WrongPassphrase { .. }) {
        eprintln!("{}", t(locale, "cli-passphrase-hint", &[]));
    }
    if let Some(rows) = e.rows() {
        for r in rows {
            let column = r.column.as_deref().map(|c| format!(" [{c}]")).unwrap_or_default();
            let line = r.line.to_string();
            let msg = r.error.message(locale);
            eprintln!("  {}", t(locale, "cli-row-error", &[("line", line), ("column", column), ("message", msg)]));
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut locale = pick_locale(&cli.lang, None);
    // A book of an earlier version is upgraded as it opens: say so before the wait.
    let upgrade_locale = locale;
    onebook::db::on_upgrade(move |from, to| {
        eprintln!(
            "{}",
            i18n::message(upgrade_locale, "cli-upgrading", &[("from", from.to_string()), ("to", to.to_string())])
        )
    });
    match run(&cli, &mut locale) {
        Ok(code) => code,
        Err(e) => {
            report_error(&e, locale, cli.json);
            ExitCode::from(1)
        }
    }
}

fn read_input(file: &str) -> onebook::Result<String> {
    let io = |e: std::io::Error| Error::Io { path: file.into(), detail: e.to_string() };
    let bytes = if file == "-" {
        let mut bytes = vec![];
        std::io::stdin().read_to_end(&mut bytes).map_err(io)?;
        bytes
    } else {
        std::fs::read(file).map_err(io)?
    };
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|b| **b == b'\n').count() + 1;
        let column = good.len() - good.iter().rposition(|b| *b == b'\n').map(|p| p + 1).unwrap_or(0) + 1;
        Error::invalid(format!("line {line} column {column}"), "the file is not valid UTF-8 text")
    })
}

fn run(cli: &Cli, locale: &mut Locale) -> onebook::Result<ExitCode> {
    let path = cli.db.clone().unwrap_or_else(Book::default_path);
    if let Command::Restore { file } = &cli.command {
        // Before opening: the current file may be the damaged one being replaced.
        return restore_command(cli, &path, file, locale);
    }
    let mut book = open_book(cli, &path)?;
    let now = Timestamp::now();
    let json = cli.json;
    // Commands that need a set-up shop speak the acting user's language.
    let actor = || -> onebook::Result<onebook::Actor> { book.actor(cli.user.as_deref()) };
    match &cli.command {
        Command::Init { shop, currency, vat, tz, tax_number, reserve, owner, owner_name, series } => {
            let setup = onebook::ShopSetup {
                name: shop.clone(),
                tax_number: tax_number.clone(),
                currency: currency.clone(),
                vat_default_pct: onebook::money::parse_vat_rate(vat, "vat")?,
                time_zone: tz.clone(),
                locale: *locale,
                retail_reserve_default: *reserve,
                owner_username: owner.clone(),
                owner_name: owner_name.clone(),
                series_prefix: Some(series.clone()),
            };
            let owner = book.init(&setup, now)?;
            if json {
                print_json(
                    &serde_json::json!({ "shop": book.shop()?, "owner": owner, "device": book.device()?, "db": path }),
                );
            } else {
                let args =
                    [("shop", shop.clone()), ("owner", owner.username.clone()), ("path", path.display().to_string())];
                println!("{}", t(*locale, "cli-init-done", &args));
            }
        }
        Command::User { command: UserCommand::Pin { username } } => {
            let a = actor()?;
            *locale = pick_locale(&cli.lang, Some(a.locale));
            let pin = read_secret()?;
            book.set_pin(&a, username, &pin, now)?;
            if json {
                print_json(&serde_json::json!({ "username": username, "pin": "set" }));
            } else {
                println!("{}", t(*locale, "cli-pin-set", &[("username", username.clone())]));
            }
        }
        Command::User { command: UserCommand::LockAfter { minutes } } => {
            let minutes = match minutes {
                Some(m) => {
                    let a = actor()?;
                    *locale = pick_locale(&cli.lang, Some(a.locale));
                    book.set_lock_after_minutes(&a, *m, now)?;
                    *m
                }
                None => book.lock_after_minutes()?,
            };
            if json {
                print_json(&serde_json::json!({ "lock_after_minutes": minutes }));
            } else {
                println!("{}", t(*locale, "cli-lock-after", &[("minutes", minutes.to_string())]));
            }
        }
        Command::User { command: UserCommand::SignIn { username } } => {
            let pin = read_secret()?;
            let who = book.sign_in(username, &pin, now)?;
            *locale = pick_locale(&cli.lang, Some(who.locale));
            if json {
                print_json(&who);
            } else {
                println!("{}", t(*locale, "cli-signed-in", &[("username", who.username.clone())]));
            }
        }
        Command::User { command: UserCommand::Add { username, role, name, user_lang } } => {
            let a = actor()?;
            *locale = pick_locale(&cli.lang, Some(a.locale));
            let role = onebook::Role::parse(role)
                .ok_or_else(|| Error::invalid("role", format!("`{role}`: owner, cashier, accountant or warehouse")))?;
            let user_locale = match user_lang {
                Some(l) => Some(
                    Locale::parse(l)
                        .ok_or_else(|| Error::UnknownLocale { field: "user-lang".into(), value: l.clone() })?,
                ),
                None => None,
            };
            let new =
                onebook::NewUser { username: username.clone(), display_name: name.clone(), role, locale: user_locale };
            let created = book.add_user(&a, &new, now)?;
            if json {
                print_json(&created);
            } else {
                let args = [("username", created.username.clone()), ("role", role.as_str().to_string())];
                println!("{}", t(*locale, "cli-user-added", &args));
            }
        }
        Command::Buyer {
            command: BuyerCommand::Add { code, name, tax_number, terms, buyer_lang, tier, credit_limit },
        } => {
            let a = actor()?;
            *locale = pick_locale(&cli.lang, Some(a.locale));
            let buyer_locale = match buyer_lang {
                Some(l) => Some(
                    Locale::parse(l)
                        .ok_or_else(|| Error::UnknownLocale { field: "buyer-lang".into(), value: l.clone() })?,
                ),
                None => None,
            };
            let c = onebook::Customer {
                code: code.clone(),
                name: name.clone(),
                tax_number: tax_number.clone(),
                payment_terms_days: 0,
                locale: buyer_locale,
            };
            let bt = buyer_terms(tier, credit_limit, &Some(terms.clone()))?;
            let account = book.add_buyer(&a, &c, &bt, now)?;
            if json {
                print_json(&account);
            } else {
                println!("{}", t(*locale, "cli-buyer-added", &[("code", code.clone())]));
            }
        }
        Command::Import { command: ImportCommand::Products { file, skip_bad } } => {
            let a = actor()?;
            *locale = pick_locale(&cli.lang, Some(a.locale));
            let f = std::fs::File::open(file)
                .map_err(|e| Error::Io { path: file.display().to_string(), detail: e.to_string() })?;
            let loc = *locale;
            let show = std::io::stderr().is_terminal() || std::env::var_os("ONEBOOK_PROGRESS").is_some();
            let mut progress = |p: onebook::ImportProgress| {
                if show && p.total >= 1000 {
                    let phase = match p.phase {
                        onebook::catalog::ImportPhase::Checking => t(loc, "cli-phase-checking", &[]),
                        onebook::catalog::ImportPhase::Writing => t(loc, "cli-phase-writing", &[]),
                    };
                    let args = [("phase", phase), ("done", p.done.to_string()), ("total", p.total.to_string())];
                    eprint!("\r{}   ", t(loc, "cli-import-progress", &args));
                    if p.done == p.total {
                        eprintln!();
                    }
                }
            };
            let report =
                book.import_products(&a, f, onebook::ImportOptions { skip_bad: *skip_bad }, &mut progress, now)?;
            if json {
                print_json(&report);
            } else {
                for r in &report.errors {
                    let column = r.column.as_deref().map(|c| format!(" [{c}]")).unwrap_or_default();
                    let args =
                        [("line", r.line.to_string()), ("column", column), ("message", r.error.message(*locale))];
                    eprintln!("  {}", t(*locale, "cli-row-error", &args));
                }
                let args = [
                    ("rows", report.rows.to_string()),
                    ("created", report.created.to_string()),
                    ("updated", report.updated.to_string()),
                    ("skipped", report.skipped.to_string()),
                ];
                println!("{}", t(*locale, "cli-import-done", &args));
            }
        }
        Command::Post { file, credit_override } => {
            let options = onebook::document::PostOptions { credit_override_reason: credit_override.clone() };
            let a = actor()?;
            *locale = pick_locale(&cli.lang, Some(a.locale));
            let text = read_input(file)?;
            let is_list = text.trim_start().starts_with('[');
            let drafts = onebook::document::drafts_from_json(&text)?;
            if !is_list {
                let draft = drafts.into_iter().next().expect("one document")?;
                let doc = book.post_with(&a, &draft, &options, Timestamp::now())?;
                print_document(&doc, *locale, json);
                return Ok(ExitCode::SUCCESS);
            }
            // A list: each document in its own transaction, each outcome reported as it happens
            // (one JSON line per document with --json), so a crash loses no acknowledgement. Each
            // sale's ledger rows are written out of the journal beside the next postings.
            book.apply_in_background()?;
            let (mut ok, mut failed) = (0, 0);
            let stdout = std::io::stdout();
            for (index, draft) in drafts.into_iter().enumerate() {
                let outcome = draft.and_then(|d| book.post_with(&a, &d, &options, Timestamp::now()));
                let mut out = stdout.lock();
                match outcome {
                    Ok(doc) => {
                        ok += 1;
                        if json {
                            let line = serde_json::json!({ "index": index, "ok": true, "document": doc });
                            writeln!(out, "{line}").ok();
                        } else {
                            writeln!(out, "{}", posted_line(&doc, *locale)).ok();
                        }
                    }
                    Err(e) => {
                        failed += 1;
                        if json {
                            let line =
                                serde_json::json!({ "index": index, "ok": false, "error": error_json(&e, *locale) });
                            writeln!(out, "{line}").ok();
                        } else {
                            let args = [("index", index.to_string()), ("message", e.message(*locale))];
                            eprintln!("{} [{}]", t(*locale, "cli-post-failed", &args), e.code());
                        }
                    }
                }
                out.flush().ok();
            }
            if !json {
                let args = [("ok", ok.to_string()), ("failed", failed.to_string())];
                println!("{}", t(*locale, "cli-post-summary", &args));
            }
            return Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS });
        }
        Command::Void { file } => {
            let a = actor()?;
            *locale = pick_locale(&cli.lang, Some(a.locale));
            let draft = onebook::voids::VoidDraft::from_json(&read_input(file)?)?;
            let void = book.void(&a, &draft, Timestamp::now())?;
            if json {
                print_json(&void);
            } else {
                let args = [
                    ("lines", void.lines.len().to_string()),
                    ("amount", i18n::format_number(*locale, &void.gross)),
                    ("reason", void.reason.clone()),
                ];
                println!("{}", t(*locale, "cli-void-recorded", &args));
            }
        }
        Command::Document { doc_no } => {
            let doc = book.document(doc_no)?;
            print_document(&doc, *locale, json);
        }
        Command::Stock { code } => {
            if let Ok(a) = actor() {
                *locale = pick_locale(&cli.lang, Some(a.locale));
            }
            let view = book.stock(code)?;
            if json {
                print_json(&view);
            } else {
                print_stock(&view, *locale);
            }
        }
        Command::Report { command: ReportCommand::Month { month } } => {
            let a = actor()?;
            *locale = pick_locale(&cli.lang, Some(a.locale));
            let report = book.report_month(&a, month)?;
            if json {
                print_json(&report);
            } else {
                print_report(&report, *locale);
            }
        }
        Command::Export { command: ExportCommand::Month { month, format, out, locale: export_locale } } => {
            let a = actor()?;
            *locale = pick_locale(&cli.lang, Some(a.locale));
            let loc = match export_locale {
                Some(l) => {
                    Locale::parse(l).ok_or_else(|| Error::UnknownLocale { field: "locale".into(), value: l.clone() })?
                }
                None => *locale,
            };
            // The files are in `loc`; what the command says is in the user's language.
            let says = *locale;
            let format = onebook::export::ExportFormat::parse(format)?;
            let show = std::io::stderr().is_terminal() || std::env::var_os("ONEBOOK_PROGRESS").is_some();
            let mut progress = |p: onebook::export::ExportProgress| {
                if show {
                    let part = onebook::export::part_title(p.part, says);
                    let args = [("part", part), ("done", p.done.to_string()), ("total", p.total.to_string())];
                    eprint!("\r{}   ", t(says, "cli-export-progress", &args));
                    if p.done == p.total && p.part == onebook::export::LAST_PART {
                        eprintln!();
                    }
                }
            };
            let report = book.export_month(&a, month, format, out, loc, &mut progress)?;
            if json {
                print_json(&report);
            } else {
                let args = [
                    ("month", report.month.clone()),
                    ("path", report.path.clone()),
                    ("parts", report.parts.len().to_string()),
                    ("rows", report.rows.to_string()),
                ];
                println!("{}", t(says, "cli-export-done", &args));
            }
        }
        Command::Buyer { command: BuyerCommand::Set { code, tier, credit_limit, terms } } => {
            let a = actor()?;
            *locale = pick_locale(&cli.lang, Some(a.locale));
            let account = book.set_buyer_terms(&a, code, &buyer_terms(tier, credit_limit, terms)?)?;
            if json {
                print_json(&account);
            } else {
                println!("{}", t(*locale, "cli-buyer-updated", &[("code", account.code.clone())]));
            }
        }
        Command::Buyer { command: BuyerCommand::Price { code, product, price, rule } }
        | Command::Tier { command: TierCommand::Set { tier: code, product, price, rule } } => {
            let a = actor()?;
            *locale = pick_locale(&cli.lang, Some(a.locale));
            let scope = match &cli.command {
                Command::Tier { .. } => onebook::pricing::PriceScope::Tier(code.clone()),
                _ => onebook::pricing::PriceScope::Buyer(code.clone()),
            };
            let input = onebook::pricing::PriceRuleInput {
                scope,
                product: product.clone(),
                unit: rule.unit.clone(),
                price: onebook::money::parse_price(price, "price")?,
                min_qty: rule.min_qty.as_deref().map(|q| onebook::money::parse_decimal(q, "min-qty")).transpose()?,
                effective_from: rule.from.clone(),
            };
            let r = book.set_price(&a, &input, now)?;
            if json {
                print_json(&r);
            } else {
                let args = [
                    ("scope", r.scope.clone()),
                    ("key", r.key.clone()),
                    ("sku", r.sku.clone()),
                    ("unit", r.unit.clone()),
                    ("min_qty", r.min_qty.clone()),
                    ("price", i18n::format_number(*locale, &r.price)),
                    ("from", r.effective_from.clone()),
                ];
                println!("{}", t(*locale, "cli-price-recorded", &args));
            }
        }
        Command::Buyer { command: BuyerCommand::Statement { code, from, to, out, locale: pdf_locale } } => {
            let a = actor()?;
            *locale = pick_locale(&cli.lang, Some(a.locale));
            match out {
                Some(path) => {
                    let lang = pdf_locale
                        .as_deref()
                        .map(|l| {
                            Locale::parse(l)
                                .ok_or_else(|| Error::UnknownLocale { field: "locale".into(), value: l.to_string() })
                        })
                        .transpose()?;
                    let bytes = book.buyer_statement_pdf(&a, code, from, to, lang)?;
                    std::fs::write(path, &bytes).map_err(|e| Error::ExportNotWritable {
                        field: "out".into(),
                        path: path.display().to_string(),
                        detail: e.to_string(),
                    })?;
                    if json {
                        print_json(&serde_json::json!({ "path": path.display().to_string(), "bytes": bytes.len() }));
                    } else {
                        let args = [("path", path.display().to_string()), ("bytes", bytes.len().to_string())];
                        println!("{}", t(*locale, "cli-statement-written", &args));
                    }
                }
                None => print_json(&book.buyer_statement(&a, code, from, to)?),
            }
        }
        Command::Buyer { command: BuyerCommand::Balance { code } } => {
            let a = actor()?;
            *locale = pick_locale(&cli.lang, Some(a.locale));
            print_json(&book.buyer_balance(&a, code, now)?);
        }
        Command::Price { command: PriceCommand::History { product } } => {
            print_json(&book.price_history(product)?);
        }
        Command::Price { command: PriceCommand::Quote { buyer, product, qty, unit, at } } => {
            let shop = book.shop()?;
            let at =
                at.as_deref().map(|t| onebook::pricing::parse_effective(t, &shop, "at")).transpose()?.unwrap_or(now);
            let qty = onebook::money::parse_decimal(qty, "qty")?;
            print_json(&book.quote_price(buyer, product, unit.as_deref(), qty, at)?);
        }
        Command::Pay { buyer, amount, method, invoices, reference, date, currency } => {
            let a = actor()?;
            *locale = pick_locale(&cli.lang, Some(a.locale));
            let input = onebook::receivables::PaymentInput {
                buyer: buyer.clone(),
                amount: onebook::money::parse_decimal(amount, "amount")?,
                method: method.clone(),
                invoices: invoices
                    .iter()
                    .enumerate()
                    .map(|(i, v)| onebook::receivables::AllocationInput::parse(v, &format!("invoice[{i}]")))
                    .collect::<onebook::Result<_>>()?,
                reference: reference.clone(),
                date: date.clone(),
                currency: currency.clone(),
            };
            let p = book.record_payment(&a, &input, now)?;
            if json {
                print_json(&p);
            } else {
                let n = |v: &str| i18n::format_number(*locale, v);
                let args = [
                    ("pay_no", p.pay_no.clone()),
                    ("buyer", p.buyer.clone()),
                    ("amount", n(&p.amount)),
                    ("unapplied", n(&p.unapplied)),
                    ("balance", n(&p.balance_after)),
                ];
                println!("{}", t(*locale, "cli-payment-recorded", &args));
                for al in &p.allocations {
                    println!("  {:<14} {:>12}  -> {:>12}", al.invoice, n(&al.amount), n(&al.open_after));
                }
            }
        }
        Command::Aging { at } => {
            let a = actor()?;
            *locale = pick_locale(&cli.lang, Some(a.locale));
            let table = book.aging_as_of(&a, at.as_deref(), now)?;
            if json {
                print_json(&table);
            } else {
                print_aging(&table, *locale);
            }
        }
        Command::Reorder { invoice } => {
            let a = actor()?;
            *locale = pick_locale(&cli.lang, Some(a.locale));
            let r = book.reorder(&a, invoice, now)?;
            if json {
                print_json(&r);
            } else {
                // The draft on stdout (ready for `post -`), what changed on stderr.
                print_json(&r.draft);
                for c in &r.changes {
                    let what = match c.change.as_str() {
                        "price_changed" => format!(
                            "price {} -> {}",
                            c.old_price.clone().unwrap_or_default(),
                            c.new_price.clone().unwrap_or_default()
                        ),
                        "short" => {
                            format!("short: {} available, {} asked", c.available.unwrap_or(0), c.requested.unwrap_or(0))
                        }
                        other => other.to_string(),
                    };
                    let args = [("line", c.line.to_string()), ("sku", c.sku.clone()), ("change", what)];
                    eprintln!("{}", t(*locale, "cli-reorder-change", &args));
                }
            }
        }
        Command::Order { command: OrderCommand::Upload { buyer, file, place: true } } => {
            let a = actor()?;
            *locale = pick_locale(&cli.lang, Some(a.locale));
            let f = open_sheet(file)?;
            let order = book.place_uploaded_order(&a, buyer, f, now)?;
            print_order(&order, *locale, json, "cli-order-placed");
        }
        Command::Order { command: OrderCommand::Place { file } } => {
            let a = actor()?;
            *locale = pick_locale(&cli.lang, Some(a.locale));
            let draft = onebook::open_orders::OrderDraft::from_json(&read_input(file)?)?;
            let order = book.place_order(&a, &draft, now)?;
            print_order(&order, *locale, json, "cli-order-placed");
        }
        Command::Quote { command: QuoteCommand::Save { file } } => {
            let a = actor()?;
            *locale = pick_locale(&cli.lang, Some(a.locale));
            let draft = onebook::open_orders::OrderDraft::from_json(&read_input(file)?)?;
            let quote = book.save_quote(&a, &draft, now)?;
            print_order(&quote, *locale, json, "cli-quote-saved");
        }
        Command::Quote { command: QuoteCommand::Accept { quote } } => {
            let a = actor()?;
            *locale = pick_locale(&cli.lang, Some(a.locale));
            let order = book.accept_quote(&a, quote, now)?;
            print_order(&order, *locale, json, "cli-order-placed");
        }
        Command::Order { command: OrderCommand::Deliver { order, lines, credit_override } } => {
            let a = actor()?;
            *locale = pick_locale(&cli.lang, Some(a.locale));
            let lines = lines
                .iter()
                .enumerate()
                .map(|(i, l)| onebook::open_orders::DeliverLine::parse(l, &format!("line[{i}]")))
                .collect::<onebook::Result<Vec<_>>>()?;
            let options = onebook::document::PostOptions { credit_override_reason: credit_override.clone() };
            let d = book.deliver_order(&a, order, &lines, &options, now)?;
            if json {
                print_json(&d);
            } else {
                let args = [
                    ("invoice", d.invoice.doc_no.clone()),
                    ("doc_no", d.order.doc_no.clone()),
                    ("gross", i18n::format_number(*locale, &d.invoice.gross)),
                    ("currency", d.invoice.currency.clone()),
                    ("status", t(*locale, &format!("order-status-{}", d.order.status), &[])),
                ];
                println!("{}", t(*locale, "cli-order-delivered", &args));
                print_order(&d.order, *locale, false, "");
            }
        }
        Command::Order { command: OrderCommand::Cancel { order, reason } } => {
            let a = actor()?;
            *locale = pick_locale(&cli.lang, Some(a.locale));
            let o = book.cancel_order(&a, order, reason, now)?;
            if json {
                print_json(&o);
            } else {
                let released = o.events.last().map(|e| e.lines.iter().map(|l| l.qty_base).sum::<i64>()).unwrap_or(0);
                let args = [
                    ("doc_no", o.doc_no.clone()),
                    ("reason", reason.trim().to_string()),
                    ("released", released.to_string()),
                ];
                println!("{}", t(*locale, "cli-order-cancelled", &args));
            }
        }
        Command::Order { command: OrderCommand::List { open, buyer } } => {
            let list = book.orders(*open, buyer.as_deref(), now)?;
            if json {
                print_json(&list);
            } else {
                for o in &list {
                    println!("{}", order_summary(o, *locale));
                }
            }
        }
        Command::Order { command: OrderCommand::Show { order } } => {
            let o = book.order(order, now)?;
            print_order(&o, *locale, json, "");
        }
        Command::Order { command: OrderCommand::Upload { buyer, file, place: false } } => {
            let a = actor()?;
            *locale = pick_locale(&cli.lang, Some(a.locale));
            let f = open_sheet(file)?;
            let upload = book.upload_order(&a, buyer, f, now)?;
            if json {
                print_json(&upload);
            } else {
                print_json(&upload.draft);
            }
        }
        Command::Demo => {
            let (products, documents) = onebook::demo::seed(&mut book, now)?;
            if json {
                print_json(&serde_json::json!({ "products": products, "documents": documents, "db": path }));
            } else {
                let args = [
                    ("products", products.to_string()),
                    ("documents", documents.to_string()),
                    ("path", path.display().to_string()),
                ];
                println!("{}", t(*locale, "cli-demo-ready", &args));
            }
        }
        Command::Encrypt { new_passphrase_file } => {
            let a = actor()?;
            *locale = pick_locale(&cli.lang, Some(a.locale));
            let new = match new_passphrase_file {
                Some(f) => read_secret_file(f)?,
                None => match passphrase(cli)? {
                    Some(p) => p,
                    None => read_secret()?,
                },
            };
            let report = book.encrypt(&a, &new, now)?;
            encryption_done(&report, "cli-encrypt-done", *locale, json);
        }
        Command::Passphrase { new_passphrase_file } => {
            let a = actor()?;
            *locale = pick_locale(&cli.lang, Some(a.locale));
            // A plain book is refused by the library before any new passphrase is needed.
            let new = match new_passphrase_file {
                Some(f) => read_secret_file(f)?,
                None if book.encrypted() => read_secret()?,
                None => String::new(),
            };
            let report = book.change_passphrase(&a, &new, now)?;
            encryption_done(&report, "cli-passphrase-changed", *locale, json);
        }
        Command::Decrypt => {
            let a = actor()?;
            *locale = pick_locale(&cli.lang, Some(a.locale));
            let report = book.decrypt(&a, now)?;
            encryption_done(&report, "cli-decrypt-done", *locale, json);
        }
        Command::Backup { to, status, plan, every, due } => {
            let a = actor()?;
            *locale = pick_locale(&cli.lang, Some(a.locale));
            if let Some(folder) = plan {
                let p = book.set_backup_plan(&a, folder, *every, now)?;
                print_json(&p);
                return Ok(ExitCode::SUCCESS);
            }
            if *due {
                let taken = book.backup_if_due(now)?;
                print_json(&serde_json::json!({ "taken": taken }));
                return Ok(ExitCode::SUCCESS);
            }
            if *status {
                let last = book.last_backup()?;
                if json {
                    print_json(&serde_json::json!({ "last_backup": last, "status": book.backup_status(now)? }));
                } else {
                    match &last {
                        None => println!("{}", t(*locale, "cli-backup-none", &[])),
                        Some(b) => {
                            let id = if b.file_present { "cli-backup-last" } else { "cli-backup-last-missing" };
                            println!("{}", t(*locale, id, &[("path", b.path.clone()), ("at", b.taken_at.clone())]));
                        }
                    }
                }
                return Ok(if last.as_ref().is_some_and(|b| b.file_present) {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                });
            }
            let report = match to {
                Some(dir) => book.backup(&a, dir, now)?,
                None => book.backup_now(&a, now)?,
            };
            if json {
                print_json(&report);
            } else {
                let args = [
                    ("path", report.path.clone()),
                    ("bytes", i18n::format_number(*locale, &report.bytes.to_string())),
                    ("kept", report.kept.to_string()),
                    ("removed", report.removed.len().to_string()),
                ];
                println!("{}", t(*locale, "cli-backup-done", &args));
            }
        }
        Command::Restore { .. } => unreachable!("handled before the book is opened"),
        Command::Print { command: PrintCommand::Invoice { doc_no, out, locale: doc_locale } } => {
            let a = actor()?;
            *locale = pick_locale(&cli.lang, Some(a.locale));
            let doc_locale = match doc_locale {
                Some(l) => Some(
                    Locale::parse(l)
                        .ok_or_else(|| Error::UnknownLocale { field: "locale".into(), value: l.clone() })?,
                ),
                None => None,
            };
            let bytes = book.write_invoice_pdf(&a, doc_no, doc_locale, out)?;
            if json {
                print_json(&serde_json::json!({ "doc_no": doc_no, "path": out.display().to_string(), "bytes": bytes }));
            } else {
                let args = [
                    ("doc_no", doc_no.clone()),
                    ("path", out.display().to_string()),
                    ("bytes", i18n::format_number(*locale, &bytes.to_string())),
                ];
                println!("{}", t(*locale, "cli-invoice-written", &args));
            }
        }
        Command::Print { command } => {
            let a = actor()?;
            *locale = pick_locale(&cli.lang, Some(a.locale));
            let printer = match command {
                PrintCommand::Receipt { printer, .. }
                | PrintCommand::Z { printer, .. }
                | PrintCommand::Test { printer } => printer,
                PrintCommand::Invoice { .. } => unreachable!("handled above"),
            };
            let (to, options) = book.printer_for(&onebook::devices::PrintChoice {
                to: printer.to.clone(),
                paper: printer.paper.clone(),
                locale: printer.locale.clone(),
                kick_drawer: printer.drawer.then_some(true),
            })?;
            let report = match command {
                PrintCommand::Receipt { doc_no, .. } => book.print_receipt(&a, doc_no, &to, &options)?,
                PrintCommand::Z { doc_no, .. } => book.print_day_close(&a, doc_no, &to, &options)?,
                PrintCommand::Test { .. } => book.test_print(&a, &to, &options)?,
                PrintCommand::Invoice { .. } => unreachable!("handled above"),
            };
            if json {
                print_json(&report);
            } else {
                let args = [
                    ("doc_no", report.doc_no.clone().unwrap_or_default()),
                    ("device", report.device.clone()),
                    ("bytes", report.bytes.to_string()),
                ];
                let id = if report.doc_no.is_some() { "cli-printed" } else { "cli-test-printed" };
                println!("{}", t(*locale, id, &args));
                if report.drawer_kicked {
                    println!("{}", t(*locale, "cli-drawer-opened", &[]));
                }
                if report.paper == onebook::devices::PaperState::Low {
                    println!("{}", t(*locale, "cli-paper-low", &[]));
                }
            }
        }
        Command::Scan { command: ScanCommand::Listen { port, baud, suffix, sell, count } } => {
            if let Ok(a) = actor() {
                *locale = pick_locale(&cli.lang, Some(a.locale));
            }
            let config = book.scanner_for(&onebook::devices::ScanChoice {
                port: port.clone(),
                baud: baud.clone(),
                suffix: suffix.clone(),
            })?;
            let mut scanner = onebook::devices::Scanner::new(config);
            let mut codes = 0u64;
            while count.is_none_or(|c| codes < c) {
                let Some(event) = scanner.next_event(std::time::Duration::from_secs(1)) else { continue };
                let lookup = match &event {
                    onebook::devices::ScanEvent::Code { code } if *sell => Some(book.stock(code)),
                    _ => None,
                };
                if json {
                    let mut v = serde_json::to_value(&event).expect("event");
                    match &lookup {
                        Some(Ok(view)) => v["product"] = serde_json::to_value(view).expect("view"),
                        Some(Err(e)) => v["error"] = error_json(e, *locale),
                        None => {}
                    }
                    println!("{v}");
                } else {
                    match (&event, &lookup) {
                        (onebook::devices::ScanEvent::Code { code }, Some(Ok(view))) => {
                            let args = [
                                ("code", code.clone()),
                                ("sku", view.sku.clone()),
                                ("name", view.name.clone()),
                                ("unit", view.scanned_unit.clone()),
                                ("on_hand", view.on_hand_mixed.clone()),
                            ];
                            println!("{}", t(*locale, "cli-scan-product", &args));
                        }
                        (onebook::devices::ScanEvent::Code { code }, Some(Err(e))) => {
                            let args = [("code", code.clone()), ("message", e.message(*locale))];
                            println!("{}", t(*locale, "cli-scan-unknown", &args));
                        }
                        (onebook::devices::ScanEvent::Code { code }, None) => println!("{code}"),
                        (onebook::devices::ScanEvent::Connected { port }, _) => {
                            eprintln!("{}", t(*locale, "cli-scan-connected", &[("port", port.clone())]));
                        }
                        (onebook::devices::ScanEvent::Disconnected { port, detail }, _) => {
                            let args = [("port", port.clone()), ("detail", detail.clone())];
                            eprintln!("{}", t(*locale, "cli-scan-disconnected", &args));
                        }
                    }
                }
                if matches!(event, onebook::devices::ScanEvent::Code { .. }) {
                    codes += 1;
                }
            }
        }
        Command::Drawer { command: DrawerCommand::Open { reason, to } } => {
            let a = actor()?;
            *locale = pick_locale(&cli.lang, Some(a.locale));
            let (target, _) =
                book.printer_for(&onebook::devices::PrintChoice { to: to.clone(), ..Default::default() })?;
            let report = book.open_drawer(&a, &target, reason, Timestamp::now())?;
            if json {
                print_json(&report);
            } else {
                println!("{}", t(*locale, "cli-drawer-opened", &[]));
            }
        }
        Command::Products { query, offset, limit } => {
            let page = book.products_page(query, *offset, *limit)?;
            if json {
                print_json(&page);
            } else {
                for r in &page.rows {
                    let price = r.retail_price.clone().unwrap_or_else(|| "—".into());
                    println!("{:<16} {:<40} {:>16} {:>10}", r.sku, r.name, r.on_hand_mixed, price);
                }
                let args = [
                    ("from", (page.offset + page.rows.len().min(1)).to_string()),
                    ("to", (page.offset + page.rows.len()).to_string()),
                    ("total", page.total.to_string()),
                ];
                println!("{}", t(*locale, "cli-products-page", &args));
            }
        }
        Command::Devices { command } => match command {
            DevicesCommand::List => {
                let found = onebook::devices::discover();
                if json {
                    print_json(&found);
                } else {
                    for p in &found.printers {
                        let what = p.usb.as_ref().map(usb_text).unwrap_or_default();
                        println!(
                            "{}",
                            t(*locale, "cli-devices-printer", &[("address", p.address.clone()), ("what", what)])
                        );
                    }
                    for p in &found.serial_ports {
                        let what = p.usb.as_ref().map(usb_text).unwrap_or_else(|| p.kind.clone());
                        println!("{}", t(*locale, "cli-devices-serial", &[("path", p.path.clone()), ("what", what)]));
                    }
                    for h in &found.hid_scanners {
                        let what = h.usb.as_ref().map(usb_text).unwrap_or_default();
                        println!("{}", t(*locale, "cli-devices-hid", &[("port", h.port.clone()), ("what", what)]));
                    }
                    let bus = found.usb_bus.as_ref();
                    for p in bus.map(|b| b.printers.as_slice()).unwrap_or_default() {
                        let what =
                            [p.manufacturer.clone(), p.product.clone()].into_iter().flatten().collect::<Vec<_>>();
                        let args = [("address", p.address.clone()), ("what", what.join(" "))];
                        println!("{}", t(*locale, "cli-devices-usb-bus", &args));
                    }
                    if found.printers.is_empty() && found.serial_ports.is_empty() {
                        println!("{}", t(*locale, "cli-devices-none", &[]));
                    }
                    match bus.and_then(|b| b.unavailable) {
                        Some(onebook::devices::usb::NO_USB_BUS) => {
                            println!("{}", t(*locale, "cli-devices-no-usb-bus", &[]))
                        }
                        Some(_) => {
                            let detail = bus.and_then(|b| b.detail.clone()).unwrap_or_default();
                            println!("{}", t(*locale, "cli-devices-usb-error", &[("detail", detail)]));
                        }
                        None => {}
                    }
                }
            }
            DevicesCommand::Show => {
                let station = book.station()?;
                if json {
                    print_json(&station);
                } else {
                    print_station(&station, *locale);
                }
            }
            DevicesCommand::Set { printer, paper, drawer, locale: receipt_locale, scanner, baud, suffix } => {
                let a = actor()?;
                *locale = pick_locale(&cli.lang, Some(a.locale));
                let kick_drawer = match drawer.as_deref().map(str::trim) {
                    None => None,
                    Some("on" | "yes" | "true") => Some(true),
                    Some("off" | "no" | "false") => Some(false),
                    Some(other) => return Err(Error::invalid("drawer", format!("`{other}`: on or off"))),
                };
                let input = onebook::devices::StationInput {
                    printer: printer.clone(),
                    paper: paper.clone(),
                    kick_drawer,
                    receipt_locale: receipt_locale.clone(),
                    scanner: scanner.clone(),
                    scanner_baud: baud.clone(),
                    scanner_suffix: suffix.clone(),
                };
                let station = book.set_station(&a, &input, Timestamp::now())?;
                if json {
                    print_json(&station);
                } else {
                    print_station(&station, *locale);
                }
            }
        },
        Command::Audit { command } => {
            let a = actor()?;
            *locale = pick_locale(&cli.lang, Some(a.locale));
            match command {
                AuditCommand::Verify => {
                    let report = book.audit_verify(&a)?;
                    if json {
                        print_json(&report);
                    } else if let Some(b) = &report.first_broken {
                        let args = [("seq", b.seq.to_string()), ("reason", b.reason.clone())];
                        println!("{}", t(*locale, "cli-audit-broken", &args));
                    } else {
                        println!("{}", t(*locale, "cli-audit-ok", &[("count", report.entries.to_string())]));
                    }
                    if !report.ok {
                        return Ok(ExitCode::from(1));
                    }
                }
                AuditCommand::List => {
                    let entries = book.audit_list(&a)?;
                    if json {
                        print_json(&entries);
                    } else {
                        for e in &entries {
                            let reason = e.reason.as_deref().map(|r| format!(" «{r}»")).unwrap_or_default();
                            println!(
                                "{:>5}  {}  {} ({})  {}  {}{}  {} -> {}",
                                e.seq,
                                e.at,
                                e.username,
                                e.role,
                                e.action,
                                e.subject,
                                reason,
                                e.before.as_deref().unwrap_or("-"),
                                e.after.as_deref().unwrap_or("-")
                            );
                        }
                    }
                }
            }
        }
        Command::Close { command } => {
            let a = actor()?;
            *locale = pick_locale(&cli.lang, Some(a.locale));
            match command {
                CloseCommand::Month { month } => {
                    let closed = book.close_month(&a, month, now)?;
                    if json {
                        print_json(&closed);
                    } else {
                        let args = [("month", closed.month.clone()), ("locked_before", closed.locked_before.clone())];
                        println!("{}", t(*locale, "cli-month-closed", &args));
                    }
                }
                CloseCommand::Day { device, date, counted, opening_float } => {
                    let input = onebook::close::DayCloseInput {
                        device: device.clone(),
                        date: date.clone(),
                        counted: counted.clone(),
                        float: opening_float.clone(),
                    };
                    let z = book.close_day(&a, &input, now)?;
                    print_z(&z, *locale, json);
                }
                CloseCommand::Show { doc_no } => {
                    let z = book.day_close(&a, doc_no)?;
                    print_z(&z, *locale, json);
                }
            }
        }
        Command::Rate { command } => {
            let a = actor()?;
            *locale = pick_locale(&cli.lang, Some(a.locale));
            let list = match command {
                RateCommand::Set { currency, rate, date } => {
                    let rate = onebook::money::parse_decimal(rate, "rate")?;
                    vec![book.set_rate(&a, currency, rate, date.as_deref(), now)?]
                }
                RateCommand::List => book.rates()?,
            };
            if json {
                print_json(&list);
            } else {
                for r in &list {
                    let args = [("currency", r.currency.clone()), ("day", r.day.clone()), ("rate", r.rate.clone())];
                    println!("{}", t(*locale, "cli-rate", &args));
                }
            }
        }
        Command::Location { command } => {
            let a = actor()?;
            *locale = pick_locale(&cli.lang, Some(a.locale));
            let list = match command {
                LocationCommand::Add { code, name } => {
                    let l = book.add_location(&a, code, name)?;
                    if !json {
                        println!(
                            "{}",
                            t(*locale, "location-added", &[("code", l.code.clone()), ("name", l.name.clone())])
                        );
                    }
                    vec![l]
                }
                LocationCommand::List => book.locations()?,
            };
            if json {
                print_json(&list);
            } else if matches!(command, LocationCommand::List) {
                for l in &list {
                    let args = [
                        ("code", l.code.clone()),
                        ("name", l.name.clone()),
                        ("products", l.products.to_string()),
                        ("units", l.units.to_string()),
                    ];
                    println!("{}", t(*locale, "location-row", &args));
                }
            }
        }
        Command::Sync { command } => {
            let a = actor()?;
            *locale = pick_locale(&cli.lang, Some(a.locale));
            sync_command(&mut book, &a, command, *locale, json, now)?;
        }
        Command::Check => {
            let bad = book.invariant_violations()?;
            if json {
                print_json(&serde_json::json!({ "ok": bad.is_empty(), "violations": bad }));
            } else if bad.is_empty() {
                println!("ok: every balance equals the sum of its movements");
            } else {
                for (sku, balance, sum) in &bad {
                    println!("{sku}: balance {balance}, movements sum to {sum}");
                }
            }
            if !bad.is_empty() {
                return Ok(ExitCode::from(1));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn restore_command(
    cli: &Cli,
    path: &std::path::Path,
    file: &std::path::Path,
    locale: &mut Locale,
) -> onebook::Result<ExitCode> {
    let encrypted = Book::is_encrypted(file)? || Book::is_encrypted(path)?;
    let passphrase = if encrypted { passphrase(cli)? } else { None };
    let report =
        Book::restore_with_passphrase(path, file, cli.user.as_deref(), passphrase.as_deref(), Timestamp::now())?;
    if let Ok(a) = Book::open_with_passphrase(path, passphrase.as_deref()).and_then(|b| b.actor(cli.user.as_deref())) {
        *locale = pick_locale(&cli.lang, Some(a.locale));
    }
    if cli.json {
        print_json(&report);
    } else {
        let aside = report.kept_aside.clone().unwrap_or_else(|| "none".into());
        println!("{}", t(*locale, "cli-restore-done", &[("from", report.restored_from.clone()), ("aside", aside)]));
    }
    Ok(ExitCode::SUCCESS)
}

/// A buyer's terms from the command line's text.
fn buyer_terms(
    tier: &Option<String>,
    credit_limit: &Option<String>,
    terms: &Option<String>,
) -> onebook::Result<onebook::BuyerTerms> {
    Ok(onebook::BuyerTerms {
        tier: tier.clone(),
        credit_limit: credit_limit.as_deref().map(|c| onebook::money::parse_decimal(c, "credit-limit")).transpose()?,
        terms: terms.as_deref().map(|t| onebook::Terms::parse(t, "terms")).transpose()?,
    })
}

fn print_aging(table: &onebook::receivables::AgingTable, locale: Locale) {
    let n = |s: &str| i18n::format_number(locale, s);
    let args = [("at", table.at.clone()), ("currency", table.currency.clone())];
    println!("{}", t(locale, "cli-aging-title", &args));
    let credit = t(locale, "cli-credit", &[]);
    let total = t(locale, "report-total", &[]);
    println!(
        "  {:<8} {:>12} {:>12} {:>12} {:>12} {:>12} {:>12} {:>12}",
        "", "0", "1-30", "31-60", "61-90", "90+", credit, total
    );
    for a in table.rows.iter().chain(std::iter::once(&table.totals)) {
        let who = if a.buyer.is_empty() { total.clone() } else { a.buyer.clone() };
        println!(
            "  {:<8} {:>12} {:>12} {:>12} {:>12} {:>12} {:>12} {:>12}",
            who,
            n(&a.current),
            n(&a.days_1_30),
            n(&a.days_31_60),
            n(&a.days_61_90),
            n(&a.days_over_90),
            n(&a.credit),
            n(&a.total)
        );
    }
}

fn posted_line(doc: &onebook::Document, locale: Locale) -> String {
    let args = [
        ("kind", t(locale, &format!("kind-{}", doc.kind.as_str()), &[])),
        ("doc_no", doc.doc_no.clone()),
        ("gross", i18n::format_number(locale, &doc.gross)),
        ("currency", doc.currency.clone()),
    ];
    t(locale, "cli-posted", &args)
}

/// A PIN or password from standard input (its first line), never from the command line.
/// The passphrase of an encrypted book: from --passphrase-file, else ONEBOOK_PASSPHRASE.
fn passphrase(cli: &Cli) -> onebook::Result<Option<String>> {
    if let Some(file) = &cli.passphrase_file {
        return read_secret_file(file).map(Some);
    }
    Ok(std::env::var("ONEBOOK_PASSPHRASE").ok().filter(|p| !p.is_empty()))
}

/// Open the book, with its passphrase when it is encrypted (asked for only then).
fn open_book(cli: &Cli, path: &std::path::Path) -> onebook::Result<Book> {
    let passphrase = if Book::is_encrypted(path)? { passphrase(cli)? } else { None };
    Book::open_with_passphrase(path, passphrase.as_deref())
}

/// The first line of a file, or of standard input for `-`.
fn read_secret_file(file: &std::path::Path) -> onebook::Result<String> {
    if file.as_os_str() == "-" {
        return read_secret();
    }
    let text = std::fs::read_to_string(file)
        .map_err(|e| Error::Io { path: file.display().to_string(), detail: e.to_string() })?;
    Ok(text.lines().next().unwrap_or("").to_string())
}

fn encryption_done(report: &onebook::crypt::EncryptionReport, id: &str, locale: Locale, json: bool) {
    if json {
        print_json(report);
        return;
    }
    let args = [("path", report.database.clone()), ("documents", report.documents.to_string())];
    println!("{}", t(locale, id, &args));
    if !report.plain_backups.is_empty() {
        eprintln!("{}", t(locale, "cli-plain-backups", &[("files", report.plain_backups.join(", "))]));
    }
}

fn read_secret() -> onebook::Result<String> {
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).map_err(|e| Error::Io { path: "stdin".into(), detail: e.to_string() })?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

fn sync_command(
    book: &mut Book,
    a: &onebook::Actor,
    command: &SyncCommand,
    locale: Locale,
    json: bool,
    now: Timestamp,
) -> onebook::Result<()> {
    match command {
        SyncCommand::Register { server, tenant } => {
            let r = book.sync_register(a, server, tenant, now)?;
            if json {
                print_json(&r);
            } else {
                let args = [
                    ("tenant", r.tenant.clone()),
                    ("prefix", r.series_prefix.clone()),
                    ("server", r.server.clone()),
                    ("entries", r.backfilled.to_string()),
                ];
                println!("{}", t(locale, "cli-sync-registered", &args));
            }
        }
        SyncCommand::Status => {
            let s = book.sync_status()?;
            if json {
                print_json(&s);
            } else if !s.registered {
                println!("{}", onebook::Error::SyncNotConfigured.message(locale));
            } else {
                let args = [
                    ("tenant", s.tenant.clone().unwrap_or_default()),
                    ("server", s.server.clone().unwrap_or_default()),
                    ("pending", s.pending.to_string()),
                    ("last", s.last_sync_at.clone().unwrap_or_else(|| "-".into())),
                    ("conflicts", s.open_conflicts.to_string()),
                ];
                println!("{}", t(locale, "cli-sync-status", &args));
                if let Some(e) = &s.last_error {
                    println!("{}", t(locale, "cli-sync-last-error", &[("error", e.clone())]));
                }
            }
        }
        SyncCommand::Once => {
            let r = book.sync_once(a, now)?;
            if json {
                print_json(&r);
            } else {
                let args = [("pushed", r.pushed.to_string()), ("pulled", r.pulled.to_string())];
                println!("{}", t(locale, "cli-sync-once", &args));
            }
        }
        SyncCommand::Run { poll_ms, seconds } => {
            let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
            if let Some(secs) = seconds {
                let stop = stop.clone();
                let secs = *secs;
                std::thread::spawn(move || {
                    std::thread::sleep(std::time::Duration::from_secs(secs));
                    stop.store(true, std::sync::atomic::Ordering::Relaxed);
                });
            }
            let options = onebook::sync::cloud::RunOptions {
                poll_every: std::time::Duration::from_millis(*poll_ms),
                ..Default::default()
            };
            book.sync_run(a, &stop, &options, |event| {
                if json {
                    println!("{}", serde_json::to_string(event).expect("event"));
                } else {
                    match event {
                        onebook::sync::cloud::RunEvent::Synced { pushed, pulled } => {
                            let args = [("pushed", pushed.to_string()), ("pulled", pulled.to_string())];
                            println!("{}", t(locale, "cli-sync-once", &args));
                        }
                        onebook::sync::cloud::RunEvent::Offline { error, retry_in_ms } => {
                            let args = [("error", error.clone()), ("ms", retry_in_ms.to_string())];
                            println!("{}", t(locale, "cli-sync-offline", &args));
                        }
                    }
                }
            })?;
        }
        SyncCommand::Quota { till, sku, qty } => {
            let qty = rust_decimal::Decimal::from_str_exact(qty.trim())
                .map_err(|_| onebook::Error::invalid("qty", "a whole number of base units"))?;
            let q = book.set_quota(a, till, sku, qty, now)?;
            print_quotas(&[q], locale, json);
        }
        SyncCommand::Quotas => {
            let list = book.quotas()?;
            print_quotas(&list, locale, json);
        }
        SyncCommand::Resolve { conflict, from } => {
            let doc = book.resolve_conflict_by_transfer(a, *conflict, from, now)?;
            if !json {
                println!(
                    "{}",
                    t(locale, "conflict-resolved-by", &[("id", conflict.to_string()), ("doc_no", doc.doc_no.clone())])
                );
            }
            print_document(&doc, locale, json);
        }
        SyncCommand::Rebase => {
            let r = book.rebase_on_cloud(a, now)?;
            if json {
                print_json(&r);
            } else {
                let args = [
                    ("replayed", r.replayed.to_string()),
                    ("renumbered", r.documents.len().to_string()),
                    ("head", r.cloud_head.to_string()),
                ];
                println!("{}", t(locale, "cli-sync-rebased", &args));
                for d in &r.documents {
                    println!("    {} -> {}", d.old_doc_no, d.new_doc_no);
                }
            }
        }
        SyncCommand::Conflicts => {
            let list = book.sync_conflicts(a)?;
            if json {
                print_json(&list);
            } else if list.is_empty() {
                println!("{}", t(locale, "cli-sync-no-conflicts", &[]));
            } else {
                for c in &list {
                    let args = [
                        ("kind", c.kind.clone()),
                        ("sku", c.sku.clone().unwrap_or_default()),
                        ("doc_no", c.doc_no.clone().unwrap_or_default()),
                        ("balance", c.balance_now.map(|b| b.to_string()).unwrap_or_default()),
                        ("open", if c.open { "open" } else { "resolved" }.to_string()),
                    ];
                    println!("{}", t(locale, "cli-sync-conflict", &args));
                    for s in &c.sales {
                        println!("    {} {} {} x{}", s.doc_no, s.occurred_at, s.device_id, s.qty_base);
                    }
                }
            }
        }
    }
    Ok(())
}

fn print_quotas(list: &[onebook::sync::quota::Quota], locale: Locale, json: bool) {
    if json {
        print_json(&list);
        return;
    }
    for q in list {
        let args = [
            ("sku", q.sku.clone()),
            ("till", q.series_prefix.clone().unwrap_or_else(|| q.device_id.clone())),
            ("qty", q.qty_base.to_string()),
            ("base_unit", q.base_unit.clone()),
            ("used", q.used_base.to_string()),
        ];
        println!("{}", t(locale, "cli-sync-quota", &args));
    }
}

fn print_document(doc: &onebook::Document, locale: Locale, json: bool) {
    if json {
        print_json(doc);
        return;
    }
    println!("{}", posted_line(doc, locale));
    match (&doc.from_location, &doc.to_location) {
        (Some(from), Some(to)) => {
            println!("{}", t(locale, "document-from-to", &[("from", from.clone()), ("to", to.clone())]))
        }
        (None, Some(to)) => println!("{}", t(locale, "document-into", &[("to", to.clone())])),
        _ => {}
    }
    for l in &doc.lines {
        let price =
            l.unit_price.as_deref().map(|p| format!(" @ {}", i18n::format_number(locale, p))).unwrap_or_default();
        println!(
            "  {:>3}  {:<12} {:<32} {:>8} {:<8}{}  {:>12}",
            l.line,
            l.sku,
            l.name,
            l.qty,
            l.unit,
            price,
            i18n::format_number(locale, &l.gross)
        );
    }
    if let Some(change) =
        doc.change.as_deref().filter(|c| Decimal::from_str_exact(c).map(|d| !d.is_zero()).unwrap_or(false))
    {
        println!("{}", t(locale, "cli-change-due", &[("change", i18n::format_number(locale, change))]));
    }
}

fn order_summary(o: &onebook::open_orders::Order, locale: Locale) -> String {
    let args = [
        ("doc_no", o.doc_no.clone()),
        ("buyer", o.buyer.clone()),
        ("status", t(locale, &format!("order-status-{}", o.status), &[])),
        ("gross", i18n::format_number(locale, &o.gross)),
        ("currency", o.currency.clone()),
        ("date", o.created_at.clone()),
    ];
    t(locale, "cli-order-summary", &args)
}

/// A quote or order: a headline (`headline` message, or the summary), then each line with what is left.
fn print_order(o: &onebook::open_orders::Order, locale: Locale, json: bool, headline: &str) {
    if json {
        print_json(o);
        return;
    }
    if headline.is_empty() {
        println!("{}", order_summary(o, locale));
    } else {
        let args = [
            ("doc_no", o.doc_no.clone()),
            ("buyer", o.buyer.clone()),
            ("gross", i18n::format_number(locale, &o.gross)),
            ("currency", o.currency.clone()),
            ("valid_until", o.valid_until.clone().unwrap_or_default()),
        ];
        println!("{}", t(locale, headline, &args));
    }
    for l in &o.lines {
        let args = [
            ("line", l.line.to_string()),
            ("sku", l.sku.clone()),
            ("qty", i18n::format_number(locale, &l.qty)),
            ("unit", l.unit.clone()),
            ("price", i18n::format_number(locale, &l.unit_price)),
            ("left", l.remaining.to_string()),
            ("ordered", l.qty_base.to_string()),
            ("base_unit", l.base_unit.clone()),
        ];
        println!("  {}", t(locale, "cli-order-line", &args));
    }
}

fn print_stock(v: &onebook::StockView, locale: Locale) {
    let l = |id: &str| t(locale, id, &[]);
    println!("{}", t(locale, "stock-title", &[("sku", v.sku.clone()), ("name", v.name.clone())]));
    if v.scanned_unit != v.base_unit {
        let factor = v.units.iter().find(|u| u.unit == v.scanned_unit).map(|u| u.factor_to_base).unwrap_or(1);
        println!("  {}: {} = {factor} {}", l("stock-scanned"), v.scanned_unit, v.base_unit);
    }
    println!("  {}: {} ({} {})", l("stock-on-hand"), v.on_hand_mixed, v.on_hand, v.base_unit);
    if !v.by_location.is_empty() {
        println!("  {}:", l("stock-by-location"));
        for s in &v.by_location {
            println!("    {:<16} {} ({} {})", s.location, s.on_hand_mixed, s.on_hand, v.base_unit);
        }
    }
    println!("  {}: {} {}", l("stock-reserve"), v.reserve, v.base_unit);
    if v.reserved_by_orders != 0 {
        println!("  {}: {} {}", l("stock-reserved-by-orders"), v.reserved_by_orders, v.base_unit);
    }
    let avail = |a: Option<i64>| a.map(|n| format!("{n} {}", v.base_unit)).unwrap_or_else(|| l("stock-unlimited"));
    println!("  {}: {}", l("stock-available-retail"), avail(v.available_retail));
    println!("  {}: {}", l("stock-available-wholesale"), avail(v.available_wholesale));
    if v.reserved_for_wholesale {
        println!("  ! {}", l("stock-reserved-flag"));
    }
    let units: Vec<String> = v.units.iter().map(|u| format!("{} = {}", u.unit, u.factor_to_base)).collect();
    println!("  {}: {}", l("stock-units"), units.join(", "));
    let prices: Vec<String> =
        v.prices.iter().map(|p| format!("{} {} {}", p.list, p.unit, i18n::format_number(locale, &p.price))).collect();
    println!("  {}: {}", l("stock-prices"), prices.join(", "));
    println!("  {}: {}", l("stock-avg-cost"), i18n::format_number(locale, &v.avg_cost));
}

fn print_z(z: &onebook::close::ZReport, locale: Locale, json: bool) {
    if json {
        print_json(z);
        return;
    }
    let l = |id: &str| t(locale, id, &[]);
    let n = |s: &str| i18n::format_number(locale, s);
    let title = [("doc_no", z.doc_no.clone()), ("shop", z.shop.clone()), ("day", z.business_day.clone())];
    println!("{} · {}", t(locale, "z-title", &title), z.currency);
    let covers = [
        ("device", z.device_id.clone()),
        ("from", z.from.clone()),
        ("to", z.to.clone()),
        ("user", z.closed_by.clone()),
        ("at", z.closed_at.clone()),
    ];
    println!("{}", t(locale, "z-covers", &covers));
    if let Some(c) = &z.continues {
        println!("{}", t(locale, "z-continues", &[("doc_no", c.clone())]));
    }
    let tickets = match (&z.first_ticket, &z.last_ticket) {
        (Some(a), Some(b)) => format!(" ({a} … {b})"),
        _ => String::new(),
    };
    println!("{:<36} {:>16}{tickets}", l("z-tickets"), z.sales_count);
    println!("{:<36} {:>16}", l("z-sales"), n(&z.sales_gross));
    println!("  {:<34} {:>16}", l("z-vat"), n(&z.sales_vat));
    println!("{:<36} {:>16}", l("z-returns"), format!("{} / {}", z.returns_count, n(&z.returns_gross)));
    println!("{:<36} {:>16}", l("z-voids"), format!("{} / {}", z.voids_count, n(&z.voids_gross)));
    println!();
    println!("{:<20} {:>16} {:>16} {:>16}", l("z-method"), l("z-sales"), l("z-refunds"), l("z-net"));
    for m in &z.methods {
        let name = l(&format!("z-method-{}", m.method));
        println!("{:<20} {:>16} {:>16} {:>16}", name, n(&m.sales), n(&m.refunds), n(&m.net));
    }
    println!();
    println!("{:<36} {:>16}", l("z-cash-tendered"), n(&z.cash_tendered));
    println!("{:<36} {:>16}", l("z-change"), n(&z.change_given));
    println!("{:<36} {:>16}", l("z-buyer-cash"), n(&z.buyer_payments_cash));
    println!("{:<36} {:>16}", l("z-float"), n(&z.opening_float));
    println!("{:<36} {:>16}", l("z-expected"), n(&z.expected_cash));
    println!("{:<36} {:>16}", l("z-counted"), n(&z.counted_cash));
    println!("{:<36} {:>16}", l("z-difference"), n(&z.difference));
}

/// An order sheet: a file, or `-` for lines pasted on standard input.
fn open_sheet(file: &std::path::Path) -> onebook::Result<Box<dyn std::io::Read>> {
    if file.as_os_str() == "-" {
        return Ok(Box::new(std::io::stdin()));
    }
    let f =
        std::fs::File::open(file).map_err(|e| Error::Io { path: file.display().to_string(), detail: e.to_string() })?;
    Ok(Box::new(f))
}

fn usb_text(u: &onebook::devices::station::UsbInfo) -> String {
    let names: Vec<&str> = [u.manufacturer.as_deref(), u.product.as_deref()].into_iter().flatten().collect();
    if names.is_empty() {
        format!("USB {}", u.id)
    } else {
        format!("{} (USB {})", names.join(" "), u.id)
    }
}

fn print_station(s: &onebook::devices::Station, locale: Locale) {
    let none = t(locale, "cli-devices-unset", &[]);
    let paper = match s.paper {
        onebook::devices::Paper::Mm58 => "58",
        onebook::devices::Paper::Mm80 => "80",
    };
    let scanner = match &s.scanner {
        Some(sc) => format!(
            "{} ({} baud, {})",
            sc.port.display(),
            sc.baud,
            serde_json::to_value(sc.suffix).expect("suffix").as_str().unwrap_or("")
        ),
        None => none.clone(),
    };
    let args = [
        ("printer", s.printer.clone().unwrap_or_else(|| none.clone())),
        ("paper", paper.to_string()),
        ("drawer", t(locale, if s.kick_drawer { "cli-devices-on" } else { "cli-devices-off" }, &[])),
        ("locale", s.receipt_locale.map(|l| l.tag().to_string()).unwrap_or_else(|| none.clone())),
        ("scanner", scanner),
    ];
    println!("{}", t(locale, "cli-devices-station", &args));
}

fn print_report(r: &onebook::MonthReport, locale: Locale) {
    let l = |id: &str| t(locale, id, &[]);
    let n = |s: &str| i18n::format_number(locale, s);
    let o = |s: &Option<String>| s.as_deref().map(&n).unwrap_or_else(|| l("report-none"));
    let args = [("month", r.month.clone()), ("shop", r.shop.clone()), ("currency", r.currency.clone())];
    println!("{}", t(locale, "report-title", &args));
    let c = &r.channels;
    println!(
        "{:<28} {:>16} {:>16} {:>16}",
        l("report-channel"),
        l("report-retail"),
        l("report-wholesale"),
        l("report-total")
    );
    let row = |label: &str, f: &dyn Fn(&onebook::report::ChannelFigures) -> String| {
        println!("{:<28} {:>16} {:>16} {:>16}", label, f(&c.retail), f(&c.wholesale), f(&c.total));
    };
    row(&l("report-orders"), &|f| f.orders.to_string());
    row(&l("report-gross-sales"), &|f| n(&f.gross_sales));
    row(&l("report-returns"), &|f| n(&f.returns));
    row(&l("report-net-sales"), &|f| n(&f.net_sales));
    row(&l("report-cogs"), &|f| n(&f.cogs));
    row(&l("report-gross-margin"), &|f| n(&f.gross_margin));
    row(&l("report-margin-pct"), &|f| o(&f.margin_pct));
    row(&l("report-return-rate"), &|f| o(&f.return_rate_pct));
    row(&l("report-return-rate-qty"), &|f| o(&f.return_rate_qty_pct));
    row(&l("report-aov"), &|f| o(&f.average_order_value));
    row(&l("report-lines-per-order"), &|f| o(&f.lines_per_order));
    println!();
    println!("{}", l("report-inventory"));
    println!("  {:<26} {:>16}", l("report-inventory-start"), n(&r.inventory.value_start));
    println!("  {:<26} {:>16}", l("report-inventory-end"), n(&r.inventory.value_end));
    println!("  {:<26} {:>16}", l("report-inventory-average"), n(&r.inventory.average));
    println!("  {:<26} {:>16}", l("report-turnover-days"), o(&r.inventory.turnover_days));
    println!();
    println!("{}", l("report-vat"));
    for v in &r.vat_by_rate {
        println!(
            "  {:>6} %  {:>14} {:>12}  -{:>12} -{:>10}  {} {:>12}",
            v.rate_pct,
            n(&v.sales_net),
            n(&v.sales_vat),
            n(&v.returns_net),
            n(&v.returns_vat),
            l("report-vat-due"),
            n(&v.vat_due)
        );
    }
    println!();
    println!("{} ({})", l("report-slow-movers"), r.slow_movers_total);
    for s in &r.slow_movers {
        println!(
            "  {:>3}. {:<12} {:<34} {:>8} {:>12}  {} {}",
            s.rank,
            s.sku,
            s.name,
            s.on_hand,
            n(&s.on_hand_value),
            n(&s.days_idle),
            l("report-days-idle")
        );
    }
    if !r.receivables_aging.is_empty() {
        println!();
        println!("{}", l("report-aging"));
        println!(
            "  {:<8} {:>12} {:>12} {:>12} {:>12} {:>12} {:>12}",
            "",
            "0",
            "1-30",
            "31-60",
            "61-90",
            "90+",
            l("report-total")
        );
        for a in &r.receivables_aging {
            println!(
                "  {:<8} {:>12} {:>12} {:>12} {:>12} {:>12} {:>12}",
                a.buyer,
                n(&a.current),
                n(&a.days_1_30),
                n(&a.days_31_60),
                n(&a.days_61_90),
                n(&a.days_over_90),
                n(&a.total)
            );
        }
    }
}
