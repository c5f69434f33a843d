// The renderer's entry: connect to the engine, build the store, wire routing, theme and error
// reporting, then render the app.
// Global styles first, so component styles that come later win ties.
import './styles/tokens.css';
import './styles/base.css';
import './styles/controls.css';
import './styles/status.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { createEngineConnection } from './connection/engine-connection.ts';
import { selectTransport } from './connection/select-transport.ts';
import { installGlobalErrorHandlers } from './errors/global-error-handlers.ts';
import { startHashSync } from './navigation/hash-route.ts';
import { connectStoreToEngine } from './stores/connect-store-to-engine.ts';
import { createCockpitStore } from './stores/cockpit-store.ts';
import { StoreProvider } from './stores/store-context.tsx';
import { startThemeSync } from './theme/theme-sync.ts';

const connection = createEngineConnection(selectTransport(window.location));
const store = createCockpitStore(connection);
connectStoreToEngine(store, connection);
installGlobalErrorHandlers(store);
startThemeSync(store);
startHashSync(store);

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');
createRoot(container).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
connection.start();
