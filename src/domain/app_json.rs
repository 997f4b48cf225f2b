//! Validation of a consumer's pasted `app.json` against its approved plugins and the
//! plugins' online versions. Every problem carries its JSON path.

use serde_json::{Map, Value};

use super::application::{same_alias, validate_alias};
use super::errors::{DomainError, Problem};
use super::ids::AppId;
use super::json::{duplicate_keys, in_text_order, member_path, text_places};
use super::version::Semver;
use super::workspace::Workspace;

/// Keys allowed in one plugin declaration.
const DECLARATION_KEYS: [&str; 3] = ["version", "provider", "export"];

/// Where a provider was declared: top level (`None`) or one subpackage, named by its list's key
/// (`subpackages` or `subPackages`) and its index in that list.
type Scope = Option<(&'static str, usize)>;

/// The plugins declared so far, and where each member of the text is written
/// ([`text_places`]): declarations are checked in the order they are written, so a duplicate or
/// a case twin is the later one in the text (QA: the alphabetically later one was blamed).
struct Declarations {
    places: Vec<String>,
    seen: Vec<Declared>,
}

/// A provider declaration seen so far.
struct Declared {
    provider: String,
    scope: Scope,
    path: String,
}

/// Why [`Workspace::app_json_filled`] leaves out a plugin its consumer uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeftOut {
    /// Its alias and version are not chosen yet (去设置).
    NotChosen,
    /// Its chosen version is offline now.
    Offline(Semver),
    /// The text declares it in a subpackage: not in the main package too (a plugin is
    /// declared in one or the other).
    InSubpackage,
}

/// The plugins an `app.json` text declares: what 填入当前插件配置 keeps.
#[derive(Default)]
pub(crate) struct TextPlugins {
    /// The providers its subpackages declare.
    pub(crate) in_subpackages: Vec<String>,
    /// Its top-level `"plugins"` entries: the alias, the entry as written (`"alias": {…}`), its
    /// provider.
    pub(crate) top: Vec<(String, String, String)>,
}

impl TextPlugins {
    /// What `text` declares (nothing when it is not a JSON object).
    pub(crate) fn of(text: &str) -> Self {
        let Ok(Value::Object(root)) = serde_json::from_str::<Value>(text) else {
            return Self::default();
        };
        let provider = |decl: &Value| Some(decl.get("provider")?.as_str()?.to_string());
        let in_subpackages = ["subpackages", "subPackages"]
            .iter()
            .filter_map(|key| root.get(*key)?.as_array())
            .flatten()
            .filter_map(|pkg| pkg.get("plugins")?.as_object())
            .flat_map(|block| block.values())
            .filter_map(provider)
            .collect();
        // The text of each, not the value written anew (≈ 1 KB of wasm for serializing values).
        let (members, _) = super::json::members_written(text);
        // Each entry's provider from its own value: of an alias written twice, JSON keeps only
        // the last (review).
        let top = match members.iter().rev().find(|m| m.0 == "plugins") {
            Some((_, _, at)) => {
                let block = text[at.clone()].trim();
                let (entries, _) = super::json::members_written(block);
                entries
                    .into_iter()
                    .filter_map(|(alias, at, value)| {
                        let decl = serde_json::from_str::<Value>(&block[value]).ok()?;
                        Some((alias, block[at].trim().to_string(), provider(&decl)?))
                    })
                    .collect()
            }
            None => Vec::new(),
        };
        Self {
            in_subpackages,
            top,
        }
    }
}

/// What [`Workspace::check_app_json`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppJsonCheck {
    /// The problems, in the order of the text; empty = valid.
    pub problems: Vec<Problem>,
    /// Plugin declarations that passed (top level and subpackages).
    pub declared: usize,
}

impl AppJsonCheck {
    fn refused(p: Problem) -> Self {
        Self {
            problems: vec![p],
            declared: 0,
        }
    }
}

