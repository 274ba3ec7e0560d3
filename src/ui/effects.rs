//! The page's side effects: the URL, history, localStorage, clipboard and downloads.
//!
//! Called only from handlers and `use_effect_with`, never from `reduce`. Outside a browser (the
//! native SSR tests) each is a no-op, so components render the same on both.

#[cfg(target_arch = "wasm32")]
mod imp {
    use wasm_bindgen::JsCast;

    fn window() -> Option<web_sys::Window> {
        web_sys::window()
    }

    /// The options in the address: after `#`, where the page writes them, or else the query
    /// (`?bucket=…`) a link came with.
    pub fn location_options() -> String {
        let Some(location) = window().map(|w| w.location()) else {
            return String::new();
        };
        match location.hash().unwrap_or_default().strip_prefix('#') {
            // `#bucket=…`; a plain anchor (`#faq`) holds no options.
            Some(fragment) if fragment.contains('=') => fragment.to_owned(),
            _ => location.search().unwrap_or_default(),
        }
    }

    /// The URL write that is waiting for its timer: the newest query, and whether any change
    /// since the last write asked for a new history entry.
    struct PendingQuery {
        query: String,
        push: bool,
    }

    thread_local! {
        static PENDING: std::cell::RefCell<Option<PendingQuery>> = const { std::cell::RefCell::new(None) };
    }

    /// Writes `query` to the address bar, after `#`, [`super::URL_WRITE_DELAY_MS`] after the first
    /// of a run of changes, with one history entry for the run (a new one if any change asked for
    /// it). A browser sends no fragment with a request, so what a person types never reaches a
    /// server, not even on a reload or through a shared link; the first write also drops the query
    /// a link came with.
    ///
    /// `history.pushState`/`replaceState` is slow and Chromium throttles bursts of it, so it stays
    /// out of the task that updates the page: the page shows a change first, the URL follows.
    pub fn set_query_soon(query: String, push: bool) {
        let scheduled = PENDING.with(|pending| {
            let mut pending = pending.borrow_mut();
            let scheduled = pending.is_some();
            let push = push || pending.as_ref().is_some_and(|p| p.push);
            *pending = Some(PendingQuery { query, push });
            scheduled
        });
        if scheduled {
            return;
        }
        let Some(window) = window() else { return };
        let write = wasm_bindgen::closure::Closure::once_into_js(write_pending_query);
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            write.unchecked_ref(),
            super::URL_WRITE_DELAY_MS,
        );
    }

    /// Drops a waiting URL write (Back or Forward has just set the URL itself).
    pub fn cancel_query_write() {
        PENDING.with(|pending| pending.borrow_mut().take());
    }

    fn write_pending_query() {
        let Some(PendingQuery {
            query: fragment,
            push,
        }) = PENDING.with(|pending| pending.borrow_mut().take())
        else {
            return;
        };
        let Some(window) = window() else { return };
        let location = window.location();
        if location.hash().ok().as_deref() == Some(&format!("#{fragment}"))
            && location.search().unwrap_or_default().is_empty()
        {
            return;
        }
        let Ok(history) = window.history() else {
            return;
        };
        let path = location.pathname().unwrap_or_default();
        let url = format!("{path}#{fragment}");
        let state = wasm_bindgen::JsValue::NULL;
        let _ = if push {
            history.push_state_with_url(&state, "", Some(&url))
        } else {
            history.replace_state_with_url(&state, "", Some(&url))
        };
    }

    /// A User Timing mark (`performance.mark`), for the benchmarks and the browser's profiler.
    pub fn mark(name: &str) {
        if let Some(performance) = window().and_then(|w| w.performance()) {
            let _ = performance.mark(name);
        }
    }

    pub fn storage_get(key: &str) -> Option<String> {
        window()?.local_storage().ok()??.get_item(key).ok()?
    }

    pub fn storage_set(key: &str, value: &str) {
        if let Some(Ok(Some(storage))) = window().map(|w| w.local_storage()) {
            let _ = storage.set_item(key, value);
        }
    }

    pub fn storage_remove(key: &str) {
        if let Some(Ok(Some(storage))) = window().map(|w| w.local_storage()) {
            let _ = storage.remove_item(key);
        }
    }

    /// Copies with the Clipboard API, falling back to a selected textarea where it is refused.
    pub async fn copy_text(text: String) -> bool {
        if let Some(window) = window() {
            let promise = window.navigator().clipboard().write_text(&text);
            if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
                return true;
            }
        }
        copy_with_selection(&text).unwrap_or(false)
    }

    fn copy_with_selection(text: &str) -> Option<bool> {
        let document = window()?.document()?;
        let area: web_sys::HtmlTextAreaElement =
            document.create_element("textarea").ok()?.dyn_into().ok()?;
        area.set_value(text);
        area.set_attribute("readonly", "").ok()?;
        area.set_class_name("pg-offscreen");
        let body = document.body()?;
        body.append_child(&area).ok()?;
        area.select();
        let html: web_sys::HtmlDocument = document.dyn_into().ok()?;
        let copied = html.exec_command("copy").unwrap_or(false);
        let _ = body.remove_child(&area);
        Some(copied)
    }

    pub fn download(filename: &str, mime: &str, text: &str) {
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
            return;
        };
        let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
            return;
        };
        if let Some(document) = window().and_then(|w| w.document()) {
            if let Ok(anchor) = document.create_element("a") {
                if let Ok(anchor) = anchor.dyn_into::<web_sys::HtmlAnchorElement>() {
                    anchor.set_href(&url);
                    anchor.set_download(filename);
                    anchor.click();
                }
            }
        }
        let _ = web_sys::Url::revoke_object_url(&url);
    }

    /// Moves the keyboard focus to the first element matching `selector`, if there is one.
    pub fn focus(selector: &str) {
        if let Some(element) = window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(selector).ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub fn location_options() -> String {
        String::new()
    }
    pub fn set_query_soon(_query: String, _push: bool) {}
    pub fn cancel_query_write() {}
    pub fn mark(_name: &str) {}
    pub fn storage_get(_key: &str) -> Option<String> {
        None
    }
    pub fn storage_set(_key: &str, _value: &str) {}
    pub fn storage_remove(_key: &str) {}
    pub async fn copy_text(_text: String) -> bool {
        false
    }
    pub fn download(_filename: &str, _mime: &str, _text: &str) {}
    pub fn focus(_selector: &str) {}
}

pub use imp::*;

/// How long the address bar may lag behind the page, in milliseconds: long enough to fold a burst
/// of keystrokes into one history write, short enough that Back and a copied address are current.
pub const URL_WRITE_DELAY_MS: i32 = 150;
