//! `/dev/...` — 插件开发者: 小程序管理后台 → 小程序插件. One file per page; this module holds the
//! routes, the left navigation and the small helpers the pages share (field errors, icons, gates).
pub mod account_new;
pub mod applications;
pub mod devinfo;
pub mod home;
pub mod open;
pub mod submit;
pub mod timeline;
pub mod versions;

use crate::domain::{Actor, AppId, DomainError, Field};
pub(crate) use crate::ui::components::layout::NeedsAccount;
use crate::ui::components::layout::{NavItem, RoleLayout};
use crate::ui::components::{memo, reactive};
use crate::ui::i18n::{tr, tr_error, use_lang, Lang};
use crate::ui::page;
use crate::ui::routes::{self, A};
use crate::ui::state::use_app;
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route};
use leptos_router::path;

/// The developer area's routes.
#[component(transparent)]
pub fn DeveloperRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/dev") view=page!(DevLayout)>
            <Route path=path!("") view=page!(home::DevHome) />
            <Route path=path!("accounts/new") view=page!(account_new::NewAccountPage) />
            <Route path=path!("open") view=page!(open::OpenPage) />
            <Route path=path!("devinfo") view=page!(devinfo::DevInfoPage) />
            <Route path=path!("versions") view=page!(versions::VersionsPage) />
            <Route path=path!("versions/:version/submit") view=page!(submit::SubmitReviewPage) />
            <Route path=path!("applications") view=page!(applications::ApplicationsPage) />
            <Route path=path!("timeline") view=page!(timeline::TimelinePage) />
        </ParentRoute>
    }
    .into_inner()
}

pub(crate) const NAV: &[NavItem] = &[
    NavItem {
        href: routes::DEV,
        zh: "小程序插件",
        en: "Plugin",
        unopened: None,
    },
    NavItem {
        href: routes::DEV_OPEN,
        zh: "插件基本信息",
        en: "Basic info",
        // Its page's heading (spec audit: the step 开通插件功能 was not in the menu).
        unopened: Some(open::heading),
    },
    NavItem {
        href: routes::DEV_INFO,
        zh: "开发信息",
        en: "Development info",
        unopened: None,
    },
    NavItem {
        href: routes::DEV_VERSIONS,
        zh: "开发管理",
        en: "Versions",
        unopened: None,
    },
    NavItem {
        href: routes::DEV_APPLICATIONS,
        zh: "申请管理",
        en: "Applications",
        unopened: None,
    },
    NavItem {
        href: routes::DEV_TIMELINE,
        zh: "操作记录",
        en: "Timeline",
        unopened: None,
    },
    NavItem {
        href: routes::NEW_ACCOUNT,
        zh: "创建小程序帐号",
        // As the page's heading and every link to it say (learner QA: "New mini program").
        en: "Create a mini program account",
        unopened: None,
    },
];

#[component]
fn DevLayout() -> impl IntoView {
    view! { <RoleLayout nav=NAV testid="area-dev" /> }
}

/// 「快递查询助手 1.2.0」: a version as a toast names it, which may still show in another role's
/// pages (demo QA: 「1.0.0 已发布」 on /consumer, of no plugin said).
pub(crate) fn named_version(
    app: crate::ui::state::AppState,
    me: &AppId,
    version: impl std::fmt::Display,
) -> String {
    format!("{} {version}", app.plugin_name(me))
}

/// A domain error in the current language.
pub(crate) fn msg(lang: Lang, e: &DomainError) -> String {
    lang.pick(e.zh(), e.en())
}

/// The errors of a form: those of its fields (usually one a field; a domain list may have
/// several, one a refused entry), plus errors that concern no field of the form.
pub(crate) type Errors = RwSignal<Vec<DomainError>>;

/// The first error concerning `field`.
pub(crate) fn error_for(errors: Errors, field: Field) -> Option<DomainError> {
    errors.with(|es| es.iter().find(|e| e.field() == Some(field)).cloned())
}

