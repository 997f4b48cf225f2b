//! Typed domain errors: one variant per product rule, each with a zh and an en message
//! and the form field it concerns.

use serde::{Deserialize, Serialize};

use super::account::{Category, ACCOUNT_NAME_CHARS, CATEGORY_LEVEL_CHARS, REVIEWER_CHARS};
use super::application::{ApplicationId, ApplicationStatus, ALIAS_CHARS};
use super::clock::APPLICATION_WINDOW_HOURS;
use super::events::Role;
use super::ids::AppId;
use super::plugin::{
    DomainFault, DomainList, MAX_DOMAINS, MAX_INTRO_CHARS, PLUGIN_NAME_CHARS, TOKEN_CHARS,
};
use super::review::{FEATURE_DESCRIPTION_CHARS, MAX_TAGS, MAX_TAG_CHARS};
use super::text::range_text;
use super::version::{Semver, VersionStatus, MAX_VERSION_PART};

/// A typed value as a message quotes it: at most 20 characters (then `…`; QA: 10 000 typed
/// filled the dialog with the message), what shows as nothing escaped (QA: `2.1.` U+200B `1`
/// read as a valid version): [`super::json::visible`].
fn typed(value: &str) -> String {
    cut(value, 20)
}

/// `value` as a message quotes it: at most `max` characters (then `…`), what shows as nothing
/// escaped (see [`typed`]; adversarial QA: a 100 000-character domain, tag or alias was
/// quoted whole, and an alias's U+202E turned the message around).
pub(crate) fn cut(value: &str, max: usize) -> String {
    let mut shown: String = value.chars().take(max).collect();
    if shown.len() < value.len() {
        shown.push('…');
    }
    super::json::visible(&shown)
}

/// How much of a problem's JSON path a list shows ([`Problem::listed_at`]).
pub const PATH_SHOWN_CHARS: usize = 120;

/// A JSON path as a list or a message shows it: whole up to [`PATH_SHOWN_CHARS`], else its start
/// and its end around a `…`, where the keys that tell two long paths apart usually are
/// (re-check QA: two aliases differing in their last letter listed alike, cut after their start).
pub(crate) fn path_shown(path: &str) -> String {
    let n = path.chars().count();
    if n <= PATH_SHOWN_CHARS {
        return path.to_string();
    }
    let head = PATH_SHOWN_CHARS / 2;
    let tail = PATH_SHOWN_CHARS - head;
    let start: String = path.chars().take(head).collect();
    let end: String = path.chars().skip(n - tail).collect();
    super::json::visible(&format!("{start}…{end}"))
}

/// One located problem in a JSON document (`plugin.json` or `app.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// JSON path, e.g. `plugins.myPlugin.version` or `subpackages[0].plugins.x.provider`
    /// (empty for the document itself).
    pub path: String,
    /// Chinese message.
    pub zh: String,
    /// English message.
    pub en: String,
    /// The plugin whose page says what to do about it (apply, apply again, the application's
    /// standing), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plugin: Option<AppId>,
}

