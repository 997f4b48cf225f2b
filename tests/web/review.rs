//! Review queue (微信小程序团队): approve, reject with a reason, empty reason refused.
use super::shell::{click, fresh, text};
use leptos::task::tick;
use plugin_lifecycle::domain::{
    demo_workspace, AppId, Semver, Timestamp, VersionStatus, Workspace,
};
use plugin_lifecycle::store::Persistence;
use plugin_lifecycle::ui::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

pub fn now() -> Timestamp {
    Timestamp(js_sys::Date::now() as i64)
}

/// AppID of a demo account by name (AppIDs are deterministic from the demo seed).
pub fn demo_id(name: &str) -> AppId {
    demo_workspace(now())
        .accounts()
        .iter()
        .find(|a| a.name == name)
        .unwrap_or_else(|| panic!("no demo account {name}"))
        .app_id
        .clone()
}

/// Sets the location before mounting (the router reads it at mount).
pub fn go(path: &str) {
    web_sys::window()
        .unwrap()
        .history()
        .unwrap()
        .push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path))
        .unwrap();
}

/// Goes to `path` before mounting; back to "/" when dropped (other modules' tests expect "/").
#[must_use]
pub fn at(path: &str) -> At {
    go(path);
    At
}

/// See [`at`].
pub struct At;

impl Drop for At {
    fn drop(&mut self) {
        go("/");
    }
}

/// The workspace as stored in localStorage.
pub fn stored() -> Workspace {
    Persistence::browser().load_or_demo(now()).workspace
}

/// Types into an input/textarea: sets the value and fires `input`.
pub fn type_into(root: &web_sys::HtmlElement, css: &str, value: &str) {
    let el = root
        .query_selector(css)
        .unwrap()
        .unwrap_or_else(|| panic!("no element {css}"));
    if let Some(t) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        t.set_value(value);
    } else {
        el.unchecked_ref::<web_sys::HtmlInputElement>()
            .set_value(value);
    }
    fire(&el, "input");
}

/// Chooses an option of a <select> and fires `change`.
pub fn choose(root: &web_sys::HtmlElement, css: &str, value: &str) {
    let el = root
        .query_selector(css)
        .unwrap()
        .unwrap_or_else(|| panic!("no element {css}"));
    el.unchecked_ref::<web_sys::HtmlSelectElement>()
        .set_value(value);
    fire(&el, "change");
}

fn fire(el: &web_sys::Element, kind: &str) {
    let doc = web_sys::window().unwrap().document().unwrap();
    let ev = doc.create_event("Event").unwrap();
    ev.init_event_with_bubbles(kind, true);
    el.dispatch_event(&ev).unwrap();
}

/// Whether an element matches.
pub fn has(root: &web_sys::HtmlElement, css: &str) -> bool {
    root.query_selector(css).unwrap().is_some()
}

/// Waits until `css` appears: a few `tick`s first (what the reactive system finishes in the
/// same turn), then real time (a page the router renders in a later task can need more than
/// 50 ticks on a busy run), at most 30 s.
pub async fn wait_for(root: &web_sys::HtmlElement, css: &str) {
    for _ in 0..50 {
        if has(root, css) {
            return;
        }
        tick().await;
    }
    let start = js_sys::Date::now();
    while !has(root, css) {
        if js_sys::Date::now() - start > 30_000.0 {
            let page: String = root
                .text_content()
                .unwrap_or_default()
                .chars()
                .take(400)
                .collect();
            panic!(
                "{css} never appeared at {}; the page shows: {page}",
                web_sys::window().unwrap().location().href().unwrap()
            );
        }
        gloo_timers::future::TimeoutFuture::new(5).await;
    }
}

/// Waits until focus is on the queue's heading (not fallen to <body> with a card).
async fn focus_on_queue_heading() {
    super::shell::wait_until("focus is on the queue heading", || {
        crate::shell::active().is_some_and(|e| e.id() == "review-queue-title")
    })
    .await;
}

fn tid(s: &str) -> String {
    format!("[data-testid='{s}']")
}

/// The review queue of the demo, mounted once the card of 顺丰速运's version 1.2.0 (审核中) is on
/// it; returns the root, the mount's handle, the location guard, its AppID and the card's key.
async fn open_express_review() -> (web_sys::HtmlElement, impl Drop, At, AppId, String) {
    let root = fresh();
    let at = at("/review");
    let handle = crate::shell::mount(&root, App);
    tick().await;
    let express = demo_id("顺丰速运");
    let key = format!("{express}-1.2.0");
    wait_for(&root, &tid(&format!("review-item-{key}"))).await;
    (root, handle, at, express, key)
}

#[wasm_bindgen_test]
async fn review_queue_shows_the_version_in_review_and_approves_it() {
    let (root, _h, _at, express, key) = open_express_review().await;
    let card = text(&root, &tid(&format!("review-item-{key}")));
    for want in [
        "快递查询助手",
        express.as_str(),
        "快递业与邮政",
        "批量",
        "顺丰速运",
        "企业",
        "card",
        "detail",
        "index.js",
    ] {
        assert!(card.contains(want), "card lacks {want}: {card}");
    }
    // The decisions are named by the card's heading (every card has the same two buttons).
    let approve = root
        .query_selector(&tid(&format!("review-approve-{key}")))
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>();
    let title = approve.get_attribute("aria-describedby").unwrap();
    assert!(text(&root, &format!("[id='{title}']")).contains("快递查询助手"));
    // ... and named by it (keyboard QA: a list of buttons showed the same two for each card).
    let version = key.rsplit('-').next().unwrap();
    for (which, zh) in [("approve", "审核通过"), ("reject", "审核失败")] {
        let label = root
            .query_selector(&tid(&format!("review-{which}-{key}")))
            .unwrap()
            .unwrap()
            .get_attribute("aria-label");
        assert_eq!(label, Some(format!("{zh}：快递查询助手 {version}")));
    }
    // As a keyboard user: focus on 审核通过, press it.
    approve.focus().unwrap();
    approve.click();
    tick().await;
    assert!(
        !has(&root, &tid(&format!("review-item-{key}"))),
        "item left the queue"
    );
    assert!(has(&root, &tid("review-empty")));
    // Where the flow goes on (QA: a learner was left on an empty queue).
    let next = root
        .query_selector(&format!("{} a", tid("review-empty-next")))
        .unwrap()
        .expect("a link on");
    assert_eq!(next.get_attribute("href").as_deref(), Some("/dev/versions"));
    // Focus does not fall to <body> with the card: it lands on the page heading.
    focus_on_queue_heading().await;
    // The toast's live region was there before the toast (screen readers announce changes).
    // It names the decision and what it was on (QA: "Decision recorded" said neither).
    // ... and what comes next (demo QA).
    assert_eq!(
        text(&root, &tid("toast-region")),
        "审核通过：快递查询助手 1.2.0。插件开发者现在可以在「开发管理」中发布"
    );
    let ws = stored();
    let v = ws
        .plugin(&express)
        .unwrap()
        .version(&Semver::new(1, 2, 0))
        .unwrap();
    assert_eq!(v.status, VersionStatus::Approved);
}

