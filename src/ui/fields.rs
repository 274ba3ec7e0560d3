//! Labelled form fields that emit values, not events: text, number of days, checkbox.
//!
//! Each field links its message with `aria-describedby` and marks itself `aria-invalid` when the
//! message is a problem, so a screen reader says why the outputs are waiting.

use super::highlight::rich;
use crate::policy::{parse_count, NotACount};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    pub value: AttrValue,
    #[prop_or_default]
    pub problem: Option<String>,
    pub onchange: Callback<String>,
}

/// A field's problem (linked by `aria-describedby`, shown first) and its hint.
fn messages(id: &str, problem: Option<&str>, hint: Option<&AttrValue>) -> Html {
    html! {
        <>
            if let Some(problem) = problem {
                <p id={format!("{id}-problem")} data-testid={format!("{id}-problem")}
                    class="pg-field__problem">{ rich(problem) }</p>
            }
            if let Some(hint) = hint {
                <p id={format!("{id}-hint")} class="pg-field__hint">{ hint }</p>
            }
        </>
    }
}

fn described_by(id: &str, hint: bool, problem: bool) -> Option<String> {
    let mut ids = Vec::new();
    if problem {
        ids.push(format!("{id}-problem"));
    }
    if hint {
        ids.push(format!("{id}-hint"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

#[function_component(TextField)]
pub fn text_field(props: &TextFieldProps) -> Html {
    let _span = super::phases::span(super::phases::Phase::Views);
    let oninput = props.onchange.reform(|e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        input.value()
    });
    let id = props.id.clone();
    let invalid = props.problem.is_some();
    html! {
        <div class={classes!("pg-field", invalid.then_some("is-invalid"))}>
            <label for={id.clone()}>{ &props.label }</label>
            <input id={id.clone()} data-testid={id.clone()} type="text" autocomplete="off"
                spellcheck="false" autocapitalize="off" placeholder={props.placeholder.clone()}
                value={props.value.clone()} {oninput}
                aria-invalid={invalid.then_some("true")}
                aria-describedby={described_by(&id, props.hint.is_some(), invalid)} />
            { messages(&id, props.problem.as_deref(), props.hint.as_ref()) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct DaysFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    pub value: Option<u32>,
    #[prop_or_default]
    pub problem: Option<String>,
    /// The field needs a number: leaving it empty is not a way out of a bad one.
    #[prop_or_default]
    pub required: bool,
    /// The largest number the field takes, for the message about digits too many for a number.
    #[prop_or(crate::policy::spec::MAX_DAYS)]
    pub max: u32,
    pub onchange: Callback<Option<u32>>,
}

/// Reads a whole number; empty means none. `Err` carries what to do instead.
pub fn parse_days(text: &str) -> Result<Option<u32>, String> {
    parse_number(text, false, crate::policy::spec::MAX_DAYS)
}

/// [`parse_days`], where a `required` field's message does not offer leaving it empty, and digits
/// too many for a number are told the field's `max`.
pub fn parse_number(text: &str, required: bool, max: u32) -> Result<Option<u32>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    parse_count(text)
        .map(|n| (n > 0).then_some(n))
        .map_err(|e| {
            let what = match e {
                NotACount::TooLarge => format!("is too large: type at most {max}"),
                NotACount::NotWhole => "is not a whole number: type one".to_owned(),
            };
            if required {
                format!("`{text}` {what}")
            } else {
                format!("`{text}` {what}, or leave the field empty for none")
            }
        })
}

/// What a days field shows: the raw text (its own, so "1e" stays on screen while the user types)
/// and the value it last saw from outside.
struct DaysText {
    text: String,
    seen: Option<u32>,
}

fn days_text(value: Option<u32>) -> String {
    value.map(|n| n.to_string()).unwrap_or_default()
}

#[function_component(DaysField)]
pub fn days_field(props: &DaysFieldProps) -> Html {
    let _span = super::phases::span(super::phases::Phase::Views);
    let shown = use_mut_ref(|| DaysText {
        text: days_text(props.value),
        seen: props.value,
    });
    {
        // A preset or Back changes the value from outside: show it unless the text already means
        // it. Decided here, not in an effect, so such a change costs one render, not two.
        let mut shown = shown.borrow_mut();
        if shown.seen != props.value {
            shown.seen = props.value;
            if parse_days(&shown.text) != Ok(props.value) {
                shown.text = days_text(props.value);
            }
        }
    }
    let update = use_force_update();
    let oninput = {
        let shown = shown.clone();
        let onchange = props.onchange.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let value = input.value();
            let parsed = parse_days(&value);
            shown.borrow_mut().text = value;
            if let Ok(days) = parsed {
                onchange.emit(days);
            }
            // The problem line follows the text even when the value stays the same.
            update.force_update();
        })
    };
    let text = shown.borrow().text.clone();
    let id = props.id.clone();
    let problem = parse_number(&text, props.required, props.max)
        .err()
        .or_else(|| props.problem.clone());
    let invalid = problem.is_some();
    html! {
        <div class={classes!("pg-field", invalid.then_some("is-invalid"))}>
            <label for={id.clone()}>{ &props.label }</label>
            <input id={id.clone()} data-testid={id.clone()} type="text" inputmode="numeric"
                autocomplete="off" value={text} {oninput}
                aria-required={props.required.then_some("true")}
                aria-invalid={invalid.then_some("true")}
                aria-describedby={described_by(&id, props.hint.is_some(), invalid)} />
            { messages(&id, problem.as_deref(), props.hint.as_ref()) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CheckFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    pub checked: bool,
    #[prop_or_default]
    pub problem: Option<String>,
    pub onchange: Callback<bool>,
}

#[function_component(CheckField)]
pub fn check_field(props: &CheckFieldProps) -> Html {
    let _span = super::phases::span(super::phases::Phase::Views);
    let onchange = props.onchange.reform(|e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        input.checked()
    });
    let id = props.id.clone();
    let invalid = props.problem.is_some();
    html! {
        <div class={classes!("pg-field", "pg-field--check", invalid.then_some("is-invalid"))}>
            <input id={id.clone()} data-testid={id.clone()} type="checkbox"
                checked={props.checked} {onchange}
                aria-invalid={invalid.then_some("true")}
                aria-describedby={described_by(&id, props.hint.is_some(), invalid)} />
            <label for={id.clone()}>{ &props.label }</label>
            { messages(&id, props.problem.as_deref(), props.hint.as_ref()) }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::{parse_days, parse_number};

    #[test]
    fn parses_days_and_explains_bad_input() {
        assert_eq!(parse_days(""), Ok(None));
        assert_eq!(parse_days(" 30 "), Ok(Some(30)));
        assert_eq!(parse_days("0"), Ok(None));
        let message = parse_days("3x").unwrap_err();
        assert!(message.contains("`3x`") && message.contains("leave the field empty"));
        assert!(parse_days("-1").is_err());
        // Digits past what a whole number here can hold: too large, not "not a number".
        assert_eq!(
            parse_days("99999999999").unwrap_err(),
            "`99999999999` is too large: type at most 2147483647, or leave the field empty for none"
        );
        assert_eq!(
            parse_number("99999999999", true, 36_500).unwrap_err(),
            "`99999999999` is too large: type at most 36500"
        );
        // A field that needs a number does not suggest leaving it empty.
        assert_eq!(
            parse_number("3x", true, 36_500).unwrap_err(),
            "`3x` is not a whole number: type one"
        );
    }
}

#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// `(value, label)` pairs, in order; shared, so the form hands them over without a copy.
    pub choices: Rc<Vec<(String, String)>>,
    pub value: AttrValue,
    #[prop_or_default]
    pub problem: Option<String>,
    pub onchange: Callback<String>,
}

#[function_component(SelectField)]
pub fn select_field(props: &SelectFieldProps) -> Html {
    let _span = super::phases::span(super::phases::Phase::Views);
    let onchange = props.onchange.reform(|e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        select.value()
    });
    let id = props.id.clone();
    let invalid = props.problem.is_some();
    // A value from a link that is not a choice stays visible, so its problem makes sense.
    let value = props.value.as_str();
    let unknown = (!props.choices.iter().any(|(v, _)| v == value)).then_some(value);
    html! {
        <div class={classes!("pg-field", invalid.then_some("is-invalid"))}>
            <label for={id.clone()}>{ &props.label }</label>
            <select id={id.clone()} data-testid={id.clone()} {onchange}
                aria-invalid={invalid.then_some("true")}
                aria-describedby={described_by(&id, props.hint.is_some(), invalid)}>
                { for props.choices.iter().map(|(choice, label)| html! {
                    <option value={choice.clone()} selected={choice == value}>{ label }</option>
                }) }
                if let Some(unknown) = unknown {
                    <option value={unknown.to_string()} selected=true>{ unknown }</option>
                }
            </select>
            { messages(&id, props.problem.as_deref(), props.hint.as_ref()) }
        </div>
    }
}
