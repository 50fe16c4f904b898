import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createContractClient } from '../shared/ipc/client';
import { AppShell, StartupError } from './ui/main-shell';
import { ContractClientContext } from './transport/client-context';
import { selectTransport } from './transport/select-transport';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root');
const root = createRoot(container);

selectTransport({
  boxOffice: window.boxOffice,
  location: window.location,
  history: window.history,
  sessionStorage: window.sessionStorage,
})
  .then((transport) => {
    const client = createContractClient(transport);
    root.render(
      <StrictMode>
        <ContractClientContext.Provider value={client}>
          <AppShell />
        </ContractClientContext.Provider>
      </StrictMode>,
    );
  })
  .catch((cause: unknown) => {
    root.render(<StartupError message={cause instanceof Error ? cause.message : String(cause)} />);
  });
