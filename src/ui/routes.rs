//! The app's page paths, spelled once for the links, the side menus and the shell's checks. The
//! router's `path!` patterns (each area's `mod.rs`) spell them for matching: a page moved is
//! moved there and here.
use crate::domain::AppId;

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

/// A version's 提交审核 page.
pub fn submit(version: &str) -> String {
    format!("{DEV_VERSIONS}/{version}/submit")
}

/// Whether `path` is a version's 提交审核 page ([`submit`]).
pub fn is_submit(path: &str) -> bool {
    path.strip_prefix(DEV_VERSIONS)
        .and_then(|p| p.strip_prefix('/'))
        .and_then(|p| p.strip_suffix("/submit"))
        .is_some_and(|v| !v.is_empty() && !v.contains('/'))
}
