//! `/dev/devinfo` — 「填写开发信息」: 服务器域名 (four lists, one domain per line) and Token,
//! validated field by field with the domain's messages.
use super::{bind, described, error_for, invalid, Errors, FieldError, FormError, WithPlugin};
use crate::domain::{
    text::range_text, Actor, AppId, Command, DevInfo, DomainError, DomainList, Field, Workspace,
    MAX_DOMAINS, TOKEN_CHARS,
};
use crate::store::session::form_draft_key;
use crate::ui::components::draft::{keep_draft, Draft, DraftNote};
use crate::ui::components::{effect, handler, reactive};
use crate::ui::i18n::{tr, tr_owned, use_lang};
use crate::ui::routes;
use crate::ui::state::{use_app, Saved};
use leptos::prelude::*;

/// `/dev/devinfo`.
#[component]
pub fn DevInfoPage() -> impl IntoView {
    view! {
        <div class="page" data-testid="dev-devinfo">
            <h1>{tr("填写开发信息", "Development info")}</h1>
            <p class="lead">{tr(
                "服务器域名与 Token 填写完成后才能上传开发版本。",
                "Versions can be uploaded once server domains and the Token are set.",
            )}</p>
            <WithPlugin page=|me| view! { <DevInfoForm me /> } />
        </div>
    }
}

const FIELDS: &[Field] = &[
    Field::ServerDomains,
    Field::Domains(DomainList::Request),
    Field::Domains(DomainList::Socket),
    Field::Domains(DomainList::UploadFile),
    Field::Domains(DomainList::DownloadFile),
    Field::Token,
];

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// A field's text as 开发信息 `d` holds it: a domain list one entry a line, or the Token
/// (`None`); empty without 开发信息.
fn field_text(d: Option<&DevInfo>, field: Option<DomainList>) -> String {
    d.map(|d| match field {
        Some(l) => d.list(l).join("\n"),
        None => d.token.clone(),
    })
    .unwrap_or_default()
}

/// A field's text as `me`'s stored 开发信息 holds it (what another tab's save or this form's
/// own brings).
fn stored_text(ws: &Workspace, me: &AppId, field: Option<DomainList>) -> String {
    field_text(ws.plugin(me).and_then(|p| p.dev_info.as_ref()), field)
}

/// The testid suffix of a list's textarea.
fn list_key(list: DomainList) -> &'static str {
    match list {
        DomainList::Request => "request",
        DomainList::Socket => "socket",
        DomainList::UploadFile => "uploadFile",
        DomainList::DownloadFile => "downloadFile",
    }
}

/// The 开发信息 the form holds.
fn dev_info(texts: &[(DomainList, String)], token: &str) -> DevInfo {
    let get = |l: DomainList| {
        texts
            .iter()
            .find(|(x, _)| *x == l)
            .map(|(_, s)| lines(s))
            .unwrap_or_default()
    };
    DevInfo {
        request_domains: get(DomainList::Request),
        socket_domains: get(DomainList::Socket),
        upload_file_domains: get(DomainList::UploadFile),
        download_file_domains: get(DomainList::DownloadFile),
        token: token.to_string(),
    }
}

/// Every field's problems, as the domain reports them (`DevInfo::problems`).
fn field_errors(texts: &[(DomainList, String)], token: &str) -> Vec<DomainError> {
    dev_info(texts, token).normalized().problems()
}