#[wasm_bindgen_test]
async fn review_card_taken_out_by_another_tab_is_said_and_focus_stays_on_the_page() {
    let (root, _h, _at, express, key) = open_express_review().await;
    let reason_css = tid(&format!("review-reason-{key}"));
    root.query_selector(&reason_css)
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>()
        .focus()
        .unwrap();
    type_into(&root, &reason_css, "请补充说明");
    // Another tab: its developer withdraws the version while this reviewer types a reason.
    let developer = plugin_lifecycle::domain::Actor::Developer(express.clone());
    crate::shell::another_tab_saves(|other| {
        let cmd = plugin_lifecycle::domain::Command::WithdrawReview {
            plugin: express.clone(),
            version: Semver::new(1, 2, 0),
        };
        other.execute(&developer, now(), cmd).unwrap()
    });
    crate::shell::announce_storage_change();
    tick().await;
    assert!(!has(&root, &tid(&format!("review-item-{key}"))));
    // Said (QA: the card just vanished), and the keys go to the page, not nowhere.
    focus_on_queue_heading().await;
    let said = text(&root, &tid("toast-region"));
    assert!(
        said.contains("快递查询助手 1.2.0 已离开审核队列：开发者撤回了审核，填写的理由未发送"),
        "who took it, and what came of the reason (QA): {said}"
    );
    // ... and kept on the page, with the reason to copy, until dismissed (QA: the toast went
    // while the tab was hidden, and the reason with the card).
    assert_eq!(
        text(&root, &tid("review-left")),
        "快递查询助手 1.2.0 已离开审核队列：开发者撤回了审核，填写的理由未发送：\n请补充说明 知道了"
    );
    // Kept by the tab across another page and back (re-check QA: gone once the page was left).
    drop(_h);
    let _h = crate::shell::mount(&root, plugin_lifecycle::ui::App);
    tick().await;
    wait_for(&root, &tid("review-left")).await;
    assert!(text(&root, &tid("review-left")).contains("请补充说明"));
    click(&root, &tid("review-left-dismiss"));
    tick().await;
    assert!(!has(&root, &tid("review-left")));
    assert!(crate::shell::drafts_kept().is_empty());
    drop(_h);
    // Another tab empties the workspace: the card goes with it, focus stays on the page (QA: it
    // fell to <body>).
    let (root, _h, _at, _, key) = open_express_review().await;
    let reason = root
        .query_selector(&tid(&format!("review-reason-{key}")))
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>();
    reason.focus().unwrap();
    crate::shell::another_tab_saves(|other| {
        *other = plugin_lifecycle::domain::empty_workspace(now());
    });
    crate::shell::announce_storage_change();
    focus_on_queue_heading().await;
    assert!(has(&root, &tid("review-empty")));
}

/// Another tab takes every card away in one save: each card's leaving is said, not only the
/// last one's (QA: the toasts replaced one another).
#[wasm_bindgen_test]
async fn review_cards_taken_out_together_are_all_said() {
    let root = fresh();
    Persistence::browser().save(&queue_of_three()).unwrap();
    let _at = at("/review");
    let _h = crate::shell::mount(&root, App);
    wait_for(&root, "[data-testid=review-queue] article").await;
    let (left, _, _) = crate::shell::another_tab_saves(|other| {
        let in_review: Vec<(AppId, Semver, String)> = other
            .plugins()
            .iter()
            .filter_map(|p| Some((p.app_id.clone(), p.in_review()?.version, p.name.clone())))
            .collect();
        for (plugin, version, _) in &in_review {
            let developer = plugin_lifecycle::domain::Actor::Developer(plugin.clone());
            let cmd = plugin_lifecycle::domain::Command::WithdrawReview {
                plugin: plugin.clone(),
                version: *version,
            };
            other.execute(&developer, now(), cmd).unwrap();
        }
        in_review
    });
    assert_eq!(left.len(), 3);
    crate::shell::announce_storage_change();
    focus_on_queue_heading().await;
    assert!(has(&root, &tid("review-empty")));
    let said = text(&root, &tid("toast-region"));
    for (_, version, name) in &left {
        assert!(
            said.contains(&format!("{name} {version} 已离开审核队列")),
            "{said}"
        );
    }
    assert_eq!(said.lines().count(), 3, "a line each, once: {said}");
}

/// The review queue of `ws`, stored and mounted, once the card of `key` (`<AppID>-<version>`)
/// is on it: the mount's handle, the location guard and the card's selector.
async fn queue_with(
    root: &web_sys::HtmlElement,
    ws: &Workspace,
    key: &str,
) -> (impl Drop, At, String) {
    Persistence::browser().save(ws).unwrap();
    let at = at("/review");
    let handle = crate::shell::mount(root, App);
    tick().await;
    let card = tid(&format!("review-item-{key}"));
    wait_for(root, &card).await;
    (handle, at, card)
}

