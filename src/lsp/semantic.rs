//! Semantic tokens on the wire: the legend, the relative encoding of the features' tokens
//! in the negotiated position encoding, and deltas against the last result sent for a
//! note (one edit: what lies between the unchanged start and the unchanged end).

use std::collections::HashMap;
use std::sync::Mutex;

use ropey::Rope;
use tower_lsp_server::ls_types::{
    SemanticToken, SemanticTokenModifier, SemanticTokenType, SemanticTokens, SemanticTokensDelta,
    SemanticTokensEdit, SemanticTokensFullDeltaResult, SemanticTokensLegend, Uri,
};

use super::convert::{to_proto, PositionEncoding};
use crate::features::semantic_tokens::{Token, TokenType, MODIFIERS};

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TokenType::ALL
            .iter()
            .map(|t| SemanticTokenType::new(t.name()))
            .collect(),
        token_modifiers: MODIFIERS
            .iter()
            .map(|m| SemanticTokenModifier::new(m))
            .collect(),
    }
}

/// The tokens, relative to each other, as the protocol wants them; a token the encoding
/// puts on two lines is left out.
pub fn encode(tokens: &[Token], rope: &Rope, encoding: PositionEncoding) -> Vec<SemanticToken> {
    let mut out = Vec::with_capacity(tokens.len());
    let (mut line, mut character) = (0, 0);
    for token in tokens {
        let start = to_proto::position(rope, token.range.start, encoding);
        let end = to_proto::position(rope, token.range.end, encoding);
        if end.line != start.line || end.character <= start.character {
            continue;
        }
        let delta_line = start.line - line;
        let delta_start = if delta_line == 0 {
            start.character - character
        } else {
            start.character
        };
        out.push(SemanticToken {
            delta_line,
            delta_start,
            length: end.character - start.character,
            token_type: TokenType::ALL
                .iter()
                .position(|t| *t == token.kind)
                .unwrap_or(0) as u32,
            token_modifiers_bitset: token.modifiers,
        });
        line = start.line;
        character = start.character;
    }
    out
}

/// The last full result sent for each note, to answer a delta request.
#[derive(Debug, Default)]
pub struct SentTokens {
    last: Mutex<HashMap<Uri, (String, Vec<SemanticToken>)>>,
    next_id: std::sync::atomic::AtomicU64,
}

impl SentTokens {
    /// Records `data` as the result for `uri` and gives it an id.
    pub fn full(&self, uri: &Uri, data: Vec<SemanticToken>) -> SemanticTokens {
        let id = self
            .next_id
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst)
            .to_string();
        if let Ok(mut last) = self.last.lock() {
            last.insert(uri.clone(), (id.clone(), data.clone()));
        }
        SemanticTokens {
            result_id: Some(id),
            data,
        }
    }

    /// `data` as an edit of the result `previous` when that was the last one sent for
    /// `uri`, else in full.
    pub fn delta(
        &self,
        uri: &Uri,
        previous: &str,
        data: Vec<SemanticToken>,
    ) -> SemanticTokensFullDeltaResult {
        let old = self.last.lock().ok().and_then(|last| {
            last.get(uri)
                .filter(|(id, _)| id == previous)
                .map(|(_, d)| d.clone())
        });
        let Some(old) = old else {
            return SemanticTokensFullDeltaResult::Tokens(self.full(uri, data));
        };
        let prefix = old.iter().zip(&data).take_while(|(a, b)| a == b).count();
        let suffix = old[prefix..]
            .iter()
            .rev()
            .zip(data[prefix..].iter().rev())
            .take_while(|(a, b)| a == b)
            .count();
        let edit = SemanticTokensEdit {
            start: (prefix * 5) as u32,
            delete_count: ((old.len() - prefix - suffix) * 5) as u32,
            data: Some(data[prefix..data.len() - suffix].to_vec()),
        };
        let full = self.full(uri, data);
        SemanticTokensFullDeltaResult::TokensDelta(SemanticTokensDelta {
            result_id: full.result_id,
            edits: if edit.delete_count == 0 && edit.data.as_ref().is_some_and(Vec::is_empty) {
                Vec::new()
            } else {
                vec![edit]
            },
        })
    }

    /// Forgets a closed note's last result.
    pub fn forget(&self, uri: &Uri) {
        if let Ok(mut last) = self.last.lock() {
            last.remove(uri);
        }
    }
}
