//! The workspace: all state, one `execute` for every command, event-sourced.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use serde::{Deserialize, Serialize};

use super::account::{
    validate_account, validate_account_name, Account, Category, Reviewer, SubjectType,
};
use super::app_json::plugin_entry;
use super::application::{
    same_alias, validate_alias, validate_optional_reason, validate_reason, ApplicationId,
    ApplicationStatus, PluginUse, UseApplication, MAX_APPLY_REASON_CHARS, MAX_PLUGINS_PER_CONSUMER,
    MAX_REJECT_REASON_CHARS,
};
use super::category::{category_options, check_plugin_category, CategoryOption};
use super::clock::Timestamp;
use super::commands::Command;
use super::errors::{DomainError, Field, VersionAction};
use super::events::{Actor, Event, EventKind, Role};
use super::ids::{splitmix64, AppId};
use super::manifest::parse_plugin_json;
use super::plugin::{
    require_intro, validate_intro, validate_plugin_name, validate_token, DomainList, Icon, Plugin,
};
use super::review::{ReviewOutcome, ReviewRecord, ReviewSubmission};
use super::search::{sorted_order, SearchIndex, SearchResults};
use super::text::{char_len, name_form, name_key};
use super::version::{validate_version_description, PluginVersion, Semver, VersionStatus};

/// Version of the serialized workspace format.
pub const SCHEMA_VERSION: u32 = 1;

/// Derived lookup tables, never serialized; see [`Workspace::rebuild_indexes`].
#[derive(Clone, Debug, Default)]
struct Indexes {
    accounts: HashMap<AppId, usize>,
    plugins: HashMap<AppId, usize>,
    applications: HashMap<ApplicationId, usize>,
    /// Each consumer's applications, oldest first.
    by_consumer: HashMap<AppId, Vec<ApplicationId>>,
    /// Positions in `uses` of each consumer's plugin uses.
    uses_by_consumer: HashMap<AppId, Vec<usize>>,
    /// Stored-待确认 applications by (deadline, id), kept sorted and without repeats (a set;
    /// a sorted `Vec` rather than a `BTreeSet`, whose code would be in the wasm for it alone):
    /// expiry only touches what is due.
    pending: Vec<(Timestamp, ApplicationId)>,
    names: HashSet<String>,
    /// The latest recorded event's time: a command's `now` is never taken as earlier (see
    /// [`Workspace::execute`]).
    latest: Option<Timestamp>,
    /// Each deleted application's (consumer, plugin, id), from the log: a consumer whose newest
    /// application was deleted starts afresh with the plugin ([`Workspace::standing`]). A list:
    /// deletions are few.
    deleted: Vec<(AppId, AppId, ApplicationId)>,
    /// Built on the first search after a load (a load is on every page's start-up path, a search
    /// only on the consumer's 添加插件 page), then kept up to date by each change.
    search: std::sync::OnceLock<SearchIndex>,
}

/// Every piece of state. Mutated only through [`Workspace::execute`] (and
/// [`Workspace::expire_due`]), each change recorded as an [`Event`].
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Workspace {
    #[serde(rename = "schema")]
    schema_version: u32,
    seed: u64,
    #[serde(rename = "accounts")]
    accounts: Vec<Account>,
    reviewers: Vec<Reviewer>,
    plugins: Vec<Plugin>,
    #[serde(rename = "apps")]
    applications: Vec<UseApplication>,
    uses: Vec<PluginUse>,
    #[serde(rename = "next_app")]
    next_application_id: u64,
    events: Vec<Event>,
    #[serde(skip)]
    idx: Indexes,
}

impl PartialEq for Workspace {
    fn eq(&self, o: &Self) -> bool {
        self.schema_version == o.schema_version
            && self.seed == o.seed
            && self.accounts == o.accounts
            && self.reviewers == o.reviewers
            && self.plugins == o.plugins
            && self.applications == o.applications
            && self.uses == o.uses
            && self.next_application_id == o.next_application_id
            && self.events == o.events
    }
}

/// A version in use by a consumer that was taken offline (已下线).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OfflineWarning {
    /// The plugin.
    pub plugin: AppId,
    /// The alias it is used under.
    pub alias: Option<String>,
    /// The pinned version, now offline.
    pub version: Semver,
}

/// What taking a version offline (下线) does: what its confirmation says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OfflineImpact {
    /// Mini programs using that version: they are warned and must switch.
    pub users: usize,
    /// Whether it is the last online version: the plugin leaves search and 申请使用.
    pub last_online: bool,
    /// With the last online version: mini programs approved to use the plugin that have not
    /// chosen a version; they have none to choose until one is released again.
    pub unversioned: usize,
    /// 待确认 applications that could then only be rejected, until a version is online again.
    pub unapprovable: usize,
}

/// `checked`, but a refusal as too short of text whose code points meet the minimum passes: how
/// lengths were counted before they counted as a reader does (`text::char_len`, session 30), so
/// an export made then still imports (re-check QA: a plugin named 👍🏻 was refused).
fn counted_before<T>(checked: Result<T, DomainError>, text: &str) -> Result<(), DomainError> {
    use super::account::ACCOUNT_NAME_CHARS;
    use super::review::FEATURE_DESCRIPTION_CHARS;
    let (len, min) = match &checked {
        Err(DomainError::NameLength { len }) => (*len, *super::PLUGIN_NAME_CHARS.start()),
        Err(DomainError::AccountNameLength { len }) => (*len, *ACCOUNT_NAME_CHARS.start()),
        Err(DomainError::FeatureDescriptionLength { len }) => {
            (*len, *FEATURE_DESCRIPTION_CHARS.start())
        }
        _ => (0, 0),
    };
    // (0: nothing, or only what shows as nothing, was refused before too.)
    if len > 0 && len < min && text.trim().chars().count() >= min {
        return Ok(());
    }
    checked.map(|_| ())
}

/// An entry of the review queue or history.
#[derive(Clone, Copy, Debug)]
pub struct ReviewItem<'a> {
    /// The plugin.
    pub plugin: &'a Plugin,
    /// The review record.
    pub record: &'a ReviewRecord,
}

impl Workspace {
    /// An empty workspace; `seed` drives AppID generation.
    pub fn new(seed: u64) -> Workspace {
        Workspace {
            schema_version: SCHEMA_VERSION,
            seed,
            accounts: Vec::new(),
            reviewers: Vec::new(),
            plugins: Vec::new(),
            applications: Vec::new(),
            uses: Vec::new(),
            next_application_id: 1,
            events: Vec::new(),
            idx: Indexes::default(),
        }
    }

    /// Assembles a workspace from raw state (used by generators); indexes rebuilt.
    pub(crate) fn from_parts(
        seed: u64,
        accounts: Vec<Account>,
        reviewers: Vec<Reviewer>,
        plugins: Vec<Plugin>,
        applications: Vec<UseApplication>,
        uses: Vec<PluginUse>,
    ) -> Workspace {
        let next_application_id = applications.iter().map(|a| a.id.0 + 1).max().unwrap_or(1);
        let mut ws = Workspace {
            accounts,
            reviewers,
            plugins,
            applications,
            uses,
            next_application_id,
            ..Workspace::new(seed)
        };
        ws.rebuild_indexes();
        ws
    }

    /// The stored schema version (compare with [`SCHEMA_VERSION`]).
    pub fn schema_version(&self) -> u32 {
        self.schema_version
    }
    /// The AppID generation seed.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Whether an application of `consumer` for `plugin` newer than `id` was deleted (from the
    /// log: with an emptied log, none is known).
    pub(crate) fn deleted_after(
        &self,
        consumer: &AppId,
        plugin: &AppId,
        id: ApplicationId,
    ) -> bool {
        self.idx
            .deleted
            .iter()
            .any(|(c, p, d)| *d > id && c == consumer && p == plugin)
    }

    /// Rebuilds every derived index (call after deserializing); the search index follows on the
    /// first search.
    pub fn rebuild_indexes(&mut self) {
        let mut idx = Indexes::default();
        for (i, a) in self.accounts.iter().enumerate() {
            idx.accounts.insert(a.app_id.clone(), i);
        }
        for (i, p) in self.plugins.iter().enumerate() {
            idx.plugins.insert(p.app_id.clone(), i);
            idx.names.insert(name_key(&p.name));
        }
        for (i, a) in self.applications.iter().enumerate() {
            idx.applications.insert(a.id, i);
            // Look up before inserting: `entry` would clone the AppID for every application.
            match idx.by_consumer.get_mut(&a.consumer) {
                Some(ids) => ids.push(a.id),
                None => {
                    idx.by_consumer.insert(a.consumer.clone(), vec![a.id]);
                }
            }
            if a.status == ApplicationStatus::Pending {
                idx.pending.push((a.expires_at(), a.id));
            }
        }
        // Each consumer's in the order they were made, whatever order a file stores them in
        // (code review: a re-application read as its older refusal, after an import listing
        // them reversed).
        let made = |id: &ApplicationId| {
            let i = idx.applications.get(id).copied();
            i.and_then(|i| self.applications.get(i))
        };
        for ids in idx.by_consumer.values_mut() {
            let order = |id| made(id).map(UseApplication::made_order);
            if !ids.windows(2).all(|w| order(&w[0]) <= order(&w[1])) {
                let apps = ids.iter().filter_map(made).collect();
                *ids = in_made_order(apps).into_iter().map(|a| a.id).collect();
            }
        }
        let p = &idx.pending;
        let mut pending = Vec::with_capacity(p.len());
        for i in sorted_order(p.len(), &|a, b| p[a].cmp(&p[b])) {
            if pending.last() != Some(&p[i]) {
                pending.push(p[i]);
            }
        }
        idx.pending = pending;
        idx.uses_by_consumer = uses_index(&self.uses);
        idx.latest = self.events.iter().map(|e| e.at).max();
        for e in &self.events {
            if let EventKind::ApplicationDeleted {
                id,
                plugin,
                consumer,
            } = &e.kind
            {
                idx.deleted.push((consumer.clone(), plugin.clone(), *id));
            }
        }
        self.idx = idx;
    }

    /// The first user text holding a direction control (U+202A–U+202E, U+2066–U+2069), which
    /// commands refuse in every text, with whose it is (zh, en) (QA: an imported name starting
    /// with U+202E turned the start page's 审核中、已发布 after it backwards). Only that of
    /// [`TextField::hidden_in`]'s rules: the zero-width characters it refuses in names came
    /// later than exports a user may hold, and do not reorder what the app shows.
    fn hidden_text(&self) -> Option<(String, String, DomainError)> {
        let reordering = |(field, text): (super::TextField, &str)| {
            super::text::hidden_char(text, false)
                .map(|ch| DomainError::HiddenCharacter { field, ch })
        };
        use super::TextField::{
            Category, FeatureDescription, Intro, Name, Reason, Tag, VersionDescription,
        };
        for a in &self.accounts {
            let mut texts = vec![(Name, a.name.as_str())];
            for c in &a.categories {
                texts.extend([
                    (Category, c.primary.as_str()),
                    (Category, c.secondary.as_str()),
                ]);
            }
            if let Some(e) = texts.into_iter().find_map(reordering) {
                let id = &a.app_id;
                return Some((format!("小程序帐号 {id}"), format!("account {id}"), e));
            }
        }
        for p in &self.plugins {
            let mut texts = vec![(Name, p.name.as_str()), (Intro, p.intro.as_str())];
            texts.extend(
                p.versions
                    .iter()
                    .map(|v| (VersionDescription, v.description.as_str())),
            );
            for r in &p.reviews {
                texts.extend(r.submission.tags.iter().map(|t| (Tag, t.as_str())));
                texts.push((
                    FeatureDescription,
                    r.submission.feature_description.as_str(),
                ));
                if let ReviewOutcome::Rejected { reason, .. } = &r.outcome {
                    texts.push((Reason, reason.as_str()));
                }
            }
            if let Some(e) = texts.into_iter().find_map(reordering) {
                let id = &p.app_id;
                return Some((format!("插件 {id}"), format!("plugin {id}"), e));
            }
        }
        for a in &self.applications {
            let rejected = match &a.status {
                ApplicationStatus::Rejected { reason } => reason.as_str(),
                _ => "",
            };
            if let Some(e) = [a.reason.as_str(), rejected]
                .into_iter()
                .find_map(|t| reordering((Reason, t)))
            {
                let n = a.id.0;
                return Some((format!("使用申请 {n}"), format!("application {n}"), e));
            }
        }
        None
    }