/// A version uploaded without a 版本描述 shows "—" on its card, as on every other page (QA:
/// blank).
#[wasm_bindgen_test]
async fn review_card_of_a_version_without_a_description_shows_a_dash() {
    use plugin_lifecycle::domain::{Actor, Command};
    let root = fresh();
    let express = demo_id("顺丰速运");
    let mut ws = demo_workspace(now());
    let dev = Actor::Developer(express.clone());
    let v120 = Semver::new(1, 2, 0);
    let submission = ws
        .plugin(&express)
        .unwrap()
        .versions
        .iter()
        .find(|v| v.version == v120)
        .unwrap()
        .submission
        .clone()
        .unwrap();
    let cmds = [
        Command::WithdrawReview {
            plugin: express.clone(),
            version: v120,
        },
        Command::UploadVersion {
            plugin: express.clone(),
            version: "1.3.0".into(),
            description: "  ".into(),
            manifest: r#"{"main": "index.js"}"#.into(),
        },
        Command::SubmitReview {
            plugin: express.clone(),
            version: Semver::new(1, 3, 0),
            submission,
        },
    ];
    for cmd in cmds {
        ws.execute(&dev, now(), cmd).unwrap();
    }
    let (_h, _at, card) = queue_with(&root, &ws, &format!("{express}-1.3.0")).await;
    assert_eq!(
        text(
            &root,
            &format!("{card} [data-testid=review-version-description]")
        ),
        "—"
    );
}

/// A resubmitted version's card says why it was refused last time (QA: nothing told the reviewer
/// it had been refused before).
#[wasm_bindgen_test]
async fn review_card_of_a_resubmission_says_why_it_was_refused_before() {
    use plugin_lifecycle::domain::{Actor, Command};
    let root = fresh();
    let express = demo_id("顺丰速运");
    let mut ws = demo_workspace(now());
    let v120 = Semver::new(1, 2, 0);
    let submission = ws
        .plugin(&express)
        .unwrap()
        .version(&v120)
        .unwrap()
        .submission
        .clone()
        .unwrap();
    let reviewer = Actor::Reviewer(ws.reviewers()[0].id.clone());
    let reject = Command::RejectReview {
        plugin: express.clone(),
        version: v120,
        reason: "请补充隐私说明".into(),
    };
    ws.execute(&reviewer, now(), reject).unwrap();
    let resubmit = Command::SubmitReview {
        plugin: express.clone(),
        version: v120,
        submission,
    };
    ws.execute(&Actor::Developer(express.clone()), now(), resubmit)
        .unwrap();
    let (_h, _at, card) = queue_with(&root, &ws, &format!("{express}-1.2.0")).await;
    assert_eq!(
        text(
            &root,
            &format!("{card} [data-testid=review-earlier-rejection]")
        ),
        "请补充隐私说明"
    );
    // A first submission says nothing of the kind.
    assert_eq!(
        all(&root, "[data-testid=review-earlier-rejection]").len(),
        1
    );
}

/// A fix uploaded after a refusal says the refusal it answers, with the version refused (QA: only
/// the developer's pages did).
#[wasm_bindgen_test]
async fn review_card_of_a_fix_says_why_the_version_before_it_was_refused() {
    use plugin_lifecycle::domain::{Actor, Command};
    let root = fresh();
    let news = demo_id("人民日报");
    let mut ws = demo_workspace(now());
    let fix = Semver::new(1, 0, 0);
    let refused = ws
        .plugin(&news)
        .unwrap()
        .version(&Semver::new(0, 9, 0))
        .unwrap();
    let submission = refused.submission.clone().unwrap();
    let submit = Command::SubmitReview {
        plugin: news.clone(),
        version: fix,
        submission,
    };
    ws.execute(&Actor::Developer(news.clone()), now(), submit)
        .unwrap();
    let (_h, _at, card) = queue_with(&root, &ws, &format!("{news}-1.0.0")).await;
    let facts = text(&root, &format!("{card} .review-facts"));
    assert!(
        facts.contains("版本 0.9.0 审核失败理由功能描述与实际功能不符，请补充使用说明"),
        "{facts}"
    );
}

#[wasm_bindgen_test]
async fn review_reject_needs_a_reason_then_records_it() {
    let (root, _h, _at, express, key) = open_express_review().await;
    // The 200-character limit is ours, and said so (QA).
    let label = text(
        &root,
        &format!("{} label", tid(&format!("review-item-{key}"))),
    );
    assert_eq!(label, "审核失败理由（必填，最多 200 字，本应用约定）");
    // Empty reason: the domain refuses, the message sits next to the field, nothing changes.
    click(&root, &tid(&format!("review-reject-{key}")));
    tick().await;
    let err = text(&root, &tid(&format!("review-reason-error-{key}")));
    assert!(err.contains("理由"), "reason error: {err}");
    assert!(has(&root, &tid(&format!("review-item-{key}"))));
    let reason_css = tid(&format!("review-reason-{key}"));
    let invalid = root
        .query_selector(&reason_css)
        .unwrap()
        .unwrap()
        .get_attribute("aria-invalid");
    assert_eq!(invalid.as_deref(), Some("true"));
    let v = stored();
    assert_eq!(
        v.plugin(&express)
            .unwrap()
            .version(&Semver::new(1, 2, 0))
            .unwrap()
            .status,
        VersionStatus::InReview
    );
    // With a reason, which a reload keeps (QA: it was lost).
    type_into(&root, &reason_css, "功能描述缺少使用说明");
    tick().await;
    drop(_h);
    let _h = crate::shell::mount(&root, plugin_lifecycle::ui::App);
    wait_for(&root, &reason_css).await;
    assert_eq!(
        crate::shell::field_value(&root, &reason_css),
        "功能描述缺少使用说明"
    );
    // Said in its card (QA: a restored text looked like a fresh one).
    let card = tid(&format!("review-item-{key}"));
    assert!(has(&root, &format!("{card} [data-testid=draft-restored]")));
    click(&root, &tid(&format!("review-reject-{key}")));
    tick().await;
    assert!(!has(&root, &tid(&format!("review-item-{key}"))));
    // Decided: the draft is forgotten.
    assert_eq!(crate::shell::drafts_kept(), Vec::<String>::new());
    let ws = stored();
    assert_eq!(
        ws.plugin(&express)
            .unwrap()
            .version(&Semver::new(1, 2, 0))
            .unwrap()
            .status,
        VersionStatus::Rejected {
            reason: "功能描述缺少使用说明".into()
        }
    );
}

