//! `/consumer/plugins/:app_id` — a released plugin's info page: basic info, online versions,
//! category, tags, developer; 「申请使用」 and the acting mini program's status; use in code.
use super::code::UseInCode;
use super::widgets::OfflineWarnings;
use crate::domain::{
    AppId, ApplicationStatus, Command, DomainError, Field, Standing, APPLICATION_WINDOW_HOURS,
    MAX_APPLY_REASON_CHARS,
};
use crate::ui::components::counter::Counter;
use crate::ui::components::format::{datetime, duration, status_class, status_label};
use crate::ui::components::icon::PluginIcon;
use crate::ui::components::layout::{mark_menu_parent, When, WithAccount};
use crate::ui::components::table::{card_labels, Columns, TableHead};
use crate::ui::components::{effect, handler, memo, reactive};
use crate::ui::i18n::{tr, tr_error, tr_owned, use_lang};
use crate::ui::routes::{self, A};
use crate::ui::state::use_app;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The heading of a plugin's page that shows none (zh, en); also its window title.
pub(crate) const NOT_SHOWN: (&str, &str) =
    ("插件不存在或没有线上版本", "Plugin not found or not online");

/// The page.
#[component]
pub fn PluginInfo() -> impl IntoView {
    let app = use_app();
    let params = use_params_map();
    let id = memo(move || params.read().get("app_id").unwrap_or_default());
    let found = memo(move || {
        let raw = id.get();
        let parsed = AppId::parse_any_case(&raw).ok()?;
        let acting = app.account.get();
        app.ws
            .with(|ws| ws.plugin_page_shown(acting.as_ref(), &parsed))
            .then_some(parsed)
    });
    reactive(move || {
        match found.get() {
        None => view! {
            <div class="page" data-testid="plugin-not-found">
                <h1>{tr(NOT_SHOWN.0, NOT_SHOWN.1)}</h1>
                <p class="empty">
                    {tr("没有 AppID 为 ", "There is no released plugin with AppID ")}
                    // Its own reactive part: the page is drawn once for every AppID not found
                    // (spec audit: a history step to another kept the first one's).
                    <code>{reactive(move || id.get())}</code>
                    // The platform's wording for a plugin not released (QA).
                    {tr(" 的已发布插件：该插件不能申请。只有已发布的插件可以被搜索和添加。", ": this plugin cannot be applied for. Only released plugins can be found and added.")}
                </p>
                <A href=routes::CONSUMER_ADD>{tr("返回搜索", "Back to search")}</A>
            </div>
        }
        .into_any(),
        Some(plugin) => view! { <InfoBody plugin /> }.into_any(),
    }
    })
}

/// 线上版本's columns.
const ONLINE_COLUMNS: Columns = &[
    ("版本号", "Version"),
    ("发布时间", "Released"),
    ("版本描述", "Description"),
];

