//! `cargo xtask setup`: install what is missing, checking each tool's version first.
//!
//! | step | check | install |
//! |---|---|---|
//! | Rust targets | `rustup target list --installed` | `rustup target add wasm32-unknown-unknown wasm32-wasip2` |
//! | wasm-bindgen-cli | `wasm-bindgen --version` equals Cargo.lock's wasm-bindgen | `cargo install wasm-bindgen-cli --version X` (no `--locked`: its lockfile pins a crate the registry lacks) |
//! | Chromium + ChromeDriver | `/usr/bin/chromium`, `/usr/bin/chromedriver` | `apt-get install -y chromium chromium-driver` (as root) |
//! | npm tools (tests/package.json) | `tests/node_modules/.cxkit-lock` equals `tests/package-lock.json` | `npm install` (pinned by the lockfile) |
//!
//! Benchmarks only (`cargo xtask bench` and the `bench` test stage call [`bench_python`]):
//!
//! | step | check | install |
//! |---|---|---|
//! | Python comparators (Lifetimes, pyworkforce, vaderSentiment) | `target/bench-venv/.cxkit-requirements` equals `tests/bench/requirements.txt` | `python3 -m venv target/bench-venv` + `pip install -r tests/bench/requirements.txt` (exact pins, from PyPI) |
//!
//! The `fuzz` stage and `cargo xtask bench` call [`cargo_fuzz`]:
//!
//! | step | check | install |
//! |---|---|---|
//! | cargo-fuzz | `cargo fuzz --version` equals [`CARGO_FUZZ`] | `cargo install cargo-fuzz --version X --locked` (about 2 minutes; runs on stable with `RUSTC_BOOTSTRAP=1`) |

use std::path::{Path, PathBuf};

use crate::util::{self, Result, cmd, exec, output, root, stage};

pub const TARGETS: [&str; 2] = ["wasm32-unknown-unknown", "wasm32-wasip2"];

pub fn run() -> Result {
    stage("setup: rust targets", targets)?;
    stage("setup: wasm-bindgen-cli", wasm_bindgen_cli)?;
    stage("setup: chromium", chromium)?;
    stage("setup: npm tools", npm_tools)?;
    Ok(())
}

