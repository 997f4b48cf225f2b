//! Drafts of form fields kept by the tab: what was typed survives leaving the page and reloads
//! (QA: a 500-character 功能描述 went back to the last submission's on reload).
use crate::store::session::form_draft;
use leptos::prelude::*;

/// Keeps `text` in this tab under `key` (a [`crate::store::session::form_draft_key`]) while it
/// differs from what the form started with, and restores a kept one now. Once the form is sent,
/// resetting `text` to its start forgets it, or [`forget_draft`] does.
pub fn keep_draft(key: String, text: RwSignal<String>) {
    let initial = text.get_untracked();
    if let Some(kept) = form_draft::load(&key).filter(|k| *k != initial) {
        text.set(kept);
    }
    Effect::new(move |_| {
        text.with(|t| form_draft::save(&key, (*t != initial).then_some(t.as_str())));
    });
}

/// Forgets the draft under `key` (the form was sent).
pub fn forget_draft(key: &str) {
    form_draft::save(key, None);
}
