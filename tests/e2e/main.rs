//! End-to-end: the built release `dist/`, served on 127.0.0.1 with SPA fallback, driven in headless
//! Chromium through ChromeDriver. Run by `make test` (after `make release`).
#![cfg(not(target_arch = "wasm32"))]

mod a11y;
mod lifecycle;
mod storage;
mod subpath;
#[path = "../support/mod.rs"]
mod support;

use lifecycle::{click, tid};
use std::time::Duration;
use support::*;

pub(crate) const T: Duration = Duration::from_secs(20);

/// One browser for the whole suite (starting Chromium is the slow part); each scenario starts
/// from a clean localStorage.
pub(crate) struct Env {
    _driver: Driver,
    pub(crate) c: fantoccini::Client,
    pub(crate) base: String,
}

async fn env() -> Env {
    // `/__blank` is a page without the app: clearing storage from inside the app would be
    // undone by its own save on the way out (a tab re-writes its state when the key vanishes).
    let blank = b"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>blank</title></head><body></body></html>".to_vec();
    let base = serve_dist_with(
        dist_dir(),
        vec![("/__blank", "text/html; charset=utf-8", blank)],
    )
    .await;
    let driver = start_driver().await;
    let c = browser(&driver).await;
    Env {
        _driver: driver,
        c,
        base,
    }
}

