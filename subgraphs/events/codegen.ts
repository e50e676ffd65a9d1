import { subgraphCodegen } from '../../codegen.subgraph.js';

export default subgraphCodegen({
  contextType: '../context.js#EventsContext',
  mappers: {
    Event: '../domain/model.js#EventView',
    Category: '../domain/model.js#CategoryView',
    ScheduleItem: '../domain/model.js#ScheduleItemView',
    User: '../domain/model.js#UserReference',
  },
});
