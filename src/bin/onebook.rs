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
    Post { file: String },
    /// Show a committed document.
    Document { doc_no: String },
    /// Stock of a product by SKU or barcode.
    Stock { code: String },
    /// Reports.
    Report {
        #[command(subcommand)]
        command: ReportCommand,
    },
    /// Create the demo shop in an empty database.
    Demo,
    /// Verify the ledger: every balance equals the sum of its movements.
    Check,
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
}

#[derive(Subcommand)]
enum BuyerCommand {
    Add {
        code: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        tax_number: Option<String>,
        /// Payment terms: net N days (0 = cash).
        #[arg(long, default_value_t = 0)]
        terms: i64,
        #[arg(long = "buyer-lang")]
        buyer_lang: Option<String>,
    },
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
    if let Error::ImportRejected { rows, .. } = e {
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
    if let Error::ImportRejected { rows, .. } = e {
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
    let mut book = Book::open(&path)?;
    let now = Timestamp::now();
    let json = cli.json;
    // Commands that need a set-up shop speak the acting user's language.
    let actor = || -> onebook::Result<onebook::Actor> { book_actor(&path, cli) };
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
        Command::Buyer { command: BuyerCommand::Add { code, name, tax_number, terms, buyer_lang } } => {
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
                payment_terms_days: *terms,
                locale: buyer_locale,
            };
            book.add_customer(&a, &c, now)?;
            if json {
                print_json(&c);
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
        Command::Post { file } => {
            let a = actor()?;
            *locale = pick_locale(&cli.lang, Some(a.locale));
            let text = read_input(file)?;
            let is_list = text.trim_start().starts_with('[');
            let drafts = onebook::document::drafts_from_json(&text)?;
            if !is_list {
                let draft = drafts.into_iter().next().expect("one document")?;
                let doc = book.post(&a, &draft, Timestamp::now())?;
                print_document(&doc, *locale, json);
                return Ok(ExitCode::SUCCESS);
            }
            // A list: each document in its own transaction, each outcome reported as it happens
            // (one JSON line per document with --json), so a crash loses no acknowledgement.
            let (mut ok, mut failed) = (0, 0);
            let stdout = std::io::stdout();
            for (index, draft) in drafts.into_iter().enumerate() {
                let outcome = draft.and_then(|d| book.post(&a, &d, Timestamp::now()));
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

fn book_actor(path: &std::path::Path, cli: &Cli) -> onebook::Result<onebook::Actor> {
    // A second read connection is cheap and keeps the borrow of `book` simple.
    Book::open(path)?.actor(cli.user.as_deref())
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

fn print_document(doc: &onebook::Document, locale: Locale, json: bool) {
    if json {
        print_json(doc);
        return;
    }
    println!("{}", posted_line(doc, locale));
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

fn print_stock(v: &onebook::StockView, locale: Locale) {
    let l = |id: &str| t(locale, id, &[]);
    println!("{}", t(locale, "stock-title", &[("sku", v.sku.clone()), ("name", v.name.clone())]));
    if v.scanned_unit != v.base_unit {
        let factor = v.units.iter().find(|u| u.unit == v.scanned_unit).map(|u| u.factor_to_base).unwrap_or(1);
        println!("  {}: {} = {factor} {}", l("stock-scanned"), v.scanned_unit, v.base_unit);
    }
    println!("  {}: {} ({} {})", l("stock-on-hand"), v.on_hand_mixed, v.on_hand, v.base_unit);
    println!("  {}: {} {}", l("stock-reserve"), v.reserve, v.base_unit);
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
