fn main() -> std::process::ExitCode {
    loa::cli::run()
}
