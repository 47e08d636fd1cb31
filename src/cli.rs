//! The command line, in Vietnamese: `loa build`, `loa check`, `loa serve`, `loa new`, `loa import`,
//! `loa publish`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};

use crate::build::{self, BuildOptions};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::locale::slugify;
use crate::messages;

const HELP_TEMPLATE: &str = "{about}\n\nCách dùng: {usage}\n\n{all-args}{after-help}";

#[derive(Debug, Parser)]
#[command(
    name = "loa",
    version,
    about = "loa: dựng Trang thông tin điện tử và ấn phẩm tuyên truyền của UBND phường/xã từ văn bản và số liệu.",
    help_template = HELP_TEMPLATE,
    subcommand_help_heading = "Lệnh",
    next_help_heading = "Tùy chọn",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Xem hướng dẫn.
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true, help = "Xem hướng dẫn")]
    help: Option<bool>,
    #[arg(short = 'V', long = "version", action = ArgAction::Version, help = "Xem phiên bản")]
    version: Option<bool>,
}

#[derive(Debug, Args)]
struct SiteArgs {
    #[arg(
        long,
        value_name = "THƯ_MỤC",
        default_value = ".",
        help = "Thư mục của trang (có tệp site.toml)"
    )]
    root: PathBuf,
    #[arg(
        long,
        value_name = "NĂM-THÁNG-NGÀY",
        help = "Dựng trang như vào ngày này (mặc định: hôm nay)"
    )]
    date: Option<String>,
}

/// Optional products a quick preview can skip.
#[derive(Debug, Args)]
struct OutputArgs {
    #[arg(
        long,
        help = "Không làm tệp PDF (xem trước nhanh; các liên kết \"Tải bản in\" cũng ẩn đi)"
    )]
    no_pdf: bool,
    #[arg(
        long,
        help = "Không làm bộ chỉ mục tìm kiếm (trang tìm kiếm chỉ còn mục lục chữ cái)"
    )]
    no_search: bool,
    #[arg(
        long,
        help = "Làm thêm tờ rơi, áp phích, băng-rôn cho nhà in: tràn lề 3 mm và dấu cắt, trong output/in/nha-in/"
    )]
    nha_in: bool,
}

