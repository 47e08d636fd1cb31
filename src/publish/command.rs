//! `loa publish`: build the site exactly as `loa build` does, then send what changed.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;

use super::{Credentials, Destination, Plan, Progress, Summary};
use crate::build::{self, BuildOptions};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::locale::format;
use crate::messages;

/// What `loa publish` was asked.
#[derive(Debug, Clone)]
pub struct Options {
    /// Site folder.
    pub root: PathBuf,
    /// Build date.
    pub date: NaiveDate,
    /// `--dich`: a destination instead of site.toml's.
    pub destination: Option<String>,
    /// `--nguoi-dung`: the login name instead of site.toml's.
    pub user: Option<String>,
    /// `--khoa`: an SSH key file instead of site.toml's.
    pub key_file: Option<PathBuf>,
    /// `--thu-nghiem`: list what would change, send nothing.
    pub dry_run: bool,
}

fn say(key: &str, args: &[(&str, String)]) {
    println!("{}", messages::text(key, args).vi);
}

/// The destination: `--dich`, else `[xuat_ban]` of site.toml; `--nguoi-dung` and `--khoa` on top.
/// Every problem of site.toml is reported here (before a build is started).
pub fn destination(options: &Options) -> Result<Destination, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let one = |d: Diagnostic| {
        let mut all = Diagnostics::new();
        all.push(d);
        all
    };
    let config = match crate::load::read_source(&options.root, Path::new("site.toml")) {
        Ok(source) => crate::load::config::load(&source, &mut diagnostics),
        Err(e) => return Err(one(e)),
    };
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    let mut destination = match &options.destination {
        Some(text) => Destination::parse(text, &options.root, None).map_err(one)?,
        None => config
            .as_ref()
            .map(|c| Destination::from_config(c, &options.root))
            .transpose()
            .map_err(one)?
            .flatten()
            .ok_or_else(|| one(Diagnostic::error("publish_no_destination", None)))?,
    };
    if destination.user.is_none() {
        destination.user = options.user.clone().or_else(|| {
            config
                .as_ref()
                .and_then(|c| c.publish.as_ref())
                .and_then(|p| p.user.clone())
        });
    }
    if options.user.is_some() {
        destination.user = options.user.clone();
    }
    if let Some(key) = &options.key_file {
        destination.key_file = Some(key.clone());
    }
    Ok(destination)
}

/// The password: `LOA_MAT_KHAU`, else asked at the terminal without echo. A key file is tried
/// without a passphrase unless `LOA_MAT_KHAU` gives one.
fn credentials(destination: &Destination) -> Result<Credentials, Diagnostic> {
    if let Some(credentials) = Credentials::from_environment() {
        return Ok(credentials);
    }
    if !destination.needs_password() {
        return Ok(Credentials::none());
    }
    let missing = || {
        Diagnostic::error("publish_password_missing", destination.location.clone())
            .arg("destination", destination.label())
            .arg("variable", super::destination::PASSWORD_VARIABLE)
    };
    if !std::io::stdin().is_terminal() {
        return Err(missing());
    }
    let prompt = messages::text(
        "publish_password_prompt",
        &[("destination", destination.label())],
    )
    .vi;
    match rpassword::prompt_password(format!("{prompt} ")) {
        Ok(password) if !password.is_empty() => Ok(Credentials::password(password)),
        _ => Err(missing()),
    }
}

/// What a plan will do, as lines (Vietnamese): with `listed`, each file first (`+ path (size)`,
/// `~` changed, `-` removed); then the counts; then how many an interrupted run already sent.
/// `loa publish` prints them, the desk's "Xuất bản" page shows them.
pub fn plan_lines(plan: &Plan, listed: bool) -> Vec<String> {
    let mut lines = Vec::new();
    if listed {
        for (sign, list) in [
            ("+", &plan.added),
            ("~", &plan.changed),
            ("-", &plan.removed),
        ] {
            for change in list {
                lines.push(format!(
                    "  {sign} {} ({})",
                    change.path,
                    format::file_size(change.size)
                ));
            }
        }
    }
    lines.push(
        messages::text(
            "publish_plan",
            &[
                ("destination", plan.destination.label()),
                ("added", format::integer(plan.added.len() as i64)),
                ("changed", format::integer(plan.changed.len() as i64)),
                ("removed", format::integer(plan.removed.len() as i64)),
                ("unchanged", format::integer(plan.unchanged as i64)),
                ("size", format::file_size(plan.bytes_to_send())),
            ],
        )
        .vi,
    );
    if plan.resumed > 0 {
        lines.push(
            messages::text(
                "publish_resuming",
                &[("count", format::integer(plan.resumed as i64))],
            )
            .vi,
        );
    }
    lines
}

/// One step done, as a line (`[12/340] tin-tuc/abc/index.html`).
pub fn progress_line(progress: &Progress) -> String {
    let key = if progress.removed {
        "publish_progress_removed"
    } else {
        "publish_progress"
    };
    messages::text(
        key,
        &[
            ("done", progress.done.to_string()),
            ("total", progress.total.to_string()),
            ("path", progress.path.clone()),
        ],
    )
    .vi
}

/// What a finished publish did, as a line.
pub fn summary_line(summary: &Summary, plan: &Plan) -> String {
    messages::text(
        "publish_done",
        &[
            ("destination", plan.destination.label()),
            ("sent", format::integer(summary.sent as i64)),
            ("size", format::file_size(summary.bytes_sent)),
            ("removed", format::integer(summary.removed as i64)),
            ("unchanged", format::integer(summary.unchanged as i64)),
        ],
    )
    .vi
}

/// Runs `loa publish`; the exit code is 1 on any error.
pub fn run(options: &Options) -> ExitCode {
    let fail = |d: Diagnostic| {
        eprintln!("{d}");
        ExitCode::FAILURE
    };
    // The destination is checked before the build, so a typo in it does not wait for one.
    let destination = match destination(options) {
        Ok(d) => d,
        Err(problems) => {
            for d in problems.sorted().into_iter().filter(|d| d.is_error()) {
                eprintln!("{d}");
            }
            return ExitCode::FAILURE;
        }
    };
    let out = options.root.join("output");
    let (report, checked) = build::build_keeping(&BuildOptions {
        root: options.root.clone(),
        out: out.clone(),
        date: options.date,
        outputs: crate::model::Outputs::default(),
    });
    drop(checked);
    crate::serve::print_report(&report, &out, false);
    if report.diagnostics.has_errors() {
        return ExitCode::FAILURE;
    }
    let credentials = match credentials(&destination) {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let plan = match super::plan(&options.root, &out, &destination, &credentials) {
        Ok(plan) => plan,
        Err(e) => return fail(e),
    };
    for line in plan_lines(&plan, options.dry_run) {
        println!("{line}");
    }
    if options.dry_run {
        say("publish_dry_run", &[]);
        return ExitCode::SUCCESS;
    }
    if plan.is_empty() {
        say("publish_nothing", &[]);
        return ExitCode::SUCCESS;
    }
    match super::publish(&plan, &credentials, &mut |p: Progress| {
        println!("{}", progress_line(&p));
    }) {
        Ok(summary) => {
            println!("{}", summary_line(&summary, &plan));
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}
