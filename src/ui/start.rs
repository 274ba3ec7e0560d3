//! Starting the page in the browser: a panic hook that never leaves a blank page, and hydration of
//! the prerendered HTML when the URL holds no options.

/// The element the app lives in (`index.html` has it; `cargo xtask build` prerenders into it).
pub const ROOT_ID: &str = "app";

/// Shows a short message with a way to reset the options; used by the panic hook.
///
/// It uses plain DOM calls, not Yew: after a panic the app's state cannot be trusted.
#[cfg(target_arch = "wasm32")]
pub fn show_crash_banner() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.get_element_by_id("pg-crash").is_some() {
        return;
    }
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_else(|| "./".into());
    let (Ok(banner), Ok(text), Ok(reset), Some(body)) = (
        document.create_element("div"),
        document.create_element("p"),
        document.create_element("a"),
        document.body(),
    ) else {
        return;
    };
    banner.set_id("pg-crash");
    banner.set_class_name("pg-crash");
    let _ = banner.set_attribute("role", "alert");
    banner.set_attribute("data-testid", "crash").ok();
    text.set_text_content(Some(
        "Something went wrong and the page stopped working. Your options are still in the address bar: \
         reload to try again, or start over with the default options.",
    ));
    reset.set_text_content(Some("Reset the options"));
    let _ = reset.set_attribute("href", &path);
    let _ = banner.append_child(&text);
    let _ = banner.append_child(&reset);
    let _ = body.prepend_with_node_1(&banner);
}

/// Mounts [`super::App`]: hydrates the prerendered page when the URL has no options (the
/// prerender is of the default options), renders afresh otherwise.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    yew::set_custom_panic_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_crash_banner();
    }));
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    // Options in the address (after `#`, or a link's query) differ from the prerendered defaults.
    let options = super::effects::location_options();
    let root = match document.get_element_by_id(ROOT_ID) {
        Some(root) => root,
        None => match document.body() {
            Some(body) => body.into(),
            None => return,
        },
    };
    let prerendered = root.child_element_count() > 0;
    let renderer = yew::Renderer::<super::App>::with_root(root.clone());
    if prerendered && options.is_empty() {
        renderer.hydrate();
    } else {
        root.set_inner_html("");
        renderer.render();
    }
}
