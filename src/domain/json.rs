//! Checks of JSON text that a parsed value can no longer tell (`app.json`, `plugin.json`).

use super::errors::Problem;
use std::ops::Range;

/// The path of member `key` of the value at `path` (`""`: the document), as problems show it:
/// `pages.index`, or `pages["a.b"]` for a key a dotted path would misread (a dot, space,
/// bracket, quote or control character in it, a digit first, or empty).
pub fn member_path(path: &str, key: &str) -> String {
    let plain = !key.starts_with(|c: char| c.is_ascii_digit())
        && !key.is_empty()
        && !key
            .chars()
            .any(|c| matches!(c, '.' | '[' | ']' | '"' | '\\') || c.is_whitespace() || unseen(c));
    match (plain, path.is_empty()) {
        (true, true) => key.to_string(),
        (true, false) => format!("{path}.{key}"),
        (false, _) => {
            // The key as a JSON string.
            let mut quoted = String::with_capacity(key.len());
            for c in key.chars() {
                if matches!(c, '"' | '\\') {
                    quoted.push('\\');
                }
                quoted.push(c);
            }
            format!("{path}[\"{}\"]", visible(&quoted))
        }
    }
}

/// `s` with each control, direction, joiner or other character that shows as nothing (U+200B, a
/// BOM, U+E0100; [`super::text::shows_as_nothing`]) written as JSON escapes it (`\u0001`, `\u200b`): a message
/// quoting user text shows what is wrong with it instead of nothing (QA: a path with U+0001 read
/// as "pages/x", a version with U+200B as a valid one).
pub fn visible(s: &str) -> String {
    escaped(s, unseen)
}

/// What [`visible`] escapes: a control, direction or joiner character, or one that shows as
/// nothing.
pub fn unseen(c: char) -> bool {
    c.is_control() || super::text::invisible(c)
}

