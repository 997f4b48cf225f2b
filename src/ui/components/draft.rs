//! Drafts of form fields kept by the tab: what was typed survives leaving the page and reloads
//! (QA: a 500-character 功能描述 went back to the last submission's on reload).
use crate::store::session::form_draft;
use leptos::prelude::*;

/// A field's value as the text its draft is kept as.
pub trait DraftText: PartialEq + Send + Sync + 'static {
    /// The kept text.
    fn to_text(&self) -> String;
    /// The value a kept text stands for.
    fn from_text(text: &str) -> Self;
}

impl DraftText for String {
    fn to_text(&self) -> String {
        self.clone()
    }
    fn from_text(text: &str) -> Self {
        text.to_string()
    }
}

/// A list of one-line entries (tags), one a line.
impl DraftText for Vec<String> {
    fn to_text(&self) -> String {
        self.join("\n")
    }
    fn from_text(text: &str) -> Self {
        text.lines().map(str::to_string).collect()
    }
}

/// Categories (创建小程序帐号's list), one a line, its two levels apart by a unit separator.
impl DraftText for Vec<crate::domain::Category> {
    fn to_text(&self) -> String {
        let lines: Vec<String> = self
            .iter()
            .map(|c| format!("{}\u{1f}{}", c.primary, c.secondary))
            .collect();
        lines.join("\n")
    }
    fn from_text(text: &str) -> Self {
        text.lines()
            .filter_map(|l| l.split_once('\u{1f}'))
            .map(|(p, s)| crate::domain::Category::new(p, s))
            .collect()
    }
}

/// Keeps `value` in this tab under `key` (a [`crate::store::session::form_draft_key`]) while it
/// differs from what the form started with, and restores a kept one now. Once the form is sent,
/// resetting `value` to its start forgets it, or [`forget_draft`] does.
pub fn keep_draft<T: DraftText>(key: String, value: RwSignal<T>) {
    let initial = value.with_untracked(T::to_text);
    if let Some(kept) = form_draft::load(&key).filter(|k| *k != initial) {
        value.set(T::from_text(&kept));
    }
    Effect::new(move |_| {
        let text = value.with(T::to_text);
        form_draft::save(&key, (text != initial).then_some(text.as_str()));
    });
}

/// Forgets the draft under `key` (the form was sent).
pub fn forget_draft(key: &str) {
    form_draft::save(key, None);
}
