//! The core stays free of JavaScript bindings: no `wasm-bindgen` or `js-sys` in its normal
//! dependency tree, on the host or on wasm32 (DESIGN.md: "No wasm-bindgen, no js-sys, no I/O, no
//! clock").
#![allow(clippy::expect_used)] // a test: failing loudly is the point

use std::process::Command;

fn tree(target: Option<&str>) -> String {
    let mut cmd = Command::new(env!("CARGO"));
    cmd.args([
        "tree",
        "--locked",
        "--offline",
        "-e",
        "normal",
        "--prefix",
        "none",
        "-p",
        "cxkit-core",
    ])
    .current_dir(env!("CARGO_MANIFEST_DIR"));
    if let Some(t) = target {
        cmd.args(["--target", t]);
    }
    let out = cmd.output().expect("cargo tree runs");
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn core_has_no_javascript_binding_dependencies() {
    for target in [None, Some("wasm32-unknown-unknown"), Some("wasm32-wasip2")] {
        let tree = tree(target);
        assert!(tree.contains("cxkit-core"), "{tree}");
        assert!(
            tree.contains("serde"),
            "the tree should list real dependencies: {tree}"
        );
        for banned in ["wasm-bindgen", "js-sys", "web-sys", "getrandom"] {
            assert!(
                !tree.lines().any(|l| l.starts_with(banned)),
                "cxkit-core depends on {banned} ({target:?}):\n{tree}"
            );
        }
    }
}
