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

#[cfg(target_arch = "wasm32")]
fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

#[cfg(target_arch = "wasm32")]
impl Session {
    /// Reads the session (defaults when absent, unreadable, or storage is disabled).
    pub fn load() -> Self {
        local_storage()
            .and_then(|s| s.get_item(SESSION_KEY).ok().flatten())
            .and_then(|raw| serde_json::from_str(&raw).ok())
            .unwrap_or_default()
    }
    /// Writes the session (best effort: it is only preferences; never panics).
    pub fn save(&self) {
        if let (Some(s), Ok(json)) = (local_storage(), serde_json::to_string(self)) {
            let _ = s.set_item(SESSION_KEY, &json);
        }
    }
}
