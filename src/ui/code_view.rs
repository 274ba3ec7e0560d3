//! A generated artefact (JSON) with highlighting, change marks, Copy and Download.

use super::effects;
use super::highlight::{diff_lines, tokenize_line, LineMark};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CodeViewProps {
    /// `data-testid` of the code block; the buttons get `<testid>-copy` and `<testid>-download`.
    pub testid: AttrValue,
    /// What the code is, for screen readers ("IAM policy JSON").
    pub label: AttrValue,
    pub text: AttrValue,
    /// File name for Download.
    pub filename: AttrValue,
    #[prop_or(AttrValue::Static("application/json"))]
    pub mime: AttrValue,
    /// Colour the text as JSON (shell, HCL and YAML are shown plain).
    #[prop_or(true)]
    pub json: bool,
}

/// The text last shown and how its lines differ from the one before.
struct Changes {
    previous: String,
    marks: Vec<LineMark>,
}

#[function_component(CodeView)]
pub fn code_view(props: &CodeViewProps) -> Html {
    let changes = use_mut_ref(|| Changes {
        previous: props.text.to_string(),
        marks: Vec::new(),
    });
    {
        // Diff once per new text, not on every render (a "Copied" re-render keeps the marks).
        let mut changes = changes.borrow_mut();
        if changes.previous != props.text.as_str() {
            let old: Vec<&str> = changes.previous.lines().collect();
            let new: Vec<&str> = props.text.lines().collect();
            let marks = diff_lines(&old, &new);
            changes.marks = marks;
            changes.previous = props.text.to_string();
        }
    }
    let status = use_state(String::new);
    {
        let status = status.clone();
        use_effect_with(props.text.clone(), move |_| status.set(String::new()));
    }
    let on_copy = {
        let status = status.clone();
        let text = props.text.to_string();
        Callback::from(move |_: MouseEvent| {
            let status = status.clone();
            let text = text.clone();
            wasm_bindgen_futures::spawn_local(async move {
                status.set(if effects::copy_text(text).await {
                    "Copied".to_string()
                } else {
                    "Copy failed: select the text and copy it by hand".to_string()
                });
            });
        })
    };
    let on_download = {
        let (filename, mime, text) = (
            props.filename.clone(),
            props.mime.clone(),
            props.text.clone(),
        );
        Callback::from(move |_: MouseEvent| effects::download(&filename, &mime, &text))
    };
    let changes = changes.borrow();
    let lines = props.text.lines().enumerate().map(|(i, line)| {
        let mark = changes.marks.get(i).copied().unwrap_or(LineMark { added: false, removed_before: 0 });
        let class = classes!(
            "pg-code__line",
            mark.added.then_some("is-added"),
            (mark.removed_before > 0).then_some("is-removed-before"),
        );
        let title = (mark.removed_before > 0)
            .then(|| format!("{} line(s) removed above", mark.removed_before));
        html! {
            <span {class} {title}>
                if !props.json { { line } } else {
                { for tokenize_line(line).into_iter().map(|(token, text)| {
                    let class = token.class();
                    if class.is_empty() { html! { { text } } } else { html! { <span {class}>{ text }</span> } }
                }) }
                }
                { "\n" }
            </span>
        }
    });
    let testid = props.testid.clone();
    html! {
        <div class="pg-code">
            <div class="pg-code__bar">
                <button type="button" class="pg-button" data-testid={format!("{testid}-copy")}
                    onclick={on_copy}>{ "Copy" }</button>
                <button type="button" class="pg-button" data-testid={format!("{testid}-download")}
                    onclick={on_download}>{ format!("Download {}", props.filename) }</button>
                <span class="pg-code__status" role="status" aria-live="polite"
                    data-testid={format!("{testid}-status")}>{ (*status).clone() }</span>
            </div>
            <pre class="pg-code__pre" tabindex="0" aria-label={props.label.clone()}>
                <code data-testid={testid}>{ for lines }</code>
            </pre>
        </div>
    }
}
