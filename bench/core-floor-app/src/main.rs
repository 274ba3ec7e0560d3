//! The size floor for `cargo xtask bench`: the minimal app's counter, plus every part of the policy
//! core the playground runs (the address's options, `derive`, the threat table, the exports and
//! audit mode), with each output as plain text in one `<pre>`. The counter picks the preset and
//! the bucket and the textarea is audited, so no output is known when the code is compiled and
//! the linker keeps all of it. What this app adds to the minimal one is the least any page with
//! the playground's features carries, whatever draws it.
use s3_policy_playground::policy::{
    audit::audit, derive_with_spec, query, threats, Options, Preset,
};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Every text the playground derives for these inputs, one after another.
fn outputs(count: u32, pasted: &str, address: &str) -> String {
    let parsed = query::from_query(address);
    let options = match count {
        0 => parsed.options,
        n => Options::from_preset(
            Preset::ALL[n as usize % Preset::ALL.len()],
            &format!("floor-{n}"),
        ),
    };
    let mut out = query::to_query(&options, parsed.embed);
    for notice in &parsed.notices {
        out.push_str(&notice.message);
    }
    let (derived, spec) = derive_with_spec(&options);
    for problem in &derived.problems {
        out.push_str(&problem.message);
    }
    if let Some(o) = &derived.outputs {
        for text in [
            &o.policy_json,
            &o.policy_size.summary(),
            &o.steps_text(),
            &o.warnings_text(),
            &o.cli_script,
            &o.terraform,
            &o.cloudformation,
        ] {
            out.push_str(text);
        }
        for text in [&o.lifecycle_json, &o.bucket_policy_json]
            .into_iter()
            .flatten()
        {
            out.push_str(text);
        }
        if let Some(table) = spec.and_then(|spec| threats::for_outputs(&spec, o).ok()) {
            out.push_str(&threats::to_text(&table.rows, &table.context));
        }
    }
    let report = audit(pasted, &options.bucket);
    if let Some(error) = &report.error {
        out.push_str(&error.to_string());
    }
    for finding in &report.findings {
        out.push_str(&finding.path);
        out.push_str(&finding.message);
    }
    let context = threats::ThreatContext::new(&options.bucket, "");
    out.push_str(&threats::to_text(&report.threats, &context));
    out
}

#[function_component(Floor)]
fn floor() -> Html {
    let count = use_state(|| 0_u32);
    let pasted = use_state(String::new);
    let address = use_memo((), |_| {
        web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default()
    });
    let onclick = {
        let count = count.clone();
        Callback::from(move |_: MouseEvent| count.set(*count + 1))
    };
    let oninput = {
        let pasted = pasted.clone();
        Callback::from(move |e: InputEvent| {
            pasted.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    html! {
        <main>
            <button {onclick}>{ "+1" }</button>
            <textarea {oninput} />
            <pre>{ outputs(*count, &pasted, address.trim_start_matches('#')) }</pre>
        </main>
    }
}

fn main() {
    yew::Renderer::<Floor>::new().render();
}
