//! `plugin.json`: the manifest uploaded with each version.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::errors::Problem;
use super::json::{duplicate_keys, in_text_order, member_path, visible};

/// A validated `plugin.json`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PluginManifest {
    /// `publicComponents`: component name → path.
    #[serde(rename = "publicComponents", default)]
    pub public_components: BTreeMap<String, String>,
    /// `pages`: page name → path.
    #[serde(default)]
    pub pages: BTreeMap<String, String>,
    /// `main`: JS entry exported through `requirePlugin`.
    #[serde(default)]
    pub main: Option<String>,
}

impl PluginManifest {
    /// Number of exports (components + pages + main).
    pub fn export_count(&self) -> usize {
        self.public_components.len() + self.pages.len() + usize::from(self.main.is_some())
    }
    /// The manifest as pretty `plugin.json` text, as a developer writes it (empty parts left
    /// out): [`parse_plugin_json`] reads it back.
    pub fn to_json_pretty(&self) -> String {
        let mut v = serde_json::Map::new();
        if !self.public_components.is_empty() {
            v.insert(
                "publicComponents".into(),
                serde_json::json!(self.public_components),
            );
        }
        if !self.pages.is_empty() {
            v.insert("pages".into(), serde_json::json!(self.pages));
        }
        if let Some(main) = &self.main {
            v.insert("main".into(), main.as_str().into());
        }
        serde_json::to_string_pretty(&v).unwrap_or_default()
    }
}

/// Why `p` is not a relative path inside the plugin, or `None` when it is one: non-empty, not
/// starting with `/`, no `.`, `..` or empty (or blank) segment nor one with a space at either
/// end or ending in `.` (Windows drops it: `list.` would be another file there), none of the
/// characters Windows refuses in file names (`\ : " < > | ? *`), no `'`, `#`
/// or `%`, no control character and no direction control *(decided: QA found a quote
/// accepted, `pages/#x` or `pages/%20x` would read as a fragment or an escape in a page's URL,
/// and a direction control reorders the usage code the path is shown in)*. The first fault
/// found is named, so a message can say what to change rather than list every rule.
pub fn path_fault(p: &str) -> Option<PathFault> {
    if p.trim().is_empty() {
        return Some(PathFault::Empty);
    }
    if p.starts_with('/') {
        return Some(PathFault::Absolute);
    }
    if let Some(c) = p.chars().find(|&c| {
        matches!(
            c,
            '\\' | ':' | '"' | '\'' | '<' | '>' | '|' | '?' | '*' | '#' | '%'
        ) || c.is_control()
            || super::text::is_direction_control(c)
    }) {
        return Some(PathFault::Char(c));
    }
    p.split('/')
        .find(|seg| seg.trim() != *seg || seg.is_empty() || seg.ends_with('.'))
        .map(|seg| PathFault::Segment(seg.to_string()))
}

/// What makes a path not relative inside the plugin (see [`path_fault`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathFault {
    Empty,
    Absolute,
    /// A character a path may not hold.
    Char(char),
    /// A `.`, `..` or empty (or blank) segment, or one with a space at either end or ending in `.`.
    Segment(String),
}

impl PathFault {
    /// The message about path `p` having this fault, in (zh, en): what is wrong with it, not
    /// every rule (QA).
    pub fn says(&self, p: &str) -> (String, String) {
        // Cut, the part too (re-check QA: a 5 000-character path was quoted whole).
        let p = super::errors::cut(p, 80);
        let seg = |seg: &str| super::errors::cut(seg, 40);
        let (zh, en) = match self {
            PathFault::Empty => return ("路径不能为空".into(), "path is empty".into()),
            PathFault::Absolute => ("不能以 / 开头".into(), "must not start with /".into()),
            PathFault::Char(c) => {
                let shown = visible(&c.to_string());
                (
                    format!("不能含「{shown}」"),
                    format!("must not contain \"{shown}\""),
                )
            }
            PathFault::Segment(seg) if seg.trim().is_empty() => (
                "不能有空的一段（如 a//b 或结尾的 /）".into(),
                "must not have an empty part (as in a//b or a trailing /)".into(),
            ),
            // A space at either end of a part (QA: `c/x ` was accepted; Windows and most tools
            // drop or refuse it).
            PathFault::Segment(s) if s.trim() != s => (
                format!("的「{}」这一段首尾不能有空格", seg(s)),
                format!(
                    "must not have spaces at either end of the part \"{}\"",
                    seg(s)
                ),
            ),
            PathFault::Segment(seg) if seg == "." || seg == ".." => (
                format!("不能含「{seg}」这一段"),
                format!("must not have a \"{seg}\" part"),
            ),
            // QA: `pages/list.` was accepted; Windows drops a name's final dot.
            PathFault::Segment(s) => (
                format!("的「{}」这一段不能以 . 结尾", seg(s)),
                format!("must not have a part ending in . (\"{}\")", seg(s)),
            ),
        };
        // Lower case: lists show it after its JSON path ("pages.p path \"/x\" must …").
        (format!("路径「{p}」{zh}"), format!("path \"{p}\" {en}"))
    }
}

