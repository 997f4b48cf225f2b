//! The app's page paths, spelled once for the links, the side menus and the shell's checks. The
//! router's `path!` patterns (each area's `mod.rs`) spell them for matching: a page moved is
//! moved there and here.
//!
//! The app may be served under a path (a project site on GitHub Pages: `/repo/`), named by the
//! page's `<base href>` that the build writes (`make release PUBLIC_URL=/repo/`). The paths here
//! are the app's own, without it: the router matches under it, [`A`] and [`use_navigate`] put
//! it before links and navigation, [`href`] before a link that is not the router's, and
//! [`app_path`] takes it off what the browser's address says.
use crate::domain::AppId;
use leptos::prelude::*;

/// The path the app is served under, without a trailing slash: `""` at a site's root (no
/// `<base href>`, or `/`), `"/repo"` under `<base href="/repo/">` (or a full URL ending so).
pub fn base() -> String {
    let Some(href) = document()
        .query_selector("base[href]")
        .ok()
        .flatten()
        .and_then(|b| b.get_attribute("href"))
    else {
        return String::new();
    };
    let page = window().location().href().unwrap_or_default();
    let path = web_sys::Url::new_with_base(&href, &page).map_or(href, |u| u.pathname());
    path.trim_end_matches('/').to_string()
}

/// An address's path (`location.pathname`) as the app's own path: without [`base`] (`/` for
/// the base itself). A path outside it is returned as it is.
pub fn app_path(path: &str) -> String {
    let base = base();
    match path.strip_prefix(base.as_str()) {
        Some("") => HOME.to_string(),
        Some(rest) if rest.starts_with('/') => rest.to_string(),
        _ => path.to_string(),
    }
}

/// The browser's address of the app's `path` (with its query): with [`base`] before it, for a
/// link that is not the router's `<A>`.
pub fn href(path: &str) -> String {
    format!("{}{path}", base())
}

/// The router's `<A>` with [`base`] before its app path `href`: the router adds the base to
/// `navigate` and to what it matches, not to a link's `href`. Every in-app link is this one.
#[component]
pub fn A(
    /// The app's path (with a query or fragment).
    #[prop(into)]
    href: String,
    /// Marked current (`aria-current`) only on this very path, not below it.
    #[prop(optional)]
    exact: bool,
    children: Children,
) -> impl IntoView {
    // The start page only on itself: under a base its `/repo/` counted as every page's start
    // (QA: the brand marked current on every page).
    let exact = exact || href == HOME;
    let href = self::href(&href);
    view! { <leptos_router::components::A href exact>{children()}</leptos_router::components::A> }
}

/// The router's `navigate`, to an app path (with a query): with [`base`] before it. (The router's
/// own joining drops the base's slash before a query of the start page: `/repo?page=2`, which a
/// host does not serve.)
pub fn use_navigate() -> impl Fn(&str, leptos_router::NavigateOptions) + Clone {
    let go = leptos_router::hooks::use_navigate();
    move |path, options| {
        let options = leptos_router::NavigateOptions {
            resolve: false,
            ..options
        };
        go(&href(path), options)
    }
}

/// The start page.
pub const HOME: &str = "/";
/// 数据管理: export, import, storage use.
pub const DATA: &str = "/data";
/// 插件开发者: 小程序插件 (home).
pub const DEV: &str = "/dev";
/// 开通插件功能 (or 基本信息 once opened).
pub const DEV_OPEN: &str = "/dev/open";
/// 开发信息.
pub const DEV_INFO: &str = "/dev/devinfo";
/// 开发管理: the versions.
pub const DEV_VERSIONS: &str = "/dev/versions";
/// 开发管理 with its 上传 button focused (the next step 上传).
pub const DEV_UPLOAD: &str = "/dev/versions#upload";
/// 申请管理.
pub const DEV_APPLICATIONS: &str = "/dev/applications";
/// 操作记录.
pub const DEV_TIMELINE: &str = "/dev/timeline";
/// 创建小程序帐号.
pub const NEW_ACCOUNT: &str = "/dev/accounts/new";
/// 微信小程序团队: 审核队列.
pub const REVIEW: &str = "/review";
/// 审核记录.
pub const REVIEW_HISTORY: &str = "/review/history";
/// 小程序开发者: 插件管理.
pub const CONSUMER: &str = "/consumer";
/// 添加插件: the search.
pub const CONSUMER_ADD: &str = "/consumer/add";
/// 在代码中使用.
pub const CONSUMER_CODE: &str = "/consumer/code";
/// app.json 检查.
pub const CONSUMER_CHECKER: &str = "/consumer/checker";

/// The start of a plugin's info page's path (`/consumer/plugins/<AppID>`).
pub const PLUGIN_PAGE: &str = "/consumer/plugins/";

/// A plugin's info page.
pub fn plugin_page(id: &AppId) -> String {
    format!("{PLUGIN_PAGE}{id}")
}

/// A plugin's info page at its alias and version form (`code::UseInCode`'s anchor): where
/// 去设置 and 去更换版本 go (QA: at phone width the page's top left the form a screen below).
pub fn use_form(id: &AppId) -> String {
    format!("{PLUGIN_PAGE}{id}#{}", use_anchor(id))
}

/// The id of a plugin's alias and version form on its info page.
pub fn use_anchor(id: &AppId) -> String {
    format!("use-{id}")
}

/// 创建小程序帐号, coming back to `page` (an app path) as the new account once created.
pub fn new_account_back_to(page: &str) -> String {
    format!("{NEW_ACCOUNT}?then={page}")
}

/// A version's 提交审核 page.
pub fn submit(version: &str) -> String {
    format!("{DEV_VERSIONS}/{version}/submit")
}

/// Whether `path` is a version's 提交审核 page ([`submit`]).
pub fn is_submit(path: &str) -> bool {
    // With or without a trailing slash, as the router matches it (QA).
    let path = path.strip_suffix('/').unwrap_or(path);
    path.strip_prefix(DEV_VERSIONS)
        .and_then(|p| p.strip_prefix('/'))
        .and_then(|p| p.strip_suffix("/submit"))
        .is_some_and(|v| !v.is_empty() && !v.contains('/'))
}
