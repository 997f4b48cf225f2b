//! Text helpers: lengths are characters as a reader counts them ([`char_len`]), never bytes.

/// A size for people: `1234` → `"1.2 KB"`, `12345678` → `"11.8 MB"`, GB above (1 KB = 1024
/// bytes), to the nearest tenth; but a size just over a whole number never reads as that number
/// (`64 KB + 1 byte` → `"64.1 KB"`, not the limit itself). Nearest, not up: 4.63 MB of a 5 MB
/// quota read as "4.7 MB" beside 92.5 % (QA). u64 integer math: no float formatting in the
/// wasm, no overflow for quotas of many GB.
pub fn kib(bytes: u64) -> String {
    let exact = bytes.saturating_mul(10);
    // The smallest unit the size reads under 1024 in, once rounded (1 048 500 bytes is
    // "1.0 MB", not "1024.0 KB").
    let units = [("KB", 1u64 << 10), ("MB", 1 << 20), ("GB", 1 << 30)];
    let (unit, div, tenths) = units
        .iter()
        .map(|&(unit, div)| (unit, div, exact.saturating_add(div / 2) / div))
        .find(|&(unit, _, tenths)| tenths < 10_240 || unit == "GB")
        .unwrap_or(("GB", 1 << 30, 0));
    let mut tenths = tenths;
    if tenths.is_multiple_of(10) && tenths.saturating_mul(div) < exact {
        tenths += 1;
    }
    format!("{}.{} {unit}", tenths / 10, tenths % 10)
}

/// A length rule as messages and hints say it: `2..=20` → `2–20`.
pub fn range_text(r: &std::ops::RangeInclusive<usize>) -> String {
    format!("{}–{}", r.start(), r.end())
}

/// `s` between a first-strong isolate and its pop (U+2068, U+2069) when it holds a right-to-left
/// letter (Hebrew, Arabic, …), else as it is: a name set in a sentence keeps its own direction
/// and does not draw the numbers after it into it (adversarial QA: 「مرحبا 123 1.0.1 已提交审核」
/// showed the version before the name). Names without one are unchanged.
pub fn isolated(s: &str) -> String {
    let rtl = |c: char| {
        matches!(c,
            '\u{0590}'..='\u{08FF}'
            | '\u{FB1D}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFF}'
            | '\u{10800}'..='\u{10FFF}'
            | '\u{1E800}'..='\u{1EFFF}')
    };
    if s.chars().any(rtl) {
        format!("\u{2068}{s}\u{2069}")
    } else {
        s.to_string()
    }
}

/// Number of characters in `s` as a reader counts them *(decided)*: a code point that only
/// extends the one before it does not count on its own — a combining mark, a variation
/// selector, a skin-tone modifier, an emoji tag, a zero-width joiner and the code point it joins
/// on, a flag's second regional indicator — so 👩‍👩‍👧‍👦 (7 code points) is one character
/// (adversarial QA: three of them met 功能描述's 20-character minimum, and 30 were "当前 210 个").
/// Up to 7 extend one character; more count each (a thousand stacked accents are not one
/// character). No Unicode tables: the ranges below are the common extenders.
pub fn char_len(s: &str) -> usize {
    let (mut n, mut run, mut flag_open) = (0, 0, false);
    let mut before = '\0';
    for c in s.chars() {
        let regional = ('\u{1F1E6}'..='\u{1F1FF}').contains(&c);
        // After a zero-width joiner anything is joined; after Devanagari's or Bengali's virama
        // a consonant of its script (a conjunct: स्त is one; re-check QA: a space or a digit
        // after a word-final virama went uncounted).
        let joined = match before {
            '\u{200D}' => true,
            '\u{094D}' => matches!(c, '\u{0915}'..='\u{0939}' | '\u{0958}'..='\u{095F}'),
            '\u{09CD}' => matches!(c, '\u{0995}'..='\u{09B9}' | '\u{09DC}'..='\u{09DF}'),
            _ => false,
        };
        let extends = n > 0 && (joined || extends_previous(c) || regional && flag_open);
        before = c;
        flag_open = regional && !flag_open;
        if extends {
            run += 1;
            if run > 7 {
                n += 1;
            }
        } else {
            n += 1;
            run = 0;
        }
    }
    n
}

