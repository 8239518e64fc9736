//! USB receipt printers driven straight over the bus with libusb (`rusb`): the ones the kernel's
//! usblp driver does not take (vendor-class Epson, Star and many Chinese 58 mm printers), and any
//! printer-class one addressed by its ids rather than by `/dev/usb/lp0`.
//!
//! An address reads `usb:VVVV:PPPP[:SERIAL]` (hex vendor and product ids, the serial number when two
//! printers of one model share a till). Sending a job: find the device, choose the interface (the
//! printer class 7, else a vendor-specific one with a bulk OUT endpoint), detach the kernel driver
//! when one holds it, claim it, ask the paper sensor over bulk IN when the printer has an IN
//! endpoint, then bulk-out the job in chunks, each with a timeout; the kernel driver is given back.
//!
//! The parts that need no bus ([`UsbAddress::parse`], [`choose_port`] over [`Interface`]s,
//! [`chunks`]) are plain functions, tested on the descriptors of real printers. A machine without a
//! USB bus (a VM, a container) says so: [`bus_missing`].

use std::path::Path;
use std::time::Duration;

use serde::Serialize;

use super::transport::{paper_from_status, PaperState, ASK_PAPER, STATUS_WAIT};
use crate::error::{Error, Result};

/// Interface class of printers (USB Printer Class 1.1).
pub const CLASS_PRINTER: u8 = 7;
/// Interface class of vendor-specific interfaces.
pub const CLASS_VENDOR: u8 = 0xFF;
/// The bytes of one bulk-out transfer: a multiple of the 64-byte full-speed packet, small enough
/// that a printer with a small buffer keeps up, large enough that a raster receipt goes in a few.
pub const CHUNK: usize = 4096;
/// How long one chunk may take to be taken by the printer (a printer busy cutting still takes it).
pub const CHUNK_TIMEOUT: Duration = Duration::from_secs(5);

/// Vendors of receipt printers whose vendor-specific interfaces speak ESC/POS.
pub const RECEIPT_VENDORS: &[(u16, &str)] = &[
    (0x04b8, "Epson"),
    (0x0519, "Star Micronics"),
    (0x1d90, "Citizen"),
    (0x1504, "Bixolon"),
    (0x0483, "Xprinter (STM32)"),
    (0x0416, "Xprinter (Winbond)"),
    (0x0dd4, "Custom"),
    (0x154f, "SNBC"),
    (0x0fe6, "ICS Advent (POS-58)"),
    (0x28e9, "GD32 (POS-80)"),
];

/// A USB printer's address: `usb:04b8:0202` or `usb:04b8:0202:J7SF012345`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UsbAddress {
    pub vendor: u16,
    pub product: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub serial: Option<String>,
}

impl UsbAddress {
    /// Read `usb:VVVV:PPPP[:SERIAL]` (the `usb:` already recognised by the caller or not).
    pub fn parse(text: &str, field: &str) -> Result<UsbAddress> {
        let bad = || Error::invalid(field, format!("`{text}`: usb:VVVV:PPPP[:SERIAL], the ids in hex (usb:04b8:0202)"));
        let rest = text.trim().strip_prefix("usb:").ok_or_else(bad)?;
        let mut parts = rest.splitn(3, ':');
        let id = |p: Option<&str>| -> Result<u16> {
            let p = p.ok_or_else(bad)?;
            if p.len() != 4 {
                return Err(bad());
            }
            u16::from_str_radix(p, 16).map_err(|_| bad())
        };
        let vendor = id(parts.next())?;
        let product = id(parts.next())?;
        let serial = match parts.next() {
            None => None,
            Some(s) if s.is_empty() || s.chars().any(|c| c.is_control() || c.is_whitespace()) => return Err(bad()),
            Some(s) => Some(s.to_string()),
        };
        Ok(UsbAddress { vendor, product, serial })
    }

    pub fn describe(&self) -> String {
        match &self.serial {
            Some(s) => format!("usb:{:04x}:{:04x}:{s}", self.vendor, self.product),
            None => format!("usb:{:04x}:{:04x}", self.vendor, self.product),
        }
    }
}

/// One alternate setting of an interface, as its descriptor says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interface {
    pub number: u8,
    pub alt: u8,
    pub class: u8,
    pub subclass: u8,
    pub protocol: u8,
    pub endpoints: Vec<Endpoint>,
}

/// An endpoint: its address (bit 7 set for IN) and whether it is a bulk one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Endpoint {
    pub address: u8,
    pub bulk: bool,
}

impl Endpoint {
    fn is_in(&self) -> bool {
        self.address & 0x80 != 0
    }
}

/// Where a job goes on a printer: the interface (and alternate setting) to claim, the bulk OUT
/// endpoint, and the bulk IN endpoint the status comes back on, when there is one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PrinterPort {
    pub interface: u8,
    pub alt: u8,
    pub out_endpoint: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_endpoint: Option<u8>,
}

