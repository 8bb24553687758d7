//! Opening the served course in the default browser.

use std::io::Write;
use std::thread;

use termcolor::StandardStream;

/// Opens `url` in the default browser; a failure is only a warning.
pub(super) fn open_browser(url: &str, term: &mut StandardStream) {
    let mut cmd = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    cmd.arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    match cmd.spawn() {
        Ok(mut child) => {
            let url = url.to_string();
            thread::spawn(move || {
                if let Ok(status) = child.wait() {
                    if !status.success() {
                        eprintln!(
                            "warning: could not open a browser ({status}); open {url} yourself."
                        );
                    }
                }
            });
        }
        Err(e) => {
            let _ = writeln!(
                term,
                "warning: could not open a browser ({e}); open {url} yourself."
            );
        }
    }
}
