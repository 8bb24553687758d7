//! The `aware` command line: parses arguments and calls the library.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};

use aware::diagnostic::{plural, Diagnostics};

/// Build awareness-training websites from markdown modules and YAML quizzes.
///
/// A course folder holds `site.yaml` (title, organisation, pass mark, hotline, quick-exit
/// address), `content/` (one markdown file per module, plus `glossary.yaml`), `quizzes/`
/// (one YAML file per quiz) and, optionally, `themes/` (templates or static files that
/// override the built-in theme). The result is a static site that works from any web
/// server folder, a file share or straight from disk, with no server and no external
/// requests.
#[derive(Parser)]
#[command(name = "aware", version, about, long_about, propagate_version = true, arg_required_else_help = true)]
struct Cli {
    /// When to colour diagnostics.
    #[arg(long, value_enum, default_value_t = Color::Auto, global = true)]
    color: Color,

    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand)]
enum Command {
    /// Build the course into a static site.
    ///
    /// Checks everything first; on any error nothing is written and the previous site
    /// stays as it was. The new site is written to a staging folder beside OUT and moved
    /// into place only when complete. Warnings are printed but do not stop the build.
    Build {
        /// Course folder (the one with site.yaml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Output folder [default: DIR/public]. aware replaces it only if it is empty or
        /// was made by aware.
        #[arg(short, long, value_name = "OUT")]
        out: Option<PathBuf>,
        /// Print only problems, not the summary.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Check the course and print every problem found, without building.
    ///
    /// Exits with status 1 if there is any error, 0 if there are only warnings.
    Check {
        /// Course folder (the one with site.yaml).
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Start a new course from the built-in example (a complete course to adapt).
    ///
    /// Writes site.yaml, content/ (modules and glossary) and quizzes/ into DIR, which must
    /// not exist or be empty. Then run `aware build DIR`.
    New {
        /// Folder to create.
        dir: PathBuf,
        /// Also copy the default theme's templates and CSS into DIR/themes/default to edit.
        #[arg(long)]
        with_theme: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let choice = match cli.color {
        Color::Always => ColorChoice::Always,
        Color::Never => ColorChoice::Never,
        Color::Auto => {
            if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
                ColorChoice::Auto
            } else {
                ColorChoice::Never
            }
        }
    };
    let mut err = StandardStream::stderr(choice);
    match run(cli.command, &mut err) {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(err, "error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn print_diags(diags: &Diagnostics, err: &mut StandardStream) {
    if !diags.is_empty() {
        let _ = diags.render(err);
    }
}

fn run(command: Command, err: &mut StandardStream) -> anyhow::Result<ExitCode> {
    match command {
        Command::Build { dir, out, quiet } => {
            let out = out.unwrap_or_else(|| dir.join("public"));
            let (diags, report) = aware::build(&dir, &out)?;
            print_diags(&diags, err);
            match report {
                Some(r) => {
                    if !quiet {
                        let _ = writeln!(
                            err,
                            "Built \"{}\": {} module{}, {} quiz{} ({} question{}), {} glossary term{} → {} pages, {} files ({:.1} KB) in {} [{:.2} s]{}",
                            r.title,
                            r.modules,
                            plural(r.modules),
                            r.quizzes,
                            if r.quizzes == 1 { "" } else { "zes" },
                            r.questions,
                            plural(r.questions),
                            r.terms,
                            plural(r.terms),
                            r.pages,
                            r.files,
                            r.bytes as f64 / 1024.0,
                            r.out.display(),
                            r.elapsed.as_secs_f64(),
                            if diags.warning_count() > 0 { format!(" with {} warning{}", diags.warning_count(), plural(diags.warning_count())) } else { String::new() },
                        );
                        let _ = writeln!(err, "Open {} in a browser, or copy the folder to any web server.", r.out.join("index.html").display());
                    }
                    Ok(ExitCode::SUCCESS)
                }
                None => {
                    let _ = writeln!(err, "Build failed: {}. Nothing was written; {} is unchanged.", diags.summary(), out.display());
                    Ok(ExitCode::FAILURE)
                }
            }
        }
        Command::Check { dir } => {
            let (course, diags) = aware::check(&dir);
            print_diags(&diags, err);
            let _ = writeln!(
                err,
                "Checked {} module{}, {} quiz{}, {} glossary term{}: {}",
                course.modules.len(),
                plural(course.modules.len()),
                course.quizzes.len(),
                if course.quizzes.len() == 1 { "" } else { "zes" },
                course.glossary.len(),
                plural(course.glossary.len()),
                diags.summary()
            );
            Ok(if diags.has_errors() { ExitCode::FAILURE } else { ExitCode::SUCCESS })
        }
        Command::New { dir, with_theme } => {
            let files = aware::scaffold::new_course(&dir, with_theme)?;
            let _ = writeln!(err, "Created a new course in {} ({} files).", dir.display(), files.len());
            let _ = writeln!(err, "Next: edit {}/site.yaml, then run `aware build {}`.", dir.display(), dir.display());
            Ok(ExitCode::SUCCESS)
        }
    }
}
