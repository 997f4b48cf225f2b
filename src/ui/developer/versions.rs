//! `/dev/versions` — 「开发管理」 (插件版本管理): the version list with status badges, the 「上传」
//! dialog with a live-validated `plugin.json`, and per-version 提交审核 / 撤回 / 发布 / 下线.
use super::{
    bind, described, invalid, msg, set_field_error, version_badge, Errors, FieldError, FormError,
    WithPlugin,
};
use crate::domain::{
    parse_plugin_json, Actor, AppId, Command, DomainError, Field, OfflineImpact, PluginVersion,
    Semver, VersionStatus, MAX_VERSION_DESCRIPTION_CHARS, MAX_VERSION_PART,
};
use crate::store::session::upload_draft;
use crate::ui::components::counter::Counter;
use crate::ui::components::draft::RestoredNote;
use crate::ui::components::format::{badge_label, datetime};
use crate::ui::components::modal::{focus_css, refocus_soon, Modal};
use crate::ui::components::pager::{page_in_url_of_account, search_url, shown_page, Pager, Q};
use crate::ui::components::said::{problems_said, SaidAfterPause};
use crate::ui::components::table::{card_labels, Columns, TableHead};
use crate::ui::components::{effect, handler, keyed_list, memo, reactive, KeyedRow};
use crate::ui::i18n::{tr, tr_owned, use_lang, whose, Lang};
use crate::ui::routes;
use crate::ui::state::use_app;
use leptos::prelude::*;

/// The version list's columns.
const COLUMNS: Columns = &[
    ("版本号", "Version"),
    ("状态", "Status"),
    ("版本描述", "Description"),
    ("上传时间", "Uploaded"),
    ("操作", "Actions"),
];

/// The template offered in the `plugin.json` editor.
pub const MANIFEST_TEMPLATE: &str = r#"{
  "publicComponents": {
    "hello-component": "components/hello/index"
  },
  "pages": {
    "hello-page": "pages/hello/index"
  },
  "main": "index.js"
}"#;

/// A refusal only because of the version's status is plain from the status badge: it stays
/// available to assistive tech (and as the button's description) without cluttering the table.
/// Any other reason (e.g. another version already 审核中) is shown.
fn why_class(e: &DomainError) -> &'static str {
    if matches!(e, DomainError::StatusForbids { .. }) {
        "why sr-only"
    } else {
        "why"
    }
}

const UPLOAD_FIELDS: &[Field] = &[Field::Version, Field::Description, Field::Manifest];

/// Versions a page, newest first (scale QA: 1 500 drawn at once, anew after every 发布, 下线 or
/// language switch, 1–3 s each).
const VERSIONS_PER_PAGE: usize = 20;

/// A plugin's versions in the list's order, the newest first: the rows and the page a link to
/// one of them opens.
fn newest_first(p: &crate::domain::Plugin) -> impl Iterator<Item = &PluginVersion> {
    p.versions.iter().rev()
}

/// `/dev/versions`.
#[component]
pub fn VersionsPage() -> impl IntoView {
    // The list's page: here, as another account rebuilds what is below.
    let (page, keep_page) = page_in_url_of_account("page");
    view! {
        <div class="page" data-testid="dev-versions">
            <h1 id="versions-title" tabindex="-1">{tr("开发管理", "Version management")}</h1>
            <p class="lead">{tr(
                "上传开发版本 → 提交审核 → 审核通过后发布。发布后插件才能被其他小程序搜索和添加；可同时存在多个线上版本。",
                "Upload a version → submit it for review → release it once approved. Only then can other mini programs find and add the plugin; several versions may be online at once.",
            )}</p>
            <p class="hint" data-testid="dev-no-trial">{tr(
                "插件暂不支持在体验版中体验。同一插件一次只能有一个版本在审核中，审核结果出来前可撤回；线上版本可下线（本应用约定）。",
                "Plugins cannot be tried in a trial (体验版) build. Only one version of a plugin can be in review at a time, and it can be withdrawn before a decision; an online version can be taken offline (our rule).",
            )}</p>
            <ActionsByStatus />
            <WithPlugin page=move |me| view! { <Versions me page keep_page /> } />
        </div>
    }
}

