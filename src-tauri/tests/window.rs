//! The app in a real window (Xvfb, WebKitWebDriver): `tests/e2e/till.py` and
//! `tests/e2e/safekeeping.py` drive the app binary cargo built for this test, and check the book
//! through the `onebook` CLI built beside it.
//!
//! It runs from `cargo test` so the app is built once, with the same features as every other test
//! binary, and never twice (a separate `cargo build` would compile the Tauri stack again).

use std::path::Path;
use std::process::Command;
use std::sync::Mutex;

/// One window at a time: WebKitWebDriver serves one session, and each script picks a free display.
static ONE_WINDOW: Mutex<()> = Mutex::new(());

fn run_script(name: &str) {
    let _one = ONE_WINDOW.lock().unwrap_or_else(|p| p.into_inner());
    let app = Path::new(env!("CARGO_BIN_EXE_onebook-desktop"));
    // The root package's integration tests build the CLI into the same folder.
    let cli = app.with_file_name(format!("onebook{}", std::env::consts::EXE_SUFFIX));
    assert!(cli.exists(), "{} is missing: run `cargo test --workspace`, which builds it", cli.display());
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/e2e").join(name);
    let out = Command::new("python3")
        .arg(&script)
        .env("ONEBOOK_E2E_APP", app)
        .env("ONEBOOK_E2E_CLI", &cli)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    print!("{stdout}");
    eprint!("{stderr}");
    assert!(out.status.success(), "the window test {name} failed ({}): see its log under target/", out.status);
    assert!(stdout.contains("1 passed, 0 failed"), "the window test {name} did not report its pass");
}

#[test]
fn till_in_a_real_window() {
    run_script("till.py");
}

/// Sign-in, the inactivity lock, the owner's approval, the backup badge and the audit browser.
#[test]
fn safekeeping_in_a_real_window() {
    run_script("safekeeping.py");
}

/// The catalog's virtualised list and search, the month view and its pack, an order's reservation
/// shown at the till.
#[test]
fn back_office_in_a_real_window() {
    run_script("backoffice.py");
}

/// An encrypted book: the passphrase screen first, a wrong passphrase refused, the right one opens.
#[test]
fn encrypted_book_in_a_real_window() {
    run_script("encrypted.py");
}

/// The device settings: a network printer (a TCP listener) and a serial scanner (a socat pty pair)
/// set for this till, the test print arriving, a scan reaching the cart, an offline printer said so.
#[test]
fn device_settings_in_a_real_window() {
    run_script("devices.py");
}

/// Payment at the till (cash with change, card, e-wallet, split, an underpayment refused, a scan
/// during the payment kept for the next sale), a second app process seeing a sale, and the
/// figures (cold start, scan burst), printed.
#[test]
fn payment_in_a_real_window() {
    run_script("pay.py");
}

/// An empty book: the first-run wizard (in Thai) creates the shop and the owner signs in with
/// the PIN set there; or it opens the demo shop.
#[test]
fn first_run_in_a_real_window() {
    run_script("wizard.py");
}

/// The stockroom: a product edited and created (a bad check digit refused on its field), the CSV
/// import with its bad lines and progress, a goods receipt and a stock count.
#[test]
fn stockroom_in_a_real_window() {
    run_script("catalog.py");
}

/// Many tills, one truth: a private PostgreSQL, the app's till registered from its sync screen, a
/// sale seen on a second till, an oversell from two offline tills shown and resolved with a count.
#[test]
fn sync_in_a_real_window() {
    run_script("sync.py");
}

/// The desktop's figures, printed: cold start without WebDriver (the app's own "sign-in ready"
/// line), a scan burst dispatched in the page at wedge speed, search as you type over 100 000
/// products; and the cashier's read-only product form, and Ctrl+N's second window on the same book.
#[test]
fn desk_figures_and_second_window_in_a_real_window() {
    run_script("desk.py");
}
