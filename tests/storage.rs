//! The SQLite file: migrations applied atomically, newer and foreign files refused, durable
//! settings, and the ledger's immutability enforced by the database itself.

use onebook::{Book, Error, Locale, ShopSetup, Timestamp};
use rust_decimal::Decimal;

fn setup() -> ShopSetup {
    ShopSetup { locale: Locale::Th, ..ShopSetup::new("Stall", "THB", Decimal::from(7), "Asia/Bangkok") }
}

#[test]
fn an_empty_file_gets_every_migration_and_durable_settings() {
    let dir = tempfile::tempdir().unwrap();
    let book = Book::open(dir.path().join("a.sqlite3")).unwrap();
    let conn = book.connection();
    assert_eq!(onebook::db::schema_version(conn).unwrap(), onebook::db::SCHEMA_VERSION);
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let sync: i64 = conn.query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
    assert_eq!(sync, 2, "synchronous=FULL: an acknowledged sale survives a power cut");
    let fk: i64 = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    assert_eq!(fk, 1);
    // Reopening applies nothing twice.
    drop(book);
    let again = Book::open(dir.path().join("a.sqlite3")).unwrap();
    assert_eq!(onebook::db::schema_version(again.connection()).unwrap(), onebook::db::SCHEMA_VERSION);
}

#[test]
fn a_database_from_a_newer_onebook_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.sqlite3");
    drop(Book::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(&format!("PRAGMA user_version = {}", onebook::db::SCHEMA_VERSION + 1)).unwrap();
    drop(conn);
    let err = Book::open(&path).err().expect("refused");
    assert_eq!(err.code(), "database-too-new");
    assert!(err.message(Locale::En).contains("newer Onebook"), "{}", err.message(Locale::En));
}

#[test]
fn a_foreign_file_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.sqlite3");
    let conn = rusqlite::Connection::open(&other).unwrap();
    conn.execute_batch("CREATE TABLE notes(x); INSERT INTO notes VALUES (1);").unwrap();
    drop(conn);
    assert_eq!(Book::open(&other).err().map(|e| e.code()), Some("not-onebook-database"));
    let conn = rusqlite::Connection::open(&other).unwrap();
    let n: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 1, "nothing was added to someone else's database");

    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "this is not a database at all, just some text that is long enough").unwrap();
    assert_eq!(Book::open(&text).err().map(|e| e.code()), Some("not-onebook-database"));
}

#[test]
fn two_processes_opening_a_new_file_at_once_migrate_it_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("race.sqlite3");
    let children: Vec<_> = (0..4)
        .map(|_| {
            std::process::Command::new(env!("CARGO_BIN_EXE_onebook"))
                .args(["--db", path.to_str().unwrap(), "check"])
                .output()
        })
        .collect();
    for out in children {
        let out = out.unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let book = Book::open(&path).unwrap();
    assert_eq!(onebook::db::schema_version(book.connection()).unwrap(), onebook::db::SCHEMA_VERSION);
}

#[test]
fn the_database_refuses_edits_of_the_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Book::open(dir.path().join("l.sqlite3")).unwrap();
    let now = Timestamp::now();
    let owner = book.init(&setup(), now).unwrap();
    book.upsert_product(
        &owner,
        onebook::ProductInput {
            sku: "T1".into(),
            name: "Thermos".into(),
            base_unit: "piece".into(),
            vat_rate_pct: None,
            retail_reserve: None,
            allow_negative: false,
            category: None,
            units: vec![],
            barcodes: vec![],
            retail_prices: vec![("piece".into(), Decimal::from(100))],
            wholesale_prices: vec![],
        },
        now,
    )
    .unwrap();
    let draft =
        onebook::DocumentDraft::from_json(r#"{"kind":"receipt","lines":[{"sku":"T1","qty":5,"unit_cost":"40"}]}"#)
            .unwrap();
    let doc = book.post(&owner, &draft, now).unwrap();
    let conn = book.connection();
    for sql in [
        "UPDATE movements SET qty_base = 500",
        "DELETE FROM movements",
        "UPDATE document_lines SET qty_base = 1",
        "DELETE FROM document_lines",
        "DELETE FROM documents",
        "UPDATE documents SET gross_minor = 0",
    ] {
        let err = conn.execute(sql, []).expect_err(sql);
        assert!(err.to_string().contains("onebook:"), "{sql}: {err}");
    }
    assert_eq!(book.document(&doc.doc_no).unwrap(), doc);
    assert_eq!(book.stock("T1").unwrap().on_hand, 5);
}

