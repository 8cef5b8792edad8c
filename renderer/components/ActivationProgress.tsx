import { FOCUS } from '../state/focus.ts';
import { useActions, useAppState } from './app-context.ts';

/** Shown while an online activation runs: what is happening and a way to stop it. */
export function ActivationProgress() {
  const actions = useActions();
  const running = useAppState((s) => s.busy === 'activate');
  if (!running) return null;
  return (
    <div className="card progress" data-testid="activation-progress">
      <progress aria-label="Activating" />
      <p>Contacting the license server… If it does not answer, this stops by itself after a few seconds.</p>
      <button id={FOCUS.cancelActivation} type="button" className="secondary" onClick={() => void actions.cancelActivation()}>
        Cancel
      </button>
    </div>
  );
}
