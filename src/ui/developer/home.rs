//! 「小程序插件」 home: plugin status, the next step of 插件开发流程, counts.
use super::{msg, NeedsAccount};
use crate::domain::{Actor, AppId, NextStep, VersionStatus, APPLICATION_WINDOW_HOURS};
use crate::ui::components::format::badge_label;
use crate::ui::components::icon::PluginIcon;
use crate::ui::components::{memo, reactive};
use crate::ui::i18n::{tr, use_lang};
use crate::ui::routes::{self, A};
use crate::ui::state::use_app;
use leptos::prelude::*;

/// `/dev`.
#[component]
pub fn DevHome() -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    // 待确认 at the (ticking) current time: changes when a 24 h window closes in real time too,
    // while the page re-renders only when the count does.
    // (0 with no account: the page then says to choose one.)
    let pending = memo(move || {
        app.account.get().map_or(0, |me| {
            let now = app.now();
            app.ws.with(|ws| ws.pending_applications(&me, now))
        })
    });
    let body = move || {
        let Some(me) = app.account.get() else {
            return view! { <NeedsAccount /> }.into_any();
        };
        let l = lang.get();
        let (account, plugin) = app
            .ws
            .with(|ws| (ws.account(&me).cloned(), ws.plugin(&me).cloned()));
        let Some(account) = account else {
            return view! { <NeedsAccount /> }.into_any();
        };
        let Some(p) = plugin else {
            let why = app
                .ws
                .with(|ws| ws.open_blocked(&Actor::Developer(me.clone())));
            return view! {
                <div class="card" data-testid="dev-plugin-status">
                    <h2>{account.name.clone()}</h2>
                    <p class="muted">"AppID: "<code>{me.to_string()}</code> " · " {l.pick(account.subject.zh(), account.subject.en())}</p>
                    // As the start page's account list says it (QA: 未开通 read as "not yet").
                    <p><span class="badge" data-testid="dev-open-badge">{match why {
                        Some(_) => l.pick("不可开通", "Cannot open"),
                        None => l.pick("未开通", "Not opened"),
                    }}</span></p>
                    {match why {
                        Some(e) => view! { <p class="banner banner-warn" data-testid="dev-open-why">{msg(l, &e)}</p> <super::OtherWays e /> }.into_any(),
                        None => {
                            // Opening is allowed, but no version could ever pass 提交审核: said
                            // from the start (QA: only after the plugin was opened).
                            let closed = account.development_blocked().map(|e| {
                                view! { <p class="banner banner-warn" data-testid="dev-category-why">{msg(l, &e)}</p> <super::OtherWays e /> }
                            });
                            view! {
                                <p>{l.pick("下一步：", "Next step: ")}<A href=routes::DEV_OPEN attr:data-testid="dev-next-step">{l.pick("开通插件功能", "Open plugin capability")}</A></p>
                                {closed}
                            }.into_any()
                        }
                    }}
                </div>
            }
            .into_any();
        };
        // Each status with its badge's own label (code review: typed again here, "Development"
        // beside the badge's "Development version").
        let stats = VersionStatus::all().map(|s| {
            let same = std::mem::discriminant(&s);
            let n = p
                .versions
                .iter()
                .filter(|v| std::mem::discriminant(&v.status) == same)
                .count();
            (badge_label(l, s.zh(), s.en()), n)
        });
        let pending = pending.get();
        let now = app.now_untracked();
        let step = app.ws.with(|ws| ws.next_step(&me, now));
        // A version to submit (again, or a fix uploaded since) says why the last review refused,
        // here where the next step is read (QA: only a count of 审核失败 told the developer
        // anything had happened). Said whatever the next step is (QA: with applications to
        // handle first, a refusal was only a count).
        let refused = match &step {
            Ok(NextStep::Submit(v) | NextStep::Fix(v)) => p
                .refusal_answered_by(v)
                .map(|(of, reason)| (of.unwrap_or(*v), reason)),
            _ => None,
        }
        .or_else(|| p.unanswered_refusal())
        .map(|(v, reason)| (v, reason.to_string()));
        let (blocked, (next_zh, next_en, href)) = match step {
            Ok(step) => (None, step_link(step)),
            Err(e) => (Some(e), Default::default()),
        };
        view! {
            <div class="card" data-testid="dev-plugin-status">
                <div class="plugin-head">
                    <PluginIcon icon=p.icon.clone() />
                    <div>
                        <h2 data-testid="dev-plugin-name">{p.name.clone()}</h2>
                        // Whose plugin, said as such (QA: the same line said the subject type
                        // before opening, the name after).
                        <p class="muted">"AppID: "<code>{me.to_string()}</code> " · " {l.pick("所属小程序：", "Mini program: ")}{account.name.clone()}</p>
                    </div>
                    <span class="badge badge-ok">{l.pick("已开通", "Opened")}</span>
                    {p.has_online_version().then(|| view! { <span class="badge badge-released">{l.pick("已发布", "Released")}</span> })}
                </div>
                <p class="prewrap">{p.intro.clone()}</p>
                // What release means for consumers (QA: only 上传新版本 was said).
                {p.has_online_version().then(|| view! {
                    <p data-testid="dev-released-note">{l.pick(
                        "插件已发布：小程序开发者可以搜索到它并申请使用。",
                        "The plugin is released: consumer mini programs can find it and apply to use it.",
                    )}</p>
                })}
                // Every released version taken offline (QA: only 已开通 was left, nothing said
                // why the applications could not be approved; then, "every version" while a
                // newer one was in development).
                {p.all_offline().then(|| view! {
                    <p class="why" data-testid="dev-offline-note">{l.pick(
                        "插件已发布的版本已全部下线：小程序开发者搜索不到它，待确认的使用申请也不能通过，直到再发布一个版本。",
                        "Every released version of the plugin is offline: consumer mini programs cannot find it, and no pending use application can be approved until a version is released again.",
                    )}</p>
                })}
                {match blocked {
                    Some(e) => view! { <p class="banner banner-warn" data-testid="dev-next-why">{msg(l, &e)}</p> <super::OtherWays e /> }.into_any(),
                    None => view! {
                        <p data-testid="dev-next">
                            {l.pick("下一步：", "Next step: ")}
                            <A href=href attr:data-testid="dev-next-step">{l.pick(next_zh, next_en)}</A>
                        </p>
                    }.into_any(),
                }}
                {refused.map(|(v, reason)| view! {
                    <p class="why reason" data-testid="dev-next-refused">
                        {l.pick(format!("版本 {v} 审核失败，理由："), format!("Version {v} was rejected: "))}{reason}
                    </p>
                })}
            </div>
            <h2>{l.pick("版本", "Versions")}</h2>
            <div class="stats" data-testid="dev-version-stats">
                {stats.into_iter().map(|(label, n)| view! { <div class="stat"><b>{n}</b>{label}</div> }.into_any()).collect_view()}
            </div>
            <h2>{l.pick("使用申请", "Use applications")}</h2>
            <div class="stats">
                <A href=routes::DEV_APPLICATIONS attr:class="stat" attr:data-testid="dev-pending-count">
                    <b>{pending}</b>{l.pick("待确认", "Pending")}
                </A>
            </div>
        }
        .into_any()
    };
    view! {
        <div class="page" data-testid="dev-home">
            <h1>{tr("小程序插件", "Mini program plugin")}</h1>
            <p class="lead">{tr(
                "插件开发流程：开通插件功能 → 填写开发信息并开发 → 提交审核、发布 → 管理插件使用申请。",
                "Plugin development flow: open plugin capability → fill in development info and develop → submit for review, release → manage use applications.",
            )}</p>
            {reactive(body)}
        </div>
    }
}

