//! The per-role console layout: left navigation + the routed page.
use crate::ui::i18n::tr;
use leptos::prelude::*;
use leptos_router::components::{Outlet, A};

/// One entry of a role's left navigation.
#[derive(Clone, Copy, Debug)]
pub struct NavItem {
    /// Absolute path.
    pub href: &'static str,
    /// zh label (the platform's term).
    pub zh: &'static str,
    /// en label.
    pub en: &'static str,
}

/// Left nav + `<Outlet/>`; `testid` marks the area for tests.
#[component]
pub fn RoleLayout(nav: &'static [NavItem], testid: &'static str) -> impl IntoView {
    view! {
        <div class="console" data-testid=testid>
            <nav class="sidenav" aria-label=tr("功能导航", "Section navigation")>
                <ul>
                    {nav
                        .iter()
                        .map(|item| {
                            view! {
                                <li>
                                    <A href=item.href exact=true>{tr(item.zh, item.en)}</A>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
            <section class="content">
                <Outlet />
            </section>
        </div>
    }
}
