import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RefundRequestApp } from './RefundRequestApp';
import './refund-request.css';

const container = document.getElementById('root');
if (container === null) throw new Error('refund-request.html has no #root');
createRoot(container).render(
  <StrictMode>
    <RefundRequestApp />
  </StrictMode>,
);
