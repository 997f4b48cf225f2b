//! A plugin: basic info, dev info and its versions.

use std::ops::RangeInclusive;

use serde::{Deserialize, Serialize};

use super::clock::Timestamp;
use super::errors::{DomainError, Field};
use super::ids::AppId;
use super::review::{ReviewRecord, ReviewSubmission};
use super::text::{char_len, name_form};
use super::version::{PluginVersion, Semver, VersionStatus};

/// Largest uploaded icon: bytes of image (the file, the `data:` URL decoded: [`image_bytes`]).
pub const MAX_ICON_BYTES: usize = 64 * 1024;
/// Most entries per server-domain list.
pub const MAX_DOMAINS: usize = 20;
/// 简介: at most this many characters.
pub const MAX_INTRO_CHARS: usize = 120;
/// 插件名称: this many characters *(decided)*, counted in the stored form ([`name_form`]).
pub const PLUGIN_NAME_CHARS: RangeInclusive<usize> = 2..=20;
/// Token: this many ASCII letters and digits *(decided)*.
pub const TOKEN_CHARS: RangeInclusive<usize> = 3..=32;

/// A built-in icon: key, Chinese label, glyph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BuiltinIcon {
    /// Key stored in [`Icon::Builtin`].
    pub key: &'static str,
    /// Chinese label.
    pub zh: &'static str,
    /// English label.
    pub en: &'static str,
    /// A glyph the UI may show.
    pub glyph: &'static str,
}

/// The built-in icon set.
pub const BUILTIN_ICONS: &[BuiltinIcon] = &[
    BuiltinIcon {
        key: "express",
        zh: "快递",
        en: "Express",
        glyph: "📦",
    },
    BuiltinIcon {
        key: "weather",
        zh: "天气",
        en: "Weather",
        glyph: "⛅",
    },
    BuiltinIcon {
        key: "medical",
        zh: "医疗",
        en: "Medical",
        glyph: "🩺",
    },
    BuiltinIcon {
        key: "tool",
        zh: "工具",
        en: "Tool",
        glyph: "🔧",
    },
    BuiltinIcon {
        key: "ticket",
        zh: "票务",
        en: "Tickets",
        glyph: "🎫",
    },
    BuiltinIcon {
        key: "car",
        zh: "汽车",
        en: "Car",
        glyph: "🚗",
    },
    BuiltinIcon {
        key: "food",
        zh: "餐饮",
        en: "Food",
        glyph: "🍜",
    },
    BuiltinIcon {
        key: "music",
        zh: "音乐",
        en: "Music",
        glyph: "🎵",
    },
];

/// A plugin icon.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Icon {
    /// One of [`BUILTIN_ICONS`] by key.
    Builtin(String),
    /// An uploaded image as a `data:image/...` URL (≤ [`MAX_ICON_BYTES`]).
    DataUrl(String),
}

/// Size in bytes of the image a `data:` URL holds: its base64 payload decoded (what the user's
/// file weighed, what the "up to 64 KB" hint speaks of), or the raw payload when not base64.
pub fn image_bytes(data_url: &str) -> usize {
    match data_url.split_once(',') {
        Some((head, payload)) if head.ends_with(";base64") => {
            payload.trim_end_matches('=').len() * 3 / 4
        }
        Some((_, payload)) => payload.len(),
        None => data_url.len(),
    }
}

