import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { Extensions } from 'type-graphql';

/** Marks a root field as callable without a session. Every other root field requires one. */
export const Public = () => Extensions({ public: true });

function rootTypeOf(schema: GraphQLSchema, operation: OperationDefinitionNode): GraphQLObjectType | null | undefined {
  return schema.getRootType(operation.operation);
}

function rootFieldNames(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  seen = new Set<string>(),
): string[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection.name.value];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFieldNames(selection.selectionSet, fragments, seen);
    const name = selection.name.value;
    const fragment = fragments.get(name);
    if (!fragment || seen.has(name)) return [];
    seen.add(name);
    return rootFieldNames(fragment.selectionSet, fragments, seen);
  });
}

/** The root fields an operation selects, through fragments, once per selection (an aliased field counts each time). */
export function rootFieldsOf(document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return rootFieldNames(operation.selectionSet, fragments);
}

/**
 * Default-deny: the root fields of `operation` that need a signed-in caller (every field not marked
 * @Public). Checked once per operation, over HTTP and over WebSocket alike.
 */
export function fieldsNeedingSession(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const root = rootTypeOf(schema, operation);
  if (!root) return [];
  const fields = root.getFields();
  return rootFieldsOf(document, operation).filter(
    (name) => name !== '__typename' && name !== '__schema' && name !== '__type' && fields[name]?.extensions?.public !== true,
  );
}
