//! A plugin's icon.
use crate::domain::Icon;
use crate::ui::i18n::use_lang;
use leptos::prelude::*;

/// A plugin icon: a built-in glyph or an uploaded image (never HTML). Beside the plugin's name it
/// is decoration, hidden from assistive tech; `labelled` where the icon itself is what is shown
/// (the icon picker's preview): a built-in one is then named in the UI language.
#[component]
pub fn PluginIcon(icon: Icon, #[prop(optional)] labelled: bool) -> impl IntoView {
    let builtin = icon.builtin();
    match icon {
        // Only an image in the data itself: stored data is not checked as it loads, and an
        // address elsewhere would be fetched (durability QA: an imported icon of
        // `http://…` was requested; imports check icons now, this is the second guard).
        Icon::DataUrl(url) => {
            let url = url.starts_with("data:image/").then_some(url);
            view! { <img class="plugin-icon" src=url alt="" width="40" height="40" /> }.into_any()
        }
        Icon::Builtin(_) => {
            let lang = use_lang();
            let label =
                move || labelled.then(|| builtin.map_or("", |b| lang.get().pick(b.zh, b.en)));
            view! {
                <span class="plugin-icon" role=labelled.then_some("img")
                    aria-hidden=(!labelled).then_some("true") aria-label=label>
                    {builtin.map_or("🧩", |b| b.glyph)}
                </span>
            }
            .into_any()
        }
    }
}
