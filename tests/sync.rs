//! The cloud ledger against a real PostgreSQL server (a private one started by the test, see
//! tests/sync_pg): three tills selling, invoicing and returning shared stock while the network is
//! cut under them and the server restarts; tenant isolation by row-level security, tried with
//! the device's own login; the merge converging whatever the order; the CLI.

mod common;
mod sync_pg;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use onebook::document::*;
use onebook::sync::cloud::RunOptions;
use onebook::{Actor, Book, Customer, Error, ProductInput, ShopSetup, Timestamp};
use proptest::prelude::*;
use rust_decimal::Decimal;
use sync_pg::{PgServer, Proxy};

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

const SKUS: [&str; 4] = ["RICE", "OIL", "SOAP", "TEA"];
/// Pieces per carton of every product.
const CARTON: i64 = 6;

fn product(sku: &str) -> ProductInput {
    ProductInput {
        sku: sku.into(),
        name: format!("{sku} name"),
        base_unit: "piece".into(),
        vat_rate_pct: Some(d("7")),
        retail_reserve: None,
        allow_negative: false,
        category: None,
        units: vec![("carton".into(), CARTON)],
        barcodes: vec![],
        retail_prices: vec![("piece".into(), d("10.00"))],
        wholesale_prices: vec![("carton".into(), d("50.00"))],
    }
}

fn line(sku: &str, qty: i64, unit: Option<&str>) -> SaleLine {
    SaleLine {
        sku: Some(sku.into()),
        barcode: None,
        qty: Decimal::from(qty),
        unit: unit.map(str::to_string),
        price: None,
    }
}

fn sale(sku: &str, pieces: i64) -> DocumentDraft {
    DocumentDraft::Sale(SaleDraft {
        date: None,
        lines: vec![line(sku, pieces, None)],
        payments: None,
        override_reason: None,
        note: None,
    })
}

fn invoice(sku: &str, cartons: i64) -> DocumentDraft {
    DocumentDraft::Invoice(InvoiceDraft {
        date: None,
        buyer: "B1".into(),
        lines: vec![line(sku, cartons, Some("carton"))],
        override_reason: None,
        note: None,
    })
}

fn retail_return(ticket: &str, pieces: i64) -> DocumentDraft {
    DocumentDraft::RetailReturn(RetailReturnDraft {
        date: None,
        ticket: ticket.into(),
        restock: Some(true),
        lines: vec![ReturnLine { line: Some(1), sku: None, barcode: None, qty: Decimal::from(pieces), unit: None }],
        note: None,
    })
}

fn receipt(sku: &str, pieces: i64) -> DocumentDraft {
    DocumentDraft::Receipt(ReceiptDraft {
        date: None,
        supplier: Some("Mill".into()),
        lines: vec![ReceiptLine {
            sku: Some(sku.into()),
            barcode: None,
            qty: Decimal::from(pieces),
            unit: None,
            unit_cost: d("4.00"),
        }],
        note: None,
    })
}

fn count(sku: &str, pieces: i64) -> DocumentDraft {
    DocumentDraft::Count(CountDraft {
        date: None,
        lines: vec![CountLine { sku: Some(sku.into()), barcode: None, qty: Decimal::from(pieces), unit: None }],
        note: None,
    })
}

struct Till {
    book: Book,
    owner: Actor,
    path: PathBuf,
    device_id: String,
}

/// A till's own file, set up like every till of the shop, with its own series prefix.
fn till(dir: &Path, prefix: &str) -> Till {
    let path = dir.join(format!("till-{prefix}.sqlite3"));
    let mut book = Book::open(&path).unwrap();
    let setup =
        ShopSetup { series_prefix: Some(prefix.into()), ..ShopSetup::new("Lucky Mart", "THB", d("7"), "Asia/Bangkok") };
    let owner = book.init(&setup, Timestamp::now()).unwrap();
    let device_id = book.device().unwrap().device_id;
    Till { book, owner, path, device_id }
}

/// What must be identical on every till after merging.
#[derive(Debug, PartialEq, Eq)]
struct Ledger {
    balances: BTreeMap<String, i64>,
    movements: BTreeSet<(String, String, i64, i64)>,
    documents: BTreeSet<(String, String, i64)>,
    lines: i64,
    sums: (i64, i64, i64),
}

fn ledger(book: &Book) -> Ledger {
    let c = book.connection();
    let mut balances = BTreeMap::new();
    let mut st = c
        .prepare("SELECT p.sku, COALESCE(b.qty_base, 0) FROM products p LEFT JOIN stock_balances b ON b.product_id = p.id ORDER BY p.sku")
        .unwrap();
    for r in st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))).unwrap() {
        let (k, v) = r.unwrap();
        balances.insert(k, v);
    }
    let mut st = c.prepare("SELECT id, device_id, device_seq, qty_base FROM movements").unwrap();
    let movements =
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).unwrap().map(|r| r.unwrap()).collect();
    let mut st = c.prepare("SELECT doc_no, status, gross_minor FROM documents").unwrap();
    let documents = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(|r| r.unwrap()).collect();
    let lines = c.query_row("SELECT count(*) FROM document_lines", [], |r| r.get(0)).unwrap();
    let sums = c
        .query_row(
            "SELECT COALESCE(sum(net_minor),0), COALESCE(sum(docs),0), COALESCE(sum(qty_base),0) FROM ledger_sums",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    Ledger { balances, movements, documents, lines, sums }
}

