import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initApi } from './api/index';
import { App } from './App';

// Choose the transport first: this also takes the secret out of the URL fragment.
const hostKind = initApi();

if (hostKind === 'none') {
  // The user may paste the right address into this same tab: a fragment-only change does not
  // reload the page, so reload it ourselves to pick the secret up.
  window.addEventListener('hashchange', () => {
    if (new URLSearchParams(window.location.hash.slice(1)).has('k')) window.location.reload();
  });
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App hostKind={hostKind} />
    </StrictMode>,
  );
}
