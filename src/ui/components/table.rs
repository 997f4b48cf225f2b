//! Tables that become cards at phone width (`.cards`), their columns named once: the header,
//! and each cell's label in a card, come from one list.

use crate::ui::components::reactive;
use crate::ui::i18n::use_lang;
use leptos::prelude::*;

/// A table's columns, (zh, en), in order.
pub type Columns = &'static [(&'static str, &'static str)];

/// The header of a table of `cols`, with the explicit table roles a `.cards` table keeps for
/// screen readers (`display: block` drops them in some browsers).
#[component]
pub fn TableHead(cols: Columns) -> impl IntoView {
    let lang = use_lang();
    view! {
        <thead role="rowgroup">
            <tr role="row">
                {cols.iter().map(|&(zh, en)| view! { <th role="columnheader">{reactive(move || lang.get().pick(zh, en))}</th> }.into_any()).collect_view()}
            </tr>
        </thead>
    }
}

/// The `style` of a `.cards` table of `cols`: column N's name as `--cN`, which its cells show
/// as their label at phone width (`td:nth-child(N)::before`; not the first column, a card's
/// title, nor an `.actions-last` table's buttons). One attribute a table, not one a cell.
pub fn card_labels(cols: Columns) -> impl Fn() -> String + Copy {
    let lang = use_lang();
    move || {
        let l = lang.get();
        cols.iter()
            .enumerate()
            .skip(1)
            .map(|(i, &(zh, en))| format!("--c{}:\"{}\";", i + 1, l.pick(zh, en)))
            .collect()
    }
}
