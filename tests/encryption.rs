//! Encryption at rest (issue 8): the demo shop encrypted through the real `onebook` binary, its
//! file and its backups unreadable without the passphrase, the clear refusals (no passphrase,
//! wrong passphrase), work going on with the right one, a passphrase change, the way back to a
//! plain file, and the restore of an encrypted backup.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod common;
use common::{json, ok};

use onebook::{Book, Locale, Role, Timestamp};

const PASS: &str = "correct horse battery staple";
const NEW_PASS: &str = "a new passphrase, 2026";

/// Run `onebook --db DB ARGS…` with the passphrase in ONEBOOK_PASSPHRASE (none: unset), and
/// optionally `stdin` fed to it.
fn run(db: &Path, passphrase: Option<&str>, args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_onebook"));
    cmd.arg("--db").arg(db).args(args);
    cmd.env_remove("ONEBOOK_USER").env_remove("ONEBOOK_LANG").env_remove("ONEBOOK_PASSPHRASE").env("LANG", "C");
    if let Some(p) = passphrase {
        cmd.env("ONEBOOK_PASSPHRASE", p);
    }
    cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("onebook runs");
    if let Some(text) = stdin {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The bytes on disk of a book: the file and its write-ahead log, if any.
fn raw(path: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(path).unwrap();
    if let Ok(wal) = std::fs::read(format!("{}-wal", path.display())) {
        bytes.extend(wal);
    }
    bytes
}

/// Whether the bytes hold this text (std's substring search: the test build is not optimized).
fn contains(hay: &[u8], needle: &str) -> bool {
    String::from_utf8_lossy(hay).contains(needle)
}

/// Which of these texts the bytes hold.
fn found<'a>(hay: &[u8], needles: &'a [String]) -> Vec<&'a String> {
    let text = String::from_utf8_lossy(hay);
    needles.iter().filter(|s| text.contains(s.as_str())).collect()
}

/// Product names and SKUs read from a plain book with plain SQLite (not through Onebook).
fn names_and_skus(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut st = conn.prepare("SELECT sku, name FROM products ORDER BY sku").unwrap();
    let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))).unwrap();
    rows.flat_map(|r| {
        let (sku, name) = r.unwrap();
        [sku, name]
    })
    .collect()
}

/// A demo shop, set up through the CLI, with the names its plain file shows to anyone.
fn demo(dir: &Path) -> (PathBuf, Vec<String>) {
    let db = dir.join("shop.sqlite3");
    ok(run(&db, None, &["demo"], None));
    // Fold the write-ahead log in, so the plain file itself holds everything.
    rusqlite::Connection::open(&db).unwrap().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    let plain = raw(&db);
    let all = names_and_skus(&db);
    let visible: Vec<String> = found(&plain, &all).into_iter().cloned().collect();
    assert!(visible.len() > 100, "a plain book shows its products to anyone: {}", visible.len());
    (db, visible)
}

fn on_hand(db: &Path, passphrase: Option<&str>, sku: &str) -> i64 {
    json(run(db, passphrase, &["--json", "stock", sku], None))["on_hand"].as_i64().unwrap()
}

fn encrypt(db: &Path, dir: &Path, passphrase: &str) -> serde_json::Value {
    let file = dir.join("new-passphrase.txt");
    std::fs::write(&file, format!("{passphrase}\n")).unwrap();
    let out = run(db, None, &["--json", "encrypt", "--new-passphrase-file", file.to_str().unwrap()], None);
    std::fs::remove_file(&file).unwrap();
    json(out)
}

/// Read an encrypted file with SQLCipher directly: the key, then the full integrity check.
fn open_with_key(path: &Path, key: &str) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.pragma_update(None, "key", key).unwrap();
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
    conn
}

