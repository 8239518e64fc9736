//! A small, exact ESC/POS encoder: the commands a receipt needs and nothing else.
//!
//! Text goes out in code page 858 (Latin-1 with the euro sign), which every common thermal printer
//! carries; text outside it is refused by [`encode_text`] rather than printed as garbage.

/// The code page selected with `ESC t 19`: PC858 (multilingual Latin with €).
pub const CODE_PAGE_PC858: u8 = 19;

/// Characters 0x80..=0xFF of code page 858, in byte order.
const PC858_HIGH: [char; 128] = [
    '\u{00c7}', '\u{00fc}', '\u{00e9}', '\u{00e2}', '\u{00e4}', '\u{00e0}', '\u{00e5}', '\u{00e7}', '\u{00ea}',
    '\u{00eb}', '\u{00e8}', '\u{00ef}', '\u{00ee}', '\u{00ec}', '\u{00c4}', '\u{00c5}', '\u{00c9}', '\u{00e6}',
    '\u{00c6}', '\u{00f4}', '\u{00f6}', '\u{00f2}', '\u{00fb}', '\u{00f9}', '\u{00ff}', '\u{00d6}', '\u{00dc}',
    '\u{00f8}', '\u{00a3}', '\u{00d8}', '\u{00d7}', '\u{0192}', '\u{00e1}', '\u{00ed}', '\u{00f3}', '\u{00fa}',
    '\u{00f1}', '\u{00d1}', '\u{00aa}', '\u{00ba}', '\u{00bf}', '\u{00ae}', '\u{00ac}', '\u{00bd}', '\u{00bc}',
    '\u{00a1}', '\u{00ab}', '\u{00bb}', '\u{2591}', '\u{2592}', '\u{2593}', '\u{2502}', '\u{2524}', '\u{00c1}',
    '\u{00c2}', '\u{00c0}', '\u{00a9}', '\u{2563}', '\u{2551}', '\u{2557}', '\u{255d}', '\u{00a2}', '\u{00a5}',
    '\u{2510}', '\u{2514}', '\u{2534}', '\u{252c}', '\u{251c}', '\u{2500}', '\u{253c}', '\u{00e3}', '\u{00c3}',
    '\u{255a}', '\u{2554}', '\u{2569}', '\u{2566}', '\u{2560}', '\u{2550}', '\u{256c}', '\u{00a4}', '\u{00f0}',
    '\u{00d0}', '\u{00ca}', '\u{00cb}', '\u{00c8}', '\u{20ac}', '\u{00cd}', '\u{00ce}', '\u{00cf}', '\u{2518}',
    '\u{250c}', '\u{2588}', '\u{2584}', '\u{00a6}', '\u{00cc}', '\u{2580}', '\u{00d3}', '\u{00df}', '\u{00d4}',
    '\u{00d2}', '\u{00f5}', '\u{00d5}', '\u{00b5}', '\u{00fe}', '\u{00de}', '\u{00da}', '\u{00db}', '\u{00d9}',
    '\u{00fd}', '\u{00dd}', '\u{00af}', '\u{00b4}', '\u{00ad}', '\u{00b1}', '\u{2017}', '\u{00be}', '\u{00b6}',
    '\u{00a7}', '\u{00f7}', '\u{00b8}', '\u{00b0}', '\u{00a8}', '\u{00b7}', '\u{00b9}', '\u{00b3}', '\u{00b2}',
    '\u{25a0}', '\u{00a0}',
];

/// The byte for a character in code page 858, if it has one.
/// Control characters have none: a product name must never smuggle a printer command in.
pub fn pc858_byte(c: char) -> Option<u8> {
    if (c as u32) < 0x20 || c == '\u{7f}' {
        return None;
    }
    if (c as u32) < 0x80 {
        return Some(c as u8);
    }
    PC858_HIGH.iter().position(|h| *h == c).map(|i| 0x80 + i as u8)
}

/// The character a byte of code page 858 stands for.
pub fn pc858_char(b: u8) -> char {
    if b < 0x80 {
        b as char
    } else {
        PC858_HIGH[(b - 0x80) as usize]
    }
}

/// Text in code page 858, or the first character it cannot hold.
pub fn encode_text(text: &str) -> Result<Vec<u8>, char> {
    text.chars().map(|c| pc858_byte(c).ok_or(c)).collect()
}

