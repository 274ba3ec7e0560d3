//! The same setup as code: AWS CLI script, Terraform, CloudFormation and the bucket policy, as tabs.
//!
//! Tabs follow the WAI-ARIA tabs pattern: arrow keys move between tabs, Tab moves into the panel.

use super::code_view::CodeView;
use web_sys::KeyboardEvent;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ExportsViewProps {
    pub cli_script: AttrValue,
    pub terraform: AttrValue,
    pub cloudformation: AttrValue,
    /// Only where the options call for a bucket policy.
    #[prop_or_default]
    pub bucket_policy: Option<AttrValue>,
}

/// One tab: its id, label, file name, MIME type, whether it is JSON, and its text.
struct Export {
    id: &'static str,
    label: &'static str,
    filename: &'static str,
    mime: &'static str,
    json: bool,
    text: AttrValue,
}

fn exports(props: &ExportsViewProps) -> Vec<Export> {
    let tab = |id, label, filename, mime, json, text: &AttrValue| Export {
        id,
        label,
        filename,
        mime,
        json,
        text: text.clone(),
    };
    let mut list = vec![
        tab(
            "cli",
            "AWS CLI",
            "setup.sh",
            "text/x-shellscript",
            false,
            &props.cli_script,
        ),
        tab(
            "terraform",
            "Terraform",
            "main.tf",
            "text/plain",
            false,
            &props.terraform,
        ),
        tab(
            "cloudformation",
            "CloudFormation",
            "template.yaml",
            "application/yaml",
            false,
            &props.cloudformation,
        ),
    ];
    if let Some(policy) = &props.bucket_policy {
        list.push(tab(
            "bucket-policy",
            "Bucket policy",
            "bucket-policy.json",
            "application/json",
            true,
            policy,
        ));
    }
    list
}

#[function_component(ExportsView)]
pub fn exports_view(props: &ExportsViewProps) -> Html {
    let _span = super::phases::span(super::phases::Phase::Views);
    let selected = use_state(|| "cli");
    let list = exports(props);
    let current = list.iter().position(|e| e.id == *selected).unwrap_or(0);
    let onkeydown = {
        let selected = selected.clone();
        let ids: Vec<&'static str> = list.iter().map(|e| e.id).collect();
        Callback::from(move |e: KeyboardEvent| {
            // Alt+Arrow is the browser's Back and Forward, which restore earlier options.
            if e.alt_key() || e.ctrl_key() || e.meta_key() {
                return;
            }
            let next = match e.key().as_str() {
                "ArrowRight" => (current + 1) % ids.len(),
                "ArrowLeft" => (current + ids.len() - 1) % ids.len(),
                "Home" => 0,
                "End" => ids.len() - 1,
                _ => return,
            };
            e.prevent_default();
            selected.set(ids[next]);
            // Focus follows the selection, as the pattern asks.
            if let Some(tab) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&format!("export-tab-{}", ids[next])))
            {
                use wasm_bindgen::JsCast;
                if let Ok(tab) = tab.dyn_into::<web_sys::HtmlElement>() {
                    let _ = tab.focus();
                }
            }
        })
    };
    let shown = &list[current];
    let id = shown.id;
    html! {
        <section class="pg-output pg-exports" aria-labelledby="exports-heading">
            <h2 id="exports-heading">{ "The same setup as code" }</h2>
            <div class="pg-exports__tabs" role="tablist" aria-label="Export format" {onkeydown}>
                { for list.iter().map(|export| {
                    let (tab_id, label) = (export.id, export.label);
                    let is_selected = tab_id == id;
                    let onclick = {
                        let selected = selected.clone();
                        Callback::from(move |_: MouseEvent| selected.set(tab_id))
                    };
                    html! {
                        <button type="button" role="tab" class="pg-exports__tab"
                            id={format!("export-tab-{tab_id}")} data-testid={format!("export-tab-{tab_id}")}
                            aria-selected={is_selected.to_string()}
                            aria-controls="export-panel"
                            tabindex={if is_selected { "0" } else { "-1" }} {onclick}>
                            { label }
                        </button>
                    }
                }) }
            </div>
            <div id="export-panel" role="tabpanel" aria-labelledby={format!("export-tab-{id}")}>
                <CodeView testid={format!("export-{id}")} label={shown.filename}
                    text={shown.text.clone()} filename={shown.filename} mime={shown.mime}
                    json={shown.json} />
            </div>
        </section>
    }
}