/// Makes `error` (`None`: no error) the one error of `field` in `errors`, leaving the others'.
/// Nothing is written when there is nothing to clear, so an edit can call it per keystroke.
pub(crate) fn set_field_error(errors: Errors, field: Field, error: Option<DomainError>) {
    if error.is_none() && errors.with_untracked(|es| es.iter().all(|e| e.field() != Some(field))) {
        return;
    }
    errors.update(|es| {
        es.retain(|e| e.field() != Some(field));
        es.extend(error);
    });
}

/// `aria-invalid` value for a field.
pub(crate) fn invalid(errors: Errors, field: Field) -> impl Fn() -> Option<&'static str> + Copy {
    move || error_for(errors, field).map(|_| "true")
}

/// `aria-describedby` value for a field: its error (if any), then its hint (keyboard QA: an
/// error took the hint's place, e.g. that a plugin's name cannot be changed once opened).
pub(crate) fn described(
    errors: Errors,
    field: Field,
    hint: Option<&'static str>,
) -> impl Fn() -> Option<String> + Copy {
    move || {
        let error = error_for(errors, field).map(|_| format!("err-{}", field.key()));
        match (error, hint) {
            (Some(e), Some(h)) => Some(format!("{e} {h}")),
            (e, h) => e.or(h.map(str::to_string)),
        }
    }
}

/// The domain's message for `field`, next to it (`id=err-<field>`, `data-testid=field-error-<field>`).
/// Tags and categories are refused as they are added, focus staying in their box, whose
/// description screen readers do not read out when it changes (QA): their message is an alert.
#[component]
pub(crate) fn FieldError(errors: Errors, field: Field) -> impl IntoView {
    let lang = use_lang();
    let alert = matches!(field, Field::Tags | Field::Category).then_some("alert");
    reactive(move || {
        // Usually one; a domain list says each of its entries refused (QA: five saves to find
        // five faults), a line each.
        let said: Vec<String> = errors.with(|es| {
            es.iter()
                .filter(|e| e.field() == Some(field))
                .map(|e| msg(lang.get(), e))
                .collect()
        });
        (!said.is_empty()).then(|| {
            view! {
                <p class="error" id=format!("err-{}", field.key()) data-testid=format!("field-error-{}", field.key()) role=alert>
                    {said.join("\n")}
                </p>
            }
        })
    })
}

/// Errors that concern none of `fields` (e.g. 个人 refusal, wrong owner), shown above the submit button.
#[component]
pub(crate) fn FormError(errors: Errors, fields: &'static [Field]) -> impl IntoView {
    let lang = use_lang();
    reactive(move || {
        let others: Vec<DomainError> = errors.with(|es| {
            es.iter()
                .filter(|e| e.field().is_none_or(|f| !fields.contains(&f)))
                .cloned()
                .collect()
        });
        (!others.is_empty()).then(|| {
            view! {
                <div class="error-text" role="alert" data-testid="form-error">
                    {others.iter().map(|e| view! { <p>{msg(lang.get(), e)}</p> }.into_any()).collect_view()}
                </div>
            }
        })
    })
}

/// Shown in place of a page that needs an opened plugin: a link to 开通插件功能, or, for an
/// account that may never open one (个人), the domain's reason instead (QA: it was sent to a form
/// it cannot use).
#[component]
pub(crate) fn NeedsPlugin() -> impl IntoView {
    let app = use_app();
    let refused = app.account.get_untracked().and_then(|me| {
        app.ws
            .with_untracked(|ws| ws.open_blocked(&Actor::Developer(me)))
    });
    view! {
        <div class="card empty" data-testid="dev-needs-plugin">
            {match refused {
                Some(e) => view! {
                    <p>{tr_error(&e)}</p>
                    <OtherWays e />
                }
                .into_any(),
                None => view! {
                    <p>{tr("当前小程序尚未开通插件功能。", "This mini program has not opened plugin capability yet.")}</p>
                    // The page's one next step, as a primary button (QA: a small text link).
                    <A href=routes::DEV_OPEN attr:class="btn btn-primary">{tr("开通插件功能", "Open plugin capability")}</A>
                    // Not where another account's plugin is handled (learner QA: acting as the
                    // consumer, 申请管理 led only to opening a second plugin).
                    <p class="hint" data-testid="dev-needs-plugin-other">{tr(
                        "此处管理的是当前小程序自己的插件。要处理某个插件的版本或使用申请，请在页头选择该插件所属的小程序帐号。",
                        "These pages manage the acting mini program's own plugin. To handle another plugin's versions or use applications, choose the mini program account it belongs to in the header.",
                    )}</p>
                }
                .into_any(),
            }}
        </div>
    }
}

