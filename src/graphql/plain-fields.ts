import { type GraphQLSchema, isInterfaceType, isObjectType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

interface FieldMeta {
  schemaName: string;
  middlewares?: unknown[];
  roles?: unknown[];
}
interface TypeMeta {
  name: string;
  target: object;
  fields?: FieldMeta[];
}

/**
 * type-graphql gives every plain property field a resolver of its own (a closure call and an object per
 * field, ~80 per gameState). Where a field has no field resolver, no middleware and no roles, graphql-js's
 * default resolver reads the same property: this drops the wrapper. Field resolvers are untouched.
 */
export function usePlainFieldResolvers(schema: GraphQLSchema): GraphQLSchema {
  const storage = getMetadataStorage();
  const types = [...storage.objectTypes, ...storage.interfaceTypes] as unknown as TypeMeta[];
  const byTarget = new Map(types.map((t) => [t.target, t]));
  const withResolver = new Set(storage.fieldResolvers.map((r) => `${r.getObjectType?.()?.name}.${r.schemaName}`));
  const plain = new Set<string>();
  for (const type of types) {
    // A class's fields include those it inherits (XpEvent from GameEvent, CheckInPayload from ActionPayload).
    for (let target: object | null = type.target; target && byTarget.has(target); target = Object.getPrototypeOf(target) as object | null) {
      const declaring = byTarget.get(target) as TypeMeta;
      for (const field of declaring.fields ?? []) {
        const name = field.schemaName;
        if (!field.middlewares?.length && !field.roles && !withResolver.has(`${type.name}.${name}`)) plain.add(`${type.name}.${name}`);
      }
    }
  }
  const roots = new Set<unknown>([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
  for (const type of Object.values(schema.getTypeMap())) {
    if ((!isObjectType(type) && !isInterfaceType(type)) || roots.has(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (plain.has(`${type.name}.${field.name}`)) field.resolve = undefined;
    }
  }
  return schema;
}
