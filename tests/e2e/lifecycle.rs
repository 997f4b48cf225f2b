//! The whole lifecycle across the three roles, through the UI as a user clicks and types, with a
//! page reload between roles; then the refusals, deep links and back/forward. User text fields are
//! fed XSS payloads along the way, and nothing may execute or be injected.
use crate::support::*;
use crate::{Env, T};
use fantoccini::key::Key;
use fantoccini::Locator;

/// Sets `localStorage.xss` if it ever runs; checked at the end.
const XSS_IMG: &str = r#"<img src=x onerror="localStorage.setItem('xss','img')">"#;
const XSS_SCRIPT: &str = r#"<script>localStorage.setItem('xss','script')</script>"#;
const XSS_URL: &str = "javascript:localStorage.setItem('xss','url')";

pub(crate) fn tid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

/// Scrolls the element to the middle of the viewport (clear of the sticky header), then clicks.
pub(crate) async fn click(e: &Env, css: &str) {
    let el = wait_css(&e.c, css).await;
    click_el(e, &el, css).await;
}

async fn click_el(e: &Env, el: &fantoccini::elements::Element, what: &str) {
    e.c.execute(
        "arguments[0].scrollIntoView({block: 'center'}); return true;",
        vec![serde_json::to_value(el).unwrap()],
    )
    .await
    .unwrap();
    el.click()
        .await
        .unwrap_or_else(|err| panic!("click {what}: {err}"));
}

pub(crate) async fn type_in(e: &Env, css: &str, text: &str) {
    let el = wait_css(&e.c, css).await;
    el.clear()
        .await
        .unwrap_or_else(|err| panic!("clear {css}: {err}"));
    el.send_keys(text)
        .await
        .unwrap_or_else(|err| panic!("type into {css}: {err}"));
}

/// Waits until the element's text contains `needle`.
pub(crate) async fn wait_text(e: &Env, css: &str, needle: &str) {
    let js = format!(
        "(document.querySelector({css:?}) || {{}}).textContent && document.querySelector({css:?}).textContent.includes({needle:?})"
    );
    wait_js(&e.c, &js, &format!("{css} to contain {needle:?}"), T).await;
}

async fn wait_gone(e: &Env, css: &str) {
    wait_js(
        &e.c,
        &format!("!document.querySelector({css:?})"),
        &format!("{css} to go away"),
        T,
    )
    .await;
}

async fn wait_enabled(e: &Env, css: &str) {
    let js =
        format!("document.querySelector({css:?}) && !document.querySelector({css:?}).disabled");
    wait_js(&e.c, &js, &format!("{css} enabled"), T).await;
}

/// Picks the acting mini program account in the header (label starts with its name).
pub(crate) async fn act_as(e: &Env, name: &str) -> String {
    let select = wait_css(&e.c, &tid("account-select")).await;
    let label: String = serde_json::from_value(
        e.c.execute(
            "return [...arguments[0].options].map(o => o.text).find(t => t.startsWith(arguments[1])) || '';",
            vec![serde_json::to_value(&select).unwrap(), name.into()],
        )
        .await
        .unwrap(),
    )
    .unwrap();
    assert!(!label.is_empty(), "no account named {name} in the header");
    select.select_by_label(&label).await.unwrap();
    let app_id = wait_js(
        &e.c,
        &format!(
            "(() => {{ const s = document.querySelector('[data-testid=account-select]'); return s.options[s.selectedIndex].text.startsWith({name:?}) && s.value; }})()"
        ),
        &format!("account {name} selected"),
        T,
    )
    .await;
    app_id.as_str().unwrap().to_string()
}

/// Reloads the page ("nothing is lost") and waits for the shell.
async fn reload(e: &Env) {
    e.c.refresh().await.unwrap();
    wait_js(
        &e.c,
        "document.querySelector('[data-app-ready]')",
        "app after reload",
        T,
    )
    .await;
}

/// Navigates through the left nav / header like a user (client-side routing).
async fn nav(e: &Env, href: &str) {
    click(e, &format!("a[href=\"{href}\"]")).await;
    wait_js(
        &e.c,
        &format!("location.pathname === {href:?}"),
        &format!("route {href}"),
        T,
    )
    .await;
}