impl Env {
    pub(crate) async fn open(&self, path: &str) {
        self.c
            .goto(&format!("{}{}", self.base, path))
            .await
            .expect("navigate");
        wait_js(
            &self.c,
            "document.querySelector('[data-app-ready]')",
            &format!("app shell at {path}"),
            T,
        )
        .await;
    }
    /// Makes the next page load act as mini program account `id` (this tab's session).
    pub(crate) async fn act_as(&self, id: &plugin_lifecycle::domain::AppId) {
        let js = format!(
            "sessionStorage.setItem('plugin-lifecycle/session', JSON.stringify({{account: '{id}'}})); return 1;"
        );
        self.c.execute(&js, vec![]).await.unwrap();
    }
    pub(crate) async fn clear_storage(&self) {
        self.c
            .goto(&format!("{}/__blank", self.base))
            .await
            .unwrap();
        self.c
            .execute(
                "localStorage.clear(); sessionStorage.clear(); return true;",
                vec![],
            )
            .await
            .unwrap();
    }
    pub(crate) async fn assert_no_errors(&self, at: &str) {
        let errors = page_errors(&self.c).await;
        assert!(errors.is_empty(), "errors in the page at {at}: {errors:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn release_bundle_end_to_end() {
    let e = env().await;
    e.clear_storage().await;
    smoke_shell_and_deep_links(&e).await;
    a_trap_is_said_with_a_reload(&e).await;
    a_failed_start_is_said(&e).await;
    printed_and_not_translated(&e).await;
    one_press_one_action(&e).await;
    a_refused_history_step_is_no_trap(&e).await;
    forced_colors_and_the_header(&e).await;
    storage::two_windows_lose_no_update(&e).await;
    storage::corrupt_storage_is_quarantined(&e).await;
    storage::big_workspace_in_binary_form(&e).await;
    lifecycle::whole_lifecycle(&e).await;
    lifecycle::refusals(&e).await;
    lifecycle::xss_in_other_fields(&e).await;
    subpath::served_under_a_path(&e).await;
    e.clear_storage().await;
    // Plus a released demo plugin's info page (demo AppIDs are deterministic).
    let express = demo_account("顺丰速运");
    let info = format!("/consumer/plugins/{express}");
    let mut pages = a11y::MAIN_PAGES.to_vec();
    pages.push(&info);
    a11y::axe_main_pages(&e, &pages).await;
    // In English too, where names are other words (keyboard QA: 「Act as 顺丰速运」 named a
    // button showing "Act as this account").
    lifecycle::click(&e, "[data-testid=lang-toggle]").await;
    wait_js(&e.c, "document.documentElement.lang === 'en'", "English", T).await;
    a11y::axe_main_pages(&e, &["/", "/dev", "/review", "/consumer", &info]).await;
    e.c.clone().close().await.ok();
}

/// The shell renders at `/`, every area and a 404 load directly (deep links), no console errors.
async fn smoke_shell_and_deep_links(e: &Env) {
    for (path, marker) in [
        ("/", "[data-testid=home]"),
        ("/dev", "[data-testid=area-dev]"),
        ("/review", "[data-testid=area-review]"),
        ("/consumer", "[data-testid=area-consumer]"),
        ("/no/such/page", "[data-testid=not-found]"),
        // A host's or a bookmark's index.html is its folder's page (QA: a 404).
        ("/index.html", "[data-testid=home]"),
        ("/consumer/index.html?x=1", "[data-testid=area-consumer]"),
    ] {
        e.open(path).await;
        wait_css(&e.c, marker).await;
        e.assert_no_errors(path).await;
    }
    let url = e.c.current_url().await.unwrap();
    assert_eq!(
        (url.path(), url.query()),
        ("/consumer", Some("x=1")),
        "the address of …/index.html"
    );
    // Hidden text does not wrap a character a line in its 1px box (scale QA: a 190 000-character
    // status took 12–25 s of layout).
    let [nowrap] = numbers(
        e,
        "return [[...document.querySelectorAll('.sr-only')]\
         .filter(x => getComputedStyle(x).whiteSpace !== 'nowrap').length];",
    )
    .await;
    assert_eq!(nowrap, 0.0, "a .sr-only element wraps");
    println!("e2e smoke: shell, 3 areas and 404 load directly, no page errors");
    phone_layout(e).await;
}

/// A trap of the wasm (a Rust panic: the release build aborts at once, without a message) is
/// said by index.html with a reload button, whether it ends an event handler (`error`) or a
/// future (`unhandledrejection`); another script's error is not taken for one. The trap is
/// thrown from a timer and a rejected promise of an inline script: a page script, as the app's
/// module is (the browser hides the error object of WebDriver's own scripts, "Script error.").
async fn a_trap_is_said_with_a_reload(e: &Env) {
    e.open("/").await;
    let banner = "document.querySelector('[data-testid=crash]')";
    let run = |code: &str| {
        format!(
            "const s = document.createElement('script'); s.textContent = {}; \
             document.body.appendChild(s); return true;",
            serde_json::to_string(code).unwrap()
        )
    };
    e.c.execute(
        &run("setTimeout(() => { throw new Error('not the app'); })"),
        vec![],
    )
    .await
    .unwrap();
    wait_js(&e.c, "window.__errors.length === 1", "the other error", T).await;
    assert!(
        e.c.execute(&format!("return {banner} === null;"), vec![])
            .await
            .unwrap()
            .as_bool()
            .unwrap(),
        "a script error that is no trap shows no banner"
    );
    for (throw, what) in [
        (
            "setTimeout(() => { throw new WebAssembly.RuntimeError('unreachable'); })",
            "a trap in a handler",
        ),
        (
            "Promise.reject(new WebAssembly.RuntimeError('unreachable'))",
            "a trap in a future",
        ),
    ] {
        e.c.execute(&run(throw), vec![]).await.unwrap();
        let said = wait_js(
            &e.c,
            &format!(
                "{banner} && {banner}.getAttribute('role') === 'alert' \
                 && document.activeElement === {banner}.querySelector('button') && {banner}.textContent"
            ),
            what,
            T,
        )
        .await;
        let said = said.as_str().unwrap_or_default();
        assert!(
            said.contains("应用内部出错") && said.contains("重新加载"),
            "{what}: {said}"
        );
        click(e, "[data-testid=crash] button").await;
        wait_js(
            &e.c,
            &format!("document.querySelector('[data-app-ready]') && {banner} === null"),
            "the page reloaded",
            T,
        )
        .await;
        e.assert_no_errors("after the reload").await;
    }
    println!("e2e trap: said with a reload (handler and future), other errors not");
}

/// A start that fails is said in place of 加载中…, with what to do and a reload (QA: 加载中… stayed
/// for ever): the wasm not loaded (a redeploy's missing file, the network dropped), then
/// WebAssembly turned off (Safari's Lockdown Mode).
async fn a_failed_start_is_said(e: &Env) {
    let cdp = |cmd: &'static str, params: serde_json::Value| e.c.issue_cmd(Cdp(cmd, params));
    let said = "document.querySelector('[data-testid=boot-failed]') \
                && document.querySelector('[data-testid=boot-failed]').textContent";
    cdp("Network.enable", serde_json::json!({})).await.unwrap();
    cdp(
        "Network.setCacheDisabled",
        serde_json::json!({ "cacheDisabled": true }),
    )
    .await
    .unwrap();
    cdp(
        "Network.setBlockedURLs",
        serde_json::json!({ "urls": ["*.wasm"] }),
    )
    .await
    .unwrap();
    e.c.goto(&format!("{}/dev", e.base)).await.unwrap();
    let text = wait_js(&e.c, said, "a start without its wasm said", T).await;
    let text = text.as_str().unwrap_or_default();
    assert!(
        text.contains("应用启动失败")
            && text.contains("应用文件未能加载")
            && text.contains("The app failed to start"),
        "without its wasm: {text}"
    );
    cdp("Network.setBlockedURLs", serde_json::json!({ "urls": [] }))
        .await
        .unwrap();
    click(e, "[data-testid=boot-failed] button").await;
    wait_js(
        &e.c,
        "document.querySelector('[data-app-ready]')",
        "started after the reload",
        T,
    )
    .await;
    e.assert_no_errors("a start after a failed one").await;
    let added = cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        serde_json::json!({ "source": "delete window.WebAssembly;" }),
    )
    .await
    .unwrap();
    e.c.goto(&format!("{}/", e.base)).await.unwrap();
    let text = wait_js(&e.c, said, "a start without WebAssembly said", T).await;
    let text = text.as_str().unwrap_or_default();
    assert!(
        text.contains("未启用 WebAssembly") && text.contains("WebAssembly turned off"),
        "without WebAssembly: {text}"
    );
    let id = serde_json::json!({ "identifier": added["identifier"] });
    cdp("Page.removeScriptToEvaluateOnNewDocument", id)
        .await
        .unwrap();
    cdp(
        "Network.setCacheDisabled",
        serde_json::json!({ "cacheDisabled": false }),
    )
    .await
    .unwrap();
    cdp("Network.disable", serde_json::json!({})).await.unwrap();
    e.open("/").await;
    e.assert_no_errors("a start after WebAssembly is back")
        .await;
    println!("e2e failed start: said with what to do and a reload (no wasm, no WebAssembly)");
}

/// On paper a page is its content, not its controls (QA: the header with its clock buttons, the
/// side menu and buttons printed; the app.json code light grey on white); and the page asks
/// browsers not to translate it (a translated status badge went stale: the app has 中文/EN).
async fn printed_and_not_translated(e: &Env) {
    let media = |media: &str| {
        Cdp(
            "Emulation.setEmulatedMedia",
            serde_json::json!({ "media": media }),
        )
    };
    let acting = demo_account("美食点评");
    let express = demo_account("顺丰速运");
    e.act_as(&acting).await;
    e.open(&format!("/consumer/code?plugin={express}")).await;
    wait_css(&e.c, "pre.snippet").await;
    // Who acts, and when: on paper only (the header is not printed).
    let as_line = "const p = document.querySelector('[data-testid=printed-as]'); \
         const on = getComputedStyle(p).display !== 'none'; \
         const named = p.textContent.includes('以「美食点评 ') && p.textContent.includes(' · 20');";
    let [on_screen] = numbers(e, &format!("{as_line} return [on ? 1 : 0];")).await;
    e.c.issue_cmd(media("print")).await.unwrap();
    let [shown, dark, translate, printed] = numbers(
        e,
        &format!(
            "const shown = ['header.topbar', 'nav.sidenav', 'main button'] \
               .filter(s => getComputedStyle(document.querySelector(s)).display !== 'none').length; \
             const c = getComputedStyle(document.querySelector('pre.snippet')).color; \
             {as_line} \
             return [shown, c === 'rgb(0, 0, 0)' ? 1 : 0, document.documentElement.translate ? 1 : 0, on && named ? 1 : 0];"
        ),
    )
    .await;
    e.c.issue_cmd(media("")).await.unwrap();
    assert_eq!(
        [on_screen, shown, dark, translate, printed],
        [0.0, 0.0, 1.0, 0.0, 1.0],
        "printed: the acting line on screen; header, menu or a button shown; the code not black; \
         the page translatable; or the printout not naming the acting account and the time"
    );
    e.clear_storage().await;
    println!(
        "e2e print: content only, the acting account and time named, code in black; translate=no"
    );
}

/// One press, one action (`index.html`): a held Enter's repeated keydowns do nothing (QA: 上传
/// held down uploaded 8 versions), nor does a double click's second click on a button (QA: it
/// approved the next applicant, whose row had moved under the pointer). Real input, through CDP.
async fn one_press_one_action(e: &Env) {
    let acting = demo_account("顺丰速运");
    e.act_as(&acting).await;
    e.open("/dev/versions").await;
    wait_css(&e.c, "[data-testid=upload-open]").await;
    e.c.execute(
        "window.__presses = 0; addEventListener('keypress', k => { if (k.key === 'Enter') __presses++; }); \
         document.querySelector('[data-testid=upload-open]').focus(); return 1;",
        vec![],
    )
    .await
    .unwrap();
    let key = |kind: &str, repeat: bool| {
        Cdp(
            "Input.dispatchKeyEvent",
            serde_json::json!({ "type": kind, "key": "Enter", "code": "Enter",
                "windowsVirtualKeyCode": 13, "text": "\r", "autoRepeat": repeat }),
        )
    };
    // A repeat alone (as if held since before): nothing opens; then a press opens the dialog.
    e.c.issue_cmd(key("keyDown", true)).await.unwrap();
    let [opened] = numbers(
        e,
        "return [document.querySelector('[data-testid=upload-dialog]') ? 1 : 0];",
    )
    .await;
    e.c.issue_cmd(key("keyDown", false)).await.unwrap();
    e.c.issue_cmd(key("keyUp", false)).await.unwrap();
    wait_css(&e.c, "[data-testid=upload-dialog]").await;
    // (A keydown whose default is prevented makes no keypress, the key's press of a button.)
    let [presses] = numbers(e, "return [__presses];").await;
    assert_eq!(
        [opened, presses],
        [0.0, 1.0],
        "a repeated Enter opened the dialog, or pressed (keypress) the button"
    );
    e.c.issue_cmd(Cdp(
        "Input.dispatchKeyEvent",
        serde_json::json!({ "type": "keyDown", "key": "Escape", "code": "Escape", "windowsVirtualKeyCode": 27 }),
    ))
    .await
    .unwrap();
    wait_js(
        &e.c,
        "!document.querySelector('[data-testid=upload-dialog]')",
        "the upload dialog closed",
        T,
    )
    .await;
    // Double clicks (presses counted 1 and 2, as the browser counts a double click's) on
    // buttons put over the page: on one that goes at the first click, another taking its place
    // (a decided row's 通过 and the next row's): one click, and the second press neither clicks
    // nor focuses the newcomer; a pager's and a `data-repeat` button keep both clicks.
    let centres: [f64; 6] = numbers(
        e,
        "window.__n = { plain: 0, next: 0, pager: 0, repeat: 0 }; window.__downs = []; \
         addEventListener('mousedown', m => __downs.push(m.detail), true); \
         window.__focused = []; addEventListener('focusin', f => __focused.push(f.target.id), true); \
         const box = document.createElement('div'); \
         box.style = 'position: fixed; top: 120px; left: 40px; z-index: 9999; background: #fff'; \
         const mk = (name, parent) => { const b = document.createElement('button'); \
           b.id = 'g-' + name; b.textContent = name; b.style = 'display: block; width: 160px; height: 40px'; \
           b.onclick = () => { __n[name]++; }; parent.appendChild(b); return b; }; \
         const slot = document.createElement('div'); box.appendChild(slot); \
         const plain = mk('plain', slot); \
         plain.onclick = () => { __n.plain++; plain.remove(); mk('next', slot); }; \
         const pager = document.createElement('nav'); pager.className = 'pager'; box.appendChild(pager); \
         mk('pager', pager); mk('repeat', box).setAttribute('data-repeat', ''); \
         document.body.appendChild(box); \
         return ['g-plain', 'g-pager', 'g-repeat'].flatMap(id => { \
           const r = document.getElementById(id).getBoundingClientRect(); \
           return [r.x + r.width / 2, r.y + r.height / 2]; });",
    )
    .await;
    for xy in centres.chunks(2) {
        for count in [1, 2] {
            for kind in ["mousePressed", "mouseReleased"] {
                let mouse = serde_json::json!({ "type": kind, "x": xy[0], "y": xy[1],
                    "button": "left", "clickCount": count });
                e.c.issue_cmd(Cdp("Input.dispatchMouseEvent", mouse))
                    .await
                    .unwrap();
            }
        }
    }
    let got: [f64; 6] = numbers(
        e,
        "return [__n.plain, __n.next, __n.pager, __n.repeat, \
           __focused.includes('g-next') ? 1 : 0, \
           __downs.join('') === '121212' ? 1 : 0];",
    )
    .await;
    assert_eq!(
        got,
        [1.0, 0.0, 2.0, 2.0, 0.0, 1.0],
        "double clicks: [the button's clicks, the newcomer's, a pager's, a data-repeat's, \
         the newcomer focused, the presses counted 1 and 2]"
    );
    e.clear_storage().await;
    println!("e2e one press, one action: a held Enter's repeats and a double click's second press do nothing (a pager's and data-repeat's keep it)");
}

/// Safari refuses more than 100 `history.pushState`/`replaceState` calls in 30 s with a
/// SecurityError, which the router unwraps (a trap: checked, the app went dead). index.html
/// lets that one step leave the address as it was: the browser's own methods are made to throw
/// as Safari's do, a link is followed, the page changes and nothing traps.
async fn a_refused_history_step_is_no_trap(e: &Env) {
    e.open("/dev").await;
    let refuse = |on: bool| {
        format!(
            "for (const m of ['pushState', 'replaceState']) {{ const p = History.prototype; \
             p['__keep_' + m] = p['__keep_' + m] || p['__' + m]; \
             p['__' + m] = {on} ? function () {{ throw new DOMException(\
             'Attempt to use history.' + m + '() more than 100 times per 30 seconds', \
             'SecurityError'); }} : p['__keep_' + m]; }} return true;"
        )
    };
    e.c.execute(&refuse(true), vec![]).await.unwrap();
    click(e, "nav.sidenav a[href='/dev/applications']").await;
    wait_js(
        &e.c,
        "document.querySelector('main h1') && document.querySelector('main h1').textContent === '申请管理'",
        "申请管理 shown with the address refused",
        T,
    )
    .await;
    let state: serde_json::Value =
        e.c.execute(
            "return [location.pathname, document.getElementById('crash') === null];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        state,
        serde_json::json!(["/dev", true]),
        "no trap, address kept"
    );
    e.assert_no_errors("after a refused pushState").await;
    e.c.execute(&refuse(false), vec![]).await.unwrap();
    click(e, "nav.sidenav a[href='/dev/versions']").await;
    wait_js(
        &e.c,
        "location.pathname === '/dev/versions'",
        "the address follows again",
        T,
    )
    .await;
    println!("e2e history: a pushState refused as Safari does is no trap");
}

/// At phone width (390 px) search hits are cards (QA: the 插件 column was ≈ 75 px, names broke
/// one letter a line), the role's menu takes only its row (it took ≈ 240 px, mostly blank) and
/// its current tab is scrolled into view (the row is wider than the screen).
async fn phone_layout(e: &Env) {
    e.c.set_window_size(390, 844).await.unwrap();
    e.open("/consumer/add").await;
    wait_css(&e.c, "[data-testid=search-results] tbody tr").await;
    let [cell, window, page] = numbers(
        e,
        "return [document.querySelector('[data-testid=search-results] tbody td')\
         .getBoundingClientRect().width, window.innerWidth, document.documentElement.scrollWidth];",
    )
    .await;
    assert!(
        cell > window * 0.7,
        "a hit's first cell is {cell} px wide in a {window} px window"
    );
    assert!(
        page <= window,
        "the page is {page} px wide in a {window} px window"
    );
    // In English a card's label of two lines ("Plugin service category") makes its line as
    // tall, not laid over the next (review).
    lifecycle::click(e, "[data-testid=lang-toggle]").await;
    wait_js(
        &e.c,
        "document.documentElement.lang === 'en'",
        "English",
        Duration::from_secs(10),
    )
    .await;
    let [overlaid] = numbers(
        e,
        "return [[...document.querySelectorAll('.cards td')].filter(td => { \
         const b = getComputedStyle(td, '::before'); \
         return b.content !== 'none' && b.content !== 'normal' \
         && parseFloat(b.height) > td.getBoundingClientRect().height + 0.5; }).length];",
    )
    .await;
    assert_eq!(overlaid, 0.0, "card labels taller than their line");
    lifecycle::click(e, "[data-testid=lang-toggle]").await;
    // 插件管理 too: every status in view, the table not scrolling sideways (QA: the status
    // column was cut under the sticky buttons).
    e.open("/consumer").await;
    lifecycle::act_as(e, "城市出行").await;
    wait_css(&e.c, "[data-testid=my-plugins] tbody tr").await;
    let [right, table_scroll, table_width] = numbers(
        e,
        "const t = document.querySelector('[data-testid=my-plugins]');\
         const rights = [...t.querySelectorAll('[data-testid=application-status]')]\
         .map(b => b.getBoundingClientRect().right);\
         return [Math.max(...rights), t.scrollWidth, t.clientWidth];",
    )
    .await;
    assert!(
        right <= window && table_scroll <= table_width,
        "插件管理 at phone width: a status ends at {right} px in a {window} px window, the table scrolls {table_scroll} px in {table_width} px"
    );
    // A plugin's page: its 线上版本 as cards, the page not wider than the window (QA: at 400 %
    // zoom the description wrapped two characters a line, cut at the card's edge).
    e.open(&format!("/consumer/plugins/{}", demo_account("顺丰速运")))
        .await;
    wait_css(&e.c, "[data-testid=online-versions] tbody tr").await;
    let [block, page] = numbers(
        e,
        "const td = document.querySelector('[data-testid=online-versions] tbody td'); \
         return [getComputedStyle(td).display === 'block' ? 1 : 0, document.documentElement.scrollWidth];",
    )
    .await;
    assert!(
        block == 1.0 && page <= window,
        "a plugin's 线上版本 at phone width: cards {block}, the page {page} px in a {window} px window"
    );
    assert_tables_named(e, "a plugin's page").await;
    // The menu marks the entry the page leads back to (opened directly: 添加插件 or 插件管理).
    wait_css(&e.c, "nav.sidenav [data-parent] a").await;
    // The code page's snippets run past a phone's edge: reached and scrolled by the keyboard
    // (keyboard QA: axe's scrollable-region-focusable).
    lifecycle::act_as(e, "美食点评").await;
    a11y::axe_main_pages(e, &["/consumer/code"]).await;
    // Back to the account the steps below expect (the demo's first).
    lifecycle::act_as(e, "顺丰速运").await;
    e.open("/dev/versions").await;
    wait_css(&e.c, "nav.sidenav").await;
    let [menu] = numbers(
        e,
        "return [document.querySelector('nav.sidenav').getBoundingClientRect().height];",
    )
    .await;
    assert!(
        menu < 80.0,
        "the side menu is {menu} px tall at phone width"
    );
    // The header's controls are reached by Tab in the order they are seen, row by row (QA: the
    // language toggle sat on the first row but came after the clock on the last).
    let [backwards] = numbers(
        e,
        "const els = [...document.querySelectorAll('header a, header button, header select')]\
         .filter(x => x.offsetParent !== null).map(x => x.getBoundingClientRect().top);\
         return [els.filter((top, i) => i > 0 && top < els[i - 1] - 10).length];",
    )
    .await;
    assert_eq!(
        backwards, 0.0,
        "a header control on a row above the one before it"
    );
    e.open("/dev/timeline").await;
    assert_within_window(e, "nav.sidenav a[aria-current]", "the current tab").await;
    // A tab that focus lands on comes fully into view, from partly beyond either edge of the
    // row (keyboard QA: Chromium does not scroll a tab that reaches into the row past its
    // 40 px `scroll-padding-inline`, and left the last one cut off; `layout::reveal_focused_tab`
    // does): each 50 px in view. The row made narrow: with this browser's fonts the tabs may
    // fit a 390 px one.
    let cut =
        e.c.execute(
            "const nav = document.querySelector('nav.sidenav'); \
             nav.style.width = '200px'; \
             const tabs = [...nav.querySelectorAll('a')]; \
             const cut = nav.scrollWidth > nav.clientWidth + 100 ? [] : ['the row does not scroll']; \
             for (const a of [tabs[tabs.length - 1], tabs[0]]) { \
               document.activeElement.blur(); \
               const seen = 50; \
               nav.scrollLeft = a === tabs[0] ? a.offsetLeft + a.offsetWidth - seen \
                 : a.offsetLeft - nav.clientWidth + seen; \
               a.focus(); const r = a.getBoundingClientRect(); \
               const m = nav.getBoundingClientRect(); \
               if (r.left < m.left || r.right > m.right) cut.push(a.textContent); } \
             document.activeElement.blur(); nav.style.width = ''; return cut;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(cut, serde_json::json!([]), "side tabs cut off when focused");
    // Back after following a tab: the row scrolls to the current tab, and focus does not stay on
    // the tab followed if that went out of the row (re-check QA: focused off the screen's side).
    e.open("/dev").await;
    click(e, "nav.sidenav a[href='/dev/timeline']").await;
    wait_js(&e.c, "location.pathname === '/dev/timeline'", "操作记录", T).await;
    e.c.back().await.unwrap();
    wait_js(
        &e.c,
        "location.pathname === '/dev' && (() => { const a = document.activeElement; \
         const r = a.getBoundingClientRect(); \
         const m = document.querySelector('nav.sidenav').getBoundingClientRect(); \
         return a !== document.body && r.width > 0 && r.left >= m.left - 1 && r.right <= m.right + 1 \
         && r.top >= 0 && r.bottom <= window.innerHeight; })()",
        "focus in view after Back to /dev",
        T,
    )
    .await;
    // A table's buttons stay in view while its other columns scroll beneath them (QA: 通过 and
    // 拒绝 started off screen on 申请管理).
    e.open("/dev/applications").await;
    assert_within_window(e, "[data-testid^=app-approve-]", "通过").await;
    // Its rows are cards: the countdown and a decided one's status in view too, as is a review
    // decision's outcome (QA: off screen, behind the buttons or past the edge).
    assert_within_window(e, "[data-testid^=app-countdown-]", "剩余处理时间").await;
    assert_within_window(e, "[data-testid^=app-status-]", "历史申请's 状态").await;
    assert_tables_named(e, "/dev/applications").await;
    e.open("/review/history").await;
    assert_within_window(e, "[data-testid^=history-row-] .badge", "审核记录's 结果").await;
    assert_tables_named(e, "/review/history").await;
    assert_within_window(
        e,
        "[data-testid^=history-row-] td:last-child",
        "审核记录's 理由",
    )
    .await;
    // 版本描述 gets a readable width, a card's line (QA: two characters a line when the table
    // squeezed it), and the upload dialog's buttons stay in view over its long form (QA: below
    // the fold).
    e.open("/dev/versions").await;
    wait_css(&e.c, ".table td.text").await;
    let [text, font] = numbers(
        e,
        "const td = document.querySelector('.table td.text'); \
         return [td.getBoundingClientRect().width, parseFloat(getComputedStyle(td).fontSize)];",
    )
    .await;
    assert!(
        text >= 9.5 * font,
        "版本描述 is {text} px wide ({font} px text) at 390 px"
    );
    click(e, &tid("upload-open")).await;
    wait_css(&e.c, &tid("upload-submit")).await;
    let [bottom, height] = numbers(
        e,
        "return [document.querySelector('[data-testid=upload-submit]').getBoundingClientRect().bottom, window.innerHeight];",
    )
    .await;
    assert!(
        bottom <= height,
        "上传 ends at {bottom} px in a {height} px window"
    );
    // The last tab stays in view when the language changes its width (QA: English cut it).
    e.open("/dev/accounts/new").await;
    lifecycle::click(e, "[data-testid=lang-toggle]").await;
    wait_js(
        &e.c,
        "document.documentElement.lang === 'en' && (() => { \
         const r = document.querySelector('nav.sidenav a[aria-current]').getBoundingClientRect(); \
         return r.left >= 0 && r.right <= window.innerWidth; })()",
        "the current tab in view in English",
        Duration::from_secs(10),
    )
    .await;
    // The 清空工作区 confirmation fits with WCAG 1.4.12's text spacing, in English (QA: its
    // table's row labels did not wrap and pushed the dialog 47 px wider than its window).
    e.open("/data").await;
    click(e, &tid("reset-empty")).await;
    wait_css(&e.c, "dialog[open] [data-testid=replace-summary]").await;
    let [scroll, width] = with_text_spacing(
        e,
        "const d = document.querySelector('dialog[open]'); return [d.scrollWidth, d.clientWidth];",
    )
    .await;
    assert!(
        scroll <= width,
        "清空工作区's dialog scrolls {scroll} px in {width} px with text spacing"
    );
    click(e, &tid("replace-cancel")).await;
    // /data itself at 320 px with text spacing: no sideways scroll (QA: the file input's own
    // width made the page 344 px wide).
    e.c.set_window_size(320, 700).await.unwrap();
    e.open("/data").await;
    let [page, window] = with_text_spacing(
        e,
        "return [document.documentElement.scrollWidth, window.innerWidth];",
    )
    .await;
    assert!(window <= 320.0, "the window is {window} px wide, not 320");
    assert!(
        page <= window,
        "/data is {page} px wide in a {window} px window with text spacing"
    );
    // At 375 px, a first +24h brings the 模拟 badge without moving the clock's buttons: a second
    // tap lands on +24h again (QA: on +1h, 25 hours on); its toast says so at the top, clear of
    // what an action brings in at the bottom (QA: 已上传 covered the new row's 提交审核).
    e.c.set_window_size(375, 740).await.unwrap();
    e.open("/").await;
    let rect = "const r = document.querySelector('[data-testid=clock-plus-24h]').getBoundingClientRect(); \
                return [r.left, r.top];";
    let before: [f64; 2] = numbers(e, rect).await;
    click(e, &tid("clock-plus-24h")).await;
    wait_css(&e.c, ".clock-sim").await;
    wait_css(&e.c, ".toast").await;
    let after: [f64; 2] = numbers(e, rect).await;
    assert_eq!(before, after, "+24h moved once the clock was simulated");
    let [toast, window] = numbers(
        e,
        "return [document.querySelector('.toast').getBoundingClientRect().bottom, window.innerHeight];",
    )
    .await;
    assert!(
        toast < window / 3.0,
        "the toast ends at {toast} px in a {window} px window"
    );
    e.clear_storage().await;
    // Beside the side menu at 768 px (below a 1024 px window), tables are cards as on a phone
    // (layout QA: 通过/拒绝 cut off at the page's edge; tablet QA: then a table scrolling in its
    // own box hid the countdown under them).
    e.c.set_window_size(768, 1024).await.unwrap();
    e.open("/dev/applications").await;
    assert_within_window(e, "[data-testid^=app-approve-]", "通过 at 768 px").await;
    // Cards where the page is too narrow for a table, not the window: at 900 px the start page
    // (no side menu) keeps its accounts in a table, 申请管理 beside the menu is cards (QA: the
    // start page's accounts were cards at 1000 px).
    e.c.set_window_size(900, 1024).await.unwrap();
    let display = "return getComputedStyle(document.querySelector(arguments[0])).display;";
    for (path, table, shown) in [
        ("/", "[data-testid=account-list]", "table"),
        (
            "/dev/applications",
            "[data-testid=applications-pending]",
            "block",
        ),
    ] {
        e.open(path).await;
        wait_css(&e.c, table).await;
        let got = e.c.execute(display, vec![table.into()]).await.unwrap();
        assert_eq!(
            got.as_str(),
            Some(shown),
            "{path}'s table at a 900 px window"
        );
    }
    e.c.set_window_size(1280, 900).await.unwrap();
    // In English, with the simulated clock's badge, the header is still one row at 1280 px
    // (QA: it wrapped).
    e.c.execute(
        "const s = JSON.stringify({lang: 'En', clock_offset_ms: 3600000}); \
         sessionStorage.setItem('plugin-lifecycle/session', s); \
         localStorage.setItem('plugin-lifecycle/session', s); return true;",
        vec![],
    )
    .await
    .unwrap();
    e.open("/dev").await;
    wait_css(&e.c, ".clock-sim").await;
    let [header] = numbers(
        e,
        "return [document.querySelector('header.topbar').getBoundingClientRect().height];",
    )
    .await;
    assert!(
        header < 70.0,
        "the English header with the simulated clock is {header} px tall at 1280 px"
    );
    e.clear_storage().await;
    println!("e2e layout: search hits, 申请管理 and 审核记录 as cards, the header in Tab order, menu one row, current tab and a focused one, a table's buttons, 版本描述 and the upload dialog's buttons in view at 390 px, the clock's buttons kept in place and the toast at the top at 375 px; the header one row at 1280 px");
}

/// A Chrome DevTools Protocol command, through ChromeDriver's `goog/cdp/execute`.
#[derive(Debug)]
struct Cdp(&'static str, serde_json::Value);

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }
    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = serde_json::json!({ "cmd": self.0, "params": self.1 });
        (http::Method::POST, Some(body.to_string()))
    }
}