/// Which of a row's buttons each status allows, from the domain's rule
/// ([`VersionStatus::allows`]): why a button is off is read from the row's status badge by
/// everyone, not only by screen readers (QA: a keyboard user could not learn why 发布 was off).
#[component]
fn ActionsByStatus() -> impl IntoView {
    use crate::domain::VersionAction::{Release, Submit, TakeOffline, Withdraw};
    let lang = use_lang();
    reactive(move || {
        let l = lang.get();
        let items: Vec<String> = VersionStatus::all()
            .iter()
            .filter_map(|s| {
                let acts: Vec<&str> = [Submit, Withdraw, Release, TakeOffline]
                    .into_iter()
                    .filter(|a| s.allows(*a))
                    .map(|a| l.pick(a.zh(), a.en()))
                    .collect();
                (!acts.is_empty())
                    .then(|| format!("{} → {}", l.pick(s.zh(), s.en()), acts.join(" / ")))
            })
            .collect();
        view! {
            <p class="hint" data-testid="dev-version-actions">
                {l.pick("各状态可用的操作：", "What each status allows: ")}
                {items.join(l.pick("；", "; "))}
            </p>
        }
    })
}

#[component]
fn Versions(
    me: AppId,
    /// The list's page.
    page: RwSignal<usize>,
    keep_page: Callback<(usize, bool)>,
) -> impl IntoView {
    let lang = use_lang();
    let app = use_app();
    let m0 = me.clone();
    let total = memo(move || {
        app.ws
            .with(|ws| ws.plugin(&m0).map_or(0, |p| p.versions.len()))
    });
    // A link to a version's row (提交审核's #version-…, the next step's #release-…) opens the
    // page it is on.
    let asked_hash = leptos_router::hooks::use_location().hash.get_untracked();
    let asked = asked_hash
        .strip_prefix("#version-")
        .or_else(|| asked_hash.strip_prefix("#release-"));
    if let Some(v) = asked {
        let at = app.ws.with_untracked(|ws| {
            newest_first(ws.plugin(&me)?).position(|x| x.version.to_string() == v)
        });
        // On another page than the one asked for (a first-page row with `?page=2`, review).
        if let Some(at) = at.filter(|at| at / VERSIONS_PER_PAGE != page.get_untracked()) {
            page.set(at / VERSIONS_PER_PAGE);
            // Written to the URL with the `#…` the link's target takes out afterwards (else
            // the URL without a page took the list back to the first).
            let url = search_url(routes::DEV_VERSIONS, Q, "", at / VERSIONS_PER_PAGE);
            let options = leptos_router::NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            };
            routes::use_navigate()(&format!("{url}{asked_hash}"), options);
        }
    }
    // This tab's upload is the newest: shown on the first page, a step Back returns from (QA:
    // written in place, Back stayed on the same address).
    let uploaded = Callback::new(move |()| {
        if page.get_untracked() != 0 {
            page.set(0);
            keep_page.run((0, true));
        }
    });
    let dialog = RwSignal::new(false);
    // The version whose 下线 is being confirmed: its dialog lives here, not in its row, which is
    // drawn anew whenever its plugin changes (review: an expiry closed it, when rows were drawn anew
    // on every change).
    let offline = RwSignal::new(None::<Semver>);
    let actor = Actor::Developer(me.clone());
    let (a1, p1) = (actor.clone(), me.clone());
    let upload_why = memo(move || app.ws.with(|ws| ws.upload_blocked(&a1, &p1)));
    let me2 = me.clone();
    // What the rows were drawn from, and how many times it changed.
    let shown = StoredValue::new(None::<(crate::domain::Plugin, Option<crate::domain::Account>)>);
    let generation = StoredValue::new(0_u32);
    let rows = move || {
        let at = shown_page(page.get(), total.get(), VERSIONS_PER_PAGE) * VERSIONS_PER_PAGE;
        // Drawn anew with focus in a row (another tab's change: its button disabled or gone, the
        // rows shifted): focus goes back to that version's same button if still enabled, else
        // its row's next step, else its row, which says its new status (re-check QA: focus fell
        // to <body>, unsaid). Noted here, before the rows go. From focus up, not a search of the
        // page for the row (scale QA: 1 500 rows drawn anew searched it 1 500 times).
        if let Some(active) = document().active_element() {
            if let Ok(Some(row)) = active.closest("[data-testid^='version-row-']") {
                let key = row.get_attribute("data-testid").unwrap_or_default();
                let testid = active.get_attribute("data-testid").unwrap_or_default();
                refocus_in_row(key.trim_start_matches("version-row-"), &testid);
            }
        }
        // Drawn in one language, anew on a switch: a row reads no signal of its own (scale QA:
        // each row's parts subscribed to the language, 1 500 rows drawn anew several times left
        // tens of thousands of subscriptions behind, and a switch then took minutes).
        let l = lang.get();
        app.ws.with(|ws| {
            // Keyed by version and a generation that moves on when what the rows say may have
            // changed (the plugin or its account, as another tab's import or reset may change
            // them with as many events), not with every change of the workspace (code review:
            // another plugin's or a consumer's event redrew them, focus taken off a button): a
            // row is never redrawn in place as another version, with focus on its button (QA:
            // after another tab's upload shifted the rows, focus on 1.0.0's 下线 was on 1.1.0's,
            // and Enter offered to take that one offline).
            let Some(p) = ws.plugin(&me2) else {
                return vec![];
            };
            let now = (p.clone(), ws.account(&me2).cloned());
            if shown.with_value(|s| s.as_ref() != Some(&now)) {
                shown.set_value(Some(now));
                generation.update_value(|g| *g += 1);
            }
            let changes = generation.get_value();
            newest_first(p)
                .skip(at)
                .take(VERSIONS_PER_PAGE)
                .map(|v| {
                    let (me, v) = (me2.clone(), v.clone());
                    let key = format!("{}@{changes}{}", v.version, l.pick("", "en"));
                    KeyedRow::new(
                        key,
                        move || view! { <VersionRow me v l confirm_offline=offline /> },
                    )
                })
                .collect()
        })
    };
    // The next step 发布 leads to the row's button (QA: to the page's top): one effect for every
    // row's `release-<version>`.
    crate::ui::components::layout::hash_target("release-*".into(), None);
    // And 提交审核 to the submitted version's row.
    crate::ui::components::layout::hash_target("version-*".into(), None);
    let on_close = move || dialog.set(false);
    let draft = UploadDraft::kept_for(&me);
    // The next step 上传 leads here, to the button (QA: to the page's top).
    crate::ui::components::layout::hash_target("upload".into(), None);
    let me3 = me.clone();
    view! {
        <div class="actions">
            <button class="btn btn-primary" id="upload" data-testid="upload-open"
                disabled=move || upload_why.get().is_some()
                aria-describedby=move || upload_why.get().map(|_| "upload-why")
                on:click={handler(move |_| dialog.set(true))}>
                {tr("上传", "Upload")}
            </button>
            {reactive(move || upload_why.get().map(|e| view! { <span class="why" id="upload-why" data-testid="upload-why">{msg(lang.get(), &e)}</span> }))}
        </div>
        // Where the flow goes next, also after 发布 (QA: only the overview and the toast said it).
        <super::home::NextStepLine me=me.clone() testid="versions-next" here=routes::DEV_VERSIONS />
        <table role="table" class="table actions-last cards" style=card_labels(COLUMNS) aria-labelledby="versions-title" data-testid="version-list">
            <TableHead cols=COLUMNS />
            <tbody role="rowgroup">
                {reactive(move || (total.get() == 0).then(|| view! { <tr role="row"><td role="cell" colspan="5" class="empty">{tr("尚未上传版本", "No version uploaded yet")}</td></tr> }))}
                {keyed_list(rows)}
            </tbody>
        </table>
        <Pager page total per_page=VERSIONS_PER_PAGE on_change=keep_page testid="version-pages" top="#versions-title" />
        {reactive(move || dialog.get().then(|| view! { <UploadDialog me=me.clone() draft on_close uploaded /> }))}
        {reactive(move || offline.get().map(|version| view! { <OfflineDialog me=me3.clone() version open=offline /> }))}
    }
}

