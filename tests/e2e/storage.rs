//! Persistence end to end in the release bundle: two real windows editing the same workspace
//! (no lost update), a corrupt stored value at startup (quarantined, banner, no white screen), and
//! a big workspace in its chunked binary form (read, searched, edited, written back in that form).
use super::{Env, T};
use crate::lifecycle::{click, tid, type_in, wait_text};
use crate::support::{wait_css, wait_js};
use plugin_lifecycle::domain::{scale_workspace, Workspace};
use plugin_lifecycle::store::codec;
use serde_json::json;

const KEY: &str = "plugin-lifecycle/workspace";
const QUARANTINE: &str = "plugin-lifecycle/quarantine";

/// Goes to a same-origin page that is not the app (a static asset of dist/), so localStorage
/// can be arranged without a running app reacting to it.
async fn outside_the_app(e: &Env) {
    e.open("/").await;
    let asset = e
        .c
        .execute(
            "const l = document.querySelector('link[rel=stylesheet]') || document.querySelector('script[src]'); \
             return l ? (l.href || l.src) : null;",
            vec![],
        )
        .await
        .unwrap();
    let url = asset
        .as_str()
        .expect("dist has a stylesheet or script")
        .to_string();
    e.c.goto(&url).await.unwrap();
}

/// Creates an account through the real form (/dev/accounts/new, reached by client-side
/// navigation from the current page), then goes back home without reloading.
async fn create_account(e: &Env, name: &str) {
    click(e, ".areas a[href=\"/dev\"]").await;
    click(e, ".sidenav a[href=\"/dev/accounts/new\"]").await;
    type_in(e, &tid("new-account-name"), name).await;
    wait_css(&e.c, &tid("new-account-primary"))
        .await
        .select_by_label("工具")
        .await
        .unwrap();
    type_in(e, &tid("new-account-secondary"), "天气").await;
    click(e, &tid("new-account-add-category")).await;
    click(e, &tid("new-account-submit")).await;
    wait_js(
        &e.c,
        "location.pathname === '/dev'",
        &format!("account {name} created"),
        T,
    )
    .await;
    click(e, "a.brand").await;
    wait_css(&e.c, "[data-testid=account-list]").await;
}

