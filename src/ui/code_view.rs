//! A generated artefact (JSON) with highlighting, change marks, Copy and Download.
//!
//! The lines are an island Yew does not diff: Yew renders the wrapper once, with the lines of the
//! first text, and a change patches the lines it touched straight in the DOM (`patch` below): an
//! edited line is rewritten in place (only its changed text is set), other removed lines are
//! removed, other added lines are inserted in batches of escaped markup, kept ones are left alone
//! or only change their mark. A change that adds the lifecycle rule or a longer export used to
//! cost a Yew component and a dozen nodes per line.

use super::copy_bar::{use_copy_source, CopyBar};
use super::highlight::{block_html, LineMark};
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

/// What the lines in the DOM show: the text, whose it is, and each line's change mark.
struct Shown {
    testid: AttrValue,
    text: AttrValue,
    json: bool,
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    marks: Vec<LineMark>,
}

#[function_component(CodeView)]
pub fn code_view(props: &CodeViewProps) -> Html {
    let _span = super::phases::span(super::phases::Phase::Views);
    let code = use_node_ref();
    // INVARIANT: the markup Yew owns never changes after the first render (the wrapper and the
    // first text's lines), so Yew never touches the lines `patch` keeps up to date.
    let first = use_memo((), |_| AttrValue::from(block_html(&props.text, props.json)));
    let shown = use_mut_ref(|| Shown {
        testid: props.testid.clone(),
        text: props.text.clone(),
        json: props.json,
        marks: vec![LineMark::default(); props.text.lines().count()],
    });
    {
        let code = code.clone();
        use_effect_with(
            (props.testid.clone(), props.text.clone(), props.json),
            move |(testid, text, json)| {
                let mut shown = shown.borrow_mut();
                if shown.text != *text || shown.testid != *testid || shown.json != *json {
                    let _span = super::phases::span(super::phases::Phase::Patches);
                    patch::lines(&code, &mut shown, testid, text, *json);
                }
            },
        );
    }
    let source = use_copy_source(&props.text);
    let testid = props.testid.clone();
    html! {
        <div class="pg-code">
            <CopyBar testid={testid.clone()} {source}
                filename={props.filename.clone()} mime={props.mime.clone()} />
            <pre class="pg-code__pre" tabindex="0" role="region" aria-label={props.label.clone()}>
                <code data-testid={testid} ref={code}>{ Html::from_html_unchecked((*first).clone()) }</code>
            </pre>
        </div>
    }
}

#[cfg(target_arch = "wasm32")]
mod patch {
    use super::Shown;
    use crate::ui::highlight::{
        diff_lines, line_class, line_edit, line_title, lines_html, push_line_html, LineEdit,
        LineMark,
    };
    use web_sys::Element;
    use yew::{AttrValue, NodeRef};

    /// Brings the lines in the DOM from `shown` to `text`, touching only the lines that differ, and
    /// marks what changed. Another tab (`testid`) or mode is another text: all lines, no marks.
    pub fn lines(
        code: &NodeRef,
        shown: &mut Shown,
        testid: &AttrValue,
        text: &AttrValue,
        json: bool,
    ) {
        let Some(wrapper) = code
            .cast::<Element>()
            .and_then(|code| code.first_element_child())
        else {
            return;
        };
        if shown.testid != *testid || shown.json != json {
            // The wrapper stays: Yew removes it, and only it, when the view goes.
            wrapper.set_inner_html(&lines_html(text, json));
            shown.marks = vec![LineMark::default(); text.lines().count()];
        } else {
            let old: Vec<&str> = shown.text.lines().collect();
            let new: Vec<&str> = text.lines().collect();
            let mut marks = diff_lines(&old, &new);
            edit(&wrapper, &old, &shown.marks, &new, &marks, json);
            // One mark per line: the extra one (removals after the last line) is not shown.
            marks.truncate(new.len());
            shown.marks = marks;
        }
        shown.testid = testid.clone();
        shown.text = text.clone();
        shown.json = json;
    }

