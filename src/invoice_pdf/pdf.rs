//! A small PDF writer for shaped text in any script: pages of text and rules, fonts embedded as
//! subset CID fonts (`Identity-H`, one glyph id per code), and a `ToUnicode` map so the text can be
//! searched, copied and read back (`pdftotext`).
//!
//! Text is split into bidi runs (`unicode-bidi`); each run is shaped with `rustybuzz` in the first
//! font of the chain that has its characters, so Arabic is joined right to left and Thai marks sit
//! where the font puts them. Each font is subset (`subsetter`) to the glyphs drawn: a page of
//! Chinese embeds a few hundred glyphs of Noto Sans CJK, not the whole 19 MB collection.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;

use rustybuzz::ttf_parser;
use unicode_bidi::{BidiInfo, Level};

use crate::fonts::{chain, is_neutral, LoadedFont, Slot};
use crate::i18n::Locale;

/// A4 in points.
pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;

/// One glyph placed on a line, in em (multiply by the font size), left to right from 0.
struct Placed {
    slot: Slot,
    glyph: u16,
    x: f32,
    y: f32,
    /// The characters this glyph stands for (empty for the second glyph of a cluster).
    text: String,
    /// The width those characters take, in em (the cluster's advance).
    span: f32,
}

/// A shaped line of text: glyphs and the width in em.
pub struct Shaped {
    glyphs: Vec<Placed>,
    pub width_em: f32,
}

/// Shape one line: bidi runs in visual order, each split where the font changes.
pub fn shape(text: &str, locale: Locale, bold: bool) -> Shaped {
    let fonts = chain(locale, bold);
    let level = match unicode_bidi::get_base_direction(text) {
        unicode_bidi::Direction::Rtl => Level::rtl(),
        _ => Level::ltr(),
    };
    let info = BidiInfo::new(text, Some(level));
    let mut glyphs = vec![];
    let mut pen = 0.0f32;
    let Some(para) = info.paragraphs.first() else { return Shaped { glyphs, width_em: 0.0 } };
    let (levels, runs) = info.visual_runs(para, para.range.clone());
    for run in runs {
        let rtl = levels[run.start].is_rtl();
        let mut segments: Vec<(Slot, String)> = vec![];
        for c in text[run.clone()].chars() {
            let own = fonts.iter().copied().find(|s| s.has(c));
            let slot = match (segments.last(), own) {
                (Some((last, _)), _) if is_neutral(c) && (last.has(c) || c.is_whitespace()) => *last,
                (_, Some(s)) => s,
                (Some((last, _)), None) => *last,
                (None, None) => fonts[0],
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
            let Some(font) = slot.font() else { continue };
            let scale = 1.0 / font.face.units_per_em() as f32;
            let mut buffer = rustybuzz::UnicodeBuffer::new();
            buffer.push_str(&seg);
            buffer.set_direction(if rtl {
                rustybuzz::Direction::RightToLeft
            } else {
                rustybuzz::Direction::LeftToRight
            });
            buffer.guess_segment_properties();
            let out = rustybuzz::shape(&font.face, &[], buffer);
            let infos = out.glyph_infos();
            // The characters of each cluster go to its first glyph in logical order.
            let mut cluster_starts: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
            cluster_starts.sort_unstable();
            cluster_starts.dedup();
            let cluster_text = |start: usize| {
                let end = cluster_starts.iter().find(|s| **s > start).copied().unwrap_or(seg.len());
                seg[start..end].to_string()
            };
            // Each cluster's text goes to its leftmost glyph, which also spans the cluster's width
            // for text extraction; the cluster's other glyphs (Thai `ำ` is drawn as a mark and a
            // vowel) stand for nothing and take no room, so extractors see neither gap nor repeat.
            let positions = out.glyph_positions();
            let mut carrier: std::collections::HashMap<u32, usize> = std::collections::HashMap::new();
            let mut span: std::collections::HashMap<u32, i32> = std::collections::HashMap::new();
            for (i, info) in infos.iter().enumerate() {
                carrier.entry(info.cluster).or_insert(i);
                *span.entry(info.cluster).or_default() += positions[i].x_advance;
            }
            let mut texts = vec![(String::new(), 0.0f32); infos.len()];
            for (cluster, i) in carrier {
                // Text extractors read glyphs left to right and then reorder right-to-left
                // text by character, so a ligature's characters go in visual order too.
                let t = cluster_text(cluster as usize);
                let t = if rtl { t.chars().rev().collect() } else { t };
                texts[i] = (t, span[&cluster] as f32 * scale);
            }
            for ((info, pos), (text, span)) in infos.iter().zip(positions).zip(texts) {
                glyphs.push(Placed {
                    slot,
                    glyph: info.glyph_id as u16,
                    x: pen + pos.x_offset as f32 * scale,
                    y: pos.y_offset as f32 * scale,
                    text,
                    span,
                });
                pen += pos.x_advance as f32 * scale;
            }
        }
    }
    Shaped { glyphs, width_em: pen }
}

/// Glyphs used of one font: their ids in the subset (given as they are first drawn), and the codes
/// the content streams use with the glyph and text each stands for. In a TrueType font a glyph
/// drawn for different text gets a code per text (through `CIDToGIDMap`), so Thai `ำ` drawn as two
/// glyphs reads back as one `ำ` while the second glyph elsewhere still reads as `า`. CFF fonts
/// address glyphs by their id; there the first text drawn wins.
#[derive(Default)]
struct FontUse {
    remapper: subsetter::GlyphRemapper,
    /// (subset glyph id, text, width in 1/1000 em) -> code
    codes: BTreeMap<(u16, String, i64), u16>,
    /// code -> (subset glyph id, text, width in 1/1000 em)
    by_code: BTreeMap<u16, (u16, String, i64)>,
}

impl FontUse {
    /// The code to draw `glyph` standing for `text` (`span` em wide), and its width in em.
    fn code(&mut self, font: &LoadedFont, glyph: u16, text: &str, span: f32) -> (u16, f32) {
        let new_id = self.remapper.remap(glyph);
        if font.face.tables().cff.is_some() {
            let advance = font.face.glyph_hor_advance(ttf_parser::GlyphId(glyph)).unwrap_or(0) as f32
                / font.face.units_per_em() as f32;
            let w = (advance * 1000.0).round() as i64;
            let e = self.by_code.entry(new_id).or_insert_with(|| (new_id, String::new(), w));
            if e.1.is_empty() {
                e.1 = text.to_string();
            }
            return (new_id, w as f32 / 1000.0);
        }
        let w = (span * 1000.0).round() as i64;
        let key = (new_id, text.to_string(), w);
        if let Some(code) = self.codes.get(&key) {
            return (*code, w as f32 / 1000.0);
        }
        let code = self.by_code.len() as u16 + 1;
        self.codes.insert(key.clone(), code);
        self.by_code.insert(code, key);
        (code, w as f32 / 1000.0)
    }
}

/// A document being drawn: pages of content streams and the glyphs each font needs.
pub struct Pdf {
    pages: Vec<String>,
    fonts: BTreeMap<Slot, FontUse>,
}

/// Which way a text is anchored at its x.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Center,
}