/// A reason typed as one reviewer is that reviewer's: another starts from their own, and the
/// first finds theirs back (Left: the draft was the tab's, whoever acted).
#[wasm_bindgen_test]
async fn review_reason_draft_is_the_acting_reviewers() {
    let (root, _h, _at, _express, key) = open_express_review().await;
    let reason_css = tid(&format!("review-reason-{key}"));
    type_into(&root, &reason_css, "小王写的理由");
    tick().await;
    choose(&root, "[data-testid=reviewer-select]", "reviewer-2");
    tick().await;
    wait_for(&root, &reason_css).await;
    assert_eq!(crate::shell::field_value(&root, &reason_css), "");
    // Said (keyboard QA: a screen reader heard nothing of the switch).
    crate::shell::after_queued_timers().await;
    let said = crate::shell::text(&root, "[data-testid=toast-region]");
    assert!(said.contains("现在以「审核员小李」的身份操作"), "{said}");
    type_into(&root, &reason_css, "小李写的理由");
    tick().await;
    choose(&root, "[data-testid=reviewer-select]", "reviewer-1");
    tick().await;
    wait_for(&root, &reason_css).await;
    assert_eq!(
        crate::shell::field_value(&root, &reason_css),
        "小王写的理由"
    );
}

#[wasm_bindgen_test]
async fn review_approve_with_a_typed_reason_asks_to_clear_it_instead_of_dropping_it() {
    let (root, _h, _at, express, key) = open_express_review().await;
    let status = || {
        stored()
            .plugin(&express)
            .unwrap()
            .version(&Semver::new(1, 2, 0))
            .unwrap()
            .status
            .clone()
    };
    let reason_css = tid(&format!("review-reason-{key}"));
    let warning = tid(&format!("review-approve-with-reason-{key}"));
    type_into(&root, &reason_css, "图标不清晰");
    tick().await;
    click(&root, &tid(&format!("review-approve-{key}")));
    tick().await;
    // Not approved, the reason kept, the reviewer told why and put back in the reason box.
    let said = text(&root, &warning);
    assert!(said.contains("清空理由"), "{said}");
    assert_eq!(status(), VersionStatus::InReview);
    let reason_box = root.query_selector(&reason_css).unwrap().unwrap();
    assert_eq!(
        reason_box
            .unchecked_ref::<web_sys::HtmlTextAreaElement>()
            .value(),
        "图标不清晰"
    );
    let focused = crate::shell::active();
    assert_eq!(focused.as_ref(), Some(&reason_box));
    // The box is described by its card's plugin and by this word (screen-reader QA: each
    // card's box had the same name; the word was not linked to the box it marked invalid).
    let described = reason_box.get_attribute("aria-describedby").unwrap();
    let read: Vec<String> = described
        .split(' ')
        .filter_map(|id| root.query_selector(&format!("[id='{id}']")).unwrap())
        .map(|e| e.text_content().unwrap_or_default())
        .collect();
    assert!(read[0].starts_with("快递查询助手"), "{read:?}");
    assert!(read.iter().any(|t| t.contains("清空理由")), "{read:?}");
    // Every id it names is in the page (re-check QA: the error's was named while none shown).
    let every_id_shown = |described: String| {
        described.split(' ').all(|id| {
            root.query_selector(&format!("[id='{id}']"))
                .unwrap()
                .is_some()
        })
    };
    assert!(every_id_shown(described));
    // Clearing the reason clears the warning; then 审核通过 approves.
    type_into(&root, &reason_css, "  ");
    tick().await;
    assert!(!has(&root, &warning));
    let described = reason_box.get_attribute("aria-describedby").unwrap();
    assert!(every_id_shown(described.clone()), "{described}");
    click(&root, &tid(&format!("review-approve-{key}")));
    tick().await;
    assert!(!has(&root, &tid(&format!("review-item-{key}"))));
    assert_eq!(status(), VersionStatus::Approved);
}

#[wasm_bindgen_test]
async fn review_history_lists_decisions_with_reasons() {
    let root = fresh();
    let _at = at("/review/history");
    let _h = crate::shell::mount(&root, App);
    tick().await;
    wait_for(&root, &tid("review-history")).await;
    let media = demo_id("人民日报");
    let row = text(&root, &tid(&format!("history-row-{media}-0.9.0")));
    assert!(
        row.contains("审核失败") && row.contains("请补充使用说明"),
        "{row}"
    );
    // A withdrawn submission names no reviewer: the developer took it back.
    let ticket = demo_id("大麦票务");
    let row = tid(&format!("history-row-{ticket}-1.1.0"));
    let cell = |n: u32| text(&root, &format!("{row} td:nth-child({n})"));
    assert_eq!(
        (cell(4).as_str(), cell(5).as_str(), cell(7).as_str()),
        ("已撤回", "—", "由开发者撤回")
    );
}

/// Every element matching `css` (querySelectorAll without the NodeList web-sys feature).
pub fn all(root: &web_sys::HtmlElement, css: &str) -> Vec<web_sys::Element> {
    use js_sys::Reflect;
    let f: js_sys::Function = Reflect::get(root, &"querySelectorAll".into())
        .unwrap()
        .unchecked_into();
    let list = f.call1(root, &css.into()).unwrap();
    let n = Reflect::get(&list, &"length".into())
        .unwrap()
        .as_f64()
        .unwrap() as u32;
    (0..n)
        .map(|i| Reflect::get_u32(&list, i).unwrap().unchecked_into())
        .collect()
}

