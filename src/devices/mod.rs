//! The counter's hardware: receipt printers (ESC/POS over TCP, serial or a file), the cash drawer
//! behind the printer, and serial barcode scanners.
//!
//! | module | owns |
//! |---|---|
//! | [`escpos`] | the ESC/POS encoder and code page 858 |
//! | [`raster`] | Arabic, Thai and Chinese text shaped and drawn as 1-bit images for `GS v 0` |
//! | [`receipt`] | the receipt of a sale and the test page, laid out for 58 / 80 mm paper |
//! | [`transport`] | printer addresses and sending bytes to them |
//! | [`scanner`] | serial scanners: one event per scan, reopening a device that went away |
//! | [`usb`] | USB printers over libusb: addresses, choosing the interface, bulk-out |
//! | [`hid`] | USB HID scanners: keyboard boot reports and HID POS reports, read from hidraw |
//! | [`station`] | this till's remembered printer and scanner; the serial ports and USB printers found |

pub mod escpos;
pub mod hid;
pub mod raster;
pub mod receipt;
pub mod scanner;
pub mod station;
pub mod transport;
pub mod usb;

use serde::Serialize;

pub use receipt::{Paper, ReceiptOptions};
pub use scanner::{ScanEvent, Scanner, ScannerConfig, Suffix};
pub use station::{discover, Discovered, PrintChoice, ScanChoice, Station, StationInput};
pub use transport::{PaperState, Target};

use crate::error::Result;
use crate::people::{Action, Actor};
use crate::Book;

/// What was printed, where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrintReport {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc_no: Option<String>,
    pub device: String,
    pub bytes: usize,
    pub drawer_kicked: bool,
    /// What the printer said about its paper before the job (`low`: change the roll soon).
    pub paper: PaperState,
}

impl Book {
    /// The ESC/POS bytes of a committed sale's receipt (the database is only read).
    pub fn receipt_bytes(&self, doc_no: &str, options: &ReceiptOptions) -> Result<Vec<u8>> {
        let shop = self.shop()?;
        let doc = crate::document::load(self.conn(), &shop, doc_no)?;
        receipt::render(&shop, &doc, options)
    }

    /// Print (or print again) a sale's receipt. The sale is committed before and stays committed
    /// whatever the printer does: an offline printer is [`crate::Error::PrinterOffline`].
    pub fn print_receipt(
        &self,
        actor: &Actor,
        doc_no: &str,
        to: &Target,
        options: &ReceiptOptions,
    ) -> Result<PrintReport> {
        actor.require(Action::Sell)?;
        let shop = self.shop()?;
        let doc = crate::document::load(self.conn(), &shop, doc_no)?;
        let bytes = receipt::render(&shop, &doc, options)?;
        let paper = to.send(&bytes)?;
        Ok(PrintReport {
            doc_no: Some(doc.doc_no),
            device: to.describe(),
            bytes: bytes.len(),
            drawer_kicked: options.kick_drawer && doc.payments.iter().any(|p| p.method == "cash"),
            paper,
        })
    }

    /// Print a till's daily close (Z report) again or for the first time (owner or cashier).
    pub fn print_day_close(
        &self,
        actor: &Actor,
        doc_no: &str,
        to: &Target,
        options: &ReceiptOptions,
    ) -> Result<PrintReport> {
        actor.require(Action::CloseDay)?;
        let z = self.day_close(actor, doc_no)?;
        let bytes = receipt::render_day_close(&z, options)?;
        let paper = to.send(&bytes)?;
        Ok(PrintReport {
            doc_no: Some(z.doc_no),
            device: to.describe(),
            bytes: bytes.len(),
            drawer_kicked: options.kick_drawer,
            paper,
        })
    }

    /// Open the cash drawer without a sale (change for a customer, a count): a sensitive act,
    /// recorded in the audit trail with who, where and why. The entry is written in the same
    /// transaction that is committed only once the printer took the command, so a drawer that
    /// could not be opened leaves no entry, and one that opened always has one.
    pub fn open_drawer(
        &mut self,
        actor: &Actor,
        to: &Target,
        reason: &str,
        now: crate::time::Timestamp,
    ) -> Result<PrintReport> {
        actor.require(Action::Sell)?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(crate::Error::invalid("reason", "say why the drawer is opened without a sale"));
        }
        if reason.chars().count() > 200 {
            return Err(crate::Error::invalid("reason", "at most 200 characters"));
        }
        let device = self.device()?;
        let tx = crate::db::write_tx(&mut self.conn)?;
        let entry = crate::audit::NewEntry {
            action: crate::audit::acts::DRAWER_OPENED,
            subject: to.describe(),
            before: None,
            after: None,
            reason: Some(reason.to_string()),
        };
        crate::audit::record(&tx, actor, &device.device_id, now, entry)?;
        let mut s = escpos::Stream::new(escpos::CODE_PAGE_PC858);
        s.kick_drawer();
        let bytes = s.into_bytes();
        // The drawer opens whatever the paper: the printer is not asked about its roll.
        let paper = to.without_status().send(&bytes)?;
        tx.commit()?;
        Ok(PrintReport { doc_no: None, device: to.describe(), bytes: bytes.len(), drawer_kicked: true, paper })
    }

    /// Print the test page (and open the drawer when asked), to check a printer from settings.
    pub fn test_print(&self, actor: &Actor, to: &Target, options: &ReceiptOptions) -> Result<PrintReport> {
        actor.require(Action::Sell)?;
        let bytes = receipt::test_page(&self.shop()?, options)?;
        let paper = to.send(&bytes)?;
        Ok(PrintReport {
            doc_no: None,
            device: to.describe(),
            bytes: bytes.len(),
            drawer_kicked: options.kick_drawer,
            paper,
        })
    }
}
