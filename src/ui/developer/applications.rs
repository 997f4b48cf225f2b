//! `/dev/applications` — 「申请管理」 (使用申请管理): 待确认 applications with a live 24 h countdown,
//! 「通过」/「拒绝」 (with a reason); the history, where 已拒绝/已超时 entries can be deleted.
use super::{bind, described, invalid, Errors, FieldError, FormError, WithPlugin};
use crate::domain::text::isolated;
use crate::domain::{
    Actor, AppId, ApplicationId, ApplicationStatus, Command, DomainError, Field, UseApplication,
    Workspace, APPLICATION_WINDOW_HOURS, MAX_REJECT_REASON_CHARS,
};
use crate::store::session::form_draft_key;
use crate::ui::components::composing;
use crate::ui::components::counter::Counter;
use crate::ui::components::draft::{keep_draft, Draft, DraftNote};
use crate::ui::components::format::{datetime, duration, status_class, status_label};
use crate::ui::components::modal::{focus_css, refocus_soon, Modal};
use crate::ui::components::pager::{page_in_url_of_account, shown_page, Pager};
use crate::ui::components::table::{card_labels, Columns, TableHead};
use crate::ui::components::{effect, handler, keyed_list, memo, reactive, KeyedRow};
use crate::ui::i18n::{tr, tr_error, tr_owned, tr_whose, use_lang};
use crate::ui::state::use_app;
use leptos::prelude::*;

/// 待确认's columns.
const PENDING_COLUMNS: Columns = &[
    ("申请方", "Applicant"),
    ("申请理由", "Reason"),
    ("申请时间", "Applied"),
    ("剩余处理时间", "Time left"),
    ("操作", "Actions"),
];

/// 历史申请's columns.
const HISTORY_COLUMNS: Columns = &[
    ("申请方", "Applicant"),
    ("申请理由", "Reason"),
    // When it was made, as 待确认 says (QA: only when it was decided).
    ("申请时间", "Applied"),
    ("状态", "Status"),
    ("处理时间", "Decided"),
    ("操作", "Actions"),
];

/// 历史申请's rows a page (scale QA: 3 187 drawn at once, again after each 通过).
const HISTORY_PER_PAGE: usize = 20;
/// 待确认's rows a page (scale QA: 2 000 drawn at once, ≈ 1 s to open).
const PENDING_PER_PAGE: usize = 20;

/// `/dev/applications`.
#[component]
pub fn ApplicationsPage() -> impl IntoView {
    // 历史申请's page (`?page=`) and 待确认's (`?pending=`): here, as another account rebuilds
    // what is below.
    let (page, keep_page) = page_in_url_of_account("page");
    let pending_page = page_in_url_of_account("pending");
    view! {
        <div class="page" data-testid="dev-applications">
            <h1>{tr("申请管理", "Use applications")}</h1>
            <p class="lead">{tr_owned(
                format!("小程序使用插件需经插件开发者同意。请在 {APPLICATION_WINDOW_HOURS} 小时内选择「通过」或「拒绝」，逾期未处理的申请将变为已超时。"),
                format!("Every use needs your consent. Approve or reject within {APPLICATION_WINDOW_HOURS} hours; applications not handled in time become Expired (已超时)."),
            )}</p>
            <WithPlugin page=move |me| view! { <Applications me page keep_page pending_page /> } />
        </div>
    }
}

