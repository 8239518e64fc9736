//! The device settings screen's commands (issue 4): what hardware the computer has, this till's
//! printer and scanner (kept per station by the library), the test print, and the scanner the till
//! listens to. Each parses, calls one library function, presents.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use onebook::devices::{Discovered, PrintChoice, PrintReport, ScanChoice, ScanEvent, Scanner, Station, StationInput};
use onebook::Timestamp;
use serde::Deserialize;
use tauri::{AppHandle, Emitter, State};

use crate::commands::{locale_of, with_book, Reply, Till, UiError};

/// The serial ports, USB printers and HID scanners found, and the USB bus's state.
#[tauri::command]
pub async fn devices_list() -> Reply<Discovered> {
    tauri::async_runtime::spawn_blocking(onebook::devices::discover).await.map_err(UiError::internal)
}

/// This till's settings.
#[tauri::command]
pub async fn station_show(till: State<'_, Till>, locale: String) -> Reply<Station> {
    with_book(&till, locale_of(&locale), |book| book.station()).await
}

/// The settings as the screen sends them: absent fields keep what is set, "" clears.
#[derive(Debug, Deserialize)]
pub struct StationForm {
    printer: Option<String>,
    paper: Option<String>,
    drawer: Option<bool>,
    receipt_locale: Option<String>,
    scanner: Option<String>,
    baud: Option<String>,
    suffix: Option<String>,
}

/// Keep this till's printer and scanner (owner: the library refuses anyone else).
#[tauri::command]
pub async fn station_set(
    window: tauri::Window,
    till: State<'_, Till>,
    form: StationForm,
    locale: String,
) -> Reply<Station> {
    let loc = locale_of(&locale);
    let actor = till.actor(window.label(), loc, false)?;
    let input = StationInput {
        printer: form.printer,
        paper: form.paper,
        kick_drawer: form.drawer,
        receipt_locale: form.receipt_locale,
        scanner: form.scanner,
        scanner_baud: form.baud,
        scanner_suffix: form.suffix,
    };
    with_book(&till, loc, move |book| book.set_station(&actor, &input, Timestamp::now())).await
}

/// The test page to the printer given (else the saved one), with its paper.
#[tauri::command]
pub async fn station_test_print(
    window: tauri::Window,
    till: State<'_, Till>,
    printer: Option<String>,
    paper: Option<String>,
    locale: String,
) -> Reply<PrintReport> {
    let loc = locale_of(&locale);
    let actor = till.actor(window.label(), loc, false)?;
    let choice = PrintChoice { to: printer.filter(|p| !p.trim().is_empty()), paper, locale: None, kick_drawer: None };
    with_book(&till, loc, move |book| book.test_print_station(&actor, &choice)).await
}

/// Which listener is current: a listener whose number is no longer this one stops.
static LISTENER: AtomicU64 = AtomicU64::new(0);

/// Listen to this till's scanner (serial or HID), replacing any listener before: every event
/// (`code`, `connected`, `disconnected`) goes to the window as a `scan` event. No scanner set:
/// nothing listens, and the answer is `false`.
#[tauri::command]
pub async fn scanner_listen(app: AppHandle, till: State<'_, Till>, locale: String) -> Reply<bool> {
    let me = LISTENER.fetch_add(1, Ordering::SeqCst) + 1;
    let config = match with_book(&till, locale_of(&locale), |book| book.scanner_for(&ScanChoice::default())).await {
        Ok(c) => c,
        Err(e) if e.code() == "no-device" => return Ok(false),
        Err(e) => return Err(e),
    };
    std::thread::spawn(move || {
        let mut scanner = Scanner::new(config);
        while LISTENER.load(Ordering::SeqCst) == me {
            if let Some(event) = scanner.next_event(Duration::from_millis(200)) {
                let _ = app.emit::<ScanEvent>("scan", event);
            }
        }
    });
    Ok(true)
}
