//! 插件开发流程: the step a developer's plugin is at, as the guide's flow orders them (开通插件功能
//! → 填写开发信息 → 上传 → 提交审核 → 发布 → 管理使用申请). Asked by the developer's pages; decided
//! here with the rules the commands keep.

use super::clock::Timestamp;
use super::errors::DomainError;
use super::events::Actor;
use super::ids::AppId;
use super::version::{Semver, VersionStatus};
use super::workspace::Workspace;

/// The next step of a plugin's development flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NextStep {
    /// 待确认 applications wait: they expire after [`super::APPLICATION_WINDOW_HOURS`].
    HandleApplications,
    /// No server domain yet: nothing can be uploaded ([`DomainError::DevInfoRequired`]).
    FillDevInfo,
    /// No version uploaded yet.
    Upload,
    /// This version passed review and waits to be released.
    Release(Semver),
    /// A version is 审核中: the platform's reviewers decide next.
    AwaitReview,
    /// This 开发版本 can be submitted for review.
    Submit(Semver),
    /// This version, the newest to submit, is 审核失败: a fixed version is uploaded next (or this
    /// one submitted again, its review details changed). QA: "submit 1.0.0" beside its refusal
    /// read as "send the same code again".
    Fix(Semver),
    /// Released, nothing waits: consumer mini programs may now find it and apply (a new version
    /// may be uploaded meanwhile).
    AwaitApplications,
    /// As [`Self::AwaitApplications`], with `999.999.999` uploaded: no new version can be
    /// (developer QA: "or upload a new version" beside a disabled 上传).
    AwaitApplicationsAtLastVersion,
    /// Nothing waits and nothing is online: a new version is what comes next.
    UploadNew,
}

impl Workspace {
    /// The next step for `plugin`, as its owner, at `now`; or why none can be taken whatever is
    /// done (e.g. no approved category open to plugins: every submission is refused).
    pub fn next_step(&self, plugin: &AppId, now: Timestamp) -> Result<NextStep, DomainError> {
        let p = self
            .plugin(plugin)
            .ok_or_else(|| DomainError::PluginNotFound {
                app_id: plugin.clone(),
            })?;
        let owner = Actor::Developer(plugin.clone());
        // The newest version in a status (versions are kept in upload order): the one a step
        // names (review: after 1.0.0 was refused and 1.0.1 uploaded as its fix, it named 1.0.0).
        let with = |s: fn(&VersionStatus) -> bool| p.versions.iter().rev().find(|v| s(&v.status));
        // A version a newer one went past is left behind, not a step: one to submit behind one
        // that passed review (QA: with 1.0.0 审核失败 and 1.0.1 已发布, the next step was to
        // submit 1.0.0), one to release behind one online (QA: 发布 1.0.0 with 1.1.0 已发布; with
        // every newer one offline, releasing it is a way back online).
        let newest = |s: fn(&VersionStatus) -> bool| with(s).map(|v| v.version);
        let online = newest(|s| *s == VersionStatus::Released);
        let approved = with(|s| *s == VersionStatus::Approved)
            .filter(|v| online.is_none_or(|r| v.version > r));
        // Applications first, as they expire; unless none could be approved (no online version:
        // `NoOnlineVersion`): then what puts a version online again comes first, to release, to
        // submit or to upload (QA: 处理使用申请 was the next step of a plugin with every version
        // offline, its applications only to be refused).
        if self.pending_applications(plugin, now) > 0 && p.has_online_version() {
            return Ok(NextStep::HandleApplications);
        }
        // Said from the start, not first after an upload (QA): no version of this account's
        // plugin can pass 提交审核, whatever is filled in before it.
        let account = self
            .account(plugin)
            .ok_or_else(|| DomainError::AccountNotFound {
                app_id: plugin.clone(),
            })?;
        if let Some(e) = account
            .development_blocked()
            .filter(|_| !p.has_online_version())
        {
            return Err(e);
        }
        if p.dev_info_missing().is_some() {
            return Ok(NextStep::FillDevInfo);
        }
        if p.versions.is_empty() {
            return Ok(NextStep::Upload);
        }
        if let Some(v) = approved {
            return Ok(NextStep::Release(v.version));
        }
        if p.in_review().is_some() {
            return Ok(NextStep::AwaitReview);
        }
        let passed = newest(|s| {
            matches!(
                s,
                VersionStatus::Approved | VersionStatus::Released | VersionStatus::Offline
            )
        });
        let submittable = with(|s| s.allows(super::errors::VersionAction::Submit))
            .filter(|v| passed.is_none_or(|p| v.version > p));
        // `999.999.999` uploaded: nothing can be uploaded after it, so no step says to.
        let last = p.at_last_version();
        match submittable {
            Some(v) => match self.submit_blocked(&owner, plugin, &v.version) {
                Some(e) => Err(e),
                None if matches!(v.status, VersionStatus::Rejected { .. }) && last.is_none() => {
                    Ok(NextStep::Fix(v.version))
                }
                None => Ok(NextStep::Submit(v.version)),
            },
            None if p.has_online_version() && last.is_some() => {
                Ok(NextStep::AwaitApplicationsAtLastVersion)
            }
            None if p.has_online_version() => Ok(NextStep::AwaitApplications),
            None => match last {
                Some(latest) => Err(DomainError::NoHigherVersion { latest }),
                None => Ok(NextStep::UploadNew),
            },
        }
    }
}
