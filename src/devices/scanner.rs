//! Serial barcode scanners (and USB scanners in virtual COM mode), and USB HID scanners read from
//! hidraw (see [`super::hid`]; the port reads `hid:/dev/hidraw0` or `hidpos:/dev/hidraw0`): one
//! event per scan, whatever the suffix the scanner sends, and a device that goes away is reopened
//! with backoff until it is back.

use std::fs::File;
use std::io::Read;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::error::{Error, Result};

/// Longest code kept; a longer run without a suffix is noise and is dropped.
pub const CODE_LEN_MAX: usize = 256;
/// The longest wait between two attempts to reopen a scanner that went away.
pub const BACKOFF_MAX: Duration = Duration::from_secs(2);
const BACKOFF_MIN: Duration = Duration::from_millis(50);

/// What ends a scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Suffix {
    Cr,
    Lf,
    CrLf,
}

impl Suffix {
    /// `cr`, `lf` or `crlf`.
    pub fn parse(text: &str, field: &str) -> Result<Suffix> {
        match text.trim().to_lowercase().as_str() {
            "cr" => Ok(Suffix::Cr),
            "lf" => Ok(Suffix::Lf),
            "crlf" => Ok(Suffix::CrLf),
            _ => Err(Error::invalid(field, format!("`{text}`: the suffix is cr, lf or crlf"))),
        }
    }

    fn bytes(self) -> &'static [u8] {
        match self {
            Suffix::Cr => b"\r",
            Suffix::Lf => b"\n",
            Suffix::CrLf => b"\r\n",
        }
    }
}

/// A scanner's settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScannerConfig {
    pub port: PathBuf,
    pub baud: u32,
    pub suffix: Suffix,
}

/// What a scanner reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum ScanEvent {
    /// A code was scanned (without its suffix).
    Code { code: String },
    /// The port opened (first time or after it went away).
    Connected { port: String },
    /// The port went away or could not be opened; it is retried with backoff.
    Disconnected { port: String, detail: String },
}

/// A serial scanner being listened to. It never fails: a missing device is retried.
pub struct Scanner {
    config: ScannerConfig,
    file: Option<File>,
    buffer: Vec<u8>,
    backoff: Duration,
    next_attempt: Instant,
    /// Reported the current outage already (one Disconnected per outage, not per retry).
    told_down: bool,
    /// A HID scanner: its device and the decoder of its reports.
    hid: Option<(PathBuf, super::hid::HidDecoder)>,
    /// Codes a HID scanner completed, not yet handed out.
    codes: std::collections::VecDeque<String>,
}

impl Scanner {
    pub fn new(config: ScannerConfig) -> Scanner {
        let hid = super::hid::hid_port(&config.port).map(|(kind, path)| (path, super::hid::HidDecoder::new(kind)));
        Scanner {
            hid,
            codes: std::collections::VecDeque::new(),
            config,
            file: None,
            buffer: Vec::with_capacity(64),
            backoff: BACKOFF_MIN,
            next_attempt: Instant::now(),
            told_down: false,
        }
    }

    pub fn config(&self) -> &ScannerConfig {
        &self.config
    }

    fn port(&self) -> String {
        self.config.port.display().to_string()
    }

    /// The device node read: the serial port, or the hidraw node of a HID scanner.
    fn device_path(&self) -> &std::path::Path {
        match &self.hid {
            Some((path, _)) => path,
            None => &self.config.port,
        }
    }

    fn down(&mut self, detail: String) -> Option<ScanEvent> {
        self.file = None;
        self.buffer.clear();
        if let Some((_, decoder)) = self.hid.as_mut() {
            decoder.reset();
        }
        self.next_attempt = Instant::now() + self.backoff;
        self.backoff = (self.backoff * 2).min(BACKOFF_MAX);
        if self.told_down {
            return None;
        }
        self.told_down = true;
        Some(ScanEvent::Disconnected { port: self.port(), detail })
    }

