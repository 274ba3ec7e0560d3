//! Browser tests: mount the page in headless Chromium, act on it, flush Yew, read the DOM.
#![cfg(target_arch = "wasm32")]

#[path = "support/browser.rs"]
mod support;

use s3_policy_playground::ui::App;
use support::sleep;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a fresh App at `query` (tests share one page, so each sets its own URL).
async fn mount_at(query: &str) -> Element {
    mount_with_handle_at(query).await.0
}

/// [`mount_at`], keeping the app's handle for a test that unmounts it (`AppHandle::destroy`);
/// dropping the handle leaves the app running.
async fn mount_with_handle_at(query: &str) -> (Element, yew::AppHandle<App>) {
    let window = web_sys::window().unwrap();
    let path = window.location().pathname().unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{query}")),
        )
        .unwrap();
    let document = window.document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let app = yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    (root, app)
}

/// Mounts a fresh App with no options in the URL.
async fn mount() -> Element {
    mount_at("").await
}

fn find(root: &Element, testid: &str) -> Element {
    root.query_selector(&format!("[data-testid={testid}]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element with data-testid={testid}"))
}

fn text(root: &Element, testid: &str) -> String {
    find(root, testid).text_content().unwrap_or_default()
}

/// Fires a bubbling event of `kind` at `target`, as the browser does after user input, and
/// lets Yew render.
async fn fire(target: &web_sys::EventTarget, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict(kind, &init).unwrap();
    target.dispatch_event(&event).unwrap();
    yew::scheduler::flush().await;
}

