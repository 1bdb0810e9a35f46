//! `cargo xtask test` and `cargo xtask bench`.
//!
//! Stages, in order (each prints what it runs and its time; the first failure stops the run):
//!
//! | stage | what |
//! |---|---|
//! | fmt | `cargo fmt --all --check` |
//! | clippy | `cargo clippy --workspace --all-targets -- -D warnings`, natively and for wasm32 |
//! | rust | `cargo test --workspace` (core maths, property tests, doc tests, dependency check) |
//! | docs | `cargo doc --no-deps` with warnings as errors |
//! | build | `cargo xtask build`: npm package, edge and demo folders, WIT component |
//! | wasm | wasm-bindgen-test of `cxkit-wasm` in Node and in headless Chromium |
//! | node | `node --test tests/node/` against the built package |
//! | types | `tsc --noEmit` over `tests/types/usage.ts` |
//! | packaging | `npm pack`, installed into scratch Node ESM, Node CJS, browser page, Vite bundle and workerd consumers |
//! | browser | Playwright + Chromium: the widgets (`tests/browser/`) |
//! | edge | the edge function in real workerd (`tests/edge/`) |
//! | component | the WIT component in wasmtime: every `tests/host*.rs` (`cargo test -p cxkit-component --tests -- --ignored`) |
//! | bench | every benchmark in quick smoke mode (`tests/bench/`, not timed) and the core's accuracy floors (`tests/sentiment_accuracy.rs`), after the Python comparators' venv (`setup::bench_python`) |
//! | fuzz | every cargo-fuzz target of `crates/cxkit-core/fuzz` and `crates/cxkit-adapters/fuzz` for [`FUZZ_SMOKE_SECS`] s each (`RUSTC_BOOTSTRAP=1 cargo fuzz run`; `cargo xtask bench` runs them for [`FUZZ_BENCH_SECS`] s), after `setup::cargo_fuzz` |

use std::path::Path;

use crate::util::{self, Result, cmd, exec, root, stage};
use crate::{build, setup};

const STAGES: [&str; 14] = [
    "fmt",
    "clippy",
    "rust",
    "docs",
    "build",
    "wasm",
    "node",
    "types",
    "packaging",
    "browser",
    "edge",
    "component",
    "bench",
    "fuzz",
];

/// Seconds per fuzz target in the `fuzz` stage (a smoke run: finds shallow crashes, keeps the
/// targets building).
pub const FUZZ_SMOKE_SECS: u32 = 15;
/// Seconds per fuzz target under `cargo xtask bench`.
pub const FUZZ_BENCH_SECS: u32 = 120;
/// The crates whose `fuzz/` folder the `fuzz` stage runs.
const FUZZ_CRATES: [&str; 2] = ["crates/cxkit-core", "crates/cxkit-adapters"];

/// Stages that need `build` first.
const NEEDS_BUILD: [&str; 8] = [
    "node",
    "types",
    "packaging",
    "browser",
    "edge",
    "component",
    "bench",
    "wasm",
];

fn list_arg(args: &[String], flag: &str) -> Result<Option<Vec<String>>> {
    let Some(pos) = args.iter().position(|a| a == flag) else {
        return Ok(None);
    };
    let value = args
        .get(pos + 1)
        .ok_or_else(|| format!("{flag} needs a comma-separated list of stages"))?;
    let list: Vec<String> = value.split(',').map(str::to_string).collect();
    for s in &list {
        if !STAGES.contains(&s.as_str()) {
            return Err(format!(
                "unknown stage `{s}`; stages: {}",
                STAGES.join(", ")
            ));
        }
    }
    Ok(Some(list))
}

