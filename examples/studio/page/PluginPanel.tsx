import type { AppInfo } from 'keyhole/react';

/* One plugin's panel: its tools when licensed, a plain note when not (the banner says why). */

export function PluginPanel({ plugin, licensed, current = false }: { plugin: AppInfo['plugins'][number]; licensed: boolean; current?: boolean }) {
  return (
    <section
      id={`panel-${plugin.id}`}
      className={`panel${licensed ? '' : ' off'}${current ? ' current' : ''}`}
      aria-labelledby={`panel-${plugin.id}-title`}
      data-testid={`panel-${plugin.id}`}
      data-licensed={String(licensed)}
    >
      <h2 id={`panel-${plugin.id}-title`}>{plugin.name}</h2>
      <p>{plugin.description}</p>
      {licensed ? (
        <button type="button">Open {plugin.name}</button>
      ) : (
        <p className="note">Not included in this installation's license.</p>
      )}
    </section>
  );
}
