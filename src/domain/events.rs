//! Actors, roles and the event log (every state change is one event).

use serde::{Deserialize, Serialize};

use super::account::{Account, Reviewer};
use super::application::ApplicationId;
use super::clock::Timestamp;
use super::ids::AppId;
use super::manifest::PluginManifest;
use super::plugin::{DevInfo, Icon};
use super::review::ReviewSubmission;
use super::version::Semver;

/// The three product roles plus the system (automatic expiry).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// 插件开发者
    Developer,
    /// 微信小程序团队 (platform reviewer)
    Reviewer,
    /// 小程序开发者 (consumer)
    Consumer,
    /// The platform itself (e.g. 已超时).
    System,
}

impl Role {
    /// Chinese label.
    pub fn zh(self) -> &'static str {
        match self {
            Role::Developer => "插件开发者",
            Role::Reviewer => "微信小程序团队",
            Role::Consumer => "小程序开发者",
            Role::System => "系统",
        }
    }
    /// English label as a noun phrase in a sentence ("a plugin developer", "the platform").
    pub fn en_with_article(self) -> &'static str {
        match self {
            Role::Developer => "a plugin developer",
            Role::Reviewer => "a platform reviewer",
            Role::Consumer => "a consumer mini program",
            Role::System => "the platform",
        }
    }
    /// English label.
    pub fn en(self) -> &'static str {
        match self {
            Role::Developer => "plugin developer",
            Role::Reviewer => "platform reviewer",
            Role::Consumer => "consumer mini program",
            Role::System => "system",
        }
    }
}

/// Who performs an action.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Actor {
    /// A mini program acting as plugin developer (for its own plugin).
    Developer(AppId),
    /// A mini program acting as consumer.
    Consumer(AppId),
    /// A platform reviewer, by id.
    Reviewer(String),
    /// The platform itself.
    System,
}

impl Actor {
    /// The actor's role.
    pub fn role(&self) -> Role {
        match self {
            Actor::Developer(_) => Role::Developer,
            Actor::Consumer(_) => Role::Consumer,
            Actor::Reviewer(_) => Role::Reviewer,
            Actor::System => Role::System,
        }
    }
    /// The mini program account acting, if any.
    pub fn account(&self) -> Option<&AppId> {
        match self {
            Actor::Developer(a) | Actor::Consumer(a) => Some(a),
            Actor::Reviewer(_) | Actor::System => None,
        }
    }
}

/// One state change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// When.
    #[serde(rename = "t")]
    pub at: Timestamp,
    /// Who.
    #[serde(rename = "a")]
    pub actor: Actor,
    /// In which role.
    #[serde(rename = "r")]
    pub role: Role,
    /// What happened.
    #[serde(rename = "k")]
    pub kind: EventKind,
}

