//! Leptos UI: app shell + router; one folder per role; shared components; i18n.
//!
//! The domain decides, the UI asks: views read the [`state::AppState`] workspace signal and send
//! commands through [`state::AppState::dispatch`]; they never re-implement a rule.
pub mod components;
pub mod consumer;
pub mod data;
pub mod developer;
pub mod home;
pub mod i18n;
pub mod not_found;
pub mod review;
pub mod routes;
pub mod shell;
pub mod state;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// A route's view. Every route's is this one type (see [`page!`]), so the router's code that
/// chooses a view (an `async fn` per view type) is compiled once rather than once per page.
pub(crate) type Page = fn() -> AnyView;

/// The component `$view` as a route's [`Page`].
macro_rules! page {
    ($view:path) => {
        (|| $view().into_any()) as $crate::ui::Page
    };
}
pub(crate) use page;

/// Browser entry point: panic hook, then mount the app in place of the boot placeholder.
pub fn start() {
    console_error_panic_hook::set_once();
    if let Some(boot) = document().get_element_by_id("boot") {
        boot.remove();
    }
    // A host's or a bookmark's `…/index.html` is the page of its folder (QA: /index.html was a
    // 404): the address says so before the router reads it.
    let location = window().location();
    if let Some(dir) = location
        .pathname()
        .ok()
        .and_then(|p| p.strip_suffix("/index.html").map(str::to_string))
    {
        let rest = location.search().unwrap_or_default() + &location.hash().unwrap_or_default();
        // The site's root, or the path it is served under, with its slash (`/repo/`).
        let path = if dir.is_empty() || dir == routes::base() {
            format!("{dir}/")
        } else {
            dir
        };
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&format!("{path}{rest}")),
            );
        }
    }
    leptos::mount::mount_to_body(App);
    // Start-up timing for `make bench`: the shell is in the DOM now.
    if let Some(perf) = window().performance() {
        let _ = perf.mark("app-ready");
    }
}

/// The whole app: state + router + shell.
#[component]
pub fn App() -> impl IntoView {
    let state = state::AppState::init();
    provide_context(state);
    provide_context(i18n::I18n(state.lang));
    provide_context(not_found::Shown(RwSignal::new(0)));
    // Served under a path (a project site), the router's links and navigation carry it.
    view! {
        <Router base=routes::base()>
            <shell::Shell>
                <Routes fallback=not_found::NotFound>
                    <Route path=path!("/") view=page!(home::Home) />
                    <Route path=path!("/data") view=page!(data::DataPage) />
                    <developer::DeveloperRoutes />
                    <review::ReviewRoutes />
                    <consumer::ConsumerRoutes />
                </Routes>
            </shell::Shell>
        </Router>
    }
}