/// Types into an input as a user would: set the value, fire a bubbling `input` event.
async fn type_into(root: &Element, testid: &str, value: &str) {
    let input: HtmlInputElement = find(root, testid).dyn_into().unwrap();
    input.set_value(value);
    fire(&input, "input").await;
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
    let described = input.get_attribute("aria-describedby").unwrap_or_default();
    assert!(
        described.split(' ').any(|id| id == "bucket-name-problem"),
        "{described}"
    );
    assert_eq!(
        find(&root, "bucket-name-problem").id(),
        "bucket-name-problem"
    );
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

/// The options in the address bar (after `#`), once the page has written its last change there.
async fn options_written() -> String {
    sleep(s3_policy_playground::ui::effects::URL_WRITE_DELAY_MS + 100).await;
    fragment()
}

fn fragment() -> String {
    web_sys::window().unwrap().location().hash().unwrap()
}

fn search() -> String {
    web_sys::window().unwrap().location().search().unwrap()
}

#[wasm_bindgen_test]
async fn options_are_restored_from_the_url() {
    let root = mount_at("?bucket=from-url&delete=1").await;
    let input: HtmlInputElement = find(&root, "bucket-name").dyn_into().unwrap();
    assert_eq!(input.value(), "from-url");
    let json = text(&root, "policy-json");
    assert!(json.contains("arn:aws:s3:::from-url/*"), "{json}");
    assert!(json.contains("\"s3:DeleteObject\""), "{json}");
}

#[wasm_bindgen_test]
async fn a_tampered_url_shows_a_notice_and_still_works() {
    let root = mount_at("?bucket=ok-name&delete=maybe&colour=red").await;
    let notices = text(&root, "url-notices");
    assert!(notices.contains("delete=maybe"), "{notices}");
    assert!(notices.contains("colour"), "{notices}");
    assert!(text(&root, "policy-json").contains("arn:aws:s3:::ok-name"));
    // Dismissing removes the notice and its button, so the focus moves to where the form starts.
    click(&root, "url-notices-dismiss").await;
    assert!(root
        .query_selector("[data-testid=url-notices]")
        .unwrap()
        .is_none());
    let focused = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .and_then(|e| e.get_attribute("data-testid"));
    assert_eq!(focused.as_deref(), Some("preset-faq-standard"));
}

#[wasm_bindgen_test]
async fn choices_are_written_to_the_url() {
    let root = mount_at("?bucket=from-a-link").await;
    type_into(&root, "bucket-name", "typed-name").await;
    click(&root, "allow-delete").await;
    assert!(
        !fragment().contains("bucket=typed-name"),
        "the address bar follows the page, after it"
    );
    let written = options_written().await;
    assert!(written.starts_with("#bucket=typed-name"), "{written}");
    assert!(written.contains("delete=1"), "{written}");
    // After `#`, which no request carries: a reload or a shared link sends none of it to a server,
    // and the query the link came with is gone.
    assert_eq!(search(), "", "the link's query is dropped");
}

/// The page writes the options after `#`, so a copied address carries them there; a fragment
/// wins over a query when an address has both.
#[wasm_bindgen_test]
async fn options_are_restored_from_the_fragment() {
    let root = mount_at("?bucket=from-query#bucket=from-fragment&delete=1").await;
    let input: HtmlInputElement = find(&root, "bucket-name").dyn_into().unwrap();
    assert_eq!(input.value(), "from-fragment");
    let json = text(&root, "policy-json");
    assert!(json.contains("arn:aws:s3:::from-fragment/*"), "{json}");
    assert!(json.contains("\"s3:DeleteObject\""), "{json}");
}

#[wasm_bindgen_test]
async fn a_preset_button_applies_and_shows_itself_pressed() {
    let root = mount().await;
    type_into(&root, "bucket-name", "site-backups").await;
    click(&root, "preset-faq-standard").await;
    let button = find(&root, "preset-faq-standard");
    assert_eq!(
        button.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    assert_eq!(
        find(&root, "preset-hardened")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("false")
    );
    assert!(text(&root, "policy-json").contains("\"s3:DeleteObjectVersion\""));
    let checkbox: HtmlInputElement = find(&root, "allow-delete").dyn_into().unwrap();
    assert!(checkbox.checked(), "the form follows the preset");
}

#[wasm_bindgen_test]
async fn a_bad_number_is_explained_and_keeps_the_last_good_value() {
    let root = mount_at("?bucket=site-backups&lifecycle=45").await;
    type_into(&root, "lifecycle-days", "3x").await;
    let problem = find(&root, "lifecycle-days-problem");
    let code = problem
        .query_selector("code")
        .unwrap()
        .expect("the input is shown as code");
    assert_eq!(code.text_content().as_deref(), Some("3x"));
    assert!(problem
        .text_content()
        .unwrap()
        .contains("leave the field empty"));
    let lifecycle = text(&root, "lifecycle-json");
    assert!(lifecycle.contains("45"), "{lifecycle}");
}

#[wasm_bindgen_test]
async fn a_checkbox_problem_sits_by_its_box_and_the_status_says_why_no_policy() {
    // Retention asked for without Object Lock (a link can say so): the box stays on screen, with
    // its problem tied to it, so the message's "turn that option off" has something to point at.
    let root = mount_at("?bucket=site-backups&retention_action=1").await;
    let boxed = find(&root, "put-retention");
    assert_eq!(boxed.get_attribute("aria-invalid").as_deref(), Some("true"));
    let described = boxed.get_attribute("aria-describedby").unwrap_or_default();
    assert!(described.contains("put-retention-problem"), "{described}");
    assert!(text(&root, "put-retention-problem").contains("choose an Object Lock mode"));
    // A status region that is always on the page says why there is no policy, and when it is back.
    let status = find(&root, "policy-status");
    assert_eq!(status.get_attribute("role").as_deref(), Some("status"));
    assert_eq!(
        text(&root, "policy-status"),
        "No policy is shown until every option is valid: 1 problem to fix."
    );
    click(&root, "put-retention").await;
    assert_eq!(text(&root, "policy-status"), "The policy is shown.");
    assert!(
        root.query_selector("[data-testid=put-retention]")
            .unwrap()
            .is_none(),
        "without Object Lock the box goes once it is off"
    );
    // The retention field needs a number, and says so to assistive technology.
    choose(&root, "object-lock", "governance").await;
    assert_eq!(
        find(&root, "retention-days")
            .get_attribute("aria-required")
            .as_deref(),
        Some("true")
    );
}

#[wasm_bindgen_test]
async fn walkthrough_progress_survives_a_remount_and_resets() {
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
    let root = mount_at("?bucket=walk-bucket").await;
    click(&root, "walkthrough-toggle").await;
    let first_step = root
        .query_selector("[data-testid^=step-]")
        .unwrap()
        .expect("a checkbox per step");
    let first_step: HtmlElement = first_step.dyn_into().unwrap();
    first_step.click();
    yew::scheduler::flush().await;
    assert!(text(&root, "walkthrough-progress").starts_with("1 of "));

    let again = mount_at("?bucket=walk-bucket").await;
    click(&again, "walkthrough-toggle").await;
    assert!(
        text(&again, "walkthrough-progress").starts_with("1 of "),
        "kept per bucket"
    );
    click(&again, "walkthrough-reset").await;
    assert!(text(&again, "walkthrough-progress").starts_with("0 of "));

    let other = mount_at("?bucket=other-bucket").await;
    click(&other, "walkthrough-toggle").await;
    assert!(
        text(&other, "walkthrough-progress").starts_with("0 of "),
        "another bucket starts fresh"
    );
}

#[wasm_bindgen_test]
async fn every_output_has_copy_and_download() {
    let root = mount_at("?bucket=site-backups").await;
    for output in [
        "policy-json",
        "lifecycle-json",
        "console-steps",
        "warnings",
        "threats",
        "export-cli",
    ] {
        assert!(
            root.query_selector(&format!("[data-testid={output}-download]"))
                .unwrap()
                .is_some(),
            "{output} has Download"
        );
        assert_eq!(text(&root, &format!("{output}-status")), "", "{output}");
        click(&root, &format!("{output}-copy")).await;
        sleep(200).await;
        let status = text(&root, &format!("{output}-status"));
        assert!(
            status == "Copied" || status.starts_with("Copy failed"),
            "{output}: {status}"
        );
    }
}

#[wasm_bindgen_test]
async fn copy_announces_its_result() {
    let root = mount_at("?bucket=site-backups").await;
    assert_eq!(text(&root, "policy-json-status"), "");
    click(&root, "policy-json-copy").await;
    sleep(200).await;
    let status = text(&root, "policy-json-status");
    assert!(
        status == "Copied" || status.starts_with("Copy failed"),
        "{status}"
    );
    let region = find(&root, "policy-json-status");
    assert_eq!(region.get_attribute("aria-live").as_deref(), Some("polite"));
    // A second Copy of the same text changes the message, so a screen reader announces it again.
    click(&root, "policy-json-copy").await;
    sleep(200).await;
    let again = text(&root, "policy-json-status");
    assert!(
        again == "Copied 2 times" || again.starts_with("Copy failed 2 times"),
        "{again}"
    );
    assert_eq!(again.starts_with("Copied"), status.starts_with("Copied"));
    // The message is about the text that was copied: a new policy makes it stale.
    click(&root, "allow-delete").await;
    assert_eq!(text(&root, "policy-json-status"), "");
}

/// Replaces the clipboard with one that keeps what it is given, for a test to read what Copy copied.
fn keep_what_is_copied() {
    js_sys::Function::new_no_args(
        "Object.defineProperty(navigator, 'clipboard', {configurable: true, value: {
             writeText: (text) => { window.s3ppCopied = text; return Promise.resolve(); },
         }});
         window.s3ppCopied = null;",
    )
    .call0(&wasm_bindgen::JsValue::NULL)
    .unwrap();
}

