//! `/dev/accounts/new` — create a mini program account (name, 主体类型, 已通过的服务类目), then act as it.
use super::{bind, described, error_for, invalid, set_field_error, Errors, FieldError, FormError};
use crate::domain::{
    account_form_problems, check_new_category, development_blocked, gloss, glossed,
    hidden_in_category, text::range_text, validate_account_categories, validate_account_name,
    Actor, AppId, Category, Command, DomainError, EventKind, Field, Secondaries, SubjectType,
    ACCOUNT_NAME_CHARS, OPEN_CATEGORIES,
};
use crate::store::session::form_draft_key;
use crate::ui::components::draft::{keep_draft, Draft, DraftNote};
use crate::ui::components::modal::refocus_soon;
use crate::ui::components::{composing, handler, reactive};
use crate::ui::i18n::{tr, tr_owned, use_lang, Lang};
use crate::ui::routes::{self, plugin_page, PLUGIN_PAGE};
use crate::ui::state::use_app;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// A few 一级类目 that are not open to plugins (a mini program may still have them).
const OTHER_PRIMARIES: &[&str] = &["教育", "社交", "游戏", "体育"];

/// Suggested 二级类目 for a 一级类目.
fn suggestions(primary: &str) -> Vec<&'static str> {
    match OPEN_CATEGORIES
        .iter()
        .find(|r| r.primary == primary)
        .map(|r| r.secondaries)
    {
        Some(Secondaries::Only(list)) => list.to_vec(),
        _ => match primary {
            "快递业与邮政" => vec!["快递", "邮政"],
            "政务民生" => vec!["社保", "公积金", "交通违法"],
            "出行与交通" => vec!["公交", "地铁", "网约车"],
            "IT科技" => vec!["软件服务", "多媒体"],
            "旅游" => vec!["景区", "酒店"],
            "汽车" => vec!["汽车资讯", "汽车维修"],
            "教育" => vec!["在线教育", "培训机构"],
            "社交" => vec!["社区/论坛"],
            "游戏" => vec!["休闲游戏"],
            "体育" => vec!["体育培训"],
            _ => vec![],
        },
    }
}

