// db/schema.ts cannot drift from the migrations: every table of the Database interface, its columns and whether each
// may be null are read from schema.ts with the TypeScript parser and compared with information_schema of a freshly
// migrated database (PGlite, or PostgreSQL with TEST_DATABASE_URL).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/test-app.ts';

// Per column: whether a select may return null, or 'generated' for a column the database computes (declared
// ColumnType<T, never, never>: never written).
type Tables = Record<string, Record<string, boolean | 'generated'>>;

// Wrappers whose first type argument is what a select returns.
const WRAPPERS = new Set(['ColumnType', 'Generated', 'Json', 'JSONColumnType']);

const isNever = (type: ts.TypeNode | undefined) => type?.kind === ts.SyntaxKind.NeverKeyword;

function declared(type: ts.TypeNode): boolean | 'generated' {
  if (ts.isTypeReferenceNode(type) && type.typeName.getText() === 'ColumnType') {
    const [, insert, update] = type.typeArguments ?? [];
    if (isNever(insert) && isNever(update)) return 'generated';
  }
  return nullable(type);
}

function nullable(type: ts.TypeNode): boolean {
  if (ts.isUnionTypeNode(type)) return type.types.some(nullable);
  if (ts.isLiteralTypeNode(type)) return type.literal.kind === ts.SyntaxKind.NullKeyword;
  if (ts.isParenthesizedTypeNode(type)) return nullable(type.type);
  if (ts.isTypeReferenceNode(type) && WRAPPERS.has(type.typeName.getText()) && type.typeArguments?.[0]) {
    return nullable(type.typeArguments[0]);
  }
  return false;
}

/** Table → column → nullable, as schema.ts declares them. */
function declaredTables(): Tables {
  const file = fileURLToPath(new URL('./schema.ts', import.meta.url));
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, node);
  });
  const tables: Tables = {};
  for (const member of interfaces.get('Database')!.members) {
    if (!ts.isPropertySignature(member) || !member.type || !ts.isTypeReferenceNode(member.type)) continue;
    const table = interfaces.get(member.type.typeName.getText());
    if (!table) throw new Error(`schema.ts: no interface ${member.type.typeName.getText()}`);
    const columns: Record<string, boolean | 'generated'> = {};
    for (const column of table.members) {
      if (ts.isPropertySignature(column) && column.type) columns[column.name.getText()] = declared(column.type);
    }
    tables[member.name.getText()] = columns;
  }
  return tables;
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('db/schema.ts', () => {
  it('declares every table, column and nullability of the migrated database', async () => {
    const rows = await sql<{ table_name: string; column_name: string; is_nullable: string; is_generated: string }>`
      select c.table_name, c.column_name, c.is_nullable, c.is_generated from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
        and c.table_name not like 'kysely\\_%'`.execute(t.db);
    const migrated: Tables = {};
    for (const row of rows.rows) {
      (migrated[row.table_name] ??= {})[row.column_name] =
        row.is_generated === 'ALWAYS' ? 'generated' : row.is_nullable === 'YES';
    }
    const sorted = (tables: Tables) =>
      Object.fromEntries(
        Object.keys(tables)
          .sort()
          .map((name) => [
            name,
            Object.fromEntries(Object.entries(tables[name]!).sort(([a], [b]) => a.localeCompare(b))),
          ]),
      );
    expect(sorted(declaredTables())).toEqual(sorted(migrated));
  });
});