#[component]
fn InfoBody(plugin: AppId) -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let p1 = plugin.clone();
    let basic = move || {
        let l = lang.get();
        app.ws.with(|ws| {
            let p = ws.plugin(&p1)?;
            let listing = ws.last_listing(&p.app_id).cloned();
            let dev = ws.account(&p.app_id).map(|a| a.name.clone()).unwrap_or_default();
            let online = p.online_versions();
            // Every version taken offline: said, rather than an empty table (QA).
            let none_online = online.is_empty().then(|| view! {
                <tr role="row"><td role="cell" colspan="3" class="empty" data-testid="no-online-version">{l.pick("暂无线上版本", "No online version")}</td></tr>
            });
            let versions = online
                .into_iter()
                .map(|v| {
                    view! {
                        <tr role="row" data-testid=format!("online-version-{}", v.version)>
                            <td role="cell">{v.version.to_string()}</td>
                            // A date kept on one line (tablet QA: "2026-11-" / "28 22:46").
                            <td role="cell" class="keep">{v.released_at.map(datetime).unwrap_or_default()}</td>
                            <td role="cell" class="text">{crate::ui::components::format::or_dash(&v.description)}</td>
                        </tr>
                    }.into_any()
                })
                .collect_view();
            Some(view! {
                <div class="card" data-testid="plugin-basic">
                    <div class="review-head">
                        <PluginIcon icon=p.icon.clone() />
                        <div>
                            <h1 data-testid="plugin-name">{p.name.clone()}</h1>
                            <p class="muted">"AppID: "<code data-testid="plugin-appid">{p.app_id.to_string()}</code></p>
                            // Its line breaks as typed (QA: shown as spaces).
                            <p class="prewrap" data-testid="plugin-intro">{p.intro.clone()}</p>
                        </div>
                    </div>
                    <dl class="review-facts">
                        <dt>{l.pick("开发者", "Developer")}</dt>
                        <dd data-testid="plugin-developer">{dev}</dd>
                        <dt>{l.pick("插件服务类目", "Plugin service category")}</dt>
                        <dd data-testid="plugin-category">{listing.as_ref().map_or_else(|| "—".to_string(), |s| l.pick(s.category.to_string(), s.category.en()))}</dd>
                        <dt>{l.pick("标签", "Tags")}</dt>
                        // Never listed: "—" as for the category (QA: empty).
                        <dd data-testid="plugin-tags">
                            {match listing {
                                Some(s) => view! {
                                    <span class="tags">
                                        {s.tags.into_iter().map(|t| view! { <span class="tag">{t}</span> }.into_any()).collect_view()}
                                    </span>
                                }.into_any(),
                                None => "—".into_any(),
                            }}
                        </dd>
                    </dl>
                    <h2 id="online-versions-title">{l.pick("线上版本", "Online versions")}</h2>
                    // Cards where the page is narrow, as the other tables (QA: at 400 % zoom the
                    // description wrapped two characters a line, cut at the card's edge).
                    <table role="table" class="table cards" style=card_labels(ONLINE_COLUMNS) aria-labelledby="online-versions-title" data-testid="online-versions">
                        <TableHead cols=ONLINE_COLUMNS />
                        <tbody role="rowgroup">{versions}{none_online}</tbody>
                    </table>
                </div>
            })
        })
    };
    let p2 = plugin.clone();
    let in_use = memo(move || {
        let c = app.account.get();
        c.is_some_and(|c| app.ws.with(|ws| ws.uses_plugin(&c, &p2)))
    });
    let p3 = plugin.clone();
    let p4 = plugin.clone();
    let p5 = plugin.clone();
    let location = leptos_router::hooks::use_location();
    // Back to the page this one was opened from: a search (with its words), 插件管理 or 在代码中
    // 使用. Opened directly, back to 插件管理 when the plugin has a row there, else to 添加插件
    // (QA: the link always said 添加插件).
    // The menu's entry (its place in the menu) and the address (a search keeps its words).
    let back_to = move || {
        let here = routes::app_path(&location.pathname.get());
        let from = app
            .came_from
            .with(|m| m.get(&here).cloned())
            .unwrap_or_default();
        let at = |href: &str| super::NAV.iter().position(|i| i.href == href);
        match super::menu_origin(&from) {
            Some(item) => (at(item.href).unwrap_or(0), from.clone()),
            None => {
                let listed = app
                    .account
                    .get()
                    .is_some_and(|c| app.ws.with(|ws| ws.standing(&c, &p5).is_some()));
                let href = if listed {
                    routes::CONSUMER
                } else {
                    routes::CONSUMER_ADD
                };
                (at(href).unwrap_or(0), href.to_string())
            }
        }
    };
    // That entry is marked in the menu as where this page belongs (tablet QA: no entry was).
    // Only when it changes: this reruns on every change of the workspace (code review: on a
    // phone each rerun re-centred the tab row).
    let parent = back_to.clone();
    let marked = StoredValue::new(usize::MAX);
    effect(move |_| {
        let at = parent().0;
        if marked.get_value() != at {
            marked.set_value(at);
            mark_menu_parent(Some(super::NAV[at].href));
        }
    });
    on_cleanup(|| mark_menu_parent(None));
    let back = move || {
        let (at, href) = back_to();
        let item = &super::NAV[at];
        view! {
            // Not an `<A>`: it would mark 插件管理 (`/consumer`) as this page (aria-current).
            <a href=routes::href(&href) data-testid="info-back" data-back="">"← "{tr(item.zh, item.en)}</a>
        }
    };
    view! {
        <div class="page" data-testid="plugin-info">
            <p class="muted">{reactive(back)}</p>
            <OfflineWarnings only=plugin.clone() />
            {reactive(basic)}
            <WithAccount>
                {
                    let p = p3.clone();
                    // Keyed by the acting account: a reason typed as one mini program is never
                    // sent as another.
                    reactive(move || {
                        let _ = app.account.get();
                        view! { <ApplySection plugin=p.clone() /> }
                    })
                }
                {
                    let p = p4.clone();
                    // Keyed by the acting account: another account's use starts a fresh form.
                    reactive(move || {
                        let _ = app.account.get();
                        in_use.get().then(|| view! { <UseInCode plugin=p.clone() /> })
                    })
                }
            </WithAccount>
        </div>
    }
}

