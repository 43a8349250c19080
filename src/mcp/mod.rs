//! `career-lsp mcp`: a Model Context Protocol server on stdio, for AI assistants. It reads
//! the notes under one folder with the same workspace and features as the language
//! server, and gives the assistant the career model, the findings and the methodology's
//! questions as tools, resources and prompts. It never writes a file: a proposed change
//! comes back as a diff for the assistant to apply once the person agrees.
//!
//! This module alone names the protocol crate (`rmcp`); `tools`, `resources` and
//! `prompts` hold what the server says, `vault` the notes it reads.

mod prompts;
mod resources;
mod tools;
mod vault;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, GetPromptRequestParams,
    GetPromptResponse, GetPromptResult, Implementation, ListPromptsResult,
    ListResourceTemplatesResult, ListResourcesResult, ListToolsResult, PaginatedRequestParams,
    Prompt, PromptArgument, PromptMessage, ReadResourceRequestParams, ReadResourceResponse,
    ReadResourceResult, Resource, ResourceContents, ResourceTemplate, Role, ServerCapabilities,
    ServerConfig, Tool, ToolAnnotations,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData as McpError, RoleServer, ServerHandler, ServiceExt};

use tools::{ToolError, TOOLS};
use vault::Vault;

/// Resources listed per page.
const PAGE: usize = 500;

const INSTRUCTIONS: &str = "career-lsp reads the person's career notes — a Career Index, a yearly Goals note, session logs and a profile (CLAUDE.md) — and knows the career-coaching methodology they follow. Coach one question at a time: `next_question` gives the question, `propose_section_update` the edit for the answer (show the diff; apply it only after the person agrees). `career_overview`, `career_findings`, `blind_spot_review` and `weekly_review` say where things stand. Paths are relative to the notes' folder.";

/// The server: the notes under one folder, read again where they changed before each
/// request.
#[derive(Clone)]
pub struct CareerServer {
    vault: Arc<Mutex<Vault>>,
}

impl CareerServer {
    /// A server over the notes under `root`.
    pub fn new(root: &Path) -> Result<CareerServer, String> {
        Ok(CareerServer {
            vault: Arc::new(Mutex::new(Vault::open(root)?)),
        })
    }

    /// Runs `work` over the vault, brought up to date with the disk, on a thread where it
    /// may take its time; a panic becomes an internal error for this request alone.
    async fn with_vault<T: Send + 'static>(
        &self,
        what: &'static str,
        work: impl FnOnce(&Vault) -> T + Send + 'static,
    ) -> Result<T, McpError> {
        let vault = self.vault.clone();
        tokio::task::spawn_blocking(move || {
            let mut vault = vault
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            vault.refresh();
            work(&vault)
        })
        .await
        .map_err(|error| {
            tracing::error!("{what} failed: {error}");
            McpError::internal_error(format!("career-lsp failed while answering {what}"), None)
        })
    }
}

fn tool_error(error: ToolError) -> Result<CallToolResult, McpError> {
    match error {
        ToolError::InvalidCall(message) => Err(McpError::invalid_params(message, None)),
        ToolError::Failed(message) => Ok(CallToolResult::error(vec![ContentBlock::text(message)])),
    }
}

fn json_object(value: serde_json::Value) -> serde_json::Map<String, serde_json::Value> {
    match value {
        serde_json::Value::Object(map) => map,
        _ => serde_json::Map::new(),
    }
}

/// The cursor of a page: where it starts.
fn page_start(request: Option<&PaginatedRequestParams>) -> Result<usize, McpError> {
    match request.and_then(|r| r.cursor.as_deref()) {
        None => Ok(0),
        Some(cursor) => cursor.parse().map_err(|_| {
            McpError::invalid_params(format!("{cursor:?} is not a cursor this server gave"), None)
        }),
    }
}

