//! On 插件管理: the plugins as this mini program's users see them on its 小程序基本信息页 (the
//! guide: 插件的基本信息将在插件申请流程、小程序基本信息页中展示): each plugin in use with the
//! icon, name and 简介 its developer set (a guide audit: the app showed no such page).
use crate::ui::components::icon::PluginIcon;
use crate::ui::components::reactive;
use crate::ui::i18n::tr;
use crate::ui::state::use_app;
use leptos::prelude::*;

/// The plugins in use, as the profile page lists them.
#[component]
pub fn ProfilePlugins() -> impl IntoView {
    let app = use_app();
    let shown = move || {
        let c = app.account.get()?;
        let items: Vec<AnyView> = app.ws.with(|ws| {
            (ws.profile_plugins(&c).into_iter())
                .map(|p| {
                    let (icon, name, intro) = (p.icon.clone(), p.name.clone(), p.intro.clone());
                    view! {
                        <li class="profile-plugin">
                            <PluginIcon icon />
                            <span><strong>{name}</strong><br /><span class="muted prewrap">{intro}</span></span>
                        </li>
                    }
                    .into_any()
                })
                .collect()
        });
        // Plugins in use, none with its code running (re-check QA: "none in use yet" under a
        // table of them), or none in use (the table lists applications too).
        if !items.is_empty() {
            return Some(view! { <ul class="profile-plugins">{items}</ul> }.into_any());
        }
        let (zh, en) = match app.ws.with(|ws| ws.plugin_uses(&c).is_empty()) {
            true => ("还没有使用中的插件", "No plugins in use yet"),
            false => (
                // The hint above says why (learner QA: said twice).
                "没有可在此展示的插件",
                "No plugin to show",
            ),
        };
        Some(
            view! { <p class="empty" data-testid="profile-plugins-none">{tr(zh, en)}</p> }
                .into_any(),
        )
    };
    view! {
        <section class="card" aria-labelledby="profile-title" data-testid="profile-plugins">
            <h2 id="profile-title">{tr("小程序基本信息页中的插件", "Plugins on the mini program's profile page")}</h2>
            <p class="hint">
                {tr(
                    "用户在本小程序的基本信息页看到它使用的插件：插件开发者在「插件基本信息」中设置的图标、名称和简介（本应用的示意）。所用版本已下线的插件代码已停用，不在此列出。",
                    "Users see the plugins this mini program uses on its profile page: the icon, name and introduction their developers set in Basic info (our illustration). A plugin whose version in use went offline has its code disabled and is not listed.",
                )}
            </p>
            {reactive(shown)}
        </section>
    }
}