#[test]
fn a_second_init_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Book::open(dir.path().join("i.sqlite3")).unwrap();
    book.init(&setup(), Timestamp::now()).unwrap();
    match book.init(&setup(), Timestamp::now()) {
        Err(Error::AlreadyInitialized { shop }) => assert_eq!(shop, "Stall"),
        other => panic!("{other:?}"),
    }
}

/// Sales in the main database file alone (a copy without its -wal), i.e. what checkpoints moved.
/// A copy taken in the middle of a checkpoint may not open: it is taken again.
fn sales_in_main_file(path: &std::path::Path, copy: &std::path::Path) -> i64 {
    for _ in 0..50 {
        let _ = std::fs::remove_file(copy.with_extension("sqlite3-wal"));
        std::fs::copy(path, copy).unwrap();
        let counted = rusqlite::Connection::open(copy)
            .and_then(|c| c.query_row("SELECT count(*) FROM documents WHERE kind = 'sale'", [], |r| r.get(0)));
        if let Ok(n) = counted {
            return n;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("no readable copy of {}", path.display())
}

#[test]
fn a_till_checkpoints_on_its_own_thread_not_in_its_commits() {
    // Twenty 1-line sales write a few hundred WAL pages, below SQLite's 1000-page threshold: in
    // the commits nothing reaches the main file; the background checkpointer moves all of it.
    let dir = tempfile::tempdir().unwrap();
    for background in [false, true] {
        let path = dir.path().join(format!("till-{background}.sqlite3"));
        let mut book = Book::open(&path).unwrap();
        onebook::demo::seed(&mut book, Timestamp::now()).unwrap();
        let cashier = book.actor(Some("cashier")).unwrap();
        // Everything so far (the demo) checkpointed, so the count below is of these sales only.
        book.connection().query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).unwrap();
        let before = sales_in_main_file(&path, &dir.path().join("copy.sqlite3"));
        if background {
            book.checkpoint_in_background().unwrap();
        }
        let code: String = book
            .connection()
            .query_row("SELECT code FROM barcodes WHERE unit = 'piece' LIMIT 1", [], |r| r.get(0))
            .unwrap();
        let draft = onebook::document::DocumentDraft::from_json(&format!(
            r#"{{"kind": "sale", "lines": [{{"barcode": "{code}", "qty": "1"}}]}}"#
        ))
        .unwrap();
        for _ in 0..20 {
            book.post(&cashier, &draft, Timestamp::now()).unwrap();
        }
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        let mut moved = sales_in_main_file(&path, &dir.path().join("copy.sqlite3")) - before;
        while background && moved < 20 && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(50));
            moved = sales_in_main_file(&path, &dir.path().join("copy.sqlite3")) - before;
        }
        assert_eq!(moved, if background { 20 } else { 0 }, "background checkpointer: {background}");
        // Every sale is in the book either way.
        let sales: i64 = book
            .connection()
            .query_row("SELECT count(*) FROM documents WHERE kind = 'sale'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(sales - before, 20);
    }
}

#[test]
fn a_book_of_an_earlier_version_is_upgraded_with_a_notice_in_the_users_language() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    // A book as the version before migration 23 left it.
    let book = Book::open(&path).unwrap();
    book.connection()
        .execute_batch(&format!("DROP TABLE sale_journal; PRAGMA user_version = {};", onebook::db::SCHEMA_VERSION - 1))
        .unwrap();
    drop(book);
    let run = |lang: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_onebook"))
            .args(["--db", path.to_str().unwrap(), "--lang", lang, "check"])
            .output()
            .unwrap()
    };
    let out = run("th");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let (from, to) = ((onebook::db::SCHEMA_VERSION - 1).to_string(), onebook::db::SCHEMA_VERSION.to_string());
    assert!(stderr.contains("กำลังปรับรุ่นสมุดบัญชีนี้") && stderr.contains(&from) && stderr.contains(&to), "{stderr}");
    let book = Book::open(&path).unwrap();
    assert_eq!(onebook::db::schema_version(book.connection()).unwrap(), onebook::db::SCHEMA_VERSION);
    let journal: i64 = book
        .connection()
        .query_row("SELECT count(*) FROM sqlite_master WHERE name = 'sale_journal'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(journal, 1, "migration 23 ran");
    drop(book);
    // Up to date: opened without a word about upgrading.
    let out = run("en");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && !stderr.contains("Upgrading"), "{stderr}");
}
