import { fileURLToPath } from 'node:url';

export interface SubgraphEntry {
  name: string;
  /** The routing URL baked into the supergraph; the router overrides it with `<NAME>_URL`. */
  url: string;
  schemaPath: string;
}

const schemaOf = (service: string) => fileURLToPath(new URL(`../../subgraphs/${service}/schema.graphql`, import.meta.url));

/** The subgraphs that make up the supergraph, with their default local ports (DESIGN.md). */
export const SUBGRAPHS: readonly SubgraphEntry[] = [
  { name: 'users', url: 'http://localhost:8081/graphql', schemaPath: schemaOf('users') },
  { name: 'tickets', url: 'http://localhost:8082/graphql', schemaPath: schemaOf('tickets') },
  { name: 'events', url: 'http://localhost:8083/graphql', schemaPath: schemaOf('events') },
  { name: 'notifications', url: 'http://localhost:8084/graphql', schemaPath: schemaOf('notifications') },
];

export const SUPERGRAPH_PATH = fileURLToPath(new URL('../supergraph.graphql', import.meta.url));
