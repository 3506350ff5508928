//! Chat folder tools: list, create, edit, delete, reorder, suggestions and folder tags.

use rmcp::handler::server::tool::schema_for_output;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::service::RequestContext;
use rmcp::{RoleServer, tool, tool_router};

use super::args::{CreateFolder, DeleteFolder, EditFolder, FolderFields, ReorderFolders, ToggleTags};
use crate::mcp::tools::{ChatArg, Reply, guard};
use crate::mcp::{TelegramMcp, render};
use crate::model::folders::{Folder, FolderChat, FolderDeleted, Folders, SuggestedFolders};
use crate::owner::{FolderSpec, OwnerError, Target};

/// Longest folder name Telegram shows.
const MAX_TITLE: usize = 12;

#[tool_router(router = filters_router, vis = "pub(super)")]
impl TelegramMcp {
    /// Your chat folders with their settings and chats.
    #[tool(name = "telegram-get-chat-folders", annotations(title = "Chat folders", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Folders>())]
    async fn get_chat_folders(&self, ctx: RequestContext<RoleServer>) -> Reply {
        guard(&ctx, async {
            let folders = self.scoped_folders(self.owner.telegram().folders().await?);
            Ok((folders_text(&folders), folders))
        })
        .await
    }

    /// Create a chat folder from category flags and/or listed chats; returns it with its id.
    #[tool(name = "telegram-create-folder", annotations(title = "Create folder", read_only_hint = false, destructive_hint = false, idempotent_hint = false, open_world_hint = true), output_schema = schema_for_output::<Folder>())]
    async fn create_folder(
        &self,
        Parameters(a): Parameters<CreateFolder>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let title = title(&a.title)?;
            let spec = FolderSpec { title: Some(title), ..self.folder_spec(a.fields).await? };
            let folder = self.scoped(self.owner.telegram().create_folder(spec).await?);
            Ok((format!("created {}", folder_line(&folder)), folder))
        })
        .await
    }

    /// Change a folder by id; omitted fields keep their values, given lists replace the old ones.
    #[tool(name = "telegram-edit-folder", annotations(title = "Edit folder", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Folder>())]
    async fn edit_folder(
        &self,
        Parameters(a): Parameters<EditFolder>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            folder_id(a.id)?;
            let title = a.title.as_deref().map(title).transpose()?;
            let mut spec = FolderSpec { title, ..self.folder_spec(a.fields).await? };
            self.keep_hidden_chats(a.id, &mut spec).await?;
            let folder = self.scoped(self.owner.telegram().edit_folder(a.id, spec).await?);
            Ok((format!("edited {}", folder_line(&folder)), folder))
        })
        .await
    }

    /// Delete a chat folder; its chats stay in All Chats.
    #[tool(name = "telegram-delete-folder", annotations(title = "Delete folder", read_only_hint = false, destructive_hint = true, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<FolderDeleted>())]
    async fn delete_folder(
        &self,
        Parameters(a): Parameters<DeleteFolder>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            folder_id(a.id)?;
            let tg = self.owner.telegram();
            let folder = tg.folder_by_id(a.id).await?;
            let title = render::clean(&folder.title);
            let question = format!("Delete the chat folder {title:?} (id {})? Its chats are kept.", a.id);
            self.confirm(&ctx, a.confirm, "telegram-delete-folder", question).await?;
            tg.delete_folder(a.id).await?;
            Ok((
                format!("deleted folder {title} (id {})", a.id),
                FolderDeleted { id: a.id, title: folder.title },
            ))
        })
        .await
    }

    /// Put your chat folders in a new order; name every folder id once.
    #[tool(name = "telegram-reorder-folders", annotations(title = "Reorder folders", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Folders>())]
    async fn reorder_folders(
        &self,
        Parameters(a): Parameters<ReorderFolders>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            if a.order.is_empty() {
                return Err(OwnerError::Invalid("order is empty: list every folder id".into()));
            }
            a.order.iter().try_for_each(|id| folder_id(*id))?;
            let folders = self.scoped_folders(self.owner.telegram().reorder_folders(&a.order).await?);
            Ok((folders_text(&folders), folders))
        })
        .await
    }

    /// Folders Telegram suggests for your chats; create one with telegram-create-folder.
    #[tool(name = "telegram-get-suggested-folders", annotations(title = "Suggested folders", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<SuggestedFolders>())]
    async fn get_suggested_folders(&self, ctx: RequestContext<RoleServer>) -> Reply {
        guard(&ctx, async {
            let found = self.owner.telegram().suggested_folders().await?;
            let folders: Vec<Folder> = found.into_iter().map(|f| self.scoped(f)).collect();
            let mut text = format!("{} suggested folder(s)", folders.len());
            for f in &folders {
                let why = f.description.as_deref().map(render::clean).unwrap_or_default();
                text.push_str(&format!("\n{}: {why}", folder_line(f)));
            }
            Ok((text, SuggestedFolders { folders }))
        })
        .await
    }

    /// Show or hide folder tags on chats in the chat list (needs Telegram Premium).
    #[tool(name = "telegram-toggle-folder-tags", annotations(title = "Folder tags", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Folders>())]
    async fn toggle_folder_tags(
        &self,
        Parameters(a): Parameters<ToggleTags>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let folders = self.scoped_folders(self.owner.telegram().folder_tags(a.enabled).await?);
            let state = if folders.tags_enabled { "on" } else { "off" };
            Ok((format!("folder tags are {state}"), folders))
        })
        .await
    }
}

