import {
  Kind,
  OperationTypeNode,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type VariableDefinitionNode,
} from 'graphql';

/**
 * Subscription fields the router can proxy: the subgraph that streams the field, and the query
 * field that reads one item by id. When the client's selection needs other subgraphs
 * (`notificationAdded { event { title } }`), the stream carries only ids and every item is read back
 * through the gateway with the by-id field; otherwise the client's own operation is sent upstream
 * (`forwarding.ts` decides which).
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
  /**
   * The client's subscription alone, with only the fragments it uses: what goes upstream when the
   * subgraph can answer it all. Other operations in the document may select fields the subgraph
   * does not have, and it validates the whole document.
   */
  subscription: DocumentNode;
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
 * The fragments it uses are kept as they are: they apply to the same item type. Fragments only other
 * operations in the document use are left out, or the follow-up would fail NoUnusedFragments.
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
  const fragments = fragmentsUsedBy(operation, document);
  return {
    field: root.name.value,
    subgraph: live.subgraph,
    responseKey: root.alias?.value ?? root.name.value,
    followUp: { kind: Kind.DOCUMENT, definitions: [...fragments, query] },
    subscription: { kind: Kind.DOCUMENT, definitions: [...fragments, operation] },
  };
}

/** The fragments an operation spreads, directly or through other fragments (validation rejects cycles). */
function fragmentsUsedBy(operation: OperationDefinitionNode, document: DocumentNode): FragmentDefinitionNode[] {
  const byName = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) byName.set(d.name.value, d);
  const used = new Map<string, FragmentDefinitionNode>();
  const collect = (node: OperationDefinitionNode | FragmentDefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const fragment = byName.get(spread.name.value);
        if (!fragment || used.has(fragment.name.value)) return;
        used.set(fragment.name.value, fragment);
        collect(fragment);
      },
    });
  collect(operation);
  return [...used.values()];
}