/// Whether a `data:image/…` URL holds an image browsers show: the first bytes of its base64
/// payload are those of PNG, JPEG, GIF, WebP, BMP, ICO or AVIF/HEIF, or it is an SVG document.
/// A text file renamed `.png` is read by the browser as `data:image/png` but is none of these.
fn holds_image(data_url: &str) -> bool {
    let Some((head, payload)) = data_url.split_once(',') else {
        return false;
    };
    let svg = head.starts_with("data:image/svg+xml");
    if !head.ends_with(";base64") {
        // Only SVG, a text format, is written as text in a data URL.
        return svg;
    }
    // The first 12 bytes (16 base64 digits) are enough for every signature.
    let mut bytes = Vec::with_capacity(12);
    let (mut bits, mut n) = (0u32, 0);
    for c in payload.bytes().take(16) {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => break,
        };
        bits = bits << 6 | u32::from(v);
        n += 6;
        if n >= 8 {
            n -= 8;
            bytes.push((bits >> n) as u8);
        }
    }
    match bytes.as_slice() {
        [0x89, b'P', b'N', b'G', ..]
        | [0xFF, 0xD8, 0xFF, ..]
        | [b'G', b'I', b'F', b'8', ..]
        | [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..]
        | [b'B', b'M', ..]
        | [0, 0, 1, 0, ..]
        | [_, _, _, _, b'f', b't', b'y', b'p', ..] => true,
        text => {
            let text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(text);
            svg && text.trim_ascii_start().starts_with(b"<")
        }
    }
}

impl Icon {
    /// Validates the icon.
    pub fn validate(&self) -> Result<(), DomainError> {
        match self {
            Icon::Builtin(key) if BUILTIN_ICONS.iter().any(|b| b.key == key) => Ok(()),
            Icon::Builtin(key) => Err(DomainError::UnknownBuiltinIcon { key: key.clone() }),
            Icon::DataUrl(url) if !url.starts_with("data:image/") || !holds_image(url) => {
                Err(DomainError::IconNotImage)
            }
            Icon::DataUrl(url) => Self::check_image_bytes(image_bytes(url)),
        }
    }
    /// The size rule of an uploaded icon: at most [`MAX_ICON_BYTES`] of image (also asked of a
    /// chosen file before it is read).
    pub fn check_image_bytes(bytes: usize) -> Result<(), DomainError> {
        if bytes > MAX_ICON_BYTES {
            Err(DomainError::IconTooLarge { bytes })
        } else {
            Ok(())
        }
    }
    /// The built-in icon, if this is one.
    pub fn builtin(&self) -> Option<&'static BuiltinIcon> {
        match self {
            Icon::Builtin(key) => BUILTIN_ICONS.iter().find(|b| b.key == key),
            Icon::DataUrl(_) => None,
        }
    }
}

/// Plugin name rule: 2–20 characters in the stored form of names ([`name_form`]: trimmed, runs
/// of whitespace as one space, full-width letters and digits as ASCII). Returns that name.
pub fn validate_plugin_name(name: &str) -> Result<String, DomainError> {
    let t = name_form(name);
    let len = char_len(&t);
    if PLUGIN_NAME_CHARS.contains(&len) {
        Ok(t)
    } else {
        Err(DomainError::NameLength { len })
    }
}

/// 开通插件功能's and 插件基本信息's 简介: filled in ([`DomainError::IntroRequired`]) and at most
/// 120 characters ([`validate_intro`]). Returns the trimmed intro. Commands only: data made
/// before the rule (an empty 简介) still loads and imports.
pub fn require_intro(intro: &str) -> Result<String, DomainError> {
    let t = validate_intro(intro)?;
    if crate::domain::text::shows_nothing(&t) {
        return Err(DomainError::IntroRequired);
    }
    Ok(t)
}

/// 简介 rule: at most 120 characters. Returns the trimmed intro.
pub fn validate_intro(intro: &str) -> Result<String, DomainError> {
    let len = crate::domain::text::counted_len(intro);
    if len <= MAX_INTRO_CHARS {
        Ok(intro.trim().to_string())
    } else {
        Err(DomainError::IntroTooLong { len })
    }
}

/// The four 服务器域名 lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DomainList {
    /// request合法域名
    Request,
    /// socket合法域名
    Socket,
    /// uploadFile合法域名
    UploadFile,
    /// downloadFile合法域名
    DownloadFile,
}