impl Workspace {
    /// Validates `app.json` text for `consumer`. Empty result = valid. Checks: valid JSON
    /// (line/column), object shapes, alias format, provider format / existence / approval
    /// for this consumer, version format / existence / online (已发布), duplicate provider,
    /// a provider in more than one subpackage, or both top-level and in a subpackage.
    pub fn validate_app_json(&self, consumer: &AppId, text: &str) -> Vec<Problem> {
        self.check_app_json(consumer, text).problems
    }

    /// [`Self::validate_app_json`], also saying how many plugin declarations passed: with no
    /// problem and none declared, the text uses no plugin at all (QA: the checker said only
    /// "no problems" for `{"pages": [...]}`).
    pub fn check_app_json(&self, consumer: &AppId, text: &str) -> AppJsonCheck {
        let value: Value = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(e) => return AppJsonCheck::refused(Problem::invalid_json(text, &e)),
        };
        let Some(root) = value.as_object() else {
            return AppJsonCheck::refused(Problem::new(
                "",
                "必须是一个 JSON 对象",
                "must be a JSON object",
            ));
        };
        let mut problems = duplicate_keys(text);
        let mut declared = Declarations {
            places: text_places(text),
            seen: Vec::new(),
        };
        if let Some(block) = root.get("plugins") {
            self.check_block(
                consumer,
                block,
                "plugins",
                None,
                &mut declared,
                &mut problems,
            );
        }
        for key in ["subpackages", "subPackages"] {
            let Some(subs) = root.get(key) else { continue };
            let Some(list) = subs.as_array() else {
                problems.push(Problem::new(key, "必须是数组", "must be an array"));
                continue;
            };
            for (i, pkg) in list.iter().enumerate() {
                let base = format!("{key}[{i}]");
                match pkg.as_object() {
                    Some(obj) => {
                        // Every subpackage names its directory (QA: one without was accepted).
                        if obj
                            .get("root")
                            .and_then(Value::as_str)
                            .is_none_or(|r| r.trim().is_empty())
                        {
                            problems.push(Problem::new(
                                format!("{base}.root"),
                                "分包须有 root（分包根目录），且不能为空",
                                "A subpackage needs a non-empty root (its directory)",
                            ));
                        }
                        if let Some(block) = obj.get("plugins") {
                            let path = format!("{base}.plugins");
                            self.check_block(
                                consumer,
                                block,
                                &path,
                                Some((key, i)),
                                &mut declared,
                                &mut problems,
                            );
                        }
                    }
                    None => problems.push(Problem::new(
                        base,
                        "分包配置必须是对象",
                        "A subpackage must be an object",
                    )),
                }
            }
        }
        in_text_order(text, &mut problems);
        AppJsonCheck {
            problems,
            declared: declared.seen.len(),
        }
    }

    fn check_block(
        &self,
        consumer: &AppId,
        block: &Value,
        path: &str,
        scope: Scope,
        declared: &mut Declarations,
        problems: &mut Vec<Problem>,
    ) {
        let Some(map) = block.as_object() else {
            problems.push(Problem::new(
                path,
                "必须是对象（别名 → 插件声明）",
                "must be an object (alias → declaration)",
            ));
            return;
        };
        // In the order written: an insertion sort (a block holds a few aliases; a library
        // sort is its own copy of the code in the wasm).
        let place = |alias: &str| {
            let at = member_path(path, alias);
            declared.places.iter().rposition(|p| *p == at)
        };
        let mut entries: Vec<(&String, &Value, Option<usize>)> =
            map.iter().map(|(a, d)| (a, d, place(a))).collect();
        for i in 1..entries.len() {
            let mut j = i;
            while j > 0 && entries[j - 1].2 > entries[j].2 {
                entries.swap(j - 1, j);
                j -= 1;
            }
        }
        for (i, &(alias, decl, _)) in entries.iter().enumerate() {
            let dpath = member_path(path, alias);
            if let Err(e) = validate_alias(alias) {
                problems.push(Problem::new(dpath.clone(), e.zh(), e.en()));
            }
            // Aliases ignore case, as when a use is configured.
            if let Some((twin, ..)) = entries[..i].iter().find(|(k, ..)| same_alias(k, alias)) {
                problems.push(Problem::new(
                    dpath.clone(),
                    format!("插件别名「{alias}」与「{twin}」只差大小写：别名不区分大小写"),
                    format!("Alias \"{alias}\" differs from \"{twin}\" only in case: aliases ignore case"),
                ));
            }
            match decl.as_object() {
                Some(obj) => self.check_declaration(
                    consumer,
                    obj,
                    &dpath,
                    scope,
                    &mut declared.seen,
                    problems,
                ),
                None => problems.push(Problem::new(
                    dpath,
                    "插件声明必须是对象 {\"version\", \"provider\"}",
                    "A plugin declaration must be an object {\"version\", \"provider\"}",
                )),
            }
        }
    }

    fn check_declaration(
        &self,
        consumer: &AppId,
        obj: &Map<String, Value>,
        path: &str,
        scope: Scope,
        declared: &mut Vec<Declared>,
        problems: &mut Vec<Problem>,
    ) {
        for key in obj
            .keys()
            .filter(|k| !DECLARATION_KEYS.contains(&k.as_str()))
        {
            problems.push(Problem::new(
                member_path(path, key),
                // The path names the key: the message does not repeat it (QA).
                "未知字段（允许 version、provider、export）",
                "Unknown field (allowed: version, provider, export)",
            ));
        }
        let provider = self.check_provider(consumer, obj.get("provider"), path, problems);
        let version = check_version_text(obj.get("version"), path, problems);
        if let (Some(provider), Some(version)) = (&provider, version) {
            self.check_online(provider, version, path, problems);
        }
        if let Some(provider) = provider {
            note_declaration(
                declared,
                Declared {
                    provider: provider.to_string(),
                    scope,
                    path: format!("{path}.provider"),
                },
                problems,
            );
        }
    }

    /// Returns the provider if it is a known plugin approved for this consumer.
    fn check_provider(
        &self,
        consumer: &AppId,
        v: Option<&Value>,
        path: &str,
        problems: &mut Vec<Problem>,
    ) -> Option<AppId> {
        let ppath = format!("{path}.provider");
        let Some(text) = v.and_then(Value::as_str) else {
            let (zh, en) = if v.is_none() {
                (
                    "缺少 provider（插件 AppID）",
                    "Missing provider (the plugin's AppID)",
                )
            } else {
                ("必须是字符串", "must be a string")
            };
            problems.push(Problem::new(ppath, zh, en));
            return None;
        };
        if has_outer_space(text, &ppath, "provider", problems) {
            return None;
        }
        let Ok(id) = AppId::parse(text) else {
            problems.push(Problem::new(
                ppath,
                format!("provider「{text}」不是合法的 AppID（wx 加 16 位小写十六进制）"),
                format!("provider \"{text}\" is not a valid AppID (wx + 16 lowercase hex)"),
            ));
            return None;
        };
        if self.plugin(&id).is_none() {
            problems.push(Problem::new(
                ppath,
                format!("未知的插件 provider「{id}」：没有这个插件"),
                format!("Unknown provider \"{id}\": no such plugin"),
            ));
            return None;
        }
        if !self.uses_plugin(consumer, &id) {
            // "Apply first" only where 申请使用 is possible (spec audit: the checker sent people
            // to apply for their own plugin, or for one with nothing released, which the
            // platform refuses with 该插件不能申请).
            let (zh, en) = match self.closed_to(consumer, &id) {
                Err(DomainError::OwnPlugin) => (
                    format!("插件 {id} 是本小程序自己的插件：该插件不能申请，不能在本小程序中使用"),
                    format!("Plugin {id} is this mini program's own plugin: it cannot be applied for or used here"),
                ),
                // Nothing released (an unknown plugin was said above).
                Err(_) => (
                    format!("插件 {id} 没有已发布的线上版本：该插件不能申请"),
                    format!("Plugin {id} has no released online version: it cannot be applied for"),
                ),
                Ok(()) => (
                    format!("插件 {id} 未通过本小程序的使用申请（或已移除），请先「申请使用」"),
                    format!("Plugin {id} is not approved for this mini program (or was removed): apply first"),
                ),
            };
            problems.push(Problem::new(ppath, zh, en));
            return None;
        }
        Some(id)
    }

    fn check_online(
        &self,
        provider: &AppId,
        version: Semver,
        path: &str,
        problems: &mut Vec<Problem>,
    ) {
        let vpath = format!("{path}.version");
        let Some(p) = self.plugin(provider) else {
            return;
        };
        // What it could be instead (QA: the message did not say).
        let online: Vec<String> = p
            .online_versions()
            .iter()
            .map(|v| v.version.to_string())
            .collect();
        let (online_zh, online_en) = if online.is_empty() {
            ("该插件没有线上版本".to_string(), "none".to_string())
        } else {
            (
                format!("线上版本：{}", online.join("、")),
                online.join(", "),
            )
        };
        match p.version(&version) {
            None => problems.push(Problem::new(
                vpath,
                format!("插件 {provider} 没有版本 {version}（{online_zh}）"),
                format!("Plugin {provider} has no version {version} (online versions: {online_en})"),
            )),
            Some(v) if !v.status.is_online() => problems.push(Problem::new(
                vpath,
                format!(
                    "版本 {version} 不是线上版本（当前：{}；{online_zh}）",
                    v.status.zh()
                ),
                format!(
                    "Version {version} is not an online version (status: {}; online versions: {online_en})",
                    v.status.en()
                ),
            )),
            Some(_) => {}
        }
    }
}