/// 「下一步：…」 for `me` under a page's form or list: a link to where the step is taken, or the
/// step's name alone on the page that takes it (`here`); what blocks the flow otherwise.
#[component]
pub(crate) fn NextStepLine(me: AppId, testid: &'static str, here: &'static str) -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    // A memo: the clock ticks every second, the step changes far less often (review: the link
    // was rebuilt every second, under the pointer and focus).
    let step = memo(move || {
        let now = app.now();
        app.ws.with(|ws| ws.next_step(&me, now))
    });
    reactive(move || {
        let l = lang.get();
        match step.get() {
            Ok(step) => {
                let (zh, en, href) = step_link(step);
                let name = l.pick(zh, en);
                view! {
                    <p data-testid=testid>
                        {l.pick("下一步：", "Next step: ")}
                        // The page itself, whatever part of it the link would go to.
                        {if href.split('#').next() == Some(here) {
                            view! { <strong>{name}</strong> }.into_any()
                        } else {
                            view! { <A href=href>{name}</A> }.into_any()
                        }}
                    </p>
                }
                .into_any()
            }
            // What blocks the flow whatever is done, as on /dev (QA: nothing was said here).
            Err(e) => view! { <p class="why" data-testid=format!("{testid}-why")>{msg(l, &e)}</p> }
                .into_any(),
        }
    })
}