/// 「下线」 confirmation: irreversible, and consumers pinned to the version will be warned.
#[component]
fn OfflineDialog(me: AppId, version: Semver, open: RwSignal<Option<Semver>>) -> impl IntoView {
    let app = use_app();
    let l = use_lang().get_untracked();
    // With the 待确认 applications that could then only be rejected (QA: the dialog did not say).
    // Followed while the dialog is open (QA: a use of the version another tab saved meanwhile
    // was not counted until the dialog was opened again).
    let of = me.clone();
    let impact = move || {
        let OfflineImpact {
            users,
            last_online: last,
            unversioned,
            unapprovable: pending,
        } = app
            .ws
            .with(|ws| ws.offline_impact(&of, version, app.now_untracked()));
        view! {
                {l.pick(
                    // None: said so, not "0, they will be warned" (QA).
                    // The last online one: nothing to switch to, their code stops (learner QA: "they
                    // will need to switch versions", with none to switch to).
                    match (users, last) {
                        (0, _) => "下线后不可恢复（本应用约定）。没有小程序正在使用此版本。".to_string(),
                        // 它 for one, 它们 for more (QA).
                        (n, false) => format!("下线后不可恢复（本应用约定）。正在使用此版本的小程序：{n} 个，{}会收到提醒，需要更换版本。", if n == 1 { "它" } else { "它们" }),
                        (n, true) => format!("下线后不可恢复（本应用约定）。正在使用此版本的小程序：{n} 个，{}会收到提醒；其中的插件代码将停用，发布新版本前没有可更换的版本。", if n == 1 { "它" } else { "它们" }),
                    },
                    match (users, last) {
                        (0, _) => "This cannot be undone (our rule). No mini program uses this version.".to_string(),
                        (n, false) => format!("This cannot be undone (our rule). Mini programs using this version: {n}; they will be warned to switch."),
                        (n, true) => format!("This cannot be undone (our rule). Mini programs using this version: {n}; they will be warned, the plugin's code in them stops working, and there is no version to switch to until a new one is released."),
                    },
                )}
                {last.then(|| l.pick(
                    "这是最后一个线上版本：下线后插件将不能被搜索和申请。",
                    " This is the last online version: the plugin will no longer be searchable or open to applications.",
                ))}
                // Approved, no version chosen: none to choose then (QA: not counted above).
                {(unversioned > 0).then(|| l.pick(
                    format!("另有 {unversioned} 个已获准使用、尚未选择版本的小程序：发布新版本前没有可选择的版本。"),
                    match unversioned {
                        1 => " 1 more mini program may use the plugin but has not chosen a version: there will be none to choose until a new one is released.".to_string(),
                        n => format!(" {n} more mini programs may use the plugin but have not chosen a version: there will be none to choose until a new one is released."),
                    },
                ))}
                {(pending > 0).then(|| l.pick(
                    format!("还有 {pending} 个待确认的使用申请：下线后在发布新的线上版本前只能拒绝（本应用约定）。"),
                    match pending {
                        1 => " 1 use application is pending: until a version is online again it can only be rejected (our rule).".to_string(),
                        n => format!(" {n} use applications are pending: until a version is online again they can only be rejected (our rule)."),
                    },
                ))}
        }
    };
    let close = move || open.set(None);
    let what = super::named_version(app, &me, version);
    let confirm = move |_| {
        app.act(
            Actor::Developer(me.clone()),
            Command::TakeOffline {
                plugin: me.clone(),
                version,
            },
            &format!("{what} 已下线"),
            &format!("{what} taken offline"),
        );
        open.set(None);
    };
    view! {
        <Modal labelledby="offline-title" describedby="offline-impact" testid="offline-dialog" on_close=close
            focus="[data-testid=offline-cancel]" return_focus=format!("[data-testid='offline-{version}']")
            fallback_focus=format!("[data-testid='version-row-{version}']")>
            <h2 id="offline-title">{l.pick(format!("下线版本 {version}？"), format!("Take version {version} offline?"))}</h2>
            <p id="offline-impact" data-testid="offline-impact">{reactive(impact)}</p>
            <div class="actions">
                <button class="btn btn-danger" data-testid="offline-confirm" on:click={handler(confirm)}>{l.pick("确认下线", "Take offline")}</button>
                <button class="btn" data-testid="offline-cancel" on:click={handler(move |_| close())}>{l.pick("取消", "Cancel")}</button>
            </div>
        </Modal>
    }
}

