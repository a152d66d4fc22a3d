import { readFileSync } from 'node:fs';

import { createSchema, printSchemaFile, SCHEMA_FILE } from '../../src/schema';

test('the committed schema.graphql is the schema the code builds (run `npm run schema` when this fails)', async () => {
  const built = printSchemaFile(await createSchema());
  expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(built);
});
