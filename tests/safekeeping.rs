//! Nothing lost, nobody where they don't belong: checked backups and restore, the integrity check
//! at open, the hash-chained audit trail (and what tampering with it looks like), a full disk, and
//! the permission matrix over every library operation and every role.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::{ok as stdout_ok, onebook as onebook_cli};

use onebook::people::{allowed, Action};
use onebook::{Actor, Book, DocumentDraft, Error, Locale, Role, ShopSetup, Timestamp};
use rust_decimal::Decimal;

const CSV: &str = "\
sku,name,base_unit,vat_rate,reserve,allow_negative,units,barcodes,retail_prices,wholesale_prices
RC-100,Rice cooker 1.8 L,piece,5,0,no,carton=24,piece=6290001000015; carton=16290001000012,piece=89.00,carton=1680.00; piece=70.00
KT-200,Kettle 1.7 L,piece,5,0,yes,carton=12,piece=6290001000022,piece=45.00,piece=35.00
";

fn setup() -> ShopSetup {
    ShopSetup::new("Dragon Mart 101", "AED", Decimal::from(5), "Asia/Dubai")
}

fn draft(json: &str) -> DocumentDraft {
    DocumentDraft::from_json(json).unwrap()
}

/// A shop with two products, stock, a buyer, one of each role, a sale and an invoice.
fn shop(path: &Path) -> (Book, Actor) {
    let mut book = Book::open(path).unwrap();
    let now = Timestamp::now();
    let owner = book.init(&setup(), now).unwrap();
    book.import_products(&owner, CSV.as_bytes(), onebook::ImportOptions { skip_bad: false }, &mut |_| {}, now).unwrap();
    for (name, role) in [("cashier", Role::Cashier), ("accountant", Role::Accountant), ("warehouse", Role::Warehouse)] {
        let user = onebook::NewUser { username: name.into(), display_name: None, role, locale: None };
        book.add_user(&owner, &user, now).unwrap();
    }
    let buyer: onebook::Customer =
        serde_json::from_value(serde_json::json!({"code": "B001", "name": "Al Noor", "payment_terms_days": 30}))
            .unwrap();
    book.add_customer(&owner, &buyer, now).unwrap();
    book.post(&owner, &draft(r#"{"kind":"receipt","lines":[{"sku":"RC-100","qty":10,"unit":"carton","unit_cost":"1200"},{"sku":"KT-200","qty":50,"unit_cost":"20"}]}"#), now).unwrap();
    book.post(&owner, &draft(r#"{"kind":"sale","lines":[{"sku":"RC-100","qty":2}]}"#), now).unwrap();
    book.post(
        &owner,
        &draft(r#"{"kind":"invoice","buyer":"B001","lines":[{"sku":"RC-100","qty":2,"unit":"carton"}]}"#),
        now,
    )
    .unwrap();
    (book, owner)
}

fn audit_rows(book: &Book) -> Vec<onebook::AuditEntry> {
    book.audit_list(&book.actor(None).unwrap()).unwrap()
}

/// Check a backup file the way a merchant's recovery would: open it read-only, run the full
/// integrity check, and see that every balance equals the sum of its movements.
fn check_backup(path: &Path) -> i64 {
    let conn = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok", "{}", path.display());
    let app: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).unwrap();
    assert_eq!(app, onebook::db::APPLICATION_ID);
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, onebook::db::SCHEMA_VERSION);
    assert!(onebook::stock::invariant_violations(&conn).unwrap().is_empty(), "balance = sum of movements");
    conn.query_row("SELECT count(*) FROM documents", [], |r| r.get(0)).unwrap()
}

// ---------------------------------------------------------------------------------------------
// Backups and restore

#[test]
fn a_backup_is_checked_recorded_and_restorable() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.sqlite3");
    let (mut book, owner) = shop(&db);
    assert_eq!(book.last_backup().unwrap(), None);
    let target = dir.path().join("usb");
    let report = book.backup(&owner, &target, Timestamp::now()).unwrap();
    assert_eq!((report.integrity.as_str(), report.ledger_ok, report.kept), ("ok", true, 1));
    assert_eq!(check_backup(Path::new(&report.path)), 3);
    let last = book.last_backup().unwrap().unwrap();
    assert_eq!((last.path.as_str(), last.file_present), (report.path.as_str(), true));

    // More trade after the backup, then restore: the book is as it was, the later file kept aside.
    book.post(&owner, &draft(r#"{"kind":"sale","lines":[{"sku":"RC-100","qty":5}]}"#), Timestamp::now()).unwrap();
    drop(book);
    let restored = Book::restore(&db, Path::new(&report.path), None, Timestamp::now()).unwrap();
    assert_eq!(restored.documents, 3);
    let aside = PathBuf::from(restored.kept_aside.clone().unwrap());
    assert!(aside.file_name().unwrap().to_str().unwrap().starts_with("shop.sqlite3.before-restore-"));
    let book = Book::open(&db).unwrap();
    assert_eq!(book.stock("RC-100").unwrap().on_hand, 240 - 2 - 48);
    // The restore is in the restored book's audit trail, and the trail still verifies.
    let last = audit_rows(&book).pop().unwrap();
    assert_eq!((last.action.as_str(), last.username.as_str()), ("backup-restore", "owner"));
    assert!(last.before.unwrap().contains("before-restore-"));
    assert!(book.audit_verify(&owner).unwrap().ok);
    // The kept-aside file is the later book, whole.
    let old = Book::open(&aside).unwrap();
    assert_eq!(old.stock("RC-100").unwrap().on_hand, 240 - 2 - 48 - 5);

    // The backup's file gone (a USB stick unplugged): last_backup says so.
    std::fs::remove_file(&report.path).unwrap();
    let mut book = book;
    let again = book.backup(&owner, &target, Timestamp::now()).unwrap();
    std::fs::remove_file(&again.path).unwrap();
    assert!(!book.last_backup().unwrap().unwrap().file_present);
}

#[test]
fn a_backup_to_a_folder_whose_parent_is_missing_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (mut book, owner) = shop(&dir.path().join("shop.sqlite3"));
    let err = book.backup(&owner, &dir.path().join("media/usb/onebook"), Timestamp::now()).unwrap_err();
    assert_eq!(err.code(), "io");
    assert!(!dir.path().join("media").exists(), "nothing made on the till's own disk");
}

#[test]
fn rotation_keeps_daily_weekly_monthly_backups_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let (mut book, owner) = shop(&dir.path().join("shop.sqlite3"));
    let target = dir.path().join("backups");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("notes.txt"), "mine").unwrap();
    let start = Timestamp::now().add_days(-90);
    let mut last = None;
    for day in 0..90 {
        last = Some(book.backup(&owner, &target, start.add_days(day)).unwrap());
    }
    let last = last.unwrap();
    let files: Vec<String> = std::fs::read_dir(&target)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("onebook-"))
        .collect();
    assert_eq!(files.len(), last.kept);
    assert!(last.kept >= 7 && last.kept <= 7 + 4 + 12, "{}", last.kept);
    assert!(Path::new(&last.path).exists(), "the newest is kept");
    assert!(target.join("notes.txt").exists(), "other files are left alone");
}

