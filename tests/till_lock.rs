//! The desktop app's safekeeping, in the library: who the sign-in screen lists, who may unlock a
//! till left locked, the till's inactivity lock setting, the audit browser's filters, and the demo
//! shop's documented PINs.

mod common;

use onebook::audit::AuditFilter;
use onebook::{Book, Error, NewUser, Role, ShopSetup, Timestamp};
use rust_decimal::Decimal;

fn shop(dir: &tempfile::TempDir) -> (Book, onebook::Actor, Timestamp) {
    let mut book = Book::open(dir.path().join("shop.sqlite3")).unwrap();
    // 10:00 in Dubai on 3 November 2026.
    let t0 = Timestamp::parse("2026-11-03T10:00:00", chrono_tz::Asia::Dubai, "t0").unwrap();
    let owner = book.init(&ShopSetup::new("Dragon Mart 101", "AED", Decimal::from(5), "Asia/Dubai"), t0).unwrap();
    for (name, role) in [("mei", Role::Cashier), ("ali", Role::Cashier), ("lucia", Role::Accountant)] {
        book.add_user(&owner, &NewUser { username: name.into(), display_name: None, role, locale: None }, t0).unwrap();
    }
    book.set_pin(&owner, "owner", "9753", t0).unwrap();
    book.set_pin(&owner, "mei", "2468", t0).unwrap();
    book.set_pin(&owner, "ali", "1357", t0).unwrap();
    (book, owner, t0)
}

#[test]
fn the_sign_in_screen_lists_staff_and_only_the_same_person_or_an_owner_unlocks() {
    let dir = tempfile::tempdir().unwrap();
    let (mut book, _owner, t0) = shop(&dir);
    let users = book.sign_in_users().unwrap();
    let listed: Vec<(&str, Role, bool)> = users.iter().map(|u| (u.username.as_str(), u.role, u.has_pin)).collect();
    // Owners first, then by name; lucia has no PIN yet and is listed as such.
    assert_eq!(
        listed,
        [
            ("owner", Role::Owner, true),
            ("ali", Role::Cashier, true),
            ("lucia", Role::Accountant, false),
            ("mei", Role::Cashier, true)
        ]
    );
    assert!(matches!(book.sign_in("lucia", "1111", t0), Err(Error::NoPin { .. })));

    let mei = book.sign_in("mei", "2468", t0).unwrap();
    // Another cashier's right PIN does not open mei's locked till; mei's own and the owner's do.
    let refused = book.unlock(&mei, "ali", "1357", t0).unwrap_err();
    assert!(
        matches!(&refused, Error::UnlockRefused { username, locked_by } if username == "ali" && locked_by == "mei")
    );
    assert!(refused.message(onebook::Locale::Es).contains("mei"));
    assert!(matches!(book.unlock(&mei, "mei", "0000", t0), Err(Error::WrongPin { .. })));
    assert_eq!(book.unlock(&mei, "mei", "2468", t0).unwrap().username, "mei");
    assert_eq!(book.unlock(&mei, "owner", "9753", t0).unwrap().role, Role::Owner);
}

