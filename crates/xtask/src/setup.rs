//! `cargo xtask setup`: install what is missing, checking each tool's version first.
//!
//! | step | check | install |
//! |---|---|---|
//! | Rust targets | `rustup target list --installed` | `rustup target add wasm32-unknown-unknown wasm32-wasip2` |
//! | wasm-bindgen-cli | `wasm-bindgen --version` equals Cargo.lock's wasm-bindgen | `cargo install wasm-bindgen-cli --version X` (no `--locked`: its lockfile pins a crate the registry lacks) |
//! | Chromium + ChromeDriver | `/usr/bin/chromium`, `/usr/bin/chromedriver` | `apt-get install -y chromium chromium-driver` (as root) |
//! | npm tools (tests/package.json) | `tests/node_modules/.cxkit-lock` equals `tests/package-lock.json` | `npm install` (pinned by the lockfile) |

use std::path::Path;

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