/// The shop's catalog and opening stock on the first till, and a wholesale buyer.
fn stock_the_shop(t: &mut Till, pieces: i64) {
    for sku in SKUS {
        t.book.upsert_product(&t.owner, product(sku), Timestamp::now()).unwrap();
        t.book.post(&t.owner, &receipt(sku, pieces), Timestamp::now()).unwrap();
    }
    let buyer = Customer {
        code: "B1".into(),
        name: "Buyer One".into(),
        tax_number: None,
        payment_terms_days: 30,
        locale: None,
    };
    t.book.add_customer(&t.owner, &buyer, Timestamp::now()).unwrap();
}

fn fast() -> RunOptions {
    RunOptions {
        push_every: Duration::from_millis(30),
        poll_every: Duration::from_millis(500),
        backoff_min: Duration::from_millis(50),
        backoff_max: Duration::from_millis(800),
    }
}

/// Wait until every till holds every other till's whole log and has pushed its own.
fn wait_converged(paths: &[PathBuf], within: Duration) {
    let start = Instant::now();
    loop {
        let books: Vec<Book> = paths.iter().map(|p| Book::open(p).unwrap()).collect();
        let heads: Vec<(String, i64)> = books
            .iter()
            .map(|b| {
                let id = b.device().unwrap().device_id;
                let head =
                    b.connection().query_row("SELECT COALESCE(max(seq), 0) FROM sync_log", [], |r| r.get(0)).unwrap();
                (id, head)
            })
            .collect();
        let done = books.iter().all(|b| {
            let s = b.sync_status().unwrap();
            s.pending == 0
                && heads
                    .iter()
                    .filter(|(id, _)| *id != s.device_id)
                    .all(|(id, head)| s.cursors.iter().any(|(d, seq)| d == id && seq == head))
        });
        if done {
            return;
        }
        if start.elapsed() > within {
            let states: Vec<_> = books.iter().map(|b| b.sync_status().unwrap()).collect();
            panic!("not converged after {within:?}: heads {heads:?}, states {states:#?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn three_tills_converge_through_cuts_and_a_restart() {
    let server = PgServer::start();
    let proxy = Proxy::start(server.addr());
    let dir = tempfile::tempdir().unwrap();
    let url = server.admin_url_via(proxy.port);
    let mut tills: Vec<Till> = ["A", "B", "C"].iter().map(|p| till(dir.path(), p)).collect();
    // Little stock, so offline tills sell the same last units.
    stock_the_shop(&mut tills[0], 30);
    for t in tills.iter_mut() {
        t.book.sync_register(&t.owner, &url, "lucky-mart", Timestamp::now()).unwrap();
    }
    for t in tills.iter_mut() {
        t.book.sync_once(&t.owner, Timestamp::now()).unwrap();
    }
    for t in tills.iter_mut() {
        t.book.sync_once(&t.owner, Timestamp::now()).unwrap();
        assert_eq!(
            ledger(&t.book).balances.values().sum::<i64>(),
            30 * SKUS.len() as i64,
            "catalog and stock everywhere"
        );
    }

    // Each till syncs in the background, on its own connection to its file.
    let stop = Arc::new(AtomicBool::new(false));
    let syncers: Vec<_> = tills
        .iter()
        .map(|t| {
            let (path, stop) = (t.path.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut book = Book::open(&path).unwrap();
                let owner = book.actor(None).unwrap();
                book.sync_run(&owner, &stop, &fast(), |_| {}).unwrap();
            })
        })
        .collect();

    // The network misbehaves: connections cut at random, commits cut before the client hears
    // them, a minute-like outage during which every till sells offline.
    let chaos_stop = Arc::new(AtomicBool::new(false));
    let proxy = Arc::new(proxy);
    let chaos = {
        let (proxy, chaos_stop) = (proxy.clone(), chaos_stop.clone());
        std::thread::spawn(move || {
            let mut rng = 0x2545F4914F6CDD1Du64;
            let mut next = move || {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                rng
            };
            while !chaos_stop.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(40 + next() % 160));
                match next() % 4 {
                    0 => proxy.cut_all(),
                    1 | 2 => proxy.cut_next_commit(),
                    _ => {
                        proxy.set_down(true);
                        std::thread::sleep(Duration::from_millis(200 + next() % 400));
                        proxy.set_down(false);
                    }
                }
            }
        })
    };

    // The tills work: sales, invoices by the carton, returns of their own sales.
    let mut posted: Vec<Vec<Document>> = vec![vec![], vec![], vec![]];
    let mut refused = 0;
    for round in 0..36 {
        if round == 18 {
            server.restart();
        }
        for (i, t) in tills.iter_mut().enumerate() {
            let sku = SKUS[(round + i) % SKUS.len()];
            let draft = match (round + 2 * i) % 5 {
                0..=2 => sale(sku, 1 + ((round + i) % 3) as i64),
                3 => invoice(sku, 1),
                _ => match posted[i].iter().rev().find(|d| d.kind == Kind::Sale) {
                    Some(s) => retail_return(&s.doc_no, 1),
                    None => sale(sku, 1),
                },
            };
            match t.book.post(&t.owner, &draft, Timestamp::now()) {
                Ok(doc) => posted[i].push(doc),
                Err(Error::InsufficientStock { .. }) | Err(Error::OverReturn { .. }) => refused += 1,
                Err(e) => panic!("till {i}: {e}"),
            }
        }
        std::thread::sleep(Duration::from_millis(25));
    }

    chaos_stop.store(true, Ordering::SeqCst);
    chaos.join().unwrap();
    // Two tills cut off from the server each sell what they see of the same product.
    proxy.set_down(true);
    let sku = SKUS[0];
    for i in 0..2 {
        let t = &mut tills[i];
        let left = ledger(&t.book).balances[sku];
        if left > 0 {
            posted[i].push(t.book.post(&t.owner, &sale(sku, left), Timestamp::now()).unwrap());
        }
    }
    proxy.set_down(false);
    let paths: Vec<PathBuf> = tills.iter().map(|t| t.path.clone()).collect();
    wait_converged(&paths, Duration::from_secs(90));
    stop.store(true, Ordering::SeqCst);
    for s in syncers {
        s.join().unwrap();
    }

    assert!(proxy.commits_cut() >= 1, "a commit was cut before the client heard it");
    assert!(proxy.cuts() >= 1, "connections were cut");

    // Every till holds the same ledger: same movements (none lost, none twice), same documents,
    // same balances, same running sums.
    let ledgers: Vec<Ledger> = tills.iter().map(|t| ledger(&t.book)).collect();
    assert_eq!(ledgers[0], ledgers[1]);
    assert_eq!(ledgers[0], ledgers[2]);
    let made: usize = posted.iter().flatten().map(|d| d.movements as usize).sum::<usize>() + SKUS.len();
    assert_eq!(ledgers[0].movements.len(), made, "every movement of every till, once");
    let docs: usize = posted.iter().map(Vec::len).sum::<usize>() + SKUS.len();
    assert_eq!(ledgers[0].documents.len(), docs);
    for t in &tills {
        assert!(t.book.invariant_violations().unwrap().is_empty());
    }

    // The balances are what the documents say, worked out here from what each till posted.
    let mut expected: BTreeMap<String, i64> = SKUS.iter().map(|s| (s.to_string(), 30)).collect();
    for doc in posted.iter().flatten() {
        for l in &doc.lines {
            let sign = match doc.kind {
                Kind::Sale | Kind::Invoice => -1,
                Kind::RetailReturn => 1,
                other => panic!("unexpected {other:?}"),
            };
            *expected.get_mut(&l.sku).unwrap() += sign * l.qty_base;
        }
    }
    assert_eq!(ledgers[0].balances, expected);

    // Every oversell is flagged on every till, with the sales of more than one till.
    let oversold: Vec<&String> = expected.iter().filter(|(_, b)| **b < 0).map(|(s, _)| s).collect();
    assert!(!oversold.is_empty(), "the offline tills oversold {sku}");
    for t in &tills {
        let conflicts = t.book.sync_conflicts(&t.owner).unwrap();
        let open: BTreeSet<String> = conflicts.iter().filter(|c| c.open).filter_map(|c| c.sku.clone()).collect();
        assert_eq!(open, oversold.iter().map(|s| s.to_string()).collect(), "till {}", t.device_id);
        for c in conflicts.iter().filter(|c| c.open) {
            let devices: BTreeSet<&str> = c.sales.iter().map(|s| s.device_id.as_str()).collect();
            assert!(devices.len() >= 2, "the conflict shows both tills' sales: {c:?}");
        }
    }
    eprintln!(
        "three tills: {docs} documents, {} refused, {} oversold products, {} connection cuts, {} commits cut",
        refused,
        oversold.len(),
        proxy.cuts(),
        proxy.commits_cut()
    );

    // The owner resolves an oversell with a count: the conflict closes on that till and, once
    // merged, on the others.
    if let Some(sku) = oversold.first() {
        let sku = sku.to_string();
        let a = &mut tills[0];
        a.book.post(&a.owner, &count(&sku, 0), Timestamp::now()).unwrap();
        for t in tills.iter_mut() {
            t.book.sync_once(&t.owner, Timestamp::now()).unwrap();
        }
        for t in tills.iter_mut() {
            t.book.sync_once(&t.owner, Timestamp::now()).unwrap();
            let c = t.book.sync_conflicts(&t.owner).unwrap();
            assert!(c.iter().filter(|c| c.sku.as_deref() == Some(sku.as_str())).all(|c| !c.open));
        }
    }
}