#[wasm_bindgen_test]
async fn review_reason_counter_uses_the_domain_limit_and_turns_red_when_over() {
    let root = fresh();
    let _at = at("/review");
    let _h = crate::shell::mount(&root, App);
    tick().await;
    let key = format!("{}-1.2.0", demo_id("顺丰速运"));
    let reason = tid(&format!("review-reason-{key}"));
    let count = tid(&format!("review-reason-count-{key}"));
    wait_for(&root, &reason).await;
    let max = plugin_lifecycle::domain::MAX_REJECT_REASON_CHARS;
    let field = root.query_selector(&reason).unwrap().unwrap();
    // No field limit below or above the domain's: the counter shows it, the domain refuses.
    assert!(
        field.get_attribute("maxlength").is_none(),
        "{:?}",
        field.get_attribute("maxlength")
    );
    type_into(&root, &reason, &"因".repeat(max));
    tick().await;
    assert_eq!(text(&root, &count), format!("{max} / {max}"));
    let class = |root: &web_sys::HtmlElement| {
        root.query_selector(&count)
            .unwrap()
            .unwrap()
            .get_attribute("class")
            .unwrap_or_default()
    };
    assert!(!class(&root).contains("over"), "{}", class(&root));
    type_into(&root, &reason, &"因".repeat(max + 1));
    tick().await;
    assert_eq!(text(&root, &count), format!("{} / {max}", max + 1));
    assert!(class(&root).contains("over"), "{}", class(&root));
}

/// The demo with three versions in review: 快递查询助手 1.2.0 (demo), then 天气预报 and 在线问诊.
fn queue_of_three() -> plugin_lifecycle::domain::Workspace {
    let mut ws = demo_workspace(now());
    let manifest = r#"{"publicComponents": {"card": "components/card/index"}, "main": "index.js"}"#;
    for (name, version, category) in [
        ("墨迹天气", "9.0.0", ("工具", "天气")),
        ("好大夫在线", "9.0.0", ("医疗", "互联网医院")),
    ] {
        let p = ws
            .accounts()
            .iter()
            .find(|a| a.name == name)
            .unwrap()
            .app_id
            .clone();
        let dev = plugin_lifecycle::domain::Actor::Developer(p.clone());
        let v = Semver::parse(version).unwrap();
        for cmd in [
            plugin_lifecycle::domain::Command::UploadVersion {
                plugin: p.clone(),
                version: version.into(),
                description: "新版本".into(),
                manifest: manifest.into(),
            },
            plugin_lifecycle::domain::Command::SubmitReview {
                plugin: p.clone(),
                version: v,
                submission: plugin_lifecycle::domain::ReviewSubmission {
                    category: plugin_lifecycle::domain::Category::new(category.0, category.1),
                    tags: vec!["新".into()],
                    feature_description: "这是一个用于测试审核队列焦点顺序的功能描述文字。".into(),
                },
            },
        ] {
            ws.execute(&dev, now(), cmd).unwrap();
        }
    }
    assert_eq!(ws.review_queue().len(), 3);
    ws
}

#[wasm_bindgen_test]
async fn review_focus_after_a_decision_goes_to_the_card_that_takes_its_place() {
    let root = fresh();
    let ws = queue_of_three();
    Persistence::browser().save(&ws).unwrap();
    let _at = at("/review");
    let _h = crate::shell::mount(&root, App);
    tick().await;
    let cards = || all(&root, "[data-testid=review-queue] article");
    wait_for(&root, "[data-testid=review-queue] article").await;
    assert_eq!(cards().len(), 3);
    // A part of plugin.json the version leaves out is said to be empty (QA: a bare heading).
    let card = cards()[1].text_content().unwrap();
    assert!(
        card.contains("pages: —") && !card.contains("publicComponents: —"),
        "{card}"
    );
    let third = cards()[2].get_attribute("data-testid").unwrap();
    // Approve the second card from the keyboard: focus lands on the card now second (the third).
    crate::shell::press(
        &root,
        "[data-testid=review-queue] article:nth-of-type(2) button.btn-primary",
    );
    tick().await;
    super::shell::wait_until("focus is on the card that took its place", || {
        crate::shell::active()
            .and_then(|e| e.closest("article").ok().flatten())
            .and_then(|a| a.get_attribute("data-testid"))
            .as_deref()
            == Some(third.as_str())
    })
    .await;
    // On its heading, not its 审核通过: a second Enter must not approve a plugin unread (QA).
    let focused = crate::shell::active().unwrap();
    assert_eq!(focused.tag_name(), "H2");
    // Leaving the page with focus in a card (a link clicked, Back) is not another tab's doing:
    // nothing said of it (QA: "moved to another page of the queue" after Back, one tab open).
    click(&root, "nav.sidenav a[href='/review/history']");
    wait_for(&root, "#history-title").await;
    crate::shell::after_queued_timers().await;
    let said = text(&root, "[data-testid=toast-region]");
    assert!(!said.contains("另一页"), "{said}");
    assert!(said.contains("审核通过"), "{said}");
}