impl Default for Pdf {
    fn default() -> Self {
        Pdf::new()
    }
}

impl Pdf {
    pub fn new() -> Pdf {
        Pdf { pages: vec![], fonts: BTreeMap::new() }
    }

    pub fn new_page(&mut self) {
        self.pages.push(String::new());
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    fn content(&mut self, page: usize) -> &mut String {
        &mut self.pages[page]
    }

    /// Draw shaped text on `page` at `x` with its baseline `y` points from the top of the page.
    pub fn text_on(&mut self, page: usize, shaped: &Shaped, (x, y): (f32, f32), size: f32, align: Align, grey: bool) {
        let left = match align {
            Align::Left => x,
            Align::Right => x - shaped.width_em * size,
            Align::Center => x - shaped.width_em * size / 2.0,
        };
        let base = PAGE_H - y;
        let mut out = String::new();
        out.push_str("BT\n");
        // The fill colour outlives `ET`: set it for every text.
        out.push_str(if grey { "0.4 g\n" } else { "0 g\n" });
        let mut current: Option<Slot> = None;
        // The pen where the open string would put the next glyph, to join glyphs into one `Tj`.
        let mut open: Option<(f32, f32)> = None;
        for g in &shaped.glyphs {
            let Some(font) = g.slot.font() else { continue };
            let entry = self.fonts.entry(g.slot).or_default();
            let (new_id, width) = entry.code(font, g.glyph, &g.text, g.span);
            let gx = left + g.x * size;
            let gy = base + g.y * size;
            let advance = width * size;
            let joins = current == Some(g.slot)
                && open.is_some_and(|(px, py)| (px - gx).abs() < 0.01 && (py - gy).abs() < 0.01);
            if !joins {
                if open.is_some() {
                    out.push_str("> Tj\n");
                }
                if current != Some(g.slot) {
                    let _ = writeln!(out, "/F{} {size:.2} Tf", g.slot as usize);
                    current = Some(g.slot);
                }
                let _ = write!(out, "1 0 0 1 {gx:.2} {gy:.2} Tm <");
            }
            let _ = write!(out, "{new_id:04X}");
            open = Some((gx + advance, gy));
        }
        if open.is_some() {
            out.push_str("> Tj\n");
        }
        out.push_str("ET\n");
        self.content(page).push_str(&out);
    }

    /// A horizontal rule from x0 to x1 at `y` from the top.
    pub fn rule(&mut self, page: usize, x0: f32, x1: f32, y: f32, width: f32) {
        let y = PAGE_H - y;
        let _ = writeln!(self.content(page), "{width:.2} w {x0:.2} {y:.2} m {x1:.2} {y:.2} l S");
    }

    /// A light grey band behind a table header.
    pub fn band(&mut self, page: usize, x: f32, y_top: f32, w: f32, h: f32) {
        let y = PAGE_H - y_top - h;
        let _ = writeln!(self.content(page), "q 0.92 g {x:.2} {y:.2} {w:.2} {h:.2} re f Q");
    }

    /// A rectangle filled with an RGB colour (each 0 to 1), its top `y_top` points from the top.
    pub fn fill_rect(&mut self, page: usize, (x, y_top): (f32, f32), (w, h): (f32, f32), (r, g, b): (f32, f32, f32)) {
        let y = PAGE_H - y_top - h;
        let _ = writeln!(self.content(page), "q {r:.3} {g:.3} {b:.3} rg {x:.2} {y:.2} {w:.2} {h:.2} re f Q");
    }

    /// A straight line between two points (y from the top), in a grey from 0 (black) to 1 (white).
    pub fn line(&mut self, page: usize, (x0, y0): (f32, f32), (x1, y1): (f32, f32), width: f32, grey: f32) {
        let (y0, y1) = (PAGE_H - y0, PAGE_H - y1);
        let _ = writeln!(self.content(page), "q {grey:.2} G {width:.2} w {x0:.2} {y0:.2} m {x1:.2} {y1:.2} l S Q");
    }

    /// The finished file. Fails only when a font cannot be subset.
    pub fn finish(self, title: &str) -> Result<Vec<u8>, String> {
        let mut w = Writer { out: Vec::new(), offsets: vec![] };
        w.out.extend_from_slice(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
        // Object numbers: 1 catalog, 2 pages, 3 info, then fonts, then pages and contents.
        let mut next = 4usize;
        let mut font_refs = vec![];
        let mut font_objects: Vec<(usize, Vec<u8>)> = vec![];
        for (slot, used) in &self.fonts {
            let Some(font) = slot.font() else { continue };
            let objs = font_objects_for(*slot, font, used, &mut next)?;
            font_refs.push((*slot as usize, objs.0));
            font_objects.extend(objs.1);
        }
        let mut page_ids = vec![];
        let mut page_objects = vec![];
        let font_dict: String = font_refs.iter().map(|(n, id)| format!("/F{n} {id} 0 R ")).collect();
        for content in &self.pages {
            let page_id = next;
            let content_id = next + 1;
            next += 2;
            page_ids.push(page_id);
            page_objects.push((
                page_id,
                format!(
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] /Resources << /Font << {font_dict}>> >> /Contents {content_id} 0 R >>"
                )
                .into_bytes(),
            ));
            page_objects.push((content_id, stream("", content.as_bytes())));
        }
        w.object(1, b"<< /Type /Catalog /Pages 2 0 R >>");
        let kids: String = page_ids.iter().map(|id| format!("{id} 0 R ")).collect();
        w.object(2, format!("<< /Type /Pages /Kids [{kids}] /Count {} >>", page_ids.len()).as_bytes());
        w.object(3, format!("<< /Title {} /Producer (Onebook) >>", pdf_text_string(title)).as_bytes());
        for (id, body) in font_objects.iter().chain(page_objects.iter()) {
            w.object(*id, body);
        }
        Ok(w.finish(next))
    }
}

struct Writer {
    out: Vec<u8>,
    offsets: Vec<(usize, usize)>,
}

impl Writer {
    fn object(&mut self, id: usize, body: &[u8]) {
        self.offsets.push((id, self.out.len()));
        let _ = writeln!(self.out, "{id} 0 obj");
        self.out.extend_from_slice(body);
        self.out.extend_from_slice(b"\nendobj\n");
    }

