//! The Noto faces that receipts (src/devices/raster.rs) and invoices (src/invoice_pdf) shape
//! text with: read from disk once per process, whichever of the two needs them first.

use std::sync::OnceLock;

use rustybuzz::ttf_parser;

use crate::i18n::Locale;

/// The fonts tried in order for each character.
#[derive(Clone, Copy, PartialEq, Eq, Debug, PartialOrd, Ord)]
pub enum Slot {
    Latin,
    LatinBold,
    Arabic,
    Thai,
    CjkSc,
    CjkTc,
}

const FONT_DIRS: [&str; 2] = ["/usr/share/fonts/truetype/noto", "/usr/share/fonts/opentype/noto"];

/// A font read once per process: the file's bytes, the face's index in it, the shaping face.
pub struct LoadedFont {
    pub data: &'static [u8],
    pub index: u32,
    pub face: rustybuzz::Face<'static>,
    pub postscript_name: String,
}

impl Slot {
    fn file(self) -> &'static str {
        match self {
            Slot::Latin => "NotoSans-Regular.ttf",
            Slot::LatinBold => "NotoSans-Bold.ttf",
            Slot::Arabic => "NotoSansArabic-Regular.ttf",
            Slot::Thai => "NotoSansThai-Regular.ttf",
            Slot::CjkSc | Slot::CjkTc => "NotoSansCJK-Regular.ttc",
        }
    }

    fn family_hint(self) -> Option<&'static str> {
        match self {
            Slot::CjkSc => Some("CJK SC"),
            Slot::CjkTc => Some("CJK TC"),
            _ => None,
        }
    }

    pub fn font(self) -> Option<&'static LoadedFont> {
        static CELLS: [OnceLock<Option<LoadedFont>>; 6] =
            [OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new()];
        CELLS[self as usize].get_or_init(|| load(self)).as_ref()
    }

    pub fn has(self, c: char) -> bool {
        self.font().is_some_and(|f| f.face.glyph_index(c).is_some())
    }
}

fn load(slot: Slot) -> Option<LoadedFont> {
    let extra = std::env::var("ONEBOOK_FONT_DIR").ok();
    let dirs = extra.iter().map(String::as_str).chain(FONT_DIRS);
    let data = dirs.into_iter().find_map(|d| std::fs::read(std::path::Path::new(d).join(slot.file())).ok())?;
    // Read once per process and kept: every receipt and invoice shapes with the same faces.
    let data: &'static [u8] = Box::leak(data.into_boxed_slice());
    let count = ttf_parser::fonts_in_collection(data).unwrap_or(1);
    let family = |f: &ttf_parser::Face, id: u16| {
        f.names().into_iter().filter(|n| n.name_id == id).find_map(|n| n.to_string()).unwrap_or_default()
    };
    let index = match slot.family_hint() {
        Some(hint) => (0..count).find(|i| {
            ttf_parser::Face::parse(data, *i)
                .ok()
                .is_some_and(|f| family(&f, ttf_parser::name_id::FAMILY).contains(hint))
        })?,
        None => 0,
    };
    let face = rustybuzz::Face::from_slice(data, index)?;
    let mut postscript_name = family(&face, ttf_parser::name_id::POST_SCRIPT_NAME);
    postscript_name.retain(|c| c.is_ascii_alphanumeric() || c == '-');
    if postscript_name.is_empty() {
        postscript_name = format!("Font{}", slot as usize);
    }
    Some(LoadedFont { data, index, face, postscript_name })
}

/// The fonts tried in order for each character.
pub fn chain(locale: Locale, bold: bool) -> [Slot; 4] {
    let cjk = if locale == Locale::ZhTw { Slot::CjkTc } else { Slot::CjkSc };
    [if bold { Slot::LatinBold } else { Slot::Latin }, Slot::Arabic, Slot::Thai, cjk]
}

/// The first character of `text` no font has.
pub fn missing_char(text: &str, locale: Locale) -> Option<char> {
    let fonts = chain(locale, false);
    text.chars().find(|c| !c.is_whitespace() && !c.is_control() && !fonts.iter().any(|s| s.has(*c)))
}

/// Characters that take the font of the text around them rather than choosing one.
pub fn is_neutral(c: char) -> bool {
    c.is_whitespace() || c.is_ascii_punctuation() || c.is_ascii_digit() || ('\u{0300}'..='\u{036F}').contains(&c)
}
