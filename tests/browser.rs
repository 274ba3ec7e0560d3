//! Browser tests: mount the page in headless Chromium, act on it, flush Yew, read the DOM.
#![cfg(target_arch = "wasm32")]

use s3_policy_playground::ui::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a fresh App into its own element and waits for the first render.
async fn mount() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    root
}

fn find(root: &Element, testid: &str) -> Element {
    root.query_selector(&format!("[data-testid={testid}]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element with data-testid={testid}"))
}

fn text(root: &Element, testid: &str) -> String {
    find(root, testid).text_content().unwrap_or_default()
}

/// Types into an input as a user would: set the value, fire a bubbling `input` event.
async fn type_into(root: &Element, testid: &str, value: &str) {
    let input: HtmlInputElement = find(root, testid).dyn_into().unwrap();
    input.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
    yew::scheduler::flush().await;
}

async fn click(root: &Element, testid: &str) {
    let element: HtmlElement = find(root, testid).dyn_into().unwrap();
    element.click();
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn the_page_starts_waiting_for_a_bucket_name() {
    let root = mount().await;
    let waiting = text(&root, "policy-json");
    assert!(!waiting.contains("arn:aws:s3"), "{waiting}");
    assert!(waiting.to_lowercase().contains("bucket"), "{waiting}");
}

#[wasm_bindgen_test]
async fn typing_a_bucket_name_shows_its_policy() {
    let root = mount().await;
    type_into(&root, "bucket-name", "site-backups").await;
    let json = text(&root, "policy-json");
    assert!(json.contains("\"arn:aws:s3:::site-backups\""), "{json}");
    assert!(json.contains("\"arn:aws:s3:::site-backups/*\""), "{json}");
}

#[wasm_bindgen_test]
async fn the_delete_toggle_adds_and_removes_delete_actions() {
    let root = mount().await;
    type_into(&root, "bucket-name", "site-backups").await;
    assert!(!text(&root, "policy-json").contains("s3:DeleteObject"));
    click(&root, "allow-delete").await;
    assert!(text(&root, "policy-json").contains("\"s3:DeleteObject\""));
    click(&root, "allow-delete").await;
    assert!(!text(&root, "policy-json").contains("s3:DeleteObject"));
}

#[wasm_bindgen_test]
async fn an_invalid_name_is_explained_inline_and_no_policy_is_shown() {
    let root = mount().await;
    type_into(&root, "bucket-name", "My_Bucket").await;
    let input = find(&root, "bucket-name");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(input.get_attribute("aria-describedby").as_deref(), Some("bucket-name-problem"));
    assert!(text(&root, "bucket-name-problem").contains("My_Bucket"));
    assert!(!text(&root, "policy-json").contains("arn:aws:s3"));
}

#[wasm_bindgen_test]
async fn steps_and_warnings_follow_the_options() {
    let root = mount().await;
    type_into(&root, "bucket-name", "site-backups").await;
    let steps = text(&root, "console-steps");
    assert!(steps.contains("site-backups"), "{steps}");
    let before = text(&root, "warnings");
    click(&root, "allow-delete").await;
    let after = text(&root, "warnings");
    assert_ne!(before, after, "turning delete on must change the warnings");
}