impl Problem {
    /// Builds a problem.
    pub fn new(path: impl Into<String>, zh: impl Into<String>, en: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            zh: zh.into(),
            en: en.into(),
            plugin: None,
        }
    }

    /// The same, pointing to `plugin`'s page for what to do.
    pub fn see(self, plugin: &AppId) -> Self {
        Problem {
            plugin: Some(plugin.clone()),
            ..self
        }
    }

    /// `message` (its `zh` or `en`) after the path it concerns, as the error summary says it: the
    /// messages themselves do not repeat the path, which lists show beside them.
    pub fn located(&self, message: &str) -> String {
        if self.path.is_empty() {
            message.to_string()
        } else {
            format!("{} {message}", self.path)
        }
    }

    /// Where a list of problems shows this one, and what stands between that and its message
    /// (zh, en): its path as [`path_shown`] (QA: a key of 10 000 characters was shown whole), or
    /// for the whole document the file's name and a colon ("plugin.json: not valid JSON"; QA: it
    /// had no verb).
    pub fn listed_at(&self, file: &str) -> (String, [&'static str; 2]) {
        if self.path.is_empty() {
            (file.to_string(), ["：", ": "])
        } else {
            (path_shown(&self.path), [" ", " "])
        }
    }

    /// `text` is not valid JSON (shared by `plugin.json` and `app.json` checks).
    pub fn invalid_json(text: &str, e: &serde_json::Error) -> Self {
        // serde_json's syntax errors, by the start of its (English) message, said in Chinese
        // (QA: every one was just 语法错误), and in plain English where its own is jargon (QA:
        // "expected ident"); "" keeps its own.
        // Half of a surrogate pair: a lone one, or a leading one not followed by a \u.
        const HALF_PAIR: (&str, &str) = (
            "：\\u 转义是半个代理对（\\uD800–\\uDBFF 后须紧跟 \\uDC00–\\uDFFF）",
            "\\u escape is half a surrogate pair (\\uD800–\\uDBFF must be followed by \\uDC00–\\uDFFF)",
        );
        // A \u escape without its 4 hex digits.
        const SHORT_U: (&str, &str) = (
            "：\\u 后须跟 4 位十六进制数字",
            "\\u must be followed by 4 hex digits",
        );
        const SYNTAX: [(&str, &str, &str); 13] = [
            ("lone leading surrogate", HALF_PAIR.0, HALF_PAIR.1),
            ("unexpected end of hex escape", HALF_PAIR.0, HALF_PAIR.1),
            ("trailing comma", "：多余的逗号", ""),
            ("expected `,` or `}`", "：缺少逗号或 }", ""),
            ("expected `,` or `]`", "：缺少逗号或 ]", ""),
            ("expected `:`", "：缺少冒号", ""),
            ("key must be a string", "：键须为带双引号的字符串", ""),
            ("expected value", "：此处应为一个值", ""),
            (
                "expected ident",
                "：无法识别的值（true、false、null 须小写）",
                "unrecognized value (true, false and null are lower-case)",
            ),
            (
                "trailing characters",
                "：JSON 结束后还有多余内容",
                "more text after the end of the JSON",
            ),
            ("invalid number", "：无效的数字", ""),
            // Valid JSON this reader cannot hold (`1e999`), not a syntax error (QA).
            (
                "number out of range",
                "：数字超出范围",
                "a number out of range",
            ),
            (
                "control character",
                "：字符串中有未转义的控制字符（如换行）",
                "a control character (such as a line break) in a string must be escaped",
            ),
        ];
        // Nothing at all (an empty file, a cleared box): said as such (QA: "line 1, column 1:
        // incomplete").
        if text.trim().is_empty() {
            return Problem::new("", "内容为空，不是 JSON", "it is empty, not JSON");
        }
        // Columns count characters from 1, as an editor does: serde_json counts bytes (QA: an
        // error after "名称" was placed 4 columns too far), and says 0 for an empty text.
        let eof = e.classify() == serde_json::error::Category::Eof;
        let (line, column) = if eof {
            // The text ended too early: the place is just after its last character, where
            // more was expected (QA: `{` was placed at column 1).
            let body = text.trim_end();
            let line = body.split('\n').count();
            let last = body.rsplit('\n').next().unwrap_or_default();
            (line, last.chars().count() + 1)
        } else if e.column() == 0 && e.line() > 1 && e.to_string().starts_with("expected ident") {
            // A misspelt true/false/null ended by its line: serde_json points at the line break
            // (the next line's column 0); the word is at the end of the line before (review).
            let line = e.line() - 1;
            let l = text.split('\n').nth(line - 1).unwrap_or_default();
            (line, l.trim_end_matches('\r').chars().count() + 1)
        } else {
            let line = e.line().max(1);
            let column = text.split('\n').nth(line - 1).map_or(0, |l| {
                l.char_indices()
                    .take_while(|(i, _)| *i < e.column())
                    .count()
            });
            (line, column.max(1))
        };
        // A trailing comma is placed where the comma is, maybe lines before what serde_json
        // stopped at (QA: one column after it).
        let (line, mut column) = if e.to_string().starts_with("trailing comma") {
            let lines: Vec<&str> = text.split('\n').collect();
            let at = lines[..line - 1].iter().map(|l| l.len() + 1).sum::<usize>()
                + lines[line - 1]
                    .char_indices()
                    .nth(column - 1)
                    .map_or(lines[line - 1].len(), |c| c.0);
            match text[..at].trim_end().strip_suffix(',') {
                Some(head) => {
                    let line = head.matches('\n').count() + 1;
                    let column = head.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
                    (line, column)
                }
                None => (line, column),
            }
        } else {
            (line, column)
        };
        // The line where it went wrong, split at the character there (none past the end of the
        // text): the hints below look at it and at its neighbours.
        let l = text.split('\n').nth(line - 1).unwrap_or_default();
        let (before, rest) = l.split_at(l.char_indices().nth(column - 1).map_or(l.len(), |c| c.0));
        let (prev, here) = (before.chars().next_back(), rest.chars().next());
        // A full-width ｛ or “ there is named (QA: only 语法错误).
        let at =
            here.filter(|c| ('\u{FF01}'..='\u{FF5E}').contains(c) || "“”‘’、，：".contains(*c));
        let mut message = e.to_string();
        // A misspelt true/false/null: serde_json says where it stopped matching; the word
        // starts earlier (QA: `tru}` was placed at the `}`).
        if message.starts_with("expected ident") {
            column -= before
                .chars()
                .rev()
                .take_while(char::is_ascii_alphabetic)
                .count();
        }
        // serde_json's own text is English: the Chinese message names the kind of error instead.
        // Its depth limit (128) refuses the 128th level: 127 are allowed.
        // Too deep is not invalid: this app does not read it (scale QA: "不是合法的 JSON" for
        // what `JSON.parse` takes).
        let deep = message.starts_with("recursion limit");
        let kind = match e.classify() {
            _ if deep => {
                message = "nested deeper than 127 levels, our rule".into();
                "：嵌套超过 127 层，本应用约定"
            }
            // serde_json wants 4 characters after a \u before it looks at them: with fewer left
            // it says the text ended, though they are no hex digits (`{"a":"\u"}`, QA).
            serde_json::error::Category::Eof
                if text
                    .as_bytes()
                    .windows(2)
                    .rposition(|w| w == b"\\u")
                    .is_some_and(|i| {
                        let tail = &text.as_bytes()[i + 2..];
                        ends_in_escape(&text[..=i])
                            && tail.len() < 4
                            && !tail.iter().all(u8::is_ascii_hexdigit)
                    }) =>
            {
                message = SHORT_U.1.into();
                SHORT_U.0
            }
            serde_json::error::Category::Eof => {
                // serde_json says "EOF while parsing …" (QA: jargon).
                message = "the text ends too early".into();
                "：内容不完整"
            }
            // A byte order mark first (Windows editors write one; reading a file drops it, pasting
            // keeps it): serde_json says "expected value" at 1:1, and JSON.parse refuses it too.
            _ if text.starts_with('\u{FEFF}') => {
                message =
                    "the text starts with a byte order mark (BOM); save it as UTF-8 without BOM"
                        .into();
                "：开头有 BOM（字节顺序标记），请以 UTF-8 无 BOM 保存"
            }
            // serde_json reads the four characters after \u before it refuses them, and says
            // where the fourth is: \u then 4 characters back is a short \u (review: `\u41\n`
            // was called a bad \n); else a \ just before is one like \x.
            _ if message.starts_with("invalid escape") => {
                let mut back = before.char_indices().rev();
                let u = back.nth(3).filter(|(_, c)| *c == 'u');
                if u.is_some_and(|(at, _)| ends_in_escape(&before[..at])) {
                    message = SHORT_U.1.into();
                    SHORT_U.0
                } else {
                    message =
                        "invalid escape in a string (after \\ only \" \\ / b f n r t u)".into();
                    "：字符串中有无效的转义（\\ 后只能跟 \" \\ / b f n r t u）"
                }
            }
            // A comment where a value, a key, a `,`, a `:` or the end goes; not a // inside a
            // string (after a newline in one, where serde_json says "control character").
            _ if (rest.starts_with("//") || rest.starts_with("/*"))
                && ["expected", "key", "trailing"]
                    .iter()
                    .any(|p| message.starts_with(p)) =>
            {
                // Where a value goes, //host.name/path is more likely a URL without its quotes:
                // a name whose last part is 2 letters or more, then `/`.
                let url = rest.strip_prefix("//").unwrap_or_default();
                let host = url
                    .split(|c: char| c.is_whitespace() || "/,}]".contains(c))
                    .next()
                    .unwrap_or_default();
                let tld = host.rsplit_once('.').map_or("", |(_, tld)| tld);
                let hostlike = url[host.len()..].starts_with('/')
                    && !host.starts_with('.')
                    && tld.len() > 1
                    && tld.bytes().all(|b| b.is_ascii_alphabetic());
                if message.starts_with("expected value") && hostlike {
                    message = "strings need double quotes (an unquoted //… reads as a comment, which JSON does not allow)".into();
                    "：字符串须加双引号（未加引号的 //… 读作注释，JSON 不支持注释）"
                } else {
                    message = "JSON does not allow comments".into();
                    "：JSON 不支持注释"
                }
            }
            // The only "invalid number" at a digit is one after a leading 0 (01, -00).
            _ if message.starts_with("invalid number")
                && prev == Some('0')
                && here.is_some_and(|c| c.is_ascii_digit()) =>
            {
                message = "numbers cannot start with 0".into();
                "：数字不能以 0 开头"
            }
            // A letter right after a number (0x1F, 12px, 12个): serde_json read the number and
            // wants what follows one (QA: 缺少逗号). Not true, false or null: a comma is missing
            // before a value there (`[1true]`). Kana and CJK ideographs are too (12个); other
            // characters (。, a full-width ，) are not (review).
            _ if prev.is_some_and(|c| c.is_ascii_digit())
                && here.is_some_and(|c| {
                    c.is_ascii_alphabetic() || ('\u{3040}'..='\u{9FFF}').contains(&c)
                })
                && !["true", "false", "null"]
                    .iter()
                    .any(|w| rest.starts_with(w))
                && ["expected `,`", "trailing"]
                    .iter()
                    .any(|p| message.starts_with(p)) =>
            {
                message = "a letter or character right after a number (JSON numbers are decimal: 12, -3.5, 1e3)"
                    .into();
                "：数字后紧跟字母或文字（JSON 的数字只能是十进制，如 12、-3.5、1e3）"
            }
            // A second `.` in a number: an unquoted version (app.json's `"version": 1.0.0`).
            _ if prev.is_some_and(|c| c.is_ascii_digit())
                && here == Some('.')
                && message.starts_with("expected `,`") =>
            {
                message =
                    "a second \".\" in a number (a version such as 1.0.0 needs double quotes)"
                        .into();
                "：数字中多了「.」（1.0.0 这样的版本号须加双引号）"
            }
            // 'a' where a value or a key goes.
            _ if here == Some('\'')
                && (message.starts_with("expected value") || message.starts_with("key")) =>
            {
                message = "strings need double quotes, not single quotes".into();
                "：字符串须用双引号，不能用单引号"
            }
            serde_json::error::Category::Syntax => SYNTAX
                .iter()
                .find(|(serde, ..)| message.starts_with(serde))
                .map_or("：语法错误", |(_, zh, en)| {
                    if !en.is_empty() {
                        message = en.to_string();
                    }
                    zh
                }),
            _ => "",
        };
        // A bare word where a value goes: a string without quotes, or True/NULL (QA).
        let word = kind == "：此处应为一个值" && here.is_some_and(|c| c.is_ascii_alphabetic());
        let (word_zh, word_en) = if word {
            (
                "（字符串须加双引号；true、false、null 须小写）",
                " (strings need double quotes; true, false and null are lower-case)",
            )
        } else {
            ("", "")
        };
        let (full_zh, full_en) = at.map_or((String::new(), String::new()), |c| {
            (
                format!("；「{c}」是全角符号，JSON 只用半角符号"),
                format!("; \"{c}\" is a full-width character: JSON uses ASCII punctuation"),
            )
        });
        let (lead_zh, lead_en) = if deep {
            ("无法读取", "cannot be read")
        } else {
            ("不是合法的 JSON", "not valid JSON")
        };
        Problem::new(
            "",
            format!("{lead_zh}（第 {line} 行第 {column} 列{kind}{word_zh}{full_zh}）"),
            // serde_json ends its text with the position, given here already.
            format!(
                "{lead_en} (line {line}, column {column}: {}{word_en}{full_en})",
                message.split(" at line ").next().unwrap_or_default()
            ),
        )
    }
}