fn last_copied() -> Option<String> {
    js_sys::Reflect::get(&web_sys::window().unwrap(), &"s3ppCopied".into())
        .unwrap()
        .as_string()
}

#[wasm_bindgen_test]
async fn copy_takes_the_text_on_screen_after_every_change() {
    use s3_policy_playground::policy::query::from_query;
    use s3_policy_playground::policy::{derive_with_spec, threats};

    /// What each Copy button should copy for `options`, as the page derives it.
    fn copy_texts(query: &str) -> Vec<(&'static str, String)> {
        let (derived, spec) = derive_with_spec(&from_query(query).options);
        let outputs = derived.outputs.expect("valid options");
        let table = threats::for_outputs(&spec.expect("valid options"), &outputs).unwrap();
        vec![
            ("policy-json", outputs.policy_json.clone()),
            (
                "lifecycle-json",
                outputs.lifecycle_json.clone().unwrap_or_default(),
            ),
            ("console-steps", outputs.steps_text()),
            ("warnings", outputs.warnings_text()),
            ("threats", threats::to_text(&table.rows, &table.context)),
            ("export-cli", outputs.cli_script.clone()),
        ]
    }

    keep_what_is_copied();
    let root = mount_at("?bucket=site-backups").await;
    let first = copy_texts("bucket=site-backups");
    // The bars render once and read their text when clicked: each Copy after these changes
    // must take the newest text, as the core derives it for the options in the address.
    type_into(&root, "bucket-name", "copy-latest").await;
    click(&root, "preset-hardened").await;
    click(&root, "allow-delete").await;
    let written = options_written().await;
    let query = written.trim_start_matches('#');
    for ((output, want), (_, old)) in copy_texts(query).into_iter().zip(first) {
        assert_ne!(want, old, "{output} changed, so a stale copy would show");
        click(&root, &format!("{output}-copy")).await;
        sleep(50).await;
        yew::scheduler::flush().await;
        assert_eq!(last_copied().as_deref(), Some(want.as_str()), "{output}");
        assert_eq!(
            text(&root, &format!("{output}-status")),
            "Copied",
            "{output}"
        );
    }
    // A change after a Copy takes the result away, and the next Copy takes the newer text.
    click(&root, "allow-delete").await;
    assert_eq!(text(&root, "policy-json-status"), "");
    click(&root, "policy-json-copy").await;
    sleep(50).await;
    yew::scheduler::flush().await;
    let copied = last_copied().unwrap_or_default();
    let delete_before = from_query(query).options.allow_delete;
    assert_eq!(
        copied.contains("s3:DeleteObject"),
        !delete_before,
        "{copied}"
    );
    assert_eq!(copied.trim_end(), text(&root, "policy-json").trim_end());
    assert_eq!(text(&root, "policy-json-status"), "Copied");
}