    /// Walks the old lines and the new together (`marks` says which new lines are added, and how
    /// many old ones go before each). Where a run of added lines replaces as many removed ones
    /// (an edited ARN, a renamed bucket), each old line is rewritten in place, its changed text
    /// set without parsing HTML (`highlight::line_edit`). Other removed lines are removed, other
    /// runs of added lines inserted with one `insertAdjacentHTML`, and a kept line's class
    /// rewritten only if its mark changed.
    fn edit(
        wrapper: &Element,
        old_lines: &[&str],
        old_marks: &[LineMark],
        new: &[&str],
        marks: &[LineMark],
        json: bool,
    ) {
        // Lines are reached by index in the live `children` list, so the walk touches only the
        // lines it changes, not every kept line on the way.
        let children = wrapper.children();
        let mut at: u32 = 0;
        let mut old = 0;
        let mut added = String::new();
        let mut added_lines: u32 = 0;
        let flush = |added: &mut String, added_lines: &mut u32, at: &mut u32| {
            if added.is_empty() {
                return;
            }
            let _ = match children.item(*at) {
                Some(line) => line.insert_adjacent_html("beforebegin", added),
                None => wrapper.insert_adjacent_html("beforeend", added),
            };
            *at += *added_lines;
            added.clear();
            *added_lines = 0;
        };
        let mut j = 0;
        while j <= new.len() {
            let mark = marks.get(j).copied().unwrap_or_default();
            // The added lines from here on with no removal between them.
            let run = marks
                .get(j..new.len())
                .unwrap_or_default()
                .iter()
                .enumerate()
                .take_while(|(k, m)| m.added && (*k == 0 || m.removed_before == 0))
                .count();
            let mut in_place = 0;
            while in_place < run.min(mark.removed_before) {
                let (Some(line), Some(old_line), Some(new_line)) =
                    (children.item(at), old_lines.get(old), new.get(j + in_place))
                else {
                    break;
                };
                let Some(edit) = line_edit(old_line, new_line, json) else {
                    break;
                };
                flush(&mut added, &mut added_lines, &mut at);
                rewrite(
                    &line,
                    edit,
                    marks.get(j + in_place).copied().unwrap_or_default(),
                );
                at += 1;
                old += 1;
                in_place += 1;
            }
            for _ in in_place..mark.removed_before {
                if let Some(line) = children.item(at) {
                    line.remove();
                }
                old += 1;
            }
            if run > 0 {
                for k in j + in_place..j + run {
                    if let (Some(line), Some(mark)) = (new.get(k), marks.get(k)) {
                        push_line_html(&mut added, line, *mark, json);
                        added_lines += 1;
                    }
                }
                j += run;
                continue;
            }
            if j == new.len() {
                break;
            }
            flush(&mut added, &mut added_lines, &mut at);
            if old_marks.get(old).copied().unwrap_or_default() != mark {
                if let Some(kept) = children.item(at) {
                    set_mark(&kept, mark);
                }
            }
            at += 1;
            old += 1;
            j += 1;
        }
        flush(&mut added, &mut added_lines, &mut at);
    }

    fn set_mark(line: &Element, mark: LineMark) {
        line.set_class_name(line_class(mark));
        let _ = match line_title(mark) {
            Some(title) => line.set_attribute("title", &title),
            None => line.remove_attribute("title"),
        };
    }

    /// Makes `line` show its new text and mark, as `push_line_html` would have written it.
    fn rewrite(line: &Element, edit: LineEdit, mark: LineMark) {
        set_mark(line, mark);
        match edit {
            LineEdit::Text(text) => line.set_text_content(Some(&text)),
            LineEdit::Runs(runs) => {
                let nodes = line.child_nodes();
                for (i, text) in runs {
                    if let Some(node) = nodes.item(i) {
                        // A span's one text node, or a text node itself.
                        node.set_text_content(Some(&text));
                    }
                }
            }
        }
    }
}

/// Server-side rendering shows the first text; there is nothing to patch.
#[cfg(not(target_arch = "wasm32"))]
mod patch {
    use super::Shown;
    use yew::{AttrValue, NodeRef};

    pub fn lines(_: &NodeRef, _: &mut Shown, _: &AttrValue, _: &AttrValue, _: bool) {}
}