/// A big workspace's long lists come in pages, each with its count: the review queue (10 cards),
/// the history and the accounts on the start page (20 rows); a page past the end after the list
/// shrank shows the last one (QA: 1 882 cards and 11 305 rows were laid out at once).
#[wasm_bindgen_test]
async fn long_lists_come_in_pages() {
    use plugin_lifecycle::domain::scale_workspace;
    let root = fresh();
    let ws = scale_workspace(300, 0, 7);
    let (queued, decided, accounts) = (
        ws.review_queue().len(),
        ws.review_history().len(),
        ws.accounts().len(),
    );
    assert!(
        queued > 10 && decided > 20 && accounts > 20,
        "{queued} {decided} {accounts}"
    );
    Persistence::browser().save(&ws).unwrap();
    let _at = at("/review/history");
    let _h = crate::shell::mount(&root, App);
    tick().await;
    wait_for(&root, &tid("history-next")).await;
    let rows = "[data-testid^='history-row-']";
    assert_eq!(all(&root, rows).len(), 20);
    assert!(text(&root, &tid("history-count")).contains(&format!("共 {decided} 条")));
    assert_eq!(
        text(&root, &tid("history-page")),
        format!("1 / {}", decided.div_ceil(20))
    );
    let first = all(&root, rows)[0].get_attribute("data-testid");
    click(&root, &tid("history-next"));
    tick().await;
    let shown = text(&root, &tid("history-page"));
    assert!(shown.starts_with("2 /"), "{shown}");
    assert_ne!(all(&root, rows)[0].get_attribute("data-testid"), first);
    // The page is in the URL (QA: Back or a reload went to page 1).
    let search = || web_sys::window().unwrap().location().search().unwrap();
    assert_eq!(search(), "?page=2");
    // A move is a step of the history: Back shows page 1 again (QA: it left the list).
    crate::shell::history().back().unwrap();
    crate::shell::wait_until("page 1 after Back", || {
        text(&root, &tid("history-page")).starts_with("1 /") && search().is_empty()
    })
    .await;
    click(&root, &tid("history-next"));
    tick().await;
    assert_eq!(search(), "?page=2");
    // The `i`-th decision's row, newest first.
    let row_of = |i: usize| {
        let h = ws.review_history();
        Some(format!(
            "history-row-{}-{}",
            h[i].plugin.app_id, h[i].record.version
        ))
    };
    // The second row of page 2 is the 22nd decision.
    assert_eq!(all(&root, rows)[1].get_attribute("data-testid"), row_of(21));
    click(&root, &tid("history-prev"));
    tick().await;
    assert_eq!(all(&root, rows)[0].get_attribute("data-testid"), first);
    // Focus (and the view) at the list's start (QA: left at the bottom).
    assert_eq!(crate::shell::active_id().as_deref(), Some("history-title"));
    assert_eq!(search(), "", "page 1 is the bare path");
    // The last page and back to the first in one move each (QA: 190 pages one at a time).
    let pages = decided.div_ceil(20);
    click(&root, &tid("history-last"));
    tick().await;
    assert_eq!(
        text(&root, &tid("history-page")),
        format!("{pages} / {pages}")
    );
    assert_eq!(search(), format!("?page={pages}"));
    click(&root, &tid("history-first"));
    tick().await;
    assert_eq!(text(&root, &tid("history-page")), format!("1 / {pages}"));
    assert_eq!(all(&root, rows)[0].get_attribute("data-testid"), first);
    // Opened at `?page=3` (a reload, Back, a link): that page.
    drop(_h);
    go("/review/history?page=3");
    let _h = crate::shell::mount(&root, App);
    tick().await;
    wait_for(&root, &tid("history-page")).await;
    assert!(text(&root, &tid("history-page")).starts_with("3 /"));
    assert_eq!(all(&root, rows)[0].get_attribute("data-testid"), row_of(40));
    // The side menu's link to the list, on page 3: page 1, the bare path (review).
    click(&root, "nav.sidenav a[href='/review/history']");
    tick().await;
    crate::shell::wait_until("page 1 after the side menu's link", || {
        text(&root, &tid("history-page")).starts_with("1 /")
    })
    .await;
    assert_eq!(search(), "");
    // A page number not as the URL writes it is written as the page it stands for (QA).
    drop(_h);
    go("/review/history?page=abc");
    let _h = crate::shell::mount(&root, App);
    tick().await;
    wait_for(&root, &tid("history-page")).await;
    crate::shell::wait_until("?page=abc taken out of the URL", || search().is_empty()).await;
    assert!(text(&root, &tid("history-page")).starts_with("1 /"));

    drop(_h);
    go("/review");
    let _h = crate::shell::mount(&root, App);
    tick().await;
    wait_for(&root, &tid("queue-next")).await;
    let cards = "[data-testid^='review-item-']";
    assert_eq!(all(&root, cards).len(), 10);
    // Which of them the page shows, at its top (QA: the pager is 7 500 px below).
    assert!(text(&root, "[data-testid=review-queue] .hint")
        .contains(&format!("共 {queued} 个待审核版本，本页为第 1–10 个。")));
    // The last page holds the rest.
    let last = queued.div_ceil(10);
    assert!(last >= 3, "{queued} queued");
    for _ in 1..last {
        click(&root, &tid("queue-next"));
        tick().await;
    }
    assert_eq!(text(&root, &tid("queue-page")), format!("{last} / {last}"));
    assert_eq!(all(&root, cards).len(), queued - (last - 1) * 10);
    let from = (last - 1) * 10 + 1;
    assert!(text(&root, "[data-testid=review-queue] .hint")
        .contains(&format!("本页为第 {from}–{queued} 个。")));
    assert_eq!(
        crate::shell::active_id().as_deref(),
        Some("review-queue-title")
    );
    // Deciding every card of the last page: then the page before it is shown (and is the page,
    // not only shown as it), focus on its last card's heading, the one nearest.
    while has(&root, &tid("queue-next"))
        && text(&root, &tid("queue-page")).starts_with(&format!("{last} /"))
    {
        let id = all(&root, cards)[0].get_attribute("data-testid").unwrap();
        let key = id.trim_start_matches("review-item-").to_string();
        click(&root, &tid(&format!("review-approve-{key}")));
        tick().await;
        crate::shell::after_queued_timers().await;
    }
    let shown = text(&root, &tid("queue-page"));
    assert_eq!(shown, format!("{} / {}", last - 1, last - 1));
    assert_eq!(search(), format!("?page={}", last - 1), "the URL follows");
    let heading_of_last = all(&root, cards)
        .last()
        .unwrap()
        .query_selector("h2")
        .unwrap();
    let active = crate::shell::active();
    assert_eq!(
        active,
        heading_of_last,
        "focus on the last card of page {}",
        last - 1
    );

    drop(_h);
    go("/");
    let _h = crate::shell::mount(&root, App);
    tick().await;
    wait_for(&root, &tid("accounts-next")).await;
    assert_eq!(all(&root, "[data-testid=account-list] tbody tr").len(), 20);
    assert_eq!(
        text(&root, &tid("accounts-page")),
        format!("1 / {}", accounts.div_ceil(20))
    );
    // The filter finds one among them by its name (case and width aside) or its AppID's start,
    // as its placeholder says (QA: an AppID's middle finds nothing).
    let placeholder = crate::shell::attr(&root, &tid("account-filter"), "placeholder");
    assert_eq!(placeholder.as_deref(), Some("小程序名称，或 AppID 的开头"));
    let last = ws.accounts().last().unwrap();
    let upper: String = last.name.to_uppercase();
    type_into(&root, &tid("account-filter"), &upper);
    tick().await;
    let found = all(&root, "[data-testid=account-list] tbody tr");
    assert!(!found.is_empty() && found.len() <= 20, "{}", found.len());
    assert!(text(&root, &tid("account-list")).contains(&last.name));
    assert_eq!(
        text(&root, &tid("account-filter-count")),
        format!("找到 {found} 个", found = found.len())
    );
    // Acting as it from the list: the keys stay on its row, now the current one, not fallen to
    // the page (QA) nor on the list's heading (QA: a phone scrolled the chosen row away).
    click(
        &root,
        "[data-testid=account-list] tbody button:not([disabled])",
    );
    crate::shell::after_queued_timers().await;
    let focused = crate::shell::active_id().unwrap_or_default();
    assert!(focused.starts_with("account-row-"), "{focused}");
    let current = crate::shell::attr(&root, &format!("#{focused}"), "class");
    assert_eq!(current.as_deref(), Some("current"), "{focused}");
    // ... and said (keyboard QA: nothing was announced).
    let said = text(&root, "[data-testid=toast-region]");
    assert!(
        said.contains("现在以「") && said.contains("」的身份操作"),
        "{said}"
    );
    type_into(&root, &tid("account-filter"), &last.app_id.as_str()[..12]);
    tick().await;
    assert!(text(&root, &tid("account-list")).contains(last.app_id.as_str()));
    type_into(&root, &tid("account-filter"), "没有这个帐号");
    tick().await;
    assert!(has(&root, &tid("no-account-found")));
    assert!(!has(&root, &tid("accounts-page")));
    // The filter and the page are in the URL: Back (here from page 2 to the filter before it)
    // shows them again (QA: the start page came back at page 1 of all).
    let search = || web_sys::window().unwrap().location().search().unwrap();
    let filtered = js_sys::encode_uri_component("没有这个帐号")
        .as_string()
        .unwrap();
    assert_eq!(search(), format!("?q={filtered}"));
    type_into(&root, &tid("account-filter"), "");
    tick().await;
    assert_eq!(search(), "");
    click(&root, &tid("accounts-next"));
    tick().await;
    assert_eq!(search(), "?page=2");
    crate::shell::history().back().unwrap();
    crate::shell::wait_until("page 1 after Back", || {
        search().is_empty() && text(&root, &tid("accounts-page")).starts_with("1 /")
    })
    .await;
    crate::shell::history().forward().unwrap();
    crate::shell::wait_until("page 2 after Forward", || {
        search() == "?page=2" && text(&root, &tid("accounts-page")).starts_with("2 /")
    })
    .await;
    // A reload keeps the filter.
    drop(_h);
    go(&format!("/?q={filtered}"));
    let _h = crate::shell::mount(&root, App);
    tick().await;
    wait_for(&root, &tid("no-account-found")).await;
    assert_eq!(
        crate::shell::field_value(&root, &tid("account-filter")),
        "没有这个帐号"
    );
    // A page number not as the URL writes it goes, the filter stays, also with no pager shown
    // (QA: `/?page=abc` stayed in the URL).
    drop(_h);
    go(&format!("/?q={filtered}&page=abc"));
    let _h = crate::shell::mount(&root, App);
    tick().await;
    wait_for(&root, &tid("no-account-found")).await;
    crate::shell::wait_until("?page=abc taken out of the URL", || {
        search() == format!("?q={filtered}")
    })
    .await;
    go("/");
}