/// What a step of 插件开发流程 is called (zh, en), and where it is taken. A version's step names
/// it (QA: 「提交审核」 beside another version's refusal read as "submit that one again").
pub(crate) fn step_link(step: NextStep) -> (String, String, String) {
    let (zh, en, href) = match step {
        NextStep::HandleApplications => {
            return (
                format!("处理使用申请（{APPLICATION_WINDOW_HOURS} 小时内）"),
                format!("Handle use applications (within {APPLICATION_WINDOW_HOURS} hours)"),
                routes::DEV_APPLICATIONS.into(),
            )
        }
        // To the button that takes the step (QA: to the page's top).
        NextStep::Release(v) => {
            return (
                format!("发布审核通过的版本 {v}"),
                format!("Release the approved version {v}"),
                format!("{}#release-{v}", routes::DEV_VERSIONS),
            )
        }
        NextStep::Submit(v) => {
            let v = v.to_string();
            return (
                format!("提交审核 {v}"),
                format!("Submit {v} for review"),
                routes::submit(&v),
            );
        }
        // Upload the fix first; the same version may go again once its review details change.
        NextStep::Fix(v) => {
            return (
                format!("上传修复后的新版本（或修改提交信息后重新提交审核 {v}）"),
                format!(
                    "Upload a fixed version (or change the review details and submit {v} again)"
                ),
                routes::DEV_UPLOAD.into(),
            )
        }
        NextStep::FillDevInfo => ("填写开发信息", "Fill in development info", routes::DEV_INFO),
        NextStep::Upload => ("上传开发版本", "Upload a version", routes::DEV_UPLOAD),
        // Where the review is made: this app's 微信小程序团队 area, named as the header names it
        // (QA: a newcomer did not know where to go next; then 「审核方」, said nowhere else).
        NextStep::AwaitReview => (
            "等待微信小程序团队审核（在页头切换到「微信小程序团队」）",
            "Wait for the platform reviewers (switch to \"Platform reviewer\" in the header)",
            routes::REVIEW,
        ),
        NextStep::AwaitApplications => (
            "等待小程序申请使用（也可上传新版本）",
            "Wait for mini programs to apply (or upload a new version)",
            routes::DEV_APPLICATIONS,
        ),
        NextStep::AwaitApplicationsAtLastVersion => (
            "等待小程序申请使用",
            "Wait for mini programs to apply",
            routes::DEV_APPLICATIONS,
        ),
        NextStep::UploadNew => ("上传新版本", "Upload a new version", routes::DEV_UPLOAD),
    };
    (zh.into(), en.into(), href.into())
}
