//! Validation of a consumer's pasted `app.json` against its approved plugins and the
//! plugins' online versions. Every problem carries its JSON path.

use serde_json::{Map, Value};

use super::application::{same_alias, validate_alias, ApplicationStatus, PluginUse, Standing};
use super::clock::Timestamp;
use super::errors::{cut, DomainError, Problem};
use super::ids::AppId;
use super::json::{
    duplicate_keys, in_places_order, member_path, members_written, text_places, Written,
};
use super::version::{Semver, VersionStatus};
use super::workspace::Workspace;

/// Keys allowed in one plugin declaration: the platform's `export` (a JS file of the mini
/// program the plugin may `requireMiniProgram`, base library 2.11.1) and
/// `genericsImplementation` (the components a plugin page's abstract nodes use, page → node →
/// path; 2.12.2) besides `version` and `provider` (QA: a valid `genericsImplementation` was
/// called unknown).
const DECLARATION_KEYS: [&str; 4] = ["version", "provider", "export", "genericsImplementation"];

/// The mini program a text is checked for, and when: whether it may apply for a plugin, and
/// where its application stands, change with time.
#[derive(Clone, Copy)]
struct Reader<'a> {
    consumer: &'a AppId,
    now: Timestamp,
}

/// Where a provider was declared: top level (`None`) or one subpackage, named by its list's key
/// (`subpackages` or `subPackages`) and its index in that list.
type Scope = Option<(&'static str, usize)>;

/// The plugins declared so far, and where each member of the text is written
/// ([`text_places`]): declarations are checked in the order they are written, so a duplicate or
/// a case twin is the later one in the text (QA: the alphabetically later one was blamed).
struct Declarations {
    places: rustc_hash::FxHashMap<String, usize>,
    seen: Vec<Declared>,
    /// The aliases of the blocks checked so far, each with its path and provider as written.
    aliases: Vec<(String, String, Option<String>)>,
}

/// A provider declaration seen so far.
struct Declared {
    provider: String,
    /// As messages name it: 「名称」（AppID）, a plugin in use being shown to its user.
    named: (String, String),
    scope: Scope,
    path: String,
}

/// Why [`Workspace::app_json_fill`] leaves out a plugin its consumer uses.
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
struct TextPlugins {
    /// The providers its subpackages declare.
    in_subpackages: Vec<String>,
    /// Its top-level `"plugins"` entries: the alias, the entry as written (`"alias": {…}`), its
    /// provider.
    top: Vec<(String, String, String)>,
}

impl TextPlugins {
    /// What `text`, a JSON object (`root`) whose members are `members` ([`members_written`]),
    /// declares.
    fn of(text: &str, root: &Map<String, Value>, members: &Written) -> Self {
        // The text of each, not the value written anew (≈ 1 KB of wasm for serializing values).
        let members = &members.0;
        // Each entry's provider from its own value: of an alias written twice, JSON keeps only
        // the last (review).
        let top = match members.iter().rev().find(|m| m.0 == "plugins") {
            Some((_, _, at)) => {
                let block = text[at.clone()].trim();
                let (entries, _) = members_written(block);
                entries
                    .into_iter()
                    .filter_map(|(alias, at, value)| {
                        let decl = serde_json::from_str::<Value>(&block[value]).ok()?;
                        Some((alias, block[at].trim().to_string(), provider_of(&decl)?))
                    })
                    .collect()
            }
            None => Vec::new(),
        };
        Self {
            in_subpackages: in_subpackages(root),
            top,
        }
    }
}

/// The provider a plugin declaration names.
fn provider_of(decl: &Value) -> Option<String> {
    Some(decl.get("provider")?.as_str()?.to_string())
}

/// The providers the subpackages of an `app.json` (`root`) declare.
fn in_subpackages(root: &Map<String, Value>) -> Vec<String> {
    ["subpackages", "subPackages"]
        .iter()
        .filter_map(|key| root.get(*key)?.as_array())
        .flatten()
        .filter_map(|pkg| pkg.get("plugins")?.as_object())
        .flat_map(|block| block.values())
        .filter_map(provider_of)
        .collect()
}

/// What 填入当前插件配置 makes of a consumer's `app.json` ([`Workspace::app_json_fill`]): one
/// answer from one reading of the text.
#[derive(Debug)]
pub struct AppJsonFill<'w> {
    /// The text filled in.
    pub text: String,
    /// Whether it keeps the rest of the text given (a JSON object); else it is
    /// [`Workspace::app_json_of`] (a blank text, or not a JSON object: nothing to keep).
    pub merged: bool,
    /// Whether it fills any plugin in.
    pub fills_any: bool,
    /// The plugins the consumer uses that it leaves out of the top-level `"plugins"`, each
    /// with why.
    pub left_out: Vec<(&'w PluginUse, LeftOut)>,
}

/// One plugin's entry under `"plugins"` in `app.json`, indented as at its place there.
pub(super) fn plugin_entry(alias: &str, version: &Semver, provider: &AppId) -> String {
    format!("    \"{alias}\": {{\n      \"version\": \"{version}\",\n      \"provider\": \"{provider}\"\n    }}")
}

/// What [`Workspace::check_app_json`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppJsonCheck {
    /// The problems, in the order of the text; empty = valid.
    pub problems: Vec<Problem>,
    /// Plugin declarations that passed (top level and subpackages).
    pub declared: usize,
    /// Whether 填入当前插件配置 would fill a plugin into the text ([`AppJsonFill::fills_any`]);
    /// asked of a text without problems (one that is no JSON object says `false`).
    pub fills_any: bool,
}

