import { useAppState } from './app-context.ts';

/** Every plugin of the product's catalog, marked licensed or not. */
export function PluginList() {
  const plugins = useAppState((s) => s.info.plugins);
  const licensed = useAppState((s) => s.license.status.plugins);
  return (
    <section className="card" aria-labelledby="plugins-title">
      <h3 id="plugins-title">Plugins</h3>
      <ul className="plugins">
        {plugins.map((plugin) => {
          const on = licensed.includes(plugin.id);
          return (
            <li key={plugin.id} className={on ? 'on' : 'off'} data-testid={`plugin-${plugin.id}`} data-licensed={on}>
              <span className="mark" aria-hidden="true">
                {on ? '✓' : '–'}
              </span>
              <span className="name">{plugin.name}</span>
              <span className="state">{on ? 'Licensed' : 'Not licensed'}</span>
              <span className="description">{plugin.description}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
