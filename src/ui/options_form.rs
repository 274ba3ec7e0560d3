//! The options: bucket name, toggles and lifecycle days. Emits domain actions, never raw events.

use super::state::Action;
use crate::policy::{Options, Preset};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct OptionsFormProps {
    pub options: Options,
    /// The message for an invalid bucket name, shown inline and linked to the field.
    pub bucket_problem: Option<String>,
    pub ondispatch: Callback<Action>,
}

#[function_component(OptionsForm)]
pub fn options_form(props: &OptionsFormProps) -> Html {
    let on_bucket = props.ondispatch.reform(|e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        Action::SetBucket(input.value())
    });
    let on_delete = props.ondispatch.reform(|e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        Action::SetAllowDelete(input.checked())
    });
    let on_versioning = props.ondispatch.reform(|e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        Action::SetVersioning(input.checked())
    });
    let on_days = props.ondispatch.reform(|e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        Action::SetNoncurrentDays(input.value().trim().parse::<u32>().ok().filter(|d| *d > 0))
    });
    let invalid = props.bucket_problem.is_some();
    let days = props
        .options
        .noncurrent_days
        .map(|d| d.to_string())
        .unwrap_or_default();

    html! {
        <form class="pg-options" aria-label="Options" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <fieldset class="pg-options__presets">
                <legend>{ "Start from a preset" }</legend>
                { for Preset::ALL.iter().map(|preset| {
                    let preset = *preset;
                    let onclick = props.ondispatch.reform(move |_: MouseEvent| Action::ApplyPreset(preset));
                    html! {
                        <button type="button" class="pg-options__preset"
                            data-testid={format!("preset-{}", preset.id())} {onclick}>
                            { preset.label() }
                        </button>
                    }
                }) }
            </fieldset>
            <div class="pg-options__field">
                <label for="bucket-name">{ "Bucket name" }</label>
                <input id="bucket-name" data-testid="bucket-name" type="text" autocomplete="off"
                    spellcheck="false" placeholder="example-site-backups"
                    value={props.options.bucket.clone()} oninput={on_bucket}
                    aria-invalid={invalid.to_string()}
                    aria-describedby={invalid.then_some("bucket-name-problem")} />
                if let Some(message) = &props.bucket_problem {
                    <p id="bucket-name-problem" class="pg-options__problem" data-testid="bucket-name-problem">
                        { message }
                    </p>
                }
            </div>
            <div class="pg-options__field pg-options__field--check">
                <input id="allow-delete" data-testid="allow-delete" type="checkbox"
                    checked={props.options.allow_delete} onchange={on_delete} />
                <label for="allow-delete">{ "Allow the backup tool to delete backups" }</label>
            </div>
            <div class="pg-options__field pg-options__field--check">
                <input id="versioning" data-testid="versioning" type="checkbox"
                    checked={props.options.versioning} onchange={on_versioning} />
                <label for="versioning">{ "Bucket versioning" }</label>
            </div>
            <div class="pg-options__field">
                <label for="lifecycle-days">{ "Delete old versions after (days; empty for no rule)" }</label>
                <input id="lifecycle-days" data-testid="lifecycle-days" type="number" min="1"
                    inputmode="numeric" value={days} oninput={on_days} />
            </div>
        </form>
    }
}
