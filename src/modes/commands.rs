//! `login`, `status`, `logout`: the admin protocol (`crate::admin`) from a terminal. Each
//! talks to the session's owner — a daemon, the service, a window — or, when none runs,
//! becomes the owner for as long as it runs (login, logout; status never does). Prompts and
//! messages go to stderr; `status` prints its report on stdout.

use std::io::{BufRead, IsTerminal, Write};
use std::time::Duration;

use anyhow::{Context, bail};

use super::host;
use crate::admin::{Answer, Client, Request};
use crate::cli::LoginArgs;
use crate::config::Config;

/// How many wrong codes or passwords are asked again before giving up (Telegram limits too).
const TRIES: usize = 5;
/// How long a QR login waits for a scan before giving up.
const QR_PATIENCE: Duration = Duration::from_secs(300);

/// `mcp-telegram login`.
pub fn login(args: LoginArgs, use_sandbox: bool) -> anyhow::Result<()> {
    let cfg = Config::from_env(use_sandbox)?;
    let mut input = Input::new();
    if !input.tty && args.phone.is_none() && !args.qr {
        bail!(
            "no terminal to ask for the phone number: pass --phone (or --qr) and give the code and the 2FA \
             password as lines on stdin"
        );
    }
    let mut admin = Client::new(host::admin_connection(&cfg, true)?);
    let status = admin.ask(&Request::Status)?.status.context("the owner sent no status")?;
    if let Some(account) = &status.account {
        eprintln!(
            "Already logged in as {} ({}). To switch accounts, run `mcp-telegram logout` first.",
            account.username.as_deref().map(|u| format!("@{u}")).unwrap_or_else(|| account.name.clone()),
            status.session
        );
        return Ok(());
    }
    let mut answer = match args.qr {
        true => qr(&mut admin)?,
        false => phone(&mut admin, &mut input, args.phone)?,
    };
    if answer.step.as_deref() == Some("password") {
        answer = password(&mut admin, &mut input, answer.hint.take())?;
    }
    let account = answer.account.context("the owner finished the login without an account")?;
    let who = account.username.as_deref().map(|u| format!("@{u}")).unwrap_or(account.name);
    eprintln!("Logged in as {who}. The session is saved in {}.", status.session);
    Ok(())
}

/// `mcp-telegram status`.
pub fn status(use_sandbox: bool) -> anyhow::Result<()> {
    let cfg = Config::from_env(use_sandbox)?;
    let connection = match host::admin_connection(&cfg, false) {
        Ok(connection) => connection,
        Err(e)
            if e.downcast_ref::<crate::ipc::Error>()
                .is_some_and(|e| matches!(e, crate::ipc::Error::NoOwner(_))) =>
        {
            bail!(
                "no owner is running for {} (nothing answers on {}): start one with `mcp-telegram serve` or \
                 `systemctl start mcp-telegram.socket`, or open an MCP window",
                cfg.paths.session.display(),
                cfg.paths.socket.display()
            )
        }
        Err(e) => return Err(e),
    };
    let mut admin = Client::new(connection);
    let s = admin.ask(&Request::Status)?.status.context("the owner sent no status")?;
    let mut out = std::io::stdout().lock();
    let report = format!(
        "{}\n  state: {}\n  session: {}\n  owner pid: {} (mcp-telegram {}{})\n  clients: {}\n  uptime: {}\n",
        s.description,
        s.state,
        s.session,
        s.owner_pid,
        s.version,
        if s.sandbox { ", sandbox" } else { "" },
        s.clients,
        uptime(s.uptime_seconds),
    );
    out.write_all(report.as_bytes()).context("failed to write the status")?;
    Ok(())
}

/// `mcp-telegram logout`.
pub fn logout(use_sandbox: bool) -> anyhow::Result<()> {
    let cfg = Config::from_env(use_sandbox)?;
    let mut admin = Client::new(host::admin_connection(&cfg, true)?);
    let answer = admin.ask(&Request::Logout)?;
    if !answer.ok {
        bail!("{}", answer.error.unwrap_or_else(|| "logout failed".into()));
    }
    eprintln!(
        "Logged out: this session's Telegram authorization has ended. Log in again with `mcp-telegram login`."
    );
    Ok(())
}

