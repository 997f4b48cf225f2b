//! `/consumer/...` — 小程序开发者: 设置 → 第三方服务 → 插件管理.
use crate::ui::components::layout::{NavItem, RoleLayout};
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route};
use leptos_router::{path, MatchNestedRoutes};

/// The consumer area's routes.
#[component(transparent)]
pub fn ConsumerRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/consumer") view=ConsumerLayout>
            <Route path=path!("") view=MyPlugins />
        </ParentRoute>
    }
    .into_inner()
}

const NAV: &[NavItem] = &[NavItem { href: "/consumer", zh: "插件管理", en: "My plugins" }];

#[component]
fn ConsumerLayout() -> impl IntoView {
    view! { <RoleLayout nav=NAV testid="area-consumer" /> }
}

#[component]
fn MyPlugins() -> impl IntoView {
    view! { <h1>"插件管理"</h1> }
}
