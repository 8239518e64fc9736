//! Amounts in words, the way invoices in each of the shop's languages write them: English
//! ("Two thousand one hundred fifty dirhams and fifty fils only"), Arabic tafqit ("فقط ألفان ومائة
//! وخمسون درهماً وخمسون فلساً لا غير"), Thai bahttext ("สองพันหนึ่งร้อยห้าสิบบาทห้าสิบสตางค์"),
//! Chinese financial capitals ("人民币贰仟壹佰伍拾元伍角"), Spanish ("DOS MIL CIENTO CINCUENTA
//! PESOS 50/100 M.N." style, in sentence case) and Brazilian Portuguese ("dois mil cento e cinquenta
//! reais e cinquenta centavos").
//!
//! Only the currencies the shops we serve use have names; any other currency is written with its
//! code (and its minor part as `NN/100`), never with a wrong name.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::i18n::Locale;

/// Largest whole amount written in words (below a million billion); larger ones stay in digits.
const WORDS_MAX: u64 = 999_999_999_999_999;

/// `amount` (its absolute value) in words in `locale`, with the currency's names. `minor_units` is
/// the currency's number of decimals (AED 2, JPY 0, KWD 3).
pub fn amount_in_words(amount: Decimal, currency: &str, minor_units: u32, locale: Locale) -> String {
    let amount = crate::money::round(amount.abs(), minor_units);
    let major = amount.trunc();
    let scale = Decimal::from(10u64.pow(minor_units));
    let minor = ((amount - major) * scale).round().to_u64().unwrap_or(0);
    let Some(major) = major.to_u64().filter(|m| *m <= WORDS_MAX) else {
        return format!("{} {currency}", crate::money::amount_str(amount, minor_units));
    };
    let names = names(currency, locale);
    let a = Amount { major, minor, minor_units, currency, names };
    match locale {
        Locale::En => english(&a),
        Locale::Es => spanish(&a),
        Locale::Pt => portuguese(&a),
        Locale::Ar => arabic(&a),
        Locale::Th => thai(&a),
        Locale::ZhCn => chinese(&a, &ZH_CN),
        Locale::ZhTw => chinese(&a, &ZH_TW),
    }
}

struct Amount<'a> {
    major: u64,
    minor: u64,
    minor_units: u32,
    currency: &'a str,
    names: Option<Names>,
}

impl Amount<'_> {
    /// The minor part as a fraction of the major unit: `50/100`.
    fn fraction(&self) -> String {
        format!("{:0w$}/{}", self.minor, 10u64.pow(self.minor_units), w = self.minor_units as usize)
    }
}

