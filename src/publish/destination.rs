//! Where the site goes (`[xuat_ban] dich` in site.toml, or `loa publish --dich`) and what a login
//! needs. A password is never read from site.toml: it comes from the terminal or `LOA_MAT_KHAU`
//! and lives only in [`Credentials`], whose `Debug` hides it.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Location};
use crate::model::SiteConfig;

/// The environment variable a password (or a key's passphrase) may come from.
pub const PASSWORD_VARIABLE: &str = "LOA_MAT_KHAU";

/// How the files travel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// SSH file transfer.
    Sftp,
    /// Plain FTP (the password crosses the network in clear: allowed, said in the README).
    Ftp,
    /// FTP with explicit TLS (`AUTH TLS`).
    Ftps,
}

impl Protocol {
    fn default_port(self) -> u16 {
        match self {
            Protocol::Sftp => 22,
            Protocol::Ftp | Protocol::Ftps => 21,
        }
    }
}

/// Where `loa publish` sends the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A folder (a mounted share, `\\may-chu\web`, or a local folder).
    Folder(PathBuf),
    /// A host reached over the network.
    Remote {
        /// SFTP, FTP or FTPS.
        protocol: Protocol,
        /// Host name or address.
        host: String,
        /// Port.
        port: u16,
        /// Folder on the host (`/public_html`); empty: the login folder.
        path: String,
    },
}

/// A destination with the login name and key file named in site.toml (never a password).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destination {
    /// Folder or host.
    pub target: Target,
    /// Login name (`nguoi_dung`, or the `user@` of the address).
    pub user: Option<String>,
    /// SSH private key file (`khoa`, or `--khoa`).
    pub key_file: Option<PathBuf>,
    /// Extra certificate authorities for FTPS (`chung_chi`, a PEM file).
    pub ca_file: Option<PathBuf>,
    /// Where the destination is written (site.toml), for located problems.
    pub location: Option<Location>,
}

/// What a login needs besides the destination: a password, or the passphrase of a key file.
/// Never written anywhere; `Debug` shows only whether one is present.
#[derive(Clone, Default)]
pub struct Credentials {
    password: Option<String>,
}

impl Credentials {
    /// No password (a folder, or a key without passphrase).
    pub fn none() -> Credentials {
        Credentials::default()
    }

    /// A password (or key passphrase) typed by the user.
    pub fn password(password: impl Into<String>) -> Credentials {
        Credentials {
            password: Some(password.into()),
        }
    }

    /// The password from [`PASSWORD_VARIABLE`], if set and not empty.
    pub fn from_environment() -> Option<Credentials> {
        std::env::var(PASSWORD_VARIABLE)
            .ok()
            .filter(|p| !p.is_empty())
            .map(Credentials::password)
    }

    pub(crate) fn secret(&self) -> Option<&str> {
        self.password.as_deref()
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = if self.password.is_some() {
            "Some(***)"
        } else {
            "None"
        };
        write!(f, "Credentials {{ password: {shown} }}")
    }
}

impl Destination {
    /// The destination named in site.toml's `[xuat_ban]`; relative folders and key files are
    /// taken from the site folder `root`. `Ok(None)`: site.toml names none.
    pub fn from_config(
        config: &SiteConfig,
        root: &Path,
    ) -> Result<Option<Destination>, Diagnostic> {
        let Some(publish) = &config.publish else {
            return Ok(None);
        };
        let mut destination = Destination::parse(
            &publish.destination,
            root,
            Some(publish.destination_at.clone()),
        )?;
        if destination.user.is_none() {
            destination.user = publish.user.clone();
        }
        if let Some(key) = &publish.key_file {
            destination.key_file = Some(expand_path(key, root));
        }
        if let Some(ca) = &publish.ca_file {
            destination.ca_file = Some(expand_path(ca, root));
        }
        Ok(Some(destination))
    }

