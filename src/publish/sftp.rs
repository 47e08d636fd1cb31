//! SFTP in pure Rust: `russh` (ring backend) and `russh-sftp`, driven by a one-thread tokio
//! runtime, one request at a time.
//!
//! The host's key is checked against the site's own `known_hosts` (`.loa/xuat-ban/known_hosts`):
//! the first publish records it, a later publish to a host showing another key is refused
//! (someone may be in between).
//!
//! A file is written under a temporary name and renamed over the old one. SFTP version 3 renames
//! only onto a free name; a server that offers `posix-rename@openssh.com` (OpenSSH does) replaces
//! the file in one step, so a reader never finds it missing. `russh-sftp` exposes extensions on
//! its raw session only: a second SFTP channel of the same connection carries the renames.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use russh::client::{self, Handle};
use russh::keys::{PrivateKeyWithHashAlg, PublicKeyOrCertificate};
use russh_sftp::client::SftpSession;
use russh_sftp::client::error::Error as SftpError;
use russh_sftp::client::rawsession::RawSftpSession;
use russh_sftp::extensions::HardlinkExtension;
use russh_sftp::protocol::{Packet, StatusCode};
use tokio::io::AsyncWriteExt;

use super::destination::{Credentials, Destination, Target};
use super::journal::JOURNAL_DIR;
use super::{MISSING_PREFIX, Transport, TransportError};

const TIMEOUT: Duration = Duration::from_secs(30);

/// The OpenSSH extension that renames over an existing file (its request carries the old and the
/// new path, as `hardlink@openssh.com`'s does).
const POSIX_RENAME: &str = "posix-rename@openssh.com";

/// Checks the host key against the site's known hosts.
struct HostCheck {
    host: String,
    port: u16,
    known_hosts: PathBuf,
    changed: Arc<Mutex<Option<String>>>,
}

impl client::Handler for HostCheck {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        server_key: &PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        let PublicKeyOrCertificate::PublicKey { key, .. } = server_key else {
            return Ok(false);
        };
        match russh::keys::check_known_hosts_path(&self.host, self.port, key, &self.known_hosts) {
            Ok(true) => Ok(true),
            Ok(false) => {
                // First publish to this host from this site: remember its key.
                let _ = russh::keys::known_hosts::learn_known_hosts_path(
                    &self.host,
                    self.port,
                    key,
                    &self.known_hosts,
                );
                Ok(true)
            }
            Err(e) => {
                if let Ok(mut changed) = self.changed.lock() {
                    *changed = Some(format!("{e} ({})", self.known_hosts.display()));
                }
                Ok(false)
            }
        }
    }
}

/// A logged-in SFTP session.
pub struct Sftp {
    runtime: tokio::runtime::Runtime,
    session: SftpSession,
    /// A second channel for `posix-rename@openssh.com`, when the server offers it.
    renamer: Option<RawSftpSession>,
    _handle: Handle<HostCheck>,
    base: String,
    made: BTreeSet<String>,
}

fn failed(e: impl std::fmt::Display) -> TransportError {
    TransportError::Failed(e.to_string())
}

fn is_missing(e: &SftpError) -> bool {
    matches!(e, SftpError::Status(s) if s.status_code == StatusCode::NoSuchFile)
}

