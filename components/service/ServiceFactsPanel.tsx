// The Service page's heading: what the Service is (type, traffic policies, addresses, ports,
// endpoints). Text only; every value from the cluster is a React text node.
import type { ServiceFacts } from '@/lib/view/service-page-data';

const ENTRY_WORDS: Record<string, string> = {
  loadBalancerIP: 'LB',
  externalIP: 'external IP',
  nodePort: 'NodePort',
  clusterIP: 'ClusterIP',
};

function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="mt-0.5 break-words text-sm" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

/** Heading and facts of one Service. */
export function ServiceFactsPanel({ facts }: { facts: ServiceFacts }) {
  const eps = facts.endpoints;
  return (
    <section aria-labelledby="service-title" data-testid="service-facts" className="space-y-3">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h1 id="service-title" className="text-2xl font-semibold break-all" data-testid="service-title">
          <span className="text-slate-500 dark:text-slate-400">{facts.namespace}/</span>
          {facts.name}
        </h1>
        <span
          className="rounded bg-slate-200 px-2 py-0.5 text-xs font-medium dark:bg-slate-800"
          data-testid="service-type"
        >
          {facts.type}
        </span>
      </div>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-3 lg:grid-cols-6">
        <Fact label="externalTrafficPolicy" testId="service-etp">
          {facts.externalTrafficPolicy}
        </Fact>
        <Fact label="internalTrafficPolicy" testId="service-itp">
          {facts.internalTrafficPolicy}
        </Fact>
        <Fact label="Endpoints" testId="service-endpoints">
          {eps.ready} ready / {eps.total} total{eps.terminating > 0 ? `, ${eps.terminating} terminating` : ''} on{' '}
          {eps.nodes} node{eps.nodes === 1 ? '' : 's'}
        </Fact>
        <Fact label="Ports">
          {facts.ports.length === 0
            ? '—'
            : facts.ports
                .map(
                  (p) =>
                    `${p.name ? `${p.name} ` : ''}${p.port}→${p.targetPort}/${p.protocol}${p.nodePort ? ` (node ${p.nodePort})` : ''}`,
                )
                .join(', ')}
        </Fact>
        <Fact label="Selector">{facts.selector ?? 'none (manual endpoints)'}</Fact>
        <Fact label="healthCheckNodePort">{facts.healthCheckNodePort ?? '—'}</Fact>
      </dl>
      <div>
        <h2 className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">Entries</h2>
        {facts.entries.length === 0 ? (
          <p className="text-sm">No addresses (the Service has no ClusterIP, NodePort or load balancer address).</p>
        ) : (
          <ul className="mt-1 flex flex-wrap gap-2" data-testid="service-entries">
            {facts.entries.map((e, i) => (
              <li
                key={i}
                className="rounded border border-slate-300 px-2 py-0.5 font-mono text-xs dark:border-slate-600"
                data-testid="service-entry"
                data-kind={e.kind}
              >
                <span className="font-sans text-slate-500 dark:text-slate-400">{ENTRY_WORDS[e.kind] ?? e.kind} </span>
                {e.address === '*' ? `any node:${e.port}` : `${e.address}:${e.port}`}/{e.protocol}
                {e.ipMode === 'Proxy' ? <span className="font-sans"> (ipMode Proxy)</span> : null}
              </li>
            ))}
          </ul>
        )}
        {facts.loadBalancerSourceRanges.length > 0 ? (
          <p className="mt-1 text-sm">
            loadBalancerSourceRanges: <span className="font-mono">{facts.loadBalancerSourceRanges.join(', ')}</span>
          </p>
        ) : null}
      </div>
    </section>
  );
}
