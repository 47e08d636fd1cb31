//! `loa publish` to real servers started by the tests: OpenSSH's sshd (SFTP), pyftpdlib (FTP, and
//! FTPS with pyOpenSSL). `#[ignore]`d: they need those programs; `.ci/run` installs them and runs
//! `cargo test --release --test publish_servers -- --ignored` as its own gate.

mod common;

use std::path::Path;
use std::process::Command;

use common::publish::*;

/// Publishes the example to a real OpenSSH server started by the test (unprivileged, on a free
/// port, with its own host key and the test's key as the only authorised one), edits and
/// publishes again. Needs Debian's `openssh-server` (installed by `.ci/run`).
#[test]
#[ignore = "needs openssh-server; .ci/run runs it"]
fn publishes_over_sftp_to_a_real_sshd() {
    let sshd = ["/usr/sbin/sshd", "/usr/bin/sshd"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .expect("sshd installed (apt-get install openssh-server)");
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    let keygen = |file: &str| {
        let status = Command::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", "", "-f"])
            .arg(dir.join(file))
            .status()
            .unwrap();
        assert!(status.success());
    };
    keygen("host_key");
    keygen("client_key");
    std::fs::copy(dir.join("client_key.pub"), dir.join("authorized_keys")).unwrap();
    let user = String::from_utf8(Command::new("id").arg("-un").output().unwrap().stdout)
        .unwrap()
        .trim()
        .to_owned();
    let port = free_port();
    let web = dir.join("web");
    std::fs::create_dir(&web).unwrap();
    let config = dir.join("sshd_config");
    std::fs::write(
        &config,
        format!(
            "Port {port}\nListenAddress 127.0.0.1\nHostKey {key}\nPidFile {pid}\n\
             AuthorizedKeysFile {auth}\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n\
             PubkeyAuthentication yes\nStrictModes no\nUsePAM no\n\
             Subsystem sftp internal-sftp\n",
            key = dir.join("host_key").display(),
            pid = dir.join("sshd.pid").display(),
            auth = dir.join("authorized_keys").display(),
        ),
    )
    .unwrap();
    let start = || {
        let server = Server(
            Command::new(sshd)
                .args(["-D", "-e", "-f"])
                .arg(&config)
                .spawn()
                .unwrap(),
        );
        wait_for_port(port);
        server
    };
    let server = start();

    let site = common::copy_site(&common::example_root());
    let address = format!("sftp://{user}@127.0.0.1:{port}{}", web.display());
    let key = dir.join("client_key");
    let run = loa(
        site.path(),
        &["--dich", &address, "--khoa", key.to_str().unwrap()],
    );
    assert!(run.status.success(), "{}\n{}", stdout(&run), stderr(&run));
    let expected = site_tree(&site.path().join("output"));
    assert_same(&tree(&web), &expected, "the site arrived over SFTP");
    assert!(
        site.path().join(".loa/xuat-ban/known_hosts").is_file(),
        "the host key is remembered"
    );

    edit_news(site.path());
    let run = loa(
        site.path(),
        &["--dich", &address, "--khoa", key.to_str().unwrap()],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let new = site_tree(&site.path().join("output"));
    assert!(progress_lines(&stdout(&run)).len() < new.len() / 2);
    assert_same(
        &tree(&web),
        &new,
        "the edit arrived, the removed item is gone",
    );
    assert!(dead_links(&web).is_empty());

    // A key the server does not know: a refused login, located, nothing changed.
    keygen("stranger_key");
    let run = loa(
        site.path(),
        &[
            "--dich",
            &address,
            "--khoa",
            dir.join("stranger_key").to_str().unwrap(),
        ],
    );
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("từ chối đăng nhập"),
        "{}",
        stderr(&run)
    );
    assert_same(&tree(&web), &new, "the destination holds the built site");

    // The same address answering with another host key: refused before any login.
    drop(server);
    std::fs::remove_file(dir.join("host_key")).unwrap();
    std::fs::remove_file(dir.join("host_key.pub")).unwrap();
    keygen("host_key");
    let _server = start();
    let edited = site.path().join(format!("content/news/{EDITED}.md"));
    let text = std::fs::read_to_string(&edited).unwrap();
    std::fs::write(&edited, format!("{text}\nMột câu nữa.\n")).unwrap();
    let run = loa(
        site.path(),
        &["--dich", &address, "--khoa", key.to_str().unwrap()],
    );
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("Khóa nhận dạng của máy chủ"),
        "{}",
        stderr(&run)
    );
    assert_same(&tree(&web), &new, "nothing was sent to the impostor");
}