/// Once version `key`'s row is drawn anew, if focus fell: on `testid` if still enabled, else on
/// the row's next step (下线 after 发布, 提交审核 after 撤回), else on the row, which says its status.
fn refocus_in_row(key: &str, testid: &str) {
    let row = format!("[data-testid='version-row-{key}']");
    refocus_soon([
        format!("[data-testid='{testid}']:not([disabled])"),
        format!("{row} button:not([disabled])"),
        row,
        // The version now on another page of the list (another tab's upload): its heading
        // (code review: focus fell to <body>).
        "#versions-title".into(),
    ]);
}

/// One version with its status and actions.
#[component]
fn VersionRow(
    me: AppId,
    v: PluginVersion,
    l: Lang,
    confirm_offline: RwSignal<Option<Semver>>,
) -> impl IntoView {
    let app = use_app();
    let navigate = routes::use_navigate();
    let actor = Actor::Developer(me.clone());
    let ver = v.version;
    let key = ver.to_string();
    let status = v.status.clone();
    let submit_why = super::submit::submit_blocked(&actor, &me, ver);
    let status_text = badge_label(l, status.zh(), status.en());
    let row_label = format!("{key} {status_text}");
    // A 审核失败 reason (up to 200 characters) goes under the badge, where it can wrap (QA: in
    // the badge it made the table 2 600 px wide).
    let rejected_reason = match &v.status {
        VersionStatus::Rejected { reason } => Some(reason.clone()),
        _ => None,
    };
    let badge = version_badge(&v.status);
    let k2 = key.clone();
    // 下线 cannot be undone: it asks first, naming how many mini programs use that version.
    // `done`: the English toast after it worked (the Chinese one is 已 + the button's label);
    // `None` for an action that cannot be undone: it opens its confirmation dialog instead.
    let what = super::named_version(app, &me, &key);
    let act = move |kind: &'static str,
                    cmd: Command,
                    zh: &'static str,
                    en: &'static str,
                    done: Option<&'static str>| {
        let why = app.can_on_change(&actor, &cmd).err();
        let key = k2.clone();
        let what = what.clone();
        let testid = format!("{kind}-{key}");
        let why_id = format!("why-{kind}-{key}");
        let actor = actor.clone();
        let disabled = why.is_some();
        let danger = done.is_none();
        let why_title = why.as_ref().map(|e| msg(l, e));
        let why_view = why.map(|e| {
            let id = why_id.clone();
            let class = why_class(&e);
            view! { <span class=class id=id data-testid=format!("why-{kind}-{key}")>{msg(l, &e)}</span> }
        });
        view! {
            <span class="action">
                // Named with its version, as each row has the same buttons (screen-reader QA: two
                // 「下线」 said alike).
                <button class="btn btn-small" class:btn-danger=danger id=testid.clone() data-testid=testid disabled=disabled
                    aria-label=whose(l, zh, en, &key)
                    aria-describedby=disabled.then(|| why_id.clone())
                    title=why_title
                    on:click={handler(move |_| {
                        match done {
                            // Naming the version, as 「1.0.0 已提交审核」 does (QA).
                            Some(done) => {
                                app.act(actor.clone(), cmd.clone(), &format!("{what} 已{zh}"), &format!("{what} {done}"));
                                // The row is drawn anew and this button may be disabled: focus
                                // goes to the row's next step (下线 after 发布, 提交审核 after 撤回),
                                // else the row (QA: it fell to <body>; then the row had no name).
                                refocus_in_row(&key, &format!("{kind}-{key}"));
                            }
                            None => confirm_offline.set(Some(ver)),
                        }
                    })}>
                    {l.pick(zh, en)}
                </button>
                {why_view}
            </span>
        }
    };
    let withdraw = act(
        "withdraw",
        Command::WithdrawReview {
            plugin: me.clone(),
            version: ver,
        },
        // The status legend's and the refusals' word (QA: the button said 撤回 beside
        // "不能撤回审核").
        "撤回审核",
        "Withdraw review",
        Some("withdrawn from review"),
    );
    let release = act(
        "release",
        Command::Release {
            plugin: me.clone(),
            version: ver,
        },
        "发布",
        "Release",
        Some("released"),
    );
    let offline = act(
        "offline",
        Command::TakeOffline {
            plugin: me.clone(),
            version: ver,
        },
        "下线",
        "Take offline",
        None,
    );
    let submit_disabled = submit_why.is_some();
    let submit_href = routes::submit(&key);
    let submit_title = submit_why.as_ref().map(|e| msg(l, e));
    let why_submit = submit_why.map(|e| {
        let class = why_class(&e);
        view! { <span class=class id=format!("why-submit-{key}") data-testid=format!("why-submit-{key}")>{msg(l, &e)}</span> }
    });
    view! {
        // Takes focus after 下线 (its button is then disabled): it reads the row's new status.
        // Named by its version and status, for when it has focus (screen-reader QA: unnamed).
        <tr role="row" id=format!("version-{key}") data-testid=format!("version-row-{key}") tabindex="-1" aria-label=row_label>
            <td role="cell"><code>{key.clone()}</code></td>
            <td role="cell">
                <span class=badge data-testid=format!("version-status-{key}")>{status_text}</span>
                {rejected_reason.map(|x| view! { <p class="why reason" data-testid=format!("version-reason-{key}")>{x}</p> })}
            </td>
            <td role="cell" class="text">{crate::ui::components::format::or_dash(&v.description)}</td>
            // A date on one line, as 申请管理's (QA: 「2026-12-」 / 「07 05:10」 beside a long text).
            <td role="cell" class="keep">{datetime(v.uploaded_at)}</td>
            <td role="cell">
                <div class="actions version-actions">
                    <span class="action">
                        <button class="btn btn-small btn-primary" data-testid=format!("submit-review-{key}") disabled=submit_disabled
                            aria-label=whose(l, "提交审核", "Submit for review", &key)
                            aria-describedby=submit_disabled.then(|| format!("why-submit-{key}"))
                            title=submit_title
                            on:click={handler(move |_| navigate(&submit_href, Default::default()))}>
                            {l.pick("提交审核", "Submit for review")}
                        </button>
                        {why_submit}
                    </span>
                    {withdraw}
                    {release}
                    {offline}
                </div>
            </td>
        </tr>
    }
}

