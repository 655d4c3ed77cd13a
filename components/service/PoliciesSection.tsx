// The NetworkPolicies that select the Service's pods, and the verdict for the external traffic that
// reaches each selected pod under each traffic policy (`unknown` is shown as such, never as allowed).
import type { PolicyVerdict, TrafficPolicy } from '@/lib/engine/types';
import { shortName } from '@/lib/view/format';
import type { ServicePolicies } from '@/lib/view/service-policies';

const VERDICT_STYLE: Record<PolicyVerdict, string> = {
  allowed: 'text-emerald-700 dark:text-emerald-400',
  denied: 'text-red-700 dark:text-red-400',
  unknown: 'text-amber-700 dark:text-amber-400',
};

/** A verdict with its (often long) reason folded away. */
function Verdict({ v }: { v: { verdict: PolicyVerdict; reason: string } | null }) {
  if (!v) return <span className="text-slate-500">—</span>;
  return (
    <div>
      <span className={`font-medium ${VERDICT_STYLE[v.verdict]}`} data-testid="policy-verdict" data-verdict={v.verdict}>
        {v.verdict}
      </span>
      <details className="text-xs text-slate-600 dark:text-slate-400">
        <summary className="cursor-pointer select-none">why</summary>
        <p className="mt-1 break-words">{v.reason}</p>
      </details>
    </div>
  );
}

/** NetworkPolicies selecting the Service's pods, with verdicts. */
export function PoliciesSection({ policies, actual }: { policies: ServicePolicies; actual: TrafficPolicy }) {
  const whatIf: TrafficPolicy = actual === 'Cluster' ? 'Local' : 'Cluster';
  return (
    <section aria-labelledby="policies-title" data-testid="service-policies" className="space-y-3">
      <h2 id="policies-title" className="text-lg font-semibold">
        NetworkPolicies selecting its pods
      </h2>
      {policies.unavailable ? (
        <p role="status" className="text-sm text-amber-800 dark:text-amber-300">
          NetworkPolicies could not be read ({policies.unavailable}): this list may be incomplete and verdicts are
          unknown.
        </p>
      ) : null}
      {policies.rows.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="no-policies">
          No NetworkPolicy selects this Service&apos;s pods: their ingress is not isolated.
        </p>
      ) : (
        <div className="space-y-4">
          {policies.rows.map((row) => (
            <div
              key={row.key}
              data-testid="service-policy"
              data-policy={row.key}
              className="rounded border border-slate-200 p-3 dark:border-slate-700"
            >
              <h3 className="font-medium break-all">{row.name}</h3>
              <p className="text-xs text-slate-600 dark:text-slate-400">
                podSelector <code>{row.selector}</code> · policyTypes {row.policyTypes.join(', ')}
                {row.policyTypesDefaulted ? ' (defaulted)' : ''} · {row.counts.allowed} allowed, {row.counts.denied}{' '}
                denied, {row.counts.unknown} unknown under {actual}
              </p>
              <table className="mt-2 w-full table-fixed text-left text-sm">
                <colgroup>
                  <col className="w-[34%]" />
                  <col />
                  <col />
                </colgroup>
                <thead className="text-xs text-slate-500 dark:text-slate-400">
                  <tr>
                    <th scope="col" className="py-1 pr-3 font-medium">
                      Pod
                    </th>
                    <th scope="col" className="py-1 pr-3 font-medium">
                      {actual} (actual)
                    </th>
                    <th scope="col" className="py-1 font-medium">
                      {whatIf} (what if)
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {row.pods.map((p) => (
                    <tr
                      key={p.pod}
                      className="border-t border-slate-100 align-top dark:border-slate-800"
                      data-testid="policy-pod"
                      data-pod={p.pod}
                    >
                      <td
                        className="py-1 pr-3 font-mono text-xs"
                        title={p.samples.length ? p.samples.join(', ') : p.pod}
                      >
                        <span className="block truncate">{shortName(p.pod)}</span>
                        {p.count > 1 ? (
                          <span
                            className="block font-sans text-slate-600 dark:text-slate-400"
                            data-testid="policy-pod-alike"
                          >
                            and {p.count - 1} more pods alike
                          </span>
                        ) : null}
                        {p.selects === 'maybe' ? (
                          <span className="block font-sans text-amber-700 dark:text-amber-400">
                            selector invalid: may select
                          </span>
                        ) : null}
                      </td>
                      <td className="py-1 pr-3">
                        <Verdict v={p.verdicts[actual]} />
                      </td>
                      <td className="py-1">
                        <Verdict v={p.verdicts[whatIf]} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
          {policies.unselected > 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">
              {policies.unselected} of the Service&apos;s pods are selected by no NetworkPolicy.
            </p>
          ) : null}
        </div>
      )}
    </section>
  );
}
