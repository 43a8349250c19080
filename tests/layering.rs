//! The layers hold: no module of `src/` names a layer above its own through a `crate::`
//! path, and the protocol crates are named only at their edge. Every file is read as Rust
//! syntax (syn), so a path counts wherever code names it (imports, groups, expressions,
//! types, macro arguments) and never in a comment or a string. Test code (items under
//! `#[cfg(test)]`, test module files) may reach across the layers to build what it checks,
//! but it is held to the protocol edge like the rest.
//!
//! Data flows one way: methodology → syntax → model → rules → workspace → features → a
//! front end (lsp, cli, mcp). A module may name its own layer and the layers below it;
//! front ends may not name each other; `main.rs` and `lib.rs` sit on top. `super::` paths
//! stay inside a module and are not checked.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use proc_macro2::{Spacing, TokenStream, TokenTree};
use syn::punctuated::Punctuated;
use syn::visit::{self, Visit};
use syn::{Attribute, ImplItem, Item, Meta, Token, TraitItem, UseTree};

/// Each top-level module and its layer, lowest first. Modules on the same layer may not
/// name each other.
const LAYERS: &[(&str, u8)] = &[
    ("methodology", 0),
    ("syntax", 1),
    ("model", 2),
    ("rules", 3),
    ("workspace", 4),
    ("features", 5),
    ("lsp", 6),
    ("cli", 6),
    ("mcp", 6),
    // The fuzz targets' entry points (built with the `fuzzing` feature) reach into every
    // layer, the front ends included.
    ("fuzzing", 7),
];

/// The crates of the Language Server Protocol: only `src/lsp/` and `src/main.rs` name them.
const LSP_CRATES: &[&str] = &["lsp_types", "ls_types", "tower_lsp_server", "tower_lsp"];

/// The crate of the Model Context Protocol: only `src/mcp/` names it.
const MCP_CRATES: &[&str] = &["rmcp"];

/// Files that are test modules by their name, whatever declares them.
const TEST_FILE_NAMES: &[&str] = &["tests.rs", "test_support.rs"];

/// What a path names.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Named {
    /// `crate::<module>…`: a top-level module of this crate.
    Module(String),
    /// `<crate>::…` for a crate of interest (a protocol crate).
    Crate(String),
}

/// One path found in a file.
#[derive(Debug, Clone)]
struct Reference {
    line: usize,
    named: Named,
    /// The path as written (whitespace normalised), for the failure message.
    path: String,
    /// Inside an item under `#[cfg(test)]`, or in a file that is a test module.
    in_test: bool,
}

/// Whether a `#[cfg(…)]` predicate holds only when testing: `test` or `all(…, test, …)`.
fn implies_test(meta: &Meta) -> bool {
    match meta {
        Meta::Path(path) => path.is_ident("test"),
        Meta::List(list) if list.path.is_ident("all") => list
            .parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
            .is_ok_and(|predicates| predicates.iter().any(implies_test)),
        _ => false,
    }
}

fn is_test_only(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("cfg") && attr.parse_args::<Meta>().is_ok_and(|m| implies_test(&m))
    })
}

fn item_attrs(item: &Item) -> &[Attribute] {
    match item {
        Item::Const(i) => &i.attrs,
        Item::Enum(i) => &i.attrs,
        Item::ExternCrate(i) => &i.attrs,
        Item::Fn(i) => &i.attrs,
        Item::ForeignMod(i) => &i.attrs,
        Item::Impl(i) => &i.attrs,
        Item::Macro(i) => &i.attrs,
        Item::Mod(i) => &i.attrs,
        Item::Static(i) => &i.attrs,
        Item::Struct(i) => &i.attrs,
        Item::Trait(i) => &i.attrs,
        Item::TraitAlias(i) => &i.attrs,
        Item::Type(i) => &i.attrs,
        Item::Union(i) => &i.attrs,
        Item::Use(i) => &i.attrs,
        _ => &[],
    }
}

fn impl_item_attrs(item: &ImplItem) -> &[Attribute] {
    match item {
        ImplItem::Const(i) => &i.attrs,
        ImplItem::Fn(i) => &i.attrs,
        ImplItem::Type(i) => &i.attrs,
        ImplItem::Macro(i) => &i.attrs,
        _ => &[],
    }
}

