import { useCallback, useState } from 'react';
import type { RiderPosition } from './h5-position';

/** Why the phone gave no position. */
export type LocateFailure = 'denied' | 'unavailable' | 'unsupported';

export type LocateState = { status: 'idle' } | { status: 'asking' } | { status: 'failed'; reason: LocateFailure };

// A weak signal can take long for a first fix: ten seconds, then the rider picks a place instead.
const OPTIONS: PositionOptions = { enableHighAccuracy: false, timeout: 10_000, maximumAge: 60_000 };

/** Asks the phone where it is (the browser's permission prompt): GPS, so WGS-84. */
export function useLocate(onPosition: (p: RiderPosition) => void): [LocateState, () => void] {
  const [state, setState] = useState<LocateState>({ status: 'idle' });
  const locate = useCallback(() => {
    if (!('geolocation' in navigator)) {
      setState({ status: 'failed', reason: 'unsupported' });
      return;
    }
    setState({ status: 'asking' });
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setState({ status: 'idle' });
        onPosition({ lat: pos.coords.latitude, lng: pos.coords.longitude, crs: 'wgs84' });
      },
      (err) => setState({ status: 'failed', reason: err.code === err.PERMISSION_DENIED ? 'denied' : 'unavailable' }),
      OPTIONS,
    );
  }, [onPosition]);
  return [state, locate];
}

/** Whether the rider already allowed location (then the finder locates without asking first). */
export async function isLocationGranted(): Promise<boolean> {
  try {
    return (await navigator.permissions?.query({ name: 'geolocation' }))?.state === 'granted';
  } catch {
    return false;
  }
}
