//! A real 404 page for unknown paths (the server always serves the app; the router decides).
use crate::ui::components::reactive;
use crate::ui::i18n::tr;
use crate::ui::routes::{self, A};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// How many 404 pages are shown (0 or 1): the window title says 页面不存在 while one is, also
/// under an area's path (QA: /dev/foo kept 插件开发者's title). A count, not a flag: one 404
/// page may mount before the one it replaces is cleaned up.
#[derive(Clone, Copy)]
pub struct Shown(pub RwSignal<usize>);

/// Shown for any path no route matches.
#[component]
pub fn NotFound() -> impl IntoView {
    if let Some(Shown(shown)) = use_context::<Shown>() {
        shown.update(|n| *n += 1);
        on_cleanup(move || shown.try_update(|n| *n -= 1).unwrap_or_default());
    }
    let path = use_location().pathname;
    view! {
        <section class="page not-found" data-testid="not-found">
            // Said as it is reached (screen-reader QA: "404" only).
            <h1>{tr("404：页面不存在", "404: page not found")}</h1>
            <p>{tr("页面不存在：", "No page at ")} <code>{reactive(move || path.get())}</code></p>
            <A href=routes::HOME>{tr("返回首页", "Back to the start page")}</A>
        </section>
    }
}