/// The form.
#[component]
pub fn NewAccountPage() -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let navigate = routes::use_navigate();
    // Where it was opened from, to come back to as the new account and apply (demo QA: it ended
    // on /dev, the plugin lost): only a known plugin's page, rebuilt from its AppID (re-check QA:
    // `/../..` led elsewhere, and an unknown plugin was promised).
    let then = use_query_map().with_untracked(|q| {
        let id = AppId::parse(q.get("then")?.strip_prefix(PLUGIN_PAGE)?).ok()?;
        app.ws
            .with_untracked(|ws| ws.plugin(&id).is_some())
            .then(|| plugin_page(&id))
    });
    let coming_back = then.is_some();
    let name = RwSignal::new(String::new());
    let subject = RwSignal::new(SubjectType::Enterprise);
    let primary = RwSignal::new(OPEN_CATEGORIES[0].primary.to_string());
    let secondary = RwSignal::new(String::new());
    let categories = RwSignal::new(Vec::<Category>::new());
    let errors: Errors = RwSignal::new(vec![]);
    // A category added or removed, said (keyboard QA: a chip came and went silently, as tags on
    // 提交审核 are said): (zh, en).
    let said = RwSignal::new((String::new(), String::new()));
    let say = move |zh_done: &str, en_done: &str, c: &Category| {
        let n = categories.with_untracked(Vec::len);
        said.set((
            format!("{zh_done}类目「{c}」，共 {n} 个"),
            format!("{en_done} category {} ({n} in all)", c.en()),
        ));
    };
    // Kept by the tab until created (QA: leaving the page lost the name and the categories).
    let drafts = ["name", "categories", "subject", "primary", "secondary"]
        .map(|f| form_draft_key("account-new", f));
    let drafts = [
        keep_draft(drafts[0].clone(), name),
        keep_draft(drafts[1].clone(), categories),
        // QA: a reload put 媒体 back to 企业 under the restored name, silently.
        keep_draft(drafts[2].clone(), subject),
        // A category chosen and typed but not yet added (QA: lost on reload).
        keep_draft(drafts[3].clone(), primary),
        keep_draft(drafts[4].clone(), secondary),
    ];

    // `asked`: 添加类目 or Enter, which say why nothing was added (QA: a blank or a 40-character
    // 二级类目 did nothing, silently); 创建 only adds what was typed.
    // `false` when refused.
    let add_category = move |asked: bool| -> bool {
        let s = secondary.get_untracked().trim().to_string();
        if s.is_empty() && !asked {
            return true;
        }
        let c = Category::new(primary.get_untracked(), s);
        let checked = categories.with_untracked(|cs| check_new_category(cs, &c));
        if let Err(e) = checked.and_then(|()| hidden_in_category(&c).map_or(Ok(()), Err)) {
            set_field_error(errors, Field::Category, Some(e));
            app.refused();
            return false;
        }
        categories.update(|cs| cs.push(c.clone()));
        say("已添加", "Added", &c);
        secondary.set(String::new());
        // The last refusal ("add a category") no longer holds (QA: it stayed).
        set_field_error(errors, Field::Category, None);
        true
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // A category typed but not yet 添加 counts: nothing the user typed is dropped.
        // Refused (too long, already added): kept in its box with the reason, and nothing is
        // created; the name is checked too, so both refusals show at once (QA: only the
        // category's did), and an earlier one that no longer stands goes.
        if !add_category(false) {
            set_field_error(
                errors,
                Field::Name,
                validate_account_name(&name.get_untracked()).err(),
            );
            errors.update(|es| {
                es.retain(|e| matches!(e.field(), Some(Field::Category | Field::Name)))
            });
            return;
        }
        // Every refusal at once (QA: an empty name hid a missing category).
        let problems =
            categories.with_untracked(|cs| account_form_problems(&name.get_untracked(), cs));
        if !problems.is_empty() {
            errors.set(problems);
            app.refused();
            return;
        }
        let actor = app
            .account
            .get_untracked()
            .map(Actor::Developer)
            .unwrap_or(Actor::System);
        let cmd = Command::CreateAccount {
            name: name.get_untracked(),
            subject: subject.get_untracked(),
            categories: categories.get_untracked(),
        };
        let Some(event) = app.submit(actor, cmd, errors) else {
            return;
        };
        drafts.into_iter().for_each(Draft::sent);
        // Back where it was opened from; else to the developer's console, or, for an account
        // that may not open plugin capability (个人), to the consumer's: what it can do.
        let mut to = routes::DEV;
        if let EventKind::AccountCreated { account } = event.kind {
            app.account.set(Some(account.app_id.clone()));
            // Who acts now, as the page it goes back to is another role's (demo QA).
            let (zh, en) = match coming_back {
                true => (
                    "，现在以它的身份申请使用",
                    "; you now act as it: apply here",
                ),
                false => ("", ""),
            };
            app.say(
                &format!("已创建小程序「{}」{zh}", account.name),
                &format!("Created mini program \"{}\"{en}", account.name),
            );
            if !account.subject.may_develop_plugins() {
                to = routes::CONSUMER;
            }
        }
        // The form and its focused button go: the shell moves focus to the new page's heading.
        // In place of the form: Back goes where it was opened from, not to an empty form
        // (re-check QA: a second account was one click away).
        let replace = leptos_router::NavigateOptions {
            replace: true,
            ..Default::default()
        };
        navigate(then.as_deref().unwrap_or(to), replace);
    };
    let primaries = move || {
        let l = lang.get();
        OPEN_CATEGORIES
            .iter()
            .map(|r| (r.primary, false))
            // Said in the list (QA: one chose 教育, and learned only after creating the
            // account that its plugins could never be submitted).
            .chain(OTHER_PRIMARIES.iter().map(|p| (*p, true)))
            .map(|(p, closed)| {
                // English pages gloss the platform's Chinese names (English QA), in one
                // bracket with the closed note (re-check QA: two brackets in a row).
                let name = match (l, gloss(p), closed) {
                    (Lang::Zh, _, true) => format!("{p}（未对插件开放）"),
                    (Lang::Zh, _, false) => p.to_string(),
                    (Lang::En, _, false) => glossed(p),
                    (Lang::En, Some(g), true) => format!("{p} ({g}; not open to plugins)"),
                    (Lang::En, None, true) => format!("{p} (not open to plugins)"),
                };
                view! { <option value=p>{name}</option> }.into_any()
            })
            .collect_view()
    };
    view! {
        <div class="page" data-testid="dev-new-account">
            <h1>{tr("创建小程序帐号", "Create a mini program account")}</h1>
            <p class="lead">{tr(
                "AppID 由平台生成（wx + 16 位十六进制）。创建后即切换为该帐号。",
                "The AppID is generated by the platform (wx + 16 hex digits). You switch to the new account once it is created.",
            )}</p>
            {coming_back.then(|| view! {
                <p class="hint" data-testid="new-account-then">{tr(
                    "创建后以新帐号回到刚才的插件页面，在那里申请使用。",
                    "Once created, you go back to the plugin's page as the new account, to apply there.",
                )}</p>
            })}
            <form class="form card" on:submit={handler(submit)} data-testid="new-account-form" novalidate=true>
                <DraftNote drafts=drafts.to_vec() errors />
                <div class="field">
                    <label for="na-name">{tr("小程序名称", "Mini program name")}</label>
                    <input id="na-name" data-testid="new-account-name" prop:value=move || name.get() on:input=bind(name, errors, Field::Name)
                        aria-invalid=invalid(errors, Field::Name) aria-describedby=described(errors, Field::Name, Some("na-name-hint")) />
                    <p class="hint" id="na-name-hint">{tr_owned(format!("{} 个字符（本应用约定）", range_text(&ACCOUNT_NAME_CHARS)), format!("{} characters (our rule)", range_text(&ACCOUNT_NAME_CHARS)))}</p>
                    <FieldError errors field=Field::Name />
                </div>
                <div class="field">
                    <label for="na-subject">{tr("主体类型", "Subject type")}</label>
                    <select id="na-subject" data-testid="new-account-subject"
                        on:change={handler(move |ev: leptos::ev::Event| {
                            let v = event_target_value(&ev);
                            if let Some(s) = SubjectType::from_zh(&v) {
                                subject.set(s);
                            }
                        })}
                        prop:value=move || subject.get().zh()>
                        {reactive(move || SubjectType::ALL.iter().map(|s| {
                            let label = lang.get().pick(s.zh(), s.en());
                            view! { <option value=s.zh()>{label}</option> }.into_any()
                        }).collect_view())}
                    </select>
                    <p class="hint">{tr("个人主体的小程序不能开通插件功能，但可以使用插件。", "Individual (个人) mini programs cannot develop plugins, but may use them.")}</p>
                    // Said when 个人 is chosen, with where creating leads (re-check QA: choosing
                    // it changed nothing on the page).
                    <p class="hint" role="status" data-testid="new-account-individual">{reactive(move || {
                        (subject.get() == SubjectType::Individual).then(|| tr(
                            "个人主体：此帐号只能使用插件，创建后进入小程序开发者的页面。",
                            "Individual: this account can only use plugins; once created you go to the consumer pages.",
                        ))
                    })}</p>
                </div>
                <fieldset class="field">
                    <legend class="label">{tr("已通过的服务类目", "Approved service categories")}</legend>
                    <ul class="tags" data-testid="new-account-categories">
                        {reactive(move || categories.get().into_iter().enumerate().map(|(i, c)| {
                            let label = c.to_string();
                            view! {
                                <li class="tag">
                                    {tr_owned(label.clone(), c.en())}
                                    // Quick clicks remove the ones moving under the pointer in turn (`data-repeat`, as a tag's ×).
                                    <button type="button" class="btn btn-ghost btn-small" data-repeat=""
                                        aria-label=tr_owned(format!("移除 {label}"), format!("Remove {}", c.en()))
                                        on:click={handler(move |_| {
                                            // By the category, not by `i` (stale after a first click
                                            // in the same task: QA found the tag list's panic).
                                            categories.update(|cs| cs.retain(|x| *x != c));
                                            say("已移除", "Removed", &c);
                                            // "Already added" named what is gone now (review).
                                            if matches!(untrack(|| error_for(errors, Field::Category)), Some(DomainError::CategoryRepeated { .. })) {
                                                set_field_error(errors, Field::Category, None);
                                            }
                                            // The next ×, else the previous, else the 二级类目 box
                                            // (QA: focus fell to <body>).
                                            refocus_soon([
                                                format!("[data-testid=new-account-categories] li:nth-child({}) button", i + 1),
                                                format!("[data-testid=new-account-categories] li:nth-child({i}) button"),
                                                "#na-secondary".into(),
                                            ]);
                                        })}>"×"</button>
                                </li>
                            }.into_any()
                        }).collect_view())}
                    </ul>
                    <div class="actions">
                        <label for="na-primary" class="sr-only">{tr("一级类目", "Primary category")}</label>
                        <select id="na-primary" data-testid="new-account-primary"
                            aria-describedby=described(errors, Field::Category, None)
                            on:change={handler(move |ev: leptos::ev::Event| primary.set(event_target_value(&ev)))}
                            prop:value=move || primary.get()>
                            {reactive(primaries)}
                        </select>
                        <label for="na-secondary" class="sr-only">{tr("二级类目", "Secondary category")}</label>
                        <input id="na-secondary" data-testid="new-account-secondary" list="na-secondary-list"
                            aria-invalid=invalid(errors, Field::Category) aria-describedby=described(errors, Field::Category, None)
                            placeholder=tr("二级类目", "Secondary category")
                            prop:value=move || secondary.get()
                            on:input={handler(move |ev: leptos::ev::Event| {
                                let t = event_target_value(&ev);
                                // An edit: a refusal of what was typed there no longer stands
                                // (QA: it stayed while the box was emptied, then while a new
                                // 二级类目 was typed), as every field's refusal goes on an edit;
                                // 请至少添加一个服务类目 does.
                                let typed = matches!(
                                    untrack(|| error_for(errors, Field::Category)),
                                    Some(DomainError::CategoryLevelLength { .. } | DomainError::CategoryRepeated { .. } | DomainError::HiddenCharacter { .. })
                                );
                                if typed {
                                    // What the added categories are refused for, if anything (QA:
                                    // 请至少添加一个服务类目 went with it).
                                    let own = categories.with_untracked(|cs| validate_account_categories(cs));
                                    set_field_error(errors, Field::Category, own.err());
                                }
                                secondary.set(t);
                            })}
                            // Not an input method's Enter (QA: 拼音 was added).
                            on:keydown={handler(move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" && !composing(&ev) { ev.prevent_default(); add_category(true); })} />
                        <datalist id="na-secondary-list">
                            {reactive(move || {
                                let l = lang.get();
                                suggestions(&primary.get()).into_iter().map(|s| view! { <option value=s label=l.pick(None, gloss(s))></option> }.into_any()).collect_view()
                            })}
                        </datalist>
                        <button type="button" class="btn btn-small" data-testid="new-account-add-category"
                            on:click={handler(move |_| { add_category(true); })}>{tr("添加类目", "Add category")}</button>
                    </div>
                    <FieldError errors field=Field::Category />
                    <p class="sr-only" role="status" data-testid="new-account-category-said">{reactive(move || said.with(|(zh, en)| lang.get().pick(zh, en).to_string()))}</p>
                    // Said now, not first at 提交审核 (QA): such an account may use plugins, and
                    // may open plugin capability, but cannot submit a version for review.
                    {reactive(move || {
                        // A 二级类目 typed counts, as 创建 adds it (QA: only one added with
                        // 添加类目 was warned of; then, one not open under a 一级类目 open in part).
                        let typed = secondary.with(|s| {
                            let s = s.trim();
                            (!s.is_empty()).then(|| Category::new(primary.get(), s))
                        });
                        let closed = categories.with(|cs| {
                            let mut all = cs.clone();
                            all.extend(typed);
                            !all.is_empty()
                                && development_blocked(subject.get(), &all)
                                    == Some(DomainError::NoPluginCategory)
                        });
                        closed.then(|| view! {
                            <p class="hint" data-testid="new-account-closed-categories">{tr(
                                "这些类目均未对插件开放：此帐号可以使用插件，但开发的插件无法提交审核（须有一个已开放的插件服务类目）。",
                                "None of these categories is open to plugins: this account may use plugins, but a plugin it develops cannot be submitted for review (that needs a category open to plugins).",
                            )}</p>
                        })
                    })}
                </fieldset>
                <FormError errors fields=&[Field::Name, Field::Category] />
                <div class="actions">
                    <button type="submit" class="btn btn-primary" data-testid="new-account-submit">{tr("创建", "Create")}</button>
                </div>
            </form>
        </div>
    }
}
