//! Where printer bytes go: a network printer (TCP, port 9100), a serial port (a tty set to raw mode
//! at a baud rate) or a file / spool device. A printer that cannot be reached is
//! [`Error::PrinterOffline`]; nothing about the sale changes, so printing can simply be repeated.
//!
//! Before a job, a network or serial printer is asked about its paper (`DLE EOT 4`, the ESC/POS
//! real-time paper sensor status, answered even while the printer is busy). A printer whose roll is
//! out refuses the job with [`Error::PrinterOutOfPaper`] before a byte of it is sent, so the receipt
//! is never half printed; one near its end prints and says so ([`PaperState::Low`]). A printer that
//! does not answer within [`STATUS_WAIT`] prints as before ([`PaperState::Unknown`]); `status=off` in
//! the address skips the question for printers behind a one-way print server. A USB printer's device
//! file (`/dev/usb/lp0`) refuses writes with "no space" when its paper is out (the kernel's usblp
//! driver): that too is [`Error::PrinterOutOfPaper`].

use std::fs::File;
use std::io::Write;
use std::net::{TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Serialize;

use crate::error::{Error, Result};

/// The port of raw printing on network receipt printers.
pub const TCP_PORT_DEFAULT: u16 = 9100;
/// Serial receipt printers and scanners mostly ship at 9600 baud.
pub const BAUD_DEFAULT: u32 = 9600;
/// How long to wait for a network printer to accept the connection, and each write.
pub const TCP_TIMEOUT: Duration = Duration::from_secs(3);
/// How long a printer has to answer the paper status question before the job goes anyway.
pub const STATUS_WAIT: Duration = Duration::from_millis(300);
/// `DLE EOT 4`: transmit the roll paper sensor status.
pub const ASK_PAPER: [u8; 3] = [0x10, 0x04, 0x04];

/// What the printer said about its paper before the job.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PaperState {
    Ok,
    /// The roll is near its end: the job printed; change the roll soon.
    Low,
    /// The printer was not asked, or did not answer.
    Unknown,
}

/// The printer's answer to [`ASK_PAPER`]: `None` for a byte that is not a status (fixed bits
/// 0, 1, 4, 7 = 0, 1, 1, 0), `Some(None)` for paper out, else the paper state.
pub fn paper_from_status(b: u8) -> Option<Option<PaperState>> {
    if b & 0x93 != 0x12 {
        return None;
    }
    Some(match b {
        _ if b & 0x60 == 0x60 => None,
        _ if b & 0x0C == 0x0C => Some(PaperState::Low),
        _ => Some(PaperState::Ok),
    })
}

/// A printer's address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Target {
    /// `tcp://host[:port][?status=off]`.
    Tcp { host: String, port: u16, ask_status: bool },
    /// `serial:///dev/ttyUSB0[?baud=9600][&status=off]`.
    Serial { path: PathBuf, baud: u32, ask_status: bool },
    /// `file:///path` or a plain path: a spool file or a device such as /dev/usb/lp0.
    File { path: PathBuf },
    /// `usb:VVVV:PPPP[:SERIAL][?status=off]`: a USB printer driven over the bus (see [`super::usb`]).
    Usb { address: super::usb::UsbAddress, ask_status: bool },
}

