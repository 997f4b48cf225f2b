//! Drafts of form fields kept by the tab: what was typed survives leaving the page and reloads
//! (QA: a 500-character 功能描述 went back to the last submission's on reload).
use crate::store::session::form_draft;
use crate::ui::components::{effect, handler, reactive, timeout};
use crate::ui::i18n::tr;
use leptos::prelude::*;

/// A field's value as the text its draft is kept as.
pub trait DraftText: PartialEq + Send + Sync + 'static {
    /// The kept text.
    fn to_text(&self) -> String;
    /// The value a kept text stands for.
    fn from_text(text: &str) -> Self;
}

impl DraftText for String {
    fn to_text(&self) -> String {
        self.clone()
    }
    fn from_text(text: &str) -> Self {
        text.to_string()
    }
}

/// A list of one-line entries (tags), one a line.
impl DraftText for Vec<String> {
    fn to_text(&self) -> String {
        self.join("\n")
    }
    fn from_text(text: &str) -> Self {
        text.lines().map(str::to_string).collect()
    }
}

/// Categories (创建小程序帐号's list), one a line, its two levels apart by a unit separator.
impl DraftText for Vec<crate::domain::Category> {
    fn to_text(&self) -> String {
        let lines: Vec<String> = self
            .iter()
            .map(|c| format!("{}\u{1f}{}", c.primary, c.secondary))
            .collect();
        lines.join("\n")
    }
    fn from_text(text: &str) -> Self {
        text.lines()
            .filter_map(|l| l.split_once('\u{1f}'))
            .map(|(p, s)| crate::domain::Category::new(p, s))
            .collect()
    }
}

/// An application (the one whose rejection is being typed), by its id; none as "".
impl DraftText for Option<crate::domain::ApplicationId> {
    fn to_text(&self) -> String {
        self.map(|id| id.0.to_string()).unwrap_or_default()
    }
    fn from_text(text: &str) -> Self {
        text.parse().ok().map(crate::domain::ApplicationId)
    }
}

/// A 主体类型, by its Chinese name.
impl DraftText for crate::domain::SubjectType {
    fn to_text(&self) -> String {
        self.zh().into()
    }
    fn from_text(text: &str) -> Self {
        Self::from_zh(text).unwrap_or(Self::Enterprise)
    }
}

/// An icon: a built-in one's key after `b:`, an uploaded one's `data:` URL as is.
impl DraftText for crate::domain::Icon {
    fn to_text(&self) -> String {
        match self {
            crate::domain::Icon::Builtin(key) => format!("b:{key}"),
            crate::domain::Icon::DataUrl(url) => url.clone(),
        }
    }
    fn from_text(text: &str) -> Self {
        match text.strip_prefix("b:") {
            Some(key) => crate::domain::Icon::Builtin(key.into()),
            None => crate::domain::Icon::DataUrl(text.into()),
        }
    }
}

/// Keeps `value` in this tab under `key` (a [`crate::store::session::form_draft_key`]) while it
/// differs from what the form started with, and restores a kept one now. A draft made over data
/// saved since (by another tab) comes back *overtaken*: said as such by [`DraftNote`], with a way
/// to the saved data, which 保存 would replace (review: a 开发信息 draft came back over another
/// tab's save unsaid, and 保存 would have undone it; re-check QA: dropping it instead lost what
/// was typed, unsaid). Kept as `<length of the start>:<start><text>`, after a `!` when
/// overtaken. Once the form is sent, [`Draft::sent`].
pub fn keep_draft<T: DraftText>(key: String, value: RwSignal<T>) -> Draft {
    keep_text(
        key,
        Signal::derive(move || value.with(T::to_text)),
        Callback::new(move |text: String| value.set(T::from_text(&text))),
    )
}

