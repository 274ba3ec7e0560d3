//! Copy and Download for any generated text, with a visible and announced result.
//!
//! The bar does not re-render when its text changes: its buttons stay the same, and it reads the
//! text when clicked. The view that shows the text hands the bar a [`CopySource`] (the same one
//! on every render, so the bar's props compare equal and Yew skips it) and puts each new text
//! into it; the bar re-renders only to show a result, and to drop a result a new text made untrue.

use super::effects;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CopyBarProps {
    /// The buttons get `<testid>-copy` and `<testid>-download`, the status `<testid>-status`.
    pub testid: AttrValue,
    /// The text to copy, kept up to date by the view that shows it ([`use_copy_source`]).
    pub source: CopySource,
    pub filename: AttrValue,
    #[prop_or(AttrValue::Static("text/plain"))]
    pub mime: AttrValue,
}

/// The text a [`CopyBar`] copies: the latest one its owner rendered. Equal only to itself, so a
/// bar given the same source is not rendered again for a new text.
#[derive(Clone, Default)]
pub struct CopySource(Rc<RefCell<Source>>);

#[derive(Default)]
struct Source {
    text: AttrValue,
    /// While the bar shows a result: called once, when the text changes.
    on_change: Option<Callback<()>>,
}

impl PartialEq for CopySource {
    fn eq(&self, other: &CopySource) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl CopySource {
    /// Puts in a new text; a bar showing a result about the old one is told (once).
    fn set(&self, text: &AttrValue) {
        let on_change = {
            let mut source = self.0.borrow_mut();
            if source.text == *text {
                return;
            }
            source.text = text.clone();
            source.on_change.take()
        };
        if let Some(on_change) = on_change {
            on_change.emit(());
        }
    }

    fn text(&self) -> AttrValue {
        self.0.borrow().text.clone()
    }

    /// Calls `on_change` once, when the text next changes.
    fn on_next_change(&self, on_change: Callback<()>) {
        self.0.borrow_mut().on_change = Some(on_change);
    }
}

/// One [`CopySource`] for the calling component's life, holding `text` from this render on.
#[hook]
pub fn use_copy_source(text: &AttrValue) -> CopySource {
    let source = (*use_memo((), |_| CopySource::default())).clone();
    source.set(text);
    source
}

/// The result of the last Copy, and the text it copied.
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
    // A new text makes an old "Copied" untrue: the source clears the result when its text changes.
    let message = result.as_ref().map(CopyResult::message).unwrap_or_default();
    let on_copy = {
        let (result, source) = (result.clone(), props.source.clone());
        Callback::from(move |_: MouseEvent| {
            let (result, source) = (result.clone(), source.clone());
            let text = source.text();
            wasm_bindgen_futures::spawn_local(async move {
                let copied = effects::copy_text(text.to_string()).await;
                // The text changed while the clipboard worked: the result is about an old text.
                if source.text() != text {
                    return;
                }
                let times = match &*result {
                    Some(last) if last.text == text && last.copied == copied => last.times + 1,
                    _ => 1,
                };
                let clear = result.clone();
                source.on_next_change(Callback::from(move |()| clear.set(None)));
                result.set(Some(CopyResult {
                    text,
                    copied,
                    times,
                }));
            });
        })
    };
    let on_download = {
        let (filename, mime, source) = (
            props.filename.clone(),
            props.mime.clone(),
            props.source.clone(),
        );
        Callback::from(move |_: MouseEvent| effects::download(&filename, &mime, &source.text()))
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
