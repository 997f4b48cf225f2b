//! Per-browser session preferences (not part of the workspace): language, acting account and
//! reviewer, simulated clock offset.
use crate::domain::AppId;
use serde::{Deserialize, Serialize};

/// Key of the session preferences.
pub const SESSION_KEY: &str = "plugin-lifecycle/session";

#[cfg(target_arch = "wasm32")]
use crate::ui::i18n::Lang;
#[cfg(not(target_arch = "wasm32"))]
type Lang = String;

/// What the browser remembers between visits besides the workspace.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Session {
    /// UI language.
    pub lang: Lang,
    /// Acting mini program account.
    pub account: Option<AppId>,
    /// Acting reviewer id.
    pub reviewer: Option<String>,
    /// Simulated clock offset in ms.
    pub clock_offset_ms: i64,
}

/// The tab's own copy (`sessionStorage`: it survives a reload of this tab only), then the
/// browser's (`localStorage`: the last choice of any tab, for a new tab).
#[cfg(target_arch = "wasm32")]
fn stores() -> [Option<web_sys::Storage>; 2] {
    let w = web_sys::window();
    [
        w.as_ref().and_then(|w| w.session_storage().ok().flatten()),
        w.as_ref().and_then(|w| w.local_storage().ok().flatten()),
    ]
}

#[cfg(target_arch = "wasm32")]
impl Session {
    /// Reads the session: this tab's, else the browser's last (defaults when absent,
    /// unreadable, or storage is disabled). So a reload keeps acting as this tab's account, not
    /// as the one another tab switched to since (QA).
    pub fn load() -> Self {
        stores()
            .into_iter()
            .flatten()
            .find_map(|s| s.get_item(SESSION_KEY).ok().flatten())
            .and_then(|raw| super::objects::from_json(&raw).ok())
            .unwrap_or_default()
    }
    /// Writes the session to both (best effort: it is only preferences; never panics).
    pub fn save(&self) {
        if let Ok(json) = serde_json::to_string(self) {
            for s in stores().into_iter().flatten() {
                let _ = s.set_item(SESSION_KEY, &json);
            }
        }
    }
}

/// This tab's own `sessionStorage`.
#[cfg(target_arch = "wasm32")]
fn tab() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Key of the quarantine keys this tab's banner still named when its page went (see
/// [`set_aside_unsaid`]).
pub const SET_ASIDE_UNSAID_KEY: &str = "plugin-lifecycle/set-aside-unsaid";

/// Quarantine keys of values this tab set aside as its page went, or that its banner still
/// named then: the `pagehide` save finds a value it cannot read (edited by hand, say), moves it
/// aside and writes its own workspace, with no page left to say so (QA: after a reload nothing
/// did). Kept for this tab's next load, one key a line.
#[cfg(target_arch = "wasm32")]
pub mod set_aside_unsaid {
    use super::{form_draft, SET_ASIDE_UNSAID_KEY};

    /// Keeps `keys` (none: forgets them).
    pub fn keep(keys: &[&str]) {
        let joined = keys.join("\n");
        form_draft::save(SET_ASIDE_UNSAID_KEY, (!keys.is_empty()).then_some(&joined));
    }

    /// Takes the kept keys (once).
    pub fn take() -> Vec<String> {
        let keys = form_draft::load(SET_ASIDE_UNSAID_KEY);
        form_draft::save(SET_ASIDE_UNSAID_KEY, None);
        keys.map_or_else(Vec::new, |k| k.lines().map(str::to_string).collect())
    }
}

/// Key of the pages plugin info pages were opened from (see [`came_from`]).
pub const CAME_FROM_KEY: &str = "plugin-lifecycle/came-from";

/// For each plugin info page (path), the in-app page it was opened from, kept in this tab's
/// `sessionStorage` so a reload keeps where its back link leads (QA: it was kept in memory).
#[cfg(target_arch = "wasm32")]
pub mod came_from {
    use super::{tab, CAME_FROM_KEY};
    use rustc_hash::FxHashMap;

