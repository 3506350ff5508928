//! Chat folders (dialog filters): list, create, edit, delete, reorder, suggestions and tags.
//! Creating and editing read the folders first, so a new folder gets the lowest free id and an
//! edit keeps every field it does not name.

use grammers_client::tl;

use crate::model::folders::{Folder, Folders};
use crate::owner::OwnerError;
use crate::owner::telegram::Telegram;
use crate::owner::telegram::peers::Target;

/// What a create or edit sets; `None` keeps the current value (an edit) or the default.
#[derive(Debug, Clone, Default)]
pub struct FolderSpec {
    pub title: Option<String>,
    pub emoticon: Option<String>,
    pub contacts: Option<bool>,
    pub non_contacts: Option<bool>,
    pub groups: Option<bool>,
    pub broadcasts: Option<bool>,
    pub bots: Option<bool>,
    pub exclude_muted: Option<bool>,
    pub exclude_read: Option<bool>,
    pub exclude_archived: Option<bool>,
    pub(crate) include: Option<Vec<Target>>,
    pub(crate) exclude: Option<Vec<Target>>,
    pub(crate) pinned: Option<Vec<Target>>,
}

/// The lowest id Telegram accepts for a custom folder (0 is All Chats, 1 the Archive).
const FIRST_ID: i32 = 2;

impl Telegram {
    /// The account's folders, in their order.
    pub(crate) async fn folders(&self) -> Result<Folders, OwnerError> {
        let (filters, tags_enabled) = self.raw_filters().await?;
        let me = self.resolve("me").await.ok().map(|t| t.raw_id);
        let folders = filters.iter().filter_map(|f| self.folder(f, None, me)).collect();
        Ok(Folders { folders, tags_enabled })
    }

    /// Creates a folder with the lowest free id; returns it as Telegram stored it.
    pub(crate) async fn create_folder(&self, spec: FolderSpec) -> Result<Folder, OwnerError> {
        let (filters, _) = self.raw_filters().await?;
        let used: Vec<i32> = filters.iter().filter_map(filter_id).collect();
        let id = (FIRST_ID..).find(|id| !used.contains(id)).unwrap_or(FIRST_ID);
        let base = tl::types::DialogFilter {
            contacts: false,
            non_contacts: false,
            groups: false,
            broadcasts: false,
            bots: false,
            exclude_muted: false,
            exclude_read: false,
            exclude_archived: false,
            title_noanimate: false,
            id,
            title: text(String::new()),
            emoticon: None,
            color: None,
            pinned_peers: Vec::new(),
            include_peers: Vec::new(),
            exclude_peers: Vec::new(),
        };
        self.save_filter(apply(base, spec)).await
    }

    /// Changes the fields `spec` names of folder `id`.
    pub(crate) async fn edit_folder(&self, id: i32, spec: FolderSpec) -> Result<Folder, OwnerError> {
        let (filters, _) = self.raw_filters().await?;
        let current = filters.into_iter().find_map(|f| match f {
            tl::enums::DialogFilter::Filter(f) if f.id == id => Some(Ok(f)),
            tl::enums::DialogFilter::Chatlist(c) if c.id == id => Some(Err(OwnerError::Invalid(format!(
                "folder {id} is a shared chat list; edit it in a Telegram app"
            )))),
            _ => None,
        });
        let current = current.ok_or_else(|| missing(id))??;
        self.save_filter(apply(current, spec)).await
    }

    /// The folder with this id.
    pub(crate) async fn folder_by_id(&self, id: i32) -> Result<Folder, OwnerError> {
        let folders = self.folders().await?;
        folders.folders.into_iter().find(|f| f.id == Some(id)).ok_or_else(|| missing(id))
    }

    /// Deletes folder `id` (its chats stay in All Chats).
    pub(crate) async fn delete_folder(&self, id: i32) -> Result<(), OwnerError> {
        self.call(&tl::functions::messages::UpdateDialogFilter { id, filter: None }).await?;
        Ok(())
    }

    /// Puts the folders in this order; every custom folder must be named once.
    pub(crate) async fn reorder_folders(&self, order: &[i32]) -> Result<Folders, OwnerError> {
        let (filters, _) = self.raw_filters().await?;
        let mut existing: Vec<i32> = filters.iter().filter_map(filter_id).collect();
        let mut given = order.to_vec();
        existing.sort_unstable();
        given.sort_unstable();
        if given.windows(2).any(|w| w[0] == w[1]) {
            return Err(OwnerError::Invalid("order names a folder twice: give each id once".into()));
        }
        if existing != given {
            let unknown: Vec<String> =
                given.iter().filter(|id| !existing.contains(id)).map(i32::to_string).collect();
            let left: Vec<String> =
                existing.iter().filter(|id| !given.contains(id)).map(i32::to_string).collect();
            return Err(OwnerError::Invalid(format!(
                "order must list every folder id once (unknown: [{}], missing: [{}]): see telegram-get-chat-folders",
                unknown.join(", "),
                left.join(", ")
            )));
        }
        self.call(&tl::functions::messages::UpdateDialogFiltersOrder { order: order.to_vec() }).await?;
        self.folders().await
    }

