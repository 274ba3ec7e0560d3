//! Warnings and consequences, most severe first, each with its one-line why.

use super::copy_bar::{use_copy_source, CopyBar};
use super::highlight::rich;
use crate::policy::{Severity, Warning};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct WarningsViewProps {
    pub warnings: Vec<Warning>,
    /// The warnings as plain text, for Copy and Download.
    pub text: AttrValue,
}

fn severity_class(severity: &Severity) -> &'static str {
    match severity {
        Severity::Danger => "is-danger",
        Severity::Warning => "is-warning",
        Severity::Info => "is-info",
    }
}

fn severity_label(severity: &Severity) -> &'static str {
    match severity {
        Severity::Danger => "Danger",
        Severity::Warning => "Warning",
        Severity::Info => "Note",
    }
}

#[function_component(WarningsView)]
pub fn warnings_view(props: &WarningsViewProps) -> Html {
    let _span = super::phases::span(super::phases::Phase::Views);
    let source = use_copy_source(&props.text);
    html! {
        <section class="pg-output" aria-labelledby="warnings-heading">
            <h2 id="warnings-heading">{ "Warnings and consequences" }</h2>
            <CopyBar testid="warnings" {source} filename="warnings.txt" />
            <ul class="pg-warnings" data-testid="warnings">
                { for props.warnings.iter().map(|w| html! {
                    <li key={w.id} class={classes!("pg-warnings__item", severity_class(&w.severity))} data-warning={w.id}>
                        <span class="pg-warnings__severity">{ severity_label(&w.severity) }</span>
                        <strong>{ rich(&w.title) }</strong>
                        <span class="pg-warnings__why">{ rich(&w.why) }</span>
                    </li>
                }) }
            </ul>
        </section>
    }
}
