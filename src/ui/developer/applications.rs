//! stub
use leptos::prelude::*;
#[component]
pub fn ApplicationsPage() -> impl IntoView { view! { <p>"todo"</p> } }