fn trait_item_attrs(item: &TraitItem) -> &[Attribute] {
    match item {
        TraitItem::Const(i) => &i.attrs,
        TraitItem::Fn(i) => &i.attrs,
        TraitItem::Type(i) => &i.attrs,
        TraitItem::Macro(i) => &i.attrs,
        _ => &[],
    }
}

fn is_crate_of_interest(name: &str) -> bool {
    LSP_CRATES.contains(&name) || MCP_CRATES.contains(&name)
}

/// Renders a use tree as written: `workspace::{Config, RuleLevel}`.
fn render_use_tree(tree: &UseTree) -> String {
    match tree {
        UseTree::Path(p) => format!("{}::{}", p.ident, render_use_tree(&p.tree)),
        UseTree::Name(n) => n.ident.to_string(),
        UseTree::Rename(r) => format!("{} as {}", r.ident, r.rename),
        UseTree::Glob(_) => "*".to_string(),
        UseTree::Group(g) => {
            let items: Vec<String> = g.items.iter().map(render_use_tree).collect();
            format!("{{{}}}", items.join(", "))
        }
    }
}

/// Collects the references of one file.
struct Collector {
    references: Vec<Reference>,
    /// How many `#[cfg(test)]` items enclose the current node (or 1 for a test file).
    test_depth: usize,
}

impl Collector {
    fn record(&mut self, span: proc_macro2::Span, named: Named, path: String) {
        self.references.push(Reference {
            line: span.start().line,
            named,
            path,
            in_test: self.test_depth > 0,
        });
    }

    /// A use tree at the root of a `use` item: `crate::{a, b::c}` names `a` and `b`;
    /// `tower_lsp_server::…` names that crate.
    fn use_root(&mut self, tree: &UseTree, prefix: &str) {
        match tree {
            UseTree::Path(p) if p.ident == "crate" => {
                self.crate_children(&p.tree, &format!("{prefix}crate::"))
            }
            UseTree::Path(p) if is_crate_of_interest(&p.ident.to_string()) => self.record(
                p.ident.span(),
                Named::Crate(p.ident.to_string()),
                format!("{prefix}{}", render_use_tree(tree)),
            ),
            UseTree::Name(n) if is_crate_of_interest(&n.ident.to_string()) => self.record(
                n.ident.span(),
                Named::Crate(n.ident.to_string()),
                format!("{prefix}{}", n.ident),
            ),
            UseTree::Rename(r) if is_crate_of_interest(&r.ident.to_string()) => self.record(
                r.ident.span(),
                Named::Crate(r.ident.to_string()),
                format!("{prefix}{}", render_use_tree(tree)),
            ),
            UseTree::Group(g) => {
                for item in &g.items {
                    self.use_root(item, prefix);
                }
            }
            _ => {}
        }
    }

    /// The part of a use tree after `crate::`.
    fn crate_children(&mut self, tree: &UseTree, prefix: &str) {
        let ident = match tree {
            UseTree::Path(p) => &p.ident,
            UseTree::Name(n) => &n.ident,
            UseTree::Rename(r) => &r.ident,
            UseTree::Group(g) => {
                for item in &g.items {
                    self.crate_children(item, prefix);
                }
                return;
            }
            // `use crate::*` names no module in particular.
            UseTree::Glob(_) => return,
        };
        self.record(
            ident.span(),
            Named::Module(ident.to_string()),
            format!("{prefix}{}", render_use_tree(tree)),
        );
    }