#[component]
fn Applications(
    me: AppId,
    /// 历史申请's page.
    page: RwSignal<usize>,
    keep_page: Callback<(usize, bool)>,
    /// 待确认's page, and how it is kept.
    pending_page: (RwSignal<usize>, Callback<(usize, bool)>),
) -> impl IntoView {
    let (pending_page, keep_pending_page) = pending_page;
    let app = use_app();
    let lang = use_lang();
    let rejecting = RwSignal::new(None::<ApplicationId>);
    // The 拒绝理由 being typed (for application `draft_of`) and its errors live here, not in
    // the rows: they are rebuilt whenever an application changes (another decided or expired).
    let draft = RwSignal::new(String::new());
    let draft_of = RwSignal::new(None::<ApplicationId>);
    let reject_errors: Errors = RwSignal::new(vec![]);
    // Kept by the tab until sent or cancelled (取消, Esc), per plugin: the open form, its reason
    // and whose it is (QA: leaving the page, a reload or another account lost the reason typed,
    // which every other form keeps). Whose: the application's id, and its applicant and time, so
    // a restored reason only comes back over that application, not one that took its id since
    // (QA: after 恢复演示数据 a reason came back on another applicant's row).
    let whose_of = move |id: Option<ApplicationId>| {
        app.ws
            .with_untracked(|ws| {
                let a = ws.application(id?)?;
                Some(format!("{}@{}", a.consumer, a.applied_at.0))
            })
            .unwrap_or_default()
    };
    let draft_whose = RwSignal::new(String::new());
    let kept = [
        keep_draft(form_draft_key("reject-open", me.as_str()), rejecting),
        keep_draft(form_draft_key("reject-reason", me.as_str()), draft),
        keep_draft(form_draft_key("reject-of", me.as_str()), draft_of),
        keep_draft(form_draft_key("reject-whose", me.as_str()), draft_whose),
    ];
    if draft_whose.get_untracked() != whose_of(draft_of.get_untracked()) {
        kept.into_iter().for_each(Draft::reset);
    }
    effect(move |_| draft_whose.set(whose_of(draft_of.get())));
    // The form closes and what it held goes: sent, cancelled, its application decided.
    let end_form = Callback::new(move |()| {
        rejecting.set(None);
        draft.set(String::new());
        draft_of.set(None);
    });
    // 删除 cannot be undone (and the applicant loses the record too): it asks first.
    let deleting = RwSignal::new(None::<ApplicationId>);
    let me2 = me.clone();
    // Effective statuses (and whether an approved one was since 移除d by its consumer):
    // changes when the workspace changes or a 24 h window closes.
    let statuses = memo(move || {
        let now = app.now();
        app.ws.with(|ws| {
            ws.applications_for_plugin(&me2)
                .iter()
                .map(|a| (a.id, a.status_at(now), ws.application_removed(a)))
                .collect::<Vec<_>>()
        })
    });
    // The row whose form was just opened by a click: its reason field takes focus once drawn.
    let opened = StoredValue::new(None::<ApplicationId>);
    // The application a reason is typed for and not sent (its form open or not). A memo: a
    // keystroke changes what it holds, seldom which (QA: with 1 500 pending rows, each keystroke
    // re-ran every row's check, ≈ 300 ms).
    let held = memo(move || {
        draft_of
            .get()
            .filter(|_| draft.with(|r| !r.trim().is_empty()))
    });
    let applicant = move |id: ApplicationId| app.ws.with_untracked(|ws| applicant_name(ws, id));
    // The page of 待确认 (most urgent first: the list's reverse order) application `id` is on.
    let pending_page_of = move |id: ApplicationId| {
        statuses.with_untracked(|st| {
            let mut pending = st
                .iter()
                .rev()
                .filter(|(_, s, _)| *s == ApplicationStatus::Pending);
            pending
                .position(|(i, ..)| *i == id)
                .map(|i| i / PENDING_PER_PAGE)
        })
    };
    // 拒绝 on a row while another row's reason is typed and not sent: that reason stays and its
    // form is shown, with a word (QA: it was dropped without one; one reason at a time).
    let held_elsewhere = Callback::new(move |id: ApplicationId| {
        let Some(other) = held.get_untracked().filter(|o| *o != id) else {
            return false;
        };
        let pending = statuses.with_untracked(|st| {
            st.iter()
                .any(|(i, s, _)| *i == other && *s == ApplicationStatus::Pending)
        });
        if !pending {
            return false;
        }
        // On another page of 待确认: that page shows, where its form is.
        if let Some(p) = pending_page_of(other) {
            if p != pending_page.get_untracked() {
                pending_page.set(p);
                keep_pending_page.run((p, true));
                opened.set_value(Some(other));
            }
        }
        let name = applicant(other).unwrap_or_default();
        app.say(
            &format!("对「{name}」的拒绝理由尚未发送：请先确认拒绝或取消"),
            &format!(
                "The reason for rejecting \"{name}\" is not sent yet: confirm or cancel it first"
            ),
        );
        match rejecting.get_untracked() == Some(other) {
            true => focus_css(&format!("[data-testid='app-reject-reason-{}']", other.0)),
            false => {
                opened.set_value(Some(other));
                rejecting.set(Some(other));
            }
        }
        true
    });
    // The application whose rejection is being typed was decided elsewhere (another tab) or
    // ran out of time: the form goes with a word on why, and focus stays on the page (QA: it
    // vanished with the typed reason, silently, and focus fell to <body>).
    effect(move |_| {
        let gone = statuses.with(|st| {
            // The open form's, or a reason kept with its form closed (QA: that one went silently).
            let id = rejecting.get_untracked().or(held.get_untracked())?;
            match st.iter().find(|(i, ..)| *i == id) {
                Some((_, ApplicationStatus::Pending, _)) => None,
                found => Some((id, found.map(|(_, s, _)| s.clone()))),
            }
        });
        let Some((id, status)) = gone else { return };
        end_form.run(());
        let (zh, en) = status.map_or(("已删除", "deleted"), |s| (s.zh(), s.en()));
        // Named, as the row is gone (QA re-check: which one, with a reason kept closed?).
        let (whose_zh, whose_en) = match applicant(id) {
            Some(name) => (
                format!("「{name}」的申请"),
                format!("The application from \"{name}\""),
            ),
            None => ("该申请".into(), "That application".into()),
        };
        app.say(
            &format!("{whose_zh}已不是待确认（{zh}），拒绝理由未发送"),
            &format!("{whose_en} is no longer pending ({en}): the rejection was not sent"),
        );
        refocus_soon(["#app-pending-title".into()]);
    });
    // The row whose 拒绝 form is open or whose reason is kept stays in view: when the list moves
    // under it (an earlier application decided or expired took it to another page), its page
    // follows; arriving on the first page (a reload, the side menu) with a reason kept on
    // another, that one shows (review: the form went with its row, unsaid; the kept reason's
    // note had nothing to show). Not when the user pages away from it.
    let followed = StoredValue::new(None::<usize>);
    effect(move |_| {
        statuses.track();
        let now = rejecting.get().or(held.get()).and_then(pending_page_of);
        let before = followed.get_value();
        followed.set_value(now);
        let (Some(now), shown) = (now, pending_page.get_untracked()) else {
            return;
        };
        if now != shown && (before == Some(shown) || before.is_none() && shown == 0) {
            pending_page.set(now);
            keep_pending_page.run((now, false));
        }
    });
    // The pending ones, or `take` of the others from the `skip`-th.
    let list = move |pending: bool, skip: usize, take: usize| {
        let ids: Vec<(ApplicationId, ApplicationStatus, bool)> = statuses
            .get()
            .into_iter()
            .filter(|(_, s, _)| (*s == ApplicationStatus::Pending) == pending)
            .skip(skip)
            .take(take)
            .collect();
        app.ws.with_untracked(|ws| {
            let shared = ws.shared_account_names();
            ids.into_iter()
                .filter_map(|(id, s, removed)| {
                    ws.application(id).map(|a| {
                        let name = ws
                            .account(&a.consumer)
                            .map(|c| c.name.clone())
                            .unwrap_or_default();
                        // Whose row, for its buttons' names: with the AppID when another
                        // account has that name (QA: two rows named alike).
                        let whose = match shared.contains(name.as_str()) {
                            true => format!("{name} {}", a.consumer),
                            false => name.clone(),
                        };
                        (a.clone(), s, name, whose, removed)
                    })
                })
                .collect::<Vec<_>>()
        })
    };
    let me3 = me.clone();
    let me4 = me.clone();
    let me5 = me.clone();
    let closed = memo(move || {
        statuses.with(|s| {
            s.iter()
                .filter(|(_, st, _)| *st != ApplicationStatus::Pending)
                .count()
        })
    });
    tick_countdowns(app, lang);
    // The rest of the list: not counted a second time.
    let pending_n = memo(move || statuses.with(Vec::len) - closed.get());
    // No version online: no application can be approved, said once above them, not on every row
    // (QA: 17 rows repeated it; each row keeps it for screen readers, describing its 通过).
    let none_online = memo(move || {
        let pending = statuses.with(|s| {
            s.iter()
                .find(|(_, st, _)| *st == ApplicationStatus::Pending)
                .map(|(id, ..)| *id)
        })?;
        let approve = Command::ApproveApplication { id: pending };
        app.can_on_change(&Actor::Developer(me5.clone()), &approve)
            .err()
            .filter(|e| *e == DomainError::NoOnlineVersion)
    });
    view! {
        // With how many, as the other long lists say theirs (scale QA: 2 001 rows, no count).
        <h2 id="app-pending-title" tabindex="-1">{tr("待确认", "Pending")}<span class="muted" data-testid="app-pending-count">{move || counted(lang.get(), pending_n.get())}</span></h2>
        // Of them all, not of one (re-check QA: the row's sentence, "the application").
        {reactive(move || none_online.get().map(|_| {
            let one = pending_n.get() == 1;
            view! { <p class="banner banner-warn" data-testid="app-none-online">{reactive(move || lang.get().pick(
                if one { "插件当前没有线上版本（已发布），待确认的申请不能通过（本应用约定）：请先发布一个审核通过的版本（没有时，上传新版本并通过审核），或拒绝该申请。" }
                else { "插件当前没有线上版本（已发布），待确认的申请都不能通过（本应用约定）：请先发布一个审核通过的版本（没有时，上传新版本并通过审核），或拒绝这些申请。" },
                if one { "The plugin has no online (released) version, so the pending application cannot be approved (our rule): release an approved version first (if there is none, upload one and get it approved), or reject it." }
                else { "The plugin has no online (released) version, so no pending application can be approved (our rule): release an approved version first (if there is none, upload one and get it approved), or reject them." },
            ))}</p> }
        }))}
        // Said only of a reason typed (QA: said over an empty form opened before a reload).
        <DraftNote drafts=vec![kept[1]] />
        <table role="table" class="table actions-last cards" style=card_labels(PENDING_COLUMNS) aria-labelledby="app-pending-title" data-testid="applications-pending">
            <TableHead cols=PENDING_COLUMNS />
            <tbody role="rowgroup">
                {reactive(move || {
                    let none = statuses.with(|s| s.iter().all(|(_, st, _)| *st != ApplicationStatus::Pending));
                    none.then(|| view! { <tr role="row"><td role="cell" colspan="5" class="empty">{tr("暂无待确认的申请", "No pending applications")}</td></tr> })
                })}
                // Keyed: a row stays while its application is pending (what it shows of it does
                // not change meanwhile), so another tab's change to the list keeps an open 拒绝
                // form and the focus in it (QA: the form was rebuilt, focus fell to the page).
                {keyed_list(move || {
                    // The most urgent first: the oldest has the least time left, last in the
                    // list; this page's from its end.
                    let n = pending_n.get();
                    let at = shown_page(pending_page.get(), n, PENDING_PER_PAGE) * PENDING_PER_PAGE;
                    let end = n.saturating_sub(at);
                    let mut rows = list(true, end.saturating_sub(PENDING_PER_PAGE), end.min(PENDING_PER_PAGE));
                    rows.reverse();
                    let me = me.clone();
                    rows.into_iter()
                        .map(|(a, _, name, whose, _)| {
                            let me = me.clone();
                            KeyedRow::new(format!("{}:{whose}", a.id.0), move || view! { <PendingRow me a name whose rejecting reason=draft draft_of end_form held held_elsewhere opened errors=reject_errors /> })
                        })
                        .collect()
                })}
            </tbody>
        </table>
        <Pager page=pending_page total=pending_n per_page=PENDING_PER_PAGE on_change=keep_pending_page testid="app-pending" top="#app-pending-title" of=("待确认", "Pending") />
        <h2 id="app-history-title" tabindex="-1">{tr("历史申请", "History")}<span class="muted" data-testid="app-history-count">{move || counted(lang.get(), closed.get())}</span></h2>
        <table role="table" class="table actions-last cards" style=card_labels(HISTORY_COLUMNS) aria-labelledby="app-history-title" data-testid="applications-history">
            <TableHead cols=HISTORY_COLUMNS />
            <tbody role="rowgroup">
                {reactive(move || {
                    let at = shown_page(page.get(), closed.get(), HISTORY_PER_PAGE) * HISTORY_PER_PAGE;
                    let rows = list(false, at, HISTORY_PER_PAGE);
                    if rows.is_empty() {
                        return view! { <tr role="row"><td role="cell" colspan="6" class="empty">{tr("暂无记录", "Nothing yet")}</td></tr> }.into_any();
                    }
                    let actor = Actor::Developer(me3.clone());
                    rows.into_iter()
                        .map(|(a, status, name, whose, removed)| {
                            let id = a.id.0;
                            let badge = status_class(&status);
                            let deletable = status.is_closed();
                            let cmd = Command::DeleteApplication { id: a.id };
                            let why = app.can_on_change(&actor, &cmd).err();
                            let st = status.clone();
                            let label = move || {
                                let l = lang.get();
                                match &st {
                                    // 已通过, then the consumer 移除d the plugin (it may apply again).
                                    s if removed => format!("{} · {}", status_label(l, s), l.pick("已移除", "removed")),
                                    s => status_label(l, s),
                                }
                            };
                            // Under the badge, where it can wrap (QA: in the badge a long reason
                            // made the table wider than the page).
                            let rejected_reason = match &status {
                                ApplicationStatus::Rejected { reason } => Some(reason.clone()),
                                _ => None,
                            };
                            let aid = a.id;
                            // Its status was read at a time no later than this.
                            let decided = a.closed_at(app.now_untracked());
                            let delete_label = tr_whose("删除", "Delete", &whose);
                            view! {
                                <tr role="row" data-testid=format!("app-row-{id}")>
                                    <td role="cell">{name}<br /><code class="muted">{a.consumer.to_string()}</code></td>
                                    <td role="cell" class="text">{crate::ui::components::format::or_dash(&a.reason)}</td>
                                    <td role="cell" class="keep" data-testid=format!("app-applied-{id}")>{datetime(a.applied_at)}</td>
                                    <td role="cell">
                                        <span class=badge data-testid=format!("app-status-{id}")>{reactive(label)}</span>
                                        {rejected_reason.map(|x| view! { <p class="why reason" data-testid=format!("app-reason-{id}")>{x}</p> })}
                                    </td>
                                    // Nobody decided an expired one: its time is said as the
                                    // expiry (QA: a bare time read as someone's decision).
                                    <td role="cell" data-testid=format!("app-decided-{id}")>
                                        {matches!(status, ApplicationStatus::Expired).then(|| tr("超时于 ", "Expired "))}
                                        {decided.map(datetime).unwrap_or_default()}
                                    </td>
                                    <td role="cell">
                                        {deletable.then(|| {
                                            let disabled = why.is_some();
                                            view! {
                                                <button class="btn btn-small btn-danger" data-testid=format!("app-delete-{id}") disabled=disabled
                                                    aria-label=delete_label.clone()
                                                    aria-describedby=disabled.then(|| format!("why-delete-{id}"))
                                                    on:click={handler(move |_| deleting.set(Some(aid)))}>
                                                    {tr("删除", "Delete")}
                                                </button>
                                                {why.clone().map(|e| view! { <span class="why" id=format!("why-delete-{id}")>{tr_error(&e)}</span> })}
                                            }
                                        })}
                                    </td>
                                </tr>
                            }
                            .into_any()
                        })
                        .collect_view()
                        .into_any()
                })}
            </tbody>
        </table>
        <Pager page total=closed per_page=HISTORY_PER_PAGE on_change=keep_page testid="app-history" top="#app-history-title" of=("历史申请", "History") />
        {reactive(move || deleting.get().map(|id| view! { <DeleteDialog me=me4.clone() id deleting /> }))}
    }
}

