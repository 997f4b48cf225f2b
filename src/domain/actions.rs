//! Thin convenience methods, one per user action, each delegating to
//! [`Workspace::execute`].

use super::account::{Category, SubjectType};
use super::application::ApplicationId;
use super::clock::Timestamp;
use super::commands::Command;
use super::errors::DomainError;
use super::events::{Actor, Event};
use super::ids::AppId;
use super::plugin::{DevInfo, Icon};
use super::review::ReviewSubmission;
use super::version::Semver;
use super::workspace::Workspace;

impl Workspace {
    /// Creates a mini program account; returns its generated AppID.
    pub fn create_account(
        &mut self,
        actor: &Actor,
        now: Timestamp,
        name: &str,
        subject: SubjectType,
        categories: Vec<Category>,
    ) -> Result<AppId, DomainError> {
        let cmd = Command::CreateAccount {
            name: name.to_string(),
            subject,
            categories,
        };
        let app_id = self.next_app_id();
        self.execute(actor, now, cmd)?;
        Ok(app_id)
    }
    /// Adds a platform reviewer.
    pub fn add_reviewer(
        &mut self,
        actor: &Actor,
        now: Timestamp,
        id: &str,
        name: &str,
    ) -> Result<Event, DomainError> {
        self.execute(
            actor,
            now,
            Command::AddReviewer {
                id: id.into(),
                name: name.into(),
            },
        )
    }
    /// 开通插件功能.
    pub fn open_plugin(
        &mut self,
        actor: &Actor,
        now: Timestamp,
        name: &str,
        icon: Icon,
        intro: &str,
    ) -> Result<Event, DomainError> {
        self.execute(
            actor,
            now,
            Command::OpenPlugin {
                name: name.into(),
                icon,
                intro: intro.into(),
            },
        )
    }
    /// 填写开发信息.
    pub fn set_dev_info(
        &mut self,
        actor: &Actor,
        now: Timestamp,
        plugin: &AppId,
        dev_info: DevInfo,
    ) -> Result<Event, DomainError> {
        self.execute(
            actor,
            now,
            Command::SetDevInfo {
                plugin: plugin.clone(),
                dev_info,
            },
        )
    }
    /// Edits icon and 简介.
    pub fn edit_basic_info(
        &mut self,
        actor: &Actor,
        now: Timestamp,
        plugin: &AppId,
        icon: Icon,
        intro: &str,
    ) -> Result<Event, DomainError> {
        self.execute(
            actor,
            now,
            Command::EditBasicInfo {
                plugin: plugin.clone(),
                icon,
                intro: intro.into(),
            },
        )
    }
    /// Uploads a 开发版本.
    pub fn upload_version(
        &mut self,
        actor: &Actor,
        now: Timestamp,
        plugin: &AppId,
        version: &str,
        description: &str,
        manifest: &str,
    ) -> Result<Event, DomainError> {
        self.execute(
            actor,
            now,
            Command::UploadVersion {
                plugin: plugin.clone(),
                version: version.into(),
                description: description.into(),
                manifest: manifest.into(),
            },
        )
    }
    /// 提交审核.
    pub fn submit_review(
        &mut self,
        actor: &Actor,
        now: Timestamp,
        plugin: &AppId,
        version: Semver,
        submission: ReviewSubmission,
    ) -> Result<Event, DomainError> {
        self.execute(
            actor,
            now,
            Command::SubmitReview {
                plugin: plugin.clone(),
                version,
                submission,
            },
        )
    }
    /// 撤回审核.
    pub fn withdraw_review(
        &mut self,
        actor: &Actor,
        now: Timestamp,
        plugin: &AppId,
        version: Semver,
    ) -> Result<Event, DomainError> {
        self.execute(
            actor,
            now,
            Command::WithdrawReview {
                plugin: plugin.clone(),
                version,
            },
        )
    }
    /// 审核通过.
    pub fn approve_review(
        &mut self,
        actor: &Actor,
        now: Timestamp,
        plugin: &AppId,
        version: Semver,
    ) -> Result<Event, DomainError> {
        self.execute(
            actor,
            now,
            Command::ApproveReview {
                plugin: plugin.clone(),
                version,
            },
        )
    }
    /// 审核失败.
    pub fn reject_review(
        &mut self,
        actor: &Actor,
        now: Timestamp,
        plugin: &AppId,
        version: Semver,
        reason: &str,
    ) -> Result<Event, DomainError> {
        self.execute(
            actor,
            now,
            Command::RejectReview {
                plugin: plugin.clone(),
                version,
                reason: reason.into(),
            },
        )
    }
    /// 发布.
    pub fn release(
        &mut self,
        actor: &Actor,
        now: Timestamp,
        plugin: &AppId,
        version: Semver,
    ) -> Result<Event, DomainError> {
        self.execute(
            actor,
            now,
            Command::Release {
                plugin: plugin.clone(),
                version,
            },
        )
    }
    /// 申请使用; returns the new application's id.
    pub fn apply_for_plugin(
        &mut self,
        actor: &Actor,
        now: Timestamp,
        plugin: &AppId,
        reason: &str,
    ) -> Result<ApplicationId, DomainError> {
        let id = self.next_application_id();
        self.execute(
            actor,
            now,
            Command::Apply {
                plugin: plugin.clone(),
                reason: reason.into(),
            },
        )?;
        Ok(id)
    }
    /// 通过 an application.
    pub fn approve_application(
        &mut self,
        actor: &Actor,
        now: Timestamp,
        id: ApplicationId,
    ) -> Result<Event, DomainError> {
        self.execute(actor, now, Command::ApproveApplication { id })
    }
    /// 拒绝 an application.
    pub fn reject_application(
        &mut self,
        actor: &Actor,
        now: Timestamp,
        id: ApplicationId,
        reason: &str,
    ) -> Result<Event, DomainError> {
        self.execute(
            actor,
            now,
            Command::RejectApplication {
                id,
                reason: reason.into(),
            },
        )
    }
    /// Deletes a 已拒绝/已超时 entry.
    pub fn delete_application(
        &mut self,
        actor: &Actor,
        now: Timestamp,
        id: ApplicationId,
    ) -> Result<Event, DomainError> {
        self.execute(actor, now, Command::DeleteApplication { id })
    }
    /// 移除 a plugin in use.
    pub fn remove_plugin(
        &mut self,
        actor: &Actor,
        now: Timestamp,
        plugin: &AppId,
    ) -> Result<Event, DomainError> {
        self.execute(
            actor,
            now,
            Command::RemovePlugin {
                plugin: plugin.clone(),
            },
        )
    }
    /// Chooses alias + online version for a plugin in use.
    pub fn configure_plugin_use(
        &mut self,
        actor: &Actor,
        now: Timestamp,
        plugin: &AppId,
        alias: &str,
        version: Semver,
    ) -> Result<Event, DomainError> {
        self.execute(
            actor,
            now,
            Command::ConfigurePluginUse {
                plugin: plugin.clone(),
                alias: alias.into(),
                version,
            },
        )
    }
}