    /// What makes a deserialized workspace inconsistent, or `None`. Commands can never produce
    /// these; a hand-edited import can, and the next command would then misbehave (a second
    /// application with an existing id, say) or the data would break a product rule. Refused:
    /// - an AppID, application id or reviewer id listed twice; the application id counter
    ///   behind an id in use; a plugin, application or use naming a missing account or plugin;
    /// - two plugins with the same name (under [`super::text::name_key`]); a plugin whose owner's subject
    ///   may not open plugin capability ([`SubjectType::may_develop_plugins`]);
    /// - versions out of order, two in review, one in review without its pending review record
    ///   (or the reverse) ([`versions_problem`]);
    /// - an application or use of the applicant's own plugin; a use pinning a version the
    ///   plugin does not have, with an invalid alias, or an alias without a version
    ///   ([`use_problem`]);
    /// - per consumer: more than [`MAX_PLUGINS_PER_CONSUMER`] plugins stored 待确认 or in use;
    ///   one plugin twice among them; a use without an 已通过 application for it as its latest;
    ///   one alias for two plugins (spelt the same: data stored before aliases ignored case is
    ///   still read).
    ///
    /// One pass over each list with the indexes, no string hashing beyond theirs (this runs on
    /// every load): call after [`Self::rebuild_indexes`].
    pub fn integrity_problem(&self) -> Option<String> {
        let idx = &self.idx;
        // An index shorter than its list: an id listed twice. Which one (scale QA: not said, in
        // a file of 20 000 entries): the index keeps an id's last place, so an earlier one listed
        // again is elsewhere.
        let listed_twice = |what: &str, key: Option<String>| {
            Some(format!(
                "{what} is listed twice: {}",
                key.unwrap_or_default()
            ))
        };
        let elsewhere = |at: Option<&usize>, i: usize| at != Some(&i);
        if idx.accounts.len() != self.accounts.len() {
            let mut each = self.accounts.iter().enumerate();
            let a = each.find(|(i, a)| elsewhere(idx.accounts.get(&a.app_id), *i));
            return listed_twice("an account AppID", a.map(|(_, a)| a.app_id.to_string()));
        }
        if idx.plugins.len() != self.plugins.len() {
            let mut each = self.plugins.iter().enumerate();
            let p = each.find(|(i, p)| elsewhere(idx.plugins.get(&p.app_id), *i));
            return listed_twice("a plugin AppID", p.map(|(_, p)| p.app_id.to_string()));
        }
        if idx.applications.len() != self.applications.len() {
            let mut each = self.applications.iter().enumerate();
            let a = each.find(|(i, a)| elsewhere(idx.applications.get(&a.id), *i));
            return listed_twice("an application id", a.map(|(_, a)| a.id.0.to_string()));
        }
        // `idx.names` holds each plugin's name under `name_key`: fewer entries than plugins is
        // a name taken twice (`plan_open_plugin` refuses it). The culprit is sought only then.
        if idx.names.len() != self.plugins.len() {
            if let Some(problem) = self.duplicate_name_problem() {
                return Some(problem);
            }
        }
        let mut reviewer_ids = HashSet::default();
        if let Some(r) = (self.reviewers.iter()).find(|r| !reviewer_ids.insert(r.id.clone())) {
            return listed_twice("a reviewer id", Some(r.id.clone()));
        }
        // Every plugin's version numbers, flat and in plugin order (`starts[i]..starts[i + 1]`):
        // a use's pinned version is looked up here, not in the plugin's own (scattered) data.
        let mut versions: Vec<Semver> = Vec::with_capacity(self.plugins.len() * 2);
        let mut starts: Vec<usize> = Vec::with_capacity(self.plugins.len() + 1);
        // Each plugin's owner account position: "own plugin" is then a number comparison.
        let mut owner: Vec<usize> = Vec::with_capacity(self.plugins.len());
        for p in &self.plugins {
            starts.push(versions.len());
            versions.extend(p.versions.iter().map(|v| v.version));
            let at = idx.accounts.get(&p.app_id).copied();
            owner.push(at.unwrap_or(usize::MAX));
            match at.and_then(|i| self.accounts.get(i)) {
                None => return Some(format!("plugin {} has no account", p.app_id)),
                // The 开放范围 rule of `plan_open_plugin`.
                Some(a) if !a.subject.may_develop_plugins() => {
                    return Some(format!(
                        "plugin {} belongs to an account whose subject is {} ({}), which may \
                         not open plugin capability",
                        p.app_id,
                        a.subject.en(),
                        a.subject.zh()
                    ))
                }
                Some(_) => {}
            }
            if let Some(problem) = versions_problem(p) {
                return Some(problem);
            }
        }
        starts.push(versions.len());
        // Per consumer (by account position), a row of at most `MAX_PLUGINS_PER_CONSUMER`
        // entries: its uses first, then its stored 待确认 applications (`plan_apply` counts both
        // against the cap, and a plugin at most once among them). Flat arrays, no hashing: this
        // runs on every load.
        const CAP: usize = MAX_PLUGINS_PER_CONSUMER;
        const APPROVED: u32 = 1 << 31;
        let mut count = vec![0u8; self.accounts.len()];
        // Plugin position (far below 2^31), | APPROVED once an 已通过 application backs a use.
        let mut row = vec![0u32; self.accounts.len() * CAP];
        // Position in `uses` of each use entry.
        let mut use_at = vec![0u32; self.accounts.len() * CAP];
        let too_many =
            |c: &AppId| format!("consumer {c} has more than {CAP} plugins applied for or in use");
        let twice =
            |c: &AppId, p: &AppId| format!("consumer {c} applies for or uses plugin {p} twice");
        for (k, u) in self.uses.iter().enumerate() {
            let (Some(&p), Some(&c)) = (idx.plugins.get(&u.plugin), idx.accounts.get(&u.consumer))
            else {
                return Some(format!(
                    "a use of {} names a missing plugin or account",
                    u.plugin
                ));
            };
            let pinnable = starts
                .get(p..=p + 1)
                .and_then(|r| versions.get(r[0]..r[1]))
                .unwrap_or_default();
            if owner.get(p) == Some(&c) {
                return Some(format!(
                    "the use of {} by {} is of its own plugin",
                    u.plugin, u.consumer
                ));
            }
            if let Some(problem) = use_problem(pinnable, u) {
                return Some(problem);
            }
            let n = usize::from(count[c]);
            if n == CAP {
                return Some(too_many(&u.consumer));
            }
            let mine = c * CAP..c * CAP + n;
            if row[mine.clone()].contains(&(p as u32)) {
                return Some(twice(&u.consumer, &u.plugin));
            }
            // `check_use_choice`: an alias names one plugin per consumer. Compared exactly, not
            // case aside as the command does: data stored before aliases ignored case may hold
            // two that differ only in case, which the command lets each keep (and a load that
            // refused them would quarantine a working workspace).
            if let Some(alias) = &u.alias {
                let taken = use_at[mine].iter().any(|&j| {
                    self.uses.get(j as usize).and_then(|o| o.alias.as_ref()) == Some(alias)
                });
                if taken {
                    return Some(format!(
                        "consumer {} uses the alias \"{alias}\" for two plugins",
                        u.consumer
                    ));
                }
            }
            row[c * CAP + n] = p as u32;
            use_at[c * CAP + n] = k as u32;
            count[c] += 1;
        }
        let uses_of = count.clone();
        let mut max_id = 0;
        for a in &self.applications {
            let (Some(&p), Some(&c)) = (idx.plugins.get(&a.plugin), idx.accounts.get(&a.consumer))
            else {
                return Some(format!(
                    "application {} names a missing plugin or account",
                    a.id.0
                ));
            };
            // `plan_apply` refuses a mini program's application for its own plugin.
            if owner.get(p) == Some(&c) {
                return Some(format!(
                    "application {} is by the plugin's own mini program",
                    a.id.0
                ));
            }
            max_id = max_id.max(a.id.0);
            let n = usize::from(count[c]);
            let mine = &mut row[c * CAP..c * CAP + n];
            match a.status {
                ApplicationStatus::Pending => {
                    if mine.iter().any(|&e| e & !APPROVED == p as u32) {
                        return Some(twice(&a.consumer, &a.plugin));
                    }
                    if n == CAP {
                        return Some(too_many(&a.consumer));
                    }
                    row[c * CAP + n] = p as u32;
                    count[c] += 1;
                }
                // A use's latest application is its 已通过 one: `plan_apply` refuses another
                // while in use (scale QA: a later 已拒绝 one showed its time on the 已通过 row).
                _ => {
                    let uses = &mut mine[..usize::from(uses_of[c])];
                    if let Some(e) = uses.iter_mut().find(|e| **e & !APPROVED == p as u32) {
                        *e = match a.status {
                            ApplicationStatus::Approved => *e | APPROVED,
                            _ => *e & !APPROVED,
                        };
                    }
                }
            }
        }
        if !self.applications.is_empty() && self.next_application_id <= max_id {
            return Some(format!(
                "next_app {} is not above application id {max_id}",
                self.next_application_id
            ));
        }
        // Every use was made by approving an application, and an 已通过 application is never
        // deleted (only 已拒绝/已超时 ones can be).
        for (c, &n) in uses_of.iter().enumerate() {
            let mine = c * CAP..c * CAP + usize::from(n);
            if let Some(i) = mine.clone().find(|&i| row[i] & APPROVED == 0) {
                let u = self.uses.get(use_at[i] as usize)?;
                return Some(format!(
                    "consumer {} uses plugin {} without an approved application as its latest \
                     application for it",
                    u.consumer, u.plugin
                ));
            }
        }
        None
    }