/// Forced colours (Windows high contrast) take colours away: a dialog keeps an edge and a
/// field's error is told from its hint by more than colour (QA: a white box without an edge,
/// 「请填写插件名称」 read as a hint). And the header never covers what a link scrolls to: the
/// page's scroll padding is at least the header's height at every width it is sticky (QA: in
/// English at 110 % zoom, 1164 px, the header took two rows, 92 px, over a 72 px padding).
async fn forced_colors_and_the_header(e: &Env) {
    let travel = demo_account("城市出行");
    let session = |lang: &str, offset: i64| {
        format!(
            "const s = JSON.stringify({{lang: '{lang}', account: '{travel}', clock_offset_ms: {offset}}}); \
             sessionStorage.setItem('plugin-lifecycle/session', s); \
             localStorage.setItem('plugin-lifecycle/session', s); return true;"
        )
    };
    for (lang, offset) in [("En", 3_600_000), ("En", 0), ("Zh", 3_600_000)] {
        e.clear_storage().await;
        e.c.execute(&session(lang, offset), vec![]).await.unwrap();
        for width in [1600, 1440, 1320, 1300, 1280, 1240, 1164, 1101, 1000, 800] {
            e.c.set_window_size(width, 900).await.unwrap();
            e.open("/dev").await;
            if offset != 0 {
                wait_css(&e.c, ".clock-sim").await;
            }
            let [header, padding, window] = numbers(
                e,
                "return [document.querySelector('header.topbar').getBoundingClientRect().bottom, \
                 parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop), \
                 window.innerWidth];",
            )
            .await;
            assert!(
                header <= padding,
                "{lang} at {window} px: the header ends at {header} px, the scroll padding is {padding} px"
            );
        }
    }
    // The browser's own text size (Settings → Appearance → Font size, "Very large": 24 px) is
    // followed, and the scroll padding grows with the header (QA: text stayed at 14 px; with
    // larger text the header covered what focus moved to).
    let font = |standard: u32, fixed: u32| {
        let sizes = serde_json::json!({ "fontSizes": { "standard": standard, "fixed": fixed } });
        Cdp("Page.setFontSizes", sizes)
    };
    e.c.issue_cmd(font(24, 20)).await.unwrap();
    e.clear_storage().await;
    e.c.execute(&session("En", 3_600_000), vec![])
        .await
        .unwrap();
    for width in [1280, 1000, 800] {
        e.c.set_window_size(width, 900).await.unwrap();
        e.open("/dev").await;
        wait_css(&e.c, ".clock-sim").await;
        // Where the header would take three rows, the phone layout's header, which scrolls
        // away with the page (its breakpoints are in em).
        let [text, header, padding, sticky] = numbers(
            e,
            "const h = document.querySelector('header.topbar'); \
             return [parseFloat(getComputedStyle(document.querySelector('main p.lead')).fontSize), \
             h.getBoundingClientRect().bottom, \
             parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop), \
             getComputedStyle(h).position === 'sticky' ? 1 : 0];",
        )
        .await;
        assert!(
            text == 21.0 && (header <= padding || sticky == 0.0),
            "with the browser's text at 24 px, at {width} px: the page's text is {text} px, \
             the header ends at {header} px (sticky: {sticky}), the scroll padding is {padding} px"
        );
        assert_eq!(sticky == 1.0, width >= 1140, "at {width} px");
    }
    e.c.issue_cmd(font(16, 13)).await.unwrap();
    // A header grown past what the style sheet can know (the browser's minimum font size does
    // this; here a taller header): the scroll padding follows its measured height (QA).
    e.c.set_window_size(1280, 900).await.unwrap();
    e.open("/dev").await;
    e.c.execute(
        "const s = document.createElement('style'); s.id = 'tall'; \
         s.textContent = 'header.topbar { min-height: 240px; }'; document.head.append(s); return 1;",
        vec![],
    )
    .await
    .unwrap();
    wait_js(
        &e.c,
        "parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) \
         >= document.querySelector('header.topbar').getBoundingClientRect().bottom",
        "the scroll padding past a 240 px header",
        Duration::from_secs(10),
    )
    .await;
    e.c.execute(
        "document.getElementById('tall').remove(); return 1;",
        vec![],
    )
    .await
    .unwrap();
    e.c.set_window_size(1280, 900).await.unwrap();
    e.clear_storage().await;
    e.c.execute(&session("Zh", 0), vec![]).await.unwrap();
    let media = |active: bool| {
        let features = if active {
            serde_json::json!([{ "name": "forced-colors", "value": "active" }])
        } else {
            serde_json::json!([])
        };
        Cdp(
            "Emulation.setEmulatedMedia",
            serde_json::json!({ "features": features }),
        )
    };
    e.c.issue_cmd(media(true)).await.unwrap();
    let [forced] = numbers(
        e,
        "return [matchMedia('(forced-colors: active)').matches ? 1 : 0];",
    )
    .await;
    assert_eq!(forced, 1.0, "forced colours emulated");
    e.open("/dev/open").await;
    click(e, &tid("dev-open-submit")).await;
    wait_css(&e.c, "[data-testid=field-error-name]").await;
    let [error_bar, hint_bar, dashed] = numbers(
        e,
        "const s = el => getComputedStyle(document.querySelector(el)); \
         return [parseFloat(s('[data-testid=field-error-name]').borderLeftWidth), \
                 parseFloat(s('.field .hint').borderLeftWidth), \
                 s('[data-testid=dev-name]').borderTopStyle === 'dashed' ? 1 : 0];",
    )
    .await;
    assert!(
        error_bar >= 3.0 && hint_bar == 0.0 && dashed == 1.0,
        "an error's bar {error_bar} px, a hint's {hint_bar} px, the invalid field dashed: {dashed}"
    );
    e.open("/data").await;
    click(e, &tid("reset-demo")).await;
    wait_css(&e.c, "dialog[open]").await;
    let [edge, drawn] = numbers(
        e,
        "const s = getComputedStyle(document.querySelector('dialog[open]')); \
         return [parseFloat(s.borderTopWidth), s.borderTopColor === 'rgba(0, 0, 0, 0)' ? 0 : 1];",
    )
    .await;
    assert!(
        edge >= 1.0 && drawn == 1.0,
        "the dialog's edge in forced colours: {edge} px, drawn: {drawn}"
    );
    click(e, &tid("replace-cancel")).await;
    e.c.issue_cmd(media(false)).await.unwrap();
    e.clear_storage().await;
    println!("e2e forced colours and header: a dialog's edge and an error's bar in forced colours; the scroll padding clears the header at 800–1440 px in zh and en, and with the browser's text at 24 px");
}

