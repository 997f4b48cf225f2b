//! `/review` — versions 审核中, oldest first: 「审核通过」 or 「审核失败」 with a reason.
use crate::domain::text::isolated;
use crate::domain::{
    AppId, Command, DomainError, Field, ReviewOutcome, Semver, MAX_REJECT_REASON_CHARS,
};
use crate::store::session::{form_draft, form_draft_key};
use crate::ui::components::counter::Counter;
use crate::ui::components::draft::{keep_draft, DraftNote};
use crate::ui::components::format::datetime;
use crate::ui::components::icon::PluginIcon;
use crate::ui::components::layout::When;
use crate::ui::components::modal::{focus_css, focus_element, focus_lost, refocus_soon};
use crate::ui::components::pager::{page_in_url, shown_page, Pager};
use crate::ui::components::{effect, handler, keyed_list, memo, reactive, KeyedRow};
use crate::ui::i18n::{tr, tr_error, tr_owned, tr_whose, use_lang};
use crate::ui::routes::{self, A};
use crate::ui::state::{use_app, FormErrors};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Cards a page (each a form with its own reason: a queue of 1 882 laid out at once froze the
/// page for 3 s, QA).
const PER_PAGE: usize = 10;

/// The queue page.
#[component]
pub fn ReviewQueue() -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let (page, keep_page) = page_in_url();
    let items = memo(move || {
        app.ws.with(|ws| {
            ws.review_queue()
                .iter()
                .map(|i| (i.plugin.app_id.clone(), i.record.version))
                .collect::<Vec<_>>()
        })
    });
    // The last card another tab took out of the queue, said until dismissed (QA: only a toast
    // said it, gone while the tab was hidden, with the reason typed in it), kept by the tab
    // across pages and reloads as a draft is (re-check QA: gone once the page was left).
    let note_key = form_draft_key("review-left", "");
    let left = RwSignal::new(form_draft::load(&note_key).and_then(|t| {
        let (zh, en) = t.split_once('\u{1f}')?;
        Some((zh.to_string(), en.to_string()))
    }));
    effect(move |_| {
        left.with(|l| {
            let kept = l.as_ref().map(|(zh, en)| format!("{zh}\u{1f}{en}"));
            form_draft::save(&note_key, kept.as_deref());
        })
    });
    // Where the page shown starts in the whole queue.
    let start = memo(move || items.with(|i| shown_page(page.get(), i.len(), PER_PAGE) * PER_PAGE));
    view! {
        <div class="page" data-testid="review-queue">
            <h1 id="review-queue-title" tabindex="-1">{tr("审核队列", "Review queue")}</h1>
            <p class="hint">
                {tr(
                    "按提交时间排列（最早的在前）。「审核失败」须填写理由，理由会展示给插件开发者。",
                    "Oldest submission first. A rejection needs a reason, shown to the plugin developer.",
                )}
                // Which of them this page shows, where its pager is out of sight at the bottom
                // (QA: a page 7 500 px tall said only how many in all).
                {reactive(move || {
                    let n = items.with(Vec::len);
                    let (from, to) = (start.get() + 1, (start.get() + PER_PAGE).min(n));
                    match n {
                        0 => None,
                        n if n <= PER_PAGE => Some(lang.get().pick(format!("共 {n} 个待审核版本。"), format!(" {n} waiting."))),
                        // One on the page: 第 11 个, not 第 11–11 个 (re-check QA).
                        n if from == to => Some(lang.get().pick(format!("共 {n} 个待审核版本，本页为第 {from} 个。"), format!(" {n} waiting; this page shows item {from}."))),
                        n => Some(lang.get().pick(format!("共 {n} 个待审核版本，本页为第 {from}–{to} 个。"), format!(" {n} waiting; this page shows {from}–{to}."))),
                    }
                })}
            </p>
            {reactive(move || left.get().map(|(zh, en)| view! {
                <p class="hint draft-note" data-testid="review-left">
                    <span class="prewrap">{lang.get().pick(zh, en)}</span>" "
                    <button type="button" class="btn btn-small" data-testid="review-left-dismiss"
                        on:click={handler(move |_| {
                            left.set(None);
                            refocus_soon(["#review-queue-title".to_string()]);
                        })}>
                        {tr("知道了", "Dismiss")}
                    </button>
                </p>
            }))}
            <When when=move || app.reviewer.get().is_none()>
                <p class="error" role="alert">{tr("请先在页头选择审核人员", "Choose a reviewer in the header first")}</p>
            </When>
            <When
                when=move || !items.with(|i| i.is_empty())
                // With where the flow goes on (QA: after a decision a learner was left here).
                fallback=|| view! {
                    <p class="empty" data-testid="review-empty">{tr("暂无审核中的版本", "No versions awaiting review")}</p>
                    <p class="hint" data-testid="review-empty-next">
                        {tr("审核结果由插件开发者在", "Developers see the outcome on ")}
                        <A href=routes::DEV_VERSIONS>{tr("插件开发者 → 开发管理", "Plugin developer → Versions")}</A>
                        {tr("查看：审核通过的版本可发布，审核失败的可修改后再次提交。已审核的版本见", ": an approved version can be released, a rejected one fixed and submitted again. Decided versions are in ")}
                        <A href=routes::REVIEW_HISTORY>{tr("审核记录", "History")}</A>{tr("。", ".")}
                    </p>
                }
            >
                // Made again for another reviewer: their card starts from their own reason draft
                // (Left: a reason typed as one reviewer was offered to the other).
                {reactive(move || {
                    let _ = app.reviewer.get();
                    keyed_list(move || {
                        let page = items.with(|i| i.iter().skip(start.get()).take(PER_PAGE).cloned().collect::<Vec<_>>());
                        page.into_iter()
                            .map(|(plugin, version)| {
                                KeyedRow::new(format!("{plugin}-{version}"), move || view! { <ReviewCard plugin version start left /> })
                            })
                            .collect()
                    })
                })}
                <Pager page total=Signal::derive(move || items.with(Vec::len)) per_page=PER_PAGE on_change=keep_page testid="queue" top="#review-queue-title" />
            </When>
        </div>
    }
}