/// Whose application `id` is (its applicant's name), while it exists.
fn applicant_name(ws: &Workspace, id: ApplicationId) -> Option<String> {
    let a = ws.application(id)?;
    ws.account(&a.consumer).map(|c| isolated(&c.name))
}

/// The 删除 confirmation. Focus starts on 取消 (the safe choice).
#[component]
fn DeleteDialog(
    me: AppId,
    id: ApplicationId,
    deleting: RwSignal<Option<ApplicationId>>,
) -> impl IntoView {
    let app = use_app();
    let l = use_lang().get_untracked();
    let (name, rejected) = app.ws.with_untracked(|ws| {
        let rejected = ws
            .application(id)
            .is_some_and(|a| matches!(a.status, ApplicationStatus::Rejected { .. }));
        (applicant_name(ws, id).unwrap_or_default(), rejected)
    });
    // Only a rejected one has a reason the applicant sees (QA: said for 已超时 too).
    let (reason_zh, reason_en) = if rejected {
        ("（及拒绝理由）", " (or its rejection reason)")
    } else {
        ("", "")
    };
    let close = move || deleting.set(None);
    let whose = name.clone();
    let confirm = move |_| {
        // The row goes away: focus moves to the history heading (`fallback_focus`); if the
        // domain refuses, back to the row's 删除.
        let cmd = Command::DeleteApplication { id };
        app.act(
            Actor::Developer(me.clone()),
            cmd,
            // Naming whose, as the other toasts do (QA).
            &format!("已删除「{whose}」的申请记录"),
            &format!("Application from \"{whose}\" deleted"),
        );
        deleting.set(None);
    };
    view! {
        <Modal labelledby="delete-app-title" describedby="delete-app-what" testid="delete-app-dialog" on_close=close
            focus="[data-testid=delete-app-cancel]" return_focus=format!("[data-testid='app-delete-{}']", id.0)
            fallback_focus="#app-history-title">
            <h2 id="delete-app-title">{l.pick("删除申请记录", "Delete application")}</h2>
            <p id="delete-app-what">
                {l.pick(
                    format!("确定删除「{name}」的这条申请？删除后不可恢复，申请方也将不再看到这条申请{reason_zh}。"),
                    format!("Delete the application from \"{name}\"? This cannot be undone; the applicant will no longer see it{reason_en} either."),
                )}
            </p>
            <div class="actions">
                <button class="btn btn-danger" data-testid="delete-app-confirm" on:click={handler(confirm)}>{l.pick("确定删除", "Delete")}</button>
                <button class="btn" data-testid="delete-app-cancel" on:click={handler(move |_| close())}>{l.pick("取消", "Cancel")}</button>
            </div>
        </Modal>
    }
}

