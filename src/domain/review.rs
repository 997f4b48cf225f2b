//! 提交审核: the submission form and the review record.

use serde::{Deserialize, Serialize};

use super::account::Category;
use super::clock::Timestamp;
use super::errors::DomainError;
use super::text::{char_len, composed, counted_len, name_key};
use super::version::Semver;

/// Most tags per submission.
pub const MAX_TAGS: usize = 5;
/// Most characters per tag.
pub const MAX_TAG_CHARS: usize = 10;
/// 功能描述: this many characters.
pub const FEATURE_DESCRIPTION_CHARS: std::ops::RangeInclusive<usize> = 20..=500;

/// What the developer fills in when submitting a version for review.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewSubmission {
    /// 插件服务类目
    #[serde(rename = "c")]
    pub category: Category,
    /// 标签
    #[serde(rename = "t")]
    pub tags: Vec<String>,
    /// 功能描述
    #[serde(rename = "d")]
    pub feature_description: String,
}

impl ReviewSubmission {
    /// The tags trimmed, a letter and its combining accent as one letter ([`composed`]: search
    /// finds them as typed, re-check QA); the 功能描述 trimmed.
    pub fn normalized(&self) -> ReviewSubmission {
        ReviewSubmission {
            category: self.category.clone(),
            tags: self
                .tags
                .iter()
                .map(|t| composed(t.trim().chars()))
                .collect(),
            feature_description: self.feature_description.trim().to_string(),
        }
    }

    /// 标签 (1–5, each 1–10 chars, no duplicates) and 功能描述 (20–500 chars).
    /// The category rule needs the account: see [`crate::domain::category::check_plugin_category`].
    pub fn validate_form(&self) -> Result<(), DomainError> {
        match self.form_problems().into_iter().next() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Each field's first problem, in form order (标签, then 功能描述): the form shows them all
    /// at once (QA: the 功能描述 refusal came only after the tags were fixed).
    pub fn form_problems(&self) -> Vec<DomainError> {
        let mut out = Vec::new();
        if let Err(e) = validate_tags(&self.tags) {
            out.push(e);
        }
        // Only what shows as nothing is not filled in (QA: 20 × U+200B went to review).
        let len = counted_len(&self.feature_description);
        if !FEATURE_DESCRIPTION_CHARS.contains(&len) {
            out.push(DomainError::FeatureDescriptionLength { len });
        }
        out
    }
}

/// A tag with a character people cannot see ([`crate::domain::text::hidden_char`]): what 提交审核
/// refuses, and the form as a tag is added.
pub fn hidden_in_tags(tags: &[String]) -> Option<DomainError> {
    tags.iter()
        .find_map(|t| crate::domain::TextField::Tag.hidden_in(t))
}

/// 标签 rule: 1–5 tags, each 1–10 characters (trimmed), no duplicates (compared as plugin names
/// are: [`name_key`], so case, full-width letters, runs of spaces and variation selectors aside).
/// Each tag is checked before the count: a duplicate added to five is said to be one, not a
/// sixth tag (review).
pub fn validate_tags(tags: &[String]) -> Result<(), DomainError> {
    check_tags(tags, name_key)
}

/// [`validate_tags`] with tags told apart as when they were stored before session 29
/// ([`super::text::name_key_before`]: an accent typed as a mark, a variation selector made
/// another tag then): what an import holds a stored submission to (upgrade QA: an export with
/// `e`+U+0301 and `é` as two tags was refused, the user's own backup too).
pub fn validate_stored_tags(tags: &[String]) -> Result<(), DomainError> {
    check_tags(tags, super::text::name_key_before)
}

fn check_tags(tags: &[String], name_key: fn(&str) -> String) -> Result<(), DomainError> {
    let mut seen: Vec<String> = Vec::with_capacity(tags.len());
    for tag in tags {
        // A letter and its accent count one (re-check QA: `e` + U+0301 counted two).
        let len = char_len(&composed(tag.trim().chars()));
        if !(1..=MAX_TAG_CHARS).contains(&len) {
            return Err(DomainError::TagLength {
                tag: tag.clone(),
                len,
            });
        }
        // As names are compared: case, width (`ＶＩＤＥＯ` is `Video`) and inner spaces aside (QA).
        let key = name_key(tag);
        if seen.contains(&key) {
            return Err(DomainError::TagDuplicate { tag: tag.clone() });
        }
        seen.push(key);
    }
    if !(1..=MAX_TAGS).contains(&tags.len()) {
        return Err(DomainError::TagCount { count: tags.len() });
    }
    Ok(())
}

/// How a review ended (or that it has not yet).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReviewOutcome {
    /// 审核中
    Pending,
    /// 审核通过
    Approved {
        /// Reviewer id.
        reviewer: String,
        /// Decision time.
        at: Timestamp,
    },
    /// 审核失败
    Rejected {
        /// Reviewer id.
        reviewer: String,
        /// Decision time.
        at: Timestamp,
        /// Reason shown to the developer.
        reason: String,
    },
    /// 撤回 by the developer.
    Withdrawn {
        /// Withdrawal time.
        at: Timestamp,
    },
}

impl ReviewOutcome {
    /// When the review ended (a decision or a withdrawal); `None` while pending.
    pub fn decided_at(&self) -> Option<Timestamp> {
        match self {
            ReviewOutcome::Pending => None,
            ReviewOutcome::Approved { at, .. }
            | ReviewOutcome::Rejected { at, .. }
            | ReviewOutcome::Withdrawn { at } => Some(*at),
        }
    }
}

/// One submission of one version for review, with its outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewRecord {
    /// The version reviewed.
    #[serde(rename = "v")]
    pub version: Semver,
    /// The form.
    #[serde(rename = "f")]
    pub submission: ReviewSubmission,
    /// Submission time.
    #[serde(rename = "t")]
    pub submitted_at: Timestamp,
    /// Outcome so far.
    #[serde(rename = "o")]
    pub outcome: ReviewOutcome,
}
