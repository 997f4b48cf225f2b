//! Use an approved plugin in code: pick an online version and an alias (ConfigurePluginUse), then
//! the `app.json` fragment and how pages reference the plugin. Also the `/consumer/code` page.
use super::widgets::{no_online_next_step, OfflineWarnings};
use crate::domain::{AppId, Command, DomainError, Field, PluginManifest, Semver, ALIAS_CHARS};
use crate::store::session::form_draft_key;
use crate::ui::components::draft::{keep_draft, Draft, DraftNote};
use crate::ui::components::format::standing_label;
use crate::ui::components::layout::{When, WithAccount};
use crate::ui::components::{effect, handler, memo, reactive};
use crate::ui::i18n::{tr, tr_error, tr_owned, use_lang, Lang};
use crate::ui::routes::{self, A};
use crate::ui::state::use_app;
use leptos::prelude::*;

/// `/consumer/code`: choose one of the plugins in use, then configure it.
#[component]
pub fn UseInCodePage() -> impl IntoView {
    let app = use_app();
    let uses = memo(move || {
        let Some(c) = app.account.get() else {
            return Vec::new();
        };
        app.ws.with(|ws| {
            ws.plugin_uses(&c)
                .into_iter()
                .map(|u| {
                    (
                        u.plugin.clone(),
                        ws.plugin(&u.plugin)
                            .map(|p| p.name.clone())
                            .unwrap_or_default(),
                        u.added_at,
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    // The plugin chosen lives in the URL (`?plugin=<AppID>`), written in place: a reload, Back
    // from its page or the page's back link show it again (QA: the most recent one came back).
    let url = leptos_router::hooks::use_query_map();
    let chosen = memo(move || {
        url.with(|m| m.get("plugin"))
            .and_then(|p| AppId::parse_any_case(&p).ok())
    });
    let navigate = routes::use_navigate();
    let choose = Callback::new(move |p: Option<AppId>| {
        let to = match p {
            Some(p) => format!("{}?plugin={p}", routes::CONSUMER_CODE),
            None => routes::CONSUMER_CODE.into(),
        };
        let options = leptos_router::NavigateOptions {
            replace: true,
            scroll: false,
            ..Default::default()
        };
        navigate(&to, options);
    });
    let lang = use_lang();
    let current = memo(move || {
        let list = uses.get();
        chosen
            .get()
            .filter(|c| list.iter().any(|(p, ..)| p == c))
            // The one added last: most likely the one to set up now (QA: the first in the list
            // was shown, one whose version had gone offline).
            .or_else(|| {
                list.iter()
                    .max_by_key(|(.., t)| *t)
                    .map(|(p, ..)| p.clone())
            })
    });
    // The address says the plugin shown: one not in use (another account's, a mistyped one) is
    // put right in place (re-check QA: the URL kept one the page did not show), and said (QA:
    // a plugin removed, or only applied for, was swapped for another without a word).
    let not_in_use = RwSignal::new(None::<AppId>);
    effect(move |_| {
        let asked = url.with(|m| m.get("plugin"));
        let shown = current.get();
        if asked.is_some() && asked.as_deref() != shown.as_ref().map(AppId::as_str) {
            not_in_use.set(chosen.get_untracked().filter(|c| Some(c) != shown.as_ref()));
            choose.run(shown);
        }
    });
    let not_in_use_note = move || {
        let p = not_in_use.get()?;
        let c = app.account.get()?;
        let l = lang.get();
        if uses.with(|u| u.iter().any(|(x, ..)| *x == p)) {
            return None;
        }
        // Named, with where it stands, only where its page would show it (code review: an
        // unreleased plugin's name was shown): else as no released plugin, as its page says.
        let known = app.ws.with(|ws| {
            let name = ws.plugin(&p).map(|x| x.name.clone());
            let shown = ws.plugin_page_shown(Some(&c), &p);
            name.filter(|_| shown)
                .map(|n| (n, standing_label(ws, l, &c, &p, app.now()).1))
        });
        let Some((name, standing)) = known else {
            return Some(view! {
                <p class="banner banner-info" role="status" data-testid="use-not-in-use">
                    {l.pick(format!("没有 AppID 为 {p} 的已发布插件。"), format!("There is no released plugin with AppID {p}."))}
                </p>
            }.into_any());
        };
        let what = l.paren(&name, p.as_str());
        Some(view! {
            <p class="banner banner-info" role="status" data-testid="use-not-in-use">
                {l.pick(
                    format!("{what} 不是本小程序正在使用的插件（{standing}）：这里只列出申请已通过、未移除的插件。"),
                    format!("{what} is not in use by this mini program ({standing}): only plugins whose application was approved, and not removed since, are listed here. "),
                )}
                <A href=routes::plugin_page(&p)>{l.pick("查看插件详情", "Plugin details")}</A>
            </p>
        }.into_any())
    };
    view! {
        <div class="page" data-testid="consumer-code">
            <h1>{tr("在代码中使用插件", "Use a plugin in code")}</h1>
            // What the page is for (learner QA: the only page without a word of it).
            <p class="lead">{tr(
                "为申请已通过的插件选择版本、设置别名，再把得到的 plugins 配置写入 app.json，按示例引用插件的组件、页面和接口。",
                "For a plugin whose application was approved: choose a version and an alias, put the plugins entry into app.json, then use the plugin's components, pages and API as in the examples.",
            )}</p>
            <OfflineWarnings />
            {reactive(not_in_use_note)}
            <WithAccount>
                <When
                    when=move || !uses.with(|u| u.is_empty())
                    fallback=|| view! {
                        <p class="empty">
                            {tr("还没有已通过的插件。", "No approved plugins yet. ")}
                            <A href=routes::CONSUMER_ADD>{tr("去添加插件", "Add a plugin")}</A>
                        </p>
                    }
                >
                    <div class="form">
                        <div class="field">
                            <label for="use-plugin">{tr("插件", "Plugin")}</label>
                            <select
                                id="use-plugin"
                                data-testid="use-plugin"
                                prop:value=move || current.get().map(|p| p.to_string()).unwrap_or_default()
                                on:change={handler(move |ev: leptos::ev::Event| {
                                    not_in_use.set(None);
                                    choose.run(AppId::parse(&event_target_value(&ev)).ok());
                                })}
                            >
                                {reactive(move || uses.get().into_iter().map(|(p, n, _)| {
                                    let label = lang.get().paren(&n, p.as_str());
                                    let selected = current.with_untracked(|c| c.as_ref() == Some(&p));
                                    view! { <option value=p.to_string() prop:selected=selected>{label}</option> }.into_any()
                                }).collect_view())}
                            </select>
                            // The plugin's own page (its versions, developer, documentation) is
                            // one click away (QA: no way there from here).
                            {reactive(move || current.get().map(|p| view! {
                                <p class="hint">
                                    <A href=routes::plugin_page(&p) attr:data-testid="use-plugin-page">
                                        {tr("查看插件详情", "Plugin details")}
                                    </A>
                                </p>
                            }))}
                        </div>
                    </div>
                    // Keyed by the acting account too: its alias/version, not the previous one's.
                    {reactive(move || {
                        let _ = app.account.get();
                        current.get().map(|plugin| view! { <UseInCode plugin on_own_page=true /> })
                    })}
                </When>
            </WithAccount>
        </div>
    }
}

/// Version + alias form, then the `app.json` fragment and reference examples.
#[component]
pub fn UseInCode(plugin: AppId, #[prop(optional)] on_own_page: bool) -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    // The target of 去更换版本 (`OfflineWarnings`) and 未设置（去设置）: its version choice.
    let anchor = routes::use_anchor(&plugin);
    crate::ui::components::layout::hash_target(anchor.clone(), Some("#use-version"));
    // What is saved of the use: its alias, and its version while online. Tracked: another tab's
    // save shows in a field not edited here.
    let p0 = plugin.clone();
    let saved = move || {
        app.ws.with(|ws| {
            let c = app.account.get_untracked();
            let u = c.as_ref().and_then(|c| ws.plugin_use(c, &p0));
            let online = |v: &Semver| ws.plugin(&p0).is_some_and(|p| p.is_online(v));
            (
                u.and_then(|u| u.alias.clone()).unwrap_or_default(),
                u.and_then(|u| u.version).filter(online),
            )
        })
    };
    let (init_alias, saved_version) = untrack(saved.clone());
    // The fields start from it; the version, when none is saved (or it is no longer online),
    // from the newest online one.
    let init_version = saved_version.map(|v| v.to_string()).unwrap_or_else(|| {
        app.ws.with_untracked(|ws| {
            let p = ws.plugin(&plugin);
            let newest = p.and_then(|p| p.online_versions().first().map(|v| v.version));
            newest.map(|v| v.to_string()).unwrap_or_default()
        })
    });
    let alias = RwSignal::new(init_alias);
    let start = init_version.clone();
    let version = RwSignal::new(init_version);
    // Kept by the tab until saved, per account and plugin (QA: leaving the page or a reload
    // lost a typed alias and a chosen version, which every other form keeps).
    let of = format!(
        "{}/{plugin}",
        app.account
            .get_untracked()
            .map(|c| c.to_string())
            .unwrap_or_default()
    );
    let drafts = [
        keep_draft(form_draft_key("use-alias", &of), alias),
        keep_draft(form_draft_key("use-version", &of), version),
    ];
    // Another tab's save of this use shows in the fields not edited here, and an edit it
    // overtakes is said (QA: the fields kept the older alias, called it an unsaved change, and
    // 保存 wrote it back over the other tab's save).
    let said = [
        "插件的使用配置已在另一个标签页修改",
        "This plugin's use was changed in another tab",
    ];
    // Only what is saved: a version released or taken offline elsewhere is no save of this use
    // (code review: it was said as one).
    let saved_alias = saved.clone();
    drafts[0].follow(alias, move || saved_alias().0, said);
    let shown = start.clone();
    drafts[1].follow(
        version,
        move || saved().1.map_or_else(|| shown.clone(), |v| v.to_string()),
        said,
    );
    let error = RwSignal::new(None::<DomainError>);
    let p1 = plugin.clone();
    let online = memo(move || {
        app.ws.with(|ws| {
            ws.plugin(&p1)
                .map(|p| {
                    p.online_versions()
                        .iter()
                        .map(|v| v.version.to_string())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    // A version no longer online (a restored draft's, taken offline since; another tab's change)
    // is not left chosen: the picker would show nothing chosen (QA).
    effect(move |_| {
        online.with(|list| {
            if !list.is_empty() && !version.with_untracked(|v| list.contains(v)) {
                let to = list.iter().find(|v| **v == start).unwrap_or(&list[0]);
                version.set(to.clone());
            }
        })
    });
    let p2 = plugin.clone();
    let none_online = move || online.with(Vec::is_empty);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if none_online() {
            return;
        }
        let Some(actor) = app.consumer() else { return };
        let v = match Semver::parse(&version.get_untracked()) {
            Ok(v) => v,
            Err(e) => {
                error.set(Some(e));
                return;
            }
        };
        let cmd = Command::ConfigurePluginUse {
            plugin: p2.clone(),
            alias: alias.get_untracked(),
            version: v,
        };
        if app.submit(actor, cmd, error).is_some() {
            // The field shows the alias as stored (trimmed by the domain; QA: "  express2  "
            // stayed in the field).
            let stored = app.ws.with_untracked(|ws| {
                let c = app.account.get_untracked()?;
                ws.plugin_use(&c, &p2)?.alias.clone()
            });
            // What was saved, of which plugin (QA: "Saved" alone; then no plugin named).
            if let Some(stored) = stored {
                let name = app.plugin_name(&p2);
                app.say(
                    &format!("已保存「{name}」：别名 {stored}，版本 {v}"),
                    &format!("Saved \"{name}\": alias {stored}, version {v}"),
                );
                alias.set(stored);
            }
            drafts.into_iter().for_each(Draft::sent);
        }
    };
    let err_for = move |f: Field| {
        reactive(move || {
            error.get().filter(|e| e.field() == Some(f)).map(|e| {
                view! { <p class="error" id=format!("use-{}-error", f.key()) role="alert" data-testid=format!("use-{}-error", f.key())>{tr_error(&e)}</p> }
            })
        })
    };
    // A field's error id, named by the field only while the error is shown (re-check QA: an id
    // of nothing).
    let error_id = move |f: Field| {
        move || {
            let shown = error.with(|e| e.as_ref().is_some_and(|e| e.field() == Some(f)));
            shown.then(|| format!("use-{}-error", f.key()))
        }
    };
    let other_error = move || {
        error
            .get()
            .filter(|e| !matches!(e.field(), Some(Field::Alias | Field::Version)))
            .map(|e| view! { <p class="error" role="alert">{tr_error(&e)}</p> })
    };
    let p3 = plugin.clone();
    let p4 = plugin.clone();
    // The saved configuration → fragment + usage, from the domain.
    let output = move || {
        let c = app.account.get()?;
        let l = lang.get();
        app.ws.with(|ws| {
            let u = ws.plugin_use(&c, &p3)?;
            let (a, v) = (u.alias.clone()?, u.version?);
            let fragment = ws.app_json_fragment(&c, &p3, &a, &v);
            let manifest = ws.plugin(&p3).and_then(|p| p.version(&v)).map(|pv| pv.manifest.clone()).unwrap_or_default();
            Some(match fragment {
                Ok(text) => {
                    let usage = usage_text(l, &a, &manifest);
                    view! { <Snippets fragment=text usage /> }.into_any()
                }
                // The saved version was taken offline: say so, and what to do, rather than only
                // that it is not online (the picker above shows the online ones, if any).
                // With no online version left, there is nothing to choose: say what can be done.
                Err(DomainError::VersionNotOnline { version }) => view! {
                    <p class="error" role="alert" data-testid="appjson-error">
                        {if online.with(Vec::is_empty) {
                            l.pick(
                                format!("已保存的版本 {version} 已不是线上版本，代码已停用。"),
                                format!("The saved version {version} is no longer online, so no code is shown for it. "),
                            ) + no_online_next_step(l)
                        } else {
                            l.pick(
                                format!("已保存的版本 {version} 已不是线上版本，代码已停用：请在上方选择一个线上版本，点「保存并生成代码」。"),
                                format!("The saved version {version} is no longer online, so no code is shown for it: choose an online version above and click Save and generate."),
                            )
                        }}
                    </p>
                }.into_any(),
                Err(e) => view! { <p class="error" role="alert" data-testid="appjson-error">{l.pick(e.zh(), e.en())}</p> }.into_any(),
            })
        })
    };
    view! {
        <section class="card" data-testid="use-in-code" id=anchor>
            // On its own page, under 在代码中使用插件, it says what it holds (QA: near the h1's words).
            <h2>{if on_own_page { tr("版本、别名与代码", "Version, alias and code") } else { tr("在代码中使用", "Use in code") }}</h2>
            <form class="form" on:submit={handler(save)}>
                <DraftNote drafts=drafts.to_vec() />
                <div class="field">
                    <label for="use-version">{tr("使用的版本（线上版本）", "Version (online)")}</label>
                    <select
                        id="use-version"
                        data-testid="use-version"
                        // Nothing to choose (QA: an empty select looked usable).
                        disabled=none_online
                        prop:value=move || version.get()
                        on:change={handler(move |ev: leptos::ev::Event| {
                            version.set(event_target_value(&ev));
                            error.set(None);
                        })}
                        aria-describedby=error_id(Field::Version)
                    >
                        // Each option says whether it is the one chosen: options drawn anew (another
                        // tab's release) otherwise showed the first as chosen while the form held
                        // another (code review).
                        {reactive(move || online.get().into_iter().map(|v| {
                            let selected = version.with_untracked(|c| *c == v);
                            view! { <option value=v.clone() prop:selected=selected>{v.clone()}</option> }.into_any()
                        }).collect_view())}
                    </select>
                    {err_for(Field::Version)}
                    {reactive(move || none_online().then(|| view! {
                        <p class="why" data-testid="use-no-online-version">
                            {tr("该插件当前没有线上版本：插件开发者发布新版本后才能更换。", "This plugin has no online version now: you can switch once its developer releases one.")}
                        </p>
                    }))}
                </div>
                <div class="field">
                    <label for="use-alias">{tr("插件别名", "Alias")}</label>
                    <input
                        id="use-alias"
                        data-testid="use-alias"
                        autocomplete="off"
                        placeholder=tr("例如 myPlugin", "e.g. myPlugin")
                        prop:value=move || alias.get()
                        on:input={handler(move |ev: leptos::ev::Event| {
                            alias.set(event_target_value(&ev));
                            error.set(None);
                        })}
                        aria-invalid=move || error.with(|e| e.as_ref().is_some_and(|e| e.field() == Some(Field::Alias))).to_string()
                        aria-describedby=move || Some(match error_id(Field::Alias)() {
                            Some(e) => format!("{e} use-alias-hint"),
                            None => "use-alias-hint".into(),
                        })
                    />
                    <p class="hint" id="use-alias-hint">
                        {tr_owned(format!("以字母开头，可包含字母、数字、_ 和 -，最长 {} 个字符（本应用约定）；在 app.json 中作为 plugins 的键。", ALIAS_CHARS.end()), format!("Starts with a letter; letters, digits, _ and -, at most {} characters (our rule). It is the key under plugins in app.json.", ALIAS_CHARS.end()))}
                    </p>
                    {err_for(Field::Alias)}
                </div>
                {reactive(other_error)}
                <div class="actions">
                    <button type="submit" class="btn btn-primary" data-testid="use-save" disabled=none_online>{tr("保存并生成代码", "Save and generate")}</button>
                </div>
                // The code below is the saved configuration's: say when the form differs from it
                // (QA: a version picked but not saved, then 复制, copied the old one).
                {reactive(move || {
                    // Nothing can be saved while no version is online: nothing is "unsaved" (QA).
                    if none_online() {
                        return None;
                    }
                    // Nor while no code is shown below (the saved version is offline): the
                    // domain's answer for the code decides (QA: "the code below is still the
                    // saved one's" under no code).
                    let (a, v) = app.account.get().and_then(|c| {
                        app.ws.with(|ws| {
                            let u = ws.plugin_use(&c, &p4)?;
                            let (a, v) = (u.alias.clone()?, u.version?);
                            let shown = ws.app_json_fragment(&c, &p4, &a, &v).is_ok();
                            shown.then(|| (a, v.to_string()))
                        })
                    })?;
                    let unsaved = alias.with(|x| x.trim() != a) || version.with(|x| *x != v);
                    unsaved.then(|| view! {
                        <p class="hint" data-testid="use-unsaved">{tr(
                            "有未保存的更改：下方代码仍按已保存的配置生成，点「保存并生成代码」后更新。",
                            "Unsaved changes: the code below is still the saved configuration's; Save and generate updates it.",
                        )}</p>
                    })
                })}
            </form>
            {reactive(output)}
        </section>
    }
}

/// How pages reference the plugin, with the real names from the version's manifest.
fn usage_text(l: Lang, alias: &str, m: &PluginManifest) -> String {
    let mut s = String::new();
    if !m.public_components.is_empty() {
        s.push_str(l.pick(
            "// 页面的 .json 文件：引用插件的自定义组件\n",
            "// A page's .json file: use the plugin's components\n",
        ));
        s.push_str("{\n  \"usingComponents\": {\n");
        let items: Vec<String> = m
            .public_components
            .keys()
            .map(|c| format!("    \"{c}\": \"plugin://{alias}/{c}\""))
            .collect();
        s.push_str(&items.join(",\n"));
        s.push_str("\n  }\n}\n\n");
    }
    if !m.pages.is_empty() {
        s.push_str(l.pick("// 跳转到插件页面\n", "// Navigate to a plugin page\n"));
        for p in m.pages.keys() {
            s.push_str(&format!(
                "wx.navigateTo({{ url: 'plugin://{alias}/{p}' }})\n"
            ));
        }
        s.push('\n');
    }
    // `requirePlugin` returns what `main` exports: a version without `main` has no JS API (QA:
    // the call was shown anyway), and `main` is the plugin's file, not the page's own.
    if let Some(main) = &m.main {
        s.push_str(&l.pick(
            format!("// 在 JS 中调用插件接口（插件的 main：{main}）"),
            format!("// Call the plugin's API from JS (the plugin's main: {main})"),
        ));
        s.push_str(&format!("\nconst plugin = requirePlugin('{alias}')\n"));
    }
    s.trim_end().to_string() + "\n"
}

#[component]
fn Snippets(fragment: String, usage: String) -> impl IntoView {
    view! {
        // Focusable, named by its heading: at phone width a line runs past the edge, and the
        // keyboard scrolls it (keyboard QA: axe's scrollable-region-focusable, lines cut).
        <h3 id="appjson-title">{tr("app.json 中声明插件", "Declare the plugin in app.json")}</h3>
        <pre class="snippet" data-testid="appjson-snippet" tabindex="0" aria-labelledby="appjson-title">{fragment.clone()}</pre>
        {copy_button(fragment, "appjson-snippet", "copy-snippet", ("app.json 中声明插件", "Declare the plugin in app.json"))}
        <h3 id="usage-title">{tr("在页面中使用", "Reference it from pages")}</h3>
        <pre class="snippet" data-testid="usage-snippet" tabindex="0" aria-labelledby="usage-title">{usage.clone()}</pre>
        // Each snippet its own 复制 (QA: only the first had one).
        {copy_button(usage, "usage-snippet", "copy-usage", ("在页面中使用", "Reference it from pages"))}
    }
}

/// 复制 under the snippet `pre_testid` holding `text`; named with the snippet's heading `of`
/// (zh, en), as there are two. Says whether the clipboard took it; if not, selects the snippet
/// for a copy by hand.
fn copy_button(
    text: String,
    pre_testid: &'static str,
    testid: &'static str,
    of: (&'static str, &'static str),
) -> impl IntoView {
    let app = use_app();
    let copy = move |_| {
        let text = text.clone();
        leptos::task::spawn_local(async move {
            if copy_to_clipboard(&text).await {
                // Which snippet (keyboard QA: both said the same).
                app.say(&format!("已复制「{}」", of.0), &format!("Copied: {}", of.1));
            } else {
                select_snippet(pre_testid);
                app.say(
                    "无法写入剪贴板：代码已选中，请按 Ctrl+C（⌘C）复制",
                    "Could not write to the clipboard: the snippet is selected; press Ctrl+C (⌘C) to copy it",
                );
            }
        });
    };
    let name = tr_owned(format!("复制「{}」", of.0), format!("Copy \"{}\"", of.1));
    view! {
        <div class="actions">
            <button type="button" class="btn btn-small" data-testid=testid aria-label=name on:click={handler(copy)}>{tr("复制", "Copy")}</button>
        </div>
    }
}

/// Writes `text` to the clipboard; false when there is none (an insecure context) or the browser
/// refuses (no permission, page not focused).
async fn copy_to_clipboard(text: &str) -> bool {
    use wasm_bindgen::JsCast;
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return false;
    };
    // `navigator.clipboard` is undefined outside secure contexts: calling into it would throw.
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).unwrap_or_default();
    if clipboard.is_undefined() || clipboard.is_null() {
        return false;
    }
    let clipboard: web_sys::Clipboard = clipboard.unchecked_into();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .is_ok()
}

/// Selects the snippet `testid`, so the user can copy it by hand.
fn select_snippet(testid: &str) {
    let document = web_sys::window().and_then(|w| w.document());
    let Some(document) = document else { return };
    let pre = document
        .query_selector(&format!("[data-testid={testid}]"))
        .ok()
        .flatten();
    if let (Some(pre), Ok(Some(selection))) = (pre, document.get_selection()) {
        let _ = selection.select_all_children(&pre);
    }
}
