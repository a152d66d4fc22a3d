import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';

import { validateInput } from './errors/validate-input';
import { AuthResolver } from './resolvers/auth.resolver';
import { GameActionsResolver } from './resolvers/game-actions.resolver';
import { GameStateResolver } from './resolvers/game-state.resolver';
import { UserResolver } from './resolvers/user.resolver';

/** npm scripts and tests run from the package root. */
export const SCHEMA_FILE = resolve(process.cwd(), 'schema.graphql');

export const resolvers = [AuthResolver, UserResolver, GameStateResolver, GameActionsResolver] as const;

/** Builds the executable schema from the resolvers. */
export function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers, validateFn: validateInput });
}

/** The schema in SDL as committed in schema.graphql (sorted, so the diff only shows real changes). */
export function printSchemaFile(schema: GraphQLSchema): string {
  return `# Generated from the code by \`npm run schema\`. Do not edit.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}

export function writeSchemaFile(schema: GraphQLSchema): void {
  writeFileSync(SCHEMA_FILE, printSchemaFile(schema));
}