fn sale(skus: &[&str]) -> String {
    let lines: Vec<String> = skus.iter().map(|s| format!(r#"{{"sku":"{s}","qty":1}}"#)).collect();
    format!(r#"{{"kind":"sale","lines":[{}]}}"#, lines.join(","))
}

#[test]
fn an_encrypted_demo_shop_shows_nothing_and_opens_only_with_its_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let (db, visible) = demo(dir.path());
    let skus: Vec<String> = visible.iter().filter(|s| s.contains('-') && !s.contains(' ')).take(3).cloned().collect();
    assert_eq!(skus.len(), 3, "{visible:?}");
    let before: Vec<i64> = skus.iter().map(|s| on_hand(&db, None, s)).collect();

    let report = encrypt(&db, dir.path(), PASS);
    assert_eq!(report["encrypted"], true);
    assert_eq!(report["ledger_ok"], true);
    assert!(Book::is_encrypted(&db).unwrap());
    // Not one product name or SKU the plain file showed is in the bytes on disk now.
    let bytes = raw(&db);
    let leaked = found(&bytes, &visible);
    assert!(leaked.is_empty(), "readable in the encrypted file: {leaked:?}");
    assert!(!contains(&bytes, "SQLite format 3"));
    // No plain copy left beside it.
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert_eq!(names.iter().filter(|n| n.starts_with("shop.sqlite3")).count(), 1, "{names:?}");
    // Plain SQLite cannot read it at all.
    let plain = rusqlite::Connection::open(&db).unwrap();
    assert!(plain.query_row("SELECT count(*) FROM products", [], |r| r.get::<_, i64>(0)).is_err());
    drop(plain);

    // No passphrase: exit 1, a clear message and its code, in text and in JSON.
    let out = run(&db, None, &["stock", &skus[0]], None);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("[book-encrypted]") && err.contains("is encrypted: give its passphrase"), "{err}");
    assert!(err.contains("ONEBOOK_PASSPHRASE"), "the way to give it is named: {err}");
    let out = run(&db, None, &["--json", "stock", &skus[0]], None);
    assert_eq!(out.status.code(), Some(1));
    let e: serde_json::Value = serde_json::from_str(stderr(&out).trim()).unwrap();
    assert_eq!(e["error"]["code"], "book-encrypted");
    // A wrong passphrase: refused, nothing else printed (no SQLCipher log lines).
    let out = run(&db, Some("not the passphrase"), &["stock", &skus[0]], None);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("Error [wrong-passphrase]"), "{err}");
    assert!(!err.contains("hmac"), "{err}");

    // The right passphrase: a 3-line sale posts and the stock moves by exactly its lines.
    let refs: Vec<&str> = skus.iter().map(String::as_str).collect();
    ok(run(&db, Some(PASS), &["post", "-"], Some(&sale(&refs))));
    for (sku, b) in skus.iter().zip(&before) {
        assert_eq!(on_hand(&db, Some(PASS), sku), b - 1, "{sku}");
    }
    // The passphrase from a file, and from standard input.
    let file = dir.path().join("pass.txt");
    std::fs::write(&file, format!("{PASS}\n")).unwrap();
    ok(run(&db, None, &["--passphrase-file", file.to_str().unwrap(), "check"], None));
    ok(run(&db, None, &["--passphrase-file", "-", "check"], Some(&format!("{PASS}\n"))));

    // Its backup is encrypted under the same key, and checked with it.
    let backups = dir.path().join("usb");
    let b = json(run(&db, Some(PASS), &["--json", "backup", "--to", backups.to_str().unwrap()], None));
    assert_eq!((b["integrity"].as_str(), b["ledger_ok"].as_bool()), (Some("ok"), Some(true)));
    let backup = PathBuf::from(b["path"].as_str().unwrap());
    let bytes = std::fs::read(&backup).unwrap();
    let leaked = found(&bytes, &visible);
    assert!(leaked.is_empty(), "readable in the backup: {leaked:?}");
    assert!(Book::is_encrypted(&backup).unwrap());
    let conn = open_with_key(&backup, PASS);
    let sold: i64 = conn.query_row("SELECT count(*) FROM documents WHERE kind = 'sale'", [], |r| r.get(0)).unwrap();
    assert!(sold > 0);
    assert!(onebook::stock::invariant_violations(&conn).unwrap().is_empty());

    // The act is in the audit trail (who, when), the chain intact, the passphrase nowhere in it.
    let audit = ok(run(&db, Some(PASS), &["--json", "audit", "list"], None));
    assert!(audit.contains("encryption-on"), "{audit}");
    assert!(!audit.contains(PASS));
    ok(run(&db, Some(PASS), &["audit", "verify"], None));
}

