//! `/`: choose a mini program account and a role.
use crate::domain::{Actor, VersionStatus, APPLICATION_WINDOW_HOURS};
use crate::ui::components::layout::When;
use crate::ui::components::modal::refocus_soon;
use crate::ui::components::pager::{
    follow_search_in_url, page_misspelled, search_in, search_writer, shown_page, Pager, Q,
};
use crate::ui::components::table::{card_labels, Columns, TableHead};
use crate::ui::components::{effect, handler, memo, reactive};
use crate::ui::i18n::{tr, tr_owned, use_lang};
use crate::ui::routes::{self, A};
use crate::ui::state::use_app;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The account list's columns.
const COLUMNS: Columns = &[
    ("名称", "Name"),
    ("AppID", "AppID"),
    ("主体类型", "Subject type"),
    ("插件", "Plugin"),
    ("当前", "Current"),
];

/// The start page: what this is, the three roles, and the account to act as.
#[component]
pub fn Home() -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    // The accounts, 20 a page, with a filter once there are more (QA: 20 000 rows of a scale
    // workspace took 1.2 s each visit, and one account could not be found among them).
    const PER_PAGE: usize = 20;
    // The filter and its page live in the URL (`/?q=…&page=N`), as the search's do: Back from an
    // account's pages, a reload or a shared link show the same accounts (QA: page 1 of all).
    let url = use_query_map();
    let (q0, p0) = url.with_untracked(|m| search_in(m, Q));
    let page = RwSignal::new(p0);
    let typed = RwSignal::new(q0);
    follow_search_in_url(url, Q, typed, page);
    // A page move is a step of the history, a filter typed is written in place.
    let writer = search_writer(routes::HOME.into(), Q);
    let keep =
        Callback::new(move |(p, step): (usize, bool)| writer.run((typed.get_untracked(), p, step)));
    // As on the other paged lists: a page number not as the URL writes it goes (QA: `/?page=abc`
    // stayed in the URL).
    if page_misspelled(url.with_untracked(|m| m.get("page")).as_deref(), p0) {
        effect(move |_| keep.run((p0, false)));
    }
    let all = memo(move || app.ws.with(|ws| ws.accounts().len()));
    // The filter counts only while it is offered (a `?q=` over a short list shows it all).
    let query = memo(move || {
        if all.get() > PER_PAGE {
            typed.get()
        } else {
            String::new()
        }
    });
    let count = memo(move || query.with(|q| app.ws.with(|ws| ws.accounts_matching(q).len())));
    view! {
        <section class="page home" data-testid="home">
            <h1>{tr("小程序插件 · 全生命周期", "Mini program plugins · the whole lifecycle")}</h1>
            <p class="lead">
                {tr(
                    "开通插件功能、开发、上传版本、提交审核、发布、搜索、申请使用、通过申请、在代码中使用——三个角色，全部在浏览器中完成，数据保存在本地。",
                    "Open plugin capability, develop, upload versions, review, release, search, apply, approve, use in code — three roles, all in your browser, saved locally.",
                )}
            </p>
            <p class="hint" data-testid="decided-legend">{tr(
                "规则取自平台的《插件接入指南》；指南没有规定、由本应用决定的规则标有「本应用约定」。",
                "Rules follow the platform's plugin guide; where the guide is silent we decided, and such rules are marked \"our rule\".",
            )}</p>
            <div class="role-cards">
                <A href=routes::DEV attr:class="card role-card">
                    <h2>{tr("插件开发者", "Plugin developer")}</h2>
                    <p>{tr("小程序管理后台 → 小程序插件", "Admin console → Mini program plugins")}</p>
                </A>
                <A href=routes::REVIEW attr:class="card role-card">
                    <h2>{tr("微信小程序团队", "Platform reviewer")}</h2>
                    <p>{tr("审核插件版本", "Review plugin versions")}</p>
                </A>
                <A href=routes::CONSUMER attr:class="card role-card">
                    <h2>{tr("小程序开发者", "Consumer mini program")}</h2>
                    <p>{tr("小程序管理后台 → 设置 → 第三方服务 → 插件管理", "Admin console → Settings → Third-party services → My plugins (插件管理)")}</p>
                </A>
            </div>
            // Where to start, and when to switch role or account (QA: a newcomer could not
            // tell).
            <h2>{tr("试一遍完整流程", "Try the whole lifecycle")}</h2>
            <ol class="tour" data-testid="tour">
                // With the way to a new account here, near the top (QA: from an empty workspace
                // the table was empty, and the only link was far below it on a phone).
                <li>{tr(
                    "在下表中，对「插件」一栏为「未开通」的帐号点「切换到此帐号」，或",
                    "In the table below, choose \"Act as this account\" for one whose Plugin column says \"Not opened\", or ",
                )}<A href=routes::NEW_ACCOUNT attr:data-testid="tour-new-account">{tr("创建小程序帐号", "create a mini program account")}</A>{tr(
                    "（个人主体不能开通插件功能）。",
                    " (individual (个人) accounts cannot open plugin capability).",
                )}</li>
                // Each step links to where it is taken (QA: only the first did; 开通插件功能 led
                // to the area's overview).
                {[
                    (["插件开发者：", "Plugin developer: "], routes::DEV_OPEN, ["开通插件功能", "Open plugin capability"], [" → 填写开发信息 → 上传开发版本 → 提交审核。".into(), " → development info → upload a version → submit for review.".into()]),
                    (["", ""], routes::REVIEW, ["微信小程序团队", "Platform reviewer"], ["：审核通过，或审核失败并写明理由。".into(), ": approve, or reject with a reason.".into()]),
                    (["插件开发者：", "Plugin developer: "], routes::DEV_VERSIONS, ["发布", "release"], ["。此后插件可以被搜索、申请使用。".into(), ". The plugin can now be found and applied for.".into()]),
                    (["切换到另一个帐号（或再创建一个：不能申请使用自己的插件），小程序开发者：", "Act as another account (or create one: a plugin cannot be applied for by its own account); consumer: "], routes::CONSUMER_ADD, ["添加插件", "Add a plugin"], [" → 搜索 → 申请使用。".into(), " → search → apply.".into()]),
                    (["切换回开发插件的帐号，插件开发者：", "Switch back to the plugin's account. Plugin developer: "], routes::DEV_APPLICATIONS, ["申请管理", "Applications"], [format!(" → {APPLICATION_WINDOW_HOURS} 小时内通过。"), format!(" → approve within {APPLICATION_WINDOW_HOURS} hours.")]),
                    (["再切换到使用方，小程序开发者：", "Back as the consumer: "], routes::CONSUMER_CODE, ["在代码中使用", "Use in code"], [" → 设置别名与版本 → 复制 app.json 片段。".into(), " → set the alias and version → copy the app.json fragment.".into()]),
                ]
                .map(|([lead_zh, lead_en], href, [link_zh, link_en], [rest_zh, rest_en])| view! {
                    <li>{tr(lead_zh, lead_en)}<A href=href>{tr(link_zh, link_en)}</A>{tr_owned(rest_zh, rest_en)}</li>
                }.into_any())
                .collect_view()}
            </ol>
            <h2 id="accounts-title" tabindex="-1">{tr("小程序帐号", "Mini program accounts")}</h2>
            <When when=move || { all.get() > PER_PAGE }>
                <div class="field" role="search">
                    <label for="account-filter">{reactive(move || lang.get().pick(format!("筛选 {} 个帐号", all.get()), format!("Filter {} accounts", all.get())))}</label>
                    // How many the filter finds (QA: the label kept the total only).
                    <p class="hint" aria-live="polite" data-testid="account-filter-count">{reactive(move || {
                        let (n, filtering) = (count.get(), query.with(|q| !q.trim().is_empty()));
                        filtering.then(|| lang.get().pick(format!("找到 {n} 个"), format!("{n} found")))
                    })}</p>
                    <input id="account-filter" type="search" autocomplete="off" data-testid="account-filter"
                        placeholder=tr("小程序名称，或 AppID 的开头", "Mini program name, or the start of an AppID")
                        prop:value=move || typed.get()
                        on:input={handler(move |ev: leptos::ev::Event| { typed.set(event_target_value(&ev)); page.set(0); keep.run((0, false)); })} />
                </div>
            </When>
            <table class="table actions-last cards" role="table" style=card_labels(COLUMNS) aria-labelledby="accounts-title" data-testid="account-list">
                <TableHead cols=COLUMNS />
                <tbody role="rowgroup">
                    {reactive(move || {
                        let current = app.account.get();
                        let at = shown_page(page.get(), count.get(), PER_PAGE) * PER_PAGE;
                        app.ws.with(|ws| {
                            query.with(|q| ws.accounts_matching(q)).into_iter()
                                .skip(at)
                                .take(PER_PAGE)
                                .map(|a| {
                                    let id = a.app_id.clone();
                                    let is_current = current.as_ref() == Some(&a.app_id);
                                    let subject = a.subject;
                                    // Ten buttons with one text: the accessible name says whose.
                                    let name = a.name.clone();
                                    let label = move || {
                                        let l = lang.get();
                                        if is_current {
                                            format!("{}{}", l.pick("当前帐号：", "Current account: "), name)
                                        } else {
                                            format!("{}{}", l.pick("切换到此帐号：", "Act as this account: "), name)
                                        }
                                    };
                                    // Its plugin, else whether it may open one (the domain
                                    // says: 个人 may not).
                                    // With its versions' statuses, in the order a version goes
                                    // through them: which account shows what (demo QA: the
                                    // presenter had to remember it).
                                    let plugin = ws.plugin(&a.app_id).map(|p| {
                                        let states: Vec<(&str, &str)> = VersionStatus::all()
                                            .iter()
                                            .filter(|s| p.versions.iter().any(|v| std::mem::discriminant(&v.status) == std::mem::discriminant(*s)))
                                            .map(|s| (s.zh(), s.en()))
                                            .collect();
                                        (p.name.clone(), states)
                                    });
                                    let may_open = plugin.is_none()
                                        && ws
                                            .open_blocked(&Actor::Developer(a.app_id.clone()))
                                            .is_none();
                                    // Opens, or opened, but no version can pass 提交审核, as
                                    // the domain's next step says (QA: said as the 未开通 the
                                    // tour above starts from; then as any plugin's 开发版本).
                                    let closed = match &plugin {
                                        Some(_) => ws.next_step(&a.app_id, app.now_untracked())
                                            == Err(crate::domain::DomainError::NoPluginCategory),
                                        None => a.development_blocked()
                                            == Some(crate::domain::DomainError::NoPluginCategory),
                                    };
                                    let plugin = move || {
                                        let l = lang.get();
                                        let shown = match &plugin {
                                            Some((name, states)) if states.is_empty() => name.clone(),
                                            Some((name, states)) => {
                                                let states: Vec<&str> = states.iter().map(|(zh, en)| l.pick(*zh, *en)).collect();
                                                format!("{name} · {}", states.join(l.pick("、", ", ")))
                                            }
                                            None if may_open => l.pick("未开通", "Not opened").to_string(),
                                            None => return l.pick("不可开通", "Cannot open").to_string(),
                                        };
                                        match closed {
                                            true => format!("{shown}{}", l.pick("（无开放的插件服务类目，不能提交审核）", " (no category open to plugins: cannot submit for review)")),
                                            false => shown,
                                        }
                                    };
                                    view! {
                                        <tr role="row" class:current=is_current id=format!("account-row-{}", a.app_id) tabindex="-1">
                                            <td role="cell">{a.name.clone()}</td>
                                            <td role="cell"><code>{a.app_id.to_string()}</code></td>
                                            <td role="cell">{tr(subject.zh(), subject.en())}</td>
                                            <td role="cell" data-testid=format!("account-plugin-{}", a.app_id)>{reactive(plugin)}</td>
                                            <td role="cell">
                                                <button class="btn btn-small" disabled=is_current aria-label=label
                                                    on:click={handler(move |_| {
                                                        // Said by it (keyboard QA: nothing was announced).
                                                        app.set_account(id.to_string());
                                                        // The rows are drawn anew and this button is then
                                                        // disabled: the keys stay on its row, now 当前帐号,
                                                        // which stays in view (QA: focus fell to the page;
                                                        // then, on the list's heading, a phone scrolled the
                                                        // chosen row out of sight).
                                                        refocus_soon([format!("#account-row-{id}"), "#accounts-title".to_string()]);
                                                    })}>
                                                    {reactive(move || if is_current { lang.get().pick("当前帐号", "Current") } else { lang.get().pick("切换到此帐号", "Act as this account") })}
                                                </button>
                                            </td>
                                        </tr>
                                    }.into_any()
                                })
                                .collect_view()
                        })
                    })}
                </tbody>
            </table>
            <Pager page total=count per_page=PER_PAGE testid="accounts" top="#accounts-title" on_change=keep />
            {reactive(move || (all.get() > 0 && count.get() == 0).then(|| view! {
                <p class="empty" data-testid="no-account-found">{tr("没有找到匹配的帐号", "No account matches")}</p>
            }))}
            {reactive(move || (all.get() == 0).then(|| view! {
                <p class="empty" data-testid="no-accounts">
                    {tr("还没有小程序帐号：先创建一个，再以它的身份开通插件功能或添加插件。", "No mini program account yet: create one, then act as it to open plugin capability or add plugins.")}
                </p>
            }))}
            <p><A href=routes::NEW_ACCOUNT>{tr("创建小程序帐号", "Create a mini program account")}</A></p>
        </section>
    }
}