    /// A record whose fields break a rule the commands have kept since the first schema: an
    /// account's or plugin's name, a 简介, a Token and the server domain lists, a version's
    /// description and `plugin.json` ([`super::manifest::PluginManifest::problem`]), a
    /// submission's 标签, 功能描述 and 插件服务类目, a version approved or released without an
    /// approving review, a version's copy of its submission other than its last review
    /// record's, a review decided by an unknown reviewer, a use pinning a version never
    /// released, an application's reasons. Said (zh, en). Checked on import only
    /// ([`crate::store::codec::decode_import`]), and only rules earlier versions of the app kept
    /// too (not, e.g., at least one server domain or category), so that a user's own export
    /// imports and stored data is never set aside by a newer rule;
    /// the exceptions are a few rules of a `plugin.json` path's form made stricter on the way
    /// (`#`, `%`, a `.` segment, an extension in any case, a part with a space at either end
    /// or ending in `.`): an export holding such a path, made before, is refused with the
    /// rule's message.
    pub fn fields_problem(&self) -> Option<(String, String)> {
        let said = |zh: String, en: String, e: DomainError| {
            Some((format!("{zh}：{}", e.zh()), format!("{en}: {}", e.en())))
        };
        if let Some((zh, en, e)) = self.hidden_text() {
            return said(zh, en, e);
        }
        for a in &self.accounts {
            if let Err(e) = counted_before(validate_account_name(&a.name), &a.name) {
                let id = &a.app_id;
                return said(format!("小程序帐号 {id}"), format!("account {id}"), e);
            }
        }
        for p in &self.plugins {
            let Some(owner) = self.account(&p.app_id) else {
                continue;
            };
            let id = &p.app_id;
            // The icon too (durability QA: an `http://` icon was imported, then fetched as the
            // plugin showed, and a 200 KB one went past the 64 KB limit).
            let fields = counted_before(validate_plugin_name(&p.name), &p.name)
                .and_then(|_| validate_intro(&p.intro))
                .and_then(|_| p.icon.validate())
                .and_then(|()| {
                    p.dev_info.as_ref().map_or(Ok(()), |d| {
                        validate_token(&d.token)?;
                        // As `SetDevInfo` checks them: normalized (a list saved before
                        // normalizing may hold an upper-case host, review).
                        let d = d.normalized();
                        DomainList::ALL.iter().try_for_each(|l| d.check_list(*l))
                    })
                })
                .and_then(|()| {
                    p.reviews.iter().try_for_each(|r| {
                        let d = &r.submission.feature_description;
                        let tags = &r.submission.tags;
                        (r.submission.form_problems().into_iter()).try_for_each(|e| match e {
                            DomainError::TagDuplicate { .. }
                                if super::review::validate_stored_tags(tags).is_ok() =>
                            {
                                Ok(())
                            }
                            e => counted_before::<()>(Err(e), d),
                        })?;
                        check_plugin_category(owner, &r.submission.category)
                    })
                });
            if let Err(e) = fields {
                return said(format!("插件 {id}"), format!("plugin {id}"), e);
            }
            // `plan_upload`'s rules of what is uploaded (QA: a `main` of `evil.ts` was imported).
            for v in &p.versions {
                let e = if let Err(e) = validate_version_description(&v.description) {
                    e
                } else if let Some(problem) = v.manifest.problem() {
                    DomainError::ManifestInvalid {
                        problems: vec![problem],
                    }
                } else {
                    continue;
                };
                let n = v.version;
                return said(
                    format!("插件 {id} 的版本 {n}"),
                    format!("plugin {id}'s version {n}"),
                    e,
                );
            }
            // `plan_release`: only a version the platform approved is released. (Looked up in a
            // table: a hand-made file may list many versions and reviews. The same table type as
            // `last` below, so no sort nor other table code of its own in the wasm.)
            let approved: HashMap<Semver, &ReviewSubmission> = p
                .reviews
                .iter()
                .filter(|r| matches!(r.outcome, ReviewOutcome::Approved { .. }))
                .map(|r| (r.version, &r.submission))
                .collect();
            let unapproved = p.versions.iter().find(|v| {
                matches!(
                    v.status,
                    VersionStatus::Approved | VersionStatus::Released | VersionStatus::Offline
                ) && !approved.contains_key(&v.version)
            });
            if let Some(v) = unapproved {
                let (n, zh, en) = (v.version, v.status.zh(), v.status.en());
                return Some((
                    format!("插件 {id} 的版本 {n}（{zh}）没有审核通过的记录"),
                    format!("plugin {id}'s version {n} ({en}) has no approving review"),
                ));
            }
            // A version submitted at least once shows its latest submission, the one its last
            // review record holds (`SubmitReview` writes both; the plugin page shows the
            // version's): the same, so checked once, above.
            let last: HashMap<Semver, &ReviewSubmission> = p
                .reviews
                .iter()
                .map(|r| (r.version, &r.submission))
                .collect();
            let differs = p.versions.iter().find(|v| {
                v.status != VersionStatus::Dev
                    && v.submission.as_ref() != last.get(&v.version).copied()
            });
            if let Some(v) = differs {
                let n = v.version;
                return Some((
                    format!("插件 {id} 的版本 {n} 的提交内容与其审核记录不一致"),
                    format!(
                        "plugin {id}'s version {n}: its submission differs from its review record"
                    ),
                ));
            }
            // Decided by a reviewer the workspace has (reviewers are never removed).
            let unknown = p.reviews.iter().find_map(|r| match &r.outcome {
                ReviewOutcome::Approved { reviewer, .. }
                | ReviewOutcome::Rejected { reviewer, .. }
                    if !self.reviewers.iter().any(|x| x.id == *reviewer) =>
                {
                    Some(reviewer)
                }
                _ => None,
            });
            if let Some(r) = unknown {
                return Some((
                    format!("插件 {id} 的审核记录出自不存在的审核人员「{r}」"),
                    format!("plugin {id} has a review decided by an unknown reviewer \"{r}\""),
                ));
            }
        }
        // `check_use_choice` pins an online version; it may have gone offline since.
        for u in &self.uses {
            let Some(v) = u.version else { continue };
            let status = self
                .plugin(&u.plugin)
                .and_then(|p| p.version(&v))
                .map(|x| &x.status);
            if !matches!(
                status,
                Some(VersionStatus::Released | VersionStatus::Offline)
            ) {
                let (c, p) = (&u.consumer, &u.plugin);
                return Some((
                    format!("小程序 {c} 使用插件 {p} 的版本 {v}，该版本未曾发布"),
                    format!("{c} uses version {v} of plugin {p}, which was never released"),
                ));
            }
        }
        for a in &self.applications {
            let reason = validate_optional_reason(&a.reason, MAX_APPLY_REASON_CHARS).map(drop);
            let rejected = match &a.status {
                ApplicationStatus::Rejected { reason } => {
                    validate_reason(reason, MAX_REJECT_REASON_CHARS).map(drop)
                }
                _ => Ok(()),
            };
            if let Err(e) = reason.and(rejected) {
                let n = a.id.0;
                return said(format!("使用申请 {n}"), format!("application {n}"), e);
            }
        }
        self.time_problem()
    }

    /// Times in the order commands record them (QA: an import with a decision before its
    /// application, or a version uploaded before the one it follows, was taken): each step of a
    /// record after the one before it (a plugin opened from 1970 on, an application made after
    /// its plugin was opened), none after the log's latest event (each command logs one at its
    /// own time) and none of the log before 1970. Said (zh, en). Part of
    /// [`Self::fields_problem`]; call after [`Self::rebuild_indexes`] (the latest time is kept
    /// there).
    fn time_problem(&self) -> Option<(String, String)> {
        if self.idx.latest > Some(super::clock::LATEST_SHOWN) {
            return Some((
                "操作记录中有晚于 9999-12-30（UTC）的时间".into(),
                "the timeline holds a time after 9999-12-30 (UTC)".into(),
            ));
        }
        // Before 1970 (QA: an application imported at -5 read "1969-12-31 23:59").
        if self.events.iter().any(|e| e.at < Timestamp(0)) {
            return Some((
                "操作记录中有早于 1970 年（UTC）的时间".into(),
                "the timeline holds a time before 1970 (UTC)".into(),
            ));
        }
        let late = |t: Timestamp| self.idx.latest.is_some_and(|l| t > l);
        let after_latest = |zh: String, en: String| {
            Some((
                format!("{zh}的时间晚于操作记录中最晚的一条"),
                format!("the time of {en} is later than the latest entry of the timeline"),
            ))
        };
        for a in &self.applications {
            let n = a.id.0;
            if a.decided_at.is_some_and(|d| d < a.applied_at) {
                return Some((
                    format!("使用申请 {n} 的处理时间早于申请时间"),
                    format!("application {n} was decided before it was made"),
                ));
            }
            if late(a.decided_at.unwrap_or(a.applied_at)) {
                return after_latest(format!("使用申请 {n} "), format!("application {n}"));
            }
        }
        for u in &self.uses {
            if late(u.added_at) {
                let (c, p) = (&u.consumer, &u.plugin);
                return after_latest(
                    format!("小程序 {c} 添加插件 {p} "),
                    format!("{c}'s use of plugin {p}"),
                );
            }
        }
        for p in &self.plugins {
            let id = &p.app_id;
            if late(p.opened_at) {
                return after_latest(format!("插件 {id} 开通"), format!("plugin {id}'s opening"));
            }
            if p.opened_at < Timestamp(0) {
                return Some((
                    format!("插件 {id} 的开通时间早于 1970 年"),
                    format!("plugin {id} was opened before 1970"),
                ));
            }
            // A version's or a review's step out of order: (its version, zh, en).
            let mut wrong = None;
            let mut before = p.opened_at;
            for v in &p.versions {
                let n = v.version;
                wrong = if v.uploaded_at < before {
                    Some((
                        n,
                        "上传时间早于开通插件或上一个版本的上传",
                        "was uploaded before the plugin was opened or before the version before it",
                    ))
                } else if v.released_at.is_some_and(|r| r < v.uploaded_at) {
                    Some((
                        n,
                        "发布时间早于上传时间",
                        "was released before it was uploaded",
                    ))
                } else if late(v.released_at.unwrap_or(v.uploaded_at)) {
                    return after_latest(
                        format!("插件 {id} 版本 {n} "),
                        format!("plugin {id}'s version {n}"),
                    );
                } else {
                    None
                };
                if wrong.is_some() {
                    break;
                }
                before = v.uploaded_at;
            }
            for r in &p.reviews {
                if wrong.is_some() {
                    break;
                }
                let n = r.version;
                let uploaded = p.version(&n).map_or(p.opened_at, |v| v.uploaded_at);
                let decided = r.outcome.decided_at();
                wrong = if r.submitted_at < uploaded {
                    Some((
                        n,
                        "提交审核时间早于上传时间",
                        "was submitted for review before it was uploaded",
                    ))
                } else if decided.is_some_and(|d| d < r.submitted_at) {
                    Some((
                        n,
                        "审核结果早于提交审核",
                        "got its review decision before it was submitted for review",
                    ))
                } else if late(decided.unwrap_or(r.submitted_at)) {
                    return after_latest(
                        format!("插件 {id} 版本 {n} 的审核记录"),
                        format!("plugin {id}'s review of version {n}"),
                    );
                } else {
                    None
                };
            }
            if let Some((n, zh, en)) = wrong {
                return Some((
                    format!("插件 {id} 版本 {n} 的{zh}"),
                    format!("plugin {id}'s version {n} {en}"),
                ));
            }
        }
        let early = self.applications.iter().find(|a| {
            self.plugin(&a.plugin)
                .is_some_and(|p| a.applied_at < p.opened_at)
        });
        early.map(|a| {
            let n = a.id.0;
            (
                format!("使用申请 {n} 的申请时间早于插件开通"),
                format!("application {n} was made before its plugin was opened"),
            )
        })
    }