fn phone(admin: &mut Client, input: &mut Input, given: Option<String>) -> anyhow::Result<Answer> {
    let mut phone = given;
    loop {
        let number = match phone.take() {
            Some(number) => number,
            None => input.line("Phone number (international format, e.g. +44 7700 900123): ")?,
        };
        let sent = admin.ask(&Request::SendCode { phone: number })?;
        if sent.ok {
            break;
        }
        let error = sent.error.unwrap_or_default();
        if !input.tty || !error.contains("PHONE_NUMBER_INVALID") {
            bail!("{error}");
        }
        eprintln!("{error}: check the number and try again");
    }
    eprintln!("Telegram sent a login code (to your Telegram app, or by SMS).");
    for _ in 0..TRIES {
        let code = input.line("Code: ")?;
        let answer = admin.ask(&Request::Code { code: code.replace([' ', '-'], "") })?;
        match answer {
            a if a.ok => return Ok(a),
            a if a.retry => eprintln!("{}", a.error.unwrap_or_default()),
            a => bail!("{}", a.error.unwrap_or_default()),
        }
    }
    bail!("too many wrong codes: run `mcp-telegram login` again for a new one")
}

fn password(admin: &mut Client, input: &mut Input, hint: Option<String>) -> anyhow::Result<Answer> {
    let prompt = match hint {
        Some(hint) if !hint.is_empty() => format!("2FA password (hint: {hint}): "),
        _ => "2FA password: ".to_owned(),
    };
    for _ in 0..TRIES {
        let password = input.secret(&prompt)?;
        let answer = admin.ask(&Request::Password { password })?;
        match answer {
            a if a.ok => return Ok(a),
            a if a.retry => eprintln!("{}", a.error.unwrap_or_default()),
            a => bail!("{}", a.error.unwrap_or_default()),
        }
    }
    bail!("too many wrong passwords: run `mcp-telegram login` again")
}

fn qr(admin: &mut Client) -> anyhow::Result<Answer> {
    let started = std::time::Instant::now();
    let mut shown = String::new();
    loop {
        let answer = admin.ask(&Request::Qr)?;
        if !answer.ok {
            bail!("{}", answer.error.unwrap_or_default());
        }
        if answer.step.as_deref() != Some("qr") {
            return Ok(answer);
        }
        let url = answer.url.unwrap_or_default();
        if url != shown {
            eprintln!("{}", render_qr(&url)?);
            eprintln!(
                "Scan this with the Telegram app: Settings → Devices → Link Desktop Device. It is valid for {} s; \
                 a new one follows.",
                answer.expires_in.unwrap_or(0)
            );
            shown = url;
        }
        if started.elapsed() > QR_PATIENCE {
            bail!(
                "no scan within {} minutes: run `mcp-telegram login --qr` again",
                QR_PATIENCE.as_secs() / 60
            );
        }
    }
}

/// The login URL as a QR code drawn with half blocks (two rows per line).
fn render_qr(url: &str) -> anyhow::Result<String> {
    let code = qrcode::QrCode::new(url.as_bytes()).context("failed to draw the QR code")?;
    let size = code.width();
    let dark = |x: i64, y: i64| {
        x >= 0
            && y >= 0
            && (x as usize) < size
            && (y as usize) < size
            && code[(x as usize, y as usize)].select(true, false)
    };
    // A quiet zone of 2 modules; light modules are drawn as blocks so it scans on dark terminals.
    let mut out = String::new();
    for y in (-2..size as i64 + 2).step_by(2) {
        for x in -2..size as i64 + 2 {
            out.push(match (dark(x, y), dark(x, y + 1)) {
                (true, true) => ' ',
                (true, false) => '▄',
                (false, true) => '▀',
                (false, false) => '█',
            });
        }
        out.push('\n');
    }
    Ok(out)
}

fn uptime(seconds: u64) -> String {
    match seconds {
        s if s < 60 => format!("{s} s"),
        s if s < 3600 => format!("{} min {} s", s / 60, s % 60),
        s => format!("{} h {} min", s / 3600, s % 3600 / 60),
    }
}

