//! A text field's character counter.
use crate::domain::text::counted_len;
use crate::ui::components::reactive;
use crate::ui::i18n::tr;
use leptos::prelude::*;

/// A counter `n / max` for a text field, counted as the domain counts (trimmed, in characters).
/// It turns red over `max`; the field has no `maxlength`: the domain refuses.
#[component]
pub(crate) fn Counter(
    text: RwSignal<String>,
    max: usize,
    #[prop(into)] id: String,
    #[prop(into)] testid: String,
) -> impl IntoView {
    // Counted as every limit counts (QA: 25 zero-width spaces read 25 / 500 over 请填写功能描述).
    let n = move || text.with(|t| counted_len(t));
    view! {
        // The count is read with its field (aria-describedby); only going over the limit is
        // announced, not every keystroke.
        <span class="hint counter" id=id data-testid=testid class:over=move || { n() > max }>
            {reactive(move || format!("{} / {}", n(), max))}
        </span>
        <span class="sr-only" aria-live="polite">
            {reactive(move || (n() > max).then(|| tr("已超出字数上限", "Over the character limit")))}
        </span>
    }
}
