//! `cargo xtask demo [--port N]`: set up, build, then serve the edge function and the demo page
//! (widgets on built-in sample data) with real workerd on 127.0.0.1, until Ctrl-C. The page's
//! `<cx-dashboard>` follows the `demo` tenant, fed by `www/replay/replay.mjs`: 14 days of generated
//! history, then sample webhooks of several platforms, one every 1.5 s, on a fresh Durable Object
//! storage folder (`target/demo-data`, wiped at each start).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::Child;
use std::time::{Duration, Instant};

use crate::util::{Result, cmd, output, root};
use crate::{build, setup};

/// The native workerd binary of the npm package (spawning `npx workerd` would leave the server
/// running when the wrapper is killed).
pub fn workerd_bin() -> Result<PathBuf> {
    output(
        cmd("node")
            .current_dir(root().join("tests"))
            .args(["-p", "require('workerd').default"]),
    )
    .map(|s| PathBuf::from(s.trim()))
    .filter(|p| p.exists())
    .ok_or_else(|| "cannot find the workerd binary: run `cargo xtask setup`".to_string())
}

/// A plain HTTP/1.1 GET on 127.0.0.1; the status code, if anything answered.
fn get_status(port: u16, path: &str) -> Option<u16> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut head = [0u8; 32];
    let n = s.read(&mut head).ok()?;
    let text = String::from_utf8_lossy(head.get(..n)?).into_owned();
    text.split_whitespace().nth(1)?.parse().ok()
}

pub fn run(args: &[String]) -> Result {
    let port: u16 = match args.iter().position(|a| a == "--port") {
        Some(i) => args
            .get(i + 1)
            .and_then(|p| p.parse().ok())
            .ok_or("--port needs a number")?,
        None => 8787,
    };
    setup::run()?;
    build::run()?;
    let edge = build::edge_dir();
    // A fresh running total on every start: the replay's history is the same each time.
    let data = root().join("target/demo-data");
    if data.exists() {
        std::fs::remove_dir_all(&data).map_err(|e| format!("rm {}: {e}", data.display()))?;
    }
    std::fs::create_dir_all(&data).map_err(|e| format!("mkdir {}: {e}", data.display()))?;
    // The demo tenant (read key, ingest secret, the sample webhooks' secrets) is the replay's own.
    let tenants = output(cmd("node").args([REPLAY, "--tenants"]))
        .ok_or("cannot read the demo tenant from www/replay/replay.mjs")?;
    let mut child = cmd(workerd_bin()?)
        .env("CXKIT_TENANTS", tenants.trim())
        .env("CXKIT_WEBHOOK_NOW", DEMO_NOW)
        .arg("serve")
        .arg(edge.join("config.capnp"))
        .arg("--directory-path")
        .arg(format!("assets={}", build::demo_dir().display()))
        .arg("--directory-path")
        .arg(format!("do-storage={}", data.display()))
        .arg("--socket-addr")
        .arg(format!("http=127.0.0.1:{port}"))
        .spawn()
        .map_err(|e| format!("cannot start workerd: {e}"))?;
    let start = Instant::now();
    loop {
        if get_status(port, "/healthz") == Some(200) {
            break;
        }
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!(
                "workerd exited ({status}); is port {port} free? try --port"
            ));
        }
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            return Err("workerd did not answer /healthz within 20 s".into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let base = format!("http://127.0.0.1:{port}");
    let mut replay = match cmd("node")
        .env("CXKIT_WEBHOOK_NOW", DEMO_NOW)
        .args([REPLAY, "--quiet", &base])
        .spawn()
    {
        Ok(r) => Some(r),
        Err(e) => {
            let _ = child.kill();
            return Err(format!("cannot start the webhook replay: {e}"));
        }
    };
    println!("\ncxkit demo: {base}/");
    println!(
        "  Dashboard: {base}/#dashboard (live: the demo tenant, fed by www/replay/replay.mjs)"
    );
    println!("  API:   curl -s {base}/v1/surveys/nps -d '{{\"responses\": [10, 9, 8, 7, 0]}}'");
    println!(
        "         curl -s '{base}/v1/tenants/demo/metrics?from=2026-11-10&to=2026-11-23' -H 'Authorization: Bearer {DEMO_READ_KEY}'"
    );
    println!("  Press Ctrl-C to stop.");
    let result = wait_both(&mut child, &mut replay);
    if let Some(mut r) = replay {
        let _ = r.kill();
        let _ = r.wait();
    }
    result
}

/// The replay of sample webhooks, and its settings (also in the script and the demo page).
const REPLAY: &str = "www/replay/replay.mjs";
/// The webhook fixtures' clock: their signatures are valid at this instant.
const DEMO_NOW: &str = "2026-11-23T10:05:00Z";
const DEMO_READ_KEY: &str = "demo-read-key";

/// Waits for workerd; a replay that stops early is reported and the server keeps running.
fn wait_both(workerd: &mut Child, replay: &mut Option<Child>) -> Result {
    loop {
        if let Some(status) = workerd.try_wait().map_err(|e| format!("workerd: {e}"))? {
            return if status.success() {
                Ok(())
            } else {
                Err(format!("workerd stopped: {status}"))
            };
        }
        if let Some(r) = replay.as_mut()
            && let Ok(Some(status)) = r.try_wait()
        {
            if !status.success() {
                eprintln!("  the webhook replay stopped ({status}): the dashboard no longer moves");
            }
            *replay = None;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}
