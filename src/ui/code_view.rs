//! A generated artefact (JSON) with highlighting, change marks, Copy and Download.

use super::copy_bar::CopyBar;
use super::highlight::{carry_ids, diff_lines, tokenize_line, LineMark};
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

/// One line of a code block, `text[start..end]`, as its own component: a change re-renders the
/// lines it touched and only compares the others (the whole text is shared, never copied).
#[derive(Properties)]
struct CodeLineProps {
    text: AttrValue,
    start: usize,
    end: usize,
    mark: LineMark,
    json: bool,
}

impl CodeLineProps {
    fn line(&self) -> &str {
        self.text.get(self.start..self.end).unwrap_or_default()
    }
}

impl PartialEq for CodeLineProps {
    fn eq(&self, other: &Self) -> bool {
        self.line() == other.line() && self.mark == other.mark && self.json == other.json
    }
}

#[function_component(CodeLine)]
fn code_line(props: &CodeLineProps) -> Html {
    let CodeLineProps { mark, json, .. } = *props;
    let line = props.line();
    let class = classes!(
        "pg-code__line",
        mark.added.then_some("is-added"),
        (mark.removed_before > 0).then_some("is-removed-before"),
    );
    let title =
        (mark.removed_before > 0).then(|| format!("{} line(s) removed above", mark.removed_before));
    html! {
        <span {class} {title}>
            if !json { { line } } else {
            { for tokenize_line(line).into_iter().map(|(token, text)| {
                let class = token.class();
                if class.is_empty() { html! { { text } } } else { html! { <span {class}>{ text }</span> } }
            }) }
            }
            { "\n" }
        </span>
    }
}

/// The text last shown (and whose it was) and how its lines differ from the one before.
struct Changes {
    testid: AttrValue,
    previous: AttrValue,
    marks: Vec<LineMark>,
    /// Each line's key, carried through changes by [`carry_ids`].
    ids: Vec<u32>,
    next_id: u32,
}

#[function_component(CodeView)]
pub fn code_view(props: &CodeViewProps) -> Html {
    let changes = use_mut_ref(|| {
        let mut next_id = 0;
        Changes {
            testid: props.testid.clone(),
            previous: props.text.clone(),
            marks: Vec::new(),
            ids: carry_ids(&[], &[], props.text.lines().count(), &mut next_id),
            next_id,
        }
    });
    {
        // Diff once per new text, not on every render (a "Copied" re-render keeps the marks).
        let mut changes = changes.borrow_mut();
        let Changes {
            testid,
            previous,
            marks,
            ids,
            next_id,
        } = &mut *changes;
        if *testid != props.testid {
            // Another export tab is another text, not a change of this one: nothing to mark.
            *testid = props.testid.clone();
            marks.clear();
            *ids = carry_ids(&[], &[], props.text.lines().count(), next_id);
        } else if *previous != props.text {
            let old: Vec<&str> = previous.lines().collect();
            let new: Vec<&str> = props.text.lines().collect();
            *marks = diff_lines(&old, &new);
            *ids = carry_ids(ids, marks, new.len(), next_id);
        }
        *previous = props.text.clone();
    }
    let changes = changes.borrow();
    let mut offset = 0;
    let lines = props
        .text
        .split_inclusive('\n')
        .enumerate()
        .map(|(i, line)| {
            let start = offset;
            offset += line.len();
            let mark = changes.marks.get(i).copied().unwrap_or(LineMark {
                added: false,
                removed_before: 0,
            });
            let content = line.trim_end_matches(['\n', '\r']);
            let end = start + content.len();
            // Keyed by an id that follows the line through changes (`carry_ids`): an edited line
            // is patched in place, a line added or removed moves the ones after it.
            let key = changes.ids.get(i).copied().unwrap_or_default();
            html! { <CodeLine {key} text={props.text.clone()} {start} {end} {mark} json={props.json} /> }
        });
    let testid = props.testid.clone();
    html! {
        <div class="pg-code">
            <CopyBar testid={testid.clone()} text={props.text.clone()}
                filename={props.filename.clone()} mime={props.mime.clone()} />
            <pre class="pg-code__pre" tabindex="0" aria-label={props.label.clone()}>
                <code data-testid={testid}>{ for lines }</code>
            </pre>
        </div>
    }
}
