//! Options in a URL query (`?bucket=…&delete=0&versioning=1&lifecycle=30`), both ways.
//!
//! A shared link and the `s3-policy` CLI must print the same policy, so a parameter the URL leaves
//! out takes [`Options::default`], the same default the CLI starts from. A parameter that is
//! unknown, repeated or malformed is ignored with a [`Notice`] that says so; parsing never fails.
//!
//! ```
//! use s3_policy_playground::policy::query::{from_query, to_query};
//!
//! let parsed = from_query("?bucket=site-backups&delete=1&colour=red");
//! assert_eq!(parsed.options.bucket, "site-backups");
//! assert!(parsed.options.allow_delete);
//! assert_eq!(parsed.notices.len(), 1);
//! assert_eq!(from_query(&to_query(&parsed.options, false)).options, parsed.options);
//! ```

use super::{ObjectLockMode, Options, Partition, Preset};

/// The longest value we read from a URL; anything longer is a tampered link.
const MAX_VALUE_LEN: usize = 512;

/// A parameter we ignored, and why, in words for the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub parameter: String,
    pub message: String,
}

/// What a URL query held: the options, whether the page is embedded, and what was ignored.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    pub options: Options,
    pub embed: bool,
    pub notices: Vec<Notice>,
}

/// Every parameter name this module reads or writes, in the order it writes them.
pub const PARAMETERS: [&str; 22] = [
    "preset",
    "bucket",
    "prefix",
    "user",
    "policy",
    "versioning",
    "delete",
    "lifecycle",
    "expire",
    "keep",
    "abort",
    "acl",
    "create",
    "markers",
    "lock",
    "retention",
    "retention_action",
    "kms",
    "partition",
    "region",
    "tls",
    "embed",
];

/// Reads options from a query string (with or without the leading `?`).
pub fn from_query(query: &str) -> Parsed {
    let query = query.strip_prefix('?').unwrap_or(query);
    let pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key), decode(value))
        })
        .collect();
    let mut notices = Vec::new();
    // A preset sets every option first; the other parameters then adjust it, so
    // `?preset=hardened&delete=1` means "hardened, but with delete".
    let mut options = Options::default();
    for (key, value) in pairs.iter().filter(|(k, _)| k == "preset") {
        match Preset::from_id(value) {
            Some(preset) => options = Options::from_preset(preset, &options.bucket),
            None => notices.push(notice(
                key,
                format!(
                    "`{}` is not a preset (use {}): ignored",
                    shorten(value),
                    Preset::ALL.map(Preset::id).join(", ")
                ),
            )),
        }
    }
    if pairs.iter().filter(|(k, _)| k == "preset").count() > 1 {
        notices.push(notice(
            "preset",
            "`preset` appears more than once: the last valid one counts".to_owned(),
        ));
    }
    let mut embed = false;
    let mut seen: Vec<&str> = Vec::new();
    for (key, value) in &pairs {
        if key == "preset" {
            continue;
        }
        let Some(known) = PARAMETERS.iter().find(|p| **p == key.as_str()) else {
            notices.push(notice(
                key,
                format!("`{}` is not an option of this page: ignored", shorten(key)),
            ));
            continue;
        };
        if seen.contains(known) {
            notices.push(notice(
                key,
                format!("`{key}` appears more than once: the last valid one counts"),
            ));
        }
        seen.push(known);
        if value.chars().count() > MAX_VALUE_LEN {
            notices.push(notice(
                key,
                format!("`{key}` is longer than {MAX_VALUE_LEN} characters: ignored"),
            ));
            continue;
        }
        let applied = match *known {
            "bucket" => set_text(&mut options.bucket, value),
            "prefix" => set_text(&mut options.prefix, value),
            "user" => set_text(&mut options.user_name, value),
            "policy" => set_text(&mut options.policy_name, value),
            "versioning" => set_flag(&mut options.versioning, value),
            "delete" => set_flag(&mut options.allow_delete, value),
            "acl" => set_flag(&mut options.acl_actions, value),
            "create" => set_flag(&mut options.create_bucket, value),
            "embed" => set_flag(&mut embed, value),
            "markers" => set_flag(&mut options.remove_expired_delete_markers, value),
            "retention_action" => set_flag(&mut options.put_retention, value),
            "tls" => set_flag(&mut options.tls_only, value),
            "kms" => set_text(&mut options.kms_key_arn, value),
            "region" => set_text(&mut options.region, value),
            "retention" => set_days(&mut options.retention_days, value),
            "lock" => set_lock(&mut options.object_lock, value),
            "partition" => match Partition::from_id(value) {
                Some(p) => {
                    options.partition = p;
                    Ok(())
                }
                None if Partition::unsupported(value).is_some() => Err(
                    "aws, aws-cn or aws-us-gov (this tool does not cover the European Sovereign Cloud, `aws-eusc`, yet)",
                ),
                None => Err("aws, aws-cn or aws-us-gov"),
            },
            "lifecycle" => set_days(&mut options.noncurrent_days, value),
            "expire" => set_days(&mut options.expiration_days, value),
            "keep" => set_days(&mut options.newer_noncurrent_versions, value),
            _ => set_days(&mut options.abort_multipart_days, value),
        };
        if let Err(expected) = applied {
            notices.push(notice(
                key,
                format!("`{key}={}` is not {expected}: ignored", shorten(value)),
            ));
        }
    }
    Parsed {
        options,
        embed,
        notices,
    }
}