    /// Paths inside a macro's or an attribute's tokens, which syn leaves unparsed: a
    /// `crate` (or `$crate`) followed by `::module`, or a crate of interest starting a path.
    fn tokens(&mut self, stream: &TokenStream) {
        let tokens: Vec<TokenTree> = stream.clone().into_iter().collect();
        let path_separator_at = |i: usize| {
            matches!(
                (tokens.get(i), tokens.get(i + 1)),
                (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)))
                    if a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':'
            )
        };
        let ident_at = |i: usize| match tokens.get(i) {
            Some(TokenTree::Ident(ident)) => Some(ident.clone()),
            _ => None,
        };
        // The path that starts at token `i`, as written: `a::b::c`.
        let path_from = |mut i: usize| {
            let mut segments = Vec::new();
            while let Some(ident) = ident_at(i) {
                segments.push(ident.to_string());
                if !path_separator_at(i + 1) {
                    break;
                }
                i += 3;
            }
            segments.join("::")
        };
        for (i, token) in tokens.iter().enumerate() {
            match token {
                TokenTree::Group(group) => self.tokens(&group.stream()),
                TokenTree::Ident(ident) => {
                    let name = ident.to_string();
                    // A path continues here when `::` follows an identifier before it.
                    let continues_a_path =
                        i >= 3 && path_separator_at(i - 2) && ident_at(i - 3).is_some();
                    if continues_a_path || !path_separator_at(i + 1) {
                        continue;
                    }
                    if name == "crate" {
                        if let Some(module) = ident_at(i + 3) {
                            self.record(
                                module.span(),
                                Named::Module(module.to_string()),
                                path_from(i),
                            );
                        }
                    } else if is_crate_of_interest(&name) {
                        self.record(ident.span(), Named::Crate(name), path_from(i));
                    }
                }
                _ => {}
            }
        }
    }
}

impl<'ast> Visit<'ast> for Collector {
    fn visit_item(&mut self, item: &'ast Item) {
        let test = is_test_only(item_attrs(item));
        self.test_depth += usize::from(test);
        visit::visit_item(self, item);
        self.test_depth -= usize::from(test);
    }

    fn visit_impl_item(&mut self, item: &'ast ImplItem) {
        let test = is_test_only(impl_item_attrs(item));
        self.test_depth += usize::from(test);
        visit::visit_impl_item(self, item);
        self.test_depth -= usize::from(test);
    }

    fn visit_trait_item(&mut self, item: &'ast TraitItem) {
        let test = is_test_only(trait_item_attrs(item));
        self.test_depth += usize::from(test);
        visit::visit_trait_item(self, item);
        self.test_depth -= usize::from(test);
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        let prefix = if item.leading_colon.is_some() {
            "::"
        } else {
            ""
        };
        self.use_root(&item.tree, prefix);
    }

    fn visit_item_extern_crate(&mut self, item: &'ast syn::ItemExternCrate) {
        let name = item.ident.to_string();
        if is_crate_of_interest(&name) {
            self.record(
                item.ident.span(),
                Named::Crate(name.clone()),
                format!("extern crate {name}"),
            );
        }
        visit::visit_item_extern_crate(self, item);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        let written = || {
            let joined = segments.join("::");
            if path.leading_colon.is_some() {
                format!("::{joined}")
            } else {
                joined
            }
        };
        if let Some(first) = path.segments.first() {
            if first.ident == "crate" {
                if let Some(module) = path.segments.iter().nth(1) {
                    self.record(
                        module.ident.span(),
                        Named::Module(module.ident.to_string()),
                        written(),
                    );
                }
            } else if is_crate_of_interest(&segments[0]) {
                self.record(
                    first.ident.span(),
                    Named::Crate(segments[0].clone()),
                    written(),
                );
            }
        }
        visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        visit::visit_macro(self, mac);
        self.tokens(&mac.tokens);
    }

    fn visit_meta_list(&mut self, list: &'ast syn::MetaList) {
        visit::visit_meta_list(self, list);
        // An attribute's arguments can hold a path (`#[serde(with = …)]` aside, which is a
        // string): `#[derive(crate::…)]`, `#[tower_lsp_server::async_trait(…)]`.
        self.tokens(&list.tokens);
    }
}

fn parse(source: &str) -> Result<syn::File, String> {
    syn::parse_str(source).map_err(|e| {
        let at = e.span().start();
        format!("{}:{}: {e}", at.line, at.column + 1)
    })
}

/// Every path of interest in `file`. `test_file` marks all of them as test code.
fn references(file: &syn::File, test_file: bool) -> Vec<Reference> {
    let mut collector = Collector {
        references: Vec::new(),
        test_depth: usize::from(test_file),
    };
    collector.visit_file(file);
    collector.references
}