impl OutputArgs {
    fn outputs(&self) -> crate::model::Outputs {
        let all = crate::model::Outputs::default();
        crate::model::Outputs {
            pdf: all.pdf && !self.no_pdf,
            search_index: all.search_index && !self.no_search,
            pdf_in_background: false,
            print_shop: self.nha_in,
        }
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    #[command(about = "Dựng toàn bộ trang vào thư mục kết quả (output/)", help_template = HELP_TEMPLATE)]
    Build {
        #[command(flatten)]
        site: SiteArgs,
        #[arg(
            long,
            value_name = "THƯ_MỤC",
            help = "Thư mục kết quả (mặc định: output/ trong thư mục trang)"
        )]
        out: Option<PathBuf>,
        #[command(flatten)]
        outputs: OutputArgs,
        #[arg(long, help = "In thời gian của từng bước dựng (để đo tốc độ)")]
        timings: bool,
    },
    #[command(about = "Kiểm tra mọi tệp, báo mọi lỗi và cảnh báo, không ghi gì", help_template = HELP_TEMPLATE)]
    Check {
        #[command(flatten)]
        site: SiteArgs,
    },
    #[command(about = "Dựng trang rồi mở xem trước tại 127.0.0.1; sửa tệp nào, trang tự dựng lại và tải lại", help_template = HELP_TEMPLATE)]
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        #[arg(
            long,
            value_name = "THƯ_MỤC",
            help = "Thư mục kết quả (mặc định: output/ trong thư mục trang)"
        )]
        out: Option<PathBuf>,
        #[arg(
            long,
            value_name = "CỔNG",
            default_value_t = 8000,
            help = "Cổng trên 127.0.0.1"
        )]
        port: u16,
        #[command(flatten)]
        outputs: OutputArgs,
    },
    #[command(
        about = "Dựng trang rồi gửi lên máy chủ (SFTP, FTP, FTPS) hoặc chép vào thư mục: chỉ gửi tệp đã thay đổi",
        help_template = HELP_TEMPLATE
    )]
    Publish {
        #[command(flatten)]
        site: SiteArgs,
        #[arg(
            long = "thu-nghiem",
            visible_alias = "dry-run",
            help = "Chạy thử: chỉ liệt kê tệp sẽ thêm, sửa, xóa; không gửi gì"
        )]
        dry_run: bool,
        #[arg(
            long,
            value_name = "ĐÍCH",
            help = "Nơi gửi (sftp://…, ftp://…, ftps://… hoặc thư mục) thay cho [xuat_ban] dich trong site.toml"
        )]
        dich: Option<String>,
        #[arg(
            long = "nguoi-dung",
            value_name = "TÊN",
            help = "Tên đăng nhập trên máy chủ thay cho [xuat_ban] nguoi_dung"
        )]
        user: Option<String>,
        #[arg(
            long,
            value_name = "TỆP",
            help = "Tệp khóa SSH (SFTP), ví dụ ~/.ssh/id_ed25519; mật khẩu của khóa hỏi khi cần"
        )]
        khoa: Option<PathBuf>,
    },
    #[command(about = "Tạo tệp mới có sẵn các trường và lời giải thích", help_template = HELP_TEMPLATE)]
    New {
        #[arg(
            value_enum,
            help = "Loại tệp: plan (văn bản), news (tin), page (trang), toi-can (quyền lợi, dịch vụ)"
        )]
        kind: NewKind,
        #[arg(help = "Tiêu đề (trích yếu)")]
        title: String,
        #[arg(
            long,
            value_name = "THƯ_MỤC",
            default_value = ".",
            help = "Thư mục của trang"
        )]
        root: PathBuf,
    },
    #[command(
        about = "Nhập văn bản Word (.docx), văn bản thô (.txt) hoặc Markdown (.md) thành tệp kế hoạch",
        override_usage = "loa import [TÙY_CHỌN] <TỆP>",
        help_template = HELP_TEMPLATE
    )]
    Import {
        #[arg(
            value_name = "TỆP",
            help_heading = "Tham số",
            help = "Tệp cần nhập (.docx, .txt, .md)"
        )]
        file: PathBuf,
        #[arg(
            long,
            value_name = "THƯ_MỤC",
            default_value = ".",
            hide_default_value = true,
            help_heading = "Tùy chọn",
            help = "Thư mục của trang, để so với data/units.toml, data/legal.toml (mặc định: thư mục hiện tại)"
        )]
        root: PathBuf,
        #[arg(
            long,
            value_name = "THƯ_MỤC",
            help_heading = "Tùy chọn",
            help = "Thư mục ghi tệp kế hoạch (mặc định: content/plans/ trong thư mục trang)"
        )]
        out: Option<PathBuf>,
        #[arg(
            long,
            help_heading = "Tùy chọn",
            help = "Chỉ in tệp kết quả và bản tóm tắt, không ghi gì"
        )]
        dry_run: bool,
        #[arg(
            long,
            help_heading = "Tùy chọn",
            help = "Thêm các đơn vị, văn bản mới được đề xuất vào data/units.toml và data/legal.toml"
        )]
        update_registries: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum NewKind {
    /// Văn bản (kế hoạch, công văn...).
    Plan,
    /// Tin bài.
    News,
    /// Trang.
    Page,
    /// Trang quyền lợi, dịch vụ "Tôi cần…".
    #[value(name = "toi-can")]
    Benefit,
}

fn print_diagnostics(diagnostics: &Diagnostics) {
    for d in diagnostics.sorted() {
        eprintln!("{d}");
    }
}

fn build_date(text: Option<&str>) -> Result<NaiveDate, Diagnostic> {
    match text {
        None => Ok(chrono::Local::now().date_naive()),
        Some(text) => NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
            Diagnostic::error("build_date_invalid", None).arg("value", text.to_owned())
        }),
    }
}

