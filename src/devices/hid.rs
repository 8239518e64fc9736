//! USB HID barcode scanners, read from the kernel's raw HID device (`/dev/hidraw0`), decoded into the
//! same codes the serial scanner and the keyboard wedge give.
//!
//! Two report formats:
//! - **keyboard emulation** (the factory setting of most scanners): 8-byte boot keyboard reports,
//!   a modifier byte (bit 1 / bit 5: shift), a reserved byte and up to six key usage ids (HID
//!   Usage Tables, page 7). A key counts when it appears (a report without it releases it); Enter
//!   ends the code.
//! - **HID POS** (usage page 0x8C, "Scanned Data Report", as Honeywell, Zebra and Datalogic send it):
//!   64-byte reports, byte 0 the report id 0x02, byte 1 the length of the data in this report,
//!   bytes 2-4 the AIM symbology identifier (`]E0` for EAN-13), bytes 5.. the data (at most 56),
//!   and bit 0 of byte 63 set when the code continues in the next report.
//!
//! A scanner address reads `hid:/dev/hidraw0` (keyboard emulation) or `hidpos:/dev/hidraw0`.

use std::path::PathBuf;

use serde::Serialize;

/// The report format a HID scanner sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HidKind {
    Keyboard,
    Pos,
}

impl HidKind {
    /// The length of one input report.
    pub fn report_len(self) -> usize {
        match self {
            HidKind::Keyboard => 8,
            HidKind::Pos => 64,
        }
    }

    fn prefix(self) -> &'static str {
        match self {
            HidKind::Keyboard => "hid:",
            HidKind::Pos => "hidpos:",
        }
    }
}

/// The HID scanner a scanner port names, if it names one: `hid:PATH` or `hidpos:PATH`.
pub fn hid_port(port: &std::path::Path) -> Option<(HidKind, PathBuf)> {
    let text = port.to_str()?;
    [HidKind::Pos, HidKind::Keyboard]
        .into_iter()
        .find_map(|k| text.strip_prefix(k.prefix()).filter(|p| !p.is_empty()).map(|p| (k, PathBuf::from(p))))
}

/// The port text of a HID scanner at `path`.
pub fn port_text(kind: HidKind, path: &std::path::Path) -> String {
    format!("{}{}", kind.prefix(), path.display())
}

/// The character a key makes on a US layout (what scanners emulate), with or without shift.
pub fn key_char(usage: u8, shift: bool) -> Option<char> {
    const SHIFTED_DIGITS: &[u8; 10] = b"!@#$%^&*()";
    Some(match usage {
        0x04..=0x1D => {
            let c = (b'a' + usage - 0x04) as char;
            if shift {
                c.to_ascii_uppercase()
            } else {
                c
            }
        }
        0x1E..=0x27 => {
            let i = (usage - 0x1E) as usize; // 1..9, 0
            if shift {
                SHIFTED_DIGITS[i] as char
            } else {
                b"1234567890"[i] as char
            }
        }
        0x2C => ' ',
        0x2D => pick(shift, '-', '_'),
        0x2E => pick(shift, '=', '+'),
        0x2F => pick(shift, '[', '{'),
        0x30 => pick(shift, ']', '}'),
        0x31 => pick(shift, '\\', '|'),
        0x33 => pick(shift, ';', ':'),
        0x34 => pick(shift, '\'', '"'),
        0x35 => pick(shift, '`', '~'),
        0x36 => pick(shift, ',', '<'),
        0x37 => pick(shift, '.', '>'),
        0x38 => pick(shift, '/', '?'),
        0x54 => '/',
        0x55 => '*',
        0x56 => '-',
        0x57 => '+',
        0x59..=0x61 => (b'1' + usage - 0x59) as char,
        0x62 => '0',
        0x63 => '.',
        _ => return None,
    })
}

fn pick(shift: bool, plain: char, shifted: char) -> char {
    if shift {
        shifted
    } else {
        plain
    }
}