#[wasm_bindgen_test]
async fn a_change_marks_the_added_lines() {
    let root = mount_at("?bucket=site-backups").await;
    assert_eq!(
        root.query_selector_all(".pg-code__line.is-added")
            .unwrap()
            .length(),
        0
    );
    click(&root, "allow-delete").await;
    let added = root
        .query_selector_all("[data-testid=policy-json] .is-added")
        .unwrap();
    assert_eq!(
        added.length(),
        2,
        "DeleteObject and DeleteObjectVersion lines"
    );
    click(&root, "allow-delete").await;
    let removed = root
        .query_selector_all("[data-testid=policy-json] .is-removed-before")
        .unwrap();
    assert_eq!(removed.length(), 1, "one place where lines went away");
}

/// The decision cell of one threat row.
fn threat_decision(root: &Element, table: &str, id: &str) -> String {
    root.query_selector(&format!(
        "[data-testid={table}] tr[data-threat={id}] .pg-threats__decision"
    ))
    .unwrap()
    .unwrap_or_else(|| panic!("no threat row {id}"))
    .text_content()
    .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_threat_table_follows_the_delete_toggle() {
    let root = mount_at("?bucket=threat-test").await;
    assert_eq!(threat_decision(&root, "threats", "delete-backup"), "Denied");
    assert_eq!(
        threat_decision(&root, "threats", "overwrite-latest"),
        "Allowed"
    );
    // What decided is shown as text too, not only in the tooltip.
    let decided_by = |root: &Element| {
        root.query_selector("[data-testid=threats] tr[data-threat=delete-backup] .pg-threats__by")
            .unwrap()
            .and_then(|e| e.text_content())
            .unwrap_or_default()
    };
    assert_eq!(decided_by(&root), "no statement allows it");
    click(&root, "allow-delete").await;
    assert_eq!(
        threat_decision(&root, "threats", "delete-backup"),
        "Allowed"
    );
    assert!(
        decided_by(&root).starts_with("by statement "),
        "{}",
        decided_by(&root)
    );
    let risk = text(&root, "threats-risk");
    assert!(!risk.is_empty());
}

/// Types into a textarea as a user pasting would.
async fn paste_into(root: &Element, testid: &str, value: &str) {
    let area: web_sys::HtmlTextAreaElement = find(root, testid).dyn_into().unwrap();
    area.set_value(value);
    fire(&area, "input").await;
}

#[wasm_bindgen_test]
async fn audit_mode_explains_a_broken_policy_and_audits_a_real_one() {
    let root = mount_at("").await;
    assert!(text(&root, "mode-status").starts_with("Building a policy"));
    click(&root, "mode-audit").await;
    // The switch is announced: the status region stays on the page and its text changes.
    assert_eq!(
        find(&root, "mode-status").get_attribute("role").as_deref(),
        Some("status")
    );
    assert!(text(&root, "mode-status").starts_with("Auditing a policy"));
    type_into(&root, "audit-bucket", "mybucket").await;
    paste_into(
        &root,
        "audit-policy",
        "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n}",
    )
    .await;
    let error = text(&root, "audit-error");
    assert!(error.starts_with("line 4, column"), "{error}");

    let everything = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#;
    paste_into(&root, "audit-policy", everything).await;
    assert!(root
        .query_selector("[data-testid=audit-error]")
        .unwrap()
        .is_none());
    let findings = text(&root, "audit-findings");
    assert!(findings.contains("*"), "{findings}");
    assert_eq!(
        threat_decision(&root, "audit-threats", "delete-backup"),
        "Allowed"
    );
    assert!(
        !options_written().await.contains("Statement"),
        "pasted text never goes to the URL"
    );
}

#[wasm_bindgen_test]
async fn a_crash_shows_a_message_and_a_way_to_reset() {
    s3_policy_playground::ui::start::show_crash_banner();
    s3_policy_playground::ui::start::show_crash_banner();
    let document = web_sys::window().unwrap().document().unwrap();
    let banners = document.query_selector_all("[data-testid=crash]").unwrap();
    assert_eq!(banners.length(), 1, "one message, however often it panics");
    let banner = document.get_element_by_id("pg-crash").unwrap();
    assert_eq!(banner.get_attribute("role").as_deref(), Some("alert"));
    let link = banner.query_selector("a").unwrap().unwrap();
    assert_eq!(link.text_content().as_deref(), Some("Reset the options"));
    assert!(
        !link.get_attribute("href").unwrap().contains('?'),
        "the reset link drops the options"
    );
    banner.remove();
}

/// Chooses an option of a `<select>` as a user would.
async fn choose(root: &Element, testid: &str, value: &str) {
    let select: web_sys::HtmlSelectElement = find(root, testid).dyn_into().unwrap();
    select.set_value(value);
    fire(&select, "change").await;
}

#[wasm_bindgen_test]
async fn export_tabs_switch_by_click_and_arrow_keys() {
    let root = mount_at("?bucket=export-test").await;
    assert_eq!(
        find(&root, "export-tab-cli")
            .get_attribute("aria-selected")
            .as_deref(),
        Some("true")
    );
    assert!(text(&root, "export-cli").contains("set -euo pipefail"));
    click(&root, "export-tab-terraform").await;
    assert!(text(&root, "export-terraform").contains("resource \"aws_s3_bucket\""));
    assert_eq!(
        root.query_selector_all("#export-panel .is-added, #export-panel .is-removed-before")
            .unwrap()
            .length(),
        0,
        "another tab is another text, not a change to mark"
    );
    let tab = find(&root, "export-tab-terraform");
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("ArrowRight");
    init.set_bubbles(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    tab.dispatch_event(&event).unwrap();
    yew::scheduler::flush().await;
    assert_eq!(
        find(&root, "export-tab-cloudformation")
            .get_attribute("aria-selected")
            .as_deref(),
        Some("true")
    );
    assert!(text(&root, "export-cloudformation").contains("AWS::S3::Bucket"));
}

#[wasm_bindgen_test]
async fn object_lock_and_partition_flow_into_every_output() {
    let root = mount_at("?bucket=lock-test").await;
    assert!(root
        .query_selector("[data-testid=retention-days]")
        .unwrap()
        .is_none());
    choose(&root, "object-lock", "compliance").await;
    assert!(root
        .query_selector("[data-testid=retention-days]")
        .unwrap()
        .is_some());
    assert!(text(&root, "export-cli").contains("COMPLIANCE"));
    choose(&root, "partition", "aws-cn").await;
    let json = text(&root, "policy-json");
    assert!(json.contains("arn:aws-cn:s3:::lock-test"), "{json}");
    assert!(!json.contains("arn:aws:s3"), "{json}");
    let query = options_written().await;
    assert!(query.contains("partition=aws-cn"), "{query}");
}

/// A Region from a link that is not one of the partition's stays selected and visible, with its
/// problem, until the user picks a real one; then the stray choice goes.
#[wasm_bindgen_test]
async fn a_region_from_a_link_that_is_no_choice_stays_visible_with_its_problem() {
    let root = mount_at("?bucket=region-test&region=nowhere-1").await;
    let select: web_sys::HtmlSelectElement = find(&root, "region").dyn_into().unwrap();
    assert_eq!(select.value(), "nowhere-1");
    let last = select
        .item(select.length() - 1)
        .expect("the stray choice is listed last");
    assert_eq!(last.text_content().as_deref(), Some("nowhere-1"));
    assert!(text(&root, "region-problem").contains("nowhere-1"));
    choose(&root, "region", "eu-west-1").await;
    assert_eq!(select.value(), "eu-west-1");
    assert!(root
        .query_selector("[data-testid=region-problem]")
        .unwrap()
        .is_none());
    let stray = root
        .query_selector("#region option[value=nowhere-1]")
        .unwrap();
    assert!(
        stray.is_none(),
        "the stray choice is gone once a real one is picked"
    );
}

/// The code blocks are patched line by line in the DOM, outside Yew's diff: after every change of
/// a long, mixed run, each block must show exactly the text the core derives for the options the
/// page holds (the reducer, applied to the same actions, is the oracle).
#[wasm_bindgen_test]
async fn code_blocks_always_show_exactly_the_derived_text() {
    use s3_policy_playground::policy::{derive, Preset};
    use s3_policy_playground::ui::state::{Action, State, Text, Toggle};
    use std::rc::Rc;
    use yew::Reducible;

    /// What a `<code>` shows: each line followed by a newline.
    fn shown(text: &str) -> String {
        text.lines().map(|l| format!("{l}\n")).collect()
    }

    /// Each line's child nodes, one per line: what `innerHTML` cannot show (a text split in two
    /// nodes, or an empty one), which the in-place edits index by position.
    fn node_structure(wrapper: &Element) -> String {
        let mut out = String::new();
        let lines = wrapper.children();
        for i in 0..lines.length() {
            let nodes = lines.item(i).unwrap().child_nodes();
            for k in 0..nodes.length() {
                let node = nodes.item(k).unwrap();
                let kind = node
                    .dyn_ref::<Element>()
                    .map_or("#text".to_string(), |e| e.class_name());
                out.push_str(&format!(
                    "[{kind}:{:?}]",
                    node.text_content().unwrap_or_default()
                ));
            }
            out.push('\n');
        }
        out
    }

    /// The lines' markup as the browser parses it from scratch: each line of `text` with the mark
    /// the diff from `before` gives it, as `highlight` writes a block; and its node structure.
    fn fresh_lines(before: &str, text: &str, json: bool) -> (String, String) {
        use s3_policy_playground::ui::highlight::{diff_lines, push_line_html};
        let old: Vec<&str> = before.lines().collect();
        let new: Vec<&str> = text.lines().collect();
        let mut html = String::new();
        for (line, mark) in new.iter().zip(diff_lines(&old, &new)) {
            push_line_html(&mut html, line, mark, json);
        }
        let scratch = web_sys::window()
            .unwrap()
            .document()
            .unwrap()
            .create_element("span")
            .unwrap();
        scratch.set_inner_html(&html);
        (scratch.inner_html(), node_structure(&scratch))
    }

    /// The lines of a block as they are in the page, after any number of patches.
    fn patched_lines(root: &Element, testid: &str) -> (String, String) {
        let wrapper = find(root, testid)
            .first_element_child()
            .expect("the lines' wrapper");
        (wrapper.inner_html(), node_structure(&wrapper))
    }

    let root = mount_at("?bucket=patch-test").await;
    let mut state = Rc::new(State::new(
        s3_policy_playground::policy::query::from_query("?bucket=patch-test").options,
    ));
    let first = derive(&state.options).outputs.expect("a valid bucket");
    // What each block showed before the change: its marks are relative to it.
    let mut before = [
        first.policy_json.clone(),
        first.lifecycle_json.clone().unwrap_or_default(),
        first.cli_script.clone(),
    ];
    let presets = [Preset::Hardened, Preset::FaqStandard, Preset::FaqSecure];
    for i in 0..60 {
        let action = match i % 6 {
            0 => {
                let name = format!("patch-{}", i * 7919 % 1000);
                type_into(&root, "bucket-name", &name).await;
                Action::SetText(Text::Bucket, name)
            }
            1 => {
                click(&root, "allow-delete").await;
                Action::SetToggle(Toggle::AllowDelete, !state.options.allow_delete)
            }
            2 => {
                click(&root, "versioning").await;
                Action::SetToggle(Toggle::Versioning, !state.options.versioning)
            }
            _ => {
                let preset = presets[i % 3];
                click(&root, &format!("preset-{}", preset.id())).await;
                Action::ApplyPreset(preset)
            }
        };
        state = state.reduce(action);
        let outputs = derive(&state.options)
            .outputs
            .expect("every step has a valid bucket");
        assert_eq!(
            text(&root, "policy-json"),
            shown(&outputs.policy_json),
            "step {i}"
        );
        let rule_hidden = find(&root, "lifecycle-json")
            .closest("[hidden]")
            .unwrap()
            .is_some();
        let no_rule = root
            .query_selector("[data-testid=lifecycle-none]")
            .unwrap()
            .and_then(|p| p.text_content());
        match &outputs.lifecycle_json {
            Some(json) => {
                assert_eq!(text(&root, "lifecycle-json"), shown(json), "step {i}");
                assert!(
                    !rule_hidden && no_rule.is_none(),
                    "step {i}: the rule is shown"
                );
            }
            None => {
                assert!(
                    rule_hidden,
                    "step {i}: no rule, so the (empty) block is hidden"
                );
                assert_eq!(text(&root, "lifecycle-json"), "", "step {i}");
                assert!(
                    no_rule.is_some_and(|t| t.starts_with("No lifecycle rule")),
                    "step {i}"
                );
            }
        }
        assert_eq!(
            text(&root, "export-cli"),
            shown(&outputs.cli_script),
            "step {i}"
        );
        let lines = root
            .query_selector_all("[data-testid=policy-json] .pg-code__line")
            .unwrap()
            .length() as usize;
        assert_eq!(lines, outputs.policy_json.lines().count(), "step {i}");
        // Line by line, the patched markup (marks, titles, JSON runs) is what a fresh render of
        // the same change would show: lines edited in place included.
        let now = [
            outputs.policy_json.clone(),
            outputs.lifecycle_json.clone().unwrap_or_default(),
            outputs.cli_script.clone(),
        ];
        for (k, (testid, json)) in [
            ("policy-json", true),
            ("lifecycle-json", true),
            ("export-cli", false),
        ]
        .into_iter()
        .enumerate()
        {
            if before[k] != now[k] {
                assert_eq!(
                    patched_lines(&root, testid),
                    fresh_lines(&before[k], &now[k], json),
                    "step {i}: {testid}"
                );
            }
        }
        before = now;
    }
    // Another export tab, then back: whole texts, none marked as changed.
    click(&root, "export-tab-terraform").await;
    let outputs = derive(&state.options).outputs.unwrap();
    assert_eq!(text(&root, "export-terraform"), shown(&outputs.terraform));
    click(&root, "export-tab-cli").await;
    assert_eq!(text(&root, "export-cli"), shown(&outputs.cli_script));
}

/// A preset sets the days fields from outside: each shows the preset's value, even over a
/// half-typed bad number, and the bad number's problem goes.
#[wasm_bindgen_test]
async fn a_preset_overwrites_the_days_fields() {
    use s3_policy_playground::policy::{Options, Preset};
    let root = mount_at("?bucket=days-test").await;
    type_into(&root, "lifecycle-days", "3x").await;
    assert!(root
        .query_selector("[data-testid=lifecycle-days-problem]")
        .unwrap()
        .is_some());
    click(&root, "preset-hardened").await;
    let hardened = Options::from_preset(Preset::Hardened, "days-test");
    let field: HtmlInputElement = find(&root, "lifecycle-days").dyn_into().unwrap();
    let expected = hardened
        .noncurrent_days
        .map(|d| d.to_string())
        .unwrap_or_default();
    assert_eq!(field.value(), expected);
    assert!(root
        .query_selector("[data-testid=lifecycle-days-problem]")
        .unwrap()
        .is_none());
    // Typing a number that means the same value keeps the text as typed.
    type_into(&root, "lifecycle-days", &format!("0{expected}")).await;
    let field: HtmlInputElement = find(&root, "lifecycle-days").dyn_into().unwrap();
    assert_eq!(field.value(), format!("0{expected}"));
}

/// Any URL, then anything typed into the text fields, gives a working page: no panic, and the
/// policy block shows exactly what the core derives from the same options (the policy, or the
/// waiting message listing every problem). 80 URLs from a fixed seed, so a failure reproduces;
/// `tests/fuzz_core.rs` and `fuzz/` fuzz the core itself far harder, this holds the page's view
/// code to the same inputs.
#[wasm_bindgen_test]
async fn any_url_and_any_typing_gives_a_working_page() {
    use s3_policy_playground::policy::derive;
    use s3_policy_playground::policy::query::{from_query, PARAMETERS};
    use s3_policy_playground::ui::highlight::code_spans;
    use s3_policy_playground::ui::state::{Action, State, Text};
    use std::rc::Rc;
    use yew::Reducible;

    /// xorshift64*: a fixed sequence of pseudo-random numbers, no dependency.
    struct Rng(u64);
    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
        }
        fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
            from[self.below(from.len())]
        }
    }

    const VALUES: [&str; 30] = [
        "",
        "site-backups",
        "site-backups/wp/",
        "My_Bucket",
        "a%2",
        "%E2%82",
        "%F0%9F%98%80",
        "%00",
        "%0A",
        "%3Cscript%3E",
        "+",
        "..",
        "a//b",
        "${aws:username}",
        "xn--abc",
        "192.168.5.4",
        "hardened",
        "faq-standard",
        "1",
        "0",
        "yes",
        "maybe",
        "4294967296",
        "-1",
        "aws-us-gov",
        "aws-cn",
        "cn-north-1",
        "governance",
        "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    ];
    const TYPED: [&str; 10] = [
        "new-bucket",
        "UPPER",
        "bucket\ttab",
        "emoji-😀",
        "a/b/c",
        "-s3alias",
        "<b>bold</b>",
        "\u{202e}rtl",
        "",
        "x",
    ];
    let fields = [
        ("bucket-name", Text::Bucket),
        ("prefix", Text::Prefix),
        ("user-name", Text::UserName),
        ("policy-name", Text::PolicyName),
        ("kms-key", Text::KmsKeyArn),
    ];

    /// What the policy block must show for `state`'s options.
    fn expected(state: &State) -> String {
        let derived = derive(&state.options);
        match &derived.outputs {
            Some(outputs) => outputs
                .policy_json
                .lines()
                .map(|l| format!("{l}\n"))
                .collect(),
            None => {
                let mut text = "No policy is shown until every option is valid:".to_string();
                for problem in &derived.problems {
                    text.extend(
                        code_spans(&problem.message)
                            .into_iter()
                            .map(|(_, part)| part),
                    );
                }
                text
            }
        }
    }

    let mut rng = Rng(0x5eed_2026_1129);
    let document = web_sys::window().unwrap().document().unwrap();
    for round in 0..80 {
        let mut query = String::from("?");
        for i in 0..rng.below(7) {
            if i > 0 {
                query.push('&');
            }
            let key = if rng.below(8) == 0 {
                "colour"
            } else {
                rng.pick(&PARAMETERS)
            };
            query.push_str(&format!("{key}={}", rng.pick(&VALUES)));
        }
        let (root, app) = mount_with_handle_at(&query).await;

        let mut state = Rc::new(State::new(from_query(&query).options));
        assert_eq!(text(&root, "policy-json"), expected(&state), "{query}");
        let (testid, field) = fields[rng.below(fields.len())];
        let typed = rng.pick(&TYPED);
        type_into(&root, testid, typed).await;
        state = state.reduce(Action::SetText(field, typed.to_string()));
        assert_eq!(
            text(&root, "policy-json"),
            expected(&state),
            "round {round}: {query}, then {typed:?} typed into {testid}"
        );
        assert!(document.get_element_by_id("pg-crash").is_none());
        app.destroy();
        root.remove();
    }
    // The last round's address-bar write is still waiting: drop it, so it cannot land in the
    // next test's URL.
    s3_policy_playground::ui::effects::cancel_query_write();
}
