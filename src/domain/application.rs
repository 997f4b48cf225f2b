//! 「申请使用」: use applications and the consumer's plugins in use.

use serde::{Deserialize, Serialize};

use super::clock::{Timestamp, APPLICATION_WINDOW_MS};
use super::errors::DomainError;
use super::ids::AppId;
use super::text::{char_len, counted_len, visible_text};
use super::version::Semver;
use super::workspace::Workspace;

/// Cap of plugins applied for (待确认) or in use per mini program *(decided)*.
pub const MAX_PLUGINS_PER_CONSUMER: usize = 10;
/// Most characters of an application reason *(decided)*.
pub const MAX_APPLY_REASON_CHARS: usize = 200;
/// Most characters of a rejection reason (application or review) *(decided)*.
pub const MAX_REJECT_REASON_CHARS: usize = 200;
/// An alias (插件别名): this many characters *(decided)*.
pub const ALIAS_CHARS: std::ops::RangeInclusive<usize> = 1..=32;

/// Id of a use application (unique within a workspace).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ApplicationId(pub u64);

/// Status of a use application, as the platform's API names them.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ApplicationStatus {
    /// 待确认 (申请中)
    #[serde(rename = "P")]
    Pending,
    /// 已通过
    #[serde(rename = "A")]
    Approved,
    /// 已拒绝, with the developer's reason.
    #[serde(rename = "R")]
    Rejected {
        /// Reason.
        #[serde(rename = "r")]
        reason: String,
    },
    /// 已超时 (not handled within 24 h).
    #[serde(rename = "X")]
    Expired,
}

impl ApplicationStatus {
    /// 已拒绝 or 已超时: decided for good. Only such an application may be deleted by the plugin's
    /// developer. The consumer may apply again after one, as after an 已通过 one whose plugin it
    /// removed ([`Standing::Removed`]).
    pub fn is_closed(&self) -> bool {
        matches!(
            self,
            ApplicationStatus::Rejected { .. } | ApplicationStatus::Expired
        )
    }
    /// Chinese label.
    pub fn zh(&self) -> &'static str {
        match self {
            ApplicationStatus::Pending => "待确认",
            ApplicationStatus::Approved => "已通过",
            ApplicationStatus::Rejected { .. } => "已拒绝",
            ApplicationStatus::Expired => "已超时",
        }
    }
    /// English label.
    pub fn en(&self) -> &'static str {
        match self {
            ApplicationStatus::Pending => "pending",
            ApplicationStatus::Approved => "approved",
            ApplicationStatus::Rejected { .. } => "rejected",
            ApplicationStatus::Expired => "expired",
        }
    }
}

/// A consumer's application to use a plugin.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UseApplication {
    /// Id.
    #[serde(rename = "i")]
    pub id: ApplicationId,
    /// Plugin applied for.
    #[serde(rename = "p")]
    pub plugin: AppId,
    /// Applicant mini program.
    #[serde(rename = "c")]
    pub consumer: AppId,
    /// Reason (≤ 200 chars).
    #[serde(rename = "r", default)]
    pub reason: String,
    /// Submission time.
    #[serde(rename = "t")]
    pub applied_at: Timestamp,
    /// Stored status (see [`UseApplication::status_at`] for the effective one).
    #[serde(rename = "s")]
    pub status: ApplicationStatus,
    /// Decision (or expiry) time.
    #[serde(rename = "d", default)]
    pub decided_at: Option<Timestamp>,
}

impl UseApplication {
    /// The order applications are listed in: when made, then by id (the order commands add them
    /// in).
    pub fn made_order(&self) -> (Timestamp, ApplicationId) {
        (self.applied_at, self.id)
    }
    /// When a 待确认 application becomes 已超时.
    pub fn expires_at(&self) -> Timestamp {
        self.applied_at.plus_ms(APPLICATION_WINDOW_MS)
    }
    /// Whether its 24 h window is over at `now` (from [`Self::expires_at`] on): the one test of
    /// expiry, asked by [`Self::status_at`] and [`Self::is_pending_at`].
    fn window_over_at(&self, now: Timestamp) -> bool {
        now >= self.expires_at()
    }
    /// Effective status at `now`: 待确认 past the 24 h window reads as 已超时.
    pub fn status_at(&self, now: Timestamp) -> ApplicationStatus {
        if self.status == ApplicationStatus::Pending && self.window_over_at(now) {
            ApplicationStatus::Expired
        } else {
            self.status.clone()
        }
    }
    /// When it closed, as read at `now`: decided (通过/拒绝), or its deadline once 已超时 (the
    /// time [`Workspace::expire_due`] dates that event at).
    pub fn closed_at(&self, now: Timestamp) -> Option<Timestamp> {
        match self.status_at(now) {
            ApplicationStatus::Expired => Some(self.expires_at()),
            _ => self.decided_at,
        }
    }
    /// Whether it is effectively 待确认 at `now`.
    pub fn is_pending_at(&self, now: Timestamp) -> bool {
        self.status == ApplicationStatus::Pending && !self.window_over_at(now)
    }
}

