//! A real 404 page for unknown paths (the server always serves the app; the router decides).
use crate::ui::i18n::tr;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

/// Shown for any path no route matches.
#[component]
pub fn NotFound() -> impl IntoView {
    let path = use_location().pathname;
    view! {
        <section class="page not-found" data-testid="not-found">
            <h1>"404"</h1>
            <p>{tr("页面不存在：", "No page at ")} <code>{move || path.get()}</code></p>
            <A href="/">{tr("返回首页", "Back to the start page")}</A>
        </section>
    }
}
