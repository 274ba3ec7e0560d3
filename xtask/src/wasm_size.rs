//! Where a wasm module's bytes go: its function bodies grouped by the crate and module their names
//! start with, and its data segments, read from rustc's output (which keeps a `name` section).
//!
//! `cargo xtask bench --part size` puts the playground's groups beside the minimal Yew app's, so the
//! report says what stands between the playground and the size target, by how much.

use std::collections::BTreeMap;

/// Bytes of one module, by group.
#[derive(Debug, Default, PartialEq)]
pub struct Breakdown {
    /// Function bodies per group ([`group_of`]), concatenated so they can be compressed together.
    pub code: BTreeMap<String, Vec<u8>>,
    /// The data segments: string literals, tables, constants.
    pub data: Vec<u8>,
}

/// The group a function's name puts it in: our crate by its first two modules (`policy::eval`,
/// `ui::app`), the others by crate, the standard library as one.
pub fn group_of(name: &str) -> String {
    let name = demangle(name);
    let path = name.trim_start_matches(['<', '&', '*', '(', '[', ' ']);
    let path = path
        .strip_prefix("mut ")
        .or_else(|| path.strip_prefix("dyn "))
        .or_else(|| path.strip_prefix("const "))
        .unwrap_or(path);
    let path: String = path
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
        .collect();
    let mut segments = path.split("::").filter(|s| !s.is_empty());
    let krate = segments.next().unwrap_or("");
    match krate {
        "s3_policy_playground" => {
            let module: Vec<&str> = segments
                .take(2)
                .filter(|s| s.starts_with(|c: char| c.is_ascii_lowercase()))
                .collect();
            format!("ours: {}", module.join("::"))
        }
        "app" | "main" | "minimal_app" => "ours: main".to_string(),
        "yew" | "yew_macro" | "implicit_clone" => "Yew".to_string(),
        "wasm_bindgen"
        | "js_sys"
        | "web_sys"
        | "wasm_bindgen_futures"
        | "console_error_panic_hook" => "wasm-bindgen, js-sys, web-sys".to_string(),
        "dlmalloc" => "allocator (dlmalloc)".to_string(),
        "hashbrown" | "indexmap" | "slab" => "collections (hashbrown, indexmap, slab)".to_string(),
        "" => "unnamed".to_string(),
        k if k.starts_with("__wbindgen")
            || k.starts_with("__wbg")
            || k.starts_with("__externref") =>
        {
            "wasm-bindgen, js-sys, web-sys".to_string()
        }
        k if is_std(k) => "Rust std (core, alloc, std)".to_string(),
        other => other.to_string(),
    }
}

/// A readable path for a mangled name: legacy (`_ZN…E`) names in full, v0 (`_R…`) names by
/// their first crate only (enough to group them); any other name as it is.
pub fn demangle(name: &str) -> String {
    if let Some(rest) = name.strip_prefix("_ZN") {
        let mut segments: Vec<String> = Vec::new();
        let mut rest = rest;
        while let Some(digits) = rest.find(|c: char| !c.is_ascii_digit()).filter(|&d| d > 0) {
            let Ok(len) = rest[..digits].parse::<usize>() else {
                break;
            };
            let Some(end) = digits.checked_add(len) else {
                break;
            };
            let Some(segment) = rest.get(digits..end) else {
                break;
            };
            segments.push(unescape(segment));
            rest = &rest[end..];
        }
        if segments
            .last()
            .is_some_and(|s| s.len() == 17 && s.starts_with('h'))
        {
            segments.pop();
        }
        return segments.join("::");
    }
    if name.starts_with("_R") {
        return v0_crate(name).unwrap_or(name).to_string();
    }
    name.to_string()
}

