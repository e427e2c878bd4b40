import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { createAppRouter } from './app/router';
import { createServices } from './app/services';
import { createI18n } from './i18n/i18n';
import './app/styles.css';

async function start() {
  // Ask the browser not to evict this origin's data under storage pressure.
  void navigator.storage?.persist?.().catch(() => false);
  const i18n = await createI18n();
  const services = createServices();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App services={services} i18n={i18n} router={createAppRouter()} />
    </StrictMode>,
  );
}

void start();