/// What the upload dialog holds, kept while it is closed and cleared by an upload.
#[derive(Clone, Copy)]
struct UploadDraft {
    /// The version as typed; `None` until typed (the dialog then suggests the next one).
    version: RwSignal<Option<String>>,
    description: RwSignal<String>,
    manifest: RwSignal<String>,
    /// The `plugin.json` a fresh draft starts from ([`base_manifest`]).
    base: Memo<String>,
}

impl UploadDraft {
    /// `plugin`'s draft as this tab last kept it, kept again as it changes: 取消, Esc, another
    /// page or a reload do not lose a 版本描述 (QA). An untouched draft is not stored.
    fn kept_for(plugin: &AppId) -> Self {
        let app = use_app();
        let p = plugin.clone();
        let base = memo(move || app.ws.with(|ws| base_manifest(ws.plugin(&p))));
        let [v, d, m] =
            upload_draft::load(plugin).unwrap_or_else(|| fresh_text(base.get_untracked()));
        let draft = Self {
            version: RwSignal::new(Some(v).filter(|v| !v.is_empty())),
            description: RwSignal::new(d),
            manifest: RwSignal::new(m),
            base,
        };
        // Another tab's upload: a `plugin.json` not edited here starts from that upload's, the
        // dialog open or not (code review: closed, the old one stayed, then read as a draft).
        let shown = StoredValue::new(base.get_untracked());
        effect(move |_| {
            let now = base.get();
            if shown.with_value(|b| *b != now) {
                if shown.with_value(|b| draft.manifest.with_untracked(|m| m == b)) {
                    draft.manifest.set(now.clone());
                }
                shown.set_value(now);
            }
        });
        let plugin = plugin.clone();
        effect(move |_| {
            let text = draft.text();
            let fresh = draft.untouched(&text);
            upload_draft::save(&plugin, (!fresh).then_some(&text));
        });
        draft
    }