/// Keeps every countdown of 待确认 running: one reader of the clock and the language for the
/// whole table, which rewrites a cell's text when it changes (scale QA: a reader a row, 2 001 of
/// them re-run every second, cost 60–90 ms a second: reactive_graph takes a re-run subscriber out
/// of the signal's list in order, so each costs more the more there are).
fn tick_countdowns(app: crate::ui::state::AppState, lang: RwSignal<crate::ui::i18n::Lang>) {
    effect(move |_| {
        let (now, l) = (app.now().0, lang.get());
        // The rows drawn, a page of them (review: it went through every pending application).
        let Ok(cells) =
            document().query_selector_all("[data-testid=applications-pending] td.countdown")
        else {
            return;
        };
        app.ws.with_untracked(|ws| {
            for cell in (0..cells.length()).filter_map(|i| cells.item(i)) {
                let Ok(cell) = wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(cell) else {
                    continue;
                };
                let n = cell
                    .id()
                    .strip_prefix("countdown-")
                    .and_then(|n| n.parse().ok());
                let a = n.and_then(|n| ws.application(ApplicationId(n)));
                let (Some(text), Some(a)) = (cell.first_child(), a) else {
                    continue;
                };
                let shown = duration(l, a.expires_at().0 - now);
                if text.node_value().as_deref() != Some(shown.as_str()) {
                    text.set_node_value(Some(&shown));
                }
            }
        })
    });
}

