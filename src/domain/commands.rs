//! Commands: one variant per user action. Serializable so the persistence layer can
//! re-apply a command on the freshest stored state.

use serde::{Deserialize, Serialize};

use super::account::{hidden_in_category, Category, SubjectType};
use super::application::ApplicationId;
use super::errors::{DomainError, TextField};
use super::ids::AppId;
use super::plugin::{DevInfo, Icon};
use super::review::{hidden_in_tags, ReviewSubmission};
use super::text::isolated;
use super::version::Semver;

/// A user action. See [`crate::domain::Workspace::execute`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Command {
    /// Create a mini program account (AppID generated deterministically). Any actor may
    /// (decided: anyone registers a mini program on the platform; the event records who did,
    /// the UI's acting developer or the system), unlike [`Command::AddReviewer`].
    CreateAccount {
        /// Name.
        name: String,
        /// 主体类型
        subject: SubjectType,
        /// 已通过的服务类目
        categories: Vec<Category>,
    },
    /// Add a platform reviewer.
    AddReviewer {
        /// Id.
        id: String,
        /// Name.
        name: String,
    },
    /// 开通插件功能 (actor: Developer of its own mini program).
    OpenPlugin {
        /// Name (2–20, unique, fixed).
        name: String,
        /// Icon.
        icon: Icon,
        /// 简介 (≤ 120).
        intro: String,
    },
    /// 填写开发信息.
    SetDevInfo {
        /// Plugin.
        plugin: AppId,
        /// Dev info.
        dev_info: DevInfo,
    },
    /// Edit icon / 简介.
    EditBasicInfo {
        /// Plugin.
        plugin: AppId,
        /// Icon.
        icon: Icon,
        /// 简介
        intro: String,
    },
    /// Upload code as a 开发版本.
    UploadVersion {
        /// Plugin.
        plugin: AppId,
        /// Version text `x.y.z`.
        version: String,
        /// 版本描述 (≤ 200).
        description: String,
        /// `plugin.json` text.
        manifest: String,
    },
    /// 提交审核.
    SubmitReview {
        /// Plugin.
        plugin: AppId,
        /// Version.
        version: Semver,
        /// Form.
        submission: ReviewSubmission,
    },
    /// 撤回审核.
    WithdrawReview {
        /// Plugin.
        plugin: AppId,
        /// Version.
        version: Semver,
    },
    /// 审核通过 (actor: Reviewer).
    ApproveReview {
        /// Plugin.
        plugin: AppId,
        /// Version.
        version: Semver,
    },
    /// 审核失败 (actor: Reviewer).
    RejectReview {
        /// Plugin.
        plugin: AppId,
        /// Version.
        version: Semver,
        /// Reason (1–200).
        reason: String,
    },
    /// 发布.
    Release {
        /// Plugin.
        plugin: AppId,
        /// Version.
        version: Semver,
    },
    /// 下线.
    TakeOffline {
        /// Plugin.
        plugin: AppId,
        /// Version.
        version: Semver,
    },
    /// 申请使用 (actor: Consumer).
    Apply {
        /// Plugin.
        plugin: AppId,
        /// Reason (选填: 0–200 characters).
        reason: String,
    },
    /// 通过 an application (actor: plugin's Developer).
    ApproveApplication {
        /// Application.
        id: ApplicationId,
    },
    /// 拒绝 an application.
    RejectApplication {
        /// Application.
        id: ApplicationId,
        /// Reason (1–200).
        reason: String,
    },
    /// Delete a 已拒绝/已超时 entry.
    DeleteApplication {
        /// Application.
        id: ApplicationId,
    },
    /// 移除 a plugin in use (actor: Consumer).
    RemovePlugin {
        /// Plugin.
        plugin: AppId,
    },
    /// Choose alias + online version of a plugin in use (actor: Consumer).
    ConfigurePluginUse {
        /// Plugin.
        plugin: AppId,
        /// Alias.
        alias: String,
        /// Version.
        version: Semver,
    },
}