    /// The message for two plugins with one name (see [`Self::integrity_problem`]), by the key
    /// names had before session 29 ([`super::text::name_key_before`]). Two names one only under
    /// today's [`name_key`] (an accent typed as a mark, a variation selector: one since session
    /// 29) were two names then, and a workspace holding both still loads and imports (re-check
    /// QA: one was set aside on upgrade); new names are held to today's key.
    fn duplicate_name_problem(&self) -> Option<String> {
        let mut seen = HashSet::default();
        (self.plugins.iter())
            .find(|p| !seen.insert(super::text::name_key_before(&p.name)))
            .map(|p| {
                format!(
                    "plugin {} has the same name as another plugin (\"{}\")",
                    p.app_id, p.name
                )
            })
    }

    // ----- commands -------------------------------------------------------------------

    /// Runs a command: validates it; on success applies due expiries at `now`, applies
    /// the command's event and appends it to the log. On error nothing changes.
    ///
    /// A `now` behind the latest recorded event (a tab whose clock lags, a command redone after
    /// another tab's later one) is taken as that event's time: what commands record never runs
    /// backwards, so each record's steps are in the order they were made (which an import
    /// checks: [`Self::fields_problem`]).
    pub fn execute(
        &mut self,
        actor: &Actor,
        now: Timestamp,
        cmd: Command,
    ) -> Result<Event, DomainError> {
        let now = self.not_before_latest(now);
        let kind = self.plan(actor, now, &cmd)?;
        self.expire_due(now);
        let event = Event {
            at: now,
            actor: actor.clone(),
            role: actor.role(),
            kind,
        };
        self.record(event.clone());
        Ok(event)
    }

    /// Dry run: would `execute` accept this command? Same code path, no mutation.
    pub fn can(&self, actor: &Actor, now: Timestamp, cmd: &Command) -> Result<(), DomainError> {
        self.plan(actor, self.not_before_latest(now), cmd)
            .map(|_| ())
    }

    /// `now`, or the latest recorded event's time if that is later (see [`Self::execute`]).
    pub(super) fn not_before_latest(&self, now: Timestamp) -> Timestamp {
        super::clock::not_before(now, self.idx.latest)
    }

    /// How many applications for `plugin` are 待确认 at `now`: from the deadline index, the due
    /// ones skipped (/dev asks each second: not a pass over every application, ≈ 100 000 at
    /// scale).
    pub fn pending_applications(&self, plugin: &AppId, now: Timestamp) -> usize {
        let pending = &self.idx.pending;
        let due = pending.partition_point(|(deadline, _)| *deadline <= now);
        pending[due..]
            .iter()
            .filter_map(|(_, id)| self.application(*id))
            .filter(|a| a.plugin == *plugin && a.is_pending_at(now))
            .count()
    }

    /// How many 待确认 applications are past their 24 h at `now`: those [`Self::expire_due`]
    /// marks 已超时 then (an import's confirmation says so: each adds an event).
    pub fn due_expiries(&self, now: Timestamp) -> usize {
        // Indexed by (deadline, id): exactly the applications with `now >= expires_at()`, in
        // (deadline, id) order.
        self.idx
            .pending
            .partition_point(|k| *k <= (now, ApplicationId(u64::MAX)))
    }

    /// Marks every 待确认 application older than 24 h as 已超时 (System events, dated at
    /// each deadline). Returns the events appended.
    pub fn expire_due(&mut self, now: Timestamp) -> Vec<Event> {
        let n = self.due_expiries(now);
        let due: Vec<&UseApplication> = self.idx.pending[..n]
            .iter()
            .filter_map(|(_, id)| self.application(*id))
            // Only a 待确认 one expires (the index holds no other: a guard, not a filter).
            .filter(|a| a.status == ApplicationStatus::Pending)
            .collect();
        let events: Vec<Event> = due
            .into_iter()
            .map(|a| Event {
                at: a.expires_at(),
                actor: Actor::System,
                role: Role::System,
                kind: EventKind::ApplicationExpired {
                    id: a.id,
                    plugin: a.plugin.clone(),
                    consumer: a.consumer.clone(),
                },
            })
            .collect();
        // The due ones leave the index together, before their events (which find them gone):
        // taken out one by one, each would shift the rest (≈ 20 000 pending time out at once
        // in the scale workspace).
        self.idx.pending.drain(..n);
        for e in &events {
            self.record(e.clone());
        }
        events
    }

    fn record(&mut self, event: Event) {
        self.idx.latest = self.idx.latest.max(Some(event.at));
        self.apply(&event);
        self.events.push(event);
    }

    /// Re-applies `events` on `initial` (event sourcing). For a workspace built by
    /// commands, `replay(Workspace::new(ws.seed()), ws.events()) == ws`.
    pub fn replay(initial: Workspace, events: &[Event]) -> Workspace {
        let mut ws = initial;
        ws.rebuild_indexes();
        for e in events {
            ws.record(e.clone());
        }
        ws
    }

    /// Checks that replaying this workspace's log from an empty workspace with the same
    /// seed reproduces it exactly (state and derived indexes).
    pub fn replays_to_self(&self) -> bool {
        let replayed = Workspace::replay(Workspace::new(self.seed), &self.events);
        let mut rebuilt = self.clone();
        rebuilt.rebuild_indexes();
        replayed == *self
            && replayed.search_index() == self.search_index()
            && rebuilt.search_index() == self.search_index()
    }

    /// Validates a command against the current state and `now`; returns the event it
    /// would produce. Every rule lives here (or in the helpers it calls).
    fn plan(&self, actor: &Actor, now: Timestamp, cmd: &Command) -> Result<EventKind, DomainError> {
        let kind = self.plan_rules(actor, now, cmd)?;
        // Characters people cannot see, once every other rule holds (review: a 个人 account was
        // told to delete U+200B before being told it cannot open a plugin).
        match self.hidden_refusal(cmd) {
            Some(e) => Err(e),
            None => Ok(kind),
        }
    }

    /// The refusal of a character people cannot see in `cmd`'s text ([`Command::hidden_text`]);
    /// not in a 简介 sent back as stored (an icon-only edit of data made before this rule stays
    /// possible).
    fn hidden_refusal(&self, cmd: &Command) -> Option<DomainError> {
        let as_stored = match cmd {
            Command::EditBasicInfo { plugin, intro, .. } => {
                self.plugin(plugin).is_some_and(|p| p.intro == intro.trim())
            }
            _ => false,
        };
        cmd.hidden_text().filter(|_| !as_stored)
    }

    /// [`Self::plan`]'s rules but the hidden characters'.
    fn plan_rules(
        &self,
        actor: &Actor,
        now: Timestamp,
        cmd: &Command,
    ) -> Result<EventKind, DomainError> {
        match cmd {
            Command::CreateAccount {
                name,
                subject,
                categories,
            } => self.plan_create_account(name, *subject, categories),
            Command::AddReviewer { id, name } => {
                // The platform staffs its own review team: no mini program (nor a reviewer)
                // may make someone a reviewer, e.g. to approve its own versions.
                if *actor != Actor::System {
                    return Err(DomainError::WrongRole {
                        expected: Role::System,
                        actual: actor.role(),
                    });
                }
                self.plan_add_reviewer(id, name)
            }
            Command::OpenPlugin { name, icon, intro } => {
                self.plan_open_plugin(actor, name, icon, intro)
            }
            Command::SetDevInfo { plugin, dev_info } => {
                let p = self.owned(actor, plugin)?;
                let dev_info = dev_info.normalized();
                dev_info.validate()?;
                if p.dev_info.as_ref() == Some(&dev_info) {
                    return Err(DomainError::Unchanged);
                }
                Ok(EventKind::DevInfoSet {
                    plugin: plugin.clone(),
                    dev_info,
                })
            }
            Command::EditBasicInfo {
                plugin,
                icon,
                intro,
            } => {
                let p = self.owned(actor, plugin)?;
                let intro = edited_intro(p, intro)?;
                icon.validate()?;
                if p.icon == *icon && p.intro == intro {
                    return Err(DomainError::Unchanged);
                }
                Ok(EventKind::BasicInfoEdited {
                    plugin: plugin.clone(),
                    icon: icon.clone(),
                    intro,
                })
            }
            Command::UploadVersion {
                plugin,
                version,
                description,
                manifest,
            } => self.plan_upload(actor, plugin, version, description, manifest),
            Command::SubmitReview {
                plugin,
                version,
                submission,
            } => self.plan_submit(actor, plugin, version, submission),
            Command::WithdrawReview { plugin, version } => {
                let p = self.owned(actor, plugin)?;
                require_status(p, version, VersionAction::Withdraw)?;
                Ok(EventKind::ReviewWithdrawn {
                    plugin: plugin.clone(),
                    version: *version,
                })
            }
            Command::ApproveReview { plugin, version } => {
                self.reviewer(actor)?;
                require_status(self.plugin_or_err(plugin)?, version, VersionAction::Decide)?;
                Ok(EventKind::ReviewApproved {
                    plugin: plugin.clone(),
                    version: *version,
                })
            }
            Command::RejectReview {
                plugin,
                version,
                reason,
            } => {
                self.reviewer(actor)?;
                require_status(self.plugin_or_err(plugin)?, version, VersionAction::Decide)?;
                let reason = validate_reason(reason, MAX_REJECT_REASON_CHARS)?;
                Ok(EventKind::ReviewRejected {
                    plugin: plugin.clone(),
                    version: *version,
                    reason,
                })
            }
            Command::Release { plugin, version } => {
                require_status(self.owned(actor, plugin)?, version, VersionAction::Release)?;
                Ok(EventKind::VersionReleased {
                    plugin: plugin.clone(),
                    version: *version,
                })
            }
            Command::TakeOffline { plugin, version } => {
                let p = self.owned(actor, plugin)?;
                require_status(p, version, VersionAction::TakeOffline)?;
                Ok(EventKind::VersionTakenOffline {
                    plugin: plugin.clone(),
                    version: *version,
                })
            }
            Command::Apply { plugin, reason } => self.plan_apply(actor, now, plugin, reason),
            Command::ApproveApplication { id } => {
                let a = self.decidable(actor, now, *id)?;
                self.approvable(&a.plugin)?;
                Ok(EventKind::ApplicationApproved {
                    id: *id,
                    plugin: a.plugin.clone(),
                    consumer: a.consumer.clone(),
                })
            }
            Command::RejectApplication { id, reason } => {
                let a = self.decidable(actor, now, *id)?;
                let reason = validate_reason(reason, MAX_REJECT_REASON_CHARS)?;
                Ok(EventKind::ApplicationRejected {
                    id: *id,
                    plugin: a.plugin.clone(),
                    consumer: a.consumer.clone(),
                    reason,
                })
            }
            Command::DeleteApplication { id } => self.plan_delete_application(actor, now, *id),
            Command::RemovePlugin { plugin } => {
                let consumer = self.consumer(actor)?;
                self.use_or_err(consumer, plugin)?;
                Ok(EventKind::PluginRemoved {
                    plugin: plugin.clone(),
                    consumer: consumer.clone(),
                })
            }
            Command::ConfigurePluginUse {
                plugin,
                alias,
                version,
            } => {
                let consumer = self.consumer(actor)?;
                // Trimmed, as every text a command takes (a space pasted around it).
                let alias = alias.trim();
                self.check_use_choice(consumer, plugin, alias, version)?;
                let unchanged = self.plugin_use(consumer, plugin).is_some_and(|u| {
                    u.alias.as_deref() == Some(alias) && u.version == Some(*version)
                });
                if unchanged {
                    return Err(DomainError::Unchanged);
                }
                Ok(EventKind::PluginUseConfigured {
                    plugin: plugin.clone(),
                    consumer: consumer.clone(),
                    alias: alias.to_string(),
                    version: *version,
                })
            }
        }
    }

