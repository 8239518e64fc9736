//! Languages: the Fluent messages of `locales/`, embedded, looked up by id in the user's locale.
//!
//! The same `.ftl` files serve the CLI and the desktop app. Isolation marks are off: the text goes
//! to terminals, receipts and CSV, where invisible bidi marks would be noise.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

/// A language Onebook speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Locale {
    #[serde(rename = "en")]
    En,
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "zh-TW")]
    ZhTw,
    #[serde(rename = "es")]
    Es,
    #[serde(rename = "pt")]
    Pt,
    #[serde(rename = "ar")]
    Ar,
    #[serde(rename = "th")]
    Th,
}

/// Every locale, English first (the fallback).
pub const ALL: [Locale; 7] = [Locale::En, Locale::ZhCn, Locale::ZhTw, Locale::Es, Locale::Pt, Locale::Ar, Locale::Th];

/// The `.ftl` sources, embedded so the binary needs no files beside it.
pub const SOURCES: [(Locale, &str); 7] = [
    (Locale::En, include_str!("../locales/en/onebook.ftl")),
    (Locale::ZhCn, include_str!("../locales/zh-CN/onebook.ftl")),
    (Locale::ZhTw, include_str!("../locales/zh-TW/onebook.ftl")),
    (Locale::Es, include_str!("../locales/es/onebook.ftl")),
    (Locale::Pt, include_str!("../locales/pt/onebook.ftl")),
    (Locale::Ar, include_str!("../locales/ar/onebook.ftl")),
    (Locale::Th, include_str!("../locales/th/onebook.ftl")),
];

impl Locale {
    /// The BCP 47 tag (`zh-CN`).
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::ZhCn => "zh-CN",
            Locale::ZhTw => "zh-TW",
            Locale::Es => "es",
            Locale::Pt => "pt",
            Locale::Ar => "ar",
            Locale::Th => "th",
        }
    }

    /// Parse a tag or a POSIX locale name (`pt_BR.UTF-8`, `zh_TW`, `ar_AE`), nearest match.
    pub fn parse(text: &str) -> Option<Locale> {
        let t = text.split('.').next().unwrap_or("").replace('_', "-").to_lowercase();
        let lang = t.split('-').next().unwrap_or("");
        Some(match lang {
            "en" | "c" | "posix" => Locale::En,
            "zh" if t.contains("tw") || t.contains("hk") || t.contains("hant") || t.contains("mo") => Locale::ZhTw,
            "zh" => Locale::ZhCn,
            "es" => Locale::Es,
            "pt" => Locale::Pt,
            "ar" => Locale::Ar,
            "th" => Locale::Th,
            _ => return None,
        })
    }

    /// Is the script written right to left?
    pub fn is_rtl(self) -> bool {
        self == Locale::Ar
    }

    /// Decimal and grouping separators for numbers shown to people.
    pub fn separators(self) -> (char, char) {
        match self {
            Locale::Es | Locale::Pt => (',', '.'),
            _ => ('.', ','),
        }
    }
}

fn bundles() -> &'static Vec<(Locale, FluentBundle<FluentResource>)> {
    static BUNDLES: OnceLock<Vec<(Locale, FluentBundle<FluentResource>)>> = OnceLock::new();
    BUNDLES.get_or_init(|| {
        SOURCES
            .iter()
            .map(|(locale, src)| {
                let resource = FluentResource::try_new(src.to_string())
                    .unwrap_or_else(|(_, errors)| panic!("locales/{}: {errors:?}", locale.tag()));
                let lang: unic_langid::LanguageIdentifier = locale.tag().parse().expect("valid tag");
                let mut bundle = FluentBundle::new_concurrent(vec![lang]);
                bundle.set_use_isolating(false);
                bundle.add_resource(resource).expect("no duplicate message ids");
                (*locale, bundle)
            })
            .collect()
    })
}

fn bundle(locale: Locale) -> &'static FluentBundle<FluentResource> {
    &bundles().iter().find(|(l, _)| *l == locale).expect("every locale is loaded").1
}

/// The message `id` in `locale` with its arguments; English when the locale lacks it, and the id
/// itself when no locale has it (a test makes sure that never ships).
pub fn message(locale: Locale, id: &str, args: &[(&str, String)]) -> String {
    let mut fargs = FluentArgs::new();
    for (k, v) in args {
        fargs.set(*k, v.clone());
    }
    for l in [locale, Locale::En] {
        let b = bundle(l);
        if let Some(pattern) = b.get_message(id).and_then(|m| m.value()) {
            let mut errors = vec![];
            return b.format_pattern(pattern, Some(&fargs), &mut errors).into_owned();
        }
    }
    id.to_string()
}

/// Message ids defined in a locale's file (for the completeness test and the UI).
pub fn message_ids(locale: Locale) -> Vec<String> {
    let src = SOURCES.iter().find(|(l, _)| *l == locale).map(|(_, s)| *s).unwrap_or("");
    let resource = FluentResource::try_new(src.to_string()).unwrap_or_else(|(r, _)| r);
    resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

/// A number with the locale's separators: `1234567.5` -> `1,234,567.5` (en) / `1.234.567,5` (es).
pub fn format_number(locale: Locale, plain: &str) -> String {
    let (dec, group) = locale.separators();
    let (sign, digits) = plain.strip_prefix('-').map(|d| ("-", d)).unwrap_or(("", plain));
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(c);
    }
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{dec}{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_exists_in_every_locale() {
        let en = message_ids(Locale::En);
        assert!(en.len() > 40, "the English file defines the messages");
        for locale in ALL {
            let ids = message_ids(locale);
            let missing: Vec<_> = en.iter().filter(|id| !ids.contains(id)).collect();
            let extra: Vec<_> = ids.iter().filter(|id| !en.contains(id)).collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}", locale.tag());
            assert!(extra.is_empty(), "{} has keys English lacks: {extra:?}", locale.tag());
        }
    }

    #[test]
    fn every_error_code_has_a_message() {
        let en = message_ids(Locale::En);
        for code in crate::error::ALL_CODES {
            assert!(en.contains(&format!("error-{code}")), "no message for error code {code}");
        }
    }

    #[test]
    fn numbers_follow_the_locale() {
        assert_eq!(format_number(Locale::En, "1234567.50"), "1,234,567.50");
        assert_eq!(format_number(Locale::Es, "-1234.5"), "-1.234,5");
        assert_eq!(format_number(Locale::Th, "999"), "999");
    }

    #[test]
    fn posix_names_map_to_locales() {
        assert_eq!(Locale::parse("pt_BR.UTF-8"), Some(Locale::Pt));
        assert_eq!(Locale::parse("zh_TW"), Some(Locale::ZhTw));
        assert_eq!(Locale::parse("zh-CN"), Some(Locale::ZhCn));
        assert_eq!(Locale::parse("ar_AE"), Some(Locale::Ar));
        assert_eq!(Locale::parse("de_DE"), None);
    }
}