/// For an account that may never develop a plugin (个人), or never submit one (no category open
/// to plugins): what it can do instead (QA: every developer page was a dead end). Nothing for
/// other refusals.
#[component]
pub(crate) fn OtherWays(e: DomainError) -> impl IntoView {
    let no_category = (e == DomainError::NoPluginCategory).then(|| view! {
        <p data-testid="dev-other-account">
            {tr(
                "帐号的服务类目创建后不可修改（本应用约定）：要提交审核，请",
                "An account's categories cannot change once created (our rule): to submit for review, ",
            )}
            <A href=routes::NEW_ACCOUNT>{tr("创建小程序帐号", "create a mini program account")}</A>
            {tr("，选择已对插件开放的服务类目。", " with a category open to plugins.")}
        </p>
    });
    let individual = (e == DomainError::IndividualCannotDevelop).then(|| view! {
        <p>
            {tr("此帐号可以使用其他插件：", "This account can use other plugins: ")}
            <A href=routes::CONSUMER_ADD attr:data-testid="dev-needs-plugin-use">{tr("去添加插件", "add a plugin")}</A>
            {tr(
                "。开发插件请在页头选择一个主体类型不是个人的小程序帐号。",
                ". To develop one, choose a mini program in the header whose subject is not an individual (个人).",
            )}
        </p>
    });
    (no_category, individual)
}

/// Sets the value of an `<input>`/`<textarea>` event target into a signal, and takes away the
/// field's last refusal: it was about the old text (QA: 版本描述不能超过 200 个字符 stayed under a
/// fixed description until the next 上传).
pub(crate) fn bind(
    sig: RwSignal<String>,
    errors: Errors,
    field: Field,
) -> Box<dyn FnMut(leptos::ev::Event)> {
    // Boxed, as the other handlers (`handler`): one listener type for every `on:input`.
    Box::new(move |ev| {
        sig.set(event_target_value(&ev));
        set_field_error(errors, field, None);
    })
}

/// CSS class of a version status badge.
pub(crate) fn version_badge(s: &crate::domain::VersionStatus) -> &'static str {
    use crate::domain::VersionStatus::*;
    match s {
        Dev => "badge",
        InReview => "badge badge-review",
        Approved => "badge badge-approved",
        Rejected { .. } => "badge badge-rejected",
        Released => "badge badge-released",
        Offline => "badge",
    }
}

/// Renders `page(me)` when the acting account has opened its plugin; otherwise says what is
/// missing (choose an account / open the plugin first).
#[component]
pub(crate) fn WithPlugin<F, V>(page: F) -> impl IntoView
where
    F: Fn(crate::domain::AppId) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let gate = plugin_gate();
    reactive(move || match gate.get() {
        None => view! { <NeedsAccount /> }.into_any(),
        Some((_, false)) => view! { <NeedsPlugin /> }.into_any(),
        Some((me, true)) => page(me).into_any(),
    })
}

/// The acting account and whether it has opened a plugin. A memo: pages built on it re-render only
/// when one of those changes, not on every workspace change (forms keep what the user typed).
pub(crate) fn plugin_gate() -> Memo<Option<(crate::domain::AppId, bool)>> {
    let app = use_app();
    memo(move || {
        app.account.get().map(|me| {
            let has = app.ws.with(|ws| ws.plugin(&me).is_some());
            (me, has)
        })
    })
}