/// A review card's errors: the reason's next to its field, any other above the buttons. A
/// refusal replaces only the error of its own kind; a decision clears both.
#[derive(Clone, Copy)]
struct DecisionErrors {
    reason: RwSignal<Option<DomainError>>,
    general: RwSignal<Option<DomainError>>,
}

impl FormErrors for DecisionErrors {
    fn clear(&self) {
        self.reason.set(None);
        self.general.set(None);
    }
    fn show(&self, error: DomainError) {
        if error.field() == Some(Field::Reason) {
            self.reason.set(Some(error));
        } else {
            self.general.set(Some(error));
        }
    }
}

/// The queue's cards, in order.
fn queue_cards() -> Vec<web_sys::Element> {
    let Ok(list) = document().query_selector_all("[data-testid=review-queue] article") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into().ok())
        .collect()
}

/// What a card shows of its version under review: the plugin, the version's description, the
/// submission (category, tags, feature description), an earlier rejection it answers, its
/// developer and its `plugin.json`. Its heading has the id `title_id`.
#[component]
fn ReviewFacts(plugin: AppId, version: Semver, title_id: String) -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    reactive(move || {
        app.ws.with(|ws| {
            let p = ws.plugin(&plugin)?;
            let v = p.version(&version)?;
            let record = p.last_review(&version)?;
            let sub = record.submission.clone();
            let account = ws.account(&p.app_id).cloned();
            let l = lang.get();
            let manifest = &v.manifest;
            let comps = manifest
                .public_components
                .iter()
                .map(|(k, v)| view! { <li><code>{k.clone()}</code>" → "<code>{v.clone()}</code></li> }.into_any())
                .collect_view();
            let pages = manifest
                .pages
                .iter()
                .map(|(k, v)| view! { <li><code>{k.clone()}</code>" → "<code>{v.clone()}</code></li> }.into_any())
                .collect_view();
            let main = manifest.main.clone().unwrap_or_else(|| "—".into());
            let (no_comps, no_pages) = (
                manifest.public_components.is_empty(),
                manifest.pages.is_empty(),
            );
            Some(view! {
                <div class="review-head">
                    <PluginIcon icon=p.icon.clone() />
                    <div>
                        <h2 id=title_id.clone() tabindex="-1">{p.name.clone()}" "<span class="badge badge-review">{l.pick("审核中", "In review")}</span></h2>
                        <p class="muted">"AppID: "<code>{p.app_id.to_string()}</code>" · "{l.pick("版本", "Version")}" "{version.to_string()}</p>
                        <p class="prewrap">{p.intro.clone()}</p>
                    </div>
                </div>
                <dl class="review-facts">
                    <dt>{l.pick("版本描述", "Version description")}</dt>
                    <dd data-testid="review-version-description">{crate::ui::components::format::or_dash(&v.description)}</dd>
                    <dt>{l.pick("提交时间", "Submitted")}</dt>
                    <dd>{datetime(record.submitted_at)}</dd>
                    {p.earlier_rejection(&version).map(|(of, reason)| view! {
                        <dt>{if of == version {
                            l.pick("上次审核失败理由".to_string(), "Last rejected for".to_string())
                        } else {
                            l.pick(format!("版本 {of} 审核失败理由"), format!("Version {of} rejected for"))
                        }}</dt>
                        <dd class="prewrap" data-testid="review-earlier-rejection">{reason.to_string()}</dd>
                    })}
                    <dt>{l.pick("插件服务类目", "Plugin service category")}</dt>
                    <dd>{l.pick(sub.category.to_string(), sub.category.en())}</dd>
                    <dt>{l.pick("标签", "Tags")}</dt>
                    <dd>
                        <span class="tags">
                            {sub.tags.iter().map(|t| view! { <span class="tag">{t.clone()}</span> }.into_any()).collect_view()}
                        </span>
                    </dd>
                    <dt>{l.pick("功能描述", "Feature description")}</dt>
                    <dd class="prewrap">{sub.feature_description.clone()}</dd>
                    <dt>{l.pick("开发者", "Developer")}</dt>
                    <dd>
                        {account
                            .map(|a| format!("{} · {}", a.name, l.pick(a.subject.zh(), a.subject.en())))
                            .unwrap_or_default()}
                    </dd>
                    <dt>"plugin.json"</dt>
                    <dd>
                        // An empty part said as `main` is (QA: two headings over nothing).
                        <p class="muted">"publicComponents"{no_comps.then_some(": —")}</p>
                        <ul class="plain">{comps}</ul>
                        <p class="muted">"pages"{no_pages.then_some(": —")}</p>
                        <ul class="plain">{pages}</ul>
                        <p class="muted">"main: "<code>{main}</code></p>
                    </dd>
                </dl>
            })
        })
    })
}