impl DomainList {
    /// All lists.
    pub const ALL: [DomainList; 4] = [
        DomainList::Request,
        DomainList::Socket,
        DomainList::UploadFile,
        DomainList::DownloadFile,
    ];
    /// Its field in the 开发信息 form.
    pub fn field(self) -> Field {
        Field::Domains(self)
    }
    /// Chinese label.
    pub fn zh(self) -> &'static str {
        match self {
            DomainList::Request => "request合法域名",
            DomainList::Socket => "socket合法域名",
            DomainList::UploadFile => "uploadFile合法域名",
            DomainList::DownloadFile => "downloadFile合法域名",
        }
    }
    /// English label.
    pub fn en(self) -> &'static str {
        match self {
            DomainList::Request => "request domains",
            DomainList::Socket => "socket domains",
            DomainList::UploadFile => "uploadFile domains",
            DomainList::DownloadFile => "downloadFile domains",
        }
    }
    /// Required scheme *(decided, as on the platform)*: `wss://` for socket, else `https://`.
    pub fn scheme(self) -> &'static str {
        match self {
            DomainList::Socket => "wss://",
            _ => "https://",
        }
    }
}

/// 开发信息: server domains and Token.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DevInfo {
    /// request合法域名
    #[serde(rename = "rq", default)]
    pub request_domains: Vec<String>,
    /// socket合法域名
    #[serde(rename = "so", default)]
    pub socket_domains: Vec<String>,
    /// uploadFile合法域名
    #[serde(rename = "up", default)]
    pub upload_file_domains: Vec<String>,
    /// downloadFile合法域名
    #[serde(rename = "dl", default)]
    pub download_file_domains: Vec<String>,
    /// Token
    #[serde(rename = "tk")]
    pub token: String,
}

impl DevInfo {
    /// The entries of one list.
    pub fn list(&self, list: DomainList) -> &[String] {
        match list {
            DomainList::Request => &self.request_domains,
            DomainList::Socket => &self.socket_domains,
            DomainList::UploadFile => &self.upload_file_domains,
            DomainList::DownloadFile => &self.download_file_domains,
        }
    }

    /// Trims entries, lower-cases them (host names are case-insensitive), takes one trailing
    /// `/` away (`https://a.com/` is the host as a browser writes it, not a path: QA) and drops
    /// empty ones.
    pub fn normalized(&self) -> DevInfo {
        let clean = |v: &[String]| {
            v.iter()
                .map(|s| {
                    let s = s.trim().to_ascii_lowercase();
                    match s.strip_suffix('/') {
                        // Not `https://` itself, nor a second slash (`…//` is a path).
                        Some(host) if !host.ends_with('/') => host.trim_end().to_string(),
                        _ => s,
                    }
                })
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
        };
        DevInfo {
            request_domains: clean(&self.request_domains),
            socket_domains: clean(&self.socket_domains),
            upload_file_domains: clean(&self.upload_file_domains),
            download_file_domains: clean(&self.download_file_domains),
            token: self.token.trim().to_string(),
        }
    }

