//! `cargo xtask build`: the npm package in `target/npm/cxkit` and the WIT component.
//!
//! Package layout:
//!
//! ```text
//! target/npm/cxkit/
//!   package.json       exports: import {types, workerd, node, browser, default}, require {types,
//!                      node, default}; ./slim; ./widgets
//!   cxkit.d.ts         hand-declared types (crates/cxkit-wasm/js/cxkit.d.ts), also as cxkit.d.cts;
//!                      slim.d.ts
//!   cxkit-error.js     the one CxkitError class (ES module) every web glue imports; cxkit-error.cjs
//!                      the same for the CommonJS glue
//!   web/               wasm-bindgen --target web: index.js (top-level await), slim.js (init yourself),
//!                      workerd.js (imports the .wasm as a module), cxkit.js, cxkit_bg.wasm
//!   node/              wasm-bindgen --target nodejs (CommonJS, synchronous): index.cjs, index.mjs
//!   surveys/           a smaller web build with the survey functions only (`cxkit/surveys`; the
//!                      survey widgets load it): index.js, cxkit.js, cxkit_bg.wasm
//!   text/              the same for transcripts (`cxkit/text`; `<cx-sentiment>` loads it)
//!   widgets/           the custom elements of www/widgets
//! ```
//!
//! Every variant is the same crate (`cxkit-wasm`) built with a different set of cargo features;
//! wasm-bindgen writes a copy of `js/cxkit-error.js` under `snippets/<hash>/` for each, which this
//! step replaces by an import of the package's single `cxkit-error.js`, so that `instanceof
//! CxkitError` holds whichever entry threw.

use std::path::{Path, PathBuf};

use crate::util::{self, Result, cmd, exec, root, stage};

pub fn package_dir() -> PathBuf {
    root().join("target/npm/cxkit")
}

pub fn component_path() -> PathBuf {
    root().join("target/wasm32-wasip2/release/cxkit_component.wasm")
}

/// One wasm build of `cxkit-wasm`: its cargo features (`None`: the default, everything) and the
/// wasm-bindgen targets it is bound for, each with its folder in the package.
struct Variant {
    features: Option<&'static str>,
    outputs: &'static [(&'static str, &'static str)],
}

const VARIANTS: [Variant; 3] = [
    Variant {
        features: None,
        outputs: &[("web", "web"), ("nodejs", "node")],
    },
    Variant {
        features: Some("surveys"),
        outputs: &[("web", "surveys")],
    },
    Variant {
        features: Some("text"),
        outputs: &[("web", "text")],
    },
];

impl Variant {
    fn target_dir(&self) -> PathBuf {
        match self.features {
            None => root().join("target"),
            Some(f) => root().join("target/variants").join(f.replace(',', "-")),
        }
    }
}

pub fn run() -> Result {
    let pkg = package_dir();
    if pkg.exists() {
        std::fs::remove_dir_all(&pkg).map_err(|e| format!("rm {}: {e}", pkg.display()))?;
    }
    for v in &VARIANTS {
        let name = v.features.unwrap_or("all features");
        stage(
            &format!("build: wasm (cxkit-wasm, release, {name})"),
            || {
                let mut c = cmd("cargo");
                c.args([
                    "build",
                    "--release",
                    "--locked",
                    "--target",
                    "wasm32-unknown-unknown",
                    "-p",
                    "cxkit-wasm",
                ]);
                if let Some(f) = v.features {
                    // Its own target folder: a cdylib's file name carries no feature hash, so two
                    // variants sharing one folder would overwrite each other and relink every time.
                    c.args(["--no-default-features", "--features", f, "--target-dir"])
                        .arg(v.target_dir());
                }
                exec(&mut c)?;
                bind(&pkg, v)
            },
        )?;
    }
    stage("build: npm package", || assemble(&pkg))?;
    stage("build: edge function and demo folders", || {
        edge(&pkg)?;
        demo(&pkg)
    })?;
    stage("build: WIT component (wasm32-wasip2)", || {
        exec(cmd("cargo").args([
            "build",
            "--release",
            "--locked",
            "--target",
            "wasm32-wasip2",
            "-p",
            "cxkit-component",
        ]))
    })?;
    report_sizes(&pkg, &component_path())?;
    Ok(())
}

