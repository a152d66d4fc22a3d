import 'reflect-metadata';

import { readFileSync } from 'node:fs';

import { createSchema, printSchemaFile, SCHEMA_FILE, writeSchemaFile } from '../src/schema';

/** `npm run schema` regenerates schema.graphql; with --check it fails when the committed file is stale. */
async function main(): Promise<void> {
  const schema = await createSchema();
  if (!process.argv.includes('--check')) {
    writeSchemaFile(schema);
    process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
    return;
  }
  const committed = readFileSync(SCHEMA_FILE, 'utf8');
  if (committed !== printSchemaFile(schema)) {
    process.stderr.write('schema.graphql is stale: run `npm run schema` and commit it.\n');
    process.exit(1);
  }
  process.stdout.write('schema.graphql is up to date\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