/// Writes the options as `key=value` pairs joined by `&` (a query string without its `?`: the page
/// writes them after `#`), leaving out what equals the default.
pub fn to_query(options: &Options, embed: bool) -> String {
    let default = Options::default();
    let mut parts: Vec<String> = Vec::new();
    let mut text = |key: &str, value: &str, default: &str| {
        if value != default || key == "bucket" {
            parts.push(format!("{key}={}", encode(value)));
        }
    };
    text("bucket", &options.bucket, &default.bucket);
    text("prefix", &options.prefix, &default.prefix);
    text("user", &options.user_name, &default.user_name);
    text("policy", &options.policy_name, &default.policy_name);
    text("kms", &options.kms_key_arn, &default.kms_key_arn);
    text("partition", options.partition.id(), default.partition.id());
    text("region", &options.region, &default.region);
    let mut flag = |key: &str, value: bool, default: bool| {
        if value != default {
            parts.push(format!("{key}={}", u8::from(value)));
        }
    };
    flag("versioning", options.versioning, default.versioning);
    flag("delete", options.allow_delete, default.allow_delete);
    flag("acl", options.acl_actions, default.acl_actions);
    flag("create", options.create_bucket, default.create_bucket);
    flag(
        "markers",
        options.remove_expired_delete_markers,
        default.remove_expired_delete_markers,
    );
    flag(
        "retention_action",
        options.put_retention,
        default.put_retention,
    );
    flag("tls", options.tls_only, default.tls_only);
    if options.object_lock != default.object_lock {
        parts.push(format!(
            "lock={}",
            options.object_lock.map_or("none", ObjectLockMode::id)
        ));
    }
    let mut days = |key: &str, value: Option<u32>, default: Option<u32>| {
        if value != default {
            parts.push(format!("{key}={}", value.unwrap_or(0)));
        }
    };
    days(
        "lifecycle",
        options.noncurrent_days,
        default.noncurrent_days,
    );
    days("expire", options.expiration_days, default.expiration_days);
    days(
        "keep",
        options.newer_noncurrent_versions,
        default.newer_noncurrent_versions,
    );
    days(
        "abort",
        options.abort_multipart_days,
        default.abort_multipart_days,
    );
    days("retention", options.retention_days, default.retention_days);
    if embed {
        parts.push("embed=1".to_string());
    }
    parts.join("&")
}

fn notice(parameter: &str, message: String) -> Notice {
    Notice {
        parameter: shorten(parameter),
        message,
    }
}

/// Cuts what we echo back to a length a person can read.
fn shorten(text: &str) -> String {
    const SHOWN: usize = 40;
    if text.chars().count() <= SHOWN {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(SHOWN).collect::<String>())
    }
}

fn set_text(field: &mut String, value: &str) -> Result<(), &'static str> {
    value.clone_into(field);
    Ok(())
}

fn set_flag(field: &mut bool, value: &str) -> Result<(), &'static str> {
    *field = match value {
        "1" | "true" | "on" | "yes" => true,
        "0" | "false" | "off" | "no" => false,
        _ => return Err("0 or 1"),
    };
    Ok(())
}

/// `governance`, `compliance`, or `none` (or empty) for no Object Lock.
fn set_lock(field: &mut Option<ObjectLockMode>, value: &str) -> Result<(), &'static str> {
    *field = match value {
        "" | "none" | "0" | "off" => None,
        other => Some(ObjectLockMode::from_id(other).ok_or("governance, compliance or none")?),
    };
    Ok(())
}

/// `0` (or empty) means "no rule", as `--lifecycle-days 0` does on the CLI.
fn set_days(field: &mut Option<u32>, value: &str) -> Result<(), &'static str> {
    if value.is_empty() {
        *field = None;
        return Ok(());
    }
    let days: u32 = value.parse().map_err(|_| "a whole number (0 for none)")?;
    *field = (days > 0).then_some(days);
    Ok(())
}

