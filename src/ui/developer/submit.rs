//! stub
use leptos::prelude::*;
#[component]
pub fn SubmitReviewPage() -> impl IntoView { view! { <p>"todo"</p> } }