impl TelegramMcp {
    /// Folders with only the chats this window may see.
    fn scoped_folders(&self, f: Folders) -> Folders {
        Folders { folders: f.folders.into_iter().map(|folder| self.scoped(folder)).collect(), ..f }
    }

    /// A folder naming only the chats this window may see (all of them without an allowlist).
    fn scoped(&self, mut f: Folder) -> Folder {
        if !self.scope.limits_chats() {
            return f;
        }
        let tg = self.owner.telegram();
        let visible = |c: &FolderChat| tg.known(c.id).is_some_and(|t| self.scope.permits(&t.chat(0, None)));
        f.pinned_peers.retain(visible);
        f.include_peers.retain(visible);
        f.exclude_peers.retain(visible);
        f.chat_count = f.pinned_peers.len() + f.include_peers.len();
        f
    }

    /// A window limited to some chats replaces only the chats it sees in a folder's lists: the
    /// folder's other chats stay, never dropped by an edit that could not show them.
    async fn keep_hidden_chats(&self, id: i32, spec: &mut FolderSpec) -> Result<(), OwnerError> {
        let replaced = spec.include.is_some() || spec.exclude.is_some() || spec.pinned.is_some();
        if !self.scope.limits_chats() || !replaced {
            return Ok(());
        }
        let tg = self.owner.telegram();
        let current = tg.folder_by_id(id).await?;
        let lists = [
            (&mut spec.include, &current.include_peers),
            (&mut spec.exclude, &current.exclude_peers),
            (&mut spec.pinned, &current.pinned_peers),
        ];
        for (new, old) in lists {
            let Some(new) = new else { continue };
            for chat in old {
                match tg.known(chat.id) {
                    Some(t) if self.scope.permits(&t.chat(0, None)) => {}
                    Some(t) => new.push(t),
                    None => {
                        return Err(OwnerError::Refused(format!(
                            "folder {id} holds chats this window may not see and cannot keep: edit its chat \
                             lists from a window without MCP_TELEGRAM_ALLOWED_CHATS"
                        )));
                    }
                }
            }
        }
        Ok(())
    }