#[test]
fn restore_refuses_what_is_not_a_sound_onebook_book_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.sqlite3");
    let (mut book, owner) = shop(&db);
    let good = book.backup(&owner, &dir.path().join("b"), Timestamp::now()).unwrap();
    drop(book);

    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "this is not a database at all, just some text that is long enough to look").unwrap();
    let foreign = dir.path().join("other.sqlite3");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        .unwrap();
    let damaged = dir.path().join("damaged.sqlite3");
    std::fs::copy(&good.path, &damaged).unwrap();
    corrupt(&damaged);

    for bad in [&text, &foreign, &damaged] {
        let err = Book::restore(&db, bad, None, Timestamp::now()).unwrap_err();
        assert!(matches!(err.code(), "backup-invalid" | "not-onebook-database"), "{}: {err:?}", bad.display());
        assert!(err.message(Locale::En).contains("cannot be restored") || err.code() == "not-onebook-database");
    }
    // Nothing was touched: no file kept aside, the book opens with its documents.
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert!(!names.iter().any(|n| n.contains("before-restore") || n.contains("restoring")), "{names:?}");
    assert_eq!(Book::open(&db).unwrap().stock("RC-100").unwrap().on_hand, 190);
    // A cashier may not restore.
    let err = Book::restore(&db, Path::new(&good.path), Some("cashier"), Timestamp::now()).unwrap_err();
    assert_eq!(err.code(), "permission-denied");
}

