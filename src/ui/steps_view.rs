//! The console steps, in order, each with the exact values to type.

use crate::policy::Step;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StepsViewProps {
    pub steps: Vec<Step>,
}

#[function_component(StepsView)]
pub fn steps_view(props: &StepsViewProps) -> Html {
    html! {
        <section class="pg-output" aria-labelledby="steps-heading">
            <h2 id="steps-heading">{ "Console steps" }</h2>
            <ol class="pg-steps" data-testid="console-steps">
                { for props.steps.iter().map(|step| html! {
                    <li class="pg-steps__step" data-step={step.id}>
                        <strong>{ &step.title }</strong>
                        <ul>{ for step.details.iter().map(|d| html! { <li>{ d }</li> }) }</ul>
                    </li>
                }) }
            </ol>
        </section>
    }
}