fn check_version_text(
    v: Option<&Value>,
    path: &str,
    problems: &mut Vec<Problem>,
) -> Option<Semver> {
    let vpath = format!("{path}.version");
    let Some(text) = v.and_then(Value::as_str) else {
        let (zh, en) = if v.is_none() {
            (
                "缺少 version（插件版本号）",
                "Missing version (the plugin version)",
            )
        } else {
            (
                "必须是字符串，如 \"1.0.0\"",
                "must be a string like \"1.0.0\"",
            )
        };
        problems.push(Problem::new(vpath, zh, en));
        return None;
    };
    if has_outer_space(text, &vpath, "version", problems) {
        return None;
    }
    match Semver::parse(text) {
        Ok(v) => Some(v),
        Err(e) => {
            problems.push(Problem::new(vpath, e.zh(), e.en()));
            None
        }
    }
}

/// The mini program framework reads `provider` / `version` verbatim: a value with spaces around
/// it names no plugin or version, even though the forms trim what is typed.
fn has_outer_space(text: &str, path: &str, field: &str, problems: &mut Vec<Problem>) -> bool {
    if text.trim() == text {
        return false;
    }
    problems.push(Problem::new(
        path.to_string(),
        format!("{field}「{text}」前后有空格：请删除空格"),
        format!("{field} \"{text}\" has spaces around it: remove them"),
    ));
    true
}

/// Records a provider declaration, reporting duplicates and subpackage conflicts.
fn note_declaration(declared: &mut Vec<Declared>, d: Declared, problems: &mut Vec<Problem>) {
    if let Some(prev) = declared.iter().find(|x| x.provider == d.provider) {
        let (zh, en) = match (prev.scope, d.scope) {
            (a, b) if a == b => (
                format!("重复声明插件 {}（已在 {} 声明）", d.provider, prev.path),
                format!("Duplicate provider {} (already declared at {})", d.provider, prev.path),
            ),
            (None, _) | (_, None) => (
                format!("插件 {} 不能同时在主包和分包中声明（另见 {}）", d.provider, prev.path),
                format!("Plugin {} cannot be declared both at the top level and in a subpackage (see {})", d.provider, prev.path),
            ),
            _ => (
                format!("插件 {} 只能在一个分包中声明（另见 {}）", d.provider, prev.path),
                format!("Plugin {} can be declared in one subpackage only (see {})", d.provider, prev.path),
            ),
        };
        problems.push(Problem::new(d.path.clone(), zh, en));
    }
    declared.push(d);
}
