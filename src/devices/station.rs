//! What a till remembers about its own hardware (its receipt printer, paper, drawer, receipt
//! language and serial scanner), and what hardware the machine has: serial ports, USB receipt
//! printers (the kernel's usblp devices) and the USB adapters behind them, read from sysfs.
//!
//! Settings are kept per station (the till's device id), in its own book, and never replicated:
//! another till has other hardware. Printing and scanning take an explicit address when given, else
//! the station's, else say that none is set ([`Error::NoDevice`]).

use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::receipt::{Paper, ReceiptOptions};
use super::scanner::{ScannerConfig, Suffix};
use super::transport::{parse_baud, Target, BAUD_DEFAULT};
use crate::error::{Error, Result};
use crate::i18n::Locale;
use crate::people::{Action, Actor};
use crate::time::Timestamp;
use crate::Book;

/// This till's hardware settings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Station {
    pub device_id: String,
    /// The receipt printer's address (see [`Target::parse`]), when one is set.
    pub printer: Option<String>,
    pub paper: Paper,
    /// Open the cash drawer after a cash sale.
    pub kick_drawer: bool,
    /// The receipts' language, when not the shop's.
    pub receipt_locale: Option<Locale>,
    pub scanner: Option<ScannerConfig>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
}

/// A change of the settings: `None` keeps what is set; `Some("")` for the printer or the scanner
/// (or `Some("none")`) takes it away.
#[derive(Debug, Clone, Default)]
pub struct StationInput {
    pub printer: Option<String>,
    pub paper: Option<String>,
    pub kick_drawer: Option<bool>,
    pub receipt_locale: Option<String>,
    pub scanner: Option<String>,
    pub scanner_baud: Option<String>,
    pub scanner_suffix: Option<String>,
}

fn cleared(text: &str) -> bool {
    let t = text.trim();
    t.is_empty() || t.eq_ignore_ascii_case("none")
}

pub(crate) fn load(conn: &Connection) -> Result<Station> {
    let device = crate::shop::device(conn)?;
    type Row = (Option<String>, String, bool, Option<String>, Option<String>, u32, String, String);
    let row: Option<Row> = conn
        .query_row(
            "SELECT printer, paper, kick_drawer, receipt_locale, scanner_port, scanner_baud, scanner_suffix, updated_at
             FROM station_devices WHERE device_id = ?1",
            [&device.device_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?)),
        )
        .optional()?;
    let Some((printer, paper, kick_drawer, locale, port, baud, suffix, updated_at)) = row else {
        return Ok(Station {
            device_id: device.device_id,
            printer: None,
            paper: Paper::Mm80,
            kick_drawer: false,
            receipt_locale: None,
            scanner: None,
            updated_at: None,
        });
    };
    let scanner = match port {
        Some(port) => {
            Some(ScannerConfig { port: PathBuf::from(port), baud, suffix: Suffix::parse(&suffix, "scanner_suffix")? })
        }
        None => None,
    };
    Ok(Station {
        device_id: device.device_id,
        printer,
        paper: Paper::parse(&paper, "paper")?,
        kick_drawer,
        receipt_locale: locale.as_deref().and_then(Locale::parse),
        scanner,
        updated_at: Some(updated_at),
    })
}

fn paper_text(p: Paper) -> &'static str {
    match p {
        Paper::Mm58 => "58",
        Paper::Mm80 => "80",
    }
}