    fn finish(mut self, count: usize) -> Vec<u8> {
        self.offsets.sort_unstable();
        let xref = self.out.len();
        let _ = write!(self.out, "xref\n0 {count}\n0000000000 65535 f \n");
        let mut at = self.offsets.iter().peekable();
        for id in 1..count {
            match at.next_if(|(i, _)| *i == id) {
                Some((_, off)) => {
                    let _ = writeln!(self.out, "{off:010} 00000 n ");
                }
                None => {
                    let _ = writeln!(self.out, "0000000000 65535 f ");
                }
            }
        }
        let _ = write!(self.out, "trailer\n<< /Size {count} /Root 1 0 R /Info 3 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        self.out
    }
}

/// A deflated stream object with extra dictionary entries.
fn stream(extra: &str, data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    let _ = enc.write_all(data);
    let packed = enc.finish().unwrap_or_default();
    let mut out = format!("<< /Length {} /Filter /FlateDecode {extra}>>\nstream\n", packed.len()).into_bytes();
    out.extend_from_slice(&packed);
    out.extend_from_slice(b"\nendstream");
    out
}

/// A PDF text string in UTF-16BE, so any script shows in the viewer's title bar.
fn pdf_text_string(text: &str) -> String {
    let mut hex = String::from("<FEFF");
    for u in text.encode_utf16() {
        let _ = write!(hex, "{u:04X}");
    }
    hex.push('>');
    hex
}

/// The objects of one font: Type0 -> CIDFont -> descriptor -> subset file, and the ToUnicode map.
/// Returns the Type0 font's id and the objects.
fn font_objects_for(
    slot: Slot,
    font: &LoadedFont,
    used: &FontUse,
    next: &mut usize,
) -> Result<(usize, Vec<(usize, Vec<u8>)>), String> {
    let remapper = &used.remapper;
    let subset = subsetter::subset(font.data, font.index, remapper).map_err(|e| format!("{e:?}"))?;
    let cff = font.face.tables().cff.is_some();
    let face = &font.face;
    let k = 1000.0 / face.units_per_em() as f32;
    let (type0, cid, desc, file, tounicode, map) = (*next, *next + 1, *next + 2, *next + 3, *next + 4, *next + 5);
    *next += 6;
    // A subset's name starts with six capital letters of its own.
    let tag: String = (0..6).map(|i| char::from(b'A' + ((slot as u8 + i * 7) % 26))).collect();
    let name = format!("{tag}+{}", font.postscript_name);
    let mut widths = String::new();
    let mut cmap_entries = vec![];
    let mut cid_to_gid = vec![0u8; 2 * (used.by_code.keys().max().copied().unwrap_or(0) as usize + 1)];
    for (code, (new_gid, text, w)) in &used.by_code {
        let new = *code;
        cid_to_gid[2 * new as usize..2 * new as usize + 2].copy_from_slice(&new_gid.to_be_bytes());
        let _ = write!(widths, "{new} [{w}] ");
        if !text.is_empty() {
            let utf16: String = text.encode_utf16().map(|u| format!("{u:04X}")).collect();
            cmap_entries.push(format!("<{new:04X}> <{utf16}>"));
        }
    }
    let bbox = face.global_bounding_box();
    let scale = |v: i16| (v as f32 * k).round() as i64;
    let descriptor = format!(
        "<< /Type /FontDescriptor /FontName /{name} /Flags 4 /FontBBox [{} {} {} {}] /ItalicAngle 0 /Ascent {} /Descent {} /CapHeight {} /StemV 80 /{} {file} 0 R >>",
        scale(bbox.x_min),
        scale(bbox.y_min),
        scale(bbox.x_max),
        scale(bbox.y_max),
        scale(face.ascender()),
        scale(face.descender()),
        scale(face.capital_height().unwrap_or(face.ascender())),
        if cff { "FontFile3" } else { "FontFile2" },
    );
    let cid_font = format!(
        "<< /Type /Font /Subtype /{} /BaseFont /{name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor {desc} 0 R /DW 1000 /W [{widths}]{} >>",
        if cff { "CIDFontType0" } else { "CIDFontType2" },
        if cff { String::new() } else { format!(" /CIDToGIDMap {map} 0 R") },
    );
    let type0_font = format!(
        "<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H /DescendantFonts [{cid} 0 R] /ToUnicode {tounicode} 0 R >>"
    );
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for chunk in cmap_entries.chunks(100) {
        let _ = writeln!(cmap, "{} beginbfchar", chunk.len());
        for e in chunk {
            cmap.push_str(e);
            cmap.push('\n');
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    let file_extra = if cff { "/Subtype /OpenType ".to_string() } else { format!("/Length1 {} ", subset.len()) };
    let mut objects = vec![
        (type0, type0_font.into_bytes()),
        (cid, cid_font.into_bytes()),
        (desc, descriptor.into_bytes()),
        (file, stream(&file_extra, &subset)),
        (tounicode, stream("", cmap.as_bytes())),
    ];
    if !cff {
        objects.push((map, stream("", &cid_to_gid)));
    }
    Ok((type0, objects))
}
