//! `/dev/...` — 插件开发者: 小程序管理后台 → 小程序插件.
use crate::ui::components::layout::{NavItem, RoleLayout};
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route};
use leptos_router::{path, MatchNestedRoutes};

/// The developer area's routes.
#[component(transparent)]
pub fn DeveloperRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/dev") view=DevLayout>
            <Route path=path!("") view=DevHome />
        </ParentRoute>
    }
    .into_inner()
}

const NAV: &[NavItem] = &[NavItem { href: "/dev", zh: "小程序插件", en: "Plugin" }];

#[component]
fn DevLayout() -> impl IntoView {
    view! { <RoleLayout nav=NAV testid="area-dev" /> }
}

#[component]
fn DevHome() -> impl IntoView {
    view! { <h1>"小程序插件"</h1> }
}