/// Whether `c` only changes the character before it (see [`char_len`]): a zero-width joiner, a
/// combining mark of the common blocks (accents; Hebrew points, Arabic and Syriac vowel marks,
/// Devanagari, Bengali, Tamil and Thai vowel signs and marks (re-check QA: `שָׁלוֹם` was 6, `น้ำ`
/// 2); kana voicing; a Hangul vowel or final jamo after its initial), a variation
/// selector, an emoji skin-tone modifier or tag. (What follows a joiner or virama extends too.)
fn extends_previous(c: char) -> bool {
    matches!(c,
        '\u{200D}'
        | '\u{0300}'..='\u{036F}'
        | '\u{0591}'..='\u{05BD}'
        | '\u{05BF}'
        | '\u{05C1}'..='\u{05C2}'
        | '\u{05C4}'..='\u{05C5}'
        | '\u{05C7}'
        | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{0730}'..='\u{074A}'
        | '\u{0900}'..='\u{0903}'
        | '\u{093A}'..='\u{093C}'
        | '\u{093E}'..='\u{094F}'
        | '\u{0951}'..='\u{0957}'
        | '\u{0962}'..='\u{0963}'
        | '\u{0981}'..='\u{0983}'
        | '\u{09BC}'
        | '\u{09BE}'..='\u{09CD}'
        | '\u{09D7}'
        | '\u{09E2}'..='\u{09E3}'
        | '\u{0B82}'
        | '\u{0BBE}'..='\u{0BCD}'
        | '\u{0BD7}'
        | '\u{0E31}'
        | '\u{0E33}'..='\u{0E3A}'
        | '\u{0E47}'..='\u{0E4E}'
        | '\u{1160}'..='\u{11FF}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{3099}'..='\u{309A}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{1F3FB}'..='\u{1F3FF}'
        | '\u{E0020}'..='\u{E007F}'
        | '\u{E0100}'..='\u{E01EF}')
}

/// How plugin and account names are stored (本应用约定): trimmed, each inner run of whitespace
/// (any [`char::is_whitespace`], e.g. the ideographic space U+3000 of Chinese input methods) as
/// one ASCII space, and full-width Latin letters and digits (`Ｍａｐ１`, from the same input
/// methods) as ASCII, so a name is not taken twice in two widths. Full-width punctuation
/// (`（北京）`, `，`) is kept as typed. A Latin letter followed by a combining accent (`e` +
/// U+0301, as macOS names files) is the accented letter (`é`, as keyboards type it) where Latin-1
/// has one ([`compose`]): two names that look the same are one name (developer QA).
pub fn name_form(s: &str) -> String {
    composed(widths_folded(s))
}

/// `s` trimmed, its runs of whitespace one space, full-width Latin letters and digits ASCII:
/// [`name_form`] but for the accents.
fn widths_folded(s: &str) -> impl Iterator<Item = char> + '_ {
    collapsed_chars(s).map(|c| match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => half_width(c),
        _ => c,
    })
}

/// The key names were unique under before accents and variation selectors made names one
/// ([`name_key`], session 29): what a workspace stored then is held to.
pub fn name_key_before(s: &str) -> String {
    fold_case(&widths_folded(s).collect::<String>())
}

/// `chars`, each Latin letter followed by a combining accent as the accented letter where
/// Latin-1 has one ([`compose`]); anything else as it is.
pub fn composed(chars: impl Iterator<Item = char>) -> String {
    let mut out = String::new();
    for c in chars {
        match out.chars().next_back().and_then(|base| compose(base, c)) {
            Some(accented) => {
                out.pop();
                out.push(accented);
            }
            None => out.push(c),
        }
    }
    out
}

/// Latin-1's accented letters by their combining accent: the letters it goes on, and what each
/// becomes (a table of its own, not Unicode's whole composition data).
const COMPOSED: [(char, &str, &str); 7] = [
    ('\u{300}', "AEIOUaeiou", "ÀÈÌÒÙàèìòù"),
    ('\u{301}', "AEIOUYaeiouy", "ÁÉÍÓÚÝáéíóúý"),
    ('\u{302}', "AEIOUaeiou", "ÂÊÎÔÛâêîôû"),
    ('\u{303}', "ANOano", "ÃÑÕãñõ"),
    ('\u{308}', "AEIOUaeiouy", "ÄËÏÖÜäëïöüÿ"),
    ('\u{30A}', "Aa", "Åå"),
    ('\u{327}', "Cc", "Çç"),
];

