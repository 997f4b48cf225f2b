//! Persistence behind a small key-value trait: localStorage in the browser, memory in native tests.
//!
//! Stored form: one JSON envelope `{"schema": N, "rev": R, "workspace": …}` under [`WORKSPACE_KEY`].
pub mod session;

use crate::domain::{demo_workspace, Timestamp, Workspace};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::BTreeMap;

/// Key of the workspace envelope.
pub const WORKSPACE_KEY: &str = "plugin-lifecycle/workspace";

/// Why the backend refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// The browser's quota is exhausted.
    #[error("storage quota exceeded")]
    QuotaExceeded,
    /// Storage is unavailable (private mode, disabled) or another failure.
    #[error("storage unavailable: {0}")]
    Unavailable(String),
}

/// A string key-value store (localStorage's shape).
pub trait KeyValueStore {
    /// Reads a key.
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    /// Writes a key.
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError>;
    /// Deletes a key.
    fn remove(&self, key: &str) -> Result<(), StoreError>;
}

/// In-memory backend (native tests).
#[derive(Default)]
pub struct MemoryStore(RefCell<BTreeMap<String, String>>);

impl KeyValueStore for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.0.borrow().get(key).cloned())
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.0.borrow_mut().insert(key.to_owned(), value.to_owned());
        Ok(())
    }
    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.0.borrow_mut().remove(key);
        Ok(())
    }
}

/// The browser's localStorage (via gloo-storage).
#[cfg(target_arch = "wasm32")]
pub struct LocalStorageStore;

#[cfg(target_arch = "wasm32")]
impl KeyValueStore for LocalStorageStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        let storage = <gloo_storage::LocalStorage as gloo_storage::Storage>::raw();
        storage
            .get_item(key)
            .map_err(|e| StoreError::Unavailable(format!("{e:?}")))
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        let storage = <gloo_storage::LocalStorage as gloo_storage::Storage>::raw();
        storage.set_item(key, value).map_err(|e| {
            let name = js_sys::Reflect::get(&e, &"name".into())
                .ok()
                .and_then(|n| n.as_string())
                .unwrap_or_default();
            if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
                StoreError::QuotaExceeded
            } else {
                StoreError::Unavailable(format!("{e:?}"))
            }
        })
    }
    fn remove(&self, key: &str) -> Result<(), StoreError> {
        <gloo_storage::LocalStorage as gloo_storage::Storage>::raw()
            .remove_item(key)
            .map_err(|e| StoreError::Unavailable(format!("{e:?}")))
    }
}

#[derive(Serialize, Deserialize)]
struct Envelope<W> {
    schema: u32,
    rev: u64,
    workspace: W,
}

/// What loading produced: the workspace to start from and, if something was wrong, a message.
pub struct Loaded {
    /// The workspace to use.
    pub workspace: Workspace,
    /// A message for the recovery banner.
    pub banner: Option<String>,
}

/// Loads and saves the workspace through a [`KeyValueStore`].
pub struct Persistence {
    backend: Box<dyn KeyValueStore>,
    rev: RefCell<u64>,
}

impl Persistence {
    /// Over any backend.
    pub fn new(backend: Box<dyn KeyValueStore>) -> Self {
        Self { backend, rev: RefCell::new(0) }
    }

    /// Over the browser's localStorage.
    #[cfg(target_arch = "wasm32")]
    pub fn browser() -> Self {
        Self::new(Box::new(LocalStorageStore))
    }

    /// The stored workspace, or the demo workspace on first run.
    pub fn load_or_demo(&self, now: Timestamp) -> Loaded {
        match self.backend.get(WORKSPACE_KEY) {
            Ok(Some(raw)) => match serde_json::from_str::<Envelope<Workspace>>(&raw) {
                Ok(env) => {
                    *self.rev.borrow_mut() = env.rev;
                    let mut workspace = env.workspace;
                    workspace.rebuild_indexes();
                    Loaded { workspace, banner: None }
                }
                Err(e) => Loaded {
                    workspace: demo_workspace(now),
                    banner: Some(format!("stored data unreadable: {e}")),
                },
            },
            Ok(None) => Loaded { workspace: demo_workspace(now), banner: None },
            Err(e) => Loaded { workspace: demo_workspace(now), banner: Some(e.to_string()) },
        }
    }

    /// Saves the whole workspace; returns a message for the banner on failure.
    pub fn save(&self, ws: &Workspace) -> Result<(), String> {
        let rev = *self.rev.borrow() + 1;
        let env = Envelope { schema: crate::domain::SCHEMA_VERSION, rev, workspace: ws };
        let json = serde_json::to_string(&env).map_err(|e| e.to_string())?;
        self.backend.set(WORKSPACE_KEY, &json).map_err(|e| e.to_string())?;
        *self.rev.borrow_mut() = rev;
        Ok(())
    }
}
