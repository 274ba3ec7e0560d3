//! Native render tests of the page with Yew's server-side renderer: structure and accessibility.
#![cfg(not(target_arch = "wasm32"))]

use s3_policy_playground::ui::App;
use yew::ServerRenderer;

async fn render() -> String {
    ServerRenderer::<App>::new()
        .hydratable(false)
        .render()
        .await
}

#[tokio::test]
async fn every_control_has_a_label() {
    let html = render().await;
    for id in [
        "bucket-name",
        "allow-delete",
        "versioning",
        "lifecycle-days",
    ] {
        assert!(html.contains(&format!("id=\"{id}\"")), "no control #{id}");
        assert!(
            html.contains(&format!("for=\"{id}\"")),
            "no label for #{id}"
        );
    }
}

#[tokio::test]
async fn the_first_render_waits_for_a_bucket_and_shows_no_policy() {
    let html = render().await;
    assert!(html.contains("data-testid=\"policy-json\""));
    assert!(
        !html.contains("arn:aws:s3"),
        "no policy before a bucket is typed"
    );
}

#[tokio::test]
async fn every_preset_has_a_button() {
    let html = render().await;
    for preset in s3_policy_playground::policy::Preset::ALL {
        assert!(html.contains(&format!("data-testid=\"preset-{}\"", preset.id())));
        assert!(html.contains(preset.label()));
    }
}

#[tokio::test]
async fn the_headings_name_each_part_in_order() {
    let html = render().await;
    // Each `<h1>`/`<h2>` with its text, in document order: heading navigation meets the options first.
    let headings: Vec<&str> = html
        .split("<h")
        .skip(1)
        .filter(|rest| rest.starts_with('1') || rest.starts_with('2'))
        .filter_map(|rest| {
            rest.split_once('>')
                .and_then(|(_, after)| after.split_once("</h"))
        })
        .map(|(text, _)| text)
        .collect();
    assert_eq!(
        headings,
        [
            "S3 Backup Policy Playground",
            "Options",
            "Waiting for valid options"
        ]
    );
    assert!(html.contains(r#"aria-labelledby="options-heading""#));
}
