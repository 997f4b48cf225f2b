//! `/dev/open` — 「开通插件功能」: 插件基本信息 (name, icon, 简介); once opened, icon and 简介 stay editable.
use super::{
    bind, described, error_for, invalid, set_field_error, Errors, FieldError, FormError,
    NeedsAccount,
};
use crate::domain::{
    text::range_text, Actor, Command, DomainError, Field, Icon, BUILTIN_ICONS, MAX_ICON_BYTES,
    MAX_INTRO_CHARS, PLUGIN_NAME_CHARS,
};
use crate::store::session::form_draft_key;
use crate::ui::components::counter::Counter;
use crate::ui::components::draft::{keep_draft, Draft, DraftNote};
use crate::ui::components::icon::PluginIcon;
use crate::ui::components::{handler, reactive};
use crate::ui::i18n::{tr, tr_error, tr_owned, use_lang};
use crate::ui::routes;
use crate::ui::state::{use_app, AppState, Saved};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// `/dev/open`.
#[component]
pub fn OpenPage() -> impl IntoView {
    let gate = super::plugin_gate();
    let body = move || {
        // Re-render the page only when the account or the plugin's existence changes.
        let Some((me, opened)) = gate.get() else {
            return view! { <NeedsAccount /> }.into_any();
        };
        if opened {
            view! { <EditBasicInfoForm me=me /> }.into_any()
        } else {
            view! { <OpenForm me=me /> }.into_any()
        }
    };
    let lang = use_lang();
    view! {
        <div class="page" data-testid="dev-open">
            <h1>{reactive(move || {
                let (zh, en) = heading(gate.get().is_some_and(|(_, opened)| opened));
                lang.get().pick(zh, en)
            })}</h1>
            <p class="lead">{tr(
                "插件的基本信息将在插件申请流程、小程序基本信息页中展示。插件与小程序共用 AppID，无需注册新帐号。",
                "The plugin's basic info is shown in the application flow and on the mini program's profile page. The plugin shares the mini program's AppID: no new account is registered.",
            )}</p>
            {reactive(body)}
        </div>
    }
}

/// The page's heading (zh, en), also its window title: 开通插件功能 until the plugin is opened.
pub(crate) fn heading(opened: bool) -> (&'static str, &'static str) {
    if opened {
        ("插件基本信息", "Basic info")
    } else {
        ("开通插件功能", "Open plugin capability")
    }
}