impl AppJsonCheck {
    fn refused(p: Problem) -> Self {
        Self {
            problems: vec![p],
            declared: 0,
            fills_any: false,
        }
    }
}

impl Workspace {
    /// Validates `app.json` text for `consumer`. Empty result = valid. Checks: valid JSON
    /// (line/column), object shapes, alias format, provider format / existence / approval
    /// for this consumer, version format / existence / online (已发布), duplicate provider,
    /// a provider in more than one subpackage, or both top-level and in a subpackage.
    pub fn validate_app_json(&self, consumer: &AppId, text: &str, now: Timestamp) -> Vec<Problem> {
        self.check_app_json(consumer, text, now).problems
    }

    /// [`Self::validate_app_json`], also saying how many plugin declarations passed: with no
    /// problem and none declared, the text uses no plugin at all (QA: the checker said only
    /// "no problems" for `{"pages": [...]}`). A plugin not in use is said with where `consumer`
    /// stands with it at `now` (an application 待确认, 已拒绝, 已超时, the cap reached).
    pub fn check_app_json(&self, consumer: &AppId, text: &str, now: Timestamp) -> AppJsonCheck {
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
            aliases: Vec::new(),
        };
        let reader = Reader {
            consumer,
            now: self.not_before_latest(now),
        };
        if let Some(block) = root.get("plugins") {
            self.check_block(reader, block, "plugins", None, &mut declared, &mut problems);
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
                                reader,
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
        in_places_order(&declared.places, &mut problems);
        let in_subpackages = in_subpackages(root);
        AppJsonCheck {
            problems,
            declared: declared.seen.len(),
            fills_any: (self.plugin_uses(consumer).into_iter())
                .any(|u| self.filled(u, &in_subpackages).is_ok()),
        }
    }

    /// `consumer`'s `app.json` as its plugin configuration stands (where the checker's
    /// 填入当前插件配置 starts): a page, and under `"plugins"` each plugin it uses with the alias
    /// and version it chose (one not chosen yet, or offline, is left out), as
    /// [`Self::app_json_fragment`] writes them.
    pub fn app_json_of(&self, consumer: &AppId) -> String {
        self.app_json_fill(consumer, "").text
    }

