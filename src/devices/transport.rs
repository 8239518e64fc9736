//! Where printer bytes go: a network printer (TCP, port 9100), a serial port (a tty set to raw mode
//! at a baud rate) or a file / spool device. A printer that cannot be reached is
//! [`Error::PrinterOffline`]; nothing about the sale changes, so printing can simply be repeated.

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

/// A printer's address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Target {
    /// `tcp://host[:port]`.
    Tcp { host: String, port: u16 },
    /// `serial:///dev/ttyUSB0[?baud=9600]`.
    Serial { path: PathBuf, baud: u32 },
    /// `file:///path` or a plain path: a spool file or a device such as /dev/usb/lp0.
    File { path: PathBuf },
}

impl Target {
    /// Read an address given by a person: `tcp://192.168.1.50`, `tcp://printer:9100`,
    /// `serial:///dev/ttyUSB0?baud=19200`, `file:///tmp/receipt.bin` or `/dev/usb/lp0`.
    pub fn parse(text: &str, field: &str) -> Result<Target> {
        let t = text.trim();
        let bad = |why: &str| Error::invalid(field, format!("`{text}`: {why}"));
        if let Some(rest) = t.strip_prefix("tcp://") {
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
            return Ok(Target::Tcp { host: host.trim_matches(['[', ']']).to_string(), port });
        }
        if let Some(rest) = t.strip_prefix("serial://") {
            let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
            let baud = match query.strip_prefix("baud=") {
                Some(b) => parse_baud(b, field)?,
                None if query.is_empty() => BAUD_DEFAULT,
                None => return Err(bad("serial://PATH[?baud=9600]")),
            };
            if path.is_empty() {
                return Err(bad("serial://PATH[?baud=9600]"));
            }
            return Ok(Target::Serial { path: PathBuf::from(path), baud });
        }
        let path = t.strip_prefix("file://").unwrap_or(t);
        if path.is_empty() || path.contains("://") {
            return Err(bad("tcp://HOST[:PORT], serial://PATH[?baud=N] or file://PATH"));
        }
        Ok(Target::File { path: PathBuf::from(path) })
    }

    /// The address as a person writes it (for messages).
    pub fn describe(&self) -> String {
        match self {
            Target::Tcp { host, port } => format!("tcp://{host}:{port}"),
            Target::Serial { path, baud } => format!("serial://{}?baud={baud}", path.display()),
            Target::File { path } => format!("file://{}", path.display()),
        }
    }

    /// Send `bytes` whole, or fail with [`Error::PrinterOffline`].
    pub fn send(&self, bytes: &[u8]) -> Result<()> {
        let offline = |e: std::io::Error| Error::PrinterOffline { device: self.describe(), detail: e.to_string() };
        match self {
            Target::Tcp { host, port } => {
                let addrs = (host.as_str(), *port).to_socket_addrs().map_err(offline)?;
                let mut last = std::io::Error::new(std::io::ErrorKind::NotFound, "no address");
                for addr in addrs {
                    match TcpStream::connect_timeout(&addr, TCP_TIMEOUT) {
                        Ok(mut s) => {
                            s.set_write_timeout(Some(TCP_TIMEOUT)).map_err(offline)?;
                            s.set_nodelay(true).map_err(offline)?;
                            s.write_all(bytes).map_err(offline)?;
                            s.flush().map_err(offline)?;
                            // A clean close, so the printer knows the job is whole.
                            s.shutdown(std::net::Shutdown::Write).map_err(offline)?;
                            return Ok(());
                        }
                        Err(e) => last = e,
                    }
                }
                Err(offline(last))
            }
            Target::Serial { path, baud } => {
                let mut f = open_serial(path, *baud, false).map_err(offline)?;
                f.write_all(bytes).map_err(offline)?;
                f.flush().map_err(offline)?;
                rustix::termios::tcdrain(&f).map_err(|e| offline(e.into()))?;
                Ok(())
            }
            Target::File { path } => {
                let mut f = std::fs::OpenOptions::new().create(true).append(true).open(path).map_err(offline)?;
                f.write_all(bytes).map_err(offline)?;
                f.flush().map_err(offline)?;
                Ok(())
            }
        }
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
            Target::Tcp { host: "192.168.1.50".into(), port: 9100 }
        );
        assert_eq!(
            Target::parse("tcp://printer:9101", "to").unwrap(),
            Target::Tcp { host: "printer".into(), port: 9101 }
        );
        assert_eq!(
            Target::parse("serial:///dev/ttyUSB0?baud=19200", "to").unwrap(),
            Target::Serial { path: "/dev/ttyUSB0".into(), baud: 19200 }
        );
        assert_eq!(Target::parse("/dev/usb/lp0", "to").unwrap(), Target::File { path: "/dev/usb/lp0".into() });
        assert_eq!(Target::parse("tcp://host:99999", "to").unwrap_err().field(), Some("to"));
        assert!(Target::parse("serial:///dev/ttyS0?baud=1234", "to").is_err());
        assert!(Target::parse("usb://x", "to").is_err());
    }
}
