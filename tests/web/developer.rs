//! 插件开发者 console (`/dev`): every step of 插件开发流程, happy paths and refusals.
use super::review::{at, now, At};
use super::shell::{
    active_id, active_testid, attr, choose_file, click, focus, fresh, js_event, keydown, press,
    text, wait_until,
};
use leptos::task::tick;
use plugin_lifecycle::domain::{
    demo_workspace, Actor, AppId, ApplicationStatus, Category, Command, Semver, SubjectType,
    Timestamp, VersionStatus, Workspace,
};
use plugin_lifecycle::store::session::Session;
use plugin_lifecycle::store::Persistence;
use plugin_lifecycle::ui::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

/// The demo workspace the app will load (AppIDs and application ids are deterministic).
fn demo() -> Workspace {
    demo_workspace(now())
}

fn account_id(ws: &Workspace, name: &str) -> AppId {
    ws.accounts()
        .iter()
        .find(|a| a.name == name)
        .unwrap_or_else(|| panic!("no demo account {name}"))
        .app_id
        .clone()
}

/// Clean storage, act as `account`, open `path`, mount the app.
async fn start(account: &str, path: &str) -> (web_sys::HtmlElement, impl Drop, At, Workspace) {
    let root = fresh();
    let ws = demo();
    let id = account_id(&ws, account);
    Session {
        account: Some(id),
        ..Session::default()
    }
    .save();
    let at = at(path);
    let handle = crate::shell::mount(&root, App);
    tick().await;
    (root, handle, at, ws)
}

/// Clean storage holding `ws`, act as `account`, open `path`, mount the app.
async fn start_with(
    ws: &Workspace,
    account: &AppId,
    path: &str,
) -> (web_sys::HtmlElement, impl Drop, At) {
    let root = fresh();
    Persistence::browser().save(ws).unwrap();
    Session {
        account: Some(account.clone()),
        ..Session::default()
    }
    .save();
    let back = at(path);
    let handle = crate::shell::mount(&root, App);
    tick().await;
    (root, handle, back)
}

/// The id of `me`'s first application still pending at `now`.
fn first_pending(ws: &Workspace, me: &AppId, now: Timestamp) -> u64 {
    first_with_status(ws, me, now, ApplicationStatus::Pending)
}

/// The id of `me`'s first application whose status at `now` is `status`.
fn first_with_status(ws: &Workspace, me: &AppId, now: Timestamp, status: ApplicationStatus) -> u64 {
    ws.applications_for_plugin(me)
        .iter()
        .find(|a| a.status_at(now) == status)
        .unwrap_or_else(|| panic!("{me} has an application {}", status.en()))
        .id
        .0
}

