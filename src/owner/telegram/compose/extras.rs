//! Translation of messages, link previews, spam reports and auto-delete timers.

use grammers_client::tl;

use super::super::Telegram;
use super::super::peers::Target;
use crate::model::compose::{Translation, WebPreview};
use crate::owner::OwnerError;

impl Telegram {
    /// Translates messages of a chat into `to_lang` (Telegram Premium).
    pub(crate) async fn translate(
        &self,
        target: &Target,
        ids: &[i32],
        to_lang: &str,
    ) -> Result<Vec<Translation>, OwnerError> {
        let request = tl::functions::messages::TranslateText {
            peer: Some(target.input_peer()),
            id: Some(ids.to_vec()),
            text: None,
            to_lang: to_lang.to_owned(),
            tone: None,
        };
        let tl::enums::messages::TranslatedText::TranslateResult(r) = self.call(&request).await?;
        Ok(ids
            .iter()
            .zip(r.result)
            .map(|(id, tl::enums::TextWithEntities::Entities(t))| Translation {
                message_id: *id,
                text: t.text,
            })
            .collect())
    }

    /// Telegram's preview of a link.
    pub(crate) async fn web_preview(&self, url: &str) -> Result<WebPreview, OwnerError> {
        let request = tl::functions::messages::GetWebPagePreview { message: url.to_owned(), entities: None };
        let tl::enums::messages::WebPagePreview::Preview(p) = self.call(&request).await?;
        self.learn(&p.users, &p.chats);
        let none = WebPreview {
            url: url.to_owned(),
            found: false,
            r#type: None,
            title: None,
            description: None,
            site_name: None,
            display_url: None,
        };
        let tl::enums::MessageMedia::WebPage(m) = p.media else { return Ok(none) };
        Ok(match m.webpage {
            tl::enums::WebPage::Page(page) => WebPreview {
                url: page.url,
                found: true,
                r#type: page.r#type,
                title: page.title,
                description: page.description,
                site_name: page.site_name,
                display_url: Some(page.display_url),
            },
            _ => none,
        })
    }

    /// Reports a chat to Telegram as spam.
    pub(crate) async fn report_spam(&self, target: &Target) -> Result<(), OwnerError> {
        self.call(&tl::functions::messages::ReportSpam { peer: target.input_peer() }).await.map(drop)
    }

    /// Sets the chat's auto-delete timer (0 turns it off).
    pub(crate) async fn set_auto_delete(&self, target: &Target, period: i32) -> Result<(), OwnerError> {
        let request = tl::functions::messages::SetHistoryTtl { peer: target.input_peer(), period };
        self.call(&request).await.map(drop)
    }
}