fn save(conn: &mut Connection, actor: &Actor, input: &StationInput, now: Timestamp) -> Result<Station> {
    actor.require(Action::ConfigureDevices)?;
    let tx = crate::db::write_tx(conn)?;
    let mut s = load(&tx)?;
    if let Some(p) = &input.printer {
        // Kept as the person wrote it, once it reads as an address.
        s.printer = if cleared(p) { None } else { Some(Target::parse(p, "printer")?.describe()) };
    }
    if let Some(p) = &input.paper {
        s.paper = Paper::parse(p, "paper")?;
    }
    if let Some(k) = input.kick_drawer {
        s.kick_drawer = k;
    }
    if let Some(l) = &input.receipt_locale {
        s.receipt_locale = if cleared(l) {
            None
        } else {
            Some(Locale::parse(l).ok_or_else(|| Error::UnknownLocale { field: "locale".into(), value: l.clone() })?)
        };
    }
    if let Some(port) = &input.scanner {
        s.scanner = if cleared(port) {
            None
        } else {
            let old = s.scanner.clone();
            Some(ScannerConfig {
                port: PathBuf::from(port.trim()),
                baud: old.as_ref().map(|o| o.baud).unwrap_or(BAUD_DEFAULT),
                suffix: old.map(|o| o.suffix).unwrap_or(Suffix::Cr),
            })
        };
    }
    if input.scanner_baud.is_some() || input.scanner_suffix.is_some() {
        let Some(sc) = s.scanner.as_mut() else {
            return Err(Error::invalid("scanner", "set the scanner's port first (e.g. /dev/ttyUSB0)"));
        };
        if let Some(b) = &input.scanner_baud {
            sc.baud = parse_baud(b, "baud")?;
        }
        if let Some(x) = &input.scanner_suffix {
            sc.suffix = Suffix::parse(x, "suffix")?;
        }
    }
    let suffix = s.scanner.as_ref().map(|sc| match sc.suffix {
        Suffix::Cr => "cr",
        Suffix::Lf => "lf",
        Suffix::CrLf => "crlf",
    });
    tx.execute(
        "INSERT INTO station_devices (device_id, printer, paper, kick_drawer, receipt_locale, scanner_port,
                                      scanner_baud, scanner_suffix, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (device_id) DO UPDATE SET printer = ?2, paper = ?3, kick_drawer = ?4, receipt_locale = ?5,
             scanner_port = ?6, scanner_baud = ?7, scanner_suffix = ?8, updated_at = ?9, updated_by = ?10",
        params![
            s.device_id,
            s.printer,
            paper_text(s.paper),
            s.kick_drawer,
            s.receipt_locale.map(|l| l.tag()),
            s.scanner.as_ref().map(|sc| sc.port.display().to_string()),
            s.scanner.as_ref().map(|sc| sc.baud).unwrap_or(BAUD_DEFAULT),
            suffix.unwrap_or("cr"),
            now.to_db(),
            actor.user_id,
        ],
    )?;
    let saved = load(&tx)?;
    tx.commit()?;
    Ok(saved)
}

/// What a print job was asked for; anything left out comes from the station's settings.
#[derive(Debug, Clone, Default)]
pub struct PrintChoice {
    pub to: Option<String>,
    pub paper: Option<String>,
    pub locale: Option<String>,
    /// `Some(true)` opens the drawer whatever the station says.
    pub kick_drawer: Option<bool>,
}

/// A serial scanner as asked for; anything left out comes from the station's settings.
#[derive(Debug, Clone, Default)]
pub struct ScanChoice {
    pub port: Option<String>,
    pub baud: Option<String>,
    pub suffix: Option<String>,
}

impl Book {
    /// This till's hardware settings (defaults when none were saved).
    pub fn station(&self) -> Result<Station> {
        load(self.conn())
    }

    /// Change this till's hardware settings (owner). Every value is checked before anything is kept.
    pub fn set_station(&mut self, actor: &Actor, input: &StationInput, now: Timestamp) -> Result<Station> {
        save(&mut self.conn, actor, input, now)
    }

