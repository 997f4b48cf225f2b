//! `/dev/versions/:version/submit` — 「提交审核」: 插件服务类目 (only allowed ones selectable; the
//! others listed with the domain's reason), 标签 chips (1–5) and 功能描述 (20–500) with a counter.
use super::{
    bind, described, error_for, invalid, set_field_error, Errors, FieldError, FormError,
    NeedsAccount, NeedsPlugin,
};
use crate::domain::review::{hidden_in_tags, validate_tags};
use crate::domain::{
    glossed, text::range_text, Actor, AppId, Category, Command, DomainError, Field,
    ReviewSubmission, Semver, FEATURE_DESCRIPTION_CHARS, MAX_TAGS, MAX_TAG_CHARS, OPEN_CATEGORIES,
};
use crate::store::session::form_draft_key;
use crate::ui::components::composing;
use crate::ui::components::counter::Counter;
use crate::ui::components::draft::{keep_draft, Draft, DraftNote};
use crate::ui::components::modal::refocus_soon;
use crate::ui::components::{effect, handler, memo, reactive};
use crate::ui::i18n::{tr, tr_error, tr_owned};
use crate::ui::routes;
use crate::ui::state::use_app;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

const FIELDS: &[Field] = &[Field::Category, Field::Tags, Field::Description];

/// The page.
#[component]
pub fn SubmitReviewPage() -> impl IntoView {
    let app = use_app();
    let params = use_params_map();
    let version = move || params.with(|p| p.get("version").unwrap_or_default());
    let body = move || {
        let Some(me) = app.account.get() else {
            return view! { <NeedsAccount /> }.into_any();
        };
        if app.ws.with_untracked(|ws| ws.plugin(&me).is_none()) {
            return view! { <NeedsPlugin /> }.into_any();
        }
        let raw = version();
        let found = Semver::parse(&raw).ok().filter(|v| {
            app.ws
                .with_untracked(|ws| ws.plugin(&me).and_then(|p| p.version(v)).is_some())
        });
        match found {
            Some(v) => view! { <SubmitForm me v /> }.into_any(),
            None => view! {
                <div class="card empty" data-testid="review-version-missing">
                    <p>{tr_owned(format!("没有版本 {raw}"), format!("No version {raw}"))}</p>
                    <a href=routes::href(routes::DEV_VERSIONS)>{tr("返回开发管理", "Back to versions")}</a>
                </div>
            }
            .into_any(),
        }
    };
    view! {
        <div class="page" data-testid="dev-submit-review">
            <h1>{tr("提交审核", "Submit for review")}</h1>
            {reactive(body)}
        </div>
    }
}

