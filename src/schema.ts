import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema, type PubSub } from 'type-graphql';

import { CoachResolver } from './coach/conversations/coach.resolver';
import { OnboardingResolver } from './coach/onboarding/onboarding.resolver';
import { RoadmapResolver } from './coach/roadmaps/roadmap.resolver';
import { validateInput } from './errors/validate-input';
import { usePlainFieldResolvers } from './graphql/plain-fields';
import { actionEventTypes } from './resolvers/action-event.types';
import { AuthResolver } from './resolvers/auth.resolver';
import { GameActionsResolver } from './resolvers/game-actions.resolver';
import { GameEventsResolver } from './resolvers/game-events.resolver';
import { GameStateResolver } from './resolvers/game-state.resolver';
import { MentorResolver } from './resolvers/mentor.resolver';
import { timeEventTypes } from './resolvers/time-event.types';
import { UserResolver } from './resolvers/user.resolver';
import { UserHistoryResolver } from './resolvers/user-history.resolver';
import { LocalTransport } from './subscriptions/local-transport';

/** npm scripts and tests run from the package root. */
export const SCHEMA_FILE = resolve(process.cwd(), 'schema.graphql');

export const resolvers = [
  AuthResolver,
  UserResolver,
  GameStateResolver,
  GameActionsResolver,
  GameEventsResolver,
  MentorResolver,
  UserHistoryResolver,
  CoachResolver,
  RoadmapResolver,
  OnboardingResolver,
] as const;

/** GameEvent implementations that no field names: listed so the schema carries them. */
const orphanedTypes = [...actionEventTypes, ...timeEventTypes];

/**
 * Builds the executable schema from the resolvers. Subscriptions use their own `subscribe` functions
 * over the event bus; type-graphql still wants a PubSub, so the app passes its transport.
 */
export async function createSchema(pubSub: PubSub = new LocalTransport()): Promise<GraphQLSchema> {
  return usePlainFieldResolvers(await buildSchema({ resolvers, orphanedTypes, validateFn: validateInput, pubSub }));
}

/** The schema in SDL as committed in schema.graphql (sorted, so the diff only shows real changes). */
export function printSchemaFile(schema: GraphQLSchema): string {
  return `# Generated from the code by \`npm run schema\`. Do not edit.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}

export function writeSchemaFile(schema: GraphQLSchema): void {
  writeFileSync(SCHEMA_FILE, printSchemaFile(schema));
}
