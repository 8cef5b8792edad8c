import { useActions } from '../app-context.ts';

/** "Copy details for support" on an error panel: opens the dialog that shows what will be copied. */
export function SupportDetailsButton({ panelId }: { readonly panelId: string }) {
  const actions = useActions();
  const id = `support-details-${panelId}`;
  return (
    <button id={id} type="button" className="secondary" onClick={() => void actions.support.open('copy', { fromProblem: true, openerId: id })}>
      Copy details for support
    </button>
  );
}
