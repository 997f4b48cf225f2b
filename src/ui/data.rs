//! `/data`: the workspace's storage — how much of the quota it uses, export, import, reset to
//! demo data, and values set aside (quarantined or pre-migration backups).
use crate::ui::components::storage::{DataTransfer, SetAside, StorageUsage};
use crate::ui::i18n::tr;
use leptos::prelude::*;

/// The data page.
#[component]
pub fn DataPage() -> impl IntoView {
    view! {
        <section class="page data-page" data-testid="data-page">
            <h1>{tr("数据与存储", "Data & storage")}</h1>
            <p class="lead">
                {tr(
                    "工作区保存在本浏览器的 localStorage 中，每次操作后自动保存；多个标签页同时编辑也不会丢失修改。",
                    "The workspace lives in this browser's localStorage and is saved after every action; editing in several tabs at once loses nothing.",
                )}
                // Each address keeps its own (deployment QA: another port or localhost for
                // 127.0.0.1 opened the demo, as if the work were lost).
                " " {tr("每个网址（协议、域名与端口）各有一份：", "Each address (scheme, host and port) has its own: ")}
                <code data-testid="storage-origin">{window().location().origin().unwrap_or_default()}</code>
            </p>
            <StorageUsage />
            <DataTransfer />
            <SetAside />
        </section>
    }
}