    /// The tab's map (empty when absent or unreadable).
    pub fn load() -> FxHashMap<String, String> {
        tab()
            .and_then(|s| s.get_item(CAME_FROM_KEY).ok().flatten())
            .and_then(|raw| serde_json::from_str(&raw).ok())
            .unwrap_or_default()
    }

    /// Keeps `map` (best effort: it is only where back links lead).
    pub fn save(map: &FxHashMap<String, String>) {
        if let (Some(s), Ok(json)) = (tab(), serde_json::to_string(map)) {
            let _ = s.set_item(CAME_FROM_KEY, &json);
        }
    }
}

/// Key of a form field's draft in this tab: `form` names the form, `of` what it is about (see
/// [`form_draft`]).
pub fn form_draft_key(form: &str, of: &str) -> String {
    format!("{FORM_DRAFT_PREFIX}{form}/{of}")
}

/// Where every key of [`form_draft_key`] starts.
const FORM_DRAFT_PREFIX: &str = "plugin-lifecycle/draft/";
/// Where every key of [`upload_draft_key`] starts.
const UPLOAD_DRAFT_PREFIX: &str = "plugin-lifecycle/upload-draft/";

/// A form field's draft, kept in this tab's `sessionStorage` so leaving the page or a
/// reload does not lose what was typed (QA); best effort, like the upload dialog's. Also what
/// keeps [`set_aside_unsaid`]'s keys (any text under a key of this tab).
#[cfg(target_arch = "wasm32")]
pub mod form_draft {
    use super::tab;

    /// The kept draft, if any.
    pub fn load(key: &str) -> Option<String> {
        tab()?.get_item(key).ok()?
    }

    /// Keeps `text`, or forgets the draft (`None`, or storage full).
    pub fn save(key: &str, text: Option<&str>) {
        let Some(s) = tab() else {
            return;
        };
        if text.is_none_or(|t| s.set_item(key, t).is_err()) {
            let _ = s.remove_item(key);
        }
    }
}

/// Forgets every form draft of this tab: the workspace they were typed for is replaced (QA: after 恢复演示数据 a review card still held its
/// reason, and refused 审核通过 for it).
#[cfg(target_arch = "wasm32")]
pub fn forget_drafts() {
    let Some(s) = tab() else {
        return;
    };
    let keys: Vec<String> = (0..s.length().unwrap_or(0))
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(FORM_DRAFT_PREFIX) || k.starts_with(UPLOAD_DRAFT_PREFIX))
        .collect();
    for k in keys {
        let _ = s.remove_item(&k);
    }
}

/// Key of the upload dialog's draft for `plugin` (per tab, in `sessionStorage`).
pub fn upload_draft_key(plugin: &AppId) -> String {
    format!("{UPLOAD_DRAFT_PREFIX}{plugin}")
}

/// The upload dialog's draft for a plugin — version as typed (empty: not typed), 版本描述,
/// `plugin.json` — kept in this tab's `sessionStorage`, so leaving 开发管理 or reloading does not
/// lose it (QA); another tab, or another acting plugin, has its own.
#[cfg(target_arch = "wasm32")]
pub mod upload_draft {
    use super::{tab, upload_draft_key, AppId};

    /// The stored draft, if any (an unreadable one counts as none).
    pub fn load(plugin: &AppId) -> Option<[String; 3]> {
        let raw = tab()?.get_item(&upload_draft_key(plugin)).ok()??;
        let parts: Vec<String> = crate::store::objects::from_json(&raw).ok()?;
        parts.try_into().ok()
    }

    /// Keeps `draft`, or forgets it (`None`). Best effort: with a full storage the draft lives
    /// as long as the page (an older one kept is forgotten, not restored later).
    pub fn save(plugin: &AppId, draft: Option<&[String; 3]>) {
        let (Some(s), key) = (tab(), upload_draft_key(plugin)) else {
            return;
        };
        let kept = draft
            .and_then(|d| serde_json::to_string(d).ok())
            .is_some_and(|json| s.set_item(&key, &json).is_ok());
        if !kept {
            let _ = s.remove_item(&key);
        }
    }
}