/// Choose where a job goes: a printer-class interface with a bulk OUT endpoint (bidirectional
/// ones, protocol 2, first: they answer the paper question), else, for a known receipt printer
/// vendor, a vendor-specific interface with a bulk OUT endpoint. `None`: not a receipt printer.
pub fn choose_port(vendor: u16, interfaces: &[Interface]) -> Option<PrinterPort> {
    let port = |i: &Interface| {
        let out = i.endpoints.iter().find(|e| e.bulk && !e.is_in())?;
        let inp = i.endpoints.iter().find(|e| e.bulk && e.is_in());
        Some(PrinterPort {
            interface: i.number,
            alt: i.alt,
            out_endpoint: out.address,
            in_endpoint: inp.map(|e| e.address),
        })
    };
    let printers = interfaces.iter().filter(|i| i.class == CLASS_PRINTER);
    let mut best: Option<(bool, PrinterPort)> = None;
    for i in printers {
        if let Some(p) = port(i) {
            let bidirectional = p.in_endpoint.is_some();
            if best.is_none_or(|(b, _)| bidirectional && !b) {
                best = Some((bidirectional, p));
            }
        }
    }
    if let Some((_, p)) = best {
        return Some(p);
    }
    if !RECEIPT_VENDORS.iter().any(|(v, _)| *v == vendor) {
        return None;
    }
    interfaces.iter().filter(|i| i.class == CLASS_VENDOR).find_map(port)
}

/// The job in bulk transfers of at most [`CHUNK`] bytes, in order.
pub fn chunks(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    bytes.chunks(CHUNK)
}

/// The vendor's name for a known receipt printer maker.
pub fn vendor_name(vendor: u16) -> Option<&'static str> {
    RECEIPT_VENDORS.iter().find(|(v, _)| *v == vendor).map(|(_, n)| *n)
}

/// Why no USB device can be looked for on this machine, if so: no USB bus in sysfs (a virtual
/// machine without USB, a container without /sys/bus/usb).
pub fn bus_missing() -> Option<String> {
    bus_missing_in(Path::new("/sys"))
}

fn bus_missing_in(sys: &Path) -> Option<String> {
    if sys.join("bus/usb").is_dir() {
        None
    } else {
        Some("no USB bus on this machine (no /sys/bus/usb)".to_string())
    }
}

/// A receipt printer found on the USB bus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BusPrinter {
    /// Its address for printing (`usb:04b8:0202:SERIAL`).
    pub address: String,
    pub port: PrinterPort,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manufacturer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
}

/// The USB bus as looked at: the receipt printers on it, or why it could not be looked at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BusScan {
    pub printers: Vec<BusPrinter>,
    /// Why the bus could not be looked at, when it could not: `no-usb-bus` (the machine has none:
    /// a virtual machine, a container) or `usb-error` (libusb refused; see `detail`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unavailable: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// [`BusScan::unavailable`] on a machine without a USB bus.
pub const NO_USB_BUS: &str = "no-usb-bus";

fn interfaces_of(config: &rusb::ConfigDescriptor) -> Vec<Interface> {
    let mut out = Vec::new();
    for iface in config.interfaces() {
        for d in iface.descriptors() {
            out.push(Interface {
                number: d.interface_number(),
                alt: d.setting_number(),
                class: d.class_code(),
                subclass: d.sub_class_code(),
                protocol: d.protocol_code(),
                endpoints: d
                    .endpoint_descriptors()
                    .map(|e| Endpoint { address: e.address(), bulk: e.transfer_type() == rusb::TransferType::Bulk })
                    .collect(),
            });
        }
    }
    out
}

fn context() -> std::result::Result<rusb::Context, (&'static str, String)> {
    if let Some(why) = bus_missing() {
        return Err((NO_USB_BUS, why));
    }
    rusb::Context::new().map_err(|e| ("usb-error", format!("libusb: {e}")))
}

/// The receipt printers on the USB bus (their names read when the device may be opened).
pub fn scan_bus() -> BusScan {
    use rusb::UsbContext;
    let ctx = match context() {
        Ok(c) => c,
        Err((code, why)) => return BusScan { printers: vec![], unavailable: Some(code), detail: Some(why) },
    };
    let list = match ctx.devices() {
        Ok(l) => l,
        Err(e) => {
            return BusScan { printers: vec![], unavailable: Some("usb-error"), detail: Some(format!("libusb: {e}")) }
        }
    };
    let mut printers = Vec::new();
    for device in list.iter() {
        let Ok(desc) = device.device_descriptor() else { continue };
        let Ok(config) = device.active_config_descriptor().or_else(|_| device.config_descriptor(0)) else {
            continue;
        };
        let Some(port) = choose_port(desc.vendor_id(), &interfaces_of(&config)) else { continue };
        let (mut manufacturer, mut product, mut serial) = (None, None, None);
        if let Ok(h) = device.open() {
            manufacturer = h.read_manufacturer_string_ascii(&desc).ok();
            product = h.read_product_string_ascii(&desc).ok();
            serial = h.read_serial_number_string_ascii(&desc).ok().filter(|s| !s.trim().is_empty());
        }
        let address = UsbAddress {
            vendor: desc.vendor_id(),
            product: desc.product_id(),
            serial: serial.map(|s| s.trim().to_string()),
        };
        printers.push(BusPrinter {
            address: address.describe(),
            port,
            manufacturer: manufacturer.or_else(|| vendor_name(desc.vendor_id()).map(str::to_string)),
            product,
        });
    }
    BusScan { printers, unavailable: None, detail: None }
}