/// One version 审核中: everything the reviewer needs, and the two decisions. `start`: where the
/// page it is on starts in the whole queue.
#[component]
fn ReviewCard(
    plugin: AppId,
    version: Semver,
    start: Memo<usize>,
    /// Where the queue says a card another tab took out (with the reason typed in it).
    left: RwSignal<Option<(String, String)>>,
) -> impl IntoView {
    let app = use_app();
    let key = format!("{plugin}-{version}");
    // The card's version as said: by the decisions' names (keyboard QA: a screen reader's list
    // of buttons showed two of each, the card only in their descriptions) and when another tab
    // takes it (a plugin's name never changes).
    let what = app
        .ws
        .with_untracked(|ws| {
            ws.plugin(&plugin)
                .map(|p| format!("{} {version}", isolated(&p.name)))
        })
        .unwrap_or_default();
    let reason = RwSignal::new(String::new());
    // Kept by the tab until a decision is made (QA: a reload lost it).
    let reviewer = app.reviewer.get_untracked().unwrap_or_default();
    let kept = keep_draft(
        form_draft_key("review-reason", &format!("{reviewer}/{plugin}/{version}")),
        reason,
    );
    let error = RwSignal::new(None::<DomainError>);
    let general = RwSignal::new(None::<DomainError>);
    let reason_id = format!("review-reason-{key}");
    let err_id = format!("review-reason-error-{key}");
    let count_id = format!("review-reason-count-{key}");

    let p1 = plugin.clone();
    let card_id = StoredValue::new(format!("review-item-{key}"));
    // Taken out of the queue by another tab (its developer's 撤回, a decision there): said, and
    // focus, if it was in this card, goes to the page heading (QA: the card vanished under the
    // reviewer's typing, the keys then went nowhere). Not after this card's own decision, nor
    // when the page is left (the version is still 审核中 then). Still 审核中 but gone with focus
    // in it: another tab's change moved it to another page of the queue (review): said too.
    let decided = StoredValue::new(false);
    let shown_at = StoredValue::new(crate::ui::shell::here());
    // (`left` names, below, what the version became.)
    let queue_note = left;
    {
        let (plugin, what) = (plugin.clone(), what.clone());
        on_cleanup(move || {
            if decided.try_get_value() != Some(false) {
                return;
            }
            // `None`: still 审核中 (the page is left). Else what it became, if it is still there
            // (QA: a 清空工作区 in another tab took the card and said nothing).
            let left = app.ws.try_with_untracked(|ws| {
                let p = ws.plugin(&plugin);
                if p.and_then(|p| p.in_review()).map(|v| v.version) == Some(version) {
                    // Focus in it (or fallen to <body> as it went): not a page left.
                    let in_card = card_id.try_with_value(|id| {
                        let active = document().active_element();
                        let card = document()
                            .query_selector(&format!("[data-testid='{id}']"))
                            .ok()
                            .flatten();
                        card.is_some_and(|c| c.contains(active.as_ref().map(|a| a.as_ref())))
                    });
                    // The same page of the queue still shown: not a page left, or another page
                    // of it chosen, with focus in the card (QA: said after Back, one tab open).
                    let same_page = shown_at.try_with_value(|at| *at == crate::ui::shell::here());
                    if same_page == Some(true) && (in_card == Some(true) || focus_lost()) {
                        app.say(
                            &format!("{what} 已移到审核队列的另一页：另一个标签页处理了它前面的版本"),
                            &format!("{what} moved to another page of the queue: another tab decided a version before it"),
                        );
                        refocus_soon(["#review-queue-title".to_string()]);
                    }
                    return None;
                }
                // Who took it: its developer (撤回), or a decision made elsewhere (QA: said only
                // as the status it became).
                Some(p.and_then(|p| {
                    let status = &p.version(&version)?.status;
                    let (zh, en) = match p.last_review(&version).map(|r| &r.outcome) {
                        Some(ReviewOutcome::Withdrawn { .. }) => {
                            ("开发者撤回了审核".to_string(), "its developer withdrew it".to_string())
                        }
                        _ => (
                            format!("在另一个标签页中变为「{}」", status.zh()),
                            format!("another tab changed it to \"{}\"", status.en()),
                        ),
                    };
                    Some((zh, en))
                }))
            });
            if let Some(Some(left)) = left {
                // Its reason would come back if the version is submitted again (review).
                kept.forget();
                let typed = reason.try_get_untracked().filter(|r| !r.trim().is_empty());
                let (unsent_zh, unsent_en) = if typed.is_some() {
                    ("，填写的理由未发送", "; the reason you typed was not sent")
                } else {
                    ("", "")
                };
                if let Some((zh, en)) = left {
                    app.say(
                        &format!("{what} 已离开审核队列：{zh}{unsent_zh}"),
                        &format!("{what} left the review queue: {en}{unsent_en}"),
                    );
                    // Kept on the page, with the reason, to copy (QA: lost with the card).
                    let typed = typed.unwrap_or_default();
                    let (kept_zh, kept_en) = match typed.is_empty() {
                        true => (String::new(), String::new()),
                        false => (format!("：\n{typed}"), format!(":\n{typed}")),
                    };
                    queue_note.try_set(Some((
                        format!("{what} 已离开审核队列：{zh}{unsent_zh}{kept_zh}"),
                        format!("{what} left the review queue: {en}{unsent_en}{kept_en}"),
                    )));
                }
                refocus_soon(["#review-queue-title".to_string()]);
            }
        });
    }
    // The card's version as said, for the toast after a decision (this card's command).
    let said_as = StoredValue::new(what.clone());
    let decide = move |cmd: Command| {
        let Some(actor) = app.reviewer_actor() else {
            return;
        };
        let errors = DecisionErrors {
            reason: error,
            general,
        };
        // This card's place in the whole queue: the card that takes it gets the focus, also
        // when the page shown changes (its only card decided: the previous page's last one).
        let place = start.get_untracked()
            + card_id.with_value(|id| {
                queue_cards()
                    .iter()
                    .position(|c| c.get_attribute("data-testid").as_deref() == Some(id))
                    .unwrap_or(0)
            });
        // (A card decides by 审核通过 or 审核失败 only.)
        let approved = matches!(cmd, Command::ApproveReview { .. });
        let what = said_as.get_value();
        if app.submit(actor, cmd, errors).is_some() {
            decided.set_value(true);
            kept.sent();
            // Which decision, on what (QA: "Decision recorded" said neither).
            // And what comes next, on the developer's side (demo QA: only a toast, no next step).
            if approved {
                app.say(
                    &format!("审核通过：{what}。插件开发者现在可以在「开发管理」中发布"),
                    &format!("Approved: {what}. Its developer can now release it (Versions)"),
                );
            } else {
                app.say(
                    &format!("审核失败：{what}。插件开发者在「开发管理」中看到理由，修改后可再次提交"),
                    &format!("Rejected: {what}. Its developer sees the reason in Versions and may submit again"),
                );
            }
            // The card (and the focused button) goes away: once it has, focus the heading of
            // the card now in its place (else the last), or the page heading. Not its 审核通过:
            // a second Enter would approve a plugin not yet read (QA).
            set_timeout(
                move || {
                    let cards = queue_cards();
                    let on_page = place.saturating_sub(start.try_get_untracked().unwrap_or(0));
                    let decision = cards
                        .get(on_page.min(cards.len().saturating_sub(1)))
                        .and_then(|c| c.query_selector("h2").ok().flatten());
                    match decision {
                        Some(b) => focus_element(b),
                        None => focus_css("#review-queue-title"),
                    }
                },
                std::time::Duration::ZERO,
            );
        }
    };
    // 审核通过 records no reason: with one typed, the reviewer is asked to clear it (or reject)
    // instead of having it silently dropped.
    let reason_typed = RwSignal::new(false);
    let reason_box = NodeRef::<leptos::html::Textarea>::new();
    let approve = {
        let p = p1.clone();
        move |_| {
            if reason.with_untracked(|r| !r.trim().is_empty()) {
                reason_typed.set(true);
                if let Some(el) = reason_box.get_untracked() {
                    let _ = el.focus();
                }
                return;
            }
            decide(Command::ApproveReview {
                plugin: p.clone(),
                version,
            });
        }
    };
    let reject = {
        let p = p1.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            decide(Command::RejectReview {
                plugin: p.clone(),
                version,
                reason: reason.get_untracked(),
            });
        }
    };
    // Names the card's decisions for assistive technology (every card has the same two buttons).
    let title_id = format!("review-title-{key}");
    let described_by = title_id.clone();
    let rid = reason_id.clone();
    // With the card's plugin (screen-reader QA: every card's box had the same name) and the
    // word against approving with a reason typed (it marked the box invalid, unsaid).
    // The error's and the warning's ids only while they are shown (re-check QA: ids of nothing).
    let described = {
        let (always, err_id, warned) = (
            format!("{described_by} {count_id}"),
            err_id.clone(),
            format!("review-approve-with-reason-{key}"),
        );
        move || {
            let mut ids = always.clone();
            if error.with(Option::is_some) {
                ids = format!("{ids} {err_id}");
            }
            if reason_typed.get() {
                ids = format!("{ids} {warned}");
            }
            ids
        }
    };
    let key2 = key.clone();
    view! {
        <article class="card review-item" data-testid=format!("review-item-{key}")>
            <ReviewFacts plugin=p1 version title_id />
            <form class="form" on:submit={handler(reject)}>
                <DraftNote drafts=vec![kept] />
                <div class="field">
                    <label for=rid.clone()>{tr_owned(format!("审核失败理由（必填，最多 {MAX_REJECT_REASON_CHARS} 字，本应用约定）"), format!("Reason for rejection (required, up to {MAX_REJECT_REASON_CHARS} characters, our rule)"))}</label>
                    <textarea
                        id=rid
                        node_ref=reason_box
                        rows="2"
                        data-testid=format!("review-reason-{key}")
                        prop:value=move || reason.get()
                        on:input={handler(move |ev: leptos::ev::Event| {
                            reason.set(event_target_value(&ev));
                            error.set(None);
                            reason_typed.set(false);
                        })}
                        aria-invalid=move || (error.with(|e| e.is_some()) || reason_typed.get()).to_string()
                        aria-describedby=described
                    ></textarea>
                    // No maxlength: like every counter here, it turns red and the domain refuses.
                    <Counter text=reason max=MAX_REJECT_REASON_CHARS id=count_id.clone() testid=count_id />
                    {
                        let eid = err_id.clone();
                        reactive(move || {
                            let eid = eid.clone();
                            error.get().map(|e| {
                                view! {
                                    <p class="error" id=eid.clone() role="alert" data-testid=eid>
                                        {tr_error(&e)}
                                    </p>
                                }
                            })
                        })
                    }
                </div>
                {reactive(move || {
                    general.get().map(|e| view! { <p class="error" role="alert">{tr_error(&e)}</p> })
                })}
                <When when=move || reason_typed.get()>
                    <p class="error" role="alert" id=format!("review-approve-with-reason-{key2}") data-testid=format!("review-approve-with-reason-{key2}")>
                        {tr(
                            "已填写审核失败理由：审核通过不会保存它。要通过，请先清空理由；否则请点「审核失败」。",
                            "A reason for rejection is filled in: approving does not keep it. To approve, clear the reason first; to reject, click Reject.",
                        )}
                    </p>
                </When>
                <div class="actions">
                    <button type="button" class="btn btn-primary" data-testid=format!("review-approve-{key}")
                        aria-label=tr_whose("审核通过", "Approve", &what)
                        aria-describedby=described_by.clone()
                        disabled=move || app.reviewer.get().is_none() on:click={handler(approve)}>
                        {tr("审核通过", "Approve")}
                    </button>
                    <button type="submit" class="btn btn-danger" data-testid=format!("review-reject-{key}")
                        aria-label=tr_whose("审核失败", "Reject", &what)
                        aria-describedby=described_by
                        disabled=move || app.reviewer.get().is_none()>
                        {tr("审核失败", "Reject")}
                    </button>
                </div>
            </form>
        </article>
    }
}
