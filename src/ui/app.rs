//! The root component: owns the choices, keeps them in the URL, derives every output from them.

use super::audit_view::AuditView;
use super::code_view::CodeView;
use super::effects;
use super::exports_view::ExportsView;
use super::highlight::rich;
use super::notices::NoticesView;
use super::options_form::OptionsForm;
use super::state::{Action, HistoryEntry, State};
use super::steps_view::StepsView;
use super::threat_view::ThreatView;
use super::warnings_view::WarningsView;
use crate::policy::query::{from_query, to_query};
use crate::policy::threats::{self, Threat};
use crate::policy::{derive_with_spec, Derived, Options};
use std::rc::Rc;
use yew::prelude::*;

#[function_component(App)]
pub fn app() -> Html {
    let _span = super::phases::span(super::phases::Phase::Views);
    // The URL is read once, on the first render; after that the state writes it.
    let initial = use_memo((), |_| from_query(&effects::location_options()));
    let state = use_reducer(|| State::new(initial.options.clone()));
    let embed = initial.embed;
    // Derived on every change of the options, never stored in state.
    let derived = use_memo(state.options.clone(), derive_all);
    let mode = use_state(|| Mode::Build);
    // False in the prerendered HTML and in the first render (so hydration matches), true once the
    // app is live: end-to-end tests wait for it before they type.
    let live = use_state(|| false);
    // Until then the prerendered controls are inert, so no keystroke is lost before hydration.
    let inert = !*live;
    {
        let live = live.clone();
        use_effect_with((), move |_| {
            live.set(true);
            // Navigation to this mark is the time to an interactive page (`tests/bench_page.rs`).
            effects::mark("pg-live");
        });
    }
    {
        let state = state.clone();
        use_effect_with(state.options.clone(), move |options| match state.history {
            HistoryEntry::Push => effects::set_query_soon(to_query(options, embed), true),
            HistoryEntry::Replace => effects::set_query_soon(to_query(options, embed), false),
            HistoryEntry::None => {}
        });
    }
    use_popstate(state.dispatcher());
    // One callback for the page's life: the form's handlers are made from it once, so the fields
    // see the same callbacks on every render and re-render only when their own value changes.
    let dispatch = {
        let dispatcher = state.dispatcher();
        (*use_memo((), move |_| {
            Callback::from(move |action: Action| dispatcher.dispatch(action))
        }))
        .clone()
    };
    let page = &*derived;
    let derived = &page.derived;
    let waiting: Vec<String> = derived.problems.iter().map(|p| p.message.clone()).collect();
    let mode_button = |m: Mode, label: &'static str, testid: &'static str| {
        let mode = mode.clone();
        let pressed = *mode == m;
        html! {
            <button type="button" class="pg-button" data-testid={testid} aria-pressed={pressed.to_string()}
                onclick={Callback::from(move |_: MouseEvent| mode.set(m))}>{ label }</button>
        }
    };
    // Only an embedded page links to the full one (with the options after `#`, as the address holds them).
    let full_page = embed.then(|| format!("./#{}", to_query(&state.options, false)));

    html! {
        <div class={classes!("pg-app", embed.then_some("is-embed"))} data-live={live.to_string()}>
            <header class={classes!("pg-app__header", embed.then_some("is-compact"))}>
                <h1>{ "S3 Backup Policy Playground" }</h1>
                if !embed {
                    <p class="pg-app__lede">
                        { "The IAM policy a backup tool needs on one S3 bucket, and nothing more (beyond listing your \
                           bucket names, as the FAQ's policies do), with the \
                           console steps, the lifecycle rule and what each choice means. Everything is worked \
                           out in your browser: nothing you type leaves this page." }
                    </p>
                }
            </header>
            <nav class="pg-modes" aria-label="Mode" inert={inert}>
                { mode_button(Mode::Build, "Build a policy", "mode-build") }
                { mode_button(Mode::Audit, "Audit a policy", "mode-audit") }
                // Always on the page, so a screen reader hears that the content below changed.
                <p class="pg-offscreen" role="status" data-testid="mode-status">{
                    match *mode {
                        Mode::Build => "Building a policy from the options.",
                        Mode::Audit => "Auditing a policy: paste it below to see what it allows.",
                    }
                }</p>
            </nav>
            if *mode == Mode::Audit {
                <main class="pg-app__audit"><AuditView /></main>
            } else {
            <main class="pg-app__main" inert={inert}>
                <NoticesView notices={initial.notices.clone()} />
                <OptionsForm options={state.options.clone()} problems={derived.problems.clone()}
                    ondispatch={dispatch} />
                // Always on the page, so a screen reader hears when the policy goes or comes back:
                // a live region that arrives with its text is often not read out.
                <p class="pg-offscreen" role="status" data-testid="policy-status">{
                    if derived.outputs.is_some() {
                        "The policy is shown.".to_owned()
                    } else {
                        format!("No policy is shown until every option is valid: {} {} to fix.",
                            waiting.len(), if waiting.len() == 1 { "problem" } else { "problems" })
                    }
                }</p>
                <div class="pg-app__outputs">
                    if let Some(outputs) = &derived.outputs {
                        <section class="pg-output" aria-labelledby="policy-heading">
                            <h2 id="policy-heading">{ "IAM policy" }</h2>
                            <CodeView testid="policy-json" label="IAM policy JSON"
                                text={outputs.policy_json.clone()} filename="policy.json" />
                            <p class="pg-output__meta" data-testid="policy-size">
                                { outputs.policy_size.summary() }
                            </p>
                        </section>
                        <WarningsView warnings={outputs.warnings.clone()} text={page.warnings_text.clone()} />
                        if let Some(threats) = &page.threats {
                            <ThreatView threats={threats.rows.clone()} residual_risk={threats.residual_risk.clone()}
                                text={threats.text.clone()} />
                        }
                        <StepsView steps={outputs.steps.clone()} bucket={state.options.bucket.clone()}
                            text={page.steps_text.clone()} />
                        <section class="pg-output" aria-labelledby="lifecycle-heading">
                            <h2 id="lifecycle-heading">{ "Lifecycle rule" }</h2>
                            // Always mounted, hidden (and empty) while there is no rule: mounting a code
                            // block with its Copy bar was a sixth of the switch to a preset with a rule.
                            <div hidden={outputs.lifecycle_json.is_none()}>
                                <CodeView testid="lifecycle-json" label="Lifecycle configuration JSON"
                                    text={outputs.lifecycle_json.clone().unwrap_or_default()}
                                    filename="lifecycle.json" />
                                <p class="pg-output__meta">
                                    { "For " }<code>{ "aws s3api put-bucket-lifecycle-configuration --lifecycle-configuration file://lifecycle.json" }</code>
                                </p>
                            </div>
                            if outputs.lifecycle_json.is_none() {
                                <p data-testid="lifecycle-none">{ "No lifecycle rule with these options." }</p>
                            }
                        </section>
                        <ExportsView cli_script={outputs.cli_script.clone()}
                            terraform={outputs.terraform.clone()}
                            cloudformation={outputs.cloudformation.clone()}
                            bucket_policy={outputs.bucket_policy_json.clone().map(AttrValue::from)} />
                    } else {
                        <section class="pg-output pg-waiting" aria-labelledby="waiting-heading">
                            <h2 id="waiting-heading">{ "Waiting for valid options" }</h2>
                            <div data-testid="policy-json">
                                <p>{ "No policy is shown until every option is valid:" }</p>
                                <ul>{ for waiting.iter().map(|m| html! { <li>{ rich(m) }</li> }) }</ul>
                            </div>
                        </section>
                    }
                </div>
            </main>
            }
            if embed {
                <footer class="pg-app__embed-link">
                    <a href={full_page} target="_blank" rel="noopener">{ "Open in the full playground (new tab)" }</a>
                </footer>
            } else {
                <footer class="pg-app__footer">
                    <p>{ "Based on the UpdraftPlus FAQ on the Amazon S3 settings and permissions it needs. \
                          Check every policy before you use it; AWS's documentation is the final word." }</p>
                </footer>
            }
        </div>
    }
}