impl Command {
    /// The plugin (an AppID) this command names, if any.
    pub fn names_plugin(&self) -> Option<&AppId> {
        use Command::*;
        match self {
            SetDevInfo { plugin, .. }
            | EditBasicInfo { plugin, .. }
            | UploadVersion { plugin, .. }
            | SubmitReview { plugin, .. }
            | WithdrawReview { plugin, .. }
            | ApproveReview { plugin, .. }
            | RejectReview { plugin, .. }
            | Release { plugin, .. }
            | TakeOffline { plugin, .. }
            | Apply { plugin, .. }
            | RemovePlugin { plugin, .. }
            | ConfigurePluginUse { plugin, .. } => Some(plugin),
            CreateAccount { .. }
            | AddReviewer { .. }
            | OpenPlugin { .. }
            | ApproveApplication { .. }
            | RejectApplication { .. }
            | DeleteApplication { .. } => None,
        }
    }
    /// The first character of the user's text in this command that people cannot see where it
    /// is typed ([`TextField::hidden_in`]), with its field. Checked by every command once
    /// its other rules hold (not on import: data made before the rule still loads).
    pub fn hidden_text(&self) -> Option<DomainError> {
        use Command::*;
        use TextField::*;
        let texts: Vec<(TextField, &str)> = match self {
            CreateAccount {
                name, categories, ..
            } => {
                return Name
                    .hidden_in(name)
                    .or_else(|| categories.iter().find_map(hidden_in_category));
            }
            AddReviewer { name, .. } => vec![(Name, name)],
            OpenPlugin { name, intro, .. } => vec![(Name, name), (Intro, intro)],
            EditBasicInfo { intro, .. } => vec![(Intro, intro)],
            // `plugin.json`'s paths keep their own rule (`manifest::path_fault`: the text may
            // hold them escaped); its names are ASCII.
            UploadVersion { description, .. } => vec![(VersionDescription, description)],
            SubmitReview { submission, .. } => {
                if let Some(e) = hidden_in_tags(&submission.tags) {
                    return Some(e);
                }
                vec![(FeatureDescription, &submission.feature_description)]
            }
            RejectReview { reason, .. }
            | Apply { reason, .. }
            | RejectApplication { reason, .. } => {
                vec![(Reason, reason)]
            }
            // No user text, or text other rules keep to ASCII (a domain, the Token, an alias).
            SetDevInfo { .. }
            | WithdrawReview { .. }
            | ApproveReview { .. }
            | Release { .. }
            | TakeOffline { .. }
            | ApproveApplication { .. }
            | DeleteApplication { .. }
            | RemovePlugin { .. }
            | ConfigurePluginUse { .. } => vec![],
        };
        texts
            .into_iter()
            .find_map(|(field, text)| field.hidden_in(text))
    }
    /// The use application this command names, if any.
    pub fn names_application(&self) -> Option<ApplicationId> {
        use Command::*;
        match self {
            ApproveApplication { id } | RejectApplication { id, .. } | DeleteApplication { id } => {
                Some(*id)
            }
            _ => None,
        }
    }
}

/// What a command acts on, said for a person: a command another tab's change dropped is said
/// with it (QA: "Version 1.0.5 is a development version" alone, in a queue of several plugins).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    /// A plugin, by its name, with the version the command names, if any.
    Plugin {
        /// 插件名称.
        name: String,
        /// The version, as the command names it.
        version: Option<String>,
    },
    /// A use application (使用申请), by its applicant's name.
    Application {
        /// The applying mini program's name.
        applicant: String,
    },
}

impl Subject {
    /// `快递查询助手 1.0.5`, `美食点评的使用申请`.
    pub fn zh(&self) -> String {
        match self {
            Subject::Plugin { name, version } => plugin_with(name, version.as_deref()),
            Subject::Application { applicant } => format!("{}的使用申请", isolated(applicant)),
        }
    }
    /// `快递查询助手 1.0.5`, `美食点评's use application`.
    pub fn en(&self) -> String {
        match self {
            Subject::Plugin { name, version } => plugin_with(name, version.as_deref()),
            Subject::Application { applicant } => {
                format!("{}'s use application", isolated(applicant))
            }
        }
    }
}

/// A right-to-left name isolated ([`isolated`]; re-check QA: the version showed before it).
fn plugin_with(name: &str, version: Option<&str>) -> String {
    let name = isolated(name);
    match version {
        Some(v) => format!("{name} {v}"),
        None => name,
    }
}

impl super::workspace::Workspace {
    /// What `cmd` acts on here ([`Subject`]); `None` for what makes a new record (an account, a
    /// reviewer, a plugin opened) or names one that is not here.
    pub fn subject_of(&self, cmd: &Command) -> Option<Subject> {
        use Command::*;
        let version = match cmd {
            UploadVersion { version, .. } => Some(version.trim().to_string()),
            SubmitReview { version, .. }
            | WithdrawReview { version, .. }
            | ApproveReview { version, .. }
            | RejectReview { version, .. }
            | Release { version, .. }
            | TakeOffline { version, .. }
            | ConfigurePluginUse { version, .. } => Some(version.to_string()),
            _ => None,
        };
        if let Some(plugin) = cmd.names_plugin() {
            let name = self.plugin(plugin)?.name.clone();
            return Some(Subject::Plugin { name, version });
        }
        match cmd {
            ApproveApplication { id } | RejectApplication { id, .. } | DeleteApplication { id } => {
                let consumer = &self.application(*id)?.consumer;
                Some(Subject::Application {
                    applicant: self.account(consumer)?.name.clone(),
                })
            }
            _ => None,
        }
    }
}