/// Overwrite the middle of every table page but the first with garbage (what a failing disk or
/// a half-written copy leaves behind).
fn corrupt(path: &Path) {
    let mut bytes = std::fs::read(path).unwrap();
    let page = 4096;
    for p in 1..bytes.len() / page {
        for b in &mut bytes[p * page + 100..p * page + 400] {
            *b = 0x5A;
        }
    }
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn a_damaged_book_is_refused_at_open_naming_the_last_good_backup_and_restore_brings_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.sqlite3");
    let (mut book, owner) = shop(&db);
    let backup = book.backup(&owner, &onebook::backup::default_dir(&db), Timestamp::now()).unwrap();
    drop(book);
    corrupt(&db);

    let err = Book::open(&db).err().expect("a damaged book is refused");
    match &err {
        Error::DatabaseCorrupt { backup: b, .. } => assert_eq!(b, &backup.path),
        other => panic!("{other:?}"),
    }
    let msg = err.message(Locale::En);
    assert!(msg.contains("damaged") && msg.contains(&format!("onebook restore {}", backup.path)), "{msg}");
    assert!(err.message(Locale::ZhCn).contains("onebook restore"), "localized");

    // The CLI says the same, and restore works although the current file cannot be opened.
    let out = onebook_cli(&db, &["stock", "RC-100"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("[database-corrupt]") && stderr.contains("onebook restore"), "{stderr}");
    let out = stdout_ok(onebook_cli(&db, &["restore", &backup.path]));
    assert!(out.contains("Restored from") && out.contains("before-restore-"), "{out}");
    let book = Book::open(&db).unwrap();
    assert_eq!(book.stock("RC-100").unwrap().on_hand, 190);
    assert!(book.invariant_violations().unwrap().is_empty());
}

#[test]
fn backups_taken_while_another_process_posts_sales_are_all_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.sqlite3");
    let (mut book, owner) = shop(&db);
    // KT-200 may go negative: the poster never runs out of stock.
    let sales: Vec<serde_json::Value> = (0..1500)
        .map(|i| serde_json::json!({"kind": "sale", "lines": [{"sku": "KT-200", "qty": 1 + i % 3}, {"sku": "RC-100", "qty": 0.5, "unit": "carton", "price": "1"}], "override_reason": "test"}))
        .collect();
    let file = dir.path().join("sales.json");
    std::fs::write(&file, serde_json::to_string(&sales).unwrap()).unwrap();
    let mut poster = Command::new(env!("CARGO_BIN_EXE_onebook"))
        .arg("--db")
        .arg(&db)
        .args(["--json", "post", file.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let target = dir.path().join("backups");
    let mut counts = vec![];
    let started = std::time::Instant::now();
    while counts.len() < 40 || (poster.try_wait().unwrap().is_none() && counts.len() < 400) {
        let report = book.backup(&owner, &target, Timestamp::now().add_days(counts.len() as i64)).unwrap();
        assert!(report.ledger_ok);
        counts.push(check_backup(Path::new(&report.path)));
        assert!(started.elapsed().as_secs() < 120, "backups keep up");
    }
    let status = poster.wait().unwrap();
    assert!(status.success());
    assert!(counts.windows(2).all(|w| w[0] <= w[1]), "each backup holds at least what the one before held");
    assert!(counts.first() < counts.last(), "the backups saw sales arrive: {counts:?}");
    assert!(book.audit_verify(&owner).unwrap().ok, "overrides from the other process are all in the chain");
}

// ---------------------------------------------------------------------------------------------
// Audit trail

#[test]
fn sensitive_acts_are_audited_with_who_when_where_and_before_after() {
    let dir = tempfile::tempdir().unwrap();
    let (mut book, owner) = shop(&dir.path().join("shop.sqlite3"));
    let now = Timestamp::now();
    let device = book.device().unwrap().device_id;
    // The three users of the fixture were added by the owner.
    let users: Vec<_> = audit_rows(&book).into_iter().filter(|e| e.action == "user-add").collect();
    assert_eq!(users.len(), 3);
    assert!(users[0].after.as_deref().unwrap().contains(r#""role":"cashier""#));

    let doc = book
        .post(
            &owner,
            &draft(r#"{"kind":"sale","lines":[{"sku":"KT-200","qty":1},{"sku":"RC-100","qty":1,"price":"60"}]}"#),
            now,
        )
        .unwrap();
    let e = audit_rows(&book).pop().unwrap();
    assert_eq!((e.action.as_str(), e.subject.clone()), ("price-override", format!("{} line 2", doc.doc_no)));
    assert_eq!((e.username.as_str(), e.role.as_str(), e.device_id.as_str()), ("owner", "owner", device.as_str()));
    assert!(e.before.as_deref().unwrap().contains(r#""price":"89""#), "{:?}", e.before);
    assert!(e.after.as_deref().unwrap().contains(r#""price":"60""#), "{:?}", e.after);
    assert_eq!(e.at, Timestamp::from_db(&doc.occurred_at).unwrap().to_db());

    let doc = book
        .post(
            &owner,
            &draft(r#"{"kind":"sale","lines":[{"sku":"RC-100","qty":200}],"override_reason":"stock count pending"}"#),
            now,
        )
        .unwrap();
    let e = audit_rows(&book).pop().unwrap();
    assert_eq!((e.action.as_str(), e.subject.as_str()), ("negative-stock-override", doc.doc_no.as_str()));
    assert_eq!(e.reason.as_deref(), Some("stock count pending"));
    assert_eq!(e.before.as_deref(), Some(r#"{"RC-100":189}"#));
    assert_eq!(e.after.as_deref(), Some(r#"{"RC-100":-11}"#));

    // A refused act leaves no entry: the entry is in the act's own transaction.
    let n = audit_rows(&book).len();
    let refused = book.post(
        &owner,
        &draft(r#"{"kind":"sale","lines":[{"sku":"KT-200","qty":1,"price":"60"}],"payments":[{"method":"card","amount":"1"}]}"#),
        now,
    );
    assert_eq!(refused.unwrap_err().code(), "payment-short");
    assert_eq!(audit_rows(&book).len(), n);

    let report = book.audit_verify(&owner).unwrap();
    assert!(report.ok && report.first_broken.is_none(), "{report:?}");
    assert_eq!(report.entries, n as i64);
    // The trail is append-only.
    for sql in ["UPDATE audit_log SET reason = 'x'", "DELETE FROM audit_log"] {
        let err = book.connection().execute(sql, []).unwrap_err();
        assert!(err.to_string().contains("append-only"), "{err}");
    }
}

/// A book with a few audit entries; the attacker's connection with the triggers dropped.
fn tampered_book(dir: &Path) -> (PathBuf, rusqlite::Connection) {
    let db = dir.join("shop.sqlite3");
    let (mut book, owner) = shop(&db);
    let now = Timestamp::now();
    for p in ["60", "61", "62"] {
        let json = format!(r#"{{"kind":"sale","lines":[{{"sku":"RC-100","qty":1,"price":"{p}"}}]}}"#);
        book.post(&owner, &draft(&json), now).unwrap();
    }
    assert!(book.audit_verify(&owner).unwrap().ok);
    assert_eq!(audit_rows(&book).len(), 6);
    drop(book);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;").unwrap();
    (db, conn)
}

fn verify(db: &Path) -> onebook::VerifyReport {
    let book = Book::open(db).unwrap();
    book.audit_verify(&book.actor(Some("accountant")).unwrap()).unwrap()
}

#[test]
fn a_changed_audit_entry_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let (db, conn) = tampered_book(dir.path());
    conn.execute("UPDATE audit_log SET after = replace(after, '61', '89') WHERE seq = 5", []).unwrap();
    let r = verify(&db);
    let b = r.first_broken.unwrap();
    assert_eq!((r.ok, b.seq, b.reason.as_str()), (false, 5, "changed"));
    // The CLI names it too, and exits 1.
    let out = onebook_cli(&db, &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("broken at entry 5 (changed)"));
}

#[test]
fn a_deleted_audit_entry_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let (db, conn) = tampered_book(dir.path());
    conn.execute("DELETE FROM audit_log WHERE seq = 2", []).unwrap();
    let b = verify(&db).first_broken.unwrap();
    assert_eq!((b.seq, b.expected_seq, b.reason.as_str()), (3, 2, "missing-entry"));
}

#[test]
fn a_deleted_and_renumbered_audit_entry_is_named() {
    // The careful attacker renumbers the rest so no seq is missing.
    let dir = tempfile::tempdir().unwrap();
    let (db, conn) = tampered_book(dir.path());
    conn.execute_batch("DELETE FROM audit_log WHERE seq = 4; UPDATE audit_log SET seq = seq - 1 WHERE seq > 4;")
        .unwrap();
    let b = verify(&db).first_broken.unwrap();
    assert_eq!((b.seq, b.reason.as_str()), (4, "chain-broken"));
}

#[test]
fn reordered_audit_entries_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let (db, conn) = tampered_book(dir.path());
    // Swap entries 4 and 5 (their numbers stay in place).
    conn.execute_batch(
        "UPDATE audit_log SET seq = -4 WHERE seq = 4; UPDATE audit_log SET seq = 4 WHERE seq = 5;
         UPDATE audit_log SET seq = 5 WHERE seq = -4;",
    )
    .unwrap();
    let b = verify(&db).first_broken.unwrap();
    assert_eq!(b.seq, 4);
    assert!(matches!(b.reason.as_str(), "changed" | "chain-broken"), "{b:?}");
}

#[test]
fn a_cut_off_tail_shows_as_an_act_without_its_entry() {
    let dir = tempfile::tempdir().unwrap();
    let (db, conn) = tampered_book(dir.path());
    conn.execute("DELETE FROM audit_log WHERE seq = 6", []).unwrap();
    let r = verify(&db);
    let b = r.first_broken.unwrap();
    assert_eq!((r.ok, b.reason.as_str(), b.expected_seq), (false, "act-without-entry", 6));
    assert!(b.id.starts_with("S-A-"), "{b:?}");
}

#[test]
fn audit_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.sqlite3");
    drop(shop(&db));
    let out = stdout_ok(onebook_cli(&db, &["audit", "verify"]));
    assert!(out.contains("intact: 3 entries"), "{out}");
    let list: serde_json::Value =
        serde_json::from_str(&stdout_ok(onebook_cli(&db, &["--json", "audit", "list"]))).unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(list[0]["action"], "user-add");
    assert_eq!(list[0]["seq"], 1);
    assert_eq!(list[0]["prev_hash"], "0".repeat(64));
    assert_eq!(list[1]["prev_hash"], list[0]["hash"]);
    let text = stdout_ok(onebook_cli(&db, &["--user", "accountant", "audit", "list"]));
    assert!(text.contains("user-add  warehouse"), "{text}");
    let out = onebook_cli(&db, &["--user", "cashier", "audit", "list"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("[permission-denied]"));

    // backup and its status from the command line
    let usb = dir.path().join("usb");
    let out = onebook_cli(&db, &["backup", "--status"]);
    assert_eq!(out.status.code(), Some(1), "no backup yet");
    assert!(String::from_utf8_lossy(&out.stdout).contains("No backup"));
    let report: serde_json::Value =
        serde_json::from_str(&stdout_ok(onebook_cli(&db, &["--json", "backup", "--to", usb.to_str().unwrap()])))
            .unwrap();
    assert_eq!(report["integrity"], "ok");
    let out = stdout_ok(onebook_cli(&db, &["backup", "--status"]));
    assert!(out.contains("Last good backup") && out.contains(report["path"].as_str().unwrap()), "{out}");
    let out = onebook_cli(&db, &["--user", "cashier", "backup"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("[permission-denied]"));
}

// ---------------------------------------------------------------------------------------------
// A full disk

/// A disk that fills at a size made for the test: the till runs under a file-size limit
/// (RLIMIT_FSIZE, `ulimit -f` in the shell that starts it, the signal ignored so the kernel refuses
/// the write instead of killing the process), and every write past it fails as on a full disk. The
/// command line posts sales until one is refused: clearly, with nothing of it written; the ledger
/// holds, and once the limit is lifted the same sale goes through.
#[test]
fn sales_past_a_file_size_limit_are_refused_whole_and_go_on_once_it_is_lifted() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.sqlite3");
    let (mut book, owner) = shop(&db);
    let receipt = r#"{"kind":"receipt","lines":[{"sku":"KT-200","qty":1000,"unit_cost":"20"}]}"#;
    book.post(&owner, &draft(receipt), Timestamp::now()).unwrap();
    drop(book);
    let sale = dir.path().join("sale.json");
    std::fs::write(&sale, r#"{"kind":"sale","lines":[{"sku":"KT-200","qty":1}]}"#).unwrap();
    let blocks = (std::fs::metadata(&db).unwrap().len() + 8_000) / 512;
    let post = |limit: Option<u64>| {
        let ulimit = limit.map(|b| format!("trap '' XFSZ; ulimit -f {b}; ")).unwrap_or_default();
        Command::new("sh")
            .arg("-c")
            .arg(format!("{ulimit}exec \"$0\" \"$@\""))
            .arg(env!("CARGO_BIN_EXE_onebook"))
            .args(["--db", db.to_str().unwrap(), "--json", "post", sale.to_str().unwrap()])
            .env("LANG", "C")
            .env_remove("ONEBOOK_USER")
            .output()
            .unwrap()
    };
    let state = || {
        let b = Book::open(&db).unwrap();
        let docs: i64 = b.connection().query_row("SELECT count(*) FROM documents", [], |r| r.get(0)).unwrap();
        (docs, b.stock("KT-200").unwrap().on_hand)
    };
    let start = state();
    let mut sold = 0;
    let refusal = loop {
        assert!(sold < 500, "the file-size limit never refused a sale");
        let out = post(Some(blocks));
        if !out.status.success() {
            break serde_json::from_slice::<serde_json::Value>(&out.stderr).unwrap();
        }
        sold += 1;
    };
    let code = refusal["error"]["code"].as_str().unwrap();
    assert!(code == "write-refused" || code == "disk-full", "{refusal}");
    let message = refusal["error"]["message"].as_str().unwrap();
    assert!(message.to_lowercase().contains("nothing was written"), "{message}");
    assert!(sold > 0, "sales went through before the limit");
    // Every sale before the refusal is there, whole; the refused one is not.
    assert_eq!(state(), (start.0 + sold, start.1 - sold));
    let b = Book::open(&db).unwrap();
    assert!(b.invariant_violations().unwrap().is_empty());
    let check: String = b.connection().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
    drop(b);
    // The limit lifted (space freed): the same sale goes through.
    assert!(post(None).status.success());
    assert_eq!(state(), (start.0 + sold + 1, start.1 - sold - 1));
}

/// The disk is simulated full with `PRAGMA max_page_count` (no root, no loop-mounted image needed):
/// SQLite then refuses to grow the file exactly as it does on a full filesystem (SQLITE_FULL).
#[test]
fn a_sale_on_a_full_disk_is_refused_whole_and_the_till_goes_on_once_space_is_freed() {
    let dir = tempfile::tempdir().unwrap();
    let (mut book, owner) = shop(&dir.path().join("shop.sqlite3"));
    let pages: i64 = book.connection().query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
    book.connection().execute_batch(&format!("PRAGMA max_page_count = {}", pages + 2)).unwrap();
    let sale = draft(
        r#"{"kind":"sale","lines":[{"sku":"KT-200","qty":1},{"sku":"RC-100","qty":1}],"note":"a fairly long note to fill the pages a little faster, as receipts do"}"#,
    );
    let docs =
        |b: &Book| -> i64 { b.connection().query_row("SELECT count(*) FROM documents", [], |r| r.get(0)).unwrap() };
    let mut refused = None;
    for _ in 0..5000 {
        let before = (docs(&book), book.stock("KT-200").unwrap().on_hand, book.stock("RC-100").unwrap().on_hand);
        match book.post(&owner, &sale, Timestamp::now()) {
            Ok(_) => {}
            Err(e) => {
                let after = (docs(&book), book.stock("KT-200").unwrap().on_hand, book.stock("RC-100").unwrap().on_hand);
                assert_eq!(before, after, "nothing half-written");
                refused = Some(e);
                break;
            }
        }
    }
    let e = refused.expect("the file filled up");
    assert_eq!(e.code(), "disk-full");
    assert!(e.message(Locale::En).contains("disk is full"), "{}", e.message(Locale::En));
    assert!(e.message(Locale::Ar) != e.message(Locale::En));
    assert!(book.invariant_violations().unwrap().is_empty());
    assert!(book.audit_verify(&owner).unwrap().ok);
    // Space freed: the very same sale goes through.
    book.connection().execute_batch("PRAGMA max_page_count = 1073741823").unwrap();
    let doc = book.post(&owner, &sale, Timestamp::now()).unwrap();
    assert_eq!(doc.lines.len(), 2);
    assert!(book.invariant_violations().unwrap().is_empty());
}

// ---------------------------------------------------------------------------------------------
// The permission matrix: every library operation by every role, through the real `Book`.

#[derive(Debug, Clone, Copy)]
enum Op {
    Post(Action, &'static str),
    EditCatalog,
    ManageBuyers,
    ManageUsers,
    ViewReports,
    Backup,
    Restore,
    AuditList,
    AuditVerify,
    CloseMonth,
    CloseDay,
    SyncConflicts,
    Void,
    ConfigureDevices,
    PlaceOrder,
    DeliverOrder,
    Encrypt,
    AddLocation,
}

const OPS: &[Op] = &[
    Op::Post(Action::Sell, r#"{"kind":"sale","lines":[{"sku":"RC-100","qty":1}]}"#),
    Op::Post(Action::RetailReturn, r#"{"kind":"retail_return","ticket":"S-A-000001","lines":[{"line":1,"qty":1}]}"#),
    Op::Post(
        Action::Invoice,
        r#"{"kind":"invoice","buyer":"B001","lines":[{"sku":"RC-100","qty":1,"unit":"carton"}]}"#,
    ),
    Op::Post(
        Action::WholesaleReturn,
        r#"{"kind":"wholesale_return","invoice":"INV-A-000001","lines":[{"line":1,"qty":1}]}"#,
    ),
    Op::Post(Action::ReceiveReturn, r#"{"kind":"receive_return","return":"CN-A-000001"}"#),
    Op::Post(Action::GoodsReceipt, r#"{"kind":"receipt","lines":[{"sku":"RC-100","qty":1,"unit_cost":"50"}]}"#),
    Op::Post(Action::StockCount, r#"{"kind":"count","lines":[{"sku":"RC-100","qty":100}]}"#),
    Op::Post(Action::OverridePrice, r#"{"kind":"sale","lines":[{"sku":"RC-100","qty":1,"price":"1"}]}"#),
    Op::Post(
        Action::OverrideNegativeStock,
        r#"{"kind":"invoice","buyer":"B001","lines":[{"sku":"RC-100","qty":500}],"override_reason":"r"}"#,
    ),
    Op::EditCatalog,
    Op::ManageBuyers,
    Op::ManageUsers,
    Op::ViewReports,
    Op::Backup,
    Op::Restore,
    Op::AuditList,
    Op::AuditVerify,
    Op::CloseMonth,
    Op::CloseDay,
    Op::SyncConflicts,
    Op::Void,
    Op::ConfigureDevices,
    Op::PlaceOrder,
    Op::DeliverOrder,
    Op::Encrypt,
    Op::AddLocation,
    Op::Post(
        Action::Transfer,
        r#"{"kind":"transfer","from":"main","to":"warehouse","lines":[{"sku":"RC-100","qty":1}]}"#,
    ),
];

impl Op {
    fn action(self) -> Action {
        match self {
            Op::Post(a, _) => a,
            Op::EditCatalog => Action::EditCatalog,
            Op::ManageBuyers => Action::ManageBuyers,
            Op::ManageUsers => Action::ManageUsers,
            Op::ViewReports => Action::ViewReports,
            Op::Backup => Action::Backup,
            Op::Restore => Action::Restore,
            Op::AuditList | Op::AuditVerify => Action::ViewAudit,
            Op::CloseMonth => Action::CloseMonth,
            Op::CloseDay => Action::CloseDay,
            Op::SyncConflicts => Action::ManageSync,
            Op::Void => Action::Void,
            Op::ConfigureDevices => Action::ConfigureDevices,
            Op::PlaceOrder => Action::ManageOrders,
            Op::DeliverOrder => Action::DeliverOrder,
            Op::Encrypt => Action::ManageEncryption,
            Op::AddLocation => Action::ManageLocations,
        }
    }

    fn run(self, book: &mut Book, db: &Path, actor: &Actor, backup: &Path) -> onebook::Result<()> {
        let now = Timestamp::now();
        match self {
            Op::Post(_, json) => book.post(actor, &draft(json), now).map(drop),
            Op::EditCatalog => book
                .import_products(actor, CSV.as_bytes(), onebook::ImportOptions { skip_bad: false }, &mut |_| {}, now)
                .map(drop),
            Op::ManageBuyers => {
                let c: onebook::Customer =
                    serde_json::from_value(serde_json::json!({"code": "B002", "name": "X", "payment_terms_days": 0}))
                        .unwrap();
                book.add_customer(actor, &c, now)
            }
            Op::ManageUsers => {
                let u =
                    onebook::NewUser { username: "new".into(), display_name: None, role: Role::Cashier, locale: None };
                book.add_user(actor, &u, now).map(drop)
            }
            Op::ViewReports => book.report_month(actor, &chrono::Utc::now().format("%Y-%m").to_string()).map(drop),
            Op::Backup => book.backup(actor, &db.with_extension("backups"), now).map(drop),
            Op::Restore => Book::restore(db, backup, Some(&actor.username), now).map(drop),
            Op::AuditList => book.audit_list(actor).map(drop),
            Op::AuditVerify => book.audit_verify(actor).map(drop),
            // A month long over (the fixture's documents are all of today).
            Op::CloseMonth => book.close_month(actor, "2020-01", now).map(drop),
            Op::CloseDay => {
                let input = onebook::close::DayCloseInput { counted: "0".into(), ..Default::default() };
                book.close_day(actor, &input, now).map(drop)
            }
            Op::SyncConflicts => book.sync_conflicts(actor).map(drop),
            Op::Void => {
                let text = r#"{"scope":"line","lines":[{"sku":"RC-100","qty":1}],"reason":"scanned twice"}"#;
                book.void(actor, &onebook::voids::VoidDraft::from_json(text).unwrap(), now).map(drop)
            }
            Op::ConfigureDevices => {
                let input =
                    onebook::devices::StationInput { printer: Some("tcp://192.0.2.10".into()), ..Default::default() };
                book.set_station(actor, &input, now).map(drop)
            }
            Op::PlaceOrder => book.place_order(actor, &order_draft(), now).map(drop),
            // The open order of the fixture, all of it.
            Op::DeliverOrder => book.deliver_order(actor, "O-A-000001", &[], &Default::default(), now).map(drop),
            Op::Encrypt => book.encrypt(actor, "a passphrase for the matrix", now).map(drop),
            Op::AddLocation => book.add_location(actor, "backroom", "Back room").map(drop),
        }
    }
}

/// One kettle for B001 (a product that may go negative: the order leaves the other cases' stock alone).
fn order_draft() -> onebook::open_orders::OrderDraft {
    onebook::open_orders::OrderDraft::from_json(r#"{"buyer":"B001","lines":[{"sku":"KT-200","qty":1}]}"#).unwrap()
}

#[test]
fn every_operation_by_every_role_is_allowed_or_refused_as_the_table_says() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = dir.path().join("fixture.sqlite3");
    {
        let (mut book, owner) = shop(&fixture);
        // A credit note waiting to be received, for receive_return.
        let cn = r#"{"kind":"wholesale_return","invoice":"INV-A-000001","lines":[{"line":1,"qty":1,"unit":"piece"}]}"#;
        book.post(&owner, &draft(cn), Timestamp::now()).unwrap();
        // An open order, for its delivery.
        book.place_order(&owner, &order_draft(), Timestamp::now()).unwrap();
        // A second location, for a transfer.
        book.add_location(&owner, "warehouse", "Warehouse").unwrap();
    }
    let backup = dir.path().join("backup.sqlite3");
    {
        let (mut book, owner) = (Book::open(&fixture).unwrap(), Book::open(&fixture).unwrap().actor(None).unwrap());
        let r = book.backup(&owner, &dir.path().join("b"), Timestamp::now()).unwrap();
        std::fs::copy(r.path, &backup).unwrap();
    }
    let roles = [
        ("owner", Role::Owner),
        ("cashier", Role::Cashier),
        ("accountant", Role::Accountant),
        ("warehouse", Role::Warehouse),
    ];
    let mut checked = 0;
    for (i, op) in OPS.iter().enumerate() {
        for (username, role) in roles {
            let db = dir.path().join(format!("case-{i}-{username}.sqlite3"));
            std::fs::copy(&fixture, &db).unwrap();
            let mut book = Book::open(&db).unwrap();
            let actor = book.actor(Some(username)).unwrap();
            assert_eq!(actor.role, role);
            let outcome = op.run(&mut book, &db, &actor, &backup);
            let expected = allowed(role, op.action());
            match (&outcome, expected) {
                (Ok(()), true) => {}
                (Err(Error::PermissionDenied { action, .. }), false) => {
                    // The act itself, or the document it rides on (a price override on a sale
                    // by someone who may not sell at all).
                    let named = onebook::people::ALL_ACTIONS.iter().find(|a| a.as_str() == action).unwrap();
                    assert!(*named == op.action() || !allowed(role, *named), "{op:?} by {username}: {action}");
                }
                _ => panic!(
                    "{op:?} by {username}: expected {}, got {outcome:?}",
                    if expected { "ok" } else { "refused" }
                ),
            }
            checked += 1;
        }
    }
    assert_eq!(checked, OPS.len() * 4);
    // Every action of the table is exercised by some operation (the buyers issue's actions join
    // the matrix once their operations have settled).
    const PENDING: &[&str] = &["manage-prices", "override-credit", "record-payment"];
    for a in onebook::people::ALL_ACTIONS {
        assert!(
            OPS.iter().any(|o| o.action() == a) || PENDING.contains(&a.as_str()),
            "{a:?} has no operation in the matrix"
        );
    }
}