    /// Where and how to print: the address and options asked for, else this station's, else the
    /// defaults (80 mm, the shop's language, no drawer). No printer anywhere is [`Error::NoDevice`].
    pub fn printer_for(&self, choice: &PrintChoice) -> Result<(Target, ReceiptOptions)> {
        let station = self.station()?;
        let to = match (&choice.to, &station.printer) {
            (Some(to), _) => Target::parse(to, "to")?,
            (None, Some(saved)) => Target::parse(saved, "printer")?,
            (None, None) => return Err(Error::NoDevice { field: "to".into(), kind: "printer".into() }),
        };
        let paper = match &choice.paper {
            Some(p) => Paper::parse(p, "paper")?,
            None => station.paper,
        };
        let locale = match &choice.locale {
            Some(l) => {
                Locale::parse(l).ok_or_else(|| Error::UnknownLocale { field: "locale".into(), value: l.clone() })?
            }
            None => match station.receipt_locale {
                Some(l) => l,
                None => self.shop()?.locale,
            },
        };
        let kick_drawer = choice.kick_drawer.unwrap_or(station.kick_drawer);
        Ok((to, ReceiptOptions { paper, locale, kick_drawer }))
    }

    /// "Test print" from the settings: the test page to the printer asked for (else this station's),
    /// on its paper, with its drawer. Offline, out of paper and no printer set are the usual errors.
    pub fn test_print_station(&self, actor: &Actor, choice: &PrintChoice) -> Result<super::PrintReport> {
        let (to, options) = self.printer_for(choice)?;
        self.test_print(actor, &to, &options)
    }

    /// The serial scanner to listen to: the port asked for, else this station's.
    pub fn scanner_for(&self, choice: &ScanChoice) -> Result<ScannerConfig> {
        let saved = self.station()?.scanner;
        let (port, baud, suffix) = match (&choice.port, saved) {
            (Some(p), saved) => {
                let same = saved.filter(|s| s.port == Path::new(p.trim()));
                (PathBuf::from(p.trim()), same.as_ref().map(|s| s.baud), same.map(|s| s.suffix))
            }
            (None, Some(s)) => (s.port, Some(s.baud), Some(s.suffix)),
            (None, None) => return Err(Error::NoDevice { field: "port".into(), kind: "scanner".into() }),
        };
        Ok(ScannerConfig {
            port,
            baud: match &choice.baud {
                Some(b) => parse_baud(b, "baud")?,
                None => baud.unwrap_or(BAUD_DEFAULT),
            },
            suffix: match &choice.suffix {
                Some(s) => Suffix::parse(s, "suffix")?,
                None => suffix.unwrap_or(Suffix::Cr),
            },
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Discovery.

/// A serial port the machine has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SerialPort {
    pub path: String,
    /// `usb` (an adapter or a scanner in virtual COM mode) or `builtin`.
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usb: Option<UsbInfo>,
}

/// A USB receipt printer driven by the kernel's printer class driver (`/dev/usb/lp0`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UsbPrinter {
    /// Its address for printing (`file:///dev/usb/lp0`).
    pub address: String,
    pub usb: Option<UsbInfo>,
}

/// Who made a USB device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UsbInfo {
    /// `04b8:0e15`
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manufacturer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
}

/// The hardware found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Discovered {
    pub serial_ports: Vec<SerialPort>,
    pub printers: Vec<UsbPrinter>,
    /// USB HID devices a scanner may be (`hid:/dev/hidraw0`, `hidpos:/dev/hidraw1`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hid_scanners: Vec<HidScanner>,
    /// The receipt printers on the USB bus (libusb), or why the bus could not be looked at.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usb_bus: Option<super::usb::BusScan>,
}

/// A USB HID device that may be a barcode scanner: a HID POS scanner (usage page 0x8C) or a
/// keyboard (a scanner in keyboard emulation looks like one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HidScanner {
    /// Its scanner port (`hidpos:/dev/hidraw1`).
    pub port: String,
    /// `pos` or `keyboard`.
    pub kind: super::hid::HidKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usb: Option<UsbInfo>,
}

/// The serial ports, USB printers and HID scanners of this machine, and the USB bus's printers.
pub fn discover() -> Discovered {
    Discovered { usb_bus: Some(super::usb::scan_bus()), ..discover_in(Path::new("/sys"), Path::new("/dev")) }
}