pub fn run(args: &[String]) -> Result {
    let only = list_arg(args, "--only")?;
    let skip = list_arg(args, "--skip")?.unwrap_or_default();
    let selected: Vec<&str> = STAGES
        .into_iter()
        .filter(|s| only.as_ref().is_none_or(|o| o.iter().any(|x| x == s)))
        .filter(|s| !skip.iter().any(|x| x == s))
        .collect();
    let start = std::time::Instant::now();
    setup::run()?;
    let mut built = false;
    for name in &selected {
        if NEEDS_BUILD.contains(name) && !built && !selected.contains(&"build") {
            build::run()?;
            built = true;
        }
        match *name {
            "fmt" => stage("fmt", || {
                exec(cmd("cargo").args(["fmt", "--all", "--check"]))
            })?,
            "clippy" => stage("clippy", clippy)?,
            "rust" => stage("rust tests", || {
                exec(cmd("cargo").args(["test", "--workspace", "--locked"]))
            })?,
            "docs" => stage("docs", || {
                exec(
                    cmd("cargo")
                        .args(["doc", "--no-deps", "--workspace", "--locked"])
                        .env("RUSTDOCFLAGS", "-D warnings"),
                )
            })?,
            "build" => {
                build::run()?;
                built = true;
            }
            "wasm" => stage("wasm-bindgen tests (Node + Chromium)", || {
                exec(
                    cmd("cargo")
                        .args([
                            "test",
                            "--locked",
                            "--target",
                            "wasm32-unknown-unknown",
                            "-p",
                            "cxkit-wasm",
                        ])
                        .env("CHROMEDRIVER", "/usr/bin/chromedriver"),
                )
            })?,
            "node" => stage("node tests", || node_tests("tests/node"))?,
            "types" => stage("TypeScript types", || {
                exec(cmd(util::node_bin("tsc")).args([
                    "--noEmit",
                    "-p",
                    "tests/types/tsconfig.json",
                ]))
            })?,
            "packaging" => stage("packaging matrix", || node_tests("tests/packaging"))?,
            "browser" => stage("browser tests (Playwright)", || node_tests("tests/browser"))?,
            "edge" => stage("edge function in workerd", || node_tests("tests/edge"))?,
            "component" => stage("WIT component in wasmtime", || {
                exec(
                    cmd("cargo")
                        // Every integration test of the crate (`tests/host.rs`, `tests/host_ops.rs`
                        // …): their tests are `#[ignore]`d because they need the built component.
                        .args([
                            "test",
                            "--locked",
                            "-p",
                            "cxkit-component",
                            "--tests",
                            "--",
                            "--ignored",
                        ])
                        .env("CXKIT_COMPONENT_WASM", build::component_path()),
                )
            })?,
            "bench" => {
                setup::bench_python()?;
                stage("benchmarks (quick smoke mode)", || benches(true))?
            }
            "fuzz" => {
                setup::cargo_fuzz()?;
                stage("fuzz (smoke)", || fuzz(FUZZ_SMOKE_SECS))?
            }
            other => return Err(format!("no stage {other}")),
        }
    }
    println!(
        "\nall {} stages passed in {:.0} s: {}",
        selected.len(),
        start.elapsed().as_secs_f64(),
        selected.join(", ")
    );
    Ok(())
}

fn clippy() -> Result {
    exec(cmd("cargo").args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--locked",
        "--",
        "-D",
        "warnings",
    ]))?;
    // The wasm-only code paths: the bindings (with their wasm tests), the core as they build it,
    // and the component's exports (compiled only for wasm).
    for (target, args) in [
        (
            "wasm32-unknown-unknown",
            &["-p", "cxkit-wasm", "--all-targets"][..],
        ),
        ("wasm32-unknown-unknown", &["-p", "cxkit-core"][..]),
        // The smaller package variants `cargo xtask build` makes (see build.rs `VARIANTS`).
        (
            "wasm32-unknown-unknown",
            &[
                "-p",
                "cxkit-wasm",
                "--no-default-features",
                "--features",
                "surveys",
            ][..],
        ),
        ("wasm32-wasip2", &["-p", "cxkit-component"][..]),
    ] {
        exec(
            cmd("cargo")
                .args(["clippy", "--locked", "--target", target])
                .args(args)
                .args(["--", "-D", "warnings"]),
        )?;
    }
    Ok(())
}

