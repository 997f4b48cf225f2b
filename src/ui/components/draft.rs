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
/// differs from what the form started with, and restores a kept one now if the form starts from
/// what it started from then: a draft does not come back over data saved since (review: a
/// 开发信息 draft came back over another tab's save, and 保存 would have undone it). Kept as
/// `<length of the start>:<start><text>`. Once the form is sent, [`Draft::sent`].
pub fn keep_draft<T: DraftText>(key: String, value: RwSignal<T>) -> Draft {
    let start = value.with_untracked(T::to_text);
    let kept = form_draft::load(&key).and_then(|k| {
        let (len, rest) = k.split_once(':')?;
        let text = rest.strip_prefix(start.as_str())?;
        (len.parse() == Ok(start.len()) && text != start).then(|| text.to_string())
    });
    if let Some(text) = kept {
        value.set(T::from_text(&text));
    }
    let draft = Draft {
        key: StoredValue::new(key),
        start: StoredValue::new(start),
        text: Signal::derive(move || value.with(T::to_text)),
    };
    Effect::new(move |_| {
        let text = draft.text.get();
        let kept = draft
            .start
            .with_value(|start| (text != *start).then(|| format!("{}:{start}{text}", start.len())));
        draft
            .key
            .with_value(|k| form_draft::save(k, kept.as_deref()));
    });
    draft
}

/// A field's draft, kept by [`keep_draft`].
#[derive(Clone, Copy)]
pub struct Draft {
    key: StoredValue<String>,
    /// What the form started from, or was last sent with.
    start: StoredValue<String>,
    /// The field's value as text.
    text: Signal<String>,
}

impl Draft {
    /// The form was sent with what the field holds now: that is its start from here on, and the
    /// draft is forgotten, also by a save of it already queued (review: a category 创建 added
    /// was written back after the draft was forgotten).
    pub fn sent(self) {
        self.start.set_value(self.text.get_untracked());
        self.key.with_value(|k| forget_draft(k));
    }
}

/// Forgets the draft under `key` (what it was about is gone).
pub fn forget_draft(key: &str) {
    form_draft::save(key, None);
}
