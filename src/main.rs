//! The `aware` command line: parses arguments and calls the library.

mod malloc;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use termcolor::{ColorChoice, StandardStream};

use aware::diagnostic::Diagnostics;
use aware::messages;
use aware::package::Standard;

/// Build awareness-training websites from markdown modules and YAML quizzes.
///
/// A course folder holds `site.yaml` (title, organisation, pass mark, hotline, quick-exit
/// address), `content/` (one markdown file per module, plus `glossary.yaml`), `quizzes/`
/// (one YAML file per quiz) and, optionally, `themes/` (templates or static files that
/// override the built-in theme). The result is a static site that works from any web
/// server folder, a file share or straight from disk, with no server and no external
/// requests.
#[derive(Parser)]
#[command(
    name = "aware",
    version,
    about,
    long_about,
    propagate_version = true,
    arg_required_else_help = true
)]
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
        /// Treat warnings (quiz lint, placeholders still to fill in, …) as errors: build
        /// nothing while there is any.
        #[arg(long)]
        strict: bool,
    },
    /// Check the course and print every problem found, without building.
    ///
    /// Besides errors, it warns about what makes a course weaker: quiz questions a
    /// test-wise learner answers without reading (quiz lint), learning objectives no
    /// question tests, placeholders still to fill in, images without alt text. Exits with
    /// status 1 if there is any error (any warning too, with --strict), 0 otherwise.
    Check {
        /// Course folder (the one with site.yaml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Treat warnings as errors (exit status 1 when there is any).
        #[arg(long)]
        strict: bool,
    },
    /// Search the course from the terminal, as learners search the built site.
    ///
    /// Uses the same analyzer and BM25 scores (tantivy) as the site's search: lower-case,
    /// accents folded, English stop words dropped, words stemmed ("signs" finds "sign").
    /// Prints the best matches with their section, score and an excerpt.
    Search {
        /// What to look for, e.g. "signs in minors". `-` reads one query per line from
        /// standard input (with --json, each result line carries its query).
        query: String,
        /// Course folder (the one with site.yaml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// How many results to show.
        #[arg(short = 'n', long, default_value_t = 10)]
        limit: usize,
        /// Print results as JSON lines (url, page, title, score).
        #[arg(long)]
        json: bool,
    },
    /// Build the course in memory and serve it with live reload, for writing a course.
    ///
    /// Serves the site at http://127.0.0.1:3000/ (only this computer can see it) and
    /// watches site.yaml, content/, quizzes/ and themes/. Each save rebuilds only what it
    /// touched (one module's page, the glossary, the home page...) and the browser
    /// reloads the pages that changed; a theme stylesheet is swapped without a reload.
    /// If a change breaks the course, the problems are printed here and shown over the
    /// page in the browser, which keeps the last good version until the file is fixed.
    /// Nothing is written to disk: use `aware build` to publish. Ctrl-C stops.
    Serve {
        /// Course folder (the one with site.yaml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Port to listen on; if it is taken, the next free one is used (and named).
        /// 0 picks any free port.
        #[arg(short, long, default_value_t = aware::serve::DEFAULT_PORT)]
        port: u16,
        /// Open the site in the default browser once it is served.
        #[arg(long)]
        open: bool,
        /// Address to listen on [default: 127.0.0.1]. Any other address (e.g. 0.0.0.0)
        /// lets other computers on the network see the course, quiz answers included.
        #[arg(long, value_name = "ADDR")]
        bind: Option<std::net::IpAddr>,
    },
    /// Package the course for an LMS (SCORM 1.2 or SCORM 2004 4th edition).
    ///
    /// Writes one zip per standard: the built site, its search index, `imsmanifest.xml`
    /// (one SCO launching the home page, the pass mark as the mastery score) and the XML
    /// schemas it names. On every page a small script finds the LMS and reports
    /// completion, pass/fail, score, bookmark and progress (see the README: "LMS
    /// packages"). Checks everything first; on any error no zip is written, and a zip is
    /// only ever replaced whole.
    #[command(group(clap::ArgGroup::new("standard").required(true).multiple(true).args(["scorm12", "scorm2004"])))]
    Package {
        /// Course folder (the one with site.yaml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Write a SCORM 1.2 package (every LMS accepts it).
        #[arg(long)]
        scorm12: bool,
        /// Write a SCORM 2004 4th edition package.
        #[arg(long)]
        scorm2004: bool,
        /// Zip file to write [default: DIR/<course id>-<version>-scorm12.zip, or
        /// -scorm2004.zip]. Only with one of --scorm12 and --scorm2004.
        #[arg(short, long, value_name = "FILE.zip")]
        out: Option<PathBuf>,
        /// Print only problems, not the summary.
        #[arg(short, long)]
        quiet: bool,
        /// Treat warnings as errors: write no zip while there is any (for example a
        /// `[[replace: …]]` placeholder still to fill in).
        #[arg(long)]
        strict: bool,
    },
    /// Start a new course from the built-in human-trafficking awareness course.
    ///
    /// Writes site.yaml, content/ (the core modules, the glossary and a "Report a concern"
    /// page), quizzes/ (their quizzes and the final assessment's pool) into DIR, which
    /// must not exist or be empty. What your organisation must write itself (its name,
    /// who staff tell, its employee assistance program) is marked `[[replace: …]]`:
    /// `aware check` lists every one with its line and column. Then run `aware build DIR`.
    New {
        /// Folder to create.
        dir: PathBuf,
        /// Also copy the default theme's templates and CSS into DIR/themes/default to edit.
        #[arg(long)]
        with_theme: bool,
        /// Also copy the optional "go deeper" modules and their quizzes.
        #[arg(long)]
        full: bool,
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
    match run(cli.command, &mut err, choice) {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(err, "error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Runs one command. `Err` is a problem with the command itself (exit status 2); content
/// problems are printed as diagnostics and give exit status 1.
fn run(command: Command, err: &mut StandardStream, color: ColorChoice) -> anyhow::Result<ExitCode> {
    match command {
        Command::Build {
            dir,
            out,
            quiet,
            strict,
        } => build(&dir, out, quiet, strict, err),
        Command::Check { dir, strict } => check(&dir, strict, err),
        Command::Search {
            query,
            dir,
            limit,
            json,
        } => search(&query, &dir, limit, json, err),
        Command::Serve {
            dir,
            port,
            open,
            bind,
        } => {
            aware::serve::run(aware::serve::Options {
                dir,
                port,
                bind,
                open,
                color,
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Package {
            dir,
            scorm12,
            scorm2004,
            out,
            quiet,
            strict,
        } => {
            let mut standards = Vec::new();
            if scorm12 {
                standards.push(Standard::Scorm12);
            }
            if scorm2004 {
                standards.push(Standard::Scorm2004);
            }
            package(&dir, &standards, out.as_deref(), quiet, strict, err)
        }
        Command::New {
            dir,
            with_theme,
            full,
        } => {
            let what = aware::scaffold::NewCourse { with_theme, full };
            let files = aware::scaffold::new_course(&dir, what)?;
            let _ = writeln!(err, "{}", messages::created(&dir, files.len()));
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `aware build`: the whole pipeline into OUT, atomically.
fn build(
    dir: &Path,
    out: Option<PathBuf>,
    quiet: bool,
    strict: bool,
    err: &mut StandardStream,
) -> anyhow::Result<ExitCode> {
    let out = out.unwrap_or_else(|| dir.join("public"));
    let (diags, report) = aware::build_with(dir, &out, aware::BuildOptions { strict })?;
    print_diags(&diags, err);
    match report {
        Some(r) => {
            if !quiet {
                let _ = writeln!(err, "{}", messages::built(&r, &diags));
            }
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let _ = writeln!(err, "{}", messages::build_failed(&diags, &out));
            Ok(ExitCode::FAILURE)
        }
    }
}

/// `aware package`: one zip per standard.
fn package(
    dir: &Path,
    standards: &[Standard],
    out: Option<&Path>,
    quiet: bool,
    strict: bool,
    err: &mut StandardStream,
) -> anyhow::Result<ExitCode> {
    if out.is_some() && standards.len() > 1 {
        anyhow::bail!("-o names one zip: give it with only one of --scorm12 and --scorm2004");
    }
    for &standard in standards {
        let options = aware::BuildOptions { strict };
        let (diags, report) = aware::package(dir, standard, out, options)?;
        print_diags(&diags, err);
        match report {
            Some(r) if !quiet => {
                let _ = writeln!(err, "{}", messages::packaged(&r, &diags));
            }
            Some(_) => {}
            None => {
                let _ = writeln!(err, "{}", messages::package_failed(&diags, standard));
                return Ok(ExitCode::FAILURE);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `aware check`: every problem, nothing written.
fn check(dir: &Path, strict: bool, err: &mut StandardStream) -> anyhow::Result<ExitCode> {
    let (course, mut diags) = aware::check_course(dir);
    if strict {
        diags.promote_warnings();
    }
    print_diags(&diags, err);
    let _ = writeln!(err, "{}", messages::checked(&course, &diags));
    Ok(if diags.has_errors() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// `aware search`: the course's search from the terminal.
fn search(
    query: &str,
    dir: &Path,
    limit: usize,
    json: bool,
    err: &mut StandardStream,
) -> anyhow::Result<ExitCode> {
    let queries: Vec<String> = if query == "-" {
        std::io::stdin()
            .lines()
            .map_while(Result::ok)
            .filter(|l| !l.trim().is_empty())
            .collect()
    } else {
        vec![query.to_string()]
    };
    let (diags, index) = aware::search_index(dir)?;
    print_diags(&diags, err);
    let Some(index) = index else {
        let _ = writeln!(err, "{}", messages::search_needs_a_clean_course(&diags));
        return Ok(ExitCode::FAILURE);
    };
    let bold = is_colour_terminal(err);
    let mut out = std::io::stdout().lock();
    for query in &queries {
        let results = index.search(query, limit)?;
        if json {
            for (i, r) in results.iter().enumerate() {
                let line = serde_json::json!({ "query": query, "rank": i + 1, "doc": r.doc, "url": r.url, "page": r.page, "title": r.title, "kind": r.kind, "score": r.score });
                let _ = writeln!(out, "{line}");
            }
            continue;
        }
        if results.is_empty() {
            let _ = writeln!(out, "No results for \"{query}\".");
        }
        let stems = aware::search::CourseSearch::query_stems(query);
        for (i, r) in results.iter().enumerate() {
            let place = if r.title.starts_with(&r.page) {
                r.page.clone()
            } else {
                format!("{} › {}", r.page, r.title)
            };
            let excerpt = aware::search::highlight::excerpt(&r.body, &stems, 160, bold);
            let _ = writeln!(out, "{:>2}. {place}  [score {:.3}]", i + 1, r.score);
            let _ = writeln!(out, "    {}", r.url);
            let _ = writeln!(out, "    {excerpt}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn is_colour_terminal(err: &StandardStream) -> bool {
    termcolor::WriteColor::supports_color(err)
        && std::io::IsTerminal::is_terminal(&std::io::stdout())
}

fn print_diags(diags: &Diagnostics, err: &mut StandardStream) {
    if !diags.is_empty() {
        let _ = diags.render(err);
    }
}
