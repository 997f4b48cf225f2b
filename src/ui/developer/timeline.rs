//! stub
use leptos::prelude::*;
#[component]
pub fn TimelinePage() -> impl IntoView { view! { <p>"todo"</p> } }
