//! Running other programs: progress lines, environments, timeouts and captured output.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Prints one progress line, so a long set-up never looks like a hang.
pub fn progress(message: &str) {
    eprintln!("==> {message}");
}

/// A program with its arguments and the extra environment it runs with.
#[derive(Clone, Debug)]
pub struct Cmd {
    pub program: String,
    pub args: Vec<String>,
    pub env: Vec<(String, String)>,
    pub dir: Option<std::path::PathBuf>,
}

impl Cmd {
    pub fn new(program: impl Into<String>) -> Cmd {
        Cmd {
            program: program.into(),
            args: Vec::new(),
            env: Vec::new(),
            dir: None,
        }
    }

    pub fn arg(mut self, arg: impl Into<String>) -> Cmd {
        self.args.push(arg.into());
        self
    }

    pub fn args<I, S>(mut self, args: I) -> Cmd
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    pub fn envs(mut self, env: &[(String, String)]) -> Cmd {
        self.env.extend(env.iter().cloned());
        self
    }

    pub fn env(mut self, key: &str, value: impl Into<String>) -> Cmd {
        self.env.push((key.to_string(), value.into()));
        self
    }

    fn command(&self) -> Command {
        let mut command = Command::new(&self.program);
        command.args(&self.args);
        for (key, value) in &self.env {
            command.env(key, value);
        }
        command.current_dir(self.dir.clone().unwrap_or_else(crate::root));
        command
    }

    /// The command as a person would type it, for messages.
    pub fn display(&self) -> String {
        let mut text = String::new();
        for (key, value) in &self.env {
            if key != "PATH" {
                text.push_str(&format!("{key}={value} "));
            }
        }
        text.push_str(&self.program);
        for arg in &self.args {
            text.push(' ');
            text.push_str(arg);
        }
        text
    }

    /// Runs with inherited output; an error when it cannot start or exits non-zero.
    pub fn run(&self) -> Result<(), String> {
        let status = self
            .command()
            .status()
            .map_err(|e| format!("cannot start `{}`: {e}", self.program))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("`{}` failed ({status})", self.display()))
        }
    }

    /// Runs quietly and returns stdout, or `None` when it cannot start or fails.
    pub fn output(&self) -> Option<String> {
        let out = self.command().stderr(Stdio::null()).output().ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// Runs with stdout passed through line by line and also returned; the bool is success.
    pub fn run_tee(&self) -> Result<(bool, String), String> {
        let mut command = self.command();
        command.stdout(Stdio::piped());
        let mut child = command
            .spawn()
            .map_err(|e| format!("cannot start `{}`: {e}", self.program))?;
        let stdout = child.stdout.take();
        let captured = stdout.map(|out| tee(BufReader::new(out)));
        let status = child.wait().map_err(|e| e.to_string())?;
        Ok((status.success(), captured.unwrap_or_default()))
    }

    /// [`Cmd::run_tee`] for stdout and stderr together, as they interleave (libFuzzer reports on
    /// stderr).
    pub fn run_tee_both(&self) -> Result<(bool, String), String> {
        let (reader, writer) = std::io::pipe().map_err(|e| format!("cannot make a pipe: {e}"))?;
        let mut command = self.command();
        command
            .stdout(writer.try_clone().map_err(|e| e.to_string())?)
            .stderr(writer);
        let mut child = command
            .spawn()
            .map_err(|e| format!("cannot start `{}`: {e}", self.program))?;
        // The command holds the pipe's writing ends; drop them so the reader sees the end.
        drop(command);
        let captured = tee(BufReader::new(reader));
        let status = child.wait().map_err(|e| e.to_string())?;
        Ok((status.success(), captured))
    }

    /// Runs with inherited output but gives up (and kills it) after `limit`.
    pub fn run_with_timeout(&self, limit: Duration) -> Result<(), String> {
        let mut child = self
            .command()
            .spawn()
            .map_err(|e| format!("cannot start `{}`: {e}", self.program))?;
        let start = Instant::now();
        loop {
            if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
                return if status.success() {
                    Ok(())
                } else {
                    Err(format!("`{}` failed ({status})", self.display()))
                };
            }
            if start.elapsed() > limit {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "`{}` did not finish within {} s",
                    self.display(),
                    limit.as_secs()
                ));
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}

/// Prints each line read from `from` and returns them all. A line that is not UTF-8 is read
/// lossily rather than ending the read: closing the pipe early could kill the writer (SIGPIPE).
fn tee(mut from: impl BufRead) -> String {
    let mut captured = String::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        match from.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\n', '\r']);
        println!("{text}");
        captured.push_str(text);
        captured.push('\n');
    }
    captured
}

/// Whether `program` can be started from PATH (or is an existing path).
pub fn on_path(program: &str) -> bool {
    if program.contains('/') {
        return Path::new(program).is_file();
    }
    std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
        .unwrap_or(false)
}