/// What a HID report descriptor describes: a HID POS scanner (usage page 0x8C) or a keyboard
/// (Generic Desktop page, usage Keyboard); `None` for anything else.
pub fn hid_kind_of(report_descriptor: &[u8]) -> Option<super::hid::HidKind> {
    use super::hid::HidKind;
    // Short items: `05 8C` Usage Page (Bar Code Scanner); `05 01 09 06` Generic Desktop, Keyboard.
    let has = |needle: &[u8]| report_descriptor.windows(needle.len()).any(|w| w == needle);
    if has(&[0x05, 0x8C]) || has(&[0x06, 0x8C, 0x00]) {
        Some(HidKind::Pos)
    } else if has(&[0x05, 0x01, 0x09, 0x06]) {
        Some(HidKind::Keyboard)
    } else {
        None
    }
}

fn read_trimmed(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok().map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// The USB device a sysfs device (an interface, a usb-serial port) belongs to: the nearest
/// ancestor with `idVendor`.
fn usb_info(device: &Path) -> Option<UsbInfo> {
    let mut dir = std::fs::canonicalize(device).ok()?;
    loop {
        if let (Some(v), Some(p)) = (read_trimmed(&dir.join("idVendor")), read_trimmed(&dir.join("idProduct"))) {
            return Some(UsbInfo {
                id: format!("{v}:{p}"),
                manufacturer: read_trimmed(&dir.join("manufacturer")),
                product: read_trimmed(&dir.join("product")),
            });
        }
        if !dir.pop() {
            return None;
        }
    }
}

fn subsystem(device: &Path) -> Option<String> {
    let link = std::fs::read_link(device.join("subsystem")).ok()?;
    link.file_name().map(|n| n.to_string_lossy().into_owned())
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> =
        std::fs::read_dir(dir).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    v.sort();
    v
}

/// Discovery over a sysfs tree at `sys` with device nodes under `dev` (the real ones are /sys and
/// /dev; tests lay out the files a kernel makes for hardware the test machine lacks).
pub fn discover_in(sys: &Path, dev: &Path) -> Discovered {
    let mut serial_ports = Vec::new();
    for entry in sorted_entries(&sys.join("class/tty")) {
        let device = entry.join("device");
        // Virtual terminals and pseudo-terminals have no device behind them.
        let Some(sub) = device.exists().then(|| subsystem(&device)).flatten() else { continue };
        // The legacy 8250 ports every PC kernel lists, present or not, hang off the platform bus.
        if sub == "platform" {
            continue;
        }
        let name = entry.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let usb = if sub.starts_with("usb") { usb_info(&device) } else { None };
        serial_ports.push(SerialPort {
            path: dev.join(&name).display().to_string(),
            kind: if usb.is_some() { "usb".into() } else { "builtin".into() },
            usb,
        });
    }
    let mut printers = Vec::new();
    for entry in sorted_entries(&sys.join("class/usbmisc")) {
        let name = entry.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if !name.starts_with("lp") {
            continue;
        }
        printers.push(UsbPrinter {
            address: format!("file://{}", dev.join("usb").join(&name).display()),
            usb: usb_info(&entry.join("device")),
        });
    }
    let mut hid_scanners = Vec::new();
    for entry in sorted_entries(&sys.join("class/hidraw")) {
        let name = entry.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let Ok(descriptor) = std::fs::read(entry.join("device/report_descriptor")) else { continue };
        let Some(kind) = hid_kind_of(&descriptor) else { continue };
        let usb = usb_info(&entry.join("device"));
        if usb.is_none() {
            continue; // a built-in keyboard (i8042, Bluetooth): not a scanner
        }
        hid_scanners.push(HidScanner { port: super::hid::port_text(kind, &dev.join(&name)), kind, usb });
    }
    Discovered { serial_ports, printers, hid_scanners, usb_bus: None }
}
