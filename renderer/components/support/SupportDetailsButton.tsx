import { useActions, useAppState } from '../app-context.ts';

/**
 * "Copy details for support": copies the support details at once and says so on the button; "See
 * what is in it" opens the preview of exactly what is copied. Nothing is sent anywhere.
 */
export function SupportDetailsButton({ panelId }: { readonly panelId: string }) {
  const actions = useActions();
  const copied = useAppState((s) => s.copied === 'support-details');
  const id = `support-details-${panelId}`;
  return (
    <>
      <button id={id} type="button" className="secondary" onClick={() => void actions.support.copyNow({ fromProblem: true })}>
        {copied ? 'Copied: paste it into your message to support' : 'Copy details for support'}
      </button>
      <button id={`${id}-preview`} type="button" className="link" onClick={() => void actions.support.open('copy', { fromProblem: true, openerId: `${id}-preview` })}>
        See what is in it
      </button>
    </>
  );
}
