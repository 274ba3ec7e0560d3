//! The stolen-key threat table: what an attacker holding the key could try, and what happens.

use super::copy_bar::{use_copy_source, CopyBar};
use super::highlight::rich;
use crate::policy::eval::Outcome;
use crate::policy::threats::Threat;
use crate::policy::Severity;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ThreatViewProps {
    /// Shared with the rows, so a render copies no row.
    pub threats: Rc<[Threat]>,
    pub residual_risk: String,
    /// `data-testid` of the table (the page and the audit each have one).
    #[prop_or(AttrValue::Static("threats"))]
    pub testid: AttrValue,
    /// The heading's id, unique on the page.
    #[prop_or(AttrValue::Static("threats-heading"))]
    pub heading_id: AttrValue,
    #[prop_or(AttrValue::Static("If someone steals the key"))]
    pub title: AttrValue,
    /// The table as plain text, for Copy and Download, where there is one.
    #[prop_or_default]
    pub text: Option<AttrValue>,
}

fn decision_label(outcome: Outcome) -> (&'static str, &'static str) {
    match outcome {
        Outcome::Allowed => ("Allowed", "is-allowed"),
        Outcome::ExplicitDeny => ("Denied (explicit)", "is-denied"),
        Outcome::ImplicitDeny => ("Denied", "is-denied"),
    }
}

/// The row's class (its coloured edge) and the word that says the same without colour.
fn severity_class(severity: Severity) -> (&'static str, &'static str) {
    match severity {
        Severity::Danger => ("is-danger", "Danger"),
        Severity::Warning => ("is-warning", "Warning"),
        Severity::Info => ("is-info", "Note"),
    }
}

#[function_component(ThreatView)]
pub fn threat_view(props: &ThreatViewProps) -> Html {
    let _span = super::phases::span(super::phases::Phase::Views);
    // Hooks run on every render: the audit's table, which has no text, holds an empty one.
    let source = use_copy_source(props.text.as_ref().unwrap_or(&AttrValue::Static("")));
    html! {
        <section class="pg-output pg-threats" aria-labelledby={props.heading_id.clone()}>
            <h2 id={props.heading_id.clone()}>{ &props.title }</h2>
            if props.text.is_some() {
                <CopyBar testid={props.testid.clone()} {source} filename="threats.txt" />
            }
            <p class="pg-threats__risk" data-testid={format!("{}-risk", props.testid)}>{ &props.residual_risk }</p>
            <div class="pg-threats__scroll" tabindex="0" role="region"
                aria-label="Threat table (scrolls sideways on small screens)">
                <table class="pg-threats__table" data-testid={props.testid.clone()}>
                    <thead>
                        <tr>
                            <th scope="col">{ "The attacker tries to" }</th>
                            <th scope="col">{ "Request" }</th>
                            <th scope="col">{ "AWS says" }</th>
                            <th scope="col">{ "What it means" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for props.threats.iter().enumerate().map(|(index, t)| html! {
                            <ThreatRow key={t.id} threats={props.threats.clone()} {index} />
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// Row `index` of `threats`, as its own component: a change re-renders the rows it touched and
/// only compares the others.
#[derive(Properties)]
struct ThreatRowProps {
    threats: Rc<[Threat]>,
    index: usize,
}

impl PartialEq for ThreatRowProps {
    fn eq(&self, other: &Self) -> bool {
        self.threats.get(self.index) == other.threats.get(other.index)
    }
}

#[function_component(ThreatRow)]
fn threat_row(props: &ThreatRowProps) -> Html {
    let _span = super::phases::span(super::phases::Phase::Views);
    let Some(t) = props.threats.get(props.index) else {
        return Html::default();
    };
    let (label, class) = decision_label(t.decision.effect);
    let (row_class, severity) = severity_class(t.severity);
    html! {
        <tr class={row_class} data-threat={t.id}>
            <th scope="row"><span class="pg-threats__severity">{ severity }</span>{ rich(&t.attempt) }</th>
            <td><code>{ &t.action }</code><br /><code class="pg-threats__arn">{ &t.resource }</code></td>
            <td>
                <span class={classes!("pg-threats__decision", class)}
                    title={t.decision.summary()}>{ label }</span>
                if t.decision.uncertain() {
                    <span class="pg-threats__uncertain">{ " (uncertain)" }</span>
                }
                // The tooltip's gist as text, for the keyboard and touch screens.
                <span class="pg-threats__by">{ t.decision.decided_by() }</span>
            </td>
            <td>{ rich(&t.meaning) }</td>
        </tr>
    }
}
