import {
  Kind,
  type DefinitionNode,
  OperationTypeNode,
  type DocumentNode,
  type FieldNode,
  type OperationDefinitionNode,
  type VariableDefinitionNode,
} from 'graphql';

/**
 * Subscription fields the router can proxy: the subgraph that streams the field, and the query
 * field that reads one item by id. The stream carries only ids; every item is then read through the
 * gateway, so fields other subgraphs own (`notificationAdded { event { title } }`) resolve too.
 */
export const LIVE_FIELDS: Record<string, { subgraph: string; readById: string }> = {
  notificationAdded: { subgraph: 'notifications', readById: 'notification' },
};

/** The variable the follow-up query receives the streamed item's id in. */
export const ITEM_ID_VARIABLE = 'sborLiveItemId';

export interface LivePlan {
  /** The subgraph's subscription field, e.g. `notificationAdded`. */
  field: string;
  subgraph: string;
  /** The key the client expects in `data` (the alias, or the field name). */
  responseKey: string;
  /** The client's selection re-rooted on the by-id query field. */
  followUp: DocumentNode;
}

export class UnsupportedSubscriptionError extends Error {}

function operationOf(document: DocumentNode, operationName?: string | null): OperationDefinitionNode {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) throw new UnsupportedSubscriptionError('The document has no operation by that name.');
  return operation;
}

/**
 * Turns `subscription S($x: Int) { alias: notificationAdded { …sel } }` into
 * `query S($x: Int, $sborLiveItemId: ID!) { alias: notification(id: $sborLiveItemId) { …sel } }`.
 * Fragments are kept as they are: they apply to the same item type.
 */
export function planLiveSubscription(document: DocumentNode, operationName?: string | null): LivePlan {
  const operation = operationOf(document, operationName);
  const [root, ...rest] = operation.selectionSet.selections;
  if (!root || rest.length > 0 || root.kind !== Kind.FIELD) {
    throw new UnsupportedSubscriptionError('A subscription must select exactly one field, directly.');
  }
  const live = LIVE_FIELDS[root.name.value];
  if (!live) throw new UnsupportedSubscriptionError(`Subscription.${root.name.value} is not served live.`);

  const idVariable: VariableDefinitionNode = {
    kind: Kind.VARIABLE_DEFINITION,
    variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: ITEM_ID_VARIABLE } },
    type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'ID' } } },
  };
  const byId: FieldNode = {
    ...root,
    alias: { kind: Kind.NAME, value: root.alias?.value ?? root.name.value },
    name: { kind: Kind.NAME, value: live.readById },
    arguments: [
      {
        kind: Kind.ARGUMENT,
        name: { kind: Kind.NAME, value: 'id' },
        value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: ITEM_ID_VARIABLE } },
      },
    ],
  };
  const query: OperationDefinitionNode = {
    ...operation,
    operation: OperationTypeNode.QUERY,
    variableDefinitions: [...(operation.variableDefinitions ?? []), idVariable],
    selectionSet: { ...operation.selectionSet, selections: [byId] },
  };
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  const definitions: DefinitionNode[] = [...fragments, query];
  return {
    field: root.name.value,
    subgraph: live.subgraph,
    responseKey: root.alias?.value ?? root.name.value,
    followUp: { kind: Kind.DOCUMENT, definitions },
  };
}