/// Runs the command line; returns the process exit code (1 on any error).
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            site,
            out,
            outputs,
            timings,
        } => {
            let date = match build_date(site.date.as_deref()) {
                Ok(d) => d,
                Err(e) => return fail(e),
            };
            let out = out.unwrap_or_else(|| site.root.join("output"));
            let (report, checked) = build::build_keeping(&BuildOptions {
                root: site.root,
                out: out.clone(),
                date,
                outputs: outputs.outputs(),
            });
            // The process ends here: the operating system takes the model back at once, where
            // freeing it piece by piece took a few per cent of a large build.
            std::mem::forget(checked);
            crate::serve::print_report(&report, &out, timings);
            if report.diagnostics.has_errors() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Check { site } => {
            let date = match build_date(site.date.as_deref()) {
                Ok(d) => d,
                Err(e) => return fail(e),
            };
            let mut diagnostics = Diagnostics::new();
            let _ = build::check(&site.root, date, &mut diagnostics);
            print_diagnostics(&diagnostics);
            println!(
                "{}",
                messages::text(
                    "summary_check",
                    &[
                        ("errors", diagnostics.error_count().to_string()),
                        ("warnings", diagnostics.warning_count().to_string()),
                    ],
                )
                .vi
            );
            if diagnostics.has_errors() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Import {
            file,
            root,
            out,
            dry_run,
            update_registries,
        } => crate::import::command::run(&crate::import::command::Options {
            file,
            root,
            out,
            dry_run,
            update_registries,
        }),
        Command::Serve {
            site,
            out,
            port,
            outputs,
        } => {
            let date = match build_date(site.date.as_deref()) {
                Ok(d) => d,
                Err(e) => return fail(e),
            };
            let out = out.unwrap_or_else(|| site.root.join("output"));
            let options = crate::serve::ServeOptions {
                build: BuildOptions {
                    root: site.root,
                    out,
                    date,
                    outputs: crate::model::Outputs {
                        pdf_in_background: true,
                        ..outputs.outputs()
                    },
                },
                port,
            };
            match crate::serve::serve(&options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(e),
            }
        }
        Command::Publish {
            site,
            dry_run,
            dich,
            user,
            khoa,
        } => {
            let date = match build_date(site.date.as_deref()) {
                Ok(d) => d,
                Err(e) => return fail(e),
            };
            crate::publish::command::run(&crate::publish::command::Options {
                root: site.root,
                date,
                destination: dich,
                user,
                key_file: khoa,
                dry_run,
            })
        }
        Command::New { kind, title, root } => match scaffold(&root, kind, &title) {
            Ok(path) => {
                println!(
                    "{}",
                    messages::text("new_created", &[("path", path.display().to_string())]).vi
                );
                ExitCode::SUCCESS
            }
            Err(e) => fail(e),
        },
    }
}

fn fail(diagnostic: Diagnostic) -> ExitCode {
    eprintln!("{diagnostic}");
    ExitCode::FAILURE
}

/// Writes a new content file with every field explained; never overwrites.
fn scaffold(root: &Path, kind: NewKind, title: &str) -> Result<PathBuf, Diagnostic> {
    let (folder, template) = match kind {
        NewKind::Plan => ("content/plans", include_str!("../locales/scaffold/plan.md")),
        NewKind::News => ("content/news", include_str!("../locales/scaffold/news.md")),
        NewKind::Page => ("content/pages", include_str!("../locales/scaffold/page.md")),
        NewKind::Benefit => (
            crate::load::BENEFITS_DIR,
            include_str!("../locales/scaffold/toi-can.md"),
        ),
    };
    let today = chrono::Local::now().date_naive();
    let text = crate::scaffold::fill(root, template, title, today);
    let slug = slugify(title);
    let relative = PathBuf::from(folder).join(format!("{slug}.md"));
    let path = root.join(&relative);
    if path.exists() {
        return Err(
            Diagnostic::error("new_exists", None).arg("path", relative.display().to_string())
        );
    }
    std::fs::create_dir_all(root.join(folder))
        .and_then(|()| std::fs::write(&path, text))
        .map_err(|e| {
            Diagnostic::error("output_error", None)
                .arg("path", relative.display().to_string())
                .arg("reason", e.to_string())
        })?;
    Ok(relative)
}