#[component]
fn SubmitForm(me: AppId, v: Semver) -> impl IntoView {
    let app = use_app();
    let navigate = routes::use_navigate();
    // 取消 and 返回开发管理 land on the version's row, on its page of the list (QA: on the
    // first page, the row left out of sight).
    let back = routes::href(&format!("{}#version-{v}", routes::DEV_VERSIONS));
    let back2 = back.clone();
    let actor = Actor::Developer(me.clone());
    let options = app.ws.with_untracked(|ws| ws.plugin_category_options(&me));
    let (allowed, refused): (Vec<_>, Vec<_>) = options.into_iter().partition(|o| o.allowed.is_ok());
    let allowed: Vec<Category> = allowed.into_iter().map(|o| o.category).collect();
    let refused: Vec<(Category, DomainError)> = refused
        .into_iter()
        .filter_map(|o| o.allowed.err().map(|e| (o.category, e)))
        .collect();
    // Prefill from this version's last submission, else the plugin's listing, else its latest
    // submission of any version (e.g. resubmitting after 审核失败).
    let prefill = app.ws.with_untracked(|ws| {
        ws.plugin(&me).and_then(|p| {
            p.version(&v)
                .and_then(|x| x.submission.clone())
                .or_else(|| p.listing().cloned())
                .or_else(|| p.reviews.last().map(|r| r.submission.clone()))
        })
    });
    // After 审核失败, the reviewer's reason is what the fix answers: shown here, where it is
    // made (QA: only on the versions page).
    // The refusal this submission answers: this version's own, or the last review's of an
    // older version, this one uploaded since as its fix (QA: /dev said to answer it, and its
    // reason was only on the older version's page).
    // Followed: a decision made in another tab shows here (QA: a refusal made while this page
    // was open showed only after a reload, and a refusal answered since stayed).
    let rejected_of = me.clone();
    let rejected = move || {
        app.ws.with(|ws| {
            ws.plugin(&rejected_of)?
                .refusal_answered_by(&v)
                .map(|(of, reason)| (of, reason.to_string()))
        })
    };
    // The category select's value is a position in `allowed`.
    let allowed_sv = StoredValue::new(allowed.clone());
    let index_of = move |c: &Category| allowed_sv.with_value(|a| a.iter().position(|x| x == c));
    let initial_cat = prefill
        .as_ref()
        .and_then(|s| index_of(&s.category))
        .unwrap_or(0);
    let category = RwSignal::new(if allowed.is_empty() {
        String::new()
    } else {
        initial_cat.to_string()
    });
    let tags = RwSignal::new(prefill.as_ref().map(|s| s.tags.clone()).unwrap_or_default());
    let tag_input = RwSignal::new(String::new());
    let description = RwSignal::new(prefill.map(|s| s.feature_description).unwrap_or_default());
    // What is chosen and typed survives leaving the page and reloads, until submitted (QA).
    // A tag typed but not yet added too (QA: a reload lost it).
    let drafts = ["category", "tags", "description", "tag-input"]
        .map(|f| form_draft_key(&format!("submit-{f}"), &format!("{me}/{v}")));
    let drafts = [
        keep_draft(drafts[0].clone(), category),
        keep_draft(drafts[1].clone(), tags),
        keep_draft(drafts[2].clone(), description),
        keep_draft(drafts[3].clone(), tag_input),
    ];
    let errors: Errors = RwSignal::new(vec![]);
    // Whether this version can be submitted now, whatever the form holds: follows the
    // workspace (another tab's review decision or 撤回 unblocks it, its submission blocks it).
    let (probe_actor, probe_me) = (actor.clone(), me.clone());
    let status_why = memo(move || submit_blocked(&probe_actor, &probe_me, v));
    let blocked = move || status_why.with(Option::is_some);
    // The version's own status forbids it (another tab submitted it, or it was decided): the
    // fields show what it was submitted with, not for editing, and nothing typed is kept (QA:
    // the form of a version 审核中 kept typed text and its draft note).
    let settled =
        memo(move || status_why.with(|e| matches!(e, Some(DomainError::StatusForbids { .. }))));
    let sv_me = me.clone();
    effect(move |_| {
        if !settled.get() {
            return;
        }
        let submitted = app
            .ws
            .with_untracked(|ws| ws.plugin(&sv_me)?.version(&v)?.submission.clone());
        if let Some(s) = submitted {
            if let Some(i) = index_of(&s.category) {
                category.set(i.to_string());
            }
            tags.set(s.tags);
            description.set(s.feature_description);
        }
        tag_input.set(String::new());
        errors.set(vec![]);
        drafts.into_iter().for_each(Draft::sent);
        // A field being typed in is disabled under the keys: focus goes to the way back
        // (review: it fell to <body>).
        refocus_soon(["[data-testid=review-blocked-back]".to_string()]);
    });
    // What the added tags themselves are refused for (count, length, duplicates), if anything;
    // but "at least one" only once 提交审核 has said it (keyboard QA: an alert as the last × was
    // pressed; re-check QA: and as Enter was pressed in the empty box).
    let tags_problem = move || {
        let none = DomainError::TagCount { count: 0 };
        let said = untrack(|| error_for(errors, Field::Tags)).as_ref() == Some(&none);
        validate_tags(&tags.get_untracked())
            .err()
            .filter(|e| said || *e != none)
    };
    // Said as they change; a refusal of the text still in the box stays (re-check QA: × on a
    // chip replaced it with the list's problem).
    // A duplicate's refusal goes with the tag it repeated.
    effect(move |ran| {
        let list = tags.get();
        let stays = match untrack(|| error_for(errors, Field::Tags)) {
            None | Some(DomainError::TagCount { .. }) => false,
            Some(DomainError::TagDuplicate { tag }) => {
                let with: Vec<String> = list.into_iter().chain([tag]).collect();
                matches!(validate_tags(&with), Err(DomainError::TagDuplicate { .. }))
            }
            Some(_) => true,
        };
        if ran && !stays {
            set_field_error(errors, Field::Tags, tags_problem());
        }
    });
    // A tag the domain would refuse (too long, a duplicate, a sixth) is not added: its text stays
    // in the box with the reason (QA: a duplicate became a chip). `false` when refused.
    // Tags typed with commas (or 、) between them are several (QA: `美食，点评` became one tag);
    // the hint says both (SPEC QA: 、 split a tag unsaid).
    let tag_said = RwSignal::new(String::new());
    let add_tag = move || {
        let typed = tag_input.get_untracked();
        let new: Vec<String> = typed
            .split([',', '，', '、'])
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect();
        if new.is_empty() {
            // Only spaces: nothing to add, and nothing left in the box (QA); a refusal of what
            // was typed before goes with it (QA: `,,,` left an emoji tag's refusal up).
            tag_input.set(String::new());
            set_field_error(errors, Field::Tags, tags_problem());
            return true;
        }
        // In a list, one already added is left out and the rest added, with a word (QA: the
        // whole list was refused); on its own it is refused as before.
        let mut next = tags.get_untracked();
        let mut repeated = vec![];
        for tag in new {
            let mut with = next.clone();
            with.push(tag);
            match validate_tags(&with) {
                Err(DomainError::TagDuplicate { tag }) => repeated.push(tag),
                _ => next = with,
            }
        }
        if next.len() == tags.with_untracked(Vec::len) {
            next.append(&mut repeated);
        }
        match validate_tags(&next).and_then(|()| hidden_in_tags(&next).map_or(Ok(()), Err)) {
            Ok(()) => {
                // Said (screen-reader QA: the box emptied, the list grew, silently), with what
                // was left out, only of a list that was added (QA: said beside a refusal too);
                // one message, not a toast and a status read over each other (QA: `x, y,x`
                // read "Added: x, y" and the second `x` went unsaid).
                let before = tags.with_untracked(Vec::len);
                let zh = app.lang.get_untracked() == crate::ui::i18n::Lang::Zh;
                let mut said = String::new();
                if next.len() > before {
                    let n = next.len();
                    said = if zh {
                        format!("已添加标签「{}」，共 {n} 个", next[before..].join("、"))
                    } else {
                        let unit = if n == 1 { "tag" } else { "tags" };
                        format!("Added: {} ({n} {unit} in all)", next[before..].join(", "))
                    };
                }
                if !repeated.is_empty() {
                    let left_out = if zh {
                        format!("标签「{}」已在列表中，未重复添加", repeated.join("、"))
                    } else {
                        format!(
                            "Already in the list, not added again: {}",
                            repeated.join(", ")
                        )
                    };
                    if !said.is_empty() {
                        said.push_str(if zh { "；" } else { ". " });
                    }
                    said.push_str(&left_out);
                    // Seen as well as heard: a toast (its own live region); the status region
                    // is emptied, not left saying an older count (QA), after any earlier saying
                    // still on its way.
                    crate::ui::components::said::say_anew(tag_said, String::new());
                    app.notify(said);
                } else if !said.is_empty() {
                    crate::ui::components::said::say_anew(tag_said, said);
                }
                // The text's refusal goes with the text (re-check QA: it stayed by the fixed tag
                // added).
                set_field_error(errors, Field::Tags, None);
                tags.set(next);
                tag_input.set(String::new());
                true
            }
            Err(e) => {
                // Not beside an older 已添加 (QA: it stayed by each new refusal); a saying still
                // on its way (a removal just made) still comes.
                tag_said.set(String::new());
                set_field_error(errors, Field::Tags, Some(e));
                false
            }
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // Text typed but not yet added with Enter still counts as a tag (and is not dropped
        // if refused).
        let tag_ok = add_tag();
        let cat = category
            .get_untracked()
            .parse::<usize>()
            .ok()
            .and_then(|i| allowed_sv.with_value(|a| a.get(i).cloned()))
            .unwrap_or_else(|| Category::new("", ""));
        let submission = ReviewSubmission {
            category: cat,
            tags: tags.get_untracked(),
            feature_description: description.get_untracked(),
        };
        // Every field's refusal at once (QA: 功能描述's came only after the tags were fixed); a
        // tag refused as it was added keeps its message.
        let problems = submission.normalized().form_problems();
        if !tag_ok || !problems.is_empty() {
            let of = |f: Field| problems.iter().find(|e| e.field() == Some(f)).cloned();
            // Each field's message is its problem now, or none (a fixed one goes).
            if tag_ok {
                set_field_error(errors, Field::Tags, of(Field::Tags));
            }
            set_field_error(errors, Field::Description, of(Field::Description));
            app.refused();
            return;
        }
        if app
            .submit(
                actor.clone(),
                Command::SubmitReview {
                    plugin: me.clone(),
                    version: v,
                    submission,
                },
                errors,
            )
            .is_some()
        {
            let what = super::named_version(app, &me, v);
            app.say(
                &format!("{what} 已提交审核"),
                &format!("{what} submitted for review"),
            );
            drafts.into_iter().for_each(Draft::sent);
            // To its row, which reads its status (scale QA: at the top of 1 500 rows, the row
            // 52 000 px down); not on its 撤回审核, which a second Enter pressed (learner QA).
            navigate(
                &format!("{}#version-{v}", routes::DEV_VERSIONS),
                Default::default(),
            );
        }
    };
    view! {
        <p class="lead">{tr_owned(format!("版本 {v}"), format!("Version {v}"))}</p>
        {reactive(move || rejected().map(|(of, r)| view! {
            <div class="banner banner-info" data-testid="review-last-rejection">
                {match of {
                    None => tr_owned("上次审核失败，理由：".into(), "The last review was rejected: ".into()),
                    Some(of) => tr_owned(format!("版本 {of} 审核失败，理由："), format!("Version {of} was rejected: ")),
                }}
                <span class="prewrap">{r}</span>
            </div>
        }))}
        // Said as a warning with the way back, not a grey line (QA: the form looked usable). The
        // form stays: the block can lift (another tab's decision or 撤回).
        {reactive(move || status_why.get().map(|e| view! {
            <div class="banner banner-warn" role="alert">
                <span data-testid="review-blocked">{tr_error(&e)}</span>{tr("。", ". ")}
                <a href=back2.clone() data-testid="review-blocked-back">{tr("返回开发管理", "Back to versions")}</a>
            </div>
        }))}
        <form class="form card" data-testid="review-form" on:submit={handler(submit)} novalidate=true>
            <DraftNote drafts=drafts.to_vec() errors />
            <fieldset class="plain" disabled=settled data-testid="review-fields">
            <CategoryField allowed refused category errors />
            <div class="field">
                <label for="review-tags-input">{tr("标签", "Tags")}</label>
                <TagChips tags tag_said />
                <input id="review-tags-input" data-testid="review-tags-input"
                    prop:value=move || tag_input.get()
                    on:input={handler(move |ev: leptos::ev::Event| {
                        let t = event_target_value(&ev);
                        // The box emptied: a refusal of the tag typed there no longer stands
                        // (QA: 标签长度 stayed); the added tags' own problem does (review: 请至少
                        // 添加 1 个标签 went too).
                        let shown = untrack(|| error_for(errors, Field::Tags));
                        if t.trim().is_empty() && shown.is_some() && shown != tags_problem() {
                            set_field_error(errors, Field::Tags, tags_problem());
                        }
                        tag_input.set(t);
                    })}
                    // Not an input method's Enter (QA: 拼音 was added).
                    on:keydown={handler(move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" && !composing(&ev) { ev.prevent_default(); add_tag(); })}
                    aria-invalid=invalid(errors, Field::Tags) aria-describedby=described(errors, Field::Tags, Some("review-tags-hint")) />
                <p class="hint" id="review-tags-hint">{tr_owned(
                    format!("请填写与插件提供的服务相关的标签；输入后按 Enter 添加，以逗号或顿号（、）分隔可一次添加多个；1–{MAX_TAGS} 个，每个不超过 {MAX_TAG_CHARS} 个字符，不可重复（本应用约定）。"),
                    format!("Tags related to the service the plugin provides; press Enter to add, several at once separated by commas (or 、); 1–{MAX_TAGS} tags, each up to {MAX_TAG_CHARS} characters, no duplicates (our rule)."),
                )}</p>
                <FieldError errors field=Field::Tags />
                <p class="sr-only" role="status" data-testid="review-tag-said">{tag_said}</p>
            </div>
            <div class="field">
                <label for="review-desc">{tr("功能描述", "Feature description")}</label>
                <textarea id="review-desc" data-testid="review-desc" rows="5"
                    prop:value=move || description.get() on:input=bind(description, errors, Field::Description)
                    aria-invalid=invalid(errors, Field::Description) aria-describedby=described(errors, Field::Description, Some("review-desc-hint review-desc-count"))></textarea>
                // Right under its box, as in the other forms (tablet QA: under the hint, 60 px off).
                <Counter text=description max=*FEATURE_DESCRIPTION_CHARS.end() id="review-desc-count" testid="review-desc-count" />
                // The rule read with the field, not only its count (screen-reader QA).
                <p class="hint" id="review-desc-hint">{tr_owned(
                    format!("插件的基本介绍与使用说明，供微信小程序团队审核（{} 个字符，本应用约定）。", range_text(&FEATURE_DESCRIPTION_CHARS)),
                    format!("What the plugin does and how to use it, for the platform reviewers ({} characters, our rule).", range_text(&FEATURE_DESCRIPTION_CHARS)),
                )}</p>
                <FieldError errors field=Field::Description />
            </div>
            </fieldset>
            <FormError errors fields=FIELDS />
            <div class="actions">
                <button type="submit" class="btn btn-primary" data-testid="review-submit" disabled=blocked>{tr("提交审核", "Submit for review")}</button>
                // A button as the other forms' 取消 (QA: here alone a text link).
                <a class="btn" href=back data-testid="review-cancel">{tr("取消", "Cancel")}</a>
            </div>
        </form>
    }
}

/// 提交审核's 插件服务类目: a select of the `allowed` categories (its value a position among them),
/// the categories open to plugins, and those the account cannot pick with why.
#[component]
fn CategoryField(
    allowed: Vec<Category>,
    refused: Vec<(Category, DomainError)>,
    /// The position in `allowed` chosen.
    category: RwSignal<String>,
    errors: Errors,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for="review-category">{tr("插件服务类目", "Plugin service category")}</label>
            <select id="review-category" data-testid="review-category"
                prop:value=move || category.get() on:change={handler(move |ev: leptos::ev::Event| category.set(event_target_value(&ev)))}
                aria-invalid=invalid(errors, Field::Category) aria-describedby=described(errors, Field::Category, Some("review-category-hint"))>
                {allowed.iter().enumerate().map(|(i, c)| view! { <option value=i.to_string()>{tr_owned(c.to_string(), c.en())}</option> }.into_any()).collect_view()}
            </select>
            <p class="hint" id="review-category-hint">{tr(
                "只能选择本小程序已通过、且已开放给插件的服务类目。",
                "You can only choose categories this mini program is approved for that are also open to plugins.",
            )}</p>
            {allowed.is_empty().then(|| view! {
                <p class="why" data-testid="review-no-category">{tr(
                    "本小程序没有可用于插件的服务类目。",
                    "This mini program has no category open to plugins.",
                )}</p>
            })}
            <OpenCategories />
            <FieldError errors field=Field::Category />
            {(!refused.is_empty()).then(|| view! {
                <details class="hint">
                    <summary>{tr("不可选择的类目", "Categories you cannot pick")}</summary>
                    <ul data-testid="review-category-unavailable">
                        {refused.into_iter().map(|(c, e)| view! {
                            <li><span>{tr_owned(c.to_string(), c.en())}</span>" — "<span class="why">{tr_error(&e)}</span></li>
                        }.into_any()).collect_view()}
                    </ul>
                </details>
            })}
        </div>
    }
}

/// The platform's table of the service categories open to plugins (a disclosure).
#[component]
fn OpenCategories() -> impl IntoView {
    view! {
        <details class="hint" data-testid="open-categories">
            <summary>{tr("已开放的插件服务类目", "Service categories open to plugins")}</summary>
            <table class="table">
                <thead><tr>
                    <th>{tr("一级类目", "Primary")}</th>
                    <th>{tr("二级类目", "Secondary")}</th>
                    <th>{tr("特殊说明", "Note")}</th>
                </tr></thead>
                <tbody>{OPEN_CATEGORIES.iter().map(|r| view! {
                    <tr>
                        <td>{tr_owned(r.primary.to_string(), glossed(r.primary))}</td>
                        <td>{tr_owned(r.secondaries_zh(), r.secondaries_en())}</td>
                        <td>{r.medical_only.then(|| tr("仅医疗类小程序可使用", "Medical mini programs only"))}</td>
                    </tr>
                }.into_any()).collect_view()}</tbody>
            </table>
        </details>
    }
}

/// The tags added, each with its × (removing it says so and moves focus to the next ×).
#[component]
fn TagChips(tags: RwSignal<Vec<String>>, tag_said: RwSignal<String>) -> impl IntoView {
    let app = use_app();
    view! {
        <ul class="tags" data-testid="review-tags" aria-label=tr("已添加的标签", "Added tags")>
            {reactive(move || tags.get().into_iter().enumerate().map(|(i, t)| {
                let label = t.clone();
                view! {
                    <li class="tag" data-testid="review-tag">
                        {t}
                        // Quick clicks remove the tags that move under the pointer one after another (`data-repeat`: index.html's double-click guard lets them through).
                        <button type="button" class="btn btn-ghost btn-small" data-repeat="" data-testid=format!("review-tag-remove-{i}")
                            aria-label=tr_owned(format!("删除标签 {label}"), format!("Remove tag {label}"))
                            on:click={handler(move |_| {
                                // By the tag, not by `i`: two clicks in one task (before the
                                // list is drawn again) removed by a stale index (QA: a panic).
                                tags.update(|ts| ts.retain(|t| *t != label));
                                // Said too: what was said of the list last is out of
                                // date now (QA: "共 4 个" with 3 left).
                                let n = tags.with_untracked(Vec::len);
                                let said = app.lang.get_untracked().pick(
                                    format!("已删除标签「{label}」，共 {n} 个"),
                                    format!("Tag removed: {label}; {n} in all"),
                                );
                                crate::ui::components::said::say_anew(tag_said, said);
                                // The next ×, else the previous, else the tag box (QA:
                                // removing the last tag left focus on <body>).
                                refocus_soon([
                                    format!("[data-testid=review-tag-remove-{i}]"),
                                    format!("[data-testid=review-tag-remove-{}]", i.saturating_sub(1)),
                                    "#review-tags-input".into(),
                                ]);
                            })}>"×"</button>
                    </li>
                }.into_any()
            }).collect_view())}
        </ul>
    }
}

/// Why 提交审核 of `version` is refused whatever its form says (its status, the account's
/// categories, another version in review): the domain's [`crate::domain::Workspace::submit_blocked`],
/// following the workspace.
pub(crate) fn submit_blocked(actor: &Actor, me: &AppId, version: Semver) -> Option<DomainError> {
    use_app()
        .ws
        .with(|ws| ws.submit_blocked(actor, me, &version))
}
