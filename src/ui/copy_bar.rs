//! Copy and Download for any generated text, with a visible and announced result.

use super::effects;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CopyBarProps {
    /// The buttons get `<testid>-copy` and `<testid>-download`, the status `<testid>-status`.
    pub testid: AttrValue,
    pub text: AttrValue,
    pub filename: AttrValue,
    #[prop_or(AttrValue::Static("text/plain"))]
    pub mime: AttrValue,
}

#[function_component(CopyBar)]
pub fn copy_bar(props: &CopyBarProps) -> Html {
    let status = use_state(String::new);
    {
        // A new text makes an old "Copied" untrue.
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
    let testid = &props.testid;
    html! {
        <div class="pg-code__bar">
            <button type="button" class="pg-button" data-testid={format!("{testid}-copy")}
                onclick={on_copy}>{ "Copy" }</button>
            <button type="button" class="pg-button" data-testid={format!("{testid}-download")}
                onclick={on_download}>{ format!("Download {}", props.filename) }</button>
            <span class="pg-code__status" role="status" aria-live="polite"
                data-testid={format!("{testid}-status")}>{ (*status).clone() }</span>
        </div>
    }
}
