//! `/review/...` — 微信小程序团队: the review queue and the history of decisions.
mod history;
mod queue;

use crate::ui::components::layout::{NavItem, RoleLayout};
use crate::ui::page;
use crate::ui::routes;
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route};
use leptos_router::path;

/// The review area's routes.
#[component(transparent)]
pub fn ReviewRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/review") view=page!(ReviewLayout)>
            <Route path=path!("") view=page!(queue::ReviewQueue) />
            <Route path=path!("history") view=page!(history::ReviewHistory) />
        </ParentRoute>
    }
    .into_inner()
}

pub(crate) const NAV: &[NavItem] = &[
    NavItem {
        href: routes::REVIEW,
        zh: "审核队列",
        en: "Review queue",
        unopened: None,
    },
    NavItem {
        href: routes::REVIEW_HISTORY,
        zh: "审核记录",
        en: "History",
        unopened: None,
    },
];

#[component]
fn ReviewLayout() -> impl IntoView {
    view! { <RoleLayout nav=NAV testid="area-review" reviewer=true /> }
}
