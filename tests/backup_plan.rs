//! Automatic backups: a plan (folder, interval) taken at each daily close and whenever due, never
//! when not; the status the app shows says when the last good backup is old or its folder gone.

mod common;

use onebook::close::DayCloseInput;
use onebook::{Book, ShopSetup, Timestamp};
use rust_decimal::Decimal;

#[test]
fn the_plan_backs_up_at_the_close_and_when_due_and_warns_when_stale_or_unplugged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.sqlite3");
    let usb = dir.path().join("usb");
    let mut book = Book::open(&db).unwrap();
    let t0 = Timestamp::now();
    let owner = book.init(&ShopSetup::new("Dragon Mart 101", "AED", Decimal::from(5), "Asia/Dubai"), t0).unwrap();

    // Without a plan nothing is taken, and the status says no backup is stale.
    assert!(book.backup_if_due(t0).unwrap().is_none());
    let s = book.backup_status(t0).unwrap();
    assert!(s.stale && s.last.is_none() && !s.folder_missing);
    assert!(book.set_backup_plan(&owner, &usb, 12, t0).is_err(), "the folder must exist");
    std::fs::create_dir(&usb).unwrap();
    assert_eq!(book.set_backup_plan(&owner, &usb, 0, t0).unwrap_err().field(), Some("every_hours"));
    book.set_backup_plan(&owner, &usb, 12, t0).unwrap();

    // The daily close takes one.
    let z = book.close_day(&owner, &DayCloseInput { counted: "0".into(), ..Default::default() }, t0).unwrap();
    let taken = z.backup.expect("a backup at the close");
    assert!(std::path::Path::new(&taken).starts_with(&usb) && std::path::Path::new(&taken).exists());
    // Not due again within the interval; due after it.
    assert!(book.backup_if_due(t0.add_minutes(11 * 60)).unwrap().is_none());
    let later = book.backup_if_due(t0.add_minutes(12 * 60 + 1)).unwrap().expect("due after 12 hours");
    assert_eq!(later.integrity, "ok");
    assert!(later.ledger_ok);
    let s = book.backup_status(t0.add_minutes(12 * 60 + 2)).unwrap();
    assert!(!s.stale && !s.folder_missing);
    assert_eq!(s.age_hours, Some(0));
    // Two intervals without a backup is stale; the stick pulled out is said.
    assert!(book.backup_status(t0.add_minutes(36 * 60 + 2)).unwrap().stale);
    std::fs::rename(&usb, dir.path().join("elsewhere")).unwrap();
    let s = book.backup_status(t0.add_minutes(12 * 60 + 3)).unwrap();
    assert!(s.folder_missing);
    assert!(!s.last.as_ref().unwrap().file_present);
    // A close with the folder gone still closes, and says why there is no backup.
    let z = book
        .close_day(&owner, &DayCloseInput { counted: "0".into(), ..Default::default() }, t0.add_minutes(13 * 60))
        .unwrap();
    assert!(z.backup.is_none() && z.backup_error.is_some(), "{z:?}");

    // The CLI sets the plan and takes a due backup.
    drop(book);
    std::fs::rename(dir.path().join("elsewhere"), &usb).unwrap();
    let plan = common::json(common::onebook(&db, &["backup", "--plan", usb.to_str().unwrap(), "--every", "1"]));
    assert_eq!(plan["every_hours"], 1);
    let due = common::json(common::onebook(&db, &["backup", "--due"]));
    assert!(due["taken"].is_null() || due["taken"]["integrity"] == "ok");
    // "Back up now" without a folder goes where the plan says, not beside the book.
    let now = common::json(common::onebook(&db, &["--json", "backup"]));
    assert!(std::path::Path::new(now["path"].as_str().unwrap()).starts_with(&usb), "{now}");
    assert!(!onebook::backup::default_dir(&db).exists());
}

#[test]
fn the_tills_background_work_takes_the_due_backup_on_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.sqlite3");
    let folder = dir.path().join("backups");
    std::fs::create_dir(&folder).unwrap();
    let mut book = Book::open(&db).unwrap();
    let t0 = Timestamp::now();
    let owner = book.init(&ShopSetup::new("Dragon Mart 101", "AED", Decimal::from(5), "Asia/Dubai"), t0).unwrap();
    book.set_backup_plan(&owner, &folder, 24, t0).unwrap();
    let errors = std::sync::Arc::new(std::sync::Mutex::new(vec![]));
    let seen = errors.clone();
    onebook::background::start(&db, move |what, e| seen.lock().unwrap().push(format!("{what}: {e}"))).unwrap();
    let start = std::time::Instant::now();
    while book.last_backup().unwrap().is_none() {
        assert!(start.elapsed() < std::time::Duration::from_secs(30), "no backup taken: {:?}", errors.lock().unwrap());
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let last = book.last_backup().unwrap().unwrap();
    assert!(std::path::Path::new(&last.path).starts_with(&folder) && last.file_present);
    assert!(errors.lock().unwrap().is_empty());
}