/// `s` with each character `escape` picks written as JSON escapes it (`\u200b`).
pub fn escaped(s: &str, escape: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if escape(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Keys written twice in one object of valid JSON `text`, as problems at the second one's path:
/// `JSON.parse` (and serde_json) keep only the last, so the first is silently lost.
pub fn duplicate_keys(text: &str) -> Vec<Problem> {
    members_in_order(text)
        .into_iter()
        .filter(|m| m.again)
        .map(|m| {
            // Cut: a 100 000-character key was quoted whole (scale QA).
            let key = super::errors::cut(&m.key, 40);
            Problem::new(
                m.path,
                format!("键「{key}」重复：JSON 只保留最后一个，前面的会丢失，请删去多余的"),
                format!("Key \"{key}\" is written twice: JSON keeps only the last one and loses the others; remove the extra one"),
            )
        })
        .collect()
}

/// Sorts `problems` (stable) in the order their paths appear in `text`, as the reader meets
/// them (QA: they came in the order of a checker's passes, keys sorted by name). A path not in
/// the text (a missing key) goes where its nearest written parent is; the document's own
/// problems come first.
pub fn in_text_order(text: &str, problems: &mut [Problem]) {
    in_places_order(&text_places(text), problems);
}

/// [`in_text_order`] with the text's [`text_places`] read already (the `app.json` checker's:
/// the text is not read a third time). Looked up, not scanned for each problem (scale QA:
/// 3 000 problems × 9 000 paths, ≈ 0.2 s a key).
pub fn in_places_order(places: &rustc_hash::FxHashMap<String, usize>, problems: &mut [Problem]) {
    let place = |path: &str| {
        // The path, else its nearest parent written: cut at the last `.` or `[` (a cut inside a
        // quoted key names no member, and the next cut is tried).
        let mut p = path;
        loop {
            if let Some(&i) = places.get(p) {
                return i + 1;
            }
            match p.rfind(['.', '[']) {
                Some(cut) => p = &p[..cut],
                None => return 0,
            }
        }
    };
    let mut at: Vec<usize> = problems.iter().map(|p| place(&p.path)).collect();
    // An insertion sort, stable: lists are short, and the standard sort added ≈ 1.2 KB gzip of
    // wasm for this one use.
    for i in 1..at.len() {
        let mut j = i;
        while j > 0 && at[j - 1] > at[j] {
            at.swap(j - 1, j);
            problems.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// A member of an object or an element of an array met in JSON text.
struct Member {
    /// Its path, as problems show it.
    path: String,
    /// The key as decoded (empty for an array element).
    key: String,
    /// The key was already written in the same object.
    again: bool,
}

/// The members of a JSON object as written ([`members_written`]): each key (decoded) with the
/// byte ranges of its member and of its value, in order; and where the object closes.
pub type Written = (Vec<(String, Range<usize>, Range<usize>)>, usize);

/// `text`, a JSON object (`Workspace::app_json_fill` parsed it) whose members are `written`
/// ([`members_written`] of it, read once by the caller), with the value of its top-level member
/// `key` replaced by `value` (JSON text), or `key` added last if it has none: everything else as
/// it was written, in its order. Of a key written twice, the later (the one JSON keeps). Not for
/// any other text: the caller's one reading decides it is an object.
pub(super) fn with_member(text: &str, written: &Written, key: &str, value: &str) -> String {
    let (members, close) = (&written.0, written.1);
    match members.iter().rev().find(|m| m.0 == key) {
        Some((_, _, at)) => {
            let old = &text[at.clone()];
            let lead = &old[..old.len() - old.trim_start().len()];
            let trail = &old[old.trim_end().len()..];
            format!(
                "{}{lead}{value}{trail}{}",
                &text[..at.start],
                &text[at.end..]
            )
        }
        None => {
            let before = text[..close].trim_end();
            let comma = if members.is_empty() { "" } else { "," };
            format!("{before}{comma}\n  \"{key}\": {value}\n{}", &text[close..])
        }
    }
}

/// The members of the object valid JSON `text` is, as written: each key (decoded) with the
/// byte ranges of its member (from the key's opening quote) and of its value (spaces around it
/// included), in order; and where the object closes.
pub fn members_written(text: &str) -> Written {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let (mut string_start, mut last_string) = (0, (0, 0));
    let mut value: Option<(String, usize, usize)> = None;
    let mut members = Vec::new();
    let mut close = 0;
    for (i, c) in text.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => {
                    in_string = false;
                    last_string = (string_start, i + 1);
                }
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                string_start = i;
            }
            ':' if depth == 1 => {
                let named = &text[last_string.0..last_string.1];
                let key = serde_json::from_str::<String>(named).unwrap_or_default();
                value = Some((key, last_string.0, i + 1));
            }
            '{' | '[' => depth += 1,
            '}' | ']' | ',' if depth == 1 => {
                if let Some((key, from, start)) = value.take() {
                    members.push((key, from..i, start..i));
                }
                if c != ',' {
                    depth -= 1;
                    close = i;
                }
            }
            '}' | ']' => depth -= 1,
            _ => {}
        }
    }
    (members, close)
}

/// The places of the members of valid JSON `text` by their paths (as problems show them), in
/// the order they are written: a member's place is that of its path's last copy (of a key
/// written twice, the later one: the one JSON keeps). A table: looked up for each declaration
/// (scale QA: scanned, 3 000 declarations × 9 000 paths).
pub fn text_places(text: &str) -> rustc_hash::FxHashMap<String, usize> {
    (members_in_order(text).into_iter().enumerate())
        .map(|(i, m)| (m.path, i))
        .collect()
}

/// Element `index` of the array at `path`, as a member met in the text.
fn element(path: &str, index: usize) -> Member {
    Member {
        path: format!("{path}[{index}]"),
        key: String::new(),
        again: false,
    }
}

/// The members of valid JSON `text`, in the order they are written.
fn members_in_order(text: &str) -> Vec<Member> {
    enum Frame {
        Object {
            path: String,
            keys: Vec<String>,
            want_key: bool,
        },
        Array {
            path: String,
            index: usize,
        },
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut members = Vec::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '{' | '[' => {
                let path = match stack.last() {
                    Some(Frame::Object { path, keys, .. }) => keys
                        .last()
                        .map_or_else(|| path.clone(), |k| member_path(path, k)),
                    // (Its place noted where it began: at `[` or `,`.)
                    Some(Frame::Array { path, index }) => format!("{path}[{index}]"),
                    None => String::new(),
                };
                if c == '[' {
                    members.push(element(&path, 0));
                }
                stack.push(if c == '{' {
                    Frame::Object {
                        path,
                        keys: Vec::new(),
                        want_key: true,
                    }
                } else {
                    Frame::Array { path, index: 0 }
                });
            }
            '}' | ']' => {
                stack.pop();
            }
            ',' => match stack.last_mut() {
                Some(Frame::Object { want_key, .. }) => *want_key = true,
                // Every element has its place, a string or `null` too (QA: `subpackages[2]`'s
                // problem was listed before `subpackages[0]`'s).
                Some(Frame::Array { path, index }) => {
                    *index += 1;
                    members.push(element(path, *index));
                }
                None => {}
            },
            ':' => {
                if let Some(Frame::Object { want_key, .. }) = stack.last_mut() {
                    *want_key = false;
                }
            }
            '"' => {
                let mut raw = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => {
                            raw.push(c);
                            raw.extend(chars.next());
                        }
                        _ => raw.push(c),
                    }
                }
                if let Some(Frame::Object {
                    path,
                    keys,
                    want_key: true,
                }) = stack.last_mut()
                {
                    // Compared as decoded ("\u0061" is "a"), as JSON.parse keeps them.
                    if raw.contains('\\') {
                        if let Ok(key) = serde_json::from_str::<String>(&format!("\"{raw}\"")) {
                            raw = key;
                        }
                    }
                    members.push(Member {
                        path: member_path(path, &raw),
                        again: keys.contains(&raw),
                        key: raw.clone(),
                    });
                    keys.push(raw);
                }
            }
            _ => {}
        }
    }
    members
}