/// What happened. Each variant carries everything needed to re-apply it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventKind {
    /// A mini program account was created.
    AccountCreated {
        /// The account.
        account: Account,
    },
    /// A reviewer joined 微信小程序团队.
    ReviewerAdded {
        /// The reviewer.
        reviewer: Reviewer,
    },
    /// 开通插件功能.
    PluginOpened {
        /// Plugin AppID.
        plugin: AppId,
        /// Name.
        name: String,
        /// Icon.
        icon: Icon,
        /// 简介
        intro: String,
    },
    /// 填写开发信息.
    DevInfoSet {
        /// Plugin.
        plugin: AppId,
        /// Dev info.
        dev_info: DevInfo,
    },
    /// Icon / 简介 edited.
    BasicInfoEdited {
        /// Plugin.
        plugin: AppId,
        /// Icon.
        icon: Icon,
        /// 简介
        intro: String,
    },
    /// Code uploaded as a 开发版本.
    VersionUploaded {
        /// Plugin.
        plugin: AppId,
        /// Version.
        version: Semver,
        /// 版本描述
        description: String,
        /// plugin.json
        manifest: PluginManifest,
    },
    /// 提交审核.
    ReviewSubmitted {
        /// Plugin.
        plugin: AppId,
        /// Version.
        version: Semver,
        /// Form.
        submission: ReviewSubmission,
    },
    /// 撤回审核.
    ReviewWithdrawn {
        /// Plugin.
        plugin: AppId,
        /// Version.
        version: Semver,
    },
    /// 审核通过.
    ReviewApproved {
        /// Plugin.
        plugin: AppId,
        /// Version.
        version: Semver,
    },
    /// 审核失败.
    ReviewRejected {
        /// Plugin.
        plugin: AppId,
        /// Version.
        version: Semver,
        /// Reason.
        reason: String,
    },
    /// 发布.
    VersionReleased {
        /// Plugin.
        plugin: AppId,
        /// Version.
        version: Semver,
    },
    /// 下线.
    VersionTakenOffline {
        /// Plugin.
        plugin: AppId,
        /// Version.
        version: Semver,
    },
    /// 申请使用.
    ApplicationSubmitted {
        /// Application id.
        id: ApplicationId,
        /// Plugin.
        plugin: AppId,
        /// Applicant.
        consumer: AppId,
        /// Reason.
        reason: String,
    },
    /// 通过.
    ApplicationApproved {
        /// Application id.
        id: ApplicationId,
        /// Plugin.
        plugin: AppId,
        /// Applicant.
        consumer: AppId,
    },
    /// 拒绝.
    ApplicationRejected {
        /// Application id.
        id: ApplicationId,
        /// Plugin.
        plugin: AppId,
        /// Applicant.
        consumer: AppId,
        /// Reason.
        reason: String,
    },
    /// 已超时 (system).
    ApplicationExpired {
        /// Application id.
        id: ApplicationId,
        /// Plugin.
        plugin: AppId,
        /// Applicant.
        consumer: AppId,
    },
    /// A 已拒绝/已超时 entry was deleted by the developer.
    ApplicationDeleted {
        /// Application id.
        id: ApplicationId,
        /// Plugin.
        plugin: AppId,
        /// Applicant.
        consumer: AppId,
    },
    /// The consumer removed (移除) a plugin it used.
    PluginRemoved {
        /// Plugin.
        plugin: AppId,
        /// Consumer.
        consumer: AppId,
    },
    /// The consumer chose alias + version for a plugin in use.
    PluginUseConfigured {
        /// Plugin.
        plugin: AppId,
        /// Consumer.
        consumer: AppId,
        /// Alias.
        alias: String,
        /// Version.
        version: Semver,
    },
}

impl EventKind {
    /// The plugin this event concerns (for the per-plugin audit timeline).
    pub fn plugin(&self) -> Option<&AppId> {
        use EventKind::*;
        match self {
            AccountCreated { .. } | ReviewerAdded { .. } => None,
            PluginOpened { plugin, .. }
            | DevInfoSet { plugin, .. }
            | BasicInfoEdited { plugin, .. }
            | VersionUploaded { plugin, .. }
            | ReviewSubmitted { plugin, .. }
            | ReviewWithdrawn { plugin, .. }
            | ReviewApproved { plugin, .. }
            | ReviewRejected { plugin, .. }
            | VersionReleased { plugin, .. }
            | VersionTakenOffline { plugin, .. }
            | ApplicationSubmitted { plugin, .. }
            | ApplicationApproved { plugin, .. }
            | ApplicationRejected { plugin, .. }
            | ApplicationExpired { plugin, .. }
            | ApplicationDeleted { plugin, .. }
            | PluginRemoved { plugin, .. }
            | PluginUseConfigured { plugin, .. } => Some(plugin),
        }
    }

    /// The consumer mini program this event concerns, if any.
    pub fn consumer(&self) -> Option<&AppId> {
        use EventKind::*;
        match self {
            ApplicationSubmitted { consumer, .. }
            | ApplicationApproved { consumer, .. }
            | ApplicationRejected { consumer, .. }
            | ApplicationExpired { consumer, .. }
            | ApplicationDeleted { consumer, .. }
            | PluginRemoved { consumer, .. }
            | PluginUseConfigured { consumer, .. } => Some(consumer),
            _ => None,
        }
    }

