import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BackOfficeApp } from './BackOfficeApp';
import './manage.css';

const container = document.getElementById('root');
if (container === null) throw new Error('manage.html has no #root');
createRoot(container).render(
  <StrictMode>
    <BackOfficeApp />
  </StrictMode>,
);
