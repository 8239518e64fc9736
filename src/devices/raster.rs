//! Text a receipt printer's code page cannot hold (Arabic, Thai, Chinese), shaped and drawn as a
//! 1-bit image for ESC/POS `GS v 0`: split into bidi runs (`unicode-bidi`), each run shaped with
//! `rustybuzz` in the first font that has its characters, outlines filled by `ab_glyph_rasterizer`.
//!
//! Fonts are the system's Noto fonts (Debian `fonts-noto-core`, `fonts-noto-cjk`), read once per
//! process; `ONEBOOK_FONT_DIR` adds a folder searched first. A character no font has is refused,
//! never drawn as an empty box.

use rustybuzz::ttf_parser;
use unicode_bidi::{BidiInfo, Level};

use crate::fonts::{is_neutral, Slot};
use crate::i18n::Locale;

fn chain(locale: Locale) -> [Slot; 4] {
    crate::fonts::chain(locale, false)
}

/// Dots per character column of the printer's standard font (12 x 24).
pub const DOTS_PER_COLUMN: usize = 12;
/// Height of one raster text line in dots (the standard line is 24 + spacing).
pub const LINE_DOTS: usize = 34;
/// Glyph size in dots per em.
const EM_DOTS: f32 = 24.0;
/// Baseline from the top of a line, in dots.
const BASELINE_DOTS: f32 = 25.0;

/// A 1-bit image, rows of `width_dots / 8` bytes, most significant bit leftmost, 1 = black.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Raster {
    pub width_dots: usize,
    pub height_dots: usize,
    pub bits: Vec<u8>,
}

impl Raster {
    fn new(width_dots: usize, height_dots: usize) -> Raster {
        let width_dots = width_dots.div_ceil(8) * 8;
        Raster { width_dots, height_dots, bits: vec![0; width_dots / 8 * height_dots] }
    }

    fn set(&mut self, x: usize, y: usize) {
        if x < self.width_dots && y < self.height_dots {
            self.bits[y * self.width_dots / 8 + x / 8] |= 0x80 >> (x % 8);
        }
    }

    /// Is the dot black?
    pub fn get(&self, x: usize, y: usize) -> bool {
        self.bits[y * self.width_dots / 8 + x / 8] & (0x80 >> (x % 8)) != 0
    }

    /// How many dots are black (a blank image prints nothing).
    pub fn ink(&self) -> usize {
        self.bits.iter().map(|b| b.count_ones() as usize).sum()
    }
}

/// The first character of `text` no font has.
pub fn missing_char(text: &str, locale: Locale) -> Option<char> {
    let fonts = chain(locale);
    text.chars().find(|c| !c.is_whitespace() && !fonts.iter().any(|s| s.has(*c)))
}

struct Placed {
    slot: Slot,
    glyph: u16,
    x: f32,
    y: f32,
}

/// Shape one line: glyphs placed left to right from x = 0, and the line's width in dots.
fn shape(text: &str, locale: Locale) -> (Vec<Placed>, f32) {
    let fonts = chain(locale);
    // The direction of a piece is that of its first strong character; a piece with none is a
    // figure or a date, read left to right in every language (`2026-11-23 02:58`).
    let level = match unicode_bidi::get_base_direction(text) {
        unicode_bidi::Direction::Rtl => Level::rtl(),
        _ => Level::ltr(),
    };
    let info = BidiInfo::new(text, Some(level));
    let mut placed = vec![];
    let mut pen = 0.0f32;
    let Some(para) = info.paragraphs.first() else { return (placed, 0.0) };
    let (levels, runs) = info.visual_runs(para, para.range.clone());
    for run in runs {
        let rtl = levels[run.start].is_rtl();
        let run_text = &text[run.clone()];
        // Split the run where the font changes; neutral characters stay with their neighbours.
        let mut segments: Vec<(Slot, String)> = vec![];
        for c in run_text.chars() {
            let own = fonts.iter().copied().find(|s| s.has(c));
            let has = |slot: Slot| slot.has(c);
            let slot = match (segments.last(), own) {
                (Some((last, _)), _) if is_neutral(c) && (has(*last) || c.is_whitespace()) => *last,
                (_, Some(s)) => s,
                (Some((last, _)), None) => *last,
                (None, None) => Slot::Latin,
            };
            match segments.last_mut() {
                Some((s, t)) if *s == slot => t.push(c),
                _ => segments.push((slot, c.to_string())),
            }
        }
        if rtl {
            segments.reverse();
        }
        for (slot, seg) in segments {
            let Some(face) = slot.font().map(|f| &f.face) else { continue };
            let scale = EM_DOTS / face.units_per_em() as f32;
            let mut buffer = rustybuzz::UnicodeBuffer::new();
            buffer.push_str(&seg);
            buffer.set_direction(if rtl {
                rustybuzz::Direction::RightToLeft
            } else {
                rustybuzz::Direction::LeftToRight
            });
            buffer.guess_segment_properties();
            let out = rustybuzz::shape(face, &[], buffer);
            for (info, pos) in out.glyph_infos().iter().zip(out.glyph_positions()) {
                placed.push(Placed {
                    slot,
                    glyph: info.glyph_id as u16,
                    x: pen + pos.x_offset as f32 * scale,
                    y: pos.y_offset as f32 * scale,
                });
                pen += pos.x_advance as f32 * scale;
            }
        }
    }
    (placed, pen)
}