#[test]
fn a_device_reaches_only_its_own_tenant() {
    let server = PgServer::any();
    let dir = tempfile::tempdir().unwrap();
    let mut a1 = till(dir.path(), "A");
    let mut a2 = till(dir.path(), "A2");
    let mut b1 = till(dir.path(), "B");
    let tenant_a = format!("shop-a-{}", &a1.device_id[24..]);
    let tenant_b = format!("shop-b-{}", &b1.device_id[24..]);
    stock_the_shop(&mut a1, 5);
    stock_the_shop(&mut b1, 7);
    a1.book.sync_register(&a1.owner, &server.admin_url, &tenant_a, Timestamp::now()).unwrap();
    a2.book.sync_register(&a2.owner, &server.admin_url, &tenant_a, Timestamp::now()).unwrap();
    b1.book.sync_register(&b1.owner, &server.admin_url, &tenant_b, Timestamp::now()).unwrap();
    for t in [&mut a1, &mut a2, &mut b1] {
        t.book.sync_once(&t.owner, Timestamp::now()).unwrap();
    }
    // A second device of tenant A sees A's catalog; nothing of B.
    a2.book.sync_once(&a2.owner, Timestamp::now()).unwrap();
    assert_eq!(ledger(&a2.book).balances.values().sum::<i64>(), 5 * SKUS.len() as i64);

    // A device's own login, as stored on the till.
    let (server_url, login, secret): (String, String, String) = a1
        .book
        .connection()
        .query_row("SELECT server, login, secret FROM sync_config", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap();
    assert!(!server_url.contains("onebook-test-admin"), "the admin's password is not stored");
    let mut cfg: postgres::Config = server_url.parse().unwrap();
    cfg.user(&login).password(&secret);
    let mut c = cfg.connect(postgres::NoTls).unwrap();

    let tenants: Vec<String> = c
        .query("SELECT DISTINCT tenant_id::text FROM onebook.entries", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(tenants.len(), 1, "reads only its tenant's entries");
    let b_rows: i64 = c
        .query_one(
            "SELECT count(*) FROM onebook.entries WHERE payload::text LIKE '%Buyer One%' AND device_id = $1",
            &[&b1.device_id],
        )
        .unwrap()
        .get(0);
    assert_eq!(b_rows, 0, "B's entries are invisible, even asked for by device id");
    let devices: i64 = c.query_one("SELECT count(*) FROM onebook.devices", &[]).unwrap().get(0);
    assert_eq!(devices, 2, "sees the two devices of its tenant only");

    let refused = |c: &mut postgres::Client, sql: &str| {
        let r = c.batch_execute(sql);
        assert!(r.is_err(), "refused: {sql}");
    };
    let b_tenant: String = {
        let mut admin = server.admin_url.parse::<postgres::Config>().unwrap().connect(postgres::NoTls).unwrap();
        admin.query_one("SELECT tenant_id::text FROM onebook.tenants WHERE name = $1", &[&tenant_b]).unwrap().get(0)
    };
    refused(
        &mut c,
        &format!(
            "INSERT INTO onebook.entries (tenant_id, device_id, seq, kind, payload)
             VALUES ('{b_tenant}', '{}', 1000, 'doc', '{{}}')",
            b1.device_id
        ),
    );
    refused(
        &mut c,
        &format!(
            "INSERT INTO onebook.entries (device_id, seq, kind, payload) VALUES ('{}', 1000, 'doc', '{{}}')",
            a2.device_id
        ),
    );
    refused(&mut c, "UPDATE onebook.entries SET payload = '{}'");
    refused(&mut c, "DELETE FROM onebook.entries");
    refused(&mut c, "UPDATE onebook.devices SET head = 0");
    refused(&mut c, "SELECT * FROM onebook.tenants");
    refused(&mut c, "SELECT * FROM onebook.device_logins");
    refused(&mut c, "SET ROLE admin");
    refused(&mut c, "ALTER TABLE onebook.entries DISABLE ROW LEVEL SECURITY");
    refused(&mut c, "INSERT INTO onebook.entries (seq, kind, payload) VALUES (1000, 'doc', '{}')");
    // Its own log continues only from its head: a gap is refused too (the last refusal).
    let count_b: i64 = {
        let mut admin = server.admin_url.parse::<postgres::Config>().unwrap().connect(postgres::NoTls).unwrap();
        admin
            .query_one(
                "SELECT count(*) FROM onebook.entries e JOIN onebook.tenants t USING (tenant_id) WHERE t.name = $1",
                &[&tenant_b],
            )
            .unwrap()
            .get(0)
    };
    let b_log: i64 = b1.book.connection().query_row("SELECT count(*) FROM sync_log", [], |r| r.get(0)).unwrap();
    assert_eq!(count_b, b_log, "tenant B's log is whole, untouched by A");
}

/// One step of the merge model.
#[derive(Debug, Clone)]
enum Step {
    Sell { till: usize, sku: usize, pieces: i64 },
    Receive { till: usize, sku: usize, pieces: i64 },
    Push { till: usize },
    Pull { till: usize, from: usize },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0..3usize, 0..2usize, 1..4i64).prop_map(|(till, sku, pieces)| Step::Sell { till, sku, pieces }),
        1 => (0..3usize, 0..2usize, 1..6i64).prop_map(|(till, sku, pieces)| Step::Receive { till, sku, pieces }),
        2 => (0..3usize).prop_map(|till| Step::Push { till }),
        3 => (0..3usize, 0..3usize).prop_map(|(till, from)| Step::Pull { till, from }),
    ]
}