    fn plan_create_account(
        &self,
        name: &str,
        subject: SubjectType,
        categories: &[Category],
    ) -> Result<EventKind, DomainError> {
        validate_account(name, categories)?;
        let categories = categories
            .iter()
            .map(|c| Category::new(c.primary.trim(), c.secondary.trim()))
            .collect();
        Ok(EventKind::AccountCreated {
            account: Account {
                app_id: self.next_app_id(),
                name: name_form(name),
                subject,
                categories,
            },
        })
    }

    /// The AppID the next created account gets (deterministic from seed and count).
    pub fn next_app_id(&self) -> AppId {
        let mut k = self.accounts.len() as u64;
        loop {
            let mut state = self.seed ^ k.wrapping_mul(0xA24B_AED4_963E_E407);
            let id = AppId::from_u64(splitmix64(&mut state));
            if !self.idx.accounts.contains_key(&id) {
                return id;
            }
            k = k.wrapping_add(1);
        }
    }

    fn plan_add_reviewer(&self, id: &str, name: &str) -> Result<EventKind, DomainError> {
        let (id, name) = (id.trim(), name.trim());
        let taken = self.reviewers.iter().any(|r| r.id == id);
        let fits = |s: &str| super::account::REVIEWER_CHARS.contains(&char_len(s));
        if taken || !fits(id) || !fits(name) {
            return Err(DomainError::ReviewerInvalid { id: id.to_string() });
        }
        Ok(EventKind::ReviewerAdded {
            reviewer: Reviewer {
                id: id.to_string(),
                name: name.to_string(),
            },
        })
    }

    fn plan_open_plugin(
        &self,
        actor: &Actor,
        name: &str,
        icon: &Icon,
        intro: &str,
    ) -> Result<EventKind, DomainError> {
        let app_id = self.openable(actor)?;
        let name = self.check_new_plugin_name(name)?;
        icon.validate()?;
        let intro = require_intro(intro)?;
        Ok(EventKind::PluginOpened {
            plugin: app_id.clone(),
            name,
            icon: icon.clone(),
            intro,
        })
    }

    /// What stops `actor` from opening plugin capability whatever the 开通插件功能 form holds (a
    /// 个人 account, one already opened, not a developer): what the developer's pages ask before
    /// offering the form.
    pub fn open_blocked(&self, actor: &Actor) -> Option<DomainError> {
        self.openable(actor).err()
    }

