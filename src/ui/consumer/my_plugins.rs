//! `/consumer` — 插件管理: the plugins this mini program uses or applied for, with status.
use super::widgets::OfflineWarnings;
use crate::domain::{AppId, ApplicationStatus, Command, DomainError, Standing};
use crate::ui::components::format::{datetime, duration, status_class, status_label};
use crate::ui::components::layout::{When, WithAccount};
use crate::ui::components::modal::Modal;
use crate::ui::components::table::{card_labels, Columns, TableHead};
use crate::ui::components::{handler, keyed_list, memo, reactive, KeyedRow};
use crate::ui::i18n::{tr, tr_error, tr_owned, tr_whose, use_lang};
use crate::ui::routes::{self, A};
use crate::ui::state::use_app;
use leptos::prelude::*;

/// 插件管理's columns.
const COLUMNS: Columns = &[
    ("插件", "Plugin"),
    ("申请状态", "Application status"),
    ("使用的版本", "Version in use"),
    ("申请时间", "Applied"),
    ("操作", "Actions"),
];

#[derive(Clone, PartialEq)]
struct Row {
    plugin: AppId,
    name: String,
    status: ApplicationStatus,
    in_use: bool,
    alias: Option<String>,
    version: Option<String>,
    applied_at: Option<crate::domain::Timestamp>,
    /// When a 待确认 application's 24 h run out (its countdown); `None` for other rows.
    expires: Option<crate::domain::Timestamp>,
    /// A 待确认 application that cannot be approved until a version is online again.
    waits: bool,
    /// In use: its version taken offline since it was chosen.
    offline: bool,
    /// In use: the newest online version above its own, to change to.
    newer: Option<String>,
    /// In use, its version offline: another version is online to switch to.
    switchable: bool,
    /// For a closed (已拒绝/已超时) application: whether the domain takes 重新申请 now (its dry
    /// run), or why not. `None` for other rows.
    reapply: Option<Result<(), DomainError>>,
}

impl Row {
    /// Everything the row shows: a row is redrawn when any of it changes (another tab taking
    /// the plugin offline changes only whether 重新申请 is offered, say), kept otherwise.
    fn key(&self) -> String {
        let reason = match &self.status {
            ApplicationStatus::Rejected { reason } => reason.as_str(),
            _ => "",
        };
        let reapply = match &self.reapply {
            None => String::new(),
            Some(Ok(())) => "ok".into(),
            Some(Err(e)) => e.en(),
        };
        format!(
            "{}\n{}\n{}\n{reason}\n{}\n{}\n{}\n{}\n{reapply}\n{}\n{}",
            self.plugin,
            self.status.en(),
            self.waits,
            self.in_use,
            self.alias.as_deref().unwrap_or_default(),
            self.version.as_deref().unwrap_or_default(),
            self.applied_at.map_or(0, |t| t.0),
            self.offline,
            self.newer.as_deref().unwrap_or_default(),
        )
    }
}