/// The top-level module a file of `src/` belongs to; `None` for the crate roots.
fn module_of(relative: &Path) -> Option<String> {
    let mut components = relative.components();
    let first = components
        .next()?
        .as_os_str()
        .to_string_lossy()
        .into_owned();
    if components.next().is_some() {
        return Some(first);
    }
    match first.as_str() {
        "lib.rs" | "main.rs" => None,
        file => Some(file.trim_end_matches(".rs").to_string()),
    }
}

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|&(_, l)| l)
}

/// What is wrong with one reference from the file at `relative` (under `src/`), if anything.
fn violation(relative: &Path, reference: &Reference) -> Option<String> {
    let own = module_of(relative);
    let problem = match &reference.named {
        // The core's own tests speak its plain data too, so test code gets no exemption here.
        Named::Crate(name) if LSP_CRATES.contains(&name.as_str()) => {
            let allowed = own.as_deref() == Some("lsp") || relative == Path::new("main.rs");
            (!allowed).then(|| format!("{name} is a protocol crate, named only in src/lsp/"))
        }
        Named::Crate(name) => {
            let allowed = own.as_deref() == Some("mcp");
            (!allowed).then(|| format!("{name} is a protocol crate, named only in src/mcp/"))
        }
        // Test code may reach across the layers to build what it checks.
        Named::Module(_) if reference.in_test => None,
        Named::Module(target) => {
            let own = own?;
            if *target == own {
                return None;
            }
            match (layer(&own), layer(target)) {
                (_, None) => Some(format!("`{target}` is not in the layer table")),
                (None, _) => Some(format!("`{own}` is not in the layer table")),
                (Some(from), Some(to)) if to < from => None,
                (Some(from), Some(to)) if to == from => Some(format!(
                    "{own} and {target} are both front ends; they may not name each other"
                )),
                (Some(from), Some(to)) => Some(format!(
                    "{own} (layer {from}) names {target} (layer {to}), a higher layer"
                )),
            }
        }
    }?;
    Some(format!(
        "src/{}:{}: {} — {problem}",
        relative.display(),
        reference.line,
        reference.path
    ))
}

/// The violations in one file's `source`.
fn check_source(relative: &Path, source: &str, test_file: bool) -> Result<Vec<String>, String> {
    let file = parse(source).map_err(|e| format!("src/{}:{e}", relative.display()))?;
    Ok(references(&file, test_file)
        .iter()
        .filter_map(|r| violation(relative, r))
        .collect())
}

/// The files a file declares with `mod name;`, and whether each is test code (declared
/// under `#[cfg(test)]`). Paths are relative to `src/`; both `name.rs` and `name/mod.rs`
/// are given, for the caller to pick the one that exists.
fn declared_modules(relative: &Path, file: &syn::File) -> Vec<(Vec<PathBuf>, bool)> {
    let parent = relative.parent().unwrap_or(Path::new(""));
    let is_root = matches!(
        relative.file_name().and_then(|n| n.to_str()),
        Some("mod.rs" | "lib.rs" | "main.rs")
    );
    let own_dir = if is_root {
        parent.to_path_buf()
    } else {
        parent.join(relative.file_stem().unwrap())
    };
    let mut found = Vec::new();
    collect_declarations(&file.items, &own_dir, parent, false, false, &mut found);
    found
}

fn collect_declarations(
    items: &[Item],
    dir: &Path,
    file_dir: &Path,
    inline: bool,
    in_test: bool,
    found: &mut Vec<(Vec<PathBuf>, bool)>,
) {
    for item in items {
        let Item::Mod(module) = item else { continue };
        let test = in_test || is_test_only(&module.attrs);
        let name = module.ident.to_string();
        match &module.content {
            Some((_, items)) => {
                collect_declarations(items, &dir.join(&name), file_dir, true, test, found)
            }
            None => {
                let explicit = module.attrs.iter().find_map(|attr| match &attr.meta {
                    Meta::NameValue(nv) if nv.path.is_ident("path") => match &nv.value {
                        syn::Expr::Lit(syn::ExprLit {
                            lit: syn::Lit::Str(s),
                            ..
                        }) => Some(s.value()),
                        _ => None,
                    },
                    _ => None,
                });
                let candidates = match explicit {
                    // `#[path]` is relative to the file's folder outside inline modules.
                    Some(path) if inline => vec![dir.join(path)],
                    Some(path) => vec![file_dir.join(path)],
                    None => vec![
                        dir.join(format!("{name}.rs")),
                        dir.join(&name).join("mod.rs"),
                    ],
                };
                found.push((candidates, test));
            }
        }
    }
}

