//! Ready-to-paste posts for the ward's Zalo OA and Facebook page (`in/bai-dang/`): one plain-text
//! file per shared item, with its title, two or three plain sentences, the link and hashtags. The
//! words are the theme's `bai_dang.txt`.

use serde::Serialize;
use tera::Context;

use crate::derive::Derived;
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::render::share::{self, Shareable};
use crate::render::view::SiteView;
use crate::render::{Renderer, Sink, Stats, Templates, render_to_file};

/// The template of a post.
pub const TEMPLATE: &str = "bai_dang.txt";

/// What a post's template sees.
#[derive(Debug, Serialize)]
struct PostView<'a> {
    #[serde(flatten)]
    item: &'a Shareable,
    /// The page's full address.
    link: String,
    /// `#TrợGiúpXãHội #PhườngLưuKiếm`.
    hashtags: String,
}

/// The hashtags of an item: its topics, then the ward's name; each once.
pub fn hashtags(site: &Site, item: &Shareable) -> String {
    let mut tags: Vec<String> = Vec::new();
    for topic in item
        .tags
        .iter()
        .chain(std::iter::once(&site.config.full_name()))
    {
        let tag = share::hashtag(topic);
        if !tag.is_empty() && !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags.join(" ")
}

/// Renders the posts.
pub struct PostRenderer<'a> {
    /// Compiled templates.
    pub templates: &'a Templates,
}

impl Renderer for PostRenderer<'_> {
    fn name(&self) -> &'static str {
        "posts"
    }

    fn render(
        &self,
        site: &Site,
        derived: &Derived,
        sink: &dyn Sink,
    ) -> Result<Stats, Vec<Diagnostic>> {
        let mut tera = self.templates.tera.clone();
        tera.global_context()
            .insert("site", &SiteView::new(site, derived));
        let mut errors = Vec::new();
        let mut files = 0;
        for item in share::shareables(site, derived) {
            let mut context = Context::new();
            context.insert(
                "post",
                &PostView {
                    item: &item,
                    link: format!("{}{}", site.config.base_url, item.url),
                    hashtags: hashtags(site, &item),
                },
            );
            match render_to_file(&tera, self.templates, TEMPLATE, &context, &item.post, sink) {
                Ok(()) => files += 1,
                Err(e) => errors.push(e),
            }
        }
        if errors.is_empty() {
            Ok(Stats { pages: 0, files })
        } else {
            Err(errors)
        }
    }
}