/// Two windows, both editing before either saw the other's write: both edits end up in the
/// stored JSON and in both windows.
pub async fn two_windows_lose_no_update(e: &Env) {
    outside_the_app(e).await;
    e.c.execute(
        "localStorage.clear(); sessionStorage.clear(); return true;",
        vec![],
    )
    .await
    .unwrap();
    // Both windows are open on /dev before either edits.
    e.open("/dev").await;
    let first = e.c.window().await.unwrap();
    let second = e.c.new_window(false).await.unwrap().handle;
    e.c.switch_to_window(second.clone()).await.unwrap();
    e.open("/dev").await;
    // Both edit through the UI, neither reloading.
    e.c.switch_to_window(first.clone()).await.unwrap();
    create_account(e, "甲窗口帐号").await;
    e.c.switch_to_window(second.clone()).await.unwrap();
    // Names none of which contains another (a test audit: "乙窗口帐号" was found inside
    // "乙窗口帐号二", so the wait did not need window 2's first edit).
    create_account(e, "乙窗口帐号一").await;
    create_account(e, "乙窗口帐号二").await;
    let both = format!(
        "(() => {{ const s = localStorage.getItem('{KEY}') || ''; \
         return s.includes('甲窗口帐号') && s.includes('乙窗口帐号一') && s.includes('乙窗口帐号二'); }})()"
    );
    wait_js(&e.c, &both, "both windows' edits in the stored JSON", T).await;
    let listed =
        "(() => { const t = document.querySelector('[data-testid=account-list]').textContent; \
                  return t.includes('甲窗口帐号') && t.includes('乙窗口帐号一') && t.includes('乙窗口帐号二'); })()";
    wait_js(&e.c, listed, "window 2 shows both edits", T).await;
    e.assert_no_errors("window 2").await;
    e.c.close_window().await.unwrap();
    e.c.switch_to_window(first).await.unwrap();
    wait_js(
        &e.c,
        listed,
        "window 1 reloaded the other window's edits (storage event)",
        T,
    )
    .await;
    // The stored JSON parses and holds each edit exactly once.
    let count = e
        .c
        .execute(
            &format!(
                "const w = JSON.parse(localStorage.getItem('{KEY}')).workspace; \
                 return w.accounts.filter(a => ['甲窗口帐号', '乙窗口帐号一', '乙窗口帐号二'].includes(a.n)).length;"
            ),
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(count, json!(3), "each edit once");
    e.assert_no_errors("window 1").await;
    println!("e2e storage: two windows edited concurrently, no update lost");
}

/// A corrupt stored value at startup: the app starts from the demo, keeps the raw value under a
/// new quarantine key (never overwriting an older one) and offers its download.
pub async fn corrupt_storage_is_quarantined(e: &Env) {
    outside_the_app(e).await;
    e.c.execute(
        &format!(
            "localStorage.clear(); sessionStorage.clear(); localStorage.setItem('{QUARANTINE}', 'older'); \
             localStorage.setItem('{KEY}', '{{\"schema\":1,\"rev\":9,\"workspace\":{{\"accou'); return true;"
        ),
        vec![],
    )
    .await
    .unwrap();
    e.open("/").await;
    wait_css(&e.c, "[data-testid=storage-banner][data-kind=quarantined]").await;
    wait_css(&e.c, "[data-testid=account-list]").await;
    let kept = e
        .c
        .execute(
            &format!("return [localStorage.getItem('{QUARANTINE}'), localStorage.getItem('{QUARANTINE}-2')];"),
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        kept,
        json!(["older", "{\"schema\":1,\"rev\":9,\"workspace\":{\"accou"])
    );
    let fresh_ok =
        format!("JSON.parse(localStorage.getItem('{KEY}')).workspace.accounts.length >= 5");
    wait_js(&e.c, &fresh_ok, "the demo saved in place", T).await;
    e.assert_no_errors("corrupt start").await;
    // The data page lists both set-aside values.
    e.open("/data").await;
    let listed = "document.querySelectorAll('[data-testid=set-aside-item]').length >= 2";
    wait_js(&e.c, listed, "set-aside values listed on /data", T).await;
    println!("e2e storage: corrupt data quarantined, app started from demo with a banner");
}

/// A big workspace stored in the chunked binary form (as the app writes any workspace over
/// `codec::COMPRESS_ABOVE`): the app reads it at startup, its search finds what it holds, a
/// command through the UI is written back in the same form, and a reload shows it.
pub async fn big_workspace_in_binary_form(e: &Env) {
    let big = scale_workspace(300, 3000, 9);
    let raw = codec::encode(&big, 7);
    assert!(raw.contains("\"p\":\""), "the binary form");
    let plugin = big
        .plugins()
        .iter()
        .find(|p| p.has_online_version())
        .expect("a released plugin");
    e.clear_storage().await;
    e.c.execute(
        "localStorage.setItem(arguments[0], arguments[1]); return true;",
        vec![json!(KEY), json!(raw)],
    )
    .await
    .unwrap();
    e.open("/consumer/add").await;
    let released = big.released_count().to_string();
    wait_js(
        &e.c,
        &format!("(document.querySelector('[data-testid=search-total]') || {{}}).textContent === '{released}'"),
        "every released plugin of the big workspace listed",
        T,
    )
    .await;
    type_in(e, &tid("consumer-search"), plugin.app_id.as_str()).await;
    wait_css(&e.c, &tid(&format!("search-hit-{}", plugin.app_id))).await;
    // A command through the UI: saved (after the coalescing delay) in the binary form again.
    create_account(e, "大工作区新帐号").await;
    wait_js(
        &e.c,
        &format!("JSON.parse(localStorage.getItem('{KEY}')).rev > 7"),
        "the big workspace written back",
        T,
    )
    .await;
    let stored =
        e.c.execute(&format!("return localStorage.getItem('{KEY}');"), vec![])
            .await
            .unwrap();
    let stored = stored.as_str().expect("a stored value");
    assert!(stored.contains("\"p\":\"") && !stored.contains("\"workspace\""));
    let back: Workspace = codec::decode(stored).expect("decodes").workspace;
    assert_eq!(back.plugins().len(), big.plugins().len());
    assert_eq!(back.applications().len(), big.applications().len());
    assert!(back.accounts().iter().any(|a| a.name == "大工作区新帐号"));
    e.open("/").await;
    // One of thousands: found with the list's filter (the list comes 20 a page).
    type_in(e, &tid("account-filter"), "大工作区新").await;
    wait_text(e, &tid("account-list"), "大工作区新帐号").await;
    e.assert_no_errors("big workspace").await;
    e.clear_storage().await;
    println!("e2e storage: big workspace read from and written back in the chunked binary form");
}