impl Target {
    /// Read an address given by a person: `tcp://192.168.1.50`, `tcp://printer:9100`,
    /// `serial:///dev/ttyUSB0?baud=19200`, `file:///tmp/receipt.bin` or `/dev/usb/lp0`; network and
    /// serial addresses may end in `status=off` (`tcp://10.0.0.9?status=off`,
    /// `serial:///dev/ttyS0?baud=19200&status=off`).
    pub fn parse(text: &str, field: &str) -> Result<Target> {
        let t = text.trim();
        let bad = |why: &str| Error::invalid(field, format!("`{text}`: {why}"));
        // The options after `?`: baud (serial only) and status=on|off.
        let options = |query: &str, serial: bool| -> Result<(u32, bool)> {
            let (mut baud, mut ask_status) = (BAUD_DEFAULT, true);
            for pair in query.split('&').filter(|p| !p.is_empty()) {
                match pair.split_once('=') {
                    Some(("baud", b)) if serial => baud = parse_baud(b, field)?,
                    Some(("status", "on")) => ask_status = true,
                    Some(("status", "off")) => ask_status = false,
                    _ if serial => return Err(bad("serial://PATH[?baud=9600][&status=off]")),
                    _ => return Err(bad("tcp://HOST[:PORT][?status=off]")),
                }
            }
            Ok((baud, ask_status))
        };
        if let Some(rest) = t.strip_prefix("tcp://") {
            let (rest, query) = rest.split_once('?').unwrap_or((rest, ""));
            let (_, ask_status) = options(query, false)?;
            let rest = rest.trim_end_matches('/');
            let (host, port) = match rest.rsplit_once(':') {
                Some((h, p)) if !h.ends_with(']') || h.starts_with('[') => {
                    (h, p.parse::<u16>().map_err(|_| bad("the port is a number from 1 to 65535"))?)
                }
                _ => (rest, TCP_PORT_DEFAULT),
            };
            if host.is_empty() || port == 0 {
                return Err(bad("tcp://HOST[:PORT]"));
            }
            return Ok(Target::Tcp { host: host.trim_matches(['[', ']']).to_string(), port, ask_status });
        }
        if let Some(rest) = t.strip_prefix("serial://") {
            let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
            let (baud, ask_status) = options(query, true)?;
            if path.is_empty() {
                return Err(bad("serial://PATH[?baud=9600]"));
            }
            return Ok(Target::Serial { path: PathBuf::from(path), baud, ask_status });
        }
        if t.starts_with("usb:") {
            let (rest, query) = t.split_once('?').unwrap_or((t, ""));
            let (_, ask_status) = options(query, false)?;
            return Ok(Target::Usb { address: super::usb::UsbAddress::parse(rest, field)?, ask_status });
        }
        let path = t.strip_prefix("file://").unwrap_or(t);
        if path.is_empty() || path.contains("://") {
            return Err(bad("tcp://HOST[:PORT], serial://PATH[?baud=N] or file://PATH"));
        }
        Ok(Target::File { path: PathBuf::from(path) })
    }

    /// The address as a person writes it (for messages).
    pub fn describe(&self) -> String {
        let off = |ask: bool, sep: char| if ask { String::new() } else { format!("{sep}status=off") };
        match self {
            Target::Tcp { host, port, ask_status } => format!("tcp://{host}:{port}{}", off(*ask_status, '?')),
            Target::Serial { path, baud, ask_status } => {
                format!("serial://{}?baud={baud}{}", path.display(), off(*ask_status, '&'))
            }
            Target::File { path } => format!("file://{}", path.display()),
            Target::Usb { address, ask_status } => format!("{}{}", address.describe(), off(*ask_status, '?')),
        }
    }

    /// The same printer, not asked about its paper (for a command that prints nothing).
    pub fn without_status(&self) -> Target {
        match self {
            Target::Tcp { host, port, .. } => Target::Tcp { host: host.clone(), port: *port, ask_status: false },
            Target::Serial { path, baud, .. } => Target::Serial { path: path.clone(), baud: *baud, ask_status: false },
            Target::File { path } => Target::File { path: path.clone() },
            Target::Usb { address, .. } => Target::Usb { address: address.clone(), ask_status: false },
        }
    }