    /// One-line Chinese description (user text is included verbatim: render as text).
    pub fn zh(&self) -> String {
        use EventKind::*;
        match self {
            AccountCreated { account } => {
                format!("创建小程序「{}」（{}）", account.name, account.subject.zh())
            }
            ReviewerAdded { reviewer } => format!("添加审核人员「{}」", reviewer.name),
            PluginOpened { name, .. } => format!("开通插件功能：「{name}」"),
            DevInfoSet { .. } => "填写开发信息".into(),
            BasicInfoEdited { .. } => "修改插件基本信息".into(),
            VersionUploaded { version, .. } => format!("上传开发版本 {version}"),
            ReviewSubmitted {
                version,
                submission,
                ..
            } => format!("版本 {version} 提交审核（{}）", submission.category),
            ReviewWithdrawn { version, .. } => format!("版本 {version} 撤回审核"),
            ReviewApproved { version, .. } => format!("版本 {version} 审核通过"),
            ReviewRejected {
                version, reason, ..
            } => format!("版本 {version} 审核失败：{reason}"),
            VersionReleased { version, .. } => format!("版本 {version} 发布"),
            VersionTakenOffline { version, .. } => format!("版本 {version} 下线"),
            ApplicationSubmitted { consumer, .. } => format!("{consumer} 申请使用"),
            ApplicationApproved { consumer, .. } => format!("通过 {consumer} 的使用申请"),
            ApplicationRejected {
                consumer, reason, ..
            } => format!("拒绝 {consumer} 的使用申请：{reason}"),
            ApplicationExpired { consumer, .. } => {
                format!("{consumer} 的使用申请已超时")
            }
            ApplicationDeleted { consumer, .. } => format!("删除 {consumer} 的申请记录"),
            PluginRemoved { consumer, .. } => format!("{consumer} 移除插件"),
            PluginUseConfigured {
                consumer,
                alias,
                version,
                ..
            } => format!("{consumer} 以别名 {alias} 使用版本 {version}"),
        }
    }

    /// One-line English description.
    pub fn en(&self) -> String {
        use EventKind::*;
        match self {
            AccountCreated { account } => format!(
                "Mini program \"{}\" created ({})",
                account.name,
                account.subject.en()
            ),
            ReviewerAdded { reviewer } => format!("Reviewer \"{}\" added", reviewer.name),
            PluginOpened { name, .. } => format!("Plugin capability opened: \"{name}\""),
            DevInfoSet { .. } => "Development info set".into(),
            BasicInfoEdited { .. } => "Basic info edited".into(),
            VersionUploaded { version, .. } => format!("Version {version} uploaded"),
            ReviewSubmitted {
                version,
                submission,
                ..
            } => format!(
                "Version {version} submitted for review ({})",
                submission.category.en()
            ),
            ReviewWithdrawn { version, .. } => format!("Review of version {version} withdrawn"),
            ReviewApproved { version, .. } => format!("Version {version} approved"),
            ReviewRejected {
                version, reason, ..
            } => format!("Version {version} rejected: {reason}"),
            VersionReleased { version, .. } => format!("Version {version} released"),
            VersionTakenOffline { version, .. } => format!("Version {version} taken offline"),
            ApplicationSubmitted { consumer, .. } => {
                format!("{consumer} applied to use the plugin")
            }
            ApplicationApproved { consumer, .. } => {
                format!("Application from {consumer} approved")
            }
            ApplicationRejected {
                consumer, reason, ..
            } => format!("Application from {consumer} rejected: {reason}"),
            ApplicationExpired { consumer, .. } => {
                format!("Application from {consumer} expired")
            }
            ApplicationDeleted { consumer, .. } => {
                format!("Application entry from {consumer} deleted")
            }
            PluginRemoved { consumer, .. } => format!("{consumer} removed the plugin"),
            PluginUseConfigured {
                consumer,
                alias,
                version,
                ..
            } => format!("{consumer} uses version {version} under alias {alias}"),
        }
    }
}
