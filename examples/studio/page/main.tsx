import { createRoot } from 'react-dom/client';
import { browserHostLicense, createLicenseSource, LicenseProvider } from 'keyhole/react';
import { Studio } from './Studio.tsx';
import './studio.css';

/* Studio's page in the browser host: the read-only license API of its host, one source, one tree. */

const license = browserHostLicense();
const source = createLicenseSource(license);

createRoot(document.getElementById('root')!).render(
  <LicenseProvider source={source}>
    <Studio license={license} />
  </LicenseProvider>,
);
