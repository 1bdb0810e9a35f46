//! `cargo xtask`: the project's commands. See `cargo xtask help`.
//!
//! Every install step checks before it installs, never prompts, and stops at the first error, so
//! `cargo xtask test` works the same on a fresh machine, in CI (`CI=true`, no stdin) and on a
//! developer's machine.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a build tool: failing loudly is the point

mod build;
mod demo;
mod setup;
mod test;
mod util;

use std::process::ExitCode;

const HELP: &str = "\
cargo xtask <command>

  setup   install what is missing (rust targets, wasm-bindgen-cli, Chromium, npm tools); idempotent
  build   build the npm package (target/npm/cxkit), the WIT component, print gzipped sizes
  demo    setup + build, then serve the demo (edge function + widgets) on http://127.0.0.1:8787
  test    setup + build, then every test stage [--only <stage>[,<stage>...]] [--skip <stages>]
  bench   benchmarks (tests/bench), full size; `--quick` for the smoke mode CI runs; installs
          the Python comparators (Lifetimes, pyworkforce, vaderSentiment) in target/bench-venv first
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (cmd, rest) = match args.split_first() {
        Some((c, r)) => (c.as_str(), r),
        None => ("help", &[][..]),
    };
    let result = match cmd {
        "setup" => setup::run(),
        "build" => setup::run().and_then(|()| build::run()),
        "demo" => demo::run(rest),
        "test" => test::run(rest),
        "bench" => test::bench(rest),
        "help" | "-h" | "--help" => {
            print!("{HELP}");
            Ok(())
        }
        other => Err(format!("unknown command `{other}`\n\n{HELP}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask: error: {e}");
            ExitCode::FAILURE
        }
    }
}
