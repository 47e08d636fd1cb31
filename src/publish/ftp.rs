//! FTP and FTPS (explicit TLS, `AUTH TLS`) through `suppaftp`; TLS by rustls (ring backend) with
//! Mozilla's root certificates.

use std::collections::BTreeSet;
use std::io::Cursor;
use std::net::ToSocketAddrs;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use suppaftp::types::FileType;
use suppaftp::{FtpError, RustlsConnector, RustlsFtpStream, Status};

use super::destination::{Credentials, Destination, Protocol, Target};
use super::{MISSING_PREFIX, Transport, TransportError};

const TIMEOUT: Duration = Duration::from_secs(30);

/// A logged-in FTP or FTPS session.
pub struct Ftp {
    stream: RustlsFtpStream,
    base: String,
    made: BTreeSet<String>,
}

fn failed(e: FtpError) -> TransportError {
    TransportError::Failed(e.to_string())
}

/// A refused TLS certificate (the handshake may first show at the login), else `other`.
fn untrusted_or(e: FtpError, other: fn(String) -> TransportError) -> TransportError {
    let reason = e.to_string();
    if reason.contains("certificate") {
        TransportError::Untrusted(reason)
    } else {
        other(reason)
    }
}

fn is_missing(e: &FtpError) -> bool {
    matches!(e, FtpError::UnexpectedResponse(r) if r.status == Status::FileUnavailable)
}

/// TLS with Mozilla's roots, and the certificate authorities of `ca_file` (PEM) when given.
fn tls_connector(ca_file: Option<&Path>) -> Result<RustlsConnector, TransportError> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let mut roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    if let Some(file) = ca_file {
        let unreadable =
            |e: &dyn std::fmt::Display| TransportError::Failed(format!("{}: {e}", file.display()));
        let certificates = CertificateDer::pem_file_iter(file)
            .map_err(|e| unreadable(&e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| unreadable(&e))?;
        let (added, _) = roots.add_parsable_certificates(certificates);
        if added == 0 {
            return Err(unreadable(&"no certificate"));
        }
    }
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| TransportError::Failed(e.to_string()))?
    .with_root_certificates(roots)
    .with_no_client_auth();
    Ok(RustlsConnector::from(Arc::new(config)))
}

/// A plain connection; the stream type can later be secured (`into_secure`) for FTPS.
fn open(host: &str, port: u16) -> Result<RustlsFtpStream, TransportError> {
    let unreachable = |reason: String| TransportError::Unreachable(reason);
    let address = (host, port)
        .to_socket_addrs()
        .map_err(|e| unreachable(e.to_string()))?
        .next()
        .ok_or_else(|| unreachable(host.to_owned()))?;
    RustlsFtpStream::connect_timeout(address, TIMEOUT).map_err(|e| unreachable(e.to_string()))
}

impl Ftp {
    /// Connects and logs in; FTPS asks for TLS before the login.
    pub fn connect(
        destination: &Destination,
        credentials: &Credentials,
    ) -> Result<Ftp, TransportError> {
        let Target::Remote {
            protocol,
            host,
            port,
            path,
        } = &destination.target
        else {
            return Err(TransportError::Failed(String::new()));
        };
        let user = destination
            .user
            .as_deref()
            .ok_or_else(|| TransportError::Failed(format!("{MISSING_PREFIX}user")))?;
        let password = credentials
            .secret()
            .ok_or_else(|| TransportError::Failed(format!("{MISSING_PREFIX}password")))?;
        let mut stream = open(host, *port)?;
        if *protocol == Protocol::Ftps {
            stream = stream
                .into_secure(tls_connector(destination.ca_file.as_deref())?, host)
                .map_err(|e| untrusted_or(e, TransportError::Unreachable))?;
        }
        stream.login(user, password).map_err(|e| match &e {
            FtpError::UnexpectedResponse(r) if r.status == Status::NotLoggedIn => {
                TransportError::LoginRefused(e.to_string())
            }
            _ => untrusted_or(e, TransportError::Failed),
        })?;
        stream.transfer_type(FileType::Binary).map_err(failed)?;
        Ok(Ftp {
            stream,
            base: path.clone(),
            made: BTreeSet::new(),
        })
    }

    fn at(&self, path: &str) -> String {
        super::under(&self.base, path)
    }

    /// Makes the folders above `path` (each once per session; one already there is fine).
    fn make_parents(&mut self, path: &str) {
        for folder in super::new_parents(&mut self.made, path) {
            let _ = self.stream.mkdir(self.at(&folder));
        }
    }
}

impl Transport for Ftp {
    fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, TransportError> {
        match self.stream.retr_as_buffer(&self.at(path)) {
            Ok(cursor) => Ok(Some(cursor.into_inner())),
            Err(e) if is_missing(&e) => Ok(None),
            Err(e) => Err(failed(e)),
        }
    }

    fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), TransportError> {
        self.make_parents(path);
        let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
        let temporary = if folder.is_empty() {
            format!("{}{name}", super::TEMPORARY_PREFIX)
        } else {
            format!("{folder}/{}{name}", super::TEMPORARY_PREFIX)
        };
        let temporary = self.at(&temporary);
        let target = self.at(path);
        self.stream
            .put_file(&temporary, &mut Cursor::new(bytes))
            .map_err(failed)?;
        if self.stream.rename(&temporary, &target).is_err() {
            // Some servers refuse to rename over an existing file: remove it, then rename.
            let _ = self.stream.rm(&target);
            self.stream.rename(&temporary, &target).map_err(failed)?;
        }
        Ok(())
    }

    fn remove(&mut self, path: &str) -> Result<(), TransportError> {
        match self.stream.rm(self.at(path)) {
            Err(e) if !is_missing(&e) => Err(failed(e)),
            _ => Ok(()),
        }
    }

    fn remove_dir(&mut self, path: &str) -> Result<(), TransportError> {
        self.stream.rmdir(self.at(path)).map_err(failed)
    }
}

impl Drop for Ftp {
    fn drop(&mut self) {
        let _ = self.stream.quit();
    }
}