fn rust_files(dir: &Path, root: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, root, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path.strip_prefix(root).unwrap().to_path_buf());
        }
    }
}

/// The files of `src/` that are test code: named so, declared under `#[cfg(test)]`, or
/// declared by a file that is test code.
fn test_files(files: &BTreeMap<PathBuf, syn::File>) -> BTreeSet<PathBuf> {
    let mut test: BTreeSet<PathBuf> = files
        .keys()
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| TEST_FILE_NAMES.contains(&n))
        })
        .cloned()
        .collect();
    let mut queue: Vec<(PathBuf, bool)> = ["lib.rs", "main.rs"]
        .iter()
        .map(|root| (PathBuf::from(root), false))
        .filter(|(root, _)| files.contains_key(root))
        .collect();
    let mut visited = BTreeSet::new();
    while let Some((path, in_test)) = queue.pop() {
        let in_test = in_test || test.contains(&path);
        if !visited.insert((path.clone(), in_test)) {
            continue;
        }
        if in_test {
            test.insert(path.clone());
        }
        for (candidates, declared_test) in declared_modules(&path, &files[&path]) {
            if let Some(child) = candidates.into_iter().find(|c| files.contains_key(c)) {
                queue.push((child, in_test || declared_test));
            }
        }
    }
    test
}

/// Every file under `src/`, parsed, by its path relative to `src/`.
fn parsed_sources() -> BTreeMap<PathBuf, syn::File> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    rust_files(&src, &src, &mut paths);
    assert!(paths.len() > 10, "found only {paths:?}");
    let mut parsed = BTreeMap::new();
    for path in paths {
        let source = std::fs::read_to_string(src.join(&path)).unwrap();
        let file = parse(&source).unwrap_or_else(|e| panic!("src/{}:{e}", path.display()));
        parsed.insert(path, file);
    }
    parsed
}

/// A file longer than this does more than one job; test modules, in files of their own,
/// may be longer.
const MAX_LINES: usize = 900;

#[test]
fn no_source_file_is_over_900_lines() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let parsed = parsed_sources();
    let test = test_files(&parsed);
    let mut long: Vec<String> = parsed
        .keys()
        .filter(|path| !test.contains(*path))
        .filter_map(|path| {
            let lines = std::fs::read_to_string(src.join(path))
                .unwrap()
                .lines()
                .count();
            (lines > MAX_LINES).then(|| format!("src/{}: {lines} lines", path.display()))
        })
        .collect();
    long.sort();
    assert!(
        long.is_empty(),
        "over {MAX_LINES} lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn no_module_names_a_higher_layer_and_protocols_stay_at_the_edge() {
    let parsed = parsed_sources();
    let paths: Vec<PathBuf> = parsed.keys().cloned().collect();
    for path in &paths {
        if let Some(module) = module_of(path) {
            assert!(
                layer(&module).is_some(),
                "src/{}: the module `{module}` has no layer; add it to LAYERS",
                path.display()
            );
        }
    }
    let test = test_files(&parsed);
    // The test modules this crate has today are recognised as such.
    assert!(
        test.contains(Path::new("features/test_support.rs"))
            && test.contains(Path::new("features/navigation/tests.rs")),
        "{test:?}"
    );

    let mut offenders = Vec::new();
    let mut protocol_in_lsp = 0;
    let mut protocol_in_mcp = 0;
    for (path, file) in &parsed {
        let found = references(file, test.contains(path));
        let crates = |list: &[&str]| {
            found
                .iter()
                .filter(|r| matches!(&r.named, Named::Crate(name) if list.contains(&name.as_str())))
                .count()
        };
        match module_of(path).as_deref() {
            Some("lsp") => protocol_in_lsp += crates(LSP_CRATES),
            Some("mcp") => protocol_in_mcp += crates(MCP_CRATES),
            _ => {}
        }
        offenders.extend(found.iter().filter_map(|r| violation(path, r)));
    }
    // The checker sees the protocol where it is allowed, so its silence elsewhere means
    // something.
    assert!(
        protocol_in_lsp > 0,
        "no protocol crate found under src/lsp/"
    );
    assert!(protocol_in_mcp > 0, "rmcp is not found under src/mcp/");
    assert!(
        offenders.is_empty(),
        "{} path(s) cross the layers:\n{}",
        offenders.len(),
        offenders.join("\n")
    );
}