#[cfg(test)]
mod tests {
    use super::{in_text_order, member_path, members_written, with_member, Problem};

    #[test]
    fn with_member_replaces_one_top_level_value_and_keeps_the_rest_as_written() {
        let text = "{\n  \"pages\": [\"a\"],\n  \"plugins\": {\"x\": {\"plugins\": 1}},\n  \"window\": {}\n}";
        assert_eq!(
            with_member(text, &members_written(text), "plugins", "{}"),
            "{\n  \"pages\": [\"a\"],\n  \"plugins\": {},\n  \"window\": {}\n}"
        );
        // Last, and a key written twice: the later (what JSON keeps); escaped keys decoded.
        let twice = r#"{"plugins": 1, "p": "}", "plugin\u0073": 2}"#;
        assert_eq!(
            with_member(twice, &members_written(twice), "plugins", "3"),
            r#"{"plugins": 1, "p": "}", "plugin\u0073": 3}"#
        );
        // None yet: added last; an empty object gets no comma.
        let pages = "{\"pages\": []}";
        assert_eq!(
            with_member(pages, &members_written(pages), "plugins", "{}"),
            "{\"pages\": [],\n  \"plugins\": {}\n}"
        );
        assert_eq!(
            with_member("{ }", &members_written("{ }"), "plugins", "{}"),
            "{\n  \"plugins\": {}\n}"
        );
    }

    #[test]
    fn members_are_read_as_written() {
        let text = r#"{"a": {"x": [1, "]"]}, "b\u0063" : 2 }"#;
        let (members, close) = members_written(text);
        let written: Vec<(&str, &str)> = members
            .iter()
            .map(|(k, _, at)| (k.as_str(), text[at.clone()].trim()))
            .collect();
        assert_eq!(written, [("a", r#"{"x": [1, "]"]}"#), ("bc", "2")]);
        assert_eq!(close, text.len() - 1);
    }

    #[test]
    fn problems_follow_the_text() {
        let text = r#"{"b": {"x": 1}, "ab": [{"k": 2}], "a": {"y": 3}}"#;
        let mut problems: Vec<Problem> = [
            "a.y",
            "a.missing",
            "ab[0].k",
            "b.missing",
            "",
            "b",
            "ab[0]",
            "nowhere",
        ]
        .into_iter()
        .map(|p| Problem::new(p, "", ""))
        .collect();
        in_text_order(text, &mut problems);
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        // A missing key sits where its object starts; `ab` is not within `a`; the document (and
        // a path not written at all) first; problems at one place as they came.
        assert_eq!(
            paths,
            [
                "",
                "nowhere",
                "b.missing",
                "b",
                "ab[0]",
                "ab[0].k",
                "a.missing",
                "a.y"
            ]
        );
    }

    #[test]
    fn a_member_path_quotes_a_key_a_dotted_path_would_misread() {
        assert_eq!(member_path("", "main"), "main");
        assert_eq!(member_path("pages", "index"), "pages.index");
        assert_eq!(member_path("pages", "卡片"), "pages.卡片");
        assert_eq!(member_path("pages", "a.b"), r#"pages["a.b"]"#);
        assert_eq!(member_path("", ""), r#"[""]"#);
        // `plugins.9bad` would read as no path at all (review).
        assert_eq!(member_path("plugins", "9bad"), r#"plugins["9bad"]"#);
        assert_eq!(member_path("plugins", "bad9"), "plugins.bad9");
        assert_eq!(member_path("p", "a\"b\\c\u{1}"), r#"p["a\"b\\c\u0001"]"#);
        assert_eq!(member_path("p", "a b"), r#"p["a b"]"#);
        assert_eq!(super::visible("pages/\u{1}x\ty"), r"pages/\u0001x\u0009y");
    }
}