/// Whether `s` ends with a backslash that starts an escape: an odd run of them (in an even
/// one, each escapes the next).
fn ends_in_escape(s: &str) -> bool {
    s.bytes().rev().take_while(|b| *b == b'\\').count() % 2 == 1
}

/// What a developer or reviewer tried to do with a version (used in [`DomainError::StatusForbids`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum VersionAction {
    /// 提交审核
    Submit,
    /// 撤回审核
    Withdraw,
    /// 审核通过 / 审核失败
    Decide,
    /// 发布
    Release,
    /// 下线
    TakeOffline,
}

impl VersionAction {
    /// Chinese label.
    pub fn zh(self) -> &'static str {
        match self {
            VersionAction::Submit => "提交审核",
            VersionAction::Withdraw => "撤回审核",
            VersionAction::Decide => "审核",
            VersionAction::Release => "发布",
            VersionAction::TakeOffline => "下线",
        }
    }
    /// English label.
    pub fn en(self) -> &'static str {
        match self {
            VersionAction::Submit => "submit for review",
            VersionAction::Withdraw => "withdraw the review",
            VersionAction::Decide => "decide the review",
            VersionAction::Release => "release",
            VersionAction::TakeOffline => "take offline",
        }
    }
}

/// Every refusal of the domain. Nothing is changed when one is returned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// AppID is not `wx` + 16 lowercase hex digits.
    #[error("{}", self.en())]
    InvalidAppId {
        /// The rejected input.
        value: String,
    },
    /// No mini program account with this AppID.
    #[error("{}", self.en())]
    AccountNotFound {
        /// The missing AppID.
        app_id: AppId,
    },
    /// Mini program name must be 2–30 characters (decided).
    #[error("{}", self.en())]
    AccountNameLength {
        /// Length in characters.
        len: usize,
    },
    /// A service category has an empty or overlong (> 20 chars) part.
    #[error("{}", self.en())]
    AccountCategoryInvalid {
        /// Index of the offending category.
        index: usize,
    },
    /// One category's level (一级 or 二级) is empty or longer than 20 characters: said as the
    /// category is added, before it has a place in the list.
    #[error("{}", self.en())]
    CategoryLevelLength {
        /// The 一级类目 (else the 二级类目).
        primary: bool,
        /// Length in characters (trimmed).
        len: usize,
    },
    /// The same category (一级 and 二级) listed twice.
    #[error("{}", self.en())]
    CategoryRepeated {
        /// The category, levels trimmed.
        category: Category,
    },
    /// None of the mini program's approved categories is open to plugins: 提交审核 cannot pass.
    #[error("{}", self.en())]
    NoPluginCategory,
    /// A mini program needs at least one 已通过的服务类目.
    #[error("{}", self.en())]
    AccountCategoriesRequired,
    /// No reviewer with this id.
    #[error("{}", self.en())]
    ReviewerNotFound {
        /// The reviewer id.
        id: String,
    },
    /// Reviewer id/name empty, too long (> 20) or id already taken.
    #[error("{}", self.en())]
    ReviewerInvalid {
        /// The reviewer id.
        id: String,
    },
    /// The actor's role may not perform this action.
    #[error("{}", self.en())]
    WrongRole {
        /// Role required.
        expected: Role,
        /// Role of the actor.
        actual: Role,
    },
    /// Only the plugin's owner mini program may do this.
    #[error("{}", self.en())]
    NotOwner {
        /// The plugin concerned.
        plugin: AppId,
    },
    /// No plugin with this AppID (capability not opened).
    #[error("{}", self.en())]
    PluginNotFound {
        /// The plugin AppID.
        app_id: AppId,
    },
    /// 个人 mini programs cannot develop plugins (开放范围).
    #[error("{}", self.en())]
    IndividualCannotDevelop,
    /// This mini program already opened plugin capability (one plugin per AppID).
    #[error("{}", self.en())]
    PluginAlreadyOpened,
    /// Plugin name must be 2–20 characters.
    #[error("{}", self.en())]
    NameLength {
        /// Length in characters.
        len: usize,
    },
    /// Plugin name already used on the platform.
    #[error("{}", self.en())]
    NameTaken {
        /// The name, as the plugin that has it spells it.
        name: String,
    },
    /// 简介 longer than 120 characters.
    #[error("{}", self.en())]
    IntroTooLong {
        /// Length in characters.
        len: usize,
    },
    /// 简介 left empty: 插件基本信息 is name, icon and 简介 (commands only, not imports).
    #[error("{}", self.en())]
    IntroRequired,
    /// Unknown built-in icon key.
    #[error("{}", self.en())]
    UnknownBuiltinIcon {
        /// The key.
        key: String,
    },
    /// Uploaded icon is not a `data:image/...` URL.
    #[error("{}", self.en())]
    IconNotImage,
    /// Uploaded icon larger than [`crate::domain::plugin::MAX_ICON_BYTES`].
    #[error("{}", self.en())]
    IconTooLarge {
        /// Size in bytes.
        bytes: usize,
    },
    /// A server domain is not a plain `https://`/`wss://` host name.
    #[error("{}", self.en())]
    DomainInvalid {
        /// Which list.
        list: DomainList,
        /// The rejected entry.
        value: String,
        /// What is wrong with it.
        fault: DomainFault,
    },
    /// The same server domain twice in one list.
    #[error("{}", self.en())]
    DomainDuplicate {
        /// Which list.
        list: DomainList,
        /// The repeated entry.
        value: String,
    },
    /// More than 20 domains in one list.
    #[error("{}", self.en())]
    TooManyDomains {
        /// Which list.
        list: DomainList,
        /// How many were given.
        count: usize,
    },
    /// No server domain in any of the four lists: at least one is needed (with the Token) before
    /// any upload, so 开发信息 is not saved without one.
    #[error("{}", self.en())]
    ServerDomainRequired,
    /// Token must be 3–32 letters and digits: its length in characters and, if any, its first
    /// character that is neither (the message names it; the Token itself is not repeated).
    #[error("{}", self.en())]
    TokenInvalid {
        /// Its length in characters (as stored: trimmed).
        len: usize,
        /// The first character other than an ASCII letter or digit.
        other: Option<char>,
    },
    /// 开发信息 (server domains + Token) must be set before uploading a version.
    #[error("{}", self.en())]
    DevInfoRequired,
    /// Version is not `x.y.z` with each part 0–999.
    #[error("{}", self.en())]
    VersionFormat {
        /// The rejected input.
        value: String,
        /// A part is written with a leading zero (`01.0.1`): the message says so.
        leading_zero: bool,
    },
    /// Version not strictly greater than every earlier upload.
    #[error("{}", self.en())]
    VersionNotIncreasing {
        /// The attempted version.
        version: Semver,
        /// The highest uploaded version.
        latest: Semver,
    },
    /// The highest version uploaded is `999.999.999`: no version number is higher (each part
    /// 0–999), so nothing more can be uploaded.
    #[error("{}", self.en())]
    NoHigherVersion {
        /// The highest uploaded version.
        latest: Semver,
    },
    /// 版本描述 longer than 200 characters (decided).
    #[error("{}", self.en())]
    VersionDescriptionTooLong {
        /// Length in characters.
        len: usize,
    },
    /// `plugin.json` is invalid.
    #[error("{}", self.en())]
    ManifestInvalid {
        /// Every problem found, with its JSON path.
        problems: Vec<Problem>,
    },
    /// No such version of this plugin.
    #[error("{}", self.en())]
    VersionNotFound {
        /// The version.
        version: Semver,
    },
    /// The version's status does not allow this action (illegal transition).
    #[error("{}", self.en())]
    StatusForbids {
        /// The version.
        version: Semver,
        /// Its current status.
        status: VersionStatus,
        /// What was attempted.
        action: VersionAction,
    },
    /// Another version of this plugin is already 审核中.
    #[error("{}", self.en())]
    ReviewAlreadyPending {
        /// The version in review.
        version: Semver,
    },
    /// Category not in 已开放的插件服务类目.
    #[error("{}", self.en())]
    CategoryNotOpen {
        /// The category.
        category: Category,
    },
    /// 医疗 categories only for 医疗类 mini programs.
    #[error("{}", self.en())]
    MedicalOnly {
        /// The category.
        category: Category,
    },
    /// Category is not one of the mini program's 已通过的服务类目.
    #[error("{}", self.en())]
    CategoryNotApproved {
        /// The category.
        category: Category,
    },
    /// A character people cannot see (see [`super::text::hidden_char`]), in the field named.
    #[error("{}", self.en())]
    HiddenCharacter {
        /// Where it was typed.
        field: TextField,
        /// The character.
        ch: char,
    },
    /// 1–5 tags required.
    #[error("{}", self.en())]
    TagCount {
        /// How many were given.
        count: usize,
    },
    /// A tag is empty or longer than 10 characters.
    #[error("{}", self.en())]
    TagLength {
        /// The tag.
        tag: String,
        /// Its length in characters (trimmed).
        len: usize,
    },
    /// The same tag twice.
    #[error("{}", self.en())]
    TagDuplicate {
        /// The tag.
        tag: String,
    },
    /// 功能描述 must be 20–500 characters.
    #[error("{}", self.en())]
    FeatureDescriptionLength {
        /// Length in characters.
        len: usize,
    },
    /// A reason (apply / reject) must be 1–`max` characters.
    #[error("{}", self.en())]
    ReasonLength {
        /// Length in characters.
        len: usize,
        /// Maximum allowed.
        max: usize,
    },
    /// 该插件不能申请: the plugin has no 已发布 version (never released, or every one taken 下线).
    #[error("{}", self.en())]
    PluginNotReleased,
    /// An action that created an account or an application could not be redone on data saved
    /// meanwhile by another tab: that tab took the AppID or application id it had made, so it
    /// (and what followed it) is not redone rather than attached to the other tab's record.
    #[error("{}", self.en())]
    CreatedElsewhere,
    /// An action not saved yet when another tab replaced the whole workspace (导入, 恢复演示数据,
    /// 清空): it was made on the workspace replaced, and is not redone on what replaced it.
    #[error("{}", self.en())]
    ReplacedElsewhere,
    /// A use application cannot be approved while the plugin has no online (已发布) version:
    /// only a released plugin can be added.
    #[error("{}", self.en())]
    NoOnlineVersion,
    /// A save that changes nothing (开发信息, 基本信息, a use's alias and version as they are):
    /// refused, so the 操作记录 holds only changes *(decided; QA: each 保存 logged an entry)*.
    /// Only ever "the state already has every effect of this command": a sync drops such a
    /// redone command without a word (`store::Persistence`), and a form takes it as saved
    /// (`ui::state::Saved::AlreadySo`).
    #[error("{}", self.en())]
    Unchanged,
    /// 该插件不能申请: a mini program cannot apply for its own plugin.
    #[error("{}", self.en())]
    OwnPlugin,
    /// 已经添加该插件.
    #[error("{}", self.en())]
    AlreadyAdded,
    /// An application for this plugin is already 待确认.
    #[error("{}", self.en())]
    ApplicationPending,
    /// 申请或使用的插件已经达到上限.
    #[error("{}", self.en())]
    PluginLimitReached {
        /// The cap.
        limit: usize,
        /// How many of them are in use (the rest are 待确认): only those can be 移除d.
        in_use: usize,
    },
    /// No such application.
    #[error("{}", self.en())]
    ApplicationNotFound {
        /// The id.
        id: ApplicationId,
    },
    /// Only 待确认 applications can be decided.
    #[error("{}", self.en())]
    ApplicationNotPending {
        /// Its effective status.
        status: ApplicationStatus,
    },
    /// The 24 h window has passed: the application is 已超时.
    #[error("{}", self.en())]
    ApplicationExpired,
    /// Only 已拒绝/已超时 entries can be deleted.
    #[error("{}", self.en())]
    ApplicationNotDeletable {
        /// Its effective status.
        status: ApplicationStatus,
    },
    /// The consumer does not use (has not added) this plugin.
    #[error("{}", self.en())]
    NotUsingPlugin {
        /// The plugin.
        plugin: AppId,
    },
    /// Alias must be 1–32 chars: a letter then letters, digits, `_` or `-`.
    #[error("{}", self.en())]
    AliasInvalid {
        /// The alias.
        alias: String,
    },
    /// Alias already used for another plugin by this mini program (case aside).
    #[error("{}", self.en())]
    AliasTaken {
        /// The alias in use, as that plugin's use spells it.
        alias: String,
        /// The name of the plugin that has it.
        plugin: String,
    },
    /// The version is not online (已发布).
    #[error("{}", self.en())]
    VersionNotOnline {
        /// The version.
        version: Semver,
    },
}