impl ServerHandler for CareerServer {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(
            ServerCapabilities::builder()
                .enable_tools()
                .enable_resources()
                .enable_prompts()
                .build(),
        )
        .with_server_info(
            Implementation::new("career-lsp", env!("CARGO_PKG_VERSION"))
                .with_title("career-lsp: career notes and their coaching methodology"),
        )
        .with_instructions(INSTRUCTIONS)
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, McpError> {
        let tools = TOOLS
            .iter()
            .map(|spec| {
                let schema = json_object((spec.schema)());
                Tool::new(spec.name, spec.description, Arc::new(schema))
                    .with_title(spec.title)
                    .with_annotations(
                        ToolAnnotations::default()
                            .read_only(true)
                            .destructive(false)
                            .idempotent(true)
                            .open_world(false),
                    )
            })
            .collect();
        Ok(ListToolsResult::with_all_items(tools))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, McpError> {
        let name = request.name.to_string();
        let arguments = request
            .arguments
            .map_or(serde_json::Value::Null, serde_json::Value::Object);
        let result = self
            .with_vault("tools/call", move |vault| {
                tools::call(vault, &name, arguments)
            })
            .await?;
        let result = match result {
            Ok(output) => {
                let mut result = CallToolResult::structured(output.structured);
                result.content = vec![ContentBlock::text(output.text)];
                Ok(result)
            }
            Err(error) => tool_error(error),
        };
        result.map(CallToolResponse::from)
    }

    async fn list_resources(
        &self,
        request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourcesResult, McpError> {
        let start = page_start(request.as_ref())?;
        let (page, total) = self
            .with_vault("resources/list", move |vault| {
                resources::list(vault, start, PAGE)
            })
            .await?;
        let end = start + page.len();
        let page = page
            .into_iter()
            .map(|r| {
                Resource::new(r.uri, r.name)
                    .with_description(r.description)
                    .with_mime_type(r.mime_type)
            })
            .collect();
        let mut result = ListResourcesResult::with_all_items(page);
        if end < total {
            result.next_cursor = Some(end.to_string());
        }
        Ok(result)
    }

    async fn list_resource_templates(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourceTemplatesResult, McpError> {
        let templates = vec![
            ResourceTemplate::new(format!("{}{{path}}", resources::NOTE), "note")
                .with_description(
                    "A note under the notes' folder, as written (path percent-encoded).",
                )
                .with_mime_type("text/markdown"),
            ResourceTemplate::new(format!("{}{{path}}", resources::MODEL), "note model")
                .with_description(
                    "What career-lsp reads in a note: kind, sections with lines, typed content.",
                )
                .with_mime_type("application/json"),
            ResourceTemplate::new(format!("{}{{code}}", resources::RULE), "rule")
                .with_description("A rule's documentation.")
                .with_mime_type("text/markdown"),
        ];
        Ok(ListResourceTemplatesResult::with_all_items(templates))
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<ReadResourceResponse, McpError> {
        let uri = request.uri.clone();
        let read = self
            .with_vault("resources/read", move |vault| resources::read(vault, &uri))
            .await?;
        match read {
            Ok(read) => {
                let contents =
                    ResourceContents::text(read.text, request.uri).with_mime_type(read.mime_type);
                // The notes change as the person writes: a client should not keep them.
                Ok(ReadResourceResult::new(vec![contents])
                    .with_ttl_ms(0)
                    .into())
            }
            Err(resources::ResourceError::NotFound(message)) => {
                Err(McpError::resource_not_found(message, None))
            }
            Err(resources::ResourceError::Invalid(message)) => {
                Err(McpError::invalid_params(message, None))
            }
        }
    }

    async fn list_prompts(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListPromptsResult, McpError> {
        let prompts = prompts::PROMPTS
            .iter()
            .map(|spec| {
                let arguments = spec
                    .arguments
                    .iter()
                    .map(|(name, description, required)| {
                        PromptArgument::new(*name)
                            .with_description(*description)
                            .with_required(*required)
                    })
                    .collect();
                Prompt::new(spec.name, Some(spec.description), Some(arguments))
                    .with_title(spec.title)
            })
            .collect();
        Ok(ListPromptsResult::with_all_items(prompts))
    }

    async fn get_prompt(
        &self,
        request: GetPromptRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<GetPromptResponse, McpError> {
        let name = request.name.clone();
        let mut arguments = BTreeMap::new();
        for (key, value) in request.arguments.unwrap_or_default() {
            match value {
                serde_json::Value::String(text) => {
                    arguments.insert(key, text);
                }
                serde_json::Value::Null => {}
                other => {
                    return Err(McpError::invalid_params(
                        format!("the argument {key:?} must be a string, not {other}"),
                        None,
                    ))
                }
            }
        }
        let rendered = self
            .with_vault("prompts/get", move |vault| {
                prompts::render(vault, &name, &arguments)
            })
            .await?;
        match rendered {
            Ok((description, text)) => Ok(GetPromptResult::new(vec![PromptMessage::new_text(
                Role::User,
                text,
            )])
            .with_description(description)
            .into()),
            Err(ToolError::InvalidCall(message)) => Err(McpError::invalid_params(message, None)),
            Err(ToolError::Failed(message)) => Err(McpError::invalid_params(message, None)),
        }
    }
}

/// How `career-lsp mcp` ended.
#[derive(Debug)]
pub enum End {
    /// The client closed the session.
    Closed,
    /// The server could not start or the transport failed.
    Failed(String),
}

/// Serves MCP on stdin/stdout over the notes under `root` until the client closes.
pub async fn run_stdio(root: PathBuf) -> End {
    let server = match CareerServer::new(&root) {
        Ok(server) => server,
        Err(message) => return End::Failed(message),
    };
    tracing::info!("serving the notes under {} over MCP", root.display());
    let running = match server.serve(rmcp::transport::stdio()).await {
        Ok(running) => running,
        Err(error) => return End::Failed(format!("the session did not start: {error}")),
    };
    match running.waiting().await {
        Ok(_) => End::Closed,
        Err(error) => End::Failed(format!("the session ended with an error: {error}")),
    }
}

#[cfg(test)]
mod tests;