/// The width of `text` in dots once shaped.
pub fn width_dots(text: &str, locale: Locale) -> usize {
    shape(text, locale).1.ceil() as usize
}

/// Where a piece of text goes on its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Left,
    Center,
    Right,
}

struct Outline<'a> {
    r: &'a mut ab_glyph_rasterizer::Rasterizer,
    scale: f32,
    dx: f32,
    dy: f32,
    last: ab_glyph_rasterizer::Point,
    start: ab_glyph_rasterizer::Point,
}

impl Outline<'_> {
    fn pt(&self, x: f32, y: f32) -> ab_glyph_rasterizer::Point {
        // Font units grow upwards; dots grow downwards from the top of the line.
        ab_glyph_rasterizer::point(self.dx + x * self.scale, self.dy - y * self.scale)
    }
}

impl ttf_parser::OutlineBuilder for Outline<'_> {
    fn move_to(&mut self, x: f32, y: f32) {
        self.last = self.pt(x, y);
        self.start = self.last;
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let p = self.pt(x, y);
        self.r.draw_line(self.last, p);
        self.last = p;
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (c, p) = (self.pt(x1, y1), self.pt(x, y));
        self.r.draw_quad(self.last, c, p);
        self.last = p;
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let (c1, c2, p) = (self.pt(x1, y1), self.pt(x2, y2), self.pt(x, y));
        self.r.draw_cubic(self.last, c1, c2, p);
        self.last = p;
    }
    fn close(&mut self) {
        if self.last != self.start {
            self.r.draw_line(self.last, self.start);
        }
        self.last = self.start;
    }
}

/// One line of the paper, `width_dots` wide, with each piece of text drawn where it is placed.
/// Pieces that would overlap are the caller's to avoid (see [`width_dots`]).
pub fn line(pieces: &[(&str, Place)], width_dots: usize, locale: Locale) -> Raster {
    let mut r = ab_glyph_rasterizer::Rasterizer::new(width_dots, LINE_DOTS);
    for (text, place) in pieces {
        let (glyphs, w) = shape(text, locale);
        let left = match place {
            Place::Left => 0.0,
            Place::Center => ((width_dots as f32 - w) / 2.0).max(0.0),
            Place::Right => (width_dots as f32 - w).max(0.0),
        };
        for g in glyphs {
            let Some(face) = g.slot.font().map(|f| &f.face) else { continue };
            let scale = EM_DOTS / face.units_per_em() as f32;
            let origin = ab_glyph_rasterizer::point(0.0, 0.0);
            let mut o =
                Outline { r: &mut r, scale, dx: left + g.x, dy: BASELINE_DOTS - g.y, last: origin, start: origin };
            face.outline_glyph(ttf_parser::GlyphId(g.glyph), &mut o);
        }
    }
    let mut out = Raster::new(width_dots, LINE_DOTS);
    r.for_each_pixel_2d(|x, y, alpha| {
        if alpha >= 0.5 {
            out.set(x as usize, y as usize);
        }
    });
    out
}