/// `base` with the combining accent `mark`, as one letter, where Latin-1 has it.
pub fn compose(base: char, mark: char) -> Option<char> {
    if !('\u{300}'..='\u{327}').contains(&mark) {
        return None;
    }
    let (_, bases, accented) = COMPOSED.iter().find(|(m, ..)| *m == mark)?;
    let i = bases.chars().position(|b| b == base)?;
    accented.chars().nth(i)
}

/// The key that makes plugin names (and a submission's tags) unique: the stored form
/// ([`name_form`]) in lower case ([`fold_case`]; CJK unchanged), without variation selectors
/// (`❤` and `❤️` look alike: developer QA).
pub fn name_key(s: &str) -> String {
    let key = fold_case(&name_form(s));
    let varies = |c: char| matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}');
    match key.chars().any(varies) {
        true => key.chars().filter(|c| !varies(*c)).collect(),
        false => key,
    }
}

/// The ASCII form of a full-width form U+FF01..=U+FF5E (`ＭＡＰ`, `１２３`, `／`, typed with
/// Chinese input methods); any other character unchanged.
pub fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// `s` trimmed, with each inner run of whitespace as one ASCII space, without allocating: the
/// first step of [`name_form`] and of [`super::search::search_key`].
pub fn collapsed_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    let mut after_space = false;
    s.trim()
        .chars()
        .filter(move |c| {
            let space = c.is_whitespace();
            let keep = !(space && after_space);
            after_space = space;
            keep
        })
        .map(|c| if c.is_whitespace() { ' ' } else { c })
}

/// Lower case for comparing and searching (plugin names, tags, queries): the same as
/// `char::to_lowercase` for the capitals people type in plugin names — ASCII, full-width Latin
/// (`ＡＢＣ`, from Chinese input methods), Latin-1, Greek (with its accented capitals) and
/// Cyrillic — with the final sigma `ς` read as `σ` (as Unicode case folding does, so `ΟΔΟΣ`
/// matches `οδος`), and every other character unchanged (CJK, the app's main script, has no
/// case). Not `str::to_lowercase` itself: that brings Unicode's whole case table into the wasm
/// (≈ 8 KB gzip). Checked against `char::to_lowercase` for every character
/// (`tests/domain_rules.rs`).
pub fn fold_case(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    out.extend(s.chars().map(fold_char));
    out
}

/// [`fold_case`] of one character.
pub fn fold_char(c: char) -> char {
    let u = c as u32;
    let lower = match u {
        0x41..=0x5A | 0xFF21..=0xFF3A | 0x410..=0x42F => u + 0x20,
        0xC0..=0xDE if u != 0xD7 => u + 0x20,
        0x391..=0x3A9 if u != 0x3A2 => u + 0x20,
        0x386 => 0x3AC,
        0x388..=0x38A => u + 0x25,
        0x38C => 0x3CC,
        0x38E..=0x38F => u + 0x3F,
        0x3C2 => 0x3C3,
        0x400..=0x40F => u + 0x50,
        _ => u,
    };
    char::from_u32(lower).unwrap_or(c)
}