/// Every `*.test.mjs` file of a folder, in one `node --test` run.
fn node_tests(dir: &str) -> Result {
    let files = files_with(&root().join(dir), ".test.mjs")?;
    if files.is_empty() {
        return Err(format!("no *.test.mjs files in {dir}"));
    }
    exec(
        cmd("node")
            .arg("--test")
            .arg("--test-reporter=spec")
            .args(files),
    )
}

fn files_with(dir: &Path, suffix: &str) -> Result<Vec<String>> {
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .map(|p| {
            p.strip_prefix(root())
                .unwrap_or(&p)
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    files.sort();
    Ok(files)
}

fn benches(quick: bool) -> Result {
    for file in files_with(&root().join("tests/bench"), ".bench.mjs")? {
        let mut c = cmd("node");
        c.arg("--expose-gc").arg(&file);
        if quick {
            c.arg("--quick");
        }
        exec(&mut c)?;
    }
    // The core's accuracy floors on the dev sets and the public English sets (npm sentiment
    // 5.0.2's fixtures, installed in tests/node_modules by setup): a debug build in quick mode
    // (the `rust` stage has compiled it), release otherwise.
    let mut c = cmd("cargo");
    c.arg("test");
    if !quick {
        c.arg("--release");
    }
    c.args([
        "--locked",
        "-p",
        "cxkit-core",
        "--test",
        "sentiment_accuracy",
        "--",
        "--ignored",
    ])
    .env(
        "CXKIT_SENTIMENT_PUBLIC_DIR",
        root().join("tests/node_modules/sentiment/test/fixtures"),
    );
    if !quick {
        c.arg("--nocapture");
    }
    exec(&mut c)
}

/// Every cargo-fuzz target of [`FUZZ_CRATES`] for `seconds` each, with the target's dictionary
/// (`fuzz/<target>.dict`) when there is one. A crash fails the stage; libFuzzer prints the
/// reproducer's path (`fuzz/artifacts/<target>/`).
pub fn fuzz(seconds: u32) -> Result {
    for krate in FUZZ_CRATES {
        let dir = root().join(krate);
        let list = util::output(
            cmd("cargo")
                .current_dir(&dir)
                .args(["fuzz", "list"])
                .env("RUSTC_BOOTSTRAP", "1"),
        )
        .ok_or_else(|| format!("`cargo fuzz list` failed in {krate}"))?;
        for target in list.lines().map(str::trim).filter(|t| !t.is_empty()) {
            let mut c = cmd("cargo");
            c.current_dir(&dir)
                .env("RUSTC_BOOTSTRAP", "1")
                .args(["fuzz", "run", target, "--"])
                .arg(format!("-max_total_time={seconds}"))
                .args(["-max_len=4096", "-timeout=10"]);
            let dict = dir.join(format!("fuzz/{target}.dict"));
            if dict.exists() {
                c.arg(format!("-dict={}", dict.display()));
            }
            exec(&mut c)?;
        }
    }
    Ok(())
}

/// `cargo xtask bench [--quick]`: builds, then runs every benchmark at full size and every fuzz
/// target for [`FUZZ_BENCH_SECS`] s (quick: the smoke sizes and [`FUZZ_SMOKE_SECS`]).
pub fn bench(args: &[String]) -> Result {
    setup::run()?;
    setup::bench_python()?;
    setup::cargo_fuzz()?;
    build::run()?;
    let quick = args.iter().any(|a| a == "--quick");
    stage("benchmarks", || benches(quick))?;
    let secs = if quick {
        FUZZ_SMOKE_SECS
    } else {
        FUZZ_BENCH_SECS
    };
    stage("fuzz", || fuzz(secs))
}