/// wasm-bindgen and wasm-opt for one variant; the glue's import of its `snippets/` copy of the
/// error class is pointed at the package's `cxkit-error.js` (`.cjs` for Node).
fn bind(pkg: &Path, v: &Variant) -> Result {
    let wasm = v
        .target_dir()
        .join("wasm32-unknown-unknown/release/cxkit_wasm.wasm");
    let mut optimised: Option<(Vec<u8>, PathBuf)> = None;
    for &(target, dir) in v.outputs {
        let out = pkg.join(dir);
        exec(
            cmd("wasm-bindgen")
                .args([
                    "--target",
                    target,
                    "--no-typescript",
                    "--out-name",
                    "cxkit",
                    "--out-dir",
                ])
                .arg(&out)
                .arg(&wasm),
        )?;
        let module = out.join("cxkit_bg.wasm");
        let raw = std::fs::read(&module).map_err(|e| format!("{}: {e}", module.display()))?;
        // wasm-bindgen writes the same module for every target: optimise it once.
        match &optimised {
            Some((first_raw, first)) if *first_raw == raw => util::copy(first, &module)?,
            _ => {
                exec(
                    cmd(util::node_bin("wasm-opt"))
                        .args(["-Oz", "--strip-debug", "--strip-producers"])
                        .arg(&module)
                        .arg("-o")
                        .arg(&module),
                )?;
                optimised = Some((raw, module.clone()));
            }
        }
        let snippet = find_snippet(&out)?;
        let shared = if target == "nodejs" {
            "../cxkit-error.cjs"
        } else {
            "../cxkit-error.js"
        };
        let glue = out.join("cxkit.js");
        let text = util::read(&glue)?;
        let replaced = text.replacen(&format!("./{snippet}"), shared, 1);
        if replaced == text {
            return Err(format!("{}: no import of ./{snippet}", glue.display()));
        }
        util::write(&glue, replaced)?;
        let snippets = out.join("snippets");
        std::fs::remove_dir_all(&snippets)
            .map_err(|e| format!("rm {}: {e}", snippets.display()))?;
    }
    Ok(())
}

fn assemble(pkg: &Path) -> Result {
    let js = root().join("crates/cxkit-wasm/js");
    let source = util::read(&js.join("cxkit-error.js"))?;
    util::write(&pkg.join("cxkit-error.js"), &source)?;
    util::write(
        &pkg.join("cxkit-error.cjs"),
        format!(
            "'use strict';\n{}\nmodule.exports = {{ CxkitError }};\n",
            source.replace("export class CxkitError", "class CxkitError")
        ),
    )?;
    for (template, out) in [
        ("entries/web-index.js", "web/index.js"),
        ("entries/web-slim.js", "web/slim.js"),
        ("entries/web-workerd.js", "web/workerd.js"),
        ("entries/node-index.cjs", "node/index.cjs"),
        ("entries/node-index.mjs", "node/index.mjs"),
        ("entries/surveys-index.js", "surveys/index.js"),
        ("entries/text-index.js", "text/index.js"),
    ] {
        util::copy(&js.join(template), &pkg.join(out))?;
    }
    util::write(&pkg.join("web/package.json"), "{ \"type\": \"module\" }\n")?;
    util::write(
        &pkg.join("node/package.json"),
        "{ \"type\": \"commonjs\" }\n",
    )?;
    // One declaration file, twice: as ES module types (`import`) and CommonJS types (`require`),
    // whose runtime shape is the same (named exports plus `default`).
    util::copy(&js.join("cxkit.d.ts"), &pkg.join("cxkit.d.ts"))?;
    util::copy(&js.join("cxkit.d.ts"), &pkg.join("cxkit.d.cts"))?;
    util::copy(&js.join("slim.d.ts"), &pkg.join("slim.d.ts"))?;
    util::copy(&js.join("surveys.d.ts"), &pkg.join("surveys.d.ts"))?;
    util::copy(&js.join("text.d.ts"), &pkg.join("text.d.ts"))?;
    let widgets = root().join("www/widgets");
    if let Ok(entries) = std::fs::read_dir(&widgets) {
        for e in entries.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "js" || x == "ts") {
                util::copy(&p, &pkg.join("widgets").join(e.file_name()))?;
            }
        }
    }
    for f in ["README.md", "LICENSE-MIT", "LICENSE-APACHE"] {
        util::copy(&root().join(f), &pkg.join(f))?;
    }
    let version = env!("CARGO_PKG_VERSION");
    let manifest = util::read(&js.join("package.json"))?.replace("__VERSION__", version);
    util::write(&pkg.join("package.json"), manifest)?;
    println!("  wrote {}", pkg.display());
    Ok(())
}