/// A currency's names in one language: major singular and plural, minor singular and plural.
/// Arabic also has the dual and the accusative singular (see [`arabic`]).
#[derive(Clone, Copy)]
struct Names {
    major: [&'static str; 2],
    minor: [&'static str; 2],
    /// Arabic: dual, plural (3-10), accusative singular (11-99), for major then minor.
    ar_major: [&'static str; 3],
    ar_minor: [&'static str; 3],
}

const NONE3: [&str; 3] = ["", "", ""];

fn names(currency: &str, locale: Locale) -> Option<Names> {
    let n = |major: [&'static str; 2], minor: [&'static str; 2]| {
        Some(Names { major, minor, ar_major: NONE3, ar_minor: NONE3 })
    };
    match (locale, currency) {
        (Locale::En, "AED") => n(["dirham", "dirhams"], ["fils", "fils"]),
        (Locale::En, "SAR") => n(["riyal", "riyals"], ["halala", "halalas"]),
        (Locale::En, "THB") => n(["baht", "baht"], ["satang", "satang"]),
        (Locale::En, "CNY") => n(["yuan", "yuan"], ["fen", "fen"]),
        (Locale::En, "USD") => n(["dollar", "dollars"], ["cent", "cents"]),
        (Locale::En, "EUR") => n(["euro", "euros"], ["cent", "cents"]),
        (Locale::En, "MXN") => n(["peso", "pesos"], ["centavo", "centavos"]),
        (Locale::En, "BRL") => n(["real", "reais"], ["centavo", "centavos"]),
        (Locale::Es, "MXN") => n(["peso", "pesos"], ["centavo", "centavos"]),
        (Locale::Es, "USD") => n(["dólar", "dólares"], ["centavo", "centavos"]),
        (Locale::Es, "EUR") => n(["euro", "euros"], ["céntimo", "céntimos"]),
        (Locale::Pt, "BRL") => n(["real", "reais"], ["centavo", "centavos"]),
        (Locale::Pt, "USD") => n(["dólar", "dólares"], ["centavo", "centavos"]),
        (Locale::Pt, "EUR") => n(["euro", "euros"], ["cêntimo", "cêntimos"]),
        (Locale::Th, "THB") => n(["บาท", "บาท"], ["สตางค์", "สตางค์"]),
        (Locale::Th, "USD") => n(["ดอลลาร์สหรัฐ", "ดอลลาร์สหรัฐ"], ["เซนต์", "เซนต์"]),
        (Locale::Ar, "AED") => Some(Names {
            major: ["درهم", "درهم"],
            minor: ["فلس", "فلس"],
            ar_major: ["درهمان", "دراهم", "درهماً"],
            ar_minor: ["فلسان", "فلوس", "فلساً"],
        }),
        (Locale::Ar, "SAR") => Some(Names {
            major: ["ريال", "ريال"],
            minor: ["هللة", "هللة"],
            ar_major: ["ريالان", "ريالات", "ريالاً"],
            ar_minor: ["هللتان", "هللات", "هللة"],
        }),
        (Locale::Ar, "USD") => Some(Names {
            major: ["دولار", "دولار"],
            minor: ["سنت", "سنت"],
            ar_major: ["دولاران", "دولارات", "دولاراً"],
            ar_minor: ["سنتان", "سنتات", "سنتاً"],
        }),
        _ => None,
    }
}

/// Singular for one, plural otherwise.
fn pick(n: u64, forms: [&'static str; 2]) -> &'static str {
    if n == 1 {
        forms[0]
    } else {
        forms[1]
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// English: short scale, no "and" inside numbers (it joins the major and minor parts).

const EN_ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const EN_TENS: [&str; 10] = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const EN_SCALES: [&str; 5] = ["", "thousand", "million", "billion", "trillion"];

fn en_below_thousand(n: u64) -> String {
    let mut parts = Vec::new();
    if n >= 100 {
        parts.push(format!("{} hundred", EN_ONES[(n / 100) as usize]));
    }
    let r = n % 100;
    if r >= 20 {
        let t = EN_TENS[(r / 10) as usize];
        parts.push(if r % 10 == 0 { t.to_string() } else { format!("{t}-{}", EN_ONES[(r % 10) as usize]) });
    } else if r > 0 {
        parts.push(EN_ONES[r as usize].to_string());
    }
    parts.join(" ")
}

/// A whole number in English words: 2150 → "two thousand one hundred fifty".
pub fn english_number(n: u64) -> String {
    if n == 0 {
        return EN_ONES[0].to_string();
    }
    let mut parts = Vec::new();
    for (i, group) in groups(n, 1000).into_iter().enumerate().rev() {
        if group > 0 {
            let words = en_below_thousand(group);
            parts.push(if i == 0 { words } else { format!("{words} {}", EN_SCALES[i]) });
        }
    }
    parts.join(" ")
}

fn english(a: &Amount) -> String {
    let Some(names) = a.names else {
        let mut s = english_number(a.major);
        if a.minor_units > 0 {
            s = format!("{s} and {}", a.fraction());
        }
        return format!("{} {} only", capitalize(&s), a.currency);
    };
    let mut s = format!("{} {}", english_number(a.major), pick(a.major, names.major));
    if a.minor > 0 {
        s = format!("{s} and {} {}", english_number(a.minor), pick(a.minor, names.minor));
    }
    format!("{} only", capitalize(&s))
}

/// Little-endian groups of `base` (1000 for thousands, 10 000 for Chinese).
fn groups(mut n: u64, base: u64) -> Vec<u64> {
    let mut g = Vec::new();
    while n > 0 {
        g.push(n % base);
        n /= base;
    }
    g
}

// ---------------------------------------------------------------------------------------------
// Spanish: the invoice form "dos mil ciento cincuenta pesos 50/100 M.N.".

const ES_UNITS: [&str; 30] = [
    "cero",
    "uno",
    "dos",
    "tres",
    "cuatro",
    "cinco",
    "seis",
    "siete",
    "ocho",
    "nueve",
    "diez",
    "once",
    "doce",
    "trece",
    "catorce",
    "quince",
    "dieciséis",
    "diecisiete",
    "dieciocho",
    "diecinueve",
    "veinte",
    "veintiuno",
    "veintidós",
    "veintitrés",
    "veinticuatro",
    "veinticinco",
    "veintiséis",
    "veintisiete",
    "veintiocho",
    "veintinueve",
];
const ES_TENS: [&str; 10] =
    ["", "", "", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa"];
const ES_HUNDREDS: [&str; 10] = [
    "",
    "ciento",
    "doscientos",
    "trescientos",
    "cuatrocientos",
    "quinientos",
    "seiscientos",
    "setecientos",
    "ochocientos",
    "novecientos",
];

/// 1..999 in Spanish; `apocope` writes "un"/"veintiún" (before a noun or "mil").
fn es_below_thousand(n: u64, apocope: bool) -> String {
    if n == 100 {
        return "cien".into();
    }
    let mut parts = Vec::new();
    if n >= 100 {
        parts.push(ES_HUNDREDS[(n / 100) as usize].to_string());
    }
    let r = n % 100;
    let unit = |u: u64| -> String {
        match (u, apocope) {
            (1, true) => "un".into(),
            (21, true) => "veintiún".into(),
            _ => ES_UNITS[u as usize].into(),
        }
    };
    if r >= 30 {
        let t = ES_TENS[(r / 10) as usize];
        parts.push(if r % 10 == 0 { t.into() } else { format!("{t} y {}", unit(r % 10)) });
    } else if r > 0 {
        parts.push(unit(r));
    }
    parts.join(" ")
}

/// A whole number in Spanish before a masculine noun: 2150 → "dos mil ciento cincuenta",
/// 21 → "veintiún", 1 000 000 → "un millón".
pub fn spanish_number(n: u64) -> String {
    if n == 0 {
        return ES_UNITS[0].into();
    }
    let millions = n / 1_000_000;
    let rest = n % 1_000_000;
    let mut parts = Vec::new();
    if millions > 0 {
        // Millions of millions ("billón") are beyond any invoice: "mil millones" covers 10^9..10^12.
        parts.push(if millions == 1 { "un millón".into() } else { format!("{} millones", spanish_number(millions)) });
    }
    let thousands = rest / 1000;
    if thousands == 1 {
        parts.push("mil".into());
    } else if thousands > 1 {
        parts.push(format!("{} mil", es_below_thousand(thousands, true)));
    }
    if rest % 1000 > 0 {
        parts.push(es_below_thousand(rest % 1000, true));
    }
    parts.join(" ")
}

fn spanish(a: &Amount) -> String {
    let whole = spanish_number(a.major);
    // "un millón de pesos": exact millions take "de" before the noun.
    let de = if a.major >= 1_000_000 && a.major % 1_000_000 == 0 { " de" } else { "" };
    let noun = match a.names {
        Some(n) if a.major == 1 => n.major[0].to_string(),
        Some(n) => n.major[1].to_string(),
        None => a.currency.to_string(),
    };
    let mut s = format!("{whole}{de} {noun}");
    if a.minor_units > 0 {
        s = format!("{s} {}", a.fraction());
    }
    if a.currency == "MXN" {
        s.push_str(" M.N.");
    }
    capitalize(&s)
}

// ---------------------------------------------------------------------------------------------
// Portuguese (Brazil): "dois mil cento e cinquenta reais e cinquenta centavos".

const PT_UNITS: [&str; 20] = [
    "zero",
    "um",
    "dois",
    "três",
    "quatro",
    "cinco",
    "seis",
    "sete",
    "oito",
    "nove",
    "dez",
    "onze",
    "doze",
    "treze",
    "catorze",
    "quinze",
    "dezesseis",
    "dezessete",
    "dezoito",
    "dezenove",
];
const PT_TENS: [&str; 10] =
    ["", "", "vinte", "trinta", "quarenta", "cinquenta", "sessenta", "setenta", "oitenta", "noventa"];
const PT_HUNDREDS: [&str; 10] = [
    "",
    "cento",
    "duzentos",
    "trezentos",
    "quatrocentos",
    "quinhentos",
    "seiscentos",
    "setecentos",
    "oitocentos",
    "novecentos",
];

fn pt_below_thousand(n: u64) -> String {
    if n == 100 {
        return "cem".into();
    }
    let mut parts = Vec::new();
    if n >= 100 {
        parts.push(PT_HUNDREDS[(n / 100) as usize].to_string());
    }
    let r = n % 100;
    if r >= 20 {
        let t = PT_TENS[(r / 10) as usize];
        parts.push(if r % 10 == 0 { t.into() } else { format!("{t} e {}", PT_UNITS[(r % 10) as usize]) });
    } else if r > 0 {
        parts.push(PT_UNITS[r as usize].into());
    }
    parts.join(" e ")
}

/// A whole number in Brazilian Portuguese: 2150 → "dois mil cento e cinquenta", 2100 → "dois mil e
/// cem", 1 000 000 → "um milhão".
pub fn portuguese_number(n: u64) -> String {
    if n == 0 {
        return PT_UNITS[0].into();
    }
    let scales: [(&str, &str); 5] =
        [("", ""), ("mil", "mil"), ("milhão", "milhões"), ("bilhão", "bilhões"), ("trilhão", "trilhões")];
    let gs = groups(n, 1000);
    let mut parts: Vec<String> = Vec::new();
    for (i, &g) in gs.iter().enumerate().rev() {
        if g == 0 {
            continue;
        }
        let words = match i {
            0 => pt_below_thousand(g),
            1 if g == 1 => "mil".into(),
            1 => format!("{} mil", pt_below_thousand(g)),
            _ => format!("{} {}", pt_below_thousand(g), if g == 1 { scales[i].0 } else { scales[i].1 }),
        };
        parts.push(words);
    }
    // "e" before the last group when it is below a hundred or a round hundred; the others by a space.
    let last = gs.iter().copied().find(|g| *g > 0).unwrap_or(0);
    if parts.len() > 1 && (last < 100 || last % 100 == 0) {
        let tail = parts.pop().unwrap_or_default();
        return format!("{} e {tail}", parts.join(" "));
    }
    parts.join(" ")
}

fn portuguese(a: &Amount) -> String {
    let whole = portuguese_number(a.major);
    let de = if a.major >= 1_000_000 && a.major % 1_000_000 == 0 { " de" } else { "" };
    let Some(names) = a.names else {
        let mut s = format!("{whole} {}", a.currency);
        if a.minor_units > 0 {
            s = format!("{s} e {}", a.fraction());
        }
        return capitalize(&s);
    };
    let mut s =
        if a.major > 0 || a.minor == 0 { format!("{whole}{de} {}", pick(a.major, names.major)) } else { String::new() };
    if a.minor > 0 {
        let minor = format!("{} {}", portuguese_number(a.minor), pick(a.minor, names.minor));
        s = if s.is_empty() { minor } else { format!("{s} e {minor}") };
    }
    capitalize(&s)
}

// ---------------------------------------------------------------------------------------------
// Arabic tafqit, for a masculine counted noun (dirham, riyal, fils, dollar).

const AR_ONES: [&str; 11] = ["صفر", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة"];
const AR_TEENS: [&str; 10] = [
    "عشرة",
    "أحد عشر",
    "اثنا عشر",
    "ثلاثة عشر",
    "أربعة عشر",
    "خمسة عشر",
    "ستة عشر",
    "سبعة عشر",
    "ثمانية عشر",
    "تسعة عشر",
];
const AR_TENS: [&str; 10] = ["", "", "عشرون", "ثلاثون", "أربعون", "خمسون", "ستون", "سبعون", "ثمانون", "تسعون"];
const AR_HUNDREDS: [&str; 10] =
    ["", "مائة", "مائتان", "ثلاثمائة", "أربعمائة", "خمسمائة", "ستمائة", "سبعمائة", "ثمانمائة", "تسعمائة"];
/// Scales: singular, dual, plural (3-10), accusative singular (11-99).
const AR_SCALES: [[&str; 4]; 5] = [
    ["", "", "", ""],
    ["ألف", "ألفان", "آلاف", "ألفاً"],
    ["مليون", "مليونان", "ملايين", "مليوناً"],
    ["مليار", "ملياران", "مليارات", "ملياراً"],
    ["تريليون", "تريليونان", "تريليونات", "تريليوناً"],
];

fn ar_below_thousand(n: u64) -> String {
    let mut parts = Vec::new();
    if n >= 100 {
        parts.push(AR_HUNDREDS[(n / 100) as usize].to_string());
    }
    let r = n % 100;
    if r >= 20 {
        let t = AR_TENS[(r / 10) as usize];
        parts.push(if r % 10 == 0 { t.into() } else { format!("{} و{t}", AR_ONES[(r % 10) as usize]) });
    } else if r >= 10 {
        parts.push(AR_TEENS[(r - 10) as usize].into());
    } else if r > 0 {
        parts.push(AR_ONES[r as usize].into());
    }
    parts.join(" و")
}

/// The form a counted word takes after `n`: 0 singular (1, and 100, 1000 …), 1 dual (2),
/// 2 plural (3-10), 3 accusative singular (11-99), by the last two digits.
fn ar_form(n: u64) -> usize {
    match n % 100 {
        _ if n == 2 => 1,
        3..=10 => 2,
        11..=99 => 3,
        _ => 0,
    }
}

/// A whole number in Arabic words: 2150 → "ألفان ومائة وخمسون".
pub fn arabic_number(n: u64) -> String {
    if n == 0 {
        return AR_ONES[0].into();
    }
    let mut parts = Vec::new();
    for (i, g) in groups(n, 1000).into_iter().enumerate().rev() {
        if g == 0 {
            continue;
        }
        let words = match (i, g) {
            (0, _) => ar_below_thousand(g),
            (_, 1) => AR_SCALES[i][0].into(),
            (_, 2) => AR_SCALES[i][1].into(),
            _ => {
                // "مائتا ألف": the dual hundred is in construct before its noun.
                let count = ar_below_thousand(g);
                let count = if g % 100 == 0 { count.replace("مائتان", "مائتا") } else { count };
                format!("{count} {}", AR_SCALES[i][ar_form(g)])
            }
        };
        parts.push(words);
    }
    parts.join(" و")
}

/// `n` of the counted noun (`forms`: singular, dual, plural, accusative).
fn ar_counted(n: u64, forms: [&str; 4]) -> String {
    match n {
        1 => format!("{} واحد", forms[0]),
        2 => forms[1].into(),
        _ => {
            let mut words = arabic_number(n);
            // The dual before its noun is in construct: "ألفا درهم", "مائتا درهم".
            for (dual, construct) in
                [("مائتان", "مائتا"), ("ألفان", "ألفا"), ("مليونان", "مليونا"), ("ملياران", "مليارا")]
            {
                if n % 100 == 0 && words.ends_with(dual) {
                    words = format!("{}{construct}", &words[..words.len() - dual.len()]);
                }
            }
            format!("{words} {}", forms[ar_form(n)])
        }
    }
}

fn arabic(a: &Amount) -> String {
    let Some(names) = a.names else {
        let mut s = format!("فقط {} {}", arabic_number(a.major), a.currency);
        if a.minor_units > 0 && a.minor > 0 {
            s = format!("{s} و{}", a.fraction());
        }
        return format!("{s} لا غير");
    };
    let major = [names.major[0], names.ar_major[0], names.ar_major[1], names.ar_major[2]];
    let minor = [names.minor[0], names.ar_minor[0], names.ar_minor[1], names.ar_minor[2]];
    let mut s = if a.major > 0 || a.minor == 0 { ar_counted(a.major, major) } else { String::new() };
    if a.minor > 0 {
        let m = ar_counted(a.minor, minor);
        s = if s.is_empty() { m } else { format!("{s} و{m}") };
    }
    format!("فقط {s} لا غير")
}

// ---------------------------------------------------------------------------------------------
// Thai bahttext.

const TH_DIGITS: [&str; 10] = ["ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า"];
const TH_PLACES: [&str; 6] = ["", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน"];

/// 0..999 999 in Thai; `ed` lets a final one be "เอ็ด" (when anything stands before it).
fn th_group(n: u64, ed: bool) -> String {
    let mut s = String::new();
    let digits: Vec<u64> = (0..6).map(|p| n / 10u64.pow(p) % 10).collect();
    for p in (0..6).rev() {
        let d = digits[p as usize];
        if d == 0 {
            continue;
        }
        match (p, d) {
            (1, 1) => s.push_str("สิบ"),
            (1, 2) => s.push_str("ยี่สิบ"),
            (0, 1) if ed && (n > 1) => s.push_str("เอ็ด"),
            _ => {
                s.push_str(TH_DIGITS[d as usize]);
                s.push_str(TH_PLACES[p as usize]);
            }
        }
    }
    s
}

/// A whole number in Thai: 21 → "ยี่สิบเอ็ด", 1 000 001 → "หนึ่งล้านเอ็ด".
pub fn thai_number(n: u64) -> String {
    if n == 0 {
        return TH_DIGITS[0].into();
    }
    let millions = n / 1_000_000;
    let rest = n % 1_000_000;
    let mut s = String::new();
    if millions > 0 {
        s.push_str(&thai_number(millions));
        s.push_str("ล้าน");
    }
    if rest > 0 {
        // A lone one after the millions is "เอ็ด" too (BAHTTEXT(1000001) = หนึ่งล้านเอ็ดบาทถ้วน).
        if rest == 1 && millions > 0 {
            s.push_str("เอ็ด");
        } else {
            s.push_str(&th_group(rest, true));
        }
    }
    s
}

fn thai(a: &Amount) -> String {
    let Some(names) = a.names else {
        let mut s = format!("{} {}", thai_number(a.major), a.currency);
        if a.minor_units > 0 && a.minor > 0 {
            s = format!("{s} {}", a.fraction());
        }
        return s;
    };
    let mut s = String::new();
    if a.major > 0 || a.minor == 0 {
        s.push_str(&thai_number(a.major));
        s.push_str(names.major[0]);
    }
    if a.minor == 0 {
        s.push_str("ถ้วน");
    } else {
        s.push_str(&thai_number(a.minor));
        s.push_str(names.minor[0]);
    }
    s
}

// ---------------------------------------------------------------------------------------------
// Chinese financial capitals (大写), simplified and traditional.

struct Zh {
    digits: [&'static str; 10],
    places: [&'static str; 4],
    scales: [&'static str; 4],
    yuan: &'static str,
    jiao: &'static str,
    fen: &'static str,
    whole: &'static str,
    /// (currency, name written before the amount)
    prefixes: [(&'static str, &'static str); 2],
}

const ZH_CN: Zh = Zh {
    digits: ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"],
    places: ["", "拾", "佰", "仟"],
    scales: ["", "万", "亿", "万亿"],
    yuan: "元",
    jiao: "角",
    fen: "分",
    whole: "整",
    prefixes: [("CNY", "人民币"), ("TWD", "新台币")],
};

const ZH_TW: Zh = Zh {
    digits: ["零", "壹", "貳", "參", "肆", "伍", "陸", "柒", "捌", "玖"],
    places: ["", "拾", "佰", "仟"],
    scales: ["", "萬", "億", "萬億"],
    yuan: "元",
    jiao: "角",
    fen: "分",
    whole: "整",
    prefixes: [("TWD", "新臺幣"), ("CNY", "人民幣")],
};

/// A whole number in financial capitals: 100 005 → "壹拾万零伍", 1005 → "壹仟零伍".
fn chinese_number(n: u64, zh: &Zh) -> String {
    if n == 0 {
        return zh.digits[0].into();
    }
    let gs = groups(n, 10_000);
    let mut s = String::new();
    // A zero is written once wherever digits are skipped between two non-zero digits.
    let mut pending_zero = false;
    for (i, &g) in gs.iter().enumerate().rev() {
        if g == 0 {
            pending_zero = !s.is_empty();
            continue;
        }
        for p in (0..4).rev() {
            let d = (g / 10u64.pow(p)) % 10;
            if d == 0 {
                if !s.is_empty() {
                    pending_zero = true;
                }
                continue;
            }
            if pending_zero {
                s.push_str(zh.digits[0]);
                pending_zero = false;
            }
            s.push_str(zh.digits[d as usize]);
            s.push_str(zh.places[p as usize]);
        }
        s.push_str(zh.scales[i]);
        // A group's trailing zeros are carried by its scale word; only the next group's leading
        // zeros (or a whole zero group) call for 零.
        pending_zero = false;
    }
    s
}

fn chinese(a: &Amount, zh: &Zh) -> String {
    let prefix = zh.prefixes.iter().find(|(c, _)| *c == a.currency).map(|(_, p)| p.to_string());
    let mut s = prefix.unwrap_or_else(|| format!("{} ", a.currency));
    if a.minor_units != 2 {
        s.push_str(&chinese_number(a.major, zh));
        s.push_str(zh.yuan);
        if a.minor > 0 {
            s.push_str(&format!(" {}", a.fraction()));
        } else {
            s.push_str(zh.whole);
        }
        return s;
    }
    let (jiao, fen) = (a.minor / 10, a.minor % 10);
    if a.major > 0 {
        s.push_str(&chinese_number(a.major, zh));
        s.push_str(zh.yuan);
    }
    if a.minor == 0 {
        if a.major == 0 {
            s.push_str(zh.digits[0]);
            s.push_str(zh.yuan);
        }
        s.push_str(zh.whole);
        return s;
    }
    if jiao > 0 {
        s.push_str(zh.digits[jiao as usize]);
        s.push_str(zh.jiao);
    } else if a.major > 0 {
        s.push_str(zh.digits[0]);
    }
    if fen > 0 {
        s.push_str(zh.digits[fen as usize]);
        s.push_str(zh.fen);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    fn w(amount: &str, currency: &str, locale: Locale) -> String {
        let mu = crate::money::minor_units(currency).unwrap_or(2);
        amount_in_words(d(amount), currency, mu, locale)
    }

    #[test]
    fn english_as_invoices_write_it() {
        assert_eq!(english_number(0), "zero");
        assert_eq!(english_number(15), "fifteen");
        assert_eq!(english_number(40), "forty");
        assert_eq!(english_number(99), "ninety-nine");
        assert_eq!(english_number(100), "one hundred");
        assert_eq!(english_number(1_000_001), "one million one");
        assert_eq!(english_number(2_000_300_040), "two billion three hundred thousand forty");
        assert_eq!(w("2150.50", "AED", Locale::En), "Two thousand one hundred fifty dirhams and fifty fils only");
        assert_eq!(w("1.01", "USD", Locale::En), "One dollar and one cent only");
        assert_eq!(w("100", "JPY", Locale::En), "One hundred JPY only");
        assert_eq!(w("12.5", "GBP", Locale::En), "Twelve and 50/100 GBP only");
    }

    #[test]
    fn spanish_with_the_mexican_fraction() {
        assert_eq!(spanish_number(1), "un");
        assert_eq!(spanish_number(21), "veintiún");
        assert_eq!(spanish_number(100), "cien");
        assert_eq!(spanish_number(101), "ciento un");
        assert_eq!(spanish_number(1000), "mil");
        assert_eq!(spanish_number(21_000), "veintiún mil");
        assert_eq!(spanish_number(555), "quinientos cincuenta y cinco");
        assert_eq!(spanish_number(2_500_000), "dos millones quinientos mil");
        assert_eq!(w("2150.50", "MXN", Locale::Es), "Dos mil ciento cincuenta pesos 50/100 M.N.");
        assert_eq!(w("1000000", "MXN", Locale::Es), "Un millón de pesos 00/100 M.N.");
        assert_eq!(w("1.05", "USD", Locale::Es), "Un dólar 05/100");
    }

    #[test]
    fn brazilian_portuguese() {
        assert_eq!(portuguese_number(100), "cem");
        assert_eq!(portuguese_number(101), "cento e um");
        assert_eq!(portuguese_number(2100), "dois mil e cem");
        assert_eq!(portuguese_number(2050), "dois mil e cinquenta");
        assert_eq!(portuguese_number(2150), "dois mil cento e cinquenta");
        assert_eq!(portuguese_number(1_000_000), "um milhão");
        assert_eq!(portuguese_number(3_200_000), "três milhões e duzentos mil");
        assert_eq!(w("2150.50", "BRL", Locale::Pt), "Dois mil cento e cinquenta reais e cinquenta centavos");
        assert_eq!(w("1.01", "BRL", Locale::Pt), "Um real e um centavo");
        assert_eq!(w("0.50", "BRL", Locale::Pt), "Cinquenta centavos");
        assert_eq!(w("2000000", "BRL", Locale::Pt), "Dois milhões de reais");
    }

    #[test]
    fn arabic_tafqit() {
        assert_eq!(arabic_number(21), "واحد وعشرون");
        assert_eq!(arabic_number(111), "مائة وأحد عشر");
        assert_eq!(arabic_number(2150), "ألفان ومائة وخمسون");
        assert_eq!(arabic_number(3000), "ثلاثة آلاف");
        assert_eq!(arabic_number(11_000), "أحد عشر ألفاً");
        assert_eq!(arabic_number(200_000), "مائتا ألف");
        assert_eq!(arabic_number(1_250_000), "مليون ومائتان وخمسون ألفاً");
        assert_eq!(w("1", "AED", Locale::Ar), "فقط درهم واحد لا غير");
        assert_eq!(w("2", "AED", Locale::Ar), "فقط درهمان لا غير");
        assert_eq!(w("5", "AED", Locale::Ar), "فقط خمسة دراهم لا غير");
        assert_eq!(w("15", "AED", Locale::Ar), "فقط خمسة عشر درهماً لا غير");
        assert_eq!(w("200", "AED", Locale::Ar), "فقط مائتا درهم لا غير");
        assert_eq!(w("2150.50", "AED", Locale::Ar), "فقط ألفان ومائة وخمسون درهماً وخمسون فلساً لا غير");
        assert_eq!(w("1000.25", "AED", Locale::Ar), "فقط ألف درهم وخمسة وعشرون فلساً لا غير");
    }

    #[test]
    fn thai_bahttext() {
        assert_eq!(w("1234.50", "THB", Locale::Th), "หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์");
        assert_eq!(w("21", "THB", Locale::Th), "ยี่สิบเอ็ดบาทถ้วน");
        assert_eq!(w("11", "THB", Locale::Th), "สิบเอ็ดบาทถ้วน");
        assert_eq!(w("10", "THB", Locale::Th), "สิบบาทถ้วน");
        assert_eq!(w("1", "THB", Locale::Th), "หนึ่งบาทถ้วน");
        assert_eq!(w("101", "THB", Locale::Th), "หนึ่งร้อยเอ็ดบาทถ้วน");
        assert_eq!(w("1000001", "THB", Locale::Th), "หนึ่งล้านเอ็ดบาทถ้วน");
        assert_eq!(w("21000000", "THB", Locale::Th), "ยี่สิบเอ็ดล้านบาทถ้วน");
        assert_eq!(w("0.25", "THB", Locale::Th), "ยี่สิบห้าสตางค์");
    }

    #[test]
    fn chinese_financial_capitals() {
        assert_eq!(w("1234.56", "CNY", Locale::ZhCn), "人民币壹仟贰佰叁拾肆元伍角陆分");
        assert_eq!(w("1005", "CNY", Locale::ZhCn), "人民币壹仟零伍元整");
        assert_eq!(w("100005", "CNY", Locale::ZhCn), "人民币壹拾万零伍元整");
        assert_eq!(w("100000", "CNY", Locale::ZhCn), "人民币壹拾万元整");
        assert_eq!(w("10.05", "CNY", Locale::ZhCn), "人民币壹拾元零伍分");
        assert_eq!(w("0.30", "CNY", Locale::ZhCn), "人民币叁角");
        assert_eq!(w("20001000", "CNY", Locale::ZhCn), "人民币贰仟万壹仟元整");
        assert_eq!(w("2150.50", "TWD", Locale::ZhTw), "新臺幣貳仟壹佰伍拾元伍角");
        assert_eq!(w("2150.50", "AED", Locale::ZhCn), "AED 贰仟壹佰伍拾元伍角");
    }

    #[test]
    fn too_large_stays_in_digits() {
        assert_eq!(w("1000000000000000", "AED", Locale::En), "1000000000000000.00 AED");
    }
}