/// Whether a component or page path ends in one of its files' extensions: it names the four
/// files (`.js`, `.json`, `.wxml`, `.wxss`) without one, e.g. `components/list/index`, in any
/// case (QA: `pages/x.WXML` was accepted).
fn has_page_file_extension(p: &str) -> bool {
    [".js", ".json", ".wxml", ".wxss"]
        .iter()
        .any(|ext| ends_with_ignoring_case(p, ext))
}

/// Whether `p` ends with `ext` (ASCII, lower case) in any case.
fn ends_with_ignoring_case(p: &str, ext: &str) -> bool {
    p.len() >= ext.len()
        && p.is_char_boundary(p.len() - ext.len())
        && p[p.len() - ext.len()..].eq_ignore_ascii_case(ext)
}

/// Export name rule *(decided)*: a component or page name is an ASCII letter, then ASCII letters,
/// digits, `_` or `-`. It becomes a JSON key and a `plugin://<alias>/<name>` path in the code
/// consumers copy, so quotes, spaces or slashes would break that snippet.
pub fn is_export_name(name: &str) -> bool {
    !name.is_empty() && export_name_fault(name).is_none()
}

/// The first character of `name` that breaks the export name rule ([`is_export_name`]), with
/// its place (0: the first, which must be a letter). `None` for an empty name.
pub fn export_name_fault(name: &str) -> Option<(usize, char)> {
    name.chars().enumerate().find(|&(i, c)| {
        !(c.is_ascii_alphabetic() || (i > 0 && (c.is_ascii_digit() || matches!(c, '_' | '-'))))
    })
}

fn name_map(
    obj: &serde_json::Map<String, Value>,
    key: &str,
    problems: &mut Vec<Problem>,
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let Some(v) = obj.get(key) else {
        return out;
    };
    let Some(map) = v.as_object() else {
        problems.push(Problem::new(
            key,
            "必须是对象（名称 → 路径）",
            "must be an object (name → path)",
        ));
        return out;
    };
    for (name, path_v) in map {
        let at = member_path(key, name);
        match path_v.as_str() {
            Some(p) => match path_problem(&at, p) {
                None => {
                    out.insert(name.clone(), p.to_string());
                }
                Some(problem) => problems.push(problem),
            },
            None => problems.push(Problem::new(
                at.clone(),
                "路径必须是字符串",
                "path must be a string",
            )),
        }
        problems.extend(name_problem(at, name));
    }
    out
}

/// Why `p`, the path of an export at JSON path `at`, is refused: [`path_fault`], or an extension.
fn path_problem(at: &str, p: &str) -> Option<Problem> {
    let (zh, en) = match path_fault(p) {
        Some(fault) => fault.says(p),
        None if has_page_file_extension(p) => {
            // Cut, as every quoted path (re-check QA).
            let p = super::errors::cut(p, 80);
            (
                format!("路径「{p}」不带扩展名：它指的是同名的 .js、.json、.wxml、.wxss 四个文件，例如 components/list/index"),
                format!("path \"{p}\" takes no extension: it names the .js, .json, .wxml and .wxss files of that name, e.g. components/list/index"),
            )
        }
        None => return None,
    };
    Some(Problem::new(at, zh, en))
}

