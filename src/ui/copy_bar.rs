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

/// The result of the last Copy, and the text it copied: a message about another text is stale.
#[derive(Clone, PartialEq)]
struct CopyResult {
    text: AttrValue,
    copied: bool,
    /// How many Copies of this text in a row had this result. The count is in the message, so a
    /// second Copy changes the status text and a screen reader announces it again.
    times: u32,
}

impl CopyResult {
    fn message(&self) -> String {
        match (self.copied, self.times) {
            (true, 1) => "Copied".to_owned(),
            (true, n) => format!("Copied {n} times"),
            (false, 1) => "Copy failed: select the text and copy it by hand".to_owned(),
            (false, n) => format!("Copy failed {n} times: select the text and copy it by hand"),
        }
    }
}

#[function_component(CopyBar)]
pub fn copy_bar(props: &CopyBarProps) -> Html {
    let _span = super::phases::span(super::phases::Phase::Views);
    let result = use_state_eq(|| None::<CopyResult>);
    // A new text makes an old "Copied" untrue: the message shows only while its text is on screen.
    // (Compared here, not reset by an effect, so a new text costs one render, not two.)
    let message = match &*result {
        Some(r) if r.text == props.text => r.message(),
        _ => String::new(),
    };
    let on_copy = {
        let result = result.clone();
        let text = props.text.clone();
        Callback::from(move |_: MouseEvent| {
            let result = result.clone();
            let text = text.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let copied = effects::copy_text(text.to_string()).await;
                let times = match &*result {
                    Some(last) if last.text == text && last.copied == copied => last.times + 1,
                    _ => 1,
                };
                result.set(Some(CopyResult {
                    text,
                    copied,
                    times,
                }));
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
                data-testid={format!("{testid}-status")}>{ message }</span>
        </div>
    }
}
