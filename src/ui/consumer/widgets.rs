//! Small pieces shared by the consumer (and review) pages.
use crate::domain::AppId;
use crate::ui::components::reactive;
use crate::ui::i18n::{use_lang, Lang};
use crate::ui::routes::{self, A};
use crate::ui::state::use_app;
use leptos::prelude::*;

/// What a consumer can do about a plugin with no online version left: one wording for the
/// offline warning and the withdrawn code.
pub fn no_online_next_step(l: Lang) -> &'static str {
    l.pick(
        "该插件当前没有线上版本：可在插件管理中移除它，或等插件开发者发布新版本后再更换。",
        "The plugin has no online version now: remove it in My plugins, or switch once its developer releases one.",
    )
}

/// Warnings for versions in use that were taken offline (all plugins, or only `only`).
#[component]
pub fn OfflineWarnings(#[prop(optional)] only: Option<AppId>) -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    reactive(move || {
        let consumer = app.account.get()?;
        let l = lang.get();
        let items = app.ws.with(|ws| {
            ws.offline_warnings(&consumer)
                .into_iter()
                .filter(|w| only.as_ref().is_none_or(|o| *o == w.plugin))
                .map(|w| {
                    let p = ws.plugin(&w.plugin);
                    let name = p.map(|p| p.name.clone()).unwrap_or_default();
                    let any_online = p.is_some_and(|p| p.has_online_version());
                    (w, name, any_online)
                })
                .collect::<Vec<_>>()
        });
        if items.is_empty() {
            return None;
        }
        Some(view! {
            // A standing notice, said politely (screen-reader QA: an alert at every visit).
            <div class="banner banner-warn" role="status" data-testid="offline-warning">
                <strong>{l.pick("线上版本已下线", "A version in use was taken offline")}</strong>
                <ul>
                    {items
                        .into_iter()
                        .map(|(w, name, any_online)| {
                            let alias = w.alias.clone().unwrap_or_default();
                            let href = routes::use_form(&w.plugin);
                            // No other version to change to: say so instead (QA).
                            if !any_online {
                                let msg = l.pick(
                                    format!("「{name}」（{alias}）使用的版本 {} 已下线。", w.version),
                                    format!("\"{name}\" ({alias}) uses version {}, which is now offline. ", w.version),
                                ) + no_online_next_step(l);
                                return view! { <li>{msg}</li> }.into_any();
                            }
                            let msg = l.pick(
                                format!("「{name}」（{alias}）使用的版本 {} 已下线，请改用其他线上版本。", w.version),
                                format!("\"{name}\" ({alias}) uses version {}, which is now offline: pick another online version.", w.version),
                            );
                            view! {
                                <li>{msg}" "<A href=href>{l.pick("去更换版本", "Change version")}</A></li>
                            }
                            .into_any()
                        })
                        .collect_view()}
                </ul>
            </div>
        })
    })
}