/// A card the reviewer is in moves to the previous page when another tab decides a version
/// before it: said, and the keys go to the page heading (review: it vanished unsaid).
#[wasm_bindgen_test]
async fn a_card_moved_to_another_page_under_focus_is_said() {
    use plugin_lifecycle::domain::{scale_workspace, Actor, Command};
    let root = fresh();
    let ws = scale_workspace(300, 0, 7);
    Persistence::browser().save(&ws).unwrap();
    let _at = at("/review");
    let _h = crate::shell::mount(&root, App);
    tick().await;
    wait_for(&root, &tid("queue-next")).await;
    click(&root, &tid("queue-next"));
    tick().await;
    let cards = "[data-testid^='review-item-']";
    let first = all(&root, cards)[0].clone();
    let key = first
        .get_attribute("data-testid")
        .unwrap()
        .trim_start_matches("review-item-")
        .to_string();
    let focus_reason = || {
        root.query_selector(&tid(&format!("review-reason-{key}")))
            .unwrap()
            .unwrap()
            .unchecked_into::<web_sys::HtmlElement>()
            .focus()
            .unwrap()
    };
    // Another page of the queue chosen with focus in a card (a click on 上一页 leaves it there,
    // as Back does): not another tab's doing, nothing said (re-check QA: said, one tab open).
    focus_reason();
    click(&root, &tid("queue-prev"));
    super::shell::wait_until("page 1", || {
        !has(&root, &tid(&format!("review-item-{key}")))
    })
    .await;
    crate::shell::after_queued_timers().await;
    let said = text(&root, &tid("toast-region"));
    assert!(!said.contains("另一页"), "{said}");
    click(&root, &tid("queue-next"));
    wait_for(&root, &tid(&format!("review-reason-{key}"))).await;
    focus_reason();
    // Another tab approves the queue's first version (on page 1).
    crate::shell::another_tab_saves(|other| {
        let item = &other.review_queue()[0];
        let cmd = Command::ApproveReview {
            plugin: item.plugin.app_id.clone(),
            version: item.record.version,
        };
        other
            .execute(&Actor::Reviewer("reviewer-1".into()), now(), cmd)
            .unwrap()
    });
    crate::shell::announce_storage_change();
    tick().await;
    assert!(!has(&root, &tid(&format!("review-item-{key}"))));
    focus_on_queue_heading().await;
    let said = text(&root, &tid("toast-region"));
    assert!(said.contains("已移到审核队列的另一页"), "{said}");
}

