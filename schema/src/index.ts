export { composeSupergraph, readSupergraph } from './compose.js';
export { SUBGRAPHS, SUPERGRAPH_PATH, type SubgraphEntry } from './subgraphs.js';
