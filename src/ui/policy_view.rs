//! The IAM policy JSON with its size against IAM's limits.

use crate::policy::PolicySize;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PolicyViewProps {
    pub json: String,
    pub size: PolicySize,
}

#[function_component(PolicyView)]
pub fn policy_view(props: &PolicyViewProps) -> Html {
    let size = &props.size;
    html! {
        <section class="pg-output" aria-labelledby="policy-heading">
            <h2 id="policy-heading">{ "IAM policy" }</h2>
            <pre class="pg-output__code" data-testid="policy-json" tabindex="0"
                aria-label="IAM policy JSON"><code>{ &props.json }</code></pre>
            <p class="pg-output__meta" data-testid="policy-size">
                { format!("{} characters without whitespace: inline user policy limit {}, managed policy limit {}",
                    size.minified_chars, size.inline_limit, size.managed_limit) }
            </p>
        </section>
    }
}
