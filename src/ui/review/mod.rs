//! `/review/...` — 微信小程序团队: the review queue.
use crate::ui::components::layout::{NavItem, RoleLayout};
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route};
use leptos_router::{path, MatchNestedRoutes};

/// The review area's routes.
#[component(transparent)]
pub fn ReviewRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/review") view=ReviewLayout>
            <Route path=path!("") view=ReviewQueue />
        </ParentRoute>
    }
    .into_inner()
}

const NAV: &[NavItem] = &[NavItem { href: "/review", zh: "待审核", en: "Queue" }];

#[component]
fn ReviewLayout() -> impl IntoView {
    view! { <RoleLayout nav=NAV testid="area-review" /> }
}

#[component]
fn ReviewQueue() -> impl IntoView {
    view! { <h1>"审核队列"</h1> }
}
