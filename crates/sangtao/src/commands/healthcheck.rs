//! `sangtao healthcheck`: GET http://LISTEN/healthz with the standard library only.

use crate::config::Settings;
use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::process::ExitCode;
use std::time::Duration;

#[derive(clap::Args)]
pub struct HealthcheckArgs {
    /// Server to ask, as HOST:PORT [default: the --listen address]
    #[arg(long, value_name = "HOST:PORT")]
    address: Option<String>,
}

pub fn run(settings: Settings, args: HealthcheckArgs) -> anyhow::Result<ExitCode> {
    let target = match args.address {
        Some(a) => a,
        None => {
            let mut addr = settings.listen;
            if addr.ip().is_unspecified() {
                addr.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
            }
            addr.to_string()
        }
    };
    match check(&target) {
        Ok(body) => {
            println!("sangtao: healthy ({target}): {body}");
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("sangtao: unhealthy ({target}): {e}");
            Ok(ExitCode::FAILURE)
        }
    }
}

fn check(target: &str) -> Result<String, String> {
    let timeout = Duration::from_secs(5);
    let addr = target
        .to_socket_addrs()
        .map_err(|e| format!("bad address: {e}"))?
        .next()
        .ok_or("bad address")?;
    let mut s =
        TcpStream::connect_timeout(&addr, timeout).map_err(|e| format!("cannot connect: {e}"))?;
    s.set_read_timeout(Some(timeout)).ok();
    s.set_write_timeout(Some(timeout)).ok();
    write!(
        s,
        "GET /healthz HTTP/1.1\r\nHost: {target}\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    let mut resp = String::new();
    s.read_to_string(&mut resp)
        .map_err(|e| format!("no answer: {e}"))?;
    let status = resp.lines().next().unwrap_or("");
    let body = resp
        .split("\r\n\r\n")
        .nth(1)
        .unwrap_or("")
        .trim()
        .to_string();
    if status.split_whitespace().nth(1) == Some("200") {
        Ok(body)
    } else {
        Err(format!("{status} {body}"))
    }
}
