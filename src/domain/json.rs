//! Checks of JSON text that a parsed value can no longer tell (`app.json`, `plugin.json`).

use super::errors::Problem;

/// Keys written twice in one object of valid JSON `text`, as problems at the second one's path:
/// `JSON.parse` (and serde_json) keep only the last, so the first is silently lost.
pub fn duplicate_keys(text: &str) -> Vec<Problem> {
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
    let join = |path: &str, key: &str| {
        if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        }
    };
    let mut stack: Vec<Frame> = Vec::new();
    let mut problems = Vec::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '{' | '[' => {
                let path = match stack.last() {
                    Some(Frame::Object { path, keys, .. }) => {
                        join(path, keys.last().map_or("", String::as_str))
                    }
                    Some(Frame::Array { path, index }) => format!("{path}[{index}]"),
                    None => String::new(),
                };
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
                Some(Frame::Array { index, .. }) => *index += 1,
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
                    if keys.contains(&raw) {
                        problems.push(Problem::new(
                            join(path, &raw),
                            format!("键「{raw}」重复：JSON 只保留最后一个，前面的会丢失，请删去多余的"),
                            format!("Key \"{raw}\" is written twice: JSON keeps only the last one and loses the others; remove the extra one"),
                        ));
                    }
                    keys.push(raw);
                }
            }
            _ => {}
        }
    }
    problems
}
