//! `cargo xtask demo [--port N]`: set up, build, then serve the edge function and the demo page
//! (widgets on built-in sample data) with real workerd on 127.0.0.1, until Ctrl-C.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
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
    let mut child = cmd(workerd_bin()?)
        .arg("serve")
        .arg(edge.join("config.capnp"))
        .arg("--directory-path")
        .arg(format!("assets={}", build::demo_dir().display()))
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
    println!("\ncxkit demo: http://127.0.0.1:{port}/");
    println!(
        "  API:   curl -s http://127.0.0.1:{port}/v1/surveys/nps -d '{{\"responses\": [10, 9, 8, 7, 0]}}'"
    );
    println!("  Press Ctrl-C to stop.");
    let status = child.wait().map_err(|e| format!("workerd: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("workerd stopped: {status}"))
    }
}
