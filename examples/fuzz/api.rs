//! The fuzzer's only contact with the aware library: [`call`]. When the library's API is
//! renamed, this function is the one place to adapt.

use std::path::Path;

/// What the fuzzer asks of aware.
pub enum Call<'a> {
    /// Write the default course into an empty folder (`aware new`).
    Scaffold(&'a Path),
    /// `aware check DIR`.
    Check(&'a Path),
    /// `aware build DIR -o OUT`.
    Build(&'a Path, &'a Path),
}

/// One diagnostic, as plain data.
pub struct Diag {
    pub error: bool,
    pub code: String,
    /// Empty when the diagnostic names no file.
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// What a call produced.
#[derive(Default)]
pub struct Outcome {
    pub diags: Vec<Diag>,
    /// `Err` from the library (its `{:#}` text).
    pub err: Option<String>,
    /// A build that produced a site (`Some(BuildReport)`).
    pub built: bool,
    /// Bytes of the rendered diagnostics (`Diagnostics::render_plain`, what the CLI prints).
    pub rendered_bytes: usize,
}

pub fn call(c: Call) -> Outcome {
    use aware::diagnostic::{Diagnostics, Severity};
    let from = |d: &Diagnostics| Outcome {
        diags: d
            .items()
            .iter()
            .map(|d| Diag {
                error: d.severity == Severity::Error,
                code: d.code.to_string(),
                file: d.file.to_string_lossy().into_owned(),
                line: d.line,
                column: d.column,
                message: d.message.clone(),
            })
            .collect(),
        rendered_bytes: d.render_plain().len(),
        ..Outcome::default()
    };
    let failed = |e: anyhow::Error| Outcome {
        err: Some(format!("{e:#}")),
        ..Outcome::default()
    };
    match c {
        Call::Scaffold(dir) => {
            aware::scaffold::new_course(dir, aware::scaffold::NewCourse::default())
                .map(|_| Outcome::default())
                .unwrap_or_else(failed)
        }
        Call::Check(dir) => from(&aware::check_course(dir).1),
        Call::Build(dir, out) => match aware::build(dir, out) {
            Ok((d, report)) => Outcome {
                built: report.is_some(),
                ..from(&d)
            },
            Err(e) => failed(e),
        },
    }
}
