import { useEffect, useState } from 'react';
import type { PasswordProfile } from '../../common/password-policy';
import { http } from './http';

export interface PublicConfig {
  demo: boolean;
  password_profile: PasswordProfile;
  version: string;
}

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
