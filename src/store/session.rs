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
impl Session {
    /// Reads the session (defaults when absent or unreadable).
    pub fn load() -> Self {
        use gloo_storage::Storage;
        gloo_storage::LocalStorage::get(SESSION_KEY).unwrap_or_default()
    }
    /// Writes the session (best effort: it is only preferences).
    pub fn save(&self) {
        use gloo_storage::Storage;
        let _ = gloo_storage::LocalStorage::set(SESSION_KEY, self);
    }
}