/// Alignment for `ESC a`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left = 0,
    Center = 1,
    Right = 2,
}

/// An ESC/POS byte stream under construction.
#[derive(Debug, Default, Clone)]
pub struct Stream {
    bytes: Vec<u8>,
}

impl Stream {
    /// `ESC @` (reset) then `ESC t n` (code page).
    pub fn new(code_page: u8) -> Stream {
        let mut s = Stream { bytes: Vec::with_capacity(2048) };
        s.bytes.extend_from_slice(&[0x1B, b'@', 0x1B, b't', code_page]);
        s
    }

    pub fn align(&mut self, a: Align) -> &mut Self {
        self.bytes.extend_from_slice(&[0x1B, b'a', a as u8]);
        self
    }

    /// `ESC E n`: emphasis on or off.
    pub fn bold(&mut self, on: bool) -> &mut Self {
        self.bytes.extend_from_slice(&[0x1B, b'E', on as u8]);
        self
    }

    /// `GS ! n`: character size, 1 or 2 times in each direction.
    pub fn size(&mut self, double_width: bool, double_height: bool) -> &mut Self {
        let n = ((double_width as u8) << 4) | double_height as u8;
        self.bytes.extend_from_slice(&[0x1D, b'!', n]);
        self
    }

    /// Already encoded text and a line feed.
    pub fn line_bytes(&mut self, text: &[u8]) -> &mut Self {
        self.bytes.extend_from_slice(text);
        self.bytes.push(b'\n');
        self
    }

    /// `ESC d n`: print and feed n lines.
    pub fn feed(&mut self, lines: u8) -> &mut Self {
        self.bytes.extend_from_slice(&[0x1B, b'd', lines]);
        self
    }

    /// A Code128 barcode in code set B (printable ASCII), with its text printed below:
    /// `GS h` height, `GS w` module width, `GS H 2` text below, `GS k 73 n {B data`.
    /// Returns false (and writes nothing) when the data is not printable ASCII or too long.
    pub fn code128(&mut self, data: &str) -> bool {
        if data.is_empty() || data.len() > 253 || !data.bytes().all(|b| (0x20..0x7F).contains(&b)) || data.contains('{')
        {
            return false;
        }
        self.bytes.extend_from_slice(&[0x1D, b'h', 80, 0x1D, b'w', 2, 0x1D, b'H', 2]);
        self.bytes.extend_from_slice(&[0x1D, b'k', 73, (data.len() + 2) as u8, b'{', b'B']);
        self.bytes.extend_from_slice(data.as_bytes());
        self.bytes.push(b'\n');
        true
    }

    /// `GS v 0 0 xL xH yL yH d…`: a 1-bit image, rows of `width_dots / 8` bytes, 1 = black.
    pub fn raster(&mut self, image: &super::raster::Raster) -> &mut Self {
        let x = image.width_dots / 8;
        let y = image.height_dots;
        self.bytes.extend_from_slice(&[0x1D, b'v', b'0', 0, (x & 0xFF) as u8, (x >> 8) as u8]);
        self.bytes.extend_from_slice(&[(y & 0xFF) as u8, (y >> 8) as u8]);
        self.bytes.extend_from_slice(&image.bits);
        self
    }

    /// `ESC p 0 25 250`: pulse the cash drawer on pin 2 (50 ms on, 500 ms off).
    pub fn kick_drawer(&mut self) -> &mut Self {
        self.bytes.extend_from_slice(&[0x1B, b'p', 0, 25, 250]);
        self
    }

    /// Feed past the tear bar, then `GS V 1`: partial cut.
    pub fn cut(&mut self) -> &mut Self {
        self.feed(4);
        self.bytes.extend_from_slice(&[0x1D, b'V', 1]);
        self
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_page_858_round_trips_its_own_characters() {
        for b in (0x20u8..=255).filter(|b| *b != 0x7F) {
            assert_eq!(pc858_byte(pc858_char(b)), Some(b), "byte {b:#x}");
        }
        assert_eq!(pc858_byte('€'), Some(0xD5));
        assert_eq!(pc858_byte('ñ'), Some(0xA4));
        assert_eq!(encode_text("ราคา"), Err('ร'));
        assert_eq!(encode_text("a\u{1b}@"), Err('\u{1b}'));
    }
}
