//! End-to-end tests: the built `dist/` served on 127.0.0.1 and driven in headless Chromium.
#![cfg(not(target_arch = "wasm32"))]

mod harness;

use harness::{Error, Session};

/// What a flow saw; gathered first, asserted after the browser is closed.
#[derive(Debug, Default)]
struct Seen {
    waiting: String,
    typed: String,
    with_delete: String,
    invalid_json: String,
    problem: String,
    invalid_attr: Option<String>,
}

async fn type_bucket_and_toggle_delete() -> Result<Seen, Error> {
    let session = Session::start(&[], 1280, 900).await?;
    let result = async {
        session.open("/").await?;
        let mut seen = Seen {
            waiting: session.text("policy-json").await?,
            ..Seen::default()
        };
        let bucket = session.find("bucket-name").await?;
        bucket.send_keys("site-backups").await?;
        seen.typed = session.text("policy-json").await?;
        session.find("allow-delete").await?.click().await?;
        seen.with_delete = session.text("policy-json").await?;
        bucket.send_keys("_X").await?;
        seen.invalid_json = session.text("policy-json").await?;
        seen.problem = session.text("bucket-name-problem").await?;
        seen.invalid_attr = bucket.attr("aria-invalid").await?;
        Ok::<Seen, Error>(seen)
    }
    .await;
    session.close().await?;
    result
}

#[tokio::test(flavor = "multi_thread")]
async fn typing_a_bucket_and_flipping_delete_updates_the_policy() {
    let seen = type_bucket_and_toggle_delete()
        .await
        .expect("the browser flow ran");
    assert!(
        seen.waiting.to_lowercase().contains("bucket"),
        "{}",
        seen.waiting
    );
    assert!(
        seen.typed.contains("\"arn:aws:s3:::site-backups\""),
        "{}",
        seen.typed
    );
    assert!(
        seen.typed.contains("\"arn:aws:s3:::site-backups/*\""),
        "{}",
        seen.typed
    );
    assert!(
        !seen.typed.contains("s3:DeleteObject"),
        "delete is off by default: {}",
        seen.typed
    );
    assert!(
        seen.with_delete.contains("\"s3:DeleteObject\""),
        "{}",
        seen.with_delete
    );
    assert!(
        !seen.invalid_json.contains("arn:aws:s3"),
        "no policy for an invalid name: {}",
        seen.invalid_json
    );
    assert!(seen.problem.contains("site-backups_X"), "{}", seen.problem);
    assert_eq!(seen.invalid_attr.as_deref(), Some("true"));
}