const KEY_ENTER: u8 = 0x28;
const KEYPAD_ENTER: u8 = 0x58;
const SHIFT_BITS: u8 = 0x02 | 0x20;
/// The Scanned Data Report's id (HID POS).
pub const POS_SCANNED_DATA: u8 = 0x02;
const POS_DATA_MAX: usize = 56;

/// Turns a stream of HID input reports into codes.
#[derive(Debug, Clone)]
pub struct HidDecoder {
    kind: HidKind,
    /// Bytes of a report not yet whole.
    partial: Vec<u8>,
    /// The code being typed or sent in pieces.
    text: String,
    /// The keys down in the last keyboard report.
    down: Vec<u8>,
}

impl HidDecoder {
    pub fn new(kind: HidKind) -> HidDecoder {
        HidDecoder { kind, partial: Vec::new(), text: String::new(), down: Vec::new() }
    }

    /// Feed bytes as read (whole reports from hidraw, or any split of them); the codes completed.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<String> {
        self.partial.extend_from_slice(bytes);
        let len = self.kind.report_len();
        let mut codes = Vec::new();
        while self.partial.len() >= len {
            let report: Vec<u8> = self.partial.drain(..len).collect();
            let code = match self.kind {
                HidKind::Keyboard => self.keyboard(&report),
                HidKind::Pos => self.pos(&report),
            };
            codes.extend(code);
        }
        codes
    }

    /// Forget a half-read code (the device went away).
    pub fn reset(&mut self) {
        self.partial.clear();
        self.text.clear();
        self.down.clear();
    }

    fn finish(&mut self) -> Option<String> {
        let code = std::mem::take(&mut self.text);
        (!code.is_empty()).then_some(code)
    }

    fn keyboard(&mut self, r: &[u8]) -> Option<String> {
        let shift = r[0] & SHIFT_BITS != 0;
        // 0x01..0x03: rollover / errors, not keys.
        let keys: Vec<u8> = r[2..].iter().copied().filter(|&k| k > 0x03).collect();
        let mut done = None;
        for &k in &keys {
            if self.down.contains(&k) {
                continue;
            }
            if k == KEY_ENTER || k == KEYPAD_ENTER {
                done = self.finish();
            } else if let Some(c) = key_char(k, shift) {
                if self.text.len() < super::scanner::CODE_LEN_MAX {
                    self.text.push(c);
                }
            }
        }
        self.down = keys;
        done
    }

    fn pos(&mut self, r: &[u8]) -> Option<String> {
        if r[0] != POS_SCANNED_DATA {
            return None;
        }
        let len = (r[1] as usize).min(POS_DATA_MAX);
        let data = &r[5..5 + len];
        let piece: String = String::from_utf8_lossy(data).chars().filter(|c| !c.is_control()).collect();
        if self.text.len() + piece.len() <= super::scanner::CODE_LEN_MAX {
            self.text.push_str(&piece);
        }
        if r[63] & 0x01 != 0 {
            return None;
        }
        self.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ports_name_the_report_format() {
        assert_eq!(hid_port("hid:/dev/hidraw0".as_ref()), Some((HidKind::Keyboard, "/dev/hidraw0".into())));
        assert_eq!(hid_port("hidpos:/dev/hidraw3".as_ref()), Some((HidKind::Pos, "/dev/hidraw3".into())));
        assert_eq!(hid_port("/dev/ttyUSB0".as_ref()), None);
        assert_eq!(hid_port("hid:".as_ref()), None);
        assert_eq!(port_text(HidKind::Pos, "/dev/hidraw3".as_ref()), "hidpos:/dev/hidraw3");
    }

    #[test]
    fn keys_on_a_us_layout() {
        assert_eq!(key_char(0x04, false), Some('a'));
        assert_eq!(key_char(0x1D, true), Some('Z'));
        assert_eq!(key_char(0x27, false), Some('0'));
        assert_eq!(key_char(0x1E, true), Some('!'));
        assert_eq!(key_char(0x2D, false), Some('-'));
        assert_eq!(key_char(0x62, false), Some('0'));
        assert_eq!(key_char(0x28, false), None);
    }
}
