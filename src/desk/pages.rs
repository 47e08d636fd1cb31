//! The desk's pages, from its own templates (`src/desk/templates/`, compiled into the binary:
//! the desk is part of loa, not of a site's theme). Every word on them is in the templates or
//! `locales/desk.toml`.

use crate::diagnostics::Diagnostic;

/// The desk's templates.
pub struct Pages {
    tera: tera::Tera,
}

const TEMPLATES: &[(&str, &str)] = &[
    ("khung.html", include_str!("templates/khung.html")),
    ("trang_chu.html", include_str!("templates/trang_chu.html")),
    ("danh_sach.html", include_str!("templates/danh_sach.html")),
    ("bieu_mau.html", include_str!("templates/bieu_mau.html")),
    (
        "nhap_ke_hoach.html",
        include_str!("templates/nhap_ke_hoach.html"),
    ),
    ("so_lieu.html", include_str!("templates/so_lieu.html")),
    ("xuat_ban.html", include_str!("templates/xuat_ban.html")),
    ("thong_bao.html", include_str!("templates/thong_bao.html")),
    ("van_de.html", include_str!("templates/van_de.html")),
    ("xoa.html", include_str!("templates/xoa.html")),
];

/// The desk's style sheet.
pub const STYLE: &str = include_str!("templates/ban-lam-viec.css");
/// The desk's script (rows, drops, live preview, publish progress); every page works without it.
pub const SCRIPT: &str = include_str!("templates/ban-lam-viec.js");

impl Pages {
    /// Compiles the templates.
    pub fn new() -> Result<Pages, Diagnostic> {
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html"]);
        tera.add_raw_templates(TEMPLATES.to_vec()).map_err(|e| {
            Diagnostic::error("desk_template", None).arg("reason", format!("{e:?}"))
        })?;
        Ok(Pages { tera })
    }

    /// Renders page `template` with `context`.
    pub fn render(&self, template: &str, context: &tera::Context) -> Result<String, Diagnostic> {
        self.tera
            .render(template, context)
            .map_err(|e| Diagnostic::error("desk_template", None).arg("reason", format!("{e:?}")))
    }
}