/// A field of a form, where the UI says a refusal ([`DomainError::field`]): a typo in a field's
/// name is a compile error, not a message moved silently to the form's general box.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// An AppID (a plugin's or an account's).
    AppId,
    /// An account's or a plugin's name.
    Name,
    /// A category (创建小程序帐号, 提交审核).
    Category,
    /// A 审核员.
    Reviewer,
    /// 插件简介.
    Intro,
    /// 插件头像.
    Icon,
    /// 服务器域名 as a whole (no domain in any list).
    ServerDomains,
    /// One list of 服务器域名.
    Domains(DomainList),
    /// The Token.
    Token,
    /// A version number (上传, 在代码中使用).
    Version,
    /// 版本描述 or 功能描述.
    Description,
    /// `plugin.json`.
    Manifest,
    /// 标签.
    Tags,
    /// A reason (申请, 拒绝, 审核).
    Reason,
    /// An alias (在代码中使用).
    Alias,
}

impl Field {
    /// The field's key in element ids (`err-<key>`) and test ids.
    pub fn key(self) -> &'static str {
        match self {
            Field::AppId => "app_id",
            Field::Name => "name",
            Field::Category => "category",
            Field::Reviewer => "reviewer",
            Field::Intro => "intro",
            Field::Icon => "icon",
            Field::ServerDomains => "server_domains",
            Field::Domains(DomainList::Request) => "request_domains",
            Field::Domains(DomainList::Socket) => "socket_domains",
            Field::Domains(DomainList::UploadFile) => "upload_file_domains",
            Field::Domains(DomainList::DownloadFile) => "download_file_domains",
            Field::Token => "token",
            Field::Version => "version",
            Field::Description => "description",
            Field::Manifest => "manifest",
            Field::Tags => "tags",
            Field::Reason => "reason",
            Field::Alias => "alias",
        }
    }
}