/// `target/edge`: what workerd runs: `config.capnp`, `worker.js` (from `www/edge`), `cxkit/` (the
/// package's `web/`) and `cxkit-error.js`, which `cxkit/cxkit.js` imports.
pub fn edge_dir() -> PathBuf {
    root().join("target/edge")
}

/// `target/demo`: the static files the edge function serves besides its API: `www/demo/*` and the
/// npm package under `cxkit/`.
pub fn demo_dir() -> PathBuf {
    root().join("target/demo")
}

fn copy_tree(from: &Path, to: &Path) -> Result {
    let entries = std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_tree(&p, &to.join(e.file_name()))?;
        } else {
            util::copy(&p, &to.join(e.file_name()))?;
        }
    }
    Ok(())
}

fn fresh(dir: &Path) -> Result {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| format!("rm {}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("mkdir {}: {e}", dir.display()))
}

fn edge(pkg: &Path) -> Result {
    let out = edge_dir();
    let src = root().join("www/edge");
    fresh(&out)?;
    copy_tree(&pkg.join("web"), &out.join("cxkit"))?;
    util::copy(&pkg.join("cxkit-error.js"), &out.join("cxkit-error.js"))?;
    let entries = std::fs::read_dir(&src).map_err(|e| format!("{}: {e}", src.display()))?;
    for e in entries.flatten() {
        let p = e.path();
        if p.is_file() {
            util::copy(&p, &out.join(e.file_name()))?;
        }
    }
    // the Durable Object storage folder named in config.capnp (workerd will not start without
    // it); never cleared here: it holds the running totals
    let storage = root().join("target/edge-data");
    std::fs::create_dir_all(&storage).map_err(|e| format!("mkdir {}: {e}", storage.display()))?;
    println!("  wrote {}", out.display());
    Ok(())
}

fn demo(pkg: &Path) -> Result {
    let out = demo_dir();
    fresh(&out)?;
    copy_tree(&root().join("www/demo"), &out)?;
    copy_tree(pkg, &out.join("cxkit"))?;
    println!("  wrote {}", out.display());
    Ok(())
}

/// `snippets/cxkit-wasm-<hash>/js/cxkit-error.js`, relative to a wasm-bindgen output folder.
fn find_snippet(out: &Path) -> Result<String> {
    let dir = out.join("snippets");
    let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for e in entries.flatten() {
        let candidate = e.path().join("js/cxkit-error.js");
        if candidate.exists() {
            return Ok(format!(
                "snippets/{}/js/cxkit-error.js",
                e.file_name().to_string_lossy()
            ));
        }
    }
    Err(format!("no cxkit-error.js snippet under {}", dir.display()))
}

/// Prints raw and gzipped sizes of what users download; returns them for the README.
pub fn report_sizes(pkg: &Path, component: &Path) -> Result<Vec<(String, usize, usize)>> {
    let files = [
        ("web/cxkit_bg.wasm", pkg.join("web/cxkit_bg.wasm")),
        ("node/cxkit_bg.wasm", pkg.join("node/cxkit_bg.wasm")),
        ("surveys/cxkit_bg.wasm", pkg.join("surveys/cxkit_bg.wasm")),
        ("text/cxkit_bg.wasm", pkg.join("text/cxkit_bg.wasm")),
        ("web/cxkit.js (glue)", pkg.join("web/cxkit.js")),
        ("cxkit_component.wasm (WIT)", component.to_path_buf()),
    ];
    println!("\n  {:<28} {:>10} {:>10}", "file", "bytes", "gzip -9");
    let mut rows = Vec::new();
    for (name, path) in files {
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let gz = util::gzip_size(&bytes);
        println!("  {name:<28} {:>10} {:>10}", bytes.len(), gz);
        rows.push((name.to_string(), bytes.len(), gz));
    }
    Ok(rows)
}
