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
    },
    /// Check the course and print every problem found, without building.
    ///
    /// Exits with status 1 if there is any error, 0 if there are only warnings.
    Check {
        /// Course folder (the one with site.yaml).
        #[arg(default_value = ".")]
        dir: PathBuf,
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
    match run(cli.command, &mut err, choice) {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(err, "error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn choice_is_color(err: &StandardStream) -> bool {
    codespan_reporting::term::termcolor::WriteColor::supports_color(err)
        && std::io::IsTerminal::is_terminal(&std::io::stdout())
}

fn print_diags(diags: &Diagnostics, err: &mut StandardStream) {
    if !diags.is_empty() {
        let _ = diags.render(err);
    }
}

fn run(command: Command, err: &mut StandardStream, color: ColorChoice) -> anyhow::Result<ExitCode> {
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
                        let _ = writeln!(
                            err,
                            "Open {} in a browser, or copy the folder to any web server.",
                            r.out.join("index.html").display()
                        );
                    }
                    Ok(ExitCode::SUCCESS)
                }
                None => {
                    let _ = writeln!(
                        err,
                        "Build failed: {}. Nothing was written; {} is unchanged.",
                        diags.summary(),
                        out.display()
                    );
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
            Ok(if diags.has_errors() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Search {
            query,
            dir,
            limit,
            json,
        } => {
            let queries: Vec<String> = if query == "-" {
                std::io::stdin()
                    .lines()
                    .map_while(Result::ok)
                    .filter(|l| !l.trim().is_empty())
                    .collect()
            } else {
                vec![query]
            };
            let (diags, index) = aware::search_index(&dir)?;
            print_diags(&diags, err);
            let Some(index) = index else {
                let _ = writeln!(
                    err,
                    "Search needs a course without errors: {}.",
                    diags.summary()
                );
                return Ok(ExitCode::FAILURE);
            };
            let bold = choice_is_color(err);
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
                let stems = aware::search::index::SearchIndex::query_stems(query);
                for (i, r) in results.iter().enumerate() {
                    let place = if r.title.starts_with(&r.page) {
                        r.page.clone()
                    } else {
                        format!("{} › {}", r.page, r.title)
                    };
                    let _ = writeln!(out, "{:>2}. {place}  [score {:.3}]", i + 1, r.score);
                    let _ = writeln!(out, "    {}", r.url);
                    let _ = writeln!(
                        out,
                        "    {}",
                        aware::search::highlight::excerpt(&r.body, &stems, 160, bold)
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
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
        Command::New { dir, with_theme } => {
            let files = aware::scaffold::new_course(&dir, with_theme)?;
            let _ = writeln!(
                err,
                "Created a new course in {} ({} files).",
                dir.display(),
                files.len()
            );
            let _ = writeln!(
                err,
                "Next: edit {}/site.yaml, then run `aware build {}`.",
                dir.display(),
                dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
