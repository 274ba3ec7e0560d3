//! The console steps, in order, with the exact values to type; as a checklist in walkthrough mode.
//!
//! Walkthrough progress is kept in localStorage per bucket, so a first-timer can close the tab
//! halfway through the console and come back.

use super::copy_bar::{use_copy_source, CopyBar};
use super::effects;
use super::highlight::rich;
use crate::policy::Step;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StepsViewProps {
    pub steps: Vec<Step>,
    /// The bucket the steps are for: walkthrough progress is kept per bucket.
    pub bucket: AttrValue,
    /// The steps as plain text, for Copy and Download.
    pub text: AttrValue,
}

/// The localStorage key holding the done steps of one bucket's walkthrough.
pub fn storage_key(bucket: &str) -> String {
    format!("s3pp.walkthrough.v1.{bucket}")
}

fn load(bucket: &str) -> Vec<String> {
    effects::storage_get(&storage_key(bucket))
        .map(|saved| {
            saved
                .split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

#[function_component(StepsView)]
pub fn steps_view(props: &StepsViewProps) -> Html {
    let _span = super::phases::span(super::phases::Phase::Views);
    let walkthrough = use_state(|| false);
    // `_eq`: a new bucket with no saved progress, as most are, sets an equal list and renders nothing.
    let done = use_state_eq(Vec::<String>::new);
    {
        let done = done.clone();
        use_effect_with(props.bucket.clone(), move |bucket| done.set(load(bucket)));
    }
    let source = use_copy_source(&props.text);
    let on_mode = {
        let walkthrough = walkthrough.clone();
        Callback::from(move |_: MouseEvent| walkthrough.set(!*walkthrough))
    };
    let on_reset = {
        let done = done.clone();
        let bucket = props.bucket.clone();
        Callback::from(move |_: MouseEvent| {
            effects::storage_remove(&storage_key(&bucket));
            done.set(Vec::new());
        })
    };
    let toggle_step = |id: &'static str| {
        let done = done.clone();
        let bucket = props.bucket.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let mut next: Vec<String> = (*done)
                .iter()
                .filter(|s| s.as_str() != id)
                .cloned()
                .collect();
            if input.checked() {
                next.push(id.to_string());
            }
            effects::storage_set(&storage_key(&bucket), &next.join(","));
            done.set(next);
        })
    };
    let total = props.steps.len();
    let is_done = |id: &str| done.iter().any(|d| d == id);
    let finished = props.steps.iter().filter(|s| is_done(s.id)).count();
    let is_walkthrough = *walkthrough;

    html! {
        <section class="pg-output pg-steps" aria-labelledby="steps-heading">
            <div class="pg-output__head">
                <h2 id="steps-heading">{ "Console steps" }</h2>
                <button type="button" class="pg-button" data-testid="walkthrough-toggle"
                    aria-pressed={is_walkthrough.to_string()} onclick={on_mode}>
                    { "Walkthrough checklist" }
                </button>
            </div>
            <CopyBar testid="console-steps" {source} filename="console-steps.txt" />
            if is_walkthrough {
                <div class="pg-steps__progress">
                    <label for="walkthrough-progress" data-testid="walkthrough-progress">
                        { format!("{finished} of {total} steps done") }
                    </label>
                    <progress id="walkthrough-progress" max={total.to_string()} value={finished.to_string()} />
                    <button type="button" class="pg-button" data-testid="walkthrough-reset" onclick={on_reset}>
                        { "Reset progress" }
                    </button>
                </div>
            }
            <ol class="pg-steps__list" data-testid="console-steps">
                { for props.steps.iter().map(|step| {
                    let checked = is_done(step.id);
                    let box_id = format!("step-{}", step.id);
                    html! {
                        <li key={step.id} class={classes!("pg-steps__step", (is_walkthrough && checked).then_some("is-done"))}
                            data-step={step.id}>
                            if is_walkthrough {
                                <input type="checkbox" id={box_id.clone()} data-testid={box_id.clone()}
                                    {checked} onchange={toggle_step(step.id)} />
                                <label for={box_id} class="pg-steps__title">{ rich(&step.title) }</label>
                            } else {
                                <span class="pg-steps__title">{ rich(&step.title) }</span>
                            }
                            <ul class="pg-steps__details">
                                { for step.details.iter().map(|d| html! { <li>{ rich(d) }</li> }) }
                            </ul>
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}