/// Built-in icons + upload of a small image (read as a data URL). A chosen image is checked by
/// the domain before it is shown: one it refuses is not previewed as if it were the icon, the
/// refusal shows at once and the icon stays as it was, and the form is not sent with the icon
/// shown until another choice is made ([`icon_choice_refused`]): another file or icon, the
/// built-in icon already shown (a click on its radio) or 保留当前图标.
#[component]
fn IconPicker(icon: RwSignal<Icon>, errors: Errors) -> impl IntoView {
    let lang = use_lang();
    let take = move |checked: Result<Icon, DomainError>| match checked {
        Ok(chosen) => {
            set_field_error(errors, Field::Icon, None);
            icon.set(chosen);
        }
        Err(e) => set_field_error(errors, Field::Icon, Some(e)),
    };
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        // Choosing the same file again after a refusal is a new choice.
        input.set_value("");
        // Too big is known before reading (a huge file is not read in full to be refused).
        if let Err(e) = Icon::check_image_bytes(file.size() as usize) {
            take(Err(e));
            return;
        }
        let Ok(reader) = web_sys::FileReader::new() else {
            return;
        };
        let r = reader.clone();
        let onload = Closure::once(move |_: JsValue| {
            if let Some(url) = r.result().ok().and_then(|v| v.as_string()) {
                let chosen = Icon::DataUrl(url.clone());
                match chosen.validate() {
                    Err(e) => take(Err(e)),
                    // The browser must also be able to show it: a file can start like an
                    // image and still be broken (QA: "GIF89a" then garbage showed as broken).
                    Ok(()) => match web_sys::HtmlImageElement::new() {
                        Ok(img) => {
                            let shown = Closure::once_into_js(move || take(Ok(chosen)));
                            let broken =
                                Closure::once_into_js(move || take(Err(DomainError::IconNotImage)));
                            img.set_onload(Some(shown.unchecked_ref()));
                            img.set_onerror(Some(broken.unchecked_ref()));
                            img.set_src(&url);
                        }
                        Err(_) => take(Ok(chosen)),
                    },
                }
            }
        });
        reader.set_onload(Some(onload.as_ref().unchecked_ref()));
        onload.forget();
        let _ = reader.read_as_data_url(&file);
    };
    view! {
        <fieldset class="field" aria-invalid=invalid(errors, Field::Icon) aria-describedby=described(errors, Field::Icon, Some("icon-hint"))>
            <legend class="label">{tr("插件图标", "Plugin icon")}</legend>
            <div class="icon-choices actions" role="radiogroup">
                {BUILTIN_ICONS.iter().map(|b| {
                    let id = format!("icon-{}", b.key);
                    let for_id = id.clone();
                    let checked = move || icon.with(|i| matches!(i, Icon::Builtin(k) if k == b.key));
                    view! {
                        <label for=for_id class="icon-choice">
                            <input type="radio" name="plugin-icon" id=id data-testid=format!("dev-icon-{}", b.key)
                                prop:checked=checked on:click={handler(move |_| take(Ok(Icon::Builtin(b.key.into()))))} />
                            <span aria-hidden="true">{b.glyph}</span>
                            {reactive(move || lang.get().pick(b.zh, b.en))}
                        </label>
                    }.into_any()
                }).collect_view()}
            </div>
            <label for="icon-upload">{tr("或上传图片", "Or upload an image")}</label>
            <input type="file" id="icon-upload" accept="image/*" data-testid="dev-icon-upload" on:change={handler(on_file)}
                aria-invalid=invalid(errors, Field::Icon) aria-describedby=described(errors, Field::Icon, Some("icon-hint")) />
            <p class="hint" id="icon-hint">
                {reactive(move || lang.get().pick(
                    format!("图片不超过 {} KB（本应用约定）", MAX_ICON_BYTES / 1024),
                    format!("Images up to {} KB (our rule)", MAX_ICON_BYTES / 1024),
                ))}
            </p>
            <div class="icon-preview" data-testid="dev-icon-preview">
                {reactive(move || view! { <PluginIcon icon=icon.get() labelled=true /> })}
            </div>
            <FieldError errors field=Field::Icon />
            {reactive(move || invalid(errors, Field::Icon)().is_some().then(|| view! {
                <p class="hint" data-testid="dev-icon-kept">
                    {tr(
                        "图标未更改（如上方预览）。请另选图片或内置图标，或",
                        "The icon is unchanged (as previewed above). Choose another image or a built-in icon, or",
                    )}
                    " "
                    <button type="button" class="btn btn-small" data-testid="dev-icon-keep"
                        on:click={handler(move |_| {
                            take(Ok(icon.get_untracked()));
                            // The button goes with the refusal: focus to the icon's file input
                            // beside it (QA: it fell to <body>).
                            crate::ui::components::modal::focus_css("#icon-upload");
                        })}>
                        {tr("保留当前图标", "keep this icon")}
                    </button>
                </p>
            }))}
        </fieldset>
    }
}

/// The refusal of the last icon chosen, if it was refused: the form is then not sent with the
/// earlier icon in its place (QA: after a refused file, 开通 went through with the previous icon
/// while the refusal showed). Shown with what else the form's fields break (QA: a 简介 too long
/// was said only once the icon was fixed), focus on the first.
fn icon_choice_refused(app: AppState, errors: Errors, cmd: &Command) -> bool {
    let Some(refused) = error_for(errors, Field::Icon) else {
        return false;
    };
    errors.set(app.ws.with_untracked(|ws| ws.form_refusals(cmd, refused)));
    app.refused();
    true
}

