//! Two languages, zh (default, the platform's exact terms) and en.
//!
//! Strings live where they are used, as a `(zh, en)` pair: a missing translation is a compile
//! error, not a runtime blank, and no key table can drift from the views. Domain errors carry their
//! own zh/en messages. We chose this over `leptos_i18n` to keep the bundle small (no locale tables
//! or ICU data) while still checking every string at compile time.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The UI language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    /// 中文 — default.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Picks the string for this language.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
    /// The `lang` attribute value.
    pub fn html_lang(self) -> &'static str {
        self.pick("zh-CN", "en")
    }
    /// `text（inner）` in Chinese, `text (inner)` in English.
    pub fn paren(self, text: &str, inner: &str) -> String {
        self.pick(format!("{text}（{inner}）"), format!("{text} ({inner})"))
    }
}

/// The reactive language of the app, provided as context by the app shell.
#[derive(Clone, Copy)]
pub struct I18n(pub RwSignal<Lang>);

/// The current language signal (defaults to zh outside the app, e.g. in isolated component tests).
pub fn use_lang() -> RwSignal<Lang> {
    use_context::<I18n>().map(|i| i.0).unwrap_or_else(|| {
        let lang = RwSignal::new(Lang::Zh);
        provide_context(I18n(lang));
        lang
    })
}

/// A reactive translated static string: `{tr("插件", "Plugin")}` in a view.
pub fn tr(
    zh: &'static str,
    en: &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || lang.get().pick(zh, en)
}

/// A reactive translated owned string: `{tr_owned(format!(…), format!(…))}` in a view.
///
/// Like [`tr`], every call site shares one closure type, so the view code that renders it is
/// compiled once (a `move || lang.get().pick(…)` written in place is a new type, and new wasm
/// code, at each site).
pub fn tr_owned(zh: String, en: String) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    let lang = use_lang();
    move || lang.get().pick(&zh, &en).to_owned()
}

/// The accessible name of one of several same buttons (a row's 通过, 删除, …): its visible label,
/// then whose it is (QA: a screen reader heard "通过, 拒绝, 通过, 拒绝…"). The visible label comes
/// first, as WCAG 2.5.3 asks.
pub fn tr_whose(
    zh: &'static str,
    en: &'static str,
    whose: &str,
) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    tr_owned(
        self::whose(Lang::Zh, zh, en, whose),
        self::whose(Lang::En, zh, en, whose),
    )
}

/// [`tr_whose`] in language `l`, for what is drawn anew on a switch.
pub fn whose(l: Lang, zh: &str, en: &str, whose: &str) -> String {
    match l {
        Lang::Zh => format!("{zh}：{whose}"),
        Lang::En => format!("{en}: {whose}"),
    }
}

/// A domain error's message in the UI language, reactive (see [`tr_owned`]).
pub fn tr_error(e: &crate::domain::DomainError) -> impl Fn() -> String + Clone + Send + Sync {
    tr_owned(e.zh(), e.en())
}
