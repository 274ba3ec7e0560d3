//! The lifecycle configuration JSON, as `aws s3api put-bucket-lifecycle-configuration` takes it.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LifecycleViewProps {
    pub json: Option<String>,
}

#[function_component(LifecycleView)]
pub fn lifecycle_view(props: &LifecycleViewProps) -> Html {
    html! {
        <section class="pg-output" aria-labelledby="lifecycle-heading">
            <h2 id="lifecycle-heading">{ "Lifecycle rule" }</h2>
            if let Some(json) = &props.json {
                <pre class="pg-output__code" data-testid="lifecycle-json" tabindex="0"
                    aria-label="Lifecycle configuration JSON"><code>{ json }</code></pre>
            } else {
                <p data-testid="lifecycle-json">{ "No lifecycle rule with these options." }</p>
            }
        </section>
    }
}