/// Status for the acting mini program + the 「申请使用」 form.
#[component]
fn ApplySection(plugin: AppId) -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let reason = RwSignal::new(String::new());
    // Kept by the tab until sent (QA: a reload lost it), for the acting account (the section is
    // made again for another).
    let acting = app.account.get_untracked().map(|a| a.to_string());
    let kept = crate::ui::components::draft::keep_draft(
        crate::store::session::form_draft_key(
            "apply-reason",
            &format!("{}/{plugin}", acting.unwrap_or_default()),
        ),
        reason,
    );
    let error = RwSignal::new(None::<DomainError>);
    let p2 = plugin.clone();
    // Refusals that do not depend on the reason.
    let blocked = memo(move || {
        let actor = app.consumer()?;
        let now = app.now();
        app.ws.with(|ws| ws.apply_blocked(&actor, now, &p2))
    });
    let p1 = plugin.clone();
    // The acting consumer's situation: in use (with version), or its newest application.
    let status = move || {
        let c = app.account.get()?;
        let now = app.now();
        let l = lang.get();
        app.ws.with(|ws| {
            let a = match ws.standing(&c, &p1)? {
                Standing::InUse(u) => {
                let st = ApplicationStatus::Approved;
                let using = match (&u.alias, u.version) {
                    (Some(a), Some(v)) => l.pick(format!("使用版本 {v}（别名 {a}）"), format!("Using version {v} (alias {a})")),
                    _ => l.pick("已添加，尚未设置使用的版本".to_string(), "Added; version not set yet".to_string()),
                };
                return Some(view! {
                    <p>
                        {l.pick("申请状态：", "Application status: ")}
                        <span class=status_class(&st) data-testid="application-status">{status_label(l, &st)}</span>
                        " · "<span class="muted" data-testid="version-in-use">{using}</span>
                    </p>
                }
                .into_any());
                }
                Standing::Removed(_) => {
                return Some(view! {
                    <p class="muted" data-testid="application-removed">
                        // "May apply again" only if it may (review: next to 该插件不能申请).
                        {if blocked.with(Option::is_none) {
                            l.pick("已移除此插件，可以重新申请使用。", "You removed this plugin; you may apply again.")
                        } else {
                            l.pick("已移除此插件。", "You removed this plugin.")
                        }}
                    </p>
                }
                .into_any());
                }
                Standing::Applied(a) => a,
            };
            let st = a.status_at(now);
            let extra = match &st {
                // Who that is here, to act as next (QA: a newcomer did not know).
                ApplicationStatus::Pending => {
                    let left = duration(l, a.expires_at().0 - now.0);
                    let owner = ws.account(&p1).map(|o| o.name.clone()).unwrap_or_default();
                    // Every version offline since: it can wait, not be approved (QA: 该插件不能申请
                    // beside it).
                    let (zh, en) = match super::waits_for_release(ws, a, now) {
                        true => (format!("；{}", super::WAITS_FOR_RELEASE.0), format!(". {}", super::WAITS_FOR_RELEASE.1)),
                        false => Default::default(),
                    };
                    l.pick(
                        format!("等待插件开发者确认，剩余 {left}（切换到帐号「{owner}」，在插件开发者的「申请管理」中处理）{zh}"),
                        format!("Waiting for the developer, {left} left (act as \"{owner}\" and handle it under the plugin developer's Applications){en}"),
                    )
                }
                ApplicationStatus::Rejected { reason } => l.pick(format!("拒绝理由：{reason}"), format!("Rejection reason: {reason}")),
                ApplicationStatus::Expired => {
                    let again = blocked.with(Option::is_none);
                    let h = APPLICATION_WINDOW_HOURS;
                    l.pick(
                        format!("插件开发者未在 {h} 小时内处理{}", if again { "，可以重新申请" } else { "" }),
                        format!("Not handled within {h} hours{}", if again { "; you may apply again" } else { "" }),
                    )
                    .to_string()
                }
                ApplicationStatus::Approved => String::new(),
            };
            Some(view! {
                <p>
                    {l.pick("申请状态：", "Application status: ")}
                    <span class=status_class(&st) data-testid="application-status">{status_label(l, &st)}</span>
                    {(!extra.is_empty()).then_some(" · ")}<span class="why prewrap" data-testid="application-extra">{extra}</span>
                    <br />
                    // The reason is optional: without one, only when it was applied for.
                    // Reasons as written, their line breaks kept (QA: run together on one line).
                    <span class="muted prewrap" data-testid="applied-line">
                        {(!a.reason.is_empty()).then(|| format!("{}{} · ", l.pick("申请理由：", "Your reason: "), a.reason))}
                        {l.pick("申请时间：", "Applied: ")}{datetime(a.applied_at)}
                    </span>
                </p>
            }
            .into_any())
        })
    };
    let new_account = routes::new_account_back_to(&routes::plugin_page(&plugin));
    let p3 = plugin.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(actor) = app.consumer() else { return };
        let cmd = Command::Apply {
            plugin: p3.clone(),
            reason: reason.get_untracked(),
        };
        if app.submit(actor, cmd, error).is_some() {
            // The form (and its focused button) goes away: focus the section's heading, now
            // above the new status (QA: focus fell to <body>).
            crate::ui::components::modal::focus_css("#apply-title");
            reason.set(String::new());
            // Naming the plugin, as the other toasts do (QA).
            let name = app.plugin_name(&p3);
            app.say(
                &format!("已提交「{name}」的使用申请"),
                &format!("Application to use \"{name}\" sent"),
            );
        }
    };
    let field_error = move || error.get().filter(|e| e.field() == Some(Field::Reason));
    let other_error = move || error.get().filter(|e| e.field() != Some(Field::Reason));
    let has_use = {
        let p = plugin.clone();
        memo(move || {
            app.account
                .get()
                .is_some_and(|c| app.ws.with(|ws| ws.uses_plugin(&c, &p)))
        })
    };
    // Applied before (refused, expired, removed since): 重新申请, as 插件管理's link to here says
    // (QA: it led to a button saying 申请使用).
    let again = {
        let p = plugin.clone();
        memo(move || {
            app.account
                .get()
                .is_some_and(|c| app.ws.with(|ws| ws.standing(&c, &p).is_some()))
        })
    };
    // 插件管理's 重新申请 lands on the reason (QA: on the page's heading).
    crate::ui::components::layout::hash_target("apply".into(), Some("#apply-reason"));
    view! {
        <section class="card" id="apply" data-testid="apply-section">
            // Once in use it is no longer an application to make (QA: 申请使用 above 已通过).
            <h2 id="apply-title" tabindex="-1">
                {reactive(move || if has_use.get() { lang.get().pick("使用状态", "Usage") } else { lang.get().pick("申请使用", "Apply to use") })}
            </h2>
            // Its own plugin: no application status at all, only why (QA: 未申请 above it).
            {reactive(move || status().or_else(|| (!matches!(blocked.get(), Some(DomainError::OwnPlugin))).then(|| view! {
                <p>{tr("申请状态：", "Application status: ")}<span class="badge" data-testid="application-status">{tr("未申请", "Not applied")}</span></p>
            }.into_any())))}
            // Why it cannot be applied for, instead of a form that takes nothing (QA: after
            // 申请使用 an empty, disabled form stayed); 待确认 says it in the status already.
            {reactive(move || blocked.get().filter(|e| !matches!(e, DomainError::ApplicationPending) && !has_use.get()).map(|e| view! {
                <p class="why" data-testid="apply-blocked">{tr_error(&e)}</p>
                {matches!(e, DomainError::OwnPlugin).then(|| view! {
                    // Comes back here as the new account (demo QA: it ended on /dev, the plugin lost).
                    <p><a href=routes::href(&new_account) data-testid="apply-new-account">{tr("创建小程序帐号", "Create a mini program account")}</a></p>
                })}
            }))}
            <When when=move || !has_use.get() && blocked.with(Option::is_none)>
                <form class="form" on:submit={handler(submit.clone())}>
                    <crate::ui::components::draft::DraftNote drafts=vec![kept] />
                    <div class="field">
                        <label for="apply-reason">{tr_owned(format!("申请理由（选填，最多 {MAX_APPLY_REASON_CHARS} 字，本应用约定）"), format!("Reason (optional, up to {MAX_APPLY_REASON_CHARS} characters, our rule)"))}</label>
                        <textarea
                            id="apply-reason"
                            rows="3"
                            data-testid="apply-reason"
                            prop:value=move || reason.get()
                            on:input={handler(move |ev: leptos::ev::Event| {
                                reason.set(event_target_value(&ev));
                                error.set(None);
                            })}
                            aria-invalid=move || field_error().is_some().to_string()
                            // The error's id only while it is shown (re-check QA).
                            aria-describedby=move || match field_error() {
                                Some(_) => "apply-reason-error apply-reason-count",
                                None => "apply-reason-count",
                            }
                        ></textarea>
                        <Counter text=reason max=MAX_APPLY_REASON_CHARS id="apply-reason-count" testid="apply-reason-count" />
                        {reactive(move || field_error().map(|e| view! {
                            <p class="error" id="apply-reason-error" role="alert" data-testid="apply-reason-error">{tr_error(&e)}</p>
                        }))}
                    </div>
                    {reactive(move || other_error().map(|e| view! {
                        <p class="error" role="alert" data-testid="apply-error">{tr_error(&e)}</p>
                    }))}
                    <div class="actions">
                        <button type="submit" class="btn btn-primary" data-testid="apply-submit">
                            {reactive(move || if again.get() { tr("重新申请", "Apply again") } else { tr("申请使用", "Apply to use") })}
                        </button>
                    </div>
                </form>
            </When>
        </section>
    }
}
