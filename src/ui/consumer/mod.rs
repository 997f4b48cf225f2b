//! `/consumer/...` — 小程序开发者: 设置 → 第三方服务 → 插件管理.
mod add;
mod checker;
mod code;
mod info;
pub(crate) use info::NOT_SHOWN;
mod my_plugins;
mod profile;
pub mod widgets;

use crate::ui::components::layout::{NavItem, RoleLayout};
use crate::ui::page;
use crate::ui::routes;
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route};
use leptos_router::path;

/// What a 待确认 application of a plugin with no version online says (zh, en): it waits, and
/// cannot be approved until one is released again.
pub(crate) const WAITS_FOR_RELEASE: (&str, &str) = (
    "插件当前没有线上版本，重新发布前不能通过",
    "No version is online: it cannot be approved until one is released again",
);

/// Whether 待确认 application `a` cannot be approved now for want of an online version: asked
/// as its developer's 通过 would be (a dry run refused with `NoOnlineVersion`).
pub(crate) fn waits_for_release(
    ws: &crate::domain::Workspace,
    a: &crate::domain::UseApplication,
    now: crate::domain::Timestamp,
) -> bool {
    let approve = crate::domain::Command::ApproveApplication { id: a.id };
    let developer = crate::domain::Actor::Developer(a.plugin.clone());
    ws.can(&developer, now, &approve) == Err(crate::domain::DomainError::NoOnlineVersion)
}

/// The consumer area's routes.
#[component(transparent)]
pub fn ConsumerRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/consumer") view=page!(ConsumerLayout)>
            <Route path=path!("") view=page!(my_plugins::MyPlugins) />
            <Route path=path!("add") view=page!(add::AddPlugin) />
            <Route path=path!("plugins/:app_id") view=page!(info::PluginInfo) />
            <Route path=path!("code") view=page!(code::UseInCodePage) />
            <Route path=path!("checker") view=page!(checker::Checker) />
        </ParentRoute>
    }
    .into_inner()
}

pub(crate) const NAV: &[NavItem] = &[
    NavItem {
        href: routes::CONSUMER,
        zh: "插件管理",
        en: "My plugins",
        unopened: None,
    },
    NavItem {
        href: routes::CONSUMER_ADD,
        zh: "添加插件",
        en: "Add a plugin",
        unopened: None,
    },
    NavItem {
        href: routes::CONSUMER_CODE,
        zh: "在代码中使用",
        en: "Use in code",
        unopened: None,
    },
    NavItem {
        href: routes::CONSUMER_CHECKER,
        zh: "app.json 检查",
        en: "app.json checker",
        unopened: None,
    },
];

/// The consumer menu's entry a page (path and query) belongs to: the only pages a plugin's page
/// leads back to, and so the only ones the shell keeps as where it was opened from.
pub(crate) fn menu_origin(from: &str) -> Option<&'static NavItem> {
    let path = from.split('?').next().unwrap_or_default();
    NAV.iter().find(|i| i.href == path)
}

#[component]
fn ConsumerLayout() -> impl IntoView {
    view! {
        <RoleLayout nav=NAV testid="area-consumer" />
    }
}