    /// Whether `text` is what a fresh draft holds now.
    fn untouched(self, text: &[String; 3]) -> bool {
        *text == fresh_text(self.base.get_untracked())
    }

    /// Version (empty: not typed), 版本描述, `plugin.json`, as they are now (tracked).
    fn text(self) -> [String; 3] {
        [
            self.version.get().unwrap_or_default(),
            self.description.get(),
            self.manifest.get(),
        ]
    }

    /// A fresh draft: no version typed, no description, the base `plugin.json`.
    fn clear(self) {
        self.version.set(None);
        self.description.set(String::new());
        self.manifest.set(self.base.get_untracked());
    }
}

/// The `plugin.json` a new upload starts from: the latest upload's, so that a fix starts from
/// what it fixes (QA: each upload started again from the template); the template for a first.
fn base_manifest(plugin: Option<&crate::domain::Plugin>) -> String {
    plugin
        .and_then(|p| p.latest_version())
        .map_or_else(|| MANIFEST_TEMPLATE.into(), |v| v.manifest.to_json_pretty())
}

/// A fresh draft's text: no version typed, no description, `manifest`.
fn fresh_text(manifest: String) -> [String; 3] {
    [String::new(), String::new(), manifest]
}

/// The 「上传」 dialog: version, 版本描述 and a `plugin.json` editor checked as you type.
#[component]
fn UploadDialog(
    me: AppId,
    draft: UploadDraft,
    on_close: impl Fn() + Copy + Send + Sync + 'static,
    /// After this tab's upload (before the dialog closes).
    uploaded: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    // The latest upload and the version suggested after it, tracked: another tab's upload while
    // the dialog is open moves them (QA: it kept suggesting the version just uploaded there).
    let of = me.clone();
    let latest = move || {
        app.ws.with(|ws| {
            ws.plugin(&of)
                .and_then(|p| p.latest_version())
                .map(|v| v.version)
        })
    };
    let suggest = move |latest: Option<Semver>| {
        Semver::next_upload(latest)
            .map(|v| v.to_string())
            .unwrap_or_default()
    };
    let suggested = suggest(untrack(latest.clone()));
    let actor = Actor::Developer(me.clone());
    // A typed version is kept unless it is empty or no longer above the latest upload (another
    // tab uploaded meanwhile): the next one is suggested then, and the domain's refusal of the
    // typed one says why (QA: it was replaced unsaid).
    let mut typed = draft
        .version
        .get_untracked()
        .filter(|v| !v.trim().is_empty());
    // The domain's refusal of a version for not being above the latest upload, if it is.
    let not_above = {
        let me = me.clone();
        move |v: &str| {
            app.ws
                .with_untracked(|ws| ws.plugin(&me).and_then(|p| p.check_upload_version(v).err()))
                .filter(|e| matches!(e, DomainError::VersionNotIncreasing { .. }))
        }
    };
    let stale = typed.as_deref().and_then(not_above.clone());
    if typed.is_none() || stale.is_some() {
        typed = None;
        draft.version.set(None);
    }
    let replaced = RwSignal::new(stale.map(|e| {
        let s = suggested.clone();
        (
            format!("草稿中的版本号已改为 {s}：{}", e.zh()),
            format!("The draft's version is now {s}: {}", e.en()),
        )
    }));
    let version = RwSignal::new(typed.unwrap_or(suggested.clone()));
    let UploadDraft {
        description,
        manifest,
        ..
    } = draft;
    let errors: Errors = RwSignal::new(vec![]);
    // Opened on what an earlier visit typed: said, with a way to start over (QA).
    let restored = RwSignal::new(!draft.untouched(&untrack(|| draft.text())));
    // Another tab's upload meanwhile: a version not typed here becomes the next one, and one
    // typed here no longer above it is kept; both said, under the field and aloud (re-check
    // QA: the dialog changed, or kept a version 上传 would refuse, without a word). Its
    // `plugin.json`: `UploadDraft::kept_for`.
    let follow_latest = latest.clone();
    // The latest upload seen: the workspace changes for other reasons too.
    let seen = StoredValue::new(untrack(latest.clone()));
    effect(move |_| {
        let uploaded = follow_latest();
        if seen.get_value() == uploaded {
            return;
        }
        seen.set_value(uploaded);
        let next = suggest(uploaded);
        let Some(uploaded) = uploaded else { return };
        let (zh, en) = match draft.version.get_untracked() {
            None if version.get_untracked() != next => {
                version.set(next.clone());
                (
                    format!("另一个标签页上传了版本 {uploaded}：版本号已改为 {next}"),
                    format!("Another tab uploaded version {uploaded}: the version is now {next}"),
                )
            }
            Some(typed) if not_above(&typed).is_some() => (
                format!("另一个标签页上传了版本 {uploaded}：此处的版本号须高于它"),
                format!("Another tab uploaded version {uploaded}: the version here must be higher"),
            ),
            _ => return,
        };
        app.say(&zh, &en);
        replaced.set(Some((zh, en)));
    });
    let latest_now = latest.clone();
    let start_over = Callback::new(move |()| {
        draft.clear();
        replaced.set(None);
        version.set(suggest(untrack(latest_now.clone())));
        errors.set(vec![]);
        restored.set(false);
    });
    let problems = memo(move || manifest.with(|m| parse_plugin_json(m).err().unwrap_or_default()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let cmd = Command::UploadVersion {
            plugin: me.clone(),
            version: version.get_untracked(),
            description: description.get_untracked(),
            manifest: manifest.get_untracked(),
        };
        // Naming the version, as the other toasts do (keyboard QA: which one was not said).
        if let Some(e) = app.submit(actor.clone(), cmd, errors) {
            if let crate::domain::EventKind::VersionUploaded {
                plugin, version, ..
            } = e.kind
            {
                let what = super::named_version(app, &plugin, version);
                app.say(&format!("{what} 已上传"), &format!("{what} uploaded"));
                // This tab's own upload, not another's (the dialog closes after it).
                seen.set_value(Some(version));
                // Focus on its row, first of the list, not back on 上传 (where closing the
                // dialog puts it): there, a second Enter (or a held one) opened the dialog again
                // and the next uploaded the suggested version unasked (QA: 8 versions for one
                // held Enter). After this turn, once the row is drawn.
                let row = format!("[data-testid='version-row-{version}']");
                crate::ui::components::timeout(0, move || focus_css(&row)).forget();
            }
            draft.clear();
            uploaded.run(());
            on_close();
        }
    };
    view! {
        // After the last version there can be (999.999.999) 上传 is off: focus goes to the list
        // (developer QA: it fell to <body>).
        <Modal labelledby="upload-title" testid="upload-dialog" on_close return_focus="[data-testid=upload-open]" fallback_focus="#versions-title" focus="#upload-version">
                <h2 id="upload-title">{tr("上传开发版本", "Upload a version")}</h2>
                <p class="hint">{tr(
                    "模拟在开发者工具中上传代码（开发与调试在小程序插件开发助手中完成）。",
                    "Stands in for uploading code from the developer tools (development and debugging happen in the plugin development assistant).",
                )}</p>
                <form class="form" on:submit={handler(submit)} novalidate=true data-testid="upload-form">
                    <RestoredNote shown=restored.into() on_discard=start_over />
                    <div class="field">
                        <label for="upload-version">{tr("版本号", "Version")}</label>
                        <input id="upload-version" data-testid="upload-version"
                            prop:value=move || version.get()
                            on:input={handler(move |ev: leptos::ev::Event| {
                                let typed = event_target_value(&ev);
                                draft.version.set(Some(typed.clone()));
                                version.set(typed);
                                replaced.set(None);
                                // The last refusal was about the old text (QA: it stayed under
                                // a corrected version until the next 上传).
                                set_field_error(errors, Field::Version, None);
                            })}
                            aria-invalid=invalid(errors, Field::Version) aria-describedby=described(errors, Field::Version, Some("upload-version-hint")) />
                        // The replaced draft's note is part of the field's description, read
                        // with it as the dialog opens on it (review).
                        <p class="hint" id="upload-version-hint">
                            {tr_owned(
                                format!("格式 x.y.z，每段 0–{MAX_VERSION_PART}，须高于此前上传的所有版本。"),
                                format!("x.y.z, each part 0–{MAX_VERSION_PART}, higher than every earlier upload."),
                            )}
                            {reactive(move || replaced.get().map(|(zh, en)| view! {
                                <br /><span class="why" data-testid="upload-version-replaced">{reactive(move || lang.get().pick(zh.clone(), en.clone()))}</span>
                            }))}
                        </p>
                        <FieldError errors field=Field::Version />
                    </div>
                    <div class="field">
                        <label for="upload-desc">{tr_owned(format!("版本描述（最多 {MAX_VERSION_DESCRIPTION_CHARS} 字，本应用约定）"), format!("Version description (up to {MAX_VERSION_DESCRIPTION_CHARS} characters, our rule)"))}</label>
                        <textarea id="upload-desc" data-testid="upload-desc" rows="2"
                            prop:value=move || description.get() on:input=bind(description, errors, Field::Description)
                            aria-invalid=invalid(errors, Field::Description) aria-describedby=described(errors, Field::Description, Some("upload-desc-count"))></textarea>
                        <Counter text=description max=MAX_VERSION_DESCRIPTION_CHARS id="upload-desc-count" testid="upload-desc-count" />
                        <FieldError errors field=Field::Description />
                    </div>
                    <div class="field">
                        <label for="upload-manifest"><code>"plugin.json"</code></label>
                        <p class="hint" id="upload-manifest-hint">{tr(
                            "publicComponents 与 pages：名称 → 插件内的相对路径；main：JS 入口文件。名称以字母开头，只含字母、数字、_ 或 -（本应用约定）。",
                            "publicComponents and pages: name → relative path in the plugin; main: the JS entry. Names start with a letter, then letters, digits, _ or - (our rule).",
                        )}{reactive(move || latest().map(|v| tr_owned(
                            format!("新的草稿从上一版本 {v} 的 plugin.json 开始。"),
                            format!(" A new draft starts from version {v}'s plugin.json."),
                        )))}</p>
                        <textarea id="upload-manifest" data-testid="upload-manifest" rows="10" spellcheck="false" class="code"
                            prop:value=move || manifest.get()
                            on:input={handler(move |ev: leptos::ev::Event| {
                                manifest.set(event_target_value(&ev));
                                // The live check below now speaks for it: the last upload's
                                // refusal was about the old text and would contradict it.
                                set_field_error(errors, Field::Manifest, None);
                            })}
                            aria-invalid=move || (!problems.with(Vec::is_empty) || invalid(errors, Field::Manifest)().is_some()).then_some("true")
                            aria-describedby="upload-manifest-hint upload-manifest-status"></textarea>
                        // Shown as you type, said once typing pauses (below).
                        <div id="upload-manifest-status">
                            {reactive(move || {
                                let ps = problems.get();
                                if ps.is_empty() {
                                    view! { <p class="hint" data-testid="upload-manifest-ok">{tr("plugin.json 格式正确", "plugin.json is valid")}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="error problems" data-testid="upload-manifest-problems">
                                            {ps.into_iter().map(|p| {
                                                let (path, [sep_zh, sep_en]) = p.listed_at("plugin.json");
                                                let sep = move || lang.get().pick(sep_zh, sep_en);
                                                view! { <li><code>{path}</code>{sep}{reactive(move || lang.get().pick(p.zh.clone(), p.en.clone()))}</li> }.into_any()
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }
                            })}
                        </div>
                        <SaidAfterPause text=Signal::derive(move || {
                            let l = lang.get();
                            problems.with(|ps| match ps.is_empty() {
                                true => l.pick("plugin.json 格式正确", "plugin.json is valid").to_string(),
                                false => problems_said(l, ps, "plugin.json"),
                            })
                        }) testid="upload-manifest-said" />
                        // The refusal of an upload repeats the live list: shown only if the
                        // list has nothing (QA: each problem was shown twice).
                        {reactive(move || problems.with(Vec::is_empty).then(|| view! { <FieldError errors field=Field::Manifest /> }))}
                    </div>
                    <FormError errors fields=UPLOAD_FIELDS />
                    <div class="actions">
                        <button type="submit" class="btn btn-primary" data-testid="upload-submit">{tr("上传", "Upload")}</button>
                        <button type="button" class="btn" id="upload-cancel" data-testid="upload-cancel" on:click={handler(move |_| on_close())}>{tr("取消", "Cancel")}</button>
                    </div>
                </form>
        </Modal>
    }
}