/// Publishes the example to a real FTP server (Python's pyftpdlib, installed by `.ci/run`) with a
/// user and password, then again after an edit; the password appears nowhere.
#[test]
#[ignore = "needs python3 -m pyftpdlib; .ci/run runs it"]
fn publishes_over_ftp_to_a_real_server() {
    let work = tempfile::tempdir().unwrap();
    let web = work.path().join("web");
    std::fs::create_dir(&web).unwrap();
    let port = free_port();
    let _server = Server(
        Command::new("python3")
            .args([
                "-m",
                "pyftpdlib",
                "-i",
                "127.0.0.1",
                "-w",
                "-u",
                "ubnd",
                "-P",
            ])
            .arg(SECRET)
            .arg("-p")
            .arg(port.to_string())
            .arg("-d")
            .arg(&web)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    wait_for_port(port);
    let site = common::copy_site(&common::example_root());
    let config = site.path().join("site.toml");
    let before = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        format!(
            "{before}\n[xuat_ban]\ndich = \"ftp://127.0.0.1:{port}/\"\nnguoi_dung = \"ubnd\"\n"
        ),
    )
    .unwrap();
    let run = loa(site.path(), &[]);
    assert!(run.status.success(), "{}\n{}", stdout(&run), stderr(&run));
    assert_same(
        &tree(&web),
        &site_tree(&site.path().join("output")),
        "the destination holds the built site",
    );

    edit_news(site.path());
    let run = loa(site.path(), &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    let new = site_tree(&site.path().join("output"));
    assert!(progress_lines(&stdout(&run)).len() < new.len() / 2);
    assert_same(&tree(&web), &new, "the destination holds the built site");
    assert!(dead_links(&web).is_empty());

    assert_no_secret(tree(site.path()).into_iter().chain(tree(&web)));
    assert!(!stdout(&run).contains(SECRET) && !stderr(&run).contains(SECRET));
}

/// FTPS (explicit TLS) to pyftpdlib's TLS handler (needs pyOpenSSL, installed by `.ci/run`), with
/// a certificate from a test authority that `chung_chi` names: without it the host is refused and
/// nothing is sent.
#[test]
#[ignore = "needs python3 -m pyftpdlib with pyOpenSSL and openssl; .ci/run runs it"]
fn publishes_over_ftps_trusting_the_authority_named_in_site_toml() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    let openssl = |args: &[&str]| {
        let out = Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    openssl(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=loa test CA",
    ]);
    openssl(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=127.0.0.1",
    ]);
    std::fs::write(
        dir.join("ext"),
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    openssl(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.pem",
        "-days",
        "2",
        "-extfile",
        "ext",
    ]);
    let web = dir.join("web");
    std::fs::create_dir(&web).unwrap();
    let port = free_port();
    let script = "import sys\n\
from pyftpdlib.authorizers import DummyAuthorizer\n\
from pyftpdlib.handlers import TLS_FTPHandler\n\
from pyftpdlib.servers import FTPServer\n\
port, root, password, cert, key = sys.argv[1:]\n\
users = DummyAuthorizer()\n\
users.add_user('ubnd', password, root, perm='elradfmwMT')\n\
TLS_FTPHandler.certfile = cert\n\
TLS_FTPHandler.keyfile = key\n\
TLS_FTPHandler.authorizer = users\n\
TLS_FTPHandler.tls_control_required = True\n\
TLS_FTPHandler.tls_data_required = True\n\
FTPServer(('127.0.0.1', int(port)), TLS_FTPHandler).serve_forever()\n";
    let _server = Server(
        Command::new("python3")
            .arg("-c")
            .arg(script)
            .arg(port.to_string())
            .arg(&web)
            .arg(SECRET)
            .arg(dir.join("server.pem"))
            .arg(dir.join("server.key"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    wait_for_port(port);
    let site = common::copy_site(&common::example_root());
    let config = site.path().join("site.toml");
    let before = std::fs::read_to_string(&config).unwrap();
    let table = format!("[xuat_ban]\ndich = \"ftps://127.0.0.1:{port}/\"\nnguoi_dung = \"ubnd\"\n");
    // Without the authority: the certificate is not trusted, nothing is sent.
    std::fs::write(&config, format!("{before}\n{table}")).unwrap();
    let run = loa(site.path(), &[]);
    assert!(!run.status.success());
    let err = stderr(&run);
    assert!(
        err.contains(&format!("site.toml:{}:", before.lines().count() + 3))
            && err.contains("Chứng chỉ bảo mật"),
        "{err}"
    );
    assert!(tree(&web).is_empty());
    // With it: the site arrives over TLS (the server refuses a login in clear).
    std::fs::copy(dir.join("ca.pem"), site.path().join("data/ca-tinh.pem")).unwrap();
    std::fs::write(
        &config,
        format!("{before}\n{table}chung_chi = \"data/ca-tinh.pem\"\n"),
    )
    .unwrap();
    let run = loa(site.path(), &[]);
    assert!(run.status.success(), "{}\n{}", stdout(&run), stderr(&run));
    assert_same(
        &tree(&web),
        &site_tree(&site.path().join("output")),
        "the site arrived over FTPS",
    );
    assert_no_secret(tree(site.path()));
}

/// The password is in none of `files` (`(name, bytes)`: the site folder, the destination).
fn assert_no_secret(files: impl IntoIterator<Item = (String, Vec<u8>)>) {
    for (name, bytes) in files {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(SECRET),
            "the password is written in {name}"
        );
    }
}
