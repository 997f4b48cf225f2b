//! Plugin versions: `x.y.z` numbers and the version status machine.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::clock::Timestamp;
use super::errors::DomainError;
use super::manifest::PluginManifest;
use super::review::ReviewSubmission;

/// Largest value of one version part.
pub const MAX_VERSION_PART: u16 = 999;

/// Longest 版本描述, in characters after trimming *(decided)*.
pub const MAX_VERSION_DESCRIPTION_CHARS: usize = 200;

/// 版本描述 rule: at most [`MAX_VERSION_DESCRIPTION_CHARS`] characters (`description` as stored:
/// trimmed).
pub fn validate_version_description(description: &str) -> Result<(), DomainError> {
    let len = super::text::counted_len(description);
    if len > MAX_VERSION_DESCRIPTION_CHARS {
        return Err(DomainError::VersionDescriptionTooLong { len });
    }
    Ok(())
}

/// A version number `x.y.z`, each part 0–999. Serialized as the string `"x.y.z"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Semver {
    /// x
    pub major: u16,
    /// y
    pub minor: u16,
    /// z
    pub patch: u16,
}

impl Semver {
    /// Builds a version (no range check; use [`Semver::parse`] for user input).
    pub const fn new(major: u16, minor: u16, patch: u16) -> Self {
        Semver {
            major,
            minor,
            patch,
        }
    }

    /// The smallest valid version above this one: patch + 1, carrying into minor and major at
    /// 999 (`1.0.999` → `1.1.0`); `None` after `999.999.999`. What the 上传 form suggests.
    pub fn successor(self) -> Option<Semver> {
        let m = MAX_VERSION_PART;
        match (self.major, self.minor, self.patch) {
            (x, y, z) if z < m => Some(Semver::new(x, y, z + 1)),
            (x, y, _) if y < m => Some(Semver::new(x, y + 1, 0)),
            (x, _, _) if x < m => Some(Semver::new(x + 1, 0, 0)),
            _ => None,
        }
    }

    /// The version the 上传 form suggests after the latest upload `latest`: its
    /// [`successor`](Self::successor), or 1.0.0 for a plugin's first *(decided)*; `None` after
    /// `999.999.999`.
    pub fn next_upload(latest: Option<Semver>) -> Option<Semver> {
        match latest {
            Some(latest) => latest.successor(),
            None => Some(Semver::new(1, 0, 0)),
        }
    }

    /// Parses `x.y.z` (each part 0–999, digits only, no leading zeros, surrounding
    /// whitespace ignored).
    pub fn parse(input: &str) -> Result<Semver, DomainError> {
        // Full-width digits and stops, from a Chinese input method, read as ASCII, as in names
        // (re-check QA: `１.２.３` was malformed, without a word of why).
        let ascii: String;
        // So is 。, the stop a Chinese input method types for "." (developer QA: `1。0。0`).
        let input = if input
            .chars()
            .any(|c| matches!(c, '０'..='９' | '．' | '。'))
        {
            ascii = (input.chars())
                .map(|c| {
                    if c == '。' {
                        '.'
                    } else {
                        super::text::half_width(c)
                    }
                })
                .collect();
            ascii.as_str()
        } else {
            input
        };
        // A leading zero is named only when it is all that is wrong (`01.0` lacks a part too).
        let leading_zero = {
            let parts: Vec<&str> = input.trim().split('.').collect();
            parts.len() == 3
                && parts
                    .iter()
                    .all(|p| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
                && parts.iter().any(|p| p.len() > 1 && p.starts_with('0'))
        };
        let err = || DomainError::VersionFormat {
            value: input.to_string(),
            leading_zero,
        };
        let mut parts = input.trim().split('.');
        let mut next = || -> Result<u16, DomainError> {
            let p = parts.next().ok_or_else(err)?;
            if p.is_empty() || p.len() > 3 || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err());
            }
            if p.len() > 1 && p.starts_with('0') {
                return Err(err());
            }
            p.parse::<u16>()
                .ok()
                .filter(|v| *v <= MAX_VERSION_PART)
                .ok_or_else(err)
        };
        let (major, minor, patch) = (next()?, next()?, next()?);
        if parts.next().is_some() {
            return Err(err());
        }
        Ok(Semver::new(major, minor, patch))
    }

    /// The refusal of a malformed version number in a deserializer's message (then `at line L
    /// column C`: not said, as serde_json may place it after the end of the enclosing object;
    /// the value quoted finds it). The last NUL ends the value, which may hold one (see
    /// `MALFORMED`).
    pub fn refusal_in(message: &str) -> Option<DomainError> {
        let (value, _) = message.strip_prefix(MALFORMED)?.rsplit_once('\0')?;
        Semver::parse(value).err()
    }
}