#[component]
fn OpenForm(me: crate::domain::AppId) -> impl IntoView {
    let app = use_app();
    let navigate = routes::use_navigate();
    let name = RwSignal::new(String::new());
    let icon = RwSignal::new(Icon::Builtin(BUILTIN_ICONS[0].key.into()));
    let intro = RwSignal::new(String::new());
    let errors: Errors = RwSignal::new(vec![]);
    // Kept by the tab until it opens (QA: leaving the page lost them).
    let drafts =
        ["name", "intro", "icon"].map(|f| form_draft_key(&format!("open-{f}"), me.as_str()));
    let actor = Actor::Developer(me.clone());
    // May this account open plugin capability at all? (个人 → the domain's refusal, no form.)
    let refused = app.ws.with_untracked(|ws| ws.open_blocked(&actor));
    if let Some(e) = refused {
        return view! {
            // As /dev says it: a warning, once (QA: 12 px grey, then its 开放范围 again).
            <div role="alert" data-testid="dev-open-refused">
                <p class="banner banner-warn">{tr_error(&e)}</p>
                <super::OtherWays e=e.clone() />
            </div>
        }
        .into_any();
    }
    let drafts = [
        keep_draft(drafts[0].clone(), name),
        keep_draft(drafts[1].clone(), intro),
        // QA: 开通 after a reload made the plugin with the default icon, not the one chosen.
        keep_draft(drafts[2].clone(), icon),
    ];
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let cmd = Command::OpenPlugin {
            name: name.get_untracked(),
            icon: icon.get_untracked(),
            intro: intro.get_untracked(),
        };
        if icon_choice_refused(app, errors, &cmd) {
            return;
        }
        if let Some(e) = app.submit(actor.clone(), cmd, errors) {
            drafts.into_iter().for_each(Draft::sent);
            // Naming the plugin, as the other toasts do (QA).
            let name = e
                .kind
                .plugin()
                .map(|p| app.plugin_name(p))
                .unwrap_or_default();
            app.say(
                &format!("已开通插件功能：「{name}」"),
                &format!("Plugin capability opened: \"{name}\""),
            );
            navigate(routes::DEV, Default::default());
        }
    };
    view! {
        <form class="form card" data-testid="dev-open-form" on:submit={handler(submit)} novalidate=true>
            <h2>{tr("插件基本信息", "Basic info")}</h2>
            <DraftNote drafts=drafts.to_vec() errors />
            <div class="field">
                <label for="dev-name">{tr("插件名称", "Plugin name")}</label>
                <input id="dev-name" data-testid="dev-name" prop:value=move || name.get() on:input=bind(name, errors, Field::Name)
                    aria-invalid=invalid(errors, Field::Name) aria-describedby=described(errors, Field::Name, Some("dev-name-hint")) />
                <p class="hint" id="dev-name-hint">{tr_owned(
                    format!("{} 个字符，全平台唯一；开通后不可修改（本应用约定）。", range_text(&PLUGIN_NAME_CHARS)),
                    format!("{} characters, unique on the platform; fixed once opened (our rule).", range_text(&PLUGIN_NAME_CHARS)),
                )}</p>
                <FieldError errors field=Field::Name />
            </div>
            <IconPicker icon errors />
            <IntroField id="dev-intro" intro errors />
            <FormError errors fields=&[Field::Name, Field::Icon, Field::Intro] />
            <div class="actions">
                <button type="submit" class="btn btn-primary" data-testid="dev-open-submit">{tr("开通", "Open")}</button>
            </div>
        </form>
    }
    .into_any()
}