/// Three registered tills of one tenant with the catalog everywhere, as files to copy per case.
fn merge_template(server: &PgServer, dir: &Path) -> Vec<PathBuf> {
    let mut tills: Vec<Till> = ["M", "N", "O"].iter().map(|p| till(dir, p)).collect();
    stock_the_shop(&mut tills[0], 4);
    let tenant = format!("model-{}", &tills[0].device_id[24..]);
    for t in tills.iter_mut() {
        t.book.sync_register(&t.owner, &server.admin_url, &tenant, Timestamp::now()).unwrap();
    }
    for _ in 0..2 {
        for t in tills.iter_mut() {
            t.book.sync_once(&t.owner, Timestamp::now()).unwrap();
        }
    }
    tills.iter().map(|t| t.path.clone()).collect()
}

#[test]
fn any_interleaving_of_pushes_and_pulls_converges() {
    let server = PgServer::any();
    let dir = tempfile::tempdir().unwrap();
    let template = merge_template(&server, dir.path());
    let case = std::sync::atomic::AtomicUsize::new(0);
    proptest!(ProptestConfig { cases: 24, ..ProptestConfig::default() }, |(steps in prop::collection::vec(step(), 1..40))| {
        let case = case.fetch_add(1, Ordering::SeqCst);
        let case_dir = dir.path().join(format!("case-{case}"));
        std::fs::create_dir_all(&case_dir).unwrap();
        let mut tills: Vec<(Book, Actor, String, i64)> = template
            .iter()
            .map(|p| {
                let to = case_dir.join(p.file_name().unwrap());
                let src = Book::open(p).unwrap();
                src.connection().execute("VACUUM INTO ?1", [to.to_str().unwrap()]).unwrap();
                let book = Book::open(&to).unwrap();
                let owner = book.actor(None).unwrap();
                let id = book.device().unwrap().device_id;
                let head = book.sync_status().unwrap().pending;
                (book, owner, id, head)
            })
            .collect();
        // The model's server: each till's log as pushed, by the entries' own numbers.
        let mut server_logs: Vec<Vec<onebook::sync::Entry>> = tills
            .iter()
            .map(|(b, ..)| b.sync_outbox(0, i64::MAX).unwrap())
            .collect();
        let mut pushed: Vec<i64> = server_logs.iter().map(|l| l.last().map(|e| e.seq).unwrap_or(0)).collect();
        let mut sold = 0i64;
        for s in &steps {
            match *s {
                Step::Sell { till, sku, pieces } => {
                    let (b, o, ..) = &mut tills[till];
                    if b.post(o, &sale(SKUS[sku], pieces), Timestamp::now()).is_ok() {
                        sold += pieces;
                    }
                }
                Step::Receive { till, sku, pieces } => {
                    let (b, o, ..) = &mut tills[till];
                    b.post(o, &receipt(SKUS[sku], pieces), Timestamp::now()).unwrap();
                    sold -= pieces;
                }
                Step::Push { till } => {
                    let new = tills[till].0.sync_outbox(pushed[till], i64::MAX).unwrap();
                    if let Some(last) = new.last() {
                        pushed[till] = last.seq;
                    }
                    server_logs[till].extend(new);
                }
                Step::Pull { till, from } => {
                    if till != from {
                        // Deliver everything the server holds, old entries again included.
                        let origin = tills[from].2.clone();
                        let entries = server_logs[from].clone();
                        tills[till].0.sync_merge(&origin, &entries, Timestamp::now()).unwrap();
                    }
                }
            }
        }
        // Heal: everyone pushes, everyone pulls everything (twice, for entries that waited).
        for t in 0..3 {
            let new = tills[t].0.sync_outbox(pushed[t], i64::MAX).unwrap();
            server_logs[t].extend(new);
        }
        for _ in 0..2 {
            for t in 0..3 {
                for f in 0..3 {
                    if t != f {
                        let origin = tills[f].2.clone();
                        let entries = server_logs[f].clone();
                        tills[t].0.sync_merge(&origin, &entries, Timestamp::now()).unwrap();
                    }
                }
            }
        }
        let l0 = ledger(&tills[0].0);
        prop_assert_eq!(&l0, &ledger(&tills[1].0));
        prop_assert_eq!(&l0, &ledger(&tills[2].0));
        prop_assert_eq!(l0.balances.values().sum::<i64>(), 4 * SKUS.len() as i64 - sold);
        for (b, ..) in &tills {
            prop_assert!(b.invariant_violations().unwrap().is_empty());
        }
    });
}