fn targets() -> Result {
    let installed =
        output(cmd("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    let missing: Vec<&str> = TARGETS
        .into_iter()
        .filter(|t| !installed.lines().any(|l| l.trim() == *t))
        .collect();
    if missing.is_empty() {
        println!("  already installed: {}", TARGETS.join(", "));
        return Ok(());
    }
    exec(cmd("rustup").args(["target", "add"]).args(&missing))
}

fn wasm_bindgen_cli() -> Result {
    let want = util::locked_version("wasm-bindgen")?;
    let have = output(cmd("wasm-bindgen").arg("--version"))
        .and_then(|s| s.split_whitespace().nth(1).map(str::to_string));
    if have.as_deref() == Some(want.as_str()) {
        println!("  wasm-bindgen {want} already installed");
        return Ok(());
    }
    println!(
        "  wasm-bindgen {} found, {want} needed: installing (about 2 minutes)",
        have.as_deref().unwrap_or("not")
    );
    exec(cmd("cargo").args(["install", "wasm-bindgen-cli", "--version", &want]))
}

fn chromium() -> Result {
    let needed = ["/usr/bin/chromium", "/usr/bin/chromedriver"];
    if needed.iter().all(|p| Path::new(p).exists()) {
        println!("  {} present", needed.join(", "));
        return Ok(());
    }
    let is_root = output(cmd("id").arg("-u")).is_some_and(|s| s.trim() == "0");
    let apt = "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver";
    if !is_root {
        return Err(format!(
            "Chromium and ChromeDriver are missing; install them as root: sudo sh -c '{apt}'"
        ));
    }
    exec(cmd("sh").args(["-c", apt]))
}

fn npm_tools() -> Result {
    let tests = root().join("tests");
    let lock = util::read(&tests.join("package-lock.json"))?;
    let stamp = tests.join("node_modules/.cxkit-lock");
    if std::fs::read_to_string(&stamp).is_ok_and(|s| s == lock) {
        println!("  tests/node_modules matches tests/package-lock.json");
        return Ok(());
    }
    // `npm install`, not `npm ci`: the registry here lacks workerd's macOS/Windows binaries, which
    // leaves them out of the lockfile, and `npm ci` refuses such a lockfile. With the lockfile
    // present, `npm install` installs exactly its versions.
    exec(cmd("npm").current_dir(&tests).args([
        "install",
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
    ]))?;
    util::write(&stamp, lock)
}

/// The cargo-fuzz version the `fuzz` stage installs.
pub const CARGO_FUZZ: &str = "0.13.2";

/// Installs cargo-fuzz [`CARGO_FUZZ`] unless that version is already on the PATH.
pub fn cargo_fuzz() -> Result {
    stage("setup: cargo-fuzz", || {
        let have = output(cmd("cargo").args(["fuzz", "--version"]))
            .and_then(|s| s.split_whitespace().nth(1).map(str::to_string));
        if have.as_deref() == Some(CARGO_FUZZ) {
            println!("  cargo-fuzz {CARGO_FUZZ} already installed");
            return Ok(());
        }
        println!(
            "  cargo-fuzz {} found, {CARGO_FUZZ} needed: installing (about 2 minutes)",
            have.as_deref().unwrap_or("not")
        );
        exec(cmd("cargo").args(["install", "cargo-fuzz", "--version", CARGO_FUZZ, "--locked"]))
    })
}

/// The virtual environment of the benchmarks' Python comparators.
pub fn bench_venv() -> PathBuf {
    root().join("target/bench-venv")
}

/// Creates `target/bench-venv` with the pinned comparators of `tests/bench/requirements.txt`
/// (Lifetimes 0.11.3, pyworkforce 0.5.1, vaderSentiment 3.3.2 and their closure), unless the
/// stamp says it is already there. For benchmarks only: nothing the package ships depends on
/// Python.
pub fn bench_python() -> Result {
    stage("setup: benchmark comparators (Python venv)", || {
        let venv = bench_venv();
        let requirements = root().join("tests/bench/requirements.txt");
        let wanted = util::read(&requirements)?;
        let stamp = venv.join(".cxkit-requirements");
        let python = venv.join("bin/python");
        if python.exists() && std::fs::read_to_string(&stamp).is_ok_and(|s| s == wanted) {
            println!("  {} matches tests/bench/requirements.txt", venv.display());
            return Ok(());
        }
        let version = output(
            cmd("python3").args(["-c", "import sys; print('%d.%d' % sys.version_info[:2])"]),
        )
        .ok_or("python3 not found: the benchmark comparators need Python 3.9-3.12")?;
        let minor = version
            .trim()
            .strip_prefix("3.")
            .and_then(|m| m.parse::<u32>().ok());
        if !minor.is_some_and(|m| (9..=12).contains(&m)) {
            return Err(format!(
                "python3 is {}; the pinned comparators (numpy 1.26, pandas 1.5) need 3.9-3.12",
                version.trim()
            ));
        }
        if venv.exists() {
            std::fs::remove_dir_all(&venv).map_err(|e| format!("rm {}: {e}", venv.display()))?;
        }
        let create = || exec(cmd("python3").arg("-m").arg("venv").arg(&venv));
        if create().is_err() {
            // Debian ships venv's ensurepip separately.
            let is_root = output(cmd("id").arg("-u")).is_some_and(|s| s.trim() == "0");
            if !is_root {
                return Err("`python3 -m venv` failed: install python3-venv (as root)".into());
            }
            let _ = std::fs::remove_dir_all(&venv);
            exec(cmd("sh").args([
                "-c",
                "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv",
            ]))?;
            create()?;
        }
        exec(
            cmd(&python)
                .args([
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                    "--no-input",
                    "-r",
                ])
                .arg(&requirements),
        )?;
        util::write(&stamp, wanted)
    })
}