#[component]
fn DevInfoForm(me: AppId) -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let current = app
        .ws
        .with_untracked(|ws| ws.plugin(&me).and_then(|p| p.dev_info.clone()));
    let start = |field| field_text(current.as_ref(), field);
    let texts: Vec<(DomainList, RwSignal<String>)> = DomainList::ALL
        .iter()
        .map(|l| (*l, RwSignal::new(start(Some(*l)))))
        .collect();
    let token = RwSignal::new(start(None));
    let errors: Errors = RwSignal::new(vec![]);
    let tried = RwSignal::new(false);
    // Each field kept by the tab until saved (QA: a reload lost an added domain), and following
    // another tab's save where not edited here (QA: 保存 wrote the older lists back over it).
    let fields = texts.iter().map(|(l, text)| (Some(*l), *text));
    let fields: Vec<(Option<DomainList>, RwSignal<String>, Draft)> = fields
        .chain([(None, token)])
        .map(|(list, value)| {
            let field = list.map_or("token", list_key);
            let draft = keep_draft(form_draft_key("devinfo", &format!("{me}/{field}")), value);
            let me = me.clone();
            draft.follow(
                value,
                move || app.ws.with(|ws| stored_text(ws, &me, list)),
                [
                    "开发信息已在另一个标签页修改",
                    "Development info was changed in another tab",
                ],
            );
            (list, value, draft)
        })
        .collect();
    let fields = StoredValue::new(fields);
    let drafts: Vec<Draft> = fields.with_value(|f| f.iter().map(|x| x.2).collect());
    let note = drafts.clone();
    let texts = StoredValue::new(texts);
    let snapshot = move || -> Vec<(DomainList, String)> {
        texts.with_value(|ts| ts.iter().map(|(l, s)| (*l, s.get())).collect())
    };
    // After a first save attempt, re-check as the user types.
    effect(move |_| {
        let t = snapshot();
        let tk = token.get();
        if tried.get() {
            errors.set(field_errors(&t, &tk));
        }
    });
    let actor = Actor::Developer(me.clone());
    // Saved: where to go next (QA: only a toast said anything).
    let saved = RwSignal::new(false);
    let next_me = me.clone();
    let next = move || {
        saved.get().then(|| {
            view! { <super::home::NextStepLine me=next_me.clone() testid="devinfo-next" here=routes::DEV_INFO /> }
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        let t: Vec<(DomainList, String)> =
            texts.with_value(|ts| ts.iter().map(|(l, s)| (*l, s.get_untracked())).collect());
        let tk = token.get_untracked();
        let problems = field_errors(&t, &tk);
        if !problems.is_empty() {
            errors.set(problems);
            // As every other form: to the first field refused (QA: focus stayed on 保存).
            app.refused();
            return;
        }
        let dev_info = dev_info(&t, &tk);
        let cmd = Command::SetDevInfo {
            plugin: me.clone(),
            dev_info,
        };
        match app.save(actor.clone(), cmd, errors) {
            Saved::Done(_) => {
                tried.set(false);
                // The fields show what was stored (normalized: trimmed, lower-case hosts).
                fields.with_value(|f| {
                    f.iter().for_each(|(list, value, draft)| {
                        value.set(app.ws.with_untracked(|ws| stored_text(ws, &me, *list)));
                        draft.sent();
                    })
                });
                app.say("开发信息已保存", "Development info saved");
                saved.set(true);
            }
            Saved::AlreadySo => {
                tried.set(false);
                drafts.iter().copied().for_each(Draft::reset);
            }
            Saved::Refused => {}
        }
    };
    // No domain in any list: the first list stands for them (marked, reading the message), so
    // focus goes there as to any refused field (QA: it stayed on 保存, the message out of view).
    let no_domain = move |list: DomainList| {
        list == DomainList::Request && error_for(errors, Field::ServerDomains).is_some()
    };
    view! {
        <form class="form card" data-testid="devinfo-form" on:submit={handler(submit)} novalidate=true>
            <DraftNote drafts=note errors />
            <h2 id="devinfo-domains">{tr("服务器域名", "Server domains")}</h2>
            <div role="group" aria-labelledby="devinfo-domains" aria-describedby=described(errors, Field::ServerDomains, Some("hint-domains"))>
                <p class="hint" id="hint-domains">{tr_owned(
                    format!("每项须为 https:// 或 wss:// 加域名（不含 IP、端口、路径），不可重复，每类最多 {MAX_DOMAINS} 个，四类合法域名至少填写一个（以上为本应用约定）。"),
                    format!("Each entry must be https:// or wss:// and a host name (no IP, port or path), listed once, at most {MAX_DOMAINS} per list, and at least one of the four lists filled in (these are our rules)."),
                )}</p>
                <FieldError errors field=Field::ServerDomains />
                {texts.with_value(|ts| ts.iter().map(|(list, text)| {
                    let list = *list;
                    let text = *text;
                    let field = list.field();
                    let id = format!("devinfo-{}", list_key(list));
                    let hint_id: &'static str = match list {
                        DomainList::Request => "hint-request",
                        DomainList::Socket => "hint-socket",
                        DomainList::UploadFile => "hint-uploadFile",
                        DomainList::DownloadFile => "hint-downloadFile",
                    };
                    view! {
                        <div class="field">
                            <label for=id.clone()>{tr(list.zh(), list.en())}</label>
                            <textarea id=id.clone() data-testid=id rows="3" spellcheck="false"
                                placeholder=format!("{}example.com", list.scheme())
                                prop:value=move || text.get() on:input=bind(text, errors, field)
                                aria-invalid=move || (invalid(errors, field)().is_some() || no_domain(list)).then_some("true")
                                aria-describedby=move || if no_domain(list) { Some(format!("err-{}", Field::ServerDomains.key())) } else { described(errors, field, Some(hint_id))() }></textarea>
                            <p class="hint" id=hint_id>{reactive(move || lang.get().pick(
                                format!("每行一个，以 {} 开头的域名，不含 IP、端口和路径；最多 {} 个", list.scheme(), MAX_DOMAINS),
                                format!("One per line, starting with {}; no IP, port or path; up to {}", list.scheme(), MAX_DOMAINS),
                            ))}</p>
                            <FieldError errors field />
                        </div>
                    }.into_any()
                }).collect_view())}
            </div>
            <div class="field">
                <label for="devinfo-token">"Token"</label>
                <input id="devinfo-token" data-testid="devinfo-token" autocomplete="off" spellcheck="false"
                    prop:value=move || token.get() on:input=bind(token, errors, Field::Token)
                    aria-invalid=invalid(errors, Field::Token) aria-describedby=described(errors, Field::Token, Some("hint-token")) />
                <p class="hint" id="hint-token">{tr_owned(format!("{} 位英文字母或数字（本应用约定）", range_text(&TOKEN_CHARS)), format!("{} letters and digits (our rule)", range_text(&TOKEN_CHARS)))}</p>
                <FieldError errors field=Field::Token />
            </div>
            <FormError errors fields=FIELDS />
            <div class="actions">
                <button type="submit" class="btn btn-primary" data-testid="devinfo-save">{tr("保存", "Save")}</button>
            </div>
            {reactive(next)}
        </form>
    }
}