    /// Send `bytes` whole, or fail with [`Error::PrinterOffline`] or, before any of the job is sent,
    /// [`Error::PrinterOutOfPaper`]. Says what the printer reported about its paper.
    pub fn send(&self, bytes: &[u8]) -> Result<PaperState> {
        let offline = |e: std::io::Error| Error::PrinterOffline { device: self.describe(), detail: e.to_string() };
        let out_of_paper = || Error::PrinterOutOfPaper { device: self.describe() };
        let checked = |state: Option<PaperState>| state.ok_or_else(out_of_paper);
        match self {
            Target::Tcp { host, port, ask_status } => {
                let addrs = (host.as_str(), *port).to_socket_addrs().map_err(offline)?;
                let mut last = std::io::Error::new(std::io::ErrorKind::NotFound, "no address");
                for addr in addrs {
                    match TcpStream::connect_timeout(&addr, TCP_TIMEOUT) {
                        Ok(mut s) => {
                            s.set_write_timeout(Some(TCP_TIMEOUT)).map_err(offline)?;
                            s.set_nodelay(true).map_err(offline)?;
                            let paper = if *ask_status {
                                checked(ask_paper(&mut s).map_err(offline)?)?
                            } else {
                                PaperState::Unknown
                            };
                            s.write_all(bytes).map_err(offline)?;
                            s.flush().map_err(offline)?;
                            // A clean close, so the printer knows the job is whole.
                            s.shutdown(std::net::Shutdown::Write).map_err(offline)?;
                            return Ok(paper);
                        }
                        Err(e) => last = e,
                    }
                }
                Err(offline(last))
            }
            Target::Serial { path, baud, ask_status } => {
                let mut f = open_serial(path, *baud, *ask_status).map_err(offline)?;
                let paper =
                    if *ask_status { checked(ask_paper(&mut f).map_err(offline)?)? } else { PaperState::Unknown };
                f.write_all(bytes).map_err(offline)?;
                f.flush().map_err(offline)?;
                rustix::termios::tcdrain(&f).map_err(|e| offline(e.into()))?;
                Ok(paper)
            }
            Target::File { path } => {
                let mut f = std::fs::OpenOptions::new().create(true).append(true).open(path).map_err(offline)?;
                let written = f.write_all(bytes).and_then(|_| f.flush());
                match written {
                    // usblp refuses writes with ENOSPC while the paper is out; on a device, "no
                    // space" can only mean that.
                    Err(e) if e.kind() == std::io::ErrorKind::StorageFull && is_device(&f) => Err(out_of_paper()),
                    Err(e) => Err(offline(e)),
                    Ok(()) => Ok(PaperState::Unknown),
                }
            }
            Target::Usb { address, ask_status } => super::usb::send(address, bytes, *ask_status),
        }
    }
}

fn is_device(f: &File) -> bool {
    use std::os::unix::fs::FileTypeExt;
    f.metadata().map(|m| m.file_type().is_char_device()).unwrap_or(false)
}

