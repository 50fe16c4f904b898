import { createContext, useContext } from 'react';
import type { ContractClient } from '../../shared/ipc/client';

/** The contract client for the whole page; set once at start-up by main.tsx. */
export const ContractClientContext = createContext<ContractClient | null>(null);

export function useContractClient(): ContractClient {
  const client = useContext(ContractClientContext);
  if (client === null) throw new Error('useContractClient needs <ContractClientContext.Provider>');
  return client;
}