/// 审核记录 narrows to one outcome, each offered with its count: the rows of that outcome only,
/// newest first, in pages of their own; the choice is in the URL and a step of the history
/// (Back shows the choice before), starts on its first page and is read back as the page opens;
/// an outcome with none says so; anything else in `?outcome=` shows them all and leaves the URL.
#[wasm_bindgen_test]
async fn review_history_narrows_to_one_outcome() {
    use plugin_lifecycle::domain::{scale_workspace, ReviewOutcome};
    let root = fresh();
    let ws = scale_workspace(300, 0, 7);
    let h = ws.review_history();
    let of = |k: fn(&ReviewOutcome) -> bool| {
        h.iter()
            .filter(|i| k(&i.record.outcome))
            .map(|i| format!("history-row-{}-{}", i.plugin.app_id, i.record.version))
            .collect::<Vec<_>>()
    };
    let approved = of(|o| matches!(o, ReviewOutcome::Approved { .. }));
    let rejected = of(|o| matches!(o, ReviewOutcome::Rejected { .. }));
    let withdrawn = of(|o| matches!(o, ReviewOutcome::Withdrawn { .. }));
    let total = h.len();
    // Enough rejections for pages of their own; no withdrawal (the none case).
    assert!(
        rejected.len() > 40 && withdrawn.is_empty(),
        "{}",
        rejected.len()
    );
    Persistence::browser().save(&ws).unwrap();
    let _at = at("/review/history?page=2");
    let _h = crate::shell::mount(&root, App);
    tick().await;
    wait_for(&root, &tid("history-outcome")).await;
    let options: Vec<String> = all(&root, "#history-outcome option")
        .iter()
        .map(|o| o.text_content().unwrap_or_default())
        .collect();
    assert_eq!(
        options,
        [
            format!("全部（{total}）"),
            format!("审核通过（{}）", approved.len()),
            format!("审核失败（{}）", rejected.len()),
            "已撤回（0）".to_string(),
        ]
    );
    let rows = "[data-testid^='history-row-']";
    let shown = || -> Vec<String> {
        all(&root, rows)
            .iter()
            .map(|r| r.get_attribute("data-testid").unwrap_or_default())
            .collect()
    };
    let search = || web_sys::window().unwrap().location().search().unwrap();
    choose(&root, &tid("history-outcome"), "rejected");
    tick().await;
    // The newest 20 rejections, from the first page (it was on page 2 of all).
    assert_eq!(shown(), rejected[..20]);
    for r in all(&root, &format!("{rows} td:nth-child(4)")) {
        assert_eq!(r.text_content().as_deref(), Some("审核失败"));
    }
    assert_eq!(
        text(&root, &tid("history-count")),
        format!(
            "「审核失败」{} 条（共 {total} 条），按处理时间排列（最新的在前）。",
            rejected.len()
        )
    );
    let pages = rejected.len().div_ceil(20);
    assert_eq!(text(&root, &tid("history-page")), format!("1 / {pages}"));
    assert_eq!(search(), "?outcome=rejected");
    click(&root, &tid("history-next"));
    tick().await;
    assert_eq!(shown(), rejected[20..40]);
    assert_eq!(search(), "?outcome=rejected&page=2");
    // Back: page 1 of the rejections, then page 2 of all, the select following.
    let history = crate::shell::history();
    history.back().unwrap();
    crate::shell::wait_until("page 1 of the rejections after Back", || {
        search() == "?outcome=rejected" && shown() == rejected[..20]
    })
    .await;
    history.back().unwrap();
    crate::shell::wait_until("page 2 of all after Back", || {
        search() == "?page=2" && text(&root, &tid("history-page")).starts_with("2 /")
    })
    .await;
    let value = || crate::shell::select_value(&root, &tid("history-outcome"));
    assert_eq!(value(), "");
    // An outcome with none says so, and shows no table.
    choose(&root, &tid("history-outcome"), "withdrawn");
    tick().await;
    assert_eq!(
        text(&root, &tid("history-count")),
        format!("共 {total} 条，其中没有「已撤回」。")
    );
    assert!(shown().is_empty() && !has(&root, "[data-testid=review-history] table"));
    drop(_h);
    // Opened at an outcome (a reload, a link): those rows.
    go("/review/history?outcome=approved");
    let _h = crate::shell::mount(&root, App);
    wait_for(&root, rows).await;
    tick().await;
    assert_eq!(value(), "approved");
    assert_eq!(shown(), approved[..20]);
    // Picked as a user picks (the option's own selectedness, which its `selected` attribute no
    // longer moves; QA: after Back the select kept the outcome picked before), twice without
    // leaving the select (arrow keys): one step of the history.
    let pick = |value: &str| {
        let css = format!("#history-outcome option[value='{value}']");
        let option = root.query_selector(&css).unwrap().unwrap();
        js_sys::Reflect::set(&option, &"selected".into(), &true.into()).unwrap();
        fire(
            &root.query_selector("#history-outcome").unwrap().unwrap(),
            "change",
        );
    };
    pick("rejected");
    tick().await;
    assert_eq!(search(), "?outcome=rejected");
    pick("withdrawn");
    tick().await;
    assert_eq!(search(), "?outcome=withdrawn");
    history.back().unwrap();
    crate::shell::wait_until("the approved ones after one Back", || {
        search() == "?outcome=approved" && shown() == approved[..20]
    })
    .await;
    assert_eq!(value(), "approved");
    // Left and picked again: a new step.
    let select = root.query_selector("#history-outcome").unwrap().unwrap();
    select
        .dispatch_event(&crate::shell::js_event("FocusEvent", "blur", &[]))
        .unwrap();
    pick("rejected");
    tick().await;
    assert_eq!(search(), "?outcome=rejected");
    history.back().unwrap();
    crate::shell::wait_until("the approved ones after Back again", || {
        search() == "?outcome=approved" && value() == "approved"
    })
    .await;
    drop(_h);
    // Anything else: all of them, and the URL without it; an outcome's name in capitals or
    // with spaces is that outcome, written as the URL writes it; an empty one is left out.
    for (asked, shows, written) in [
        ("nonsense", "", ""),
        ("", "", ""),
        ("%20REJECTED", "rejected", "?outcome=rejected"),
    ] {
        go(&format!("/review/history?outcome={asked}"));
        let _h = crate::shell::mount(&root, App);
        wait_for(&root, rows).await;
        crate::shell::wait_until("the URL as it is read", || search() == written).await;
        assert_eq!(value(), shows, "{asked}");
        if shows.is_empty() {
            assert!(text(&root, &tid("history-count")).contains(&format!("共 {total} 条")));
        } else {
            assert_eq!(shown(), rejected[..20]);
        }
        crate::shell::after_queued_timers().await;
    }
}
