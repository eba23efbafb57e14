import { describe, expect, it } from 'vitest';
import { defineFileKind } from '../../http/file-kind';
import { collectKinds } from './feature';

const kind = (name: string, more: Partial<Parameters<typeof defineFileKind>[0]> = {}) =>
  defineFileKind({ name, accepts: ['image'], isPublic: false, maxPerRecord: 1, canRead: async () => true, ...more });

describe('the kinds features declare', () => {
  it('are collected by name from every feature', () => {
    const kinds = collectKinds([
      { name: 'stations', fileKinds: [kind('stations.photo')] },
      { name: 'cases', fileKinds: [kind('cases.attachment')] },
      { name: 'orgs' },
    ]);
    expect([...kinds.keys()]).toEqual(['stations.photo', 'cases.attachment']);
  });

  it('must be named after the feature that owns them, once, and accept something', () => {
    expect(() => collectKinds([{ name: 'cases', fileKinds: [kind('stations.photo')] }])).toThrow(
      /must be named cases\./,
    );
    expect(() =>
      collectKinds([
        { name: 'cases', fileKinds: [kind('cases.photo')] },
        { name: 'cases', fileKinds: [kind('cases.photo')] },
      ]),
    ).toThrow(/declared twice/);
    expect(() => collectKinds([{ name: 'cases', fileKinds: [kind('cases.x', { accepts: [] })] }])).toThrow(
      /accepts nothing/,
    );
  });
});