#[test]
fn the_checker_finds_upward_paths_and_passes_clean_code() {
    let violating = r#"
use crate::{model::Note, workspace::{Config, RuleLevel}};
use crate::rules::Finding;

fn run() {
    let _ = crate::features::Snapshot::default();
    println!("{}", crate::cli::name());
}

#[cfg(test)]
mod tests {
    use crate::features::test_support::snapshot;
}

// crate::lsp is mentioned in a comment, and "crate::lsp" in a string.
const NOTE: &str = "tower_lsp_server::ls_types";
"#;
    let found = check_source(Path::new("rules/mod.rs"), violating, false).unwrap();
    let lines: Vec<&str> = found
        .iter()
        .map(|v| v.split(" — ").next().unwrap())
        .collect();
    assert_eq!(
        lines,
        [
            "src/rules/mod.rs:2: crate::workspace::{Config, RuleLevel}",
            "src/rules/mod.rs:6: crate::features::Snapshot::default",
            "src/rules/mod.rs:7: crate::cli::name",
        ],
        "{found:#?}"
    );
    assert!(found[0].ends_with("rules (layer 3) names workspace (layer 4), a higher layer"));

    let front_ends = "use crate::lsp::run_stdio;\nuse tower_lsp_server::ls_types::Position;\n";
    let found = check_source(Path::new("cli/check.rs"), front_ends, false).unwrap();
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found[0].ends_with("they may not name each other"));
    assert!(found[1].starts_with("src/cli/check.rs:2: tower_lsp_server::ls_types::Position"));

    let clean = r#"
//! Features over plain data.
use super::helpers;
use crate::{model::Note, rules, workspace::{Snapshot, Workspace}};
use crate::features::hover::hover;

fn f(note: &crate::model::Note) -> Option<crate::rules::Finding> {
    let _ = format!("{:?}", crate::syntax::parse("x"));
    None
}
"#;
    assert_eq!(
        check_source(Path::new("features/completion.rs"), clean, false).unwrap(),
        Vec::<String>::new()
    );
    // The same upward path is fine in a test file, and the protocol is fine in src/lsp/.
    assert!(check_source(Path::new("rules/tests.rs"), violating, true)
        .unwrap()
        .is_empty());
    // The MCP crate belongs to src/mcp/ alone: not the core, not the other front ends.
    let mcp = "use rmcp::model::Tool;\nfn f() -> rmcp::ErrorData { todo!() }\n";
    for elsewhere in ["features/overview.rs", "lsp/server.rs", "main.rs"] {
        let found = check_source(Path::new(elsewhere), mcp, false).unwrap();
        assert_eq!(found.len(), 2, "{elsewhere}: {found:#?}");
        assert!(found[0].ends_with("rmcp is a protocol crate, named only in src/mcp/"));
    }
    assert!(check_source(Path::new("mcp/tools.rs"), mcp, false)
        .unwrap()
        .is_empty());
    let protocol = "use tower_lsp_server::ls_types::Position;\nuse crate::features::hover;\n";
    assert!(check_source(Path::new("lsp/convert.rs"), protocol, false)
        .unwrap()
        .is_empty());
}

#[test]
fn test_modules_are_found_from_their_declarations() {
    let source = "mod goto;\n#[cfg(test)]\nmod tests;\n#[cfg(all(test, unix))]\nmod unix_tests;\n#[cfg(not(test))]\nmod real;\n";
    let file = parse(source).unwrap();
    let declared = declared_modules(Path::new("features/navigation.rs"), &file);
    let summary: Vec<(String, bool)> = declared
        .iter()
        .map(|(candidates, test)| (candidates[0].display().to_string(), *test))
        .collect();
    assert_eq!(
        summary,
        [
            ("features/navigation/goto.rs".to_string(), false),
            ("features/navigation/tests.rs".to_string(), true),
            ("features/navigation/unix_tests.rs".to_string(), true),
            ("features/navigation/real.rs".to_string(), false),
        ]
    );
}