pub async fn whole_lifecycle(e: &Env) {
    e.clear_storage().await;
    e.open("/").await;
    let dev = act_as(e, "美食点评").await;

    // 开通插件功能 (name with markup, 简介 with an XSS payload)
    nav(e, "/dev").await;
    nav(e, "/dev/open").await;
    type_in(e, &tid("dev-name"), "<b>美食</b>推荐").await;
    type_in(e, &tid("dev-intro"), &format!("附近好吃的 {XSS_IMG}")).await;
    click(e, &tid("dev-open-submit")).await;
    wait_text(e, &tid("dev-plugin-name"), "<b>美食</b>推荐").await;
    // 插件基本信息: the 简介 edited with another payload.
    nav(e, "/dev/open").await;
    type_in(
        e,
        &tid("dev-edit-intro"),
        &format!("附近好吃的 {XSS_SCRIPT}"),
    )
    .await;
    click(e, &tid("dev-edit-submit")).await;
    wait_text(e, &tid("toast-region"), "基本信息已保存").await;

    // 填写开发信息
    nav(e, "/dev/devinfo").await;
    type_in(e, &tid("devinfo-request"), "https://api.food.example.com").await;
    type_in(e, &tid("devinfo-token"), "FoodToken2026").await;
    click(e, &tid("devinfo-save")).await;

    // 上传 1.0.0 → 提交审核
    nav(e, "/dev/versions").await;
    wait_enabled(e, &tid("upload-open")).await;
    upload(e, "1.0.0", &format!("首个版本 {XSS_SCRIPT}")).await;
    click(e, &tid("submit-review-1.0.0")).await;
    wait_css(&e.c, &tid("review-form")).await;
    let category = wait_css(&e.c, &tid("review-category")).await;
    let options = category.text().await.unwrap();
    assert!(
        !options.contains("医疗"),
        "医疗 offered to a non-医疗类 account: {options}"
    );
    category.select_by_label("餐饮 > 点评与推荐").await.unwrap();
    type_in(
        e,
        &tid("review-tags-input"),
        &format!("<b>美</b>{}", char::from(Key::Enter)),
    )
    .await;
    type_in(
        e,
        &tid("review-tags-input"),
        &format!("点评{}", char::from(Key::Enter)),
    )
    .await;
    type_in(
        e,
        &tid("review-desc"),
        &format!("附近美食推荐组件，页面中引入卡片组件并传入城市即可展示推荐列表。{XSS_IMG}"),
    )
    .await;
    click(e, &tid("review-submit")).await;
    wait_text(e, &tid("version-status-1.0.0"), "审核中").await;

    // 微信小程序团队: 审核失败 with a reason, reached from the developer's next step.
    reload(e).await;
    nav(e, "/dev").await;
    wait_text(
        e,
        &tid("dev-next-step"),
        "等待微信小程序团队审核（在页头切换到「微信小程序团队」）",
    )
    .await;
    click(e, &format!("{}[href=\"/review\"]", tid("dev-next-step"))).await;
    wait_js(&e.c, "location.pathname === '/review'", "route /review", T).await;
    let item = format!("{dev}-1.0.0");
    wait_css(&e.c, &tid(&format!("review-item-{item}"))).await;
    wait_text(e, &tid(&format!("review-item-{item}")), "点评").await;
    let shown = wait_css(&e.c, &tid(&format!("review-item-{item}")))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        shown.contains("<b>美</b>") && shown.contains("<img src=x"),
        "user text as text: {shown}"
    );
    assert_no_injection(e).await;
    type_in(
        e,
        &tid(&format!("review-reason-{item}")),
        // Long and without a space to break at (QA: such a reason made 开发管理 and the
        // review history 2 600 px wide).
        &format!("请补充使用说明 {XSS_IMG} {}", "详细".repeat(60)),
    )
    .await;
    click(e, &tid(&format!("review-reject-{item}"))).await;
    wait_gone(e, &tid(&format!("review-item-{item}"))).await;

    // Developer sees the reason, fixes, uploads 1.0.1, resubmits (form prefilled)
    reload(e).await;
    nav(e, "/dev").await;
    nav(e, "/dev/versions").await;
    wait_text(e, &tid("version-row-1.0.0"), "审核失败").await;
    wait_text(e, &tid("version-row-1.0.0"), "请补充使用说明 <img").await;
    assert_no_injection(e).await;
    // A reason and a description keep their line breaks, as written (reviewer QA: a
    // multi-line 审核失败 reason read on one line here and in 申请管理).
    let kept =
        e.c.execute(
            "const row = document.querySelector('[data-testid=\"version-row-1.0.0\"]');\
             return [row.querySelector('.why.reason'), row.querySelector('td.text')]\
             .map(x => getComputedStyle(x).whiteSpace);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(kept, serde_json::json!(["pre-wrap", "pre-wrap"]));
    // One long word (no spaces) in the description: it wraps instead of widening the page.
    let long_word = "W".repeat(180);
    upload(e, "1.0.1", &format!("补充使用说明 {long_word}")).await;
    assert_fits_the_window(e, "/dev/versions with a 180-letter word and a long reason").await;
    // At phone width the table scrolls sideways; the hidden reasons of its disabled buttons
    // stay inside it (QA: they made the page wider and cut the upload dialog off).
    e.c.set_window_size(390, 844).await.unwrap();
    assert_fits_the_window(e, "/dev/versions at 390 px").await;
    e.c.set_window_size(1280, 900).await.unwrap();
    click(e, &tid("submit-review-1.0.1")).await;
    wait_css(&e.c, &tid("review-form")).await;
    wait_text(e, &tid("review-tags"), "点评").await;
    click(e, &tid("review-submit")).await;
    wait_text(e, &tid("version-status-1.0.1"), "审核中").await;

    // 审核通过
    reload(e).await;
    nav(e, "/review").await;
    wait_text(e, &tid(&format!("review-item-{dev}-1.0.1")), &long_word).await;
    assert_fits_the_window(e, "/review with a 180-letter word").await;
    nav(e, "/review/history").await;
    wait_text(e, "main", "详细详细").await;
    assert_fits_the_window(e, "/review/history with a long reason").await;
    nav(e, "/review").await;
    // A destructive button stays red under the pointer (QA: it turned green, as 审核通过 beside it).
    let reject = tid(&format!("review-reject-{dev}-1.0.1"));
    let button = e.c.find(Locator::Css(&reject)).await.unwrap();
    use fantoccini::actions::{InputSource, MouseActions, PointerAction};
    let hover = MouseActions::new("mouse".into()).then(PointerAction::MoveToElement {
        element: button,
        duration: None,
        x: 0.0,
        y: 0.0,
    });
    e.c.perform_actions(hover).await.unwrap();
    let color = |sel: String| async move {
        e.c.execute(
            "const b = document.querySelector(arguments[0]); \
             return b.matches(':hover') && getComputedStyle(b).color;",
            vec![serde_json::json!(sel)],
        )
        .await
        .unwrap()
    };
    assert_eq!(color(reject).await, serde_json::json!("rgb(201, 48, 44)"));
    click(e, &tid(&format!("review-approve-{dev}-1.0.1"))).await;
    wait_gone(e, &tid(&format!("review-item-{dev}-1.0.1"))).await;
    // Its toast sits in the menu's column, over none of the page's buttons (QA: it hid the
    // next card's 审核失败, and the pager).
    let toast =
        e.c.execute(
            "const t = document.querySelector('.toast'); \
             const r = t && t.getBoundingClientRect(); \
             const m = document.querySelector('.sidenav').getBoundingClientRect(); \
             return r ? [r.left >= m.left, r.right <= m.right] : null;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        toast,
        serde_json::json!([true, true]),
        "the toast in the menu's column"
    );

    // 发布
    reload(e).await;
    nav(e, "/dev").await;
    nav(e, "/dev/versions").await;
    wait_text(e, &tid("version-status-1.0.1"), "审核通过").await;
    click(e, &tid("release-1.0.1")).await;
    wait_text(e, &tid("version-status-1.0.1"), "已发布").await;

    // Consumer (个人 may use plugins): search finds it, 申请使用
    reload(e).await;
    act_as(e, "张三的记账本").await;
    nav(e, "/consumer").await;
    nav(e, "/consumer/add").await;
    type_in(e, &tid("consumer-search"), "美食").await;
    click(e, &format!("{} a", tid(&format!("search-hit-{dev}")))).await;
    wait_css(&e.c, &tid("plugin-info")).await;
    // Back returns to the same search, with its query (QA: it came back empty), Forward to the plugin.
    e.c.back().await.unwrap();
    wait_js(
        &e.c,
        "(document.querySelector('[data-testid=consumer-search]') || {}).value === '美食' && location.search.includes('q=')",
        "Back shows the search with its query",
        T,
    )
    .await;
    e.c.forward().await.unwrap();
    wait_css(&e.c, &tid("plugin-info")).await;
    // The side menu's 添加插件 while on the search: a bare URL and an empty box, not the old
    // query under a bare URL (QA).
    e.c.back().await.unwrap();
    wait_js(
        &e.c,
        "(document.querySelector('[data-testid=consumer-search]') || {}).value === '美食'",
        "Back to the search again",
        T,
    )
    .await;
    click(e, "nav.sidenav a[href='/consumer/add']").await;
    wait_js(
        &e.c,
        "(document.querySelector('[data-testid=consumer-search]') || {}).value === '' && location.search === ''",
        "the side menu's 添加插件 starts a new search",
        T,
    )
    .await;
    type_in(e, &tid("consumer-search"), "美食").await;
    click(e, &format!("{} a", tid(&format!("search-hit-{dev}")))).await;
    wait_css(&e.c, &tid("plugin-info")).await;
    let name = wait_css(&e.c, &tid("plugin-name"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        name.contains("<b>美食</b>推荐"),
        "plugin name rendered as text: {name}"
    );
    type_in(
        e,
        &tid("apply-reason"),
        &format!("记账时推荐餐厅 {XSS_SCRIPT}"),
    )
    .await;
    click(e, &tid("apply-submit")).await;
    wait_text(e, &tid("application-status"), "待确认").await;
    // Reasons as written here too, and a date on one line in 申请管理 (QA).
    let kept =
        e.c.execute(
            "return ['application-extra', 'applied-line'].map(t =>\
             getComputedStyle(document.querySelector(`[data-testid=${t}]`)).whiteSpace);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(kept, serde_json::json!(["pre-wrap", "pre-wrap"]));

    // Developer 通过
    reload(e).await;
    act_as(e, "美食点评").await;
    e.open("/dev/applications").await;
    wait_css(
        &e.c,
        "[data-testid=applications-pending] [data-testid^=app-row-] td:nth-child(3)",
    )
    .await;
    let nowrap = e
        .c
        .execute(
            "return getComputedStyle(document.querySelector(\
             '[data-testid=applications-pending] [data-testid^=app-row-] td:nth-child(3)')).whiteSpace;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(nowrap, serde_json::json!("nowrap"), "申请时间 on one line");
    let approve = wait_css(
        &e.c,
        &format!(
            "{} [data-testid^=app-approve-]",
            tid("applications-pending")
        ),
    )
    .await;
    click_el(e, &approve, "approve").await;
    wait_text(e, &tid("applications-history"), "已通过").await;

    // Consumer gets the app.json fragment naming the online version and the provider
    reload(e).await;
    act_as(e, "张三的记账本").await;
    e.open(&format!("/consumer/plugins/{dev}")).await;
    wait_text(e, &tid("application-status"), "已通过").await;
    wait_css(&e.c, &tid("use-version"))
        .await
        .select_by_label("1.0.1")
        .await
        .unwrap();
    type_in(e, &tid("use-alias"), "food").await;
    click(e, &tid("use-save")).await;
    wait_text(
        e,
        &tid("appjson-snippet"),
        &format!("\"provider\": \"{dev}\""),
    )
    .await;
    wait_text(e, &tid("appjson-snippet"), "\"version\": \"1.0.1\"").await;

    // A javascript: URL typed as an alias is refused as text, never becomes a link.
    type_in(e, &tid("use-alias"), XSS_URL).await;
    click(e, &tid("use-save")).await;
    wait_css(&e.c, &tid("use-alias-error")).await;

    // Deep-link reload of the plugin info page, then back/forward.
    reload(e).await;
    wait_text(e, &tid("plugin-name"), "推荐").await;
    // In-app navigation (the router's history), not two page loads.
    nav(e, "/consumer").await;
    e.c.back().await.unwrap();
    wait_js(&e.c, &format!("location.pathname === '/consumer/plugins/{dev}' && document.querySelector('[data-testid=plugin-name]')"), "back to the info page", T).await;
    e.c.forward().await.unwrap();
    wait_js(&e.c, "location.pathname === '/consumer' && document.querySelector('[data-testid=consumer-my-plugins]')", "forward to 插件管理", T).await;

    assert_no_injection(e).await;
    e.assert_no_errors("lifecycle").await;
    println!("e2e lifecycle: open → dev info → upload → 审核失败 → fix → 审核通过 → 发布 → search → 申请使用 → 通过 → app.json, with reloads between roles");
}

async fn upload(e: &Env, version: &str, desc: &str) {
    click(e, &tid("upload-open")).await;
    wait_css(&e.c, &tid("upload-dialog")).await;
    type_in(e, &tid("upload-version"), version).await;
    type_in(e, &tid("upload-desc"), desc).await;
    wait_css(&e.c, &tid("upload-manifest-ok")).await;
    click(e, &tid("upload-submit")).await;
    wait_text(e, &tid(&format!("version-status-{version}")), "开发版本").await;
}

/// The page is no wider than the window: no long user text pushes the actions off screen.
async fn assert_fits_the_window(e: &Env, at: &str) {
    let v =
        e.c.execute(
            "return [document.documentElement.scrollWidth, window.innerWidth];",
            vec![],
        )
        .await
        .unwrap();
    let (page, window) = (v[0].as_u64().unwrap(), v[1].as_u64().unwrap());
    assert!(
        page <= window,
        "{at}: the page is {page} px wide in a {window} px window"
    );
}

/// No payload ran, and no element came from user text.
async fn assert_no_injection(e: &Env) {
    let v = e
        .c
        .execute(
            "return [localStorage.getItem('xss'), document.querySelectorAll('img[src=x], main script').length \
             + [...document.querySelectorAll('b')].filter(b => ['美食', '美'].includes(b.textContent)).length];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        v,
        serde_json::json!([null, 0]),
        "an XSS payload executed or injected elements"
    );
    let stored =
        e.c.execute(
            "return localStorage.getItem('plugin-lifecycle/workspace') || '';",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        stored.as_str().is_some_and(|s| !s.is_empty()),
        "workspace persisted"
    );
}

pub async fn refusals(e: &Env) {
    e.clear_storage().await;
    e.open("/").await;
    // 个人 cannot open plugin capability.
    act_as(e, "张三的记账本").await;
    e.open("/dev/open").await;
    wait_text(e, &tid("dev-open-refused"), "个人").await;
    assert!(
        e.c.find(Locator::Css(&tid("dev-open-form"))).await.is_err(),
        "no form for 个人"
    );

    // 医疗 is offered to a 医疗类 account (the lifecycle showed it is not to 美食点评).
    act_as(e, "好大夫在线").await;
    nav(e, "/dev").await;
    nav(e, "/dev/versions").await;
    upload(e, "1.0.1", "修复问诊页").await;
    click(e, &tid("submit-review-1.0.1")).await;
    let options = wait_css(&e.c, &tid("review-category"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        options.contains("医疗"),
        "医疗 offered to a 医疗类 account: {options}"
    );
    act_as(e, "张三的记账本").await;

    // Unreleased plugin (开发版 only) is not found by search.
    e.open("/consumer/add").await;
    type_in(e, &tid("consumer-search"), "代码高亮").await;
    wait_css(&e.c, &tid("search-empty")).await;

    // An application left 24 h becomes 已超时 and can no longer be approved.
    let gov = act_as(e, "深圳市政务服务").await;
    act_as(e, "张三的记账本").await;
    e.open(&format!("/consumer/plugins/{gov}")).await;
    click(e, &tid("apply-submit")).await;
    wait_text(e, &tid("application-status"), "待确认").await;
    act_as(e, "深圳市政务服务").await;
    e.open("/dev/applications").await;
    // The approve button of 张三's pending application.
    let id = wait_js(
        &e.c,
        "(() => { const row = [...document.querySelectorAll('[data-testid=applications-pending] [data-testid^=app-row-]')].find(r => r.textContent.includes('张三的记账本')); const b = row && row.querySelector('[data-testid^=app-approve-]'); return b && b.getAttribute('data-testid'); })()",
        "张三's pending application",
        T,
    )
    .await
    .as_str()
    .unwrap()
    .to_string();
    click(e, &tid("clock-plus-24h")).await;
    wait_gone(e, &tid(&id)).await;
    wait_text(e, &tid("applications-history"), "已超时").await;
    reload(e).await;
    wait_text(e, &tid("applications-history"), "已超时").await;
    assert!(
        e.c.find(Locator::Css(&tid(&id))).await.is_err(),
        "已超时 cannot be approved"
    );
    click(e, &tid("clock-reset")).await;
    e.assert_no_errors("refusals").await;
    println!("e2e refusals: 个人 refused, 医疗 offered only to a 医疗类 account, unreleased not found, 24 h → 已超时 not approvable");
}

/// The remaining free-text fields: a new account's name and a pasted app.json (its keys come back in
/// problem paths). Both must come back as text.
pub async fn xss_in_other_fields(e: &Env) {
    e.clear_storage().await;
    e.open("/dev/accounts/new").await;
    let payload = "<img src=x onerror=alert(1)>";
    type_in(e, &tid("new-account-name"), payload).await;
    wait_css(&e.c, &tid("new-account-primary"))
        .await
        .select_by_label("餐饮")
        .await
        .unwrap();
    type_in(e, &tid("new-account-secondary"), "菜谱").await;
    click(e, &tid("new-account-add-category")).await;
    // A second category whose 二级类目 is markup (≤ 20 chars, as the domain allows).
    type_in(e, &tid("new-account-secondary"), "<img src=x>菜谱").await;
    click(e, &tid("new-account-add-category")).await;
    wait_text(e, &tid("new-account-categories"), "<img src=x>菜谱").await;
    assert_no_injection(e).await;
    click(e, &tid("new-account-submit")).await;
    wait_js(
        &e.c,
        "location.pathname === '/dev'",
        "new account created",
        T,
    )
    .await;
    wait_text(e, &tid("account-select"), payload).await;
    assert_no_injection(e).await;

    // A developer's 拒绝 reason (大麦票务 refuses 张三的记账本's waiting application).
    act_as(e, "大麦票务").await;
    nav(e, "/dev/applications").await;
    click(
        e,
        &format!(
            "{} button[data-testid^=app-reject-]",
            tid("applications-pending")
        ),
    )
    .await;
    type_in(
        e,
        "textarea[data-testid^=app-reject-reason-]",
        &format!("场景不符 {XSS_IMG}"),
    )
    .await;
    click(e, "button[data-testid^=app-reject-confirm-]").await;
    wait_text(e, &tid("applications-history"), "场景不符 <img").await;
    assert_no_injection(e).await;

    e.open("/consumer/checker").await;
    let app_json = format!(
        r#"{{"plugins": {{"{XSS_URL}": {{"version": "1.0.0", "provider": "{payload}"}}}}}}"#
    );
    type_in(e, &tid("checker-input"), &app_json).await;
    wait_text(e, &tid("checker-problems"), payload).await;
    assert_no_injection(e).await;
    e.assert_no_errors("xss").await;
    println!("e2e xss: payloads in names, 简介, descriptions, tags, reasons, alias and app.json stay text");
}
