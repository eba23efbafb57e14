import { createRoot } from 'react-dom/client';
import { AdminApp } from './app';

createRoot(document.getElementById('root')!).render(<AdminApp />);