/// The first crate root (`C`, an optional `s<hash>_`, then a length-prefixed name) in a v0 name.
fn v0_crate(name: &str) -> Option<&str> {
    let bytes = name.as_bytes();
    (0..bytes.len()).find_map(|i| {
        if bytes[i] != b'C' {
            return None;
        }
        let mut at = i + 1;
        if bytes.get(at) == Some(&b's') {
            at += 1 + bytes[at + 1..].iter().position(|&b| b == b'_')? + 1;
        }
        let digits = bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let len: usize = name.get(at..at + digits)?.parse().ok()?;
        let crate_name = name.get(at + digits..(at + digits).checked_add(len)?)?;
        crate_name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
            .then_some(crate_name)
    })
}

/// Legacy mangling's escapes (`$LT$`, `..` and the rest) back to their characters.
fn unescape(segment: &str) -> String {
    let mut out = String::new();
    let mut rest = if segment.starts_with("_$") {
        &segment[1..]
    } else {
        segment
    };
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("..") {
            out.push_str("::");
            rest = r;
        } else if let Some(end) = rest.strip_prefix('$').and_then(|r| r.find('$')) {
            let code = &rest[1..=end];
            out.push_str(match code {
                "LT" => "<",
                "GT" => ">",
                "RF" => "&",
                "BP" => "*",
                "C" => ",",
                "LP" => "(",
                "RP" => ")",
                "u20" => " ",
                "u27" => "'",
                "u5b" => "[",
                "u5d" => "]",
                "u7b" => "{",
                "u7d" => "}",
                "u7e" => "~",
                _ => "?",
            });
            rest = &rest[end + 2..];
        } else {
            let c = rest.chars().next().unwrap_or('?');
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// The standard library's crates and the primitive types whose methods it defines.
fn is_std(krate: &str) -> bool {
    matches!(
        krate,
        "core"
            | "alloc"
            | "std"
            | "compiler_builtins"
            | "__rustc"
            | "str"
            | "char"
            | "bool"
            | "f32"
            | "f64"
            | "u8"
            | "u16"
            | "u32"
            | "u64"
            | "u128"
            | "usize"
            | "i8"
            | "i16"
            | "i32"
            | "i64"
            | "i128"
            | "isize"
            | "T"
            | "I"
            | "F"
            | "A"
            | "K"
            | "V"
    ) || krate.starts_with("rust_")
        || krate.starts_with("__rust")
        // compiler-builtins' intrinsics: `__multi3`, `__udivti3`, …
        || krate.starts_with("__") && krate.ends_with(|c: char| c.is_ascii_digit())
        || krate == "memcpy"
        || krate == "memset"
        || krate == "memmove"
        || krate == "memcmp"
}

/// Reads `wasm`'s function bodies, their names and its data segments.
pub fn breakdown(wasm: &[u8]) -> Result<Breakdown, String> {
    let mut reader = Reader { bytes: wasm, at: 0 };
    if reader.take(8)? != b"\0asm\x01\0\0\0" {
        return Err("not a wasm module (version 1)".to_string());
    }
    let mut imported_functions = 0u32;
    let mut bodies: Vec<&[u8]> = Vec::new();
    let mut names: BTreeMap<u32, String> = BTreeMap::new();
    let mut data: Vec<u8> = Vec::new();
    while reader.at < wasm.len() {
        let id = reader.byte()?;
        let len = reader.leb()? as usize;
        let mut section = Reader {
            bytes: reader.take(len)?,
            at: 0,
        };
        match id {
            2 => imported_functions = count_imported_functions(&mut section)?,
            10 => {
                for _ in 0..section.leb()? {
                    let size = section.leb()? as usize;
                    bodies.push(section.take(size)?);
                }
            }
            11 => data.extend_from_slice(section.bytes),
            0 => {
                let name_len = section.leb()? as usize;
                if section.take(name_len)? == b"name" {
                    read_function_names(&mut section, &mut names)?;
                }
            }
            _ => {}
        }
    }
    let mut code: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for (index, body) in bodies.iter().enumerate() {
        let name = u32::try_from(index)
            .ok()
            .and_then(|i| names.get(&(i + imported_functions)));
        // wasm-bindgen reads these to write its JS glue and then deletes them: they never ship.
        if name.is_some_and(|n| n.starts_with("__wbindgen_describe")) {
            continue;
        }
        let group = name.map_or_else(|| "unnamed".to_string(), |n| group_of(n));
        code.entry(group).or_default().extend_from_slice(body);
    }
    Ok(Breakdown { code, data })
}

fn count_imported_functions(section: &mut Reader) -> Result<u32, String> {
    let mut functions = 0;
    for _ in 0..section.leb()? {
        for _ in 0..2 {
            let len = section.leb()? as usize;
            section.take(len)?;
        }
        match section.byte()? {
            0 => {
                section.leb()?;
                functions += 1;
            }
            1 => {
                section.byte()?;
                section.limits()?;
            }
            2 => section.limits()?,
            3 => {
                section.take(2)?;
            }
            4 => {
                section.byte()?;
                section.leb()?;
            }
            kind => return Err(format!("unknown import kind {kind}")),
        }
    }
    Ok(functions)
}

fn read_function_names(
    section: &mut Reader,
    names: &mut BTreeMap<u32, String>,
) -> Result<(), String> {
    while section.at < section.bytes.len() {
        let kind = section.byte()?;
        let len = section.leb()? as usize;
        let mut sub = Reader {
            bytes: section.take(len)?,
            at: 0,
        };
        if kind == 1 {
            for _ in 0..sub.leb()? {
                let index = sub.leb()?;
                let len = sub.leb()? as usize;
                let name = String::from_utf8_lossy(sub.take(len)?).into_owned();
                names.insert(index, name);
            }
        }
    }
    Ok(())
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end =
            end.ok_or_else(|| format!("truncated wasm: {n} bytes wanted at offset {}", self.at))?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn byte(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }

    fn leb(&mut self) -> Result<u32, String> {
        let mut value: u64 = 0;
        for shift in (0..35).step_by(7) {
            let byte = self.byte()?;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return u32::try_from(value).map_err(|_| "LEB128 number too large".to_string());
            }
        }
        Err("LEB128 number too long".to_string())
    }

    fn limits(&mut self) -> Result<(), String> {
        let flags = self.byte()?;
        self.leb()?;
        if flags & 1 == 1 {
            self.leb()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leb(mut n: u32, out: &mut Vec<u8>) {
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                out.push(byte);
                return;
            }
            out.push(byte | 0x80);
        }
    }

    fn section(id: u8, body: &[u8], out: &mut Vec<u8>) {
        out.push(id);
        leb(body.len() as u32, out);
        out.extend_from_slice(body);
    }

    fn name(text: &str, out: &mut Vec<u8>) {
        leb(text.len() as u32, out);
        out.extend_from_slice(text.as_bytes());
    }

    /// One imported function, three defined ones named in the `name` section (the last one of
    /// wasm-bindgen's describe functions, which never ship), one data segment.
    fn module() -> Vec<u8> {
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        let mut imports = vec![1];
        name("env", &mut imports);
        name("f", &mut imports);
        imports.extend_from_slice(&[0, 0]);
        section(2, &imports, &mut wasm);
        section(
            10,
            &[3, 3, 0, 0x41, 0x0b, 2, 0, 0x0b, 2, 0, 0x0b],
            &mut wasm,
        );
        section(11, b"\x01\x00\x41\x00\x0b\x05hello", &mut wasm);
        let mut names = Vec::new();
        name("name", &mut names);
        let mut functions = vec![3];
        leb(1, &mut functions);
        name(
            "s3_policy_playground::policy::eval::glob::matches::h0123",
            &mut functions,
        );
        leb(2, &mut functions);
        name(
            "<yew::html::component::lifecycle::CompStateInner<COMP> as yew::Stateful>::view",
            &mut functions,
        );
        leb(3, &mut functions);
        name(
            "__wbindgen_describe___wbg_open_fe06b1000ead7350",
            &mut functions,
        );
        names.push(1);
        leb(functions.len() as u32, &mut names);
        names.extend_from_slice(&functions);
        section(0, &names, &mut wasm);
        wasm
    }

    #[test]
    fn groups_bodies_by_the_name_after_the_imports() {
        let b = breakdown(&module()).expect("a valid module");
        assert_eq!(b.code.len(), 2, "the describe function is left out: {b:?}");
        assert_eq!(b.code["ours: policy::eval"], vec![0, 0x41, 0x0b]);
        assert_eq!(b.code["Yew"], vec![0, 0x0b]);
        assert!(b.data.ends_with(b"hello"));
    }

    #[test]
    fn a_truncated_module_is_an_error_not_a_panic() {
        let wasm = module();
        for len in 0..wasm.len() {
            let _ = breakdown(&wasm[..len]);
        }
        assert!(breakdown(&wasm[..20]).is_err());
        assert!(breakdown(b"not wasm").is_err());
    }

    #[test]
    fn legacy_names_demangle_in_full() {
        assert_eq!(
            demangle("_ZN69_$LT$yew..virtual_dom..vnode..VNode$u20$as$u20$core..clone..Clone$GT$5clone17h0123456789abcdefE"),
            "<yew::virtual_dom::vnode::VNode as core::clone::Clone>::clone"
        );
        assert_eq!(demangle("_ZN3app4main17h5130afff76c768f1E"), "app::main");
        assert_eq!(demangle("memcpy"), "memcpy");
        // Broken input comes back as far as it could be read, never a panic.
        assert_eq!(demangle("_ZN99abc"), "");
        assert_eq!(demangle("_ZN3abc18446744073709551615x"), "abc");
        assert_eq!(
            demangle("_RNvCs_18446744073709551615x"),
            "_RNvCs_18446744073709551615x"
        );
        assert_eq!(demangle("_R"), "_R");
        assert_eq!(demangle("_RNvCs"), "_RNvCs");
    }

    #[test]
    fn names_pick_their_group() {
        for (name, group) in [
            ("<s3_policy_playground::ui::app::App as yew::functional::FunctionProvider>::run::app::h6", "ours: ui::app"),
            ("s3_policy_playground::policy::derive::derive_with_spec::h0a4b", "ours: policy::derive"),
            ("s3_policy_playground::policy::Options::eq", "ours: policy"),
            ("core::ptr::drop_in_place<s3_policy_playground::policy::derive::Step>", "Rust std (core, alloc, std)"),
            ("<core[c5930c85a12de822]::fmt::Formatter>::pad", "Rust std (core, alloc, std)"),
            ("<str>::to_lowercase", "Rust std (core, alloc, std)"),
            ("<&mut T as core::fmt::Debug>::fmt", "Rust std (core, alloc, std)"),
            ("yew::scheduler::start", "Yew"),
            ("web_sys::features::gen_Node::Node::set_node_value", "wasm-bindgen, js-sys, web-sys"),
            ("<dlmalloc[e24a]::dlmalloc::Dlmalloc<A>>::malloc", "allocator (dlmalloc)"),
            ("app::main::h661f", "ours: main"),
            ("serde_json::de::from_str", "serde_json"),
            ("__wbindgen_describe___wbg_open_fe06b1000ead7350", "wasm-bindgen, js-sys, web-sys"),
            ("__multi3", "Rust std (core, alloc, std)"),
            (
                "_ZN88_$LT$s3_policy_playground..ui..app..App$u20$as$u20$yew..functional..FunctionProvider$GT$3run3app17h8a648be4d51fda26E",
                "ours: ui::app",
            ),
            ("_ZN20s3_policy_playground6policy4spec4Spec12from_options17h20020780c37c4ef2E", "ours: policy::spec"),
            ("_ZN3yew9scheduler4arch13run_scheduler17h30176da167172d28E", "Yew"),
            ("_RNvXs2_NtNtCsgXGp5Oqx2Ny_4core3num7dec2fltdNtNtNtB9_3str6traits7FromStr8from_str", "Rust std (core, alloc, std)"),
            ("_RNvMs3_NtCs5cOc02OMXlo_5alloc3stre12to_lowercase", "Rust std (core, alloc, std)"),
        ] {
            assert_eq!(group_of(name), group, "{name}");
        }
    }
}