    /// [`Self::open_blocked`]'s rules; the account's AppID when they hold.
    fn openable<'a>(&self, actor: &'a Actor) -> Result<&'a AppId, DomainError> {
        let app_id = self.developer(actor)?;
        let account = self.account_or_err(app_id)?;
        if !account.subject.may_develop_plugins() {
            return Err(DomainError::IndividualCannotDevelop);
        }
        if self.idx.plugins.contains_key(app_id) {
            return Err(DomainError::PluginAlreadyOpened);
        }
        Ok(app_id)
    }

    /// A new plugin's name: 2–20 characters as stored ([`validate_plugin_name`]) and no other
    /// plugin's ([`name_key`]). Returns the name as stored.
    fn check_new_plugin_name(&self, name: &str) -> Result<String, DomainError> {
        let name = validate_plugin_name(name)?;
        let key = name_key(&name);
        if self.idx.names.contains(&key) {
            // Named as the plugin that has it ("Map Tools", not the "map tools" typed).
            let name = self
                .plugins
                .iter()
                .find(|p| name_key(&p.name) == key)
                .map_or(name, |p| p.name.clone());
            return Err(DomainError::NameTaken { name });
        }
        Ok(name)
    }

    /// `refused`, the domain's refusal of `cmd`, with what else the fields of `cmd`'s form
    /// break ([`Self::form_problems`]): at most one problem a field, `refused` first. What a
    /// refused form shows (QA: 开通 and 上传 showed one problem at a time). A refusal that
    /// concerns none of the form's fields (个人, another's plugin, no 开发信息) comes alone.
    pub fn form_refusals(&self, cmd: &Command, refused: DomainError) -> Vec<DomainError> {
        let (fields, problems) = self.form_check(cmd);
        let mut shown = vec![refused];
        if !shown[0].field().is_some_and(|f| fields.contains(&f)) {
            return shown;
        }
        for e in problems {
            if shown.iter().all(|s| s.field() != e.field()) {
                shown.push(e);
            }
        }
        shown
    }

    /// Each problem of the fields of `cmd`'s form, in form order, at most one a field: what
    /// [`Self::plan`] refuses in them, all at once (开通插件功能, 插件基本信息, the upload; none
    /// for other commands). A test holds the two to the same rules.
    pub fn form_problems(&self, cmd: &Command) -> Vec<DomainError> {
        self.form_check(cmd).1
    }

    /// [`Self::form_problems`] with the form's fields.
    fn form_check(&self, cmd: &Command) -> (&'static [Field], Vec<DomainError>) {
        let (fields, checks): (&'static [Field], [Result<(), DomainError>; 3]) = match cmd {
            Command::OpenPlugin { name, icon, intro } => (
                &[Field::Name, Field::Icon, Field::Intro],
                [
                    self.check_new_plugin_name(name).map(|_| ()),
                    icon.validate(),
                    require_intro(intro).map(|_| ()),
                ],
            ),
            Command::EditBasicInfo {
                plugin,
                icon,
                intro,
                ..
            } => match self.plugin(plugin) {
                Some(p) => (
                    &[Field::Icon, Field::Intro],
                    [icon.validate(), edited_intro(p, intro).map(|_| ()), Ok(())],
                ),
                None => return (&[], vec![]),
            },
            Command::UploadVersion {
                plugin,
                version,
                description,
                manifest,
            } => match self.plugin(plugin) {
                Some(p) => (
                    &[Field::Version, Field::Description, Field::Manifest],
                    [
                        p.check_upload_version(version).map(|_| ()),
                        validate_version_description(description.trim()),
                        parse_plugin_json(manifest)
                            .map(|_| ())
                            .map_err(|problems| DomainError::ManifestInvalid { problems }),
                    ],
                ),
                None => return (&[], vec![]),
            },
            _ => return (&[], vec![]),
        };
        let mut out: Vec<DomainError> = checks.into_iter().filter_map(Result::err).collect();
        // A character people cannot see, by the command's own rule, in a field with no other
        // problem.
        if let Some(e) = self.hidden_refusal(cmd) {
            if out.iter().all(|o| o.field() != e.field()) {
                out.push(e);
            }
        }
        (fields, out)
    }

    fn plan_upload(
        &self,
        actor: &Actor,
        plugin: &AppId,
        version: &str,
        description: &str,
        manifest: &str,
    ) -> Result<EventKind, DomainError> {
        let p = self.uploadable(actor, plugin)?;
        let version = p.check_upload_version(version)?;
        // Nothing visible is no description (as whitespace only).
        let description = super::text::visible_text(description).to_string();
        validate_version_description(&description)?;
        let manifest = parse_plugin_json(manifest)
            .map_err(|problems| DomainError::ManifestInvalid { problems })?;
        Ok(EventKind::VersionUploaded {
            plugin: plugin.clone(),
            version,
            description,
            manifest,
        })
    }

    /// What stops `actor` from uploading a version of `plugin` whatever the upload form holds
    /// (another's plugin, no 开发信息 yet, `999.999.999` uploaded): what 开发管理 asks before
    /// offering 上传.
    pub fn upload_blocked(&self, actor: &Actor, plugin: &AppId) -> Option<DomainError> {
        self.uploadable(actor, plugin).err()
    }

    /// [`Self::upload_blocked`]'s rules; the plugin when they hold.
    fn uploadable(&self, actor: &Actor, plugin: &AppId) -> Result<&Plugin, DomainError> {
        let p = self.owned(actor, plugin)?;
        if let Some(e) = p.dev_info_missing() {
            return Err(e);
        }
        // No number above it (review: 上传 stayed offered, each try refused in its dialog).
        match p.at_last_version() {
            Some(latest) => Err(DomainError::NoHigherVersion { latest }),
            None => Ok(p),
        }
    }

    fn plan_submit(
        &self,
        actor: &Actor,
        plugin: &AppId,
        version: &Semver,
        submission: &ReviewSubmission,
    ) -> Result<EventKind, DomainError> {
        let account = self.submittable(actor, plugin, version)?;
        let submission = submission.normalized();
        check_plugin_category(account, &submission.category)?;
        submission.validate_form()?;
        Ok(EventKind::ReviewSubmitted {
            plugin: plugin.clone(),
            version: *version,
            submission,
        })
    }

    /// What stops `version` from being submitted for review whatever the form holds (提交审核's
    /// rules but the form's): who asks, the version's status, another version 审核中, no approved
    /// category open to plugins. What the developer's pages ask before offering 提交审核.
    pub fn submit_blocked(
        &self,
        actor: &Actor,
        plugin: &AppId,
        version: &Semver,
    ) -> Option<DomainError> {
        self.submittable(actor, plugin, version).err()
    }

    /// [`Self::submit_blocked`]'s rules; the owner's account when they hold.
    fn submittable(
        &self,
        actor: &Actor,
        plugin: &AppId,
        version: &Semver,
    ) -> Result<&Account, DomainError> {
        let p = self.owned(actor, plugin)?;
        require_status(p, version, VersionAction::Submit)?;
        if let Some(other) = p.in_review() {
            return Err(DomainError::ReviewAlreadyPending {
                version: other.version,
            });
        }
        let account = self.account_or_err(plugin)?;
        // No approved category is open to plugins: no submission can pass, whatever the form says.
        if let Some(e) = account.development_blocked() {
            return Err(e);
        }
        Ok(account)
    }

    fn plan_apply(
        &self,
        actor: &Actor,
        now: Timestamp,
        plugin: &AppId,
        reason: &str,
    ) -> Result<EventKind, DomainError> {
        let consumer = self.appliable(actor, now, plugin)?;
        let reason = validate_optional_reason(reason, MAX_APPLY_REASON_CHARS)?;
        Ok(EventKind::ApplicationSubmitted {
            id: ApplicationId(self.next_application_id),
            plugin: plugin.clone(),
            consumer: consumer.clone(),
            reason,
        })
    }

    /// What stops `actor` from applying to use `plugin` at `now` whatever reason it gives (its
    /// own plugin, not released, already added, an application 待确认, the limit reached): what
    /// the consumer's pages ask before offering 申请使用.
    pub fn apply_blocked(
        &self,
        actor: &Actor,
        now: Timestamp,
        plugin: &AppId,
    ) -> Option<DomainError> {
        self.appliable(actor, self.not_before_latest(now), plugin)
            .err()
    }

    /// What keeps `plugin` closed to `consumer`'s 申请使用 whatever it holds (该插件不能申请): no
    /// such plugin, its own, nothing released. Asked by [`Self::appliable_by`].
    fn closed_to(&self, consumer: &AppId, plugin: &AppId) -> Result<(), DomainError> {
        let p = self.plugin_or_err(plugin)?;
        if consumer == plugin {
            return Err(DomainError::OwnPlugin);
        }
        if !p.has_online_version() {
            return Err(DomainError::PluginNotReleased);
        }
        Ok(())
    }

    /// [`Self::apply_blocked`]'s rules; the consumer's AppID when they hold.
    fn appliable<'a>(
        &self,
        actor: &'a Actor,
        now: Timestamp,
        plugin: &AppId,
    ) -> Result<&'a AppId, DomainError> {
        let consumer = self.consumer(actor)?;
        self.appliable_by(consumer, now, plugin)?;
        Ok(consumer)
    }

    /// [`Self::appliable`]'s rules for `consumer`: also asked by the `app.json` checker, which
    /// then says why a plugin not in use cannot be applied for (a pending application, the cap).
    pub(crate) fn appliable_by(
        &self,
        consumer: &AppId,
        now: Timestamp,
        plugin: &AppId,
    ) -> Result<(), DomainError> {
        // A pending application first: it stands even when every version went offline since.
        let pending = self
            .consumer_applications(consumer)
            .any(|a| a.plugin == *plugin && a.is_pending_at(now));
        if pending {
            return Err(DomainError::ApplicationPending);
        }
        self.closed_to(consumer, plugin)?;
        if self.plugin_use(consumer, plugin).is_some() {
            return Err(DomainError::AlreadyAdded);
        }
        if self.slots_used(consumer, now) >= MAX_PLUGINS_PER_CONSUMER {
            return Err(DomainError::PluginLimitReached {
                limit: MAX_PLUGINS_PER_CONSUMER,
                in_use: self.plugin_uses(consumer).len(),
            });
        }
        Ok(())
    }

    /// What stops `actor` from deciding application `id` at `now` whatever reason it gives (not
    /// its plugin's, no longer 待确认): what 申请管理 asks before offering 拒绝. (通过 has one rule
    /// more, an online version: asked with its command, which has no form.)
    pub fn decide_blocked(
        &self,
        actor: &Actor,
        now: Timestamp,
        id: ApplicationId,
    ) -> Option<DomainError> {
        self.decidable(actor, self.not_before_latest(now), id).err()
    }

    /// What taking `version` of `plugin` offline at `now` does ([`OfflineImpact`]).
    pub fn offline_impact(&self, plugin: &AppId, version: Semver, now: Timestamp) -> OfflineImpact {
        let uses = self.users_of_plugin(plugin);
        let count = |chosen: Option<Semver>| uses.iter().filter(|u| u.version == chosen).count();
        let online = self.plugin(plugin).map(Plugin::online_versions);
        let last_online = matches!(online.as_deref(), Some([only]) if only.version == version);
        // 通过 needs an online version (`approvable`): none left, only 拒绝.
        let unapprovable = if last_online {
            self.pending_applications(plugin, self.not_before_latest(now))
        } else {
            0
        };
        OfflineImpact {
            users: count(Some(version)),
            last_online,
            unversioned: if last_online { count(None) } else { 0 },
            unapprovable,
        }
    }

    /// 通过's rule beyond [`Self::decidable`]'s: the plugin has a version online (only a
    /// released plugin can be added).
    fn approvable(&self, plugin: &AppId) -> Result<(), DomainError> {
        if self.plugin_or_err(plugin)?.has_online_version() {
            Ok(())
        } else {
            Err(DomainError::NoOnlineVersion)
        }
    }

    /// The application, if the actor owns its plugin and it is 待确认 at `now`.
    fn decidable(
        &self,
        actor: &Actor,
        now: Timestamp,
        id: ApplicationId,
    ) -> Result<&UseApplication, DomainError> {
        let a = self.application_or_err(id)?;
        self.owned(actor, &a.plugin)?;
        match a.status_at(now) {
            ApplicationStatus::Pending => Ok(a),
            ApplicationStatus::Expired => Err(DomainError::ApplicationExpired),
            status => Err(DomainError::ApplicationNotPending { status }),
        }
    }

    fn plan_delete_application(
        &self,
        actor: &Actor,
        now: Timestamp,
        id: ApplicationId,
    ) -> Result<EventKind, DomainError> {
        let a = self.application_or_err(id)?;
        self.owned(actor, &a.plugin)?;
        let status = a.status_at(now);
        if !status.is_closed() {
            return Err(DomainError::ApplicationNotDeletable { status });
        }
        Ok(EventKind::ApplicationDeleted {
            id,
            plugin: a.plugin.clone(),
            consumer: a.consumer.clone(),
        })
    }

    /// Alias + version choice rule: plugin in use, alias well-formed and not used for
    /// another plugin of this consumer ([`same_alias`]: case aside), version online.
    fn check_use_choice(
        &self,
        consumer: &AppId,
        plugin: &AppId,
        alias: &str,
        version: &Semver,
    ) -> Result<(), DomainError> {
        self.use_or_err(consumer, plugin)?;
        validate_alias(alias)?;
        let uses = self.plugin_uses(consumer);
        // Keeping one's alias is never refused (data stored before aliases ignored case may hold
        // two that differ only in case).
        let keeps_own = uses
            .iter()
            .any(|u| u.plugin == *plugin && u.alias.as_deref() == Some(alias));
        let taken = uses
            .iter()
            .filter(|u| u.plugin != *plugin)
            .find(|u| u.alias.as_deref().is_some_and(|a| same_alias(a, alias)));
        if let (false, Some(taken)) = (keeps_own, taken) {
            return Err(DomainError::AliasTaken {
                alias: taken.alias.clone().unwrap_or_default(),
                plugin: self
                    .plugin(&taken.plugin)
                    .map_or_else(|| taken.plugin.to_string(), |p| p.name.clone()),
            });
        }
        let p = self.plugin_or_err(plugin)?;
        let v = p
            .version(version)
            .ok_or(DomainError::VersionNotFound { version: *version })?;
        if !v.status.is_online() {
            return Err(DomainError::VersionNotOnline { version: *version });
        }
        Ok(())
    }

    // ----- actor checks -----------------------------------------------------------------

    fn developer<'a>(&self, actor: &'a Actor) -> Result<&'a AppId, DomainError> {
        match actor {
            Actor::Developer(a) => Ok(a),
            other => Err(DomainError::WrongRole {
                expected: Role::Developer,
                actual: other.role(),
            }),
        }
    }

    fn consumer<'a>(&self, actor: &'a Actor) -> Result<&'a AppId, DomainError> {
        match actor {
            Actor::Consumer(a) => {
                self.account_or_err(a)?;
                Ok(a)
            }
            other => Err(DomainError::WrongRole {
                expected: Role::Consumer,
                actual: other.role(),
            }),
        }
    }

    fn reviewer(&self, actor: &Actor) -> Result<&Reviewer, DomainError> {
        match actor {
            Actor::Reviewer(id) => self
                .reviewers
                .iter()
                .find(|r| r.id == *id)
                .ok_or_else(|| DomainError::ReviewerNotFound { id: id.clone() }),
            other => Err(DomainError::WrongRole {
                expected: Role::Reviewer,
                actual: other.role(),
            }),
        }
    }

    /// Owner-only rule: the actor must be the Developer of the mini program owning `plugin`.
    fn owned(&self, actor: &Actor, plugin: &AppId) -> Result<&Plugin, DomainError> {
        let me = self.developer(actor)?;
        self.account_or_err(me)?;
        let p = self.plugin_or_err(plugin)?;
        if me != plugin {
            return Err(DomainError::NotOwner {
                plugin: plugin.clone(),
            });
        }
        Ok(p)
    }

    fn account_or_err(&self, id: &AppId) -> Result<&Account, DomainError> {
        self.account(id)
            .ok_or_else(|| DomainError::AccountNotFound { app_id: id.clone() })
    }

    fn plugin_or_err(&self, id: &AppId) -> Result<&Plugin, DomainError> {
        self.plugin(id)
            .ok_or_else(|| DomainError::PluginNotFound { app_id: id.clone() })
    }

    fn application_or_err(&self, id: ApplicationId) -> Result<&UseApplication, DomainError> {
        self.application(id)
            .ok_or(DomainError::ApplicationNotFound { id })
    }

    fn use_or_err(&self, consumer: &AppId, plugin: &AppId) -> Result<&PluginUse, DomainError> {
        self.plugin_use(consumer, plugin)
            .ok_or_else(|| DomainError::NotUsingPlugin {
                plugin: plugin.clone(),
            })
    }

    // ----- apply (no validation: events are facts) ----------------------------------------

    /// Applies one event to the state (used by `execute` and `replay`). Events are facts:
    /// no validation; an event referring to unknown entities is ignored.
    pub fn apply(&mut self, event: &Event) {
        let at = event.at;
        match &event.kind {
            EventKind::AccountCreated { account } => {
                self.idx
                    .accounts
                    .insert(account.app_id.clone(), self.accounts.len());
                self.accounts.push(account.clone());
            }
            EventKind::ReviewerAdded { reviewer } => self.reviewers.push(reviewer.clone()),
            EventKind::PluginOpened {
                plugin,
                name,
                icon,
                intro,
            } => {
                self.idx.plugins.insert(plugin.clone(), self.plugins.len());
                self.idx.names.insert(name_key(name));
                self.plugins.push(Plugin {
                    app_id: plugin.clone(),
                    name: name.clone(),
                    icon: icon.clone(),
                    intro: intro.clone(),
                    opened_at: at,
                    dev_info: None,
                    versions: Vec::new(),
                    reviews: Vec::new(),
                });
            }
            EventKind::DevInfoSet { plugin, dev_info } => {
                self.with_plugin(plugin, |p| p.dev_info = Some(dev_info.clone()));
            }
            EventKind::BasicInfoEdited {
                plugin,
                icon,
                intro,
            } => self.with_plugin(plugin, |p| {
                p.icon = icon.clone();
                p.intro = intro.clone();
            }),
            EventKind::VersionUploaded {
                plugin,
                version,
                description,
                manifest,
            } => self.with_plugin(plugin, |p| {
                p.versions.push(PluginVersion {
                    version: *version,
                    description: description.clone(),
                    manifest: manifest.clone(),
                    status: VersionStatus::Dev,
                    uploaded_at: at,
                    submission: None,
                    released_at: None,
                })
            }),
            EventKind::ReviewSubmitted {
                plugin,
                version,
                submission,
            } => self.with_plugin(plugin, |p| {
                if let Some(v) = p.version_mut(version) {
                    v.status = VersionStatus::InReview;
                    v.submission = Some(submission.clone());
                }
                p.reviews.push(ReviewRecord {
                    version: *version,
                    submission: submission.clone(),
                    submitted_at: at,
                    outcome: ReviewOutcome::Pending,
                });
            }),
            EventKind::ReviewWithdrawn { plugin, version } => self.decide_review(
                plugin,
                version,
                VersionStatus::Dev,
                ReviewOutcome::Withdrawn { at },
            ),
            EventKind::ReviewApproved { plugin, version } => {
                let reviewer = reviewer_id(&event.actor);
                let outcome = ReviewOutcome::Approved { reviewer, at };
                self.decide_review(plugin, version, VersionStatus::Approved, outcome)
            }
            EventKind::ReviewRejected {
                plugin,
                version,
                reason,
            } => {
                let reviewer = reviewer_id(&event.actor);
                let outcome = ReviewOutcome::Rejected {
                    reviewer,
                    at,
                    reason: reason.clone(),
                };
                let status = VersionStatus::Rejected {
                    reason: reason.clone(),
                };
                self.decide_review(plugin, version, status, outcome)
            }
            EventKind::VersionReleased { plugin, version } => self.with_plugin(plugin, |p| {
                if let Some(v) = p.version_mut(version) {
                    v.status = VersionStatus::Released;
                    v.released_at = Some(at);
                }
            }),
            EventKind::VersionTakenOffline { plugin, version } => self.with_plugin(plugin, |p| {
                if let Some(v) = p.version_mut(version) {
                    v.status = VersionStatus::Offline;
                }
            }),
            EventKind::ApplicationSubmitted {
                id,
                plugin,
                consumer,
                reason,
            } => {
                self.idx.applications.insert(*id, self.applications.len());
                self.idx
                    .by_consumer
                    .entry(consumer.clone())
                    .or_default()
                    .push(*id);
                let a = UseApplication {
                    id: *id,
                    plugin: plugin.clone(),
                    consumer: consumer.clone(),
                    reason: reason.clone(),
                    applied_at: at,
                    status: ApplicationStatus::Pending,
                    decided_at: None,
                };
                // Keyed by its own deadline, as every removal looks it up.
                let key = (a.expires_at(), *id);
                if let Err(at) = self.idx.pending.binary_search(&key) {
                    self.idx.pending.insert(at, key);
                }
                self.applications.push(a);
                self.next_application_id = self.next_application_id.max(id.0 + 1);
            }
            EventKind::ApplicationApproved {
                id,
                plugin,
                consumer,
            } => {
                self.set_application_status(*id, ApplicationStatus::Approved, at);
                self.idx
                    .uses_by_consumer
                    .entry(consumer.clone())
                    .or_default()
                    .push(self.uses.len());
                self.uses.push(PluginUse {
                    consumer: consumer.clone(),
                    plugin: plugin.clone(),
                    alias: None,
                    version: None,
                    added_at: at,
                });
            }
            EventKind::ApplicationRejected { id, reason, .. } => {
                let status = ApplicationStatus::Rejected {
                    reason: reason.clone(),
                };
                self.set_application_status(*id, status, at);
            }
            EventKind::ApplicationExpired { id, .. } => {
                self.set_application_status(*id, ApplicationStatus::Expired, at)
            }
            EventKind::ApplicationDeleted {
                id,
                consumer,
                plugin,
            } => {
                self.idx
                    .deleted
                    .push((consumer.clone(), plugin.clone(), *id));
                if let Some(i) = self.idx.applications.get(id).copied() {
                    let removed = self.applications.remove(i);
                    unpend(&mut self.idx.pending, (removed.expires_at(), *id));
                    if let Some(ids) = self.idx.by_consumer.get_mut(consumer) {
                        ids.retain(|x| x != id);
                    }
                    self.idx.applications = self
                        .applications
                        .iter()
                        .enumerate()
                        .map(|(i, a)| (a.id, i))
                        .collect();
                }
            }
            EventKind::PluginRemoved { plugin, consumer } => {
                self.uses
                    .retain(|u| !(u.consumer == *consumer && u.plugin == *plugin));
                self.idx.uses_by_consumer = uses_index(&self.uses);
            }
            EventKind::PluginUseConfigured {
                plugin,
                consumer,
                alias,
                version,
            } => {
                let at = self.idx.uses_by_consumer.get(consumer).and_then(|ps| {
                    ps.iter()
                        .copied()
                        .find(|&i| self.uses.get(i).is_some_and(|u| u.plugin == *plugin))
                });
                if let Some(u) = at.and_then(|i| self.uses.get_mut(i)) {
                    u.alias = Some(alias.clone());
                    u.version = Some(*version);
                }
            }
        }
    }

    /// Mutates one plugin, then refreshes its search entry.
    fn with_plugin(&mut self, id: &AppId, f: impl FnOnce(&mut Plugin)) {
        if let Some(i) = self.idx.plugins.get(id).copied() {
            if let Some(p) = self.plugins.get_mut(i) {
                f(p);
                if let Some(search) = self.idx.search.get_mut() {
                    search.refresh(p);
                }
            }
        }
    }

    fn decide_review(
        &mut self,
        plugin: &AppId,
        version: &Semver,
        status: VersionStatus,
        outcome: ReviewOutcome,
    ) {
        self.with_plugin(plugin, |p| {
            if let Some(v) = p.version_mut(version) {
                v.status = status;
            }
            if let Some(r) = p.pending_review_mut() {
                r.outcome = outcome;
            }
        });
    }

    fn set_application_status(
        &mut self,
        id: ApplicationId,
        status: ApplicationStatus,
        at: Timestamp,
    ) {
        if let Some(i) = self.idx.applications.get(&id).copied() {
            if let Some(a) = self.applications.get_mut(i) {
                if a.status == ApplicationStatus::Pending {
                    unpend(&mut self.idx.pending, (a.expires_at(), id));
                }
                a.status = status;
                a.decided_at = Some(at);
            }
        }
    }

    // ----- queries ------------------------------------------------------------------------

    /// The time of the latest recorded event (the log is append-only; expiries are dated at
    /// their deadlines, so it need not be the last one). Kept in the indexes: on a deserialized
    /// workspace, call after [`Self::rebuild_indexes`].
    pub fn latest_event_at(&self) -> Option<Timestamp> {
        self.idx.latest
    }

    /// Whether this workspace already holds what `done` did: a step that only moves something
    /// to where it already is (发布 a version 已发布, 通过 an application 已通过, the same
    /// 拒绝 reason, …). Another tab did the same at the same time: the command this state
    /// refuses for that is not lost (QA: two tabs' 发布 within 5 ms, and one said its 发布 "no
    /// longer applies"). Not a review's decision: the version may have been decided, submitted
    /// again with other content and decided again meanwhile (review), which its reviewer is told.
    pub fn already_holds(&self, done: &EventKind) -> bool {
        use EventKind::*;
        let status = |plugin: &AppId, v: &Semver| {
            let p = self.plugin(plugin)?;
            p.versions
                .iter()
                .find(|x| x.version == *v)
                .map(|x| &x.status)
        };
        let application = |id: &ApplicationId, plugin: &AppId, consumer: &AppId| {
            let a = self.application(*id)?;
            (a.plugin == *plugin && a.consumer == *consumer).then_some(&a.status)
        };
        match done {
            VersionReleased { plugin, version } => {
                status(plugin, version) == Some(&VersionStatus::Released)
            }
            VersionTakenOffline { plugin, version } => {
                status(plugin, version) == Some(&VersionStatus::Offline)
            }
            ApplicationApproved {
                id,
                plugin,
                consumer,
            } => application(id, plugin, consumer) == Some(&ApplicationStatus::Approved),
            ApplicationRejected {
                id,
                plugin,
                consumer,
                reason,
            } => {
                matches!(application(id, plugin, consumer), Some(ApplicationStatus::Rejected { reason: r }) if r == reason)
            }
            ApplicationDeleted { id, .. } => self.application(*id).is_none(),
            PluginRemoved { plugin, consumer } => self.plugin_use(consumer, plugin).is_none(),
            _ => false,
        }
    }

    /// The event log, oldest first.
    pub fn events(&self) -> &[Event] {
        &self.events
    }
    /// What a plugin's info page shows as its category and tags: [`Plugin::listing`], or with
    /// every version offline the one it was last listed with, the version taken offline last
    /// by the log (re-check QA: the highest offline one was not always it), else (an emptied
    /// log) the highest offline one's.
    pub fn last_listing(&self, plugin: &AppId) -> Option<&ReviewSubmission> {
        let p = self.plugin(plugin)?;
        p.listing().or_else(|| {
            let last = self.events.iter().rev().find_map(|e| match &e.kind {
                EventKind::VersionTakenOffline {
                    plugin: of,
                    version,
                } if of == plugin => Some(version),
                _ => None,
            });
            // (Scanned only when the log does not give it.)
            let highest_offline = || {
                (p.versions.iter().rev())
                    .filter(|v| v.status == VersionStatus::Offline)
                    .find_map(|v| v.submission.as_ref())
            };
            (last.and_then(|v| p.version(v)?.submission.as_ref())).or_else(highest_offline)
        })
    }
    /// Events concerning one plugin (its audit timeline), oldest first.
    pub fn events_for_plugin(&self, plugin: &AppId) -> Vec<&Event> {
        self.events
            .iter()
            .filter(|e| e.kind.plugin() == Some(plugin))
            .collect()
    }
    /// The accounts `query` finds ([`Account::matches`]), in creation order.
    pub fn accounts_matching(&self, query: &str) -> Vec<&Account> {
        let key = super::account::filter_key(query);
        self.accounts.iter().filter(|a| a.matches(&key)).collect()
    }
    /// All accounts, in creation order.
    pub fn accounts(&self) -> &[Account] {
        &self.accounts
    }
    /// The names two accounts or more have: account names need not be unique, so where a list
    /// names accounts, these also show their AppID (QA: twin rows, twin picker entries).
    pub fn shared_account_names(&self) -> HashSet<&str> {
        let (mut seen, mut twice) = (HashSet::default(), HashSet::default());
        for a in &self.accounts {
            if !seen.insert(a.name.as_str()) {
                twice.insert(a.name.as_str());
            }
        }
        twice
    }
    /// One account.
    pub fn account(&self, id: &AppId) -> Option<&Account> {
        self.idx
            .accounts
            .get(id)
            .and_then(|i| self.accounts.get(*i))
    }
    /// All reviewers.
    pub fn reviewers(&self) -> &[Reviewer] {
        &self.reviewers
    }
    /// All plugins, in opening order.
    pub fn plugins(&self) -> &[Plugin] {
        &self.plugins
    }
    /// One plugin (AppID = owner's AppID).
    pub fn plugin(&self, id: &AppId) -> Option<&Plugin> {
        self.idx.plugins.get(id).and_then(|i| self.plugins.get(*i))
    }
    /// Number of released (searchable) plugins.
    pub fn released_count(&self) -> usize {
        self.search_index().len()
    }
    /// All applications, in submission order.
    pub fn applications(&self) -> &[UseApplication] {
        &self.applications
    }
    /// One application.
    pub fn application(&self, id: ApplicationId) -> Option<&UseApplication> {
        self.idx
            .applications
            .get(&id)
            .and_then(|i| self.applications.get(*i))
    }
    /// Applications for a plugin, newest first (the developer's 申请管理), whatever order a file
    /// stores them in (QA: an import listing them reversed showed 待确认's most urgent last).
    pub fn applications_for_plugin(&self, plugin: &AppId) -> Vec<&UseApplication> {
        let of = self.applications.iter().filter(|a| a.plugin == *plugin);
        let mut v = in_made_order(of.collect());
        v.reverse();
        v
    }
    /// Applications made by a consumer, newest first.
    pub fn applications_of_consumer(&self, consumer: &AppId) -> Vec<&UseApplication> {
        let mut v: Vec<&UseApplication> = self.consumer_applications(consumer).collect();
        v.reverse();
        v
    }
    /// A consumer's applications, oldest first (indexed).
    pub(super) fn consumer_applications<'a>(
        &'a self,
        consumer: &AppId,
    ) -> impl Iterator<Item = &'a UseApplication> + 'a {
        self.idx
            .by_consumer
            .get(consumer)
            .into_iter()
            .flatten()
            .filter_map(|id| self.application(*id))
    }
    /// Plugins a consumer has added (已通过 and not removed).
    pub fn plugin_uses(&self, consumer: &AppId) -> Vec<&PluginUse> {
        self.idx
            .uses_by_consumer
            .get(consumer)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.uses.get(i))
            .collect()
    }
    /// Consumers using a plugin.
    pub fn users_of_plugin(&self, plugin: &AppId) -> Vec<&PluginUse> {
        self.uses.iter().filter(|u| u.plugin == *plugin).collect()
    }
    /// One consumer's use of one plugin.
    pub fn plugin_use(&self, consumer: &AppId, plugin: &AppId) -> Option<&PluginUse> {
        self.plugin_uses(consumer)
            .into_iter()
            .find(|u| u.plugin == *plugin)
    }
    /// Plugins applied for (待确认 at `now`) or in use: counts against the cap of 10.
    pub fn slots_used(&self, consumer: &AppId, now: Timestamp) -> usize {
        let pending = self
            .consumer_applications(consumer)
            .filter(|a| a.is_pending_at(now))
            .count();
        pending + self.plugin_uses(consumer).len()
    }
    /// Versions 审核中, oldest submission first.
    pub fn review_queue(&self) -> Vec<ReviewItem<'_>> {
        let mut v: Vec<ReviewItem<'_>> = self
            .plugins
            .iter()
            .filter_map(|p| {
                p.reviews
                    .iter()
                    .find(|r| r.outcome == ReviewOutcome::Pending)
                    .map(|record| ReviewItem { plugin: p, record })
            })
            .collect();
        by_time(&mut v, |r| Some(r.submitted_at), false);
        v
    }
    /// Decided or withdrawn reviews, newest decision first.
    pub fn review_history(&self) -> Vec<ReviewItem<'_>> {
        let mut v: Vec<ReviewItem<'_>> = self
            .plugins
            .iter()
            .flat_map(|p| {
                p.reviews
                    .iter()
                    .filter(|r| r.outcome != ReviewOutcome::Pending)
                    .map(move |record| ReviewItem { plugin: p, record })
            })
            .collect();
        // Newest decision first (QA: sorted by submission, a decision on an old submission
        // landed far down the list).
        by_time(&mut v, |r| r.outcome.decided_at(), true);
        v
    }
    /// Categories the account may (or may not, with the reason) pick as 插件服务类目.
    pub fn plugin_category_options(&self, app_id: &AppId) -> Vec<CategoryOption> {
        self.account(app_id)
            .map(category_options)
            .unwrap_or_default()
    }
    /// Ranked search over released plugins; at most `limit` hits plus the total.
    pub fn search(&self, query: &str, limit: usize) -> SearchResults {
        self.search_index().search(query, limit)
    }

    /// The search index, built now if this is the first search since the load.
    fn search_index(&self) -> &SearchIndex {
        self.idx
            .search
            .get_or_init(|| SearchIndex::build(&self.plugins))
    }
    /// The plugins `consumer`'s users see on its 小程序基本信息页: those it uses whose code runs,
    /// the version it chose online (none chosen yet: one online). Not one whose version went
    /// offline (spec audit: listed while its code was disabled).
    pub fn profile_plugins(&self, consumer: &AppId) -> Vec<&Plugin> {
        (self.plugin_uses(consumer).into_iter())
            .filter_map(|u| {
                let p = self.plugin(&u.plugin)?;
                let runs = match u.version {
                    Some(v) => p.is_online(&v),
                    None => p.has_online_version(),
                };
                runs.then_some(p)
            })
            .collect()
    }
    /// Versions a consumer pinned that are no longer online (taken offline).
    pub fn offline_warnings(&self, consumer: &AppId) -> Vec<OfflineWarning> {
        self.plugin_uses(consumer)
            .into_iter()
            .filter_map(|u| {
                let v = u.version?;
                let status = &self.plugin(&u.plugin)?.version(&v)?.status;
                (!status.is_online()).then(|| OfflineWarning {
                    plugin: u.plugin.clone(),
                    alias: u.alias.clone(),
                    version: v,
                })
            })
            .collect()
    }
    /// The `app.json` fragment `{"plugins": {alias: {version, provider}}}` for a plugin the
    /// consumer uses, with an online version and a valid alias.
    pub fn app_json_fragment(
        &self,
        consumer: &AppId,
        plugin: &AppId,
        alias: &str,
        version: &Semver,
    ) -> Result<String, DomainError> {
        self.check_use_choice(consumer, plugin, alias, version)?;
        Ok(format!(
            "{{\n  \"plugins\": {{\n{}\n  }}\n}}",
            plugin_entry(alias, version, plugin)
        ))
    }

    /// Whether `consumer` may use `plugin` (已通过 and not removed).
    pub fn uses_plugin(&self, consumer: &AppId, plugin: &AppId) -> bool {
        self.plugin_use(consumer, plugin).is_some()
    }

    /// Whether a consumer (acting as `consumer`, if any) is shown `plugin`'s page: a released
    /// plugin, or one it uses (even with every version taken offline since: its warning links
    /// there to change the version) or applied for (its 插件管理 row links there).
    pub fn plugin_page_shown(&self, consumer: Option<&AppId>, plugin: &AppId) -> bool {
        self.plugin(plugin).is_some_and(|p| p.has_online_version())
            || consumer.is_some_and(|c| {
                self.uses_plugin(c, plugin)
                    || self
                        .applications_of_consumer(c)
                        .iter()
                        .any(|a| a.plugin == *plugin)
            })
    }

    /// The id the next application will get.
    pub fn next_application_id(&self) -> ApplicationId {
        ApplicationId(self.next_application_id)
    }
}