/// A heading's count: 「（12）」, " (12)"; none for none (the table then says so).
fn counted(l: crate::ui::i18n::Lang, n: usize) -> String {
    match n {
        0 => String::new(),
        n => l.pick(format!("（{n}）"), format!(" ({n})")),
    }
}

/// Where focus goes once row `n` of 待确认 leaves the table (通过, 拒绝): the applicant of the
/// row then in its place (the next one, or on a full page the first of the next page's, drawn up
/// into it; review: focus went back up a row), else of the row before, else the table's heading.
/// Not a button: a second Enter (or a held one) would decide an application not yet read (QA:
/// Enter twice approved the next applicant too).
fn next_in_list(n: u64) -> [String; 3] {
    let row = document()
        .query_selector(&format!("[data-testid='app-row-{n}']"))
        .ok()
        .flatten();
    let prev = row.as_ref().and_then(|r| r.previous_element_sibling());
    let place = std::iter::successors(prev.clone(), |r| r.previous_element_sibling()).count() + 1;
    let prev = prev
        .and_then(|e| e.get_attribute("data-testid"))
        .and_then(|t| t.strip_prefix("app-row-").map(str::to_string))
        .unwrap_or_default();
    [
        format!("[data-testid=applications-pending] tbody > tr:nth-child({place}) [data-testid^='app-who-']"),
        format!("[data-testid='app-who-{prev}']"),
        "#app-pending-title".into(),
    ]
}

