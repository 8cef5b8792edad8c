import { useAppState } from './app-context.ts';

export function Header() {
  const info = useAppState((s) => s.info);
  return (
    <header className="app-header">
      <h1>{info.productName}</h1>
      <p className="vendor">
        {info.vendorName} · version {info.appVersion}
        {info.mode === 'demo' && <span className="tag">Demo mode</span>}
        {info.readOnly && <span className="tag">Read-only</span>}
      </p>
    </header>
  );
}
