import { useEffect, useState } from 'react';
import type { Static } from '@sinclair/typebox';
import type * as api from '../../common/api/system';
import { http } from './http';

export type PublicConfig = Static<typeof api.PublicConfig>;

let cached: Promise<PublicConfig> | null = null;

function loadConfig(): Promise<PublicConfig> {
  cached ??= http.get<PublicConfig>('/config').catch((err: unknown) => {
    cached = null;
    throw err;
  });
  return cached;
}

/** The public deployment settings, or null until (or unless) they arrive. */
export function useConfig(): PublicConfig | null {
  const [config, setConfig] = useState<PublicConfig | null>(null);
  useEffect(() => {
    let live = true;
    loadConfig().then(
      (c) => live && setConfig(c),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return config;
}
