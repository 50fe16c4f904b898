import { createContext, useContext, useEffect, useState } from 'react';
import type { Till } from '../app/till';

export const TillContext = createContext<Till | null>(null);

export function useTill(): Till {
  const till = useContext(TillContext);
  if (till === null) throw new Error('useTill() needs a <TillContext.Provider> above it');
  return till;
}

/** A number that changes after every commit: put it in effect deps to re-read the store. */
export function useTillVersion(): number {
  const till = useTill();
  const [version, setVersion] = useState(0);
  useEffect(() => till.subscribe(() => setVersion((v) => v + 1)), [till]);
  return version;
}