impl DomainError {
    /// The form field this error concerns, so the UI can show it next to the input.
    pub fn field(&self) -> Option<Field> {
        use DomainError::*;
        Some(match self {
            InvalidAppId { .. } | AccountNotFound { .. } | PluginNotFound { .. } => Field::AppId,
            AccountNameLength { .. } | NameLength { .. } | NameTaken { .. } => Field::Name,
            AccountCategoryInvalid { .. }
            | CategoryLevelLength { .. }
            | CategoryRepeated { .. }
            | AccountCategoriesRequired
            | CategoryNotOpen { .. }
            | MedicalOnly { .. }
            | CategoryNotApproved { .. } => Field::Category,
            ReviewerNotFound { .. } | ReviewerInvalid { .. } => Field::Reviewer,
            IntroTooLong { .. } | IntroRequired => Field::Intro,
            UnknownBuiltinIcon { .. } | IconNotImage | IconTooLarge { .. } => Field::Icon,
            DomainInvalid { list, .. }
            | DomainDuplicate { list, .. }
            | TooManyDomains { list, .. } => list.field(),
            ServerDomainRequired => Field::ServerDomains,
            TokenInvalid { .. } => Field::Token,
            VersionFormat { .. }
            | VersionNotIncreasing { .. }
            | VersionNotFound { .. }
            | StatusForbids { .. }
            | ReviewAlreadyPending { .. }
            | VersionNotOnline { .. } => Field::Version,
            VersionDescriptionTooLong { .. } | FeatureDescriptionLength { .. } => {
                Field::Description
            }
            ManifestInvalid { .. } => Field::Manifest,
            TagCount { .. } | TagLength { .. } | TagDuplicate { .. } => Field::Tags,
            HiddenCharacter { field, .. } => field.field(),
            ReasonLength { .. } => Field::Reason,
            AliasInvalid { .. } | AliasTaken { .. } => Field::Alias,
            WrongRole { .. }
            | NotOwner { .. }
            | IndividualCannotDevelop
            | PluginAlreadyOpened
            | DevInfoRequired
            | NoHigherVersion { .. }
            | NoPluginCategory
            | PluginNotReleased
            | NoOnlineVersion
            | CreatedElsewhere
            | ReplacedElsewhere
            | Unchanged
            | OwnPlugin
            | AlreadyAdded
            | ApplicationPending
            | PluginLimitReached { .. }
            | ApplicationNotFound { .. }
            | ApplicationNotPending { .. }
            | ApplicationExpired
            | ApplicationNotDeletable { .. }
            | NotUsingPlugin { .. } => return None,
        })
    }

