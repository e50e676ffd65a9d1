import { bigint, index, integer, jsonb, pgSchema, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** The embedded bus's own schema, beside the services' schemas in the one PGlite. */
export const busSchema = pgSchema('bus');

/** The log: every published message, in order per topic partition, kept for the retention period. */
export const busMessages = busSchema.table(
  'messages',
  {
    offset: bigint('offset', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    topic: text('topic').notNull(),
    partition: integer('partition').notNull(),
    key: text('key').notNull(),
    value: text('value').notNull(),
    headers: jsonb('headers').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('messages_topic_partition_offset_idx').on(t.topic, t.partition, t.offset)],
);

/** Each group's committed position per topic partition: the last offset whose handler resolved. */
export const busGroupOffsets = busSchema.table(
  'group_offsets',
  {
    groupId: text('group_id').notNull(),
    topic: text('topic').notNull(),
    partition: integer('partition').notNull(),
    committed: bigint('committed', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.topic, t.partition] })],
);
