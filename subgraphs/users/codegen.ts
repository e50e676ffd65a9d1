import { subgraphCodegen } from '../../codegen.subgraph.js';

export default subgraphCodegen({
  contextType: '../context.js#UsersContext',
  mappers: { User: '../domain/accounts.js#Account' },
});
