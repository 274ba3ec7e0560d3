//! The root component: owns the choices, derives every output from them.

use super::lifecycle_view::LifecycleView;
use super::options_form::OptionsForm;
use super::policy_view::PolicyView;
use super::state::{Action, State};
use super::steps_view::StepsView;
use super::warnings_view::WarningsView;
use crate::policy::{derive, Field};
use yew::prelude::*;

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::default);
    // Derived on every change of the options, never stored in state.
    let derived = use_memo(state.options.clone(), derive);
    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };
    let bucket_problem = derived
        .problems
        .iter()
        .find(|p| p.field == Field::Bucket)
        .map(|p| p.message.clone());
    let waiting = derived
        .problems
        .first()
        .map(|p| p.message.clone())
        .unwrap_or_default();

    html! {
        <div class="pg-app">
            <header class="pg-app__header">
                <h1>{ "S3 Backup Policy Playground" }</h1>
                <p class="pg-app__lede">
                    { "The IAM policy a backup tool needs on one S3 bucket, and nothing more. \
                       Everything is worked out in your browser: nothing you type leaves this page." }
                </p>
            </header>
            <main class="pg-app__main">
                <OptionsForm options={state.options.clone()} bucket_problem={bucket_problem}
                    ondispatch={dispatch} />
                <section class="pg-app__outputs" aria-label="Generated outputs">
                    if let Some(outputs) = &derived.outputs {
                        <PolicyView json={outputs.policy_json.clone()} size={outputs.policy_size.clone()} />
                        <StepsView steps={outputs.steps.clone()} />
                        <LifecycleView json={outputs.lifecycle_json.clone()} />
                        <WarningsView warnings={outputs.warnings.clone()} />
                    } else {
                        <div class="pg-app__waiting" data-testid="policy-json" role="status">
                            { format!("Waiting for valid options: {waiting}") }
                        </div>
                    }
                </section>
            </main>
        </div>
    }
}