fn reviewer_id(actor: &Actor) -> String {
    match actor {
        Actor::Reviewer(id) => id.clone(),
        _ => String::new(),
    }
}

/// Legal-transition rule: the version exists and its status allows `action`.
fn require_status(p: &Plugin, v: &Semver, action: VersionAction) -> Result<(), DomainError> {
    let pv = p
        .version(v)
        .ok_or(DomainError::VersionNotFound { version: *v })?;
    if pv.status.allows(action) {
        Ok(())
    } else {
        Err(DomainError::StatusForbids {
            version: *v,
            status: pv.status.clone(),
            action,
        })
    }
}

/// A plugin's versions against what uploads and reviews produce: strictly increasing
/// (`plan_upload`: what `Plugin::online_versions` and `Plugin::latest_version` rely on), at
/// most one 审核中 (`plan_submit`) and it is the version of the one pending review record
/// (`decide_review` settles both together).
fn versions_problem(p: &Plugin) -> Option<String> {
    let id = &p.app_id;
    let mut previous: Option<Semver> = None;
    let mut in_review = None;
    for v in &p.versions {
        if previous.is_some_and(|before| before >= v.version) {
            return Some(format!("plugin {id} lists its versions out of order"));
        }
        previous = Some(v.version);
        if v.status == VersionStatus::InReview {
            if in_review.is_some() {
                return Some(format!("plugin {id} has more than one version in review"));
            }
            in_review = Some(v.version);
        }
    }
    let mut pending = p
        .reviews
        .iter()
        .filter(|r| r.outcome == ReviewOutcome::Pending);
    if pending.next().map(|r| r.version) != in_review || pending.next().is_some() {
        return Some(format!(
            "plugin {id}'s pending review does not match its version in review"
        ));
    }
    None
}