    /// The flags and chat lists of a create or edit, with every chat resolved in this window.
    async fn folder_spec(&self, f: FolderFields) -> Result<FolderSpec, OwnerError> {
        if let Some(e) = &f.emoticon
            && e.encode_utf16().count() > 2
        {
            return Err(OwnerError::Invalid(format!("emoticon {e:?} is not a single emoji")));
        }
        Ok(FolderSpec {
            title: None,
            emoticon: f.emoticon,
            contacts: f.contacts,
            non_contacts: f.non_contacts,
            groups: f.groups,
            broadcasts: f.broadcasts,
            bots: f.bots,
            exclude_muted: f.exclude_muted,
            exclude_read: f.exclude_read,
            exclude_archived: f.exclude_archived,
            include: self.folder_chats(f.include_peers, "includePeers", 100).await?,
            exclude: self.folder_chats(f.exclude_peers, "excludePeers", 100).await?,
            pinned: self.folder_chats(f.pinned_peers, "pinnedPeers", 5).await?,
        })
    }

    async fn folder_chats(
        &self,
        list: Option<Vec<ChatArg>>,
        name: &str,
        max: usize,
    ) -> Result<Option<Vec<Target>>, OwnerError> {
        let Some(list) = list else { return Ok(None) };
        if list.len() > max {
            return Err(OwnerError::Invalid(format!("{name} has {} chats; at most {max}", list.len())));
        }
        let mut out = Vec::with_capacity(list.len());
        for arg in &list {
            out.push(self.chat(arg).await?);
        }
        Ok(Some(out))
    }
}

fn title(raw: &str) -> Result<String, OwnerError> {
    let t = raw.trim();
    match t.chars().count() {
        0 => Err(OwnerError::Invalid("title is empty: give the folder a name".into())),
        n if n > MAX_TITLE => Err(OwnerError::Invalid(format!(
            "title has {n} characters; folder names have at most {MAX_TITLE}"
        ))),
        _ => Ok(t.to_owned()),
    }
}

fn folder_id(id: i32) -> Result<(), OwnerError> {
    if id < 2 {
        return Err(OwnerError::Invalid(format!(
            "folder id {id} is a system folder (0 All Chats, 1 Archive): custom folders start at 2"
        )));
    }
    Ok(())
}

fn folders_text(f: &Folders) -> String {
    let tags = if f.tags_enabled { "on" } else { "off" };
    let mut text = format!("{} folder(s), tags {tags}", f.folders.len());
    for folder in &f.folders {
        text.push('\n');
        text.push_str(&folder_line(folder));
    }
    text
}

/// `Work 💼 (id 2): groups; chats: Rust по-русски 🦀`.
fn folder_line(f: &Folder) -> String {
    let mut head = render::clean(&f.title);
    if let Some(e) = &f.emoticon {
        head.push(' ');
        head.push_str(&render::clean(e));
    }
    if let Some(id) = f.id {
        head.push_str(&format!(" (id {id})"));
    }
    let flags = [
        (f.contacts, "contacts"),
        (f.non_contacts, "non-contacts"),
        (f.groups, "groups"),
        (f.broadcasts, "channels"),
        (f.bots, "bots"),
        (f.exclude_muted, "no muted"),
        (f.exclude_read, "no read"),
        (f.exclude_archived, "no archived"),
    ];
    let flags: Vec<&str> = flags.iter().filter(|(on, _)| *on).map(|(_, n)| *n).collect();
    let names = |list: &[FolderChat]| -> String {
        let names: Vec<String> =
            list.iter().map(|c| c.title.as_deref().map_or_else(|| c.id.to_string(), render::clean)).collect();
        names.join(", ")
    };
    let mut parts = Vec::new();
    if !flags.is_empty() {
        parts.push(flags.join(", "));
    }
    if !f.pinned_peers.is_empty() {
        parts.push(format!("pinned: {}", names(&f.pinned_peers)));
    }
    if !f.include_peers.is_empty() {
        parts.push(format!("chats: {}", names(&f.include_peers)));
    }
    if !f.exclude_peers.is_empty() {
        parts.push(format!("excluded: {}", names(&f.exclude_peers)));
    }
    format!("{head}: {}", parts.join("; "))
}
