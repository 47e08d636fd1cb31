//! Where `loa publish` sends the site: the `[xuat_ban]` table of site.toml. Never a password: a
//! password or key passphrase is asked for at each publish (`src/publish/`).

use crate::diagnostics::Location;

/// `[xuat_ban]` as written, with where each value is (for located problems).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishConfig {
    /// `dich`: `sftp://host:22/path`, `ftp://…`, `ftps://…` or a folder path.
    pub destination: String,
    /// Where `dich` is written.
    pub destination_at: Location,
    /// `nguoi_dung`: the login name on the host, when the address does not carry one.
    pub user: Option<String>,
    /// `khoa`: an SSH private key file (SFTP), relative to the site folder or with `~/`.
    pub key_file: Option<String>,
    /// `chung_chi`: a PEM file of certificate authorities to trust for FTPS besides the usual
    /// ones (a host whose certificate comes from a national or internal CA).
    pub ca_file: Option<String>,
}
