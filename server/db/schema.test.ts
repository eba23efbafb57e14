/**
 * schema.ts and its parts under schema/ (Kysely's view of the tables) must say what the migrations
 * built: a column a migration adds but schema.ts lacks cannot be written through Kysely, and a column schema.ts declares that no
 * migration made compiles fine and fails at run time. The declared side is read from schema.ts
 * itself (the `DB` interface and the table interfaces it names), the real side from the migrated
 * test database's information_schema.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';

/** Tables the app keeps outside Kysely's view: migrate.ts's bookkeeping. */
const NOT_IN_KYSELY = ['schema_migrations'];

/** Per table, per column: whether it may be null (undefined where the type says nothing, e.g. `unknown`). */
type Columns = Record<string, Record<string, boolean | undefined>>;

function declaredColumns(sources: readonly string[]): Columns {
  const interfaces = new Map<string, { decl: ts.InterfaceDeclaration; file: ts.SourceFile }>();
  for (const [i, source] of sources.entries()) {
    const file = ts.createSourceFile(`schema-${i}.ts`, source, ts.ScriptTarget.Latest, true);
    file.forEachChild((node) => {
      if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, { decl: node, file });
    });
  }
  const propsOf = ({ decl, file }: { decl: ts.InterfaceDeclaration; file: ts.SourceFile }) =>
    decl.members.filter(ts.isPropertySignature).map((p) => ({ name: p.name.getText(file), type: p.type! }));
  const db = interfaces.get('DB');
  if (!db) throw new Error('schema.ts has no DB interface');
  // DB joins the parts (PlatformDB, CasesDB, …): its tables are its own and those of what it extends.
  const parts = [
    db,
    ...(db.decl.heritageClauses ?? [])
      .flatMap((h) => h.types.map((t) => t.expression.getText(db.file)))
      .map((name) => {
        const part = interfaces.get(name);
        if (!part) throw new Error(`DB extends ${name}, not an interface under schema/`);
        return part;
      }),
  ];
  const tables: Columns = {};
  for (const table of parts.flatMap((part) => propsOf(part).map((p) => ({ ...p, file: part.file })))) {
    const decl = interfaces.get(table.type.getText(table.file));
    if (!decl)
      throw new Error(`DB.${table.name} names ${table.type.getText(table.file)}, not an interface under schema/`);
    tables[table.name] = Object.fromEntries(
      propsOf(decl).map(({ name, type }) => [
        name,
        type.kind === ts.SyntaxKind.UnknownKeyword
          ? undefined
          : ts.isUnionTypeNode(type) &&
            type.types.some((m) => ts.isLiteralTypeNode(m) && m.literal.kind === ts.SyntaxKind.NullKeyword),
      ]),
    );
  }
  return tables;
}

let t: TestApp;
let migrated: Columns;
let declared: Columns;

beforeAll(async () => {
  t = await createTestApp();
  const { rows } = await sql<{ table_name: string; column_name: string; is_nullable: 'YES' | 'NO' }>`
    SELECT c.table_name, c.column_name, c.is_nullable
      FROM information_schema.columns c
      JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
     WHERE c.table_schema = current_schema() AND tb.table_type = 'BASE TABLE'
     ORDER BY c.table_name, c.ordinal_position`.execute(t.db);
  migrated = {};
  for (const r of rows) {
    if (NOT_IN_KYSELY.includes(r.table_name)) continue;
    (migrated[r.table_name] ??= {})[r.column_name] = r.is_nullable === 'YES';
  }
  const partsDir = fileURLToPath(new URL('./schema/', import.meta.url));
  declared = declaredColumns([
    readFileSync(fileURLToPath(new URL('./schema.ts', import.meta.url)), 'utf8'),
    ...readdirSync(partsDir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(join(partsDir, f), 'utf8')),
  ]);
});
afterAll(() => t?.close());

describe('schema.ts matches the migrated database', () => {
  it('declares every table the migrations create, and no other', () => {
    expect(Object.keys(declared).sort()).toEqual(Object.keys(migrated).sort());
  });

  it('declares every column of each table, and no other', () => {
    const problems: string[] = [];
    for (const table of Object.keys(migrated)) {
      const have = Object.keys(declared[table] ?? {});
      const real = Object.keys(migrated[table]!);
      for (const c of real.filter((c) => !have.includes(c)))
        problems.push(`${table}.${c}: in the database, not in schema.ts`);
      for (const c of have.filter((c) => !real.includes(c)))
        problems.push(`${table}.${c}: in schema.ts, not in the database`);
    }
    expect(problems).toEqual([]);
  });

  it('lets a column be null exactly where the database does', () => {
    const problems: string[] = [];
    for (const [table, columns] of Object.entries(migrated)) {
      for (const [column, nullable] of Object.entries(columns)) {
        const says = declared[table]?.[column];
        if (says !== undefined && says !== nullable)
          problems.push(
            `${table}.${column}: ${nullable ? 'nullable' : 'NOT NULL'} in the database, ${says ? '' : 'not '}null in schema.ts`,
          );
      }
    }
    expect(problems).toEqual([]);
  });
});