    /// Chinese message (platform wording where the guide has one).
    pub fn zh(&self) -> String {
        use DomainError::*;
        match self {
            InvalidAppId { value } => {
                format!("AppID「{value}」格式不正确：应为 wx 加 16 位小写十六进制字符")
            }
            AccountNotFound { app_id } => format!("小程序 {app_id} 不存在"),
            // Nothing typed: asked for, not measured (QA: "当前 0 个").
            AccountNameLength { len: 0 } => format!("请填写小程序名称（{} 个字符）", range_text(&ACCOUNT_NAME_CHARS)),
            AccountNameLength { len } => {
                format!("小程序名称须为 {} 个字符（当前 {len} 个）", range_text(&ACCOUNT_NAME_CHARS))
            }
            AccountCategoryInvalid { index } => {
                format!(
                    "第 {} 个服务类目不正确：一级、二级类目均须为 {} 个字符",
                    index + 1,
                    range_text(&CATEGORY_LEVEL_CHARS)
                )
            }
            CategoryLevelLength { primary, len } => {
                let level = if *primary { "一级类目" } else { "二级类目" };
                if *len == 0 {
                    format!("请填写{level}")
                } else {
                    format!("{level}须为 {} 个字符（当前 {len} 个）", range_text(&CATEGORY_LEVEL_CHARS))
                }
            }
            CategoryRepeated { category } => format!("服务类目「{category}」已添加"),
            AccountCategoriesRequired => "请至少添加一个服务类目（一级与二级类目）".into(),
            NoPluginCategory => "本小程序已通过的服务类目均未对插件开放，无法提交审核（插件服务类目须为已开放的插件服务类目之一）".into(),
            ReviewerNotFound { id } => format!("审核人员「{id}」不存在"),
            ReviewerInvalid { id } => {
                format!("审核人员「{id}」无效：编号和姓名须为 {} 个字符且编号不能重复", range_text(&REVIEWER_CHARS))
            }
            WrongRole { expected, actual } => format!(
                "只有{}可以执行此操作（当前身份：{}）",
                expected.zh(),
                actual.zh()
            ),
            NotOwner { plugin } => format!("只有插件 {plugin} 的所属小程序可以执行此操作"),
            PluginNotFound { app_id } => format!("插件 {app_id} 不存在（未开通插件功能）"),
            IndividualCannotDevelop => {
                "主体类型为个人的小程序暂不支持开发插件（开放范围：企业、媒体、政府及其他组织）"
                    .into()
            }
            PluginAlreadyOpened => "该小程序已开通插件功能，一个小程序只能有一个插件".into(),
            NameLength { len: 0 } => format!("请填写插件名称（{} 个字符）", range_text(&PLUGIN_NAME_CHARS)),
            NameLength { len } => format!("插件名称须为 {} 个字符（当前 {len} 个）", range_text(&PLUGIN_NAME_CHARS)),
            // What to do (QA: read as a dead end), with why, as plugin names are not edited later.
            NameTaken { name } => format!("插件名称「{name}」已被另一个插件使用：插件名称不能重复，请换一个名称"),
            IntroTooLong { len } => format!("插件简介不能超过 {MAX_INTRO_CHARS} 个字符（当前 {len} 个）"),
            IntroRequired => format!("请填写插件简介（最多 {MAX_INTRO_CHARS} 个字符）"),
            UnknownBuiltinIcon { key } => format!("未知的内置图标「{key}」"),
            IconNotImage => "插件图标必须是图片文件（PNG、JPEG、GIF、WebP 或 SVG）".into(),
            IconTooLarge { bytes } => format!(
                "插件图标不能超过 {} KB（当前 {}）",
                super::plugin::MAX_ICON_BYTES / 1024,
                super::text::kib(*bytes as u64)
            ),
            DomainInvalid { list, value, fault } => {
                let (l, scheme, value) = (list.zh(), list.scheme(), cut(value, 80));
                match fault {
                    DomainFault::Scheme => format!("{l}「{value}」须以 {scheme} 开头"),
                    DomainFault::Several => format!("{l}「{value}」含多个域名：每行填一个域名"),
                    DomainFault::Port => format!("{l}「{value}」不能带端口"),
                    DomainFault::UserInfo => format!("{l}「{value}」不能带用户名或密码（@ 之前的部分），只填域名"),
                    DomainFault::Path => format!("{l}「{value}」不能带路径、? 参数或 #，只填域名"),
                    DomainFault::Ip => format!("{l}「{value}」不能是 IP 地址，须为域名"),
                    DomainFault::Host => format!(
                        "{l}「{value}」不是有效的域名：只含字母、数字、- 和 .，至少两段，每段 1–63 个字符、不以 - 开头或结尾，最后一段含字母，全长不超过 253 个字符，如 {scheme}api.example.com"
                    ),
                }
            }
            DomainDuplicate { list, value } => format!("{}「{}」重复填写", list.zh(), cut(value, 80)),
            TooManyDomains { list, count } => {
                format!("{}最多 {MAX_DOMAINS} 个（当前 {count} 个）", list.zh())
            }
            ServerDomainRequired => "请至少填写一个服务器域名（request、socket、uploadFile 或 downloadFile 合法域名），填写服务器域名及 Token 后才能上传开发版本".into(),
            TokenInvalid { len: 0, .. } => {
                format!("请填写 Token：{} 位英文字母或数字", range_text(&TOKEN_CHARS))
            }
            TokenInvalid { other: Some(c), .. } => format!(
                "Token 须为 {} 位英文字母或数字，{}",
                range_text(&TOKEN_CHARS),
                without(*c).0
            ),
            TokenInvalid { len, .. } => {
                format!("Token 须为 {} 位英文字母或数字（当前 {len} 位）", range_text(&TOKEN_CHARS))
            }
            DevInfoRequired => "请先填写开发信息（服务器域名和 Token）再上传开发版本".into(),
            VersionFormat { value, leading_zero: true } => {
                let value = typed(value);
                format!("版本号「{value}」格式不正确：每段不能以 0 开头（如 01 应写作 1）")
            }
            VersionFormat { value, .. } if value.trim().is_empty() => {
                format!("请填写版本号（x.y.z，每段为 0–{MAX_VERSION_PART} 的整数）")
            }
            VersionFormat { value, .. } => {
                let value = typed(value);
                format!("版本号「{value}」格式不正确：须为 x.y.z，每段为 0–{MAX_VERSION_PART} 的整数")
            }
            VersionNotIncreasing { version, latest } => {
                format!("版本号 {version} 必须高于此前上传的所有版本（最高为 {latest}）")
            }
            NoHigherVersion { latest } => {
                format!("已上传版本 {latest}：没有更高的版本号（每段最大 {MAX_VERSION_PART}），不能再上传新版本")
            }
            VersionDescriptionTooLong { len } => {
                format!(
                    "版本描述不能超过 {} 个字符（当前 {len} 个）",
                    super::version::MAX_VERSION_DESCRIPTION_CHARS
                )
            }
            ManifestInvalid { problems } => {
                let first = problems.first().map(|p| p.located(&p.zh)).unwrap_or_default();
                format!("plugin.json 有 {} 处错误：{first}", problems.len())
            }
            VersionNotFound { version } => format!("版本 {version} 不存在"),
            StatusForbids {
                version,
                status,
                action,
            } => format!(
                "版本 {version} 当前状态为「{}」，不能{}",
                status.zh(),
                action.zh()
            ),
            ReviewAlreadyPending { version } => {
                format!("已有版本 {version} 正在审核中，同一时间只能有一个版本审核中")
            }
            CategoryNotOpen { category } => {
                format!("类目「{category}」不在已开放的插件服务类目中")
            }
            MedicalOnly { category } => {
                // Also why it is not approved: a mini program with no approved 医疗 category
                // is not 医疗类 (QA: the two reasons read as unrelated).
                format!("类目「{category}」仅医疗类小程序可使用，该小程序没有已通过的医疗类目（有已通过的医疗类目即为医疗类，本应用约定）")
            }
            CategoryNotApproved { category } => {
                format!("类目「{category}」不是该小程序已通过的服务类目")
            }
            // The count is not repeated: adding a sixth showed "当前 6 个" next to five (QA).
            TagCount { count: 0 } => "请至少添加 1 个标签".into(),
            // How many too many: right for one tag added to five and for several typed at once
            // (QA: 删除一个才能再添加 was said with no tag to delete).
            TagCount { count } => format!("标签最多 {MAX_TAGS} 个，多了 {} 个", count.saturating_sub(MAX_TAGS)),
            TagLength { tag, len } => {
                format!("标签「{}」须为 1–{MAX_TAG_CHARS} 个字符（当前 {len} 个）", typed(tag))
            }
            HiddenCharacter { field, ch } => format!(
                "{}含看不见的字符 U+{:04X}（{}），请删除",
                field.zh(),
                *ch as u32,
                if super::text::is_direction_control(*ch) {
                    "文字方向控制符"
                } else {
                    "零宽或控制字符"
                }
            ),
            TagDuplicate { tag } => format!("标签「{tag}」重复"),
            FeatureDescriptionLength { len: 0 } => format!("请填写功能描述（{} 个字符）", range_text(&FEATURE_DESCRIPTION_CHARS)),
            FeatureDescriptionLength { len } => {
                format!("功能描述须为 {} 个字符（当前 {len} 个）", range_text(&FEATURE_DESCRIPTION_CHARS))
            }
            ReasonLength { len: 0, .. } => "请填写理由".into(),
            ReasonLength { len, max } => {
                format!("理由最多 {max} 个字符（当前 {len} 个）")
            }
            PluginNotReleased => "该插件不能申请：插件没有已发布的线上版本".into(),
            ReplacedElsewhere => "未保存时，工作区已在另一个标签页中被替换（导入、重置或清空）：这项操作是对被替换的数据做的，没有带入新的工作区".into(),
            CreatedElsewhere => "另一个标签页同时新建了帐号或申请并先保存，占用了本页新建时得到的 AppID 或申请编号：涉及它的操作未执行。本页新建的帐号已改用新的 AppID；如需以另一标签页的记录操作，请重新加载页面".into(),
            // True whether or not a version waits to be released (QA: "请先发布" with nothing
            // approved to release).
            NoOnlineVersion => "插件当前没有线上版本（已发布），不能通过使用申请（本应用约定）：请先发布一个审核通过的版本（没有时，上传新版本并通过审核），或拒绝该申请".into(),
            Unchanged => "没有修改：与已保存的内容相同".into(),
            // With the way on (QA: a learner with one account was stuck).
            OwnPlugin => "该插件不能申请：不能申请使用自己的插件。要试用它，请切换到另一个小程序帐号（或创建一个）再申请".into(),
            AlreadyAdded => "已经添加该插件".into(),
            ApplicationPending => "已有一条待确认的申请，未再次申请：同一插件同时只能有一条待确认的申请（本应用约定），请等待插件开发者确认".into(),
            // With the way on (QA: a dead end): a consumer cannot withdraw an application.
            // Only what frees a slot: an approval keeps it (QA: "被处理", and 移除 said with
            // nothing in use to remove).
            PluginLimitReached { limit, in_use: 0 } => format!(
                "申请或使用的插件已经达到上限（{limit} 个，都是待确认的申请）：等待其中一个被拒绝或超时（{APPLICATION_WINDOW_HOURS} 小时）后再申请"
            ),
            PluginLimitReached { limit, in_use } if in_use >= limit => format!(
                "申请或使用的插件已经达到上限（{limit} 个，都在使用中）：可在「插件管理」中移除一个不再使用的插件后再申请"
            ),
            PluginLimitReached { limit, .. } => format!(
                "申请或使用的插件已经达到上限（{limit} 个）：可在「插件管理」中移除一个不再使用的插件，或等待某个待确认的申请被拒绝或超时（{APPLICATION_WINDOW_HOURS} 小时）后再申请"
            ),
            ApplicationNotFound { id } => format!("申请 #{} 不存在", id.0),
            ApplicationNotPending { status } => {
                format!("只有待确认的申请可以处理（当前：{}）", status.zh())
            }
            ApplicationExpired => format!("申请已超时（超过 {APPLICATION_WINDOW_HOURS} 小时未处理），不能再处理"),
            ApplicationNotDeletable { status } => {
                format!("只能删除已拒绝或已超时的申请（当前：{}）", status.zh())
            }
            NotUsingPlugin { plugin } => format!("尚未添加插件 {plugin}"),
            AliasInvalid { alias } if alias.is_empty() => format!(
                "插件别名不能为空：须为 {} 个字符，以字母开头，只含字母、数字、_ 或 -",
                range_text(&ALIAS_CHARS)
            ),
            AliasInvalid { alias } => format!(
                "插件别名「{}」不正确：须为 {} 个字符，以字母开头，只含字母、数字、_ 或 -{}",
                cut(alias, 40),
                range_text(&ALIAS_CHARS),
                alias_fault_said(alias).0
            ),
            AliasTaken { alias, plugin } => {
                format!("插件别名「{alias}」已用于插件「{plugin}」（别名不区分大小写）")
            }
            VersionNotOnline { version } => {
                format!("版本 {version} 不是线上版本：只能使用已发布且未下线的版本")
            }
        }
    }