    /// A complete code at the front of the buffer, if one has arrived.
    fn take_code(&mut self) -> Option<ScanEvent> {
        if self.hid.is_some() {
            return self.codes.pop_front().map(|code| ScanEvent::Code { code });
        }
        let suffix = self.config.suffix.bytes();
        loop {
            let end = self.buffer.windows(suffix.len()).position(|w| w == suffix)?;
            let raw: Vec<u8> = self.buffer.drain(..end + suffix.len()).take(end).collect();
            // Scanners set to another suffix than configured leave a stray CR or LF: not part of a code.
            let code: String = String::from_utf8_lossy(&raw).chars().filter(|c| !c.is_control()).collect();
            if !code.is_empty() {
                return Some(ScanEvent::Code { code });
            }
        }
    }

    /// The next event, waiting at most `wait`; `None` when nothing happened in that time.
    pub fn next_event(&mut self, wait: Duration) -> Option<ScanEvent> {
        let deadline = Instant::now() + wait;
        loop {
            if let Some(ev) = self.take_code() {
                return Some(ev);
            }
            if self.file.is_none() {
                let now = Instant::now();
                if now < self.next_attempt {
                    if now >= deadline {
                        return None;
                    }
                    std::thread::sleep((self.next_attempt - now).min(deadline - now));
                    continue;
                }
                let opened = match &self.hid {
                    Some((path, _)) => open_hid(path),
                    None => super::transport::open_serial(&self.config.port, self.config.baud, true),
                };
                match opened {
                    Ok(f) => {
                        self.file = Some(f);
                        self.backoff = BACKOFF_MIN;
                        self.told_down = false;
                        return Some(ScanEvent::Connected { port: self.port() });
                    }
                    Err(e) => {
                        if let Some(ev) = self.down(e.to_string()) {
                            return Some(ev);
                        }
                        continue;
                    }
                }
            }
            let mut chunk = [0u8; 256];
            let read = match self.file.as_mut().map(|f| f.read(&mut chunk)).unwrap_or(Ok(0)) {
                // A HID device opened without blocking: nothing yet, look again shortly.
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    std::thread::sleep(HID_POLL);
                    Ok(0)
                }
                other => other,
            };
            match read {
                Ok(0) => {
                    // VTIME expired with no data: the device may still have vanished (a USB
                    // scanner unplugged leaves its node gone), so check the path is there.
                    if !self.device_path().exists() {
                        if let Some(ev) = self.down("the device is gone".into()) {
                            return Some(ev);
                        }
                    }
                }
                Ok(n) if self.hid.is_some() => {
                    if let Some((_, decoder)) = self.hid.as_mut() {
                        self.codes.extend(decoder.feed(&chunk[..n]));
                    }
                    if let Some(ev) = self.take_code() {
                        return Some(ev);
                    }
                }
                Ok(n) => {
                    self.buffer.extend_from_slice(&chunk[..n]);
                    if let Some(ev) = self.take_code() {
                        return Some(ev);
                    }
                    if self.buffer.len() > CODE_LEN_MAX {
                        self.buffer.clear();
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    if let Some(ev) = self.down(e.to_string()) {
                        return Some(ev);
                    }
                }
            }
            if Instant::now() >= deadline {
                return self.take_code();
            }
        }
    }
}

/// How often a HID scanner with nothing to say is read again.
const HID_POLL: Duration = Duration::from_millis(10);

/// Open a hidraw node (or anything that gives reports) for reading, without blocking.
fn open_hid(path: &std::path::Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32 | rustix::fs::OFlags::NOCTTY.bits() as i32)
        .open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_split_codes() {
        let mut s = Scanner::new(ScannerConfig { port: "/nonexistent".into(), baud: 9600, suffix: Suffix::CrLf });
        s.buffer.extend_from_slice(b"6291041500213\r\n\r\n4006381333931\r\n12");
        assert_eq!(s.take_code(), Some(ScanEvent::Code { code: "6291041500213".into() }));
        assert_eq!(s.take_code(), Some(ScanEvent::Code { code: "4006381333931".into() }));
        assert_eq!(s.take_code(), None);
        assert_eq!(s.buffer, b"12");
        assert!(Suffix::parse("tab", "suffix").is_err());
    }
}