    /// 填入当前插件配置: `text`, the consumer's own `app.json`, with its top-level `"plugins"` as
    /// [`Self::app_json_of`] writes it: every other key (pages, window, subpackages, …) as the
    /// text has it (QA: 填入当前插件配置 threw them away), but a plugin its subpackages declare
    /// (QA: filled in beside them, then refused by the check), and, for a plugin left out, the
    /// text's own top-level entries for it as written (QA: a working one was deleted).
    /// [`Self::app_json_of`] when `text` is blank or not a JSON object. With what it left out
    /// and whether it filled anything in, from one reading of the text (review: the checker
    /// read it four times a click).
    pub fn app_json_fill(&self, consumer: &AppId, text: &str) -> AppJsonFill<'_> {
        let root = serde_json::from_str::<Value>(text).ok();
        // Its members as written, scanned once: what it declares, and where `plugins` goes.
        let root = (root.as_ref().and_then(Value::as_object)).map(|r| (r, members_written(text)));
        let declares = match &root {
            Some((r, written)) => TextPlugins::of(text, r, written),
            None => TextPlugins::default(),
        };
        let filled: Vec<_> = (self.plugin_uses(consumer).into_iter())
            .map(|u| (u, self.filled(u, &declares.in_subpackages)))
            .collect();
        let mut entries: Vec<String> = Vec::new();
        for (u, fill) in &filled {
            match fill {
                Ok((alias, version)) => entries.push(plugin_entry(alias, version, &u.plugin)),
                Err(LeftOut::InSubpackage) => {}
                // Its own entry kept, unless a plugin filled in takes its alias (review: JSON
                // would keep one of the two).
                Err(_) => {
                    let taken = |a: &str| {
                        filled
                            .iter()
                            .any(|(_, f)| matches!(f, Ok((b, _)) if same_alias(a, b)))
                    };
                    let own = (declares.top.iter())
                        .filter(|(a, _, p)| p == u.plugin.as_str() && !taken(a));
                    entries.extend(own.map(|(_, entry, _)| format!("    {entry}")));
                }
            }
        }
        let plugins = if entries.is_empty() {
            "{}".into()
        } else {
            format!("{{\n{}\n  }}", entries.join(",\n"))
        };
        AppJsonFill {
            text: match &root {
                Some((_, written)) => super::json::with_member(text, written, "plugins", &plugins),
                None => format!(
                    "{{\n  \"pages\": [\n    \"pages/index/index\"\n  ],\n  \"plugins\": {plugins}\n}}"
                ),
            },
            merged: root.is_some(),
            fills_any: filled.iter().any(|(_, f)| f.is_ok()),
            left_out: (filled.into_iter())
                .filter_map(|(u, f)| Some((u, f.err()?)))
                .collect(),
        }
    }

    /// A use's alias and version as `app.json` declares them: both chosen, the version online
    /// (QA: 填入当前插件配置 filled in a version taken offline, which the check then refused).
    /// Else why it is left out.
    fn chosen<'u>(&self, u: &'u PluginUse) -> Result<(&'u str, Semver), LeftOut> {
        let (Some(alias), Some(version)) = (u.alias.as_deref(), u.version) else {
            return Err(LeftOut::NotChosen);
        };
        if self
            .plugin(&u.plugin)
            .is_some_and(|p| p.is_online(&version))
        {
            Ok((alias, version))
        } else {
            Err(LeftOut::Offline(version))
        }
    }

    /// A use as the top-level `"plugins"` of an `app.json` declaring `in_subpackages` in its
    /// subpackages takes it ([`Self::chosen`], and not declared there), else why not.
    fn filled<'u>(
        &self,
        u: &'u PluginUse,
        in_subpackages: &[String],
    ) -> Result<(&'u str, Semver), LeftOut> {
        let chosen = self.chosen(u)?;
        if in_subpackages.iter().any(|p| p == u.plugin.as_str()) {
            return Err(LeftOut::InSubpackage);
        }
        Ok(chosen)
    }

    fn check_block(
        &self,
        reader: Reader,
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
            declared.places.get(&at).copied()
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
                    format!(
                        "插件别名「{}」与「{}」只差大小写：别名不区分大小写",
                        cut(alias, 40),
                        cut(twin, 40)
                    ),
                    format!(
                        "Alias \"{}\" differs from \"{}\" only in case: aliases ignore case",
                        cut(alias, 40),
                        cut(twin, 40)
                    ),
                ));
            }
            // One alias names one plugin in the whole mini program, as when a use is configured:
            // a subpackage's page may use the top level's plugins (QA: `express` for two plugins
            // in two blocks passed). The same plugin in two blocks is said as such, below.
            let provider = decl.get("provider").and_then(Value::as_str);
            let other = declared
                .aliases
                .iter()
                .find(|(k, _, p)| same_alias(k, alias) && p.as_deref() != provider);
            if let Some((_, twin_path, _)) = other {
                problems.push(Problem::new(
                    dpath.clone(),
                    format!("插件别名「{}」已在 {twin_path} 用于另一个插件：一个小程序中，一个别名只能对应一个插件（不区分大小写）", cut(alias, 40)),
                    format!("Alias \"{}\" is already used for another plugin at {twin_path}: in a mini program an alias names one plugin (ignoring case)", cut(alias, 40)),
                ));
            }
            match decl.as_object() {
                Some(obj) => {
                    self.check_declaration(reader, obj, &dpath, scope, &mut declared.seen, problems)
                }
                None => problems.push(Problem::new(
                    dpath,
                    "插件声明必须是对象 {\"version\", \"provider\"}",
                    "A plugin declaration must be an object {\"version\", \"provider\"}",
                )),
            }
        }
        for &(alias, decl, _) in &entries {
            let provider = decl
                .get("provider")
                .and_then(Value::as_str)
                .map(str::to_string);
            declared
                .aliases
                .push((alias.clone(), member_path(path, alias), provider));
        }
    }

    fn check_declaration(
        &self,
        reader: Reader,
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
                "未知字段（允许 version、provider、export、genericsImplementation）",
                "Unknown field (allowed: version, provider, export, genericsImplementation)",
            ));
        }
        // Their values' kinds: a path, and an object (their contents are the mini program's).
        match obj.get("export") {
            None => {}
            // A JS file of the mini program, as `plugin.json`'s `main` is one of the plugin's
            // (re-check QA: "" and "/a/index.wxml" passed).
            Some(Value::String(p)) => {
                if let Some((zh, en)) = super::manifest::js_file_fault(p) {
                    problems.push(Problem::new(member_path(path, "export"), zh, en));
                }
            }
            Some(_) => problems.push(Problem::new(
                member_path(path, "export"),
                "必须是字符串（导出给插件的 JS 文件路径）",
                "must be a string (the path of the JS file exported to the plugin)",
            )),
        }
        if obj
            .get("genericsImplementation")
            .is_some_and(|v| !v.is_object())
        {
            problems.push(Problem::new(
                member_path(path, "genericsImplementation"),
                "必须是对象（插件页面 → 抽象节点 → 组件路径）",
                "must be an object (plugin page → abstract node → component path)",
            ));
        }
        let provider = self.check_provider(reader, obj.get("provider"), path, problems);
        let version = check_version_text(obj.get("version"), path, problems);
        if let (Some(provider), Some(version)) = (&provider, version) {
            self.check_online(provider, version, path, problems);
        }
        if let Some(provider) = provider {
            let name = self.plugin(&provider).map_or("", |p| p.name.as_str());
            note_declaration(
                declared,
                Declared {
                    provider: provider.to_string(),
                    named: (
                        format!("「{name}」（{provider}）"),
                        format!("\"{name}\" ({provider})"),
                    ),
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
        reader: Reader,
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
                format!(
                    "provider「{}」不是合法的 AppID（wx 加 16 位小写十六进制）",
                    cut(text, 40)
                ),
                format!(
                    "provider \"{}\" is not a valid AppID (wx + 16 lowercase hex)",
                    cut(text, 40)
                ),
            ));
            return None;
        };
        let Some(plugin) = self.plugin(&id) else {
            problems.push(Problem::new(
                ppath,
                format!("未知的插件 provider「{id}」：没有这个插件"),
                format!("Unknown provider \"{id}\": no such plugin"),
            ));
            return None;
        };
        let consumer = reader.consumer;
        if !self.uses_plugin(consumer, &id) {
            // What to do next, as the plugin's page says it: "apply first" only where 申请使用
            // is possible (spec audit: the checker sent people to apply for their own plugin,
            // or for one with nothing released, which the platform refuses with 该插件不能申请;
            // then to apply while their application was 待确认, or at the cap, or after a
            // rejection, where the page says 重新申请).
            // Named as its page names it, with the AppID the text holds, and with a link there
            // (QA: the AppID only); only where that page shows it to this mini program (re-check
            // QA: the name of a plugin never released was told, and its link was "not found").
            let shown = self.plugin_page_shown(Some(consumer), &id);
            let (who, who_en) = match shown {
                true => (
                    format!("插件「{}」（{id}）", plugin.name),
                    format!("Plugin \"{}\" ({id})", plugin.name),
                ),
                false => (format!("插件 {id} "), format!("Plugin {id}")),
            };
            let (zh, en) = match self.appliable_by(consumer, reader.now, &id) {
                Err(DomainError::OwnPlugin) => (
                    format!("{who}是本小程序自己的插件：该插件不能申请，不能在本小程序中使用"),
                    format!("{who_en} is this mini program's own plugin: it cannot be applied for or used here"),
                ),
                Err(DomainError::ApplicationPending) => (
                    format!("{who}的使用申请待确认：插件开发者「通过」后才能使用"),
                    format!("{who_en}: the use application is pending; it can be used once the plugin developer approves it"),
                ),
                Err(e @ DomainError::PluginLimitReached { .. }) => (
                    format!("{who}未添加到本小程序，现在也不能申请：{}", e.zh()),
                    format!("{who_en} is not added to this mini program, nor can it be applied for now: {}", e.en()),
                ),
                // Nothing released (an unknown plugin was said above; one in use is not here).
                Err(_) => (
                    format!("{who}没有已发布的线上版本：该插件不能申请"),
                    format!("{who_en} has no released online version: it cannot be applied for"),
                ),
                Ok(()) => {
                    let again = match self.standing(consumer, &id) {
                        Some(Standing::Applied(a)) => match a.status_at(reader.now) {
                            ApplicationStatus::Rejected { .. } => {
                                Some(("的使用申请已被拒绝", ": the use application was rejected"))
                            }
                            ApplicationStatus::Expired => {
                                Some(("的使用申请已超时", ": the use application expired"))
                            }
                            _ => None,
                        },
                        Some(Standing::Removed(_)) => {
                            Some(("已从本小程序移除", ": removed from this mini program"))
                        }
                        // Never applied for (or its application deleted).
                        _ => None,
                    };
                    match again {
                        Some((zh, en)) => (
                            format!("{who}{zh}：可在插件详情页「重新申请」"),
                            // (QA: "(wx…)'s use application" read badly.)
                            format!("{who_en}{en}; you may apply again on the plugin's page"),
                        ),
                        None => (
                            format!("{who}未添加到本小程序：请先在插件详情页「申请使用」"),
                            format!("{who_en} is not added to this mini program: apply first on the plugin's page"),
                        ),
                    }
                }
            };
            let problem = Problem::new(ppath, zh, en);
            problems.push(if shown { problem.see(&id) } else { problem });
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
        match p.version(&version).map(|v| &v.status) {
            Some(status) if status.is_online() => {}
            // Released once: a consumer may have pinned it.
            Some(VersionStatus::Offline) => problems.push(Problem::new(
                vpath,
                format!("插件「{}」（{provider}）的版本 {version} 已下线（{online_zh}）", p.name),
                format!("Version {version} of \"{}\" ({provider}) is offline (online versions: {online_en})", p.name),
            )),
            // Never released, or none: alike, as a consumer is not told of a plugin's versions
            // in development or review, nor of their review's outcome (QA: 「当前：审核失败」).
            _ => problems.push(Problem::new(
                vpath,
                format!("插件「{}」（{provider}）没有线上版本 {version}（{online_zh}）", p.name),
                format!("Plugin \"{}\" ({provider}) has no online version {version} (online versions: {online_en})", p.name),
            )),
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
        // Read verbatim by the framework, as spaces are: the forms' reading of full-width
        // digits and stops as ASCII is not the framework's (QA: `１.１.０` passed).
        Ok(v) if !text.is_ascii() => {
            problems.push(Problem::new(
                vpath,
                format!("version「{}」含全角字符：请改用半角数字和点，如 \"{v}\"", cut(text, 40)),
                format!("version \"{}\" has full-width characters: use ASCII digits and dots, as in \"{v}\"", cut(text, 40)),
            ));
            None
        }
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
        format!("{field}「{}」前后有空格：请删除空格", cut(text, 40)),
        format!(
            "{field} \"{}\" has spaces around it: remove them",
            cut(text, 40)
        ),
    ));
    true
}

/// Records a provider declaration, reporting duplicates and subpackage conflicts.
fn note_declaration(declared: &mut Vec<Declared>, d: Declared, problems: &mut Vec<Problem>) {
    if let Some(prev) = declared.iter().find(|x| x.provider == d.provider) {
        // Shown as a list shows a path (re-check QA: a key of 10 000 characters quoted whole).
        let at = super::errors::path_shown(&prev.path);
        let (zh, en) = match (prev.scope, d.scope) {
            (a, b) if a == b => (
                format!("重复声明插件{}（已在 {} 声明）", d.named.0, at),
                format!("Plugin {} declared twice (already declared at {})", d.named.1, at),
            ),
            (None, _) | (_, None) => (
                format!("插件{}不能同时在主包和分包中声明（另见 {}）", d.named.0, at),
                format!("Plugin {} cannot be declared both at the top level and in a subpackage (see {})", d.named.1, at),
            ),
            _ => (
                format!("插件{}只能在一个分包中声明（另见 {}）", d.named.0, at),
                format!("Plugin {} can be declared in one subpackage only (see {})", d.named.1, at),
            ),
        };
        problems.push(Problem::new(d.path.clone(), zh, en));
    }
    declared.push(d);
}