    /// Reads `text`: `sftp://[user@]host[:port]/path`, `ftp://…`, `ftps://…`, or a folder path
    /// (relative to `root`). A password in the address is refused (it would be kept in a file).
    pub fn parse(
        text: &str,
        root: &Path,
        location: Option<Location>,
    ) -> Result<Destination, Diagnostic> {
        let text = text.trim();
        let error = |code: &'static str| {
            Diagnostic::error(code, location.clone())
                .field("xuat_ban.dich")
                .arg("value", shown_address(text))
        };
        if text.is_empty() {
            return Err(error("publish_destination_empty"));
        }
        let Some((scheme, _)) = text.split_once("://") else {
            return Ok(Destination {
                target: Target::Folder(expand_path(text, root)),
                user: None,
                key_file: None,
                ca_file: None,
                location,
            });
        };
        let protocol = match scheme.to_ascii_lowercase().as_str() {
            "sftp" => Protocol::Sftp,
            "ftp" => Protocol::Ftp,
            "ftps" => Protocol::Ftps,
            // `file:///mnt/web`: a folder written as an address.
            "file" => {
                let url = url::Url::parse(text).map_err(|_| error("publish_address_invalid"))?;
                let path = url
                    .to_file_path()
                    .map_err(|()| error("publish_address_invalid"))?;
                return Ok(Destination {
                    target: Target::Folder(path),
                    user: None,
                    key_file: None,
                    ca_file: None,
                    location,
                });
            }
            _ => return Err(error("publish_scheme_unknown").arg("scheme", scheme.to_owned())),
        };
        let url = url::Url::parse(text).map_err(|_| error("publish_address_invalid"))?;
        if url.password().is_some() {
            return Err(error("publish_password_in_address"));
        }
        let host = url
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or_else(|| error("publish_host_missing"))?
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_owned();
        let user = Some(url.username())
            .filter(|u| !u.is_empty())
            .map(percent_decoded);
        // `/~/public_html`: a folder in the login's home folder (sent as a relative path).
        let path = percent_decoded(url.path().trim_end_matches('/'));
        let path = match path.strip_prefix("/~") {
            Some(rest) if rest.is_empty() || rest.starts_with('/') => {
                rest.trim_start_matches('/').to_owned()
            }
            _ => path,
        };
        Ok(Destination {
            target: Target::Remote {
                protocol,
                host,
                port: url.port().unwrap_or(protocol.default_port()),
                path,
            },
            user,
            key_file: None,
            ca_file: None,
            location,
        })
    }

    /// The destination as shown to the user and as the journal knows it (no password ever).
    pub fn label(&self) -> String {
        match &self.target {
            Target::Folder(path) => path.display().to_string(),
            Target::Remote {
                protocol,
                host,
                port,
                path,
            } => {
                let scheme = match protocol {
                    Protocol::Sftp => "sftp",
                    Protocol::Ftp => "ftp",
                    Protocol::Ftps => "ftps",
                };
                let user = self
                    .user
                    .as_deref()
                    .map(|u| format!("{u}@"))
                    .unwrap_or_default();
                format!("{scheme}://{user}{host}:{port}{path}")
            }
        }
    }

    /// Whether a login needs a password (a folder never does; SFTP with a key file asks for the
    /// key's passphrase only when the key is encrypted).
    pub fn needs_password(&self) -> bool {
        match &self.target {
            Target::Folder(_) => false,
            Target::Remote { protocol, .. } => {
                !(*protocol == Protocol::Sftp && self.key_file.is_some())
            }
        }
    }
}

/// `~/` expanded to the home folder; a relative path taken from `root`.
fn expand_path(text: &str, root: &Path) -> PathBuf {
    let text = text.trim();
    if let Some(rest) = text.strip_prefix("~/").or_else(|| text.strip_prefix("~\\"))
        && let Some(home) = std::env::home_dir()
    {
        return home.join(rest);
    }
    let path = PathBuf::from(text);
    if path.is_absolute() || text.starts_with("\\\\") {
        path
    } else {
        root.join(path)
    }
}

fn percent_decoded(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// The address as a message may repeat it: anything between `://` and `@` (a password
/// someone wrote there) is hidden.
fn shown_address(text: &str) -> String {
    match (text.find("://"), text.rfind('@')) {
        (Some(start), Some(at)) if at > start => {
            format!("{}://***{}", &text[..start], &text[at..])
        }
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_addresses_and_folders() {
        let root = Path::new("/site");
        let d =
            Destination::parse("sftp://ubnd@tenmien.gov.vn:2222/public_html/", root, None).unwrap();
        assert_eq!(
            d.target,
            Target::Remote {
                protocol: Protocol::Sftp,
                host: "tenmien.gov.vn".into(),
                port: 2222,
                path: "/public_html".into()
            }
        );
        assert_eq!(d.user.as_deref(), Some("ubnd"));
        let d = Destination::parse("sftp://host.vn/~/public_html", root, None).unwrap();
        assert!(matches!(d.target, Target::Remote { ref path, .. } if path == "public_html"));
        let d = Destination::parse("ftps://host.vn", root, None).unwrap();
        assert!(matches!(
            d.target,
            Target::Remote {
                port: 21,
                protocol: Protocol::Ftps,
                ..
            }
        ));
        let d = Destination::parse("web-share", root, None).unwrap();
        assert_eq!(d.target, Target::Folder(PathBuf::from("/site/web-share")));
        let d = Destination::parse("/mnt/web", root, None).unwrap();
        assert_eq!(d.target, Target::Folder(PathBuf::from("/mnt/web")));
    }

    #[test]
    fn refuses_unknown_schemes_missing_hosts_and_passwords() {
        let root = Path::new("/site");
        let e = Destination::parse("http://host.vn/web", root, None).unwrap_err();
        assert_eq!(e.code, "publish_scheme_unknown");
        let e = Destination::parse("sftp:///public_html", root, None).unwrap_err();
        assert_eq!(e.code, "publish_host_missing");
        let e = Destination::parse("ftp://ubnd:MatKhau123@host.vn/", root, None).unwrap_err();
        assert_eq!(e.code, "publish_password_in_address");
        assert!(!e.to_string().contains("MatKhau123"), "{e}");
        let shown = format!("{:?}", Credentials::password("MatKhau123"));
        assert!(!shown.contains("MatKhau123"), "{shown}");
    }
}
