import type { ErrorInfo } from '../../shared/errors/keyhole-error.ts';
import type { KeyholeApi, Result } from '../../shared/ipc/contract.ts';
import type { AppStore } from './store.ts';
import { SUPPORT_FOCUS, toActionError, type SupportDialog, type SupportState } from './support-state.ts';

/*
 * The support intents: open the dialog that shows what the bundle holds, then copy it or
 * save it; open the logs folder. Main builds the bundle (the renderer never assembles diagnostics
 * itself); where the host has no save dialog (the browser host), the bundle comes back as text
 * and is saved as a download.
 */

export interface SupportActionDeps {
  readonly store: AppStore;
  readonly api: KeyholeApi;
  readonly announce: (text: string) => void;
  readonly focus: (target: string) => void;
  readonly copy: (what: string, text: string) => Promise<void>;
}

export type SupportActions = ReturnType<typeof createSupportActions>;

/** Saves text as a file through the browser's own download (no native dialog in a browser). */
function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.className = 'offscreen';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function createSupportActions({ store, api, announce, focus, copy }: SupportActionDeps) {
  const support = () => store.getState().support;
  const patch = (change: Partial<SupportState>) => store.setState({ support: { ...support(), ...change } });
  const patchDialog = (change: Partial<SupportDialog>) => {
    const dialog = support().dialog;
    if (dialog) patch({ dialog: { ...dialog, ...change } });
  };
  const failed = (error: ErrorInfo) => {
    patchDialog({ error });
    announce(`${error.message}${error.hint ? `: ${error.hint}` : ''}`);
  };

  return {
    /** Opens the dialog and asks main to build the bundle; `fromProblem` records the failed action on screen. */
    async open(purpose: SupportDialog['purpose'], options: { fromProblem?: boolean; openerId?: string } = {}): Promise<void> {
      const actionError = options.fromProblem ? toActionError(store.getState().problem) : null;
      patch({ dialog: { purpose, actionError, preview: null, error: null, saved: null, openerId: options.openerId ?? null } });
      focus(SUPPORT_FOCUS.dialogTitle);
      const result = await api.previewSupportBundle(actionError);
      if (!support().dialog) return; // closed meanwhile
      if (result.ok) {
        patchDialog({ preview: result.value });
        announce(`The support details are ready: ${result.value.preview.length} items listed. Nothing has been sent.`);
      } else failed(result.error);
    },

    /**
     * "Copy details for support": builds the bundle and copies it at once (nothing is sent; the
     * user pastes it where they choose). "See what is in it" still opens the preview.
     */
    async copyNow(options: { fromProblem?: boolean } = {}): Promise<void> {
      const actionError = options.fromProblem ? toActionError(store.getState().problem) : null;
      const result = await api.previewSupportBundle(actionError);
      if (!result.ok) {
        announce(`${result.error.message}${result.error.hint ? `: ${result.error.hint}` : ''}`);
        return;
      }
      await copy('support-details', result.value.text);
    },

    close(): void {
      const opener = support().dialog?.openerId ?? null;
      patch({ dialog: null });
      if (opener) focus(opener);
    },

    /** Copies exactly the bundle the dialog shows. */
    async copy(): Promise<void> {
      const preview = support().dialog?.preview;
      if (preview) await copy('support-bundle', preview.text);
    },

    async save(): Promise<void> {
      const dialog = support().dialog;
      if (!dialog) return;
      const result: Result<{ saved: boolean; path: string | null; download: { fileName: string; text: string } | null }> =
        await api.saveSupportBundle(dialog.actionError);
      if (!result.ok) return failed(result.error);
      const { saved, path, download: handed } = result.value;
      let message: string;
      if (handed) {
        download(handed.fileName, handed.text);
        message = `Saved as ${handed.fileName} in your browser's downloads folder.`;
      } else message = saved && path ? `Saved to ${path}.` : 'Not saved: no file was chosen.';
      patchDialog({ saved: message });
      announce(message);
    },

    async openLogsFolder(): Promise<void> {
      const result = await api.openLogsFolder();
      if (!result.ok) {
        announce(`${result.error.message}${result.error.hint ? `: ${result.error.hint}` : ''}`);
        return;
      }
      patch({ logs: result.value });
      announce(result.value.opened ? `Opened the logs folder: ${result.value.folder}` : `The logs are in ${result.value.folder}`);
      focus(SUPPORT_FOCUS.logsFolder);
    },
  };
}