/// A 待确认 application: countdown, 「通过」, 「拒绝」 (opens a reason field).
#[component]
fn PendingRow(
    me: AppId,
    a: UseApplication,
    name: String,
    /// Its name, with its AppID if another account has that name.
    whose: String,
    rejecting: RwSignal<Option<ApplicationId>>,
    reason: RwSignal<String>,
    draft_of: RwSignal<Option<ApplicationId>>,
    /// Closes the form and drops what it held.
    end_form: Callback<()>,
    /// The application a reason is typed for and not sent.
    held: Memo<Option<ApplicationId>>,
    /// Asked before this row's form opens: true when another row's unsent reason is kept instead.
    held_elsewhere: Callback<ApplicationId, bool>,
    /// The row whose form a click just opened.
    opened: StoredValue<Option<ApplicationId>>,
    errors: Errors,
) -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let actor = Actor::Developer(me);
    let id = a.id;
    let n = id.0;
    let expires = a.expires_at();
    let approve = Command::ApproveApplication { id };
    // Re-asked when the workspace changes (e.g. the last online version taken offline in another
    // tab): 「通过」 is off with the domain's reason while the plugin has no online version.
    let approve_why = {
        let (actor, approve) = (actor.clone(), approve.clone());
        memo(move || app.can_on_change(&actor, &approve).err())
    };
    // Read once: the row is made again when its application changes.
    let reject_why = app
        .ws
        .with_untracked(|ws| ws.decide_blocked(&actor, app.now_untracked(), id));
    let a1 = actor.clone();
    let a2 = actor.clone();
    let (who, who2) = (whose.clone(), whose.clone());
    let do_reject = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let cmd = Command::RejectApplication {
            id,
            reason: reason.get_untracked(),
        };
        if app.submit(a2.clone(), cmd, errors).is_some() {
            end_form.run(());
            app.say(
                &format!("已拒绝「{who}」的申请"),
                &format!("Rejected the application from \"{who}\""),
            );
            // The row leaves the table, as after 通过 (QA: focus fell to <body>).
            refocus_soon(next_in_list(n));
        }
    };
    // 取消 or Esc closes the form, drops what was typed (QA: reopened, it still held a reason
    // the user thought discarded) and gives focus back to 拒绝 (QA: Esc did nothing, 取消 left
    // focus on <body>).
    let close_form = move || {
        end_form.run(());
        errors.set(vec![]);
        refocus_soon([format!("[data-testid='app-reject-{n}']")]);
    };
    let reject_off = reject_why.is_some();
    let why = move || approve_why.get().or_else(|| reject_why.clone());
    // Move focus into the reason field when 拒绝 opens the form; not when the row is drawn again
    // with its form open (QA: 通过 on another row put focus in this one's reason).
    let reason_ref: NodeRef<leptos::html::Textarea> = NodeRef::new();
    effect(move |_| {
        if let Some(el) = reason_ref.get() {
            if opened.get_value() == Some(id) {
                opened.set_value(None);
                let _ = el.focus();
            }
        }
    });
    let (approve_label, reject_label) = (
        tr_whose("通过", "Approve", &whose),
        tr_whose("拒绝", "Reject", &whose),
    );
    view! {
        <tr role="row" data-testid=format!("app-row-{n}")>
            // Where focus goes when the row before leaves (`next_in_list`).
            <td role="cell" tabindex="-1" data-testid=format!("app-who-{n}")>{name}<br /><code class="muted">{a.consumer.to_string()}</code></td>
            <td role="cell" class="text">{crate::ui::components::format::or_dash(&a.reason)}</td>
            // A date on one line (QA: long reasons squeezed it to `2026-12-` / `08 20:34`).
            <td role="cell" class="keep">{datetime(a.applied_at)}</td>
            // Kept running by the table's one clock reader (`tick_countdowns`).
            <td role="cell" data-testid=format!("app-countdown-{n}") class="countdown" id=format!("countdown-{n}")>
                {duration(lang.get_untracked(), expires.0 - app.now_untracked().0)}
            </td>
            <td role="cell">
                <div class="actions">
                    <button class="btn btn-small btn-primary" data-testid=format!("app-approve-{n}") disabled=move || approve_why.with(Option::is_some)
                        aria-label=approve_label
                        aria-describedby=move || approve_why.with(Option::is_some).then(|| format!("why-app-{n}"))
                        on:click={handler(move |_| {
                            // The row (and this button) leaves the table: focus goes on to the
                            // next row's, not the page (QA: focus fell to <body>; then to the
                            // table's heading, 96 000 px up from row 1 500 of 2 000).
                            let next = next_in_list(n);
                            // Focus on this button, as a click in Chromium leaves it (not in
                            // Safari; QA: focus left in another row's open 拒绝 form stayed there),
                            // so that it is lost with the row and goes on.
                            focus_css(&format!("[data-testid='app-approve-{n}']"));
                            // Its own open 拒绝 form goes with it, without a word.
                            if rejecting.get_untracked() == Some(id) {
                                end_form.run(());
                            }
                            // Said with what it means for the applicant (QA: a learner did not know to switch).
                            // Naming the applicant (screen-reader QA: "该申请" out of context).
                            app.act(a1.clone(), approve.clone(), &format!("已通过「{who2}」的申请：对方现在可以在其插件管理中使用该插件"), &format!("Approved the application from \"{who2}\": it can now use the plugin (on its My plugins page)"));
                            refocus_soon(next);
                        })}>
                        {tr("通过", "Approve")}
                    </button>
                    <button class="btn btn-small btn-danger" data-testid=format!("app-reject-{n}") disabled=reject_off
                        aria-label=reject_label
                        aria-expanded=move || (rejecting.get() == Some(id)).to_string()
                        on:click={handler(move |_| {
                            if held_elsewhere.run(id) {
                                return;
                            }
                            // Another application's draft: start afresh.
                            if draft_of.get_untracked() != Some(id) {
                                draft_of.set(Some(id));
                                reason.set(String::new());
                                errors.set(vec![]);
                            }
                            opened.set_value(Some(id));
                            rejecting.update(|r| *r = if *r == Some(id) { None } else { Some(id) });
                        })}>
                        {tr("拒绝", "Reject")}
                    </button>
                </div>
                {reactive(move || why().map(|e| {
                    // Said once above the table when it holds for every row.
                    let class = if e == DomainError::NoOnlineVersion { "why sr-only" } else { "why" };
                    view! { <p class=class id=format!("why-app-{n}") data-testid=format!("why-app-{n}")>{tr_error(&e)}</p> }
                }))}
                // Its reason kept with the form closed is said (QA: nothing showed it, yet it
                // held 拒绝 on the other rows).
                {reactive(move || (rejecting.get() != Some(id) && held.get() == Some(id)).then(|| view! {
                    <p class="hint" data-testid=format!("app-reject-kept-{n}")>{tr("拒绝理由已填写、未发送：点「拒绝」继续", "A rejection reason is typed, not sent: press Reject to go on")}</p>
                }))}
                {reactive(move || (rejecting.get() == Some(id)).then(|| view! {
                    <form class="form reject-form" on:submit={handler(do_reject.clone())} novalidate=true data-testid=format!("app-reject-form-{n}")
                        on:keydown={handler(move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Escape" && !composing(&ev) {
                            ev.prevent_default();
                            close_form();
                        })}>
                        <div class="field">
                            <label for="reject-reason">{tr_owned(format!("拒绝理由（必填，最多 {MAX_REJECT_REASON_CHARS} 字，本应用约定）"), format!("Reason for rejection (required, up to {MAX_REJECT_REASON_CHARS} characters, our rule)"))}</label>
                            <textarea id="reject-reason" data-testid=format!("app-reject-reason-{n}") rows="2" node_ref=reason_ref
                                prop:value=move || reason.get() on:input=bind(reason, errors, Field::Reason)
                                aria-invalid=invalid(errors, Field::Reason) aria-describedby=described(errors, Field::Reason, Some("reject-reason-count"))></textarea>
                            <Counter text=reason max=MAX_REJECT_REASON_CHARS id="reject-reason-count" testid="app-reject-reason-count" />
                            <FieldError errors field=Field::Reason />
                        </div>
                        <FormError errors fields=&[Field::Reason] />
                        <div class="actions">
                            <button type="submit" class="btn btn-small btn-danger" data-testid=format!("app-reject-confirm-{n}")>{tr("确认拒绝", "Confirm rejection")}</button>
                            <button type="button" class="btn btn-small" data-testid=format!("app-reject-cancel-{n}") on:click={handler(move |_| close_form())}>{tr("取消", "Cancel")}</button>
                        </div>
                    </form>
                }))}
            </td>
        </tr>
    }
}