#[component]
fn EditBasicInfoForm(me: crate::domain::AppId) -> impl IntoView {
    let app = use_app();
    let (name, icon0, intro0) = app
        .ws
        .with_untracked(|ws| {
            ws.plugin(&me)
                .map(|p| (p.name.clone(), p.icon.clone(), p.intro.clone()))
        })
        .unwrap_or_default_triple();
    let icon = RwSignal::new(icon0);
    let intro = RwSignal::new(intro0);
    let errors: Errors = RwSignal::new(vec![]);
    // Kept by the tab until saved (QA: leaving the page lost an edited 简介), and following
    // another tab's save where not edited here (QA: 保存 wrote back the icon it had replaced).
    let drafts = [
        keep_draft(form_draft_key("edit-icon", me.as_str()), icon),
        keep_draft(form_draft_key("edit-intro", me.as_str()), intro),
    ];
    let saved = {
        let me = me.clone();
        move || {
            app.ws
                .with(|ws| ws.plugin(&me).map(|p| (p.icon.clone(), p.intro.clone())))
        }
    };
    let saved_icon = saved.clone();
    let said = [
        "基本信息已在另一个标签页修改",
        "Basic info was changed in another tab",
    ];
    drafts[0].follow(
        icon,
        move || saved_icon().map_or_else(|| icon.get_untracked(), |s| s.0),
        said,
    );
    let saved_intro = saved.clone();
    drafts[1].follow(
        intro,
        move || saved_intro().map(|s| s.1).unwrap_or_default(),
        said,
    );
    let actor = Actor::Developer(me.clone());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let cmd = Command::EditBasicInfo {
            plugin: me.clone(),
            icon: icon.get_untracked(),
            intro: intro.get_untracked(),
        };
        if icon_choice_refused(app, errors, &cmd) {
            return;
        }
        match app.save(actor.clone(), cmd, errors) {
            Saved::Done(_) => {
                // The fields show what was stored (a trimmed 简介).
                if let Some((_, stored)) = untrack(&saved) {
                    intro.set(stored);
                }
                drafts.into_iter().for_each(Draft::sent);
                app.say("基本信息已保存", "Basic info saved");
            }
            Saved::AlreadySo => drafts.into_iter().for_each(Draft::reset),
            Saved::Refused => {}
        }
    };
    view! {
        <form class="form card" data-testid="dev-edit-form" on:submit={handler(submit)} novalidate=true>
            // Not the page's heading again (screen-reader QA: h1 and h2 said the same).
            <h2>{tr("修改基本信息", "Edit basic info")}</h2>
            <DraftNote drafts=drafts.to_vec() errors />
            <div class="field">
                <span class="label">{tr("插件名称", "Plugin name")}</span>
                <p data-testid="dev-edit-name">{name}</p>
                <p class="hint">{tr("名称开通后不可修改（本应用约定）。", "The name is fixed once opened (our rule).")}</p>
            </div>
            <IconPicker icon errors />
            <IntroField id="dev-edit-intro" intro errors />
            <FormError errors fields=&[Field::Icon, Field::Intro] />
            <div class="actions">
                <button type="submit" class="btn btn-primary" data-testid="dev-edit-submit">{tr("保存", "Save")}</button>
            </div>
        </form>
    }
}

/// 插件简介 in 开通插件功能 and 基本信息: the box (`id`, also its test id), its hint (`{id}-hint`)
/// and count (`{id}-count`). The 简介 is required, and its limit ours (QA: the only decided limit
/// of the page not marked as such; then, that it is required was said only on refusal).
#[component]
fn IntroField(id: &'static str, intro: RwSignal<String>, errors: Errors) -> impl IntoView {
    let (hint, count) = (format!("{id}-hint"), format!("{id}-count"));
    let described_by = format!("{hint} {count}");
    view! {
        <div class="field">
            <label for=id>{tr("插件简介", "Introduction")}</label>
            <textarea id=id data-testid=id rows="3" prop:value=move || intro.get() on:input=bind(intro, errors, Field::Intro)
                aria-invalid=invalid(errors, Field::Intro)
                aria-describedby=move || Some(match described(errors, Field::Intro, None)() {
                    Some(e) => format!("{e} {described_by}"),
                    None => described_by.clone(),
                })></textarea>
            // The counter right under its box, as in the other forms (tablet QA).
            <Counter text=intro max=MAX_INTRO_CHARS id=count testid="dev-intro-count" />
            <p class="hint" id=hint data-testid="dev-intro-hint">{tr_owned(
                format!("必填，最多 {MAX_INTRO_CHARS} 个字符（本应用约定）。"),
                format!("Required, up to {MAX_INTRO_CHARS} characters (our rule)."),
            )}</p>
            <FieldError errors field=Field::Intro />
        </div>
    }
}

trait OrTriple {
    fn unwrap_or_default_triple(self) -> (String, Icon, String);
}

impl OrTriple for Option<(String, Icon, String)> {
    fn unwrap_or_default_triple(self) -> (String, Icon, String) {
        self.unwrap_or_else(|| {
            (
                String::new(),
                Icon::Builtin(BUILTIN_ICONS[0].key.into()),
                String::new(),
            )
        })
    }
}
