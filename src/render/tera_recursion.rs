//! Tera has no limit on how deep macros and includes call each other: a macro that calls
//! itself, or a template that includes itself, overflows the render thread's stack, and the
//! process aborts (exit 134) instead of reporting. kurator's own templates never recurse, so
//! recursion is refused outright, before anything renders: every template's calls (macros,
//! includes, the template it extends) form a graph, and a cycle in it is an error naming the
//! templates and macros of the cycle.

use std::collections::{BTreeMap, BTreeSet};

use tera::Tera;
use tera::ast::{Expr, ExprVal, Node};

/// A place code runs from: a template's own body, or one of its macros.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Place {
    template: String,
    macro_name: Option<String>,
}

/// The first cycle of calls among the templates of `tera`, if any: each step as (template,
/// macro), the macro `None` for the template's own body; the last step is the first again.
pub fn find_cycle(tera: &Tera) -> Option<Vec<(String, Option<String>)>> {
    let mut calls: BTreeMap<Place, BTreeSet<Place>> = BTreeMap::new();
    for (name, template) in &tera.templates {
        let imports: BTreeMap<&str, &str> = template
            .imported_macro_files
            .iter()
            .map(|(file, namespace)| (namespace.as_str(), file.as_str()))
            .collect();
        let walker = Walker {
            template: name,
            imports: &imports,
        };
        let mut out = BTreeSet::new();
        walker.nodes(&template.ast, &mut out);
        if let Some(parent) = &template.parent {
            out.insert(Place {
                template: parent.clone(),
                macro_name: None,
            });
        }
        calls.insert(place(name, None), out);
        for (macro_name, definition) in &template.macros {
            let mut out = BTreeSet::new();
            walker.nodes(&definition.body, &mut out);
            calls.insert(place(name, Some(macro_name)), out);
        }
    }
    // Depth-first, iteratively: the graph of a hostile template may be deep.
    let mut done: BTreeSet<&Place> = BTreeSet::new();
    for start in calls.keys() {
        if done.contains(start) {
            continue;
        }
        let mut path: Vec<&Place> = vec![start];
        let mut stack: Vec<Vec<&Place>> = vec![successors(&calls, start)];
        while let Some(next) = stack.last_mut() {
            match next.pop() {
                Some(callee) if path.contains(&callee) => {
                    let from = path.iter().position(|p| *p == callee).unwrap_or(0);
                    let step = |p: &Place| (p.template.clone(), p.macro_name.clone());
                    let mut cycle: Vec<_> = path[from..].iter().map(|p| step(p)).collect();
                    cycle.push(step(callee));
                    return Some(cycle);
                }
                Some(callee) if !done.contains(callee) => {
                    path.push(callee);
                    stack.push(successors(&calls, callee));
                }
                Some(_) => {}
                None => {
                    stack.pop();
                    if let Some(finished) = path.pop() {
                        done.insert(finished);
                    }
                }
            }
        }
    }
    None
}

fn place(template: &str, macro_name: Option<&str>) -> Place {
    Place {
        template: template.to_owned(),
        macro_name: macro_name.map(str::to_owned),
    }
}

/// The places `place` calls that exist (a call of a missing macro is Tera's error to report).
fn successors<'a>(calls: &'a BTreeMap<Place, BTreeSet<Place>>, place: &Place) -> Vec<&'a Place> {
    calls
        .get(place)
        .into_iter()
        .flatten()
        .filter_map(|callee| calls.get_key_value(callee).map(|(k, _)| k))
        .collect()
}

/// Collects the places called from the code of one template.
struct Walker<'a> {
    template: &'a str,
    imports: &'a BTreeMap<&'a str, &'a str>,
}

