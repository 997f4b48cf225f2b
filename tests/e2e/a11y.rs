//! Accessibility: axe-core (npm package, installed into .tools/ by the setup step) injected into each
//! main page; any serious or critical violation fails the suite.
use crate::Env;
use std::path::Path;

/// The main pages of the three roles (and the start page).
pub const MAIN_PAGES: &[&str] = &[
    "/",
    "/dev",
    "/dev/open",
    "/dev/devinfo",
    "/dev/versions",
    "/dev/applications",
    "/dev/timeline",
    "/review",
    "/review/history",
    "/consumer",
    "/consumer/add",
    "/consumer/checker",
    "/consumer/code",
    "/dev/accounts/new",
    "/data",
];

fn axe_source() -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(".tools/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&p)
        .unwrap_or_else(|e| panic!("{}: {e} (run scripts/setup.sh test)", p.display()))
}

/// Runs axe on each page; returns nothing, panics listing every serious/critical violation.
pub async fn axe_main_pages(e: &Env, pages: &[&str]) {
    let axe = axe_source();
    let mut failures = Vec::new();
    for page in pages {
        e.open(page).await;
        e.c.execute(&axe, vec![]).await.expect("inject axe-core");
        let result =
            e.c.execute_async(
                r#"const done = arguments[arguments.length - 1];
                   axe.run(document, { resultTypes: ['violations'],
                       // Off by default (experimental): a control's visible words in its
                       // name, which voice control users say (keyboard QA).
                       rules: { 'label-content-name-mismatch': { enabled: true } } })
                      .then(r => done(r.violations
                          .filter(v => v.impact === 'serious' || v.impact === 'critical')
                          .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' +
                               v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))))
                      .catch(err => done(['axe failed: ' + err]));"#,
                vec![],
            )
            .await
            .expect("run axe");
        let violations: Vec<String> = serde_json::from_value(result)
            .expect("axe answered a list of violations (a malformed answer is not a pass)");
        for v in violations {
            failures.push(format!("{page}: {v}"));
        }
    }
    assert!(
        failures.is_empty(),
        "accessibility violations:\n{}",
        failures.join("\n")
    );
    println!(
        "e2e a11y: axe-core found no serious/critical violation on {} pages",
        pages.len()
    );
}