/// Which of the page's two jobs is on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Build,
    Audit,
}

/// The threat table of the generated policy, as the page shows it.
struct PageThreats {
    /// Shared with the table's rows, so a render copies no row.
    rows: Rc<[Threat]>,
    residual_risk: String,
    /// The table as plain text, for Copy and Download.
    text: AttrValue,
}

/// Everything the page shows for the options: the core's outputs, the plain-text forms the Copy
/// buttons need, and the threat table of the generated policy, evaluated for the same bucket,
/// versioning and lifecycle rule. Made once per change of the options, never per render.
struct Page {
    derived: Derived,
    warnings_text: AttrValue,
    steps_text: AttrValue,
    threats: Option<PageThreats>,
}

/// The options are validated once: the same `Spec` feeds the outputs and the threat table.
fn derive_all(options: &Options) -> Page {
    let _span = super::phases::span(super::phases::Phase::Derive);
    let (derived, spec) = derive_with_spec(options);
    let threats = spec
        .zip(derived.outputs.as_ref())
        .and_then(|(spec, outputs)| {
            let table = threats::for_outputs(&spec, outputs).ok()?;
            let text = threats::to_text(&table.rows, &table.context);
            Some(PageThreats {
                rows: table.rows.into(),
                residual_risk: table.residual_risk,
                text: text.into(),
            })
        });
    let (warnings_text, steps_text) = derived
        .outputs
        .as_ref()
        .map(|o| (o.warnings_text().into(), o.steps_text().into()))
        .unwrap_or_default();
    Page {
        derived,
        warnings_text,
        steps_text,
        threats,
    }
}

/// Back and Forward restore the options their URL held.
#[hook]
fn use_popstate(dispatcher: UseReducerDispatcher<State>) {
    use_effect_with((), move |_| {
        #[cfg(target_arch = "wasm32")]
        {
            use wasm_bindgen::closure::Closure;
            use wasm_bindgen::JsCast;
            let listener = Closure::<dyn Fn()>::new(move || {
                effects::cancel_query_write();
                dispatcher.dispatch(Action::Restore(
                    from_query(&effects::location_options()).options,
                ));
            });
            let window = web_sys::window();
            if let Some(window) = &window {
                let _ = window.add_event_listener_with_callback(
                    "popstate",
                    listener.as_ref().unchecked_ref(),
                );
            }
            move || {
                if let Some(window) = window {
                    let _ = window.remove_event_listener_with_callback(
                        "popstate",
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = dispatcher;
            || {}
        }
    });
}