/// Where a consumer stands with a plugin: what the plugin's info page and the search hits show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing<'a> {
    /// Added (已通过, not removed since).
    InUse(&'a PluginUse),
    /// Its newest application for the plugin.
    Applied(&'a UseApplication),
    /// Its newest application was approved and the plugin removed since (已移除): it may apply
    /// again.
    Removed(&'a UseApplication),
}

impl Standing<'_> {
    /// The status to show at `now`: 已通过 in use, the newest application's otherwise, none once
    /// removed.
    pub fn status_at(&self, now: Timestamp) -> Option<ApplicationStatus> {
        match self {
            Standing::InUse(_) => Some(ApplicationStatus::Approved),
            Standing::Applied(a) => Some(a.status_at(now)),
            Standing::Removed(_) => None,
        }
    }
}

impl Workspace {
    /// Where `consumer` stands with `plugin`: in use, else its newest application for it (if
    /// any), which reads 已移除 when it was approved and the plugin removed since. None once the
    /// developer deleted its newest (本应用约定): an older application is not where it stands
    /// (QA: a rejection from before it applied again showed as its status).
    pub fn standing(&self, consumer: &AppId, plugin: &AppId) -> Option<Standing<'_>> {
        if let Some(u) = self.plugin_use(consumer, plugin) {
            return Some(Standing::InUse(u));
        }
        let newest = self
            .consumer_applications(consumer)
            .filter(|a| a.plugin == *plugin)
            .last()
            .filter(|a| !self.deleted_after(consumer, plugin, a.id))?;
        Some(if self.application_removed(newest) {
            Standing::Removed(newest)
        } else {
            Standing::Applied(newest)
        })
    }

    /// Whether `application` was 已通过 and its consumer has since 移除d the plugin (已移除): it
    /// no longer gives the plugin to the consumer, who may apply again. 插件管理 hides it; the
    /// plugin's info page says 已移除. A grant stays removed when the consumer applied again
    /// later (only possible after removing it), even once the new application is approved.
    pub fn application_removed(&self, application: &UseApplication) -> bool {
        application.status == ApplicationStatus::Approved
            && (!self.uses_plugin(&application.consumer, &application.plugin)
                || self
                    .consumer_applications(&application.consumer)
                    .any(|a| a.plugin == application.plugin && a.id > application.id))
    }
}

/// A plugin added to a consumer (after 已通过), with the alias and version it uses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PluginUse {
    /// The consumer mini program.
    #[serde(rename = "c")]
    pub consumer: AppId,
    /// The plugin.
    #[serde(rename = "p")]
    pub plugin: AppId,
    /// Alias used in `app.json` (None until chosen).
    #[serde(rename = "a", default)]
    pub alias: Option<String>,
    /// Pinned version (None until chosen).
    #[serde(rename = "v", default)]
    pub version: Option<Semver>,
    /// When it was added (application approved).
    #[serde(rename = "t")]
    pub added_at: Timestamp,
}

/// Alias rule *(decided)*: [`ALIAS_CHARS`] characters of an export name (an ASCII letter first,
/// then letters, digits, `_`, `-`: [`super::manifest::is_export_name`]), as it becomes a
/// `plugin://<alias>/…` path as they do.
pub fn validate_alias(alias: &str) -> Result<(), DomainError> {
    match alias_fault(alias) {
        None => Ok(()),
        Some(_) => Err(DomainError::AliasInvalid {
            alias: alias.to_string(),
        }),
    }
}

/// What breaks the alias rule ([`validate_alias`]), said by its refusal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AliasFault {
    /// The first character is not a letter.
    First(char),
    /// A character other than a letter, digit, `_` or `-`.
    Char(char),
    /// Its length (outside [`ALIAS_CHARS`]; 0: empty).
    Length(usize),
}

/// The first thing that breaks the alias rule, if any: its characters
/// ([`super::manifest::export_name_fault`]), then its length.
pub fn alias_fault(alias: &str) -> Option<AliasFault> {
    match super::manifest::export_name_fault(alias) {
        Some((0, c)) => Some(AliasFault::First(c)),
        Some((_, c)) => Some(AliasFault::Char(c)),
        None => (!ALIAS_CHARS.contains(&alias.len())).then_some(AliasFault::Length(alias.len())),
    }
}

/// Whether two aliases name the same thing *(decided)*: they ignore case, as an alias names a
/// `plugin://` path and a folder of the consumer's code, and the developer tools run on file
/// systems that ignore case. Used when a use is configured and by the `app.json` checker.
pub fn same_alias(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// An optional reason (申请使用: the issue makes it optional): empty is fine, at most `max` chars.
/// Returns the trimmed reason.
pub fn validate_optional_reason(reason: &str, max: usize) -> Result<String, DomainError> {
    // Nothing to see is no reason (as whitespace only).
    let t = visible_text(reason);
    // Already trimmed, and empty when nothing shows: its characters are its count.
    let len = char_len(t);
    if len <= max {
        Ok(t.to_string())
    } else {
        Err(DomainError::ReasonLength { len, max })
    }
}

/// Reason rule (a rejection's): 1–`max` characters after trimming. Returns the trimmed reason.
pub fn validate_reason(reason: &str, max: usize) -> Result<String, DomainError> {
    let t = reason.trim();
    // Only what shows as nothing is not a reason given (QA: two U+200B were sent as one).
    let len = counted_len(t);
    if (1..=max).contains(&len) {
        Ok(t.to_string())
    } else {
        Err(DomainError::ReasonLength { len, max })
    }
}