/// [`keep_draft`] of the field as text (`text`, set by `set`): compiled once, not once per
/// field type.
fn keep_text(key: String, text: Signal<String>, set: Callback<String>) -> Draft {
    let start = text.get_untracked();
    // (text, overtaken)
    let kept = form_draft::load(&key).and_then(|k| {
        let (over, k) = match k.strip_prefix('!') {
            Some(k) => (true, k),
            None => (false, k.as_str()),
        };
        let (len, rest) = k.split_once(':')?;
        let len: usize = len.parse().ok()?;
        let (was, text) = (rest.get(..len)?, rest.get(len..)?);
        (text != start).then(|| (text.to_string(), over || was != start))
    });
    let over = kept.as_ref().is_some_and(|k| k.1);
    let restored = RwSignal::new(kept.is_some() && !over);
    if let Some((text, _)) = kept {
        set.run(text);
    }
    let app = use_context::<crate::ui::state::AppState>();
    let draft = Draft {
        key: StoredValue::new(key),
        start: StoredValue::new(start),
        text,
        restored,
        overtaken: RwSignal::new(over),
        set,
        epoch: app.map(|a| (a, StoredValue::new(a.persistence().replacements()))),
    };
    effect(move |_| {
        draft.text.track();
        // An edit is kept, also one made after another tab replaced the workspace (re-check
        // QA: typed after the toast, it was lost on leaving the page).
        if let Some((app, epoch)) = draft.epoch {
            epoch.set_value(app.persistence().replacements());
        }
        draft.store();
    });
    draft
}

/// The largest text a draft keeps, in bytes as /data counts them (UTF-16, 2 a unit).
pub(crate) const MAX_DRAFT_BYTES: usize = 256 * 1024;

/// A field's draft, kept by [`keep_draft`].
#[derive(Clone, Copy)]
pub struct Draft {
    key: StoredValue<String>,
    /// What the form started from, or was last sent with.
    start: StoredValue<String>,
    /// The field's value as text.
    text: Signal<String>,
    /// Whether the field came back from an earlier visit (said by [`DraftNote`]).
    restored: RwSignal<bool>,
    /// Whether another tab saved this field since it was edited here, the edit kept (said by
    /// [`DraftNote`] until sent or undone).
    overtaken: RwSignal<bool>,
    /// Sets the field to a text.
    set: Callback<String>,
    /// The app, and how many times another tab had replaced the workspace when the field was
    /// last edited: a form for a workspace since replaced keeps what it shows, but keeps it for
    /// later only once edited again (durability QA: a draft came back over the imported
    /// workspace, stored again as the form followed the new data).
    epoch: Option<(crate::ui::state::AppState, StoredValue<u64>)>,
}

impl Draft {
    /// Keeps the field's text over its start, or forgets it when they are the same.
    /// Back to its start, the field holds nothing restored any more.
    fn store(self) {
        if self
            .epoch
            .is_some_and(|(app, n)| app.persistence().replacements() != n.get_value())
        {
            return;
        }
        let text = self.text.get_untracked();
        // Not a big paste (an export in /data's box): it would be laid out again, for seconds,
        // on every visit, and fill the tab's storage (review).
        let small = crate::store::utf16_len(&text) * 2 <= MAX_DRAFT_BYTES;
        let over = if self.overtaken.get_untracked() {
            "!"
        } else {
            ""
        };
        let kept = self.start.with_value(|start| {
            (small && text != *start).then(|| format!("{over}{}:{start}{text}", start.len()))
        });
        if kept.is_none() {
            self.restored.set(false);
            self.overtaken.set(false);
        }
        self.key
            .with_value(|k| form_draft::save(k, kept.as_deref()));
    }