impl fmt::Display for Semver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

impl Serialize for Semver {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// What a malformed version number in a file tells serde: this mark, the value and a NUL, so
/// that [`Semver::refusal_in`] can say it again in the user's language (an import said it in
/// English only).
const MALFORMED: &str = "malformed version number ";

impl<'de> Deserialize<'de> for Semver {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Semver::parse(&s).map_err(|_| serde::de::Error::custom(format_args!("{MALFORMED}{s}\0")))
    }
}

/// Status of an uploaded version.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum VersionStatus {
    /// 开发版
    Dev,
    /// 审核中
    InReview,
    /// 审核通过
    Approved,
    /// 审核失败, with the reviewer's reason.
    Rejected {
        /// Reason shown to the developer.
        reason: String,
    },
    /// 已发布 (online)
    Released,
    /// 已下线
    Offline,
}

impl VersionStatus {
    /// Chinese label.
    pub fn zh(&self) -> &'static str {
        match self {
            VersionStatus::Dev => "开发版本",
            VersionStatus::InReview => "审核中",
            VersionStatus::Approved => "审核通过",
            VersionStatus::Rejected { .. } => "审核失败",
            VersionStatus::Released => "已发布",
            VersionStatus::Offline => "已下线",
        }
    }
    /// English label.
    pub fn en(&self) -> &'static str {
        match self {
            VersionStatus::Dev => "development version",
            VersionStatus::InReview => "in review",
            VersionStatus::Approved => "approved",
            VersionStatus::Rejected { .. } => "rejected",
            VersionStatus::Released => "released",
            VersionStatus::Offline => "offline",
        }
    }
    /// Whether this is an online version (已发布).
    pub fn is_online(&self) -> bool {
        *self == VersionStatus::Released
    }
    /// Whether `action` may be taken on a version in this status: 提交审核 from 开发版本 or
    /// 审核失败, 撤回审核 and the review's decision while 审核中, 发布 once 审核通过, 下线 once
    /// 已发布 ([`Self::can_become`]).
    pub fn allows(&self, action: super::errors::VersionAction) -> bool {
        use super::errors::VersionAction::*;
        match action {
            Submit => self.can_become(&VersionStatus::InReview),
            Withdraw | Decide => *self == VersionStatus::InReview,
            Release => self.can_become(&VersionStatus::Released),
            TakeOffline => self.can_become(&VersionStatus::Offline),
        }
    }
    /// Every status, in the order a version goes through them (审核失败 after 审核通过).
    pub fn all() -> [VersionStatus; 6] {
        [
            VersionStatus::Dev,
            VersionStatus::InReview,
            VersionStatus::Approved,
            VersionStatus::Rejected {
                reason: String::new(),
            },
            VersionStatus::Released,
            VersionStatus::Offline,
        ]
    }
    /// The legal transitions: 开发版/审核失败 → 审核中 → (开发版 by 撤回 | 审核通过 | 审核失败);
    /// 审核通过 → 已发布 → 已下线.
    pub fn can_become(&self, next: &VersionStatus) -> bool {
        use VersionStatus::*;
        matches!(
            (self, next),
            (Dev, InReview)
                | (Rejected { .. }, InReview)
                | (InReview, Dev)
                | (InReview, Approved)
                | (InReview, Rejected { .. })
                | (Approved, Released)
                | (Released, Offline)
        )
    }
}

/// One uploaded version of a plugin.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PluginVersion {
    /// Version number.
    #[serde(rename = "v")]
    pub version: Semver,
    /// 版本描述
    #[serde(rename = "d", default)]
    pub description: String,
    /// Validated `plugin.json`.
    #[serde(rename = "m")]
    pub manifest: PluginManifest,
    /// Current status.
    #[serde(rename = "s")]
    pub status: VersionStatus,
    /// Upload time.
    #[serde(rename = "u")]
    pub uploaded_at: Timestamp,
    /// The latest review submission of this version (category, 标签, 功能描述).
    #[serde(rename = "r", default)]
    pub submission: Option<ReviewSubmission>,
    /// When it was released (已发布), if ever.
    #[serde(rename = "t", default)]
    pub released_at: Option<Timestamp>,
}
