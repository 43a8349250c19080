//! Completion, symbols, folding, definition, references and rename in the protocol: the
//! features' byte ranges converted with the rope of the note each one points into.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use ropey::Rope;
use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, DocumentSymbol, FoldingRange,
    FoldingRangeKind, Location, OneOf, SymbolKind, TextEdit, Uri, WorkspaceSymbol,
};

use super::convert::{to_proto, PositionEncoding};
use crate::features::completion::{self, CompletionKind};
use crate::features::navigation::{self, Fold, FoldKind, Symbol};
use crate::workspace::Snapshot;

pub fn completion_item(
    item: completion::CompletionItem,
    rope: &Rope,
    encoding: PositionEncoding,
) -> CompletionItem {
    let kind = match item.kind {
        CompletionKind::Value => CompletionItemKind::ENUM_MEMBER,
        CompletionKind::Reference => CompletionItemKind::REFERENCE,
        CompletionKind::Section => CompletionItemKind::MODULE,
        CompletionKind::Note => CompletionItemKind::FILE,
        CompletionKind::Heading => CompletionItemKind::MODULE,
        CompletionKind::Person => CompletionItemKind::VALUE,
        CompletionKind::Pillar => CompletionItemKind::CONSTANT,
    };
    CompletionItem {
        label: item.label,
        kind: Some(kind),
        detail: item.detail,
        sort_text: item.sort_text,
        text_edit: Some(CompletionTextEdit::Edit(TextEdit {
            range: to_proto::range(rope, item.replace, encoding),
            new_text: item.insert_text,
        })),
        ..CompletionItem::default()
    }
}

fn symbol_kind(kind: navigation::SymbolKind) -> SymbolKind {
    match kind {
        navigation::SymbolKind::Note => SymbolKind::FILE,
        navigation::SymbolKind::Section => SymbolKind::NAMESPACE,
        navigation::SymbolKind::Goal => SymbolKind::EVENT,
    }
}

#[allow(deprecated)] // `deprecated` is a required field of the protocol type
pub fn document_symbol(symbol: Symbol, rope: &Rope, encoding: PositionEncoding) -> DocumentSymbol {
    DocumentSymbol {
        name: if symbol.name.trim().is_empty() {
            "(untitled)".to_string()
        } else {
            symbol.name
        },
        detail: symbol.detail,
        kind: symbol_kind(symbol.kind),
        tags: None,
        deprecated: None,
        range: to_proto::range(rope, symbol.range, encoding),
        selection_range: to_proto::range(rope, symbol.selection_range, encoding),
        children: Some(
            symbol
                .children
                .into_iter()
                .map(|child| document_symbol(child, rope, encoding))
                .collect(),
        ),
    }
}

pub fn workspace_symbols(
    snapshot: &Snapshot,
    query: &str,
    encoding: PositionEncoding,
    uri_for: &dyn Fn(&Path) -> Option<Uri>,
) -> Vec<WorkspaceSymbol> {
    // Each note's URI and rope are looked up once, however many symbols it has.
    let mut notes: HashMap<PathBuf, Option<(Uri, &Rope)>> = HashMap::new();
    navigation::workspace_symbols(snapshot, query)
        .into_iter()
        .filter_map(|(path, symbol)| {
            let (uri, rope) = notes
                .entry(path.clone())
                .or_insert_with(|| {
                    uri_for(&path).zip(snapshot.document_for(&path).map(|d| &d.rope))
                })
                .clone()?;
            Some(WorkspaceSymbol {
                name: symbol.name,
                kind: symbol_kind(symbol.kind),
                tags: None,
                container_name: path.file_stem().map(|s| s.to_string_lossy().to_string()),
                location: OneOf::Left(Location {
                    uri,
                    range: to_proto::range(rope, symbol.selection_range, encoding),
                }),
                data: None,
            })
        })
        .collect()
}

pub fn folding_ranges(
    folds: Vec<Fold>,
    rope: &Rope,
    encoding: PositionEncoding,
) -> Vec<FoldingRange> {
    folds
        .into_iter()
        .filter_map(|fold| {
            let start = to_proto::position(rope, fold.range.start, encoding).line;
            let end = to_proto::position(
                rope,
                fold.range.end.saturating_sub(1).max(fold.range.start),
                encoding,
            )
            .line;
            (end > start).then(|| FoldingRange {
                start_line: start,
                end_line: end,
                kind: Some(match fold.kind {
                    FoldKind::Region => FoldingRangeKind::Region,
                    FoldKind::Comment => FoldingRangeKind::Comment,
                    FoldKind::FrontMatter => FoldingRangeKind::Imports,
                }),
                ..FoldingRange::default()
            })
        })
        .collect()
}

pub fn locations(
    found: Vec<crate::features::Location>,
    snapshot: &Snapshot,
    encoding: PositionEncoding,
    uri_for: &dyn Fn(&Path) -> Option<Uri>,
) -> Vec<Location> {
    found
        .into_iter()
        .filter_map(|location| {
            let document = snapshot.document_for(&location.path)?;
            Some(Location {
                uri: uri_for(&location.path)?,
                range: to_proto::range(&document.rope, location.range, encoding),
            })
        })
        .collect()
}