    /// One list's first problem ([`DevInfo::list_problems`]).
    pub(crate) fn check_list(&self, list: DomainList) -> Result<(), DomainError> {
        match self.list_problems(list).into_iter().next() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Every problem of one list, in its order: more than 20 entries, then each entry that is
    /// not a host name with the list's scheme and each one listed again (at its second
    /// place), said once each; at most 20 of them, among its first 100 entries (a pasted list
    /// of thousands is not said a line each).
    pub fn list_problems(&self, list: DomainList) -> Vec<DomainError> {
        let entries = self.list(list);
        let mut out = Vec::new();
        if entries.len() > MAX_DOMAINS {
            out.push(DomainError::TooManyDomains {
                list,
                count: entries.len(),
            });
        }
        // The first few times the most a list may hold: a pasted list of thousands is not
        // compared entry by entry (review: per keystroke).
        let checked = &entries[..entries.len().min(5 * MAX_DOMAINS)];
        let entry_problems = checked.iter().enumerate().filter_map(|(i, d)| {
            let seen = checked[..i].iter().filter(|e| *e == d).count();
            match domain_fault(list, d) {
                Some(fault) => (seen == 0).then(|| DomainError::DomainInvalid {
                    list,
                    value: d.clone(),
                    fault,
                }),
                None => (seen == 1).then(|| DomainError::DomainDuplicate {
                    list,
                    value: d.clone(),
                }),
            }
        });
        out.extend(entry_problems.take(MAX_DOMAINS));
        out
    }

    /// Every problem, in form order: each list's ([`DevInfo::list_problems`]), at
    /// least one server domain over the four lists ([`DevInfo::has_server_domain`]), the Token.
    /// Empty = valid. The 开发信息 form shows each next to its field.
    pub fn problems(&self) -> Vec<DomainError> {
        let mut out: Vec<DomainError> = DomainList::ALL
            .iter()
            .flat_map(|l| self.list_problems(*l))
            .collect();
        // 设置插件的服务器域名及 Token 后才能上传: saving without any domain would say "saved" and
        // still leave upload refused.
        if !self.has_server_domain() {
            out.push(DomainError::ServerDomainRequired);
        }
        if let Err(e) = validate_token(&self.token) {
            out.push(e);
        }
        out
    }

    /// Domain lists (≤ 20 each, valid host names with the list's scheme, each once), at least
    /// one server domain, and the Token: the first of [`DevInfo::problems`].
    pub fn validate(&self) -> Result<(), DomainError> {
        match self.problems().into_iter().next() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Whether at least one server domain is set (with the Token, what 上传 needs; saving checks
    /// it too, but a 开发信息 stored by an earlier version may have none).
    pub fn has_server_domain(&self) -> bool {
        DomainList::ALL.iter().any(|l| !self.list(*l).is_empty())
    }
}

/// Token rule: 3–32 ASCII letters and digits.
pub fn validate_token(token: &str) -> Result<(), DomainError> {
    let other = token.chars().find(|c| !c.is_ascii_alphanumeric());
    let len = char_len(token);
    if other.is_none() && TOKEN_CHARS.contains(&len) {
        Ok(())
    } else {
        Err(DomainError::TokenInvalid { len, other })
    }
}

/// Why an entry of a domain list is refused: the first fault found, named in the message (QA:
/// `http://…`, an IP, a port and a path all got one sentence listing every rule).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DomainFault {
    /// Not starting with the list's scheme (`https://`, or `wss://` for socket).
    Scheme,
    /// Several domains on one line (a comma, 、 or ; between them, or a second scheme).
    Several,
    /// A `:port` after the host.
    Port,
    /// A user name (and password) before the host: `https://user:pass@host`.
    UserInfo,
    /// A path, query or fragment after the host.
    Path,
    /// An IP address instead of a host name.
    Ip,
    /// Not a host name: other characters, one label only (`localhost`), an empty label.
    Host,
}

/// `None` when `entry` is the list's scheme followed by a host name.
pub fn domain_fault(list: DomainList, entry: &str) -> Option<DomainFault> {
    // Said as such, not as the path its second `//` looks like (QA: "no path" over two domains
    // separated by a comma, as 标签 takes them).
    let parts = entry
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、' | ';' | '；'))
        .filter(|p| !p.is_empty())
        .count();
    if entry.matches("://").count() > 1 || parts > 1 {
        return Some(DomainFault::Several);
    }
    let Some(host) = entry.strip_prefix(list.scheme()) else {
        return Some(DomainFault::Scheme);
    };
    // A path, query or fragment after a host; with no host before it (`https:///`), no host.
    if let Some(at) = host.find(['/', '?', '#']) {
        return Some(if at == 0 {
            DomainFault::Host
        } else {
            DomainFault::Path
        });
    }
    // An IPv6 address (`[::1]`), whose colons are not a port.
    if host.starts_with('[') {
        return Some(DomainFault::Ip);
    }
    // `user:pass@` before the host (QA: said as a port, for its colon).
    if host.contains('@') {
        return Some(DomainFault::UserInfo);
    }
    if host.contains(':') {
        return Some(DomainFault::Port);
    }
    if !host.is_empty() && host.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return Some(DomainFault::Ip);
    }
    (!is_host_name(host)).then_some(DomainFault::Host)
}

fn is_host_name(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    let label_ok = |l: &&str| {
        (1..=63).contains(&l.len())
            && l.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    let tld_alpha = labels
        .last()
        .is_some_and(|t| t.bytes().any(|b| b.is_ascii_lowercase()));
    host.len() <= 253 && labels.len() >= 2 && labels.iter().all(label_ok) && tld_alpha
}

/// A plugin. Its AppID is its owner mini program's AppID.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plugin {
    /// AppID (= owner mini program's AppID = `provider`).
    #[serde(rename = "a")]
    pub app_id: AppId,
    /// Name (fixed once opened, unique).
    #[serde(rename = "n")]
    pub name: String,
    /// Icon.
    #[serde(rename = "i")]
    pub icon: Icon,
    /// 简介
    #[serde(rename = "b", default)]
    pub intro: String,
    /// When plugin capability was opened.
    #[serde(rename = "o")]
    pub opened_at: Timestamp,
    /// 开发信息 (None until filled).
    #[serde(rename = "d", default)]
    pub dev_info: Option<DevInfo>,
    /// Versions in upload order (strictly increasing).
    #[serde(rename = "v", default)]
    pub versions: Vec<PluginVersion>,
    /// Review history, in submission order.
    #[serde(rename = "r", default)]
    pub reviews: Vec<ReviewRecord>,
}

impl Plugin {
    /// The version with this number.
    pub fn version(&self, v: &Semver) -> Option<&PluginVersion> {
        self.versions.iter().find(|x| x.version == *v)
    }
    /// Mutable access to a version.
    pub(crate) fn version_mut(&mut self, v: &Semver) -> Option<&mut PluginVersion> {
        self.versions.iter_mut().find(|x| x.version == *v)
    }
    /// Highest uploaded version.
    pub fn latest_version(&self) -> Option<&PluginVersion> {
        self.versions.iter().max_by_key(|v| v.version)
    }
    /// The latest version when no number is above it (`999.999.999`): nothing can be uploaded
    /// after it ([`DomainError::NoHigherVersion`]).
    pub fn at_last_version(&self) -> Option<Semver> {
        (self.latest_version().map(|v| v.version)).filter(|v| v.successor().is_none())
    }
    /// The newest online version above `pinned`: what a consumer using `pinned` may move to
    /// (by 更换版本: a use changes only when its consumer changes it).
    pub fn newer_online_than(&self, pinned: &Semver) -> Option<Semver> {
        self.versions
            .iter()
            .rev()
            .find(|x| x.status.is_online())
            .map(|x| x.version)
            .filter(|v| v > pinned)
    }
    /// Online (已发布) versions, highest first (uploads are strictly increasing: the
    /// workspace's integrity check refuses data where they are not).
    pub fn online_versions(&self) -> Vec<&PluginVersion> {
        self.versions
            .iter()
            .rev()
            .filter(|x| x.status.is_online())
            .collect()
    }
    /// The newest refusal (审核失败) that no later review has followed: its version and reason,
    /// what a version submitted next should answer (a 开发版本 uploaded as its fix after it
    /// included; review: once the fix was uploaded, nothing said why the other was refused).
    pub fn unanswered_refusal(&self) -> Option<(Semver, &str)> {
        let decided = self
            .versions
            .iter()
            .rev()
            .find(|v| v.status != VersionStatus::Dev)?;
        match &decided.status {
            VersionStatus::Rejected { reason } => Some((decided.version, reason)),
            _ => None,
        }
    }
    /// The refusal submitting `version` answers: its own 审核失败 (`None` for the version), or,
    /// for a 开发版本, the [`Self::unanswered_refusal`] of an older version it was uploaded to fix.
    pub fn refusal_answered_by(&self, version: &Semver) -> Option<(Option<Semver>, &str)> {
        match &self.version(version)?.status {
            VersionStatus::Rejected { reason } => Some((None, reason)),
            VersionStatus::Dev => self
                .unanswered_refusal()
                .filter(|(of, _)| of < version)
                .map(|(of, reason)| (Some(of), reason)),
            _ => None,
        }
    }
    /// Whether version `v` is online (已发布): what a use pinned to it runs.
    pub fn is_online(&self, v: &Semver) -> bool {
        self.version(v).is_some_and(|x| x.status.is_online())
    }
    /// Whether at least one version is 已发布 now (searchable and applicable).
    pub fn has_online_version(&self) -> bool {
        self.versions.iter().any(|v| v.status.is_online())
    }
    /// Released once and every version offline now: consumers no longer find it, and its 待确认
    /// applications cannot be approved until a version is online again.
    pub fn all_offline(&self) -> bool {
        !self.has_online_version()
            && self
                .versions
                .iter()
                .any(|v| v.status == VersionStatus::Offline)
    }
    /// Why nothing can be uploaded yet: 设置插件的服务器域名及 Token 后才能上传, at least one domain
    /// and the Token. `SetDevInfo` requires both ([`DevInfo::validate`]), but a 开发信息 stored by
    /// an earlier version may have no domain: checked with the same function.
    pub fn dev_info_missing(&self) -> Option<DomainError> {
        let ready = self
            .dev_info
            .as_ref()
            .is_some_and(DevInfo::has_server_domain);
        (!ready).then_some(DomainError::DevInfoRequired)
    }
    /// A version number typed for upload: `x.y.z` ([`Semver::parse`]) and higher than every
    /// version uploaded before.
    pub fn check_upload_version(&self, version: &str) -> Result<Semver, DomainError> {
        let version = Semver::parse(version)?;
        match self.latest_version() {
            Some(latest) if version <= latest.version => Err(DomainError::VersionNotIncreasing {
                version,
                latest: latest.version,
            }),
            _ => Ok(version),
        }
    }
    /// The refusal a submission of `version` answers, with the version refused, if the last
    /// decision before it (of `version` or an older one; a withdrawn review passed over) was
    /// 审核失败: what its reviewer is told, whether it is the same version again or a fix uploaded
    /// after it (QA: a card did not say it had been refused before; then, not for 1.0.1 after
    /// 1.0.0 was refused, which the developer's pages did say).
    pub fn earlier_rejection(&self, version: &Semver) -> Option<(Semver, &str)> {
        self.reviews
            .iter()
            .rev()
            .filter(|r| r.version <= *version)
            .find_map(|r| match &r.outcome {
                super::review::ReviewOutcome::Rejected { reason, .. } => {
                    Some(Some((r.version, reason.as_str())))
                }
                super::review::ReviewOutcome::Approved { .. } => Some(None),
                _ => None,
            })
            .flatten()
    }
    /// The last review record of `version`: its submission and what came of it.
    pub fn last_review(&self, version: &Semver) -> Option<&ReviewRecord> {
        self.reviews.iter().rev().find(|r| r.version == *version)
    }
    /// The version currently 审核中, if any.
    pub fn in_review(&self) -> Option<&PluginVersion> {
        self.versions
            .iter()
            .find(|v| v.status == VersionStatus::InReview)
    }
    /// The submission of the highest online version: its category and tags are what
    /// search and the info page show.
    pub fn listing(&self) -> Option<&ReviewSubmission> {
        self.online_versions()
            .first()
            .and_then(|v| v.submission.as_ref())
    }
    /// The review record currently pending, if any.
    pub(crate) fn pending_review_mut(&mut self) -> Option<&mut ReviewRecord> {
        self.reviews
            .iter_mut()
            .rev()
            .find(|r| r.outcome == super::review::ReviewOutcome::Pending)
    }
}