/// The page.
#[component]
pub fn MyPlugins() -> impl IntoView {
    let app = use_app();
    let confirming = RwSignal::new(None::<(AppId, String)>);
    let error = RwSignal::new(None::<DomainError>);
    // A refusal concerns the account acting when it came (a command may itself change the acting
    // account, after another tab's save): it is not shown once another account acts.
    let error_for = RwSignal::new(None::<AppId>);
    // What time does to the rows: which of the account's applications have run out their 24 h.
    // The rows follow it, not every tick of the clock (scale QA: 1 500 rows rebuilt each second,
    // 113–182 ms a time).
    let run_out = memo(move || {
        let now = app.now();
        let c = app.account.get();
        app.ws.with(|ws| {
            c.map_or(0, |c| {
                (ws.applications_of_consumer(&c).iter())
                    .filter(|a| a.expires_at() <= now)
                    .count()
            })
        })
    });
    let rows = memo(move || {
        let Some(c) = app.account.get() else {
            return Vec::new();
        };
        // Read, not only tracked: a memo never read is never run, so never follows the clock.
        run_out.get();
        let now = app.now_untracked();
        app.ws.with(|ws| {
            let name = |p: &AppId| {
                ws.plugin(p)
                    .map(|p| p.name.clone())
                    .unwrap_or_else(|| p.to_string())
            };
            let actor = crate::domain::Actor::Consumer(c.clone());
            let reapply = |p: &AppId| ws.apply_blocked(&actor, now, p).map_or(Ok(()), Err);
            let apps = ws.applications_of_consumer(&c);
            // The uses whose version is offline, as the banner above says them.
            let offline = ws.offline_warnings(&c);
            // Each plugin once: those in use first, then the others by their newest application.
            let mut plugins: Vec<&AppId> =
                ws.plugin_uses(&c).into_iter().map(|u| &u.plugin).collect();
            for a in &apps {
                if !plugins.contains(&&a.plugin) {
                    plugins.push(&a.plugin);
                }
            }
            // Where the account stands decides the row (`Workspace::standing`, as on the plugin's
            // info page): older applications never show, and a removed plugin has no row.
            plugins
                .into_iter()
                .filter_map(|p| {
                    let row = match ws.standing(&c, p)? {
                        Standing::InUse(u) => {
                            let plugin = ws.plugin(p);
                            let pinned = u.version.and_then(|v| Some((plugin?, v)));
                            Row {
                                plugin: p.clone(),
                                name: name(p),
                                status: ApplicationStatus::Approved,
                                in_use: true,
                                alias: u.alias.clone(),
                                version: u.version.map(|v| v.to_string()),
                                reapply: None,
                                applied_at: apps
                                    .iter()
                                    .find(|a| a.plugin == *p)
                                    .map(|a| a.applied_at),
                                expires: None,
                                waits: false,
                                offline: offline.iter().any(|w| w.plugin == *p),
                                newer: pinned
                                    .and_then(|(p, v)| p.newer_online_than(&v))
                                    .map(|v| v.to_string()),
                                switchable: plugin
                                    .is_some_and(crate::domain::Plugin::has_online_version),
                            }
                        }
                        Standing::Applied(a) => {
                            let status = a.status_at(now);
                            let closed = status.is_closed();
                            let expires =
                                (status == ApplicationStatus::Pending).then(|| a.expires_at());
                            Row {
                                plugin: p.clone(),
                                name: name(p),
                                status,
                                in_use: false,
                                alias: None,
                                version: None,
                                expires,
                                waits: expires.is_some() && super::waits_for_release(ws, a, now),
                                reapply: closed.then(|| reapply(p)),
                                applied_at: Some(a.applied_at),
                                offline: false,
                                newer: None,
                                switchable: false,
                            }
                        }
                        Standing::Removed(_) => return None,
                    };
                    Some(row)
                })
                .collect::<Vec<_>>()
        })
    });
    let remove = move |plugin: AppId| {
        let Some(actor) = app.consumer() else { return };
        // Which one (QA: "Plugin removed" alone).
        let name = app.plugin_name(&plugin);
        let done = app.submit(actor, Command::RemovePlugin { plugin }, error);
        error_for.set(app.account.get_untracked());
        if done.is_some() {
            app.say(
                &format!("已移除插件「{name}」"),
                &format!("Plugin removed: {name}"),
            );
        }
        confirming.set(None);
    };
    let lang = use_lang();
    let slots = move || {
        let c = app.account.get()?;
        let now = app.now();
        let used = app.ws.with(|ws| ws.slots_used(&c, now));
        Some(view! {
            <p class="muted" data-testid="slots-used">
                {tr("已申请或使用的插件：", "Plugins applied for or in use: ")}
                {lang.get().pick(format!("{used}/{}", crate::domain::MAX_PLUGINS_PER_CONSUMER), format!("{used} of {}.", crate::domain::MAX_PLUGINS_PER_CONSUMER))}
                // QA: two rows read as 1/10: what counts is said.
                {tr("（待确认和使用中的计入，已拒绝、已超时的不计入；上限为本应用约定）", " Pending and in-use plugins count toward the limit; rejected and expired ones don't (the limit is our rule).")}
            </p>
        })
    };
    view! {
        <div class="page" data-testid="consumer-my-plugins">
            <p class="muted">{tr("小程序管理后台 → 设置 → 第三方服务 → 插件管理", "Admin console → Settings → Third-party services → My plugins (插件管理)")}</p>
            <h1 id="my-plugins-title">{tr("插件管理", "My plugins")}</h1>
            <OfflineWarnings />
            {reactive(slots)}
            {reactive(move || {
                let shown = error_for.get() == app.account.get();
                error.get().filter(|_| shown).map(|e| view! { <p class="error" role="alert">{tr_error(&e)}</p> })
            })}
            <WithAccount>
                // Only with an account to add it to (QA: shown beside "no account yet").
                <div class="actions">
                    <A href=routes::CONSUMER_ADD attr:class="btn btn-primary" attr:data-testid="add-plugin">{tr("添加插件", "Add a plugin")}</A>
                </div>
                <When
                    when=move || !rows.with(|r| r.is_empty())
                    fallback=|| view! { <p class="empty" data-testid="my-plugins-empty">{tr("还没有添加插件", "No plugins yet")}</p> }
                >
                    // The cap keeping rows from 重新申请, said once above them (reviewer QA: 15
                    // rows repeated it; each row keeps it for screen readers).
                    {reactive(move || rows.with(|rs| rs.iter().find_map(|r| r.reapply.clone()?.err().filter(at_cap))).map(|e| view! {
                        <p class="banner banner-warn" data-testid="reapply-cap">{tr_error(&e)}</p>
                    }))}
                    <table role="table" class="table actions-last cards" style=card_labels(COLUMNS) aria-labelledby="my-plugins-title" data-testid="my-plugins">
                        <TableHead cols=COLUMNS />
                        <tbody role="rowgroup">
                            {keyed_list(move || {
                                rows.get().into_iter().map(|r| KeyedRow::new(r.key(), move || view! { <PluginRow r confirming /> })).collect()
                            })}
                        </tbody>
                    </table>
                    // With the table only: with nothing added, one "none yet" (QA: two).
                    <super::profile::ProfilePlugins />
                </When>
            </WithAccount>
            {reactive(move || {
                confirming
                    .get()
                    .map(|(plugin, name)| view! { <RemoveDialog plugin name confirming remove /> })
            })}
        </div>
    }
}

