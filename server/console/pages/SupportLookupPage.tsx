import { useMutation } from '@tanstack/react-query';
import { useState, type DragEvent, type FormEvent } from 'react';
import { ApiError } from '../api/api-error.ts';
import type { SupportLookup } from '../api/types.ts';
import { Field, FieldRow } from '../components/Field.tsx';
import { ErrorState } from '../components/States.tsx';
import { SupportReport } from '../components/SupportReport.tsx';
import { useConsole } from '../console-context.ts';

/*
 * Support lookup: the customer's support bundle (pasted, dropped, or chosen as a .json file) goes
 * to the authority, which verifies and re-runs it; the answer is shown in one view. Text that is
 * not JSON is refused here, before anything is sent, with the catalog's words.
 */

const BUNDLE_LIMIT_BYTES = 1024 * 1024;

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('REQUEST_INVALID', 0, 'the text is not a support bundle (not JSON): paste the whole .json file the customer saved');
  }
}

export function SupportLookupPage() {
  const { api } = useConsole();
  const [text, setText] = useState('');
  const [over, setOver] = useState(false);
  const [fileProblem, setFileProblem] = useState<unknown>(null);
  const lookup = useMutation({ mutationFn: (bundle: string) => api.send<SupportLookup>('POST', '/admin/support/lookup', parsed(bundle)) });

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setFileProblem(null);
    if (file.size > BUNDLE_LIMIT_BYTES) {
      setFileProblem(new ApiError('REQUEST_INVALID', 0, `${file.name} is larger than 1 MB: a support bundle is smaller`));
      return;
    }
    const content = await file.text();
    setText(content);
    lookup.mutate(content);
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    void readFile(event.dataTransfer.files[0]);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    lookup.mutate(text);
  };

  return (
    <section className="page">
      <h1>Support lookup</h1>
      <form
        className={`card form drop${over ? ' over' : ''}`}
        onSubmit={submit}
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
      >
        <FieldRow
          label="Support bundle"
          hint="Paste the bundle the customer saved from the app (a .json file), drop the file here, or choose it."
          control={(props) => <textarea {...props} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />}
        />
        <Field label="Bundle file" type="file" accept=".json,application/json" onChange={(e) => void readFile(e.target.files?.[0])} />
        <div className="actions">
          <button type="submit" className="primary" disabled={text.trim() === '' || lookup.isPending}>
            Look up
          </button>
        </div>
      </form>
      {lookup.isPending && (
        <p className="state" role="status">
          Looking up the bundle…
        </p>
      )}
      {fileProblem !== null && <ErrorState error={fileProblem} />}
      {lookup.isError && <ErrorState error={lookup.error} />}
      {lookup.isSuccess && <SupportReport report={lookup.data} />}
    </section>
  );
}