#[test]
fn cli_registers_syncs_and_reports_in_the_users_language() {
    let server = PgServer::any();
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.sqlite3");
    let b = dir.path().join("b.sqlite3");
    let init = |db: &Path, series: &str| {
        common::ok(common::onebook(
            db,
            &[
                "init",
                "--shop",
                "Dragon Mart",
                "--currency",
                "AED",
                "--vat",
                "5",
                "--tz",
                "Asia/Dubai",
                "--series",
                series,
            ],
        ));
    };
    init(&a, "CA");
    init(&b, "CB");
    let tenant = format!("cli-{}", std::process::id());
    let out = common::onebook(&a, &["--json", "sync", "status"]);
    assert_eq!(common::json(out)["registered"], false);
    let r = common::json(common::onebook(
        &a,
        &["--json", "sync", "register", "--server", &server.admin_url, "--tenant", &tenant],
    ));
    assert_eq!(r["series_prefix"], "CA");
    assert!(!r["server"].as_str().unwrap().contains("onebook-test-admin"));
    common::ok(common::onebook(&b, &["sync", "register", "--server", &server.admin_url, "--tenant", &tenant]));
    // A second till with the same series prefix is refused, in the user's language.
    let c = dir.path().join("c.sqlite3");
    init(&c, "CA");
    let out =
        common::onebook(&c, &["--lang", "es", "sync", "register", "--server", &server.admin_url, "--tenant", &tenant]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("prefijo de serie CA"), "{err}");

    let once = common::json(common::onebook(&a, &["--json", "sync", "once"]));
    assert!(once["pushed"].as_u64().unwrap() >= 1);
    let once = common::json(common::onebook(&b, &["--json", "sync", "once"]));
    assert!(once["pulled"].as_u64().unwrap() >= 1, "B merged A's owner");
    let status = common::json(common::onebook(&b, &["--json", "sync", "status"]));
    assert_eq!(status["pending"], 0);
    assert_eq!(status["open_conflicts"], 0);
    let text = common::ok(common::onebook(&b, &["--lang", "th", "sync", "status"]));
    assert!(text.contains("รอส่ง 0 รายการ"), "{text}");
    let text = common::ok(common::onebook(&b, &["sync", "conflicts"]));
    assert!(text.contains("No conflicts"), "{text}");

    // Unregistered, `sync once` says what to do.
    let d = dir.path().join("d.sqlite3");
    init(&d, "CD");
    let out = common::onebook(&d, &["--json", "sync", "once"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("sync-not-configured"));
}

#[test]
fn payments_prices_closes_and_voids_reach_every_till() {
    let server = PgServer::any();
    let dir = tempfile::tempdir().unwrap();
    let mut a = till(dir.path(), "RA");
    let mut b = till(dir.path(), "RB");
    stock_the_shop(&mut a, 60);
    // Some history before registering: it goes with the registration's backfill.
    let inv = a.book.post(&a.owner, &invoice("RICE", 2), Timestamp::now()).unwrap();
    let tenant = format!("records-{}", &a.device_id[24..]);
    for t in [&mut a, &mut b] {
        t.book.sync_register(&t.owner, &server.admin_url, &tenant, Timestamp::now()).unwrap();
    }
    let sync_all = |a: &mut Till, b: &mut Till| {
        for _ in 0..2 {
            for t in [&mut *a, &mut *b] {
                t.book.sync_once(&t.owner, Timestamp::now()).unwrap();
            }
        }
    };
    sync_all(&mut a, &mut b);

    // On B: the buyer pays A's invoice in part; a tier price; a void; B's day closes.
    let pay: onebook::receivables::PaymentInput = serde_json::from_value(serde_json::json!({
        "buyer": "B1", "amount": "40", "method": "bank", "invoices": [{ "invoice": inv.doc_no }]
    }))
    .unwrap();
    let paid = b.book.record_payment(&b.owner, &pay, Timestamp::now()).unwrap();
    let rule: onebook::pricing::PriceRuleInput = serde_json::from_value(serde_json::json!({
        "scope": { "buyer": "B1" }, "product": "OIL", "unit": "carton", "price": "44", "min_qty": null, "effective_from": null
    }))
    .unwrap();
    b.book.set_price(&b.owner, &rule, Timestamp::now()).unwrap();
    let void = onebook::voids::VoidDraft::from_json(
        r#"{"scope":"line","lines":[{"sku":"TEA","qty":1}],"reason":"scanned twice"}"#,
    )
    .unwrap();
    b.book.void(&b.owner, &void, Timestamp::now()).unwrap();
    let z = b
        .book
        .close_day(
            &b.owner,
            &onebook::close::DayCloseInput { counted: "0".into(), ..Default::default() },
            Timestamp::now(),
        )
        .unwrap();
    // On A: the owner closes an old month.
    a.book.close_month(&a.owner, "2020-01", Timestamp::now()).unwrap();
    sync_all(&mut a, &mut b);

    // A sees the payment against its invoice, the buyer's price, B's void and Z.
    let balance = a.book.buyer_balance(&a.owner, "B1", Timestamp::now()).unwrap();
    let gross: Decimal = inv.gross.parse().unwrap();
    assert_eq!(balance.open.parse::<Decimal>().unwrap(), gross - d("40"), "{balance:?}");
    let history = a.book.price_history("OIL").unwrap();
    assert!(history.iter().any(|r| r.price.parse::<Decimal>().unwrap() == d("44")), "{history:?}");
    let seen = a.book.day_close(&a.owner, &z.doc_no).unwrap();
    assert_eq!(seen.doc_no, z.doc_no);
    let voids: i64 = a.book.connection().query_row("SELECT count(*) FROM voids", [], |r| r.get(0)).unwrap();
    assert_eq!(voids, 1);
    // B holds A's month close: nothing can be dated into 2020-01 there either.
    assert_eq!(b.book.closed_through().unwrap().as_deref(), Some("2020-01"));
    let pays: i64 = a
        .book
        .connection()
        .query_row("SELECT count(*) FROM buyer_payments WHERE pay_no = ?1", [&paid.pay_no], |r| r.get(0))
        .unwrap();
    assert_eq!(pays, 1);
}

#[test]
fn a_till_with_a_quota_sells_offline_only_within_it_and_nothing_is_oversold() {
    let server = PgServer::start();
    let proxy = Proxy::start(server.addr());
    let url = server.admin_url_via(proxy.port);
    let dir = tempfile::tempdir().unwrap();
    let mut a = till(dir.path(), "QA");
    let mut b = till(dir.path(), "QB");
    stock_the_shop(&mut a, 30);
    for t in [&mut a, &mut b] {
        t.book.sync_register(&t.owner, &url, "quota-mart", Timestamp::now()).unwrap();
    }
    let sync_all = |a: &mut Till, b: &mut Till| {
        for _ in 0..2 {
            for t in [&mut *a, &mut *b] {
                t.book.sync_once(&t.owner, Timestamp::now()).unwrap();
            }
        }
    };
    sync_all(&mut a, &mut b);

    // The owner gives till QB five pieces of rice to sell offline.
    assert!(matches!(
        a.book.set_quota(&a.owner, "QZ", "RICE", d("5"), Timestamp::now()),
        Err(Error::UnknownDevice { .. })
    ));
    let q = a.book.set_quota(&a.owner, "QB", "RICE", d("5"), Timestamp::now()).unwrap();
    assert_eq!((q.qty_base, q.used_base, q.series_prefix.as_deref()), (5, 0, Some("QB")));
    sync_all(&mut a, &mut b);
    assert_eq!(b.book.quotas().unwrap().len(), 1, "the quota reached QB");

    // Online, QA may sell all but QB's quota.
    a.book.post(&a.owner, &sale("RICE", 25), Timestamp::now()).unwrap();
    let held = a.book.post(&a.owner, &sale("RICE", 1), Timestamp::now()).unwrap_err();
    assert!(matches!(held, Error::HeldForOtherTills { held: 5, on_hand: 5, .. }), "{held:?}");
    assert!(held.message(onebook::Locale::Th).contains("โควตา"));

    // The network goes: QB knows it is offline (its sync failed) and sells within its quota only.
    proxy.set_down(true);
    assert!(b.book.sync_once(&b.owner, Timestamp::now()).is_err());
    b.book.post(&b.owner, &sale("RICE", 3), Timestamp::now()).unwrap();
    let over = b.book.post(&b.owner, &sale("RICE", 3), Timestamp::now()).unwrap_err();
    assert!(matches!(over, Error::QuotaExceeded { quota: 5, used: 3, requested: 3, .. }), "{over:?}");
    b.book.post(&b.owner, &sale("RICE", 2), Timestamp::now()).unwrap();
    // A product without quotas follows the ordinary rules offline.
    b.book.post(&b.owner, &sale("TEA", 2), Timestamp::now()).unwrap();
    // QA still holds QB's quota back (it has not seen QB's sales).
    assert!(matches!(a.book.post(&a.owner, &sale("RICE", 1), Timestamp::now()), Err(Error::HeldForOtherTills { .. })));

    proxy.set_down(false);
    sync_all(&mut a, &mut b);
    for t in [&a, &b] {
        let l = ledger(&t.book);
        assert_eq!(l.balances["RICE"], 0, "sold to the last piece, never below");
        assert_eq!(l.balances["TEA"], 28);
        assert!(t.book.sync_conflicts(&t.owner).unwrap().iter().all(|c| !c.open));
        let q = &t.book.quotas().unwrap()[0];
        assert_eq!((q.qty_base, q.used_base), (5, 5));
    }
}

#[test]
fn tls_when_the_url_asks_for_it_and_the_certificate_is_checked() {
    let server = PgServer::start_tls();
    let ca = server.ca.clone().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut a = till(dir.path(), "TA");
    stock_the_shop(&mut a, 3);
    let url = &server.admin_url;
    // This server refuses connections without TLS.
    let plain = a.book.sync_register(&a.owner, url, "tls-mart", Timestamp::now()).unwrap_err();
    assert_eq!(plain.code(), "cloud", "{plain:?}");
    // TLS to a certificate nobody vouches for is refused too.
    let untrusted = a.book.sync_register(&a.owner, &format!("{url}?sslmode=require"), "tls-mart", Timestamp::now());
    assert!(untrusted.unwrap_err().to_string().to_lowercase().contains("certificate"));
    // With the shop's CA named, registration and sync go over TLS.
    let tls_url = format!("{url}?sslmode=require&sslrootcert={}", ca.display());
    let r = a.book.sync_register(&a.owner, &tls_url, "tls-mart", Timestamp::now()).unwrap();
    assert!(r.server.contains("sslmode=require") && r.server.contains("sslrootcert="), "the device keeps using TLS");
    let once = a.book.sync_once(&a.owner, Timestamp::now()).unwrap();
    assert!(once.pushed > 0);
    assert_eq!(a.book.sync_status().unwrap().pending, 0);
}

#[test]
fn a_till_restored_from_an_old_backup_stops_instead_of_losing_its_new_sales() {
    let server = PgServer::any();
    let dir = tempfile::tempdir().unwrap();
    let mut a = till(dir.path(), "XA");
    let mut b = till(dir.path(), "XB");
    stock_the_shop(&mut a, 20);
    let tenant = format!("restore-{}", &a.device_id[24..]);
    for t in [&mut a, &mut b] {
        t.book.sync_register(&t.owner, &server.admin_url, &tenant, Timestamp::now()).unwrap();
        t.book.sync_once(&t.owner, Timestamp::now()).unwrap();
    }
    // A copy of A's file now; then a sale that reaches the server.
    let old = dir.path().join("old.sqlite3");
    a.book.connection().execute("VACUUM INTO ?1", [old.to_str().unwrap()]).unwrap();
    let pushed = a.book.post(&a.owner, &sale("RICE", 2), Timestamp::now()).unwrap();
    a.book.sync_once(&a.owner, Timestamp::now()).unwrap();
    // A's disk dies; the old copy goes back in and the till sells on.
    let path = a.path.clone();
    drop(a);
    std::fs::copy(&old, &path).unwrap();
    let _ = std::fs::remove_file(path.with_extension("sqlite3-wal"));
    let mut book = Book::open(&path).unwrap();
    let owner = book.actor(None).unwrap();
    book.post(&owner, &sale("OIL", 1), Timestamp::now()).unwrap();
    let e = book.sync_once(&owner, Timestamp::now()).unwrap_err();
    assert_eq!(e.code(), "cloud");
    assert!(e.to_string().contains("restored from a backup"), "{e}");
    assert_eq!(book.sync_status().unwrap().pending, 1, "the new sale waits, it is not marked pushed");
    // The other till still gets the sale the server had.
    b.book.sync_once(&b.owner, Timestamp::now()).unwrap();
    assert!(b.book.document(&pushed.doc_no).is_ok());
}

#[test]
fn a_restored_till_rebases_on_the_cloud_and_no_sale_is_lost_or_doubled() {
    let server = PgServer::any();
    let dir = tempfile::tempdir().unwrap();
    let mut a = till(dir.path(), "YA");
    let mut b = till(dir.path(), "YB");
    stock_the_shop(&mut a, 40);
    let tenant = format!("rebase-{}", &a.device_id[24..]);
    for t in [&mut a, &mut b] {
        t.book.sync_register(&t.owner, &server.admin_url, &tenant, Timestamp::now()).unwrap();
        t.book.sync_once(&t.owner, Timestamp::now()).unwrap();
    }
    b.book.sync_once(&b.owner, Timestamp::now()).unwrap();
    // A sells and syncs; the backup is taken; A sells on, every sale reaching the cloud (and B).
    let before = a.book.post(&a.owner, &sale("RICE", 1), Timestamp::now()).unwrap();
    a.book.sync_once(&a.owner, Timestamp::now()).unwrap();
    let old = dir.path().join("backup.sqlite3");
    a.book.connection().execute("VACUUM INTO ?1", [old.to_str().unwrap()]).unwrap();
    let after_backup = [
        a.book.post(&a.owner, &sale("RICE", 2), Timestamp::now()).unwrap(),
        a.book.post(&a.owner, &sale("OIL", 1), Timestamp::now()).unwrap(),
        a.book.post(&a.owner, &invoice("TEA", 1), Timestamp::now()).unwrap(),
    ];
    a.book.sync_once(&a.owner, Timestamp::now()).unwrap();
    b.book.sync_once(&b.owner, Timestamp::now()).unwrap();
    let b_sale = b.book.post(&b.owner, &sale("SOAP", 1), Timestamp::now()).unwrap();
    b.book.sync_once(&b.owner, Timestamp::now()).unwrap();

    // A's disk dies; the backup goes back in and A sells two more, offline.
    let path = a.path.clone();
    drop(a);
    std::fs::copy(&old, &path).unwrap();
    let _ = std::fs::remove_file(path.with_extension("sqlite3-wal"));
    let mut book = Book::open(&path).unwrap();
    let owner = book.actor(None).unwrap();
    let offline = [
        book.post(&owner, &sale("RICE", 3), Timestamp::now()).unwrap(),
        book.post(&owner, &sale("SOAP", 2), Timestamp::now()).unwrap(),
    ];
    // They took the numbers the lost sales had: pushing would lose or double them, so it stops.
    assert_eq!(offline[0].doc_no, after_backup[0].doc_no);
    let e = book.sync_once(&owner, Timestamp::now()).unwrap_err();
    assert!(e.to_string().contains("sync rebase"), "{e}");
    drop(book);

    // The owner re-bases the till from the command line.
    let r = common::json(common::onebook(&path, &["--json", "sync", "rebase"]));
    assert_eq!(r["replayed"], 3, "{r}");
    let renumbered = r["documents"].as_array().unwrap();
    assert_eq!(renumbered.len(), 2, "{r}");
    let mut book = Book::open(&path).unwrap();
    let owner = book.actor(None).unwrap();
    let audit = book.audit_list(&owner).unwrap();
    assert!(audit.iter().any(|e| e.action == "sync-rebase"), "the rebase is in the audit trail");
    book.sync_once(&owner, Timestamp::now()).unwrap();
    b.book.sync_once(&b.owner, Timestamp::now()).unwrap();
    book.sync_once(&owner, Timestamp::now()).unwrap();
    assert_eq!(book.sync_status().unwrap().pending, 0);

    // Both tills hold the same ledger, and every sale is there once under its own id.
    let la = ledger(&book);
    assert_eq!(la, ledger(&b.book));
    let all: Vec<&onebook::Document> =
        [&before].into_iter().chain(after_backup.iter()).chain(offline.iter()).chain([&b_sale]).collect();
    for t in [&book, &b.book] {
        for d in &all {
            let n: i64 = t
                .connection()
                .query_row("SELECT count(*) FROM documents WHERE id = ?1", [&d.id], |r| r.get(0))
                .unwrap();
            assert_eq!(n, 1, "{} once", d.id);
        }
        // The lost sales keep their numbers; the offline ones got the next ones of their series.
        for d in &after_backup {
            assert_eq!(t.document(&d.doc_no).unwrap().id, d.id);
        }
        for (d, moved) in offline.iter().zip(renumbered) {
            assert_eq!(moved["document_id"], d.id.as_str());
            assert_eq!(moved["old_doc_no"], d.doc_no.as_str());
            let now = t.document(moved["new_doc_no"].as_str().unwrap()).unwrap();
            assert_eq!((&now.id, &now.gross), (&d.id, &d.gross));
        }
        // Numbers unique and gapless per series; movements dense per device.
        let gaps: Vec<(String, i64, i64, i64)> = t
            .connection()
            .prepare("SELECT series, count(*), count(DISTINCT number), max(number) FROM documents GROUP BY series")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .filter(|(_, n, distinct, max)| n != distinct || n != max)
            .collect();
        assert!(gaps.is_empty(), "{gaps:?}");
        let sparse: Vec<(String, i64, i64)> = t
            .connection()
            .prepare("SELECT device_id, count(*), max(device_seq) FROM movements GROUP BY device_id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .filter(|(_, n, max)| n != max)
            .collect();
        assert!(sparse.is_empty(), "movements dense per device: {sparse:?}");
        assert!(t.invariant_violations().unwrap().is_empty(), "balances = sum of movements");
    }
    // The balances, worked out from what was sold: 40 each, less every sale and the carton.
    let expected: BTreeMap<String, i64> =
        [("OIL", 40 - 1), ("RICE", 40 - 1 - 2 - 3), ("SOAP", 40 - 1 - 2), ("TEA", 40 - CARTON)]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
    assert_eq!(la.balances, expected);
    // A sells on and the push goes on from the cloud's head.
    let next = book.post(&owner, &sale("OIL", 1), Timestamp::now()).unwrap();
    book.sync_once(&owner, Timestamp::now()).unwrap();
    b.book.sync_once(&b.owner, Timestamp::now()).unwrap();
    assert_eq!(b.book.document(&next.doc_no).unwrap().id, next.id);
}