/// The 移除插件 confirmation. Focus starts on 取消 (the safe choice).
#[component]
fn RemoveDialog(
    plugin: AppId,
    name: String,
    confirming: RwSignal<Option<(AppId, String)>>,
    remove: impl Fn(AppId) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let l = use_lang().get_untracked();
    let cancel = move || confirming.set(None);
    view! {
        <Modal labelledby="remove-title" describedby="remove-what" testid="remove-dialog" on_close=cancel
            focus="[data-testid=remove-cancel]" return_focus=format!("[data-testid='remove-{plugin}']")
            // Removed, its row is gone: 添加插件 (the page behind is inert while the dialog is
            // open, so it cannot be focused before; QA: focus fell to <body>).
            fallback_focus="[data-testid=add-plugin]">
            <h2 id="remove-title">{l.pick("移除插件", "Remove plugin")}</h2>
            <p id="remove-what">
                {l.pick(
                    format!("确定移除插件「{name}」？移除后需要重新申请才能使用。"),
                    format!("Remove \"{name}\"? You will need to apply again to use it."),
                )}
            </p>
            <div class="actions">
                <button class="btn btn-danger" data-testid="remove-confirm" on:click={handler(move |_| remove(plugin.clone()))}>
                    {l.pick("确定移除", "Remove")}
                </button>
                <button class="btn" data-testid="remove-cancel" on:click={handler(move |_| cancel())}>
                    {l.pick("取消", "Cancel")}
                </button>
            </div>
        </Modal>
    }
}

/// The 10-plugin cap: the same for every row of the account, said once above them.
fn at_cap(e: &DomainError) -> bool {
    matches!(e, DomainError::PluginLimitReached { .. })
}