impl Walker<'_> {
    fn nodes(&self, nodes: &[Node], out: &mut BTreeSet<Place>) {
        for node in nodes {
            match node {
                Node::VariableBlock(_, expr) => self.expr(expr, out),
                Node::Include(_, names, _) => {
                    out.extend(names.iter().map(|name| place(name, None)));
                }
                Node::Extends(_, parent) => {
                    out.insert(place(parent, None));
                }
                Node::Set(_, set) => self.expr(&set.value, out),
                Node::FilterSection(_, section, _) => {
                    self.call_args(section.filter.args.values(), out);
                    self.nodes(&section.body, out);
                }
                Node::Block(_, block, _) => self.nodes(&block.body, out),
                Node::Forloop(_, forloop, _) => {
                    self.expr(&forloop.container, out);
                    self.nodes(&forloop.body, out);
                    if let Some(empty) = &forloop.empty_body {
                        self.nodes(empty, out);
                    }
                }
                Node::If(branches, _) => {
                    for (_, condition, body) in &branches.conditions {
                        self.expr(condition, out);
                        self.nodes(body, out);
                    }
                    if let Some((_, body)) = &branches.otherwise {
                        self.nodes(body, out);
                    }
                }
                // Macro bodies are places of their own; the rest calls nothing.
                Node::MacroDefinition(..)
                | Node::Super
                | Node::Text(_)
                | Node::ImportMacro(..)
                | Node::Raw(..)
                | Node::Break(_)
                | Node::Continue(_)
                | Node::Comment(..) => {}
            }
        }
    }

    fn expr(&self, expr: &Expr, out: &mut BTreeSet<Place>) {
        self.value(&expr.val, out);
        for filter in &expr.filters {
            self.call_args(filter.args.values(), out);
        }
    }

    fn call_args<'e>(&self, args: impl Iterator<Item = &'e Expr>, out: &mut BTreeSet<Place>) {
        for arg in args {
            self.expr(arg, out);
        }
    }

    fn value(&self, value: &ExprVal, out: &mut BTreeSet<Place>) {
        match value {
            ExprVal::MacroCall(call) => {
                let file = match call.namespace.as_str() {
                    "self" => Some(self.template),
                    namespace => self.imports.get(namespace).copied(),
                };
                if let Some(file) = file {
                    out.insert(place(file, Some(&call.name)));
                }
                self.call_args(call.args.values(), out);
            }
            ExprVal::Math(math) => {
                self.expr(&math.lhs, out);
                self.expr(&math.rhs, out);
            }
            ExprVal::Logic(logic) => {
                self.expr(&logic.lhs, out);
                self.expr(&logic.rhs, out);
            }
            ExprVal::In(within) => {
                self.expr(&within.lhs, out);
                self.expr(&within.rhs, out);
            }
            ExprVal::Test(test) => self.call_args(test.args.iter(), out),
            ExprVal::FunctionCall(call) => self.call_args(call.args.values(), out),
            ExprVal::Array(items) => self.call_args(items.iter(), out),
            ExprVal::StringConcat(concat) => {
                for value in &concat.values {
                    self.value(value, out);
                }
            }
            ExprVal::String(_)
            | ExprVal::Int(_)
            | ExprVal::Float(_)
            | ExprVal::Bool(_)
            | ExprVal::Ident(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tera(templates: &[(&str, &str)]) -> Tera {
        let mut tera = Tera::default();
        tera.add_raw_templates(templates.to_vec()).unwrap();
        tera
    }

    #[test]
    fn calls_that_come_back_are_found_through_imports_and_includes() {
        let through_import = tera(&[
            (
                "m.html",
                "{% import \"n.html\" as n %}{% macro a() %}{{ n::b() }}{% endmacro a %}",
            ),
            (
                "n.html",
                "{% import \"m.html\" as m %}{% macro b() %}{% if true %}{{ m::a() | upper }}{% endif %}{% endmacro b %}",
            ),
        ]);
        let cycle = find_cycle(&through_import).expect("a → b → a");
        assert_eq!(cycle.len(), 3);
        assert_eq!(cycle.first(), cycle.last());
        let through_include = tera(&[
            (
                "a.html",
                "{% for x in [1] %}{% include \"b.html\" %}{% endfor %}",
            ),
            ("b.html", "{% include \"a.html\" %}"),
        ]);
        assert!(find_cycle(&through_include).is_some());
    }

    #[test]
    fn calls_without_a_cycle_pass() {
        let fine = tera(&[
            ("base.html", "{% block body %}{% endblock body %}"),
            (
                "m.html",
                "{% macro a() %}{{ self::b() }}{% endmacro a %}{% macro b() %}b{% endmacro b %}",
            ),
            (
                "page.html",
                "{% extends \"base.html\" %}{% import \"m.html\" as m %}{% block body %}{{ m::a() }}{{ m::a() }}{% endblock body %}",
            ),
        ]);
        assert_eq!(find_cycle(&fine), None);
        let builtin = crate::render::templates::Templates::builtin();
        let html = builtin.iter().filter(|(n, _)| n.ends_with(".html"));
        let mut tera = Tera::default();
        tera.add_raw_templates(html.collect::<Vec<_>>()).unwrap();
        assert_eq!(find_cycle(&tera), None);
    }
}
