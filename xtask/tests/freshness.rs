//! `generated/` and the fixtures' expected crates must be exactly what the generator emits now.
//! Both checks go through `xtask::sync`, the code `cargo xtask codegen` writes with.

use codegen::Runtime;
use xtask::{
    fixture_names, options_for, runtime_at, sync, sync_fixture, workspace_root, Mode, DEFAULT_MODEL, DEFAULT_OUT,
};

#[test]
fn generated_crate_is_fresh() {
    let root = workspace_root();
    let options = options_for(&root.join(DEFAULT_OUT));
    let generated = xtask::generate(&root.join(DEFAULT_MODEL), &options).unwrap_or_else(|err| panic!("{err}"));
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    let files = generated.files;
    let report = sync(&root.join(DEFAULT_OUT), &files, Mode::Check).unwrap_or_else(|err| panic!("{err}"));
    assert!(report.is_fresh(), "generated/ is out of date:\n{report}run `cargo xtask codegen` to update it");
}

#[test]
fn fixture_crates_are_fresh() {
    let root = workspace_root();
    let names = fixture_names(&root).unwrap_or_else(|err| panic!("{err}"));
    assert!(names.len() >= 10, "expected the fixture models, found {names:?}");
    for name in names {
        let report = sync_fixture(&root, &name, Mode::Check).unwrap_or_else(|err| panic!("{err}"));
        assert!(report.is_fresh(), "fixture `{name}` is out of date:\n{report}run `cargo xtask fixtures` to update it");
    }
}

#[test]
fn the_runtime_is_found_by_a_relative_path_inside_a_shared_folder_and_an_absolute_one_outside() {
    let path = |runtime: &str, out: &str| match runtime_at(std::path::Path::new(runtime), std::path::Path::new(out)) {
        Runtime::Path(path) => path,
        other => panic!("not a path: {other:?}"),
    };
    assert_eq!(path("/work/main/runtime", "/work/main/generated/robomaker"), "../../runtime");
    assert_eq!(path("/work/main/runtime", "/work/main/codegen/tests/fixtures/map/expected"), "../../../../../runtime");
    assert_eq!(path("/work/main/runtime", "/work/main/./target/official/../official/sso"), "../../../runtime");
    assert_eq!(path("/work/main/runtime", "/tmp/robomaker"), "/work/main/runtime");
    assert_eq!(path("/home/me/runtime", "/home/me/clients/sso"), "../../runtime");
    // The default output's crate points at this repository's runtime.
    let root = workspace_root();
    assert_eq!(options_for(&root.join(DEFAULT_OUT)).runtime, Runtime::Path("../../runtime".to_owned()));
}

#[test]
fn check_mode_names_stale_and_extra_files_and_writes_nothing() {
    let dir = std::env::temp_dir().join(format!("xtask-freshness-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let files = vec![
        codegen::GeneratedFile { path: "src/lib.rs".into(), contents: "// new\n".into() },
        codegen::GeneratedFile { path: "Cargo.toml".into(), contents: "[package]\n".into() },
    ];
    std::fs::create_dir_all(dir.join("src")).unwrap_or_else(|err| panic!("{err}"));
    std::fs::write(dir.join("src/lib.rs"), "// old\n").unwrap_or_else(|err| panic!("{err}"));
    std::fs::write(dir.join("src/leftover.rs"), "").unwrap_or_else(|err| panic!("{err}"));

    let report = sync(&dir, &files, Mode::Check).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(report.stale, vec![dir.join("src/lib.rs"), dir.join("Cargo.toml")]);
    assert_eq!(report.extra, vec![dir.join("src/leftover.rs")]);
    assert_eq!(std::fs::read_to_string(dir.join("src/lib.rs")).ok().as_deref(), Some("// old\n"));
    assert!(!dir.join("Cargo.toml").exists());

    let written = sync(&dir, &files, Mode::Write).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(written.stale.len(), 2);
    assert!(sync(&dir, &files, Mode::Check).unwrap_or_else(|err| panic!("{err}")).is_fresh());
    assert!(!dir.join("src/leftover.rs").exists());
    let _ = std::fs::remove_dir_all(&dir);
}
