// How to make a snapshot: the example command (every kind the engine reads) and what each kind is
// for, so a user who leaves one out knows what the answers lose.
import { Fragment } from 'react';
import { SNAPSHOT_KINDS, exampleCommand, frontDoorCommand } from '@/lib/view/snapshot-kinds';

/** The command with line-break opportunities after its commas (<wbr> adds nothing to copied text). */
function Breakable({ text }: { text: string }) {
  return text.split(',').map((part, i) => (
    <Fragment key={i}>
      {i > 0 ? (
        <>
          ,<wbr />
        </>
      ) : null}
      {part}
    </Fragment>
  ));
}

/** The example `kubectl get` command and what is lost without each kind; folded away once a file is open. */
export function SnapshotCommand({ expanded }: { expanded: boolean }) {
  return (
    <details open={expanded} data-testid="local-kinds" className="text-sm text-slate-700 dark:text-slate-300">
      <summary className="cursor-pointer">
        How to make a snapshot file: the kubectl command, and what each kind is for
      </summary>
      <p className="mt-1">For example (one file with every kind kubepath reads):</p>
      <pre
        data-testid="local-command"
        className="mt-1 overflow-x-auto rounded bg-slate-100 px-3 py-2 text-xs break-words whitespace-pre-wrap text-slate-900 dark:bg-slate-900 dark:text-slate-100"
      >
        <code>
          <Breakable text={exampleCommand()} />
        </code>
      </pre>
      <p className="mt-2">
        Load balancers, ingress proxies and gateways (what the client IP passes before the Service) — leave out the
        kinds whose CRD the cluster does not have, kubectl refuses unknown resource types:
      </p>
      <pre
        data-testid="local-frontdoor-command"
        className="mt-1 overflow-x-auto rounded bg-slate-100 px-3 py-2 text-xs break-words whitespace-pre-wrap text-slate-900 dark:bg-slate-900 dark:text-slate-100"
      >
        <code>
          <Breakable text={frontDoorCommand()} />
        </code>
      </pre>
      <p className="mt-2">What is lost without each kind:</p>
      <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-xs">
        {SNAPSHOT_KINDS.map((k) => (
          <div key={k.kind} className="contents" data-testid="local-kind" data-kind={k.kind}>
            <dt className="font-mono">{k.resource}</dt>
            <dd>without them, {k.withoutIt}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-1 text-xs">
        Only the ConfigMaps kube-system/kube-proxy, cilium-config and antrea-config are read; to keep the file small,
        save them separately (<code>kubectl get configmaps -n kube-system -o json &gt; dataplane.json</code>) and pick
        both files.
      </p>
    </details>
  );
}
