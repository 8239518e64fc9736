//! The Onebook desktop app: one Tauri window for the till and the wholesale counter.
//!
//! This crate is a shell. Each command in [`commands`] parses its input, calls one function of
//! [`onebook::Book`] off the main thread, and maps the result or the error (code, message in the
//! user's language, field at fault). No business rule lives here.

// No console window beside the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]
// `onebook::Error` carries every fact its message needs; it is passed along as the library made it.
#![allow(clippy::result_large_err)]

mod catalog_cmds;
mod commands;
mod devices_cmds;
mod sync_cmds;
mod till_cmds;

use std::sync::{Arc, Mutex, OnceLock};
use std::time::Instant;

use onebook::{Book, Timestamp};

/// When the process started its work: the start-up figure (`ui_ready`) counts from here.
pub(crate) static STARTED: OnceLock<Instant> = OnceLock::new();

fn main() {
    STARTED.get_or_init(Instant::now);
    onebook::db::on_upgrade(|from, to| {
        eprintln!("onebook-desktop: upgrading the book from schema {from} to {to} (a minute or more on a large book)")
    });
    let path = Book::default_path();
    // An encrypted book waits for its passphrase from the window (`open_book`); a plain one opens now.
    let encrypted = Book::is_encrypted(&path).unwrap_or_else(|e| {
        eprintln!("onebook-desktop: cannot read {}: [{}] {e}", path.display(), e.code());
        std::process::exit(1);
    });
    let book = if encrypted {
        None
    } else {
        // An empty book waits for the first-run wizard, or gets the demo shop when the start asks
        // for it (ONEBOOK_DEMO=1, as scripts/try.sh does): the library's rule, before the window.
        let demo = onebook::desktop::demo_requested();
        match onebook::desktop::open_app_book(&path, demo, Timestamp::now()).and_then(|(mut book, opened)| {
            if let onebook::desktop::Opened::DemoSeeded { products, documents } = opened {
                eprintln!("onebook-desktop: demo shop created ({products} products, {documents} documents)");
            }
            // The till is long-running: its sales never wait for a WAL checkpoint, nor for the
            // ledger's pages (written out of the sale journal while the receipt prints).
            book.checkpoint_in_background()?;
            book.apply_in_background()?;
            Ok(book)
        }) {
            Ok(book) => {
                start_background(&path, None);
                let ms = STARTED.get().map(|t| t.elapsed().as_millis()).unwrap_or(0);
                eprintln!("onebook-desktop: book open {ms} ms after start");
                Some(book)
            }
            Err(e) => {
                eprintln!("onebook-desktop: cannot open {}: [{}] {e}", path.display(), e.code());
                std::process::exit(1);
            }
        }
    };
    tauri::Builder::default()
        .manage(commands::Till { book: Arc::new(Mutex::new(book)), desks: Mutex::default(), path: path.clone() })
        .invoke_handler(tauri::generate_handler![
            commands::door,
            commands::demo_pins,
            commands::sign_in,
            commands::sign_out,
            commands::lock,
            commands::approve,
            commands::drop_approval,
            commands::session,
            commands::backup_status,
            commands::backup_now,
            commands::audit,
            commands::audit_verify,
            commands::lookup,
            commands::quote_sale,
            commands::post_sale,
            commands::document,
            commands::buyers,
            commands::quote_document,
            commands::post_document,
            commands::sync_status,
            commands::products_page,
            commands::month_report,
            commands::daily_sales,
            commands::export_month,
            commands::open_book,
            devices_cmds::devices_list,
            devices_cmds::station_show,
            devices_cmds::station_set,
            devices_cmds::station_test_print,
            devices_cmds::scanner_listen,
            till_cmds::start_shop,
            till_cmds::open_demo,
            till_cmds::data_version,
            till_cmds::quote_scan,
            till_cmds::ui_ready,
            till_cmds::open_window,
            catalog_cmds::product_form,
            catalog_cmds::save_product,
            catalog_cmds::import_products,
            sync_cmds::sync_register,
            sync_cmds::sync_now,
            sync_cmds::sync_conflicts,
            sync_cmds::resolve_conflict_count,
            sync_cmds::locations,
            sync_cmds::resolve_conflict_transfer,
        ])
        // A closed window's person is signed out with it.
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::Destroyed = event {
                use tauri::Manager;
                window.state::<commands::Till>().forget_desk(window.label());
            }
        })
        .run(tauri::generate_context!())
        .expect("the Tauri runtime starts");
}

/// The cloud sync (when registered) and the planned backups, on connections of their own.
pub(crate) fn start_background(path: &std::path::Path, passphrase: Option<&str>) {
    let on_error = |what: &str, e: &onebook::Error| eprintln!("onebook-desktop: {what}: [{}] {e}", e.code());
    if let Err(e) = onebook::background::start_with_passphrase(path, passphrase, on_error) {
        eprintln!("onebook-desktop: background work not started: [{}] {e}", e.code());
    }
}
