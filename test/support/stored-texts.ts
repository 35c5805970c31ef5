import Database from 'better-sqlite3';

/** Every text value in every table of the SQLite file, with where it is (`table.column`). */
export function storedTexts(file: string): { where: string; text: string }[] {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    return tables.flatMap((table) =>
      (db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]).flatMap((row) =>
        Object.entries(row)
          .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
          .map(([column, text]) => ({ where: `${table}.${column}`, text })),
      ),
    );
  } finally {
    db.close();
  }
}