impl Sftp {
    /// Connects, checks the host key, logs in (key file, else password) and opens SFTP.
    pub fn connect(
        root: &Path,
        destination: &Destination,
        credentials: &Credentials,
    ) -> Result<Sftp, TransportError> {
        let Target::Remote {
            host, port, path, ..
        } = &destination.target
        else {
            return Err(TransportError::Failed(String::new()));
        };
        let user = destination
            .user
            .clone()
            .ok_or_else(|| TransportError::Failed(format!("{MISSING_PREFIX}user")))?;
        let key = match &destination.key_file {
            Some(file) => Some(
                russh::keys::load_secret_key(file, credentials.secret()).map_err(|e| {
                    TransportError::LoginRefused(format!("{}: {e}", file.display()))
                })?,
            ),
            None => None,
        };
        let password = match &key {
            Some(_) => None,
            None => Some(
                credentials
                    .secret()
                    .ok_or_else(|| TransportError::Failed(format!("{MISSING_PREFIX}password")))?
                    .to_owned(),
            ),
        };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(failed)?;
        let changed = Arc::new(Mutex::new(None));
        let check = HostCheck {
            host: host.clone(),
            port: *port,
            known_hosts: root.join(JOURNAL_DIR).join("known_hosts"),
            changed: Arc::clone(&changed),
        };
        let config = Arc::new(client::Config {
            inactivity_timeout: Some(Duration::from_secs(120)),
            ..Default::default()
        });
        let (handle, session, renamer) = runtime.block_on(async {
            let connecting = client::connect(config, (host.as_str(), *port), check);
            let mut handle = match tokio::time::timeout(TIMEOUT, connecting).await {
                Ok(Ok(handle)) => handle,
                Ok(Err(e)) => {
                    let changed = changed.lock().ok().and_then(|c| c.clone());
                    return Err(match changed {
                        Some(reason) => TransportError::HostKeyChanged(reason),
                        None => TransportError::Unreachable(e.to_string()),
                    });
                }
                Err(_) => return Err(TransportError::Unreachable(format!("{host}:{port}"))),
            };
            let result = match key {
                Some(key) => {
                    let hash = handle
                        .best_supported_rsa_hash()
                        .await
                        .map_err(failed)?
                        .flatten();
                    handle
                        .authenticate_publickey(
                            user.as_str(),
                            PrivateKeyWithHashAlg::new(Arc::new(key), hash),
                        )
                        .await
                }
                None => {
                    handle
                        .authenticate_password(user.as_str(), password.unwrap_or_default())
                        .await
                }
            }
            .map_err(failed)?;
            if !result.success() {
                return Err(TransportError::LoginRefused(format!("{user}@{host}")));
            }
            let channel = handle.channel_open_session().await.map_err(failed)?;
            channel
                .request_subsystem(true, "sftp")
                .await
                .map_err(failed)?;
            let session = SftpSession::new(channel.into_stream())
                .await
                .map_err(failed)?;
            // Without the extension, renames fall back to remove-then-rename.
            let renamer = async {
                let channel = handle.channel_open_session().await.ok()?;
                channel.request_subsystem(true, "sftp").await.ok()?;
                let raw = RawSftpSession::new(channel.into_stream());
                let version = raw.init().await.ok()?;
                (version.extensions.get(POSIX_RENAME).map(String::as_str) == Some("1"))
                    .then_some(raw)
            }
            .await;
            Ok((handle, session, renamer))
        })?;
        Ok(Sftp {
            runtime,
            session,
            renamer,
            _handle: handle,
            base: path.clone(),
            made: BTreeSet::new(),
        })
    }

    fn at(&self, path: &str) -> String {
        super::under(&self.base, path)
    }
}

impl Transport for Sftp {
    fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, TransportError> {
        let at = self.at(path);
        match self.runtime.block_on(self.session.read(at)) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if is_missing(&e) => Ok(None),
            Err(e) => Err(failed(e)),
        }
    }

    /// Written under a temporary name, then renamed over the old file in one step
    /// (`posix-rename@openssh.com`); a server without it gets the old file removed just before
    /// the rename (SFTP version 3 renames only onto a free name).
    fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), TransportError> {
        let folders: Vec<String> = super::new_parents(&mut self.made, path)
            .iter()
            .map(|f| self.at(f))
            .collect();
        let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
        let temporary = if folder.is_empty() {
            format!("{}{name}", super::TEMPORARY_PREFIX)
        } else {
            format!("{folder}/{}{name}", super::TEMPORARY_PREFIX)
        };
        let temporary = self.at(&temporary);
        let target = self.at(path);
        let session = &self.session;
        let renamer = self.renamer.as_ref();
        self.runtime.block_on(async {
            for folder in folders {
                // One already there is fine.
                let _ = session.create_dir(folder).await;
            }
            let mut file = session.create(temporary.clone()).await.map_err(failed)?;
            file.write_all(bytes).await.map_err(failed)?;
            file.shutdown().await.map_err(failed)?;
            if let Some(raw) = renamer {
                let paths = HardlinkExtension {
                    oldpath: temporary.clone(),
                    newpath: target.clone(),
                };
                let data = russh_sftp::ser::to_bytes(&paths).map_err(failed)?.to_vec();
                if let Ok(Packet::Status(status)) = raw.extended(POSIX_RENAME, data).await
                    && status.status_code == StatusCode::Ok
                {
                    return Ok(());
                }
            }
            if session
                .rename(temporary.clone(), target.clone())
                .await
                .is_err()
            {
                let _ = session.remove_file(target.clone()).await;
                session.rename(temporary, target).await.map_err(failed)?;
            }
            Ok(())
        })
    }

    fn remove(&mut self, path: &str) -> Result<(), TransportError> {
        let at = self.at(path);
        match self.runtime.block_on(self.session.remove_file(at)) {
            Err(e) if !is_missing(&e) => Err(failed(e)),
            _ => Ok(()),
        }
    }

    fn remove_dir(&mut self, path: &str) -> Result<(), TransportError> {
        let at = self.at(path);
        self.runtime
            .block_on(self.session.remove_dir(at))
            .map_err(failed)
    }
}

impl Drop for Sftp {
    fn drop(&mut self) {
        let _ = self.runtime.block_on(self.session.close());
    }
}
