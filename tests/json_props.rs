//! Properties of the core's JSON module: its printers write exactly what serde_json writes, anything it
//! prints parses back to the same value, and its parser accepts exactly what serde_json accepts.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use proptest::sample::select;
use s3_policy_playground::policy::json::{parse, Map, Value};

/// serde_json values as the core builds them: integers, any strings (control characters and all), nested
/// arrays and objects whose keys may repeat.
fn serde_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value as J;
    let leaf = prop_oneof![
        Just(J::Null),
        any::<bool>().prop_map(J::Bool),
        any::<i64>().prop_map(J::from),
        any::<u64>().prop_map(J::from),
        any::<String>().prop_map(J::String),
        "[\\x00-\\x1f\"\\\\/a\u{7f}\u{2028}é😀]{0,8}".prop_map(J::String),
        select(vec!["Allow", "s3:GetObject", "arn:aws:s3:::b/*", ""]).prop_map(J::from),
    ];
    let keys = prop_oneof![
        select(vec!["Effect", "Action", "a", "", "\"\\\n"]).prop_map(str::to_owned),
        any::<String>(),
    ];
    leaf.prop_recursive(5, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(J::Array),
            prop::collection::vec((keys.clone(), inner), 0..6)
                .prop_map(|entries| J::Object(entries.into_iter().collect())),
        ]
    })
}

/// The same value built with the core's types (never through a parser).
fn ours(value: &serde_json::Value) -> Value {
    use serde_json::Value as J;
    match value {
        J::Null => Value::Null,
        J::Bool(b) => Value::Bool(*b),
        J::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => Value::from(i),
            (None, Some(u)) => Value::from(u),
            (None, None) => panic!("the generator makes integers only, got {n}"),
        },
        J::String(s) => Value::String(s.clone()),
        J::Array(items) => Value::Array(items.iter().map(ours).collect()),
        J::Object(entries) => {
            let mut map = Map::new();
            for (k, v) in entries {
                map.insert(k.clone(), ours(v));
            }
            Value::Object(map)
        }
    }
}

/// Text shaped like JSON, right or nearly: tokens, white space, escapes, numbers of every form, stray bytes.
fn json_like_text() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        select(vec![
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\"",
            "\"a\"",
            "\"Statement\"",
            "true",
            "false",
            "null",
            "tru",
            "nul",
            "True",
            "0",
            "-0",
            "01",
            "1.5",
            "-2.50",
            "1e3",
            "1E+3",
            "1e-3",
            "1.",
            "-",
            "+1",
            ".5",
            "1e",
            "\\",
            "\\n",
            "\\u00e9",
            "\\ud83d\\ude00",
            "\\ud83d",
            "\\ude00",
            "\\u12",
            "\\x",
            "'",
            " ",
            "\n",
            "\t",
            "\r\n",
            "\u{feff}",
            "é",
            "😀",
            "\u{1}",
            "/",
            "//",
            "#",
        ])
        .prop_map(str::to_owned),
        "\"[a-z\\\\\"/ ]{0,6}\"",
        "[0-9]{1,4}",
        "\\PC",
    ];
    prop::collection::vec(token, 0..40).prop_map(|parts| parts.concat())
}

/// The 1-based line and column of every character, and one past the end, for checking error positions.
fn in_text(text: &str, line: usize, column: usize) -> bool {
    let lines: Vec<&str> = text.split('\n').collect();
    line >= 1
        && column >= 1
        && lines
            .get(line - 1)
            .is_some_and(|l| column <= l.chars().count() + 1)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn printers_match_serde_json(value in serde_value()) {
        let ours = ours(&value);
        prop_assert_eq!(ours.to_pretty(), serde_json::to_string_pretty(&value).unwrap());
        prop_assert_eq!(ours.to_string(), serde_json::to_string(&value).unwrap());
    }

    #[test]
    fn printed_values_parse_back(value in serde_value()) {
        let ours = ours(&value);
        prop_assert_eq!(parse(&ours.to_pretty()), Ok(ours.clone()));
        prop_assert_eq!(parse(&ours.to_string()), Ok(ours));
    }

    #[test]
    fn parses_what_serde_json_parses(value in serde_value()) {
        // serde_json's own output, and the same value in a different shape of white space.
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        let spaced = pretty.replace('\n', "\r\n\t ");
        for text in [serde_json::to_string(&value).unwrap(), pretty, spaced] {
            let parsed = parse(&text);
            prop_assert_eq!(parsed, Ok(ours(&value)), "{}", text);
        }
    }

    #[test]
    fn accepts_exactly_what_serde_json_accepts(text in json_like_text()) {
        let theirs = serde_json::from_str::<serde_json::Value>(&text);
        match parse(&text) {
            // serde_json refuses numbers beyond f64's range (`1e310`); the core keeps every number as text.
            Ok(_) if theirs.as_ref().is_err_and(|e| e.to_string().starts_with("number out of range")) => {}
            Ok(value) => {
                // The same value: serde_json reads our compact text (numbers kept as written) as it read
                // the input.
                let theirs = theirs.map_err(|e| TestCaseError::fail(format!("serde_json refuses {text:?}: {e}")))?;
                let again: serde_json::Value = serde_json::from_str(&value.to_string()).unwrap();
                prop_assert_eq!(again, theirs, "{:?}", text);
            }
            Err(e) => {
                prop_assert!(theirs.is_err(), "serde_json accepts {:?}, we say {}", text, e);
                prop_assert!(in_text(&text, e.line, e.column), "{} is outside {:?}", e, text);
                let first = e.message.chars().next();
                prop_assert!(first.is_some_and(|c| !c.is_uppercase()) && !e.message.ends_with('.'), "{}", e);
            }
        }
    }

    #[test]
    fn never_panics_on_any_text(text in any::<String>(), depth in 0usize..400) {
        let _ = parse(&text);
        let nested = format!("{}{text}{}", "[".repeat(depth), "]".repeat(depth));
        let _ = parse(&nested);
        let objects = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        prop_assert_eq!(parse(&objects).is_ok(), depth <= 128);
    }
}
