//! The bundle built for a site served under a path (`make release PUBLIC_URL=/sub/`), as a GitHub
//! Pages project site is: `make test-e2e` builds it into `target/dist-sub` from the same cargo
//! build, and it is served under `/sub/` with that host's `404.html` for every other path.
use crate::lifecycle::{click, tid, type_in};
use crate::support::{serve_dist_under, wait_css, wait_js};
use crate::{Env, T};
use std::path::Path;

/// Deep links load under the path; every link the app draws stays under it; a search, a plugin's
/// page, its back link, Back, a reload and `…/index.html` keep to it (QA: the README said to
/// serve at a site's root only).
pub async fn served_under_a_path(e: &Env) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/dist-sub");
    assert!(
        dir.join("404.html").is_file(),
        "no target/dist-sub: `make test-e2e` builds it (trunk build --release --public-url /sub/)"
    );
    let site = serve_dist_under(dir, "/sub").await;
    let open = |path: &'static str| {
        let url = format!("{site}{path}");
        async move {
            e.c.goto(&url).await.expect("navigate");
            wait_js(
                &e.c,
                "document.querySelector('[data-app-ready]')",
                &format!("app shell at {path}"),
                T,
            )
            .await;
        }
    };
    let path = || async { e.c.current_url().await.unwrap().path().to_string() };
    open("/sub/consumer/add").await;
    wait_css(&e.c, "[data-testid=search-results] tbody tr").await;
    let outside =
        e.c.execute(
            "return [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))\
             .filter(h => h.startsWith('/') && !h.startsWith('/sub/'));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(outside, serde_json::json!([]), "links outside /sub/");
    // The start page's link is not marked as every page's (QA: `/sub/` matched them all).
    let current = e
        .c
        .execute(
            "return [...document.querySelectorAll('a[aria-current]')].map(a => a.getAttribute('href'));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        current,
        serde_json::json!(["/sub/consumer", "/sub/consumer/add"]),
        "links marked current"
    );
    type_in(e, &tid("consumer-search"), "快递").await;
    click(e, "[data-testid^=search-hit-] a").await;
    wait_css(&e.c, &tid("plugin-info")).await;
    let info = path().await;
    assert!(info.starts_with("/sub/consumer/plugins/wx"), "{info}");
    // The menu marks the entry it leads back to, found by its address under the path.
    wait_js(
        &e.c,
        "document.querySelector('nav.sidenav [data-parent] a')?.getAttribute('href') === '/sub/consumer/add'",
        "添加插件 marked under /sub/",
        T,
    )
    .await;
    e.c.refresh().await.unwrap();
    wait_css(&e.c, &tid("plugin-info")).await;
    click(e, &tid("info-back")).await;
    wait_css(&e.c, "[data-testid=search-results] tbody tr").await;
    let url = e.c.current_url().await.unwrap();
    assert_eq!(url.path(), "/sub/consumer/add");
    assert!(url.query().is_some_and(|q| q.starts_with("q=")), "{url}");
    e.c.back().await.unwrap();
    wait_css(&e.c, &tid("plugin-info")).await;
    assert_eq!(path().await, info);
    open("/sub/index.html").await;
    wait_css(&e.c, &tid("home")).await;
    assert_eq!(path().await, "/sub/");
    // The start page's query written by the app stays under the path (QA: `/sub?page=2`,
    // which the host does not serve).
    open("/sub/?page=5").await;
    wait_css(&e.c, &tid("home")).await;
    wait_js(
        &e.c,
        "location.pathname === '/sub/' && location.search === ''",
        "a page past the end written as the first, under /sub/",
        T,
    )
    .await;
    open("/sub/no/such/page").await;
    wait_css(&e.c, &tid("not-found")).await;
    e.assert_no_errors("served under /sub/").await;
    println!("e2e subpath: deep links, links, search, Back and reload under /sub/");
}
