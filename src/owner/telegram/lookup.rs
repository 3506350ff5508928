//! Looking up one message as Telegram sends it, for the families that act on a message they
//! must first inspect (polls, reactions, buttons, transcriptions).

use grammers_client::tl;

use super::Telegram;
use super::peers::{Target, peer_id};
use crate::model::ChatKind;
use crate::owner::OwnerError;

impl Telegram {
    /// One message of a chat as Telegram sends it, or a clear error when it is not there.
    pub(super) async fn raw_message(
        &self,
        target: &Target,
        id: i32,
    ) -> Result<tl::types::Message, OwnerError> {
        let input = vec![tl::enums::InputMessage::Id(tl::types::InputMessageId { id })];
        let answer = match target.input_channel() {
            Some(channel) => self.call(&tl::functions::channels::GetMessages { channel, id: input }).await?,
            None => self.call(&tl::functions::messages::GetMessages { id: input }).await?,
        };
        let (messages, users, chats) = match answer {
            tl::enums::messages::Messages::Messages(m) => (m.messages, m.users, m.chats),
            tl::enums::messages::Messages::Slice(m) => (m.messages, m.users, m.chats),
            tl::enums::messages::Messages::ChannelMessages(m) => (m.messages, m.users, m.chats),
            tl::enums::messages::Messages::NotModified(_) => (Vec::new(), Vec::new(), Vec::new()),
        };
        self.learn(&users, &chats);
        let ours = |peer: &tl::enums::Peer| {
            peer_id(peer) == target.id || (target.kind == ChatKind::Saved && peer_id(peer) == target.raw_id)
        };
        messages
            .into_iter()
            .find_map(|m| match m {
                tl::enums::Message::Message(m) if m.id == id && ours(&m.peer_id) => Some(m),
                _ => None,
            })
            .ok_or_else(|| OwnerError::Invalid(format!("message {id} is not in {}", target.title)))
    }
}