/// Why `name`, an export's name at JSON path `at`, is refused ([`is_export_name`]).
fn name_problem(at: String, name: &str) -> Option<Problem> {
    (!is_export_name(name)).then(|| {
        let name = super::errors::cut(name, 40);
        Problem::new(
            at,
            format!("名称「{name}」不正确：须以英文字母开头，只含英文字母、数字、_ 或 -"),
            format!(
                "name \"{name}\" is invalid: a letter first, then only letters, digits, _ or -"
            ),
        )
    })
}

/// Why `p` is refused as `main`: not a named `.js` file in the plugin.
fn main_problem(p: &str) -> Option<Problem> {
    js_file_fault(p).map(|(zh, en)| Problem::new("main", zh, en))
}

/// Why `p` is not a named `.js` file's relative path, in (zh, en): `plugin.json`'s `main`, and
/// `app.json`'s `export` of a plugin declaration (the file the mini program exports to it).
pub fn js_file_fault(p: &str) -> Option<(String, String)> {
    Some(match path_fault(p) {
        // A file name, not just the extension: `lib/.js` names no entry (QA).
        None if p.ends_with(".js") && !p.ends_with("/.js") && p != ".js" => return None,
        Some(fault) => fault.says(p),
        None => (
            "必须是有文件名的 .js 文件，如 index.js".into(),
            "must be a named .js file, e.g. index.js".into(),
        ),
    })
}

/// A manifest that exports nothing.
fn no_export() -> Problem {
    Problem::new(
        "",
        "插件至少需要导出一个组件、页面或 main 接口",
        "The plugin must export at least one component, page or main entry",
    )
}

impl PluginManifest {
    /// A problem [`parse_plugin_json`] finds in this manifest written out (by the same checks of
    /// each entry, `main` and the exports; `None` exactly when it finds none): what an import
    /// checks of a stored version's (`Workspace::fields_problem`; QA: a `main` of `evil.ts` was
    /// imported and shown in the code page).
    pub fn problem(&self) -> Option<Problem> {
        [
            ("publicComponents", &self.public_components),
            ("pages", &self.pages),
        ]
        .into_iter()
        .flat_map(|(key, map)| {
            map.iter()
                .map(move |(name, p)| (member_path(key, name), name, p))
        })
        .find_map(|(at, name, p)| path_problem(&at, p).or_else(|| name_problem(at, name)))
        .or_else(|| self.main.as_deref().and_then(main_problem))
        .or_else(|| (self.export_count() == 0).then(no_export))
    }
}

/// Parses and validates `plugin.json`: valid JSON, an object with optional
/// `publicComponents`/`pages` (objects of relative paths) and `main` (relative path of a `.js`
/// file: the JS entry), no other keys, no key written twice (the first would be silently
/// lost), at least one export. Reports every problem with its JSON path.
pub fn parse_plugin_json(text: &str) -> Result<PluginManifest, Vec<Problem>> {
    let value: Value =
        serde_json::from_str(text).map_err(|e| vec![Problem::invalid_json(text, &e)])?;
    let Some(obj) = value.as_object() else {
        return Err(vec![Problem::new(
            "",
            "必须是一个 JSON 对象",
            "must be a JSON object",
        )]);
    };
    let mut problems = duplicate_keys(text);
    for key in obj.keys() {
        if !matches!(key.as_str(), "publicComponents" | "pages" | "main") {
            problems.push(Problem::new(
                member_path("", key),
                // The path names the key: the message does not repeat it (QA).
                "未知字段（只允许 publicComponents、pages、main，本应用约定）",
                "unknown field (only publicComponents, pages, main: our rule)",
            ));
        }
    }
    let public_components = name_map(obj, "publicComponents", &mut problems);
    let pages = name_map(obj, "pages", &mut problems);
    let main = match obj.get("main") {
        None => None,
        Some(Value::String(p)) => match main_problem(p) {
            None => Some(p.clone()),
            Some(problem) => {
                problems.push(problem);
                None
            }
        },
        Some(_) => {
            problems.push(Problem::new(
                "main",
                "必须是插件内 JS 文件的相对路径字符串",
                "must be a relative path string to a JS file in the plugin",
            ));
            None
        }
    };
    let manifest = PluginManifest {
        public_components,
        pages,
        main,
    };
    if problems.is_empty() && manifest.export_count() == 0 {
        problems.push(no_export());
    }
    if problems.is_empty() {
        Ok(manifest)
    } else {
        in_text_order(text, &mut problems);
        Err(problems)
    }
}