#[test]
fn the_passphrase_changes_and_the_book_goes_back_to_plain() {
    let dir = tempfile::tempdir().unwrap();
    let (db, visible) = demo(dir.path());
    let sku = visible.iter().find(|s| s.contains('-') && !s.contains(' ')).unwrap().clone();
    let stock = on_hand(&db, None, &sku);
    encrypt(&db, dir.path(), PASS);

    // Current passphrase and new one on two lines of standard input.
    let out = run(&db, None, &["--passphrase-file", "-", "passphrase"], Some(&format!("{PASS}\n{NEW_PASS}\n")));
    assert!(ok(out).contains("is changed"));
    let out = run(&db, Some(PASS), &["stock", &sku], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("[wrong-passphrase]"));
    assert_eq!(on_hand(&db, Some(NEW_PASS), &sku), stock);
    let leaked = found(&raw(&db), &visible);
    assert!(leaked.is_empty(), "{leaked:?}");

    // A short new passphrase is refused, naming the field; the book keeps its passphrase.
    let out = run(&db, Some(NEW_PASS), &["--json", "passphrase"], Some("short\n"));
    assert_eq!(out.status.code(), Some(1));
    let e: serde_json::Value = serde_json::from_str(stderr(&out).trim()).unwrap();
    assert_eq!(
        (e["error"]["code"].as_str(), e["error"]["field"].as_str()),
        (Some("invalid-input"), Some("passphrase"))
    );
    assert_eq!(on_hand(&db, Some(NEW_PASS), &sku), stock);

    let report = json(run(&db, Some(NEW_PASS), &["--json", "decrypt"], None));
    assert_eq!(report["encrypted"], false);
    assert!(!Book::is_encrypted(&db).unwrap());
    // Plain again: readable by plain SQLite, no passphrase needed, nothing lost.
    assert_eq!(std::fs::read(&db).unwrap()[..16], *b"SQLite format 3\0");
    let mut names = names_and_skus(&db);
    names.retain(|s| visible.contains(s));
    assert_eq!(names.len(), visible.len());
    assert_eq!(on_hand(&db, None, &sku), stock);
    let audit = ok(run(&db, None, &["--json", "audit", "list"], None));
    for act in ["encryption-on", "passphrase-change", "encryption-off"] {
        assert!(audit.contains(act), "{act}");
    }
    ok(run(&db, None, &["audit", "verify"], None));
    // Decrypting a plain book is refused with its own code.
    let out = run(&db, None, &["decrypt"], None);
    assert!(stderr(&out).contains("[not-encrypted]"), "{}", stderr(&out));
    let out = run(&db, None, &["passphrase"], None);
    assert!(stderr(&out).contains("[not-encrypted]"), "{}", stderr(&out));
}

#[test]
fn an_encrypted_backup_is_restored_only_with_its_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let (db, visible) = demo(dir.path());
    let sku = visible.iter().find(|s| s.contains('-') && !s.contains(' ')).unwrap().clone();
    encrypt(&db, dir.path(), PASS);
    let at_backup = on_hand(&db, Some(PASS), &sku);
    let backups = dir.path().join("usb");
    let b = json(run(&db, Some(PASS), &["--json", "backup", "--to", backups.to_str().unwrap()], None));
    let backup = b["path"].as_str().unwrap().to_string();
    ok(run(&db, Some(PASS), &["post", "-"], Some(&sale(&[&sku]))));
    assert_eq!(on_hand(&db, Some(PASS), &sku), at_backup - 1);

    // Without the passphrase: refused before anything is touched.
    let out = run(&db, None, &["restore", &backup], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("[book-encrypted]"), "{}", stderr(&out));
    let out = run(&db, Some("not the passphrase"), &["restore", &backup], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("[wrong-passphrase]"), "{}", stderr(&out));
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert!(!names.iter().any(|n| n.contains("before-restore") || n.contains("restoring")), "{names:?}");
    assert_eq!(on_hand(&db, Some(PASS), &sku), at_backup - 1);

    // With it: the book is the backup again, still encrypted, the restore in its audit trail.
    let r = json(run(&db, Some(PASS), &["--json", "restore", &backup], None));
    assert!(r["kept_aside"].is_string());
    assert!(Book::is_encrypted(&db).unwrap());
    assert_eq!(on_hand(&db, Some(PASS), &sku), at_backup);
    let leaked = found(&raw(&db), &visible);
    assert!(leaked.is_empty(), "{leaked:?}");
    assert!(ok(run(&db, Some(PASS), &["--json", "audit", "list"], None)).contains("backup-restore"));
}