/// Send a job to the printer at `address` (see the module's text). `ask_status`: ask the paper
/// sensor first when the printer has a bulk IN endpoint.
pub fn send(address: &UsbAddress, bytes: &[u8], ask_status: bool) -> Result<PaperState> {
    use rusb::UsbContext;
    let device_name = address.describe();
    let offline = |detail: String| Error::PrinterOffline { device: device_name.clone(), detail };
    let usb = |e: rusb::Error| offline(format!("usb: {e}"));
    let ctx = context().map_err(|(_, why)| offline(why))?;
    let mut found = None;
    for device in ctx.devices().map_err(usb)?.iter() {
        let Ok(desc) = device.device_descriptor() else { continue };
        if desc.vendor_id() != address.vendor || desc.product_id() != address.product {
            continue;
        }
        let handle = device.open().map_err(usb)?;
        if let Some(want) = &address.serial {
            let has = handle.read_serial_number_string_ascii(&desc).unwrap_or_default();
            if has.trim() != want {
                continue;
            }
        }
        let config = device.active_config_descriptor().map_err(usb)?;
        let port = choose_port(desc.vendor_id(), &interfaces_of(&config))
            .ok_or_else(|| offline("the device has no printer interface".into()))?;
        found = Some((handle, port));
        break;
    }
    let (handle, port) = found.ok_or_else(|| offline("not connected".into()))?;
    let iface = port.interface;
    // usblp (or another driver) may hold the interface: take it, and give it back afterwards.
    let detached = matches!(handle.kernel_driver_active(iface), Ok(true));
    if detached {
        handle.detach_kernel_driver(iface).map_err(usb)?;
    }
    let result = (|| {
        handle.claim_interface(iface).map_err(usb)?;
        if port.alt != 0 {
            handle.set_alternate_setting(iface, port.alt).map_err(usb)?;
        }
        let mut paper = PaperState::Unknown;
        if let (true, Some(ep_in)) = (ask_status, port.in_endpoint) {
            handle.write_bulk(port.out_endpoint, &ASK_PAPER, CHUNK_TIMEOUT).map_err(usb)?;
            let mut buf = [0u8; 64];
            // A printer that says nothing within the wait prints as before.
            if let Ok(n) = handle.read_bulk(ep_in, &mut buf, STATUS_WAIT) {
                match buf[..n].iter().rev().find_map(|b| paper_from_status(*b)) {
                    Some(None) => return Err(Error::PrinterOutOfPaper { device: device_name.clone() }),
                    Some(Some(state)) => paper = state,
                    None => {}
                }
            }
        }
        for chunk in chunks(bytes) {
            let mut sent = 0;
            while sent < chunk.len() {
                match handle.write_bulk(port.out_endpoint, &chunk[sent..], CHUNK_TIMEOUT) {
                    Ok(0) => return Err(offline("the printer took nothing".into())),
                    Ok(n) => sent += n,
                    Err(e) => return Err(usb(e)),
                }
            }
        }
        Ok(paper)
    })();
    let _ = handle.release_interface(iface);
    if detached {
        let _ = handle.attach_kernel_driver(iface);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        let a = UsbAddress::parse("usb:04b8:0202", "to").unwrap();
        assert_eq!((a.vendor, a.product, a.serial.as_deref()), (0x04b8, 0x0202, None));
        let a = UsbAddress::parse("usb:04B8:0E28:J7SF012345", "to").unwrap();
        assert_eq!(a.serial.as_deref(), Some("J7SF012345"));
        assert_eq!(a.describe(), "usb:04b8:0e28:J7SF012345");
        for bad in ["usb:4b8:0202", "usb:04b8", "usb:zzzz:0202", "usb:04b8:0202:", "usb://x", "04b8:0202"] {
            assert_eq!(UsbAddress::parse(bad, "to").unwrap_err().field(), Some("to"), "{bad}");
        }
    }

    #[test]
    fn a_machine_without_usb_says_so() {
        let dir = tempfile::tempdir().unwrap();
        assert!(bus_missing_in(dir.path()).unwrap().contains("no USB bus"));
        std::fs::create_dir_all(dir.path().join("bus/usb")).unwrap();
        assert_eq!(bus_missing_in(dir.path()), None);
    }
}