/// One use against `check_use_choice`: alias and version set together, the alias well-formed,
/// the version one of the plugin's `versions` (in increasing order).
fn use_problem(versions: &[Semver], u: &PluginUse) -> Option<String> {
    let what = || format!("the use of {} by {}", u.plugin, u.consumer);
    match (&u.alias, &u.version) {
        (None, None) => None,
        (Some(alias), Some(v)) => {
            if validate_alias(alias).is_err() {
                Some(format!("{} has an invalid alias \"{alias}\"", what()))
            } else if versions.binary_search(v).is_err() {
                Some(format!(
                    "{} pins version {v}, which the plugin does not have",
                    what()
                ))
            } else {
                None
            }
        }
        _ => Some(format!(
            "{} has an alias without a version or a version without an alias",
            what()
        )),
    }
}

/// `apps` in the order they were made ([`UseApplication::made_order`]): as they come, when they
/// already are (commands append them so; a file may store them otherwise).
fn in_made_order(apps: Vec<&UseApplication>) -> Vec<&UseApplication> {
    if apps
        .windows(2)
        .all(|w| w[0].made_order() <= w[1].made_order())
    {
        return apps;
    }
    let order = sorted_order(apps.len(), &|i, j| {
        apps[i].made_order().cmp(&apps[j].made_order())
    });
    order.into_iter().map(|i| apps[i]).collect()
}

/// Positions of each consumer's uses (derived; rebuilt when uses are removed, which is rare).
fn uses_index(uses: &[PluginUse]) -> HashMap<AppId, Vec<usize>> {
    let mut idx: HashMap<AppId, Vec<usize>> = HashMap::default();
    for (i, u) in uses.iter().enumerate() {
        match idx.get_mut(&u.consumer) {
            Some(at) => at.push(i),
            None => {
                idx.insert(u.consumer.clone(), vec![i]);
            }
        }
    }
    idx
}

/// Takes `key` out of the sorted pending index, if there.
fn unpend(pending: &mut Vec<(Timestamp, ApplicationId)>, key: (Timestamp, ApplicationId)) {
    if let Ok(at) = pending.binary_search(&key) {
        pending.remove(at);
    }
}

/// Orders reviews by `time` (the queue: submission; the history: decision), then plugin AppID,
/// oldest or newest first, equal ones in the order they came: one sort for both, the domain's
/// one sort ([`sorted_order`]; `time` is a fn pointer), comparing in place without cloning
/// AppIDs.
fn by_time(
    v: &mut Vec<ReviewItem<'_>>,
    time: fn(&ReviewRecord) -> Option<Timestamp>,
    newest_first: bool,
) {
    let order = sorted_order(v.len(), &|a, b| {
        let (a, b) = (&v[a], &v[b]);
        let o = (time(a.record), &a.plugin.app_id).cmp(&(time(b.record), &b.plugin.app_id));
        if newest_first {
            o.reverse()
        } else {
            o
        }
    });
    *v = order.into_iter().map(|i| v[i]).collect();
}

/// The 简介 of 插件基本信息's edit ([`require_intro`]); one sent back as stored may be empty (an
/// icon-only edit of data made before the rule stays possible, review).
fn edited_intro(p: &Plugin, intro: &str) -> Result<String, DomainError> {
    if p.intro == intro.trim() {
        validate_intro(intro)
    } else {
        require_intro(intro)
    }
}