    /// English message.
    pub fn en(&self) -> String {
        use DomainError::*;
        match self {
            InvalidAppId { value } => {
                format!("AppID \"{value}\" is malformed: expected wx + 16 lowercase hex digits")
            }
            AccountNotFound { app_id } => format!("Mini program {app_id} does not exist"),
            AccountNameLength { len: 0 } => format!("Please give the mini program's name ({} characters)", range_text(&ACCOUNT_NAME_CHARS)),
            AccountNameLength { len } => {
                format!("Mini program name must be {} characters (got {len})", range_text(&ACCOUNT_NAME_CHARS))
            }
            AccountCategoryInvalid { index } => format!(
                "Service category #{} is invalid: both levels must be {} characters",
                index + 1,
                range_text(&CATEGORY_LEVEL_CHARS)
            ),
            CategoryLevelLength { primary, len } => {
                let level = if *primary { "primary" } else { "secondary" };
                if *len == 0 {
                    format!("Please give the {level} category")
                } else {
                    format!("The {level} category must be {} characters (got {len})", range_text(&CATEGORY_LEVEL_CHARS))
                }
            }
            CategoryRepeated { category } => {
                format!("The service category \"{}\" is already added", category.en())
            }
            AccountCategoriesRequired => {
                "Add at least one service category (primary and secondary)".into()
            }
            NoPluginCategory => "None of this mini program's approved categories is open to plugins: it cannot submit for review (the plugin service category must be one of those open to plugins)".into(),
            ReviewerNotFound { id } => format!("Reviewer \"{id}\" does not exist"),
            ReviewerInvalid { id } => format!(
                "Reviewer \"{id}\" is invalid: id and name must be {} characters, id unique",
                range_text(&REVIEWER_CHARS)
            ),
            WrongRole { expected, actual } => format!(
                "Only {} may do this (you are acting as {})",
                expected.en_with_article(),
                actual.en_with_article()
            ),
            NotOwner { plugin } => {
                format!("Only the mini program that owns plugin {plugin} may do this")
            }
            PluginNotFound { app_id } => {
                format!("Plugin {app_id} does not exist (plugin capability not opened)")
            }
            IndividualCannotDevelop => "Mini programs whose subject is an individual cannot develop plugins (open to enterprises, media, government and other organizations)".into(),
            PluginAlreadyOpened => {
                "This mini program already opened plugin capability: one plugin per mini program"
                    .into()
            }
            NameLength { len: 0 } => format!("Enter the plugin's name ({} characters)", range_text(&PLUGIN_NAME_CHARS)),
            NameLength { len } => format!("Plugin name must be {} characters (got {len})", range_text(&PLUGIN_NAME_CHARS)),
            NameTaken { name } => format!("Plugin name \"{name}\" is used by another plugin: plugin names are unique, choose another one"),
            IntroRequired => format!("Enter the plugin introduction (up to {MAX_INTRO_CHARS} characters)"),
            IntroTooLong { len } => {
                format!("Plugin introduction must be at most {MAX_INTRO_CHARS} characters (got {len})")
            }
            UnknownBuiltinIcon { key } => format!("Unknown built-in icon \"{key}\""),
            IconNotImage => "Plugin icon must be an image file (PNG, JPEG, GIF, WebP or SVG)".into(),
            IconTooLarge { bytes } => format!(
                "Plugin icon must be at most {} KB (this one is {})",
                super::plugin::MAX_ICON_BYTES / 1024,
                super::text::kib(*bytes as u64)
            ),
            DomainInvalid { list, value, fault } => {
                let (l, scheme, value) = (list.en(), list.scheme(), cut(value, 80));
                match fault {
                    DomainFault::Scheme => {
                        format!("{l} entry \"{value}\" must start with {scheme}")
                    }
                    DomainFault::Several => {
                        format!("{l} entry \"{value}\" holds several domains: one domain per line")
                    }
                    DomainFault::Port => format!("{l} entry \"{value}\" must not have a port"),
                    DomainFault::UserInfo => format!("{l} entry \"{value}\" must not have a user name or password (the part before @): the domain only"),
                    DomainFault::Path => {
                        format!("{l} entry \"{value}\" must not have a path, ? query or #: the host name only")
                    }
                    DomainFault::Ip => {
                        format!("{l} entry \"{value}\" must be a host name, not an IP address")
                    }
                    DomainFault::Host => format!(
                        "{l} entry \"{value}\" is not a host name: letters, digits, - and . only, at least two parts of 1–63 characters, none starting or ending with -, the last with a letter, 253 characters in all at most, e.g. {scheme}api.example.com"
                    ),
                }
            }
            DomainDuplicate { list, value } => {
                format!("{} entry \"{}\" is listed twice", list.en(), cut(value, 80))
            }
            TooManyDomains { list, count } => {
                format!("{}: at most {MAX_DOMAINS} entries (got {count})", list.en())
            }
            ServerDomainRequired => "Give at least one server domain (request, socket, uploadFile or downloadFile): code can be uploaded once server domains and the Token are set".into(),
            TokenInvalid { len: 0, .. } => {
                format!("Enter a Token: {} letters and digits", range_text(&TOKEN_CHARS))
            }
            TokenInvalid { other: Some(c), .. } => format!(
                "Token must be {} letters and digits, {}",
                range_text(&TOKEN_CHARS),
                without(*c).1
            ),
            TokenInvalid { len, .. } => {
                format!("Token must be {} letters and digits (got {len})", range_text(&TOKEN_CHARS))
            }
            DevInfoRequired => {
                "Fill in the development info (server domains and Token) before uploading code".into()
            }
            VersionFormat { value, leading_zero: true } => format!(
                "Version \"{}\" is malformed: a part must not start with 0 (write 1, not 01)",
                typed(value)
            ),
            VersionFormat { value, .. } if value.trim().is_empty() => {
                format!("Please give a version (x.y.z, each part an integer 0–{MAX_VERSION_PART})")
            }
            VersionFormat { value, .. } => format!(
                "Version \"{}\" is malformed: expected x.y.z, each part an integer 0–{MAX_VERSION_PART}",
                typed(value)
            ),
            VersionNotIncreasing { version, latest } => format!(
                "Version {version} must be higher than every earlier upload (highest is {latest})"
            ),
            NoHigherVersion { latest } => format!(
                "Version {latest} is uploaded: no version number is higher (each part at most {MAX_VERSION_PART}), so no new version can be uploaded"
            ),
            VersionDescriptionTooLong { len } => {
                format!(
                    "Version description must be at most {} characters (got {len})",
                    super::version::MAX_VERSION_DESCRIPTION_CHARS
                )
            }
            ManifestInvalid { problems } => {
                let first = problems.first().map(|p| p.located(&p.en)).unwrap_or_default();
                let n = problems.len();
                let s = if n == 1 { "" } else { "s" };
                format!("plugin.json has {n} problem{s}: {first}")
            }
            VersionNotFound { version } => format!("Version {version} does not exist"),
            StatusForbids {
                version,
                status,
                action,
            } => format!(
                "Version {version} is {}{}; cannot {}",
                // A noun takes its article (QA: "is development version").
                if matches!(status, VersionStatus::Dev) { "a " } else { "" },
                status.en(),
                action.en()
            ),
            ReviewAlreadyPending { version } => format!(
                "Version {version} is already in review; only one version can be in review at a time"
            ),
            CategoryNotOpen { category } => {
                format!("Category \"{}\" is not open to plugins", category.en())
            }
            MedicalOnly { category } => {
                format!("Category \"{}\" is only for medical (医疗类) mini programs, and this one has no approved 医疗 category (one with an approved 医疗 category is medical: our rule)", category.en())
            }
            CategoryNotApproved { category } => format!(
                "Category \"{}\" is not one of the mini program's approved categories",
                category.en()
            ),
            TagCount { count: 0 } => "Add at least 1 tag".into(),
            TagCount { count } => format!("At most {MAX_TAGS} tags: {} too many", count.saturating_sub(MAX_TAGS)),
            TagLength { tag, len } => {
                format!("Tag \"{}\" must be 1–{MAX_TAG_CHARS} characters (got {len})", typed(tag))
            }
            HiddenCharacter { field, ch } => format!(
                "{} holds an invisible character, U+{:04X} ({}): delete it",
                field.en(),
                *ch as u32,
                if super::text::is_direction_control(*ch) {
                    "a text direction control"
                } else {
                    "a zero-width or control character"
                }
            ),
            TagDuplicate { tag } => format!("Tag \"{tag}\" is duplicated"),
            FeatureDescriptionLength { len: 0 } => format!(
                "Please give a feature description ({} characters)",
                range_text(&FEATURE_DESCRIPTION_CHARS)
            ),
            FeatureDescriptionLength { len } => format!(
                "Feature description must be {} characters (got {len})",
                range_text(&FEATURE_DESCRIPTION_CHARS)
            ),
            ReasonLength { len: 0, .. } => "Please give a reason".into(),
            ReasonLength { len, max } => {
                format!("Reason must be at most {max} characters (got {len})")
            }
            PluginNotReleased => "This plugin cannot be applied for: it has no released (online) version".into(),
            ReplacedElsewhere => "Before it was saved, the workspace was replaced in another tab (imported, reset or emptied): the action was on the data replaced, and was not carried into the new workspace".into(),
            CreatedElsewhere => "Another tab created an account or application at the same time and saved first, taking the AppID or application id this page had made: the action that used it was not carried out. The account made here now has a new AppID; to act on the other tab's record, reload the page".into(),
            NoOnlineVersion => "The plugin has no online (released) version, so the application cannot be approved (our rule): release an approved version first (if there is none, upload a new one and get it approved), or reject it".into(),
            Unchanged => "Nothing changed: it is the same as what is saved".into(),
            OwnPlugin => {
                "This plugin cannot be applied for: it is your own mini program's plugin. To try it, switch to another mini program account (or create one) and apply from there".into()
            }
            AlreadyAdded => "You have already added this plugin".into(),
            ApplicationPending => {
                "An application for this plugin is already pending, so no second one was made: one pending application per plugin (our rule); wait for the developer's decision".into()
            }
            PluginLimitReached { limit, in_use: 0 } => format!(
                "The number of plugins applied for or in use has reached the limit ({limit}, all pending applications): apply once one of them is rejected or expires (after {APPLICATION_WINDOW_HOURS} hours)"
            ),
            PluginLimitReached { limit, in_use } if in_use >= limit => format!(
                "The number of plugins applied for or in use has reached the limit ({limit}, all in use): remove one you no longer use under My plugins, then apply"
            ),
            PluginLimitReached { limit, .. } => format!(
                "The number of plugins applied for or in use has reached the limit ({limit}): remove one you no longer use under My plugins, or apply once a pending application is rejected or expires (after {APPLICATION_WINDOW_HOURS} hours)"
            ),
            ApplicationNotFound { id } => format!("Application #{} does not exist", id.0),
            ApplicationNotPending { status } => format!(
                "Only pending applications can be decided (this one is {})",
                status.en()
            ),
            ApplicationExpired => format!(
                "The application expired (not handled within {APPLICATION_WINDOW_HOURS} hours) and cannot be decided"
            ),
            ApplicationNotDeletable { status } => format!(
                "Only rejected or expired applications can be deleted (this one is {})",
                status.en()
            ),
            NotUsingPlugin { plugin } => format!("You have not added plugin {plugin}"),
            AliasInvalid { alias } if alias.is_empty() => format!(
                "The alias cannot be empty: {} characters, a letter first, then letters, digits, _ or -",
                range_text(&ALIAS_CHARS)
            ),
            AliasInvalid { alias } => format!(
                "Alias \"{}\" is invalid: {} characters, a letter first, then letters, digits, _ or -{}",
                cut(alias, 40),
                range_text(&ALIAS_CHARS),
                alias_fault_said(alias).1
            ),
            AliasTaken { alias, plugin } => format!(
                "Alias \"{alias}\" is already used for the plugin \"{plugin}\" (aliases ignore case)"
            ),
            VersionNotOnline { version } => format!(
                "Version {version} is not online: only a released version that was not taken offline can be used"
            ),
        }
    }
}

