//! Lists the operations of the generated crate the harness reads responses for: each module of
//! its `src/operation/` and the unit struct that names the operation in it, written to
//! `$OUT_DIR/operations.rs` as an array of `read::<Operation>` functions.

use std::path::Path;

use quote::{format_ident, quote};

const CRATE: &str = "../../target/official/robomaker";

fn main() {
    let folder = Path::new(CRATE).join("src/operation");
    println!("cargo:rerun-if-changed={}", folder.display());
    let mut entries: Vec<_> = std::fs::read_dir(&folder)
        .unwrap_or_else(|err| panic!("{}: {err}; generate the crate first (see fuzz/README.md)", folder.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .collect();
    entries.sort();
    let readers = entries.iter().filter_map(|path| {
        let module = path.file_stem()?.to_str()?;
        let text = std::fs::read_to_string(path).ok()?;
        let name = text.lines().find_map(|line| line.strip_prefix("pub struct ")?.strip_suffix(';'))?;
        let (module, name) = (format_ident!("{module}"), format_ident!("{name}"));
        Some(quote! { read::<robomaker::operation::#module::#name> })
    });
    let code = quote! { const OPERATIONS: &[fn(&runtime::http::Response)] = &[#(#readers),*]; };
    let out = Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|err| panic!("OUT_DIR: {err}"))).join("operations.rs");
    std::fs::write(&out, code.to_string()).unwrap_or_else(|err| panic!("{}: {err}", out.display()));
}