/// Answers typed on a terminal, or lines on stdin without one.
struct Input {
    tty: bool,
    stdin: std::io::StdinLock<'static>,
}

impl Input {
    fn new() -> Self {
        Self { tty: std::io::stdin().is_terminal(), stdin: std::io::stdin().lock() }
    }

    fn line(&mut self, prompt: &str) -> anyhow::Result<String> {
        if self.tty {
            eprint!("{prompt}");
            let _ = std::io::stderr().flush();
        }
        let mut line = String::new();
        if self.stdin.read_line(&mut line).context("failed to read stdin")? == 0 {
            bail!(
                "stdin ended before the login was complete (expected: {})",
                prompt.trim_end_matches([':', ' '])
            );
        }
        let line = line.trim().to_owned();
        if line.is_empty() {
            return self.line(prompt);
        }
        Ok(line)
    }

    /// A line typed without echo (on a terminal).
    fn secret(&mut self, prompt: &str) -> anyhow::Result<String> {
        let _quiet = self.tty.then(NoEcho::new).transpose()?;
        let secret = self.line(prompt);
        if self.tty {
            eprintln!();
        }
        secret
    }
}

/// Turns terminal echo off until dropped.
struct NoEcho {
    saved: rustix::termios::Termios,
}

impl NoEcho {
    fn new() -> anyhow::Result<Self> {
        use rustix::termios::{LocalModes, OptionalActions, tcgetattr, tcsetattr};
        let stdin = std::io::stdin();
        let saved = tcgetattr(&stdin).context("failed to read the terminal settings")?;
        let mut quiet = saved.clone();
        quiet.local_modes.remove(LocalModes::ECHO);
        quiet.local_modes.insert(LocalModes::ECHONL);
        tcsetattr(&stdin, OptionalActions::Flush, &quiet).context("failed to turn off the terminal echo")?;
        Ok(Self { saved })
    }
}

impl Drop for NoEcho {
    fn drop(&mut self) {
        let _ =
            rustix::termios::tcsetattr(std::io::stdin(), rustix::termios::OptionalActions::Now, &self.saved);
    }
}

/// `mcp-telegram tools`: the tools a window of this environment (or of `--profile`) offers.
pub fn tools(args: crate::cli::ToolsArgs) -> anyhow::Result<()> {
    use std::io::Write;
    let mut request: std::collections::BTreeMap<String, String> = crate::mcp::scope::VARIABLES
        .iter()
        .filter_map(|v| Some(((*v).to_owned(), std::env::var(v).ok()?)))
        .collect();
    if let Some(profile) = args.profile {
        request.insert(crate::mcp::scope::TOOLS.to_owned(), profile);
    }
    let scope = crate::mcp::Scope::resolve(&request, &crate::policy::Grant::default())
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let tools = crate::mcp::TelegramMcp::tools(&scope);
    let size = serde_json::to_vec(&serde_json::json!({ "tools": tools }))?.len();
    let mut out = std::io::stdout().lock();
    for tool in &tools {
        let about = tool.description.as_deref().unwrap_or("").lines().next().unwrap_or("");
        writeln!(out, "{:<32} {about}", tool.name)?;
    }
    writeln!(
        out,
        "\n{} tools; tools/list is {:.1} KB. Profiles (each includes core):",
        tools.len(),
        size as f64 / 1000.0
    )?;
    for (name, about) in crate::mcp::TelegramMcp::profiles() {
        writeln!(out, "  {name:<10} {about}")?;
    }
    writeln!(out, "  {:<10} every tool", "all")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_codes_are_square_with_a_quiet_zone() {
        let drawn = render_qr("tg://login?token=AAAA").unwrap();
        let lines: Vec<&str> = drawn.lines().collect();
        let width = lines[0].chars().count();
        assert!(lines.iter().all(|l| l.chars().count() == width));
        assert!(lines[0].chars().all(|c| c == '█'), "the top quiet zone is light");
        assert_eq!(uptime(3725), "1 h 2 min");
    }
}