#[component]
fn PluginRow(r: Row, confirming: RwSignal<Option<(AppId, String)>>) -> impl IntoView {
    let lang = use_lang();
    let href = routes::plugin_page(&r.plugin);
    let status = r.status.clone();
    let st = status.clone();
    let reason = match &r.status {
        ApplicationStatus::Rejected { reason } => Some(reason.clone()),
        _ => None,
    };
    let version = match (&r.alias, &r.version) {
        (Some(a), Some(v)) => Some((v.clone(), a.clone())),
        _ => None,
    };
    let in_use = r.in_use;
    let waits = r.waits;
    let offline = r.offline;
    let newer = r.newer.clone();
    // Offline, with only older versions online to switch to: the way there is on the row too, as
    // for a newer one (QA: only the banner above had it).
    let switch = offline && newer.is_none() && r.switchable;
    let plugin = r.plugin.clone();
    let name = r.name.clone();
    let set_label = tr_whose("未设置（去设置）", "Not set (configure)", &r.name);
    let testid = format!("my-plugin-{}", r.plugin);
    let remove_id = format!("remove-{}", r.plugin);
    // Offered only when the domain would take it; otherwise its reason stands instead.
    let again = matches!(r.reapply, Some(Ok(())));
    let blocked = r.reapply.clone().and_then(Result::err);
    // To the alias and version form itself, as 去更换版本.
    let href2 = routes::use_form(&r.plugin);
    view! {
        <tr role="row" data-testid=testid>
            <td role="cell">
                <A href=href.clone()>{r.name.clone()}</A>
                <br />
                <code class="muted">{r.plugin.to_string()}</code>
            </td>
            <td role="cell">
                <span class=status_class(&status) data-testid="application-status">{reactive(move || status_label(lang.get(), &st))}</span>
                {reason.map(|x| view! { <p class="why reason">{x}</p> })}
                // 待确认: the developer's 24 h, live, as on their 申请管理 (QA).
                {r.expires.map(|t| {
                    let app = use_app();
                    view! {
                        <p class="muted countdown" data-testid="pending-countdown">
                            {tr("剩余 ", "Time left ")}{reactive(move || duration(lang.get(), t.0 - app.now().0))}
                        </p>
                    }
                })}
                // As on the plugin's page (QA: the row said only 待确认).
                {waits.then(|| view! { <p class="why" data-testid="waits-for-release">{tr(super::WAITS_FOR_RELEASE.0, super::WAITS_FOR_RELEASE.1)}</p> })}
            </td>
            <td role="cell" data-testid="version-in-use">
                {match (in_use, version) {
                    // Its version taken offline (the banner above says what to do) or a newer
                    // one online, said on the row (QA: the row read as before either).
                    (true, Some((v, a))) => view! {
                        <span>{reactive(move || lang.get().paren(&v, &a))}</span>
                        {offline.then(|| view! { " " <span class="badge badge-warn" data-testid="version-offline">{tr("已下线", "Offline")}</span> })}
                        {switch.then(|| view! {
                            " "<A href=routes::use_form(&plugin) attr:class="keep" attr:data-testid="offline-switch" attr:aria-label=tr_whose("去更换版本", "Change version", &name)>{tr("去更换版本", "Change version")}</A>
                        })}
                        {newer.map(|n| view! {
                            // Its own line without a paragraph's margins (tablet QA: an empty-looking
                            // row above and below it).
                            <p class="muted tight" data-testid="newer-version">
                                {tr_owned(format!("可更换为新的线上版本 {n}"), format!("Newer online version: {n}"))}" "
                                <A href=routes::use_form(&plugin) attr:class="keep" attr:aria-label=tr_whose("去更换版本", "Change version", &name)>{tr("去更换版本", "Change version")}</A>
                            </p>
                        })}
                    }.into_any(),
                    (true, None) => view! { <A href=href2 attr:aria-label=set_label.clone()>{tr("未设置（去设置）", "Not set (configure)")}</A> }.into_any(),
                    _ => view! { <span class="muted">"—"</span> }.into_any(),
                }}
            </td>
            <td role="cell">{r.applied_at.map(datetime).unwrap_or_default()}</td>
            <td role="cell" class="actions">
                {in_use
                    .then(|| {
                        let p = plugin.clone();
                        let n = name.clone();
                        view! {
                            <button class="btn btn-small btn-danger" data-testid=remove_id on:click={handler(move |_| confirming.set(Some((p.clone(), n.clone()))))}
                                aria-label=tr_whose("移除", "Remove", &name)>
                                {tr("移除", "Remove")}
                            </button>
                        }
                    })}
                {again.then(|| view! { <A href=format!("{href}#apply") attr:class="btn btn-small" attr:aria-label=tr_whose("重新申请", "Apply again", &name)>{tr("重新申请", "Apply again")}</A> })}
                {blocked.map(|e| {
                    let class = if at_cap(&e) { "why sr-only" } else { "why" };
                    view! { <span class=class data-testid="reapply-blocked">{tr_error(&e)}</span> }
                })}
            </td>
        </tr>
    }
}
