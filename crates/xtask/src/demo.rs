//! `cargo xtask demo`: placeholder until the edge worker exists.
use crate::util::Result;

pub fn run(_args: &[String]) -> Result {
    Err("not yet".into())
}