/// A field of user text, for [`DomainError::HiddenCharacter`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextField {
    /// An account's or a plugin's name.
    Name,
    /// A category level (创建小程序帐号).
    Category,
    /// A 标签.
    Tag,
    /// 插件简介.
    Intro,
    /// 版本描述.
    VersionDescription,
    /// 功能描述.
    FeatureDescription,
    /// An application's, a rejection's or a review's reason.
    Reason,
}

impl TextField {
    /// The form field it is said next to.
    pub fn field(self) -> Field {
        match self {
            TextField::Name => Field::Name,
            TextField::Category => Field::Category,
            TextField::Tag => Field::Tags,
            TextField::Intro => Field::Intro,
            TextField::VersionDescription | TextField::FeatureDescription => Field::Description,
            TextField::Reason => Field::Reason,
        }
    }
    /// A name, tag or category: what [`super::text::hidden_char`] refuses more of (in free
    /// text a line break or an emoji's zero-width joiner is fine).
    pub fn is_name(self) -> bool {
        matches!(self, TextField::Name | TextField::Category | TextField::Tag)
    }
    /// `text`, typed in this field, refused for its first character people cannot see, if any.
    pub fn hidden_in(self, text: &str) -> Option<DomainError> {
        super::text::hidden_char(text, self.is_name())
            .map(|ch| DomainError::HiddenCharacter { field: self, ch })
    }
    fn zh(self) -> &'static str {
        match self {
            TextField::Name => "名称",
            TextField::Category => "类目",
            TextField::Tag => "标签",
            TextField::Intro => "插件简介",
            TextField::VersionDescription => "版本描述",
            TextField::FeatureDescription => "功能描述",
            TextField::Reason => "理由",
        }
    }
    fn en(self) -> &'static str {
        match self {
            TextField::Name => "The name",
            TextField::Category => "A category",
            TextField::Tag => "A tag",
            TextField::Intro => "The introduction",
            TextField::VersionDescription => "The version description",
            TextField::FeatureDescription => "The feature description",
            TextField::Reason => "The reason",
        }
    }
}

/// A character as a refusal names it: itself if people can see it, else its code point
/// (whitespace, and what [`super::text::hidden_char`] refuses in names: review, a zero-width
/// space read as 「」).
fn named(c: char) -> Result<char, String> {
    let mut buf = [0; 4];
    if c.is_whitespace() || super::text::hidden_char(c.encode_utf8(&mut buf), true).is_some() {
        Err(format!("U+{:04X}", c as u32))
    } else {
        Ok(c)
    }
}

/// "No `c`" after a rule of allowed characters (zh, en): 不能含「-」, 不能含空格, 不能含 U+0009.
fn without(c: char) -> (String, String) {
    match (c, named(c)) {
        (' ', _) => ("不能含空格".into(), "without spaces".into()),
        // Typed by a Chinese input method: named as such (QA: 「ａ」 read as a letter refused).
        (_, Ok(c)) if super::text::half_width(c) != c => (
            format!("不能含全角字符「{c}」，请用半角"),
            format!("without the full-width \"{c}\": type it in ASCII"),
        ),
        (_, Ok(c)) => (format!("不能含「{c}」"), format!("without \"{c}\"")),
        (_, Err(u)) => (format!("不能含 {u}"), format!("without {u}")),
    }
}

/// What is wrong with a refused alias (zh, en), in brackets ([`super::application::alias_fault`]).
fn alias_fault_said(alias: &str) -> (String, String) {
    use super::application::AliasFault;
    let (zh, en) = match super::application::alias_fault(alias) {
        Some(AliasFault::Length(n)) => (format!("当前 {n} 个"), format!("got {n}")),
        Some(AliasFault::First(c)) => match named(c) {
            Ok(c) if super::text::half_width(c) != c => (
                format!("首字符「{c}」是全角字符，请用半角英文字母"),
                format!("\"{c}\" is full-width: type an ASCII letter"),
            ),
            Ok(c) => (
                format!("首字符「{c}」不是字母"),
                format!("\"{c}\" is not a letter"),
            ),
            Err(u) => (
                format!("首字符 {u} 不是字母"),
                format!("{u} is not a letter"),
            ),
        },
        Some(AliasFault::Char(c)) => without(c),
        None => return Default::default(),
    };
    (format!("（{zh}）"), format!(" ({en})"))
}
