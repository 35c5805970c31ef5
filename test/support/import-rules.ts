/**
 * The house plan as a checkable rule: which room may import which, and no cycles between files.
 * Pure functions over a map of file path -> source text, so a test can plant a bad file and see
 * it caught. Every import counts: static, `import type`, `export ... from`, `import()` calls and
 * `import('x').T` types.
 */
import { dirname, join, normalize } from 'node:path';
import ts from 'typescript';

/** Each top-level folder of src/ is one room; src/cli.ts is the room on top. */
export const ALLOWED: Record<string, readonly string[]> = {
  cli: ['commands', 'app', 'shared'],
  commands: ['app', 'model', 'shared'],
  app: ['tui', 'voice', 'core', 'db', 'model', 'shared'],
  tui: ['core', 'model', 'shared'],
  voice: ['model', 'shared'],
  core: ['db', 'model', 'shared'],
  db: ['model', 'shared'],
  model: ['shared'],
  shared: [],
};

/** Packages a room may not use even though it may import other packages. */
const FORBIDDEN_PACKAGES: Record<string, RegExp> = {
  commands: /^(ink|react|ink-[a-z-]+|@inkjs\/ui|chalk)$/,
  core: /^(ink|react|ink-[a-z-]+|@inkjs\/ui|chalk)$/,
  db: /^(ink|react|ink-[a-z-]+|@inkjs\/ui|chalk)$/,
  voice: /^(ink|react|ink-[a-z-]+|@inkjs\/ui|chalk)$/,
  model: /^(?!zod$)/, // the domain needs nothing but zod
  shared: /^(ink|react|ink-[a-z-]+|@inkjs\/ui|chalk|better-sqlite3|ollama)$/,
};

export interface ImportRef {
  from: string;
  /** The specifier as written. */
  specifier: string;
  /** The file it resolves to (relative specifiers only), or null for a package. */
  to: string | null;
}

export function roomOf(file: string): string {
  const rest = file.replace(/^src\//, '');
  return rest.includes('/') ? rest.slice(0, rest.indexOf('/')) : rest.replace(/\.tsx?$/, '');
}

/** Every module specifier the file names. */
export function specifiersOf(file: string, text: string): string[] {
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      if (arg && ts.isStringLiteralLike(arg)) found.push(arg.text);
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      found.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function resolveSpecifier(from: string, specifier: string, files: ReadonlySet<string>): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = normalize(join(dirname(from), specifier));
  const candidates = [base, base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx')];
  return candidates.find((c) => files.has(c)) ?? base;
}

export function importsOf(files: ReadonlyMap<string, string>): ImportRef[] {
  const names = new Set(files.keys());
  return [...files].flatMap(([from, text]) =>
    specifiersOf(from, text).map((specifier) => ({ from, specifier, to: resolveSpecifier(from, specifier, names) })),
  );
}

/** Imports that break the plan, one line each: `db/x.ts -> core/y.ts (db may import model, shared)`. */
export function ruleViolations(files: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  for (const ref of importsOf(files)) {
    const room = roomOf(ref.from);
    if (ref.to === null) {
      const pkg = ref.specifier.startsWith('@')
        ? ref.specifier.split('/').slice(0, 2).join('/')
        : ref.specifier.split('/')[0]!;
      const forbidden = FORBIDDEN_PACKAGES[room];
      if (!ref.specifier.startsWith('node:') && forbidden?.test(pkg))
        problems.push(`${ref.from} -> package ${pkg} (not allowed in ${room})`);
      continue;
    }
    if (!ref.to.startsWith('src/')) {
      problems.push(`${ref.from} -> ${ref.to} (outside src)`);
      continue;
    }
    const target = roomOf(ref.to);
    if (target === room) continue;
    const allowed = ALLOWED[room] ?? [];
    if (!allowed.includes(target))
      problems.push(`${ref.from} -> ${ref.to} (${room} may import ${allowed.join(', ') || 'nothing in src'})`);
  }
  return problems;
}

/** Groups of files that import each other, directly or around a loop (Tarjan's algorithm). */
export function importCycles(files: ReadonlyMap<string, string>): string[][] {
  const edges = new Map<string, string[]>();
  for (const ref of importsOf(files)) {
    if (ref.to === null || !files.has(ref.to)) continue;
    edges.set(ref.from, [...(edges.get(ref.from) ?? []), ref.to]);
  }
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1 || (edges.get(v) ?? []).includes(v)) cycles.push(group.sort());
    }
  };
  for (const file of files.keys()) if (!index.has(file)) connect(file);
  return cycles;
}
