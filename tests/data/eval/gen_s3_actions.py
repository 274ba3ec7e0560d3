#!/usr/bin/env python3
"""Writes src/policy/eval/s3_actions.rs from tests/data/aws/s3-actions.json.

Run from the repository root:  python3 tests/data/eval/gen_s3_actions.py
tests/eval_s3_actions.rs checks that the Rust table equals the JSON.
"""
import json
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[3]
SRC = ROOT / "tests/data/aws/s3-actions.json"
OUT = ROOT / "src/policy/eval/s3_actions.rs"

LEVELS = {
    "List": "List",
    "Read": "Read",
    "Write": "Write",
    "Permissions management": "PermissionsManagement",
    "Tagging": "Tagging",
}

data = json.loads(SRC.read_text())
src = data["source"]
newer = data.get("newer_source")
lines = [
    "//! AWS's full list of S3 IAM actions with their access level and resource types, generated: do not edit.",
    "//!",
    f"//! Generated from `tests/data/aws/s3-actions.json` ({src['package']} {src['version']}, extracted {src['extracted']}),",
    *(
        [
            f"//! with the {len(newer['added'])} actions it lacks from {newer['package']} {newer['version']},",
        ]
        if newer
        else []
    ),
    "//! AWS's Service Authorization Reference for Amazon S3:",
    "//! <https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html>.",
    "//! Regenerate with `python3 tests/data/eval/gen_s3_actions.py`; `tests/eval_s3_actions.rs` checks it equals the JSON.",
    "",
    "/// How AWS classifies an action (the \"Access level\" column).",
    "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]",
    "pub enum AccessLevel {",
    "    /// Lists resources.",
    "    List,",
    "    /// Reads data or configuration.",
    "    Read,",
    "    /// Creates, changes or deletes data or configuration.",
    "    Write,",
    "    /// Changes who may do what (policies, ACLs, access points).",
    "    PermissionsManagement,",
    "    /// Adds or removes tags.",
    "    Tagging,",
    "}",
    "",
    "impl AccessLevel {",
    "    /// The words AWS's table uses.",
    "    pub fn as_str(self) -> &'static str {",
    "        match self {",
    "            AccessLevel::List => \"List\",",
    "            AccessLevel::Read => \"Read\",",
    "            AccessLevel::Write => \"Write\",",
    "            AccessLevel::PermissionsManagement => \"Permissions management\",",
    "            AccessLevel::Tagging => \"Tagging\",",
    "        }",
    "    }",
    "}",
    "",
    "/// One S3 action: its name without the `s3:` prefix, its access level and the resource types it takes",
    "/// (empty: it takes no resource type, so only `\"Resource\": \"*\"` grants it).",
    "#[derive(Debug, Clone, Copy, PartialEq, Eq)]",
    "pub struct S3ActionInfo {",
    "    /// The name without `s3:`, for example `GetObject`.",
    "    pub name: &'static str,",
    "    /// The access level.",
    "    pub access_level: AccessLevel,",
    "    /// The resource type names (`bucket`, `object`, ...), sorted.",
    "    pub resource_types: &'static [&'static str],",
    "}",
    "",
    "use AccessLevel::{List, PermissionsManagement, Read, Tagging, Write};",
    "",
    "/// Keeps the table below one line per action.",
    "const fn act(",
    "    name: &'static str,",
    "    access_level: AccessLevel,",
    "    resource_types: &'static [&'static str],",
    ") -> S3ActionInfo {",
    "    S3ActionInfo { name, access_level, resource_types }",
    "}",
    "",
    "/// Every S3 action, sorted by name.",
    "#[rustfmt::skip]",
    "pub const S3_ACTIONS: &[S3ActionInfo] = &[",
]
for name in sorted(data["actions"]):
    a = data["actions"][name]
    types = ", ".join(f'"{t}"' for t in a["resource_types"])
    lines.append(f'    act("{name}", {LEVELS[a["access_level"]]}, &[{types}]),')
lines += [
    "];",
    "",
    "/// Every S3 resource type with its ARN template.",
    "pub const S3_RESOURCE_TYPES: &[(&str, &str)] = &[",
]
for name in sorted(data["resource_types"]):
    lines.append(f'    ("{name}", "{data["resource_types"][name]}"),')
lines += [
    "];",
    "",
    "/// Looks an action up by its policy name (`s3:GetObject`); case does not matter, as in IAM.",
    "///",
    "/// ```",
    "/// use s3_policy_playground::policy::eval::s3_actions::s3_action;",
    "/// assert_eq!(s3_action(\"S3:getobject\").map(|a| a.resource_types), Some(&[\"accesspointobject\", \"object\"][..]));",
    "/// assert!(s3_action(\"s3:GetObjects\").is_none());",
    "/// ```",
    "pub fn s3_action(action: &str) -> Option<&'static S3ActionInfo> {",
    "    let (service, name) = action.split_once(':')?;",
    "    if !service.eq_ignore_ascii_case(\"s3\") {",
    "        return None;",
    "    }",
    "    S3_ACTIONS.iter().find(|a| a.name.eq_ignore_ascii_case(name))",
    "}",
    "",
]
OUT.write_text("\n".join(lines))
# The checked-in file is rustfmt-formatted, so `cargo fmt --check` stays clean.
subprocess.run(["rustfmt", "--edition", "2021", str(OUT)], check=True)
print(f"wrote {OUT} ({len(data['actions'])} actions)")
