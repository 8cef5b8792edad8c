import { useId, useState, type FormEvent } from 'react';
import { LICENSE_MODES, type LicenseMode } from '../../../shared/license/certificate.ts';
import { READ_ONLY_REASON, useCanChange } from '../console-context.ts';
import type { ExpiryUnit } from '../format.ts';

/*
 * A plan's license settings as seed 003 names them: activation limit on/off (1–100), license
 * expiry on/off with a duration value and unit, mode, plugins, version range. The authority checks
 * everything again (plugins against the product's catalog); this form only keeps values in range.
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

export function PlanForm({ initial, saving, onSave }: { initial: PlanBody; saving: boolean; onSave: (body: PlanBody) => void }) {
  const canChange = useCanChange();
  const id = useId();
  const [name, setName] = useState(initial.name);
  const [limitOn, setLimitOn] = useState(initial.activation_limit !== null);
  const [limit, setLimit] = useState(String(initial.activation_limit ?? 3));
  const [expiryOn, setExpiryOn] = useState(initial.expiry !== null);
  const [expiryValue, setExpiryValue] = useState(String(initial.expiry?.value ?? 12));
  const [expiryUnit, setExpiryUnit] = useState<ExpiryUnit>(initial.expiry?.unit ?? 'months');
  const [mode, setMode] = useState<LicenseMode>(initial.mode);
  const [plugins, setPlugins] = useState(initial.plugins.join(', '));
  const [minVersion, setMinVersion] = useState(String(initial.versions.min));
  const [maxVersion, setMaxVersion] = useState(initial.versions.max === null ? '' : String(initial.versions.max));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave({
      name: name.trim(),
      activation_limit: limitOn ? Number(limit) : null,
      expiry: expiryOn ? { value: Number(expiryValue), unit: expiryUnit } : null,
      mode,
      plugins: plugins.split(',').map((p) => p.trim()).filter(Boolean),
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
        <div className="field">
          <label htmlFor={`${id}-name`}>Plan name</label>
          <input id={`${id}-name`} required maxLength={60} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <h2>License keys</h2>
        <fieldset>
          <legend>Activation limit</legend>
          <label className="check">
            <input type="checkbox" role="switch" checked={limitOn} onChange={(e) => setLimitOn(e.target.checked)} /> Limit activations
          </label>
          {limitOn ? (
            <div className="field">
              <label htmlFor={`${id}-limit`}>Activations per license (1–100)</label>
              <input id={`${id}-limit`} type="number" min={1} max={100} required value={limit} onChange={(e) => setLimit(e.target.value)} />
            </div>
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
              <div className="field">
                <label htmlFor={`${id}-value`}>Duration value</label>
                <input id={`${id}-value`} type="number" min={1} max={1000} required value={expiryValue} onChange={(e) => setExpiryValue(e.target.value)} />
              </div>
              <div className="field">
                <label htmlFor={`${id}-unit`}>Duration unit</label>
                <select id={`${id}-unit`} value={expiryUnit} onChange={(e) => setExpiryUnit(e.target.value as ExpiryUnit)}>
                  <option value="days">Days</option>
                  <option value="months">Months</option>
                  <option value="years">Years</option>
                </select>
              </div>
            </div>
          ) : (
            <p className="muted">Licenses never expire.</p>
          )}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-mode`}>Mode</label>
          <select id={`${id}-mode`} value={mode} onChange={(e) => setMode(e.target.value as LicenseMode)}>
            {LICENSE_MODES.map((m) => (
              <option key={m} value={m}>
                {MODE_LABELS[m]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-plugins`}>Plugins</label>
          <input id={`${id}-plugins`} aria-describedby={`${id}-plugins-hint`} value={plugins} onChange={(e) => setPlugins(e.target.value)} />
          <p id={`${id}-plugins-hint`} className="muted small">
            Plugin ids from the product's catalog, separated by commas; empty for none.
          </p>
        </div>
        <fieldset>
          <legend>Version range</legend>
          <div className="row">
            <div className="field">
              <label htmlFor={`${id}-min`}>From version</label>
              <input id={`${id}-min`} type="number" min={0} max={63} required value={minVersion} onChange={(e) => setMinVersion(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-max`}>To version (empty: no upper end)</label>
              <input id={`${id}-max`} type="number" min={1} max={63} value={maxVersion} onChange={(e) => setMaxVersion(e.target.value)} />
            </div>
          </div>
        </fieldset>
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save Changes'}
        </button>
      </fieldset>
    </form>
  );
}
