import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/spotlight/styles.css';
import './app/global.css';
import { setNonce } from 'get-nonce';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { readStyleNonce } from './lib/nonce';

const root = document.getElementById('root');
if (!root) throw new Error('Tandem: the page has no #root element');

// Read once: the meta tag is the only place the nonce appears.
const styleNonce = readStyleNonce();
// Mantine's modals lock page scroll with a <style> element that takes its nonce from here.
if (styleNonce) setNonce(styleNonce);

createRoot(root).render(
  <StrictMode>
    <App styleNonce={styleNonce} />
  </StrictMode>,
);
