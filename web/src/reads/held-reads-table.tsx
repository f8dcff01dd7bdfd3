import { HeldReadRow } from './held-read-row.tsx';
import type { HeldRead } from './use-held-reads.ts';

/** The held-read queue as a table, oldest first. */
export function HeldReadsTable(props: {
  readonly reads: readonly HeldRead[];
  readonly onDone: (message: string) => Promise<void>;
}) {
  return (
    <div className="reads-scroll">
      <table className="table reads-table" aria-label="Held reads">
        <thead>
          <tr>
            <th scope="col">Meter</th>
            <th scope="col">Account and premise</th>
            <th scope="col">Read date</th>
            <th scope="col" className="num">
              Reading
            </th>
            <th scope="col" className="num">
              Usage
            </th>
            <th scope="col">Held because</th>
            <th scope="col">Previous reads</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {props.reads.map((r) => (
            <HeldReadRow key={r.readId} read={r} onDone={props.onDone} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