/// Ask the paper sensor and wait up to [`STATUS_WAIT`] for the answer: `Ok(None)` for paper out,
/// `Ok(Some(Unknown))` when the printer says nothing (many print servers pass no data back).
/// `port` must time out its reads (a TCP read timeout, or a tty opened for reading).
fn ask_paper<P: std::io::Read + Write + WaitForStatus>(port: &mut P) -> std::io::Result<Option<PaperState>> {
    port.write_all(&ASK_PAPER)?;
    port.flush()?;
    port.prepare_wait()?;
    let deadline = std::time::Instant::now() + STATUS_WAIT;
    let mut b = [0u8; 1];
    while std::time::Instant::now() < deadline {
        match port.read(&mut b) {
            Ok(0) if port.eof_is_final() => break,
            Ok(0) => continue,
            Ok(_) => match paper_from_status(b[0]) {
                Some(state) => return Ok(state),
                // Not a status byte (a printer echoing, or line noise): keep listening.
                None => continue,
            },
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => break,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(Some(PaperState::Unknown))
}

/// How a port waits for the printer's answer.
trait WaitForStatus {
    fn prepare_wait(&mut self) -> std::io::Result<()>;
    /// A read of 0 bytes means the other side has gone (TCP), not "nothing yet" (a tty in VTIME mode).
    fn eof_is_final(&self) -> bool;
}

impl WaitForStatus for TcpStream {
    fn prepare_wait(&mut self) -> std::io::Result<()> {
        self.set_read_timeout(Some(STATUS_WAIT))
    }
    fn eof_is_final(&self) -> bool {
        true
    }
}

impl WaitForStatus for File {
    fn prepare_wait(&mut self) -> std::io::Result<()> {
        // The tty was opened for reading: reads return after 0.1 s without data.
        Ok(())
    }
    fn eof_is_final(&self) -> bool {
        false
    }
}

/// The baud rates serial printers and scanners use.
pub fn parse_baud(text: &str, field: &str) -> Result<u32> {
    match text.trim().parse::<u32>() {
        Ok(b @ (1200 | 2400 | 4800 | 9600 | 19200 | 38400 | 57600 | 115200)) => Ok(b),
        _ => Err(Error::invalid(
            field,
            format!("`{text}`: baud is 1200, 2400, 4800, 9600, 19200, 38400, 57600 or 115200"),
        )),
    }
}

/// Open a tty, set raw mode (no echo, no line editing, no CR/LF translation, 8 bits) and the baud.
/// For reading, reads return after 0.1 s without data, so a reader can notice a device gone.
pub(crate) fn open_serial(path: &Path, baud: u32, for_reading: bool) -> std::io::Result<File> {
    use rustix::fs::{Mode, OFlags};
    use rustix::termios::{self, ControlModes, OptionalActions, SpecialCodeIndex};
    // Non-blocking open: a real port without a modem's carrier signal would otherwise block here
    // until one appears. CLOCAL then says to ignore the carrier, and the port blocks again.
    let flags = OFlags::RDWR | OFlags::NOCTTY | OFlags::CLOEXEC | OFlags::NONBLOCK;
    let fd = rustix::fs::open(path, flags, Mode::empty())?;
    let mut tio = termios::tcgetattr(&fd)?;
    tio.make_raw();
    tio.control_modes |= ControlModes::CLOCAL | ControlModes::CREAD;
    tio.set_speed(baud)?;
    if for_reading {
        tio.special_codes[SpecialCodeIndex::VMIN] = 0;
        tio.special_codes[SpecialCodeIndex::VTIME] = 1;
    }
    termios::tcsetattr(&fd, OptionalActions::Now, &tio)?;
    rustix::fs::fcntl_setfl(&fd, rustix::fs::fcntl_getfl(&fd)? - OFlags::NONBLOCK)?;
    Ok(File::from(fd))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_people_write() {
        assert_eq!(
            Target::parse("tcp://192.168.1.50", "to").unwrap(),
            Target::Tcp { host: "192.168.1.50".into(), port: 9100, ask_status: true }
        );
        assert_eq!(
            Target::parse("tcp://printer:9101", "to").unwrap(),
            Target::Tcp { host: "printer".into(), port: 9101, ask_status: true }
        );
        assert_eq!(
            Target::parse("tcp://printer:9101?status=off", "to").unwrap(),
            Target::Tcp { host: "printer".into(), port: 9101, ask_status: false }
        );
        assert_eq!(
            Target::parse("serial:///dev/ttyUSB0?baud=19200", "to").unwrap(),
            Target::Serial { path: "/dev/ttyUSB0".into(), baud: 19200, ask_status: true }
        );
        assert_eq!(
            Target::parse("serial:///dev/ttyUSB0?baud=19200&status=off", "to").unwrap(),
            Target::Serial { path: "/dev/ttyUSB0".into(), baud: 19200, ask_status: false }
        );
        assert_eq!(
            Target::parse("serial:///dev/ttyUSB0?baud=19200&status=off", "to").unwrap().describe(),
            "serial:///dev/ttyUSB0?baud=19200&status=off"
        );
        assert!(Target::parse("tcp://printer?baud=9600", "to").is_err());
        assert!(Target::parse("serial:///dev/ttyS0?status=maybe", "to").is_err());
        assert_eq!(Target::parse("/dev/usb/lp0", "to").unwrap(), Target::File { path: "/dev/usb/lp0".into() });
        assert_eq!(Target::parse("tcp://host:99999", "to").unwrap_err().field(), Some("to"));
        assert!(Target::parse("serial:///dev/ttyS0?baud=1234", "to").is_err());
        assert!(Target::parse("usb://x", "to").is_err());
        let usb = Target::parse("usb:04b8:0202:J7SF012345?status=off", "to").unwrap();
        assert_eq!(usb.describe(), "usb:04b8:0202:J7SF012345?status=off");
        assert_eq!(Target::parse(&usb.describe(), "to").unwrap(), usb);
        assert!(Target::parse("usb:04b8:0202?baud=9600", "to").is_err());
    }

    #[test]
    fn the_paper_sensor_status_byte() {
        // Fixed bits 0x12; 0x0C near end; 0x60 out (ESC/POS DLE EOT 4).
        assert_eq!(paper_from_status(0x12), Some(Some(PaperState::Ok)));
        assert_eq!(paper_from_status(0x1E), Some(Some(PaperState::Low)));
        assert_eq!(paper_from_status(0x72), Some(None));
        assert_eq!(paper_from_status(0x7E), Some(None));
        assert_eq!(paper_from_status(b'A'), None);
        assert_eq!(paper_from_status(0x00), None);
    }
}
