//! Drafts of form fields kept by the tab: what was typed survives leaving the page and reloads
//! (QA: a 500-character 功能描述 went back to the last submission's on reload).
use crate::store::session::form_draft;
use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};

/// Keeps `value` in this tab under `key` (a [`crate::store::session::form_draft_key`]) while it
/// differs from what the form started with, and restores a kept one now. Once the form is sent,
/// resetting `value` to its start forgets it, or [`forget_draft`] does.
pub fn keep_draft<T>(key: String, value: RwSignal<T>)
where
    T: Serialize + DeserializeOwned + PartialEq + Clone + Send + Sync + 'static,
{
    let initial = value.get_untracked();
    let kept = form_draft::load(&key).and_then(|raw| serde_json::from_str::<T>(&raw).ok());
    if let Some(kept) = kept.filter(|k| *k != initial) {
        value.set(kept);
    }
    Effect::new(move |_| {
        let json = value.with(|v| (*v != initial).then(|| serde_json::to_string(v).ok()));
        form_draft::save(&key, json.flatten().as_deref());
    });
}

/// Forgets the draft under `key` (the form was sent).
pub fn forget_draft(key: &str) {
    form_draft::save(key, None);
}
