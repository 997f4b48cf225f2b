//! `/consumer/checker` — paste `app.json`, get each problem with its JSON path.
use crate::domain::{AppId, AppJsonCheck, LeftOut};
use crate::ui::components::layout::WithAccount;
use crate::ui::components::said::{problems_said, SaidAfterPause};
use crate::ui::components::{effect, handler, memo, reactive};
use crate::ui::i18n::{tr, tr_owned, use_lang, Lang};
use crate::ui::routes::{self, A};
use crate::ui::state::use_app;
use leptos::prelude::*;

/// The checker page.
#[component]
pub fn Checker() -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let text = RwSignal::new(String::new());
    // Kept by the tab (QA: going to 在代码中使用 to fix a version and coming Back, or a reload,
    // emptied it, where every other form keeps what was typed).
    crate::ui::components::draft::keep_draft(
        crate::store::session::form_draft_key("app-json", ""),
        text,
    );
    // What 填入当前插件配置 replaced, for 撤销 (QA: a pasted app.json was lost without a word),
    // and whether only its "plugins" was (the rest kept, QA); gone once the text is edited.
    let replaced = RwSignal::new(None::<(String, bool)>);
    // Plugins in use that 填入当前插件配置 left out (QA: without a word): name, AppID, and why
    // (`LeftOut`: alias and version not set, the chosen version offline, in a subpackage).
    let left_out = RwSignal::new(Vec::<(String, AppId, LeftOut)>::new());
    // 填入当前插件配置 left the text as it was, and why (said beside 撤销's line, which stays).
    let unchanged = RwSignal::new(None::<(&'static str, &'static str)>);
    // Another account: the list was the other one's (review).
    effect(move |ran| {
        app.account.track();
        if ran {
            left_out.set(vec![]);
            unchanged.set(None);
        }
    });
    let problems = memo(move || {
        let t = text.get();
        if t.trim().is_empty() {
            return None;
        }
        let c = app.account.get()?;
        // Where an application stands changes with the clock: read again when it is moved
        // (+1h/+24h), not on each second's tick.
        app.clock_offset_ms.track();
        Some(
            app.ws
                .with(|ws| ws.check_app_json(&c, &t, app.now_untracked())),
        )
    });
    // A starting point: this mini program's configured plugins as an app.json.
    let fill = move |_| {
        let Some(c) = app.account.get_untracked() else {
            return;
        };
        let before = text.get_untracked();
        let (json, merged, out, nothing) = app.ws.with_untracked(|ws| {
            let fill = ws.app_json_fill(&c, &before);
            let out = (fill.left_out.iter())
                .map(|(u, why)| {
                    let name = ws.plugin(&u.plugin).map(|p| p.name.clone());
                    // Said with why (QA: only as "alias and version not set, or offline").
                    (name.unwrap_or_default(), u.plugin.clone(), *why)
                })
                .collect();
            (fill.text, fill.merged, out, !fill.fills_any)
        });
        left_out.set(out);
        // Nothing to fill in: a text already there stays (QA: it became an empty skeleton).
        // Or it is filled in already. Either way an earlier 撤销 stays (re-check QA: a second
        // click dropped it, and the text it would bring back with it).
        let kept = match () {
            _ if nothing && !before.trim().is_empty() => Some(NOTHING_TO_FILL),
            _ if before == json => Some(FILLED_ALREADY),
            _ => None,
        };
        unchanged.set(kept);
        if kept.is_some() {
            return;
        }
        replaced.set((!before.trim().is_empty()).then_some((before, merged)));
        text.set(json);
    };
    let result = move || {
        let l = lang.get();
        problems.get().map(|AppJsonCheck { problems: ps, declared, fills_any }| {
            if ps.is_empty() {
                let said = ok_said(l, declared, fills_any);
                view! {
                    <p class="banner banner-info" data-testid="checker-ok">{said}</p>
                }
                .into_any()
            } else {
                let n = ps.len();
                view! {
                    <p data-testid="checker-count">{count_said(l, n)}</p>
                    <ul class="problems" data-testid="checker-problems">
                        {ps.into_iter().map(|p| {
                            let (path, [sep_zh, sep_en]) = p.listed_at("app.json");
                            let sep = l.pick(sep_zh, sep_en);
                            let msg = l.pick(p.zh.clone(), p.en.clone());
                            // Where to act on it (QA: "apply on the plugin's page", no link).
                            // Named for a screen reader's list of links (keyboard QA: all alike).
                            let see = p.plugin.as_ref().map(|id| {
                                let name = app.ws.with_untracked(|ws| ws.plugin(id).map(|p| p.name.clone()));
                                view! {
                                    // Apart from the message (QA: it ran into the link).
                                    {l.pick("。", ". ")}<A href=routes::plugin_page(id) attr:data-testid="checker-see-plugin">{l.pick("去插件详情页", "Go to the plugin's page")}<span class="sr-only">{l.pick("：", ": ")}{name}</span></A>
                                }
                            });
                            view! {
                                <li data-testid="checker-problem">
                                    <code data-testid="checker-path">{path}</code>{sep}<span>{msg}</span>{see}
                                </li>
                            }.into_any()
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }
        })
    };
    view! {
        <div class="page" data-testid="consumer-checker">
            <h1>{tr("app.json 检查", "app.json checker")}</h1>
            <p class="hint">
                {tr(
                    "粘贴小程序的 app.json，按当前小程序已通过的插件和插件的线上版本检查 plugins 及 subpackages[].plugins 声明。",
                    "Paste your app.json: plugins and subpackages[].plugins are checked against this mini program's approved plugins and their online versions.",
                )}
            </p>
            <WithAccount>
                <form class="form" on:submit={handler(|ev: leptos::ev::SubmitEvent| ev.prevent_default())}>
                    <div class="field">
                        <label for="checker-input">"app.json"</label>
                        <textarea
                            id="checker-input"
                            class="code-input"
                            rows="14"
                            spellcheck="false"
                            data-testid="checker-input"
                            prop:value=move || text.get()
                            aria-describedby="checker-result"
                            aria-invalid=move || problems.with(|r| r.as_ref().is_some_and(|c| !c.problems.is_empty())).then_some("true")
                            on:input={handler(move |ev: leptos::ev::Event| {
                                text.set(event_target_value(&ev));
                                replaced.set(None);
                                left_out.set(vec![]);
                                unchanged.set(None);
                            })}
                        ></textarea>
                    </div>
                    <div class="actions">
                        <button type="button" class="btn btn-small" data-testid="checker-fill" on:click={handler(fill)}>
                            {tr("填入当前插件配置", "Fill in my current plugin configuration")}
                        </button>
                        {reactive(move || unchanged.get().map(|(zh, en)| view! {
                            <span class="hint" role="status" data-testid="checker-unchanged">
                                {tr(zh, en)}
                            </span>
                        }))}
                        {reactive(move || replaced.with(|r| r.as_ref().map(|r| r.1)).map(|merged| view! {
                            <span class="hint" role="status" data-testid="checker-replaced">
                                {if merged {
                                    tr("已更新其中的 plugins，其余内容未改动。", "Its \"plugins\" was updated; the rest is as it was.")
                                } else {
                                    tr("已替换原来的内容。", "Your text was replaced.")
                                }}
                                " "
                                <button type="button" class="btn btn-small" data-testid="checker-undo"
                                    on:click={handler(move |_| {
                                        if let Some((old, _)) = replaced.get_untracked() {
                                            text.set(old);
                                        }
                                        replaced.set(None);
                                        left_out.set(vec![]);
                                        unchanged.set(None);
                                        // The button goes with its line (re-check QA: focus
                                        // fell to the page): to the text it brought back.
                                        crate::ui::components::modal::refocus_soon(["#checker-input".into()]);
                                    })}>
                                    {tr("撤销", "Undo")}
                                </button>
                            </span>
                        }))}
                    </div>
                    {reactive(move || left_out.with(|out| (!out.is_empty()).then(|| view! {
                        <p class="hint" role="status" data-testid="checker-left-out">
                            {tr("以下插件未填入 plugins：", "Left out of \"plugins\": ")}
                            {out.iter().enumerate().map(|(i, (name, id, why))| view! {
                                {(i > 0).then_some(tr("、", ", "))}
                                // Where its reason is mended: the alias and version form for
                                // one not set or offline (re-check QA: the page's top).
                                <a href=routes::href(&match why {
                                    LeftOut::InSubpackage => routes::plugin_page(id),
                                    _ => routes::use_form(id),
                                })>{name.clone()}</a>
                                {match why {
                                    LeftOut::NotChosen => tr("（尚未设置别名和使用的版本）", " (alias and version not set yet)").into_any(),
                                    LeftOut::Offline(v) => tr_owned(format!("（所选版本 {v} 已下线）"), format!(" (chosen version {v} is offline)")).into_any(),
                                    LeftOut::InSubpackage => tr("（已在分包中声明）", " (declared in a subpackage)").into_any(),
                                }}
                            }.into_any()).collect_view()}
                        </p>
                    })))}
                </form>
                // Shown as you type, said once typing pauses (screen-reader QA: read out at
                // each keystroke).
                <div id="checker-result">{reactive(result)}</div>
                <SaidAfterPause text=Signal::derive(move || {
                    let l = lang.get();
                    problems.with(|r| match r {
                        None => String::new(),
                        Some(c) if c.problems.is_empty() => ok_said(l, c.declared, c.fills_any).to_string(),
                        Some(c) => format!("{}{}{}", count_said(l, c.problems.len()), l.pick("：", ": "), problems_said(l, &c.problems, "app.json")),
                    })
                }) testid="checker-said" />
            </WithAccount>
        </div>
    }
}

/// Why 填入当前插件配置 left a text as it was: nothing to fill in, or filled in already.
const NOTHING_TO_FILL: (&str, &str) = (
    "没有可填入的插件配置，原内容未改动。",
    "Nothing to fill in: your text is unchanged.",
);
const FILLED_ALREADY: (&str, &str) = (
    "plugins 已是当前插件配置，原内容未改动。",
    "Its \"plugins\" is your current configuration already: your text is unchanged.",
);

/// What a check without problems says: suggesting 填入当前插件配置 only when it would fill something
/// in (QA: said right after it filled nothing).
fn ok_said(l: Lang, declared: usize, configured: bool) -> &'static str {
    if declared == 0 && configured {
        l.pick(
            "没有发现问题，但其中没有声明任何插件：要使用插件，请在 plugins 字段中声明（可点「填入当前插件配置」）。",
            "No problems, but it declares no plugin: declare plugins under \"plugins\" (the Fill in my current plugin configuration button gives a start).",
        )
    } else if declared == 0 {
        l.pick(
            "没有发现问题，但其中没有声明任何插件；本小程序还没有可填入的插件（别名和版本都已设置、且版本在线上）。",
            "No problems, but it declares no plugin; this mini program has no plugin to fill in yet (alias and version set, the version online).",
        )
    } else {
        l.pick(
            "没有发现问题：插件声明与已通过的插件和线上版本一致。",
            "No problems: the plugin declarations match your approved plugins and online versions.",
        )
    }
}

/// How many problems a check found.
fn count_said(l: Lang, n: usize) -> String {
    match l {
        Lang::Zh => format!("发现 {n} 个问题"),
        Lang::En if n == 1 => "1 problem found".to_string(),
        Lang::En => format!("{n} problems found"),
    }
}