#[test]
fn the_inactivity_lock_is_the_tills_setting_changed_by_the_owner_and_audited() {
    let dir = tempfile::tempdir().unwrap();
    let (mut book, owner, t0) = shop(&dir);
    assert_eq!(book.lock_after_minutes().unwrap(), onebook::signin::DEFAULT_LOCK_AFTER_MINUTES);
    let mei = book.sign_in("mei", "2468", t0).unwrap();
    assert!(matches!(book.set_lock_after_minutes(&mei, 60, t0), Err(Error::PermissionDenied { .. })));
    let bad = book.set_lock_after_minutes(&owner, 241, t0).unwrap_err();
    assert_eq!(bad.field(), Some("minutes"));
    assert_eq!(book.lock_after_minutes().unwrap(), 5, "refused changes leave the setting");
    book.set_lock_after_minutes(&owner, 2, t0).unwrap();
    assert_eq!(book.lock_after_minutes().unwrap(), 2);
    let entries = book.audit_search(&owner, &AuditFilter { action: Some("lock-setting".into()), ..Default::default() });
    let entries = entries.unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].before.as_deref(), Some(r#"{"lock_after_minutes":5}"#));
    assert_eq!(entries[0].after.as_deref(), Some(r#"{"lock_after_minutes":2}"#));
    assert!(book.audit_verify(&owner).unwrap().ok);
    // Reopened, the setting is still there (it is stored in the book).
    drop(book);
    let book = Book::open(dir.path().join("shop.sqlite3")).unwrap();
    assert_eq!(book.lock_after_minutes().unwrap(), 2);
}

#[test]
fn the_audit_browser_filters_by_act_person_and_local_day_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let (mut book, owner, t0) = shop(&dir);
    let mei = book.sign_in("mei", "2468", t0).unwrap();
    // Day one: the owner approves a price override for mei. Day three (local): again, and ali
    // locks himself out with five wrong PINs.
    book.approve(&mei, "owner", "9753", onebook::Action::OverridePrice, t0).unwrap();
    let day3 = t0.add_days(2);
    book.approve(&mei, "owner", "9753", onebook::Action::OverridePrice, day3).unwrap();
    for _ in 0..5 {
        let _ = book.sign_in("ali", "0000", day3);
    }
    let all = book.audit_search(&owner, &AuditFilter::default()).unwrap();
    let seqs: Vec<i64> = all.iter().map(|e| e.seq).collect();
    let mut sorted = seqs.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(seqs, sorted, "newest first");
    assert_eq!(all.len(), book.audit_list(&owner).unwrap().len());

    let approvals =
        book.audit_search(&owner, &AuditFilter { action: Some("approval".into()), ..Default::default() }).unwrap();
    assert_eq!(approvals.len(), 2);
    assert!(approvals.iter().all(|e| e.username == "owner" && e.before.as_deref() == Some(r#"{"asked_by":"mei"}"#)));
    // The third local day only (Asia/Dubai): the later approval and ali's lock.
    let day = |from: &str, to: &str| AuditFilter { from: Some(from.into()), to: Some(to.into()), ..Default::default() };
    let on_day3 = book.audit_search(&owner, &day("2026-11-05", "2026-11-05")).unwrap();
    let acts: Vec<&str> = on_day3.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(acts, ["sign-in-locked", "approval"]);
    let ali = book.audit_search(&owner, &AuditFilter { username: Some("ali".into()), ..Default::default() }).unwrap();
    assert_eq!(ali.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(), ["sign-in-locked"]);
    assert!(book.audit_search(&owner, &day("2026-11-06", "2026-11-30")).unwrap().is_empty());
    // A bad date names its field; a cashier may not browse at all.
    let bad = book.audit_search(&owner, &day("3/11/2026", "")).unwrap_err();
    assert_eq!(bad.field(), Some("from"));
    assert!(matches!(book.audit_search(&mei, &AuditFilter::default()), Err(Error::PermissionDenied { .. })));
}

#[test]
fn the_demo_shop_has_its_documented_pins_until_each_person_sets_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Book::open(dir.path().join("demo.sqlite3")).unwrap();
    onebook::demo::seed(&mut book, Timestamp::now()).unwrap();
    let shown = book.demo_pins().unwrap();
    assert_eq!(shown.len(), onebook::demo::DEMO_PINS.len());
    for (user, pin) in &shown {
        assert_eq!(&book.sign_in(user, pin, Timestamp::now()).unwrap().username, user);
    }
    assert!(book.sign_in_users().unwrap().iter().all(|u| u.has_pin));
    // The cashier picks a PIN of their own: the screen no longer shows the demo's for them.
    let cashier = book.actor(Some("cashier")).unwrap();
    book.set_pin(&cashier, "cashier", "8642", Timestamp::now()).unwrap();
    let shown: Vec<String> = book.demo_pins().unwrap().into_iter().map(|(u, _)| u).collect();
    assert!(!shown.contains(&"cashier".to_string()));
    assert_eq!(shown.len(), onebook::demo::DEMO_PINS.len() - 1);
}

#[test]
fn the_cli_shows_and_sets_the_lock_time_for_the_owner_only() {
    let dir = tempfile::tempdir().unwrap();
    let (book, _owner, _t0) = shop(&dir);
    drop(book);
    let db = dir.path().join("shop.sqlite3");
    let shown = common::json(common::onebook(&db, &["--json", "user", "lock-after"]));
    assert_eq!(shown["lock_after_minutes"], 5);
    let set = common::json(common::onebook(&db, &["--json", "user", "lock-after", "15"]));
    assert_eq!(set["lock_after_minutes"], 15);
    let refused = common::onebook(&db, &["--user", "mei", "user", "lock-after", "0"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("permission-denied"));
    assert_eq!(Book::open(&db).unwrap().lock_after_minutes().unwrap(), 15, "the refusal changed nothing");
}