    /// Makes the field (`value`) follow what is saved (`saved`, tracked) while it holds what the
    /// form started from: another tab's save shows in a field this tab has not edited, and this
    /// tab's 保存 does not write the older value back over it (QA: it did). What is saved then
    /// is the field's start.
    ///
    /// A change the field does not show yet is said (`said`, zh and en): it can only be another
    /// tab's, as the form sets its fields to what its own save stored before [`Draft::sent`]
    /// (QA: two tabs saved at once, and the one whose save was overwritten changed silently).
    pub fn follow<T: DraftText>(
        self,
        value: RwSignal<T>,
        saved: impl Fn() -> T + Send + Sync + 'static,
        said: [&'static str; 2],
    ) {
        let app = crate::ui::state::use_app();
        effect(move |_| {
            let now = saved();
            let text = now.to_text();
            if self.start.with_value(|s| *s == text) {
                return;
            }
            if self.text.get_untracked() != text {
                app.say(said[0], said[1]);
            }
            if self.start.with_value(|s| *s == self.text.get_untracked()) {
                value.set(now);
            } else if self.text.get_untracked() != text {
                // The edit stays, said on the form until sent or undone (QA: the toast went
                // while the tab was hidden, and 保存 then replaced the other tab's save unsaid).
                self.overtaken.set(true);
            }
            self.start.set_value(text);
            self.store();
        });
    }

    /// The form was sent with what the field holds now: that is its start from here on, and the
    /// draft is forgotten, also by a save of it already queued (review: a category 创建 added
    /// was written back after the draft was forgotten).
    pub fn sent(self) {
        // Nothing held is from an earlier visit any more (QA: the note stayed beside 已保存).
        self.restored.set(false);
        self.overtaken.set(false);
        self.start.set_value(self.text.get_untracked());
        self.forget();
    }

    /// Puts the field back to its start (in a form that follows saves, what is saved now); the
    /// draft goes with it.
    pub fn reset(self) {
        self.set.run(self.start.get_value());
    }

    /// Forgets what is kept (what it was about is gone).
    pub fn forget(self) {
        self.key.with_value(|k| form_draft::save(k, None));
    }
}

/// Says that fields of a form came back from an earlier visit, not sent yet, with a way to drop
/// them (QA: a restored draft looked like saved data, and only emptying it by hand got rid of it).
/// Dropping them also drops the form's `errors`, which were about them.
#[component]
pub fn DraftNote(
    drafts: Vec<Draft>,
    #[prop(optional)] errors: Option<RwSignal<Vec<crate::domain::DomainError>>>,
) -> impl IntoView {
    let drafts = StoredValue::new(drafts);
    let shown = Signal::derive(move || drafts.with_value(|ds| ds.iter().any(|d| d.restored.get())));
    // Puts back the drafts `which` marks; the form's errors, about them, go.
    let reset = move |which: fn(&Draft) -> RwSignal<bool>| {
        drafts.with_value(|ds| {
            ds.iter()
                .filter(|d| which(d).get_untracked())
                .for_each(|d| d.reset())
        });
        if let Some(errors) = errors {
            errors.set(vec![]);
        }
    };
    let discard = Callback::new(move |()| reset(|d| d.restored));
    let overtaken =
        Signal::derive(move || drafts.with_value(|ds| ds.iter().any(|d| d.overtaken.get())));
    let use_saved = move |ev: leptos::ev::MouseEvent| {
        reset(|d| d.overtaken);
        focus_first_field(&ev);
    };
    view! {
        <RestoredNote shown on_discard=discard />
        {reactive(move || overtaken.get().then(|| view! {
            <p class="hint draft-note" role="status" data-testid="draft-overtaken">
                {tr(
                    "另一个标签页保存了新的内容：这里改过的栏目仍是你的改动，保存会替换它。",
                    "Another tab saved new content: the fields you changed here keep your changes, and saving replaces it.",
                )}" "
                <button type="button" class="btn btn-small" data-testid="draft-use-saved" on:click={handler(use_saved)}>
                    {tr("改用已保存的内容", "Use the saved content")}
                </button>
            </p>
        }))}
    }
}

/// Focuses the first field of the form `ev` (a click on a button that goes with it) came from.
fn focus_first_field(ev: &leptos::ev::MouseEvent) {
    let form = event_target::<web_sys::Element>(ev)
        .closest("form")
        .ok()
        .flatten();
    // Once the fields show what they were put back to: a radio group's checked one, not its
    // first (review), nor the one checked before (QA).
    timeout(0, move || {
        let fields =
            "input:checked,input:not([type=radio],[type=hidden],:disabled),textarea,select";
        if let Some(el) = form.and_then(|f| f.query_selector(fields).ok().flatten()) {
            super::modal::focus_element(el);
        }
    })
    .forget();
}

/// The note of a form holding what an earlier visit typed (the upload dialog's draft, or
/// [`DraftNote`]'s), while `shown`; its button runs `on_discard` and moves focus to the form's
/// first field (the button goes).
#[component]
pub fn RestoredNote(shown: Signal<bool>, on_discard: Callback<()>) -> impl IntoView {
    let discard = move |ev: leptos::ev::MouseEvent| {
        on_discard.run(());
        focus_first_field(&ev);
    };
    reactive(move || {
        shown.get().then(|| {
            view! {
                <p class="hint draft-note" data-testid="draft-restored">
                    {tr("以下含本标签页上次未提交的内容。", "This form holds what you typed here earlier, not yet submitted.")}" "
                    <button type="button" class="btn btn-small" data-testid="draft-discard" on:click={handler(discard)}>
                        {tr("放弃这些内容", "Discard it")}
                    </button>
                </p>
            }
        })
    })
}