    /// Folders Telegram suggests for this account.
    pub(crate) async fn suggested_folders(&self) -> Result<Vec<Folder>, OwnerError> {
        let suggested = self.call(&tl::functions::messages::GetSuggestedDialogFilters {}).await?;
        let me = self.resolve("me").await.ok().map(|t| t.raw_id);
        Ok(suggested
            .iter()
            .filter_map(|tl::enums::DialogFilterSuggested::Suggested(s)| {
                let folder = self.folder(&s.filter, Some(&s.description), me)?;
                Some(Folder { id: None, ..folder })
            })
            .collect())
    }

    /// Turns folder tags on or off (Premium); returns the folders with the new setting.
    pub(crate) async fn folder_tags(&self, enabled: bool) -> Result<Folders, OwnerError> {
        self.call(&tl::functions::messages::ToggleDialogFilterTags { enabled }).await?;
        self.folders().await
    }

    async fn raw_filters(&self) -> Result<(Vec<tl::enums::DialogFilter>, bool), OwnerError> {
        let tl::enums::messages::DialogFilters::Filters(f) =
            self.call(&tl::functions::messages::GetDialogFilters {}).await?;
        Ok((f.filters, f.tags_enabled))
    }

    async fn save_filter(&self, filter: tl::types::DialogFilter) -> Result<Folder, OwnerError> {
        let id = filter.id;
        let filter = Some(tl::enums::DialogFilter::Filter(filter));
        self.call(&tl::functions::messages::UpdateDialogFilter { id, filter }).await?;
        self.folder_by_id(id).await
    }

    fn folder(
        &self,
        f: &tl::enums::DialogFilter,
        description: Option<&str>,
        me: Option<i64>,
    ) -> Option<Folder> {
        let chats = |list: &[tl::enums::InputPeer]| -> Vec<_> {
            list.iter().filter_map(|p| self.folder_chat(p, me)).collect()
        };
        let folder = match f {
            tl::enums::DialogFilter::Default => return None,
            tl::enums::DialogFilter::Filter(f) => Folder {
                id: Some(f.id),
                title: plain(&f.title),
                emoticon: f.emoticon.clone(),
                contacts: f.contacts,
                non_contacts: f.non_contacts,
                groups: f.groups,
                broadcasts: f.broadcasts,
                bots: f.bots,
                exclude_muted: f.exclude_muted,
                exclude_read: f.exclude_read,
                exclude_archived: f.exclude_archived,
                pinned_peers: chats(&f.pinned_peers),
                include_peers: chats(&f.include_peers),
                exclude_peers: chats(&f.exclude_peers),
                chat_count: f.pinned_peers.len() + f.include_peers.len(),
                description: description.map(str::to_owned),
            },
            tl::enums::DialogFilter::Chatlist(c) => Folder {
                id: Some(c.id),
                title: plain(&c.title),
                emoticon: c.emoticon.clone(),
                contacts: false,
                non_contacts: false,
                groups: false,
                broadcasts: false,
                bots: false,
                exclude_muted: false,
                exclude_read: false,
                exclude_archived: false,
                pinned_peers: chats(&c.pinned_peers),
                include_peers: chats(&c.include_peers),
                exclude_peers: Vec::new(),
                chat_count: c.pinned_peers.len() + c.include_peers.len(),
                description: description.map(str::to_owned),
            },
        };
        Some(folder)
    }
}

/// `filter` with what `spec` names replaced.
fn apply(mut f: tl::types::DialogFilter, spec: FolderSpec) -> tl::types::DialogFilter {
    let peers = |list: Vec<Target>| list.iter().map(Target::input_peer).collect();
    if let Some(title) = spec.title {
        f.title = text(title);
    }
    if let Some(emoticon) = spec.emoticon {
        f.emoticon = (!emoticon.is_empty()).then_some(emoticon);
    }
    let flags = [
        (&mut f.contacts, spec.contacts),
        (&mut f.non_contacts, spec.non_contacts),
        (&mut f.groups, spec.groups),
        (&mut f.broadcasts, spec.broadcasts),
        (&mut f.bots, spec.bots),
        (&mut f.exclude_muted, spec.exclude_muted),
        (&mut f.exclude_read, spec.exclude_read),
        (&mut f.exclude_archived, spec.exclude_archived),
    ];
    for (field, value) in flags {
        if let Some(value) = value {
            *field = value;
        }
    }
    if let Some(list) = spec.include {
        f.include_peers = peers(list);
    }
    if let Some(list) = spec.exclude {
        f.exclude_peers = peers(list);
    }
    if let Some(list) = spec.pinned {
        f.pinned_peers = peers(list);
    }
    f
}

fn filter_id(f: &tl::enums::DialogFilter) -> Option<i32> {
    match f {
        tl::enums::DialogFilter::Filter(f) => Some(f.id),
        tl::enums::DialogFilter::Chatlist(c) => Some(c.id),
        tl::enums::DialogFilter::Default => None,
    }
}

fn missing(id: i32) -> OwnerError {
    OwnerError::Invalid(format!("no folder with id {id}: see telegram-get-chat-folders"))
}

fn text(text: String) -> tl::enums::TextWithEntities {
    tl::enums::TextWithEntities::Entities(tl::types::TextWithEntities { text, entities: Vec::new() })
}

fn plain(t: &tl::enums::TextWithEntities) -> String {
    let tl::enums::TextWithEntities::Entities(t) = t;
    t.text.clone()
}