#[test]
fn the_library_refuses_what_does_not_fit_and_keeps_a_running_till_working() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("till.sqlite3");
    let mut book = Book::open(&db).unwrap();
    let now = Timestamp::now();
    let owner = book.init(&onebook::ShopSetup::new("Stall 7", "AED", 5.into(), "Asia/Dubai"), now).unwrap();
    let csv = "sku,name,base_unit,vat_rate,retail_prices\nTEA-1,Karak tea box,piece,5,piece=12.00\n";
    book.import_products(&owner, csv.as_bytes(), onebook::ImportOptions { skip_bad: false }, &mut |_| {}, now).unwrap();
    book.post(
        &owner,
        &onebook::DocumentDraft::from_json(r#"{"kind":"receipt","lines":[{"sku":"TEA-1","qty":40,"unit_cost":"7"}]}"#)
            .unwrap(),
        now,
    )
    .unwrap();
    let cashier = onebook::NewUser { username: "sara".into(), display_name: None, role: Role::Cashier, locale: None };
    let cashier = book.add_user(&owner, &cashier, now).unwrap();
    assert!(!book.encrypted());

    // Only the owner; a passphrase long enough; not twice; no decrypting a plain book.
    assert_eq!(book.encrypt(&cashier, PASS, now).unwrap_err().code(), "permission-denied");
    let short = book.encrypt(&owner, "1234567", now).unwrap_err();
    assert_eq!((short.code(), short.field()), ("invalid-input", Some("passphrase")));
    assert_eq!(book.decrypt(&owner, now).unwrap_err().code(), "not-encrypted");
    assert_eq!(book.change_passphrase(&owner, NEW_PASS, now).unwrap_err().code(), "not-encrypted");

    // A till with its background checkpoints encrypts in place and goes on selling.
    book.checkpoint_in_background().unwrap();
    let report = book.encrypt(&owner, PASS, now).unwrap();
    assert!(report.encrypted && report.ledger_ok && book.encrypted());
    assert_eq!(book.encrypt(&owner, NEW_PASS, now).unwrap_err().code(), "already-encrypted");
    assert_eq!(book.change_passphrase(&owner, PASS, now).unwrap_err().field(), Some("passphrase"));
    let sale = onebook::DocumentDraft::from_json(r#"{"kind":"sale","lines":[{"sku":"TEA-1","qty":3}]}"#).unwrap();
    book.post(&cashier, &sale, now).unwrap();
    assert_eq!(book.stock("TEA-1").unwrap().on_hand, 37);
    drop(book);

    // Opening: no passphrase, a wrong one, the right one; messages in every language.
    let none = Book::open(&db).err().unwrap();
    assert_eq!(none.code(), "book-encrypted");
    let wrong = Book::open_with_passphrase(&db, Some("karak chai please")).err().unwrap();
    assert_eq!(wrong.code(), "wrong-passphrase");
    for locale in [Locale::ZhCn, Locale::ZhTw, Locale::Es, Locale::Pt, Locale::Ar, Locale::Th] {
        for e in [&none, &wrong] {
            let (text, en) = (e.message(locale), e.message(Locale::En));
            assert!(text != en && text.contains(db.to_str().unwrap()), "{locale:?}: {text}");
        }
    }
    let book = Book::open_with_passphrase(&db, Some(PASS)).unwrap();
    assert!(book.encrypted());
    assert_eq!(book.stock("TEA-1").unwrap().on_hand, 37);
    assert!(book.invariant_violations().unwrap().is_empty());
    drop(book);
    // A passphrase given for a plain book is not used: it opens as before.
    let plain = dir.path().join("plain.sqlite3");
    Book::open(&plain).unwrap().init(&onebook::ShopSetup::new("Stall 8", "AED", 5.into(), "Asia/Dubai"), now).unwrap();
    let book = Book::open_with_passphrase(&plain, Some(PASS)).unwrap();
    assert!(!book.encrypted() && !Book::is_encrypted(&plain).unwrap());
    assert!(!Book::is_encrypted(dir.path().join("missing.sqlite3")).unwrap());
}
