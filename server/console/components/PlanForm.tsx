import { useId, useState, type FormEvent } from 'react';
import { LICENSE_MODES, type LicenseMode } from '../../../shared/license/certificate.ts';
import type { Plugin } from '../api/types.ts';
import { READ_ONLY_REASON, useCanChange } from '../console-context.ts';
import type { ExpiryUnit } from '../format.ts';
import { Field, SelectField } from './Field.tsx';

/*
 * A plan's license settings as seed 003 names them: activation limit on/off (1–100), license
 * expiry on/off with a duration value and unit, mode, plugins (ticked from the product's catalog),
 * version range. The authority checks everything again; this form only keeps values in range.
 */

export interface PlanBody {
  readonly name: string;
  readonly activation_limit: number | null;
  readonly expiry: { readonly value: number; readonly unit: ExpiryUnit } | null;
  readonly mode: LicenseMode;
  readonly plugins: readonly string[];
  readonly versions: { readonly min: number; readonly max: number | null };
}

const MODE_LABELS: { readonly [M in LicenseMode]: string } = {
  online: 'Online (activates and validates over the network)',
  airgapped: 'Air-gapped (activation codes only)',
  offline: 'Offline (online activation, then never checks in)',
  trial: 'Trial (online, ends after its expiry in days)',
};

export function PlanForm({ initial, catalog, saving, onSave }: { initial: PlanBody; catalog: readonly Plugin[]; saving: boolean; onSave: (body: PlanBody) => void }) {
  const canChange = useCanChange();
  const id = useId();
  const [name, setName] = useState(initial.name);
  const [limitOn, setLimitOn] = useState(initial.activation_limit !== null);
  const [limit, setLimit] = useState(String(initial.activation_limit ?? 3));
  const [expiryOn, setExpiryOn] = useState(initial.expiry !== null);
  const [expiryValue, setExpiryValue] = useState(String(initial.expiry?.value ?? 12));
  const [expiryUnit, setExpiryUnit] = useState<ExpiryUnit>(initial.expiry?.unit ?? 'months');
  const [mode, setMode] = useState<LicenseMode>(initial.mode);
  const [plugins, setPlugins] = useState<ReadonlySet<string>>(new Set(initial.plugins));
  const [minVersion, setMinVersion] = useState(String(initial.versions.min));
  const [maxVersion, setMaxVersion] = useState(initial.versions.max === null ? '' : String(initial.versions.max));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave({
      name: name.trim(),
      activation_limit: limitOn ? Number(limit) : null,
      expiry: expiryOn ? { value: Number(expiryValue), unit: expiryUnit } : null,
      mode,
      // In catalog order, as certificates name them.
      plugins: catalog.map((plugin) => plugin.id).filter((plugin) => plugins.has(plugin)),
      versions: { min: Number(minVersion), max: maxVersion.trim() === '' ? null : Number(maxVersion) },
    });
  };

  return (
    <form className="card form" onSubmit={submit} aria-describedby={canChange ? undefined : `${id}-ro`}>
      {!canChange && (
        <p id={`${id}-ro`} className="muted">
          {READ_ONLY_REASON}.
        </p>
      )}
      <fieldset disabled={!canChange} className="plain">
        <Field label="Plan name" required maxLength={60} value={name} onChange={(e) => setName(e.target.value)} />
        <h2>License keys</h2>
        <fieldset>
          <legend>Activation limit</legend>
          <label className="check">
            <input type="checkbox" role="switch" checked={limitOn} onChange={(e) => setLimitOn(e.target.checked)} /> Limit activations
          </label>
          {limitOn ? (
            <Field label="Activations per license (1–100)" type="number" min={1} max={100} required value={limit} onChange={(e) => setLimit(e.target.value)} />
          ) : (
            <p className="muted">Unlimited activations allowed.</p>
          )}
        </fieldset>
        <fieldset>
          <legend>License expiry</legend>
          <label className="check">
            <input type="checkbox" role="switch" checked={expiryOn} onChange={(e) => setExpiryOn(e.target.checked)} /> License expires
          </label>
          {expiryOn ? (
            <div className="row">
              <Field label="Duration value" type="number" min={1} max={1000} required value={expiryValue} onChange={(e) => setExpiryValue(e.target.value)} />
              <SelectField label="Duration unit" value={expiryUnit} onChange={(e) => setExpiryUnit(e.target.value as ExpiryUnit)}>
                <option value="days">Days</option>
                <option value="months">Months</option>
                <option value="years">Years</option>
              </SelectField>
            </div>
          ) : (
            <p className="muted">Licenses never expire.</p>
          )}
        </fieldset>
        <SelectField label="Mode" value={mode} onChange={(e) => setMode(e.target.value as LicenseMode)}>
          {LICENSE_MODES.map((m) => (
            <option key={m} value={m}>
              {MODE_LABELS[m]}
            </option>
          ))}
        </SelectField>
        <fieldset>
          <legend>Plugins</legend>
          {catalog.length === 0 ? (
            <p className="muted">The product's catalog has no plugins.</p>
          ) : (
            catalog.map((plugin) => (
              <div key={plugin.id}>
                <label className="check">
                  <input
                    type="checkbox"
                    aria-describedby={`${id}-plugin-${plugin.id}`}
                    checked={plugins.has(plugin.id)}
                    onChange={(e) => setPlugins(toggled(plugins, plugin.id, e.target.checked))}
                  />{' '}
                  {plugin.name}
                </label>
                <span id={`${id}-plugin-${plugin.id}`} className="muted small">
                  {' '}
                  {plugin.id}: {plugin.description}
                </span>
              </div>
            ))
          )}
        </fieldset>
        <fieldset>
          <legend>Version range</legend>
          <div className="row">
            <Field label="From version" type="number" min={0} max={63} required value={minVersion} onChange={(e) => setMinVersion(e.target.value)} />
            <Field label="To version (empty: no upper end)" type="number" min={1} max={63} value={maxVersion} onChange={(e) => setMaxVersion(e.target.value)} />
          </div>
        </fieldset>
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save Changes'}
        </button>
      </fieldset>
    </form>
  );
}

function toggled(set: ReadonlySet<string>, id: string, on: boolean): ReadonlySet<string> {
  const next = new Set(set);
  if (on) next.add(id);
  else next.delete(id);
  return next;
}