/// Every table on the page has a name (its heading, or a label), which a screen reader's list
/// of tables reads (QA: "table, table").
async fn assert_tables_named(e: &Env, at: &str) {
    let [unnamed] = numbers(
        e,
        "return [[...document.querySelectorAll('table')].filter(t => !(t.getAttribute('aria-label') \
         || (document.getElementById(t.getAttribute('aria-labelledby') || '') || {}).textContent)).length];",
    )
    .await;
    assert_eq!(unnamed, 0.0, "{at}: a table without a name");
}

/// The first element matching `css` (waited for) lies across the window, left to right.
async fn assert_within_window(e: &Env, css: &str, what: &str) {
    wait_css(&e.c, css).await;
    let [left, right, window] = numbers(
        e,
        &format!(
            "const r = document.querySelector('{css}').getBoundingClientRect(); \
             return [r.left, r.right, window.innerWidth];"
        ),
    )
    .await;
    assert!(
        left >= 0.0 && right <= window,
        "{what} spans {left}..{right} px in a {window} px window"
    );
}

/// `measure` (a script body returning numbers) run with WCAG 1.4.12's text spacing applied to
/// the page, then taken off again.
async fn with_text_spacing<const N: usize>(e: &Env, measure: &str) -> [f64; N] {
    numbers(
        e,
        &format!(
            "const s = document.createElement('style'); \
             s.textContent = '* {{ line-height: 1.5 !important; letter-spacing: 0.12em !important; \
             word-spacing: 0.16em !important; }} p {{ margin-bottom: 2em !important; }}'; \
             document.head.append(s); \
             try {{ {measure} }} finally {{ s.remove(); }}"
        ),
    )
    .await
}

/// The AppID of the demo account named `name` (demo AppIDs are deterministic).
fn demo_account(name: &str) -> plugin_lifecycle::domain::AppId {
    let demo = plugin_lifecycle::domain::demo_workspace(plugin_lifecycle::domain::Timestamp(0));
    let account = demo.accounts().iter().find(|a| a.name == name);
    account
        .unwrap_or_else(|| panic!("demo account {name}"))
        .app_id
        .clone()
}

/// The `N` numbers a script returns as an array.
async fn numbers<const N: usize>(e: &Env, script: &str) -> [f64; N] {
    let v = e.c.execute(script, vec![]).await.unwrap();
    std::array::from_fn(|i| v[i].as_f64().unwrap_or_else(|| panic!("{script}: {v}")))
}
