//! Staff sign-in: PINs kept only as argon2id hashes, five wrong PINs lock a user for five minutes
//! (and the audit trail says so), a cashier's act beyond their role needs the owner's PIN at that
//! moment, and the CLI reads PINs from standard input, never from its arguments.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use onebook::{Action, Book, Error, NewUser, Role, ShopSetup, Timestamp};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

#[test]
fn pins_are_hashed_wrong_ones_lock_and_the_owner_approves_by_pin() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.sqlite3");
    let mut book = Book::open(&db).unwrap();
    let t0 = Timestamp::now();
    let owner = book.init(&ShopSetup::new("Dragon Mart 101", "AED", d("5"), "Asia/Dubai"), t0).unwrap();
    let mei = book
        .add_user(
            &owner,
            &NewUser { username: "mei".into(), display_name: None, role: Role::Cashier, locale: None },
            t0,
        )
        .unwrap();

    assert!(matches!(book.sign_in("mei", "1234", t0), Err(Error::NoPin { .. })));
    // A cashier may set their own PIN but not the owner's; bad PINs are refused by field.
    book.set_pin(&mei, "mei", "2468", t0).unwrap();
    assert!(matches!(book.set_pin(&mei, "owner", "1111", t0), Err(Error::PermissionDenied { .. })));
    for bad in ["12", "12345678901234", "short"] {
        assert_eq!(book.set_pin(&owner, "owner", bad, t0).unwrap_err().field(), Some("pin"));
    }
    book.set_pin(&owner, "owner", "9753", t0).unwrap();
    let stored: String =
        book.connection().query_row("SELECT pin_hash FROM users WHERE username = 'mei'", [], |r| r.get(0)).unwrap();
    assert!(stored.starts_with("$argon2id$"), "{stored}");
    assert!(!stored.contains("2468"));

    assert_eq!(book.sign_in("mei", "2468", t0).unwrap().role, Role::Cashier);
    // Four wrong PINs count down; the fifth locks; the right PIN is then refused until the lock ends.
    for left in (1..=4).rev() {
        match book.sign_in("mei", "0000", t0) {
            Err(Error::WrongPin { attempts_left, .. }) => assert_eq!(attempts_left, left),
            other => panic!("{other:?}"),
        }
    }
    let locked = book.sign_in("mei", "0000", t0).unwrap_err();
    assert!(matches!(locked, Error::SignInLocked { .. }), "{locked:?}");
    assert!(locked.message(onebook::Locale::ZhCn).contains("锁定"));
    assert!(matches!(book.sign_in("mei", "2468", t0.add_minutes(4)), Err(Error::SignInLocked { .. })));
    assert_eq!(book.sign_in("mei", "2468", t0.add_minutes(6)).unwrap().username, "mei");
    // A right PIN resets the count: four more wrong ones do not lock.
    for _ in 0..4 {
        assert!(matches!(book.sign_in("mei", "0000", t0.add_minutes(7)), Err(Error::WrongPin { .. })));
    }
    book.sign_in("mei", "2468", t0.add_minutes(7)).unwrap();

    // Mei may not override a price; the owner's PIN at that moment approves it, as the owner.
    assert!(mei.require(Action::OverridePrice).is_err());
    assert!(matches!(
        book.approve(&mei, "owner", "1111", Action::OverridePrice, t0.add_minutes(8)),
        Err(Error::WrongPin { .. })
    ));
    assert!(matches!(
        book.approve(&mei, "mei", "2468", Action::OverridePrice, t0.add_minutes(8)),
        Err(Error::PermissionDenied { .. })
    ));
    let approver = book.approve(&mei, "owner", "9753", Action::OverridePrice, t0.add_minutes(8)).unwrap();
    assert_eq!(approver.role, Role::Owner);
    let audit = book.audit_list(&owner).unwrap();
    let acts: Vec<&str> = audit.iter().map(|e| e.action.as_str()).collect();
    assert!(acts.contains(&"sign-in-locked"), "{acts:?}");
    let approval = audit.iter().find(|e| e.action == "approval").expect("the approval is audited");
    let text = serde_json::to_string(approval).unwrap();
    assert!(text.contains("mei") && text.contains("owner") && text.contains("override-price"), "{text}");
    assert!(book.audit_verify(&owner).unwrap().ok);

    // The CLI reads the PIN from standard input.
    drop(book);
    let run = |args: &[&str], pin: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_onebook"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .env_remove("ONEBOOK_USER")
            .env_remove("ONEBOOK_LANG")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(format!("{pin}\n").as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    };
    let ok = run(&["--json", "user", "sign-in", "owner"], "9753");
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&ok.stdout).unwrap()["role"], "owner");
    let wrong = run(&["--lang", "th", "user", "sign-in", "owner"], "1357");
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("ไม่ถูกต้อง"));
    assert!(run(&["user", "pin", "mei"], "13579").status.success());
    assert!(run(&["user", "sign-in", "mei"], "13579").status.success());
}
