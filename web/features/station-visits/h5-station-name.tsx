import { useEffect, useState } from 'react';
import { asApiError, type ApiError } from '../../lib/http';
import { fetchStationName } from './api';

/** The station a page is about, by the :id in its URL: its name, or the error (404 for a retired or unknown one). */
export function useStation(id: number): {
  name: string | null;
  address: string | null;
  error: ApiError | null;
  reload: () => void;
} {
  const [state, setState] = useState<{ name: string | null; address: string | null; error: ApiError | null }>({
    name: null,
    address: null,
    error: null,
  });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    setState({ name: null, address: null, error: null });
    fetchStationName(id).then(
      (s) => live && setState({ name: s.name, address: s.address, error: null }),
      (err: unknown) => live && setState({ name: null, address: null, error: asApiError(err) }),
    );
    return () => {
      live = false;
    };
  }, [id, generation]);
  return { ...state, reload: () => setGeneration((g) => g + 1) };
}