/// The first character of `s` that people cannot see where it is typed, if any (QA: a name
/// with a zero-width space was a second 快递查询助手, and a right-to-left override in a reason
/// turned the app's own words after it backwards):
/// - in every text, a direction embedding, override or isolate ([`is_direction_control`]),
///   which reorders what the app shows after it;
/// - in names, tags and categories (`name`), also what shows as nothing: zero-width and format
///   characters, fillers and blanks (U+00AD, U+034F, U+061C, U+115F–U+1160, U+180B–U+180F,
///   U+200B, U+200E–U+200F, U+2060–U+206F, U+2800, U+3164, U+FEFF, U+FFA0, U+FFF9–U+FFFB,
///   U+1D173–U+1D17A, tag characters U+E0000–U+E007F) and control characters other than
///   whitespace; a joiner or variation selector (U+200C, U+200D, U+FE00–U+FE0F,
///   U+E0100–U+E01EF) only after a character it can join or vary (not
///   ASCII, CJK or a space: `👨‍💻` and Persian text keep theirs, `快递` + U+200D is refused).
///   Two names that look the same would otherwise be two names.
pub fn hidden_char(s: &str, name: bool) -> Option<char> {
    let mut prev: Option<char> = None;
    s.chars().find(|&c| {
        let joins = |p: char| {
            !(p.is_ascii()
                || p.is_whitespace()
                || ('\u{2E80}'..='\u{9FFF}').contains(&p)
                || ('\u{AC00}'..='\u{D7AF}').contains(&p)
                || ('\u{F900}'..='\u{FFEF}').contains(&p))
        };
        let hidden = is_direction_control(c)
            || (name && (shows_as_nothing(c) || (is_joiner(c) && !prev.is_some_and(joins))));
        prev = Some(c);
        hidden
    })
}

/// A character that shows as nothing: a control character other than whitespace, or a
/// zero-width or format character, filler or blank listed in [`hidden_char`] — Unicode's
/// default-ignorable code points but the joiners, variation selectors and direction controls
/// ([`is_joiner`], [`is_direction_control`]), plus the Braille blank (re-check QA: Khmer's
/// invisible vowels U+17B4/U+17B5 and U+1BCA0 passed as a filled-in 功能描述 and 拒绝理由).
pub fn shows_as_nothing(c: char) -> bool {
    (c.is_control() && !c.is_whitespace())
        || matches!(
            c,
            '\u{AD}'
                | '\u{34F}'
                | '\u{61C}'
                | '\u{115F}'..='\u{1160}'
                | '\u{17B4}'..='\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'
                | '\u{200E}'..='\u{200F}'
                | '\u{2060}'..='\u{206F}'
                | '\u{2800}'
                | '\u{3164}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF0}'..='\u{FFFB}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E00FF}'
                | '\u{E01F0}'..='\u{E0FFF}'
        )
}

/// A zero-width joiner or non-joiner, or a variation selector (U+FE00–U+FE0F and the
/// supplement's U+E0100–U+E01EF; re-check QA: a 理由 of U+E0100 alone was sent).
pub fn is_joiner(c: char) -> bool {
    matches!(
        c,
        '\u{200C}'..='\u{200D}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}'
    )
}

/// A free text's length as every limit and counter counts it *(decided)*: trimmed, in
/// characters ([`char_len`]), and 0 when it [`shows_nothing`] (QA: 201 × U+200B in 版本描述
/// read 「0 / 200」 on the counter and was refused as 「当前 201 个」).
pub fn counted_len(s: &str) -> usize {
    if shows_nothing(s) {
        0
    } else {
        char_len(s.trim())
    }
}

/// `s` trimmed, or empty when it [`shows_nothing`]: an optional free text as it is kept.
pub fn visible_text(s: &str) -> &str {
    if shows_nothing(s) {
        ""
    } else {
        s.trim()
    }
}

/// Whether `s` shows nothing at all: empty, or only whitespace and characters that show as
/// nothing (zero-width, format, direction and joiner characters; [`hidden_char`]'s lists). A
/// required free text (简介, 功能描述, a reason) made only of them is not filled in (QA: a 拒绝理由
/// of two U+200B was sent, and read as 「理由：」 with nothing after it). Free texts may hold such
/// characters among others (emoji sequences, Persian text).
pub fn shows_nothing(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace() || invisible(c))
}

/// A character people cannot see: one that shows as nothing ([`shows_as_nothing`]), a joiner
/// or variation selector ([`is_joiner`]), or a direction control ([`is_direction_control`]).
/// Asked by [`shows_nothing`] and by what messages escape ([`super::json::unseen`]).
pub fn invisible(c: char) -> bool {
    shows_as_nothing(c) || is_joiner(c) || is_direction_control(c)
}

/// A direction embedding, override or isolate (U+202A–U+202E, U+2066–U+2069).
pub fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}
