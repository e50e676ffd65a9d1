import { describe, expect, it, vi } from 'vitest';
import { EntityBatcher, mergeRepresentations, patchEntities, splitEntities, unresolvedEntities } from './entity-batch.js';

const rep = (id: string) => ({ __typename: 'Event', id });

describe('mergeRepresentations and splitEntities', () => {
  it('merges requests end to end and gives each its own slice back', () => {
    const merged = mergeRepresentations([[rep('a'), rep('b')], [rep('c')], []]);
    expect(merged.representations).toEqual([rep('a'), rep('b'), rep('c')]);
    const parts = splitEntities({ data: { _entities: [{ title: 'A' }, { title: 'B' }, { title: 'C' }] } }, merged.slices);
    expect(parts.map((p) => p.data)).toEqual([
      { _entities: [{ title: 'A' }, { title: 'B' }] },
      { _entities: [{ title: 'C' }] },
      { _entities: [] },
    ]);
  });

  it('moves an error about one entity to the request that asked for it, with its own index', () => {
    const merged = mergeRepresentations([[rep('a')], [rep('b'), rep('c')]]);
    const parts = splitEntities(
      {
        data: { _entities: [{ title: 'A' }, null, { title: 'C' }] },
        errors: [
          { message: 'Event not found.', path: ['_entities', 1], extensions: { code: 'NOT_FOUND' } },
          { message: 'slow', extensions: { code: 'SERVICE_UNAVAILABLE' } },
        ],
      },
      merged.slices,
    );
    expect(parts[0]!.errors).toEqual([{ message: 'slow', extensions: { code: 'SERVICE_UNAVAILABLE' } }]);
    expect(parts[1]!.errors).toEqual([
      { message: 'Event not found.', path: ['_entities', 0], extensions: { code: 'NOT_FOUND' } },
      { message: 'slow', extensions: { code: 'SERVICE_UNAVAILABLE' } },
    ]);
  });

  it('gives a failed answer without _entities to every request as it is', () => {
    const failed = { data: null, errors: [{ message: 'down' }] };
    expect(
      splitEntities(failed, [
        [0, 1],
        [1, 1],
      ]),
    ).toEqual([failed, failed]);
  });
});

describe('unresolvedEntities and patchEntities', () => {
  it('finds entities that came back null or with an error', () => {
    const response = {
      data: { _entities: [{ title: 'A' }, null, { title: null }] },
      errors: [{ message: 'no', path: ['_entities', 2, 'title'] }],
    };
    expect(unresolvedEntities(response, 3)).toEqual([1, 2]);
    expect(unresolvedEntities({ data: null, errors: [{ message: 'down' }] }, 2)).toEqual([0, 1]);
  });

  it('puts the answers fetched again in place, with their errors', () => {
    const response = {
      data: { _entities: [{ title: 'A' }, null, null] },
      errors: [{ message: 'hidden', path: ['_entities', 2] }],
    };
    const retried = { data: { _entities: [{ title: 'B' }, null] }, errors: [{ message: 'Event not found.', path: ['_entities', 1] }] };
    expect(patchEntities(response, [1, 2], retried)).toEqual({
      data: { _entities: [{ title: 'A' }, { title: 'B' }, null] },
      errors: [{ message: 'Event not found.', path: ['_entities', 2] }],
    });
  });

  it('takes the retried answer whole when every entity was retried', () => {
    const retried = { data: { _entities: [{ title: 'B' }] } };
    expect(patchEntities({ data: { _entities: [null] } }, [0], retried)).toBe(retried);
  });
});

describe('EntityBatcher', () => {
  it('sends one request per key for everything loaded in the same turn, and splits the answer', async () => {
    const batcher = new EntityBatcher();
    const send = vi.fn(async (representations: unknown[]) => ({
      data: { _entities: representations.map((r) => ({ title: `Event ${(r as { id: string }).id}` })) },
    }));
    const answers = await Promise.all([
      batcher.load('events', [rep('a')], send),
      batcher.load('events', [rep('b'), rep('c')], send),
      batcher.load('events', [rep('a')], send),
    ]);
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0]![0]).toHaveLength(4);
    expect(answers.map((a) => a.data)).toEqual([
      { _entities: [{ title: 'Event a' }] },
      { _entities: [{ title: 'Event b' }, { title: 'Event c' }] },
      { _entities: [{ title: 'Event a' }] },
    ]);
  });

  it('keeps keys apart, and starts a new batch in the next turn', async () => {
    const batcher = new EntityBatcher();
    const send = vi.fn(async (representations: unknown[]) => ({ data: { _entities: representations.map(() => ({})) } }));
    await Promise.all([batcher.load('events|ann', [rep('a')], send), batcher.load('events|bob', [rep('a')], send)]);
    await batcher.load('events|ann', [rep('a')], send);
    expect(send).toHaveBeenCalledTimes(3);
    expect(batcher.sent).toBe(3);
  });

  it('fails every request of a batch whose request failed', async () => {
    const batcher = new EntityBatcher();
    const send = async () => {
      throw new Error('down');
    };
    const results = await Promise.allSettled([batcher.load('k', [rep('a')], send), batcher.load('k', [rep('b')], send)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
