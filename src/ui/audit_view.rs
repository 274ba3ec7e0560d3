//! Audit mode: paste an existing IAM policy, see what is wrong with it and what a stolen key could do.
//!
//! The pasted text stays in this component's state: it is never written to the URL or storage.

use super::highlight::rich;
use super::threat_view::ThreatView;
use crate::policy::audit::audit;
use crate::policy::Severity;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

fn severity_label(severity: Severity) -> (&'static str, &'static str) {
    match severity {
        Severity::Danger => ("Danger", "is-danger"),
        Severity::Warning => ("Warning", "is-warning"),
        Severity::Info => ("Note", "is-info"),
    }
}

#[function_component(AuditView)]
pub fn audit_view() -> Html {
    let _span = super::phases::span(super::phases::Phase::Views);
    let text = use_state(String::new);
    let bucket = use_state(String::new);
    let report = use_memo(((*text).clone(), (*bucket).clone()), |(text, bucket)| {
        (!text.trim().is_empty()).then(|| audit(text, bucket))
    });
    // The textarea points at the parse error below it while there is one.
    let invalid = report.as_ref().as_ref().is_some_and(|r| r.error.is_some());
    let on_text = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            text.set(area.value());
        })
    };
    let on_bucket = {
        let bucket = bucket.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            bucket.set(input.value());
        })
    };
    html! {
        <div class="pg-audit">
            <section class="pg-output" aria-labelledby="audit-heading">
                <h2 id="audit-heading">{ "Audit an existing policy" }</h2>
                <p class="pg-output__meta">
                    { "Paste an IAM user policy. It is checked in your browser and never leaves this page." }
                </p>
                <div class="pg-field">
                    <label for="audit-bucket">{ "The backup bucket (bucket or bucket/path)" }</label>
                    <input id="audit-bucket" data-testid="audit-bucket" type="text" autocomplete="off"
                        spellcheck="false" value={(*bucket).clone()} oninput={on_bucket} />
                </div>
                <div class="pg-field">
                    <label for="audit-policy">{ "Policy JSON" }</label>
                    <textarea id="audit-policy" data-testid="audit-policy" rows="14" spellcheck="false"
                        aria-invalid={invalid.then_some("true")}
                        aria-describedby={invalid.then_some("audit-error")}
                        class="pg-audit__text" value={(*text).clone()} oninput={on_text} />
                </div>
            </section>
            if let Some(report) = report.as_ref() {
                <section class="pg-output" aria-labelledby="findings-heading">
                    <h2 id="findings-heading">{ "Findings" }</h2>
                    if let Some(error) = &report.error {
                        <p class="pg-field__problem" id="audit-error" data-testid="audit-error">
                            { error.to_string() }
                        </p>
                    }
                    if let Some(size) = report.size {
                        <p class="pg-output__meta">{ format!("{size} characters without whitespace") }</p>
                    }
                    <ul class="pg-warnings" data-testid="audit-findings">
                        // The error above is the `not-a-policy` finding: said once.
                        { for report.findings.iter().filter(|f| report.error.is_none() || f.id != "not-a-policy").map(|f| {
                            let (label, class) = severity_label(f.severity);
                            html! {
                                <li class={classes!("pg-warnings__item", class)} data-finding={f.id}>
                                    <span class="pg-warnings__severity">{ label }</span>
                                    <span class="pg-warnings__why">
                                        if !f.path.is_empty() { <code>{ &f.path }</code>{ ": " } }
                                        { rich(&f.message) }
                                    </span>
                                </li>
                            }
                        }) }
                        if report.findings.is_empty() && report.error.is_none() {
                            <li class="pg-warnings__item is-info">{ "No problems found." }</li>
                        }
                    </ul>
                </section>
                if !report.threats.is_empty() {
                    <ThreatView threats={Rc::<[_]>::from(report.threats.clone())} residual_risk={report.residual_risk.clone()}
                        testid="audit-threats" heading_id="audit-threats-heading"
                        title="If someone steals a key with this policy" />
                }
            }
        </div>
    }
}