/// A textarea's (or an input's) current value.
fn value(root: &web_sys::HtmlElement, css: &str) -> String {
    let el = el(root, css).unwrap_or_else(|| panic!("no element {css}"));
    js_sys::Reflect::get(&el, &"value".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

fn el(root: &web_sys::HtmlElement, css: &str) -> Option<web_sys::Element> {
    root.query_selector(css).unwrap()
}

/// Sets an input's/textarea's value and fires `input`.
fn type_into(root: &web_sys::HtmlElement, css: &str, value: &str) {
    let e = el(root, css).unwrap_or_else(|| panic!("no element {css}"));
    if let Some(i) = e.dyn_ref::<web_sys::HtmlInputElement>() {
        i.set_value(value);
    } else if let Some(t) = e.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        t.set_value(value);
    } else {
        panic!("{css} is not a text field");
    }
    e.dispatch_event(&js_event(
        "Event",
        "input",
        &[("bubbles", true.into()), ("cancelable", true.into())],
    ))
    .unwrap();
}

/// How many elements match `css` under `root`.
fn count(root: &web_sys::HtmlElement, css: &str) -> u32 {
    use js_sys::Reflect;
    let f: js_sys::Function = Reflect::get(root, &"querySelectorAll".into())
        .unwrap()
        .unchecked_into();
    let list = f.call1(root, &css.into()).unwrap();
    Reflect::get(&list, &"length".into())
        .unwrap()
        .as_f64()
        .unwrap() as u32
}

/// Polls (bounded) until `css` exists.
async fn wait_for(root: &web_sys::HtmlElement, css: &str) {
    super::review::wait_for(root, css).await;
}

/// Opens the 上传 dialog of 开发管理 (once its button is there) and waits for it.
async fn open_upload(root: &web_sys::HtmlElement) {
    wait_for(root, "[data-testid=upload-open]").await;
    click(root, "[data-testid=upload-open]");
    wait_for(root, "[data-testid=upload-dialog]").await;
}

fn stored() -> String {
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item("plugin-lifecycle/workspace")
        .unwrap()
        .unwrap_or_default()
}

fn disabled(root: &web_sys::HtmlElement, css: &str) -> bool {
    el(root, css)
        .unwrap_or_else(|| panic!("no element {css}"))
        .has_attribute("disabled")
}

#[wasm_bindgen_test]
async fn dev_individual_account_is_refused_plugin_capability() {
    let (root, _h, _b, _) = start("张三的记账本", "/dev/open").await;
    wait_for(&root, "[data-testid=dev-open-refused]").await;
    let why = text(&root, "[data-testid=dev-open-refused]");
    assert!(why.contains("个人"), "refusal names 个人: {why}");
    // Said once, as a warning, as /dev says it (QA: small grey text, then its scope again).
    assert_eq!(why.matches("开放范围").count(), 1, "{why}");
    assert!(el(&root, "[data-testid=dev-open-refused] .banner-warn").is_some());
    assert!(
        el(&root, "[data-testid=dev-open-form]").is_none(),
        "no form for 个人"
    );
}

/// A page that needs a plugin tells a 个人 account why it has none, without a link to a form it
/// cannot use (QA: it said 尚未开通 and linked to 开通插件功能).
#[wasm_bindgen_test]
async fn dev_pages_tell_an_individual_account_why_it_has_no_plugin() {
    let (root, _h, _b, _) = start("张三的记账本", "/dev/versions").await;
    wait_for(&root, "[data-testid=dev-needs-plugin]").await;
    let why = text(&root, "[data-testid=dev-needs-plugin]");
    assert!(why.contains("个人") && !why.contains("尚未开通"), "{why}");
    assert!(el(&root, "[data-testid=dev-needs-plugin] a[href='/dev/open']").is_none());
    // Not a dead end: what it can do instead (QA).
    assert!(el(
        &root,
        "[data-testid=dev-needs-plugin-use][href='/consumer/add']"
    )
    .is_some());
}

#[wasm_bindgen_test]
async fn dev_home_and_open_pages_show_an_individual_account_what_it_can_do() {
    // QA: the two pages it lands on first had only the refusal.
    for (path, shows) in [
        ("/dev", "[data-testid=dev-open-why]"),
        ("/dev/open", "[data-testid=dev-open-refused]"),
    ] {
        let (root, h, b, _) = start("张三的记账本", path).await;
        wait_for(&root, shows).await;
        let link = "[data-testid=dev-needs-plugin-use][href='/consumer/add']";
        assert!(el(&root, link).is_some(), "{path}");
        if path == "/dev" {
            // As the start page says it (QA: 未开通 read as "not yet").
            assert_eq!(text(&root, "[data-testid=dev-open-badge]"), "不可开通");
        }
        drop(h);
        drop(b);
    }
}

/// 下线 of the last online version that mini programs use: their plugin code stops, with no
/// version to switch to (learner QA: "they will need to switch versions"). An account without a
/// plugin is told these pages are its own plugin's (learner QA: acting as the consumer,
/// 申请管理 led only to opening a second plugin).
#[wasm_bindgen_test]
async fn dev_offline_of_the_last_version_in_use_says_the_code_stops() {
    let (root, _h, _at, _) = start("顺丰速运", "/dev/versions").await;
    wait_for(&root, "[data-testid=offline-1\\.0\\.0]").await;
    click(&root, "[data-testid=offline-1\\.0\\.0]");
    tick().await;
    assert!(!text(&root, "[data-testid=offline-impact]").contains("停用"));
    click(&root, "[data-testid=offline-confirm]");
    tick().await;
    click(&root, "[data-testid=offline-1\\.1\\.0]");
    tick().await;
    let impact = text(&root, "[data-testid=offline-impact]");
    assert!(
        impact.contains("插件代码将停用，发布新版本前没有可更换的版本")
            && impact.contains("最后一个线上版本")
            && !impact.contains("需要更换版本"),
        "{impact}"
    );
    click(&root, "[data-testid=offline-cancel]");
    drop(_h);
    let (root, _h, _at, _) = start("美食点评", "/dev/applications").await;
    wait_for(&root, "[data-testid=dev-needs-plugin-other]").await;
    assert!(text(&root, "[data-testid=dev-needs-plugin-other]")
        .contains("请在页头选择该插件所属的小程序帐号"));
}

#[wasm_bindgen_test]
async fn dev_open_plugin_shows_field_error_then_opens() {
    let (root, _h, _b, _) = start("美食点评", "/dev/open").await;
    wait_for(&root, "[data-testid=dev-open-form]").await;
    // The window title says what the page does, as its heading (it said 插件基本信息).
    let title = || web_sys::window().unwrap().document().unwrap().title();
    wait_until("the title names 开通插件功能", || {
        title() == "开通插件功能 · 插件开发者 · 小程序插件"
    })
    .await;
    // So does its menu entry until the plugin is opened (spec audit: the step was not there).
    let entry = "nav.sidenav a[href='/dev/open']";
    assert_eq!(text(&root, entry), "开通插件功能");
    assert!(text(&root, "#dev-name-hint").contains("开通后不可修改（本应用约定）"));
    // Every limit the guide does not set is marked as ours (QA: the 64 KB was not).
    assert!(text(&root, "#icon-hint").contains("64 KB（本应用约定）"));
    assert_eq!(
        text(&root, "#dev-intro-hint"),
        "必填，最多 120 个字符（本应用约定）。"
    );
    assert_eq!(
        attr(&root, "[data-testid=dev-intro]", "aria-describedby").as_deref(),
        Some("dev-intro-hint dev-intro-count")
    );
    // Refusal: a one-character name, and a 简介 too long: both said at once (QA: one at a
    // time), focus on the first.
    type_into(&root, "[data-testid=dev-name]", "美");
    type_into(&root, "[data-testid=dev-intro]", &"简".repeat(121));
    super::shell::press(&root, "[data-testid=dev-open-submit]");
    tick().await;
    assert!(text(&root, "[data-testid=field-error-name]").contains("2–20"));
    assert!(text(&root, "[data-testid=field-error-intro]").contains("120"));
    wait_until("focus on the name", || {
        active_id().as_deref() == Some("dev-name")
    })
    .await;
    type_into(&root, "[data-testid=dev-intro]", "帮你找到附近好吃的餐厅");
    tick().await;
    assert_eq!(
        text(&root, "[data-testid=dev-intro-count]").trim(),
        "11 / 120"
    );
    click(&root, "[data-testid=dev-open-submit]");
    tick().await;
    assert!(
        text(&root, "[data-testid=field-error-name]").contains("2–20"),
        "name error next to the field"
    );
    assert_eq!(
        attr(&root, "[data-testid=dev-name]", "aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(
        attr(&root, "[data-testid=dev-name]", "aria-describedby").as_deref(),
        Some("err-name dev-name-hint")
    );
    // Input kept.
    let intro = el(&root, "[data-testid=dev-intro]")
        .unwrap()
        .unchecked_into::<web_sys::HtmlTextAreaElement>()
        .value();
    assert_eq!(intro, "帮你找到附近好吃的餐厅");
    // A name with a character nobody sees is refused next to the name (QA: it made a second
    // plugin whose name looked the same as one taken).
    type_into(&root, "[data-testid=dev-name]", "美食推荐助手\u{200B}");
    click(&root, "[data-testid=dev-open-submit]");
    tick().await;
    assert!(
        text(&root, "[data-testid=field-error-name]").contains("U+200B"),
        "{}",
        text(&root, "[data-testid=field-error-name]")
    );
    // Happy path.
    type_into(&root, "[data-testid=dev-name]", "美食推荐助手");
    click(&root, "[data-testid=dev-icon-food]");
    click(&root, "[data-testid=dev-open-submit]");
    wait_for(&root, "[data-testid=dev-plugin-name]").await;
    assert_eq!(text(&root, "[data-testid=dev-plugin-name]"), "美食推荐助手");
    // Naming the plugin, as the other toasts do (QA).
    assert_eq!(
        text(&root, "[data-testid=toast-region]"),
        "已开通插件功能：「美食推荐助手」"
    );
    assert!(text(&root, "[data-testid=dev-next]").contains("填写开发信息"));
    click(&root, "nav.sidenav a[href='/dev/open']");
    wait_for(&root, "[data-testid=dev-edit-form]").await;
    wait_until("the title names 插件基本信息 once", || {
        title() == "插件基本信息 · 插件开发者 · 小程序插件"
    })
    .await;
    assert_eq!(text(&root, entry), "插件基本信息");
    let json = stored();
    assert!(
        json.contains("美食推荐助手") && json.contains("帮你找到附近好吃的餐厅"),
        "stored"
    );
}

/// A 1×1 transparent PNG.
const PNG_1X1: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];

fn preview_src(root: &web_sys::HtmlElement) -> Option<String> {
    el(root, "[data-testid=dev-icon-preview] img").and_then(|i| i.get_attribute("src"))
}

/// Clears the icon error by choosing the built-in icon `builtin` (not the current one), then
/// chooses a file the picker must refuse at once: no preview; returns the error's text.
async fn refused_icon(
    root: &web_sys::HtmlElement,
    builtin: &str,
    name: &str,
    mime: &str,
    bytes: &[u8],
) -> String {
    click(root, &format!("[data-testid=dev-icon-{builtin}]"));
    tick().await;
    assert!(el(root, "[data-testid=field-error-icon]").is_none());
    choose_file(root, "[data-testid=dev-icon-upload]", name, mime, bytes);
    wait_for(root, "[data-testid=field-error-icon]").await;
    assert_eq!(preview_src(root), None, "{name} is not previewed");
    text(root, "[data-testid=field-error-icon]")
}

#[wasm_bindgen_test]
async fn dev_open_with_uploaded_icon_refuses_too_big_image_then_opens() {
    let (root, _h, _b, _) = start("美食点评", "/dev/open").await;
    wait_for(&root, "[data-testid=dev-open-form]").await;
    type_into(&root, "[data-testid=dev-name]", "美食图标助手");
    type_into(&root, "[data-testid=dev-intro]", "带图标的美食插件");
    // Each refused as soon as it is chosen, not previewed as if it were the icon.
    // Too big: 65 KB of image (the limit is 64 KB of image, not of data URL).
    let mut big = PNG_1X1.to_vec();
    big.resize(65 * 1024, 0);
    let why = refused_icon(&root, "food", "big.png", "image/png", &big).await;
    assert!(
        why.contains("64 KB") && why.contains("65.0 KB"),
        "icon error names the limit and the image's size: {why}"
    );
    // Not an image.
    let why = refused_icon(&root, "tool", "notes.txt", "text/plain", b"not an image").await;
    assert!(why.contains("必须是图片文件"), "{why}");
    // A text file renamed .png: the browser reads it as image/png, its bytes say otherwise (QA).
    refused_icon(&root, "food", "notes.png", "image/png", b"not an image").await;
    // An image's first bytes, then garbage: the browser cannot show it, so it is refused too.
    let broken = b"GIF89a this is not the rest of a GIF";
    refused_icon(&root, "tool", "broken.gif", "image/gif", broken).await;
    // A small PNG: previewed as an image, accepted, stored as a data URL.
    choose_file(
        &root,
        "[data-testid=dev-icon-upload]",
        "icon.png",
        "image/png",
        PNG_1X1,
    );
    wait_until("the small image is previewed", || {
        preview_src(&root)
            .is_some_and(|s| s.starts_with("data:image/png;base64,iVBORw0KGgo") && s.len() < 200)
    })
    .await;
    assert!(el(&root, "[data-testid=field-error-icon]").is_none());
    assert!(el(&root, "[data-testid=dev-icon-kept]").is_none());
    // A refused file after it: the small image stays as the icon, and 开通 does not go through
    // with it while the refusal shows (QA); focus goes to the file input.
    choose_file(
        &root,
        "[data-testid=dev-icon-upload]",
        "big.png",
        "image/png",
        &big,
    );
    wait_for(&root, "[data-testid=field-error-icon]").await;
    assert!(preview_src(&root).is_some_and(|s| s.starts_with("data:image/png")));
    assert!(text(&root, "[data-testid=dev-icon-kept]").contains("图标未更改"));
    // With a 简介 too long as well: both said (QA: the 简介's only once the icon was fixed).
    type_into(&root, "[data-testid=dev-intro]", &"简".repeat(121));
    super::shell::press(&root, "[data-testid=dev-open-submit]");
    tick().await;
    assert!(
        el(&root, "[data-testid=dev-open-form]").is_some(),
        "not opened"
    );
    assert!(text(&root, "[data-testid=field-error-intro]").contains("120"));
    assert!(!stored().contains("美食图标助手"));
    wait_until("focus on the icon's file input, the first refused", || {
        active_id().as_deref() == Some("icon-upload")
    })
    .await;
    type_into(&root, "[data-testid=dev-intro]", "带图标的美食插件");
    assert_eq!(
        attr(&root, "#icon-upload", "aria-describedby").as_deref(),
        Some("err-icon icon-hint"),
        "the focused input reads the refusal"
    );
    // Keeping the icon shown is a choice too; focus goes to the file input beside the button
    // that goes (QA: to <body>).
    super::shell::press(&root, "[data-testid=dev-icon-keep]");
    tick().await;
    assert!(el(&root, "[data-testid=field-error-icon]").is_none());
    assert_eq!(active_id().as_deref(), Some("icon-upload"));
    assert!(preview_src(&root).is_some_and(|s| s.starts_with("data:image/png")));
    click(&root, "[data-testid=dev-open-submit]");
    wait_for(&root, "[data-testid=dev-plugin-name]").await;
    assert_eq!(text(&root, "[data-testid=dev-plugin-name]"), "美食图标助手");
    let json = stored();
    assert!(
        json.contains("data:image/png;base64,iVBORw0KGgo"),
        "icon stored"
    );
}

#[wasm_bindgen_test]
async fn dev_home_puts_pending_applications_first() {
    let (root, _h, _b, ws) = start("顺丰速运", "/dev").await;
    wait_for(&root, "[data-testid=dev-next]").await;
    let me = account_id(&ws, "顺丰速运");
    let now = now();
    let pending = ws
        .applications_for_plugin(&me)
        .iter()
        .filter(|a| a.status_at(now) == ApplicationStatus::Pending)
        .count();
    assert!(pending > 0, "the demo has 待确认 applications for 顺丰速运");
    assert!(
        text(&root, "[data-testid=dev-next]").contains("处理使用申请"),
        "{}",
        text(&root, "[data-testid=dev-next]")
    );
    // Released: what that means for consumers (QA: only the next step was said).
    assert!(ws.plugin(&me).unwrap().has_online_version());
    assert_eq!(
        text(&root, "[data-testid=dev-released-note]"),
        "插件已发布：小程序开发者可以搜索到它并申请使用。"
    );
    assert!(el(&root, "[data-testid=dev-offline-note]").is_none());
}

#[wasm_bindgen_test]
async fn dev_info_bad_token_and_domain_shown_next_to_fields() {
    let (root, _h, _b, _) = start("顺丰速运", "/dev/devinfo").await;
    wait_for(&root, "[data-testid=devinfo-form]").await;
    type_into(&root, "[data-testid=devinfo-token]", "a!");
    type_into(
        &root,
        "[data-testid=devinfo-request]",
        "https://api.sf-express.com\nhttp://10.0.0.1:8080/x\nhttps://-x.com",
    );
    // Saved from the keyboard: the button has focus.
    root.query_selector("[data-testid=devinfo-save]")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>()
        .focus()
        .unwrap();
    click(&root, "[data-testid=devinfo-save]");
    tick().await;
    assert!(
        el(&root, "[data-testid=field-error-token]").is_some(),
        "token error"
    );
    // Focus goes to the first field refused, as in every form (QA: it stayed on 保存), and the
    // message names the entry's fault: the scheme, first.
    wait_until("focus on the request domains", || {
        active_testid().as_deref() == Some("devinfo-request")
    })
    .await;
    let said = text(&root, "[data-testid=field-error-request_domains]");
    // Each entry refused, a line each (QA: one a save).
    let lines: Vec<&str> = said.lines().collect();
    assert_eq!(lines.len(), 2, "{said}");
    assert!(lines[0].ends_with("须以 https:// 开头"), "{said}");
    assert!(
        lines[1].contains("「https://-x.com」不是有效的域名"),
        "{said}"
    );
    // The Token's refusal names what is wrong with it (QA: no length, no character).
    assert_eq!(
        text(&root, "[data-testid=field-error-token]"),
        "Token 须为 3–32 位英文字母或数字，不能含「!」"
    );
    assert_eq!(
        attr(&root, "[data-testid=devinfo-token]", "aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(
        attr(&root, "[data-testid=devinfo-token]", "aria-describedby").as_deref(),
        Some("err-token hint-token")
    );
    assert!(
        text(&root, "[data-testid=field-error-request_domains]").contains("http://10.0.0.1:8080/x")
    );
    assert!(
        el(&root, "[data-testid=field-error-socket_domains]").is_none(),
        "valid list has no error"
    );
    assert!(!stored().contains("a!"), "nothing saved");
    // Fix both: errors clear as you type, then save.
    type_into(&root, "[data-testid=devinfo-token]", "NewToken42");
    type_into(
        &root,
        "[data-testid=devinfo-request]",
        "https://api.sf-express.com\nhttps://api2.sf-express.com",
    );
    tick().await;
    assert!(el(&root, "[data-testid=field-error-token]").is_none());
    click(&root, "[data-testid=devinfo-save]");
    tick().await;
    let json = stored();
    assert!(
        json.contains("NewToken42") && json.contains("https://api2.sf-express.com"),
        "saved"
    );
    // Refused next: the 已保存 toast goes (QA: it stood next to the refusal).
    assert!(el(&root, ".toast").is_some());
    // A trailing slash is taken away (QA), a path is not.
    type_into(&root, "[data-testid=devinfo-request]", "https://a.com/x/");
    click(&root, "[data-testid=devinfo-save]");
    tick().await;
    assert!(text(&root, "[data-testid=field-error-request_domains]").contains("不能带路径"));
    assert!(el(&root, ".toast").is_none());
}

#[wasm_bindgen_test]
async fn dev_info_without_any_domain_is_refused_next_to_the_domains() {
    let (root, _h, _b, _) = start("顺丰速运", "/dev/devinfo").await;
    wait_for(&root, "[data-testid=devinfo-form]").await;
    for list in ["request", "socket", "uploadFile", "downloadFile"] {
        type_into(&root, &format!("[data-testid=devinfo-{list}]"), "");
    }
    type_into(&root, "[data-testid=devinfo-token]", "");
    super::shell::press(&root, "[data-testid=devinfo-save]");
    tick().await;
    let err = text(&root, "[data-testid=field-error-server_domains]");
    assert!(err.contains("至少填写一个服务器域名"), "{err}");
    // Focus goes to the first list, which reads the message, before the Token also refused (QA:
    // it stayed on 保存, or went to the Token past the domains).
    wait_until("focus on the request list", || {
        active_id().as_deref() == Some("devinfo-request")
    })
    .await;
    assert_eq!(
        attr(&root, "[data-testid=devinfo-request]", "aria-describedby").as_deref(),
        Some("err-server_domains")
    );
    assert_eq!(
        attr(&root, "[data-testid=devinfo-request]", "aria-invalid").as_deref(),
        Some("true")
    );
    type_into(&root, "[data-testid=devinfo-token]", "OnlyToken9");
    click(&root, "[data-testid=devinfo-save]");
    tick().await;
    assert!(
        el(&root, "[data-testid=form-error]").is_none(),
        "shown once, by the domain lists"
    );
    assert!(el(&root, "[data-testid=field-error-token]").is_none());
    assert_eq!(
        attr(
            &root,
            "[aria-labelledby=devinfo-domains]",
            "aria-describedby"
        )
        .as_deref(),
        Some("err-server_domains hint-domains")
    );
    assert!(!stored().contains("OnlyToken9"), "nothing saved");
    // One domain in any list is enough: the error clears as you type, then it saves.
    type_into(
        &root,
        "[data-testid=devinfo-downloadFile]",
        "https://cdn.sf-express.com",
    );
    tick().await;
    assert!(el(&root, "[data-testid=field-error-server_domains]").is_none());
    click(&root, "[data-testid=devinfo-save]");
    tick().await;
    assert!(stored().contains("OnlyToken9"), "saved");
}

/// Another tab uploads the version the open dialog suggests: the dialog suggests the next one,
/// and its untouched `plugin.json` starts from that upload's (QA: it kept suggesting the version
/// just uploaded, which 上传 would refuse); a version typed here stays.
#[wasm_bindgen_test]
async fn dev_upload_dialog_follows_another_tabs_upload() {
    let (root, _h, _b, ws) = start("顺丰速运", "/dev/versions").await;
    wait_for(&root, "[data-testid=upload-open]").await;
    let field = |css: &str| crate::shell::field_value(&root, css);
    let me = account_id(&ws, "顺丰速运");
    let other_tab_uploads = |version: String| {
        let manifest = format!(r#"{{"main": "from-{version}.js"}}"#);
        let cmd = Command::UploadVersion {
            plugin: me.clone(),
            version,
            description: String::new(),
            manifest,
        };
        let dev = Actor::Developer(me.clone());
        crate::shell::another_tab_saves(|other| other.execute(&dev, now(), cmd).unwrap());
        crate::shell::announce_storage_change();
    };
    // With the dialog closed: opened, it starts from that upload (code review: its old
    // plugin.json stayed, said as a draft of this tab's).
    other_tab_uploads("1.5.0".into());
    wait_for(&root, "[data-testid=version-row-1\\.5\\.0]").await;
    open_upload(&root).await;
    wait_until("a version suggested", || {
        field("[data-testid=upload-version]") == "1.5.1"
    })
    .await;
    assert!(field("[data-testid=upload-manifest]").contains("from-1.5.0.js"));
    assert!(el(&root, "[data-testid=draft-restored]").is_none());
    let suggested = field("[data-testid=upload-version]");
    other_tab_uploads(suggested.clone());
    wait_until("the next version suggested", || {
        let now = field("[data-testid=upload-version]");
        !now.is_empty() && now != suggested
    })
    .await;
    let next = field("[data-testid=upload-version]");
    assert!(
        Semver::parse(&next).unwrap() > Semver::parse(&suggested).unwrap(),
        "{suggested} → {next}"
    );
    assert!(field("[data-testid=upload-manifest]").contains(&format!("from-{suggested}.js")));
    // Said, under the field and aloud (re-check QA: changed without a word).
    let note = || text(&root, "[data-testid=upload-version-replaced]");
    let said = format!("另一个标签页上传了版本 {suggested}：版本号已改为 {next}");
    assert_eq!(note(), said);
    assert!(text(&root, "[data-testid=toast-region]").contains(&said));
    // Typed here: kept, and said when another tab's upload is as high.
    type_into(&root, "[data-testid=upload-version]", "7.0.0");
    tick().await;
    other_tab_uploads(next);
    crate::shell::after_queued_timers().await;
    assert_eq!(field("[data-testid=upload-version]"), "7.0.0");
    assert!(el(&root, "[data-testid=upload-version-replaced]").is_none());
    other_tab_uploads("7.0.0".into());
    wait_until("the typed version said not higher", || {
        el(&root, "[data-testid=upload-version-replaced]").is_some()
    })
    .await;
    assert_eq!(note(), "另一个标签页上传了版本 7.0.0：此处的版本号须高于它");
    assert_eq!(field("[data-testid=upload-version]"), "7.0.0");
}

#[wasm_bindgen_test]
async fn dev_upload_dialog_lists_manifest_problems_then_uploads() {
    let (root, h, _b, ws) = start("顺丰速运", "/dev/versions").await;
    wait_for(&root, "[data-testid=upload-open]").await;
    let hint = text(&root, "[data-testid=dev-no-trial]");
    assert!(hint.contains("插件暂不支持在体验版中体验"), "{hint}");
    assert!(
        hint.contains("可撤回") && hint.contains("可下线（本应用约定）"),
        "{hint}"
    );
    open_upload(&root).await;
    // A modal <dialog> (the page behind inert, named by its heading).
    let upload = el(&root, "[data-testid=upload-dialog]").unwrap();
    assert_eq!(upload.tag_name(), "DIALOG");
    assert!(upload.matches(":modal").unwrap());
    assert!(upload.get_attribute("aria-labelledby").is_some());
    let active = crate::shell::active().unwrap();
    assert_eq!(
        active.get_attribute("data-testid").as_deref(),
        Some("upload-version"),
        "focus on first field"
    );
    // A refused version: its refusal goes as soon as the version is edited (QA: it stayed).
    type_into(&root, "[data-testid=upload-version]", "1.0");
    click(&root, "[data-testid=upload-submit]");
    tick().await;
    assert!(text(&root, "[data-testid=field-error-version]").contains("1.0"));
    type_into(&root, "[data-testid=upload-version]", "1.3.0");
    tick().await;
    assert!(el(&root, "[data-testid=field-error-version]").is_none());
    // Invalid plugin.json: problems listed with their JSON path as you type.
    type_into(
        &root,
        "[data-testid=upload-manifest]",
        r#"{"publicComponents": {"card": "/abs/card"}, "pages": 3}"#,
    );
    tick().await;
    let problems = text(&root, "[data-testid=upload-manifest-problems]");
    assert!(problems.contains("publicComponents.card"), "{problems}");
    assert!(problems.contains("pages"), "{problems}");
    // Said once typing pauses, not at each keystroke (screen-reader QA: 55 announcements).
    assert!(el(&root, "#upload-manifest-status[aria-live]").is_none());
    assert_eq!(text(&root, "[data-testid=upload-manifest-said]"), "");
    wait_until("the problems said after the pause", || {
        let said = text(&root, "[data-testid=upload-manifest-said]");
        said.starts_with("publicComponents.card ") && said.contains("；pages ")
    })
    .await;
    // Our own limits are marked as ours.
    assert!(text(&root, "label[for=upload-desc]").contains("最多 200 字，本应用约定"));
    type_into(&root, "[data-testid=upload-version]", "1.3.0");
    type_into(&root, "[data-testid=upload-desc]", "新增国际快递");
    click(&root, "[data-testid=upload-submit]");
    tick().await;
    // Refused, and each problem is said once: in the live list, where focus goes (QA: the
    // refusal's summary repeated the list below it).
    assert!(el(&root, "[data-testid=version-row-1\\.3\\.0]").is_none());
    assert!(el(&root, "[data-testid=field-error-manifest]").is_none());
    assert_eq!(
        text(&root, "[data-testid=upload-manifest-problems]"),
        problems
    );
    wait_until("focus on the refused plugin.json", || {
        let doc = web_sys::window().unwrap().document().unwrap();
        doc.active_element().map(|e| e.id()).as_deref() == Some("upload-manifest")
    })
    .await;
    // Fixing the text takes the refusal away with the live problems: no "1 error" next to
    // "plugin.json is valid", no red outline left.
    type_into(
        &root,
        "[data-testid=upload-manifest]",
        r#"{"main": "index.js"}"#,
    );
    tick().await;
    assert!(el(&root, "[data-testid=upload-manifest-ok]").is_some());
    assert!(
        el(&root, "[data-testid=field-error-manifest]").is_none(),
        "the refusal of the old text is gone"
    );
    assert_eq!(
        attr(&root, "[data-testid=upload-manifest]", "aria-invalid"),
        None
    );
    // Esc closes; what was typed is still there when it opens again (QA: it was lost), even
    // after a reload: the tab keeps the draft.
    keydown(&root, "[data-testid=upload-version]", "Escape", false);
    tick().await;
    assert!(
        el(&root, "[data-testid=upload-dialog]").is_none(),
        "Esc closes"
    );
    let key = plugin_lifecycle::store::session::upload_draft_key(&account_id(&ws, "顺丰速运"));
    let tab = web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap();
    let kept = tab.get_item(&key).unwrap().unwrap_or_default();
    assert!(kept.contains("新增国际快递"), "{kept}");
    drop(h);
    let h = crate::shell::mount(&root, App);
    open_upload(&root).await;
    tick().await;
    // ... and says so (QA: a restored draft looked like a fresh one).
    assert!(text(&root, "[data-testid=draft-restored]").contains("上次未提交"));
    // Focus on the version, not on 清空 (an Enter there would drop the draft).
    assert_eq!(active_testid().as_deref(), Some("upload-version"));
    assert_eq!(value(&root, "[data-testid=upload-version]"), "1.3.0");
    assert_eq!(value(&root, "[data-testid=upload-desc]"), "新增国际快递");
    assert_eq!(
        value(&root, "[data-testid=upload-manifest]"),
        r#"{"main": "index.js"}"#
    );
    assert!(el(&root, "[data-testid=upload-manifest-ok]").is_some());
    click(&root, "[data-testid=upload-submit]");
    wait_for(&root, "[data-testid=version-row-1\\.3\\.0]").await;
    assert!(el(&root, "[data-testid=upload-dialog]").is_none());
    assert!(text(&root, "[data-testid=version-status-1\\.3\\.0]").contains("开发版本"));
    assert!(stored().contains("新增国际快递"));
    // Said with its version (keyboard QA: 已上传开发版本 alone).
    assert_eq!(
        el(&root, ".toast")
            .and_then(|t| t.text_content())
            .as_deref(),
        Some("快递查询助手 1.3.0 已上传")
    );
    // Focus on the new version's row, not on 上传 (QA: there a second Enter, or a held one,
    // opened the dialog again and the next uploaded the suggested version unasked).
    wait_until("focus on the new version's row", || {
        active_testid().as_deref() == Some("version-row-1.3.0")
    })
    .await;
    // An upload empties the draft: the next one starts from the next version and the
    // `plugin.json` just uploaded.
    assert_eq!(tab.get_item(&key).unwrap(), None, "the kept draft is gone");
    open_upload(&root).await;
    tick().await;
    assert_eq!(value(&root, "[data-testid=upload-version]"), "1.3.1");
    assert_eq!(value(&root, "[data-testid=upload-desc]"), "");
    assert!(el(&root, "[data-testid=upload-manifest-ok]").is_some());
    let manifest = value(&root, "[data-testid=upload-manifest]");
    assert!(
        manifest.contains(r#""main": "index.js""#) && !manifest.contains("publicComponents"),
        "{manifest}"
    );
    drop(h);
}

#[wasm_bindgen_test]
async fn dev_version_actions_enabled_by_domain_and_release() {
    let (root, _h, _b, _) = start("易车", "/dev/versions").await;
    wait_for(&root, "[data-testid=version-row-1\\.0\\.0]").await;
    assert!(text(&root, "[data-testid=version-status-1\\.0\\.0]").contains("审核通过"));
    // Why a button is off is read from the row's status by everyone (QA: a keyboard user
    // could not learn why 发布 was off): the page says what each status allows.
    assert_eq!(
        text(&root, "[data-testid=dev-version-actions]"),
        "各状态可用的操作：开发版本 → 提交审核；审核中 → 撤回审核；审核通过 → 发布；审核失败 → 提交审核；已发布 → 下线"
    );
    // The next step is taken on this page: named, not linked here.
    assert_eq!(
        text(&root, "[data-testid=versions-next]"),
        "下一步：发布审核通过的版本 1.0.0"
    );
    assert!(el(&root, "[data-testid=versions-next] a").is_none());
    assert!(!disabled(&root, "[data-testid=release-1\\.0\\.0]"));
    assert!(disabled(&root, "[data-testid=withdraw-1\\.0\\.0]"));
    // Named as the legend above and its refusal name it (QA: 撤回 beside 不能撤回审核).
    assert_eq!(text(&root, "[data-testid=withdraw-1\\.0\\.0]"), "撤回审核");
    assert!(
        el(&root, "[data-testid=why-withdraw-1\\.0\\.0]").is_some(),
        "why shown"
    );
    // Released in English: a capitalised badge like the application badges, a plain sentence.
    click(&root, "[data-testid=lang-toggle]");
    tick().await;
    assert_eq!(
        text(&root, "[data-testid=version-status-1\\.0\\.0]"),
        "Approved"
    );
    // Pressed from the keyboard: the button has focus, and is disabled once released.
    focus(&root, "[data-testid=release-1\\.0\\.0]");
    click(&root, "[data-testid=release-1\\.0\\.0]");
    tick().await;
    assert_eq!(
        text(&root, "[data-testid=version-status-1\\.0\\.0]"),
        "Released"
    );
    // 发布 is now disabled and the row drawn anew: focus goes to the row's next step, named with
    // its version (QA: <body>; then an unnamed row; two 「下线」 said alike).
    wait_until("focus on the released version's 下线", || {
        active_testid().as_deref() == Some("offline-1.0.0")
    })
    .await;
    assert_eq!(
        attr(&root, "[data-testid=offline-1\\.0\\.0]", "aria-label").as_deref(),
        Some("Take offline: 1.0.0")
    );
    assert_eq!(
        attr(&root, "[data-testid=version-row-1\\.0\\.0]", "aria-label").as_deref(),
        Some("1.0.0 Released")
    );
    assert_eq!(
        text(&root, "[data-testid=toast-region]"),
        "违章查询 1.0.0 released"
    );
    // After 发布 the page says where the flow goes next (QA: only the overview and toast did).
    assert_eq!(
        text(&root, "[data-testid=versions-next]"),
        "Next step: Wait for mini programs to apply (or upload a new version)"
    );
    assert_eq!(
        el(&root, "[data-testid=versions-next] a")
            .unwrap()
            .get_attribute("href")
            .as_deref(),
        Some("/dev/applications")
    );
    click(&root, "[data-testid=lang-toggle]");
    tick().await;
    assert!(text(&root, "[data-testid=version-status-1\\.0\\.0]").contains("已发布"));
    assert!(disabled(&root, "[data-testid=release-1\\.0\\.0]"));
    assert!(!disabled(&root, "[data-testid=offline-1\\.0\\.0]"));
    // 下线 asks first (irreversible), with its impact; 取消 changes nothing.
    click(&root, "[data-testid=offline-1\\.0\\.0]");
    tick().await;
    let impact = text(&root, "[data-testid=offline-impact]");
    assert!(
        impact.contains("不可恢复")
            && impact.contains("没有小程序正在使用此版本")
            && impact.contains("最后一个线上版本"),
        "{impact}"
    );
    // Another tab's write meanwhile redraws the rows: the dialog stays open (review: it closed).
    crate::shell::another_tab_saves(|ws| {
        let cmd = Command::CreateAccount {
            name: "另一个标签页的帐号".into(),
            subject: SubjectType::Enterprise,
            categories: vec![Category::new("工具", "效率")],
        };
        let now = now();
        ws.execute(&Actor::System, now, cmd).unwrap()
    });
    crate::shell::announce_storage_change();
    tick().await;
    assert!(text(&root, "[data-testid=account-select]").contains("另一个标签页的帐号"));
    assert!(el(&root, "[data-testid=offline-dialog]").is_some());
    click(&root, "[data-testid=offline-cancel]");
    tick().await;
    assert!(el(&root, "[data-testid=offline-dialog]").is_none());
    assert!(text(&root, "[data-testid=version-status-1\\.0\\.0]").contains("已发布"));
    wait_until("focus back on 下线", || {
        active_testid().as_deref() == Some("offline-1.0.0")
    })
    .await;
    // A 待确认 application (made in another tab) is said: once the last online version goes,
    // it can only be rejected (QA: the dialog did not say).
    let impact = offline_impact_after(&root, |ws| {
        let id = |name: &str| account_id(ws, name);
        let (plugin, consumer) = (id("易车"), id("另一个标签页的帐号"));
        let now = now();
        let apply = Command::Apply {
            plugin,
            reason: String::new(),
        };
        ws.execute(&Actor::Consumer(consumer), now, apply).unwrap()
    })
    .await;
    assert!(
        impact.ends_with(
            "还有 1 个待确认的使用申请：下线后在发布新的线上版本前只能拒绝（本应用约定）。"
        ),
        "{impact}"
    );
    // No Latin space between Chinese sentences (QA: 「……版本。 这是……」).
    assert!(!impact.contains("。 "), "{impact}");
    // Approved meanwhile, no version chosen: it is said to have none to choose then (QA: it
    // was not counted).
    click(&root, "[data-testid=offline-cancel]");
    let impact = offline_impact_after(&root, |ws| {
        let plugin = account_id(ws, "易车");
        let id = ws.applications_for_plugin(&plugin)[0].id;
        let now = now();
        let approve = Command::ApproveApplication { id };
        ws.execute(&Actor::Developer(plugin), now, approve).unwrap()
    })
    .await;
    assert!(
        impact.ends_with(
            "最后一个线上版本：下线后插件将不能被搜索和申请。另有 1 个已获准使用、尚未选择版本的小程序：发布新版本前没有可选择的版本。"
        ),
        "{impact}"
    );
    // With the dialog open, that mini program chooses 1.0.0 in another tab: counted at once
    // (QA: only once the dialog was opened again).
    crate::shell::another_tab_saves(|ws| {
        let (plugin, consumer) = (account_id(ws, "易车"), account_id(ws, "另一个标签页的帐号"));
        let cmd = Command::ConfigurePluginUse {
            plugin,
            alias: "car".into(),
            version: Semver::parse("1.0.0").unwrap(),
        };
        ws.execute(&Actor::Consumer(consumer), now(), cmd).unwrap()
    });
    crate::shell::announce_storage_change();
    wait_until("the use counted in the open dialog", || {
        text(&root, "[data-testid=offline-impact]").contains("正在使用此版本的小程序：1 个")
    })
    .await;
    click(&root, "[data-testid=offline-confirm]");
    tick().await;
    assert!(text(&root, "[data-testid=version-status-1\\.0\\.0]").contains("已下线"));
    // 下线 is now disabled: focus goes to the version's row, which reads its new status (QA: it
    // fell to <body>).
    wait_until("focus on the version's row", || {
        active_testid().as_deref() == Some("version-row-1.0.0")
    })
    .await;
    assert_eq!(
        attr(&root, "[data-testid=version-row-1\\.0\\.0]", "aria-label").as_deref(),
        Some("1.0.0 已下线")
    );
}

/// What 下线 of 1.0.0 says once another tab has made `change` (its returned event).
async fn offline_impact_after<E>(
    root: &web_sys::HtmlElement,
    change: impl FnOnce(&mut Workspace) -> E,
) -> String {
    crate::shell::another_tab_saves(change);
    crate::shell::announce_storage_change();
    tick().await;
    click(root, "[data-testid=offline-1\\.0\\.0]");
    tick().await;
    text(root, "[data-testid=offline-impact]")
}

#[wasm_bindgen_test]
async fn dev_submit_review_offers_only_allowed_categories() {
    let (root, _h, _b, ws) = start("开源软件基金会", "/dev/versions/0.1.0/submit").await;
    wait_for(&root, "[data-testid=review-form]").await;
    // The window title names the page (QA: it said 开发管理).
    let title = || web_sys::window().unwrap().document().unwrap().title();
    wait_until("the title names 提交审核", || {
        title() == "提交审核 · 开发管理 · 插件开发者 · 小程序插件"
    })
    .await;
    let me = account_id(&ws, "开源软件基金会");
    let allowed: Vec<String> = ws
        .plugin_category_options(&me)
        .into_iter()
        .filter(|o| o.allowed.is_ok())
        .map(|o| o.category.to_string())
        .collect();
    assert_eq!(
        count(&root, "[data-testid=review-category] option") as usize,
        allowed.len()
    );
    let select_text = text(&root, "[data-testid=review-category]");
    assert!(select_text.contains("IT科技"), "{select_text}");
    assert!(
        !select_text.contains("医疗"),
        "医疗 not offered: {select_text}"
    );
    let unavailable = text(&root, "[data-testid=review-category-unavailable]");
    assert!(
        unavailable.contains("医疗") && unavailable.contains("医疗类"),
        "{unavailable}"
    );
    // The guide's whole table of categories open to plugins, one row each.
    assert_eq!(
        count(&root, "[data-testid=open-categories] tbody tr") as usize,
        plugin_lifecycle::domain::OPEN_CATEGORIES.len()
    );
    let table = text(&root, "[data-testid=open-categories]");
    assert!(
        table.contains("快递业与邮政所有二级类目") && table.contains("仅医疗类小程序可使用"),
        "{table}"
    );
    // In English each name has its gloss, the platform's Chinese name first (English QA:
    // Chinese only).
    click(&root, "[data-testid=lang-toggle]");
    tick().await;
    let select_text = text(&root, "[data-testid=review-category]");
    assert!(
        select_text.contains("IT科技 > 软件服务 (IT & technology > Software services)"),
        "{select_text}"
    );
    let table = text(&root, "[data-testid=open-categories]");
    assert!(
        table.contains("医疗 (Medical)就医服务 (Medical services), 互联网医院 (Internet hospital)"),
        "{table}"
    );
    let unavailable = text(&root, "[data-testid=review-category-unavailable]");
    assert!(unavailable.contains("(Medical > "), "{unavailable}");
    click(&root, "[data-testid=lang-toggle]");
    tick().await;
    // No tag yet: 提交审核 asks for one, and typing then emptying the box leaves that standing
    // (review: it went).
    click(&root, "[data-testid=review-submit]");
    tick().await;
    assert_eq!(
        text(&root, "[data-testid=field-error-tags]"),
        "请至少添加 1 个标签"
    );
    type_into(&root, "[data-testid=review-tags-input]", "代");
    type_into(&root, "[data-testid=review-tags-input]", "");
    tick().await;
    assert_eq!(
        text(&root, "[data-testid=field-error-tags]"),
        "请至少添加 1 个标签"
    );
    // The Enter that ends an input method's composition adds nothing (QA: 拼音 was added).
    type_into(&root, "[data-testid=review-tags-input]", "daima");
    let composing = crate::shell::js_event(
        "KeyboardEvent",
        "keydown",
        &[
            ("key", "Enter".into()),
            ("isComposing", true.into()),
            ("bubbles", true.into()),
        ],
    );
    el(&root, "[data-testid=review-tags-input]")
        .unwrap()
        .dispatch_event(&composing)
        .unwrap();
    tick().await;
    assert_eq!(count(&root, "[data-testid=review-tag]"), 0);
    // Safari ends the composition first, then sends that Enter with key code 229 (QA).
    let after_composing = crate::shell::js_event(
        "KeyboardEvent",
        "keydown",
        &[
            ("key", "Enter".into()),
            ("keyCode", 229.into()),
            ("bubbles", true.into()),
        ],
    );
    assert_eq!(
        after_composing
            .unchecked_ref::<web_sys::KeyboardEvent>()
            .key_code(),
        229
    );
    el(&root, "[data-testid=review-tags-input]")
        .unwrap()
        .dispatch_event(&after_composing)
        .unwrap();
    tick().await;
    assert_eq!(count(&root, "[data-testid=review-tag]"), 0);
    // Tags: Enter adds, × removes.
    type_into(&root, "[data-testid=review-tags-input]", "代码");
    keydown(&root, "[data-testid=review-tags-input]", "Enter", false);
    type_into(&root, "[data-testid=review-tags-input]", "高亮");
    keydown(&root, "[data-testid=review-tags-input]", "Enter", false);
    type_into(&root, "[data-testid=review-tags-input]", "多余");
    keydown(&root, "[data-testid=review-tags-input]", "Enter", false);
    tick().await;
    assert_eq!(count(&root, "[data-testid=review-tag]"), 3);
    // Each addition is said (screen-reader QA: the box emptied and the list grew, silently).
    wait_until("the addition said", || {
        text(&root, "[data-testid=review-tag-said]") == "已添加标签「多余」，共 3 个"
    })
    .await;
    // Two clicks on one × in one task (before the chips are drawn again) remove that tag once
    // (QA: the second removed by a stale index, past the end: a panic).
    let last: web_sys::HtmlElement = el(&root, "[data-testid=review-tag-remove-2]")
        .unwrap()
        .unchecked_into();
    last.click();
    last.click();
    tick().await;
    assert_eq!(text(&root, "[data-testid=review-tags]"), "代码×高亮×");
    // The last chip's × went: focus is on the one before it (QA: it fell to <body>).
    wait_until("focus on the previous ×", || {
        active_testid().as_deref() == Some("review-tag-remove-1")
    })
    .await;
    // ... and the removal said, in place of the addition said before (QA: "共 3 个" stayed).
    wait_until("the removal said", || {
        text(&root, "[data-testid=review-tag-said]") == "已删除标签「多余」，共 2 个"
    })
    .await;
    // Only spaces: nothing added, and the box is emptied (QA: the spaces stayed).
    type_into(&root, "[data-testid=review-tags-input]", "   ");
    keydown(&root, "[data-testid=review-tags-input]", "Enter", false);
    tick().await;
    assert_eq!(count(&root, "[data-testid=review-tag]"), 2);
    assert_eq!(value(&root, "[data-testid=review-tags-input]"), "");
    // Commas (ASCII, full-width, 、) separate tags (QA: `美食，点评` was one tag); a set that
    // would be refused (here a sixth tag) adds none of them and stays typed.
    type_into(
        &root,
        "[data-testid=review-tags-input]",
        "美食，点评, 外卖、",
    );
    keydown(&root, "[data-testid=review-tags-input]", "Enter", false);
    tick().await;
    assert_eq!(
        text(&root, "[data-testid=review-tags]"),
        "代码×高亮×美食×点评×外卖×"
    );
    // ... as the hint says (SPEC QA: 、 split a tag unsaid).
    assert!(text(&root, "#review-tags-hint").contains("以逗号或顿号（、）分隔可一次添加多个"));
    assert_eq!(value(&root, "[data-testid=review-tags-input]"), "");
    type_into(&root, "[data-testid=review-tags-input]", "甲,乙");
    keydown(&root, "[data-testid=review-tags-input]", "Enter", false);
    tick().await;
    assert_eq!(count(&root, "[data-testid=review-tag]"), 5);
    assert_eq!(value(&root, "[data-testid=review-tags-input]"), "甲,乙");
    assert!(el(&root, "[data-testid=field-error-tags]").is_some());
    type_into(&root, "[data-testid=review-tags-input]", "");
    for i in [4, 3, 2] {
        click(&root, &format!("[data-testid=review-tag-remove-{i}]"));
        tick().await;
    }
    assert_eq!(count(&root, "[data-testid=review-tag]"), 2);
    // Every tag removed: "at least one" waits for 提交审核 (keyboard QA: an alert at once).
    for i in [1, 0] {
        click(&root, &format!("[data-testid=review-tag-remove-{i}]"));
        tick().await;
    }
    assert_eq!(count(&root, "[data-testid=review-tag]"), 0);
    assert!(el(&root, "[data-testid=field-error-tags]").is_none());
    // ... nor when Enter is pressed in the empty box (re-check QA).
    keydown(&root, "[data-testid=review-tags-input]", "Enter", false);
    tick().await;
    assert!(el(&root, "[data-testid=field-error-tags]").is_none());
    // A refusal of the text still in the box stays as the last chip goes (re-check QA: it
    // became "at least one", the refused text left unexplained).
    type_into(&root, "[data-testid=review-tags-input]", "美食");
    keydown(&root, "[data-testid=review-tags-input]", "Enter", false);
    type_into(
        &root,
        "[data-testid=review-tags-input]",
        "一二三四五六七八九十十一",
    );
    keydown(&root, "[data-testid=review-tags-input]", "Enter", false);
    tick().await;
    click(&root, "[data-testid=review-tag-remove-0]");
    tick().await;
    assert_eq!(count(&root, "[data-testid=review-tag]"), 0);
    assert!(
        text(&root, "[data-testid=field-error-tags]").contains("一二三四五六七八九十十一"),
        "{}",
        text(&root, "[data-testid=field-error-tags]")
    );
    // Fixed and added, its refusal goes (re-check QA: it stayed by the tag added); added again,
    // a duplicate's refusal goes with the chip it repeated.
    for n in [1, 2] {
        type_into(
            &root,
            "[data-testid=review-tags-input]",
            "一二三四五六七八九十",
        );
        keydown(&root, "[data-testid=review-tags-input]", "Enter", false);
        tick().await;
        assert_eq!(count(&root, "[data-testid=review-tag]"), 1);
        let error = el(&root, "[data-testid=field-error-tags]").and_then(|e| e.text_content());
        match n {
            1 => assert_eq!(error, None),
            _ => assert!(error.is_some_and(|t| t.contains("重复"))),
        }
    }
    click(&root, "[data-testid=review-tag-remove-0]");
    tick().await;
    tick().await;
    assert!(el(&root, "[data-testid=field-error-tags]").is_none());
    type_into(&root, "[data-testid=review-tags-input]", "代码,高亮");
    keydown(&root, "[data-testid=review-tags-input]", "Enter", false);
    tick().await;
    assert_eq!(text(&root, "[data-testid=review-tags]"), "代码×高亮×");
    // A tag is checked as it is added, not only on 提交审核: too long, then a duplicate. A
    // refused one does not become a chip; its text stays in the box (QA: a duplicate was added).
    assert!(el(&root, "[data-testid=field-error-tags]").is_none());
    type_into(
        &root,
        "[data-testid=review-tags-input]",
        "一二三四五六七八九十一",
    );
    keydown(&root, "[data-testid=review-tags-input]", "Enter", false);
    tick().await;
    let said = text(&root, "[data-testid=field-error-tags]");
    assert!(said.contains("一二三四五六七八九十一"), "{said}");
    // Focus stays in the box, whose description screen readers do not read out when it
    // changes: the refusal is an alert (QA).
    assert_eq!(
        attr(&root, "[data-testid=field-error-tags]", "role").as_deref(),
        Some("alert")
    );
    assert_eq!(count(&root, "[data-testid=review-tag]"), 2);
    assert_eq!(
        value(&root, "[data-testid=review-tags-input]"),
        "一二三四五六七八九十一"
    );
    type_into(&root, "[data-testid=review-tags-input]", "代码");
    keydown(&root, "[data-testid=review-tags-input]", "Enter", false);
    tick().await;
    let said = text(&root, "[data-testid=field-error-tags]");
    assert!(said.contains("代码"), "{said}");
    assert_eq!(count(&root, "[data-testid=review-tag]"), 2);
    assert_eq!(value(&root, "[data-testid=review-tags-input]"), "代码");
    // In a list, the one already added is left out, with a word, and the rest added (QA: the
    // whole list was refused).
    // (The last removal said first: nothing of it still on its way.)
    wait_until("the last removal said", || {
        text(&root, "[data-testid=review-tag-said]").ends_with("共 2 个")
    })
    .await;
    type_into(&root, "[data-testid=review-tags-input]", "代码,物流");
    keydown(&root, "[data-testid=review-tags-input]", "Enter", false);
    tick().await;
    assert_eq!(text(&root, "[data-testid=review-tags]"), "代码×高亮×物流×");
    assert_eq!(value(&root, "[data-testid=review-tags-input]"), "");
    // Said in one message, what was added and what was left out (QA: two read over each other).
    assert_eq!(
        text(&root, "[data-testid=toast-region]"),
        "已添加标签「物流」，共 3 个；标签「代码」已在列表中，未重复添加"
    );
    // The status region says no older count meanwhile (QA: "共 2 个" under three chips).
    assert_eq!(text(&root, "[data-testid=review-tag-said]"), "");
    click(&root, "[data-testid=review-tag-remove-2]");
    tick().await;
    // A character nobody sees makes no second 高亮 (QA: `视频` and `视频` + U+200B were two).
    type_into(&root, "[data-testid=review-tags-input]", "高亮\u{200B}");
    keydown(&root, "[data-testid=review-tags-input]", "Enter", false);
    tick().await;
    let said = text(&root, "[data-testid=field-error-tags]");
    assert_eq!(said, "标签含看不见的字符 U+200B（零宽或控制字符），请删除");
    assert_eq!(count(&root, "[data-testid=review-tag]"), 2);
    type_into(&root, "[data-testid=review-tags-input]", "代码");
    keydown(&root, "[data-testid=review-tags-input]", "Enter", false);
    tick().await;
    // 提交审核 with it still typed is refused too, not sent without it; the empty 功能描述 is
    // refused at the same time (QA: one refusal at a time).
    click(&root, "[data-testid=review-submit]");
    tick().await;
    assert!(el(&root, "[data-testid=review-form]").is_some());
    assert!(text(&root, "[data-testid=field-error-tags]").contains("代码"));
    assert!(text(&root, "[data-testid=field-error-description]").contains("20–500"));
    type_into(&root, "[data-testid=review-tags-input]", "");
    tick().await;
    assert_eq!(count(&root, "[data-testid=review-tag]"), 2);
    // The box emptied: its refusal no longer stands (QA: it stayed).
    assert!(el(&root, "[data-testid=field-error-tags]").is_none());
    assert_eq!(
        attr(&root, "[data-testid=review-tags-input]", "aria-invalid"),
        None
    );
    // A tag added, then one refused: the refusal is not read beside the older 已添加 (QA); and
    // only separators typed next take the refusal away with them (QA: `,,,` left it up).
    type_into(&root, "[data-testid=review-tags-input]", "物流");
    keydown(&root, "[data-testid=review-tags-input]", "Enter", false);
    tick().await;
    wait_until("the tag's addition said", || {
        text(&root, "[data-testid=review-tag-said]").starts_with("已添加标签「物流」")
    })
    .await;
    type_into(&root, "[data-testid=review-tags-input]", "高亮\u{200B}");
    keydown(&root, "[data-testid=review-tags-input]", "Enter", false);
    tick().await;
    assert!(el(&root, "[data-testid=field-error-tags]").is_some());
    assert_eq!(text(&root, "[data-testid=review-tag-said]"), "");
    type_into(&root, "[data-testid=review-tags-input]", ",,,");
    keydown(&root, "[data-testid=review-tags-input]", "Enter", false);
    tick().await;
    assert_eq!(value(&root, "[data-testid=review-tags-input]"), "");
    assert!(el(&root, "[data-testid=field-error-tags]").is_none());
    click(&root, "[data-testid=review-tag-remove-2]");
    tick().await;
    // Too short a 功能描述: refused next to the field.
    type_into(&root, "[data-testid=review-desc]", "太短了");
    tick().await;
    assert_eq!(
        text(&root, "[data-testid=review-desc-count]").trim(),
        "3 / 500"
    );
    // 功能描述's rule is read with it, not only its count (screen-reader QA).
    assert_eq!(
        attr(&root, "[data-testid=review-desc]", "aria-describedby").as_deref(),
        Some("review-desc-hint review-desc-count")
    );
    assert!(text(&root, "#review-desc-hint").contains("20–500"));
    click(&root, "[data-testid=review-submit]");
    tick().await;
    assert!(el(&root, "[data-testid=field-error-description]").is_some());
    assert_eq!(
        attr(&root, "[data-testid=review-desc]", "aria-invalid").as_deref(),
        Some("true")
    );
    type_into(
        &root,
        "[data-testid=review-desc]",
        "在小程序页面中高亮显示代码片段，引入 code 组件并传入代码文本与语言即可。",
    );
    type_into(&root, "[data-testid=review-tags-input]", "语法");
    tick().await;
    // A reload keeps the tags, the one typed and not added yet, and the 功能描述 (QA: they went
    // back to the last submission's; then the typed tag was lost).
    drop(_h);
    let _h = crate::shell::mount(&root, plugin_lifecycle::ui::App);
    wait_for(&root, "[data-testid=review-form]").await;
    assert_eq!(count(&root, "[data-testid=review-tag]"), 2);
    assert_eq!(value(&root, "[data-testid=review-tags-input]"), "语法");
    assert_eq!(
        value(&root, "[data-testid=review-desc]"),
        "在小程序页面中高亮显示代码片段，引入 code 组件并传入代码文本与语言即可。"
    );
    click(&root, "[data-testid=review-submit]");
    wait_for(&root, "[data-testid=version-row-0\\.1\\.0]").await;
    assert!(text(&root, "[data-testid=version-status-0\\.1\\.0]").contains("审核中"));
    // On its row, which says its status (scale QA: the list's top, the row 52 000 px down), not
    // on its 撤回审核, which a second Enter pressed (learner QA).
    wait_until("focus on the submitted version's row", || {
        active_testid().as_deref() == Some("version-row-0.1.0")
    })
    .await;
    assert_eq!(
        attr(&root, "[data-testid=version-row-0\\.1\\.0]", "aria-label").as_deref(),
        Some("0.1.0 审核中")
    );
    // Submitted: the drafts are forgotten.
    assert_eq!(crate::shell::drafts_kept(), Vec::<String>::new());
}

#[wasm_bindgen_test]
async fn dev_approve_pending_application_from_demo() {
    let (root, _h, _b, ws) = start("顺丰速运", "/dev/applications").await;
    let me = account_id(&ws, "顺丰速运");
    let now = now();
    let pending = first_pending(&ws, &me, now);
    wait_for(&root, &format!("[data-testid=app-approve-{pending}]")).await;
    let countdown = text(&root, &format!("[data-testid=app-countdown-{pending}]"));
    assert!(countdown.contains("小时"), "about 19 h left: {countdown}");
    assert!(text(&root, "[data-testid=applications-pending]").contains("墨迹天气"));
    assert_eq!(
        neighbour_row(&root, &pending.to_string()),
        None,
        "the only one"
    );
    click(&root, &format!("[data-testid=app-approve-{pending}]"));
    tick().await;
    assert!(
        el(&root, &format!("[data-testid=app-approve-{pending}]")).is_none(),
        "left the pending list"
    );
    // The last one: focus on the table's heading (QA: <body>).
    wait_until("focus on 待确认", || {
        active_id().as_deref() == Some("app-pending-title")
    })
    .await;
    assert!(text(&root, &format!("[data-testid=app-status-{pending}]")).contains("已通过"));
    assert!(stored().contains("天气预警时提醒快递延误"));
    // Said with what it means for the applicant (QA: a learner did not know to switch).
    assert_eq!(
        text(&root, "[data-testid=toast-region]"),
        "已通过「墨迹天气」的申请：对方现在可以在其插件管理中使用该插件"
    );
}

/// The demo with 大麦票务's only online version (1.0.0) taken offline, while 张三的记账本's
/// application to it waits: the workspace, 大麦票务's AppID, and the time it was done.
fn damai_offline() -> (Workspace, AppId, Timestamp) {
    let mut ws = demo();
    let me = account_id(&ws, "大麦票务");
    let now = now();
    ws.execute(
        &Actor::Developer(me.clone()),
        now,
        Command::TakeOffline {
            plugin: me.clone(),
            version: Semver::parse("1.0.0").unwrap(),
        },
    )
    .unwrap();
    (ws, me, now)
}

/// Every version offline with an application pending: the overview says what that means, and
/// the next step is to get a version online, not to handle applications only 拒绝 can answer
/// (QA).
#[wasm_bindgen_test]
async fn dev_home_with_every_version_offline_says_so_and_steps_towards_a_version_online() {
    let (ws, me, now) = damai_offline();
    assert!(ws.plugin(&me).unwrap().all_offline());
    first_pending(&ws, &me, now);
    let (root, _h, _b) = start_with(&ws, &me, "/dev").await;
    wait_for(&root, "[data-testid=dev-next]").await;
    assert_eq!(
        text(&root, "[data-testid=dev-offline-note]"),
        "插件已发布的版本已全部下线：小程序开发者搜索不到它，待确认的使用申请也不能通过，直到再发布一个版本。"
    );
    assert!(el(&root, "[data-testid=dev-released-note]").is_none());
    // Its 1.1.0, a 开发版本, goes to review next.
    assert_eq!(text(&root, "[data-testid=dev-next-step]"), "提交审核 1.1.0");
}

#[wasm_bindgen_test]
async fn dev_approve_is_off_with_the_reason_when_no_version_is_online() {
    // 大麦票务's only online version (1.0.0) taken offline while 张三的记账本 waits for an answer.
    let root = fresh();
    let (ws, me, now) = damai_offline();
    assert!(!ws.plugin(&me).unwrap().has_online_version());
    let pending = first_pending(&ws, &me, now);
    Persistence::browser().save(&ws).unwrap();
    Session {
        account: Some(me),
        ..Session::default()
    }
    .save();
    let _b = at("/dev/applications");
    let _h = crate::shell::mount(&root, App);
    tick().await;
    let approve = format!("[data-testid=app-approve-{pending}]");
    wait_for(&root, &approve).await;
    assert!(disabled(&root, &approve), "通过 is off");
    let why = text(&root, &format!("[data-testid=why-app-{pending}]"));
    assert!(why.contains("没有线上版本"), "{why}");
    // Shown once above the table, as it holds for every row; each row keeps it for screen
    // readers (QA: every row repeated it).
    // One pending: said of it, not of "these" (re-check QA).
    let banner = text(&root, "[data-testid=app-none-online]");
    assert!(
        banner.contains("待确认的申请不能通过") && banner.ends_with("或拒绝该申请。"),
        "{banner}"
    );
    assert_eq!(
        attr(&root, &format!("[data-testid=why-app-{pending}]"), "class").as_deref(),
        Some("why sr-only")
    );
    assert_eq!(
        attr(&root, &approve, "aria-describedby"),
        Some(format!("why-app-{pending}"))
    );
    assert!(
        !disabled(&root, &format!("[data-testid=app-reject-{pending}]")),
        "拒绝 stays possible"
    );
}

/// Another tab's change to the pending list (a new application) keeps an open 拒绝 form, what
/// is typed in it and the focus (QA: the form was rebuilt and focus fell to the page).
#[wasm_bindgen_test]
async fn an_open_rejection_keeps_its_focus_when_another_tab_adds_an_application() {
    let (root, _h, _b, ws) = start("墨迹天气", "/dev/applications").await;
    let me = account_id(&ws, "墨迹天气");
    let now = now();
    let pending = first_pending(&ws, &me, now);
    let reason = format!("[data-testid=app-reject-reason-{pending}]");
    click(&root, &format!("[data-testid=app-reject-{pending}]"));
    wait_for(&root, &reason).await;
    type_into(&root, &reason, "暂不支持该场景");
    let box_before = el(&root, &reason).unwrap();
    box_before
        .clone()
        .unchecked_into::<web_sys::HtmlElement>()
        .focus()
        .unwrap();
    let rows = || {
        root.query_selector_all("[data-testid=applications-pending] [data-testid^=app-row-]")
            .unwrap()
            .length()
    };
    let before = rows();
    let car = account_id(&ws, "易车");
    super::shell::another_tab_saves(|other| {
        other
            .apply_for_plugin(&Actor::Consumer(car.clone()), now, &me, "查询天气")
            .unwrap()
    });
    super::shell::announce_storage_change();
    wait_until("the new application listed", || rows() == before + 1).await;
    tick().await;
    let active = crate::shell::active();
    assert_eq!(
        active.as_ref(),
        Some(&box_before),
        "the same reason box keeps focus"
    );
    assert_eq!(value(&root, &reason), "暂不支持该场景");
    crate::shell::after_queued_timers().await;
}

#[wasm_bindgen_test]
async fn dev_reject_needs_reason_and_delete_expired() {
    let (root, _h, _b, ws) = start("墨迹天气", "/dev/applications").await;
    let me = account_id(&ws, "墨迹天气");
    let now = now();
    let expired = first_with_status(&ws, &me, now, ApplicationStatus::Expired);
    let pending = first_pending(&ws, &me, now);
    wait_for(&root, &format!("[data-testid=app-delete-{expired}]")).await;
    assert!(text(&root, &format!("[data-testid=app-status-{expired}]")).contains("已超时"));
    // Nobody decided it: its time is the expiry's, said so (QA: read as a decision time).
    let when = text(&root, &format!("[data-testid=app-decided-{expired}]"));
    assert!(when.starts_with("超时于 20"), "{when}");
    // When it was made, too (QA: only when it was decided).
    let applied = ws
        .applications_for_plugin(&me)
        .iter()
        .find(|a| a.id.0 == expired)
        .unwrap()
        .applied_at;
    assert_eq!(
        text(&root, &format!("[data-testid=app-applied-{expired}]")),
        plugin_lifecycle::ui::components::format::datetime(applied)
    );
    // Delete the 已超时 one (after confirming).
    click(&root, &format!("[data-testid=app-delete-{expired}]"));
    wait_for(&root, "[data-testid=delete-app-confirm]").await;
    click(&root, "[data-testid=delete-app-confirm]");
    tick().await;
    assert!(
        el(&root, &format!("[data-testid=app-row-{expired}]")).is_none(),
        "deleted"
    );
    // Naming whose it was, as the other toasts do (QA).
    let applicant = ws
        .applications_for_plugin(&me)
        .iter()
        .find(|a| a.id.0 == expired)
        .and_then(|a| ws.account(&a.consumer))
        .map(|c| c.name.clone())
        .unwrap();
    assert_eq!(
        text(&root, "[data-testid=toast-region]"),
        format!("已删除「{applicant}」的申请记录")
    );
    // (The dialog hands focus on at its next task, before a person's next key could.)
    wait_until("focus on 历史申请", || {
        active_id().as_deref() == Some("app-history-title")
    })
    .await;
    // Reject the pending one with a reason.
    click(&root, &format!("[data-testid=app-reject-{pending}]"));
    wait_for(&root, &format!("[data-testid=app-reject-reason-{pending}]")).await;
    // Refusal: no reason → the domain's message next to the reason field, focus is there.
    let active = crate::shell::active().unwrap();
    assert_eq!(
        active.get_attribute("data-testid"),
        Some(format!("app-reject-reason-{pending}")),
        "focus moves to the reason"
    );
    click(
        &root,
        &format!("[data-testid=app-reject-confirm-{pending}]"),
    );
    tick().await;
    assert!(text(&root, "[data-testid=field-error-reason]").contains("理由"));
    assert!(
        el(&root, &format!("[data-testid=app-approve-{pending}]")).is_some(),
        "still pending"
    );
    // Esc in the form closes it, and focus goes back to 拒绝 (QA: Esc did nothing); what was
    // typed is dropped (QA: reopened, it still held the reason).
    type_into(
        &root,
        &format!("[data-testid=app-reject-reason-{pending}]"),
        "不要了",
    );
    // The Esc that cancels an input method's candidate is not the form's (review).
    let composing_esc = js_event(
        "KeyboardEvent",
        "keydown",
        &[
            ("key", "Escape".into()),
            ("isComposing", true.into()),
            ("bubbles", true.into()),
        ],
    );
    el(&root, &format!("[data-testid=app-reject-reason-{pending}]"))
        .unwrap()
        .dispatch_event(&composing_esc)
        .unwrap();
    tick().await;
    assert_eq!(
        value(&root, &format!("[data-testid=app-reject-reason-{pending}]")),
        "不要了"
    );
    keydown(
        &root,
        &format!("[data-testid=app-reject-reason-{pending}]"),
        "Escape",
        false,
    );
    tick().await;
    assert!(el(&root, &format!("[data-testid=app-reject-form-{pending}]")).is_none());
    wait_until("focus back on 拒绝", || {
        active_testid() == Some(format!("app-reject-{pending}"))
    })
    .await;
    click(&root, &format!("[data-testid=app-reject-{pending}]"));
    wait_for(&root, &format!("[data-testid=app-reject-reason-{pending}]")).await;
    assert_eq!(
        value(&root, &format!("[data-testid=app-reject-reason-{pending}]")),
        ""
    );
    type_into(
        &root,
        &format!("[data-testid=app-reject-reason-{pending}]"),
        "个人小程序暂不开放",
    );
    let next = neighbour_row(&root, &pending.to_string());
    click(
        &root,
        &format!("[data-testid=app-reject-confirm-{pending}]"),
    );
    tick().await;
    let status = text(&root, &format!("[data-testid=app-status-{pending}]"));
    assert_eq!(status, "已拒绝");
    // The row left 待确认: focus goes on to the next row's applicant, as after 通过 (QA: it
    // fell to <body>; on its 通过, a second Enter approved it), or to the table's heading when
    // none is left.
    wait_until("focus on the next row or 待确认", || {
        next.as_ref()
            .map_or(active_id().as_deref() == Some("app-pending-title"), |m| {
                active_testid() == Some(format!("app-who-{m}"))
            })
    })
    .await;
    let reason = text(&root, &format!("[data-testid=app-reason-{pending}]"));
    assert!(reason.contains("个人小程序暂不开放"), "{reason}");
    assert!(
        el(&root, &format!("[data-testid=app-delete-{pending}]")).is_some(),
        "已拒绝 can be deleted"
    );
}

/// A new 个人 account goes to the consumer's console (what it can do), not the developer's
/// (QA: it landed on pages it can never use).
#[wasm_bindgen_test]
async fn a_new_individual_account_goes_to_the_consumer_console() {
    let (root, _h, _b, _) = start("顺丰速运", "/dev/accounts/new").await;
    wait_for(&root, "[data-testid=new-account-form]").await;
    type_into(&root, "[data-testid=new-account-name]", "李四的小账本");
    assert_eq!(text(&root, "[data-testid=new-account-individual]"), "");
    crate::review::choose(&root, "[data-testid=new-account-subject]", "个人");
    tick().await;
    // Said when chosen, with where creating leads (re-check QA: nothing changed).
    assert_eq!(
        text(&root, "[data-testid=new-account-individual]"),
        "个人主体：此帐号只能使用插件，创建后进入小程序开发者的页面。"
    );
    type_into(&root, "[data-testid=new-account-secondary]", "快递");
    click(&root, "[data-testid=new-account-submit]");
    wait_for(&root, "[data-testid=area-consumer]").await;
    assert!(stored().contains("李四的小账本"));
}

#[wasm_bindgen_test]
async fn dev_create_account_and_switch_to_it() {
    let (root, _h, _b, _) = start("顺丰速运", "/dev/accounts/new").await;
    wait_for(&root, "[data-testid=new-account-form]").await;
    // The toast's live region is on the page before any toast.
    assert!(el(&root, "[data-testid=toast-region][role=status]").is_some());
    // Refusal: empty name. Focus moves from 创建 to the refused field (which names its error).
    crate::shell::press(&root, "[data-testid=new-account-submit]");
    tick().await;
    assert!(el(&root, "[data-testid=field-error-name]").is_some());
    // The missing category is said at the same time (review: one refusal at a time).
    assert!(el(&root, "[data-testid=field-error-category]").is_some());
    wait_until("focus is on the name field", || {
        active_testid().as_deref() == Some("new-account-name")
    })
    .await;
    type_into(&root, "[data-testid=new-account-name]", "小鹿快递");
    // Refusal: no service category: the category input is the invalid one, described by it.
    crate::shell::press(&root, "[data-testid=new-account-submit]");
    tick().await;
    assert!(
        text(&root, "[data-testid=field-error-category]").contains("服务类目"),
        "category required"
    );
    let secondary = el(&root, "[data-testid=new-account-secondary]").unwrap();
    assert_eq!(
        secondary.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(
        secondary.get_attribute("aria-describedby").as_deref(),
        Some("err-category")
    );
    wait_until("focus is on the category field", || {
        active_testid().as_deref() == Some("new-account-secondary")
    })
    .await;
    // Only categories closed to plugins: said at once, not first at 提交审核 (QA).
    // The 一级类目 closed to plugins say so in the list, and one typed under them is warned of
    // before 添加类目 (QA: created with it typed, the account's plugins could never be submitted).
    assert_eq!(
        text(
            &root,
            "[data-testid=new-account-primary] option[value='教育']"
        ),
        "教育（未对插件开放）"
    );
    // Also a 二级类目 not open under a 一级类目 open in part (QA: 金融业 > 银行 was not warned of).
    crate::review::choose(&root, "[data-testid=new-account-primary]", "金融业");
    type_into(&root, "[data-testid=new-account-secondary]", "银行");
    tick().await;
    assert!(el(&root, "[data-testid=new-account-closed-categories]").is_some());
    crate::review::choose(&root, "[data-testid=new-account-primary]", "教育");
    type_into(&root, "[data-testid=new-account-secondary]", "在线教育");
    tick().await;
    assert!(text(&root, "[data-testid=new-account-closed-categories]").contains("未对插件开放"));
    keydown(&root, "[data-testid=new-account-secondary]", "Enter", false);
    tick().await;
    assert!(text(&root, "[data-testid=new-account-closed-categories]").contains("未对插件开放"));
    // A category added: the refusal asking for one is gone (QA: it stayed).
    assert!(el(&root, "[data-testid=field-error-category]").is_none());
    // Its × removes it; focus goes to the 二级类目 box, not <body> (QA).
    crate::shell::press(&root, "[data-testid=new-account-categories] button");
    tick().await;
    wait_until("focus on the 二级类目 box", || {
        active_testid().as_deref() == Some("new-account-secondary")
    })
    .await;
    // A refused category typed with none added: emptying its box brings back what still
    // holds, 请至少添加一个服务类目 (QA: nothing was said).
    type_into(
        &root,
        "[data-testid=new-account-secondary]",
        &"长".repeat(21),
    );
    keydown(&root, "[data-testid=new-account-secondary]", "Enter", false);
    tick().await;
    assert!(text(&root, "[data-testid=field-error-category]").contains("21"));
    type_into(&root, "[data-testid=new-account-secondary]", "");
    tick().await;
    assert_eq!(
        text(&root, "[data-testid=field-error-category]"),
        "请至少添加一个服务类目（一级与二级类目）"
    );
    assert!(el(&root, "[data-testid=new-account-closed-categories]").is_none());
    crate::review::choose(&root, "[data-testid=new-account-primary]", "快递业与邮政");
    // Added with Enter, then a second one typed but not added: both count, nothing dropped.
    type_into(&root, "[data-testid=new-account-secondary]", "快递");
    keydown(&root, "[data-testid=new-account-secondary]", "Enter", false);
    tick().await;
    assert!(text(&root, "[data-testid=new-account-categories]").contains("快递业与邮政 > 快递"));
    assert!(el(&root, "[data-testid=new-account-closed-categories]").is_none());
    // Said (keyboard QA: the chip came silently).
    let said = "[data-testid=new-account-category-said]";
    assert_eq!(
        text(&root, said),
        "已添加类目「快递业与邮政 > 快递」，共 1 个"
    );
    // In English the platform's names come with their gloss: the list, the chips and the
    // suggestions (English QA: Chinese only).
    click(&root, "[data-testid=lang-toggle]");
    tick().await;
    assert_eq!(
        text(
            &root,
            "[data-testid=new-account-primary] option[value='教育']"
        ),
        "教育 (Education; not open to plugins)"
    );
    assert!(
        text(&root, "[data-testid=new-account-categories]")
            .contains("快递业与邮政 > 快递 (Express & postal > Express delivery)"),
        "{}",
        text(&root, "[data-testid=new-account-categories]")
    );
    assert_eq!(
        attr(&root, "#na-secondary-list option[value='邮政']", "label").as_deref(),
        Some("Postal services")
    );
    // Said with it too: the chip's × and the line said on adding (re-check QA).
    assert_eq!(
        attr(
            &root,
            "[data-testid=new-account-categories] button",
            "aria-label"
        )
        .as_deref(),
        Some("Remove 快递业与邮政 > 快递 (Express & postal > Express delivery)")
    );
    click(&root, "[data-testid=lang-toggle]");
    tick().await;
    assert_eq!(
        attr(&root, "#na-secondary-list option[value='邮政']", "label"),
        None
    );
    // 添加类目 with nothing typed, or too long a 二级类目: said, not silently ignored (QA); the
    // long one stays in its box, and 创建 with it typed creates nothing.
    click(&root, "[data-testid=new-account-add-category]");
    tick().await;
    assert_eq!(
        text(&root, "[data-testid=field-error-category]"),
        "请填写二级类目"
    );
    // Typing a 二级类目 answers it: the refusal goes (QA: it stayed until 添加类目).
    type_into(&root, "[data-testid=new-account-secondary]", "国");
    tick().await;
    assert!(el(&root, "[data-testid=field-error-category]").is_none());
    let long = "长".repeat(21);
    type_into(&root, "[data-testid=new-account-secondary]", &long);
    keydown(&root, "[data-testid=new-account-secondary]", "Enter", false);
    tick().await;
    assert_eq!(
        text(&root, "[data-testid=field-error-category]"),
        "二级类目须为 1–20 个字符（当前 21 个）"
    );
    assert_eq!(count(&root, "[data-testid=new-account-categories] li"), 1);
    // A category already added: said, not silently ignored (QA); spaces around it count not.
    type_into(&root, "[data-testid=new-account-secondary]", " 快递 ");
    keydown(&root, "[data-testid=new-account-secondary]", "Enter", false);
    tick().await;
    assert_eq!(
        text(&root, "[data-testid=field-error-category]"),
        "服务类目「快递业与邮政 > 快递」已添加"
    );
    // Said aloud too: focus stays in the box (QA).
    assert_eq!(
        el(&root, "[data-testid=field-error-category]")
            .unwrap()
            .get_attribute("role")
            .as_deref(),
        Some("alert")
    );
    assert_eq!(count(&root, "[data-testid=new-account-categories] li"), 1);
    // The box emptied: that refusal goes (QA: it stayed).
    type_into(&root, "[data-testid=new-account-secondary]", "");
    tick().await;
    assert!(el(&root, "[data-testid=field-error-category]").is_none());
    // A level with a character nobody sees is refused as it is added (QA: a second 记账 chip).
    let chips = count(&root, "[data-testid=new-account-categories] li");
    type_into(&root, "[data-testid=new-account-secondary]", "记\u{200B}账");
    keydown(&root, "[data-testid=new-account-secondary]", "Enter", false);
    tick().await;
    assert!(text(&root, "[data-testid=field-error-category]").contains("U+200B"));
    assert_eq!(
        count(&root, "[data-testid=new-account-categories] li"),
        chips
    );
    type_into(&root, "[data-testid=new-account-secondary]", "");
    // Removing the category a refusal says is "already added": the refusal goes, and focus
    // moves to the next × (review).
    type_into(&root, "[data-testid=new-account-secondary]", "国际快递");
    keydown(&root, "[data-testid=new-account-secondary]", "Enter", false);
    type_into(&root, "[data-testid=new-account-secondary]", "快递");
    keydown(&root, "[data-testid=new-account-secondary]", "Enter", false);
    tick().await;
    assert!(text(&root, "[data-testid=field-error-category]").contains("已添加"));
    crate::shell::press(&root, "[data-testid=new-account-categories] li button");
    tick().await;
    assert!(el(&root, "[data-testid=field-error-category]").is_none());
    assert_eq!(
        text(&root, said),
        "已移除类目「快递业与邮政 > 快递」，共 1 个"
    );
    assert_eq!(
        text(&root, "[data-testid=new-account-categories]").trim_end_matches('×'),
        "快递业与邮政 > 国际快递"
    );
    wait_until("focus on the next ×", || {
        focused_label().as_deref() == Some("移除 快递业与邮政 > 国际快递")
    })
    .await;
    // Removing the last one: focus moves to the previous ×. (The earlier removals' focus timers
    // run first: they would move focus there too.)
    crate::shell::after_queued_timers().await;
    type_into(&root, "[data-testid=new-account-secondary]", "同城配送");
    keydown(&root, "[data-testid=new-account-secondary]", "Enter", false);
    tick().await;
    // Two clicks in one task remove it once (review: by a stale index, the second removed the
    // one before it).
    let last: web_sys::HtmlElement = el(
        &root,
        "[data-testid=new-account-categories] li:nth-child(2) button",
    )
    .unwrap()
    .unchecked_into();
    last.focus().unwrap();
    last.click();
    last.click();
    tick().await;
    assert_eq!(
        text(&root, "[data-testid=new-account-categories]").trim_end_matches('×'),
        "快递业与邮政 > 国际快递"
    );
    wait_until("focus on the previous ×", || {
        focused_label().as_deref() == Some("移除 快递业与邮政 > 国际快递")
    })
    .await;
    type_into(&root, "[data-testid=new-account-secondary]", "");
    // An empty name and a refused category: both said at once, focus on the first (QA: only
    // the category's was said).
    type_into(&root, "[data-testid=new-account-name]", "");
    type_into(&root, "[data-testid=new-account-secondary]", &long);
    crate::shell::press(&root, "[data-testid=new-account-submit]");
    tick().await;
    assert_eq!(
        text(&root, "[data-testid=field-error-name]"),
        "请填写小程序名称（2–30 个字符）"
    );
    assert_eq!(
        text(&root, "[data-testid=field-error-category]"),
        "二级类目须为 1–20 个字符（当前 21 个）"
    );
    wait_until("focus on the name", || {
        active_testid().as_deref() == Some("new-account-name")
    })
    .await;
    type_into(&root, "[data-testid=new-account-name]", "小鹿快递");
    crate::shell::press(&root, "[data-testid=new-account-submit]");
    tick().await;
    assert!(
        el(&root, "[data-testid=new-account-form]").is_some(),
        "not created"
    );
    assert!(!stored().contains("小鹿快递"));
    // Only what stands now is said, and focus is on it (QA: 请填写小程序名称 stayed; focus stayed
    // on 创建).
    assert!(el(&root, "[data-testid=field-error-name]").is_none());
    wait_until("focus on the 二级类目", || {
        active_testid().as_deref() == Some("new-account-secondary")
    })
    .await;
    type_into(&root, "[data-testid=new-account-secondary]", "邮政");
    click(&root, "[data-testid=new-account-submit]");
    wait_for(&root, "[data-testid=dev-plugin-status]").await;
    // The form is gone: focus is on the new page's heading, not lost to <body> (QA).
    wait_until("focus on the page's heading", || {
        crate::shell::active_heading().as_deref() == Some("小程序插件")
    })
    .await;
    let json = stored();
    assert!(json.contains("小鹿快递"));
    let created = serde_json::from_str::<serde_json::Value>(&json).unwrap()["workspace"]
        ["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["n"] == "小鹿快递")
        .cloned()
        .unwrap();
    assert_eq!(created["c"].as_array().unwrap().len(), 2, "{created}");
    let select = el(&root, "[data-testid=account-select]")
        .unwrap()
        .unchecked_into::<web_sys::HtmlSelectElement>();
    let chosen = select
        .selected_options()
        .item(0)
        .and_then(|o| o.text_content())
        .unwrap_or_default();
    assert!(chosen.contains("小鹿快递"), "switched: {chosen}");
    assert!(text(&root, "[data-testid=dev-plugin-status]").contains("小鹿快递"));
}

#[wasm_bindgen_test]
async fn dev_timeline_lists_events_newest_first_and_english_toggle() {
    let (root, _h, _b, ws) = start("顺丰速运", "/dev/timeline").await;
    wait_for(&root, "[data-testid=dev-timeline]").await;
    assert!(count(&root, "[data-testid=timeline-event]") > 5);
    let last = text(&root, "[data-testid=dev-timeline] > li:last-child");
    assert!(last.contains("插件开发者"), "oldest = opening: {last}");
    // The consumer an event concerns is named, as in 申请管理, not only by its AppID.
    let food = account_id(&ws, "美食点评");
    let all = text(&root, "[data-testid=dev-timeline]");
    assert!(
        all.contains(&format!("通过美食点评（{food}）的使用申请")),
        "no spaces around the name in Chinese (QA): {all}"
    );
    // Its own 申请使用 names it once, as the actor.
    assert!(
        all.contains(&format!("美食点评（{food}） · 小程序开发者申请使用")),
        "{all}"
    );
    let express = account_id(&ws, "顺丰速运");
    assert!(
        all.contains(&format!("顺丰速运（{express}）")),
        "the actor too, in Chinese punctuation: {all}"
    );
    click(&root, "[data-testid=lang-toggle]");
    tick().await;
    let all = text(&root, "[data-testid=dev-timeline]");
    assert!(all.contains(&format!("美食点评 ({food})")), "{all}");
    // Its own application is a line of its own, capitalised, saying what it applied for (QA:
    // "applied to use it", then "Applied to use it").
    assert!(all.contains("Applied to use the plugin"), "{all}");
    assert!(!all.contains("System · System"), "{all}");
    assert!(text(&root, "[data-testid=dev-timeline-page] h1").contains("Timeline"));
    assert!(text(&root, "nav.sidenav").contains("Versions"));
}

/// A long timeline comes in pages of 50, newest first, the page in the URL (QA: 7 518 events
/// drawn at once froze the page for 2 s).
#[wasm_bindgen_test]
async fn dev_timeline_comes_in_pages() {
    let mut ws = demo();
    let me = account_id(&ws, "顺丰速运");
    let weather = account_id(&ws, "墨迹天气");
    for p in [&me, &weather] {
        for i in 0..60 {
            let edit = Command::EditBasicInfo {
                plugin: p.clone(),
                icon: plugin_lifecycle::domain::Icon::Builtin("tool".into()),
                intro: format!("简介第 {i} 版"),
            };
            ws.execute(&Actor::Developer(p.clone()), super::review::now(), edit)
                .unwrap();
        }
    }
    let n = ws.events_for_plugin(&me).len();
    assert!(n > 60);
    let (root, _h, _b) = start_with(&ws, &me, "/dev/timeline").await;
    wait_for(&root, "[data-testid=timeline-next]").await;
    assert_eq!(count(&root, "[data-testid=timeline-event]"), 50);
    assert_eq!(
        text(&root, "[data-testid=timeline-count]"),
        format!("共 {n} 条")
    );
    click(&root, "[data-testid=timeline-next]");
    tick().await;
    assert_eq!(
        count(&root, "[data-testid=timeline-event]"),
        (n - 50) as u32
    );
    assert_eq!(text(&root, "[data-testid=timeline-page]"), "2 / 2");
    let search = web_sys::window().unwrap().location().search().unwrap();
    assert_eq!(search, "?page=2");
    // The oldest event, the opening, ends the last page.
    let last = text(&root, "[data-testid=dev-timeline] > li:last-child");
    assert!(last.contains("开通插件功能"), "{last}");
    assert_eq!(crate::shell::active_id().as_deref(), Some("timeline-title"));
    // Another account's timeline starts on its first page (review: page 2 carried over).
    crate::review::choose(&root, "[data-testid=account-select]", weather.as_str());
    let search = || web_sys::window().unwrap().location().search().unwrap();
    wait_until("the other account's first page", || search().is_empty()).await;
    assert_eq!(text(&root, "[data-testid=timeline-page]"), "1 / 2");
    crate::shell::after_queued_timers().await;
}

#[wasm_bindgen_test]
async fn dev_edit_basic_info_keeps_name_and_refuses_long_intro_in_english() {
    let (root, _h, _b, _) = start("墨迹天气", "/dev/open").await;
    wait_for(&root, "[data-testid=dev-edit-form]").await;
    assert_eq!(text(&root, "[data-testid=dev-edit-name]"), "天气预报");
    assert!(
        el(&root, "[data-testid=dev-name]").is_none(),
        "name is fixed"
    );
    click(&root, "[data-testid=lang-toggle]");
    tick().await;
    type_into(&root, "[data-testid=dev-edit-intro]", &"长".repeat(121));
    click(&root, "[data-testid=dev-edit-submit]");
    tick().await;
    let err = text(&root, "[data-testid=field-error-intro]");
    assert!(err.contains("120"), "English domain message: {err}");
    assert!(!err.contains("插件简介"), "not Chinese: {err}");
    assert_eq!(
        attr(&root, "[data-testid=dev-edit-intro]", "aria-describedby").as_deref(),
        Some("err-intro dev-edit-intro-hint dev-edit-intro-count")
    );
    type_into(&root, "[data-testid=dev-edit-intro]", "实时天气与空气质量");
    tick().await;
    assert_eq!(
        attr(&root, "[data-testid=dev-edit-intro]", "aria-describedby").as_deref(),
        Some("dev-edit-intro-hint dev-edit-intro-count"),
        "the refusal went with the edit: the hint and count again"
    );
    click(&root, "[data-testid=dev-icon-music]");
    click(&root, "[data-testid=dev-edit-submit]");
    tick().await;
    assert!(el(&root, "[data-testid=field-error-intro]").is_none());
    let json = stored();
    assert!(
        json.contains("实时天气与空气质量") && json.contains("music"),
        "stored"
    );
}

/// 历史申请 comes in pages of 20, newest first, the page in the URL (scale QA: 3 187 rows drawn
/// at once, again after each 通过).
#[wasm_bindgen_test]
async fn dev_application_history_comes_in_pages() {
    let mut ws = demo();
    let me = account_id(&ws, "顺丰速运");
    let weather = account_id(&ws, "墨迹天气");
    let t = super::review::now();
    // A new mini program: no application of its own in the demo.
    let zhang = ws
        .create_account(
            &Actor::System,
            t,
            "李四的小账本",
            SubjectType::Individual,
            vec![Category::new("工具", "记账")],
        )
        .unwrap();
    for p in [&weather, &me] {
        for i in 0..25 {
            let apply = Command::Apply {
                plugin: p.clone(),
                reason: format!("第 {i} 次"),
            };
            ws.execute(&Actor::Consumer(zhang.clone()), t, apply)
                .unwrap();
            let id = ws
                .applications_of_consumer(&zhang)
                .iter()
                .find(|a| a.plugin == *p && a.is_pending_at(t))
                .unwrap()
                .id;
            let reject = Command::RejectApplication {
                id,
                reason: "暂不合作".into(),
            };
            ws.execute(&Actor::Developer(p.clone()), t, reject).unwrap();
        }
    }
    let closed = ws
        .applications_for_plugin(&me)
        .iter()
        .filter(|a| a.status_at(t) != ApplicationStatus::Pending)
        .count();
    assert!(closed > 25);
    let (root, _h, _b) = start_with(&ws, &me, "/dev/applications").await;
    wait_for(&root, "[data-testid=app-history-next]").await;
    let rows = "[data-testid=applications-history] tbody tr";
    assert_eq!(count(&root, rows), 20);
    assert!(text(&root, rows).contains("第 24 次"), "newest first");
    assert_eq!(
        text(&root, "[data-testid=app-history-page]"),
        format!("1 / {}", closed.div_ceil(20))
    );
    click(&root, "[data-testid=app-history-last]");
    tick().await;
    assert_eq!(
        count(&root, rows),
        (closed - 20 * ((closed - 1) / 20)) as u32
    );
    let search = || web_sys::window().unwrap().location().search().unwrap();
    assert_eq!(search(), format!("?page={}", closed.div_ceil(20)));
    assert_eq!(
        crate::shell::active_id().as_deref(),
        Some("app-history-title")
    );
    // Another account's history starts on its first page (review: the last page carried over).
    crate::review::choose(&root, "[data-testid=account-select]", weather.as_str());
    wait_until("the other account's first page", || search().is_empty()).await;
    let page = text(&root, "[data-testid=app-history-page]");
    assert!(page.starts_with("1 / "), "{page}");
    crate::shell::after_queued_timers().await;
}

/// An Enter as a dialog opens is the twin of the press that opened it: ignored (QA: 上传 pressed
/// twice, 150 ms apart, uploaded the suggested version unasked); later ones are the user's.
#[wasm_bindgen_test]
async fn an_enter_as_a_dialog_opens_is_ignored() {
    let (root, _h, _b, _) = start("顺丰速运", "/dev/versions").await;
    open_upload(&root).await;
    let ignored = || {
        let ev = js_event(
            "KeyboardEvent",
            "keydown",
            &[
                ("key", "Enter".into()),
                ("bubbles", true.into()),
                ("cancelable", true.into()),
            ],
        );
        let field = el(&root, "#upload-version").unwrap();
        !field.dispatch_event(&ev).unwrap()
    };
    assert!(ignored(), "an Enter as the dialog opened was taken");
    wait_until("an Enter taken once the dialog is open a while", || {
        !ignored()
    })
    .await;
    crate::shell::after_queued_timers().await;
}

/// 待确认 comes in pages of 20, the most urgent first, its page in the URL under `pending=`
/// beside 历史申请's `page=` (scale QA: 2 000 rows drawn at once, ≈ 1 s to open); 拒绝 while a
/// reason typed on another page is unsent shows that page, its form and reason.
#[wasm_bindgen_test]
async fn dev_pending_applications_come_in_pages() {
    use plugin_lifecycle::ui::components::pager::with_page;
    assert_eq!(with_page("?page=3", "pending", 1), "?page=3&pending=2");
    assert_eq!(with_page("?pending=2&page=3", "pending", 0), "?page=3");
    assert_eq!(
        with_page("?pending=2&page=3", "pending", 4),
        "?pending=5&page=3"
    );
    assert_eq!(with_page("", "page", 0), "");
    let mut ws = demo();
    let me = account_id(&ws, "顺丰速运");
    let t = super::review::now();
    // 25 new mini programs apply, a millisecond apart: the first is the most urgent.
    let mut ids = vec![];
    for i in 0..25 {
        let at = Timestamp(t.0 + i);
        let consumer = ws
            .create_account(
                &Actor::System,
                at,
                &format!("申请者{i:02}"),
                SubjectType::Enterprise,
                vec![Category::new("工具", "记账")],
            )
            .unwrap();
        let apply = Command::Apply {
            plugin: me.clone(),
            reason: format!("第 {i} 个"),
        };
        ws.execute(&Actor::Consumer(consumer.clone()), at, apply)
            .unwrap();
        let a = ws.applications_of_consumer(&consumer)[0].id.0;
        ids.push(a);
    }
    let pending = ws
        .applications_for_plugin(&me)
        .iter()
        .filter(|a| a.status_at(t) == ApplicationStatus::Pending)
        .count();
    assert!(pending > 20 && pending <= 40, "{pending}");
    let (root, h, _b) = start_with(&ws, &me, "/dev/applications").await;
    wait_for(&root, "[data-testid=app-pending-next]").await;
    let rows = "[data-testid=applications-pending] tbody tr";
    assert_eq!(count(&root, rows), 20);
    assert_eq!(text(&root, "[data-testid=app-pending-page]"), "1 / 2");
    assert!(el(&root, &format!("[data-testid=app-row-{}]", ids[24])).is_none());
    // Named after its list, as the page has two (QA: two landmarks named 「分页」).
    assert_eq!(
        attr(
            &root,
            "nav:has([data-testid=app-pending-page])",
            "aria-label"
        )
        .as_deref(),
        Some("待确认的分页")
    );
    // Open a 拒绝 on the second page and type a reason.
    click(&root, "[data-testid=app-pending-next]");
    tick().await;
    let search = || web_sys::window().unwrap().location().search().unwrap();
    assert_eq!(search(), "?pending=2");
    assert_eq!(active_id().as_deref(), Some("app-pending-title"));
    assert_eq!(count(&root, rows), (pending - 20) as u32);
    let last = ids[24];
    assert!(
        text(&root, rows).starts_with(&format!("申请者{}", 45 - pending)),
        "{}",
        text(&root, rows)
    );
    super::shell::after_queued_timers().await;
    press(&root, &format!("[data-testid=app-reject-{last}]"));
    let reason = format!("[data-testid=app-reject-reason-{last}]");
    wait_for(&root, &reason).await;
    type_into(&root, &reason, "请先说明使用场景");
    // Back to the first page: that row is not drawn.
    click(&root, "[data-testid=app-pending-first]");
    tick().await;
    assert_eq!(search(), "");
    assert!(el(&root, &reason).is_none());
    // 拒绝 on the first page's most urgent row: the reason's page comes back, its form open.
    // (The demo's own pending ones are older than the 25.)
    let first_row = el(&root, rows).and_then(|r| r.get_attribute("data-testid"));
    let first = first_row
        .unwrap()
        .trim_start_matches("app-row-")
        .to_string();
    super::shell::after_queued_timers().await;
    press(&root, &format!("[data-testid=app-reject-{first}]"));
    tick().await;
    wait_until("the reason's page and field", || {
        active_testid() == Some(format!("app-reject-reason-{last}"))
    })
    .await;
    // What it holds, by its counter (as in the test above: in this test page a field drawn
    // anew shows an empty `value`; the release bundle shows the reason, checked with puppeteer).
    assert_eq!(
        text(&root, "[data-testid=app-reject-reason-count]"),
        "8 / 200"
    );
    assert_eq!(text(&root, "[data-testid=app-pending-page]"), "2 / 2");
    assert_eq!(search(), "?pending=2");
    assert!(el(&root, &format!("[data-testid=app-reject-form-{first}]")).is_none());
    crate::shell::after_queued_timers().await;
    // Arriving on the first page (a reload from the side menu's link): the kept reason's page
    // shows, its form open (review: its note had nothing to show).
    drop(h);
    super::review::go("/dev/applications");
    let h = crate::shell::mount(&root, App);
    wait_until("the kept reason's page", || {
        el(&root, &reason).is_some() && search() == "?pending=2"
    })
    .await;
    // Another tab decides the six most urgent (the oldest, last in the list as stored): the
    // list moves up under the open form, whose
    // page follows (review: the form went with its row, unsaid).
    crate::shell::another_tab_saves(|other| {
        let urgent: Vec<_> = other
            .applications_for_plugin(&me)
            .iter()
            .rev()
            .filter(|a| a.is_pending_at(t))
            .map(|a| a.id)
            .take(6)
            .collect();
        for id in urgent {
            let approve = Command::ApproveApplication { id };
            other
                .execute(&Actor::Developer(me.clone()), t, approve)
                .unwrap();
        }
    });
    crate::shell::announce_storage_change();
    wait_until("the form's row on the first page", || {
        text(&root, "[data-testid=app-pending-count]") == format!("（{}）", pending - 6)
            && search().is_empty()
    })
    .await;
    assert!(el(&root, &reason).is_some(), "the form followed its row");
    assert!(
        el(&root, "[data-testid=app-pending-page]").is_none(),
        "one page left"
    );
    crate::shell::after_queued_timers().await;
    drop(h);
}

#[wasm_bindgen_test]
async fn dev_pending_application_expires_when_clock_moves_24h() {
    let (root, _h, _b, ws) = start("大麦票务", "/dev/applications").await;
    let me = account_id(&ws, "大麦票务");
    let now = now();
    let pending = first_pending(&ws, &me, now);
    wait_for(&root, &format!("[data-testid=app-approve-{pending}]")).await;
    click(&root, "[data-testid=clock-plus-24h]");
    tick().await;
    assert!(el(&root, &format!("[data-testid=app-approve-{pending}]")).is_none());
    assert!(text(&root, &format!("[data-testid=app-status-{pending}]")).contains("已超时"));
    assert!(el(&root, &format!("[data-testid=app-delete-{pending}]")).is_some());
    // Said, with what it made happen (demo QA: the row went without a word).
    let expired = ws
        .applications()
        .iter()
        .filter(|a| a.is_pending_at(now))
        .count();
    assert!(expired > 0);
    let said = text(&root, "[data-testid=toast-region]");
    assert!(
        said.starts_with("模拟时钟前进 24 小时，现在是 ")
            && said.ends_with(&format!("；工作区中 {expired} 个待确认的使用申请已超时")),
        "{said}"
    );
}

/// Another tab's change redraws a row with focus in it: focus goes to the row's next step, not
/// to <body> (re-check QA).
#[wasm_bindgen_test]
async fn dev_version_row_changed_by_another_tab_keeps_focus_in_the_row() {
    let (root, _h, _b, ws) = start("顺丰速运", "/dev/versions").await;
    let me = account_id(&ws, "顺丰速运");
    wait_for(&root, "[data-testid=withdraw-1\\.2\\.0]").await;
    // What the page does as it opens (its focus) is done first.
    crate::shell::after_queued_timers().await;
    focus(&root, "[data-testid=withdraw-1\\.2\\.0]");
    crate::shell::another_tab_saves(|other| {
        let cmd = Command::ApproveReview {
            plugin: me.clone(),
            version: Semver::new(1, 2, 0),
        };
        let now = now();
        other
            .execute(&Actor::Reviewer("reviewer-1".into()), now, cmd)
            .unwrap()
    });
    crate::shell::announce_storage_change();
    wait_until("focus on the row's 发布", || {
        active_testid().as_deref() == Some("release-1.2.0")
    })
    .await;
}

#[wasm_bindgen_test]
async fn dev_withdraw_review_then_submit_is_enabled_again() {
    let (root, _h, _b, _) = start("顺丰速运", "/dev/versions").await;
    wait_for(&root, "[data-testid=version-row-1\\.2\\.0]").await;
    assert!(disabled(&root, "[data-testid=submit-review-1\\.2\\.0]"));
    assert!(!disabled(&root, "[data-testid=withdraw-1\\.2\\.0]"));
    click(&root, "[data-testid=withdraw-1\\.2\\.0]");
    tick().await;
    assert!(!disabled(&root, "[data-testid=submit-review-1\\.2\\.0]"));
    assert!(disabled(&root, "[data-testid=withdraw-1\\.2\\.0]"));
    click(&root, "[data-testid=submit-review-1\\.2\\.0]");
    wait_for(&root, "[data-testid=review-form]").await;
    // Prefilled from the last submission.
    assert_eq!(count(&root, "[data-testid=review-tag]"), 3);
}

/// 墨迹天气 with two 待确认 applications: 张三的记账本's (`a`, the older) and 城市出行's (`b`).
fn two_pending() -> (Workspace, AppId, u64, u64) {
    let mut ws = demo();
    let me = account_id(&ws, "墨迹天气");
    let travel = account_id(&ws, "城市出行");
    let now = now();
    ws.execute(
        &Actor::Consumer(travel),
        now,
        Command::Apply {
            plugin: me.clone(),
            reason: "站点页显示天气".into(),
        },
    )
    .unwrap();
    let pending: Vec<u64> = ws
        .applications_for_plugin(&me)
        .iter()
        .filter(|a| a.status_at(now) == ApplicationStatus::Pending)
        .map(|a| a.id.0)
        .collect();
    let [b, a] = pending[..] else {
        panic!("two pending: {pending:?}")
    };
    (ws, me, a, b)
}

#[wasm_bindgen_test]
async fn dev_rejection_reason_typed_is_kept_when_another_row_is_rejected() {
    let (ws, me, a, b) = two_pending();
    let (root, _h, _b) = start_with(&ws, &me, "/dev/applications").await;
    wait_for(&root, &format!("[data-testid=app-reject-{a}]")).await;
    click(&root, &format!("[data-testid=app-reject-{a}]"));
    let reason_a = format!("[data-testid=app-reject-reason-{a}]");
    wait_for(&root, &reason_a).await;
    type_into(&root, &reason_a, "请先说明使用场景");
    // 拒绝 on the other row: A's reason stays, its form open, focus in it, with a word (QA: it
    // was dropped).
    click(&root, &format!("[data-testid=app-reject-{b}]"));
    tick().await;
    assert!(el(&root, &format!("[data-testid=app-reject-form-{b}]")).is_none());
    assert_eq!(value(&root, &reason_a), "请先说明使用场景");
    assert_eq!(active_testid(), Some(format!("app-reject-reason-{a}")));
    assert_eq!(
        text(&root, "[data-testid=toast-region]"),
        "对「张三的记账本」的拒绝理由尚未发送：请先确认拒绝或取消"
    );
    // Closed (拒绝 again keeps it too), then 拒绝 on B: A's form comes back with its reason.
    press(&root, &format!("[data-testid=app-reject-{a}]"));
    tick().await;
    assert!(el(&root, &reason_a).is_none());
    // Kept, and said on its row (QA: nothing showed it, yet it held 拒绝 on the other rows).
    assert_eq!(
        text(&root, &format!("[data-testid=app-reject-kept-{a}]")),
        "拒绝理由已填写、未发送：点「拒绝」继续"
    );
    press(&root, &format!("[data-testid=app-reject-{b}]"));
    tick().await;
    wait_until("A's reason field focused", || {
        active_testid() == Some(format!("app-reject-reason-{a}"))
    })
    .await;
    assert!(el(&root, &format!("[data-testid=app-reject-form-{b}]")).is_none());
    // What it holds, by its counter: in this test page the form closed and opened again in one
    // mount shows an empty `value` (by its own 拒绝 too, and before this change), while the
    // release bundle in Chromium shows the reason (checked with puppeteer, by real and by
    // scripted clicks and input).
    assert_eq!(
        text(&root, "[data-testid=app-reject-reason-count]"),
        "8 / 200"
    );
    assert!(el(&root, &format!("[data-testid=app-reject-kept-{a}]")).is_none());
    // Cancelled, B's form opens afresh.
    click(&root, &format!("[data-testid=app-reject-cancel-{a}]"));
    tick().await;
    click(&root, &format!("[data-testid=app-reject-{b}]"));
    tick().await;
    let reason_b = format!("[data-testid=app-reject-reason-{b}]");
    wait_for(&root, &reason_b).await;
    assert_eq!(value(&root, &reason_b), "");
    // A reason kept with its form closed goes with a word when its application is decided or
    // runs out (QA: it went silently).
    type_into(&root, &reason_b, "不需要");
    press(&root, &format!("[data-testid=app-reject-{b}]"));
    tick().await;
    assert!(el(&root, &format!("[data-testid=app-reject-kept-{b}]")).is_some());
    crate::shell::after_queued_timers().await;
    click(&root, "[data-testid=clock-plus-24h]");
    tick().await;
    wait_until("the kept reason is gone", || {
        el(&root, &format!("[data-testid=app-reject-kept-{b}]")).is_none()
    })
    .await;
    // After the clock's own word.
    let said = text(&root, "[data-testid=toast-region]");
    assert_eq!(
        said.lines().last(),
        Some("「城市出行」的申请已不是待确认（已超时），拒绝理由未发送"),
        "{said}"
    );
    crate::shell::after_queued_timers().await;
}

/// 通过 goes on to the next row, where the user was in the list (QA: the table's heading, 96 000
/// px up from row 1 500 of 2 000): its applicant, not its 通过 (QA: a second Enter, or a held one,
/// approved the next applicant too, unread).
#[wasm_bindgen_test]
async fn dev_approving_goes_on_to_the_next_pending_row() {
    let (ws, me, a, b) = two_pending();
    let (root, _h, _b) = start_with(&ws, &me, "/dev/applications").await;
    wait_for(&root, &format!("[data-testid=app-approve-{a}]")).await;
    assert_eq!(neighbour_row(&root, &a.to_string()), Some(b.to_string()));
    // Each list's heading says how many it holds (scale QA: 2 001 rows, no count).
    let count = |which: &str| text(&root, &format!("[data-testid=app-{which}-count]"));
    assert_eq!(count("pending"), "（2）");
    let closed = |c: String| -> usize {
        c.trim_matches(|ch| ch == '（' || ch == '）')
            .parse()
            .unwrap_or(0)
    };
    let closed_before = closed(count("history"));
    click(&root, &format!("[data-testid=app-approve-{a}]"));
    wait_until("focus on the next row's applicant", || {
        active_testid() == Some(format!("app-who-{b}"))
    })
    .await;
    assert_eq!(count("pending"), "（1）");
    assert_eq!(closed(count("history")), closed_before + 1);
}

/// 待确认's countdowns run with the clock and follow the language, read by one clock reader
/// for the table (scale QA: one a row cost 60–90 ms a second with 2 001 rows).
#[wasm_bindgen_test]
async fn dev_pending_countdowns_follow_the_clock_and_the_language() {
    let (ws, me, a, _b) = two_pending();
    let (root, _h, _b) = start_with(&ws, &me, "/dev/applications").await;
    let cell = format!("[data-testid=app-countdown-{a}]");
    wait_for(&root, &cell).await;
    let hours = |t: &str| -> i64 { t.split('小').next().unwrap().trim().parse().unwrap() };
    let before = text(&root, &cell);
    assert!(before.contains("小时"), "{before}");
    click(&root, "[data-testid=clock-plus-1h]");
    wait_until("an hour less left", || {
        let now = text(&root, &cell);
        now.contains("小时") && hours(&now) == hours(&before) - 1
    })
    .await;
    click(&root, "[data-testid=lang-toggle]");
    wait_until("said in English", || text(&root, &cell).contains("h ")).await;
    click(&root, "[data-testid=lang-toggle]");
    tick().await;
}

#[wasm_bindgen_test]
async fn dev_typed_rejection_reason_survives_another_application_being_approved() {
    let (ws, me, a, b) = two_pending();
    let (root, _h, _b) = start_with(&ws, &me, "/dev/applications").await;
    wait_for(&root, &format!("[data-testid=app-reject-{a}]")).await;
    // The most urgent first: the older application has the least time left (QA).
    let first = el(&root, "[data-testid=applications-pending] tbody tr")
        .and_then(|r| r.get_attribute("data-testid"));
    assert_eq!(first, Some(format!("app-row-{a}")));
    click(&root, &format!("[data-testid=app-reject-{a}]"));
    let reason_id = format!("app-reject-reason-{a}");
    let reason = format!("[data-testid={reason_id}]");
    wait_for(&root, &reason).await;
    type_into(&root, &reason, "请先说明使用场景");
    assert_eq!(active_testid(), Some(reason_id.clone()));
    click(&root, &format!("[data-testid=app-approve-{b}]"));
    tick().await;
    assert!(text(&root, &format!("[data-testid=app-status-{b}]")).contains("已通过"));
    assert_eq!(value(&root, &reason), "请先说明使用场景", "A's reason kept");
    // Focus goes where 通过 sends it with no form open, the other row's applicant, not into A's
    // form drawn again (QA).
    crate::shell::after_queued_timers().await;
    assert_eq!(active_testid(), Some(format!("app-who-{a}")));
    // A itself leaves 待确认 meanwhile (here its 24 h run out; another tab's decision is the
    // same change of the workspace): the form goes with a word on why, focus stays on the page
    // (QA: it vanished silently, focus on <body>). A later task than the approval's toast.
    crate::shell::after_queued_timers().await;
    click(&root, "[data-testid=clock-plus-24h]");
    tick().await;
    wait_until("the form is gone", || el(&root, &reason).is_none()).await;
    // After the clock's own word.
    let said = text(&root, "[data-testid=toast-region]");
    assert_eq!(
        said.lines().last(),
        Some("「张三的记账本」的申请已不是待确认（已超时），拒绝理由未发送"),
        "{said}"
    );
    wait_until("focus on 待确认", || {
        active_id().as_deref() == Some("app-pending-title")
    })
    .await;
}

#[wasm_bindgen_test]
async fn dev_history_says_removed_when_the_consumer_removed_the_plugin() {
    // 美食点评 was approved for 快递查询助手 (顺丰速运), then removed it.
    let mut ws = demo();
    let me = account_id(&ws, "顺丰速运");
    let food = account_id(&ws, "美食点评");
    let now = now();
    let id = ws
        .applications_for_plugin(&me)
        .iter()
        .find(|a| a.consumer == food && a.status == ApplicationStatus::Approved)
        .expect("the demo's approved application")
        .id
        .0;
    ws.execute(
        &Actor::Consumer(food),
        now,
        Command::RemovePlugin { plugin: me.clone() },
    )
    .unwrap();
    let (root, _h, _b) = start_with(&ws, &me, "/dev/applications").await;
    let status = format!("[data-testid=app-status-{id}]");
    wait_for(&root, &status).await;
    assert_eq!(text(&root, &status), "已通过 · 已移除");
    click(&root, "[data-testid=lang-toggle]");
    tick().await;
    assert_eq!(text(&root, &status), "Approved · removed");
    click(&root, "[data-testid=lang-toggle]");
    tick().await;
}

#[wasm_bindgen_test]
async fn dev_rejection_reason_counter_turns_red_over_the_domain_limit() {
    let (root, _h, _b, ws) = start("墨迹天气", "/dev/applications").await;
    let me = account_id(&ws, "墨迹天气");
    let now = now();
    let pending = first_pending(&ws, &me, now);
    wait_for(&root, &format!("[data-testid=app-reject-{pending}]")).await;
    click(&root, &format!("[data-testid=app-reject-{pending}]"));
    let reason = format!("[data-testid=app-reject-reason-{pending}]");
    wait_for(&root, &reason).await;
    let count = "[data-testid=app-reject-reason-count]";
    let max = plugin_lifecycle::domain::MAX_REJECT_REASON_CHARS;
    type_into(&root, &reason, &"理".repeat(max));
    tick().await;
    assert_eq!(text(&root, count), format!("{max} / {max}"));
    assert!(!attr(&root, count, "class").unwrap().contains("over"));
    type_into(&root, &reason, &"理".repeat(max + 1));
    tick().await;
    assert_eq!(text(&root, count), format!("{} / {max}", max + 1));
    assert!(attr(&root, count, "class").unwrap().contains("over"));
    assert!(attr(&root, &reason, "aria-describedby")
        .unwrap()
        .contains("reject-reason-count"));
}

#[wasm_bindgen_test]
async fn dev_delete_application_asks_first() {
    let (root, _h, _b, ws) = start("墨迹天气", "/dev/applications").await;
    let me = account_id(&ws, "墨迹天气");
    let now = now();
    let expired = first_with_status(&ws, &me, now, ApplicationStatus::Expired);
    let delete = format!("[data-testid=app-delete-{expired}]");
    let row = format!("[data-testid=app-row-{expired}]");
    wait_for(&root, &delete).await;
    // Asks first, the safe choice focused; Esc closes and focus returns to 删除.
    click(&root, &delete);
    wait_for(&root, "[data-testid=delete-app-dialog]").await;
    let asked = text(&root, "[data-testid=delete-app-dialog]");
    assert!(asked.contains("美食点评"), "{asked}");
    // 已超时: there is no reason for rejecting to speak of (QA).
    assert!(!asked.contains("拒绝理由"), "{asked}");
    assert_eq!(active_testid().as_deref(), Some("delete-app-cancel"));
    keydown(&root, "[data-testid=delete-app-dialog]", "Escape", false);
    tick().await;
    assert!(el(&root, "[data-testid=delete-app-dialog]").is_none());
    let back = format!("app-delete-{expired}");
    wait_until("focus back on 删除", || {
        active_testid().as_deref() == Some(back.as_str())
    })
    .await;
    assert!(el(&root, &row).is_some(), "nothing deleted");
    // 取消: still there.
    click(&root, &delete);
    wait_for(&root, "[data-testid=delete-app-cancel]").await;
    click(&root, "[data-testid=delete-app-cancel]");
    tick().await;
    assert!(el(&root, "[data-testid=delete-app-dialog]").is_none());
    assert!(el(&root, &row).is_some(), "nothing deleted");
    // 确定删除: gone.
    click(&root, &delete);
    wait_for(&root, "[data-testid=delete-app-confirm]").await;
    click(&root, "[data-testid=delete-app-confirm]");
    tick().await;
    assert!(el(&root, "[data-testid=delete-app-dialog]").is_none());
    assert!(el(&root, &row).is_none(), "deleted");
    wait_until("focus on the history heading", || {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .is_some_and(|e| e.id() == "app-history-title")
    })
    .await;
}

#[wasm_bindgen_test]
async fn dev_upload_description_counter_turns_red_over_the_limit() {
    let (root, _h, _b, _) = start("顺丰速运", "/dev/versions").await;
    open_upload(&root).await;
    wait_for(&root, "[data-testid=upload-desc]").await;
    let count = "[data-testid=upload-desc-count]";
    let max = plugin_lifecycle::domain::MAX_VERSION_DESCRIPTION_CHARS;
    assert_eq!(text(&root, count), format!("0 / {max}"));
    type_into(&root, "[data-testid=upload-desc]", &"新".repeat(max));
    tick().await;
    assert!(!attr(&root, count, "class").unwrap().contains("over"));
    type_into(&root, "[data-testid=upload-desc]", &"新".repeat(max + 1));
    tick().await;
    assert_eq!(text(&root, count), format!("{} / {max}", max + 1));
    assert!(attr(&root, count, "class").unwrap().contains("over"));
    assert!(attr(&root, "[data-testid=upload-desc]", "aria-describedby")
        .unwrap()
        .contains("upload-desc-count"));
    // 上传 refuses it, with a version not x.y.z: both said at once (QA: one at a time); once
    // shortened, the refusal goes with the old text (QA: it stayed).
    type_into(&root, "[data-testid=upload-version]", "1.0");
    click(&root, "[data-testid=upload-submit]");
    tick().await;
    assert!(text(&root, "[data-testid=field-error-version]").contains("x.y.z"));
    assert!(text(&root, "[data-testid=field-error-description]").contains("不能超过 200 个字符"));
    type_into(&root, "[data-testid=upload-desc]", &"新".repeat(max));
    tick().await;
    assert!(el(&root, "[data-testid=field-error-description]").is_none());
}

#[wasm_bindgen_test]
async fn dev_application_history_shows_the_reason_under_its_badge() {
    // 大麦票务 refused 张三的记账本 once (「请补充具体使用场景」). The reason is not in the badge,
    // which does not wrap (QA: a long one made the table wider than the page).
    let (root, _h, _b, _) = start("大麦票务", "/dev/applications").await;
    wait_for(&root, "[data-testid=applications-history]").await;
    let status = "[data-testid=applications-history] [data-testid^=app-status-]";
    let reason = "[data-testid=applications-history] [data-testid^=app-reason-]";
    assert_eq!(text(&root, status), "已拒绝");
    assert_eq!(text(&root, reason), "请补充具体使用场景");
    click(&root, "[data-testid=lang-toggle]");
    tick().await;
    assert_eq!(text(&root, status), "Rejected");
    let en = text(&root, "[data-testid=applications-history]");
    assert!(!en.contains("："), "no full-width colon in English: {en}");
}

#[wasm_bindgen_test]
async fn dev_home_pending_count_follows_real_time_past_a_deadline() {
    let root = fresh();
    let ws = demo();
    let weather = account_id(&ws, "墨迹天气");
    let real = || now();
    let pending: Vec<_> = ws
        .applications_for_plugin(&weather)
        .into_iter()
        .filter(|a| a.is_pending_at(real()))
        .map(|a| a.expires_at())
        .collect();
    let deadline = *pending.iter().min().expect("a 待确认 application");
    let n = pending.len();
    Persistence::browser().save(&ws).unwrap();
    // The simulated clock 1.5 s before that application's 24 h window closes; then real time runs.
    Session {
        account: Some(weather.clone()),
        clock_offset_ms: deadline.0 - 1_500 - real().0,
        ..Session::default()
    }
    .save();
    let _back = at("/dev");
    let _h = crate::shell::mount(&root, App);
    tick().await;
    wait_for(&root, "[data-testid=dev-pending-count]").await;
    let before = text(&root, "[data-testid=dev-pending-count]");
    assert!(before.starts_with(&n.to_string()), "{before}");
    assert!(text(&root, "[data-testid=dev-next]").contains("处理使用申请"));
    wait_until("the 24 h window closed on the home page", || {
        text(&root, "[data-testid=dev-pending-count]").starts_with(&(n - 1).to_string())
    })
    .await;
    if n == 1 {
        assert!(!text(&root, "[data-testid=dev-next]").contains("处理使用申请"));
    }
}

/// The demo with 顺丰速运's 1.3.0 uploaded (its 1.2.0 审核中): the workspace, 顺丰速运, now.
fn express_with_1_3_0() -> (Workspace, AppId, Timestamp) {
    let mut ws = demo();
    let me = account_id(&ws, "顺丰速运");
    let now = now();
    let dev = Actor::Developer(me.clone());
    ws.upload_version(
        &dev,
        now,
        &me,
        "1.3.0",
        "新增国际件",
        r#"{"main":"index.js"}"#,
    )
    .unwrap();
    (ws, me, now)
}

#[wasm_bindgen_test]
async fn dev_submit_page_follows_another_tabs_review_decision() {
    // 1.3.0 cannot be submitted while 1.2.0 is 审核中; a reviewer in another tab approves
    // 1.2.0, and this page unblocks without a reload.
    let (ws, me, now) = express_with_1_3_0();
    let (root, _h, _b) = start_with(&ws, &me, "/dev/versions/1.3.0/submit").await;
    wait_for(&root, "[data-testid=review-blocked]").await;
    // A warning with the way back (QA: a grey line under a usable-looking form), to the
    // version's row.
    assert!(el(&root, ".banner-warn a[href='/dev/versions#version-1.3.0']").is_some());
    // The side menu marks 开发管理 as where this page is; links back to it are not "current"
    // (QA: they were, and the menu was not).
    assert!(el(&root, "nav.sidenav a[href='/dev/versions'][aria-current]").is_some());
    assert!(el(&root, ".content a[aria-current]").is_none());
    let submit = "[data-testid=review-submit]";
    assert!(el(&root, submit).unwrap().has_attribute("disabled"));
    let v120 = Semver::parse("1.2.0").unwrap();
    super::shell::another_tab_saves(|other| {
        other
            .approve_review(&Actor::Reviewer("reviewer-1".into()), now, &me, v120)
            .unwrap()
    });
    super::shell::announce_storage_change();
    tick().await;
    wait_until("the block lifted", || {
        el(&root, "[data-testid=review-blocked]").is_none()
            && !el(&root, submit).unwrap().has_attribute("disabled")
    })
    .await;
}

#[wasm_bindgen_test]
async fn dev_submit_page_shows_a_refusal_made_in_another_tab() {
    // 1.2.0 审核中, its page open; a reviewer in another tab refuses it: the reason shows
    // without a reload (QA: the form came back usable with no word of why).
    let (ws, me, now) = express_with_1_3_0();
    let (root, _h, _b) = start_with(&ws, &me, "/dev/versions/1.2.0/submit").await;
    wait_for(&root, "[data-testid=review-blocked]").await;
    assert!(el(&root, "[data-testid=review-last-rejection]").is_none());
    let cmd = Command::RejectReview {
        plugin: me.clone(),
        version: Semver::parse("1.2.0").unwrap(),
        reason: "请补充隐私说明".into(),
    };
    super::shell::another_tab_saves(|other| {
        (other.execute(&Actor::Reviewer("reviewer-1".into()), now, cmd)).unwrap()
    });
    super::shell::announce_storage_change();
    wait_until("the refusal and its reason shown", || {
        el(&root, "[data-testid=review-last-rejection]")
            .and_then(|e| e.text_content())
            .is_some_and(|t| t.contains("请补充隐私说明"))
            && el(&root, "[data-testid=review-blocked]").is_none()
    })
    .await;
}

/// Whether the element matching `css` is disabled, itself or by a disabled fieldset around it.
fn matches_disabled(root: &web_sys::HtmlElement, css: &str) -> bool {
    el(root, css)
        .unwrap_or_else(|| panic!("no element {css}"))
        .matches(":disabled")
        .unwrap()
}

/// With every version offline, 待确认 applications cannot be approved (no online version):
/// an approved version's release comes first (QA: the next step said 处理使用申请).
#[wasm_bindgen_test]
async fn dev_home_releases_an_approved_version_first_when_none_is_online() {
    let (mut ws, me, now) = express_with_1_3_0();
    ws.approve_review(
        &Actor::Reviewer("reviewer-1".into()),
        now,
        &me,
        Semver::parse("1.2.0").unwrap(),
    )
    .unwrap();
    crate::consumer::take_every_version_offline(&mut ws, &me);
    assert!(ws
        .applications_for_plugin(&me)
        .iter()
        .any(|a| a.status_at(now) == ApplicationStatus::Pending));
    let (root, _h, _b) = start_with(&ws, &me, "/dev").await;
    wait_for(&root, "[data-testid=dev-next]").await;
    assert!(
        text(&root, "[data-testid=dev-next]").contains("发布审核通过的版本"),
        "{}",
        text(&root, "[data-testid=dev-next]")
    );
    // The link leads to the button that takes the step (QA: to the page's top).
    click(&root, "[data-testid=dev-next-step]");
    wait_until("its 发布 button focused", || {
        active_testid().as_deref() == Some("release-1.2.0")
    })
    .await;
    let w = web_sys::window().unwrap();
    wait_until("the hash handled", || {
        w.location().hash().unwrap().is_empty()
            && w.location().pathname().unwrap() == "/dev/versions"
    })
    .await;
}

/// /dev counts the versions in each status under the badge's own label, in both languages
/// (code review: typed again there, "Development" beside the badge's "Development version").
#[wasm_bindgen_test]
async fn dev_home_counts_versions_under_the_badges_labels() {
    let (ws, me, _) = express_with_1_3_0();
    let (root, _h, _b) = start_with(&ws, &me, "/dev").await;
    wait_for(&root, "[data-testid=dev-version-stats]").await;
    let p = ws.plugin(&me).unwrap();
    let stats = |root: &web_sys::HtmlElement, en: bool| {
        let t = text(root, "[data-testid=dev-version-stats]");
        for s in VersionStatus::all() {
            let n = p
                .versions
                .iter()
                .filter(|v| std::mem::discriminant(&v.status) == std::mem::discriminant(&s))
                .count();
            let label = if en {
                let mut e = s.en().to_string();
                e[..1].make_ascii_uppercase();
                e
            } else {
                s.zh().to_string()
            };
            assert!(t.contains(&format!("{n}{label}")), "{n}{label} in {t}");
        }
    };
    stats(&root, false);
    click(&root, "[data-testid=lang-toggle]");
    tick().await;
    stats(&root, true);
    assert!(text(&root, "[data-testid=dev-version-stats]").contains("Development version"));
}

/// 上传新版本 as the next step leads to the 上传 button itself (QA: to the page's top).
#[wasm_bindgen_test]
async fn dev_home_next_step_upload_leads_to_the_upload_button() {
    let mut ws = demo();
    let gov = account_id(&ws, "深圳市政务服务");
    crate::consumer::take_every_version_offline(&mut ws, &gov);
    let (root, _h, _b) = start_with(&ws, &gov, "/dev").await;
    wait_for(&root, "[data-testid=dev-next-step]").await;
    assert_eq!(text(&root, "[data-testid=dev-next-step]"), "上传新版本");
    click(&root, "[data-testid=dev-next-step]");
    wait_until("上传 focused", || {
        active_testid().as_deref() == Some("upload-open")
    })
    .await;
    // On 开发管理 itself, the step is named, not linked.
    assert!(text(&root, "[data-testid=versions-next]").contains("上传新版本"));
    assert!(el(&root, "[data-testid=versions-next] a").is_none());
}

#[wasm_bindgen_test]
async fn dev_submit_form_of_a_version_submitted_elsewhere_shows_that_submission() {
    // 1.2.0 approved, 1.3.0 uploaded: this page types 1.3.0's 功能描述, another tab submits
    // 1.3.0 meanwhile (QA: the form kept the typed text and its draft note, not submittable).
    let (mut ws, me, now) = express_with_1_3_0();
    let dev = Actor::Developer(me.clone());
    let v120 = Semver::parse("1.2.0").unwrap();
    ws.approve_review(&Actor::Reviewer("reviewer-1".into()), now, &me, v120)
        .unwrap();
    let v130 = Semver::parse("1.3.0").unwrap();
    let category = ws
        .plugin_category_options(&me)
        .into_iter()
        .find(|o| o.allowed.is_ok())
        .unwrap()
        .category;
    let (root, _h, _b) = start_with(&ws, &me, "/dev/versions/1.3.0/submit").await;
    let desc = "[data-testid=review-desc]";
    wait_for(&root, desc).await;
    assert!(!matches_disabled(&root, desc));
    type_into(
        &root,
        desc,
        "本标签页输入、尚未提交的功能描述，足够二十个字。",
    );
    type_into(&root, "[data-testid=review-tags-input]", "未加的标签");
    tick().await;
    assert_eq!(
        crate::shell::drafts_kept().len(),
        2,
        "the 功能描述 and the tag typed"
    );
    focus(&root, desc);
    let theirs = "另一个标签页提交的功能描述，也有二十个字以上。";
    super::shell::another_tab_saves(|other| {
        let submission = plugin_lifecycle::domain::ReviewSubmission {
            category: category.clone(),
            tags: vec!["国际件".into()],
            feature_description: theirs.into(),
        };
        other
            .submit_review(&dev, now, &me, v130, submission)
            .unwrap()
    });
    super::shell::announce_storage_change();
    wait_until("the version is said to be 审核中", || {
        el(&root, "[data-testid=review-blocked]").is_some()
    })
    .await;
    tick().await;
    // What it was submitted with, not for editing; nothing typed kept.
    assert_eq!(value(&root, desc), theirs);
    assert_eq!(text(&root, "[data-testid=review-tags]"), "国际件×");
    assert_eq!(value(&root, "[data-testid=review-tags-input]"), "");
    for field in [
        desc,
        "[data-testid=review-category]",
        "[data-testid=review-tags-input]",
    ] {
        assert!(matches_disabled(&root, field), "{field} disabled");
    }
    crate::shell::after_queued_timers().await;
    assert_eq!(crate::shell::drafts_kept(), Vec::<String>::new());
    assert!(el(&root, "[data-testid=draft-restored]").is_none());
    // The field typed in went disabled: focus is on the way back, not on <body> (review).
    wait_until("focus on 返回开发管理", || {
        active_testid().as_deref() == Some("review-blocked-back")
    })
    .await;
    // Withdrawn there: submittable again, from that submission.
    super::shell::another_tab_saves(|other| other.withdraw_review(&dev, now, &me, v130).unwrap());
    super::shell::announce_storage_change();
    wait_until("the block lifted", || {
        el(&root, "[data-testid=review-blocked]").is_none()
    })
    .await;
    tick().await;
    assert!(!matches_disabled(&root, desc));
    assert_eq!(value(&root, desc), theirs);
}

#[wasm_bindgen_test]
async fn dev_application_without_a_reason_shows_a_dash() {
    // The reason is optional (QA: its cell was blank, as if it had not loaded).
    let mut ws = demo();
    let me = account_id(&ws, "顺丰速运");
    let now = now();
    let consumer = ws
        .accounts()
        .iter()
        .map(|a| a.app_id.clone())
        .find(|c| {
            ws.clone()
                .apply_for_plugin(&Actor::Consumer(c.clone()), now, &me, "")
                .is_ok()
        })
        .expect("an account that may apply");
    ws.apply_for_plugin(&Actor::Consumer(consumer.clone()), now, &me, "")
        .unwrap();
    let (root, _h, _b) = start_with(&ws, &me, "/dev/applications").await;
    wait_for(&root, "[data-testid^=app-row-]").await;
    let rows = root.query_selector_all("[data-testid^=app-row-]").unwrap();
    let row = (0..rows.length())
        .filter_map(|i| rows.item(i))
        .map(|r| r.unchecked_into::<web_sys::Element>())
        .find(|r| {
            r.text_content()
                .unwrap_or_default()
                .contains(consumer.as_str())
        })
        .expect("its row");
    let cells = row.query_selector_all("td").unwrap();
    assert_eq!(cells.item(1).unwrap().text_content().unwrap(), "—");
}

#[wasm_bindgen_test]
async fn account_picker_tells_accounts_of_the_same_name_apart_by_appid() {
    // Account names need not be unique (the platform's are not): two 顺丰速运 must not look the
    // same in the picker (QA).
    let mut ws = demo();
    let original = account_id(&ws, "顺丰速运");
    let categories = ws
        .accounts()
        .iter()
        .find(|a| a.app_id == original)
        .unwrap()
        .categories
        .clone();
    let now = now();
    let twin = ws
        .create_account(
            &Actor::System,
            now,
            "顺丰速运",
            plugin_lifecycle::domain::SubjectType::Enterprise,
            categories,
        )
        .unwrap();
    let (root, _h, _b) = start_with(&ws, &twin, "/dev").await;
    wait_for(&root, "[data-testid=account-select]").await;
    let labels: Vec<String> = (0..ws.accounts().len() as u32)
        .filter_map(|i| {
            let options = root
                .query_selector_all("[data-testid=account-select] option[value^=wx]")
                .unwrap();
            options.item(i).and_then(|o| o.text_content())
        })
        .collect();
    assert_eq!(labels.len(), ws.accounts().len());
    for id in [&original, &twin] {
        let label = format!("顺丰速运 · {id} · 企业");
        assert!(labels.contains(&label), "{label} in {labels:?}");
    }
    assert!(
        labels.contains(&"墨迹天气 · 企业".to_string()),
        "a unique name stays short: {labels:?}"
    );
}

/// A restored draft can be dropped: the dialog starts over from the suggestion and the template,
/// and the tab forgets it (QA: there was no way back to the template).
#[wasm_bindgen_test]
async fn dev_upload_draft_can_start_over() {
    let (root, _h, _b, _) = start("顺丰速运", "/dev/versions").await;
    open_upload(&root).await;
    tick().await;
    assert!(
        el(&root, "[data-testid=draft-restored]").is_none(),
        "a fresh dialog says nothing"
    );
    let suggested = value(&root, "[data-testid=upload-version]");
    // The suggestion has focus and is selected: typing replaces it (QA).
    wait_until("the suggested version selected", || {
        let input = el(&root, "[data-testid=upload-version]")
            .unwrap()
            .unchecked_into::<web_sys::HtmlInputElement>();
        active_testid().as_deref() == Some("upload-version")
            && input.selection_start().ok().flatten() == Some(0)
            && input.selection_end().ok().flatten() == Some(suggested.len() as u32)
    })
    .await;
    type_into(&root, "[data-testid=upload-version]", "9.9.9");
    type_into(&root, "[data-testid=upload-desc]", "草稿");
    type_into(&root, "[data-testid=upload-manifest]", "{");
    tick().await;
    click(&root, "[data-testid=upload-cancel]");
    tick().await;
    click(&root, "[data-testid=upload-open]");
    wait_for(&root, "[data-testid=draft-discard]").await;
    tick().await;
    assert_eq!(value(&root, "[data-testid=upload-desc]"), "草稿");
    click(&root, "[data-testid=draft-discard]");
    tick().await;
    assert_eq!(value(&root, "[data-testid=upload-version]"), suggested);
    assert_eq!(value(&root, "[data-testid=upload-desc]"), "");
    assert!(value(&root, "[data-testid=upload-manifest]").contains("publicComponents"));
    assert!(el(&root, "[data-testid=draft-restored]").is_none());
    assert_eq!(active_testid().as_deref(), Some("upload-version"));
    let tab = web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap();
    assert_eq!(
        tab.length().unwrap(),
        1,
        "only the session is kept, no draft"
    );
}

/// A new upload starts from the latest upload's `plugin.json`, not the template (QA: a fix had to
/// be written again), and says so; after an upload, the next starts from it.
#[wasm_bindgen_test]
async fn dev_upload_starts_from_the_latest_versions_plugin_json() {
    let (root, _h, _b, ws) = start("顺丰速运", "/dev/versions").await;
    let me = account_id(&ws, "顺丰速运");
    let latest = ws.plugin(&me).unwrap().latest_version().unwrap();
    assert_eq!(latest.version, Semver::new(1, 2, 0));
    open_upload(&root).await;
    tick().await;
    assert_eq!(
        value(&root, "[data-testid=upload-manifest]"),
        latest.manifest.to_json_pretty()
    );
    assert!(
        text(&root, "#upload-manifest-hint")
            .ends_with("新的草稿从上一版本 1.2.0 的 plugin.json 开始。"),
        "{}",
        text(&root, "#upload-manifest-hint")
    );
    assert!(el(&root, "[data-testid=draft-restored]").is_none());
    let fixed = r#"{"pages": {"track": "pages/track/index"}, "main": "lib/index.js"}"#;
    type_into(&root, "[data-testid=upload-manifest]", fixed);
    click(&root, "[data-testid=upload-submit]");
    tick().await;
    wait_until("uploaded", || {
        el(&root, "[data-testid=upload-dialog]").is_none()
    })
    .await;
    open_upload(&root).await;
    tick().await;
    let now = value(&root, "[data-testid=upload-manifest]");
    assert!(
        now.contains("\"track\": \"pages/track/index\"") && now.contains("lib/index.js"),
        "{now}"
    );
    assert!(!now.contains("publicComponents"), "{now}");
    assert!(text(&root, "#upload-manifest-hint").contains("1.2.1"));
    assert!(el(&root, "[data-testid=draft-restored]").is_none());
    assert_eq!(crate::shell::drafts_kept(), Vec::<String>::new());
}

/// A draft's version no longer above the latest upload gives way to the suggested one, and
/// the dialog says which was typed and why (QA: it was replaced unsaid).
#[wasm_bindgen_test]
async fn dev_upload_draft_version_not_above_the_latest_is_replaced_and_said() {
    let (root, _h, _b, _) = start("顺丰速运", "/dev/versions").await;
    open_upload(&root).await;
    tick().await;
    let suggested = value(&root, "[data-testid=upload-version]");
    type_into(&root, "[data-testid=upload-version]", "0.0.1");
    type_into(&root, "[data-testid=upload-desc]", "草稿");
    tick().await;
    assert!(el(&root, "[data-testid=upload-version-replaced]").is_none());
    click(&root, "[data-testid=upload-cancel]");
    tick().await;
    click(&root, "[data-testid=upload-open]");
    wait_for(&root, "[data-testid=upload-version-replaced]").await;
    wait_until("the suggested version in the field", || {
        value(&root, "[data-testid=upload-version]") == suggested
    })
    .await;
    assert_eq!(value(&root, "[data-testid=upload-desc]"), "草稿");
    // Read with the field: part of its description.
    assert!(el(
        &root,
        "#upload-version-hint [data-testid=upload-version-replaced]"
    )
    .is_some());
    assert_eq!(
        attr(&root, "[data-testid=upload-version]", "aria-describedby").as_deref(),
        Some("upload-version-hint")
    );
    let said = text(&root, "[data-testid=upload-version-replaced]");
    assert!(
        said.starts_with(&format!(
            "草稿中的版本号已改为 {suggested}：版本号 0.0.1 必须高于此前上传的所有版本"
        )),
        "{said}"
    );
    // Typing another version: the note was about the old one.
    type_into(&root, "[data-testid=upload-version]", "9.0.0");
    tick().await;
    assert!(el(&root, "[data-testid=upload-version-replaced]").is_none());
}

/// After 审核失败, the 提交审核 page says why, where the fix is made (QA: only 开发管理 did).
#[wasm_bindgen_test]
async fn submit_page_of_a_rejected_version_shows_the_reason() {
    let (root, _h, _b, _) = start("人民日报", "/dev/versions/0.9.0/submit").await;
    wait_for(&root, "[data-testid=review-form]").await;
    assert_eq!(
        text(&root, "[data-testid=review-last-rejection]"),
        "上次审核失败，理由：功能描述与实际功能不符，请补充使用说明"
    );
}

/// Where the next step is 提交审核 again, the overview says why it was refused (QA: only a count
/// of 审核失败 said anything had happened); also when it is the fix uploaded since (人民日报's
/// 1.0.0 after 0.9.0 was refused: review, the step named 0.9.0).
#[wasm_bindgen_test]
async fn dev_home_says_why_the_version_to_submit_again_was_refused() {
    let (root, _h, _b, _) = start("人民日报", "/dev").await;
    wait_for(&root, "[data-testid=dev-next]").await;
    // The fix uploaded since is the one to submit, named and linked to its 提交审核 page (QA).
    assert_eq!(text(&root, "[data-testid=dev-next-step]"), "提交审核 1.0.0");
    assert_eq!(
        attr(&root, "[data-testid=dev-next-step]", "href").as_deref(),
        Some("/dev/versions/1.0.0/submit")
    );
    assert_eq!(
        text(&root, "[data-testid=dev-next-refused]"),
        "版本 0.9.0 审核失败，理由：功能描述与实际功能不符，请补充使用说明"
    );
    // ... whose page says the reason it answers (QA: only 0.9.0's own page did).
    click(&root, "[data-testid=dev-next-step]");
    wait_for(&root, "[data-testid=review-last-rejection]").await;
    assert_eq!(
        text(&root, "[data-testid=review-last-rejection]"),
        "版本 0.9.0 审核失败，理由：功能描述与实际功能不符，请补充使用说明"
    );
    crate::shell::after_queued_timers().await;
}

/// A refused version, the newest: the next step is to upload its fix (or submit it again with
/// other review details), leading to 上传, its refusal beside it (QA: "提交审核 1.2.0" read as
/// sending the refused code again).
#[wasm_bindgen_test]
async fn dev_home_after_a_refusal_says_to_upload_the_fix() {
    let mut ws = demo();
    let me = account_id(&ws, "顺丰速运");
    let cmd = Command::RejectReview {
        plugin: me.clone(),
        version: Semver::new(1, 2, 0),
        reason: "请补充使用说明".into(),
    };
    let now = now();
    ws.execute(&Actor::Reviewer("reviewer-1".into()), now, cmd)
        .unwrap();
    // While its pending applications come first, the refusal is still said (QA: only a count).
    {
        let (root, _h, _b) = start_with(&ws, &me, "/dev").await;
        wait_for(&root, "[data-testid=dev-next]").await;
        assert!(text(&root, "[data-testid=dev-next-step]").starts_with("处理使用申请"));
        assert_eq!(
            text(&root, "[data-testid=dev-next-refused]"),
            "版本 1.2.0 审核失败，理由：请补充使用说明"
        );
    }
    // Its pending applications answered: they would come first.
    let pending: Vec<_> = ws
        .applications_for_plugin(&me)
        .iter()
        .filter(|a| a.status == ApplicationStatus::Pending)
        .map(|a| a.id)
        .collect();
    for id in pending {
        let cmd = Command::ApproveApplication { id };
        ws.execute(&Actor::Developer(me.clone()), now, cmd).unwrap();
    }
    let (root, _h, _b) = start_with(&ws, &me, "/dev").await;
    wait_for(&root, "[data-testid=dev-next]").await;
    assert_eq!(
        text(&root, "[data-testid=dev-next-step]"),
        "上传修复后的新版本（或修改提交信息后重新提交审核 1.2.0）"
    );
    assert_eq!(
        attr(&root, "[data-testid=dev-next-step]", "href").as_deref(),
        Some("/dev/versions#upload")
    );
    assert_eq!(
        text(&root, "[data-testid=dev-next-refused]"),
        "版本 1.2.0 审核失败，理由：请补充使用说明"
    );
}

/// The next step on 小程序插件 is one the domain would take (review: it said 提交审核 to an
/// account with no category open to plugins, where every submission is refused).
#[wasm_bindgen_test]
async fn dev_home_says_why_submission_is_refused_instead_of_next_step() {
    let mut ws = demo();
    let now = now();
    let me = ws
        .create_account(
            &Actor::System,
            now,
            "家政服务平台",
            SubjectType::Enterprise,
            vec![Category::new("生活服务", "家政")],
        )
        .unwrap();
    let dev = Actor::Developer(me.clone());
    ws.open_plugin(
        &dev,
        now,
        "家政预约助手",
        plugin_lifecycle::domain::Icon::Builtin("tool".into()),
        "预约保洁与维修",
    )
    .unwrap();
    let dev_info = plugin_lifecycle::domain::DevInfo {
        request_domains: vec!["https://api.example.com".into()],
        socket_domains: vec![],
        upload_file_domains: vec![],
        download_file_domains: vec![],
        token: "token123".into(),
    };
    ws.set_dev_info(&dev, now, &me, dev_info).unwrap();
    upload(&mut ws, &me, "1.0.0");
    let (root, _h, _b) = start_with(&ws, &me, "/dev").await;
    wait_for(&root, "[data-testid=dev-plugin-status]").await;
    assert!(el(&root, "[data-testid=dev-next-step]").is_none());
    assert!(
        text(&root, "[data-testid=dev-next-why]").contains("均未对插件开放"),
        "{}",
        text(&root, "[data-testid=dev-plugin-status]")
    );
    // ... and the way out: another account (QA: a dead end).
    assert!(el(
        &root,
        "[data-testid=dev-other-account] a[href='/dev/accounts/new']"
    )
    .is_some());
}

/// `me` uploads `version` of its plugin now (a valid `plugin.json`).
fn upload(ws: &mut Workspace, me: &AppId, version: &str) {
    let now = now();
    let manifest = r#"{"publicComponents": {"card": "components/card/index"}, "main": "index.js"}"#;
    ws.upload_version(
        &Actor::Developer(me.clone()),
        now,
        me,
        version,
        "版本说明",
        manifest,
    )
    .unwrap();
}

/// The accessible label (`aria-label`) of the focused element.
fn focused_label() -> Option<String> {
    web_sys::window()?
        .document()?
        .active_element()?
        .get_attribute("aria-label")
}

/// Reloads the app in `root` (drops the mount `h`, mounts it again) once `css` is on the page.
async fn reload<T>(root: &web_sys::HtmlElement, h: T, css: &str) -> impl Drop {
    drop(h);
    let h = crate::shell::mount(root, App);
    wait_for(root, css).await;
    h
}

/// Row buttons of two applicants named alike say which is which (QA: both read 通过：人民日报).
#[wasm_bindgen_test]
async fn dev_row_buttons_of_applicants_named_alike_name_their_appid() {
    let mut ws = demo();
    let me = account_id(&ws, "墨迹天气");
    let now = now();
    let cmd = Command::CreateAccount {
        name: "张三的记账本".into(),
        subject: SubjectType::Enterprise,
        categories: vec![Category::new("工具", "记账")],
    };
    ws.execute(&Actor::System, now, cmd).unwrap();
    let twin = ws.accounts().last().unwrap().app_id.clone();
    let apply = Command::Apply {
        plugin: me.clone(),
        reason: String::new(),
    };
    ws.execute(&Actor::Consumer(twin.clone()), now, apply)
        .unwrap();
    let first = first_pending(&ws, &me, now);
    let (root, _h, _b) = start_with(&ws, &me, "/dev/applications").await;
    wait_for(&root, &format!("[data-testid=app-approve-{first}]")).await;
    let mut labels: Vec<String> = root
        .query_selector_all("[data-testid^=app-approve-]")
        .unwrap()
        .values()
        .into_iter()
        .map(|e| {
            e.unwrap()
                .unchecked_into::<web_sys::Element>()
                .get_attribute("aria-label")
                .unwrap()
        })
        .collect();
    labels.sort();
    let zhang = account_id(&ws, "张三的记账本");
    let mut want = vec![
        format!("通过：张三的记账本 {zhang}"),
        format!("通过：张三的记账本 {twin}"),
    ];
    want.sort();
    assert_eq!(labels, want);
}

/// A 拒绝理由 being typed comes back, its form open, after a reload or another account (QA: it was
/// lost, where every other form keeps what was typed); 取消 forgets it, as sending does.
#[wasm_bindgen_test]
async fn dev_rejection_reason_is_kept_until_sent_or_cancelled() {
    let (root, h, _b, ws) = start("墨迹天气", "/dev/applications").await;
    let me = account_id(&ws, "墨迹天气");
    let now = now();
    let pending = first_pending(&ws, &me, now);
    // Each row's buttons say whose application they decide (QA: "通过, 拒绝, 通过, 拒绝…").
    for (button, name) in [
        ("approve", "通过：张三的记账本"),
        ("reject", "拒绝：张三的记账本"),
    ] {
        let css = format!("[data-testid=app-{button}-{pending}]");
        assert_eq!(attr(&root, &css, "aria-label").as_deref(), Some(name));
    }
    click(&root, &format!("[data-testid=app-reject-{pending}]"));
    let reason = format!("[data-testid=app-reject-reason-{pending}]");
    wait_for(&root, &reason).await;
    type_into(&root, &reason, "与我们的业务无关");
    tick().await;
    assert!(el(&root, "[data-testid=draft-restored]").is_none());
    let h = reload(&root, h, &reason).await;
    assert_eq!(value(&root, &reason), "与我们的业务无关");
    assert!(el(&root, "[data-testid=draft-restored]").is_some());
    // Drawn again, not opened: focus is not taken into it.
    assert_ne!(
        active_testid(),
        Some(format!("app-reject-reason-{pending}"))
    );
    // Another account's page has none of it; back, it is there.
    crate::review::choose(
        &root,
        "[data-testid=account-select]",
        &account_id(&ws, "顺丰速运").to_string(),
    );
    wait_until("the other account's page", || el(&root, &reason).is_none()).await;
    crate::review::choose(&root, "[data-testid=account-select]", me.as_str());
    wait_for(&root, &reason).await;
    assert_eq!(value(&root, &reason), "与我们的业务无关");
    click(&root, &format!("[data-testid=app-reject-cancel-{pending}]"));
    tick().await;
    assert!(el(&root, &reason).is_none());
    wait_until("focus back on 拒绝", || {
        active_testid() == Some(format!("app-reject-{pending}"))
    })
    .await;
    wait_until("nothing kept once cancelled", || {
        crate::shell::drafts_kept().is_empty()
    })
    .await;
    let h = reload(&root, h, &format!("[data-testid=app-reject-{pending}]")).await;
    assert!(el(&root, &reason).is_none());
    // Kept for one application, it does not come back over another that has its id since (a
    // workspace replaced: QA, after 恢复演示数据 it came back on another applicant's row).
    click(&root, &format!("[data-testid=app-reject-{pending}]"));
    wait_for(&root, &reason).await;
    type_into(&root, &reason, "给另一位申请方的理由");
    tick().await;
    let session = web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap();
    let whose = format!("plugin-lifecycle/draft/reject-whose/{me}");
    assert!(session.get_item(&whose).unwrap().is_some());
    session.set_item(&whose, "0:wx0000000000000000@1").unwrap();
    let _h = reload(&root, h, &format!("[data-testid=app-reject-{pending}]")).await;
    assert!(el(&root, &reason).is_none());
    wait_until("nothing kept of it", || {
        crate::shell::drafts_kept().is_empty()
    })
    .await;
}

/// Back to a page returns focus to the control used there, a button that navigates too (QA:
/// after 提交审核, Back focused the heading); one left by the header is not the user's place any
/// more: focus stays on the header's link (QA: Back focused a link followed on an earlier visit,
/// off-screen).
#[wasm_bindgen_test]
async fn dev_back_returns_focus_to_the_control_used_not_to_an_older_one() {
    let (root, _h, _at, _) = start("大麦票务", "/dev/versions").await;
    let history = crate::shell::history();
    wait_for(&root, "[data-testid=submit-review-1\\.1\\.0]").await;
    press(&root, "[data-testid=submit-review-1\\.1\\.0]");
    wait_for(&root, "[data-testid=review-form]").await;
    history.back().unwrap();
    wait_until("focus on 提交审核 of 1.1.0", || {
        active_testid().as_deref() == Some("submit-review-1.1.0")
    })
    .await;
    // A link of the page: Back focuses it, from wherever focus went meanwhile (review: the
    // link kept focus anyway).
    press(&root, "nav.sidenav a[href='/dev/applications']");
    wait_for(&root, "[data-testid=dev-applications]").await;
    let h1 = el(&root, "[data-testid=dev-applications] h1").unwrap();
    h1.set_attribute("tabindex", "-1").unwrap();
    h1.unchecked_ref::<web_sys::HtmlElement>().focus().unwrap();
    history.back().unwrap();
    wait_for(&root, "[data-testid=dev-versions]").await;
    let on = |href: &'static str| {
        move || {
            crate::shell::active()
                .and_then(|e| e.get_attribute("href"))
                .as_deref()
                == Some(href)
        }
    };
    wait_until("focus on the side menu's 申请管理", on("/dev/applications")).await;
    // Left by the header: Back leaves focus on the header's link.
    press(&root, "[data-testid=nav-data]");
    wait_for(&root, "[data-testid=data-page]").await;
    history.back().unwrap();
    wait_for(&root, "[data-testid=dev-versions]").await;
    crate::shell::after_queued_timers().await;
    crate::shell::after_queued_timers().await;
    assert!(
        on("/data")(),
        "{:?}",
        crate::shell::active().map(|e| e.outer_html())
    );
}

/// Forward to a page whose focus stayed on the side menu's link, now scrolled off: focus goes to
/// what shows (re-check QA: the link kept focus at top −492, the next Tab jumped to the top).
#[wasm_bindgen_test]
async fn forward_to_a_scrolled_page_moves_focus_off_a_hidden_side_link() {
    let (root, _h, _at, _) = start("顺丰速运", "/review").await;
    press(&root, "nav.sidenav a[href='/review/history']");
    wait_for(&root, "[data-testid=review-history]").await;
    let (before, after) = ("[data-testid=review-queue]", "[data-testid=review-history]");
    scrolled_back_and_forward(&root, 100_000.0, before, after).await;
    let shown = || {
        crate::shell::active().is_some_and(|e| {
            let r = e.get_bounding_client_rect();
            let height = web_sys::window().unwrap().inner_height().unwrap();
            e.tag_name() != "BODY" && r.top() >= 0.0 && r.top() < height.as_f64().unwrap()
        })
    };
    wait_until("focus on what shows", shown).await;
    let scrolled = web_sys::window().unwrap().scroll_y().unwrap();
    assert!(scrolled > 0.0, "the page stays scrolled");
}

/// Scrolls the page to `y`, goes Back (until `before` shows) and Forward again (until `after`).
async fn scrolled_back_and_forward(root: &web_sys::HtmlElement, y: f64, before: &str, after: &str) {
    let (window, history) = (web_sys::window().unwrap(), crate::shell::history());
    window.scroll_to_with_x_and_y(0.0, y);
    wait_until("scrolled", || window.scroll_y().unwrap() > 0.0).await;
    history.back().unwrap();
    wait_for(root, before).await;
    history.forward().unwrap();
    wait_for(root, after).await;
}

/// With the app's own style sheet (a sticky header, the side menu beside the page): Forward to a
/// page scrolled past its heading focuses the page's first thing in view, not an entry of the
/// side menu (re-check QA and review: a menu's `<li>`, the next Tab into the menu).
#[wasm_bindgen_test]
async fn forward_past_the_heading_focuses_the_page_not_its_side_menu() {
    let document = web_sys::window().unwrap().document().unwrap();
    let style = document.create_element("style").unwrap();
    style.set_text_content(Some(include_str!("../../style/main.css")));
    document.head().unwrap().append_child(&style).unwrap();
    // Taken out however the test ends: the other tests run without it.
    struct Removed(web_sys::Element);
    impl Drop for Removed {
        fn drop(&mut self) {
            self.0.remove();
        }
    }
    let _style = Removed(style);
    let (root, _h, _at, _) = start("大麦票务", "/dev/versions").await;
    wait_for(&root, "[data-testid=submit-review-1\\.1\\.0]").await;
    press(&root, "[data-testid=submit-review-1\\.1\\.0]");
    wait_for(&root, "[data-testid=review-form]").await;
    let (before, after) = ("[data-testid=dev-versions]", "[data-testid=review-form]");
    scrolled_back_and_forward(&root, 130.0, before, after).await;
    let in_page = || {
        crate::shell::active().is_some_and(|e| {
            e.tag_name() != "BODY"
                && e.closest("nav.sidenav").unwrap().is_none()
                && root.contains(Some(&e))
        })
    };
    wait_until("focus in the page, not its menu", in_page).await;
}

/// Back and Forward between a list's pages (another query, the same page) focus the control
/// used there, in view (QA: focus fell to <body>).
#[wasm_bindgen_test]
async fn back_between_a_lists_pages_focuses_the_control_used() {
    let mut ws = demo();
    let now = now();
    for i in 0..25 {
        let cmd = Command::CreateAccount {
            name: format!("翻页帐号{i:02}"),
            subject: SubjectType::Enterprise,
            categories: vec![Category::new("工具", "效率")],
        };
        ws.execute(&Actor::System, now, cmd).unwrap();
    }
    let me = account_id(&ws, "顺丰速运");
    let (root, _h, _at) = start_with(&ws, &me, "/").await;
    let history = crate::shell::history();
    let search = || web_sys::window().unwrap().location().search().unwrap();
    wait_for(&root, "[data-testid=accounts-next]").await;
    press(&root, "[data-testid=accounts-next]");
    wait_until("the second page", || search() == "?page=2").await;
    history.back().unwrap();
    wait_until("the first page", || search().is_empty()).await;
    wait_until("focus on 下一页", || {
        active_testid().as_deref() == Some("accounts-next")
    })
    .await;
}

#[wasm_bindgen_test]
async fn dev_forms_keep_what_was_typed_across_a_reload_until_sent() {
    // 创建小程序帐号: the name and the categories added (QA: leaving the page lost them).
    let (root, h, _b, _) = start("美食点评", "/dev/accounts/new").await;
    let form = "[data-testid=new-account-form]";
    wait_for(&root, form).await;
    type_into(&root, "[data-testid=new-account-name]", "草稿里的帐号");
    crate::review::choose(&root, "[data-testid=new-account-subject]", "媒体");
    type_into(&root, "[data-testid=new-account-secondary]", "记账");
    click(&root, "[data-testid=new-account-add-category]");
    tick().await;
    // A category chosen and typed, not added yet (QA: lost on reload).
    crate::review::choose(&root, "[data-testid=new-account-primary]", "工具");
    type_into(&root, "[data-testid=new-account-secondary]", "计算器");
    tick().await;
    // Typed here and now: nothing to say.
    assert!(el(&root, "[data-testid=draft-restored]").is_none());
    let h = reload(&root, h, form).await;
    assert_eq!(
        crate::shell::field_value(&root, "[data-testid=new-account-primary]"),
        "工具"
    );
    assert_eq!(
        value(&root, "[data-testid=new-account-secondary]"),
        "计算器"
    );
    assert_eq!(
        value(&root, "[data-testid=new-account-name]"),
        "草稿里的帐号"
    );
    // Back from an earlier visit: said (QA: it looked like a fresh form's own text).
    assert!(text(&root, "[data-testid=draft-restored]").contains("上次未提交"));
    // The 主体类型 too (QA: 媒体 went back to 企业, silently).
    assert_eq!(
        crate::shell::field_value(&root, "[data-testid=new-account-subject]"),
        "媒体"
    );
    assert!(text(&root, "[data-testid=new-account-categories]").contains("记账"));
    // A category typed and not added is added by 创建; the draft goes all the same (review: its
    // queued save wrote it back).
    type_into(&root, "[data-testid=new-account-secondary]", "计算器");
    click(&root, "[data-testid=new-account-submit]");
    wait_until("the account is created", || el(&root, form).is_none()).await;
    crate::shell::after_queued_timers().await;
    assert_eq!(crate::shell::drafts_kept(), Vec::<String>::new(), "created");
    drop(h);
    // 开发信息 of 顺丰速运: a domain list and the Token (QA: a reload lost an added domain).
    let (root, h, _b, _) = start("顺丰速运", "/dev/devinfo").await;
    let form = "[data-testid=devinfo-form]";
    wait_for(&root, form).await;
    type_into(
        &root,
        "[data-testid=devinfo-socket]",
        "wss://draft.example.com",
    );
    type_into(&root, "[data-testid=devinfo-token]", "draftToken1");
    tick().await;
    let h = reload(&root, h, form).await;
    assert_eq!(
        value(&root, "[data-testid=devinfo-socket]"),
        "wss://draft.example.com"
    );
    assert_eq!(value(&root, "[data-testid=devinfo-token]"), "draftToken1");
    // Another tab saves a new Token meanwhile: the Token's draft, made over the older one, comes
    // back said as overtaken, with a way to the saved Token, which 保存 would replace (review:
    // it came back unsaid, and 保存 would have undone the other tab's save; re-check QA: then
    // dropped, what was typed was lost unsaid); the socket list's, made over what is still
    // saved, comes back as a plain draft.
    let me = account_id(&demo(), "顺丰速运");
    another_tab_sets_dev_info(&me, |d| d.token = "otherTab2".into());
    let h = reload(&root, h, form).await;
    assert_eq!(value(&root, "[data-testid=devinfo-token]"), "draftToken1");
    assert!(text(&root, "[data-testid=draft-overtaken]").starts_with("另一个标签页保存了新的内容"));
    assert_eq!(
        value(&root, "[data-testid=devinfo-socket]"),
        "wss://draft.example.com"
    );
    // Said overtaken still after another page and back (re-check QA: then a plain draft).
    let h = reload(&root, h, form).await;
    assert!(el(&root, "[data-testid=draft-overtaken]").is_some());
    click(&root, "[data-testid=draft-use-saved]");
    tick().await;
    assert_eq!(value(&root, "[data-testid=devinfo-token]"), "otherTab2");
    assert!(el(&root, "[data-testid=draft-overtaken]").is_none());
    assert_eq!(
        value(&root, "[data-testid=devinfo-socket]"),
        "wss://draft.example.com"
    );
    // Live: another tab saves a request list while this page is open. The field, untouched
    // here, follows it, and this page's 保存 keeps it (QA: it wrote the older list back).
    another_tab_sets_dev_info(&me, |d| {
        d.request_domains = vec!["https://other.example.com".into()]
    });
    crate::shell::announce_storage_change();
    wait_until("the request list follows the other tab's save", || {
        value(&root, "[data-testid=devinfo-request]") == "https://other.example.com"
    })
    .await;
    // Said (QA: two tabs saved at once, and the overwritten one changed silently).
    assert!(text(&root, "[data-testid=toast-region]").contains("开发信息已在另一个标签页修改"));
    crate::shell::after_queued_timers().await;
    // This page's own save, as typed (spaces around the Token): the field shows what was
    // stored, and that is not said to come from another tab.
    type_into(&root, "[data-testid=devinfo-token]", "  draftToken3 ");
    click(&root, "[data-testid=devinfo-save]");
    tick().await;
    assert_eq!(value(&root, "[data-testid=devinfo-token]"), "draftToken3");
    crate::shell::after_queued_timers().await;
    assert_eq!(
        text(&root, "[data-testid=toast-region]"),
        "开发信息已保存",
        "only this page's save is said"
    );
    // Saved: the next step of the flow, as 小程序插件's home says it (QA: only a toast).
    assert_eq!(
        text(&root, "[data-testid=devinfo-next]"),
        "下一步：处理使用申请（24 小时内）"
    );
    let saved = stored_dev_info(&me);
    assert_eq!(saved.request_domains, ["https://other.example.com"]);
    assert_eq!(saved.socket_domains, ["wss://draft.example.com"]);
    assert_eq!(saved.token, "draftToken3");
    assert_eq!(crate::shell::drafts_kept(), Vec::<String>::new(), "saved");
    // Saved again as it is at once (a double click, Enter twice): the save's toast stays
    // (QA: "没有修改" took its place), not a refusal of the form, nothing logged. (Later it is
    // said in passing: below, a draft differing only in case.)
    let logged = stored_events();
    click(&root, "[data-testid=devinfo-save]");
    tick().await;
    assert_eq!(text(&root, "[data-testid=toast-region]"), "开发信息已保存");
    assert!(el(&root, "[data-testid=devinfo-form] [role=alert]").is_none());
    assert_eq!(stored_events(), logged);
    drop(h);
    // 插件基本信息: the 简介 being edited.
    let (root, h, _b, _) = start("顺丰速运", "/dev/open").await;
    let form = "[data-testid=dev-edit-form]";
    wait_for(&root, form).await;
    type_into(
        &root,
        "[data-testid=dev-edit-intro]",
        "草稿中的简介，尚未保存。",
    );
    tick().await;
    let _h = reload(&root, h, form).await;
    assert_eq!(
        value(&root, "[data-testid=dev-edit-intro]"),
        "草稿中的简介，尚未保存。"
    );
    assert_eq!(crate::shell::drafts_kept().len(), 1);
    assert!(el(&root, "[data-testid=draft-restored]").is_some());
    // Another tab changes the icon meanwhile: this page's 保存 of its 简介 keeps that icon (QA:
    // it put the older one back).
    let tool = plugin_lifecycle::domain::Icon::Builtin("tool".into());
    crate::shell::another_tab_saves(|other| {
        let intro = other.plugin(&me).unwrap().intro.clone();
        let cmd = Command::EditBasicInfo {
            plugin: me.clone(),
            icon: tool.clone(),
            intro,
        };
        let now = now();
        other
            .execute(&Actor::Developer(me.clone()), now, cmd)
            .unwrap()
    });
    crate::shell::announce_storage_change();
    tick().await;
    assert!(text(&root, "[data-testid=toast-region]").contains("基本信息已在另一个标签页修改"));
    click(&root, "[data-testid=dev-edit-submit]");
    tick().await;
    let ws = decode_stored();
    let p = ws.plugin(&me).unwrap();
    assert_eq!(
        (&p.icon, p.intro.as_str()),
        (&tool, "草稿中的简介，尚未保存。")
    );
    assert_eq!(crate::shell::drafts_kept(), Vec::<String>::new(), "saved");
    // Saved: nothing held is from an earlier visit (QA: the note stayed beside 已保存).
    assert!(el(&root, "[data-testid=draft-restored]").is_none());
}

/// A field edited here that another tab saves meanwhile keeps the edit, and the form says so
/// until it is saved or undone, with a way back to what is saved (QA: only a toast said it, gone
/// while the tab was hidden, and 保存 then replaced the other tab's 简介 unsaid).
#[wasm_bindgen_test]
async fn dev_edit_overtaken_by_another_tab_says_so_on_the_form() {
    let (root, _h, _b, ws) = start("顺丰速运", "/dev/open").await;
    let me = account_id(&ws, "顺丰速运");
    wait_for(&root, "[data-testid=dev-edit-form]").await;
    type_into(&root, "[data-testid=dev-edit-intro]", "B 写的简介");
    tick().await;
    assert!(el(&root, "[data-testid=draft-overtaken]").is_none());
    let save_intro = |intro: &'static str| {
        let me = me.clone();
        move |other: &mut Workspace| {
            let icon = other.plugin(&me).unwrap().icon.clone();
            let cmd = Command::EditBasicInfo {
                plugin: me.clone(),
                icon,
                intro: intro.into(),
            };
            let now = now();
            other
                .execute(&Actor::Developer(me.clone()), now, cmd)
                .unwrap()
        }
    };
    crate::shell::another_tab_saves(save_intro("A 写的简介"));
    crate::shell::announce_storage_change();
    tick().await;
    // The edit stays; the note says whose content 保存 would replace, and stays.
    assert_eq!(value(&root, "[data-testid=dev-edit-intro]"), "B 写的简介");
    assert!(
        text(&root, "[data-testid=draft-overtaken]").starts_with("另一个标签页保存了新的内容"),
        "{}",
        text(&root, "[data-testid=draft-overtaken]")
    );
    click(&root, "[data-testid=draft-use-saved]");
    tick().await;
    assert_eq!(value(&root, "[data-testid=dev-edit-intro]"), "A 写的简介");
    assert!(el(&root, "[data-testid=draft-overtaken]").is_none());
    assert_eq!(crate::shell::drafts_kept(), Vec::<String>::new());
    // Overtaken again, then saved: the note goes with the save.
    type_into(&root, "[data-testid=dev-edit-intro]", "B 的第二版简介");
    tick().await;
    crate::shell::another_tab_saves(save_intro("A 的第二版简介"));
    crate::shell::announce_storage_change();
    tick().await;
    assert!(el(&root, "[data-testid=draft-overtaken]").is_some());
    click(&root, "[data-testid=dev-edit-submit]");
    tick().await;
    assert_eq!(decode_stored().plugin(&me).unwrap().intro, "B 的第二版简介");
    assert!(el(&root, "[data-testid=draft-overtaken]").is_none());
}

#[wasm_bindgen_test]
async fn dev_restored_draft_is_said_and_can_be_discarded() {
    let (root, h, _b, _) = start("顺丰速运", "/dev/devinfo").await;
    let form = "[data-testid=devinfo-form]";
    wait_for(&root, form).await;
    let me = account_id(&demo(), "顺丰速运");
    let saved = stored_dev_info(&me);
    let request = saved.request_domains.join("\n");
    type_into(
        &root,
        "[data-testid=devinfo-socket]",
        "wss://gone.example.com",
    );
    tick().await;
    let h = reload(&root, h, form).await;
    assert_eq!(
        value(&root, "[data-testid=devinfo-socket]"),
        "wss://gone.example.com"
    );
    // Another tab saves that list meanwhile: the draft stays, and dropping it shows that save.
    another_tab_sets_dev_info(&me, |d| {
        d.socket_domains = vec!["wss://other.example.com".into()]
    });
    crate::shell::announce_storage_change();
    tick().await;
    assert_eq!(
        value(&root, "[data-testid=devinfo-socket]"),
        "wss://gone.example.com"
    );
    click(&root, "[data-testid=draft-discard]");
    tick().await;
    // Back to what is saved, nothing kept, the note gone, focus on the form's first field.
    assert_eq!(
        value(&root, "[data-testid=devinfo-socket]"),
        "wss://other.example.com"
    );
    crate::shell::after_queued_timers().await;
    assert_eq!(crate::shell::drafts_kept(), Vec::<String>::new());
    assert!(el(&root, "[data-testid=draft-restored]").is_none());
    assert_eq!(
        crate::shell::active_id().as_deref(),
        Some("devinfo-request")
    );
    drop(h);
    // A draft that differs from what is saved only in case is saved already (没有修改): it is
    // no draft any more (review: it came back after every reload).
    let (root, h, _b, _) = start("顺丰速运", "/dev/devinfo").await;
    wait_for(&root, form).await;
    type_into(
        &root,
        "[data-testid=devinfo-request]",
        &request.to_uppercase(),
    );
    click(&root, "[data-testid=devinfo-save]");
    tick().await;
    assert!(text(&root, "[data-testid=toast-region]").contains("没有修改"));
    // The field shows what is saved (review: it kept the upper case, no longer a draft).
    assert_eq!(value(&root, "[data-testid=devinfo-request]"), request);
    crate::shell::after_queued_timers().await;
    assert_eq!(crate::shell::drafts_kept(), Vec::<String>::new());
    let h = reload(&root, h, form).await;
    assert!(el(&root, "[data-testid=draft-restored]").is_none());
    assert_eq!(value(&root, "[data-testid=devinfo-request]"), request);
    drop(h);
    // 基本信息: a restored icon dropped, focus goes to the icon now checked (QA: to the one
    // checked before, an arrow key then picked its neighbour).
    let (root, h, _b, _) = start("顺丰速运", "/dev/open").await;
    let form = "[data-testid=dev-edit-form]";
    wait_for(&root, form).await;
    click(&root, "[data-testid=dev-icon-food]");
    tick().await;
    let _h = reload(&root, h, form).await;
    click(&root, "[data-testid=draft-discard]");
    let checked = || el(&root, "input[name=plugin-icon]:checked").map(|e| e.id());
    wait_until("focus on the icon checked now", || {
        crate::shell::active_id().is_some() && crate::shell::active_id() == checked()
    })
    .await;
    assert_ne!(checked().as_deref(), Some("icon-food"));
    drop(_h);
    // 开通插件功能 keeps the icon chosen (QA: 开通 after a reload used the default one).
    let (root, h, _b, _) = start("美食点评", "/dev/open").await;
    let form = "[data-testid=dev-open-form]";
    wait_for(&root, form).await;
    type_into(&root, "[data-testid=dev-name]", "美食草稿助手");
    click(&root, "[data-testid=dev-icon-food]");
    tick().await;
    let _h = reload(&root, h, form).await;
    let food = el(&root, "[data-testid=dev-icon-food]")
        .unwrap()
        .unchecked_into::<web_sys::HtmlInputElement>();
    assert!(food.checked(), "the icon chosen comes back");
    type_into(&root, "[data-testid=dev-intro]", "草稿里的简介");
    click(&root, "[data-testid=dev-open-submit]");
    wait_for(&root, "[data-testid=dev-plugin-name]").await;
    let made = decode_stored();
    let p = made.plugin(&account_id(&made, "美食点评")).unwrap();
    assert_eq!(
        p.icon,
        plugin_lifecycle::domain::Icon::Builtin("food".into())
    );
}

/// The stored workspace.
fn decode_stored() -> Workspace {
    use plugin_lifecycle::store::{codec::decode, WORKSPACE_KEY};
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let raw = storage.get_item(WORKSPACE_KEY).unwrap().unwrap();
    decode(&raw).unwrap().workspace
}

/// How many events the stored workspace holds.
fn stored_events() -> usize {
    decode_stored().events().len()
}

/// The stored 开发信息 of `plugin`.
fn stored_dev_info(plugin: &AppId) -> plugin_lifecycle::domain::DevInfo {
    let ws = decode_stored();
    ws.plugin(plugin).unwrap().dev_info.clone().unwrap()
}

/// "Another tab" saves `plugin`'s 开发信息 with `change` made to what is stored.
fn another_tab_sets_dev_info(
    plugin: &AppId,
    change: impl FnOnce(&mut plugin_lifecycle::domain::DevInfo),
) {
    crate::shell::another_tab_saves(|other| set_dev_info(other, plugin, change));
}

/// `plugin`'s 开发信息 in `ws`, changed by `change`, set as its developer sets it.
fn set_dev_info(
    ws: &mut plugin_lifecycle::domain::Workspace,
    plugin: &AppId,
    change: impl FnOnce(&mut plugin_lifecycle::domain::DevInfo),
) -> plugin_lifecycle::domain::Event {
    let mut dev_info = ws.plugin(plugin).unwrap().dev_info.clone().unwrap();
    change(&mut dev_info);
    let cmd = Command::SetDevInfo {
        plugin: plugin.clone(),
        dev_info,
    };
    let now = now();
    ws.execute(&Actor::Developer(plugin.clone()), now, cmd)
        .unwrap()
}

/// An account whose categories are all closed to plugins is told so on /dev from the start (before
/// and after 开通) and after 开发信息's 保存, not first after an upload (QA).
#[wasm_bindgen_test]
async fn no_plugin_category_is_said_from_the_start_and_after_saving_dev_info() {
    let mut ws = demo();
    let t = now();
    let id = ws
        .create_account(
            &Actor::System,
            t,
            "家政到家",
            SubjectType::Enterprise,
            vec![Category::new("生活服务", "家政")],
        )
        .unwrap();
    // Before the plugin is opened: 开通 is still the next step, with the warning (SPEC audit:
    // only 下一步：开通插件功能).
    let (root, h, _b) = start_with(&ws, &id, "/dev").await;
    wait_for(&root, "[data-testid=dev-category-why]").await;
    assert!(text(&root, "[data-testid=dev-category-why]").contains("均未对插件开放"));
    assert!(el(&root, "[data-testid=dev-next-step]").is_some());
    assert!(el(&root, "[data-testid=dev-other-account]").is_some());
    drop(h);
    ws.open_plugin(
        &Actor::Developer(id.clone()),
        t,
        "家政预约",
        plugin_lifecycle::domain::Icon::Builtin("tool".into()),
        "上门家政预约",
    )
    .unwrap();
    let (root, h, _b) = start_with(&ws, &id, "/dev").await;
    wait_for(&root, "[data-testid=dev-next-why]").await;
    assert!(text(&root, "[data-testid=dev-next-why]").contains("均未对插件开放"));
    assert!(el(&root, "[data-testid=dev-next]").is_none());
    drop(h);
    let (root, _h, _b) = start_with(&ws, &id, "/dev/devinfo").await;
    wait_for(&root, "[data-testid=devinfo-form]").await;
    type_into(
        &root,
        "[data-testid=devinfo-request]",
        "https://api.example.com",
    );
    type_into(&root, "[data-testid=devinfo-token]", "Token123");
    click(&root, "[data-testid=devinfo-save]");
    wait_for(&root, "[data-testid=devinfo-next-why]").await;
    assert!(text(&root, "[data-testid=devinfo-next-why]").contains("均未对插件开放"));
}

/// With 999.999.999 uploaded no version number is higher: 上传 is off with the domain's reason
/// (review: it stayed on, and each try was refused inside its dialog).
#[wasm_bindgen_test]
async fn dev_upload_is_off_once_no_version_number_is_higher() {
    let mut ws = demo();
    let me = account_id(&ws, "顺丰速运");
    upload(&mut ws, &me, "999.999.999");
    let (root, _h, _b) = start_with(&ws, &me, "/dev/versions").await;
    wait_for(&root, "[data-testid=upload-why]").await;
    assert_eq!(
        attr(&root, "[data-testid=upload-open]", "disabled").as_deref(),
        Some("")
    );
    assert!(
        text(&root, "[data-testid=upload-why]").contains("没有更高的版本号"),
        "{}",
        text(&root, "[data-testid=upload-why]")
    );
    crate::shell::after_queued_timers().await;
}

/// Another tab imports a copy of this workspace whose saved 开发信息 differs: the open form's
/// draft, made for the workspace replaced, is forgotten and not kept again when the form follows
/// the saved data (durability QA: the Token's draft came back after a reload).
#[wasm_bindgen_test]
async fn dev_a_draft_of_a_replaced_workspace_is_not_kept_again() {
    let (root, _h, _b, _) = start("顺丰速运", "/dev/devinfo").await;
    let form = "[data-testid=devinfo-form]";
    wait_for(&root, form).await;
    type_into(&root, "[data-testid=devinfo-token]", "draftX");
    tick().await;
    crate::shell::after_queued_timers().await;
    assert!(!crate::shell::drafts_kept().is_empty());
    let me = account_id(&demo(), "顺丰速运");
    let mut imported = crate::review::stored();
    set_dev_info(&mut imported, &me, |d| d.token = "Imported7".into());
    crate::shell::another_tab_replaces(&imported);
    crate::shell::announce_storage_change();
    tick().await;
    crate::shell::after_queued_timers().await;
    // The form keeps what it shows until left; nothing is kept for later.
    assert_eq!(value(&root, "[data-testid=devinfo-token]"), "draftX");
    assert_eq!(crate::shell::drafts_kept(), Vec::<String>::new());
    // Until it is edited again, after the replacement was said: that edit is kept (re-check
    // QA: typed after the toast, it was lost on leaving the page).
    type_into(&root, "[data-testid=devinfo-token]", "draftY");
    tick().await;
    crate::shell::after_queued_timers().await;
    assert_eq!(crate::shell::drafts_kept().len(), 1);
}

/// The pending row after row `n` in 申请管理, else the one before it: its application's number.
fn neighbour_row(root: &web_sys::HtmlElement, n: &str) -> Option<String> {
    let row = el(root, &format!("[data-testid=app-row-{n}]"))?;
    let id = |r: Option<web_sys::Element>| {
        r?.get_attribute("data-testid")?
            .strip_prefix("app-row-")
            .map(str::to_string)
    };
    id(row.next_element_sibling()).or_else(|| id(row.previous_element_sibling()))
}

/// The header's account picker keeps its options across a move between areas, a switch of
/// account and a command: only what they say draws them again (scale QA: 20 000 options drawn
/// again on each, 0.4–1.5 s). Drawing an option sets its `selected`: counted on one of them.
#[wasm_bindgen_test]
async fn the_account_picker_keeps_its_options_until_what_they_say_changes() {
    let (root, _h, _b, ws) = start("顺丰速运", "/dev/versions").await;
    let picker = "[data-testid=account-select]";
    let weather = account_id(&ws, "墨迹天气");
    let drawn = || js_sys::eval("window.__drawn").unwrap().as_f64().unwrap();
    let chosen = || {
        el(&root, picker)
            .unwrap()
            .unchecked_into::<web_sys::HtmlSelectElement>()
            .value()
    };
    wait_for(&root, "[data-testid=withdraw-1\\.2\\.0]").await;
    js_sys::eval(
        "window.__drawn = 0; \
         const o = document.querySelector('[data-testid=account-select] option:nth-child(3)'); \
         const own = Object.getOwnPropertyDescriptor(HTMLOptionElement.prototype, 'selected'); \
         Object.defineProperty(o, 'selected', { get() { return own.get.call(this); }, \
           set(v) { window.__drawn += 1; own.set.call(this, v); } });",
    )
    .unwrap();
    press(&root, "[data-testid=withdraw-1\\.2\\.0]");
    wait_for(&root, "[data-testid=submit-review-1\\.2\\.0]").await;
    tick().await;
    assert_eq!(drawn(), 0.0, "drawn again by a command");
    press(&root, "nav.areas a[href='/consumer']");
    wait_for(&root, "[data-testid=area-consumer]").await;
    tick().await;
    assert_eq!(drawn(), 0.0, "drawn again by a move between areas");
    crate::review::choose(&root, picker, weather.as_str());
    tick().await;
    assert_eq!(drawn(), 0.0, "drawn again by a switch of account");
    assert_eq!(chosen(), weather.to_string());
    // What they say changes: drawn again, the chosen one still chosen.
    click(&root, "[data-testid=lang-toggle]");
    tick().await;
    assert!(drawn() > 0.0, "not drawn again in another language");
    assert!(text(&root, picker).contains("Enterprise"));
    assert_eq!(chosen(), weather.to_string());
}

/// 开发管理 shows 20 versions a page, newest first (scale QA: 1 500 drawn at once, anew after
/// each action, 1–3 s); a link to a version's row opens its page; this tab's upload shows on
/// the first page, where it is.
#[wasm_bindgen_test]
async fn dev_versions_come_in_pages_and_a_link_to_a_row_opens_its_page() {
    let mut ws = demo();
    let me = account_id(&ws, "顺丰速运");
    for patch in 0..25 {
        upload(&mut ws, &me, &format!("2.0.{patch}"));
    }
    let rows = |root: &web_sys::HtmlElement| {
        root.query_selector_all("[data-testid^=version-row-]")
            .unwrap()
            .length()
    };
    let row = |v: &str| format!("[data-testid='version-row-{v}']");
    {
        let (root, _h, _b) = start_with(&ws, &me, "/dev/versions#version-1.0.0").await;
        wait_for(&root, &row("1.0.0")).await;
        let location = web_sys::window().unwrap().location();
        wait_until("the link's #… taken out", || {
            location.hash().unwrap().is_empty()
        })
        .await;
        tick().await;
        assert_eq!(
            location.search().unwrap(),
            "?page=2",
            "the page kept in the URL"
        );
        assert_eq!(text(&root, "[data-testid=version-pages-page]"), "2 / 2");
        assert!(el(&root, &row("1.0.0")).is_some());
    }
    let (root, _h, _b) = start_with(&ws, &me, "/dev/versions").await;
    wait_for(&root, &row("2.0.24")).await;
    assert_eq!(rows(&root), 20);
    assert!(el(&root, &row("1.0.0")).is_none());
    press(&root, "[data-testid=version-pages-next]");
    wait_for(&root, &row("1.0.0")).await;
    let location = web_sys::window().unwrap().location();
    assert_eq!(location.search().unwrap(), "?page=2");
    let total = ws.plugin(&me).unwrap().versions.len() as u32;
    assert_eq!(rows(&root), total - 20);
    open_upload(&root).await;
    type_into(&root, "[data-testid=upload-version]", "3.0.0");
    let next = "3.0.0";
    click(&root, "[data-testid=upload-submit]");
    wait_for(&root, &row(next)).await;
    assert_eq!(text(&root, "[data-testid=version-pages-page]"), "1 / 2");
    assert_eq!(rows(&root), 20);
    assert_eq!(location.search().unwrap(), "", "the first page in the URL");
    drop((_h, _b));
    // The next step's 发布 link to a row on the first page, with another page asked for.
    let (root, _h, _b) = start_with(&ws, &me, "/dev/versions?page=2#release-2.0.24").await;
    wait_for(&root, &row("2.0.24")).await;
    wait_until("the link's #… taken out", || {
        location.hash().unwrap().is_empty()
    })
    .await;
    tick().await;
    assert_eq!(location.search().unwrap(), "", "the first page in the URL");
    assert_eq!(text(&root, "[data-testid=version-pages-page]"), "1 / 2");
}

/// Another tab's upload shifts the rows down: focus stays on the version it was on, not on the
/// one drawn in its place (QA: focus on 1.0.0's 下线 was then on 1.1.0's, and Enter offered to
/// take 1.1.0 offline).
#[wasm_bindgen_test]
async fn dev_version_rows_shifted_by_another_tabs_upload_keep_focus_on_their_version() {
    let (root, _h, _b, ws) = start("顺丰速运", "/dev/versions").await;
    let me = account_id(&ws, "顺丰速运");
    wait_for(&root, "[data-testid=offline-1\\.0\\.0]").await;
    // What the page does as it opens (its focus) is done first.
    crate::shell::after_queued_timers().await;
    focus(&root, "[data-testid=offline-1\\.0\\.0]");
    crate::shell::another_tab_saves(|other| upload(other, &me, "1.3.0"));
    crate::shell::announce_storage_change();
    wait_for(&root, "[data-testid='version-row-1.3.0']").await;
    // The refocus runs on a timer, after the rows are drawn.
    crate::shell::after_queued_timers().await;
    assert_eq!(active_testid().as_deref(), Some("offline-1.0.0"));
}

/// 提交审核's 取消 lands on the version's row, on its page of 开发管理 (QA: on the first page, the
/// row left out of sight).
#[wasm_bindgen_test]
async fn dev_submit_cancel_lands_on_the_versions_row_on_its_page() {
    let mut ws = demo();
    let me = account_id(&ws, "开源软件基金会");
    for patch in 1..=25 {
        upload(&mut ws, &me, &format!("0.2.{patch}"));
    }
    let (root, _h, _b) = start_with(&ws, &me, "/dev/versions/0.1.0/submit").await;
    wait_for(&root, "[data-testid=review-cancel]").await;
    click(&root, "[data-testid=review-cancel]");
    wait_for(&root, "[data-testid='version-row-0.1.0']").await;
    assert_eq!(text(&root, "[data-testid=version-pages-page]"), "2 / 2");
    crate::shell::after_queued_timers().await;
    assert_eq!(
        crate::shell::active()
            .and_then(|e| e.get_attribute("data-testid"))
            .as_deref(),
        Some("version-row-0.1.0")
    );
}

/// 开发管理's rows are drawn anew when what they say may have changed, not on every change of the
/// workspace: another tab's change elsewhere (an account created) leaves the focused button as
/// it was (code review: it was taken off and put back); another tab's reset of the demo, with as
/// many events, draws them anew (code review: its upload times stayed).
#[wasm_bindgen_test]
async fn dev_version_rows_are_drawn_anew_only_when_what_they_say_may_change() {
    let (root, _h, _b, _) = start("顺丰速运", "/dev/versions").await;
    wait_for(&root, "[data-testid=offline-1\\.0\\.0]").await;
    crate::shell::after_queued_timers().await;
    let button = focus(&root, "[data-testid=offline-1\\.0\\.0]");
    crate::shell::another_tab_saves(|other| {
        let cmd = Command::CreateAccount {
            name: "另一个标签页的新帐号".into(),
            subject: plugin_lifecycle::domain::SubjectType::Enterprise,
            categories: vec![plugin_lifecycle::domain::Category::new("工具", "天气")],
        };
        other.execute(&Actor::System, now(), cmd).unwrap()
    });
    crate::shell::announce_storage_change();
    wait_until("the other tab's account", || {
        text(&root, "[data-testid=account-select]").contains("另一个标签页的新帐号")
    })
    .await;
    crate::shell::after_queued_timers().await;
    let same = el(&root, "[data-testid=offline-1\\.0\\.0]").unwrap();
    assert!(
        same == *button.unchecked_ref::<web_sys::Element>(),
        "the row was drawn anew"
    );
    assert!(crate::shell::active().is_some_and(|a| a == same));
    // A demo reset an hour later: as many events, other upload times.
    let later = plugin_lifecycle::domain::Timestamp(now().0 + 3_600_000);
    crate::shell::another_tab_replaces(&plugin_lifecycle::domain::demo_workspace(later));
    crate::shell::announce_storage_change();
    wait_until("the row drawn anew", || {
        el(&root, "[data-testid=offline-1\\.0\\.0]")
            .is_some_and(|b| b != *button.unchecked_ref::<web_sys::Element>())
    })
    .await;
}
