//! Notices about URL parameters that were ignored (tampered, unknown or malformed links).

use super::effects;
use crate::policy::query::Notice;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NoticesViewProps {
    pub notices: Vec<Notice>,
}

#[function_component(NoticesView)]
pub fn notices_view(props: &NoticesViewProps) -> Html {
    let _span = super::phases::span(super::phases::Phase::Views);
    let dismissed = use_state(|| false);
    if props.notices.is_empty() || *dismissed {
        return html! {};
    }
    let on_dismiss = {
        let dismissed = dismissed.clone();
        Callback::from(move |_: MouseEvent| {
            // The button goes with the notice: keep the keyboard where the page starts.
            effects::focus("[data-testid=preset-faq-standard]");
            dismissed.set(true);
        })
    };
    html! {
        <div class="pg-notices" role="status" data-testid="url-notices">
            <p><strong>{ "Some of this link's settings were ignored:" }</strong></p>
            <ul>{ for props.notices.iter().map(|n| html! { <li>{ &n.message }</li> }) }</ul>
            <button type="button" class="pg-button" data-testid="url-notices-dismiss"
                onclick={on_dismiss}>{ "Dismiss notice" }</button>
        </div>
    }
}
