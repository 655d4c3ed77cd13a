// The Service page's front door: per policy, the load balancer, proxy and sidecar in front of the
// application, the headers each writes, and whether the application learns the client; plus the routes this
// proxy serves and the proxies in front of this Service, as links. Renders view data as text. The path diagram
// draws the same hops (lib/view/diagram/column-door.ts reads this view): these cards are the full, copyable text
// version — every fact, the evidence, header values whole — and what a screen reader or a narrow screen reads.
import type { FrontDoorPolicyView, FrontDoorView } from '@/lib/view/front-door/types';
import { ServiceLink, type ServiceLinkTarget } from '../overview/ServiceLink';
import { ClientIPAnswer } from './ClientIPAnswer';
import { FrontDoorHopCard } from './FrontDoorHopCard';

function PolicyRow({ p }: { p: FrontDoorPolicyView }) {
  const heading = (
    <span className="inline-flex flex-wrap items-center gap-2 font-medium">
      <span>
        externalTrafficPolicy {p.policy}
        {p.actual ? ' (this Service)' : ' (what-if)'}: client IP at the app
      </span>
      <ClientIPAnswer answer={p.answer} how={p.how} testId="front-door-answer" />
    </span>
  );
  const body = (
    <>
      {p.note ? <p className="text-sm text-slate-700 dark:text-slate-300">{p.note}</p> : null}
      {p.empty ? <p className="text-sm text-amber-800 dark:text-amber-300">{p.empty}</p> : null}
      {p.hops.length > 0 ? (
        <ol className="flex flex-col gap-2 md:flex-row md:items-stretch" aria-label={`Hops under ${p.policy}`}>
          {p.hops.map((h, i) => (
            <li key={h.id} className="flex min-w-0 flex-1 flex-col gap-2 md:flex-row md:items-stretch">
              {i > 0 ? (
                <span aria-hidden="true" className="self-center text-slate-400">
                  <span className="md:hidden">↓</span>
                  <span className="hidden md:inline">→</span>
                </span>
              ) : null}
              <FrontDoorHopCard hop={h} />
            </li>
          ))}
        </ol>
      ) : null}
      {p.command ? (
        <p className="text-xs text-slate-600 dark:text-slate-400">
          Sample packet: <code className="break-all">{p.command}</code>
        </p>
      ) : null}
    </>
  );
  // The Service's own policy is open; the what-if folds away (same content, one click).
  if (!p.actual)
    return (
      <details data-testid="front-door-policy" data-policy={p.policy} className="space-y-2">
        <summary className="cursor-pointer">{heading}</summary>
        <div className="mt-2 space-y-2">{body}</div>
      </details>
    );
  return (
    <div data-testid="front-door-policy" data-policy={p.policy} className="space-y-2">
      <h3>{heading}</h3>
      {body}
    </div>
  );
}

/** The front-door section, or nothing when no load balancer, proxy or route is involved. */
export function FrontDoorSection({ view, target }: { view: FrontDoorView | null; target: ServiceLinkTarget }) {
  if (!view) return null;
  return (
    <section aria-labelledby="front-door-title" data-testid="front-door" className="space-y-4">
      <h2 id="front-door-title" className="text-lg font-semibold">
        Front door: does the application see the client?
      </h2>
      {view.proxy ? (
        <p className="text-sm" data-testid="front-door-proxy">
          This Service&apos;s pods are a proxy: <span className="font-medium">{view.proxy}</span>.
        </p>
      ) : null}
      {view.behind.length > 0 ? (
        <div className="text-sm" data-testid="front-door-behind">
          <span className="font-medium">Reached through: </span>
          <ul className="inline">
            {view.behind.map((b, i) => (
              <li key={`${b.service}-${b.route}`} className="inline">
                {i > 0 ? ', ' : ''}
                <ServiceLink
                  namespace={b.namespace}
                  name={b.name}
                  target={target}
                  testId="front-door-behind-link"
                />{' '}
                <span className="text-slate-600 dark:text-slate-400">({b.route})</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {view.routes.length > 0 ? (
        <div className="text-sm" data-testid="front-door-routes">
          <h3 className="font-medium">Routes this proxy serves</h3>
          <ul className="list-disc pl-5">
            {view.routes.map((r) => (
              <li key={`${r.kind}/${r.object}`} data-testid="front-door-route">
                {r.kind} <span className="font-mono">{r.object}</span>
                {r.hosts.length > 0 ? ` (${r.hosts.join(', ')})` : ''} →{' '}
                {r.backends.map((b, i) => (
                  <span key={b.service}>
                    {i > 0 ? ', ' : ''}
                    <ServiceLink
                      namespace={b.namespace}
                      name={b.name}
                      target={target}
                      testId="front-door-backend-link"
                    />
                  </span>
                ))}
                {r.loadBalancer ? ` via ${r.loadBalancer}` : ''}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="grid gap-6">
        {[...view.policies]
          .sort((a, b) => Number(b.actual) - Number(a.actual))
          .map((p) => (
            <PolicyRow key={p.policy} p={p} />
          ))}
      </div>
    </section>
  );
}
