//! A pseudo-terminal for driving interactive commands as a person at a terminal does: the
//! child's stdin, stdout and stderr are the terminal; the test reads what it shows and types.

use std::io::{Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::window::ANSWER;

/// A child process on its own pseudo-terminal.
pub(crate) struct Terminal {
    pub(crate) child: std::process::Child,
    master: std::fs::File,
    screen: Arc<(Mutex<String>, Condvar)>,
    /// How much of the screen earlier `expect`s consumed.
    seen: usize,
}

impl Terminal {
    /// Spawns `command` with the terminal as its stdio.
    pub(crate) fn spawn(mut command: std::process::Command) -> Self {
        use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
        let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC).unwrap();
        grantpt(&master).unwrap();
        unlockpt(&master).unwrap();
        let name = ptsname(&master, Vec::new()).unwrap();
        let slave = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .custom_flags(rustix::fs::OFlags::NOCTTY.bits() as i32)
            .open(name.to_str().unwrap())
            .unwrap();
        command.stdin(slave.try_clone().unwrap()).stdout(slave.try_clone().unwrap()).stderr(slave);
        let child = command.spawn().unwrap();
        let master = std::fs::File::from(master);
        let screen = Arc::new((Mutex::new(String::new()), Condvar::new()));
        let (mut reader, shown) = (master.try_clone().unwrap(), Arc::clone(&screen));
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            // EIO once the child side is closed: the end of the screen.
            while let Ok(n @ 1..) = reader.read(&mut buf) {
                shown.0.lock().unwrap().push_str(&String::from_utf8_lossy(&buf[..n]));
                shown.1.notify_all();
            }
        });
        drop(command);
        Self { child, master, screen, seen: 0 }
    }

    /// Waits until `text` appears after what earlier calls saw; returns the screen up to it.
    pub(crate) fn expect(&mut self, text: &str) -> String {
        let deadline = Instant::now() + ANSWER;
        let (lock, changed) = &*self.screen;
        let mut screen = lock.lock().unwrap();
        loop {
            if let Some(at) = screen[self.seen..].find(text) {
                let end = self.seen + at + text.len();
                let shown = screen[self.seen..end].to_owned();
                self.seen = end;
                return shown;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "the terminal never showed {text:?}; it shows:\n{}",
                &screen[self.seen..]
            );
            screen = changed.wait_timeout(screen, left.min(Duration::from_millis(200))).unwrap().0;
        }
    }

    /// Everything shown so far.
    pub(crate) fn screen(&self) -> String {
        self.screen.0.lock().unwrap().clone()
    }

    /// Types a line.
    pub(crate) fn type_line(&mut self, line: &str) {
        self.master.write_all(format!("{line}\n").as_bytes()).unwrap();
        self.master.flush().unwrap();
    }

    /// Waits for the exit status.
    pub(crate) fn wait(&mut self) -> std::process::ExitStatus {
        let deadline = Instant::now() + ANSWER;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "the command did not exit; it shows:\n{}", self.screen());
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
