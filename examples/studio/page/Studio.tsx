import { useEffect, useState } from 'react';
import { Licensed, openActivationScreens, useLicense, type AppInfo, type BrowserHostLicenseApi } from 'keyhole/react';
import { LicenseBanner } from './LicenseBanner.tsx';
import { PluginPanel } from './PluginPanel.tsx';

/*
 * Studio: each plugin is a menu item and a panel. The Plugins menu opens licensed panels only;
 * the Help menu opens the activation screens. What is licensed comes from useLicense().
 */

type Plugin = AppInfo['plugins'][number];

export function Studio({ license }: { license: BrowserHostLicenseApi }) {
  const [plugins, setPlugins] = useState<readonly Plugin[]>([]);
  const [open, setOpen] = useState<'plugins' | 'help' | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const { has } = useLicense();

  useEffect(() => {
    void license.getAppInfo().then((result) => {
      if (result.ok) setPlugins(result.value.plugins);
    });
  }, [license]);

  const toggle = (menu: 'plugins' | 'help') => setOpen((current) => (current === menu ? null : menu));

  return (
    <>
      <header className="bar">
        <h1>Studio</h1>
        <nav aria-label="Studio menus">
          <div className="menu">
            <button type="button" aria-expanded={open === 'plugins'} aria-controls="menu-plugins" onClick={() => toggle('plugins')}>
              Plugins
            </button>
            <ul id="menu-plugins" hidden={open !== 'plugins'}>
              {plugins.map((plugin) => (
                <li key={plugin.id}>
                  <button
                    type="button"
                    data-testid={`menu-${plugin.id}`}
                    disabled={!has(plugin.id)}
                    onClick={() => {
                      setShown(plugin.id);
                      setOpen(null);
                      document.getElementById(`panel-${plugin.id}`)?.scrollIntoView();
                    }}
                  >
                    {plugin.name}
                  </button>
                </li>
              ))}
            </ul>
          </div>
          <div className="menu">
            <button type="button" aria-expanded={open === 'help'} aria-controls="menu-help" onClick={() => toggle('help')}>
              Help
            </button>
            <ul id="menu-help" hidden={open !== 'help'}>
              <li>
                <button
                  type="button"
                  onClick={() => {
                    setOpen(null);
                    openActivationScreens();
                  }}
                >
                  License…
                </button>
              </li>
            </ul>
          </div>
        </nav>
      </header>
      <main>
        <LicenseBanner />
        <div className="panels">
          {plugins.map((plugin) => (
            <Licensed key={plugin.id} plugin={plugin.id} fallback={<PluginPanel plugin={plugin} licensed={false} />}>
              <PluginPanel plugin={plugin} licensed current={shown === plugin.id} />
            </Licensed>
          ))}
        </div>
      </main>
    </>
  );
}