/// Decodes `application/x-www-form-urlencoded` text; bad escapes are kept as they are.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
                    .and_then(|h| std::str::from_utf8(h).ok())
                    // Two hex digits only: `from_str_radix` would also take a sign (`%+5`).
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                if let Some(byte) = hex {
                    out.push(byte);
                    i += 2;
                } else {
                    out.push(b'%');
                }
            }
            _ => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Encodes everything but RFC 3986's unreserved characters (and `/`, common in prefixes).
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_query_gives_the_defaults() {
        let parsed = from_query("");
        assert_eq!(parsed.options, Options::default());
        assert!(!parsed.embed);
        assert!(parsed.notices.is_empty());
    }

    #[test]
    fn a_preset_comes_first_and_parameters_adjust_it() {
        let parsed = from_query("?delete=1&preset=faq-secure&bucket=b-1");
        let mut expected = Options::from_preset(Preset::FaqSecure, "b-1");
        expected.allow_delete = true;
        assert_eq!(parsed.options, expected);
    }

    #[test]
    fn tampered_parameters_are_ignored_with_a_notice() {
        let parsed = from_query("?bucket=ok-name&delete=maybe&lifecycle=-3&zzz=1&preset=evil");
        assert_eq!(parsed.options.bucket, "ok-name");
        assert_eq!(parsed.options.allow_delete, Options::default().allow_delete);
        assert_eq!(
            parsed.options.noncurrent_days,
            Options::default().noncurrent_days
        );
        let params: Vec<&str> = parsed
            .notices
            .iter()
            .map(|n| n.parameter.as_str())
            .collect();
        assert_eq!(params, ["preset", "delete", "lifecycle", "zzz"]);
        assert!(parsed
            .notices
            .iter()
            .all(|n| n.message.ends_with("ignored")));
    }

    #[test]
    fn round_trips_through_the_url() {
        let mut options = Options::from_preset(Preset::Hardened, "my.bucket-1");
        options.prefix = "sites/blog one/".into();
        options.user_name = "backup+bot@example".into();
        options.noncurrent_days = None;
        let query = to_query(&options, true);
        let parsed = from_query(&query);
        assert_eq!(parsed.options, options, "{query}");
        assert!(parsed.embed);
        assert!(parsed.notices.is_empty(), "{:?}", parsed.notices);
    }

    #[test]
    fn round_trips_every_hardening_option() {
        let mut options = Options::from_preset(Preset::FaqSecure, "b-1");
        options.object_lock = Some(ObjectLockMode::Compliance);
        options.retention_days = Some(365);
        options.put_retention = true;
        options.kms_key_arn =
            "arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab".into();
        options.partition = Partition::AwsUsGov;
        options.region = "us-gov-west-1".into();
        options.tls_only = true;
        options.remove_expired_delete_markers = true;
        options.expiration_days = None;
        let query = to_query(&options, false);
        assert!(query.contains("lock=compliance"), "{query}");
        assert!(query.contains("partition=aws-us-gov"), "{query}");
        let parsed = from_query(&query);
        assert_eq!(parsed.options, options, "{query}");
        assert!(parsed.notices.is_empty(), "{:?}", parsed.notices);
        // The hardened preset's TLS-only bucket policy travels in the URL too.
        let hardened = Options::from_preset(Preset::Hardened, "b-1");
        let query = to_query(&hardened, false);
        assert!(query.contains("tls=1"), "{query}");
        assert_eq!(from_query(&query).options, hardened, "{query}");
        assert!(!from_query("?preset=hardened&tls=0").options.tls_only);
    }

    #[test]
    fn bad_hardening_values_are_ignored() {
        let parsed = from_query("?bucket=b&lock=forever&partition=mars&retention=x&lock=none");
        assert_eq!(parsed.options.object_lock, None);
        assert_eq!(parsed.options.partition, Partition::Aws);
        let params: Vec<&str> = parsed
            .notices
            .iter()
            .map(|n| n.parameter.as_str())
            .collect();
        assert_eq!(params, ["lock", "partition", "retention", "lock"]);
    }

    #[test]
    fn decodes_escapes_and_keeps_bad_ones() {
        assert_eq!(decode("a%20b+c%2Fd"), "a b c/d");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("%C3%A9"), "é");
        // A sign is not a hex digit: `%+5` is a bad escape, and `+` a space.
        assert_eq!(decode("100%+5"), "100% 5");
    }

    #[test]
    fn a_repeated_preset_is_noted_like_any_parameter() {
        let parsed = from_query("?preset=faq-standard&preset=hardened&bucket=b-1");
        assert_eq!(parsed.options.matching_preset(), Some(Preset::Hardened));
        assert!(parsed
            .notices
            .iter()
            .any(|n| n.message == "`preset` appears more than once: the last valid one counts"));
    }

    #[test]
    fn long_values_are_refused() {
        let long = "a".repeat(MAX_VALUE_LEN + 1);
        let parsed = from_query(&format!("bucket={long}"));
        assert_eq!(parsed.options.bucket, "");
        assert_eq!(parsed.notices.len(), 1);
    }
}
