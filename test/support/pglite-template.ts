import 'reflect-metadata';

import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createDataSource, migrate } from '../../src/db/data-source';

const MIGRATIONS_DIR = join(__dirname, '../../src/migrations');

/**
 * Where the migrated embedded database for this checkout's migrations lives: one directory per hash of
 * the migration sources and the PGlite version, so a changed migration builds a new template.
 */
export function templateDir(): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(join(__dirname, '../../node_modules/@electric-sql/pglite/package.json')));
  for (const file of readdirSync(MIGRATIONS_DIR).sort()) hash.update(file).update(readFileSync(join(MIGRATIONS_DIR, file)));
  return join(tmpdir(), `xecution-pglite-template-${hash.digest('hex').slice(0, 16)}`);
}

/**
 * Builds the template once (initdb and every migration take most of an embedded server's start; a copy
 * of the finished directory takes a fraction). Built aside and renamed, so a reader never sees half.
 */
export async function ensureTemplate(): Promise<string> {
  const target = templateDir();
  if (existsSync(join(target, 'PG_VERSION'))) return target;
  const work = mkdtempSync(join(tmpdir(), 'xecution-pglite-build-'));
  const dataSource = createDataSource({ dataDir: work, poolSize: 1 });
  await dataSource.initialize();
  await migrate(dataSource);
  await dataSource.destroy();
  try {
    renameSync(join(work, 'pglite'), target);
  } catch {
    // Another run renamed its copy first: theirs is as good.
  }
  rmSync(work, { recursive: true, force: true });
  return target;
}

/** Puts a migrated embedded database into `dataDir` (as `DATA_DIR/pglite`); false when there is no template. */
export function copyTemplateInto(dataDir: string): boolean {
  const source = templateDir();
  if (!existsSync(join(source, 'PG_VERSION'))) return false;
  cpSync(source, join(dataDir, 'pglite'), { recursive: true });
  return true;
}
