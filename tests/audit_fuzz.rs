//! Fuzzes the audit parser: any bytes in, a report out (a value or an error), never a panic.
//!
//! A small deterministic PRNG (xorshift64*) drives three generators: random bytes, mutations of real policies, and
//! policies assembled from IAM-shaped fragments. The number of inputs run is printed (`-- --nocapture`).
#![cfg(not(target_arch = "wasm32"))]

use s3_policy_playground::policy::audit::audit;
use s3_policy_playground::policy::eval::{evaluate, PolicyDocument, Request};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const SEEDS: [&str; 3] = [
    r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:ListBucket", "s3:GetBucketLocation", "s3:ListBucketMultipartUploads"], "Resource": "arn:aws:s3:::mybucket", "Condition": {}}, {"Effect": "Allow", "Action": ["s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject", "s3:PutObjectAcl"], "Resource": "arn:aws:s3:::mybucket/*", "Condition": {}}, {"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*", "Condition": {}}]}"#,
    r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:ListBucket", "s3:GetBucketLocation"], "Resource": "arn:aws:s3:::mybucket", "Condition": {"StringLike": {"s3:prefix": "site1/*"}}}, {"Effect": "Deny", "NotAction": "s3:Get*", "NotResource": ["arn:aws:s3:::mybucket/*"], "Condition": {"ForAllValues:StringNotLike": {"aws:TagKeys": ["a*", "b?"]}, "NumericLessThanIfExists": {"s3:max-keys": 10}, "Null": {"x": "true"}}}, {"Sid": "x", "Effect": "Allow", "Principal": {"AWS": ["*", "123456789012"]}, "Action": "s3:*", "Resource": "arn:aws:s3:::${aws:username}/*"}]}"#,
    r#"{"Statement": {"Effect": "Allow", "Action": "s3:GetObjects", "Resource": "*"}}"#,
];

const FRAGMENTS: [&str; 40] = [
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\"Version\"",
    "\"2012-10-17\"",
    "\"Statement\"",
    "\"Effect\"",
    "\"Allow\"",
    "\"Deny\"",
    "\"Action\"",
    "\"NotAction\"",
    "\"Resource\"",
    "\"NotResource\"",
    "\"Condition\"",
    "\"Principal\"",
    "\"s3:*\"",
    "\"s3:Get?bject\"",
    "\"*\"",
    "\"arn:aws:s3:::b/*\"",
    "\"arn:aws:s3:::*:*?\"",
    "\"StringLike\"",
    "\"ForAnyValue:StringNotEqualsIfExists\"",
    "\"Null\"",
    "\"Bool\"",
    "\"aws:SecureTransport\"",
    "\"${aws:username\"",
    "\"${*}${?}${$}\"",
    "true",
    "false",
    "null",
    "1e999",
    "-0.5",
    "\"\\u00e9\\ud83d\\ude00\"",
    " ",
    "\n",
    "\"\u{1F600}\"",
];

fn random_bytes(rng: &mut Rng) -> Vec<u8> {
    (0..rng.below(200)).map(|_| rng.next() as u8).collect()
}

fn mutate(rng: &mut Rng) -> Vec<u8> {
    let mut bytes = SEEDS[rng.below(SEEDS.len())].as_bytes().to_vec();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(4) {
            0 if at < bytes.len() => {
                bytes.remove(at);
            }
            1 if at < bytes.len() => bytes[at] = rng.next() as u8,
            2 => {
                let frag = FRAGMENTS[rng.below(FRAGMENTS.len())].as_bytes().to_vec();
                bytes.splice(at..at, frag);
            }
            _ => bytes.truncate(at),
        }
    }
    bytes
}

fn assemble(rng: &mut Rng) -> Vec<u8> {
    // A structurally plausible policy: each statement has an effect, actions and resources, sometimes a condition,
    // a principal or a random extra element, with values drawn from IAM-shaped (and some wrong) pools.
    let mut s = String::from("{");
    if rng.below(4) > 0 {
        s.push_str(rng.pick(&[
            "\"Version\": \"2012-10-17\", ",
            "\"Version\": \"2008-10-17\", ",
            "\"Version\": 1, ",
        ]));
    }
    s.push_str("\"Statement\": [");
    for i in 0..1 + rng.below(4) {
        if i > 0 {
            s.push(',');
        }
        let effect = rng.pick(&["\"Allow\"", "\"Allow\"", "\"Deny\"", "\"allow\""]);
        let action_key = rng.pick(&["\"Action\"", "\"Action\"", "\"NotAction\""]);
        let action = rng.pick(&[
            "\"s3:*\"",
            "\"*\"",
            "[\"s3:GetObject\", \"s3:Put*\"]",
            "\"s3:DeleteObject?ersion\"",
            "\"GetObject\"",
            "[\"s3:ListAllMyBuckets\"]",
            "\"ec2:*\"",
            "[\"s3:GetObjects\", \"s3:ListBucket\"]",
            "[]",
        ]);
        let resource_key = rng.pick(&["\"Resource\"", "\"Resource\"", "\"NotResource\""]);
        let resource = rng.pick(&[
            "\"*\"",
            "\"arn:aws:s3:::mybucket/*\"",
            "\"arn:aws:s3:::mybucket\"",
            "[\"arn:aws:s3:::*\", \"arn:aws:s3:::b?/x*\"]",
            "\"arn:aws:s3:::mybucket/site1/${aws:username}/*\"",
            "\"arn:aws:s3:::other/*\"",
            "7",
        ]);
        s.push_str(&format!(
            "{{\"Effect\": {effect}, {action_key}: {action}, {resource_key}: {resource}"
        ));
        if rng.below(2) == 0 {
            let condition = rng.pick(&[
                "{\"StringLike\": {\"s3:prefix\": [\"site1/*\", 3, true]}}",
                "{\"IpAddress\": {\"aws:SourceIp\": \"1.2.3.4/32\"}}",
                "{\"Bool\": {\"aws:SecureTransport\": false}, \"Null\": {\"s3:x\": [\"true\", \"maybe\"]}}",
                "{\"ForAllValues:StringNotLike\": {\"aws:TagKeys\": \"a*\"}}",
                "{\"NumericLessThanEqualsIfExists\": {\"s3:max-keys\": \"ten\"}}",
                "{\"ArnNotLike\": {\"aws:PrincipalArn\": \"arn:aws:iam::*\"}}",
                "{}", "[]",
            ]);
            s.push_str(&format!(", \"Condition\": {condition}"));
        }
        if rng.below(6) == 0 {
            s.push_str(rng.pick(&[
                ", \"Principal\": \"*\"",
                ", \"NotPrincipal\": {\"AWS\": \"1\"}",
                ", \"Sid\": \"S1\"",
                ", \"Extra\": 1",
            ]));
        }
        s.push('}');
    }
    s.push_str("]}");
    s.into_bytes()
}

#[test]
fn audit_never_panics() {
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let mut runs = 0usize;
    let mut parsed = 0usize;
    for i in 0..60_000 {
        let bytes = match i % 3 {
            0 => random_bytes(&mut rng),
            1 => mutate(&mut rng),
            _ => assemble(&mut rng),
        };
        let text = String::from_utf8_lossy(&bytes);
        let report = audit(&text, "mybucket/site1");
        runs += 1;
        for f in &report.findings {
            // The style of every message: lowercase start, no final full stop, no Rust type names.
            let m = &f.message;
            assert_eq!(m.chars().next().map(char::is_uppercase), Some(false), "{m}");
            assert!(!m.ends_with('.'), "{m}");
            // Policy text quoted in backticks (`StringLike`) may say anything.
            let prose: String = m.split('`').step_by(2).collect();
            assert!(
                !["Some(", "None", "String", "Vec<"]
                    .iter()
                    .any(|t| prose.contains(t)),
                "{m}"
            );
        }
        match (&report.policy, &report.error) {
            (Some(policy), None) => {
                parsed += 1;
                // A parsed policy also evaluates without panicking, on odd requests too.
                for (action, resource) in [
                    ("s3:GetObject", "arn:aws:s3:::mybucket/k"),
                    ("", ""),
                    ("*", "*"),
                ] {
                    let _ = evaluate(
                        &Request::new(action, resource),
                        std::slice::from_ref(policy),
                        Some(policy),
                    );
                }
            }
            (None, Some(e)) => {
                let msg = e.to_string();
                assert!(!msg.is_empty() && !msg.ends_with('.'), "{msg}");
                assert_eq!(
                    msg.chars().next().map(|c| c.is_uppercase()),
                    Some(false),
                    "{msg}"
                );
            }
            other => panic!("a report has a policy or an error, got {other:?}"),
        }
    }
    println!("audit fuzz: {runs} inputs run, {parsed} parsed as policies");
    assert!(
        parsed > 1_000,
        "the generators should produce many valid policies, got {parsed}"
    );
}

#[test]
fn parse_errors_carry_line_and_column() {
    let e = PolicyDocument::parse("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\" \"Action\": \"*\"}\n  ]\n}").unwrap_err();
    assert_eq!((e.line, e.column), (Some(4), Some(24)));
    assert!(
        e.to_string()
            .starts_with("line 4, column 24: this is not valid JSON here"),
        "{e}"
    );
}
